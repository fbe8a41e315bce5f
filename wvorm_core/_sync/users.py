# Generated from wvorm_core/_async/users.py by scripts/unasync.py; do not edit.
"""`client.users`: the current user, database users (`users.db`), OIDC users (`users.oidc`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, overload

from wvorm_core._ops import rbac
from wvorm_core._sync._namespace import Namespace
from wvorm_core._transport.base import Transport
from wvorm_core.outputs.rbac import OwnUser, Role, RoleBase, UserDB


class _UserRoles(Namespace):
    """Role assignment of one kind of user (blocking)."""

    _user_type: rbac.UserType

    @overload
    def get_assigned_roles(
        self, *, user_id: str, include_permissions: Literal[False] = False
    ) -> dict[str, RoleBase]: ...

    @overload
    def get_assigned_roles(
        self, *, user_id: str, include_permissions: Literal[True]
    ) -> dict[str, Role]: ...

    @overload
    def get_assigned_roles(
        self, *, user_id: str, include_permissions: bool = False
    ) -> dict[str, Role] | dict[str, RoleBase]: ...

    def get_assigned_roles(
        self, *, user_id: str, include_permissions: bool = False
    ) -> dict[str, Role] | dict[str, RoleBase]:
        """The user's roles by name; with `include_permissions`, their permissions too."""
        op = rbac.assigned_roles("users", user_id, self._user_type, include_permissions)
        return self._transport.run(op)

    def assign_roles(self, *, user_id: str, role_names: str | Sequence[str]) -> None:
        """Give the user one or more roles."""
        op = rbac.change_roles("users", user_id, self._user_type, role_names, "assign")
        return self._transport.run(op)

    def revoke_roles(self, *, user_id: str, role_names: str | Sequence[str]) -> None:
        """Take one or more roles from the user."""
        op = rbac.change_roles("users", user_id, self._user_type, role_names, "revoke")
        return self._transport.run(op)


class OidcUsers(_UserRoles):
    """Roles of users known from OIDC tokens (blocking); the server must have OIDC enabled."""

    _user_type: rbac.UserType = "oidc"


class DbUsers(_UserRoles):
    """Database users: API-key users created through the API (blocking)."""

    _user_type: rbac.UserType = "db"

    def create(self, *, user_id: str) -> str:
        """Create a user and return its API key; the server never shows the key again."""
        return self._transport.run(rbac.create_db_user(user_id))

    def delete(self, *, user_id: str) -> bool:
        """Delete a user; False if it did not exist."""
        return self._transport.run(rbac.delete_db_user(user_id))

    def rotate_key(self, *, user_id: str) -> str:
        """Give the user a new API key and return it; the old key stops working."""
        return self._transport.run(rbac.rotate_key(user_id))

    def activate(self, *, user_id: str) -> bool:
        """Let a deactivated user sign in again; False if it was active already."""
        return self._transport.run(rbac.activate_db_user(user_id))

    def deactivate(self, *, user_id: str, revoke_key: bool = False) -> bool:
        """Refuse the user's key until it is activated again (with `revoke_key`, for good:
        it then needs `rotate_key`); False if it was inactive already."""
        return self._transport.run(rbac.deactivate_db_user(user_id, revoke_key))

    def get(self, *, user_id: str, include_last_used_time: bool = False) -> UserDB | None:
        """One database user, or None if it does not exist."""
        return self._transport.run(rbac.get_db_user(user_id, include_last_used_time))

    def list_all(self, *, include_last_used_time: bool = False) -> list[UserDB]:
        """Every database user the client may read."""
        return self._transport.run(rbac.list_db_users(include_last_used_time))


class Users:
    """Users (blocking): `get_my_user()`, and the `db` and `oidc` namespaces."""

    db: DbUsers
    """Database users: create, delete, rotate keys, (de)activate, assign roles."""
    oidc: OidcUsers
    """OIDC users: assign and revoke roles."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport
        self.db = DbUsers(transport)
        self.oidc = OidcUsers(transport)

    def get_my_user(self) -> OwnUser:
        """The user this client is authenticated as, with its roles and groups."""
        return self._transport.run(rbac.own_user())
