"""Run work off the UI thread and get its result (or a readable error) back on the UI thread.

The one helper every view uses (HOUSE.md habit 4): `Worker.run(fn, on_done, on_error)` calls `fn` on a pool thread,
then `on_done(result)` or `on_error(UserError-like)` on the UI thread. Callbacks whose owner QObject has been
deleted are skipped, so a closed view never gets a late result.
"""

from __future__ import annotations

import logging
import traceback
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
    done = Signal(object, object)  # (callback, value)


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


class Worker(QObject):
    """Owns a thread pool; results come back through a queued signal, so always on the UI thread."""

    def __init__(self, parent: QObject | None = None, max_threads: int = 4) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(max_threads)
        self._relay = _Relay(self)
        self._relay.done.connect(self._deliver)
        self.on_unhandled_error: Callable[[Failure], None] | None = None

    def run(self, fn: Callable[[], Any], on_done: Callable[[Any], None] | None = None,
            on_error: Callable[[Failure], None] | None = None) -> None:
        self.pool.start(_Task(fn, self._relay, on_done, on_error or self._unhandled))

    def _unhandled(self, failure: Failure) -> None:
        if self.on_unhandled_error is not None:
            self.on_unhandled_error(failure)
        else:
            log.error("background failure: %s", failure.message)

    @Slot(object, object)
    def _deliver(self, callback: Callable[[Any], None] | None, value: Any) -> None:
        if callback is None:
            return
        owner = getattr(callback, "__self__", None)
        if isinstance(owner, QObject) and not isValid(owner):
            return  # the view that asked is gone
        callback(value)

    def wait(self, msecs: int = 5000) -> bool:
        return self.pool.waitForDone(msecs)
