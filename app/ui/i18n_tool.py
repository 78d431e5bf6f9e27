"""The translation pipeline: extract the interface's strings, list what is left, compile.

    python -m app.ui.i18n_tool update             # lupdate app/ui into the .ts files, lrelease
    python -m app.ui.i18n_tool untranslated [fr]  # context<TAB>source, one a line
    python -m app.ui.i18n_tool fill fr FILE.tsv   # context<TAB>source<TAB>translation lines

Qt's own tools do the work: ``pyside6-lupdate`` merges new strings into each ``.ts`` file and keeps
every existing translation (a string that disappears is kept as *vanished*, and comes back with its
translation if the string returns), and ``pyside6-lrelease`` compiles the ``.qm`` files the
application loads. ``fill`` exists so that new strings can be translated in any editor as a
tab-separated list rather than one by one in Qt Linguist.
"""

from __future__ import annotations

import ast
import csv
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from pathlib import Path

from app.resources import resources_dir

SOURCES = Path(__file__).resolve().parent
"""``app/ui``: every interface string lives under it."""
LANGUAGES = ("fr", "ar")
Key = tuple[str, str, str]
"""(context, source text, disambiguation comment) identifies a message in a ``.ts`` file."""


def ts_file(code: str) -> Path:
    return resources_dir() / "translations" / f"daftar_{code}.ts"


def qm_file(code: str) -> Path:
    return ts_file(code).with_suffix(".qm")


def qt_tool(name: str) -> str:
    """``pyside6-lupdate`` or ``pyside6-lrelease``: beside this Python (a venv), else on PATH."""
    folder = Path(sys.executable).parent
    for candidate in (folder / name, folder / f"{name}.exe"):
        if candidate.exists():
            return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise FileNotFoundError(f"{name} not found; install PySide6 into this environment")
    return found


_ALIAS = re.compile(r"^\s*(\w+)\s*=\s*QCoreApplication\.translate\s*$", re.MULTILINE)
_WRAPPER = re.compile(
    r"^def (\w+)\((\w+)[^)]*\)[^:]*:\s*\n\s+return QCoreApplication\.translate\("
    r"\s*(\"[^\"]*\"|'[^']*'),\s*\2\s*\)", re.MULTILINE)
"""``def _tr(text): return QCoreApplication.translate("Context", text)``: a context's shorthand."""
_TRANSLATORS = {"QCoreApplication", "QApplication", "i18n"}


def normalised(text: str) -> str:
    """Python source with every way of calling ``translate`` spelt the way lupdate reads it.

    lupdate recognises ``translate("context", "text")`` and ``QCoreApplication.translate(...)``,
    but reads ``tr = QCoreApplication.translate; tr("context", "text")`` as ``tr(source,
    comment)`` in no context, and does not see calls through a one-line wrapper such as
    ``_tr("text")`` at all: those strings would never be translated.
    """
    for alias in set(_ALIAS.findall(text)) - {"translate"}:
        text = re.sub(rf"(?<![.\w]){re.escape(alias)}\(", "translate(", text)
        text = re.sub(rf"^(\s*){re.escape(alias)}(\s*=\s*QCoreApplication\.translate)",
                      r"\1translate\2", text, flags=re.MULTILINE)
    for name, _param, context in _WRAPPER.findall(text):
        text = re.sub(rf"(?<![.\w])(?<!def ){re.escape(name)}\(",
                      lambda _m, c=context: f"translate({c}, ", text)
    return text


def _is_translation(call: ast.Call) -> tuple[bool, int]:
    """Whether ``call`` looks a string up, and how many leading arguments must be literals."""
    func = call.func
    if isinstance(func, ast.Name) and func.id == "translate":
        return True, 2
    if isinstance(func, ast.Attribute) and func.attr == "translate":
        return isinstance(func.value, ast.Name) and func.value.id in _TRANSLATORS, 2
    return isinstance(func, ast.Attribute) and func.attr == "tr", 1


def _forwarders(tree: ast.AST, wrappers: set[str]) -> set[ast.AST]:
    """The calls inside ``i18n.translate`` and the context wrappers ``normalised`` resolves."""
    found: set[ast.AST] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef):
            params = {a.arg for a in node.args.args}
            for call in ast.walk(node):
                if not (isinstance(call, ast.Call) and _is_translation(call)[0] and call.args):
                    continue
                passed = [isinstance(a, ast.Name) and a.id in params for a in call.args]
                if (node.name == "translate" and all(passed)) or (
                        node.name in wrappers and passed[-1]):
                    found.add(call)
    return found


def unseen_strings(sources: Path = SOURCES) -> list[str]:
    """Calls lupdate cannot read (a variable, an f-string, a call inside an f-string's field,
    an unknown wrapper), as file:line.

    A string passed that way is looked up at run time but never extracted, so it would stay
    in English whatever the language.
    """
    problems = []
    for path in sorted(sources.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        tree = ast.parse(normalised(text))
        forwarding = _forwarders(tree, {name for name, _p, _c in _WRAPPER.findall(text)})
        # lupdate does not look inside an f-string's fields, even at a literal
        in_fstrings = {id(node) for joined in ast.walk(tree) if isinstance(joined, ast.JoinedStr)
                       for node in ast.walk(joined)}
        for call in ast.walk(tree):
            if not isinstance(call, ast.Call) or call in forwarding:
                continue
            translation, literals = _is_translation(call)
            args = call.args[:literals]
            if translation and (id(call) in in_fstrings or len(args) < literals or not all(
                    isinstance(a, ast.Constant) and isinstance(a.value, str) for a in args)):
                problems.append(f"{path.relative_to(sources.parent)}:{call.lineno}")
    return problems


def extract(ts: Path, code: str, sources: Path = SOURCES) -> None:
    """Merge the strings found in ``sources`` into ``ts`` (created if missing)."""
    ts.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="daftar-lupdate-") as folder:
        copy = Path(folder) / "ui"
        for path in sorted(sources.rglob("*.py")):
            target = copy / path.relative_to(sources)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(normalised(path.read_text(encoding="utf-8")), encoding="utf-8")
        subprocess.run(
            [qt_tool("pyside6-lupdate"), "-silent", "-extensions", "py", "-locations", "none",
             "-source-language", "en", "-target-language", code, str(copy), "-ts", str(ts)],
            check=True,
        )


def compile_ts(ts: Path, qm: Path) -> None:
    subprocess.run([qt_tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)


def _messages(ts: Path) -> Iterable[tuple[Key, ET.Element]]:
    """The live messages of a ``.ts`` file (not those whose string left the code)."""
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            kind = translation.get("type", "") if translation is not None else ""
            if kind in ("vanished", "obsolete"):
                continue
            key = (name, message.findtext("source") or "", message.findtext("comment") or "")
            yield key, message


def messages(ts: Path) -> dict[Key, str | None]:
    """Each live message and its translation, ``None`` when not translated yet."""
    result: dict[Key, str | None] = {}
    for key, message in _messages(ts):
        translation = message.find("translation")
        done = translation is not None and translation.get("type") != "unfinished"
        result[key] = (translation.text or "") if done and translation is not None else None
    return result


def untranslated(ts: Path) -> list[Key]:
    return [key for key, text in messages(ts).items() if not text]


def fill(ts: Path, rows: Iterable[Sequence[str]]) -> int:
    """Set translations from ``(context, source, translation)`` rows; returns how many were set.

    The file is then passed through lupdate again, which writes it back in Qt's own layout.
    """
    wanted = {(row[0], row[1]): row[2] for row in rows if len(row) >= 3 and row[2].strip()}
    tree = ET.parse(ts)
    count = 0
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            text = wanted.get((name, message.findtext("source") or ""))
            translation = message.find("translation")
            if text is None or translation is None:
                continue
            translation.text = text
            translation.attrib.pop("type", None)
            count += 1
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return count


def update() -> None:
    """Re-extract every language's strings, then compile them."""
    for code in LANGUAGES:
        extract(ts_file(code), code)
        compile_ts(ts_file(code), qm_file(code))


def _unescape(text: str) -> str:
    return text.replace("\\n", "\n").replace("\\t", "\t")


def _escape(text: str) -> str:
    return text.replace("\t", "\\t").replace("\n", "\\n")


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv) or ["update"]
    command, rest = args[0], args[1:]
    if command == "update":
        update()
        for code in LANGUAGES:
            print(f"{ts_file(code).name}: {len(untranslated(ts_file(code)))} untranslated")
        for where in unseen_strings():
            print(f"{where}: lupdate cannot read this string; write it as a literal in the call")
        return 0
    if command == "untranslated":
        for code in rest or LANGUAGES:
            for context, source, _comment in untranslated(ts_file(code)):
                print(f"{code}\t{context}\t{_escape(source)}" if not rest
                      else f"{context}\t{_escape(source)}")
        return 0
    if command == "fill" and len(rest) == 2:
        code, table = rest
        with open(table, encoding="utf-8", newline="") as f:
            rows = [[_unescape(cell) for cell in row]
                    for row in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)]
        count = fill(ts_file(code), rows)
        extract(ts_file(code), code)
        compile_ts(ts_file(code), qm_file(code))
        print(f"{count} translations set; {len(untranslated(ts_file(code)))} left")
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
