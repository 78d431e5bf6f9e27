"""Daftar's look: Qt's Fusion style, a quiet light palette, and ``resources/styles/daftar.qss``.

Fusion looks the same on Windows, macOS and Linux, so screenshots in the manual match every
user's screen. The palette sets the colours Fusion draws with (selection, links, disabled text);
the stylesheet adds the few things a palette cannot (the navigation list, sections, the primary
button). The stylesheet avoids side-specific rules where the side matters, so it reads right to
left in Arabic without a second copy.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from app.resources import resources_dir

ACCENT = "#2f6690"
PROBLEM_COLOUR = "#b3261e"
"""What is wrong: problems in the entry editor and beside a form's fields."""
BALANCED_COLOUR = "#1e7b34"


def stylesheet() -> str:
    return (resources_dir() / "styles" / "daftar.qss").read_text(encoding="utf-8")


def palette() -> QPalette:
    """Fusion's light palette with Daftar's accent for selections and links."""
    pal = QPalette()
    role = QPalette.ColorRole
    colours = {
        role.Window: "#f6f7f9", role.WindowText: "#1f2a33", role.Base: "#ffffff",
        role.AlternateBase: "#f7f9fb", role.Text: "#1f2a33", role.Button: "#f4f6f8",
        role.ButtonText: "#1f2a33", role.Highlight: ACCENT, role.HighlightedText: "#ffffff",
        role.Link: ACCENT, role.ToolTipBase: "#fffdf2", role.ToolTipText: "#1f2a33",
        role.PlaceholderText: "#8a949d", role.Mid: "#c4cbd2", role.Midlight: "#e6e9ed",
        role.Dark: "#9aa3ab", role.Light: "#ffffff",
    }
    for which, colour in colours.items():
        pal.setColor(which, QColor(colour))
    disabled = QPalette.ColorGroup.Disabled
    for which in (role.WindowText, role.Text, role.ButtonText):
        pal.setColor(disabled, which, QColor("#9aa3ab"))
    return pal


def apply_style(app: QApplication) -> None:
    """Give the application Daftar's look; call once, after the QApplication exists."""
    app.setStyle("Fusion")
    app.setPalette(palette())
    app.setStyleSheet(stylesheet())

