"""The top of the entry editor: the banner saying what the entry is, and its header fields.

The banner tells, before anything else, whether the entry is new, a draft, or posted (and so
cannot change); the header holds the journal, date, reference and label. Tab leaves the date in
one press, as it leaves any other field; Left and Right move between its day, month and year.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QWidget,
)

from app.ledger.model import Entry, EntryStatus
from app.ui.entries.catalog import Catalog
from app.ui.kit.fmt import date_edit, to_date, to_qdate

_BANNER_STYLES = {
    "posted": "background: #fff4d6; border: 1px solid #e0c27a;",
    "draft": "background: #e8f0fb; border: 1px solid #b7c9e6;",
    "new": "background: #eef1f4; border: 1px solid #ccd3da;",
}


class Banner(QLabel):
    """One line above the entry: new, draft, or posted and why it cannot change."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setWordWrap(True)

    def show_entry(self, entry: Entry | None, catalog: Catalog, read_only_reason: str) -> None:
        if entry is not None and entry.status is EntryStatus.POSTED:
            year = catalog.year_of(entry.date)
            text = self.tr("Posted entry {0} {1} of {2} — posted entries cannot be changed; "
                           "reverse it to correct it").format(
                entry.journal, entry.number, year.name if year else "")
            kind = "posted"
        elif entry is not None:
            text, kind = self.tr("Draft"), "draft"
        else:
            text, kind = self.tr("New entry — not saved yet"), "new"
        if read_only_reason:
            text += " — " + read_only_reason
        self.setText(text)
        self.setStyleSheet(f"QLabel#banner {{ {_BANNER_STYLES[kind]} padding: 6px; "
                           "border-radius: 3px; font-weight: bold; }")


class EntryHeader(QWidget):
    """Journal, date, reference and label of the entry."""

    changed = Signal()
    """The journal or the date changed: the entry must be checked again."""
    text_edited = Signal()
    """The user typed in the reference or the label."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.journal = QComboBox()
        self.journal.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.date = date_edit()
        self.date.installEventFilter(self)
        self.reference = QLineEdit()
        self.label = QLineEdit()
        self.label.setPlaceholderText(self.tr("What the entry records"))
        self._layout()
        self.journal.currentIndexChanged.connect(self.changed)
        self.date.dateChanged.connect(self.changed)
        self.reference.textEdited.connect(self.text_edited)
        self.label.textEdited.connect(self.text_edited)

    def _layout(self) -> None:
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        fields = ((self.tr("&Journal"), self.journal), (self.tr("&Date"), self.date),
                  (self.tr("&Reference"), self.reference))
        for n, (title, widget) in enumerate(fields):
            caption = QLabel(title)
            caption.setBuddy(widget)
            grid.addWidget(caption, 0, 2 * n)
            grid.addWidget(widget, 0, 2 * n + 1)
        caption = QLabel(self.tr("&Label"))
        caption.setBuddy(self.label)
        grid.addWidget(caption, 1, 0)
        grid.addWidget(self.label, 1, 1, 1, 5)
        grid.setColumnStretch(5, 1)
        self.journal.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Tab and Shift+Tab leave the date field (``QDateEdit`` would step through its parts)."""
        if (watched is self.date and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
                and not event.modifiers() & (Qt.KeyboardModifier.ControlModifier
                                             | Qt.KeyboardModifier.AltModifier)):
            self.focusNextPrevChild(event.key() == Qt.Key.Key_Tab)
            return True
        return super().eventFilter(watched, event)

    def set_journals(self, catalog: Catalog, keep: str) -> None:
        """Offer the active journals (and ``keep``), keeping the current choice if possible."""
        current = self.journal_code() or keep
        blocked = self.journal.blockSignals(True)
        self.journal.clear()
        for journal in catalog.active_journals(keep):
            self.journal.addItem(f"{journal.code} — {journal.label}", journal.code)
        self.select_journal(current)
        self.journal.blockSignals(blocked)

    def select_journal(self, code: str) -> None:
        found = self.journal.findData(code)
        self.journal.setCurrentIndex(found if found >= 0 else 0)

    def fill(self, journal: str, day: date, reference: str, label: str) -> None:
        self.select_journal(journal)
        self.date.setDate(to_qdate(day))
        self.reference.setText(reference)
        self.label.setText(label)

    def set_editable(self, editable: bool) -> None:
        for widget in (self.journal, self.date, self.reference, self.label):
            widget.setEnabled(editable)

    def journal_code(self) -> str:
        return self.journal.currentData() or ""

    def day(self) -> date:
        return to_date(self.date.date())

    def focus_first(self) -> None:
        self.journal.setFocus(Qt.FocusReason.OtherFocusReason)
