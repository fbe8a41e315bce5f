"""`wvorm.codegen` without a server: the recorded schema JSON of `test_inspect.py`'s
collections, and small hand-written schemas for naming and for what a model cannot declare."""

from __future__ import annotations

import copy
import json
import random
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from wvorm import WvModel, info_of
from wvorm.codegen import InspectError, models_source
from wvorm_core.classes.config import collection_schema

RECORDED: list[dict[str, Any]] = json.loads(
    (Path(__file__).parent / "fixtures" / "inspect_schema.json").read_text()
)
_counter = iter(range(10**6))


def load(source: str) -> ModuleType:
    """Execute generated source as a module of its own (registered for forward references)."""
    module = ModuleType(f"wvorm_generated_{next(_counter)}")
    sys.modules[module.__name__] = module
    exec(compile(source, module.__name__, "exec"), module.__dict__)
    return module


def models(module: ModuleType) -> dict[str, type[WvModel]]:
    """The module's models by collection name."""
    return {
        info_of(m).collection: m
        for m in vars(module).values()
        if isinstance(m, type) and issubclass(m, WvModel) and m.__module__ == module.__name__
    }


def sent_is_stored(sent: object, stored: object, where: str = "") -> None:
    """Every setting the model sends holds the value the server stored (properties by name)."""
    if isinstance(sent, dict):
        assert isinstance(stored, dict), where
        for key, value in sent.items():
            assert key in stored, f"{where}.{key} is not in the stored schema"
            sent_is_stored(value, stored[key], f"{where}.{key}")
    elif isinstance(sent, list) and sent and isinstance(sent[0], dict) and "name" in sent[0]:
        assert isinstance(stored, list), where
        by_name = {p["name"]: p for p in stored}
        assert [p["name"] for p in sent] == list(by_name), where
        for prop in sent:
            sent_is_stored(prop, by_name[prop["name"]], f"{where}[{prop['name']}]")
    else:
        assert sent == stored, where


def schema(name: str, *properties: dict[str, object], **settings: object) -> dict[str, object]:
    return {"class": name, "properties": list(properties), **settings}


def prop(name: str, data_type: str, **settings: object) -> dict[str, object]:
    return {"name": name, "dataType": [data_type], **settings}


def test_recorded_schema_becomes_models_that_send_what_is_stored() -> None:
    found = models(load(models_source(RECORDED)))
    assert sorted(found) == ["InspArticle", "InspPerson", "InspTenanted"]
    for stored in RECORDED:
        body = collection_schema(**info_of(found[stored["class"]]).create_arguments())
        sent_is_stored(body, stored, stored["class"])


def test_every_data_type_and_nested_objects() -> None:
    module = load(models_source(RECORDED))
    article = info_of(models(module)["InspArticle"])
    types = {f.name: f.data_type.value for f in article.fields.values() if f.data_type}
    [stored] = [s for s in RECORDED if s["class"] == "InspArticle"]
    assert types == {
        p["name"]: p["dataType"][0]
        for p in stored["properties"]
        if not p["dataType"][0].startswith("Insp")
    }
    assert set(types.values()) >= {
        "text", "text[]", "int", "int[]", "number", "number[]", "boolean", "boolean[]", "date",
        "date[]", "uuid", "uuid[]", "geoCoordinates", "phoneNumber", "blob", "object", "object[]",
    }  # fmt: skip
    meta = article.fields["meta"]
    assert [n.name for n in meta.nested] == ["source", "stats", "history"]
    assert [n.name for n in meta.nested[1].nested] == ["views", "ratio"]  # two levels deep
    assert module.InspArticleMeta.model_fields["history"].annotation == (
        list[module.InspArticleMetaHistory] | None
    )
    references = {r.name: r.to_dict()["dataType"] for r in article.references()}
    assert references == {
        "author": ["InspPerson"],
        "related": ["InspArticle", "InspPerson"],
        "cites": ["InspArticle"],
    }


def test_names_become_pythonic_attributes() -> None:
    person = info_of(models(load(models_source(RECORDED)))["InspPerson"])
    attrs = {f.name: f.attr for f in person.fields.values()}
    assert attrs["firstName"] == "first_name"
    assert attrs["from"] == "from_"
    assert attrs["_private"] == "private"
    assert attrs["friend"] == "friend"
    assert person.settings.description == "People who write articles."


def test_output_is_deterministic() -> None:
    shuffled = copy.deepcopy(RECORDED)
    random.Random(7).shuffle(shuffled)
    assert models_source(shuffled) == models_source(RECORDED)


@pytest.mark.parametrize("width", [40, 60, 88, 100, 120])
def test_layout_is_ruff_formatted_at_any_line_length(width: int, tmp_path: Path) -> None:
    path = tmp_path / "models.py"
    path.write_text(models_source(RECORDED, line_length=width))
    ruff = Path(sys.executable).parent / "ruff"
    done = subprocess.run(
        [ruff, "format", "--isolated", f"--line-length={width}", "--check", "--diff", path],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    load(path.read_text())


def test_colliding_and_keyword_names() -> None:
    source = models_source(
        [
            schema("Field", prop("class", "text"), prop("model_name", "int"), prop("str", "text")),
            schema("Ref", prop("FieldValue", "text"), prop("field_value", "text")),
        ]
    )
    found = models(load(source))
    assert "class FieldCollection(WvModel, collection=" in source
    assert {f.name: f.attr for f in info_of(found["Field"]).fields.values()} == {
        "class": "class_",
        "model_name": "field_model_name",
        "str": "str_",
    }
    # the property whose name is already an attribute keeps it
    assert {f.name: f.attr for f in info_of(found["Ref"]).fields.values()} == {
        "FieldValue": "field_value_",
        "field_value": "field_value",
    }


def test_descriptions_that_a_docstring_cannot_hold() -> None:
    found = models(
        load(
            models_source(
                [
                    schema("A", description="Two\nlines"),
                    schema("B", description=" padded "),
                    schema("C", description="plain"),
                ]
            )
        )
    )
    assert [info_of(found[n]).settings.description for n in "ABC"] == [
        "Two\nlines",
        " padded ",
        "plain",
    ]


def test_cycles_and_self_references_resolve() -> None:
    found = models(
        load(
            models_source(
                [
                    schema("A", prop("b", "B"), prop("me", "A")),
                    schema("B", prop("a", "A"), prop("any", "A")),
                ]
            )
        )
    )
    a, b = found["A"], found["B"]
    assert info_of(a).fields["b"].targets == (b,)
    assert info_of(a).fields["me"].targets == (a,)
    assert info_of(b).fields["a"].targets == (a,)


def _error(classes: list[dict[str, object]]) -> str:
    with pytest.raises(InspectError) as raised:
        models_source(classes)
    return str(raised.value)


@pytest.mark.parametrize(
    ("classes", "message"),
    [
        (
            [schema("A", prop("t", "text", textAnalyzer={"asciiFold": True}))],
            r"collection 'A', setting properties\.t\.textAnalyzer: .* cannot be declared",
        ),
        (
            [schema("A", prop("t", "text", futureFlag=1))],
            r"collection 'A', setting properties\.t\.futureFlag",
        ),
        ([schema("A", objectTTLConfig={"enabled": True})], r"setting class\.objectTTLConfig"),
        ([schema("A", somethingNew=True)], r"collection 'A', setting class\.somethingNew"),
        ([schema("A", prop("b", "B"))], r"references \['B'\], which are not among"),
        ([schema("A", prop("uuid", "text"))], r"cannot have a property named 'uuid'"),
        (
            [schema("A", vectorizer="text2vec-transformers")],
            r"setting class\.vectorizer: an unnamed \(legacy\) vectorizer",
        ),
        (
            [schema("A", moduleConfig={"generative-a": {}, "generative-b": {}})],
            r"more than one generative module",
        ),
        (
            [schema("A", moduleConfig={"text2vec-transformers": {"vectorizeClassName": True}})],
            r"setting class\.moduleConfig\.text2vec-transformers",
        ),
        (
            [schema("A", invertedIndexConfig={"usingBlockMaxWAND": False})],
            r"setting class\.invertedIndexConfig\.usingBlockMaxWAND: False",
        ),
        (
            [schema("A", replicationConfig={"asyncConfig": {"maxWorkers": 3}})],
            r"setting class\.replicationConfig\.asyncConfig",
        ),
        (
            [schema("A", shardingConfig={"strategy": "range"})],
            r"setting class\.shardingConfig\.strategy",
        ),
    ],
)
def test_settings_a_model_cannot_declare(classes: list[dict[str, object]], message: str) -> None:
    assert re.search(message, _error(classes))


def _vector(index_type: str, index: dict[str, object], module: str = "none") -> dict[str, object]:
    return {
        "vectorConfig": {
            "v": {
                "vectorizer": {module: {}},
                "vectorIndexType": index_type,
                "vectorIndexConfig": index,
            }
        }
    }


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        (_vector("dynamic", {}), r"vector index type 'dynamic' is not supported"),
        (
            _vector("hnsw", {"pq": {"enabled": True}, "bq": {"enabled": True}}),
            r"more than one quantizer",
        ),
        (
            _vector("hnsw", {"pq": {"enabled": False, "segments": 8}}),
            r"vectorIndexConfig\.pq: settings of the disabled pq quantizer",
        ),
        (_vector("flat", {"pq": {"enabled": True}}), r"pq quantizer is not available"),
        (
            _vector("hnsw", {"trackDefaultQuantization": True}),
            r"vectorIndexConfig\.trackDefaultQuantization",
        ),
    ],
)
def test_vector_settings_a_model_cannot_declare(settings: dict[str, object], message: str) -> None:
    assert re.search(message, _error([schema("A", **settings)]))


def test_per_property_module_settings_must_agree() -> None:
    vectors = {
        "a": {"vectorizer": {"text2vec-transformers": {}}, "vectorIndexType": "hnsw"},
        "b": {"vectorizer": {"text2vec-bigram": {}}, "vectorIndexType": "hnsw"},
    }
    config = {
        "text2vec-transformers": {"skip": True, "vectorizePropertyName": False},
        "text2vec-bigram": {"skip": False, "vectorizePropertyName": False},
    }
    message = _error([schema("A", prop("t", "text", moduleConfig=config), vectorConfig=vectors)])
    assert "properties.t.moduleConfig: different settings per vectorizer module" in message
    missing = {"text2vec-transformers": {"skip": True}}
    message = _error([schema("A", prop("t", "text", moduleConfig=missing), vectorConfig=vectors)])
    assert "settings for the modules ['text2vec-transformers']" in message


def test_unknown_vectorizer_settings_are_spelled_out() -> None:
    vectors = {
        "v": {
            "vectorizer": {"text2vec-transformers": {"vectorizeClassName": True, "newKnob": 3}},
            "vectorIndexType": "hnsw",
        },
        "w": {"vectorizer": {"text2vec-ollama": {"model": "m"}}, "vectorIndexType": "hnsw"},
    }
    source = models_source([schema("A", vectorConfig=vectors)])
    assert 'module_name="text2vec-transformers"' in source
    assert '"newKnob": 3' in source
    model = models(load(source))["A"]
    body = collection_schema(**info_of(model).create_arguments())
    assert body["vectorConfig"]["v"]["vectorizer"] == {  # type: ignore[index]
        "text2vec-transformers": {"vectorizeClassName": True, "newKnob": 3}
    }
    assert body["vectorConfig"]["w"]["vectorizer"] == {"text2vec-ollama": {"model": "m"}}  # type: ignore[index]


def _random_schema(rnd: random.Random) -> list[dict[str, object]]:
    """A collection with long camelCase names, nested three levels, and long descriptions."""

    def name() -> str:
        words = ["alpha", "Beta", "gamma", "Delta", "x", "Epsilon"]
        return "".join(rnd.choice(words) for _ in range(rnd.randint(1, 9)))

    def props(depth: int) -> list[dict[str, object]]:
        out: list[dict[str, object]] = []
        kinds = ["text", "int[]", "object", "object[]", "geoCoordinates", "date[]"]
        for i in range(rnd.randint(1, 4)):
            kind = rnd.choice(kinds if depth < 3 else kinds[:2])
            p = prop(f"{name()}{i}", kind)
            if kind.startswith("object"):
                p["nestedProperties"] = props(depth + 1)
            elif kind == "text" and rnd.random() < 0.5:
                p.update(tokenization="field", description="d" * rnd.randint(1, 60))
            out.append(p)
        return out

    collection = f"C{name()}"
    return [schema(collection, *props(0), {"name": name(), "dataType": [collection]})]


@pytest.mark.parametrize("width", [79, 88, 100])
def test_layout_of_long_names_is_ruff_formatted(width: int, tmp_path: Path) -> None:
    rnd = random.Random(width)
    for index in range(40):
        source = models_source(_random_schema(rnd), line_length=width)
        (tmp_path / f"m{index}.py").write_text(source)
    ruff = Path(sys.executable).parent / "ruff"
    done = subprocess.run(
        [ruff, "format", "--isolated", f"--line-length={width}", "--check", "--diff", tmp_path],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_common_names_stay_as_they_are() -> None:
    source = models_source([schema("A", prop("type", "text"), prop("format", "int"))])
    attrs = [f.attr for f in info_of(models(load(source))["A"]).fields.values()]
    assert attrs == ["type", "format"]
    assert "name=" not in source
