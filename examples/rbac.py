"""Roles and database users: a read-only key for one collection, then a key rotation.

Run it with `python examples/rbac.py`. It starts `weaviate-server` on loopback with API keys
and RBAC enabled (`admin` is the root user) and stops it when done.
"""

from __future__ import annotations

import tempfile

import wvorm_core
from wvorm_core import Auth
from wvorm_core.classes.config import DataType, Property
from wvorm_core.classes.rbac import Permissions
from wvorm_core.embedded import EmbeddedOptions, EmbeddedServer
from wvorm_core.exceptions import InsufficientPermissionsError, WeaviateAuthenticationError

ADMIN_KEY = "admin-secret-key"
RBAC_SERVER = {
    "AUTHENTICATION_ANONYMOUS_ACCESS_ENABLED": "false",
    "AUTHENTICATION_APIKEY_ENABLED": "true",
    "AUTHENTICATION_APIKEY_ALLOWED_KEYS": ADMIN_KEY,
    "AUTHENTICATION_APIKEY_USERS": "admin",
    "AUTHENTICATION_DB_USERS_ENABLED": "true",
    "AUTHORIZATION_RBAC_ENABLED": "true",
    "AUTHORIZATION_RBAC_ROOT_USERS": "admin",
}


def demo(server: EmbeddedServer) -> None:
    def connect_as(key: str) -> wvorm_core.WeaviateClient:
        return wvorm_core.connect_to_local(
            host=server.host,
            port=server.port,
            grpc_port=server.grpc_port,
            auth_credentials=Auth.api_key(key),
        )

    with connect_as(ADMIN_KEY) as admin:
        print("signed in as", admin.users.get_my_user().user_id)
        admin.collections.create(
            "Report", properties=[Property(name="title", data_type=DataType.TEXT)]
        )
        admin.collections.create("Payroll")
        admin.collections.use("Report").data.insert({"title": "Q3 figures"})

        # A role that reads the Report collection (its schema and its objects), nothing else.
        admin.roles.create(
            role_name="report-reader",
            permissions=[
                Permissions.collections(collection="Report", read_config=True),
                Permissions.data(collection="Report", read=True),
            ],
        )
        # A database user gets an API key once, at creation; then it is given the role.
        key = admin.users.db.create(user_id="dashboard")
        admin.users.db.assign_roles(user_id="dashboard", role_names="report-reader")

        with connect_as(key) as dashboard:
            reports = dashboard.collections.use("Report").query.fetch_objects()
            print("dashboard reads:", [o.properties["title"] for o in reports.objects])
            try:
                dashboard.collections.use("Report").data.insert({"title": "forged"})
            except InsufficientPermissionsError as refused:
                print("dashboard may not write:", refused.message)
            try:
                dashboard.collections.use("Payroll").query.fetch_objects()
            except InsufficientPermissionsError as refused:
                print("dashboard may not read Payroll:", refused.status)

        # A new key replaces the old one at once.
        new_key = admin.users.db.rotate_key(user_id="dashboard")
        try:
            connect_as(key)
        except WeaviateAuthenticationError:
            print("the old key is refused")
        with connect_as(new_key) as dashboard:
            print("the new key signs in as", dashboard.users.get_my_user().user_id)

        role = admin.roles.get("report-reader")
        assert role is not None
        print("report-reader holds", sorted(a.value for p in role.permissions for a in p.actions))
        print("held by", [a.user_id for a in admin.roles.get_user_assignments("report-reader")])
        admin.users.db.delete(user_id="dashboard")
        admin.roles.delete("report-reader")


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="wvorm-rbac-") as data_path:
        options = EmbeddedOptions(
            port=0,
            grpc_port=0,
            persistence_data_path=data_path,
            modules=(),
            environment_variables=RBAC_SERVER,
        )
        with EmbeddedServer(options) as server:
            demo(server)


if __name__ == "__main__":
    main()
