"""The side panel's drawn part: who plays, when, and the tracks as tracks.

Drawn by hand (not with widgets) because tracks are pictures: a row of boxes,
the thresholds marked under them, the marker where the level stands, as on a
printed game's track display. Everything comes from a side's view, never from
the full state.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pygame

from ..kinds import SIDE_NAMES as SIDE_NAME
from . import style
from .text import fit_text, wrap


@dataclass
class Hotspot:
    """A region of the panel with a tooltip."""

    rect: pygame.Rect
    title: str
    lines: list[str]


def turn_date(rules, turn: int) -> datetime.date:
    return datetime.date.fromisoformat(rules.scenario.meta.date) + datetime.timedelta(days=turn - 1)


class Panel:
    """Header, tracks, points and stocks at the top of the side panel."""

    def __init__(self, rules, rect: pygame.Rect, scale: float = 1.0):
        self.rules = rules
        self.rect = rect
        self.scale = scale  # larger type and boxes on larger windows
        self.hotspots: list[Hotspot] = []
        self.height = 0

    def font(self, size: float, bold: bool = False, condensed: bool = False) -> pygame.font.Font:
        return style.font(round(size * self.scale), bold, condensed)

    def k(self, n: float) -> int:
        return round(n * self.scale)

    def draw(self, surface: pygame.Surface, view, phase_title: str, to_move: str | None,
             viewer: str | None, result_text: str | None) -> int:  # fmt: skip
        """Draw and return the height used."""
        r = self.rect
        surface.fill(style.PANEL, r)
        self.hotspots = []
        x, y, w = r.x + 14, r.y + 10, r.w - 28
        s = self.rules.scenario
        y = self._text(surface, s.meta.title, (x, y), self.font(16, bold=True), style.PANEL_TEXT, w)
        date = turn_date(self.rules, view.turn)
        y = self._text(
            surface, f"Turn {view.turn} of {s.turns.count}  ·  {date:%a %d %b %Y}", (x, y + 2), self.font(13), style.PANEL_MUTED, w
        )
        y += 6
        if result_text:
            f = self.font(14, bold=True)
            for line in wrap(result_text, f, w)[:3]:
                y = self._text(surface, line, (x, y), f, style.HIGHLIGHT, w)
        else:
            chip = pygame.Rect(x, y + 2, self.k(14), self.k(14))
            colour = style.SIDE_COLOUR.get(to_move or "", style.PANEL_MUTED)
            pygame.draw.rect(surface, colour, chip, border_radius=3)
            who = f"{SIDE_NAME[to_move]} · {s.sides[to_move].name}" if to_move else ""
            self._text(surface, phase_title, (x + self.k(22), y), self.font(14, bold=True), style.PANEL_TEXT, w - self.k(22))
            y += self.k(19)
            y = self._text(surface, who, (x + self.k(22), y), self.font(12), style.PANEL_MUTED, w - self.k(22))
        if viewer:
            y = self._text(surface, f"You see {SIDE_NAME[viewer]}'s view", (x, y + 2), self.font(11), style.PANEL_MUTED, w)
        elif not result_text:
            y = self._text(surface, "Umpire's view: everything both sides keep secret", (x, y + 2), self.font(11, bold=True),
                           style.HIGHLIGHT, w)  # fmt: skip
        y += 8
        for tid, track in self.rules.tracks.items():
            y = self._track(surface, (x, y), w, tid, view.tracks[tid]) + 5
        y = self._vp(surface, (x, y), w, view) + 6
        y = self._stocks(surface, (x, y), w, view, viewer)
        pygame.draw.line(surface, style.PANEL_LIGHT, (r.x + 8, y + 4), (r.right - 8, y + 4))
        self.height = y + 8 - r.y
        return self.height

    # --- pieces of the panel -----------------------------------------------------

    def _text(self, surface, text, pos, f, colour, width) -> int:
        img = f.render(fit_text(text, f, width), True, colour)
        surface.blit(img, pos)
        return pos[1] + img.get_height()

    def _label_width(self, width: int) -> int:
        """The column the tracks' and points' names stand in: as wide as the longest
        name needs ("Iraq's tolerance" was cut to "Iraq's toleran..."), but never more
        than two fifths of the panel, so the boxes stay wide enough to read."""
        f = self.font(12, bold=True, condensed=True)
        names = [t.name for t in self.rules.tracks.values()] + [f"{SIDE_NAME[s]} VP 00" for s in ("blue", "red")]
        need = max(f.size(n)[0] for n in names) + self.k(8)
        return max(self.k(96), min(need, int(width * 0.4)))

    def _track(self, surface, pos, width, tid, level) -> int:
        track = self.rules.tracks[tid]
        x, y = pos
        label_w = self._label_width(width)
        f = self.font(12, bold=True, condensed=True)
        surface.blit(f.render(fit_text(track.name, f, label_w - 4), True, style.PANEL_TEXT), (x, y + 3))
        n = track.max - track.min + 1
        bx = x + label_w
        box_w = (width - label_w) / n
        h = self.k(18)
        marks = {th.at: th for th in track.thresholds}
        for i in range(n):
            value = track.min + i
            cell = pygame.Rect(round(bx + i * box_w), y, max(2, round(box_w) - 1), h)
            pygame.draw.rect(surface, _track_colour(tid, track, value), cell, border_radius=2)
            if value in marks:
                pygame.draw.rect(surface, style.HIGHLIGHT, cell.inflate(0, 0), 1, border_radius=2)
            if value == level:
                pygame.draw.rect(surface, style.PANEL_TEXT, cell.inflate(2, 2), 2, border_radius=3)
            num = self.font(9 if box_w < 16 * self.scale else 10).render(str(value), True, style.INK if value != level else style.INK)
            if box_w >= 11 or value in (track.min, track.max) or value == level:
                surface.blit(num, num.get_rect(center=cell.center))
        rect = pygame.Rect(x, y, width, h)
        lines = [track.description] if track.description else []
        for th in track.thresholds:
            sign = "≥" if th.direction == "up" else "≤"
            lines.append(f"{sign} {th.at}: {th.name}" + (f" — {th.description}" if th.description else ""))
        self.hotspots.append(Hotspot(rect, f"{track.name}: {level}", lines))
        # the threshold in force, under the track
        active = [th for th in track.thresholds if self.rules.in_force(th, level)]
        if active:
            th = max(active, key=lambda t: t.at if t.direction == "up" else -t.at)
            tag = self.font(10).render(th.name, True, style.HIGHLIGHT)
            surface.blit(tag, (bx, y + h + 1))
            return y + h + tag.get_height() + 1
        return y + h

    def _vp(self, surface, pos, width, view) -> int:
        """Both sides' points as bars on one scale, with the margin a win needs."""
        x, y = pos
        label_w = self._label_width(width)
        f = self.font(12, bold=True, condensed=True)
        top = max(self.rules.scenario.victory.vp_max, view.vp["blue"], view.vp["red"])
        bx, bw = x + label_w, width - label_w
        for k, side in enumerate(("blue", "red")):
            pts = view.vp[side]
            row = y + k * self.k(15)
            surface.blit(f.render(f"{SIDE_NAME[side]} VP {pts}", True, style.SIDE_LIGHT[side]), (x, row))
            pygame.draw.rect(surface, style.PANEL_LIGHT, (bx, row + 2, bw, self.k(11)), border_radius=2)
            if pts:
                pygame.draw.rect(surface, style.SIDE_COLOUR[side], (bx, row + 2, max(3, round(bw * min(pts, top) / top)), self.k(11)), border_radius=2)
        step = 5 * max(1, top // 50)  # about ten ticks, whatever the track's length
        for i in range(0, top + 1, step):
            tx = bx + bw * i / top
            pygame.draw.line(surface, style.PANEL_MUTED, (tx, y + self.k(30)), (tx, y + self.k(33)))
            if i % (2 * step) == 0:
                lab = self.font(9).render(str(i), True, style.PANEL_MUTED)
                surface.blit(lab, (min(max(bx, tx - lab.get_width() / 2), bx + bw - lab.get_width()), y + self.k(33)))
        h = self.k(44)
        m = self.rules.scenario.victory.margin
        diff = view.vp["blue"] - view.vp["red"]
        lines = [f"Blue {view.vp['blue']}, Red {view.vp['red']}: at the end, a side wins by {m} or more."]
        totals: dict[tuple[str, str], int] = {}
        for side, pts, reason, _ in view.vp_log:
            totals[(side, reason)] = totals.get((side, reason), 0) + pts
        lines += [f"{SIDE_NAME[s]} {p:+d}: {r}" for (s, r), p in totals.items()]
        lines += [f"Objective ({SIDE_NAME[o.side]} {o.points:+d}): {o.name}" for o in self.rules.scenario.victory.objectives]
        self.hotspots.append(Hotspot(pygame.Rect(x, y, width, h), f"Victory points (Blue {diff:+d})", lines))
        return y + h

    def _stocks(self, surface, pos, width, view, viewer: str | None) -> int:
        x, y = pos
        lines = []
        for side in ("blue", "red"):
            stock = view.stocks.get(side)
            if not stock:
                if side not in view.stocks and self.rules.sides[side].stocks:
                    lines.append((side, f"{SIDE_NAME[side]} stocks: unknown"))
                continue
            caps = self.rules.sides[side].stock_max
            parts = [f"{name} {n}" + (f"/{caps[name]}" if name in caps else "") for name, n in stock.items()]
            lines.append((side, f"{SIDE_NAME[side]} stocks: " + ", ".join(parts)))
        if self.rules.scenario.cards is not None:  # the sizes of the hands are public, their cards are not
            sizes = getattr(view, "hand_sizes", {})
            held = ", ".join(f"{SIDE_NAME[s]} {sizes.get(s, 0)}" for s in ("blue", "red"))
            lines.append(("", f"Cards held: {held}"))

        f = self.font(12)
        for side, text in lines:
            img = f.render(fit_text(text, f, width), True, style.SIDE_LIGHT.get(side, style.PANEL_MUTED))
            surface.blit(img, (x, y))
            y += img.get_height() + 1
        return y

    def hotspot_at(self, pos) -> Hotspot | None:
        return next((h for h in self.hotspots if h.rect.collidepoint(pos)), None)


def _track_colour(tid: str, track, value: int) -> tuple[int, int, int]:
    """The scenario's colours for the track's ends, blended; else a track that
    favours a side is lit in that side's colour as it rises; others are neutral."""
    t = (value - track.min) / max(1, track.max - track.min)
    if track.colours:
        low, high = (tuple(int(c[i : i + 2], 16) for i in (1, 3, 5)) for c in track.colours)
        return _mix(low, high, t)
    if track.favours:
        return _mix((110, 116, 124), style.SIDE_LIGHT[track.favours], t)
    return (170, 170, 160)


def _mix(a, b, t):
    return tuple(round(a[i] + (b[i] - a[i]) * t) for i in range(3))
