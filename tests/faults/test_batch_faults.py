"""A batch import through a proxy that keeps breaking the gRPC connection: nothing is lost.

While the import runs, a thread applies one fault after another to the gRPC proxy (a reset,
a reply cut short, a stall, latency past the timeout, the proxy down). Afterwards every object
sent is stored with exactly its properties, or reported in `failed_objects`.
"""

from __future__ import annotations

import threading
import time
import uuid
from uuid import UUID

import pytest

import wvorm_core
from wvorm_core.classes.config import Configure, DataType, Property

from .conftest import OUTCOMES, proxied_client
from .toxiproxy import Proxy

TOTAL = 3000
HOLD, GAP, WINDOW = 0.8, 0.4, 8.0
"""Seconds each fault is held, the clean pause after it, and how long faults keep coming."""
FAULTS = [
    ("reset_peer", {"timeout": 0}),
    ("limit_data", {"bytes": 200}),
    ("timeout", {"timeout": 0}),
    ("latency", {"latency": 1800}),
    ("down", {}),
]


def keep_breaking(proxy: Proxy, stop: threading.Event, applied: list[str]) -> None:
    """Cycle through `FAULTS` until `stop` is set or `WINDOW` seconds have passed."""
    until = time.monotonic() + WINDOW
    while not stop.is_set():
        for kind, attributes in FAULTS:
            if stop.is_set() or time.monotonic() > until:
                return
            fault = proxy.down() if kind == "down" else proxy.toxic(kind, **attributes)
            with fault:
                applied.append(kind)
                stop.wait(HOLD)
            stop.wait(GAP)


@pytest.mark.parametrize("transport", ["builtin", "grpcio"])
def test_batch_through_faults_loses_nothing(
    client: wvorm_core.WeaviateClient, proxies: tuple[Proxy, Proxy], transport: str
) -> None:
    name = f"FaultBatch_{uuid.uuid4().hex[:10]}"
    client.collections.create(
        name,
        properties=[Property(name="n", data_type=DataType.INT)],
        vector_config=Configure.Vectors.self_provided(),
    )
    stop, applied = threading.Event(), []
    breaker = threading.Thread(target=keep_breaking, args=(proxies[1], stop, applied))
    try:
        with proxied_client(proxies, transport == "builtin") as through:
            col = through.collections.use(name)
            breaker.start()
            started = time.monotonic()
            with col.batch.fixed_size(batch_size=50, concurrent_requests=2) as batch:
                for i in range(TOTAL):
                    batch.add_object({"n": i}, uuid=UUID(int=i + 1), vector=[float(i % 7), 1.0])
                    if i % 100 == 0:
                        time.sleep(0.05)  # spread the import over several faults
            elapsed = time.monotonic() - started
            stop.set()
            breaker.join()
            failed = {UUID(str(f.object_.uuid)) for f in col.batch.failed_objects}
            stored_reported = col.batch.results.objects_stored
        stored: dict[UUID, object] = {}
        direct = client.collections.use(name)
        after: UUID | None = None
        while page := direct.query.fetch_objects(limit=1000, after=after).objects:
            stored.update((o.uuid, o.properties["n"]) for o in page)
            after = page[-1].uuid
        sent = {UUID(int=i + 1) for i in range(TOTAL)}
        assert set(stored) <= sent
        assert all(n == u.int - 1 for u, n in stored.items()), "an object stored wrongly"
        assert sent <= set(stored) | failed, "objects neither stored nor reported failed"
        assert stored_reported + len(failed) >= TOTAL
        kinds = sorted(set(applied))
        OUTCOMES[("batch: faults applied", transport, ",".join(kinds))] += len(applied)
        OUTCOMES[("batch: objects stored", transport, f"of {TOTAL} in {elapsed:.0f}s")] += len(
            stored
        )
        OUTCOMES[("batch: objects failed", transport, "reported")] += len(failed)
        assert len(kinds) >= 3, f"the import ended before enough faults hit it: {applied}"
    finally:
        stop.set()
        if breaker.is_alive():
            breaker.join()
        client.collections.delete(name)
