"""Keys in front of the user: asking for the way into a file, and showing a new recovery key.

``UnlockDialog`` asks for the recovery key or the passphrase when this computer cannot open a
file on its own (a file brought from elsewhere, a credential store that lost the key). It stays
open while the caller tries the key, so a mistyped key is answered in place and the user simply
tries again. ``KeyProtection`` lets the user choose how a new file's key is kept, and
``RecoveryKeyBox`` shows a recovery key once, with ways to keep it: copy, save, print.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontDatabase, QGuiApplication, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from app.store.company import KeySource
from app.store.keys import keyring_available
from app.ui.kit import file_dialogs
from app.ui.kit.errors import show_error

MIN_PASSPHRASE = 10


def problem_label() -> QLabel:
    """An inline label for why something is refused; empty, so invisible, when all is well."""
    label = QLabel()
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, Qt.GlobalColor.darkRed)
    label.setPalette(palette)
    return label


def quiet_label(text: str) -> QLabel:
    """A secondary explanation under a choice, in the quieter colour of the palette."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


def buddy_label(text: str, buddy: QWidget) -> QLabel:
    """A form label whose mnemonic focuses ``buddy`` (for rows whose field is a layout)."""
    label = QLabel(text)
    label.setBuddy(buddy)
    return label


def monospace(size_factor: float = 1.0):
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSizeF(font.pointSizeF() * size_factor)
    return font


class UnlockDialog(QDialog):
    """Asks for a recovery key or a passphrase; ``submitted`` carries it, the dialog stays open.

    The caller tries the key and then calls ``accept()`` on success or ``show_problem`` to let the
    user correct it; Cancel gives up.
    """

    submitted = Signal(object, bool)
    """The ``KeySource`` typed in, and whether to remember the key in the credential store."""

    def __init__(self, path: Path, reason: str, parent: QWidget | None = None, *,
                 can_remember: bool = False) -> None:
        super().__init__(parent)
        self.path = path
        self.setWindowTitle(self.tr("Unlock {0}").format(path.name))
        intro = QLabel(reason)
        intro.setWordWrap(True)
        self.recovery_radio = QRadioButton(self.tr("With its &recovery key"))
        self.recovery_edit = QLineEdit()
        self.recovery_edit.setFont(monospace())
        self.recovery_edit.setPlaceholderText("XXXXX-XXXXX-XXXXX-…")
        self.passphrase_radio = QRadioButton(self.tr("With its &passphrase"))
        self.passphrase_edit = QLineEdit()
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember_check = QCheckBox(self.tr("R&emember the key on this computer, in its "
                                                "credential store"))
        self.remember_check.setChecked(can_remember)
        self.remember_check.setVisible(can_remember)
        self._can_remember = can_remember
        self.problem = problem_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.open_button = self.buttons.addButton(self.tr("&Open"),
                                                  QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        group = QButtonGroup(self)
        for radio in (self.recovery_radio, self.passphrase_radio):
            group.addButton(radio)
            radio.toggled.connect(self._update)
        for edit in (self.recovery_edit, self.passphrase_edit):
            edit.textChanged.connect(self._update)
        self.recovery_radio.setChecked(True)
        layout = QVBoxLayout(self)
        for widget in (intro, self.recovery_radio, self.recovery_edit, self.passphrase_radio,
                       self.passphrase_edit, self.remember_check, self.problem, self.buttons):
            layout.addWidget(widget)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 80)
        self._update()
        self.adjustSize()

    @property
    def using_recovery_key(self) -> bool:
        return self.recovery_radio.isChecked()

    def _update(self) -> None:
        recovery = self.using_recovery_key
        self.recovery_edit.setEnabled(recovery)
        self.passphrase_edit.setEnabled(not recovery)
        self.remember_check.setEnabled(recovery and self._can_remember)
        edit = self.recovery_edit if recovery else self.passphrase_edit
        self.open_button.setEnabled(bool(edit.text().strip()))
        if self.isVisible():
            edit.setFocus()

    def _submit(self) -> None:
        if self.using_recovery_key:
            source = KeySource(recovery_key=self.recovery_edit.text())
        else:
            source = KeySource(passphrase=self.passphrase_edit.text())
        self.problem.clear()
        self.set_busy(True)
        self.submitted.emit(source, self.using_recovery_key and self.remember_check.isChecked())

    def set_busy(self, busy: bool) -> None:
        """While a key is tried (a passphrase takes a moment), nothing can be pressed twice."""
        for widget in (self.recovery_radio, self.passphrase_radio, self.recovery_edit,
                       self.passphrase_edit, self.open_button):
            widget.setEnabled(not busy)
        if not busy:
            self._update()

    def show_problem(self, text: str) -> None:
        """Say why the key did not open the file; the user corrects it and tries again."""
        self.set_busy(False)
        self.problem.setText(text)
        self.adjustSize()
        edit = self.recovery_edit if self.using_recovery_key else self.passphrase_edit
        edit.selectAll()
        edit.setFocus()


class RecoveryKeyBox(QWidget):
    """A recovery key in large monospace, selectable, with Copy, Save as text and Print."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = ""
        self.company = ""
        self.key_label = QLabel()
        self.key_label.setFont(monospace(1.5))
        self.key_label.setFrameShape(QFrame.Shape.StyledPanel)
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key_label.setMargin(self.fontMetrics().height())
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                               | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.key_label.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.copy_button = QPushButton(self.tr("&Copy"))
        self.save_button = QPushButton(self.tr("&Save as text…"))
        self.print_button = QPushButton(self.tr("P&rint…"))
        self.copy_button.clicked.connect(self.copy)
        self.save_button.clicked.connect(self._choose_and_save)
        self.print_button.clicked.connect(self._print)
        self.note = QLabel()
        buttons = QHBoxLayout()
        for button in (self.copy_button, self.save_button, self.print_button):
            buttons.addWidget(button)
        buttons.addWidget(self.note, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.key_label)
        layout.addLayout(buttons)

    def set_key(self, key: str, company: str) -> None:
        """Show ``key`` in lines of four groups, which are easier to copy out by hand."""
        self.key, self.company = key, company
        groups = key.split("-")
        self.key_label.setText("\n".join("-".join(groups[i:i + 4])
                                         for i in range(0, len(groups), 4)))

    def text(self) -> str:
        """What a saved or printed copy says: whose key it is, and the key."""
        return self.tr("Daftar recovery key\nCompany: {0}\nCreated on: {1}\n\n{2}\n\nThis key "
                       "opens the company file on any computer. Keep it somewhere safe, away "
                       "from the file.\n").format(self.company, date.today().isoformat(),
                                                  self.key)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.key)
        self.note.setText(self.tr("Copied to the clipboard."))

    def save_to(self, path: Path) -> None:
        path.write_text(self.text(), encoding="utf-8")
        self.note.setText(self.tr("Saved in {0}.").format(path))

    def _choose_and_save(self) -> None:
        # Its own kind, never the company's folder by default: a recovery key kept beside the
        # file it opens protects nothing once that folder is copied.
        chosen = file_dialogs.save_file(self, "recovery", self.tr("Save the recovery key"),
                                        self.tr("{0} recovery key.txt").format(self.company),
                                        self.tr("Text files (*.txt)"))
        if chosen is None:
            return
        try:
            self.save_to(chosen)
        except OSError as exc:
            show_error(self, exc)

    def _print(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter()
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        document = QTextDocument()
        document.setDefaultFont(monospace())
        document.setPlainText(self.text())
        document.print_(printer)
        self.note.setText(self.tr("Sent to the printer."))


class RecoveryPage(QWizardPage):
    """The last page of the creation wizard: Finish waits until the user says the key is safe."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("The recovery key"))
        self.setSubTitle(self.tr("The company is created. Here is the one key that opens it on "
                                 "any computer."))
        explanation = QLabel(self.tr(
            "If this computer breaks or the file is moved to another one, this recovery key is "
            "the only way to open the books. Daftar shows it now and never again. Print it or "
            "save it, and keep it somewhere safe, away from the company file."))
        explanation.setWordWrap(True)
        self.box = RecoveryKeyBox()
        self.stored_check = QCheckBox(self.tr("I have stored the recovery key somewhere &safe"))
        self.stored_check.toggled.connect(self.completeChanged)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.box)
        layout.addWidget(self.stored_check)
        layout.addStretch(1)

    def isComplete(self) -> bool:
        return self.stored_check.isChecked()


class KeyProtection(QWidget):
    """How a new file's key is kept: credential store, passphrase, or key file.

    The credential store is offered only where one works; otherwise it is shown disabled with the
    reason, never silently replaced by storing the key in clear.
    """

    changed = Signal()

    def __init__(self, company_path: Callable[[], Path], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._company_path = company_path
        self.store_available = keyring_available()
        self.keyring_radio = QRadioButton(self.tr("In this computer's &credential store "
                                                  "(recommended)"))
        keyring_note = self.tr("The system keeps the key for your user account: the file opens "
                               "without typing anything.")
        if not self.store_available:
            self.keyring_radio.setEnabled(False)
            keyring_note = self.tr("Not available: this computer has no credential store "
                                   "Daftar can use.")
        self.passphrase_radio = QRadioButton(self.tr("From a &passphrase typed at each opening "
                                                     "(shared computers)"))
        self.passphrase_edit, self.passphrase_again_edit = QLineEdit(), QLineEdit()
        for edit in (self.passphrase_edit, self.passphrase_again_edit):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.keyfile_radio = QRadioButton(self.tr("In a &key file you keep safe"))
        self.key_file_edit = QLineEdit()
        group = QButtonGroup(self)
        radios = (self.keyring_radio, self.passphrase_radio, self.keyfile_radio)
        for radio in radios:
            group.addButton(radio)
        (self.keyring_radio if self.store_available else self.passphrase_radio).setChecked(True)
        for widget in radios:
            widget.toggled.connect(self._update)
        for edit in (self.passphrase_edit, self.passphrase_again_edit, self.key_file_edit):
            edit.textChanged.connect(self._update)
        self._lay_out(keyring_note)
        self._update()

    def _lay_out(self, keyring_note: str) -> None:
        browse = QPushButton(self.tr("C&hoose…"))
        browse.clicked.connect(self._choose_key_file)
        key_row = QHBoxLayout()
        key_row.addWidget(self.key_file_edit, 1)
        key_row.addWidget(browse)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.keyring_radio)
        form.addRow("", quiet_label(keyring_note))
        form.addRow(self.passphrase_radio)
        form.addRow(self.tr("Pa&ssphrase:"), self.passphrase_edit)
        form.addRow(self.tr("&Again:"), self.passphrase_again_edit)
        form.addRow(self.keyfile_radio)
        form.addRow(buddy_label(self.tr("Key &file:"), self.key_file_edit), key_row)

    def problem(self) -> str:
        """Why the protection chosen cannot be used yet; empty when it can."""
        if self.passphrase_radio.isChecked():
            first, again = self.passphrase_edit.text(), self.passphrase_again_edit.text()
            if len(first) < MIN_PASSPHRASE:
                return self.tr("The passphrase needs at least {0} characters (it has "
                               "{1}).").format(MIN_PASSPHRASE, len(first))
            if first != again:
                return self.tr("The two passphrases differ; type the same one twice.")
        if self.keyfile_radio.isChecked():
            text = self.key_file_edit.text().strip()
            if not text:
                return self.tr("Choose where to keep the key file.")
            key_file = Path(text)
            if not key_file.parent.is_dir():
                return self.tr("The folder {0} does not exist.").format(key_file.parent)
            if key_file.resolve() == self._company_path().resolve():
                return self.tr("The key file cannot be the company file itself.")
        return ""

    def source(self) -> KeySource:
        if self.passphrase_radio.isChecked():
            return KeySource(passphrase=self.passphrase_edit.text())
        if self.keyfile_radio.isChecked():
            return KeySource(key_file=Path(self.key_file_edit.text().strip()))
        return KeySource()

    def _update(self) -> None:
        passphrase = self.passphrase_radio.isChecked()
        self.passphrase_edit.setEnabled(passphrase)
        self.passphrase_again_edit.setEnabled(passphrase)
        self.key_file_edit.setEnabled(self.keyfile_radio.isChecked())
        self.changed.emit()

    def _choose_key_file(self) -> None:
        company = self._company_path()
        chosen = file_dialogs.save_file(self, "key", self.tr("Key file"),
                                        company.with_suffix(".key").name,
                                        self.tr("Key files (*.key)"), company_path=company)
        if chosen is not None:
            self.key_file_edit.setText(str(chosen))
            self.keyfile_radio.setChecked(True)
