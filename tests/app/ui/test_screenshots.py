"""``daftar screenshots``: every main screen of the demo drawn to a PNG file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from app.cli.main import main as daftar
from app.ui import screenshots

NAMES = ["01-welcome.png", "02-dashboard.png", "03-entry-editor.png", "04-entries.png",
         "05-chart.png", "06-trial-balance.png", "07-balance-sheet.png", "08-settings.png",
         "09-cloud.png"]


def test_every_screen_is_drawn_at_1280_by_800(english: None, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "screens"
    assert daftar(["screenshots", str(out), "--lang", "en"]) == 0
    printed = capsys.readouterr().out.split()
    assert printed == [str(out / name) for name in NAMES]
    assert sorted(p.name for p in out.iterdir()) == NAMES
    for name in NAMES:
        image = QImage(str(out / name))
        assert (image.width(), image.height()) == screenshots.SIZE, name


def test_a_broken_screen_is_reported_and_the_others_still_drawn(
        english: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    def broken(_self: object) -> None:
        raise RuntimeError("the chart page is broken")

    monkeypatch.setattr(screenshots._Shooter, "_chart", broken)
    assert screenshots.main([str(tmp_path), "--lang", "en"]) == 1
    assert "chart: RuntimeError: the chart page is broken" in capsys.readouterr().err
    assert (tmp_path / "01-welcome.png").stat().st_size > 0
    assert (tmp_path / "08-settings.png").stat().st_size > 0
    assert not (tmp_path / "05-chart.png").exists()


def test_the_command_line_does_not_load_qt_for_other_commands() -> None:
    code = ("import sys, app.cli.main as m; m.build_parser(); "
            "sys.exit(any(name.startswith('PySide6') for name in sys.modules))")
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
