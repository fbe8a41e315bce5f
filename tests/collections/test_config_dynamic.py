"""The dynamic vector index, on a server of its own started with `ASYNC_INDEXING=true`."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest

import wvorm_core
from wvorm_core.classes.config import Configure, Reconfigure, VectorDistances
from wvorm_core.embedded import EmbeddedOptions, EmbeddedServer
from wvorm_core.outputs.config import BQConfig, VectorIndexConfigDynamic

IX = Configure.VectorIndex


@pytest.fixture(scope="module")
def async_indexing_client(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[wvorm_core.WeaviateClient]:
    options = EmbeddedOptions(
        port=0,
        grpc_port=0,
        persistence_data_path=str(tmp_path_factory.mktemp("async-indexing")),
        environment_variables={"ASYNC_INDEXING": "true"},
    )
    with (
        EmbeddedServer(options) as server,
        wvorm_core.connect_to_local(
            host=server.host, port=server.port, grpc_port=server.grpc_port
        ) as client,
    ):
        yield client


def test_dynamic_index(async_indexing_client: wvorm_core.WeaviateClient) -> None:
    client = async_indexing_client
    col = client.collections.create(
        "Dynamic",
        vector_config=Configure.Vectors.self_provided(
            vector_index_config=IX.dynamic(
                distance_metric=VectorDistances.DOT,
                threshold=500,
                hnsw=IX.hnsw(ef_construction=64),
                flat=IX.flat(quantizer=IX.Quantizer.bq()),
            )
        ),
    )
    config = col.config.get()
    index = config.vector_config["default"].vector_index_config
    assert isinstance(index, VectorIndexConfigDynamic)
    assert (index.distance_metric, index.threshold) == (VectorDistances.DOT, 500)
    assert index.hnsw.ef_construction == 64
    assert isinstance(index.flat.quantizer, BQConfig)
    copy = client.collections.create_from_config(dataclasses.replace(config, name="DynamicCopy"))
    assert dataclasses.replace(copy.config.get(), name="Dynamic") == config

    col.config.update(
        vector_config=Reconfigure.Vectors.update(
            vector_index_config=Reconfigure.VectorIndex.dynamic(
                threshold=800, hnsw=Reconfigure.VectorIndex.hnsw(ef=50)
            )
        )
    )
    updated = col.config.get().vector_config["default"].vector_index_config
    assert isinstance(updated, VectorIndexConfigDynamic)
    assert (updated.threshold, updated.hnsw.ef) == (800, 50)
