"""Exceptions of Frontline Atlas.

Every exception subclasses :class:`ValueError` through :class:`FrontlineError`, so
callers that only care about "bad input" can catch one class. A message names the
argument (or file, line and field), what was expected, what came, and the fix.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = [
    "FrontlineError",
    "Problem",
    "ValidationError",
    "UnknownPlaceError",
    "UnknownPlacesError",
    "UnknownUnitError",
    "ControlLayerError",
    "DatedLayerError",
    "UnknownClassError",
    "HistoryError",
    "ArchiveError",
    "ReportFormatError",
    "ArticleError",
    "WriteTargetError",
]


class FrontlineError(ValueError):
    """Base class of every error raised on bad input by Frontline Atlas.

    Errors cross process boundaries whole (a worker's error is pickled to the parent):
    subclasses whose ``__init__`` takes other arguments than the message are rebuilt from
    their message and attributes, never by calling ``__init__`` with the message.
    """

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (type(self), self.args, dict(self.__dict__)))


def _rebuild(cls: type[FrontlineError], args: tuple[Any, ...],
             state: dict[str, Any]) -> FrontlineError:
    exc = cls.__new__(cls, *args)
    BaseException.__init__(exc, *args)
    exc.__dict__.update(state)
    return exc


@dataclass(frozen=True)
class Problem:
    """One problem found while validating input.

    Attributes
    ----------
    where : str
        Where it is: a file path with ``:line`` when known, or an argument name.
    field : str
        The field or argument at fault (``claims[2].share``), or ``""``.
    message : str
        What was expected, what came, and how to fix it.
    """

    where: str
    field: str
    message: str

    def __str__(self) -> str:
        loc = self.where
        if self.field:
            loc = f"{loc}: {self.field}" if loc else self.field
        return f"{loc}: {self.message}" if loc else self.message


class ValidationError(FrontlineError):
    """Input had one or more problems; all of them are listed.

    Parameters
    ----------
    problems : iterable of Problem
        Every problem found, in input order.
    what : str
        What was being validated, for the first line of the message.
    """

    def __init__(self, problems: Iterable[Problem], *, what: str = "input") -> None:
        self.problems: list[Problem] = list(problems)
        n = len(self.problems)
        lines = [f"{what} has {n} problem{'s' if n != 1 else ''}:"]
        lines += [f"  - {p}" for p in self.problems]
        super().__init__("\n".join(lines))


class UnknownPlaceError(FrontlineError, LookupError):
    """A place name could not be resolved to any unit.

    Parameters
    ----------
    name : str
        The name as given.
    suggestions : sequence of str
        Closest known names, best first.
    """

    def __init__(self, name: str, suggestions: Sequence[str] = ()) -> None:
        self.name = name
        self.suggestions = list(suggestions)
        super().__init__(f"place name {name!r} is not a known unit or group of units. "
                         f"{self.hint}")

    @property
    def hint(self) -> str:
        """The fix: the closest known names, or where to find every name."""
        if self.suggestions:
            return f"Did you mean: {', '.join(repr(s) for s in self.suggestions)}?"
        return "Run `frontline regions` for every known unit."


class UnknownPlacesError(FrontlineError, LookupError):
    """Some of several place names could not be resolved; every one is listed.

    Parameters
    ----------
    errors : sequence of UnknownPlaceError
        One per unknown name, in the order given.
    resolved : mapping of str to tuple of str, keyword-only
        The names that did resolve, with their codes, in the order given.
    total : int, keyword-only
        How many names were given (for the first line of the message).
    argument : str, keyword-only
        The argument that held the names.
    """

    def __init__(self, errors: Sequence[UnknownPlaceError], *,
                 resolved: Mapping[str, tuple[str, ...]], total: int,
                 argument: str = "names") -> None:
        self.errors = list(errors)
        self.resolved = dict(resolved)
        n = len(self.errors)
        what = "is not a known unit or group" if n == 1 else "are not known units or groups"
        lines = [f"{argument}: {n} of {total} place name{'s' if total != 1 else ''} {what} "
                 "of units (expected a unit name, a spelling seen in the news, an ISO "
                 "3166-2 code or a group such as 'Donbas'):"]
        lines += [f"  - {e.name!r}: {e.hint[:1].lower()}{e.hint[1:]}" for e in self.errors]
        super().__init__("\n".join(lines))

    @property
    def names(self) -> list[str]:
        """The unknown names, in the order given."""
        return [e.name for e in self.errors]


class UnknownUnitError(FrontlineError, KeyError):
    """An ISO 3166-2 code is not one of the units Frontline Atlas knows.

    Parameters
    ----------
    codes : sequence of str
        The unknown codes.
    argument : str
        The argument or field that held them.
    known : sequence of str
        The valid codes, listed in the message.
    """

    def __init__(self, codes: Sequence[str], *, argument: str, known: Sequence[str]) -> None:
        self.codes = list(codes)
        super().__init__(
            f"{argument}: unknown unit code{'s' if len(self.codes) != 1 else ''} "
            f"{', '.join(repr(c) for c in self.codes)}; expected ISO 3166-2 codes such as "
            f"{', '.join(sorted(known)[:6])} ... (`frontline regions` lists all {len(known)})."
        )

    def __str__(self) -> str:  # KeyError would repr() the message
        return str(self.args[0])


class ControlLayerError(FrontlineError):
    """A control-layer file (mapped occupied territory) cannot be used."""


class DatedLayerError(ControlLayerError):
    """A control file holds several dates (a history) where one layer was expected.

    Parameters
    ----------
    message : str
        What was found and how to pick one date.
    dates : sequence of datetime.date, keyword-only
        The distinct dates in the file, sorted.
    """

    def __init__(self, message: str, *, dates: Sequence[dt.date] = ()) -> None:
        self.dates: list[dt.date] = list(dates)
        super().__init__(message)


class UnknownClassError(ControlLayerError):
    """A control layer holds classes of ground the tool cannot place (held by Russia,
    by Ukraine, contested or out of scope); the message lists every value found with
    its feature count and km², and how to map them (``--classes FIELD --map VALUE=STATE``).

    Attributes
    ----------
    field : str
        The property the classes were read from (``"FIELD"`` when unknown).
    found : list of (str, str or None, int, float)
        Every class: its value, its state (None where it cannot be placed), features, km².
    """

    def __init__(self, message: str, *, field: str = "FIELD",
                 found: Sequence[tuple[str, str | None, int, float]] = ()) -> None:
        super().__init__(message)
        self.field = field
        self.found = list(found)


class HistoryError(ValidationError):
    """A history of control layers has problems; every day that cannot be read is listed."""


class ArchiveError(FrontlineError):
    """A zip or gzip file that cannot be read within the budgets of :mod:`geo.archive`
    (too many entries, too large or too highly packed once unpacked, a header that does
    not match its data) or that is damaged."""


class ReportFormatError(ValidationError):
    """A report file is malformed; every problem is listed with file:line and field."""


class ArticleError(FrontlineError):
    """An article given to :mod:`geo.extract` that cannot be read as English news text
    (empty, binary, too large, not English)."""


class WriteTargetError(FrontlineError):
    """A file is to be written where something other than a regular file (or nothing)
    is: a device (``/dev/full``), a FIFO, a socket, a folder or a symbolic link
    (``/dev/stdout`` is one). Writes are atomic -- a temporary file renamed into place --
    and the rename would replace the device node or the link itself (run as root, it
    would replace ``/dev/stdout``), so such a target is refused, never written through.

    Parameters
    ----------
    path : str
        The path as given.
    kind : str
        What is there: ``"a device"``, ``"a FIFO (named pipe)"``, ``"a socket"``,
        ``"a folder"`` or ``"a symbolic link"``.
    what : str, keyword-only
        The argument that named the path (``"--out"``), first in the message.
    hint : str, keyword-only
        How to get what was meant (the command's own way to print to standard output),
        last in the message.
    """

    def __init__(self, path: str, kind: str, *, what: str = "", hint: str = "") -> None:
        self.path = path
        self.kind = kind
        self.what = what
        self.hint = hint
        msg = (f"{path!r} is {kind}, not a regular file; expected the path of a regular "
               "file to create or replace (a file is written beside it and renamed into "
               "place: never through a link, nor into a device, FIFO or folder).")
        super().__init__(" ".join(x for x in (f"{what}:" if what else "", msg, hint) if x))

    def naming(self, what: str, hint: str = "") -> WriteTargetError:
        """The same error, naming the argument ``what`` and adding ``hint``."""
        return WriteTargetError(self.path, self.kind, what=what, hint=hint or self.hint)
