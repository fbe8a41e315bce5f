"""Error mapping of REST statuses and gRPC codes."""

from __future__ import annotations

import pytest

from wvorm_core._ops.calls import RestResponse, grpc_error, rest, server_message, status_error
from wvorm_core.exceptions import (
    UnexpectedStatusCodeError,
    WeaviateAuthenticationError,
    WeaviateConnectionError,
    WeaviateQueryError,
    WeaviateTimeoutError,
)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b'{"error":[{"message":"class already exists"}]}', "class already exists"),
        (b'{"error":"boom"}', "boom"),
        (b'{"code":401,"message":"anonymous access not enabled"}', "anonymous access not enabled"),
        (b"plain text", "plain text"),
        (b"", "(empty body)"),
    ],
)
def test_server_message(body: bytes, message: str) -> None:
    assert server_message(body) == message


def test_status_errors() -> None:
    error = status_error(
        "create collection 'A'", RestResponse(422, b'{"error":[{"message":"bad"}]}')
    )
    assert isinstance(error, UnexpectedStatusCodeError)
    assert error.status_code == 422
    assert str(error) == "422: create collection 'A': bad"
    assert isinstance(status_error("x", RestResponse(401, b"")), WeaviateAuthenticationError)
    assert isinstance(status_error("x", RestResponse(403, b"")), WeaviateAuthenticationError)


def test_rest_raises_outside_ok_statuses() -> None:
    op = rest("GET", "/schema/A", ok=(200, 404))
    request = next(op)
    assert (request.method, request.path) == ("GET", "/schema/A")
    with pytest.raises(StopIteration) as done:
        op.send(RestResponse(404, b""))
    assert done.value.value.status == 404
    op = rest("GET", "/schema/A")
    next(op)
    with pytest.raises(UnexpectedStatusCodeError, match="500: GET /schema/A: oops"):
        op.send(RestResponse(500, b'{"error":"oops"}'))


@pytest.mark.parametrize(
    ("code", "details", "kind"),
    [
        ("UNAVAILABLE", "connection refused", WeaviateConnectionError),
        ("DEADLINE_EXCEEDED", "", WeaviateTimeoutError),
        ("UNAUTHENTICATED", "", WeaviateAuthenticationError),
        ("PERMISSION_DENIED", "", WeaviateAuthenticationError),
        ("UNKNOWN", "extract auth: unauthorized: invalid api key", WeaviateAuthenticationError),
        ("UNKNOWN", "class Foo not found", WeaviateQueryError),
    ],
)
def test_grpc_errors(code: str, details: str, kind: type[Exception]) -> None:
    error = grpc_error("/weaviate.v1.Weaviate/Search", code, details)
    assert isinstance(error, kind)
    assert "Search" in str(error)
