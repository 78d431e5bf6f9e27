"""Software updates: the public TUF repository, the release admin API, and device update checks.

``/tuf/metadata/…`` and ``/tuf/targets/…`` are what ``tuf.ngclient.Updater`` reads, with
``metadata_base_url`` and ``target_base_url`` pointing at them; they need no token, as everything
served there is signed. Versioned documents and hash-named files never change, so caches may
keep them; ``timestamp.json`` and ``root.json`` must be fetched afresh.
"""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Annotated

import anyio
import anyio.from_thread
from fastapi import APIRouter, FastAPI, Query, Request, Response, status
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool
from starlette.types import Message, Receive, Scope, Send

from sync.server import observability, releases, tuf_repo
from sync.server.blobs import BlobReader
from sync.server.deps import ActiveDeviceDep, AdminDep, Services, ServicesDep, StoreDep
from sync.server.errors import ApiError
from sync.wire.errors import ErrorCode
from sync.wire.fields import Text
from sync.wire.updates import Channel, UpdateCheck

router = APIRouter()

_IMMUTABLE = "public, max-age=31536000, immutable"
_FRESH = "no-cache"
# Release files served at once per process. Each holds a worker thread only while a chunk is
# read, but a connection and a blob stream throughout; a release day's rush gets 503s to retry
# rather than an unbounded queue.
MAX_TARGET_DOWNLOADS = 16
RETRY_AFTER_SECONDS = 5
STALL_SECONDS = 60  # a download whose client reads nothing for this long is dropped

log = logging.getLogger("daftar.server")


def _signing(services: Services) -> tuf_repo.OnlineSigning:
    return tuf_repo.OnlineSigning.from_settings(services.tuf_online_key, services.settings)


@router.get("/tuf/metadata/{name}", tags=["updates"])
def tuf_metadata(name: str, services: ServicesDep) -> Response:
    """A TUF metadata document: ``timestamp.json``, ``N.root.json``, ``N.snapshot.json``,
    ``N.targets.json``, or ``root.json`` (the newest root)."""
    body = tuf_repo.metadata_document(services.store, name=name, signing=_signing(services))
    cache = _FRESH if name in ("timestamp.json", "root.json") else _IMMUTABLE
    return Response(body, media_type="application/json", headers={"Cache-Control": cache})


@router.get("/tuf/targets/{path:path}", tags=["updates"])
async def tuf_target(path: str, request: Request, services: ServicesDep) -> Response:
    """A release file by its consistent-snapshot name, ``CHANNEL/SHA256.FILENAME``, streamed.

    ``Range: bytes=N-`` resumes a download cut short at byte N (206 with ``Content-Range``);
    any other range is ignored and the whole file is sent, as HTTP allows. At most
    :data:`MAX_TARGET_DOWNLOADS` are served at once by each process; past that the client is
    told to come back (503 with ``Retry-After``) rather than queued without end.
    """
    offset = _resume_offset(request.headers.get("range"))
    slots, slot = _download_slots(request.app), object()
    try:
        slots.acquire_on_behalf_of_nowait(slot)
    except anyio.WouldBlock:
        raise ApiError(503, ErrorCode.UNAVAILABLE, "too many downloads at once, retry shortly",
                       headers={"Retry-After": str(RETRY_AFTER_SECONDS)}) from None
    try:
        reader = await run_in_threadpool(releases.open_release_file, services.store,
                                         services.blobs, name=path, offset=offset)
    except BaseException:
        slots.release_on_behalf_of(slot)
        raise
    return _TargetResponse(reader, offset=offset,
                           release=lambda: slots.release_on_behalf_of(slot))


_RESUME = re.compile(r"^bytes=(\d{1,15})-$")


def _resume_offset(header: str | None) -> int:
    """The byte a ``Range: bytes=N-`` header resumes from; 0 for no header or another form."""
    found = _RESUME.match(header.strip()) if header else None
    return int(found[1]) if found else 0


def _download_slots(app: FastAPI) -> anyio.CapacityLimiter:
    """The app's download limiter, made on first use inside its event loop."""
    slots = getattr(app.state, "target_downloads", None)
    if slots is None:
        slots = app.state.target_downloads = anyio.CapacityLimiter(MAX_TARGET_DOWNLOADS)
    return slots


class _Stalled(Exception):
    pass


class _TargetResponse(StreamingResponse):
    """A blob streamed with its length, a chunk at a time from a worker thread.

    The blob is closed and the download slot released however the response ends: sent, failed,
    cut short by the client, or dropped because the client stopped reading for
    :data:`STALL_SECONDS` (else a few idle connections would hold every slot for good).
    """

    def __init__(self, reader: BlobReader, *, offset: int, release: Callable[[], None]) -> None:
        headers = {"Cache-Control": _IMMUTABLE, "Content-Length": str(reader.size),
                   "Accept-Ranges": "bytes"}
        if offset:
            total = offset + reader.size
            headers["Content-Range"] = f"bytes {offset}-{total - 1}/{total}"
        super().__init__(reader.iter_chunks(), media_type="application/octet-stream",
                         headers=headers, status_code=206 if offset else 200)
        self._reader = reader
        self._release = release

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_or_give_up(message: Message) -> None:
            with anyio.move_on_after(STALL_SECONDS) as waiting:
                await send(message)
            if waiting.cancelled_caught:
                raise _Stalled

        try:
            await super().__call__(scope, receive, send_or_give_up)
        except _Stalled:
            log.warning("dropped a download of %s: the client read nothing for %s s",
                        scope["path"], STALL_SECONDS)
        finally:
            self._reader.close()
            self._release()


class RootUpload(BaseModel):
    root: Text = Field(description="The new root metadata, signed offline, as it will be served.")
    targets: Text | None = Field(
        None, description="Targets signed for this root, stored with it: the first ones, or "
        "re-signed ones when the root changes the targets keys.")


class TargetsUpload(BaseModel):
    targets: Text = Field(description="The same targets, re-signed with the next version.")


class Stored(BaseModel):
    version: int


@router.get("/v1/admin/tuf/online-key", tags=["admin"])
def online_key(admin: AdminDep, services: ServicesDep) -> tuf_repo.OnlineKey:
    """The public key of the snapshot and timestamp roles, for the release manager's root."""
    admin.require_operator()
    return tuf_repo.online_key(services.store, signing=_signing(services))


@router.post("/v1/admin/tuf/root", status_code=status.HTTP_201_CREATED, tags=["admin"])
def upload_root(body: RootUpload, admin: AdminDep, services: ServicesDep) -> Stored:
    """A new root version, signed by the previous root's keys and its own (operator only)."""
    admin.require_operator()
    version = tuf_repo.store_root(
        services.store, root=body.root.encode(),
        targets=None if body.targets is None else body.targets.encode(),
        signing=_signing(services))
    return Stored(version=version)


@router.post("/v1/admin/tuf/targets", status_code=status.HTTP_201_CREATED, tags=["admin"])
def upload_targets(body: TargetsUpload, admin: AdminDep, services: ServicesDep) -> Stored:
    """The same targets re-signed, e.g. before they expire (operator only)."""
    admin.require_operator()
    version = tuf_repo.resign_targets(services.store, targets=body.targets.encode(),
                                      signing=_signing(services))
    return Stored(version=version)


@router.put("/v1/admin/releases/files/{sha256}", tags=["admin"])
async def upload_file(sha256: str, request: Request, admin: AdminDep,
                      services: ServicesDep) -> releases.StoredFile:
    """A release file as the raw request body, named by its SHA-256 (operator only).

    The body is streamed to the blob store from a worker thread, chunk by chunk as it arrives.
    """
    admin.require_operator()
    limit = services.settings.max_release_bytes
    observability.allow_larger_body(request, limit)
    chunks = _from_loop(request.stream())
    return await run_in_threadpool(releases.store_file, services.blobs, sha256=sha256,
                                   chunks=chunks, limit=limit)


def _from_loop(stream: AsyncIterator[bytes]) -> Iterator[bytes]:
    """An async stream as a plain iterator for a worker thread: each chunk is awaited on the
    event loop, and what the stream raises (a body too large, a client gone) is raised here."""
    while (chunk := anyio.from_thread.run(_next, stream)) is not None:
        yield chunk


async def _next(stream: AsyncIterator[bytes]) -> bytes | None:
    return await anext(stream, None)


@router.post("/v1/admin/releases", status_code=status.HTTP_201_CREATED, tags=["admin"])
def publish_release(body: releases.ReleaseCreate, admin: AdminDep,
                    services: ServicesDep) -> releases.ReleasePublic:
    """Publish a release whose file was uploaded, with targets signed offline (operator only)."""
    admin.require_operator()
    return releases.publish_release(services.store, services.blobs, release=body,
                                    signing=_signing(services))


@router.get("/v1/admin/releases", tags=["admin"])
def list_releases(admin: AdminDep, store: StoreDep) -> list[releases.ReleasePublic]:
    admin.require_operator()
    return releases.list_releases(store)


@router.patch("/v1/admin/releases/{channel}/{version}", tags=["admin"])
def set_rollout(channel: Channel, version: str, body: releases.RolloutUpdate, admin: AdminDep,
                store: StoreDep) -> releases.ReleasePublic:
    """Change the share of devices offered a release; no signature needed (operator only)."""
    admin.require_operator()
    return releases.set_rollout(store, channel=channel, version=version,
                                percent=body.rollout_percent)


@router.get("/v1/devices/me/updates", tags=["device"])
def check_for_update(
    device: ActiveDeviceDep, store: StoreDep, channel: Channel = "stable",
    current: Annotated[str | None, Query(max_length=40)] = None,
) -> UpdateCheck:
    """The newest release for this device's channel and rollout bucket, newer than
    ``current``; ``{"update": null}`` when there is none."""
    return releases.offer_update(store, device_id=device.device_id, channel=channel,
                                 current=current)
