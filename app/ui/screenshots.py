"""``daftar screenshots OUTDIR [--lang en|fr|ar]``: the main screens of the demo, as PNG files.

For the manual, for reviewing a change to the interface, and for machines without a screen (``python
-m app.dev run`` falls back to it). The demo company is built in a temporary folder with a key file,
the window is drawn offscreen at 1280×800, and every database task runs inline, so each picture
shows its page with its data loaded. A screen that fails is reported and the others still drawn.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QThread
from PySide6.QtWidgets import QWidget

from app.demo import build_demo
from app.store.books import Books
from app.store.company import KeySource
from app.ui.kit import i18n
from app.ui.kit.prefs import Prefs
from app.ui.kit.session import CompanySession
from app.ui.main import make_application
from app.ui.window.company_view import CompanyView
from app.ui.window.shell import MainWindow

SIZE = (1280, 800)
SCREENS = ("welcome", "dashboard", "entry-editor", "entries", "chart", "trial-balance",
           "balance-sheet", "settings", "cloud")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="daftar screenshots",
                                     description="render the main screens of the demo company")
    parser.add_argument("outdir", type=Path, metavar="OUTDIR")
    parser.add_argument("--lang", choices=("en", "fr", "ar"), default="en")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Render every screen into ``outdir``; 0 when all were drawn, 1 if any failed."""
    args = _parser().parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    previous = os.environ.get("DAFTAR_CONFIG_DIR")
    with tempfile.TemporaryDirectory(prefix="daftar-screens-") as folder:
        os.environ["DAFTAR_CONFIG_DIR"] = str(Path(folder) / "config")
        try:
            written, failures = render_all(args.outdir, args.lang, Path(folder))
        finally:
            if previous is None:
                del os.environ["DAFTAR_CONFIG_DIR"]
            else:
                os.environ["DAFTAR_CONFIG_DIR"] = previous
    for path in written:
        print(path)
    for screen, reason in failures:
        print(f"daftar screenshots: {screen}: {reason}", file=sys.stderr)
    return 1 if failures else 0


def render_all(outdir: Path, lang: str, work: Path) -> tuple[list[Path], list[tuple[str, str]]]:
    """Build the demo in ``work`` and draw each screen; returns the files and the failures.

    The user's preferences are not touched: the caller points ``DAFTAR_CONFIG_DIR`` elsewhere.
    """
    app = make_application()
    i18n.install(app, lang)
    source = KeySource(key_file=work / "demo.key")
    books, _recovery, _count = build_demo(work / "demo.daftar", source)
    window = MainWindow(Prefs(language=lang), synchronous=True)
    outdir.mkdir(parents=True, exist_ok=True)
    try:
        window.resize(*SIZE)
        window.show()
        view = window.add_company(books, source)
        shooter = _Shooter(window, view, outdir)
        for number, screen in enumerate(SCREENS, start=1):
            shooter.take(number, screen)
        return shooter.written, shooter.failures
    finally:
        window.close()
        window.deleteLater()
        QCoreApplication.processEvents()


def _settle(sessions: Sequence[CompanySession], rounds: int = 400) -> None:
    """Let queued work and repaints finish: until no session is busy (bounded, never stuck)."""
    for _ in range(rounds):
        QCoreApplication.processEvents()
        if not any(session.busy for session in sessions):
            QCoreApplication.processEvents()
            return
        QThread.msleep(25)


class _Shooter:
    """Puts the window in the state of each screen and saves it."""

    def __init__(self, window: MainWindow, view: CompanyView, outdir: Path) -> None:
        self.window, self.view, self.outdir = window, view, outdir
        self.written: list[Path] = []
        self.failures: list[tuple[str, str]] = []
        self.editor: QWidget | None = None

    def take(self, number: int, screen: str) -> None:
        path = self.outdir / f"{number:02d}-{screen}.png"
        prepare: Callable[[], QWidget] = getattr(self, "_" + screen.replace("-", "_"))
        try:
            widget = prepare()
            _settle([self.view.session])
            if not widget.grab().save(str(path)):
                raise OSError(f"could not write {path}")
        except Exception as exc:  # one broken screen must not hide the others
            self.failures.append((screen, f"{type(exc).__name__}: {exc}"))
        else:
            self.written.append(path)

    def _page(self, key: str) -> QWidget:
        self.window.tabs.setCurrentWidget(self.view)
        self.view.show_page(key)
        return self.window

    def _welcome(self) -> QWidget:
        self.window.tabs.setCurrentIndex(0)
        return self.window

    def _dashboard(self) -> QWidget:
        return self._page("dashboard")

    def _entry_editor(self) -> QWidget:
        from app.ui.entries.editor import EntryEditor

        session = self.view.session
        self.editor = EntryEditor(session, _sample_entry_id(session), self.window)
        self.editor.resize(*SIZE)
        self.editor.show()
        return self.editor

    def _entries(self) -> QWidget:
        if self.editor is not None:
            self.editor.close()
        return self._page("entries")

    def _chart(self) -> QWidget:
        return self._page("chart")

    def _report(self, kind: str) -> QWidget:
        from app.ui.reports.page import ReportsPage

        page = self.view.show_page("reports")
        assert isinstance(page, ReportsPage)
        page.params.set_kind(kind)
        page.run()
        return self.window

    def _trial_balance(self) -> QWidget:
        return self._report("trial_balance")

    def _balance_sheet(self) -> QWidget:
        return self._report("balance_sheet")

    def _settings(self) -> QWidget:
        return self._page("settings")

    def _cloud(self) -> QWidget:
        """The Settings page scrolled to the Daftar cloud: connection, licence, backup health."""
        from PySide6.QtWidgets import QScrollArea

        from app.ui.cloud.settings import CloudGroup

        page = self.view.show_page("settings")
        group = page.findChild(CloudGroup)
        scroll = page.findChild(QScrollArea)
        if group is None or scroll is None:
            raise LookupError("the Settings page has no Daftar cloud group")
        QCoreApplication.processEvents()
        scroll.ensureWidgetVisible(group)
        return self.window


def _sample_entry_id(session: CompanySession) -> int:
    """A posted sale: the first demo entry of three or four lines (invoice, VAT, customer)."""
    found: list[int] = []

    def look(books: Books) -> int:
        for entry_id in range(1, 200):
            entry = books.entry(entry_id)
            if 3 <= len(entry.lines) <= 4:
                return entry_id
        return 1

    session.read(look, found.append)
    _settle([session])
    return found[0] if found else 1


if __name__ == "__main__":
    sys.exit(main())
