"""Fixtures: one real weaviate-server for the test session, clients, unique collection names."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import wvorm_core
from wvorm_core.embedded import EmbeddedServer
from wvorm_core.pytest_plugin import CollectionFactory
from wvorm_core.testing import LocalVectorizer


@pytest.fixture(scope="session")
def vectorizer() -> Iterator[LocalVectorizer]:
    with LocalVectorizer() as stand_in:
        yield stand_in


@pytest.fixture(scope="session")
def weaviate_server_environment(
    tmp_path_factory: pytest.TempPathFactory, vectorizer: LocalVectorizer
) -> dict[str, str]:
    """The session server (the wvorm pytest plugin's `weaviate_server`) runs with the local
    vectorizer and the features some tests need switched on (runtime re-index, replica
    movement, export)."""
    return {
        **vectorizer.environment(),
        "RUNTIME_REINDEX_ENABLED": "true",
        "REPLICA_MOVEMENT_ENABLED": "true",
        "EXPORT_ENABLED": "true",
        "EXPORT_DEFAULT_PATH": str(tmp_path_factory.mktemp("exports")),
        "QUERY_DEFAULTS_LIMIT": "25",
    }


@pytest.fixture(scope="session")
def server(weaviate_server: EmbeddedServer) -> EmbeddedServer:
    return weaviate_server


def connect(server: EmbeddedServer, **kwargs: object) -> wvorm_core.WeaviateClient:
    return wvorm_core.connect_to_local(
        host=server.host,
        port=server.port,
        grpc_port=server.grpc_port,
        **kwargs,  # type: ignore[arg-type]
    )


@pytest.fixture(scope="session")
def client(weaviate_client: wvorm_core.WeaviateClient) -> wvorm_core.WeaviateClient:
    return weaviate_client


@pytest.fixture
def async_client(
    weaviate_async_client: wvorm_core.WeaviateAsyncClient,
) -> wvorm_core.WeaviateAsyncClient:
    return weaviate_async_client


@pytest.fixture
def collection_name(weaviate_collection_factory: CollectionFactory) -> str:
    """A collection name no other test uses; the collection is deleted afterwards."""
    return weaviate_collection_factory.unique_name()


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return Path(__file__).resolve().parent.parent
