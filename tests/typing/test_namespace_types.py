"""Static types of the backup, export, cluster, tokenization and debug namespaces, checked by
`mypy --strict` (never executed)."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from typing_extensions import assert_type

import wvorm_core
from wvorm_core.classes.backup import BackupStorage
from wvorm_core.classes.debug import DebugRESTObject
from wvorm_core.classes.export import ExportFileFormat, ExportStorage
from wvorm_core.classes.tokenization import Tokenization
from wvorm_core.outputs.backup import (
    BackupListReturn,
    BackupReturn,
    BackupStatus,
    BackupStatusReturn,
)
from wvorm_core.outputs.cluster import (
    ClusterStatistics,
    NodeMinimal,
    NodeVerbose,
    Shard,
    ShardingState,
    Stats,
)
from wvorm_core.outputs.export import ExportCreateReturn, ExportStatusReturn, ShardProgress
from wvorm_core.outputs.graphql import OpenIDConfiguration, RawGQLReturn
from wvorm_core.outputs.replication import (
    ReplicateForceDeleteReturn,
    ReplicateOperationStatus,
    ReplicateOperationWithHistory,
    ReplicateOperationWithoutHistory,
    ReplicationScalePlan,
)
from wvorm_core.outputs.tokenization import TokenizeResult

FS = BackupStorage.FILESYSTEM


def check_backup(client: wvorm_core.WeaviateClient) -> None:
    created = client.backup.create("b1", FS, include_collections=["A"], wait_for_completion=True)
    assert_type(created, BackupReturn)
    assert_type(created.status, BackupStatus)
    assert_type(created.collections, list[str])
    assert_type(client.backup.get_create_status("b1", FS), BackupStatusReturn)
    assert_type(client.backup.restore("b1", FS).error, str | None)
    assert_type(client.backup.get_restore_status("b1", FS).size, float)
    assert_type(client.backup.cancel("b1", FS, operation="restore"), bool)
    listed = client.backup.list_backups(FS)
    assert_type(listed, list[BackupListReturn])
    assert_type(listed[0].started_at, datetime | None)


def check_cluster(client: wvorm_core.WeaviateClient) -> None:
    assert_type(client.cluster.nodes(), list[NodeMinimal])
    assert_type(client.cluster.nodes(output="minimal")[0].shards, None)
    verbose = client.cluster.nodes("A", output="verbose")
    assert_type(verbose, list[NodeVerbose])
    assert_type(verbose[0].shards, list[Shard])
    assert_type(verbose[0].stats, Stats)
    assert_type(verbose[0].shards[0].object_count, int)
    assert_type(client.cluster.statistics(), ClusterStatistics)
    assert_type(client.cluster.query_sharding_state(collection="A"), ShardingState | None)
    op_id = client.cluster.replicate(collection="A", shard="s", source_node="a", target_node="b")
    assert_type(op_id, UUID)
    replications = client.cluster.replications
    assert_type(replications.get(uuid=op_id), ReplicateOperationWithoutHistory | None)
    full = replications.get(uuid=op_id, include_history=True)
    assert_type(full, ReplicateOperationWithHistory | None)
    if full is not None:
        assert_type(full.status_history, list[ReplicateOperationStatus])
    assert_type(replications.list_all(), list[ReplicateOperationWithHistory])
    assert_type(replications.query(collection="A"), list[ReplicateOperationWithoutHistory])
    assert_type(replications.query(include_history=True), list[ReplicateOperationWithHistory])
    plan = replications.get_scale_plan(collection="A", replication_factor=3)
    assert_type(plan, ReplicationScalePlan)
    assert_type(plan.shard_scale_actions["s"].add_nodes, dict[str, str | None])
    assert_type(replications.apply_scale_plan(plan).operation_ids, list[UUID])
    assert_type(replications.force_delete(node="b", dry_run=True), ReplicateForceDeleteReturn)


def check_export(client: wvorm_core.WeaviateClient) -> None:
    fs, parquet = ExportStorage.FILESYSTEM, ExportFileFormat.PARQUET
    started = client.export.create(export_id="e", backend=fs, file_format=parquet)
    assert_type(started, ExportCreateReturn)
    done = client.export.create(
        export_id="e", backend=fs, file_format=parquet, wait_for_completion=True
    )
    assert_type(done, ExportStatusReturn)
    assert_type(done.shard_status, dict[str, dict[str, ShardProgress]] | None)
    assert_type(client.export.get_status(export_id="e", backend=fs), ExportStatusReturn)
    assert_type(client.export.cancel(export_id="e", backend=fs), bool)


def check_tools(client: wvorm_core.WeaviateClient) -> None:
    result = client.tokenization.text("x", Tokenization.WORD)
    assert_type(result, TokenizeResult)
    assert_type(result.query, list[str])
    assert_type(client.tokenization.for_property("A", "title", "x"), TokenizeResult)
    fetched = client.debug.get_object_over_rest("A", "0a7c1b2e-0000-4000-8000-000000000000")
    assert_type(fetched, DebugRESTObject | None)
    assert_type(client.graphql_raw_query("{ Get { A { n } } }"), RawGQLReturn)
    assert_type(client.get_open_id_configuration(), OpenIDConfiguration | None)


async def check_async(client: wvorm_core.WeaviateAsyncClient) -> None:
    assert_type(await client.backup.create("b1", FS), BackupReturn)
    assert_type(await client.backup.list_backups(FS), list[BackupListReturn])
    assert_type(await client.cluster.nodes(output="verbose"), list[NodeVerbose])
    assert_type(await client.cluster.nodes(), list[NodeMinimal])
    assert_type(
        await client.cluster.replications.get(uuid="x", include_history=True),
        ReplicateOperationWithHistory | None,
    )
    assert_type(
        await client.export.create(
            export_id="e",
            backend=ExportStorage.FILESYSTEM,
            file_format=ExportFileFormat.PARQUET,
            wait_for_completion=True,
        ),
        ExportStatusReturn,
    )
    assert_type(await client.tokenization.text("x", Tokenization.WORD), TokenizeResult)
    assert_type(await client.debug.get_object_over_rest("A", "x"), DebugRESTObject | None)
    assert_type(await client.graphql_raw_query("{ Get { A { n } } }"), RawGQLReturn)
    assert_type(await client.get_open_id_configuration(), OpenIDConfiguration | None)
