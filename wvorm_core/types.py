"""Type aliases of common arguments, in the shape of the official client's `weaviate.types`."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence

from wvorm_core.classes.data import GeoCoordinate, PhoneNumber, Vectors
from wvorm_core.outputs.query import P as Properties

__all__ = [
    "INCLUDE_VECTOR",
    "UUID",
    "UUIDS",
    "VECTORS",
    "GeoCoordinate",
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
