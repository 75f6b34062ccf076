"""`wargame simulate`: the same figures for the same seed, however the games are spread."""

from __future__ import annotations

import json
import sys

import pytest

from wargame.analysis.balance import Matchup, wilson
from wargame.analysis.overrides import apply_overrides
from wargame.analysis.runner import simulate
from wargame.cli import main
from wargame.errors import InputError
from wargame.resources import shipped_scenarios
from wargame.scenario.load import load_scenario

GAMES = 24


@pytest.fixture(scope="module")
def june():
    return load_scenario(shipped_scenarios()["border_strikes_2021"])


def _figures(loaded, **how) -> dict:
    _, figures = simulate(loaded, Matchup("greedy", "random"), GAMES, 40, shard_size=5, show_progress=False, **how)
    return figures.as_data()


def test_one_job_two_jobs_and_a_dask_cluster_give_the_same_figures(june):
    distributed = pytest.importorskip("distributed")
    one = _figures(june, jobs=1)
    assert one["games"] == GAMES and sum(one["endings"].values()) == GAMES
    assert one["wins"]["blue"] + one["wins"]["red"] + one["draws"] == GAMES
    assert _figures(june, jobs=2) == one
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        assert _figures(june, cluster=cluster.scheduler_address) == one


def test_another_seed_gives_other_games(june):
    _, a = simulate(june, Matchup("greedy", "random"), 8, 1, show_progress=False)
    _, b = simulate(june, Matchup("greedy", "random"), 8, 2, show_progress=False)
    assert a.as_data()["table_rows"] != b.as_data()["table_rows"]


def test_wilson_interval():
    lo, hi = wilson(70, 100)
    assert round(lo, 3) == 0.604 and round(hi, 3) == 0.781
    assert wilson(0, 0) == (0.0, 1.0)


def test_set_changes_the_scenario_for_the_run_and_is_checked_by_the_loader(june):
    v = apply_overrides(june, ["tracks.authorization.start=0", "sides.red.stocks.drones=3",
                               "pieces.team_north.hex=5518", "victory.objectives.protect_the_consulate.points=5"])  # fmt: skip
    s = v.scenario
    assert s.tracks["authorization"].start == 0 and s.sides["red"].stocks["drones"] == 3
    assert next(p.hex for p in s.pieces if p.id == "team_north") == "5518"
    assert s.victory.objectives[0].points == 5
    assert june.scenario.tracks["authorization"].start == 1  # the shipped scenario is untouched
    for bad in ("tracks.authorization.start=99", "pieces.nobody.hex=0101", "victory.margin", "tracks.nope.start=1"):
        with pytest.raises(InputError) as e:
            apply_overrides(june, [bad])
        assert len(e.value.problems) == 1 and bad in str(e.value)


def test_the_command_prints_rates_and_writes_a_report(tmp_path, capsys):
    code = main(["simulate", "tutorial", "--games", "6", "--blue", "greedy", "--red", "random", "--quiet",
                 "--set", "victory.margin=1", "--report", str(tmp_path / "rep")])  # fmt: skip
    assert code == 0
    out = capsys.readouterr().out
    assert "of decided games" in out and "how games ended" in out and "victory.margin=1" in out
    data = json.loads((tmp_path / "rep" / "figures.json").read_text())
    assert data["games"] == 6 and set(data["win_rate"]) == {"blue", "red"}
    assert {p.name for p in (tmp_path / "rep").glob("*.png")} == {"endings.png", "vp.png", "tracks.png", "objectives.png"}


def test_a_bad_set_or_a_missing_cluster_extra_is_one_line_and_exit_2(capsys, monkeypatch):
    assert main(["simulate", "tutorial", "--games", "2", "--set", "tracks.escalation.start=-4", "--quiet"]) == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1
    monkeypatch.setitem(sys.modules, "distributed", None)
    assert main(["simulate", "tutorial", "--games", "2", "--cluster", "tcp://127.0.0.1:1", "--quiet"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "wargame[cluster]" in err[0]
