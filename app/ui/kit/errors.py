"""Errors in plain words: what went wrong, that nothing was lost, and never a traceback.

The store, the rules and the importer already raise errors whose messages are written for the
user (they name the file, row, field and reason); ``app.errors.USER_ERRORS`` lists them, for the
command line as for the desktop. Anything else is a defect of ours: the user is told so in one
sentence, and the traceback goes to a log file whose path the message gives, for support to read.
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from pathlib import Path
from types import TracebackType

import platformdirs
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from app.errors import USER_ERRORS
from app.io.csv_journal import ImportFailed
from app.ledger.model import Problem
from app.ledger.rules import PostingRefused
from app.store.closing import ClosingRefused
from app.ui.kit import i18n
from app.ui.kit.tasks import Cancelled

_log = logging.getLogger("daftar.ui")


def _problem(problem: Problem) -> str:
    text = problem.text(i18n.current())
    if problem.line is None:
        return text
    return QCoreApplication.translate("EntryEditor", "Line {0}: {1}").format(problem.line, text)


def log_file() -> Path:
    override = os.environ.get("DAFTAR_LOG_DIR")
    folder = Path(override) if override else Path(platformdirs.user_log_dir("Daftar", False))
    return folder / "daftar.log"


def setup_logging() -> None:
    path = log_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.getLogger("daftar").addHandler(handler)
    logging.getLogger("daftar").setLevel(logging.INFO)


def describe(exc: BaseException) -> str:
    """The sentence to show for ``exc``; defects are logged with their traceback."""
    tr = QCoreApplication.translate
    if isinstance(exc, PostingRefused):
        reasons = "\n".join(f"• {_problem(p)}" for p in exc.problems)
        return tr("errors", "The entry was not posted:") + "\n" + reasons
    if isinstance(exc, ClosingRefused):
        reasons = "\n".join(f"• {_problem(p)}" for p in exc.problems)
        return tr("errors", "The fiscal year was not closed:") + "\n" + reasons
    if isinstance(exc, ImportFailed):
        reason = exc.problem.text(i18n.current())
        if exc.row is not None and exc.column:
            where = tr("errors", "{0}, row {1}, column {2}").format(exc.path, exc.row, exc.column)
        elif exc.row is not None:
            where = tr("errors", "{0}, row {1}").format(exc.path, exc.row)
        else:
            where = str(exc.path)
        return tr("errors", "Nothing was imported. {0}: {1}").format(where, reason)
    if isinstance(exc, USER_ERRORS):
        return str(exc)
    if isinstance(exc, OSError):
        where = f" ({exc.filename})" if exc.filename else ""
        return tr("errors", "The file could not be read or written") + f"{where}: {exc.strerror}"
    if isinstance(exc, Cancelled):
        return tr("errors", "Cancelled. Nothing was changed.")
    _log.error("unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
    return tr(
        "errors",
        "Daftar met a problem it did not expect, and nothing was changed. The details are in {0}; "
        "please send that file to support.",
    ).format(log_file())


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    """Tell the user in a message box; a cancelled task needs no box."""
    if isinstance(exc, Cancelled):
        return
    QMessageBox.warning(parent, QCoreApplication.translate("errors", "Daftar"), describe(exc))


def install_excepthook() -> None:
    """Route exceptions escaping a Qt slot to a message box instead of a printed traceback."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        _log.error("uncaught: %s", "".join(traceback.format_exception(kind, exc, tb)))
        show_error(None, exc)

    sys.excepthook = hook
