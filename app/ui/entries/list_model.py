"""The model behind the Entries page: one row per entry, a page of 200 at a time.

``EntriesModel`` is a ``PagedTableModel`` over ``app.store.entry_list``: the database filters and
sorts, the model formats only the rows a view asks for and keeps a few screens of texts.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from PySide6.QtCore import QDate, QObject, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
)

from app.ledger.model import EntryStatus
from app.ledger.money import from_minor
from app.store.books import Books
from app.store.entry_list import EntryFilter, EntryRow, EntrySort, count_entries, entry_page
from app.ui.kit.paged_model import PagedTableModel
from app.ui.kit.session import CompanySession

_COLUMN_SORTS = (EntrySort.DATE, EntrySort.NUMBER, EntrySort.NUMBER, EntrySort.REFERENCE,
                 EntrySort.LABEL, EntrySort.AMOUNT, EntrySort.STATUS)
"""The server-side sort behind each column (Journal and No. both sort by journal, then number)."""
AMOUNT_COLUMN = 5
OPEN_DATE = QDate(1900, 1, 1)
"""A date edit at this value shows "—": no bound on that side."""
_DRAFT_COLOUR = QColor(176, 96, 0)
_TEXT_CACHE = 4000
"""Rows whose texts are kept formatted (a few screens' worth; rebuilt on demand)."""
_DISPLAY, _ALIGN, _FONT, _COLOUR, _ID = (r.value for r in (
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.FontRole,
    Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.UserRole))
_STYLED = frozenset((_ALIGN, _FONT, _COLOUR, _ID))
_RIGHT = (Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value


@dataclass(frozen=True, slots=True)
class EntriesQuery:
    filter: EntryFilter = field(default_factory=EntryFilter)
    sort: EntrySort = EntrySort.DATE
    descending: bool = True
    """Newest first: the entries an accountant just typed are the ones looked for."""


class EntriesModel(PagedTableModel):
    """The entries matching a query, a page at a time."""

    def __init__(self, session: CompanySession, parent: QObject | None = None) -> None:
        super().__init__(session, parent)
        self.current = EntriesQuery()
        self._italic = QFont()
        self._italic.setItalic(True)
        self._draft_brush = QBrush(_DRAFT_COLOUR)
        self._draft_text, self._posted_text = self.tr("Draft"), self.tr("Posted")
        self._texts: dict[int, tuple[str, ...]] = {}
        self.modelReset.connect(self._texts.clear)

    def set_query(self, query: EntriesQuery) -> None:
        if query != self.current:
            self.current = query
            self.reset()

    def query(self) -> EntriesQuery:
        return self.current

    def load(self, books: Books, query: object, after_key: object | None,
             limit: int) -> list[EntryRow]:
        assert isinstance(query, EntriesQuery)
        return entry_page(books, query.filter, query.sort, query.descending,
                          after_key=after_key, limit=limit)  # type: ignore[arg-type]

    def load_back(self, books: Books, query: object, before_key: object | None, limit: int,
                  skip: int = 0) -> list[EntryRow]:
        """The same order walked from the other end, then turned round (Ctrl+End)."""
        assert isinstance(query, EntriesQuery)
        rows = entry_page(books, query.filter, query.sort, not query.descending,
                          after_key=before_key, offset=skip, limit=limit)  # type: ignore[arg-type]
        return rows[::-1]

    def count(self, books: Books, query: object) -> int:
        assert isinstance(query, EntriesQuery)
        return count_entries(books, query.filter)

    def row_key(self, row: EntryRow) -> object:
        return row.key

    def headers(self) -> list[str]:
        return [self.tr("Date"), self.tr("Journal"), self.tr("No."), self.tr("Reference"),
                self.tr("Label"), self.tr("Amount"), self.tr("Status")]

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if (role == Qt.ItemDataRole.ToolTipRole and section == AMOUNT_COLUMN
                and orientation == Qt.Orientation.Horizontal):
            return self.tr("Total debit. Sorting by it adds up every entry's lines, "
                           "so each page is slower on a large file.")
        return super().headerData(section, orientation, role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        descending = order == Qt.SortOrder.DescendingOrder
        self.set_query(replace(self.current, sort=_COLUMN_SORTS[column], descending=descending))

    def cell(self, row: EntryRow, column: int, role: int) -> object:
        if role == _DISPLAY:
            texts = self._texts.get(row.id)
            if texts is None:
                if len(self._texts) >= _TEXT_CACHE:
                    self._texts.clear()
                texts = self._texts[row.id] = self._display(row)
            return texts[column]
        if role not in _STYLED:
            return None
        draft = row.status == EntryStatus.DRAFT
        if role == _ALIGN:
            return _RIGHT if column in (2, AMOUNT_COLUMN) else None
        if role == _FONT:
            return self._italic if draft else None
        if role == _COLOUR:
            return self._draft_brush if draft and column == 6 else None
        return row.id

    def _display(self, row: EntryRow) -> tuple[str, ...]:
        """The row's seven texts, formatted once and reused by every later paint."""
        fmt = self.session.fmt
        return (fmt.date(row.date), row.journal, "" if row.number is None else str(row.number),
                row.reference, row.label, fmt.amount(from_minor(row.total_debit, fmt.currency)),
                self._draft_text if row.status == EntryStatus.DRAFT else self._posted_text)
