"""Where the files shipped with Daftar live, in a checkout and in the PyInstaller bundle alike."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    base = Path(bundle) if bundle else Path(__file__).resolve().parent.parent
    return base / "resources"


def chart_file(chart: str) -> Path:
    return resources_dir() / "charts" / f"{chart}.csv"


def layout_file(chart: str) -> Path:
    return resources_dir() / "charts" / f"{chart}_layout.json"
