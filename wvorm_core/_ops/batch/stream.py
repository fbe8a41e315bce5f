"""Server-side batching over the `BatchStream` gRPC call, as a state machine (no I/O, no threads).

A `StreamBatcher` encodes objects (as wire bytes) into `Data` messages, says which messages may
be written now (a few unacknowledged at a time, sized as the server's `Backoff` suggests), keeps
references until the objects added before them have results, and records the server's
`Results` by uuid or beacon. When a stream ends (the server shut down, ran low on memory, or
the connection broke), every item without a result is sent again on the next stream.

The drivers (`wvorm_core._batch.stream`) own the stream: they write what `start` and
`next_requests` return, feed every reply to `received`, call `finish` at the context's end,
and ask `closed` what to do when the stream ends. Callers serialise every call.

Where the stream is, is one `Phase`; `_move` is the only way to change it, and a move the
protocol does not have raises `PhaseError`:

    start                        WAITING -> OPEN
    OutOfMemory / ShuttingDown   OPEN -> HALTED
    Stop written                 OPEN (all done, `finish` called) or HALTED -> STOPPING
    closed                       OPEN, HALTED or STOPPING -> WAITING, then -> FINISHED when
                                 the batch is done or gives up
    abandon                      any phase -> FINISHED (final)
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from enum import Enum
from uuid import UUID

from wvorm_core._ops.batch.base import BatchProgress, RetryPolicy, Tally, is_passing, is_transient
from wvorm_core._ops.batch.encode import SERVICE, consistency, encode_object, reference_message
from wvorm_core._ops.encode import object_head
from wvorm_core._ops.wire import field
from wvorm_core.classes.config import ConsistencyLevel
from wvorm_core.classes.data import ReferenceInputs, Vectors
from wvorm_core.exceptions import WeaviateAuthenticationError, WeaviateError
from wvorm_core.outputs.batch import (
    BatchObject,
    BatchReference,
    ErrorObject,
    ErrorReference,
)
from wvorm_core.proto.v1 import batch_pb2

METHOD = f"/{SERVICE}/BatchStream"
BEACON_START = "weaviate://localhost/"
WINDOW = 4
"""Data messages written but not yet acknowledged, at most."""

Request = batch_pb2.BatchStreamRequest
Reply = batch_pb2.BatchStreamReply
STOP = Request(stop=Request.Stop()).SerializeToString()
"""The `Stop` message, after which the drivers end writing."""
GAVE_UP = "the batch stream gave up; what was added is in failed_objects / failed_references"
_DATA, _OBJECTS, _REFERENCES = b"\x12", b"\x0a", b"\x12"
"""Keys of `BatchStreamRequest.data`, and of `Data.objects` and `Data.references`."""


def _data(key: bytes, items: list[_Object] | list[_Reference]) -> bytes:
    """A `Data` message of objects or references (each item's message is its value field)."""
    return field(_DATA, field(key, b"".join(item.message for item in items)))


class _Object:
    """An object of the batch until it has a result: its message and what reports it."""

    __slots__ = (
        "attempts",
        "collection",
        "index",
        "key",
        "message",
        "properties",
        "references",
        "tenant",
        "uuid",
        "vector",
    )

    def __init__(
        self,
        message: bytes,
        key: str,
        collection: str,
        properties: object,
        uuid: UUID,
        vector: Vectors | None,
        references: ReferenceInputs | None,
        tenant: str | None,
        index: int,
    ) -> None:
        self.message = message
        self.key = key
        self.collection = collection
        self.properties = properties
        self.uuid = uuid
        self.vector = vector
        self.references = references
        self.tenant = tenant
        self.index = index
        self.attempts = 0

    def record(self) -> BatchObject:
        props = self.properties if isinstance(self.properties, dict) else {}
        return BatchObject(
            self.collection,
            props,
            self.uuid,
            self.vector,
            self.references,
            self.tenant,
            self.index,
        )


class _Reference:
    __slots__ = ("attempts", "beacon", "message", "record")

    def __init__(self, record: BatchReference) -> None:
        self.record = record
        self.message = field(b"\x0a", reference_message(record).SerializeToString())
        self.beacon = (
            f"{BEACON_START}{record.from_collection}/{record.from_uuid}/{record.from_property}"
        )
        self.attempts = 0


_Item = _Object | _Reference


class Phase(Enum):
    """Where the current stream is."""

    WAITING = "waiting"
    """No stream is open: before the first one, or between two."""
    OPEN = "open"
    """A stream is open and `Data` messages are written."""
    HALTED = "halted"
    """The server asked to stop writing (out of memory, shutting down); `Stop` comes next."""
    STOPPING = "stopping"
    """`Stop` is written; the server's last replies are read until it ends the stream."""
    FINISHED = "finished"
    """Every item has a result (done, given up or abandoned); no stream is opened again."""


_MOVES: dict[Phase, frozenset[Phase]] = {
    Phase.WAITING: frozenset({Phase.OPEN, Phase.FINISHED}),
    Phase.OPEN: frozenset({Phase.HALTED, Phase.STOPPING, Phase.WAITING, Phase.FINISHED}),
    Phase.HALTED: frozenset({Phase.STOPPING, Phase.WAITING, Phase.FINISHED}),
    Phase.STOPPING: frozenset({Phase.WAITING, Phase.FINISHED}),
    Phase.FINISHED: frozenset(),
}


class PhaseError(RuntimeError):
    """A driver asked for a move the stream protocol does not have (a bug, not a failure)."""


class StreamBatcher(Tally):
    """The state of one `stream()` batch context, across as many streams as it takes."""

    def __init__(
        self,
        level: ConsistencyLevel | None = None,
        max_message_bytes: int = 100 * 1024 * 1024,
        retry: RetryPolicy | None = None,
        on_progress: Callable[[BatchProgress], None] | None = None,
    ) -> None:
        super().__init__()
        self.retry = retry or RetryPolicy()
        self._level = consistency(level)
        self._max_bytes = int(max_message_bytes * 0.8)
        self._on_progress = on_progress
        self._size = 200
        self._filling_items: list[_Object] = []
        self._pending: deque[tuple[bytes, list[_Item]]] = deque()
        """Data messages to write, in order."""
        self._open_objects: dict[str, list[_Object]] = {}
        self._open_references: dict[str, list[_Reference]] = {}
        self._unsettled: deque[int] = deque()
        self._settled: set[int] = set()
        self._waiting: deque[tuple[int, BatchReference]] = deque()
        self._released: list[_Reference] = []
        self._unacked = 0
        self._phase = Phase.WAITING
        self._finishing = False
        """Set by `finish`: once everything has a result, the stream is stopped."""
        self._progressed = False
        """Whether the current stream has brought results."""
        self._failures = 0
        self._wait = 0.0

    # -- adding ----------------------------------------------------------------------------

    @property
    def batch_size(self) -> int:
        """Objects per `Data` message (from the server's `Backoff`)."""
        return self._size

    @property
    def backlog(self) -> int:
        """Full messages waiting to be written (the caller should wait while it is large)."""
        return len(self._pending)

    def add_object(
        self,
        collection: str,
        properties: object,
        references: ReferenceInputs | None,
        uuid: UUID | str | None,
        vector: Vectors | None,
        tenant: str | None,
    ) -> tuple[UUID, bool]:
        """Encode one object into the message being filled; returns its uuid and whether the
        message is full (then `seal`). Only this and `seal` touch the message being filled."""
        index = self._objects_added
        collection = self._collection_name(collection)
        head = object_head(collection, tenant)
        data, key, ident = encode_object(head, properties, uuid, vector, references, index)
        item = _Object(data, key, collection, properties, ident, vector, references, tenant, index)
        self._filling_items.append(item)
        self._unsettled.append(index)
        self._objects_added = index + 1
        return ident, len(self._filling_items) >= self._size

    def add_references(self, records: list[BatchReference]) -> None:
        """Queue references (from `new_references`); each is sent once every object added
        before it has a result."""
        self._waiting.extend((self._objects_added, record) for record in records)

    def seal(self) -> None:
        """Queue the message being filled for writing."""
        items = self._filling_items
        if not items:
            return
        self._filling_items = []
        start = size = 0
        for end, item in enumerate(items):
            if size + len(item.message) > self._max_bytes and end > start:
                self._queue_objects(items[start:end])
                start, size = end, 0
            size += len(item.message)
        self._queue_objects(items[start:])

    def _queue_objects(self, items: list[_Object], front: bool = False) -> None:
        entry: tuple[bytes, list[_Item]] = (_data(_OBJECTS, items), list(items))
        if front:
            self._pending.appendleft(entry)
        else:
            self._pending.append(entry)

    def _queue_references(self, items: list[_Reference], front: bool = False) -> None:
        size = self._size
        parts = [items[i : i + size] for i in range(0, len(items), size)]
        for part in reversed(parts) if front else parts:
            entry: tuple[bytes, list[_Item]] = (_data(_REFERENCES, part), list(part))
            if front:
                self._pending.appendleft(entry)
            else:
                self._pending.append(entry)

    def _release(self, final: bool) -> None:
        lowest = self._unsettled[0] if self._unsettled else self._objects_added
        while self._waiting and self._waiting[0][0] <= lowest:
            self._released.append(_Reference(self._waiting.popleft()[1]))
        size = self._size
        while len(self._released) >= size or (final and self._released and not self._waiting):
            part, self._released = self._released[:size], self._released[size:]
            self._queue_references(part)

    # -- the phase -------------------------------------------------------------------------

    @property
    def phase(self) -> Phase:
        """Where the current stream is."""
        return self._phase

    def _move(self, to: Phase) -> None:
        """The one way the phase changes; a move the protocol does not have raises."""
        if to not in _MOVES[self._phase]:
            raise PhaseError(f"stream batcher: no move from {self._phase.name} to {to.name}")
        self._phase = to

    def finish(self) -> None:
        """The context ends: once everything added has a result, the stream is stopped."""
        self._finishing = True

    # -- writing ---------------------------------------------------------------------------

    def start(self) -> bytes:
        """The first message of a new stream."""
        self._move(Phase.OPEN)
        self._progressed = False
        self._unacked = 0
        self._wait = 0.0
        start = Request.Start()
        if self._level is not None:
            start.consistency_level = self._level
        return Request(start=start).SerializeToString()

    def next_requests(self, final: bool) -> list[bytes]:
        """The messages to write now; `final` sends partial messages too (flush, the end).

        A `Stop` message comes last when there is one (the phase is then `STOPPING`); after
        it, the drivers end writing."""
        if final:
            self.seal()
        self._release(final or self._finishing)
        out = []
        if self._phase is Phase.OPEN:
            while self._pending and self._unacked < WINDOW:
                request, items = self._pending.popleft()
                for item in items:
                    if isinstance(item, _Object):
                        self._open_objects.setdefault(item.key, []).append(item)
                    else:
                        self._open_references.setdefault(item.beacon, []).append(item)
                self._unacked += 1
                out.append(request)
        if self._phase is Phase.HALTED or (self._phase is Phase.OPEN and self._done):
            self._move(Phase.STOPPING)
            out.append(STOP)
        return out

    @property
    def _done(self) -> bool:
        return self._finishing and self.idle

    # -- reading ---------------------------------------------------------------------------

    def received(self, reply: Reply) -> None:
        """Take in one reply of the server."""
        kind = reply.WhichOneof("message")
        if kind == "acks":
            self._unacked = max(0, self._unacked - 1)
        elif kind == "results":
            self._results(reply.results)
        elif kind == "backoff":
            if reply.backoff.batch_size > 0:
                self._size = reply.backoff.batch_size
        elif kind == "out_of_memory":
            self._wait = float(reply.out_of_memory.wait_time)
        if kind in ("out_of_memory", "shutting_down") and self._phase is Phase.OPEN:
            self._move(Phase.HALTED)

    def _results(self, results: Reply.Results) -> None:
        self._progressed = True
        retry: list[_Item] = []
        for success in results.successes:
            if key := success.uuid:
                self._settle_object(key, None, retry)
            else:
                self._settle_reference(success.beacon, None, retry)
        for error in results.errors:
            if key := error.uuid:
                self._settle_object(key, error.error, retry)
            else:
                self._settle_reference(error.beacon, error.error, retry)
        if retry:
            self._resend(retry)
        if self._on_progress is not None:
            self._on_progress(self.progress())

    def _settle_object(self, key: str, error: str | None, retry: list[_Item]) -> None:
        items = self._open_objects.get(key)
        if not items:
            return
        item = items.pop(0)
        if not items:
            del self._open_objects[key]
        if error is not None and is_passing(error) and item.attempts < self.retry.max_attempts:
            item.attempts += 1
            retry.append(item)
            return
        results = self.results
        results.objects_sent += 1
        if error is None:
            results.objects_stored += 1
        else:
            results.failed_objects.append(ErrorObject(error, item.record()))
        self._objects_done += 1
        self._settled.add(item.index)
        unsettled, settled = self._unsettled, self._settled
        while unsettled and unsettled[0] in settled:
            settled.discard(unsettled.popleft())

    def _settle_reference(self, key: str, error: str | None, retry: list[_Item]) -> None:
        items = self._open_references.get(key)
        if not items:
            return
        item = items.pop(0)
        if not items:
            del self._open_references[key]
        if error is not None and is_passing(error) and item.attempts < self.retry.max_attempts:
            item.attempts += 1
            retry.append(item)
            return
        self.results.references_sent += 1
        if error is not None:
            self.results.failed_references.append(ErrorReference(error, item.record))
        self._references_done += 1

    def _resend(self, items: list[_Item]) -> None:
        """Queue items again, ahead of what was never sent."""
        references = [i for i in items if isinstance(i, _Reference)]
        objects = [i for i in items if isinstance(i, _Object)]
        if references:
            self._queue_references(references, front=True)
        for start in reversed(range(0, len(objects), self._size)):
            self._queue_objects(objects[start : start + self._size], front=True)

    def closed(self, error: WeaviateError | None) -> float | None:
        """The stream ended (with `error`, or cleanly). Returns seconds to wait before opening
        the next one, or None when the batch is done.

        Raises when the batch gives up, after reporting every item left failed: `error` when it
        is not worth retrying, else a `WeaviateError` once the retries are used up."""
        self._move(Phase.WAITING)
        self._take_back()
        if self._done:
            self._move(Phase.FINISHED)
            return None
        self._failures = 0 if self._progressed else self._failures + 1
        fatal = error is not None and (
            isinstance(error, WeaviateAuthenticationError) or not is_transient(error)
        )
        delay = None if fatal else self.retry.delay(self._failures)
        if delay is None:
            self._move(Phase.FINISHED)
            reason = error or WeaviateError("the server kept ending the batch stream")
            self._fail_all(f"batch stream failed after {self._failures} attempt(s): {reason}")
            raise error if fatal and error is not None else WeaviateError(GAVE_UP)
        return max(delay if not self._progressed else 0.0, self._wait)

    def abandon(self, reason: BaseException | None) -> None:
        """The batch cannot go on (the driver ended, for `reason`): everything without a result
        is reported failed."""
        if self._phase is not Phase.FINISHED:
            self._move(Phase.FINISHED)
        self._take_back()
        self.seal()
        self._fail_all(f"batch stream ended: {reason or GAVE_UP}")

    def _take_back(self) -> None:
        """The stream is gone: what it carried without a result is to be written again."""
        left: list[_Item] = [i for items in self._open_objects.values() for i in items]
        left += [i for items in self._open_references.values() for i in items]
        self._open_objects.clear()
        self._open_references.clear()
        left.sort(key=lambda i: isinstance(i, _Reference))
        if left:
            self._resend(left)

    def _fail_all(self, message: str) -> None:
        """Report everything not yet written failed (not the message being filled, which the
        caller may be adding to; `abandon` takes that too)."""
        self._release(final=True)
        while self._waiting:
            self._released.append(_Reference(self._waiting.popleft()[1]))
        items = [i for _, part in self._pending for i in part] + self._released
        self._pending.clear()
        self._released = []
        for item in items:
            if isinstance(item, _Object):
                item.attempts = self.retry.max_attempts
                self._open_objects.setdefault(item.key, []).append(item)
                self._settle_object(item.key, message, [])
            else:
                item.attempts = self.retry.max_attempts
                self._open_references.setdefault(item.beacon, []).append(item)
                self._settle_reference(item.beacon, message, [])

    # -- state -----------------------------------------------------------------------------

    @property
    def idle(self) -> bool:
        """Every object and reference added so far has a result."""
        return (
            self._objects_done == self._objects_added
            and self._references_done == self._references_added
        )
