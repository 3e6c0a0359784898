"""The app's side of the on-screen text process: one child, started on the first clip, reused, killed on cancel.

The composition root builds one ScreenReader (which starts nothing) and Services.close() closes it. A read
sends the clip to the child (core/screen/worker.py) and waits for its lines, passing progress on; the caller's
`should_stop` is polled every 0.1 s and a cancel kills the child at once (the next clip starts a fresh one).
A child that dies mid-clip (a native crash, out of memory, killed) becomes ScreenEngineStopped, a readable,
retriable error; the app itself never imports rapidocr or onnxruntime.
"""

from __future__ import annotations

import json
import logging
import os
import queue
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any

from studycompanion.core.errors import BadInput, JobCancelled, UserError
from studycompanion.core.screen.engine import OcrSettings
from studycompanion.core.screen.merge import MergeSettings, ScreenLine
from studycompanion.core.screen.protocol import ReadRequest, line_from_message
from studycompanion.core.screen.reader import ReadStats
from studycompanion.core.screen.sampling import SamplingSettings

log = logging.getLogger(__name__)

POLL_SECONDS = 0.1
START_TIMEOUT = 60.0  # the child must answer a request within this (its imports are slow on a cold disk)
QUIET_TIMEOUT = 180.0  # ... and then say something (progress) at least this often, or it counts as hung
WORKER_FLAG = "--screen-worker"  # a frozen bundle's executable runs the worker when given this


class ScreenEngineStopped(UserError):
    """The on-screen text process died or hung mid-clip; the job can be retried (a fresh process starts)."""


class ScreenEngineFailed(UserError):
    """The on-screen text process reported an error it could not recover from for this clip."""


def _worker_command() -> list[str]:
    if getattr(sys, "frozen", False):
        return [sys.executable, WORKER_FLAG]
    return [sys.executable, "-m", "studycompanion.core.screen.worker"]


def _worker_env() -> dict[str, str]:
    env = dict(os.environ)
    package_parent = str(Path(__file__).resolve().parents[3])  # so a source checkout works uninstalled
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_parent, env.get("PYTHONPATH", "")) if p)
    env.setdefault("PYTHONUNBUFFERED", "1")
    return env


class _Child:
    """The running worker process, with reader threads turning its output lines into a queue."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            _worker_command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            env=_worker_env(), text=True, encoding="utf-8", bufsize=1,
        )
        self.messages: queue.Queue[tuple[str, dict[str, Any]] | None] = queue.Queue()
        self.stderr_tail: deque[str] = deque(maxlen=40)
        threading.Thread(target=self._read_stdout, daemon=True, name="screen-engine-out").start()
        threading.Thread(target=self._read_stderr, daemon=True, name="screen-engine-err").start()

    def _read_stdout(self) -> None:
        assert self.proc.stdout is not None
        try:
            for line in self.proc.stdout:
                try:
                    tag, body = json.loads(line)
                except ValueError:
                    self.stderr_tail.append(line)
                    continue
                self.messages.put((str(tag), dict(body)))
        except (OSError, ValueError):
            pass
        self.messages.put(None)  # EOF: the child is gone (or going)

    def _read_stderr(self) -> None:
        assert self.proc.stderr is not None
        try:
            for line in self.proc.stderr:
                self.stderr_tail.append(line)
        except (OSError, ValueError):
            pass

    def send(self, tag: str, body: dict[str, Any]) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps([tag, body]) + "\n")
        self.proc.stdin.flush()

    def alive(self) -> bool:
        return self.proc.poll() is None

    def stop(self, graceful: bool) -> None:
        if graceful and self.alive():
            try:
                self.send("stop", {})
                self.proc.wait(2.0)
            except (OSError, ValueError, subprocess.TimeoutExpired):
                pass
        if self.alive():
            self.proc.kill()
            try:
                self.proc.wait(2.0)
            except subprocess.TimeoutExpired:
                log.warning("on-screen text process %s did not exit after kill", self.proc.pid)
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            try:
                if stream is not None:
                    stream.close()
            except (OSError, ValueError):
                pass


def _stats_from(body: dict[str, Any], into: ReadStats) -> None:
    for f in fields(ReadStats):
        if f.name in body:
            setattr(into, f.name, type(getattr(into, f.name))(body[f.name]))


class ScreenReader:
    """Reads clips' on-screen text in one child process, one clip at a time (callers queue on a lock)."""

    def __init__(self, settings: OcrSettings | None = None) -> None:
        self.settings = settings or OcrSettings()
        self._lock = threading.Lock()
        self._child: _Child | None = None
        self.starts = 0  # child processes started so far (tests: the models load once, a crash restarts)
        self.last_cpu = 0.0  # CPU seconds the child spent on the last clip it finished (the benchmark)

    @property
    def pid(self) -> int | None:
        child = self._child
        return child.proc.pid if child is not None and child.alive() else None

    def _ensure_started(self) -> _Child:
        if self._child is not None and self._child.alive():
            return self._child
        self._discard()
        self._child = _Child()
        self.starts += 1
        log.info("on-screen text process started (pid %s)", self._child.proc.pid)
        return self._child

    def _discard(self, graceful: bool = False) -> None:
        child, self._child = self._child, None
        if child is not None:
            child.stop(graceful)

    def close(self) -> None:
        """Ask the child to stop, then make sure it did (Services.close)."""
        self._discard(graceful=True)

    def ping(self, timeout: float = START_TIMEOUT) -> dict[str, Any]:
        """Start the child if needed and ask for its pid (tests)."""
        with self._lock:
            child = self._ensure_started()
            child.send("ping", {})
            return self._receive(child, lambda: False, timeout)[1]

    def preload(self, timeout: float = START_TIMEOUT * 2) -> float:
        """Start the child and load the models now; the child's CPU seconds so far (imports and models)."""
        with self._lock:
            child = self._ensure_started()
            child.send("load", {"ocr": asdict(self.settings)})
            tag, body = self._receive(child, lambda: False, timeout)
            if tag == "error":
                raise ScreenEngineFailed(str(body.get("message")), str(body.get("detail") or ""))
            return float(body.get("cpu", 0.0))

    def crash_for_test(self, code: int = 139) -> None:
        """Make the child exit as a native crash would (no message, no cleanup)."""
        if self._child is not None:
            self._child.send("crash", {"code": code})

    def _stopped(self, child: _Child, why: str) -> ScreenEngineStopped:
        _wait_briefly(child)
        code = child.proc.poll()
        tail = "".join(child.stderr_tail)[-2000:]
        self._discard()
        return ScreenEngineStopped(
            "The on-screen text reader stopped unexpectedly; nothing in the library was changed. "
            "Retry the job (it starts a fresh reader).",
            f"{why}; exit code {code}\n{tail}".strip(),
        )

    def _receive(self, child: _Child, stop: Callable[[], bool], timeout: float) -> tuple[str, dict[str, Any]]:
        deadline = time.monotonic() + timeout
        while True:
            if stop():
                raise JobCancelled()
            try:
                message = child.messages.get(timeout=POLL_SECONDS)
            except queue.Empty:
                if not child.alive() and child.messages.empty():
                    raise self._stopped(child, "the on-screen text process exited") from None
                if time.monotonic() > deadline:
                    raise self._stopped(child, f"the on-screen text process said nothing for {timeout:.0f} s") \
                        from None
                continue
            if message is None:
                raise self._stopped(child, "the on-screen text process closed its output")
            return message

    def _acquire(self, stop: Callable[[], bool]) -> None:
        while not self._lock.acquire(timeout=POLL_SECONDS):  # another clip is being read: wait, but cancellably
            if stop():
                raise JobCancelled()

    def read(
        self,
        path: Path,
        *,
        should_stop: Callable[[], bool] | None = None,
        progress: Callable[[float], None] | None = None,
        sampling: SamplingSettings | None = None,
        merging: MergeSettings | None = None,
        stats: ReadStats | None = None,
    ) -> list[ScreenLine]:
        """The clip's on-screen text lines, as `read_screen_text` gives them, read in the child process.

        Raises BadInput for a missing or unreadable video, JobCancelled within 0.1 s of `should_stop` turning
        True (the child is killed), ScreenEngineStopped when the child dies or hangs, ScreenEngineFailed for
        another error it reports."""
        path = Path(path)
        if not path.is_file():
            raise BadInput(f"{path} does not exist.")
        stop = should_stop or (lambda: False)
        report = progress or (lambda fraction: None)
        request = ReadRequest(path.resolve(), self.settings, sampling or SamplingSettings(), merging or MergeSettings())
        self._acquire(stop)
        try:
            if stop():
                raise JobCancelled()
            child = self._ensure_started()
            try:
                child.send("read", request.to_message())
            except (OSError, ValueError) as exc:
                raise self._stopped(child, f"could not send the clip: {exc}") from exc
            try:
                return self._answer(child, stop, report, stats)
            except (BadInput, ScreenEngineFailed, ScreenEngineStopped):
                raise  # reported by the child, which waits for the next clip (or already discarded)
            except BaseException:
                self._discard()  # cancelled or interrupted mid-clip: the child is killed, the next clip starts anew
                raise
        finally:
            self._lock.release()

    def _answer(self, child: _Child, stop: Callable[[], bool], report: Callable[[float], None],
                stats: ReadStats | None) -> list[ScreenLine]:
        timeout = START_TIMEOUT
        while True:
            tag, body = self._receive(child, stop, timeout)
            timeout = QUIET_TIMEOUT
            if tag == "started":
                continue
            if tag == "progress":
                report(float(body["fraction"]))
            elif tag == "done":
                self.last_cpu = float(body.get("cpu", 0.0))
                if stats is not None:
                    _stats_from(dict(body.get("stats") or {}), stats)
                return [line_from_message(dict(line)) for line in body.get("lines", [])]
            elif tag == "error":
                message = str(body.get("message") or "Reading the on-screen text failed.")
                detail = str(body.get("detail") or "")
                if body.get("kind") == "bad_input":
                    raise BadInput(message, detail)
                raise ScreenEngineFailed(message, detail)


def _wait_briefly(child: _Child) -> None:
    try:
        child.proc.wait(0.5)
    except subprocess.TimeoutExpired:
        pass
