"""`Database` and `AsyncDatabase`: create and drop model collections, hand out repositories."""

from wvorm._async.database import AsyncDatabase
from wvorm._sync.database import Database
from wvorm._writing import creation_order

__all__ = ["AsyncDatabase", "Database", "creation_order"]
