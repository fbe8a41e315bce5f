"""Versioned collections behind aliases (pure): `Question` is an alias to `Question_v2`.

A rebuild of `X` writes the physical collection `X_v{n}` and points the alias `X` at it. The
live schema is read by model name: the alias `X` stands for the class of `X_v{n}`, and the
versions `X_v{m}` of an aliased `X` are hidden (the current one shows as `X`, old ones kept
for a rollback are not the model's business). References name physical collections, so a
reference to the current version reads as a reference to `X`. Other aliases (such as the old
name kept by a collection rename) are extra names, not collections, and are left out.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Mapping

from wvorm.migrate._json import JsonObject, as_list, as_object
from wvorm.migrate._snapshot import is_reference


def version_name(name: str, version: int) -> str:
    """The physical collection of version `version` of `name`: `Question_v3`."""
    return f"{name}_v{version}"


def version_of(name: str, physical: str) -> int | None:
    """`physical`'s version of `name` (3 for `Question_v3`), None if it is not one."""
    found = re.fullmatch(rf"{re.escape(name)}_v([1-9][0-9]*)", physical)
    return int(found.group(1)) if found else None


def versions(name: str, collections: Iterable[str]) -> dict[int, str]:
    """The existing versions of `name` among `collections`, by version number."""
    out = {}
    for physical in collections:
        number = version_of(name, physical)
        if number is not None:
            out[number] = physical
    return out


def versioned(aliases: Mapping[str, str], collections: Iterable[str]) -> dict[str, str]:
    """Model name -> physical collection, for the aliases that point at a version of their own
    name (`Question -> Question_v2`); other aliases are extra names."""
    existing = set(collections)
    return {
        alias: target
        for alias, target in aliases.items()
        if target in existing and version_of(alias, target) is not None
    }


def renamed_references(cls: Mapping[str, object], names: Mapping[str, str]) -> JsonObject:
    """`cls` with the collections its reference properties name replaced through `names`."""
    out = copy.deepcopy(dict(cls))
    for prop in as_list(out.get("properties")):
        body = as_object(prop)
        if is_reference(body):
            body["dataType"] = [names.get(str(t), str(t)) for t in as_list(body.get("dataType"))]
    return out


def by_model_name(
    classes: Iterable[Mapping[str, object]], aliases: Mapping[str, str]
) -> list[JsonObject]:
    """The live classes as the models name them (module docstring)."""
    found = {str(c.get("class")): c for c in classes}
    current = versioned(aliases, found)
    model_of = {physical: name for name, physical in current.items()}
    hidden = {p for name in current for p in versions(name, found).values()}
    out = []
    for physical, cls in found.items():
        if physical in hidden and physical not in model_of:
            continue
        body = renamed_references(cls, model_of)
        body["class"] = model_of.get(physical, physical)
        out.append(body)
    return out
