"""Typed repositories: `db.repo(Question)` inserts, reads, searches and deletes `Question`s.

`Repository` and `Reader` block; `AsyncRepository` and `AsyncReader` are their asyncio forms
(the blocking ones are generated from them, see `wvorm/_async/`).
"""

from wvorm._async.repository import AsyncReader, AsyncRepository
from wvorm._sync.repository import Reader, Repository

__all__ = ["AsyncReader", "AsyncRepository", "Reader", "Repository"]
