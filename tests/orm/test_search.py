"""Every search kind through the ORM, with references loaded in the same round trip."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from pydantic import BaseModel

import wvorm_core
from wvorm import AsyncDatabase, Database, Field, Prop, Ref, Repository, WvModel, desc
from wvorm_core.classes.config import Configure
from wvorm_core.testing import vectorize

SUFFIX = uuid.uuid4().hex[:8]


class Writer(WvModel, collection=f"OrmWriter_{SUFFIX}", uuid_from=["name"]):
    name: Prop[str]


class Editor(WvModel, collection=f"OrmEditor_{SUFFIX}", uuid_from=["name"]):
    name: Prop[str]
    desk: Prop[str] = Field(default="news")


class Story(
    WvModel,
    collection=f"OrmStory_{SUFFIX}",
    vectors=Configure.Vectors.text2vec_transformers(source_properties=["title"]),
    generative=Configure.Generative.dummy(),
    multi_tenancy=None,
    uuid_from=["title"],
):
    title: Prop[str]
    section: Prop[str]
    words: Prop[int] = Field(default=0)
    writer: Ref[Writer] = Field(default=None)
    checked_by: Ref[Writer | Editor] = Field(default=None)


ANN = Writer(name="Ann")
BOB = Editor(name="Bob", desk="science")
STORIES = [
    Story(title="dogs bark at the moon", section="pets", words=300, writer=ANN, checked_by=BOB),
    Story(title="a dog learns to surf", section="pets", words=500, writer=ANN, checked_by=ANN),
    Story(title="quantum physics for cats", section="science", words=900),
    Story(title="the physics of surfing", section="science", words=700, writer=ANN),
]


@pytest.fixture(scope="module")
def stories(client: wvorm_core.WeaviateClient) -> Iterator[Repository[Story]]:
    db = Database(client)
    db.create_all([Story])
    db.repo(Writer).insert(ANN)
    db.repo(Editor).insert(BOB)
    result = db.repo(Story).insert_many(STORIES)
    assert result.ok, result.failures
    yield db.repo(Story)
    db.drop_all([Story])


def test_references_load_in_the_same_query(stories: Repository[Story]) -> None:
    first = stories.get(STORIES[0].uuid)
    assert first is not None
    assert first.writer == ANN
    assert first.checked_by == BOB  # multi-target: built as the right model
    assert isinstance(first.checked_by, Editor)
    second = stories.get(STORIES[1].uuid)
    assert second is not None
    assert isinstance(second.checked_by, Writer)
    lonely = stories.get(STORIES[2].uuid)
    assert lonely is not None
    assert lonely.writer is None


def test_filter_through_a_reference(stories: Repository[Story]) -> None:
    hits = stories.find(Story.writer.name == "Ann", order_by=[])
    assert {h.obj.title for h in hits} == {STORIES[0].title, STORIES[1].title, STORIES[3].title}


def test_keyword_vector_and_hybrid_searches(stories: Repository[Story]) -> None:
    bm25 = stories.bm25("physics", query_properties=[Story.title])
    assert {h.obj.title for h in bm25} == {STORIES[2].title, STORIES[3].title}
    assert all(h.metadata.score is not None for h in bm25)

    near = stories.near_vector(vectorize("dog surfing"), limit=1)
    assert near[0].obj.title == "a dog learns to surf"
    assert near[0].metadata.distance is not None

    similar = stories.near_object(STORIES[0], limit=2)
    assert similar[0].uuid == STORIES[0].uuid  # an object is nearest to itself
    assert len(similar) == 2

    mixed = stories.hybrid("physics surfing", alpha=0.5, limit=1)
    assert mixed[0].obj.title == "the physics of surfing"

    filtered = stories.near_text("physics", where=Story.words < 800, limit=5)
    assert STORIES[2].title not in {h.obj.title for h in filtered}


def test_group_by(stories: Repository[Story]) -> None:
    groups = stories.group_by(Story.section, number_of_groups=2, objects_per_group=5).near_text(
        "animals", limit=10
    )
    assert {g.value: len(g.hits) for g in groups} == {"pets": 2, "science": 2}
    assert all(isinstance(h.obj, Story) for g in groups for h in g.hits)
    with pytest.raises(wvorm_core.exceptions.WeaviateInvalidInputError, match="find"):
        stories.group_by(Story.section, number_of_groups=1, objects_per_group=1).find()


def test_generate(stories: Repository[Story]) -> None:
    generated = stories.generate(
        single_prompt="Summarise {title}", grouped_task="What do these share?"
    ).near_text("dog", limit=2)
    assert len(generated.hits) == 2
    assert generated.generated is not None
    assert "What do these share?" in generated.generated
    assert all(h.generated is not None and h.obj.title in h.generated for h in generated.hits)


def test_count(stories: Repository[Story]) -> None:
    assert stories.count() == 4
    assert stories.count(Story.section == "pets") == 2
    assert stories.count(Story.words > 10_000) == 0


def test_aggregate(stories: Repository[Story]) -> None:
    words = Story.words.metrics.integer(mean=True, maximum=True)
    overall = stories.aggregate(words, where=Story.section == "pets")
    assert overall.total_count == 2
    assert overall.metric(words).mean == pytest.approx(400)
    assert overall.metric(words).maximum == 500
    grouped = stories.aggregate(words, group_by=Story.section)
    by_section = {g.grouped_by.value: g.metric(words).mean for g in grouped.groups}
    assert by_section == {"pets": pytest.approx(400), "science": pytest.approx(800)}


async def test_async_searches(
    stories: Repository[Story], async_client: wvorm_core.WeaviateAsyncClient
) -> None:
    repo = AsyncDatabase(async_client).repo(Story)
    got = await repo.get(STORIES[0].uuid)
    assert got is not None
    assert got.writer == ANN
    assert (await repo.bm25("quantum"))[0].obj.title == STORIES[2].title
    assert await repo.count(Story.section == "science") == 2
    groups = await repo.group_by(Story.section, number_of_groups=2, objects_per_group=1).bm25(
        "physics"
    )
    assert [g.value for g in groups] == ["science"]
    generated = await repo.generate(grouped_task="Sum up").bm25("dog")
    assert generated.generated is not None
    science = await repo.aggregate(Story.words.metrics.integer(sum_=True), group_by=Story.section)
    assert {g.grouped_by.value for g in science.groups} == {"pets", "science"}


async def test_async_every_search_kind(
    stories: Repository[Story], async_client: wvorm_core.WeaviateAsyncClient
) -> None:
    repo = AsyncDatabase(async_client).repo(Story)
    near = await repo.near_vector(vectorize("dog surfing"), limit=1)
    assert near[0].obj.title == "a dog learns to surf"
    assert (await repo.near_object(STORIES[0], limit=1))[0].uuid == STORIES[0].uuid
    science = await repo.near_text("dog", where=Story.section == "science", limit=5)
    assert {h.obj.title for h in science} == {STORIES[2].title, STORIES[3].title}
    mixed = await repo.hybrid("physics surfing", alpha=0.5, limit=1)
    assert mixed[0].obj.title == "the physics of surfing"
    ordered = await repo.find(Story.words > 400, order_by=desc(Story.words))
    assert [h.obj.words for h in ordered] == [900, 700, 500]
    checked = await repo.get(STORIES[1].uuid)
    assert checked is not None
    assert isinstance(checked.checked_by, Writer)  # multi-target, loaded by the follow-up query

    class Title(BaseModel):
        title: str

    titles = await repo.select(Title).bm25("physics")
    assert {h.obj.title for h in titles} == {STORIES[2].title, STORIES[3].title}
    words = Story.words.metrics.integer(minimum=True)
    assert (await repo.aggregate(words)).metric(words).minimum == 300
