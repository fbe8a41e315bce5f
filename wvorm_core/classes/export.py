"""Export inputs, in the shape of the official client's `weaviate.classes.export`."""

from __future__ import annotations

from enum import Enum

from wvorm_core.classes.backup import BackupStorage

__all__ = ["ExportFileFormat", "ExportStorage"]

ExportStorage = BackupStorage
"""Exports are written by the backup modules, to the same backends."""


class ExportFileFormat(str, Enum):
    """The format of the exported files: one file per collection."""

    PARQUET = "parquet"
