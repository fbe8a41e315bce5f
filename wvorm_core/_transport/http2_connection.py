"""Sans-IO HTTP/2 for unary gRPC calls: a client connection as a state machine, bytes in and
events out, with no sockets, clocks or threads (the shape of h2 and h11).

A unary call is a HEADERS and a DATA frame out, and HEADERS, DATA and trailing HEADERS back.
`ClientConnection.send_request` starts a call, `data_to_send` hands over the bytes to write,
`receive_data` takes what the server sent and returns `Event`s, and one of them, `CallEnded`,
carries the reply message or the `CallFailed` it ended with. `http2.py` drives it over a
blocking socket and `http2_aio.py` over an asyncio transport.

The connection carries one call at a time (the drivers keep a pool). We announce a header
table of size 0, so every header block the server sends means the same whatever came before,
and decoded blocks are cached by their bytes. The machine guards itself like a protocol
implementation: a frame it must not accept (too large, a bad length, padding longer than its
payload, stream 0 where a stream is needed, a header block of over 64 CONTINUATION frames or
64 KiB, flow-control overruns) ends the connection with GOAWAY and fails the call in flight
with a `CallFailed`; nothing the server sends raises anything else.
"""

from __future__ import annotations

import enum
import struct
from dataclasses import dataclass, field
from urllib.parse import unquote

from wvorm_core._transport.http2_events import (
    CallEnded,
    CallFailed,
    ConnectionTerminated,
    DataReceived,
    Event,
    GoAwayReceived,
    PingReceived,
    ResponseReceived,
    StreamReset,
    TrailersReceived,
    WindowUpdated,
)
from wvorm_core._transport.http2_headers import MAX_HEADER_LIST, HeaderDecoder

PREFACE = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"
DATA, HEADERS, PRIORITY, RST_STREAM, SETTINGS, PUSH_PROMISE = 0, 1, 2, 3, 4, 5
PING, GOAWAY, WINDOW_UPDATE, CONTINUATION = 6, 7, 8, 9
END_STREAM = ACK = 0x1
END_HEADERS, PADDED, PRIORITY_FLAG = 0x4, 0x8, 0x20
NO_ERROR, PROTOCOL_ERROR, FLOW_CONTROL_ERROR, FRAME_SIZE_ERROR = 0, 1, 3, 6
REFUSED_STREAM, CANCEL, COMPRESSION_ERROR = 7, 8, 9
HEADER_TABLE_SIZE, ENABLE_PUSH, INITIAL_WINDOW_SIZE, MAX_FRAME_SIZE = 1, 2, 4, 5
MAX_WINDOW = 2**31 - 1
LAST_STREAM_ID = 2**31 - 1
DEFAULT_WINDOW = 65_535
DEFAULT_MAX_FRAME = 16_384
MAX_INBOUND_FRAME = 1 << 20
"""The SETTINGS_MAX_FRAME_SIZE we announce: a larger frame is a connection error."""
MAX_ACK_DELAY = 0.05
"""The longest, in seconds, a driver holds PING acknowledgements while a call waits."""
MAX_CONTINUATIONS = 64
"""CONTINUATION frames allowed in one header block (as in h2)."""

_FRAME_HEAD = struct.Struct(">BHBBI")
_SETTING = struct.Struct(">HI")
_U32 = struct.Struct(">I")
_GOAWAY_HEAD = struct.Struct(">II")
_STATUS_NAMES = dict(
    enumerate(
        (
            "OK",
            "CANCELLED",
            "UNKNOWN",
            "INVALID_ARGUMENT",
            "DEADLINE_EXCEEDED",
            "NOT_FOUND",
            "ALREADY_EXISTS",
            "PERMISSION_DENIED",
            "RESOURCE_EXHAUSTED",
            "FAILED_PRECONDITION",
            "ABORTED",
            "OUT_OF_RANGE",
            "UNIMPLEMENTED",
            "INTERNAL",
            "UNAVAILABLE",
            "DATA_LOSS",
            "UNAUTHENTICATED",
        )
    )
)
"""gRPC status codes by number (the protocol's fixed table, named as grpc.StatusCode names them)."""
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


class LocalProtocolError(RuntimeError):
    """The machine was asked for something its state does not allow (a driver's mistake)."""


def frame(kind: int, flags: int, stream: int, payload: bytes = b"") -> bytes:
    """One HTTP/2 frame."""
    size = len(payload)
    return _FRAME_HEAD.pack(size >> 16, size & 0xFFFF, kind, flags, stream) + payload


class ConnectionState(enum.Enum):
    """Where a connection is: IDLE takes a call, ACTIVE has one in flight, GOAWAY takes no new
    call (the one in flight, if any, may finish), CLOSED is done."""

    IDLE = "idle"
    ACTIVE = "active"
    GOAWAY = "goaway"
    CLOSED = "closed"

    __hash__ = object.__hash__  # members are singletons; Enum's own hash runs Python code


class _Input(enum.Enum):
    """What moves a connection from one state to another (`_TRANSITIONS`)."""

    START_CALL = "start call"
    END_CALL = "end call"
    GO_AWAY = "go away"
    CLOSE = "close"

    __hash__ = object.__hash__


_IDLE, _ACTIVE = ConnectionState.IDLE, ConnectionState.ACTIVE
_GOAWAY, _CLOSED = ConnectionState.GOAWAY, ConnectionState.CLOSED
_TRANSITIONS: dict[tuple[ConnectionState, _Input], ConnectionState] = {
    (_IDLE, _Input.START_CALL): _ACTIVE,
    (_ACTIVE, _Input.END_CALL): _IDLE,
    (_GOAWAY, _Input.END_CALL): _GOAWAY,
    (_IDLE, _Input.GO_AWAY): _GOAWAY,
    (_ACTIVE, _Input.GO_AWAY): _GOAWAY,
    (_GOAWAY, _Input.GO_AWAY): _GOAWAY,
    **{(state, _Input.CLOSE): _CLOSED for state in ConnectionState},
}


class CallState(enum.Enum):
    """Where a call is: SENDING its request (waiting on the server's windows), AWAITING_REPLY
    (the request all handed out), RECEIVING (the response headers came; the rest of the
    request may still be going out), ENDED."""

    SENDING = "sending"
    AWAITING_REPLY = "awaiting reply"
    RECEIVING = "receiving"
    ENDED = "ended"


@dataclass(eq=False, slots=True)
class Call:
    """One unary call: its stream, the request still to send, and the reply so far."""

    stream_id: int
    limit: int
    body: memoryview
    send_window: int
    state: CallState = CallState.SENDING
    sent: int = 0
    """Bytes of the framed request (5-byte prefix and body) handed out so far."""
    unacked: int = 0
    """Reply bytes received and not yet given back to the server's stream window."""
    head: bytearray = field(default_factory=bytearray)
    """The reply's 5-byte message prefix, as far as it came."""
    message: bytearray | None = None
    filled: int = 0

    @property
    def request_size(self) -> int:
        return len(self.body) + 5


class _Violation(Exception):
    """A frame the server must not send: a connection error of `code`."""

    def __init__(self, code: int, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


class ClientConnection:
    """The client side of one HTTP/2 connection carrying one unary call at a time."""

    def __init__(self, window: int = MAX_WINDOW) -> None:
        self.window = window
        self.headers = HeaderDecoder()
        self._state = ConnectionState.IDLE
        self._call: Call | None = None
        self._buffer = bytearray()
        self._out: list[bytes | memoryview] = []
        self._acks: list[bytes | memoryview] = []
        self._next_stream = 1
        self._send_window = DEFAULT_WINDOW
        self._peer_initial_window = DEFAULT_WINDOW
        self._peer_max_frame = DEFAULT_MAX_FRAME
        self._unacked = 0
        self._block = bytearray()
        self._block_stream = 0
        self._block_ends_stream = False
        self._continuations = -1
        """CONTINUATION frames in the header block being read; -1 when none is open."""
        self._end_stream_queued = False
        self._end_stream_in_output = False
        settings = b"".join(
            _SETTING.pack(key, value)
            for key, value in (
                (HEADER_TABLE_SIZE, 0),
                (ENABLE_PUSH, 0),
                (INITIAL_WINDOW_SIZE, window),
                (MAX_FRAME_SIZE, MAX_INBOUND_FRAME),
            )
        )
        self._out.append(PREFACE + frame(SETTINGS, 0, 0, settings))
        if window > DEFAULT_WINDOW:
            self._out.append(frame(WINDOW_UPDATE, 0, 0, _U32.pack(window - DEFAULT_WINDOW)))

    @property
    def state(self) -> ConnectionState:
        return self._state

    @property
    def call(self) -> Call | None:
        """The call in flight, if any."""
        return self._call

    def _move(self, event: _Input) -> None:
        try:
            self._state = _TRANSITIONS[self._state, event]
        except KeyError:
            raise LocalProtocolError(f"cannot {event.value} when {self._state.value}") from None

    def send_request(self, head: bytes, request: bytes, limit: int) -> int:
        """Start a call: `head` is its HPACK header block, `request` its message, `limit` the
        largest reply message taken. Returns its stream id; the bytes wait in `data_to_send`."""
        self._move(_Input.START_CALL)
        stream = self._next_stream
        self._next_stream += 2
        call = Call(stream, limit, memoryview(request), self._peer_initial_window)
        self._call = call
        self._end_stream_queued = False
        self._out.append(self._header_frames(stream, head))
        self._send_request_data(call)
        return stream

    @property
    def acks_waiting(self) -> bool:
        """Whether PING acknowledgements wait for a write (see `data_to_send`)."""
        return bool(self._acks)

    def data_to_send(self, *, acks: bool = False) -> bytes:
        """The bytes to write to the server now (empty when there are none).

        A PING that comes during a call is acknowledged with the next bytes written, often
        the next request, which saves a write per call (gRPC servers ping on every request to
        estimate bandwidth); `acks=True` takes the acknowledgements now, and drivers do so
        when the call has waited `MAX_ACK_DELAY` seconds for more bytes.
        """
        self._end_stream_in_output = self._end_stream_queued
        self._end_stream_queued = False
        out = self._out
        if self._acks and (out or acks):
            out += self._acks
            self._acks.clear()
        if not out:
            return b""
        data = b"".join(out)
        out.clear()
        return data

    def receive_data(self, data: bytes) -> list[Event]:
        """Take bytes the server sent (b"" when it closed the connection); returns what they
        mean. Never raises for what the server sends: a protocol error closes the connection
        and fails the call in flight."""
        events: list[Event] = []
        if self._state is _CLOSED:
            return events
        if not data:
            self._lose("connection lost: the server closed the connection", False, events)
            return events
        buf = self._buffer
        buf += data
        pos, ready = 0, len(buf)
        try:
            while ready - pos >= 9:
                high, low, kind, flags, stream = _FRAME_HEAD.unpack_from(buf, pos)
                size = high << 16 | low
                if size > MAX_INBOUND_FRAME:
                    raise _Violation(FRAME_SIZE_ERROR, f"a frame of {size} bytes is too large")
                if ready - pos < 9 + size:
                    break
                start = pos + 9
                pos = start + size
                self._frame(kind, flags, stream & LAST_STREAM_ID, buf, start, pos, events)
                if self._state is _CLOSED:
                    break
        except _Violation as violation:
            self._fail_connection(violation, events)
        if self._state is _CLOSED:
            buf.clear()
        else:
            del buf[:pos]
        return events

    def connection_lost(
        self, reason: str, *, timed_out: bool = False, in_write: bool = False
    ) -> list[Event]:
        """The connection failed (`reason`), or `timed_out`; `in_write` says while writing the
        last `data_to_send`. Fails the call in flight: with `retry` when its request provably
        never reached the server whole."""
        events: list[Event] = []
        if self._state is not _CLOSED:
            details = "no answer within the timeout" if timed_out else f"connection lost: {reason}"
            self._lose(details, timed_out, events, in_write=in_write)
        return events

    def _lose(
        self, details: str, timed_out: bool, events: list[Event], in_write: bool = False
    ) -> None:
        call = self._call
        undelivered = call is not None and (
            call.state is CallState.SENDING
            or (
                call.state is CallState.AWAITING_REPLY
                and (self._end_stream_queued or (in_write and self._end_stream_in_output))
            )
        )
        self._move(_Input.CLOSE)
        events.append(ConnectionTerminated(None, details))
        if call is not None:
            if timed_out:
                failure = CallFailed("DEADLINE_EXCEEDED", details, broken=True)
            else:
                failure = CallFailed("UNAVAILABLE", details, retry=undelivered, broken=True)
            self._end_call(call, None, failure, events, reset=False)

    def _fail_connection(self, violation: _Violation, events: list[Event]) -> None:
        self._out.append(frame(GOAWAY, 0, 0, _GOAWAY_HEAD.pack(0, violation.code)))
        call = self._call
        self._move(_Input.CLOSE)
        details = f"HTTP/2 protocol error from the server: {violation.reason}"
        events.append(ConnectionTerminated(violation.code, details))
        if call is not None:
            self._end_call(call, None, CallFailed("INTERNAL", details, broken=True), events, False)

    def _end_call(
        self,
        call: Call,
        message: bytearray | None,
        failure: CallFailed | None,
        events: list[Event],
        reset: bool,
    ) -> None:
        """End `call`; `reset` cancels its stream, which the server has not closed."""
        call.state = CallState.ENDED
        self._call = None
        if reset:
            self._out.append(frame(RST_STREAM, 0, call.stream_id, _U32.pack(CANCEL)))
        if failure is not None and failure.broken and self._state is not _CLOSED:
            self._out.append(frame(GOAWAY, 0, 0, _GOAWAY_HEAD.pack(0, NO_ERROR)))
            self._move(_Input.CLOSE)
            events.append(ConnectionTerminated(NO_ERROR, failure.details))
        elif self._state is not _CLOSED:
            self._move(_Input.END_CALL)
            if self._next_stream > LAST_STREAM_ID:  # no stream ids left for another call
                self._move(_Input.GO_AWAY)
        events.append(CallEnded(call.stream_id, message, failure))

    def _header_frames(self, stream: int, head: bytes) -> bytes:
        size = self._peer_max_frame
        if len(head) <= size:
            return frame(HEADERS, END_HEADERS, stream, head)
        parts = [frame(HEADERS, 0, stream, head[:size])]
        for at in range(size, len(head), size):
            last = END_HEADERS if at + size >= len(head) else 0
            parts.append(frame(CONTINUATION, last, stream, head[at : at + size]))
        return b"".join(parts)

    def _send_request_data(self, call: Call) -> None:
        """Queue as much of the request's message as the server's windows allow."""
        total = call.request_size
        out = self._out
        while call.sent < total:
            room = min(self._send_window, call.send_window, self._peer_max_frame, total - call.sent)
            if room <= 0:
                return
            sent, end = call.sent, call.sent + room
            flags = END_STREAM if end == total else 0
            out.append(_FRAME_HEAD.pack(room >> 16, room & 0xFFFF, DATA, flags, call.stream_id))
            if sent < 5:
                out.append((b"\x00" + _U32.pack(len(call.body)))[sent : min(end, 5)])
            if end > 5:
                out.append(call.body[max(sent - 5, 0) : end - 5])
            self._send_window -= room
            call.send_window -= room
            call.sent = end
        self._end_stream_queued = True
        if call.state is CallState.SENDING:
            call.state = CallState.AWAITING_REPLY

    def _frame(
        self,
        kind: int,
        flags: int,
        stream: int,
        buf: bytearray,
        start: int,
        end: int,
        events: list[Event],
    ) -> None:
        """Handle one whole frame, its payload `buf[start:end]`."""
        if self._continuations >= 0 and kind != CONTINUATION:
            raise _Violation(PROTOCOL_ERROR, "a header block was cut short")
        if kind == DATA:
            self._data(flags, stream, buf, start, end, events)
        elif kind == HEADERS:
            self._stream_frame(stream, "HEADERS")
            start, end = _unpadded(flags, buf, start, end, 5 if flags & PRIORITY_FLAG else 0)
            self._block[:] = buf[start:end]
            self._block_stream = stream
            self._block_ends_stream = bool(flags & END_STREAM)
            self._continuations = 0
            self._header_block_part(flags, events)
        elif kind == CONTINUATION:
            if self._continuations < 0 or stream != self._block_stream:
                raise _Violation(PROTOCOL_ERROR, "a CONTINUATION frame outside a header block")
            self._continuations += 1
            if self._continuations > MAX_CONTINUATIONS:
                raise _Violation(
                    PROTOCOL_ERROR, f"a header block of over {MAX_CONTINUATIONS} CONTINUATIONs"
                )
            self._block += buf[start:end]
            self._header_block_part(flags, events)
        elif kind == WINDOW_UPDATE:
            self._window_update(stream, buf, start, end, events)
        elif kind == PING:
            if stream:
                raise _Violation(PROTOCOL_ERROR, "a PING on a stream")
            if end - start != 8:
                raise _Violation(FRAME_SIZE_ERROR, f"a PING of {end - start} bytes")
            if not flags & ACK:
                payload = bytes(buf[start:end])
                (self._out if self._call is None else self._acks).append(
                    frame(PING, ACK, 0, payload)
                )
                events.append(PingReceived(payload))
        elif kind == SETTINGS:
            self._settings(flags, stream, buf, start, end)
        elif kind == RST_STREAM:
            self._reset(stream, buf, start, end, events)
        elif kind == GOAWAY:
            self._goaway(stream, buf, start, end, events)
        elif kind == PUSH_PROMISE:
            raise _Violation(PROTOCOL_ERROR, "the server pushed a stream we refused")
        elif kind == PRIORITY:
            if not stream:
                raise _Violation(PROTOCOL_ERROR, "a PRIORITY frame on stream 0")
            if end - start != 5:
                raise _Violation(FRAME_SIZE_ERROR, f"a PRIORITY frame of {end - start} bytes")
        # other frame types are ignored, as RFC 9113 asks

    def _stream_frame(self, stream: int, name: str) -> bool:
        """Check a frame for a stream; says whether it is the call's (else a closed stream's)."""
        if not stream:
            raise _Violation(PROTOCOL_ERROR, f"{name} on stream 0")
        if not stream & 1 or stream >= self._next_stream:
            raise _Violation(PROTOCOL_ERROR, f"{name} on stream {stream}, which we never opened")
        return self._call is not None and stream == self._call.stream_id

    def _data(
        self, flags: int, stream: int, buf: bytearray, start: int, end: int, events: list[Event]
    ) -> None:
        ours = self._stream_frame(stream, "DATA")
        size = end - start
        self._unacked += size
        if self._unacked > max(self.window, DEFAULT_WINDOW):
            raise _Violation(FLOW_CONTROL_ERROR, "DATA beyond the connection's window")
        if self._unacked >= self.window // 2:
            self._out.append(frame(WINDOW_UPDATE, 0, 0, _U32.pack(self._unacked)))
            self._unacked = 0
        start, end = _unpadded(flags, buf, start, end, 0)
        call = self._call
        if not ours or call is None:
            return
        call.unacked += size
        if call.unacked > self.window:
            raise _Violation(FLOW_CONTROL_ERROR, "DATA beyond the stream's window")
        if call.state is not CallState.RECEIVING:
            raise _Violation(PROTOCOL_ERROR, "DATA before the response headers")
        events.append(DataReceived(stream, size))
        failure = self._take_data(call, buf, start, end)
        if failure is not None:
            self._end_call(call, None, failure, events, _open(call, bool(flags & END_STREAM)))
        elif flags & END_STREAM:
            failure = CallFailed("INTERNAL", "the server ended the call without trailers")
            self._end_call(call, None, failure, events, _open(call, True))
        elif call.unacked >= self.window // 2:
            self._out.append(frame(WINDOW_UPDATE, 0, stream, _U32.pack(call.unacked)))
            call.unacked = 0

    def _take_data(self, call: Call, buf: bytearray, start: int, end: int) -> CallFailed | None:
        """Add DATA to the call's reply message; returns the failure it makes, if any."""
        if call.message is None:
            take = min(5 - len(call.head), end - start)
            call.head += buf[start : start + take]
            start += take
            if len(call.head) < 5:
                return None
            if call.head[0]:
                return CallFailed("INTERNAL", "the reply is compressed; no compression was offered")
            size = _U32.unpack_from(call.head, 1)[0]
            if size > call.limit:
                return CallFailed(
                    "RESOURCE_EXHAUSTED",
                    f"the reply of {size} bytes exceeds the {call.limit}-byte message limit",
                    broken=True,
                )
            if end - start == size:  # the whole message in this frame: one copy
                call.message = buf[start:end]
                call.filled = size
                return None
            call.message = bytearray(size)
        if call.filled + end - start > len(call.message):
            return CallFailed(
                "INTERNAL", "more than one reply message on a unary call", broken=True
            )
        with memoryview(buf) as view:
            call.message[call.filled : call.filled + end - start] = view[start:end]
        call.filled += end - start
        return None

    def _header_block_part(self, flags: int, events: list[Event]) -> None:
        if len(self._block) > MAX_HEADER_LIST:
            raise _Violation(PROTOCOL_ERROR, f"a header block of over {MAX_HEADER_LIST} bytes")
        if not flags & END_HEADERS:
            return
        self._continuations = -1
        try:
            fields = self.headers.decode(bytes(self._block))
        except CallFailed as failure:
            raise _Violation(COMPRESSION_ERROR, failure.details) from None
        call = self._call
        if call is not None and self._block_stream == call.stream_id:
            self._take_headers(call, fields, self._block_ends_stream, events)

    def _take_headers(
        self, call: Call, fields: dict[str, str], ended: bool, events: list[Event]
    ) -> None:
        stream = call.stream_id
        if call.state is not CallState.RECEIVING:  # the response headers
            status = fields.get(":status")
            if status != "200":
                if status is None:
                    failure = CallFailed("INTERNAL", "the reply has no :status")
                else:
                    code = _HTTP_STATUS_CODES.get(status, "UNKNOWN")
                    failure = CallFailed(code, f"HTTP status {status}")
                self._end_call(call, None, failure, events, _open(call, ended))
                return
            events.append(ResponseReceived(stream, fields))
            call.state = CallState.RECEIVING
            if not ended:
                return
        elif not ended:
            raise _Violation(PROTOCOL_ERROR, "a second header block that does not end the call")
        reset = _open(call, True)
        grpc_status = fields.get("grpc-status")
        if grpc_status is None:
            failure = CallFailed("INTERNAL", "the reply has no grpc-status")
            self._end_call(call, None, failure, events, reset)
            return
        digits = grpc_status.isascii() and grpc_status.isdigit()
        status_code = int(grpc_status) if digits else -1
        name = _STATUS_NAMES.get(status_code, "UNKNOWN")
        details = unquote(fields.get("grpc-message", ""))
        events.append(TrailersReceived(stream, name, details))
        if name != "OK":
            self._end_call(call, None, CallFailed(name, details), events, reset)
        elif call.message is None or call.filled < len(call.message):
            failure = CallFailed("INTERNAL", "the server ended the call without a whole reply")
            self._end_call(call, None, failure, events, reset)
        else:
            self._end_call(call, call.message, None, events, reset)

    def _window_update(
        self, stream: int, buf: bytearray, start: int, end: int, events: list[Event]
    ) -> None:
        if end - start != 4:
            raise _Violation(FRAME_SIZE_ERROR, f"a WINDOW_UPDATE of {end - start} bytes")
        increment = _U32.unpack_from(buf, start)[0] & LAST_STREAM_ID
        call = self._call
        if stream == 0:
            if not increment:
                raise _Violation(PROTOCOL_ERROR, "a WINDOW_UPDATE of 0")
            self._send_window += increment
            if self._send_window > MAX_WINDOW:
                raise _Violation(FLOW_CONTROL_ERROR, "the connection's window over 2^31-1")
        elif not self._stream_frame(stream, "WINDOW_UPDATE") or call is None:
            return
        else:
            if not increment:
                raise _Violation(PROTOCOL_ERROR, "a WINDOW_UPDATE of 0")
            call.send_window += increment
            if call.send_window > MAX_WINDOW:
                raise _Violation(FLOW_CONTROL_ERROR, "a stream's window over 2^31-1")
        events.append(WindowUpdated(stream, increment))
        if call is not None and call.sent < call.request_size:
            self._send_request_data(call)

    def _settings(self, flags: int, stream: int, buf: bytearray, start: int, end: int) -> None:
        if stream:
            raise _Violation(PROTOCOL_ERROR, "SETTINGS on a stream")
        if flags & ACK:
            if end != start:
                raise _Violation(FRAME_SIZE_ERROR, "a SETTINGS acknowledgement with a payload")
            return
        if (end - start) % 6:
            raise _Violation(FRAME_SIZE_ERROR, f"SETTINGS of {end - start} bytes")
        call = self._call
        for at in range(start, end, 6):
            key, value = _SETTING.unpack_from(buf, at)
            if key == INITIAL_WINDOW_SIZE:
                if value > MAX_WINDOW:
                    raise _Violation(FLOW_CONTROL_ERROR, f"an initial window of {value}")
                if call is not None:
                    call.send_window += value - self._peer_initial_window
                self._peer_initial_window = value
            elif key == MAX_FRAME_SIZE:
                if not DEFAULT_MAX_FRAME <= value < 1 << 24:
                    raise _Violation(PROTOCOL_ERROR, f"a maximum frame size of {value}")
                self._peer_max_frame = value
            elif key == ENABLE_PUSH and value > 1:
                raise _Violation(PROTOCOL_ERROR, f"ENABLE_PUSH of {value}")
        self._out.append(frame(SETTINGS, ACK, 0))
        if call is not None and call.sent < call.request_size:
            self._send_request_data(call)

    def _reset(
        self, stream: int, buf: bytearray, start: int, end: int, events: list[Event]
    ) -> None:
        if end - start != 4:
            raise _Violation(FRAME_SIZE_ERROR, f"a RST_STREAM of {end - start} bytes")
        call = self._call
        if not self._stream_frame(stream, "RST_STREAM") or call is None:
            return
        code = _U32.unpack_from(buf, start)[0]
        events.append(StreamReset(stream, code))
        name = _RESET_CODES.get(code, "INTERNAL")
        details = f"the server reset the call (HTTP/2 error {code})"
        self._end_call(
            call, None, CallFailed(name, details, retry=code == REFUSED_STREAM), events, False
        )

    def _goaway(
        self, stream: int, buf: bytearray, start: int, end: int, events: list[Event]
    ) -> None:
        if stream:
            raise _Violation(PROTOCOL_ERROR, "GOAWAY on a stream")
        if end - start < 8:
            raise _Violation(FRAME_SIZE_ERROR, f"a GOAWAY of {end - start} bytes")
        last_stream, code = _GOAWAY_HEAD.unpack_from(buf, start)
        last_stream &= LAST_STREAM_ID
        self._move(_Input.GO_AWAY)
        events.append(GoAwayReceived(code, last_stream, bytes(buf[start + 8 : end])))
        call = self._call
        if call is not None and call.stream_id > last_stream:
            failure = CallFailed("UNAVAILABLE", "the server is going away", retry=True, broken=True)
            self._end_call(call, None, failure, events, reset=False)


def _open(call: Call, remote_ended: bool) -> bool:
    """Whether ending `call` now leaves its stream open (so it must be reset): the server has
    not ended it, or our request is not all out."""
    return not remote_ended or call.sent < call.request_size


def _unpadded(flags: int, buf: bytearray, start: int, end: int, skip: int) -> tuple[int, int]:
    """A frame's payload bounds without its padding and the first `skip` bytes (priority)."""
    if flags & PADDED:
        if end == start:
            raise _Violation(FRAME_SIZE_ERROR, "a padded frame with no pad length")
        pad = buf[start]
        start += 1
        if pad > end - start - skip:
            raise _Violation(PROTOCOL_ERROR, f"{pad} bytes of padding in a shorter frame")
        end -= pad
    if end - start < skip:
        raise _Violation(FRAME_SIZE_ERROR, "a HEADERS frame too short for its priority")
    return start + skip, end
