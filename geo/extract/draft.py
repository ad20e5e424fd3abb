"""Extracted claims as a draft report in the report file format (``docs/report-format.md``).

The draft is marked ``review: unreviewed``; every claim carries the extractor's reasons
to check it in ``review`` and its offsets in the article in ``notes``. No article text
goes into the file: each claim's ``paraphrase`` is written from the claim's fields.
The text is checked by the report loader's own validation before it is returned. A pace
claim (:mod:`geo.extract.pace`) becomes a claim of kind ``pace`` with its period, ending
by the draft's date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import yaml

from geo.extract.model import CANONICAL, ExtractedClaim
from geo.reports.load import parse_report_text
from geo.reports.validate import period_bounds

__all__ = ["draft_report", "draft_yaml", "claim_to_report"]

_SIDE = {"RU": "russia", "UA": "ukraine", "US": "us"}
_NAMES = {"RU": "Russia", "UA": "Ukraine", "US": "The United States"}
_QWORDS = {"over": "more than ", "under": "less than ", "around": "about ", "exact": ""}


def _place_text(regions: Sequence[str]) -> str:
    if list(regions) == ["UA"]:
        return "Ukraine"
    from geo.boundaries import load_unit_table

    names = load_unit_table()["name_en"]
    return ", ".join(str(names.get(c, c)) for c in regions)


def _figure_text(c: ExtractedClaim) -> str:
    if c.held is not None:  # "the about 20 % of" a demand names as what is held there
        return f"the {_QWORDS.get(c.held[1], '')}{c.held[0]:,g} % of"
    if c.value is None:
        return {"all": "all of", "part": "part of", "large_part": "large parts of",
                "some": "part (size unstated) of", "nearly_all": "nearly all of"}.get(
            str(c.qualifier), "")
    unit = " %" if c.unit == "percent" else " km²"
    return f"{_QWORDS.get(str(c.qualifier), '')}{c.value:,g}{unit} of"


def _pace(c: ExtractedClaim, claim_id: str) -> dict[str, Any]:
    """A pace claim (:mod:`geo.extract.pace`) as a report claim of kind ``pace``; over
    several units (which a pace claim cannot be checked on) a note."""
    place = {"scope": "country"} if list(c.regions) == ["UA"] else {"units": list(c.regions)}
    start, end = c.period or ("", "")
    rate = {"day": " a day", "week": " a week"}.get(str(c.per), "")
    verb = {"gained": "gained", "lost": "lost", "net": "changed its held ground by"}[
        str(c.measure or "gained")]
    words = f"{_QWORDS.get(str(c.qualifier), '')}{c.value:,g} km²{rate}"
    where = "nationwide" if list(c.regions) == ["UA"] else f"in {_place_text(c.regions)}"
    paraphrase = f"{_NAMES[c.actor]} {verb} {words} {where}, {start} to {end}."
    out: dict[str, Any] = {"id": claim_id, "kind": "pace", "actor": _SIDE[c.actor], **place,
                           "figure": c.value, "figure_unit": "km2",
                           "qualifier": CANONICAL[str(c.qualifier)],
                           "measure": c.measure or "gained", "per": c.per or "period",
                           "period": {"start": start, "end": end}}
    if len(c.regions) > 1:
        out = {"id": claim_id, "kind": "note", "actor": _SIDE[c.actor], **place,
               "qualifier": "none"}
        paraphrase = "A pace figure over several units (not checkable per unit): " + paraphrase
    out["paraphrase"] = paraphrase + " (extracted by rule; unreviewed)"
    out["review"] = "; ".join(c.review) or "extracted by rule: check against the article"
    out["notes"] = f"characters {c.span[0]}-{c.span[1]} of the article"
    return out


def _by_date(claim: dict[str, Any], date: str) -> dict[str, Any]:
    """A draft's pace claim whose period runs past the draft's date (a page date later
    than the dateline's) ends on that date; one that starts after it becomes a note."""
    period = claim.get("period")
    if claim.get("kind") != "pace" or not isinstance(period, dict):
        return claim
    last = date if len(date) == 10 else period_bounds(date)[1].isoformat()
    if period["end"] <= last:
        return claim
    if period["start"] > last:
        keep: dict[str, Any] = {k: claim[k] for k in ("id", "actor", "units", "scope")
                                if k in claim}
        return {**keep, "kind": "note", "qualifier": "none",
                "paraphrase": "A pace claim over a period after the report's date: "
                + claim["paraphrase"], "review": claim["review"], "notes": claim["notes"]}
    return {**claim, "period": {"start": period["start"], "end": last},
            "review": f"{claim['review']}; the period cut to end on the report's date"}


def _beyond_area(c: ExtractedClaim) -> str:
    """The official area an area claim's interval goes beyond, in words ("" when it fits):
    an area of one unit whose upper bound is more than the unit itself."""
    if c.kind != "control_area" or c.unit != "km2" or c.value is None or c.status \
            or len(c.regions) != 1:
        return ""
    from geo.extract.lexicon import official_areas

    area = official_areas().get(c.regions[0])
    high = c.high if c.high is not None else c.value
    if area is None or high <= area * (1 + 1e-6):
        return ""
    return f"the official area of {_place_text(c.regions)} ({area:,.0f} km²)"


def claim_to_report(c: ExtractedClaim, claim_id: str) -> dict[str, Any]:
    """One extracted claim as a claim of the report format."""
    if c.kind == "pace":
        return _pace(c, claim_id)
    actor = _SIDE[c.actor]
    out: dict[str, Any] = {"id": claim_id, "actor": actor}
    place: dict[str, Any] = ({"scope": "country"} if list(c.regions) == ["UA"] else
                             {"units": list(c.regions), "scope": "combined"} if c.combined
                             else {"units": list(c.regions)})
    what = f"{_figure_text(c)} {_place_text(c.regions)}".strip()
    if c.kind in ("control_share", "control_area"):
        other_side = c.actor == "UA" and all(r.startswith("RU-") for r in c.regions)
        kind = ("held_by_other_side" if other_side else
                "control_share" if c.kind == "control_share" else "controlled_area")
        out.update(kind=kind, **place)
        paraphrase = f"{_NAMES[c.actor]} holds {what}."
    elif c.kind == "demand_cede":
        out.update(kind="cede_units", target=_SIDE[c.target or "UA"], **place)
        paraphrase = f"{_NAMES[c.actor]} demands that {_NAMES[c.target or 'UA']} cede {what}."
    elif c.kind == "demand_withdraw" and (c.value is not None or c.held is not None):
        out.update(kind="withdraw_share", target=_SIDE[c.target or "UA"], **place)
        paraphrase = (f"{_NAMES[c.actor]} demands that {_NAMES[c.target or 'UA']} withdraw "
                      f"from {what}.")
    elif c.kind == "demand_withdraw":
        # no share given: a demand with no figure (the report format's withdraw_share
        # needs the share still held)
        out.update(kind="other_demand", target=_SIDE[c.target or "UA"], **place)
        paraphrase = (f"{_NAMES[c.actor]} demands that {_NAMES[c.target or 'UA']} withdraw "
                      f"from {_place_text(c.regions)}.")
    else:  # offer_withdraw
        out.update(kind="offer_withdraw", **place)
        paraphrase = f"{_NAMES[c.actor]} offers to withdraw from {what or _place_text(c.regions)}."
    too_big = _beyond_area(c)
    if too_big:
        # "about 30,000 km² of Kursk" (the region is 29,997 km²): the interval cannot be
        # mapped (the snapshot refuses it); a note says what was read, and why it is not
        # checked (found ingesting writer 158's and 159's articles: the whole run stopped)
        out = {"id": claim_id, "actor": actor, "kind": "note", **place, "qualifier": "none"}
        paraphrase = (f"An area larger than {too_big}, so not mapped or checked: "
                      + paraphrase)
    elif c.status in ("earlier", "past"):  # said, never mapped or checked as current
        out = {"id": claim_id, "actor": actor, "kind": "note", **place,
               "qualifier": "none"}
        paraphrase = ("An earlier demand, since replaced: " if c.status == "earlier"
                      else "A past figure, not what is held at the article's date: ") + paraphrase
    elif out["kind"] == "other_demand":
        out["qualifier"] = "none"
    elif c.held is not None:
        # "withdraw from the 20 % of Donetsk it still holds": the report's figure is that share
        out.update(figure=c.held[0], figure_unit="percent", qualifier=CANONICAL[c.held[1]])
    elif c.value is not None:
        out.update(figure=c.value, figure_unit=c.unit, qualifier=CANONICAL[str(c.qualifier)])
    else:
        out["qualifier"] = CANONICAL.get(str(c.qualifier), "none") if c.qualifier else "none"
    if out.get("scope") == "combined" and out["kind"] != "control_share":
        # a past share of several units together is a note: the scope is a share's only
        # (found ingesting writer 94's articles: "held about a third of the Donbas" before
        # 24 February made a draft the loader refused)
        del out["scope"]
    out["paraphrase"] = paraphrase + " (extracted by rule; unreviewed)"
    out["review"] = "; ".join(c.review) or "extracted by rule: check against the article"
    out["notes"] = f"characters {c.span[0]}-{c.span[1]} of the article"
    return out


def draft_report(claims: Sequence[ExtractedClaim], *, report_id: str, title: str,
                 outlet: str, date: dt.date | str, context: str = "") -> dict[str, Any]:
    """A report (as data) holding ``claims``, marked unreviewed."""
    text = date.isoformat() if isinstance(date, dt.date) else str(date)
    return {
        "id": report_id, "title": title, "outlet": outlet, "date": text,
        "date_precision": "day" if len(text) == 10 else "month",
        "context": context or "Draft made by frontline extract from a pasted article.",
        "review": "unreviewed",
        "claims": [_by_date(claim_to_report(c, f"{report_id}-c{i}"), text)
                   for i, c in enumerate(claims, 1)],
    }


def draft_yaml(report: dict[str, Any], *, where: str = "<draft>") -> str:
    """The report as YAML text, checked by the report loader (a
    :class:`~geo.errors.ReportFormatError` names what is wrong)."""
    head = ("# Draft report made by `frontline extract`: UNREVIEWED. Check every claim against\n"
            "# the article (each claim's `review` says why), edit or drop it, then set\n"
            "# `review: reviewed`. Format: docs/report-format.md.\n")
    text = head + yaml.safe_dump(report, sort_keys=False, allow_unicode=True, width=88)
    parse_report_text(text, where=where)
    return text
