"""The wvorm pytest plugin as users meet it: loaded through its entry point in a pytest run of
their own, starting nothing unless a fixture asks; and the collection factory."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from wvorm_core import WeaviateClient
from wvorm_core.classes.config import DataType, Property
from wvorm_core.exceptions import WeaviateInvalidInputError
from wvorm_core.pytest_plugin import CollectionFactory


def _run_pytest(directory: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args],
        cwd=directory, capture_output=True, text=True, timeout=300,
        env={**os.environ, **env},
    )  # fmt: skip


def test_the_docs_example_suite_runs_on_the_plugin(repo_root: Path, tmp_path: Path) -> None:
    example = (repo_root / "examples" / "plugin_tests.py").read_text()
    (tmp_path / "test_books.py").write_text(example)
    run = _run_pytest(tmp_path, "-o", "asyncio_mode=auto")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "3 passed" in run.stdout


def test_the_plugin_starts_no_server_unless_asked(tmp_path: Path) -> None:
    (tmp_path / "test_plain.py").write_text("def test_plain():\n    assert 1 + 1 == 2\n")
    missing = str(tmp_path / "no-such-weaviate-server")
    run = _run_pytest(tmp_path, WEAVIATE_BINARY=missing)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "1 passed" in run.stdout
    fixtures = _run_pytest(tmp_path, "--fixtures", WEAVIATE_BINARY=missing)
    for name in ("weaviate_server", "weaviate_client", "weaviate_cluster"):
        assert name in fixtures.stdout


def test_factory_names_are_unique_and_cleaned_up(client: WeaviateClient) -> None:
    factory = CollectionFactory(client, prefix="plugin")
    first = factory(properties=[Property(name="n", data_type=DataType.INT)])
    second = factory()
    reserved = factory.unique_name()
    assert len({first.name, second.name, reserved}) == 3
    assert all(name.startswith("Plugin_") for name in (first.name, second.name, reserved))
    assert client.collections.exists(first.name)
    factory.cleanup()
    assert not client.collections.exists(first.name)
    assert not client.collections.exists(second.name)
    assert factory.names == []


def test_factory_refuses_a_bad_prefix_and_a_name(client: WeaviateClient) -> None:
    with pytest.raises(WeaviateInvalidInputError, match="prefix must start with a letter"):
        CollectionFactory(client, prefix="9lives")
    with pytest.raises(WeaviateInvalidInputError, match="the factory chooses"):
        CollectionFactory(client)(name="Mine")
