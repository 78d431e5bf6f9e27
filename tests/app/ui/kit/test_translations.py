"""Every interface string has a French and an Arabic translation, compiled into the .qm files.

When a test here fails after a change to the interface, run ``python -m app.dev translations``
(or ``python -m app.ui.i18n_tool update``), translate what ``python -m app.ui.i18n_tool
untranslated`` lists, and commit the .ts and .qm files.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.ui import i18n_tool

FIX = "run `python -m app.dev translations` and translate what is listed"
PLACEHOLDER = re.compile(r"\{\d+\}")


@pytest.mark.parametrize("code", i18n_tool.LANGUAGES)
def test_the_ts_file_holds_every_string_of_the_interface(code: str, tmp_path: Path) -> None:
    fresh = tmp_path / f"fresh_{code}.ts"
    i18n_tool.extract(fresh, code)
    in_code = set(i18n_tool.messages(fresh))
    in_file = set(i18n_tool.messages(i18n_tool.ts_file(code)))
    assert in_code, "lupdate found no string at all in app/ui"
    assert sorted(in_code - in_file) == [], f"strings missing from daftar_{code}.ts: {FIX}"
    assert sorted(in_file - in_code) == [], f"strings gone from the code: {FIX}"


@pytest.mark.parametrize("code", i18n_tool.LANGUAGES)
def test_every_string_is_translated(code: str) -> None:
    assert i18n_tool.untranslated(i18n_tool.ts_file(code)) == [], FIX


@pytest.mark.parametrize("code", i18n_tool.LANGUAGES)
def test_translations_keep_placeholders_and_a_single_shortcut_letter(code: str) -> None:
    for (context, source, _comment), text in i18n_tool.messages(i18n_tool.ts_file(code)).items():
        if not text:
            continue
        where = f"{code} {context}: {source!r} -> {text!r}"
        assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(source)), where
        marks = len(re.findall(r"&(?=[^&\s])", source))
        assert len(re.findall(r"&(?=[^&\s])", text)) == marks, where


@pytest.mark.parametrize("code", i18n_tool.LANGUAGES)
def test_the_qm_file_is_compiled_from_the_ts_file(code: str, tmp_path: Path) -> None:
    compiled = tmp_path / f"daftar_{code}.qm"
    i18n_tool.compile_ts(i18n_tool.ts_file(code), compiled)
    shipped = i18n_tool.qm_file(code)
    assert shipped.exists() and shipped.read_bytes() == compiled.read_bytes(), FIX


def test_a_short_name_for_translate_is_read_in_its_context() -> None:
    source = ('def f(self):\n'
              '    tr = QCoreApplication.translate\n'
              '    return tr("status", "Offline"), self.tr("Keep"), attr("x")\n')
    assert i18n_tool.normalised(source) == (
        'def f(self):\n'
        '    translate = QCoreApplication.translate\n'
        '    return translate("status", "Offline"), self.tr("Keep"), attr("x")\n')


def test_a_context_wrapper_is_read_through() -> None:
    source = ('def _tr(text: str) -> str:\n'
              '    return QCoreApplication.translate("EntryEditor", text)\n'
              'X = _tr("Draft saved.")\n')
    assert 'X = translate("EntryEditor", "Draft saved.")' in i18n_tool.normalised(source)


def test_every_string_lookup_can_be_extracted() -> None:
    assert i18n_tool.unseen_strings() == [], "write the strings as literals inside the call"


def test_lookups_lupdate_cannot_read_are_found(tmp_path: Path) -> None:
    sources = tmp_path / "ui"
    sources.mkdir()
    (sources / "page.py").write_text(
        'from PySide6.QtCore import QCoreApplication\n'
        'CONTEXT = "page"\n'
        'def label(text):\n'
        '    return QCoreApplication.translate(CONTEXT, text)\n'
        'class Page:\n'
        '    def title(self, name):\n'
        '        return self.tr(name), self.tr(f"Page {name}"), self.tr("Fine")\n'
        '    def link(self):\n'
        '        return f"<a>{self.tr(\'Open\')}</a>"\n',
        encoding="utf-8")
    assert i18n_tool.unseen_strings(sources) == [
        "ui/page.py:4", "ui/page.py:7", "ui/page.py:7", "ui/page.py:9"]


def test_update_keeps_translations_and_lists_new_strings(tmp_path: Path) -> None:
    sources = tmp_path / "ui"
    sources.mkdir()
    module = sources / "page.py"
    module.write_text('from PySide6.QtCore import QCoreApplication\n'
                      'A = QCoreApplication.translate("page", "Journal")\n', encoding="utf-8")
    ts = tmp_path / "x_fr.ts"
    i18n_tool.extract(ts, "fr", sources)
    assert i18n_tool.untranslated(ts) == [("page", "Journal", "")]
    assert i18n_tool.fill(ts, [("page", "Journal", "Journal (fr)")]) == 1
    module.write_text(module.read_text(encoding="utf-8")
                      + 'B = QCoreApplication.translate("page", "Entry")\n', encoding="utf-8")
    i18n_tool.extract(ts, "fr", sources)
    assert i18n_tool.messages(ts) == {("page", "Journal", ""): "Journal (fr)",
                                      ("page", "Entry", ""): None}
    assert i18n_tool.untranslated(ts) == [("page", "Entry", "")]
