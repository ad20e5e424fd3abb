"""Front-history data of the schematic growth model: where control came from and when.

Facts, not code: for each unit fought over since 2014 a :class:`GrowthProfile` says where
the holder came from (``seeds``), which neighbours the other side kept (``far``) and a
list of :class:`Anchor` towns with the approximate share of the unit held when each was
taken (public reporting, rounded; see ``docs/schematic-method.md``). Also the lower
Dnipro as a barrier line and the order in which units are grown. Coordinates are
EPSG:4326 lon/lat degrees; levels are fractions (0-1) of the unit.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

__all__ = [
    "DEFAULT_HELD",
    "PROCESSING_ORDER",
    "DNIPRO_LINE",
    "Anchor",
    "GrowthProfile",
    "PROFILES",
    "iter_codes_in_order",
]

#: Units counted as held by Russia when a call gives no share for them (since 2014).
DEFAULT_HELD: Mapping[str, float] = {"UA-43": 100.0, "UA-40": 100.0}
#: Units are grown in this order, so the zones they touch exist first; others follow
#: in code order.
PROCESSING_ORDER = ("UA-40", "UA-43", "UA-09", "UA-14", "UA-65", "UA-23", "UA-63", "UA-48")

#: The lower Dnipro and the former Kakhovka reservoir as a line (lon, lat), from the
#: estuary west of the delta, between Kherson (right bank) and Oleshky (left bank),
#: Nova Kakhovka/Kakhovka and Beryslav, Kamianka-Dniprovska and Nikopol, Enerhodar and
#: Marhanets, up to Zaporizhzhia; points are midpoints between those GeoNames towns
#: (see docs/schematic-method.md). Approximate: no river data ships with the project.
DNIPRO_LINE: tuple[tuple[float, float], ...] = (
    (32.05, 46.555), (32.30, 46.57), (32.45, 46.59), (32.60, 46.62), (32.72, 46.66),
    (32.80, 46.68), (33.05, 46.72), (33.30, 46.75), (33.40, 46.79), (33.45, 46.83),
    (33.60, 46.92), (33.80, 47.08), (34.05, 47.28), (34.25, 47.43), (34.41, 47.525),
    (34.64, 47.56), (34.85, 47.62), (35.05, 47.72), (35.10, 47.85), (35.15, 48.00),
)


@dataclass(frozen=True)
class Anchor:
    """A place whose change of hands is public record.

    Attributes
    ----------
    name : str
        Place name (for documentation and debugging).
    lon, lat : float
        Position, degrees (EPSG:4326).
    level : float
        Approximate share of its unit (0-1) held by the holder when the place was
        taken; places still held by the other side get a level above the latest share.
    """

    name: str
    lon: float
    lat: float
    level: float


@dataclass(frozen=True)
class GrowthProfile:
    """How control spread in one unit.

    Attributes
    ----------
    seeds : tuple of str
        Where the holder came from: ``"RU"`` (Russia) or unit codes.
    far : tuple of str
        Neighbouring units the other side kept (their border gets level 1).
    anchors : tuple of Anchor
        Towns with their level.
    seed_box : tuple of float, optional
        ``(west, south, east, north)`` limiting the seed border (degrees).
    seed_levels : tuple of (str, float)
        Level of the border with a seed source when not 0 (a border the holder reached
        only later, such as Kharkiv's border with Russia outside the 2024 salients).
    """

    seeds: tuple[str, ...]
    far: tuple[str, ...]
    anchors: tuple[Anchor, ...]
    seed_box: tuple[float, float, float, float] | None = None
    seed_levels: tuple[tuple[str, float], ...] = ()


def _a(*rows: tuple[str, float, float, float]) -> tuple[Anchor, ...]:
    return tuple(Anchor(n, x, y, lv) for n, x, y, lv in rows)


#: Growth profiles of the units fought over since 2014. Levels are approximate shares of
#: the unit held when each place was taken (public reporting, rounded); see the doc.
PROFILES: Mapping[str, GrowthProfile] = {
    "UA-14": GrowthProfile(  # Donetsk
        seeds=("RU",), far=("UA-12", "UA-63"),
        anchors=_a(
            ("Novoazovsk", 38.15, 47.11, 0.03), ("Shakhtarsk", 38.45, 48.05, 0.05),
            ("Makiivka", 37.97, 48.05, 0.08), ("Donetsk", 37.80, 48.00, 0.10),
            ("Yenakiieve", 38.20, 48.23, 0.10), ("Starobesheve", 38.02, 47.75, 0.15),
            ("Horlivka", 38.05, 48.30, 0.15), ("Boikivske", 38.03, 47.55, 0.20),
            ("Dokuchaievsk", 37.75, 47.75, 0.25), ("Debaltseve", 38.41, 48.34, 0.30),
            ("Volnovakha", 37.50, 47.60, 0.42), ("Manhush", 37.30, 47.05, 0.44),
            ("Nikolske", 37.30, 47.20, 0.45), ("Mariupol", 37.55, 47.10, 0.47),
            ("Svitlodarsk", 38.24, 48.44, 0.50), ("Soledar", 38.09, 48.68, 0.56),
            ("Bakhmut", 38.00, 48.60, 0.58), ("Marinka", 37.50, 47.94, 0.60),
            ("Avdiivka", 37.75, 48.14, 0.60), ("Krasnohorivka", 37.50, 48.00, 0.62),
            ("Ocheretyne", 37.60, 48.27, 0.62), ("Niu-York", 37.86, 48.32, 0.63),
            ("Vuhledar", 37.25, 47.78, 0.64), ("Selydove", 37.30, 48.15, 0.65),
            ("Novohrodivka", 37.34, 48.20, 0.65), ("Hirnyk", 37.37, 48.05, 0.66),
            ("Kurakhove", 37.28, 47.98, 0.68), ("Velyka Novosilka", 36.84, 47.84, 0.71),
            ("Toretsk", 37.85, 48.40, 0.71), ("Komar", 36.95, 47.99, 0.74),
            ("Chasiv Yar", 37.86, 48.59, 0.75), ("Dnipropetrovsk border S", 36.70, 47.95, 0.78),
            ("Pokrovsk", 37.18, 48.28, 0.79), ("Myrnohrad", 37.26, 48.30, 0.79),
            ("Siversk", 38.10, 48.87, 0.80), ("Dnipropetrovsk border", 36.75, 48.15, 0.82),
            ("Kostiantynivka", 37.70, 48.53, 0.84), ("Dobropillia", 37.08, 48.47, 0.86),
            ("Lyman", 37.80, 48.99, 0.87), ("Bilozerske", 37.06, 48.50, 0.88),
            ("Druzhkivka", 37.52, 48.62, 0.90), ("Sviatohirsk", 37.57, 49.03, 0.93),
            ("Kramatorsk", 37.56, 48.72, 0.95), ("Sloviansk", 37.60, 48.85, 0.97),
        ),
    ),
    "UA-09": GrowthProfile(  # Luhansk
        seeds=("RU",), far=("UA-63",), seed_levels=(("RU", 0.15),),
        anchors=_a(
            ("Dovzhansk", 39.65, 48.08, 0.02), ("Luhansk", 39.31, 48.57, 0.03),
            ("Antratsyt", 39.09, 48.12, 0.04), ("Khrustalnyi", 38.94, 48.12, 0.05),
            ("Alchevsk", 38.80, 48.47, 0.10), ("Kadiivka", 38.65, 48.57, 0.12),
            ("Brianka", 38.64, 48.51, 0.12), ("Pervomaisk", 38.55, 48.63, 0.20),
            ("Stanytsia Luhanska", 39.48, 48.65, 0.33), ("Shchastia", 39.23, 48.74, 0.35),
            ("Milove", 40.13, 49.37, 0.36), ("Bilovodsk", 39.58, 49.20, 0.38),
            ("Markivka", 39.55, 49.61, 0.38), ("Novoaidar", 39.01, 48.96, 0.40),
            ("Starobilsk", 38.92, 49.28, 0.40), ("Novopskov", 39.09, 49.55, 0.40),
            ("Svatove", 38.15, 49.41, 0.50), ("Popasna", 38.38, 48.63, 0.75),
            ("Kreminna", 38.22, 49.05, 0.80), ("Rubizhne", 38.37, 49.01, 0.80),
            ("Hirske", 38.49, 48.75, 0.85), ("Zolote", 38.52, 48.70, 0.85),
            ("Sievierodonetsk", 38.49, 48.95, 0.88), ("Lysychansk", 38.43, 48.92, 0.94),
            ("Bilohorivka", 38.27, 48.93, 0.995),
        ),
    ),
    "UA-65": GrowthProfile(  # Kherson
        seeds=("UA-43",), far=("UA-12",),
        anchors=_a(
            ("Henichesk", 34.81, 46.17, 0.02), ("Chaplynka", 33.53, 46.36, 0.05),
            ("Skadovsk", 32.91, 46.11, 0.10), ("Kinburn peninsula", 31.85, 46.50, 0.05),
            ("Kinburn peninsula E", 32.10, 46.47, 0.08), ("Oleshky sands", 32.35, 46.45, 0.12),
            ("Nyzhni Sirohozy", 34.39, 46.84, 0.30),
            ("Nova Kakhovka", 33.36, 46.76, 0.30), ("Kakhovka", 33.48, 46.82, 0.30),
            ("Hornostaivka", 33.73, 47.00, 0.35), ("Oleshky", 32.72, 46.63, 0.35),
            ("Hola Prystan", 32.52, 46.53, 0.25), ("Velyka Lepetykha", 33.93, 47.16, 0.40),
            ("Krynky", 33.08, 46.73, 0.60),
            ("Beryslav", 33.42, 46.84, 0.85), ("Kherson", 32.62, 46.64, 0.90),
            ("Novovorontsovka", 33.92, 47.50, 0.95), ("Vysokopillia", 33.52, 47.48, 0.99),
        ),
    ),
    "UA-23": GrowthProfile(  # Zaporizhzhia
        seeds=("UA-65",), far=("UA-12",),
        anchors=_a(
            ("Yakymivka", 35.17, 46.70, 0.04), ("Melitopol", 35.38, 46.85, 0.05),
            ("Pryazovske", 35.64, 46.73, 0.06), ("Prymorsk", 36.35, 46.73, 0.12),
            ("Berdiansk", 36.79, 46.76, 0.15), ("Kamianka-Dniprovska", 34.42, 47.48, 0.20),
            ("Enerhodar", 34.66, 47.49, 0.22), ("Dniprorudne", 35.00, 47.39, 0.25),
            ("Mykhailivka", 35.22, 47.27, 0.25), ("Rozivka", 36.71, 47.15, 0.25),
            ("Molochansk", 35.60, 47.20, 0.28), ("Chernihivka", 36.20, 47.20, 0.30),
            ("Tokmak", 35.71, 47.26, 0.30), ("Vasylivka", 35.28, 47.44, 0.35),
            ("Bilmak", 36.65, 47.35, 0.35), ("Polohy", 36.26, 47.48, 0.38),
            ("Robotyne", 35.85, 47.45, 0.72), ("Kamianske", 35.40, 47.50, 0.74),
            ("Huliaipole", 36.26, 47.66, 0.76), ("Donetsk border N", 36.60, 47.75, 0.76),
            ("Stepnohirsk", 35.50, 47.58, 0.78), ("Orikhiv", 35.79, 47.57, 0.80),
            ("Komyshuvakha", 35.95, 47.75, 0.90), ("Zaporizhzhia", 35.12, 47.85, 1.00),
            ("Vilniansk", 35.44, 47.95, 1.00),
        ),
    ),
    "UA-63": GrowthProfile(  # Kharkiv
        seeds=("RU", "UA-09"), far=("UA-53", "UA-12"), seed_levels=(("RU", 0.08),),
        anchors=_a(
            ("Luhansk border N", 38.00, 49.80, 0.01), ("Oskil east bank S", 37.95, 49.55, 0.02),
            ("Vovchansk", 36.94, 50.29, 0.02), ("Dvorichna", 37.67, 49.85, 0.03),
            ("Lyptsi", 36.43, 50.20, 0.04), ("Oskil east bank", 37.85, 49.40, 0.04),
            ("Synkivka", 37.57, 49.82, 0.06), ("Kupiansk", 37.61, 49.71, 0.07),
            ("Kupiansk-Vuzlovyi", 37.68, 49.65, 0.07), ("Velykyi Burluk", 37.39, 50.06, 0.08),
            ("Kozacha Lopan", 36.21, 50.34, 0.10), ("Borova", 37.63, 49.38, 0.12),
            ("Staryi Saltiv", 36.79, 50.08, 0.25), ("Izium", 37.26, 49.21, 0.25),
            ("Balakliia", 36.84, 49.46, 0.25), ("Shevchenkove", 37.17, 49.70, 0.30),
            ("Pechenihy", 36.93, 49.87, 0.30), ("Chuhuiv", 36.69, 49.84, 0.50),
            ("Zolochiv", 35.98, 50.28, 0.50), ("Barvinkove", 37.02, 48.91, 0.60),
            ("Derhachi", 36.12, 50.11, 0.70), ("Zmiiv", 36.36, 49.68, 0.80),
            ("Kharkiv", 36.25, 50.00, 0.90), ("Lozova", 36.27, 48.89, 0.95),
            ("Bohodukhiv", 35.53, 50.16, 0.95), ("Valky", 35.62, 49.84, 1.00),
            ("Krasnohrad", 35.45, 49.37, 1.00),
        ),
    ),
    "UA-48": GrowthProfile(  # Mykolaiv: the Kinburn spit first
        seeds=("UA-65",), far=("UA-51", "UA-35", "UA-12"),
        seed_box=(31.4, 46.3, 32.2, 46.65),
        anchors=_a(
            ("Kinburn spit", 31.60, 46.53, 0.00), ("Snihurivka", 32.80, 47.08, 0.30),
            ("Bashtanka", 32.44, 47.41, 0.60), ("Ochakiv", 31.54, 46.61, 1.00),
            ("Mykolaiv", 31.99, 46.98, 0.95), ("Voznesensk", 31.34, 47.56, 1.00),
        ),
    ),
}



def iter_codes_in_order(codes: Iterable[str]) -> list[str]:
    """``codes`` in :data:`PROCESSING_ORDER`, others after in code order."""
    return sorted(codes, key=lambda c: (
        PROCESSING_ORDER.index(c) if c in PROCESSING_ORDER else len(PROCESSING_ORDER), c))
