import pandas as pd
import pytest

from geo.boundaries import BOUNDARIES_DIR
from geo.errors import UnknownPlaceError, UnknownPlacesError
from geo.gazetteer import default_gazetteer, normalize, resolve, resolve_all, resolve_one


def suggest(name: str) -> list[str]:
    return default_gazetteer().suggest(name)

# Spellings seen in English-language news -> ISO 3166-2 code.
VARIANTS = {
    "Donetsk": "UA-14", "Donets'k": "UA-14", "Donetsk oblast": "UA-14",
    "the Donetsk region": "UA-14", "Donetsk Province": "UA-14",
    "Luhansk": "UA-09", "Lugansk": "UA-09", "Luhans'k region": "UA-09",
    "Zaporizhzhia": "UA-23", "Zaporozhye": "UA-23", "Zaporizhzhya": "UA-23",
    "Zaporizhia": "UA-23", "Zaporizhzhia oblast": "UA-23",
    "Kherson": "UA-65", "Kherson region": "UA-65",
    "Kharkiv": "UA-63", "Kharkov": "UA-63", "Kharkiv Oblast": "UA-63",
    "Mykolaiv": "UA-48", "Nikolaev": "UA-48", "Nikolayev": "UA-48", "Mykolayiv": "UA-48",
    "Odesa": "UA-51", "Odessa": "UA-51", "Odessa region": "UA-51",
    "Dnipropetrovsk": "UA-12", "Dnepropetrovsk": "UA-12", "Dnipropetrovs’k": "UA-12",
    "Dnipro region": "UA-12",
    "Kyiv": "UA-30", "Kiev": "UA-30", "Kyiv city": "UA-30", "city of Kyiv": "UA-30",
    "Kyiv Oblast": "UA-32", "Kiev region": "UA-32", "Kiev oblast": "UA-32",
    "Crimea": "UA-43", "Autonomous Republic of Crimea": "UA-43", "Krym": "UA-43",
    "Sevastopol": "UA-40", "Sebastopol": "UA-40",
    "Lviv": "UA-46", "Lvov": "UA-46", "L'viv": "UA-46",
    "Vinnytsia": "UA-05", "Vinnitsa": "UA-05",
    "Khmelnytskyi": "UA-68", "Khmelnitsky": "UA-68", "Khmel'nyts'kyy": "UA-68",
    "Kirovohrad": "UA-35", "Kirovograd": "UA-35",
    "Chernihiv": "UA-74", "Chernigov": "UA-74",
    "Zakarpattia": "UA-21", "Transcarpathia": "UA-21",
    "Ivano-Frankivsk": "UA-26", "Ivano Frankivsk": "UA-26",
    "Zhytomyr": "UA-18", "Zhitomir": "UA-18",
    "Rivne": "UA-56", "Rovno": "UA-56",
    "Kursk": "RU-KRS", "Kursk region": "RU-KRS", "Belgorod": "RU-BEL", "Bryansk": "RU-BRY",
    "  DONETSK  OBLAST ": "UA-14",
}

CYRILLIC = {
    "Донецька область": "UA-14", "Донецкая область": "UA-14",
    "Запорізька область": "UA-23", "Запорожская область": "UA-23",
    "Луганська область": "UA-09", "Луганская область": "UA-09",
    "Херсонська область": "UA-65", "Київ": "UA-30", "Киев": "UA-30",
    "Київська область": "UA-32", "Киевская область": "UA-32",
    "Автономна Республіка Крим": "UA-43", "Севастополь": "UA-40",
    "Курская область": "RU-KRS",
}


# The occupied regions and the occupation authorities as English-language news and
# officials write them (Reuters, AP, BBC, ISW, Kremlin and Ukrainian government texts).
NEWS_NAMES = {
    "Luhansk People's Republic": "UA-09", "Lugansk People's Republic": "UA-09",
    "Luhansk People’s Republic": "UA-09", "the self-proclaimed Luhansk People's Republic":
    "UA-09", "LPR": "UA-09", "LNR": "UA-09", "Lugansk": "UA-09", "Luhansk region": "UA-09",
    "Luhansk Oblast": "UA-09", "Lugansk region": "UA-09", "Luhanska oblast": "UA-09",
    "Donetsk People's Republic": "UA-14", "the so-called Donetsk People's Republic": "UA-14",
    "Donetsk People’s Republic": "UA-14", "DPR": "UA-14", "DNR": "UA-14",
    "Donetsk region": "UA-14", "Donetsk Oblast": "UA-14",
    "Republic of Crimea": "UA-43", "the Republic of Crimea": "UA-43",
    "Crimean Republic": "UA-43", "Crimean Autonomous Republic": "UA-43",
    "Autonomous Republic of Crimea": "UA-43", "Krym": "UA-43",
    "Sevastopol": "UA-40", "City of Sevastopol": "UA-40", "Sevastopol city": "UA-40",
    "Kherson region": "UA-65", "Kherson Oblast": "UA-65", "Khersonska oblast": "UA-65",
    "Zaporizhzhia oblast": "UA-23", "Zaporizhzhia region": "UA-23", "Zaporozhye": "UA-23",
    "Zaporozhye region": "UA-23", "Zaporizhia Oblast": "UA-23", "Zaporozhe": "UA-23",
    "Kharkiv region": "UA-63", "Mykolaiv region": "UA-48", "Dnipropetrovsk region": "UA-12",
    "Kursk region": "RU-KRS", "Belgorod region": "RU-BEL", "Bryansk region": "RU-BRY",
}

#: The English name data/boundaries/units.csv gives each code used above, so a wrong code
#: in these lists fails here rather than agreeing with a wrong gazetteer.
CODE_NAMES = {
    "UA-09": "Luhansk", "UA-14": "Donetsk", "UA-43": "Crimea", "UA-40": "Sevastopol",
    "UA-65": "Kherson", "UA-23": "Zaporizhzhia", "UA-63": "Kharkiv", "UA-48": "Mykolaiv",
    "UA-12": "Dnipropetrovsk", "RU-KRS": "Kursk", "RU-BEL": "Belgorod", "RU-BRY": "Bryansk",
}


def test_codes_of_the_news_names_are_the_units_they_mean() -> None:
    table = pd.read_csv(BOUNDARIES_DIR / "units.csv", index_col="code")
    assert set(NEWS_NAMES.values()) == set(CODE_NAMES)
    assert {c: table.loc[c, "name_en"] for c in CODE_NAMES} == CODE_NAMES


@pytest.mark.parametrize("name,code", sorted(NEWS_NAMES.items()))
def test_news_name_resolves(name: str, code: str) -> None:
    assert resolve(name) == (code,)


def test_resolve_all_names_every_unknown_name_and_keeps_the_rest() -> None:
    names = ["LNR", "Kharkof", "Donbas", "Atlantis", "Republic of Crimea", "LNR"]
    with pytest.raises(UnknownPlacesError) as exc:
        resolve_all(names)
    err = exc.value
    assert err.names == ["Kharkof", "Atlantis"]
    assert err.resolved == {"LNR": ("UA-09",), "Donbas": ("UA-14", "UA-09"),
                            "Republic of Crimea": ("UA-43",)}
    assert [e.suggestions for e in err.errors] == [suggest("Kharkof"), []]
    assert suggest("Kharkof")[0] == "Kharkov"
    msg = str(err)
    assert msg.startswith("names: 2 of 5 place names are not known units")
    assert "'Kharkof': did you mean: 'Kharkov'" in msg
    assert "'Atlantis': run `frontline regions`" in msg
    assert isinstance(err, ValueError)
    assert resolve_all(["Zaporozhye", "DPR"]) == {"Zaporozhye": ("UA-23",), "DPR": ("UA-14",)}
    with pytest.raises(UnknownPlacesError, match="Kharkof"):
        default_gazetteer().resolve_many(["Donbas", "Kharkof"])
    assert default_gazetteer().resolve_many(["Donbas", "DNR", "Crimea"]) == (
        "UA-14", "UA-09", "UA-43")


def test_at_least_forty_variants() -> None:
    assert len(VARIANTS) >= 40


@pytest.mark.parametrize("name,code", sorted(VARIANTS.items()))
def test_variant_resolves(name: str, code: str) -> None:
    assert resolve(name) == (code,)


@pytest.mark.parametrize("name,code", sorted(CYRILLIC.items()))
def test_cyrillic_resolves(name: str, code: str) -> None:
    assert resolve(name) == (code,)


@pytest.mark.parametrize(
    "name,codes",
    [
        ("Donbas", {"UA-14", "UA-09"}),
        ("Donbass", {"UA-14", "UA-09"}),
        ("the Donbas region", {"UA-14", "UA-09"}),
        ("Crimean peninsula", {"UA-43", "UA-40"}),
        ("Крымский полуостров", {"UA-43", "UA-40"}),
        ("four regions", {"UA-14", "UA-09", "UA-23", "UA-65"}),
    ],
)
def test_groups(name: str, codes: set[str]) -> None:
    got = resolve(name)
    assert set(got) == codes and len(got) == len(codes)


def test_iso_code_passes_through() -> None:
    assert resolve("ua-14") == ("UA-14",)


def test_unknown_name_suggests_closest() -> None:
    with pytest.raises(UnknownPlaceError) as exc:
        resolve("Donetks")
    assert "Donetks" in str(exc.value)
    assert exc.value.suggestions and exc.value.suggestions[0] == "Donetsk"
    with pytest.raises(UnknownPlaceError) as exc2:
        resolve("Zaporozhia region")
    assert any("Zapor" in s for s in exc2.value.suggestions)
    assert isinstance(exc.value, ValueError)


def test_unknown_without_close_match_points_to_regions() -> None:
    with pytest.raises(UnknownPlaceError, match="frontline regions"):
        resolve("Atlantis")


def test_resolve_one_rejects_groups() -> None:
    assert resolve_one("Lugansk") == "UA-09"
    with pytest.raises(UnknownPlaceError, match="group"):
        resolve_one("Donbas")


def test_normalize() -> None:
    assert normalize("Luhans’k Oblast") == ("luhansk", "region")
    assert normalize("City of Kyiv") == ("kyiv", "city")
    assert normalize("Донецька область") == ("донецка", "region")
    assert normalize("the so-called Luhansk People's Republic") == (
        "luhansk peoples republic", "")


@pytest.mark.parametrize(("name", "code"), [
    ("Zaporijia", "UA-23"), ("Saporischschja", "UA-23"), ("Donezk", "UA-14"),
    ("Louhansk", "UA-09"), ("Charkiw", "UA-63"), ("Cherson", "UA-65"),
    ("Dnipropetrowsk", "UA-12"),
])
def test_european_papers_spellings_resolve(name: str, code: str) -> None:
    """French and German spellings, as European papers in English translation keep them."""
    assert resolve_one(name) == code
