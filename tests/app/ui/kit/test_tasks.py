"""The task runner: work runs off the GUI thread, and its outcome comes back on the GUI thread."""

from __future__ import annotations

import threading

import pytest
from pytestqt.qtbot import QtBot

from app.ui.kit.tasks import Cancelled, Progress, TaskRunner


@pytest.fixture
def runner(qapp) -> TaskRunner:
    made = TaskRunner("test")
    yield made
    made.shutdown()


def test_work_runs_on_a_worker_and_the_result_arrives_on_the_gui_thread(
    runner: TaskRunner, qtbot: QtBot
) -> None:
    gui = threading.get_ident()
    seen: dict[str, int] = {}

    def work(_progress: Progress) -> int:
        seen["work"] = threading.get_ident()
        return 42

    def done(result: int) -> None:
        seen["done"] = threading.get_ident()
        seen["result"] = result

    runner.run(work, done)
    qtbot.waitUntil(lambda: "result" in seen)
    assert seen["work"] != gui
    assert seen["done"] == gui
    assert seen["result"] == 42
    assert not runner.busy


def test_an_error_in_the_work_reaches_on_error_on_the_gui_thread(
    runner: TaskRunner, qtbot: QtBot
) -> None:
    errors: list[tuple[BaseException, int]] = []

    def work(_progress: Progress) -> None:
        raise ValueError("the reason")

    runner.run(work, lambda _r: None, lambda exc: errors.append((exc, threading.get_ident())))
    qtbot.waitUntil(lambda: bool(errors))
    assert str(errors[0][0]) == "the reason"
    assert errors[0][1] == threading.get_ident()


def test_progress_reaches_the_gui_and_cancel_stops_the_work(
    runner: TaskRunner, qtbot: QtBot
) -> None:
    started, reports, errors = threading.Event(), [], []

    def work(progress: Progress) -> None:
        progress.report(1, 10, "first")
        started.set()
        while True:
            progress.check()

    handle = runner.run(work, lambda _r: None, errors.append,
                        lambda done, total, text: reports.append((done, total, text)))
    assert started.wait(5)
    handle.cancel()
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], Cancelled)
    assert reports[0] == (1, 10, "first")
    assert handle.done


def test_one_writer_thread_keeps_the_order_of_submission(
    runner: TaskRunner, qtbot: QtBot
) -> None:
    order: list[int] = []
    for n in range(20):
        runner.run(lambda _p, n=n: n, order.append)
    qtbot.waitUntil(lambda: len(order) == 20)
    assert order == list(range(20))


def test_synchronous_runner_gives_the_outcome_at_once(qapp) -> None:
    runner = TaskRunner("inline", synchronous=True)
    results: list[int] = []
    runner.run(lambda _p: 7, results.append)
    assert results == [7]
    with pytest.raises(KeyError):
        runner.run(lambda _p: {}["missing"])
    runner.shutdown()


def test_progress_and_outcome_arriving_after_the_page_closed_are_dropped(
        qtbot: QtBot, session) -> None:
    """A company closed during an export deletes the page and its progress dialog; the reports
    still queued must not touch the deleted dialog."""
    from PySide6.QtWidgets import QApplication, QWidget
    from shiboken6 import delete

    from app.ui.kit.progress import run_with_progress

    page = QWidget()
    done: list[int] = []

    def work(_books, progress: Progress) -> int:
        for step in range(3):
            progress.report(step, 3)
        return 3

    run_with_progress(page, session, "Exporting", work, done.append, reading=True)
    delete(page)                              # the page goes first, then the queued reports
    QApplication.processEvents()
    assert done == [3]
