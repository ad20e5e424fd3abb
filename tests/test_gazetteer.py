import pytest

from geo.errors import UnknownPlaceError
from geo.gazetteer import normalize, resolve, resolve_one

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
