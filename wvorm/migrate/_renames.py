"""Explicit renames: `renamed_from=` on a model class and `Field(renamed_from=...)`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from wvorm.migrate._snapshot import with_targets
from wvorm.model import WvModel, info_of
from wvorm_core.classes.config import check_property_name
from wvorm_core.exceptions import WeaviateInvalidInputError


@dataclass(frozen=True)
class Renames:
    """Declared renames: `collections` maps a new collection name to its old one,
    `properties` maps a collection to {new property name: old property name}."""

    collections: Mapping[str, str] = field(default_factory=dict)
    properties: Mapping[str, Mapping[str, str]] = field(default_factory=dict)


def renames_of(models: Iterable[type[WvModel]]) -> Renames:
    """The renames `models` declare (top-level fields and collections)."""
    collections: dict[str, str] = {}
    properties: dict[str, dict[str, str]] = {}
    for model in with_targets(models):
        info = info_of(model)
        if info.settings.renamed_from is not None:
            collections[info.collection] = info.settings.renamed_from
        for stored in info.fields.values():
            old = stored.options.renamed_from
            if old is None:
                continue
            check_property_name(old)
            if old == stored.name:
                raise WeaviateInvalidInputError(
                    f"{model.__name__}.{stored.attr}: renamed_from={old!r} is its own name"
                )
            properties.setdefault(info.collection, {})[stored.name] = old
    return Renames(collections, properties)
