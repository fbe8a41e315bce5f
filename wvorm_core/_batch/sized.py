"""The senders of the sized modes: worker threads (blocking) and asyncio tasks.

The logic (sizing, retries, reference ordering, results) is `wvorm_core._ops.batch.Batcher`;
a sender only moves its requests: workers take full requests from a queue, send them, sleep
when told to, and report back. At most two requests per worker are queued or in flight, so
adding blocks (without polling) while the server is behind, and memory stays bounded for any
number of objects. The two senders differ in substance (a lock and a condition against an
event on one loop), so each is written out.
"""

from __future__ import annotations

import asyncio
import queue
import threading
import time
from collections import deque

from wvorm_core._ops.batch import Batcher, Chunk
from wvorm_core._transport.base import AsyncTransport, Transport
from wvorm_core.exceptions import WeaviateError
from wvorm_core.outputs.batch import BatchReference


class _Sender:
    """What both senders keep: the batcher and an exception a worker ran into."""

    def __init__(self, batcher: Batcher) -> None:
        self.batcher = batcher
        self._error: BaseException | None = None
        self._final = False
        """Set while flushing: partial reference requests are sent too."""

    def check(self) -> None:
        """Raise, in the caller, an exception a worker ran into."""
        if self._error is not None:
            error, self._error = self._error, None
            raise error


class BatchSender(_Sender):
    """Worker threads that send a `Batcher`'s requests with blocking I/O."""

    def __init__(self, transport: Transport, batcher: Batcher) -> None:
        super().__init__(batcher)
        self._transport = transport
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        self._queue: queue.SimpleQueue[Chunk | None] = queue.SimpleQueue()
        self._slots = threading.Semaphore(2 * batcher.sizing.concurrent_requests)
        self._threads: list[threading.Thread] = []

    def start(self) -> None:
        """Start the workers."""
        self._threads = [
            threading.Thread(target=self._work, name=f"wvorm-batch-{i}", daemon=True)
            for i in range(self.batcher.sizing.concurrent_requests)
        ]
        for thread in self._threads:
            thread.start()

    def seal(self) -> None:
        """Queue the full request; blocks while enough requests are queued or in flight."""
        self._slots.acquire()
        with self._lock:
            chunk = self.batcher.seal()
        self._queue.put(chunk)

    def add_references(self, records: list[BatchReference]) -> None:
        """Queue references; they are sent after the objects added before them."""
        with self._lock:
            chunks = self.batcher.add_references(records)
        for chunk in chunks:
            self._queue.put(chunk)

    def flush(self) -> None:
        """Send everything added so far and wait until all of it is answered."""
        with self._lock:
            self._final = True
            chunks = self.batcher.flush()
        for chunk in chunks:
            if chunk.entries:
                self._slots.acquire()
            self._queue.put(chunk)
        with self._lock:
            while not self.batcher.idle and self._error is None:
                self._changed.wait()
            self._final = False
        self.check()

    def finish(self) -> None:
        """Flush, then stop the workers."""
        try:
            self.flush()
        finally:
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
        batcher = self.batcher
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
                    self._after()
                if retry_in is not None:
                    time.sleep(retry_in)
                    todo.appendleft(part)
                continue
            with self._lock:
                again = batcher.completed(part, reply, time.perf_counter() - started)
                self._after()
            if again is not None:
                time.sleep(batcher.retry.delay(again.attempts) or 0)
                todo.append(again)

    def _after(self) -> None:
        """Under the lock: queue references that became sendable, wake a waiting flush."""
        for chunk in self.batcher.released(final=self._final):
            self._queue.put(chunk)
        self._changed.notify_all()


class AsyncBatchSender(_Sender):
    """asyncio tasks that send a `Batcher`'s requests."""

    def __init__(self, transport: AsyncTransport, batcher: Batcher) -> None:
        super().__init__(batcher)
        self._transport = transport
        self._queue: asyncio.Queue[Chunk | None] = asyncio.Queue()
        self._slots = asyncio.Semaphore(2 * batcher.sizing.concurrent_requests)
        self._changed = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []

    async def start(self) -> None:
        """Start the workers."""
        workers = self.batcher.sizing.concurrent_requests
        self._tasks = [asyncio.create_task(self._work()) for _ in range(workers)]

    async def seal(self) -> None:
        """Queue the full request; waits while enough requests are queued or in flight."""
        await self._slots.acquire()
        self._queue.put_nowait(self.batcher.seal())

    async def add_references(self, records: list[BatchReference]) -> None:
        """Queue references; they are sent after the objects added before them."""
        self._put(self.batcher.add_references(records))

    async def flush(self) -> None:
        """Send everything added so far and wait until all of it is answered."""
        self._final = True
        for chunk in self.batcher.flush():
            if chunk.entries:
                await self._slots.acquire()
            self._queue.put_nowait(chunk)
        while not self.batcher.idle and self._error is None:
            self._changed.clear()
            await self._changed.wait()
        self._final = False
        self.check()

    async def finish(self) -> None:
        """Flush, then stop the workers."""
        try:
            await self.flush()
        finally:
            self._put([None] * len(self._tasks))
            await asyncio.gather(*self._tasks)

    def _put(self, chunks: list[Chunk] | list[None]) -> None:
        for chunk in chunks:
            self._queue.put_nowait(chunk)

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
        batcher = self.batcher
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
        """Queue references that became sendable, wake a waiting flush."""
        self._put(self.batcher.released(final=self._final))
        self._changed.set()
