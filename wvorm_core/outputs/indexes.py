"""Property inverted indexes and their server-side reindex tasks (Weaviate v1.39+)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Literal

from wvorm_core.classes.config import Tokenization

PropertyIndexName = Literal["filterable", "searchable", "rangeFilters"]
"""The inverted indexes a property can have."""

BM25Algorithm = Literal["wand", "blockmax"]
"""The algorithm behind a searchable index."""


class IndexStatus(str, Enum):
    """The state of one property index."""

    READY = "ready"
    PENDING = "pending"
    INDEXING = "indexing"
    FAILED = "failed"
    CANCELLED = "cancelled"


class IndexTaskStatus(str, Enum):
    """The server's answer to a reindex request."""

    STARTED = "STARTED"
    """A task was submitted, or the request joined the running task with the same goal."""
    NO_OP = "NO_OP"
    """Nothing to do: the index is already as asked (or, for a cancel, no task was running)."""
    CANCELLED = "CANCELLED"
    """The running task was cancelled."""


@dataclass(frozen=True, slots=True)
class PropertyIndexTask:
    """The outcome of `update_property_index`, `rebuild_property_index` or
    `cancel_property_index`; `task_id` names the task (None for `NO_OP`)."""

    status: IndexTaskStatus
    task_id: str | None


@dataclass(frozen=True, slots=True)
class PropertyIndexStatus:
    """One index of one property: its state and, while a task runs, what it is becoming.

    `progress` is reported by the server while indexing (0 to 1); `target_*` are set while a
    task changes the tokenization or the algorithm.
    """

    property_name: str
    index_name: PropertyIndexName
    status: IndexStatus
    progress: float | None = None
    task_id: str | None = None
    tokenization: Tokenization | None = None
    target_tokenization: Tokenization | None = None
    algorithm: BM25Algorithm | None = None
    target_algorithm: BM25Algorithm | None = None

    @property
    def busy(self) -> bool:
        """Whether a task is still to finish on this index (pending or indexing)."""
        return self.status in (IndexStatus.PENDING, IndexStatus.INDEXING)
