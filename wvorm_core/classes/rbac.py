"""RBAC inputs (v4 shapes): `Permissions` builders, `Actions`, `RoleScope`.

`Permissions.collections(collection="Article", read_config=True)` returns the permission
values a role is created with; names may end in `*` to match many resources, and `"*"`
matches all. A builder given no action returns an empty list.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from typing import TypeVar

from wvorm_core.classes._permissions import (
    AliasAction,
    AliasPermission,
    BackupsAction,
    BackupsPermission,
    ClusterAction,
    ClusterPermission,
    CollectionsAction,
    CollectionsPermission,
    DataAction,
    DataPermission,
    GroupAction,
    GroupsPermission,
    MCPAction,
    MCPPermission,
    NodesAction,
    NodesPermission,
    Permission,
    PermissionsInputType,
    PermissionsOutputType,
    ReplicateAction,
    ReplicatePermission,
    RolesAction,
    RoleScope,
    RolesPermission,
    TenantsAction,
    TenantsPermission,
    UsersAction,
    UsersPermission,
)
from wvorm_core.exceptions import WeaviateInvalidInputError

__all__ = [
    "Actions",
    "AliasAction",
    "AliasPermission",
    "BackupsAction",
    "BackupsPermission",
    "ClusterAction",
    "ClusterPermission",
    "CollectionsAction",
    "CollectionsPermission",
    "DataAction",
    "DataPermission",
    "GroupAction",
    "GroupsPermission",
    "MCPAction",
    "MCPPermission",
    "NodesAction",
    "NodesPermission",
    "Permission",
    "Permissions",
    "PermissionsInputType",
    "PermissionsOutputType",
    "ReplicateAction",
    "ReplicatePermission",
    "RoleScope",
    "RolesAction",
    "RolesPermission",
    "TenantsAction",
    "TenantsPermission",
    "UsersAction",
    "UsersPermission",
]

Names = str | Sequence[str]
A = TypeVar("A", bound=Enum)


def _names(value: Names, what: str, *, collection: bool = False) -> list[str]:
    """`value` as a list of non-empty names; collection names get their first letter
    capitalised, as Weaviate stores them."""
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, Sequence) or not items:
        raise WeaviateInvalidInputError(f"{what} must be a name or a list of names, got {value!r}")
    for item in items:
        if not isinstance(item, str) or not item:
            raise WeaviateInvalidInputError(f"{what}: {item!r} is not a non-empty name")
    return [item[0].upper() + item[1:] if collection else item for item in items]


def _chosen(flags: dict[A, bool]) -> frozenset[A]:
    return frozenset(action for action, wanted in flags.items() if wanted)


def _crud(kind: type[A], create: bool, read: bool, update: bool, delete: bool) -> frozenset[A]:
    """The CREATE, READ, UPDATE and DELETE members of `kind` whose flag is set."""
    flags = zip(("CREATE", "READ", "UPDATE", "DELETE"), (create, read, update, delete), strict=True)
    return frozenset(kind[name] for name, wanted in flags if wanted)


class Actions:
    """The action enums, by resource."""

    Alias = AliasAction
    Backups = BackupsAction
    Cluster = ClusterAction
    Collections = CollectionsAction
    Data = DataAction
    Groups = GroupAction
    MCP = MCPAction
    Nodes = NodesAction
    Replicate = ReplicateAction
    Roles = RolesAction
    Tenants = TenantsAction
    Users = UsersAction


class NodesPermissions:
    """Node status permissions: `minimal` (all nodes) or `verbose` (per collection)."""

    @staticmethod
    def minimal(*, read: bool = False) -> Sequence[NodesPermission]:
        """Reading the minimal node status."""
        if not read:
            return []
        return [NodesPermission(frozenset({NodesAction.READ}), "*", "minimal")]

    @staticmethod
    def verbose(*, collection: Names, read: bool = False) -> Sequence[NodesPermission]:
        """Reading the verbose node status of the shards of `collection`."""
        names = _names(collection, "collection", collection=True)
        if not read:
            return []
        return [NodesPermission(frozenset({NodesAction.READ}), c, "verbose") for c in names]


class GroupsPermissions:
    """Permissions on groups of users."""

    @staticmethod
    def oidc(
        *, group: Names, read: bool = False, assign_and_revoke: bool = False
    ) -> Sequence[GroupsPermission]:
        """Reading OIDC groups' roles, or assigning and revoking their roles."""
        names = _names(group, "group")
        actions = _chosen(
            {GroupAction.READ: read, GroupAction.ASSIGN_AND_REVOKE: assign_and_revoke}
        )
        return [GroupsPermission(actions, g, "oidc") for g in names] if actions else []


class Permissions:
    """Builders of permissions, one per kind of resource; each returns a list."""

    Nodes = NodesPermissions
    Groups = GroupsPermissions

    @staticmethod
    def alias(
        *,
        alias: Names,
        collection: Names,
        create: bool = False,
        read: bool = False,
        update: bool = False,
        delete: bool = False,
    ) -> Sequence[AliasPermission]:
        """Actions on the aliases `alias` of the collections `collection`."""
        aliases = _names(alias, "alias", collection=True)
        collections = _names(collection, "collection", collection=True)
        actions = _crud(AliasAction, create, read, update, delete)
        if not actions:
            return []
        return [AliasPermission(actions, a, c) for a in aliases for c in collections]

    @staticmethod
    def collections(
        *,
        collection: Names,
        create_collection: bool = False,
        read_config: bool = False,
        update_config: bool = False,
        delete_collection: bool = False,
    ) -> Sequence[CollectionsPermission]:
        """Creating, reading, updating or deleting the schema of `collection`."""
        names = _names(collection, "collection", collection=True)
        actions = _crud(
            CollectionsAction, create_collection, read_config, update_config, delete_collection
        )
        return [CollectionsPermission(actions, c) for c in names] if actions else []

    @staticmethod
    def data(
        *,
        collection: Names,
        tenant: Names | None = None,
        create: bool = False,
        read: bool = False,
        update: bool = False,
        delete: bool = False,
    ) -> Sequence[DataPermission]:
        """Actions on the objects of `collection` (in `tenant`, default all tenants)."""
        names = _names(collection, "collection", collection=True)
        tenants = _names(tenant if tenant is not None else "*", "tenant")
        actions = _crud(DataAction, create, read, update, delete)
        return [DataPermission(actions, c, t) for c in names for t in tenants] if actions else []

    @staticmethod
    def tenants(
        *,
        collection: Names,
        tenant: Names | None = None,
        create: bool = False,
        read: bool = False,
        update: bool = False,
        delete: bool = False,
    ) -> Sequence[TenantsPermission]:
        """Actions on the tenants `tenant` (default all) of `collection`."""
        names = _names(collection, "collection", collection=True)
        tenants = _names(tenant if tenant is not None else "*", "tenant")
        actions = _crud(TenantsAction, create, read, update, delete)
        return [TenantsPermission(actions, c, t) for c in names for t in tenants] if actions else []

    @staticmethod
    def replicate(
        *,
        collection: Names,
        shard: Names | None = None,
        create: bool = False,
        read: bool = False,
        update: bool = False,
        delete: bool = False,
    ) -> Sequence[ReplicatePermission]:
        """Actions on replica movements of the shards `shard` (default all) of `collection`."""
        names = _names(collection, "collection", collection=True)
        shards = _names(shard if shard is not None else "*", "shard")
        actions = _crud(ReplicateAction, create, read, update, delete)
        return (
            [ReplicatePermission(actions, c, s) for c in names for s in shards] if actions else []
        )

    @staticmethod
    def roles(
        *,
        role: Names,
        create: bool = False,
        read: bool = False,
        update: bool = False,
        delete: bool = False,
        scope: RoleScope | None = None,
    ) -> Sequence[RolesPermission]:
        """Actions on the roles `role`; `scope` (default MATCH: only roles whose permissions
        the holder has itself) limits which roles it may create or change."""
        names = _names(role, "role")
        actions = _crud(RolesAction, create, read, update, delete)
        scope = RoleScope(scope) if scope is not None else RoleScope.MATCH
        return [RolesPermission(actions, r, scope) for r in names] if actions else []

    @staticmethod
    def users(
        *,
        user: Names,
        create: bool = False,
        read: bool = False,
        update: bool = False,
        delete: bool = False,
        assign_and_revoke: bool = False,
    ) -> Sequence[UsersPermission]:
        """Actions on the users `user`, including assigning and revoking their roles."""
        names = _names(user, "user")
        actions = _crud(UsersAction, create, read, update, delete)
        if assign_and_revoke:
            actions |= {UsersAction.ASSIGN_AND_REVOKE}
        return [UsersPermission(actions, u) for u in names] if actions else []

    @staticmethod
    def backup(*, collection: Names, manage: bool = False) -> Sequence[BackupsPermission]:
        """Backing up and restoring `collection`."""
        names = _names(collection, "collection", collection=True)
        if not manage:
            return []
        return [BackupsPermission(frozenset({BackupsAction.MANAGE}), c) for c in names]

    @staticmethod
    def cluster(*, read: bool = False) -> Sequence[ClusterPermission]:
        """Reading the cluster's state."""
        return [ClusterPermission(frozenset({ClusterAction.READ}))] if read else []

    @staticmethod
    def mcp(
        *, create: bool = False, read: bool = False, update: bool = False
    ) -> Sequence[MCPPermission]:
        """Using the server's MCP endpoint."""
        actions = _chosen(
            {MCPAction.CREATE: create, MCPAction.READ: read, MCPAction.UPDATE: update}
        )
        return [MCPPermission(actions)] if actions else []
