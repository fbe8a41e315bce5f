"""RBAC permission values: the action enums and one frozen class per kind of resource.

Each permission is one resource (a collection, a role, a user...) and the set of actions a
role may perform on it. `to_weaviate()` gives the REST JSON, one object per action, as the
`/v1/authz` endpoints take them; `from_weaviate` reads them back.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from enum import Enum
from typing import ClassVar, Literal

from wvorm_core.exceptions import WeaviateInvalidInputError


class RoleScope(str, Enum):
    """Which roles a role-management permission reaches: only roles whose permissions the
    holder has itself (`MATCH`), or any role (`ALL`)."""

    MATCH = "match"
    ALL = "all"


class AliasAction(str, Enum):
    CREATE = "create_aliases"
    READ = "read_aliases"
    UPDATE = "update_aliases"
    DELETE = "delete_aliases"


class CollectionsAction(str, Enum):
    CREATE = "create_collections"
    READ = "read_collections"
    UPDATE = "update_collections"
    DELETE = "delete_collections"
    MANAGE = "manage_collections"


class TenantsAction(str, Enum):
    CREATE = "create_tenants"
    READ = "read_tenants"
    UPDATE = "update_tenants"
    DELETE = "delete_tenants"


class DataAction(str, Enum):
    CREATE = "create_data"
    READ = "read_data"
    UPDATE = "update_data"
    DELETE = "delete_data"
    MANAGE = "manage_data"


class RolesAction(str, Enum):
    MANAGE = "manage_roles"
    CREATE = "create_roles"
    READ = "read_roles"
    UPDATE = "update_roles"
    DELETE = "delete_roles"


class GroupAction(str, Enum):
    READ = "read_groups"
    ASSIGN_AND_REVOKE = "assign_and_revoke_groups"


class UsersAction(str, Enum):
    CREATE = "create_users"
    READ = "read_users"
    UPDATE = "update_users"
    DELETE = "delete_users"
    ASSIGN_AND_REVOKE = "assign_and_revoke_users"


class ClusterAction(str, Enum):
    READ = "read_cluster"


class NodesAction(str, Enum):
    READ = "read_nodes"


class BackupsAction(str, Enum):
    MANAGE = "manage_backups"


class MCPAction(str, Enum):
    CREATE = "create_mcp"
    READ = "read_mcp"
    UPDATE = "update_mcp"


class ReplicateAction(str, Enum):
    CREATE = "create_replicate"
    READ = "read_replicate"
    UPDATE = "update_replicate"
    DELETE = "delete_replicate"


Verbosity = Literal["minimal", "verbose"]
"""How much a nodes permission lets its holder see."""


@dataclass(frozen=True)
class Permission:
    """One resource and the actions allowed on it; the base of every permission class."""

    actions: frozenset[Enum]
    resource_key: ClassVar[str | None] = None
    """The key of the resource object in the REST JSON (None: the action has no resource)."""
    resource_fields: ClassVar[Mapping[str, str]] = {}
    """The fields that name the resource, and their keys in the resource object."""
    action_type: ClassVar[type[Enum]]

    def __post_init__(self) -> None:
        if not self.actions:
            raise WeaviateInvalidInputError(f"{type(self).__name__} needs at least one action")
        wrong = [a for a in self.actions if not isinstance(a, self.action_type)]
        if wrong:
            raise WeaviateInvalidInputError(
                f"{type(self).__name__} takes {self.action_type.__name__} actions, got {wrong!r}"
            )

    def to_weaviate(self) -> list[dict[str, object]]:
        """The REST JSON of this permission: one object per action, sorted by action."""
        resource: dict[str, object] = {}
        for name, key in self.resource_fields.items():
            value = getattr(self, name)
            resource[key] = value.value if isinstance(value, Enum) else value
        out: list[dict[str, object]] = []
        for action in sorted(self.actions, key=lambda a: str(a.value)):
            item: dict[str, object] = {"action": action.value}
            if self.resource_key is not None:
                item[self.resource_key] = resource
            out.append(item)
        return out

    @classmethod
    def resource_from_weaviate(cls, body: Mapping[str, object]) -> dict[str, object]:
        """The resource fields of a REST resource object; a missing one takes its default."""
        defaults = {f.name: f.default for f in fields(cls)}
        values: dict[str, object] = {}
        for name, key in cls.resource_fields.items():
            value, default = body.get(key), defaults[name]
            if not isinstance(value, str):
                value = default
            elif isinstance(default, Enum):
                value = type(default)(value)
            values[name] = value
        return values


@dataclass(frozen=True)
class AliasPermission(Permission):
    """Actions on aliases matching `alias` that point to collections matching `collection`."""

    actions: frozenset[AliasAction]
    alias: str = "*"
    collection: str = "*"
    resource_key: ClassVar[str | None] = "aliases"
    resource_fields: ClassVar[Mapping[str, str]] = {"alias": "alias", "collection": "collection"}
    action_type: ClassVar[type[Enum]] = AliasAction


@dataclass(frozen=True)
class ClusterPermission(Permission):
    """Reading the cluster's state (no resource)."""

    actions: frozenset[ClusterAction]
    action_type: ClassVar[type[Enum]] = ClusterAction


@dataclass(frozen=True)
class CollectionsPermission(Permission):
    """Actions on the schema of collections matching `collection`."""

    actions: frozenset[CollectionsAction]
    collection: str = "*"
    resource_key: ClassVar[str | None] = "collections"
    resource_fields: ClassVar[Mapping[str, str]] = {"collection": "collection"}
    action_type: ClassVar[type[Enum]] = CollectionsAction


@dataclass(frozen=True)
class DataPermission(Permission):
    """Actions on the objects of collections matching `collection`, in tenants matching
    `tenant`."""

    actions: frozenset[DataAction]
    collection: str = "*"
    tenant: str = "*"
    resource_key: ClassVar[str | None] = "data"
    resource_fields: ClassVar[Mapping[str, str]] = {"collection": "collection", "tenant": "tenant"}
    action_type: ClassVar[type[Enum]] = DataAction


@dataclass(frozen=True)
class RolesPermission(Permission):
    """Actions on roles matching `role`; `scope` limits which roles can be managed (the
    server's default, `MATCH`, when not given)."""

    actions: frozenset[RolesAction]
    role: str = "*"
    scope: RoleScope = RoleScope.MATCH
    resource_key: ClassVar[str | None] = "roles"
    resource_fields: ClassVar[Mapping[str, str]] = {"role": "role", "scope": "scope"}
    action_type: ClassVar[type[Enum]] = RolesAction


@dataclass(frozen=True)
class UsersPermission(Permission):
    """Actions on users matching `users`."""

    actions: frozenset[UsersAction]
    users: str = "*"
    resource_key: ClassVar[str | None] = "users"
    resource_fields: ClassVar[Mapping[str, str]] = {"users": "users"}
    action_type: ClassVar[type[Enum]] = UsersAction


@dataclass(frozen=True)
class BackupsPermission(Permission):
    """Backing up and restoring collections matching `collection`."""

    actions: frozenset[BackupsAction]
    collection: str = "*"
    resource_key: ClassVar[str | None] = "backups"
    resource_fields: ClassVar[Mapping[str, str]] = {"collection": "collection"}
    action_type: ClassVar[type[Enum]] = BackupsAction


@dataclass(frozen=True)
class MCPPermission(Permission):
    """Using the server's MCP endpoint (no resource)."""

    actions: frozenset[MCPAction]
    action_type: ClassVar[type[Enum]] = MCPAction


@dataclass(frozen=True)
class NodesPermission(Permission):
    """Reading node status; with `verbose`, per collection (matching `collection`)."""

    actions: frozenset[NodesAction]
    collection: str = "*"
    verbosity: Verbosity = "minimal"
    resource_key: ClassVar[str | None] = "nodes"
    resource_fields: ClassVar[Mapping[str, str]] = {
        "collection": "collection",
        "verbosity": "verbosity",
    }
    action_type: ClassVar[type[Enum]] = NodesAction


@dataclass(frozen=True)
class TenantsPermission(Permission):
    """Actions on tenants matching `tenant` of collections matching `collection`."""

    actions: frozenset[TenantsAction]
    collection: str = "*"
    tenant: str = "*"
    resource_key: ClassVar[str | None] = "tenants"
    resource_fields: ClassVar[Mapping[str, str]] = {"collection": "collection", "tenant": "tenant"}
    action_type: ClassVar[type[Enum]] = TenantsAction


@dataclass(frozen=True)
class ReplicatePermission(Permission):
    """Actions on replica movements of shards matching `shard` of matching collections."""

    actions: frozenset[ReplicateAction]
    collection: str = "*"
    shard: str = "*"
    resource_key: ClassVar[str | None] = "replicate"
    resource_fields: ClassVar[Mapping[str, str]] = {"collection": "collection", "shard": "shard"}
    action_type: ClassVar[type[Enum]] = ReplicateAction


@dataclass(frozen=True)
class GroupsPermission(Permission):
    """Actions on groups matching `group` of type `group_type` (only "oidc" so far)."""

    actions: frozenset[GroupAction]
    group: str = "*"
    group_type: str = "oidc"
    resource_key: ClassVar[str | None] = "groups"
    resource_fields: ClassVar[Mapping[str, str]] = {"group": "group", "group_type": "groupType"}
    action_type: ClassVar[type[Enum]] = GroupAction


PermissionsOutputType = (
    AliasPermission
    | ClusterPermission
    | CollectionsPermission
    | DataPermission
    | RolesPermission
    | UsersPermission
    | BackupsPermission
    | MCPPermission
    | NodesPermission
    | TenantsPermission
    | ReplicatePermission
    | GroupsPermission
)
"""Any one permission as a role reports it."""

PERMISSION_CLASSES: tuple[type[PermissionsOutputType], ...] = (
    AliasPermission,
    ClusterPermission,
    CollectionsPermission,
    DataPermission,
    RolesPermission,
    UsersPermission,
    BackupsPermission,
    MCPPermission,
    NodesPermission,
    TenantsPermission,
    ReplicatePermission,
    GroupsPermission,
)


_BY_ACTION: dict[str, type[PermissionsOutputType]] = {
    action.value: kind for kind in PERMISSION_CLASSES for action in kind.action_type
}


def from_weaviate(items: Sequence[Mapping[str, object]]) -> list[PermissionsOutputType]:
    """The permissions of a role's REST JSON, one per resource (its actions joined), in the
    order the resources first appear. Actions this client does not know are skipped."""
    joined: dict[tuple[type[PermissionsOutputType], tuple[tuple[str, object], ...]], set[Enum]]
    joined = {}
    for item in items:
        action = item.get("action")
        kind = _BY_ACTION.get(action) if isinstance(action, str) else None
        if kind is None:
            continue
        body = item.get(kind.resource_key) if kind.resource_key else None
        resource = kind.resource_from_weaviate(body if isinstance(body, Mapping) else {})
        joined.setdefault((kind, tuple(resource.items())), set()).add(kind.action_type(action))
    return [
        kind(actions=frozenset(actions), **dict(resource))  # type: ignore[arg-type]
        for (kind, resource), actions in joined.items()
    ]


PermissionsInputType = Permission | Sequence[Permission | Sequence[Permission]]
"""One permission, a list of them, or a list mixing permissions and builder results."""


def _check(value: object) -> Permission:
    if not isinstance(value, Permission):
        raise WeaviateInvalidInputError(f"permissions must be Permissions.* results, got {value!r}")
    return value


def flatten(permissions: PermissionsInputType) -> list[Permission]:
    """The permissions of a builder result, a list of them (or of builder results), or a
    single one."""
    if isinstance(permissions, str) or not isinstance(permissions, Sequence):
        return [_check(permissions)]
    flat: list[Permission] = []
    for item in permissions:
        if isinstance(item, str) or not isinstance(item, Sequence):
            flat.append(_check(item))
        else:
            flat.extend(_check(p) for p in item)
    return flat
