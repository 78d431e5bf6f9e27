"""Checks of a built bundle: does what PyInstaller produced actually run?

A spec can build without error and still ship a program that dies on its first import, misses a
chart template or has lost the version. These checks run the bundle's own programs on a
throw-away demo company, the way a user would, and look inside its archives for what must not be
there. ``build.py`` runs them after every build; the slow test in ``tests/installer`` too.
Each check raises ``SmokeFailure`` with a sentence saying what is wrong.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import bundle_plan as plan

WINDOWS = sys.platform == "win32"
WINDOW_TIMEOUT = 90.0
"""Seconds the window gets to open the demo company (a cold start on a slow CI disk is slow)."""


class SmokeFailure(Exception):
    """The bundle does not work; the message says how."""


def program(bundle: Path, name: str) -> Path:
    return bundle / (f"{name}.exe" if WINDOWS else name)


def internal(bundle: Path) -> Path:
    """The folder beside the programs holding the runtime (PyInstaller's ``contents_directory``)."""
    return bundle / "_internal"


def environment(work: Path) -> dict[str, str]:
    """An environment keeping the smoke test off the user's settings, logs, screen and keyring."""
    env = dict(os.environ)
    env.update(
        DAFTAR_CONFIG_DIR=str(work / "config"),
        DAFTAR_LOG_DIR=str(work / "logs"),
        QT_QPA_PLATFORM="offscreen",
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
    )
    for name in ("DAFTAR_KEY_FILE", "DAFTAR_PASSPHRASE", "DAFTAR_RECOVERY_KEY"):
        env.pop(name, None)
    return env


def run(argv: list[str | Path], env: dict[str, str], timeout: float = 120.0) -> str:
    """Run one of the bundle's programs; its output, or ``SmokeFailure`` if it failed."""
    done = subprocess.run([str(a) for a in argv], env=env, capture_output=True, text=True,
                          encoding="utf-8", errors="replace", timeout=timeout, check=False)
    if done.returncode != 0:
        raise SmokeFailure(f"{Path(argv[0]).name} {' '.join(map(str, argv[1:]))} exited with "
                           f"{done.returncode}: {(done.stderr or done.stdout).strip()[-2000:]}")
    return done.stdout


def check_metadata(bundle: Path, version: str) -> str:
    """``app.__version__`` reads the ``daftar`` metadata: it must be in the bundle."""
    found = [*internal(bundle).glob("daftar-*.dist-info/METADATA"),
             *internal(bundle).glob("daftar*.egg-info/PKG-INFO")]
    if not found:
        raise SmokeFailure("the daftar metadata (daftar-*.dist-info) is missing from the bundle")
    if len(found) > 1:
        raise SmokeFailure(f"the bundle holds {len(found)} daftar metadata folders "
                           f"({', '.join(f.parent.name for f in found)}): one version only")
    if f"\nVersion: {version}\n" not in found[0].read_text(encoding="utf-8"):
        raise SmokeFailure(f"{found[0].parent.name} in the bundle is not version {version}: "
                           "reinstall (pip install -e .) so the metadata follows pyproject.toml")
    return f"metadata: {found[0].parent.name}"


def check_hidden_imports(bundle: Path) -> str:
    """Each module the analysis cannot see (``bundle_plan.HIDDEN_IMPORTS``) is in the bundle,
    as an extension file beside the runtime or in the programs' archive."""
    from PyInstaller.archive.readers import pkg_archive_contents

    archived = set(pkg_archive_contents(str(program(bundle, plan.WINDOW_EXE))))
    missing = [name for name in plan.HIDDEN_IMPORTS if name not in archived and not list(
        (internal(bundle) / Path(*name.split("."))).parent.glob(name.split(".")[-1] + ".*"))]
    if missing:
        raise SmokeFailure(f"modules missing from the bundle: {', '.join(missing)}")
    return f"hidden imports: {len(plan.HIDDEN_IMPORTS)} present"


def check_resources(bundle: Path) -> str:
    """Every resource file the program may open sits where ``resources_dir()`` will look."""
    missing = [
        str(path.relative_to(plan.ROOT))
        for path in plan.runtime_resources()
        if not (internal(bundle) / path.relative_to(plan.ROOT)).is_file()
    ]
    if missing:
        raise SmokeFailure(f"resources missing from the bundle: {', '.join(missing)}")
    return f"resources: {len(plan.runtime_resources())} files"


def check_excluded(bundle: Path) -> str:
    """No module of the server side (or of the test tools) made it into either program."""
    from PyInstaller.archive.readers import pkg_archive_contents

    banned = plan.SERVER_EXCLUDES + plan.DEV_EXCLUDES
    for name in (plan.WINDOW_EXE, plan.CLI_EXE):
        modules = pkg_archive_contents(str(program(bundle, name)))
        leaked = sorted({m for m in modules for b in banned if m == b or m.startswith(b + ".")})
        if leaked:
            raise SmokeFailure(f"{name} bundles excluded modules: {', '.join(leaked[:10])}")
    on_disk = [b for b in banned if "." not in b and (internal(bundle) / b).exists()]
    if on_disk:
        raise SmokeFailure(f"excluded packages on disk in the bundle: {', '.join(on_disk)}")
    return "exclusions: no server or test module in either program"


def check_cli(bundle: Path, version: str, work: Path, env: dict[str, str]) -> tuple[Path, Path]:
    """The command line starts, makes the demo company, verifies it and prints a report.
    Returns the demo file and its key file, for the window check."""
    cli = program(bundle, plan.CLI_EXE)
    usage = run([cli, "--help"], env)
    if "demo" not in usage:
        raise SmokeFailure(f"{cli.name} --help does not list the demo command:\n{usage}")
    if "--version" in usage and version not in run([cli, "--version"], env):
        raise SmokeFailure(f"{cli.name} --version does not print {version}")
    demo, key = work / "demo.daftar", work / "demo.key"
    run([cli, "demo", demo, "--key-file", key], env)
    run([cli, "verify", demo, "--key-file", key], env)
    balance = run([cli, "report", "trial-balance", demo, "--key-file", key], env)
    if "512" not in balance:  # the bank account of both charts; the demo company uses it
        raise SmokeFailure(f"the demo's trial balance shows no bank account:\n{balance[:2000]}")
    return demo, key


def check_screenshots(bundle: Path, work: Path, env: dict[str, str]) -> str:
    """``daftar-cli screenshots`` draws every main screen of the demo through the bundled Qt,
    in Arabic: right-to-left layout, Qt's own translations, styles and fonts all exercised."""
    cli = program(bundle, plan.CLI_EXE)
    if "screenshots" not in run([cli, "--help"], env):
        return "screenshots: this version of the command line has no screenshots command"
    screens = work / "screens"
    run([cli, "screenshots", screens, "--lang", "ar"], env, timeout=300)
    pictures = sorted(screens.glob("*.png"))
    if not pictures:
        raise SmokeFailure(f"{cli.name} screenshots drew no picture in {screens}")
    return f"screenshots: {len(pictures)} screens drawn in Arabic"


def check_window(bundle: Path, demo: Path, key: Path, env: dict[str, str]) -> str:
    """The window starts (offscreen) and opens the demo company.

    Proof of opening: the window remembers a company among the recent files
    (``settings.json`` in ``DAFTAR_CONFIG_DIR``) once its view is built. Until then the process
    must stay alive; it is stopped afterwards.
    """
    window = program(bundle, plan.WINDOW_EXE)
    run([window, "--help"], env)
    settings = Path(env["DAFTAR_CONFIG_DIR"]) / "settings.json"
    process = subprocess.Popen([str(window), str(demo), "--key-file", str(key), "--lang", "fr"],
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    started = time.monotonic()
    try:
        while not remembers(settings, demo):
            if process.poll() is not None:
                output = process.stdout.read().decode(errors="replace") if process.stdout else ""
                raise SmokeFailure(f"{window.name} exited with {process.returncode} before "
                                   f"opening the demo company:\n{output[-3000:]}")
            if time.monotonic() - started > WINDOW_TIMEOUT:
                raise SmokeFailure(f"{window.name} did not open the demo company within "
                                   f"{WINDOW_TIMEOUT:.0f} s")
            time.sleep(0.5)
        time.sleep(2)  # let the first pages draw: a crash there shows as an early exit
        if process.poll() is not None:
            raise SmokeFailure(f"{window.name} exited with {process.returncode} after opening")
    finally:
        if process.poll() is None:
            process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    return f"window: opened the demo company in {time.monotonic() - started:.1f} s"


def remembers(settings: Path, company: Path) -> bool:
    """Whether the window's settings list ``company`` among the recent files: it opened it."""
    try:
        recent = json.loads(settings.read_text(encoding="utf-8")).get("recent", [])
    except (FileNotFoundError, ValueError):
        return False
    return any(Path(r.get("path", "")).resolve() == company.resolve() for r in recent)


def check_log(env: dict[str, str]) -> str:
    """The window logs defects with their traceback: the smoke run must have logged none."""
    logs = list(Path(env["DAFTAR_LOG_DIR"]).glob("*"))
    for log in logs:
        text = log.read_text(encoding="utf-8", errors="replace")
        if "Traceback" in text or " ERROR " in text:
            raise SmokeFailure(f"{log} records an error:\n{text[-3000:]}")
    return f"log: {len(logs)} file(s), no error"


def check_launchers(launchers: Path, bundle: Path, version: str, work: Path,
                    env: dict[str, str]) -> str:
    """The launchers carry no application module, and run the version installed beside them:
    an installation is assembled as the installer lays it out, and its ``daftar-cli`` asked for
    its version."""
    from PyInstaller.archive.readers import pkg_archive_contents

    for name in (plan.WINDOW_EXE, plan.CLI_EXE):
        modules = pkg_archive_contents(str(program(launchers, name)))
        heavy = sorted({m for m in modules for b in plan.LAUNCHER_EXCLUDES
                        if m == b or m.startswith(b + ".")})
        if heavy:
            raise SmokeFailure(f"the {name} launcher bundles {', '.join(heavy[:10])}")
    root = work / "installed"
    shutil.copytree(launchers, root)
    shutil.copytree(bundle, root / "versions" / version, symlinks=True)
    shown = run([program(root, plan.CLI_EXE), "--version"], env)
    if version not in shown:
        raise SmokeFailure(f"the installed daftar-cli --version printed {shown.strip()!r}, not "
                           f"{version}")
    return f"launchers: the installed daftar-cli runs version {version}"


def run_all(bundle: Path, version: str, work: Path, launchers: Path | None = None) -> list[str]:
    """Every check in order; one line per passed check."""
    env = environment(work)
    lines = [check_metadata(bundle, version), check_hidden_imports(bundle),
             check_resources(bundle), check_excluded(bundle)]
    demo, key = check_cli(bundle, version, work, env)
    lines.append("command line: --help, demo, verify, report trial-balance")
    lines.append(check_screenshots(bundle, work, env))
    lines.append(check_window(bundle, demo, key, env))
    lines.append(check_log(env))
    if launchers is not None:
        lines.append(check_launchers(launchers, bundle, version, work, env))
    return lines
