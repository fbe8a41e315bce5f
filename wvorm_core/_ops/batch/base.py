"""What both batchers share: retry decisions, progress counts, and the checks on what is added.

`Tally` is the base of `sized.Batcher` and `stream.StreamBatcher`: it counts what a batch
context has added and settled, keeps its results, and turns the fronts' arguments into
checked collection names and reference records.
"""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from wvorm_core._ops.batch.encode import check_uuid
from wvorm_core._ops.encode import reference_uuids
from wvorm_core.classes.config import check_collection_name
from wvorm_core.classes.data import ReferenceInput, ReferenceToMulti
from wvorm_core.exceptions import (
    WeaviateConnectionError,
    WeaviateError,
    WeaviateQueryError,
    WeaviateServerError,
    WeaviateTimeoutError,
)
from wvorm_core.outputs.batch import BatchReference, BatchResult

_TRANSIENT_GRPC = frozenset(
    {"RESOURCE_EXHAUSTED", "ABORTED", "INTERNAL", "UNAVAILABLE", "CANCELLED"}
)
"""CANCELLED: a coordinator resets the call when a replica dies under it; batches carry
uuids, so sending them again is safe."""
_TRANSIENT_HTTP = frozenset({429, 500, 502, 503, 504})
_PASSING_OBJECT_ERRORS = (
    "shutting down",
    "shutdown",
    "context canceled",
    "connection refused",
    "resolve node name",
    "no leader",
    "not ready",
    "client connection is closing",
)
"""Per-object refusals about the server's state (stopping, restarting, a replica that just
died under the coordinator's internal gRPC call), not the object."""


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """Bounded exponential backoff for transient failures (unavailable, 429, 5xx, restarts)."""

    max_attempts: int = 12
    first_delay: float = 0.25
    max_delay: float = 8.0

    def delay(self, attempt: int) -> float | None:
        """Seconds to wait before attempt `attempt + 1`, or None when attempts are used up."""
        if attempt >= self.max_attempts:
            return None
        return min(self.max_delay, self.first_delay * float(2 ** max(0, attempt - 1)))


def is_transient(error: WeaviateError) -> bool:
    """Whether a failed request is worth sending again."""
    if isinstance(error, (WeaviateConnectionError, WeaviateTimeoutError)):
        return True
    if isinstance(error, WeaviateQueryError):
        return str(error.status) in _TRANSIENT_GRPC
    if isinstance(error, WeaviateServerError):
        return error.status in _TRANSIENT_HTTP
    return False


def is_passing(message: str) -> bool:
    """Whether a per-object refusal is about the server's state, not the object."""
    lowered = message.lower()
    return any(marker in lowered for marker in _PASSING_OBJECT_ERRORS)


@dataclass(frozen=True, slots=True)
class BatchProgress:
    """Counts reported to a progress callback after every answered request."""

    objects_added: int
    objects_done: int
    objects_failed: int
    references_added: int
    references_done: int
    references_failed: int


class Tally:
    """What a batch context has added and settled so far, and its results."""

    def __init__(self) -> None:
        self.results = BatchResult()
        self._objects_added = 0
        self._objects_done = 0
        self._references_added = 0
        self._references_done = 0
        self._names: dict[str, str] = {}

    @property
    def number_errors(self) -> int:
        return len(self.results.failed_objects) + len(self.results.failed_references)

    def progress(self) -> BatchProgress:
        r = self.results
        return BatchProgress(
            self._objects_added,
            self._objects_done,
            len(r.failed_objects),
            self._references_added,
            self._references_done,
            len(r.failed_references),
        )

    def _collection_name(self, collection: str) -> str:
        """`collection` as Weaviate stores it (checked once per name)."""
        return self._names.get(collection) or self._names.setdefault(
            collection, check_collection_name(collection)
        )

    def new_references(
        self,
        from_uuid: UUID | str,
        from_collection: str,
        from_property: str,
        to: ReferenceInput,
        tenant: str | None,
    ) -> list[BatchReference]:
        """A reference from `from_uuid` to each target of `to`, numbered in the order added,
        for `add_references`; bad input raises before any is counted."""
        _, source = check_uuid(from_uuid, "add_reference: from_uuid")
        name = self._collection_name(from_collection)
        target = to.target_collection if isinstance(to, ReferenceToMulti) else None
        first = self._references_added
        records = [
            BatchReference(name, source, from_property, UUID(text), target, tenant, first + i)
            for i, text in enumerate(reference_uuids(to, "add_reference: to"))
        ]
        self._references_added = first + len(records)
        return records
