"""The docs' worked example, as a user runs it: `wvorm migrate ...` in a subprocess."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import wvorm_core
from wvorm.migrate import AddProperty, Reindex, UpdateCollection
from wvorm.migrate import _revisions as revisions
from wvorm_core.embedded import EmbeddedServer

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "migrations"
SNIPPET = Path(__file__).resolve().parents[2] / "docs" / "snippets"


class Project:
    """A user's project folder: a models module, pyproject settings, a migrations folder."""

    def __init__(self, root: Path, server: EmbeddedServer) -> None:
        self.root = root
        self.server = server
        (root / "pyproject.toml").write_text(
            '[tool.wvorm]\nmodels = "quiz_models"\nmigrations = "migrations"\n'
            'history_collection = "QuizMigrations"\n'
        )

    def use(self, models: str) -> None:
        shutil.copy(EXAMPLES / models, self.root / "quiz_models.py")

    def run(
        self, *args: str, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        flags = ["--url", self.server.url, "--grpc-port", str(self.server.grpc_port)]
        offline = args[:2] == ("migrate", "generate") or "--url" in args
        command = [sys.executable, "-m", "wvorm.cli", *args, *([] if offline else flags)]
        return subprocess.run(
            command,
            cwd=self.root,
            capture_output=True,
            text=True,
            timeout=300,
            env={**os.environ, "NO_COLOR": "1", **(env or {})},
        )

    def files(self) -> list[str]:
        return sorted(p.name for p in (self.root / "migrations").glob("*.py"))


@pytest.fixture
def project(
    tmp_path: Path, migrate_server: EmbeddedServer, migrate_client: wvorm_core.WeaviateClient
) -> Iterator[Project]:
    migrate_client.collections.delete(["Question", "QuizMigrations", "QuizMigrationsLease"])
    yield Project(tmp_path, migrate_server)
    migrate_client.collections.delete(["Question", "QuizMigrations", "QuizMigrationsLease"])


def ok(result: subprocess.CompletedProcess[str], code: int = 0) -> str:
    assert result.returncode == code, result.stdout + result.stderr
    return result.stdout


def test_the_worked_example_from_plan_to_check(
    project: Project, migrate_client: wvorm_core.WeaviateClient
) -> None:
    project.use("models_v1.py")
    assert "0001_initial.py" in ok(project.run("migrate", "generate", "-m", "initial"))
    assert "applied 1 revision(s)" in ok(project.run("migrate", "apply"))
    assert "up to date" in ok(project.run("migrate", "check"))
    questions = migrate_client.collections.use("Question")
    questions.data.insert(
        {"question": "Which planet has rings?", "answer": "Saturn V", "category": "space"},
        vector=[0.1, 0.2, 0.3],
    )

    project.use("models_v2.py")
    drift = ok(project.run("migrate", "check"), 1)
    assert "the models differ from the newest revision (0001_initial.py)" in drift
    table = ok(project.run("migrate", "plan"))
    assert "add property Question.difficulty" in table
    assert "reindex" in table
    planned = json.loads(ok(project.run("migrate", "plan", "--json")))
    kinds = {(s["operation"], s["kind"]) for s in planned["steps"]}
    assert ("AddProperty", "in_place") in kinds
    assert ("Reindex", "reindex") in kinds
    assert ("UpdateCollection", "in_place") in kinds

    ok(project.run("migrate", "generate", "-m", "difficulty and search"))
    assert project.files() == ["0001_initial.py", "0002_difficulty_and_search.py"]
    written = revisions.read(project.root / "migrations" / "0002_difficulty_and_search.py")
    documented = revisions.read(SNIPPET / "0002_difficulty_and_search.py")
    assert written.operations == documented.operations
    assert written.snapshot == documented.snapshot
    assert {type(op) for op in written.operations} == {AddProperty, Reindex, UpdateCollection}

    assert "not applied yet: 0002_difficulty_and_search.py" in ok(
        project.run("migrate", "check"), 1
    )
    applied = ok(project.run("migrate", "apply"))
    assert "applied 1 revision(s)" in applied
    assert "re-index Question.answer" in applied
    assert "up to date" in ok(project.run("migrate", "check"))
    assert "nothing to apply" in ok(project.run("migrate", "apply"))

    config = questions.config.get()
    answer = next(p for p in config.properties if p.name == "answer")
    assert answer.tokenization is not None
    assert answer.tokenization.value == "field"
    assert any(p.name == "difficulty" for p in config.properties)
    assert config.description == "Quiz questions, with how hard each one is."
    found = questions.query.fetch_objects(
        filters=wvorm_core.classes.query.Filter.by_property("answer").equal("Saturn V")
    )
    assert len(found.objects) == 1

    history = ok(project.run("migrate", "history")).splitlines()
    assert [line.split()[0] for line in history] == [
        revisions.read(project.root / "migrations" / name).id for name in project.files()
    ]
    shown = ok(project.run("migrate", "show", "0002"))
    assert "(applied)" in shown
    assert "add property Question.difficulty" in shown


def test_bad_settings_exit_2_naming_the_problem(project: Project) -> None:
    missing = project.run("migrate", "plan", "--models", "no_such_models")
    assert missing.returncode == 2
    assert "the models module 'no_such_models' does not import" in missing.stdout
    project.use("models_v1.py")
    down = project.run("migrate", "check", "--url", "http://127.0.0.1:9")
    assert down.returncode == 2
    assert "error:" in down.stdout
    assert project.run("migrate", "--help").returncode == 0
    assert "--allow-irreversible" in ok(project.run("migrate", "apply", "--help"))


def test_inspect_writes_models_that_plan_to_no_change(project: Project) -> None:
    project.use("models_v2.py")
    ok(project.run("migrate", "generate", "-m", "initial"))
    ok(project.run("migrate", "apply"))
    (project.root / "pyproject.toml").write_text(
        '[tool.wvorm]\nmodels = "inspected"\nhistory_collection = "QuizMigrations"\n'
        "[tool.ruff]\nline-length = 100\n"
    )
    written = ok(project.run("inspect", "-o", "inspected.py"))
    assert "wrote inspected.py" in written
    source = (project.root / "inspected.py").read_text()
    assert "class Question(" in source
    assert "QuizMigrations" not in source
    ruff = Path(sys.executable).parent / "ruff"
    formatted = subprocess.run(
        [str(ruff), "format", "--check", "--line-length", "100", "inspected.py"],
        cwd=project.root,
        capture_output=True,
        text=True,
    )
    assert formatted.returncode == 0, formatted.stdout + formatted.stderr
    assert "nothing to do" in ok(project.run("migrate", "plan"))
    missing = project.run("inspect", "NoSuchCollection")
    assert missing.returncode == 2
    assert "no such collections on the server: ['NoSuchCollection']" in missing.stdout
