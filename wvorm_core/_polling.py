"""Pauses between the status polls of long-running server jobs (backups, exports).

`AsyncPoller` and `Poller` are the two forms of one schedule, so that an asyncio front and
its generated blocking twin wait alike: 0.1 s at first, doubling up to 1 s.
"""

from __future__ import annotations

import asyncio
import time

FIRST_PAUSE = 0.1
LONGEST_PAUSE = 1.0


class Poller:
    """Blocking pauses on the polling schedule."""

    def __init__(self) -> None:
        self._next = FIRST_PAUSE

    def pause(self) -> None:
        time.sleep(self._next)
        self._next = min(self._next * 2, LONGEST_PAUSE)


class AsyncPoller:
    """Awaitable pauses on the polling schedule."""

    def __init__(self) -> None:
        self._next = FIRST_PAUSE

    async def pause(self) -> None:
        await asyncio.sleep(self._next)
        self._next = min(self._next * 2, LONGEST_PAUSE)
