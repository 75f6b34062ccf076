"""The screens around play: the main menu and the end of the game.

The menu starts a new game (scenario, who plays each side), continues the
autosave, or loads a save chosen in a file dialog. The end screen shows the
result and where every victory point came from, then lets the players review
the whole game with both sides' events revealed.
"""

from __future__ import annotations

from pathlib import Path

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UIDropDownMenu, UILabel
from pygame_gui.windows import UIFileDialog, UIMessageWindow

from ..errors import InputError
from ..record import load_game
from ..resources import DEFAULT_SCENARIO, shipped_scenarios
from ..rules.engine import Game
from ..scenario.load import load_scenario
from ..session import HUMAN, Session
from . import style
from .app import user_data_dir
from .panel import wrap

PLAYER_CHOICES = {"Human": HUMAN, "Computer (greedy)": "greedy", "Computer (random)": "random"}


def autosave_path(scenario_id: str) -> Path:
    return user_data_dir() / "saves" / f"autosave-{scenario_id}.wgsave"


def start_play(app, session: Session) -> None:
    """Show the play screen for a session, wired to the menu and the end screen."""
    from .play import PlayScreen

    def game_over() -> None:
        app.show(EndScreen(app, session, play))

    def menu() -> None:
        app.show(MenuScreen(app, session.game.rules.scenario.id))

    play = PlayScreen(app, session, on_game_over=game_over, on_menu=menu)
    app.show(play)


def new_session(scenario_path: Path, seed: int, players: dict[str, str]) -> Session:
    loaded = load_scenario(scenario_path)
    game = Game(loaded, seed)
    return Session(game, players, autosave=autosave_path(loaded.scenario.id))


def loaded_session(path: Path) -> Session:
    game, save = load_game(path)
    players = {side: save.players.get(side, HUMAN) for side in ("blue", "red")}
    players = {side: (kind.removeprefix("ai:") if kind != HUMAN else HUMAN) for side, kind in players.items()}
    players = {side: (kind if kind in (HUMAN, "greedy", "random") else HUMAN) for side, kind in players.items()}
    return Session(game, players, autosave=autosave_path(game.rules.scenario.id))


class MenuScreen:
    def __init__(self, app, scenario_id: str = DEFAULT_SCENARIO):
        self.app = app
        self.widgets: list = []
        self.dialog: UIFileDialog | None = None
        self.scenarios = shipped_scenarios()
        self.titles: dict[str, str] = {}
        self.descriptions: dict[str, str] = {}
        for sid, path in self.scenarios.items():
            try:
                meta = load_scenario(path).scenario.meta
            except InputError:
                continue  # `wargame validate` reports it; the menu offers the rest
            self.titles[sid] = meta.title
            self.descriptions[sid] = meta.description
        self.choice = scenario_id if scenario_id in self.titles else next(iter(self.titles), None)
        self._build()

    def _build(self) -> None:
        for w in self.widgets:
            w.kill()
        m = self.app.manager
        w, h = self.app.size
        x = w // 2 - 230
        y = h // 2 - 150
        self.labels = []
        options = [self.titles[s] for s in self.titles]
        self.scenario_menu = UIDropDownMenu(options, self.titles.get(self.choice, options[0]), pygame.Rect(x + 130, y, 330, 32), m)
        names = list(PLAYER_CHOICES)
        self.blue_menu = UIDropDownMenu(names, names[0], pygame.Rect(x + 130, y + 44, 330, 32), m)
        self.red_menu = UIDropDownMenu(names, names[0], pygame.Rect(x + 130, y + 88, 330, 32), m)
        for i, text in enumerate(("Scenario", "Blue (US)", "Red (militias)")):
            self.labels.append(UILabel(pygame.Rect(x, y + i * 44, 125, 32), text, m))
        self.start = UIButton(pygame.Rect(x, y + 140, 460, 40), "Start a new game", m, object_id="#commit_button")
        self.cont = UIButton(pygame.Rect(x, y + 190, 225, 36), "Continue the autosave", m)
        self.load = UIButton(pygame.Rect(x + 235, y + 190, 225, 36), "Load a saved game…", m)
        self.quit = UIButton(pygame.Rect(x, y + 236, 460, 32), "Quit", m)
        self.widgets = [self.scenario_menu, self.blue_menu, self.red_menu, *self.labels, self.start, self.cont, self.load, self.quit]
        if self.choice is None or not autosave_path(self.choice).exists():
            self.cont.disable()

    def _sid_for_title(self, title: str) -> str:
        return next(s for s, t in self.titles.items() if t == title)

    def handle(self, event) -> None:
        if event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED and event.ui_element is self.scenario_menu:
            self.choice = self._sid_for_title(event.text)
            self.cont.enable() if autosave_path(self.choice).exists() else self.cont.disable()
        elif event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element is self.start and self.choice:
                players = {"blue": PLAYER_CHOICES[_option(self.blue_menu)], "red": PLAYER_CHOICES[_option(self.red_menu)]}
                seed = pygame.time.get_ticks() ^ 0x5EED
                self._open(lambda: new_session(self.scenarios[self.choice], seed, players))
            elif event.ui_element is self.cont and self.choice:
                self._open(lambda: loaded_session(autosave_path(self.choice)))
            elif event.ui_element is self.load:
                w, h = self.app.size
                folder = user_data_dir() / "saves"
                self.dialog = UIFileDialog(pygame.Rect(w // 2 - 260, h // 2 - 220, 520, 440), self.app.manager,
                                           window_title="Load a saved game", initial_file_path=str(folder),
                                           allow_existing_files_only=True)  # fmt: skip
            elif event.ui_element is self.quit:
                self.app.quit()
        elif event.type == pygame_gui.UI_FILE_DIALOG_PATH_PICKED and event.ui_element is self.dialog:
            path = Path(event.text)
            self.dialog = None
            self._open(lambda: loaded_session(path))
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE and not (self.dialog and self.dialog.alive()):
            self.app.quit()

    def _open(self, make) -> None:
        try:
            session = make()
        except InputError as e:
            self._error("\n".join(str(p) for p in e.problems[:5]))
            return
        except OSError as e:
            self._error(str(e))
            return
        start_play(self.app, session)

    def _error(self, text: str) -> None:
        w, h = self.app.size
        UIMessageWindow(pygame.Rect(w // 2 - 260, h // 2 - 120, 520, 240), "<br>".join(text.splitlines()), self.app.manager,
                        window_title="Cannot open that game")  # fmt: skip

    def update(self, dt: float) -> None:
        pass

    def draw(self, surface: pygame.Surface) -> None:
        w, h = surface.get_size()
        surface.fill((26, 30, 36))
        for i in range(0, w, 48):
            pygame.draw.line(surface, (32, 37, 44), (i, 0), (i, h))
        title = style.font(40, bold=True).render("Border Strikes", True, (240, 236, 226))
        sub = style.font(17).render("Iraq and Syria, 2021: drones, strikes and the escalation ladder", True, style.PANEL_MUTED)
        surface.blit(title, title.get_rect(midtop=(w // 2, h // 2 - 280)))
        surface.blit(sub, sub.get_rect(midtop=(w // 2, h // 2 - 226)))
        if self.choice:
            f = style.font(14)
            y = h // 2 + 140
            for line in wrap(self.descriptions.get(self.choice, ""), f, 560)[:7]:
                img = f.render(line, True, style.PANEL_MUTED)
                surface.blit(img, img.get_rect(midtop=(w // 2, y)))
                y += img.get_height() + 2

    def resize(self, size) -> None:
        self._build()

    def leave(self) -> None:
        for w in self.widgets:
            w.kill()
        if self.dialog is not None:
            self.dialog.kill()


def _option(menu: UIDropDownMenu) -> str:
    """The selected text (pygame_gui gives a (text, id) pair or, in older releases, the text)."""
    chosen = menu.selected_option
    return chosen[0] if isinstance(chosen, tuple) else chosen


class EndScreen:
    """The result, the victory-point breakdown, and the way back to the board."""

    def __init__(self, app, session: Session, play_screen):
        self.app = app
        self.session = session
        self.play_screen = play_screen
        self.widgets: list = []
        self._build()

    def _build(self) -> None:
        for w in self.widgets:
            w.kill()
        m = self.app.manager
        w, h = self.app.size
        self.review = UIButton(pygame.Rect(w // 2 - 310, h - 80, 200, 40), "Review the game", m, object_id="#commit_button")
        self.menu = UIButton(pygame.Rect(w // 2 - 100, h - 80, 200, 40), "Main menu", m)
        self.quit = UIButton(pygame.Rect(w // 2 + 110, h - 80, 200, 40), "Quit", m)
        self.widgets = [self.review, self.menu, self.quit]

    def handle(self, event) -> None:
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element is self.review:
                self.leave()
                self.play_screen.resize(self.app.size)  # the window may have changed while the result showed
                self.play_screen.dirty = True
                self.app.screen = self.play_screen
            elif event.ui_element is self.menu:
                self.play_screen.leave()
                self.app.show(MenuScreen(self.app, self.session.game.rules.scenario.id))
            elif event.ui_element is self.quit:
                self.app.quit()

    def update(self, dt: float) -> None:
        pass

    def draw(self, surface: pygame.Surface) -> None:
        draw_result(surface, self.session)

    def resize(self, size) -> None:
        self._build()

    def leave(self) -> None:
        for w in self.widgets:
            w.kill()


def draw_result(surface: pygame.Surface, session: Session) -> None:
    game = session.game
    st = game.state
    result = st.result
    w, h = surface.get_size()
    surface.fill((22, 25, 30))
    if result is None:
        return
    winner = result.winner
    colour = style.SIDE_LIGHT.get(winner or "", style.HIGHLIGHT)
    head = {"blue": "Blue wins", "red": "Red wins", None: "A draw"}[winner]
    y = 40
    img = style.font(44, bold=True).render(head, True, colour)
    surface.blit(img, img.get_rect(midtop=(w // 2, y)))
    y += img.get_height() + 8
    for line in wrap(result.reason, style.font(17), min(900, w - 80)):
        img = style.font(17).render(line, True, style.PANEL_TEXT)
        surface.blit(img, img.get_rect(midtop=(w // 2, y)))
        y += img.get_height() + 2
    y += 20
    col_w = min(420, (w - 120) // 2)
    for i, side in enumerate(("blue", "red")):
        x = w // 2 - col_w - 20 + i * (col_w + 40)
        name = game.rules.scenario.sides[side].name
        surface.blit(style.font(20, bold=True).render(f"{name}: {st.vp[side]} VP", True, style.SIDE_LIGHT[side]), (x, y))
        yy = y + 34
        totals: dict[str, int] = {}
        for s, pts, reason, _ in st.vp_log:
            if s == side:
                totals[reason] = totals.get(reason, 0) + pts
        if not totals:
            surface.blit(style.font(15).render("no victory points", True, style.PANEL_MUTED), (x, yy))
        for reason, pts in sorted(totals.items(), key=lambda kv: -kv[1]):
            surface.blit(style.font(15).render(reason, True, style.PANEL_TEXT), (x, yy))
            val = style.font(15, bold=True).render(f"{pts:+d}", True, style.PANEL_TEXT)
            surface.blit(val, (x + col_w - val.get_width(), yy))
            yy += 24
    y += 34 + 24 * 7
    stats = st.stats
    facts = [
        f"{stats['attacks']} militia attacks: {stats['drones_launched']} drones ({stats['drones_shot_down']} shot down, "
        f"{stats['drones_through']} through), {stats['rockets_fired']} rockets",
        f"{stats['us_casualties']} US casualties · {stats['militia_casualties']} militia killed · "
        f"{stats['civilian_casualties']} civilian casualties",
        f"{stats['sorties_flown']} sorties ({stats['sorties_turned_back']} turned back, {stats['unauthorized_sorties']} "
        f"beyond authorization) · {stats['targets_destroyed']} targets destroyed · {stats['quiet_turns']} quiet days",
        "Tracks at the end: " + ", ".join(f"{t.name} {st.tracks[tid]}" for tid, t in game.rules.tracks.items()),
    ]
    for line in facts:
        img = style.font(14).render(line, True, style.PANEL_MUTED)
        surface.blit(img, img.get_rect(midtop=(w // 2, y)))
        y += 22
