"""wvorm's own HTTP/2 unary calls: the header block, flow control both ways, the connection
pool, failures, and when the sync transport uses them instead of grpcio."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import hpack
import numpy as np
import pytest
from hpack.hpack import decode_integer

import wvorm_core
from wvorm_core._ops import search
from wvorm_core._transport.auth import AuthSession
from wvorm_core._transport.common import TransportSettings
from wvorm_core._transport.http2 import Connection, Http2Channel
from wvorm_core._transport.http2_events import CallFailed
from wvorm_core._transport.http2_headers import HeaderDecoder, hpack_int, request_headers
from wvorm_core.classes.config import Configure, DataType, Property
from wvorm_core.classes.init import AdditionalConfig
from wvorm_core.embedded import EmbeddedOptions, EmbeddedServer, free_port
from wvorm_core.exceptions import WeaviateQueryError, WeaviateTimeoutError
from wvorm_core.proto.v1 import search_get_pb2

SEARCH = f"/{search.SERVICE}/Search"


@pytest.mark.parametrize("value", [0, 1, 126, 127, 128, 300, 16_383, 2**20, 2**31 - 1])
@pytest.mark.parametrize("prefix", [4, 7])
def test_hpack_integers_read_back(value: int, prefix: int) -> None:
    assert decode_integer(hpack_int(value, prefix), prefix) == (
        value,
        len(hpack_int(value, prefix)),
    )


def test_request_headers_decode_to_a_grpc_call() -> None:
    token = "Bearer " + "t" * 300  # longer than a one-byte length
    block = request_headers(
        "127.0.0.1:50051", SEARCH, (("authorization", token), ("X-Tenant", "é")), 2.5
    )
    assert hpack.Decoder().decode(block) == [
        (":method", "POST"),
        (":scheme", "http"),
        (":path", SEARCH),
        (":authority", "127.0.0.1:50051"),
        ("content-type", "application/grpc"),
        ("te", "trailers"),
        ("grpc-timeout", "2500m"),
        ("authorization", token),
        ("x-tenant", "é"),
    ]


@pytest.mark.parametrize(
    ("timeout", "sent"), [(0.0001, "1m"), (90, "90000m"), (200_000, "200000S"), (1e12, "99999999S")]
)
def test_timeouts_fit_grpc_timeout(timeout: float, sent: str) -> None:
    fields = dict(hpack.Decoder().decode(request_headers("h:1", SEARCH, (), timeout)))
    assert fields["grpc-timeout"] == sent


def test_a_header_value_with_a_line_break_is_refused() -> None:
    with pytest.raises(CallFailed, match="'x-key' has a line break"):
        request_headers("h:1", SEARCH, (("x-key", "a\r\nb"),), None)


def test_header_blocks_are_cached_only_when_they_leave_the_table_empty() -> None:
    fields = [("grpc-status", "0"), ("grpc-message", "")]
    indexing = hpack.Encoder()  # adds fields to its table: a block's meaning depends on history
    stateless = hpack.Encoder()
    stateless.header_table_size = 0  # what our SETTINGS ask of the server
    decoder = HeaderDecoder()
    indexed = indexing.encode(fields)
    assert decoder.decode(indexed) == dict(fields)
    assert indexed not in decoder._decoded
    plain = stateless.encode(fields)
    decoder = HeaderDecoder()
    assert decoder.decode(plain) == dict(fields)
    assert decoder._decoded[plain] == dict(fields)
    with pytest.raises(CallFailed, match="bad header block") as bad:
        decoder.decode(b"\xff\xff\xff\xff\xff\xff")
    assert bad.value.broken


def _settings(grpc_secure: bool = False, **config: object) -> TransportSettings:
    return TransportSettings(
        wvorm_core.ConnectionParams.from_params("127.0.0.1", 1, False, "127.0.0.1", 2, grpc_secure),
        AuthSession(None),
        {},
        AdditionalConfig(**config),  # type: ignore[arg-type]
    )


@pytest.mark.parametrize("name", ["grpc_proxy", "https_proxy", "HTTP_PROXY"])
def test_grpcio_serves_what_the_builtin_calls_do_not(
    monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    for var in ("grpc_proxy", "https_proxy", "http_proxy", "no_proxy"):
        monkeypatch.delenv(var, raising=False)
        monkeypatch.delenv(var.upper(), raising=False)
    assert _settings().builtin_grpc()
    assert not _settings(builtin_grpc=False).builtin_grpc()
    assert not _settings(grpc_secure=True).builtin_grpc()
    assert not _settings(grpc_channel_options=(("grpc.keepalive_time_ms", 1000),)).builtin_grpc()
    monkeypatch.setenv(name, "http://proxy.invalid:3128")
    assert not _settings().builtin_grpc()
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    assert _settings().builtin_grpc()


@pytest.fixture(scope="module")
def big_collection(client: wvorm_core.WeaviateClient) -> Iterator[str]:
    """1,200 objects with 256-d vectors: one insert of about 1.3 MB, and replies as large."""
    name = "Http2Big"
    col = client.collections.create(
        name,
        properties=[Property(name="n", data_type=DataType.INT)],
        vector_config=Configure.Vectors.self_provided(
            vector_index_config=Configure.VectorIndex.flat()
        ),
    )
    vectors = np.random.default_rng(5).random((1200, 256), dtype=np.float32)
    result = col.data.insert_many(
        [wvorm_core.classes.data.DataObject({"n": i}, vector=vectors[i]) for i in range(1200)]
    )
    assert not result.errors
    yield name
    client.collections.delete(name)


def _fetch_all(name: str) -> bytes:
    options = {"limit": 1200, "include_vector": True}
    message, _ = search.prepare(search.Target(name), "test", ["n"], options, None)
    return message.SerializeToString()


def test_large_request_and_reply_through_small_windows(
    server: EmbeddedServer, client: wvorm_core.WeaviateClient, big_collection: str
) -> None:
    """With 64 KiB windows the 1.3 MB reply needs many window updates from us; the insert
    that made the collection waited for the server's."""
    stored = client.collections.use(big_collection).aggregate.over_all(total_count=True)
    assert stored.total_count == 1200
    connection = Connection(server.host, server.grpc_port, 10, window=65_535)
    try:
        for _ in range(2):  # the connection stays usable after the first reply
            raw = connection.unary(
                request_headers("x", SEARCH, (), 10), _fetch_all(big_collection), 2**26
            )
            assert len(raw) > 1_000_000
            reply = search_get_pb2.SearchReply.FromString(raw)
            ids = {r.metadata.id for r in reply.results}
            assert len(ids) == 1200
            assert sorted(
                r.properties.non_ref_props.fields["n"].int_value for r in reply.results
            ) == list(range(1200))
    finally:
        connection.close()


def test_builtin_and_grpcio_calls_read_the_same(
    server: EmbeddedServer, big_collection: str
) -> None:
    replies = []
    for builtin in (True, False):
        config = AdditionalConfig(builtin_grpc=builtin)
        with wvorm_core.connect_to_local(
            host=server.host, port=server.port, grpc_port=server.grpc_port, additional_config=config
        ) as client:
            assert (client._transport._http2 is not None) is builtin  # type: ignore[attr-defined]
            col = client.collections.use(big_collection)
            got = col.query.fetch_objects(limit=1200, include_vector=True)
            replies.append(
                sorted((o.uuid, o.properties["n"], bytes(o.vector["default"])) for o in got.objects)
            )
            with pytest.raises(WeaviateQueryError, match="NoSuchCollection"):
                client.collections.use("NoSuchCollection").query.fetch_objects()
    assert replies[0] == replies[1]
    assert len(replies[0]) == 1200


def test_replies_over_the_message_limit_are_refused(
    server: EmbeddedServer, big_collection: str
) -> None:
    config = AdditionalConfig(grpc_max_message_size=100_000)
    with wvorm_core.connect_to_local(
        host=server.host, port=server.port, grpc_port=server.grpc_port, additional_config=config
    ) as client:
        col = client.collections.use(big_collection)
        assert len(col.query.fetch_objects(limit=10).objects) == 10
        with pytest.raises(WeaviateQueryError, match=r"exceeds the 100000-byte message limit"):
            col.query.fetch_objects(limit=1200, include_vector=True)
        assert len(col.query.fetch_objects(limit=10).objects) == 10


def test_a_request_over_the_limit_never_leaves() -> None:
    nothing_there = Http2Channel("127.0.0.1", free_port())
    with pytest.raises(CallFailed, match="request of 2000 bytes exceeds the 1000-byte") as failed:
        nothing_there.unary(SEARCH, b"x" * 2000, (), 1, 1000)
    assert failed.value.code == "RESOURCE_EXHAUSTED"
    with pytest.raises(CallFailed, match="cannot connect") as refused:
        nothing_there.unary(SEARCH, b"x", (), 1, 1000)
    assert refused.value.code == "UNAVAILABLE"


def test_a_silent_peer_times_out() -> None:
    """A listener that accepts and never answers: the call ends at the timeout."""
    with socket.create_server(("127.0.0.1", 0)) as listener:
        channel = Http2Channel("127.0.0.1", listener.getsockname()[1])
        with pytest.raises(CallFailed, match="within the timeout") as failed:
            channel.unary(SEARCH, b"", (), 0.2, 1000)
        assert failed.value.code == "DEADLINE_EXCEEDED"
        channel.close()
    error = wvorm_core._ops.calls.grpc_error(SEARCH, failed.value.code, failed.value.details)
    assert isinstance(error, WeaviateTimeoutError)


def test_threads_share_a_client(client: wvorm_core.WeaviateClient, big_collection: str) -> None:
    col = client.collections.use(big_collection)
    expected = sorted(o.properties["n"] for o in col.query.fetch_objects(limit=50).objects)
    seen: list[list[object]] = []

    def work() -> None:
        for _ in range(20):
            seen.append(
                sorted(o.properties["n"] for o in col.query.fetch_objects(limit=50).objects)
            )

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(seen) == 160
    assert all(result == expected for result in seen)
    assert 1 <= len(client._transport._http2._idle) <= 8  # type: ignore[attr-defined]


def test_idle_connections_survive_a_server_restart(tmp_path: Path) -> None:
    first = EmbeddedOptions(port=0, grpc_port=0, persistence_data_path=str(tmp_path))
    server = EmbeddedServer(first)
    server.start()
    try:
        client = wvorm_core.connect_to_local(
            host=server.host, port=server.port, grpc_port=server.grpc_port
        )
        col = client.collections.create(
            "Restarted", properties=[Property(name="n", data_type=DataType.INT)]
        )
        col.data.insert_many([{"n": 1}, {"n": 2}])
        assert len(col.query.fetch_objects().objects) == 2
        server.stop()
        again = EmbeddedOptions(
            port=server.port, grpc_port=server.grpc_port, persistence_data_path=str(tmp_path)
        )
        server = EmbeddedServer(again)
        server.start()
        assert len(col.query.fetch_objects().objects) == 2  # on a new connection
        client.close()
    finally:
        server.stop()
