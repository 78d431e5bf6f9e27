"""Backups: a device's chunk and snapshot API, and the operator's garbage-collection trigger.

Any active device of a tenant reads and writes that tenant's backups, so a restore on a new PC
needs only its device credentials (and the user's recovery key, which the server never sees).
A device deletes only the snapshots it uploaded; the tenant's administrators delete any.
Another tenant's chunk or snapshot is simply "not found".
"""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Path, Query, Request, Response, status
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect

from sync.server import backups, observability, retention, snapshots
from sync.server.deps import AdminDep, ChunkDeviceDep, DeviceDep, ServicesDep, StoreDep
from sync.server.errors import ApiError, not_found
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


async def _read_body(request: Request, limit: int) -> bytes:
    """The request body, refused with 413 as soon as it exceeds ``limit`` bytes."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _too_large(limit)
    body = bytearray()
    try:
        async for part in request.stream():
            body += part
            if len(body) > limit:
                raise _too_large(limit)
    except ClientDisconnect:
        raise ApiError(400, ErrorCode.BAD_REQUEST, "connection closed mid-upload") from None
    return bytes(body)


def _too_large(limit: int) -> ApiError:
    return ApiError(413, ErrorCode.TOO_LARGE, f"a chunk may have at most {limit} bytes")


@device_routes.put(
    "/chunks/{chunk_id}", status_code=status.HTTP_201_CREATED,
    responses={200: {"model": ChunkStored, "description": "already stored (touched)"},
               409: {"description": "``chunk_invalid``: stored with another size"},
               403: {"description": "``quota_exceeded``: the tenant's quota is used up"},
               413: {"description": "``request_too_large``: over ``max_chunk_bytes``"}},
    openapi_extra={"requestBody": {"required": True, "content": {
        OCTETS: {"schema": {"type": "string", "format": "binary"}}}}},
)
async def put_chunk(chunk_id: ChunkIdPath, request: Request, response: Response,
                    device: ChunkDeviceDep, services: ServicesDep) -> ChunkStored:
    """Store an encrypted chunk (raw body). 201 when stored now, 200 when it already was."""
    data = await _read_body(request, services.settings.max_chunk_bytes)
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


SNAPSHOT_BODY_LIMIT = MAX_MANIFEST_BYTES * 4 // 3 + MAX_SNAPSHOT_CHUNKS * 70 + 64 * 1024
"""Largest snapshot upload: the base64 manifest, ~70 bytes of JSON per chunk id, and the rest.
A full snapshot is over the default ``max_request_bytes``, so this route raises its own limit."""
_SNAPSHOT_SCHEMA = SnapshotUpload.model_json_schema(mode="validation")


@device_routes.put(
    "/snapshots/{snapshot_id}", status_code=status.HTTP_201_CREATED,
    responses={200: {"model": SnapshotInfo, "description": "already stored"},
               403: {"description": "``quota_exceeded``: no room for the manifest"},
               409: {"description": "``chunk_missing`` (the ids are in ``details.missing``) "
                     "or ``snapshot_conflict``: stored with other contents"},
               413: {"description": "``request_too_large``: the manifest or body is too big"}},
    openapi_extra={"requestBody": {"required": True, "content": {
        "application/json": {"schema": _SNAPSHOT_SCHEMA}}}},
)
async def put_snapshot(snapshot_id: UUID, request: Request, response: Response,
                       device: DeviceDep, services: ServicesDep) -> SnapshotInfo:
    """Store a snapshot whose chunks are all stored (else 409 ``chunk_missing`` lists them).

    The id is chosen by the client, so sending the same snapshot again is harmless (200).
    The body is read here rather than by FastAPI: a snapshot of the largest size is bigger than
    ``max_request_bytes``, and its limit must be raised only once the device is authenticated.
    """
    limit = max(services.settings.max_request_bytes, SNAPSHOT_BODY_LIMIT)
    observability.allow_larger_body(request, limit)
    try:
        raw = await request.body()
    except ClientDisconnect:
        raise ApiError(400, ErrorCode.BAD_REQUEST, "connection closed mid-upload") from None

    def store() -> tuple[SnapshotInfo, bool]:
        return snapshots.put_snapshot(
            services.store, services.blobs, tenant_id=device.tenant_id,
            device_id=device.device_id, snapshot_id=snapshot_id, upload=_parse_snapshot(raw))

    info, created = await run_in_threadpool(store)
    if not created:
        response.status_code = status.HTTP_200_OK
    return info


def _parse_snapshot(raw: bytes) -> SnapshotUpload:
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
def delete_snapshot(snapshot_id: UUID, device: DeviceDep, services: ServicesDep) -> None:
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
