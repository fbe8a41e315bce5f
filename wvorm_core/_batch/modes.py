"""What the blocking and asyncio batch fronts share: the modes, the report, the progress bar.

`BatchModes` turns `dynamic()`, `fixed_size()`, `rate_limit()` and `stream()` into a fresh
batcher and hands it to the front's `_open` / `_open_stream`, which pair it with a sender;
`BatchReport` is what contexts and modes report (`results`, `failed_objects`, ...).
"""

from __future__ import annotations

import sys
import time
from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import Generic, TextIO, TypeVar

from wvorm_core._ops.batch import Batcher, BatchProgress, RetryPolicy, Sizing, StreamBatcher, Tally
from wvorm_core.classes.config import ConsistencyLevel
from wvorm_core.outputs.batch import BatchResult, ErrorObject, ErrorReference

ProgressCallback = Callable[[BatchProgress], None]


def progress_bar(stream: TextIO | None = None, every: float = 0.5) -> ProgressCallback:
    """A progress callback printing one self-updating line (to stderr by default)."""
    out = stream or sys.stderr
    last = [0.0]

    def show(p: BatchProgress) -> None:
        now = time.monotonic()
        finished = p.objects_done == p.objects_added and p.references_done == p.references_added
        if now - last[0] < every and not finished:
            return
        last[0] = now
        line = f"\rbatch: {p.objects_done}/{p.objects_added} objects"
        if p.references_added:
            line += f", {p.references_done}/{p.references_added} references"
        failed = p.objects_failed + p.references_failed
        out.write(line + (f", {failed} failed" if failed else "") + "  ")
        out.flush()

    return show


def _callback(on_progress: ProgressCallback | None, show_progress: bool) -> ProgressCallback | None:
    if not show_progress:
        return on_progress
    bar = progress_bar()
    if on_progress is None:
        return bar

    def both(p: BatchProgress) -> None:
        on_progress(p)
        bar(p)

    return both


class BatchReport(ABC):
    """What a batch context reports, or its modes about the current (or last) context."""

    @property
    @abstractmethod
    def results(self) -> BatchResult:
        """Counts and refusals of the current (or last) batch context."""

    @property
    def failed_objects(self) -> list[ErrorObject]:
        """Objects the server refused, with its reason, in the current (or last) context."""
        return self.results.failed_objects

    @property
    def failed_references(self) -> list[ErrorReference]:
        """References the server refused, with its reason, in the current (or last) context."""
        return self.results.failed_references

    @property
    def number_errors(self) -> int:
        """How many objects and references were refused."""
        return len(self.failed_objects) + len(self.failed_references)


BatchT = TypeVar("BatchT", covariant=True)
StreamT = TypeVar("StreamT", covariant=True)


class BatchModes(BatchReport, Generic[BatchT, StreamT]):
    """The batching modes; each call starts a fresh context with its own results.

    `BatchT` and `StreamT` are the (blocking or asyncio) contexts the modes open.
    """

    def __init__(self, max_message_bytes: Callable[[], int]) -> None:
        self._max_bytes = max_message_bytes
        self._last: Tally | None = None

    @property
    def results(self) -> BatchResult:
        """Counts and refusals of the current (or last) batch context."""
        return self._last.results if self._last is not None else BatchResult()

    @abstractmethod
    def _open(self, batcher: Batcher) -> BatchT:
        """A context sending `batcher`'s requests."""

    @abstractmethod
    def _open_stream(self, batcher: StreamBatcher) -> StreamT:
        """A context streaming `batcher`'s messages."""

    def _sized(
        self,
        sizing: Sizing,
        consistency_level: ConsistencyLevel | None,
        on_progress: ProgressCallback | None,
        show_progress: bool,
        retry: RetryPolicy | None,
    ) -> BatchT:
        callback = _callback(on_progress, show_progress)
        batcher = Batcher(sizing, consistency_level, self._max_bytes(), retry, callback)
        self._last = batcher
        return self._open(batcher)

    def dynamic(
        self,
        consistency_level: ConsistencyLevel | None = None,
        *,
        on_progress: ProgressCallback | None = None,
        show_progress: bool = False,
        retry: RetryPolicy | None = None,
    ) -> BatchT:
        """Requests sized from the server's answers."""
        return self._sized(Sizing.dynamic(), consistency_level, on_progress, show_progress, retry)

    def fixed_size(
        self,
        batch_size: int = 100,
        concurrent_requests: int = 2,
        consistency_level: ConsistencyLevel | None = None,
        *,
        on_progress: ProgressCallback | None = None,
        show_progress: bool = False,
        retry: RetryPolicy | None = None,
    ) -> BatchT:
        """Requests of `batch_size` objects, `concurrent_requests` in flight at once."""
        sizing = Sizing.fixed_size(batch_size, concurrent_requests)
        return self._sized(sizing, consistency_level, on_progress, show_progress, retry)

    def rate_limit(
        self,
        requests_per_minute: int,
        consistency_level: ConsistencyLevel | None = None,
        *,
        on_progress: ProgressCallback | None = None,
        show_progress: bool = False,
        retry: RetryPolicy | None = None,
    ) -> BatchT:
        """At most `requests_per_minute` objects a minute (for rate-limited vectorizers)."""
        sizing = Sizing.rate_limit(requests_per_minute)
        return self._sized(sizing, consistency_level, on_progress, show_progress, retry)

    def stream(
        self,
        consistency_level: ConsistencyLevel | None = None,
        *,
        on_progress: ProgressCallback | None = None,
        show_progress: bool = False,
        retry: RetryPolicy | None = None,
    ) -> StreamT:
        """Server-side batching over one gRPC stream; the server paces and sizes the import."""
        callback = _callback(on_progress, show_progress)
        batcher = StreamBatcher(consistency_level, self._max_bytes(), retry, callback)
        self._last = batcher
        return self._open_stream(batcher)
