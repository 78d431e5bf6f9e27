"""The stable error codes of the service's JSON errors.

Every error response is ``{"error": {"code": ..., "message": ..., "request_id": ...}}``. Clients
branch on ``code``, never on the message, which is for people and may be reworded.
"""

from __future__ import annotations

from enum import StrEnum


class ErrorCode(StrEnum):
    BAD_REQUEST = "bad_request"
    VALIDATION = "validation_error"
    UNAUTHENTICATED = "unauthenticated"
    FORBIDDEN = "forbidden"
    NOT_FOUND = "not_found"
    METHOD_NOT_ALLOWED = "method_not_allowed"
    CONFLICT = "conflict"
    TOO_LARGE = "request_too_large"
    REQUEST_TIMEOUT = "request_timeout"
    RATE_LIMITED = "rate_limited"
    INTERNAL = "internal_error"
    UNAVAILABLE = "unavailable"
    # licences
    LICENCE_INVALID = "licence_invalid"
    LICENCE_REVOKED = "licence_revoked"
    LICENCE_EXPIRED = "licence_expired"
    SEATS_EXHAUSTED = "seats_exhausted"
    DEVICE_DEACTIVATED = "device_deactivated"
    LICENCE_INACTIVE = "licence_inactive"
    """The device's licence is revoked or expired, or its lease lapsed: it may restore, not add."""
    OFFLINE_REQUEST_INVALID = "offline_request_invalid"
    # backups
    QUOTA_EXCEEDED = "quota_exceeded"
    CHUNK_MISSING = "chunk_missing"
    CHUNK_INVALID = "chunk_invalid"
    SNAPSHOT_CONFLICT = "snapshot_conflict"
    SET_NOT_OWNED = "set_not_owned"
    """Another PC keeps this company (its writer lease), or nobody does: take it first."""
    # writer leases (hand-over of a company between PCs)
    LEASE_HELD = "lease_held"
    LEASE_STALE = "lease_stale"
    LEASE_NOT_HELD = "lease_not_held"
    # releases
    RELEASE_INVALID = "release_invalid"
    RANGE_NOT_SATISFIABLE = "range_not_satisfiable"
    """A download asked to resume at or past the end of the file."""
