"""Set up a fresh machine and run Daftar's main job, its tests or its benchmarks.

This module is the README's entry point, so it may use the standard library only: it runs before
any dependency is installed. It keeps one virtual environment in ``.venv`` at the repository root
and reinstalls into it only when ``pyproject.toml`` changes, so repeated runs start at once.

    python3 -m app.dev run      # the window, on the demo company
    python3 -m app.dev translations  # re-extract the interface's strings and compile them
    python3 -m app.dev bundle   # the PyInstaller bundle (and, on Windows, the installer)
    python3 -m app.dev test     # the whole test suite (extra arguments go to pytest)
    python3 -m app.dev bench    # the benchmarks in tests/perf, which print their figures
    python3 -m app.dev serve    # the companion service on 127.0.0.1:8400 (extra arguments go to it)
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
STAMP = VENV / ".daftar-installed"


def _venv_program(name: str) -> Path:
    """A program installed in ``.venv``: ``bin/NAME`` on POSIX, ``Scripts\\NAME.exe`` on Windows."""
    if os.name == "nt":
        return VENV / "Scripts" / f"{name}.exe"
    return VENV / "bin" / name


def ensure_venv() -> Path:
    """Create ``.venv`` and install the project with its test extras if missing or stale."""
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    python = _venv_program("python")
    if python.exists() and STAMP.exists() and STAMP.read_text().strip() == wanted:
        return python
    if not python.exists():
        print("daftar: creating the virtual environment in .venv", flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    print("daftar: installing Daftar and its dependencies into .venv", flush=True)
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         "-e", f"{ROOT}[server,test,bundle]"],
        check=True,
    )
    STAMP.write_text(wanted)
    return python


def _no_screen() -> bool:
    """A Linux or BSD machine without X11 or Wayland (CI, a server): no window can open."""
    if os.name == "nt" or sys.platform == "darwin" or os.environ.get("QT_QPA_PLATFORM"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _run(argv: list[str]) -> int:
    return subprocess.run(argv, cwd=ROOT).returncode


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    command = args.pop(0) if args else "run"
    python = ensure_venv()
    if command == "run":
        demo = ROOT / ".venv" / "demo.daftar"
        key = ROOT / ".venv" / "demo.key"
        daftar = str(_venv_program("daftar"))
        if not demo.exists():
            code = _run([daftar, "demo", str(demo), "--key-file", str(key)])
            if code:
                return code
        if _no_screen():
            print("daftar: this machine has no screen; here is the demo's trial balance, and its "
                  "screens are rendered to .venv/screens", flush=True)
            code = _run([daftar, "report", "trial-balance", str(demo), "--key-file", str(key)])
            return code or _run([daftar, "screenshots", str(VENV / "screens"), *args])
        return _run([str(python), "-m", "app", str(demo), "--key-file", str(key), *args])
    if command == "test":
        code = _run([str(python), "-m", "pytest", "-q", *args])
        return 0 if code == 5 and args else code
    if command == "bench":
        return _run([str(python), "-m", "pytest", "-q", "-s", "-m", "perf", "tests/perf", *args])
    if command == "serve":
        return _run([str(_venv_program("daftar-server")), *args])
    if command == "translations":
        return _run([str(python), "-m", "app.ui.i18n_tool", *args])
    if command == "bundle":
        code = _run([str(python), "-m", "pip", "install", "--quiet", "-e", f"{ROOT}[bundle]"])
        return code or _run([str(python), "installer/build.py", *args])
    if command == "lint":
        return _run([str(python), "-m", "ruff", "check", "app", "sync", "tests", *args])
    print("usage: python3 -m app.dev [run|test|bench|serve|lint|translations|bundle] "
          f"(got {command!r})", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
