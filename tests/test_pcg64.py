"""Our PCG64 against numpy's, word for word: the game's dice come from ours, and every
save and recorded game was rolled from numpy's stream before it."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wargame.pcg64 import PCG64


@settings(max_examples=200, deadline=None)
@given(seed=st.one_of(st.integers(0, 2**32), st.integers(0, 2**200)), n=st.integers(0, 700))
def test_the_words_of_a_seed_are_numpys(seed, n):
    assert PCG64(seed).random_raw(n) == np.random.PCG64(seed).random_raw(n).tolist()


@settings(max_examples=200, deadline=None)
@given(seed=st.integers(0, 2**64), skip=st.one_of(st.integers(0, 5000), st.integers(0, 2**128 + 5)),
       before=st.integers(0, 600))  # fmt: skip
def test_advancing_skips_the_words_numpy_skips(seed, skip, before):
    ours, theirs = PCG64(seed), np.random.PCG64(seed)
    assert ours.random_raw(before) == theirs.random_raw(before).tolist()
    ours.advance(skip)
    theirs.advance(skip)
    assert ours.random_raw(20) == theirs.random_raw(20).tolist()


def test_advancing_equals_drawing():
    a, b = PCG64(99), PCG64(99)
    a.random_raw(1234)
    b.advance(1234)
    assert a.random_raw(5) == b.random_raw(5)


def test_a_negative_seed_is_refused_as_numpy_refuses_it():
    with pytest.raises(ValueError):
        np.random.PCG64(-1)
    with pytest.raises(ValueError):
        PCG64(-1)
