"""The map frame: a folium Map with local Leaflet assets, the offline basemap, optional tiles.

Bounds are the lon/lat box of Ukraine; no web tiles by default (they need the internet).
"""

from __future__ import annotations

import folium
from branca.element import Element, Figure, MacroElement
from jinja2 import Template

from layers.assets import use_local_assets
from layers.basemap import SEA_COLOUR, basemap_layer
from layers.display import DISPLAY_DECIMALS, display_geometry, round_coordinates

__all__ = [
    "new_map",
    "page_html",
    "side_by_side",
    "CLAIMS_PANE",
    "round_coordinates",
    "UKRAINE_BOUNDS",
    "display_geometry",
    "DISPLAY_DECIMALS",
    "DATA_ATTRIBUTION",
    "legend_box",
    "fit_clear",
    "LARGE_MAP_PX",
]

#: Sources of the data drawn on every map, shown in Leaflet's attribution control.
DATA_ATTRIBUTION = ("Boundaries: OCHA COD-AB / SSPE Kartographia (CC BY 3.0 IGO), Natural Earth "
                    "(public domain) | Cities: GeoNames (CC BY 4.0)")


class _Attribution(MacroElement):
    """Adds a fixed text to the map's attribution control."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "{{ this._parent.get_name() }}.attributionControl.addAttribution({{ this.text|tojson }});"
        "{% endmacro %}"
    )

    def __init__(self, text: str) -> None:
        super().__init__()
        self._name = "Attribution"
        self.text = text

#: The pane of the claims choropleth: above the zones (overlayPane, z-index 400), so
#: hovering a unit shows its claim; the claim's tooltip names the zones in the unit.
CLAIMS_PANE = "fa-claims"

# Map pages carry their layers as JSON; folium writes it with the template engine's
# ``tojson`` (``", "`` and ``": "`` separators). Compact separators make every page
# ~15 % smaller; they change nothing else (sort_keys stays as folium sets it).
folium.GeoJson._template.environment.policies["json.dumps_kwargs"] = {
    "sort_keys": True, "separators": (",", ":")}


class _MapChrome(MacroElement):
    """Scale bar units, a full-window button and the claims pane."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "(function(map){"
        "map.createPane({{ this.pane|tojson }}).style.zIndex = 450;"
        "var Full = L.Control.extend({options:{position:'topleft'},onAdd:function(){"
        "var a = L.DomUtil.create('a','leaflet-bar fa-fullscreen');"
        "a.href='#'; a.title='Full screen (Esc to leave); opens the map in a tab of its own "
        "where the page does not allow it'; a.setAttribute('role','button');"
        "a.innerHTML='<svg width=\"16\" height=\"16\" viewBox=\"0 0 16 16\" "
        "style=\"margin:7px\" fill=\"none\" stroke=\"#222\" stroke-width=\"2\">"
        "<path d=\"M1 6V1h5M10 1h5v5M15 10v5h-5M6 15H1v-5\"/></svg>';"
        "a.style.cssText='display:block;width:30px;height:30px;background:#fff';"
        "L.DomEvent.on(a,'click',function(e){L.DomEvent.preventDefault(e);"
        "var el=map.getContainer();"
        "if(document.fullscreenElement){document.exitFullscreen();return;}"
        "if(el.requestFullscreen&&document.fullscreenEnabled){"
        "el.requestFullscreen().then(function(){setTimeout(function(){map.invalidateSize()},200)});}"
        "else{window.open(window.location.href,'_blank');}});"
        "return a;}});"
        "new Full().addTo(map);"
        "document.addEventListener('fullscreenchange',function(){map.invalidateSize();});"
        "})({{ this._parent.get_name() }});"
        "{% endmacro %}"
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "MapChrome"
        self.pane = CLAIMS_PANE


#: (south, west), (north, east) of Ukraine.
UKRAINE_BOUNDS = [[44.3, 22.1], [52.4, 40.3]]


def new_map(
    *,
    web_tiles: bool = False,
    local_assets: bool = True,
    height: str = "100%",
    width: str = "100%",
    left: str = "0%",
    position: str = "relative",
) -> folium.Map:
    """A map of Ukraine on the offline basemap.

    Parameters
    ----------
    web_tiles : bool, keyword-only
        Add an OpenStreetMap tile layer (needs the internet; off by default).
    local_assets : bool, keyword-only
        Load Leaflet from the app's ``/app/static`` (see :mod:`layers.assets`);
        ``False`` keeps folium's CDN links (standalone HTML files).
    height, width, left, position : str, keyword-only
        CSS size and place of the map element (:func:`side_by_side` puts two maps in
        one page with ``position="absolute"``).
    """
    m = folium.Map(
        location=[48.6, 31.2],
        zoom_start=6,
        tiles=None,
        min_zoom=4,
        max_zoom=12,
        prefer_canvas=False,
        height=height,
        width=width,
        left=left,
        position=position,
        attribution_control=True,
        control_scale=True,
        zoom_snap=0.25,
        zoom_delta=0.5,
    )
    if local_assets:
        use_local_assets(m)
    root = m.get_root()
    assert isinstance(root, Figure)
    root.header.add_child(
        Element(
            f"<style>.leaflet-container {{ background: {SEA_COLOUR}; }}"
            ".leaflet-tooltip { min-width: 260px; max-width: 360px; white-space: normal; "
            "font: 12px/1.35 sans-serif; }"
            ".leaflet-tooltip table, .leaflet-tooltip td, .leaflet-tooltip th "
            "{ white-space: normal !important; max-width: 340px; overflow-wrap: anywhere; }"
            # one line of credits under the legends (Leaflet's own is 0.75rem, two lines)
            ".leaflet-container .leaflet-control-attribution { font-size: 10px; "
            "line-height: 1.4; }"
            ".leaflet-control-scale-line { font-size: 10px; line-height: 1.2; }"
            # a clicked unit keeps the browser's focus ring, a black box round its path
            ".leaflet-interactive:focus { outline: none; }"
            + _LEGEND_CSS + "</style>"
        )
    )
    basemap_layer().add_to(m)
    if web_tiles:
        folium.TileLayer("OpenStreetMap", name="OpenStreetMap (web)", overlay=False).add_to(m)
    _Attribution(DATA_ATTRIBUTION).add_to(m)
    _MapChrome().add_to(m)
    m.fit_bounds(UKRAINE_BOUNDS, padding=(4, 4))
    return m


#: A map this large (CSS px, width and height) opens its legends; a smaller one shows
#: each legend folded to its one-line title, which a click unfolds.
LARGE_MAP_PX = (900, 600)

# Legends: small boxes in a corner, folded on small maps (see _FitClear), never taller
# than the map leaves room for (they scroll), faded while a tooltip lies under them.
_LEGEND_CSS = (
    ".fa-legend { position: absolute; z-index: 999; background: #fff; padding: 4px 8px; "
    "font: 11px sans-serif; border: 1px solid #999; border-radius: 4px; "
    "max-width: min(360px, calc(100% - 40px)); max-height: calc(100% - 130px); "
    "overflow: auto; box-sizing: border-box; }"
    ".fa-legend > summary { cursor: pointer; white-space: nowrap; overflow: hidden; "
    "text-overflow: ellipsis; }"
    ".fa-legend.fa-legend-under { opacity: 0.15; pointer-events: none; }"
)

#: Where a legend sits: bottom left above the scale bar, bottom right above the
#: credits, top right beside the layer control.
_CORNERS = {"bottom-left": "bottom:40px;left:10px", "bottom-right": "bottom:22px;right:10px",
            "top-right": "top:10px;right:54px"}


def legend_box(title_html: str, body_html: str, *, corner: str = "bottom-left") -> str:
    """A map legend: a ``<details class="fa-legend">`` whose summary is ``title_html`` and
    whose content is ``body_html`` (both markup whose values the caller escaped), in
    ``corner`` of the page (``bottom-left``, ``bottom-right``, ``top-right``).

    It starts folded; :func:`fit_clear` unfolds it on a large map and frames the map's
    data clear of it.
    """
    return (f'<details class="fa-legend" style="{_CORNERS[corner]}">'
            f'<summary title="Legend: click to unfold or fold">{title_html}</summary>'
            f"{body_html}</details>")


# The body of _FitClear's script (maps, bounds, big, maxZoom are set before it).
_FIT_JS = """
function meets(a, b) {
  return a.width > 0 && a.left < b.right && a.right > b.left && a.top < b.bottom &&
    a.bottom > b.top;
}
var touched = false;
function fit() {
  // a zoom still gliding (the page's first framing) would swallow this one: after it
  var busy = maps.filter(function (map) { return map._animatingZoom; });
  if (busy.length) { busy[0].once("zoomend", fit); return; }
  // each legend over a map is cleared by padding the map on one side of it: below or
  // above it, or beside it; of every choice, the one that frames the bounds largest
  var options = [];
  maps.forEach(function (map) {
    map.invalidateSize({pan: false});
    var c = map.getContainer().getBoundingClientRect();
    document.querySelectorAll("details.fa-legend").forEach(function (el) {
      var r = el.getBoundingClientRect();
      if (r.left < c.right && r.right > c.left) {
        el.open = c.width >= big[0] && c.height >= big[1];
      }
    });
    document.querySelectorAll(".fa-legend").forEach(function (el) {
      var r = el.getBoundingClientRect();
      if (!meets(r, c)) { return; }
      var below = c.bottom - r.top, above = r.bottom - c.top,
        right = c.right - r.left, left = r.right - c.left;
      options.push([below < above ? ["b", below + 8] : ["t", above + 8],
                    right < left ? ["r", right + 8] : ["l", left + 8]]);
    });
  });
  var best = null;
  for (var k = 0; k < (1 << Math.min(options.length, 6)); k++) {
    var p = {t: 8, b: 8, l: 8, r: 8};
    options.forEach(function (o, i) {
      var side = o[(k >> i) & 1];
      p[side[0]] = Math.max(p[side[0]], side[1]);
    });
    var zoom = Math.min.apply(null, maps.map(function (map) {
      return map.getBoundsZoom(bounds, false, L.point(p.l + p.r, p.t + p.b));
    }));
    var cost = p.t + p.b + p.l + p.r;
    if (!best || zoom > best.zoom || (zoom === best.zoom && cost < best.cost)) {
      best = {zoom: zoom, cost: cost, p: p};
    }
  }
  maps.forEach(function (map) {
    var o = {paddingTopLeft: [best.p.l, best.p.t], paddingBottomRight: [best.p.r, best.p.b],
             animate: false};
    if (maxZoom !== null) { o.maxZoom = maxZoom; }
    map.fitBounds(bounds, o);
  });
  if (document.readyState === "complete") { mark(); }
}
function mark() {  // framed, with the page's style sheets in: the view a reader gets
  document.documentElement.setAttribute("data-fa-fitted", String(maps[0].getZoom()));
}
function setUp() {
  maps.forEach(function (map) {
    var el = map.getContainer(), tips = [];
    // until the reader moves a map, a new size (the page still laid out) frames it again
    ["mousedown", "wheel", "touchstart", "keydown"].forEach(function (t) {
      el.addEventListener(t, function () { touched = true; }, {capture: true, passive: true});
    });
    map.on("resize", function () { if (!touched) { fit(); } });
    function fade() {
      var rects = tips.map(function (t) { return t.getElement().getBoundingClientRect(); });
      document.querySelectorAll(".fa-legend").forEach(function (lg) {
        var r = lg.getBoundingClientRect();
        lg.classList.toggle("fa-legend-under", rects.some(function (t) { return meets(t, r); }));
      });
    }
    map.on("tooltipopen", function (e) {
      if (!e.tooltip.options.permanent) { tips.push(e.tooltip); fade(); }
    });
    map.on("tooltipclose", function (e) {
      tips = tips.filter(function (t) { return t !== e.tooltip; });
      fade();
    });
    map.on("mousemove", function () { if (tips.length) { fade(); } });
  });
  fit();
  window.addEventListener("load", function () { if (touched) { mark(); } else { fit(); } });
}
if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", setUp); }
else { setUp(); }
"""


class _FitClear(MacroElement):
    """Frames ``bounds`` on maps whose legends are set aside: legends unfold on a large
    map, then each map fits the bounds with padding that keeps them clear of every
    legend over it (maps that follow each other share one padding, so their views
    agree); a legend fades while a tooltip lies under it."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "(function(){var maps = [{{ this.names|join(', ') }}],"
        " bounds = L.latLngBounds({{ this.bounds|tojson }}),"
        " big = {{ this.large|tojson }}, maxZoom = {{ this.max_zoom|tojson }};"
        + _FIT_JS +
        "})();"
        "{% endmacro %}"
    )

    def __init__(self, names: list[str], bounds: list[list[float]],
                 max_zoom: float | None) -> None:
        super().__init__()
        self._name = "FitClear"
        self.names = names
        self.bounds = bounds
        self.max_zoom = max_zoom
        self.large = list(LARGE_MAP_PX)


def fit_clear(maps: folium.Map | list[folium.Map], bounds: list[list[float]], *,
              max_zoom: float | None = None) -> None:
    """Frame ``bounds`` ((south, west), (north, east)) on ``maps`` when the page loads,
    clear of their legends.

    In the browser, each legend made by :func:`legend_box` unfolds when its map is at
    least :data:`LARGE_MAP_PX` and stays folded otherwise; the maps then fit ``bounds``
    with padding beside or above/below each legend over them (whichever frames the
    bounds largest), so no data within ``bounds`` is under a legend. Until the reader
    moves a map, a new size of the page frames it again. Maps that follow each other
    (:func:`side_by_side`) are passed together and share one padding. A legend fades
    while a tooltip lies under it. The page's root element gets ``data-fa-fitted`` (the
    zoom) once framed after the page has loaded.

    Parameters
    ----------
    maps : folium.Map or list of folium.Map
        The map, or the maps of one page (the element goes on the last).
    bounds : list
        ``[[south, west], [north, east]]`` in degrees.
    max_zoom : float, optional, keyword-only
        Zoom no closer than this.
    """
    group = maps if isinstance(maps, list) else [maps]
    group[-1].add_child(_FitClear([m.get_name() for m in group],
                                  [[float(v) for v in corner] for corner in bounds],
                                  max_zoom))


class _Sync(MacroElement):
    """Maps that follow each other: a pan or zoom of one moves the others, in the page."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "document.addEventListener('DOMContentLoaded', function(){"
        "var maps = [{{ this.names|join(', ') }}], busy = false;"
        "maps.forEach(function(src){src.on('move zoom', function(){"
        "if(busy) return; busy = true;"
        "maps.forEach(function(dst){if(dst !== src){"
        "dst.setView(src.getCenter(), src.getZoom(), {animate: false});}});"
        "busy = false;});});"
        "window.__faMaps = maps;});"
        "{% endmacro %}"
    )

    def __init__(self, names: list[str]) -> None:
        super().__init__()
        self._name = "Sync"
        self.names = names


def side_by_side(maps: list[folium.Map]) -> Figure:
    """One page holding ``maps`` (made with ``position="absolute"`` and their ``left`` and
    ``width``) that follow each other's view in the browser: no server round trip.

    Each map's page-level pieces (style sheets, legends) move into the new page.
    """
    fig = Figure(height="100%")
    for m in maps:
        old = m.get_root()
        assert isinstance(old, Figure)
        for part in ("header", "html", "script"):
            for key, child in list(getattr(old, part)._children.items()):
                getattr(fig, part).add_child(child, name=key)
        fig.add_child(m)
    if maps:  # a map's element renders into the page script, after every map is made
        maps[-1].add_child(_Sync([m.get_name() for m in maps]))
    return fig


def page_html(m: folium.Map | Figure) -> str:
    """The whole page of ``m``, with folium's indentation and blank lines taken out.

    folium's templates indent every line of script and leave blank lines between
    elements (~20 % of a report map's page). Only whitespace at the start of a line and
    empty lines go: folium writes every JSON value and string on one line.
    """
    html = str(m.get_root().render() if isinstance(m, folium.Map) else m.render())
    return "\n".join(line.lstrip() for line in html.splitlines() if line.strip())
