"""`WvModel`: a pydantic model that is also the definition of a Weaviate collection."""

from __future__ import annotations

import base64
import contextlib
import enum
import sys
import types
import typing
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, ClassVar, Literal, Union, get_args, get_origin
from uuid import UUID, uuid4, uuid5

import pydantic
from pydantic import BaseModel, PrivateAttr
from pydantic._internal._model_construction import ModelMetaclass
from typing_extensions import Self, dataclass_transform

from wvorm.expressions import FieldExpr
from wvorm.fields import Field as wv_field
from wvorm.fields import Prop, Ref, WeaviateOptions
from wvorm_core.classes.config import (
    AnyReferenceProperty,
    DataType,
    GenerativeProvider,
    InvertedIndexConfigCreate,
    MultiTenancyConfigCreate,
    Property,
    ReferenceProperty,
    ReplicationConfigCreate,
    RerankerProvider,
    ShardingConfigCreate,
    VectorConfig,
    check_collection_name,
    check_property_name,
)
from wvorm_core.classes.data import GeoCoordinate, PhoneNumber

_RESERVED = frozenset({"id", "_id", "_additional", "uuid", "vectors"})
_SCALARS: dict[type, DataType] = {
    str: DataType.TEXT,
    bool: DataType.BOOL,
    int: DataType.INT,
    float: DataType.NUMBER,
    datetime: DataType.DATE,
    date: DataType.DATE,
    UUID: DataType.UUID,
    bytes: DataType.BLOB,
    GeoCoordinate: DataType.GEO_COORDINATES,
    PhoneNumber: DataType.PHONE_NUMBER,
}
_ARRAYS: dict[DataType, DataType] = {
    DataType.TEXT: DataType.TEXT_ARRAY,
    DataType.INT: DataType.INT_ARRAY,
    DataType.NUMBER: DataType.NUMBER_ARRAY,
    DataType.BOOL: DataType.BOOL_ARRAY,
    DataType.DATE: DataType.DATE_ARRAY,
    DataType.UUID: DataType.UUID_ARRAY,
    DataType.OBJECT: DataType.OBJECT_ARRAY,
}
_UUID_NAMESPACE = UUID("5f0c4c1e-8a3f-4f6e-9a77-3b1f0d2c9e41")


class ModelDefinitionError(TypeError):
    """A model cannot be stored in Weaviate as declared; the message names the field."""


@dataclass(frozen=True)
class StoredField:
    """One model field as Weaviate stores it."""

    attr: str
    name: str
    data_type: DataType | None
    options: WeaviateOptions
    nested: tuple[StoredField, ...] = ()
    reference: _Targets | None = None
    convert: Callable[[Any], Any] | None = None
    """Turns a decoded server value into the field's Python type, where they differ."""

    @property
    def is_reference(self) -> bool:
        return self.reference is not None

    @property
    def targets(self) -> tuple[type[WvModel], ...]:
        """The models a reference points to (resolved on first use: they may come later)."""
        return self.reference.resolve() if self.reference is not None else ()

    def to_property(self) -> Property:
        assert self.data_type is not None
        options = self.options
        return Property(
            name=self.name,
            data_type=self.data_type,
            description=options.description,
            tokenization=options.tokenization,
            index_filterable=options.index_filterable,
            index_searchable=options.index_searchable,
            index_range_filters=options.index_range_filters,
            nested_properties=[n.to_property() for n in self.nested] or None,
            skip_vectorization=options.skip_vectorization,
            vectorize_property_name=options.vectorize_property_name,
        )


@dataclass(frozen=True)
class CollectionSettings:
    """Collection-level settings given as class keywords."""

    name: str
    description: str | None = None
    vectors: VectorConfig | Sequence[VectorConfig] | None = None
    uuid_from: tuple[str, ...] = ()
    inverted_index: InvertedIndexConfigCreate | None = None
    multi_tenancy: MultiTenancyConfigCreate | None = None
    replication: ReplicationConfigCreate | None = None
    sharding: ShardingConfigCreate | None = None
    generative: GenerativeProvider | None = None
    reranker: RerankerProvider | None = None
    renamed_from: str | None = None


@dataclass(frozen=True)
class ModelInfo:
    """Everything wvorm knows about a model class."""

    model: type[WvModel]
    settings: CollectionSettings
    fields: dict[str, StoredField]

    @property
    def collection(self) -> str:
        return self.settings.name

    def properties(self) -> list[Property]:
        return [f.to_property() for f in self.fields.values() if not f.is_reference]

    def references(self) -> list[AnyReferenceProperty]:
        refs: list[AnyReferenceProperty] = []
        for field in self.fields.values():
            if field.is_reference:
                targets = [info_of(t).collection for t in field.targets]
                description = field.options.description
                if len(targets) == 1:
                    refs.append(ReferenceProperty(field.name, targets[0], description))
                else:
                    refs.append(ReferenceProperty.MultiTarget(field.name, targets, description))
        return refs

    def create_arguments(self) -> dict[str, Any]:
        """Keyword arguments for `client.collections.create(...)`."""
        return {
            "name": self.collection,
            "description": self.settings.description,
            "properties": self.properties(),
            "references": self.references(),
            "vector_config": self.settings.vectors,
            "inverted_index_config": self.settings.inverted_index,
            "multi_tenancy_config": self.settings.multi_tenancy,
            "replication_config": self.settings.replication,
            "sharding_config": self.settings.sharding,
            "generative_config": self.settings.generative,
            "reranker_config": self.settings.reranker,
        }


def _strip(annotation: Any) -> tuple[Any, bool]:
    """The annotation without Optional/Annotated wrappers, and whether it allowed None."""
    optional = False
    while True:
        origin = get_origin(annotation)
        if origin is typing.Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            members = [a for a in get_args(annotation) if a is not type(None)]
            optional = optional or len(members) < len(get_args(annotation))
            if len(members) != 1:
                return Union[tuple(members)], optional  # noqa: UP007 - rebuilt at run time
            annotation = members[0]
        else:
            return annotation, optional


def _phone(value: Any) -> Any:
    if not isinstance(value, Mapping):
        return value
    country = value.get("defaultCountry")
    return PhoneNumber(str(value.get("input", "")), str(country) if country else None)


def _blob(value: Any) -> Any:
    return base64.b64decode(value) if isinstance(value, str) else value


def _day(value: Any) -> Any:
    return value.date() if isinstance(value, datetime) else value


_CONVERTERS: dict[type, Callable[[Any], Any]] = {bytes: _blob, PhoneNumber: _phone, date: _day}


def load_values(fields: Sequence[StoredField], properties: Mapping[str, Any]) -> dict[str, Any]:
    """Attribute values from decoded properties; fields not returned are left out."""
    values: dict[str, Any] = {}
    for field in fields:
        value = properties.get(field.name, _MISSING)
        if value is not _MISSING:
            convert = field.convert
            values[field.attr] = convert(value) if convert and value is not None else value
    return values


_MISSING: Any = object()


def _nested_converter(
    model: type[BaseModel], nested: tuple[StoredField, ...]
) -> Callable[[Any], Any]:
    def convert(value: Any) -> Any:
        if not isinstance(value, Mapping):
            return value
        return model.model_validate(load_values(nested, value))

    return convert


def _each(convert: Callable[[Any], Any] | None) -> Callable[[Any], Any] | None:
    if convert is None:
        return None
    return lambda values: [convert(v) if v is not None else v for v in values]


_Mapped = tuple[DataType, tuple[StoredField, ...], Callable[[Any], Any] | None]


def _data_type(owner: str, attr: str, annotation: Any) -> _Mapped:
    """The Weaviate type of an annotation, its nested fields, and its value converter."""
    annotation, _ = _strip(annotation)
    origin = get_origin(annotation)
    if origin in (list, Sequence, tuple):
        args = get_args(annotation)
        inner, nested, convert = _data_type(owner, attr, args[0] if args else Any)
        if inner not in _ARRAYS:
            raise ModelDefinitionError(f"{owner}.{attr}: Weaviate has no array of {inner.value}")
        return _ARRAYS[inner], nested, _each(convert)
    if origin is Literal:
        kinds = {type(v) for v in get_args(annotation)}
        if len(kinds) == 1 and (kind := kinds.pop()) in _SCALARS:
            return _SCALARS[kind], (), None
    if isinstance(annotation, type):
        if issubclass(annotation, enum.Enum):
            for base, data_type in _SCALARS.items():
                if issubclass(annotation, base):
                    return data_type, (), annotation
        if issubclass(annotation, bool):
            return DataType.BOOL, (), None
        for base, data_type in _SCALARS.items():
            if issubclass(annotation, base):
                return data_type, (), _CONVERTERS.get(annotation)
        if issubclass(annotation, BaseModel) and not issubclass(annotation, WvModel):
            nested = _nested_fields(annotation)
            return DataType.OBJECT, nested, _nested_converter(annotation, nested)
        if issubclass(annotation, WvModel):
            raise ModelDefinitionError(
                f"{owner}.{attr}: {annotation.__name__} is a collection model; "
                f"use Ref[{annotation.__name__}] to reference it, or a plain BaseModel to nest it"
            )
    raise ModelDefinitionError(
        f"{owner}.{attr}: Weaviate cannot store {annotation!r}; use str, int, float, bool, "
        "datetime, UUID, bytes, GeoCoordinate, PhoneNumber, a pydantic BaseModel, or a list of them"
    )


def _options(info: pydantic.fields.FieldInfo) -> WeaviateOptions:
    found = [m for m in info.metadata if isinstance(m, WeaviateOptions)]
    return found[-1] if found else WeaviateOptions(description=info.description)


def _nested_fields(model: type[BaseModel]) -> tuple[StoredField, ...]:
    out = []
    for attr, info in model.model_fields.items():
        options = _options(info)
        data_type, nested, convert = _data_type(model.__name__, attr, info.annotation)
        name = check_property_name(options.name or attr)
        out.append(
            StoredField(attr, name, options.data_type or data_type, options, nested, None, convert)
        )
    return tuple(out)


class _Targets:
    """The target models of a `Ref[...]` field; a forward reference (`Ref[Later]` under
    `from __future__ import annotations`, or the model itself) is looked up on first use."""

    def __init__(self, where: str, model: type[WvModel], annotation: Any) -> None:
        self._where = where
        self._model = model
        self._annotation = annotation
        self._resolved: tuple[type[WvModel], ...] | None = None

    def resolve(self) -> tuple[type[WvModel], ...]:
        if self._resolved is None:
            self._resolved = self._targets(_evaluate(self._where, self._model, self._annotation))
        return self._resolved

    def _targets(self, annotation: Any) -> tuple[type[WvModel], ...]:
        annotation, _ = _strip(annotation)
        target, _ = _strip(get_args(annotation)[0])
        targets = get_args(target) if get_origin(target) in (Union, types.UnionType) else (target,)
        for each in targets:
            if not (isinstance(each, type) and issubclass(each, WvModel)):
                raise ModelDefinitionError(
                    f"{self._where}: Ref[...] takes WvModel classes, got {each!r}"
                )
        return tuple(targets)


def _evaluate(where: str, model: type[WvModel], annotation: Any) -> Any:
    """A `Ref[...]` annotation with its forward references looked up in the model's module."""
    if not isinstance(annotation, typing.ForwardRef):
        return annotation
    module = sys.modules.get(model.__module__)
    names = {**vars(module)} if module is not None else {}
    names.setdefault(model.__name__, model)
    try:
        return eval(annotation.__forward_code__, names)  # the lookup typing.get_type_hints does
    except NameError as error:
        raise ModelDefinitionError(
            f"{where}: {annotation.__forward_arg__} names {error.name!r}, which is not defined "
            f"in module {model.__module__}"
        ) from None


def _is_forward_reference(annotation: Any) -> bool:
    return isinstance(annotation, typing.ForwardRef) and annotation.__forward_arg__.startswith(
        "Ref["
    )


def _stored_field(model: type[WvModel], attr: str, info: pydantic.fields.FieldInfo) -> StoredField:
    owner = model.__name__
    options = _options(info)
    try:
        name = check_property_name(options.name or attr)
    except ValueError as error:
        raise ModelDefinitionError(f"{owner}.{attr}: {error}") from None
    if name in _RESERVED or attr in _RESERVED:
        raise ModelDefinitionError(f"{owner}.{attr}: the name {name!r} is reserved in Weaviate")
    annotation, _ = _strip(info.annotation)
    if get_origin(annotation) is Ref or _is_forward_reference(annotation):
        targets = _Targets(f"{owner}.{attr}", model, annotation)
        if not _is_forward_reference(annotation):
            targets.resolve()
        return StoredField(attr, name, None, options, reference=targets)
    if get_origin(annotation) is Prop:
        annotation = get_args(annotation)[0]
    data_type, nested, convert = _data_type(owner, attr, annotation)
    return StoredField(attr, name, options.data_type or data_type, options, nested, None, convert)


def _check_keywords(owner: str, **given: tuple[object, type]) -> None:
    """Class keywords are not type-checked statically (mypy skips them on metaclasses)."""
    for keyword, (value, expected) in given.items():
        if value is not None and not isinstance(value, expected):
            raise ModelDefinitionError(
                f"{owner}: class keyword {keyword}= takes a {expected.__name__}, "
                f"got {type(value).__name__}"
            )


def _check_vectors(
    owner: str,
    vectors: VectorConfig | Sequence[VectorConfig] | None,
    fields: dict[str, StoredField],
) -> None:
    """Source properties of vectorizers must be text properties of the model."""
    configs = [vectors] if isinstance(vectors, VectorConfig) else list(vectors or [])
    text = {f.name for f in fields.values() if f.data_type in (DataType.TEXT, DataType.TEXT_ARRAY)}
    for config in configs:
        if not isinstance(config, VectorConfig):
            raise ModelDefinitionError(
                f"{owner}: vectors takes Configure.Vectors.* values, got {config!r}"
            )
        unknown = sorted(set(config.source_properties or ()) - text)
        if unknown:
            raise ModelDefinitionError(
                f"{owner}: vector {config.name!r} vectorizes {unknown}, which are not "
                f"text properties of {owner}"
            )


def info_of(model: type[WvModel]) -> ModelInfo:
    """The collection definition of a model class."""
    info = model.__dict__.get("__wvorm_info__")
    if info is None:
        raise ModelDefinitionError(f"{model.__name__} is not a WvModel collection")
    assert isinstance(info, ModelInfo)
    return info


@dataclass_transform(kw_only_default=True, field_specifiers=(pydantic.Field, PrivateAttr, wv_field))
class _WvModelMeta(ModelMetaclass):
    def __new__(
        mcs,
        cls_name: str,
        bases: tuple[type[Any], ...],
        namespace: dict[str, Any],
        collection: str | None = None,
        description: str | None = None,
        vectors: VectorConfig | Sequence[VectorConfig] | None = None,
        uuid_from: Sequence[str] = (),
        inverted_index: InvertedIndexConfigCreate | None = None,
        multi_tenancy: MultiTenancyConfigCreate | None = None,
        replication: ReplicationConfigCreate | None = None,
        sharding: ShardingConfigCreate | None = None,
        generative: GenerativeProvider | None = None,
        reranker: RerankerProvider | None = None,
        renamed_from: str | None = None,
        **kwargs: Any,
    ) -> type:
        unknown_keywords = sorted(set(kwargs) - set(pydantic.ConfigDict.__annotations__))
        if unknown_keywords:
            raise ModelDefinitionError(f"{cls_name}: unknown class keywords {unknown_keywords}")
        _check_keywords(
            cls_name,
            inverted_index=(inverted_index, InvertedIndexConfigCreate),
            multi_tenancy=(multi_tenancy, MultiTenancyConfigCreate),
            replication=(replication, ReplicationConfigCreate),
            sharding=(sharding, ShardingConfigCreate),
            generative=(generative, GenerativeProvider),
            reranker=(reranker, RerankerProvider),
            collection=(collection, str),
            description=(description, str),
            renamed_from=(renamed_from, str),
        )
        cls = super().__new__(mcs, cls_name, bases, namespace, **kwargs)
        if namespace.get("__module__") == __name__ and cls_name == "WvModel":
            return cls
        model: type[WvModel] = cls  # type: ignore[assignment,unused-ignore]
        try:
            settings = CollectionSettings(
                check_collection_name(collection or cls_name),
                description or (cls.__doc__ or "").strip() or None,
                vectors,
                tuple(uuid_from),
                inverted_index,
                multi_tenancy,
                replication,
                sharding,
                generative,
                reranker,
                check_collection_name(renamed_from) if renamed_from else None,
            )
        except ValueError as error:
            raise ModelDefinitionError(f"{cls_name}: {error}") from None
        fields = {a: _stored_field(model, a, i) for a, i in model.model_fields.items()}
        unknown = sorted(set(settings.uuid_from) - set(fields))
        if unknown:
            raise ModelDefinitionError(f"{cls_name}: uuid_from names unknown fields {unknown}")
        _check_vectors(cls_name, settings.vectors, fields)
        type.__setattr__(cls, "__wvorm_info__", ModelInfo(model, settings, fields))
        return cls

    if not TYPE_CHECKING:  # hidden from type checkers: `Prop`/`Ref` annotations type these

        def __getattr__(cls, name: str) -> Any:
            info = cls.__dict__.get("__wvorm_info__")
            if info is not None and name in info.fields:
                field = info.fields[name]
                if field.is_reference:
                    return _ReferencePath(field, ())
                return FieldExpr(field.name)
            return super().__getattr__(name)


class _ReferencePath:
    """`Question.author` on the class: the target model's fields through the reference."""

    def __init__(self, field: StoredField, hops: tuple[tuple[str, str | None], ...]) -> None:
        self._field = field
        self._hops = hops

    def __getattr__(self, name: str) -> Any:
        targets = self._field.targets
        for model in targets:
            stored = info_of(model).fields.get(name)
            if stored is None:
                continue
            target = None if len(targets) == 1 else info_of(model).collection
            hops = (*self._hops, (self._field.name, target))
            if stored.is_reference:
                return _ReferencePath(stored, hops)
            return FieldExpr(stored.name, hops)
        names = ", ".join(t.__name__ for t in targets)
        raise AttributeError(f"{names} has no field {name!r}")


class WvModel(BaseModel, metaclass=_WvModelMeta):
    """Base class of collection models: fields are properties, `Ref[...]` fields references.

    Class keywords: `collection` (default: the class name), `description` (default: the
    docstring), `vectors` (`Configure.Vectors.*`, one or a list of named vectors, each with its
    index and quantizer), `uuid_from` (field names whose values derive a deterministic uuid),
    `inverted_index`, `multi_tenancy`, `replication`, `sharding`, `generative`, `reranker`
    (the matching `Configure.*` values), and `renamed_from` (the collection's previous name,
    for `wvorm.migrate`).
    """

    __slots__ = ("_wv_uuid",)
    model_config = pydantic.ConfigDict(validate_assignment=False, extra="forbid")
    __wvorm_info__: ClassVar[ModelInfo]
    if TYPE_CHECKING:  # the slot, typed without making it a dataclass-transform field

        @property
        def _wv_uuid(self) -> UUID: ...

    @property
    def uuid(self) -> UUID:
        """The object's id: given, derived from `uuid_from` fields, or random (then kept).

        It lives beside the fields: equality compares field values only.
        """
        try:
            return self._wv_uuid
        except AttributeError:
            fields = info_of(type(self)).settings.uuid_from
            if fields:
                key = "|".join(f"{f}={getattr(self, f)!r}" for f in fields)
                ident = uuid5(_UUID_NAMESPACE, f"{type(self).__name__}|{key}")
            else:
                ident = uuid4()
            return self.with_uuid(ident)._wv_uuid

    def with_uuid(self, uuid: UUID | str) -> Self:
        """Set the object's id (returns self)."""
        object.__setattr__(self, "_wv_uuid", uuid if isinstance(uuid, UUID) else UUID(uuid))
        return self

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        """A copy with the same uuid (pydantic's `model_copy`)."""
        copied = super().model_copy(update=update, deep=deep)
        with contextlib.suppress(AttributeError):
            copied.with_uuid(self._wv_uuid)
        return copied

    def __getstate__(self) -> dict[Any, Any]:
        state = super().__getstate__()
        with contextlib.suppress(AttributeError):
            state["wvorm_uuid"] = self._wv_uuid
        return state

    def __setstate__(self, state: dict[Any, Any]) -> None:
        ident = state.pop("wvorm_uuid", None)
        super().__setstate__(state)
        if ident is not None:
            self.with_uuid(ident)
