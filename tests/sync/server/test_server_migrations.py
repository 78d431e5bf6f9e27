"""The hand-written migrations build exactly the tables ``schema.py`` describes, on both engines."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from sync.server import db
from sync.server.schema import metadata


def _diff(url: str) -> list[object]:
    engine = db.make_engine(url, pool_size=1)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            return [d for d in compare_metadata(context, metadata)
                    if not (isinstance(d, tuple) and d[0] == "remove_table"
                            and d[1].name == "alembic_version")]
    finally:
        engine.dispose()


def test_sqlite_migration_matches_the_schema(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'm.sqlite3'}"
    db.migrate(url)
    assert _diff(url) == []
    db.migrate(url)  # a second run finds nothing to do
    assert db.schema_revision(db.make_engine(url)) == db.head_revision()


def test_postgres_migration_matches_the_schema(postgres_database: tuple[str, str]) -> None:
    assert _diff(postgres_database[1]) == []


@pytest.mark.parametrize("url", ["sqlite:///:memory:"])
def test_head_revision_is_known(url: str) -> None:
    assert db.head_revision() == "0004"
