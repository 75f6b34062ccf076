"""Autosave of an editing session, and finding it again after a crash.

The screen calls `Autosave.tick(now)` on a timer (every second or so); when
the text has changed since the last write and `interval` seconds (a minute) have
passed, the current text goes atomically to a recovery file beside the scenario
(`my_scenario.yaml.recovery`), so a crash loses at most a minute of work. A
document with no file of its own yet (a shipped scenario being looked at) keeps
its recovery file in the user's state folder instead. Saving the scenario
removes the recovery file.

On the next open, `find_recovery(path)` says whether a recovery file holds
text other than the file's; `restore` opens the scenario and puts the recovered
text in as one undoable edit, so the designer can look and take it back.
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass
from pathlib import Path

from ..atomic import write_atomic
from ..scenario.load import MAX_SCENARIO_BYTES
from ..yamlsafe import read_text
from .document import EditingDocument

SUFFIX = ".recovery"
INTERVAL = 60.0


def recovery_dir() -> Path:
    """Where recovery files of documents without a file of their own go."""
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "wargame" / "recovery"


def recovery_path(path: str | Path | None, name: str = "scenario") -> Path:
    """The recovery file of a scenario file (beside it), or of a document named `name`."""
    if path is not None:
        path = Path(path)
        return path.with_name(path.name + SUFFIX)
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", Path(name).name) or "scenario"
    return recovery_dir() / (safe + SUFFIX)


def _path_of(doc: EditingDocument) -> Path:
    return recovery_path(doc.path, doc.name)


def discard_recovery(doc: EditingDocument) -> None:
    try:
        _path_of(doc).unlink()
    except FileNotFoundError:
        pass


@dataclass(frozen=True)
class Recovery:
    """Unsaved text found from an earlier session."""

    path: Path  # the recovery file
    text: str
    written: float  # when, as a file time (seconds since the epoch)


def find_recovery(path: str | Path | None, name: str = "scenario") -> Recovery | None:
    """The recovery of a scenario, if one exists and differs from the file as it is."""
    rec = recovery_path(path, name)
    try:
        text = read_text(rec, max_bytes=MAX_SCENARIO_BYTES)
        written = rec.stat().st_mtime
    except Exception:  # no recovery file, or one that cannot be read: nothing to offer
        return None
    if path is not None:
        try:
            if read_text(path, max_bytes=MAX_SCENARIO_BYTES) == text:
                return None
        except Exception:
            pass
    return Recovery(rec, text, written)


def restore(path: str | Path, recovery: Recovery) -> EditingDocument:
    """Open the scenario at `path` with the recovered text in, as one undoable edit."""
    doc = EditingDocument.open(path)
    doc.replace_text("Recover unsaved edits", recovery.text)
    return doc


class Autosave:
    """Writes the session's text to its recovery file at most every `interval` seconds."""

    def __init__(self, doc: EditingDocument, interval: float = INTERVAL):
        self.doc = doc
        self.interval = interval
        self.written_text = doc.saved_text
        self.written_at: float | None = None
        self.last_error: str | None = None

    def tick(self, now: float | None = None) -> Path | None:
        """Write if the text changed and the interval has passed; the file written, or None."""
        now = time.monotonic() if now is None else now
        if self.doc.text == self.written_text:
            return None
        if self.written_at is not None and now - self.written_at < self.interval:
            return None
        return self.write(now)

    def write(self, now: float | None = None) -> Path | None:
        """Write the recovery file now (a failure is kept in `last_error`, never raised)."""
        if not self.doc.dirty:
            discard_recovery(self.doc)
            self.written_text = self.doc.text
            return None
        target = _path_of(self.doc)
        try:
            write_atomic(target, self.doc.text)
        except OSError as e:
            self.last_error = f"cannot write {target}: {e.strerror or e}"
            return None
        self.last_error = None
        self.written_text = self.doc.text
        self.written_at = time.monotonic() if now is None else now
        return target
