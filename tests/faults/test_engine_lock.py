"""One transcription engine per machine user: a second process waits for the lock (and says so), a waiting
process is seen by the holder, and kill -9 of the holder frees the lock."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from studycompanion.core.jobs.engine_lock import EngineLock

HOLDER = """
import sys, time
from pathlib import Path
from studycompanion.core.jobs.engine_lock import EngineLock
lock = EngineLock(Path(sys.argv[1]))
assert lock.acquire()
print("held", flush=True)
end = time.monotonic() + float(sys.argv[2])
while time.monotonic() < end:
    if lock.others_waiting():
        print("someone waits", flush=True)
        break
    time.sleep(0.05)
time.sleep(float(sys.argv[3]))
"""


def _holder(path: Path, watch: float, then: float) -> subprocess.Popen[str]:
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(path), str(watch), str(then)], text=True,
                            stdout=subprocess.PIPE, cwd=Path(__file__).resolve().parents[2])
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    return proc


def test_second_process_waits_and_is_seen_waiting(tmp_path: Path) -> None:
    path = tmp_path / "engine.lock"
    holder = _holder(path, 10, 0.5)
    lock = EngineLock(path)
    waited: list[float] = []
    started = time.monotonic()
    assert lock.acquire(waiting=waited.append, timeout=20)
    assert waited and time.monotonic() - started >= 0.4  # it waited for the holder, saying so
    assert holder.stdout is not None and holder.stdout.readline().strip() == "someone waits"
    lock.release()
    holder.wait(10)


def test_kill_9_of_the_holder_frees_the_lock(tmp_path: Path) -> None:
    path = tmp_path / "engine.lock"
    holder = _holder(path, 0, 60)
    lock = EngineLock(path)
    assert not lock.acquire(timeout=0.3)
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait(10)
    assert lock.acquire(timeout=5)
    lock.release()


def test_cancel_while_waiting(tmp_path: Path) -> None:
    path = tmp_path / "engine.lock"
    holder = _holder(path, 0, 60)
    try:
        calls = [0]

        def cancelled() -> bool:
            calls[0] += 1
            return calls[0] > 2

        started = time.monotonic()
        assert not EngineLock(path).acquire(cancelled)
        assert time.monotonic() - started < 2
    finally:
        holder.kill()
        holder.wait(10)
