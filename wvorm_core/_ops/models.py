"""Data models (TypedDict or pydantic): which properties they ask for, and their decoders.

A `Projection` is built once per (model or selection, validation) and cached: it fills the
`PropertiesRequest` of a search and turns each returned `Properties` message straight into the
user's type, reading only the fields asked for. A `ReferencePlan` does the same for the links a
`data_model_references` TypedDict declares.
"""

from __future__ import annotations

import functools
import types
import typing
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar, Union, cast, get_args, get_origin

from pydantic import BaseModel
from typing_extensions import is_typeddict

from wvorm_core._ops.decode import Step, decode_properties, decode_value, values_reader
from wvorm_core.classes.config import check_property_name
from wvorm_core.classes.query import MetadataQuery, PropertySelection, QueryNested, QueryReference
from wvorm_core.exceptions import WeaviateInvalidInputError
from wvorm_core.outputs.query import CrossReference
from wvorm_core.proto.v1 import properties_pb2, search_get_pb2

T = TypeVar("T")
Decoder = Callable[[properties_pb2.Properties], Any]
ValueDecoder = Callable[[properties_pb2.Value], Any]

_new = object.__new__
_set = object.__setattr__


@dataclass(frozen=True, slots=True)
class _Field:
    prop: str
    """The Weaviate property name."""
    attr: str
    """The key or attribute name in the model."""
    nested: Projection[Any] | None
    """The projection of a nested object (or object list) property."""
    is_list: bool = False
    default: Any = None


@dataclass(frozen=True, slots=True, eq=False)
class Projection(Generic[T]):
    """Which properties a search returns and how each result becomes a `T`."""

    fields: tuple[_Field, ...] | None
    """None: every property, decoded generically into a dict."""
    decode: Callable[[properties_pb2.Properties], T]

    def fill(self, out: search_get_pb2.PropertiesRequest) -> None:
        if self.fields is None:
            out.return_all_nonref_properties = True
            return
        for f in self.fields:
            if f.nested is None:
                out.non_ref_properties.append(f.prop)
            else:
                f.nested.fill_nested(out.object_properties.add(prop_name=f.prop))

    def fill_nested(self, out: search_get_pb2.ObjectPropertiesRequest) -> None:
        assert self.fields is not None
        for f in self.fields:
            if f.nested is None:
                out.primitive_properties.append(f.prop)
            else:
                f.nested.fill_nested(out.object_properties.add(prop_name=f.prop))


ALL_PROPERTIES: Projection[dict[str, Any]] = Projection(None, decode_properties)


def _unwrap(annotation: Any) -> Any:
    """The type inside Optional / Required / NotRequired / Annotated / ReadOnly."""
    while True:
        origin = get_origin(annotation)
        if origin in (Union, types.UnionType):
            args = [a for a in get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return annotation
            annotation = args[0]
        elif (
            origin is not None
            and getattr(origin, "_name", None)
            in {
                "Required",
                "NotRequired",
                "ReadOnly",
            }
        ) or origin is typing.Annotated:
            annotation = get_args(annotation)[0]
        else:
            return annotation


def _is_model(annotation: Any) -> bool:
    return is_typeddict(annotation) or (
        isinstance(annotation, type) and issubclass(annotation, BaseModel)
    )


def _nested_model(annotation: Any) -> tuple[Any, bool] | None:
    """The model of an object (or object list) field, and whether it is a list."""
    inner = _unwrap(annotation)
    if _is_model(inner):
        return inner, False
    if get_origin(inner) in (list, Sequence, typing.Sequence):
        args = get_args(inner)
        if args and _is_model(_unwrap(args[0])):
            return _unwrap(args[0]), True
    return None


def _value_decoder(nested: Projection[Any] | None, is_list: bool) -> ValueDecoder | None:
    """The decoder of a nested field's value; None for a plain one (decoded by its kind)."""
    if nested is None:
        return None
    build = nested.decode

    def decode_nested(value: properties_pb2.Value) -> Any:
        kind = value.WhichOneof("kind")
        if kind == "object_value":
            return build(value.object_value)
        if kind == "list_value" and value.list_value.WhichOneof("kind") == "object_values":
            return [build(p) for p in value.list_value.object_values.values]
        return [] if is_list and kind == "list_value" else decode_value(value)

    return decode_nested


def _fields_of(model: Any, validate: bool) -> tuple[_Field, ...]:
    if is_typeddict(model):
        hints = typing.get_type_hints(model)
        specs = [(name, name, hint, None) for name, hint in hints.items()]
    elif isinstance(model, type) and issubclass(model, BaseModel):
        specs = [
            (info.alias or attr, attr, info.annotation, info.get_default(call_default_factory=True))
            for attr, info in model.model_fields.items()
        ]
    else:
        raise WeaviateInvalidInputError(
            f"a data model must be a TypedDict or a pydantic model, got {model!r}"
        )
    out = []
    for prop, attr, annotation, default in specs:
        nested = _nested_model(annotation)
        if nested is None:
            out.append(_Field(prop, attr, None, False, default))
        else:
            sub = projection_of_model(nested[0], validate)
            out.append(_Field(prop, attr, sub, nested[1], default))
    return tuple(out)


def _pydantic_decoder(
    model: type[BaseModel], fields: tuple[_Field, ...], steps: list[Step]
) -> Decoder:
    """Build instances without validation: the server already typed the values."""
    defaults = {f.attr: f.default for f in fields}
    names = frozenset(defaults)
    read = values_reader(steps)
    if model.__private_attributes__ or model.model_config.get("extra") == "allow":

        def decode(props: properties_pb2.Properties) -> BaseModel:
            return model.model_construct(**(defaults | read(props)))

    else:

        def decode(props: properties_pb2.Properties) -> BaseModel:
            obj = _new(model)
            _set(obj, "__dict__", defaults | read(props))
            _set(obj, "__pydantic_fields_set__", set(names))
            _set(obj, "__pydantic_extra__", None)
            _set(obj, "__pydantic_private__", None)
            return obj

    return decode


def _validating_decoder(model: type[BaseModel], steps: list[Step]) -> Decoder:
    validate = model.model_validate
    read = values_reader([(prop, prop, decode) for prop, _, decode in steps])
    return lambda props: validate(read(props))


@functools.lru_cache(maxsize=256)
def projection_of_model(model: Any, validate: bool = False) -> Projection[Any]:
    """The projection of a TypedDict or pydantic model: its fields, decoded into it."""
    fields = _fields_of(model, validate)
    steps = [(f.prop, f.attr, _value_decoder(f.nested, f.is_list)) for f in fields]
    if is_typeddict(model):
        return Projection(fields, values_reader(steps))
    if validate:
        return Projection(fields, _validating_decoder(model, steps))
    return Projection(fields, _pydantic_decoder(model, fields, steps))


def _selection_items(selection: PropertySelection) -> tuple[str | QueryNested, ...]:
    """The selection as a hashable tuple (nested selections frozen too)."""
    items = [selection] if isinstance(selection, (str, QueryNested)) else list(selection)
    return tuple(
        QueryNested(i.name, _selection_items(i.properties)) if isinstance(i, QueryNested) else i
        for i in items
    )


@functools.lru_cache(maxsize=256)
def _projection_of_names(selection: tuple[str | QueryNested, ...]) -> Projection[Any]:
    fields = []
    for item in selection:
        if isinstance(item, QueryNested):
            nested = _projection_of_names(_selection_items(item.properties))
            fields.append(_Field(check_property_name(item.name), item.name, nested))
        elif isinstance(item, str):
            fields.append(_Field(check_property_name(item), item, None))
        else:
            raise WeaviateInvalidInputError(
                f"return_properties: expected property names or QueryNested, got {item!r}"
            )
    return Projection(tuple(fields), values_reader([(f.prop, f.prop, None) for f in fields]))


def custom_projection(
    properties: Mapping[str, str], build: Callable[[dict[str, Any]], T]
) -> Projection[T]:
    """Fetch `properties` (Weaviate name -> key, top level, whole) and make each result with
    `build`, from a dict of the values returned for it under their keys (nulls left out).

    The hook by which code on top of the client (the ORM) decodes straight from the reply into
    its own types: pass the projection as `return_properties=`, and the results are `T`s.
    """
    read = values_reader([(name, key, None) for name, key in properties.items()])
    fields = _projection_of_names(tuple(properties)).fields
    return Projection(fields, lambda props: build(read(props)))


def projection(
    model: Any,
    selection: PropertySelection | type[Any] | Projection[Any] | None,
    validate: bool = False,
) -> Projection[Any]:
    """The projection of a search: `selection` if given, else the collection's model, else all."""
    if isinstance(selection, Projection):
        return selection
    if selection is None:
        return ALL_PROPERTIES if model is None else projection_of_model(model, validate)
    if isinstance(selection, type):
        return projection_of_model(cast(Hashable, selection), validate)
    return _projection_of_names(_selection_items(selection))


@dataclass(frozen=True, slots=True, eq=False)
class Link:
    """One link of a references model: its objects' projection and their own links, if any."""

    name: str
    projection: Projection[Any]
    nested: ReferencePlan | None


@dataclass(frozen=True, slots=True, eq=False)
class ReferencePlan:
    """The links a `data_model_references` TypedDict declares, each fetched and typed by it."""

    model: Any
    links: tuple[Link, ...]

    def fill(self, out: search_get_pb2.PropertiesRequest) -> None:
        for link in self.links:
            request = out.ref_properties.add(reference_property=link.name)
            request.metadata.uuid = True
            link.projection.fill(request.properties)
            if link.nested is not None:
                link.nested.fill(request.properties)


@functools.lru_cache(maxsize=128)
def reference_plan(model: Any) -> ReferencePlan:
    """The plan of a references model: a TypedDict of `CrossReference[Model, Links | None]`."""
    return _reference_plan(model, ())


def _reference_plan(model: Any, outer: tuple[Any, ...]) -> ReferencePlan:
    where = f"data_model_references {getattr(model, '__name__', model)!s}"
    if not is_typeddict(model):
        raise WeaviateInvalidInputError(
            f"{where}: expected a TypedDict of CrossReference[Model, Links | None] fields"
        )
    if model in outer:
        raise WeaviateInvalidInputError(f"{where}: a references model cannot contain itself")
    links = []
    for name, hint in typing.get_type_hints(model).items():
        hint = _unwrap(hint)
        args = get_args(hint)
        if get_origin(hint) is not CrossReference or len(args) != 2:
            raise WeaviateInvalidInputError(
                f"{where}.{name}: expected CrossReference[Model, Links | None], got {hint!r}"
            )
        target, nested = args
        if not _is_model(target):
            raise WeaviateInvalidInputError(
                f"{where}.{name}: the objects' type must be a TypedDict or pydantic model, "
                f"got {target!r}"
            )
        inner = None if nested in (None, type(None)) else _reference_plan(nested, (*outer, model))
        links.append(Link(check_property_name(name), projection_of_model(target), inner))
    return ReferencePlan(model, tuple(links))


@dataclass(frozen=True, slots=True)
class Returns:
    """What each object carries back, and how it is decoded."""

    properties: Projection[Any]
    metadata: MetadataQuery
    include_vector: bool | str | Sequence[str]
    references: tuple[QueryReference, ...]
    rerank: bool = False
    typed_references: ReferencePlan | None = None
