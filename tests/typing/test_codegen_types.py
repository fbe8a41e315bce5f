"""Static types of `wvorm.codegen` (mypy only, never run)."""

from __future__ import annotations

from typing_extensions import assert_type

from wvorm.codegen import InspectError, models_source


def check(classes: list[dict[str, object]]) -> None:
    assert_type(models_source(classes), str)
    assert_type(models_source(classes, line_length=100), str)
    models_source(classes, line_length="wide")  # type: ignore[arg-type]
    assert issubclass(InspectError, ValueError)
