"""Collection export over REST `/v1/export/{backend}` (Weaviate 1.37+): Parquet files of
the objects, written by a backup module."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import quote

from wvorm_core._ops import json_values as jv
from wvorm_core._ops.backup import (
    Collections,
    collection_filter,
    job_id,
    job_status,
    reply_object,
    storage,
    timestamp,
)
from wvorm_core._ops.calls import Op, rest
from wvorm_core._ops.server import ServerVersion
from wvorm_core.classes.export import ExportFileFormat, ExportStorage
from wvorm_core.exceptions import (
    ExportCanceledError,
    ExportFailedError,
    WeaviateInvalidInputError,
)
from wvorm_core.outputs.export import (
    ExportCreateReturn,
    ExportStatus,
    ExportStatusReturn,
    ShardExportStatus,
    ShardProgress,
)


def _require(version: ServerVersion) -> None:
    version.require("collection export", 1, 37)


def _started(
    data: jv.JsonObject, export_id: str, backend: ExportStorage
) -> tuple[str, str, str, ExportStatus, datetime | None, list[str]]:
    """The fields an export's create reply and status reply share, in field order."""
    return (
        jv.get(data, "id", str, export_id),
        jv.get(data, "backend", str, backend.value),
        jv.get(data, "path", str, ""),
        job_status(ExportStatus, data.get("status"), "export"),
        timestamp(data.get("startedAt")),
        list(jv.strings(data.get("classes")) or ()),
    )


def create(
    version: ServerVersion,
    export_id: str,
    backend: ExportStorage | str,
    file_format: ExportFileFormat,
    include: Collections = None,
    exclude: Collections = None,
) -> Op[ExportCreateReturn]:
    """Start exporting all collections, or those included / not excluded."""
    _require(version)
    export_id, backend = job_id(export_id, "export_id"), storage(backend)
    try:
        file_format = ExportFileFormat(file_format)
    except ValueError:
        raise WeaviateInvalidInputError(
            f"unknown file_format {file_format!r}: use ExportFileFormat.PARQUET"
        ) from None
    body = {
        "id": export_id,
        "file_format": file_format.value,
        **collection_filter(include, exclude),
    }
    context = f"create export {export_id!r}"
    reply = yield from rest("POST", f"/export/{backend.value}", json=body, context=context)
    data = reply_object(reply.json(), context)
    return ExportCreateReturn(*_started(data, export_id, backend))


def _progress(data: jv.JsonObject) -> ShardProgress:
    return ShardProgress(
        status=job_status(ShardExportStatus, data.get("status"), "shard export"),
        objects_exported=jv.get(data, "objectsExported", int, 0),
        error=jv.opt(data, "error", str) or None,
        skip_reason=jv.opt(data, "skipReason", str) or None,
    )


def status(
    version: ServerVersion, export_id: str, backend: ExportStorage | str
) -> Op[ExportStatusReturn]:
    """The state of an export, shard by shard."""
    _require(version)
    export_id, backend = job_id(export_id, "export_id"), storage(backend)
    context = f"status of export {export_id!r}"
    reply = yield from rest("GET", f"/export/{backend.value}/{quote(export_id)}", context=context)
    data = reply_object(reply.json(), context)
    shards = data.get("shardStatus")
    return ExportStatusReturn(
        *_started(data, export_id, backend),
        completed_at=timestamp(data.get("completedAt")),
        shard_status=(
            {
                collection: {name: _progress(jv.obj(p)) for name, p in jv.obj(per_shard).items()}
                for collection, per_shard in shards.items()
            }
            if isinstance(shards, dict)
            else None
        ),
        error=jv.opt(data, "error", str) or None,
        took_in_ms=jv.opt(data, "tookInMs", int),
    )


def settle(polled: ExportStatusReturn) -> ExportStatusReturn | None:
    """`polled` once the export succeeded, None while it runs; raise `ExportFailedError` or
    `ExportCanceledError` when it ended otherwise."""
    if not polled.status.is_finished:
        return None
    if polled.status is ExportStatus.FAILED:
        raise ExportFailedError(f"export {polled.export_id!r} failed: {polled.error}")
    if polled.status is ExportStatus.CANCELED:
        raise ExportCanceledError(f"export {polled.export_id!r} was canceled")
    return polled


def cancel(version: ServerVersion, export_id: str, backend: ExportStorage | str) -> Op[bool]:
    """Cancel a running export; False if it had already finished."""
    _require(version)
    export_id, backend = job_id(export_id, "export_id"), storage(backend)
    reply = yield from rest(
        "DELETE",
        f"/export/{backend.value}/{quote(export_id)}",
        ok=(204, 409),
        context=f"cancel export {export_id!r}",
    )
    return reply.status == 204
