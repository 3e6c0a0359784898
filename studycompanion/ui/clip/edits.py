"""The clip's own marks edited in the clip view: favourite, tags (added, removed, suggestions kept or dropped) and
the creator's credibility; each written on the worker, then shown as the library holds it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel

from studycompanion.core.db.tables import Video
from studycompanion.core.interests.creators import CreatorMark
from studycompanion.core.interests.models import Credibility
from studycompanion.core.types import TagSource
from studycompanion.ui.clip.header import ClipHeader
from studycompanion.ui.clip.ops import change_tags, suggested_tags
from studycompanion.ui.clip.tag_editor import TagEditor
from studycompanion.ui.common.worker import Background, Failure

if TYPE_CHECKING:
    from studycompanion.services import Services


class ClipEdits(QObject):
    """Connects the header's favourite button and creator menu and the tag editor to the library.
    `favourite_saved(video)` and `tags_saved(video)` say what changed; failures are told on the `status` line."""

    favourite_saved = Signal(object)  # the Video with its new favourite flag
    tags_saved = Signal(object)  # the Video after a tag change

    def __init__(self, services: Services, bg: Background, header: ClipHeader, tags: TagEditor,
                 vid: Callable[[], int | None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services, self._bg, self.header, self.tags, self._vid = services, bg, header, tags, vid
        self.status: QLabel = header.status
        self.creator: CreatorMark | None = None
        header.credibility_chosen.connect(self.mark_creator)
        header.favourite_button.clicked.connect(self.set_favourite)
        tags.tag_added.connect(lambda name: self.change_tags(name, action="add"))
        tags.tag_removed.connect(lambda name: self.change_tags(name, action="remove"))
        tags.tag_accepted.connect(lambda name: self.change_tags(name, action="accept"))
        tags.tag_rejected.connect(lambda name: self.change_tags(name, action="reject"))

    # ---- creator -------------------------------------------------------------------------------------

    def show_creator(self, mark: CreatorMark | None) -> None:
        self.creator = mark
        self.header.show_creator(mark)

    def mark_creator(self, credibility: Credibility) -> None:
        mark = self.creator
        if mark is None:
            return
        creators, handle = self.services.creators, mark.handle
        self._bg(lambda: creators.mark(handle, credibility), self.show_creator,
                 lambda f: self.status.setText(f.message))

    # ---- favourite -----------------------------------------------------------------------------------

    def set_favourite(self, checked: bool) -> None:
        vid = self._vid()
        if vid is None:
            return
        library = self.services.library
        self.header.favourite_button.setText(self.tr("Favourited") if checked else self.tr("Favourite"))
        self._bg(lambda: library.set_favourite(vid, checked), self.favourite_saved.emit,
                 lambda f: self._revert_favourite(not checked, f))

    def _revert_favourite(self, value: bool, failure: Failure) -> None:
        self.header.set_favourite(value)
        self.status.setText(failure.message)

    # ---- tags ----------------------------------------------------------------------------------------

    def change_tags(self, name: str, *, action: str) -> None:
        """add / remove a tag, or accept / reject a suggested one; then show what the library holds."""
        vid = self._vid()
        if vid is None:
            return

        def done(result: tuple[Video, dict[str, TagSource], list[str]]) -> None:
            video, sources, known = result
            if self._vid() == vid:
                self.tags.set_tags(list(sources), suggested_tags(sources))
                self.tags.set_known_tags(known)
                self.status.setText("")
            self.tags_saved.emit(video)

        services = self.services
        self._bg(lambda: change_tags(services, vid, name, action), done, lambda f: self.status.setText(f.message))
