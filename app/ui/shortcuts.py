"""The keyboard shortcuts of the window and of the pages built so far, in one list (F1)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
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

from app.ui.company_view import CompanyView, page_title


def _rows(actions: list[QAction], where: str) -> list[tuple[str, str, str]]:
    rows = []
    for action in actions:
        keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()]
        keys = [k for k in keys if k]
        if keys:
            what = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
            rows.append((where, what.rstrip("…").rstrip("."), " / ".join(keys)))
    return rows


def shortcut_list(window: QWidget, views: list[CompanyView]) -> list[tuple[str, str, str]]:
    """(where, what, keys) for the window's menus and each page built so far, once each."""
    menus = window.findChildren(QAction, options=Qt.FindChildOption.FindDirectChildrenOnly)
    rows = _rows(menus, QCoreApplication.translate("ShortcutsDialog", "Menus"))
    for view in views[:1]:
        for key in view.page_keys():
            if view.is_built(key):
                rows += _rows(view.page(key).findChildren(QAction), page_title(key))
    return list(dict.fromkeys(rows))


class ShortcutsDialog(QDialog):
    """The list, grouped by where the keys work; the entry editor shows its own on its buttons."""

    def __init__(self, window: QWidget, views: list[CompanyView]) -> None:
        super().__init__(window)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        rows = shortcut_list(window, views)
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
        self.resize(640, 560)
