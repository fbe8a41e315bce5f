"""`client.roles` against a real RBAC server: CRUD, permissions, assignments."""

from __future__ import annotations

from collections.abc import Callable

import pytest

import wvorm_core
from wvorm_core.classes.rbac import Actions, Permissions, RoleScope
from wvorm_core.exceptions import UnexpectedStatusCodeError
from wvorm_core.outputs.rbac import (
    CollectionsPermissionOutput,
    DataPermissionOutput,
    GroupAssignment,
    GroupTypes,
    Role,
    UserAssignment,
    UserTypes,
)


def test_role_lifecycle(admin: wvorm_core.WeaviateClient, unique: Callable[[str], str]) -> None:
    name = unique("reader")
    created = admin.roles.create(
        role_name=name,
        permissions=[
            Permissions.collections(collection="article", read_config=True),
            Permissions.data(collection="Article", read=True),
        ],
    )
    try:
        assert created == Role(
            name,
            collections_permissions=[
                CollectionsPermissionOutput(frozenset({Actions.Collections.READ}), "Article")
            ],
            data_permissions=[DataPermissionOutput(frozenset({Actions.Data.READ}), "Article")],
        )
        assert admin.roles.exists(name)
        assert admin.roles.get(name) == created
        assert admin.roles.list_all()[name] == created
        with pytest.raises(UnexpectedStatusCodeError, match="409"):
            admin.roles.create(role_name=name, permissions=Permissions.cluster(read=True))

        admin.roles.add_permissions(
            permissions=Permissions.data(collection="Article", create=True), role_name=name
        )
        role = admin.roles.get(name)
        assert role is not None
        assert role.data_permissions == [
            DataPermissionOutput(frozenset({Actions.Data.READ, Actions.Data.CREATE}), "Article")
        ]
        assert admin.roles.has_permissions(
            permissions=Permissions.data(collection="Article", read=True, create=True), role=name
        )
        assert not admin.roles.has_permissions(
            permissions=Permissions.data(collection="Article", delete=True), role=name
        )
        assert not admin.roles.has_permissions(
            permissions=Permissions.data(collection="Other", read=True), role=name
        )
        assert admin.roles.has_permissions(permissions=role.permissions, role=name)

        admin.roles.remove_permissions(
            permissions=Permissions.data(collection="Article", read=True, create=True),
            role_name=name,
        )
        assert admin.roles.get(name) == Role(
            name, collections_permissions=created.collections_permissions
        )
    finally:
        admin.roles.delete(name)
    assert not admin.roles.exists(name)
    assert admin.roles.get(name) is None


def test_every_kind_of_permission_round_trips(
    admin: wvorm_core.WeaviateClient, unique: Callable[[str], str]
) -> None:
    name = unique("everything")
    permissions = [
        *Permissions.alias(alias="Alias*", collection="Article", create=True, read=True),
        *Permissions.backup(collection="Article", manage=True),
        *Permissions.cluster(read=True),
        *Permissions.collections(collection=["Article", "Book*"], update_config=True),
        *Permissions.data(collection="Article", tenant="tenant-a", update=True, delete=True),
        *Permissions.Groups.oidc(group="editors", read=True, assign_and_revoke=True),
        *Permissions.mcp(read=True),
        *Permissions.Nodes.minimal(read=True),
        *Permissions.Nodes.verbose(collection="Article", read=True),
        *Permissions.replicate(collection="Article", shard="shard-1", create=True),
        *Permissions.roles(role="team-*", read=True, update=True, scope=RoleScope.ALL),
        *Permissions.roles(role="own-*", create=True),
        *Permissions.tenants(collection="Article", create=True, read=True),
        *Permissions.users(user="bot-*", read=True, assign_and_revoke=True),
    ]
    created = admin.roles.create(role_name=name, permissions=permissions)
    try:
        stored = admin.roles.get(name)
        assert stored is not None
        assert set(stored.permissions) == set(permissions) == set(created.permissions)
        assert admin.roles.has_permissions(permissions=permissions, role=name)
    finally:
        admin.roles.delete(name)


def test_assignments(admin: wvorm_core.WeaviateClient, unique: Callable[[str], str]) -> None:
    role, user, group = unique("role"), unique("user"), unique("group")
    admin.roles.create(role_name=role, permissions=Permissions.cluster(read=True))
    admin.users.db.create(user_id=user)
    try:
        assert admin.roles.get_user_assignments(role) == []
        admin.users.db.assign_roles(user_id=user, role_names=role)
        admin.users.oidc.assign_roles(user_id="oidc-person", role_names=[role])
        admin.groups.oidc.assign_roles(group_id=group, role_names=role)
        assert sorted(admin.roles.get_user_assignments(role), key=lambda a: a.user_id) == [
            UserAssignment("oidc-person", UserTypes.OIDC),
            UserAssignment(user, UserTypes.DB_DYNAMIC),
        ]
        assert admin.roles.get_group_assignments(role) == [GroupAssignment(group, GroupTypes.OIDC)]
        admin.users.oidc.revoke_roles(user_id="oidc-person", role_names=role)
        admin.groups.oidc.revoke_roles(group_id=group, role_names=role)
        assert admin.roles.get_user_assignments(role) == [
            UserAssignment(user, UserTypes.DB_DYNAMIC)
        ]
        assert admin.roles.get_group_assignments(role) == []
    finally:
        admin.users.db.delete(user_id=user)
        admin.roles.delete(role)


async def test_async_roles(
    async_admin: wvorm_core.WeaviateAsyncClient, unique: Callable[[str], str]
) -> None:
    name = unique("async-role")
    created = await async_admin.roles.create(
        role_name=name, permissions=Permissions.tenants(collection="Article", read=True)
    )
    try:
        assert await async_admin.roles.get(name) == created
        assert await async_admin.roles.exists(name)
        assert name in await async_admin.roles.list_all()
        await async_admin.roles.add_permissions(
            permissions=Permissions.cluster(read=True), role_name=name
        )
        assert await async_admin.roles.has_permissions(
            permissions=Permissions.cluster(read=True), role=name
        )
        await async_admin.roles.remove_permissions(
            permissions=Permissions.cluster(read=True), role_name=name
        )
        assert not await async_admin.roles.has_permissions(
            permissions=Permissions.cluster(read=True), role=name
        )
        assert await async_admin.roles.get_user_assignments(name) == []
        assert await async_admin.roles.get_group_assignments(name) == []
    finally:
        await async_admin.roles.delete(name)
    assert not await async_admin.roles.exists(name)
