"""The PCG64 generator, bit for bit as numpy's `PCG64(seed)`, in plain Python.

The game rolls from one PCG64 stream per seed (dice.py). numpy's generator is the
reference, and tests/test_pcg64.py holds this one to it word for word, but
importing `numpy.random` costs a fresh process about 9 ms (its Generator,
RandomState and every bit generator come with it), a twentieth of the time to
the first frame, for a game that draws a few hundred words. Python's integers
do the 128-bit arithmetic; 512 words take about 0.3 ms.

Seeding follows numpy's SeedSequence (O'Neill's hash mixing of the seed's 32-bit
words into a pool of four, then four 64-bit words out): the first two are the
LCG's start, the last two its increment. Each word is the xsl-rr output of the
state after one LCG step.
"""

from __future__ import annotations

_M32 = 0xFFFF_FFFF
_M64 = (1 << 64) - 1
_M128 = (1 << 128) - 1
_MULT = 0x2360_ED05_1FC6_5DA4_4385_DF64_9FCC_F645  # PCG's default 128-bit multiplier
# SeedSequence's constants
_INIT_A, _MULT_A, _INIT_B, _MULT_B = 0x43B0_D7E5, 0x931E_8875, 0x8B51_F9DD, 0x58F3_8DED
_MIX_L, _MIX_R = 0xCA01_F9DD, 0x4973_F715
_POOL = 4


def _seed_words(seed: int) -> list[int]:
    """SeedSequence(seed).generate_state(4, uint64), for a non-negative integer seed."""
    if seed < 0:
        raise ValueError("a seed must be a non-negative integer")
    entropy = []
    while True:
        entropy.append(seed & _M32)
        seed >>= 32
        if not seed:
            break
    h = _INIT_A

    def hashmix(v: int) -> int:
        nonlocal h
        v ^= h
        h = (h * _MULT_A) & _M32
        v = (v * h) & _M32
        return v ^ (v >> 16)

    def mix(x: int, y: int) -> int:
        r = (_MIX_L * x - _MIX_R * y) & _M32
        return r ^ (r >> 16)

    pool = [hashmix(entropy[i] if i < len(entropy) else 0) for i in range(_POOL)]
    for src in range(_POOL):
        for dst in range(_POOL):
            if src != dst:
                pool[dst] = mix(pool[dst], hashmix(pool[src]))
    for src in range(_POOL, len(entropy)):
        for dst in range(_POOL):
            pool[dst] = mix(pool[dst], hashmix(entropy[src]))
    out = []
    h = _INIT_B
    for i in range(8):
        v = pool[i % _POOL] ^ h
        h = (h * _MULT_B) & _M32
        v = (v * h) & _M32
        out.append(v ^ (v >> 16))
    return [out[2 * i] | (out[2 * i + 1] << 32) for i in range(4)]


class PCG64:
    """`numpy.random.PCG64(seed)`: `random_raw(n)` gives the same 64-bit words, `advance(n)` skips n."""

    __slots__ = ("_state", "_inc")

    def __init__(self, seed: int):
        w = _seed_words(int(seed))
        self._inc = ((((w[2] << 64) | w[3]) << 1) | 1) & _M128
        state = self._inc  # one step from 0
        state = (state + ((w[0] << 64) | w[1])) & _M128
        self._state = (state * _MULT + self._inc) & _M128

    def random_raw(self, n: int) -> list[int]:
        s, inc, out = self._state, self._inc, []
        append = out.append
        for _ in range(n):
            s = (s * _MULT + inc) & _M128
            v = ((s >> 64) ^ s) & _M64
            r = s >> 122
            append(((v >> r) | (v << (64 - r))) & _M64)
        self._state = s
        return out

    def advance(self, delta: int) -> None:
        """Jump ahead `delta` words in O(log delta) (Brown's LCG jump-ahead)."""
        acc_mult, acc_plus, mult, plus = 1, 0, _MULT, self._inc
        delta &= _M128
        while delta:
            if delta & 1:
                acc_mult = (acc_mult * mult) & _M128
                acc_plus = (acc_plus * mult + plus) & _M128
            plus = ((mult + 1) * plus) & _M128
            mult = (mult * mult) & _M128
            delta >>= 1
        self._state = (acc_mult * self._state + acc_plus) & _M128
