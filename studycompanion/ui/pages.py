"""Pages made on first use (clip, For You, review) and the Export / Settings dialogs, with stand-ins when a view
is missing from this build."""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from studycompanion.services import Services
from studycompanion.ui.icons import icon
from studycompanion.ui.worker import Worker

log = logging.getLogger(__name__)


def _class(module: str, name: str) -> Any | None:
    try:
        return getattr(importlib.import_module(f"studycompanion.ui.{module}"), name)
    except ImportError as exc:
        if exc.name != f"studycompanion.ui.{module}":
            log.exception("ui.%s failed to import", module)
        return None
    except AttributeError:
        return None


class LazyPage(QWidget):
    """A page of the main stack whose view is made the first time it is needed (start-up stays fast)."""

    built = Signal(QWidget)

    def __init__(self, factory: Callable[[], QWidget | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._factory: Callable[[], QWidget | None] | None = factory
        self._view: QWidget | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    def view(self) -> QWidget | None:
        if self._view is None and self._factory is not None:
            factory, self._factory = self._factory, None
            self._view = factory()
            if self._view is not None:
                layout = self.layout()
                assert layout is not None
                layout.addWidget(self._view)
                self.built.emit(self._view)
        return self._view

    def peek(self) -> QWidget | None:
        """The view if it has been made (never makes it)."""
        return self._view


class PlaceholderClipView(QWidget):
    """Shown only when ui/clip_view.py is missing: the title and a way back."""

    back_requested = Signal()

    def __init__(self, services: Services, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.worker = worker
        layout = QVBoxLayout(self)
        back = QPushButton(icon("back"), "Back")
        back.clicked.connect(self.back_requested)
        layout.addWidget(back, 0, Qt.AlignmentFlag.AlignLeft)
        self.title = QLabel()
        layout.addWidget(self.title)
        layout.addStretch(1)

    def show_clip(self, video_id: int, at_seconds: float | None = None) -> None:
        lib = self.services.library
        self.worker.run(lambda: lib.get(video_id), lambda v: self.title.setText(v.title))


def make_clip_view(services: Services, worker: Worker) -> QWidget:
    cls = _class("clip_view", "ClipView")
    if cls is None:
        return PlaceholderClipView(services, worker)
    widget: QWidget = cls(services, worker)
    return widget


def make_foryou_view(services: Services, worker: Worker) -> QWidget | None:
    """The interests engineer's For You page (ranking, reasons, more / less of this, the profile), if built."""
    cls = _class("foryou_view", "ForYouView")
    return cls(services, worker) if cls is not None else None


def make_review_view(services: Services, worker: Worker) -> QWidget | None:
    cls = _class("review_view", "ReviewView")
    return cls(services, worker) if cls is not None else None


def open_export_dialog(parent: QWidget, services: Services, worker: Worker, *, video_id: int | None = None,
                       tag: str | None = None) -> QWidget | None:
    cls = _class("export_dialog", "ExportDialog")
    if cls is None:
        return None
    dialog: QWidget = cls(services, worker, parent, video_id=video_id, tag=tag)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()  # not modal: the export runs in the background and the window stays usable
    return dialog


def open_settings_dialog(parent: QWidget, services: Services, worker: Worker) -> QWidget | None:
    cls = _class("settings_dialog", "SettingsDialog")
    if cls is None:
        return None
    dialog: QWidget = cls(services, worker, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
