"""What the window keeps running beside its views: the library guard (a vanished folder), the watch folder, the
import progress bar, the hand-over from a second start, and the first-run offer of a bigger model.

`WindowUpkeep` is a plain helper the main window owns (composition): it is handed the parts it works on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMainWindow, QProgressBar

from studycompanion.core.capture.watch_folder import ScanResult
from studycompanion.services import Services
from studycompanion.ui.adding.adding import AddController
from studycompanion.ui.adding.watch import WatchFolderRunner, describe
from studycompanion.ui.common.empty_state import EmptyState
from studycompanion.ui.common.message_bar import MessageBar
from studycompanion.ui.common.worker import Worker
from studycompanion.ui.shell.library_health import LibraryGuard


@dataclass
class UpkeepParts:
    window: QMainWindow
    services: Services
    worker: Worker
    adding: AddController
    message_bar: MessageBar
    empty: EmptyState
    clips_changed: Callable[[], None]  # the grid and the sidebar re-read the library


class WindowUpkeep(QObject):
    def __init__(self, parts: UpkeepParts) -> None:
        super().__init__(parts.window)
        self.p = parts
        self.guard = LibraryGuard(parts.services, parts.window, background=parts.worker.run)
        self.watch = WatchFolderRunner(parts.services, parts.worker, self)  # Settings › watch folder
        self.watch.added.connect(self._watched)
        self.watch.failed.connect(parts.message_bar.show_failure)
        self.guard.lost.connect(lambda _problem: self.watch.stop())  # nothing more is added to a library that's gone
        self.import_bar = QProgressBar()  # an import's links being queued
        self.import_bar.setAccessibleName(self.tr("Import progress"))
        self.import_bar.setMaximumWidth(220)
        self.import_bar.setFormat(self.tr("Queueing %v of %m"))
        self.import_bar.hide()
        parts.window.statusBar().addPermanentWidget(self.import_bar)
        parts.adding.added.connect(lambda _result: self.import_bar.hide())
        parts.adding.progress.connect(self.import_progress)
        self._offer_model()

    def import_progress(self, done: int, total: int) -> None:
        self.import_bar.setRange(0, max(1, total))
        self.import_bar.setValue(done)
        self.import_bar.setVisible(done < total)

    def _watched(self, result: ScanResult) -> None:
        if result.added:
            self.p.clips_changed()
        self.p.message_bar.show_info(describe(result), seconds=10)

    def open_arguments(self, args: list[str]) -> None:
        """Files and links handed over by a second start (or given on the command line): add them, come forward."""
        window = self.p.window
        if window.isMinimized():
            window.showNormal()
        window.raise_()
        window.activateWindow()
        self.p.adding.add_arguments(args)

    def show_notices(self) -> None:
        """What opening the library said (read-only, a repair, a full disk), once the window shows."""
        if self.p.services.notices:
            self.p.message_bar.show_info(" ".join(self.p.services.notices), seconds=30)

    def _offer_model(self) -> None:
        """The welcome page offers a bigger model to whoever still uses a bundled one."""
        from studycompanion.core.transcribe.figures import RECOMMENDED_DOWNLOADS
        from studycompanion.core.transcribe.figures import describe as accuracy
        from studycompanion.core.transcribe.models import MODELS, ModelSource

        current = MODELS.get(self.p.services.settings.model)
        offer = MODELS.get(RECOMMENDED_DOWNLOADS[0])
        if offer is not None and (current is None or current.source is not ModelSource.DOWNLOAD):
            self.p.empty.offer_model(offer.name, offer.approx_mb, accuracy(offer.name, {}))

    def stop(self) -> None:
        self.guard.timer.stop()  # a closed window polls nothing
        self.watch.stop()
