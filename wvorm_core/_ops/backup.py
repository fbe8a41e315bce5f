"""Backups over REST `/v1/backups/{backend}`: create, restore, status, cancel, list."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from enum import Enum
from typing import Literal, TypeVar
from urllib.parse import quote

from wvorm_core._ops import json_values as jv
from wvorm_core._ops.calls import Op, rest
from wvorm_core.classes.backup import (
    BackupConfigCreate,
    BackupConfigRestore,
    BackupLocationType,
    BackupStorage,
    RestoreOption,
)
from wvorm_core.classes.config import check_collection_name
from wvorm_core.exceptions import (
    BackupCanceledError,
    BackupFailedError,
    WeaviateError,
    WeaviateInvalidInputError,
)
from wvorm_core.outputs.backup import (
    BackupListReturn,
    BackupReturn,
    BackupStatus,
    BackupStatusReturn,
)

Collections = str | Sequence[str] | None
"""One collection name, several, or None for all."""

BackupOperation = Literal["create", "restore"]

_State = TypeVar("_State", bound=Enum)

_JOB_ID = re.compile(r"^[a-z0-9_-]+$")
_FRACTION = re.compile(r"(\.\d{6})\d+")


def job_id(value: str, what: str = "backup_id") -> str:
    """The id lowercased, as Weaviate stores it; raise if it has other characters."""
    if not isinstance(value, str) or not _JOB_ID.match(value.lower()):
        raise WeaviateInvalidInputError(
            f"invalid {what} {value!r}: use letters, digits, _ and - (ids are case-insensitive)"
        )
    return value.lower()


def storage(backend: BackupStorage | str) -> BackupStorage:
    try:
        return BackupStorage(backend.lower() if isinstance(backend, str) else backend)
    except ValueError:
        names = ", ".join(s.value for s in BackupStorage)
        raise WeaviateInvalidInputError(
            f"unknown backend {backend!r}: use one of {names}"
        ) from None


def collection_filter(include: Collections, exclude: Collections) -> dict[str, list[str]]:
    """The `include` or `exclude` list of a request; both at once is an error."""
    included, excluded = _names(include, "include"), _names(exclude, "exclude")
    if included and excluded:
        raise WeaviateInvalidInputError("give include_collections or exclude_collections, not both")
    if included:
        return {"include": included}
    return {"exclude": excluded} if excluded else {}


def _names(value: Collections, what: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [check_collection_name(value)]
    if not isinstance(value, Sequence):
        raise WeaviateInvalidInputError(
            f"{what}_collections must be a name or a list of names, got {type(value).__name__}"
        )
    return [check_collection_name(name) for name in value]


def timestamp(value: object) -> datetime | None:
    """An RFC 3339 time of the server (nanoseconds cut to micro); None if absent or zero."""
    if not isinstance(value, str) or not value or value.startswith("0001-01-01"):
        return None
    try:
        return datetime.fromisoformat(_FRACTION.sub(r"\1", value.replace("Z", "+00:00")))
    except ValueError:
        return None


def _path(backend: BackupStorage, backup_id: str, operation: BackupOperation) -> str:
    tail = "/restore" if operation == "restore" else ""
    return f"/backups/{backend.value}/{quote(backup_id)}{tail}"


def job_status(kind: type[_State], value: object, job: str) -> _State:
    """The `kind` member a job's (or shard's) status names; a `WeaviateError` otherwise."""
    try:
        return kind(value)
    except ValueError:
        raise WeaviateError(f"unexpected {job} status {value!r}") from None


def reply_object(body: object, context: str) -> jv.JsonObject:
    """A reply body that must be a JSON object; a `WeaviateError` naming `context` otherwise."""
    if not isinstance(body, dict):
        raise WeaviateError(f"{context}: unexpected reply {body!r}")
    return body


def _job(body: jv.JsonObject, backup_id: str) -> BackupReturn:
    return BackupReturn(
        backup_id=jv.get(body, "id", str, backup_id),
        status=job_status(BackupStatus, body.get("status"), "backup"),
        path=jv.get(body, "path", str, ""),
        error=jv.opt(body, "error", str) or None,
        size=jv.get(body, "size", float, 0.0),
        collections=list(jv.strings(body.get("classes")) or ()),
    )


def create(
    backup_id: str,
    backend: BackupStorage | str,
    include: Collections = None,
    exclude: Collections = None,
    config: BackupConfigCreate | None = None,
    location: BackupLocationType | None = None,
    incremental_base_backup_id: str | None = None,
) -> Op[BackupReturn]:
    """Start a backup; the reply says STARTED (poll `create_status` to follow it)."""
    backup_id, backend = job_id(backup_id), storage(backend)
    body: dict[str, object] = {"id": backup_id, **collection_filter(include, exclude)}
    settings = {**(config.to_dict() if config else {}), **(location.config() if location else {})}
    if settings:
        body["config"] = settings
    if incremental_base_backup_id is not None:
        body["incremental_base_backup_id"] = job_id(
            incremental_base_backup_id, "incremental_base_backup_id"
        )
    context = f"create backup {backup_id!r}"
    reply = yield from rest("POST", f"/backups/{backend.value}", json=body, context=context)
    return _job(reply_object(reply.json(), context), backup_id)


def restore(
    backup_id: str,
    backend: BackupStorage | str,
    include: Collections = None,
    exclude: Collections = None,
    config: BackupConfigRestore | None = None,
    location: BackupLocationType | None = None,
    roles_restore: RestoreOption | None = None,
    users_restore: RestoreOption | None = None,
    overwrite_alias: bool = False,
) -> Op[BackupReturn]:
    """Start restoring a backup; the collections it restores must not exist."""
    backup_id, backend = job_id(backup_id), storage(backend)
    body: dict[str, object] = {**collection_filter(include, exclude)}
    if overwrite_alias:
        body["overwriteAlias"] = True
    settings: dict[str, object] = {
        **(config.to_dict() if config else {}),
        **(location.config() if location else {}),
    }
    for key, option in (("rolesOptions", roles_restore), ("usersOptions", users_restore)):
        if option is not None:
            if option not in ("noRestore", "all"):
                raise WeaviateInvalidInputError(f"{key}: use 'noRestore' or 'all', got {option!r}")
            settings[key] = option
    if settings:
        body["config"] = settings
    context = f"restore backup {backup_id!r}"
    path = _path(backend, backup_id, "restore")
    reply = yield from rest("POST", path, json=body, context=context)
    return _job(reply_object(reply.json(), context), backup_id)


def status(
    backup_id: str,
    backend: BackupStorage | str,
    operation: BackupOperation,
    location: BackupLocationType | None = None,
) -> Op[BackupStatusReturn]:
    """The state of a backup's creation or restore."""
    backup_id, backend = job_id(backup_id), storage(backend)
    context = f"{operation} status of backup {backup_id!r}"
    params = location.params() if location else None
    reply = yield from rest(
        "GET", _path(backend, backup_id, operation), params=params, context=context
    )
    job = _job(reply_object(reply.json(), context), backup_id)
    return BackupStatusReturn(job.backup_id, job.status, job.path, job.error, job.size)


def settle(
    job: BackupReturn, polled: BackupStatusReturn, operation: BackupOperation
) -> BackupReturn | None:
    """`job` updated from a status poll once it succeeded, None while it runs; raise
    `BackupFailedError` or `BackupCanceledError` when it ended otherwise."""
    if not polled.status.is_finished:
        return None
    what = "backup" if operation == "create" else "restore of backup"
    if polled.status is BackupStatus.FAILED:
        raise BackupFailedError(f"{what} {job.backup_id!r} failed: {polled.error}")
    if polled.status is BackupStatus.CANCELED:
        raise BackupCanceledError(f"{what} {job.backup_id!r} was canceled")
    return BackupReturn(
        job.backup_id,
        polled.status,
        polled.path or job.path,
        polled.error,
        polled.size or job.size,
        job.collections,
    )


def cancel(
    backup_id: str,
    backend: BackupStorage | str,
    operation: BackupOperation = "create",
    location: BackupLocationType | None = None,
) -> Op[bool]:
    """Cancel a running backup or restore; False if there was none to cancel."""
    backup_id, backend = job_id(backup_id), storage(backend)
    if operation not in ("create", "restore"):
        raise WeaviateInvalidInputError(
            f"operation must be 'create' or 'restore', got {operation!r}"
        )
    reply = yield from rest(
        "DELETE",
        _path(backend, backup_id, operation),
        params=location.params() if location else None,
        ok=(204, 404),
        context=f"cancel {operation} of backup {backup_id!r}",
    )
    return reply.status == 204


def list_backups(
    backend: BackupStorage | str, ascending: bool = False
) -> Op[list[BackupListReturn]]:
    """Every backup the backend holds, newest first unless `ascending`."""
    backend = storage(backend)
    reply = yield from rest(
        "GET",
        f"/backups/{backend.value}",
        params={"order": "asc"} if ascending else {"order": "desc"},
        context=f"list backups on {backend.value}",
    )
    return [_listed(jv.obj(item)) for item in jv.items(reply.json())]


def _listed(body: jv.JsonObject) -> BackupListReturn:
    return BackupListReturn(
        backup_id=jv.get(body, "id", str, ""),
        status=job_status(BackupStatus, body.get("status"), "backup"),
        collections=list(jv.strings(body.get("classes")) or ()),
        started_at=timestamp(body.get("startedAt")),
        completed_at=timestamp(body.get("completedAt")),
        size=jv.get(body, "size", float, 0.0),
        incremental_base_backup_id=jv.opt(body, "incremental_base_backup_id", str) or None,
    )
