"""Where the `wvorm` command's settings come from: flags, then the environment, then pyproject."""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from urllib.parse import urlsplit

from wvorm.migrate._history import DEFAULT_HISTORY
from wvorm.model import WvModel

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib


class SettingsError(Exception):
    """A setting is missing or wrong; the message names it and where it is read from."""


@dataclass(frozen=True)
class Settings:
    """Everything one `wvorm` command needs to know."""

    models: str | None
    directory: Path
    history: str
    url: str
    grpc_port: int
    api_key: str | None
    embedded: bool


def _pyproject(start: Path) -> Mapping[str, object]:
    """The nearest pyproject.toml at or above `start`, parsed (empty if there is none)."""
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            try:
                return tomllib.loads(candidate.read_text())
            except tomllib.TOMLDecodeError as error:
                raise SettingsError(f"{candidate}: not valid TOML: {error}") from error
    return {}


def _tool(start: Path, name: str) -> Mapping[str, object]:
    tools = _pyproject(start).get("tool", {})
    table = tools.get(name, {}) if isinstance(tools, dict) else {}
    if not isinstance(table, dict):
        raise SettingsError(f"pyproject.toml: [tool.{name}] must be a table")
    return table


def pyproject_table(start: Path) -> Mapping[str, object]:
    """`[tool.wvorm]` from the nearest pyproject.toml at or above `start` (empty if none)."""
    return _tool(start, "wvorm")


def ruff_line_length(start: Path) -> int:
    """`[tool.ruff] line-length` of the nearest pyproject.toml, else ruff's default of 88."""
    width = _tool(start, "ruff").get("line-length", 88)
    return width if isinstance(width, int) else 88


def resolve(
    flags: Mapping[str, object], environ: Mapping[str, str], table: Mapping[str, object]
) -> Settings:
    """Each setting from the first place that has it: flag, environment, `[tool.wvorm]`."""

    def pick(flag: str, env: str | None, key: str | None, default: object) -> object:
        if flags.get(flag) is not None:
            return flags[flag]
        if env is not None and environ.get(env):
            return environ[env]
        if key is not None and key in table:
            return table[key]
        return default

    grpc = pick("grpc_port", "WEAVIATE_GRPC_PORT", "grpc_port", 50051)
    try:
        grpc_port = int(str(grpc))
    except ValueError:
        raise SettingsError(f"the gRPC port must be a number, got {grpc!r}") from None
    models = pick("models", None, "models", None)
    api_key = pick("api_key", "WEAVIATE_API_KEY", None, None)
    return Settings(
        models=str(models) if models is not None else None,
        directory=Path(str(pick("dir", None, "migrations", "migrations"))),
        history=str(pick("history_collection", None, "history_collection", DEFAULT_HISTORY)),
        url=str(pick("url", "WEAVIATE_URL", "url", "http://localhost:8080")),
        grpc_port=grpc_port,
        api_key=str(api_key) if api_key is not None else None,
        embedded=bool(flags.get("embedded")),
    )


def endpoint(url: str) -> tuple[str, int, bool]:
    """Host, port and whether TLS is on, from `http(s)://host:port`."""
    parts = urlsplit(url if "://" in url else f"http://{url}")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SettingsError(f"--url must look like http://host:port, got {url!r}")
    secure = parts.scheme == "https"
    try:
        port = parts.port or (443 if secure else 80)
    except ValueError:
        raise SettingsError(f"--url has a bad port: {url!r}") from None
    return parts.hostname, port, secure


def load_models(module_name: str | None) -> list[type[WvModel]]:
    """The `WvModel` classes a module defines or imports, in the module's order."""
    if module_name is None:
        raise SettingsError(
            "no models module: pass --models package.module or set `models` in [tool.wvorm]"
        )
    if os.getcwd() not in sys.path:
        sys.path.insert(0, os.getcwd())
    try:
        module: ModuleType = importlib.import_module(module_name)
    except Exception as error:
        raise SettingsError(
            f"the models module {module_name!r} does not import: {error!r}"
        ) from error
    found = [
        value
        for value in vars(module).values()
        if isinstance(value, type) and issubclass(value, WvModel) and value is not WvModel
    ]
    if not found:
        raise SettingsError(f"the models module {module_name!r} defines no WvModel classes")
    return found
