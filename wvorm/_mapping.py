"""Pure conversions between model instances and what the core client sends and returns."""

from __future__ import annotations

import base64
from collections.abc import Mapping, Sequence
from typing import Any, TypeVar
from uuid import UUID

from pydantic import BaseModel

from wvorm.model import ModelDefinitionError, StoredField, WvModel, info_of
from wvorm_core.classes.config import DataType
from wvorm_core.classes.data import PhoneNumber, ReferenceInput, ReferenceToMulti

M = TypeVar("M", bound=WvModel)


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


def load_values(fields: Sequence[StoredField], properties: Mapping[str, object]) -> dict[str, Any]:
    """Model attribute values from stored properties; fields not returned are left out."""
    return {f.attr: _load(properties[f.name], f) for f in fields if f.name in properties}


def from_properties(
    model: type[M],
    uuid: UUID,
    properties: Mapping[str, object],
    references: Mapping[str, object] | None = None,
) -> M:
    """A model instance from stored properties (and loaded references, by attribute)."""
    fields = [f for f in info_of(model).fields.values() if not f.is_reference]
    values = load_values(fields, properties)
    if references:
        values.update(references)
    return model.model_validate(values).with_uuid(uuid)


def _load(value: object, field: StoredField) -> object:
    if value is None:
        return None
    if field.data_type is DataType.BLOB and isinstance(value, str):
        return base64.b64decode(value)
    if field.data_type is DataType.PHONE_NUMBER and isinstance(value, Mapping):
        country = value.get("defaultCountry")
        return PhoneNumber(str(value.get("input", "")), str(country) if country else None)
    if not field.nested:
        return value
    if isinstance(value, list):
        return [_load_nested(v, field) for v in value]
    return _load_nested(value, field)


def _load_nested(value: object, field: StoredField) -> object:
    if not isinstance(value, Mapping):
        return value
    return {n.attr: _load(value[n.name], n) for n in field.nested if n.name in value}


def projection_fields(model: type[WvModel], projection: type[BaseModel]) -> list[StoredField]:
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
    return [fields[attr] for attr in projection.model_fields]
