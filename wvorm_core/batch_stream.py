"""`client.batch.stream()`: server-side batching over one `BatchStream` gRPC call, sync and asyncio.

The protocol logic is `wvorm_core._ops.batch_stream.StreamBatcher`; the drivers here only own
the stream: a background thread (or asyncio task) opens it, writes what the batcher says to
write, feeds it every reply, and opens the next stream when the batcher asks for one (after
the server shut down, ran low on memory, or the connection broke). Adding blocks while more
than a few full messages wait to be written, so memory stays bounded.
"""

from __future__ import annotations

import asyncio
import contextlib
import queue
import threading
import time
from types import TracebackType
from uuid import UUID

from wvorm_core._ops.batch import check_uuid
from wvorm_core._ops.batch_stream import METHOD, STOP, WINDOW, Reply, StreamBatcher
from wvorm_core._ops.encode import reference_uuids
from wvorm_core._transport.base import AsyncStream, AsyncTransport, Transport
from wvorm_core.batch import _Results
from wvorm_core.classes.config import check_collection_name
from wvorm_core.classes.data import ReferenceInput, ReferenceInputs, ReferenceToMulti, Vectors
from wvorm_core.exceptions import WeaviateError

_BACKLOG = 2
"""Full messages waiting to be written before adding blocks."""

_GAVE_UP = "the batch stream gave up; what was added is in failed_objects / failed_references"


def _add_references(
    batcher: StreamBatcher,
    from_collection: str,
    from_uuid: UUID | str,
    from_property: str,
    to: ReferenceInput,
    tenant: str | None,
) -> None:
    _, source = check_uuid(from_uuid, "add_reference: from_uuid")
    target = to.target_collection if isinstance(to, ReferenceToMulti) else None
    name = check_collection_name(from_collection)
    for text in reference_uuids(to, "add_reference: to"):
        batcher.add_reference(name, source, from_property, UUID(text), target, tenant)


class _StreamResults(_Results):
    _own: StreamBatcher
    _requests: queue.Queue[bytes | None] | asyncio.Queue[bytes | None] | None
    """What the stream's writer sends next; None once the stream is told to stop."""
    _final = False
    _reason: BaseException | None = None
    """What ended the stream, kept for the report of what it could not deliver."""

    def _pump(self) -> None:
        """Queue what the batcher says to write now (the sync driver holds its lock)."""
        requests = self._requests
        if requests is None:
            return
        for request in self._own.next_requests(self._final):
            requests.put_nowait(request)
            if request == STOP:
                requests.put_nowait(None)
                self._requests = None

    def _abandon_rest(self) -> None:
        """After the stream's end: report failed whatever the stream could not deliver."""
        if not self._own.idle:
            self._own.abandon(f"batch stream ended: {self._reason or _GAVE_UP}")


class ClientStreamBatch(_StreamResults):
    """One `stream()` batch context of `client.batch` (blocking)."""

    def __init__(self, transport: Transport, batcher: StreamBatcher) -> None:
        self._transport = transport
        self._batcher = self._own = batcher
        self._names: dict[str, str] = {}
        self._changed = threading.Condition(threading.Lock())
        self._requests: queue.Queue[bytes | None] | None = None
        self._error: BaseException | None = None
        self._final = False
        self._thread: threading.Thread | None = None

    def __enter__(self) -> ClientStreamBatch:
        self._thread = threading.Thread(target=self._run, name="wvorm-batch-stream", daemon=True)
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        thread = self._running()
        with self._changed:
            self._own.finishing = True
            self._final = True
            self._pump()
        thread.join()
        self._thread = None
        self._abandon_rest()
        self._check()

    def _running(self) -> threading.Thread:
        if self._thread is None:
            raise WeaviateError("use the batch as a context manager: `with ... as batch:`")
        return self._thread

    def _check(self) -> None:
        """Under the lock (or after the thread ended): raise what the stream ran into."""
        if self._error is not None:
            error, self._error = self._error, None
            raise error

    # -- the stream (background thread) ----------------------------------------------------

    def _run(self) -> None:
        try:
            while self._stream_once():
                pass
        except BaseException as error:  # raised in the caller by _check()
            with self._changed:
                self._error = self._error or error
        finally:
            with self._changed:
                self._error = self._error or (
                    None if self._own.finishing else WeaviateError(_GAVE_UP)
                )
                self._reason = self._error
                self._changed.notify_all()

    def _stream_once(self) -> bool:
        """One stream, start to end; whether another one is needed."""
        requests: queue.Queue[bytes | None] = queue.Queue(maxsize=WINDOW + 3)
        batcher = self._own
        with self._changed:
            requests.put_nowait(batcher.start())
            self._requests = requests
            self._pump()
        error = None
        replies = self._transport.stream(METHOD, iter(requests.get, None), Reply)
        try:
            for reply in replies:
                with self._changed:
                    batcher.received(reply)  # type: ignore[arg-type]
                    self._pump()
                    self._changed.notify_all()
        except WeaviateError as failure:
            error = failure
        finally:
            with self._changed:
                self._requests = None
                with contextlib.suppress(queue.Full):
                    requests.put_nowait(None)
            replies.close()
        with self._changed:
            try:
                delay = batcher.closed(error)
            finally:
                self._changed.notify_all()
        if delay is None:
            return False
        time.sleep(delay)
        return True

    def _wait(self, done: bool) -> None:
        """Under the lock: wait until everything has a result (`done`; raises what the stream ran
        into) or the backlog is small."""
        batcher = self._own
        thread = self._running()
        while self._error is None and thread.is_alive():
            if batcher.idle if done else batcher.backlog <= _BACKLOG:
                break
            self._changed.wait()
        if done:
            self._check()

    # -- the caller ------------------------------------------------------------------------

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
        self._running()
        name = self._names.get(collection) or self._names.setdefault(
            collection, check_collection_name(collection)
        )
        self._check()
        batcher = self._own
        ident, full = batcher.add_object(name, properties, references, uuid, vector, tenant)
        if full:
            with self._changed:
                batcher.seal()
                self._pump()
                if batcher.backlog > _BACKLOG:
                    self._wait(done=False)
        return ident

    def add_reference(
        self,
        from_uuid: UUID | str,
        from_collection: str,
        from_property: str,
        to: ReferenceInput,
        tenant: str | None = None,
    ) -> None:
        """Queue a reference; it is sent after the objects added before it have results."""
        self._running()
        with self._changed:
            self._check()
            _add_references(self._own, from_collection, from_uuid, from_property, to, tenant)
            self._pump()
            self._wait(done=False)

    def flush(self) -> None:
        """Send everything queued and wait for the results."""
        self._running()
        with self._changed:
            self._final = True
            try:
                self._pump()
                self._wait(done=True)
            finally:
                self._final = False


class AsyncClientStreamBatch(_StreamResults):
    """One `stream()` batch context of `client.batch` (asyncio)."""

    def __init__(self, transport: AsyncTransport, batcher: StreamBatcher) -> None:
        self._transport = transport
        self._batcher = self._own = batcher
        self._names: dict[str, str] = {}
        self._changed = asyncio.Event()
        self._requests: asyncio.Queue[bytes | None] | None = None
        self._error: BaseException | None = None
        self._final = False
        self._task: asyncio.Task[None] | None = None

    async def __aenter__(self) -> AsyncClientStreamBatch:
        self._task = asyncio.create_task(self._run())
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        task = self._running()
        self._own.finishing = True
        self._final = True
        self._pump()
        await task
        self._task = None
        self._abandon_rest()
        self._check()

    def _running(self) -> asyncio.Task[None]:
        if self._task is None:
            raise WeaviateError("use the batch as a context manager: `async with ... as batch:`")
        return self._task

    def _check(self) -> None:
        if self._error is not None:
            error, self._error = self._error, None
            raise error

    # -- the stream (background task) ------------------------------------------------------

    async def _run(self) -> None:
        try:
            while await self._stream_once():
                pass
        except BaseException as error:  # raised in the caller by _check()
            self._error = self._error or error
        finally:
            self._error = self._error or (None if self._own.finishing else WeaviateError(_GAVE_UP))
            self._reason = self._error
            self._changed.set()

    async def _stream_once(self) -> bool:
        batcher = self._own
        stream = await self._transport.stream(METHOD, Reply)
        requests: asyncio.Queue[bytes | None] = asyncio.Queue(maxsize=WINDOW + 3)
        requests.put_nowait(batcher.start())
        self._requests = requests
        self._pump()
        writer = asyncio.create_task(self._write(stream, requests))
        error = None
        try:
            while (reply := await stream.read()) is not None:
                batcher.received(reply)  # type: ignore[arg-type]
                self._pump()
                self._changed.set()
        except WeaviateError as failure:
            error = failure
        finally:
            self._requests = None
            if not requests.full():
                requests.put_nowait(None)
            stream.cancel()
            await asyncio.gather(writer, return_exceptions=True)
        try:
            delay = batcher.closed(error)
        finally:
            self._changed.set()
        if delay is None:
            return False
        await asyncio.sleep(delay)
        return True

    @staticmethod
    async def _write(stream: AsyncStream, requests: asyncio.Queue[bytes | None]) -> None:
        """Write queued requests until None, then end writing (failures surface in `read`)."""
        try:
            while (request := await requests.get()) is not None:
                await stream.write(request)
            await stream.done_writing()
        except (WeaviateError, asyncio.InvalidStateError):
            pass

    async def _wait(self, done: bool) -> None:
        batcher = self._own
        task = self._running()
        while self._error is None and not task.done():
            if batcher.idle if done else batcher.backlog <= _BACKLOG:
                break
            self._changed.clear()
            await self._changed.wait()
        if done:
            self._check()

    # -- the caller ------------------------------------------------------------------------

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
        self._running()
        self._check()
        name = self._names.get(collection) or self._names.setdefault(
            collection, check_collection_name(collection)
        )
        batcher = self._own
        ident, full = batcher.add_object(name, properties, references, uuid, vector, tenant)
        if full:
            batcher.seal()
            self._pump()
            if batcher.backlog > _BACKLOG:
                await self._wait(done=False)
        return ident

    async def add_reference(
        self,
        from_uuid: UUID | str,
        from_collection: str,
        from_property: str,
        to: ReferenceInput,
        tenant: str | None = None,
    ) -> None:
        """Queue a reference; it is sent after the objects added before it have results."""
        self._running()
        self._check()
        _add_references(self._own, from_collection, from_uuid, from_property, to, tenant)
        self._pump()
        await self._wait(done=False)

    async def flush(self) -> None:
        """Send everything queued and wait for the results."""
        self._running()
        self._final = True
        try:
            self._pump()
            await self._wait(done=True)
        finally:
            self._final = False
