"""The background worker: results and failures come back on the UI thread, and a Worker deleted while its tasks
still run (a closed window's) never crashes the app (it used to segfault: the pool and the relay a running task
emitted on went with the Worker)."""

from __future__ import annotations

import functools
import gc
import threading
import time

from pytestqt.qtbot import QtBot

from studycompanion.core.errors import UserError
from studycompanion.ui.common.worker import Failure, Worker


def test_a_result_and_a_failure_come_back_on_the_ui_thread(qtbot: QtBot) -> None:
    worker = Worker()
    ui_thread = threading.get_ident()
    got: list[tuple[str, object, int]] = []
    worker.run(lambda: threading.get_ident(), lambda v: got.append(("done", v, threading.get_ident())))

    def fail() -> None:
        raise UserError("The library is read-only.")

    worker.run(fail, None, lambda f: got.append(("failed", f.message, threading.get_ident())))
    qtbot.waitUntil(lambda: len(got) == 2, timeout=5000)
    done = next(g for g in got if g[0] == "done")
    failed = next(g for g in got if g[0] == "failed")
    assert done[1] != ui_thread and done[2] == ui_thread  # ran on a pool thread, delivered on the UI thread
    assert failed[1] == "The library is read-only." and failed[2] == ui_thread
    worker.wait()


def test_an_unhandled_failure_reaches_the_window_s_handler(qtbot: QtBot) -> None:
    worker = Worker()
    seen: list[Failure] = []
    worker.on_unhandled_error = seen.append
    worker.run(lambda: 1 / 0)
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert "division by zero" in seen[0].message
    worker.wait()


def _slow(value: int) -> int:
    time.sleep(0.002)
    return value


def test_deleting_a_worker_with_tasks_in_flight_is_safe(qtbot: QtBot) -> None:
    delivered: list[int] = []
    for i in range(60):
        worker = Worker()
        for _ in range(3):
            worker.run(functools.partial(_slow, i), delivered.append)
        worker.run(lambda: 1 / 0)  # an unhandled failure of a Worker that is gone by then: logged, no crash
        del worker
        gc.collect()
        qtbot.wait(1)
    kept = Worker()
    kept.run(lambda: 7, delivered.append)
    qtbot.waitUntil(lambda: 7 in delivered, timeout=5000)  # the app goes on working
    kept.wait()
