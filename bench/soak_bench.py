"""Soak: 8 threads querying and one importing on one client against a local 3-node cluster.

    .venv/bin/python bench/soak_bench.py [--seconds 60] [--threads 8] [--nodes 3]

Starts `EmbeddedCluster(nodes=3)`, creates a collection with replication factor 3 and a few
thousand objects, then for `--seconds` runs `--threads` threads of `near_vector` and
`fetch_objects` queries and one thread of batch imports, all on one blocking client. Prints
queries and objects per second, errors by type, query latency p50/p99, and this process's
resident memory at the start of the load and at its end (the growth is the figure to watch:
issue #16 asks for under 10%).
"""

from __future__ import annotations

import argparse
import random
import statistics
import threading
import time
from collections import Counter
from pathlib import Path

from wvorm_core.classes.config import Configure, ConsistencyLevel, DataType, Property
from wvorm_core.embedded import EmbeddedCluster

DIMS = 32


def rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def vector(rng: random.Random) -> list[float]:
    return [rng.random() for _ in range(DIMS)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--nodes", type=int, default=3)
    args = parser.parse_args()

    with EmbeddedCluster(nodes=args.nodes) as cluster, cluster.client(0) as client:
        notes = client.collections.create(
            "Soak",
            properties=[Property(name="text", data_type=DataType.TEXT)],
            vector_config=Configure.Vectors.self_provided(),
            replication_config=Configure.replication(factor=args.nodes),
        ).with_consistency_level(ConsistencyLevel.QUORUM)
        seed = random.Random(1)
        with notes.batch.fixed_size(batch_size=500) as batch:
            for i in range(5000):
                batch.add_object({"text": f"note {i}"}, vector=vector(seed))
        stop = time.monotonic() + args.seconds
        latencies: list[float] = []
        errors: Counter[str] = Counter()
        imported = [0]
        lock = threading.Lock()

        def query(n: int) -> None:
            rng = random.Random(100 + n)
            while time.monotonic() < stop:
                started = time.perf_counter()
                try:
                    if rng.random() < 0.5:
                        notes.query.near_vector(vector(rng), limit=10)
                    else:
                        notes.query.fetch_objects(limit=10)
                except Exception as error:
                    with lock:
                        errors[type(error).__name__] += 1
                    continue
                with lock:
                    latencies.append(time.perf_counter() - started)

        def load() -> None:
            rng = random.Random(7)
            while time.monotonic() < stop:
                with notes.batch.fixed_size(batch_size=200) as batch:
                    for i in range(200):
                        batch.add_object({"text": f"soak {imported[0] + i}"}, vector=vector(rng))
                failed = len(notes.batch.failed_objects)
                with lock:
                    imported[0] += 200 - failed
                    if failed:
                        errors["failed_objects"] += failed

        workers = [threading.Thread(target=query, args=(n,)) for n in range(args.threads)]
        workers.append(threading.Thread(target=load))
        memory_start = rss_mib()
        began = time.monotonic()
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        elapsed = time.monotonic() - began
        memory_end = rss_mib()
        ordered = sorted(latencies)
        p99 = ordered[int(len(ordered) * 0.99) - 1] if ordered else float("nan")
        print(f"{args.nodes} nodes, {args.threads} query threads + 1 importer, {elapsed:.0f} s")
        print(f"queries: {len(latencies)} ({len(latencies) / elapsed:.0f}/s)")
        print(f"latency p50 {statistics.median(ordered) * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms")
        print(f"imported: {imported[0]} objects ({imported[0] / elapsed:.0f}/s)")
        print(f"errors: {dict(errors) or 'none'}")
        growth = (memory_end - memory_start) / memory_start * 100
        print(f"client RSS {memory_start:.0f} MiB -> {memory_end:.0f} MiB ({growth:+.1f}%)")


if __name__ == "__main__":
    main()
