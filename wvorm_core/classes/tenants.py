"""Tenant inputs: `Tenant`, `TenantActivityStatus` (v4 shapes)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from wvorm_core.exceptions import WeaviateInvalidInputError

__all__ = [
    "Tenant",
    "TenantActivityStatus",
    "TenantCreate",
    "TenantCreateInputType",
    "TenantUpdate",
    "TenantUpdateInputType",
]


class TenantActivityStatus(str, Enum):
    """Where a tenant's data lives and whether it can be queried."""

    ACTIVE = "ACTIVE"
    INACTIVE = "INACTIVE"
    OFFLOADED = "OFFLOADED"
    OFFLOADING = "OFFLOADING"
    ONLOADING = "ONLOADING"
    # The official client's deprecated names, kept as aliases of the current ones.
    HOT = "ACTIVE"
    COLD = "INACTIVE"
    FROZEN = "OFFLOADED"


_SETTABLE = frozenset(
    {TenantActivityStatus.ACTIVE, TenantActivityStatus.INACTIVE, TenantActivityStatus.OFFLOADED}
)


@dataclass(frozen=True)
class Tenant:
    """A tenant of a multi-tenant collection and its activity status."""

    name: str
    activity_status: TenantActivityStatus = TenantActivityStatus.ACTIVE

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name:
            raise WeaviateInvalidInputError(f"a tenant needs a non-empty name, got {self.name!r}")
        object.__setattr__(self, "activity_status", TenantActivityStatus(self.activity_status))

    def to_dict(self) -> dict[str, object]:
        """The REST JSON of this tenant for a create or update request."""
        if self.activity_status not in _SETTABLE:
            raise WeaviateInvalidInputError(
                f"tenant {self.name!r}: {self.activity_status.value} is reported by the server, "
                f"it cannot be set (use ACTIVE, INACTIVE or OFFLOADED)"
            )
        return {"name": self.name, "activityStatus": self.activity_status.value}


TenantCreate = Tenant
TenantUpdate = Tenant

TenantCreateInputType = str | Tenant
"""A tenant to create: its name (created ACTIVE) or a `Tenant`."""

TenantUpdateInputType = Tenant
"""A tenant's new activity status."""
