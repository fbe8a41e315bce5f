"""The asyncio client's unary gRPC calls over wvorm's own HTTP/2 (`http2_aio`): against the real
server (queries, inserts, errors, concurrency, small windows, the grpc.aio switch), and against
scripted loopback peers (retries after GOAWAY and REFUSED_STREAM, connections the server
closed, timeouts, cancellation, a new event loop); the blocking driver's retries too."""

from __future__ import annotations

import asyncio
import socket
import threading
import uuid
from collections.abc import Awaitable, Callable, Iterator
from typing import TypeVar

import hpack
import numpy as np
import pytest

import wvorm_core
from wvorm_core._ops import search
from wvorm_core._transport.http2 import Http2Channel
from wvorm_core._transport.http2_aio import AsyncConnection, AsyncHttp2Channel
from wvorm_core._transport.http2_connection import ConnectionState
from wvorm_core._transport.http2_events import CallFailed
from wvorm_core._transport.http2_headers import request_headers
from wvorm_core.classes.config import Configure, DataType, Property
from wvorm_core.classes.data import DataObject
from wvorm_core.classes.init import AdditionalConfig
from wvorm_core.embedded import EmbeddedServer, free_port
from wvorm_core.exceptions import WeaviateQueryError, WeaviateTimeoutError
from wvorm_core.proto.v1 import search_get_pb2

SEARCH = f"/{search.SERVICE}/Search"
T = TypeVar("T")


def _connect(server: EmbeddedServer, **config: object) -> wvorm_core.WeaviateAsyncClient:
    return wvorm_core.use_async_with_local(
        host=server.host,
        port=server.port,
        grpc_port=server.grpc_port,
        additional_config=AdditionalConfig(**config),  # type: ignore[arg-type]
    )


@pytest.fixture(scope="module")
def vectors_collection(client: wvorm_core.WeaviateClient) -> Iterator[str]:
    name = "Http2Async"
    client.collections.create(
        name,
        properties=[Property(name="n", data_type=DataType.INT)],
        vector_config=Configure.Vectors.self_provided(
            vector_index_config=Configure.VectorIndex.flat()
        ),
    )
    yield name
    client.collections.delete(name)


async def _exercise(client: wvorm_core.WeaviateAsyncClient, name: str) -> list[object]:
    """Insert (a request of about 650 kB), query, aggregate and fail, over gRPC."""
    col = client.collections.use(name)
    vectors = np.random.default_rng(3).random((600, 256), dtype=np.float32)
    result = await col.data.insert_many(  # the same ids each time: a second run replaces
        [DataObject({"n": i}, uuid=uuid.UUID(int=i + 1), vector=vectors[i]) for i in range(600)]
    )
    assert not result.has_errors
    every = await col.query.fetch_objects(limit=600, include_vector=True)
    near = await col.query.near_vector(vectors[7].tolist(), limit=3)
    total = await col.aggregate.over_all(total_count=True)
    with pytest.raises(WeaviateQueryError, match="NoSuchCollection"):
        await client.collections.use("NoSuchCollection").query.fetch_objects()
    return [
        sorted((o.properties["n"], bytes(o.vector["default"])) for o in every.objects),
        near.objects[0].properties["n"],
        total.total_count,
    ]


async def test_the_async_client_goes_over_the_builtin_path(
    server: EmbeddedServer, vectors_collection: str
) -> None:
    async with _connect(server) as ours:
        transport = ours._transport
        assert isinstance(transport._http2, AsyncHttp2Channel)
        builtin = await _exercise(ours, vectors_collection)
        assert transport._channel is None  # grpc.aio never opened
        assert transport._http2._idle
    async with _connect(server, builtin_grpc=False) as through_grpcio:
        assert through_grpcio._transport._http2 is None
        grpcio = await _exercise(through_grpcio, vectors_collection)
        assert through_grpcio._transport._channel is not None
    assert builtin == grpcio
    assert builtin[1:] == [7, 600]


async def test_coroutines_share_a_pool(
    async_client: wvorm_core.WeaviateAsyncClient, vectors_collection: str
) -> None:
    col = async_client.collections.use(vectors_collection)
    await col.data.insert_many([{"n": i} for i in range(600, 650)])
    expected = sorted(o.uuid for o in (await col.query.fetch_objects(limit=40)).objects)
    results = await asyncio.gather(*(col.query.fetch_objects(limit=40) for _ in range(24)))
    assert all(sorted(o.uuid for o in r.objects) == expected for r in results)
    pool = async_client._transport._http2
    assert pool is not None
    assert 1 <= len(pool._idle) <= 24
    assert all(c.machine.state is ConnectionState.IDLE for c in pool._idle)


async def test_a_large_reply_through_a_small_window(
    server: EmbeddedServer, vectors_collection: str
) -> None:
    """With a 64 KiB window, a reply of several hundred kB needs many window updates."""
    loop = asyncio.get_running_loop()
    _, connection = await loop.create_connection(
        lambda: AsyncConnection(window=65_535), server.host, server.grpc_port
    )
    options = {"limit": 600, "include_vector": True}
    message, _ = search.prepare(search.Target(vectors_collection), "t", ["n"], options, None)
    head = request_headers("x", SEARCH, (), 10)
    try:
        for _ in range(2):  # the connection stays usable after the first reply
            raw = await connection.unary(head, message.SerializeToString(), 2**26, 10)
            assert len(raw) > 600_000
            assert len(search_get_pb2.SearchReply.FromString(raw).results) == 600
    finally:
        connection.close()


async def test_replies_over_the_message_limit_are_refused(
    server: EmbeddedServer, vectors_collection: str
) -> None:
    async with _connect(server, grpc_max_message_size=100_000) as client:
        col = client.collections.use(vectors_collection)
        assert len((await col.query.fetch_objects(limit=10)).objects) == 10
        with pytest.raises(WeaviateQueryError, match=r"exceeds the 100000-byte message limit"):
            await col.query.fetch_objects(limit=600, include_vector=True)
        assert len((await col.query.fetch_objects(limit=10)).objects) == 10


async def test_a_request_over_the_limit_never_leaves_and_nothing_listening_fails() -> None:
    nothing_there = AsyncHttp2Channel("127.0.0.1", free_port())
    with pytest.raises(CallFailed, match="request of 2000 bytes exceeds") as too_big:
        await nothing_there.unary(SEARCH, b"x" * 2000, (), 1, 1000)
    assert too_big.value.code == "RESOURCE_EXHAUSTED"
    with pytest.raises(CallFailed, match="cannot connect") as refused:
        await nothing_there.unary(SEARCH, b"x", (), 1, 1000)
    assert refused.value.code == "UNAVAILABLE"


# -- scripted peers -------------------------------------------------------------------------


def _frame(kind: int, payload: bytes = b"", flags: int = 0, stream: int = 0) -> bytes:
    head = len(payload).to_bytes(3, "big") + bytes((kind, flags)) + stream.to_bytes(4, "big")
    return head + payload


def _block(fields: list[tuple[str, str]]) -> bytes:
    encoder = hpack.Encoder()
    encoder.header_table_size = 0
    return encoder.encode(fields)


SETTINGS = _frame(4)
GOAWAY_ALL = SETTINGS + _frame(7, bytes(8))  # last stream 0: no call was processed
REFUSED = SETTINGS + _frame(3, (7).to_bytes(4, "big"), 0, 1)
REPLY = (
    SETTINGS
    + _frame(1, _block([(":status", "200")]), 0x4, 1)
    + _frame(0, b"\x00\x00\x00\x00\x02ok", 0, 1)
    + _frame(1, _block([("grpc-status", "0")]), 0x5, 1)
)


class ScriptedPeer:
    """A loopback server answering its n-th connection with `answers[n]` (None: silence),
    then closing its side once the client has read it."""

    def __init__(self, *answers: bytes | None, keep_open: bool = False) -> None:
        self.answers = list(answers)
        self.keep_open = keep_open
        self.connections = 0
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            answer = self.answers[min(self.connections, len(self.answers) - 1)]
            self.connections += 1
            threading.Thread(target=self._answer, args=(conn, answer), daemon=True).start()

    def _answer(self, conn: socket.socket, answer: bytes | None) -> None:
        conn.settimeout(10)
        with conn:
            try:
                reader = conn.makefile("rb")
                reader.read(24)
                while True:
                    head = reader.read(9)
                    if len(head) < 9:
                        return
                    reader.read(int.from_bytes(head[:3], "big"))
                    if head[3] == 0 and head[4] & 1:
                        break
                if answer is not None:
                    conn.sendall(answer)
                    if not self.keep_open:
                        conn.shutdown(socket.SHUT_WR)
                while conn.recv(1 << 16):
                    pass
            except OSError:
                return

    def close(self) -> None:
        self.listener.close()


@pytest.fixture
def peer(request: pytest.FixtureRequest) -> Iterator[ScriptedPeer]:
    scripted = ScriptedPeer(*request.param)
    yield scripted
    scripted.close()


@pytest.mark.parametrize("peer", [(GOAWAY_ALL, REPLY), (REFUSED, REPLY)], indirect=True)
async def test_a_call_the_server_never_saw_is_sent_again(peer: ScriptedPeer) -> None:
    channel = AsyncHttp2Channel("127.0.0.1", peer.port)
    assert await channel.unary(SEARCH, b"", (), 5, 1000) == b"ok"
    await channel.close()


@pytest.mark.parametrize("peer", [(GOAWAY_ALL, REPLY), (REFUSED, REPLY)], indirect=True)
def test_a_call_the_server_never_saw_is_sent_again_blocking(peer: ScriptedPeer) -> None:
    channel = Http2Channel("127.0.0.1", peer.port)
    assert channel.unary(SEARCH, b"", (), 5, 1000) == b"ok"
    channel.close()


@pytest.mark.parametrize("peer", [(GOAWAY_ALL,)], indirect=True)
async def test_a_second_refusal_fails_the_call(peer: ScriptedPeer) -> None:
    channel = AsyncHttp2Channel("127.0.0.1", peer.port)
    with pytest.raises(CallFailed, match="going away") as failed:
        await channel.unary(SEARCH, b"", (), 5, 1000)
    assert failed.value.code == "UNAVAILABLE"
    assert peer.connections == 2
    await channel.close()


@pytest.mark.parametrize("peer", [(REPLY,)], indirect=True)
async def test_a_connection_the_server_closed_while_idle_is_replaced(peer: ScriptedPeer) -> None:
    channel = AsyncHttp2Channel("127.0.0.1", peer.port)
    assert await channel.unary(SEARCH, b"", (), 5, 1000) == b"ok"
    while channel._idle and channel._idle[0].machine.state is ConnectionState.IDLE:
        await asyncio.sleep(0.01)  # until the loop has seen the server's close
    assert await channel.unary(SEARCH, b"", (), 5, 1000) == b"ok"
    assert peer.connections == 2
    await channel.close()


@pytest.mark.parametrize("peer", [(None,)], indirect=True)
async def test_a_silent_peer_times_out_and_a_cancelled_call_leaves_no_connection(
    peer: ScriptedPeer,
) -> None:
    channel = AsyncHttp2Channel("127.0.0.1", peer.port)
    with pytest.raises(CallFailed, match="within the timeout") as failed:
        await channel.unary(SEARCH, b"", (), 0.2, 1000)
    assert failed.value.code == "DEADLINE_EXCEEDED"
    error = wvorm_core._ops.calls.grpc_error(SEARCH, failed.value.code, failed.value.details)
    assert isinstance(error, WeaviateTimeoutError)
    task = asyncio.create_task(channel.unary(SEARCH, b"", (), None, 1000))
    while peer.connections < 2:
        await asyncio.sleep(0.01)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert channel._idle == []
    await channel.close()


async def test_a_short_timeout_after_a_long_one_on_the_same_connection() -> None:
    """The connection keeps one deadline timer: a shorter deadline must move it earlier."""
    peer = ScriptedPeer(REPLY, keep_open=True)  # answers the first call, ignores the next
    channel = AsyncHttp2Channel("127.0.0.1", peer.port)
    try:
        assert await channel.unary(SEARCH, b"", (), 3600, 1000) == b"ok"
        with pytest.raises(CallFailed, match="within the timeout") as failed:
            await asyncio.wait_for(channel.unary(SEARCH, b"", (), 0.2, 1000), 30)
        assert failed.value.code == "DEADLINE_EXCEEDED"
        assert peer.connections == 1
    finally:
        await channel.close()
        peer.close()


def test_a_channel_moves_to_a_new_event_loop(server: EmbeddedServer) -> None:
    channel = AsyncHttp2Channel(server.host, server.grpc_port)
    message, _ = search.prepare(search.Target("NoSuchCollection"), "t", ["n"], {}, None)

    async def call() -> str:
        with pytest.raises(CallFailed) as failed:
            await channel.unary(SEARCH, message.SerializeToString(), (), 5, 2**20)
        return failed.value.details

    def in_a_new_loop(coroutine: Callable[[], Awaitable[T]]) -> T:
        results: list[T] = []
        thread = threading.Thread(target=lambda: results.append(asyncio.run(coroutine())))
        thread.start()
        thread.join()
        return results[0]

    first = in_a_new_loop(call)
    second = in_a_new_loop(call)  # the first loop's connection is dropped, a new one opens
    assert "NoSuchCollection" in first
    assert first == second
    in_a_new_loop(channel.close)
