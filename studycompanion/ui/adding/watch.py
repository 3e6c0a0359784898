"""The watch folder in the window: every few seconds one pass of core/capture/watch_folder.py on the worker, adding
each new media file of the chosen folder (Settings › watch_folder) once, through the pipeline; `added` says what.

The folder is read from the shared settings at each tick, so a change in the Settings dialog applies at once.
What was added is remembered in <library>/watch_folder.json (a file is never added twice, even after a restart).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from studycompanion.core.capture.watch_folder import AddFile, ScanResult, WatchFolder, WatchOutcome
from studycompanion.services import Services
from studycompanion.ui.common.worker import Failure, Worker

log = logging.getLogger(__name__)

INTERVAL_MS = 5000
STATE_FILE = "watch_folder.json"


class WatchFolderRunner(QObject):
    added = Signal(object)  # ScanResult with at least one entry (added, already there or failed)
    failed = Signal(object)  # Failure

    def __init__(self, services: Services, worker: Worker, parent: QObject | None = None, *,
                 interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self.services = services
        self.worker = worker
        self._watch: WatchFolder | None = None
        self._busy = False
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    def folder(self) -> Path | None:
        text = (self.services.settings.watch_folder or "").strip()
        return Path(text).expanduser() if text else None

    def tick(self) -> None:
        folder = self.folder()
        if folder is None or self._busy or self.services.read_only:
            return
        self._busy = True
        services = self.services
        current = self._watch

        def scan() -> tuple[WatchFolder, ScanResult]:
            watch = current
            if watch is None or watch.folder != folder:  # first pass, or another folder was chosen
                watch = WatchFolder(folder, services.paths.root / STATE_FILE, _adder(services))
            return watch, watch.scan()

        self.worker.run(scan, self._scanned, self._failed)

    def _scanned(self, value: tuple[WatchFolder, ScanResult]) -> None:
        self._busy = False
        self._watch, result = value
        if result.entries:
            self.added.emit(result)

    def _failed(self, failure: Failure) -> None:
        self._busy = False
        self.failed.emit(failure)

    def stop(self) -> None:
        self.timer.stop()


def _adder(services: Services) -> AddFile:
    def add(path: Path) -> tuple[int | None, bool]:
        outcome = services.pipeline.add_file(path)
        return (outcome.video.id if outcome.video is not None else None), outcome.created

    return add


def describe(result: ScanResult) -> str:
    """One line for the message bar: what the watch folder added, what was already there, what failed."""
    translate = QCoreApplication.translate
    parts = []
    added = [e.path.name for e in result.added]
    if added:
        shown = ", ".join(added[:3])
        if len(added) > 3:
            shown = translate("WatchFolder", "{names} and {n} more").format(names=shown, n=len(added) - 3)
        parts.append(translate("WatchFolder", "Added from the watch folder: {names}. Transcribing in the background")
                     .format(names=shown))
    already = [e for e in result.entries if e.outcome is WatchOutcome.ALREADY_IN_LIBRARY]
    if already:
        parts.append(translate("WatchFolder", "{n} already in the library").format(n=len(already)))
    failed = [e for e in result.entries if e.outcome is WatchOutcome.FAILED]
    if failed:
        parts.append(translate("WatchFolder", "{file} could not be added: {error}").format(
            file=failed[0].path.name, error=failed[0].error))
    return "; ".join(parts) + "."
