"""What every namespace of one collection handle shares."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Generic

from wvorm_core.classes.config import ConsistencyLevel, check_collection_name
from wvorm_core.outputs.query import P, R


@dataclass(frozen=True)
class CollectionContext(Generic[P, R]):
    """The collection name, tenant, consistency level and data models of one handle."""

    name: str
    tenant: str | None = None
    consistency_level: ConsistencyLevel | None = None
    properties_model: type[P] | None = None
    references_model: type[R] | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", check_collection_name(self.name))

    def with_tenant(self, tenant: str | None) -> CollectionContext[P, R]:
        return replace(self, tenant=tenant)

    def with_consistency_level(self, level: ConsistencyLevel | None) -> CollectionContext[P, R]:
        return replace(self, consistency_level=level)
