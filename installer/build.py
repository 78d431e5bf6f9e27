"""Build Daftar for the machine this runs on: ``python installer/build.py [--clean]``.

1. PyInstaller builds the folder ``installer/dist/Daftar`` from ``installer/daftar.spec``: the
   window ``Daftar(.exe)`` and the command line ``daftar-cli(.exe)`` over one shared runtime;
   then ``installer/dist/DaftarLauncher`` from ``launcher.spec``: the two launchers of the same
   names that an installation keeps at its root, with each version in ``versions/<version>``.
2. The bundle is smoke-tested (``smoke.py``): its programs make, verify and report on a demo
   company, the window opens it offscreen, and an installation laid out with the launchers
   runs it.
3. The update archive ``installer/Output/Daftar-<version>-update.tar.zst`` (what an installed
   Daftar downloads), and with ``--previous`` the patch from that earlier version, kept only
   when it is at most half the size of the archive.
4. On Windows, Inno Setup's compiler turns both folders into ``installer/Output/
   Daftar-<version>-setup.exe`` (``daftar.iss``), signed when ``DAFTAR_SIGN_COMMAND`` is set.
5. With ``--publish``, ``daftar-server release publish`` signs the archive (and patch) with the
   offline targets key and publishes them on the service.

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
LAUNCHER_SPEC = plan.INSTALLER / "launcher.spec"
PATCH_LIMIT = 0.5
"""A patch is kept only if it is at most this share of the whole archive's size."""
ISS = plan.INSTALLER / "daftar.iss"
INNO_DOWNLOAD = "https://jrsoftware.org/isdl.php (or: winget install JRSoftware.InnoSetup)"


def build_bundle(clean: bool, version: str | None = None, update_root: Path | None = None,
                 dist: Path = DIST, work: Path = WORK) -> Path:
    """Run PyInstaller on the spec; the bundle folder it made. ``version`` stamps another
    version than the checkout's; ``update_root`` is the TUF root file to ship."""
    env = dict(os.environ)
    env.pop("DAFTAR_BUILD_VERSION", None)
    env.pop("DAFTAR_UPDATE_ROOT", None)
    if version:
        env["DAFTAR_BUILD_VERSION"] = version
    if update_root is not None:
        shipped = work / "update-root"
        shipped.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(update_root, shipped / "update_root.json")
        env["DAFTAR_UPDATE_ROOT"] = str(shipped)
    _pyinstaller(SPEC, clean, dist, work, env)
    return dist / plan.BUNDLE_NAME


def build_launchers(clean: bool, dist: Path = DIST, work: Path = WORK) -> Path:
    _pyinstaller(LAUNCHER_SPEC, clean, dist, work / "launcher", dict(os.environ))
    return dist / plan.LAUNCHER_NAME


def _pyinstaller(spec: Path, clean: bool, dist: Path, work: Path, env: dict[str, str]) -> None:
    argv = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
            "--distpath", str(dist), "--workpath", str(work), str(spec)]
    if clean:
        argv.insert(3, "--clean")
    # From installer/, not the checkout's root: a stale ``daftar.egg-info`` left there by an old
    # install would otherwise shadow the installed metadata that copy_metadata must find.
    subprocess.run(argv, check=True, cwd=plan.INSTALLER, env=env)


def update_archives(bundle: Path, version: str, output: Path,
                    previous: Path | None = None) -> list[Path]:
    """The update archive, and the patch from ``previous`` (that version's update archive)
    when it saves at least half; the files made."""
    from sync.client.updates import archive

    output.mkdir(parents=True, exist_ok=True)
    full = output / f"Daftar-{version}-update.tar.zst"
    archive.write_full(bundle, version, full)
    made = [full]
    if previous is not None:
        before = archive.read_manifest(previous)
        patch = output / f"Daftar-{version}-from-{before.version}.patch.tar.zst"
        archive.write_patch(bundle, version, before, patch)
        share = patch.stat().st_size / full.stat().st_size
        if share <= PATCH_LIMIT:
            made.append(patch)
        else:
            print(f"no patch from {before.version}: it would be {share:.0%} of the archive")
            patch.unlink()
    return made


def publish(files: list[Path], version: str, channel: str, rollout: int,
            previous_version: str | None) -> int:
    """``daftar-server release publish`` on the archive and its patch (keys, server and token
    from ``DAFTAR_RELEASE_KEYS``, ``DAFTAR_RELEASE_SERVER``, ``DAFTAR_RELEASE_TOKEN``)."""
    from sync.server.cli import main as server_cli  # the server extra: the release machine's

    argv = ["release", "publish", str(files[0]), "--version", version, "--channel", channel,
            "--rollout", str(rollout)]
    for patch in files[1:]:
        argv += ["--patch", f"{previous_version}={patch}"]
    return server_cli(argv)


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


def iscc_command(iscc: Path, bundle: Path, version: str,
                 launchers: Path | None = None) -> list[str]:
    """The compiler's arguments: version and bundle as defines; the signing tool if configured.

    ``DAFTAR_SIGN_COMMAND`` is a SignTool command line with ``$f`` for the file, e.g.
    ``signtool.exe sign /fd sha256 /tr http://timestamp.digicert.com /td sha256 /a $f``.
    """
    numeric = ".".join(map(str, plan.version_tuple(version)))
    launchers = launchers or bundle.parent / plan.LAUNCHER_NAME
    argv = [str(iscc), f"/DAppVersion={version}", f"/DAppNumericVersion={numeric}",
            f"/DBundleDir={bundle}", f"/DLauncherDir={launchers}", f"/O{OUTPUT}"]
    sign = os.environ.get("DAFTAR_SIGN_COMMAND")
    if sign:
        argv += ["/DSign", f"/Sdaftarsign={sign}"]
    return [*argv, str(ISS)]


def build_installer(bundle: Path, version: str, launchers: Path) -> Path | None:
    iscc = find_iscc()
    if iscc is None:
        print(f"Inno Setup 6 was not found (ISCC.exe). Get it from {INNO_DOWNLOAD}, "
              "or point DAFTAR_ISCC at ISCC.exe.", file=sys.stderr)
        return None
    subprocess.run(iscc_command(iscc, bundle, version, launchers), check=True,
                   cwd=plan.INSTALLER)
    return OUTPUT / f"Daftar-{version}-setup.exe"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description="Build the Daftar bundle, its launchers and "
                                     "update archive (and, on Windows, its installer).")
    parser.add_argument("--clean", action="store_true",
                        help="empty PyInstaller's cache first (after upgrading a dependency)")
    parser.add_argument("--no-smoke", action="store_true", help="skip running the bundle")
    parser.add_argument("--no-installer", action="store_true",
                        help="on Windows, stop after the bundle")
    parser.add_argument("--version", help="stamp this version instead of pyproject.toml's "
                        "(a rebuild, a test); a release normally sets it in pyproject.toml")
    parser.add_argument("--update-root", type=Path, metavar="ROOT_JSON",
                        help="the TUF root the desktop verifies updates from (the release "
                        "manager's 1.root.json); default: sync/client/update_root.json")
    parser.add_argument("--previous", type=Path, metavar="ARCHIVE",
                        help="the previous release's update archive: make a patch from it")
    parser.add_argument("--no-build", action="store_true",
                        help="take the folders in --dist as they are and make the archives "
                        "(and patch) again, e.g. a patch from another earlier release")
    parser.add_argument("--dist", type=Path, default=DIST, help="where the folders go")
    parser.add_argument("--output", type=Path, default=OUTPUT,
                        help="where the archives (and the setup) go")
    parser.add_argument("--publish", action="store_true",
                        help="publish the archive and patch with daftar-server release publish")
    parser.add_argument("--channel", choices=("stable", "beta"), default="stable")
    parser.add_argument("--rollout", type=int, default=100,
                        help="percent of devices offered it when published (default 100)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if importlib.util.find_spec("PyInstaller") is None:
        print("PyInstaller is not installed here: pip install -e '.[bundle]'", file=sys.stderr)
        return 2
    version = args.version or plan.project_version()
    plan.version_tuple(version)  # refuse a version Windows cannot carry, before building
    started = time.monotonic()
    work = WORK if args.dist == DIST else args.dist.parent / "build"
    if args.no_build:
        bundle, launchers = args.dist / plan.BUNDLE_NAME, args.dist / plan.LAUNCHER_NAME
        if not bundle.is_dir():
            print(f"--no-build: there is no bundle in {bundle}", file=sys.stderr)
            return 2
    else:
        bundle = build_bundle(args.clean, args.version, args.update_root, args.dist, work)
        launchers = build_launchers(args.clean, args.dist, work)
        print(f"built Daftar {version} for {sys.platform} in {time.monotonic() - started:.0f} s")
    print("\n".join(size_report(bundle)))
    if not args.no_smoke and not args.no_build:
        with tempfile.TemporaryDirectory(prefix="daftar-smoke-") as smoke_work:
            try:
                for line in smoke.run_all(bundle, version, Path(smoke_work), launchers):
                    print(f"smoke ok — {line}")
            except smoke.SmokeFailure as failure:
                print(f"smoke FAILED — {failure}", file=sys.stderr)
                return 1
    archives = update_archives(bundle, version, args.output, args.previous)
    for made in archives:
        print(f"update archive: {made} — {made.stat().st_size / 2**20:.1f} MiB")
    if sys.platform == "win32" and not (args.no_installer or args.no_build):
        setup = build_installer(bundle, version, launchers)
        if setup is None:
            return 1
        print(f"installer: {setup} — {setup.stat().st_size / 2**20:.1f} MiB")
    elif sys.platform != "win32":
        print("the installer is built on Windows only; this bundle checks the spec")
    if args.publish:
        previous = archive_version(args.previous) if args.previous else None
        return publish(archives, version, args.channel, args.rollout, previous)
    return 0


def archive_version(path: Path) -> str:
    from sync.client.updates import archive

    return archive.read_manifest(path).version


if __name__ == "__main__":
    sys.exit(main())
