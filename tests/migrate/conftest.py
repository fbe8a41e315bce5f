"""Recorded v1.39 class JSON (`fixtures/`, written by `record_fixtures.py`) as snapshots, and
a server of the migration tests' own (offline modules, `ASYNC_INDEXING=true`,
`RUNTIME_REINDEX_ENABLED=true`) with a raw REST helper."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

import wvorm_core
from wvorm.migrate import Snapshot, normalize
from wvorm_core.embedded import EmbeddedOptions, EmbeddedServer
from wvorm_core.testing import LocalVectorizer

from .live_rest import Rest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def recorded() -> Snapshot:
    """The live snapshot of the recorded collections Author, Book and Diary."""
    documents = [json.loads(p.read_text()) for p in sorted(FIXTURES.glob("*.json"))]
    assert {d["server_version"] for d in documents} == {"1.39.2"}
    return normalize(d["class"] for d in documents)


@pytest.fixture(scope="session")
def migrate_server(
    tmp_path_factory: pytest.TempPathFactory, vectorizer: LocalVectorizer
) -> Iterator[EmbeddedServer]:
    options = EmbeddedOptions(
        port=0,
        grpc_port=0,
        persistence_data_path=str(tmp_path_factory.mktemp("migrate")),
        environment_variables={
            **vectorizer.environment(),
            "ASYNC_INDEXING": "true",
            "RUNTIME_REINDEX_ENABLED": "true",
        },
    )
    with EmbeddedServer(options) as running:
        yield running


@pytest.fixture(scope="session")
def migrate_client(migrate_server: EmbeddedServer) -> Iterator[wvorm_core.WeaviateClient]:
    with wvorm_core.connect_to_local(
        host=migrate_server.host, port=migrate_server.port, grpc_port=migrate_server.grpc_port
    ) as connected:
        yield connected


@pytest.fixture
async def async_migrate_client(
    migrate_server: EmbeddedServer,
) -> AsyncIterator[wvorm_core.WeaviateAsyncClient]:
    async with wvorm_core.use_async_with_local(
        host=migrate_server.host, port=migrate_server.port, grpc_port=migrate_server.grpc_port
    ) as connected:
        yield connected


@pytest.fixture(scope="session")
def api(migrate_server: EmbeddedServer) -> Rest:
    return Rest(migrate_server)
