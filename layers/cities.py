"""City points layer: GeoNames cities of 15,000+ as circle markers sized by population.

Tooltip: city name, population (people), the unit it lies in. Names are written beside
the larger cities as the map zooms in: 500,000+ people from zoom 6, 150,000+ from
zoom 7.5, every city drawn from zoom 8.5 (:data:`LABEL_ZOOMS`). Attribution: GeoNames
(CC BY 4.0).
"""

from __future__ import annotations

import math

import folium
import geopandas as gpd
from branca.element import MacroElement
from jinja2 import Template

from layers.html import escape_text

__all__ = ["city_layer", "city_radius", "LABEL_ZOOMS", "label_tier"]

#: (people, zoom): a city's name is shown from this zoom on, the first tier it reaches.
LABEL_ZOOMS: tuple[tuple[int, float], ...] = ((500_000, 6.0), (150_000, 7.5), (0, 8.5))


def label_tier(population: float) -> int:
    """The label tier of a city (0: largest): index into :data:`LABEL_ZOOMS`."""
    return next(i for i, (people, _z) in enumerate(LABEL_ZOOMS) if population >= people)


class _CityLabels(MacroElement):
    """Names as permanent tooltips, shown per tier as the zoom passes its threshold."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "(function(layer, map){"
        "var zooms = {{ this.zooms|tojson }};"
        "layer.eachLayer(function(l){var p = l.feature && l.feature.properties;"
        "if(!p || p.name === undefined) return;"
        "l.bindTooltip(p.name, {permanent:true, direction:'right', offset:[4,0],"
        "className:'fa-city-label fa-city-t' + p.tier, interactive:false});});"
        "function show(){var z = map.getZoom(), c = map.getContainer();"
        "zooms.forEach(function(t, i){c.classList.toggle('fa-city-show-' + i, z >= t);});}"
        "map.on('zoomend', show); show();"
        "})({{ this.layer }}, {{ this.map }});"
        "{% endmacro %}"
        "{% macro html(this, kwargs) %}"
        "<style>.leaflet-tooltip.fa-city-label{display:none;background:none;border:none;"
        "box-shadow:none;padding:0;min-width:0;font:11px sans-serif;color:#222;"
        "text-shadow:0 0 2px #fff,0 0 2px #fff,0 0 3px #fff}"
        ".leaflet-tooltip.fa-city-label:before{display:none}"
        "{% for i in range(this.zooms|length) %}"
        ".fa-city-show-{{ i }} .leaflet-tooltip.fa-city-t{{ i }}{display:block}"
        "{% endfor %}</style>"
        "{% endmacro %}"
    )

    def __init__(self, layer: folium.GeoJson) -> None:
        super().__init__()
        self._name = "CityLabels"
        self.layer_obj = layer
        self.zooms = [z for _p, z in LABEL_ZOOMS]

    def render(self, **kwargs: object) -> str:
        self.layer = self.layer_obj.get_name()
        parent = self.layer_obj._parent
        while parent is not None and not isinstance(parent, folium.Map):
            parent = parent._parent
        self.map = parent.get_name() if parent is not None else "null"
        return str(super().render(**kwargs))


def city_radius(population: float) -> float:
    """Marker radius in pixels: 2 px at 15,000 people, growing with the square root."""
    return round(2.0 + 6.0 * math.sqrt(max(population - 15_000, 0) / 3_000_000), 2)


def city_layer(
    cities: gpd.GeoDataFrame,
    *,
    name: str = "Cities (GeoNames, 15,000+)",
    unit_names: dict[str, str] | None = None,
    min_population: int = 15_000,
    show: bool = True,
    colour: str = "#333333",
) -> folium.GeoJson:
    """Cities as one GeoJson layer of circle markers.

    Parameters
    ----------
    cities : GeoDataFrame
        Points with ``name``, ``population`` and ``code`` (from :func:`geo.cities.load_cities`).
    name : str, keyword-only
        Layer name in the layer control.
    unit_names : dict, optional, keyword-only
        Code -> display name of the unit, for the tooltip.
    min_population : int, keyword-only
        Draw only cities at least this large.
    show : bool, keyword-only
        Whether the layer starts visible.
    colour : str, keyword-only
        Marker colour.

    Returns
    -------
    folium.GeoJson
        The layer; its names appear by zoom (:data:`LABEL_ZOOMS`) once it is on a map.
    """
    gdf = cities[cities["population"] >= min_population].reset_index()
    unit_names = unit_names or {}
    gdf = gdf.assign(
        label=[
            f"<b>{escape_text(n)}</b><br>{int(p):,} people<br>"
            f"{escape_text(unit_names.get(c, c))} ({escape_text(c)})"
            for n, p, c in zip(gdf["name"], gdf["population"], gdf["code"], strict=True)
        ],
        # half-pixel steps: a handful of marker styles instead of one per city
        radius=[round(2 * city_radius(p)) / 2 for p in gdf["population"]],
        tier=[label_tier(p) for p in gdf["population"]],
        name=[escape_text(n) for n in gdf["name"]],  # Leaflet writes a tooltip as HTML
    )[["label", "name", "tier", "radius", "geometry"]]
    layer = folium.GeoJson(
        gdf.to_json(),
        name=name,
        show=show,
        marker=folium.CircleMarker(radius=3, weight=1, fill=True, fill_opacity=0.8),
        style_function=lambda f: {
            "radius": f["properties"]["radius"],
            "color": "#ffffff",
            "fillColor": colour,
            "weight": 0.8,
            "fillOpacity": 0.85,
        },
        popup=folium.GeoJsonPopup(fields=["label"], labels=False),
    )
    layer.add_child(_CityLabels(layer))
    return layer
