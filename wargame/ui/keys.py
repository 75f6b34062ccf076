"""One table of keys: every screen reads its keys here, and F1's help is drawn from it.

A key's meaning is written once, so the help can never promise a key the screen
does not answer, nor miss one it does. Each binding names its context (the screen
or card where it works); the help shows the contexts of the screen on top.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

CTRL = pygame.KMOD_CTRL | pygame.KMOD_META
SHIFT = pygame.KMOD_SHIFT
ANY = -1  # a binding that works whatever modifiers are held ("+" is Shift+= on many keyboards)


@dataclass(frozen=True)
class Binding:
    action: str
    label: str  # how the help writes the key: "Ctrl+Z"
    help: str
    context: str  # "global", "board", "play", "menu", "replay", "editor"
    keys: tuple[tuple[int, int], ...] = ()  # (key, modifiers that must be held); empty: a mouse gesture

    def matches(self, key: int, mods: int) -> bool:
        for k, need in self.keys:
            if k != key:
                continue
            if need == ANY:
                return True
            held = mods & (CTRL | SHIFT)
            want = (CTRL if need & CTRL else 0) | (SHIFT if need & SHIFT else 0)
            if (bool(held & CTRL), bool(held & SHIFT)) == (bool(want & CTRL), bool(want & SHIFT)):
                return True
        return False


def _k(*keys: int, mods: int = 0) -> tuple[tuple[int, int], ...]:
    return tuple((k, mods) for k in keys)


BINDINGS: tuple[Binding, ...] = (
    Binding("help", "F1 / ?", "show or hide this help", "global", _k(pygame.K_F1) + _k(pygame.K_SLASH, mods=SHIFT)),
    Binding("fullscreen", "F11", "fullscreen on or off", "global", _k(pygame.K_F11)),
    # the map, wherever it is shown
    Binding("select", "Left click", "select a piece; click again to cycle a stack; click a shaded hex or ringed target to act", "board"),
    Binding("drag", "Drag", "pan the map", "board"),
    Binding("pan", "Arrows", "pan the map", "board_keys", _k(pygame.K_LEFT, pygame.K_RIGHT, pygame.K_UP, pygame.K_DOWN)),
    Binding("zoom", "Wheel / + / -", "zoom about the mouse (the keys: about the middle)", "board",
            _k(pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS, pygame.K_MINUS, pygame.K_KP_MINUS, mods=ANY)),  # fmt: skip
    Binding("fit", "Home", "the whole map", "board", _k(pygame.K_HOME)),
    Binding("legend", "L", "show or hide the legend", "board", _k(pygame.K_l)),
    Binding("minimap", "M", "show or hide the overview map (click it to jump)", "board", _k(pygame.K_m)),
    # play
    Binding("next_piece", "Tab", "select the next piece that can act and bring it into view", "play", _k(pygame.K_TAB)),
    Binding("commit", "Enter", "commit the command on the odds card; close the dice card (OK); open the next attack's "
            "card", "play", _k(pygame.K_RETURN, pygame.K_KP_ENTER)),  # fmt: skip
    Binding("skip", "Space", "skip ahead through the computer's moves to your turn", "play", _k(pygame.K_SPACE)),
    Binding("end_phase", "E", "end the phase (asks first if pieces have not acted)", "play", _k(pygame.K_e)),
    Binding("undo", "Ctrl+Z", "undo the last move or attack order (never past a roll)", "play", _k(pygame.K_z, mods=CTRL)),
    Binding("save", "Ctrl+S", "save the game to a file", "play", _k(pygame.K_s, mods=CTRL)),
    Binding("hand_card", "1 … 9", "open that card of your hand: its event, its operations, the odds of its rolls", "play",
            _k(pygame.K_1, pygame.K_2, pygame.K_3, pygame.K_4, pygame.K_5, pygame.K_6, pygame.K_7, pygame.K_8,
               pygame.K_9, pygame.K_KP1, pygame.K_KP2, pygame.K_KP3, pygame.K_KP4, pygame.K_KP5, pygame.K_KP6,
               pygame.K_KP7, pygame.K_KP8, pygame.K_KP9)),  # fmt: skip
    Binding("next_use", "U", "on an open card of your hand: its next use (the event, then each operation)", "play",
            _k(pygame.K_u)),  # fmt: skip
    Binding("place_marker", "P", "place a marker on the selected site (else select the next site that may take one)",
            "play", _k(pygame.K_p)),  # fmt: skip
    Binding("go_to_ground", "G", "the selected active team goes to ground (else select the next that may)", "play",
            _k(pygame.K_g)),  # fmt: skip
    Binding("cancel", "Esc / Right click", "close the card, deselect, or ask to leave for the menu", "play", _k(pygame.K_ESCAPE)),
    # replay
    Binding("event", "Right / Left", "the next or the previous event (each roll is one)", "replay",
            _k(pygame.K_RIGHT, pygame.K_LEFT)),  # fmt: skip
    Binding("command", "Shift+Right / Left", "the next or the previous command", "replay",
            _k(pygame.K_RIGHT, pygame.K_LEFT, mods=SHIFT)),  # fmt: skip
    Binding("phase", "Page Down / Up", "the next or the previous phase", "replay", _k(pygame.K_PAGEDOWN, pygame.K_PAGEUP)),
    Binding("turn", "Ctrl+Right / Left", "the next or the previous turn", "replay",
            _k(pygame.K_RIGHT, pygame.K_LEFT, mods=CTRL)),  # fmt: skip
    Binding("ends", "Ctrl+Home / End", "the first or the last event", "replay", _k(pygame.K_HOME, pygame.K_END, mods=CTRL)),
    Binding("play", "Space", "play or pause", "replay", _k(pygame.K_SPACE)),
    Binding("speed", "[ / ]", "slower or faster", "replay", _k(pygame.K_LEFTBRACKET, pygame.K_RIGHTBRACKET)),
    Binding("views", "B / R / A", "Blue's view, Red's view, everything (the umpire's, for a game not over)", "replay",
            _k(pygame.K_b, pygame.K_r, pygame.K_a)),  # fmt: skip
    Binding("back", "Esc", "leave the replay", "replay", _k(pygame.K_ESCAPE)),
    # the scenario editor
    Binding("edit_paint", "Left click / drag", "use the tool: paint, fill, draw a river, place, add or drag a piece", "editor"),
    Binding("edit_pan", "Right drag", "pan the map (a left drag paints or moves a piece)", "editor"),
    Binding("edit_undo", "Ctrl+Z", "undo the last edit", "editor", _k(pygame.K_z, mods=CTRL)),
    Binding("edit_redo", "Ctrl+Shift+Z", "redo the edit undone", "editor", _k(pygame.K_z, mods=CTRL | SHIFT)),
    Binding("edit_save", "Ctrl+S", "save the scenario (warns first if it has problems)", "editor", _k(pygame.K_s, mods=CTRL)),
    Binding("edit_save_as", "Ctrl+Shift+S", "save the scenario under another name", "editor",
            _k(pygame.K_s, mods=CTRL | SHIFT)),  # fmt: skip
    Binding("edit_tool", "F2 / F3 / F4 / F5", "the Map, Pieces, Tracks (turns, victory) and Tables tools", "editor",
            _k(pygame.K_F2, pygame.K_F3, pygame.K_F4, pygame.K_F5)),  # fmt: skip
    Binding("edit_mode", "T / C / F / R / P / Z", "map tool: paint terrain, paint country, flood fill, rivers, places, resize",
            "editor", _k(pygame.K_t, pygame.K_c, pygame.K_f, pygame.K_r, pygame.K_p, pygame.K_z)),  # fmt: skip
    Binding("edit_brush", "[ / ]", "a smaller or larger brush (1 to 3)", "editor", _k(pygame.K_LEFTBRACKET, pygame.K_RIGHTBRACKET)),
    Binding("edit_delete", "Delete", "delete the selected piece or place", "editor", _k(pygame.K_DELETE)),
    Binding("edit_problem", "F8", "go to the next problem", "editor", _k(pygame.K_F8)),
    Binding("edit_playtest", "F9", "play-test: a hot-seat game on the scenario as it stands", "editor", _k(pygame.K_F9)),
    Binding("edit_back", "Esc", "deselect; then close the editor (asks if unsaved)", "editor", _k(pygame.K_ESCAPE)),
    # hand-over card, summaries and questions
    Binding("take", "Enter / Space / Click", "take the screen: the next player is ready", "handover",
            _k(pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE)),  # fmt: skip
    Binding("watch", "W", "watch what happened since your last turn, through your own view", "handover", _k(pygame.K_w)),
    Binding("yes", "Enter", "answer yes (the highlighted button)", "question", _k(pygame.K_RETURN, pygame.K_KP_ENTER)),
    Binding("no", "Esc", "answer no", "question", _k(pygame.K_ESCAPE)),
    # menu
    Binding("start", "Enter", "start a new game with the choices shown", "menu", _k(pygame.K_RETURN, pygame.K_KP_ENTER)),
    Binding("resume", "R", "resume the latest game", "menu", _k(pygame.K_r)),
    Binding("load", "Ctrl+O", "load a saved game", "menu", _k(pygame.K_o, mods=CTRL)),
    Binding("quit", "Esc", "quit", "menu", _k(pygame.K_ESCAPE)),
)


def action_for(event: pygame.event.Event, contexts: tuple[str, ...]) -> str | None:
    """The action a key press means in these contexts, if any."""
    if event.type != pygame.KEYDOWN:
        return None
    for b in BINDINGS:
        if b.context in contexts and b.matches(event.key, event.mod):
            return b.action
    return None


def help_rows(contexts: tuple[str, ...]) -> list[tuple[str, list[Binding]]]:
    """The help, by context, in the order the table gives them."""
    titles = {"global": "Everywhere", "board": "The map", "board_keys": "The map, by keys", "play": "Playing", "menu": "Main menu",
              "replay": "Replay", "editor": "Editor", "handover": "Hand-over card", "question": "Questions"}  # fmt: skip
    out = []
    for ctx in ("global", *[c for c in contexts if c != "global"]):
        rows = [b for b in BINDINGS if b.context == ctx]
        if rows:
            out.append((titles.get(ctx, ctx), rows))
    return out
