"""Collection (schema) operations over REST `/v1/schema`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from wvorm_core._ops.calls import Op, rest
from wvorm_core._ops.config import schema_path
from wvorm_core._ops.json_values import JsonObject
from wvorm_core.classes.config import (
    check_collection_name,
)
from wvorm_core.exceptions import WeaviateError, WeaviateInvalidInputError

if TYPE_CHECKING:
    from wvorm_core.outputs.config import CollectionConfig, CollectionConfigSimple


def create(body: JsonObject) -> Op[CollectionConfig]:
    """Create a collection from its schema JSON; returns the configuration the server stored."""
    reply = yield from rest(
        "POST", "/schema", json=body, context=f"create collection {body.get('class')!r}"
    )
    from wvorm_core._ops.config_parse import parse_collection

    created = reply.json()
    if not isinstance(created, dict):
        raise WeaviateError(f"unexpected reply to create: {reply.body[:200]!r}")
    return parse_collection(created)


def check_create_dict(config: object) -> JsonObject:
    """A user-given schema dict, checked for what can be known before the network."""
    if not isinstance(config, dict) or not isinstance(config.get("class"), str):
        raise WeaviateInvalidInputError(
            f"create_from_dict takes a schema dict with a 'class' name, got {type(config).__name__}"
        )
    return {**config, "class": check_collection_name(config["class"])}


def delete(name: str) -> Op[None]:
    yield from rest("DELETE", schema_path(name), context=f"delete collection {name!r}")


def delete_many(names: str | Sequence[str]) -> Op[None]:
    """Delete one collection or several; a missing one is not an error."""
    for name in [names] if isinstance(names, str) else names:
        yield from delete(name)


def exists(name: str) -> Op[bool]:
    reply = yield from rest("GET", schema_path(name), ok=(200, 404))
    return reply.status == 200


def _classes() -> Op[list[JsonObject]]:
    reply = yield from rest("GET", "/schema", context="list collections")
    body = reply.json()
    classes = body.get("classes") if isinstance(body, dict) else None
    return [c for c in classes or () if isinstance(c, dict)]


def list_names() -> Op[list[str]]:
    return [str(c["class"]) for c in (yield from _classes())]


def list_full() -> Op[dict[str, CollectionConfig]]:
    from wvorm_core._ops.config_parse import parse_collection

    configs = [parse_collection(c) for c in (yield from _classes())]
    return {c.name: c for c in configs}


def list_simple() -> Op[dict[str, CollectionConfigSimple]]:
    from wvorm_core._ops.config_parse import parse_collection_simple

    configs = [parse_collection_simple(c) for c in (yield from _classes())]
    return {c.name: c for c in configs}


def delete_all() -> Op[None]:
    for name in (yield from list_names()):
        yield from delete(name)


def config_body(config: CollectionConfig) -> dict[str, object]:
    from wvorm_core.outputs.config import CollectionConfig

    if not isinstance(config, CollectionConfig):
        raise WeaviateInvalidInputError(
            f"create_from_config takes a CollectionConfig (from config.get()), got {config!r}"
        )
    return config.to_dict()
