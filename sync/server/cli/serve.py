"""``daftar-server serve`` (the default) and ``daftar-server migrate``.

``serve`` hands uvicorn the options of :func:`sync.server.edge.uvicorn_options` (proxies, slow
clients, connection limits) and, when ``metrics_port`` is set, starts the metrics listener in
its own process: beside the one worker, or beside the supervisor that sums several workers'.
"""

from __future__ import annotations

import argparse
import os

from sync.server.cli.common import CommandError, export_settings, load_settings, open_store


def register(subparsers: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    serve_parser = subparsers.add_parser(
        "serve", parents=[parent], help="serve HTTP (the default)",
        description="Serve the companion service over HTTP.",
    )
    serve_parser.set_defaults(handler=serve)
    migrate_parser = subparsers.add_parser(
        "migrate", parents=[parent], help="bring the database to the newest schema",
        description="Run the schema migrations. On PostgreSQL give the owner's URL with "
        "--migrate-database-url; --database-url's role is then granted row access only.",
    )
    migrate_parser.set_defaults(handler=migrate)


def serve(args: argparse.Namespace) -> int:
    import uvicorn

    from sync.server import edge, logs, metrics

    settings = load_settings(args)
    logs.configure_logging(settings)
    # Migrate and check everything once, here, before the workers start: they then neither race
    # to migrate nor see the owner's credentials.
    open_store(settings).store.dispose()
    metrics.prepare_metrics(settings)
    export_settings(settings.model_copy(update={"migrate_database_url": None}))
    os.environ.pop("DAFTAR_MIGRATE_DATABASE_URL", None)
    try:
        listener = metrics.serve_metrics(settings)
    except OSError as error:
        raise CommandError(f"--metrics-port {settings.metrics_port}: {error.strerror}") from None
    try:
        uvicorn.run(
            "sync.server.app:app_from_environment", factory=True,
            host=settings.host, port=settings.port, workers=settings.workers,
            log_config=logs.logging_config(settings), access_log=False,
            **edge.uvicorn_options(settings),
        )
    finally:
        if listener is not None:
            listener.shutdown()
    return 0


def migrate(args: argparse.Namespace) -> int:
    from sync.server import db
    from sync.server.app import _user_of

    settings = load_settings(args)
    owner = settings.migrate_database_url or settings.resolved_database_url
    app_url = settings.resolved_database_url
    app_role = _user_of(app_url) if _user_of(app_url) != _user_of(owner) else None
    db.migrate(owner, app_role=app_role)
    print(f"database at schema {db.head_revision()}")
    return 0
