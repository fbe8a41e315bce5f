"""Protocol buffers wire format, written by hand for the messages sent in bulk.

Building a large batch through protobuf's Python API costs a map access and an attribute set
per value; writing the bytes directly costs a few byte concatenations. Only what the batch
encoder needs is here: varints, length-delimited fields and field tags.
"""

from __future__ import annotations

_CACHED_VARINTS = 1 << 16


def encode_varint(number: int) -> bytes:
    """`number` as a base-128 varint; negative numbers as their 64-bit two's complement."""
    if number < 0:
        number += 1 << 64
    out = bytearray()
    while number > 0x7F:
        out.append((number & 0x7F) | 0x80)
        number >>= 7
    out.append(number)
    return bytes(out)


class _Varints(dict[int, bytes]):
    """Varints of the numbers asked for so far (sizes, mostly), each computed once."""

    def __missing__(self, number: int) -> bytes:
        encoded = encode_varint(number)
        if 0 <= number < _CACHED_VARINTS:
            self[number] = encoded
        return encoded


VARINT = _Varints()
"""`VARINT[n]` is `encode_varint(n)`: a dictionary lookup for the numbers seen before."""


def tag(number: int, wire_type: int = 2) -> bytes:
    """The key of field `number` (wire type 2: length-delimited, 0: varint, 1: 64-bit)."""
    return encode_varint(number << 3 | wire_type)


def field(key: bytes, payload: bytes) -> bytes:
    """A length-delimited field: its key, the payload's length, the payload."""
    return key + VARINT[len(payload)] + payload


def text_field(key: bytes, text: str) -> bytes:
    """A string field."""
    return field(key, text.encode())
