"""Build Daftar for the machine this runs on: ``python installer/build.py [--clean]``.

1. PyInstaller builds the folder ``installer/dist/Daftar`` from ``installer/daftar.spec``: the
   window ``Daftar(.exe)`` and the command line ``daftar-cli(.exe)`` over one shared runtime.
2. The bundle is smoke-tested (``smoke.py``): its programs make, verify and report on a demo
   company, and the window opens it offscreen.
3. On Windows, Inno Setup's compiler turns the folder into ``installer/Output/
   Daftar-<version>-setup.exe`` (``daftar.iss``), signed when ``DAFTAR_SIGN_COMMAND`` is set.

Elsewhere the bundle is built for that OS only, which checks the spec without a Windows machine.
PyInstaller comes from the ``bundle`` extra: ``pip install -e '.[bundle]'``.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bundle_plan as plan
import smoke

DIST = plan.INSTALLER / "dist"
WORK = plan.INSTALLER / "build"
OUTPUT = plan.INSTALLER / "Output"
SPEC = plan.INSTALLER / "daftar.spec"
ISS = plan.INSTALLER / "daftar.iss"
INNO_DOWNLOAD = "https://jrsoftware.org/isdl.php (or: winget install JRSoftware.InnoSetup)"


def build_bundle(clean: bool) -> Path:
    """Run PyInstaller on the spec; the bundle folder it made."""
    argv = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
            "--distpath", str(DIST), "--workpath", str(WORK), str(SPEC)]
    if clean:
        argv.insert(3, "--clean")
    # From installer/, not the checkout's root: a stale ``daftar.egg-info`` left there by an old
    # install would otherwise shadow the installed metadata that copy_metadata must find.
    subprocess.run(argv, check=True, cwd=plan.INSTALLER)
    return DIST / plan.BUNDLE_NAME


def size_report(bundle: Path, biggest: int = 8) -> list[str]:
    """The bundle's size and its largest files: where to look when it grows."""
    files = [(p.lstat().st_size, p) for p in bundle.rglob("*")
             if p.is_file() and not p.is_symlink()]  # Linux bundles link libraries twice
    total = sum(size for size, _ in files)
    lines = [f"bundle: {bundle} — {total / 2**20:.1f} MiB in {len(files)} files"]
    for size, path in sorted(files, reverse=True)[:biggest]:
        lines.append(f"  {size / 2**20:7.1f} MiB  {path.relative_to(bundle)}")
    return lines


def find_iscc() -> Path | None:
    """Inno Setup's command-line compiler: ``DAFTAR_ISCC``, the PATH, or its usual folders."""
    if os.environ.get("DAFTAR_ISCC"):
        return Path(os.environ["DAFTAR_ISCC"])
    on_path = shutil.which("ISCC")
    if on_path:
        return Path(on_path)
    roots = [os.environ.get(v) for v in ("ProgramFiles(x86)", "ProgramFiles", "LOCALAPPDATA")]
    for root in filter(None, roots):
        for sub in ("Inno Setup 6", os.path.join("Programs", "Inno Setup 6")):
            candidate = Path(root) / sub / "ISCC.exe"
            if candidate.is_file():
                return candidate
    return None


def iscc_command(iscc: Path, bundle: Path, version: str) -> list[str]:
    """The compiler's arguments: version and bundle as defines; the signing tool if configured.

    ``DAFTAR_SIGN_COMMAND`` is a SignTool command line with ``$f`` for the file, e.g.
    ``signtool.exe sign /fd sha256 /tr http://timestamp.digicert.com /td sha256 /a $f``.
    """
    numeric = ".".join(map(str, plan.version_tuple(version)))
    argv = [str(iscc), f"/DAppVersion={version}", f"/DAppNumericVersion={numeric}",
            f"/DBundleDir={bundle}", f"/O{OUTPUT}"]
    sign = os.environ.get("DAFTAR_SIGN_COMMAND")
    if sign:
        argv += ["/DSign", f"/Sdaftarsign={sign}"]
    return [*argv, str(ISS)]


def build_installer(bundle: Path, version: str) -> Path | None:
    iscc = find_iscc()
    if iscc is None:
        print(f"Inno Setup 6 was not found (ISCC.exe). Get it from {INNO_DOWNLOAD}, "
              "or point DAFTAR_ISCC at ISCC.exe.", file=sys.stderr)
        return None
    subprocess.run(iscc_command(iscc, bundle, version), check=True, cwd=plan.INSTALLER)
    return OUTPUT / f"Daftar-{version}-setup.exe"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description="Build the Daftar bundle (and, on Windows, "
                                     "its installer).")
    parser.add_argument("--clean", action="store_true",
                        help="empty PyInstaller's cache first (after upgrading a dependency)")
    parser.add_argument("--no-smoke", action="store_true", help="skip running the bundle")
    parser.add_argument("--no-installer", action="store_true",
                        help="on Windows, stop after the bundle")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if importlib.util.find_spec("PyInstaller") is None:
        print("PyInstaller is not installed here: pip install -e '.[bundle]'", file=sys.stderr)
        return 2
    version = plan.project_version()
    started = time.monotonic()
    bundle = build_bundle(args.clean)
    print(f"built Daftar {version} for {sys.platform} in {time.monotonic() - started:.0f} s")
    print("\n".join(size_report(bundle)))
    if not args.no_smoke:
        with tempfile.TemporaryDirectory(prefix="daftar-smoke-") as work:
            try:
                for line in smoke.run_all(bundle, version, Path(work)):
                    print(f"smoke ok — {line}")
            except smoke.SmokeFailure as failure:
                print(f"smoke FAILED — {failure}", file=sys.stderr)
                return 1
    if sys.platform != "win32":
        print("the installer is built on Windows only; this bundle checks the spec")
        return 0
    if args.no_installer:
        return 0
    setup = build_installer(bundle, version)
    if setup is None:
        return 1
    print(f"installer: {setup} — {setup.stat().st_size / 2**20:.1f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
