"""`client.roles`, `client.users`, `client.groups`: the RBAC namespaces, blocking and asyncio.

Their inputs are in `wvorm_core.classes.rbac`, their results in `wvorm_core.outputs.rbac`.
"""

from wvorm_core._async.groups import AsyncGroups, AsyncOidcGroups
from wvorm_core._async.roles import AsyncRoles
from wvorm_core._async.users import AsyncDbUsers, AsyncOidcUsers, AsyncUsers
from wvorm_core._sync.groups import Groups, OidcGroups
from wvorm_core._sync.roles import Roles
from wvorm_core._sync.users import DbUsers, OidcUsers, Users

__all__ = [
    "AsyncDbUsers",
    "AsyncGroups",
    "AsyncOidcGroups",
    "AsyncOidcUsers",
    "AsyncRoles",
    "AsyncUsers",
    "DbUsers",
    "Groups",
    "OidcGroups",
    "OidcUsers",
    "Roles",
    "Users",
]
