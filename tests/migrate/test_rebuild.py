"""Rebuild steps as a user runs them: `wvorm migrate plan | generate | apply | check` in a
subprocess, for a property type change, a vectorizer change and a field rename, then a
rebuild killed mid-copy and run again."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import wvorm_core
from wvorm.migrate import Rebuild
from wvorm.migrate import _revisions as revisions
from wvorm_core.embedded import EmbeddedServer

from .test_cli import Project, ok

Client = wvorm_core.WeaviateClient
BIGRAM = 'Configure.Vectors.text2vec_bigram(name="text_vec", source_properties=["title"])'
TRANSFORMERS = (
    'Configure.Vectors.text2vec_transformers(name="text_vec", source_properties=["title"])'
)
HISTORY = ("QuizMigrations", "QuizMigrationsLease")


def models(collection: str, fields: str, vectors: str = BIGRAM) -> str:
    return textwrap.dedent(
        f'''\
        from wvorm import Field, Prop, WvModel
        from wvorm_core.classes.config import Configure


        class Card(WvModel, collection="{collection}", vectors={vectors}):
            """Cards."""

            title: Prop[str]
        '''
    ) + textwrap.indent(textwrap.dedent(fields), "    ")


def clean(client: Client, name: str) -> None:
    for alias in client.alias.list_all().values():
        if alias.alias == name or alias.collection.startswith(f"{name}_v"):
            client.alias.delete(alias_name=alias.alias)
    versions = [n for n in client.collections.list_all() if n.startswith(f"{name}_v")]
    client.collections.delete([name, *versions, *HISTORY])


class Cards(Project):
    def __init__(self, root: Path, server: EmbeddedServer, collection: str) -> None:
        super().__init__(root, server)
        self.collection = collection

    def write(self, fields: str, vectors: str = BIGRAM) -> None:
        (self.root / "quiz_models.py").write_text(models(self.collection, fields, vectors))

    def command(self, *args: str) -> list[str]:
        flags = ["--url", self.server.url, "--grpc-port", str(self.server.grpc_port)]
        return [sys.executable, "-m", "wvorm.cli", *args, *flags]


@pytest.fixture
def cards(
    tmp_path: Path, migrate_server: EmbeddedServer, migrate_client: Client
) -> Iterator[Cards]:
    name = f"Card{uuid.uuid4().hex[:6]}"
    clean(migrate_client, name)
    yield Cards(tmp_path, migrate_server, name)
    clean(migrate_client, name)


def start(
    cards: Cards, client: Client, fields: str, count: int
) -> dict[uuid.UUID, dict[str, object]]:
    """Models v1 generated and applied, then `count` objects inserted; their properties."""
    cards.write(fields)
    ok(cards.run("migrate", "generate", "-m", "initial"))
    ok(cards.run("migrate", "apply"))
    collection = client.collections.use(cards.collection)
    rows = {
        uuid.UUID(int=i + 1): {"title": f"card {i}", "points": i, "note": f"note {i}"}
        for i in range(count)
    }
    with collection.batch.fixed_size(batch_size=500) as batch:
        for ident, row in rows.items():
            batch.add_object(row, uuid=ident)
    assert not collection.batch.failed_objects
    return rows


def plan_rebuild(cards: Cards, count: int) -> Any:
    planned = json.loads(ok(cards.run("migrate", "plan", "--json")))
    (step,) = planned["steps"]
    assert (step["operation"], step["kind"]) == ("Rebuild", "rebuild")
    assert step["objects_affected"] == count
    assert "rebuild" in ok(cards.run("migrate", "plan"))
    return step


def generate_apply_check(cards: Cards, message: str) -> str:
    ok(cards.run("migrate", "generate", "-m", message))
    applied = ok(cards.run("migrate", "apply"))
    assert "applied 1 revision(s)" in applied
    assert "up to date" in ok(cards.run("migrate", "check"))
    assert "nothing to do" in ok(cards.run("migrate", "plan"))
    return applied


FIELDS_V1 = """\
points: Prop[int] = 0
note: Prop[str] = ""
"""


def test_a_property_type_change_is_rebuilt_behind_an_alias(
    cards: Cards, migrate_client: Client
) -> None:
    rows = start(cards, migrate_client, FIELDS_V1, 40)
    cards.write(FIELDS_V1.replace("points: Prop[int] = 0", "points: Prop[float] = 0.0"))
    step = plan_rebuild(cards, 40)
    assert "data type int -> number" in str(step["description"])

    applied = generate_apply_check(cards, "points as number")

    name = cards.collection
    assert f"created {name}_v1" in applied
    assert "copied 40 objects and 0 references" in applied
    assert f"{name} is now an alias of {name}_v1" in applied
    assert "unavailable for" in applied
    alias = migrate_client.alias.get(alias_name=name)
    assert alias is not None
    assert alias.collection == f"{name}_v1"
    collection = migrate_client.collections.use(name)
    found = {o.uuid: o.properties for o in collection.iterator()}
    assert found == {u: {**row, "points": float(row["points"])} for u, row in rows.items()}  # type: ignore[arg-type]
    assert all(isinstance(p["points"], float) for p in found.values())
    points = next(p for p in collection.config.get().properties if p.name == "points")
    assert points.data_type.value == "number"


def test_a_vectorizer_change_recomputes_the_vectors(cards: Cards, migrate_client: Client) -> None:
    rows = start(cards, migrate_client, FIELDS_V1, 25)
    collection = migrate_client.collections.use(cards.collection)
    before = {o.uuid: list(o.vector["text_vec"]) for o in collection.iterator(include_vector=True)}
    cards.write(FIELDS_V1, TRANSFORMERS)
    step = plan_rebuild(cards, 25)
    assert step["vectors"] == ["text_vec"]
    assert "re-vectorizes text_vec" in str(step["description"])

    generate_apply_check(cards, "transformers")

    after = {o.uuid: o for o in collection.iterator(include_vector=True)}
    assert {u: o.properties for u, o in after.items()} == rows
    for ident, obj in after.items():
        assert len(obj.vector["text_vec"]) > 0
        assert list(obj.vector["text_vec"]) != before[ident]
    config = collection.config.get_dict()
    vectorizer = config["vectorConfig"]["text_vec"]["vectorizer"]  # type: ignore[index]
    assert list(vectorizer) == ["text2vec-transformers"]


def test_a_renamed_field_keeps_its_values_and_a_second_rebuild_switches_the_alias(
    cards: Cards, migrate_client: Client
) -> None:
    rows = start(cards, migrate_client, FIELDS_V1, 30)
    renamed = 'points: Prop[int] = 0\nremark: Prop[str] = Field(default="", renamed_from="note")\n'
    cards.write(renamed)
    step = plan_rebuild(cards, 30)
    assert "property 'note' renamed to 'remark'" in str(step["description"])
    generate_apply_check(cards, "note is a remark")
    written = revisions.read(sorted((cards.root / "migrations").glob("0002_*.py"))[0])
    (rebuild,) = written.operations
    assert isinstance(rebuild, Rebuild)
    assert rebuild.renames == {"remark": "note"}

    name = cards.collection
    collection = migrate_client.collections.use(name)
    expected = {
        u: {"title": r["title"], "points": r["points"], "remark": r["note"]}
        for u, r in rows.items()
    }
    assert {o.uuid: o.properties for o in collection.iterator()} == expected

    cards.write(renamed.replace("points: Prop[int] = 0", "points: Prop[list[int]] = []"))
    plan_rebuild(cards, 30)
    applied = generate_apply_check(cards, "points as a list")
    assert f"alias {name} -> {name}_v2 (was {name}_v1)" in applied
    assert f"deleted the previous version {name}_v1" in applied
    assert not migrate_client.collections.exists(f"{name}_v1")
    found = {o.uuid: o.properties for o in collection.iterator()}
    assert found == {u: {**p, "points": [p["points"]]} for u, p in expected.items()}
    history = ok(cards.run("migrate", "history"))
    chain = revisions.chain(cards.root / "migrations")
    assert [history.count(r.id) for r in chain] == [1, 1, 1]


def test_an_apply_killed_mid_copy_finishes_when_run_again(
    cards: Cards, migrate_client: Client
) -> None:
    count = 3000
    rows = start(cards, migrate_client, FIELDS_V1, count)
    cards.write(FIELDS_V1.replace("points: Prop[int] = 0", "points: Prop[float] = 0.0"))
    ok(cards.run("migrate", "generate", "-m", "points as number"))
    running = subprocess.Popen(
        cards.command("migrate", "apply"),
        cwd=cards.root,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert running.stdout is not None
    seen = []
    for line in running.stdout:
        seen.append(line)
        if "copying" in line:
            running.send_signal(signal.SIGKILL)
            break
    running.wait(timeout=60)
    assert running.returncode == -signal.SIGKILL, "".join(seen)
    name = cards.collection
    assert migrate_client.collections.exists(f"{name}_v1")
    partial = migrate_client.collections.use(f"{name}_v1").aggregate.over_all(total_count=True)
    assert (partial.total_count or 0) < count
    assert "not applied yet" in ok(cards.run("migrate", "check"), 1)

    again = ok(cards.run("migrate", "apply"))

    assert f"{name}_v1 holds the planned schema already: copying into it again" in again
    assert f"copied {count} objects" in again
    assert "up to date" in ok(cards.run("migrate", "check"))
    collection = migrate_client.collections.use(name)
    found = {o.uuid: o.properties for o in collection.iterator()}
    assert found == {u: {**r, "points": float(r["points"])} for u, r in rows.items()}  # type: ignore[arg-type]
    history = ok(cards.run("migrate", "history"))
    chain = revisions.chain(cards.root / "migrations")
    assert [history.count(r.id) for r in chain] == [1, 1]


def test_a_collection_rename_copies_and_keeps_the_old_name_as_an_alias(
    cards: Cards, migrate_client: Client
) -> None:
    rows = start(cards, migrate_client, FIELDS_V1, 25)
    old, new = cards.collection, f"{cards.collection}Renamed"
    try:
        (cards.root / "quiz_models.py").write_text(
            models(new, FIELDS_V1).replace(
                f'collection="{new}",', f'collection="{new}", renamed_from="{old}",'
            )
        )
        planned = json.loads(ok(cards.run("migrate", "plan", "--json")))
        assert [(s["operation"], s["kind"]) for s in planned["steps"]] == [
            ("RenameCollection", "rebuild")
        ]
        generate_apply_check(cards, "rename")
        renamed = migrate_client.collections.use(new)
        stored = {o.uuid: o.properties for o in renamed.iterator()}
        assert stored == rows
        through_old = migrate_client.collections.use(old).query.fetch_objects(limit=100)
        assert len(through_old.objects) == 25
        old_alias = migrate_client.alias.get(alias_name=old)
        new_alias = migrate_client.alias.get(alias_name=new)
        assert old_alias is not None
        assert new_alias is not None
        assert old_alias.collection == new_alias.collection == f"{new}_v1"
    finally:
        clean(migrate_client, new)
