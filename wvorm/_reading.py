"""How ORM reads ask the core client for data and shape its replies (no I/O)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar
from uuid import UUID

from pydantic import BaseModel

from wvorm._mapping import Builder, builder, projection_fields, reply_decoder, stored_fields
from wvorm.expressions import Condition, FieldExpr, SortKey
from wvorm.model import WvModel, info_of
from wvorm.results import Generated, Hit, HitGroup
from wvorm_core._ops.models import Projection
from wvorm_core.classes.query import GroupBy, MetadataQuery, QueryReference, Sort
from wvorm_core.outputs.query import CrossReference, Object

T = TypeVar("T")
M = TypeVar("M", bound=WvModel)
S = TypeVar("S", bound=BaseModel)
Out = TypeVar("Out")
Loaded = Mapping[UUID, Mapping[str, Sequence[Object[Any, Any]]]]
"""Reference objects loaded by follow-up queries, by source uuid and reference property."""
Build = Callable[[Object[Any, Any], Loaded], T]

SEARCH_METADATA = MetadataQuery(
    creation_time=True, last_update_time=True, distance=True, score=True
)


def where_filter(where: Condition | None) -> Any:
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

    def build(obj: Object[Any, Any], extra: Loaded) -> M:
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


def _objects(found: CrossReference | None) -> list[Object[Any, Any]]:
    return [] if found is None else list(found.objects)


def follow_up_results(replies: Sequence[Any]) -> Loaded:
    """Reference objects of follow-up queries, by source uuid and reference property."""
    out: dict[UUID, dict[str, list[Object[Any, Any]]]] = {}
    for reply in replies:
        for obj in reply.objects:
            for name, found in obj.references.items():
                out.setdefault(obj.uuid, {}).setdefault(name, []).extend(found.objects)
    return out


@dataclass(frozen=True)
class Shaping(Generic[Out]):
    """What a reader asks for (beyond the search itself) and how replies become `Out`."""

    returns: Projection
    shape: Callable[[Any, Loaded], Out]
    references: list[QueryReference] = field(default_factory=list)
    follow_ups: list[QueryReference] = field(default_factory=list)
    options: Mapping[str, Any] = field(default_factory=dict)
    generative: bool = False
    searches_only: bool = False

    def arguments(self, options: Mapping[str, Any]) -> dict[str, Any]:
        given = {k: v for k, v in options.items() if v is not None}
        return {
            "return_properties": self.returns,
            "return_references": self.references or None,
            **self.options,
            **given,
        }


def _hits(build: Build[T], objects: Sequence[Any], extra: Loaded) -> list[Hit[T]]:
    return [Hit(build(o, extra), o.uuid, o.metadata, o.vector) for o in objects]


def _generated_hits(build: Build[T], objects: Sequence[Any], extra: Loaded) -> list[Hit[T]]:
    return [Hit(build(o, extra), o.uuid, o.metadata, o.vector, o.generated) for o in objects]


def _plain_hits(objects: Sequence[Any]) -> list[Hit[Any]]:
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
    shape: Callable[[Any, Loaded], list[Hit[M]]] = (
        (lambda reply, extra: _hits(build, reply.objects, extra))
        if first
        else (lambda reply, _: _plain_hits(reply.objects))
    )
    return Shaping(reply_decoder(model, stored_fields(model)), shape, first, later)


def projection_hits(model: type[WvModel], projection: type[S]) -> Shaping[list[Hit[S]]]:
    fields = projection_fields(model, projection)

    def build(obj: Object[Any, Any], _: Loaded) -> S:
        instance: S = obj.properties
        return instance

    return Shaping(
        reply_decoder(projection, fields), lambda reply, _: _hits(build, reply.objects, {})
    )


def grouped_hits(
    model: type[M], by: FieldExpr[Any], number_of_groups: int, objects_per_group: int
) -> Shaping[list[HitGroup[M]]]:
    build = _model_builder(model)

    def shape(reply: Any, extra: Loaded) -> list[HitGroup[M]]:
        return [
            HitGroup(name, _hits(build, g.objects, extra), g.min_distance, g.max_distance)
            for name, g in reply.groups.items()
        ]

    group = GroupBy(by.property_name, number_of_groups, objects_per_group)
    base = model_hits(model)
    return Shaping(
        base.returns,
        shape,
        base.references,
        base.follow_ups,
        {"group_by": group},
        searches_only=True,
    )


def generated_hits(
    model: type[M],
    single_prompt: str | None,
    grouped_task: str | None,
    grouped_properties: Sequence[FieldExpr[Any]] | None,
) -> Shaping[Generated[M]]:
    build = _model_builder(model)
    base = model_hits(model)
    options = {
        "single_prompt": single_prompt,
        "grouped_task": grouped_task,
        "grouped_properties": property_names(grouped_properties),
    }
    return Shaping(
        base.returns,
        lambda reply, extra: Generated(
            _generated_hits(build, reply.objects, extra), reply.generated
        ),
        base.references,
        base.follow_ups,
        {k: v for k, v in options.items() if v is not None},
        generative=True,
    )


def follow_up(query: QueryReference, uuids: Sequence[UUID]) -> dict[str, Any]:
    """Arguments of the follow-up query that loads one more reference target for all hits."""
    return {"return_properties": [], "return_references": [query], "limit": len(uuids)}


def uuid_of(obj: WvModel | UUID | str) -> UUID:
    return obj.uuid if isinstance(obj, WvModel) else UUID(str(obj))
