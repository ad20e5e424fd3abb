"""The export view: every layer of a report as GeoJSON (one file each, or a zip) and as a
GeoPackage, each feature with its provenance."""

from __future__ import annotations

import functools
from typing import Any

import pandas as pd
import streamlit as st

from geo.reports import ReportSet
from layers.html import escape_markdown as md
from ui import data
from ui.common import label, show_table

__all__ = ['export_view']


def export_view(reports: ReportSet, opts: dict[str, Any]) -> None:
    rid = st.selectbox("Report", reports.ids, format_func=lambda r: label(reports, r),
                       key="export_id")
    key, origin = data.control_for(rid)
    st.caption(f"Held ground: {md(origin)}"
               + (f": {md(key[0])}" + (f" ({md(key[2])})." if key[2] else ".") if key
                  else " (schematic zones)."))
    if key is not None:  # a layer of another time: its verdicts say so in the files too
        ctl = data.control_layer(key)
        gap = data.atlas(data.reports_dir()).date_gap(rid, ctl) if ctl is not None else None
        if gap:
            st.warning(md(gap))
    files, zipped, gpkg = data.exports(rid, data.reports_dir(), key, opts["dmz"], opts["depth"])
    st.caption(
        "GeoJSON files follow RFC 7946: WGS84 lon/lat, right-hand winding, no crs member, "
        "6 decimals; every feature carries its provenance (report, outlet, date, schematic flag, basis)."
    )
    c1, c2, c3 = st.columns(3)
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
    c3.download_button(  # made when clicked: KML takes a second to write
        "All layers (KML, Google Earth)",
        functools.partial(data.export_kml, rid, data.reports_dir(), key, opts["dmz"],
                          opts["depth"]),
        file_name=f"{rid}.kml",
        mime="application/vnd.google-earth.kml+xml",
        key=f"dl-kml-{rid}",
    )
    table = pd.DataFrame(
        [{"layer": f["layer"], "features": f["features"], "bytes": len(f["data"])} for f in files]
    )
    show_table(table)
    for f in files:
        st.download_button(
            f"{f['layer']} (GeoJSON, {f['features']} feature{'' if f['features'] == 1 else 's'})",
            f["data"],
            file_name=f"{rid}-{f['file']}",
            mime="application/geo+json",
            key=f"dl-{rid}-{f['file']}",
        )
