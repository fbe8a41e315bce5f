"""pytest fixtures for suites that use Weaviate: a local server, clients, collections, a cluster.

Installed with wvorm and loaded by pytest through the `pytest11` entry point. Nothing starts
until a test asks for a fixture:

- `weaviate_server` (session): an `EmbeddedServer` on free loopback ports, with its own
  data folder; its extra environment comes from the `weaviate_server_environment` fixture,
  which a `conftest.py` may override.
- `weaviate_client` (session): a connected `WeaviateClient` for that server.
- `weaviate_async_client`: a connected `WeaviateAsyncClient` (needs pytest-asyncio).
- `weaviate_collection_factory`: a `CollectionFactory` that creates collections with unique
  names and deletes them after the test.
- `weaviate_cluster` (session): a 3-node `EmbeddedCluster`; environment from
  `weaviate_cluster_environment`.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from typing import Any, TypeVar, overload

import pytest

from wvorm_core.client import WeaviateAsyncClient, WeaviateClient
from wvorm_core.collections import Collection
from wvorm_core.connect import connect_to_local, use_async_with_local
from wvorm_core.embedded import EmbeddedCluster, EmbeddedOptions, EmbeddedServer
from wvorm_core.exceptions import WeaviateInvalidInputError

__all__ = [
    "CLUSTER_NODES",
    "CollectionFactory",
    "weaviate_async_client",
    "weaviate_client",
    "weaviate_cluster",
    "weaviate_cluster_environment",
    "weaviate_collection_factory",
    "weaviate_server",
    "weaviate_server_environment",
]

P = TypeVar("P")

CLUSTER_NODES = 3
"""How many nodes the `weaviate_cluster` fixture starts."""


class CollectionFactory:
    """Creates collections with names no other test uses; `cleanup()` deletes all of them.

    `factory(**config)` takes the keyword arguments of `client.collections.create` (without
    `name`) and returns the new collection; `unique_name()` only reserves a name.
    """

    def __init__(self, client: WeaviateClient, prefix: str = "Test") -> None:
        if not prefix or not prefix[0].isalpha() or not prefix.replace("_", "").isalnum():
            raise WeaviateInvalidInputError(
                f"prefix must start with a letter and hold only letters, digits and _, "
                f"got {prefix!r}"
            )
        self.client = client
        self.prefix = prefix[0].upper() + prefix[1:]
        self.names: list[str] = []

    def unique_name(self) -> str:
        """A fresh collection name, deleted (if created) by `cleanup()`."""
        name = f"{self.prefix}_{uuid.uuid4().hex[:12]}"
        self.names.append(name)
        return name

    @overload
    def __call__(self, *, data_model_properties: None = None, **config: Any) -> Collection: ...
    @overload
    def __call__(self, *, data_model_properties: type[P], **config: Any) -> Collection[P]: ...
    def __call__(
        self, *, data_model_properties: type[P] | None = None, **config: Any
    ) -> Collection[P] | Collection:
        """Create a collection under a unique name (see `client.collections.create`)."""
        if "name" in config:
            raise WeaviateInvalidInputError(
                "the factory chooses the collection's name; pass the other settings only"
            )
        name = self.unique_name()
        if data_model_properties is None:
            created: Collection = self.client.collections.create(name, **config)
            return created
        return self.client.collections.create(
            name, data_model_properties=data_model_properties, **config
        )

    def cleanup(self) -> None:
        """Delete every collection this factory named."""
        if self.names:
            self.client.collections.delete(self.names)
        self.names.clear()


def _async_fixture(function: Callable[..., Any]) -> Any:
    """An async fixture through pytest-asyncio when it is installed (strict or auto mode)."""
    try:
        import pytest_asyncio
    except ImportError:
        return pytest.fixture(function)
    return pytest_asyncio.fixture(function)


@pytest.fixture(scope="session")
def weaviate_server_environment() -> Mapping[str, str]:
    """Extra environment variables for `weaviate_server` (override it in a conftest.py)."""
    return {}


@pytest.fixture(scope="session")
def weaviate_server(
    tmp_path_factory: pytest.TempPathFactory, weaviate_server_environment: Mapping[str, str]
) -> Iterator[EmbeddedServer]:
    """A local weaviate-server for the session: free ports, a temporary data folder."""
    options = EmbeddedOptions(
        port=0,
        grpc_port=0,
        persistence_data_path=str(tmp_path_factory.mktemp("weaviate")),
        environment_variables=dict(weaviate_server_environment),
    )
    with EmbeddedServer(options) as running:
        yield running


@pytest.fixture(scope="session")
def weaviate_client(weaviate_server: EmbeddedServer) -> Iterator[WeaviateClient]:
    """A client connected to `weaviate_server`, shared by the session."""
    server = weaviate_server
    with connect_to_local(server.host, server.port, server.grpc_port) as client:
        yield client


@_async_fixture
async def weaviate_async_client(
    weaviate_server: EmbeddedServer,
) -> AsyncIterator[WeaviateAsyncClient]:
    """An asyncio client connected to `weaviate_server`, one per test."""
    server = weaviate_server
    async with use_async_with_local(server.host, server.port, server.grpc_port) as client:
        yield client


@pytest.fixture
def weaviate_collection_factory(weaviate_client: WeaviateClient) -> Iterator[CollectionFactory]:
    """Collections with unique names on `weaviate_server`, deleted after the test."""
    factory = CollectionFactory(weaviate_client)
    yield factory
    factory.cleanup()


@pytest.fixture(scope="session")
def weaviate_cluster_environment() -> Mapping[str, str]:
    """Extra environment variables for every node of `weaviate_cluster` (override it)."""
    return {}


@pytest.fixture(scope="session")
def weaviate_cluster(
    tmp_path_factory: pytest.TempPathFactory, weaviate_cluster_environment: Mapping[str, str]
) -> Iterator[EmbeddedCluster]:
    """A local cluster of `CLUSTER_NODES` nodes for the session, started on first use."""
    cluster = EmbeddedCluster(
        CLUSTER_NODES,
        persistence_data_path=str(tmp_path_factory.mktemp("weaviate-cluster")),
        environment_variables=dict(weaviate_cluster_environment),
    )
    with cluster:
        yield cluster
