"""Batching without I/O: wire encoding, one-call batch ops, and the two batchers.

- `encode`: objects and references as gRPC messages; `insert_many`, `add_references`,
  `delete_many` (one call each, for `collection.data`); uuid checks and a random uuid pool.
- `base`: what both batchers share: `RetryPolicy`, `BatchProgress`, `Tally`.
- `sized`: `Batcher`, the state machine of `dynamic()`, `fixed_size()` and `rate_limit()`.
- `stream`: `StreamBatcher`, the state machine of `stream()` over `BatchStream`, and its `Phase`.

Their drivers (threads and asyncio tasks) are `wvorm_core._batch`.
"""

from wvorm_core._ops.batch.base import BatchProgress, RetryPolicy, Tally
from wvorm_core._ops.batch.encode import (
    add_references,
    check_uuid,
    delete_many,
    insert_many,
    random_uuid,
    reference_records,
)
from wvorm_core._ops.batch.sized import Batcher, Chunk, Sizing
from wvorm_core._ops.batch.stream import METHOD, WINDOW, Phase, Reply, StreamBatcher

__all__ = [
    "METHOD",
    "WINDOW",
    "BatchProgress",
    "Batcher",
    "Chunk",
    "Phase",
    "Reply",
    "RetryPolicy",
    "Sizing",
    "StreamBatcher",
    "Tally",
    "add_references",
    "check_uuid",
    "delete_many",
    "insert_many",
    "random_uuid",
    "reference_records",
]
