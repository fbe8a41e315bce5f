"""Backup results, in the shape of the official client's `weaviate.outputs.backup`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from wvorm_core.classes.backup import BackupStorage

__all__ = [
    "BackupListReturn",
    "BackupReturn",
    "BackupStatus",
    "BackupStatusReturn",
    "BackupStorage",
]


class BackupStatus(str, Enum):
    """Where a backup (or restore) is in its life."""

    STARTED = "STARTED"
    TRANSFERRING = "TRANSFERRING"
    TRANSFERRED = "TRANSFERRED"
    CANCELLING = "CANCELLING"
    FINALIZING = "FINALIZING"
    SUCCESS = "SUCCESS"
    FAILED = "FAILED"
    CANCELED = "CANCELED"

    @property
    def is_finished(self) -> bool:
        """True once the operation succeeded, failed or was canceled."""
        return self in _FINISHED


_FINISHED = frozenset({BackupStatus.SUCCESS, BackupStatus.FAILED, BackupStatus.CANCELED})


@dataclass(frozen=True, slots=True)
class BackupStatusReturn:
    """The state of one backup or restore: its status, where it is stored, its size in GiB
    (0 until the server knows it) and the server's error if it failed."""

    backup_id: str
    status: BackupStatus
    path: str
    error: str | None
    size: float


@dataclass(frozen=True, slots=True)
class BackupReturn:
    """What `backup.create` and `backup.restore` report, with the collections involved."""

    backup_id: str
    status: BackupStatus
    path: str
    error: str | None
    size: float
    collections: list[str]


@dataclass(frozen=True, slots=True)
class BackupListReturn:
    """One backup of `backup.list_backups`."""

    backup_id: str
    status: BackupStatus
    collections: list[str]
    started_at: datetime | None
    completed_at: datetime | None
    size: float
    incremental_base_backup_id: str | None
