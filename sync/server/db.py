"""The service's database: engines, tenant-scoped transactions and migrations.

Every unit of work runs in one transaction opened by :class:`Store`, which says whose data it may
touch. The data functions filter on ``tenant_id`` themselves; on PostgreSQL the transaction also
sets ``daftar.tenant_id`` so that row-level security enforces the same scope a second time, and a
query that forgot its filter sees nothing of other tenants. Before the tenant is known (a bearer
token or licence key being resolved), :meth:`Store.lookup` lets exactly the rows carrying that
token's hash be seen; :meth:`Store.operator` is the operator's all-tenants scope (listing tenants,
garbage collection).

SQLite serialises writers. A writing transaction starts with ``BEGIN IMMEDIATE`` so that two
workers never deadlock upgrading a read lock; before that it queues on :class:`WriterLock` (a
thread lock plus an ``flock`` shared by the worker processes), because SQLite's own busy handler
waits by sleeping in growing steps, which under load turns a 1 ms write into a 50 ms one. A
transaction opened with ``readonly=True`` starts with a plain ``BEGIN`` and waits for nobody (WAL).
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from uuid import UUID

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

log = logging.getLogger("daftar.server.db")

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def normalise_url(url: str) -> str:
    """Use psycopg 3 for a plain ``postgresql://`` URL (SQLAlchemy would pick psycopg2)."""
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def make_engine(url: str, *, pool_size: int = 10) -> Engine:
    url = normalise_url(url)
    if url.startswith("sqlite"):
        path = sa.engine.make_url(url).database
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(
            url, connect_args={"check_same_thread": False, "timeout": 30},
            pool_size=pool_size, max_overflow=pool_size, hide_parameters=True,
        )
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    # No pre-ping: it costs a round trip per request. After a database restart, a request on a
    # stale pooled connection fails once (clients retry) and the pool is invalidated and refilled.
    return sa.create_engine(
        url, pool_size=pool_size, max_overflow=pool_size, pool_recycle=3600,
        hide_parameters=True,  # errors are logged; token hashes and names must not be
    )


def _sqlite_connect(dbapi_connection: object, _record: object) -> None:
    dbapi_connection.isolation_level = None  # type: ignore[attr-defined]  # we send BEGIN
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "foreign_keys=ON",
                   "busy_timeout=30000"):
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    readonly = connection.get_execution_options().get("daftar_readonly", False)
    connection.exec_driver_sql("BEGIN" if readonly else "BEGIN IMMEDIATE")


class WriterLock:
    """Queues the SQLite writers of every thread and worker process on one database file.

    Waiters are woken as soon as the lock is released (a kernel ``flock``), instead of polling.
    Where ``fcntl`` is missing (Windows), only the threads of one process queue.
    """

    def __init__(self, database: Path) -> None:
        self._threads = threading.Lock()
        self._held = threading.local()
        self._fd: int | None = None
        try:
            import fcntl
        except ImportError:
            return
        self._flock = fcntl.flock
        self._exclusive, self._unlock = fcntl.LOCK_EX, fcntl.LOCK_UN
        self._fd = os.open(f"{database}.writer-lock", os.O_RDWR | os.O_CREAT, 0o600)

    def __enter__(self) -> None:
        if getattr(self._held, "yes", False):
            # SQLite would wait on itself until busy_timeout; say what is wrong at once instead.
            raise RuntimeError("a write transaction was opened inside another on the same thread")
        self._threads.acquire()
        self._held.yes = True
        if self._fd is not None:
            try:
                self._flock(self._fd, self._exclusive)
            except BaseException:
                self._held.yes = False
                self._threads.release()
                raise

    def __exit__(self, *exc: object) -> None:
        if self._fd is not None:
            self._flock(self._fd, self._unlock)
        self._held.yes = False
        self._threads.release()


def _set(connection: Connection, name: str, value: str) -> None:
    connection.execute(sa.select(sa.func.set_config(name, value, True)))


class Store:
    """Opens the transactions of the service; one per process, shared by all requests."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.is_postgres = engine.dialect.name == "postgresql"
        self._writers: WriterLock | None = None
        if engine.dialect.name == "sqlite" and engine.url.database not in (None, "", ":memory:"):
            self._writers = WriterLock(Path(engine.url.database))

    @contextmanager
    def _begin(self, readonly: bool) -> Iterator[Connection]:
        queue: AbstractContextManager[object] = (
            self._writers if self._writers is not None and not readonly else nullcontext())
        with queue, self.engine.connect() as connection:
            if readonly:
                connection = connection.execution_options(daftar_readonly=True)
            with connection.begin():
                yield connection

    @contextmanager
    def tenant(self, tenant_id: UUID, *, readonly: bool = False) -> Iterator[Connection]:
        """A transaction that may touch ``tenant_id``'s rows only."""
        with self._begin(readonly) as connection:
            self.scope_to(connection, tenant_id)
            yield connection

    @contextmanager
    def lookup(self, token_hash: str, *, readonly: bool = False) -> Iterator[Connection]:
        """A transaction that sees only the credential or licence rows carrying ``token_hash``.

        Once the caller has found whose token it is, :meth:`scope_to` widens the same transaction
        to that tenant.
        """
        with self._begin(readonly) as connection:
            if self.is_postgres:
                _set(connection, "daftar.token_hash", token_hash)
            yield connection

    def scope_to(self, connection: Connection, tenant_id: UUID) -> None:
        if self.is_postgres:
            _set(connection, "daftar.tenant_id", str(tenant_id))

    @contextmanager
    def operator(self, *, readonly: bool = False) -> Iterator[Connection]:
        """A transaction across all tenants: the operator's listings and garbage collection."""
        with self._begin(readonly) as connection:
            if self.is_postgres:
                _set(connection, "daftar.scope", "all")
            yield connection

    @contextmanager
    def shared(self, *, readonly: bool = False) -> Iterator[Connection]:
        """A transaction over the vendor's shared tables (releases, TUF metadata)."""
        with self._begin(readonly) as connection:
            yield connection

    def ping(self) -> None:
        with self.engine.connect() as connection:
            connection.execute(sa.text("SELECT 1"))

    def dispose(self) -> None:
        self.engine.dispose()


def migrate(url: str, *, app_role: str | None = None) -> None:
    """Bring the database at ``url`` to the newest schema (Alembic ``upgrade head``).

    ``url`` must be the role that owns the tables. On PostgreSQL, ``app_role`` is the role the
    service connects as: it is granted row access but owns nothing, so row-level security binds it.
    """
    from alembic import command
    from alembic.config import Config

    engine = make_engine(url, pool_size=1)
    try:
        with engine.begin() as connection:
            config = Config()
            config.set_main_option("script_location", str(MIGRATIONS))
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
            if app_role and connection.dialect.name == "postgresql":
                _grant(connection, app_role)
    finally:
        engine.dispose()


def _grant(connection: Connection, role: str) -> None:
    from sync.server.schema import metadata

    quoted = connection.dialect.identifier_preparer.quote(role)
    tables = ", ".join(metadata.tables)
    connection.exec_driver_sql(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {tables} TO {quoted}")
    connection.exec_driver_sql(f"GRANT SELECT ON alembic_version TO {quoted}")
    connection.exec_driver_sql(f"GRANT EXECUTE ON FUNCTION daftar_tenant() TO {quoted}")


class UnsafeDatabaseRole(RuntimeError):
    """The service would connect as a role that row-level security does not bind."""


def check_application_role(engine: Engine) -> None:
    """Refuse a superuser, a role with BYPASSRLS, or the tables' owner.

    Tenant isolation on PostgreSQL rests on the service's role being bound by row-level security
    and unable to change the policies; a privileged role would silently make it one line thinner.
    """
    from sync.server.schema import TENANT_TABLES

    with engine.connect() as connection:
        role, superuser, bypass = connection.execute(sa.text(
            "SELECT rolname, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user"
        )).one()
        owned = connection.execute(sa.text(
            "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() "
            "AND tableowner = current_user AND tablename = ANY(:tables)"
        ), {"tables": list(TENANT_TABLES)}).scalar_one()
    if superuser or bypass or owned:
        why = "is a superuser" if superuser else (
            "has BYPASSRLS" if bypass else "owns the tables")
        raise UnsafeDatabaseRole(
            f"database role {role!r} {why}, so row-level security would not isolate tenants: "
            "connect as a role granted row access only (see `daftar-server migrate --help`)"
        )


def schema_revision(engine: Engine) -> str | None:
    """The Alembic revision the database is at, or None before the first migration."""
    with engine.connect() as connection:
        if not sa.inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()


def head_revision() -> str:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    head = ScriptDirectory.from_config(config).get_current_head()
    if head is None:
        raise RuntimeError("no migrations found")
    return head
