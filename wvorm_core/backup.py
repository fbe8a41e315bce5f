"""`client.backup`: back up collections (with their aliases) and restore them."""

from wvorm_core._async.backup import AsyncBackupNamespace
from wvorm_core._sync.backup import BackupNamespace

__all__ = ["AsyncBackupNamespace", "BackupNamespace"]
