"""Windows sized to the screen they open on, and remembered per screen.

A window opens at its natural size when the screen has room for it, smaller when it has not,
always inside the screen's available geometry (the screen less its taskbars and panels). Where
the user last put or sized a window is remembered for each screen (its name and size), and used
again only while it still fits: a laptop moved from a large monitor to its own small screen
never opens a window whose title bar or status bar is out of reach.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

from app.ui.kit.prefs import Prefs

FRAME = QSize(16, 40)
"""Room left for the window manager's frame and title bar, which Qt learns only once a window
is shown: generous enough for Windows, GNOME, KDE and openbox at 100 %."""

SMALLEST_SCREEN = QSize(1024, 600)
"""The smallest screen the program is made for: every window's minimum fits it, frame and a
taskbar included (``MIN_TASKBAR``)."""

MIN_TASKBAR = 48


def smallest_client() -> QSize:
    """The largest client area a window can be given on the smallest screen."""
    return SMALLEST_SCREEN - FRAME - QSize(0, MIN_TASKBAR)


def screen_of(widget: QWidget) -> QScreen:
    return widget.screen() or QGuiApplication.primaryScreen()


def screen_key(screen: QScreen) -> str:
    """A screen as remembered: its name and size, so a different monitor on the same connector
    is a different screen."""
    size = screen.size()
    return f"{screen.name()} {size.width()}x{size.height()}"


def available(screen: QScreen) -> QRect:
    """The screen less its taskbars and panels."""
    return screen.availableGeometry()


def room(screen: QScreen) -> QRect:
    """The client area a window may take on ``screen``: its available geometry less the frame."""
    area = available(screen)
    left, top = FRAME.width() // 2, FRAME.height() - FRAME.width() // 2
    return area.adjusted(left, top, -(FRAME.width() - left), -(FRAME.width() // 2))


def fitted(natural: QSize, screen: QScreen) -> QSize:
    """``natural``, shrunk as far as needed to fit on ``screen``."""
    return natural.boundedTo(room(screen).size())


def centred(size: QSize, screen: QScreen) -> QRect:
    rect = QRect(0, 0, size.width(), size.height())
    rect.moveCenter(room(screen).center())
    return rect


def fits(rect: QRect, screen: QScreen) -> bool:
    return room(screen).contains(rect)


def restore_geometry(widget: QWidget, prefs: Prefs | None, name: str, natural: QSize) -> None:
    """Put ``widget`` where it was last on this screen, if that still fits; otherwise centred at
    its natural size, fitted to the screen."""
    screen = screen_of(widget)
    saved = prefs.window_geometry(name, screen_key(screen)) if prefs else None
    if saved is not None and len(saved) == 4:
        rect = QRect(*saved)
        if fits(rect, screen) and rect.width() >= widget.minimumWidth() \
                and rect.height() >= widget.minimumHeight():
            widget.setGeometry(rect)
            return
    widget.setGeometry(centred(fitted(natural.expandedTo(widget.minimumSize()), screen), screen))


def remember_geometry(widget: QWidget, prefs: Prefs | None, name: str) -> None:
    """Remember ``widget``'s client geometry on its current screen (not when maximised or full
    screen: the next opening sizes itself to the screen anyway)."""
    if prefs is None or widget.isMaximized() or widget.isFullScreen():
        return
    rect = widget.geometry()
    prefs.remember_window(name, screen_key(screen_of(widget)),
                          [rect.x(), rect.y(), rect.width(), rect.height()])


def restore_size(widget: QWidget, prefs: Prefs | None, name: str, natural: QSize) -> None:
    """Give ``widget`` its last size on this screen if that still fits, else its natural size
    fitted to the screen; centred on the screen either way (windows opened one after another
    are placed by the window manager, not all at one remembered spot)."""
    screen = screen_of(widget)
    saved = prefs.window_geometry(name, screen_key(screen)) if prefs else None
    size = fitted(natural, screen)
    if saved is not None and len(saved) == 2:
        remembered = QSize(*saved)
        if remembered.boundedTo(room(screen).size()) == remembered:
            size = remembered
    widget.setGeometry(centred(size.expandedTo(widget.minimumSizeHint())
                               .boundedTo(room(screen).size()), screen))


def remember_size(widget: QWidget, prefs: Prefs | None, name: str) -> None:
    if prefs is not None and not (widget.isMaximized() or widget.isFullScreen()):
        prefs.remember_window(name, screen_key(screen_of(widget)),
                              [widget.width(), widget.height()])
