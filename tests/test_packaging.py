"""What a plain `pip install .` ships, and what the rules core may import.

The rules core must run without a screen: nothing outside `wargame/ui/` may
import pygame, even indirectly. And every package folder must be listed in
pyproject.toml, or a non-editable install silently leaves it out.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "wargame"


def _core_modules() -> list[str]:
    out = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(ROOT).with_suffix("")
        parts = rel.parts
        if parts[1] == "ui" or parts[-1] == "__main__":
            continue
        out.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return out


def test_nothing_outside_ui_imports_pygame():
    """Import every core module in a fresh interpreter and check pygame never loaded."""
    modules = _core_modules()
    assert len(modules) > 20  # the walk found the package
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}:\n"
        "    importlib.import_module(m)\n"
        "    bad = [k for k in sys.modules if k == 'pygame' or k.startswith('pygame.') or k.startswith('pygame_gui')]\n"
        "    assert not bad, (m, bad[:3])\n"
        "print('ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "ok"


def test_every_package_folder_is_installed():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    folders = {
        ".".join(p.parent.relative_to(ROOT).parts) for p in PACKAGE.rglob("__init__.py")
    }
    missing = folders - listed
    assert not missing, f"pyproject.toml does not install {sorted(missing)}"
