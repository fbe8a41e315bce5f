"""The harness's one pytest plugin for the official client's integration suite.

Loaded with `-p plugin` by `compat/run.py` in both runs. It

- records every test's outcome (and every file that fails to import) as JSON lines in
  `$WVORM_COMPAT_OUT`;
- runs only the tests named in `$WVORM_COMPAT_SELECT`, if set, and stops a test after
  `$WVORM_COMPAT_TIMEOUT` seconds;
- with `WVORM_COMPAT_MODE=wvorm_core`, answers `import weaviate` (and every `weaviate.x.y`)
  with `wvorm_core` modules, mapping the official client's deep private paths
  (`weaviate.collections.classes.config`, ...) to where the same public names live in
  `wvorm_core`, and gives clients and collections the one private probe the suite reads,
  `._connection._weaviate_version` and `metadata._is_empty()`. Test bodies and assertions are
  not touched.
"""

from __future__ import annotations

import dataclasses
import importlib
import importlib.abc
import importlib.machinery
import json
import os
import signal
import sys
import types
from collections.abc import Iterator, Sequence
from typing import Any

import pytest

MODE = os.environ.get("WVORM_COMPAT_MODE", "official")
OUT = os.environ.get("WVORM_COMPAT_OUT")
SELECT = os.environ.get("WVORM_COMPAT_SELECT")
TIMEOUT = int(os.environ.get("WVORM_COMPAT_TIMEOUT", "120"))
SERVER_VERSION = os.environ.get("WVORM_COMPAT_SERVER_VERSION", "1.39.2")

# Where the official client's modules live in wvorm_core, where the path differs (a deep
# private module of the official client may hold names that wvorm_core keeps in several
# modules; they are looked up in order); every other `weaviate.x` is `wvorm_core.x`.
MODULE_MAP: dict[str, tuple[str, ...]] = {
    "weaviate.collections.classes.config": (
        "wvorm_core.classes.config",
        "wvorm_core.outputs.config",
    ),
    "weaviate.collections.classes.config_named_vectors": ("wvorm_core.classes.config",),
    "weaviate.collections.classes.config_vectors": ("wvorm_core.classes.config",),
    "weaviate.collections.classes.grpc": ("wvorm_core.classes.query", "wvorm_core.types"),
    "weaviate.collections.classes.data": ("wvorm_core.classes.data",),
    "weaviate.collections.classes.filters": ("wvorm_core.classes.filters", "wvorm_core.types"),
    "weaviate.collections.classes.tenants": ("wvorm_core.classes.tenants",),
    "weaviate.collections.classes.aggregate": (
        "wvorm_core.classes.aggregate",
        "wvorm_core.outputs.aggregate",
    ),
    "weaviate.collections.classes.batch": ("wvorm_core.outputs.batch",),
    "weaviate.collections.classes.internal": (
        "wvorm_core.outputs.query",
        "wvorm_core.classes.data",
        "wvorm_core.types",
    ),
    "weaviate.collections.classes.generative": ("wvorm_core.classes.generate",),
    "weaviate.collections.classes.types": ("wvorm_core.types",),
    "weaviate.collections.tenants": ("wvorm_core.classes.tenants",),
    "weaviate.collections.data": ("wvorm_core.collections",),
    "weaviate.collections.iterator": ("wvorm_core.collections",),
    "weaviate.collections.collection.async_": ("wvorm_core.collections",),
    "weaviate.rbac.models": ("wvorm_core.classes.rbac", "wvorm_core.outputs.rbac"),
    "weaviate.backup.backup": ("wvorm_core.classes.backup", "wvorm_core.outputs.backup"),
    "weaviate.export.export": ("wvorm_core.classes.export", "wvorm_core.outputs.export"),
    "weaviate.connect.helpers": ("wvorm_core.connect",),
}


# The official client's private version gates that the suite imports, with their values (the
# server versions that carry a feature); the plugin answers them for wvorm_core.
PRIVATE_VALUES: dict[str, dict[str, object]] = {
    "weaviate.collections.grpc.shared": {
        "_BM25_AND_CROSS_MIN_VERSIONS": ((1, 37, 15), (1, 38, 8), (1, 39, 0)),
        "_BM25_AND_CROSS_MIN_VERSIONS_STR": "1.37.15 or 1.38.8 or 1.39.0",
    },
}


def _targets(fullname: str) -> tuple[str, ...]:
    return MODULE_MAP.get(fullname, ("wvorm_core" + fullname[len("weaviate") :],))


def _has_children(fullname: str) -> bool:
    return any(key.startswith(fullname + ".") for key in (*MODULE_MAP, *PRIVATE_VALUES))


class _Proxy(types.ModuleType):
    """`weaviate.x` as a view of the wvorm_core module answering it: every attribute is read
    from `target`. A private name (`_X`) that wvorm_core lacks reads as `typing.Any`, since
    the suite imports the official client's private classes for annotations; used at run
    time (`isinstance`), `Any` fails the test, as it should."""

    def __init__(self, name: str, targets: list[types.ModuleType], package: bool) -> None:
        answered = ", ".join(t.__name__ for t in targets) or "nothing"
        super().__init__(name, f"{name}, answered by {answered}")
        self._targets = targets
        if package:
            self.__path__: list[str] = []

    def __getattr__(self, name: str) -> Any:
        given = PRIVATE_VALUES.get(self.__name__, {})
        if name in given:
            return given[name]
        for target in self._targets:
            if hasattr(target, name):
                return getattr(target, name)
        if name.startswith("_") and not name.startswith("__"):
            return Any
        raise AttributeError(f"module {self.__name__!r} has no attribute {name!r}")


class _ProxyLoader(importlib.abc.Loader):
    def __init__(self, targets: list[types.ModuleType], package: bool) -> None:
        self.targets = targets
        self.package = package

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType:
        return _Proxy(spec.name, self.targets, self.package)

    def exec_module(self, module: types.ModuleType) -> None:
        """Nothing to run: the proxy reads the target module."""


class WeaviateAsWvormCore(importlib.abc.MetaPathFinder):
    """Answers `import weaviate...` with views of wvorm_core's modules."""

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: types.ModuleType | None = None,
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname != "weaviate" and not fullname.startswith("weaviate."):
            return None
        modules = []
        for name in _targets(fullname):
            try:
                modules.append(importlib.import_module(name))
            except ModuleNotFoundError as error:
                if error.name is None or not name.startswith(error.name):
                    raise
        if not modules and not _has_children(fullname) and fullname not in PRIVATE_VALUES:
            looked = " or ".join(repr(name) for name in _targets(fullname))
            raise ModuleNotFoundError(
                f"No module named {fullname!r} (looked for {looked})", name=fullname
            )
        package = _has_children(fullname) or any(hasattr(m, "__path__") for m in modules)
        loader = _ProxyLoader(modules, package)
        return importlib.machinery.ModuleSpec(fullname, loader, is_package=package)


class _VersionProbe:
    """What the suite reads from `_connection._weaviate_version`."""

    def __init__(self, text: str) -> None:
        self.major, self.minor, self.patch = (int(part) for part in text.split(".")[:3])

    def _tuple(self) -> tuple[int, int, int]:
        return (self.major, self.minor, self.patch)

    def is_at_least(self, major: int, minor: int, patch: int) -> bool:
        return self._tuple() >= (major, minor, patch)

    def is_lower_than(self, major: int, minor: int, patch: int) -> bool:
        return self._tuple() < (major, minor, patch)

    def is_at_least_any(self, *minimums: tuple[int, int, int]) -> bool:
        for major, minor, patch in reversed(minimums):
            if (self.major, self.minor) >= (major, minor):
                return self.is_at_least(major, minor, patch)
        return False

    def __str__(self) -> str:
        return ".".join(map(str, self._tuple()))


class _ConnectionProbe:
    def __init__(self) -> None:
        self._weaviate_version = _VersionProbe(SERVER_VERSION)


def _metadata_is_empty(metadata: object) -> bool:
    return all(getattr(metadata, f.name) is None for f in dataclasses.fields(metadata))  # type: ignore[arg-type]


def _add_private_probes() -> None:
    """The private members the suite reads: `_connection._weaviate_version` of clients and
    collections, and `metadata._is_empty()` of a result object."""
    from wvorm_core import client
    from wvorm_core._async import collection as async_collection
    from wvorm_core._sync import collection as sync_collection
    from wvorm_core.outputs.query import MetadataReturn

    probe = _ConnectionProbe()
    owners: list[Any] = [
        client.WeaviateClient,
        client.WeaviateAsyncClient,
        sync_collection.Collection,
        async_collection.AsyncCollection,
    ]
    for owner in owners:
        if not hasattr(owner, "_connection"):
            owner._connection = probe
    if not hasattr(MetadataReturn, "_is_empty"):
        MetadataReturn._is_empty = _metadata_is_empty  # type: ignore[attr-defined]


if MODE == "wvorm_core":
    if any(name == "weaviate" or name.startswith("weaviate.") for name in sys.modules):
        raise RuntimeError("the official client was imported before the compat plugin")
    sys.meta_path.insert(0, WeaviateAsWvormCore())
    _add_private_probes()


def _write(record: dict[str, str]) -> None:
    if OUT:
        with open(OUT, "a") as out:
            out.write(json.dumps(record) + "\n")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not SELECT:
        return
    with open(SELECT) as listed:
        wanted = {line.strip() for line in listed if line.strip()}
    kept = [item for item in items if item.nodeid in wanted]
    config.hook.pytest_deselected(items=[item for item in items if item.nodeid not in wanted])
    items[:] = kept


def pytest_collectreport(report: pytest.CollectReport) -> None:
    if report.failed:
        text = str(report.longrepr).strip().splitlines()
        _write({"file": report.nodeid, "outcome": "import-error", "why": text[-1] if text else ""})


class TestTimeout(Exception):
    """A test ran longer than the harness allows."""


def _on_alarm(signum: int, frame: object) -> None:
    raise TestTimeout(f"the test ran longer than {TIMEOUT} s")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.alarm(TIMEOUT)
    try:
        return (yield)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


_outcomes: dict[str, tuple[str, str]] = {}


def _last_line(report: pytest.TestReport) -> str:
    if isinstance(report.longrepr, tuple):
        return str(report.longrepr[-1])
    lines = str(report.longrepr).strip().splitlines()
    return lines[-1][:300] if lines else ""


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Keep a test's first outcome that is not a pass (setup, call or teardown)."""
    if _outcomes.get(report.nodeid, ("passed", ""))[0] == "passed":
        if report.failed:
            outcome = "failed" if report.when == "call" else "error"
            _outcomes[report.nodeid] = (outcome, _last_line(report))
        elif report.skipped:
            _outcomes[report.nodeid] = ("skipped", _last_line(report))
        else:
            _outcomes[report.nodeid] = ("passed", "")
    if report.when == "teardown":
        outcome, why = _outcomes.pop(report.nodeid)
        _write({"test": report.nodeid, "outcome": outcome, "why": why})
