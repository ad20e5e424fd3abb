"""Frontline Atlas, the Streamlit app: UI only, wiring geo/ and layers/ together.

Modes: report view, compare two reports, export, and your own data (upload a control
layer; draw or paste a sketch). Heavy results are cached; maps are drawn with local
Leaflet assets over an offline basemap, and map interaction does not rerun the app
except where the app needs the map's state (compare-view sync, drawing).
"""

from __future__ import annotations

import json
from typing import Any

import altair as alt
import folium
import pandas as pd
import streamlit as st
from folium.plugins import Draw
from shapely.geometry import shape
from streamlit_folium import st_folium

from geo.errors import DatedLayerError, FrontlineError
from geo.labels import claims_table, delta_table, verdict_table
from geo.layerset import LayerSet
from geo.reports import ReportSet
from geo.verify import summary
from geo.zones import describe_zone
from layers.assets import draw_available, use_local_draw
from layers.boundaries import boundary_layer
from layers.claims import add_legend, claims_layer
from layers.compare import difference_layer
from layers.control import control_layer, schematic_layer
from layers.html import escape_markdown as md
from layers.map import new_map
from layers.report_map import report_map
from ui import data
from ui.history import history_view

st.set_page_config(page_title="Frontline Atlas", page_icon="🗺️", layout="wide")

MODES = ("Report view", "Compare reports", "History", "Export", "Your data")


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
            "km²": z["area_km2"],
            "km long": z["length_km"],
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
    rid = st.selectbox(
        "Report", reports.ids, index=0, format_func=lambda r: _label(reports, r), key="report_id"
    )
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
        m = report_map(ls, data.units(), data.cities(), web_tiles=opts["tiles"])
        st_folium(m, key=f"map-{rid}", height=640, use_container_width=True, returned_objects=[])
    with col_side:
        st.markdown("**Claims per unit** (stated here or carried forward)")
        verdicts = ls.verdicts if len(ls.verdicts) else None
        st.dataframe(claims_table(ls.snapshot, verdicts), width="stretch", height=330)
        if verdicts is not None:
            _verdict_summary(verdicts, ls.control_name)
        st.markdown("**Consistency findings**")
        if not ls.findings:
            st.caption("No finding names this report.")
        for f in ls.findings:
            _finding_box(f)
    st.markdown("**Zones this report implies**")
    if len(ls.zones):
        st.dataframe(_zones_table(ls), width="stretch")
    else:
        st.caption("This report makes no claim that implies a zone.")


def _compare_maps(reports: ReportSet, cols: tuple[Any, Any], sets: tuple[LayerSet, LayerSet],
                  opts: dict[str, Any]) -> None:
    """Maps A and B side by side, kept on one view."""
    (c1, c2), (la, lb) = cols, sets
    a, b = la.report.id, lb.report.id
    view = st.session_state.setdefault("cmp_view", {"center": [48.6, 33.5], "zoom": 6})
    outs = []
    for col, ls, side in ((c1, la, "a"), (c2, lb, "b")):
        with col:
            st.markdown(f"**{md(_label(reports, ls.report.id))}**")
            m = new_map(web_tiles=opts["tiles"])
            boundary_layer(data.units()).add_to(m)
            claims_layer(ls.snapshot, opacity=0.4,
                         verdicts=ls.verdicts if len(ls.verdicts) else None).add_to(m)
            if ls.control is not None:
                control_layer(ls.control, name=f"Control — {ls.control_name} (mapped)").add_to(m)
            else:
                schematic_layer(ls.held_zones,
                                name=f"Control zones — {ls.report.id} (schematic)").add_to(m)
            add_legend(m, ls.report.id)
            outs.append(
                st_folium(
                    m,
                    key=f"cmp-map-{side}-{a}-{b}",
                    height=440,
                    use_container_width=True,
                    center=view["center"],
                    zoom=view["zoom"],
                    returned_objects=["center", "zoom"],
                )
            )
    # Keep the two maps on one view: when a map reports a pan/zoom (its returned view
    # differs from the one it reported last time), both maps take that view.
    for side, out in zip("ab", outs, strict=True):
        if not (out and out.get("center") and out.get("zoom")):
            continue
        seen = (round(out["center"]["lat"], 3), round(out["center"]["lng"], 3), out["zoom"])
        last = st.session_state.get(f"cmp_seen_{side}")
        st.session_state[f"cmp_seen_{side}"] = seen
        if last is not None and seen != last:
            st.session_state["cmp_view"] = {"center": [seen[0], seen[1]], "zoom": seen[2]}
            st.session_state.pop("cmp_seen_a", None)
            st.session_state.pop("cmp_seen_b", None)
            st.rerun()


def _timeline_chart() -> None:
    st.markdown("**Claimed share over time** (band: the claim's interval; line: its central value)")
    tl = data.atlas(data.reports_dir()).timeline()
    if len(tl):
        base = alt.Chart(tl).encode(
            x=alt.X("date:T", title="report date"), color=alt.Color("name_en:N", title="unit")
        )
        band = base.mark_area(opacity=0.25).encode(
            y=alt.Y("share_low:Q", title="claimed share held (%)"), y2="share_high:Q"
        )
        line = base.mark_line(point=True).encode(
            y="share_central:Q",
            tooltip=[
                "report_id",
                "date_text",
                "outlet",
                "name_en",
                "share_low",
                "share_high",
                "status",
            ],
        )
        st.altair_chart((band + line).properties(height=320), width="stretch")


def compare_view(reports: ReportSet, opts: dict[str, Any]) -> None:
    ids = list(reports.ids)
    c1, c2 = st.columns(2)
    a = c1.selectbox(
        "Earlier report (A)", ids, index=0, format_func=lambda r: _label(reports, r), key="cmp_a"
    )
    b = c2.selectbox(
        "Later report (B)",
        ids,
        index=len(ids) - 1,
        format_func=lambda r: _label(reports, r),
        key="cmp_b",
    )
    key = data.control_key()
    if reports.get(a).sort_key > reports.get(b).sort_key:
        st.warning(f"A ({md(a)}) is later than B ({md(b)}): changes below run from A to B, so a "
                   "rise reads as a fall. Swap them to read forward in time.")
    la = data.layerset(a, data.reports_dir(), key, opts["dmz"], opts["depth"])
    lb = data.layerset(b, data.reports_dir(), key, opts["dmz"], opts["depth"])
    _compare_maps(reports, (c1, c2), (la, lb), opts)
    delta = data.atlas(data.reports_dir()).compare(a, b)
    st.markdown(
        f"**What changed from {md(a)} to {md(b)}** (claimed shares; *significant* = intervals do not overlap)"
    )
    dcol, tcol = st.columns([2, 3])
    with dcol:
        dm = new_map(web_tiles=opts["tiles"])
        difference_layer(delta).add_to(dm)
        folium.LayerControl(collapsed=True).add_to(dm)
        st_folium(
            dm, key=f"diff-{a}-{b}", height=420, use_container_width=True, returned_objects=[]
        )
    with tcol:
        st.dataframe(delta_table(delta, a, b), width="stretch", height=420)
    _timeline_chart()
    if key:
        for ls in (la, lb):
            st.markdown(f"**Claims in force in {md(ls.report.id)} against the loaded control "
                        f"layer {md(ls.control_name)}**")
            _verdict_summary(ls.verdicts, ls.control_name)
            st.dataframe(verdict_table(ls.verdicts), width="stretch", hide_index=True)


def export_view(reports: ReportSet, opts: dict[str, Any]) -> None:
    rid = st.selectbox(
        "Report",
        reports.ids,
        index=len(reports.ids) - 1,
        format_func=lambda r: _label(reports, r),
        key="export_id",
    )
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
            f"{f['layer']} (GeoJSON, {f['features']} features)",
            f["data"],
            file_name=f"{rid}-{f['file']}",
            mime="application/geo+json",
            key=f"dl-{rid}-{f['file']}",
        )


def _sketch_result(geom_json: dict[str, Any], source: str) -> None:
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
    c1.metric("Area", f"{res['area_km2']:,.0f} km²")
    c2.metric("Length", f"{res['length_km']:,.0f} km")
    c3.metric("People in cities inside", f"{res['people_in_cities']:,}")
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
    st.sidebar.title("Frontline Atlas")
    st.sidebar.caption("What a report or a proposal about the Russia–Ukraine war means on the map.")
    mode = st.sidebar.radio("Mode", MODES, key="mode")
    opts = {
        "tiles": st.sidebar.checkbox("Web map tiles (need the internet)", value=False, key="tiles"),
        "dmz": float(
            st.sidebar.slider("Demilitarized band width (km)", 2, 60, 20, step=2, key="dmz")
        ),
        "depth": float(
            st.sidebar.slider(
                "Further line behind the front (km)", 20, 200, 100, step=10, key="depth"
            )
        ),
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
    if not reports.reports:
        st.error("No report could be loaded; see the errors in the sidebar.")
        return
    {
        "Report view": report_view,
        "Compare reports": compare_view,
        "History": history_view,
        "Export": export_view,
        "Your data": your_data_view,
    }[mode](reports, opts)


main()
