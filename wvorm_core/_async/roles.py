"""`client.roles`: create roles, change their permissions, see who holds them."""

from __future__ import annotations

from wvorm_core._async._namespace import AsyncNamespace
from wvorm_core._ops import rbac
from wvorm_core.classes.rbac import PermissionsInputType
from wvorm_core.outputs.rbac import GroupAssignment, Role, UserAssignment


class AsyncRoles(AsyncNamespace):
    """Roles and their permissions (asyncio); needs a server with RBAC enabled."""

    async def list_all(self) -> dict[str, Role]:
        """Every role the client may read, keyed by name."""
        return await self._transport.run(rbac.list_roles())

    async def exists(self, role_name: str) -> bool:
        """Whether the role exists."""
        return await self._transport.run(rbac.get_role(role_name)) is not None

    async def get(self, role_name: str) -> Role | None:
        """One role and its permissions, or None if it does not exist."""
        return await self._transport.run(rbac.get_role(role_name))

    async def create(self, *, role_name: str, permissions: PermissionsInputType) -> Role:
        """Create a role with `permissions` (the results of `Permissions` builders)."""
        return await self._transport.run(rbac.create_role(role_name, permissions))

    async def delete(self, role_name: str) -> None:
        """Delete a role; its holders lose its permissions."""
        return await self._transport.run(rbac.delete_role(role_name))

    async def add_permissions(self, *, permissions: PermissionsInputType, role_name: str) -> None:
        """Add permissions to a role (those it holds already stay as they are)."""
        return await self._transport.run(rbac.change_permissions(role_name, permissions, "add"))

    async def remove_permissions(
        self, *, permissions: PermissionsInputType, role_name: str
    ) -> None:
        """Remove permissions from a role; ones it does not hold are ignored."""
        return await self._transport.run(rbac.change_permissions(role_name, permissions, "remove"))

    async def has_permissions(self, *, permissions: PermissionsInputType, role: str) -> bool:
        """Whether the role `role` holds every action of `permissions`."""
        return await self._transport.run(rbac.has_permissions(role, permissions))

    async def get_user_assignments(self, role_name: str) -> list[UserAssignment]:
        """The users that hold the role, and their kinds."""
        return await self._transport.run(rbac.user_assignments(role_name))

    async def get_group_assignments(self, role_name: str) -> list[GroupAssignment]:
        """The groups that hold the role."""
        return await self._transport.run(rbac.group_assignments(role_name))
