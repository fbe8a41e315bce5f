"""`client.debug`: raw reads that bypass search, for debugging."""

from wvorm_core._async.debug import AsyncDebugNamespace
from wvorm_core._sync.debug import DebugNamespace

__all__ = ["AsyncDebugNamespace", "DebugNamespace"]
