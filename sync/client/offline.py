"""Offline activation by files, for a PC that never goes online.

The PC writes a request signed by a key it generates and keeps until the answer comes; someone
carries the request to a connected machine, and the response file carried back binds the licence
to that very request (``sync.wire.licence``). The licence is then kept and honoured like one
received online, by ``sync.client.licence``.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat
from pydantic import ValidationError

from sync.client.device import CloudConfig
from sync.client.home import home, write_private
from sync.client.http import APP_VERSION, CloudError
from sync.client.licence import LicenceRecord, trusted_keys
from sync.wire.licence import (
    LicenceDocument,
    LicenceInvalid,
    OfflineResponse,
    SignedLicence,
    SignedOfflineRequest,
    b64decode,
    build_offline_request,
    dump_file,
    load_file,
    verify_offline_response,
)

OFFLINE_REQUEST_FILE = "offline-request.json"
OFFLINE_KEY_FILE = "offline-device-key.pem"


def offline_request(out: Path, *, licence_key: str, device_name: str | None = None) -> None:
    """Write the request file to carry to a connected machine; keep its key until the answer."""
    config = CloudConfig.load()
    if device_name:
        config.device_name = device_name
    key = Ed25519PrivateKey.generate()
    request = build_offline_request(
        licence_key=licence_key.strip(), fingerprint=config.fingerprint,
        device_name=config.device_name, device_key=key, app_version=APP_VERSION)
    pem = key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption())
    write_private(home() / OFFLINE_KEY_FILE, pem)
    write_private(home() / OFFLINE_REQUEST_FILE, dump_file(request).encode("utf-8"))
    config.save()
    out.write_text(dump_file(request), encoding="utf-8")


def offline_apply(response_path: Path, *, pin: str | None = None) -> LicenceDocument:
    """Take the response file: verify it answers this PC's pending request, keep the licence.

    ``pin`` ("KEY_ID:PUBLIC_KEY", as ``daftar-server keys licence-public`` prints them) trusts a
    self-hosted service's licence key, which this PC never saw online.
    """
    config = CloudConfig.load()
    pending = home() / OFFLINE_REQUEST_FILE
    if not pending.exists():
        raise CloudError("this PC has no pending offline request; make one first with "
                         "'daftar cloud offline-request OUT.json'")
    request = load_file(SignedOfflineRequest, pending.read_bytes())
    try:
        response = load_file(OfflineResponse, response_path.read_bytes())
    except LicenceInvalid as error:
        raise CloudError(f"{response_path}: not a Daftar offline response file ({error})") from None
    if pin:
        key_id, _, public = pin.replace(" ", ":").partition(":")
        if not public:
            raise CloudError("--trust-key for an offline activation is KEY_ID:PUBLIC_KEY, as "
                             "'daftar-server keys licence-public' prints them")
        config.trusted_keys[key_id] = public
    try:
        doc = verify_offline_response(response, request=request, trusted=trusted_keys(config))
    except (LicenceInvalid, ValidationError) as error:
        raise CloudError(f"{response_path}: refused ({error})") from None
    grant = json.loads(b64decode(response.payload))
    config.device_id = str(doc.device_id)
    config.offline = True
    config.save()
    LicenceRecord(signed=SignedLicence.model_validate(grant["licence"]),
                  last_check_in=datetime.now(UTC)).save()
    pending.unlink()
    (home() / OFFLINE_KEY_FILE).unlink(missing_ok=True)
    return doc
