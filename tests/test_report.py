"""The after-action report: a page with its pictures, and only what the side knew."""

from __future__ import annotations

from pathlib import Path

import pytest

from wargame.ai import choose, make_player
from wargame.cli import main
from wargame.record import save_game
from wargame.rules.engine import Game


def _play(rules, seed: int, turns: int | None = None) -> Game:
    g = Game(rules, seed)
    players = {"blue": make_player("greedy", 1), "red": make_player("greedy", 2)}
    while not g.over and (turns is None or g.state.turn <= turns):
        side = g.side_to_move
        g.apply(choose(players[side], g, side))
    return g


def test_the_report_of_a_finished_game_has_every_turn_and_its_pictures(tutorial_rules, tmp_path):
    g = _play(tutorial_rules, 3)
    save = tmp_path / "game.wgsave"
    save_game(save, g)
    out = tmp_path / "report"
    assert main(["report", str(save), "--out", str(out)]) == 0
    page = (out / "index.html").read_text(encoding="utf-8")
    for turn in range(1, g.state.turn + 1):
        assert f"Turn {turn} ·" in page
        assert (out / f"board-turn-{turn:02d}.png").stat().st_size > 1000
    for chart in ("tracks.png", "vp.png", "losses.png"):
        assert (out / chart).stat().st_size > 1000 and chart in page
    assert g.state.result.reason in page
    assert "http" not in page.replace("http-equiv", "")  # nothing fetched from a network


def test_a_sides_report_never_names_a_piece_it_never_saw(border_rules, tmp_path):
    from wargame.analysis.report import write_report

    g = _play(border_rules, 4)
    seen_by_blue = set()
    for e in g.events_for("blue"):
        seen_by_blue.update(e.pieces)
    never = [p for p in g.state.pieces.values() if p.side == "red" and p.hidden and p.id not in seen_by_blue]
    assert never, "the test needs a Red piece that stayed hidden all game"
    page = write_report(g, tmp_path / "blue", "blue").read_text(encoding="utf-8")
    for p in never:
        assert border_rules.name_of(p.id) not in page


def test_the_umpires_report_of_an_unfinished_game_needs_asking(tutorial_rules, tmp_path, capsys):
    g = _play(tutorial_rules, 5, turns=1)
    assert not g.over
    save = tmp_path / "half.wgsave"
    save_game(save, g)
    assert main(["report", str(save), "--out", str(tmp_path / "r")]) == 2
    assert "umpire" in capsys.readouterr().err
    assert main(["report", str(save), "--out", str(tmp_path / "r"), "--side", "red"]) == 0
    assert main(["report", str(save), "--out", str(tmp_path / "u"), "--umpire"]) == 0
