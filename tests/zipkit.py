"""Hostile zips and gzip streams built byte by byte, small and fast, for the tests.

A zip bomb is made from one mebibyte of zeros deflated once (1 kB, flushed so the block
can be repeated) and repeated: 199 MiB of zeros pack to 206 kB in a tenth of a second.
Entries may share one stored stream (an overlapping zip: many directory entries, one
small file) and may declare sizes that are not true (a lying header).
"""

from __future__ import annotations

import datetime as dt
import gzip
import struct
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

MIB = 1 << 20
_ZEROS = bytes(MIB)
_c = zlib.compressobj(9, zlib.DEFLATED, -15)
_BLOCK = _c.compress(_ZEROS) + _c.flush(zlib.Z_FULL_FLUSH)  # one MiB of zeros, repeatable
_FINAL = b"\x03\x00"  # an empty final block


def deflated_zeros(mib: int) -> tuple[bytes, int]:
    """A raw deflate stream of ``mib`` MiB of zeros and their CRC-32."""
    crc = 0
    for _ in range(mib):
        crc = zlib.crc32(_ZEROS, crc)
    return _BLOCK * mib + _FINAL, crc


def gzip_zeros(mib: int) -> bytes:
    """A gzip file of ``mib`` MiB of zeros (about 1 kB a MiB)."""
    data, crc = deflated_zeros(mib)
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
    return header + data + struct.pack("<II", crc, (mib * MIB) & 0xFFFFFFFF)


@dataclass(frozen=True)
class Member:
    """A zip member as stored: ``data`` deflated (``method`` 8) or stored (0), with the
    CRC-32 and unpacked size its headers declare."""

    name: str
    data: bytes
    crc: int
    size: int
    method: int = 8

    @classmethod
    def of(cls, name: str, content: bytes) -> Member:
        """A true member holding ``content``, deflated."""
        c = zlib.compressobj(6, zlib.DEFLATED, -15)
        return cls(name, c.compress(content) + c.flush(), zlib.crc32(content), len(content))


def build_zip(members: Sequence[Member], *, aliases: Sequence[Member] = ()) -> bytes:
    """A zip of ``members`` (each a local header and its data), then the central
    directory; each of ``aliases`` is one more directory entry pointing at the first
    member's data (its own name, CRC and declared size): many entries, one stream."""
    out = bytearray()
    directory = bytearray()

    def entry(m: Member, offset: int, compressed: int) -> bytes:
        name = m.name.encode()
        return struct.pack("<4s6H3I5H2I", b"PK\x01\x02", 20, 20, 0, m.method, 0, 0x21,
                           m.crc, compressed, m.size, len(name), 0, 0, 0, 0, 0,
                           offset) + name

    for m in members:
        name = m.name.encode()
        offset = len(out)
        out += struct.pack("<4s5H3I2H", b"PK\x03\x04", 20, 0, m.method, 0, 0x21, m.crc,
                           len(m.data), m.size, len(name), 0) + name + m.data
        directory += entry(m, offset, len(m.data))
    first = members[0]
    for a in aliases:
        directory += entry(a, 0, len(first.data))
    n = len(members) + len(aliases)
    start = len(out)
    out += directory
    out += struct.pack("<4s4H2IH", b"PK\x05\x06", 0, 0, min(n, 0xFFFF), min(n, 0xFFFF),
                       len(directory), start, 0)
    return bytes(out)


def zeros_bomb(n: int, mib: int, *, name: str = "layer_{:%Y%m%d}.geojson") -> bytes:
    """A zip of ``n`` entries of ``mib`` MiB of zeros each, sharing one stream of about
    ``mib`` kB (``name`` formatted with one day each from 2024-01-01)."""
    data, crc = deflated_zeros(mib)
    days = [dt.date(2024, 1, 1) + dt.timedelta(days=i) for i in range(n)]
    members = [Member(name.format(d), data, crc, mib * MIB) for d in days]
    return build_zip(members[:1], aliases=members[1:])


def gzip_of(content: bytes) -> bytes:
    """``content`` gzipped (a true stream)."""
    return gzip.compress(content, mtime=0)
