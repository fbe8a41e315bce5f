"""`client.export`: export collections as Parquet files to a backup backend (Weaviate 1.37+)."""

from wvorm_core._async.export import AsyncExportNamespace
from wvorm_core._sync.export import ExportNamespace

__all__ = ["AsyncExportNamespace", "ExportNamespace"]
