"""The entry editor: typing, checking, posting, and what a posted entry allows."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.ledger.model import EntryId, EntryStatus, ThirdParty, ThirdPartyKind
from app.reports.balances import trial_balance
from app.store.books import Books
from app.store.company import KeySource
from app.store.database import StoreError
from app.ui.entries.catalog import load_catalog
from app.ui.entries.dialogs import CloseAnswer
from app.ui.entries.editor import EntryEditor
from app.ui.entries.lines_model import PROBLEM_BACKGROUND, Col
from app.ui.kit.session import Change, CompanySession
from app.ui.window.shell import MainWindow
from tests.ledger_text import post_text

SALE = """
    2025-01-15 VT "Facture 1"
      411  1190.00  CLIENT1
      700  -1000.00
      4457 -190.00
"""


@pytest.fixture(autouse=True)
def asked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Questions the editor would ask in a modal box are answered here, and recorded."""
    questions: list[str] = []

    def ask_save(editor: EntryEditor) -> CloseAnswer:
        questions.append("save?")
        return CloseAnswer.DISCARD

    def confirm(editor: EntryEditor, title: str, text: str) -> bool:
        questions.append(text)
        return True

    monkeypatch.setattr(EntryEditor, "_ask_save", ask_save)
    monkeypatch.setattr(EntryEditor, "_confirm", confirm)
    return questions


def _open(qtbot: QtBot, session: CompanySession, entry_id: int | None = None) -> EntryEditor:
    editor = EntryEditor(session, entry_id, None)
    qtbot.addWidget(editor)
    editor.show()
    editor.activateWindow()
    qtbot.waitUntil(lambda: editor.isActiveWindow() and QApplication.focusWidget() is not None)
    return editor


def _type(qtbot: QtBot, text: str) -> None:
    """Type as on a keyboard: each key goes to whichever widget has the focus by then."""
    for char in text:
        qtbot.keyClicks(QApplication.focusWidget(), char)


def _press(qtbot: QtBot, key: Qt.Key,
           modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def _fill(editor: EntryEditor, row: int, **cells: str) -> None:
    """Set cells the way their editors would (without the keyboard)."""
    model = editor.model
    while model.rowCount() <= row:
        model.insert_row(model.rowCount())
    for name, value in cells.items():
        model.setData(model.index(row, Col[name.upper()]), value)


def _cell(editor: EntryEditor, row: int, col: Col, role: int = Qt.ItemDataRole.DisplayRole):
    return editor.model.data(editor.model.index(row, col), role)


def _posted_count(books: Books) -> int:
    with books.read() as cur:
        return cur.execute("SELECT count(*) FROM entry WHERE status = 'posted'").fetchone()[0]


def test_an_entry_is_typed_and_posted_with_the_keyboard_alone(
        qtbot: QtBot, session: CompanySession, books: Books) -> None:
    editor = _open(qtbot, session)
    assert QApplication.focusWidget() is editor.header.journal
    _type(qtbot, "B")                                    # journal BQ — Banque
    _press(qtbot, Qt.Key.Key_Tab)
    _type(qtbot, "15032025")                             # date 15/03/2025
    _press(qtbot, Qt.Key.Key_Tab)
    _type(qtbot, "CHQ 42")                               # reference
    _press(qtbot, Qt.Key.Key_Tab)
    _type(qtbot, "Cash sale")                            # label
    _press(qtbot, Qt.Key.Key_Tab)
    _type(qtbot, "512")                                  # account by its number
    _press(qtbot, Qt.Key.Key_Tab)
    _type(qtbot, "Takings")                              # line label
    _press(qtbot, Qt.Key.Key_Tab)                        # 512 needs no third party: passed
    _type(qtbot, "1000")                                 # debit
    _press(qtbot, Qt.Key.Key_Return)                     # Enter goes right, to credit
    _press(qtbot, Qt.Key.Key_Return)                     # end of line: next line's account
    assert editor.table.currentIndex().row() == 1
    assert editor.table.currentIndex().column() == Col.ACCOUNT
    _type(qtbot, "sales of goo")                         # account by its label
    assert QApplication.focusWidget().completer_.popup().isVisible()
    _press(qtbot, Qt.Key.Key_Return)                     # takes the completer's match
    _press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)   # post

    assert editor.entry is not None and editor.entry.status is EntryStatus.POSTED
    stored = books.entry(editor.entry.id)
    assert (stored.journal, stored.date, stored.reference, stored.label) == (
        "BQ", date(2025, 3, 15), "CHQ 42", "Cash sale")
    assert [(ln.account, ln.label, ln.debit, ln.credit) for ln in stored.lines] == [
        ("512", "Takings", Decimal("1000.00"), Decimal("0.00")),
        ("700", "", Decimal("0.00"), Decimal("1000.00")),
    ]
    balances = {r.account: (r.debit, r.credit) for r in trial_balance(
        books, date(2025, 1, 1), date(2025, 12, 31)).rows}
    assert balances["512"] == (Decimal("1000.00"), Decimal("0.00"))
    assert balances["700"] == (Decimal("0.00"), Decimal("1000.00"))
    assert editor.windowTitle() == "BQ 1 — Cash sale"
    assert not editor.post_action.isEnabled()


def test_lines_are_edited_from_the_keyboard(
        qtbot: QtBot, session: CompanySession, asked: list[str]) -> None:
    editor = _open(qtbot, session)
    _fill(editor, 0, account="512", debit="1000")
    _fill(editor, 1, account="700", credit="600")
    editor.table.go_to(1, Col.CREDIT)

    _press(qtbot, Qt.Key.Key_Tab)                        # past the end: a new line, offered 400
    assert editor.table.currentIndex().row() == 2
    assert _cell(editor, 2, Col.CREDIT) == "400.00"
    _type(qtbot, "4457")
    _press(qtbot, Qt.Key.Key_Tab)
    _press(qtbot, Qt.Key.Key_Tab)                        # past the third party: not needed
    _press(qtbot, Qt.Key.Key_Tab)                        # the offered credit, selected
    _type(qtbot, "300")                                  # typing replaces it
    _press(qtbot, Qt.Key.Key_Return)
    assert editor.model.rows[2].credit == Decimal("300.00")
    assert editor.totals.values["difference"].text() == "100.00"

    editor.table.go_to(2, Col.CREDIT)
    _press(qtbot, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)    # balance this line
    assert editor.model.rows[2].credit == Decimal("400.00")
    _press(qtbot, Qt.Key.Key_Backtab)                    # Shift+Tab: back to the debit
    assert editor.table.currentIndex().column() == Col.DEBIT
    _press(qtbot, Qt.Key.Key_Insert, Qt.KeyboardModifier.ControlModifier)   # a line above
    assert editor.model.rowCount() == 5 and editor.model.rows[2].is_blank()
    _press(qtbot, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)   # and away again
    assert [r.account for r in editor.model.rows[:3]] == ["512", "700", "4457"]
    editor.table.go_to(0, Col.DEBIT)
    _press(qtbot, Qt.Key.Key_Delete)                     # Delete clears the cell
    assert editor.model.rows[0].debit == 0

    editor.table.go_to(3, Col.ACCOUNT)
    _type(qtbot, "bank")                                 # 512, 519, 627 proposed
    popup = QApplication.focusWidget().completer_.popup()
    qtbot.keyClick(popup, Qt.Key.Key_Tab)                # several match, none picked: stays
    assert popup.isVisible() and editor.model.rows[3].account == ""
    qtbot.keyClick(popup, Qt.Key.Key_Down)               # keys go to the popup while it shows
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Tab)
    assert editor.model.rows[3].account == "519"
    assert editor.table.currentIndex() == editor.model.index(3, Col.LABEL)

    editor.table.go_to(0, Col.ACCOUNT)
    _type(qtbot, "6")
    _press(qtbot, Qt.Key.Key_Escape)                     # Esc in a cell drops what was typed
    assert editor.isVisible() and editor.model.rows[0].account == "512"
    _press(qtbot, Qt.Key.Key_Escape)                     # Esc in the window closes it
    assert asked == ["save?"] and not editor.isVisible()


def test_an_unbalanced_entry_is_not_posted_and_the_editor_says_why(
        qtbot: QtBot, session: CompanySession, books: Books) -> None:
    editor = _open(qtbot, session)
    editor.header.label.setText("Unbalanced")
    _fill(editor, 0, account="512", debit="1000")
    _fill(editor, 1, account="700", credit="900")
    assert editor.totals.values["difference"].text() == "100.00"

    editor.post_action.trigger()

    said = editor.problem_texts()
    assert said[0] == "The entry was not posted:"
    assert "The entry does not balance: debit 1,000.00, credit 900.00, difference 100.00" in said
    assert _posted_count(books) == 0
    assert editor.entry is None and editor.post_action.isEnabled()


def test_problems_are_listed_with_their_line_and_their_cells_marked(
        qtbot: QtBot, session: CompanySession) -> None:
    editor = _open(qtbot, session)
    editor.header.label.setText("Frais")
    _fill(editor, 0, account="512", debit="100")
    _fill(editor, 2, account="41", credit="12x")          # row 2 (line 3): a blank row between

    said = editor.problem_texts()
    assert "Line 3: '12x' is not an amount" in said
    assert "Line 3: Account 41 is a heading and cannot be posted to" in said
    assert _cell(editor, 2, Col.CREDIT) == "12x"
    assert _cell(editor, 2, Col.ACCOUNT, Qt.ItemDataRole.BackgroundRole) == PROBLEM_BACKGROUND
    assert "heading" in _cell(editor, 2, Col.ACCOUNT, Qt.ItemDataRole.ToolTipRole)
    assert _cell(editor, 0, Col.ACCOUNT, Qt.ItemDataRole.BackgroundRole) is None

    _fill(editor, 2, account="700", credit="100")
    assert editor.problem_texts() == []
    assert _cell(editor, 2, Col.ACCOUNT, Qt.ItemDataRole.BackgroundRole) is None


def test_problems_are_worded_in_the_interface_language(
        qtbot: QtBot, books: Books, make_session: Callable[..., CompanySession]) -> None:
    editor = _open(qtbot, make_session(books, "fr"))
    _fill(editor, 0, account="512", debit="100")
    _fill(editor, 1, account="411", credit="90")
    said = editor.problem_texts()
    assert "L'écriture n'a pas de libellé ; il est obligatoire (c'est l'EcritureLib du FEC)" in said
    assert any(text.endswith("Le compte 411 exige un tiers") for text in said)
    assert any(text.startswith("L'écriture n'est pas équilibrée : débit 100,00")
               and text.endswith("écart 10,00") for text in said)
    assert "EcritureLib" in editor.header.label.toolTip()
    qtbot.keyClicks(editor.header.label, "Facture 12")
    qtbot.waitUntil(lambda: editor.header.label.toolTip() == "")
    assert not any("libellé" in text for text in editor.problem_texts())


def test_typing_in_debit_clears_credit_and_amounts_are_right_aligned(
        qtbot: QtBot, session: CompanySession) -> None:
    editor = _open(qtbot, session)
    _fill(editor, 0, account="512", credit="250,5")
    assert _cell(editor, 0, Col.CREDIT) == "250.50"
    _fill(editor, 0, debit="1234.5")
    assert (_cell(editor, 0, Col.DEBIT), _cell(editor, 0, Col.CREDIT)) == ("1,234.50", "")
    assert editor.model.rows[0].debit == Decimal("1234.50")
    alignment = _cell(editor, 0, Col.DEBIT, Qt.ItemDataRole.TextAlignmentRole)
    assert alignment & Qt.AlignmentFlag.AlignRight


def test_a_new_blank_line_is_offered_the_balancing_amount(
        qtbot: QtBot, session: CompanySession) -> None:
    editor = _open(qtbot, session)
    _fill(editor, 0, account="512", debit="1000")
    editor.table.setCurrentIndex(editor.model.index(0, Col.CREDIT))
    editor.table.setCurrentIndex(editor.table.next_cell(editor.table.currentIndex()))

    assert (editor.table.currentIndex().row(), editor.table.currentIndex().column()) == (1, 0)
    assert _cell(editor, 1, Col.CREDIT) == "1,000.00"
    assert _cell(editor, 1, Col.CREDIT, Qt.ItemDataRole.FontRole).italic()
    assert editor.model.totals() == (Decimal("1000.00"), Decimal("0"))   # only offered

    _fill(editor, 1, account="700")                      # the offer is taken with the account
    assert editor.model.totals() == (Decimal("1000.00"), Decimal("1000.00"))

    _fill(editor, 1, credit="600")
    _fill(editor, 2, account="4457")
    editor.table.setCurrentIndex(editor.model.index(2, Col.ACCOUNT))
    editor.balance_action.trigger()                      # Ctrl+B
    assert _cell(editor, 2, Col.CREDIT) == "400.00"
    assert editor.table.currentIndex().column() == Col.CREDIT
    assert editor.model.totals() == (Decimal("1000.00"), Decimal("1000.00"))


def test_an_account_needing_a_third_party_sends_the_cursor_to_it(
        qtbot: QtBot, session: CompanySession) -> None:
    editor = _open(qtbot, session)
    party = ThirdParty("C001", "Sonatrach Spa", ThirdPartyKind.CUSTOMER)
    session.op(lambda books: books.add_third_party(party), Change.THIRD_PARTIES)
    _fill(editor, 0, account="411")
    editor.table.setCurrentIndex(editor.model.index(0, Col.ACCOUNT))
    editor.table.setCurrentIndex(editor.table.next_cell(editor.table.currentIndex()))

    assert editor.table.currentIndex().column() == Col.THIRD_PARTY
    assert editor.hint.isVisible() and editor.hint.text() == "Account 411 needs a third party"
    assert editor.catalog.resolve_party("sonat") == "C001"
    _fill(editor, 0, third_party=editor.catalog.resolve_party("sonat"))
    assert not editor.hint.isVisible()
    assert _cell(editor, 0, Col.THIRD_PARTY) == "C001  Sonatrach Spa"


def test_a_posted_entry_opens_read_only(
        qtbot: QtBot, session: CompanySession, books: Books) -> None:
    posted = post_text(books, SALE)[0]
    editor = _open(qtbot, session, posted.id)

    assert editor.windowTitle() == "VT 1 — Facture 1"
    assert editor.banner.text() == ("Posted entry VT 1 of 2025 — posted entries cannot be "
                                    "changed; reverse it to correct it")
    index = editor.model.index(0, Col.DEBIT)
    assert not editor.model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert not editor.post_action.isEnabled() and not editor.save_action.isEnabled()
    assert not editor.header.label.isEnabled() and not editor.header.date.isEnabled()
    assert {a for a in (editor.duplicate_action, editor.reverse_action, editor.close_action)
            if a.isEnabled()} == {editor.duplicate_action, editor.reverse_action,
                                  editor.close_action}
    assert not editor.delete_action.isEnabled()

    assert not editor.model.setData(index, "5")
    editor.header.label.setText("Changed")
    editor.save_draft()
    editor.post()
    assert books.entry(posted.id) == posted
    assert _posted_count(books) == 1


def test_a_draft_is_saved_then_deleted(
        qtbot: QtBot, session: CompanySession, books: Books, asked: list[str]) -> None:
    editor = _open(qtbot, session)
    editor.header.label.setText("Rent")
    editor.header.label.textEdited.emit("Rent")
    _fill(editor, 0, account="613", debit="50000")
    editor.save_action.trigger()

    assert editor.entry is not None and editor.entry.status is EntryStatus.DRAFT
    assert editor.windowTitle() == "Draft — Rent"
    assert editor.banner.text() == "Draft"
    assert books.entry(editor.entry.id).lines[0].debit == Decimal("50000.00")

    draft_id = editor.entry.id
    editor.delete_action.trigger()
    assert asked == ["Delete this draft? It cannot be brought back."]
    assert not editor.isVisible()
    with pytest.raises(StoreError):
        books.entry(draft_id)


def test_a_draft_with_changes_posts_them(
        qtbot: QtBot, session: CompanySession, books: Books) -> None:
    editor = _open(qtbot, session)
    _fill(editor, 0, account="512", debit="10")
    editor.save_draft()  # a draft may be saved without a label; it must have one to post
    _fill(editor, 1, account="700", credit="10")
    editor.header.label.setText("Vente comptant")
    editor.post()
    assert editor.entry is not None and editor.entry.status is EntryStatus.POSTED
    assert len(books.entry(editor.entry.id).lines) == 2


def test_closing_with_unsaved_changes_asks(
        qtbot: QtBot, session: CompanySession, asked: list[str]) -> None:
    editor = _open(qtbot, session)
    editor.close_action.trigger()
    assert asked == [] and not editor.isVisible()

    editor = _open(qtbot, session)
    _fill(editor, 0, account="512")
    editor.close_action.trigger()
    assert asked == ["save?"] and not editor.isVisible()


def test_duplicate_opens_a_new_draft_with_the_same_lines(
        qtbot: QtBot, session: CompanySession, books: Books) -> None:
    posted = post_text(books, SALE)[0]
    editor = _open(qtbot, session, posted.id)
    editor.duplicate_action.trigger()

    copy = editor.opened[-1]
    qtbot.addWidget(copy)
    assert copy.entry is None and copy.windowTitle() == "New entry — Facture 1"
    assert copy.model.lines() == posted.lines
    assert copy.header.journal.currentData() == "VT"
    year = session.current_fiscal_year(books.fiscal_years())
    assert copy.header.day() == copy.catalog.default_date(date.today(), year)
    assert copy.post_action.isEnabled()
    copy.save_draft()
    assert copy.entry is not None and copy.entry.status is EntryStatus.DRAFT
    assert _posted_count(books) == 1


def test_reverse_posts_the_reversal_and_shows_it(
        qtbot: QtBot, session: CompanySession, books: Books,
        monkeypatch: pytest.MonkeyPatch) -> None:
    posted = post_text(books, SALE)[0]
    books.set_lock_date(date(2025, 1, 31))
    editor = _open(qtbot, session, posted.id)
    offered: list[date] = []

    def ask(default: date) -> tuple[date, str]:
        offered.append(default)
        return date(2025, 2, 3), ""

    monkeypatch.setattr(editor, "_ask_reversal", ask)
    editor.reverse_action.trigger()

    assert offered == [date(2025, 2, 1)]                 # the first day after the lock date
    shown = editor.opened[-1]
    qtbot.addWidget(shown)
    assert shown.entry is not None and shown.entry.reversal_of == posted.id
    assert shown.entry.status is EntryStatus.POSTED and shown.entry.date == date(2025, 2, 3)
    assert shown.model.read_only
    assert books.entry(EntryId(shown.entry.id)).lines[0].credit == Decimal("1190.00")

    editor.reverse_action.trigger()                      # a second time is refused, inline
    assert "already reversed" in " ".join(editor.problem_texts())


def test_accounts_are_found_by_number_or_by_words_of_their_label(books: Books) -> None:
    catalog = load_catalog(books, "fr")
    assert [a.number for a in catalog.account_matches("512")] == ["512"]
    assert "44" not in [a.number for a in catalog.account_matches("44")]   # headings left out
    assert catalog.account_matches("banq cour")[0].number == "512"
    assert catalog.resolve_account("tva collectee") == "4457"           # accents ignored
    assert catalog.resolve_account("zzz") == "zzz"
    assert load_catalog(books, "en").resolve_account("sales of goods") == "700"


def test_the_main_window_opens_an_editor_when_asked(window: MainWindow, books: Books) -> None:
    view = window.add_company(books, KeySource(key_file=books.path.with_suffix(".key")))
    view.session.open_entry_requested.emit(None)
    editors = [w for w in QApplication.topLevelWidgets()
               if isinstance(w, EntryEditor) and w.isVisible()]
    assert len(editors) == 1 and editors[0].windowTitle() == "New entry"
    editors[0].close()


def test_nothing_can_be_changed_while_the_books_are_read_only(
        qtbot: QtBot, session: CompanySession) -> None:
    session.read_only_reason = "The licence has lapsed"
    editor = _open(qtbot, session)
    assert editor.banner.text() == "New entry — not saved yet — The licence has lapsed"
    assert not editor.post_action.isEnabled() and not editor.save_action.isEnabled()
    assert not editor.model.flags(editor.model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable


def test_tax_codes_are_typed_kept_and_posted(
        qtbot: QtBot, session: CompanySession, books: Books) -> None:
    editor = _open(qtbot, session)
    _fill(editor, 0, account="53", debit="119")
    _fill(editor, 1, account="700", credit="100", tax="tva1")   # one code starts so: TVA19
    _fill(editor, 2, account="4457", credit="19", tax="TVA19")
    assert _cell(editor, 1, Col.TAX) == "TVA19"
    assert "19" in _cell(editor, 1, Col.TAX, Qt.ItemDataRole.ToolTipRole)
    editor.header.label.setText("Vente comptant")
    editor.save_draft()
    assert [ln.tax for ln in books.entry(editor.entry.id).lines] == [None, "TVA19", "TVA19"]

    again = _open(qtbot, session, editor.entry.id)   # a draft reopened keeps its codes
    qtbot.waitUntil(lambda: again.model.rows[1].account == "700")
    assert [r.tax for r in again.model.rows[:3]] == ["", "TVA19", "TVA19"]
    _fill(again, 2, tax="NOPE")
    again.post()
    assert again.entry.status is EntryStatus.DRAFT
    assert (2, Col.TAX) in again.model.marks  # the unknown code is marked where it was typed
