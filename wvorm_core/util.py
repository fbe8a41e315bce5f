"""Helpers in the shape of the official client's `weaviate.util`."""

from __future__ import annotations

import uuid


def generate_uuid5(identifier: object, namespace: object = "") -> uuid.UUID:
    """A deterministic uuid for `identifier` (and an optional `namespace`, e.g. a collection).

    The same inputs always give the same uuid (the official client's scheme: uuid5 in the DNS
    namespace of `str(namespace) + str(identifier)`), so re-importing an object overwrites it
    instead of duplicating it.
    """
    return uuid.uuid5(uuid.NAMESPACE_DNS, str(namespace) + str(identifier))
