"""Retention (which snapshots a policy keeps) and garbage collection of unused chunks."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

import pytest
from conftest import Api, live_server
from hypothesis import given, settings
from hypothesis import strategies as st
from test_backups import Backups, open_backups, snapshot_body

from sync.server import schema as t
from sync.server.blobs import BlobNotFound
from sync.server.cli import main
from sync.server.retention import Stored, kept_of_set, maintenance_lock, snapshots_to_keep
from sync.server.settings import Settings
from sync.server.tenants import Retention

# A calendar of snapshots (UTC) and what keep_daily=3, keep_weekly=2, keep_monthly=2 keeps:
# days 10, 9, 8 March; ISO weeks 10 (newest: 10 March, a Sunday) and 9 (its Sunday, 3 March);
# months March and February (newest: 26 February).
CALENDAR = {
    "2024-03-10 18:00": True,
    "2024-03-10 09:00": False,
    "2024-03-09 12:00": True,
    "2024-03-08 12:00": True,
    "2024-03-04 12:00": False,
    "2024-03-03 12:00": True,
    "2024-02-26 12:00": True,
    "2024-02-15 12:00": False,
    "2024-01-31 12:00": False,
    "2024-01-05 12:00": False,
    "2023-12-20 12:00": False,
}
POLICY = Retention(keep_daily=3, keep_weekly=2, keep_monthly=2)


@pytest.fixture
def backups(api: Api) -> Iterator[Backups]:
    with open_backups(api) as env:
        yield env


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def _stamps(texts: list[str]) -> dict[uuid.UUID, str]:
    return {uuid.uuid4(): text for text in texts}


def _kept(stamps: dict[uuid.UUID, str], policy: Retention) -> set[str]:
    keep = snapshots_to_keep([(key, _at(text)) for key, text in stamps.items()], policy)
    return {stamps[key] for key in keep}


def test_policy_keeps_newest_of_each_day_week_and_month() -> None:
    stamps = _stamps(list(CALENDAR))
    assert _kept(stamps, POLICY) == {text for text, keep in CALENDAR.items() if keep}


def test_newest_is_kept_even_by_an_empty_policy() -> None:
    stamps = _stamps(["2024-01-01 10:00", "2024-01-02 10:00", "2023-06-01 10:00"])
    assert _kept(stamps, Retention(keep_daily=0, keep_weekly=0, keep_monthly=0)) == {
        "2024-01-02 10:00"}
    assert snapshots_to_keep([], POLICY) == set()


def test_iso_weeks_span_the_new_year() -> None:
    # 30 December 2024 and 1 January 2025 are both in ISO week 1 of 2025.
    stamps = _stamps(["2025-01-01 08:00", "2024-12-30 08:00", "2024-12-29 08:00"])
    assert _kept(stamps, Retention(keep_daily=0, keep_weekly=2, keep_monthly=0)) == {
        "2025-01-01 08:00", "2024-12-29 08:00"}


moments = st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2026, 1, 1),
                       timezones=st.just(UTC))


@settings(max_examples=200, deadline=None)
@given(st.lists(moments, max_size=60), st.integers(0, 8), st.integers(0, 5), st.integers(0, 4))
def test_retention_properties(taken: list[datetime], daily: int, weekly: int,
                              monthly: int) -> None:
    policy = Retention(keep_daily=daily, keep_weekly=weekly, keep_monthly=monthly)
    stamps = [(uuid.uuid4(), moment) for moment in taken]
    kept = snapshots_to_keep(stamps, policy)
    assert len(kept) <= (1 + daily + weekly + monthly if stamps else 0)
    if stamps:
        assert max(stamps, key=lambda s: (s[1], s[0]))[0] in kept
    assert snapshots_to_keep([s for s in stamps if s[0] in kept], policy) == kept
    newest_days = sorted({m.date() for m in taken}, reverse=True)[:daily]
    for day in newest_days:
        newest = max((s for s in stamps if s[1].date() == day), key=lambda s: (s[1], s[0]))
        assert newest[0] in kept


devices = st.sampled_from([uuid.UUID(int=n) for n in range(1, 4)])
stored_snapshots = st.builds(
    lambda device, taken, lag, chunks: Stored(snapshot_id=uuid.uuid4(), device_id=device,
                                              taken_at=taken, stored_at=taken + lag,
                                              chunk_count=chunks),
    devices, moments, st.timedeltas(min_value=-timedelta(days=60), max_value=timedelta(days=1)),
    st.sampled_from([0, 1, 40]))
"""Snapshots of one set by a few devices; a negative lag is a ``taken_at`` after the upload."""


def _newest(snapshots: list[Stored]) -> Stored:
    return max(snapshots, key=lambda s: (s.ranked_at, s.snapshot_id))


@settings(max_examples=200, deadline=None)
@given(st.lists(stored_snapshots, max_size=30), st.lists(stored_snapshots, max_size=30),
       st.integers(0, 4), st.integers(0, 3), st.integers(0, 3))
def test_another_devices_snapshots_never_cost_a_device_its_newest(
        mine: list[Stored], theirs: list[Stored], daily: int, weekly: int, monthly: int) -> None:
    policy = Retention(keep_daily=daily, keep_weekly=weekly, keep_monthly=monthly)
    me = uuid.UUID(int=99)
    mine = [Stored(s.snapshot_id, me, s.taken_at, s.stored_at, s.chunk_count) for s in mine]
    kept = kept_of_set(mine + theirs, policy)
    real = [s for s in mine if s.chunk_count]
    if real:
        assert _newest(real).snapshot_id in kept
    assert not {s.snapshot_id for s in mine + theirs if not s.chunk_count} & kept
    for device in {s.device_id for s in theirs if s.chunk_count}:
        assert _newest([s for s in theirs if s.device_id == device and s.chunk_count]
                       ).snapshot_id in kept


def test_a_snapshot_ranks_no_later_than_its_upload() -> None:
    now = datetime(2024, 3, 10, 12, tzinfo=UTC)
    device = uuid.uuid4()
    real = [Stored(uuid.uuid4(), device, now - timedelta(days=n), now - timedelta(days=n), 5)
            for n in range(3)]
    dated_ahead = Stored(uuid.uuid4(), uuid.uuid4(), now + timedelta(days=365),
                         now - timedelta(days=10), 5)
    assert dated_ahead.ranked_at == now - timedelta(days=10)
    kept = kept_of_set([*real, dated_ahead], Retention(keep_daily=3, keep_weekly=0,
                                                       keep_monthly=0))
    assert kept == {s.snapshot_id for s in real} | {dated_ahead.snapshot_id}


def _gc(api: Api, tenant_id: uuid.UUID | None = None) -> dict:
    with api.operator as operator:
        params = {"tenant_id": str(tenant_id)} if tenant_id else {}
        response = operator.post("/v1/admin/gc", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_retention_through_the_service(backups: Backups) -> None:
    tenant_id, admin_token = backups.api.new_tenant()
    tenant_id = uuid.UUID(tenant_id)
    with backups.api.client(admin_token) as admin:
        admin.patch(f"/v1/admin/tenants/{tenant_id}", json=POLICY.model_dump())
    device = backups.device(tenant_id)
    shared = backups.upload(device)[0]
    names: dict[str, str] = {}
    for backup_set, texts in (("books-1", list(CALENDAR)),
                              ("books-2", ["2024-03-10 07:00", "2024-03-10 06:00"])):
        for text in texts:
            own, snapshot_id = backups.upload(device)[0], uuid.uuid4()
            names[str(snapshot_id)] = f"{backup_set} {text}"
            response = device.put(f"/v1/backups/snapshots/{snapshot_id}", json=snapshot_body(
                [shared, own], backup_set=backup_set, taken_at=_at(text)))
            assert response.status_code == 201
    backups.age(tenant_id)
    used = backups.used_bytes(tenant_id)
    report = _gc(backups.api, tenant_id)["tenants"]
    assert report == [{"tenant_id": str(tenant_id), "snapshots_removed": 7,
                       "chunks_removed": 7, "bytes_freed": 7 * (1000 + 8), "error": None}]
    listing = device.get("/v1/backups/snapshots").json()["snapshots"]
    assert sorted(names[x["snapshot_id"]] for x in listing) == sorted(
        [f"books-1 {text}" for text, keep in CALENDAR.items() if keep]
        + ["books-2 2024-03-10 07:00"])
    assert backups.used_bytes(tenant_id) == used - 7 * 1008
    assert backups.count(t.chunk, tenant_id) == 1 + len(listing)


def test_gc_removes_only_old_unreferenced_chunks_and_their_blobs(backups: Backups) -> None:
    tenant_id, other = backups.tenant("A"), backups.tenant("B")
    device = backups.device(tenant_id)
    referenced, unused, fresh = (backups.upload(device, 500)[0] for _ in range(3))
    device.put(f"/v1/backups/snapshots/{uuid.uuid4()}", json=snapshot_body([referenced]))
    other_unused = backups.upload(backups.device(other))[0]
    backups.age(tenant_id, [referenced, unused])
    backups.age(other)
    key = backups.chunk_row(tenant_id, unused).blob_key
    report = _gc(backups.api, tenant_id)["tenants"][0]
    assert (report["chunks_removed"], report["bytes_freed"]) == (1, 500)
    assert backups.chunk_row(tenant_id, unused) is None
    with pytest.raises(BlobNotFound):
        backups.blobs.get(key)
    assert device.get(f"/v1/backups/chunks/{referenced}").status_code == 200
    assert device.get(f"/v1/backups/chunks/{fresh}").status_code == 200
    assert backups.chunk_row(other, other_unused) is not None
    assert backups.used_bytes(tenant_id) == 1000 + len(b"manifest")
    _gc(backups.api)
    assert backups.chunk_row(other, other_unused) is None


def test_gc_is_for_the_operator(backups: Backups) -> None:
    _, admin_token = backups.api.new_tenant()
    with backups.api.client(admin_token) as admin:
        assert admin.post("/v1/admin/gc").status_code == 403
    with backups.api.operator as operator:
        assert operator.post("/v1/admin/gc",
                             params={"tenant_id": str(uuid.uuid4())}).status_code == 404


def test_one_collection_at_a_time_on_postgresql(backups: Backups) -> None:
    with maintenance_lock(backups.store) as mine:
        assert mine
        with backups.api.operator as operator:
            response = operator.post("/v1/admin/gc")
    expected = 409 if backups.store.is_postgres else 200
    assert response.status_code == expected, response.text
    assert _gc(backups.api)["tenants"] is not None


def _cli(settings: Settings, *argv: str) -> list[str]:
    options = ["--data-dir", str(settings.data_dir)]
    for name in ("database_url", "blob_url", "s3_endpoint_url"):
        if getattr(settings, name):
            options += ["--" + name.replace("_", "-"), getattr(settings, name)]
    return [*argv, *options]


def test_admin_cli_collects_and_lists(backups: Backups,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    tenant_id = backups.tenant()
    device = backups.device(tenant_id)
    kept, unused = backups.upload(device)[0], backups.upload(device, 300)[0]
    snapshot_id = uuid.uuid4()
    device.put(f"/v1/backups/snapshots/{snapshot_id}", json=snapshot_body([kept]))
    backups.age(tenant_id)
    settings_ = backups.api.settings
    assert main(_cli(settings_, "admin", "gc", "--tenant", str(tenant_id), "--json")) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["tenants"][0]["chunks_removed"] == 1
    assert main(_cli(settings_, "admin", "gc", "--tenant", str(tenant_id))) == 0
    assert capsys.readouterr().out.strip() == "nothing to remove"
    assert main(_cli(settings_, "admin", "snapshots", str(tenant_id), "--json")) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [x["snapshot_id"] for x in listed] == [str(snapshot_id)]
    assert backups.chunk_row(tenant_id, unused) is None


def test_background_loop_collects_and_stops_promptly(
        make_settings: Callable[..., Settings]) -> None:
    settings_ = make_settings(gc_interval_minutes=0.005, gc_grace_hours=0)
    with live_server(settings_) as url:
        with open_backups(Api(url, settings_)) as env:
            tenant_id = env.tenant()
            chunk_id = env.upload(env.device(tenant_id))[0]
            deadline = time.monotonic() + 15
            while env.chunk_row(tenant_id, chunk_id) is not None:
                assert time.monotonic() < deadline, "the background loop never collected"
                time.sleep(0.05)
        stopping = time.monotonic()
    assert time.monotonic() - stopping < 5
