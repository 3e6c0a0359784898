"""Run work off the UI thread and get its result (or a readable error) back on the UI thread.

The one helper every view uses (HOUSE.md habit 4): `Worker.run(fn, on_done, on_error)` calls `fn` on a pool thread,
then `on_done(result)` or `on_error(UserError-like)` on the UI thread. Callbacks whose owner QObject has been
deleted are skipped, so a closed view never gets a late result.
"""

from __future__ import annotations

import logging
import traceback
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal, Slot
from shiboken6 import isValid

from studycompanion.core.errors import UserError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Failure:
    """What a background call raised, ready to show: a readable message and the details to copy."""

    message: str
    detail: str

    @classmethod
    def from_exception(cls, exc: BaseException) -> Failure:
        detail = "".join(traceback.format_exception(exc))
        if isinstance(exc, UserError):
            return cls(exc.message, (exc.detail + "\n\n" + detail).strip())
        return cls(QCoreApplication.translate("Worker", "Something went wrong: {error}").format(error=exc), detail)


# run(fn, done, failed): `fn` on the worker, the callbacks back on the UI thread (a view's `_bg`, which drops them
# once the view is gone); the helpers a view owns are handed it
Background = Callable[[Callable[[], Any], Callable[[Any], Any] | None, Callable[[Failure], Any] | None], None]


class _Relay(QObject):
    """Carries a result from a pool thread to the UI thread (a queued signal to its own slot). It belongs to the
    application, so a Worker deleted while its tasks still run (a closed window's) never takes with it the object
    a running task emits on, nor a connection that emission walks."""

    done = Signal(object, object)  # (callback, value)

    def __init__(self, parent: QObject | None) -> None:
        super().__init__(parent)
        self.done.connect(self._deliver)

    @Slot(object, object)
    def _deliver(self, callback: Callable[[Any], None] | None, value: Any) -> None:
        if callback is None:
            return
        owner = getattr(callback, "__self__", None)
        if isinstance(owner, QObject) and not isValid(owner):
            return  # the view that asked is gone
        callback(value)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay, on_done: Callable[[Any], None] | None,
                 on_error: Callable[[Failure], None] | None) -> None:
        super().__init__()
        self.fn, self.relay, self.on_done, self.on_error = fn, relay, on_done, on_error

    def run(self) -> None:
        try:
            result = self.fn()
        except BaseException as exc:  # noqa: BLE001 - everything reaches the user as a Failure
            if not isinstance(exc, UserError):
                log.exception("background task failed")
            self.relay.done.emit(self.on_error, Failure.from_exception(exc))
        else:
            self.relay.done.emit(self.on_done, result)


class _Unhandled:
    """A failure nobody asked to handle: the Worker's `on_unhandled_error`, or the log. Holds the Worker weakly, so
    a task never keeps a closed window's Worker alive (nor deletes it from a pool thread when it ends)."""

    def __init__(self, worker: Worker) -> None:
        self.worker = weakref.ref(worker)

    def __call__(self, failure: Failure) -> None:
        worker = self.worker()
        handler = worker.on_unhandled_error if worker is not None and isValid(worker) else None
        if handler is not None:
            handler(failure)
        else:
            log.error("background failure: %s", failure.message)


class Worker(QObject):
    """Runs work on a thread pool; results come back through a queued signal, so always on the UI thread. The pool
    and the relay belong to the application (see _Relay): deleting a Worker with tasks in flight is safe, and their
    results are then delivered only to callbacks whose owner is still there."""

    def __init__(self, parent: QObject | None = None, max_threads: int = 4) -> None:
        super().__init__(parent)
        owner = QCoreApplication.instance() or self
        self.pool = QThreadPool(owner)
        self.pool.setMaxThreadCount(max_threads)
        self._relay = _Relay(owner)
        self._unhandled = _Unhandled(self)
        self.on_unhandled_error: Callable[[Failure], None] | None = None

    def run(self, fn: Callable[[], Any], on_done: Callable[[Any], None] | None = None,
            on_error: Callable[[Failure], None] | None = None) -> None:
        self.pool.start(_Task(fn, self._relay, on_done, on_error or self._unhandled))

    def wait(self, msecs: int = 5000) -> bool:
        return self.pool.waitForDone(msecs)
