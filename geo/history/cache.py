"""The parsed-history cache: days kept on disk, keyed by the content of their inputs.

A pack is one ``.npz`` of the ragged arrays of every day and a JSON header (dates,
sources, notes, problems) under :func:`cache_dir`, named by the SHA-256 digest of every
input's name and bytes: changing, adding or removing a file makes a new key. It is read
with ``allow_pickle=False`` (nothing in it runs when read) and sealed with the user's
cache key (:func:`geo.store.seal`), so a pack planted in a shared cache folder, or
another user's, is not taken for the history: it is logged and the history parsed again.
"""

from __future__ import annotations

import hashlib
import io
import logging
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import orjson

from geo.errors import Problem, WriteTargetError
from geo.history.inputs import Entry
from geo.history.model import ParsedDay, pack_days, unpack_days
from geo.safeio import write_atomic
from geo.store import cache_dir, read_sealed, seal

__all__ = ["cache_dir", "content_digest", "save_pack", "load_pack"]

_CACHE_VERSION = "history-v4"  # v4: the features' dates win over the name's
_log = logging.getLogger(__name__)


def content_digest(entries: Sequence[Entry], parquet: Sequence[Path],
                   known: Mapping[int, bytes] | None = None, *, options: str = "") -> str:
    """Content digest of every input item (names and bytes).

    ``known`` gives the SHA-256 digests of files already read (by position in
    ``entries``: :func:`geo.history.inputs.parse_entry` computes them while parsing), so
    they are not read twice."""
    h = hashlib.sha256(_CACHE_VERSION.encode())
    h.update(options.encode() + b"\0")  # the class choice and date pattern read them
    seen_zips: set[Path] = set()
    for i, e in enumerate(entries):
        h.update(e.source.encode() + b"\0")
        if e.member is None:
            h.update(known[i] if known and i in known else _file_digest(e.path))
        elif e.path not in seen_zips:
            seen_zips.add(e.path)
            h.update(_file_digest(e.path))
    for p in parquet:
        h.update(p.name.encode())
        h.update(_file_digest(p))
    return h.hexdigest()


def _file_digest(path: Path) -> bytes:
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").digest()


def save_pack(path: Path, days: Sequence[ParsedDay], problems: Sequence[Problem],
              notes: Sequence[str] = ()) -> None:
    """Write ``days``, ``problems`` and the history's ``notes`` to the cache file ``path``
    (atomically, sealed; plain arrays and JSON, nothing that executes when read). A
    path that is not a regular file (a link planted there) is left alone, logged."""
    arrays = pack_days(days)
    meta = orjson.loads(arrays.pop("meta").tobytes())
    meta["problems"] = [[p.where, p.field, p.message] for p in problems]
    meta["history_notes"] = list(notes)
    buf = io.BytesIO()
    np.savez(buf, coords=arrays["coords"], n_vertices=arrays["n_vertices"],
             rings=arrays["rings"], polys=arrays["polys"], others=arrays["others"],
             meta=np.frombuffer(orjson.dumps(meta), dtype=np.uint8))
    try:
        write_atomic(path, seal(path.name, buf.getvalue()))
    except WriteTargetError as exc:  # the cache only saves time
        _log.warning("history cache: %s not kept (%s)", path.name, exc)


def load_pack(path: Path) -> tuple[list[ParsedDay], list[Problem], list[str]]:
    """The days, problems and notes of the cache file ``path``.

    Raises
    ------
    ValueError
        The file is missing, not sealed by this user's cache key (logged) or damaged:
        the history is parsed again.
    """
    payload = read_sealed(path, what="history cache")
    if payload is None:
        raise ValueError(f"{path.name}: no pack of this user's")
    with np.load(io.BytesIO(payload), allow_pickle=False) as pack:
        arrays = {k: pack[k] for k in pack.files}
    meta = orjson.loads(arrays["meta"].tobytes())
    return (unpack_days(arrays), [Problem(*p) for p in meta.get("problems", [])],
            [str(n) for n in meta.get("history_notes", [])])
