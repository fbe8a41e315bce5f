"""The diff of properties and references (v1.39 rules, `migration_anchors.md` A2/A3).

- A property or reference is added in place; it cannot be dropped or renamed (rebuild).
- Descriptions change in place (nested ones too); data type, reference targets, text
  analyzer and nested sub-properties are fixed once created (rebuild).
- On a top-level property an index is dropped in place (v1.36) and enabled, or the
  tokenization changed, by the server's re-index (v1.39); on a nested one, only a rebuild can.
- A property's per-module settings (`skip`, `vectorizePropertyName`) are fixed once set, but
  a module the live property has no settings for can get them in place (those of a module
  that only a new vector brings travel with its AddVector). Modules the target does not name
  are the server's choice and never a step.
"""

from __future__ import annotations

from collections.abc import Mapping

from wvorm.migrate._changes import CollectionChanges
from wvorm.migrate._json import JsonObject, Path, as_list, as_object
from wvorm.migrate._snapshot import is_reference
from wvorm.migrate.operations import AddProperty, DropPropertyIndex, IndexName, Reindex

_INDEXES: tuple[tuple[IndexName, str], ...] = (
    ("filterable", "indexFilterable"),
    ("searchable", "indexSearchable"),
    ("rangeFilters", "indexRangeFilters"),
)
_TEXT = frozenset({"text", "text[]"})


def _by_name(items: object) -> dict[str, JsonObject]:
    return {str(as_object(p).get("name")): as_object(p) for p in as_list(items)}


def _types(prop: Mapping[str, object]) -> str:
    return "|".join(str(t) for t in as_list(prop.get("dataType")))


def _patch_path(names: Path, key: str) -> Path:
    path: Path = ()
    for depth, name in enumerate(names):
        path = (*path, "properties" if depth == 0 else "nestedProperties", name)
    return (*path, key)


def diff_properties(changes: CollectionChanges, renames: Mapping[str, str]) -> None:
    """Compare the top-level properties of one collection."""
    live = _by_name(changes.live.get("properties"))
    want = _by_name(changes.want.get("properties"))
    renamed_away: set[str] = set()
    added: list[JsonObject] = []
    for name, wanted in want.items():
        current = live.get(name)
        old = renames.get(name)
        if current is None and old is not None and old in live:
            renamed_away.add(old)
            changes.renames[name] = old
            changes.needs_rebuild(
                f"property {old!r} renamed to {name!r} (Weaviate cannot rename a property)"
            )
            _compare(changes, live[old], wanted, (name,))
        elif current is None:
            added.append(wanted)
        else:
            _compare(changes, current, wanted, (name,))
    removed = [p for n, p in live.items() if n not in want and n not in renamed_away]
    for prop in added:
        name = str(prop.get("name"))
        changes.step(AddProperty(changes.collection, prop), f"property {name!r} is new")
        for gone in removed:
            if _types(gone) == _types(prop):
                changes.hint(
                    f"{gone.get('name')!r} is gone and {name!r} is new, both {_types(prop)}: "
                    f"did you mean Field(renamed_from={gone.get('name')!r}) on {name!r}?"
                )
    for prop in removed:
        _removed(changes, str(prop.get("name")))


def _removed(changes: CollectionChanges, label: str) -> None:
    if changes.allow_drop:
        changes.needs_rebuild(
            f"property {label!r} removed (Weaviate cannot drop a property)", drops=(label,)
        )
    else:
        changes.hint(
            f"property {label!r} is on the server but not in the model; Weaviate cannot drop "
            "a property in place (plan with allow_drop=True to rebuild without it)"
        )


def _compare(changes: CollectionChanges, live: JsonObject, want: JsonObject, names: Path) -> None:
    label = ".".join(names)
    top = len(names) == 1
    if _types(live) != _types(want):
        what = "reference targets" if is_reference(want) else "data type"
        changes.needs_rebuild(
            f"property {label!r}: {what} {_types(live)} -> {_types(want)} (fixed once created)",
            vectors=() if is_reference(want) else _vectorized(changes),
        )
        return
    if live.get("description") != want.get("description"):
        changes.patch(
            "description",
            _patch_path(names, "description"),
            want.get("description"),
            live.get("description"),
        )
    if live.get("textAnalyzer") != want.get("textAnalyzer"):
        changes.needs_rebuild(
            f"property {label!r}: text analyzer {live.get('textAnalyzer')} -> "
            f"{want.get('textAnalyzer')} (fixed once created)"
        )
    _indexes(changes, live, want, names)
    if top:
        _module_settings(changes, live, want, names)
    _nested(changes, live, want, names)


def _vectorized(changes: CollectionChanges) -> tuple[str, ...]:
    """The target's vectors a vectorizer computes (not self-provided ones)."""
    return tuple(
        name
        for name, config in as_object(changes.want.get("vectorConfig")).items()
        if "none" not in as_object(as_object(config).get("vectorizer"))
    )


def _indexes(changes: CollectionChanges, live: JsonObject, want: JsonObject, names: Path) -> None:
    label = ".".join(names)
    top = len(names) == 1
    name = names[0]
    text = bool(set(str(t) for t in as_list(want.get("dataType"))) & _TEXT)
    tokenization = want.get("tokenization")
    new_tokens = str(tokenization) if tokenization is not None else None
    retokenize = live.get("tokenization") != tokenization
    enables = [i for i, flag in _INDEXES if live.get(flag) is not True and want.get(flag) is True]
    drops = [i for i, flag in _INDEXES if live.get(flag) is True and want.get(flag) is not True]
    if not top:
        what = [f"{i} index {'on' if i in enables else 'off'}" for i in (*enables, *drops)]
        if retokenize:
            what.append(f"tokenization {live.get('tokenization')} -> {tokenization}")
        if what:
            changes.needs_rebuild(
                f"nested property {label!r}: {', '.join(what)} (the server re-indexes "
                "top-level properties only)"
            )
        return
    if retokenize:
        carrier: IndexName | None = (
            "searchable"
            if live.get("indexSearchable") is True
            else "filterable"
            if live.get("indexFilterable") is True
            else None
        )
        reason = f"tokenization of {label!r}: {live.get('tokenization')} -> {tokenization}"
        if carrier is not None:
            changes.step(Reindex(changes.collection, name, carrier, new_tokens), reason)
        elif not enables:
            changes.needs_rebuild(f"{reason} on a property without an index")
    for index in enables:
        tokens = new_tokens if index == "searchable" and text else None
        changes.step(
            Reindex(changes.collection, name, index, tokens),
            f"the {index} index of {label!r} is turned on",
        )
    for index in drops:
        changes.step(
            DropPropertyIndex(changes.collection, name, index),
            f"the {index} index of {label!r} is turned off",
        )


def _module_settings(
    changes: CollectionChanges, live: JsonObject, want: JsonObject, names: Path
) -> None:
    label = ".".join(names)
    live_modules = as_object(live.get("moduleConfig"))
    vectorizers = {
        m
        for config in as_object(changes.live.get("vectorConfig")).values()
        for m in as_object(as_object(config).get("vectorizer"))
    }
    for module, settings in as_object(want.get("moduleConfig")).items():
        current = live_modules.get(module)
        if current is None and module not in vectorizers:
            continue
        if current is None:
            changes.patch(
                "module settings",
                (*_patch_path(names, "moduleConfig"), module),
                settings,
                None,
            )
        elif current != settings:
            changes.needs_rebuild(
                f"property {label!r}: {module} settings {current} -> {settings} (fixed once set)",
                vectors=changes.vectors_of_module(module),
            )


def _nested(changes: CollectionChanges, live: JsonObject, want: JsonObject, names: Path) -> None:
    live_nested = _by_name(live.get("nestedProperties"))
    want_nested = _by_name(want.get("nestedProperties"))
    label = ".".join(names)
    for name, wanted in want_nested.items():
        current = live_nested.get(name)
        if current is None:
            changes.needs_rebuild(
                f"nested property '{label}.{name}' added (the server cannot add sub-properties "
                "to an existing object property)"
            )
        else:
            _compare(changes, current, wanted, (*names, name))
    for name in live_nested:
        if name not in want_nested:
            _removed(changes, f"{label}.{name}")
