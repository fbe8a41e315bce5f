"""The RBAC page's example (`examples/rbac.py`) runs against its own RBAC server."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def test_rbac_example(repo_root: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(repo_root / "examples" / "rbac.py")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "signed in as admin"
    assert lines[1] == "dashboard reads: ['Q3 figures']"
    assert lines[2].startswith("dashboard may not write: ")
    assert "insufficient permissions to create_data" in lines[2]
    assert lines[3] == "dashboard may not read Payroll: PERMISSION_DENIED"
    assert lines[4:] == [
        "the old key is refused",
        "the new key signs in as dashboard",
        "report-reader holds ['read_collections', 'read_data']",
        "held by ['dashboard']",
    ]
