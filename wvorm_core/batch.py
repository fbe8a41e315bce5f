"""`client.batch`: import objects and references in the background, sync (threads) and asyncio.

    with client.batch.fixed_size(batch_size=200) as batch:
        for row in rows:
            batch.add_object("Article", properties=row)
    print(client.batch.failed_objects)

The logic (sizing, retries, reference ordering, results) is `wvorm_core._ops.batching`; the
senders here only move requests: worker threads or asyncio tasks take full requests from a
queue, send them, sleep when told to, and report back. The queue is bounded, so adding blocks
(without polling) while the server is behind, and memory stays bounded for any number of
objects.
"""

from __future__ import annotations

import asyncio
import queue
import sys
import threading
import time
from collections import deque
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING, Generic, TextIO, TypeVar
from uuid import UUID

from wvorm_core._ops.batch import check_uuid
from wvorm_core._ops.batch_stream import StreamBatcher
from wvorm_core._ops.batching import Batcher, BatchProgress, Chunk, RetryPolicy, Sizing
from wvorm_core._ops.encode import reference_uuids
from wvorm_core._transport.base import AsyncTransport, Transport
from wvorm_core.classes.config import ConsistencyLevel, check_collection_name
from wvorm_core.classes.data import ReferenceInput, ReferenceInputs, ReferenceToMulti, Vectors
from wvorm_core.exceptions import WeaviateError
from wvorm_core.outputs.batch import BatchResult, ErrorObject, ErrorReference

if TYPE_CHECKING:
    from wvorm_core.batch_stream import AsyncClientStreamBatch, ClientStreamBatch

ProgressCallback = Callable[[BatchProgress], None]

__all__ = [
    "AsyncBatchClient",
    "AsyncClientBatch",
    "BatchClient",
    "BatchProgress",
    "ClientBatch",
    "RetryPolicy",
]


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


def _references(
    batcher: Batcher,
    from_collection: str,
    from_uuid: UUID | str,
    from_property: str,
    to: ReferenceInput,
    tenant: str | None,
) -> list[Chunk]:
    _, source = check_uuid(from_uuid, "add_reference: from_uuid")
    target = to.target_collection if isinstance(to, ReferenceToMulti) else None
    chunks = []
    for text in reference_uuids(to, "add_reference: to"):
        chunks += batcher.add_reference(
            check_collection_name(from_collection),
            source,
            from_property,
            UUID(text),
            target,
            tenant,
        )
    return chunks


class _Results:
    """What a finished (or running) batch context reports."""

    _batcher: Batcher | StreamBatcher | None

    @property
    def results(self) -> BatchResult:
        """Counts and refusals of the current (or last) batch context."""
        return self._batcher.results if self._batcher is not None else BatchResult()

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
        return len(self.failed_objects) + len(self.failed_references)


class _ThreadSender:
    """Worker threads that send the batcher's requests with blocking I/O."""

    def __init__(self, transport: Transport, batcher: Batcher) -> None:
        self._transport = transport
        self._batcher = batcher
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        self._queue: queue.SimpleQueue[Chunk | None] = queue.SimpleQueue()
        workers = batcher.sizing.concurrent_requests
        self._slots = threading.Semaphore(2 * workers)
        self._error: BaseException | None = None
        self._final = False
        self._threads = [
            threading.Thread(target=self._work, name=f"wvorm-batch-{i}", daemon=True)
            for i in range(workers)
        ]
        for thread in self._threads:
            thread.start()

    def check(self) -> None:
        """Raise, in the caller, an exception a worker ran into."""
        if self._error is not None:
            error, self._error = self._error, None
            raise error

    def seal(self) -> None:
        """Queue the full request; blocks while enough requests are queued or in flight."""
        self._slots.acquire()
        with self._lock:
            chunk = self._batcher.seal()
        self._queue.put(chunk)

    def references(self, add: Callable[[], list[Chunk]]) -> None:
        with self._lock:
            chunks = add()
        for chunk in chunks:
            self._queue.put(chunk)

    def flush(self) -> None:
        """Send everything added so far and wait until all of it is answered."""
        with self._lock:
            self._final = True
            chunks = self._batcher.flush()
        for chunk in chunks:
            if chunk.entries:
                self._slots.acquire()
            self._queue.put(chunk)
        with self._lock:
            while not self._batcher.idle and self._error is None:
                self._changed.wait()
            self._final = False
        self.check()

    def close(self) -> None:
        for _ in self._threads:
            self._queue.put(None)
        for thread in self._threads:
            thread.join()

    def _work(self) -> None:
        while (chunk := self._queue.get()) is not None:
            try:
                self._deliver(chunk)
            except BaseException as error:  # raised in the caller by check()
                with self._lock:
                    self._error = self._error or error
                    self._changed.notify_all()
            finally:
                if chunk.entries:
                    self._slots.release()

    def _deliver(self, chunk: Chunk) -> None:
        batcher = self._batcher
        with self._lock:
            todo = deque(batcher.split_if_too_large(chunk))
        while todo:
            part = todo.popleft()
            with self._lock:
                wait = batcher.send_delay(part)
            if wait > 0:
                time.sleep(wait)
            started = time.perf_counter()
            try:
                reply = self._transport.run(batcher.send(part))
            except WeaviateError as error:
                with self._lock:
                    retry_in = batcher.failed(part, error)
                    self._after(part)
                if retry_in is not None:
                    time.sleep(retry_in)
                    todo.appendleft(part)
                continue
            with self._lock:
                again = batcher.completed(part, reply, time.perf_counter() - started)
                self._after(part)
            if again is not None:
                time.sleep(batcher.retry.delay(again.attempts) or 0)
                todo.append(again)

    def _after(self, part: Chunk) -> None:
        """Under the lock: queue references that became sendable, wake a waiting flush."""
        for chunk in self._batcher.released(final=self._final):
            self._queue.put(chunk)
        self._changed.notify_all()


class ClientBatch(_Results):
    """One batch context of `client.batch` (blocking); add objects and references to it."""

    def __init__(self, transport: Transport, batcher: Batcher) -> None:
        self._transport = transport
        self._batcher = self._own = batcher
        self._names: dict[str, str] = {}
        self._sender: _ThreadSender | None = None

    def __enter__(self) -> ClientBatch:
        self._sender = _ThreadSender(self._transport, self._own)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        sender = self._running()
        try:
            sender.flush()
        finally:
            sender.close()
            self._sender = None

    def _running(self) -> _ThreadSender:
        if self._sender is None:
            raise WeaviateError("use the batch as a context manager: `with ... as batch:`")
        return self._sender

    def add_object(
        self,
        collection: str,
        properties: object = None,
        references: ReferenceInputs | None = None,
        uuid: UUID | str | None = None,
        vector: Vectors | None = None,
        tenant: str | None = None,
    ) -> UUID:
        """Queue an object; returns its uuid. Bad input raises here, before anything is sent."""
        sender = self._running()
        sender.check()
        name = self._names.get(collection) or self._names.setdefault(
            collection, check_collection_name(collection)
        )
        ident, full = self._own.add_object(name, properties, references, uuid, vector, tenant)
        if full:
            sender.seal()
        return ident

    def add_reference(
        self,
        from_uuid: UUID | str,
        from_collection: str,
        from_property: str,
        to: ReferenceInput,
        tenant: str | None = None,
    ) -> None:
        """Queue a reference; it is sent after the objects added before it."""
        sender = self._running()
        sender.check()
        batcher = self._own
        sender.references(
            lambda: _references(batcher, from_collection, from_uuid, from_property, to, tenant)
        )

    def flush(self) -> None:
        """Send everything queued and wait for the answers."""
        self._running().flush()


class _AsyncSender:
    """asyncio tasks that send the batcher's requests."""

    def __init__(self, transport: AsyncTransport, batcher: Batcher) -> None:
        self._transport = transport
        self._batcher = batcher
        self._queue: asyncio.Queue[Chunk | None] = asyncio.Queue()
        workers = batcher.sizing.concurrent_requests
        self._slots = asyncio.Semaphore(2 * workers)
        self._changed = asyncio.Event()
        self._error: BaseException | None = None
        self._final = False
        self._tasks = [asyncio.create_task(self._work()) for _ in range(workers)]

    def check(self) -> None:
        if self._error is not None:
            error, self._error = self._error, None
            raise error

    async def seal(self) -> None:
        await self._slots.acquire()
        self._queue.put_nowait(self._batcher.seal())

    def references(self, chunks: list[Chunk]) -> None:
        for chunk in chunks:
            self._queue.put_nowait(chunk)

    async def flush(self) -> None:
        self._final = True
        for chunk in self._batcher.flush():
            if chunk.entries:
                await self._slots.acquire()
            self._queue.put_nowait(chunk)
        while not self._batcher.idle and self._error is None:
            self._changed.clear()
            await self._changed.wait()
        self._final = False
        self.check()

    async def close(self) -> None:
        for _ in self._tasks:
            self._queue.put_nowait(None)
        await asyncio.gather(*self._tasks)

    async def _work(self) -> None:
        while (chunk := await self._queue.get()) is not None:
            try:
                await self._deliver(chunk)
            except BaseException as error:  # raised in the caller by check()
                self._error = self._error or error
                self._changed.set()
            finally:
                if chunk.entries:
                    self._slots.release()

    async def _deliver(self, chunk: Chunk) -> None:
        batcher = self._batcher
        todo = deque(batcher.split_if_too_large(chunk))
        while todo:
            part = todo.popleft()
            wait = batcher.send_delay(part)
            if wait > 0:
                await asyncio.sleep(wait)
            started = time.perf_counter()
            try:
                reply = await self._transport.run(batcher.send(part))
            except WeaviateError as error:
                retry_in = batcher.failed(part, error)
                self._after()
                if retry_in is not None:
                    await asyncio.sleep(retry_in)
                    todo.appendleft(part)
                continue
            again = batcher.completed(part, reply, time.perf_counter() - started)
            self._after()
            if again is not None:
                await asyncio.sleep(batcher.retry.delay(again.attempts) or 0)
                todo.append(again)

    def _after(self) -> None:
        self.references(self._batcher.released(final=self._final))
        self._changed.set()


class AsyncClientBatch(_Results):
    """One batch context of `client.batch` (asyncio); add objects and references to it."""

    def __init__(self, transport: AsyncTransport, batcher: Batcher) -> None:
        self._transport = transport
        self._batcher = self._own = batcher
        self._names: dict[str, str] = {}
        self._sender: _AsyncSender | None = None

    async def __aenter__(self) -> AsyncClientBatch:
        self._sender = _AsyncSender(self._transport, self._own)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        sender = self._running()
        try:
            await sender.flush()
        finally:
            await sender.close()
            self._sender = None

    def _running(self) -> _AsyncSender:
        if self._sender is None:
            raise WeaviateError("use the batch as a context manager: `async with ... as batch:`")
        return self._sender

    async def add_object(
        self,
        collection: str,
        properties: object = None,
        references: ReferenceInputs | None = None,
        uuid: UUID | str | None = None,
        vector: Vectors | None = None,
        tenant: str | None = None,
    ) -> UUID:
        """Queue an object; returns its uuid. Bad input raises here, before anything is sent."""
        sender = self._running()
        sender.check()
        name = self._names.get(collection) or self._names.setdefault(
            collection, check_collection_name(collection)
        )
        ident, full = self._own.add_object(name, properties, references, uuid, vector, tenant)
        if full:
            await sender.seal()
        return ident

    async def add_reference(
        self,
        from_uuid: UUID | str,
        from_collection: str,
        from_property: str,
        to: ReferenceInput,
        tenant: str | None = None,
    ) -> None:
        """Queue a reference; it is sent after the objects added before it."""
        sender = self._running()
        sender.check()
        sender.references(
            _references(self._own, from_collection, from_uuid, from_property, to, tenant)
        )

    async def flush(self) -> None:
        """Send everything queued and wait for the answers."""
        await self._running().flush()


BatchT = TypeVar("BatchT")
StreamT = TypeVar("StreamT")


class _Modes(_Results, Generic[BatchT, StreamT]):
    """The batching modes; each call starts a fresh context with its own results.

    `BatchT` and `StreamT` are the (blocking or asyncio) contexts the modes open.
    """

    _max_bytes: Callable[[], int]

    def _open(self, batcher: Batcher) -> BatchT:
        raise NotImplementedError

    def _open_stream(self, batcher: StreamBatcher) -> StreamT:
        raise NotImplementedError

    def _batcher_for(
        self,
        sizing: Sizing,
        consistency_level: ConsistencyLevel | None,
        on_progress: ProgressCallback | None,
        show_progress: bool,
        retry: RetryPolicy | None,
    ) -> BatchT:
        self._batcher = Batcher(
            sizing,
            consistency_level,
            self._max_bytes(),
            retry,
            _callback(on_progress, show_progress),
        )
        return self._open(self._batcher)

    def dynamic(
        self,
        consistency_level: ConsistencyLevel | None = None,
        *,
        on_progress: ProgressCallback | None = None,
        show_progress: bool = False,
        retry: RetryPolicy | None = None,
    ) -> BatchT:
        """Requests sized from the server's answers."""
        return self._batcher_for(
            Sizing.dynamic(), consistency_level, on_progress, show_progress, retry
        )

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
        return self._batcher_for(sizing, consistency_level, on_progress, show_progress, retry)

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
        return self._batcher_for(sizing, consistency_level, on_progress, show_progress, retry)

    def stream(
        self,
        consistency_level: ConsistencyLevel | None = None,
        *,
        on_progress: ProgressCallback | None = None,
        show_progress: bool = False,
        retry: RetryPolicy | None = None,
    ) -> StreamT:
        """Server-side batching over one gRPC stream; the server paces and sizes the import."""
        self._batcher = StreamBatcher(
            consistency_level, self._max_bytes(), retry, _callback(on_progress, show_progress)
        )
        return self._open_stream(self._batcher)


class BatchClient(_Modes["ClientBatch", "ClientStreamBatch"]):
    """`client.batch` (blocking): `dynamic()`, `fixed_size()`, `rate_limit()`, `stream()`."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport
        self._batcher = None
        self._max_bytes = lambda: transport.grpc_max_message_size

    def _open(self, batcher: Batcher) -> ClientBatch:
        return ClientBatch(self._transport, batcher)

    def _open_stream(self, batcher: StreamBatcher) -> ClientStreamBatch:
        from wvorm_core.batch_stream import ClientStreamBatch

        return ClientStreamBatch(self._transport, batcher)


class AsyncBatchClient(_Modes["AsyncClientBatch", "AsyncClientStreamBatch"]):
    """`client.batch` (asyncio): `dynamic()`, `fixed_size()`, `rate_limit()`, `stream()`."""

    def __init__(self, transport: AsyncTransport) -> None:
        self._transport = transport
        self._batcher = None
        self._max_bytes = lambda: transport.grpc_max_message_size

    def _open(self, batcher: Batcher) -> AsyncClientBatch:
        return AsyncClientBatch(self._transport, batcher)

    def _open_stream(self, batcher: StreamBatcher) -> AsyncClientStreamBatch:
        from wvorm_core.batch_stream import AsyncClientStreamBatch

        return AsyncClientStreamBatch(self._transport, batcher)
