import math

import pytest

from geo.errors import FrontlineError
from geo.intervals import (
    Interval,
    canonical_qualifier,
    explicit_interval,
    interval_from_claim,
    km2_to_share,
    share_to_km2,
    sum_intervals,
)


def bounds(iv: Interval | None) -> tuple[float, float, float]:
    assert iv is not None
    return (iv.low, iv.high, iv.central)


def close(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return all(math.isclose(x, y, abs_tol=1e-9) for x, y in zip(a, b, strict=True))


# Hand-computed from the rules in the module docstring.
@pytest.mark.parametrize(
    ("qualifier", "figure", "unit", "expected"),
    [
        ("exact", 20, "percent", (20, 20, 20)),
        ("about", 70, "percent", (66.5, 73.5, 70)),
        ("roughly", 18, "percent", (17.1, 18.9, 18)),
        ("approximately", 650, "km2", (617.5, 682.5, 650)),
        ("around", 40, "percent", (38, 42, 40)),
        ("more_than", 80, "percent", (80, 88, 84)),
        ("over", 100_000, "km2", (100_000, 110_000, 105_000)),
        ("at_least", 10, "percent", (10, 11, 10.5)),
        ("less_than", 50, "percent", (45, 50, 47.5)),
        ("under", 1000, "km2", (900, 1000, 950)),
        ("at_most", 30, "percent", (27, 30, 28.5)),
        ("all", None, "percent", (100, 100, 100)),
        ("part", None, "percent", (0.5, 15, 5)),
        ("smaller_part", None, "percent", (0.5, 15, 5)),
        ("large_part", None, "percent", (50, 100, 75)),
        ("some", None, "percent", (0.5, 99.5, 50)),
        ("unstated_part", None, "percent", (0.5, 99.5, 50)),
        ("nearly_all", None, "percent", (90, 100, 97)),
        ("almost_all", None, "percent", (90, 100, 97)),
        ("virtually_all", None, "percent", (90, 100, 97)),
    ],
)
def test_rules(qualifier: str, figure: float | None, unit: str,
               expected: tuple[float, float, float]) -> None:
    iv = interval_from_claim(qualifier, figure, unit)  # type: ignore[arg-type]
    assert close(bounds(iv), expected)
    assert iv is not None and iv.unit == unit


def test_percent_capped_to_100_and_midpoint_after_capping() -> None:
    assert close(bounds(interval_from_claim("more_than", 95, "percent")), (95, 100, 97.5))
    assert close(bounds(interval_from_claim("about", 98, "percent")), (93.1, 100, 98))
    # km² are not capped
    assert close(bounds(interval_from_claim("more_than", 95, "km2")), (95, 104.5, 99.75))


def test_none_qualifier_has_no_interval() -> None:
    assert interval_from_claim("none", None, "percent") is None


@pytest.mark.parametrize(
    ("qualifier", "figure", "unit", "fragment"),
    [
        ("more_than", None, "percent", "needs a figure"),
        ("all", 100, "percent", "takes no figure"),
        ("part", None, "km2", "needs figure_unit 'percent'"),
        ("about", -3, "percent", ">= 0"),
        ("exact", 101, "percent", "at most 100"),
        ("mostly", 3, "percent", "unknown qualifier"),
    ],
)
def test_rule_errors(qualifier: str, figure: float | None, unit: str, fragment: str) -> None:
    with pytest.raises(FrontlineError, match=fragment):
        interval_from_claim(qualifier, figure, unit)  # type: ignore[arg-type]


def test_canonical_qualifier_aliases() -> None:
    assert canonical_qualifier("Roughly") == "about"
    assert canonical_qualifier("more than") == "more_than"
    assert canonical_qualifier("at-most") == "less_than"


def test_interval_validation() -> None:
    with pytest.raises(FrontlineError, match="above high"):
        Interval(5, 3, 4)
    with pytest.raises(FrontlineError, match="outside"):
        Interval(1, 3, 4)
    with pytest.raises(FrontlineError, match="finite"):
        Interval(math.nan, 3, 2)
    with pytest.raises(FrontlineError, match="unit"):
        Interval(1, 2, 1.5, unit="hectare")  # type: ignore[arg-type]
    assert isinstance(FrontlineError("x"), ValueError)


def test_add_complement_overlaps_gap() -> None:
    s = Interval(1, 3, 2, unit="km2") + Interval(10, 20, 12, unit="km2")
    assert (s.low, s.high, s.central, s.unit) == (11, 23, 14, "km2")
    with pytest.raises(FrontlineError, match="convert"):
        Interval(1, 3, 2) + Interval(1, 3, 2, unit="km2")
    c = Interval(15, 25, 20).complement()
    assert (c.low, c.high, c.central) == (75, 85, 80)
    with pytest.raises(FrontlineError):
        Interval(1, 2, 1, unit="km2").complement()
    assert Interval(80, 88, 84).overlaps(Interval(88, 90, 89))  # touching counts
    assert not Interval(80, 88, 84).overlaps(Interval(70, 79, 75))
    assert Interval(80, 88, 84).gap(Interval(70, 79, 75)) == 1
    assert Interval(80, 88, 84).gap(Interval(85, 99, 90)) == 0


def test_sum_intervals() -> None:
    total = sum_intervals([Interval(1, 2, 1.5, unit="km2")] * 3)
    assert (total.low, total.high, total.central) == (3, 6, 4.5)
    assert bounds(sum_intervals([])) == (0, 0, 0)


def test_share_km2_round_trip() -> None:
    iv = interval_from_claim("more_than", 80, "percent")
    assert iv is not None
    km = share_to_km2(iv, 26_517)  # Donetsk official area
    assert close(bounds(km), (21_213.6, 23_334.96, 22_274.28))
    back = km2_to_share(km, 26_517)
    assert close(bounds(back), (80, 88, 84))
    kursk = km2_to_share(Interval(617.5, 682.5, 650, unit="km2"), 29_997)
    assert math.isclose(kursk.central, 650 / 29_997 * 100)
    with pytest.raises(FrontlineError):
        share_to_km2(iv, 0)
    with pytest.raises(FrontlineError):
        km2_to_share(iv, 100)


def test_explicit_interval() -> None:
    assert bounds(explicit_interval(10, 30)) == (10, 30, 20)
    assert bounds(explicit_interval(10, 30, 12)) == (10, 30, 12)
    with pytest.raises(FrontlineError, match="above high"):
        explicit_interval(30, 10)
    with pytest.raises(FrontlineError, match="<= 100"):
        explicit_interval(90, 120)


def test_formatting() -> None:
    assert str(interval_from_claim("more_than", 80, "percent")) == "80–88 % (more than 80 %)"
    assert str(interval_from_claim("about", 70, "percent")) == "66.5–73.5 % (about 70 %)"
    assert str(interval_from_claim("all", None, "percent")) == "100 % (all)"
    assert str(interval_from_claim("exact", 20, "percent")) == "20 %"
    assert (str(interval_from_claim("over", 116_000, "km2"))
            == "116,000–127,600 km² (more than 116,000 km²)")
    assert str(Interval(1, 2, 1.5)) == "1–2 %"
