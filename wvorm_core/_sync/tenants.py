# Generated from wvorm_core/_async/tenants.py by scripts/unasync.py; do not edit.
"""`collection.tenants`: create, list, update and remove the tenants of a collection."""

from __future__ import annotations

from collections.abc import Sequence

from wvorm_core._ops import tenants as tenant_ops
from wvorm_core._ops.tenants import TenantInput, as_tenants, tenant_name
from wvorm_core._transport.base import Transport
from wvorm_core.classes.tenants import Tenant


class Tenants:
    """The tenants of one multi-tenant collection (blocking)."""

    def __init__(self, transport: Transport, collection: str) -> None:
        self._transport = transport
        self._collection = collection

    def create(self, tenants: TenantInput | Sequence[TenantInput]) -> None:
        """Create tenants (ACTIVE unless a `Tenant` says otherwise)."""
        return self._transport.run(tenant_ops.create(self._collection, as_tenants(tenants)))

    def update(self, tenants: Tenant | Sequence[Tenant]) -> None:
        """Change the activity status of existing tenants."""
        return self._transport.run(tenant_ops.update(self._collection, as_tenants(tenants)))

    def remove(self, tenants: TenantInput | Sequence[TenantInput]) -> None:
        """Delete tenants and all their objects."""
        names = [t.name for t in as_tenants(tenants)]
        return self._transport.run(tenant_ops.remove(self._collection, names))

    def get(self) -> dict[str, Tenant]:
        """All tenants, keyed by name."""
        return self._transport.run(tenant_ops.get(self._collection))

    def get_by_names(self, tenants: Sequence[TenantInput]) -> dict[str, Tenant]:
        """The given tenants that exist, keyed by name."""
        names = [tenant_name(t) for t in tenants]
        return self._transport.run(tenant_ops.get(self._collection, names))

    def get_by_name(self, tenant: TenantInput) -> Tenant | None:
        """One tenant, or None if it does not exist."""
        return self._transport.run(tenant_ops.get_by_name(self._collection, tenant))

    def exists(self, tenant: TenantInput) -> bool:
        return self._transport.run(tenant_ops.exists(self._collection, tenant_name(tenant)))
