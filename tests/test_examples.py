"""The README's demo runs and prints query results from a real server."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def test_quickstart(repo_root: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(repo_root / "examples" / "quickstart.py")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "imported 30 questions, 0 refused" in out
    near_text = out.split("near_text")[1].split("fetch_objects")[0]
    assert "Which organ pumps blood through the human body?" in near_text
    filtered = out.split("fetch_objects")[1]
    assert "Which planet is known for its bright rings?" in filtered
    assert "What is the largest planet in the solar system?" not in filtered  # 100 points
    assert "Saturn" not in filtered  # only the question is printed
