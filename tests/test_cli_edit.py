"""`wargame edit`: bad arguments and bad files are one line and exit 2; no display says
what to do instead; --new writes a valid blank scenario; --out copies a shipped one."""

from __future__ import annotations

import pytest

from wargame.cli import main
from wargame.scenario.load import load_scenario


def run(capsys, *argv) -> tuple[int, str]:
    try:
        code = main(["edit", *argv])
    except SystemExit as e:  # argparse's own refusals
        code = e.code
    captured = capsys.readouterr()
    return code, captured.err.strip()


@pytest.mark.parametrize("argv, words", [
    ((), "say which scenario"),
    (("--new", "x.yaml"), "--new needs --size"),
    (("tutorial", "--new", "x.yaml", "--size", "10x8"), "give no SCENARIO"),
    (("tutorial", "--size", "10x8"), "go with --new"),
    (("--new", "x.yaml", "--size", "1x8"), "2 to 99 columns"),
    (("--new", "x.yaml", "--size", "ten"), "not a map size"),
    (("no/such/file.yaml",), "no such file"),
    (("no_such_scenario",), "no such file or shipped scenario"),
])  # fmt: skip
def test_bad_arguments_are_one_line_and_exit_2(capsys, tmp_path, monkeypatch, argv, words):
    monkeypatch.chdir(tmp_path)
    code, err = run(capsys, *argv)
    assert code == 2 and words in err and len(err.splitlines()) == 1, err


def test_a_file_that_is_not_a_scenario_is_one_line(capsys, tmp_path):
    junk = tmp_path / "junk.yaml"
    junk.write_text("- just\n- a list\n")
    binary = tmp_path / "picture.yaml"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe")
    for path in (junk, binary, tmp_path):
        code, err = run(capsys, str(path))
        assert code == 2 and len(err.splitlines()) == 1 and str(path) in err, err


def test_without_a_display_it_says_what_to_do(capsys, tmp_path, monkeypatch):
    monkeypatch.delenv("SDL_VIDEODRIVER", raising=False)
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    out = tmp_path / "mine.yaml"
    code, err = run(capsys, "tutorial", "--out", str(out))
    assert code == 2 and "no display" in err and "wargame validate" in err and len(err.splitlines()) == 1
    assert out.read_text() == (load_scenario(out).text)  # the copy was made before the window was asked for
    code, err = run(capsys, str(out), "--out", str(out))
    assert code == 2 and "exists already" in err


def test_new_writes_a_valid_blank_scenario_and_refuses_an_existing_file(capsys, tmp_path, monkeypatch):
    monkeypatch.delenv("SDL_VIDEODRIVER", raising=False)
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    path = tmp_path / "my map.yaml"
    code, err = run(capsys, "--new", str(path), "--size", "14x9", "--from", "tutorial")
    assert code == 2 and "no display" in err  # written, then no window here
    s = load_scenario(path).scenario
    assert (s.map.columns, s.map.rows) == (14, 9) and s.id == "my_map" and s.map.rivers
    code, err = run(capsys, "--new", str(path), "--size", "14x9")
    assert code == 2 and "exists already" in err
