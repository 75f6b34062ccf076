"""The PNG writer: any surface written and read back has the same colours, pixel by pixel."""

from __future__ import annotations

import io

import numpy as np
import pygame
from hypothesis import given, settings
from hypothesis import strategies as st

from wargame.ui.png import png_bytes, save_png


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
