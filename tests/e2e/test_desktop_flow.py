"""An accountant's first hour, through the window only: create a company with the wizard, type
and post an entry with the keyboard alone, find it in the trial balance, and drill down from the
trial balance to that entry.

Every step goes through the real widgets of one ``MainWindow`` over a real encrypted file; only
the database work runs inline (``synchronous``) so each step can be checked on the next line.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWizard
from pytestqt.qtbot import QtBot

from app.ledger.model import EntryStatus
from app.reports.balances import trial_balance
from app.ui.entries.editor import EntryEditor
from app.ui.kit import i18n
from app.ui.kit.prefs import Prefs
from app.ui.reports.drill import AccountLinesWindow
from app.ui.reports.page import ReportsPage
from app.ui.window.opening import create_with_wizard
from app.ui.window.shell import MainWindow


@pytest.fixture
def window(qtbot: QtBot, qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    monkeypatch.setenv("DAFTAR_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("DAFTAR_LOG_DIR", str(tmp_path / "logs"))
    i18n.install(qapp, "en")
    win = MainWindow(Prefs(language="en", last_folder=str(tmp_path)), synchronous=True)
    qtbot.addWidget(win)
    win.show()
    return win


def press(qtbot: QtBot, key: Qt.Key,
          modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def type_text(qtbot: QtBot, text: str) -> None:
    """Each key goes to whichever widget has the focus by then, as on a real keyboard."""
    for char in text:
        qtbot.keyClicks(QApplication.focusWidget(), char)


def double_click(qtbot: QtBot, view: QAbstractItemView, index: QModelIndex) -> None:
    view.scrollTo(index)
    center = view.visualRect(index).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=center)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=center)


def create_company(window: MainWindow, qtbot: QtBot, folder: Path) -> None:
    wizard = create_with_wizard(window, window.prefs, window.add_company, synchronous=True)
    qtbot.keyClicks(wizard.name_edit, "SARL Tafna Negoce")
    qtbot.keyClicks(wizard.nif_edit, "000216009876543")
    wizard.button(QWizard.WizardButton.NextButton).click()
    wizard.start_edit.setDate(QDate(2025, 1, 1))
    wizard.button(QWizard.WizardButton.NextButton).click()
    wizard.button(QWizard.WizardButton.NextButton).click()
    wizard.keyfile_radio.setChecked(True)
    wizard.key_file_edit.setText(str(folder / "tafna.key"))
    wizard.button(QWizard.WizardButton.CommitButton).click()
    assert wizard.currentPage() is wizard.recovery_page
    assert not wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    wizard.stored_check.setChecked(True)
    wizard.button(QWizard.WizardButton.FinishButton).click()


def editors(window: MainWindow) -> list[EntryEditor]:
    return [w for w in window.findChildren(EntryEditor) if w.isVisible()]


def test_wizard_then_keyboard_entry_then_trial_balance_then_drill_down(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    create_company(window, qtbot, tmp_path)
    view = window.current
    assert view is not None and view.session.company.name == "SARL Tafna Negoce"
    books = view.session.books

    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    press(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)       # New entry
    editor = editors(window)[-1]
    editor.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor.header.journal)
    type_text(qtbot, "B")                                 # journal BQ
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "20032025")                          # 20/03/2025
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "VIR 7")
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "Capital paid in")
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "512")
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Tab)                          # no line label; 512 needs no party
    type_text(qtbot, "250000")
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_Return)                       # next line; the balance is proposed
    type_text(qtbot, "101")
    press(qtbot, Qt.Key.Key_Tab)                          # the account is taken
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # post
    assert editor.entry is not None and editor.entry.status is EntryStatus.POSTED
    posted_id = editor.entry.id
    totals = {r.account: (r.debit, r.credit)
              for r in trial_balance(books, date(2025, 1, 1), date(2025, 12, 31)).rows}
    assert totals["512"] == (Decimal("250000.00"), Decimal("0.00"))
    assert totals["101"] == (Decimal("0.00"), Decimal("250000.00"))
    editor.close()

    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow())
    press(qtbot, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)       # Reports
    page = view.page("reports")
    assert isinstance(page, ReportsPage) and view.stack.currentWidget() is page
    page.params.set_kind("trial_balance")
    page.params.set_period(date(2025, 1, 1), date(2025, 12, 31))
    assert page.isAncestorOf(QApplication.focusWidget()), "Ctrl+7 puts the keyboard in the page"
    press(qtbot, Qt.Key.Key_F5)
    rows = [page.model.row(r) for r in range(page.model.rowCount())]
    bank = next(r for r, row in enumerate(rows) if row.account == "512")
    shown = [page.model.data(page.model.index(bank, c)) for c in range(page.model.columnCount())]
    assert "250,000.00" in shown

    debit_column = shown.index("250,000.00")
    double_click(qtbot, page.view, page.model.index(bank, debit_column))
    lines = [w for w in window.findChildren(AccountLinesWindow) if w.isVisible()]
    assert len(lines) == 1
    assert lines[0].model.rowCount() == 1
    double_click(qtbot, lines[0].view, lines[0].model.index(0, 2))
    opened = editors(window)[-1]
    assert opened.entry is not None and opened.entry.id == posted_id
    assert not opened.post_action.isEnabled(), "a posted entry opens read-only"
