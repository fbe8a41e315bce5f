"""What the cluster tests share: the replicated collection's shape, its objects, polling."""

from __future__ import annotations

import time
from collections.abc import Callable

from wvorm_core.classes.config import Configure, DataType, Property, ReplicationConfigCreate

REPLICAS = 3


def replicated() -> ReplicationConfigCreate:
    """Every object on all three nodes; async replication repairs what a node missed."""
    return Configure.replication(factor=REPLICAS, async_enabled=True)


ITEM_PROPERTIES = [
    Property(name="title", data_type=DataType.TEXT),
    Property(name="n", data_type=DataType.INT),
    Property(name="score", data_type=DataType.NUMBER),
]


def item(n: int) -> dict[str, object]:
    return {"title": f"item {n}", "n": n, "score": n / 8}


def wait_for(check: Callable[[], bool], timeout: float, what: str) -> float:
    """Poll `check()` until it is true; return the seconds it took."""
    started = time.monotonic()
    while not check():
        if time.monotonic() - started > timeout:
            raise AssertionError(f"{what} did not happen within {timeout:.0f} s")
        time.sleep(0.5)
    return time.monotonic() - started
