"""Plain-JSON helpers of the planner: merging, flattening and merge patches of class JSON.

A *patch* is a JSON merge patch (RFC 7396) of a class JSON, with one extension: `properties`
and `nestedProperties`, which are lists on the server, are addressed as objects keyed by
property name (`{"properties": {"title": {"description": "..."}}}`).
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import TypeAlias

JsonObject: TypeAlias = dict[str, object]
Path: TypeAlias = tuple[str, ...]
NAMED_LISTS = frozenset({"properties", "nestedProperties"})


def as_object(value: object) -> JsonObject:
    """`value` if it is a JSON object, else an empty one."""
    return value if isinstance(value, dict) else {}


def as_list(value: object) -> list[object]:
    return value if isinstance(value, list) else []


def drop_nulls(value: object) -> object:
    """`value` without null members in its objects (null and absent mean the same)."""
    if isinstance(value, dict):
        return {str(k): drop_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [drop_nulls(v) for v in value]
    return value


def merged(base: Mapping[str, object], over: Mapping[str, object]) -> JsonObject:
    """A deep copy of `base` with `over` merged in (objects recursively, the rest replaced)."""
    out: JsonObject = copy.deepcopy(dict(base))
    for key, value in over.items():
        current = out.get(key)
        if isinstance(current, dict) and isinstance(value, dict):
            out[key] = merged(current, value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def restricted(value: Mapping[str, object], shape: Mapping[str, object]) -> JsonObject:
    """The members of `value` that `shape` names, objects restricted recursively."""
    out: JsonObject = {}
    for key, member in value.items():
        if key not in shape:
            continue
        inner = shape[key]
        out[key] = (
            restricted(member, inner)
            if isinstance(inner, dict) and isinstance(member, dict)
            else member
        )
    return out


def leaves(value: Mapping[str, object], prefix: Path = ()) -> dict[Path, object]:
    """Every non-object member of `value` (lists count as leaves) by its path."""
    out: dict[Path, object] = {}
    for key, member in value.items():
        path = (*prefix, key)
        if isinstance(member, dict) and member:
            out.update(leaves(member, path))
        else:
            out[path] = member
    return out


def nest(path: Path, value: object) -> JsonObject:
    """`{"a": {"b": value}}` for the path `("a", "b")`."""
    out: object = value
    for key in reversed(path):
        out = {key: out}
    return as_object(out)


def dotted(path: Path) -> str:
    return ".".join(path)


def _by_name(items: list[object]) -> dict[str, JsonObject]:
    return {str(as_object(i).get("name")): as_object(i) for i in items}


def apply_patch(target: JsonObject, patch: Mapping[str, object]) -> None:
    """Apply a patch (module docstring) to `target` in place; null members delete."""
    for key, change in patch.items():
        if key in NAMED_LISTS and isinstance(change, dict):
            existing = _by_name(as_list(target.get(key)))
            for name, sub in change.items():
                if name in existing and isinstance(sub, dict):
                    apply_patch(existing[name], sub)
        elif change is None:
            target.pop(key, None)
        elif isinstance(change, dict) and isinstance(target.get(key), dict):
            apply_patch(as_object(target[key]), change)
        else:
            target[key] = copy.deepcopy(change)


def patch_holds(live: Mapping[str, object], patch: Mapping[str, object]) -> bool:
    """Whether `live` already has every value the patch sets (and lacks what it deletes)."""
    for key, change in patch.items():
        if key in NAMED_LISTS and isinstance(change, dict):
            existing = _by_name(as_list(live.get(key)))
            for name, sub in change.items():
                if name not in existing or not patch_holds(existing[name], as_object(sub)):
                    return False
        elif change is None:
            if key in live:
                return False
        elif isinstance(change, dict) and change:
            current = live.get(key)
            if not isinstance(current, dict) or not patch_holds(current, change):
                return False
        elif live.get(key) != change:
            return False
    return True


def patch_leaves(patch: Mapping[str, object], prefix: Path = ()) -> dict[Path, object]:
    """Flattened patch, property names inside the path (`properties.title.description`)."""
    out: dict[Path, object] = {}
    for key, change in patch.items():
        path = (*prefix, key)
        if isinstance(change, dict) and change:
            out.update(patch_leaves(change, path))
        else:
            out[path] = change
    return out
