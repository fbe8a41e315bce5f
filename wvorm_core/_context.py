"""What every namespace of one collection handle shares: its name, tenant, consistency level
and data models."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, replace
from typing import Any, Generic, cast

from typing_extensions import TypeVar

from wvorm_core._ops import search
from wvorm_core._ops.models import reference_plan
from wvorm_core.classes.config import ConsistencyLevel, check_collection_name
from wvorm_core.outputs.query import P, R

T = TypeVar("T")
"""The data model a caller names in `return_properties`."""


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


def target_of(context: CollectionContext[Any, Any]) -> search.Target:
    """What the search operations need to know about a collection handle."""
    references = context.references_model
    return search.Target(
        context.name,
        context.tenant,
        context.consistency_level,
        context.properties_model,
        None if references is None else reference_plan(cast(Hashable, references)),
    )
