"""The drivers of `stream()`: one `BatchStream` call at a time, from a thread or an asyncio task.

The protocol logic is `wvorm_core._ops.batch.StreamBatcher`; a driver only owns the stream: in
the background it opens it, writes what the batcher says to write, feeds it every reply, and
opens the next stream when the batcher asks for one (after the server shut down, ran low on
memory, or the connection broke). Adding blocks while more than a few full messages wait to
be written, so memory stays bounded. The blocking transport streams from an iterator of
requests and the asyncio one hands out a stream to write to, so each driver is written out.
"""

from __future__ import annotations

import asyncio
import contextlib
import queue
import threading
import time

from wvorm_core._ops.batch import METHOD, WINDOW, Phase, Reply, StreamBatcher
from wvorm_core._transport.base import AsyncStream, AsyncTransport, Transport
from wvorm_core.exceptions import WeaviateError
from wvorm_core.outputs.batch import BatchReference

_BACKLOG = 2
"""Full messages waiting to be written before adding blocks."""


class _StreamDriver:
    """What both drivers keep: the batcher, the open stream's requests, and what ended it."""

    _requests: queue.Queue[bytes | None] | asyncio.Queue[bytes | None] | None

    def __init__(self, batcher: StreamBatcher) -> None:
        self.batcher = batcher
        self._requests = None
        """What the stream's writer sends next; None between streams and once `Stop` is out."""
        self._final = False
        """Set while flushing: partial messages are written too."""
        self._error: BaseException | None = None
        self._reason: BaseException | None = None
        """What ended the background, kept for the report of what it could not deliver."""

    def check(self) -> None:
        """Raise, in the caller, what the stream ran into."""
        if self._error is not None:
            error, self._error = self._error, None
            raise error

    def _pump(self) -> None:
        """Queue what the batcher says to write now (the blocking driver holds its lock)."""
        requests = self._requests
        if requests is None:
            return
        for request in self.batcher.next_requests(self._final):
            requests.put_nowait(request)
        if self.batcher.phase is Phase.STOPPING:
            requests.put_nowait(None)
            self._requests = None


class StreamSender(_StreamDriver):
    """A background thread that runs the batch's streams with blocking I/O."""

    def __init__(self, transport: Transport, batcher: StreamBatcher) -> None:
        super().__init__(batcher)
        self._transport = transport
        self._changed = threading.Condition(threading.Lock())
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Start the background thread."""
        self._thread = threading.Thread(target=self._run, name="wvorm-batch-stream", daemon=True)
        self._thread.start()

    def seal(self) -> None:
        """Queue the full message; blocks while the backlog is large."""
        with self._changed:
            self.batcher.seal()
            self._pump()
            if self.batcher.backlog > _BACKLOG:
                self._wait(done=False)

    def add_references(self, records: list[BatchReference]) -> None:
        """Queue references; they are sent after the objects added before them have results."""
        with self._changed:
            self.batcher.add_references(records)
            self._pump()
            self._wait(done=False)

    def flush(self) -> None:
        """Send everything queued and wait for the results."""
        with self._changed:
            self._final = True
            try:
                self._pump()
                self._wait(done=True)
            finally:
                self._final = False

    def finish(self) -> None:
        """Stop the stream once everything has a result; report what it could not deliver."""
        with self._changed:
            self.batcher.finish()
            self._final = True
            self._pump()
        if self._thread is not None:
            self._thread.join()
        self.batcher.abandon(self._reason)
        self.check()

    def _run(self) -> None:
        error = None
        try:
            while self._stream_once():
                pass
        except BaseException as failure:  # raised in the caller by check()
            error = failure
        finally:
            with self._changed:
                self._error = self._reason = error
                self._changed.notify_all()

    def _stream_once(self) -> bool:
        """One stream, start to end; whether another one is needed."""
        requests: queue.Queue[bytes | None] = queue.Queue(maxsize=WINDOW + 3)
        batcher = self.batcher
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
        batcher = self.batcher
        while self._error is None and self._thread is not None and self._thread.is_alive():
            if batcher.idle if done else batcher.backlog <= _BACKLOG:
                break
            self._changed.wait()
        if done:
            self.check()


class AsyncStreamSender(_StreamDriver):
    """A background asyncio task that runs the batch's streams."""

    def __init__(self, transport: AsyncTransport, batcher: StreamBatcher) -> None:
        super().__init__(batcher)
        self._transport = transport
        self._changed = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        """Start the background task."""
        self._task = asyncio.create_task(self._run())

    async def seal(self) -> None:
        """Queue the full message; waits while the backlog is large."""
        self.batcher.seal()
        self._pump()
        if self.batcher.backlog > _BACKLOG:
            await self._wait(done=False)

    async def add_references(self, records: list[BatchReference]) -> None:
        """Queue references; they are sent after the objects added before them have results."""
        self.batcher.add_references(records)
        self._pump()
        await self._wait(done=False)

    async def flush(self) -> None:
        """Send everything queued and wait for the results."""
        self._final = True
        try:
            self._pump()
            await self._wait(done=True)
        finally:
            self._final = False

    async def finish(self) -> None:
        """Stop the stream once everything has a result; report what it could not deliver."""
        self.batcher.finish()
        self._final = True
        self._pump()
        if self._task is not None:
            await self._task
        self.batcher.abandon(self._reason)
        self.check()

    async def _run(self) -> None:
        error = None
        try:
            while await self._stream_once():
                pass
        except BaseException as failure:  # raised in the caller by check()
            error = failure
        finally:
            self._error = self._reason = error
            self._changed.set()

    async def _stream_once(self) -> bool:
        """One stream, start to end; whether another one is needed."""
        batcher = self.batcher
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
        """Wait until everything has a result (`done`; raises what the stream ran into) or the
        backlog is small."""
        batcher = self.batcher
        while self._error is None and self._task is not None and not self._task.done():
            if batcher.idle if done else batcher.backlog <= _BACKLOG:
                break
            self._changed.clear()
            await self._changed.wait()
        if done:
            self.check()
