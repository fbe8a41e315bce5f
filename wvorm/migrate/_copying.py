"""What a copy between two collections writes (pure): the report, and the layout that maps a
source object's properties, vectors and references onto the target's schema."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from wvorm.migrate._convert import Conversion, ConversionError
from wvorm.migrate._json import as_list, as_object
from wvorm.migrate._offline import MigrationError
from wvorm.migrate._snapshot import is_reference
from wvorm_core.classes.data import Vector, Vectors
from wvorm_core.outputs import Object


@dataclass(frozen=True)
class FailedObject:
    """An object that was not copied, and why (a conversion or the server refused it)."""

    uuid: UUID
    reason: str
    tenant: str | None = None


@dataclass(frozen=True)
class TenantCopy:
    """The counts of one tenant (or of the whole collection when it has no tenants)."""

    source: int
    """Objects in the source when the copy ended."""
    target: int
    """Objects in the target when the copy ended."""
    copied: int
    """Objects written by this copy."""
    references: int
    """References written by this copy."""
    failed: int
    """Objects not copied (listed in `CopyReport.failed`)."""


@dataclass(frozen=True)
class CopyReport:
    """What `copy_objects` did; `tenants` is keyed by tenant name, None without tenants."""

    objects: int
    references: int
    failed: tuple[FailedObject, ...]
    tenants: Mapping[str | None, TenantCopy]
    seconds: float

    @property
    def ok(self) -> bool:
        """Every object was copied."""
        return not self.failed


@dataclass(frozen=True)
class ReferenceProperty:
    """A reference property as copied: its name in the source and target, the collections the
    source names (one cursor pass each when several), and whether the target is multi-target."""

    source: str
    target: str
    targets: tuple[str, ...]
    multi_target: bool


def _properties(cls: Mapping[str, object]) -> dict[str, Mapping[str, object]]:
    return {str(as_object(p).get("name")): as_object(p) for p in as_list(cls.get("properties"))}


def data_types(cls: Mapping[str, object]) -> dict[str, str]:
    """Non-reference property name -> its data type, e.g. {"points": "int"}."""
    return {
        name: "|".join(str(t) for t in as_list(prop.get("dataType")))
        for name, prop in _properties(cls).items()
        if not is_reference(prop)
    }


class Layout:
    """How source objects become target objects: the property names and conversions,
    the vectors copied (the others are computed by the target's vectorizer), the references."""

    def __init__(
        self,
        source: Mapping[str, object],
        target: Mapping[str, object],
        *,
        revectorize: Collection[str],
        renames: Mapping[str, str],
        convert: Mapping[str, Conversion],
    ) -> None:
        source_props, target_props = _properties(source), _properties(target)
        self.source_collection = str(source.get("class"))
        self.target_collection = str(target.get("class"))
        for new, old in renames.items():
            if old not in source_props:
                raise MigrationError(
                    f"{self.source_collection} has no property {old!r} to rename to {new!r}"
                )
            if new not in target_props:
                raise MigrationError(
                    f"{self.target_collection} has no property {new!r} (renamed from {old!r})"
                )
        if unknown := sorted(set(convert) - set(target_props)):
            raise MigrationError(
                f"conversions given for properties {self.target_collection} does not have: "
                f"{unknown}"
            )
        self.convert = dict(convert)
        old_of = {new: renames.get(new, new) for new in target_props}
        pairs = [(old_of[n], n) for n in target_props if old_of[n] in source_props]
        self.values = [(old, new) for old, new in pairs if not is_reference(target_props[new])]
        self.references = [
            ReferenceProperty(
                old,
                new,
                tuple(str(t) for t in as_list(source_props[old].get("dataType"))),
                len(as_list(target_props[new].get("dataType"))) > 1,
            )
            for old, new in pairs
            if is_reference(target_props[new])
        ]
        named = as_object(target.get("vectorConfig"))
        self.named_vectors = bool(named)
        if named:
            source_named = set(as_object(source.get("vectorConfig")))
            self.vectors = [n for n in named if n not in revectorize and n in source_named]
        else:
            self.vectors = [] if "default" in revectorize else ["default"]

    @property
    def include_vector(self) -> bool | list[str]:
        """The cursor's `include_vector`."""
        if not self.named_vectors:
            return bool(self.vectors)
        return list(self.vectors) if self.vectors else False

    def properties(self, values: Mapping[str, object]) -> dict[str, object]:
        """The target's properties of one object; raises ConversionError naming the property."""
        out: dict[str, object] = {}
        for old, new in self.values:
            value = values.get(old)
            convert = self.convert.get(new)
            if convert is not None:
                try:
                    value = convert(value)
                except ConversionError as error:
                    raise ConversionError(f"property {new!r}: {error}") from None
            if value is not None:
                out[new] = value
        return out

    def vector(self, obj: Object[Any, Any]) -> Vectors | None:
        """The vectors of one object to write (None: the server computes them all)."""
        if multi := sorted(set(obj.multi_vector) & set(self.vectors)):
            raise MigrationError(
                f"object {obj.uuid}: multi-vectors ({', '.join(multi)}) cannot be copied yet; "
                "give them a vectorizer and re-vectorize them"
            )
        if not self.named_vectors:
            single: Vector | None = obj.vector.get("default") if self.vectors else None
            return single
        named: dict[str, Vector] = {n: obj.vector[n] for n in self.vectors if n in obj.vector}
        return named or None

    def reference_passes(self) -> int:
        """Cursor passes the references need: one per target collection of the widest one."""
        return max((len(r.targets) for r in self.references), default=0)

    def target_of(self, collection: str) -> str:
        """The collection a copied beacon names: self-references point into the target."""
        return self.target_collection if collection == self.source_collection else collection
