"""The sans-IO HTTP/2 connection, driven with crafted frames and no socket: header blocks and
continuations, padding, flow control both ways, PING, GOAWAY, RST_STREAM, status mapping,
connection loss, and every guard against frames a server must not send."""

from __future__ import annotations

import hpack
import pytest

from wvorm_core._transport.http2_connection import (
    LAST_STREAM_ID,
    PREFACE,
    CallState,
    ClientConnection,
    ConnectionState,
    LocalProtocolError,
)
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
from wvorm_core._transport.http2_headers import request_headers

DATA, HEADERS, PRIORITY, RST_STREAM, SETTINGS, PUSH_PROMISE = 0, 1, 2, 3, 4, 5
PING, GOAWAY, WINDOW_UPDATE, CONTINUATION = 6, 7, 8, 9
END_STREAM = ACK = 0x1
END_HEADERS, PADDED, PRIORITY_FLAG = 0x4, 0x8, 0x20
PROTOCOL_ERROR, FLOW_CONTROL_ERROR, FRAME_SIZE_ERROR, COMPRESSION_ERROR = 1, 3, 6, 9
HEAD = request_headers("127.0.0.1:1", "/weaviate.v1.Weaviate/Search", (), 5)


# -- a small frame builder ------------------------------------------------------------------


def frame(
    kind: int, payload: bytes = b"", flags: int = 0, stream: int = 0, length: int | None = None
) -> bytes:
    """One frame; `length` overrides the length field (for frames that lie about it)."""
    size = len(payload) if length is None else length
    return size.to_bytes(3, "big") + bytes((kind, flags)) + stream.to_bytes(4, "big") + payload


def u32(value: int) -> bytes:
    return value.to_bytes(4, "big")


def settings(*pairs: tuple[int, int]) -> bytes:
    return frame(SETTINGS, b"".join(k.to_bytes(2, "big") + u32(v) for k, v in pairs))


def block(fields: dict[str, str]) -> bytes:
    """A header block as a server that honours our header table size of 0 writes it."""
    encoder = hpack.Encoder()
    encoder.header_table_size = 0
    return encoder.encode(list(fields.items()))


def grpc_message(payload: bytes) -> bytes:
    return b"\x00" + u32(len(payload)) + payload


RESPONSE_HEADERS = block({":status": "200", "content-type": "application/grpc"})


def trailers(status: str = "0", message: str = "") -> bytes:
    return block({"grpc-status": status, "grpc-message": message})


def reply(payload: bytes = b"hello", stream: int = 1) -> bytes:
    """A whole successful reply, as the server sends it after its SETTINGS."""
    return (
        frame(HEADERS, RESPONSE_HEADERS, END_HEADERS, stream)
        + frame(DATA, grpc_message(payload), 0, stream)
        + frame(HEADERS, trailers(), END_HEADERS | END_STREAM, stream)
    )


def padded(payload: bytes, pad: int) -> bytes:
    return bytes((pad,)) + payload + b"\x00" * pad


def started(
    request: bytes = b"request", window: int = 2**31 - 1, limit: int = 1000
) -> ClientConnection:
    """A connection with a call in flight and its opening bytes taken."""
    machine = ClientConnection(window)
    machine.send_request(HEAD, request, limit)
    machine.data_to_send()
    return machine


def ended(events: list[Event]) -> CallEnded:
    (end,) = [e for e in events if isinstance(e, CallEnded)]
    return end


def failure(events: list[Event]) -> CallFailed:
    with pytest.raises(CallFailed) as failed:
        ended(events).reply()
    return failed.value


def frames_sent(machine: ClientConnection, acks: bool = False) -> list[tuple[int, int, int, bytes]]:
    """What the machine has to send, as (type, flags, stream, payload)."""
    data = machine.data_to_send(acks=acks).removeprefix(PREFACE)
    out = []
    while data:
        size = int.from_bytes(data[:3], "big")
        stream = int.from_bytes(data[5:9], "big")
        out.append((data[3], data[4], stream, data[9 : 9 + size]))
        data = data[9 + size :]
    return out


# -- the happy path -------------------------------------------------------------------------


def test_the_opening_announces_our_settings_and_sends_the_call() -> None:
    machine = ClientConnection()
    assert machine.state is ConnectionState.IDLE
    assert machine.send_request(HEAD, b"request", 1000) == 1
    assert machine.state is ConnectionState.ACTIVE
    assert machine.data_to_send().startswith(PREFACE)
    machine = ClientConnection()
    machine.send_request(HEAD, b"request", 1000)
    sent = frames_sent(machine)
    assert sent[0] == (
        SETTINGS,
        0,
        0,
        bytes.fromhex("0001 00000000 0002 00000000 0004 7fffffff 0005 00100000"),
    )
    assert sent[1] == (WINDOW_UPDATE, 0, 0, u32(2**31 - 1 - 65535))
    assert sent[2] == (HEADERS, END_HEADERS, 1, HEAD)
    assert sent[3] == (DATA, END_STREAM, 1, grpc_message(b"request"))
    assert machine.call is not None
    assert machine.call.state is CallState.AWAITING_REPLY


def test_a_reply_ends_the_call_and_frees_the_connection() -> None:
    machine = started()
    events = machine.receive_data(settings((4, 65535)) + reply(b"payload"))
    assert [type(e) for e in events] == [
        ResponseReceived,
        DataReceived,
        TrailersReceived,
        CallEnded,
    ]
    assert ended(events).reply() == b"payload"
    assert machine.state is ConnectionState.IDLE
    assert machine.call is None
    assert frames_sent(machine) == [(SETTINGS, ACK, 0, b"")]
    assert machine.send_request(HEAD, b"again", 1000) == 3
    machine.data_to_send()
    assert ended(machine.receive_data(reply(b"second", stream=3))).reply() == b"second"


def test_a_reply_fed_a_byte_at_a_time_reads_the_same() -> None:
    machine = started()
    data = settings() + reply(b"x" * 300)
    events: list[Event] = []
    for at in range(len(data)):
        events += machine.receive_data(data[at : at + 1])
    assert ended(events).reply() == b"x" * 300


def test_header_blocks_join_their_continuations() -> None:
    head, tail = RESPONSE_HEADERS[:3], RESPONSE_HEADERS[3:]
    end = trailers()
    data = (
        frame(HEADERS, head, 0, 1)
        + frame(CONTINUATION, tail, END_HEADERS, 1)
        + frame(DATA, grpc_message(b"joined"), 0, 1)
        + frame(HEADERS, end[:1], END_STREAM, 1)
        + b"".join(frame(CONTINUATION, end[i : i + 1], 0, 1) for i in range(1, len(end) - 1))
        + frame(CONTINUATION, end[-1:], END_HEADERS, 1)
    )
    assert ended(started().receive_data(data)).reply() == b"joined"


def test_padding_and_priority_are_skipped() -> None:
    data = (
        frame(
            HEADERS,
            padded(b"\x80\x00\x00\x03\x10" + RESPONSE_HEADERS, 7),
            END_HEADERS | PADDED | PRIORITY_FLAG,
            1,
        )
        + frame(DATA, padded(grpc_message(b"pad")[:4], 0), PADDED, 1)
        + frame(DATA, padded(grpc_message(b"pad")[4:], 200), PADDED, 1)
        + frame(HEADERS, padded(trailers(), 1), END_HEADERS | END_STREAM | PADDED, 1)
    )
    assert ended(started().receive_data(data)).reply() == b"pad"


def test_unknown_frames_and_priority_frames_are_ignored() -> None:
    data = frame(0xFA, b"anything") + frame(PRIORITY, b"\x00\x00\x00\x00\x10", 0, 1) + reply()
    assert ended(started().receive_data(data)).reply() == b"hello"


def test_frames_for_an_ended_stream_are_ignored_but_counted() -> None:
    machine = ClientConnection(65535)
    machine.send_request(HEAD, b"", 1000)
    machine.data_to_send()
    machine.receive_data(reply())
    late = frame(DATA, b"x" * 40_000, 0, 1) + frame(RST_STREAM, u32(8), 0, 1)
    assert (
        machine.receive_data(late + frame(HEADERS, trailers(), END_HEADERS | END_STREAM, 1)) == []
    )
    assert frames_sent(machine) == [(WINDOW_UPDATE, 0, 0, u32(10 + 40_000))]  # with the reply
    assert machine.state is ConnectionState.IDLE


# -- flow control ---------------------------------------------------------------------------


def test_we_reopen_both_windows_when_half_is_used() -> None:
    machine = started(window=65535, limit=10**6)
    message = grpc_message(b"y" * 39_995)
    events = machine.receive_data(
        frame(HEADERS, RESPONSE_HEADERS, END_HEADERS, 1)
        + frame(DATA, message[:20_000], 0, 1)
        + frame(DATA, message[20_000:], 0, 1)
    )
    assert [e.length for e in events if isinstance(e, DataReceived)] == [20_000, 20_000]
    assert frames_sent(machine) == [
        (WINDOW_UPDATE, 0, 0, u32(40_000)),
        (WINDOW_UPDATE, 0, 1, u32(40_000)),
    ]


def test_a_large_request_waits_for_the_servers_windows() -> None:
    request = bytes(range(256)) * 400  # 102,400 bytes: more than the 65,535-byte windows
    machine = ClientConnection()
    machine.send_request(HEAD, request, 10**6)
    sent = [f for f in frames_sent(machine) if f[0] == DATA]
    assert [len(f[3]) for f in sent] == [16_384] * 3 + [65_535 - 3 * 16_384]
    assert machine.call is not None
    assert machine.call.state is CallState.SENDING
    events = machine.receive_data(
        settings((4, 100_000), (5, 1 << 16)) + frame(WINDOW_UPDATE, u32(50_000))
    )
    assert WindowUpdated(0, 50_000) in events
    more = [f for f in frames_sent(machine) if f[0] == DATA]
    assert [len(f[3]) for f in more] == [34_465]  # the stream's window grew by 100,000 - 65,535
    assert machine.call.state is CallState.SENDING
    machine.receive_data(frame(WINDOW_UPDATE, u32(10**6)))  # the connection's: not enough
    assert frames_sent(machine) == []
    machine.receive_data(frame(WINDOW_UPDATE, u32(10**6), 0, 1))
    rest = [f for f in frames_sent(machine) if f[0] == DATA]
    assert rest[-1][1] == END_STREAM
    assert b"".join(f[3] for f in sent + more + rest) == grpc_message(request)
    assert machine.call.state is CallState.AWAITING_REPLY


def test_a_window_of_a_few_bytes_splits_the_message_prefix() -> None:
    machine = ClientConnection()
    machine.receive_data(settings((4, 3)))
    machine.send_request(HEAD, b"abc", 1000)
    data = [f for f in frames_sent(machine) if f[0] == DATA]
    machine.receive_data(frame(WINDOW_UPDATE, u32(100), 0, 1))
    data += [f for f in frames_sent(machine) if f[0] == DATA]
    assert [len(f[3]) for f in data] == [3, 5]
    assert b"".join(f[3] for f in data) == grpc_message(b"abc")


def test_the_reply_can_end_before_the_request_is_all_sent() -> None:
    machine = ClientConnection()
    machine.send_request(HEAD, b"z" * 100_000, 10**6)
    machine.data_to_send()
    events = machine.receive_data(
        frame(HEADERS, block({":status": "200", "grpc-status": "8"}), END_HEADERS | END_STREAM, 1)
    )
    assert failure(events).code == "RESOURCE_EXHAUSTED"
    assert frames_sent(machine) == [(RST_STREAM, 0, 1, u32(8))]
    assert machine.state is ConnectionState.IDLE


# -- PING, GOAWAY, RST_STREAM ---------------------------------------------------------------


def test_pings_are_answered_and_acks_ignored() -> None:
    machine = ClientConnection()
    machine.data_to_send()
    events = machine.receive_data(frame(PING, b"12345678") + frame(PING, b"87654321", ACK))
    assert events == [PingReceived(b"12345678")]
    assert frames_sent(machine) == [(PING, ACK, 0, b"12345678")]  # idle: at once


def test_a_ping_during_a_call_is_answered_with_the_next_write() -> None:
    machine = started()
    machine.receive_data(frame(PING, b"first..."))
    assert machine.acks_waiting
    assert machine.data_to_send() == b""  # it waits for a write, or for the driver's delay
    assert [f[3] for f in frames_sent(machine, acks=True)] == [b"first..."]
    assert not machine.acks_waiting
    machine.receive_data(frame(PING, b"second.."))
    ended(machine.receive_data(reply()))
    machine.send_request(HEAD, b"next", 1000)
    assert [f[0] for f in frames_sent(machine)] == [HEADERS, DATA, PING]  # with the request


def test_goaway_refuses_a_call_the_server_never_saw() -> None:
    machine = started()
    events = machine.receive_data(frame(GOAWAY, u32(0) + u32(0) + b"bye"))
    assert GoAwayReceived(0, 0, b"bye") in events
    failed = failure(events)
    assert (failed.code, failed.retry) == ("UNAVAILABLE", True)
    assert machine.state is ConnectionState.CLOSED


def test_goaway_lets_a_call_it_covers_finish() -> None:
    machine = started()
    events = machine.receive_data(frame(GOAWAY, u32(1) + u32(0)) + reply(b"done"))
    assert ended(events).reply() == b"done"
    assert machine.state is ConnectionState.GOAWAY
    with pytest.raises(LocalProtocolError, match="cannot start call when goaway"):
        machine.send_request(HEAD, b"", 1000)


def test_goaway_while_idle_stops_new_calls() -> None:
    machine = ClientConnection()
    machine.receive_data(settings() + frame(GOAWAY, u32(0) + u32(0)))
    assert machine.state is ConnectionState.GOAWAY


@pytest.mark.parametrize(
    ("code", "name", "retry"),
    [(7, "UNAVAILABLE", True), (8, "CANCELLED", False), (2, "INTERNAL", False)],
)
def test_a_reset_stream_fails_its_call_only(code: int, name: str, retry: bool) -> None:
    machine = started()
    events = machine.receive_data(frame(RST_STREAM, u32(code), 0, 1))
    assert StreamReset(1, code) in events
    failed = failure(events)
    assert (failed.code, failed.retry, failed.broken) == (name, retry, False)
    assert machine.state is ConnectionState.IDLE
    assert frames_sent(machine) == []


def test_stream_ids_run_out() -> None:
    machine = ClientConnection()
    machine._next_stream = LAST_STREAM_ID
    machine.send_request(HEAD, b"", 1000)
    machine.data_to_send()
    assert ended(machine.receive_data(reply(stream=LAST_STREAM_ID))).reply() == b"hello"
    assert machine.state is ConnectionState.GOAWAY


def test_a_second_call_while_one_is_in_flight_is_refused() -> None:
    machine = started()
    with pytest.raises(LocalProtocolError, match="cannot start call when active"):
        machine.send_request(HEAD, b"", 1000)


# -- statuses and messages ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "code", "details"),
    [
        (
            frame(HEADERS, block({":status": "503"}), END_HEADERS, 1),
            "UNAVAILABLE",
            "HTTP status 503",
        ),
        (frame(HEADERS, block({":status": "418"}), END_HEADERS, 1), "UNKNOWN", "HTTP status 418"),
        (frame(HEADERS, block({"grpc-status": "0"}), END_HEADERS, 1), "INTERNAL", "no :status"),
        (
            frame(
                HEADERS,
                block({":status": "200", "grpc-status": "5", "grpc-message": "no%20such%3A%20x"}),
                END_HEADERS | END_STREAM,
                1,
            ),
            "NOT_FOUND",
            "no such: x",
        ),
        (
            frame(
                HEADERS, block({":status": "200", "grpc-status": "²"}), END_HEADERS | END_STREAM, 1
            ),
            "UNKNOWN",
            "",
        ),
        (
            frame(
                HEADERS, block({":status": "200", "grpc-status": "99"}), END_HEADERS | END_STREAM, 1
            ),
            "UNKNOWN",
            "",
        ),
        (
            frame(HEADERS, block({":status": "200"}), END_HEADERS | END_STREAM, 1),
            "INTERNAL",
            "no grpc-status",
        ),
        (
            frame(HEADERS, RESPONSE_HEADERS, END_HEADERS, 1)
            + frame(HEADERS, trailers(), END_HEADERS | END_STREAM, 1),
            "INTERNAL",
            "without a whole reply",
        ),
        (
            frame(HEADERS, RESPONSE_HEADERS, END_HEADERS, 1)
            + frame(DATA, grpc_message(b"abc")[:6], 0, 1)
            + frame(HEADERS, trailers(), END_HEADERS | END_STREAM, 1),
            "INTERNAL",
            "without a whole reply",
        ),
        (
            frame(HEADERS, RESPONSE_HEADERS, END_HEADERS, 1)
            + frame(DATA, grpc_message(b"abc"), END_STREAM, 1),
            "INTERNAL",
            "without trailers",
        ),
        (
            frame(HEADERS, RESPONSE_HEADERS, END_HEADERS, 1)
            + frame(DATA, b"\x01" + grpc_message(b"abc")[1:], 0, 1),
            "INTERNAL",
            "compressed",
        ),
    ],
)
def test_replies_map_to_grpc_statuses(data: bytes, code: str, details: str) -> None:
    machine = started()
    failed = failure(machine.receive_data(data))
    assert failed.code == code
    assert details in failed.details
    assert not failed.broken
    assert machine.state is ConnectionState.IDLE


@pytest.mark.parametrize(
    ("data", "match"),
    [
        (grpc_message(b"x" * 1001), "reply of 1001 bytes exceeds the 1000-byte message limit"),
        (grpc_message(b"abc") + grpc_message(b"def"), "more than one reply message"),
    ],
)
def test_a_reply_message_over_the_limit_or_a_second_one_closes_the_connection(
    data: bytes, match: str
) -> None:
    machine = started()
    failed = failure(
        machine.receive_data(
            frame(HEADERS, RESPONSE_HEADERS, END_HEADERS, 1) + frame(DATA, data, 0, 1)
        )
    )
    assert match in failed.details
    assert failed.broken
    assert machine.state is ConnectionState.CLOSED
    assert [f[0] for f in frames_sent(machine)] == [RST_STREAM, GOAWAY]


# -- connection loss ------------------------------------------------------------------------


def test_a_close_before_the_reply_fails_the_call_and_is_not_retried() -> None:
    machine = started()
    events = machine.receive_data(settings() + frame(HEADERS, RESPONSE_HEADERS[:2], 0, 1))
    events += machine.receive_data(b"")
    failed = failure(events)
    assert (failed.code, failed.retry, failed.broken) == ("UNAVAILABLE", False, True)
    assert "the server closed the connection" in failed.details
    assert ConnectionTerminated(None, failed.details) in events
    assert machine.receive_data(reply()) == []


def test_a_call_whose_request_never_left_whole_is_retried() -> None:
    machine = ClientConnection()
    machine.send_request(HEAD, b"z" * 100_000, 10**6)  # waits on the server's windows
    machine.data_to_send()
    assert failure(machine.receive_data(b"")).retry
    machine = ClientConnection()
    machine.send_request(HEAD, b"z", 1000)
    machine.data_to_send()  # the writing of these bytes failed
    assert failure(machine.connection_lost("broken pipe", in_write=True)).retry
    machine = started()
    assert not failure(machine.connection_lost("reset by peer")).retry


def test_a_timeout_is_a_deadline() -> None:
    failed = failure(started().connection_lost("", timed_out=True))
    assert (failed.code, failed.details, failed.retry) == (
        "DEADLINE_EXCEEDED",
        "no answer within the timeout",
        False,
    )


def test_a_close_while_idle_closes_the_connection() -> None:
    machine = ClientConnection()
    assert [type(e) for e in machine.receive_data(b"")] == [ConnectionTerminated]
    assert machine.state is ConnectionState.CLOSED
    assert machine.connection_lost("again") == []


# -- guards: each a connection error, GOAWAY with its code, the call failed -----------------

RESPONSE = frame(HEADERS, RESPONSE_HEADERS, END_HEADERS, 1)
GUARDS = [
    pytest.param(
        b"\x10\x00\x01" + bytes((DATA, 0)) + u32(1),
        FRAME_SIZE_ERROR,
        "too large",
        id="frame-over-max",
    ),
    pytest.param(
        frame(SETTINGS, b"\x00\x04\x00\x00"),
        FRAME_SIZE_ERROR,
        "SETTINGS of 4",
        id="settings-length",
    ),
    pytest.param(
        frame(SETTINGS, b"", 0, 1), PROTOCOL_ERROR, "SETTINGS on a stream", id="settings-stream"
    ),
    pytest.param(
        frame(SETTINGS, b"\x00" * 6, ACK),
        FRAME_SIZE_ERROR,
        "acknowledgement",
        id="settings-ack-payload",
    ),
    pytest.param(settings((4, 2**31)), FLOW_CONTROL_ERROR, "initial window", id="settings-window"),
    pytest.param(
        settings((5, 100)), PROTOCOL_ERROR, "maximum frame size", id="settings-frame-small"
    ),
    pytest.param(
        settings((5, 1 << 24)), PROTOCOL_ERROR, "maximum frame size", id="settings-frame-big"
    ),
    pytest.param(settings((2, 2)), PROTOCOL_ERROR, "ENABLE_PUSH", id="settings-push"),
    pytest.param(frame(PING, b"1234567"), FRAME_SIZE_ERROR, "PING of 7", id="ping-length"),
    pytest.param(
        frame(PING, b"12345678", 0, 1), PROTOCOL_ERROR, "PING on a stream", id="ping-stream"
    ),
    pytest.param(
        frame(WINDOW_UPDATE, b"\x00\x00\x01"),
        FRAME_SIZE_ERROR,
        "WINDOW_UPDATE of 3",
        id="window-length",
    ),
    pytest.param(
        frame(WINDOW_UPDATE, u32(0)), PROTOCOL_ERROR, "WINDOW_UPDATE of 0", id="window-zero"
    ),
    pytest.param(
        frame(WINDOW_UPDATE, u32(0), 0, 1),
        PROTOCOL_ERROR,
        "WINDOW_UPDATE of 0",
        id="window-zero-stream",
    ),
    pytest.param(
        frame(WINDOW_UPDATE, u32(2**31 - 1)),
        FLOW_CONTROL_ERROR,
        "over 2^31-1",
        id="window-overflow",
    ),
    pytest.param(
        frame(WINDOW_UPDATE, u32(2**31 - 1), 0, 1),
        FLOW_CONTROL_ERROR,
        "over 2^31-1",
        id="window-overflow-stream",
    ),
    pytest.param(
        frame(WINDOW_UPDATE, u32(5), 0, 3), PROTOCOL_ERROR, "never opened", id="window-idle-stream"
    ),
    pytest.param(
        frame(RST_STREAM, b"\x00\x00\x08", 0, 1),
        FRAME_SIZE_ERROR,
        "RST_STREAM of 3",
        id="reset-length",
    ),
    pytest.param(
        frame(RST_STREAM, u32(8)), PROTOCOL_ERROR, "RST_STREAM on stream 0", id="reset-stream-0"
    ),
    pytest.param(
        frame(GOAWAY, u32(1) + b"\x00\x00\x00"), FRAME_SIZE_ERROR, "GOAWAY of 7", id="goaway-length"
    ),
    pytest.param(
        frame(GOAWAY, u32(1) + u32(0), 0, 1),
        PROTOCOL_ERROR,
        "GOAWAY on a stream",
        id="goaway-stream",
    ),
    pytest.param(frame(DATA, b"x"), PROTOCOL_ERROR, "DATA on stream 0", id="data-stream-0"),
    pytest.param(
        frame(HEADERS, RESPONSE_HEADERS, END_HEADERS),
        PROTOCOL_ERROR,
        "HEADERS on stream 0",
        id="headers-stream-0",
    ),
    pytest.param(frame(DATA, b"x", 0, 3), PROTOCOL_ERROR, "never opened", id="data-idle-stream"),
    pytest.param(
        frame(HEADERS, RESPONSE_HEADERS, END_HEADERS, 2),
        PROTOCOL_ERROR,
        "never opened",
        id="headers-even-stream",
    ),
    pytest.param(
        frame(DATA, b"x", 0, 1),
        PROTOCOL_ERROR,
        "before the response headers",
        id="data-before-headers",
    ),
    pytest.param(
        frame(PUSH_PROMISE, u32(2) + RESPONSE_HEADERS, END_HEADERS, 1),
        PROTOCOL_ERROR,
        "pushed",
        id="push",
    ),
    pytest.param(
        frame(PRIORITY, b"\x00" * 4, 0, 1),
        FRAME_SIZE_ERROR,
        "PRIORITY frame of 4",
        id="priority-length",
    ),
    pytest.param(
        frame(PRIORITY, b"\x00" * 5),
        PROTOCOL_ERROR,
        "PRIORITY frame on stream 0",
        id="priority-stream-0",
    ),
    pytest.param(
        frame(CONTINUATION, RESPONSE_HEADERS, END_HEADERS, 1),
        PROTOCOL_ERROR,
        "outside a header block",
        id="continuation-alone",
    ),
    pytest.param(
        frame(HEADERS, RESPONSE_HEADERS[:2], 0, 1) + frame(DATA, b"x", 0, 1),
        PROTOCOL_ERROR,
        "cut short",
        id="block-cut",
    ),
    pytest.param(
        frame(HEADERS, RESPONSE_HEADERS[:2], 0, 1) + frame(PING, b"12345678"),
        PROTOCOL_ERROR,
        "cut short",
        id="block-cut-by-ping",
    ),
    pytest.param(
        frame(HEADERS, RESPONSE_HEADERS[:2], 0, 1)
        + frame(CONTINUATION, RESPONSE_HEADERS[2:], END_HEADERS, 3),
        PROTOCOL_ERROR,
        "outside a header block",
        id="continuation-other-stream",
    ),
    pytest.param(
        frame(HEADERS, b"", 0, 1) + frame(CONTINUATION, b"", 0, 1) * 65,
        PROTOCOL_ERROR,
        "over 64 CONTINUATIONs",
        id="continuation-flood",
    ),
    pytest.param(
        frame(HEADERS, b"", 0, 1) + frame(CONTINUATION, b"\x00" * 40_000, 0, 1) * 2,
        PROTOCOL_ERROR,
        "over 65536 bytes",
        id="header-list-size",
    ),
    pytest.param(
        frame(HEADERS, b"\x00" * 70_000, END_HEADERS, 1),
        PROTOCOL_ERROR,
        "over 65536 bytes",
        id="header-frame-size",
    ),
    pytest.param(
        frame(HEADERS, block({"x": "y" * 70_000})[:65_000], END_HEADERS, 1),
        COMPRESSION_ERROR,
        "bad header block",
        id="header-list-decoded",
    ),
    pytest.param(
        frame(HEADERS, b"\xff\xff\xff\xff\xff", END_HEADERS, 1),
        COMPRESSION_ERROR,
        "bad header block",
        id="hpack-garbage",
    ),
    pytest.param(
        frame(HEADERS, b"\x00\x01\xff\x01a", END_HEADERS, 1),
        COMPRESSION_ERROR,
        "bad header block",
        id="hpack-not-utf8",
    ),
    pytest.param(
        frame(HEADERS, padded(RESPONSE_HEADERS, 0)[:0], END_HEADERS | PADDED, 1),
        FRAME_SIZE_ERROR,
        "no pad length",
        id="pad-missing",
    ),
    pytest.param(
        frame(
            HEADERS, bytes((len(RESPONSE_HEADERS) + 1,)) + RESPONSE_HEADERS, END_HEADERS | PADDED, 1
        ),
        PROTOCOL_ERROR,
        "bytes of padding",
        id="pad-headers",
    ),
    pytest.param(
        RESPONSE + frame(DATA, b"\x05abcd", PADDED, 1),
        PROTOCOL_ERROR,
        "5 bytes of padding",
        id="pad-data",
    ),
    pytest.param(
        frame(HEADERS, b"\x00\x00\x00", END_HEADERS | PRIORITY_FLAG, 1),
        FRAME_SIZE_ERROR,
        "too short for its priority",
        id="priority-short",
    ),
    pytest.param(
        frame(HEADERS, b"\x01\x00\x00\x00\x00\x00", END_HEADERS | PRIORITY_FLAG | PADDED, 1),
        PROTOCOL_ERROR,
        "bytes of padding",
        id="priority-padded-short",
    ),
    pytest.param(
        RESPONSE + frame(HEADERS, RESPONSE_HEADERS, END_HEADERS, 1),
        PROTOCOL_ERROR,
        "second header block",
        id="second-headers",
    ),
    pytest.param(
        RESPONSE + frame(DATA, b"x" * 65_536, 0, 1),
        FLOW_CONTROL_ERROR,
        "beyond the connection's window",
        id="over-window",
    ),
]


@pytest.mark.parametrize(("data", "code", "reason"), GUARDS)
def test_frames_a_server_must_not_send_end_the_connection(
    data: bytes, code: int, reason: str
) -> None:
    machine = started(window=65535)
    events = machine.receive_data(settings() + data + reply())
    failed = failure(events)
    assert failed.code == "INTERNAL"
    assert failed.details.startswith("HTTP/2 protocol error from the server: ")
    assert reason in failed.details
    assert (failed.broken, failed.retry) == (True, False)
    assert ConnectionTerminated(code, failed.details) in events
    assert machine.state is ConnectionState.CLOSED
    goaway = [f for f in frames_sent(machine) if f[0] == GOAWAY]
    assert goaway == [(GOAWAY, 0, 0, u32(0) + u32(code))]
    assert machine.receive_data(reply()) == []  # nothing more is read


def test_a_guard_fires_while_idle_too() -> None:
    machine = ClientConnection()
    events = machine.receive_data(frame(PING, b"short"))
    assert [type(e) for e in events] == [ConnectionTerminated]
    assert machine.state is ConnectionState.CLOSED
