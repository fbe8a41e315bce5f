"""What both clients share: settings, the embedded server, the version read at connect."""

from __future__ import annotations

from collections.abc import Mapping

from wvorm_core._ops.calls import Op
from wvorm_core._ops.server import ServerVersion, get_meta, grpc_health
from wvorm_core._transport.auth import AuthSession
from wvorm_core._transport.common import TransportSettings
from wvorm_core._transport.params import ConnectionParams
from wvorm_core.classes.init import AdditionalConfig, AuthCredentials
from wvorm_core.embedded import EmbeddedOptions, EmbeddedServer
from wvorm_core.exceptions import WeaviateConnectionError, WeaviateError


def connect_op(settings: TransportSettings, skip_init_checks: bool) -> Op[ServerVersion]:
    """Read `/v1/meta` once and check the gRPC endpoint answers."""
    url = settings.params.rest_url
    try:
        meta = yield from get_meta(timeout="init")
    except WeaviateConnectionError as error:
        raise WeaviateConnectionError(f"could not connect to Weaviate at {url}: {error}") from None
    if settings.config.grpc_max_message_size is None and "grpcMaxMessageSize" in meta:
        settings.grpc_max_message_size = meta["grpcMaxMessageSize"]
    if not skip_init_checks:
        try:
            yield from grpc_health()
        except WeaviateConnectionError as error:
            raise WeaviateConnectionError(
                f"Weaviate answers REST at {url}, but not gRPC at "
                f"{settings.params.grpc_target}: {error}"
            ) from None
    return ServerVersion.parse(meta["version"])


class BaseClient:
    """Settings, the embedded server and the server version, shared by both clients."""

    def __init__(
        self,
        connection_params: ConnectionParams | None = None,
        embedded_options: EmbeddedOptions | None = None,
        auth_client_secret: AuthCredentials | None = None,
        additional_headers: Mapping[str, str] | None = None,
        additional_config: AdditionalConfig | None = None,
        skip_init_checks: bool = False,
    ) -> None:
        self._embedded: EmbeddedServer | None = None
        if embedded_options is not None:
            if connection_params is not None:
                raise WeaviateError("give either connection_params or embedded_options, not both")
            self._embedded = EmbeddedServer(embedded_options)
            connection_params = ConnectionParams.from_params(
                self._embedded.host, self._embedded.port, False,
                self._embedded.host, self._embedded.grpc_port, False,
            )  # fmt: skip
        if connection_params is None:
            connection_params = ConnectionParams.from_params(
                "localhost", 8080, False, "localhost", 50051, False
            )
        self._settings = TransportSettings(
            connection_params,
            AuthSession(auth_client_secret),
            additional_headers or {},
            additional_config or AdditionalConfig(),
        )
        self._skip_init_checks = skip_init_checks
        self._version: ServerVersion | None = None

    def __repr__(self) -> str:
        params = self._settings.params
        state = "connected" if self._version else "not connected"
        return f"{type(self).__name__}({params.rest_url}, grpc={params.grpc_target}, {state})"

    @property
    def server_version(self) -> ServerVersion:
        """The server's version, read once at connect."""
        if self._version is None:
            raise WeaviateConnectionError("the client is not connected; call connect() first")
        return self._version

    def is_connected(self) -> bool:
        return self._version is not None
