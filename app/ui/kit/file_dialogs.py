"""Where every file dialog starts: the folder last used for that kind of file, else the open
company's folder, else the user's Documents; never the program's working folder.

Each kind of file (company files, journals imported, exports, keys) has its own last folder,
kept in the preferences (``Prefs.folders``) so it survives a restart.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import platformdirs
from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from app.ui.kit.prefs import Prefs


def documents_folder() -> Path:
    """The user's Documents folder (Qt's idea of it, else platformdirs', else home)."""
    located = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    for candidate in (located, platformdirs.user_documents_dir()):
        if candidate and Path(candidate).is_dir():
            return Path(candidate)
    return Path.home()


def start_folder(prefs: Prefs | None, kind: str, company_path: Path | None = None) -> Path:
    """The folder a dialog for ``kind`` files opens in."""
    last = prefs.folder_for(kind) if prefs is not None else ""
    if last and Path(last).is_dir():
        return Path(last)
    if company_path is not None and company_path.parent.is_dir():
        return company_path.parent
    return documents_folder()


def remember(prefs: Prefs | None, kind: str, chosen: Path) -> None:
    """Keep the folder of a file (or the folder) just chosen for ``kind``."""
    if prefs is None:
        return
    folder = chosen if chosen.is_dir() else chosen.parent
    prefs.remember_folder(kind, str(folder))
    with contextlib.suppress(OSError):  # preferences are never worth an error message
        prefs.save()


def prefs_of(widget: QWidget | None) -> Prefs | None:
    """The preferences of the window a widget lives in (the main window holds them)."""
    while widget is not None:
        prefs = getattr(widget, "prefs", None)
        if isinstance(prefs, Prefs):
            return prefs
        widget = widget.parentWidget()
    return None


def open_file(parent: QWidget | None, kind: str, title: str, filters: str, *,
              prefs: Prefs | None = None, company_path: Path | None = None) -> Path | None:
    """Ask for an existing file; ``None`` when the user cancels."""
    prefs = prefs if prefs is not None else prefs_of(parent)
    chosen, _ = QFileDialog.getOpenFileName(
        parent, title, str(start_folder(prefs, kind, company_path)), filters)
    if not chosen:
        return None
    remember(prefs, kind, Path(chosen))
    return Path(chosen)


def save_file(parent: QWidget | None, kind: str, title: str, name: str, filters: str, *,
              prefs: Prefs | None = None, company_path: Path | None = None) -> Path | None:
    """Ask where to save ``name``; ``None`` when the user cancels."""
    prefs = prefs if prefs is not None else prefs_of(parent)
    start = start_folder(prefs, kind, company_path) / name if name else \
        start_folder(prefs, kind, company_path)
    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(start), filters)
    if not chosen:
        return None
    remember(prefs, kind, Path(chosen))
    return Path(chosen)


def choose_folder(parent: QWidget | None, kind: str, title: str, *, current: str = "",
                  prefs: Prefs | None = None) -> Path | None:
    """Ask for a folder, starting at ``current`` if it exists."""
    prefs = prefs if prefs is not None else prefs_of(parent)
    start = Path(current) if current and Path(current).is_dir() else start_folder(prefs, kind)
    chosen = QFileDialog.getExistingDirectory(parent, title, str(start))
    if not chosen:
        return None
    remember(prefs, kind, Path(chosen))
    return Path(chosen)
