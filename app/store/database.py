"""Opening a company file: the one place that knows SQLCipher, pragmas and schema versions.

``open_database`` goes file exists → key check (``WrongKey``) → is it a Daftar file → schema version
(refuse newer files, upgrade older ones in one transaction) → a ``Database``. Every connection gets
the same pragmas and the SQL function ``fold`` (search text, ``app.ledger.text``) from
``_configure``; in particular temporary tables and sort spills stay in memory
so no plaintext of the books reaches the disk, and the WAL is encrypted like the file.

Transactions are explicit: ``read()`` holds one snapshot, ``write()`` takes the write lock up front
(``BEGIN IMMEDIATE``) so two writers queue instead of failing halfway through.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine
from sqlalchemy.pool import QueuePool
from sqlcipher3 import dbapi2

from app.ledger.text import fold_or_none
from app.store import migrations
from app.store.keys import FileKey


class StoreError(Exception):
    """A problem with a company file that the user can act on; the message says what to do."""


class WrongKey(StoreError):
    pass


class NotACompanyFile(StoreError):
    pass


class FileTooNew(StoreError):
    pass


class ReadOnly(StoreError):
    """The books may be read, exported and backed up, but not changed now; the message says why
    and what to do (a lapsed licence, another PC holding the company)."""


class RuleViolation(StoreError, dbapi2.IntegrityError):
    """The database refused a change for one of the books' rules: a trigger's
    ``RAISE(ABORT, ...)`` (a posted entry changed, a closed year touched, the lock date moved
    back). The message is the trigger's own, written for the user.

    Also an ``IntegrityError``, the driver's type for it, so code and tests written against the
    driver keep working; new code catches ``RuleViolation`` or ``StoreError``.
    """


_BUILT_IN_CONSTRAINT = re.compile(r"^(UNIQUE|NOT NULL|CHECK|FOREIGN KEY|PRIMARY KEY) constraint "
                                  r"failed\b|^constraint failed\b")
"""How SQLite words the failures of a table's own constraints; a trigger's message is ours."""
_SQLITE_CONSTRAINT = 19


def rule_violation(exc: dbapi2.IntegrityError) -> RuleViolation | None:
    """``exc`` as a ``RuleViolation`` when a trigger raised it; None for a table constraint
    (UNIQUE, NOT NULL, CHECK, FOREIGN KEY) or a datatype mismatch, which stay as they are."""
    if isinstance(exc, RuleViolation):
        return exc
    message = str(exc)
    if getattr(exc, "sqlite_errorcode", _SQLITE_CONSTRAINT) != _SQLITE_CONSTRAINT \
            or _BUILT_IN_CONSTRAINT.search(message):
        return None
    return RuleViolation(message)


WriteGate = Callable[[], str | None]
"""Asked before every write transaction: the reason writes are refused now, or None."""


_BUSY_TIMEOUT_S = 30.0
CACHE_KIB = 32768
"""Page cache per connection (32 MiB): room for the indexes a day's work touches."""
_SMALLEST_FILE = 1024
"""An empty or truncated file would be taken by SQLite for a new database and written to."""


def _configure(cx: dbapi2.Connection) -> None:
    for pragma in (
        "PRAGMA foreign_keys = ON",
        # REPLACE deletes the row it replaces; only with this on do delete triggers see that
        "PRAGMA recursive_triggers = ON",
        "PRAGMA temp_store = MEMORY",
        "PRAGMA synchronous = FULL",
        f"PRAGMA cache_size = -{CACHE_KIB}",
    ):
        cx.execute(pragma)
    # searches compare fold(column) with a folded pattern: app.ledger.text is the one definition
    cx.create_function("fold", 1, fold_or_none, deterministic=True)


def raw_connect(path: Path, key: FileKey | None) -> dbapi2.Connection:
    """A keyed, configured DB-API connection in autocommit mode; ``WrongKey`` for a wrong key.

    ``key=None`` opens plain SQLite: only the benchmark that measures the cost of encryption
    uses it; no command or window can create or open an unencrypted company file.
    """
    try:
        cx = dbapi2.connect(
            str(path), isolation_level=None, check_same_thread=False, timeout=_BUSY_TIMEOUT_S
        )
    except dbapi2.OperationalError as exc:
        raise StoreError(f"cannot open {path}: {exc}") from None
    try:
        cx.execute("PRAGMA cipher_log_level = NONE")
        if key is not None:
            cx.execute(f"PRAGMA key = {key.pragma_value}")
        cx.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except dbapi2.DatabaseError as exc:
        cx.close()
        if "file is not a database" not in str(exc):
            raise StoreError(f"cannot open {path}: {exc}") from None
        raise WrongKey(
            f"cannot open {path}: the key is wrong, or this is not a Daftar company file"
        ) from None
    _configure(cx)
    return cx


class Database:
    """The open company file: a small pool of keyed connections and explicit transactions."""

    def __init__(self, path: Path, key: FileKey | None) -> None:
        self.path = path
        self._key = FileKey(key.key) if key else None
        self.engine = self._engine()
        self.write_gate: WriteGate | None = None
        """Installed by whoever opens the books for a person (the window, the command line):
        the one place where the licence and the writer lease can refuse a change."""

    def _engine(self) -> Engine:
        return create_engine(
            "sqlite+pysqlite://",
            creator=lambda: raw_connect(self.path, self._key),
            module=dbapi2,
            poolclass=QueuePool,
            pool_size=2,
            max_overflow=4,
        )

    @property
    def key(self) -> FileKey:
        """The key that opened the file, for showing its recovery form; never log it."""
        if self._key is None:
            raise StoreError(f"{self.path} is not encrypted")
        return self._key

    def rekey(self, new: FileKey) -> None:
        """Re-encrypt every page under ``new``; the caller has saved ``new`` somewhere first."""
        self.engine.dispose()
        cx = raw_connect(self.path, self.key)
        try:
            cx.execute(f"PRAGMA rekey = {FileKey(new.key).pragma_value}")
        finally:
            cx.close()
        self._key = FileKey(new.key)
        self.engine = self._engine()

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """One consistent snapshot for the duration of the block."""
        with self.engine.connect() as conn:
            conn.exec_driver_sql("BEGIN")
            try:
                yield conn
            finally:
                conn.rollback()

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """One write transaction: all of the block's changes commit together or not at all.

        ``ReadOnly`` before anything starts if the write gate refuses; ``RuleViolation`` when a
        trigger refuses a change (other ``IntegrityError``s pass through unchanged).
        """
        if self.write_gate is not None and (reason := self.write_gate()):
            raise ReadOnly(reason)
        with self.engine.connect() as conn:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            try:
                yield conn
            except dbapi2.IntegrityError as exc:
                conn.rollback()
                if (violation := rule_violation(exc)) is None or violation is exc:
                    raise
                raise violation from exc
            except BaseException:
                conn.rollback()
                raise
            conn.commit()

    def close(self) -> None:
        self.engine.dispose()


def create_database(path: Path, key: FileKey | None) -> Database:
    """A new company file at ``path`` with the latest schema; refuses to overwrite anything."""
    if path.exists():
        raise StoreError(f"{path} already exists; choose another name or remove it first")
    if not path.parent.is_dir():
        raise StoreError(f"cannot create {path}: the folder {path.parent} does not exist")
    if key is not None and key.salt is None:
        raise ValueError("a new file needs a key with its salt")
    cx = raw_connect(path, key)
    try:
        cx.execute("PRAGMA journal_mode = WAL")  # persistent: stored in the file from now on
        cx.execute("BEGIN IMMEDIATE")
        cx.execute(f"PRAGMA application_id = {migrations.APPLICATION_ID}")
        migrations.upgrade(cx.cursor(), 0)
        cx.execute("COMMIT")
    except BaseException:
        cx.close()
        remove_database_files(path)
        raise
    cx.close()
    return Database(path, key)


def remove_database_files(path: Path) -> None:
    """Remove a database with its WAL and shared-memory files, for a creation that failed."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def check_file(path: Path) -> None:
    """Refuse, before SQLite touches it, a path that cannot be a company file."""
    if not path.is_file():
        raise StoreError(f"{path} does not exist")
    if path.stat().st_size < _SMALLEST_FILE:
        raise NotACompanyFile(f"{path} is too small to be a Daftar company file")


def open_database(path: Path, key: FileKey) -> Database:
    """Open an existing company file, upgrading an older schema in one transaction."""
    check_file(path)
    cx = raw_connect(path, key)
    try:
        app_id = cx.execute("PRAGMA application_id").fetchone()[0]
        version = cx.execute("PRAGMA user_version").fetchone()[0]
        if app_id != migrations.APPLICATION_ID:
            raise NotACompanyFile(
                f"{path} is an encrypted database but not a Daftar company file"
            )
        if version > migrations.SCHEMA_VERSION:
            raise FileTooNew(
                f"{path} was written by a newer Daftar (schema {version}, this program knows up "
                f"to {migrations.SCHEMA_VERSION}); update Daftar to open it"
            )
        if version < migrations.SCHEMA_VERSION:
            cx.execute("BEGIN IMMEDIATE")
            try:
                migrations.upgrade(cx.cursor(), version)
                cx.execute("COMMIT")
            except BaseException:
                cx.execute("ROLLBACK")
                raise
    finally:
        cx.close()
    return Database(path, key)
