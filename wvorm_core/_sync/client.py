# Generated from wvorm_core/_async/client.py by scripts/unasync.py; do not edit.
"""`WeaviateClient`: one connection to a Weaviate server (blocking)."""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from functools import cached_property
from typing import TYPE_CHECKING

from wvorm_core._base_client import BaseClient, connect_op
from wvorm_core._ops.server import Meta, get_meta, probe
from wvorm_core._sync.alias import AliasNamespace
from wvorm_core._sync.collections import Collections
from wvorm_core._transport.base import Transport
from wvorm_core._transport.params import ConnectionParams
from wvorm_core.batch import BatchClient
from wvorm_core.classes.init import AdditionalConfig, AuthCredentials
from wvorm_core.embedded import EmbeddedOptions

if TYPE_CHECKING:
    from wvorm_core._sync.backup import BackupNamespace
    from wvorm_core._sync.cluster import ClusterNamespace
    from wvorm_core._sync.debug import DebugNamespace
    from wvorm_core._sync.export import ExportNamespace
    from wvorm_core._sync.groups import Groups
    from wvorm_core._sync.roles import Roles
    from wvorm_core._sync.tokenization import TokenizationNamespace
    from wvorm_core._sync.users import Users
    from wvorm_core.outputs.graphql import OpenIDConfiguration, RawGQLReturn


class WeaviateClient(BaseClient):
    """A client (blocking). Use `with`, or `connect()` and `close()`."""

    collections: Collections
    """The collections on the server: create, use, list, delete."""
    alias: AliasNamespace
    """Collection aliases: create, list, get, update, delete."""
    batch: BatchClient
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
        transport: Transport | None = None,
    ) -> None:
        """A client that is not connected yet. `transport` replaces the network (for example
        `wvorm_core.testing.ScriptedTransport` in tests)."""
        super().__init__(
            connection_params,
            embedded_options,
            auth_client_secret,
            additional_headers,
            additional_config,
            skip_init_checks,
        )
        if transport is None:
            from wvorm_core._transport.sync import NetworkTransport

            transport = NetworkTransport(self._settings)
        self._transport = transport
        self.collections = Collections(self._transport)
        self.alias = AliasNamespace(self._transport)
        self.batch = BatchClient(self._transport)

    # The server-wide namespaces load on first use, so that importing the client stays cheap.
    @cached_property
    def roles(self) -> Roles:
        """RBAC roles: create, delete, list, change and check their permissions."""
        from wvorm_core._sync.roles import Roles

        return Roles(self._transport)

    @cached_property
    def users(self) -> Users:
        """Users: `get_my_user()`, database users (`users.db`), OIDC users (`users.oidc`)."""
        from wvorm_core._sync.users import Users

        return Users(self._transport)

    @cached_property
    def groups(self) -> Groups:
        """User groups and their roles (`groups.oidc`)."""
        from wvorm_core._sync.groups import Groups

        return Groups(self._transport)

    @cached_property
    def backup(self) -> BackupNamespace:
        """Backups: create, restore, status, cancel, list."""
        from wvorm_core._sync.backup import BackupNamespace

        return BackupNamespace(self._transport)

    @cached_property
    def export(self) -> ExportNamespace:
        """Collection exports to Parquet files: create, status, cancel (Weaviate 1.37+)."""
        from wvorm_core._sync.export import ExportNamespace

        return ExportNamespace(self._transport, lambda: self.server_version)

    @cached_property
    def cluster(self) -> ClusterNamespace:
        """The nodes, their shards, Raft statistics and replica movements."""
        from wvorm_core._sync.cluster import ClusterNamespace

        return ClusterNamespace(self._transport)

    @cached_property
    def tokenization(self) -> TokenizationNamespace:
        """How text is split into tokens, by a tokenization or as a property indexes it."""
        from wvorm_core._sync.tokenization import TokenizationNamespace

        return TokenizationNamespace(self._transport, lambda: self.server_version)

    @cached_property
    def debug(self) -> DebugNamespace:
        """Raw object reads over REST, for debugging."""
        from wvorm_core._sync.debug import DebugNamespace

        return DebugNamespace(self._transport)

    def graphql_raw_query(self, gql_query: str) -> RawGQLReturn:
        """Send a GraphQL query string as it is. Deprecated: Weaviate retires its GraphQL API
        after May 2027 (warns `DeprecationWarning`); beware of injection when building it."""
        from wvorm_core._ops import graphql

        warnings.warn(graphql.GRAPHQL_DEPRECATION, DeprecationWarning, stacklevel=2)
        return self._transport.run(graphql.raw_query(gql_query))

    def get_open_id_configuration(self) -> OpenIDConfiguration | None:
        """The server's OIDC settings, or None when it has no OIDC configured."""
        from wvorm_core._ops import graphql

        return self._transport.run(graphql.open_id_configuration())

    def connect(self) -> None:
        """Start the embedded server if any, read the server version, check gRPC answers."""
        if self._version is not None:
            return
        if self._embedded is not None:
            self._embedded.start()
        self._version = self._transport.run(connect_op(self._settings, self._skip_init_checks))

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

    def __exit__(self, *exc: object) -> None:
        self.close()
