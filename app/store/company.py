"""Creating and opening company files, wherever their key comes from.

``KeySource`` says where a key may come from; the order of preference when opening is key file,
passphrase, recovery key, then the OS credential store. Creation returns the recovery key, which the
caller must show the user once: it is the only way into the file on another machine.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app.ledger.model import Account, Company, Journal, JournalKind
from app.ledger.money import currency
from app.store import keys, tax
from app.store.audit import audit
from app.store.books import Books
from app.store.database import (
    Database,
    StoreError,
    WrongKey,
    check_file,
    create_database,
    open_database,
    raw_connect,
    remove_database_files,
)
from app.store.keys import FileKey, KeyProblem
from app.store.posting import utc_now
from app.store.reference import insert_accounts, load_chart
from app.store.years import first_year_end as checked_first_year_end
from app.store.years import insert_fiscal_year

DEFAULT_JOURNALS = (
    Journal("VT", "Ventes", JournalKind.SALES),
    Journal("AC", "Achats", JournalKind.PURCHASES),
    Journal("BQ", "Banque", JournalKind.BANK),
    Journal("CA", "Caisse", JournalKind.CASH),
    Journal("OD", "Opérations diverses", JournalKind.MISC),
    Journal("AN", "À-nouveaux", JournalKind.MISC),
)


@dataclass(frozen=True, slots=True)
class KeySource:
    """Where the key of a company file comes from; empty means the OS credential store."""

    key_file: Path | None = None
    passphrase: str | None = None
    recovery_key: str | None = None


def _new_key(source: KeySource) -> FileKey:
    if source.key_file is not None:
        if source.key_file.exists():
            return FileKey(keys.read_key_file(source.key_file).key, keys.new_key().salt)
        key = keys.new_key()
        keys.write_key_file(source.key_file, key)
        return key
    if source.passphrase is not None:
        return keys.passphrase_key(source.passphrase, keys.new_key().salt or b"")
    if source.recovery_key is not None:
        raise StoreError("a recovery key opens an existing file; it cannot create one")
    key = keys.new_key()
    keys.keyring_store(key.salt or b"", key)
    return key


def create_company(
    path: Path,
    company: Company,
    first_year_start: date,
    source: KeySource = KeySource(),
    *,
    first_year_end: date | None = None,
    accounts: list[Account] | None = None,
    populate: Callable[[Books], object] | None = None,
) -> tuple[Books, str]:
    """Create the company file with its chart, journals and first fiscal year.

    The first year runs from ``first_year_start`` to ``first_year_end``: by default twelve
    months, or a short or long first year of at most 24 months (``years.first_year_problem``
    says what is refused, as a ``StoreError`` raised before anything is made).

    The file is built under a temporary name (with ``populate`` run on it, if given) and moved
    into place only when complete, so a crash or an error never leaves a half-made company at
    ``path``. Returns the open books and the recovery key to show the user once.
    """
    currency(company.currency)
    if not company.name.strip():
        raise StoreError("the company needs a name")
    end = checked_first_year_end(first_year_start, first_year_end)
    chart = load_chart(company.chart) if accounts is None else accounts
    if path.exists():
        raise StoreError(f"{path} already exists; choose another name or remove it first")
    if not path.parent.is_dir():
        raise StoreError(f"cannot create {path}: the folder {path.parent} does not exist")
    key_file_existed = source.key_file is not None and source.key_file.exists()
    key = _new_key(source)
    building = path.with_name(f".{path.name}.creating")
    remove_database_files(building)  # left by a crash during an earlier attempt
    try:
        books = initialise(create_database(building, key), company, first_year_start, chart,
                           first_year_end=end)
        try:
            if populate is not None:
                populate(books)
        finally:
            books.close()
        os.replace(building, path)
        _sync_folder(path.parent)
    except BaseException:
        remove_database_files(building)
        _forget_new_key(source, key, key_file_existed)
        raise
    return Books(Database(path, key)), keys.recovery_key(key)


def _sync_folder(folder: Path) -> None:
    """Make a rename durable (POSIX); Windows has no directory handles to sync."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _forget_new_key(source: KeySource, key: FileKey, key_file_existed: bool) -> None:
    """Undo ``_new_key`` after a failed creation: no key may outlive the file it was made for."""
    if source.key_file is not None:
        if not key_file_existed:
            source.key_file.unlink(missing_ok=True)
    elif source.passphrase is None and key.salt is not None:
        keys.keyring_forget(key.salt)


def initialise(
    db: Database, company: Company, first_year_start: date, accounts: list[Account], *,
    first_year_end: date | None = None,
) -> Books:
    """Write a new company's record, chart, journals and first fiscal year into ``db``.

    The first year ends on ``first_year_end`` (checked), by default twelve months on.

    On failure the half-made file is removed, so a failed creation leaves nothing behind.
    """
    path = db.path
    try:
        with db.write() as conn:
            cur = conn.connection.driver_connection.cursor()
            cur.execute(
                "INSERT INTO company (id, name, currency, chart, nif, nis, rc, ai, address,"
                " created_at) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (company.name, company.currency.upper(), company.chart, company.nif,
                 company.nis, company.rc, company.ai, company.address, utc_now()),
            )
            cur.executemany(
                "INSERT INTO setting (key, value) VALUES (?, ?)",
                [("result_profit_account", "120"), ("result_loss_account", "129")],
            )
            insert_accounts(cur, accounts, {})
            tax.seed(cur, company.chart)
            cur.executemany(
                "INSERT INTO journal (code, label, kind) VALUES (?, ?, ?)",
                [(j.code, j.label, j.kind.value) for j in DEFAULT_JOURNALS],
            )
            end = checked_first_year_end(first_year_start, first_year_end)
            insert_fiscal_year(cur, first_year_start, end)
            audit(cur, "create", name=company.name, chart=company.chart)
    except BaseException:
        db.close()
        remove_database_files(path)
        raise
    return Books(db)


def resolve_key(path: Path, source: KeySource) -> FileKey:
    """The key that opens ``path``: from the source given, else from the credential store."""
    check_file(path)
    if source.key_file is not None:
        return _from_key_file(path, source.key_file)
    if source.passphrase is not None:
        return FileKey(keys.passphrase_key(source.passphrase, keys.read_salt(path)).key)
    if source.recovery_key is not None:
        return keys.parse_recovery_key(source.recovery_key)
    salt = keys.read_salt(path)
    stored = keys.keyring_load(salt)
    pending = keys.keyring_load(salt, pending=True)
    for candidate in (stored, pending):
        if candidate is not None and _opens(path, candidate):
            if candidate is pending:
                keys.keyring_store(salt, candidate)
                keys.keyring_forget(salt, pending=True)
            return candidate
    if stored is None and pending is None:
        raise KeyProblem(
            f"the credential store holds no key for {path}; open it with its recovery key "
            "(--recovery-key), its passphrase (--passphrase) or a key file (--key-file)"
        )
    raise WrongKey(f"the key kept in the credential store does not open {path}")


def _from_key_file(path: Path, key_file: Path) -> FileKey:
    """The key file's key; after a rekey interrupted halfway, the pending one if it is the key."""
    pending = _pending(key_file)
    key = keys.read_key_file(key_file)
    if pending.exists() and not _opens(path, key):
        new = keys.read_key_file(pending)
        if _opens(path, new):
            keys.write_key_file(key_file, new)
            pending.unlink()
            return new
    return key


def _pending(key_file: Path) -> Path:
    """Where a rekey keeps the new key until the file is re-encrypted under it."""
    return key_file.with_name(key_file.name + ".pending")


def _opens(path: Path, key: FileKey) -> bool:
    try:
        raw_connect(path, key).close()
    except WrongKey:
        return False
    return True


def open_company(path: Path, source: KeySource = KeySource()) -> Books:
    """Open an existing company file (upgrading an older schema)."""
    return Books(open_database(path, resolve_key(path, source)))


def rekey(books: Books, source: KeySource, *, new_passphrase: str | None = None) -> str:
    """Re-encrypt the books under a fresh key; returns the new recovery key.

    The new key is saved where the old one was *before* the file changes (as a pending key), so
    a crash at any point leaves a file that some saved key still opens.
    """
    path = books.path
    salt = keys.read_salt(path)
    if source.passphrase is not None and new_passphrase is None:
        raise StoreError("a file protected by a passphrase is rekeyed with a new passphrase")
    if new_passphrase is not None:
        new = FileKey(keys.passphrase_key(new_passphrase, salt).key)
    else:
        new = FileKey(keys.new_key().key)
    if source.key_file is not None:
        keys.write_key_file(_pending(source.key_file), new)
    elif source.passphrase is None and new_passphrase is None:
        keys.keyring_store(salt, new, pending=True)
    with books.write() as cur:
        audit(cur, "rekey")
    books.db.rekey(new)
    if source.key_file is not None:
        keys.write_key_file(source.key_file, new)
        _pending(source.key_file).unlink(missing_ok=True)
    elif source.passphrase is None and new_passphrase is None:
        keys.keyring_store(salt, new)
        keys.keyring_forget(salt, pending=True)
    elif source.passphrase is None and source.recovery_key is None:
        keys.keyring_forget(salt)  # from the credential store to a passphrase: nothing stays
    return keys.recovery_key(new)
