"""Connecting, meta, liveness and readiness, and connection failures: sync and async."""

from __future__ import annotations

import os
import time

import pytest

import wvorm_core
from wvorm_core._ops.calls import RestRequest
from wvorm_core._transport.auth import AuthSession
from wvorm_core._transport.common import TransportSettings
from wvorm_core.classes.config import DataType, Property
from wvorm_core.classes.init import AdditionalConfig, Timeout
from wvorm_core.embedded import WEAVIATE_VERSION, EmbeddedServer, free_port
from wvorm_core.exceptions import WeaviateConnectionError, WeaviateInvalidInputError


def test_connect_reads_the_pinned_server_version(client: wvorm_core.WeaviateClient) -> None:
    assert client.is_connected()
    assert str(client.server_version) == WEAVIATE_VERSION
    meta = client.get_meta()
    assert meta["version"] == WEAVIATE_VERSION
    assert "text2vec-transformers" in meta["modules"]
    assert meta["grpcMaxMessageSize"] > 0


def test_live_and_ready(client: wvorm_core.WeaviateClient) -> None:
    assert client.is_live() is True
    assert client.is_ready() is True


def test_version_gates(client: wvorm_core.WeaviateClient) -> None:
    version = client.server_version
    assert version.is_at_least(1, 39)
    assert not version.is_at_least(99, 0)
    version.require("anything", 1, 30)
    with pytest.raises(wvorm_core.exceptions.WeaviateUnsupportedFeatureError, match=r"99\.0\.0"):
        version.require("time travel", 99, 0)


async def test_async_connect_and_meta(server: EmbeddedServer) -> None:
    client = wvorm_core.use_async_with_local(
        host=server.host, port=server.port, grpc_port=server.grpc_port
    )
    assert not client.is_connected()
    async with client:
        assert str(client.server_version) == WEAVIATE_VERSION
        assert (await client.get_meta())["version"] == WEAVIATE_VERSION
        assert await client.is_live()
        assert await client.is_ready()
    assert not client.is_connected()


def test_closed_client_is_not_connected(server: EmbeddedServer) -> None:
    client = wvorm_core.connect_to_local(
        host=server.host, port=server.port, grpc_port=server.grpc_port
    )
    client.close()
    assert not client.is_connected()
    with pytest.raises(WeaviateConnectionError, match="not connected"):
        _ = client.server_version


def test_nothing_listening_fails_fast() -> None:
    port = free_port()
    config = AdditionalConfig(timeout=Timeout(init=2))
    started = time.monotonic()
    with pytest.raises(
        WeaviateConnectionError, match=f"could not connect to Weaviate at .*:{port}"
    ) as refused:
        wvorm_core.connect_to_local(host="127.0.0.1", port=port, additional_config=config)
    assert f"GET http://127.0.0.1:{port}/v1/meta: ConnectError" in str(refused.value)
    assert time.monotonic() - started < 2


async def test_nothing_listening_fails_fast_async() -> None:
    port = free_port()
    client = wvorm_core.use_async_with_local(host="127.0.0.1", port=port)
    with pytest.raises(WeaviateConnectionError, match="could not connect") as refused:
        await client.connect()
    await client.close()
    assert f"GET http://127.0.0.1:{port}/v1/meta: ConnectError" in str(refused.value)


def test_wrong_grpc_port_is_named(server: EmbeddedServer) -> None:
    port = free_port()
    with pytest.raises(WeaviateConnectionError, match=f"not gRPC at 127.0.0.1:{port}"):
        wvorm_core.connect_to_local(host=server.host, port=server.port, grpc_port=port)


def test_probes_answer_false_without_a_server() -> None:
    client = wvorm_core.WeaviateClient(
        wvorm_core.ConnectionParams.from_params(
            "127.0.0.1", free_port(), False, "127.0.0.1", 1, False
        )
    )
    assert client.is_live() is False
    assert client.is_ready() is False
    client.close()


@pytest.mark.parametrize(
    ("host", "port"),
    [("", 8080), ("http://localhost", 8080), ("localhost", 0), ("localhost", 70000)],
)
def test_bad_endpoint_is_refused_before_the_network(host: str, port: int) -> None:
    with pytest.raises(WeaviateInvalidInputError):
        wvorm_core.connect_to_local(host=host, port=port)


def test_cloud_endpoints() -> None:
    client = wvorm_core.WeaviateClient(
        wvorm_core.connect._cloud("https://abc.c0.europe-west3.gcp.weaviate.cloud")
    )
    assert repr(client) == (
        "WeaviateClient(https://abc.c0.europe-west3.gcp.weaviate.cloud:443, "
        "grpc=grpc-abc.c0.europe-west3.gcp.weaviate.cloud:443, not connected)"
    )
    client.close()


def test_sync_client_works_in_a_forked_child(
    client: wvorm_core.WeaviateClient, collection_name: str
) -> None:
    """The child opens its own gRPC channel instead of reusing the parent's."""
    col = client.collections.create(
        collection_name, properties=[Property(name="n", data_type=DataType.INT)]
    )
    col.data.insert_many([{"n": 1}, {"n": 2}])
    assert len(col.query.fetch_objects().objects) == 2  # the parent's channel is open
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        ok = False
        try:
            ok = len(col.query.fetch_objects().objects) == 2
        finally:
            os._exit(0 if ok else 1)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert len(col.query.fetch_objects().objects) == 2


def test_headers_and_credentials_reach_both_protocols() -> None:
    settings = TransportSettings(
        wvorm_core.ConnectionParams.from_params("h", 1, False, "h", 2, False),
        AuthSession(wvorm_core.Auth.api_key("k")),
        {"X-OpenAI-Api-Key": "o"},
        AdditionalConfig(timeout=Timeout(query=5, insert=7, init=1)),
    )
    assert settings.grpc_metadata() == (("x-openai-api-key", "o"), ("authorization", "Bearer k"))
    assert settings.request_headers(RestRequest("GET", "/meta")) == {"Authorization": "Bearer k"}
    assert settings.http_client_options()["headers"] == {"X-OpenAI-Api-Key": "o"}
    assert settings.timeouts == {"init": 1, "query": 5, "insert": 7}
    unauthenticated = RestRequest("POST", "http://idp/token", authenticated=False)
    assert settings.request_headers(unauthenticated) == {}
