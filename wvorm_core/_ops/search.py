"""Search requests (gRPC `Search`) of every kind, and their replies decoded into typed results."""

from __future__ import annotations

import base64
import struct
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypedDict, TypeGuard
from uuid import UUID

from wvorm_core._ops.calls import Op, grpc
from wvorm_core._ops.decode import parse_generative_reply, parse_reply
from wvorm_core._ops.filters import compile_filter
from wvorm_core._ops.models import Projection, ReferencePlan, Returns, projection
from wvorm_core.classes.config import ConsistencyLevel
from wvorm_core.classes.filters import Filter, FilterExpression
from wvorm_core.classes.query import (
    BM25Operator,
    GroupBy,
    HybridFusion,
    MetadataName,
    MetadataQuery,
    Move,
    NearMediaType,
    PropertySelection,
    QueryReference,
    Rerank,
    Sort,
    TargetVectorArg,
    TargetVectorJoin,
)
from wvorm_core.exceptions import WeaviateInvalidInputError
from wvorm_core.outputs import (
    GenerativeReturn,
    Object,
    QueryReturn,
)
from wvorm_core.proto.v1 import base_pb2, base_search_pb2, search_get_pb2

SERVICE = "weaviate.v1.Weaviate"

ReturnProperties = PropertySelection | type[Any] | Projection[Any] | None
"""`return_properties=`: names, a TypedDict or pydantic model, a custom `Projection`, or None
(the collection's model)."""

SingleVector = Sequence[float]
MultiVector = Sequence[Sequence[float]]
VectorInput = SingleVector | MultiVector | Mapping[str, SingleVector | MultiVector] | Any
"""A query vector: floats, rows of floats (multi-vector), numpy arrays, or those by name."""

MediaInput = str | bytes | Path
"""Media for `near_image`: base64 text, raw bytes, or a file path."""

EncodedMedia = str | bytes
"""Media the fronts hand to the operations: a path has already been read."""


class _Returned(TypedDict, total=False):
    return_metadata: MetadataQuery | Sequence[MetadataName] | None
    include_vector: bool | str | Sequence[str]
    return_references: QueryReference | Sequence[QueryReference] | None
    validate: bool
    """Validate properties with the pydantic model (default: construct without validation)."""


class ByIdOptions(_Returned, total=False):
    pass


class FetchOptions(_Returned, total=False):
    limit: int | None
    offset: int | None
    after: UUID | str | None
    filters: FilterExpression | None
    sort: Sort | None


class ByIdsOptions(_Returned, total=False):
    limit: int | None
    offset: int | None
    after: UUID | str | None
    sort: Sort | None


class SearchOptions(_Returned, total=False):
    limit: int | None
    offset: int | None
    auto_limit: int | None
    filters: FilterExpression | None
    group_by: GroupBy | None
    rerank: Rerank | None


class NearOptions(SearchOptions, total=False):
    certainty: float | None
    distance: float | None
    target_vector: TargetVectorArg


class NearTextOptions(NearOptions, total=False):
    move_to: Move | None
    move_away: Move | None


class BM25Options(SearchOptions, total=False):
    query_properties: Sequence[str] | None
    operator: BM25Operator | None


class HybridOptions(SearchOptions, total=False):
    alpha: float | None
    vector: VectorInput | None
    query_properties: Sequence[str] | None
    fusion_type: HybridFusion | None
    max_vector_distance: float | None
    target_vector: TargetVectorArg
    bm25_operator: BM25Operator | None


class GenerativeOptions(TypedDict, total=False):
    single_prompt: str | None
    """Generate one text per object; `{property}` placeholders are filled from the object."""
    grouped_task: str | None
    """Generate one text over all the results."""
    grouped_properties: Sequence[str] | None
    """The properties `grouped_task` sees (default: all)."""


class GenerativeFetchOptions(FetchOptions, GenerativeOptions, total=False):
    pass


class GenerativeBM25Options(BM25Options, GenerativeOptions, total=False):
    pass


class GenerativeHybridOptions(HybridOptions, GenerativeOptions, total=False):
    pass


class GenerativeNearOptions(NearOptions, GenerativeOptions, total=False):
    pass


class GenerativeNearTextOptions(NearTextOptions, GenerativeOptions, total=False):
    pass


@dataclass(frozen=True, slots=True)
class Target:
    """Where searches go: the collection, tenant, consistency level and data models."""

    collection: str
    tenant: str | None = None
    consistency_level: ConsistencyLevel | None = None
    model: Any = None
    references: ReferencePlan | None = None


def _references(
    value: QueryReference | Sequence[QueryReference] | None,
) -> tuple[QueryReference, ...]:
    if value is None:
        return ()
    if isinstance(value, QueryReference):
        return (value,)
    if not all(isinstance(v, QueryReference) for v in value):
        raise WeaviateInvalidInputError(
            f"return_references: expected QueryReference objects, got {value!r}"
        )
    return tuple(value)


def _check_count(name: str, value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise WeaviateInvalidInputError(f"{name} must be a non-negative int, got {value!r}")
    return value


def _consistency(level: ConsistencyLevel) -> base_pb2.ConsistencyLevel.ValueType:
    return base_pb2.ConsistencyLevel.Value(f"CONSISTENCY_LEVEL_{ConsistencyLevel(level).value}")


class Options:
    """The keyword options of one call, consumed by name; leftovers are an error."""

    def __init__(self, options: Mapping[str, Any]) -> None:
        self._values = dict(options)

    def pop(self, name: str, default: Any = None) -> Any:
        value = self._values.pop(name, default)
        return default if value is None else value

    def done(self, method: str) -> None:
        if self._values:
            unknown = ", ".join(sorted(self._values))
            raise WeaviateInvalidInputError(f"{method}() got unexpected arguments: {unknown}")


def build(
    target: Target,
    return_properties: ReturnProperties,
    options: Options,
) -> tuple[search_get_pb2.SearchRequest, Returns]:
    """A `SearchRequest` with the options every kind shares (paging, filters, returns, ...)."""
    message = search_get_pb2.SearchRequest(collection=target.collection, uses_127_api=True)
    if target.tenant:
        message.tenant = target.tenant
    if target.consistency_level is not None:
        message.consistency_level = _consistency(target.consistency_level)
    for name in ("limit", "offset", "auto_limit"):
        value = options.pop(name)
        if value is not None:
            setattr(message, "autocut" if name == "auto_limit" else name, _check_count(name, value))
    after = options.pop("after")
    if after is not None:
        message.after = str(after)
    filters = options.pop("filters")
    if filters is not None:
        compile_filter(filters, message.filters)
    sort: Sort | None = options.pop("sort")
    if sort is not None:
        for path, ascending in sort.keys:
            message.sort_by.add(path=[path], ascending=ascending)
    group_by: GroupBy | None = options.pop("group_by")
    if group_by is not None:
        message.group_by.path.append(group_by.prop)
        message.group_by.number_of_groups = group_by.number_of_groups
        message.group_by.objects_per_group = group_by.objects_per_group
    rerank: Rerank | None = options.pop("rerank")
    if rerank is not None:
        message.rerank.property = rerank.prop
        if rerank.query is not None:
            message.rerank.query = rerank.query
    references = _references(options.pop("return_references"))
    if references and target.references is not None:
        raise WeaviateInvalidInputError(
            f"return_references: the references of this {target.collection!r} handle are typed "
            f"by {target.references.model.__name__} (data_model_references), and every search "
            "fetches those; use a handle without data_model_references to choose others"
        )
    returns = Returns(
        projection(target.model, return_properties, bool(options.pop("validate", False))),
        MetadataQuery.of(options.pop("return_metadata")),
        options.pop("include_vector", False),
        references,
        rerank is not None,
        target.references,
    )
    _fill_properties(returns, message.properties)
    _fill_metadata(returns.metadata, returns.include_vector, message.metadata)
    _fill_generative(options, message)
    return message, returns


def _fill_properties(returns: Returns, out: search_get_pb2.PropertiesRequest) -> None:
    returns.properties.fill(out)
    for ref in returns.references:
        _fill_reference(ref, out.ref_properties.add())
    if returns.typed_references is not None:
        returns.typed_references.fill(out)


def _fill_reference(ref: QueryReference, out: search_get_pb2.RefPropertiesRequest) -> None:
    out.reference_property = ref.link_on
    if ref.target_collection:
        out.target_collection = ref.target_collection
    projection(None, ref.return_properties).fill(out.properties)
    for nested in _references(ref.return_references):
        _fill_reference(nested, out.properties.ref_properties.add())
    _fill_metadata(MetadataQuery.of(ref.return_metadata), ref.include_vector, out.metadata)


def _fill_metadata(
    meta: MetadataQuery,
    include_vector: bool | str | Sequence[str],
    out: search_get_pb2.MetadataRequest,
) -> None:
    out.uuid = True
    out.creation_time_unix = meta.creation_time
    out.last_update_time_unix = meta.last_update_time
    out.distance = meta.distance
    out.certainty = meta.certainty
    out.score = meta.score
    out.explain_score = meta.explain_score
    out.is_consistent = meta.is_consistent
    if include_vector is True:
        out.vector = True
    elif isinstance(include_vector, str):
        out.vectors.append(include_vector)
    elif include_vector:
        out.vectors.extend(include_vector)


def _fill_generative(options: Options, message: search_get_pb2.SearchRequest) -> None:
    single = options.pop("single_prompt")
    task = options.pop("grouped_task")
    grouped_properties = options.pop("grouped_properties")
    if single is not None:
        message.generative.single.prompt = single
    if task is not None:
        message.generative.grouped.task = task
        if grouped_properties is not None:
            message.generative.grouped.properties.values.extend(grouped_properties)
    elif grouped_properties is not None:
        raise WeaviateInvalidInputError("grouped_properties needs grouped_task")


# ---- search operators (shared with Aggregate) ----


def _pack(vector: Any, where: str) -> tuple[bytes, base_pb2.Vectors.VectorType.ValueType]:
    """A query vector as packed little-endian float32 bytes, single or multi."""
    tobytes = getattr(vector, "astype", None)
    if tobytes is not None and hasattr(vector, "ndim"):
        data = vector.astype("<f4")
        if data.ndim == 1:
            return data.tobytes(), base_pb2.Vectors.VECTOR_TYPE_SINGLE_FP32
        if data.ndim == 2:
            return (
                struct.pack("<H", data.shape[1]) + data.tobytes(),
                base_pb2.Vectors.VECTOR_TYPE_MULTI_FP32,
            )
    try:
        if vector and isinstance(vector[0], (int, float)):
            return struct.pack(
                f"<{len(vector)}f", *vector
            ), base_pb2.Vectors.VECTOR_TYPE_SINGLE_FP32
        if vector and all(len(row) == len(vector[0]) for row in vector):
            flat = [x for row in vector for x in row]
            return (
                struct.pack("<H", len(vector[0])) + struct.pack(f"<{len(flat)}f", *flat),
                base_pb2.Vectors.VECTOR_TYPE_MULTI_FP32,
            )
    except (TypeError, struct.error):
        pass
    raise WeaviateInvalidInputError(
        f"{where}: a vector must be a non-empty sequence of numbers, or of equal-length rows"
    )


_COMBINATIONS = {
    "sum": base_search_pb2.COMBINATION_METHOD_TYPE_SUM,
    "average": base_search_pb2.COMBINATION_METHOD_TYPE_AVERAGE,
    "minimum": base_search_pb2.COMBINATION_METHOD_TYPE_MIN,
    "manual": base_search_pb2.COMBINATION_METHOD_TYPE_MANUAL,
    "relative_score": base_search_pb2.COMBINATION_METHOD_TYPE_RELATIVE_SCORE,
}


def _fill_targets(target_vector: TargetVectorArg, out: base_search_pb2.Targets) -> None:
    if target_vector is None:
        return
    if isinstance(target_vector, str):
        out.target_vectors.append(target_vector)
    elif isinstance(target_vector, TargetVectorJoin):
        out.target_vectors.extend(target_vector.targets)
        out.combination = _COMBINATIONS[target_vector.combination]
        for name, weight in target_vector.weights:
            out.weights_for_targets.add(target=name, weight=weight)
    else:
        out.target_vectors.extend(target_vector)


def _is_named(vector: object) -> TypeGuard[Mapping[str, Any]]:
    return isinstance(vector, Mapping)


def fill_near_vector(
    vector: VectorInput, options: Options, out: base_search_pb2.NearVector
) -> None:
    _certainty_distance(options, out)
    target_vector = options.pop("target_vector")
    _fill_targets(target_vector, out.targets)
    if _is_named(vector):
        if target_vector is None:
            out.targets.target_vectors.extend(vector)
        for name, each in vector.items():
            data, kind = _pack(each, f"near_vector[{name!r}]")
            out.vector_for_targets.add(name=name).vectors.add(vector_bytes=data, type=kind)
    else:
        data, kind = _pack(vector, "near_vector")
        out.vectors.add(vector_bytes=data, type=kind)


def _certainty_distance(options: Options, out: Any) -> None:
    certainty = options.pop("certainty")
    distance = options.pop("distance")
    if certainty is not None and distance is not None:
        raise WeaviateInvalidInputError("give certainty or distance, not both")
    if certainty is not None:
        out.certainty = certainty
    if distance is not None:
        out.distance = distance


def _fill_move(move: Move, out: base_search_pb2.NearTextSearch.Move) -> None:
    out.force = move.force
    out.concepts.extend(move.concept_list)
    out.uuids.extend(move.uuids)


def fill_near_text(
    query: str | Sequence[str], options: Options, out: base_search_pb2.NearTextSearch
) -> None:
    out.query.extend([query] if isinstance(query, str) else query)
    _certainty_distance(options, out)
    _fill_targets(options.pop("target_vector"), out.targets)
    move_to = options.pop("move_to")
    if move_to is not None:
        _fill_move(move_to, out.move_to)
    move_away = options.pop("move_away")
    if move_away is not None:
        _fill_move(move_away, out.move_away)


def fill_near_object(uuid: UUID | str, options: Options, out: base_search_pb2.NearObject) -> None:
    out.id = str(UUID(str(uuid)))
    _certainty_distance(options, out)
    _fill_targets(options.pop("target_vector"), out.targets)


def media_base64(media: EncodedMedia) -> str:
    if isinstance(media, bytes):
        return base64.b64encode(media).decode("ascii")
    return media


def fill_near_image(
    image: EncodedMedia, options: Options, out: base_search_pb2.NearImageSearch
) -> None:
    out.image = media_base64(image)
    _certainty_distance(options, out)
    _fill_targets(options.pop("target_vector"), out.targets)


def _fill_operator(
    operator: BM25Operator | None, out: base_search_pb2.SearchOperatorOptions
) -> None:
    if operator is None:
        return
    if operator.operator == "and":
        out.operator = base_search_pb2.SearchOperatorOptions.OPERATOR_AND
    else:
        out.operator = base_search_pb2.SearchOperatorOptions.OPERATOR_OR
        if operator.minimum_match is not None:
            out.minimum_or_tokens_match = operator.minimum_match


def fill_bm25(query: str, options: Options, out: base_search_pb2.BM25) -> None:
    out.query = query
    out.properties.extend(options.pop("query_properties", ()))
    operator = options.pop("operator")
    if operator is not None:
        _fill_operator(operator, out.search_operator)


_FUSION = {
    HybridFusion.RANKED: base_search_pb2.Hybrid.FUSION_TYPE_RANKED,
    HybridFusion.RELATIVE_SCORE: base_search_pb2.Hybrid.FUSION_TYPE_RELATIVE_SCORE,
}


def fill_hybrid(query: str | None, options: Options, out: base_search_pb2.Hybrid) -> None:
    if query is not None:
        out.query = query
    alpha = options.pop("alpha")
    if alpha is not None:
        if not 0 <= alpha <= 1:
            raise WeaviateInvalidInputError(f"alpha must be between 0 and 1, got {alpha!r}")
        out.alpha_param = alpha
        out.use_alpha_param = True
    out.properties.extend(options.pop("query_properties", ()))
    fusion = options.pop("fusion_type")
    if fusion is not None:
        out.fusion_type = _FUSION[HybridFusion(fusion)]
    distance = options.pop("max_vector_distance")
    if distance is not None:
        out.vector_distance = distance
    _fill_targets(options.pop("target_vector"), out.targets)
    vector = options.pop("vector")
    if vector is not None:
        if _is_named(vector):
            fill_near_vector(vector, Options({}), out.near_vector)
        else:
            data, kind = _pack(vector, "hybrid vector")
            out.vectors.add(vector_bytes=data, type=kind)
    operator = options.pop("bm25_operator")
    if operator is not None:
        _fill_operator(operator, out.bm25_search_operator)


# ---- operations ----

Fill = Callable[[Options, search_get_pb2.SearchRequest], None]


def prepare(
    target: Target,
    method: str,
    return_properties: ReturnProperties,
    options: Mapping[str, Any],
    fill: Fill | None,
) -> tuple[search_get_pb2.SearchRequest, Returns]:
    """The request of one search, and how its reply is to be decoded."""
    opts = Options(options)
    message, returns = build(target, return_properties, opts)
    if fill is not None:
        fill(opts, message)
    opts.done(method)
    return message, returns


def query(
    target: Target,
    method: str,
    return_properties: ReturnProperties,
    options: Mapping[str, Any],
    fill: Fill | None = None,
) -> Op[QueryReturn[Any, Any]]:
    """Build, send and decode one search; `fill` adds the search operator."""
    message, returns = prepare(target, method, return_properties, options, fill)
    if message.HasField("generative"):
        raise WeaviateInvalidInputError(f"{method}(): use collection.generate for prompts")
    reply = yield from grpc(SERVICE, "Search", message, search_get_pb2.SearchReply)
    return parse_reply(reply, returns, target.collection)


def generate(
    target: Target,
    method: str,
    return_properties: ReturnProperties,
    options: Mapping[str, Any],
    fill: Fill | None = None,
) -> Op[GenerativeReturn[Any, Any]]:
    """Like `query`, with `single_prompt` / `grouped_task` generation."""
    message, returns = prepare(target, method, return_properties, options, fill)
    if not message.HasField("generative"):
        raise WeaviateInvalidInputError(f"{method}(): give single_prompt or grouped_task")
    reply = yield from grpc(SERVICE, "Search", message, search_get_pb2.SearchReply)
    single = message.generative.HasField("single")
    return parse_generative_reply(reply, returns, target.collection, single)


def by_id(
    target: Target,
    uuid: UUID | str,
    return_properties: ReturnProperties,
    options: Mapping[str, Any],
) -> Op[Object[Any, Any] | None]:
    """The object with `uuid`, or None."""
    ident = UUID(str(uuid))
    found = yield from query(
        target,
        "fetch_object_by_id",
        return_properties,
        {**options, "filters": Filter.by_id().equal(ident), "limit": 1},
    )
    return found.objects[0] if found.objects else None


def ids_filter(ids: Sequence[UUID | str]) -> FilterExpression:
    if isinstance(ids, (str, UUID)) or not ids:
        raise WeaviateInvalidInputError("fetch_objects_by_ids needs a non-empty list of uuids")
    return Filter.by_id().contains_any([UUID(str(i)) for i in ids])


def near_vector(vector: VectorInput) -> Fill:
    return lambda opts, m: fill_near_vector(vector, opts, m.near_vector)


def near_text(query_text: str | Sequence[str]) -> Fill:
    return lambda opts, m: fill_near_text(query_text, opts, m.near_text)


def near_object(uuid: UUID | str) -> Fill:
    return lambda opts, m: fill_near_object(uuid, opts, m.near_object)


def near_image(image: EncodedMedia) -> Fill:
    return lambda opts, m: fill_near_image(image, opts, m.near_image)


def near_media(media: EncodedMedia, kind: NearMediaType) -> Fill:
    """A search near a piece of media of `kind` (its `near_<kind>` request field)."""
    kind = NearMediaType(kind)

    def fill(options: Options, request: search_get_pb2.SearchRequest) -> None:
        out = getattr(request, f"near_{kind.value}")
        setattr(out, kind.value, media_base64(media))
        _certainty_distance(options, out)
        _fill_targets(options.pop("target_vector"), out.targets)

    return fill


def bm25(query_text: str) -> Fill:
    return lambda opts, m: fill_bm25(query_text, opts, m.bm25_search)


def hybrid(query_text: str | None) -> Fill:
    return lambda opts, m: fill_hybrid(query_text, opts, m.hybrid_search)
