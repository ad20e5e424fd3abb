"""Frontline Atlas, the Streamlit app: UI only, wiring geo/ and layers/ together."""

from __future__ import annotations

import folium
import streamlit as st
from streamlit_folium import st_folium

from geo.boundaries import area_accuracy, load_units
from layers.assets import ensure_static
from layers.boundaries import boundary_layer
from layers.map import new_map

st.set_page_config(page_title="Frontline Atlas", layout="wide")


@st.cache_resource
def _static() -> str:
    return str(ensure_static())


@st.cache_data
def _units_table():  # type: ignore[no-untyped-def]
    units = load_units()
    units["area_error_pct"] = area_accuracy(units).round(2)
    return units.drop(columns="geometry")


def main() -> None:
    _static()
    st.title("Frontline Atlas")
    st.caption("Territorial-control claims about the Russia–Ukraine war, as map layers.")
    m = new_map()
    boundary_layer(load_units()).add_to(m)
    folium.LayerControl(collapsed=True).add_to(m)
    st_folium(m, key="map", height=560, use_container_width=True, returned_objects=[])
    st.subheader("Units")
    st.dataframe(_units_table(), use_container_width=True)


main()
