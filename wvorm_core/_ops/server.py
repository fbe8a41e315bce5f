"""Server-level operations: meta, liveness, readiness, gRPC health, version gates."""

from __future__ import annotations

import re
from typing import NamedTuple, TypedDict

from typing_extensions import NotRequired

from wvorm_core._ops.calls import Op, RestResponse, TimeoutKind, grpc, rest
from wvorm_core.exceptions import (
    WeaviateConnectionError,
    WeaviateError,
    WeaviateUnsupportedFeatureError,
)
from wvorm_core.proto.v1 import health_pb2

_HEALTH = "grpc.health.v1.Health"


class Meta(TypedDict):
    """What `GET /v1/meta` reports."""

    version: str
    hostname: str
    modules: dict[str, dict[str, object]]
    grpcMaxMessageSize: NotRequired[int]


class ServerVersion(NamedTuple):
    """A Weaviate server version, comparable as a tuple."""

    major: int
    minor: int
    patch: int

    @classmethod
    def parse(cls, text: str) -> ServerVersion:
        match = re.match(r"v?(\d+)\.(\d+)(?:\.(\d+))?", text)
        if match is None:
            raise WeaviateError(f"cannot read the server version {text!r}")
        major, minor, patch = match.groups()
        return cls(int(major), int(minor), int(patch or 0))

    def is_at_least(self, major: int, minor: int, patch: int = 0) -> bool:
        return self >= (major, minor, patch)

    def require(self, feature: str, major: int, minor: int, patch: int = 0) -> None:
        """Raise `WeaviateUnsupportedFeatureError` if the server is older than needed."""
        if not self.is_at_least(major, minor, patch):
            raise WeaviateUnsupportedFeatureError(feature, f"{major}.{minor}.{patch}", str(self))

    def __str__(self) -> str:
        return f"{self.major}.{self.minor}.{self.patch}"


def get_meta(timeout: TimeoutKind = "query") -> Op[Meta]:
    """`GET /v1/meta`."""
    reply = yield from rest("GET", "/meta", timeout=timeout)
    return parse_meta(reply)


def parse_meta(reply: RestResponse) -> Meta:
    body = reply.json()
    if not isinstance(body, dict) or not isinstance(body.get("version"), str):
        raise WeaviateError(f"unexpected /v1/meta reply: {reply.body[:200]!r}")
    meta: Meta = {
        "version": body["version"],
        "hostname": str(body.get("hostname", "")),
        "modules": dict(body.get("modules") or {}),
    }
    if isinstance(size := body.get("grpcMaxMessageSize"), int):
        meta["grpcMaxMessageSize"] = size
    return meta


def probe(path: str) -> Op[bool]:
    """Whether `GET /v1/.well-known/<path>` answers 2xx; False when nothing answers."""
    try:
        reply = yield from rest("GET", f"/.well-known/{path}", ok=(200, 204), timeout="init")
    except WeaviateError:
        return False
    return reply.status < 300


def grpc_health() -> Op[None]:
    """Check the gRPC endpoint answers; raise `WeaviateConnectionError` naming it if not."""
    request = health_pb2.HealthCheckRequest()
    reply = yield from grpc(
        _HEALTH, "Check", request, health_pb2.HealthCheckResponse, timeout="init"
    )
    if reply.status != health_pb2.HealthCheckResponse.SERVING:
        raise WeaviateConnectionError(f"the gRPC endpoint reports status {reply.status}")
