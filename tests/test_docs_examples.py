"""The examples that docs/backup.md, docs/cluster.md and docs/tools.md include
(`examples/namespaces/`), run against the real server."""

from __future__ import annotations

import importlib.util
import uuid
from pathlib import Path
from types import ModuleType

import pytest

import wvorm_core
from wvorm_core import WeaviateClient
from wvorm_core.classes.config import DataType, Property
from wvorm_core.exceptions import UnexpectedStatusCodeError

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "namespaces"


def _example(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"namespaces_{name}", EXAMPLES / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_backup_round_trip(
    client: WeaviateClient, collection_name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    authors = f"{collection_name}_authors"
    try:
        titles = _example("backup").round_trip(client, collection_name, authors)
        assert titles == ["On gears", "On steam"]
        out = capsys.readouterr().out
        assert f"SUCCESS {sorted([authors, collection_name])}" in out
        assert f"collection='{collection_name}'" in out
    finally:
        client.alias.delete(alias_name=f"{collection_name}Latest")
        client.collections.delete(authors)


async def test_backup_follow(
    async_client: wvorm_core.WeaviateAsyncClient,
    client: WeaviateClient,
    collection_name: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    client.collections.create(collection_name)
    backup_id = f"follow-{uuid.uuid4().hex[:8]}"
    assert await _example("backup").follow(async_client, backup_id, collection_name) == "SUCCESS"
    assert f"['{backup_id}']" in capsys.readouterr().out


def test_export(client: WeaviateClient, collection_name: str) -> None:
    client.collections.create(collection_name)
    client.collections.use(collection_name).data.insert_many([{"n": 1}, {"n": 2}, {"n": 3}])
    export_id = f"docs-{uuid.uuid4().hex[:8]}"
    assert _example("backup").export_parquet(client, export_id, collection_name) == 3


def test_cluster_examples(client: WeaviateClient, collection_name: str) -> None:
    cluster = _example("cluster")
    client.collections.create(collection_name)
    report = cluster.shard_report(client, collection_name)
    [(key, count)] = report.items()
    assert key.startswith("node1/")
    assert count == 0
    operation_id = cluster.move_first_shard(client, collection_name, "node2")
    assert isinstance(operation_id, uuid.UUID)
    assert client.cluster.replications.get(uuid=operation_id) is not None
    client.cluster.replications.delete(uuid=operation_id)
    assert cluster.move_first_shard(client, "NoSuchCollection", "node2") is None


def test_tools_examples(
    client: WeaviateClient, collection_name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    tools = _example("tools")
    client.collections.create(
        collection_name, properties=[Property(name="title", data_type=DataType.TEXT)]
    )
    assert tools.tokens(client, collection_name) == ["hello", "world"]
    out = capsys.readouterr().out
    assert "['the', 'quick', 'brown', 'fox'] ['quick', 'brown', 'fox']" in out
    assert "['the', 'fox'] ['creme', 'brulee']" in out

    ident = client.collections.use(collection_name).data.insert({"title": "T"}, vector=[1.0, 0.0])
    assert tools.raw_object(client, collection_name, ident) == {"title": "T"}
    assert tools.raw_object(client, collection_name, uuid.uuid4()) is None
    with pytest.warns(DeprecationWarning, match="GraphQL"):
        assert tools.count_with_graphql(client, collection_name) == [{"meta": {"count": 1}}]
    assert tools.identity_provider(client) is None
    numbers = f"{collection_name}_n"
    client.collections.create(numbers, properties=[Property(name="title", data_type=DataType.INT)])
    try:
        with pytest.raises(UnexpectedStatusCodeError, match="tokenization is not enabled"):
            tools.tokens(client, numbers)
    finally:
        client.collections.delete(numbers)
