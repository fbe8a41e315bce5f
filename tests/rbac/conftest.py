"""A weaviate-server with API keys, database users and RBAC on; `admin-user` is its root.

OIDC is enabled too, with a JWKS address on a closed loopback port: no token is ever checked,
but the server then accepts role assignments to OIDC users.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable, Iterator

import pytest

import wvorm_core
from wvorm_core import Auth
from wvorm_core.embedded import EmbeddedOptions, EmbeddedServer, free_port

ADMIN_KEY = "wvorm-rbac-admin-key-3b81f0"


@pytest.fixture(scope="session")
def rbac_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedServer]:
    unused = f"http://127.0.0.1:{free_port('127.0.0.1')}"
    options = EmbeddedOptions(
        port=0,
        grpc_port=0,
        persistence_data_path=str(tmp_path_factory.mktemp("rbac")),
        modules=(),
        environment_variables={
            "AUTHENTICATION_ANONYMOUS_ACCESS_ENABLED": "false",
            "AUTHENTICATION_APIKEY_ENABLED": "true",
            "AUTHENTICATION_APIKEY_ALLOWED_KEYS": ADMIN_KEY,
            "AUTHENTICATION_APIKEY_USERS": "admin-user",
            "AUTHENTICATION_DB_USERS_ENABLED": "true",
            "AUTHORIZATION_RBAC_ENABLED": "true",
            "AUTHORIZATION_RBAC_ROOT_USERS": "admin-user",
            "AUTHENTICATION_OIDC_ENABLED": "true",
            "AUTHENTICATION_OIDC_ISSUER": f"{unused}/issuer",
            "AUTHENTICATION_OIDC_JWKS_URL": f"{unused}/jwks",
            "AUTHENTICATION_OIDC_CLIENT_ID": "wvorm-tests",
            "AUTHENTICATION_OIDC_USERNAME_CLAIM": "sub",
            "AUTHENTICATION_OIDC_GROUPS_CLAIM": "groups",
        },
    )
    with EmbeddedServer(options) as running:
        yield running


Connect = Callable[[str], wvorm_core.WeaviateClient]


@pytest.fixture(scope="session")
def connect_as(rbac_server: EmbeddedServer) -> Iterator[Connect]:
    """Connect (blocking) with an API key; every client is closed at the end."""
    opened: list[wvorm_core.WeaviateClient] = []

    def connect(key: str) -> wvorm_core.WeaviateClient:
        client = wvorm_core.connect_to_local(
            host=rbac_server.host,
            port=rbac_server.port,
            grpc_port=rbac_server.grpc_port,
            auth_credentials=Auth.api_key(key),
        )
        opened.append(client)
        return client

    yield connect
    for client in opened:
        client.close()


@pytest.fixture(scope="session")
def admin(connect_as: Connect) -> wvorm_core.WeaviateClient:
    return connect_as(ADMIN_KEY)


@pytest.fixture
async def async_admin(
    rbac_server: EmbeddedServer,
) -> AsyncIterator[wvorm_core.WeaviateAsyncClient]:
    async with wvorm_core.use_async_with_local(
        host=rbac_server.host,
        port=rbac_server.port,
        grpc_port=rbac_server.grpc_port,
        auth_credentials=Auth.api_key(ADMIN_KEY),
    ) as client:
        yield client


@pytest.fixture
def unique() -> Callable[[str], str]:
    """Names no other test uses: `unique("reader")` -> "reader-1a2b3c4d"."""
    return lambda prefix: f"{prefix}-{uuid.uuid4().hex[:8]}"
