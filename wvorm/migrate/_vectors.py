"""The diff of vectors: named vectors, the collection-level index, vector index settings.

v1.39 rules (`migration_anchors.md` A2):
- a named vector is added in place (v1.31); dropping one is experimental (rebuild);
- a vectorizer, its settings (source `properties` too) and the index type are fixed once
  created (rebuild);
- HNSW: `ef`, `dynamicEf*`, `flatSearchCutoff`, `filterStrategy`, `vectorCacheMaxObjects`
  and the settings of the quantizer in use change in place, and a quantizer can be turned on
  (irreversible; writes wait for the compression unless ASYNC_INDEXING=true); everything else,
  `rq.bits` once RQ is on, and a quantizer switch or turn-off need a rebuild (the server
  accepts a switch but does not carry it out);
- flat: `vectorCacheMaxObjects` and the quantizer's `rescoreLimit` change in place; turning a
  quantizer on or off and the rest are fixed;
- dynamic: `threshold` in place, `distance` fixed, its `hnsw` and `flat` parts as above.
Module settings the target leaves out are the module's defaults, which only the server knows
(it adds them when the collection is created), so they are never a step; `properties` (the
source properties) always counts.
"""

from __future__ import annotations

from wvorm.migrate._changes import CollectionChanges
from wvorm.migrate._defaults import QUANTIZERS
from wvorm.migrate._json import JsonObject, Path, as_list, as_object, dotted, leaves
from wvorm.migrate.operations import AddVector

_MUTABLE: dict[str, frozenset[str]] = {
    "hnsw": frozenset(
        {
            "ef",
            "dynamicEfMin",
            "dynamicEfMax",
            "dynamicEfFactor",
            "flatSearchCutoff",
            "filterStrategy",
            "vectorCacheMaxObjects",
        }
    ),
    "flat": frozenset({"vectorCacheMaxObjects"}),
    "dynamic": frozenset({"threshold"}),
}
_MUTABLE_QUANTIZER: dict[str, frozenset[str]] = {"flat": frozenset({"rescoreLimit"})}
"""Quantizer settings of a flat index that change in place while it is on (HNSW: all but
`rq.bits`)."""


def _enabled(config: JsonObject) -> set[str]:
    return {q for q in QUANTIZERS if as_object(config.get(q)).get("enabled") is True}


def _module(vector: JsonObject) -> str:
    return next(iter(as_object(vector.get("vectorizer"))), "none")


def diff_vectors(changes: CollectionChanges) -> None:
    """Compare the vectors of one collection."""
    live = as_object(changes.live.get("vectorConfig"))
    want = as_object(changes.want.get("vectorConfig"))
    if not live and not want:
        _legacy(changes)
    elif live and want:
        for name, config in want.items():
            if name in live:
                _named(changes, name, as_object(live[name]), as_object(config))
            else:
                _add(changes, name, as_object(config), live)
        for name in live:
            if name not in want:
                _dropped(changes, name)
    else:
        before = "named vectors" if live else "a collection-level vector index"
        after = "named vectors" if want else "a collection-level vector index"
        changes.needs_rebuild(
            f"vectors: {before} -> {after}",
            vectors=tuple(n for n, c in want.items() if _module(as_object(c)) != "none"),
        )


def _legacy(changes: CollectionChanges) -> None:
    live, want = changes.live, changes.want
    if live.get("vectorizer") != want.get("vectorizer"):
        changes.needs_rebuild(
            f"vectorizer {live.get('vectorizer')} -> {want.get('vectorizer')} (fixed once created)"
        )
    if live.get("vectorIndexType") != want.get("vectorIndexType"):
        changes.needs_rebuild(
            f"vector index type {live.get('vectorIndexType')} -> {want.get('vectorIndexType')}"
            " (fixed once created)"
        )
        return
    index(
        changes,
        str(want.get("vectorIndexType")),
        as_object(live.get("vectorIndexConfig")),
        as_object(want.get("vectorIndexConfig")),
        ("vectorIndexConfig",),
        "vector index",
    )


def _add(changes: CollectionChanges, name: str, config: JsonObject, live: JsonObject) -> None:
    module = _module(config)
    used = {_module(as_object(v)) for v in live.values()}
    settings: dict[str, JsonObject] = {}
    if module != "none" and module not in used:
        live_props = {
            str(as_object(p).get("name")) for p in as_list(changes.live.get("properties"))
        }
        for prop in as_list(changes.want.get("properties")):
            prop_name = str(as_object(prop).get("name"))
            value = as_object(as_object(prop).get("moduleConfig")).get(module)
            if prop_name in live_props and value is not None:
                settings[prop_name] = {module: value}
    changes.step(AddVector(changes.collection, name, config, settings), f"vector {name!r} is new")


def _dropped(changes: CollectionChanges, name: str) -> None:
    if changes.allow_drop:
        changes.needs_rebuild(f"vector {name!r} removed", drops=(f"vector {name}",))
    else:
        changes.hint(
            f"vector {name!r} is on the server but not in the model; dropping a vector index "
            "is experimental in v1.39 (plan with allow_drop=True to rebuild without it)"
        )


def _named(changes: CollectionChanges, name: str, live: JsonObject, want: JsonObject) -> None:
    old, new = _module(live), _module(want)
    if old != new:
        changes.needs_rebuild(
            f"vector {name!r}: vectorizer {old} -> {new} (fixed once created)",
            vectors=(name,) if new != "none" else (),
        )
    else:
        live_settings = as_object(as_object(live.get("vectorizer")).get(old))
        want_settings = as_object(as_object(want.get("vectorizer")).get(new))
        keys = set(want_settings) | ({"properties"} & set(live_settings))
        for key in sorted(keys):
            if live_settings.get(key) != want_settings.get(key):
                changes.needs_rebuild(
                    f"vector {name!r}: {new} setting {key} {live_settings.get(key)!r} -> "
                    f"{want_settings.get(key)!r} (fixed once created)",
                    vectors=(name,) if new != "none" else (),
                )
    if live.get("vectorIndexType") != want.get("vectorIndexType"):
        changes.needs_rebuild(
            f"vector {name!r}: index type {live.get('vectorIndexType')} -> "
            f"{want.get('vectorIndexType')} (fixed once created)"
        )
        return
    index(
        changes,
        str(want.get("vectorIndexType")),
        as_object(live.get("vectorIndexConfig")),
        as_object(want.get("vectorIndexConfig")),
        ("vectorConfig", name, "vectorIndexConfig"),
        f"vector {name!r}",
    )


def index(
    changes: CollectionChanges,
    index_type: str,
    live: JsonObject,
    want: JsonObject,
    prefix: Path,
    label: str,
) -> None:
    """Compare two vector index configs of `index_type` (both normalized)."""
    family = label
    if index_type == "dynamic":
        for part in ("hnsw", "flat"):
            index(
                changes,
                part,
                as_object(live.get(part)),
                as_object(want.get(part)),
                (*prefix, part),
                f"{label} ({part} part)",
            )
        live = {k: v for k, v in live.items() if k not in ("hnsw", "flat")}
        want = {k: v for k, v in want.items() if k not in ("hnsw", "flat")}
    before, after = _enabled(live), _enabled(want)
    turning_on = not before and len(after) == 1 and index_type == "hnsw"
    if before != after:
        if turning_on:
            quantizer = next(iter(after))
            changes.patch(family, (*prefix, quantizer, "enabled"), True, False)
        else:
            shown = ", ".join(sorted(before)) or "none"
            wanted = ", ".join(sorted(after)) or "none"
            why = (
                "a flat index's quantizer is fixed once created"
                if index_type == "flat"
                else "Weaviate cannot switch a quantizer or turn it off"
            )
            changes.needs_rebuild(f"{label}: quantizer {shown} -> {wanted} ({why})")
            return
    old_leaves, new_leaves = leaves(live), leaves(want)
    for path in sorted(set(old_leaves) | set(new_leaves)):
        old, new = old_leaves.get(path), new_leaves.get(path)
        if old == new or (path[0] in QUANTIZERS and path[1:] == ("enabled",)):
            continue
        if _in_place(index_type, path, before, after):
            changes.patch(family, (*prefix, *path), new, old)
        else:
            changes.needs_rebuild(
                f"{label}: {dotted(path)} {old!r} -> {new!r} (fixed once created)"
            )


def _in_place(index_type: str, path: Path, before: set[str], after: set[str]) -> bool:
    key = path[0]
    if key not in QUANTIZERS:
        return key in _MUTABLE.get(index_type, frozenset())
    if key not in after:
        return True
    if index_type == "hnsw":
        return not (key == "rq" and path[1:] == ("bits",) and key in before)
    allowed = _MUTABLE_QUANTIZER.get(index_type)
    return allowed is not None and len(path) > 1 and path[1] in allowed
