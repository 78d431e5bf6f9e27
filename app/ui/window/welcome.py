"""The page shown when no company is in front: create one, open one, or pick a recent file.

It holds no logic of its own: each choice is a signal the main window acts on, so the same flows
serve the menu, the welcome page and the command line.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence, QPainter, QPalette
from PySide6.QtWidgets import (
    QCommandLinkButton,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from app.ui.kit.prefs import Prefs

PATH_ROLE = Qt.ItemDataRole.UserRole
MISSING_ROLE = Qt.ItemDataRole.UserRole + 1


class _RecentDelegate(QStyledItemDelegate):
    """Two lines per file: the company's name, and below it the path in a quieter colour."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        height = option.fontMetrics.lineSpacing()
        return QSize(option.fontMetrics.averageCharWidth() * 40, int(height * 2.6))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text, opt.text = opt.text, ""
        style = opt.widget.style() if opt.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorGroup.Normal
        pen = opt.palette.color(group, QPalette.ColorRole.HighlightedText if selected
                                else QPalette.ColorRole.Text)
        quiet = opt.palette.color(group, QPalette.ColorRole.HighlightedText if selected
                                  else QPalette.ColorRole.PlaceholderText)
        margin = opt.fontMetrics.averageCharWidth()
        area = opt.rect.adjusted(margin, 0, -margin, 0)
        top = QRect(area.left(), area.top(), area.width(), area.height() // 2)
        bottom = QRect(area.left(), area.top() + area.height() // 2, area.width(),
                       area.height() - area.height() // 2)
        leading = QStyle.visualAlignment(opt.direction, Qt.AlignmentFlag.AlignLeft)
        painter.save()
        bold = QFont(opt.font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(pen)
        painter.drawText(top, int(leading | Qt.AlignmentFlag.AlignBottom),
                         painter.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight,
                                                          top.width()))
        painter.setFont(opt.font)
        painter.setPen(quiet)
        detail = str(index.data(PATH_ROLE))
        if index.data(MISSING_ROLE):
            detail = self.tr("{0} (not found)").format(detail)
        painter.drawText(bottom, int(leading | Qt.AlignmentFlag.AlignTop),
                         opt.fontMetrics.elidedText(detail, Qt.TextElideMode.ElideMiddle,
                                                    bottom.width()))
        painter.restore()


class WelcomePage(QWidget):
    """Daftar's first screen: three big choices and the recent companies."""

    create_requested = Signal()
    open_requested = Signal()
    recent_requested = Signal(str)
    """The path of a recent company file the user chose."""
    demo_requested = Signal()
    restore_requested = Signal()
    """Restore a company from the Daftar cloud (a new or replaced PC)."""

    def __init__(self, prefs: Prefs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.prefs = prefs
        column = QWidget()
        column.setMaximumWidth(self.fontMetrics().averageCharWidth() * 90)
        layout = QVBoxLayout(column)
        layout.setSpacing(self.fontMetrics().height())
        layout.addStretch(1)
        layout.addLayout(self._heading())
        layout.addLayout(self._choices())
        layout.addWidget(self._recent_section())
        layout.addStretch(2)
        inner = QWidget()
        outer = QHBoxLayout(inner)
        outer.addStretch(1)
        outer.addWidget(column, 4)
        outer.addStretch(1)
        self._scroll_around(inner)
        self.refresh()

    def _scroll_around(self, inner: QWidget) -> None:
        """A short screen scrolls the page rather than cutting its choices off."""
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def _heading(self) -> QVBoxLayout:
        title = QLabel("Daftar")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 2.6)
        font.setBold(True)
        title.setFont(font)
        tagline = QLabel(self.tr("Accounting books under the Algerian SCF or the French PCG, "
                                 "each company in its own encrypted file on this computer."))
        tagline.setWordWrap(True)
        tagline.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        box = QVBoxLayout()
        box.addWidget(title)
        box.addWidget(tagline)
        return box

    def _choices(self) -> QVBoxLayout:
        icon = self.style().standardIcon
        pixmap = QStyle.StandardPixmap
        self.create_button = self._choice(
            icon(pixmap.SP_FileDialogNewFolder), self.tr("&Create a company…"),
            self.tr("A new company file with its chart of accounts and first fiscal year "
                    "(Ctrl+Shift+N)."), self.create_requested)
        self.open_button = self._choice(
            icon(pixmap.SP_DialogOpenButton), self.tr("&Open a company file…"),
            self.tr("A .daftar file made on this computer or brought from another one "
                    "({0}).").format(QKeySequence(QKeySequence.StandardKey.Open).toString(
                        QKeySequence.SequenceFormat.NativeText)), self.open_requested)
        self.demo_button = self._choice(
            icon(pixmap.SP_FileDialogInfoView), self.tr("Open the &demo company"),
            self.tr("SARL Atlas Distribution: a year of realistic books to look around in "
                    "(Ctrl+Shift+D)."), self.demo_requested)
        self.restore_button = self._choice(
            icon(pixmap.SP_BrowserReload), self.tr("Restore from the c&loud…"),
            self.tr("A company backed up to the Daftar cloud, with its recovery key: for a new "
                    "or replaced PC."), self.restore_requested)
        box = QVBoxLayout()
        for button in (self.create_button, self.open_button, self.demo_button,
                       self.restore_button):
            box.addWidget(button)
        return box

    def _choice(self, icon, text: str, description: str, signal) -> QCommandLinkButton:
        button = QCommandLinkButton(text, description)
        button.setIcon(icon)
        button.clicked.connect(signal.emit)
        return button

    def _recent_section(self) -> QWidget:
        heading = QLabel(self.tr("&Recent companies"))
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        heading.setFont(font)
        self.recent_list = QListWidget()
        self.recent_list.setItemDelegate(_RecentDelegate(self.recent_list))
        self.recent_list.setFrameShape(QFrame.Shape.StyledPanel)
        self.recent_list.setUniformItemSizes(True)
        self.recent_list.setMinimumHeight(int(self.fontMetrics().lineSpacing() * 2.6 * 6))
        self.recent_list.itemActivated.connect(self._activated)
        self.recent_list.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        forget = QAction(self.tr("Remove from this list"), self.recent_list)
        forget.setShortcut(QKeySequence.StandardKey.Delete)
        forget.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        forget.triggered.connect(self._forget_current)
        self.recent_list.addAction(forget)
        heading.setBuddy(self.recent_list)
        self.empty_label = QLabel(self.tr("No company opened yet. Create one, open a file, or "
                                          "open the demo company to look around."))
        self.empty_label.setWordWrap(True)
        self.empty_label.setFrameShape(QFrame.Shape.StyledPanel)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.recent_stack = QStackedWidget()
        self.recent_stack.addWidget(self.empty_label)
        self.recent_stack.addWidget(self.recent_list)
        section = QWidget()
        box = QVBoxLayout(section)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(heading)
        box.addWidget(self.recent_stack, 1)
        return section

    def refresh(self) -> None:
        """Show the recent files as the preferences hold them now."""
        self.recent_list.clear()
        for recent in self.prefs.recent:
            item = QListWidgetItem(recent.name or Path(recent.path).stem)
            item.setData(PATH_ROLE, recent.path)
            item.setData(MISSING_ROLE, not Path(recent.path).exists())
            item.setToolTip(recent.path)
            self.recent_list.addItem(item)
        if self.recent_list.count():
            self.recent_list.setCurrentRow(0)
            self.recent_stack.setCurrentWidget(self.recent_list)
        else:
            self.recent_stack.setCurrentWidget(self.empty_label)

    def _activated(self, item: QListWidgetItem) -> None:
        self.recent_requested.emit(str(item.data(PATH_ROLE)))

    def _forget_current(self) -> None:
        item = self.recent_list.currentItem()
        if item is None:
            return
        self.prefs.forget(str(item.data(PATH_ROLE)))
        self.prefs.save()
        self.refresh()
