"""Starting the desktop application: ``python -m app [FILE] [--key-file KEY] [--demo]``."""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from app import __version__
from app.ui.kit import i18n
from app.ui.kit.errors import install_excepthook, setup_logging
from app.ui.kit.prefs import Prefs
from app.ui.kit.style import apply_style
from app.ui.window.shell import MainWindow
from sync.client.updates.layout import mark_started


def make_application(argv: list[str] | None = None) -> QApplication:
    """The one QApplication, set up for high-DPI screens (fractional scaling kept as is)."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    app = QApplication(argv if argv is not None else sys.argv[:1])
    QCoreApplication.setOrganizationName("Daftar")
    QCoreApplication.setApplicationName("Daftar")
    QCoreApplication.setApplicationVersion(__version__)
    apply_style(app)
    return app


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="daftar-desktop", description="Daftar, the window.")
    parser.add_argument("files", nargs="*", type=Path, help="company files to open")
    parser.add_argument("--key-file", type=Path, help="key file of the company file(s) given")
    parser.add_argument("--demo", action="store_true", help="open the demo company")
    parser.add_argument("--lang", choices=sorted(i18n.LANGUAGES), help="interface language")
    return parser


STARTUP_REPORT = "DAFTAR_STARTUP_REPORT"
"""A file to write the wall-clock time into once the first company's dashboard is painted:
how the start-up benchmark times the bundle, whose start it cannot instrument otherwise."""


def _report_startup(window: MainWindow, report: Path) -> None:
    def poll() -> None:
        view = window.current
        if view is None or view.session.busy or view.fiscal_year is None:
            QTimer.singleShot(2, poll)
            return
        view.page("dashboard").repaint()
        report.write_text(repr(time.time()), encoding="utf-8")

    QTimer.singleShot(0, poll)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(sys.argv[1:] if argv is None else argv)
    app = make_application()
    setup_logging()
    install_excepthook()
    prefs = Prefs.load()
    if args.lang:
        prefs.language = args.lang
    i18n.install(app, prefs.language)
    window = MainWindow(prefs)
    window.show()
    # once the first window is on screen: a new version on trial proves it starts (the
    # launcher rolls back one that never gets here)
    QTimer.singleShot(0, mark_started)
    for path in args.files:
        window.open_path(path, args.key_file)
    if args.demo:
        window.open_demo()
    if os.environ.get(STARTUP_REPORT) and (args.files or args.demo):
        _report_startup(window, Path(os.environ[STARTUP_REPORT]))
    code = app.exec()
    # delete what the windows left (an old window after a language switch) while the
    # application and its event dispatcher still exist, not during the interpreter's shutdown
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    return code
