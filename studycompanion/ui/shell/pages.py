"""Pages made on first use (clip, For You, review) and the Export / Settings dialogs. Their modules are imported
when first needed (start-up stays fast), by name in code: a broken import fails loudly, never silently."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from studycompanion.services import Services
from studycompanion.ui.common.worker import Worker

if TYPE_CHECKING:
    from studycompanion.ui.clip.view import ClipView
    from studycompanion.ui.foryou.view import ForYouView
    from studycompanion.ui.review.view import ReviewView

log = logging.getLogger(__name__)


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


def make_clip_view(services: Services, worker: Worker) -> ClipView:
    from studycompanion.ui.clip.view import ClipView  # imported on first use: its player loads QtMultimedia

    return ClipView(services, worker)


def make_foryou_view(services: Services, worker: Worker) -> ForYouView:
    from studycompanion.ui.foryou.view import ForYouView

    return ForYouView(services, worker)


def make_review_view(services: Services, worker: Worker) -> ReviewView:
    from studycompanion.ui.review.view import ReviewView  # its player (made on the first card) too

    return ReviewView(services, worker)


def open_export_dialog(parent: QWidget, services: Services, worker: Worker, *, video_id: int | None = None,
                       tag: str | None = None) -> QWidget:
    from studycompanion.ui.dialogs.export import ExportDialog

    dialog = ExportDialog(services, worker, parent, video_id=video_id, tag=tag)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()  # not modal: the export runs in the background and the window stays usable
    return dialog


def open_settings_dialog(parent: QWidget, services: Services, worker: Worker, *, model: str | None = None) -> QWidget:
    from studycompanion.ui.dialogs.settings import SettingsDialog

    dialog = SettingsDialog(services, worker, parent)
    if model is not None:
        dialog.show_model(model)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
