"""Ground by class: what each feature of a control layer says about who holds it.

A control layer holds, per feature, a **class** (a property value: a status, a layer
name, a side) that maps to a **state**:

``russia``
    held by Russia (occupied; Crimea and ORDLO; ISW's assessed Russian control);
``ukraine``
    held by Ukraine (liberated, taken back; a ``side: ukraine`` feature);
``contested``
    neither side's for certain: the grey zone, unknown status, ISW's assessed advances
    and both sides' unverified claims;
``out``
    not about holding ground in the project's units: territories outside Ukraine
    (Transnistria, Abkhazia, ...), notes.

:func:`classify` recognises the known schemas by themselves and says which it used:

* the **single-class** daily export: features without a class (every polygon is
  Russian-held);
* a **side** property (``side``, ``held_by``, ``controlled_by``, ``holder``; any case);
* the **raw multi-class export** of the same map (its KML turned into GeoJSON): the class
  is free text in ``name``, bilingual, from April 2024 with a key
  (``geoJSON.status.occupied``); older files are placed by their words, and unlabelled
  polygons by their fill colour, which follows the class;
* **ISW class layers** merged into one file (a ``layer`` property);
* anything else with the user's choice, :class:`ClassChoice` (``--classes FIELD --map
  VALUE=STATE``).

A polygon whose class cannot be placed is never taken as Russian-held: the reader refuses
the layer and lists every value found (:class:`~geo.errors.UnknownClassError`). Pure
functions on property mappings; no geometry, no units.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from geo.errors import ControlLayerError, UnknownClassError

__all__ = [
    "STATES",
    "STATE_WORDS",
    "HELD_WORDS",
    "CLASS_FIELDS",
    "ClassChoice",
    "Classes",
    "ClassCount",
    "classify",
    "class_counts",
    "unknown_class_error",
    "property_ci",
]

#: The states a class maps to.
STATES: tuple[str, ...] = ("russia", "ukraine", "contested", "out")
#: The states in words, for notes and tables.
STATE_WORDS: Mapping[str, str] = {
    "russia": "held by Russia", "ukraine": "held by Ukraine",
    "contested": "contested (grey zone)", "out": "out of scope",
}
#: Held ground of each side in words (notes, verdicts, map labels).
HELD_WORDS: Mapping[str, str] = {"russia": "Russian-held", "ukraine": "Ukrainian-held",
                                 "contested": "contested (grey zone)"}
#: Properties that hold a class in files of no known schema: with two or more values
#: among the polygons, such a file is refused unless the user maps them.
CLASS_FIELDS: tuple[str, ...] = ("class", "status", "layer", "category", "type", "state",
                                 "classification", "kind", "folder")

_SIDE_KEYS = ("side", "held_by", "controlled_by", "holder")
_SIDE_VALUES: Mapping[str, str] = {
    "russia": "russia", "ru": "russia", "rus": "russia", "russian": "russia",
    "occupied": "russia", "russia-held": "russia", "russian-held": "russia",
    "ukraine": "ukraine", "ua": "ukraine", "ukr": "ukraine", "ukrainian": "ukraine",
    "ukraine-held": "ukraine", "ukrainian-held": "ukraine",
    "contested": "contested", "grey": "contested", "gray": "contested",
    "grey zone": "contested", "gray zone": "contested", "unknown": "contested",
}
_STATE_ALIASES: Mapping[str, str] = {
    "russia": "russia", "ru": "russia", "held": "russia", "occupied": "russia",
    "ukraine": "ukraine", "ua": "ukraine", "liberated": "ukraine",
    "contested": "contested", "grey": "contested", "gray": "contested",
    "out": "out", "ignore": "out", "none": "out",
}

# The raw export: keys first (from April 2024), then words, then the fill colour.
_KEY = re.compile(r"geoJSON\.([A-Za-z_]+(?:\.[A-Za-z_\-]+)?)")
_DATES = re.compile(r"[\d.\-–]*\d[\d.\-–]*")
_KEY_STATES: Mapping[str, str] = {
    "status.occupied": "russia", "status.unknown": "contested",
    "status.dismissed": "ukraine", "status.dismissed_at": "ukraine",
    "territories.crimea": "russia", "territories.ordlo": "russia",
    "territories.tuzla": "russia",
}
# Words, tried in this order (a place outside Ukraine first: "Окупована Абхазія" is
# occupied, but not Ukraine's).
_OUT_WORDS = ("transnistria", "придністров", "abkhaz", "абхаз", "tskhinval", "цхінвал",
              "prussia", "прусс", "прусі", "karelia", "карел", "ichkeri", "ічкер",
              "kuril", "курил", "petsamo", "петсамо", "salla", "салла", "eston", "естон",
              "latvia", "латві", "pechor", "печор", "wagner", "вагнер")
_CONTESTED_WORDS = ("під питанням", "contest", "contens", "contenes", "in doubt",
                    "статус невідомий", "unknown status", "невідом", "сіра зона",
                    "gray area", "grey area", "grey zone", "gray zone")
_UKRAINE_WORDS = ("звільнен", "liberated", "taken back", "recaptur", "відбит",
                  "під контролем зсу", "орки відсутні", "ворога відкинуто", "pushed back")
_RUSSIA_WORDS = ("окупов", "occupied", "under occupation", "зайнят", "захоплен", "ордло",
                 "cadr", "calr", "крим", "crimea", "тузла", "tuzla")
_FILL_STATES: Mapping[str, str] = {
    "#a52714": "russia", "#880e4f": "russia", "#000000": "russia",
    "#0f9d58": "ukraine", "#0288d1": "ukraine", "#01579b": "ukraine",
    "#bcaaa4": "contested", "#bdbdbd": "contested", "#757575": "contested",
    "#ff5252": "out", "#ce93d8": "out",
}
# ISW's class layers (the ``layer`` property of a merged day).
_ISW = (
    ("advance", "contested", "assessed Russian advance (not control)"),
    ("claimedrussian", "contested", "claimed by Russia, unverified"),
    ("claimedukrainian", "contested", "claimed Ukrainian counteroffensive, unverified"),
    ("counteroffensive", "contested", "claimed Ukrainian counteroffensive, unverified"),
    ("cot", "russia", "assessed Russian control"),
    ("control", "russia", "assessed Russian control"),
)


def property_ci(props: Mapping[str, Any], key: str) -> tuple[str, Any] | None:
    """``(actual key, value)`` of ``key`` in ``props``, matched in any case."""
    if key in props:
        return key, props[key]
    low = key.casefold()
    for k, v in props.items():
        if isinstance(k, str) and k.casefold() == low:
            return k, v
    return None


def _text(value: Any) -> str:
    return re.sub(r"\s+", " ", str(value)).strip() if value is not None else ""


@dataclass(frozen=True)
class ClassChoice:
    """The user's reading of a layer: a property and what each of its values means.

    Attributes
    ----------
    field : str
        The property that holds the class (matched in any case).
    mapping : mapping of str to str
        Value (matched in any case, spaces folded) to state (one of :data:`STATES`).
    """

    field: str
    mapping: Mapping[str, str]

    @classmethod
    def parse(cls, field: str, pairs: Sequence[str], *, argument: str = "--map"
              ) -> ClassChoice:
        """A choice from ``VALUE=STATE`` texts; every bad pair is reported together."""
        problems: list[str] = []
        mapping: dict[str, str] = {}
        if not field or not field.strip():
            problems.append("--classes: expected the name of the property holding the class; "
                            "got an empty name")
        for pair in pairs:
            value, sep, state = pair.rpartition("=")
            st = _STATE_ALIASES.get(state.strip().casefold())
            if not sep or not value.strip():
                problems.append(f"{argument} {pair!r}: expected VALUE=STATE, e.g. "
                                "'Occupied=russia'")
            elif st is None:
                problems.append(f"{argument} {pair!r}: the state {state!r} is not one of "
                                f"{', '.join(STATES)}")
            else:
                mapping[_text(value).casefold()] = st
        if not pairs:
            problems.append(f"{argument}: expected at least one VALUE=STATE for the property "
                            f"{field!r}")
        if problems:
            raise ControlLayerError("the class choice has problems:\n  - "
                                    + "\n  - ".join(problems))
        return cls(field.strip(), mapping)


@dataclass(frozen=True)
class Classes:
    """The class and state of every feature of a layer.

    Attributes
    ----------
    schema : str
        The schema recognised (or the user's choice), in words.
    labels : list of str
        Each feature's class as shown to users.
    states : list of str or None
        Each feature's state (:data:`STATES`); None where the class cannot be placed.
    """

    schema: str
    labels: list[str]
    states: list[str | None]

    @property
    def unplaced(self) -> list[int]:
        """Positions of the features whose class could not be placed."""
        return [i for i, s in enumerate(self.states) if s is None]


@dataclass(frozen=True)
class ClassCount:
    """One class of a layer: how many features, how much ground, and its state.

    ``km2`` is the ground of its features inside Ukraine's units, ``km2_total`` their
    own area (territories outside Ukraine have 0 of the first)."""

    label: str
    state: str | None
    features: int
    km2: float
    km2_total: float = 0.0

    def __str__(self) -> str:
        where = STATE_WORDS.get(self.state or "", "not placed")
        whole = (f" ({self.km2_total:,.1f} km² in all)"
                 if abs(self.km2_total - self.km2) >= 0.05 else "")
        return (f"{self.label}: {self.features} feature{'s' if self.features != 1 else ''}, "
                f"{self.km2:,.1f} km² in Ukraine's units{whole} -> {where}")


def class_counts(classes: Classes, km2: Sequence[float],
                 km2_total: Sequence[float] | None = None) -> list[ClassCount]:
    """Features and km² per class (``km2``: each feature's ground inside Ukraine's units;
    ``km2_total``: its own area, default the same), largest first."""
    totals = km2_total if km2_total is not None else km2
    acc: dict[tuple[str, str | None], list[tuple[float, float]]] = {}
    for label, state, a, t in zip(classes.labels, classes.states, km2, totals, strict=True):
        acc.setdefault((label, state), []).append((a, t))
    rows = [ClassCount(label, state, len(v), float(sum(a for a, _ in v)),
                       float(sum(t for _, t in v))) for (label, state), v in acc.items()]
    return sorted(rows, key=lambda r: (-r.km2, -r.km2_total, r.label))


def unknown_class_error(label: str, classes: Classes, counts: Sequence[ClassCount]
                        ) -> UnknownClassError:
    """The error for a layer with classes that cannot be placed: every value found."""
    lines = [str(c) for c in counts]
    field = _field_hint(classes)
    found = [(c.label, c.state, c.features, c.km2) for c in counts]
    return UnknownClassError(
        f"{label}: read as {classes.schema}, {len(classes.unplaced)} polygon feature"
        f"{'s have' if len(classes.unplaced) != 1 else ' has'} a class the tool cannot place "
        "(held by Russia, by Ukraine, contested or out of scope); it will not guess, since "
        "taking them as Russian-held would count other ground as occupied. The classes "
        "found:\n  - " + "\n  - ".join(lines) + "\nSay what each means, e.g. "
        f"`--classes {field} --map 'VALUE=russia' --map 'OTHER=contested'` (states: "
        f"{', '.join(STATES)}), or choose the same in the app.", field=field, found=found)


def _field_hint(classes: Classes) -> str:
    m = re.match(r"field '([^']+)'", classes.schema)
    return m.group(1) if m else ("name" if "raw" in classes.schema else "FIELD")


# ---------------------------------------------------------------- schemas
def _raw_state(props: Mapping[str, Any]) -> tuple[str, str | None]:
    name = _text(props.get("name"))
    low = name.casefold()
    key = _KEY.search(name)
    parts = name.split("///")
    label = parts[1] if len(parts) > 1 and not parts[1].strip().startswith("geoJSON.") \
        else parts[0]
    # dates ("Liberated 25.03", "Taken back 27-31.03") make one class of many
    label = re.sub(r"\s+", " ", _DATES.sub("", label)).strip(" -.") or "(no name)"
    if key is not None:
        k = key.group(1)
        label = f"{label} ({k})"
        if k in _KEY_STATES:
            return label, _KEY_STATES[k]
        if k.startswith("territories."):
            return label, "out"
    if any(w in low for w in _OUT_WORDS):
        return label, "out"
    for words, state in ((_CONTESTED_WORDS, "contested"), (_UKRAINE_WORDS, "ukraine"),
                         (_RUSSIA_WORDS, "russia")):
        if any(w in low for w in words):
            return label, state
    fill = _text(props.get("fill")).casefold()
    if fill in _FILL_STATES:
        return f"{label} (fill {fill})", _FILL_STATES[fill]
    return name or "(no name)", None  # the whole name: what --map must say


def _is_raw(props: Sequence[Mapping[str, Any]]) -> bool:
    """The raw export (or a My Maps layer like it): a key or '///' in a name, KML styles,
    or names that state a class in the map's words."""
    words = (*_CONTESTED_WORDS, *_UKRAINE_WORDS, "окупов", "occupied")
    for p in props:
        name = p.get("name")
        if isinstance(name, str) and ("geoJSON." in name or "///" in name
                                      or any(w in name.casefold() for w in words)):
            return True
        if "styleurl" in p or ("fill" in p and "name" in p):
            return True
    return False


def _isw_state(value: Any) -> tuple[str, str | None]:
    text = _text(value)
    low = re.sub(r"[^a-z]", "", text.casefold())
    for word, state, meaning in _ISW:
        if word in low:
            return f"{text} ({meaning})", state
    return text or "(no layer)", None


def _is_isw(props: Sequence[Mapping[str, Any]]) -> bool:
    return any(isinstance(p.get("layer"), str) and re.search(r"(?i)russia|ukrain", p["layer"])
               for p in props)


def _side(props: Mapping[str, Any]) -> tuple[str, str | None] | None:
    for key in _SIDE_KEYS:
        found = property_ci(props, key)
        if found is not None:
            value = _text(found[1])
            return f"{found[0]}: {value}", _SIDE_VALUES.get(value.casefold())
    return None


def _chosen(props: Mapping[str, Any], choice: ClassChoice) -> tuple[str, str | None]:
    found = property_ci(props, choice.field)
    value = _text(found[1]) if found is not None else ""
    label = value or f"(no {choice.field})"
    return label, choice.mapping.get(value.casefold())


def classify(props: Sequence[Mapping[str, Any]], *, choice: ClassChoice | None = None
             ) -> Classes:
    """The class and state of each feature (give the polygon features' properties).

    Parameters
    ----------
    props : sequence of mappings
        Each feature's properties (an empty mapping for none).
    choice : ClassChoice, optional, keyword-only
        The user's reading: it decides wherever it maps a feature's value (or the class as
        shown); a recognised schema reads the rest, and in a file of no known schema every
        value must be mapped.

    Returns
    -------
    Classes
        ``states[i]`` is None where feature ``i``'s class cannot be placed.
    """
    # keys in any case: GDAL gives a KML's "Name", GeoJSON exports "name"
    props = [{(k.casefold() if isinstance(k, str) else k): v for k, v in p.items()}
             if isinstance(p, Mapping) else {} for p in props]
    if choice is not None:
        return _with_choice(props, choice)
    if _is_raw(props):
        keyed = any(isinstance(p.get("name"), str) and "geoJSON." in p["name"] for p in props)
        return _classes("raw multi-class export (" + ("keys" if keyed else "names and fill "
                        "colours") + " in 'name')", [_raw_state(p) for p in props])
    if _is_isw(props):
        return _classes("ISW class layers (field 'layer')",
                        [_isw_state(p.get("layer")) for p in props])
    sides = [_side(p) for p in props]
    if any(s is not None for s in sides):
        return _classes("a side property", [s if s is not None else ("(no side)", "russia")
                                            for s in sides])
    for key in CLASS_FIELDS:
        values = {_text(f[1]) for p in props if (f := property_ci(p, key)) is not None}
        if len(values) >= 2:
            return _classes(f"field '{key}' (no known schema)",
                            [(_text(f[1]) if (f := property_ci(p, key)) else f"(no {key})",
                              None) for p in props])
    return _classes("single class (every polygon held by Russia)",
                    [("held ground", "russia")] * len(props))


def _with_choice(props: Sequence[Mapping[str, Any]], choice: ClassChoice) -> Classes:
    """The user's mapping where it speaks (by the property's value, or by the class as
    the tool shows it); elsewhere a recognised schema's reading, and nothing for a file
    of no known schema (every value must then be mapped)."""
    base = classify(props)
    known = not base.schema.startswith(("field '", "single class"))
    pairs: list[tuple[str, str | None]] = []
    for p, label, state in zip(props, base.labels, base.states, strict=True):
        value, mapped = _chosen(p, choice)
        if mapped is None:
            mapped = choice.mapping.get(_text(label).casefold())
        if mapped is not None:
            pairs.append((label if known else value, mapped))
        else:
            pairs.append((label, state) if known else (value, None))
    schema = (f"{base.schema}, with your mapping of '{choice.field}'" if known
              else f"field '{choice.field}' (your mapping)")
    return _classes(schema, pairs)


def _classes(schema: str, pairs: Sequence[tuple[str, str | None]]) -> Classes:
    return Classes(schema, [p[0] for p in pairs], [p[1] for p in pairs])
