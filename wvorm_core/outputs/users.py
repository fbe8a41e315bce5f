"""User results (v4 shapes), also in `wvorm_core.outputs.rbac`."""

from wvorm_core.outputs.rbac import OwnUser, UserDB, UserTypes

__all__ = ["OwnUser", "UserDB", "UserTypes"]
