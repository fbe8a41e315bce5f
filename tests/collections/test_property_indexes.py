"""Property indexes against the real server: dropping one, the v1.39 runtime reindex API
(enable, re-tokenize, rebuild, cancel, status, wait), and the schema-JSON config methods.

The polling and the errors raised before the network are also checked without a server.
"""

from __future__ import annotations

import pytest

from wvorm_core import WeaviateAsyncClient, WeaviateClient
from wvorm_core.classes.config import (
    Configure,
    DataType,
    Property,
    ReferenceProperty,
    Tokenization,
    collection_schema,
)
from wvorm_core.classes.filters import FilterExpression
from wvorm_core.classes.query import Filter
from wvorm_core.collections import Collection
from wvorm_core.exceptions import (
    UnexpectedStatusCodeError,
    WeaviateError,
    WeaviateInvalidInputError,
    WeaviateTimeoutError,
)
from wvorm_core.outputs import IndexStatus, IndexTaskStatus, PropertyIndexStatus
from wvorm_core.outputs.config import VectorIndexConfigHNSW
from wvorm_core.testing import Call, RestRequest, RestResponse, ScriptedTransport, json_response

TITLES = ["hello world", "hello there", "world"]


def _titles(col: Collection, filters: FilterExpression) -> list[str]:
    result = col.query.fetch_objects(filters=filters)
    return sorted(str(o.properties["title"]) for o in result.objects)


def test_delete_property_index(client: WeaviateClient, collection_name: str) -> None:
    col = client.collections.create(
        collection_name,
        properties=[
            Property(name="title", data_type=DataType.TEXT),
            Property(name="n", data_type=DataType.INT, index_range_filters=True),
        ],
    )
    assert col.config.delete_property_index("title", "filterable") is True
    assert col.config.delete_property_index("n", "rangeFilters") is True
    by_name = {p.name: p for p in col.config.get().properties}
    assert (by_name["title"].index_filterable, by_name["title"].index_searchable) == (False, True)
    assert (by_name["n"].index_filterable, by_name["n"].index_range_filters) == (True, False)
    # Dropping an index that is already off is a no-op on the server.
    assert col.config.delete_property_index("title", "filterable") is True
    with pytest.raises(UnexpectedStatusCodeError, match="not found"):
        col.config.delete_property_index("missing", "filterable")


def test_property_index_status_shape(client: WeaviateClient, collection_name: str) -> None:
    client.collections.create(collection_name)
    col = client.collections.create(
        f"{collection_name}_s",
        properties=[
            Property(name="title", data_type=DataType.TEXT, tokenization=Tokenization.WORD),
            Property(name="n", data_type=DataType.INT, index_filterable=False),
            Property(name="when", data_type=DataType.DATE, index_range_filters=True),
        ],
        references=[ReferenceProperty(name="link", target_collection=collection_name)],
    )
    try:
        statuses = col.config.get_property_indexes()
        ready = IndexStatus.READY
        assert statuses == [
            PropertyIndexStatus("title", "filterable", ready, tokenization=Tokenization.WORD),
            PropertyIndexStatus(
                "title", "searchable", ready, tokenization=Tokenization.WORD, algorithm="blockmax"
            ),
            PropertyIndexStatus("when", "filterable", ready),
            PropertyIndexStatus("when", "rangeFilters", ready),
            PropertyIndexStatus("link", "filterable", ready),
        ]
        assert not any(s.busy for s in statuses)
        assert col.config.wait_for_property_indexes(timeout=5) == statuses
    finally:
        client.collections.delete(f"{collection_name}_s")


def test_enable_filterable_index(client: WeaviateClient, collection_name: str) -> None:
    col = client.collections.create(
        collection_name,
        properties=[
            Property(name="title", data_type=DataType.TEXT),
            Property(name="n", data_type=DataType.INT, index_filterable=False),
        ],
    )
    assert not col.data.insert_many([{"title": t, "n": i} for i, t in enumerate(TITLES)]).errors
    with pytest.raises(WeaviateError, match=r"(?i)filterable"):
        col.query.fetch_objects(filters=Filter.by_property("n").equal(1))

    task = col.config.update_property_index("n", "filterable")
    assert task.status is IndexTaskStatus.STARTED
    assert task.task_id
    assert "enable-filterable" in task.task_id
    final = col.config.wait_for_property_indexes(timeout=60)
    [n_index] = [s for s in final if s.property_name == "n"]
    assert (n_index.index_name, n_index.status) == ("filterable", IndexStatus.READY)

    assert next(p for p in col.config.get().properties if p.name == "n").index_filterable
    assert _titles(col, Filter.by_property("n").equal(1)) == ["hello there"]
    again = col.config.update_property_index("n", "filterable")
    assert (again.status, again.task_id) == (IndexTaskStatus.NO_OP, None)


def test_change_tokenization(client: WeaviateClient, collection_name: str) -> None:
    col = client.collections.create(
        collection_name,
        properties=[
            Property(name="title", data_type=DataType.TEXT, tokenization=Tokenization.WORD)
        ],
    )
    assert not col.data.insert_many([{"title": t} for t in TITLES]).errors
    assert _titles(col, Filter.by_property("title").equal("hello")) == [
        "hello there",
        "hello world",
    ]
    assert len(col.query.bm25("world").objects) == 2

    task = col.config.update_property_index("title", "searchable", tokenization=Tokenization.FIELD)
    assert task.status is IndexTaskStatus.STARTED
    assert task.task_id
    during = {s.index_name: s for s in col.config.get_property_indexes()}
    for index in ("searchable", "filterable"):
        state = during[index]
        assert Tokenization.FIELD in (state.target_tokenization, state.tokenization)
        if state.busy:
            assert state.task_id == task.task_id
    col.config.wait_for_property_indexes(timeout=60)

    title = next(p for p in col.config.get().properties if p.name == "title")
    assert title.tokenization is Tokenization.FIELD
    # The whole string is now one token, for filters and for BM25 alike.
    assert _titles(col, Filter.by_property("title").equal("hello")) == []
    assert _titles(col, Filter.by_property("title").equal("hello world")) == ["hello world"]
    assert [o.properties["title"] for o in col.query.bm25("world").objects] == ["world"]
    unchanged = col.config.update_property_index(
        "title", "searchable", tokenization=Tokenization.FIELD
    )
    assert unchanged.status is IndexTaskStatus.NO_OP


def test_rebuild_and_cancel(client: WeaviateClient, collection_name: str) -> None:
    col = client.collections.create(
        collection_name, properties=[Property(name="title", data_type=DataType.TEXT)]
    )
    assert not col.data.insert_many([{"title": t} for t in TITLES]).errors
    idle = col.config.cancel_property_index("title", "searchable")
    assert (idle.status, idle.task_id) == (IndexTaskStatus.NO_OP, None)

    rebuild = col.config.rebuild_property_index("title", "searchable")
    assert rebuild.status is IndexTaskStatus.STARTED
    assert rebuild.task_id
    assert "rebuild-searchable" in rebuild.task_id
    cancel = col.config.cancel_property_index("title", "searchable")
    # A three-object rebuild may finish before the cancel arrives.
    if cancel.status is IndexTaskStatus.CANCELLED:
        assert cancel.task_id == rebuild.task_id
    else:
        assert cancel.status is IndexTaskStatus.NO_OP
    final = col.config.wait_for_property_indexes(timeout=60)
    searchable = next(s for s in final if s.index_name == "searchable")
    assert searchable.status in (IndexStatus.READY, IndexStatus.CANCELLED)
    assert len(col.query.bm25("hello").objects) == 2


def test_server_refusals_are_reported(client: WeaviateClient, collection_name: str) -> None:
    col = client.collections.create(
        collection_name, properties=[Property(name="n", data_type=DataType.INT)]
    )
    with pytest.raises(UnexpectedStatusCodeError, match="not a text type") as refused:
        col.config.update_property_index("n", "searchable", tokenization=Tokenization.WORD)
    assert refused.value.status_code == 400
    with pytest.raises(UnexpectedStatusCodeError, match="only valid for multi-tenant"):
        col.config.rebuild_property_index("n", "filterable", tenants=["t1"])


def test_rebuild_for_some_tenants(client: WeaviateClient, collection_name: str) -> None:
    col = client.collections.create(
        collection_name,
        properties=[Property(name="n", data_type=DataType.INT)],
        multi_tenancy_config=Configure.multi_tenancy(enabled=True),
    )
    col.tenants.create(["t1", "t2"])
    assert not col.with_tenant("t1").data.insert_many([{"n": 1}, {"n": 2}]).errors
    task = col.config.rebuild_property_index("n", "filterable", tenants=["t1", "t2"])
    assert task.status is IndexTaskStatus.STARTED
    col.config.wait_for_property_indexes(timeout=60)
    found = col.with_tenant("t1").query.fetch_objects(filters=Filter.by_property("n").equal(2))
    assert [o.properties["n"] for o in found.objects] == [2]
    with pytest.raises(UnexpectedStatusCodeError, match='tenant "nobody" does not exist'):
        col.config.rebuild_property_index("n", "filterable", tenants="nobody")


def test_update_from_dict_and_get_dict(client: WeaviateClient, collection_name: str) -> None:
    col = client.collections.create(
        collection_name,
        description="before",
        properties=[Property(name="title", data_type=DataType.TEXT)],
        vector_config=Configure.Vectors.self_provided(
            vector_index_config=Configure.VectorIndex.hnsw(ef=40, max_connections=24)
        ),
    )
    col.config.update_from_dict(
        {
            "description": "after",
            "vectorConfig": {"default": {"vectorIndexConfig": {"ef": 123}}},
        }
    )
    config = col.config.get()
    index = config.vector_config["default"].vector_index_config
    assert isinstance(index, VectorIndexConfigHNSW)
    assert (config.description, index.ef, index.max_connections) == ("after", 123, 24)
    raw = col.config.get_dict()
    assert raw["class"] == collection_name
    assert raw["description"] == "after"
    assert raw["vectorConfig"]["default"]["vectorIndexConfig"]["ef"] == 123  # type: ignore[index]
    # Lists replace: an empty property list is a change the server refuses.
    with pytest.raises(UnexpectedStatusCodeError, match="property fields"):
        col.config.update_from_dict({"properties": []})


def test_add_property_from_dict(client: WeaviateClient, collection_name: str) -> None:
    col = client.collections.create(
        collection_name, properties=[Property(name="title", data_type=DataType.TEXT)]
    )
    col.config.add_property_from_dict({"name": "year", "dataType": ["int"], "description": "y"})
    col.config.add_property_from_dict(
        {"name": "tags", "dataType": ["text[]"], "tokenization": "field"}
    )
    by_name = {p.name: p for p in col.config.get().properties}
    assert (by_name["year"].data_type, by_name["year"].description) == (DataType.INT, "y")
    assert (by_name["tags"].data_type, by_name["tags"].tokenization) == (
        DataType.TEXT_ARRAY,
        Tokenization.FIELD,
    )
    with pytest.raises(UnexpectedStatusCodeError, match="already in use"):
        col.config.add_property_from_dict({"name": "year", "dataType": ["int"]})


def test_collection_schema_is_the_create_body(client: WeaviateClient, collection_name: str) -> None:
    arguments: dict[str, object] = {
        "description": "d",
        "properties": [Property(name="title", data_type=DataType.TEXT)],
        "inverted_index_config": Configure.inverted_index(bm25_b=0.5),
    }
    body = collection_schema(collection_name, **arguments)  # type: ignore[arg-type]
    transport = ScriptedTransport(lambda call: json_response(body))
    WeaviateClient(transport=transport, skip_init_checks=True).collections.create(
        collection_name,
        **arguments,  # type: ignore[arg-type]
    )
    [sent] = transport.requests
    assert isinstance(sent, RestRequest)
    assert sent.json == body
    created = client.collections.create_from_dict(body)
    assert created.config.get().inverted_index_config.bm25.b == 0.5
    with pytest.raises(WeaviateInvalidInputError, match="duplicate"):
        collection_schema("X", properties=[Property(name="a", data_type=DataType.INT)] * 2)


async def test_async_property_indexes(
    async_client: WeaviateAsyncClient, collection_name: str
) -> None:
    col = await async_client.collections.create(
        collection_name,
        properties=[
            Property(name="title", data_type=DataType.TEXT, tokenization=Tokenization.WORD),
            Property(name="n", data_type=DataType.INT, index_filterable=False),
        ],
    )
    objects = [{"title": t, "n": i} for i, t in enumerate(TITLES)]
    assert not (await col.data.insert_many(objects)).errors
    assert (await col.config.cancel_property_index("title", "filterable")).status is (
        IndexTaskStatus.NO_OP
    )
    changed = await col.config.update_property_index(
        "title", "filterable", tokenization=Tokenization.FIELD
    )
    enabled = await col.config.update_property_index("n", "filterable")
    assert IndexTaskStatus.STARTED is changed.status is enabled.status
    await col.config.wait_for_property_indexes(timeout=60)
    statuses = {(s.property_name, s.index_name): s for s in await col.config.get_property_indexes()}
    assert statuses["title", "filterable"].tokenization is Tokenization.FIELD
    assert statuses["n", "filterable"].status is IndexStatus.READY
    found = await col.query.fetch_objects(filters=Filter.by_property("title").equal("world"))
    assert [o.properties["title"] for o in found.objects] == ["world"]

    assert await col.config.delete_property_index("n", "filterable") is True
    await col.config.update_from_dict({"description": "async"})
    await col.config.add_property_from_dict({"name": "year", "dataType": ["int"]})
    raw = await col.config.get_dict()
    assert raw["description"] == "async"
    config = await col.config.get()
    by_name = {p.name: p for p in config.properties}
    assert "year" in by_name
    assert not by_name["n"].index_filterable


# Without a server: the polling loop over recorded replies, and checks before the network.

BUSY = {
    "collection": "Books",
    "properties": [
        {
            "name": "title",
            "dataType": "text",
            "indexes": [
                {"type": "filterable", "status": "indexing", "progress": 0.25, "taskId": "t-1",
                 "tokenization": "word", "targetTokenization": "field"},
                {"type": "searchable", "status": "ready", "tokenization": "word",
                 "algorithm": "blockmax"},
            ],
        },
        {"name": "n", "dataType": "int", "indexes": None},
    ],
}  # fmt: skip


def _replying(body: object) -> ScriptedTransport:
    return ScriptedTransport(lambda call: json_response(body))


def _books(transport: ScriptedTransport) -> Collection:
    return WeaviateClient(transport=transport, skip_init_checks=True).collections.use("Books")


def test_status_reply_is_parsed() -> None:
    [busy, ready] = _books(_replying(BUSY)).config.get_property_indexes()
    assert busy == PropertyIndexStatus(
        "title", "filterable", IndexStatus.INDEXING, progress=0.25, task_id="t-1",
        tokenization=Tokenization.WORD, target_tokenization=Tokenization.FIELD,
    )  # fmt: skip
    assert busy.busy
    assert not ready.busy
    bad = {"properties": [{"name": "x", "indexes": [{"type": "vector", "status": "ready"}]}]}
    with pytest.raises(WeaviateError, match="unexpected entry"):
        _books(_replying(bad)).config.get_property_indexes()


def test_wait_times_out_naming_the_busy_indexes() -> None:
    transport = _replying(BUSY)
    with pytest.raises(WeaviateTimeoutError, match=r"'Books'.*0\.05s: title \(filterable\)"):
        _books(transport).config.wait_for_property_indexes(timeout=0.05, poll_interval=0.01)
    assert len(transport.requests) >= 2
    assert {(r.method, r.path) for r in transport.requests if isinstance(r, RestRequest)} == {
        ("GET", "/schema/Books/indexes")
    }


def test_wait_stops_on_a_failed_task() -> None:
    failed = {"properties": [{"name": "title", "indexes": [
        {"type": "searchable", "status": "failed", "taskId": "t-9"}]}]}  # fmt: skip
    with pytest.raises(WeaviateError, match=r"reindex failed for title \(searchable\) task t-9"):
        _books(_replying(failed)).config.wait_for_property_indexes(timeout=5)


def test_wait_returns_once_nothing_is_busy() -> None:
    replies = iter([BUSY, {"properties": []}])

    def answer(call: Call) -> RestResponse:
        return json_response(next(replies))

    transport = ScriptedTransport(answer)
    assert _books(transport).config.wait_for_property_indexes(poll_interval=0.01) == []
    assert len(transport.requests) == 2


def _refuse(call: Call) -> RestResponse:
    raise AssertionError(f"sent {call}")


BAD_CALLS = [
    ("index_name", lambda c: c.delete_property_index("title", "vector"), "index_name must be"),
    ("property", lambda c: c.update_property_index("1x", "filterable"), "invalid property name"),
    ("both", lambda c: c.update_property_index(
        "t", "searchable", tokenization=Tokenization.WORD, algorithm="blockmax"), "not both"),
    ("wand", lambda c: c.update_property_index("t", "searchable", algorithm="wand"), "blockmax"),
    ("algorithm_filterable",
     lambda c: c.update_property_index("t", "filterable", algorithm="blockmax"), "searchable"),
    ("tokenization_range", lambda c: c.update_property_index(
        "t", "rangeFilters", tokenization=Tokenization.WORD), "no tokenization"),
    ("tokenization_str", lambda c: c.update_property_index(
        "t", "searchable", tokenization="sentence"), "Tokenization"),
    ("no_tenants", lambda c: c.rebuild_property_index("t", "filterable", tenants=[]), "tenant"),
    ("comma_tenant", lambda c: c.rebuild_property_index("t", "filterable", tenants=["a,b"]),
     "tenant"),
    ("cancel", lambda c: c.cancel_property_index("t", "rangeable"), "index_name must be"),
    ("timeout", lambda c: c.wait_for_property_indexes(timeout=-1), "timeout"),
    ("poll", lambda c: c.wait_for_property_indexes(poll_interval=0), "poll_interval"),
    ("rename", lambda c: c.update_from_dict({"class": "Other"}), "cannot be renamed"),
    ("changes", lambda c: c.update_from_dict([("description", "x")]), "schema dict"),
    ("prop_dict", lambda c: c.add_property_from_dict(["x"]), "property dict"),
    ("prop_name", lambda c: c.add_property_from_dict({"name": "a b", "dataType": ["int"]}),
     "invalid property name"),
    ("prop_no_name", lambda c: c.add_property_from_dict({"dataType": ["int"]}), "'name'"),
    ("prop_type", lambda c: c.add_property_from_dict({"name": "a", "dataType": "int"}),
     "dataType"),
]  # fmt: skip


@pytest.mark.parametrize(("call"), [c[1:] for c in BAD_CALLS], ids=[c[0] for c in BAD_CALLS])
def test_bad_arguments_fail_before_the_network(call: tuple[object, str]) -> None:
    run, message = call
    transport = ScriptedTransport(_refuse)
    with pytest.raises(WeaviateInvalidInputError, match=message):
        run(_books(transport).config)  # type: ignore[operator]
    assert transport.requests == []
