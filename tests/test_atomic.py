"""Writing a save: the old file or the whole new one, never half, never a lost mode."""

from __future__ import annotations

import os
import stat

import pytest

from wargame import atomic
from wargame.atomic import temporary_pattern, write_atomic

OLD = "the previous save\n" * 40
NEW = "the new save, longer than the old one\n" * 60


def leftovers(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_a_new_file_gets_the_usual_mode_and_a_replaced_one_keeps_its_own(tmp_path):
    new = tmp_path / "new.wgsave"
    write_atomic(new, NEW)
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(new.stat().st_mode) == 0o666 & ~umask  # not mkstemp's 0o600
    kept = tmp_path / "kept.wgsave"
    kept.write_text(OLD)
    os.chmod(kept, 0o640)
    write_atomic(kept, NEW)
    assert kept.read_text() == NEW and stat.S_IMODE(kept.stat().st_mode) == 0o640


@pytest.mark.parametrize("fail", ["write", "fsync", "fchmod", "replace"])
def test_a_failure_at_any_call_keeps_the_old_file_and_leaves_nothing(tmp_path, monkeypatch, fail):
    path = tmp_path / "game.wgsave"
    path.write_text(OLD)
    os.chmod(path, 0o600)

    def boom(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, fail, boom)
    with pytest.raises(OSError):
        write_atomic(path, NEW)
    assert path.read_text() == OLD and leftovers(tmp_path) == []


def test_a_write_cut_at_any_byte_keeps_the_old_file(tmp_path, monkeypatch):
    """The disk fills up after k bytes, for every k: the old file stays whole."""
    path = tmp_path / "game.wgsave"
    path.write_text(OLD)
    data = NEW.encode()
    real_write = os.write
    for k in range(0, len(data) + 1, 7):
        budget = [k]

        def short_write(fd, chunk, budget=budget):
            if budget[0] <= 0:
                raise OSError(28, "No space left on device")
            n = real_write(fd, bytes(chunk[: budget[0]]))
            budget[0] -= n
            return n

        monkeypatch.setattr(atomic.os, "write", short_write)
        if k < len(data):
            with pytest.raises(OSError):
                write_atomic(path, NEW)
            assert path.read_bytes() == OLD.encode(), k
        else:
            write_atomic(path, NEW)
            assert path.read_bytes() == data
        assert leftovers(tmp_path) == []


def test_temporary_files_left_by_a_crash_are_removed_by_the_next_write(tmp_path):
    path = tmp_path / "game.wgsave"
    path.write_text(OLD)
    for i in range(3):  # as if the process was killed mid-write, three times
        (tmp_path / f".game.wgsave.dead{i}.tmp").write_text(NEW[: 10 * i])
    other = tmp_path / ".other.wgsave.dead.tmp"  # another save's: not ours to remove
    other.write_text("x")
    assert path.read_text() == OLD
    write_atomic(path, NEW)
    assert path.read_text() == NEW and leftovers(tmp_path) == [other.name]
    assert temporary_pattern(path) == ".game.wgsave.*.tmp"


def test_a_link_survives_and_its_target_is_written(tmp_path):
    target = tmp_path / "real.wgsave"
    target.write_text(OLD)
    link = tmp_path / "link.wgsave"
    link.symlink_to(target)
    write_atomic(link, NEW)
    assert link.is_symlink() and target.read_text() == NEW


def test_a_folder_in_the_way_is_an_error_not_a_replacement(tmp_path):
    (tmp_path / "game.wgsave").mkdir()
    with pytest.raises(OSError):
        write_atomic(tmp_path / "game.wgsave", NEW)
    assert (tmp_path / "game.wgsave").is_dir() and leftovers(tmp_path) == []


def test_a_staged_folder_is_written_whole_or_not_at_all(tmp_path):
    from wargame.atomic import staged_folder

    out = tmp_path / "report"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    with staged_folder(out) as stage:  # a whole write: every file moves in, the others stay
        (stage / "index.html").write_text("page")
        (stage / "chart.png").write_bytes(b"png")
    assert sorted(p.name for p in out.iterdir()) == ["chart.png", "index.html", "notes.txt"]
    assert [p.name for p in tmp_path.iterdir()] == ["report"]  # no stage left beside it

    with pytest.raises(OSError):  # a write that fails half way (a full disk): nothing changes
        with staged_folder(out) as stage:
            (stage / "index.html").write_text("new page")
            raise OSError(28, "No space left on device", str(stage / "chart.png"))
    assert (out / "index.html").read_text() == "page" and [p.name for p in tmp_path.iterdir()] == ["report"]

    (out / "vp.png").mkdir()  # a name taken by a folder: refused before any file moves, and named
    with pytest.raises(IsADirectoryError) as info:
        with staged_folder(out) as stage:
            (stage / "index.html").write_text("newer page")
            (stage / "vp.png").write_bytes(b"png")
    assert info.value.filename == str(out / "vp.png")
    assert (out / "index.html").read_text() == "page"


def test_a_file_where_a_folder_must_be_is_named(tmp_path):
    (tmp_path / "game.wgsave").write_text("x")
    with pytest.raises(NotADirectoryError) as info:
        write_atomic(tmp_path / "game.wgsave" / "sub" / "x.wgsave", "y")
    assert info.value.filename == str(tmp_path / "game.wgsave") and "folder" in info.value.strerror
    assert (tmp_path / "game.wgsave").read_text() == "x"
