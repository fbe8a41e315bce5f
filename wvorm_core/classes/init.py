"""Connection inputs: credentials, timeouts and extra connection settings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from wvorm_core.exceptions import WeaviateInvalidInputError


def _mask(secret: str) -> str:
    return "***" if secret else "''"


@dataclass(frozen=True, slots=True)
class _ApiKey:
    api_key: str = field(repr=False)

    def __repr__(self) -> str:
        return f"Auth.api_key({_mask(self.api_key)})"


@dataclass(frozen=True, slots=True)
class _BearerToken:
    access_token: str = field(repr=False)
    expires_in: int = 60
    refresh_token: str | None = field(default=None, repr=False)

    def __repr__(self) -> str:
        token = _mask(self.access_token)
        return f"Auth.bearer_token(access_token={token}, expires_in={self.expires_in})"


@dataclass(frozen=True, slots=True)
class _ClientCredentials:
    client_secret: str = field(repr=False)
    scope: str | Sequence[str] | None = None

    def __repr__(self) -> str:
        secret = _mask(self.client_secret)
        return f"Auth.client_credentials(client_secret={secret}, scope={self.scope!r})"


@dataclass(frozen=True, slots=True)
class _ClientPassword:
    username: str
    password: str = field(repr=False)
    scope: str | Sequence[str] | None = None

    def __repr__(self) -> str:
        return (
            f"Auth.client_password(username={self.username!r}, password=***, scope={self.scope!r})"
        )


AuthCredentials = _ApiKey | _BearerToken | _ClientCredentials | _ClientPassword
"""Any of the credentials `Auth` builds."""


class Auth:
    """Builders for the credentials accepted by `connect_*(auth_credentials=...)`."""

    @staticmethod
    def api_key(api_key: str) -> _ApiKey:
        """A Weaviate API key, sent as `Authorization: Bearer <key>`."""
        return _ApiKey(api_key)

    @staticmethod
    def bearer_token(
        access_token: str, expires_in: int = 60, refresh_token: str | None = None
    ) -> _BearerToken:
        """An OIDC access token; with `refresh_token` it is refreshed before it expires."""
        return _BearerToken(access_token, expires_in, refresh_token)

    @staticmethod
    def client_credentials(
        client_secret: str, scope: str | Sequence[str] | None = None
    ) -> _ClientCredentials:
        """The OIDC client-credentials flow; the client id comes from the server's OIDC config."""
        return _ClientCredentials(client_secret, scope)

    @staticmethod
    def client_password(
        username: str, password: str, scope: str | Sequence[str] | None = None
    ) -> _ClientPassword:
        """The OIDC resource-owner password flow."""
        return _ClientPassword(username, password, scope)


@dataclass(frozen=True, slots=True)
class Timeout:
    """Timeouts in seconds: `init` for connecting, `query` for reads, `insert` for writes."""

    query: float = 30
    insert: float = 90
    init: float = 2

    def __post_init__(self) -> None:
        for name in ("query", "insert", "init"):
            value = getattr(self, name)
            if not value > 0:
                raise ValueError(
                    f"Timeout.{name} must be a positive number of seconds, got {value!r}"
                )


@dataclass(frozen=True, slots=True, init=False)
class AdditionalConfig:
    """Extra connection settings.

    `trust_env` lets httpx read proxy settings and CA bundles from the environment;
    `grpc_max_message_size` caps gRPC messages (default: what the server announces);
    `grpc_channel_options` are passed to the gRPC channel as given;
    `builtin_grpc` sends both clients' unary gRPC calls over wvorm's own HTTP/2
    connections, which cost a fraction of grpcio's CPU per call. It applies to plaintext
    connections with no channel options and no gRPC proxy in the environment; everything else
    (TLS, proxies, streams) goes through grpcio.

    `timeout` may be given as the official client's `(query, insert)` pair of seconds.
    """

    timeout: Timeout
    trust_env: bool = False
    grpc_max_message_size: int | None = None
    grpc_channel_options: tuple[tuple[str, int | str], ...] = ()
    builtin_grpc: bool = True

    def __init__(
        self,
        timeout: Timeout | tuple[float, float] | None = None,
        trust_env: bool = False,
        grpc_max_message_size: int | None = None,
        grpc_channel_options: tuple[tuple[str, int | str], ...] = (),
        builtin_grpc: bool = True,
    ) -> None:
        if isinstance(timeout, tuple):
            if len(timeout) != 2:
                raise WeaviateInvalidInputError(
                    f"AdditionalConfig(timeout=...) takes a Timeout or a (query, insert) pair "
                    f"of seconds, got {timeout!r}"
                )
            timeout = Timeout(query=timeout[0], insert=timeout[1])
        object.__setattr__(self, "timeout", timeout or Timeout())
        object.__setattr__(self, "trust_env", trust_env)
        object.__setattr__(self, "grpc_max_message_size", grpc_max_message_size)
        object.__setattr__(self, "grpc_channel_options", grpc_channel_options)
        object.__setattr__(self, "builtin_grpc", builtin_grpc)
