# Generated from wvorm_core/_async/export.py by scripts/unasync.py; do not edit.
"""`client.export`: export collections as Parquet files to a backup backend (Weaviate 1.37+)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal, overload

from wvorm_core._ops import export
from wvorm_core._ops.backup import Collections
from wvorm_core._ops.server import ServerVersion
from wvorm_core._polling import Poller
from wvorm_core._transport.base import Transport
from wvorm_core.classes.export import ExportFileFormat, ExportStorage
from wvorm_core.outputs.export import ExportCreateReturn, ExportStatusReturn


class ExportNamespace:
    """Collection exports (blocking); the server needs `EXPORT_ENABLED=true`."""

    def __init__(self, transport: Transport, version: Callable[[], ServerVersion]) -> None:
        self._transport = transport
        self._version = version

    @overload
    def create(
        self,
        *,
        export_id: str,
        backend: ExportStorage,
        file_format: ExportFileFormat,
        include_collections: Collections = None,
        exclude_collections: Collections = None,
        wait_for_completion: Literal[True],
    ) -> ExportStatusReturn: ...

    @overload
    def create(
        self,
        *,
        export_id: str,
        backend: ExportStorage,
        file_format: ExportFileFormat,
        include_collections: Collections = None,
        exclude_collections: Collections = None,
        wait_for_completion: Literal[False] = False,
    ) -> ExportCreateReturn: ...

    def create(
        self,
        *,
        export_id: str,
        backend: ExportStorage,
        file_format: ExportFileFormat,
        include_collections: Collections = None,
        exclude_collections: Collections = None,
        wait_for_completion: bool = False,
    ) -> ExportCreateReturn | ExportStatusReturn:
        """Export all collections, or those included / not excluded, one file each. With
        `wait_for_completion`, return the final status once it succeeded; raise
        `ExportFailedError` or `ExportCanceledError` if it did not."""
        version = self._version()
        started = self._transport.run(
            export.create(
                version, export_id, backend, file_format, include_collections, exclude_collections
            )
        )
        if not wait_for_completion:
            return started
        poller = Poller()
        while True:
            polled = self._transport.run(export.status(version, started.export_id, backend))
            if (done := export.settle(polled)) is not None:
                return done
            poller.pause()

    def get_status(self, *, export_id: str, backend: ExportStorage) -> ExportStatusReturn:
        """The state of an export, with each shard's progress."""
        return self._transport.run(export.status(self._version(), export_id, backend))

    def cancel(self, *, export_id: str, backend: ExportStorage) -> bool:
        """Cancel a running export; False if it had already finished."""
        return self._transport.run(export.cancel(self._version(), export_id, backend))
