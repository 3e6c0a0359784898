"""The clip view's header row: back, title and source line, job status (with Undo for a fix), creator mark,
favourite and export.

`ClipHeader` only shows a clip and offers its buttons; the clip view connects the buttons to the work
(`back_button`, `favourite_button`, `export_button`, `meta.linkActivated`, `credibility_chosen`).
"""

from __future__ import annotations

import functools

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QSizePolicy, QToolButton, QVBoxLayout, QWidget

from studycompanion.core.cards.drafts import PLATFORM_NAMES, format_time
from studycompanion.core.cards.source import creator_label
from studycompanion.core.db.tables import Video
from studycompanion.core.interests.creators import LABELS as CREDIBILITY_LABELS
from studycompanion.core.interests.creators import CreatorMark
from studycompanion.core.interests.models import Credibility
from studycompanion.ui.common.elided import ElidedLabel
from studycompanion.ui.common.icons import icon


class ClipHeader(QWidget):
    """One row above the player and the tabs; it shows, the view acts."""

    credibility_chosen = Signal(object)  # the Credibility picked from the creator menu

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.back_button = QToolButton(self)
        self.back_button.setIcon(icon("back"))
        self.back_button.setToolTip(self.tr("Back (Alt+Left)"))
        self.back_button.setAccessibleName(self.tr("Back"))
        self.back_button.setAutoRaise(True)
        self.title = ElidedLabel(self)  # ends in "…" beside the buttons, the whole title in its tooltip
        title_font = self.title.font()
        title_font.setPointSizeF(title_font.pointSizeF() * 1.35)
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.meta = QLabel(self)
        self.meta.setTextFormat(Qt.TextFormat.RichText)
        self.meta.setOpenExternalLinks(False)  # links open only when clicked, through the view
        self.meta.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.status = QLabel(self)
        self.status.setForegroundRole(self.status.foregroundRole())
        self.undo_button = QToolButton(self)  # undoes what the status line reports (a transcript fix)
        self.undo_button.setObjectName("undoFixButton")
        self.undo_button.setText(self.tr("Undo"))
        self.undo_button.setToolTip(self.tr("Put the transcript, key points and drafts back as they were before this "
                                            "fix"))
        self.undo_button.hide()
        self.creator_button = QToolButton(self)
        self.creator_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.creator_button.setAutoRaise(True)
        self.creator_button.setAccessibleName(self.tr("Creator"))  # show_creator adds who and how they are marked
        creator_menu = QMenu(self.creator_button)
        for credibility in Credibility:
            creator_menu.addAction(CREDIBILITY_LABELS[credibility], functools.partial(self._choose, credibility))
        self.creator_button.setMenu(creator_menu)
        self.creator_button.hide()
        self.favourite_button = QToolButton(self)
        self.favourite_button.setCheckable(True)
        self.favourite_button.setIcon(icon("favourite"))
        self.favourite_button.setText(self.tr("Favourite"))
        self.favourite_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.favourite_button.setToolTip(self.tr("Keep this clip in Favourites"))
        self.export_button = QToolButton(self)
        self.export_button.setIcon(icon("export"))
        self.export_button.setText(self.tr("Export cards…"))
        self.export_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.export_button.setToolTip(self.tr("Send this clip's cards to Anki (.apkg or AnkiConnect)"))

        # the title shares its row with the buttons; the source line and the job status have the full width under
        # it (at 1024 px the source line was cut by the buttons)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignVCenter)
        top.addWidget(self.title, 1)
        top.addWidget(self.creator_button)
        top.addWidget(self.favourite_button)
        top.addWidget(self.export_button)
        under = QHBoxLayout()
        under.setContentsMargins(self.back_button.sizeHint().width() + 6, 0, 0, 0)
        under.addWidget(self.meta, 1)
        under.addWidget(self.status)
        under.addWidget(self.undo_button)
        header = QVBoxLayout(self)
        header.setContentsMargins(4, 4, 4, 4)
        header.setSpacing(0)
        header.addLayout(top)
        header.addLayout(under)

    def _choose(self, credibility: Credibility) -> None:
        self.credibility_chosen.emit(credibility)

    def show_video(self, video: Video) -> None:
        """Title, the source line (creator, platform, length, link), the favourite state; the status is cleared."""
        self.title.setText(video.title or self.tr("Untitled clip"))
        self.title.setToolTip(video.title)
        self.meta.setText(source_line(video))
        self.meta.setToolTip(video.source_url)
        self.set_favourite(video.favourite)
        self.status.setText("")

    def set_favourite(self, value: bool) -> None:
        self.favourite_button.setChecked(value)
        self.favourite_button.setText(self.tr("Favourited") if value else self.tr("Favourite"))

    def show_creator(self, mark: CreatorMark | None) -> None:
        """Who made the clip, as far as the student knows; cards from unverified creators are marked for checking."""
        if mark is None:
            self.creator_button.hide()
            return
        if mark.verify:
            self.creator_button.setText(self.tr("⚠ {label} creator: check the facts").format(label=mark.label))
            self.creator_button.setToolTip(self.tr("@{handle} is not marked as a physician or resident: cards from "
                                                   "this clip carry StudyCompanion::verify in Anki. Mark who they are:")
                                           .format(handle=mark.handle))
        else:
            self.creator_button.setText(f"✓ {mark.label}")  # the mark's label comes from core
            self.creator_button.setToolTip(self.tr("@{handle} is marked as a {label}").format(
                handle=mark.handle, label=mark.label.lower()))
        self.creator_button.setAccessibleName(self.tr("Creator @{handle}: {mark}").format(
            handle=mark.handle, mark=self.creator_button.text().lstrip("⚠✓ ")))
        self.creator_button.show()

    def show_empty(self) -> None:
        """No clip: a placeholder title, the clip buttons off."""
        self.title.setText(self.tr("No clip selected"))
        self.meta.setText("")
        for w in (self.favourite_button, self.export_button):
            w.setEnabled(False)
        self.creator_button.hide()

    def show_problem(self, message: str) -> None:
        """The clip could not be read: say so, and why."""
        self.title.setText(self.tr("This clip cannot be shown"))
        self.meta.setText(escape(message))

    def enable(self) -> None:
        self.favourite_button.setEnabled(True)
        self.export_button.setEnabled(True)


def source_line(video: Video) -> str:
    """'@handle (Name) · Platform · 0:14 · Open source ↗' as rich text; the link only for web sources."""
    parts = []
    handle = creator_label(video.creator_handle, video.creator_name, video.platform)  # the one "@creator" rule
    if handle:
        name = f" ({video.creator_name})" if video.creator_name and video.creator_handle else ""
        parts.append(escape(handle + name))
    platform = PLATFORM_NAMES.get(video.platform, video.platform)
    if platform:
        parts.append(escape(platform))
    if video.duration:
        parts.append(format_time(video.duration))
    url = video.source_url
    if url.startswith(("http://", "https://")):
        link = QCoreApplication.translate("ClipHeader", "Open source ↗")
        parts.append(f'<a href="{escape(url)}">{link}</a>')
    return " · ".join(parts)


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
