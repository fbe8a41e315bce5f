"""Unary gRPC calls over wvorm's own blocking HTTP/2 connections.

A unary call is a HEADERS and a DATA frame out, and HEADERS, DATA and trailing HEADERS back.
grpcio's blocking call spends several hundred microseconds of CPU around that exchange (its
completion queue and core threads); a plain socket does it for a fraction. The sync transport
uses this for plaintext connections; streams, TLS and proxies stay on grpcio.

Each connection carries one call at a time, so a thread takes an idle connection (or opens
one), makes its call and puts it back. We announce a header table of size 0, so every header
block the server sends means the same whatever came before, and decoded blocks are cached by
their bytes.
"""

from __future__ import annotations

import os
import select
import socket
import struct
from urllib.parse import unquote

import grpc
import hpack

PREFACE = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"
DATA, HEADERS, RST_STREAM, SETTINGS, PUSH_PROMISE = 0, 1, 3, 4, 5
PING, GOAWAY, WINDOW_UPDATE, CONTINUATION = 6, 7, 8, 9
END_STREAM = ACK = 0x1
END_HEADERS, PADDED, PRIORITY = 0x4, 0x8, 0x20
MAX_WINDOW = 2**31 - 1
LAST_STREAM_ID = 2**31 - 1
_FRAME_HEAD = struct.Struct(">BHBBI")
_SETTING = struct.Struct(">HI")
_U32 = struct.Struct(">I")
_HEADER_TABLE_SIZE, _ENABLE_PUSH, _INITIAL_WINDOW_SIZE, _MAX_FRAME_SIZE = 1, 2, 4, 5
_RECV_SIZE = 1 << 18
_STATUS_NAMES = {code.value[0]: code.name for code in grpc.StatusCode}
_HTTP_STATUS_CODES = {
    "400": "INTERNAL",
    "401": "UNAUTHENTICATED",
    "403": "PERMISSION_DENIED",
    "404": "UNIMPLEMENTED",
    "429": "UNAVAILABLE",
    "502": "UNAVAILABLE",
    "503": "UNAVAILABLE",
    "504": "UNAVAILABLE",
}
_RESET_CODES = {7: "UNAVAILABLE", 8: "CANCELLED", 11: "RESOURCE_EXHAUSTED", 12: "PERMISSION_DENIED"}


class CallFailed(Exception):
    """A call that ended without a reply: its gRPC status name and details.

    `retry` says the server never saw the call, so sending it again is safe; `broken` says the
    connection cannot carry another call.
    """

    def __init__(self, code: str, details: str, *, retry: bool = False, broken: bool = False):
        super().__init__(code, details)
        self.code = code
        self.details = details
        self.retry = retry
        self.broken = broken


def frame(kind: int, flags: int, stream: int, payload: bytes = b"") -> bytes:
    """One HTTP/2 frame."""
    size = len(payload)
    return _FRAME_HEAD.pack(size >> 16, size & 0xFFFF, kind, flags, stream) + payload


def hpack_int(value: int, prefix_bits: int) -> bytes:
    """An HPACK integer in a `prefix_bits`-bit prefix (the bits above it left zero)."""
    limit = (1 << prefix_bits) - 1
    if value < limit:
        return bytes((value,))
    out = bytearray((limit,))
    value -= limit
    while value >= 0x80:
        out.append(0x80 | (value & 0x7F))
        value >>= 7
    out.append(value)
    return bytes(out)


def _literal(name: bytes, value: bytes) -> bytes:
    """A header field as a literal never added to the table, name and value unencoded."""
    return b"\x00" + hpack_int(len(name), 7) + name + hpack_int(len(value), 7) + value


def request_headers(
    authority: str, path: str, metadata: tuple[tuple[str, str], ...], timeout: float | None
) -> bytes:
    """The HPACK block opening a gRPC call: POST over http, then the fields gRPC asks for."""
    fields = [b"\x83\x86"]  # `:method: POST` and `:scheme: http`, from the static table
    fields.append(_literal(b":path", path.encode()))
    fields.append(_literal(b":authority", authority.encode()))
    fields.append(_literal(b"content-type", b"application/grpc"))
    fields.append(_literal(b"te", b"trailers"))
    if timeout is not None:  # at most 8 digits: milliseconds up to a day, then seconds
        amount, unit = max(1, round(timeout * 1000)), "m"
        if amount > 99_999_999:
            amount, unit = min(round(timeout), 99_999_999), "S"
        fields.append(_literal(b"grpc-timeout", f"{amount}{unit}".encode()))
    for name, value in metadata:
        if "\r" in value or "\n" in value:
            raise CallFailed("INTERNAL", f"header {name!r} has a line break in its value")
        fields.append(_literal(name.lower().encode(), value.encode()))
    return b"".join(fields)


class HeaderDecoder:
    """Decodes the server's header blocks, caching those that leave the table empty."""

    def __init__(self) -> None:
        self._hpack = hpack.Decoder()
        self._decoded: dict[bytes, dict[str, str]] = {}

    def decode(self, block: bytes) -> dict[str, str]:
        fields = self._decoded.get(block)
        if fields is None:
            try:
                fields = dict(self._hpack.decode(block))  # type: ignore[arg-type]
            except hpack.HPACKError as error:
                raise CallFailed("INTERNAL", f"bad header block: {error}", broken=True) from None
            if not self._hpack.header_table.dynamic_entries and len(self._decoded) < 64:
                self._decoded[block] = fields
        return fields


class Reply:
    """What came back on one stream so far."""

    __slots__ = ("details", "ended", "filled", "head", "message", "status")

    def __init__(self) -> None:
        self.head = bytearray()
        self.message: bytearray | None = None
        self.filled = 0
        self.status: str | None = None
        self.details = ""
        self.ended = False


_Call = tuple[int, Reply, int]
"""A call awaiting its reply: the stream, what came back so far, and the message limit."""


class Connection:
    """One HTTP/2 connection carrying one unary call at a time."""

    def __init__(self, host: str, port: int, timeout: float | None, window: int = MAX_WINDOW):
        try:
            self.sock = socket.create_connection((host, port), timeout)
        except OSError as error:
            raise CallFailed("UNAVAILABLE", f"cannot connect to {host}:{port}: {error}") from None
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.timeout = timeout
        self.window = window
        self.headers = HeaderDecoder()
        self.buf = bytearray()
        self.pos = 0
        self.next_stream = 1
        self.send_window = 65535
        self.stream_window = 0
        self.initial_stream_window = 65535
        self.max_frame = 16384
        self.unacked = 0
        self.stream_unacked = 0
        self.closing = False
        settings = b"".join(
            _SETTING.pack(key, value)
            for key, value in (
                (_HEADER_TABLE_SIZE, 0),
                (_ENABLE_PUSH, 0),
                (_INITIAL_WINDOW_SIZE, window),
                (_MAX_FRAME_SIZE, 1 << 20),
            )
        )
        opening = PREFACE + frame(SETTINGS, 0, 0, settings)
        if window > 65535:
            opening += frame(WINDOW_UPDATE, 0, 0, _U32.pack(window - 65535))
        self._send(opening)

    def close(self) -> None:
        self.closing = True
        self.sock.close()

    def usable(self) -> bool:
        """Whether an idle connection can take a call: handles what the server sent while it
        sat idle, and says no once the server closed it or said it is going away."""
        try:
            while select.select((self.sock,), (), (), 0)[0]:
                chunk = self.sock.recv(_RECV_SIZE)
                if not chunk:
                    return False
                self.buf += chunk
                while self._buffered_frame():
                    self._dispatch(None)
        except (OSError, CallFailed):
            return False
        return not self.closing

    def unary(self, head: bytes, request: bytes, limit: int) -> bytearray:
        """Make one call: `head` is its header block, `request` its message; returns the reply
        message, or raises `CallFailed`."""
        stream = self.next_stream
        self.next_stream += 2
        if self.next_stream >= LAST_STREAM_ID:
            self.closing = True
        reply = Reply()
        self.stream_window = self.initial_stream_window
        self.stream_unacked = 0
        try:
            self._send_request((stream, reply, limit), head, request)
        except OSError as error:  # the server never had the whole request: safe to send again
            raise _lost(error, retry=True) from None
        try:
            while not reply.ended:
                self._dispatch((stream, reply, limit))
        except OSError as error:
            raise _lost(error, retry=False) from None
        if reply.status != "OK":
            raise CallFailed(reply.status or "INTERNAL", reply.details)
        if reply.message is None or reply.filled < len(reply.message):
            raise CallFailed("INTERNAL", "the server ended the call without a whole reply")
        return reply.message

    def _send(self, data: bytes) -> None:
        self.sock.sendall(data)

    def _send_request(self, call: _Call, head: bytes, request: bytes) -> None:
        """Send the header block, then the message in DATA frames as the server's windows
        allow, handling what it sends meanwhile; stops early if the server ends the call."""
        stream, reply = call[0], call[1]
        out: list[bytes | memoryview] = [self._header_frames(stream, head)]
        body = memoryview(request)
        prefix = b"\x00" + _U32.pack(len(request))
        sent, total = 0, len(request) + 5
        while sent < total:
            room = min(self.send_window, self.stream_window, self.max_frame, total - sent)
            if room <= 0:
                self._send(b"".join(out))
                out = []
                self._dispatch(call)  # wait for the server to open its window
                if reply.ended:
                    return
                continue
            end = sent + room
            flags = END_STREAM if end == total else 0
            out.append(_FRAME_HEAD.pack(room >> 16, room & 0xFFFF, DATA, flags, stream))
            if sent < 5:
                out.append(prefix[sent : min(end, 5)])
            if end > 5:
                out.append(body[max(sent - 5, 0) : end - 5])
            self.send_window -= room
            self.stream_window -= room
            sent = end
        self._send(b"".join(out))

    def _header_frames(self, stream: int, head: bytes) -> bytes:
        size = self.max_frame
        if len(head) <= size:
            return frame(HEADERS, END_HEADERS, stream, head)
        parts = [frame(HEADERS, 0, stream, head[:size])]
        for at in range(size, len(head), size):
            last = END_HEADERS if at + size >= len(head) else 0
            parts.append(frame(CONTINUATION, last, stream, head[at : at + size]))
        return b"".join(parts)

    def _fill(self, need: int) -> None:
        """Read until `need` bytes past the read position are buffered."""
        buf = self.buf
        if len(buf) - self.pos >= need:
            return
        del buf[: self.pos]
        self.pos = 0
        while len(buf) < need:
            chunk = self.sock.recv(max(_RECV_SIZE, need - len(buf)))
            if not chunk:
                self.closing = True
                raise ConnectionResetError("the server closed the connection")
            buf += chunk

    def _buffered_frame(self) -> bool:
        """Whether a whole frame waits in the buffer."""
        ready = len(self.buf) - self.pos
        if ready < 9:
            return False
        high, low = _FRAME_HEAD.unpack_from(self.buf, self.pos)[:2]
        return bool(ready >= 9 + (high << 16 | low))

    def _dispatch(self, call: _Call | None) -> None:
        """Read and handle one frame; `call` is the stream awaiting its reply, if any."""
        self._fill(9)
        high, low, kind, flags, stream = _FRAME_HEAD.unpack_from(self.buf, self.pos)
        size = high << 16 | low
        stream &= LAST_STREAM_ID
        self._fill(9 + size)
        start = self.pos + 9
        end = self.pos = start + size
        ours = call is not None and stream == call[0]
        if kind == DATA:
            self._received(size, stream if ours else 0)
            if ours:
                assert call is not None
                if flags & PADDED:
                    start, end = start + 1, end - self.buf[start]
                self._take_data(call[1], start, end, call[2])
        elif kind in (HEADERS, CONTINUATION) or kind == PUSH_PROMISE:
            if kind == PUSH_PROMISE:
                raise CallFailed("INTERNAL", "the server pushed a stream we refused", broken=True)
            block = self._header_block(flags, start, end)
            fields = self.headers.decode(block)
            if ours:
                assert call is not None
                self._take_headers(call[1], fields, bool(flags & END_STREAM))
        elif kind == SETTINGS:
            if not flags & ACK:
                self._apply_settings(start, end)
        elif kind == PING:
            if not flags & ACK:
                self._send(frame(PING, ACK, 0, bytes(self.buf[start:end])))
        elif kind == WINDOW_UPDATE:
            increment = _U32.unpack_from(self.buf, start)[0] & LAST_STREAM_ID
            if stream == 0:
                self.send_window += increment
            elif ours:
                self.stream_window += increment
        elif kind == RST_STREAM and ours:
            code = _U32.unpack_from(self.buf, start)[0]
            name = _RESET_CODES.get(code, "INTERNAL")
            details = f"the server reset the call (HTTP/2 error {code})"
            raise CallFailed(name, details, retry=code == 7)
        elif kind == GOAWAY:
            self.closing = True
            last_stream = _U32.unpack_from(self.buf, start)[0] & LAST_STREAM_ID
            if call is not None and call[0] > last_stream:
                raise CallFailed("UNAVAILABLE", "the server is going away", retry=True)

    def _header_block(self, flags: int, start: int, end: int) -> bytes:
        """A whole header block, joining CONTINUATION frames; skips padding and priority."""
        if flags & PADDED:
            start, end = start + 1, end - self.buf[start]
        if flags & PRIORITY:
            start += 5
        block = bytes(self.buf[start:end])
        while not flags & END_HEADERS:
            self._fill(9)
            high, low, kind, flags, _ = _FRAME_HEAD.unpack_from(self.buf, self.pos)
            size = high << 16 | low
            if kind != CONTINUATION:
                raise CallFailed("INTERNAL", "a header block was cut short", broken=True)
            self._fill(9 + size)
            block += self.buf[self.pos + 9 : self.pos + 9 + size]
            self.pos += 9 + size
        return block

    def _received(self, size: int, stream: int) -> None:
        """Count DATA against our windows (the connection's, and `stream`'s unless 0),
        reopening them when half is used."""
        self.unacked += size
        updates = b""
        if self.unacked >= self.window // 2:
            updates = frame(WINDOW_UPDATE, 0, 0, _U32.pack(self.unacked))
            self.unacked = 0
        if stream:
            self.stream_unacked += size
            if self.stream_unacked >= self.window // 2:
                updates += frame(WINDOW_UPDATE, 0, stream, _U32.pack(self.stream_unacked))
                self.stream_unacked = 0
        if updates:
            self._send(updates)

    def _apply_settings(self, start: int, end: int) -> None:
        for at in range(start, end - 5, 6):
            key, value = _SETTING.unpack_from(self.buf, at)
            if key == _INITIAL_WINDOW_SIZE:
                self.stream_window += value - self.initial_stream_window
                self.initial_stream_window = value
            elif key == _MAX_FRAME_SIZE:
                self.max_frame = value
        self._send(frame(SETTINGS, ACK, 0))

    def _take_data(self, reply: Reply, start: int, end: int, limit: int) -> None:
        if reply.message is None:
            take = min(5 - len(reply.head), end - start)
            reply.head += self.buf[start : start + take]
            start += take
            if len(reply.head) < 5:
                return
            if reply.head[0]:
                raise CallFailed("INTERNAL", "the reply is compressed; no compression was offered")
            size = _U32.unpack_from(reply.head, 1)[0]
            if size > limit:
                raise CallFailed(
                    "RESOURCE_EXHAUSTED",
                    f"the reply of {size} bytes exceeds the {limit}-byte message limit",
                    broken=True,
                )
            if end - start == size:  # the whole message in this frame: one copy
                reply.message = self.buf[start:end]
                reply.filled = size
                return
            reply.message = bytearray(size)
        if reply.filled + end - start > len(reply.message):
            raise CallFailed("INTERNAL", "more than one reply message on a unary call", broken=True)
        with memoryview(self.buf) as view:
            reply.message[reply.filled : reply.filled + end - start] = view[start:end]
        reply.filled += end - start

    @staticmethod
    def _take_headers(reply: Reply, fields: dict[str, str], ended: bool) -> None:
        status = fields.get(":status")
        if status is not None and status != "200":
            reply.status = _HTTP_STATUS_CODES.get(status, "UNKNOWN")
            reply.details = f"HTTP status {status}"
            reply.ended = True
            return
        if not ended:
            return
        reply.ended = True
        code = fields.get("grpc-status")
        if code is None:
            reply.status, reply.details = "INTERNAL", "the reply has no grpc-status"
            return
        reply.status = _STATUS_NAMES.get(int(code) if code.isdigit() else -1, "UNKNOWN")
        reply.details = unquote(fields.get("grpc-message", ""))


def _lost(error: OSError, retry: bool) -> CallFailed:
    """The failure for a socket error in a call; the connection is done for."""
    if isinstance(error, TimeoutError):
        return CallFailed("DEADLINE_EXCEEDED", "no answer within the timeout", broken=True)
    return CallFailed("UNAVAILABLE", f"connection lost: {error}", retry=retry, broken=True)


class Http2Channel:
    """Unary gRPC calls to one server over a pool of connections; safe across threads.

    A connection lost while idle is replaced; a call the server provably never saw is sent
    once more on a fresh connection. After a fork the child opens its own connections.
    """

    def __init__(self, host: str, port: int) -> None:
        self.host = host
        self.port = port
        self.authority = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
        self._idle: list[Connection] = []
        self._heads: dict[tuple[str, tuple[tuple[str, str], ...], float | None], bytes] = {}
        self._pid = os.getpid()

    def __repr__(self) -> str:
        return f"Http2Channel({self.authority})"

    def unary(
        self,
        method: str,
        request: bytes,
        metadata: tuple[tuple[str, str], ...],
        timeout: float | None,
        limit: int,
    ) -> bytearray:
        """Call `method` with the `request` bytes; returns the reply message bytes or raises
        `CallFailed`. Messages either way may be at most `limit` bytes."""
        if len(request) > limit:
            raise CallFailed(
                "RESOURCE_EXHAUSTED",
                f"the request of {len(request)} bytes exceeds the {limit}-byte message limit",
            )
        key = (method, metadata, timeout)
        head = self._heads.get(key)
        if head is None:
            head = request_headers(self.authority, method, metadata, timeout)
            if len(self._heads) > 256:
                self._heads.clear()
            self._heads[key] = head
        for attempt in (1, 2):
            connection = self._acquire(timeout)
            try:
                reply = connection.unary(head, request, limit)
            except CallFailed as failure:
                self._release(connection, broken=failure.broken)
                if failure.retry and attempt == 1:
                    continue
                raise
            self._release(connection, broken=False)
            return reply
        raise AssertionError("unreachable")

    def _acquire(self, timeout: float | None) -> Connection:
        if self._pid != os.getpid():
            self._idle = []
            self._pid = os.getpid()
        while self._idle:
            try:
                connection = self._idle.pop()
            except IndexError:
                break
            if connection.usable():
                if connection.timeout != timeout:
                    connection.sock.settimeout(timeout)
                    connection.timeout = timeout
                return connection
            connection.close()
        return Connection(self.host, self.port, timeout)

    def _release(self, connection: Connection, broken: bool) -> None:
        if broken or connection.closing or self._pid != os.getpid():
            connection.close()
        else:
            self._idle.append(connection)

    def close(self) -> None:
        while self._idle:
            self._idle.pop().close()
