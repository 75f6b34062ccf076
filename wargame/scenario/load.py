"""Load a scenario file: safe YAML, then the schema, then the cross-checks.

Every failure becomes a `Problem` naming the file, line and column, and what
was expected there; `load_scenario` raises them all at once in an InputError
so a designer fixes a file in one pass instead of one error per run.
"""

from __future__ import annotations

import hashlib
import typing
from pathlib import Path

from ..errors import InputError
from ..located import validate_model
from ..yamlsafe import Document, load, load_file
from .checks import check
from .model import Scenario

MAX_SCENARIO_BYTES = 2 * 1024 * 1024


class LoadedScenario(typing.NamedTuple):
    """A valid scenario with the text it was read from (saves embed the text)."""

    scenario: Scenario
    text: str
    path: str

    @property
    def digest(self) -> str:
        return scenario_digest(self.text)


def scenario_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def load_scenario(path: str | Path) -> LoadedScenario:
    """Read and check a scenario file; raise InputError listing every problem."""
    doc = load_file(path, max_bytes=MAX_SCENARIO_BYTES)
    return LoadedScenario(validate_document(doc), doc.text, str(path))


def load_scenario_text(text: str, name: str = "<scenario>") -> LoadedScenario:
    """Check scenario text (an embedded copy in a save, or a test's mutation)."""
    doc = load(text, name)
    return LoadedScenario(validate_document(doc), text, name)


def validate_document(doc: Document) -> Scenario:
    if not isinstance(doc.data, dict):
        raise InputError.single(doc.file, "a scenario is a mapping of keys (format, id, meta, map, ...)", *doc.where(()))
    scenario = validate_model(doc, Scenario)
    problems = check(scenario, doc)
    if problems:
        raise InputError(problems)
    return scenario
