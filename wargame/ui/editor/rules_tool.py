"""The Tracks tool: tracks and their thresholds (with what they adjust, do and end), the
turns and the start date, the victory conditions and objectives.

Effects and conditions are written as one line of YAML in flow style, as the
scenario files write them (`[{vp: red, points: 3, reason: Talks collapsed}]`,
`{pieces_survive: [team_1]}`): a form row shows the value and takes it back the
same way, so every key the format has can be given without a form for each.
"""

from __future__ import annotations

from typing import Any

import pygame

from ...editing import settings
from .. import style
from ..text import fit_text
from ..widgets import Button
from .forms import Field
from .tool import Tool

PAGES = (("turns", "Turns"), ("tracks", "Tracks"), ("victory", "Victory"))
SIDES = (("Blue", "blue"), ("Red", "red"))
CHIP_H = 22


class RulesTool(Tool):
    name = "Tracks"
    title = "Tracks and thresholds, turns and start date, victory and objectives"

    def __init__(self, editor):
        super().__init__(editor)
        self.page = "turns"
        self.track: str | None = None
        self.threshold = 0
        self.objective = 0
        self.chips: list[tuple[pygame.Rect, str]] = []
        self._buttons()

    # --- reading --------------------------------------------------------------------------

    @property
    def tracks(self) -> dict[str, dict]:
        t = self.data.get("tracks")
        return {k: v for k, v in t.items() if isinstance(v, dict)} if isinstance(t, dict) else {}

    @property
    def victory(self) -> dict:
        v = self.data.get("victory")
        return v if isinstance(v, dict) else {}

    def thresholds(self) -> list[dict]:
        t = self.tracks.get(self.track or "", {}).get("thresholds")
        return [x for x in t if isinstance(x, dict)] if isinstance(t, list) else []

    def objectives(self) -> list[dict]:
        o = self.victory.get("objectives")
        return [x for x in o if isinstance(x, dict)] if isinstance(o, list) else []

    def chosen_track(self) -> str | None:
        if self.track not in self.tracks:
            self.track = next(iter(self.tracks), None)
        return self.track

    # --- buttons --------------------------------------------------------------------------

    def _buttons(self) -> None:
        row = [Button(label, ("page", page), kind="go" if page == self.page else "plain") for page, label in PAGES]
        if self.page == "tracks":
            n = len(self.thresholds())
            row += [Button("◀", ("threshold", -1), enabled=self.threshold > 0, tip="The threshold before"),
                    Button("▶", ("threshold", 1), enabled=self.threshold < n - 1, tip="The threshold after"),
                    Button("Add threshold", "add_threshold", enabled=self.chosen_track() is not None),
                    Button("Remove threshold", "remove_threshold", enabled=n > 0)]  # fmt: skip
        elif self.page == "victory":
            n = len(self.objectives())
            row += [Button("◀", ("objective", -1), enabled=self.objective > 0, tip="The objective before"),
                    Button("▶", ("objective", 1), enabled=self.objective < n - 1, tip="The objective after"),
                    Button("Add objective", "add_objective"), Button("Remove objective", "remove_objective", enabled=n > 0)]  # fmt: skip
        self.set_buttons(row)

    def press(self, action) -> None:
        what, arg = action if isinstance(action, tuple) else (action, None)
        track = self.chosen_track()
        if what == "page":
            self.page = arg
            self.close_form()
        elif what == "threshold":
            self.threshold = max(0, min(len(self.thresholds()) - 1, self.threshold + arg))
        elif what == "objective":
            self.objective = max(0, min(len(self.objectives()) - 1, self.objective + arg))
        elif what == "add_threshold" and track is not None:
            t = self.tracks[track]
            at = t.get("max") if isinstance(t.get("max"), int) else 0
            if self.run(lambda: settings.add_threshold(self.doc, track, at, "New threshold")) is not None:
                self.threshold = next((i for i, x in enumerate(self.thresholds()) if x.get("name") == "New threshold"),
                                      len(self.thresholds()) - 1)  # fmt: skip
        elif what == "remove_threshold" and track is not None and self.thresholds():
            self.run(lambda: settings.remove_threshold(self.doc, track, self.threshold))
            self.threshold = max(0, self.threshold - 1)
        elif what == "add_objective":
            self._add_objective()
        elif what == "remove_objective" and self.objectives():
            oid = self.objectives()[self.objective].get("id")
            self.run(lambda: settings.remove_objective(self.doc, str(oid)))
            self.objective = max(0, self.objective - 1)
        self._buttons()
        self.refresh()

    def _add_objective(self) -> None:
        used = {o.get("id") for o in self.objectives()}
        n = 1
        while f"objective_{n}" in used:
            n += 1
        oid = f"objective_{n}"
        when = {"stat_at_most": {"us_casualties": 0}}
        if self.run(lambda: settings.add_objective(self.doc, oid, f"Objective {n}", "blue", 1, when)) is not None:
            self.objective = len(self.objectives()) - 1

    # --- the track list -------------------------------------------------------------------

    def info_height(self) -> int:
        return 18 + ((len(self.tracks) + 1) // 2) * CHIP_H if self.page == "tracks" else 0

    def click_panel(self, pos) -> bool:
        for r, tid in self.chips:
            if r.collidepoint(pos):
                self.track, self.threshold = tid, 0
                self.close_form()
                self._buttons()
                self.refresh()
                return True
        return False

    def draw_info(self, surface: pygame.Surface) -> None:
        self.chips = []
        if self.page != "tracks":
            return
        top = (self.buttons[-1].rect.bottom if self.buttons else self.rect.y) + 6
        self.line(surface, "Choose a track:", top)
        f = style.font(12)
        w = (self.rect.w - 6) // 2
        for i, (tid, t) in enumerate(self.tracks.items()):
            r = pygame.Rect(self.rect.x + (i % 2) * (w + 6), top + 18 + (i // 2) * CHIP_H, w, CHIP_H - 3)
            chosen = tid == self.chosen_track()
            pygame.draw.rect(surface, style.PANEL_LIGHT if chosen else (46, 50, 57), r, border_radius=3)
            if chosen:
                pygame.draw.rect(surface, style.HIGHLIGHT, r, 1, border_radius=3)
            surface.blit(f.render(fit_text(str(t.get("name", tid)), f, r.w - 10), True, style.PANEL_TEXT), (r.x + 6, r.y + 2))
            self.chips.append((r, tid))

    # --- forms ------------------------------------------------------------------------------

    def refresh(self) -> None:
        if not self.shown:
            return
        self._buttons()
        getattr(self, f"_{self.page}_form")()

    def _turns_form(self) -> None:
        meta = self.data.get("meta") if isinstance(self.data.get("meta"), dict) else {}
        turns = self.data.get("turns") if isinstance(self.data.get("turns"), dict) else {}
        fields = [Field("title", "Title", meta.get("title")), Field("date", "Start date", meta.get("date"), tip="YYYY-MM-DD"),
                  Field("count", "Turns (days)", turns.get("count"), "int"),
                  Field("description", "Description", meta.get("description"), optional=True)]  # fmt: skip

        def change(f: Field, value: Any) -> str | None:
            if f.key == "count":
                return self.refuse_reason(lambda: settings.set_turns(self.doc, value), ("turns", "count"))
            if f.key == "date":
                return self.refuse_reason(lambda: settings.set_start_date(self.doc, value), ("meta", "date"))
            return self.refuse_reason(lambda: settings.set_meta(self.doc, **{f.key: value}), ("meta", f.key))

        self.open_form("Turns and the scenario", fields, change)

    def _tracks_form(self) -> None:
        track = self.chosen_track()
        if track is None:
            self.close_form()
            return
        t = self.tracks[track]
        fields = [Field(("track", "name"), "Name", t.get("name")), Field(("track", "min"), "Lowest", t.get("min"), "int"),
                  Field(("track", "max"), "Highest", t.get("max"), "int"),
                  Field(("track", "start"), "Start", t.get("start"), "int"),
                  Field(("track", "favours"), "Favours", t.get("favours"), "choice", (("nobody", None),) + SIDES)]  # fmt: skip
        ths = self.thresholds()
        self.threshold = min(self.threshold, max(0, len(ths) - 1))
        title = f"Track {track}: no thresholds"
        if ths:
            th = ths[self.threshold]
            title = f"Track {track} · threshold {self.threshold + 1} of {len(ths)}"
            fields += [Field(("th", "at"), "Threshold at", th.get("at"), "int"),
                       Field(("th", "name"), "Its name", th.get("name")),
                       Field(("th", "direction"), "In force", th.get("direction", "up"), "choice",
                             (("at or above", "up"), ("at or below", "down"))),
                       Field(("th", "description"), "What it means", th.get("description"), optional=True),
                       Field(("th", "adjust"), "Adjusts", th.get("adjust"), "yaml", optional=True),
                       Field(("th", "on_reach"), "On reaching", th.get("on_reach"), "yaml", optional=True),
                       Field(("th", "ends_game"), "Ends the game", th.get("ends_game"), "yaml", optional=True)]  # fmt: skip
        index = self.threshold

        def change(f: Field, value: Any) -> str | None:
            part, key = f.key
            if part == "track":
                return self.refuse_reason(lambda: settings.set_track(self.doc, track, **{key: value}), ("track", track, key))
            return self.refuse_reason(lambda: settings.edit_threshold(self.doc, track, index, **{key: value}),
                                      ("threshold", track, index, key))  # fmt: skip

        self.open_form(title, fields, change)

    def _victory_form(self) -> None:
        v = self.victory
        fields = [Field(("v", "margin"), "Winning margin", v.get("margin"), "int"),
                  Field(("v", "vp_max"), "Points track", v.get("vp_max"), "int"),
                  Field(("v", "automatic"), "Automatic points", v.get("automatic"), "yaml", optional=True)]  # fmt: skip
        objs = self.objectives()
        self.objective = min(self.objective, max(0, len(objs) - 1))
        title = "Victory: no objectives"
        if objs:
            o = objs[self.objective]
            title = f"Victory · objective {self.objective + 1} of {len(objs)}"
            fields += [Field(("o", "name"), "Objective", o.get("name")),
                       Field(("o", "side"), "For", o.get("side"), "choice", SIDES),
                       Field(("o", "points"), "Points", o.get("points"), "int"),
                       Field(("o", "when"), "When", o.get("when"), "yaml")]  # fmt: skip
        oid = str(objs[self.objective].get("id")) if objs else ""

        def change(f: Field, value: Any) -> str | None:
            part, key = f.key
            if part == "v":
                return self.refuse_reason(lambda: settings.set_victory(self.doc, **{key: value}), ("victory", key))
            return self.refuse_reason(lambda: settings.edit_objective(self.doc, oid, **{key: value}), ("objective", oid, key))

        self.open_form(title, fields, change)

    def handles(self, path: tuple) -> bool:
        return bool(path) and path[0] in ("tracks", "turns", "victory", "meta")

    def open(self, path: tuple) -> None:
        if path[0] == "tracks":
            self.page = "tracks"
            if len(path) >= 2:
                self.track = str(path[1])
            self.threshold = path[3] if len(path) >= 4 and path[2] == "thresholds" and isinstance(path[3], int) else 0
        elif path[0] == "victory":
            self.page = "victory"
            if len(path) >= 3 and path[1] == "objectives" and isinstance(path[2], int):
                self.objective = path[2]
        else:
            self.page = "turns"
        self.close_form()
        self._buttons()
        self.refresh()
