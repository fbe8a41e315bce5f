"""The official client's public names exist under `wvorm_core` at the same import path.

Walks the installed `weaviate-client`'s documented modules (`weaviate`, every
`weaviate.classes.*` and `weaviate.outputs.*`, `weaviate.config`, `weaviate.auth`,
`weaviate.util`, `weaviate.exceptions`): a module's `__all__`, or, without one, the classes
and functions it defines. Names still missing are recorded in `missing_public_names.txt`;
the test fails when a name goes missing that is not recorded, and when a recorded name
exists now (then delete its line), so the list only shrinks. Rewrite the file with
`python tests/compat/test_public_names.py --update`.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

RECORDED = Path(__file__).with_name("missing_public_names.txt")
MODULES = ("weaviate", "weaviate.config", "weaviate.auth", "weaviate.util", "weaviate.exceptions")
PACKAGES = ("weaviate.classes", "weaviate.outputs")


def official_modules() -> list[str]:
    names = list(MODULES)
    for package in PACKAGES:
        module = importlib.import_module(package)
        names.append(package)
        names += [f"{package}.{info.name}" for info in pkgutil.iter_modules(module.__path__)]
    return names


def public_names(module: ModuleType) -> list[str]:
    listed = getattr(module, "__all__", None)
    if listed is not None:
        return sorted(listed)
    return sorted(
        name
        for name, value in vars(module).items()
        if not name.startswith("_")
        and (inspect.isclass(value) or inspect.isfunction(value))
        and value.__module__ == module.__name__
    )


def missing_names() -> list[str]:
    """`missing_here()` in a fresh interpreter, so that what other tests imported does not
    count (`import wvorm_core.classes` alone must give `wvorm_core.classes.backup`)."""
    script = [sys.executable, __file__, "--print"]
    return subprocess.run(script, check=True, capture_output=True, text=True).stdout.split()


def missing_here() -> list[str]:
    """`module:name` for every official public name wvorm_core lacks at the same path
    (`module:*` when the whole module is missing)."""
    missing = []
    for name in official_modules():
        official = importlib.import_module(name)
        ours_name = "wvorm_core" + name[len("weaviate") :]
        try:
            ours = importlib.import_module(ours_name)
        except ModuleNotFoundError:
            missing.append(f"{name}:*")
            continue
        missing += [f"{name}:{attr}" for attr in public_names(official) if not hasattr(ours, attr)]
    return missing


def recorded() -> set[str]:
    lines = RECORDED.read_text().splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def test_the_walk_finds_the_documented_names() -> None:
    modules = official_modules()
    assert {"weaviate.classes.init", "weaviate.classes.rbac", "weaviate.classes.backup"} <= set(
        modules
    )
    assert "Configure" in public_names(importlib.import_module("weaviate.classes.config"))
    assert "WeaviateBaseError" in public_names(importlib.import_module("weaviate.exceptions"))


def test_no_public_name_goes_missing() -> None:
    new = sorted(set(missing_names()) - recorded())
    assert not new, "official public names missing from wvorm_core:\n" + "\n".join(new)


def test_the_missing_list_only_shrinks() -> None:
    found = sorted(recorded() - set(missing_names()))
    assert not found, (
        f"these names exist in wvorm_core now; delete their lines from {RECORDED.name}:\n"
        + "\n".join(found)
    )


if __name__ == "__main__":
    if sys.argv[1:] == ["--print"]:
        print("\n".join(missing_here()))
    elif sys.argv[1:] == ["--update"]:
        header = "# Official public names wvorm_core still lacks (see test_public_names.py).\n"
        RECORDED.write_text(header + "".join(f"{line}\n" for line in missing_here()))
