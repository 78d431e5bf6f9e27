"""The keyboard shortcuts of the window and of every page of the company shown, in one list (F1).

Pages are built when first shown; asking for the list builds the current company's remaining
pages, so the list is whole whichever pages the user has visited.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.ui.kit.window_fit import fitted, screen_of
from app.ui.window.company_view import CompanyView, page_title


def _rows(actions: list[QAction], where: str) -> list[tuple[str, str, str]]:
    rows = []
    for action in actions:
        keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()]
        keys = [k for k in keys if k]
        if keys:
            what = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
            rows.append((where, what.rstrip("…").rstrip("."), " / ".join(keys)))
    return rows


def shortcut_list(window: QWidget, view: CompanyView | None) -> list[tuple[str, str, str]]:
    """(where, what, keys) for the window's menus and each page of ``view``, once each."""
    menus = window.findChildren(QAction, options=Qt.FindChildOption.FindDirectChildrenOnly)
    rows = _rows(menus, QCoreApplication.translate("ShortcutsDialog", "Menus"))
    if view is not None:
        for key in view.page_keys():
            rows += _rows(view.page(key).findChildren(QAction), page_title(key))
    return list(dict.fromkeys(rows))


class ShortcutsDialog(QDialog):
    """The list, grouped by where the keys work; the entry editor shows its own on its buttons."""

    def __init__(self, window: QWidget, view: CompanyView | None) -> None:
        super().__init__(window)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        rows = shortcut_list(window, view)
        self.table = QTableWidget(len(rows), 3)
        self.table.setHorizontalHeaderLabels([self.tr("Where"), self.tr("Action"), self.tr("Keys")])
        for row, cells in enumerate(rows):
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(2)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(fitted(QSize(640, 560), screen_of(window)))
