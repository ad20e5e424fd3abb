"""Ground by class: each known schema recognised by itself, the user's mapping, refusals."""

from __future__ import annotations

import pytest

from geo.classes import STATES, ClassChoice, class_counts, classify, unknown_class_error
from geo.errors import ControlLayerError, UnknownClassError
from geo.synthetic import RAW_CLASSES, RAW_STATES


def test_the_raw_export_by_its_keys() -> None:
    props = [{"name": RAW_CLASSES[c][0], "fill": RAW_CLASSES[c][2], "styleUrl": "#p"}
             for c in RAW_CLASSES]
    read = classify(props)
    assert read.schema.startswith("raw multi-class export (keys")
    # every class of the format, and the unlabelled polygon by its fill colour
    assert read.states == [RAW_STATES[c] for c in RAW_CLASSES]
    assert read.labels[0] == "Occupied (status.occupied)"


def test_real_variants_of_the_raw_names() -> None:
    """Names as the public raw exports write them: 2022 Ukrainian-only names, dates,
    typos, spacing, no key; the words decide, the fill colour only where they say
    nothing; a place outside Ukraine is out of scope though it says 'occupied'."""
    cases = [
        ("Звільнено 27-31.03/// Liberated 27-31.03\xa0/// geoJSON.status.dismissed_at "
         "{{at:27.03 - 31.03}}", "#0f9d58", "ukraine"),
        ("Окупована Абхазія. /// Occupied Abkhazia.", "#ff5252", "out"),
        ("Під питанням /// Contensed", "#bcaaa4", "contested"),
        ("Під питанням", "#a52714", "contested"),  # the words win over the fill
        ("Сєвєродонецьк. Території, відбиті у орків. /// Sieverodonetsk. Recaptured "
         "territories.", "#0288d1", "ukraine"),
        ("Рубіжне. Території зайняті ворогом", "#a52714", "russia"),
        ("Зміїний /// Snake Island", "#a52714", "russia"),  # 2022: the fill says occupied
        ("Зміїний /// Snake Island", "#0f9d58", "ukraine"),  # later: liberated
        ("24.03", "#0288d1", "ukraine"),
        ("Під контролем бойовиків-повстанців пвк \"вагнер\"", "#ce93d8", "out"),
        ("Статус н\ufffd\ufffdвідомий /// Unknown status", "#bcaaa4", "contested"),
    ]
    read = classify([{"name": n, "fill": f} for n, f, _ in cases])
    assert read.schema.startswith("raw multi-class export")
    assert read.states == [s for _, _, s in cases]
    # dates do not make classes of their own
    assert read.labels[0] == "Liberated (status.dismissed_at)"


def test_a_raw_name_with_no_words_and_no_known_fill_is_not_placed() -> None:
    read = classify([{"name": "Багатокутник 12", "fill": "#123456"},
                     {"name": "Окуповано", "fill": "#a52714"}])
    assert read.states == [None, "russia"]
    assert read.unplaced == [0]


def test_isw_class_layers() -> None:
    layers = ["VIEW_RussiaCoTinUkraine_V3", "MDS_AssessedRussianAdvanceInUkraine_view",
              "VIEW_ClaimedRussianTerritoryinUkraine_V2",
              "VIEW_ClaimedUkrainianCounteroffensives_V2"]
    read = classify([{"layer": v} for v in layers])
    assert read.schema.startswith("ISW class layers")
    assert read.states == ["russia", "contested", "contested", "contested"]
    assert "assessed Russian advance (not control)" in read.labels[1]
    assert "claimed Ukrainian counteroffensive" in read.labels[3]


def test_side_keys_in_any_case() -> None:
    read = classify([{"Side": "UA"}, {"SIDE": "russia"}, {"held_by": "Grey zone"}, {}])
    assert read.schema == "a side property"
    assert read.states == ["ukraine", "russia", "contested", "russia"]


def test_single_class_and_an_unknown_schema() -> None:
    assert classify([{}, {"name": "box"}]).states == ["russia", "russia"]
    unknown = classify([{"status": "A"}, {"status": "B"}, {"Status": "A"}])
    assert unknown.schema == "field 'status' (no known schema)"
    assert unknown.unplaced == [0, 1, 2]
    assert unknown.labels == ["A", "B", "A"]


def test_the_users_choice_maps_a_file_of_no_known_schema() -> None:
    choice = ClassChoice.parse("Status", ["a=russia", " B =grey", "C=out"])
    read = classify([{"status": "A"}, {"STATUS": "b"}, {"status": "c"}, {"status": "D"},
                     {"kind": "x"}], choice=choice)
    assert read.schema == "field 'Status' (your mapping)"
    assert read.states == ["russia", "contested", "out", None, None]
    assert read.labels[3:] == ["D", "(no Status)"]


def test_the_users_choice_places_what_a_known_schema_cannot() -> None:
    """A raw export with one unlabelled polygon of an unknown colour (as on 2023-02-07):
    the listed name is what --map takes; the schema still reads the rest."""
    props = [{"name": "Окуповано /// Occupied /// geoJSON.status.occupied", "fill": "#a52714"},
             {"name": "Багатокутник 54", "fill": "#fbc02d"}]
    read = classify(props)
    assert read.states == ["russia", None] and read.labels[1] == "Багатокутник 54"
    mapped = classify(props, choice=ClassChoice.parse("name", ["Багатокутник 54=out"]))
    assert mapped.states == ["russia", "out"]
    assert mapped.schema.endswith("with your mapping of 'name'")


def test_a_bad_choice_lists_every_problem() -> None:
    with pytest.raises(ControlLayerError) as exc:
        ClassChoice.parse("status", ["A=held by nobody", "noequals", "=russia"])
    msg = str(exc.value)
    assert "'A=held by nobody': the state 'held by nobody' is not one of" in msg
    assert "'noequals': expected VALUE=STATE" in msg and "'=russia'" in msg
    assert isinstance(exc.value, ValueError)
    with pytest.raises(ControlLayerError, match="at least one VALUE=STATE"):
        ClassChoice.parse("status", [])


def test_counts_and_the_refusal_list_every_class() -> None:
    read = classify([{"status": "A"}, {"status": "B"}, {"status": "A"}])
    counts = class_counts(read, [10.0, 2.5, 5.0], [10.0, 4.0, 5.0])
    assert [(c.label, c.features, c.km2, c.km2_total) for c in counts] == [
        ("A", 2, 15.0, 15.0), ("B", 1, 2.5, 4.0)]
    err = unknown_class_error("day.geojson", read, counts)
    assert isinstance(err, UnknownClassError) and isinstance(err, ValueError)
    msg = str(err)
    assert msg.startswith("day.geojson: read as field 'status' (no known schema), 3 polygon "
                          "features have a class the tool cannot place")
    assert "A: 2 features, 15.0 km² in Ukraine's units -> not placed" in msg
    assert "B: 1 feature, 2.5 km² in Ukraine's units (4.0 km² in all) -> not placed" in msg
    assert "--classes status --map" in msg
    assert set(STATES) == {"russia", "ukraine", "contested", "out"}
