"""`WeaviateAsyncClient`: one connection to a Weaviate server (asyncio)."""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from functools import cached_property
from typing import TYPE_CHECKING

from wvorm_core._async.alias import AsyncAliasNamespace
from wvorm_core._async.collections import AsyncCollections
from wvorm_core._base_client import BaseClient, connect_op
from wvorm_core._ops.server import Meta, get_meta, probe
from wvorm_core._transport.base import AsyncTransport
from wvorm_core._transport.params import ConnectionParams
from wvorm_core.batch import AsyncBatchClient
from wvorm_core.classes.init import AdditionalConfig, AuthCredentials
from wvorm_core.embedded import EmbeddedOptions

if TYPE_CHECKING:
    from wvorm_core._async.backup import AsyncBackupNamespace
    from wvorm_core._async.cluster import AsyncClusterNamespace
    from wvorm_core._async.debug import AsyncDebugNamespace
    from wvorm_core._async.export import AsyncExportNamespace
    from wvorm_core._async.groups import AsyncGroups
    from wvorm_core._async.roles import AsyncRoles
    from wvorm_core._async.tokenization import AsyncTokenizationNamespace
    from wvorm_core._async.users import AsyncUsers
    from wvorm_core.outputs.graphql import OpenIDConfiguration, RawGQLReturn


class WeaviateAsyncClient(BaseClient):
    """A client (asyncio). Use `async with`, or `await connect()` and `await close()`."""

    collections: AsyncCollections
    """The collections on the server: create, use, list, delete."""
    alias: AsyncAliasNamespace
    """Collection aliases: create, list, get, update, delete."""
    batch: AsyncBatchClient
    """Background import into any collections: `dynamic()`, `fixed_size()`, `rate_limit()`."""

    def __init__(
        self,
        connection_params: ConnectionParams | None = None,
        embedded_options: EmbeddedOptions | None = None,
        auth_client_secret: AuthCredentials | None = None,
        additional_headers: Mapping[str, str] | None = None,
        additional_config: AdditionalConfig | None = None,
        skip_init_checks: bool = False,
        *,
        transport: AsyncTransport | None = None,
    ) -> None:
        """A client that is not connected yet. `transport` replaces the network (for example
        `wvorm_core.testing.AsyncScriptedTransport` in tests)."""
        super().__init__(
            connection_params,
            embedded_options,
            auth_client_secret,
            additional_headers,
            additional_config,
            skip_init_checks,
        )
        if transport is None:
            from wvorm_core._transport.aio import AsyncNetworkTransport

            transport = AsyncNetworkTransport(self._settings)
        self._transport = transport
        self.collections = AsyncCollections(self._transport)
        self.alias = AsyncAliasNamespace(self._transport)
        self.batch = AsyncBatchClient(self._transport)

    # The server-wide namespaces load on first use, so that importing the client stays cheap.
    @cached_property
    def roles(self) -> AsyncRoles:
        """RBAC roles: create, delete, list, change and check their permissions."""
        from wvorm_core._async.roles import AsyncRoles

        return AsyncRoles(self._transport)

    @cached_property
    def users(self) -> AsyncUsers:
        """Users: `get_my_user()`, database users (`users.db`), OIDC users (`users.oidc`)."""
        from wvorm_core._async.users import AsyncUsers

        return AsyncUsers(self._transport)

    @cached_property
    def groups(self) -> AsyncGroups:
        """User groups and their roles (`groups.oidc`)."""
        from wvorm_core._async.groups import AsyncGroups

        return AsyncGroups(self._transport)

    @cached_property
    def backup(self) -> AsyncBackupNamespace:
        """Backups: create, restore, status, cancel, list."""
        from wvorm_core._async.backup import AsyncBackupNamespace

        return AsyncBackupNamespace(self._transport)

    @cached_property
    def export(self) -> AsyncExportNamespace:
        """Collection exports to Parquet files: create, status, cancel (Weaviate 1.37+)."""
        from wvorm_core._async.export import AsyncExportNamespace

        return AsyncExportNamespace(self._transport, lambda: self.server_version)

    @cached_property
    def cluster(self) -> AsyncClusterNamespace:
        """The nodes, their shards, Raft statistics and replica movements."""
        from wvorm_core._async.cluster import AsyncClusterNamespace

        return AsyncClusterNamespace(self._transport)

    @cached_property
    def tokenization(self) -> AsyncTokenizationNamespace:
        """How text is split into tokens, by a tokenization or as a property indexes it."""
        from wvorm_core._async.tokenization import AsyncTokenizationNamespace

        return AsyncTokenizationNamespace(self._transport, lambda: self.server_version)

    @cached_property
    def debug(self) -> AsyncDebugNamespace:
        """Raw object reads over REST, for debugging."""
        from wvorm_core._async.debug import AsyncDebugNamespace

        return AsyncDebugNamespace(self._transport)

    async def graphql_raw_query(self, gql_query: str) -> RawGQLReturn:
        """Send a GraphQL query string as it is. Deprecated: Weaviate retires its GraphQL API
        after May 2027 (warns `DeprecationWarning`); beware of injection when building it."""
        from wvorm_core._ops import graphql

        warnings.warn(graphql.GRAPHQL_DEPRECATION, DeprecationWarning, stacklevel=2)
        return await self._transport.run(graphql.raw_query(gql_query))

    async def get_open_id_configuration(self) -> OpenIDConfiguration | None:
        """The server's OIDC settings, or None when it has no OIDC configured."""
        from wvorm_core._ops import graphql

        return await self._transport.run(graphql.open_id_configuration())

    async def connect(self) -> None:
        """Start the embedded server if any, read the server version, check gRPC answers."""
        if self._version is not None:
            return
        if self._embedded is not None:
            self._embedded.start()
        self._version = await self._transport.run(
            connect_op(self._settings, self._skip_init_checks)
        )

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

    async def __aexit__(self, *exc: object) -> None:
        await self.close()
