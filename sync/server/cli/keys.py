"""``daftar-server keys …``: the service's own signing keys (licences, TUF online roles).

With a shared database every instance must sign with the same keys, so they are generated once
here and handed to each instance by path; only the embedded single-machine setup generates its
keys by itself on first start. (The TUF root and targets keys are the release manager's, made by
``daftar-server release keygen``.)
"""

from __future__ import annotations

import argparse
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sync.server import keys
from sync.server.cli.common import CommandError, add_json, emit, group, load_settings
from sync.wire.devices import LicencePublicKey
from sync.wire.licence import b64encode


def register(subparsers: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    actions = group(subparsers, parent, "keys", "show or generate the service's signing keys")
    generate = actions.add_parser(
        "generate", parents=[parent], help="write a new Ed25519 private key (never overwrites)",
        description="Write a new Ed25519 private key in PEM, readable by its owner only: the "
        "licence signing key (DAFTAR_LICENCE_SIGNING_KEY), the TUF online key "
        "(DAFTAR_TUF_ONLINE_KEY), or the next licence key of a rotation.")
    generate.add_argument("path", type=Path, metavar="PATH")
    add_json(generate)
    generate.set_defaults(handler=_generate)
    public = actions.add_parser(
        "licence-public", parents=[parent],
        help="print the licence signing key's id and public key (for a desktop build to pin)")
    add_json(public)
    public.set_defaults(handler=_licence_public)


def _shown(key: Ed25519PrivateKey) -> LicencePublicKey:
    public = key.public_key()
    return LicencePublicKey(key_id=keys.key_id(public),
                            public_key=b64encode(keys.public_key_bytes(public)))


def _generate(args: argparse.Namespace) -> int:
    key = Ed25519PrivateKey.generate()
    try:
        keys.write_private_key(args.path, key)
    except FileExistsError:
        raise CommandError(f"{args.path}: exists; choose another path") from None
    shown = _shown(key)
    emit(args, shown, f"{shown.key_id} {shown.public_key}\nprivate key written to {args.path}")
    return 0


def _licence_public(args: argparse.Namespace) -> int:
    settings = load_settings(args)
    try:
        key = keys.read_private_key(settings.licence_key_path)
    except FileNotFoundError:
        raise CommandError(f"no licence signing key at {settings.licence_key_path}") from None
    shown = _shown(key)
    emit(args, shown, f"{shown.key_id} {shown.public_key}")
    return 0
