"""`client.batch.stream()` contexts, kept at this path; they are defined in `wvorm_core.batch`.

Server-side batching over one `BatchStream` gRPC call: the protocol is
`wvorm_core._ops.batch.StreamBatcher`, its drivers `wvorm_core._batch.stream`.
"""

from wvorm_core.batch import AsyncClientStreamBatch, ClientStreamBatch

__all__ = ["AsyncClientStreamBatch", "ClientStreamBatch"]
