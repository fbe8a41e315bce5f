"""What the sans-IO HTTP/2 connection (`http2_connection.ClientConnection`) reports: the
events `receive_data` returns, and `CallFailed`, the failure a call ends with."""

from __future__ import annotations

from dataclasses import dataclass


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


@dataclass(slots=True)
class ResponseReceived:
    """The response headers of a call (`headers` decoded; `:status` among them)."""

    stream_id: int
    headers: dict[str, str]


@dataclass(slots=True)
class DataReceived:
    """A DATA frame of `length` flow-controlled bytes on a call's stream."""

    stream_id: int
    length: int


@dataclass(slots=True)
class TrailersReceived:
    """The trailers of a call: its gRPC status name and message."""

    stream_id: int
    status: str
    details: str


@dataclass(slots=True)
class StreamReset:
    """The server reset a call's stream with HTTP/2 error `error_code`."""

    stream_id: int
    error_code: int


@dataclass(slots=True)
class WindowUpdated:
    """The server opened its window by `increment` (stream 0: the connection's)."""

    stream_id: int
    increment: int


@dataclass(slots=True)
class PingReceived:
    """The server pinged; the acknowledgement is queued in `data_to_send`."""

    payload: bytes


@dataclass(slots=True)
class GoAwayReceived:
    """The server is going away: streams above `last_stream_id` were never processed."""

    error_code: int
    last_stream_id: int
    debug: bytes


@dataclass(slots=True)
class ConnectionTerminated:
    """The connection is closed: by our protocol error (`error_code`), or lost (None)."""

    error_code: int | None
    details: str


@dataclass(slots=True)
class CallEnded:
    """A call is over, with its reply message or the failure it ended with."""

    stream_id: int
    message: bytearray | None
    failure: CallFailed | None

    def reply(self) -> bytearray:
        """The reply message; raises the call's `CallFailed` if it failed."""
        if self.failure is not None:
            raise self.failure
        assert self.message is not None
        return self.message


Event = (
    ResponseReceived
    | DataReceived
    | TrailersReceived
    | StreamReset
    | WindowUpdated
    | PingReceived
    | GoAwayReceived
    | ConnectionTerminated
    | CallEnded
)
