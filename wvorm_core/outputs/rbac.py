"""RBAC results (v4 shapes): roles, their permissions, users, and role assignments."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import datetime
from enum import Enum

from wvorm_core.classes._permissions import (
    AliasPermission,
    BackupsPermission,
    ClusterPermission,
    CollectionsPermission,
    DataPermission,
    GroupsPermission,
    MCPPermission,
    NodesPermission,
    PermissionsOutputType,
    ReplicatePermission,
    RoleScope,
    RolesPermission,
    TenantsPermission,
    UsersPermission,
)

__all__ = [
    "AliasPermissionOutput",
    "BackupsPermissionOutput",
    "ClusterPermissionOutput",
    "CollectionsPermissionOutput",
    "DataPermissionOutput",
    "GroupAssignment",
    "GroupTypes",
    "GroupsPermissionOutput",
    "MCPPermissionOutput",
    "NodesPermissionOutput",
    "OwnUser",
    "PermissionsOutputType",
    "ReplicatePermissionOutput",
    "Role",
    "RoleBase",
    "RoleScope",
    "RolesPermissionOutput",
    "TenantsPermissionOutput",
    "UserAssignment",
    "UserDB",
    "UserTypes",
    "UsersPermissionOutput",
]

AliasPermissionOutput = AliasPermission
BackupsPermissionOutput = BackupsPermission
ClusterPermissionOutput = ClusterPermission
CollectionsPermissionOutput = CollectionsPermission
DataPermissionOutput = DataPermission
GroupsPermissionOutput = GroupsPermission
MCPPermissionOutput = MCPPermission
NodesPermissionOutput = NodesPermission
ReplicatePermissionOutput = ReplicatePermission
RolesPermissionOutput = RolesPermission
TenantsPermissionOutput = TenantsPermission
UsersPermissionOutput = UsersPermission


class UserTypes(str, Enum):
    """Where a user is defined: created through the API, listed in the server's
    environment, or known from OIDC tokens."""

    DB_DYNAMIC = "db_user"
    DB_STATIC = "db_env_user"
    OIDC = "oidc"


class GroupTypes(str, Enum):
    """Where a group is defined (only OIDC so far)."""

    OIDC = "oidc"


@dataclass(frozen=True)
class UserAssignment:
    """A user that holds a role."""

    user_id: str
    user_type: UserTypes


@dataclass(frozen=True)
class GroupAssignment:
    """A group that holds a role."""

    group_id: str
    group_type: GroupTypes


@dataclass(frozen=True)
class RoleBase:
    """A role by name only (as `get_assigned_roles` gives it without permissions)."""

    name: str


@dataclass(frozen=True)
class Role(RoleBase):
    """A role and its permissions, one list per kind of resource."""

    alias_permissions: list[AliasPermission] = field(default_factory=list)
    cluster_permissions: list[ClusterPermission] = field(default_factory=list)
    collections_permissions: list[CollectionsPermission] = field(default_factory=list)
    data_permissions: list[DataPermission] = field(default_factory=list)
    roles_permissions: list[RolesPermission] = field(default_factory=list)
    users_permissions: list[UsersPermission] = field(default_factory=list)
    backups_permissions: list[BackupsPermission] = field(default_factory=list)
    mcp_permissions: list[MCPPermission] = field(default_factory=list)
    nodes_permissions: list[NodesPermission] = field(default_factory=list)
    tenants_permissions: list[TenantsPermission] = field(default_factory=list)
    replicate_permissions: list[ReplicatePermission] = field(default_factory=list)
    groups_permissions: list[GroupsPermission] = field(default_factory=list)

    @property
    def permissions(self) -> list[PermissionsOutputType]:
        """Every permission of the role."""
        return [
            p
            for f in fields(self)
            if f.name.endswith("_permissions")
            for p in getattr(self, f.name)
        ]


@dataclass(frozen=True)
class OwnUser:
    """The user this client is authenticated as, its roles and its OIDC groups."""

    user_id: str
    roles: dict[str, Role]
    groups: list[str]


@dataclass(frozen=True)
class UserDB:
    """A database user (created through the API, or listed in the server's environment)."""

    user_id: str
    role_names: list[str]
    user_type: UserTypes
    active: bool
    created_at: datetime | None = None
    last_used_time: datetime | None = None
    api_key_first_letters: str | None = None
