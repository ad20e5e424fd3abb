"""Resolve place names as they appear in English-language news to unit codes.

Handles official names and romanizations (Zaporizhzhia, Kyiv, Odesa), older or
Russian-derived spellings (Zaporozhye, Kiev, Odessa, Lugansk, Kharkov, Nikolaev,
Dnepropetrovsk), forms with "oblast", "region" or "province", the occupation
authorities' names as the news writes them ("the so-called Luhansk People's Republic",
LPR, DNR, "Republic of Crimea": the oblast or republic they claim), Ukrainian and Russian
Cyrillic names, and groups ("Donbas" is Donetsk + Luhansk; "Crimean peninsula" is
Crimea + Sevastopol). No geometry here; the city point layer is :mod:`geo.cities`.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

from geo.boundaries import load_unit_table
from geo.errors import UnknownPlaceError, UnknownPlacesError

__all__ = ["Gazetteer", "normalize", "resolve", "resolve_all", "resolve_one",
           "default_gazetteer", "GROUPS"]

#: Suffixes that mark a first-level region ("Donetsk oblast", "Kherson region").
_REGION_WORDS = (
    "oblast", "oblast'", "oblasti", "obl", "region", "province", "regione",
    "область", "обл", "oblast’",
)
_CITY_WORDS = ("city", "city of", "misto", "місто", "город", "municipality")

#: News spellings not in the reference table (code -> extra forms); with the spellings of
#: European papers in English translation (French "Zaporijia", "Louhansk"; German
#: "Donezk", "Charkiw", "Saporischschja", "Cherson").
_EXTRA_VARIANTS: dict[str, tuple[str, ...]] = {
    "UA-05": ("Vinnitsya", "Vinnytsya Oblast"),
    "UA-09": ("Luhanshchyna", "Louhansk", "Lugansk Oblast", "Luhansk People's Republic",
              "Lugansk People's Republic", "LPR", "LNR", "L.P.R", "L.N.R"),
    "UA-12": ("Dnipro region", "Dnipropetrowsk", "Dnipro oblast", "Dnipropetrovs'k",
              "Dnipropetrovsk Oblast"),
    "UA-14": ("Donechchyna", "Donezk", "Donetsk People's Republic", "DPR", "DNR", "D.P.R", "D.N.R",
              "Donetsk Oblast"),
    "UA-18": ("Zhitomir",),
    "UA-21": ("Zakarpattya", "Zakarpattia Oblast", "Transcarpathian"),
    "UA-23": ("Zaporozhe", "Zaporojie", "Zaporijia", "Zaporojia", "Saporischschja",
              "Zaporozhzhia", "Zaporizhzhia Oblast", "Zaporozh'ye"),
    # not "Stanislav" (the city's 1939-62 name): in news it is a first name ("DPR head
    # Stanislav Voronin"), not Ivano-Frankivsk
    "UA-26": ("Ivano Frankivsk",),
    "UA-30": ("Kyiv City", "Kyiv city", "Kyyiv", "Kiev city"),
    "UA-32": ("Kyiv Oblast", "Kiev Oblast", "Kyivshchyna", "Kyiv region", "Kiev region",
              "Kyyivs'ka"),
    "UA-35": ("Kropyvnytskyi region", "Kirovohradshchyna"),
    "UA-40": ("Sevastopol City",),
    "UA-43": ("Krim", "Krym", "Republic of Crimea", "Crimean Republic",
              "Crimean Autonomous Republic"),
    "UA-46": ("Lvov", "Lwow"),
    "UA-48": ("Nikolayev", "Mykolayiv", "Mikolaiv"),
    "UA-51": ("Odessa", "Odessa Oblast"),
    "UA-53": ("Poltavshchyna",),
    "UA-59": ("Sumshchyna",),
    "UA-63": ("Kharkov", "Charkiw", "Kharkiw", "Kharkivshchyna", "Kharkiv Oblast"),
    "UA-65": ("Khersonshchyna", "Cherson"),
    "UA-68": ("Khmelnytskyi", "Khmelnytsky", "Khmelnitskiy", "Khmelnytskyy"),
    "UA-71": ("Cherkassy Oblast",),
    "UA-74": ("Chernigiv", "Chernigov", "Chernihivshchyna"),
    "UA-77": ("Czernowitz", "Bukovina"),
    "RU-KRS": ("Kursk Oblast", "Kurskaya Oblast"),
    "RU-BEL": ("Belgorod Oblast", "Belgorodskaya Oblast"),
    "RU-BRY": ("Bryansk Oblast", "Bryanskaya Oblast"),
}

#: Named groups of units. Matched before single units.
GROUPS: dict[str, tuple[str, ...]] = {
    "Donbas": ("UA-14", "UA-09"),
    "Donbass": ("UA-14", "UA-09"),
    "Донбас": ("UA-14", "UA-09"),
    "Донбасс": ("UA-14", "UA-09"),
    "Crimean peninsula": ("UA-43", "UA-40"),
    "Crimean Peninsula": ("UA-43", "UA-40"),
    "Кримський півострів": ("UA-43", "UA-40"),
    "Крымский полуостров": ("UA-43", "UA-40"),
    "four regions": ("UA-14", "UA-09", "UA-23", "UA-65"),
    "four oblasts": ("UA-14", "UA-09", "UA-23", "UA-65"),
    # "all four of the oblasts Russia claims to have annexed"
    "four of the oblasts": ("UA-14", "UA-09", "UA-23", "UA-65"),
    "four of the regions": ("UA-14", "UA-09", "UA-23", "UA-65"),
    "the four annexed regions": ("UA-14", "UA-09", "UA-23", "UA-65"),
}

_APOSTROPHES = str.maketrans({c: "" for c in "'’ʼʹ`´\u02bb\u2018ь"})


def normalize(name: str) -> tuple[str, str]:
    """Normalize a place name for lookup.

    Parameters
    ----------
    name : str
        A place name in Latin or Cyrillic script.

    Returns
    -------
    (str, str)
        The base name (case-folded, no apostrophes, soft signs or diacritics,
        hyphens as spaces, without a leading "the", "so-called" or "self-proclaimed"
        or a region/city word) and the
        kind of word that was stripped: ``"region"``, ``"city"`` or ``""``.
    """
    text = unicodedata.normalize("NFKC", name).casefold().strip()
    text = text.translate(_APOSTROPHES)
    # Strip Latin diacritics (Lebedîn -> lebedin) but keep Cyrillic letters (й, ї) whole.
    text = "".join(_strip_latin_marks(ch) for ch in text)
    text = re.sub(r"[-‐‑–—_.,]+", " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"^the ", "", text)
    text = re.sub(r"^(?:so called|self proclaimed|self declared) ", "", text)
    kind = ""
    for word in sorted(_REGION_WORDS, key=len, reverse=True):
        w = word.translate(_APOSTROPHES)
        if text.endswith(" " + w) or text.startswith(w + " of "):
            text = text[: -len(w) - 1] if text.endswith(" " + w) else text[len(w) + 4:]
            kind = "region"
            break
    if not kind:
        for word in sorted(_CITY_WORDS, key=len, reverse=True):
            if text.endswith(" " + word):
                text, kind = text[: -len(word) - 1], "city"
                break
            if text.startswith(word + " "):
                text, kind = text[len(word) + 1:], "city"
                break
    text = re.sub(r"^(the|of) ", "", text.strip())
    return text.strip(), kind


def _strip_latin_marks(ch: str) -> str:
    if ord(ch) < 0x250:  # Latin blocks
        return "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
    return ch


@dataclass
class Gazetteer:
    """Name index over the unit table.

    Parameters
    ----------
    table : pandas.DataFrame
        Unit table indexed by code with columns ``name_en``, ``name_uk``, ``name_ru``,
        ``kind`` and ``variants`` (``|``-separated), as from
        :func:`geo.boundaries.load_unit_table`.
    groups : dict, keyword-only
        Group name -> codes.
    """

    table: pd.DataFrame
    groups: dict[str, tuple[str, ...]] = field(default_factory=lambda: dict(GROUPS))

    def __post_init__(self) -> None:
        self._index: dict[str, set[str]] = {}
        self._display: dict[str, str] = {}
        self._kind: dict[str, str] = dict(self.table["kind"])
        group_keys = {normalize(g)[0] for g in self.groups}
        for code, row in self.table.iterrows():
            forms = [row["name_en"], row["name_uk"], row["name_ru"]]
            forms += [v for v in str(row.get("variants", "")).split("|") if v]
            forms += list(_EXTRA_VARIANTS.get(str(code), ()))
            for form in forms:
                key = normalize(form)[0]
                if key in group_keys:
                    continue  # "Crimean Peninsula" is a group, not UA-43 alone
                self._index.setdefault(key, set()).add(str(code))
                self._display.setdefault(key, form)
        self._groups = {normalize(g)[0]: codes for g, codes in self.groups.items()}
        for g in self.groups:
            self._display.setdefault(normalize(g)[0], g)

    def resolve(self, name: str) -> tuple[str, ...]:
        """Codes of the unit or group a name refers to.

        Parameters
        ----------
        name : str
            A unit name, variant, Cyrillic name, ISO code or group name.

        Returns
        -------
        tuple of str
            One code for a unit, several for a group, in a stable order.

        Raises
        ------
        UnknownPlaceError
            When nothing matches; the error lists the closest known names.
        """
        if not isinstance(name, str) or not name.strip():
            raise UnknownPlaceError(str(name), [])
        raw = name.strip()
        if raw.upper() in self._kind:
            return (raw.upper(),)
        key, kind = normalize(raw)
        if key in self._groups:
            return self._groups[key]
        codes = self._index.get(key)
        if codes:
            if len(codes) == 1:
                return (next(iter(codes)),)
            return (self._pick(codes, kind),)
        raise UnknownPlaceError(name, self.suggest(name))

    def _pick(self, codes: set[str], kind: str) -> str:
        """Disambiguate 'Kyiv' (city) from 'Kyiv oblast' by the stripped word."""
        cities = sorted(c for c in codes if "city" in self._kind[c])
        regions = sorted(c for c in codes if "city" not in self._kind[c])
        if kind == "region" and regions:
            return regions[0]
        if cities:
            return cities[0]
        return sorted(codes)[0]

    def suggest(self, name: str, *, n: int = 3) -> list[str]:
        """Closest known names to ``name`` (display forms), best first."""
        key, _ = normalize(name)
        keys = list(self._index) + list(self._groups)
        close = difflib.get_close_matches(key, keys, n=n, cutoff=0.6)
        return [self._display[k] for k in close]

    def names(self) -> list[str]:
        """Every known display name, sorted."""
        return sorted(set(self._display.values()))

    def resolve_all(self, names: Iterable[str], *, argument: str = "names"
                    ) -> dict[str, tuple[str, ...]]:
        """Codes of every name, each resolved on its own (:meth:`resolve`).

        Parameters
        ----------
        names : iterable of str
            Place names; a name given twice is resolved once.
        argument : str, keyword-only
            The argument that held the names, for the error message.

        Returns
        -------
        dict
            Name -> codes, in the order given.

        Raises
        ------
        UnknownPlacesError
            When any name is unknown: every unknown name with its suggestions, and (as
            ``resolved``) the names that did resolve.
        """
        out: dict[str, tuple[str, ...]] = {}
        unknown: list[UnknownPlaceError] = []
        given = list(dict.fromkeys(names))
        for n in given:
            try:
                out[n] = self.resolve(n)
            except UnknownPlaceError as exc:
                unknown.append(exc)
        if unknown:
            raise UnknownPlacesError(unknown, resolved=out, total=len(given), argument=argument)
        return out

    def resolve_many(self, names: Iterable[str]) -> tuple[str, ...]:
        """Codes for several names, in order, without duplicates.

        Raises
        ------
        UnknownPlacesError
            Naming every unknown name (:meth:`resolve_all`).
        """
        out: list[str] = []
        for codes in self.resolve_all(names).values():
            out += [c for c in codes if c not in out]
        return tuple(out)


@functools.lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The gazetteer over the committed unit table (built once)."""
    return Gazetteer(load_unit_table())


def resolve(name: str) -> tuple[str, ...]:
    """Resolve a place name with :func:`default_gazetteer`; see :meth:`Gazetteer.resolve`."""
    return default_gazetteer().resolve(name)


def resolve_all(names: Iterable[str], *, argument: str = "names") -> dict[str, tuple[str, ...]]:
    """Resolve every name with :func:`default_gazetteer`; see :meth:`Gazetteer.resolve_all`."""
    return default_gazetteer().resolve_all(names, argument=argument)


def resolve_one(name: str) -> str:
    """Resolve a name that must be exactly one unit.

    Raises
    ------
    UnknownPlaceError
        If the name is unknown or names a group of several units.
    """
    codes = resolve(name)
    if len(codes) != 1:
        raise UnknownPlaceError(
            name, [f"{name!r} is a group of {len(codes)} units ({', '.join(codes)})"]
        )
    return codes[0]
