"""Operations: source round-trips, pure `is_applied`, `apply_to`; the plan's outputs."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

import wvorm.migrate.operations as operations_module
from wvorm.migrate import (
    FLAGS,
    AddProperty,
    AddVector,
    CreateCollection,
    DropCollection,
    DropPropertyIndex,
    Operation,
    Rebuild,
    Reindex,
    RenameCollection,
    Risk,
    Snapshot,
    StepKind,
    UpdateCollection,
    diff,
)
from wvorm_core.exceptions import WeaviateInvalidInputError

NAMESPACE = {name: getattr(operations_module, name) for name in operations_module.__all__}
QUESTION = {"class": "Question", "properties": [{"name": "text", "dataType": ["text"]}]}

EXAMPLES: list[Operation] = [
    CreateCollection(collection="Question", schema=QUESTION),
    DropCollection(collection="Question"),
    UpdateCollection(
        collection="Question",
        changes={"description": "Qs", "properties": {"text": {"description": "the text"}}},
        previous={"description": None, "properties": {"text": {"description": None}}},
    ),
    AddProperty(collection="Question", property={"name": "difficulty", "dataType": ["int"]}),
    AddVector(
        collection="Question",
        vector="v",
        config={"vectorizer": {"none": {}}, "vectorIndexType": "hnsw"},
        properties={"text": {"text2vec-bigram": {"skip": False}}},
    ),
    DropPropertyIndex(collection="Question", property="text", index="searchable"),
    Reindex(collection="Question", property="text", index="searchable", tokenization="field"),
    Rebuild(
        collection="Question",
        reason="data type",
        changes=("property 'text': data type text -> int",),
        schema=QUESTION,
        vectors=("v",),
        drops=("old",),
    ),
    RenameCollection(collection="Query", renamed_from="Question", schema=QUESTION),
]


@pytest.mark.parametrize("operation", EXAMPLES, ids=lambda op: type(op).__name__)
def test_source_evaluates_back_to_the_operation(operation: Operation) -> None:
    text = operation.source()
    assert (
        text.replace("\n", "")
        .replace(" ", "")
        .startswith(f"{type(operation).__name__}(collection=")
    )
    assert eval(text, dict(NAMESPACE)) == operation


@pytest.mark.parametrize("operation", EXAMPLES, ids=lambda op: type(op).__name__)
def test_every_operation_describes_itself_in_one_line(operation: Operation) -> None:
    text = operation.describe()
    assert "\n" not in text
    assert operation.collection in text or "Question" in text


def test_add_property_source_reads_like_the_revision_file() -> None:
    op = AddProperty(collection="Question", property={"name": "difficulty", "dataType": ["int"]})
    assert op.source() == (
        'AddProperty(collection="Question", property={"name": "difficulty", "dataType": ["int"]})'
    )


def test_is_applied_follows_the_live_snapshot() -> None:
    live: Snapshot = {"Question": copy.deepcopy(QUESTION)}
    add = AddProperty("Question", {"name": "difficulty", "dataType": ["int"]})
    assert not add.is_applied(live)
    live["Question"]["properties"].append({"name": "difficulty", "dataType": ["int"]})  # type: ignore[attr-defined]
    assert add.is_applied(live)
    assert CreateCollection("Question", QUESTION).is_applied(live)
    assert not DropCollection("Question").is_applied(live)
    assert DropCollection("Gone").is_applied(live)
    assert not RenameCollection("Query", "Question", QUESTION).is_applied(live)
    assert RenameCollection("Question", "Old", QUESTION).is_applied(live)


def test_index_operations_read_the_property_flags() -> None:
    prop: dict[str, Any] = {"name": "text", "dataType": ["text"], "indexSearchable": True}
    live: Snapshot = {"Question": {"class": "Question", "properties": [prop]}}
    assert not DropPropertyIndex("Question", "text", "searchable").is_applied(live)
    assert Reindex("Question", "text", "searchable").is_applied(live)
    assert not Reindex("Question", "text", "searchable", "field").is_applied(live)
    prop.update(indexSearchable=False)
    assert DropPropertyIndex("Question", "text", "searchable").is_applied(live)
    assert not Reindex("Question", "missing", "filterable").is_applied(live)


def test_update_merges_into_the_live_class_and_deletes_with_none() -> None:
    live = {
        "class": "Question",
        "moduleConfig": {"generative-dummy": {}},
        "properties": [{"name": "text", "dataType": ["text"]}],
    }
    op = UpdateCollection(
        "Question",
        {
            "moduleConfig": {"generative-dummy": None, "generative-openai": {"model": "m"}},
            "properties": {"text": {"description": "d"}},
        },
    )
    body = op.apply_to(live)
    assert body["moduleConfig"] == {"generative-openai": {"model": "m"}}
    assert body["properties"] == [{"name": "text", "dataType": ["text"], "description": "d"}]
    assert live["moduleConfig"] == {"generative-dummy": {}}
    assert op.is_applied({"Question": body})
    assert not op.is_applied({"Question": live})
    with pytest.raises(WeaviateInvalidInputError, match="'Other'"):
        op.apply_to({"class": "Other"})


def test_update_that_turns_a_quantizer_on_says_what_it_risks() -> None:
    op = UpdateCollection(
        "Question",
        {"vectorConfig": {"v": {"vectorIndexConfig": {"pq": {"enabled": True}}}}},
        {"vectorConfig": {"v": {"vectorIndexConfig": {"pq": {"enabled": False}}}}},
    )
    assert op.risks == {Risk.IRREVERSIBLE, Risk.BLOCKS_WRITES}
    assert "vectorConfig.v.vectorIndexConfig.pq.enabled False -> True" in op.describe()


def test_rebuild_risks_follow_what_it_loses_and_recomputes() -> None:
    base = Rebuild("Q", "r", ("r",), QUESTION)
    assert base.risks == {Risk.BLOCKS_WRITES}
    assert Rebuild("Q", "r", ("r",), QUESTION, vectors=("v",)).risks == {
        Risk.BLOCKS_WRITES,
        Risk.REVECTORIZES,
    }
    assert Risk.DESTRUCTIVE in Rebuild("Q", "r", ("r",), QUESTION, drops=("p",)).risks


def test_rebuild_is_applied_once_the_live_class_matches(recorded: Snapshot) -> None:
    target = copy.deepcopy(recorded)
    target["Author"]["multiTenancyConfig"]["enabled"] = True  # type: ignore[index]
    step = diff(recorded, target).steps[0]
    assert isinstance(step.operation, Rebuild)
    assert not step.operation.is_applied(recorded)
    assert step.operation.is_applied(target)


def test_plan_table_json_and_flags(recorded: Snapshot) -> None:
    target = copy.deepcopy(recorded)
    del target["Diary"]
    target["Book"]["vectorConfig"]["plain"]["vectorIndexConfig"]["bq"]["enabled"] = True  # type: ignore[index]
    target["Book"]["description"] = "Books."
    plan = diff(recorded, target, allow_drop=True, counts={"Book": 12, "Diary": 4})
    assert plan.needs_flags() == {FLAGS[Risk.DESTRUCTIVE], FLAGS[Risk.IRREVERSIBLE]}
    assert plan.needs_flags() == {"--allow-destructive", "--allow-irreversible"}
    lines = plan.table().splitlines()
    assert lines[0].split() == ["COLLECTION", "STEP", "KIND", "RISK", "OBJECTS"]
    assert any(line.startswith("Diary") and line.endswith("4") for line in lines)
    assert any("blocks_writes,irreversible" in line and line.endswith("12") for line in lines)
    document = plan.to_json()
    assert json.loads(json.dumps(document)) == document
    assert set(document) == {"server_version", "steps", "hints", "needs_flags", "is_empty"}
    steps = document["steps"]
    assert isinstance(steps, list)
    assert {s["operation"] for s in steps} == {"UpdateCollection", "DropCollection"}
    assert set(steps[0]) == {
        "collection",
        "operation",
        "kind",
        "risks",
        "reason",
        "description",
        "source",
        "requires_version",
        "objects_affected",
        "vectors",
    }
    for entry in steps:
        assert eval(entry["source"], dict(NAMESPACE)).collection == entry["collection"]
    assert plan.is_possible
    assert all(s.kind is StepKind.IN_PLACE for s in plan.steps)


def test_bad_server_version_is_a_clear_error(recorded: Snapshot) -> None:
    with pytest.raises(WeaviateInvalidInputError, match="server_version 'latest'"):
        diff(recorded, recorded, server_version="latest")
