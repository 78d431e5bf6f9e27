"""Device-facing API: activation (online and offline), check-in, release, the licence keys.

Every request that carries a licence key counts against the caller's IP address, so that keys
cannot be guessed at speed; the key travels in the JSON body, never in the URL.
"""

from __future__ import annotations

import anyio
import anyio.to_thread
from fastapi import APIRouter, FastAPI, Request, status

from sync.server import activation, checkin, keys
from sync.server.activation import Issuer
from sync.server.checkin import device_rate_key
from sync.server.deps import DeviceDep, Services, ServicesDep, TokenHashDep, rate_limit
from sync.wire.devices import (
    ActivatedDevice,
    Activation,
    ActivationRequest,
    CheckIn,
    CheckInRequest,
    LicenceKeyRequest,
    LicenceKeys,
    LicencePublicKey,
    ReleaseRequest,
)
from sync.wire.licence import OfflineResponse, SignedOfflineRequest, b64encode

router = APIRouter(tags=["devices"])

CHECK_IN_THREADS = 4


def _limit_attempts(services: Services, request: Request) -> None:
    ip = request.client.host if request.client else "unknown"
    rate_limit(services, f"activate:{ip}", services.settings.rate_activation_per_minute)


def _issuer(services: Services) -> Issuer:
    return Issuer.of(services.settings, services.licence_key)


@router.post("/v1/activations", status_code=status.HTTP_201_CREATED)
def activate(body: ActivationRequest, request: Request, services: ServicesDep) -> Activation:
    """Activate this PC: a seat of the licence, a device token and a signed licence."""
    _limit_attempts(services, request)
    return activation.activate(services.store, issuer=_issuer(services), request=body)


@router.post("/v1/activations/offline")
def activate_offline(
    body: SignedOfflineRequest, request: Request, services: ServicesDep
) -> OfflineResponse:
    """Answer a PC's offline request file with the response file to carry back to it."""
    _limit_attempts(services, request)
    return activation.activate_offline(services.store, issuer=_issuer(services),
                                       request_file=body)


@router.post("/v1/activations/devices")
def list_activations(
    body: LicenceKeyRequest, request: Request, services: ServicesDep
) -> list[ActivatedDevice]:
    """The PCs using the licence whose key is given, so its holder can release a dead one."""
    _limit_attempts(services, request)
    return activation.holder_devices(services.store, licence_key=body.licence_key)


@router.post("/v1/activations/release", status_code=status.HTTP_204_NO_CONTENT)
def release(body: ReleaseRequest, request: Request, services: ServicesDep) -> None:
    """Free the seat of one of the licence's PCs (a reinstalled or replaced PC)."""
    _limit_attempts(services, request)
    activation.release(services.store, licence_key=body.licence_key, device_id=body.device_id)


@router.post("/v1/devices/me/check-in")
async def check_in(body: CheckInRequest, token_hash: TokenHashDep, services: ServicesDep,
                   request: Request) -> CheckIn:
    """Renew the lease and get a fresh licence document, or learn the licence was revoked."""
    return await anyio.to_thread.run_sync(_check_in, services, token_hash, body.app_version,
                                          limiter=_check_in_threads(request.app))


def _check_in(services: Services, token_hash: str, app_version: str | None) -> CheckIn:
    rate_limit(services, device_rate_key(token_hash), services.settings.rate_device_per_minute)
    return checkin.check_in(services.store, issuer=_issuer(services), token_hash=token_hash,
                            app_version=app_version)


def _check_in_threads(app: FastAPI) -> anyio.CapacityLimiter:
    """The threads check-ins run on, at most :data:`CHECK_IN_THREADS`, made on first use inside
    the app's event loop.

    A check-in is mostly CPU. On the shared pool a burst of them ran on as many threads as came
    in, all contending for the interpreter lock with the event loop and each other: at 32
    connections that cost a fifth of the throughput and spread the waits unfairly (p99 about
    240 ms; about 60 ms with four threads). Past the bound they wait their turn on the loop,
    first come first served; other routes keep the shared pool.
    """
    threads = getattr(app.state, "check_in_threads", None)
    if threads is None:
        threads = app.state.check_in_threads = anyio.CapacityLimiter(CHECK_IN_THREADS)
    return threads


@router.post("/v1/devices/me/deactivate", status_code=status.HTTP_204_NO_CONTENT)
def deactivate_self(device: DeviceDep, services: ServicesDep) -> None:
    """Give up this PC's seat; its token is refused from then on."""
    activation.deactivate_self(services.store, tenant_id=device.tenant_id,
                               device_id=device.device_id)


@router.get("/v1/licence-keys")
def licence_keys(services: ServicesDep) -> LicenceKeys:
    """The public key that signs licences, for a desktop build to pin."""
    public = services.licence_key.public_key()
    key_id = keys.key_id(public)
    return LicenceKeys(signing_key_id=key_id, keys=[
        LicencePublicKey(key_id=key_id, public_key=b64encode(keys.public_key_bytes(public)))
    ])

