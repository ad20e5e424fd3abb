"""Control claims of tables in an article: rows of cells divided by ``|`` (Markdown, with
or without the outer bars), by tabs, or aligned with spaces (three or more short lines
whose second cell starts in one column), a header naming who holds each figure column.

A header cell that names holding ("Held by Russia", "Russian-held", "Ukrainian-held",
"Occupied (%)") makes its column a column of figures held by that side (by Russia when
only "occupied" is said); a column whose header names no holding (population, losses) is
never read. Each row's place is the first cell that names one; its figure in a held
column is a share (``%`` in the cell or the header) or an area (km²); a share cell with
no figure says how much in words ("a few villages": part; "virtually all": all). A row
"Total" or "Ukraine overall" under Ukraine's regions is the whole country. A table without a
header takes its holder from the line just before it ("Share of each region held by
Russia:"). A table whose columns are times ("Oblast | 1 Jan 2025 | 31 Dec 2025", "This week
| Previous week") takes its holder from each row ("Russian-held territory in Ukraine") or
from the line before it; its latest column is what is held, the others are earlier
figures, kept as notes (``status: earlier``); rows of gains or changes are no holdings, nor
is a column of the change or of a past peak beside the dated ones ("| Change in 2024 |",
"| Peak |"). An "Area (km²)" column under a caption of held ground is the area held (not
a "Total area" or a "Change" column).

Field lines (:func:`fields`), as key-number boxes, infoboxes and social posts set them out,
are a label and one or two figures on a line: "Russian-held territory in Ukraine: 115,900
km² (19.2%)", "• 19.5% | share of Ukraine's territory under Russian occupation". A label
that names holding gives the holder (the side after "by" or "under", or before "-held";
"occupied" alone: Russia) and the unit (its places, not what the figure includes; else the
place the box's first line names, "KHERSON REGION AT A GLANCE"; else Ukraine as a whole);
a label of a change, a peak or a forecast is none.

Percent are shares of the row's unit(s); areas km². Offsets are characters into the
article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from geo.extract.asserted import OTHER_MEASURE, PAST_PEAK
from geo.extract.lexicon import (
    CUES,
    Figure,
    Place,
    actors,
    countries,
    figures,
    official_areas,
    places,
)
from geo.extract.model import CANONICAL, ExtractedClaim
from geo.extract.patterns import led
from geo.intervals import interval_from_claim

__all__ = ["Table", "tables", "table_claims", "mask_tables", "mask_spans", "fields",
           "field_claims"]

_CELLS = led(r"\t|\|")
_RULE = re.compile(r"^[\s|:+\-=]+$")  # |----|:---:|
_BARE = re.compile(r"^(?:(?P<q>~|≈|c\.\s*|about\s+|around\s+|roughly\s+|approx\.?\s+)|"
                   r"(?P<over>>|≥\s*)|(?P<under><|≤\s*))?"
                   r"(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(?P<unit>%|km²|km2)?"
                   r"(?P<plus>\+)?$", re.I)
_HELD = re.compile(r"\b(?:held|hold|holds|control(?:led|s)?|occupied|occupation|share)\b",
                   re.I)


@dataclass(frozen=True)
class Table:
    """A table of the article: its rows as (cells, cell start offsets), the offsets of the
    text it spans, and the line just before it (its caption)."""

    rows: tuple[tuple[tuple[str, ...], tuple[int, ...]], ...]
    start: int
    end: int
    caption: str


def _split(line: str, base: int) -> tuple[tuple[str, ...], tuple[int, ...]]:
    cells: list[str] = []
    starts: list[int] = []
    pos = 0
    for piece in _CELLS.split(line):
        stripped = piece.strip()
        if stripped:
            cells.append(stripped)
            starts.append(base + pos + piece.index(stripped))
        pos += len(piece) + 1
    return tuple(cells), tuple(starts)


def tables(text: str) -> list[Table]:
    """The tables of ``text``: two or more lines running together, each with at least two
    cells (a rule line ``|---|---|`` counts toward neither)."""
    out: list[Table] = []
    lines = text.split("\n")
    pos = 0
    block: list[tuple[str, int]] = []
    offsets = []
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1

    def close(i: int) -> None:
        rows = [_split(line, at) for line, at in block if not _RULE.match(line)]
        if len(rows) >= 2:
            first = i - len(block)
            caption = next((lines[j].strip() for j in range(first - 1, max(first - 3, -1), -1)
                            if lines[j].strip()), "")
            out.append(Table(tuple(rows), block[0][1], block[-1][1] + len(block[-1][0]),
                             caption))
        block.clear()

    for i, line in enumerate(lines):
        cells = [c for c in _CELLS.split(line) if c.strip()]
        if (len(cells) >= 2 and ("|" in line or "\t" in line)) or (block and _RULE.match(line)
                                                                 and line.strip()):
            block.append((line, offsets[i]))
        else:
            close(i)
    close(len(lines))
    taken = {t.start for t in out}
    return sorted(out + [t for t in _spaced(lines, offsets) if t.start not in taken],
                  key=lambda t: t.start)


#: A cell of a table aligned with spaces: words apart by one space.
_SPACED_CELL = led(r"\S+(?: \S+)*")


def _spaced(lines: list[str], offsets: list[int]) -> list[Table]:
    """Tables aligned with spaces, as plain-text pages and wire copy set them: three or
    more short lines running together, each of two or more cells two spaces apart, the
    second cell of every line starting in the same column ("Region      Russian-held" /
    "Luhansk     at least 99%")."""
    def cells(line: str) -> list[re.Match[str]]:
        # cells are words one space apart, so two cells are two or more spaces apart
        found = list(_SPACED_CELL.finditer(line))
        if len(line) > 100 or len(found) < 2 or "|" in line or "\t" in line:
            return []
        return found

    split = [cells(line) for line in lines]  # each line split once
    out: list[Table] = []
    block: list[int] = []

    def close() -> None:
        if len(block) >= 3:
            rows = tuple((tuple(m.group(0) for m in split[i]),
                          tuple(offsets[i] + m.start() for m in split[i])) for i in block)
            first = block[0]
            caption = next((lines[j].strip() for j in range(first - 1, max(first - 3, -1), -1)
                            if lines[j].strip()), "")
            out.append(Table(rows, offsets[first], offsets[block[-1]] + len(lines[block[-1]]),
                             caption))
        block.clear()

    for i, found in enumerate(split):
        if found and (not block or abs(found[1].start() - split[block[0]][1].start()) <= 1):
            block.append(i)
            continue
        close()
        if found:
            block.append(i)
    close()
    return out


def mask_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with the characters of ``spans`` blanked (line breaks kept); offsets stay
    the same."""
    chars = list(text)
    for start, end in spans:
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


def mask_tables(text: str, found: list[Table]) -> str:
    """``text`` with the tables' characters blanked (line breaks kept), so that sentence
    rules never read a table row as prose; offsets stay the same."""
    return mask_spans(text, [(t.start, t.end) for t in found])


def _figure(cell: str, start: int, unit: str | None) -> Figure | None:
    found = figures(cell)
    if found:
        f = found[0]
        return Figure(f.value, f.unit, f.qualifier, start + f.start, start + f.end, f.fraction)
    m = _BARE.match(cell)
    if m is None:
        return None
    unit = {"%": "percent", "km²": "km2", "km2": "km2"}.get((m.group("unit") or "").lower(),
                                                          unit or "")
    if not unit:
        return None
    value = float(m.group("num").replace(",", ""))
    q = ("around" if m.group("q") else "over" if m.group("over") or m.group("plus")
         else "under" if m.group("under") else "exact")
    return Figure(value, unit, q, start, start + len(cell))


#: A column of areas, and one of a whole region's area.
_AREA_HEAD = re.compile(r"\barea\b|km²|km2|sq\.?\s*km", re.I)
_TOTAL_HEAD = re.compile(r"\b(?:total|whole|region['’]s|oblast['’]s|pre-?war|population|change|"
                         r"vs|since|gain(?:ed|s)?|lost|loss|net|per\s+(?:day|week|month))\b", re.I)
#: A row of a table of Ukraine's regions that totals them.
_TOTAL = re.compile(r"^\W*(?:total|overall|all\s+(?:of\s+)?ukraine|ukraine(?:\s*\(?(?:total|"
                    r"overall|as\s+a\s+whole)\)?)?|(?:the\s+)?whole\s+country)\W*$", re.I)
#: A cell that says how much without a figure: "a few villages", "virtually all".
_PART_CELL = re.compile(r"^\W*(?:(?:a\s+)?(?:few|small|some)\b|(?:small\s+)?(?:pockets?|parts?|"
                        r"slivers?|footholds?|villages?|strips?)\b|(?:the\s+)?Kinburn\s+"
                        r"(?:spit|peninsula)\b)", re.I)
_ALL_CELL = re.compile(r"^\W*(?:(?:virtually|almost|nearly|practically)\s+)?(?:all|entire|"
                       r"whole|100\s*%)\b", re.I)


def _column_side(header: str, caption: str) -> tuple[str | None, str | None, list[str]]:
    """Who holds a column's figures, its unit from the header, and why (for review)."""
    unit = ("percent" if re.search(r"%|\bper\s*cent|\bpercent|\bshare\b", header, re.I)
            else "km2" if re.search(r"km²|km2|sq\.?\s*km|square\s+kilomet", header, re.I)
            else None)
    if not (_HELD.search(header) or CUES["control"].search(header)):
        return None, unit, []
    sides = [a.side for a in actors(header, skip=[]) if a.side in ("RU", "UA")]
    if sides:
        return sides[0], unit, [f"a table row, column '{header}'"]
    if re.search(r"\boccup", header, re.I):
        # before the caption: "Occupied share of Ukrainian regions" names whose regions
        return "RU", unit, [f"a table row, column '{header}': 'occupied' read as held by "
                            f"Russia"]
    sides = [a.side for a in actors(caption, skip=[]) if a.side in ("RU", "UA")]
    if sides:
        return sides[0], unit, [f"a table row, column '{header}', holder from the line "
                                f"before the table"]
    return None, unit, []


#: A header cell naming a time: "31 Dec 2025", "2024", "This week", "Previous week".
_TIME = re.compile(r"^\W*(?:(?:as\s+(?:of|at)\s+)?(?:\d{1,2}\s+)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|"
                   r"Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?(?:\s+\d{1,2},?)?(?:\s+\d{4})?|"
                   r"(?:end|start|beginning|mid)(?:\s+of)?\s+\d{4}|\d{4}(?:-\d\d(?:-\d\d)?)?|"
                   r"\d{1,2}[./]\d{1,2}[./]\d{2,4}|(?:this|previous|last|prior|a)\s+(?:week|month|"
                   r"year)(?:\s+(?:ago|earlier))?|now|then|today|current|latest|earlier|before|"
                   r"a\s+year\s+(?:ago|earlier))\W*$", re.I)
#: A time header that is not the latest: "Previous week", "a year ago".
_BEFORE = re.compile(r"\b(?:previous|last|prior|ago|earlier|before|then|start|beginning)\b",
                     re.I)
_MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug",
                                       "sep", "oct", "nov", "dec"), 1)}
#: A row label that is no holding: ground gained or lost, a change.
_CHANGE = re.compile(r"\b(?:gain(?:s|ed)?|change|net|lost|loss(?:es)?|captured|advance\w*|"
                     r"taken)\b", re.I)


def _when(header: str) -> tuple[int, int, int] | None:
    """A header's time as (year, month, day) to order the columns, None if it has none."""
    num = re.search(r"\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b", header)
    if num:  # "14.02.2025": day first, as the tables of European outlets write it
        return int(num.group(3)), int(num.group(2)), int(num.group(1))
    y = re.search(r"\b(\d{4})\b", header)
    if y is None:
        return None
    m = re.search(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", header, re.I)
    d = re.search(r"\b(\d{1,2})\b", header)
    month = _MONTHS[m.group(1).lower()] if m else (1 if re.search(r"start|beginning", header,
                                                                   re.I) else 12)
    return int(y.group(1)), month, int(d.group(1)) if d else (1 if not m else 15)


def _latest(headers: list[str]) -> set[int]:
    """The columns (indices into ``headers``) of the latest time: the latest date, or the
    time headers not said to be earlier ("This week" beside "Previous week")."""
    dated = {i: _when(h) for i, h in enumerate(headers)}
    known = {i: w for i, w in dated.items() if w is not None}
    if known:
        top = max(known.values())
        return {i for i, w in known.items() if w == top}
    return {i for i, h in enumerate(headers) if not _BEFORE.search(h)}


#: A column of a past peak beside the dated ones ("| 1 Jan 2025 | Peak |"): never read.
_PEAK_HEAD = re.compile(r"\b(?:peak|high(?:est|-water)|maximum|at\s+(?:its|the)\s+height)\b", re.I)


def _time_table_claims(table: Table) -> list[ExtractedClaim] | None:
    """A table whose columns are times ("Oblast | 1 Jan 2025 | 31 Dec 2025", "Indicator |
    This week | Previous week"): the holder is named by each row ("Russian-held territory in
    Ukraine") or by the caption ("Share of territory held by Russia, by oblast"); the
    latest column is what is held, the others are earlier figures (notes). None when the
    table is not of this kind."""
    header, _ = table.rows[0]
    times = [i for i, h in enumerate(header) if i > 0 and _TIME.match(h)]
    # (a column of the change between them is never read: "| 1 Jan 2025 | 1 Jan 2024 |
    # Change in 2024 |")
    others = [i for i, h in enumerate(header) if i > 0 and i not in times
              and not _CHANGE.search(h) and not _PEAK_HEAD.search(h)]
    if not times or others:
        return None
    latest = _latest([header[i] for i in times])
    caption_side = None
    if _HELD.search(table.caption) or CUES["control"].search(table.caption):
        sides = [a.side for a in actors(table.caption, skip=[]) if a.side in ("RU", "UA")]
        caption_side = sides[0] if sides else None
    unit_of = ("percent" if re.search(r"%|\bper\s*cent|\bpercent|\bshare\b", table.caption, re.I)
               else "km2" if re.search(r"km²|km2|sq\.?\s*km", table.caption, re.I) else None)
    out: list[ExtractedClaim] = []
    for cells, starts in table.rows[1:]:
        if len(cells) != len(header) or _CHANGE.search(cells[0]):
            continue
        label = cells[0]
        side, why = caption_side, f"a table row; its holder from the line before the table: " \
                                  f"'{table.caption}'"
        if _HELD.search(label) or CUES["control"].search(label):
            # "Russian-held territory in Ukraine", "Share of Ukraine's territory held by Russia"
            named = [a for a in actors(label, skip=[]) if a.side in ("RU", "UA")]
            by = [a for a in named if re.search(r"\bby\s+(?:the\s+)?$", label[:a.start])]
            if named:
                # "held by Russia in Ukraine": the side after "by", else the first named
                side = (by or named)[0].side
                why = f"a table row, its holder named in the row: '{label}'"
        if side is None:
            continue
        codes = _row_place(label, starts[0])
        if codes is None:
            continue
        for k, i in enumerate(times):
            fig = _figure(cells[i], starts[i], unit_of)
            if fig is None:
                continue
            iv = interval_from_claim(CANONICAL[fig.qualifier], fig.value, fig.unit)  # type: ignore[arg-type]
            earlier = k not in latest
            out.append(ExtractedClaim(
                "control_share" if fig.unit == "percent" else "control_area", side, codes,
                fig.value, fig.unit, fig.qualifier, iv.low if iv else None,
                iv.high if iv else None, (starts[0], starts[-1] + len(cells[-1])),
                " | ".join(cells), status="earlier" if earlier else None,
                review=(why, f"column '{header[i]}'" + (
                    ": an earlier figure than the table's latest column, kept as a note"
                    if earlier else ", the table's latest"))))
    return out


def _row_place(label: str, start: int) -> tuple[str, ...] | None:
    """The unit a row's label names: the country ("Ukraine (total, incl. Crimea)",
    "Russian-held territory in Ukraine") or the first place."""
    if _TOTAL.match(label) or re.match(r"\W*Ukraine\b(?!['’]s\s+(?!territory))", label) or (
            not places(label) and (countries(label) or re.search(r"\bUkraine\b", label))):
        return ("UA",)
    found = places(label)
    return found[0].codes if found else None


#: A caption or header that calls its figures approximate: "(approx., km2)" (writers read
#: "estimated" and "rounded" captions' figures as given).
_ABOUT_CAPTION = re.compile(r"\bapprox(?:\.|imate(?:ly)?\b)|~|≈", re.I)
#: A header of a column of a side's positions: "Moscow's current position", "Kyiv's demands",
#: "What Russia wants", "US plan".
_POSITION_HEAD = re.compile(r"\b(?:positions?|stances?|demands?|wants|asks?|terms|offers?|"
                            r"proposals?|plans?|red\s+lines?|conditions|draft)\b", re.I)
#: A cell that rejects or refuses what it names: "No recognition", "Not stated".
_NO_CELL = re.compile(r"^\W*(?:no\b|not\b|never\b|none\b|rejects?\b|refuses?\b|n/a\b|[-–—]\W*$)",
                      re.I)
_CEDE_CELL = re.compile(r"\brecogni(?:[sz]\w*|tion)\s+(?:as\s+(?:Russian|part\s+of\s+Russia)|of\s+"
                        r"(?:Russian\s+)?(?:sovereignty|annexation))|\bannex\w*|"
                        r"\bhand(?:ed|ing)?[\s-]*over\b|\bhandover\b|\bcession\b|\bced(?:e|ed|ing)\b|"
                        r"\btransfer(?:red)?\b", re.I)
_LEAVE_CELL = re.compile(r"\b(?:withdraw\w*|pull[\s-]*(?:out|back)s?|retreat|leaves?|exit)\b", re.I)
#: Who would leave, named in the cell: "Full Ukrainian withdrawal", "Russian withdrawal".
_LEAVER_CELL = re.compile(r"\b(?:(?P<ua>Ukrain\w*|Kyiv['’]s|AFU)|(?P<ru>Russia\w*|Moscow['’]s))\s+"
                          r"(?:(?:troops?|forces?|army|military)\s+)?(?:(?:must|should|would|will|"
                          r"to)\s+)?(?:full\s+|complete\s+|"
                          r"total\s+)?(?:withdraw\w*|pull[\s-]*(?:out|back)|retreat|exit|leaves?)|"
                          r"\b(?:withdraw\w*|pull[\s-]*(?:out|back)|exit)\s+(?:of|by)\s+"
                          r"(?:(?P<ua2>Ukrain\w*|Kyiv['’]s|AFU)|(?P<ru2>Russia\w*|Moscow['’]s))",
                          re.I)
#: An own withdrawal offered: "Ready to withdraw", "offers mirror pull-back".
_OFFER_CELL = re.compile(r"\b(?:ready|willing|prepared|offer(?:s|ed|ing)?|would|could|agrees?|"
                         r"open\s+to|in\s+(?:exchange|return)\s+for)\b", re.I)
_PART_LEAVE = re.compile(r"\b(?:mirror|symmetric\w*|partial|from\s+the\s+(?:front|line)|"
                         r"(?:front[\s-]*line|buffer|demilitari[sz]ed)\s+(?:zone|strip|belt)|"
                         r"some|parts?\s+of|kilomet\w+|(?:set\s+|short\s+)?distance)\b", re.I)
#: A position given up: "(withdrawal demand dropped in 2025)", "formerly", "until 2025".
_DROPPED_CELL = re.compile(r"\b(?:dropped|abandoned|no\s+longer|formerly|previously|earlier|"
                           r"withdrawn|shelved|until\s+\d{4})\b", re.I)


#: A caption of texts set side by side: "The competing texts, side by side".
_SIDE_BY_SIDE = re.compile(r"\b(?:side\s+by\s+side|texts|drafts|plans|positions|proposals|"
                           r"what\s+each\s+side\s+wants|compared)\b", re.I)


def _bare_side(header: str) -> str | None:
    """The side a header names and nothing else ("Moscow", "Kyiv", "Russia's side")."""
    m = re.fullmatch(r"\W*(?:the\s+)?(Russia|Moscow|the\s+Kremlin|Kremlin|Ukraine|Kyiv|Kiev|"
                     r"US|U\.S\.|Washington|United\s+States)(?:['’]s)?(?:\s+side)?\W*", header,
                     re.I)
    if m is None:
        return None
    word = m.group(1).lower()
    return ("RU" if word.startswith(("russia", "moscow", "the kremlin", "kremlin")) else
            "UA" if word.startswith(("ukraine", "kyiv", "kiev")) else "US")


def _position_side(header: str) -> str | None:
    """The side whose positions a header's column lists ("Moscow's current position")."""
    if not _POSITION_HEAD.search(header) or _HELD.search(header):
        return None
    sides = [a.side for a in actors(header, skip=[]) if a.side in ("RU", "UA", "US")]
    return sides[0] if sides else None


def _position_claims(cell: str, side: str, place: Place, span: tuple[int, int], line: str,
                     header: str) -> list[ExtractedClaim]:
    """The demand or offer a cell of a side's positions states for its row's place:
    "Recognition as Russian" (a demand to cede it), "Full Ukrainian withdrawal" (to leave
    it), "Ready to withdraw" (an offer to leave it), "Freeze on current line" (none); a
    demand the cell says was dropped is an earlier one."""
    if _NO_CELL.match(cell):
        return []
    why = [f"a table row, column '{header}': {SIDE_NAME_OF[side]}'s position '{cell}'"]
    other = "UA" if side == "RU" else "RU" if side == "UA" else None
    found: list[tuple[str, str | None, str]] = []  # kind, target, qualifier
    leaver = _LEAVER_CELL.search(cell)
    leave = _LEAVE_CELL.search(cell)
    q = "part" if _PART_LEAVE.search(cell) else "all"
    if _CEDE_CELL.search(cell) and side in ("RU", "US"):
        found.append(("demand_cede", "UA", "all"))
    if leaver:
        who = "UA" if (leaver.group("ua") or leaver.group("ua2")) else "RU"
        if who == side and _OFFER_CELL.search(cell):
            found.append(("offer_withdraw", None, q))
        elif who != side:
            found.append(("demand_withdraw", who, q))
    elif leave:
        if _OFFER_CELL.search(cell[:leave.start()]):
            found.append(("offer_withdraw", None, q))  # "Ready to withdraw"
        elif re.search(r"\bdemand", cell, re.I) and other is not None:
            found.append(("demand_withdraw", other, q))  # "(withdrawal demand dropped)"
    dropped = _DROPPED_CELL.search(cell)
    out = []
    for kind, target, qual in found:
        iv = interval_from_claim(qual, None, "percent")
        out.append(ExtractedClaim(
            kind, side, place.codes, None, None, qual, iv.low if iv else None,
            iv.high if iv else None, span, line, target=target,
            review=tuple(why + (["the cell says the demand was dropped: an earlier one"]
                                if dropped and kind.startswith("demand") else [])),
            status="earlier" if dropped and kind.startswith("demand") else None))
    return out


SIDE_NAME_OF = {"RU": "Russia", "UA": "Ukraine", "US": "the United States"}


def _smaller_than_regions(table: Table, header_cells: tuple[str, ...]) -> bool:
    """Whether a bare "Area (sq km)" column beside a held-share column holds areas smaller
    than the regions of their rows (then the ground held: "Donetsk | 79% | 20,950"), not the
    regions' own areas ("Donetsk | 26,517 | 79%")."""
    cols = [i for i, h in enumerate(header_cells) if _AREA_HEAD.search(h)
            and not _TOTAL_HEAD.search(h) and not (_HELD.search(h) or CUES["control"].search(h))]
    if len(cols) != 1:
        return False
    areas, fits = official_areas(), []
    for cells, _ in table.rows[1:]:
        named = places(cells[0]) if cells else ()
        fig = _figure(cells[cols[0]], 0, "km2") if cols[0] < len(cells) else None
        codes = [c for p in named for c in p.codes]
        if fig is None or not codes or fig.unit != "km2" or not all(c in areas for c in codes):
            continue
        fits.append(fig.value / sum(areas[c] for c in codes))
    # every row at most its region (a figure rounded up a little), one clearly less
    return len(fits) >= 2 and max(fits) <= 1.02 and min(fits) < 0.9


def table_claims(table: Table) -> list[ExtractedClaim]:
    """Control claims of one table, row by row, in text order; and the demands and offers
    of a column of a side's positions ("| Region | Russian-held share | Moscow's position
    |"). A table whose caption dates it long past ("Area under Russian occupation by
    oblast, 24 February 2023") gives its holdings as notes (``status: past``), as a
    timeline's line of such a year does."""
    found = _table_claims(table)
    then = _PAST_CAPTION.search(table.caption)
    if then is None:
        return found
    return [replace(c, status="past", review=c.review + (
                f"a table dated long past ('{then.group(0)}'): kept as a note, not checked "
                "against the map of the article's day",))
            if c.kind.startswith("control") and c.status is None else c for c in found]


#: A caption's date of a year long past (up to 2023, as for a timeline's line: a later one
#: may be the article's own).
_PAST_CAPTION = re.compile(r"\b(?:\d{1,2}\s+)?(?:January|February|March|April|May|June|July|August|"
                           r"September|October|November|December)\s+(?:\d{1,2},?\s+)?"
                           r"20(?:1\d|2[0-3])\b|\b(?:as\s+of|in|end\s+of|early|late|mid-?)\s+"
                           r"20(?:1\d|2[0-3])\b")


#: A table of scenarios: its rows are what might be, but for the baseline.
_SCENARIO = re.compile(r"\bscenarios?\b", re.I)
_BASELINE = re.compile(r"\b(?:baseline|current|today|now|status\s+quo|as\s+of)\b", re.I)


def _column_place(header: str) -> tuple[str, ...] | None:
    """The place a column's header names ("Russian-held share of Donetsk": UA-14; "... of
    Ukraine": the country), or None."""
    m = re.search(r"\b(?:of|in)\s+(?:the\s+)?(?P<what>[^|()]+?)\s*(?:\(|$)", header)
    if m is None:
        return None
    named = places(m.group("what"))
    if named and named[0].start == 0:
        return named[0].codes
    if re.match(r"(?:Ukraine|the\s+country|country)\b", m.group("what"), re.I):
        return ("UA",)
    return None


#: A header over a column of sides: "Who holds most of it", "Controlled by", "Holder".
_HOLDER_HEAD = re.compile(r"\W*(?:who\s+(?:holds|controls|has|occupies)\b|(?:(?:mostly\s+)?"
                          r"(?:controlled|held|occupied)\s+by|holder|controller|in\s+control|"
                          r"control(?:led)?\s+by)\W*$)", re.I)
#: A header over amounts: "How much (roughly)", "Share", "Extent", "Area".
_AMOUNT_HEAD = re.compile(r"\b(?:how\s+much|share|amount|extent|proportion|area|size)\b|%",
                          re.I)


def _table_claims(table: Table) -> list[ExtractedClaim]:
    timed = _time_table_claims(table)
    if timed is not None:
        return timed
    header_cells, _ = table.rows[0]
    has_header = not any(_figure(c, 0, "percent") for c in header_cells)
    columns: list[tuple[str | None, str | None, list[str]]]
    positions: list[str | None] = []
    if has_header:
        positions = [_position_side(h) for h in header_cells]
        if not any(positions) and (any(_POSITION_HEAD.search(h) for h in header_cells)
                                   or _SIDE_BY_SIDE.search(table.caption)):
            # "| Issue | Moscow | Kyiv | European counter-draft |" under "The competing
            # texts, side by side": a column headed by a side's name alone is its position
            positions = [_bare_side(h) for h in header_cells]
        columns = [_column_side(h, table.caption) for h in header_cells]
        sided = {c[0] for c in columns if c[0] is not None}
        if len(sided) == 1:
            # "| Region | Russian-held (km²) | Share of region |": a share column of the
            # same table, naming no side, is the one side's too
            one = next(iter(sided))
            # "Area (km²)" under a caption of held ground ("Russian-held territory, as of
            # ..."): the area held, not the region's
            area_held = bool(_HELD.search(table.caption) or CUES["control"].search(
                table.caption)) or _smaller_than_regions(table, header_cells)
            columns = [(one, c[1], [f"a table row, column '{h}', holder from the table's "
                                     f"other column"]) if c[0] is None and c[1] is not None
                       and (_HELD.search(h) or area_held and _AREA_HEAD.search(h)
                            and not _TOTAL_HEAD.search(h))
                       else c for h, c in zip(header_cells, columns, strict=True)]
        # "| Region | Who holds most of it | How much (roughly) |": a column of sides, whose
        # row's side holds the figures of the amount columns that name none
        holder_col = next((i for i, h in enumerate(header_cells) if _HOLDER_HEAD.match(h)),
                          None)
        amounts = {i for i, (h, c) in enumerate(zip(header_cells, columns, strict=True))
                   if holder_col is not None and i != holder_col and c[0] is None
                   and (c[1] or _AMOUNT_HEAD.search(h))}
        body = table.rows[1:]
    else:
        # no header: the caption says who holds the figures ("Held by Russia, by region:")
        held = _column_side(table.caption, "") if table.caption else (None, None, [])
        held = (held[0], held[1], [f"a table row; its holder from the line before the "
                                   f"table: '{table.caption}'"])
        width = max(len(cells) for cells, _ in table.rows)
        columns = [held] * width
        body = table.rows
        holder_col, amounts = None, set()
    out: list[ExtractedClaim] = []
    ukrainian = any(p.codes[0].startswith("UA-") for cells, _ in body for c in cells
                    for p in places(c)[:1])
    # a column whose header names its place ("Russian-held share of Donetsk"): that place,
    # whatever the row names
    col_places = [_column_place(h) if has_header else None for h in header_cells]
    scenarios = has_header and bool(_SCENARIO.search(table.caption + " " + header_cells[0]))
    for cells, starts in body:
        if scenarios and not _BASELINE.search(cells[0]):
            continue  # "| 2. Full transfer of Donetsk to Russia | c. 20% | 100% |": a scenario
        named = [(i, p) for i, c in enumerate(cells) for p in places(c)[:1]]
        if not named and any(col_places) and cells:
            # "| 1 July 2025 | 19% | 74% |" under "| Date | Russian-held share of Ukraine |
            # ... of Donetsk |": each figure of its column's place
            named = [(0, Place(("UA",), starts[0], starts[0], ""))]
        if not named and ukrainian and cells and (_TOTAL.match(cells[0]) or re.match(
                r"\W*Ukraine\s*[,(-]?\s*(?:total|overall|as\s+a\s+whole)\b", cells[0], re.I)):
            # "| Total | 115,800 | 19.2% |" under Ukraine's regions: the whole country
            named = [(0, Place(("UA",), starts[0], starts[0] + len(cells[0]), cells[0]))]
        if not named:
            continue
        place_col, place = named[0]
        listed = places(cells[place_col])
        # "| Sumy, Kharkiv, Dnipropetrovsk | Russian troops leave |": a position is of every
        # place its row names
        row_place = Place(tuple(dict.fromkeys(c for p in listed for c in p.codes)), place.start,
                          place.end, cells[place_col], len(listed) > 1) if listed else place
        for i, (cell, start) in enumerate(zip(cells, starts, strict=True)):
            line_start = starts[0]
            line_end = starts[-1] + len(cells[-1])
            position = positions[i] if i < len(positions) and i != place_col else None
            if position is not None:
                out += _position_claims(cell, position, row_place, (line_start, line_end),
                                        " | ".join(cells), header_cells[i])
                continue
            side: str | None
            if i in amounts and holder_col is not None and holder_col < len(cells) and (
                    row_side := _bare_side(cells[holder_col])) in ("RU", "UA"):
                side, unit, why = row_side, columns[i][1], [
                    f"a table row, column '{header_cells[i]}', holder from column "
                    f"'{header_cells[holder_col]}': '{cells[holder_col].strip()}'"]
            elif i == place_col or i >= len(columns) or columns[i][0] is None:
                continue
            else:
                side, unit, why = columns[i]
            codes = (col_places[i] if i < len(col_places) else None) or row_place.codes
            fig = _figure(cell, start, unit)
            if fig is None and side is not None and unit != "km2" and (
                    q := "all" if _ALL_CELL.match(cell) else "part" if _PART_CELL.match(cell)
                    else None):
                # "Sumy | a few villages", "Luhansk | virtually all": a share without a figure
                iv = interval_from_claim(q, None, "percent")
                out.append(ExtractedClaim(
                    "control_share", side, codes, None, None, q,
                    iv.low if iv else None, iv.high if iv else None, (line_start, line_end),
                    " | ".join(cells), review=(*why, f"'{cell}' read as {q}")))
                continue
            if fig is None or side is None:
                continue
            q = fig.qualifier
            if q == "exact" and _ABOUT_CAPTION.search(table.caption + " " + header_cells[i]
                                                      if has_header else table.caption):
                q = "around"  # "Area under Russian control by region (approx., km2)"
            iv = interval_from_claim(CANONICAL[q], fig.value, fig.unit)  # type: ignore[arg-type]
            out.append(ExtractedClaim(
                "control_share" if fig.unit == "percent" else "control_area", side,
                codes, fig.value, fig.unit, q,
                iv.low if iv else None, iv.high if iv else None, (line_start, line_end),
                " | ".join(cells), review=tuple(why)))
            # "~19.2% (about 116,000 km2)": the same holding in the other unit too
            other = next((f for f in figures(cell) if f.unit not in (fig.unit, None)
                          and re.search(r"[(/;]|,\s", cell[:f.start])), None)
            if other is not None:
                iv = interval_from_claim(CANONICAL[other.qualifier], other.value,
                                         other.unit)  # type: ignore[arg-type]
                out.append(ExtractedClaim(
                    "control_share" if other.unit == "percent" else "control_area", side,
                    codes, other.value, other.unit, other.qualifier,
                    iv.low if iv else None, iv.high if iv else None, (line_start, line_end),
                    " | ".join(cells), review=(*why, f"a second figure in the cell: "
                                                     f"'{cell.strip()}'")))
    return out


#: The figures of a field line: one, or two with the second in brackets ("115,900 km²
#: (19.2%)"), each with an optional hedge.
_FIELD_FIGS = (r"(?:[~≈<>≥≤]\s*|(?:c\.|about|around|roughly|approx\.?|nearly|almost|over|"
               r"more\s+than|under|less\s+than|some|at\s+least)\s+)?\d[\d,.]*\s*(?:%|km²|km2|"
               r"sq\.?\s*km|square\s+kilomet(?:re|er)s|per\s*cent)\+?")
_FIELD_VALUES = (rf"{_FIELD_FIGS}(?:\s*[(/,]\s*{_FIELD_FIGS}"
                 r"(?:\s+of\s+(?:Ukraine|the\s+country))?\)?)?")
#: "Russian-held territory in Ukraine: 115,900 km² (19.2%)" (label first) and "19.5% |
#: share of Ukraine's territory under Russian occupation" (figure first), behind a bullet.
_FIELD = led(
    rf"^(?P<bullet>\s*(?:(?:[-*•·–—]|\d{{1,2}}[.)])\s+)?)(?:(?P<label>[^:|\n]{{4,90}}?)\s*(?::|\||\s[–—-])\s*"
    rf"(?P<values>{_FIELD_VALUES})(?:\s+each)?(?:,\s*(?:including|incl\.|with)\s[^|\n]{{0,80}})?"
    rf"\s*\.?|(?P<values2>{_FIELD_VALUES})\s*(?::|\||\s[–—-])\s*(?P<label2>[^|\n]{{4,100}}?))"
    rf"\s*$", re.I | re.M)
#: A field's label that names no standing holding: a change, a past peak, a forecast.
_NOT_HELD = re.compile(r"\b(?:since|between|added|in\s+(?:January|February|March|April|May|June|"
                       r"July|August|September|October|November|December|\d{4})|peak|max(?:imum)?|"
                       r"liberated|recaptured|retaken|regained|forecast|target|claimed\s+by|"
                       r"per\s+(?:day|week|month)|would|could|if)\b", re.I)
#: A field's label that names holding ("share" alone does not: "share of EU citizens").
_FIELD_HELD = re.compile(r"\b(?:held|hold|holds|control(?:led|s)?|occupied|occupation|"
                         r"occup(?:y|ies)|(?:Russia|Ukraine|Moscow|Kyiv)['’]s\s+share|"
                         r"in\s+\w+\s+hands)\b", re.I)
#: A field's label that says its figure is an estimate: "(approx.)", "(est.)".
_FIELD_ABOUT = re.compile(r"\((?:approx\.?|approximately|est\.?|estimated?)\)|\[estimate\]",
                          re.I)
#: A part of a label that names what a figure includes, not its place: "incl. Crimea".
_INCLUDING = re.compile(r"[,(]?\s*\b(?:incl\.|including\b|includes\b|with\b).*$|"
                        # "Ukrainian land held by Russian forces, Crimea included"
                        r"[,(]\s*(?:the\s+)?Crimea(?:n\s+peninsula)?\s+(?:included|inclusive)\b.*$",
                        re.I)


#: The holder's words of a label: "by Ukraine", "under Ukrainian control", "Ukrainian-held".
_HOLDER_WORDS = re.compile(r"\b(?:by|under)\s+(?:the\s+)?(?:Ukraine|Ukrainian|Kyiv|Russia|Russian|"
                           r"Moscow)(?:['’]s)?(?:\s+(?:forces|troops|army|control|occupation|"
                           r"hands))?\b|\b(?:Ukrainian|Russian|Kyiv|Moscow)-(?:held|controlled|"
                           r"occupied)\b", re.I)


def _field_side(label: str) -> tuple[str | None, str]:
    """Who holds a field's figure: the side after "by" or "under" or before "-held" /
    "control" ("Share of Ukraine held by Kyiv", "Donetsk oblast under RU control"), not a
    side named as the place ("of Ukraine", "Ukraine's territory"); "occupied" alone is
    Russia's."""
    named = [a for a in actors(label, skip=[]) if a.side in ("RU", "UA")]
    held = [a for a in named if re.search(r"\b(?:by|under)\s+(?:the\s+)?$", label[:a.start], re.I)
            or re.match(r"(?:-held|-controlled|-occupied|\s+(?:forces|troops|control|hands)\b)",
                        label[a.end:], re.I)
            or re.search(r"\bin\s+$", label[:a.start], re.I) and re.match(r"\s+hands\b",
                                                                         label[a.end:], re.I)]
    if held:
        return held[0].side, f"its holder named in the line: '{label}'"
    named = [a for a in named if not (re.search(r"\b(?:of|in)\s+(?:the\s+)?$", label[:a.start],
                                                re.I) or re.match(r"['’]s\b", label[a.end:]))]
    if named:
        return named[0].side, f"its holder named in the line: '{label}'"
    if re.search(r"\boccup", label, re.I):
        return "RU", f"'occupied' in the line '{label}' read as held by Russia"
    return None, ""


def _field_place(text: str, label: str, label_start: int) -> tuple[tuple[str, ...] | None, str]:
    """The unit a field's figure is of: the places its label names ("share of both
    Zaporizhzhia and Kherson"), not what the figure includes ("incl. Crimea"); the country
    ("of Ukraine", "Ukrainian territory"); else the place the box's first line names ("KURSK
    IN FIGURES", "KHARKIV REGION AT A GLANCE"); else None."""
    own = _INCLUDING.sub("", label)
    # the holder is no place: "Held by Ukraine", "Ukrainian-held"
    own = _HOLDER_WORDS.sub("", own)
    found = places(own)
    if found:
        return tuple(dict.fromkeys(c for p in found for c in p.codes)), ""
    if countries(own) or re.search(r"\bUkraine\b|\bUkrainian\s+(?:territory|land|soil)", own):
        return ("UA",), ""
    if _THESE_AREAS.search(own):
        # "~87,000 sq km — the part of these areas under Russian control" under a line
        # naming the four regions: the places named above it in the box
        start = text.rfind("\n\n", 0, label_start)
        above = places(text[start + 2 if start >= 0 else 0:label_start])
        if above:
            return (tuple(dict.fromkeys(c for p in above for c in p.codes)),
                    "its places: 'these' of the box's lines above")
    line_start = text.rfind("\n", 0, label_start) + 1
    if _STILL_LABEL.search(own) and line_start > 0:
        # "~22,000 sq km — still held by the Kiev regime" under "~87,000 sq km — the part
        # of these areas under Russian control": the rest of the same places
        above_start = text.rfind("\n", 0, line_start - 1) + 1
        m = _FIELD.match(text, above_start, line_start - 1)
        if m is not None:
            key = "label" if m.group("label") else "label2"
            codes, _ = _field_place(text, m.group(key), m.start(key))
            if codes:
                return codes, "its places: those of the line above, of which it is the rest"
    head = _box_head(text, label_start)
    if head:
        named = places(head)
        if named and len({p.codes for p in named}) == 1:
            return named[0].codes, f"its place from the box's first line: '{head.strip()}'"
    return None, ""


#: A field's label of what is left to a side: "still held by", "the rest", "remaining".
_STILL_LABEL = re.compile(r"\b(?:still|remaining|the\s+rest)\b", re.I)


#: A field's label naming the places named before it: "(the part of) these areas".
_THESE_AREAS = re.compile(r"\b(?:these|those|the\s+(?:four|three|two))\s+(?:areas|regions|"
                          r"territories|oblasts|provinces)\b", re.I)


def _box_head(text: str, label_start: int) -> str:
    """The first line of the box a field line stands in (the lines before it, up to a
    blank line), when that line is no field itself; else ""."""
    start = text.rfind("\n\n", 0, label_start)
    box = text[start + 2 if start >= 0 else 0:label_start].split("\n")[:-1]
    head = next((line for line in box if line.strip()), "")
    # (not a list's first item: "• Luhansk: about 95 per cent. Ukrainian forces still hold
    # villages ..." is no title over the items after it)
    return head if head and not _FIELD.match(head) and not re.match(
        r"\s*(?:[-*•·–—]|\d{1,2}[.)])\s", head) else ""


#: A field's label of a bare share: "Share of Ukraine", "Share of the country (%)".
_SHARE_LABEL = re.compile(r"\W*(?:share|percentage|proportion)\s+of\s+(?:Ukraine|the\s+country|"
                          r"(?:Ukraine['’]s|the\s+country['’]s)\s+(?:territory|area))\b[^:|]*$",
                          re.I)


def _line_above(text: str, label_start: int) -> str:
    """The line right above the one ``label_start`` is in ("" at a box's top)."""
    start = text.rfind("\n", 0, label_start)
    if start <= 0:
        return ""
    above = text.rfind("\n", 0, start)
    return text[above + 1:start]


def field_claims(text: str, label: str, label_start: int, values: str,
                 span: tuple[int, int]) -> list[ExtractedClaim]:
    """Control claims of one field line of ``text``, its label naming holding and its
    figures what is held: "Russian-held territory in Ukraine: 115,900 km² (19.2%)", "19.5% |
    share of Ukraine's territory under Russian occupation". A label without a place takes
    the box's ("KURSK IN FIGURES"), else is the country ("Share held by Kyiv's forces"); one
    naming a change or a past ("gained in February", "at the peak") is no holding."""
    if _CHANGE.search(label) or _NOT_HELD.search(label) or OTHER_MEASURE.search(label):
        return []  # (nor "share of Ukraine's generating capacity damaged or occupied")
    side, why = _field_side(label) if _FIELD_HELD.search(label) else (None, "")
    if side is None:
        # "KEY FIGURES | January 2026 (Russian-held share, rounded)" over "- Ukraine
        # overall: ~19.4%": the box's first line names the holding, the label the place
        head, where = _box_head(text, label_start), "the box's first line"
        above = _line_above(text, label_start)
        if _SHARE_LABEL.match(label) and above and _FIELD.match(above) and _FIELD_HELD.search(
                above.split(":")[0]) and not _CHANGE.search(above) and not _NOT_HELD.search(above):
            # "Russian-controlled area: 113,720 km²" over "Share of Ukraine: 18.84%": the
            # holding the line above names
            head, where = above.split(":")[0], "the line above"
        elif not (head and _FIELD_HELD.search(head) and not _CHANGE.search(head)
                  and not _NOT_HELD.search(head)):
            return []
        side, why = _field_side(head)
        if side is None or not (places(label) or re.search(r"\bUkraine\b", label)):
            return []
        why = f"its holder named in {where}: '{head.strip()}'"
    named, place_why = _field_place(text, label, label_start)
    codes = named or ("UA",)
    about = bool(_FIELD_ABOUT.search(label))
    line = text[span[0]:span[1]].strip()
    # "17.6 percent: the share of the country Moscow held at the start of 2024": then's
    then = PAST_PEAK.search(label)
    past = (f"a past figure ('{then.group(0)}' in the label): kept as a note, not checked "
            "against the map of the article's day",) if then else ()
    out: list[ExtractedClaim] = []
    for fig in figures(values):
        q = "around" if about and fig.qualifier == "exact" else fig.qualifier
        iv = interval_from_claim(CANONICAL[q], fig.value, fig.unit)  # type: ignore[arg-type]
        out.append(ExtractedClaim(
            "control_share" if fig.unit == "percent" else "control_area", side, codes,
            fig.value, fig.unit, q, iv.low if iv else None, iv.high if iv else None, span,
            line, review=(f"a line of a label and a figure; {why}",)
            + ((place_why,) if place_why else ())
            + (() if named else ("no place in the line: read as Ukraine as a whole",)) + past,
            status="past" if then else None))
    return out


def fields(text: str) -> list[tuple[tuple[int, int], list[ExtractedClaim]]]:
    """The field lines of ``text`` whose label names a holding, as (span, claims): a line
    of a label and one or two figures, as key-number boxes, infoboxes and social posts set
    them out."""
    out: list[tuple[tuple[int, int], list[ExtractedClaim]]] = []
    if ":" not in text and "|" not in text and "–" not in text and " - " not in text \
            and "—" not in text:
        return out
    pos = 0
    for line in text.split("\n"):
        at, pos = pos, pos + len(line) + 1
        # a short line with a figure's unit in it, before the pattern is tried
        if len(line) > 200 or not _FIELD_UNIT.search(line):
            continue
        m = _FIELD.match(text, at, at + len(line))
        if m is None:
            continue
        key = "label" if m.group("label") else "label2"
        vkey = "values" if m.group("label") else "values2"
        span = (m.start() + len(m.group("bullet")), m.end())
        found = field_claims(text, m.group(key), m.start(key), m.group(vkey), span)
        if found or _NO_HOLDING.search(m.group(key)):
            # a field of a change or of contested ground ("Change, last 30 days: +382 km²",
            # "Contested (grey zone, not counted): 1,030 km²") is read by nothing else
            out.append((span, found))
    return out


#: A field's label of no holding at all: a change, contested or grey-zone ground.
_NO_HOLDING = re.compile(r"\b(?:change|gain(?:ed|s)?|lost|loss|net|grey[\s-]zone|gray[\s-]zone|"
                         r"contested|not\s+counted|disputed)\b", re.I)
_FIELD_UNIT = led(r"\d\s*(?:%|km|sq|square|per\s*cent)", re.I)
