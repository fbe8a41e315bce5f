"""`collection.generate` against the real server, through the `generative-dummy` module."""

from __future__ import annotations

from collections.abc import Iterator
from uuid import UUID

import pytest

import wvorm_core
from wvorm_core.classes.data import DataObject
from wvorm_core.classes.query import GroupBy
from wvorm_core.collections import Collection
from wvorm_core.embedded import EmbeddedServer
from wvorm_core.exceptions import WeaviateInvalidInputError

from .test_query import _property, _unique, create_schema

ROWS = [
    {"title": "dogs bark", "kind": "animal"},
    {"title": "cats purr", "kind": "animal"},
    {"title": "stars shine", "kind": "space"},
]
IDS = [UUID(int=100 + i) for i in range(len(ROWS))]


@pytest.fixture(scope="module")
def stories(client: wvorm_core.WeaviateClient, server: EmbeddedServer) -> Iterator[Collection]:
    name = _unique("Stories")
    create_schema(
        server,
        {
            "class": name,
            "properties": [_property("title", "text"), _property("kind", "text")],
            "vectorConfig": {
                "default": {
                    "vectorizer": {"text2vec-transformers": {"properties": ["title"]}},
                    "vectorIndexType": "hnsw",
                }
            },
            "moduleConfig": {"generative-dummy": {}},
        },
    )
    col = client.collections.use(name)
    rows = [DataObject(r, uuid=i) for r, i in zip(ROWS, IDS, strict=True)]
    assert not col.data.insert_many(rows).errors
    yield col
    client.collections.delete(name)


def test_single_prompt_fills_each_object(stories: Collection) -> None:
    res = stories.generate.fetch_objects(single_prompt="Describe {title}")
    assert sorted(o.uuid for o in res.objects) == IDS
    for obj in res.objects:
        assert obj.generated is not None
        assert f"Describe {obj.properties['title']}" in obj.generated
    assert res.generated is None


def test_grouped_task_over_all_results(stories: Collection) -> None:
    res = stories.generate.near_text(
        "dogs", limit=2, grouped_task="Summarize", grouped_properties=["title"]
    )
    assert res.generated is not None
    assert "Summarize" in res.generated
    assert all(o.generated is None for o in res.objects)
    both = stories.generate.bm25("stars", single_prompt="Say {kind}", grouped_task="All")
    assert both.objects[0].generated is not None
    assert "Say space" in both.objects[0].generated
    assert both.generated is not None


def test_every_search_kind_generates(stories: Collection) -> None:
    gen = stories.generate
    prompt = "Echo {title}"
    results = [
        gen.near_vector(
            stories.query.fetch_object_by_id(IDS[0], include_vector=True).vector["default"],
            limit=1,
            single_prompt=prompt,
        ),  # type: ignore[union-attr]
        gen.near_object(IDS[0], limit=1, single_prompt=prompt),
        gen.hybrid("dogs bark", limit=1, single_prompt=prompt),
        gen.bm25("dogs", single_prompt=prompt),
    ]
    for res in results:
        assert res.objects[0].uuid == IDS[0]
        assert "Echo dogs bark" in (res.objects[0].generated or "")


def test_grouped_search_generates_per_group(stories: Collection) -> None:
    res = stories.generate.near_text(
        "animal", group_by=GroupBy("kind", 2, 3), grouped_task="Sum up"
    )
    assert set(res.groups) == {"animal", "space"}
    assert len(res.groups["animal"].objects) == 2
    assert res.generated is not None
    assert "Sum up" in res.generated
    assert {o.belongs_to_group for o in res.objects} == {"animal", "space"}


def test_generate_needs_a_prompt(stories: Collection) -> None:
    with pytest.raises(WeaviateInvalidInputError, match="single_prompt or grouped_task"):
        stories.generate.fetch_objects()
    with pytest.raises(WeaviateInvalidInputError, match="grouped_properties needs"):
        stories.generate.fetch_objects(single_prompt="x", grouped_properties=["title"])


async def test_async_generate(
    async_client: wvorm_core.WeaviateAsyncClient, stories: Collection
) -> None:
    col = async_client.collections.use(stories.name)
    res = await col.generate.near_text("cats", limit=1, single_prompt="About {title}")
    assert res.objects[0].uuid == IDS[1]
    assert "About cats purr" in (res.objects[0].generated or "")
