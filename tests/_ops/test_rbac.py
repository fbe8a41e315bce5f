"""RBAC requests and replies without a server: builders, JSON both ways, 403 mapping."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import wvorm_core
from wvorm_core._ops import rbac
from wvorm_core._ops.calls import RestRequest, RestResponse, grpc_error, status_error
from wvorm_core.classes.rbac import (
    Actions,
    CollectionsPermission,
    DataPermission,
    Permissions,
    RoleScope,
    RolesPermission,
)
from wvorm_core.exceptions import (
    InsufficientPermissionsError,
    WeaviateAuthenticationError,
    WeaviateInvalidInputError,
)
from wvorm_core.outputs.rbac import Role, UserDB, UserTypes
from wvorm_core.testing import ScriptedTransport


def test_builders_capitalise_collections_and_multiply_resources() -> None:
    built = Permissions.data(collection=["article", "Book*"], tenant=["t1", "t2"], read=True)
    assert [(p.collection, p.tenant) for p in built] == [
        ("Article", "t1"),
        ("Article", "t2"),
        ("Book*", "t1"),
        ("Book*", "t2"),
    ]
    assert {p.actions for p in built} == {frozenset({Actions.Data.READ})}
    assert Permissions.collections(collection="A") == []
    assert Permissions.cluster() == []


def test_encoding_gives_one_object_per_action() -> None:
    permissions = [
        Permissions.collections(collection="a", read_config=True, delete_collection=True),
        Permissions.roles(role="team-*", read=True, scope=RoleScope.ALL),
        *Permissions.cluster(read=True),
    ]
    assert rbac.encode_permissions(permissions) == [
        {"action": "delete_collections", "collections": {"collection": "A"}},
        {"action": "read_collections", "collections": {"collection": "A"}},
        {"action": "read_roles", "roles": {"role": "team-*", "scope": "all"}},
        {"action": "read_cluster"},
    ]


def test_role_reply_joins_actions_per_resource_and_skips_unknown_ones() -> None:
    reply = {
        "name": "editor",
        "permissions": [
            {"action": "read_data", "data": {"collection": "A", "tenant": "*", "object": "*"}},
            {"action": "update_data", "data": {"collection": "A", "tenant": "*"}},
            {"action": "read_data", "data": {"collection": "B"}},
            {"action": "manage_namespaces", "namespaces": {"namespace": "*"}},
            {"action": "read_roles", "roles": {"role": "*", "scope": "match"}},
        ],
    }
    assert rbac.parse_role(reply) == Role(
        "editor",
        data_permissions=[
            DataPermission(frozenset({Actions.Data.READ, Actions.Data.UPDATE}), "A", "*"),
            DataPermission(frozenset({Actions.Data.READ}), "B", "*"),
        ],
        roles_permissions=[RolesPermission(frozenset({Actions.Roles.READ}), "*", RoleScope.MATCH)],
    )


def test_db_user_reply() -> None:
    user = rbac.parse_db_user(
        {
            "userId": "bot",
            "roles": ["viewer"],
            "dbUserType": "db_user",
            "active": True,
            "createdAt": "2025-04-01T10:00:00.123Z",
            "lastUsedAt": "0001-01-01T00:00:00.000Z",
            "apiKeyFirstLetters": "abc",
        }
    )
    assert user.created_at is not None
    assert user == UserDB(
        "bot", ["viewer"], UserTypes.DB_DYNAMIC, True, user.created_at, None, "abc"
    )
    assert user.created_at.microsecond == 123000


def test_has_permissions_stops_at_the_first_missing_action() -> None:
    op = rbac.has_permissions("r", Permissions.data(collection="A", read=True, update=True))
    first = next(op)
    assert isinstance(first, RestRequest)
    assert (first.method, first.path) == ("POST", "/authz/roles/r/has-permission")
    assert first.json == {"action": "read_data", "data": {"collection": "A", "tenant": "*"}}
    with pytest.raises(StopIteration) as done:
        op.send(RestResponse(200, json.dumps(False).encode()))
    assert done.value.value is False


def test_names_in_paths_are_escaped() -> None:
    request = next(rbac.get_db_user("a/b c", include_last_used_time=False))
    assert isinstance(request, RestRequest)
    assert request.path == "/users/db/a%2Fb%20c"
    assert request.params == {"includeLastUsedTime": "false"}


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: next(rbac.create_role("r", [])), "no permissions given"),
        (lambda: next(rbac.get_role(" ")), "role_name"),
        (lambda: next(rbac.change_roles("users", "u", "db", [], "assign")), "at least one role"),
        (lambda: Permissions.users(user="", read=True), "non-empty name"),
        (lambda: Permissions.data(collection=3, read=True), "name or a list"),  # type: ignore[arg-type]
        (lambda: CollectionsPermission(frozenset()), "at least one action"),
        (lambda: CollectionsPermission(frozenset({Actions.Data.READ})), "CollectionsAction"),  # type: ignore[arg-type]
    ],
)
def test_bad_input(call: object, message: str) -> None:
    with pytest.raises(WeaviateInvalidInputError, match=message):
        call()  # type: ignore[operator]


def test_forbidden_is_insufficient_permissions_on_rest_and_grpc() -> None:
    body = b'{"error":[{"message":"forbidden: insufficient permissions to read_data"}]}'
    rest_error = status_error("fetch", RestResponse(403, body))
    assert isinstance(rest_error, InsufficientPermissionsError)
    assert (rest_error.status, rest_error.message) == (
        403,
        "fetch: forbidden: insufficient permissions to read_data",
    )
    grpc = grpc_error("/weaviate.v1.Weaviate/Search", "PERMISSION_DENIED", "read_data")
    assert isinstance(grpc, InsufficientPermissionsError)
    assert grpc.status == "PERMISSION_DENIED"
    for unknown in (
        status_error("x", RestResponse(401, b"")),
        grpc_error("m", "UNAUTHENTICATED", ""),
    ):
        assert isinstance(unknown, WeaviateAuthenticationError)
        assert not isinstance(unknown, InsufficientPermissionsError)


def test_rbac_loads_on_first_use() -> None:
    probe = (
        "import sys, wvorm_core\n"
        "before = 'wvorm_core._ops.rbac' in sys.modules\n"
        "wvorm_core.WeaviateClient(skip_init_checks=True).roles\n"
        "print(before, 'wvorm_core._ops.rbac' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "True"]


def test_client_refuses_bad_input_before_sending() -> None:
    def no_server(request: object) -> object:
        raise AssertionError(f"sent {request!r}")

    transport = ScriptedTransport(no_server)
    client = wvorm_core.WeaviateClient(transport=transport)
    with pytest.raises(WeaviateInvalidInputError, match="no permissions given"):
        client.roles.create(role_name="empty", permissions=Permissions.data(collection="A"))
    with pytest.raises(WeaviateInvalidInputError, match="role_name"):
        client.roles.get("")
    with pytest.raises(WeaviateInvalidInputError, match="results, got 'read_data'"):
        client.roles.add_permissions(permissions=["read_data"], role_name="x")  # type: ignore[list-item]
    with pytest.raises(WeaviateInvalidInputError, match="at least one role"):
        client.users.db.assign_roles(user_id="someone", role_names=[])
    with pytest.raises(WeaviateInvalidInputError, match="got None"):
        client.roles.has_permissions(permissions=None, role="x")  # type: ignore[arg-type]
    with pytest.raises(WeaviateInvalidInputError, match="user_id"):
        client.users.db.create(user_id="")
    with pytest.raises(WeaviateInvalidInputError, match="the id"):
        client.groups.oidc.get_assigned_roles(group_id=" ")
    assert transport.requests == []
