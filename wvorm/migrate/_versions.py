"""Which Weaviate version each kind of step needs."""

from __future__ import annotations

import re

from wvorm_core.exceptions import WeaviateInvalidInputError

Version = tuple[int, int, int]

ADD_NAMED_VECTOR = "1.31"
ALIASES = "1.32"
OBJECT_TTL = "1.35"
DELETE_PROPERTY_INDEX = "1.36"
STOPWORD_PRESETS = "1.37"
REINDEX = "1.39"


def parse_version(text: str) -> Version:
    """`"1.39.2"` -> `(1, 39, 2)`; a pre-release or build suffix is ignored."""
    found = (
        re.match(r"^v?(\d+)\.(\d+)(?:\.(\d+))?", text.strip()) if isinstance(text, str) else None
    )
    if found is None:
        raise WeaviateInvalidInputError(f"server_version {text!r} is not a version like '1.39.2'")
    major, minor, patch = found.groups()
    return int(major), int(minor), int(patch or 0)


def supports(server: Version, needed: str) -> bool:
    return server >= parse_version(needed)
