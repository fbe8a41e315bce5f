"""Search requests and reply parsing, without a server: ops are driven by hand."""

from __future__ import annotations

import struct
from collections.abc import Mapping
from typing import Any, TypedDict
from uuid import UUID

import numpy as np
import pytest
from pydantic import BaseModel

from wvorm_core._ops import search
from wvorm_core._ops.calls import GrpcRequest
from wvorm_core.classes.config import ConsistencyLevel
from wvorm_core.classes.query import (
    BM25Operator,
    Filter,
    GroupBy,
    HybridFusion,
    MetadataQuery,
    Move,
    QueryNested,
    QueryReference,
    Rerank,
    Sort,
    TargetVectors,
)
from wvorm_core.exceptions import WeaviateInvalidInputError
from wvorm_core.outputs import GenerativeObject, Object
from wvorm_core.proto.v1 import base_pb2, base_search_pb2, search_get_pb2

TARGET = search.Target("Things", tenant="t1", consistency_level=ConsistencyLevel.QUORUM)
U = UUID("12345678-1234-5678-1234-567812345678")


def sent(
    op: Any,
    reply: search_get_pb2.SearchReply | None = None,
) -> tuple[search_get_pb2.SearchRequest, Any]:
    """The request an op sends, and what it returns for `reply`."""
    call = next(op)
    assert isinstance(call, GrpcRequest)
    assert call.method == "/weaviate.v1.Weaviate/Search"
    request = call.request
    assert isinstance(request, search_get_pb2.SearchRequest)
    with pytest.raises(StopIteration) as done:
        op.send(reply or search_get_pb2.SearchReply())
    return request, done.value.value


def request_of(fill: search.Fill | None = None, props: Any = None, **options: Any) -> Any:
    return sent(search.query(TARGET, "test", props, options, fill))[0]


def test_shared_options() -> None:
    r = request_of(
        limit=5,
        offset=2,
        auto_limit=1,
        after=U,
        filters=Filter.by_property("a").equal(1),
        sort=Sort.by_property("a").then_by_property("b", ascending=False),
        group_by=GroupBy("a", 3, 4),
        rerank=Rerank("body", "q"),
        return_metadata=["distance", "score"],
        include_vector=["v1"],
    )
    assert (r.collection, r.tenant, r.uses_127_api) == ("Things", "t1", True)
    assert r.consistency_level == base_pb2.CONSISTENCY_LEVEL_QUORUM
    assert (r.limit, r.offset, r.autocut, r.after) == (5, 2, 1, str(U))
    assert r.filters.target.property == "a"
    assert [(list(s.path), s.ascending) for s in r.sort_by] == [(["a"], True), (["b"], False)]
    assert (list(r.group_by.path), r.group_by.number_of_groups, r.group_by.objects_per_group) == (
        ["a"],
        3,
        4,
    )
    assert (r.rerank.property, r.rerank.query) == ("body", "q")
    m = r.metadata
    assert (m.uuid, m.distance, m.score, m.certainty, m.vector) == (True, True, True, False, False)
    assert list(m.vectors) == ["v1"]
    assert r.properties.return_all_nonref_properties


def test_properties_requests() -> None:
    names = request_of(props=["a", QueryNested("obj", ["x", QueryNested("deep", "y")])])
    assert list(names.properties.non_ref_properties) == ["a"]
    nested = names.properties.object_properties[0]
    assert (nested.prop_name, list(nested.primitive_properties)) == ("obj", ["x"])
    assert nested.object_properties[0].prop_name == "deep"
    assert list(nested.object_properties[0].primitive_properties) == ["y"]

    class Inner(BaseModel):
        k: int

    class Model(BaseModel):
        title: str
        inner: list[Inner] | None = None

    typed = request_of(props=Model)
    assert list(typed.properties.non_ref_properties) == ["title"]
    assert typed.properties.object_properties[0].prop_name == "inner"
    assert list(typed.properties.object_properties[0].primitive_properties) == ["k"]
    assert not typed.properties.return_all_nonref_properties


def test_references_request() -> None:
    r = request_of(
        return_references=QueryReference.MultiTarget(
            "holds",
            "Book",
            return_properties=["title"],
            include_vector=True,
            return_metadata=MetadataQuery(creation_time=True),
            return_references=QueryReference("by", return_properties="name"),
        )
    )
    ref = r.properties.ref_properties[0]
    assert (ref.reference_property, ref.target_collection) == ("holds", "Book")
    assert list(ref.properties.non_ref_properties) == ["title"]
    assert (ref.metadata.vector, ref.metadata.creation_time_unix, ref.metadata.uuid) == (
        True,
        True,
        True,
    )
    inner = ref.properties.ref_properties[0]
    assert (inner.reference_property, list(inner.properties.non_ref_properties)) == ("by", ["name"])


def test_near_vector_forms() -> None:
    single = request_of(search.near_vector([1.0, 2.0]), target_vector="v").near_vector
    assert single.vectors[0].vector_bytes == struct.pack("<2f", 1.0, 2.0)
    assert single.vectors[0].type == base_pb2.Vectors.VECTOR_TYPE_SINGLE_FP32
    assert list(single.targets.target_vectors) == ["v"]
    multi = request_of(search.near_vector([[1.0, 2.0], [3.0, 4.0]])).near_vector.vectors[0]
    assert multi.type == base_pb2.Vectors.VECTOR_TYPE_MULTI_FP32
    assert multi.vector_bytes == struct.pack("<H4f", 2, 1.0, 2.0, 3.0, 4.0)
    as_numpy = request_of(search.near_vector(np.array([1.0, 2.0]))).near_vector.vectors[0]
    assert as_numpy.vector_bytes == struct.pack("<2f", 1.0, 2.0)
    named = request_of(
        search.near_vector({"a": [1.0], "b": [[1.0], [2.0]]}),
        target_vector=TargetVectors.manual_weights({"a": 0.25, "b": 0.75}),
        certainty=0.5,
    ).near_vector
    assert [t.name for t in named.vector_for_targets] == ["a", "b"]
    assert named.vector_for_targets[1].vectors[0].type == base_pb2.Vectors.VECTOR_TYPE_MULTI_FP32
    assert named.targets.combination == base_search_pb2.COMBINATION_METHOD_TYPE_MANUAL
    assert [(w.target, w.weight) for w in named.targets.weights_for_targets] == [
        ("a", 0.25),
        ("b", 0.75),
    ]
    assert named.certainty == 0.5
    implicit = request_of(search.near_vector({"a": [1.0]})).near_vector
    assert list(implicit.targets.target_vectors) == ["a"]


def test_text_object_image_keyword_and_hybrid() -> None:
    text = request_of(
        search.near_text(["a", "b"]),
        distance=0.3,
        move_to=Move(0.5, concepts="up"),
        move_away=Move(0.2, objects=[U]),
        target_vector=["x", "y"],
    ).near_text
    assert (list(text.query), text.distance) == (["a", "b"], pytest.approx(0.3))
    assert (text.move_to.force, list(text.move_to.concepts)) == (0.5, ["up"])
    assert list(text.move_away.uuids) == [str(U)]
    assert list(text.targets.target_vectors) == ["x", "y"]
    assert request_of(search.near_object(str(U))).near_object.id == str(U)
    assert request_of(search.near_image(b"\x01\x02")).near_image.image == "AQI="
    bm25 = request_of(
        search.bm25("q"), query_properties=["t^2"], operator=BM25Operator.or_(2)
    ).bm25_search
    assert (bm25.query, list(bm25.properties)) == ("q", ["t^2"])
    assert bm25.search_operator.operator == base_search_pb2.SearchOperatorOptions.OPERATOR_OR
    assert bm25.search_operator.minimum_or_tokens_match == 2
    hybrid = request_of(
        search.hybrid("q"),
        alpha=0.25,
        fusion_type=HybridFusion.RELATIVE_SCORE,
        max_vector_distance=0.4,
        vector=[1.0],
        bm25_operator=BM25Operator.and_(),
    ).hybrid_search
    assert (hybrid.alpha_param, hybrid.use_alpha_param) == (0.25, True)
    assert hybrid.fusion_type == base_search_pb2.Hybrid.FUSION_TYPE_RELATIVE_SCORE
    assert hybrid.vector_distance == pytest.approx(0.4)
    assert hybrid.vectors[0].vector_bytes == struct.pack("<f", 1.0)
    assert hybrid.bm25_search_operator.operator == (
        base_search_pb2.SearchOperatorOptions.OPERATOR_AND
    )


@pytest.mark.parametrize(
    ("fill", "options", "message"),
    [
        (None, {"limt": 1}, "unexpected arguments: limt"),
        (None, {"limit": -1}, "non-negative"),
        (search.near_vector([1.0]), {"certainty": 0.1, "distance": 0.1}, "not both"),
        (search.near_vector([]), {}, "vector must be"),
        (search.near_vector([[1.0], [1.0, 2.0]]), {}, "equal-length"),
        (search.hybrid("x"), {"alpha": 2}, "alpha"),
        (None, {"return_metadata": ["nope"]}, "unknown metadata"),
        (None, {"return_references": ["x"]}, "QueryReference"),
        (None, {"single_prompt": "p"}, "collection.generate"),
    ],
)
def test_bad_input_fails_before_sending(
    fill: search.Fill | None, options: dict[str, Any], message: str
) -> None:
    with pytest.raises(WeaviateInvalidInputError, match=message):
        next(search.query(TARGET, "test", None, options, fill))


def _result(uid: UUID, **props: Any) -> search_get_pb2.SearchResult:
    result = search_get_pb2.SearchResult()
    result.metadata.id_as_bytes = uid.bytes
    for name, value in props.items():
        field = result.properties.non_ref_props.fields[name]
        if isinstance(value, str):
            field.text_value = value
        else:
            field.int_value = value
    return result


def test_reply_parsing() -> None:
    reply = search_get_pb2.SearchReply()
    first = reply.results.add()
    first.CopyFrom(_result(U, title="a", n=3))
    m = first.metadata
    m.distance, m.distance_present = 0.5, True
    m.creation_time_unix, m.creation_time_unix_present = 1_700_000_000_123, True
    m.vectors.add(name="default", vector_bytes=struct.pack("<2f", 1.0, 2.0))
    m.vectors.add(
        name="colbert",
        vector_bytes=struct.pack("<H4f", 2, 1.0, 2.0, 3.0, 4.0),
        type=base_pb2.Vectors.VECTOR_TYPE_MULTI_FP32,
    )
    ref = first.properties.ref_props.add(prop_name="author")
    target = ref.properties.add(target_collection="People")
    target.metadata.id_as_bytes = UUID(int=9).bytes
    target.non_ref_props.fields["name"].text_value = "Ann"
    _, result = sent(
        search.query(
            search.Target("Things"),
            "test",
            None,
            {
                "return_metadata": ["distance", "creation_time"],
                "include_vector": True,
                "return_references": QueryReference("author"),
            },
        ),
        reply,
    )
    obj = result.objects[0]
    assert isinstance(obj, Object)
    assert (obj.uuid, obj.properties, obj.collection) == (U, {"title": "a", "n": 3}, "Things")
    assert hash(obj.uuid) == hash(U)
    assert obj.metadata.distance == 0.5
    assert obj.metadata.creation_time is not None
    assert obj.metadata.creation_time.timestamp() == pytest.approx(1_700_000_000.123)
    assert list(obj.vector["default"]) == [1.0, 2.0]
    assert [list(r) for r in obj.multi_vector["colbert"]] == [[1.0, 2.0], [3.0, 4.0]]
    author = obj.references["author"].objects[0]
    assert (author.uuid, author.properties, author.collection) == (
        UUID(int=9),
        {"name": "Ann"},
        "People",
    )


def test_grouped_and_generative_replies() -> None:
    reply = search_get_pb2.SearchReply()
    group = reply.group_by_results.add(name="g1", min_distance=0.1, max_distance=0.2)
    group.number_of_objects = 1
    group.objects.add().CopyFrom(_result(U, title="x"))
    group.objects[0].generative.values.add(result="per object")
    reply.generative_grouped_results.values.add(result="all")
    message, returns = search.prepare(
        search.Target("T"), "t", None, {"single_prompt": "p", "grouped_task": "t"}, None
    )
    assert message.generative.single.prompt == "p"
    assert message.generative.grouped.task == "t"
    parsed = search.parse_generative_reply(reply, returns, "T", single_prompt=True)
    assert parsed.generated == "all"
    only = parsed.objects[0]
    assert isinstance(only, GenerativeObject)
    assert (only.generated, only.belongs_to_group) == ("per object", "g1")
    assert parsed.groups["g1"].objects[0] is only
    grouped_only = search.parse_generative_reply(reply, returns, "T", single_prompt=False)
    assert grouped_only.objects[0].generated is None


def test_model_decoders_build_the_users_type() -> None:
    class Props(TypedDict):
        title: str
        n: int

    class Model(BaseModel):
        title: str
        n: int
        extra: str = "default"

    reply = search_get_pb2.SearchReply()
    reply.results.add().CopyFrom(_result(U, title="a", n=3))
    typed = search.parse_reply(reply, returns_for(Props), "T").objects[0].properties
    assert typed == {"title": "a", "n": 3}
    built = search.parse_reply(reply, returns_for(Model), "T").objects[0].properties
    assert isinstance(built, Model)
    assert (built.title, built.n, built.extra) == ("a", 3, "default")
    assert built == Model(title="a", n=3)
    checked = search.parse_reply(reply, returns_for(Model, validate=True), "T")
    assert checked.objects[0].properties == built

    class Strict(BaseModel):
        title: int

    bad = search_get_pb2.SearchReply()
    bad.results.add().CopyFrom(_result(U, title="not a number"))
    with pytest.raises(ValueError, match="title"):
        search.parse_reply(bad, returns_for(Strict, validate=True), "T")


def returns_for(model: type[Any], validate: bool = False) -> search.Returns:
    options: Mapping[str, Any] = {"validate": validate}
    return search.prepare(search.Target("T"), "t", model, options, None)[1]


def test_filters_for_ids() -> None:
    request = request_of(filters=search.ids_filter([U, str(UUID(int=1))]))
    assert list(request.filters.value_text_array.values) == [str(U), str(UUID(int=1))]
    with pytest.raises(WeaviateInvalidInputError):
        search.ids_filter([])


def test_nested_models_are_built_from_object_properties() -> None:
    class Part(BaseModel):
        name: str

    class Whole(BaseModel):
        main: Part
        parts: list[Part]

    class WholeDict(TypedDict):
        main: dict[str, object]

    reply = search_get_pb2.SearchReply()
    fields = reply.results.add().properties.non_ref_props.fields
    reply.results[0].metadata.id_as_bytes = U.bytes
    fields["main"].object_value.fields["name"].text_value = "m"
    for name in ("p1", "p2"):
        part = fields["parts"].list_value.object_values.values.add()
        part.fields["name"].text_value = name
    for validate in (False, True):
        whole = search.parse_reply(reply, returns_for(Whole, validate), "T").objects[0].properties
        assert whole == Whole(main=Part(name="m"), parts=[Part(name="p1"), Part(name="p2")])
        assert isinstance(whole.parts[0], Part)
    as_dict = search.parse_reply(reply, returns_for(WholeDict), "T").objects[0].properties
    assert as_dict == {"main": {"name": "m"}}
