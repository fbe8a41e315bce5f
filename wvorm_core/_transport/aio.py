"""The asyncio transport: httpx.AsyncClient for REST, grpc.aio for gRPC."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

import grpc
import grpc.aio
import httpx
from google.protobuf.message import Message

from wvorm_core._ops.calls import Call, GrpcRequest, Op, RestRequest, RestResponse
from wvorm_core._transport.common import (
    TransportSettings,
    grpc_failure,
    rest_failure,
    serialize,
)
from wvorm_core.exceptions import WeaviateError

T = TypeVar("T")

_Unary = Callable[..., Awaitable[Message]]


class AsyncTransport:
    """Runs operations with asyncio I/O; the gRPC channel opens on first use in the loop."""

    def __init__(self, settings: TransportSettings) -> None:
        self.settings = settings
        self._http = httpx.AsyncClient(**settings.http_client_options())  # type: ignore[arg-type]
        self._channel: grpc.aio.Channel | None = None
        self._unary: dict[str, _Unary] = {}

    async def run(self, op: Op[T]) -> T:
        """Drive `op` to completion, awaiting each request it yields."""
        if self.settings.auth.refresh_due():
            await self._drive(self.settings.auth.refresh())
        return await self._drive(op)

    async def _drive(self, op: Op[T]) -> T:
        try:
            call = next(op)
            while True:
                try:
                    reply = await self._send(call)
                except WeaviateError as error:
                    call = op.throw(error)
                else:
                    call = op.send(reply)
        except StopIteration as done:
            return done.value  # type: ignore[no-any-return]

    async def _send(self, call: Call) -> object:
        if isinstance(call, GrpcRequest):
            return await self._send_grpc(call)
        return await self._send_rest(call)

    async def _send_rest(self, call: RestRequest) -> RestResponse:
        try:
            reply = await self._http.request(
                call.method,
                call.path,
                json=call.json,
                params=call.params,
                data=call.form,
                headers=self.settings.request_headers(call),
                timeout=self.settings.timeouts[call.timeout],
            )
        except httpx.TransportError as error:
            raise rest_failure(call, error, f"{self._http.base_url}{call.path}") from None
        return RestResponse(reply.status_code, reply.content)

    async def _send_grpc(self, call: GrpcRequest) -> Message:
        unary = self._unary_for(call)
        try:
            return await unary(
                call.request,
                timeout=self.settings.timeouts[call.timeout],
                metadata=self.settings.grpc_metadata() + call.metadata,
            )
        except grpc.RpcError as error:
            raise grpc_failure(call, error) from None

    def _unary_for(self, call: GrpcRequest) -> _Unary:
        if self._channel is None:
            settings = self.settings
            options = settings.grpc_channel_options()
            target = settings.params.grpc_target
            if settings.params.grpc.secure:
                credentials = grpc.ssl_channel_credentials()
                self._channel = grpc.aio.secure_channel(target, credentials, options=options)
            else:
                self._channel = grpc.aio.insecure_channel(target, options=options)
        unary = self._unary.get(call.method)
        if unary is None:
            unary = self._channel.unary_unary(
                call.method,
                request_serializer=serialize,
                response_deserializer=call.reply_type.FromString,
            )
            self._unary[call.method] = unary
        return unary

    async def close(self) -> None:
        await self._http.aclose()
        if self._channel is not None:
            await self._channel.close()
        self._channel = None
