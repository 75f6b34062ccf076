"""Writing a file so that it is always either the old one or the whole new one.

A save is written to a temporary file beside it (`.NAME.<random>.tmp`, in the
same folder so the rename cannot cross file systems), flushed and fsynced, given
the mode of the file it replaces, renamed over the target, and then the folder
itself is fsynced, because on most file systems the rename is only durable once
the folder's entry is. A crash at any moment leaves the previous file whole; a
crash can leave the temporary file behind, so every successful write removes
the stale temporary files of the same target.
"""

from __future__ import annotations

import os
import secrets
import shutil
import stat
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


def write_atomic(path: str | Path, text: str | bytes) -> None:
    """Write `text` (UTF-8, newlines as written; bytes as they are) to `path`, atomically and durably.

    A symbolic link is followed, so the link survives and its target is replaced.
    Concurrent writers of one file are not supported: the last rename wins, and
    a writer may remove another's temporary file as stale.
    """
    path = Path(path)
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    folder = path.parent if str(path.parent) else Path(".")
    for up in (folder, *folder.parents):  # mkdir would say "File exists" of a file where a folder must be
        if up.exists():
            if not up.is_dir():
                raise NotADirectoryError(20, "a file stands where a folder must be", str(up))
            break
    folder.mkdir(parents=True, exist_ok=True)
    mode = _mode_to_keep(path)
    data = text.encode("utf-8") if isinstance(text, str) else text
    tmp, fd = _create_temporary(folder, path.name)
    try:
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            if mode is not None:
                os.fchmod(fd, mode)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    _fsync_folder(folder)
    remove_stale_temporaries(path)


def temporary_pattern(path: str | Path) -> str:
    """The glob of the temporary files `write_atomic` makes for `path`."""
    return f".{Path(path).name}.*.tmp"


def remove_stale_temporaries(path: str | Path) -> None:
    """Remove temporary files left by interrupted writes of `path` (best effort)."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    for stale in folder.glob(temporary_pattern(path)):
        try:
            if stat.S_ISREG(stale.lstat().st_mode):
                stale.unlink()
        except OSError:
            pass


def _mode_to_keep(path: Path) -> int | None:
    """The permission bits of the file being replaced; None for a new file, which
    then gets the usual 0o666 less the umask (as `open` would give it)."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    if not stat.S_ISREG(st.st_mode):
        raise IsADirectoryError(21, "not a regular file", str(path))
    return stat.S_IMODE(st.st_mode)


def _create_temporary(folder: Path, name: str) -> tuple[Path, int]:
    for _ in range(100):
        tmp = folder / f".{name}.{secrets.token_hex(4)}.tmp"
        try:
            # 0o666: the kernel applies the umask, as for any new file (mkstemp would give 0o600)
            return tmp, os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666)
        except FileExistsError:
            continue
    raise FileExistsError(17, "cannot create a temporary file", str(folder))


def _fsync_folder(folder: Path) -> None:
    """Make the rename durable; some file systems cannot fsync a folder, which is no error."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextmanager
def staged_folder(folder: str | Path) -> Iterator[Path]:
    """A folder of files (a report: its page, its charts) written whole or not at all.

    The files are written into a hidden folder beside `folder` (the same file system),
    then each is renamed into `folder`, which is made if need be; if any write fails
    (a full disk, a name taken by a folder) the staged files are removed and `folder`
    is left as it was, and the error names the file in `folder` that could not be
    written. Files already in `folder` that the new set does not hold are kept."""
    folder = Path(folder)
    parent = folder.parent if str(folder.parent) else Path(".")
    stage = parent / f".{folder.name}.{secrets.token_hex(4)}.partial"
    try:
        stage.mkdir()
        yield stage
        names = sorted(p.name for p in stage.iterdir())
        folder.mkdir(parents=True, exist_ok=True)
        for name in names:  # every name checked before any is moved: all or none
            target = folder / name
            if target.is_dir() and not target.is_symlink():
                raise IsADirectoryError(21, "a folder has that name", str(target))
        for name in names:
            os.replace(stage / name, folder / name)
        _fsync_folder(folder)
    except OSError as e:
        if e.filename is not None and Path(e.filename).parent == stage:
            e.filename = str(folder / Path(e.filename).name)  # the name the reader knows
        raise
    finally:
        shutil.rmtree(stage, ignore_errors=True)
