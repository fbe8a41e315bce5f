"""`copy_objects` against the real server: every data type, named vectors (copied or computed
anew), references (to another collection and to itself), tenants, renames and conversions."""

from __future__ import annotations

import copy
import uuid
from collections.abc import Iterator, Sequence
from datetime import datetime, timezone
from typing import Any

import pytest

import wvorm_core
from wvorm.migrate import ConversionError, MigrationError, converter, copy_objects
from wvorm_core.classes.data import GeoCoordinate, PhoneNumber, ReferenceToMulti
from wvorm_core.classes.query import QueryReference
from wvorm_core.classes.tenants import Tenant, TenantActivityStatus

Client = wvorm_core.WeaviateClient


def text(name: str, array: bool = False) -> dict[str, Any]:
    return {"name": name, "dataType": ["text[]" if array else "text"]}


def of(name: str, data_type: str) -> dict[str, Any]:
    return {"name": name, "dataType": [data_type]}


EVERY_TYPE: list[dict[str, Any]] = [
    text("title"),
    text("tags", array=True),
    of("count", "int"),
    of("counts", "int[]"),
    of("score", "number"),
    of("scores", "number[]"),
    of("flag", "boolean"),
    of("flags", "boolean[]"),
    of("when", "date"),
    of("whens", "date[]"),
    of("ident", "uuid"),
    of("idents", "uuid[]"),
    of("where", "geoCoordinates"),
    of("phone", "phoneNumber"),
    of("data", "blob"),
    {
        "name": "meta",
        "dataType": ["object"],
        "nestedProperties": [text("source"), of("pages", "int")],
    },
    {"name": "parts", "dataType": ["object[]"], "nestedProperties": [text("label")]},
]

VECTORS = {
    "own": {"vectorizer": {"none": {}}, "vectorIndexType": "hnsw"},
    "body": {
        "vectorizer": {"text2vec-transformers": {"properties": ["title"]}},
        "vectorIndexType": "hnsw",
    },
}


def schema(name: str, *, refs: Sequence[dict[str, Any]] = (), tenants: bool = False) -> Any:
    return {
        "class": name,
        "properties": [*copy.deepcopy(EVERY_TYPE), *refs],
        "vectorConfig": copy.deepcopy(VECTORS),
        "multiTenancyConfig": {"enabled": tenants},
    }


def values(i: int) -> dict[str, Any]:
    return {
        "title": f"title {i}",
        "tags": ["a", f"t{i}"],
        "count": i,
        "counts": [i, i + 1],
        "score": i + 0.5,
        "scores": [0.25, i * 1.5],
        "flag": i % 2 == 0,
        "flags": [True, False],
        "when": datetime(2024, 1, 1 + i % 28, 12, 30, tzinfo=timezone.utc),
        "whens": [datetime(2020, 5, 17, tzinfo=timezone.utc)],
        "ident": uuid.UUID(int=i + 1),
        "idents": [uuid.UUID(int=i + 2)],
        "where": GeoCoordinate(52.5, 13.25),
        "phone": PhoneNumber("+31 20 123 4567"),
        "data": b"\x00\x01blob" + bytes([i % 256]),
        "meta": {"source": f"s{i}", "pages": i * 10},
        "parts": [{"label": "x"}, {"label": f"y{i}"}],
    }


@pytest.fixture
def names(migrate_client: Client) -> Iterator[list[str]]:
    made: list[str] = []
    yield made
    migrate_client.collections.delete(made)


def create(client: Client, names: list[str], body: Any) -> Any:
    names.append(body["class"])
    client.collections.create_from_dict(body)
    return client.collections.use(body["class"])


def test_every_type_vector_and_reference_is_copied(
    migrate_client: Client, names: list[str]
) -> None:
    suffix = uuid.uuid4().hex[:6]
    author = create(
        migrate_client, names, {"class": f"CopyAuthor{suffix}", "properties": [text("name")]}
    )
    writer = author.data.insert({"name": "Ann"})
    src_name, dst_name = f"CopySrc{suffix}", f"CopyDst{suffix}"

    def refs(own: str) -> list[dict[str, Any]]:
        return [
            {"name": "related", "dataType": [own]},
            {"name": "by", "dataType": [author.name]},
            {"name": "either", "dataType": [author.name, own]},
        ]

    source = create(migrate_client, names, schema(src_name, refs=refs(src_name)))
    target = create(migrate_client, names, schema(dst_name, refs=refs(dst_name)))
    ids = [uuid.UUID(int=1000 + i) for i in range(30)]
    own_vectors = {u: [float(i), 1.0, 2.5, -0.125] for i, u in enumerate(ids)}
    for i, u in enumerate(ids):
        source.data.insert(values(i), uuid=u, vector={"own": own_vectors[u]})
    for i, u in enumerate(ids):
        source.data.reference_add(u, "related", ids[(i + 1) % len(ids)])
        source.data.reference_add(u, "by", writer)
        source.data.reference_add(u, "either", ReferenceToMulti(author.name, writer))
        source.data.reference_add(u, "either", ReferenceToMulti(src_name, ids[(i + 2) % len(ids)]))
    lines: list[str] = []

    report = copy_objects(
        migrate_client, src_name, dst_name, revectorize=["body"], progress=lines.append
    )

    assert report.ok
    assert report.objects == 30
    assert report.references == 30 * 4
    assert report.tenants[None].source == report.tenants[None].target == 30
    assert any("copied" in line and "30/30" in line for line in lines)
    before = {o.uuid: o for o in source.iterator(include_vector=True)}
    after = {o.uuid: o for o in target.iterator(include_vector=True)}
    assert set(after) == set(ids)
    for u in ids:
        assert after[u].properties == before[u].properties
        assert list(after[u].vector["own"]) == own_vectors[u]
        assert len(after[u].vector["body"]) == len(before[u].vector["body"]) > 0
    asked = [
        QueryReference("related", return_properties=["title"]),
        QueryReference("by", return_properties=["name"]),
        QueryReference.MultiTarget("either", dst_name, return_properties=["title"]),
    ]
    for i, obj in enumerate(target.iterator(return_references=asked)):
        i = ids.index(obj.uuid)
        (related,) = obj.references["related"].objects
        assert (related.uuid, related.collection) == (ids[(i + 1) % 30], dst_name)
        assert [o.uuid for o in obj.references["by"].objects] == [writer]
        (either,) = obj.references["either"].objects
        assert (either.uuid, either.collection) == (ids[(i + 2) % 30], dst_name)
    by_author = target.iterator(
        return_references=[QueryReference.MultiTarget("either", author.name, return_properties=[])]
    )
    assert all([o.uuid for o in obj.references["either"].objects] == [writer] for obj in by_author)

    again = copy_objects(migrate_client, src_name, dst_name, revectorize=["body"])
    assert again.ok
    assert again.objects == 30
    assert again.references == 120
    related_counts = [
        len(o.references["related"].objects)
        for o in target.iterator(
            return_references=[QueryReference("related", return_properties=[])]
        )
    ]
    assert related_counts == [1] * 30


def test_tenants_are_copied_one_by_one_with_their_status(
    migrate_client: Client, names: list[str]
) -> None:
    suffix = uuid.uuid4().hex[:6]
    source = create(migrate_client, names, schema(f"CopyMtSrc{suffix}", tenants=True))
    target = create(migrate_client, names, schema(f"CopyMtDst{suffix}", tenants=True))
    source.tenants.create([Tenant("alpha"), Tenant("beta")])
    for tenant, count in (("alpha", 5), ("beta", 3)):
        scoped = source.with_tenant(tenant)
        for i in range(count):
            scoped.data.insert(values(i), uuid=uuid.uuid5(uuid.NAMESPACE_URL, f"{tenant}{i}"))
    source.tenants.update(Tenant("beta", TenantActivityStatus.INACTIVE))

    report = copy_objects(migrate_client, source.name, target.name)

    assert report.ok
    assert report.objects == 8
    assert {k: (v.source, v.target, v.copied) for k, v in report.tenants.items()} == {
        "alpha": (5, 5, 5),
        "beta": (3, 3, 3),
    }
    statuses = {n: t.activity_status for n, t in target.tenants.get().items()}
    assert statuses == {"alpha": TenantActivityStatus.ACTIVE, "beta": TenantActivityStatus.INACTIVE}
    assert source.tenants.get()["beta"].activity_status is TenantActivityStatus.INACTIVE
    source.tenants.update(Tenant("beta"))
    target.tenants.update(Tenant("beta"))
    for tenant in ("alpha", "beta"):
        old = {o.uuid: o.properties for o in source.with_tenant(tenant).iterator()}
        new = {o.uuid: o.properties for o in target.with_tenant(tenant).iterator()}
        assert new == old


def test_renames_and_conversions_report_what_cannot_convert(
    migrate_client: Client, names: list[str]
) -> None:
    suffix = uuid.uuid4().hex[:6]
    source = create(
        migrate_client,
        names,
        {
            "class": f"ConvSrc{suffix}",
            "properties": [text("points"), of("size", "int"), text("old")],
        },
    )
    target = create(
        migrate_client,
        names,
        {
            "class": f"ConvDst{suffix}",
            "properties": [of("points", "int"), of("size", "number"), text("new", array=True)],
        },
    )
    good = [source.data.insert({"points": str(i), "size": i, "old": f"o{i}"}) for i in range(4)]
    bad = source.data.insert({"points": "2.5", "size": 1, "old": "x"})
    words = source.data.insert({"points": "many", "size": 1, "old": "y"})

    report = copy_objects(
        migrate_client,
        source.name,
        target.name,
        renames={"new": "old"},
        convert={
            "points": converter("text", "int"),
            "size": converter("int", "number"),
            "new": converter("text", "text[]"),
        },
    )

    assert report.objects == 4
    assert {f.uuid: f.reason for f in report.failed} == {
        bad: "property 'points': '2.5' is not a whole number",
        words: "property 'points': text 'many' is not a number",
    }
    for i, u in enumerate(good):
        obj = target.query.fetch_object_by_id(u)
        assert obj is not None
        assert obj.properties == {"points": i, "size": float(i), "new": [f"o{i}"]}
    assert not target.data.exists(bad)


def test_bad_renames_and_changed_counts_are_clear_errors(
    migrate_client: Client, names: list[str]
) -> None:
    suffix = uuid.uuid4().hex[:6]
    source = create(migrate_client, names, {"class": f"ErrSrc{suffix}", "properties": [text("a")]})
    target = create(migrate_client, names, {"class": f"ErrDst{suffix}", "properties": [text("b")]})
    with pytest.raises(MigrationError, match="has no property 'zzz' to rename to 'b'"):
        copy_objects(migrate_client, source.name, target.name, renames={"b": "zzz"})
    target.data.insert({"b": "stray"})
    source.data.insert({"a": "x"})
    with pytest.raises(MigrationError, match=r"counts do not add up \(objects: 1 in .*, 2 in"):
        copy_objects(migrate_client, source.name, target.name, renames={"b": "a"})


def test_converters_are_exact_or_refuse() -> None:
    assert converter("int", "number")(3) == 3.0
    assert converter("number", "int")(4.0) == 4
    assert converter("int[]", "text[]")([1, 2]) == ["1", "2"]
    assert converter("text[]", "text")(["only"]) == "only"
    assert converter("text[]", "text")([]) is None
    assert converter("date", "text")(datetime(2024, 1, 2, tzinfo=timezone.utc)) == (
        "2024-01-02T00:00:00+00:00"
    )
    assert converter("text", "date")("2024-01-02") == datetime(2024, 1, 2, tzinfo=timezone.utc)
    assert converter("int", "int[]")(None) is None
    with pytest.raises(ConversionError, match="a list of 2 values cannot become one value"):
        converter("int[]", "int")([1, 2])
    with pytest.raises(ConversionError, match="'yes' is not a boolean"):
        converter("text", "boolean")("yes")
    with pytest.raises(MigrationError, match="no built-in conversion from geoCoordinates to text"):
        converter("geoCoordinates", "text")
