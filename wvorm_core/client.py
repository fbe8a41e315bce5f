"""`WeaviateClient` and `WeaviateAsyncClient`: one connection, two fronts over shared operations."""

from __future__ import annotations

from collections.abc import Mapping
from types import TracebackType

from wvorm_core._ops.calls import Op
from wvorm_core._ops.server import Meta, ServerVersion, get_meta, grpc_health, probe
from wvorm_core._transport.aio import AsyncNetworkTransport
from wvorm_core._transport.auth import AuthSession
from wvorm_core._transport.common import TransportSettings
from wvorm_core._transport.params import ConnectionParams
from wvorm_core._transport.sync import NetworkTransport
from wvorm_core.alias import AliasNamespace, AsyncAliasNamespace
from wvorm_core.batch import AsyncBatchClient, BatchClient
from wvorm_core.classes.init import AdditionalConfig, AuthCredentials
from wvorm_core.collections import AsyncCollections, Collections
from wvorm_core.embedded import EmbeddedOptions, EmbeddedServer
from wvorm_core.exceptions import WeaviateConnectionError, WeaviateError


def _connect(settings: TransportSettings, skip_init_checks: bool) -> Op[ServerVersion]:
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


class _ClientBase:
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
        self._open()

    def _open(self) -> None:
        raise NotImplementedError

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


class WeaviateClient(_ClientBase):
    """A blocking client. Use as a context manager, or call `close()` when done."""

    _transport: NetworkTransport
    collections: Collections
    """The collections on the server: create, use, list, delete."""
    alias: AliasNamespace
    """Collection aliases: create, list, get, update, delete."""
    batch: BatchClient
    """Background import into any collections: `dynamic()`, `fixed_size()`, `rate_limit()`."""

    def _open(self) -> None:
        self._transport = NetworkTransport(self._settings)
        self.collections = Collections(self._transport)
        self.alias = AliasNamespace(self._transport)
        self.batch = BatchClient(self._transport)

    def connect(self) -> None:
        """Start the embedded server if any, read the server version, check gRPC answers."""
        if self._version is not None:
            return
        if self._embedded is not None:
            self._embedded.start()
        self._version = self._transport.run(_connect(self._settings, self._skip_init_checks))

    def close(self) -> None:
        """Close the connections, and stop the embedded server if this client started one."""
        self._transport.close()
        self._version = None
        if self._embedded is not None:
            self._embedded.stop()

    def is_live(self) -> bool:
        return self._transport.run(probe("live"))

    def is_ready(self) -> bool:
        return self._transport.run(probe("ready"))

    def get_meta(self) -> Meta:
        return self._transport.run(get_meta())

    def __enter__(self) -> WeaviateClient:
        self.connect()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class WeaviateAsyncClient(_ClientBase):
    """An asyncio client. Use `async with`, or `await connect()` and `await close()`."""

    _transport: AsyncNetworkTransport
    collections: AsyncCollections
    """The collections on the server: create, use, list, delete."""
    alias: AsyncAliasNamespace
    """Collection aliases: create, list, get, update, delete."""
    batch: AsyncBatchClient
    """Background import into any collections: `dynamic()`, `fixed_size()`, `rate_limit()`."""

    def _open(self) -> None:
        self._transport = AsyncNetworkTransport(self._settings)
        self.collections = AsyncCollections(self._transport)
        self.alias = AsyncAliasNamespace(self._transport)
        self.batch = AsyncBatchClient(self._transport)

    async def connect(self) -> None:
        """Start the embedded server if any, read the server version, check gRPC answers."""
        if self._version is not None:
            return
        if self._embedded is not None:
            self._embedded.start()
        self._version = await self._transport.run(_connect(self._settings, self._skip_init_checks))

    async def close(self) -> None:
        """Close the connections, and stop the embedded server if this client started one."""
        await self._transport.close()
        self._version = None
        if self._embedded is not None:
            self._embedded.stop()

    async def is_live(self) -> bool:
        return await self._transport.run(probe("live"))

    async def is_ready(self) -> bool:
        return await self._transport.run(probe("ready"))

    async def get_meta(self) -> Meta:
        return await self._transport.run(get_meta())

    async def __aenter__(self) -> WeaviateAsyncClient:
        await self.connect()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()
