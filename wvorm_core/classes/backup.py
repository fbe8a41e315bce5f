"""Backup inputs, in the shape of the official client's `weaviate.classes.backup`."""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from enum import Enum
from typing import Literal

from wvorm_core.exceptions import WeaviateInvalidInputError

__all__ = [
    "BackupCompressionLevel",
    "BackupConfigCreate",
    "BackupConfigRestore",
    "BackupLocation",
    "BackupLocationType",
    "BackupStorage",
    "RestoreOption",
]


class BackupStorage(str, Enum):
    """The backend a backup is written to (its module must be enabled on the server)."""

    FILESYSTEM = "filesystem"
    S3 = "s3"
    GCS = "gcs"
    AZURE = "azure"


class BackupCompressionLevel(str, Enum):
    """How the backup's files are compressed."""

    DEFAULT = "DefaultCompression"
    BEST_SPEED = "BestSpeed"
    BEST_COMPRESSION = "BestCompression"
    ZSTD_DEFAULT = "ZstdDefaultCompression"
    ZSTD_BEST_SPEED = "ZstdBestSpeed"
    ZSTD_BEST_COMPRESSION = "ZstdBestCompression"
    NO_COMPRESSION = "NoCompression"


RestoreOption = Literal["noRestore", "all"]
"""Whether a restore brings back the RBAC roles or users stored in the backup."""


def _check_cpu_percentage(value: int | None) -> None:
    if value is not None and (type(value) is not int or not 1 <= value <= 80):
        raise WeaviateInvalidInputError(
            f"cpu_percentage must be an int from 1 to 80, got {value!r}"
        )


@dataclass(frozen=True)
class BackupConfigCreate:
    """Settings of `backup.create`: CPU share, compression; `chunk_size` (MB) is deprecated
    by Weaviate and has no effect since 1.27, so it is accepted with a warning and not sent."""

    cpu_percentage: int | None = None
    chunk_size: int | None = None
    compression_level: BackupCompressionLevel | None = None

    def __post_init__(self) -> None:
        _check_cpu_percentage(self.cpu_percentage)
        if self.chunk_size is not None:
            warnings.warn(
                "BackupConfigCreate(chunk_size=...) has no effect: Weaviate ignores ChunkSize",
                DeprecationWarning,
                stacklevel=3,
            )
        if self.compression_level is not None:
            level = self.compression_level
            try:
                object.__setattr__(self, "compression_level", BackupCompressionLevel(level))
            except ValueError:
                raise WeaviateInvalidInputError(
                    f"unknown compression_level {level!r}: use a BackupCompressionLevel"
                ) from None

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {}
        if self.cpu_percentage is not None:
            out["CPUPercentage"] = self.cpu_percentage
        if self.compression_level is not None:
            out["CompressionLevel"] = self.compression_level.value
        return out


@dataclass(frozen=True)
class BackupConfigRestore:
    """Settings of `backup.restore`: the share of CPU the restore may use (1-80 %)."""

    cpu_percentage: int | None = None

    def __post_init__(self) -> None:
        _check_cpu_percentage(self.cpu_percentage)

    def to_dict(self) -> dict[str, object]:
        return {} if self.cpu_percentage is None else {"CPUPercentage": self.cpu_percentage}


@dataclass(frozen=True)
class _FileSystemLocation:
    """A folder on the server other than its `BACKUP_FILESYSTEM_PATH`."""

    path: str

    def __post_init__(self) -> None:
        _check_location_part("path", self.path)

    def config(self) -> dict[str, str]:
        """The location in a create or restore request's `config`."""
        return {"Path": self.path}

    def params(self) -> dict[str, str]:
        """The location as the query of a status or cancel request."""
        return {"path": self.path}


@dataclass(frozen=True)
class _BucketLocation:
    """A bucket of a cloud backend and a path inside it."""

    path: str
    bucket: str

    def __post_init__(self) -> None:
        _check_location_part("path", self.path)
        _check_location_part("bucket", self.bucket)

    def config(self) -> dict[str, str]:
        return {"Path": self.path, "Bucket": self.bucket}

    def params(self) -> dict[str, str]:
        return {"path": self.path, "bucket": self.bucket}


def _check_location_part(name: str, value: str) -> None:
    if not isinstance(value, str) or not value:
        raise WeaviateInvalidInputError(f"a backup location needs a {name}, got {value!r}")


BackupLocationType = _FileSystemLocation | _BucketLocation
"""Any of the `BackupLocation` kinds."""


class BackupLocation:
    """Where one backup goes instead of the backend's default location (Weaviate 1.27.2+)."""

    FileSystem = _FileSystemLocation
    S3 = _BucketLocation
    GCP = _BucketLocation
    Azure = _BucketLocation
