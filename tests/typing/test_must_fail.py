"""Files under `fail/` must not type-check: each `# E: <text>` line must get that mypy error."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from mypy import api

FAIL_DIR = Path(__file__).parent / "fail"
EXPECTED = re.compile(r"#\s*E:\s*(.+)$")


def _expected(path: Path) -> dict[int, str]:
    lines = path.read_text().splitlines()
    return {
        n: m.group(1).strip() for n, line in enumerate(lines, 1) if (m := EXPECTED.search(line))
    }


@pytest.mark.parametrize("path", sorted(FAIL_DIR.glob("*.py")), ids=lambda p: p.stem)
def test_mypy_rejects(path: Path) -> None:
    expected = _expected(path)
    assert expected, f"{path.name} marks no expected error"
    stdout, _, _ = api.run(["--strict", "--no-incremental", "--show-error-codes", str(path)])
    errors: dict[int, list[str]] = {}
    for output in stdout.splitlines():
        match = re.match(r"(.+?):(\d+): error: (.+)", output)
        if match and Path(match.group(1)).name == path.name:
            errors.setdefault(int(match.group(2)), []).append(match.group(3))
    for line, text in expected.items():
        assert any(text in e for e in errors.get(line, [])), f"line {line}: {errors.get(line)}"
    unexpected = {n: e for n, e in errors.items() if n not in expected}
    assert unexpected == {}
