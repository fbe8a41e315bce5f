"""Where `wvorm` reads its settings from: flags, then environment, then [tool.wvorm]."""

from __future__ import annotations

from pathlib import Path

import pytest

from wvorm._cli_settings import SettingsError, endpoint, load_models, pyproject_table, resolve


def test_a_flag_beats_the_environment_which_beats_pyproject() -> None:
    table = {"models": "app.models", "migrations": "db/migrations", "url": "http://table:1"}
    env = {"WEAVIATE_URL": "http://env:2", "WEAVIATE_GRPC_PORT": "7000"}
    from_table = resolve({}, {}, table)
    assert (from_table.models, from_table.directory, from_table.url) == (
        "app.models",
        Path("db/migrations"),
        "http://table:1",
    )
    from_env = resolve({}, env, table)
    assert (from_env.url, from_env.grpc_port) == ("http://env:2", 7000)
    from_flags = resolve({"url": "http://flag:3", "grpc_port": 9, "dir": "m"}, env, table)
    assert (from_flags.url, from_flags.grpc_port, from_flags.directory) == (
        "http://flag:3",
        9,
        Path("m"),
    )
    assert resolve({}, {}, {}).url == "http://localhost:8080"


def test_bad_settings_are_named() -> None:
    with pytest.raises(SettingsError, match="gRPC port must be a number, got 'x'"):
        resolve({}, {"WEAVIATE_GRPC_PORT": "x"}, {})
    with pytest.raises(SettingsError, match="--url must look like"):
        endpoint("ftp://host")
    assert endpoint("https://example.test") == ("example.test", 443, True)
    assert endpoint("localhost:8081") == ("localhost", 8081, False)


def test_pyproject_is_found_above_the_working_folder(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.wvorm]\nmodels = "shop.models"\n')
    (tmp_path / "src").mkdir()
    assert pyproject_table(tmp_path / "src") == {"models": "shop.models"}
    (tmp_path / "pyproject.toml").write_text("[tool.wvorm\n")
    with pytest.raises(SettingsError, match="not valid TOML"):
        pyproject_table(tmp_path)


def test_a_models_module_that_does_not_import_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.syspath_prepend(str(tmp_path))
    (tmp_path / "broken_models.py").write_text("import not_a_module_here\n")
    with pytest.raises(SettingsError, match=r"'broken_models' does not import"):
        load_models("broken_models")
    (tmp_path / "empty_models.py").write_text("x = 1\n")
    with pytest.raises(SettingsError, match="defines no WvModel classes"):
        load_models("empty_models")
    with pytest.raises(SettingsError, match="no models module"):
        load_models(None)
