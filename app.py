"""Frontline Atlas, the Streamlit app: UI only, wiring geo/ and layers/ together.

Modes: report view, compare two reports, history, export, and your own data (upload a
control layer; draw or paste a sketch). Derived layers and map pages are kept on disk
keyed by content (:mod:`geo.store`); maps are static pages named by their content,
drawn with local Leaflet assets over an offline basemap; panning never reruns the app
(only drawing a sketch sends the map's state back). Libraries a view alone needs
(folium, altair, the history engine) load when that view is first opened.
"""

from __future__ import annotations

import functools
import json
import logging
from typing import Any

import pandas as pd
import streamlit as st

from geo.errors import DatedLayerError, FrontlineError
from geo.labels import claims_table, delta_table, verdict_table
from geo.layerset import LayerSet
from geo.reports import ReportSet
from geo.verify import summary
from layers.html import escape_markdown as md
from ui import data, pages, urlstate

st.set_page_config(page_title="Frontline Atlas", page_icon="🗺️", layout="wide")

MODES = tuple(urlstate.MODE_SLUGS)
#: (low, high, step) of the two band sliders, km.
DMZ_RANGE = (2, 60, 2)
DEPTH_RANGE = (20, 200, 10)
_log = logging.getLogger("frontline.app")


# ------------------------------------------------------------------ helpers
def _label(reports: ReportSet, rid: str) -> str:
    r = reports.get(rid)
    return f"{r.id} · {r.date_text} · {r.outlet}"


def _finding_box(f: Any) -> None:
    text = f"**{md(f.severity)}** — {md(f.message)}  \n_reports {md(', '.join(f.report_ids))}; claims {md(', '.join(f.claim_ids))}_"
    if f.severity == "inconsistent":
        st.error(text)
    elif f.severity == "tension":
        st.warning(text)
    else:
        st.success(text)


def _verdict_summary(verdicts: pd.DataFrame, control_name: str) -> None:
    counts = summary(verdicts)
    text = ", ".join(f"{n} {k}" for k, n in counts.items() if n)
    st.caption(f"Against **{md(control_name)}**: {md(text)}. Each claim is compared with the "
               "ground of the side it names; the tolerance is the unit's boundary mismatch "
               "(coast and state border drawn differently by the layer and the boundaries).")


def _zones_table(ls: LayerSet) -> pd.DataFrame:
    z = ls.zones
    return pd.DataFrame(
        {
            "zone": z["label"],
            "km²": z["area_km2"].where(z["area_km2"] > 0),
            "km long": z["length_km"].where(z["length_km"] > 0),
            "units": z["units"],
            "cities": z["city_count"],
            "people in cities": z["people_in_cities"],
            "largest cities": [
                ", ".join([c["name"] for c in cs if not c["is_section"]][:6]) for cs in z["cities"]
            ],
            "schematic": z["schematic"],
            "claims": z["claim_ids"],
        },
        index=z.index,
    )


# ------------------------------------------------------------------ modes
def report_view(reports: ReportSet, opts: dict[str, Any]) -> None:
    rid = st.selectbox("Report", reports.ids, format_func=lambda r: _label(reports, r),
                       key="report_id")
    rep = reports.get(rid)
    with st.spinner("Deriving zones…"):
        ls = data.layerset(rid, data.reports_dir(), data.control_key(), opts["dmz"], opts["depth"])
    st.subheader(md(rep.title))
    st.caption(
        f"{md(rep.outlet)} · {md(rep.date_text)} ({md(rep.date_precision)} precision) · {md(rep.context)}"
    )
    if not ls.schematic:
        when = f" ({ls.control.date.isoformat()})" if ls.control and ls.control.date else ""
        st.info(
            f"Held ground is **measured** from the loaded control layer **{md(ls.control_name)}**"
            f"{md(when)}: every claim below is checked against it, and the zones are cut from it."
        )
        for note in ls.held.notes:
            st.caption(md(note))
    else:
        st.caption(
            "Control zones are **schematic**: grown to the claimed share of each unit, not mapped front lines. "
            "Upload a mapped control layer under *Your data* to use it instead."
        )
    col_map, col_side = st.columns([3, 2])
    with col_map:
        html = data.report_page(rid, data.reports_dir(), data.control_key(), opts["dmz"],
                                opts["depth"], opts["tiles"])
        pages.show_page(html, height=640)
        _publish_buttons(rid, opts)
    with col_side:
        st.markdown("**Claims per unit** (stated here or carried forward; scroll sideways "
                    "or widen for source and claim id)")
        verdicts = ls.verdicts if len(ls.verdicts) else None
        table = claims_table(ls.snapshot, verdicts)
        first = ["unit", "verdict", "claimed share", "measured"] if verdicts is not None else [
            "unit", "claimed share", "km² low", "km² high"]
        st.dataframe(table, width="stretch", height=330, hide_index=True,
                     column_order=[*first, *[c for c in table.columns if c not in first]],
                     column_config={"unit": st.column_config.TextColumn(pinned=True)})
        if verdicts is not None:
            _verdict_summary(verdicts, ls.control_name)
        if not ls.findings:
            st.caption("**Consistency findings**: none names this report.")
        else:
            counts: dict[str, int] = {}
            for f in ls.findings:
                counts[f.severity] = counts.get(f.severity, 0) + 1
            title = ", ".join(f"{n} {k}" for k, n in counts.items())
            with st.expander(f"Consistency findings: {title}",
                             expanded="inconsistent" in counts):
                for f in ls.findings:
                    _finding_box(f)
    st.markdown("**Zones this report implies**")
    if len(ls.zones):
        st.dataframe(_zones_table(ls), width="stretch")
    else:
        st.caption("This report makes no claim that implies a zone.")


def _publish_buttons(rid: str, opts: dict[str, Any]) -> None:
    """Downloads of the map to publish (made when clicked)."""
    args = (rid, data.reports_dir(), data.control_key(), opts["dmz"], opts["depth"])
    c1, c2, c3 = st.columns(3)
    for col, fmt, label, mime in (
        (c1, "png", "Map for an article (PNG)", "image/png"),
        (c2, "svg", "Map for an article (SVG)", "image/svg+xml"),
        (c3, "html", "Standalone HTML map", "text/html"),
    ):
        col.download_button(label, data=functools.partial(data.published_map, *args, fmt),
                            file_name=f"{rid}-map.{fmt}", mime=mime, key=f"pub-{fmt}-{rid}")


def _timeline_chart() -> None:
    import altair as alt

    st.markdown("**Claimed share over time**, one panel per unit (band: the claim's interval; "
                "line and dots: its central value at each report's date)")
    tl = data.atlas(data.reports_dir()).timeline()
    if not len(tl):
        st.caption("No claimed shares to draw.")
        return
    base = alt.Chart(tl).encode(
        x=alt.X("date:T", title=None, axis=alt.Axis(format="%b %Y", labelAngle=0, tickCount=4)),
        color=alt.Color("name_en:N", legend=None, scale=alt.Scale(scheme="tableau10")),
    )
    band = base.mark_area(opacity=0.3).encode(
        y=alt.Y("share_low:Q", title="claimed share held (%)", scale=alt.Scale(domain=[0, 100])),
        y2="share_high:Q")
    line = base.mark_line(point=True, strokeWidth=2).encode(
        y="share_central:Q",
        tooltip=[alt.Tooltip("name_en:N", title="unit"), alt.Tooltip("report_id:N", title="report"),
                 alt.Tooltip("date_text:N", title="date"), alt.Tooltip("outlet:N"),
                 alt.Tooltip("share_low:Q", title="low %"),
                 alt.Tooltip("share_high:Q", title="high %"), alt.Tooltip("status:N")])
    chart = (band + line).properties(width=170, height=110).facet(
        facet=alt.Facet("name_en:N", title=None), columns=5)
    st.altair_chart(chart)


def compare_view(reports: ReportSet, opts: dict[str, Any]) -> None:
    ids = list(reports.ids)
    c1, c2 = st.columns(2)
    a = c1.selectbox("Earlier report (A)", ids, format_func=lambda r: _label(reports, r),
                     key="cmp_a")
    b = c2.selectbox("Later report (B)", ids, format_func=lambda r: _label(reports, r),
                     key="cmp_b")
    key = data.control_key()
    if a == b:
        st.info(f"A and B are the same report ({md(a)}): pick another for B to see what changed.")
    elif reports.get(a).sort_key > reports.get(b).sort_key:
        st.warning(f"A ({md(a)}, {md(reports.get(a).date_text)}) is later than B ({md(b)}, "
                   f"{md(reports.get(b).date_text)}): the changes below run from A to B, so a "
                   "rise reads as a fall.")
        st.button("Swap A and B", key="cmp_swap", on_click=_swap_compare)
    with st.spinner("Drawing both reports…"):
        html = data.compare_page(a, b, data.reports_dir(), key, opts["dmz"], opts["depth"],
                                 opts["tiles"])
    st.caption("The two maps follow each other: pan or zoom either one.")
    pages.show_page(html, height=480, prefix="compare")
    delta = data.atlas(data.reports_dir()).compare(a, b)
    st.markdown(
        f"**What changed from {md(a)} to {md(b)}** (claimed shares; *significant* = intervals do not overlap)"
    )
    dcol, tcol = st.columns([2, 3])
    with dcol:
        pages.show_page(data.difference_page(a, b, data.reports_dir(), opts["tiles"]),
                        height=420, prefix="difference")
    with tcol:
        st.dataframe(delta_table(delta, a, b), width="stretch", height=420)
    _timeline_chart()
    if key:
        for rid in (a, b):
            ls = data.layerset(rid, data.reports_dir(), key, opts["dmz"], opts["depth"])
            st.markdown(f"**Claims in force in {md(ls.report.id)} against the loaded control "
                        f"layer {md(ls.control_name)}**")
            _verdict_summary(ls.verdicts, ls.control_name)
            st.dataframe(verdict_table(ls.verdicts), width="stretch", hide_index=True)


def _history_view(reports: ReportSet, opts: dict[str, Any]) -> None:
    from ui.history import history_view

    history_view(reports, opts)


def _swap_compare() -> None:
    st.session_state["cmp_a"], st.session_state["cmp_b"] = (st.session_state["cmp_b"],
                                                            st.session_state["cmp_a"])


def export_view(reports: ReportSet, opts: dict[str, Any]) -> None:
    rid = st.selectbox("Report", reports.ids, format_func=lambda r: _label(reports, r),
                       key="export_id")
    key = data.control_key()
    files, zipped, gpkg = data.exports(rid, data.reports_dir(), key, opts["dmz"], opts["depth"])
    st.caption(
        "GeoJSON files follow RFC 7946: WGS84 lon/lat, right-hand winding, no crs member, "
        "6 decimals; every feature carries its provenance (report, outlet, date, schematic flag, basis)."
    )
    c1, c2 = st.columns(2)
    c1.download_button(
        "All layers (zip of GeoJSON)",
        zipped,
        file_name=f"{rid}-layers.zip",
        mime="application/zip",
        key=f"dl-zip-{rid}",
    )
    c2.download_button(
        "All layers (GeoPackage)",
        gpkg,
        file_name=f"{rid}.gpkg",
        mime="application/geopackage+sqlite3",
        key=f"dl-gpkg-{rid}",
    )
    table = pd.DataFrame(
        [{"layer": f["layer"], "features": f["features"], "bytes": len(f["data"])} for f in files]
    )
    st.dataframe(table, width="stretch")
    for f in files:
        st.download_button(
            f"{f['layer']} (GeoJSON, {f['features']} feature{'' if f['features'] == 1 else 's'})",
            f["data"],
            file_name=f"{rid}-{f['file']}",
            mime="application/geo+json",
            key=f"dl-{rid}-{f['file']}",
        )


def _sketch_result(geom_json: dict[str, Any], source: str) -> None:
    from shapely.geometry import shape

    from geo.zones import describe_zone

    try:
        geom = shape(geom_json)
    except (ValueError, TypeError, AttributeError, KeyError, IndexError) as exc:
        st.error(
            f"{md(source)}: not a GeoJSON geometry ({md(exc)}). Draw a line or polygon, "
            'or paste {"type": "Polygon", "coordinates": [...]}.'
        )
        return
    if geom.is_empty or geom.geom_type not in (
        "Polygon",
        "MultiPolygon",
        "LineString",
        "MultiLineString",
    ):
        st.error(f"{md(source)}: expected a line or a polygon; got {md(geom.geom_type)}.")
        return
    res = describe_zone(
        geom,
        data.units(),
        kind="sketch",
        label="Your sketch",
        cities=data.cities(),
        schematic=False,
        basis=source,
    )
    c1, c2, c3 = st.columns(3)
    if geom.geom_type.endswith("Polygon"):
        c1.metric("Area", f"{res['area_km2']:,.0f} km²")
        c3.metric("People in cities inside", f"{res['people_in_cities']:,}")
    else:
        c1.metric("Length", f"{res['length_km']:,.0f} km")
    c2.metric("Units it touches", f"{len([u for u in res['units'].split(',') if u])}")
    if source != "drawn on the map":  # a drawn sketch is on the map above already
        pages.show_page(_sketch_page(geom.wkb, bool(st.session_state.get("tiles"))),
                        height=360, prefix="sketch")
    units = data.units()
    touched = [
        {
            "code": c,
            "unit": units.loc[c, "name_en"],
            "share of unit (%)": v,
            "km²": round(v / 100 * units.loc[c, "geodesic_area_km2"], 1),
        }
        for c, v in res["unit_shares"].items()
    ] or [{"code": c, "unit": units.loc[c, "name_en"]} for c in res["units"].split(",") if c]
    st.markdown("**Units it touches**")
    st.dataframe(pd.DataFrame(touched), width="stretch")
    st.markdown("**Cities inside** (GeoNames, 15,000+)")
    st.dataframe(pd.DataFrame(res["cities"]), width="stretch")


@st.cache_data(max_entries=16, show_spinner=False)
def _sketch_page(wkb: bytes, tiles: bool) -> str:
    """A map of a pasted sketch over the unit boundaries."""
    import folium
    from shapely import from_wkb

    from layers.boundaries import boundary_layer
    from layers.map import new_map, page_html

    geom = from_wkb(wkb)
    m = new_map(web_tiles=tiles)
    boundary_layer(data.units()).add_to(m)
    folium.GeoJson(geom.__geo_interface__, name="Your sketch",
                   style_function=lambda _f: {"color": "#d9730d", "weight": 3,
                                              "fillColor": "#d9730d", "fillOpacity": 0.3},
                   tooltip="Your sketch").add_to(m)
    minx, miny, maxx, maxy = geom.bounds
    m.fit_bounds([[miny, minx], [maxy, maxx]], padding=(20, 20), max_zoom=10)
    return page_html(m)


def _take_upload(name: str, content: bytes) -> None:
    """Load an uploaded control layer; a file of several days asks which day to use."""
    try:
        data.control(content, name)
    except DatedLayerError as exc:
        if not exc.dates:
            st.error(md(exc))
            return
        st.warning(f"{md(name)} holds {len(exc.dates)} days of mapped control, not one layer. "
                   "Pick the day to use here, or open the *History* view to follow every day.")
        day = st.selectbox("Day", [d.isoformat() for d in exc.dates], index=len(exc.dates) - 1,
                           key="control_day")
        try:
            data.control(content, name, day)
        except FrontlineError as exc2:
            st.error(md(exc2))
            return
        st.session_state["control"] = (name, content, day)
    except FrontlineError as exc:
        st.error(md(exc))
    else:
        st.session_state["control"] = (name, content, None)


def your_data_view(reports: ReportSet, opts: dict[str, Any]) -> None:
    from folium.plugins import Draw
    from streamlit_folium import st_folium

    from layers.assets import draw_available, use_local_draw
    from layers.boundaries import boundary_layer
    from layers.map import new_map

    st.markdown("#### Control layer")
    st.caption(
        "A GeoJSON of mapped territory held by Russia (one or more polygons, EPSG:4326), e.g. a daily "
        "export of occupied territory. It is measured per unit and replaces the schematic zones everywhere."
    )
    up = st.file_uploader("Upload a control layer", type=["geojson", "json"], key="control_upload")
    if up is not None:
        _take_upload(up.name, up.getvalue())
    key = data.control_key()
    if key:
        ctl = data.control(key[1], key[0], key[2])
        meas = data.atlas(data.reports_dir()).measure(ctl)
        when = f" ({ctl.date.isoformat()})" if ctl.date else ""
        st.success(
            f"Using **{md(key[0])}**{md(when)}: {meas.total_controlled_km2:,.0f} km² of Ukraine "
            f"({meas.total_share_pct:.2f} %) held by Russia, measured. Every view, export and "
            "check now uses it."
        )
        for note in ctl.notes:
            st.caption(md(note))
        t = meas.table[meas.table["controlled_km2"] > 0]
        table = pd.DataFrame({
            "unit": t["name"],
            "km² held": t["controlled_km2"].round(1),
            "share held (%)": t["share_pct"].round(2),
            "unit km²": t["area_km2"].round(0),
        }, index=t.index)
        st.dataframe(table, width="stretch")
        if st.button("Stop using this control layer", key="control_clear"):
            st.session_state.pop("control", None)
            st.rerun()
    st.markdown("#### Sketch a proposal")
    st.caption(
        "Draw a line or a polygon on the map (toolbar, top left) to get its area, the units it "
        "touches and the cities inside, or paste a GeoJSON geometry below."
    )
    m = new_map(web_tiles=opts["tiles"])
    boundary_layer(data.units()).add_to(m)
    if draw_available():
        draw = Draw(
            export=False,
            draw_options={"circle": False, "circlemarker": False, "marker": False},
            edit_options={"edit": False},
        )
        use_local_draw(draw).add_to(m)
    else:
        st.warning(
            "Drawing is off: the Leaflet.draw plugin is not installed (run `./dev.sh setup` with npm "
            "available). Pasting a GeoJSON geometry below works the same."
        )
    out = st_folium(
        m,
        key="draw-map",
        height=480,
        use_container_width=True,
        returned_objects=["last_active_drawing"],
    )
    pasted = st.text_area("…or paste a GeoJSON geometry", key="sketch_text", height=90)
    if out and out.get("last_active_drawing"):
        _sketch_result(out["last_active_drawing"]["geometry"], "drawn on the map")
    elif pasted.strip():
        try:
            doc = json.loads(pasted)
        except json.JSONDecodeError as exc:
            st.error(
                f"pasted text, line {exc.lineno} column {exc.colno}: not JSON ({md(exc.msg)})."
            )
        else:
            geom = doc.get("geometry", doc) if isinstance(doc, dict) else doc
            _sketch_result(geom if isinstance(geom, dict) else {}, "pasted GeoJSON")


# ------------------------------------------------------------------ page
def main() -> None:
    data.static_assets()
    reports = data.reports(data.reports_dir())
    ids = list(reports.ids)
    notes = urlstate.restore(ids, ranges={"dmz": DMZ_RANGE, "depth": DEPTH_RANGE})
    for k, v in (("dmz", 20), ("depth", 100)):
        st.session_state.setdefault(k, v)
    if ids:
        st.session_state.setdefault("cmp_b", ids[-1])
        st.session_state.setdefault("export_id", ids[-1])
    st.sidebar.title("Frontline Atlas")
    st.sidebar.caption("What a report or a proposal about the Russia–Ukraine war means on the map.")
    mode = st.sidebar.radio("Mode", MODES, key="mode")
    opts = {
        "tiles": st.sidebar.checkbox("Web map tiles (need the internet)", key="tiles"),
        "dmz": float(st.sidebar.slider("Demilitarized band width (km)", DMZ_RANGE[0],
                                       DMZ_RANGE[1], step=DMZ_RANGE[2], key="dmz")),
        "depth": float(st.sidebar.slider("Further line behind the front (km)", DEPTH_RANGE[0],
                                         DEPTH_RANGE[1], step=DEPTH_RANGE[2], key="depth")),
    }
    key = data.control_key()
    if key:
        st.sidebar.info(f"Control layer in use: {md(key[0])}" + (f" ({md(key[2])})" if key[2] else ""))
    for err in reports.errors:
        st.sidebar.error(md(err))
    st.sidebar.caption(
        "Boundaries: Natural Earth (public domain). Cities: GeoNames (CC BY 4.0). "
        "Reports: facts and paraphrases, not article text."
    )
    for note in notes:
        st.caption(md(note))
    if not reports.reports:
        st.error("No report could be loaded; see the errors in the sidebar.")
        return
    {
        "Report view": report_view,
        "Compare reports": compare_view,
        "History": _history_view,
        "Export": export_view,
        "Your data": your_data_view,
    }[mode](reports, opts)
    urlstate.publish(mode)


def run() -> None:
    """:func:`main`, with any failure shown as a message and its detail sent to the log."""
    try:
        main()
    except Exception as exc:  # noqa: BLE001 - the page must say what happened, not crash
        if type(exc).__module__.startswith("streamlit"):  # rerun/stop signals pass through
            raise
        _log.exception("the page failed")
        st.error(
            "Something went wrong while drawing this view "
            f"({md(type(exc).__name__)}: {md(str(exc)[:300])}). The other views still work; "
            "pick another mode or report, or reload the page. The full detail is in the "
            "server's log."
        )


run()
