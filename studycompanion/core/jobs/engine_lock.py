"""One transcription engine per machine user at a time: a cross-process file lock around the transcribe step.

Each process (the app, every CLI `add`) that transcribes takes the lock first; the others wait, saying so in
their job's progress line, and can be cancelled while they wait. A process that finishes while another waits
closes its engine (frees the model's memory) before it lets go, so two engines never hold a model at once
while one of them is wanted elsewhere. The lock is an OS lock (core/filelock.py: flock / msvcrt): a killed
holder releases it.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import platformdirs

from studycompanion.core.filelock import try_lock, unlock

log = logging.getLogger(__name__)

LOCK_ENV = "STUDYCOMPANION_ENGINE_LOCK"
POLL_SECONDS = 0.25


def default_lock_path() -> Path:
    """Per machine user (not per library): the user's runtime or cache folder."""
    env = os.environ.get(LOCK_ENV)
    if env:
        return Path(env)
    return Path(platformdirs.user_cache_dir("StudyCompanion", appauthor=False)) / "transcription-engine.lock"


class EngineLock:
    """The machine user's transcription-engine lock. Reentrant within one process (one holder per process)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_lock_path()
        self._fh: IO[bytes] | None = None
        self._depth = 0

    @property
    def held(self) -> bool:
        return self._fh is not None

    def others_waiting(self) -> bool:
        """Whether another process waits for the engine (it holds a shared lock on the waiting-room file)."""
        try:
            with open(self._waiting_path(), "ab") as fh:
                if try_lock(fh):
                    unlock(fh)
                    return False
                return True
        except OSError:
            return False

    def _waiting_path(self) -> Path:
        return self.path.with_name(self.path.name + ".waiting")

    def acquire(self, cancelled: Callable[[], bool] = lambda: False,
                waiting: Callable[[float], None] = lambda _s: None, timeout: float | None = None) -> bool:
        """Take the lock, waiting while another process holds it; False when cancelled or timed out."""
        if self._fh is not None:
            self._depth += 1
            return True
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fh = open(self.path, "ab")  # noqa: SIM115 - held open while locked
        except OSError as exc:  # no cache folder (read-only home): run without the lock rather than not at all
            log.warning("transcription engine lock unavailable (%s): running without it", exc)
            self._depth += 1
            return True
        if try_lock(fh):
            self._fh, self._depth = fh, 1
            return True
        started = time.monotonic()
        room: IO[bytes] | None = None
        try:
            room = open(self._waiting_path(), "ab")  # noqa: SIM115
            try_lock(room, shared=True)  # tells the holder someone waits
        except OSError:
            room = None
        try:
            while True:
                if cancelled() or (timeout is not None and time.monotonic() - started > timeout):
                    fh.close()
                    return False
                waiting(time.monotonic() - started)
                time.sleep(POLL_SECONDS)
                if try_lock(fh):
                    self._fh, self._depth = fh, 1
                    return True
        finally:
            if room is not None:
                room.close()

    def release(self) -> None:
        if self._depth > 0:
            self._depth -= 1
        if self._depth == 0 and self._fh is not None:
            try:
                unlock(self._fh)
            finally:
                self._fh.close()
                self._fh = None

    @contextmanager
    def hold(self, cancelled: Callable[[], bool] = lambda: False,
             waiting: Callable[[float], None] = lambda _s: None) -> Iterator[bool]:
        got = self.acquire(cancelled, waiting)
        try:
            yield got
        finally:
            if got:
                self.release()


def serialised(step: Callable[[Any], Any], lock: EngineLock, free_engine: Callable[[], None]) -> Callable[[Any], Any]:
    """Wrap a transcribe step handler (it gets a StepContext): the engine lock is held while it runs; a process
    another one waits for frees its engine before letting go."""

    def run(ctx: Any) -> Any:
        def waiting(seconds: float) -> None:
            ctx.progress(None, f"Waiting for the transcription engine (another StudyCompanion uses it, "
                               f"{seconds:.0f} s)")

        with lock.hold(ctx.cancelled, waiting) as got:
            ctx.check_cancelled()
            if not got:
                return None
            try:
                return step(ctx)
            finally:
                if lock.others_waiting():
                    free_engine()

    return run
