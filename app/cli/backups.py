"""``daftar backup`` and ``daftar restore``: the company's encrypted backups on the Daftar cloud.

A backup never changes the books and works whatever the licence state: read-only books are
still backed up. A restore writes a new file and never overwrites one; on a PC that never had
the company, the company's recovery key finds and opens its backups.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from app.cli.session import opened, secret
from app.store import keys
from app.store.company import KeySource, open_company
from app.store.keys import FileKey, NoCredentialStore
from app.store.verify import verify
from sync.client import backup, handover, licence, registry, restore
from sync.client.crypto import BackupKeys
from sync.client.device import CloudConfig
from sync.client.http import CloudError


def register(sub: argparse._SubParsersAction, key_options: Any) -> None:
    p = sub.add_parser(
        "backup", help="back up a company to the Daftar cloud (or: backup list)",
        description="Back up FILE to the Daftar cloud: encrypted on this PC, only what changed "
        "is uploaded. 'daftar backup list' lists the backups instead.")
    p.add_argument("file", type=Path, metavar="FILE|list")
    p.add_argument("--company", metavar="NAME", help="list: only this company's backups")
    p.add_argument("--json", action="store_true")
    key_options(p)
    p.set_defaults(run=_backup)

    p = sub.add_parser(
        "restore", help="restore a company from the Daftar cloud into a new file",
        description="Restore a backup (SNAPSHOT id, or 'latest') into a new file. On a PC "
        "that never had the company, give its recovery key.")
    p.add_argument("snapshot", metavar="SNAPSHOT|latest")
    p.add_argument("--company", required=True, metavar="NAME")
    p.add_argument("--to", required=True, type=Path, metavar="NEWFILE")
    p.add_argument("--json", action="store_true")
    key_options(p)
    p.set_defaults(run=_restore)

    handover_parser = sub.add_parser(
        "handover", help="move a company between PCs (one PC keeps it at a time)",
        description="Keep a company on one PC at a time: 'take' restores its newest backup "
        "here and makes the other PC's copy read-only; 'release' pushes a final backup and "
        "frees it for another PC.")
    actions = handover_parser.add_subparsers(dest="action", required=True, metavar="ACTION",
                                             parser_class=type(handover_parser))
    p = actions.add_parser("take", help="restore the newest backup here and keep the company")
    p.add_argument("--company", required=True, metavar="NAME")
    p.add_argument("--to", required=True, type=Path, metavar="NEWFILE")
    p.add_argument("--force", action="store_true",
                   help="take it although another PC still holds it")
    key_options(p)
    p.set_defaults(run=_take)
    p = actions.add_parser("release", help="final backup, then free the company for another PC")
    p.add_argument("file", type=Path, metavar="FILE")
    key_options(p)
    p.set_defaults(run=_release)


def _service() -> Any:
    return licence.service(CloudConfig.load())


def _backup(args: argparse.Namespace) -> int:
    if args.file == Path("list") and not args.file.exists():
        return _list(args)
    config = CloudConfig.load()
    with opened(args) as books, licence.service(config) as api:
        result = backup.backup(books, api, device_name=config.device_name)
    if args.json:
        print(json.dumps(result.as_dict(), indent=2))
    elif result.unchanged:
        print(f"up to date: nothing changed since snapshot {result.snapshot_id} "
              f"({result.taken_at})")
    else:
        print(f"backed up as snapshot {result.snapshot_id}: {result.chunks_new} of "
              f"{result.chunks_total} chunks new, {result.uploaded_bytes:,} bytes uploaded for "
              f"{result.total_bytes:,} bytes of books, in {result.seconds:.1f} s")
    return 0


def _list_key(args: argparse.Namespace) -> FileKey | None:
    """A key given on the command line, to find a company this PC does not know."""
    if args.recovery_key:
        return keys.parse_recovery_key(secret("DAFTAR_RECOVERY_KEY", "Recovery key: "))
    if args.key_file:
        return keys.read_key_file(Path(args.key_file))
    return None


def _list(args: argparse.Namespace) -> int:
    wanted: str | None = None
    names: dict[str, str | None] = {}
    given = _list_key(args)
    if given is not None:
        wanted = BackupKeys.derive(given.key).backup_set
    elif args.company:
        found = registry.find_company(args.company)
        if found is None:
            raise CloudError(f"this PC has never backed up {args.company!r}; give its recovery "
                             "key (--recovery-key) to find its backups")
        wanted = found["backup_set"]
    with _service() as api:
        snapshots = restore.list_snapshots(api, wanted)
        if given is not None and snapshots:
            keys_given = BackupKeys.derive(given.key)
            names[wanted] = restore.read_manifest(api, keys_given,
                                                 snapshots[0].snapshot_id).company
    for s in snapshots:
        if s.backup_set not in names:
            names[s.backup_set] = registry.company_of_set(s.backup_set)
    rows = [{"snapshot_id": str(s.snapshot_id), "company": names[s.backup_set],
             "backup_set": s.backup_set, "taken_at": s.taken_at.isoformat(),
             "size": s.total_size, "chunks": s.chunk_count,
             "device_id": str(s.device_id) if s.device_id else None} for s in snapshots]
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    if not rows:
        print("no backups")
    for row in rows:
        company = row["company"] or f"(company not known here; set {row['backup_set'][:8]})"
        print(f"{row['taken_at']}  {row['snapshot_id']}  {row['size']:>14,}  {company}")
    return 0


def _restore_key(args: argparse.Namespace) -> FileKey:
    """The company's key: its recovery key, an existing key file, or this PC's memory of the
    company (its salt) and the credential store. A ``--key-file`` that does not exist yet is
    where the restored file's key is written, so it combines with ``--recovery-key``."""
    if args.passphrase:
        raise CloudError("a passphrase alone cannot find a company's backups; give its recovery "
                         "key (--recovery-key)")
    if args.recovery_key:
        return keys.parse_recovery_key(secret("DAFTAR_RECOVERY_KEY", "Recovery key: "))
    if args.key_file and Path(args.key_file).exists():
        return keys.read_key_file(Path(args.key_file))
    found = registry.find_company(args.company)
    stored = keys.keyring_load(bytes.fromhex(found["salt"])) if found else None
    if stored is None:
        raise CloudError(f"this PC does not hold the key of {args.company!r}; give its recovery "
                         "key (--recovery-key or DAFTAR_RECOVERY_KEY)")
    return stored


def _keep_key(args: argparse.Namespace, key: FileKey, to: Path) -> None:
    """Where the restored file's key will be found next time it is opened."""
    if args.key_file:
        if not Path(args.key_file).exists():
            keys.write_key_file(Path(args.key_file), key)
        return
    keys.keyring_store(keys.read_salt(to), key)


def _new_file_key(args: argparse.Namespace) -> FileKey:
    """The key of the company to restore into ``args.to``, once sure it can be kept."""
    if args.to.exists():
        raise CloudError(f"{args.to} already exists; restore never overwrites a file")
    key = _restore_key(args)
    if not args.key_file and not keys.keyring_available():
        raise NoCredentialStore(
            "no credential store on this system to keep the restored file's key: add "
            "--key-file PATH (a new file is created with the key)")
    return key


def _take(args: argparse.Namespace) -> int:
    key = _new_file_key(args)
    with _service() as api:
        taken = handover.take(api, key, args.company, args.to, force=args.force)
    _keep_key(args, key, args.to)
    print(f"{taken.company} is now kept on this PC, in {args.to} (restored from snapshot "
          f"{taken.snapshot_id}); the other PC's copy is read-only")
    return 0


def _release(args: argparse.Namespace) -> int:
    with opened(args) as books, _service() as api:
        result = handover.release(api, books)
        name = books.company.name
    print(f"{name} is released (final backup {result.snapshot_id}); this copy is now read-only "
          "until it is taken back")
    return 0


def _restore(args: argparse.Namespace) -> int:
    key = _new_file_key(args)
    with _service() as api:
        manifest = restore.restore(api, key, args.snapshot, args.to, company=args.company)
    _keep_key(args, key, args.to)
    source = KeySource(key_file=Path(args.key_file)) if args.key_file else KeySource()
    with open_company(args.to, source) as books:
        report = verify(books)
    result = {"snapshot_id": str(manifest.snapshot.snapshot_id), "company": manifest.company,
              "taken_at": manifest.taken_at, "file": str(args.to), "entries": report.entries,
              "lines": report.lines, "verified": not report.problems}
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"restored {manifest.company!r} as of {manifest.taken_at} into {args.to}: "
              f"{report.entries} entries, {report.lines} lines, "
              + ("verified" if not report.problems else f"PROBLEMS: {report.problems}"))
    return 0 if not report.problems else 1
