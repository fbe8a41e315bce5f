"""The create-collection payload, and bad input refused before the network."""

from __future__ import annotations

import pytest

from wvorm_core._ops.schema import create_body
from wvorm_core.classes.config import (
    Configure,
    DataType,
    Property,
    ReferenceProperty,
    Tokenization,
    VectorDistances,
)
from wvorm_core.exceptions import WeaviateInvalidInputError


def test_payload() -> None:
    body = create_body(
        "question",
        description="trivia",
        properties=[
            Property(name="text", data_type=DataType.TEXT, tokenization=Tokenization.FIELD),
            Property(name="secret", data_type=DataType.TEXT, skip_vectorization=True),
        ],
        references=[ReferenceProperty(name="author", target_collection="person")],
        vector_config=Configure.Vectors.text2vec_transformers(
            source_properties=["text"],
            vector_index_config=Configure.VectorIndex.hnsw(
                distance_metric=VectorDistances.DOT, ef=64
            ),
        ),
    )
    assert body == {
        "class": "Question",
        "description": "trivia",
        "properties": [
            {"name": "text", "dataType": ["text"], "tokenization": "field"},
            {
                "name": "secret",
                "dataType": ["text"],
                "moduleConfig": {
                    "text2vec-transformers": {"skip": True, "vectorizePropertyName": True}
                },
            },
            {"name": "author", "dataType": ["Person"]},
        ],
        "vectorConfig": {
            "default": {
                "vectorizer": {
                    "text2vec-transformers": {"vectorizeClassName": True, "properties": ["text"]}
                },
                "vectorIndexType": "hnsw",
                "vectorIndexConfig": {"distance": "dot", "ef": 64},
            }
        },
    }


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"name": "1abc"}, "invalid collection name '1abc'"),
        ({"name": "has space"}, "invalid collection name"),
        (
            {"name": "A", "properties": [Property(name="x", data_type=DataType.INT)] * 2},
            r"duplicate property names \['x'\]",
        ),
        (
            {
                "name": "A",
                "vector_config": Configure.Vectors.text2vec_transformers(
                    source_properties=["nope"]
                ),
            },
            r"source properties \['nope'\] are not properties",
        ),
        (
            {
                "name": "A",
                "vector_config": [
                    Configure.Vectors.self_provided(),
                    Configure.Vectors.self_provided(),
                ],
            },
            "duplicate vector names",
        ),
    ],
)
def test_bad_input(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(WeaviateInvalidInputError, match=message):
        create_body(**kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: Property(name="9x", data_type=DataType.TEXT), "invalid property name '9x'"),
        (lambda: Property(name="x", data_type="text"), "data_type must be a DataType"),  # type: ignore[arg-type]
        (lambda: Property(name="x", data_type=DataType.OBJECT), "needs nested_properties"),
        (
            lambda: Property(name="x", data_type=DataType.INT, tokenization=Tokenization.WORD),
            "tokenization applies to text",
        ),
        (
            lambda: Property(
                name="x",
                data_type=DataType.TEXT,
                nested_properties=[Property(name="y", data_type=DataType.INT)],
            ),
            "nested_properties need",
        ),
    ],
)
def test_bad_properties(make: object, message: str) -> None:
    with pytest.raises(WeaviateInvalidInputError, match=message):
        make()  # type: ignore[operator]
