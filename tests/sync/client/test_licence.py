"""Activation, check-in, lease, revocation and release, against a real ``daftar-server``."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import httpx
import pytest

from app.ledger.model import Entry, Line
from app.store.database import ReadOnly
from sync.client import licence, offline
from sync.client.device import CloudConfig
from sync.client.gate import write_gate
from sync.client.home import home
from sync.client.http import CloudError, Offline, ServiceError
from sync.wire.licence import LicenceState
from tests.cloud_server import ServerProcess
from tests.ledger_text import post_text


def test_an_untrusted_signing_key_is_named_and_nothing_is_kept(server: ServerProcess) -> None:
    _, key = server.issue_licence(server.new_tenant())
    with pytest.raises(CloudError, match=server.signing_key_id()):
        licence.connect(server.url, key)
    assert not CloudConfig.load().connected
    assert licence.status().state is None


def test_connect_without_a_credential_store_keeps_the_token_in_a_private_file(
        server: ServerProcess, no_keyring: None) -> None:
    _, key = server.issue_licence(server.new_tenant())
    result = licence.connect(server.url, key, trust_key=server.signing_key_id())
    token_file = home() / "device-token"
    assert result.warning and str(token_file) in result.warning
    assert token_file.stat().st_mode & 0o777 == 0o600
    state = licence.status()
    assert state.state is LicenceState.ACTIVE and state.writable
    assert state.document is not None and state.document.edition == "pro"


def test_with_a_credential_store_the_token_goes_there(server: ServerProcess,
                                                      memory_keyring: object) -> None:
    _, key = server.issue_licence(server.new_tenant())
    result = licence.connect(server.url, key, trust_key=server.signing_key_id())
    assert result.warning is None
    assert not (home() / "device-token").exists()
    assert any(name.startswith("device-token:") for _, name in memory_keyring.secrets)
    assert licence.check_in().state is LicenceState.ACTIVE


def test_lease_lapse_turns_read_only_and_a_check_in_renews(connected: object) -> None:
    doc = licence.status().document
    assert doc is not None
    in_grace = doc.lease_end + timedelta(hours=1)
    lapsed = doc.lease_end + timedelta(days=doc.grace_days, seconds=1)
    assert licence.status(in_grace).state is LicenceState.GRACE
    assert licence.status(in_grace).reason is None
    late = licence.status(lapsed)
    assert late.state is LicenceState.READ_ONLY
    assert "has not checked in" in (late.reason or "") and "check-in" in (late.reason or "")
    renewed = licence.check_in()
    assert renewed.state is LicenceState.ACTIVE
    assert renewed.document is not None and renewed.document.lease_end > doc.lease_end


def test_a_tampered_licence_file_makes_the_books_read_only(connected: object) -> None:
    path = home() / "licence.json"
    data = json.loads(path.read_text())
    data["signed"]["signature"] = data["signed"]["signature"][::-1]
    path.write_text(json.dumps(data))
    state = licence.status()
    assert state.state is LicenceState.READ_ONLY and "does not verify" in (state.reason or "")


def test_revocation_refuses_writes_but_never_reads(server: ServerProcess, connected: tuple,
                                                   books) -> None:
    tenant, licence_id, _ = connected
    books.db.write_gate = write_gate(books.db)
    post_text(books, """
        2025-01-15 OD "before"
          512  100.00
          101  -100.00
    """)
    server.revoke(tenant, licence_id)
    state = licence.check_in()
    assert state.state is LicenceState.READ_ONLY and "revoked" in (state.reason or "")
    with pytest.raises(ReadOnly, match="revoked"):
        books.post(Entry(journal="OD", date=datetime(2025, 1, 16).date(), label="after",
                         lines=(Line("512", debit=Decimal("1")),
                                Line("101", credit=Decimal("1")))))
    with books.read() as cur:
        assert cur.execute("SELECT count(*) FROM entry").fetchone()[0] == 1


def test_a_network_cut_during_check_in_leaves_the_books_usable(connected: object, books,
                                                                tmp_path) -> None:
    config = CloudConfig.load()
    config.server = "http://127.0.0.1:9"  # nothing listens there
    config.save()
    before = licence.LicenceRecord.load()
    with pytest.raises(Offline):
        licence.check_in(rng=random.Random(1))
    after = licence.LicenceRecord.load()
    assert after.failures == 1 and after.last_error and after.next_check_in is not None
    assert after.next_check_in > datetime.now(UTC)
    assert after.signed == before.signed
    assert licence.status().state is LicenceState.ACTIVE
    assert not licence.check_in_due()
    books.db.write_gate = write_gate(books.db)
    post_text(books, """
        2025-01-15 OD "offline"
          512  1.00
          101  -1.00
    """)


def test_backoff_doubles_to_a_ceiling_with_jitter() -> None:
    rng = random.Random(7)
    waits = [licence.backoff(n, rng) for n in range(1, 12)]
    assert all(licence.BACKOFF_FIRST / 2 <= w <= licence.BACKOFF_MAX for w in waits)
    assert waits[-1] >= licence.BACKOFF_MAX / 2
    assert len({round(w.total_seconds()) for w in waits}) == len(waits)


def test_disconnect_frees_the_seat_for_another_pc(server: ServerProcess, as_pc) -> None:
    tenant = server.new_tenant()
    _, key = server.issue_licence(tenant, seats=1)
    trust = server.signing_key_id()
    with as_pc("A"):
        licence.connect(server.url, key, trust_key=trust)
    with as_pc("B"), pytest.raises(ServiceError) as refused:
        licence.connect(server.url, key, trust_key=trust)
    assert refused.value.code == "seats_exhausted"
    with as_pc("A"):
        assert licence.disconnect() is True
        assert licence.status().state is None
    with as_pc("B"):
        assert licence.connect(server.url, key, trust_key=trust).document.seats == 1


def test_a_deactivated_pc_learns_it_at_check_in(server: ServerProcess, connected: tuple) -> None:
    tenant, _, _ = connected
    device = CloudConfig.load().device_id
    with server.operator() as client:
        client.post(f"/v1/admin/tenants/{tenant}/devices/{device}/deactivate").raise_for_status()
    with pytest.raises(ServiceError):
        licence.check_in()
    state = licence.status()
    assert state.state is LicenceState.READ_ONLY and "deactivated" in (state.reason or "")


def test_offline_activation_by_files(server: ServerProcess, tmp_path) -> None:
    tenant = server.new_tenant()
    _, key = server.issue_licence(tenant)
    request = tmp_path / "request.json"
    offline.offline_request(request, licence_key=key, device_name="Laptop du cabinet")
    answer = httpx.post(f"{server.url}/v1/activations/offline",
                        content=request.read_bytes(), timeout=30,
                        headers={"Content-Type": "application/json"})
    assert answer.status_code == 200, answer.text
    response = tmp_path / "response.json"
    response.write_text(answer.text)
    public = httpx.get(f"{server.url}/v1/licence-keys").json()["keys"][0]
    pin = f"{public['key_id']}:{public['public_key']}"

    tampered = tmp_path / "tampered.json"
    body = json.loads(answer.text)
    body["signature"] = body["signature"][::-1]
    tampered.write_text(json.dumps(body))
    with pytest.raises(CloudError, match=r"tampered\.json"):
        offline.offline_apply(tampered, pin=pin)
    assert licence.status().state is None

    doc = offline.offline_apply(response, pin=pin)
    state = licence.status()
    assert state.state is LicenceState.ACTIVE and state.document == doc
    with pytest.raises(CloudError, match="no pending offline request"):
        offline.offline_apply(response, pin=pin)


@pytest.mark.parametrize(("address", "reason"), [
    ("nonsense", "not a web address"), ("ftp://cloud.example.com", "not a web address"),
    ("http://cloud.example.com", "not encrypted"), ("http://192.168.1.10:8400", "not encrypted"),
])
def test_a_bad_or_clear_text_address_is_refused_before_anything_is_sent(
        address: str, reason: str) -> None:
    with pytest.raises(CloudError, match=reason):
        licence.connect(address, "DAFTAR-XXXXX")
    assert not CloudConfig.load().connected


def test_addresses_that_are_accepted() -> None:
    assert licence.check_address("https://cloud.example.com/") == "https://cloud.example.com"
    assert licence.check_address("http://127.0.0.1:8400") == "http://127.0.0.1:8400"
    assert licence.check_address("http://192.168.1.10:8400", allow_http=True) \
        == "http://192.168.1.10:8400"
