"""Back up two collections and an alias, restore them, export one (docs/backup.md)."""

from __future__ import annotations

from wvorm_core import WeaviateAsyncClient, WeaviateClient
from wvorm_core.classes.backup import BackupCompressionLevel, BackupConfigCreate, BackupStorage
from wvorm_core.classes.config import DataType, Property
from wvorm_core.classes.export import ExportFileFormat, ExportStorage


# --8<-- [start:round_trip]
def round_trip(
    client: WeaviateClient, articles: str = "Article", authors: str = "Author"
) -> list[str]:
    """Back up two collections and an alias of one; drop all three; restore them."""
    latest = f"{articles}Latest"
    client.collections.create(
        articles, properties=[Property(name="title", data_type=DataType.TEXT)]
    )
    client.collections.create(authors, properties=[Property(name="name", data_type=DataType.TEXT)])
    client.collections.use(articles).data.insert_many(
        [{"title": "On gears"}, {"title": "On steam"}]
    )
    client.collections.use(authors).data.insert({"name": "Ada"})
    client.alias.create(alias_name=latest, target_collection=articles)

    backup_id = f"{articles}-nightly".lower()
    created = client.backup.create(
        backup_id,
        BackupStorage.FILESYSTEM,
        include_collections=[articles, authors],
        wait_for_completion=True,  # poll until SUCCESS; raises BackupFailedError on failure
        config=BackupConfigCreate(compression_level=BackupCompressionLevel.BEST_SPEED),
    )
    print(created.status.value, sorted(created.collections))

    client.alias.delete(alias_name=latest)
    client.collections.delete([articles, authors])

    client.backup.restore(backup_id, BackupStorage.FILESYSTEM, wait_for_completion=True)
    print(client.alias.get(alias_name=latest))  # the alias is back, pointing at `articles`
    restored = client.collections.use(latest).query.fetch_objects()
    return sorted(str(o.properties["title"]) for o in restored.objects)


# --8<-- [end:round_trip]


# --8<-- [start:follow]
async def follow(client: WeaviateAsyncClient, backup_id: str, collection: str) -> str:
    """Start a backup without waiting, then follow its status (asyncio)."""
    started = await client.backup.create(
        backup_id, BackupStorage.FILESYSTEM, include_collections=collection
    )
    status = await client.backup.get_create_status(started.backup_id, BackupStorage.FILESYSTEM)
    while not status.status.is_finished:
        status = await client.backup.get_create_status(backup_id, BackupStorage.FILESYSTEM)
    listed = await client.backup.list_backups(BackupStorage.FILESYSTEM)
    print([b.backup_id for b in listed if b.backup_id == backup_id])
    return status.status.value


# --8<-- [end:follow]


# --8<-- [start:export]
def export_parquet(client: WeaviateClient, export_id: str, collection: str) -> int:
    """Export `collection` as Parquet files; the number of objects written."""
    done = client.export.create(
        export_id=export_id,
        backend=ExportStorage.FILESYSTEM,
        file_format=ExportFileFormat.PARQUET,
        include_collections=collection,
        wait_for_completion=True,
    )
    print(done.status.value, done.path)
    shards = (done.shard_status or {}).get(collection, {})
    return sum(progress.objects_exported for progress in shards.values())


# --8<-- [end:export]
