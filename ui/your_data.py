"""Your data: upload a mapped control layer (it then replaces the schematic zones in every
view), and draw or paste a sketch of a proposal to measure it."""

from __future__ import annotations

from typing import Any

import orjson
import pandas as pd
import streamlit as st

from geo.classes import STATE_WORDS
from geo.errors import DatedLayerError, FrontlineError, UnknownClassError
from geo.reports import ReportSet
from layers.html import escape_markdown as md
from ui import data, pages
from ui.common import show_table

__all__ = ['your_data_view']


def _sketch_result(geom_json: dict[str, Any], source: str) -> None:
    from shapely.geometry import shape

    from geo.geojson_check import check_sketch
    from geo.zones import describe_zone

    problems = check_sketch(geom_json)
    if problems:
        st.error(f"{md(source)}: " + md("; ".join(problems[:3])) + ".")
        return
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
        {"unit": f"{units.loc[c, 'name_en']} ({c})", "share of unit (%)": v,
         "km²": res["unit_km2"][c]}
        for c, v in res["unit_shares"].items()
    ] or [{"unit": f"{units.loc[c, 'name_en']} ({c})"} for c in res["units"].split(",") if c]
    if res["unit_shares"]:  # the rows add up to the area above
        outside = res["area_km2"] - sum(res["unit_km2"].values())
        if outside >= 0.05:
            touched.append({"unit": "outside every unit (sea, other countries)",
                            "share of unit (%)": None, "km²": round(outside, 1)})
    st.markdown("**Units it touches**")
    show_table(pd.DataFrame(touched))
    st.markdown("**Cities inside** (GeoNames, 15,000+)")
    cities = pd.DataFrame(res["cities"])
    if len(cities):
        cities = cities[~cities["is_section"]].drop(columns="is_section")
        cities["unit"] = [f"{units.loc[c, 'name_en']} ({c})" for c in cities["code"]]
        show_table(cities[["name", "population", "unit"]])
    else:
        st.caption("None.")


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


@st.cache_data(max_entries=4, show_spinner=False)
def _layer_page(key: data.ControlKey, tiles: bool) -> str:
    """A map of the control layer in use over the unit boundaries, with its legend."""
    from branca.element import Element, Figure

    from geo.control import REGION_BOUNDS
    from layers.boundaries import boundary_layer
    from layers.control import control_layer, control_legend_html, drawn_sides
    from layers.map import fit_clear, new_map, page_html

    ctl = data.control_layer(key)
    assert ctl is not None
    m = new_map(web_tiles=tiles)
    boundary_layer(data.units()).add_to(m)
    control_layer(ctl, name=f"Control — {ctl.name} "
                  f"({'schematic' if ctl.schematic else 'mapped'})").add_to(m)
    when = f", {ctl.date.isoformat()}" if ctl.date else ""
    root = m.get_root()
    assert isinstance(root, Figure)
    drawn = drawn_sides(ctl)
    root.html.add_child(Element(control_legend_html(
        f"{ctl.name}{when}", ukraine="ukraine" in drawn, contested="contested" in drawn,
        schematic=ctl.schematic)))
    # the layer's extent, within the region (a file may hold ground far away)
    minx, miny, maxx, maxy = ctl.frame.total_bounds
    w, s_, e, n = REGION_BOUNDS
    minx, miny, maxx, maxy = max(minx, w), max(miny, s_), min(maxx, e), min(maxy, n)
    fit_clear(m, [[float(miny), float(minx)], [float(maxy), float(maxx)]])  # clear of it
    return page_html(m)


def _take_upload(name: str, content: bytes, classes: str | None = None) -> None:
    """Load an uploaded control layer; a file of several days asks which day to use, a
    file whose classes the tool cannot place asks what each means."""
    try:
        data.control(content, name, None, classes)
    except DatedLayerError as exc:
        if not exc.dates:
            st.error(md(exc))
            return
        st.warning(f"{md(name)} holds {len(exc.dates)} days of mapped control, not one layer. "
                   "Pick the day to use here, or open the *History* view to follow every day.")
        day = st.selectbox("Day", [d.isoformat() for d in exc.dates], index=len(exc.dates) - 1,
                           key="control_day")
        try:
            data.control(content, name, day, classes)
        except UnknownClassError as exc2:
            _ask_classes(name, content, exc2)
            return
        except FrontlineError as exc2:
            st.error(md(exc2))
            return
        st.session_state["control"] = (name, content, day, classes)
    except UnknownClassError as exc:
        _ask_classes(name, content, exc)
    except FrontlineError as exc:
        st.error(md(exc))
    else:
        st.session_state["control"] = (name, content, None, classes)


_CHOOSE = "— choose —"


def _ask_classes(name: str, content: bytes, exc: UnknownClassError) -> None:
    """What each class of the file means, asked of the user (never guessed)."""
    from geo.classes import STATE_WORDS, STATES

    unplaced = [f"'{label}' ({n} feature{'s' if n != 1 else ''}, {km2:,.1f} km² in "
                "Ukraine's units)" for label, state, n, km2 in exc.found if state is None]
    st.error(f"{md(name)}: polygons of {len(unplaced)} class"
             f"{'es' if len(unplaced) != 1 else ''} the tool cannot place: "
             f"{md(', '.join(unplaced))}. It will not take them as Russian-held. Say what "
             "each class means:")
    with st.form("control_classes_form"):
        field = st.text_input("Property that holds the class", value=str(exc.field),
                              key="control_class_field")
        chosen: dict[str, str] = {}
        for label, state, n, km2 in exc.found:
            options = [_CHOOSE, *STATES]
            pick = st.selectbox(f"{md(label)} — {n} feature{'s' if n != 1 else ''}, "
                                f"{km2:,.1f} km² in Ukraine's units", options,
                                index=options.index(state) if state in options else 0,
                                format_func=lambda s: STATE_WORDS.get(s, s),
                                key=f"control_class_{label}")
            chosen[label] = pick
        if st.form_submit_button("Read the layer with these classes"):
            if any(v == _CHOOSE for v in chosen.values()):
                st.warning("Choose a state for every class first.")
                return
            st.session_state["control_classes"] = (name, orjson.dumps(
                {"field": field.strip(), "map": {k.casefold(): v for k, v in chosen.items()}}
            ).decode())
            st.rerun()


def your_data_view(reports: ReportSet, opts: dict[str, Any]) -> None:
    from folium.plugins import Draw
    from streamlit_folium import st_folium

    from layers.assets import draw_available, use_local_draw
    from layers.boundaries import boundary_layer
    from layers.map import new_map

    st.markdown("#### Control layer")
    st.caption(
        "A layer of mapped control: a daily export of occupied territory, the map's raw "
        "multi-class export (occupied, grey zone, liberated, territories outside Ukraine), ISW "
        "class layers, or your own, as GeoJSON (also .geojson.gz), KML, KMZ, a zipped Shapefile, "
        "GeoPackage, FlatGeobuf or GeoParquet. It is read by class, measured per unit and "
        "replaces the schematic zones everywhere."
    )
    # a new uploader (a new key) after "Stop using", so the old file is not taken again
    gen = int(st.session_state.get("control_upload_gen", 0))
    up = st.file_uploader("Upload a control layer",
                          type=["geojson", "json", "gz", "kml", "kmz", "zip", "gpkg", "fgb",
                                "parquet"],
                          key="control_upload" if gen == 0 else f"control_upload_{gen}")
    if up is not None:
        before = data.control_key()
        chosen = st.session_state.get("control_classes")  # (file name, choice) of a form
        _take_upload(up.name, up.getvalue(),
                     chosen[1] if chosen and chosen[0] == up.name else None)
        if data.control_key() != before:
            st.rerun()  # the sidebar, drawn before the upload was taken, says so too
    key = data.control_key()
    if key:
        ctl = data.control(key[1], key[0], key[2], key[3])
        meas = data.atlas(data.reports_dir()).measure(ctl)
        when = f" ({ctl.date.isoformat()})" if ctl.date else ""
        grey = (f", and {meas.total_contested_km2:,.0f} km² contested (grey zone)"
                if ctl.contested is not None else "")
        (st.warning if ctl.schematic else st.success)(
            f"Using **{md(key[0])}**{md(when)}: {meas.total_controlled_km2:,.0f} km² of Ukraine "
            f"({meas.total_share_pct:.2f} %) held by Russia{grey}"
            + (", drawn **schematically** (its features say `schematic: true`: zones drawn "
               "from a report's claims, not a mapped front line)" if ctl.schematic
               else ", measured")
            + ". Every view, export and check now uses it."
        )
        for note in ctl.notes:
            if not note.startswith("read as"):  # the table below says it
                st.caption(md(note))
        # units with ground to show at the table's precision (0.1 km²), not slivers
        t = meas.table[(meas.table["controlled_km2"] >= 0.05)
                       | (meas.table["contested_km2"] >= 0.05)]
        columns = {
            "unit": t["name"],
            "km² held": t["controlled_km2"].round(1),
            "share held (%)": t["share_pct"].round(2),
        }
        if ctl.contested is not None:
            columns["km² contested"] = t["contested_km2"].round(1)
            columns["contested (%)"] = t["contested_pct"].round(2)
        columns["unit km²"] = t["area_km2"].round(0)
        show_table(pd.DataFrame(columns, index=t.index), height=420)
        if ctl.classes:
            st.markdown(f"**What was read** — as {md(ctl.schema)}:")
            show_table(pd.DataFrame({
                "class": [c.label for c in ctl.classes],
                "read as": [STATE_WORDS.get(c.state or "", "not placed") for c in ctl.classes],
                "features": [c.features for c in ctl.classes],
                "km² in Ukraine's units": [round(c.km2, 1) for c in ctl.classes],
                "km² in all": [round(c.km2_total, 1) for c in ctl.classes],
            }))
        pages.show_page(_layer_page(key, bool(opts["tiles"])), height=420, prefix="uploaded")
        if st.button("Stop using this control layer", key="control_clear"):
            st.session_state.pop("control", None)
            st.session_state.pop("control_classes", None)
            st.session_state["control_upload_gen"] = gen + 1
            st.rerun()
    elif data.history_dir() or st.session_state.get("history_zip"):
        st.caption("A history is in use (see *History*): each report is drawn and checked "
                   "against its nearest mapped day. A layer loaded here takes precedence "
                   "over it in every view until you stop using the layer.")
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
    pasted = st.text_area("…or paste a GeoJSON geometry", key="sketch_text", height=90,
                          max_chars=2_000_000)
    if out and out.get("last_active_drawing"):
        _sketch_result(out["last_active_drawing"]["geometry"], "drawn on the map")
    elif pasted.strip():
        try:  # orjson: nesting and number size are bounded
            doc = orjson.loads(pasted)
        except orjson.JSONDecodeError as exc:
            st.error(
                f"pasted text, line {exc.lineno} column {exc.colno}: not JSON ({md(exc.msg)})."
            )
        else:
            geom = doc.get("geometry", doc) if isinstance(doc, dict) else doc
            _sketch_result(geom if isinstance(geom, dict) else {}, "pasted GeoJSON")


# ------------------------------------------------------------------ page
