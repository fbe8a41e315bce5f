"""`wvorm.codegen` against a real server: the written models format, type-check, import, and
recreate the inspected collections setting for setting, and `plan` finds nothing to change."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import httpx
import pytest

import wvorm_core
from tests.orm.inspect_schemas import PREFIX, SCHEMAS, create_set, live, renamed
from wvorm import WvModel, info_of
from wvorm.codegen import models_source
from wvorm.migrate import plan
from wvorm_core.classes.config import collection_schema
from wvorm_core.embedded import EmbeddedServer

FIXTURE = Path(__file__).parent / "fixtures" / "inspect_schema.json"
BIN = Path(sys.executable).parent


@pytest.fixture
def http(server: EmbeddedServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=f"http://{server.host}:{server.port}", timeout=30) as client:
        yield client


@pytest.fixture
def prefix(http: httpx.Client) -> Iterator[str]:
    """A unique collection-name prefix; every collection starting with it is deleted after."""
    name = f"Insp{uuid.uuid4().hex[:8]}"
    yield name
    for schema in http.get("/v1/schema").json()["classes"]:
        if schema["class"].startswith(name):
            http.delete(f"/v1/schema/{schema['class']}")


def _import(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module  # pydantic resolves forward references through it
    spec.loader.exec_module(module)
    return module


def _models(module: ModuleType) -> list[type[WvModel]]:
    return [
        m
        for m in vars(module).values()
        if isinstance(m, type) and issubclass(m, WvModel) and m.__module__ == module.__name__
    ]


def test_inspected_models_recreate_the_schema(
    client: wvorm_core.WeaviateClient, http: httpx.Client, prefix: str, tmp_path: Path
) -> None:
    originals = [renamed(s, PREFIX, prefix) for s in SCHEMAS]
    create_set(http, originals)  # type: ignore[arg-type]
    names = [str(s["class"]) for s in originals]  # type: ignore[index]
    schemas = [live(http, n) for n in names]

    source = models_source(schemas)
    path = tmp_path / f"inspected_{prefix.lower()}.py"
    path.write_text(source)

    formatted = subprocess.run(
        [BIN / "ruff", "format", "--isolated", "--check", "--diff", path],
        capture_output=True,
        text=True,
    )
    assert formatted.returncode == 0, formatted.stdout + formatted.stderr
    checked = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", tmp_path / ".mypy", path],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr

    module = _import(path)
    models = _models(module)
    assert sorted(info_of(m).collection for m in models) == sorted(names)
    planned = plan(client, models)
    assert planned.is_empty, planned.table()

    copy = f"{prefix}Copy"
    bodies = [
        renamed(collection_schema(**info_of(m).create_arguments()), prefix, copy) for m in models
    ]
    create_set(http, bodies)  # type: ignore[arg-type]
    for name, schema in zip(names, schemas, strict=True):
        recreated = renamed(live(http, name.replace(prefix, copy, 1)), copy, prefix)
        assert recreated == schema, name

    if os.environ.get("WVORM_RECORD_INSPECT"):
        FIXTURE.write_text(json.dumps(renamed(schemas, prefix, PREFIX), indent=1) + "\n")
    recorded = json.loads(FIXTURE.read_text())
    assert renamed(schemas, prefix, PREFIX) == recorded, "re-record: WVORM_RECORD_INSPECT=1"


def test_output_is_short_where_the_server_has_defaults(http: httpx.Client, prefix: str) -> None:
    body = {"class": f"{prefix}Plain", "properties": [{"name": "title", "dataType": ["text"]}]}
    http.post("/v1/schema", json=body).raise_for_status()
    source = models_source([live(http, f"{prefix}Plain")])
    assert source.endswith(
        f"class {prefix}Plain(WvModel):\n    title: Prop[str | None] = Field(default=None)\n"
    )
