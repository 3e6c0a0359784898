"""The background helper: results and errors come back on the UI thread; the UI thread never waits."""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QThread
from pytestqt.qtbot import QtBot

from studycompanion.core.errors import UserError
from studycompanion.ui.common.worker import Failure, Worker


def test_result_and_error_arrive_on_the_ui_thread(qtbot: QtBot) -> None:
    worker = Worker()
    ui_thread = QThread.currentThread()
    got: list[tuple[str, object, bool]] = []
    ran_on: list[threading.Thread] = []

    def slow() -> int:
        ran_on.append(threading.current_thread())
        time.sleep(0.2)
        return 42

    def bad() -> None:
        raise UserError("The clip could not be read.", "av: EOF")

    t0 = time.monotonic()
    worker.run(slow, lambda v: got.append(("ok", v, QThread.currentThread() is ui_thread)))
    worker.run(bad, None, lambda f: got.append(("err", f, QThread.currentThread() is ui_thread)))
    assert time.monotonic() - t0 < 0.1  # run() returns at once
    qtbot.waitUntil(lambda: len(got) == 2, timeout=3000)
    assert ran_on[0] is not threading.main_thread()
    ok = next(g for g in got if g[0] == "ok")
    err = next(g for g in got if g[0] == "err")
    assert ok[1] == 42 and ok[2]
    assert isinstance(err[1], Failure) and err[1].message == "The clip could not be read." and err[2]
    assert "av: EOF" in err[1].detail
    worker.wait()
