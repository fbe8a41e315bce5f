"""The classification checked against a real v1.39 server.

- every change classified IN_PLACE, applied the way the operation says (PUT of `apply_to`),
  sticks: the operation `is_applied` afterwards and the diff is empty;
- every REBUILD change, tried as a PUT anyway, is refused (422) or not kept (the diff still
  plans the same rebuild). A refused PUT of a vectorizer setting still shows the new setting
  in `GET /v1/schema` on v1.39.2, so the refusal is what counts;
- REINDEX and the property-index drop, sent to the v1.39 endpoints, end with an empty diff.
"""

from __future__ import annotations

import copy
import json
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from wvorm.migrate import (
    DropPropertyIndex,
    Rebuild,
    Reindex,
    Snapshot,
    StepKind,
    UpdateCollection,
    diff,
    normalize_class,
)

from .live_rest import Rest, RestError

FIXTURES = Path(__file__).parent / "fixtures"
Mutation = Callable[[Any], None]


def recorded_class(name: str) -> dict[str, Any]:
    document = json.loads((FIXTURES / f"{name}.json").read_text())
    cls: dict[str, Any] = normalize_class(document["class"])
    return cls


def fresh(api: Rest, fixture: str) -> str:
    """A new collection made from a recorded one (its self-references renamed too)."""
    cls = recorded_class(fixture)
    old = cls["class"]
    name = f"{old}_{uuid.uuid4().hex[:8]}"
    text = json.dumps(cls).replace(f'"{old}"', f'"{name}"')
    if fixture == "book":
        api("POST", "/schema", recorded_class("author")) if "Author" not in api.live() else None
    api("POST", "/schema", json.loads(text))
    return name


def prop(cls: Any, name: str) -> Any:
    return next(p for p in cls["properties"] if p["name"] == name)


def index_of(name: str) -> Callable[[Any], Any]:
    return lambda cls: cls["vectorConfig"][name]["vectorIndexConfig"]


def target_of(api: Rest, name: str, mutate: Mutation) -> Snapshot:
    target = copy.deepcopy(api.live())
    mutate(target[name])
    return target


def set_path(getter: Callable[[Any], Any], path: tuple[str, ...], value: object) -> Mutation:
    def mutate(cls: Any) -> None:
        config = getter(cls)
        for key in path[:-1]:
            config = config[key]
        config[path[-1]] = value

    return mutate


def whole(cls: Any) -> Any:
    return cls


IN_PLACE: dict[str, tuple[str, Mutation]] = {
    "description": ("book", set_path(whole, ("description",), "Books.")),
    "property description": (
        "book",
        lambda c: prop(c, "title").update(description="what it is called"),
    ),
    "nested description": (
        "book",
        lambda c: prop(c, "address")["nestedProperties"][1].update(description="road"),
    ),
    "hnsw ef": ("book", set_path(index_of("plain"), ("ef",), 90)),
    "hnsw dynamicEfMin": ("book", set_path(index_of("plain"), ("dynamicEfMin",), 50)),
    "hnsw dynamicEfMax": ("book", set_path(index_of("plain"), ("dynamicEfMax",), 300)),
    "hnsw dynamicEfFactor": ("book", set_path(index_of("plain"), ("dynamicEfFactor",), 4)),
    "hnsw flatSearchCutoff": ("book", set_path(index_of("plain"), ("flatSearchCutoff",), 900)),
    "hnsw filterStrategy": ("book", set_path(index_of("plain"), ("filterStrategy",), "sweeping")),
    "hnsw vectorCacheMaxObjects": (
        "book",
        set_path(index_of("plain"), ("vectorCacheMaxObjects",), 5000),
    ),
    "hnsw bq on": ("book", set_path(index_of("plain"), ("bq", "enabled"), True)),
    "hnsw pq on": ("book", set_path(index_of("plain"), ("pq", "enabled"), True)),
    "hnsw sq rescoreLimit": ("book", set_path(index_of("sq_vec"), ("sq", "rescoreLimit"), 99)),
    "flat vectorCacheMaxObjects": (
        "book",
        set_path(index_of("flat_vec"), ("vectorCacheMaxObjects",), 77),
    ),
    "flat bq rescoreLimit": ("book", set_path(index_of("flat_bq"), ("bq", "rescoreLimit"), 40)),
    "dynamic threshold": ("book", set_path(index_of("dyn_vec"), ("threshold",), 500)),
    "dynamic hnsw ef": ("book", set_path(index_of("dyn_vec"), ("hnsw", "ef"), 70)),
    "bm25": ("book", set_path(whole, ("invertedIndexConfig", "bm25", "b"), 0.6)),
    "stopwords": (
        "book",
        set_path(whole, ("invertedIndexConfig", "stopwords", "additions"), ["novel"]),
    ),
    "inverted cleanup": (
        "book",
        set_path(whole, ("invertedIndexConfig", "cleanupIntervalSeconds"), 90),
    ),
    "stopword presets": (
        "book",
        set_path(whole, ("invertedIndexConfig", "stopwordPresets", "verse"), ["line"]),
    ),
    "deletion strategy": (
        "book",
        set_path(whole, ("replicationConfig", "deletionStrategy"), "NoAutomatedResolution"),
    ),
    "reranker added": ("book", set_path(whole, ("moduleConfig", "reranker-dummy"), {})),
    "auto tenant creation": (
        "diary",
        set_path(whole, ("multiTenancyConfig", "autoTenantCreation"), True),
    ),
    "auto tenant activation": (
        "diary",
        set_path(whole, ("multiTenancyConfig", "autoTenantActivation"), True),
    ),
}


@pytest.mark.parametrize("case", list(IN_PLACE))
def test_in_place_changes_are_kept_by_the_server(api: Rest, case: str) -> None:
    fixture, mutate = IN_PLACE[case]
    name = fresh(api, fixture)
    target = target_of(api, name, mutate)
    plan = diff(api.live(), target)
    assert plan.steps, case
    for step in plan.steps:
        operation = step.operation
        assert isinstance(operation, UpdateCollection), plan.table()
        assert step.kind is StepKind.IN_PLACE
        api("PUT", f"/schema/{name}", operation.apply_to(api.raw_class(name)))
        assert operation.is_applied(api.live()), case
    remaining = diff(api.live(), target)
    assert remaining.is_empty, remaining.table()


REBUILD: dict[str, tuple[str, Mutation]] = {
    "hnsw efConstruction": ("book", set_path(index_of("plain"), ("efConstruction",), 64)),
    "hnsw maxConnections": ("book", set_path(index_of("plain"), ("maxConnections",), 8)),
    "hnsw distance": ("book", set_path(index_of("plain"), ("distance",), "dot")),
    "hnsw multivector": ("book", set_path(index_of("plain"), ("multivector", "enabled"), True)),
    "rq bits once on": ("book", set_path(index_of("rq_vec"), ("rq", "bits"), 1)),
    "flat bq on": ("book", set_path(index_of("flat_vec"), ("bq", "enabled"), True)),
    "flat distance": ("book", set_path(index_of("flat_vec"), ("distance",), "dot")),
    "dynamic distance": ("book", set_path(index_of("dyn_vec"), ("distance",), "dot")),
    "vectorizer module": (
        "book",
        lambda c: c["vectorConfig"]["body"].update(vectorizer={"text2vec-transformers": {}}),
    ),
    "vectorizer source properties": (
        "book",
        lambda c: c["vectorConfig"]["body"]["vectorizer"]["text2vec-bigram"].update(
            properties=["title", "summary"]
        ),
    ),
    "vectorizer setting": (
        "book",
        lambda c: c["vectorConfig"]["body"]["vectorizer"]["text2vec-bigram"].update(
            vectorizeClassName=False
        ),
    ),
    "vector index type": (
        "book",
        lambda c: c["vectorConfig"].update(plain=copy.deepcopy(c["vectorConfig"]["flat_vec"])),
    ),
    "data type": ("book", lambda c: prop(c, "pages").update(dataType=["number"])),
    "skip vectorization": (
        "book",
        lambda c: prop(c, "title")["moduleConfig"]["text2vec-bigram"].update(skip=True),
    ),
    "text analyzer": ("book", lambda c: prop(c, "folded").update(textAnalyzer={})),
    "index timestamps": ("book", set_path(whole, ("invertedIndexConfig", "indexTimestamps"), True)),
    "index null state": ("book", set_path(whole, ("invertedIndexConfig", "indexNullState"), True)),
    "index property length": (
        "book",
        set_path(whole, ("invertedIndexConfig", "indexPropertyLength"), True),
    ),
    "multi-tenancy on": ("author", set_path(whole, ("multiTenancyConfig", "enabled"), True)),
    "multi-tenancy off": ("diary", set_path(whole, ("multiTenancyConfig", "enabled"), False)),
    "sharding": ("book", set_path(whole, ("shardingConfig", "virtualPerPhysical"), 32)),
    "replication factor": ("book", set_path(whole, ("replicationConfig", "factor"), 2)),
    "generative removed": ("book", lambda c: c.pop("moduleConfig")),
}


def put_status(api: Rest, name: str, body: object) -> int | None:
    """None when the PUT is accepted, else the error status."""
    try:
        api("PUT", f"/schema/{name}", body)
    except RestError as error:
        return error.status
    return None


@pytest.mark.parametrize("case", list(REBUILD))
def test_rebuild_changes_are_refused_or_not_kept_in_place(api: Rest, case: str) -> None:
    fixture, mutate = REBUILD[case]
    name = fresh(api, fixture)
    target = target_of(api, name, mutate)
    planned = diff(api.live(), target)
    assert [type(s.operation) for s in planned.steps] == [Rebuild], planned.table()
    body = api.raw_class(name)
    mutate(body)
    status = put_status(api, name, body)
    if status is not None:
        assert status == 422, case
        return
    after = diff(api.live(), target)
    assert [s.operation for s in after.steps] == [s.operation for s in planned.steps]


def test_tokenization_and_index_flags_cannot_change_through_a_put(api: Rest) -> None:
    name = fresh(api, "book")
    for change in ({"tokenization": "field"}, {"indexFilterable": False}):
        body = api.raw_class(name)
        prop(body, "title").update(change)
        with pytest.raises(RestError) as refused:
            api("PUT", f"/schema/{name}", body)
        assert refused.value.status == 422


def test_nested_sub_property_cannot_be_added(api: Rest) -> None:
    name = fresh(api, "book")
    nested = [*prop(recorded_class("book"), "address")["nestedProperties"]]
    nested.append({"name": "city", "dataType": ["text"]})
    body = {"name": "address", "dataType": ["object"], "nestedProperties": nested}
    with pytest.raises(RestError) as refused:
        api("POST", f"/schema/{name}/properties", body)
    assert refused.value.status == 422


def wait_for_indexes(api: Rest, name: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        report = api("GET", f"/schema/{name}/indexes")
        assert isinstance(report, dict)
        states = {
            index.get("status")
            for entry in report.get("properties", [])
            for index in entry.get("indexes", [])
        }
        if states <= {"ready"}:
            return
        assert "failed" not in states, report
        time.sleep(0.2)
    raise AssertionError(f"indexes of {name} not ready: {report}")


REINDEX: dict[str, Mutation] = {
    "filterable on": lambda c: prop(c, "tags").update(indexFilterable=True),
    "searchable on": lambda c: prop(c, "summary").update(indexSearchable=True),
    "rangeFilters on": lambda c: prop(c, "pages").update(indexRangeFilters=True),
    "tokenization": lambda c: prop(c, "title").update(tokenization="field"),
    "filterable off": lambda c: prop(c, "title").update(indexFilterable=False),
    "searchable off": lambda c: prop(c, "title").update(indexSearchable=False),
    "rangeFilters off": lambda c: prop(c, "price").update(indexRangeFilters=False),
}


@pytest.mark.parametrize("case", list(REINDEX))
def test_index_steps_on_the_v1_39_endpoints_leave_nothing_to_do(api: Rest, case: str) -> None:
    name = fresh(api, "book")
    target = target_of(api, name, REINDEX[case])
    plan = diff(api.live(), target)
    assert len(plan.steps) == 1, plan.table()
    operation = plan.steps[0].operation
    path = f"/schema/{name}/properties/{getattr(operation, 'property', '')}/index"
    if isinstance(operation, Reindex):
        body = {} if operation.tokenization is None else {"tokenization": operation.tokenization}
        api("PUT", f"{path}/{operation.index}", body)
        wait_for_indexes(api, name)
    else:
        assert isinstance(operation, DropPropertyIndex), plan.table()
        api("DELETE", f"{path}/{operation.index}")
    assert operation.is_applied(api.live())
    remaining = diff(api.live(), target)
    assert remaining.is_empty, remaining.table()
