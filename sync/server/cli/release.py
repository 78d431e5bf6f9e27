"""``daftar-server release …``: the release manager's side of the update repository.

It runs on the release manager's machine, never on the server: the root and targets keys live
only in ``--keys DIR`` and sign there; the service receives signed metadata over HTTP with an
operator token, and holds only the online key for snapshot and timestamp. Before signing new
targets on top of the server's current ones, the command checks that those carry the local
targets key's signature, so a tampered server cannot get files slipped into a release.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, BinaryIO

import httpx
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from securesystemslib.exceptions import UnverifiedSignatureError
from securesystemslib.signer import CryptoSigner, SSlibKey
from tuf.api.metadata import Metadata, Root, Snapshot, TargetFile, Targets, Timestamp
from tuf.api.serialization import DeserializationError

from sync.server import keys
from sync.server.cli.common import CommandError, add_json, emit
from sync.server.releases import ReleasePublic
from sync.wire.updates import CHANNELS

ROLE_KEYS = ("root", "targets")


class KeyFolder:
    """The offline keys: ``root.pem`` and ``targets.pem`` (Ed25519, PKCS#8, mode 0600)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def file(self, name: str) -> Path:
        return self.path / f"{name}.pem"

    def generate(self, name: str) -> SSlibKey:
        self.path.mkdir(mode=0o700, parents=True, exist_ok=True)
        try:
            keys.write_private_key(self.file(name), Ed25519PrivateKey.generate())
        except FileExistsError:
            raise CommandError(f"{self.file(name)} already exists; not overwriting it") from None
        return self.signer(name).public_key

    def keep_root(self, version: int, body: str) -> Path:
        """Keep a copy of each root uploaded: the desktop ships one as its trust anchor."""
        path = self.path / f"{version}.root.json"
        path.write_text(body)
        return path

    def signer(self, name: str) -> CryptoSigner:
        try:
            return CryptoSigner(keys.read_private_key(self.file(name)))
        except FileNotFoundError:
            raise CommandError(f"no {name} key in {self.path} (run `release keygen`)") from None
        except ValueError as error:
            raise CommandError(str(error)) from None


class ReleaseServer:
    """The service's admin and TUF endpoints, with its errors turned into one-line messages."""

    def __init__(self, url: str, token: str, *, timeout: float = 300) -> None:
        self.url = url
        self.http = httpx.Client(base_url=url, timeout=timeout,
                                 headers={"Authorization": f"Bearer {token}"})

    def call(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        return self._checked(self._send(method, path, **kwargs), path)

    @staticmethod
    def _checked(response: httpx.Response, path: str) -> httpx.Response:
        if response.status_code >= 400:
            try:
                error = response.json()["error"]
                message = f"{error['message']} [{error['code']}]"
            except (ValueError, KeyError, TypeError):
                message = f"HTTP {response.status_code} from {path}"
            raise CommandError(message)
        return response

    def _send(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        try:
            return self.http.request(method, path, **kwargs)
        except httpx.HTTPError as error:
            raise CommandError(f"cannot reach {self.url}: {error}") from None

    def metadata(self, name: str) -> Metadata[Any] | None:
        """A public TUF document, or None if the server has none by that name."""
        path = f"/tuf/metadata/{name}"
        response = self._send("GET", path)
        if response.status_code == 404:
            return None
        body = self._checked(response, path).content
        try:
            return Metadata.from_bytes(body)
        except DeserializationError as error:
            raise CommandError(f"the server's {name} does not parse: {error}") from None

    def root(self) -> Metadata[Root]:
        root = self.metadata("root.json")
        if root is None:
            raise CommandError("the server has no root yet: run `release init`")
        return root

    def targets(self) -> Metadata[Targets]:
        """The current targets, found as a client would: timestamp → snapshot → targets."""
        timestamp: Metadata[Timestamp] | None = self.metadata("timestamp.json")
        if timestamp is None:
            raise CommandError("the server has no targets yet: run `release init`")
        snapshot: Metadata[Snapshot] | None = self.metadata(
            f"{timestamp.signed.snapshot_meta.version}.snapshot.json")
        version = snapshot.signed.meta["targets.json"].version if snapshot else None
        targets = self.metadata(f"{version}.targets.json") if version else None
        if targets is None:
            raise CommandError("the server's metadata is incomplete; try again")
        return targets

    def online_key(self) -> SSlibKey:
        body = self.call("GET", "/v1/admin/tuf/online-key").json()
        return SSlibKey.from_dict(body["keyid"], dict(body["key"]))


def signed_by(metadata: Metadata[Any], key: SSlibKey) -> bool:
    signature = metadata.signatures.get(key.keyid)
    if signature is None:
        return False
    try:
        key.verify_signature(signature, metadata.signed_bytes)
    except UnverifiedSignatureError:
        return False
    return True


def _days(days: float) -> datetime:
    return datetime.now(UTC) + timedelta(days=days)


def _sign(signed: Any, *signers: CryptoSigner) -> str:
    metadata = Metadata(signed)
    for signer in signers:
        metadata.sign(signer, append=True)
    return metadata.to_bytes().decode()


def initialise(server: ReleaseServer, folder: KeyFolder, *, root_expires: datetime,
               targets_expires: datetime) -> int:
    """Upload root version 1 and an empty targets version 1: the repository's start."""
    if server.metadata("root.json") is not None:
        raise CommandError("the server already has a root; use `release rotate-root`")
    root_signer, targets_signer = folder.signer("root"), folder.signer("targets")
    online = server.online_key()
    root = Root(expires=root_expires, consistent_snapshot=True)
    root.add_key(root_signer.public_key, "root")
    root.add_key(targets_signer.public_key, "targets")
    for role in ("snapshot", "timestamp"):
        root.add_key(online, role)
    signed = _sign(root, root_signer)
    server.call("POST", "/v1/admin/tuf/root", json={
        "root": signed, "targets": _sign(Targets(expires=targets_expires), targets_signer),
    })
    folder.keep_root(root.version, signed)
    return root.version


def _own_targets(server: ReleaseServer, signer: CryptoSigner) -> Targets:
    current = server.targets()
    if not signed_by(current, signer.public_key):
        raise CommandError("the server's current targets do not carry your targets key's "
                           "signature; refusing to sign on top of them")
    return current.signed


def publish(server: ReleaseServer, folder: KeyFolder, file: Path, *, version: str,
            channel: str, rollout: int, expires: datetime,
            patches: dict[str, Path] | None = None) -> ReleasePublic:
    """Sign targets adding ``CHANNEL/FILENAME`` (and each patch, keyed by the version it
    patches), upload the files, then publish the release."""
    signer = folder.signer("targets")
    targets = _own_targets(server, signer)
    custom = {"version": version, "channel": channel}
    files = [(file, custom)] + [(patch, {**custom, "patch_from": source})
                                for source, patch in (patches or {}).items()]
    added = []
    for path, fields in files:
        target = _target(channel, path)
        target.unrecognized_fields["custom"] = fields
        targets.targets[target.path] = target
        added.append(target)
    targets.version += 1
    targets.expires = expires
    signed = _sign(targets, signer)
    for (path, _), target in zip(files, added, strict=True):
        with path.open("rb") as body:
            server.call("PUT", f"/v1/admin/releases/files/{target.hashes['sha256']}",
                        content=_pieces(body),
                        headers={"Content-Type": "application/octet-stream",
                                 "Content-Length": str(target.length)})
    body = {"targets": signed, "target_path": added[0].path, "rollout_percent": rollout,
            "patch_paths": [target.path for target in added[1:]]}
    return ReleasePublic.model_validate(server.call("POST", "/v1/admin/releases", json=body)
                                        .json())


def _target(channel: str, file: Path) -> TargetFile:
    try:  # hashed and uploaded from the open file: an installer need not fit in memory
        return TargetFile.from_file(f"{channel}/{file.name}", str(file), ["sha256"])
    except OSError as error:
        raise CommandError(f"cannot read {file}: {error.strerror}") from None


def _pieces(body: BinaryIO, size: int = 1024 * 1024) -> Iterator[bytes]:
    while piece := body.read(size):
        yield piece


def resign_targets(server: ReleaseServer, folder: KeyFolder, *, expires: datetime) -> int:
    """Sign the same targets again with a later expiry."""
    signer = folder.signer("targets")
    targets = _own_targets(server, signer)
    targets.version += 1
    targets.expires = expires
    server.call("POST", "/v1/admin/tuf/targets", json={"targets": _sign(targets, signer)})
    return targets.version


def rotate_root(server: ReleaseServer, folder: KeyFolder, *, expires: datetime) -> int:
    """Replace the root key: the next root is signed by the old key and the new one.

    The new key is kept as ``root.next.pem`` until the server accepts the new root, then becomes
    ``root.pem``; the old one is kept as ``root.vN.pem``, N the last root version it signed.
    """
    current = server.root()
    if folder.file("root.next").exists() and signed_by(
            current, folder.signer("root.next").public_key):
        _retire_root(folder, current.signed.version - 1)  # the last upload went through
        return current.signed.version
    old = folder.signer("root")
    if not signed_by(current, old.public_key):
        raise CommandError("the server's current root is not signed by your root key")
    if not folder.file("root.next").exists():
        folder.generate("root.next")
    new = folder.signer("root.next")
    root = current.signed
    retired = root.version
    _replace_keys(root, "root", new.public_key)
    online = server.online_key()
    for role in ("snapshot", "timestamp"):
        _replace_keys(root, role, online)
    root.version += 1
    root.expires = expires
    signed = _sign(root, old, new)
    server.call("POST", "/v1/admin/tuf/root", json={"root": signed})
    folder.keep_root(root.version, signed)
    _retire_root(folder, retired)
    return root.version


def _retire_root(folder: KeyFolder, last_version: int) -> None:
    folder.file("root").rename(folder.file(f"root.v{last_version}"))
    folder.file("root.next").rename(folder.file("root"))


def _replace_keys(root: Root, role: str, key: SSlibKey) -> None:
    for keyid in list(root.roles[role].keyids):
        root.revoke_key(keyid, role)
    root.add_key(key, role)


def register(subparsers: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    release = subparsers.add_parser(
        "release", help="sign and publish releases (on the release manager's machine)",
        description="Keep the TUF root and targets keys offline, sign with them, and publish "
        "to the service over HTTP with an operator token.")
    actions = release.add_subparsers(dest="release_command", metavar="ACTION", required=True)
    folder_only = argparse.ArgumentParser(add_help=False)
    folder_only.add_argument(
        "--keys", type=Path, default=os.environ.get("DAFTAR_RELEASE_KEYS"),
        help="folder of the offline root and targets keys [DAFTAR_RELEASE_KEYS]")
    remote = argparse.ArgumentParser(add_help=False, parents=[folder_only])
    remote.add_argument("--server", default=os.environ.get("DAFTAR_RELEASE_SERVER"),
                        help="base URL of the service [DAFTAR_RELEASE_SERVER]")
    remote.add_argument("--token", default=os.environ.get("DAFTAR_RELEASE_TOKEN"),
                        help="the operator token [DAFTAR_RELEASE_TOKEN]")

    def action(name: str, handler: Any, help_text: str, *, local: bool = False) -> Any:
        parser = actions.add_parser(name, parents=[folder_only if local else remote],
                                    help=help_text, description=help_text)
        parser.set_defaults(handler=handler)
        return parser

    action("keygen", _keygen, "create the root and targets keys", local=True)
    init = action("init", _init, "upload root v1 and empty targets v1")
    init.add_argument("--root-expires-days", type=float, default=365,
                      help="lifetime of the root (default 365)")
    init.add_argument("--targets-expires-days", type=float, default=365,
                      help="lifetime of the targets (default 365)")
    pub = action("publish", _publish, "sign and publish a release file")
    pub.add_argument("file", type=Path, help="the update archive (installer/build.py "
                     "makes it); published as CHANNEL/FILENAME")
    pub.add_argument("--patch", action="append", type=_patch, default=[],
                     metavar="VERSION=FILE",
                     help="a patch of this release from an earlier VERSION (repeatable)")
    pub.add_argument("--version", required=True, help="its version, e.g. 1.4.0 or 1.5.0b1")
    pub.add_argument("--channel", choices=CHANNELS, default="stable")
    pub.add_argument("--rollout", type=_percent, default=100, help="percent of devices offered it")
    pub.add_argument("--targets-expires-days", type=float, default=365,
                     help="lifetime of the new targets (default 365)")
    add_json(pub)
    roll = action("rollout", _rollout, "change the percent of devices offered a release")
    roll.add_argument("channel", choices=CHANNELS)
    roll.add_argument("version")
    roll.add_argument("percent", type=_percent)
    add_json(roll)
    add_json(action("list", _list, "list the releases"))
    rotate = action("rotate-root", _rotate, "replace the root key (signed by old and new)")
    rotate.add_argument("--root-expires-days", type=float, default=365,
                        help="lifetime of the new root (default 365)")
    resign = action("resign-targets", _resign, "re-sign the targets before they expire")
    resign.add_argument("--targets-expires-days", type=float, default=365,
                        help="lifetime of the re-signed targets (default 365)")


def _percent(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError(f"not a percentage from 0 to 100: {text!r}")
    return value


def _patch(text: str) -> tuple[str, Path]:
    version, equals, file = text.partition("=")
    if not equals or not version or not file:
        raise argparse.ArgumentTypeError(f"a patch is VERSION=FILE, not {text!r}")
    return version, Path(file)


def _folder(args: argparse.Namespace) -> KeyFolder:
    if not args.keys:
        raise CommandError("--keys: give the key folder (or set DAFTAR_RELEASE_KEYS)")
    return KeyFolder(Path(args.keys))


def _server(args: argparse.Namespace) -> ReleaseServer:
    if not args.server or not args.token:
        raise CommandError("--server and --token are required (or DAFTAR_RELEASE_SERVER and "
                           "DAFTAR_RELEASE_TOKEN)")
    return ReleaseServer(args.server.rstrip("/"), args.token)


def _keygen(args: argparse.Namespace) -> int:
    folder = _folder(args)
    for name in ROLE_KEYS:
        if folder.file(name).exists():
            raise CommandError(f"{folder.file(name)} already exists; not overwriting it")
    for name in ROLE_KEYS:
        print(f"{name} key {folder.generate(name).keyid} in {folder.file(name)}")
    print("keep this folder offline and backed up; the server must never see it")
    return 0


def _init(args: argparse.Namespace) -> int:
    version = initialise(_server(args), _folder(args),
                         root_expires=_days(args.root_expires_days),
                         targets_expires=_days(args.targets_expires_days))
    print(f"root v{version} and empty targets uploaded; ship {args.keys}/1.root.json with "
          "the desktop as its trusted root")
    return 0


def _publish(args: argparse.Namespace) -> int:
    release = publish(_server(args), _folder(args), args.file, version=args.version,
                      channel=args.channel, rollout=args.rollout,
                      expires=_days(args.targets_expires_days), patches=dict(args.patch))
    emit(args, release, f"published {release.target_path} as {release.channel} "
         f"{release.version} to {release.rollout_percent}% of devices")
    return 0


def _rollout(args: argparse.Namespace) -> int:
    response = _server(args).call("PATCH", f"/v1/admin/releases/{args.channel}/{args.version}",
                                  json={"rollout_percent": args.percent})
    release = ReleasePublic.model_validate(response.json())
    emit(args, release, f"{release.channel} {release.version}: {release.rollout_percent}%")
    return 0


def _list(args: argparse.Namespace) -> int:
    found = [ReleasePublic.model_validate(item)
             for item in _server(args).call("GET", "/v1/admin/releases").json()]
    emit(args, found, "\n".join(
        f"{r.channel:7} {r.version:12} {r.rollout_percent:3}%  "
        f"{r.published_at:%Y-%m-%d %H:%M}  {r.target_path}" for r in found) or "no releases")
    return 0


def _rotate(args: argparse.Namespace) -> int:
    version = rotate_root(_server(args), _folder(args), expires=_days(args.root_expires_days))
    print(f"root v{version} uploaded; the old root key is retired")
    return 0


def _resign(args: argparse.Namespace) -> int:
    version = resign_targets(_server(args), _folder(args),
                             expires=_days(args.targets_expires_days))
    print(f"targets v{version} uploaded")
    return 0
