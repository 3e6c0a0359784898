"""The app's side of the on-screen text process: one child, started on the first clip, reused, killed on cancel.

The composition root builds one ScreenReader (which starts nothing) and Services.close() closes it. A read
sends the clip to the child (core/screen/worker.py) and waits for its lines, passing progress on; the caller's
`should_stop` is polled every 0.1 s and a cancel kills the child at once (the next clip starts a fresh one).
A child that dies mid-clip (a native crash, out of memory, killed) becomes ScreenEngineStopped, a readable,
retriable error; the app itself never imports rapidocr or onnxruntime.
"""

from __future__ import annotations

import logging
import queue
import subprocess
import time
from collections.abc import Callable
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any

from studycompanion.core.childproc import LazyWorker, WorkerChild, worker_command
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
    return worker_command("studycompanion.core.screen.worker", WORKER_FLAG)



def _stats_from(body: dict[str, Any], into: ReadStats) -> None:
    for f in fields(ReadStats):
        if f.name in body:
            setattr(into, f.name, type(getattr(into, f.name))(body[f.name]))


class ScreenReader(LazyWorker):
    """Reads clips' on-screen text in one child process, one clip at a time (callers queue on a lock)."""

    name = "on-screen text process"

    def __init__(self, settings: OcrSettings | None = None) -> None:
        super().__init__()
        self.settings = settings or OcrSettings()
        self.last_cpu = 0.0  # CPU seconds the child spent on the last clip it finished (the benchmark)

    def _command(self) -> list[str]:
        return _worker_command()

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

    def _stopped(self, child: WorkerChild, why: str) -> ScreenEngineStopped:
        _wait_briefly(child)
        code = child.proc.poll()
        tail = "".join(child.stderr_tail)[-2000:]
        self._discard()
        return ScreenEngineStopped(
            "The on-screen text reader stopped unexpectedly; nothing in the library was changed. "
            "Retry the job (it starts a fresh reader).",
            f"{why}; exit code {code}\n{tail}".strip(),
        )

    def _receive(self, child: WorkerChild, stop: Callable[[], bool], timeout: float) -> tuple[str, dict[str, Any]]:
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

    def _answer(self, child: WorkerChild, stop: Callable[[], bool], report: Callable[[float], None],
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


def _wait_briefly(child: WorkerChild) -> None:
    try:
        child.proc.wait(0.5)
    except subprocess.TimeoutExpired:
        pass
