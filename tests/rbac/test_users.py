"""`client.users` and `client.groups` against a real RBAC server."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import pytest

import wvorm_core
from wvorm_core import Auth
from wvorm_core.classes.rbac import Permissions
from wvorm_core.embedded import EmbeddedServer
from wvorm_core.exceptions import UnexpectedStatusCodeError, WeaviateAuthenticationError
from wvorm_core.outputs.rbac import Role, RoleBase, UserDB, UserTypes

Connect = Callable[[str], wvorm_core.WeaviateClient]


def _refused(connect_as: Connect, key: str) -> bool:
    try:
        connect_as(key)
    except WeaviateAuthenticationError:
        return True
    return False


def test_my_user(admin: wvorm_core.WeaviateClient) -> None:
    me = admin.users.get_my_user()
    assert me.user_id == "admin-user"
    assert me.groups == []
    static = {u.user_id: u for u in admin.users.db.list_all()}["admin-user"]
    assert static.user_type is UserTypes.DB_STATIC
    assert static.active


def test_db_user_lifecycle(
    admin: wvorm_core.WeaviateClient, connect_as: Connect, unique: Callable[[str], str]
) -> None:
    user = unique("bot")
    key = admin.users.db.create(user_id=user)
    try:
        found = admin.users.db.get(user_id=user, include_last_used_time=True)
        assert isinstance(found, UserDB)
        assert (found.user_id, found.user_type, found.active) == (
            user,
            UserTypes.DB_DYNAMIC,
            True,
        )
        assert found.role_names == []
        assert isinstance(found.created_at, datetime)
        assert found.api_key_first_letters == key[:3]
        assert user in [u.user_id for u in admin.users.db.list_all()]
        with pytest.raises(UnexpectedStatusCodeError, match="409"):
            admin.users.db.create(user_id=user)

        assert connect_as(key).users.get_my_user().user_id == user
        used = admin.users.db.get(user_id=user, include_last_used_time=True)
        assert used is not None
        assert isinstance(used.last_used_time, datetime)

        new_key = admin.users.db.rotate_key(user_id=user)
        assert new_key != key
        assert _refused(connect_as, key)
        assert connect_as(new_key).users.get_my_user().user_id == user

        assert admin.users.db.deactivate(user_id=user)
        assert not admin.users.db.deactivate(user_id=user)
        assert admin.users.db.get(user_id=user) == UserDB(
            user, [], UserTypes.DB_DYNAMIC, False, found.created_at, None, new_key[:3]
        )
        assert _refused(connect_as, new_key)
        assert admin.users.db.activate(user_id=user)
        assert not admin.users.db.activate(user_id=user)
        assert connect_as(new_key).users.get_my_user().user_id == user

        assert admin.users.db.deactivate(user_id=user, revoke_key=True)
        assert admin.users.db.activate(user_id=user)
        assert _refused(connect_as, new_key)  # revoked for good
        assert connect_as(admin.users.db.rotate_key(user_id=user)).is_live()
    finally:
        assert admin.users.db.delete(user_id=user)
    assert not admin.users.db.delete(user_id=user)
    assert admin.users.db.get(user_id=user) is None


def test_role_assignment_of_users_and_groups(
    admin: wvorm_core.WeaviateClient, connect_as: Connect, unique: Callable[[str], str]
) -> None:
    role, user, group = unique("viewer"), unique("member"), unique("team")
    permissions = Permissions.cluster(read=True)
    admin.roles.create(role_name=role, permissions=permissions)
    key = admin.users.db.create(user_id=user)
    try:
        admin.users.db.assign_roles(user_id=user, role_names=[role])
        assert admin.users.db.get_assigned_roles(user_id=user) == {role: RoleBase(role)}
        full = admin.users.db.get_assigned_roles(user_id=user, include_permissions=True)
        assert full == {role: Role(role, cluster_permissions=permissions)}
        assert connect_as(key).users.get_my_user().roles == full
        stored = admin.users.db.get(user_id=user)
        assert stored is not None
        assert stored.role_names == [role]
        admin.users.db.revoke_roles(user_id=user, role_names=role)
        assert admin.users.db.get_assigned_roles(user_id=user) == {}

        admin.users.oidc.assign_roles(user_id=user, role_names=role)  # an OIDC user, same id
        assert admin.users.oidc.get_assigned_roles(user_id=user) == {role: RoleBase(role)}
        assert admin.users.db.get_assigned_roles(user_id=user) == {}
        admin.users.oidc.revoke_roles(user_id=user, role_names=[role])
        assert admin.users.oidc.get_assigned_roles(user_id=user, include_permissions=True) == {}

        admin.groups.oidc.assign_roles(group_id=group, role_names=[role])
        assert group in admin.groups.oidc.get_known_group_names()
        assert admin.groups.oidc.get_assigned_roles(group_id=group) == {role: RoleBase(role)}
        assert admin.groups.oidc.get_assigned_roles(group_id=group, include_permissions=True) == {
            role: Role(role, cluster_permissions=permissions)
        }
        admin.groups.oidc.revoke_roles(group_id=group, role_names=role)
        assert admin.groups.oidc.get_assigned_roles(group_id=group) == {}
        assert group not in admin.groups.oidc.get_known_group_names()
    finally:
        admin.users.db.delete(user_id=user)
        admin.roles.delete(role)


async def test_async_users(
    async_admin: wvorm_core.WeaviateAsyncClient,
    rbac_server: EmbeddedServer,
    unique: Callable[[str], str],
) -> None:
    user, role = unique("async-bot"), unique("async-viewer")
    assert (await async_admin.users.get_my_user()).user_id == "admin-user"
    await async_admin.roles.create(role_name=role, permissions=Permissions.cluster(read=True))
    key = await async_admin.users.db.create(user_id=user)
    try:
        await async_admin.users.db.assign_roles(user_id=user, role_names=role)
        assert await async_admin.users.db.get_assigned_roles(user_id=user) == {role: RoleBase(role)}
        rotated = await async_admin.users.db.rotate_key(user_id=user)
        async with wvorm_core.use_async_with_local(
            host=rbac_server.host,
            port=rbac_server.port,
            grpc_port=rbac_server.grpc_port,
            auth_credentials=Auth.api_key(rotated),
        ) as as_user:
            me = await as_user.users.get_my_user()
            assert (me.user_id, list(me.roles)) == (user, [role])
        assert rotated != key
        assert await async_admin.users.db.deactivate(user_id=user)
        inactive = await async_admin.users.db.get(user_id=user)
        assert inactive is not None
        assert not inactive.active
        assert await async_admin.users.db.activate(user_id=user)
        assert user in [u.user_id for u in await async_admin.users.db.list_all()]
        await async_admin.users.oidc.assign_roles(user_id=user, role_names=role)
        assert role in await async_admin.users.oidc.get_assigned_roles(user_id=user)
        await async_admin.users.oidc.revoke_roles(user_id=user, role_names=role)
        await async_admin.groups.oidc.assign_roles(group_id=user, role_names=role)
        assert user in await async_admin.groups.oidc.get_known_group_names()
        assert role in await async_admin.groups.oidc.get_assigned_roles(group_id=user)
        await async_admin.groups.oidc.revoke_roles(group_id=user, role_names=role)
        await async_admin.users.db.revoke_roles(user_id=user, role_names=role)
    finally:
        assert await async_admin.users.db.delete(user_id=user)
        await async_admin.roles.delete(role)
