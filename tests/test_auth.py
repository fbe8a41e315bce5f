"""API-key authentication against a server that requires it; secrets never leak."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

import wvorm_core
from wvorm_core import Auth
from wvorm_core.embedded import EmbeddedOptions, EmbeddedServer
from wvorm_core.exceptions import WeaviateAuthenticationError

KEY = "wvorm-test-key-5f2c9a"
WRONG = "wvorm-wrong-key-77d1e0"


@pytest.fixture(scope="module")
def secured(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedServer]:
    options = EmbeddedOptions(
        port=0,
        grpc_port=0,
        persistence_data_path=str(tmp_path_factory.mktemp("secured")),
        modules=(),
        environment_variables={
            "AUTHENTICATION_ANONYMOUS_ACCESS_ENABLED": "false",
            "AUTHENTICATION_APIKEY_ENABLED": "true",
            "AUTHENTICATION_APIKEY_ALLOWED_KEYS": KEY,
            "AUTHENTICATION_APIKEY_USERS": "tester",
        },
    )
    with EmbeddedServer(options) as running:
        yield running


def _connect(server: EmbeddedServer, key: str | None) -> wvorm_core.WeaviateClient:
    return wvorm_core.connect_to_local(
        host=server.host,
        port=server.port,
        grpc_port=server.grpc_port,
        auth_credentials=Auth.api_key(key) if key is not None else None,
    )


def test_right_key_is_accepted_on_rest_and_grpc(secured: EmbeddedServer) -> None:
    with _connect(secured, KEY) as client:
        assert client.get_meta()["version"]
        assert client.collections.list_all() == {}
        collection = client.collections.use("Nothing")
        with pytest.raises(wvorm_core.exceptions.WeaviateQueryError):
            collection.query.fetch_objects()  # authenticated, so the server gets to say "no class"


@pytest.mark.parametrize("key", [WRONG, None])
def test_wrong_or_missing_key_is_refused(secured: EmbeddedServer, key: str | None) -> None:
    with pytest.raises(WeaviateAuthenticationError, match="401"):
        _connect(secured, key)


@pytest.mark.parametrize("key", [WRONG, None])
def test_grpc_refuses_wrong_or_missing_key(secured: EmbeddedServer, key: str | None) -> None:
    client = wvorm_core.WeaviateClient(
        wvorm_core.ConnectionParams.from_params(
            secured.host, secured.port, False, secured.host, secured.grpc_port, False
        ),
        auth_client_secret=Auth.api_key(key) if key is not None else None,
    )
    with pytest.raises(
        WeaviateAuthenticationError, match=r"gRPC Search: .*(unauthorized|anonymous)"
    ):
        client.collections.use("Anything").query.fetch_objects()
    client.close()


async def test_async_key_handling(secured: EmbeddedServer) -> None:
    good = wvorm_core.use_async_with_local(
        host=secured.host,
        port=secured.port,
        grpc_port=secured.grpc_port,
        auth_credentials=Auth.api_key(KEY),
    )
    async with good:
        assert await good.collections.list_all() == {}
    bad = wvorm_core.use_async_with_local(
        host=secured.host,
        port=secured.port,
        grpc_port=secured.grpc_port,
        auth_credentials=Auth.api_key(WRONG),
    )
    with pytest.raises(WeaviateAuthenticationError):
        await bad.connect()
    await bad.close()


def test_no_secret_in_repr_logs_or_errors(
    secured: EmbeddedServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    seen: list[str] = []
    credentials = [
        Auth.api_key(WRONG),
        Auth.bearer_token(WRONG, refresh_token=WRONG),
        Auth.client_credentials(WRONG),
        Auth.client_password("user", WRONG),
    ]
    seen += [repr(c) for c in credentials] + [str(c) for c in credentials]
    with pytest.raises(WeaviateAuthenticationError) as refused:
        _connect(secured, WRONG)
    seen += [str(refused.value), repr(refused.value)]
    client = wvorm_core.WeaviateClient(
        wvorm_core.ConnectionParams.from_params(
            secured.host, secured.port, False, secured.host, secured.grpc_port, False
        ),
        auth_client_secret=Auth.api_key(WRONG),
        additional_headers={"X-OpenAI-Api-Key": WRONG},
    )
    seen.append(repr(client))
    with pytest.raises(WeaviateAuthenticationError) as grpc_refused:
        client.collections.use("Anything").query.fetch_objects()
    seen += [str(grpc_refused.value), repr(grpc_refused.value)]
    client.close()
    seen += [record.getMessage() for record in caplog.records]
    assert any("httpx" in record.name for record in caplog.records)  # logging was on
    leaks = [text for text in seen if WRONG in text]
    assert leaks == []
