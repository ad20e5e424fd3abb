"""The report map: every layer of a report's layer set on one folium map.

Order (bottom to top): offline basemap, held zones (schematic with their uncertainty
band, or the measured control layer), proposal zones, then the claimed-control
choropleth in a pane of its own above them (it is also the unit boundaries, and its
tooltip -- the unit's claim, its verdict, the zones in it -- is what hovering a unit
shows), cities with their names at closer zooms; then the layer control and the legend,
and the view framed on the claims clear of the legend (:func:`layers.map.fit_clear`).
"""

from __future__ import annotations

from pathlib import Path

import folium
import geopandas as gpd

from geo.cities import load_cities
from geo.control import ControlLayer
from geo.layerset import Atlas, LayerSet
from geo.store import code_version
from geo.zones import ZoneOptions
from layers.cities import city_layer
from layers.claims import add_legend, claims_layer
from layers.control import (
    band_layer,
    control_layer,
    drawn_sides,
    mismatch_layer,
    schematic_layer,
)
from layers.map import fit_clear, new_map, page_html
from layers.zones import zone_layers

__all__ = ["report_map", "report_page", "focus_bounds", "CITY_MIN_POPULATION"]

#: The report map draws cities of this many people or more (and keeps labels off them).
CITY_MIN_POPULATION = 50_000


def report_map(
    ls: LayerSet,
    units: gpd.GeoDataFrame,
    cities: gpd.GeoDataFrame,
    *,
    web_tiles: bool = False,
    local_assets: bool = True,
    height: str = "100%",
) -> folium.Map:
    """A folium map of one report's layer set.

    Parameters
    ----------
    ls : LayerSet
        From :meth:`geo.layerset.Atlas.layerset`.
    units, cities : GeoDataFrame
        The unit and city layers (:mod:`geo.boundaries`, :mod:`geo.cities`).
    web_tiles : bool, keyword-only
        Add an OpenStreetMap tile layer (needs the internet).
    local_assets : bool, keyword-only
        Load Leaflet from the app's ``/app/static`` instead of CDNs.
    height : str, keyword-only
        CSS height of the map element.
    """
    rid = ls.report.id
    m = new_map(web_tiles=web_tiles, local_assets=local_assets, height=height)
    shown = cities[cities["population"] >= CITY_MIN_POPULATION]
    claims_layer(ls.snapshot, opacity=0.35, verdicts=ls.verdicts if len(ls.verdicts) else None,
                 units=units, zones=ls.zones, cities=shown).add_to(m)
    if ls.control is None:
        schematic_layer(ls.held_zones,
                        name=f"Control zones, central value — {rid} (schematic)").add_to(m)
        if len(ls.band):
            band_layer(ls.band, name=f"Uncertainty band — {rid} (schematic)").add_to(m)
    else:
        kind = "schematic, loaded" if ls.control.schematic else "mapped, measured"
        control_layer(ls.control, name=f"Control — {ls.control_name} ({kind})").add_to(m)
        if (ls.held.frame["side"] == "mismatch").any():
            mismatch_layer(ls.held.frame).add_to(m)
    for group in zone_layers(ls.zones):
        group.add_to(m)
    city_layer(shown, min_population=CITY_MIN_POPULATION,
               unit_names=dict(units["name_en"])).add_to(m)
    folium.LayerControl(collapsed=True).add_to(m)
    when = f" ({ls.control.date.isoformat()})" if ls.control and ls.control.date else ""
    add_legend(m, rid, schematic=ls.schematic or bool(ls.control and ls.control.schematic),
               measured_from=f"{ls.control_name}{when}" if ls.control else None,
               mapped=drawn_sides(ls.control) if ls.control else (),
               stale=bool((ls.snapshot["status"] == "stale").any()))
    focus = focus_bounds(ls)
    if focus is not None:
        fit_clear(m, focus)
    return m


_LAYERS = Path(__file__).resolve().parent


def report_page(atlas: Atlas, report_id: str, *, control: ControlLayer | None = None,
                options: ZoneOptions | None = None, web_tiles: bool = False) -> str:
    """The report map of a layer set as a whole page (:func:`layers.map.page_html`).

    Rendered once, then kept in the atlas's store (:mod:`geo.store`) beside the layer
    set, keyed by the layer set's content key and the version of ``layers/``: a cold
    start reads the page back instead of building the layer set's map again.
    """
    options = options or ZoneOptions()
    key = (*atlas.layerset_key(report_id, control=control, options=options), web_tiles,
           code_version(_LAYERS))

    def render() -> str:
        ls = atlas.layerset(report_id, control=control, options=options)
        return page_html(report_map(ls, atlas.units, load_cities(), web_tiles=web_tiles))

    if atlas.store is None:
        return render()
    return atlas.store.get_or_compute("report_page", key, compute=render)


def focus_bounds(*sets: LayerSet) -> list[list[float]] | None:
    """(south, west), (north, east) around the claimed units and the zones of the layer
    sets, padded."""
    geoms = []
    for ls in sets:
        claimed = ls.snapshot[ls.snapshot["status"] != "no_claim"].geometry
        geoms += [g for g in [*claimed, *ls.zones.geometry] if g is not None and not g.is_empty]
    if not geoms:
        return None
    minx, miny, maxx, maxy = gpd.GeoSeries(geoms, crs=4326).total_bounds
    pad_x, pad_y = 0.08 * (maxx - minx), 0.08 * (maxy - miny)
    return [[float(miny - pad_y), float(minx - pad_x)], [float(maxy + pad_y), float(maxx + pad_x)]]
