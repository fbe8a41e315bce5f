"""HPACK for wvorm's unary gRPC calls: the request header blocks we send (literals, never
indexed, cached per channel) and the decoder of the server's blocks.

We announce a header table of size 0, so every header block the server sends means the same
whatever came before, and decoded blocks are cached by their bytes.
"""

from __future__ import annotations

import hpack

from wvorm_core._transport.http2_events import CallFailed

Metadata = tuple[tuple[str, str], ...]
"""A call's extra gRPC metadata: (name, value) pairs, names in lower case."""

MAX_HEADER_LIST = 1 << 16
"""The most header-block bytes, and decoded header-list bytes, we take in one block."""


def hpack_int(value: int, prefix_bits: int) -> bytes:
    """An HPACK integer in a `prefix_bits`-bit prefix (the bits above it left zero)."""
    limit = (1 << prefix_bits) - 1
    if value < limit:
        return bytes((value,))
    out = bytearray((limit,))
    value -= limit
    while value >= 0x80:
        out.append(0x80 | (value & 0x7F))
        value >>= 7
    out.append(value)
    return bytes(out)


def _literal(name: bytes, value: bytes) -> bytes:
    """A header field as a literal never added to the table, name and value unencoded."""
    return b"\x00" + hpack_int(len(name), 7) + name + hpack_int(len(value), 7) + value


def request_headers(authority: str, path: str, metadata: Metadata, timeout: float | None) -> bytes:
    """The HPACK block opening a gRPC call: POST over http, then the fields gRPC asks for."""
    fields = [b"\x83\x86"]  # `:method: POST` and `:scheme: http`, from the static table
    fields.append(_literal(b":path", path.encode()))
    fields.append(_literal(b":authority", authority.encode()))
    fields.append(_literal(b"content-type", b"application/grpc"))
    fields.append(_literal(b"te", b"trailers"))
    if timeout is not None:  # at most 8 digits: milliseconds up to a day, then seconds
        amount, unit = max(1, round(timeout * 1000)), "m"
        if amount > 99_999_999:
            amount, unit = min(round(timeout), 99_999_999), "S"
        fields.append(_literal(b"grpc-timeout", f"{amount}{unit}".encode()))
    for name, value in metadata:
        if "\r" in value or "\n" in value:
            raise CallFailed("INTERNAL", f"header {name!r} has a line break in its value")
        fields.append(_literal(name.lower().encode(), value.encode()))
    return b"".join(fields)


class RequestHeads:
    """A channel's request header blocks, cached by method, metadata and timeout."""

    def __init__(self, host: str, port: int) -> None:
        self.authority = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
        self._blocks: dict[tuple[str, Metadata, float | None], bytes] = {}

    def block(
        self, method: str, request: bytes, metadata: Metadata, timeout: float | None, limit: int
    ) -> bytes:
        """The header block for a call of `method`; refuses a `request` over `limit` bytes."""
        if len(request) > limit:
            raise CallFailed(
                "RESOURCE_EXHAUSTED",
                f"the request of {len(request)} bytes exceeds the {limit}-byte message limit",
            )
        key = (method, metadata, timeout)
        head = self._blocks.get(key)
        if head is None:
            head = request_headers(self.authority, method, metadata, timeout)
            if len(self._blocks) > 256:
                self._blocks.clear()
            self._blocks[key] = head
        return head


class HeaderDecoder:
    """Decodes the server's header blocks, caching those that leave the table empty."""

    def __init__(self) -> None:
        self._hpack = hpack.Decoder(max_header_list_size=MAX_HEADER_LIST)
        self._decoded: dict[bytes, dict[str, str]] = {}

    def decode(self, block: bytes) -> dict[str, str]:
        fields = self._decoded.get(block)
        if fields is None:
            try:
                fields = dict(self._hpack.decode(block))  # type: ignore[arg-type]
            except hpack.HPACKError as error:
                raise CallFailed("INTERNAL", f"bad header block: {error}", broken=True) from None
            if not self._hpack.header_table.dynamic_entries and len(self._decoded) < 64:
                self._decoded[block] = fields
        return fields
