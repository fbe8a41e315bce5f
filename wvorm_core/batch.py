"""`client.batch`: import objects and references in the background, sync (threads) and asyncio.

    with client.batch.fixed_size(batch_size=200) as batch:
        for row in rows:
            batch.add_object("Article", properties=row)
    print(client.batch.failed_objects)

The logic (sizing, retries, reference ordering, the stream protocol, results) is
`wvorm_core._ops.batch`; the senders that move requests are `wvorm_core._batch`. The asyncio
fronts are written in `wvorm_core/_async/batch.py`; the blocking ones are generated from them.
"""

from wvorm_core._async.batch import AsyncBatchClient, AsyncClientBatch, AsyncClientStreamBatch
from wvorm_core._batch import ProgressCallback, progress_bar
from wvorm_core._ops.batch import BatchProgress, RetryPolicy
from wvorm_core._sync.batch import BatchClient, ClientBatch, ClientStreamBatch

__all__ = [
    "AsyncBatchClient",
    "AsyncClientBatch",
    "AsyncClientStreamBatch",
    "BatchClient",
    "BatchProgress",
    "ClientBatch",
    "ClientStreamBatch",
    "ProgressCallback",
    "RetryPolicy",
    "progress_bar",
]
