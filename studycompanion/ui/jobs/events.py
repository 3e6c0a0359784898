"""Bring the pipeline's job updates (called on its worker threads) onto the UI thread as a Qt signal."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QTimer, Signal

from studycompanion.core.db.tables import Job
from studycompanion.core.jobs.pipeline import Pipeline


class JobEvents(QObject):
    """`job_changed(Job)` fires on the UI thread; bursts are coalesced to the latest state of each job.

    The pipeline calls listeners from its worker threads. The listener only stores the job under a lock and
    posts one queued signal; the UI thread then delivers at most one update per job per flush (every 100 ms),
    so a fast download cannot flood the event loop.
    """

    job_changed = Signal(object)  # Job
    _posted = Signal()

    FLUSH_MS = 100

    def __init__(self, pipeline: Pipeline, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = threading.Lock()
        self._pending: dict[int, Job] = {}
        self._closed = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(self.FLUSH_MS)
        self._timer.timeout.connect(self._flush)
        self._posted.connect(self._schedule)  # queued across threads: this object lives on the UI thread
        pipeline.subscribe(self._listener)

    def _listener(self, job: Job) -> None:  # worker threads
        if self._closed or job.id is None:
            return
        with self._lock:
            first = not self._pending
            self._pending[job.id] = job
        if first:
            try:
                self._posted.emit()
            except RuntimeError:  # the QObject is gone (app quitting)
                pass

    def _schedule(self) -> None:
        if not self._timer.isActive():
            self._timer.start()

    def _flush(self) -> None:
        with self._lock:
            jobs, self._pending = list(self._pending.values()), {}
        for job in jobs:
            self.job_changed.emit(job)

    def close(self) -> None:
        self._closed = True
        self._timer.stop()
