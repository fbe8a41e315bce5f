"""Roles, users and groups over REST `/v1/authz/...` and `/v1/users/...`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal, get_args, get_type_hints
from urllib.parse import quote

from wvorm_core._ops.calls import Op, RestResponse, rest
from wvorm_core._ops.decode import parse_date
from wvorm_core.classes._permissions import PermissionsInputType, flatten, from_weaviate
from wvorm_core.exceptions import WeaviateError, WeaviateInvalidInputError
from wvorm_core.outputs.rbac import (
    GroupAssignment,
    GroupTypes,
    OwnUser,
    Role,
    RoleBase,
    UserAssignment,
    UserDB,
    UserTypes,
)

UserType = Literal["db", "oidc"]
"""How the `/v1/authz/users` endpoints name a user's kind."""

_ROLE_FIELDS: dict[type, str] = {
    get_args(hint)[0]: name
    for name, hint in get_type_hints(Role).items()
    if name.endswith("_permissions")
}
"""The `Role` field that lists each permission class (read from `Role`'s own annotations)."""


def _name(value: str, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise WeaviateInvalidInputError(f"{what} must be a non-empty string, got {value!r}")
    return value


def _segment(value: str, what: str) -> str:
    """`value` checked and escaped as one path segment."""
    return quote(_name(value, what), safe="")


def _role_names(role_names: str | Sequence[str]) -> list[str]:
    names = [role_names] if isinstance(role_names, str) else list(role_names)
    if not names:
        raise WeaviateInvalidInputError("role_names must name at least one role")
    return [_name(n, "a role name") for n in names]


def _flag(value: bool) -> str:
    return "true" if value else "false"


def _json(reply: RestResponse, what: str) -> object:
    try:
        return reply.json()
    except ValueError:
        raise WeaviateError(f"{what}: the server's reply is not JSON") from None


def _object(data: object, what: str) -> Mapping[str, object]:
    if not isinstance(data, Mapping):
        raise WeaviateError(f"{what}: unexpected reply {data!r}")
    return data


def _list(data: object, what: str) -> list[object]:
    if data is None:
        return []
    if not isinstance(data, list):
        raise WeaviateError(f"{what}: unexpected reply {data!r}")
    return data


def encode_permissions(permissions: PermissionsInputType) -> list[dict[str, object]]:
    """The REST JSON of `permissions`, one object per action; at least one is needed."""
    encoded = [item for p in flatten(permissions) for item in p.to_weaviate()]
    if not encoded:
        raise WeaviateInvalidInputError(
            "no permissions given (a Permissions builder without any action returns [])"
        )
    return encoded


def parse_role(data: object) -> Role:
    """A role from its REST JSON."""
    body = _object(data, "role")
    items = [p for p in _list(body.get("permissions"), "role permissions") if isinstance(p, dict)]
    fields: dict[str, list[object]] = {}
    for permission in from_weaviate(items):
        fields.setdefault(_ROLE_FIELDS[type(permission)], []).append(permission)
    return Role(str(body.get("name")), **fields)  # type: ignore[arg-type]


def _roles(data: object, what: str) -> dict[str, Role]:
    roles = [parse_role(r) for r in _list(data, what)]
    return {r.name: r for r in roles}


# -- roles -------------------------------------------------------------------------------


def list_roles() -> Op[dict[str, Role]]:
    reply = yield from rest("GET", "/authz/roles", context="list roles")
    return _roles(_json(reply, "list roles"), "list roles")


def get_role(role_name: str) -> Op[Role | None]:
    path = f"/authz/roles/{_segment(role_name, 'role_name')}"
    context = f"get role {role_name!r}"
    reply = yield from rest("GET", path, ok=(200, 404), context=context)
    return parse_role(_json(reply, context)) if reply.status == 200 else None


def create_role(role_name: str, permissions: PermissionsInputType) -> Op[Role]:
    body = {"name": _name(role_name, "role_name"), "permissions": encode_permissions(permissions)}
    yield from rest(
        "POST", "/authz/roles", json=body, ok=(201,), context=f"create role {role_name!r}"
    )
    return parse_role(body)


def delete_role(role_name: str) -> Op[None]:
    path = f"/authz/roles/{_segment(role_name, 'role_name')}"
    yield from rest("DELETE", path, ok=(204,), context=f"delete role {role_name!r}")


def change_permissions(
    role_name: str, permissions: PermissionsInputType, change: Literal["add", "remove"]
) -> Op[None]:
    """Add permissions to a role, or remove them (a role left without any is deleted)."""
    path = f"/authz/roles/{_segment(role_name, 'role_name')}/{change}-permissions"
    body = {"permissions": encode_permissions(permissions)}
    yield from rest("POST", path, json=body, context=f"{change} permissions of {role_name!r}")


def has_permissions(role_name: str, permissions: PermissionsInputType) -> Op[bool]:
    """Whether the role holds every action of `permissions` (one request per action)."""
    path = f"/authz/roles/{_segment(role_name, 'role_name')}/has-permission"
    context = f"check a permission of {role_name!r}"
    for permission in encode_permissions(permissions):
        reply = yield from rest("POST", path, json=permission, context=context)
        if _json(reply, context) is not True:
            return False
    return True


def _assignments(
    role_name: str, holder: Literal["user", "group"]
) -> Op[list[Mapping[str, object]]]:
    path = f"/authz/roles/{_segment(role_name, 'role_name')}/{holder}-assignments"
    context = f"{holder}s of role {role_name!r}"
    reply = yield from rest("GET", path, context=context)
    return [_object(a, context) for a in _list(_json(reply, context), context)]


def user_assignments(role_name: str) -> Op[list[UserAssignment]]:
    items = yield from _assignments(role_name, "user")
    return [UserAssignment(str(a.get("userId")), UserTypes(a.get("userType"))) for a in items]


def group_assignments(role_name: str) -> Op[list[GroupAssignment]]:
    items = yield from _assignments(role_name, "group")
    return [GroupAssignment(str(a.get("groupId")), GroupTypes(a.get("groupType"))) for a in items]


# -- role assignments of users and groups ------------------------------------------------------


def assigned_roles(
    kind: Literal["users", "groups"], subject: str, subject_type: UserType, full: bool
) -> Op[dict[str, Role] | dict[str, RoleBase]]:
    """The roles of a user or group, with their permissions when `full`."""
    path = f"/authz/{kind}/{_segment(subject, 'the id')}/roles/{subject_type}"
    context = f"roles of {subject_type} {kind[:-1]} {subject!r}"
    params = {"includeFullRoles": _flag(full)}
    reply = yield from rest("GET", path, params=params, context=context)
    data = _json(reply, context)
    if full:
        return _roles(data, context)
    names = [str(_object(r, context).get("name")) for r in _list(data, context)]
    return {n: RoleBase(n) for n in names}


def change_roles(
    kind: Literal["users", "groups"],
    subject: str,
    subject_type: UserType,
    role_names: str | Sequence[str],
    change: Literal["assign", "revoke"],
) -> Op[None]:
    """Assign roles to a user or group, or revoke them."""
    path = f"/authz/{kind}/{_segment(subject, 'the id')}/{change}"
    type_key = "userType" if kind == "users" else "groupType"
    body = {"roles": _role_names(role_names), type_key: subject_type}
    context = f"{change} roles of {subject_type} {kind[:-1]} {subject!r}"
    yield from rest("POST", path, json=body, context=context)


def known_groups() -> Op[list[str]]:
    """The OIDC groups that hold at least one role."""
    reply = yield from rest("GET", "/authz/groups/oidc", context="list OIDC groups")
    return [str(g) for g in _list(_json(reply, "list OIDC groups"), "list OIDC groups")]


# -- users ---------------------------------------------------------------------------------


def own_user() -> Op[OwnUser]:
    reply = yield from rest("GET", "/users/own-info", context="get own user")
    body = _object(_json(reply, "get own user"), "get own user")
    groups = [str(g) for g in _list(body.get("groups"), "own groups")]
    return OwnUser(str(body.get("username")), _roles(body.get("roles"), "own roles"), groups)


def _date(value: object) -> str | None:
    """An RFC 3339 time, or None for none or Go's zero time."""
    if not isinstance(value, str) or value.startswith("0001-01-01"):
        return None
    return value


def parse_db_user(data: object) -> UserDB:
    body = _object(data, "db user")
    created, used = _date(body.get("createdAt")), _date(body.get("lastUsedAt"))
    letters = body.get("apiKeyFirstLetters")
    return UserDB(
        user_id=str(body.get("userId")),
        role_names=[str(r) for r in _list(body.get("roles"), "db user roles")],
        user_type=UserTypes(body.get("dbUserType")),
        active=body.get("active") is True,
        created_at=parse_date(created) if created else None,
        last_used_time=parse_date(used) if used else None,
        api_key_first_letters=letters if isinstance(letters, str) else None,
    )


def _db_path(user_id: str, action: str = "") -> str:
    return f"/users/db/{_segment(user_id, 'user_id')}{action}"


def create_db_user(user_id: str) -> Op[str]:
    """Create a database user; returns its API key (the only time the server tells it)."""
    context = f"create db user {user_id!r}"
    reply = yield from rest("POST", _db_path(user_id), ok=(201,), context=context)
    return str(_object(_json(reply, context), context).get("apikey"))


def delete_db_user(user_id: str) -> Op[bool]:
    context = f"delete db user {user_id!r}"
    reply = yield from rest("DELETE", _db_path(user_id), ok=(204, 404), context=context)
    return reply.status == 204


def rotate_key(user_id: str) -> Op[str]:
    context = f"rotate the key of db user {user_id!r}"
    reply = yield from rest("POST", _db_path(user_id, "/rotate-key"), context=context)
    return str(_object(_json(reply, context), context).get("apikey"))


def activate_db_user(user_id: str) -> Op[bool]:
    """Activate a user; False if it was active already."""
    path = _db_path(user_id, "/activate")
    reply = yield from rest("POST", path, ok=(200, 409), context=f"activate {user_id!r}")
    return reply.status == 200


def deactivate_db_user(user_id: str, revoke_key: bool) -> Op[bool]:
    """Deactivate a user; False if it was inactive already."""
    path = _db_path(user_id, "/deactivate")
    body = {"revoke_key": revoke_key}
    reply = yield from rest(
        "POST", path, json=body, ok=(200, 409), context=f"deactivate {user_id!r}"
    )
    return reply.status == 200


def get_db_user(user_id: str, include_last_used_time: bool) -> Op[UserDB | None]:
    context = f"get db user {user_id!r}"
    params = {"includeLastUsedTime": _flag(include_last_used_time)}
    reply = yield from rest("GET", _db_path(user_id), params=params, ok=(200, 404), context=context)
    return parse_db_user(_json(reply, context)) if reply.status == 200 else None


def list_db_users(include_last_used_time: bool) -> Op[list[UserDB]]:
    params = {"includeLastUsedTime": _flag(include_last_used_time)}
    reply = yield from rest("GET", "/users/db", params=params, context="list db users")
    return [parse_db_user(u) for u in _list(_json(reply, "list db users"), "list db users")]
