"""The map of ground that changed hands between two mapped days (:mod:`geo.change`).

Ground Russia gained is drawn red, ground it lost blue, the grey zone's own transitions
purple; each polygon has an outline of its own colour, so a sliver of a few hundred
metres still shows at the zoom the map opens at. The towns of the gazetteer that changed
hands are circles coloured by the side that took them. Under them, pale, the ground held
on the later day (what the change borders on). Every tooltip is escaped
(:func:`layers.html.escape_text`).

:func:`change_map_template` renders the folium map once with the change left open and
:meth:`ChangeMapTemplate.fill` puts a pair of days in (~15 ms instead of ~100 ms for
rendering the map anew: the History view's two-date map); :func:`change_page` does both.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from branca.element import Element, Figure, MacroElement
from jinja2 import Template
from jinja2.utils import htmlsafe_json_dumps

from layers.boundaries import boundary_layer
from layers.display import round_coordinates
from layers.html import escape_text
from layers.map import fit_clear, legend_box, new_map

__all__ = ["CHANGE_COLOURS", "CHANGE_WORDS", "HELD_AFTER_STYLE", "change_features",
           "town_features", "held_features", "change_legend", "change_page",
           "ChangeMapTemplate",
           "change_map_template", "change_bounds"]

#: Fill of each kind of change, by :attr:`geo.change.Change.frame`'s ``russia`` column
#: (``""``: a grey-zone transition).
CHANGE_COLOURS: dict[str, str] = {"gained": "#d7301f", "lost": "#2171b5", "": "#8856a7"}
#: What each colour means, in the legend.
CHANGE_WORDS: dict[str, str] = {
    "gained": "gained by Russia",
    "lost": "lost by Russia (to Ukraine or the grey zone)",
    "": "into or out of the grey zone",
}
#: The later day's held ground, drawn pale under the change.
HELD_AFTER_STYLE: dict[str, Any] = {"fillColor": "#b08a80", "fillOpacity": 0.25,
                                    "color": "#b08a80", "weight": 0.5}
#: A town's circle, by the side that took it.
_TOWN_COLOURS = {"russia": CHANGE_COLOURS["gained"], "ukraine": CHANGE_COLOURS["lost"],
                 "contested": CHANGE_COLOURS[""]}
#: Where the map opens when nothing changed hands: the front's oblasts.
_FRONT = [[46.0, 34.0], [50.5, 40.3]]
#: Display coordinates: 1e-4 degree (~10 m), finer than the map's own layers, so a day's
#: sliver of a few hundred metres keeps its shape.
_DECIMALS = 4


def _display(geoms: np.ndarray) -> np.ndarray:
    """Change polygons for display: snapped to a 1e-4 degree grid, never simplified."""
    snapped = shapely.set_precision(np.asarray(geoms, dtype=object), 10.0 ** -_DECIMALS)
    out: np.ndarray = shapely.transform(snapped, lambda c: np.round(c, _DECIMALS))
    return out


def _tip(row: Mapping[Any, Any], before: str, after: str) -> str:
    return (f"<b>{escape_text(row['name'])}</b> ({escape_text(row['code'])})<br>"
            f"{escape_text(row['from_state'])} &rarr; {escape_text(row['to_state'])}: "
            f"<b>{float(row['area_km2']):,.2f} km²</b> in {int(row['parts'])} piece"
            f"{'' if int(row['parts']) == 1 else 's'}<br>"
            f"{escape_text(before)} &rarr; {escape_text(after)}<br>"
            "<i>measured from the two mapped days, not schematic</i>")


def _collection_text(props: list[dict[str, Any]], geoms: np.ndarray) -> str:
    """A FeatureCollection as JSON text that may stand in a page's script (``<``, ``>``,
    ``&`` and ``'`` as ``\\u`` escapes, as folium writes a layer's data), made from
    shapely's own GeoJSON of each geometry (no round trip through dicts)."""
    import orjson

    texts = shapely.to_geojson(geoms) if len(geoms) else []
    feats = ",".join(
        '{"type":"Feature","properties":' + orjson.dumps(p).decode() + ',"geometry":' + g + "}"
        for p, g in zip(props, texts, strict=True))
    text = '{"type":"FeatureCollection","features":[' + feats + "]}"
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("'", "\\u0027"))


def _change_text(frame: gpd.GeoDataFrame, *, before: str, after: str) -> str:
    if not len(frame):
        return _collection_text([], np.zeros(0, dtype=object))
    rows = pd.DataFrame(frame.drop(columns="geometry")).to_dict("records")
    geoms = _display(frame.geometry.to_numpy())
    keep = ~shapely.is_empty(geoms)
    props = [{"tip": _tip(r, before, after), "russia": str(r["russia"]),
              "fill": CHANGE_COLOURS.get(str(r["russia"]), CHANGE_COLOURS[""])}
             for r, k in zip(rows, keep, strict=True) if k]
    return _collection_text(props, geoms[keep])


def _towns_text(cities: pd.DataFrame, *, before: str, after: str) -> str:
    props = []
    for r in cities.to_dict("records"):
        tip = (f"<b>{escape_text(r['name'])}</b>"
               + (" (a district)" if r.get("is_section") else "")
               + f"<br>{int(r['population']):,} people · {escape_text(r['unit'])}<br>"
               f"{escape_text(r['from_state'])} &rarr; {escape_text(r['to_state'])}, "
               f"{escape_text(before)} &rarr; {escape_text(after)}")
        props.append({"tip": tip, "fill": _TOWN_COLOURS.get(str(r["to_state"]), "#333333")})
    points = (shapely.points(np.round(cities["lon"].to_numpy(dtype=float), 5),
                             np.round(cities["lat"].to_numpy(dtype=float), 5))
              if len(cities) else np.zeros(0, dtype=object))
    return _collection_text(props, np.asarray(points, dtype=object))


def _held_text(held: gpd.GeoDataFrame | None) -> str:
    if held is None or not len(held):
        return _collection_text([], np.zeros(0, dtype=object))
    geoms = round_coordinates(np.asarray(held.geometry.values, dtype=object))
    geoms = geoms[~shapely.is_empty(geoms)]
    return _collection_text([{} for _ in geoms], geoms)


def change_features(frame: gpd.GeoDataFrame, *, before: str, after: str) -> dict[str, Any]:
    """The change polygons (:attr:`geo.change.Change.frame`) as the map's GeoJSON: one
    feature per unit and transition with its escaped tooltip ``tip``, ``russia``
    (``gained``, ``lost`` or ``""``) and ``fill``; coordinates snapped to 1e-4 degree,
    never simplified."""
    out: dict[str, Any] = json.loads(_change_text(frame, before=before, after=after))
    return out


def town_features(cities: pd.DataFrame, *, before: str, after: str) -> dict[str, Any]:
    """The towns that changed hands (:attr:`geo.change.Change.cities`) as the map's GeoJSON
    points, each with its escaped tooltip ``tip`` and the colour of the side that took it
    (``fill``)."""
    out: dict[str, Any] = json.loads(_towns_text(cities, before=before, after=after))
    return out


def held_features(held: gpd.GeoDataFrame | None) -> dict[str, Any]:
    """The later day's held ground (display geometry, any frame with a ``geometry``)."""
    out: dict[str, Any] = json.loads(_held_text(held))
    return out


def change_bounds(frame: gpd.GeoDataFrame, *, pad_deg: float = 0.15) -> list[list[float]]:
    """``[[south, west], [north, east]]`` of the change, padded (the front's oblasts when
    nothing changed hands)."""
    if not len(frame) or frame.geometry.is_empty.all():
        return [list(c) for c in _FRONT]
    w, s, e, n = (float(v) for v in frame.total_bounds)
    return [[s - pad_deg, w - pad_deg], [n + pad_deg, e + pad_deg]]


def change_legend(before: str, after: str, *, contested: bool = False) -> str:
    """The legend (bottom left): each colour, the towns, the pale held ground."""
    def swatch(colour: str) -> str:
        return (f'<span style="display:inline-block;width:14px;height:10px;background:'
                f'{colour};opacity:0.85;border:1px solid {colour};margin-right:4px"></span>')
    kinds = ["gained", "lost", *([""] if contested else [])]
    rows = "".join(f"{swatch(CHANGE_COLOURS[k])}{escape_text(CHANGE_WORDS[k])}<br>"
                   for k in kinds)
    rows += (f'<span style="display:inline-block;width:10px;height:10px;border-radius:5px;'
             f'background:{CHANGE_COLOURS["gained"]};margin:0 6px 0 2px"></span>a town that '
             "changed hands (coloured by who took it)<br>"
             f"{swatch(HELD_AFTER_STYLE['fillColor'])}held by Russia on {escape_text(after)}"
             "<br><i>measured from the two mapped days, not schematic</i>")
    return legend_box(f"<b>Changed hands, {escape_text(before)} → {escape_text(after)}</b>",
                      rows)


_BEFORE, _AFTER = "@@BEFORE@@", "@@AFTER@@"
_BOUNDS = [[-89.25, -179.25], [89.75, 179.75]]  # a placeholder no real frame has


def _placeholder(kind: str) -> dict[str, Any]:
    """A layer's data in the template: one feature (folium checks a tooltip's fields
    against the first), named so the page holds it once."""
    geom = ({"type": "Point", "coordinates": [30.0, 44.0]} if kind == "towns" else
            {"type": "Polygon", "coordinates": [[[30.0, 44.0], [30.1, 44.0], [30.1, 44.1],
                                                 [30.0, 44.0]]]})
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"tip": f"@@{kind.upper()}@@", "fill": "#000000"},
         "geometry": geom}]}


class _StyleFromProperties(MacroElement):
    """Styles each feature of its parent layer from the feature's own ``fill`` (so a page
    filled with new data needs no new style function)."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "(function(layer){var base = {{ this.base|tojson }};"
        "var style = function(f){var p = (f && f.properties) || {}, s = {};"
        "for (var k in base) { s[k] = base[k]; }"
        "if (p.fill) { s.fillColor = p.fill; if (base.outline) { s.color = p.fill; } }"
        "delete s.outline; return s;};"
        "layer.options.style = style; layer.setStyle(style);"
        "})({{ this._parent.get_name() }});"
        "{% endmacro %}"
    )

    def __init__(self, base: dict[str, Any]) -> None:
        super().__init__()
        self._name = "StyleFromProperties"
        self.base = base


#: The change polygons' style (each takes its colour from ``fill``, its outline too:
#: a sliver shows at any zoom).
_CHANGE_STYLE = {"fillOpacity": 0.75, "weight": 2, "opacity": 0.9, "outline": True}
_TOWN_STYLE = {"radius": 6, "color": "#ffffff", "weight": 2, "fillOpacity": 0.95}


def _build(change_data: dict[str, Any], towns: dict[str, Any], held: dict[str, Any], *,
           units: gpd.GeoDataFrame, before: str, after: str, bounds: list[list[float]],
           contested: bool, web_tiles: bool) -> tuple[folium.Map, list[folium.GeoJson]]:
    m = new_map(web_tiles=web_tiles)
    boundary_layer(units, simplify_deg=0.01).add_to(m)
    held_layer = folium.GeoJson(held, name=f"Held by Russia on {escape_text(after)} (mapped)",
                                style_function=lambda _f: dict(HELD_AFTER_STYLE))
    held_layer.add_to(m)
    moved = folium.GeoJson(
        change_data, name=f"Changed hands, {escape_text(before)} → {escape_text(after)}",
        style_function=lambda _f: {k: v for k, v in _CHANGE_STYLE.items() if k != "outline"},
        highlight_function=lambda _f: {"weight": 4},
        tooltip=folium.GeoJsonTooltip(fields=["tip"], labels=False, sticky=True))
    moved.add_child(_StyleFromProperties(_CHANGE_STYLE))
    moved.add_to(m)
    town_layer = folium.GeoJson(
        towns, name="Towns that changed hands",
        marker=folium.CircleMarker(radius=6, weight=2, fill=True, fill_opacity=0.9),
        style_function=lambda _f: dict(_TOWN_STYLE),
        tooltip=folium.GeoJsonTooltip(fields=["tip"], labels=False))
    town_layer.add_child(_StyleFromProperties(_TOWN_STYLE))
    town_layer.add_to(m)
    root = m.get_root()
    assert isinstance(root, Figure)
    root.html.add_child(Element(change_legend(before, after, contested=contested)))
    folium.LayerControl(collapsed=True).add_to(m)
    fit_clear(m, bounds)
    return m, [moved, town_layer, held_layer]


def change_page(frame: gpd.GeoDataFrame, cities: pd.DataFrame, units: gpd.GeoDataFrame, *,
                before: str, after: str, held: gpd.GeoDataFrame | None = None,
                contested: bool = False, web_tiles: bool = False) -> str:
    """The page of the map of the ground that changed hands between two mapped days.

    Parameters
    ----------
    frame : GeoDataFrame
        :attr:`geo.change.Change.frame` (EPSG:4326).
    cities : DataFrame
        :attr:`geo.change.Change.cities`.
    units : GeoDataFrame
        The unit layer (outlines).
    before, after : str, keyword-only
        The two mapped days (ISO dates).
    held : GeoDataFrame, optional, keyword-only
        The later day's held ground, in display geometry (drawn pale).
    contested : bool, keyword-only
        Whether the days map a grey zone (its transitions get a legend row).
    web_tiles : bool, keyword-only
        Add web tiles (needs the internet).

    Returns
    -------
    str
        The whole page (Leaflet from the app's static files; see :func:`layers.map.new_map`).
    """
    return change_map_template(units, contested=contested, web_tiles=web_tiles).fill(
        frame, cities, before=before, after=after, held=held)


def _data_text(data: dict[str, Any]) -> str:
    """GeoJSON as folium writes a layer's data into the page (``tojson``, with the
    template engine's JSON settings: see :mod:`layers.map`)."""
    settings = folium.GeoJson._template.environment.policies["json.dumps_kwargs"]
    return str(htmlsafe_json_dumps(data, **settings))


@dataclass(frozen=True)
class ChangeMapTemplate:
    """A change map rendered once, filled for each pair of days in a few milliseconds.

    Rendering the folium map (basemap, unit outlines, legend) takes ~100 ms; a pair of
    days changes only the three layers' data, the two dates in the text and the frame,
    which :meth:`fill` puts into the page rendered with placeholders.
    """

    html: str
    placeholders: tuple[str, str, str]  # the data of the change, towns and held layers

    def fill(self, frame: gpd.GeoDataFrame, cities: pd.DataFrame, *, before: str,
             after: str, held: gpd.GeoDataFrame | None = None) -> str:
        """The page of the change from ``before`` to ``after`` (see :func:`change_page`)."""
        html = self.html
        for place, text in zip(self.placeholders, (
                _change_text(frame, before=before, after=after),
                _towns_text(cities, before=before, after=after), _held_text(held)),
                strict=True):
            html = html.replace(place, text, 1)
        html = html.replace(json.dumps(_BOUNDS), json.dumps(change_bounds(frame)), 1)
        return html.replace(_BEFORE, escape_text(before)).replace(_AFTER, escape_text(after))


def change_map_template(units: gpd.GeoDataFrame, *, contested: bool = False,
                        web_tiles: bool = False) -> ChangeMapTemplate:
    """The change map with the days left open (:class:`ChangeMapTemplate`)."""
    from layers.map import page_html

    m, layers = _build(_placeholder("change"), _placeholder("towns"), _placeholder("held"),
                       units=units, before=_BEFORE, after=_AFTER, bounds=_BOUNDS,
                       contested=contested, web_tiles=web_tiles)
    html = page_html(m)
    places = tuple(_data_text(layer.data) for layer in layers)
    for place in places:
        if html.count(place) != 1:
            raise RuntimeError("the change map's layer data was not found once in the page")
    if html.count(json.dumps(_BOUNDS)) != 1:
        raise RuntimeError("the change map's frame was not found once in the page")
    return ChangeMapTemplate(html, (places[0], places[1], places[2]))
