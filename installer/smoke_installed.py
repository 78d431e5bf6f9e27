"""Checks of Daftar as the setup installed it, on Windows: ``python installer/smoke_installed.py
after-install|after-uninstall WORK``.

The Windows CI workflow (``.ci/windows.yml``) installs the setup silently for the current user,
runs ``after-install``, uninstalls silently, then runs ``after-uninstall``. Unlike ``smoke.py``,
which runs the bundle from its build folder with a key file, these use what a user gets: the
launchers in ``%LOCALAPPDATA%\\Programs\\Daftar``, the version they start, and the company key
kept in Windows Credential Manager (no key file anywhere).

``after-install`` leaves a company file, its key in the credential store and the settings;
``after-uninstall`` checks the uninstaller removed the program and none of those.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import smoke

INSTALLED = Path(os.environ.get("LOCALAPPDATA", "")) / "Programs" / "Daftar"
SETTINGS = Path(os.environ.get("LOCALAPPDATA", "")) / "Daftar"
WINDOW_TIMEOUT = 120.0


class Failure(Exception):
    pass


def run(*argv: str | Path, timeout: float = 300) -> str:
    done = subprocess.run([str(a) for a in argv], capture_output=True, text=True,
                          encoding="utf-8", errors="replace", timeout=timeout, check=False)
    if done.returncode != 0:
        raise Failure(f"{' '.join(map(str, argv))} exited with {done.returncode}: "
                      f"{(done.stderr or done.stdout).strip()[-2000:]}")
    return done.stdout


def company_key_in_store(company: Path) -> bool:
    """Whether Credential Manager holds the company's key (read through keyring, as the
    program does: service ``Daftar``, user ``company:<salt>``)."""
    import keyring

    salt = company.read_bytes()[:16].hex()
    return keyring.get_password("Daftar", f"company:{salt}") is not None


def after_install(work: Path) -> list[str]:
    cli, window = INSTALLED / "daftar-cli.exe", INSTALLED / "Daftar.exe"
    for program in (cli, window, INSTALLED / "unins000.exe"):
        if not program.is_file():
            raise Failure(f"{program} is missing after the setup ran")
    versions = [p.name for p in (INSTALLED / "versions").iterdir() if p.is_dir()]
    if len(versions) != 1:
        raise Failure(f"expected one version in {INSTALLED / 'versions'}, found {versions}")
    shown = run(cli, "--version").split()[-1]
    if shown != versions[0]:
        raise Failure(f"daftar-cli --version printed {shown}, the installed version is "
                      f"{versions[0]}")
    books = work / "Cabinet Smoke.daftar"
    run(cli, "demo", books)  # no key file: the key goes to Windows Credential Manager
    if not company_key_in_store(books):
        raise Failure("the demo company's key is not in Windows Credential Manager")
    run(cli, "verify", books)
    if "512" not in run(cli, "report", "trial-balance", books):
        raise Failure("the trial balance of the demo company shows no bank account")
    status = json.loads(run(cli, "update", "status", "--json"))
    if status["installation"] is None or Path(status["installation"]) != INSTALLED:
        raise Failure(f"the installed program does not see its installation: {status}")
    opened = open_in_window(window, books)
    return [f"installed {versions[0]} in {INSTALLED}", "command line: demo, verify, report, "
            "with the key in Credential Manager", opened]


def open_in_window(window: Path, books: Path) -> str:
    """Double-click on the company file: the launcher starts the window, which opens it (the
    proof: it is in the recent files) and stays up."""
    settings = SETTINGS / "settings.json"
    started = time.monotonic()
    launcher = subprocess.Popen([str(window), str(books)])
    try:
        while not smoke.remembers(settings, books):
            if time.monotonic() - started > WINDOW_TIMEOUT:
                raise Failure(f"the window did not open {books.name} within "
                              f"{WINDOW_TIMEOUT:.0f} s")
            time.sleep(0.5)
    finally:
        launcher.wait(timeout=60)
        subprocess.run(["taskkill", "/F", "/T", "/IM", "Daftar.exe"], capture_output=True,
                       check=False)
    return f"window: opened {books.name} in {time.monotonic() - started:.1f} s"


def after_uninstall(work: Path) -> list[str]:
    leftovers = [p for p in (INSTALLED / "Daftar.exe", INSTALLED / "daftar-cli.exe",
                             INSTALLED / "versions", INSTALLED / "_internal") if p.exists()]
    if leftovers:
        raise Failure(f"the uninstaller left {', '.join(map(str, leftovers))}")
    books = work / "Cabinet Smoke.daftar"
    if not books.is_file():
        raise Failure(f"uninstalling deleted the company file {books}")
    if not company_key_in_store(books):
        raise Failure("uninstalling deleted the company's key from Credential Manager")
    if not (SETTINGS / "settings.json").is_file():
        raise Failure(f"uninstalling deleted the settings in {SETTINGS}")
    return ["uninstalled: program gone; company file, its key and the settings kept"]


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in ("after-install", "after-uninstall"):
        print(__doc__, file=sys.stderr)
        return 2
    work = Path(argv[1])
    work.mkdir(parents=True, exist_ok=True)
    check = after_install if argv[0] == "after-install" else after_uninstall
    try:
        for line in check(work):
            print(f"ok — {line}")
    except Failure as failure:
        print(f"FAILED — {failure}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
