"""Writing a surface as a PNG file, quickly and whole.

pygame's own PNG writer takes 140 ms for a 1280x720 picture (most of
`wargame render`'s own time); a picture of the board is mostly flat colour, so
unfiltered rows and zlib's fastest level give a file of the same size (810 kB
against pygame's 840 kB) in 20-40 ms. On more than one core the rows are deflated
in parts at once, as pigz does: each part a raw deflate stream flushed to a byte
boundary, so that the parts joined are one zlib stream (zlib releases the GIL
while it compresses). The file is written atomically, so a picture that fails
half-way never replaces a good one.
"""

from __future__ import annotations

import os
import struct
import zlib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pygame

from ..atomic import write_atomic

_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def save_png(surface: pygame.Surface, path: str | Path) -> None:
    """Write `surface` (its colours; any transparency is dropped) to `path` as a PNG."""
    write_atomic(path, png_bytes(surface))


def png_bytes(surface: pygame.Surface) -> bytes:
    """The PNG file of `surface`: 8-bit RGB, each row unfiltered (filter byte 0)."""
    width, height = surface.get_size()
    pixels = np.frombuffer(pygame.image.tobytes(surface, "RGB"), dtype=np.uint8).reshape(height, width * 3)
    rows = np.zeros((height, width * 3 + 1), dtype=np.uint8)  # column 0: each row's filter type
    rows[:, 1:] = pixels
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8 bits, RGB, deflate, no filter set, no interlace
    return b"".join((_SIGNATURE, _chunk(b"IHDR", header), _chunk(b"IDAT", deflate(rows.tobytes())),
                     _chunk(b"IEND", b"")))  # fmt: skip


PART = 1 << 20  # bytes: smaller pictures are not worth a thread


def deflate(data: bytes, parts: int | None = None) -> bytes:
    """`data` as one zlib stream at level 1, its parts deflated at once on the cores there are."""
    if parts is None:
        parts = max(1, min(os.cpu_count() or 1, 4, len(data) // PART))
    if parts == 1:
        return zlib.compress(data, 1)
    cuts = [len(data) * i // parts for i in range(parts + 1)]

    def part(i: int) -> bytes:
        z = zlib.compressobj(1, zlib.DEFLATED, -15)  # raw deflate: the header and checksum are the whole's
        return z.compress(data[cuts[i] : cuts[i + 1]]) + z.flush(zlib.Z_FINISH if i == parts - 1 else zlib.Z_SYNC_FLUSH)

    with ThreadPoolExecutor(parts) as pool:
        body = b"".join(pool.map(part, range(parts)))
    return b"\x78\x01" + body + struct.pack(">I", zlib.adler32(data))  # deflate, 32 kB window, fastest


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
