"""`Ref[...]` to a model defined later, or to the model itself (forward references under
`from __future__ import annotations`), as the code `wvorm.codegen` writes uses them."""

from __future__ import annotations

import pytest

from wvorm import Field, ModelDefinitionError, Prop, Ref, WvModel, info_of
from wvorm._mapping import to_references


class Employee(WvModel):
    name: Prop[str]
    manager: Ref[Employee] = Field(default=None)
    team: Ref[Team] = Field(default=None)
    either: Ref[Team | Employee] = Field(default=None)


class Team(WvModel):
    title: Prop[str]
    lead: Ref[Employee] = Field(default=None)


class Dangling(WvModel):
    target: Ref[NotDefinedAnywhere] = Field(default=None)  # type: ignore[name-defined]  # noqa: F821


def test_forward_and_self_references_resolve() -> None:
    fields = info_of(Employee).fields
    assert fields["manager"].targets == (Employee,)
    assert fields["team"].targets == (Team,)
    assert fields["either"].targets == (Team, Employee)
    assert info_of(Team).fields["lead"].targets == (Employee,)
    assert [r.to_dict()["dataType"] for r in info_of(Employee).references()] == [
        ["Employee"],
        ["Team"],
        ["Team", "Employee"],
    ]


def test_models_with_forward_references_work() -> None:
    boss = Employee(name="Ann")
    team = Team(title="core", lead=boss)
    worker = Employee(name="Bo", manager=boss, team=team, either=team)
    assert worker.team is team
    assert to_references(worker)["manager"] == boss.uuid
    assert repr(Employee.team.title) == "FieldExpr(team.title)"
    assert repr(Employee.manager.name) == "FieldExpr(manager.name)"


def test_an_undefined_target_is_named_on_first_use() -> None:
    assert info_of(Dangling).fields["target"].is_reference
    with pytest.raises(ModelDefinitionError, match=r"Dangling\.target: .*'NotDefinedAnywhere'"):
        info_of(Dangling).references()
