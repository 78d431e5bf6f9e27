"""A table model over a query too large to hold: rows arrive a page at a time, off the UI thread.

The view asks for rows as it scrolls (``canFetchMore``/``fetchMore``, as in Qt's *fetchmore*
example); each page is read through ``session.read`` on a worker thread and appended with
``beginInsertRows`` when it lands. Rules that keep the list smooth and correct:

* **One fetch in flight.** A second ``fetchMore`` while a page is on its way does nothing; when
  the page lands the view asks again if it still sits at the bottom.
* **Generations.** A new filter or sort bumps the generation and resets the model; a page that
  was on its way for the old query is dropped when it lands, never shown.
* **Keyset paging.** Each page starts after the last row's key, never at an offset, so the
  thousandth page costs what the first does (the subclass's ``load`` does the query).
* **Bounded memory.** At most ``MAX_RESIDENT_PAGES`` pages keep their rows. Beyond that the
  pages farthest from the rows the view last painted drop their rows and keep only the key they
  started after (one small tuple per page, not per row). Painting a dropped row shows a
  placeholder and queues a re-read of its page from that key. The row *count* still grows with
  every page, so the scroll bar stays honest; what is bounded is the rows' content.
* **Jump to the end.** ``jump_to_end`` (Ctrl+End) counts the rows and reads the last page
  backwards from the end, without the pages in between: the row count becomes the total and the
  gap's pages are read when painted — backwards by keyset from the page after them, forwards from
  the page before, or, far from any known key, by offset from the end. Ctrl+Home reads the first
  page by keyset again. Memory stays bounded as above: one or two small keys per page.
* **Refresh keeps the place.** ``refresh`` re-reads the loaded rows (up to the resident bound)
  in one query and swaps them in; the view restores its scroll position from ``refreshed``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)

from app.store.books import Books
from app.ui.kit.session import CompanySession

Index = QModelIndex | QPersistentModelIndex
_DISPLAY = Qt.ItemDataRole.DisplayRole.value
_UNKNOWN = object()
"""A page boundary whose key has not been read (pages in the gap after a jump to the end)."""


class PagedTableModel(QAbstractTableModel):
    """Rows of a keyset-paged query. Subclasses give ``query``, ``load``, ``row_key``, cells."""

    PAGE_SIZE = 200
    MAX_RESIDENT_PAGES = 100
    """Pages whose rows stay in memory (20,000 rows with the default page size)."""

    page_loaded = Signal()
    """A page landed (appended or re-read): tests and benchmarks wait on it."""
    refreshed = Signal()
    """``refresh`` swapped in fresh rows: the view restores its scroll position."""
    failed = Signal(object)
    """A read failed with this exception; the owner shows it in plain words."""
    jumped = Signal()
    """``jump_to_end`` landed: the last row is loaded, the view can make it current."""

    def __init__(self, session: CompanySession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.generation = 0
        self._pages: list[list[Any] | None] = []
        self._starts: list[object | None] = []
        """The key each page starts after (``None`` for the first): enough to re-read it."""
        self._ends: list[object] = []
        """The key of the row after each page (``None`` after the last): to re-read it backwards."""
        self._jumped = False
        """The rows were counted (``jump_to_end``): pages in the gap may have unknown keys."""
        self._count = 0
        self._next_key: object | None = None
        self._exhausted = True
        self._busy = False
        self._wanted: list[int] = []
        self._recent_row = 0
        self._headers: list[str] | None = None

    # --- for subclasses ---------------------------------------------------------------------

    def query(self) -> object:
        """An immutable snapshot of what to list (filter, sort): handed to ``load`` off-thread."""
        raise NotImplementedError

    def load(self, books: Books, query: object, after_key: object | None, limit: int) -> list:
        """Up to ``limit`` rows after ``after_key``. Runs on a worker thread: use only the args."""
        raise NotImplementedError

    def load_back(self, books: Books, query: object, before_key: object | None, limit: int,
                  skip: int = 0) -> list:
        """Up to ``limit`` rows ending just before ``before_key`` (``None``: ending ``skip`` rows
        before the last), in list order. Worker thread, like ``load``. Needed by ``jump_to_end``."""
        raise NotImplementedError

    def count(self, books: Books, query: object) -> int:
        """How many rows the query has. Worker thread. Needed by ``jump_to_end``."""
        raise NotImplementedError

    def row_key(self, row: Any) -> object:
        raise NotImplementedError

    def headers(self) -> list[str]:
        raise NotImplementedError

    def cell(self, row: Any, column: int, role: int) -> object:
        """What ``data`` returns for a loaded row."""
        raise NotImplementedError

    # --- Qt model ---------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._header_texts())

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == _DISPLAY:
            return self._header_texts()[section]
        return None

    def _header_texts(self) -> list[str]:
        """Translated once: Qt asks for the column count thousands of times a second."""
        if self._headers is None:
            self._headers = self.headers()
        return self._headers

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Called for every role of every visible cell at each paint: kept to a few lookups."""
        row = index.row()
        if row < 0:
            return None
        self._recent_row = row
        rows = self._pages[row // self.PAGE_SIZE]
        if rows is None:
            self._want(row // self.PAGE_SIZE)
            return "…" if role == _DISPLAY else None
        offset = row % self.PAGE_SIZE
        return self.cell(rows[offset], index.column(), role) if offset < len(rows) else None

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._busy or self._exhausted:
            return
        self._read(self._next_key, self.PAGE_SIZE, self._appended)

    def jump_to_end(self) -> None:
        """Count the rows and read the last page backwards: ``jumped`` when it lands."""
        self.generation += 1
        self._wanted.clear()
        self._busy = False
        self._read_tail(self._landed_at_end)

    # --- loading ----------------------------------------------------------------------------

    @property
    def loading(self) -> bool:
        return self._busy

    @property
    def resident_rows(self) -> int:
        return sum(len(rows) for rows in self._pages if rows is not None)

    def loaded(self) -> list[tuple[int, Any]]:
        """The resident rows with their positions (never the dropped or unread ones)."""
        return [(page * self.PAGE_SIZE + offset, row)
                for page, rows in enumerate(self._pages) if rows is not None
                for offset, row in enumerate(rows)]

    def row_at(self, row: int) -> Any | None:
        """The loaded row at a position, or ``None`` if its page's rows were dropped."""
        if not 0 <= row < self._count:
            return None
        rows = self._pages[row // self.PAGE_SIZE]
        offset = row % self.PAGE_SIZE
        return rows[offset] if rows is not None and offset < len(rows) else None

    def reset(self) -> None:
        """Forget every row and start over from the first page (a new filter or sort)."""
        self.generation += 1
        self.beginResetModel()
        self._clear()
        self.endResetModel()
        self._busy = False
        self.fetchMore()

    def refresh(self) -> None:
        """Re-read the rows loaded so far in one query, then swap them in (the books changed)."""
        self.generation += 1
        self._busy = True
        self._wanted.clear()
        if self._jumped:  # the place is near the end: count and read the last page again
            self._busy = False
            self._read_tail(self._refreshed_at_end)
            return
        limit = min(max(self._count, self.PAGE_SIZE),
                    self.MAX_RESIDENT_PAGES * self.PAGE_SIZE)
        self._read(None, limit, self._refreshed, check_busy=False)

    def _clear(self) -> None:
        self._pages, self._starts, self._ends, self._wanted = [], [], [], []
        self._count, self._next_key, self._exhausted, self._jumped = 0, None, False, False

    def _read(self, after: object | None, limit: int, done: Any, *,
              page: int | None = None, check_busy: bool = True) -> None:
        query, load = self.query(), self.load
        self._fetch(lambda books: load(books, query, after, limit), after, limit, done,
                    page=page, check_busy=check_busy)

    def _read_back(self, before: object | None, skip: int, limit: int, page: int) -> None:
        query, load_back = self.query(), self.load_back
        self._fetch(lambda books: load_back(books, query, before, limit, skip), None, limit,
                    self._reloaded, page=page)

    def _read_tail(self, done: Callable[[tuple[int, list]], None]) -> None:
        """Count, then read the last page backwards (two reads in one worker job)."""
        query, count, load_back, size = self.query(), self.count, self.load_back, self.PAGE_SIZE

        def work(books: Books) -> tuple[int, list]:
            total = count(books, query)
            return total, load_back(books, query, None, (total - 1) % size + 1 if total else 0)

        self._fetch(work, None, 0, lambda got, *_: done(got), emit_loaded=False)

    def _fetch(self, work: Callable[[Books], Any], after: object | None, limit: int, done: Any,
               *, page: int | None = None, check_busy: bool = True,
               emit_loaded: bool = True) -> None:
        if check_busy and self._busy:
            return
        self._busy = True
        generation = self.generation

        def landed(rows: Any) -> None:
            if generation == self.generation:
                self._busy = False
                done(rows, after, limit, page)
                if emit_loaded:
                    self.page_loaded.emit()
                self._pump()

        def failed(exc: BaseException) -> None:
            if generation == self.generation:
                self._busy = False
                self._exhausted = True
                self.failed.emit(exc)

        self.session.read(work, landed, on_error=failed)

    def _place(self, page: int, rows: list) -> None:
        """Keep a page's rows, and the keys they give its neighbours for reading them again."""
        self._pages[page] = rows
        if rows and page + 1 < len(self._pages):
            self._starts[page + 1] = self.row_key(rows[-1])
        if rows and page > 0:
            self._ends[page - 1] = self.row_key(rows[0])

    def _appended(self, rows: list, after: object | None, limit: int, _page: object) -> None:
        if rows:
            start = self._count
            self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
            self._pages.append(None)
            self._starts.append(after)
            self._ends.append(None)
            self._place(len(self._pages) - 1, rows)
            self._count += len(rows)
            self._next_key = self.row_key(rows[-1])
            self.endInsertRows()
        self._exhausted = len(rows) < limit
        self._evict()

    def _refreshed(self, rows: list, _after: object, limit: int, _page: object) -> None:
        self.beginResetModel()
        self._clear()
        for start in range(0, len(rows), self.PAGE_SIZE):
            self._pages.append(None)
            self._starts.append(self.row_key(rows[start - 1]) if start else None)
            self._ends.append(None)
            self._place(len(self._pages) - 1, rows[start:start + self.PAGE_SIZE])
        self._count = len(rows)
        self._next_key = self.row_key(rows[-1]) if rows else None
        self._exhausted = len(rows) < limit
        self.endResetModel()
        self.refreshed.emit()

    def _lay_out_counted(self, total: int, tail: list) -> None:
        """Rows ``0..total-1`` with only the last page's rows read (after ``jump_to_end``)."""
        pages = -(-total // self.PAGE_SIZE)
        self.beginResetModel()
        self._clear()
        self._pages = [None] * pages
        self._starts = [None] + [_UNKNOWN] * (pages - 1) if pages else []
        self._ends = [_UNKNOWN] * (pages - 1) + [None] if pages else []
        self._count, self._exhausted, self._jumped = total, True, True
        self._recent_row = max(total - 1, 0)
        if pages:
            self._place(pages - 1, tail)
        self.endResetModel()

    def _landed_at_end(self, got: tuple[int, list]) -> None:
        self._lay_out_counted(*got)
        self.jumped.emit()
        self.page_loaded.emit()

    def _refreshed_at_end(self, got: tuple[int, list]) -> None:
        self._lay_out_counted(*got)
        self.refreshed.emit()
        self.page_loaded.emit()

    # --- the memory bound -------------------------------------------------------------------

    def _evict(self) -> None:
        """Drop the rows of the pages farthest from where the view last looked."""
        resident = [i for i, rows in enumerate(self._pages) if rows is not None]
        excess = len(resident) - self.MAX_RESIDENT_PAGES
        if excess <= 0:
            return
        near = self._recent_row // self.PAGE_SIZE
        last = len(self._pages) - 1
        for page in sorted(resident, key=lambda i: abs(i - near), reverse=True):
            if excess <= 0:
                break
            if page not in (near, last):
                self._pages[page] = None
                excess -= 1

    def _want(self, page: int) -> None:
        if page not in self._wanted:
            self._wanted.append(page)
            QTimer.singleShot(0, self, self._pump)

    def _pump(self) -> None:
        """Read one page the view wants (dropped, or in the gap), if no read is on its way."""
        while self._wanted and not self._busy:
            page = self._wanted.pop(0)
            if page < len(self._pages) and self._pages[page] is None:
                self._read_page(page)

    def _read_page(self, page: int) -> None:
        """Forwards from the key before it, else backwards from the key after it, else by offset
        from the end (a page in the middle of the gap, reached by dragging the scroll bar)."""
        if self._starts[page] is not _UNKNOWN:
            self._read(self._starts[page], self.PAGE_SIZE, self._reloaded, page=page)
            return
        first = page * self.PAGE_SIZE
        size = min(self.PAGE_SIZE, self._count - first)
        if self._ends[page] is not _UNKNOWN:
            self._read_back(self._ends[page], 0, size, page)
        else:
            self._read_back(None, self._count - first - size, size, page)

    def _reloaded(self, rows: list, _after: object, _limit: int, page: int) -> None:
        self._place(page, rows)
        self._evict()
        first = page * self.PAGE_SIZE
        last = min(first + self.PAGE_SIZE, self._count) - 1
        self.dataChanged.emit(self.index(first, 0), self.index(last, self.columnCount() - 1))
