"""What goes into the Daftar bundle, kept apart from ``daftar.spec`` so tests can read it.

PyInstaller runs a spec file with its own globals (``Analysis``, ``EXE``...), which makes the
spec itself hard to check without a build. Everything that decides the bundle's contents lives here
as plain data and small functions: the spec imports it, ``build.py`` imports it for the exe names
and the version, and ``tests/installer`` checks it in milliseconds. This module imports neither
PyInstaller nor Qt.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

INSTALLER = Path(__file__).resolve().parent
ROOT = INSTALLER.parent
RESOURCES = ROOT / "resources"

BUNDLE_NAME = "Daftar"
"""The onedir folder (``dist/Daftar``) that the installer copies to the user's programs folder."""
WINDOW_EXE = "Daftar"
"""The windowed program: what the Start menu shortcut and ``.daftar`` files open."""
CLI_EXE = "daftar-cli"
"""The console program. Not ``daftar``: Windows file names ignore case, so ``daftar.exe`` would
overwrite ``Daftar.exe`` in the same folder."""

WINDOW_SCRIPT = INSTALLER / "launchers" / "daftar_window.py"
CLI_SCRIPT = INSTALLER / "launchers" / "daftar_cli.py"

LAUNCHER_NAME = "DaftarLauncher"
"""The onedir folder of the two launchers, installed at the root of the installation with the
versions beside them (``sync/client/updates/layout.py``). They carry the same names as the
programs they start, so shortcuts and file associations never change across updates."""
LAUNCH_WINDOW_SCRIPT = INSTALLER / "launchers" / "launch_window.py"
LAUNCH_CLI_SCRIPT = INSTALLER / "launchers" / "launch_cli.py"
LAUNCHER_EXCLUDES = ("app", "PySide6", "shiboken6", "sqlalchemy", "sqlcipher3", "httpx",
                     "cryptography", "pydantic", "tuf", "zstandard", "keyring", "openpyxl")
"""The launchers import the standard library alone; these guard against a stray import
dragging the application in (a test checks ``sync.client.updates.launch`` needs none)."""
ICON = INSTALLER / "daftar.ico"
VERSION_TEMPLATE = INSTALLER / "version_info.txt.in"

SOURCE_ONLY_SUFFIXES = frozenset({".ts", ".md", ".py", ".pyc", ".pro"})
"""Files under ``resources/`` that serve editing, not running (``.ts`` are compiled to ``.qm``)."""
DOCUMENTATION_FOLDERS = frozenset({"screenshots"})
"""Folders under ``resources/`` for the README, not for the program."""

SERVER_EXCLUDES = (
    "sync.server",
    "fastapi",
    "starlette",
    "uvicorn",
    "pydantic_settings",
    "alembic",
    "mako",
    "psycopg",
    "psycopg_binary",
    "psycopg2",
    "redis",
    "boto3",
    "botocore",
    "s3transfer",
    "prometheus_client",
    "uvloop",
    "httptools",
    "watchfiles",
    "websockets",
)
"""The companion service and its dependencies (uvicorn's ``standard`` extras included):
installed in a developer venv, never shipped. TUF is not among them: the desktop verifies its
updates with ``tuf.ngclient``."""

DEV_EXCLUDES = (
    "pytest",
    "_pytest",
    "pytestqt",
    "hypothesis",
    "schemathesis",
    "ruff",
    "app.dev",
    "tkinter",
    "PyInstaller",
)
"""Test and build tools that a careless import could drag in."""

QT_EXCLUDES = (
    "PySide6.QtConcurrent",
    "PySide6.QtDBus",
    "PySide6.QtDesigner",
    "PySide6.QtHelp",
    "PySide6.QtLabsStyleKit",
    "PySide6.QtNetwork",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtQml",
    "PySide6.QtQmlFeatures",
    "PySide6.QtQuick",
    "PySide6.QtQuickControls2",
    "PySide6.QtQuickTest",
    "PySide6.QtQuickWidgets",
    "PySide6.QtSql",
    "PySide6.QtTest",
    "PySide6.QtUiTools",
    "PySide6.QtXml",
)
"""Qt modules a widgets application without QML, Qt networking or Qt SQL never needs. An
``app/ui`` module importing one of these would fail in the bundle; a test guards against that."""

UNUSED_EXCLUDES = ("greenlet",)
"""Optional dependencies of our dependencies: greenlet serves SQLAlchemy's asyncio layer, and
SQLAlchemy runs without it (Daftar's store is synchronous)."""

EXCLUDES = SERVER_EXCLUDES + DEV_EXCLUDES + QT_EXCLUDES + UNUSED_EXCLUDES

HIDDEN_IMPORTS: tuple[str, ...] = ("pyfastcdc.cy.constants",)
"""Modules PyInstaller's analysis cannot see. pyfastcdc's Cython chunker ``cimport``s its
``constants`` extension, which no Python ``import`` names: without it pyfastcdc falls back, with
a warning, to its pure-Python chunker, many times slower on a backup (the smoke test checks every
module here is in the bundle). keyring finds its backends through entry points: PyInstaller's own
``hook-keyring`` collects ``keyring.backends.*`` and keyring's metadata, and the Windows
backend's ``win32ctypes`` (loaded dynamically) is covered by ``hook-win32ctypes.core``."""

METADATA = ("daftar",)
"""Distributions whose metadata must ship: ``app.__version__`` reads ``daftar``'s."""

QT_LANGUAGES = ("fr", "ar")
"""Qt's own translations kept in the bundle (``qtbase_fr.qm``...): the languages Daftar speaks."""
QT_IMAGE_PLUGINS = ("qico", "qsvg")
"""Image format plugins kept: icons only. PNG and BMP are built into QtGui; the PDF plugin
would pull the whole Qt PDF library in."""

QT_DROPPED_FILES = frozenset({"opengl32sw.dll"})
"""Qt's software OpenGL renderer for Windows (~ 20 MB): only OpenGL and Qt Quick views use it;
Daftar's widgets paint with the raster engine."""


def runtime_resources() -> list[Path]:
    """Every file under ``resources/`` the running program may open, sorted."""
    return sorted(
        path
        for path in RESOURCES.rglob("*")
        if path.is_file()
        and path.suffix not in SOURCE_ONLY_SUFFIXES
        and "__pycache__" not in path.parts
        and not DOCUMENTATION_FOLDERS & set(path.relative_to(RESOURCES).parts)
        and not path.name.startswith(".")
    )


PACKAGE_DATA = ("sync/client/licence_keys.json", "sync/client/update_root.json")
"""Data files read with ``importlib.resources`` from their package: the licence-signing public
keys the desktop trusts, and the TUF root its updates are verified from."""
UPDATE_ROOT = "sync/client/update_root.json"


def datas(update_root: Path | None = None) -> list[tuple[str, str]]:
    """PyInstaller ``datas``: each resource file into the same relative folder in the bundle,
    where ``app.resources.resources_dir()`` looks (``sys._MEIPASS/resources``), and the
    packages' own data files beside their modules. ``update_root`` is a folder holding an
    ``update_root.json`` to ship instead of the checkout's (``build.py --update-root``)."""
    files = [(path, path) for path in runtime_resources() + [ROOT / n for n in PACKAGE_DATA]]
    if update_root is not None:
        files = [(update_root / "update_root.json" if path == ROOT / UPDATE_ROOT else path, home)
                 for path, home in files]
    return [(str(path), str(home.parent.relative_to(ROOT))) for path, home in files]


def stamped_metadata(source: Path, work: Path, version: str) -> tuple[str, str]:
    """``daftar``'s installed metadata folder copied with ``version`` in place of its own, as
    a PyInstaller ``datas`` entry: ``build.py --version`` builds a release of that number
    without reinstalling the checkout. Only ``METADATA`` is read at run time."""
    folder = work / "metadata" / f"daftar-{version}.dist-info"
    folder.mkdir(parents=True, exist_ok=True)
    text = (source / "METADATA").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^Version: .*$", f"Version: {version}", text, count=1)
    (folder / "METADATA").write_text(text, encoding="utf-8")
    return str(folder), folder.name


def project_version() -> str:
    """The version in ``pyproject.toml``: the one source for the exe resources and the installer."""
    with (ROOT / "pyproject.toml").open("rb") as f:
        return str(tomllib.load(f)["project"]["version"])


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """Windows wants four 16-bit numbers: ``1.2.3rc1`` gives ``(1, 2, 3, 0)``."""
    match = re.match(r"\d+(\.\d+)*", version)
    if not match:
        raise ValueError(f"not a release version: {version!r}")
    numbers = [int(part) for part in match.group(0).split(".")][:4]
    if any(n > 0xFFFF for n in numbers):
        raise ValueError(f"a part of {version!r} does not fit Windows' 16 bits")
    return (*numbers, 0, 0, 0, 0)[:4]  # type: ignore[return-value]


def version_info_text(version: str, exe: str, description: str) -> str:
    """The Windows version resource of one exe (PyInstaller's text format), from the template."""
    numbers = version_tuple(version)
    return VERSION_TEMPLATE.read_text(encoding="utf-8").format(
        tuple=repr(numbers), dotted=".".join(map(str, numbers)), version=version, exe=exe,
        description=description,
    )


def keep_metadata(dest: str, version: str) -> bool:
    """Whether a file belongs in the bundle as far as ``daftar``'s metadata goes: only the
    folder of the version being built (PyInstaller's hooks may collect the installed one too,
    and ``importlib.metadata`` would then read whichever it meets first)."""
    folder = Path(dest).parts[0]
    if folder.startswith("daftar-") and folder.endswith(".dist-info"):
        return folder == f"daftar-{version}.dist-info"
    return True


def keep_qt_file(dest: str) -> bool:
    """Whether a file PyInstaller's Qt hooks collected belongs in the bundle.

    The hooks take every Qt translation (~ 80 languages), every image plugin and the software
    OpenGL renderer; Daftar needs the translations of its own languages and the icon plugins.
    """
    parts = Path(dest).parts
    if parts[-1].lower() in QT_DROPPED_FILES:
        return False
    if "translations" in parts and "PySide6" in parts:
        return bool(re.match(rf"qtbase_({'|'.join(QT_LANGUAGES)})\.qm$", parts[-1]))
    if "imageformats" in parts:
        stem = parts[-1].removeprefix("lib").split(".")[0]
        return stem in QT_IMAGE_PLUGINS
    return True
