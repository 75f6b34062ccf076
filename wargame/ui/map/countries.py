"""Country names: big and faint across each country from afar, small pairs astride
the border up close.

From afar a name goes where its country is deep (far from the border) and empty
(few rivers, towns or relief under it), found by summing clutter over the name's
box with an integral image rather than trying every spot against every feature.
"""

from __future__ import annotations

import math

import numpy as np
import pygame

from ... import hexgrid
from ...hexgrid import SQRT3, Hex
from .. import style
from .colours import COUNTRY_TEXT

# how much a terrain already fills a hex, when placing the big country names
_BUSY = {"water": 3, "urban": 3, "mountains": 1, "hills": 1, "farmland": 1, "marsh": 1, "forest": 1}


def spaced_caps(text: str, size: int, colour, alpha: int = 84) -> pygame.Surface:
    f = style.font(size, bold=True)
    track = max(1, int(size * 0.42))
    glyphs = [f.render(ch, True, colour) for ch in text]
    w = sum(g.get_width() for g in glyphs) + track * (len(glyphs) - 1)
    img = pygame.Surface((max(1, w), f.get_height()), pygame.SRCALPHA)
    x = 0
    for g in glyphs:
        img.blit(g, (x, 0))
        x += g.get_width() + track
    img.set_alpha(alpha)
    return img


class CountryNames:
    def __init__(self, rules, tables):
        self.rules = rules
        self.tables = tables
        self.countries = tables.countries
        self._dist: dict[Hex, int] | None = None
        self._busy: dict[Hex, int] | None = None

    def distance(self) -> dict[Hex, int]:
        """Steps from each hex to the nearest hex of another country or off the map
        (a breadth-first search run on the map arrays, a ring at a time)."""
        if self._dist is not None:
            return self._dist
        t = self.tables
        n = len(t.terr)
        nb = t.nb.reshape(n, 6)
        on = t.terr != t.offmap
        same = t.ctry[nb] == t.ctry[:, None]
        dist = np.where(on & ~same.all(axis=1), 1, 0)
        k = 1
        while True:
            nxt = on & (dist == 0) & ((dist[nb] == k) & same).any(axis=1)
            if not nxt.any():
                break
            k += 1
            dist[nxt] = k
        self._dist = {h: int(dist[t.hex_flat(h)]) for h in self.rules.country}
        return self._dist

    def busy(self) -> dict[Hex, int]:
        """How much each hex already carries (rivers, lakes, towns, relief)."""
        if self._busy is not None:
            return self._busy
        busy: dict[Hex, int] = {}
        for h, t in self.rules.terrain.items():
            w = _BUSY.get(t.style, 0)
            if w:
                busy[h] = w
        for river in self.rules.scenario.map.rivers:
            for n in river.hexes:
                h = hexgrid.parse_ccrr(n)
                busy[h] = busy.get(h, 0) + 3
        for p in self.rules.scenario.map.places:
            h = hexgrid.parse_ccrr(p.hex)
            busy[h] = busy.get(h, 0) + 4
        self._busy = busy
        return busy

    def labels(self, L, free, taken: list[pygame.Rect]) -> list[tuple]:
        if len(self.countries) < 2:
            return []
        return self._spread(L, free, taken) if L.size <= 16 else self._astride(L, free, taken)

    def _spread(self, L, free, taken) -> list[tuple]:
        s = L.size
        rules = self.rules
        dist = self.distance()
        busy = self.busy()
        countries = rules.scenario.map.countries
        C, R = rules.columns, rules.rows
        hexes = list(rules.country)
        owner = np.array([self.countries.index(rules.country[h]) for h in hexes])
        q = np.array([h.q for h in hexes], dtype=np.float64)
        r = np.array([h.r for h in hexes], dtype=np.float64)
        cx_all = L.ox + s * 1.5 * q
        cy_all = L.oy + s * SQRT3 * (r + q * 0.5)
        cols = np.array([hexgrid.to_offset(h)[0] for h in hexes])
        rows = np.array([hexgrid.to_offset(h)[1] for h in hexes])
        d_all = np.array([dist.get(h, 0) for h in hexes])
        b_all = np.array([busy.get(h, 0) for h in hexes], dtype=np.float64)
        out = []
        for ci, cid in enumerate(self.countries):
            mine = owner == ci
            n = int(mine.sum())
            if not n:
                continue
            deep = int(d_all[mine].max())
            small = n < 60
            if small:
                size, alpha = int(np.clip(1.1 * s, 9, 12)), 150
            else:
                size, alpha = int(np.clip(math.sqrt(n) * s * 0.13, 10, 56)), 84
                size = int(min(size, max(10, deep * s * 0.9)))
            img = spaced_caps(countries[cid].name.upper(), size, COUNTRY_TEXT, alpha)
            cx0, cy0 = cx_all[mine].sum() / n, cy_all[mine].sum() / n
            need = min(deep, 3 if not small else 1)
            # clutter under a label: summed over a block of columns and rows (integral image)
            grid = np.zeros((C + 1, R + 1))
            grid[cols + 1, rows + 1] = b_all + np.where(mine, 0, 6)
            integral = grid.cumsum(0).cumsum(1)
            half_c = int(math.ceil((img.get_width() / 2 + s) / (1.5 * s)))
            half_r = int(math.ceil((img.get_height() / 2 + s) / (SQRT3 * s)))
            cand = np.flatnonzero(mine & (d_all >= need))
            c0, c1 = np.maximum(0, cols[cand] - half_c), np.minimum(C, cols[cand] + half_c + 1)
            r0, r1 = np.maximum(0, rows[cand] - half_r), np.minimum(R, rows[cand] + half_r + 1)
            clutter = integral[c1, r1] - integral[c0, r1] - integral[c1, r0] + integral[c0, r0]
            centre = np.hypot(cx_all[cand] - cx0, cy_all[cand] - cy0)
            for i in cand[np.lexsort((centre, clutter))].tolist():  # least clutter, then most central
                rect = img.get_rect(center=(int(cx_all[i]), int(cy_all[i])))
                if free(rect):
                    taken.append(rect)
                    out.append(("country", img, rect))
                    break
        return out

    def _astride(self, L, free, taken) -> list[tuple]:
        """At close zooms, small country names in pairs on both sides of the border."""
        s = L.size
        lay = L.layout
        rules = self.rules
        countries = rules.scenario.map.countries
        size = int(np.clip(0.2 * s + 3, 9, 15))
        imgs = {c: spaced_caps(countries[c].name.upper(), size, COUNTRY_TEXT, alpha=150) for c in self.countries}
        pairs = []
        for h in sorted(rules.country, key=lambda h: hexgrid.to_offset(h)[::-1]):
            c = rules.country[h]
            for k, n in enumerate(h.neighbours()):
                c2 = rules.country.get(n)
                if c2 is not None and c2 != c and k in (0, 1, 2):
                    pairs.append((h, n, k))
        out = []
        chosen: list[Hex] = []
        spacing = max(6, int(round(620 / s)))
        for h, n, _k in pairs:
            if any(hexgrid.distance(h, o) < spacing for o in chosen):
                continue
            ax, ay = lay.hex_to_pixel(h)
            bx, by = lay.hex_to_pixel(n)
            mx, my = (ax + bx) / 2, (ay + by) / 2
            ux, uy = (ax - bx) / (SQRT3 * s), (ay - by) / (SQRT3 * s)
            rects = []
            for cid, sign in ((rules.country[h], 1), (rules.country[n], -1)):
                img = imgs[cid]
                off = 0.32 * s + img.get_height() * 0.6 + abs(ux) * img.get_width() * 0.5
                r = img.get_rect(center=(int(mx + sign * ux * off), int(my + sign * uy * off)))
                rects.append((img, r))
            if all(free(r) for _, r in rects):
                for img, r in rects:
                    out.append(("country", img, r))
                    taken.append(r)
                chosen.append(h)
        return out
