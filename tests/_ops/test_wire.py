"""The hand-written protobuf wire primitives agree with protobuf's own encoding."""

from __future__ import annotations

import pytest

from wvorm_core._ops import wire
from wvorm_core.proto.v1 import base_pb2


@pytest.mark.parametrize("number", [0, 1, 127, 128, 300, 16_383, 16_384, 65_535, 65_536, 2**63 - 1])
def test_varints_match_protobuf(number: int) -> None:
    encoded = wire.tag(2, 0) + wire.encode_varint(number)  # field 2: a uint64
    assert base_pb2.Vectors.FromString(encoded).index == number
    if number:
        assert encoded == base_pb2.Vectors(index=number).SerializeToString()
    assert wire.VARINT[number] == wire.encode_varint(number)
    assert wire.VARINT[number] == wire.encode_varint(number)  # the cached copy


@pytest.mark.parametrize("number", [-1, -300, -(2**63)])
def test_negative_varints_are_64_bit_twos_complement(number: int) -> None:
    packed = base_pb2.IntArrayProperties(values=[number]).SerializeToString()
    assert packed == wire.field(wire.tag(1), wire.VARINT[number])


def test_length_delimited_fields_match_protobuf() -> None:
    for text in ("a", "é" * 200):
        expected = base_pb2.Vectors(name=text).SerializeToString()
        assert wire.text_field(wire.tag(1), text) == expected
    assert wire.text_field(wire.tag(1), "") == b"\x0a\x00"
    payload = bytes(range(256)) * 70
    assert (
        wire.field(wire.tag(3), payload)
        == base_pb2.Vectors(vector_bytes=payload).SerializeToString()
    )
    assert wire.tag(23) == b"\xba\x01"
