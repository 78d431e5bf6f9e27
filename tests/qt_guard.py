"""A modal dialog nobody answers waits forever and hangs the whole run (CI once sat at 55 % on
an "Unsaved changes" box a failed test left behind). Under this fixture every message box, file
dialog or ``exec()``-ed dialog a test did not answer itself fails that test at once instead.

A test that expects a dialog replaces the static function (``QMessageBox.question``…) or the
function that asks (``entry_dialogs.ask_save_changes``…) with its own answer, as before.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

STATIC_BOXES = ("question", "warning", "information", "critical")
STATIC_FILE_DIALOGS = ("getOpenFileName", "getOpenFileNames", "getSaveFileName",
                       "getExistingDirectory")


def _refuse(kind: str) -> Callable[..., object]:
    def ask(*args: object, **_kwargs: object) -> object:
        if args and isinstance(args[0], QDialog):
            shown = f"{args[0].windowTitle()} | {getattr(args[0], 'text', lambda: '')()}"
        else:
            shown = " | ".join(str(a) for a in args[1:3])
        raise AssertionError(f"unexpected modal {kind} in a test: {shown}")
    return ask


@pytest.fixture(autouse=True)
def no_unexpected_modal(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in STATIC_BOXES:
        monkeypatch.setattr(QMessageBox, name, _refuse(f"QMessageBox.{name}"))
    for name in STATIC_FILE_DIALOGS:
        monkeypatch.setattr(QFileDialog, name, _refuse(f"QFileDialog.{name}"))
    monkeypatch.setattr(QMessageBox, "exec", _refuse("QMessageBox.exec"))
    monkeypatch.setattr(QDialog, "exec", _refuse("QDialog.exec"))


def answer_save_dialog(monkeypatch: pytest.MonkeyPatch, answer: Path | None) -> list[str]:
    """Answer the next save dialogs with ``answer`` (None: cancelled); return the list that
    records the name each one proposed."""
    proposed: list[str] = []

    def fake(_parent: object, _title: str, start: str, _filters: str) -> tuple[str, str]:
        proposed.append(start)
        return (str(answer) if answer else ""), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake)
    return proposed
