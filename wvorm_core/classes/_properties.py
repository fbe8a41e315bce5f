"""Property inputs: `DataType`, `Tokenization`, `Property`, `ReferenceProperty`, name checks."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from typing import ClassVar

from wvorm_core.exceptions import WeaviateInvalidInputError

_COLLECTION_NAME = re.compile(r"^[A-Za-z][_0-9A-Za-z]{0,254}$")
_PROPERTY_NAME = re.compile(r"^[_A-Za-z][_0-9A-Za-z]{0,230}$")
_RESERVED_PROPERTY_NAMES = frozenset({"id", "_id", "_additional", "vector"})


def check_collection_name(name: str) -> str:
    """Return `name` with its first letter capitalised, as Weaviate stores it."""
    if not isinstance(name, str) or not _COLLECTION_NAME.match(name):
        raise WeaviateInvalidInputError(
            f"invalid collection name {name!r}: use up to 255 letters, digits and _, starting"
            " with a letter"
        )
    return name[0].upper() + name[1:]


def check_property_name(name: str) -> str:
    """Return `name` if Weaviate accepts it as a property name, else raise."""
    if not isinstance(name, str) or not _PROPERTY_NAME.match(name):
        raise WeaviateInvalidInputError(
            f"invalid property name {name!r}: use letters, digits and _, not starting with a digit"
        )
    return name


def _check_new_property_name(name: str) -> str:
    check_property_name(name)
    if name in _RESERVED_PROPERTY_NAMES:
        raise WeaviateInvalidInputError(f"property name {name!r} is reserved by Weaviate")
    if name[0].isupper():
        lowered = name[0].lower() + name[1:]
        raise WeaviateInvalidInputError(
            f"invalid property name {name!r}: Weaviate would store it as {lowered!r}; name it so"
        )
    return name


class DataType(str, Enum):
    """The data types of Weaviate properties."""

    TEXT = "text"
    TEXT_ARRAY = "text[]"
    INT = "int"
    INT_ARRAY = "int[]"
    NUMBER = "number"
    NUMBER_ARRAY = "number[]"
    BOOL = "boolean"
    BOOL_ARRAY = "boolean[]"
    DATE = "date"
    DATE_ARRAY = "date[]"
    UUID = "uuid"
    UUID_ARRAY = "uuid[]"
    GEO_COORDINATES = "geoCoordinates"
    PHONE_NUMBER = "phoneNumber"
    BLOB = "blob"
    OBJECT = "object"
    OBJECT_ARRAY = "object[]"


class Tokenization(str, Enum):
    """How text is split into tokens for the inverted index."""

    WORD = "word"
    LOWERCASE = "lowercase"
    WHITESPACE = "whitespace"
    FIELD = "field"
    TRIGRAM = "trigram"
    GSE = "gse"
    GSE_CH = "gse_ch"
    KAGOME_KR = "kagome_kr"
    KAGOME_JA = "kagome_ja"


TEXT_TYPES = frozenset({DataType.TEXT, DataType.TEXT_ARRAY})
OBJECT_TYPES = frozenset({DataType.OBJECT, DataType.OBJECT_ARRAY})
_RANGE_TYPES = frozenset({DataType.INT, DataType.NUMBER, DataType.DATE})


@dataclass(frozen=True)
class TextAnalyzerConfigCreate:
    """Text analysis of one text property: ASCII folding and a stopword preset (1.37+)."""

    ascii_fold: bool | None = None
    ascii_fold_ignore: Sequence[str] | None = None
    stopword_preset: str | None = None

    def __post_init__(self) -> None:
        if self.ascii_fold_ignore is not None:
            if not self.ascii_fold:
                raise WeaviateInvalidInputError(
                    "text_analyzer: ascii_fold_ignore needs ascii_fold=True"
                )
            object.__setattr__(self, "ascii_fold_ignore", tuple(self.ascii_fold_ignore))

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {}
        if self.ascii_fold is not None:
            out["asciiFold"] = self.ascii_fold
        if self.ascii_fold_ignore is not None:
            out["asciiFoldIgnore"] = list(self.ascii_fold_ignore)
        if self.stopword_preset is not None:
            out["stopwordPreset"] = self.stopword_preset
        return out


@dataclass(frozen=True)
class Property:
    """A property of a collection; `nested_properties` (one or several) only for OBJECT and
    OBJECT_ARRAY, kept as a tuple.

    `skip_vectorization` and `vectorize_property_name` apply to every vectorizer of the
    collection (they are written into each module's property settings).
    """

    name: str
    data_type: DataType
    description: str | None = None
    tokenization: Tokenization | None = None
    index_filterable: bool | None = None
    index_searchable: bool | None = None
    index_range_filters: bool | None = None
    nested_properties: Property | Sequence[Property] | None = None
    skip_vectorization: bool = False
    vectorize_property_name: bool = True
    text_analyzer: TextAnalyzerConfigCreate | None = None

    def __post_init__(self) -> None:
        _check_new_property_name(self.name)
        where = f"property {self.name!r}"
        if not isinstance(self.data_type, DataType):
            raise WeaviateInvalidInputError(
                f"{where}: data_type must be a DataType, got {self.data_type!r}"
            )
        nested = self.nested_properties
        if nested is not None:
            nested = (nested,) if isinstance(nested, Property) else tuple(nested)
            object.__setattr__(self, "nested_properties", nested)
        if self.nested_properties and self.data_type not in OBJECT_TYPES:
            raise WeaviateInvalidInputError(
                f"{where}: nested_properties need DataType.OBJECT or OBJECT_ARRAY"
            )
        if self.data_type in OBJECT_TYPES and not self.nested_properties:
            raise WeaviateInvalidInputError(f"{where}: an object property needs nested_properties")
        if self.tokenization is not None and self.data_type not in TEXT_TYPES:
            raise WeaviateInvalidInputError(
                f"{where}: tokenization applies to text properties only"
            )
        if self.text_analyzer is not None and self.data_type not in TEXT_TYPES:
            raise WeaviateInvalidInputError(
                f"{where}: text_analyzer applies to text properties only"
            )
        if self.index_searchable and self.data_type not in TEXT_TYPES:
            raise WeaviateInvalidInputError(
                f"{where}: index_searchable applies to text properties only"
            )
        if self.index_range_filters and self.data_type not in _RANGE_TYPES:
            raise WeaviateInvalidInputError(
                f"{where}: index_range_filters applies to int, number and date properties only"
            )

    def to_dict(self, vectorizers: Sequence[str] = ()) -> dict[str, object]:
        """The REST schema JSON of this property; `vectorizers` are the collection's modules."""
        out: dict[str, object] = {"name": self.name, "dataType": [self.data_type.value]}
        optional = {
            "description": self.description,
            "tokenization": self.tokenization.value if self.tokenization else None,
            "indexFilterable": self.index_filterable,
            "indexSearchable": self.index_searchable,
            "indexRangeFilters": self.index_range_filters,
        }
        out.update({k: v for k, v in optional.items() if v is not None})
        if self.text_analyzer is not None:
            out["textAnalyzer"] = self.text_analyzer.to_dict()
        if isinstance(self.nested_properties, tuple) and self.nested_properties:
            out["nestedProperties"] = [p.to_dict() for p in self.nested_properties]
        if vectorizers:
            setting = {
                "skip": self.skip_vectorization,
                "vectorizePropertyName": self.vectorize_property_name,
            }
            out["moduleConfig"] = {module: dict(setting) for module in vectorizers}
        return out


@dataclass(frozen=True)
class _ReferencePropertyMultiTarget:
    """A cross-reference that may point to objects of several collections."""

    name: str
    target_collections: Sequence[str]
    description: str | None = None

    def __post_init__(self) -> None:
        _check_new_property_name(self.name)
        targets = tuple(check_collection_name(t) for t in self.target_collections)
        if not targets:
            raise WeaviateInvalidInputError(f"reference {self.name!r}: no target collections")
        object.__setattr__(self, "target_collections", targets)

    def to_dict(self) -> dict[str, object]:
        """The REST schema JSON of this reference."""
        out: dict[str, object] = {"name": self.name, "dataType": list(self.target_collections)}
        if self.description is not None:
            out["description"] = self.description
        return out


@dataclass(frozen=True)
class ReferenceProperty:
    """A cross-reference from this collection to `target_collection`.

    `ReferenceProperty.MultiTarget(name=..., target_collections=[...])` points to several.
    """

    name: str
    target_collection: str
    description: str | None = None

    MultiTarget: ClassVar[type[_ReferencePropertyMultiTarget]] = _ReferencePropertyMultiTarget

    def __post_init__(self) -> None:
        _check_new_property_name(self.name)
        object.__setattr__(self, "target_collection", check_collection_name(self.target_collection))

    def to_dict(self) -> dict[str, object]:
        """The REST schema JSON of this reference."""
        out: dict[str, object] = {"name": self.name, "dataType": [self.target_collection]}
        if self.description is not None:
            out["description"] = self.description
        return out


ReferencePropertyMultiTarget = _ReferencePropertyMultiTarget
AnyReferenceProperty = ReferenceProperty | _ReferencePropertyMultiTarget
