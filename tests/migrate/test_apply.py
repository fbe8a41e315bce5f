"""`apply` on a real server: the lease, two runs at once, a run killed with SIGKILL, the flags."""

from __future__ import annotations

import importlib.util
import json
import os
import signal
import socket
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

import wvorm_core
from wvorm import WvModel
from wvorm.migrate import (
    AsyncMigrator,
    LeaseHeldError,
    MigrationError,
    Migrator,
    generate,
    plan,
    plan_async,
)
from wvorm_core.classes.query import Filter
from wvorm_core.classes.tenants import Tenant, TenantActivityStatus
from wvorm_core.embedded import EmbeddedServer

HISTORY = "ApplyHistory"
LEASE = f"{HISTORY}Lease"

V1 = """
from wvorm import Field, Prop, WvModel
from wvorm_core.classes.config import Configure


class {name}(WvModel, vectors=Configure.Vectors.self_provided()):
    \"\"\"First.\"\"\"

    title: Prop[str]
    body: Prop[str] = Field(index_filterable=False)
"""

V2 = """
from wvorm import Field, Prop, WvModel
from wvorm_core.classes.config import Configure


class {name}(
    WvModel,
    vectors=Configure.Vectors.self_provided(
        vector_index_config=Configure.VectorIndex.hnsw(ef=99)
    ),
):
    \"\"\"Second.\"\"\"

    title: Prop[str] = Field(description="the title")
    body: Prop[str] = Field(index_filterable=True)
    pages: Prop[int] = Field(default=0)
    tags: Prop[list[str]] = Field(default_factory=list)
"""

V3 = """
from wvorm import Field, Prop, WvModel
from wvorm_core.classes.config import Configure


class {name}(
    WvModel,
    vectors=Configure.Vectors.self_provided(
        vector_index_config=Configure.VectorIndex.hnsw(
            ef=99, quantizer=Configure.VectorIndex.Quantizer.bq()
        )
    ),
):
    \"\"\"Second.\"\"\"

    title: Prop[str] = Field(description="the title")
    body: Prop[str] = Field(index_filterable=True)
    pages: Prop[int] = Field(default=0)
    tags: Prop[list[str]] = Field(default_factory=list)
"""


class Folder:
    def __init__(self, root: Path, server: EmbeddedServer, name: str) -> None:
        self.root = root
        self.server = server
        self.name = name
        self.migrations = root / "migrations"

    def models(self, source: str) -> list[type[WvModel]]:
        """Write the models module the CLI imports, and import it here too."""
        path = self.root / f"models_{self.name.lower()}.py"
        path.write_text(textwrap.dedent(source.format(name=self.name)))
        spec = importlib.util.spec_from_file_location(f"{path.stem}_{os.urandom(2).hex()}", path)
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return [getattr(module, self.name)]

    def command(self, *args: str) -> list[str]:
        return [
            sys.executable,
            "-m",
            "wvorm.cli",
            "migrate",
            *args,
            "--models",
            f"models_{self.name.lower()}",
            "--dir",
            str(self.migrations),
            "--history-collection",
            HISTORY,
            "--url",
            self.server.url,
            "--grpc-port",
            str(self.server.grpc_port),
        ]

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            self.command(*args),
            cwd=self.root,
            capture_output=True,
            text=True,
            timeout=300,
            env={**os.environ, "NO_COLOR": "1"},
        )


@pytest.fixture
def folder(
    tmp_path: Path, migrate_server: EmbeddedServer, migrate_client: wvorm_core.WeaviateClient
) -> Iterator[Folder]:
    name = f"Apply{os.urandom(4).hex()}"
    yield Folder(tmp_path, migrate_server, name)
    migrate_client.collections.delete([name, HISTORY, LEASE])


def test_apply_is_idempotent_and_plans_to_nothing_afterwards(
    folder: Folder, migrate_client: wvorm_core.WeaviateClient
) -> None:
    models = folder.models(V1)
    assert generate(folder.migrations, models, "first") is not None
    assert generate(folder.migrations, models, "again") is None
    migrator = Migrator(migrate_client, models, directory=folder.migrations, history=HISTORY)
    assert [r.message for r in migrator.apply()] == ["first"]
    assert migrator.apply() == []
    assert plan(migrate_client, models).is_empty
    found = migrator.status()
    assert found.ok, found.problems
    assert [r.message for r in migrator.history()] == ["first"]
    assert not migrate_client.collections.exists(LEASE)


async def test_the_asyncio_migrator_applies_and_checks(
    folder: Folder, async_migrate_client: wvorm_core.WeaviateAsyncClient
) -> None:
    generate(folder.migrations, folder.models(V1), "first")
    models = folder.models(V2)
    generate(folder.migrations, models, "second")
    migrator = AsyncMigrator(
        async_migrate_client, models, directory=folder.migrations, history=HISTORY
    )
    assert [r.message for r in await migrator.apply()] == ["first", "second"]
    assert (await plan_async(async_migrate_client, models)).is_empty
    assert (await migrator.status()).ok
    live = await async_migrate_client.collections.use(folder.name).config.get()
    assert {p.name for p in live.properties} == {"title", "body", "pages", "tags"}


def test_a_held_lease_names_its_holder_and_a_dead_one_is_replaced(
    folder: Folder, migrate_client: wvorm_core.WeaviateClient
) -> None:
    models = folder.models(V1)
    generate(folder.migrations, models, "first")
    holder = {"host": socket.gethostname(), "pid": os.getpid(), "since": "now", "token": "t"}
    migrate_client.collections.create_from_dict({"class": LEASE, "description": json.dumps(holder)})
    migrator = Migrator(migrate_client, models, directory=folder.migrations, history=HISTORY)
    with pytest.raises(LeaseHeldError, match=rf"process {os.getpid()} on {socket.gethostname()}"):
        migrator.apply()
    assert not migrate_client.collections.exists(folder.name)
    blocked = folder.run("apply")
    assert blocked.returncode == 2
    assert "--break-lease" in blocked.stdout

    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    migrate_client.collections.delete(LEASE)
    holder["pid"] = int(dead.stdout)
    migrate_client.collections.create_from_dict({"class": LEASE, "description": json.dumps(holder)})
    assert [r.message for r in migrator.apply()] == ["first"]
    assert not migrate_client.collections.exists(LEASE)


def test_break_lease_takes_over_from_another_host(
    folder: Folder, migrate_client: wvorm_core.WeaviateClient
) -> None:
    generate(folder.migrations, folder.models(V1), "first")
    holder = {"host": "elsewhere", "pid": 1, "since": "then", "token": "t"}
    migrate_client.collections.create_from_dict({"class": LEASE, "description": json.dumps(holder)})
    assert folder.run("apply").returncode == 2
    taken = folder.run("apply", "--break-lease")
    assert taken.returncode == 0, taken.stdout + taken.stderr
    assert "breaking the lease of process 1 on elsewhere" in taken.stdout


def test_two_applies_at_once_exactly_one_proceeds(
    folder: Folder, migrate_client: wvorm_core.WeaviateClient
) -> None:
    generate(folder.migrations, folder.models(V1), "first")
    generate(folder.migrations, folder.models(V2), "second")
    runs = [
        subprocess.Popen(
            folder.command("apply"),
            cwd=folder.root,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, "NO_COLOR": "1"},
        )
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=300)[0] for run in runs]
    applied = [out for out in outputs if "applied 2 revision(s)" in out]
    assert len(applied) == 1, outputs
    other = next(out for out in outputs if out not in applied)
    assert "another apply holds the migration lease" in other or "nothing to apply" in other
    migrator = Migrator(migrate_client, (), directory=folder.migrations, history=HISTORY)
    assert [r.message for r in migrator.history()] == ["first", "second"]


def test_an_apply_killed_between_two_operations_finishes_on_the_next_run(
    folder: Folder, migrate_client: wvorm_core.WeaviateClient
) -> None:
    generate(folder.migrations, folder.models(V1), "first")
    ok = folder.run("apply")
    assert ok.returncode == 0, ok.stdout
    models = folder.models(V2)
    generate(folder.migrations, models, "second")
    run = subprocess.Popen(
        folder.command("apply"),
        cwd=folder.root,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "NO_COLOR": "1", "PYTHONUNBUFFERED": "1"},
    )
    assert run.stdout is not None
    seen = []
    for line in run.stdout:
        seen.append(line)
        if sum(line.startswith("  ") for line in seen) == 3:
            run.send_signal(signal.SIGKILL)
            break
    run.wait(timeout=60)
    assert run.returncode == -signal.SIGKILL, seen
    migrator = Migrator(migrate_client, models, directory=folder.migrations, history=HISTORY)
    assert [r.message for r in migrator.history()] == ["first"]
    assert migrate_client.collections.exists(LEASE)

    again = folder.run("apply")
    assert again.returncode == 0, again.stdout + again.stderr
    assert "already done" in again.stdout
    assert again.stdout.count("already done") >= 2
    assert [r.message for r in migrator.history()] == ["first", "second"]
    assert plan(migrate_client, models).is_empty
    assert migrator.status().ok


def test_irreversible_steps_need_their_flag_and_an_edited_file_is_caught(
    folder: Folder, migrate_client: wvorm_core.WeaviateClient
) -> None:
    generate(folder.migrations, folder.models(V1), "first")
    generate(folder.migrations, folder.models(V2), "second")
    assert folder.run("apply").returncode == 0
    models = folder.models(V3)
    path = generate(folder.migrations, models, "compress")
    assert path is not None
    refused = folder.run("apply")
    assert refused.returncode == 2
    assert "irreversible steps need --allow-irreversible" in refused.stdout
    assert "0003_compress.py" in refused.stdout
    done = folder.run("apply", "--allow-irreversible")
    assert done.returncode == 0, done.stdout + done.stderr
    assert folder.run("check").returncode == 0
    config = migrate_client.collections.use(folder.name).config.get()
    assert "bq" in json.dumps(config.to_dict()["vectorConfig"])

    first = folder.migrations / "0001_first.py"
    first.write_text(first.read_text() + "\n")
    migrator = Migrator(migrate_client, models, directory=folder.migrations, history=HISTORY)
    with pytest.raises(
        MigrationError, match=r"edited after they were applied: \['0001_first.py'\]"
    ):
        migrator.apply()
    checked = folder.run("check")
    assert checked.returncode == 1
    assert "0001_first.py was edited after it was applied" in checked.stdout


MT_V1 = """
from wvorm import Field, Prop, WvModel
from wvorm_core.classes.config import Configure


class {name}(
    WvModel,
    vectors=Configure.Vectors.self_provided(),
    multi_tenancy=Configure.multi_tenancy(enabled=True),
):
    \"\"\"Per-customer notes.\"\"\"

    note: Prop[str]
"""

MT_V2 = MT_V1.replace("note: Prop[str]", "note: Prop[str] = Field(tokenization=Tokenization.FIELD)")
MT_V2 = MT_V2.replace("import Configure", "import Configure, Tokenization")


def test_a_reindex_covers_every_tenant_and_names_those_asleep(
    folder: Folder, migrate_client: wvorm_core.WeaviateClient
) -> None:
    generate(folder.migrations, folder.models(MT_V1), "first")
    migrator = Migrator(migrate_client, (), directory=folder.migrations, history=HISTORY)
    migrator.apply()
    notes = migrate_client.collections.use(folder.name)
    notes.tenants.create(["a", "b"])
    for tenant in ("a", "b"):
        notes.with_tenant(tenant).data.insert({"note": "call back later"})
    notes.tenants.update(Tenant(name="b", activity_status=TenantActivityStatus.INACTIVE))

    models = folder.models(MT_V2)
    planned = plan(migrate_client, models)
    assert [type(s.operation).__name__ for s in planned.steps] == ["Reindex"]
    assert any("tenants ['b'] are not active" in hint for hint in planned.hints)
    generate(folder.migrations, models, "exact notes")
    migrator = Migrator(migrate_client, models, directory=folder.migrations, history=HISTORY)
    with pytest.raises(MigrationError, match=r"re-indexes only active tenants.*\['b'\]"):
        migrator.apply()
    assert [r.message for r in migrator.history()] == ["first"]

    notes.tenants.update(Tenant(name="b", activity_status=TenantActivityStatus.ACTIVE))
    assert [r.message for r in migrator.apply()] == ["exact notes"]
    for tenant in ("a", "b"):
        scoped = notes.with_tenant(tenant)
        assert (
            scoped.query.fetch_objects(filters=Filter.by_property("note").equal("call")).objects
            == []
        )
        exact = scoped.query.fetch_objects(
            filters=Filter.by_property("note").equal("call back later")
        )
        assert len(exact.objects) == 1
    assert migrator.status().ok


def test_dropping_a_collection_needs_allow_drop_and_both_apply_flags(
    folder: Folder, migrate_client: wvorm_core.WeaviateClient
) -> None:
    generate(folder.migrations, folder.models(V1), "first")
    Migrator(migrate_client, (), directory=folder.migrations, history=HISTORY).apply()
    assert generate(folder.migrations, [], "nothing left") is None
    path = generate(folder.migrations, [], "nothing left", allow_drop=True)
    assert path is not None
    assert "DropCollection" in path.read_text()
    refused = folder.run("apply")
    assert refused.returncode == 2
    assert "destructive steps need --allow-destructive" in refused.stdout
    assert migrate_client.collections.exists(folder.name)
    also = folder.run("apply", "--allow-destructive")
    assert "irreversible steps need --allow-irreversible" in also.stdout
    done = folder.run("apply", "--allow-destructive", "--allow-irreversible")
    assert done.returncode == 0, done.stdout + done.stderr
    assert not migrate_client.collections.exists(folder.name)
