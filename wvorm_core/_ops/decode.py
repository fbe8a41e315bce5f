"""Replies decoded: property values, and search results into typed objects."""

from __future__ import annotations

import struct
import sys
from array import array
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timezone
from operator import attrgetter
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID, SafeUUID

from wvorm_core.classes.data import GeoCoordinate
from wvorm_core.classes.query import MetadataQuery
from wvorm_core.outputs import (
    CrossReference,
    CrossReferences,
    GenerativeGroup,
    GenerativeObject,
    GenerativeReturn,
    Group,
    MetadataReturn,
    Object,
    QueryReturn,
)
from wvorm_core.outputs.query import PhoneNumberType
from wvorm_core.proto.v1 import base_pb2, properties_pb2, search_get_pb2

if TYPE_CHECKING:
    from wvorm_core._ops.models import ReferencePlan, Returns


def parse_date(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _unpack(fmt: str) -> Callable[[bytes], list[Any]]:
    def unpack(data: bytes) -> list[Any]:
        return list(struct.unpack(f"<{len(data) // 8}{fmt}", data))

    return unpack


_LIST_DECODERS: dict[str, Callable[[Any], list[Any]]] = {
    "text_values": lambda v: list(v.values),
    "int_values": lambda v: _unpack("q")(v.values),
    "number_values": lambda v: _unpack("d")(v.values),
    "bool_values": lambda v: list(v.values),
    "date_values": lambda v: [parse_date(d) for d in v.values],
    "uuid_values": lambda v: [UUID(u) for u in v.values],
    "object_values": lambda v: [decode_properties(p) for p in v.values],
}


def _decode_list(value: properties_pb2.ListValue) -> list[Any]:
    kind = value.WhichOneof("kind")
    return [] if kind is None else _LIST_DECODERS[kind](getattr(value, kind))


def _decode_phone(value: properties_pb2.PhoneNumber) -> PhoneNumberType:
    return PhoneNumberType(
        {
            "input": value.input,
            "defaultCountry": value.default_country,
            "internationalFormatted": value.international_formatted,
            "countryCode": value.country_code,
            "national": value.national,
            "nationalFormatted": value.national_formatted,
            "valid": value.valid,
        }
    )


def _object_values(value: properties_pb2.Value) -> dict[str, object]:
    return decode_properties(value.object_value)


def _list_value(value: properties_pb2.Value) -> list[Any]:
    return _decode_list(value.list_value)


def _geo(value: properties_pb2.Value) -> GeoCoordinate:
    geo = value.geo_value
    return GeoCoordinate(latitude=geo.latitude, longitude=geo.longitude)


VALUE_DECODERS: dict[str | None, Callable[[properties_pb2.Value], object]] = {  # by Value kind
    "text_value": attrgetter("text_value"),
    "int_value": attrgetter("int_value"),
    "number_value": attrgetter("number_value"),
    "bool_value": attrgetter("bool_value"),
    "blob_value": attrgetter("blob_value"),
    "date_value": lambda v: parse_date(v.date_value),
    "uuid_value": lambda v: UUID(v.uuid_value),
    "null_value": lambda _: None,
    "object_value": _object_values,
    "list_value": _list_value,
    "geo_value": _geo,
    "phone_value": lambda v: _decode_phone(v.phone_value),
    None: lambda _: None,
}


def decode_value(value: properties_pb2.Value) -> object:
    """A property value as Python: str, int, float, bool, datetime, UUID, list, dict, ..."""
    return VALUE_DECODERS[value.WhichOneof("kind")](value)


def decode_properties(props: properties_pb2.Properties) -> dict[str, object]:
    """Every property of a `Properties` message."""
    fields = props.fields
    decoders = VALUE_DECODERS
    out: dict[str, object] = {}
    for name in fields:
        value = fields[name]
        out[name] = decoders[value.WhichOneof("kind")](value)
    return out


_SCALAR_KINDS: dict[str, Callable[[Any], object] | None] = {
    "text_value": None,
    "int_value": None,
    "number_value": None,
    "bool_value": None,
    "blob_value": None,
    "date_value": parse_date,
    "uuid_value": UUID,
}
"""Value kinds read by one attribute access, with the conversion each needs."""

Step = tuple[str, str, Callable[[properties_pb2.Value], Any] | None]
"""One property to read: its Weaviate name, its key in the output, and its decoder (None: any
value, decoded by its kind)."""


def values_reader(steps: Sequence[Step]) -> Callable[[properties_pb2.Properties], dict[str, Any]]:
    """A reader of the properties `steps` names into a dict by key; absent ones are left out.

    A scalar is read by the kind its property had before: one attribute read instead of
    `WhichOneof` and a dispatch. A falsy read (empty, zero, null, or another kind) takes the
    general path, which also learns the kind for the next objects.
    """
    plan: tuple[tuple[str, str, Any, str | None, Any], ...] = tuple(
        (prop, key, decode, None, None) for prop, key, decode in steps
    )
    decoders = VALUE_DECODERS

    def read(props: properties_pb2.Properties) -> dict[str, Any]:
        nonlocal plan
        fields = props.fields
        out: dict[str, Any] = {}
        stale = False
        for prop, key, decode, attr, convert in plan:
            value = fields[prop]
            if attr is not None:
                known = getattr(value, attr)
                if known:
                    out[key] = known if convert is None else convert(known)
                    continue
            kind = value.WhichOneof("kind")
            if kind is None:
                continue
            if decode is not None:
                out[key] = decode(value)
                continue
            stale = stale or (kind != attr and kind in _SCALAR_KINDS)
            out[key] = decoders[kind](value)
        if stale:
            plan = tuple(_relearn(step, fields[step[0]]) for step in plan)
        return out

    return read


def _relearn(step: tuple[str, str, Any, str | None, Any], value: properties_pb2.Value) -> Any:
    kind = value.WhichOneof("kind")
    if step[2] is not None or kind not in _SCALAR_KINDS:
        return step
    return step[0], step[1], None, kind, _SCALAR_KINDS[kind]


_NO_METADATA = MetadataQuery()
_EMPTY_METADATA = MetadataReturn()


# ---- search replies ----

_LITTLE_ENDIAN = sys.byteorder == "little"


def _floats(data: bytes) -> array[float]:
    values = array("f", data)
    if not _LITTLE_ENDIAN:
        values.byteswap()
    return values


def _multi(data: bytes) -> list[array[float]]:
    (dim,) = struct.unpack_from("<H", data)
    flat = _floats(data[2:])
    return [flat[i : i + dim] for i in range(0, len(flat), dim)]


def _time(ms: int) -> datetime:
    return datetime.fromtimestamp(ms / 1000, tz=timezone.utc)


def _metadata(m: search_get_pb2.MetadataResult) -> MetadataReturn:
    return MetadataReturn(
        creation_time=_time(m.creation_time_unix) if m.creation_time_unix_present else None,
        last_update_time=_time(m.last_update_time_unix)
        if m.last_update_time_unix_present
        else None,
        distance=m.distance if m.distance_present else None,
        certainty=m.certainty if m.certainty_present else None,
        score=m.score if m.score_present else None,
        explain_score=m.explain_score if m.explain_score_present else None,
        is_consistent=m.is_consistent if m.is_consistent_present else None,
        rerank_score=m.rerank_score if m.rerank_score_present else None,
    )


_MULTI = base_pb2.Vectors.VECTOR_TYPE_MULTI_FP32


_NONE: Mapping[str, Any] = MappingProxyType({})
"""The shared empty (read-only) mapping of objects without vectors or references."""


def _vectors(
    m: search_get_pb2.MetadataResult,
) -> tuple[Mapping[str, array[float]], Mapping[str, list[array[float]]]]:
    """The single and multi vectors of one object."""
    vectors = m.vectors
    if len(vectors) == 1 and vectors[0].type != _MULTI:
        v = vectors[0]
        return {v.name: _floats(v.vector_bytes)}, _NONE
    single: dict[str, array[float]] = {}
    multi: dict[str, list[array[float]]] = {}
    for v in vectors:
        if v.type == _MULTI:
            multi[v.name] = _multi(v.vector_bytes)
        else:
            single[v.name] = _floats(v.vector_bytes)
    if not single and m.vector_bytes:
        single["default"] = _floats(m.vector_bytes)
    return single, multi


_new = object.__new__
_set = object.__setattr__
_from_bytes = int.from_bytes
_UNKNOWN = SafeUUID.unknown


def known_uuid(number: int) -> UUID:
    """`UUID(int=number)` for a number known to be a uuid, without `UUID.__init__`'s checks."""
    ident = _new(UUID)
    _set(ident, "int", number)
    _set(ident, "is_safe", _UNKNOWN)
    return ident


def _uuid(m: search_get_pb2.MetadataResult) -> UUID:
    """The object's uuid, from its 16 bytes."""
    data = m.id_as_bytes
    return known_uuid(_from_bytes(data, "big")) if len(data) == 16 else UUID(m.id)


def _cross_references(
    refs: Sequence[search_get_pb2.RefPropertiesResult],
) -> CrossReferences:
    out: dict[str, CrossReference[dict[str, object], CrossReferences]] = {}
    for ref in refs:
        objects: list[Object[dict[str, object], CrossReferences]] = []
        for props in ref.properties:
            m = props.metadata
            single, multi = _vectors(m)
            objects.append(
                Object(
                    uuid=_uuid(m),
                    properties=decode_properties(props.non_ref_props),
                    metadata=_metadata(m),
                    collection=props.target_collection,
                    vector=single,
                    multi_vector=multi,
                    references=_cross_references(props.ref_props),
                )
            )
        out[ref.prop_name] = CrossReference(objects)
    return out


def _typed_references(
    plan: ReferencePlan, refs: Sequence[search_get_pb2.RefPropertiesResult]
) -> dict[str, CrossReference[Any, Any]]:
    """Every link `plan` declares (empty when it points nowhere), decoded into its types."""
    found = {ref.prop_name: ref.properties for ref in refs}
    out: dict[str, CrossReference[Any, Any]] = {}
    for link in plan.links:
        decode, nested = link.projection.decode, link.nested
        out[link.name] = CrossReference(
            [
                Object(
                    _uuid(props.metadata),
                    decode(props.non_ref_props),
                    _EMPTY_METADATA,
                    props.target_collection,
                    _NONE,
                    _NONE,
                    None if nested is None else _typed_references(nested, props.ref_props),
                )
                for props in found.get(link.name, ())
            ]
        )
    return out


def _references_decoder(
    returns: Returns,
) -> Callable[[Sequence[search_get_pb2.RefPropertiesResult]], Mapping[str, Any]]:
    """How each object's references are decoded: typed by the handle's references model, as
    asked by `return_references`, or not at all."""
    typed = returns.typed_references
    if typed is not None:
        return lambda refs: _typed_references(typed, refs)
    if returns.references:
        return _cross_references
    return lambda _: _NONE


ObjectT = TypeVar("ObjectT", bound=Object[Any, Any])


def _objects(
    results: Sequence[search_get_pb2.SearchResult],
    returns: Returns,
    collection: str,
    make: type[ObjectT],
    group: str | None = None,
    single_prompt: bool = False,
) -> list[ObjectT]:
    """Decode results; each part is read only when it was asked for."""
    decode = returns.properties.decode
    want_meta = returns.metadata != _NO_METADATA or returns.rerank
    want_vectors = bool(returns.include_vector)
    references = _references_decoder(returns)
    out = []
    single: Mapping[str, Any] = _NONE
    multi: Mapping[str, Any] = _NONE
    for result in results:
        m = result.metadata
        props = result.properties
        if want_vectors:
            single, multi = _vectors(m)
        out.append(
            make(
                _uuid(m),
                decode(props.non_ref_props),
                _metadata(m) if want_meta else _EMPTY_METADATA,
                props.target_collection or collection,
                single,
                multi,
                references(props.ref_props),
                group,
            )
        )
    if single_prompt:
        for obj, result in zip(out, results, strict=True):
            if result.HasField("generative") and result.generative.values:
                obj.generated = result.generative.values[0].result  # type: ignore[attr-defined]
    return out


def parse_reply(
    reply: search_get_pb2.SearchReply, returns: Returns, collection: str
) -> QueryReturn[Any, Any]:
    if not reply.group_by_results:
        return QueryReturn(_objects(reply.results, returns, collection, Object))
    groups: dict[str, Group[Any, Any]] = {}
    objects: list[Object[Any, Any]] = []
    for g in reply.group_by_results:
        members = _objects(g.objects, returns, collection, Object, g.name)
        objects.extend(members)
        groups[g.name] = Group(
            g.name,
            g.min_distance,
            g.max_distance,
            g.number_of_objects,
            members,
            g.rerank.score if g.HasField("rerank") else None,
        )
    return QueryReturn(objects, groups)


def _generated(reply: search_get_pb2.SearchReply) -> str | None:
    if reply.HasField("generative_grouped_results") and reply.generative_grouped_results.values:
        return reply.generative_grouped_results.values[0].result
    return reply.generative_grouped_result or None


def parse_generative_reply(
    reply: search_get_pb2.SearchReply, returns: Returns, collection: str, single_prompt: bool
) -> GenerativeReturn[Any, Any]:
    """Decode a generative reply; objects carry text only when `single_prompt` was asked."""
    if not reply.group_by_results:
        objects = _objects(
            reply.results, returns, collection, GenerativeObject, None, single_prompt
        )
        return GenerativeReturn(objects, _generated(reply))
    groups: dict[str, GenerativeGroup[Any, Any]] = {}
    flat: list[GenerativeObject[Any, Any]] = []
    for g in reply.group_by_results:
        members = _objects(g.objects, returns, collection, GenerativeObject, g.name, single_prompt)
        flat.extend(members)
        generated = None
        if g.HasField("generative_result") and g.generative_result.values:
            generated = g.generative_result.values[0].result
        groups[g.name] = GenerativeGroup(
            g.name,
            g.min_distance,
            g.max_distance,
            g.number_of_objects,
            members,  # type: ignore[arg-type]
            g.rerank.score if g.HasField("rerank") else None,
            generated,
        )
    return GenerativeReturn(flat, _generated(reply), groups)
