"""The blocking transport: httpx.Client for REST; for gRPC, wvorm's own HTTP/2 connections
(unary calls, where they apply) and a grpc channel."""

from __future__ import annotations

import os
from collections.abc import Callable, Generator, Iterator
from typing import TYPE_CHECKING, TypeVar

import httpx
from google.protobuf.message import Message

from wvorm_core._ops.calls import (
    Call,
    GrpcRequest,
    Op,
    RestRequest,
    RestResponse,
    grpc_error,
)
from wvorm_core._transport.base import drive
from wvorm_core._transport.common import (
    TransportSettings,
    grpc_failure,
    method_options,
    parse_reply,
    rest_failure,
)
from wvorm_core._transport.deadline import DeadlineTransport, call_deadline
from wvorm_core._transport.http2 import Http2Channel
from wvorm_core._transport.http2_events import CallFailed

if TYPE_CHECKING:
    import grpc

T = TypeVar("T")

_Unary = Callable[..., Message]


class NetworkTransport:
    """Runs operations with blocking I/O. Thread-safe; the gRPC channel opens lazily."""

    def __init__(self, settings: TransportSettings) -> None:
        self.settings = settings
        self._http = httpx.Client(
            transport=DeadlineTransport(),
            **settings.http_client_options(),  # type: ignore[arg-type]
        )
        self._channel: grpc.Channel | None = None
        self._channel_pid = 0
        self._unary: dict[str, _Unary] = {}
        self._http2: Http2Channel | None = None
        if settings.builtin_grpc():
            endpoint = settings.params.grpc
            self._http2 = Http2Channel(endpoint.host, endpoint.port)

    @property
    def grpc_max_message_size(self) -> int:
        return self.settings.grpc_max_message_size

    def run(self, op: Op[T]) -> T:
        """Drive `op` to completion, sending each request it yields."""
        if self.settings.auth.refresh_due():
            drive(self.settings.auth.refresh(), self._send)
        return drive(op, self._send)

    def _send(self, call: Call) -> object:
        if isinstance(call, GrpcRequest):
            return self._send_grpc(call)
        return self._send_rest(call)

    def _send_rest(self, call: RestRequest) -> RestResponse:
        """The call's timeout bounds it in all: its sockets stop at the deadline."""
        try:
            with call_deadline(self.settings.timeouts[call.timeout]):
                reply = self._http.request(
                    call.method, call.path, **self.settings.rest_options(call)
                )
        except httpx.TransportError as error:
            raise rest_failure(call, error) from None
        return RestResponse(reply.status_code, reply.content)

    def _send_grpc(self, call: GrpcRequest) -> Message:
        if self._http2 is not None:
            try:
                reply = self._http2.unary(*self.settings.unary_arguments(call))
            except CallFailed as failure:
                raise grpc_error(call.method, failure.code, failure.details) from None
            return parse_reply(call, reply)
        import grpc

        unary = self._unary_for(call)
        try:
            return unary(call.request, **self.settings.grpc_call_options(call))
        except grpc.RpcError as error:
            raise grpc_failure(call, error) from None

    def _unary_for(self, call: GrpcRequest) -> _Unary:
        if self._channel is None or self._channel_pid != os.getpid():
            self._open_channel()
        unary = self._unary.get(call.method)
        if unary is None:
            assert self._channel is not None
            unary = self._channel.unary_unary(call.method, **method_options(call.reply_type))
            self._unary[call.method] = unary
        return unary

    def stream(
        self, method: str, requests: Iterator[Message | bytes], reply_type: type[Message]
    ) -> Generator[Message, None, None]:
        """A bidirectional gRPC stream: writes `requests` (ending when they do) and yields the
        replies; a failed stream raises the matching `WeaviateError`. Closing the iterator
        cancels the call."""
        if self.settings.auth.refresh_due():
            drive(self.settings.auth.refresh(), self._send)
        if self._channel is None or self._channel_pid != os.getpid():
            self._open_channel()
        assert self._channel is not None
        call = self._channel.stream_stream(method, **method_options(reply_type))(
            requests, metadata=self.settings.grpc_metadata()
        )
        import grpc

        try:
            yield from call
        except grpc.RpcError as error:
            raise grpc_error(method, error.code().name, error.details() or "") from None
        finally:
            call.cancel()

    def _open_channel(self) -> None:
        """Open a channel (grpcio is imported here, on first use); after a fork the child opens
        its own and leaves the parent's alone."""
        import grpc

        settings = self.settings
        options = settings.grpc_channel_options()
        target = settings.params.grpc_target
        if settings.params.grpc.secure:
            credentials = grpc.ssl_channel_credentials()
            self._channel = grpc.secure_channel(target, credentials, options=options)
        else:
            self._channel = grpc.insecure_channel(target, options=options)
        self._channel_pid = os.getpid()
        self._unary.clear()

    def close(self) -> None:
        self._http.close()
        if self._http2 is not None:
            self._http2.close()
        if self._channel is not None and self._channel_pid == os.getpid():
            self._channel.close()
        self._channel = None
