"""Helpers in the shape of the official client's `weaviate.util`."""

from __future__ import annotations

import base64
import uuid
from pathlib import Path
from typing import BinaryIO


def generate_uuid5(identifier: object, namespace: object = "") -> uuid.UUID:
    """A deterministic uuid for `identifier` (and an optional `namespace`, e.g. a collection).

    The same inputs always give the same uuid (the official client's scheme: uuid5 in the DNS
    namespace of `str(namespace) + str(identifier)`), so re-importing an object overwrites it
    instead of duplicating it.
    """
    return uuid.uuid5(uuid.NAMESPACE_DNS, str(namespace) + str(identifier))


def file_encoder_b64(file_or_path: str | Path | BinaryIO) -> str:
    """The base64 text of a file's bytes (a path, or a file opened in binary mode), as
    `near_image` and blob properties take it."""
    if isinstance(file_or_path, (str, Path)):
        data = Path(file_or_path).read_bytes()
    else:
        data = file_or_path.read()
    return base64.b64encode(data).decode("ascii")
