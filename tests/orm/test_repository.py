"""Repositories against the real server: insert, get, find, near_text; sync and async."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import datetime, timezone

import pytest
from pydantic import BaseModel

import wvorm_core
from wvorm import AsyncDatabase, Database, Field, ModelDefinitionError, Prop, WvModel, desc
from wvorm_core.classes.config import Configure

SUFFIX = uuid.uuid4().hex[:8]


class Note(
    WvModel,
    collection=f"OrmNote_{SUFFIX}",
    vectors=Configure.Vectors.text2vec_transformers(source_properties=["text"]),
):
    text: Prop[str]
    points: Prop[int] = Field(default=0)
    tags: Prop[list[str]] = Field(default_factory=list)
    written: Prop[datetime | None] = Field(default=None)


NOTES = [
    Note(text="dogs bark at night", points=100, tags=["pets"]),
    Note(text="a dog chases a ball", points=300, tags=["pets", "play"]),
    Note(
        text="quantum physics basics", points=500, written=datetime(2024, 1, 1, tzinfo=timezone.utc)
    ),
]


@pytest.fixture
def db(client: wvorm_core.WeaviateClient) -> Iterator[Database]:
    database = Database(client)
    database.create_all([Note])
    yield database
    database.drop_all([Note])


def test_insert_get_find(db: Database) -> None:
    notes = db.repo(Note)
    result = notes.insert_many(NOTES)
    assert result.ok
    assert result.uuids == [n.uuid for n in NOTES]

    again = notes.get(NOTES[2].uuid)
    assert again == NOTES[2]
    assert again is not None
    assert again.uuid == NOTES[2].uuid
    assert isinstance(again.written, datetime)
    assert notes.get(uuid.uuid4()) is None

    found = notes.find(Note.points >= 200, order_by=desc(Note.points))
    assert [h.obj.text for h in found] == ["quantum physics basics", "a dog chases a ball"]
    assert notes.find(Note.tags.contains_any(["play"]))[0].obj == NOTES[1]
    assert [h.obj for h in notes.find(~(Note.points > 100))] == [NOTES[0]]

    hits = notes.near_text("dog", limit=2)
    assert {h.obj.text for h in hits} == {NOTES[0].text, NOTES[1].text}
    assert all(h.metadata.distance is not None for h in hits)


def test_insert_one_and_sort_with_field_methods(db: Database) -> None:
    notes = db.repo(Note)
    for note in NOTES:
        assert notes.insert(note) == note.uuid
    assert notes.get(NOTES[1].uuid) == NOTES[1]
    ascending = notes.find(order_by=Note.points.asc())
    assert [h.obj.points for h in ascending] == [100, 300, 500]
    descending = notes.find(Note.points < 500, order_by=[Note.points.desc(), Note.text.asc()])
    assert [h.obj for h in descending] == [NOTES[1], NOTES[0]]
    bad = Note.model_construct(text="bad", points="many", tags=[], written=None)  # type: ignore[arg-type]
    with pytest.raises(wvorm_core.exceptions.WeaviateInvalidInputError, match=r"Note: .*points"):
        notes.insert(bad)
    assert notes.count() == 3


def test_update_replace_delete(db: Database) -> None:
    notes = db.repo(Note)
    notes.insert_many(NOTES)
    changed = NOTES[0].model_copy(update={"points": 150}).with_uuid(NOTES[0].uuid)
    notes.update(changed)
    assert notes.get(NOTES[0].uuid) == changed

    fresh = Note(text="replaced text").with_uuid(NOTES[1].uuid)
    notes.replace(fresh)
    stored = notes.get(NOTES[1].uuid)
    assert stored == fresh
    assert stored is not None
    assert stored.tags == []

    notes.delete(NOTES[2])
    assert notes.get(NOTES[2].uuid) is None
    notes.delete(NOTES[2].uuid)  # already gone: not an error

    assert notes.delete_where(Note.points >= 100, dry_run=True) == 1
    assert notes.get(NOTES[0].uuid) is not None
    assert notes.delete_where(Note.points >= 100) == 1
    assert [h.obj for h in notes.find()] == [fresh]


class NoteSummary(BaseModel):
    text: str
    points: int


def test_projection_fetches_only_its_fields(db: Database) -> None:
    notes = db.repo(Note)
    notes.insert_many(NOTES)
    summaries = notes.select(NoteSummary).find(Note.points > 100, order_by=desc(Note.points))
    assert [h.obj for h in summaries] == [
        NoteSummary(text="quantum physics basics", points=500),
        NoteSummary(text="a dog chases a ball", points=300),
    ]
    assert summaries[0].uuid == NOTES[2].uuid
    near = notes.select(NoteSummary).near_text("physics", limit=1)
    assert near[0].obj == NoteSummary(text="quantum physics basics", points=500)

    class Wrong(BaseModel):
        text: str
        colour: str

    with pytest.raises(ModelDefinitionError, match=r"Note has no properties \['colour'\]"):
        notes.select(Wrong)


def test_refused_objects_are_reported(db: Database) -> None:
    notes = db.repo(Note)
    bad = Note.model_construct(text="bad", points="many", tags=[], written=None)  # type: ignore[arg-type]
    result = notes.insert_many([NOTES[0], bad])
    assert [f.obj for f in result.failures] == [bad]
    assert "points" in result.failures[0].message
    assert result.uuids == [NOTES[0].uuid]
    with pytest.raises(wvorm_core.exceptions.WeaviateInvalidInputError, match="not a Note"):
        notes.insert_many(["text"])  # type: ignore[list-item]


async def test_async_repository(async_client: wvorm_core.WeaviateAsyncClient) -> None:
    db = AsyncDatabase(async_client)
    await db.create_all([Note])
    try:
        notes = db.repo(Note)
        await notes.insert(NOTES[0])
        assert await notes.get(NOTES[0].uuid) == NOTES[0]
        hits = await notes.find(Note.text.like("*bark*"))
        assert [h.obj for h in hits] == [NOTES[0]]
        assert (await notes.near_text("barking dogs", limit=1))[0].obj == NOTES[0]
        await notes.update(NOTES[0].model_copy(update={"points": 7}).with_uuid(NOTES[0].uuid))
        stored = await notes.get(NOTES[0].uuid)
        assert stored is not None
        assert stored.points == 7
        await notes.replace(Note(text="other").with_uuid(NOTES[0].uuid))
        assert await notes.delete_where(Note.text == "other") == 1
        await notes.delete(NOTES[0])
        assert await notes.get(NOTES[0].uuid) is None
    finally:
        await db.drop_all([Note])
