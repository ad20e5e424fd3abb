"""Errors: one base class, messages that list every problem, and errors that cross a
process boundary whole (a worker's error is pickled back to its parent)."""

from __future__ import annotations

import pickle

import pytest

from geo.errors import (
    FrontlineError,
    Problem,
    ReportFormatError,
    UnknownPlaceError,
    UnknownUnitError,
    ValidationError,
)


def test_a_validation_error_lists_every_problem() -> None:
    exc = ValidationError([Problem("a.yaml:3", "claims[0].kind", "expected a kind; got 'x'"),
                           Problem("--units", "", "expected a code")], what="a.yaml")
    assert str(exc).splitlines() == ["a.yaml has 2 problems:",
                                     "  - a.yaml:3: claims[0].kind: expected a kind; got 'x'",
                                     "  - --units: expected a code"]
    assert isinstance(exc, ValueError)


@pytest.mark.parametrize("exc", [
    ReportFormatError([Problem("r.yaml:104", "claims[8].figure_unit", "expected percent")],
                      what="r.yaml"),
    UnknownUnitError(["UA-99"], argument="--units", known=["UA-14"]),
    UnknownPlaceError("Donbsa", ["Donbas"]),
    FrontlineError("plain message"),
])
def test_an_error_survives_pickling_whole(exc: FrontlineError) -> None:
    back = pickle.loads(pickle.dumps(exc))
    assert type(back) is type(exc) and str(back) == str(exc)
    assert back.__dict__ == exc.__dict__
    if isinstance(exc, ValidationError):
        # before: rebuilt from its message, the problems were the message's characters
        assert back.problems == exc.problems and len(back.problems) == 1
