"""Choosing a transcription model: what each one is, whether it is on this computer, and a cancellable download.

Statuses are read and downloads run on the worker (core/transcribe/models.py, core/transcribe/download.py); download
progress crosses to the UI thread through a signal.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from studycompanion.core.errors import JobCancelled
from studycompanion.core.transcribe.figures import RECOMMENDED_DOWNLOADS, Speed, describe, load_speeds
from studycompanion.core.transcribe.models import MODELS, ModelSource, ModelStatus, model_statuses
from studycompanion.ui.common.owned import owned
from studycompanion.ui.common.worker import Failure, Worker

NAME_ROLE = Qt.ItemDataRole.UserRole + 1


class _Progress(QObject):
    changed = Signal(int, int, str)  # bytes done, bytes total (0 = unknown), file name


def _human_mb(n: int) -> str:
    return f"{n / 1_000_000:.0f} MB" if n >= 1_000_000 else f"{n / 1000:.0f} kB"


class ModelPicker(QWidget):
    """A combo box of every known model, its status line, and a Download button for downloadable ones."""

    model_ready = Signal(str)

    def __init__(self, models_dir: Path, worker: Worker, current: str, parent: QWidget | None = None,
                 downloader: Any = None, measure: Callable[[str], Speed] | None = None) -> None:
        super().__init__(parent)
        self.models_dir = models_dir
        self.worker = worker
        self._downloader = downloader  # tests swap in a local server's download; None = core.model_download
        self._measure = measure  # times a model on this computer after its download (core/transcribe/figures.py)
        self._speeds: dict[str, Speed] = {}
        self._statuses: dict[str, ModelStatus] = {}
        self._cancel: threading.Event | None = None
        self._downloading: str | None = None
        self._progress = _Progress(self)
        self._progress.changed.connect(self._on_progress)

        self.combo = QComboBox(self)
        # as wide as the dialog allows, never as wide as its longest entry ("base — multilingual, the default
        # (ships with the app) (ready)"): the full text shows in the open list
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(24)
        self.combo.setAccessibleName(self.tr("Transcription model"))
        # what ships first, then the downloads worth it for accuracy, then the rest
        order = [n for n, s in MODELS.items() if s.source is not ModelSource.DOWNLOAD]
        order += [n for n in RECOMMENDED_DOWNLOADS if n in MODELS]
        order += [n for n in MODELS if n not in order]
        for name in order:
            self.combo.addItem(name, name)
        index = self.combo.findData(current)
        self.combo.setCurrentIndex(index if index >= 0 else 0)
        self.combo.currentIndexChanged.connect(self._update)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.download_button = QPushButton(self.tr("Download"), self)
        self.download_button.clicked.connect(self._download_or_cancel)
        self.bar = QProgressBar(self)
        self.bar.setTextVisible(True)
        self.bar.hide()

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.combo, 1)
        row.addWidget(self.download_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(self.bar)
        self.download_button.hide()
        self.refresh()


    def _bg(self, fn: Callable[[], Any], done: Callable[[Any], Any] | None = None,
            failed: Callable[[Failure], Any] | None = None) -> None:
        """Run `fn` on the worker; its callbacks are dropped if this widget is gone by then."""
        self.worker.run(fn, owned(self, done) if done else None, owned(self, failed) if failed else None)

    def selected(self) -> str:
        return str(self.combo.currentData())

    def is_available(self, name: str | None = None) -> bool:
        status = self._statuses.get(name or self.selected())
        return bool(status and status.available)

    def is_downloading(self) -> bool:
        return self._downloading is not None

    def refresh(self) -> None:
        models_dir = self.models_dir
        self._bg(lambda: (model_statuses(models_dir), load_speeds(models_dir)), self._set_statuses,
                 lambda f: self.status.setText(f.message))

    def _set_statuses(self, read: tuple[list[ModelStatus], dict[str, Speed]]) -> None:
        statuses, self._speeds = read
        self._statuses = {s.spec.name: s for s in statuses}
        for i in range(self.combo.count()):
            name = str(self.combo.itemData(i))
            st = self._statuses.get(name)
            spec = MODELS[name]
            better = name in RECOMMENDED_DOWNLOADS
            if st and st.available:
                mark = self.tr("ready")
            elif spec.source is ModelSource.DOWNLOAD:
                mark = (self.tr("download {size} MB, more accurate") if better else
                        self.tr("download {size} MB")).format(size=spec.approx_mb)
            else:
                mark = self.tr("not installed, more accurate") if better else self.tr("not installed")
            self.combo.setItemText(i, f"{name}  —  {spec.note} ({mark})")
        self._update()

    def _update(self) -> None:
        name = self.selected()
        spec = MODELS[name]
        st = self._statuses.get(name)
        busy = self._downloading is not None
        if busy:
            self.download_button.setText(self.tr("Cancel download"))
            self.download_button.show()
            return
        if st is None:
            self.status.setText(self.tr("Checking…"))
            self.download_button.hide()
            return
        language = self.tr("many languages") if spec.multilingual else self.tr("English only")
        figures = describe(name, self._speeds)
        if st.available:
            self.status.setText(self.tr("Ready on this computer ({language}, about {size} MB). {figures}").format(
                language=language, size=spec.approx_mb, figures=figures))
            self.download_button.hide()
        elif spec.source is ModelSource.DOWNLOAD:
            self.status.setText(self.tr("Not on this computer yet ({language}). Downloading it needs the internet once "
                                        "(about {size} MB, resumable, checked when done); the current model keeps "
                                        "working meanwhile. {figures}").format(language=language,
                                                                               size=spec.approx_mb, figures=figures))
            self.download_button.setText(self.tr("Download ({size} MB)").format(size=spec.approx_mb))
            self.download_button.show()
        else:
            self.status.setText(self.tr("Not installed. {how}").format(how=st.how))
            self.download_button.hide()

    # ---- download ---------------------------------------------------------------------------------

    def _download_or_cancel(self) -> None:
        if self._downloading is not None:
            if self._cancel is not None:
                self._cancel.set()
            self.download_button.setEnabled(False)
            self.status.setText(self.tr("Cancelling…"))
            return
        self.download(self.selected())

    def download(self, name: str) -> None:
        """Fetch a downloadable model in the background, with progress; resumable when cancelled."""
        from studycompanion.core.transcribe import download as model_download

        download = self._downloader or model_download.download_model
        cancel = threading.Event()
        self._cancel, self._downloading = cancel, name
        relay, models_dir = self._progress, self.models_dir
        self.bar.setRange(0, 0)
        self.bar.show()
        self.status.setText(self.tr("Downloading {name}…").format(name=name))
        self._update()

        def run() -> Path | None:
            def progress(done: int, total: int, filename: str) -> None:
                from shiboken6 import isValid

                if isValid(relay):
                    relay.changed.emit(done, total, filename)

            try:
                return Path(download(name, models_dir, progress=progress, cancel=cancel))
            except JobCancelled:
                return None  # the partial files stay: the next download resumes

        self._bg(run, lambda path: self._finished(name, None, cancelled=path is None),
                        lambda f: self._finished(name, f))

    def cancel(self) -> None:
        if self._cancel is not None:
            self._cancel.set()

    def _on_progress(self, done: int, total: int, filename: str) -> None:
        if total > 0:
            self.bar.setRange(0, 1000)
            self.bar.setValue(int(done * 1000 / total))
            self.bar.setFormat(self.tr("{file}: {done} of {total}").format(file=filename, done=_human_mb(done),
                                                                            total=_human_mb(total)))
        else:
            self.bar.setRange(0, 0)
            self.bar.setFormat(f"{filename}: {_human_mb(done)}")

    def _finished(self, name: str, failure: Failure | None, cancelled: bool = False) -> None:
        self._downloading, self._cancel = None, None
        self.download_button.setEnabled(True)
        self.bar.hide()
        if failure is None and not cancelled:
            self.model_ready.emit(name)
            self.refresh()
            if self._measure is not None:  # how fast it is here, on the demo clip (about a minute of speech)
                measure = self._measure
                self.status.setText(self.tr("Downloaded. Timing {name} on this computer…").format(name=name))
                self._bg(lambda: measure(name), lambda _s: self.refresh(),
                         lambda f: self.status.setText(
                             self.tr("Downloaded; it could not be timed: {error}").format(error=f.message)))
            return
        self._update()
        self.status.setText(self.tr("Download stopped; it resumes where it stopped next time.") if cancelled
                            else failure.message if failure else "")
