"""One open company inside the main window: navigation on the side, the pages, its status line.

Pages are built when first shown, so opening a company costs only the page the user looks at.
Each page is a QWidget taking the session; it listens to ``session.changed`` itself.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.ledger.model import FiscalYear
from app.ui.cloud.link import SyncState, backup_health, controller_of
from app.ui.kit.fmt import isolate
from app.ui.kit.session import Change, CompanySession

PAGE_KEYS = ("dashboard", "entries", "bank", "matching", "chart", "parties", "reports",
             "settings")
"""The pages in navigation order, which is also the order of their Ctrl+1… shortcuts."""


def page_title(key: str) -> str:
    """The navigation title of a page, in the interface language."""
    tr = QCoreApplication.translate
    return {"dashboard": tr("nav", "Dashboard"), "entries": tr("nav", "Entries"),
            "bank": tr("nav", "Bank"), "matching": tr("nav", "Matching"),
            "chart": tr("nav", "Chart of accounts"), "parties": tr("nav", "Third parties"),
            "reports": tr("nav", "Reports"), "settings": tr("nav", "Settings")}[key]


def _pages() -> list[tuple[str, str, Callable[[CompanySession], QWidget]]]:
    """(key, title, factory) for each page, in navigation order."""
    from app.ui.bank.page import BankPage
    from app.ui.dashboard.page import DashboardPage
    from app.ui.entries.page import EntriesPage
    from app.ui.matching.page import MatchingPage
    from app.ui.reference.chart_page import ChartPage
    from app.ui.reference.parties_page import ThirdPartiesPage
    from app.ui.reports.page import ReportsPage
    from app.ui.settings.page import SettingsPage

    factories = {"dashboard": DashboardPage, "entries": EntriesPage, "bank": BankPage,
                 "matching": MatchingPage,
                 "chart": ChartPage,
                 "parties": ThirdPartiesPage, "reports": ReportsPage, "settings": SettingsPage}
    return [(key, page_title(key), factories[key]) for key in PAGE_KEYS]


def _focus_first(page: QWidget) -> None:
    """Put the keyboard in a page reached by its shortcut, so the page's own keys (F5, Ctrl+F)
    work at once; a click on the navigation leaves the focus there for the arrow keys."""
    target = page.focusProxy() or next(
        (w for w in page.findChildren(QWidget)
         if w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.isEnabled() and w.isVisibleTo(page)),
        None)
    if target is not None:
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)


def _nav_width(nav: QListWidget, titles: list[str]) -> int:
    """Wide enough for the longest page title, and no wider than it needs on a small screen."""
    metrics = nav.fontMetrics()
    widest = max(metrics.horizontalAdvance(title) for title in titles)
    return max(120, min(190, widest + 9 * metrics.averageCharWidth() + 2 * nav.frameWidth()))


class CompanyView(QWidget):
    """The pages of one company; the main window holds one per open file, in tabs."""

    status_changed = Signal()

    def __init__(self, session: CompanySession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.fiscal_year: FiscalYear | None = None
        self._factories = _pages()
        self._built: dict[int, QWidget] = {}
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setFixedWidth(_nav_width(self.nav, [title for _k, title, _f in self._factories]))
        self.nav.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        for _key, title, _factory in self._factories:
            self.nav.addItem(QListWidgetItem(title))
        self.stack = QStackedWidget()
        for _ in self._factories:
            self.stack.addWidget(QWidget())
        self.banner = QLabel()
        self.banner.setObjectName("readOnlyBanner")
        self.banner.setWordWrap(True)
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banner.hide()
        pages = QWidget()
        column = QVBoxLayout(pages)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.banner)
        column.addWidget(self.stack, 1)
        # a page wider or taller than a small screen scrolls rather than pushing the window
        # (and its title bar or status bar) off the screen
        self.scroll = QScrollArea()
        self.scroll.setObjectName("pages")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(pages)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.scroll, 1)
        self.nav.currentRowChanged.connect(self._show)
        session.changed.connect(self._changed)
        session.page_requested.connect(self.show_page)
        self.nav.setCurrentRow(0)
        self._show_access()
        self._load_status()

    def page_keys(self) -> list[str]:
        return [key for key, _title, _factory in self._factories]

    def show_page(self, key: str) -> QWidget:
        """Switch to a page by key (``dashboard``, ``entries``, ...) and return it."""
        index = self.page_keys().index(key)
        self.nav.setCurrentRow(index)
        page = self.page(key)
        _focus_first(page)
        return page

    def is_built(self, key: str) -> bool:
        return self.page_keys().index(key) in self._built

    def page(self, key: str) -> QWidget:
        index = self.page_keys().index(key)
        self._build(index)
        return self._built[index]

    def _build(self, index: int) -> None:
        if index in self._built:
            return
        page = self._factories[index][2](self.session)
        self._built[index] = page
        placeholder = self.stack.widget(index)
        self.stack.insertWidget(index, page)
        self.stack.removeWidget(placeholder)
        placeholder.deleteLater()

    def _show(self, index: int) -> None:
        if index < 0:
            return
        self._build(index)
        # the stack asks for the largest of its pages' minimum sizes; a page out of sight
        # ignores its own, so a tall dashboard does not make the bank page scroll
        for built, page in self._built.items():
            policy = QSizePolicy.Policy.Preferred if built == index \
                else QSizePolicy.Policy.Ignored
            page.setSizePolicy(policy, policy)
        self.stack.setCurrentIndex(index)
        self.stack.updateGeometry()

    def _changed(self, changes: Change) -> None:
        if changes & (Change.FISCAL_YEARS | Change.LOCK | Change.COMPANY):
            self._load_status()
        if changes & Change.ACCESS:
            self._show_access()
            self.status_changed.emit()

    def _show_access(self) -> None:
        """The banner over the pages says why the books are read-only, and what to do."""
        reason = self.session.read_only_reason
        self.banner.setText(QCoreApplication.translate("status", "Read-only: {0}").format(reason))
        self.banner.setVisible(bool(reason))

    def _load_status(self) -> None:
        def got(result: tuple[list[FiscalYear], object]) -> None:
            years, self.lock_date = result
            self.fiscal_year = self.session.current_fiscal_year(years)
            self.status_changed.emit()

        self.lock_date = None
        self.session.read(lambda b: (b.fiscal_years(), b.lock_date()), got, parent=self)

    def status_texts(self) -> list[str]:
        """Company, fiscal year, lock date and sync state, for the status bar."""
        tr = QCoreApplication.translate
        fmt = self.session.fmt
        year = self.fiscal_year
        texts = [self.session.company.name]
        if year is not None:
            state = tr("status", "open") if year.state.value == "open" else tr("status", "closed")
            texts.append(tr("status", "Fiscal year {0} ({1})").format(year.name, state))
        lock = self.lock_date
        texts.append(tr("status", "Locked up to {0}").format(isolate(fmt.date(lock))) if lock
                     else tr("status", "Not locked"))
        if self.session.read_only_reason:
            texts.append(tr("status", "Read-only"))
        texts.extend(self._cloud_texts())
        return texts

    def _cloud_texts(self) -> list[str]:
        """The cloud's state and, once connected, this company's backup health."""
        tr = QCoreApplication.translate
        cloud = controller_of(self.session)
        if cloud is None:
            return [tr("status", "Cloud: not connected")]
        texts = [cloud.status_text()]
        if cloud.state is not SyncState.NOT_SET_UP:
            health = backup_health(self.session)
            if health.last is None:
                texts.append(tr("status", "Backup: none yet"))
            else:
                when = isolate(self.session.fmt.date(health.last.date()))
                texts.append((tr("status", "Backup: {0}, overdue") if health.stale
                              else tr("status", "Backup: {0}")).format(when))
        return texts
