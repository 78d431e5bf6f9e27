"""The packaging, checked without building: the spec, its plan, the installer script, the icon.

The spec is executed with recording stand-ins for PyInstaller's build steps (``Analysis``, ``EXE``,
``COLLECT``...), so what it would ask PyInstaller for is checked in milliseconds. A real build is
the slow test at the end, run only with ``DAFTAR_BUILD_BUNDLE=1``.
"""

from __future__ import annotations

import ast
import importlib.util
import os
import re
import struct
import subprocess
import sys
import tomllib
import types
from pathlib import Path
from typing import Any

import pytest
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[2]
INSTALLER = ROOT / "installer"
if str(INSTALLER) not in sys.path:
    sys.path.insert(0, str(INSTALLER))

import bundle_plan as plan  # noqa: E402


def _load_build() -> types.ModuleType:
    """``installer/build.py`` under a name that cannot clash with PyPI's ``build`` package."""
    spec = importlib.util.spec_from_file_location("daftar_installer_build", INSTALLER / "build.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class _Recorded:
    """What one call of a PyInstaller build step was given."""

    def __init__(self, kind: str, *args: Any, **kwargs: Any) -> None:
        self.kind, self.args, self.kwargs = kind, args, kwargs


QT_EXTRAS = [
    ("PySide6/Qt/translations/qtbase_fr.qm", "/qt/qtbase_fr.qm", "DATA"),
    ("PySide6/Qt/translations/qtbase_de.qm", "/qt/qtbase_de.qm", "DATA"),
    ("PySide6/Qt/translations/qt_help_fr.qm", "/qt/qt_help_fr.qm", "DATA"),
]
QT_BINARIES = [
    ("PySide6/Qt/lib/libQt6Core.so.6", "/qt/libQt6Core.so.6", "BINARY"),
    ("PySide6/Qt/plugins/imageformats/libqico.so", "/qt/libqico.so", "BINARY"),
    ("PySide6/Qt/plugins/imageformats/libqpdf.so", "/qt/libqpdf.so", "BINARY"),
    ("PySide6/opengl32sw.dll", "/qt/opengl32sw.dll", "BINARY"),
]


def _run_spec(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
              platform: str = "linux", spec: str = "daftar.spec") -> dict[str, list[_Recorded]]:
    calls: dict[str, list[_Recorded]] = {"Analysis": [], "PYZ": [], "EXE": [], "COLLECT": []}

    class Analysis(_Recorded):
        def __init__(self, scripts: list[str], **kwargs: Any) -> None:
            super().__init__("Analysis", scripts, **kwargs)
            self.scripts = [("script", scripts[0])]
            self.pure = [("pure", scripts[0])]
            self.binaries = list(QT_BINARIES)
            self.datas = [(f"{dest}/{Path(src).name}", src, "DATA")
                          for src, dest in kwargs.get("datas", [])] + QT_EXTRAS
            calls["Analysis"].append(self)

    def step(kind: str) -> Any:
        def record(*args: Any, **kwargs: Any) -> _Recorded:
            made = _Recorded(kind, *args, **kwargs)
            calls[kind].append(made)
            return made
        return record

    hooks = types.ModuleType("PyInstaller.utils.hooks")
    hooks.copy_metadata = lambda name: [(f"/site/{name}-0.1.0.dist-info",  # type: ignore[attr-defined]
                                         f"{name}-0.1.0.dist-info")]
    for name, module in (("PyInstaller", types.ModuleType("PyInstaller")),
                         ("PyInstaller.utils", types.ModuleType("PyInstaller.utils")),
                         ("PyInstaller.utils.hooks", hooks)):
        monkeypatch.setitem(sys.modules, name, module)
    monkeypatch.setattr(sys, "path", list(sys.path))
    monkeypatch.setattr(sys, "platform", platform)
    namespace = {"SPECPATH": str(INSTALLER), "workpath": str(tmp_path), "__name__": "spec",
                 "Analysis": Analysis, "PYZ": step("PYZ"), "EXE": step("EXE"),
                 "COLLECT": step("COLLECT")}
    source = (INSTALLER / spec).read_text(encoding="utf-8")
    exec(compile(source, spec, "exec"), namespace)
    return calls


def _app_sources() -> list[Path]:
    return sorted((ROOT / "app").rglob("*.py"))


# --- the spec ---------------------------------------------------------------------------------


def test_spec_is_python_that_names_existing_scripts(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    ast.parse((INSTALLER / "daftar.spec").read_text(encoding="utf-8"))
    calls = _run_spec(tmp_path, monkeypatch)
    scripts = [Path(a.args[0][0]) for a in calls["Analysis"]]
    assert scripts == [plan.WINDOW_SCRIPT, plan.CLI_SCRIPT]
    assert all(script.is_file() for script in scripts)
    assert all(a.kwargs["pathex"] == [str(ROOT)] for a in calls["Analysis"])


def test_launchers_call_the_entry_points_of_the_window_and_the_cli() -> None:
    import app.cli.main
    import app.ui.main

    for script, module in ((plan.WINDOW_SCRIPT, app.ui.main), (plan.CLI_SCRIPT, app.cli.main)):
        tree = ast.parse(script.read_text(encoding="utf-8"))
        imports = [(node.module, [a.name for a in node.names])
                   for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
        assert (module.__name__, ["main"]) in imports, script
        assert callable(module.main)


def test_two_programs_share_one_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _run_spec(tmp_path, monkeypatch)
    window, cli = calls["EXE"]
    assert (window.kwargs["name"], window.kwargs["console"]) == (plan.WINDOW_EXE, False)
    assert (cli.kwargs["name"], cli.kwargs["console"]) == (plan.CLI_EXE, True)
    assert all(exe.kwargs["exclude_binaries"] for exe in calls["EXE"])  # onedir, not onefile
    (collect,) = calls["COLLECT"]
    assert collect.kwargs["name"] == plan.BUNDLE_NAME == "Daftar"
    assert window in collect.args and cli in collect.args
    assert plan.WINDOW_EXE.lower() != plan.CLI_EXE.lower()  # Windows ignores case in file names


def test_every_resource_folder_the_app_opens_is_bundled(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    used = {m for path in _app_sources()
            for m in re.findall(r'resources_dir\(\)\s*/\s*"([^"]+)"', path.read_text("utf-8"))}
    assert {"charts", "translations"} <= used
    calls = _run_spec(tmp_path, monkeypatch)
    for analysis in calls["Analysis"]:
        bundled = {(Path(src), Path(dest)) for src, dest in analysis.kwargs["datas"]}
        for folder in used:
            runtime = [p for p in (plan.RESOURCES / folder).rglob("*")
                       if p.is_file() and p.suffix not in plan.SOURCE_ONLY_SUFFIXES]
            for path in runtime:
                assert (path, Path("resources") / path.parent.relative_to(plan.RESOURCES)) \
                    in bundled, f"{path} is not in the bundle"


def test_chart_templates_and_compiled_translations_are_bundled_not_sources() -> None:
    names = {Path(src).name for src, _ in plan.datas()}
    assert {"scf.csv", "pcg.csv", "scf_layout.json", "pcg_layout.json"} <= names
    assert not any(name.endswith(".ts") for name in names)
    for qm in (plan.RESOURCES / "translations").glob("*.qm"):
        assert qm.name in names


def test_the_trusted_licence_keys_ship_beside_the_sync_client() -> None:
    assert (str(plan.ROOT / "sync/client/licence_keys.json"), "sync/client") in plan.datas()


def test_the_update_root_ships_beside_the_sync_client_or_the_one_given(tmp_path: Path) -> None:
    assert (str(plan.ROOT / "sync/client/update_root.json"), "sync/client") in plan.datas()
    (tmp_path / "update_root.json").write_text("{}")
    given = plan.datas(tmp_path)
    assert (str(tmp_path / "update_root.json"), "sync/client") in given
    assert not [src for src, _ in given if src == str(plan.ROOT / "sync/client/update_root.json")]


def test_a_build_of_another_version_carries_that_version_alone(tmp_path: Path) -> None:
    source = tmp_path / "site" / "daftar-0.1.0.dist-info"
    source.mkdir(parents=True)
    (source / "METADATA").write_text("Metadata-Version: 2.1\nName: daftar\nVersion: 0.1.0\n"
                                     "Summary: x\n")
    src, dest = plan.stamped_metadata(source, tmp_path / "work", "2.3.0")
    assert dest == "daftar-2.3.0.dist-info"
    assert "\nVersion: 2.3.0\n" in (Path(src) / "METADATA").read_text()
    assert plan.keep_metadata("daftar-2.3.0.dist-info/METADATA", "2.3.0")
    assert not plan.keep_metadata("daftar-0.1.0.dist-info/METADATA", "2.3.0")
    assert plan.keep_metadata("keyring-25.7.0.dist-info/METADATA", "2.3.0")


def test_the_launchers_are_two_programs_of_the_same_names_over_their_own_runtime(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _run_spec(tmp_path, monkeypatch, spec="launcher.spec")
    assert [Path(a.args[0][0]) for a in calls["Analysis"]] == [plan.LAUNCH_WINDOW_SCRIPT,
                                                               plan.LAUNCH_CLI_SCRIPT]
    assert all(set(plan.LAUNCHER_EXCLUDES) <= set(a.kwargs["excludes"])
               for a in calls["Analysis"])
    window, cli = calls["EXE"]
    assert (window.kwargs["name"], window.kwargs["console"]) == (plan.WINDOW_EXE, False)
    assert (cli.kwargs["name"], cli.kwargs["console"]) == (plan.CLI_EXE, True)
    (collect,) = calls["COLLECT"]
    assert collect.kwargs["name"] == plan.LAUNCHER_NAME


def test_the_launchers_import_the_standard_library_alone() -> None:
    """What runs between a double-click and Qt must stay small: a stray import of the
    application would drag it into the launchers' runtime."""
    ours = {"sync", "sync.client", "sync.client.updates", "sync.client.updates.launch",
            "sync.client.updates.layout"}
    scripts = [plan.LAUNCH_WINDOW_SCRIPT, plan.LAUNCH_CLI_SCRIPT,
               *(ROOT / "sync/client/updates").glob("la*.py"), ROOT / "sync/__init__.py",
               ROOT / "sync/client/__init__.py", ROOT / "sync/client/updates/__init__.py"]
    for script in scripts:
        for node in ast.walk(ast.parse(script.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            for name in names:
                top = name.split(".")[0]
                assert name in ours or top in sys.stdlib_module_names or top == "__future__", \
                    f"{script.name} imports {name}"


def test_the_version_metadata_of_daftar_is_bundled(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _run_spec(tmp_path, monkeypatch)
    for analysis in calls["Analysis"]:
        assert ("/site/daftar-0.1.0.dist-info", "daftar-0.1.0.dist-info") \
            in analysis.kwargs["datas"]


def test_unused_qt_files_are_trimmed_from_the_folder(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    (collect,) = _run_spec(tmp_path, monkeypatch)["COLLECT"]
    dests = {entry[0] for toc in collect.args if isinstance(toc, list) for entry in toc}
    assert {"PySide6/Qt/translations/qtbase_fr.qm", "PySide6/Qt/lib/libQt6Core.so.6",
            "PySide6/Qt/plugins/imageformats/libqico.so", "resources/charts/scf.csv"} <= dests
    assert not dests & {"PySide6/Qt/translations/qtbase_de.qm",
                        "PySide6/Qt/translations/qt_help_fr.qm",
                        "PySide6/Qt/plugins/imageformats/libqpdf.so", "PySide6/opengl32sw.dll"}


def test_windows_programs_get_the_icon_and_the_project_version(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _run_spec(tmp_path, monkeypatch, platform="win32")
    version = plan.project_version()
    numbers = plan.version_tuple(version)
    for exe in calls["EXE"]:
        assert exe.kwargs["icon"] == str(plan.ICON)
        text = Path(exe.kwargs["version"]).read_text(encoding="utf-8")
        assert f"filevers={numbers!r}" in text
        assert f"StringStruct('OriginalFilename', '{exe.kwargs['name']}.exe')" in text
        assert f"StringStruct('ProductVersion', '{version}')" in text
    linux = _run_spec(tmp_path, monkeypatch)
    assert all(exe.kwargs["version"] is None for exe in linux["EXE"])


# --- exclusions -----------------------------------------------------------------------------


def test_the_server_side_is_excluded() -> None:
    with (ROOT / "pyproject.toml").open("rb") as f:
        server = tomllib.load(f)["project"]["optional-dependencies"]["server"]
    modules = {Requirement(r).name.lower().replace("-", "_") for r in server}
    assert "sync.server" in plan.EXCLUDES
    assert modules <= set(plan.EXCLUDES), modules - set(plan.EXCLUDES)
    assert {"pytest", "hypothesis"} <= set(plan.EXCLUDES)


def test_no_app_module_imports_an_excluded_qt_module() -> None:
    used = {(path.relative_to(ROOT), m) for path in _app_sources()
            for m in re.findall(r"PySide6\.Qt\w+", path.read_text(encoding="utf-8"))}
    assert not [(path, m) for path, m in used if m in plan.QT_EXCLUDES]


def test_dependencies_of_the_desktop_are_not_excluded() -> None:
    for needed in ("PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets", "PySide6.QtPrintSupport",
                   "sqlcipher3", "sqlalchemy", "keyring", "cryptography", "platformdirs", "app"):
        assert not any(needed == e or needed.startswith(e + ".") for e in plan.EXCLUDES), needed


# --- plan helpers ---------------------------------------------------------------------------


@pytest.mark.parametrize(("version", "numbers"), [
    ("0.1.0", (0, 1, 0, 0)), ("1.2", (1, 2, 0, 0)), ("2.10.3rc1", (2, 10, 3, 0)),
    ("1.2.3.4.5", (1, 2, 3, 4)),
])
def test_version_tuple(version: str, numbers: tuple[int, ...]) -> None:
    assert plan.version_tuple(version) == numbers


@pytest.mark.parametrize("version", ["dev", "70000.1"])
def test_version_tuple_refuses_what_windows_cannot_hold(version: str) -> None:
    with pytest.raises(ValueError):
        plan.version_tuple(version)


def test_version_info_is_a_python_expression_of_pyinstaller_classes() -> None:
    seen: dict[str, list[Any]] = {}

    def cls(name: str) -> Any:
        return lambda *a, **k: seen.setdefault(name, []).append((a, k)) or name

    names = ("VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable", "StringStruct",
             "VarFileInfo", "VarStruct")
    text = plan.version_info_text("1.4.2", "daftar-cli", "Daftar command line")
    assert eval(text, {n: cls(n) for n in names}) == "VSVersionInfo"
    strings = dict(args for args, _ in seen["StringStruct"])
    assert strings["FileVersion"] == "1.4.2.0" and strings["InternalName"] == "daftar-cli"
    assert seen["FixedFileInfo"][0][1]["prodvers"] == (1, 4, 2, 0)


# --- the installer script ---------------------------------------------------------------------


def _iss() -> str:
    return (INSTALLER / "daftar.iss").read_text(encoding="utf-8-sig")


def _iss_define(name: str) -> str:
    match = re.search(rf'^#define {name} "([^"]*)"$', _iss(), re.MULTILINE)
    assert match, name
    return match.group(1)


def test_installer_installs_the_programs_the_spec_makes() -> None:
    assert _iss_define("WindowExe") == f"{plan.WINDOW_EXE}.exe"
    assert _iss_define("CliExe") == f"{plan.CLI_EXE}.exe"
    iss = _iss()
    assert 'Source: "{#BundleDir}\\*"' in iss
    assert 'AddBackslash(SourcePath) + "dist\\Daftar"' in iss
    # the launchers at the root, the programs in versions\<version>, where updates go too
    sources = re.findall(r'^Source: "\{#(\w+)\}[^"]*";.*DestDir: "([^"]+)"', iss, re.MULTILINE)
    assert {dest for kind, dest in sources if kind == "LauncherDir"} == {"{app}"}
    assert {dest for kind, dest in sources if kind == "BundleDir"} == {
        "{app}\\versions\\{#AppVersion}"}
    assert f'+ "{plan.LAUNCHER_NAME}"' in iss
    assert re.search(r"^SetupIconFile=daftar\.ico$", iss, re.MULTILINE)


def test_installer_takes_what_build_py_passes() -> None:
    build = _load_build()
    argv = build.iscc_command(Path("ISCC.exe"), Path("dist/Daftar"), "0.1.0")
    defines = [a[2:].split("=")[0] for a in argv if a.startswith("/D")]
    assert defines == ["AppVersion", "AppNumericVersion", "BundleDir", "LauncherDir"]
    assert f"/DLauncherDir={Path('dist') / plan.LAUNCHER_NAME}" in argv
    assert "/DAppNumericVersion=0.1.0.0" in argv
    for name in defines:
        assert f"{{#{name}}}" in _iss(), name
    assert re.search(r"^OutputBaseFilename=Daftar-\{#AppVersion\}-setup$", _iss(), re.MULTILINE)
    assert argv[-1] == str(INSTALLER / "daftar.iss")


def test_signing_is_wired_only_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    build = _load_build()
    monkeypatch.delenv("DAFTAR_SIGN_COMMAND", raising=False)
    assert not any(a.startswith("/S") for a in build.iscc_command(Path("I"), Path("B"), "1.0"))
    monkeypatch.setenv("DAFTAR_SIGN_COMMAND", "signtool.exe sign /a $f")
    argv = build.iscc_command(Path("I"), Path("B"), "1.0")
    assert "/DSign" in argv and "/Sdaftarsign=signtool.exe sign /a $f" in argv
    assert "SignTool=daftarsign" in _iss()


def test_installer_is_per_user_with_shortcuts_association_and_three_languages() -> None:
    iss = _iss()
    assert "PrivilegesRequired=lowest" in iss
    assert "DefaultDirName={autopf}\\{#AppName}" in iss
    assert 'Name: "{autoprograms}\\{#AppName}"; Filename: "{app}\\{#WindowExe}"' in iss
    assert 'Tasks: desktopicon' in iss
    assert '"""{app}\\{#WindowExe}"" ""%1"""' in iss
    assert 'Subkey: "Software\\Classes\\.daftar' in iss
    for language in ("english", "french", "arabic"):
        assert f'Name: "{language}"' in iss
    for message in ("AssocTask", "AssocDescription", "CliComment"):
        for language in ("english", "french", "arabic"):
            assert f"{language}.{message}=" in iss


def test_uninstaller_deletes_nothing_of_the_user() -> None:
    """Setup and uninstall delete only the program's own files in its folder: the launchers'
    runtime, the versions updates added, the choice of version and the start-up markers."""
    iss = _iss()
    deleted = re.findall(r"^Type: \w+; Name: \"([^\"]+)\"", iss, re.MULTILINE)
    assert set(deleted) == {"{app}\\_internal", "{app}\\update-state.json",
                            "{app}\\versions\\{#AppVersion}", "{app}\\versions",
                            "{app}\\started"}
    assert not [name for name in deleted if "*" in name or name == "{app}"]
    assert "{localappdata}\\Daftar" not in iss and "{userdocs}\\" not in iss
    assert ".daftar" not in "".join(deleted)


# --- icon, ignores ----------------------------------------------------------------------------


def test_icon_is_a_windows_icon_with_the_usual_sizes() -> None:
    data = plan.ICON.read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind) == (0, 1)
    sizes = set()
    for i in range(count):
        width, _, _, _, _, bits, length, offset = struct.unpack_from("<BBBBHHII", data, 6 + 16 * i)
        assert bits == 32 and offset + length <= len(data)
        sizes.add(width or 256)
    assert {16, 32, 48, 256} <= sizes


def test_build_outputs_are_ignored_by_git() -> None:
    ignored = (INSTALLER / ".gitignore").read_text(encoding="utf-8").split()
    assert {"/build/", "/dist/", "/Output/"} <= set(ignored)


# --- the real thing ---------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.skipif(os.environ.get("DAFTAR_BUILD_BUNDLE") != "1",
                    reason="builds the bundle (minutes): set DAFTAR_BUILD_BUNDLE=1")
def test_build_the_bundle_and_run_its_command_line(tmp_path: Path) -> None:
    pytest.importorskip("PyInstaller")
    done = subprocess.run([sys.executable, str(INSTALLER / "build.py"), "--no-installer"],
                          capture_output=True, text=True, timeout=1800, check=False)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "smoke ok — window" in done.stdout
    bundle = INSTALLER / "dist" / plan.BUNDLE_NAME
    cli = bundle / (f"{plan.CLI_EXE}.exe" if sys.platform == "win32" else plan.CLI_EXE)
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    demo, key = tmp_path / "demo.daftar", tmp_path / "demo.key"

    def run(*args: str | Path) -> str:
        result = subprocess.run([str(cli), *map(str, args)], capture_output=True, text=True,
                                env=env, timeout=300, check=False)
        assert result.returncode == 0, result.stderr
        return result.stdout

    assert "demo" in run("--help")
    run("demo", demo, "--key-file", key)
    assert "OK" in run("verify", demo, "--key-file", key)
    assert run("report", "balance-sheet", demo, "--key-file", key).strip()
