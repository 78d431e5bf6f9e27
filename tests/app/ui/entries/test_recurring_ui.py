"""The recurring entries window: templates made, edited, paused and deleted from the keyboard,
drafts proposed only after showing what is due, refusals in words; and the Entries page's way in
(Ctrl+Shift+R, "Make recurring…" on an entry)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from app.ledger.model import Entry, EntryStatus, Line
from app.ledger.recurring import Template, TemplateLine
from app.store import recurring
from app.store.books import Books
from app.store.entry_list import EntryFilter, count_entries
from app.ui.entries import recurring_form
from app.ui.entries.page import EntriesPage
from app.ui.entries.recurring_dialog import RecurringDialog
from app.ui.entries.recurring_form import ACCOUNT, CREDIT, DEBIT, TemplateDialog
from app.ui.kit.fmt import to_qdate
from app.ui.kit.session import Change, CompanySession

RENT = Template(name="Loyer", journal="OD", label="Loyer {month}", every_months=1,
                day_of_month=31, next_date=date(2025, 1, 31),
                lines=(TemplateLine("626", debit=Decimal("50000")),
                       TemplateLine("512", credit=Decimal("50000"))))


def add(books: Books, template: Template = RENT) -> None:
    with books.write() as cur:
        recurring.add_template(cur, template, books.currency)


def templates(books: Books) -> list[Template]:
    with books.read() as cur:
        return recurring.list_templates(cur, books.currency)


def drafts(books: Books) -> int:
    return count_entries(books, EntryFilter(status=EntryStatus.DRAFT))


@pytest.fixture
def rec(session: CompanySession, qtbot: QtBot) -> RecurringDialog:
    dialog = RecurringDialog(session, today=lambda: date(2025, 3, 31))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def ok(dialog: TemplateDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def type_line(form: TemplateDialog, row: int, account: str, debit: str, credit: str) -> None:
    for column, text in ((ACCOUNT, account), (DEBIT, debit), (CREDIT, credit)):
        form.lines.item(row, column).setText(text)


def test_insert_opens_the_form_and_ok_saves_a_balanced_template(rec, session, qtbot):
    rec.list.setFocus()
    QTest.keyClick(rec.list, Qt.Key.Key_Insert)
    form = rec.form
    assert form is not None and form.isVisible()
    form.name.setText("Assurance")
    form.label.setText("Assurance {period}")
    form.every.setCurrentIndex(form.every.findData(3))
    form.day.setValue(1)
    form.first.setDate(to_qdate(date(2025, 1, 1)))
    type_line(form, 0, "616", "12000", "")
    type_line(form, 1, "512", "", "10000")
    assert "differ by" in form.message.text()
    assert "off by" in form.balance.text()
    assert not form.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    type_line(form, 1, "512", "", "12000")
    assert form.message.text() == ""
    assert "Balanced" in form.balance.text()
    ok(form)
    assert not form.isVisible()
    saved = templates(session.books)
    assert [(t.name, t.every_months, t.day_of_month, t.total) for t in saved] == [
        ("Assurance", 3, 1, Decimal("12000"))]
    assert rec.list.topLevelItem(0).text(0) == "Assurance"
    assert rec.list.topLevelItem(0).text(3) == "Quarterly, day 1"


def test_the_store_refusal_stays_in_the_form(rec, session):
    form = rec.new_template()
    form.name.setText("Mauvais")
    form.label.setText("Compte inconnu")
    type_line(form, 0, "999999", "10", "")
    type_line(form, 1, "512", "", "10")
    ok(form)
    assert form.isVisible()
    assert "999999" in form.message.text()
    assert templates(session.books) == []


def test_f2_edits_ctrl_d_pauses_and_resumes(rec, session):
    add(session.books)
    rec.load()
    QTest.keyClick(rec.list, Qt.Key.Key_F2)
    form = rec.form
    assert form.name.text() == "Loyer" and form.lines.rowCount() == 2
    form.label.setText("Loyer du bureau {month}")
    ok(form)
    assert templates(session.books)[0].label == "Loyer du bureau {month}"
    QTest.keyClick(rec.list, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert not templates(session.books)[0].active
    assert rec.list.topLevelItem(0).text(6) == "Paused"
    assert rec.buttons["pause"].text() == "Res&ume"
    QTest.keyClick(rec.list, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert templates(session.books)[0].active


def test_enter_on_a_template_edits_it_and_keeps_the_window_open(rec, session):
    assert rec.empty.isVisibleTo(rec)
    add(session.books)
    rec.load()
    assert not rec.empty.isVisibleTo(rec)
    rec.list.setFocus()
    QTest.keyClick(rec.list, Qt.Key.Key_Return)
    assert rec.form is not None and rec.form.isVisible()
    assert rec.isVisible()
    rec.form.reject()


def test_delete_asks_first(rec, session, monkeypatch):
    add(session.books)
    rec.load()
    asked: list[str] = []
    monkeypatch.setattr(rec, "confirm", lambda question: asked.append(question) or False)
    QTest.keyClick(rec.list, Qt.Key.Key_Delete)
    assert len(asked) == 1 and "Loyer" in asked[0]
    assert len(templates(session.books)) == 1
    monkeypatch.setattr(rec, "confirm", lambda _question: True)
    QTest.keyClick(rec.list, Qt.Key.Key_Delete)
    assert templates(session.books) == []
    assert rec.list.topLevelItem(0) is None


def test_propose_shows_what_is_due_then_drafts_it(rec, session, qtbot):
    add(session.books)
    rec.load()
    QTest.keyClick(rec.list, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    propose = rec.proposing
    assert propose is not None and propose.isVisible()
    rows = [propose.list.topLevelItem(n) for n in range(propose.list.topLevelItemCount())]
    assert [r.text(2) for r in rows] == ["Loyer 01/2025", "Loyer 02/2025", "Loyer 03/2025"]
    assert {r.text(4) for r in rows} == {"Yes"}
    assert drafts(session.books) == 0
    assert "3 drafts will be made" in propose.message.text()
    propose.activateWindow()
    qtbot.waitUntil(propose.isActiveWindow)
    QTest.keyClick(propose.list, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert drafts(session.books) == 3
    assert "3 drafts made" in propose.message.text()
    assert "Entries page" in rec.message.text()
    assert propose.list.topLevelItemCount() == 0
    assert templates(session.books)[0].next_date == date(2025, 4, 30)


def test_a_blocked_occurrence_says_why_and_nothing_can_be_drafted(rec, session):
    add(session.books, Template(
        name="Loyer 2026", journal="OD", label="Loyer {month}", every_months=1,
        day_of_month=5, next_date=date(2025, 12, 5),
        lines=RENT.lines))
    rec.load()
    propose = rec.propose()
    propose.up_to.setDate(to_qdate(date(2026, 1, 31)))
    rows = [propose.list.topLevelItem(n) for n in range(propose.list.topLevelItemCount())]
    assert [r.text(4) == "Yes" for r in rows] == [True, False]
    assert "fiscal year" in rows[1].text(4).lower()
    assert not propose.draft.isEnabled()
    assert "1 of the 2" in propose.message.text()


def test_a_refusal_when_drafting_is_shown_in_words_and_nothing_is_written(rec, session):
    add(session.books)
    rec.load()
    propose = rec.propose()
    assert propose.draft.isEnabled()
    session.books.set_lock_date(date(2025, 2, 28))
    propose.draft.click()
    assert drafts(session.books) == 0
    text = propose.message.text()
    assert text.startswith("Nothing was drafted")
    assert "Loyer" in text and "lock" in text.lower()


def test_the_entries_page_opens_the_window_and_makes_a_template_from_an_entry(
        session, qtbot):
    session.books.post(Entry("OD", date(2025, 1, 10), "Loyer janvier", (
        Line("626", debit=Decimal("800")), Line("512", credit=Decimal("800")))))
    page = EntriesPage(session)
    qtbot.addWidget(page)
    page.resize(1024, 600)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    assert page.open_recurring().isVisible()
    page.table.setCurrentIndex(page.model.index(0, 0))
    page.make_recurring_action.trigger()
    form = page.recurring_dialog.form
    assert form is not None and form.isVisible()
    assert form.name.text() == "Loyer janvier" and form.day.value() == 10
    assert form.lines.item(0, ACCOUNT).text() == "626"
    form.label.setText("Loyer {month}")
    ok(form)
    assert [(t.name, t.next_date, t.label) for t in templates(session.books)] == [
        ("Loyer janvier", date(2025, 2, 10), "Loyer {month}")]


def test_refusal_text_lists_each_blocked_occurrence(session):
    add(session.books)
    session.books.set_lock_date(date(2025, 12, 31))
    with session.books.write() as cur, pytest.raises(recurring.RecurringRefused) as refused:
        recurring.propose_due(cur, date(2025, 2, 28), session.books.currency)
    text = recurring_form.refusal_text(refused.value, session)
    assert text.count("• Loyer") == 2


def test_read_only_books_offer_no_change(rec, session):
    add(session.books)
    rec.load()
    session.read_only_reason = "kept on another PC"
    session.changed.emit(Change.ACCESS)
    assert not any(b.isEnabled() for b in rec.buttons.values())
    assert rec.new_template() is None and rec.propose() is None
    QTest.keyClick(rec.list, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert templates(session.books)[0].active
