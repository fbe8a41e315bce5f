"""Model classes become collection definitions; bad declarations fail at class definition."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from uuid import UUID

import pytest
from pydantic import BaseModel

from wvorm import Field, ModelDefinitionError, Prop, Ref, WvModel, info_of
from wvorm._mapping import builder, stored_fields, to_properties, to_references
from wvorm_core.classes.config import Configure, DataType, Tokenization, collection_schema
from wvorm_core.classes.data import GeoCoordinate, PhoneNumber


class Address(BaseModel):
    city: str
    zip_code: Annotated[int | None, Field(name="zip")] = None


class Author(WvModel):
    """People who write questions."""

    name: Prop[str]


class Question(
    WvModel,
    collection="Trivia",
    vectors=Configure.Vectors.text2vec_transformers(source_properties=["question"]),
    uuid_from=["question"],
):
    question: Prop[str]
    answer: Annotated[Prop[str], Field(tokenization=Tokenization.FIELD, skip_vectorization=True)]
    category: Prop[str | None] = Field(default=None)
    points: Prop[int] = Field(default=0)
    ratio: Prop[float] = Field(default=0.5)
    done: Prop[bool] = Field(default=False)
    tags: Prop[list[str]] = Field(default_factory=list)
    scores: Prop[list[int]] = Field(default_factory=list)
    asked: Prop[datetime | None] = Field(default=None)
    ref_id: Prop[UUID | None] = Field(default=None)
    blob: Prop[bytes | None] = Field(default=None)
    where: Prop[GeoCoordinate | None] = Field(default=None)
    phone: Prop[PhoneNumber | None] = Field(default=None)
    address: Prop[Address | None] = Field(default=None)
    history: Prop[list[Address]] = Field(default_factory=list)
    author: Ref[Author] = Field(default=None)


def test_collection_definition() -> None:
    info = info_of(Question)
    assert info.collection == "Trivia"
    assert info_of(Author).settings.description == "People who write questions."
    body = collection_schema(**info.create_arguments())
    types = {p["name"]: p["dataType"] for p in body["properties"]}  # type: ignore[attr-defined]
    assert types == {
        "question": [DataType.TEXT.value],
        "answer": ["text"],
        "category": ["text"],
        "points": ["int"],
        "ratio": ["number"],
        "done": ["boolean"],
        "tags": ["text[]"],
        "scores": ["int[]"],
        "asked": ["date"],
        "ref_id": ["uuid"],
        "blob": ["blob"],
        "where": ["geoCoordinates"],
        "phone": ["phoneNumber"],
        "address": ["object"],
        "history": ["object[]"],
        "author": ["Author"],
    }
    answer = next(p for p in body["properties"] if p["name"] == "answer")  # type: ignore[attr-defined]
    assert answer["tokenization"] == "field"
    assert answer["moduleConfig"] == {
        "text2vec-transformers": {"skip": True, "vectorizePropertyName": True}
    }
    address = next(p for p in body["properties"] if p["name"] == "address")  # type: ignore[attr-defined]
    assert address["nestedProperties"] == [
        {"name": "city", "dataType": ["text"]},
        {"name": "zip", "dataType": ["int"]},
    ]
    assert body["vectorConfig"]["default"]["vectorizer"] == {  # type: ignore[index]
        "text2vec-transformers": {"vectorizeClassName": True, "properties": ["question"]}
    }


def test_values_round_trip_through_the_mapping() -> None:
    author = Author(name="Ann")
    q = Question(
        question="q?", answer="a", address=Address(city="Delft", zip_code=2611), author=author
    )
    props = to_properties(q)
    assert props["address"] == {"city": "Delft", "zip": 2611}
    assert "author" not in props
    assert to_references(q) == {"author": author.uuid}
    back = builder(Question, stored_fields(Question))(q.uuid, props, None)
    assert back.address == Address(city="Delft", zip_code=2611)
    assert back.uuid == q.uuid
    assert back.author is None


def test_uuid_from_fields_is_deterministic() -> None:
    a = Question(question="same", answer="x")
    b = Question(question="same", answer="y")
    assert a.uuid == b.uuid
    assert Question(question="other", answer="x").uuid != a.uuid
    assert Author(name="n").uuid != Author(name="n").uuid  # random when not derived


@pytest.mark.parametrize(
    ("annotation", "message"),
    [
        (dict[str, int], r"Bad\.field: Weaviate cannot store dict\[str, int\]"),
        (set[str], r"Bad\.field: Weaviate cannot store"),
        (list[list[int]], r"Bad\.field: Weaviate has no array of int\[\]"),
        (complex, r"Bad\.field: Weaviate cannot store <class 'complex'>"),
        (Author, r"Bad\.field: Author is a collection model; use Ref\[Author\]"),
    ],
)
def test_unstorable_types_fail_at_class_definition(annotation: object, message: str) -> None:
    with pytest.raises(ModelDefinitionError, match=message):
        type(WvModel)("Bad", (WvModel,), {"__annotations__": {"field": annotation}})


def test_reserved_and_invalid_names() -> None:
    with pytest.raises(ModelDefinitionError, match="'id' is reserved"):
        type(WvModel)("Bad", (WvModel,), {"__annotations__": {"id": str}})
    with pytest.raises(ModelDefinitionError, match="invalid collection name"):
        type(WvModel)("Bad", (WvModel,), {"__annotations__": {"x": str}}, collection="9x")
    with pytest.raises(ModelDefinitionError, match=r"uuid_from names unknown fields \['nope'\]"):
        type(WvModel)("Bad", (WvModel,), {"__annotations__": {"x": str}}, uuid_from=["nope"])
    with pytest.raises(ModelDefinitionError, match="Ref"):
        type(WvModel)("Bad", (WvModel,), {"__annotations__": {"x": Ref[int]}})


def test_vectorizer_source_properties_are_checked() -> None:
    vectors = Configure.Vectors.text2vec_transformers(source_properties=["title", "points"])
    with pytest.raises(
        ModelDefinitionError, match=r"Bad: vector 'default' vectorizes \['points'\]"
    ):
        type(WvModel)(
            "Bad", (WvModel,), {"__annotations__": {"title": str, "points": int}}, vectors=vectors
        )
    with pytest.raises(ModelDefinitionError, match=r"vectors takes Configure\.Vectors"):
        type(WvModel)("Bad", (WvModel,), {"__annotations__": {"x": str}}, vectors="bigram")


def test_class_keywords_are_checked_at_definition() -> None:
    def define(**keywords: object) -> None:
        type(WvModel)("Bad", (WvModel,), {"__annotations__": {"x": str}}, **keywords)

    with pytest.raises(ModelDefinitionError, match=r"unknown class keywords \['colection'\]"):
        define(colection="X")
    with pytest.raises(ModelDefinitionError, match="generative= takes a GenerativeProvider"):
        define(generative=Configure.Reranker.dummy())
    with pytest.raises(
        ModelDefinitionError, match="multi_tenancy= takes a MultiTenancyConfigCreate"
    ):
        define(multi_tenancy=True)
    define(frozen=True, multi_tenancy=Configure.multi_tenancy(enabled=True))  # pydantic config ok


def test_field_expressions_compile_to_filters() -> None:
    cond = (Question.points >= 200) & ~Question.tags.contains_any(["x"]) | (
        Question.author.name == "Ann"
    )
    assert "greater_or_equal" in repr(cond)
    assert repr(Question.author.name) == "FieldExpr(author.name)"
    assert repr(Question.category == None) == repr(Question.category.is_none())  # noqa: E711
    with pytest.raises(TypeError, match="no truth value"):
        bool(Question.points > 3)
    with pytest.raises(AttributeError, match="Author has no field 'nope'"):
        _ = Question.author.nope  # type: ignore[attr-defined]
