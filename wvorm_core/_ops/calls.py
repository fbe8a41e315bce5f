"""The request and reply values exchanged between operations and transports."""

from __future__ import annotations

import json
from collections.abc import Generator, Mapping
from dataclasses import dataclass, field
from typing import Literal, TypeVar

from google.protobuf.message import Message

from wvorm_core.exceptions import (
    InsufficientPermissionsError,
    UnexpectedStatusCodeError,
    WeaviateAuthenticationError,
    WeaviateConnectionError,
    WeaviateError,
    WeaviateQueryError,
    WeaviateServerError,
    WeaviateTimeoutError,
)

T = TypeVar("T")
M = TypeVar("M", bound=Message)

TimeoutKind = Literal["init", "query", "insert"]
"""Which of the client's timeouts applies to a call."""


@dataclass(frozen=True, slots=True)
class RestRequest:
    """One HTTP request; `path` is relative to `/v1` unless it is an absolute URL."""

    method: str
    path: str
    json: object = None
    params: Mapping[str, str] | None = None
    form: Mapping[str, str] | None = None
    timeout: TimeoutKind = "query"
    authenticated: bool = True


@dataclass(frozen=True, slots=True)
class RestResponse:
    """The status and raw body of an HTTP reply."""

    status: int
    body: bytes

    def json(self) -> object:
        """The body as JSON (None when empty); a body that is not JSON raises
        `WeaviateServerError`."""
        try:
            return json.loads(self.body) if self.body else None
        except ValueError as error:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
            raise WeaviateServerError(
                self.status, f"the reply is not valid JSON: {error}"
            ) from None


@dataclass(frozen=True, slots=True)
class GrpcRequest:
    """One unary gRPC call: the full method path, the request (a message, or its wire bytes
    when the operation wrote them itself), and the reply message type."""

    method: str
    request: Message | bytes
    reply_type: type[Message]
    timeout: TimeoutKind = "query"
    metadata: tuple[tuple[str, str], ...] = field(default=())


Call = RestRequest | GrpcRequest
Op = Generator[Call, object, T]
"""A sans-IO operation returning `T`."""


def rest(
    method: str,
    path: str,
    *,
    json: object = None,
    params: Mapping[str, str] | None = None,
    ok: tuple[int, ...] = (200,),
    timeout: TimeoutKind = "query",
    context: str = "",
) -> Op[RestResponse]:
    """Send one REST request; a status outside `ok` raises the matching error."""
    reply = yield RestRequest(method, path, json=json, params=params, timeout=timeout)
    if not isinstance(reply, RestResponse):
        raise TypeError(f"{method} {path}: the transport answered {type(reply).__name__}")
    if reply.status not in ok:
        raise status_error(context or f"{method} {path}", reply)
    return reply


def grpc(
    service: str,
    method: str,
    request: Message | bytes,
    reply_type: type[M],
    *,
    timeout: TimeoutKind = "query",
) -> Op[M]:
    """Send one unary gRPC call to `/{service}/{method}` and return its typed reply."""
    reply = yield GrpcRequest(f"/{service}/{method}", request, reply_type, timeout)
    if not isinstance(reply, reply_type):
        raise TypeError(f"gRPC {method}: the transport answered {type(reply).__name__}")
    return reply


def server_message(body: bytes) -> str:
    """The human-readable error message inside a Weaviate error body."""
    try:
        data = json.loads(body)
    except ValueError:
        return body.decode("utf-8", "replace").strip() or "(empty body)"
    if isinstance(data, dict):
        errors = data.get("error")
        if isinstance(errors, list):
            parts = [str(e.get("message", e)) if isinstance(e, dict) else str(e) for e in errors]
            return "; ".join(parts)
        if isinstance(errors, str):
            return errors
        if "message" in data:
            return str(data["message"])
    return json.dumps(data)


def status_error(context: str, reply: RestResponse) -> WeaviateError:
    """The exception for an unexpected HTTP status."""
    message = server_message(reply.body)
    if reply.status == 403:
        return InsufficientPermissionsError(403, f"{context}: {message}")
    if reply.status == 401:
        return WeaviateAuthenticationError(f"{context}: {reply.status}: {message}")
    return UnexpectedStatusCodeError(context, reply.status, message)


_GRPC_CONNECTION_CODES = frozenset({"UNAVAILABLE"})


def grpc_error(method: str, code: str, details: str) -> WeaviateError:
    """The exception for a failed gRPC call, from the status code name and details.

    Weaviate reports refused credentials as UNKNOWN with an "extract auth:" message.
    """
    where = method.rsplit("/", 1)[-1]
    if code in _GRPC_CONNECTION_CODES:
        return WeaviateConnectionError(f"gRPC {where}: server unavailable: {details}")
    if code == "DEADLINE_EXCEEDED":
        return WeaviateTimeoutError(f"gRPC {where}: deadline exceeded: {details}")
    if code == "PERMISSION_DENIED":
        return InsufficientPermissionsError(code, f"gRPC {where}: {details}")
    if code == "UNAUTHENTICATED" or details.startswith("extract auth:"):
        return WeaviateAuthenticationError(f"gRPC {where}: {code}: {details}")
    return WeaviateQueryError(code, f"gRPC {where}: {details}")
