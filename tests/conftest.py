"""Fixtures: one real weaviate-server for the test session, clients, unique collection names."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

import wvorm_core
from wvorm_core.embedded import EmbeddedOptions, EmbeddedServer
from wvorm_core.testing import LocalVectorizer


@pytest.fixture(scope="session")
def vectorizer() -> Iterator[LocalVectorizer]:
    with LocalVectorizer() as stand_in:
        yield stand_in


@pytest.fixture(scope="session")
def server(
    tmp_path_factory: pytest.TempPathFactory, vectorizer: LocalVectorizer
) -> Iterator[EmbeddedServer]:
    """The session's server: free loopback ports, its own data folder, offline modules, and
    the v1.39 runtime reindex API switched on."""
    options = EmbeddedOptions(
        port=0,
        grpc_port=0,
        persistence_data_path=str(tmp_path_factory.mktemp("weaviate")),
        environment_variables={
            **vectorizer.environment(),
            "QUERY_DEFAULTS_LIMIT": "25",
            "RUNTIME_REINDEX_ENABLED": "true",
        },
    )
    with EmbeddedServer(options) as running:
        yield running


def connect(server: EmbeddedServer, **kwargs: object) -> wvorm_core.WeaviateClient:
    return wvorm_core.connect_to_local(
        host=server.host,
        port=server.port,
        grpc_port=server.grpc_port,
        **kwargs,  # type: ignore[arg-type]
    )


@pytest.fixture(scope="session")
def client(server: EmbeddedServer) -> Iterator[wvorm_core.WeaviateClient]:
    with connect(server) as connected:
        yield connected


@pytest.fixture
async def async_client(server: EmbeddedServer) -> AsyncIterator[wvorm_core.WeaviateAsyncClient]:
    async with wvorm_core.use_async_with_local(
        host=server.host, port=server.port, grpc_port=server.grpc_port
    ) as connected:
        yield connected


@pytest.fixture
def collection_name(client: wvorm_core.WeaviateClient) -> Iterator[str]:
    """A collection name no other test uses; the collection is deleted afterwards."""
    name = f"Test_{uuid.uuid4().hex[:12]}"
    yield name
    client.collections.delete(name)


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return Path(__file__).resolve().parent.parent
