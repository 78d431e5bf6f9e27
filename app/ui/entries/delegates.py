"""Cell editors of the entry table: completing account and third-party cells, amount cells.

Every editor commits on Enter and moves to the next cell, as Tab does, so an accountant keeps
both hands on the keyboard. The completing editors show matches as the user types (by number or
code prefix, or by words of the label or name). On Tab or Enter they take the match picked in
the popup; else the text typed when it is itself a key (a heading account too: the posting rules
then say why it cannot be used) or the only match. When several keys match and none was picked
the list opens instead, so another account than the one typed is never taken silently. Text
matching nothing is kept as typed so the editor can say what is wrong with it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QObject, QStringListModel, Qt
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QApplication,
    QCompleter,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from app.ui.entries.catalog import Catalog
from app.ui.entries.lines_model import RIGHT

Matches = Callable[[str], list[tuple[str, str]]]
"""Typed text → (key, text shown in the popup) of each match."""
Choice = Callable[[str], "str | None"]
"""Typed text → the key it means, or None when several match and the user must pick one."""

FOCUS_MARK = QColor("#1d2a36")
"""The frame around the current cell: dark, lined with white, so it shows on any background."""

_COMMIT_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab, Qt.Key.Key_Backtab)


class CompletingEdit(QLineEdit):
    """A line edit that proposes matches in a popup and remembers which one was chosen."""

    def __init__(self, matches: Matches, choice: Choice,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._matches, self._choice = matches, choice
        self._keys: list[str] = []
        self.chosen: str | None = None
        self.choices = QStringListModel(self)
        self.completer_ = QCompleter(self.choices, self)
        self.completer_.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer_.setWidget(self)
        self.completer_.setMaxVisibleItems(12)
        self.completer_.popup().installEventFilter(self)
        self.completer_.activated[QModelIndex].connect(self._pick)
        self.textEdited.connect(self._refresh)

    def key(self) -> str:
        """The key (account number, party code) the cell gets."""
        if self.chosen is not None:
            return self.chosen
        return self._choice(self.text()) or self.text().strip()

    def needs_choice(self) -> bool:
        """Several keys match what was typed and none was picked: the cell cannot commit yet."""
        return self.chosen is None and self._choice(self.text()) is None

    def show_choices(self) -> None:
        """Open the list of matches, none picked: Down or a click picks one."""
        self._refresh(self.text())

    def _refresh(self, text: str) -> None:
        self.chosen = None
        found = self._matches(text)
        self._keys = [key for key, _ in found]
        self.choices.setStringList([shown for _, shown in found])
        popup = self.completer_.popup()
        if not found:
            popup.hide()
            return
        self.completer_.complete()
        popup.selectionModel().clear()
        popup.setCurrentIndex(QModelIndex())      # nothing is taken unless the user picks it

    def _pick(self, index: QModelIndex) -> None:
        if index.isValid() and 0 <= index.row() < len(self._keys):
            self.chosen = self._keys[index.row()]
            self.setText(self.chosen)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Tab or Enter in the popup takes the match picked there (or what ``key`` says), then
        commits the cell; with several matches and none picked the popup stays open."""
        popup = self.completer_.popup()
        if (watched is popup and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent) and event.key() in _COMMIT_KEYS):
            if popup.currentIndex().isValid():
                self._pick(popup.currentIndex())
            elif self.needs_choice():
                return True
            popup.hide()
            QApplication.sendEvent(self, QKeyEvent(event.type(), event.key(), event.modifiers()))
            return True
        return super().eventFilter(watched, event)

    def hideEvent(self, event: QEvent) -> None:
        self.completer_.popup().hide()
        super().hideEvent(event)


class CellDelegate(QStyledItemDelegate):
    """Enter commits the cell and moves on, like Tab (Qt's default only commits); a completing
    cell whose text several keys match opens its list instead. The current cell is framed."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        super().paint(painter, option, index)
        if not option.state & QStyle.StateFlag.State_HasFocus:
            return
        painter.save()
        painter.setBrush(Qt.BrushStyle.NoBrush)
        rect = option.rect
        painter.setPen(QPen(FOCUS_MARK, 2, Qt.PenStyle.SolidLine, Qt.PenCapStyle.SquareCap,
                            Qt.PenJoinStyle.MiterJoin))
        painter.drawRect(rect.adjusted(1, 1, -1, -1))
        painter.setPen(QPen(QColor("#ffffff"), 1))
        painter.drawRect(rect.adjusted(2, 2, -3, -3))
        painter.restore()

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        if (isinstance(editor, CompletingEdit) and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent) and event.key() in _COMMIT_KEYS
                and not event.modifiers() & Qt.KeyboardModifier.ControlModifier
                and editor.needs_choice()):
            editor.show_choices()
            return True
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and not event.modifiers() & Qt.KeyboardModifier.ControlModifier
                and isinstance(editor, QWidget)):
            self.commitData.emit(editor)
            self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.EditNextItem)
            return True
        return super().eventFilter(editor, event)


class AccountDelegate(CellDelegate):
    """Account cells: match by number prefix or by label words, postable active accounts only."""

    def __init__(self, catalog: Callable[[], Catalog], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._catalog = catalog

    def _matches(self, text: str) -> list[tuple[str, str]]:
        lang = self._catalog().language
        return [(a.number, f"{a.number} — {a.label(lang)}")
                for a in self._catalog().account_matches(text)]

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: QModelIndex) -> QWidget:
        return CompletingEdit(self._matches, lambda t: self._catalog().account_choice(t), parent)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel,
                     index: QModelIndex) -> None:
        if isinstance(editor, CompletingEdit):
            model.setData(index, editor.key(), Qt.ItemDataRole.EditRole)


class PartyDelegate(AccountDelegate):
    """Third-party cells: match by code prefix or by name words, active parties only."""

    def _matches(self, text: str) -> list[tuple[str, str]]:
        return [(p.code, f"{p.code} — {p.name}") for p in self._catalog().party_matches(text)]

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: QModelIndex) -> QWidget:
        return CompletingEdit(self._matches, lambda t: self._catalog().party_choice(t), parent)


class TaxDelegate(AccountDelegate):
    """Tax-code cells: match by code prefix or by label words, active codes only."""

    def _matches(self, text: str) -> list[tuple[str, str]]:
        return [(t.code, f"{t.code} — {t.label}") for t in self._catalog().tax_matches(text)]

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: QModelIndex) -> QWidget:
        return CompletingEdit(self._matches, lambda t: self._catalog().tax_choice(t), parent)


class AmountDelegate(CellDelegate):
    """Amount cells: right-aligned text, parsed by the model."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: QModelIndex) -> QWidget:
        editor = QLineEdit(parent)
        editor.setAlignment(RIGHT)
        return editor
