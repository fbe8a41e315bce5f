"""Reading search reply properties: the reader that learns each property's kind."""

from __future__ import annotations

from datetime import datetime, timezone
from uuid import UUID

from wvorm_core._ops.decode import values_reader
from wvorm_core.proto.v1 import properties_pb2


def _props(**values: tuple[str, object] | None) -> properties_pb2.Properties:
    """A reply's `Properties`, each value given as (kind, raw) or None for a null."""
    out = properties_pb2.Properties()
    for name, value in values.items():
        if value is None:
            out.fields[name].null_value = 0
        else:
            kind, raw = value
            setattr(out.fields[name], kind, raw)
    return out


def test_falsy_and_null_values_survive_a_learned_kind() -> None:
    read = values_reader([("t", "t", None), ("n", "n", None), ("b", "b", None)])
    rows = [
        _props(t=("text_value", "a"), n=("int_value", 5), b=("bool_value", True)),
        _props(t=("text_value", ""), n=("int_value", 0), b=("bool_value", False)),
        _props(t=None, n=None, b=None),
        _props(t=("text_value", "b"), n=("int_value", -3), b=("bool_value", True)),
    ]
    assert [read(r) for r in rows] == [
        {"t": "a", "n": 5, "b": True},
        {"t": "", "n": 0, "b": False},
        {"t": None, "n": None, "b": None},
        {"t": "b", "n": -3, "b": True},
    ]


def test_converted_kinds_are_converted_on_the_fast_path_too() -> None:
    read = values_reader([("d", "when", None), ("u", "id", None)])
    stamp, ident = "2024-01-02T03:04:05Z", "6e4bd1a6-9a3b-4c2e-8a0e-4c1e6b7d2f10"
    for _ in range(3):  # the first read learns the kinds, the next ones use them
        row = read(_props(d=("date_value", stamp), u=("uuid_value", ident)))
        assert row == {
            "when": datetime(2024, 1, 2, 3, 4, 5, tzinfo=timezone.utc),
            "id": UUID(ident),
        }


def test_a_property_whose_kind_changes_is_read_by_its_new_kind() -> None:
    """One reader may serve two collections whose same-named properties differ in type."""
    read = values_reader([("x", "x", None)])
    assert read(_props(x=("text_value", "seven"))) == {"x": "seven"}
    assert read(_props(x=("int_value", 7))) == {"x": 7}
    assert read(_props(x=("number_value", 7.5))) == {"x": 7.5}
    assert read(_props(x=("text_value", "eight"))) == {"x": "eight"}


def test_absent_properties_are_left_out_and_nested_decoders_are_used() -> None:
    read = values_reader([("t", "t", None), ("o", "o", lambda v: ("nested", v.WhichOneof("kind")))])
    nested = _props(t=("text_value", "a"))
    nested.fields["o"].object_value.fields["inner"].text_value = "z"
    assert read(nested) == {"t": "a", "o": ("nested", "object_value")}
    assert read(properties_pb2.Properties()) == {}
