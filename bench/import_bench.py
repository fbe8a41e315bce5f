"""Import benchmark: wvorm_core vs the official client, against the same server in one run.

    .venv/bin/python bench/import_bench.py [--objects 20000] [--dims 384] [--index flat|hnsw]

Starts a local weaviate-server (or uses WEAVIATE_URL=host:port:grpc_port) and imports the same
objects (float32 numpy vectors from a Gaussian mixture, 5 properties: title, body, category,
price, count) with each client and mode into a fresh collection: `batch.dynamic()`,
`batch.fixed_size(1000, 2)` and `data.insert_many` in chunks of 1000. For each run it prints
objects per second (wall clock, adding to flushed) and client CPU per object (`getrusage` of
this process, all its threads; the server is another process), then the official/ours ratios.
Every run's stored count is checked. Each run starts after a full garbage collection, so no
run pays for collecting what an earlier run left behind. The default flat index keeps the
server's share small, so the clients' own costs show; `--index hnsw` measures a server-bound
import.
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import numpy as np
import weaviate
import weaviate.classes as wc
from dataset import make_data

import wvorm_core
from wvorm_core.classes.config import Configure, DataType, Property
from wvorm_core.classes.data import DataObject
from wvorm_core.embedded import EmbeddedOptions, EmbeddedServer

COLLECTION = "BenchImport"
CHUNK = 1000


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


@dataclass
class Run:
    client: str
    mode: str
    seconds: float
    cpu: float
    n: int

    @property
    def rate(self) -> float:
        return self.n / self.seconds

    @property
    def cpu_us(self) -> float:
        return self.cpu / self.n * 1e6


@contextmanager
def server_address() -> Iterator[tuple[str, int, int]]:
    if url := os.environ.get("WEAVIATE_URL"):
        host, port, grpc_port = url.split(":")
        yield host, int(port), int(grpc_port)
        return
    options = EmbeddedOptions(port=0, grpc_port=0, persistence_data_path=tempfile.mkdtemp())
    with EmbeddedServer(options) as server:
        yield server.host, server.port, server.grpc_port


def ours_modes(
    col: Any, rows: list[dict[str, object]], vectors: np.ndarray
) -> dict[str, Callable[[], None]]:
    def dynamic() -> None:
        with col.batch.dynamic() as batch:
            for row, vector in zip(rows, vectors, strict=True):
                batch.add_object(row, vector=vector)
        assert col.batch.number_errors == 0, col.batch.failed_objects[:3]

    def fixed_size() -> None:
        with col.batch.fixed_size(batch_size=CHUNK, concurrent_requests=2) as batch:
            for row, vector in zip(rows, vectors, strict=True):
                batch.add_object(row, vector=vector)
        assert col.batch.number_errors == 0, col.batch.failed_objects[:3]

    def insert_many() -> None:
        for start in range(0, len(rows), CHUNK):
            objects = [
                DataObject(row, vector=vector)
                for row, vector in zip(
                    rows[start : start + CHUNK], vectors[start : start + CHUNK], strict=True
                )
            ]
            assert not col.data.insert_many(objects).has_errors

    return {"dynamic": dynamic, "fixed_size": fixed_size, "insert_many": insert_many}


def official_modes(
    col: Any, rows: list[dict[str, object]], vectors: np.ndarray
) -> dict[str, Callable[[], None]]:
    def dynamic() -> None:
        with col.batch.dynamic() as batch:
            for row, vector in zip(rows, vectors, strict=True):
                batch.add_object(properties=row, vector=vector)
        assert not col.batch.failed_objects, col.batch.failed_objects[:3]

    def fixed_size() -> None:
        with col.batch.fixed_size(batch_size=CHUNK, concurrent_requests=2) as batch:
            for row, vector in zip(rows, vectors, strict=True):
                batch.add_object(properties=row, vector=vector)
        assert not col.batch.failed_objects, col.batch.failed_objects[:3]

    def insert_many() -> None:
        for start in range(0, len(rows), CHUNK):
            objects = [
                wc.data.DataObject(properties=row, vector=vector)
                for row, vector in zip(
                    rows[start : start + CHUNK], vectors[start : start + CHUNK], strict=True
                )
            ]
            assert not col.data.insert_many(objects).has_errors

    return {"dynamic": dynamic, "fixed_size": fixed_size, "insert_many": insert_many}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--objects", type=int, default=20_000)
    parser.add_argument("--dims", type=int, default=384)
    parser.add_argument("--index", choices=["flat", "hnsw"], default="flat")
    args = parser.parse_args()
    rows, vectors = make_data(args.objects, args.dims)
    index = Configure.VectorIndex.flat() if args.index == "flat" else None
    properties = [
        Property(name="title", data_type=DataType.TEXT),
        Property(name="body", data_type=DataType.TEXT),
        Property(name="category", data_type=DataType.TEXT),
        Property(name="price", data_type=DataType.NUMBER),
        Property(name="count", data_type=DataType.INT),
    ]
    print(
        f"{args.objects} objects, {args.dims}-d float32 vectors, 5 properties, {args.index} index"
    )
    runs: list[Run] = []
    with server_address() as (host, port, grpc_port):
        ours = wvorm_core.connect_to_local(host=host, port=port, grpc_port=grpc_port)
        official = weaviate.connect_to_local(
            host=host, port=port, grpc_port=grpc_port, skip_init_checks=True
        )
        try:
            for mode in ("dynamic", "fixed_size", "insert_many"):
                for name in (
                    ("official", "wvorm") if mode != "fixed_size" else ("wvorm", "official")
                ):
                    ours.collections.delete(COLLECTION)
                    ours.collections.create(
                        COLLECTION,
                        properties=properties,
                        vector_config=Configure.Vectors.self_provided(vector_index_config=index),
                    )
                    if name == "wvorm":
                        work = ours_modes(ours.collections.use(COLLECTION), rows, vectors)[mode]
                    else:
                        col = official.collections.use(COLLECTION)
                        work = official_modes(col, rows, vectors)[mode]
                    gc.collect()  # the previous run's garbage is not this run's cost
                    started, cpu = time.perf_counter(), cpu_seconds()
                    work()
                    run = Run(
                        name, mode, time.perf_counter() - started, cpu_seconds() - cpu, len(rows)
                    )
                    stored = official.collections.use(COLLECTION).aggregate.over_all(
                        total_count=True
                    )
                    assert stored.total_count == len(rows), (name, mode, stored.total_count)
                    runs.append(run)
                    print(
                        f"  {name:9} {mode:12} {run.rate:9.0f} obj/s  "
                        f"{run.cpu_us:7.1f} µs CPU/object  ({run.seconds:.2f} s)"
                    )
        finally:
            ours.collections.delete(COLLECTION)
            ours.close()
            official.close()
    print("\nofficial / wvorm (higher is better for wvorm)")
    for mode in ("dynamic", "fixed_size", "insert_many"):
        o = next(r for r in runs if r.client == "official" and r.mode == mode)
        w = next(r for r in runs if r.client == "wvorm" and r.mode == mode)
        print(
            f"  {mode:12} CPU per object {o.cpu_us / w.cpu_us:5.1f}x   "
            f"throughput {w.rate / o.rate:5.2f}x"
        )


if __name__ == "__main__":
    main()
