"""`connect_to_*` (blocking, connected) and `use_async_with_*` (asyncio, connect on enter)."""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from urllib.parse import urlparse

from wvorm_core._transport.params import ConnectionParams
from wvorm_core.classes.init import AdditionalConfig, AuthCredentials
from wvorm_core.client import WeaviateAsyncClient, WeaviateClient
from wvorm_core.embedded import WEAVIATE_VERSION, EmbeddedOptions
from wvorm_core.exceptions import WeaviateInvalidInputError

Headers = Mapping[str, str] | None


def _local(host: str, port: int, grpc_port: int) -> ConnectionParams:
    return ConnectionParams.from_params(host, port, False, host, grpc_port, False)


def _cloud(cluster_url: str) -> ConnectionParams:
    url = cluster_url if "://" in cluster_url else f"https://{cluster_url}"
    host = urlparse(url).hostname
    if not host:
        raise WeaviateInvalidInputError(f"cannot read a host name from {cluster_url!r}")
    return ConnectionParams.from_params(host, 443, True, f"grpc-{host}", 443, True)


def _embedded(
    hostname: str, port: int, grpc_port: int, version: str, persistence_data_path: str | None,
    binary_path: str | None, environment_variables: Mapping[str, str] | None,
) -> EmbeddedOptions:  # fmt: skip
    return EmbeddedOptions(
        version=version, hostname=hostname, port=port, grpc_port=grpc_port,
        persistence_data_path=persistence_data_path, binary_path=binary_path,
        environment_variables=dict(environment_variables or {}),
    )  # fmt: skip


def _connected(client: WeaviateClient) -> WeaviateClient:
    try:
        client.connect()
    except BaseException:
        client.close()
        raise
    return client


def connect_to_local(
    host: str = "localhost",
    port: int = 8080,
    grpc_port: int = 50051,
    headers: Headers = None,
    additional_config: AdditionalConfig | None = None,
    skip_init_checks: bool = False,
    auth_credentials: AuthCredentials | None = None,
) -> WeaviateClient:
    """Connect to a server on this machine (plain HTTP and gRPC)."""
    params = _local(host, port, grpc_port)
    client = WeaviateClient(
        params, None, auth_credentials, headers, additional_config, skip_init_checks
    )
    return _connected(client)


def connect_to_custom(
    http_host: str,
    http_port: int,
    http_secure: bool,
    grpc_host: str,
    grpc_port: int,
    grpc_secure: bool,
    headers: Headers = None,
    additional_config: AdditionalConfig | None = None,
    auth_credentials: AuthCredentials | None = None,
    skip_init_checks: bool = False,
) -> WeaviateClient:
    """Connect with every endpoint detail given explicitly."""
    params = ConnectionParams.from_params(
        http_host, http_port, http_secure, grpc_host, grpc_port, grpc_secure
    )
    client = WeaviateClient(
        params, None, auth_credentials, headers, additional_config, skip_init_checks
    )
    return _connected(client)


def connect_to_weaviate_cloud(
    cluster_url: str,
    auth_credentials: AuthCredentials | None,
    headers: Headers = None,
    additional_config: AdditionalConfig | None = None,
    skip_init_checks: bool = False,
) -> WeaviateClient:
    """Connect to a Weaviate Cloud cluster over TLS (REST and gRPC on port 443)."""
    client = WeaviateClient(
        _cloud(cluster_url), None, auth_credentials, headers, additional_config, skip_init_checks
    )
    return _connected(client)


def connect_to_wcs(
    cluster_url: str,
    auth_credentials: AuthCredentials | None,
    headers: Headers = None,
    additional_config: AdditionalConfig | None = None,
    skip_init_checks: bool = False,
) -> WeaviateClient:
    """Deprecated name of `connect_to_weaviate_cloud`."""
    warnings.warn(
        "connect_to_wcs is deprecated; use connect_to_weaviate_cloud",
        DeprecationWarning,
        stacklevel=2,
    )
    return connect_to_weaviate_cloud(
        cluster_url, auth_credentials, headers, additional_config, skip_init_checks
    )


def connect_to_embedded(
    hostname: str = "127.0.0.1",
    port: int = 8079,
    grpc_port: int = 50050,
    headers: Headers = None,
    additional_config: AdditionalConfig | None = None,
    version: str = WEAVIATE_VERSION,
    persistence_data_path: str | None = None,
    binary_path: str | None = None,
    environment_variables: Mapping[str, str] | None = None,
) -> WeaviateClient:
    """Start a local `weaviate-server` (installing it once if needed) and connect to it.

    `close()` stops the server.
    """
    options = _embedded(
        hostname, port, grpc_port, version, persistence_data_path, binary_path,
        environment_variables,
    )  # fmt: skip
    return _connected(WeaviateClient(None, options, None, headers, additional_config))


def use_async_with_local(
    host: str = "localhost",
    port: int = 8080,
    grpc_port: int = 50051,
    headers: Headers = None,
    additional_config: AdditionalConfig | None = None,
    skip_init_checks: bool = False,
    auth_credentials: AuthCredentials | None = None,
) -> WeaviateAsyncClient:
    """An async client for a server on this machine; connect with `async with` or `connect()`."""
    params = _local(host, port, grpc_port)
    return WeaviateAsyncClient(
        params, None, auth_credentials, headers, additional_config, skip_init_checks
    )


def use_async_with_custom(
    http_host: str,
    http_port: int,
    http_secure: bool,
    grpc_host: str,
    grpc_port: int,
    grpc_secure: bool,
    headers: Headers = None,
    additional_config: AdditionalConfig | None = None,
    auth_credentials: AuthCredentials | None = None,
    skip_init_checks: bool = False,
) -> WeaviateAsyncClient:
    """An async client with every endpoint detail given explicitly."""
    params = ConnectionParams.from_params(
        http_host, http_port, http_secure, grpc_host, grpc_port, grpc_secure
    )
    return WeaviateAsyncClient(
        params, None, auth_credentials, headers, additional_config, skip_init_checks
    )


def use_async_with_weaviate_cloud(
    cluster_url: str,
    auth_credentials: AuthCredentials | None,
    headers: Headers = None,
    additional_config: AdditionalConfig | None = None,
    skip_init_checks: bool = False,
) -> WeaviateAsyncClient:
    """An async client for a Weaviate Cloud cluster."""
    return WeaviateAsyncClient(
        _cloud(cluster_url), None, auth_credentials, headers, additional_config, skip_init_checks
    )


def use_async_with_embedded(
    hostname: str = "127.0.0.1",
    port: int = 8079,
    grpc_port: int = 50050,
    headers: Headers = None,
    additional_config: AdditionalConfig | None = None,
    version: str = WEAVIATE_VERSION,
    persistence_data_path: str | None = None,
    binary_path: str | None = None,
    environment_variables: Mapping[str, str] | None = None,
) -> WeaviateAsyncClient:
    """An async client that starts a local server on connect and stops it on close."""
    options = _embedded(
        hostname, port, grpc_port, version, persistence_data_path, binary_path,
        environment_variables,
    )  # fmt: skip
    return WeaviateAsyncClient(None, options, None, headers, additional_config)
