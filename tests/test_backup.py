"""`client.backup` against the real server (the `backup-filesystem` module)."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator

import pytest

import wvorm_core
from wvorm_core._ops import backup as backup_ops
from wvorm_core._ops.calls import RestRequest
from wvorm_core.alias import Alias
from wvorm_core.classes.backup import (
    BackupCompressionLevel,
    BackupConfigCreate,
    BackupConfigRestore,
    BackupLocation,
    BackupStorage,
)
from wvorm_core.classes.config import DataType, Property
from wvorm_core.exceptions import (
    BackupCanceledError,
    BackupFailedError,
    UnexpectedStatusCodeError,
    WeaviateInvalidInputError,
)
from wvorm_core.outputs.backup import BackupStatus
from wvorm_core.testing import ScriptedTransport, json_response

FS = BackupStorage.FILESYSTEM


def _backup_id() -> str:
    return f"b-{uuid.uuid4().hex[:12]}"


@pytest.fixture
def pair(client: wvorm_core.WeaviateClient, collection_name: str) -> Iterator[tuple[str, str]]:
    """Two collection names; both (and their alias) are deleted afterwards."""
    other = f"{collection_name}_b"
    yield collection_name, other
    client.alias.delete(alias_name=f"{collection_name}_alias")
    client.collections.delete(other)


def _fill(client: wvorm_core.WeaviateClient, name: str, titles: list[str]) -> None:
    client.collections.create(name, properties=[Property(name="title", data_type=DataType.TEXT)])
    result = client.collections.use(name).data.insert_many([{"title": t} for t in titles])
    assert not result.has_errors


def _titles(client: wvorm_core.WeaviateClient, name: str) -> list[str]:
    objects = client.collections.use(name).query.fetch_objects(limit=100).objects
    return sorted(str(o.properties["title"]) for o in objects)


def test_round_trip_with_alias(client: wvorm_core.WeaviateClient, pair: tuple[str, str]) -> None:
    first, second = pair
    alias = f"{first}_alias"
    _fill(client, first, ["Ada", "Grace"])
    _fill(client, second, ["Linus"])
    client.alias.create(alias_name=alias, target_collection=first)
    backup_id = _backup_id()

    created = client.backup.create(
        backup_id,
        FS,
        include_collections=[first, second],
        wait_for_completion=True,
        config=BackupConfigCreate(
            cpu_percentage=40, compression_level=BackupCompressionLevel.BEST_SPEED
        ),
    )
    assert created.status is BackupStatus.SUCCESS
    assert created.backup_id == backup_id
    assert sorted(created.collections) == sorted([first, second])
    assert created.path.endswith(backup_id)
    status = client.backup.get_create_status(backup_id, FS)
    assert status.status is BackupStatus.SUCCESS
    assert status.size > 0

    listed = {b.backup_id: b for b in client.backup.list_backups(FS)}
    assert sorted(listed[backup_id].collections) == sorted([first, second])
    assert listed[backup_id].started_at is not None
    assert listed[backup_id].completed_at is not None

    client.alias.delete(alias_name=alias)
    client.collections.delete([first, second])
    assert client.alias.get(alias_name=alias) is None

    restored = client.backup.restore(
        backup_id,
        FS,
        wait_for_completion=True,
        config=BackupConfigRestore(cpu_percentage=30),
    )
    assert restored.status is BackupStatus.SUCCESS
    assert sorted(restored.collections) == sorted([first, second])
    assert client.backup.get_restore_status(backup_id, FS).status is BackupStatus.SUCCESS
    assert _titles(client, first) == ["Ada", "Grace"]
    assert _titles(client, second) == ["Linus"]
    assert client.alias.get(alias_name=alias) == Alias(alias, first)
    assert _titles(client, alias) == ["Ada", "Grace"]


async def test_async_round_trip_with_alias(
    async_client: wvorm_core.WeaviateAsyncClient,
    client: wvorm_core.WeaviateClient,
    pair: tuple[str, str],
) -> None:
    first, second = pair
    alias = f"{first}_alias"
    _fill(client, first, ["Emmy"])
    _fill(client, second, ["Alan", "Barbara"])
    await async_client.alias.create(alias_name=alias, target_collection=second)
    backup_id = _backup_id()

    started = await async_client.backup.create(backup_id, FS, include_collections=[first, second])
    assert started.status is BackupStatus.STARTED
    status = await async_client.backup.get_create_status(backup_id, FS)
    while not status.status.is_finished:
        status = await async_client.backup.get_create_status(backup_id, FS)
    assert status.status is BackupStatus.SUCCESS
    await async_client.alias.delete(alias_name=alias)
    await async_client.collections.delete([first, second])

    restored = await async_client.backup.restore(
        backup_id, FS, include_collections=second, wait_for_completion=True
    )
    assert restored.collections == [second]
    assert _titles(client, second) == ["Alan", "Barbara"]
    assert not client.collections.exists(first)
    assert await async_client.alias.get(alias_name=alias) == Alias(alias, second)
    await async_client.backup.restore(
        backup_id, FS, exclude_collections=second, wait_for_completion=True
    )
    assert _titles(client, first) == ["Emmy"]

    later = _backup_id()
    await async_client.backup.create(later, FS, include_collections=first, wait_for_completion=True)
    listed = await async_client.backup.list_backups(FS, sort_by_starting_time_asc=True)
    ids = [b.backup_id for b in listed]
    assert ids.index(backup_id) < ids.index(later)


def test_restore_over_existing_collection_fails(
    client: wvorm_core.WeaviateClient, collection_name: str
) -> None:
    _fill(client, collection_name, ["x"])
    backup_id = _backup_id()
    client.backup.create(
        backup_id, FS, include_collections=collection_name, wait_for_completion=True
    )
    # The server accepts the restore, then fails it: the wait reports the server's reason.
    with pytest.raises(BackupFailedError, match="already exists"):
        client.backup.restore(backup_id, FS, wait_for_completion=True)


def test_exclude_and_location(
    client: wvorm_core.WeaviateClient, collection_name: str, server: object, tmp_path: object
) -> None:
    _fill(client, collection_name, ["kept"])
    other = f"{collection_name}_skip"
    _fill(client, other, ["skipped"])
    try:
        everything = [n for n in client.collections.list_all() if n != collection_name]
        location = BackupLocation.FileSystem(path=str(tmp_path))
        backup_id = _backup_id()
        created = client.backup.create(
            backup_id,
            FS,
            exclude_collections=everything,
            backup_location=location,
            wait_for_completion=True,
        )
        assert created.collections == [collection_name]
        assert created.path.startswith(str(tmp_path))
        status = client.backup.get_create_status(backup_id, FS, backup_location=location)
        assert status.status is BackupStatus.SUCCESS
        with pytest.raises(UnexpectedStatusCodeError, match="404"):
            client.backup.get_create_status(backup_id, FS)
    finally:
        client.collections.delete(other)


def test_cancel(client: wvorm_core.WeaviateClient, collection_name: str) -> None:
    _fill(client, collection_name, ["a"])
    backup_id = _backup_id()
    client.backup.create(backup_id, FS, include_collections=collection_name)
    assert client.backup.cancel(backup_id, FS) is True
    status = client.backup.get_create_status(backup_id, FS)
    while not status.status.is_finished:
        time.sleep(0.1)
        status = client.backup.get_create_status(backup_id, FS)
    # A one-object backup may be done before the cancel reaches it.
    assert status.status in (BackupStatus.CANCELED, BackupStatus.SUCCESS)


def _scripted(statuses: list[str]) -> tuple[wvorm_core.WeaviateClient, list[RestRequest]]:
    """A client whose server starts a backup, then reports `statuses` one poll at a time."""
    seen: list[RestRequest] = []

    def answer(call: object) -> object:
        assert isinstance(call, RestRequest)
        seen.append(call)
        if call.method == "POST":
            return json_response({"id": "b", "classes": ["A"], "status": "STARTED", "path": "/p"})
        return json_response({"id": "b", "status": statuses.pop(0), "path": "/p", "error": "disk"})

    return wvorm_core.WeaviateClient(transport=ScriptedTransport(answer)), seen


def test_wait_reports_the_end() -> None:
    client, seen = _scripted(["STARTED", "TRANSFERRING", "SUCCESS"])
    done = client.backup.create("b", FS, wait_for_completion=True)
    assert (done.status, done.collections, done.error) == (BackupStatus.SUCCESS, ["A"], "disk")
    assert [c.path for c in seen] == ["/backups/filesystem"] + ["/backups/filesystem/b"] * 3
    client, _ = _scripted(["CANCELED"])
    with pytest.raises(BackupCanceledError, match="'b' was canceled"):
        client.backup.restore("b", FS, wait_for_completion=True)
    client, _ = _scripted(["FAILED"])
    with pytest.raises(BackupFailedError, match="'b' failed: disk"):
        client.backup.create("b", FS, wait_for_completion=True)


def test_restore_and_list_requests() -> None:
    request = next(
        backup_ops.restore(
            "B",
            FS,
            exclude=["skipped"],
            config=BackupConfigRestore(cpu_percentage=20),
            location=BackupLocation.FileSystem(path="/mnt/b"),
            roles_restore="all",
            users_restore="noRestore",
            overwrite_alias=True,
        )
    )
    assert isinstance(request, RestRequest)
    assert (request.method, request.path) == ("POST", "/backups/filesystem/b/restore")
    assert request.json == {
        "exclude": ["Skipped"],
        "overwriteAlias": True,
        "config": {
            "CPUPercentage": 20,
            "Path": "/mnt/b",
            "rolesOptions": "all",
            "usersOptions": "noRestore",
        },
    }
    listing = next(backup_ops.list_backups("filesystem", ascending=True))
    assert isinstance(listing, RestRequest)
    assert listing.params == {"order": "asc"}
    status = next(backup_ops.status("b", FS, "restore", BackupLocation.S3(path="p", bucket="k")))
    assert isinstance(status, RestRequest)
    assert (status.path, status.params) == (
        "/backups/filesystem/b/restore",
        {"path": "p", "bucket": "k"},
    )


def test_bad_input_is_refused_before_the_network(client: wvorm_core.WeaviateClient) -> None:
    with pytest.raises(WeaviateInvalidInputError, match="backup_id"):
        client.backup.create("has space", FS)
    with pytest.raises(WeaviateInvalidInputError, match="not both"):
        client.backup.create("x", FS, include_collections="A", exclude_collections="B")
    with pytest.raises(WeaviateInvalidInputError, match="unknown backend"):
        client.backup.list_backups("tape")  # type: ignore[arg-type]
    with pytest.raises(WeaviateInvalidInputError, match="cpu_percentage"):
        BackupConfigCreate(cpu_percentage=95)
    with pytest.warns(DeprecationWarning, match="ChunkSize"):
        BackupConfigCreate(chunk_size=64)
    with pytest.raises(WeaviateInvalidInputError, match="bucket"):
        BackupLocation.S3(path="p", bucket="")


def test_create_request_payload() -> None:
    op = backup_ops.create(
        "Nightly",
        "filesystem",
        include=["article", "Author"],
        config=BackupConfigCreate(compression_level=BackupCompressionLevel.ZSTD_DEFAULT),
        location=BackupLocation.S3(path="daily", bucket="archive"),
        incremental_base_backup_id="Base",
    )
    request = next(op)
    assert isinstance(request, RestRequest)
    assert (request.method, request.path) == ("POST", "/backups/filesystem")
    assert request.json == {
        "id": "nightly",
        "include": ["Article", "Author"],
        "config": {
            "CompressionLevel": "ZstdDefaultCompression",
            "Path": "daily",
            "Bucket": "archive",
        },
        "incremental_base_backup_id": "base",
    }
