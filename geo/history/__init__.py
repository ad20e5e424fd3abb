"""Control histories: many days of mapped control, read fast, every problem reported.

A history is what analysts keep: one layer of mapped (Russian-held) ground a day, often
800+ days. :func:`read_history` reads any of

* a folder of daily files named with their date -- ``*_YYYYMMDD.geojson`` or
  ``*_YYYY-MM-DD.geojson``, also ``.json`` and gzipped ``.geojson.gz``;
* a ``.zip`` of such files;
* one GeoJSON whose features carry a date property (``date``, ``day``, ``as_of`` ...);
* one GeoParquet with a date column;

and several of them at once. Every file is parsed (fast: ``orjson`` and NumPy, in
parallel processes when there are many), checked (lon/lat, finite, in the region,
valid -- repaired with a note) and either becomes a :class:`ParsedDay` or a
:class:`~geo.errors.Problem` naming the file and what is wrong: a day that cannot be
read is reported, never silently dropped. Gaps between the dates are listed. A parsed
history is cached on disk keyed by the content of its files, so a second run starts at
once. Coordinates are EPSG:4326 lon/lat degrees.
"""

from geo.history.cache import cache_dir
from geo.history.inputs import HISTORY_SUFFIXES, MAX_FILE_BYTES
from geo.history.model import History, ParsedDay, iter_days, ragged_arrays
from geo.history.parse import parse_geojson
from geo.history.read import paused_gc, read_history

__all__ = [
    "HISTORY_SUFFIXES",
    "MAX_FILE_BYTES",
    "ParsedDay",
    "History",
    "read_history",
    "parse_geojson",
    "cache_dir",
    "paused_gc",
    "ragged_arrays",
    "iter_days",
]
