"""Batching's I/O and what its fronts share; the logic without I/O is `wvorm_core._ops.batch`.

- `sized`: `BatchSender` (worker threads) and `AsyncBatchSender` (asyncio tasks), which send
  a `Batcher`'s requests.
- `stream`: `StreamSender` (a thread) and `AsyncStreamSender` (an asyncio task), which run a
  `StreamBatcher`'s `BatchStream` calls.
- `modes`: `BatchModes` (`dynamic()`, `fixed_size()`, `rate_limit()`, `stream()`),
  `BatchReport` and `progress_bar`, shared by the blocking and asyncio fronts.

The modules split by batcher, not by blocking against asyncio, so what one batcher's two
drivers share stays in one module. The fronts (`wvorm_core.batch`,
`wvorm_core._async.collection_batch`) import every name from here: the asyncio front names
`AsyncX` where the blocking one names `X`, from the same module, so one can be generated
from the other.
"""

from wvorm_core._batch.modes import BatchModes, BatchReport, ProgressCallback, progress_bar
from wvorm_core._batch.sized import AsyncBatchSender, BatchSender
from wvorm_core._batch.stream import AsyncStreamSender, StreamSender

__all__ = [
    "AsyncBatchSender",
    "AsyncStreamSender",
    "BatchModes",
    "BatchReport",
    "BatchSender",
    "ProgressCallback",
    "StreamSender",
    "progress_bar",
]
