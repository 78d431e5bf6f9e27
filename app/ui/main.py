"""Starting the desktop application: ``python -m app [FILE] [--key-file KEY] [--demo]``."""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from app import __version__
from app.ui.kit import i18n
from app.ui.kit.errors import install_excepthook, setup_logging
from app.ui.kit.prefs import Prefs
from app.ui.kit.style import apply_style
from app.ui.window.shell import MainWindow


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
    for path in args.files:
        window.open_path(path, args.key_file)
    if args.demo:
        window.open_demo()
    code = app.exec()
    # delete what the windows left (an old window after a language switch) while the
    # application and its event dispatcher still exist, not during the interpreter's shutdown
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    return code
