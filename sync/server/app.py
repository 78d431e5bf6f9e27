"""The ASGI application: built by :func:`create_app` from explicit settings, never at import.

Tests build one app per configuration; uvicorn's workers call :func:`app_from_environment`, which
reads the same ``DAFTAR_*`` variables the command line sets.
"""

from __future__ import annotations

import importlib
import logging
import pkgutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI

from sync.server import background, db, errors, keys, observability
from sync.server import routes as routes_package
from sync.server.blobs import open_blob_store
from sync.server.deps import Services
from sync.server.ratelimit import open_rate_limiter
from sync.server.settings import Settings

log = logging.getLogger("daftar.server")


def routers() -> list[APIRouter]:
    """Every ``router`` of the modules in ``sync/server/routes``, in module-name order."""
    found = []
    for module in sorted(pkgutil.iter_modules(routes_package.__path__), key=lambda m: m.name):
        router = getattr(importlib.import_module(f"{routes_package.__name__}.{module.name}"),
                         "router", None)
        if router is not None:
            found.append(router)
    return found


class SchemaNotCurrent(RuntimeError):
    pass


def build_services(settings: Settings, *, migrate: bool = True) -> Services:
    """Connect to the database, blob store and rate limiter, after checking each is fit.

    An embedded database is migrated here. A PostgreSQL database is migrated only when
    ``migrate`` and ``migrate_database_url`` names the owning role (the ``serve`` command does it
    once, before its workers start); otherwise it must already be at the newest schema. The
    service refuses to run on PostgreSQL as a role that row-level security would not bind.
    """
    url = settings.resolved_database_url
    embedded = db.normalise_url(url).startswith("sqlite")
    if embedded:
        db.migrate(url)
    elif migrate and settings.migrate_database_url:
        owner = settings.migrate_database_url
        db.migrate(owner, app_role=_user_of(url) if _user_of(url) != _user_of(owner) else None)
    engine = db.make_engine(url)
    try:
        found, head = db.schema_revision(engine), db.head_revision()
        if found != head:
            raise SchemaNotCurrent(
                f"database schema is at {found or 'nothing'}, this service needs {head}: run "
                "`daftar-server migrate` with the owner's URL (or set "
                "DAFTAR_MIGRATE_DATABASE_URL)"
            )
        if not embedded:
            db.check_application_role(engine)
        licence_key = keys.load_or_create(settings.licence_key_path, "licence signing",
                                          create=embedded)
        tuf_online_key = keys.load_or_create(settings.tuf_online_key_path, "TUF online",
                                             create=embedded)
    except BaseException:
        engine.dispose()
        raise
    return Services(
        settings=settings,
        store=db.Store(engine),
        blobs=open_blob_store(settings.resolved_blob_url, endpoint_url=settings.s3_endpoint_url,
                              region=settings.s3_region),
        limiter=open_rate_limiter(settings.redis_url),
        licence_key=licence_key,
        tuf_online_key=tuf_online_key,
    )


def _user_of(url: str) -> str | None:
    import sqlalchemy as sa

    return sa.engine.make_url(db.normalise_url(url)).username


def create_app(settings: Settings, services: Services | None = None) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if getattr(app.state, "services", None) is None:
            app.state.services = build_services(settings)
        stop = background.start(app.state.services)
        try:
            yield
        finally:
            stop()
            app.state.services.store.dispose()

    app = FastAPI(
        title="Daftar companion service",
        version="1",
        summary="Licences, updates, encrypted backups and usage counters for Daftar desktops.",
        lifespan=lifespan,
    )
    app.state.services = services
    errors.install(app)
    observability.install(app, settings)
    for router in routers():
        app.include_router(router)
    return app


def app_from_environment() -> FastAPI:
    return create_app(Settings())
