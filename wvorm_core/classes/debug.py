"""Debugging results, in the shape of the official client's `weaviate.classes.debug`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

__all__ = ["DebugRESTObject"]


@dataclass(frozen=True, slots=True)
class DebugRESTObject:
    """An object as the REST API stores it, read without search (`debug.get_object_over_rest`)."""

    collection: str
    creation_time: datetime
    last_update_time: datetime
    properties: dict[str, object]
    tenant: str | None
    uuid: UUID
    vector: list[float] | None
    vectors: dict[str, list[float] | list[list[float]]] | None
