"""Frontline Atlas, the Streamlit app: UI only, wiring geo/ and layers/ together.

Modes: report view, compare two reports, export, and your own data (upload a control
layer; draw or paste a sketch). Heavy results are cached; maps are drawn with local
Leaflet assets over an offline basemap, and map interaction does not rerun the app
except where the app needs the map's state (compare-view sync, drawing).
"""

from __future__ import annotations

import json
import os
from typing import Any

import altair as alt
import folium
import geopandas as gpd
import pandas as pd
import streamlit as st
from folium.plugins import Draw
from shapely.geometry import shape
from streamlit_folium import st_folium

from geo.compare import claimed_vs_measured, compare_snapshots, timeline
from geo.control import load_control, measure_control
from geo.errors import FrontlineError
from geo.export import layers_gpkg, layers_zip, safe_layer_name, to_geojson
from geo.layerset import LayerSet, build_layerset
from geo.reports import ReportSet, load_reports
from geo.zones import ZoneOptions, describe_zone
from layers.assets import draw_available, ensure_static, use_local_draw
from layers.boundaries import boundary_layer
from layers.claims import add_legend, claims_layer
from layers.compare import difference_layer
from layers.control import schematic_layer
from layers.html import escape_markdown as md
from layers.map import new_map
from layers.report_map import report_map

st.set_page_config(page_title="Frontline Atlas", page_icon="🗺️", layout="wide")

MODES = ("Report view", "Compare reports", "Export", "Your data")
REPORTS_DIR = os.environ.get("FRONTLINE_REPORTS_DIR") or None


# ------------------------------------------------------------------ cached data
@st.cache_resource
def _static() -> bool:
    ensure_static()
    return draw_available()


@st.cache_resource
def _reports(directory: str | None) -> ReportSet:
    return load_reports(directory)


@st.cache_resource
def _units() -> gpd.GeoDataFrame:
    from geo.boundaries import load_units

    return load_units()


@st.cache_resource
def _cities() -> gpd.GeoDataFrame:
    from geo.cities import load_cities

    return load_cities()


@st.cache_resource(max_entries=4)
def _control(data: bytes, name: str) -> tuple[gpd.GeoDataFrame, list[str]]:
    return load_control(data, name=name)


@st.cache_resource(max_entries=24)
def _layerset(
    report_id: str,
    directory: str | None,
    control: tuple[str, bytes] | None,
    dmz_km: float,
    depth_km: float,
) -> LayerSet:
    ctl = _control(control[1], control[0])[0] if control else None
    return build_layerset(
        report_id,
        _reports(directory),
        _units(),
        control=ctl,
        control_name=control[0] if control else "",
        options=ZoneOptions(dmz_width_km=dmz_km, deterrence_depth_km=depth_km),
    )


@st.cache_data(max_entries=24)
def _exports(
    report_id: str,
    directory: str | None,
    control: tuple[str, bytes] | None,
    dmz_km: float,
    depth_km: float,
) -> tuple[list[dict[str, Any]], bytes, bytes]:
    """Per layer: name, feature count, file name and GeoJSON bytes; plus the zip and gpkg."""
    layers = _layerset(report_id, directory, control, dmz_km, depth_km).export_layers()
    files = [
        {
            "layer": name,
            "features": len(layer),
            "file": f"{safe_layer_name(name)}.geojson",
            "data": to_geojson(layer, name=name).encode(),
        }
        for name, layer in layers.items()
    ]
    return files, layers_zip(layers), layers_gpkg(layers)


# ------------------------------------------------------------------ helpers
def _label(reports: ReportSet, rid: str) -> str:
    r = reports.get(rid)
    return f"{r.id} · {r.date_text} · {r.outlet}"


def _control_key() -> tuple[str, bytes] | None:
    ctl = st.session_state.get("control")
    return (str(ctl[0]), bytes(ctl[1])) if ctl else None


def _finding_box(f: Any) -> None:
    text = f"**{md(f.severity)}** — {md(f.message)}  \n_reports {md(', '.join(f.report_ids))}; claims {md(', '.join(f.claim_ids))}_"
    if f.severity == "inconsistent":
        st.error(text)
    elif f.severity == "tension":
        st.warning(text)
    else:
        st.success(text)


def _snapshot_table(ls: LayerSet) -> pd.DataFrame:
    snap = ls.snapshot
    table = pd.DataFrame(
        {
            "unit": snap["name_en"],
            "held by": snap["held_by"],
            "claimed share": snap["interval_text"],
            "km² low": snap["km2_low"].round(0),
            "km² high": snap["km2_high"].round(0),
            "status": snap["status"],
            "source": snap["report_id"],
            "claim": snap["claim_id"],
            "paraphrase": snap["claim_text"],
        },
        index=snap.index,
    )
    return table[table["status"] != "no_claim"]


def _delta_table(delta: gpd.GeoDataFrame, a: str, b: str) -> pd.DataFrame:
    d = delta[delta["direction"] != "no claim"]

    def num(x: float) -> str:
        return f"{x:.1f}".rstrip("0").rstrip(".")

    def rng(lo: pd.Series, hi: pd.Series) -> list[str]:
        return ["" if pd.isna(x) else (f"{num(x)} %" if num(x) == num(y) else f"{num(x)}–{num(y)} %")
                for x, y in zip(lo, hi, strict=True)]

    return pd.DataFrame({
        "unit": d["name_en"],
        "held by": d["held_by"],
        f"{a} claim": rng(d["share_a_low"], d["share_a_high"]),
        f"{b} claim": rng(d["share_b_low"], d["share_b_high"]),
        "change (points)": d["delta_share_pct"],
        "change (km²)": d["delta_km2"],
        "direction": d["direction"],
        "significant": d["significant"],
        "sources": [f"{x or '–'} → {y or '–'}" for x, y in zip(d["source_a"], d["source_b"], strict=True)],
    }, index=d.index)


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
        ls = _layerset(rid, REPORTS_DIR, _control_key(), opts["dmz"], opts["depth"])
    st.subheader(md(rep.title))
    st.caption(
        f"{md(rep.outlet)} · {md(rep.date_text)} ({md(rep.date_precision)} precision) · {md(rep.context)}"
    )
    if not ls.schematic:
        st.info(
            f"Zones use the loaded control layer **{md(ls.control_name)}** instead of schematic zones."
        )
    else:
        st.caption(
            "Control zones are **schematic**: grown to the claimed share of each unit, not mapped front lines. "
            "Upload a mapped control layer under *Your data* to use it instead."
        )
    col_map, col_side = st.columns([3, 2])
    with col_map:
        m = report_map(ls, _units(), _cities(), web_tiles=opts["tiles"])
        st_folium(m, key=f"map-{rid}", height=640, use_container_width=True, returned_objects=[])
    with col_side:
        st.markdown("**Claims per unit** (stated here or carried forward)")
        st.dataframe(_snapshot_table(ls), width="stretch", height=330)
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
    key = _control_key()
    la = _layerset(a, REPORTS_DIR, None, opts["dmz"], opts["depth"])
    lb = _layerset(b, REPORTS_DIR, None, opts["dmz"], opts["depth"])
    view = st.session_state.setdefault("cmp_view", {"center": [48.6, 33.5], "zoom": 6})
    outs = []
    for col, ls, side in ((c1, la, "a"), (c2, lb, "b")):
        with col:
            st.markdown(f"**{md(_label(reports, ls.report.id))}**")
            m = new_map(web_tiles=opts["tiles"])
            boundary_layer(_units()).add_to(m)
            claims_layer(ls.snapshot, opacity=0.4).add_to(m)
            schematic_layer(ls.held, name=f"Control zones — {ls.report.id} (schematic)").add_to(m)
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
    delta = compare_snapshots(la.snapshot, lb.snapshot)
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
        st.dataframe(_delta_table(delta, a, b), width="stretch", height=420)
    st.markdown("**Claimed share over time** (band: the claim's interval; line: its central value)")
    tl = timeline(reports.reports, _units())
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
    if key:
        ctl = _control(key[1], key[0])[0]
        meas = measure_control(ctl, _units())
        st.markdown(f"**Claims of {md(b)} against the loaded control layer {md(key[0])}**")
        st.dataframe(claimed_vs_measured(lb.snapshot, meas.table), width="stretch")


def export_view(reports: ReportSet, opts: dict[str, Any]) -> None:
    rid = st.selectbox(
        "Report",
        reports.ids,
        index=len(reports.ids) - 1,
        format_func=lambda r: _label(reports, r),
        key="export_id",
    )
    key = _control_key()
    files, zipped, gpkg = _exports(rid, REPORTS_DIR, key, opts["dmz"], opts["depth"])
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
        _units(),
        kind="sketch",
        label="Your sketch",
        cities=_cities(),
        schematic=False,
        basis=source,
    )
    c1, c2, c3 = st.columns(3)
    c1.metric("Area", f"{res['area_km2']:,.0f} km²")
    c2.metric("Length", f"{res['length_km']:,.0f} km")
    c3.metric("People in cities inside", f"{res['people_in_cities']:,}")
    units = _units()
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


def your_data_view(reports: ReportSet, opts: dict[str, Any]) -> None:
    st.markdown("#### Control layer")
    st.caption(
        "A GeoJSON of mapped territory held by Russia (one or more polygons, EPSG:4326), e.g. a daily "
        "export of occupied territory. It is measured per unit and replaces the schematic zones everywhere."
    )
    up = st.file_uploader("Upload a control layer", type=["geojson", "json"], key="control_upload")
    if up is not None:
        data = up.getvalue()
        try:
            _control(data, up.name)
        except FrontlineError as exc:
            st.error(md(exc))
        else:
            st.session_state["control"] = (up.name, data)
    key = _control_key()
    if key:
        ctl, notes = _control(key[1], key[0])
        meas = measure_control(ctl, _units())
        st.success(
            f"Using **{md(key[0])}**: {meas.total_controlled_km2:,.0f} km² of Ukraine "
            f"({meas.total_share_pct:.2f} %) held."
        )
        for note in notes:
            st.caption(md(note))
        table = meas.table[meas.table["controlled_km2"] > 0].round(
            {"area_km2": 1, "controlled_km2": 1, "share_pct": 2}
        )
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
    boundary_layer(_units()).add_to(m)
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
    _static()
    reports = _reports(REPORTS_DIR)
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
    if _control_key():
        st.sidebar.info(f"Control layer in use: {md(_control_key()[0])}")  # type: ignore[index]
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
        "Export": export_view,
        "Your data": your_data_view,
    }[mode](reports, opts)


main()
