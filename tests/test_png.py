"""The PNG writer: any surface written and read back has the same colours, pixel by pixel."""

from __future__ import annotations

import io
import zlib

import numpy as np
import pygame
from hypothesis import given, settings
from hypothesis import strategies as st

from wargame.ui.png import deflate, png_bytes, save_png


@settings(max_examples=40, deadline=None)
@given(width=st.integers(1, 37), height=st.integers(1, 23), seed=st.integers(0, 2**32 - 1))
def test_a_written_surface_reads_back_the_same(width: int, height: int, seed: int) -> None:
    colours = np.random.default_rng(seed).integers(0, 256, size=(width, height, 3), dtype=np.uint8)
    surface = pygame.Surface((width, height))
    pygame.surfarray.blit_array(surface, colours)
    back = pygame.image.load(io.BytesIO(png_bytes(surface)), "x.png")
    assert back.get_size() == (width, height)
    assert np.array_equal(pygame.surfarray.array3d(back), colours)


def test_a_picture_is_written_whole_over_the_old_one(tmp_path) -> None:
    surface = pygame.Surface((64, 48))
    surface.fill((200, 30, 40))
    out = tmp_path / "board.png"
    out.write_bytes(b"an old picture")
    save_png(surface, out)
    assert pygame.image.load(str(out)).get_at((10, 10))[:3] == (200, 30, 40)
    assert [p.name for p in tmp_path.iterdir()] == ["board.png"]  # no temporary file left


@settings(max_examples=60, deadline=None)
@given(data=st.binary(min_size=0, max_size=5000), parts=st.integers(1, 5))
def test_rows_deflated_in_parts_inflate_to_the_rows(data: bytes, parts: int) -> None:
    assert zlib.decompress(deflate(data, parts)) == data


def test_a_big_picture_deflated_in_parts_reads_back_the_same() -> None:
    colours = np.random.default_rng(3).integers(0, 8, size=(700, 600, 3), dtype=np.uint8) * 30
    surface = pygame.Surface((700, 600))
    pygame.surfarray.blit_array(surface, colours)
    assert len(pygame.image.tobytes(surface, "RGB")) > 1 << 20  # big enough for parts on two cores
    back = pygame.image.load(io.BytesIO(png_bytes(surface)), "x.png")
    assert np.array_equal(pygame.surfarray.array3d(back), colours)
