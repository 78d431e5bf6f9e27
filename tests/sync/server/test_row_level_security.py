"""PostgreSQL enforces tenant isolation a second time, below the application.

The service connects as a role that owns no table; every tenant table has FORCE ROW LEVEL
SECURITY. These tests talk SQL straight to the database as that role, the way a bug in a data
function (a forgotten ``WHERE tenant_id``) would.
"""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest
from conftest import APP_ROLE, OWNER_ROLE, Api, live_server

from sync.server.app import build_services
from sync.server.db import UnsafeDatabaseRole
from sync.server.keys import MissingKey
from sync.server.schema import TENANT_TABLES
from sync.server.settings import Settings


@pytest.fixture
def pg_api(postgres_database: tuple[str, str], tmp_path) -> Iterator[Api]:
    from conftest import OPERATOR_TOKEN

    settings = Settings(data_dir=tmp_path, database_url=postgres_database[0],
                        admin_token=OPERATOR_TOKEN, gc_interval_minutes=0, log_json=False)
    with live_server(settings) as url:
        yield Api(url, settings)


def _connect(url: str) -> psycopg.Connection:
    return psycopg.connect(url, autocommit=False)


def test_the_application_role_owns_nothing_and_bypasses_nothing(
    postgres_database: tuple[str, str],
) -> None:
    with _connect(postgres_database[0]) as connection:
        role = connection.execute(
            "SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user"
        ).fetchone()
        owned = connection.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
            "AND tableowner = current_user"
        ).fetchall()
        forced = dict(connection.execute(
            "SELECT relname, relforcerowsecurity AND relrowsecurity FROM pg_class "
            "WHERE relname = ANY(%s)", (list(TENANT_TABLES),)
        ).fetchall())
    assert role == (False, False)
    assert owned == []
    assert forced == dict.fromkeys(TENANT_TABLES, True)


def test_a_raw_query_without_the_tenant_set_returns_nothing(
    pg_api: Api, postgres_database: tuple[str, str]
) -> None:
    tenant_a, _ = pg_api.new_tenant("A")
    tenant_b, _ = pg_api.new_tenant("B")
    with _connect(postgres_database[0]) as connection:
        for table in TENANT_TABLES:
            count = connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            assert count == 0, f"{table}: {count} rows visible without a tenant"
        connection.execute("SELECT set_config('daftar.tenant_id', %s, true)", (tenant_a,))
        seen = {row[0] for row in connection.execute("SELECT tenant_id::text FROM tenant")}
        assert seen == {tenant_a}
        credentials = {row[0] for row in connection.execute(
            "SELECT DISTINCT tenant_id::text FROM credential")}
        assert credentials == {tenant_a}
    assert tenant_b not in seen


def test_writing_another_tenants_row_is_refused_by_the_database(
    pg_api: Api, postgres_database: tuple[str, str]
) -> None:
    tenant_a, _ = pg_api.new_tenant("A")
    tenant_b, _ = pg_api.new_tenant("B")
    with _connect(postgres_database[0]) as connection:
        connection.execute("SELECT set_config('daftar.tenant_id', %s, true)", (tenant_a,))
        renamed = connection.execute(
            "UPDATE tenant SET name = 'stolen' WHERE tenant_id = %s", (tenant_b,)).rowcount
        assert renamed == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            connection.execute(
                "INSERT INTO credential (token_hash, tenant_id, kind, created_at) "
                "VALUES (%s, %s, 'admin', now())", ("f" * 64, tenant_b))


def test_the_owner_is_bound_too(pg_api: Api, postgres_database: tuple[str, str]) -> None:
    pg_api.new_tenant("A")
    with _connect(postgres_database[1]) as connection:
        assert connection.execute("SELECT current_user").fetchone()[0] == OWNER_ROLE
        assert connection.execute("SELECT count(*) FROM tenant").fetchone()[0] == 0
    assert APP_ROLE != OWNER_ROLE


def test_the_service_refuses_a_role_that_row_level_security_would_not_bind(
    postgres_database: tuple[str, str], tmp_path
) -> None:
    owner = Settings(data_dir=tmp_path, database_url=postgres_database[1])
    with pytest.raises(UnsafeDatabaseRole, match=f"'{OWNER_ROLE}' owns the tables"):
        build_services(owner)


def test_instances_on_a_shared_database_never_invent_their_own_keys(
    postgres_database: tuple[str, str], tmp_path
) -> None:
    settings = Settings(data_dir=tmp_path, database_url=postgres_database[0],
                        licence_signing_key=tmp_path / "nowhere.pem")
    with pytest.raises(MissingKey, match="every instance must use the same key"):
        build_services(settings)
    assert not (tmp_path / "nowhere.pem").exists()
