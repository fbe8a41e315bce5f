"""`client.export` against the real server (started with `EXPORT_ENABLED=true`)."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

import wvorm_core
from wvorm_core import WeaviateClient
from wvorm_core._ops.calls import RestRequest
from wvorm_core.classes.config import DataType, Property
from wvorm_core.classes.export import ExportFileFormat, ExportStorage
from wvorm_core.exceptions import (
    UnexpectedStatusCodeError,
    WeaviateInvalidInputError,
    WeaviateUnsupportedFeatureError,
)
from wvorm_core.outputs.export import ExportStatus, ShardExportStatus
from wvorm_core.testing import ScriptedTransport, json_response

FS = ExportStorage.FILESYSTEM
PARQUET = ExportFileFormat.PARQUET


def _export_id() -> str:
    return f"e-{uuid.uuid4().hex[:12]}"


def _fill(client: WeaviateClient, name: str, count: int) -> None:
    client.collections.create(name, properties=[Property(name="n", data_type=DataType.INT)])
    result = client.collections.use(name).data.insert_many([{"n": i} for i in range(count)])
    assert not result.has_errors


def test_export_round(client: WeaviateClient, collection_name: str) -> None:
    _fill(client, collection_name, 5)
    export_id = _export_id()
    done = client.export.create(
        export_id=export_id,
        backend=FS,
        file_format=PARQUET,
        include_collections=collection_name,
        wait_for_completion=True,
    )
    assert done.status is ExportStatus.SUCCESS
    assert done.collections == [collection_name]
    assert done.completed_at is not None
    assert done.started_at is not None
    assert done.completed_at >= done.started_at
    assert done.shard_status is not None
    [progress] = done.shard_status[collection_name].values()
    assert progress.status is ShardExportStatus.SUCCESS
    assert progress.objects_exported == 5
    written = [p.name for p in Path(done.path).rglob("*") if p.is_file()]
    assert any(name.endswith(".parquet") for name in written), written

    assert client.export.get_status(export_id=export_id, backend=FS) == done
    assert client.export.cancel(export_id=export_id, backend=FS) is False
    with pytest.raises(UnexpectedStatusCodeError, match="export not found"):
        client.export.get_status(export_id="no-such-export", backend=FS)
    with pytest.raises(WeaviateInvalidInputError, match="export_id"):
        client.export.create(export_id="bad id", backend=FS, file_format=PARQUET)


async def test_async_export(
    async_client: wvorm_core.WeaviateAsyncClient, client: WeaviateClient, collection_name: str
) -> None:
    _fill(client, collection_name, 3)
    export_id = _export_id()
    everything_else = [n for n in client.collections.list_all() if n != collection_name]
    started = await async_client.export.create(
        export_id=export_id,
        backend=FS,
        file_format=PARQUET,
        exclude_collections=everything_else,
    )
    assert started.status is ExportStatus.STARTED
    assert started.collections == [collection_name]
    status = await async_client.export.get_status(export_id=export_id, backend=FS)
    while not status.status.is_finished:
        status = await async_client.export.get_status(export_id=export_id, backend=FS)
    assert status.status is ExportStatus.SUCCESS
    assert status.shard_status is not None
    assert sum(p.objects_exported for p in status.shard_status[collection_name].values()) == 3


def test_export_needs_1_37() -> None:
    def old_server(call: object) -> object:
        assert isinstance(call, RestRequest)
        return json_response({"version": "1.36.9", "hostname": "", "modules": {}})

    client = WeaviateClient(transport=ScriptedTransport(old_server), skip_init_checks=True)
    client.connect()
    with pytest.raises(WeaviateUnsupportedFeatureError, match=r"collection export needs .*1\.37"):
        client.export.create(export_id="e", backend=FS, file_format=PARQUET)
