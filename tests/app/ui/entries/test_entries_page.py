"""The Entries page: pages fetched as the view scrolls, filters, sorting, opening an entry."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.ledger.model import Entry, Line
from app.store.books import Books
from app.store.entry_list import EntrySort
from app.ui.entries.list_model import EntriesModel, EntriesQuery
from app.ui.entries.page import EntriesPage
from app.ui.kit.session import Change, CompanySession

ENTRIES = 450


def _entry(n: int) -> Entry:
    amount = Decimal(100 + n)
    return Entry("OD" if n % 3 else "BQ", date(2025, 1, 1) + timedelta(days=n % 300),
                 f"Operation {n}", (Line("626", debit=amount), Line("512", credit=amount)),
                 reference=f"R{n:04d}")


@pytest.fixture
def filled(books: Books) -> Books:
    """450 posted entries (a third in BQ, the rest in OD) and one draft."""
    books.post_many([_entry(n) for n in range(ENTRIES)])
    books.save_draft(Entry("OD", date(2025, 12, 30), "Loyer brouillon", (
        Line("626", debit=Decimal("999.99")), Line("512", credit=Decimal("999.99")))))
    return books


@pytest.fixture
def page(filled: Books, session: CompanySession, qtbot: QtBot) -> EntriesPage:
    widget = EntriesPage(session)
    qtbot.addWidget(widget)
    widget.resize(1100, 600)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def labels(page: EntriesPage) -> list[str]:
    return [page.model.row_at(r).label for r in range(page.model.rowCount())]


def test_rows_arrive_a_page_at_a_time_as_the_view_scrolls(page: EntriesPage,
                                                          qtbot: QtBot) -> None:
    model = page.model
    assert model.rowCount() == model.PAGE_SIZE
    assert model.canFetchMore(QModelIndex())
    assert page.count_label.text() == "451 entries"
    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() == 2 * model.PAGE_SIZE)
    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() == ENTRIES + 1)
    assert not model.canFetchMore(QModelIndex())
    ids = [model.row_at(r).id for r in range(model.rowCount())]
    assert len(set(ids)) == len(ids)
    assert model.row_at(0).label == "Loyer brouillon"  # newest first: the draft of 30 Dec


def test_cells_show_date_amount_and_a_distinct_draft(page: EntriesPage) -> None:
    model = page.model
    draft = model.index(0, 0)
    assert model.data(draft) == page.session.fmt.date(date(2025, 12, 30))
    assert model.data(model.index(0, 5)) == "999.99"
    assert model.data(model.index(0, 5), Qt.ItemDataRole.TextAlignmentRole) == int(
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    assert model.data(model.index(0, 6)) == "Draft"
    assert model.data(model.index(0, 2)) == ""
    assert model.data(model.index(0, 4), Qt.ItemDataRole.FontRole).italic()
    assert model.data(model.index(1, 6)) == "Posted"
    assert model.data(model.index(1, 4), Qt.ItemDataRole.FontRole) is None


def test_filters_change_the_rows_and_the_count(page: EntriesPage, qtbot: QtBot) -> None:
    page.journal.setCurrentIndex(page.journal.findData("BQ"))
    assert page.model.rowCount() == ENTRIES // 3
    assert page.count_label.text() == "150 entries"
    page.journal.setCurrentIndex(0)
    page.status.setCurrentIndex(page.status.findData("draft"))
    assert labels(page) == ["Loyer brouillon"]
    page.status.setCurrentIndex(0)
    page.account.setText("626")
    page.amount.setText("142")
    page.search.setText("operation")
    assert page.model.rowCount() == page.model.PAGE_SIZE  # debounced: not applied yet
    qtbot.waitUntil(lambda: labels(page) == ["Operation 42"], timeout=2000)
    assert page.count_label.text() == "1 entry"


def test_period_choices_set_the_dates(page: EntriesPage) -> None:
    page.period.setCurrentIndex(page.period.findData("year"))
    assert page.current_filter().first == date(2025, 1, 1)
    assert page.current_filter().last == date(2025, 12, 31)
    page.first.setDate(page.first.date().addDays(363))
    assert page.period.currentData() == "custom"
    assert labels(page) == ["Loyer brouillon"]
    page.period.setCurrentIndex(page.period.findData("all"))
    assert page.current_filter().first is None and page.current_filter().last is None


def test_a_bad_amount_turns_the_field_red_and_is_not_applied(page: EntriesPage) -> None:
    page.amount.setText("12,3x")
    page.apply_filter()
    assert "Not applied" in page.amount.toolTip()
    assert page.amount.styleSheet()
    assert page.model.current.filter.amount is None
    page.amount.setText("1 042,00")
    page.apply_filter()
    assert page.amount.toolTip() == "" and page.amount.styleSheet() == ""
    assert page.model.current.filter.amount == Decimal("1042.00")


def test_clicking_a_header_sorts_in_the_database(page: EntriesPage, qtbot: QtBot) -> None:
    header = page.table.horizontalHeader()
    x = header.sectionViewportPosition(5) + header.sectionSize(5) // 2
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=header.viewport().rect().center().__class__(x, 5))
    assert page.model.current.sort == EntrySort.AMOUNT
    assert page.table.model() is page.model
    totals = [page.model.row_at(r).total_debit for r in range(page.model.rowCount())]
    assert totals == sorted(totals)
    assert totals[0] == 10000
    page.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)
    assert page.model.row_at(0).reference == "R0449"


def test_double_click_and_enter_open_the_entry(page: EntriesPage, qtbot: QtBot,
                                               filled: Books) -> None:
    row = page.model.row_at(3)
    rect = page.table.visualRect(page.model.index(3, 4))
    QTest.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(page.session.open_entry_requested) as opened:
        QTest.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [row.id]
    assert filled.entry(row.id).label == row.label
    page.table.setCurrentIndex(page.model.index(5, 0))
    page.table.setFocus()
    with qtbot.waitSignal(page.session.open_entry_requested) as opened:
        QTest.keyClick(page.table, Qt.Key.Key_Return)
    assert opened.args == [page.model.row_at(5).id]
    with qtbot.waitSignal(page.session.open_entry_requested) as opened:
        page.new_button.click()
    assert opened.args == [None]


def test_ctrl_f_focuses_the_search(page: EntriesPage, qtbot: QtBot) -> None:
    page.activateWindow()
    page.table.setFocus()
    QTest.keyClick(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.search)


def test_a_change_to_the_entries_refreshes_in_place(page: EntriesPage, qtbot: QtBot) -> None:
    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2 * page.model.PAGE_SIZE)
    page.table.setCurrentIndex(page.model.index(250, 0))
    chosen = page.model.row_at(250).id
    new = _entry(999)
    page.session.op(lambda b: b.post(Entry("OD", date(2025, 12, 31), "Nouvelle", new.lines)),
                    Change.ENTRIES)
    assert page.model.row_at(0).label == "Nouvelle"
    assert page.model.rowCount() == 2 * page.model.PAGE_SIZE
    assert page.model.row_at(page.table.currentIndex().row()).id == chosen
    assert page.count_label.text() == "452 entries"


def test_a_page_for_an_old_query_is_dropped(session: CompanySession, filled: Books,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    pending: list = []
    monkeypatch.setattr(session, "read", lambda work, done, **_kw: pending.append((work, done)))
    model = EntriesModel(session)
    model.reset()
    assert model.loading
    model.fetchMore(QModelIndex())
    assert len(pending) == 1  # one fetch in flight at a time
    model.set_query(EntriesQuery(sort=EntrySort.REFERENCE, descending=False))
    assert len(pending) == 2
    for work, done in reversed(pending):  # the new query's page lands first, the old one late
        done(work(filled))
    assert model.rowCount() == model.PAGE_SIZE
    assert [model.row_at(r).reference for r in range(3)] == ["", "R0000", "R0001"]


def test_far_pages_drop_their_rows_and_are_read_again(session: CompanySession, filled: Books,
                                                      qtbot: QtBot) -> None:
    model = EntriesModel(session)
    model.PAGE_SIZE, model.MAX_RESIDENT_PAGES = 50, 3
    model.reset()
    first_ids = [model.row_at(r).id for r in range(50)]
    while model.canFetchMore(QModelIndex()):  # the view sits at the bottom, painting the end
        model.data(model.index(model.rowCount() - 1, 0))
        model.fetchMore(QModelIndex())
    assert model.rowCount() == ENTRIES + 1
    assert model.resident_rows <= 3 * 50
    assert model.row_at(0) is None
    assert model.data(model.index(0, 4)) == "…"
    with qtbot.waitSignal(model.page_loaded):
        pass
    assert [model.row_at(r).id for r in range(50)] == first_ids
    assert model.resident_rows <= 3 * 50


def test_enter_in_a_filter_field_does_not_open_an_entry(page: EntriesPage, qtbot: QtBot) -> None:
    opened: list[object] = []
    page.session.open_entry_requested.connect(opened.append)
    page.activateWindow()
    for field, text in ((page.account, "626"), (page.amount, "101"), (page.search, "Operation")):
        field.setFocus()
        qtbot.waitUntil(field.hasFocus)
        QTest.keyClicks(field, text)
        QTest.keyClick(field, Qt.Key.Key_Return)
        QTest.keyClick(field, Qt.Key.Key_Enter)
    assert opened == []
    page.table.setFocus()
    QTest.keyClick(page.table, Qt.Key.Key_Return)  # the list's own Enter still opens
    assert len(opened) == 1


def _ctrl(page: EntriesPage, key: Qt.Key) -> None:
    page.activateWindow()
    page.table.setFocus()
    QTest.keyClick(page.table, key, Qt.KeyboardModifier.ControlModifier)


def test_ctrl_end_jumps_to_the_last_entry_and_ctrl_home_back(page: EntriesPage,
                                                              qtbot: QtBot) -> None:
    model = page.model
    assert model.canFetchMore(QModelIndex())
    _ctrl(page, Qt.Key.Key_End)
    assert model.rowCount() == ENTRIES + 1
    assert page.table.currentIndex().row() == ENTRIES
    oldest = model.row_at(ENTRIES)
    assert (oldest.date, oldest.label) == (date(2025, 1, 1), "Operation 0")  # newest first
    assert model.resident_rows <= model.PAGE_SIZE  # only the last page was read
    _ctrl(page, Qt.Key.Key_Home)
    assert page.table.currentIndex().row() == 0
    qtbot.waitUntil(lambda: model.row_at(0) is not None)
    assert model.row_at(0).label == "Loyer brouillon"


def test_after_a_jump_the_gap_reads_the_same_rows_as_scrolling(
        session: CompanySession, filled: Books, qtbot: QtBot) -> None:
    scrolled = EntriesModel(session)
    scrolled.PAGE_SIZE = 50
    scrolled.reset()
    while scrolled.canFetchMore(QModelIndex()):
        scrolled.fetchMore(QModelIndex())
    expected = [scrolled.row_at(r).id for r in range(scrolled.rowCount())]

    jumped = EntriesModel(session)
    jumped.PAGE_SIZE, jumped.MAX_RESIDENT_PAGES = 50, 3
    jumped.reset()
    with qtbot.waitSignal(jumped.jumped):
        jumped.jump_to_end()
    assert jumped.rowCount() == len(expected)
    assert not jumped.canFetchMore(QModelIndex())
    # the middle first (by offset from the end), then upwards (keyset backwards) and downwards
    order = [4, 3, 2, 5, 6, 7, 0, 1]
    for page in order:
        jumped.data(jumped.index(page * 50, 0))
        qtbot.waitUntil(lambda page=page: jumped.row_at(page * 50) is not None)
        got = [jumped.row_at(r).id for r in range(page * 50, min(page * 50 + 50, len(expected)))]
        assert got == expected[page * 50:page * 50 + 50]
        assert jumped.resident_rows <= 3 * 50


def test_a_change_after_a_jump_keeps_the_end(page: EntriesPage, filled: Books,
                                             qtbot: QtBot) -> None:
    _ctrl(page, Qt.Key.Key_End)
    filled.post(Entry("OD", date(2025, 12, 31), "Nouvelle", (
        Line("626", debit=Decimal(5)), Line("512", credit=Decimal(5)))))
    page.session.changed.emit(Change.ENTRIES)
    qtbot.waitUntil(lambda: page.model.rowCount() == ENTRIES + 2)
    page.model.data(page.model.index(ENTRIES + 1, 0))
    qtbot.waitUntil(lambda: page.model.row_at(ENTRIES + 1) is not None)
    assert page.model.row_at(ENTRIES + 1).label == "Operation 0"
    page.table.scrollToTop()
    qtbot.waitUntil(lambda: page.model.row_at(0) is not None)
    assert page.model.row_at(0).label == "Nouvelle"
    assert page.count_label.text() == "452 entries"


def test_search_finds_accented_labels_without_accents(page: EntriesPage, filled: Books,
                                                      qtbot: QtBot) -> None:
    filled.post(Entry("OD", date(2025, 12, 31), "RÈGLEMENT LOYER", (
        Line("626", debit=Decimal(10)), Line("512", credit=Decimal(10)))))
    page.session.changed.emit(Change.ENTRIES)
    page.search.setText("reglement")
    page.apply_filter()
    assert labels(page) == ["RÈGLEMENT LOYER"]
    assert page.count_label.text() == "1 entry"
