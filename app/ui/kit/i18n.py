"""The interface languages: English, French and Arabic, through Qt translation files.

Strings in ``app/ui`` are written in English inside ``self.tr()`` or ``translate()``; the French
and Arabic texts live in ``resources/translations/daftar_{fr,ar}.ts`` (edited by translators in
Qt Linguist) and are compiled to ``.qm`` files that ship beside them. ``python -m app.dev
translations`` re-extracts the strings and recompiles; a test fails when a string has no
translation. Arabic turns the whole application right-to-left.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtWidgets import QApplication

from app.resources import resources_dir


@dataclass(frozen=True, slots=True)
class Language:
    code: str
    """``en``, ``fr`` or ``ar``: also the language of account labels in the chart."""
    native_name: str
    locale_name: str
    """The locale whose numbers and dates are used: Algerian French and Arabic (Latin digits)."""

    @property
    def right_to_left(self) -> bool:
        return self.code == "ar"

    @property
    def locale(self) -> QLocale:
        return QLocale(self.locale_name)


LANGUAGES = {
    "en": Language("en", "English", "en_GB"),
    "fr": Language("fr", "Français", "fr_DZ"),
    "ar": Language("ar", "العربية", "ar_DZ"),
}
DEFAULT_LANGUAGE = "fr"


def translations_dir() -> str:
    return str(resources_dir() / "translations")


def language(code: str) -> Language:
    return LANGUAGES.get(code, LANGUAGES[DEFAULT_LANGUAGE])


_installed: list[QTranslator] = []
_current = DEFAULT_LANGUAGE


def current() -> str:
    """The code of the language installed last: what messages outside a session are worded in."""
    return _current


def install(app: QApplication, code: str) -> Language:
    """Switch the running application to a language: translators, locale and layout direction."""
    global _current
    lang = language(code)
    _current = lang.code
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if lang.code != "en":
        ours = QTranslator(app)
        if ours.load(f"daftar_{lang.code}", translations_dir()):
            _installed.append(ours)
        qt_own = QTranslator(app)
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt_own.load(f"qtbase_{lang.code}", qt_dir):
            _installed.append(qt_own)
        for translator in _installed:
            app.installTranslator(translator)
    QLocale.setDefault(lang.locale)
    app.setLayoutDirection(
        Qt.LayoutDirection.RightToLeft if lang.right_to_left else Qt.LayoutDirection.LeftToRight
    )
    return lang


def translate(context: str, text: str) -> str:
    """For strings outside a QObject (module-level tables of labels)."""
    return QCoreApplication.translate(context, text)
