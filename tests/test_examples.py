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


def test_library_app(repo_root: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "library"],
        cwd=repo_root / "examples",
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "stored 3 books, 0 refused" in out
    about = out.split("books about")[1].split("science books")[0].splitlines()
    assert "Notes on the Analytical Engine (1843)" in about[1]
    science = out.split("science books since 1800, newest first:")[1].split()
    assert science.index("1843") < science.index("1818")
    assert "The Last Man" not in out.split("science books")[1]
