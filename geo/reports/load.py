"""Reading report files: one file, a folder, or text, validated with file:line and field.

:func:`load_report` reads one YAML file (``docs/report-format.md``), :func:`load_reports`
a directory, keeping the reports that validate and one
:class:`~geo.errors.ReportFormatError` per file that does not. Files are read, never
written. Every problem of a file is reported at once (:mod:`geo.reports.validate`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from geo.errors import FrontlineError, Problem, ReportFormatError
from geo.intervals import canonical_qualifier
from geo.reports.model import PACE_KINDS, REPORTS_DIR, Claim, Facility, Report, ReportSet
from geo.reports.validate import period_bounds, validate
from geo.reports.yamltree import Lines, parse_yaml
from geo.safeio import write_atomic

__all__ = ["parse_report_text", "load_report", "load_reports", "user_reports_dir",
           "report_paths", "save_report_text"]


def _num(x: Any) -> float | None:
    return None if x is None else float(x)


def _build(data: Mapping[str, Any], path: Path | None, lines: Lines, *,
           digest: str) -> Report:
    claims = []
    for i, c in enumerate(data["claims"]):
        fac = c.get("facility")
        pace = c["kind"] in PACE_KINDS
        start, end = period_bounds(c["period"]) if pace else (None, None)
        claims.append(Claim(
            id=c["id"], kind=c["kind"], actor=c["actor"],
            qualifier=canonical_qualifier(c["qualifier"]),
            qualifier_as_written=c["qualifier"],
            paraphrase=" ".join(str(c["paraphrase"]).split()),
            units=tuple(c.get("units") or ()), scope=c.get("scope"),
            figure=_num(c.get("figure")), figure_unit=c.get("figure_unit"),
            low=_num(c.get("low")), high=_num(c.get("high")), central=_num(c.get("central")),
            target=c.get("target"), includes=tuple(c.get("includes") or ()),
            facility=None if fac is None else Facility(
                name=fac["name"], lon=float(fac["lon"]), lat=float(fac["lat"]),
                place=fac.get("place"), condition=fac.get("condition")),
            zone=dict(c.get("zone") or {}), notes=c.get("notes"), review=c.get("review"),
            measure=c.get("measure", "gained") if pace else None,
            per=c.get("per", "period") if pace else None, period_start=start, period_end=end,
            line=lines.at(("claims", i)),
        ))
    text = data["date"]
    date = dt.date.fromisoformat(text if len(text) == 10 else f"{text}-01")
    return Report(
        id=data["id"], title=data["title"], outlet=data["outlet"], date=date, date_text=text,
        date_precision=data["date_precision"], context=" ".join(data["context"].split()),
        claims=tuple(claims), notes=data.get("notes"), path=path, digest=digest,
        review=str(data.get("review") or "reviewed"),
    )


def parse_report_text(text: str, *, where: str = "<report>", path: Path | None = None,
                      today: dt.date | None = None) -> Report:
    """Validate report YAML given as text and build the :class:`Report`.

    Parameters
    ----------
    text : str
        The YAML document.
    where : str, keyword-only
        Name used in problem locations (``where:line``), normally the file path.
    path : Path, optional, keyword-only
        Stored on the report.
    today : datetime.date, optional, keyword-only
        Reference for "dates in the future"; default :func:`datetime.date.today`.

    Raises
    ------
    ReportFormatError
        Listing every problem found, each with ``where:line`` and field.
    """
    today = today or dt.date.today()
    data, lines, problems = parse_yaml(text, where)
    if data is None and not problems:
        problems.append(Problem(f"{where}:1", "", "the document is empty (null)."))
    if problems:
        raise ReportFormatError(problems, what=where)
    if not isinstance(data, dict):
        raise ReportFormatError([Problem(
            f"{where}:{lines.at(())}", "",
            "expected a mapping of report fields (id:, title:, ...) at the top level, got "
            f"{type(data).__name__}.")], what=where)
    problems = validate(data, lines, where, today)
    if problems:
        raise ReportFormatError(problems, what=where)
    return _build(data, path, lines, digest=hashlib.sha256(text.encode("utf-8")).hexdigest())


def _read(path: Path, where: str | None = None) -> str:
    from geo.reports.yamltree import MAX_TEXT_CHARS
    from geo.safeio import read_user_file

    name = where or str(path)
    try:
        raw = read_user_file(path, label=name, max_bytes=MAX_TEXT_CHARS,
                             what="report file (.yaml)")
    except FrontlineError as exc:
        raise ReportFormatError([Problem(f"{name}:1", "", str(exc).split(": ", 1)[-1])],
                                what=name) from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ReportFormatError([Problem(f"{name}:1", "", f"the file is not UTF-8 text "
                                         f"({exc.reason} at byte {exc.start}); save it as "
                                         "UTF-8.")], what=name) from None


def load_report(path: str | Path, *, today: dt.date | None = None,
                where: str | None = None) -> Report:
    """Load and validate one report file.

    Parameters
    ----------
    path : str or Path
        A YAML report file.
    today : datetime.date, optional, keyword-only
        Reference date for the "not in the future" check.
    where : str, optional, keyword-only
        The file's name in every problem (``reports/R9.yaml``); default its path.

    Returns
    -------
    Report

    Raises
    ------
    ReportFormatError
        Every problem of the file, each with ``file:line`` and field.
    FileNotFoundError
        If the file does not exist.
    """
    p = Path(path)
    name = where or str(p)
    text = _read(p, name)
    try:
        return parse_report_text(text, where=name, path=p, today=today)
    except ReportFormatError:
        raise
    except (RecursionError, MemoryError, ValueError, TypeError, OverflowError) as exc:
        # one bad file never stops the others: whatever slipped past the checks is a
        # problem of this file
        raise ReportFormatError([Problem(f"{name}:1", "", f"cannot be read as a report "
                                         f"({type(exc).__name__}: {str(exc)[:200]}).")],
                                what=name) from None


def user_reports_dir() -> Path:
    """Where reports the user saves go (drafts from articles): ``$FRONTLINE_USER_REPORTS``
    or ``~/.local/share/frontline-atlas/reports``."""
    root = os.environ.get("FRONTLINE_USER_REPORTS")
    return Path(root) if root else Path.home() / ".local" / "share" / "frontline-atlas" / "reports"


def report_paths(directory: str | Path | None = None) -> list[Path]:
    """The folders reports are read from: ``directory`` (default the built-in reports)
    and, when it exists, :func:`user_reports_dir`."""
    out = [Path(directory) if directory else REPORTS_DIR]
    user = user_reports_dir()
    if user.is_dir() and user.resolve() != out[0].resolve():
        out.append(user)
    return out


def save_report_text(text: str, folder: Path, *, overwrite: bool = False,
                     today: dt.date | None = None, name: str | None = None) -> Path:
    """Check ``text`` with the loader's own validation, then write it to
    ``folder/<id>.yaml`` (or ``folder/name``) atomically (a temporary file renamed into
    place). An existing file is kept unless ``overwrite``; :class:`FrontlineError` says
    so."""
    report = parse_report_text(text, where="<new report>", today=today)
    if name is not None and (Path(name).name != name or not name.endswith((".yaml", ".yml"))):
        raise FrontlineError(f"name: expected a file name ending in .yaml; got {name!r}.")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (name or f"{report.id}.yaml")
    if path.exists() and not overwrite:
        raise FrontlineError(f"{path}: a report {report.id} is already saved there; pick "
                             "another id, or overwrite it on purpose.")
    try:
        write_atomic(path, text, overwrite=overwrite)
    except FileExistsError:  # another saver took the name between the check and now
        raise FrontlineError(f"{path}: a report {report.id} is already saved there; pick "
                             "another id, or overwrite it on purpose.") from None
    return path


def _inside(path: Path, folder: Path) -> bool:
    """Whether ``path``, its links followed, lies inside ``folder`` (links followed)."""
    real, root = os.path.realpath(path), os.path.realpath(folder)
    try:
        return os.path.commonpath([real, root]) == root
    except ValueError:  # another drive
        return False


def _outside_note(name: str) -> ReportFormatError:
    """A report file of a folder that links out of it: named, never read or quoted."""
    return ReportFormatError([Problem(
        f"{name}:1", "", "a symbolic link to a file outside its folder; skipped, not read "
        "(reports are read only from inside their folder). Copy the report into the "
        "folder instead of linking to it.")], what=name)


def _report_files(paths: Iterable[str | Path], names: Mapping[str, str]
                  ) -> tuple[list[tuple[Path, str]], list[ReportFormatError]]:
    """The report files of ``paths`` with the name each goes by in messages (files as
    given; the ``.yaml``/``.yml`` files of a folder, in name order, named
    ``<the folder's name in names>/<file>`` or by their path), and a note for each file
    of a folder that is a link to a file outside it (skipped, never read: its content
    would be quoted in the messages)."""
    files: list[tuple[Path, str]] = []
    skipped: list[ReportFormatError] = []
    for raw in paths:
        p = Path(raw)
        label = names.get(str(raw))
        if p.is_dir():
            for f in sorted(f for f in p.iterdir()
                            if f.suffix in (".yaml", ".yml") and not f.is_dir()):
                name = f"{label}/{f.name}" if label else str(f)
                if _inside(f, p):
                    files.append((f, name))
                else:
                    skipped.append(_outside_note(name))
        elif p.exists():
            files.append((p, label or str(p)))
        else:
            raise FrontlineError(f"report path {str(p)!r} does not exist; give a report file "
                                 "(.yaml) or a directory of them.")
    return files, skipped


def load_reports(directory: str | Path | None = None, *,
                 paths: Iterable[str | Path] | None = None,
                 today: dt.date | None = None,
                 names: Mapping[str, str] | None = None) -> ReportSet:
    """Load every report file of a directory (or of ``paths``), keeping the good ones.

    Parameters
    ----------
    directory : str or Path, optional
        Directory of ``*.yaml`` / ``*.yml`` files; default the built-in
        ``data/reports``.
    paths : iterable of str or Path, optional, keyword-only
        Files and/or directories instead of ``directory``.
    today : datetime.date, optional, keyword-only
        Reference date for the "not in the future" check.
    names : mapping of str to str, optional, keyword-only
        What a folder (or file) of ``paths``, keyed by its path as given (``str``), is
        called in messages: a file of such a folder is ``<name>/<file name>`` in every
        problem (the app shows no server path); default the files' paths.

    Returns
    -------
    ReportSet
        The reports that validated, sorted by date, and one
        :class:`~geo.errors.ReportFormatError` per bad file. A report whose id was
        already used by an earlier file (in file order) is rejected. A file of a folder
        that is a symbolic link to a file outside the folder is skipped unread, with a
        note naming the link only.
    """
    files, errors = _report_files(paths if paths is not None else [directory or REPORTS_DIR],
                                  names or {})
    reports: list[Report] = []
    first: dict[str, tuple[Report, str]] = {}
    for f, name in files:
        try:
            rep = load_report(f, today=today, where=name)
        except ReportFormatError as exc:
            errors.append(exc)
            continue
        if rep.id in first:
            text = _read(f, name)
            _, lines, _ = parse_yaml(text, name)
            errors.append(ReportFormatError([Problem(
                f"{name}:{lines.at(('id',))}", "id",
                f"duplicate report id {rep.id!r}: already used by {first[rep.id][1]}; "
                "give every report its own id.")], what=name))
            continue
        first[rep.id] = (rep, name)
        reports.append(rep)
    reports.sort(key=lambda r: r.sort_key)
    return ReportSet(tuple(reports), tuple(errors))
