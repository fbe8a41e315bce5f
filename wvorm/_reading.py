"""How ORM reads ask the core client for data and shape its replies (no I/O)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypedDict, TypeVar
from uuid import UUID

from pydantic import BaseModel

from wvorm._mapping import Builder, builder, projection_fields, reply_decoder, stored_fields
from wvorm.expressions import Condition, FieldExpr, SortKey
from wvorm.model import WvModel, info_of
from wvorm.results import Generated, Hit, HitGroup
from wvorm_core.classes.filters import FilterExpression
from wvorm_core.classes.query import GroupBy, MetadataQuery, QueryReference, Sort
from wvorm_core.exceptions import WeaviateInvalidInputError
from wvorm_core.outputs.generate import GenerativeObject, GenerativeReturn
from wvorm_core.outputs.query import CrossReference, CrossReferences, Object, QueryReturn
from wvorm_core.projection import Projection

T = TypeVar("T")
M = TypeVar("M", bound=WvModel)
S = TypeVar("S", bound=BaseModel)
Out = TypeVar("Out")
Found = Object[Any, CrossReferences]
"""One object of a reply, its properties decoded by the reader's projection."""
Reply = QueryReturn[Any, CrossReferences] | GenerativeReturn[Any, CrossReferences]
"""The reply of a reader's search (a generative one when the reader generates)."""
Linked = Object[dict[str, object], CrossReferences]
"""An object a reference points to."""
Loaded = Mapping[UUID, Mapping[str, Sequence[Linked]]]
"""Reference objects loaded by follow-up queries, by source uuid and reference property."""
Build = Callable[[Found, Loaded], T]

SEARCH_METADATA = MetadataQuery(
    creation_time=True, last_update_time=True, distance=True, score=True
)


class FetchArguments(TypedDict):
    """What every read of a reader passes to the core front, besides its own arguments."""

    return_properties: Projection[Any]
    return_references: list[QueryReference] | None
    filters: FilterExpression | None
    limit: int | None
    include_vector: bool


class SearchArguments(FetchArguments):
    """`FetchArguments` of a search: with metadata, and grouping when the reader groups."""

    return_metadata: MetadataQuery
    group_by: GroupBy | None


class Prompts(TypedDict):
    """What a generating reader asks the generative module for."""

    single_prompt: str | None
    grouped_task: str | None
    grouped_properties: list[str] | None


def where_filter(where: Condition | None) -> FilterExpression | None:
    return None if where is None else where.filter


def sort(order_by: SortKey | Sequence[SortKey]) -> Sort | None:
    keys = [order_by] if isinstance(order_by, SortKey) else list(order_by)
    return Sort(tuple((key.name, key.ascending) for key in keys)) if keys else None


def property_names(fields: Sequence[FieldExpr[Any]] | None) -> list[str] | None:
    return None if fields is None else [f.property_name for f in fields]


def _reference_queries(model: type[WvModel]) -> tuple[list[QueryReference], list[QueryReference]]:
    """References to load one level deep: those the search itself can return, and the rest.

    Weaviate answers only the first target collection of a multi-target reference per query,
    so each further target collection is loaded by one follow-up query over all the hits.
    """
    first: list[QueryReference] = []
    later: list[QueryReference] = []
    for ref in (f for f in info_of(model).fields.values() if f.is_reference):
        for index, target in enumerate(ref.targets):
            names = [f.name for f in stored_fields(target)]
            if len(ref.targets) == 1:
                first.append(QueryReference(ref.name, names))
                continue
            query = QueryReference.MultiTarget(ref.name, info_of(target).collection, names)
            (first if index == 0 else later).append(query)
    return first, later


def _model_builder(model: type[M]) -> Build[M]:
    """Finish the instance the reply decoder built: its uuid, and its loaded references."""
    refs = [
        (ref.name, ref.attr, {info_of(t).collection: _target_builder(t) for t in ref.targets})
        for ref in info_of(model).fields.values()
        if ref.is_reference
    ]
    set_attr = object.__setattr__

    def build(obj: Found, extra: Loaded) -> M:
        instance: M = obj.properties
        set_attr(instance, "_wv_uuid", obj.uuid)
        if refs:
            found_extra = extra.get(obj.uuid, {})
            for name, attr, targets in refs:
                found = [*_objects(obj.references.get(name)), *found_extra.get(name, [])]
                if found:
                    first = found[0]
                    target = targets.get(first.collection) or next(iter(targets.values()))
                    instance.__dict__[attr] = target(first.uuid, first.properties, None)
        return instance

    return build


def _target_builder(model: type[WvModel]) -> Builder[WvModel]:
    return builder(model, stored_fields(model))


def _objects(found: CrossReference[dict[str, object], CrossReferences] | None) -> list[Linked]:
    return [] if found is None else list(found.objects)


def follow_up_results(replies: Sequence[QueryReturn[dict[str, object], CrossReferences]]) -> Loaded:
    """Reference objects of follow-up queries, by source uuid and reference property."""
    out: dict[UUID, dict[str, list[Linked]]] = {}
    for reply in replies:
        for obj in reply.objects:
            for name, found in obj.references.items():
                out.setdefault(obj.uuid, {}).setdefault(name, []).extend(found.objects)
    return out


@dataclass(frozen=True)
class Shaping(Generic[Out]):
    """What a reader asks for (beyond the search itself) and how replies become `Out`."""

    returns: Projection[Any]
    shape: Callable[[Reply, Loaded], Out]
    references: list[QueryReference] = field(default_factory=list)
    follow_ups: list[QueryReference] = field(default_factory=list)
    group_by: GroupBy | None = None
    prompts: Prompts | None = None
    """Set when the reader generates: its searches go to `collection.generate`."""

    def fetch(self, where: Condition | None, limit: int | None, vector: bool) -> FetchArguments:
        """The arguments of `find()`; a grouping reader has none (grouping needs a search)."""
        if self.group_by is not None:
            raise WeaviateInvalidInputError("group_by applies to searches; find() cannot group")
        return self._asked(where, limit, vector)

    def search(self, where: Condition | None, limit: int | None, vector: bool) -> SearchArguments:
        """The arguments every search of the reader passes, besides its own."""
        return {
            **self._asked(where, limit, vector),
            "return_metadata": SEARCH_METADATA,
            "group_by": self.group_by,
        }

    def _asked(self, where: Condition | None, limit: int | None, vector: bool) -> FetchArguments:
        return {
            "return_properties": self.returns,
            "return_references": self.references or None,
            "filters": where_filter(where),
            "limit": limit,
            "include_vector": vector,
        }


def _hits(build: Build[T], objects: Sequence[Found], extra: Loaded) -> list[Hit[T]]:
    return [Hit(build(o, extra), o.uuid, o.metadata, o.vector) for o in objects]


def _plain_hits(objects: Sequence[Found]) -> list[Hit[Any]]:
    """Hits of a model without references: the decoded instances get their uuids."""
    set_attr = object.__setattr__
    hits = []
    for o in objects:
        instance = o.properties
        set_attr(instance, "_wv_uuid", o.uuid)
        hits.append(Hit(instance, o.uuid, o.metadata, o.vector))
    return hits


def model_hits(model: type[M]) -> Shaping[list[Hit[M]]]:
    build = _model_builder(model)
    first, later = _reference_queries(model)
    shape: Callable[[Reply, Loaded], list[Hit[M]]] = (
        (lambda reply, extra: _hits(build, reply.objects, extra))
        if first
        else (lambda reply, _: _plain_hits(reply.objects))
    )
    return Shaping(reply_decoder(model, stored_fields(model)), shape, first, later)


def projection_hits(model: type[WvModel], projection: type[S]) -> Shaping[list[Hit[S]]]:
    fields = projection_fields(model, projection)

    def build(obj: Found, _: Loaded) -> S:
        instance: S = obj.properties
        return instance

    return Shaping(
        reply_decoder(projection, fields), lambda reply, _: _hits(build, reply.objects, {})
    )


def grouped_hits(
    model: type[M], by: FieldExpr[Any], number_of_groups: int, objects_per_group: int
) -> Shaping[list[HitGroup[M]]]:
    build = _model_builder(model)

    def shape(reply: Reply, extra: Loaded) -> list[HitGroup[M]]:
        return [
            HitGroup(name, _hits(build, g.objects, extra), g.min_distance, g.max_distance)
            for name, g in reply.groups.items()
        ]

    group = GroupBy(by.property_name, number_of_groups, objects_per_group)
    base = model_hits(model)
    return Shaping(base.returns, shape, base.references, base.follow_ups, group_by=group)


def generated_hits(
    model: type[M],
    single_prompt: str | None,
    grouped_task: str | None,
    grouped_properties: Sequence[FieldExpr[Any]] | None,
) -> Shaping[Generated[M]]:
    build = _model_builder(model)

    def shape(reply: Reply, extra: Loaded) -> Generated[M]:
        hits = [
            Hit(build(o, extra), o.uuid, o.metadata, o.vector, _generated(o)) for o in reply.objects
        ]
        return Generated(hits, reply.generated if isinstance(reply, GenerativeReturn) else None)

    prompts = Prompts(
        single_prompt=single_prompt,
        grouped_task=grouped_task,
        grouped_properties=property_names(grouped_properties),
    )
    base = model_hits(model)
    return Shaping(base.returns, shape, base.references, base.follow_ups, prompts=prompts)


def _generated(obj: Found) -> str | None:
    return obj.generated if isinstance(obj, GenerativeObject) else None


def uuid_of(obj: WvModel | UUID | str) -> UUID:
    return obj.uuid if isinstance(obj, WvModel) else UUID(str(obj))
