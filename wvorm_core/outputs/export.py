"""Export results, in the shape of the official client's `weaviate.outputs.export`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from wvorm_core.classes.export import ExportStorage

__all__ = [
    "ExportCreateReturn",
    "ExportStatus",
    "ExportStatusReturn",
    "ExportStorage",
    "ShardExportStatus",
    "ShardProgress",
]


class ExportStatus(str, Enum):
    """Where an export is in its life."""

    STARTED = "STARTED"
    TRANSFERRING = "TRANSFERRING"
    SUCCESS = "SUCCESS"
    FAILED = "FAILED"
    CANCELED = "CANCELED"

    @property
    def is_finished(self) -> bool:
        """True once the export succeeded, failed or was canceled."""
        return self in (ExportStatus.SUCCESS, ExportStatus.FAILED, ExportStatus.CANCELED)


class ShardExportStatus(str, Enum):
    """Where the export of one shard is."""

    TRANSFERRING = "TRANSFERRING"
    SUCCESS = "SUCCESS"
    FAILED = "FAILED"
    SKIPPED = "SKIPPED"


@dataclass(frozen=True, slots=True)
class ShardProgress:
    """The export of one shard: objects written so far, why it failed or was skipped."""

    status: ShardExportStatus
    objects_exported: int
    error: str | None
    skip_reason: str | None


@dataclass(frozen=True, slots=True)
class ExportCreateReturn:
    """What `export.create` reports when it starts an export."""

    export_id: str
    backend: str
    path: str
    status: ExportStatus
    started_at: datetime | None
    collections: list[str]


@dataclass(frozen=True, slots=True)
class ExportStatusReturn(ExportCreateReturn):
    """The state of an export; `shard_status` maps collection -> shard -> progress."""

    completed_at: datetime | None
    shard_status: dict[str, dict[str, ShardProgress]] | None
    error: str | None
    took_in_ms: int | None
