"""One test per row of the v1.39 matrix (migration_anchors.md A2/A3), from recorded JSON.

Each test takes the recorded live snapshot, changes the target the way a model change would,
and checks the step's kind, risks, and that its reason names the setting.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from wvorm.migrate import (
    AddProperty,
    AddVector,
    CreateCollection,
    DropCollection,
    DropPropertyIndex,
    Plan,
    Rebuild,
    Reindex,
    RenameCollection,
    Renames,
    Risk,
    Snapshot,
    Step,
    StepKind,
    UpdateCollection,
    diff,
)

Mutation = Callable[[Any], None]


def plan_for(recorded: Snapshot, collection: str, mutate: Mutation, **options: Any) -> Plan:
    target = copy.deepcopy(recorded)
    mutate(target[collection])
    return diff(recorded, target, **options)


def only(plan: Plan) -> Step:
    assert len(plan.steps) == 1, plan.table()
    return plan.steps[0]


def prop(cls: Any, name: str) -> Any:
    return next(p for p in cls["properties"] if p["name"] == name)


def vector(cls: Any, name: str) -> Any:
    return cls["vectorConfig"][name]["vectorIndexConfig"]


def check(step: Step, kind: StepKind, risks: set[Risk], *words: str) -> None:
    assert step.kind is kind, step
    assert step.risks == frozenset(risks), step
    for word in words:
        assert word in step.reason or word in step.operation.describe(), (word, step)


def test_unchanged_snapshot_plans_nothing(recorded: Snapshot) -> None:
    plan = diff(recorded, copy.deepcopy(recorded))
    assert plan.is_empty
    assert plan.hints == ()
    assert plan.table().startswith("No changes.")


# --- collections -------------------------------------------------------------------------


def test_new_collection_is_created_reference_targets_first(recorded: Snapshot) -> None:
    plan = diff({}, recorded)
    names = [s.operation.collection for s in plan.steps]
    assert names.index("Author") < names.index("Book")
    assert all(isinstance(s.operation, CreateCollection) for s in plan.steps)
    assert all(s.kind is StepKind.IN_PLACE and not s.risks for s in plan.steps)


def test_removed_collection_is_a_hint_unless_allowed(recorded: Snapshot) -> None:
    target = {k: v for k, v in recorded.items() if k != "Diary"}
    plan = diff(recorded, target)
    assert plan.is_empty
    assert any("Diary" in h and "allow_drop" in h for h in plan.hints)
    step = only(diff(recorded, target, allow_drop=True, counts={"Diary": 7}))
    assert isinstance(step.operation, DropCollection)
    check(step, StepKind.IN_PLACE, {Risk.DESTRUCTIVE, Risk.IRREVERSIBLE}, "Diary")
    assert step.objects_affected == 7


def test_renamed_collection_is_a_rebuild_behind_an_alias(recorded: Snapshot) -> None:
    target = {k: v for k, v in recorded.items() if k != "Diary"}
    target["Journal"] = {**copy.deepcopy(recorded["Diary"]), "class": "Journal"}
    renames = Renames(collections={"Journal": "Diary"})
    step = only(diff(recorded, target, renames=renames, counts={"Diary": 3}))
    assert step.operation == RenameCollection("Journal", "Diary", target["Journal"])
    check(step, StepKind.REBUILD, {Risk.BLOCKS_WRITES}, "Diary", "Journal")
    assert step.objects_affected == 3
    old = only(diff(recorded, target, renames=renames, server_version="1.31.0"))
    assert (old.kind, old.requires_version) == (StepKind.IMPOSSIBLE, "1.32")


def test_class_description_changes_in_place(recorded: Snapshot) -> None:
    step = only(plan_for(recorded, "Book", lambda c: c.update(description="Books.")))
    check(step, StepKind.IN_PLACE, set(), "description")
    assert step.operation == UpdateCollection(
        "Book", {"description": "Books."}, {"description": "A book."}
    )


# --- properties --------------------------------------------------------------------------


def test_property_added_in_place(recorded: Snapshot) -> None:
    new = {"name": "difficulty", "dataType": ["int"], "indexFilterable": True}
    step = only(plan_for(recorded, "Book", lambda c: c["properties"].append(new)))
    assert step.operation == AddProperty("Book", new)
    check(step, StepKind.IN_PLACE, set(), "difficulty")


def test_reference_added_in_place(recorded: Snapshot) -> None:
    new = {"name": "editor", "dataType": ["Author"]}
    step = only(plan_for(recorded, "Book", lambda c: c["properties"].append(new)))
    assert isinstance(step.operation, AddProperty)
    check(step, StepKind.IN_PLACE, set(), "editor", "Author")


@pytest.mark.parametrize(
    ("path", "label"), [(("title",), "title"), (("address", "street"), "address.street")]
)
def test_property_description_changes_in_place(
    recorded: Snapshot, path: tuple[str, ...], label: str
) -> None:
    def mutate(cls: Any) -> None:
        target = prop(cls, path[0])
        for name in path[1:]:
            target = next(p for p in target["nestedProperties"] if p["name"] == name)
        target["description"] = "new words"

    step = only(plan_for(recorded, "Book", mutate))
    check(step, StepKind.IN_PLACE, set(), "description")
    assert isinstance(step.operation, UpdateCollection)
    assert step.operation.apply_to(recorded["Book"]) != recorded["Book"]


def test_property_data_type_needs_a_rebuild(recorded: Snapshot) -> None:
    step = only(plan_for(recorded, "Book", lambda c: prop(c, "pages").update(dataType=["number"])))
    check(step, StepKind.REBUILD, {Risk.BLOCKS_WRITES, Risk.REVECTORIZES}, "pages", "data type")
    assert step.vectors == ("body", "deep")


def test_reference_targets_need_a_rebuild(recorded: Snapshot) -> None:
    step = only(plan_for(recorded, "Book", lambda c: prop(c, "author").update(dataType=["Book"])))
    check(step, StepKind.REBUILD, {Risk.BLOCKS_WRITES}, "author", "reference targets")


def test_property_rename_needs_a_rebuild(recorded: Snapshot) -> None:
    renames = Renames(properties={"Book": {"heading": "title"}})
    step = only(
        plan_for(
            recorded, "Book", lambda c: prop(c, "title").update(name="heading"), renames=renames
        )
    )
    check(step, StepKind.REBUILD, {Risk.BLOCKS_WRITES}, "'title' renamed to 'heading'")


def test_removed_and_added_of_one_type_hints_at_renamed_from(recorded: Snapshot) -> None:
    plan = plan_for(recorded, "Book", lambda c: prop(c, "title").update(name="heading"))
    step = only(plan)
    assert isinstance(step.operation, AddProperty)
    assert any("Field(renamed_from='title')" in h and "'heading'" in h for h in plan.hints)
    assert any("cannot drop" in h for h in plan.hints)


def test_removed_property_is_a_destructive_rebuild_when_allowed(recorded: Snapshot) -> None:
    def mutate(cls: Any) -> None:
        cls["properties"].remove(prop(cls, "phone"))

    assert plan_for(recorded, "Book", mutate).is_empty
    step = only(plan_for(recorded, "Book", mutate, allow_drop=True))
    check(step, StepKind.REBUILD, {Risk.BLOCKS_WRITES, Risk.DESTRUCTIVE}, "phone", "removed")
    assert isinstance(step.operation, Rebuild)
    assert step.operation.drops == ("phone",)


def test_nested_property_added_needs_a_rebuild(recorded: Snapshot) -> None:
    new = {"name": "city", "dataType": ["text"], "indexFilterable": True}

    def mutate(cls: Any) -> None:
        prop(cls, "address")["nestedProperties"].append(
            {**new, "indexSearchable": True, "indexRangeFilters": False, "tokenization": "word"}
        )

    step = only(plan_for(recorded, "Book", mutate))
    check(step, StepKind.REBUILD, {Risk.BLOCKS_WRITES}, "address.city", "sub-properties")


@pytest.mark.parametrize(
    ("name", "flag", "index"),
    [
        ("title", "indexFilterable", "filterable"),
        ("title", "indexSearchable", "searchable"),
        ("price", "indexRangeFilters", "rangeFilters"),
    ],
)
def test_dropping_a_property_index_is_in_place(
    recorded: Snapshot, name: str, flag: str, index: str
) -> None:
    step = only(plan_for(recorded, "Book", lambda c: prop(c, name).update({flag: False})))
    assert step.operation == DropPropertyIndex("Book", name, index)  # type: ignore[arg-type]
    check(step, StepKind.IN_PLACE, {Risk.NEEDS_PERMISSIONS}, index, name)
    old = only(
        plan_for(
            recorded, "Book", lambda c: prop(c, name).update({flag: False}), server_version="1.35.4"
        )
    )
    assert (old.kind, old.requires_version) == (StepKind.IMPOSSIBLE, "1.36")
    on_136 = only(
        plan_for(
            recorded, "Book", lambda c: prop(c, name).update({flag: False}), server_version="1.36.0"
        )
    )
    assert on_136.kind is StepKind.IN_PLACE
    assert Risk.IRREVERSIBLE in on_136.risks


@pytest.mark.parametrize(
    ("name", "flag", "index", "tokenization"),
    [
        ("tags", "indexFilterable", "filterable", None),
        ("summary", "indexSearchable", "searchable", "word"),
        ("pages", "indexRangeFilters", "rangeFilters", None),
    ],
)
def test_enabling_a_property_index_is_a_server_reindex(
    recorded: Snapshot, name: str, flag: str, index: str, tokenization: str | None
) -> None:
    step = only(
        plan_for(recorded, "Book", lambda c: prop(c, name).update({flag: True}), counts={"Book": 9})
    )
    assert step.operation == Reindex("Book", name, index, tokenization)  # type: ignore[arg-type]
    check(step, StepKind.REINDEX, set(), index, name)
    assert step.objects_affected == 9
    old = only(
        plan_for(
            recorded, "Book", lambda c: prop(c, name).update({flag: True}), server_version="1.38.1"
        )
    )
    assert (old.kind, old.requires_version) == (StepKind.IMPOSSIBLE, "1.39")
    assert "1.39" in old.reason


def test_tokenization_change_is_a_server_reindex(recorded: Snapshot) -> None:
    step = only(plan_for(recorded, "Book", lambda c: prop(c, "title").update(tokenization="field")))
    assert step.operation == Reindex("Book", "title", "searchable", "field")
    check(step, StepKind.REINDEX, set(), "tokenization", "title")


def test_nested_tokenization_change_needs_a_rebuild(recorded: Snapshot) -> None:
    def mutate(cls: Any) -> None:
        prop(cls, "address")["nestedProperties"][1]["tokenization"] = "field"

    step = only(plan_for(recorded, "Book", mutate))
    check(step, StepKind.REBUILD, {Risk.BLOCKS_WRITES}, "address.street", "tokenization")


def test_nested_index_change_needs_a_rebuild(recorded: Snapshot) -> None:
    def mutate(cls: Any) -> None:
        prop(cls, "address")["nestedProperties"][0]["indexFilterable"] = False

    step = only(plan_for(recorded, "Book", mutate))
    check(step, StepKind.REBUILD, {Risk.BLOCKS_WRITES}, "address.number", "filterable")


def test_text_analyzer_needs_a_rebuild(recorded: Snapshot) -> None:
    def mutate(cls: Any) -> None:
        prop(cls, "folded")["textAnalyzer"] = {"asciiFold": False}

    step = only(plan_for(recorded, "Book", mutate))
    check(step, StepKind.REBUILD, {Risk.BLOCKS_WRITES}, "folded", "text analyzer")


def test_skip_vectorization_change_needs_a_rebuild_that_revectorizes(recorded: Snapshot) -> None:
    def mutate(cls: Any) -> None:
        prop(cls, "summary")["moduleConfig"]["text2vec-bigram"]["skip"] = True

    step = only(plan_for(recorded, "Book", mutate))
    check(step, StepKind.REBUILD, {Risk.BLOCKS_WRITES, Risk.REVECTORIZES}, "summary", "skip")
    assert step.vectors == ("body",)


def test_vectorize_property_name_change_needs_a_rebuild(recorded: Snapshot) -> None:
    def mutate(cls: Any) -> None:
        prop(cls, "title")["moduleConfig"]["text2vec-transformers"]["vectorizePropertyName"] = False

    step = only(plan_for(recorded, "Book", mutate))
    check(step, StepKind.REBUILD, {Risk.BLOCKS_WRITES, Risk.REVECTORIZES}, "vectorizePropertyName")
    assert step.vectors == ("deep",)


# --- named vectors -----------------------------------------------------------------------


def test_vectorizer_change_needs_a_rebuild_that_revectorizes(recorded: Snapshot) -> None:
    def mutate(cls: Any) -> None:
        cls["vectorConfig"]["body"]["vectorizer"] = {"text2vec-transformers": {}}

    step = only(plan_for(recorded, "Book", mutate))
    check(step, StepKind.REBUILD, {Risk.BLOCKS_WRITES, Risk.REVECTORIZES}, "body", "vectorizer")
    assert step.vectors == ("body",)


def test_vectorizer_setting_change_needs_a_rebuild(recorded: Snapshot) -> None:
    def mutate(cls: Any) -> None:
        cls["vectorConfig"]["body"]["vectorizer"]["text2vec-bigram"]["vectorizeClassName"] = False

    step = only(plan_for(recorded, "Book", mutate))
    check(step, StepKind.REBUILD, {Risk.BLOCKS_WRITES, Risk.REVECTORIZES}, "vectorizeClassName")


def test_vectorizer_source_properties_change_needs_a_rebuild(recorded: Snapshot) -> None:
    def mutate(cls: Any) -> None:
        cls["vectorConfig"]["body"]["vectorizer"]["text2vec-bigram"]["properties"] = ["summary"]

    step = only(plan_for(recorded, "Book", mutate))
    check(step, StepKind.REBUILD, {Risk.BLOCKS_WRITES, Risk.REVECTORIZES}, "properties")
    assert step.vectors == ("body",)


def test_module_settings_the_target_leaves_out_are_the_servers(recorded: Snapshot) -> None:
    def mutate(cls: Any) -> None:
        cls["vectorConfig"]["deep"]["vectorizer"]["text2vec-transformers"].pop("poolingStrategy")

    assert plan_for(recorded, "Book", mutate).is_empty


def test_vector_index_type_change_needs_a_rebuild(recorded: Snapshot) -> None:
    def mutate(cls: Any) -> None:
        cls["vectorConfig"]["plain"] = copy.deepcopy(cls["vectorConfig"]["flat_vec"])

    step = only(plan_for(recorded, "Book", mutate))
    check(step, StepKind.REBUILD, {Risk.BLOCKS_WRITES}, "plain", "index type")


def test_added_named_vector_is_in_place_and_revectorizes(recorded: Snapshot) -> None:
    new = copy.deepcopy(recorded["Book"]["vectorConfig"]["plain"])  # type: ignore[index]

    def mutate(cls: Any) -> None:
        cls["vectorConfig"]["extra"] = new

    step = only(plan_for(recorded, "Book", mutate, counts={"Book": 40}))
    assert step.operation == AddVector("Book", "extra", new)
    check(step, StepKind.IN_PLACE, {Risk.REVECTORIZES}, "extra", "re-inserted")
    assert (step.vectors, step.objects_affected) == (("extra",), 40)
    old = only(plan_for(recorded, "Book", mutate, server_version="1.30.9"))
    assert (old.kind, old.requires_version) == (StepKind.IMPOSSIBLE, "1.31")


def test_added_vector_with_a_new_module_carries_the_property_settings(
    recorded: Snapshot,
) -> None:
    def mutate(cls: Any) -> None:
        cls["vectorConfig"]["clip"] = {
            "vectorizer": {"text2vec-other": {"vectorizeClassName": True}},
            "vectorIndexType": "hnsw",
            "vectorIndexConfig": copy.deepcopy(vector(cls, "plain")),
        }
        prop(cls, "title")["moduleConfig"]["text2vec-other"] = {"skip": True}

    step = only(plan_for(recorded, "Book", mutate))
    assert isinstance(step.operation, AddVector)
    assert step.operation.properties == {"title": {"text2vec-other": {"skip": True}}}
    body = step.operation.apply_to(recorded["Book"])
    assert prop(body, "title")["moduleConfig"]["text2vec-other"] == {"skip": True}


def test_removed_named_vector_is_a_hint_unless_allowed(recorded: Snapshot) -> None:
    def mutate(cls: Any) -> None:
        del cls["vectorConfig"]["plain"]

    plan = plan_for(recorded, "Book", mutate)
    assert plan.is_empty
    assert any("'plain'" in h and "experimental" in h for h in plan.hints)
    step = only(plan_for(recorded, "Book", mutate, allow_drop=True))
    check(step, StepKind.REBUILD, {Risk.BLOCKS_WRITES, Risk.DESTRUCTIVE}, "plain")


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("ef", 80),
        ("dynamicEfMin", 50),
        ("dynamicEfMax", 400),
        ("dynamicEfFactor", 4),
        ("flatSearchCutoff", 1000),
        ("filterStrategy", "sweeping"),
        ("vectorCacheMaxObjects", 5000),
    ],
)
def test_hnsw_mutable_settings_change_in_place(recorded: Snapshot, key: str, value: object) -> None:
    step = only(plan_for(recorded, "Book", lambda c: vector(c, "plain").update({key: value})))
    check(step, StepKind.IN_PLACE, set(), key)
    assert step.operation == UpdateCollection(
        "Book",
        {"vectorConfig": {"plain": {"vectorIndexConfig": {key: value}}}},
        {
            "vectorConfig": {
                "plain": {"vectorIndexConfig": {key: vector(recorded["Book"], "plain")[key]}}
            }
        },
    )


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("efConstruction",), 64),
        (("maxConnections",), 16),
        (("cleanupIntervalSeconds",), 30),
        (("distance",), "dot"),
        (("skip",), True),
        (("multivector", "enabled"), True),
        (("multivector", "muvera", "enabled"), True),
    ],
)
def test_hnsw_fixed_settings_need_a_rebuild(
    recorded: Snapshot, path: tuple[str, ...], value: object
) -> None:
    def mutate(cls: Any) -> None:
        config = vector(cls, "plain")
        for key in path[:-1]:
            config = config[key]
        config[path[-1]] = value

    step = only(plan_for(recorded, "Book", mutate))
    check(step, StepKind.REBUILD, {Risk.BLOCKS_WRITES}, ".".join(path), "fixed")


@pytest.mark.parametrize("quantizer", ["pq", "bq", "sq", "rq"])
def test_turning_an_hnsw_quantizer_on_is_irreversible_and_blocks_writes(
    recorded: Snapshot, quantizer: str
) -> None:
    step = only(
        plan_for(recorded, "Book", lambda c: vector(c, "plain")[quantizer].update(enabled=True))
    )
    check(
        step,
        StepKind.IN_PLACE,
        {Risk.IRREVERSIBLE, Risk.BLOCKS_WRITES},
        quantizer,
        "ASYNC_INDEXING=true",
    )
    assert step.operation.is_applied(copy.deepcopy(recorded)) is False


@pytest.mark.parametrize(("before", "after"), [("rq", "sq"), ("rq", None)])
def test_hnsw_quantizer_switch_or_turn_off_needs_a_rebuild(
    recorded: Snapshot, before: str, after: str | None
) -> None:
    def mutate(cls: Any) -> None:
        config = vector(cls, f"{before}_vec")
        config[before]["enabled"] = False
        if after:
            config[after]["enabled"] = True

    step = only(plan_for(recorded, "Book", mutate))
    check(step, StepKind.REBUILD, {Risk.BLOCKS_WRITES}, "quantizer", before)


def test_rq_bits_are_fixed_once_rq_is_on(recorded: Snapshot) -> None:
    step = only(plan_for(recorded, "Book", lambda c: vector(c, "rq_vec")["rq"].update(bits=1)))
    check(step, StepKind.REBUILD, {Risk.BLOCKS_WRITES}, "rq.bits")


def test_settings_of_the_quantizer_in_use_change_in_place(recorded: Snapshot) -> None:
    step = only(
        plan_for(recorded, "Book", lambda c: vector(c, "sq_vec")["sq"].update(rescoreLimit=99))
    )
    check(step, StepKind.IN_PLACE, set(), "sq.rescoreLimit")


def test_flat_quantizer_on_needs_a_rebuild(recorded: Snapshot) -> None:
    step = only(
        plan_for(recorded, "Book", lambda c: vector(c, "flat_vec")["bq"].update(enabled=True))
    )
    check(step, StepKind.REBUILD, {Risk.BLOCKS_WRITES}, "flat", "quantizer")


@pytest.mark.parametrize(
    ("name", "path", "value", "kind"),
    [
        ("flat_vec", ("vectorCacheMaxObjects",), 10, StepKind.IN_PLACE),
        ("flat_vec", ("distance",), "dot", StepKind.REBUILD),
        ("flat_bq", ("bq", "rescoreLimit"), 100, StepKind.IN_PLACE),
        ("flat_bq", ("bq", "cache"), True, StepKind.REBUILD),
        ("dyn_vec", ("threshold",), 5, StepKind.IN_PLACE),
        ("dyn_vec", ("distance",), "dot", StepKind.REBUILD),
        ("dyn_vec", ("hnsw", "ef"), 70, StepKind.IN_PLACE),
        ("dyn_vec", ("hnsw", "maxConnections"), 8, StepKind.REBUILD),
        ("dyn_vec", ("flat", "vectorCacheMaxObjects"), 10, StepKind.IN_PLACE),
    ],
)
def test_flat_and_dynamic_settings(
    recorded: Snapshot, name: str, path: tuple[str, ...], value: object, kind: StepKind
) -> None:
    def mutate(cls: Any) -> None:
        config = vector(cls, name)
        for key in path[:-1]:
            config = config[key]
        config[path[-1]] = value

    step = only(plan_for(recorded, "Book", mutate))
    assert step.kind is kind, step
    assert path[-1] in step.reason or path[-1] in step.operation.describe()


def test_collection_level_index_changes_like_a_named_one(recorded: Snapshot) -> None:
    step = only(plan_for(recorded, "Author", lambda c: c["vectorIndexConfig"].update(ef=120)))
    check(step, StepKind.IN_PLACE, set(), "vectorIndexConfig.ef")
    step = only(plan_for(recorded, "Author", lambda c: c.update(vectorizer="text2vec-bigram")))
    check(step, StepKind.REBUILD, {Risk.BLOCKS_WRITES}, "vectorizer")


def test_collection_level_index_to_named_vectors_needs_a_rebuild(recorded: Snapshot) -> None:
    named = copy.deepcopy(recorded["Book"]["vectorConfig"])

    def mutate(cls: Any) -> None:
        for key in ("vectorizer", "vectorIndexType", "vectorIndexConfig"):
            del cls[key]
        cls["vectorConfig"] = {"body": named["body"]}  # type: ignore[index]

    step = only(plan_for(recorded, "Author", mutate))
    check(step, StepKind.REBUILD, {Risk.BLOCKS_WRITES, Risk.REVECTORIZES}, "named vectors")


# --- inverted index, modules, tenancy, replication, sharding, TTL ------------------------


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("bm25", "b"), 0.8),
        (("bm25", "k1"), 1.5),
        (("stopwords", "preset"), "none"),
        (("stopwords", "additions"), ["novel"]),
        (("cleanupIntervalSeconds",), 120),
        (("stopwordPresets", "bookish"), ["chapter", "verse"]),
    ],
)
def test_inverted_index_mutable_settings_change_in_place(
    recorded: Snapshot, path: tuple[str, ...], value: object
) -> None:
    def mutate(cls: Any) -> None:
        config = cls["invertedIndexConfig"]
        for key in path[:-1]:
            config = config[key]
        config[path[-1]] = value

    step = only(plan_for(recorded, "Book", mutate))
    check(step, StepKind.IN_PLACE, set(), ".".join(path))


def test_stopword_presets_need_v1_37(recorded: Snapshot) -> None:
    def mutate(cls: Any) -> None:
        cls["invertedIndexConfig"]["stopwordPresets"]["poems"] = ["verse"]

    step = only(plan_for(recorded, "Book", mutate, server_version="1.36.2"))
    assert (step.kind, step.requires_version) == (StepKind.IMPOSSIBLE, "1.37")


@pytest.mark.parametrize("key", ["indexTimestamps", "indexNullState", "indexPropertyLength"])
def test_inverted_index_fixed_settings_need_a_rebuild(recorded: Snapshot, key: str) -> None:
    step = only(plan_for(recorded, "Book", lambda c: c["invertedIndexConfig"].update({key: True})))
    check(step, StepKind.REBUILD, {Risk.BLOCKS_WRITES}, key)


def test_block_max_wand_is_the_servers_choice(recorded: Snapshot) -> None:
    plan = plan_for(
        recorded, "Book", lambda c: c["invertedIndexConfig"].update(usingBlockMaxWAND=False)
    )
    assert plan.is_empty


def test_generative_module_swap_is_in_place(recorded: Snapshot) -> None:
    def mutate(cls: Any) -> None:
        cls["moduleConfig"] = {"generative-openai": {"model": "gpt-x"}}

    step = only(plan_for(recorded, "Book", mutate))
    check(step, StepKind.IN_PLACE, set(), "generative-openai")
    assert isinstance(step.operation, UpdateCollection)
    body = step.operation.apply_to(recorded["Book"])
    assert body["moduleConfig"] == {"generative-openai": {"model": "gpt-x"}}


def test_reranker_added_in_place(recorded: Snapshot) -> None:
    step = only(
        plan_for(recorded, "Book", lambda c: c["moduleConfig"].update({"reranker-dummy": {}}))
    )
    check(step, StepKind.IN_PLACE, set(), "reranker-dummy")


def test_generative_module_removed_needs_a_rebuild(recorded: Snapshot) -> None:
    step = only(plan_for(recorded, "Book", lambda c: c.pop("moduleConfig")))
    check(step, StepKind.REBUILD, {Risk.BLOCKS_WRITES}, "generative-dummy", "keeps")


@pytest.mark.parametrize(("collection", "enabled"), [("Diary", False), ("Author", True)])
def test_multi_tenancy_on_or_off_needs_a_rebuild(
    recorded: Snapshot, collection: str, enabled: bool
) -> None:
    step = only(
        plan_for(recorded, collection, lambda c: c["multiTenancyConfig"].update(enabled=enabled))
    )
    check(step, StepKind.REBUILD, {Risk.BLOCKS_WRITES}, "multi-tenancy")


@pytest.mark.parametrize("key", ["autoTenantCreation", "autoTenantActivation"])
def test_auto_tenant_flags_change_in_place(recorded: Snapshot, key: str) -> None:
    step = only(plan_for(recorded, "Diary", lambda c: c["multiTenancyConfig"].update({key: True})))
    check(step, StepKind.IN_PLACE, set(), key)


@pytest.mark.parametrize(("key", "value"), [("desiredCount", 3), ("virtualPerPhysical", 32)])
def test_sharding_changes_need_a_rebuild(recorded: Snapshot, key: str, value: int) -> None:
    step = only(plan_for(recorded, "Book", lambda c: c["shardingConfig"].update({key: value})))
    check(step, StepKind.REBUILD, {Risk.BLOCKS_WRITES}, key, "re-sharding")


def test_shard_count_the_target_leaves_out_is_the_servers(recorded: Snapshot) -> None:
    assert plan_for(recorded, "Book", lambda c: c["shardingConfig"].pop("desiredCount")).is_empty


def test_replication_factor_change_needs_a_rebuild(recorded: Snapshot) -> None:
    step = only(plan_for(recorded, "Book", lambda c: c["replicationConfig"].update(factor=3)))
    check(step, StepKind.REBUILD, {Risk.BLOCKS_WRITES}, "replication factor", "replicas")


@pytest.mark.parametrize(
    ("key", "value"),
    [("deletionStrategy", "NoAutomatedResolution"), ("asyncConfig", {"maxWorkers": 2})],
)
def test_replication_settings_change_in_place(recorded: Snapshot, key: str, value: object) -> None:
    step = only(plan_for(recorded, "Book", lambda c: c["replicationConfig"].update({key: value})))
    check(step, StepKind.IN_PLACE, set(), key)


def test_ttl_on_timestamps_without_index_timestamps_needs_a_rebuild(recorded: Snapshot) -> None:
    ttl = {"enabled": True, "defaultTtl": 3600, "deleteOn": "_creationTimeUnix"}
    step = only(plan_for(recorded, "Book", lambda c: c.update(objectTTLConfig=ttl)))
    check(step, StepKind.REBUILD, {Risk.BLOCKS_WRITES}, "indexTimestamps")


def test_ttl_on_a_date_property_is_in_place_with_permissions(recorded: Snapshot) -> None:
    ttl = {"enabled": True, "defaultTtl": 3600, "deleteOn": "published"}
    step = only(plan_for(recorded, "Book", lambda c: c.update(objectTTLConfig=ttl)))
    check(step, StepKind.IN_PLACE, {Risk.NEEDS_PERMISSIONS}, "objectTTLConfig")
    old = only(
        plan_for(recorded, "Book", lambda c: c.update(objectTTLConfig=ttl), server_version="1.34.0")
    )
    assert (old.kind, old.requires_version) == (StepKind.IMPOSSIBLE, "1.35")


# --- folding and ordering ----------------------------------------------------------------


def test_rebuild_changes_fold_into_one_step(recorded: Snapshot) -> None:
    def mutate(cls: Any) -> None:
        prop(cls, "pages")["dataType"] = ["number"]
        cls["multiTenancyConfig"]["enabled"] = True
        cls["description"] = "Books."
        cls["properties"].append({"name": "extra", "dataType": ["int"]})

    plan = plan_for(recorded, "Book", mutate)
    step = only(plan)
    assert isinstance(step.operation, Rebuild)
    changes = " | ".join(step.operation.changes)
    for word in ("pages", "multi-tenancy", "also: update Book: description", "also: add property"):
        assert word in changes, changes
    assert any("Book: reference 'seller' points at Book" in h for h in plan.hints)
    old = only(plan_for(recorded, "Book", mutate, server_version="1.31.0"))
    assert (old.kind, old.requires_version) == (StepKind.IMPOSSIBLE, "1.32")


def test_in_place_steps_are_ordered_vectors_before_properties(recorded: Snapshot) -> None:
    new_vector = copy.deepcopy(recorded["Book"]["vectorConfig"]["plain"])  # type: ignore[index]

    def mutate(cls: Any) -> None:
        cls["properties"].append({"name": "extra", "dataType": ["int"]})
        cls["vectorConfig"]["extra_vec"] = new_vector
        cls["description"] = "Books."
        prop(cls, "tags")["indexFilterable"] = True

    plan = plan_for(recorded, "Book", mutate)
    assert [type(s.operation) for s in plan.steps] == [
        UpdateCollection,
        AddVector,
        AddProperty,
        Reindex,
    ]
