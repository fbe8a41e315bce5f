"""Collection aliases over REST `/v1/aliases`."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from wvorm_core._ops.calls import Op, rest
from wvorm_core.classes.config import check_collection_name
from wvorm_core.exceptions import WeaviateError


@dataclass(frozen=True)
class Alias:
    """An alternative name (`alias`) under which a collection can be used."""

    alias: str
    collection: str


def _path(alias: str) -> str:
    return f"/aliases/{quote(check_collection_name(alias))}"


def _parse(data: object) -> Alias:
    if not isinstance(data, dict):
        raise WeaviateError(f"unexpected alias reply: {data!r}")
    return Alias(str(data.get("alias")), str(data.get("class")))


def create(alias: str, collection: str) -> Op[None]:
    body = {"alias": check_collection_name(alias), "class": check_collection_name(collection)}
    yield from rest("POST", "/aliases", json=body, context=f"create alias {alias!r}")


def list_all(collection: str | None = None) -> Op[dict[str, Alias]]:
    params = {"class": check_collection_name(collection)} if collection else None
    reply = yield from rest("GET", "/aliases", params=params, context="list aliases")
    body = reply.json()
    items = body.get("aliases") if isinstance(body, dict) else None
    aliases = [_parse(a) for a in items or ()]
    return {a.alias: a for a in aliases}


def get(alias: str) -> Op[Alias | None]:
    reply = yield from rest("GET", _path(alias), ok=(200, 404), context=f"get alias {alias!r}")
    return _parse(reply.json()) if reply.status == 200 else None


def update(alias: str, new_target_collection: str) -> Op[bool]:
    """Point `alias` at another collection; False if the alias does not exist."""
    reply = yield from rest(
        "PUT",
        _path(alias),
        json={"class": check_collection_name(new_target_collection)},
        ok=(200, 404),
        context=f"update alias {alias!r}",
    )
    return reply.status == 200


def delete(alias: str) -> Op[bool]:
    """Delete `alias`; False if it did not exist."""
    reply = yield from rest(
        "DELETE", _path(alias), ok=(200, 204, 404), context=f"delete alias {alias!r}"
    )
    return reply.status != 404
