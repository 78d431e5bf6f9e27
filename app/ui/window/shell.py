"""The main window: a welcome page, then one tab per open company, with menus and a status bar.

The window owns the open sessions and the preferences; everything about one company lives in its
``CompanyView``. Switching the language rebuilds the window around the same open sessions, so
every text is re-read through the new translators without reopening any file.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from PySide6.QtCore import QByteArray, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QMessageBox, QTabWidget, QWidget

from app.store.books import Books
from app.store.company import KeySource
from app.ui.cloud.backup import backup_before_close
from app.ui.cloud.link import CloudController
from app.ui.kit import i18n
from app.ui.kit.prefs import Prefs
from app.ui.kit.session import CompanySession
from app.ui.kit.window_fit import remember_geometry, restore_geometry
from app.ui.window import opening
from app.ui.window.company_view import PAGE_KEYS, CompanyView, page_title
from app.ui.window.welcome import WelcomePage

NATURAL = QSize(1280, 800)
"""The window's size where the screen has room for it."""
MINIMUM = QSize(800, 480)
"""Small enough for a 1024×600 screen with its taskbar (``window_fit.smallest_client``)."""


class MainWindow(QMainWindow):
    """Daftar's window. ``synchronous`` runs database work inline (tests)."""

    _open: ClassVar[set[MainWindow]] = set()
    """Every window until it is closed: a window rebuilt in another language has no other owner
    on the Python side, and would be destroyed with its wrapper."""

    def __init__(
        self, prefs: Prefs, *, synchronous: bool = False,
        sessions: list[CompanySession] | None = None, cloud: CloudController | None = None,
    ) -> None:
        super().__init__()
        MainWindow._open.add(self)
        self.prefs = prefs
        self.synchronous = synchronous
        starting = cloud is None
        self.cloud = cloud or CloudController(synchronous=synchronous, timers=not synchronous)
        """The program's one link to the Daftar cloud; a window rebuilt in another language
        keeps it, as it keeps the open companies."""
        self.cloud.changed.connect(self._update_status)
        self._wiring: dict[CompanySession, list] = {}
        self.setWindowTitle("Daftar")
        self.setMinimumSize(MINIMUM)
        self._status = QLabel()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.setTabsClosable(True)
        self.tabs.tabCloseRequested.connect(self.close_company)
        self.tabs.currentChanged.connect(lambda _i: self._update_status())
        self.welcome = WelcomePage(prefs)
        self.welcome.create_requested.connect(self.create_company)
        self.welcome.open_requested.connect(self.open_dialog)
        self.welcome.recent_requested.connect(self.open_recent)
        self.welcome.demo_requested.connect(self.open_demo)
        self.welcome.restore_requested.connect(self.restore_from_cloud)
        self.tabs.addTab(self.welcome, self.tr("Welcome"))
        self.tabs.tabBar().setTabButton(0, self.tabs.tabBar().ButtonPosition.RightSide, None)
        self.tabs.tabBar().setTabButton(0, self.tabs.tabBar().ButtonPosition.LeftSide, None)
        self.setCentralWidget(self.tabs)
        self.statusBar().addWidget(self._status, 1)
        self._update_news = QLabel(self.cloud.updates.text)
        self.statusBar().addPermanentWidget(self._update_news)
        self.cloud.updates.changed.connect(self._show_update_news)
        self._build_menus()
        for session in sessions or []:
            self._add_view(session)
        self._restore_layout()
        if starting and not synchronous:
            QTimer.singleShot(0, self.cloud.check_in)

    # --- companies ------------------------------------------------------------------------

    @property
    def views(self) -> list[CompanyView]:
        return [w for i in range(self.tabs.count())
                if isinstance(w := self.tabs.widget(i), CompanyView)]

    @property
    def current(self) -> CompanyView | None:
        widget = self.tabs.currentWidget()
        return widget if isinstance(widget, CompanyView) else None

    def add_company(self, books: Books, source: KeySource) -> CompanyView:
        """Show a company just opened or created, remembered among the recent files."""
        for view in self.views:
            if view.session.path.resolve() == books.path.resolve():
                books.close()
                self.tabs.setCurrentWidget(view)
                return view
        session = CompanySession(books, source, language=self.prefs.language,
                                 synchronous=self.synchronous)
        self.prefs.remember(books.path, books.company.name, source.key_file)
        self.prefs.save()
        self.welcome.refresh()
        return self._add_view(session)

    def _add_view(self, session: CompanySession) -> CompanyView:
        if session not in self.cloud.sessions:
            self.cloud.attach(session)
        view = CompanyView(session)
        view.status_changed.connect(self._update_status)
        wiring = [
            (session.open_entry_requested,
             lambda entry_id: self._open_entry(session, entry_id)),
            (session.account_lines_requested,
             lambda number, first, last: self._account_lines(session, number, first, last)),
            (session.language_requested, self.switch_language),
        ]
        for signal, slot in wiring:
            signal.connect(slot)
        self._wiring[session] = wiring
        index = self.tabs.addTab(view, session.company.name)
        self.tabs.setTabToolTip(index, str(session.path))
        self.tabs.setCurrentIndex(index)
        self._update_status()
        return view

    def close_company(self, index: int) -> None:
        view = self.tabs.widget(index)
        if not isinstance(view, CompanyView):
            return
        for child in self.findChildren(QWidget):
            if getattr(child, "session", None) is view.session and child.isWindow():
                child.close()
        self.tabs.removeTab(index)
        self._unwire(view.session)
        self.cloud.detach(view.session)
        view.session.close()
        view.deleteLater()
        self._update_status()

    def _unwire(self, session: CompanySession) -> None:
        for signal, slot in self._wiring.pop(session, []):
            signal.disconnect(slot)

    def open_dialog(self) -> None:
        opening.choose_and_open(self, self.prefs, self.add_company)

    def open_path(self, path: Path, key_file: Path | None = None) -> None:
        opening.open_file(self, path, KeySource(key_file=key_file), self.add_company,
                          synchronous=self.synchronous)

    def open_recent(self, path: str) -> None:
        recent = next((r for r in self.prefs.recent if r.path == path), None)
        key_file = Path(recent.key_file) if recent and recent.key_file else None
        if not Path(path).exists():
            QMessageBox.warning(self, "Daftar", self.tr("{0} no longer exists; it is removed from "
                                                        "the recent files.").format(path))
            self.prefs.forget(path)
            self.prefs.save()
            self.welcome.refresh()
            return
        self.open_path(Path(path), key_file)

    def create_company(self) -> None:
        opening.create_with_wizard(self, self.prefs, self.add_company,
                                   synchronous=self.synchronous)

    def restore_from_cloud(self) -> None:
        """A company from its backups, onto this PC (connecting this PC first if need be)."""
        from app.ui.cloud.dialogs import ConnectDialog, RestoreDialog

        if not self.cloud.connected and not ConnectDialog(self.cloud, self).exec():
            return
        RestoreDialog(self.cloud, self.add_company, self).exec()

    def open_demo(self) -> None:
        opening.open_demo(self, self.add_company, synchronous=self.synchronous)

    # --- windows of a company ---------------------------------------------------------------

    def _open_entry(self, session: CompanySession, entry_id: int | None) -> None:
        from app.ui.entries.editor import EntryEditor

        editor = EntryEditor(session, entry_id, self)
        editor.show()
        editor.raise_()
        editor.activateWindow()

    def _account_lines(self, session: CompanySession, number: str, first: object,
                       last: object) -> None:
        from app.ui.reports.drill import AccountLinesWindow

        window = AccountLinesWindow(session, number, first, last, self)
        window.show()

    # --- menus, status, layout --------------------------------------------------------------

    def _action(self, menu, text: str, shortcut: QKeySequence | str | None, slot) -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file = bar.addMenu(self.tr("&File"))
        self._action(file, self.tr("&New company…"), "Ctrl+Shift+N", self.create_company)
        self._action(file, self.tr("&Open company…"), QKeySequence.StandardKey.Open,
                     self.open_dialog)
        self._action(file, self.tr("Open the &demo company"), "Ctrl+Shift+D", self.open_demo)
        self._action(file, self.tr("&Restore a company from the cloud…"), None,
                     self.restore_from_cloud)
        self._action(file, self.tr("&Close company"), QKeySequence.StandardKey.Close,
                     lambda: self.close_company(self.tabs.currentIndex()))
        file.addSeparator()
        self._action(file, self.tr("&Quit"), "Ctrl+Q", self.close)
        entry = bar.addMenu(self.tr("&Entries"))
        self._action(entry, self.tr("&New entry"), QKeySequence.StandardKey.New, self._new_entry)
        self._action(entry, self.tr("&Import a journal (CSV)…"), "Ctrl+I", self._import)
        self._action(entry, self.tr("&Recurring entries…"), "Ctrl+Shift+R", self._recurring)
        go = bar.addMenu(self.tr("&Go"))
        for number, key in enumerate(PAGE_KEYS, start=1):
            self._action(go, page_title(key), f"Ctrl+{number}",
                         lambda _checked=False, k=key: self._go(k))
        go.addSeparator()
        self._action(go, self.tr("Next company"), QKeySequence.StandardKey.NextChild,
                     lambda: self.tabs.setCurrentIndex((self.tabs.currentIndex() + 1)
                                                       % self.tabs.count()))
        help_menu = bar.addMenu(self.tr("&Help"))
        self._action(help_menu, self.tr("&Keyboard shortcuts"),
                     QKeySequence.StandardKey.HelpContents, self._shortcuts)
        self._action(help_menu, self.tr("Check for &updates"), None,
                     lambda: self.cloud.updates.check())

    def _go(self, key: str) -> None:
        if self.current is not None:
            self.current.show_page(key)

    def _recurring(self) -> None:
        """The recurring entries window of the company shown, beside its entries."""
        from app.ui.entries.page import EntriesPage  # pages load when first shown

        if self.current is not None:
            page = self.current.show_page("entries")
            if isinstance(page, EntriesPage):
                page.open_recurring()

    def _new_entry(self) -> None:
        if self.current is not None:
            self.current.session.open_entry_requested.emit(None)

    def _import(self) -> None:
        if self.current is not None:
            from app.ui.entries.importing import choose_and_import

            choose_and_import(self, self.current.session)

    def _shortcuts(self) -> None:
        from app.ui.window.shortcuts import ShortcutsDialog

        ShortcutsDialog(self, self.current).exec()

    def _show_update_news(self) -> None:
        self._update_news.setText(self.cloud.updates.text)

    def _update_status(self) -> None:
        view = self.current
        self._status.setText("   ·   ".join(view.status_texts()) if view else "")
        self.setWindowTitle(f"{view.session.company.name} — Daftar" if view else "Daftar")

    def _restore_layout(self) -> None:
        """Where the window was on this screen if it still fits, else sized to the screen."""
        restore_geometry(self, self.prefs, "main", NATURAL)
        if self.prefs.window_state:
            self.restoreState(QByteArray.fromBase64(self.prefs.window_state.encode()))

    def save_layout(self) -> None:
        remember_geometry(self, self.prefs, "main")
        self.prefs.window_state = bytes(self.saveState().toBase64()).decode()
        self.prefs.save()

    def switch_language(self, code: str) -> MainWindow:
        """Rebuild the window in another language around the same open companies."""
        self.prefs.language = code
        self.save_layout()
        app = QApplication.instance()
        i18n.install(app, code)
        sessions = [view.session for view in self.views]
        for session in sessions:
            session.set_language(code)
        current = self.tabs.currentIndex()
        self.cloud.changed.disconnect(self._update_status)
        self.cloud.updates.changed.disconnect(self._show_update_news)
        replacement = MainWindow(self.prefs, synchronous=self.synchronous, sessions=sessions,
                                 cloud=self.cloud)
        replacement.tabs.setCurrentIndex(current)
        if current > 0:
            replacement.current.show_page("settings")
        for session in sessions:
            self._unwire(session)
        self._closing_for_rebuild = True
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        replacement.setGeometry(self.geometry())
        if self.isMaximized():
            replacement.showMaximized()
        else:
            replacement.show()
        self.close()
        # the old window goes now, on this thread, not at exit when Qt's threads are gone
        MainWindow._open.discard(self)
        return replacement

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        if getattr(self, "_closing_for_rebuild", False):
            event.accept()
            return
        if not getattr(self, "_backed_up", False):
            sessions = [view.session for view in self.views]
            if any(self.cloud.backup_pending(session) for session in sessions):
                event.ignore()
                backup_before_close(self, self.cloud, sessions, self._close_after_backup)
                return
        for index in reversed(range(self.tabs.count())):
            self.close_company(index)
        self.cloud.shutdown()
        MainWindow._open.discard(self)
        event.accept()

    def _close_after_backup(self) -> None:
        self._backed_up = True
        QTimer.singleShot(0, self.close)



