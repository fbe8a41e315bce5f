"""Tenants as the server reports them."""

from wvorm_core.classes.tenants import Tenant, TenantActivityStatus

__all__ = ["Tenant", "TenantActivityStatus"]
