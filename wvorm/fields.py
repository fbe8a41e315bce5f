"""Field declarations: `Prop[T]`, `Ref[M]`, and `Field(...)` for Weaviate settings.

`Prop[T]` annotates a stored property. On an instance it reads as `T`; on the class it is a
typed filter expression, so `Question.points >= 200` type-checks and builds a filter while
`Question.points >= "x"` is a type error. `Ref[M]` does the same for a cross-reference.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar, get_args, overload

import pydantic
from pydantic import GetCoreSchemaHandler
from pydantic_core import PydanticUndefined, core_schema

from wvorm_core.classes.config import DataType, Tokenization

if TYPE_CHECKING:
    from wvorm.expressions import FieldExpr

T = TypeVar("T")
M = TypeVar("M")


class Prop(Generic[T]):
    """A stored property of type `T` (annotation only: `points: Prop[int]`)."""

    if TYPE_CHECKING:

        @overload
        def __get__(self, instance: None, owner: Any) -> FieldExpr[T]: ...
        @overload
        def __get__(self, instance: object, owner: Any) -> T: ...
        def __get__(self, instance: object | None, owner: Any) -> FieldExpr[T] | T: ...
        def __set__(self, instance: object, value: T) -> None: ...

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return handler(get_args(source)[0])


class Ref(Generic[M]):
    """A cross-reference to model `M` (or a union of models: a multi-target reference).

    On an instance it is the referenced object when it was loaded, else None. On the class it
    stands for `M`'s fields seen through the reference: `Question.author.name == "Ann"`.
    """

    if TYPE_CHECKING:

        @overload
        def __get__(self, instance: None, owner: Any) -> type[M]: ...
        @overload
        def __get__(self, instance: object, owner: Any) -> M | None: ...
        def __get__(self, instance: object | None, owner: Any) -> type[M] | M | None: ...
        def __set__(self, instance: object, value: M | None) -> None: ...

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.nullable_schema(handler(get_args(source)[0]))


@dataclass(frozen=True)
class WeaviateOptions:
    """The Weaviate settings of one field (set through `Field(...)`)."""

    name: str | None = None
    data_type: DataType | None = None
    description: str | None = None
    tokenization: Tokenization | None = None
    index_filterable: bool | None = None
    index_searchable: bool | None = None
    index_range_filters: bool | None = None
    skip_vectorization: bool = False
    vectorize_property_name: bool = True
    renamed_from: str | None = None


def Field(
    default: Any = PydanticUndefined,
    *,
    default_factory: Any = None,
    description: str | None = None,
    name: str | None = None,
    data_type: DataType | None = None,
    tokenization: Tokenization | None = None,
    index_filterable: bool | None = None,
    index_searchable: bool | None = None,
    index_range_filters: bool | None = None,
    skip_vectorization: bool = False,
    vectorize_property_name: bool = True,
    renamed_from: str | None = None,
) -> Any:
    """A field with a default and/or Weaviate settings; usable as a default or in `Annotated`.

    `name` stores the property under another name in Weaviate; `data_type` overrides the
    type derived from the annotation (e.g. `DataType.DATE` for a `str`). `renamed_from` names
    the property this field was stored as before (for `wvorm.migrate`).
    """
    options = WeaviateOptions(
        name=name,
        data_type=data_type,
        description=description,
        tokenization=tokenization,
        index_filterable=index_filterable,
        index_searchable=index_searchable,
        index_range_filters=index_range_filters,
        skip_vectorization=skip_vectorization,
        vectorize_property_name=vectorize_property_name,
        renamed_from=renamed_from,
    )
    info: pydantic.fields.FieldInfo = pydantic.Field(
        default,  # type: ignore[call-overload]
        default_factory=default_factory,
        description=description,
    )
    info.metadata.append(options)
    return info
