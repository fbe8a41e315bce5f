"""Every field type round-trips through a repository; tenants scope a repository."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from uuid import UUID

import pytest
from pydantic import BaseModel

import wvorm_core
from wvorm import Database, Field, Prop, WvModel
from wvorm_core.classes.config import Configure
from wvorm_core.classes.data import GeoCoordinate, PhoneNumber

SUFFIX = uuid.uuid4().hex[:8]


class Part(BaseModel):
    label: str
    weight: float | None = None
    codes: list[int] = []


class Everything(WvModel, collection=f"OrmEverything_{SUFFIX}"):
    text: Prop[str]
    count: Prop[int]
    big: Prop[int]
    ratio: Prop[float]
    flag: Prop[bool]
    when: Prop[datetime]
    ident: Prop[UUID]
    data: Prop[bytes]
    place: Prop[GeoCoordinate]
    part: Prop[Part]
    texts: Prop[list[str]]
    counts: Prop[list[int]]
    ratios: Prop[list[float]]
    flags: Prop[list[bool]]
    whens: Prop[list[datetime]]
    idents: Prop[list[UUID]]
    parts: Prop[list[Part]]
    empty: Prop[list[str]] = Field(default_factory=list)
    missing: Prop[str | None] = Field(default=None)


class Diary(
    WvModel,
    collection=f"OrmDiary_{SUFFIX}",
    multi_tenancy=Configure.multi_tenancy(enabled=True, auto_tenant_creation=True),
):
    entry: Prop[str]


NOW = datetime(2025, 3, 4, 5, 6, 7, 123000, tzinfo=timezone(timedelta(hours=2)))
SAMPLE = Everything(
    text="héllo wörld",
    count=-42,
    big=2**53 - 1,
    ratio=0.1,
    flag=True,
    when=NOW,
    ident=UUID(int=12345),
    data=b"\x00\xffbytes",
    place=GeoCoordinate(latitude=52.0, longitude=4.25),
    part=Part(label="a", weight=1.5, codes=[1, 2]),
    texts=["x", "y"],
    counts=[1, -2, 3],
    ratios=[0.5, 1.25],
    flags=[True, False],
    whens=[NOW, NOW + timedelta(days=1)],
    idents=[UUID(int=1), UUID(int=2)],
    parts=[Part(label="b"), Part(label="c", codes=[7])],
)


@pytest.fixture
def db(client: wvorm_core.WeaviateClient) -> Iterator[Database]:
    database = Database(client)
    database.create_all([Everything, Diary])
    yield database
    database.drop_all([Everything, Diary])


def test_every_type_round_trips(db: Database) -> None:
    repo = db.repo(Everything)
    repo.insert(SAMPLE)
    back = repo.get(SAMPLE.uuid)
    assert back is not None
    assert back.model_dump() == SAMPLE.model_dump()
    assert type(back.count) is int
    assert type(back.big) is int
    assert back.when == NOW
    assert back.when.utcoffset() is not None
    assert back.place == SAMPLE.place
    assert back.parts[1] == Part(label="c", codes=[7])


def test_phone_numbers(client: wvorm_core.WeaviateClient, db: Database) -> None:
    class Contact(WvModel, collection=f"OrmContact_{SUFFIX}"):
        phone: Prop[PhoneNumber]

    db.create_all([Contact])
    try:
        repo = db.repo(Contact)
        contact = Contact(phone=PhoneNumber(number="020 555 0199", default_country="NL"))
        repo.insert(contact)
        assert repo.get(contact.uuid) == contact
    finally:
        db.drop_all([Contact])


def test_tenants_scope_a_repository(db: Database) -> None:
    diaries = db.repo(Diary)
    ann, bob = diaries.with_tenant("ann"), diaries.with_tenant("bob")
    ann.insert(Diary(entry="dear diary, ann here"))
    bob.insert_many([Diary(entry="bob one"), Diary(entry="bob two")])
    assert ann.count() == 1
    assert bob.count() == 2
    assert [h.obj.entry for h in ann.find()] == ["dear diary, ann here"]
    with pytest.raises(wvorm_core.exceptions.WeaviateError, match="tenant"):
        diaries.find()
