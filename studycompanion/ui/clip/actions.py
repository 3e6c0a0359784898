"""What a student can do to selected clips from a list: favourite, tag, retry, open the source, delete."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QInputDialog, QMenu, QMessageBox, QWidget

from studycompanion.core.library.clips import normalise_tag
from studycompanion.core.types import VideoStatus
from studycompanion.services import Services
from studycompanion.ui.common.icons import icon
from studycompanion.ui.common.worker import Failure, Worker
from studycompanion.ui.library.model import ClipItem


def parse_tags(text: str) -> list[str]:
    """'Cardio::Murmurs, step1  #pharm' -> ['Cardio::Murmurs', 'step1', 'pharm'] (commas or spaces)."""
    raw = [part for chunk in text.split(",") for part in chunk.split()]
    return [t for t in (normalise_tag(r) for r in raw) if t]


class ClipActions(QObject):
    """Runs clip edits on the worker; `changed(ids)` fires on the UI thread when the library changed."""

    changed = Signal(list)  # video ids
    deleted = Signal(list)
    failed = Signal(object)  # Failure

    def __init__(self, services: Services, worker: Worker, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.worker = worker

    def _run(self, fn: object, ids: Sequence[int], deleted: bool = False) -> None:
        ids = list(ids)

        def done(_result: object) -> None:
            (self.deleted if deleted else self.changed).emit(ids)

        self.worker.run(fn, done, self._failed)  # type: ignore[arg-type]

    def _failed(self, failure: Failure) -> None:
        self.failed.emit(failure)

    def set_favourite(self, ids: Sequence[int], favourite: bool) -> None:
        lib = self.services.library
        self._run(lambda: [lib.set_favourite(i, favourite) for i in ids], ids)

    def add_tags(self, ids: Sequence[int], tags: Sequence[str]) -> None:
        lib = self.services.library
        tags = list(tags)
        self._run(lambda: [lib.tags.tag(i, tags) for i in ids], ids)

    def remove_tags(self, ids: Sequence[int], tags: Sequence[str]) -> None:
        lib = self.services.library
        tags = list(tags)
        self._run(lambda: [lib.tags.untag(i, tags) for i in ids], ids)

    def delete(self, ids: Sequence[int]) -> None:
        actions = self.services.clip_actions
        self._run(lambda: actions.delete(ids), ids, deleted=True)

    def retry(self, ids: Sequence[int]) -> None:
        """Retry each clip's failed or cancelled jobs; a failed clip without a job gets a new download."""
        actions = self.services.clip_actions
        self._run(lambda: actions.retry(ids), ids)

    # ---- the context menu --------------------------------------------------------------------------------

    def menu(self, parent: QWidget, items: Sequence[ClipItem]) -> QMenu:
        ids = [it.id for it in items]
        menu = QMenu(parent)
        if len(items) == 1:
            open_action = menu.addAction(icon("play"), self.tr("Open"))
            open_action.setObjectName("open")
        all_fav = all(it.favourite for it in items)
        fav = menu.addAction(icon("favourite"),
                             self.tr("Remove from favourites") if all_fav else self.tr("Add to favourites"))
        fav.triggered.connect(lambda: self.set_favourite(ids, not all_fav))
        tag = menu.addAction(icon("tag"), self.tr("Add tags…"))
        tag.triggered.connect(lambda: self.ask_tags(parent, ids))
        present = sorted({t for it in items for t in it.tags})
        if present:
            untag = menu.addMenu(icon("tags"), self.tr("Remove tag"))
            for name in present:
                untag.addAction(name).triggered.connect(lambda _=False, n=name: self.remove_tags(ids, [n]))
        if any(it.status in (VideoStatus.FAILED, VideoStatus.QUEUED, VideoStatus.READY) for it in items):
            menu.addAction(icon("retry"), self.tr("Retry")).triggered.connect(lambda: self.retry(ids))
        urls = [it.source_url for it in items if it.source_url.startswith(("http://", "https://"))]
        if len(items) == 1 and urls:
            menu.addAction(icon("open"), self.tr("Open source link")).triggered.connect(
                lambda: QDesktopServices.openUrl(QUrl(urls[0])))
        menu.addSeparator()
        menu.addAction(icon("delete"), self.tr("Delete…")).triggered.connect(lambda: self.confirm_delete(parent, items))
        return menu

    def ask_tags(self, parent: QWidget, ids: Sequence[int]) -> None:
        text, ok = QInputDialog.getText(
            parent, self.tr("Add tags"),
            self.tr("Tags (separate with commas or spaces; use :: for sub-topics, e.g. Cardio::Murmurs):"))
        if ok and parse_tags(text):
            self.add_tags(ids, parse_tags(text))

    def confirm_delete(self, parent: QWidget, items: Sequence[ClipItem]) -> None:
        question = (self.tr("Delete “{title}” with its files, transcript and cards? This cannot be undone.").format(
            title=items[0].title) if len(items) == 1 else
            self.tr("Delete {n} clips with their files, transcripts and cards? This cannot be undone.").format(
                n=len(items)))
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        answer = QMessageBox.question(  # No is the default: Enter never deletes by accident
            parent, self.tr("Delete clips"), question, buttons, QMessageBox.StandardButton.No)
        if answer == QMessageBox.StandardButton.Yes:
            self.delete([it.id for it in items])
