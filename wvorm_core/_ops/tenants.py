"""Tenants of a multi-tenant collection: REST `/v1/schema/{name}/tenants`, gRPC `TenantsGet`."""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import quote

from wvorm_core._ops.calls import Op, grpc, rest
from wvorm_core._ops.config import schema_path
from wvorm_core.classes.tenants import Tenant, TenantActivityStatus
from wvorm_core.exceptions import WeaviateInvalidInputError
from wvorm_core.proto.v1 import tenants_pb2

SERVICE = "weaviate.v1.Weaviate"
_Status = tenants_pb2.TenantActivityStatus
_STATUSES: dict[int, TenantActivityStatus] = {
    _Status.TENANT_ACTIVITY_STATUS_HOT: TenantActivityStatus.ACTIVE,
    _Status.TENANT_ACTIVITY_STATUS_ACTIVE: TenantActivityStatus.ACTIVE,
    _Status.TENANT_ACTIVITY_STATUS_COLD: TenantActivityStatus.INACTIVE,
    _Status.TENANT_ACTIVITY_STATUS_INACTIVE: TenantActivityStatus.INACTIVE,
    _Status.TENANT_ACTIVITY_STATUS_FROZEN: TenantActivityStatus.OFFLOADED,
    _Status.TENANT_ACTIVITY_STATUS_OFFLOADED: TenantActivityStatus.OFFLOADED,
    _Status.TENANT_ACTIVITY_STATUS_FREEZING: TenantActivityStatus.OFFLOADING,
    _Status.TENANT_ACTIVITY_STATUS_OFFLOADING: TenantActivityStatus.OFFLOADING,
    _Status.TENANT_ACTIVITY_STATUS_UNFREEZING: TenantActivityStatus.ONLOADING,
    _Status.TENANT_ACTIVITY_STATUS_ONLOADING: TenantActivityStatus.ONLOADING,
}

TenantInput = str | Tenant
"""A tenant given by name (created or set ACTIVE) or as a `Tenant`."""


def as_tenants(tenants: TenantInput | Sequence[TenantInput]) -> list[Tenant]:
    """Tenants from names and `Tenant` values; refuses an empty list and duplicates."""
    items = [tenants] if isinstance(tenants, (str, Tenant)) else list(tenants)
    out = [Tenant(t) if isinstance(t, str) else t for t in items]
    for t in out:
        if not isinstance(t, Tenant):
            raise WeaviateInvalidInputError(f"tenants are names or Tenant values, got {t!r}")
    if not out:
        raise WeaviateInvalidInputError("no tenants given")
    names = [t.name for t in out]
    if duplicates := sorted({n for n in names if names.count(n) > 1}):
        raise WeaviateInvalidInputError(f"tenants given twice: {duplicates}")
    return out


def tenant_name(tenant: TenantInput) -> str:
    name = tenant.name if isinstance(tenant, Tenant) else tenant
    if not isinstance(name, str) or not name:
        raise WeaviateInvalidInputError(f"a tenant needs a non-empty name, got {tenant!r}")
    return name


def parse_reply(reply: tenants_pb2.TenantsGetReply) -> dict[str, Tenant]:
    return {
        t.name: Tenant(t.name, _STATUSES.get(t.activity_status, TenantActivityStatus.INACTIVE))
        for t in reply.tenants
    }


def get_request(collection: str, names: Sequence[str] | None) -> tenants_pb2.TenantsGetRequest:
    request = tenants_pb2.TenantsGetRequest(collection=collection)
    if names is not None:
        request.names.values.extend(names)
    return request


def get(collection: str, names: Sequence[str] | None = None) -> Op[dict[str, Tenant]]:
    """All tenants, or those among `names` that exist, keyed by name."""
    reply = yield from grpc(
        SERVICE, "TenantsGet", get_request(collection, names), tenants_pb2.TenantsGetReply
    )
    return parse_reply(reply)


def _change(method: str, collection: str, body: list[object], verb: str) -> Op[None]:
    yield from rest(
        method,
        f"{schema_path(collection)}/tenants",
        json=body,
        context=f"{verb} tenants of {collection!r}",
    )


def create(collection: str, tenants: Sequence[Tenant]) -> Op[None]:
    return _change("POST", collection, [t.to_dict() for t in tenants], "create")


def update(collection: str, tenants: Sequence[Tenant]) -> Op[None]:
    return _change("PUT", collection, [t.to_dict() for t in tenants], "update")


def remove(collection: str, names: Sequence[str]) -> Op[None]:
    return _change("DELETE", collection, list(names), "remove")


def exists(collection: str, name: str) -> Op[bool]:
    reply = yield from rest(
        "HEAD",
        f"{schema_path(collection)}/tenants/{quote(name)}",
        ok=(200, 404),
        context=f"tenant {name!r} of {collection!r}",
    )
    return reply.status == 200


def get_by_name(collection: str, tenant: TenantInput) -> Op[Tenant | None]:
    name = tenant_name(tenant)
    found = yield from get(collection, [name])
    return found.get(name)
