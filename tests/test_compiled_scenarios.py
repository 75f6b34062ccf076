"""The shipped scenarios' validated copies (scenarios/compiled, wargame/scenario/compiled.py)
are current: each is what validating its scenario gives today, and a text or code they
were not made from is validated as before, never answered from a stale copy."""

from __future__ import annotations

import pickle

from wargame.resources import shipped_scenarios
from wargame.scenario import compiled
from wargame.scenario.load import load_scenario, load_scenario_text, validate_text


def test_every_shipped_scenario_has_a_current_validated_copy() -> None:
    names = set()
    for name, path in shipped_scenarios().items():
        text = path.read_text(encoding="utf-8")
        got = compiled.cached(text)
        assert got is not None, f"{name}: no current copy in scenarios/compiled; run `python -m tools.compiled_scenarios`"
        assert got == validate_text(text, str(path), use_compiled=False), f"{name}: stale copy; run the tool"
        names.add(compiled.path_for(text).name)
    assert {p.name for p in compiled.folder().glob("*.pickle")} == names, "unused copies: run the tool"


def test_loading_a_shipped_scenario_takes_its_copy() -> None:
    path = shipped_scenarios()["tutorial"]
    text = path.read_text(encoding="utf-8")
    assert load_scenario(path).scenario is not compiled.cached(text)  # a fresh object each load
    assert load_scenario(path).scenario == compiled.cached(text)


def test_another_text_or_other_code_is_validated_not_taken_from_a_copy(monkeypatch, tmp_path) -> None:
    text = shipped_scenarios()["tutorial"].read_text(encoding="utf-8")
    edited = text.replace("title:", "title: ", 1)  # the same scenario, another text
    assert edited != text and compiled.cached(edited) is None
    assert load_scenario_text(edited).scenario == compiled.cached(text)
    monkeypatch.setattr(compiled, "_fingerprint", "other code")
    assert compiled.cached(text) is None
    monkeypatch.setattr(compiled, "_fingerprint", None)
    bad = tmp_path / "compiled"
    bad.mkdir()
    (bad / compiled.path_for(text).name).write_bytes(pickle.dumps({"fingerprint": compiled.fingerprint()}))
    monkeypatch.setattr(compiled, "folder", lambda: bad)
    assert compiled.cached(text) is None  # a copy of another text, or a broken one


def test_a_compiled_file_that_names_other_code_is_refused():
    """A pickle that would call anything but the scenario's own classes is never run: it is
    taken as no copy at all (the scenario is then validated from its text)."""
    import io
    import os

    import pytest

    class Boom:
        def __reduce__(self):
            return (os.system, ("echo should-not-run",))

    data = pickle.dumps({"fingerprint": compiled.fingerprint(), "text": "x", "scenario": Boom()})
    with pytest.raises(pickle.UnpicklingError, match="os|posix|system"):
        compiled._ScenarioUnpickler(io.BytesIO(data)).load()
