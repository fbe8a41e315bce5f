"""Fuzzing the HTTP/2 machine and its drivers with real server replies, mutated.

Replies recorded from the live server (a small search, a large one with vectors, an error) are
fed to a fresh `ClientConnection` in random chunks after seeded mutations: bit flips, byte
insertions and deletions, swapped and duplicated frames, truncation, and harmless rewrites
(padding, CONTINUATION splits, DATA splits, interleaved PING/SETTINGS/PRIORITY/unknown
frames). Every case must end, once its bytes and the close are in, in exactly one `CallEnded`:
a `CallFailed` with a gRPC status, or a payload, and then only the one the mutated bytes
carry. HTTP/2 has no checksum, so a flipped bit inside the message, or two DATA frames of it
swapped, legitimately changes the payload: the oracle works that payload out from the frames;
any other success must be the recorded one. Harmless rewrites must give the recorded outcome.
A sample also goes through real loopback sockets to the blocking and the asyncio drivers.
"""

from __future__ import annotations

import random
import socket
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import grpc
import pytest

import wvorm_core
from wvorm_core._ops import search
from wvorm_core._transport.http2 import Http2Channel
from wvorm_core._transport.http2_aio import AsyncHttp2Channel
from wvorm_core._transport.http2_connection import ClientConnection
from wvorm_core._transport.http2_events import CallEnded, CallFailed
from wvorm_core._transport.http2_headers import request_headers
from wvorm_core.classes.config import Configure, DataType, Property
from wvorm_core.classes.data import DataObject
from wvorm_core.embedded import EmbeddedServer

DATA, HEADERS, PRIORITY, SETTINGS, PING, WINDOW_UPDATE, CONTINUATION = 0, 1, 2, 4, 6, 8, 9
END_STREAM, END_HEADERS, PADDED = 0x1, 0x4, 0x8
METHOD = f"/{search.SERVICE}/Search"
LIMIT = 2**26
CASES_PER_KIND = 200
STATUS_NAMES = {code.name for code in grpc.StatusCode} - {"OK"}


@dataclass(frozen=True)
class Frame:
    kind: int
    flags: int
    stream: int
    payload: bytes

    def encode(self) -> bytes:
        size = len(self.payload)
        head = size.to_bytes(3, "big") + bytes((self.kind, self.flags))
        return head + self.stream.to_bytes(4, "big") + self.payload

    def content(self) -> bytes:
        """A DATA frame's payload without its padding."""
        if not self.flags & PADDED:
            return self.payload
        return self.payload[1 : len(self.payload) - self.payload[0]]


def parse(data: bytes) -> list[Frame]:
    frames = []
    while data:
        size = int.from_bytes(data[:3], "big")
        stream = int.from_bytes(data[5:9], "big")
        frames.append(Frame(data[3], data[4], stream, data[9 : 9 + size]))
        data = data[9 + size :]
    return frames


def encode(frames: list[Frame]) -> bytes:
    return b"".join(f.encode() for f in frames)


def message_of(frames: list[Frame]) -> bytes:
    """What the DATA frames of stream 1 carry after the 5-byte gRPC prefix."""
    return b"".join(f.content() for f in frames if f.kind == DATA and f.stream == 1)[5:]


@dataclass(frozen=True)
class Recording:
    """A real reply: the request that asked for it and the server's bytes until it ended."""

    name: str
    request: bytes
    data: bytes
    ended_at: int
    """Where the frame that ended the call ends: cutting the bytes after it is harmless."""
    outcome: str

    @property
    def frames(self) -> list[Frame]:
        return parse(self.data)


def replay(request: bytes, chunks: list[bytes]) -> tuple[CallEnded, int]:
    """Feed `chunks` and then the close to a fresh connection with the call in flight; returns
    its one `CallEnded` and how many bytes were fed before it came."""
    machine = ClientConnection()
    machine.send_request(request_headers("127.0.0.1:1", METHOD, (), 30), request, LIMIT)
    machine.data_to_send()
    ends: list[tuple[CallEnded, int]] = []
    fed = 0
    for chunk in [*chunks, b""]:
        fed += len(chunk)
        ends += [(e, fed) for e in machine.receive_data(chunk) if isinstance(e, CallEnded)]
        machine.data_to_send()
    assert len(ends) == 1, "every case ends its call once, and only once"
    return ends[0]


def outcome(end: CallEnded) -> tuple[str, bytes | None]:
    """('payload', its bytes) or ('failed:<code>', None); checks the failure is a clean one."""
    if end.failure is None:
        return "payload", bytes(end.reply())
    assert type(end.failure) is CallFailed
    assert end.failure.code in STATUS_NAMES
    return f"failed:{end.failure.code}", None


def chunked(data: bytes, rng: random.Random) -> list[bytes]:
    cuts = sorted(rng.sample(range(1, len(data)), min(len(data) - 1, rng.randint(0, 12))))
    return [data[a:b] for a, b in zip([0, *cuts], [*cuts, len(data)], strict=True)]


def record(server: EmbeddedServer, name: str, request: bytes) -> Recording:
    machine = ClientConnection()
    machine.send_request(request_headers("127.0.0.1:1", METHOD, (), 30), request, LIMIT)
    data = bytearray()
    with socket.create_connection((server.host, server.grpc_port), 10) as sock:
        sock.sendall(machine.data_to_send())
        while True:
            chunk = sock.recv(1 << 16)
            for at in range(len(chunk)):  # a byte at a time, to find where the call ended
                events = machine.receive_data(chunk[at : at + 1])
                data.append(chunk[at])
                if any(isinstance(e, CallEnded) for e in events):
                    end, _ = replay(request, [bytes(data)])
                    return Recording(name, request, bytes(data), len(data), outcome(end)[0])
            if pending := machine.data_to_send():
                sock.sendall(pending)


def _search(collection: str, **options: object) -> bytes:
    message, _ = search.prepare(search.Target(collection), "fuzz", ["n", "text"], options, None)
    return message.SerializeToString()


@pytest.fixture(scope="module")
def recordings(
    server: EmbeddedServer, client: wvorm_core.WeaviateClient
) -> Iterator[list[Recording]]:
    name = "Http2Fuzz"
    col = client.collections.create(
        name,
        properties=[
            Property(name="n", data_type=DataType.INT),
            Property(name="text", data_type=DataType.TEXT),
        ],
        vector_config=Configure.Vectors.self_provided(
            vector_index_config=Configure.VectorIndex.flat()
        ),
    )
    rng = random.Random(7)
    objects = [
        DataObject({"n": i, "text": f"object {i} " * 3}, vector=[rng.random() for _ in range(64)])
        for i in range(300)
    ]
    assert not col.data.insert_many(objects).errors
    made = [
        record(server, "small", _search(name, limit=3)),
        record(server, "large", _search(name, limit=300, include_vector=True)),
        record(server, "error", _search("NoSuchCollection", limit=3)),
    ]
    assert [r.outcome for r in made] == ["payload", "payload", "failed:UNKNOWN"]
    assert len(made[1].data) > 80_000
    assert sum(f.kind == DATA for f in made[1].frames) > 3
    yield made
    client.collections.delete(name)


# -- mutations: each returns the mutated bytes and the payload a success may have ----------
# (None: the call must fail; `HARMLESS`: it must end exactly as the recording did)

HARMLESS = b"<the recorded outcome>"
Mutation = Callable[[Recording, random.Random], tuple[bytes, bytes | None]]


def _original(rec: Recording) -> bytes | None:
    return message_of(rec.frames) if rec.outcome == "payload" else None


def flip_bits(rec: Recording, rng: random.Random) -> tuple[bytes, bytes | None]:
    data = bytearray(rec.data)
    content: dict[int, int] = {}  # offset in the bytes -> offset in the DATA content of stream 1
    at, seen = 0, 0
    for f in rec.frames:
        if f.kind == DATA and f.stream == 1:
            start = at + 9 + (1 if f.flags & PADDED else 0)
            for i in range(len(f.content())):
                content[start + i] = seen + i
            seen += len(f.content())
        at += 9 + len(f.payload)
    flat = bytearray(b"".join(f.content() for f in rec.frames if f.kind == DATA and f.stream == 1))
    for _ in range(rng.randint(1, 3)):
        offset, bit = rng.randrange(len(data)), 1 << rng.randrange(8)
        data[offset] ^= bit
        if offset in content:
            flat[content[offset]] ^= bit
    return bytes(data), bytes(flat[5:]) if rec.outcome == "payload" else None


def corrupt_framing(rec: Recording, rng: random.Random) -> tuple[bytes, bytes | None]:
    """Flip a bit in a frame's head, or in the payload of a frame other than DATA."""
    frames = rec.frames
    starts = [0]
    for f in frames:
        starts.append(starts[-1] + 9 + len(f.payload))
    i = rng.randrange(len(frames))
    span = 9 if frames[i].kind == DATA else 9 + len(frames[i].payload)
    data = bytearray(rec.data)
    data[starts[i] + rng.randrange(span)] ^= 1 << rng.randrange(8)
    return bytes(data), _original(rec)


def insert_byte(rec: Recording, rng: random.Random) -> tuple[bytes, bytes | None]:
    at = rng.randrange(len(rec.data) + 1)
    return rec.data[:at] + bytes((rng.randrange(256),)) + rec.data[at:], _original(rec)


def delete_bytes(rec: Recording, rng: random.Random) -> tuple[bytes, bytes | None]:
    at = rng.randrange(len(rec.data))
    return rec.data[:at] + rec.data[at + rng.randint(1, 4) :], _original(rec)


def swap_frames(rec: Recording, rng: random.Random) -> tuple[bytes, bytes | None]:
    frames = rec.frames
    i, j = sorted(rng.sample(range(len(frames)), 2))
    frames[i], frames[j] = frames[j], frames[i]
    return encode(frames), message_of(frames) if rec.outcome == "payload" else None


def duplicate_frame(rec: Recording, rng: random.Random) -> tuple[bytes, bytes | None]:
    frames = rec.frames
    i = rng.randrange(len(frames))
    frames.insert(rng.randrange(i, len(frames) + 1), frames[i])
    return encode(frames), _original(rec)


def truncate(rec: Recording, rng: random.Random) -> tuple[bytes, bytes | None]:
    at = rng.randrange(len(rec.data))
    return rec.data[:at], _original(rec) if at >= rec.ended_at else None


def repad(rec: Recording, rng: random.Random) -> tuple[bytes, bytes | None]:
    frames = []
    for f in rec.frames:
        if f.kind in (DATA, HEADERS) and not f.flags & PADDED and rng.random() < 0.6:
            pad = rng.randrange(256)
            filler = (
                bytes(rng.randrange(256) for _ in range(pad)) if rng.random() < 0.5 else bytes(pad)
            )
            f = Frame(f.kind, f.flags | PADDED, f.stream, bytes((pad,)) + f.payload + filler)
        frames.append(f)
    return encode(frames), HARMLESS


def refragment(rec: Recording, rng: random.Random) -> tuple[bytes, bytes | None]:
    frames = []
    for f in rec.frames:
        if (
            f.kind == HEADERS
            and f.flags & END_HEADERS
            and not f.flags & PADDED
            and len(f.payload) > 1
        ):
            cuts = sorted(
                rng.sample(range(1, len(f.payload)), min(len(f.payload) - 1, rng.randint(1, 5)))
            )
            parts = [
                f.payload[a:b] for a, b in zip([0, *cuts], [*cuts, len(f.payload)], strict=True)
            ]
            frames.append(Frame(HEADERS, f.flags & ~END_HEADERS, f.stream, parts[0]))
            frames += [Frame(CONTINUATION, 0, f.stream, p) for p in parts[1:-1]]
            frames.append(Frame(CONTINUATION, END_HEADERS, f.stream, parts[-1]))
        elif f.kind == DATA and len(f.payload) > 1 and not f.flags & PADDED:
            cut = rng.randrange(1, len(f.payload))
            frames.append(Frame(DATA, f.flags & ~END_STREAM, f.stream, f.payload[:cut]))
            frames.append(Frame(DATA, f.flags, f.stream, f.payload[cut:]))
        else:
            frames.append(f)
    return encode(frames), HARMLESS


def interleave(rec: Recording, rng: random.Random) -> tuple[bytes, bytes | None]:
    extras = [
        Frame(PING, 0, 0, bytes(rng.randrange(256) for _ in range(8))),
        Frame(SETTINGS, 0, 0, b""),
        Frame(PRIORITY, 0, 1, b"\x00\x00\x00\x00\x0f"),
        Frame(WINDOW_UPDATE, 0, 0, (1000).to_bytes(4, "big")),
        Frame(0xEE, 0x3F, 7, b"unknown"),
    ]
    frames = rec.frames
    for _ in range(rng.randint(1, 6)):
        frames.insert(rng.randrange(len(frames) + 1), rng.choice(extras))
    return encode(frames), HARMLESS


MUTATIONS: list[Mutation] = [
    flip_bits, corrupt_framing, insert_byte, delete_bytes, swap_frames, duplicate_frame, truncate,
    repad, refragment, interleave,
]  # fmt: skip


def check(rec: Recording, end: CallEnded, allowed: bytes | None) -> str:
    kind, payload = outcome(end)
    if allowed is HARMLESS:
        assert kind == rec.outcome
        assert payload == _original(rec)
    elif payload is not None:
        assert allowed is not None, "this mutation cannot leave a successful reply"
        assert payload == allowed, "a wrong payload"
    return kind


def cases(
    recs: list[Recording], seed: int, count: int
) -> Iterator[tuple[Recording, Mutation, bytes, bytes | None, random.Random]]:
    rng = random.Random(seed)
    for rec in recs:
        for mutation in MUTATIONS:
            for _ in range(count):
                data, allowed = mutation(rec, rng)
                yield rec, mutation, data, allowed, rng


def test_mutated_replies_end_cleanly(recordings: list[Recording]) -> None:
    tally: Counter[tuple[str, str, str]] = Counter()
    for rec, mutation, data, allowed, rng in cases(recordings, 2024, CASES_PER_KIND):
        end, _ = replay(rec.request, chunked(data, rng) if data else [])
        tally[rec.name, mutation.__name__, check(rec, end, allowed)] += 1
    print(f"\n{sum(tally.values())} cases fed")
    for key, count in sorted(tally.items()):
        print(*key, count)
    by_kind = Counter()
    for (_, mutation, kind), count in tally.items():
        by_kind[mutation, kind.split(":")[0]] += count
    for mutation in (
        "flip_bits",
        "corrupt_framing",
        "insert_byte",
        "delete_bytes",
        "swap_frames",
        "truncate",
    ):
        assert by_kind[mutation, "failed"] > 0  # the mutations do reach the guards
    assert by_kind["flip_bits", "payload"] > 0  # flips inside the message go through
    assert sum(tally.values()) == len(recordings) * len(MUTATIONS) * CASES_PER_KIND


def test_the_recordings_replay_whole(recordings: list[Recording]) -> None:
    for rec in recordings:
        end, fed = replay(rec.request, [rec.data])
        assert outcome(end)[0] == rec.outcome
        assert fed == len(rec.data)
        assert outcome(replay(rec.request, [rec.data[: rec.ended_at - 1]])[0])[0] != "payload"


# -- the same through loopback sockets: a server that writes the bytes, then closes ---------


class Replayer:
    """A loopback server that answers each connection with `data`, then closes its side
    (or, with `hold`, keeps the connection open and silent)."""

    def __init__(self) -> None:
        self.data = b""
        self.hold = False
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn: socket.socket) -> None:
        conn.settimeout(10)
        with conn:
            try:
                reader = conn.makefile("rb")
                reader.read(24)  # the preface
                while True:  # read frames until the request's END_STREAM
                    head = reader.read(9)
                    if len(head) < 9:
                        return
                    reader.read(int.from_bytes(head[:3], "big"))
                    if head[3] == DATA and head[4] & END_STREAM:
                        break
                conn.sendall(self.data)
                if not self.hold:
                    conn.shutdown(socket.SHUT_WR)
                while conn.recv(1 << 16):  # until the client closes
                    pass
            except OSError:
                return

    def close(self) -> None:
        self.listener.close()


@pytest.fixture
def replayer() -> Iterator[Replayer]:
    server = Replayer()
    yield server
    server.close()


def test_the_blocking_driver_ends_every_mutated_reply(
    recordings: list[Recording], replayer: Replayer
) -> None:
    channel = Http2Channel("127.0.0.1", replayer.port)
    tally: Counter[str] = Counter()
    for rec, _, data, allowed, _ in cases(recordings, 99, 3):
        replayer.data = data
        try:
            end = CallEnded(1, channel.unary(METHOD, rec.request, (), 5, LIMIT), None)
        except CallFailed as failure:
            end = CallEnded(1, None, failure)
        tally[check(rec, end, allowed)] += 1
        channel.close()
    assert tally["payload"] > 0
    assert sum(tally.values()) == len(recordings) * len(MUTATIONS) * 3


async def test_the_asyncio_driver_ends_every_mutated_reply(
    recordings: list[Recording], replayer: Replayer
) -> None:
    channel = AsyncHttp2Channel("127.0.0.1", replayer.port)
    tally: Counter[str] = Counter()
    for rec, _, data, allowed, _ in cases(recordings, 98, 3):
        replayer.data = data
        try:
            end = CallEnded(1, await channel.unary(METHOD, rec.request, (), 5, LIMIT), None)
        except CallFailed as failure:
            end = CallEnded(1, None, failure)
        tally[check(rec, end, allowed)] += 1
        await channel.close()
    assert tally["payload"] > 0
    assert sum(tally.values()) == len(recordings) * len(MUTATIONS) * 3


def test_a_cut_reply_on_an_open_connection_ends_at_the_timeout(
    recordings: list[Recording], replayer: Replayer
) -> None:
    rec = recordings[1]
    replayer.data, replayer.hold = rec.data[: len(rec.data) // 2], True
    channel = Http2Channel("127.0.0.1", replayer.port)
    with pytest.raises(CallFailed, match="within the timeout") as failed:
        channel.unary(METHOD, rec.request, (), 0.3, LIMIT)
    assert failed.value.code == "DEADLINE_EXCEEDED"
    channel.close()


async def test_a_cut_reply_on_an_open_connection_ends_at_the_timeout_async(
    recordings: list[Recording], replayer: Replayer
) -> None:
    rec = recordings[1]
    replayer.data, replayer.hold = rec.data[: len(rec.data) // 2], True
    channel = AsyncHttp2Channel("127.0.0.1", replayer.port)
    with pytest.raises(CallFailed, match="within the timeout") as failed:
        await channel.unary(METHOD, rec.request, (), 0.3, LIMIT)
    assert failed.value.code == "DEADLINE_EXCEEDED"
    await channel.close()
