"""Static types of `client.roles`, `client.users`, `client.groups` (checked by mypy, never
executed)."""

from __future__ import annotations

from collections.abc import Sequence

from typing_extensions import assert_type

import wvorm_core
from wvorm_core.classes.rbac import (
    AliasPermission,
    BackupsPermission,
    ClusterPermission,
    CollectionsPermission,
    DataPermission,
    GroupsPermission,
    NodesPermission,
    Permissions,
    RolesPermission,
    TenantsPermission,
    UsersPermission,
)
from wvorm_core.outputs.rbac import (
    GroupAssignment,
    OwnUser,
    PermissionsOutputType,
    Role,
    RoleBase,
    UserAssignment,
    UserDB,
)


def check_builders() -> None:
    assert_type(
        Permissions.collections(collection="A", read_config=True), Sequence[CollectionsPermission]
    )
    assert_type(Permissions.data(collection="A", read=True), Sequence[DataPermission])
    assert_type(Permissions.tenants(collection="A", read=True), Sequence[TenantsPermission])
    assert_type(Permissions.roles(role="*", read=True), Sequence[RolesPermission])
    assert_type(Permissions.users(user="*", read=True), Sequence[UsersPermission])
    assert_type(Permissions.cluster(read=True), Sequence[ClusterPermission])
    assert_type(Permissions.backup(collection="A", manage=True), Sequence[BackupsPermission])
    assert_type(Permissions.alias(alias="B", collection="A", read=True), Sequence[AliasPermission])
    assert_type(Permissions.Nodes.minimal(read=True), Sequence[NodesPermission])
    assert_type(Permissions.Groups.oidc(group="g", read=True), Sequence[GroupsPermission])


def check_sync(client: wvorm_core.WeaviateClient) -> None:
    permissions = [Permissions.data(collection="A", read=True), Permissions.cluster(read=True)]
    role = client.roles.create(role_name="r", permissions=permissions)
    assert_type(role, Role)
    assert_type(role.permissions, list[PermissionsOutputType])
    assert_type(role.data_permissions, list[DataPermission])
    assert_type(client.roles.get("r"), Role | None)
    assert_type(client.roles.exists("r"), bool)
    assert_type(client.roles.list_all(), dict[str, Role])
    assert_type(client.roles.has_permissions(permissions=role.permissions, role="r"), bool)
    assert_type(client.roles.add_permissions(permissions=permissions, role_name="r"), None)
    assert_type(client.roles.get_user_assignments("r"), list[UserAssignment])
    assert_type(client.roles.get_group_assignments("r"), list[GroupAssignment])
    assert_type(client.users.get_my_user(), OwnUser)
    assert_type(client.users.db.create(user_id="u"), str)
    assert_type(client.users.db.rotate_key(user_id="u"), str)
    assert_type(client.users.db.delete(user_id="u"), bool)
    assert_type(client.users.db.deactivate(user_id="u", revoke_key=True), bool)
    assert_type(client.users.db.get(user_id="u"), UserDB | None)
    assert_type(client.users.db.list_all(), list[UserDB])
    assert_type(client.users.db.get_assigned_roles(user_id="u"), dict[str, RoleBase])
    assert_type(
        client.users.db.get_assigned_roles(user_id="u", include_permissions=True),
        dict[str, Role],
    )
    assert_type(client.users.oidc.get_assigned_roles(user_id="u"), dict[str, RoleBase])
    assert_type(client.users.oidc.assign_roles(user_id="u", role_names=["r"]), None)
    assert_type(
        client.groups.oidc.get_assigned_roles(group_id="g", include_permissions=True),
        dict[str, Role],
    )
    assert_type(client.groups.oidc.get_known_group_names(), list[str])


async def check_async(client: wvorm_core.WeaviateAsyncClient) -> None:
    assert_type(await client.roles.get("r"), Role | None)
    assert_type(await client.roles.list_all(), dict[str, Role])
    assert_type(await client.users.get_my_user(), OwnUser)
    assert_type(await client.users.db.create(user_id="u"), str)
    assert_type(await client.users.db.list_all(include_last_used_time=True), list[UserDB])
    assert_type(await client.users.db.get_assigned_roles(user_id="u"), dict[str, RoleBase])
    flag: bool = True
    assert_type(
        await client.users.oidc.get_assigned_roles(user_id="u", include_permissions=flag),
        dict[str, Role] | dict[str, RoleBase],
    )
    assert_type(await client.groups.oidc.get_assigned_roles(group_id="g"), dict[str, RoleBase])
