"""`gui --screenshot`: open a view at 1280x800 (or `--size`), wait until it has loaded and painted, save a PNG, quit."""

from __future__ import annotations

import logging
import time
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

from studycompanion.core.types import JobState, VideoStatus
from studycompanion.ui.shell.main_window import MainWindow

log = logging.getLogger(__name__)

VIEWS = ("library", "clip", "jobs", "foryou")
SIZE = (1280, 800)
HAS_MEDIA = (VideoStatus.READY, VideoStatus.TRANSCRIBED, VideoStatus.CARDS)


class ScreenshotTaker(QObject):
    """Polls until the window is settled for a few ticks in a row (lists read, thumbnails decoded, worker idle)."""

    TICK_MS = 100
    QUIET_TICKS = 6
    TIMEOUT_S = 40.0

    def __init__(self, window: MainWindow, view: str, path: Path, *, size: tuple[int, int] | None = None) -> None:
        super().__init__(window)
        if view not in VIEWS:
            raise ValueError(f"unknown view {view!r}; choose one of {', '.join(VIEWS)}")
        self.window = window
        self.view = view
        self.path = Path(path)
        self.size = size or SIZE
        self.saved = False
        self._quiet = 0
        self._opened_clip = False
        self._started = 0.0
        self._timer = QTimer(self)
        self._timer.setInterval(self.TICK_MS)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self.window.resize(*self.size)
        self.window.show()
        if self.view == "foryou":
            # offscreen a playing video paints nothing: the feed shows its clip paused, on its first frame
            self.window.foryou_view.feed.autoplay = False
        if self.view in ("jobs", "foryou"):
            self.window.show_view(self.view)
        self._started = time.monotonic()
        self._timer.start()

    def _tick(self) -> None:
        w = self.window
        if self.view == "clip" and not self._opened_clip:
            if w.library_model.is_loading:
                return
            model = w.library_model
            if model.rowCount() == 0:
                log.warning("the library is empty: no clip to show")
                self._opened_clip = True
                return
            items = [model.item(row) for row in range(min(model.rowCount(), model.PAGE))]
            if any(it is None for it in items):
                return
            # the first clip that has been downloaded (a clip still waiting for its download has nothing to show)
            first = next((it for it in items if it is not None and it.status in HAS_MEDIA), items[0])
            assert first is not None
            w.open_clip(first.id)
            self._opened_clip = True
            self._quiet = 0
            return
        # touching the visible rows asks for their pages and thumbnails; wait until those have arrived
        w.library_view.view.viewport().update()
        if w.is_settled():
            self._quiet += 1
        else:
            self._quiet = 0
        timed_out = time.monotonic() - self._started > self.TIMEOUT_S
        if self.view == "jobs" and self._quiet == 1:
            self._select_telling_job()
        if self._quiet >= self.QUIET_TICKS or timed_out:
            if timed_out:
                log.warning("screenshot: the window did not settle in %.0f s; saving what is shown", self.TIMEOUT_S)
            self._save()

    def _select_telling_job(self) -> None:
        """Show the details panel with something in it: a failed job's error, else the running one."""
        view = self.window.jobs_view
        jobs = view.model.jobs()
        for state in (JobState.FAILED, JobState.RUNNING):
            job = next((j for j in jobs if j.state == state and j.id is not None), None)
            if job is not None and job.id is not None:
                view.select_job(job.id)
                return

    def _save(self) -> None:
        self._timer.stop()
        QApplication.processEvents()
        pixmap = self.window.grab()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.saved = bool(pixmap.save(str(self.path), "PNG"))
        if self.saved:
            print(f"{self.path}\t{pixmap.width()}x{pixmap.height()}")
        QApplication.instance().exit(0 if self.saved else 1)  # type: ignore[union-attr]
