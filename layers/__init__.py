"""Map layers of Frontline Atlas: one module per layer kind (how it is built, styled, described).

Layers build folium objects from the GeoDataFrames of :mod:`geo`; they compute nothing
themselves. Every string shown on a map goes through :func:`layers.html.escape_text`.
"""
