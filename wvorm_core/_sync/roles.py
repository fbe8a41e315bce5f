# Generated from wvorm_core/_async/roles.py by scripts/unasync.py; do not edit.
"""`client.roles`: create roles, change their permissions, see who holds them."""

from __future__ import annotations

from wvorm_core._ops import rbac
from wvorm_core._sync._namespace import Namespace
from wvorm_core.classes.rbac import PermissionsInputType
from wvorm_core.outputs.rbac import GroupAssignment, Role, UserAssignment


class Roles(Namespace):
    """Roles and their permissions (blocking); needs a server with RBAC enabled."""

    def list_all(self) -> dict[str, Role]:
        """Every role the client may read, keyed by name."""
        return self._transport.run(rbac.list_roles())

    def exists(self, role_name: str) -> bool:
        """Whether the role exists."""
        return self._transport.run(rbac.get_role(role_name)) is not None

    def get(self, role_name: str) -> Role | None:
        """One role and its permissions, or None if it does not exist."""
        return self._transport.run(rbac.get_role(role_name))

    def create(self, *, role_name: str, permissions: PermissionsInputType) -> Role:
        """Create a role with `permissions` (the results of `Permissions` builders)."""
        return self._transport.run(rbac.create_role(role_name, permissions))

    def delete(self, role_name: str) -> None:
        """Delete a role; its holders lose its permissions."""
        return self._transport.run(rbac.delete_role(role_name))

    def add_permissions(self, *, permissions: PermissionsInputType, role_name: str) -> None:
        """Add permissions to a role (those it holds already stay as they are)."""
        return self._transport.run(rbac.change_permissions(role_name, permissions, "add"))

    def remove_permissions(self, *, permissions: PermissionsInputType, role_name: str) -> None:
        """Remove permissions from a role; ones it does not hold are ignored."""
        return self._transport.run(rbac.change_permissions(role_name, permissions, "remove"))

    def has_permissions(self, *, permissions: PermissionsInputType, role: str) -> bool:
        """Whether the role `role` holds every action of `permissions`."""
        return self._transport.run(rbac.has_permissions(role, permissions))

    def get_user_assignments(self, role_name: str) -> list[UserAssignment]:
        """The users that hold the role, and their kinds."""
        return self._transport.run(rbac.user_assignments(role_name))

    def get_group_assignments(self, role_name: str) -> list[GroupAssignment]:
        """The groups that hold the role."""
        return self._transport.run(rbac.group_assignments(role_name))
