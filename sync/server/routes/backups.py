"""Backups: a device's chunk and snapshot API, and the operator's garbage-collection trigger.

Any device of a tenant reads that tenant's backups, so a restore on a new PC needs only its
device credentials (and the user's recovery key, which the server never sees); a device whose
licence is revoked, expired or lapsed still restores, but only one in good standing writes.
A device deletes only the snapshots it uploaded; the tenant's administrators delete any. A
device adds snapshots only to a company it keeps (see :mod:`sync.server.snapshots`).
Another tenant's chunk or snapshot is simply "not found".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Path, Query, Request, Response, status
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect

from sync.server import backups, observability, retention, snapshots
from sync.server.deps import (
    ActiveChunkDeviceDep,
    ActiveDeviceDep,
    AdminDep,
    ChunkDeviceDep,
    DeviceDep,
    ServicesDep,
    StoreDep,
)
from sync.server.errors import ApiError, not_found
from sync.server.settings import Settings
from sync.wire.backups import (
    BACKUP_SET_PATTERN,
    CHUNK_ID_PATTERN,
    MAX_MANIFEST_BYTES,
    MAX_PAGE,
    MAX_SNAPSHOT_CHUNKS,
    ChunkStored,
    MissingChunks,
    MissingChunksQuery,
    Snapshot,
    SnapshotInfo,
    SnapshotPage,
    SnapshotUpload,
)
from sync.wire.errors import ErrorCode

ChunkIdPath = Annotated[str, Path(pattern=CHUNK_ID_PATTERN, description="64 lowercase hex")]
OCTETS = "application/octet-stream"

device_routes = APIRouter(prefix="/v1/backups", tags=["backups"])
admin_routes = APIRouter(prefix="/v1/admin", tags=["admin"])


@device_routes.head("/chunks/{chunk_id}", responses={404: {"description": "not stored"}})
def head_chunk(chunk_id: ChunkIdPath, device: ChunkDeviceDep, store: StoreDep) -> Response:
    """200 (with the chunk's size as Content-Length) if stored; the server then keeps it for
    the collector's grace period, long enough to name it in a snapshot."""
    size = backups.touch_chunk(store, tenant_id=device.tenant_id, chunk_id=chunk_id)
    if size is None:
        raise not_found("chunk")
    return Response(headers={"Content-Length": str(size)}, media_type=OCTETS)


def _declared_length(request: Request) -> int | None:
    declared = request.headers.get("content-length", "")
    return int(declared) if declared.isdigit() else None


async def _read_body(request: Request, limit: int, *, what: str = "a chunk",
                     hold: Callable[[int], None] | None = None) -> bytearray:
    """The request body, refused with 413 as soon as it exceeds ``limit`` bytes.

    ``hold`` is told the bytes the body will take (its ``Content-Length`` before any is read,
    then the running total) and may refuse by raising, so that memory is claimed before use.
    """
    declared = _declared_length(request)
    if declared is not None and declared > limit:
        raise _too_large(limit, what)
    if hold is not None and declared is not None:
        hold(declared)
    body = bytearray()
    try:
        async for part in request.stream():
            body += part
            if len(body) > limit:
                raise _too_large(limit, what)
            if hold is not None:
                hold(len(body))
    except ClientDisconnect:
        raise ApiError(400, ErrorCode.BAD_REQUEST, "connection closed mid-upload") from None
    return body


def _too_large(limit: int, what: str) -> ApiError:
    return ApiError(413, ErrorCode.TOO_LARGE, f"{what} may have at most {limit} bytes")


@device_routes.put(
    "/chunks/{chunk_id}", status_code=status.HTTP_201_CREATED,
    responses={200: {"model": ChunkStored, "description": "already stored (touched)"},
               409: {"description": "``chunk_invalid``: stored with other bytes"},
               403: {"description": "``quota_exceeded``: the tenant's quota is used up"},
               413: {"description": "``request_too_large``: over ``max_chunk_bytes``"}},
    openapi_extra={"requestBody": {"required": True, "content": {
        OCTETS: {"schema": {"type": "string", "format": "binary"}}}}},
)
async def put_chunk(chunk_id: ChunkIdPath, request: Request, response: Response,
                    device: ActiveChunkDeviceDep, services: ServicesDep) -> ChunkStored:
    """Store an encrypted chunk (raw body). 201 when stored now, 200 when it already was."""
    data = bytes(await _read_body(request, services.settings.max_chunk_bytes))
    stored = await run_in_threadpool(
        lambda: backups.put_chunk(services.store, services.blobs, tenant_id=device.tenant_id,
                                  chunk_id=chunk_id, data=data))
    if not stored.created:
        response.status_code = status.HTTP_200_OK
    return stored


@device_routes.get("/chunks/{chunk_id}", response_class=Response,
                   responses={200: {"content": {OCTETS: {}}}, 404: {"description": "not stored"}})
def get_chunk(chunk_id: ChunkIdPath, device: ChunkDeviceDep, services: ServicesDep) -> Response:
    data = backups.get_chunk(services.store, services.blobs, tenant_id=device.tenant_id,
                             chunk_id=chunk_id)
    return Response(content=data, media_type=OCTETS)


@device_routes.post("/chunks/missing")
def missing_chunks(body: MissingChunksQuery, device: ChunkDeviceDep,
                   store: StoreDep) -> MissingChunks:
    """Which of these chunks the server lacks; it keeps the others for the grace period.

    One call instead of a HEAD per chunk: what makes resuming an interrupted backup cheap.
    """
    return MissingChunks(missing=backups.find_missing(
        store, tenant_id=device.tenant_id, chunk_ids=body.chunk_ids))


_NOT_MANIFEST = MAX_SNAPSHOT_CHUNKS * 70 + 64 * 1024
"""Most bytes of a snapshot upload that are not its manifest: ~70 bytes of JSON per chunk id,
and the rest of the fields."""
SNAPSHOT_BODY_LIMIT = MAX_MANIFEST_BYTES * 4 // 3 + _NOT_MANIFEST
"""Largest snapshot upload: the base64 manifest and the rest. A full snapshot is over the
default ``max_request_bytes``, so this route raises its own limit."""
_SNAPSHOT_SCHEMA = SnapshotUpload.model_json_schema(mode="validation")
RETRY_AFTER_SECONDS = 5
"""What a refused snapshot upload is told to wait: about the time another one takes."""


class UploadGate:
    """The snapshot uploads this process is receiving: how many per device, and their bytes.

    A snapshot body may be tens of MiB, and is held whole until it is parsed; without a bound,
    a few devices (or one, many times over) sending large bodies at once exhaust the process's
    memory. So a device has at most ``per_device`` uploads in progress, and the bodies in
    progress hold at most ``budget`` bytes, claimed before they are read. The one exception is an
    upload arriving when no other holds any bytes: it goes in whatever its size, or a body larger
    than the budget could never be stored. Both refusals are 429 with Retry-After, which the
    desktop waits out and retries.

    Counted in this process's memory on its event loop (no lock needed): with several workers or
    instances each enforces its own bounds, which is what each one's memory needs.
    """

    def __init__(self, per_device: int, budget: int) -> None:
        self.per_device, self.budget = per_device, budget
        self.uploads: Counter[UUID] = Counter()
        self.held = 0

    @contextmanager
    def admit(self, device_id: UUID) -> Iterator[Callable[[int], None]]:
        """Let one upload of ``device_id`` in; yield its ``hold`` (see :func:`_read_body`)."""
        if self.uploads[device_id] >= self.per_device:
            raise _busy(f"this device already has {self.per_device} snapshot upload(s) in "
                        "progress; send the next one when they are done")
        self.uploads[device_id] += 1
        mine = 0

        def hold(total: int) -> None:
            nonlocal mine
            more = total - mine
            if more > 0:
                if self.held + more > self.budget and self.held > mine:
                    raise _busy("the service is receiving other backups; try again shortly")
                self.held += more
                mine = total

        try:
            yield hold
        finally:
            self.held -= mine
            self.uploads[device_id] -= 1
            if not self.uploads[device_id]:
                del self.uploads[device_id]


def _busy(message: str) -> ApiError:
    return ApiError(429, ErrorCode.RATE_LIMITED, message,
                    headers={"Retry-After": str(RETRY_AFTER_SECONDS)})


def _upload_gate(request: Request, settings: Settings) -> UploadGate:
    """The app's gate, made at its first snapshot upload: one per app (and so per process)."""
    gate = getattr(request.app.state, "snapshot_upload_gate", None)
    if gate is None:
        gate = UploadGate(settings.snapshot_uploads_per_device,
                          settings.snapshot_upload_budget_bytes)
        request.app.state.snapshot_upload_gate = gate
    return gate


def _least_manifest(declared: int | None) -> int:
    """The fewest manifest bytes a body of ``declared`` bytes carries, as clients encode it
    (compact JSON); at least one, as every manifest has."""
    return max(1, ((declared or 0) - _NOT_MANIFEST) * 3 // 4)


@device_routes.put(
    "/snapshots/{snapshot_id}", status_code=status.HTTP_201_CREATED,
    responses={200: {"model": SnapshotInfo, "description": "already stored"},
               403: {"description": "``quota_exceeded``: no room for the manifest; "
                     "``set_not_owned``: another PC keeps the company, or none does"},
               409: {"description": "``chunk_missing`` (the ids are in ``details.missing``) "
                     "or ``snapshot_conflict``: stored with other contents"},
               413: {"description": "``request_too_large``: the manifest or body is too big"},
               429: {"description": "``rate_limited``: too many uploads in progress (of this "
                     "device, or bytes in all); wait ``Retry-After`` seconds"}},
    openapi_extra={"requestBody": {"required": True, "content": {
        "application/json": {"schema": _SNAPSHOT_SCHEMA}}}},
)
async def put_snapshot(snapshot_id: UUID, request: Request, response: Response,
                       device: ActiveDeviceDep, services: ServicesDep) -> SnapshotInfo:
    """Store a snapshot whose chunks are all stored (else 409 ``chunk_missing`` lists them).

    The id is chosen by the client, so sending the same snapshot again is harmless (200).
    The body is read here rather than by FastAPI: a snapshot of the largest size is bigger than
    ``max_request_bytes``, and its limit must be raised only once the device is authenticated.
    Before a byte of it is read, the upload must pass the :class:`UploadGate` and the tenant
    must have room for it (as far as its ``Content-Length`` tells), so that refusals cost no
    memory; the bytes are then claimed from the gate as they arrive.
    """
    limit = max(services.settings.max_request_bytes, SNAPSHOT_BODY_LIMIT)
    declared = _declared_length(request)
    if declared is not None and declared > limit:
        raise _too_large(limit, "a snapshot upload")
    with _upload_gate(request, services.settings).admit(device.device_id) as hold:
        await run_in_threadpool(lambda: backups.check_room(
            services.store, tenant_id=device.tenant_id, size=_least_manifest(declared)))
        observability.allow_larger_body(request, limit)
        raw = await _read_body(request, limit, what="a snapshot upload", hold=hold)

        def store() -> tuple[SnapshotInfo, bool]:
            return snapshots.put_snapshot(
                services.store, services.blobs, tenant_id=device.tenant_id,
                device_id=device.device_id, snapshot_id=snapshot_id,
                upload=_parse_snapshot(raw))

        info, created = await run_in_threadpool(store)
    if not created:
        response.status_code = status.HTTP_200_OK
    return info


def _parse_snapshot(raw: bytearray) -> SnapshotUpload:
    """The upload, or the 422 FastAPI would have answered for a body parameter."""
    try:
        return SnapshotUpload.model_validate_json(raw)
    except ValidationError as error:
        raise RequestValidationError([
            {**problem, "loc": ("body", *problem["loc"])}
            for problem in error.errors(include_url=False, include_context=False)
        ]) from None


@device_routes.get("/snapshots")
def list_snapshots(
    device: DeviceDep, store: StoreDep,
    backup_set: Annotated[str | None, Query(min_length=1, max_length=64,
                                            pattern=BACKUP_SET_PATTERN)] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100, cursor: str | None = None,
) -> SnapshotPage:
    """The tenant's snapshots, newest first, of one backup set if given."""
    return snapshots.list_snapshots(store, tenant_id=device.tenant_id, backup_set=backup_set,
                                  limit=limit, cursor=cursor)


@device_routes.get("/snapshots/{snapshot_id}", responses={404: {"description": "no such snapshot"}})
def get_snapshot(snapshot_id: UUID, device: DeviceDep, services: ServicesDep) -> Snapshot:
    """A snapshot with its chunk ids and encrypted manifest: what a restore starts from."""
    return snapshots.get_snapshot(services.store, services.blobs, tenant_id=device.tenant_id,
                                snapshot_id=snapshot_id)


@device_routes.delete(
    "/snapshots/{snapshot_id}", status_code=status.HTTP_204_NO_CONTENT,
    responses={403: {"description": "``forbidden``: uploaded by another device"},
               404: {"description": "no such snapshot"}})
def delete_snapshot(snapshot_id: UUID, device: ActiveDeviceDep,
                    services: ServicesDep) -> None:
    """Forget a snapshot this device uploaded; chunks no other snapshot uses go at the next
    garbage collection.

    Only the uploading device: a single stolen device token must not be able to wipe the whole
    firm's backups. Other snapshots are removed by retention or by a tenant administrator.
    """
    snapshots.delete_snapshot(services.store, services.blobs, tenant_id=device.tenant_id,
                            snapshot_id=snapshot_id, device_id=device.device_id)


@admin_routes.delete(
    "/tenants/{tenant_id}/snapshots/{snapshot_id}", status_code=status.HTTP_204_NO_CONTENT,
    responses={404: {"description": "no such tenant or snapshot"}})
def admin_delete_snapshot(tenant_id: UUID, snapshot_id: UUID, admin: AdminDep,
                          services: ServicesDep) -> None:
    """Forget any snapshot of the tenant (its administrators, or the operator)."""
    admin.check_tenant(tenant_id)
    snapshots.delete_snapshot(services.store, services.blobs, tenant_id=tenant_id,
                            snapshot_id=snapshot_id)


@admin_routes.post("/gc", responses={409: {"description": "another instance is running it"}})
def collect_garbage(admin: AdminDep, services: ServicesDep,
                    tenant_id: UUID | None = None) -> retention.MaintenanceReport:
    """Apply retention and collect garbage now, for one tenant or all (operator only)."""
    admin.require_operator()
    with retention.maintenance_lock(services.store) as mine:
        if not mine:
            raise ApiError(409, ErrorCode.CONFLICT, "another instance is collecting garbage; "
                           "try again later")
        return retention.run_maintenance(
            services.store, services.blobs, tenant_id=tenant_id,
            grace=timedelta(hours=services.settings.gc_grace_hours))


router = APIRouter()
router.include_router(device_routes)
router.include_router(admin_routes)
