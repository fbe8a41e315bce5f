"""Type aliases of common arguments, in the shape of the official client's `weaviate.types`."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence

from wvorm_core.classes.data import GeoCoordinate, PhoneNumber, Vectors
from wvorm_core.classes.query import (
    FilterReturn,
    MetadataName,
    MetadataQuery,
    PropertySelection,
    QueryNested,
    QueryReference,
)
from wvorm_core.outputs.query import P as Properties

__all__ = [
    "INCLUDE_VECTOR",
    "METADATA",
    "PROPERTIES",
    "PROPERTY",
    "REFERENCE",
    "REFERENCES",
    "UUID",
    "UUIDS",
    "VECTORS",
    "FilterReturn",
    "GeoCoordinate",
    "NearVectorInputType",
    "PhoneNumber",
    "Properties",
    "WeaviateProperties",
]

UUID = str | uuid.UUID
"""One object uuid, as text or a `uuid.UUID`."""

UUIDS = UUID | Sequence[UUID]
"""One uuid or several."""

VECTORS = Vectors
"""An object's vector, or its named vectors by name."""

INCLUDE_VECTOR = bool | str | Sequence[str]
"""`include_vector`: all vectors, one by name, or several."""

WeaviateProperties = Mapping[str, object]
"""The properties of an object with no data model."""

PROPERTY = str | QueryNested
"""One property to return: a name, or a nested object property with its fields."""

PROPERTIES = PropertySelection
"""`return_properties`: one property or several."""

REFERENCE = QueryReference
"""One reference to return with its target's properties."""

REFERENCES = QueryReference | Sequence[QueryReference]
"""`return_references`: one reference or several."""

METADATA = MetadataQuery | Sequence[MetadataName]
"""`return_metadata`: a `MetadataQuery` or a list of metadata names."""

NearVectorInputType = Vectors
"""The query vector of `near_vector`: one vector, or vectors by target name."""
