"""Single-object writes and references over REST (`/v1/objects/...`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal
from uuid import UUID

from wvorm_core._ops.batch import check_uuid, random_uuid
from wvorm_core._ops.calls import Op, rest
from wvorm_core._ops.encode import as_mapping, beacons, references_json, to_json, vector_list
from wvorm_core.classes.config import ConsistencyLevel, check_property_name
from wvorm_core.classes.data import ReferenceInput, ReferenceInputs, Vectors


@dataclass(frozen=True, slots=True)
class Scope:
    """The collection, tenant and consistency level every request of one handle carries."""

    collection: str
    tenant: str | None = None
    level: ConsistencyLevel | None = None

    def params(self, tenant: bool = True) -> dict[str, str]:
        """Query parameters; the tenant goes in the body of object writes instead."""
        out = {}
        if tenant and self.tenant:
            out["tenant"] = self.tenant
        if self.level is not None:
            out["consistency_level"] = ConsistencyLevel(self.level).value
        return out

    def object_path(self, uuid: object, where: str) -> tuple[str, UUID]:
        text, ident = check_uuid(uuid, where)
        return f"/objects/{self.collection}/{text}", ident


def _body(
    scope: Scope,
    properties: object,
    references: ReferenceInputs | None,
    vector: Vectors | None,
    where: str,
) -> dict[str, object]:
    props = (
        to_json(as_mapping(properties, f"{where}: properties")) if properties is not None else {}
    )
    if references:
        props.update(references_json(references))
    body: dict[str, object] = {"class": scope.collection, "properties": props}
    if scope.tenant:
        body["tenant"] = scope.tenant
    if vector is not None:
        if isinstance(vector, dict):
            body["vectors"] = {
                k: vector_list(v, f"{where}: vector {k!r}") for k, v in vector.items()
            }
        else:
            body["vector"] = vector_list(vector, f"{where}: vector")  # type: ignore[arg-type]
    return body


def insert(
    scope: Scope,
    properties: object,
    references: ReferenceInputs | None,
    uuid: object,
    vector: Vectors | None,
) -> Op[UUID]:
    """`POST /objects`: create one object; returns its uuid."""
    text, ident = random_uuid() if uuid is None else check_uuid(uuid, "insert: uuid")
    body = _body(scope, properties, references, vector, "insert")
    body["id"] = text
    yield from rest(
        "POST", "/objects", json=body, params=scope.params(tenant=False), timeout="insert",
        context="insert object",
    )  # fmt: skip
    return ident


def write(
    scope: Scope,
    uuid: object,
    properties: object,
    references: ReferenceInputs | None,
    vector: Vectors | None,
    *,
    merge: bool,
) -> Op[None]:
    """`PUT`: replace the whole object; with `merge`, `PATCH`: merge the given properties
    (and vector) into it."""
    method, verb, ok = ("PATCH", "update", (200, 204)) if merge else ("PUT", "replace", (200,))
    path, ident = scope.object_path(uuid, f"{verb}: uuid")
    body = _body(scope, properties, references, vector, verb)
    body["id"] = str(ident)
    yield from rest(
        method, path, json=body, params=scope.params(tenant=False), ok=ok, timeout="insert",
        context=f"{verb} object",
    )  # fmt: skip


def delete_by_id(scope: Scope, uuid: object) -> Op[bool]:
    """`DELETE`: True if the object existed."""
    path, _ = scope.object_path(uuid, "delete_by_id: uuid")
    reply = yield from rest(
        "DELETE", path, params=scope.params(), ok=(204, 404), timeout="insert",
        context="delete object",
    )  # fmt: skip
    return reply.status == 204


def exists(scope: Scope, uuid: object) -> Op[bool]:
    """`HEAD`: whether the object exists."""
    path, _ = scope.object_path(uuid, "exists: uuid")
    reply = yield from rest(
        "HEAD", path, params=scope.params(), ok=(204, 404), context="object existence"
    )
    return reply.status == 204


def _reference_path(scope: Scope, from_uuid: object, from_property: str, where: str) -> str:
    path, _ = scope.object_path(from_uuid, f"{where}: from_uuid")
    return f"{path}/references/{check_property_name(from_property)}"


def _per_beacon(
    method: Literal["POST", "DELETE"],
    scope: Scope,
    from_uuid: object,
    from_property: str,
    to: ReferenceInput,
) -> Op[None]:
    where, ok, context = (
        ("reference_add", (200,), "add reference")
        if method == "POST"
        else ("reference_delete", (204,), "delete reference")
    )
    path = _reference_path(scope, from_uuid, from_property, where)
    for beacon in beacons(to, f"{where}: to"):
        yield from rest(
            method, path, json=beacon, params=scope.params(), ok=ok, timeout="insert",
            context=context,
        )  # fmt: skip


def reference_add(
    scope: Scope, from_uuid: object, from_property: str, to: ReferenceInput
) -> Op[None]:
    """`POST .../references/{property}`, once per target uuid."""
    return _per_beacon("POST", scope, from_uuid, from_property, to)


def reference_delete(
    scope: Scope, from_uuid: object, from_property: str, to: ReferenceInput
) -> Op[None]:
    """`DELETE .../references/{property}`, once per target."""
    return _per_beacon("DELETE", scope, from_uuid, from_property, to)


def reference_replace(
    scope: Scope, from_uuid: object, from_property: str, to: ReferenceInput
) -> Op[None]:
    """`PUT .../references/{property}`: the property then points to exactly `to`."""
    path = _reference_path(scope, from_uuid, from_property, "reference_replace")
    yield from rest(
        "PUT", path, json=beacons(to, "reference_replace: to"), params=scope.params(),
        timeout="insert", context="replace references",
    )  # fmt: skip
