"""Sans-IO operations: typed arguments in, requests out; replies in, typed results out.

An operation is a generator that yields `RestRequest` / `GrpcRequest` values and receives
the matching replies; the sync and async transports both drive the same generators.
"""
