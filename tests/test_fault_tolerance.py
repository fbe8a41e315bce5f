"""The server stops in the middle of a batch import and starts again on the same data folder."""

from __future__ import annotations

import threading
from pathlib import Path
from uuid import UUID

import numpy as np

import wvorm_core
from wvorm_core.batch import BatchProgress
from wvorm_core.classes.config import Configure, DataType, Property
from wvorm_core.embedded import EmbeddedOptions, EmbeddedServer
from wvorm_core.testing import LocalVectorizer

TOTAL = 40_000


def _restart_when(
    servers: list[EmbeddedServer],
    options: EmbeddedOptions,
    reached: threading.Event,
    finished: threading.Event,
) -> None:
    """Stop the running server once `reached` is set, then start one on the same data.

    The thread lives until `finished`: Linux ends a server when the thread that started it
    exits (the launcher asks for SIGTERM on its parent's death)."""
    reached.wait()
    servers[-1].stop()
    servers.append(EmbeddedServer(options))
    servers[-1].start()
    finished.wait()


def test_batch_survives_a_server_restart(tmp_path: Path, vectorizer: LocalVectorizer) -> None:
    first = EmbeddedOptions(
        port=0,
        grpc_port=0,
        persistence_data_path=str(tmp_path / "weaviate"),
        environment_variables=vectorizer.environment(),
    )
    servers = [EmbeddedServer(first)]
    servers[0].start()
    host, port, grpc_port = servers[0].host, servers[0].port, servers[0].grpc_port
    again = EmbeddedOptions(
        port=port,
        grpc_port=grpc_port,
        persistence_data_path=first.persistence_data_path,
        environment_variables=first.environment_variables,
    )
    reached, finished = threading.Event(), threading.Event()
    restarter = threading.Thread(target=_restart_when, args=(servers, again, reached, finished))
    restarter.start()
    client = wvorm_core.connect_to_local(host=host, port=port, grpc_port=grpc_port)
    try:
        flat = Configure.Vectors.self_provided(vector_index_config=Configure.VectorIndex.flat())
        col = client.collections.create(
            "Resilient", properties=[Property(name="n", data_type=DataType.INT)], vector_config=flat
        )

        def watch(progress: BatchProgress) -> None:
            if progress.objects_done >= TOTAL // 4:
                reached.set()

        vectors = np.random.default_rng(3).random((TOTAL, 32), dtype=np.float32)
        with col.batch.fixed_size(batch_size=200, on_progress=watch) as batch:
            for i in range(TOTAL):
                batch.add_object({"n": i}, uuid=UUID(int=i + 1), vector=vectors[i])

        assert len(servers) == 2
        assert not servers[0].is_running()
        assert col.batch.failed_objects == []
        assert col.batch.results.objects_stored == TOTAL
        stored: list[UUID] = []
        after: UUID | None = None
        while page := col.query.fetch_objects(limit=10_000, after=after).objects:
            stored += [o.uuid for o in page]
            assert all(o.properties["n"] == o.uuid.int - 1 for o in page)
            after = page[-1].uuid
        assert len(stored) == TOTAL
        assert set(stored) == {UUID(int=i + 1) for i in range(TOTAL)}
    finally:
        client.close()
        reached.set()
        finished.set()
        restarter.join()
        servers[-1].stop()
