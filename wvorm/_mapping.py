"""Pure conversions between model instances and what the core client sends and returns."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar
from uuid import UUID

from pydantic import BaseModel

from wvorm.model import ModelDefinitionError, StoredField, WvModel, info_of
from wvorm_core.classes.data import ReferenceInput, ReferenceToMulti

M = TypeVar("M", bound=WvModel)
B = TypeVar("B", bound=BaseModel)


def _dump(value: Any, field: StoredField) -> Any:
    if field.nested:
        if isinstance(value, list):
            return [_dump_nested(v, field) for v in value]
        return _dump_nested(value, field)
    return value


def _dump_nested(value: Any, field: StoredField) -> Any:
    if not isinstance(value, BaseModel):
        return value
    return {n.name: _dump(getattr(value, n.attr), n) for n in field.nested}


def to_properties(obj: WvModel) -> dict[str, object]:
    """The object's properties under their Weaviate names (references left out)."""
    out: dict[str, object] = {}
    for field in info_of(type(obj)).fields.values():
        if not field.is_reference:
            out[field.name] = _dump(getattr(obj, field.attr), field)
    return out


def to_references(obj: WvModel) -> dict[str, ReferenceInput]:
    """What each set reference property points to (with its collection when multi-target)."""
    out: dict[str, ReferenceInput] = {}
    for field in info_of(type(obj)).fields.values():
        target = getattr(obj, field.attr) if field.is_reference else None
        if isinstance(target, WvModel):
            if len(field.targets) > 1:
                out[field.name] = ReferenceToMulti(info_of(type(target)).collection, target.uuid)
            else:
                out[field.name] = target.uuid
    return out


Builder = Callable[[UUID | None, Mapping[str, Any], Mapping[str, Any] | None], B]


def builder(model: type[B], fields: tuple[StoredField, ...]) -> Builder[B]:
    """A constructor of `model` from decoded server values (by Weaviate name).

    pydantic-core validation in Rust is faster than constructing instances from Python, so
    instances are validated; `fields` convert values whose Python type differs from the
    decoded one (blobs, phone numbers, dates, enums, nested models).
    """
    validate = model.__pydantic_validator__.validate_python
    direct = all(f.attr == f.name and f.convert is None for f in fields)
    plain = [(f.attr, f.name) for f in fields if f.convert is None]
    converted = [(f.attr, f.name, f.convert) for f in fields if f.convert is not None]
    set_attr = object.__setattr__

    def values_of(props: Mapping[str, Any]) -> dict[str, Any]:
        values = {attr: props[name] for attr, name in plain if name in props}
        for attr, name, convert in converted:
            if name in props:
                value = props[name]
                values[attr] = None if value is None else convert(value)
        return values

    def build(uuid: UUID | None, props: Mapping[str, Any], refs: Mapping[str, Any] | None) -> B:
        if refs:
            instance = validate({**values_of(props), **refs})
        else:
            instance = validate(props if direct else values_of(props))
        if uuid is not None:
            set_attr(instance, "_wv_uuid", uuid)
        return instance  # type: ignore[no-any-return]

    return build


def stored_fields(model: type[WvModel]) -> tuple[StoredField, ...]:
    return tuple(f for f in info_of(model).fields.values() if not f.is_reference)


def from_properties(
    model: type[M],
    uuid: UUID,
    properties: Mapping[str, object],
    references: Mapping[str, object] | None = None,
) -> M:
    """A model instance from decoded properties (and loaded references, by attribute)."""
    return builder(model, stored_fields(model))(uuid, properties, references)


def projection_fields(model: type[WvModel], projection: type[BaseModel]) -> tuple[StoredField, ...]:
    """The model fields a projection reads; each projection field must be a model property."""
    fields = info_of(model).fields
    unknown = sorted(
        a for a in projection.model_fields if a not in fields or fields[a].is_reference
    )
    if unknown:
        raise ModelDefinitionError(
            f"{projection.__name__} is not a projection of {model.__name__}: "
            f"{model.__name__} has no properties {unknown}"
        )
    return tuple(fields[attr] for attr in projection.model_fields)
