"""The asyncio transport: httpx.AsyncClient for REST; for gRPC, wvorm's own HTTP/2 connections
(unary calls, where they apply) and grpc.aio."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar, cast

import grpc
import grpc.aio
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
from wvorm_core._transport.base import drive_async
from wvorm_core._transport.common import (
    TransportSettings,
    grpc_failure,
    method_options,
    rest_failure,
)
from wvorm_core._transport.http2_aio import AsyncHttp2Channel
from wvorm_core._transport.http2_events import CallFailed

T = TypeVar("T")

_Unary = Callable[..., Awaitable[Message]]


class AsyncNetworkTransport:
    """Runs operations with asyncio I/O; gRPC connections open on first use in the loop."""

    def __init__(self, settings: TransportSettings) -> None:
        self.settings = settings
        self._http = httpx.AsyncClient(**settings.http_client_options())  # type: ignore[arg-type]
        self._channel: grpc.aio.Channel | None = None
        self._unary: dict[str, _Unary] = {}
        self._http2: AsyncHttp2Channel | None = None
        if settings.builtin_grpc():
            endpoint = settings.params.grpc
            self._http2 = AsyncHttp2Channel(endpoint.host, endpoint.port)

    @property
    def grpc_max_message_size(self) -> int:
        return self.settings.grpc_max_message_size

    async def run(self, op: Op[T]) -> T:
        """Drive `op` to completion, awaiting each request it yields."""
        if self.settings.auth.refresh_due():
            await drive_async(self.settings.auth.refresh(), self._send)
        return await drive_async(op, self._send)

    async def _send(self, call: Call) -> object:
        if isinstance(call, GrpcRequest):
            return await self._send_grpc(call)
        return await self._send_rest(call)

    async def _send_rest(self, call: RestRequest) -> RestResponse:
        try:
            reply = await self._http.request(
                call.method, call.path, **self.settings.rest_options(call)
            )
        except httpx.TransportError as error:
            raise rest_failure(call, error) from None
        return RestResponse(reply.status_code, reply.content)

    async def _send_grpc(self, call: GrpcRequest) -> Message:
        if self._http2 is not None:
            try:
                reply = await self._http2.unary(*self.settings.unary_arguments(call))
            except CallFailed as failure:
                raise grpc_error(call.method, failure.code, failure.details) from None
            return call.reply_type.FromString(reply)  # type: ignore[arg-type]  # (any buffer)
        unary = self._unary_for(call)
        try:
            return await unary(call.request, **self.settings.grpc_call_options(call))
        except grpc.RpcError as error:
            raise grpc_failure(call, error) from None

    async def stream(self, method: str, reply_type: type[Message]) -> GrpcStream:
        """Open a bidirectional gRPC stream."""
        if self.settings.auth.refresh_due():
            await drive_async(self.settings.auth.refresh(), self._send)
        channel = self._open_channel()
        call = channel.stream_stream(method, **method_options(reply_type))(
            metadata=self.settings.grpc_metadata()
        )
        return GrpcStream(method, call)

    def _open_channel(self) -> grpc.aio.Channel:
        if self._channel is None:
            settings = self.settings
            options = settings.grpc_channel_options()
            target = settings.params.grpc_target
            if settings.params.grpc.secure:
                credentials = grpc.ssl_channel_credentials()
                self._channel = grpc.aio.secure_channel(target, credentials, options=options)
            else:
                self._channel = grpc.aio.insecure_channel(target, options=options)
        return self._channel

    def _unary_for(self, call: GrpcRequest) -> _Unary:
        channel = self._open_channel()
        unary = self._unary.get(call.method)
        if unary is None:
            unary = channel.unary_unary(call.method, **method_options(call.reply_type))
            self._unary[call.method] = unary
        return unary

    async def close(self) -> None:
        await self._http.aclose()
        if self._http2 is not None:
            await self._http2.close()
        if self._channel is not None:
            await self._channel.close()
        self._channel = None


class GrpcStream:
    """One open bidirectional gRPC stream; failures raise the matching `WeaviateError`."""

    def __init__(
        self, method: str, call: grpc.aio.StreamStreamCall[Message | bytes, Message]
    ) -> None:
        self._method = method
        self._call = call

    def _failure(self, error: grpc.RpcError) -> Exception:
        failed = cast(grpc.aio.AioRpcError, error)
        return grpc_error(self._method, failed.code().name, failed.details() or "")

    async def write(self, request: Message | bytes) -> None:
        try:
            await self._call.write(request)
        except grpc.RpcError as error:
            raise self._failure(error) from None

    async def done_writing(self) -> None:
        try:
            await self._call.done_writing()
        except grpc.RpcError as error:
            raise self._failure(error) from None

    async def read(self) -> Message | None:
        """The next reply, or None once the server has ended the stream."""
        try:
            reply = await self._call.read()
        except grpc.RpcError as error:
            raise self._failure(error) from None
        if reply is grpc.aio.EOF:
            return None
        return cast(Message, reply)

    def cancel(self) -> None:
        self._call.cancel()
