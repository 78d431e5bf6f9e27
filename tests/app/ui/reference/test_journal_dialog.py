"""Journals in the settings: opening a second bank journal, relabelling one, deactivating one."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from app.ledger.model import Journal, JournalKind
from app.ui.entries.editor import EntryEditor
from app.ui.kit.session import Change, CompanySession
from app.ui.reference.journal_dialog import JournalDialog, JournalsGroup
from app.ui.settings.page import SettingsPage


def group_of(session: CompanySession, qtbot: QtBot) -> JournalsGroup:
    page = SettingsPage(session)
    qtbot.addWidget(page)
    return page.journals


def listed(group: JournalsGroup) -> dict[str, list[str]]:
    items = (group.list.topLevelItem(i) for i in range(group.list.topLevelItemCount()))
    return {item.text(0): [item.text(c) for c in range(1, 4)] for item in items}


def ok(dialog: JournalDialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def offered(editor: EntryEditor) -> list[str]:
    combo = editor.header.journal
    return [combo.itemData(i) for i in range(combo.count())]


def new_editor(session: CompanySession, qtbot: QtBot) -> EntryEditor:
    editor = EntryEditor(session, None, None)
    qtbot.addWidget(editor)
    return editor


def select(group: JournalsGroup, code: str) -> None:
    count = group.list.topLevelItemCount()
    group.list.setCurrentItem(next(group.list.topLevelItem(i) for i in range(count)
                                   if group.list.topLevelItem(i).text(0) == code))


def add_bq2(group: JournalsGroup, qtbot: QtBot) -> JournalDialog:
    dialog = group.add_journal()
    assert dialog is not None and dialog.windowTitle() == "New journal"
    qtbot.keyClicks(dialog.code, "bq2")
    assert dialog.code.text() == "BQ2"  # typed in capitals as it comes
    assert not ok(dialog).isEnabled() and dialog.message.text() == "The label is required."
    qtbot.keyClicks(dialog.label, "Banque CPA")
    dialog.kind.setCurrentIndex(dialog.kind.findData(JournalKind.BANK))
    assert dialog.kind.currentText() == "Bank"
    assert ok(dialog).isEnabled()
    with qtbot.waitSignal(group.session.changed) as changed:
        ok(dialog).click()
    assert changed.args[0] & Change.JOURNALS
    return dialog


def test_the_journals_are_listed_with_their_kind_and_state(session: CompanySession,
                                                           qtbot: QtBot) -> None:
    group = group_of(session, qtbot)
    shown = listed(group)
    assert set(shown) == set(session.books.journals())
    journal = next(iter(session.books.journals().values()))
    assert shown[journal.code][0] == journal.label
    assert all(state == "Active" for _label, _kind, state in shown.values())


def test_a_new_bank_journal_is_listed_and_offered_to_entries(session: CompanySession,
                                                             qtbot: QtBot) -> None:
    open_editor = new_editor(session, qtbot)
    assert "BQ2" not in offered(open_editor)
    group = group_of(session, qtbot)
    dialog = add_bq2(group, qtbot)
    assert dialog.result() == dialog.DialogCode.Accepted
    stored = session.books.journals()["BQ2"]
    assert (stored.label, stored.kind, stored.active) == ("Banque CPA", JournalKind.BANK, True)
    assert listed(group)["BQ2"] == ["Banque CPA", "Bank", "Active"]
    assert group.current_code() == "BQ2"
    assert "BQ2" in offered(new_editor(session, qtbot))
    assert "BQ2" in offered(open_editor)  # an editor already open reloads its journals


def test_a_journal_is_deactivated_then_reactivated(session: CompanySession, qtbot: QtBot) -> None:
    group = group_of(session, qtbot)
    add_bq2(group, qtbot)
    editor = new_editor(session, qtbot)
    select(group, "BQ2")
    assert group.toggle.text() == "Deac&tivate"
    with qtbot.waitSignal(session.changed):
        group.toggle.click()
    assert not session.books.journals()["BQ2"].active
    assert listed(group)["BQ2"][2] == "Inactive"
    assert group.current_code() == "BQ2" and group.toggle.text() == "Reac&tivate"
    assert "BQ2" not in offered(editor) and "BQ2" not in offered(new_editor(session, qtbot))
    group.toggle.click()
    assert session.books.journals()["BQ2"].active
    assert listed(group)["BQ2"][2] == "Active" and "BQ2" in offered(editor)


def test_a_journal_is_relabelled_and_its_code_stays(session: CompanySession,
                                                    qtbot: QtBot) -> None:
    group = group_of(session, qtbot)
    add_bq2(group, qtbot)
    select(group, "BQ2")
    dialog = group.edit_journal()
    assert dialog is not None and dialog.windowTitle() == "Journal BQ2"
    assert dialog.code.isReadOnly() and dialog.label.text() == "Banque CPA"
    dialog.label.setText("Banque BDL")
    dialog.kind.setCurrentIndex(dialog.kind.findData(JournalKind.CASH))
    ok(dialog).click()
    assert session.books.journals()["BQ2"] == Journal("BQ2", "Banque BDL", JournalKind.CASH,
                                                      True, session.books.journals()["BQ2"].id)
    assert listed(group)["BQ2"][:2] == ["Banque BDL", "Cash"]


def test_the_dialog_refuses_a_bad_or_taken_code_as_it_is_typed(session: CompanySession,
                                                                qtbot: QtBot) -> None:
    taken = next(iter(session.books.journals()))
    dialog = JournalDialog(existing=set(session.books.journals()))
    qtbot.addWidget(dialog)
    dialog.label.setText("Ventes export")
    assert dialog.message.text() == "The code is required."
    dialog.code.setText("B-2")
    assert dialog.message.text() == "The code is 1 to 8 capital letters or digits."
    dialog.code.setText(taken)
    assert dialog.message.text() == f"A journal with the code {taken} already exists."
    assert not ok(dialog).isEnabled()
    assert dialog.code.maxLength() == 8


def test_a_refusal_from_the_store_is_shown_in_the_dialog(session: CompanySession,
                                                         qtbot: QtBot) -> None:
    group = group_of(session, qtbot)
    taken = next(iter(session.books.journals()))
    group.journals = {}  # as if the list were stale: the store has the last word
    dialog = group.add_journal()
    dialog.code.setText(taken)
    dialog.label.setText("Doublon")
    ok(dialog).click()
    assert dialog.message.text() == f"journal {taken} already exists"
    assert dialog.isVisible()


def test_a_read_only_company_offers_no_journal_change(session: CompanySession,
                                                      qtbot: QtBot) -> None:
    session.read_only_reason = "the licence has lapsed"
    group = group_of(session, qtbot)
    assert not group.add.isEnabled() and not group.edit.isEnabled()
    assert not group.toggle.isEnabled()
    assert group.add_journal() is None
    assert group.dialog is None
