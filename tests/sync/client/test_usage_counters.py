"""Usage counters: nothing counted before opting in, counts only, previewed, sent once."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sync.client import licence, outbox, usage
from sync.client.device import CloudConfig
from sync.client.http import Offline
from sync.wire.licence import LicenceState
from sync.wire.usage import MAX_COUNTER_AGE_DAYS
from tests.cloud_server import ServerProcess


def test_nothing_is_counted_until_the_user_opts_in() -> None:
    usage.count("entries.posted")
    assert usage.preview() == []
    usage.set_enabled(True)
    monday, tuesday = date.today() - timedelta(days=2), date.today() - timedelta(days=1)
    usage.count("entries.posted", 2, day=monday)
    usage.count("entries.posted", day=monday)
    usage.count("reports.trial_balance", day=tuesday)
    [batch] = usage.preview()
    assert [(c.name, c.day, c.value) for c in batch.counters] == [
        ("entries.posted", monday, 3), ("reports.trial_balance", tuesday, 1)]
    assert set(batch.model_dump()) == {"batch_id", "counters"}
    usage.set_enabled(False)
    assert usage.preview() == []


def test_counters_older_than_the_service_keeps_are_not_sent() -> None:
    usage.set_enabled(True)
    usage.count("entries.posted", 4, day=date.today() - timedelta(days=MAX_COUNTER_AGE_DAYS + 1))
    usage.count("entries.posted", 1, day=date.today() - timedelta(days=MAX_COUNTER_AGE_DAYS))
    [batch] = usage.preview()
    assert [c.value for c in batch.counters] == [1]
    assert usage.seal() == 1
    assert usage.preview()[0].counters == batch.counters
    with outbox.connect() as cx:
        assert cx.execute("SELECT count(*) FROM usage_counter").fetchone()[0] == 0


def test_batches_are_sent_once_and_survive_a_restart(server: ServerProcess,
                                                     connected: tuple) -> None:
    tenant = connected[0]
    usage.set_enabled(True)
    usage.count("entries.posted", 5)
    config = CloudConfig.load()
    good_server = config.server
    config.server = "http://127.0.0.1:9"
    config.save()
    with licence.service(CloudConfig.load()) as api:
        result = usage.send(api)
    assert result.offline and result.sent == 0 and result.left == 1
    [queued] = outbox.pending("usage")
    assert queued.attempts == 1 and queued.last_error

    config.server = good_server
    config.save()
    later = datetime.now(UTC) + timedelta(days=1)
    with licence.service(CloudConfig.load()) as api:
        drained = outbox.drain({"usage": usage.handler(api)}, now=later)
        assert drained.sent == 1 and drained.left == 0
        api.post("/v1/usage", json=queued.payload)  # the same batch again: counted once
    with server.operator() as client:
        rows = client.get(f"/v1/admin/tenants/{tenant}/usage").json()["rows"]
    assert [(r["name"], r["value"]) for r in rows] == [("entries.posted", 5)]


def test_an_item_leaves_the_outbox_only_when_its_handler_succeeds() -> None:
    with outbox.connect() as cx:
        assert outbox.add(cx, "test", {"n": 1}, "k1")
        assert not outbox.add(cx, "test", {"n": 1}, "k1")

    def down(item: outbox.Item) -> None:
        raise Offline("down")

    assert outbox.drain({"test": down}).offline
    assert len(outbox.pending("test")) == 1
    assert outbox.drain({"test": lambda item: None}).sent == 0  # not due yet: backoff
    assert outbox.drain({"test": lambda item: None},
                        now=datetime.now(UTC) + timedelta(hours=5)).sent == 1
    assert outbox.pending() == []


def test_a_pc_whose_licence_was_revoked_keeps_its_counts(server: ServerProcess,
                                                         connected: tuple) -> None:
    """Refused once, the batch waits; once a check-in has told the PC, it no longer asks."""
    tenant, licence_id, _ = connected
    usage.set_enabled(True)
    usage.count("entries.posted", 5)
    server.revoke(tenant, licence_id)
    with licence.service(CloudConfig.load()) as api:
        refused = usage.send(api)
    assert (refused.sent, refused.failed, refused.left, refused.offline) == (0, 0, 1, False)
    assert refused.held and "licence of this PC was revoked on" in refused.held
    [kept] = outbox.pending("usage")
    assert kept.attempts == 1 and kept.last_error == refused.held

    assert licence.check_in().state is LicenceState.READ_ONLY
    with licence.service(CloudConfig.load()) as api:
        held = usage.send(api)
    assert held.held == licence.status().reason and held.left == 1
    assert outbox.pending("usage") == [kept]
