"""Where the server is: the REST and gRPC endpoints of one connection."""

from __future__ import annotations

from dataclasses import dataclass

from wvorm_core.exceptions import WeaviateInvalidInputError


@dataclass(frozen=True, slots=True)
class ProtocolParams:
    """One endpoint: host, port and whether it uses TLS."""

    host: str
    port: int
    secure: bool

    def __post_init__(self) -> None:
        if not self.host or any(c in self.host for c in "/ "):
            raise WeaviateInvalidInputError(f"invalid host {self.host!r}: give a bare host name")
        if not isinstance(self.port, int) or not 0 < self.port < 65536:
            raise WeaviateInvalidInputError(f"invalid port {self.port!r} for host {self.host!r}")


@dataclass(frozen=True, slots=True)
class ConnectionParams:
    """The REST (`http`) and gRPC (`grpc`) endpoints of a Weaviate server."""

    http: ProtocolParams
    grpc: ProtocolParams

    @classmethod
    def from_params(
        cls,
        http_host: str,
        http_port: int,
        http_secure: bool,
        grpc_host: str,
        grpc_port: int,
        grpc_secure: bool,
    ) -> ConnectionParams:
        return cls(
            ProtocolParams(http_host, http_port, http_secure),
            ProtocolParams(grpc_host, grpc_port, grpc_secure),
        )

    @property
    def rest_url(self) -> str:
        scheme = "https" if self.http.secure else "http"
        host = f"[{self.http.host}]" if ":" in self.http.host else self.http.host
        return f"{scheme}://{host}:{self.http.port}"

    @property
    def grpc_target(self) -> str:
        host = f"[{self.grpc.host}]" if ":" in self.grpc.host else self.grpc.host
        return f"{host}:{self.grpc.port}"
