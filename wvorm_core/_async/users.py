"""`client.users`: the current user, database users (`users.db`), OIDC users (`users.oidc`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, overload

from wvorm_core._async._namespace import AsyncNamespace
from wvorm_core._ops import rbac
from wvorm_core._transport.base import AsyncTransport
from wvorm_core.outputs.rbac import OwnUser, Role, RoleBase, UserDB


class _UserRoles(AsyncNamespace):
    """Role assignment of one kind of user (asyncio)."""

    _user_type: rbac.UserType

    @overload
    async def get_assigned_roles(
        self, *, user_id: str, include_permissions: Literal[False] = False
    ) -> dict[str, RoleBase]: ...

    @overload
    async def get_assigned_roles(
        self, *, user_id: str, include_permissions: Literal[True]
    ) -> dict[str, Role]: ...

    @overload
    async def get_assigned_roles(
        self, *, user_id: str, include_permissions: bool = False
    ) -> dict[str, Role] | dict[str, RoleBase]: ...

    async def get_assigned_roles(
        self, *, user_id: str, include_permissions: bool = False
    ) -> dict[str, Role] | dict[str, RoleBase]:
        """The user's roles by name; with `include_permissions`, their permissions too."""
        op = rbac.assigned_roles("users", user_id, self._user_type, include_permissions)
        return await self._transport.run(op)

    async def assign_roles(self, *, user_id: str, role_names: str | Sequence[str]) -> None:
        """Give the user one or more roles."""
        op = rbac.change_roles("users", user_id, self._user_type, role_names, "assign")
        return await self._transport.run(op)

    async def revoke_roles(self, *, user_id: str, role_names: str | Sequence[str]) -> None:
        """Take one or more roles from the user."""
        op = rbac.change_roles("users", user_id, self._user_type, role_names, "revoke")
        return await self._transport.run(op)


class AsyncOidcUsers(_UserRoles):
    """Roles of users known from OIDC tokens (asyncio); the server must have OIDC enabled."""

    _user_type: rbac.UserType = "oidc"


class AsyncDbUsers(_UserRoles):
    """Database users: API-key users created through the API (asyncio)."""

    _user_type: rbac.UserType = "db"

    async def create(self, *, user_id: str) -> str:
        """Create a user and return its API key; the server never shows the key again."""
        return await self._transport.run(rbac.create_db_user(user_id))

    async def delete(self, *, user_id: str) -> bool:
        """Delete a user; False if it did not exist."""
        return await self._transport.run(rbac.delete_db_user(user_id))

    async def rotate_key(self, *, user_id: str) -> str:
        """Give the user a new API key and return it; the old key stops working."""
        return await self._transport.run(rbac.rotate_key(user_id))

    async def activate(self, *, user_id: str) -> bool:
        """Let a deactivated user sign in again; False if it was active already."""
        return await self._transport.run(rbac.activate_db_user(user_id))

    async def deactivate(self, *, user_id: str, revoke_key: bool = False) -> bool:
        """Refuse the user's key until it is activated again (with `revoke_key`, for good:
        it then needs `rotate_key`); False if it was inactive already."""
        return await self._transport.run(rbac.deactivate_db_user(user_id, revoke_key))

    async def get(self, *, user_id: str, include_last_used_time: bool = False) -> UserDB | None:
        """One database user, or None if it does not exist."""
        return await self._transport.run(rbac.get_db_user(user_id, include_last_used_time))

    async def list_all(self, *, include_last_used_time: bool = False) -> list[UserDB]:
        """Every database user the client may read."""
        return await self._transport.run(rbac.list_db_users(include_last_used_time))


class AsyncUsers:
    """Users (asyncio): `get_my_user()`, and the `db` and `oidc` namespaces."""

    db: AsyncDbUsers
    """Database users: create, delete, rotate keys, (de)activate, assign roles."""
    oidc: AsyncOidcUsers
    """OIDC users: assign and revoke roles."""

    def __init__(self, transport: AsyncTransport) -> None:
        self._transport = transport
        self.db = AsyncDbUsers(transport)
        self.oidc = AsyncOidcUsers(transport)

    async def get_my_user(self) -> OwnUser:
        """The user this client is authenticated as, with its roles and groups."""
        return await self._transport.run(rbac.own_user())
