"""Pure conversions between model instances and what the core client sends and returns."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar
from uuid import UUID

from pydantic import BaseModel

from wvorm.model import ModelDefinitionError, StoredField, WvModel, info_of
from wvorm_core.classes.data import ReferenceInput, ReferenceToMulti
from wvorm_core.projection import Projection, custom_projection

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


def _constructor(model: type[B]) -> Callable[[dict[str, Any]], B]:
    """Build instances straight from typed values; pydantic validation only as a fallback.

    The server typed the values already (and fields convert where Python types differ), so
    instances are assembled directly; a required field the server did not return (a stored
    null) goes through validation instead, which names it.
    """
    defaults: dict[str, Any] = {}
    factories: list[tuple[str, Callable[[], Any]]] = []
    required: set[str] = set()
    for attr, info in model.model_fields.items():
        if info.default_factory is not None:
            factories.append((attr, info.default_factory))  # type: ignore[arg-type]
        elif info.is_required():
            required.add(attr)
        else:
            defaults[attr] = info.default
    field_count = len(model.model_fields)
    # Shared by every instance built here: all fields count as set, so adding one is a no-op.
    all_fields = set(model.model_fields)
    validate = model.__pydantic_validator__.validate_python
    new = object.__new__
    set_attr = object.__setattr__

    def construct(values: dict[str, Any]) -> B:
        if len(values) != field_count:  # some fields not returned: defaults, or validation
            if not required.issubset(values):
                return validate(values)  # type: ignore[no-any-return]
            for attr, factory in factories:
                if attr not in values:
                    values[attr] = factory()
            values = {**defaults, **values}
        instance = new(model)
        set_attr(instance, "__dict__", values)
        set_attr(instance, "__pydantic_fields_set__", all_fields)
        set_attr(instance, "__pydantic_extra__", None)
        set_attr(instance, "__pydantic_private__", None)
        return instance

    return construct


def builder(model: type[B], fields: tuple[StoredField, ...]) -> Builder[B]:
    """A constructor of `model` from decoded values keyed by Weaviate name."""
    construct = _constructor(model)
    plan = [(f.attr, f.name, f.convert) for f in fields]
    set_attr = object.__setattr__

    def build(uuid: UUID | None, props: Mapping[str, Any], refs: Mapping[str, Any] | None) -> B:
        values: dict[str, Any] = {}
        for attr, name, convert in plan:
            if name in props:
                value = props[name]
                values[attr] = convert(value) if convert and value is not None else value
        if refs:
            values.update(refs)
        instance = construct(values)
        if uuid is not None:
            set_attr(instance, "_wv_uuid", uuid)
        return instance

    return build


def reply_decoder(model: type[B], fields: tuple[StoredField, ...]) -> Projection[B]:
    """The core projection that fetches `fields` and decodes each reply straight into `model`."""
    construct = _constructor(model)
    converts = [(f.attr, f.convert) for f in fields if f.convert is not None]

    def build(values: dict[str, Any]) -> B:
        for attr, convert in converts:
            value = values.get(attr)
            if value is not None:
                values[attr] = convert(value)
        return construct(values)

    # keyed in field order, as repr shows
    return custom_projection({f.name: f.attr for f in fields}, build if converts else construct)


def stored_fields(model: type[WvModel]) -> tuple[StoredField, ...]:
    return tuple(f for f in info_of(model).fields.values() if not f.is_reference)


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
