"""What the sync and async transports share: headers, gRPC options, error mapping."""

from __future__ import annotations

import urllib.request
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, cast

import httpx
from google.protobuf.message import Message

from wvorm_core._ops.calls import GrpcRequest, RestRequest, TimeoutKind, grpc_error
from wvorm_core._transport.auth import AuthSession
from wvorm_core._transport.params import ConnectionParams
from wvorm_core.classes.init import AdditionalConfig
from wvorm_core.exceptions import WeaviateConnectionError, WeaviateTimeoutError

if TYPE_CHECKING:
    import grpc

    from wvorm_core._transport.http2_headers import Metadata

DEFAULT_GRPC_MAX_MESSAGE_SIZE = 104_858_000
"""Weaviate's default `GRPC_MAX_MESSAGE_SIZE`, used until the server announces its own."""


class TransportSettings:
    """Everything a transport needs to know about its connection, fixed at creation."""

    def __init__(
        self,
        params: ConnectionParams,
        auth: AuthSession,
        headers: Mapping[str, str],
        config: AdditionalConfig,
    ) -> None:
        self.params = params
        self.auth = auth
        self.headers = dict(headers)
        self.config = config
        self.grpc_max_message_size = config.grpc_max_message_size or DEFAULT_GRPC_MAX_MESSAGE_SIZE
        timeout = config.timeout
        self.timeouts: dict[TimeoutKind, float] = {
            "init": timeout.init,
            "query": timeout.query,
            "insert": timeout.insert,
        }

    def __repr__(self) -> str:
        return f"TransportSettings({self.params.rest_url}, grpc={self.params.grpc_target})"

    def http_client_options(self) -> dict[str, object]:
        return {
            "base_url": f"{self.params.rest_url}/v1",
            "headers": self.headers,
            "trust_env": self.config.trust_env,
            "timeout": self.config.timeout.query,
        }

    def request_headers(self, call: RestRequest) -> dict[str, str]:
        auth = self.auth.authorization if call.authenticated else None
        return {"Authorization": auth} if auth else {}

    def rest_options(self, call: RestRequest) -> dict[str, Any]:
        """The keyword arguments of `httpx`'s `request(call.method, call.path, ...)`."""
        return {
            "json": call.json,
            "params": call.params,
            "data": call.form,
            "headers": self.request_headers(call),
            "timeout": self.timeouts[call.timeout],
        }

    def unary_arguments(self, call: GrpcRequest) -> tuple[str, bytes, Metadata, float, int]:
        """The arguments of the built-in HTTP/2 channel's `unary` for `call`."""
        return (
            call.method,
            serialize(call.request),
            self.grpc_metadata() + call.metadata,
            self.timeouts[call.timeout],
            self.grpc_max_message_size,
        )

    def grpc_call_options(self, call: GrpcRequest) -> dict[str, Any]:
        """The keyword arguments of a grpcio unary call for `call`."""
        return {
            "timeout": self.timeouts[call.timeout],
            "metadata": self.grpc_metadata() + call.metadata,
        }

    def grpc_metadata(self) -> Metadata:
        pairs = [(k.lower(), v) for k, v in self.headers.items()]
        if (auth := self.auth.authorization) is not None:
            pairs.append(("authorization", auth))
        return tuple(pairs)

    def builtin_grpc(self) -> bool:
        """Whether unary calls may skip grpcio (see `AdditionalConfig.builtin_grpc`)."""
        endpoint = self.params.grpc
        if not self.config.builtin_grpc or endpoint.secure or self.config.grpc_channel_options:
            return False
        proxies = urllib.request.getproxies_environment()
        proxied = any(proxies.get(scheme) for scheme in ("grpc", "https", "http"))
        return not proxied or bool(urllib.request.proxy_bypass(endpoint.host))

    def grpc_channel_options(self) -> list[tuple[str, int | str]]:
        size = self.grpc_max_message_size
        return [
            ("grpc.max_send_message_length", size),
            ("grpc.max_receive_message_length", size),
            *self.config.grpc_channel_options,
        ]


def serialize(message: Message | bytes) -> bytes:
    """A request's wire bytes; operations may hand them over already written."""
    return message if isinstance(message, bytes) else message.SerializeToString()


def method_options(reply_type: type[Message]) -> dict[str, Any]:
    """The keyword arguments of a grpcio channel's `unary_unary` / `stream_stream`."""
    return {
        "request_serializer": serialize,
        "response_deserializer": reply_type.FromString,
        "_registered_method": True,  # not in the grpcio stubs yet
    }


def rest_failure(call: RestRequest, error: httpx.TransportError) -> Exception:
    """The exception for an HTTP request that got no answer."""
    try:
        url = str(error.request.url)
    except RuntimeError:  # an error raised before the request was built
        url = call.path
    if isinstance(error, httpx.TimeoutException):
        return WeaviateTimeoutError(f"{call.method} {url}: no answer within the timeout")
    return WeaviateConnectionError(f"{call.method} {url}: {type(error).__name__}: {error}")


def grpc_failure(call: GrpcRequest, error: grpc.RpcError) -> Exception:
    """The exception for a failed gRPC call."""
    failed = cast("grpc.Call", error)
    return grpc_error(call.method, failed.code().name, failed.details() or "")
