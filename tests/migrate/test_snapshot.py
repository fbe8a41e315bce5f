"""Normalization rules and declared renames, without a server."""

from __future__ import annotations

from typing import Annotated

import pytest

from wvorm import Field, Prop, Ref, WvModel
from wvorm.migrate import Renames, diff, normalize, normalize_class, renames_of, snapshot_of
from wvorm.model import ModelDefinitionError
from wvorm_core.classes.config import Configure
from wvorm_core.exceptions import WeaviateInvalidInputError


def test_null_and_absent_mean_the_same() -> None:
    a = normalize_class({"class": "A", "description": None, "invertedIndexConfig": None})
    assert a == normalize_class({"class": "A"})
    assert "description" not in a


def test_defaults_are_filled_so_a_removed_setting_means_the_default() -> None:
    cls = normalize_class({"class": "A", "properties": [{"name": "t", "dataType": ["text"]}]})
    assert cls["properties"] == [
        {
            "name": "t",
            "dataType": ["text"],
            "indexFilterable": True,
            "indexSearchable": True,
            "indexRangeFilters": False,
            "tokenization": "word",
        }
    ]
    assert cls["vectorizer"] == "none"
    assert cls["vectorIndexConfig"]["ef"] == -1  # type: ignore[index]
    tuned = normalize_class({"class": "A", "vectorIndexConfig": {"ef": 64}})
    step = diff({"A": tuned}, {"A": normalize_class({"class": "A"})}).steps[0]
    assert "ef 64 -> -1" in step.operation.describe()


def test_partial_bm25_stores_zero_for_the_other_key() -> None:
    cls = normalize_class({"class": "A", "invertedIndexConfig": {"bm25": {"b": 0.7}}})
    assert cls["invertedIndexConfig"]["bm25"] == {"b": 0.7, "k1": 0}  # type: ignore[index]


def test_server_running_state_is_dropped() -> None:
    sharding = {
        "actualCount": 1,
        "actualVirtualCount": 128,
        "desiredCount": 1,
        "desiredVirtualCount": 128,
        "virtualPerPhysical": 128,
    }
    cls = normalize_class({"class": "A", "shardingConfig": sharding})
    assert cls["shardingConfig"] == {
        "desiredCount": 1,
        "virtualPerPhysical": 128,
        "function": "murmur3",
        "key": "_id",
        "strategy": "hash",
    }
    tenants = normalize_class(
        {"class": "A", "multiTenancyConfig": {"enabled": True}, "shardingConfig": sharding}
    )
    assert "shardingConfig" not in tenants


def test_hnsw_keeps_only_the_keys_the_server_keeps() -> None:
    config = {
        "bq": {"enabled": True, "cache": True, "rescoreLimit": 5},
        "trackDefaultQuantization": False,
    }
    cls = normalize_class({"class": "A", "vectorIndexConfig": config})
    index = cls["vectorIndexConfig"]
    assert index["bq"] == {"enabled": True}  # type: ignore[index]
    assert "trackDefaultQuantization" not in index  # type: ignore[operator]


def test_references_lose_their_module_settings_and_properties_sort() -> None:
    cls = normalize_class(
        {
            "class": "A",
            "properties": [
                {"name": "z", "dataType": ["B"], "moduleConfig": {"text2vec-x": {"skip": False}}},
                {"name": "a", "dataType": ["int"]},
            ],
        }
    )
    props = cls["properties"]
    assert [p["name"] for p in props] == ["a", "z"]  # type: ignore[attr-defined,index]
    assert "moduleConfig" not in props[1]  # type: ignore[index]


def test_class_json_without_a_name_is_refused() -> None:
    with pytest.raises(WeaviateInvalidInputError, match="'class' name"):
        normalize([{"properties": []}])


class Writer(WvModel, collection="SnapWriter", renamed_from="SnapAuthor"):
    full_name: Prop[str] = Field(renamed_from="name")


class Essay(WvModel, collection="SnapEssay"):
    heading: Annotated[Prop[str], Field(renamed_from="title", name="headline")]
    writer: Ref[Writer] = None


def test_snapshot_of_includes_referenced_models_first() -> None:
    snapshot = snapshot_of([Essay])
    assert list(snapshot) == ["SnapWriter", "SnapEssay"]
    assert [p["name"] for p in snapshot["SnapEssay"]["properties"]] == ["headline", "writer"]  # type: ignore[attr-defined,index]


def test_renames_of_collects_class_and_field_renames() -> None:
    assert renames_of([Essay]) == Renames(
        collections={"SnapWriter": "SnapAuthor"},
        properties={"SnapWriter": {"full_name": "name"}, "SnapEssay": {"headline": "title"}},
    )


def test_declared_property_rename_plans_a_rebuild() -> None:
    old = snapshot_of([Writer])
    old_props = old["SnapWriter"]["properties"]
    old_props[0]["name"] = "name"  # type: ignore[index]
    plan = diff(old, snapshot_of([Writer]), renames=renames_of([Writer]))
    assert len(plan.steps) == 1
    assert "'name' renamed to 'full_name'" in plan.steps[0].reason


def test_renamed_from_is_checked() -> None:
    with pytest.raises(ModelDefinitionError, match="renamed_from"):

        class Bad(WvModel, collection="SnapBad", renamed_from=3):  # type: ignore[call-arg]
            x: Prop[int]

    class Same(WvModel, collection="SnapSame"):
        x: Prop[int] = Field(renamed_from="x")

    with pytest.raises(WeaviateInvalidInputError, match="its own name"):
        renames_of([Same])


def test_two_models_of_one_collection_are_refused() -> None:
    class One(WvModel, collection="SnapTwice"):
        x: Prop[int]

    class Two(WvModel, collection="SnapTwice"):
        y: Prop[int]

    with pytest.raises(WeaviateInvalidInputError, match="SnapTwice"):
        snapshot_of([One, Two])


def test_models_with_generative_and_tenants_snapshot() -> None:
    class Notes(
        WvModel,
        collection="SnapNotes",
        multi_tenancy=Configure.multi_tenancy(auto_tenant_creation=True),
        generative=Configure.Generative.dummy(),
    ):
        text: Prop[str]

    cls = snapshot_of([Notes])["SnapNotes"]
    assert cls["moduleConfig"] == {"generative-dummy": {}}
    assert cls["multiTenancyConfig"] == {
        "enabled": True,
        "autoTenantCreation": True,
        "autoTenantActivation": False,
    }
