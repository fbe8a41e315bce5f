"""`client.groups`: roles of user groups (OIDC groups, `groups.oidc`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, overload

from wvorm_core._async._namespace import AsyncNamespace
from wvorm_core._ops import rbac
from wvorm_core._transport.base import AsyncTransport
from wvorm_core.outputs.rbac import Role, RoleBase


class AsyncOidcGroups(AsyncNamespace):
    """Roles of the groups named in OIDC tokens (asyncio)."""

    @overload
    async def get_assigned_roles(
        self, *, group_id: str, include_permissions: Literal[False] = False
    ) -> dict[str, RoleBase]: ...

    @overload
    async def get_assigned_roles(
        self, *, group_id: str, include_permissions: Literal[True]
    ) -> dict[str, Role]: ...

    @overload
    async def get_assigned_roles(
        self, *, group_id: str, include_permissions: bool = False
    ) -> dict[str, Role] | dict[str, RoleBase]: ...

    async def get_assigned_roles(
        self, *, group_id: str, include_permissions: bool = False
    ) -> dict[str, Role] | dict[str, RoleBase]:
        """The group's roles by name; with `include_permissions`, their permissions too."""
        op = rbac.assigned_roles("groups", group_id, "oidc", include_permissions)
        return await self._transport.run(op)

    async def assign_roles(self, *, group_id: str, role_names: str | Sequence[str]) -> None:
        """Give every member of the group one or more roles."""
        op = rbac.change_roles("groups", group_id, "oidc", role_names, "assign")
        return await self._transport.run(op)

    async def revoke_roles(self, *, group_id: str, role_names: str | Sequence[str]) -> None:
        """Take one or more roles from the group."""
        op = rbac.change_roles("groups", group_id, "oidc", role_names, "revoke")
        return await self._transport.run(op)

    async def get_known_group_names(self) -> list[str]:
        """The OIDC groups that hold at least one role."""
        return await self._transport.run(rbac.known_groups())


class AsyncGroups:
    """User groups (asyncio); `oidc` holds the OIDC groups."""

    oidc: AsyncOidcGroups
    """Groups named in OIDC tokens: assign and revoke roles, list the known ones."""

    def __init__(self, transport: AsyncTransport) -> None:
        self._transport = transport
        self.oidc = AsyncOidcGroups(transport)
