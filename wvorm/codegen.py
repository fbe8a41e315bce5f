"""`WvModel` source code for an existing schema (what `wvorm inspect` writes).

`models_source(classes)` takes the collections as `GET /v1/schema` returns them and writes one
module: a `WvModel` per collection, a pydantic model per nested object, `Ref[...]` fields for
references, and class keywords (`vectors=`, `inverted_index=`, ...) with the `Configure`
calls that recreate every setting that differs from the server's default. A setting a
`WvModel` cannot declare raises `InspectError` naming the collection and the setting.
"""

from __future__ import annotations

import builtins
import keyword
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from wvorm._codegen_render import Atom, Bracketed, Expr, Item, assignment, call, lines, literal
from wvorm._codegen_settings import (
    InspectError,
    Section,
    inverted_index,
    modules,
    multi_tenancy,
    named_vector,
    replication,
    sharding,
    vector_index,
)
from wvorm.model import WvModel
from wvorm_core.classes.config import Tokenization

__all__ = ["InspectError", "models_source"]

_SCALARS = {
    "text": "str",
    "int": "int",
    "number": "float",
    "boolean": "bool",
    "date": "datetime",
    "uuid": "UUID",
    "blob": "bytes",
    "geoCoordinates": "GeoCoordinate",
    "phoneNumber": "PhoneNumber",
}
_TEXT = frozenset({"text", "text[]"})
_OBJECT = frozenset({"object", "object[]"})
_IMPORTS = {
    "datetime": "datetime",
    "UUID": "uuid",
    "BaseModel": "pydantic",
    "Field": "wvorm",
    "Prop": "wvorm",
    "Ref": "wvorm",
    "WvModel": "wvorm",
    "GeoCoordinate": "wvorm_core.classes.data",
    "PhoneNumber": "wvorm_core.classes.data",
    **dict.fromkeys(
        [
            "Configure",
            "MultiVectorAggregation",
            "PQEncoderDistribution",
            "PQEncoderType",
            "ReplicationDeletionStrategy",
            "StopwordsPreset",
            "Tokenization",
            "VectorDistances",
            "VectorFilterStrategy",
        ],
        "wvorm_core.classes.config",
    ),
}
_STDLIB = frozenset({"datetime", "uuid"})
# Server names a WvModel refuses (wvorm.model reserves them for the object's own attributes).
_REFUSED_NAMES = frozenset({"uuid", "vectors", "_additional", "id", "_id"})
# Attribute names that would shadow pydantic/WvModel attributes or names the module uses.
_TAKEN_ATTRS = frozenset(
    {*dir(WvModel), *_IMPORTS, *_SCALARS.values(), "list", "annotations", "self", "cls"}
)
# Module settings of a reference property that the server fills in (a Ref cannot set them):
# vectorizePropertyName per vectorizer module, False for most text2vec modules.
_REFERENCE_PROPERTY_NAME_DEFAULT = {"text2vec-bigram": True}
# Vectorizers that get no per-property settings from a WvModel.
_NO_PROPERTY_SETTINGS = frozenset({"none", "ref2vec-centroid"})


def models_source(classes: Sequence[Mapping[str, object]], *, line_length: int = 88) -> str:
    """The source of a module with one `WvModel` per collection in `classes`.

    `classes` are items of `GET /v1/schema`'s `classes` (the collections' schema JSON). The
    output is deterministic, laid out as `ruff format --line-length=<line_length>` would, and
    passes `mypy --strict`. Raises `InspectError` for a setting a `WvModel` cannot declare and
    for a reference to a collection that is not in `classes`.
    """
    writer = _Writer(line_length)
    ordered = sorted(classes, key=lambda c: str(c.get("class")))
    for schema in ordered:
        name = schema.get("class")
        if not isinstance(name, str) or not name:
            raise InspectError(f"a collection schema without a class name: {dict(schema)!r}")
        writer.class_names[name] = writer.unique_class(name, "Collection")
    for schema in ordered:
        writer.collection(schema)
    return writer.module()


@dataclass
class _Writer:
    line_length: int
    class_names: dict[str, str] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)
    blocks: list[list[str]] = field(default_factory=list)
    _taken_classes: set[str] = field(default_factory=lambda: {*_IMPORTS, *dir(builtins)})

    def unique_class(self, wanted: str, suffix: str) -> str:
        name = wanted if wanted.isidentifier() and not keyword.iskeyword(wanted) else "Model"
        if name in self._taken_classes:
            name = f"{name}{suffix}"
        base, count = name, 2
        while name in self._taken_classes:
            name, count = f"{base}{count}", count + 1
        self._taken_classes.add(name)
        return name

    def module(self) -> str:
        out = ["from __future__ import annotations", ""]
        by_module: dict[str, set[str]] = {}
        for name in sorted(self.used & set(_IMPORTS)):
            by_module.setdefault(_IMPORTS[name], set()).add(name)
        for group in (
            sorted(m for m in by_module if m in _STDLIB),
            sorted(m for m in by_module if m not in _STDLIB),
        ):
            for module in group:
                names = sorted(by_module[module])
                one = f"from {module} import {', '.join(names)}"
                if len(one) <= self.line_length:
                    out.append(one)
                else:
                    out.extend([f"from {module} import (", *(f"    {n}," for n in names), ")"])
            if group:
                out.append("")
        for block in self.blocks:
            out.extend(["", *block, ""])
        return "\n".join(out).rstrip("\n") + "\n"

    def expression_lines(self, expr: Expr, indent: str, prefix: str, suffix: str) -> list[str]:
        self._note_names(expr)
        return lines(expr, indent, prefix, suffix, self.line_length)

    def _note_names(self, expr: Expr) -> None:
        text = expr.text if isinstance(expr, Atom) else expr.head
        self.used.add(text.split(".", 1)[0])
        if isinstance(expr, Bracketed):
            for item in expr.items:
                self._note_names(item.value)

    def collection(self, schema: Mapping[str, object]) -> None:
        name = str(schema["class"])
        section = Section(name, "class", schema)
        section.raw("class")
        keywords = self._collection_keywords(name, section)
        vector_modules = self._vector_modules(name, section)
        description = section.raw("description")
        cls = self.class_names[name]
        if cls != name:
            keywords = {"collection": literal(name), **keywords}
        docstring = _docstring(description)
        if description and docstring is None:
            keywords = {"description": literal(description), **keywords}
        properties = section.raw("properties") or []
        if not isinstance(properties, list):
            raise section.fail("expected a list", "properties")
        body = self._fields(name, cls, properties, nested=False, vector_modules=vector_modules)
        section.finish()
        self.used.add("WvModel")
        header = Bracketed(
            f"class {cls}", (Item(Atom("WvModel")), *(Item(v, k) for k, v in keywords.items()))
        )
        block = self.expression_lines(header, "", "", ":")
        if docstring is not None:
            block.append(f"    {docstring}")
            if body:
                block.append("")
        block.extend(body or ([] if docstring else ["    pass"]))
        self.blocks.append(block)

    def _collection_keywords(self, name: str, section: Section) -> dict[str, Expr]:
        keywords: dict[str, Expr] = {}
        vectors = section.raw("vectorConfig")
        if vectors:
            if not isinstance(vectors, Mapping):
                raise section.fail("expected a JSON object", "vectorConfig")
            configs = [named_vector(name, str(n), c) for n, c in sorted(vectors.items())]
            keywords["vectors"] = (
                configs[0] if len(configs) == 1 else Bracketed("", tuple(map(Item, configs)), "[]")
            )
        self._legacy_vector(section)
        for key, expr in (("inverted_index", inverted_index(section.sub("invertedIndexConfig"))),):
            if expr is not None:
                keywords[key] = expr
        tenancy, multi_tenant = multi_tenancy(section.sub("multiTenancyConfig"))
        for key, expr in (
            ("multi_tenancy", tenancy),
            ("replication", replication(section.sub("replicationConfig"))),
            ("sharding", sharding(section.sub("shardingConfig"), multi_tenant)),
        ):
            if expr is not None:
                keywords[key] = expr
        keywords.update(modules(section.sub("moduleConfig")))
        section.fixed("objectTTLConfig", None)
        return keywords

    def _legacy_vector(self, section: Section) -> None:
        """The unnamed (legacy) vector a collection without named vectors gets: it must be the
        self-provided default HNSW that the server creates when no vector is declared."""
        vectorizer = section.raw("vectorizer")
        if vectorizer not in (None, "none"):
            raise section.fail(
                "an unnamed (legacy) vectorizer; declare it as a named vector", "vectorizer"
            )
        index_type = section.raw("vectorIndexType", "hnsw")
        if section.has("vectorIndexConfig"):
            if vector_index(section.sub("vectorIndexConfig"), index_type):
                raise section.fail(
                    "settings of the unnamed (legacy) vector index", "vectorIndexConfig"
                )
        elif index_type != "hnsw":
            raise section.fail("an unnamed (legacy) vector index", "vectorIndexType")

    @staticmethod
    def _vector_modules(name: str, section: Section) -> list[str]:
        vectors = section.raw("vectorConfig")
        found: set[str] = set()
        for config in (vectors or {}).values() if isinstance(vectors, Mapping) else ():
            vectorizer = config.get("vectorizer") if isinstance(config, Mapping) else None
            if isinstance(vectorizer, Mapping):
                found.update(str(m) for m in vectorizer)
        return sorted(found)

    def _fields(
        self,
        collection: str,
        owner: str,
        properties: list[object],
        *,
        nested: bool,
        vector_modules: list[str],
    ) -> list[str]:
        sections = [
            Section(collection, f"{'nestedProperties' if nested else 'properties'}[{i}]", p)
            for i, p in enumerate(properties)
        ]
        names = []
        for section in sections:
            prop_name = section.raw("name")
            if not isinstance(prop_name, str):
                raise section.fail(f"a property without a name: {prop_name!r}")
            if prop_name in _REFUSED_NAMES:
                raise section.fail(f"a WvModel cannot have a property named {prop_name!r}")
            section.path = f"properties.{prop_name}" if not nested else f"{owner}.{prop_name}"
            names.append(prop_name)
        attrs = _attribute_names(names, self._taken_classes - set(dir(builtins)))
        out: list[str] = []
        for section, prop_name in zip(sections, names, strict=True):
            out.extend(
                self._field(section, owner, prop_name, attrs[prop_name], nested, vector_modules)
            )
        return out

    def _field(
        self,
        section: Section,
        owner: str,
        name: str,
        attr: str,
        nested: bool,
        vector_modules: list[str],
    ) -> list[str]:
        data_type = section.raw("dataType")
        if not (
            isinstance(data_type, list) and data_type and all(isinstance(t, str) for t in data_type)
        ):
            raise section.fail(f"unexpected data type {data_type!r}", "dataType")
        options: dict[str, Expr] = {"default": Atom("None")}
        if attr != name:
            options["name"] = literal(name)
        description = section.raw("description")
        if description:
            options["description"] = literal(description)
        kind = data_type[0]
        if len(data_type) == 1 and (kind.removesuffix("[]") in _SCALARS or kind in _OBJECT):
            value_type = self._value_type(section, owner, attr, kind, nested)
            options.update(self._index_options(section, kind, nested))
            if not nested:
                options.update(self._property_modules(section, vector_modules))
            elif section.has("moduleConfig"):
                section.fixed("moduleConfig", None, {})
            wrapper, annotation = (
                ("", f"{value_type} | None") if nested else ("Prop", f"{value_type} | None")
            )
        else:
            if nested:
                raise section.fail("a reference inside a nested object", "dataType")
            wrapper, annotation = "Ref", self._targets(section, data_type)
            self._reference_settings(section, vector_modules)
        section.finish()
        self.used.update(re.findall(r"[A-Za-z_]\w*", f"{wrapper}[{annotation}]"))
        value: Expr = call("Field", **options)
        if nested and list(options) == ["default"]:
            value = Atom("None")
        self._note_names(value)
        typed = Bracketed(wrapper, (Item(Atom(annotation)),), "[]") if wrapper else Atom(annotation)
        return assignment("    ", attr, typed, value, self.line_length)

    def _value_type(self, section: Section, owner: str, attr: str, kind: str, nested: bool) -> str:
        base = kind.removesuffix("[]")
        if kind in _OBJECT:
            children = section.raw("nestedProperties")
            if not isinstance(children, list) or not children:
                raise section.fail("an object property without nested properties")
            wanted = owner + _pascal(attr)
            model = self.unique_class(wanted if len(wanted) <= 40 else _pascal(attr), "Object")
            body = self._fields(section.collection, model, children, nested=True, vector_modules=[])
            self.used.add("BaseModel")
            header = Bracketed(f"class {model}", (Item(Atom("BaseModel")),))
            self.blocks.append([*self.expression_lines(header, "", "", ":"), *body])
            inner = model
        else:
            inner = _SCALARS[base]
            if section.has("nestedProperties"):
                section.fixed("nestedProperties", None, [])
        return f"list[{inner}]" if kind.endswith("[]") else inner

    @staticmethod
    def _index_options(section: Section, kind: str, nested: bool) -> dict[str, Expr]:
        text = kind in _TEXT
        options: dict[str, Expr] = {}
        tokenization = section.raw("tokenization")
        if text and tokenization not in (None, "word"):
            try:
                options["tokenization"] = literal(Tokenization(tokenization))
            except ValueError:
                raise section.fail(
                    f"unknown tokenization {tokenization!r}", "tokenization"
                ) from None
        elif not text and tokenization is not None:
            raise section.fail("tokenization on a property that is not text", "tokenization")
        defaults = {
            "indexFilterable": ("index_filterable", not (nested and kind == "blob")),
            "indexSearchable": ("index_searchable", text),
            "indexRangeFilters": ("index_range_filters", False),
        }
        for key, (argument, default) in defaults.items():
            value = section.raw(key)
            if value is not None and value is not default:
                options[argument] = literal(value)
        section.fixed("indexInverted", None)
        section.fixed("textAnalyzer", None, {})
        return options

    @staticmethod
    def _property_modules(section: Section, vector_modules: list[str]) -> dict[str, Expr]:
        """`skip_vectorization=` / `vectorize_property_name=`: a WvModel writes the same two
        settings for every vectorizer module of the collection."""
        expected = sorted(set(vector_modules) - _NO_PROPERTY_SETTINGS)
        config = section.sub("moduleConfig")
        found = sorted(config.names())
        if found != expected:
            raise config.fail(
                f"settings for the modules {found}, where a WvModel writes them for {expected}"
            )
        values = set()
        for module in found:
            settings = config.sub(module)
            values.add((settings.raw("skip", False), settings.raw("vectorizePropertyName", True)))
            settings.finish()
        config.finish()
        if len(values) > 1:
            raise config.fail("different settings per vectorizer module")
        options: dict[str, Expr] = {}
        for skip, name in values:
            if skip is True:
                options["skip_vectorization"] = Atom("True")
            if name is False:
                options["vectorize_property_name"] = Atom("False")
        return options

    @staticmethod
    def _reference_settings(section: Section, vector_modules: list[str]) -> None:
        """A reference declares targets and a description only; the rest must be defaults."""
        section.fixed("indexFilterable", True, None)
        section.fixed("indexSearchable", False, None)
        section.fixed("indexRangeFilters", False, None)
        config = section.sub("moduleConfig")
        for module in config.names():
            settings = config.sub(module)
            settings.fixed("skip", False, None)
            settings.fixed(
                "vectorizePropertyName", _REFERENCE_PROPERTY_NAME_DEFAULT.get(module, False), None
            )
            settings.finish()
        config.finish()

    def _targets(self, section: Section, data_type: list[str]) -> str:
        missing = [t for t in data_type if t not in self.class_names]
        if missing:
            raise section.fail(
                f"references {missing}, which are not among the inspected collections", "dataType"
            )
        return " | ".join(self.class_names[t] for t in data_type)


def _attribute_names(names: list[str], taken_classes: set[str]) -> dict[str, str]:
    """A Pythonic, free attribute name per property name; names already Pythonic go first."""
    taken = set(_TAKEN_ATTRS) | taken_classes
    out: dict[str, str] = {}
    for name in sorted(names, key=lambda n: _snake(n) != n):
        attr = _snake(name)
        if attr.startswith("model_"):  # pydantic's own namespace
            attr = f"field_{attr}"
        while keyword.iskeyword(attr) or attr in taken:
            attr += "_"
        taken.add(attr)
        out[name] = attr
    return out


def _snake(name: str) -> str:
    words = re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", name)
    attr = words.lower().lstrip("_")
    return attr if attr and not attr[0].isdigit() else f"field_{attr}"


def _pascal(attr: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in attr.split("_"))


def _docstring(description: object) -> str | None:
    """The docstring that gives this description (the model strips its docstring), if any."""
    if not isinstance(description, str) or not description or description != description.strip():
        return None
    if any(c in description for c in '\\"\n\r\t') or not description.isprintable():
        return None
    return f'"""{description}"""'
