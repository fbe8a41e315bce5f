"""The sized modes' batcher (`dynamic`, `fixed_size`, `rate_limit`): no I/O, no threads.

A `Batcher` encodes objects (as wire bytes) into the request being filled, hands out full
requests (`Chunk`s) to send, decides after each failure whether and when to retry, keeps
references until the objects added before them are done, sizes requests from the server's
answers, and keeps the results. The senders (`wvorm_core._batch.sized`) only move chunks: they
send them, sleep when told, and report back. `add_object` is called from one thread; the
senders serialise every other call.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal
from uuid import UUID

from google.protobuf.message import Message

from wvorm_core._ops.batch.base import BatchProgress, RetryPolicy, Tally, is_passing, is_transient
from wvorm_core._ops.batch.encode import (
    SERVICE,
    consistency,
    consistency_field,
    encode_object,
    references_request,
)
from wvorm_core._ops.calls import Op, grpc
from wvorm_core._ops.encode import object_head
from wvorm_core.classes.config import ConsistencyLevel
from wvorm_core.classes.data import ReferenceInputs, Vectors
from wvorm_core.exceptions import (
    WeaviateAuthenticationError,
    WeaviateError,
    WeaviateInvalidInputError,
)
from wvorm_core.outputs.batch import BatchObject, BatchReference, ErrorObject, ErrorReference
from wvorm_core.proto.v1 import batch_pb2


@dataclass(frozen=True, slots=True)
class Sizing:
    """How requests are sized: fixed, adapted to the server, or paced to a rate."""

    mode: Literal["dynamic", "fixed_size", "rate_limit"]
    batch_size: int = 100
    concurrent_requests: int = 2
    requests_per_minute: int | None = None

    def __post_init__(self) -> None:
        for name in ("batch_size", "concurrent_requests"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise WeaviateInvalidInputError(f"{name} must be a positive int, got {value!r}")
        rpm = self.requests_per_minute
        if self.mode == "rate_limit" and (not isinstance(rpm, int) or rpm < 1):
            raise WeaviateInvalidInputError(
                f"requests_per_minute must be a positive int, got {rpm!r}"
            )

    @classmethod
    def dynamic(cls) -> Sizing:
        return cls("dynamic", batch_size=100, concurrent_requests=2)

    @classmethod
    def fixed_size(cls, batch_size: int = 100, concurrent_requests: int = 2) -> Sizing:
        return cls("fixed_size", batch_size, concurrent_requests)

    @classmethod
    def rate_limit(cls, requests_per_minute: int) -> Sizing:
        size = max(1, min(requests_per_minute, 1000) // 6) if requests_per_minute > 0 else 1
        return cls("rate_limit", size, 1, requests_per_minute)


_Entry = tuple[str, object, UUID, "Vectors | None", "ReferenceInputs | None", "str | None", int]
"""What is kept of an object until its request is answered (to report or resend it)."""


class Chunk:
    """One request: objects (each as `BatchObject` wire bytes) or references, with what is
    needed to report each of them."""

    __slots__ = ("attempts", "entries", "id", "objects", "references", "references_request")

    def __init__(self, chunk_id: int, objects: list[bytes] | None = None) -> None:
        self.id = chunk_id
        self.objects: list[bytes] = [] if objects is None else objects
        self.entries: list[_Entry] = []
        self.references: list[BatchReference] = []
        self.references_request: batch_pb2.BatchReferencesRequest | None = None
        self.attempts = 0

    def __len__(self) -> int:
        return len(self.entries) if self.entries else len(self.references)


class Batcher(Tally):
    """The state of one batch context."""

    def __init__(
        self,
        sizing: Sizing,
        level: ConsistencyLevel | None = None,
        max_message_bytes: int = 100 * 1024 * 1024,
        retry: RetryPolicy | None = None,
        on_progress: Callable[[BatchProgress], None] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        self.sizing = sizing
        self.retry = retry or RetryPolicy()
        self._level = consistency(level)
        self._level_field = consistency_field(level)
        self._max_bytes = int(max_message_bytes * 0.8)
        self._on_progress = on_progress
        self._clock = clock
        self._size = sizing.batch_size
        self._next_id = 0
        self._filling = self._objects_chunk(self._take_id())
        self._open: dict[int, int] = {}
        """Object chunk id -> requests of it not yet settled (splits and resends add some)."""
        self._done_through = -1
        self._waiting: deque[tuple[int, BatchReference]] = deque()
        self._released: list[BatchReference] = []
        self._in_flight = 0
        self._next_slot = 0.0

    def _take_id(self) -> int:
        self._next_id += 1
        return self._next_id - 1

    def _objects_chunk(self, chunk_id: int, objects: Iterable[bytes] = ()) -> Chunk:
        return Chunk(chunk_id, list(objects))

    # -- adding (the caller's thread) ------------------------------------------------------

    @property
    def batch_size(self) -> int:
        """The number of objects the next request will carry."""
        return self._size

    def add_object(
        self,
        collection: str,
        properties: object,
        references: ReferenceInputs | None,
        uuid: UUID | str | None,
        vector: Vectors | None,
        tenant: str | None,
    ) -> tuple[UUID, bool]:
        """Encode one object; returns its uuid and whether the request is full (then `seal`)."""
        chunk = self._filling
        index = self._objects_added
        collection = self._collection_name(collection)
        head = object_head(collection, tenant)
        data, _, ident = encode_object(head, properties, uuid, vector, references, index)
        chunk.objects.append(data)
        chunk.entries.append((collection, properties, ident, vector, references, tenant, index))
        self._objects_added = index + 1
        return ident, len(chunk.entries) >= self._size

    def seal(self) -> Chunk:
        """The request being filled, to send now; a new one starts."""
        chunk = self._filling
        self._filling = self._objects_chunk(self._take_id())
        self._open[chunk.id] = 1
        self._in_flight += 1
        return chunk

    def add_references(self, records: list[BatchReference]) -> list[Chunk]:
        """Queue references (from `new_references`); each is sent once every object added
        before it is done. Returns the reference requests that can be sent now."""
        after = self._filling.id if self._filling.entries else self._filling.id - 1
        self._waiting.extend((after, record) for record in records)
        return self.released(final=False)

    def flush(self) -> list[Chunk]:
        """Everything that can be sent now, full or not (for `flush()` and the context's end)."""
        chunks = [self.seal()] if self._filling.entries else []
        return chunks + self.released(final=True)

    def released(self, final: bool) -> list[Chunk]:
        """Reference requests whose objects are done (partial ones too when `final`)."""
        while self._waiting and self._waiting[0][0] <= self._done_through:
            self._released.append(self._waiting.popleft()[1])
        chunks = []
        size = self._size
        while len(self._released) >= size or (final and self._released and not self._waiting):
            part, self._released = self._released[:size], self._released[size:]
            request = references_request(part)
            if self._level is not None:
                request.consistency_level = self._level
            chunk = Chunk(self._take_id())
            chunk.references = part
            chunk.references_request = request
            self._in_flight += 1
            chunks.append(chunk)
        return chunks

    # -- sending (the senders' workers) ----------------------------------------------------

    def split_if_too_large(self, chunk: Chunk) -> list[Chunk]:
        """The chunk, or parts of it when the request would exceed the gRPC message limit."""
        objects = chunk.objects
        if len(objects) < 2 or sum(map(len, objects)) <= self._max_bytes:
            return [chunk]
        parts = []
        start = size = 0
        for end, data in enumerate(objects):
            if size + len(data) > self._max_bytes and end > start:
                parts.append(self._part(chunk, start, end))
                start, size = end, 0
            size += len(data)
        parts.append(self._part(chunk, start, len(objects)))
        self._open[chunk.id] += len(parts) - 1
        self._in_flight += len(parts) - 1
        return parts

    def _part(self, chunk: Chunk, start: int, end: int) -> Chunk:
        part = self._objects_chunk(chunk.id, chunk.objects[start:end])
        part.entries = chunk.entries[start:end]
        return part

    def send_delay(self, chunk: Chunk) -> float:
        """Seconds to wait before sending `chunk` so the rate limit holds (0 otherwise)."""
        rpm = self.sizing.requests_per_minute
        if rpm is None or not chunk.entries:
            return 0.0
        now = self._clock()
        start = max(now, self._next_slot)
        self._next_slot = start + 60.0 * len(chunk.entries) / rpm
        return start - now

    def send(self, chunk: Chunk) -> Op[Message]:
        """The gRPC call that sends `chunk` (once more)."""
        chunk.attempts += 1
        if chunk.references_request is None:
            request = b"".join(chunk.objects) + self._level_field
            reply: type[Message] = batch_pb2.BatchObjectsReply
            return grpc(SERVICE, "BatchObjects", request, reply, timeout="insert")
        reply = batch_pb2.BatchReferencesReply
        return grpc(SERVICE, "BatchReferences", chunk.references_request, reply, timeout="insert")

    # -- answers ---------------------------------------------------------------------------

    def failed(self, chunk: Chunk, error: WeaviateError) -> float | None:
        """A request failed: seconds to wait before resending it, or None when given up
        (then every item of it is reported failed with `error`).

        Raises `error` when it makes the whole batch pointless (refused credentials).
        """
        if isinstance(error, WeaviateAuthenticationError):
            raise error
        delay = self.retry.delay(chunk.attempts) if is_transient(error) else None
        if delay is not None:
            return delay
        message = f"request failed after {chunk.attempts} attempt(s): {error}"
        self._settle(chunk, dict.fromkeys(range(len(chunk)), message), len(chunk))
        return None

    def completed(self, chunk: Chunk, reply: Message, elapsed: float) -> Chunk | None:
        """A request was answered. Returns a request resending the objects the server refused
        for a passing reason (e.g. it was shutting down), if any."""
        assert isinstance(reply, (batch_pb2.BatchObjectsReply, batch_pb2.BatchReferencesReply))
        errors = {e.index: e.error for e in reply.errors}
        again = None
        if errors and chunk.entries and self.retry.delay(chunk.attempts) is not None:
            passing = sorted(i for i, m in errors.items() if is_passing(m))
            if passing:
                again = self._resend(chunk, passing)
                for index in passing:
                    del errors[index]
        if self.sizing.mode == "dynamic" and chunk.entries and again is None:
            self._resize(len(chunk.entries), float(reply.took) or elapsed)
        settled = len(chunk) - (len(again.entries) if again is not None else 0)
        self._settle(chunk, errors, settled)
        return again

    def _resend(self, chunk: Chunk, indexes: list[int]) -> Chunk:
        again = self._objects_chunk(chunk.id, (chunk.objects[i] for i in indexes))
        again.entries = [chunk.entries[i] for i in indexes]
        again.attempts = chunk.attempts
        self._open[chunk.id] += 1
        self._in_flight += 1
        return again

    def _resize(self, count: int, took: float) -> None:
        """Dynamic mode: aim at requests the server answers in about a second."""
        target = 1000 if took <= 0 else int(count / took)
        self._size = max(10, min(target, self._size * 2, 1000))

    def _settle(self, chunk: Chunk, errors: dict[int, str], settled: int) -> None:
        results = self.results
        if chunk.entries:
            for index, message in errors.items():
                collection, props, ident, vector, refs, tenant, position = chunk.entries[index]
                record = BatchObject(collection, props, ident, vector, refs, tenant, position)  # type: ignore[arg-type]
                results.failed_objects.append(ErrorObject(message, record))
            results.objects_sent += settled
            results.objects_stored += settled - len(errors)
            self._objects_done += settled
            self._open[chunk.id] -= 1
            if not self._open[chunk.id]:
                del self._open[chunk.id]
                self._done_through = min(self._open, default=self._filling.id) - 1
        else:
            for index, message in errors.items():
                results.failed_references.append(ErrorReference(message, chunk.references[index]))
            results.references_sent += settled
            self._references_done += settled
        self._in_flight -= 1
        if self._on_progress is not None:
            self._on_progress(self.progress())

    @property
    def idle(self) -> bool:
        """Nothing is being sent and nothing sendable is waiting."""
        return self._in_flight == 0 and not self._released and not self._waiting
