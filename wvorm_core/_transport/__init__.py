"""I/O only: the sync and async transports that carry the operations' requests."""
