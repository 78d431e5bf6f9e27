"""Activation, check-in, release and the licence state that decides whether books can change.

The signed licence document the service hands out is verified here against public keys this PC
trusts (shipped with the build, or pinned explicitly at connect time for a self-hosted service),
so the state can be worked out with no network at all. The worst state is read-only: the books
stay open, readable and exportable, and their backups restorable, whatever happens to the
licence (the service takes no new backups from a PC whose licence is revoked, expired or lapsed).

Check-ins happen on start and every few hours while the desktop is open. A failed one is tried
again with exponential backoff and jitter; failures never stop the books from working.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from importlib import resources

import httpx

from sync.client.device import CloudConfig, forget_token, load_token, store_token
from sync.client.home import home, load_json, save_json
from sync.client.http import APP_VERSION, CloudError, NotConnected, Offline, Service, ServiceError
from sync.wire.devices import Activation, CheckIn, LicenceKeys
from sync.wire.errors import ErrorCode
from sync.wire.licence import (
    LicenceDocument,
    LicenceInvalid,
    LicenceState,
    SignedLicence,
    b64decode,
    licence_state,
    verify_licence,
)

LICENCE_FILE = "licence.json"
CHECK_IN_EVERY = timedelta(hours=4)
BACKOFF_FIRST = timedelta(minutes=1)
BACKOFF_MAX = timedelta(hours=4)


def shipped_keys() -> dict[str, str]:
    """The licence-signing public keys this build trusts (``sync/client/licence_keys.json``).

    The release manager writes the vendor's keys there (``daftar-server keys licence-public``);
    a key rotation ships the old and the new one side by side.
    """
    text = resources.files("sync.client").joinpath("licence_keys.json").read_text("utf-8")
    return dict(json.loads(text)["keys"])


def trusted_keys(config: CloudConfig) -> dict[str, bytes]:
    return {key_id: b64decode(value)
            for key_id, value in {**shipped_keys(), **config.trusted_keys}.items()}


@dataclass(frozen=True)
class LicenceRecord:
    """The last licence this PC received, and how its check-ins have gone."""

    signed: SignedLicence | None
    revoked: bool = False
    deactivated: bool = False
    last_check_in: datetime | None = None
    failures: int = 0
    next_check_in: datetime | None = None
    last_error: str | None = None

    @classmethod
    def load(cls) -> LicenceRecord:
        data = load_json(home() / LICENCE_FILE)
        if data is None:
            return cls(signed=None)
        signed = SignedLicence.model_validate(data["signed"]) if data.get("signed") else None
        return cls(
            signed=signed, revoked=data.get("revoked", False),
            deactivated=data.get("deactivated", False),
            last_check_in=_time(data.get("last_check_in")), failures=data.get("failures", 0),
            next_check_in=_time(data.get("next_check_in")), last_error=data.get("last_error"),
        )

    def save(self) -> None:
        save_json(home() / LICENCE_FILE, {
            "signed": self.signed.model_dump() if self.signed else None,
            "revoked": self.revoked, "deactivated": self.deactivated,
            "last_check_in": _iso(self.last_check_in), "failures": self.failures,
            "next_check_in": _iso(self.next_check_in), "last_error": self.last_error,
        })


def _time(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


@dataclass(frozen=True)
class LicenceStatus:
    """What the status bar, ``daftar cloud status`` and the write gate need to know."""

    connected: bool
    state: LicenceState | None
    """None when this PC was never connected: the books work without the cloud."""
    reason: str | None
    """Why the books are read-only (one sentence, with what to do), or None."""
    document: LicenceDocument | None
    record: LicenceRecord

    @property
    def grace_end(self) -> datetime | None:
        doc = self.document
        return doc.lease_end + timedelta(days=doc.grace_days) if doc else None

    @property
    def writable(self) -> bool:
        return self.state is None or self.state is not LicenceState.READ_ONLY


def status(now: datetime | None = None) -> LicenceStatus:
    """The licence state of this PC, worked out offline from what it holds."""
    now = now or datetime.now(UTC)
    config = CloudConfig.load()
    record = LicenceRecord.load()
    if not config.connected:
        return LicenceStatus(False, None, None, None, record)
    if record.deactivated:
        return LicenceStatus(True, LicenceState.READ_ONLY, (
            "this PC was deactivated on the Daftar cloud; the books are read-only until it is "
            "connected again (daftar cloud connect)"), None, record)
    if record.revoked:
        return LicenceStatus(True, LicenceState.READ_ONLY, (
            "the licence of this PC was revoked; the books are read-only until a valid licence "
            "is connected (daftar cloud connect --licence KEY)"), None, record)
    if record.signed is None:
        return LicenceStatus(True, LicenceState.READ_ONLY, (
            "this PC holds no licence; connect it again (daftar cloud connect)"), None, record)
    try:
        doc = verify_licence(record.signed, trusted_keys(config))
    except LicenceInvalid as error:
        return LicenceStatus(True, LicenceState.READ_ONLY, (
            f"the licence kept on this PC does not verify ({error}); connect it again"),
            None, record)
    state = licence_state(doc, now, config.fingerprint)
    return LicenceStatus(True, state, _read_only_reason(doc, state, now, config), doc, record)


def _read_only_reason(doc: LicenceDocument, state: LicenceState, now: datetime,
                      config: CloudConfig) -> str | None:
    if state is not LicenceState.READ_ONLY:
        return None
    if doc.device_fingerprint != config.fingerprint:
        return ("the licence kept here was issued to another PC; connect this PC with its own "
                "activation (daftar cloud connect)")
    if doc.expires_at is not None and now >= doc.expires_at:
        return (f"the licence expired on {doc.expires_at:%Y-%m-%d}; the books are read-only "
                "until it is renewed (ask your Daftar reseller, then check in)")
    grace_end = doc.lease_end + timedelta(days=doc.grace_days)
    return (f"this PC has not checked in with the Daftar cloud since its lease ended on "
            f"{doc.lease_end:%Y-%m-%d} (grace until {grace_end:%Y-%m-%d}); the books are "
            "read-only until it goes online and checks in (daftar cloud check-in)")


def write_refusal() -> str | None:
    """The reason the books may not change now, or None: the store's write gate calls this."""
    return status().reason


# --- talking to the service ---------------------------------------------------------------------

def service(config: CloudConfig, *, token: bool = True,
            cancelled: Callable[[], bool] | None = None) -> Service:
    """A session with this PC's service, authenticated by its device token; ``cancelled``
    stops it waiting out a rate limit."""
    if config.offline and config.server is None:
        raise CloudError("this PC was activated offline, by files; it has no online service to "
                         "talk to (connect it online with 'daftar cloud connect' to use one)")
    if config.server is None or (token and not config.connected):
        raise NotConnected()
    bearer = load_token(config) if token else None
    if token and bearer is None:
        raise CloudError("this PC's device token is missing (the credential store was "
                         "cleared?); connect it again with its licence key")
    return Service(config.server, token=bearer, proxy=config.proxy, cancelled=cancelled)


def _pin_keys(config: CloudConfig, api: Service, trust_key: str | None) -> None:
    """Make sure the key that signs this service's licences is one this PC trusts."""
    offered = LicenceKeys.model_validate(api.get("/v1/licence-keys").json())
    trusted = {**shipped_keys(), **config.trusted_keys}
    if offered.signing_key_id in trusted:
        return
    if trust_key is None or trust_key != offered.signing_key_id:
        raise CloudError(
            f"the service at {config.server} signs licences with key {offered.signing_key_id}, "
            "which this build of Daftar does not trust. If it is your own server, check the id "
            "with 'daftar-server keys licence-public' on it and connect again with "
            f"--trust-key {offered.signing_key_id}")
    for key in offered.keys:
        if key.key_id == trust_key:
            config.trusted_keys[key.key_id] = key.public_key


@dataclass(frozen=True)
class Connected:
    device_id: str
    document: LicenceDocument
    warning: str | None


def check_address(server: str, *, allow_http: bool = False) -> str:
    """The service's address, refused with the reason if it is not one Daftar should use.

    Plain HTTP would carry the licence key and the device token in clear: it is accepted for a
    service on this very PC (tests, a local trial) or when the user says so explicitly.
    """
    try:
        url = httpx.URL(server.strip())
    except httpx.InvalidURL as error:
        raise CloudError(f"{server!r} is not a web address ({error})") from None
    if url.scheme not in ("http", "https") or not url.host:
        raise CloudError(f"{server!r} is not a web address: give it with https://, e.g. "
                         "https://cloud.example.com")
    local = url.host in ("localhost", "127.0.0.1", "::1") or url.host.startswith("127.")
    if url.scheme == "http" and not local and not allow_http:
        raise CloudError(f"{server} is not encrypted (http://): the licence key and this PC's "
                         "token would cross the network in clear. Use https://, or, on a "
                         "network you trust, allow it explicitly (--allow-http)")
    return str(url).rstrip("/")


def connect(server: str, licence_key: str, *, trust_key: str | None = None,
            device_name: str | None = None, proxy: str | None = None,
            allow_http: bool = False) -> Connected:
    """Activate this PC with a licence key: a seat, a device token and a verified licence."""
    config = CloudConfig.load()
    config.server = check_address(server, allow_http=allow_http)
    config.proxy = proxy if proxy is not None else config.proxy
    if device_name:
        config.device_name = device_name
    with Service(config.server, proxy=config.proxy) as api:
        _pin_keys(config, api, trust_key)
        body = {"licence_key": licence_key.strip(), "fingerprint": config.fingerprint,
                "device_name": config.device_name, "app_version": APP_VERSION}
        activation = Activation.model_validate(api.post("/v1/activations", json=body).json())
    doc = verify_licence(activation.licence, trusted_keys(config))
    if doc.device_fingerprint != config.fingerprint:
        raise CloudError("the service answered with a licence for another PC; nothing saved")
    warning = store_token(config, activation.device_token)
    config.device_id = str(activation.device_id)
    config.offline = False
    config.save()
    now = datetime.now(UTC)
    LicenceRecord(signed=activation.licence, last_check_in=now,
                  next_check_in=now + CHECK_IN_EVERY).save()
    return Connected(str(activation.device_id), doc, warning)


def check_in(now: datetime | None = None, *, rng: random.Random | None = None) -> LicenceStatus:
    """Renew the lease now. :class:`Offline` or :class:`ServiceError` if it could not be.

    A failure is recorded with the time of the next try (exponential backoff with jitter), so
    that a window checking in on a timer does not hammer a service that is down.
    """
    now = now or datetime.now(UTC)
    config = CloudConfig.load()
    record = LicenceRecord.load()
    try:
        with service(config) as api:
            answer = CheckIn.model_validate(
                api.post("/v1/devices/me/check-in", json={"app_version": APP_VERSION}).json())
    except ServiceError as error:
        if error.code == ErrorCode.DEVICE_DEACTIVATED or error.status == 401:
            _record(record, now, deactivated=True, error=str(error))
        elif error.code == ErrorCode.LICENCE_EXPIRED:
            _record(record, now, error=str(error))
        else:
            _failed(record, now, str(error), rng)
        raise
    except Offline as error:
        _failed(record, now, str(error), rng)
        raise
    if answer.revoked or answer.licence is None:
        _record(record, now, revoked=True)
    else:
        verify_licence(answer.licence, trusted_keys(config))
        LicenceRecord(signed=answer.licence, last_check_in=now,
                      next_check_in=now + CHECK_IN_EVERY).save()
    return status(now)


def _record(record: LicenceRecord, now: datetime, *, revoked: bool = False,
            deactivated: bool = False, error: str | None = None) -> None:
    LicenceRecord(signed=record.signed, revoked=revoked or record.revoked,
                  deactivated=deactivated or record.deactivated, last_check_in=now,
                  next_check_in=now + CHECK_IN_EVERY, last_error=error).save()


def backoff(failures: int, rng: random.Random | None = None) -> timedelta:
    """Wait before try number ``failures + 1``: doubling from a minute to four hours, with
    "full jitter" (a random point of the window) so that many PCs do not retry in step."""
    window = min(BACKOFF_MAX, BACKOFF_FIRST * 2 ** max(failures - 1, 0))
    return window * (0.5 + 0.5 * (rng or random).random())


def _failed(record: LicenceRecord, now: datetime, error: str, rng: random.Random | None) -> None:
    failures = record.failures + 1
    LicenceRecord(signed=record.signed, revoked=record.revoked, deactivated=record.deactivated,
                  last_check_in=record.last_check_in, failures=failures,
                  next_check_in=now + backoff(failures, rng), last_error=error).save()


def check_in_due(now: datetime | None = None) -> bool:
    """Whether a timer should check in now (never before the backoff allows)."""
    now = now or datetime.now(UTC)
    if not CloudConfig.load().connected:
        return False
    due = LicenceRecord.load().next_check_in
    return due is None or now >= due


def disconnect(*, force: bool = False) -> bool:
    """Free this PC's seat and forget its credentials. Returns whether the service was told.

    Offline, the seat is not freed and the PC stays connected, unless ``force``: then the PC
    forgets everything and the seat is freed when its lease runs out (or by the licence holder).
    """
    config = CloudConfig.load()
    if not config.connected:
        raise NotConnected()
    told = False
    try:
        with service(config) as api:
            api.post("/v1/devices/me/deactivate")
        told = True
    except ServiceError as error:
        if error.status != 401 and error.code != ErrorCode.DEVICE_DEACTIVATED and not force:
            raise
        told = error.status == 401 or error.code == ErrorCode.DEVICE_DEACTIVATED
    except (Offline, CloudError):
        if not force and not config.offline:
            raise
    forget_token(config)
    config.server, config.device_id, config.offline = None, None, False
    config.save()
    (home() / LICENCE_FILE).unlink(missing_ok=True)
    return told
