"""The clip view: player beside the transcript, key points, card drafts, tags, notes, favourite and source.

`ClipView(services, worker)` is one page of the main window's stack: `show_clip(video_id, at_seconds)` loads a
clip in the background and shows it; `back_requested` asks the window to go back. Everything that reads or writes
the library runs on the worker; this widget only lays out and forwards.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QSizePolicy,
    QSplitter,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from studycompanion.core.cards import PLATFORM_NAMES, format_time
from studycompanion.core.creators import LABELS as CREDIBILITY_LABELS
from studycompanion.core.creators import CreatorMark, Creators, clip_handle
from studycompanion.core.interest_models import Credibility
from studycompanion.core.models import Job, Video
from studycompanion.core.types import CardState, JobState, JobStep, KeyPoint, TagSource, VideoStatus
from studycompanion.ui.cards_panel import CardsPanel
from studycompanion.ui.icons import icon
from studycompanion.ui.keypoints_list import KeyPointList
from studycompanion.ui.owned import owned
from studycompanion.ui.player import SEEK_STEP, PlayerPanel
from studycompanion.ui.tag_editor import TagEditor
from studycompanion.ui.transcript_view import TranscriptView, build_lines
from studycompanion.ui.worker import Failure, Worker

log = logging.getLogger(__name__)
NOTES_DELAY_MS = 800
STATUS_TEXT = {
    VideoStatus.QUEUED: "Waiting to download",
    VideoStatus.DOWNLOADING: "Downloading…",
    VideoStatus.READY: "Not transcribed yet",
    VideoStatus.TRANSCRIBED: "Transcribed",
    VideoStatus.CARDS: "Cards ready",
    VideoStatus.FAILED: "Failed",
}


@dataclass
class ClipData:
    """Everything the view shows about one clip, read in one background call."""

    video: Video
    media: Path | None
    poster: Path | None
    lines: list[tuple[float, float, list[tuple[str, float, float]]]]
    keypoints: list[KeyPoint]
    tags: list[str]
    suggested: list[str]
    known_tags: list[str]
    running: list[Job] = field(default_factory=list)
    creator: CreatorMark | None = None


class _JobRelay(QObject):
    """Carries pipeline events (worker threads) onto the UI thread."""

    job = Signal(object)


class ClipView(QWidget):
    back_requested = Signal()
    clip_changed = Signal(object)  # the Video after a change made here (favourite, tags, notes), for other views

    def __init__(self, services: Any, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("clipView")
        self.services = services
        self.worker = worker
        self._video: Video | None = None
        self._creator: CreatorMark | None = None
        self._token = 0
        self._notes_saved = ""
        self._notes_timer = QTimer(self)
        self._notes_timer.setSingleShot(True)
        self._notes_timer.setInterval(NOTES_DELAY_MS)
        self._notes_timer.timeout.connect(self.save_notes)
        self._build()
        self._shortcuts()
        self._relay = _JobRelay(self)
        self._relay.job.connect(self._on_job)
        relay = self._relay

        def listener(job: Job) -> None:  # called on pipeline threads
            try:
                if isValid(relay):
                    relay.job.emit(job)
            except RuntimeError:  # the view was deleted between the check and the emit
                pass

        services.pipeline.subscribe(listener)


    def _bg(self, fn: Callable[[], Any], done: Callable[[Any], Any] | None = None,
            failed: Callable[[Failure], Any] | None = None) -> None:
        """Run `fn` on the worker; its callbacks are dropped if this widget is gone by then."""
        self.worker.run(fn, owned(self, done) if done else None, owned(self, failed) if failed else None)

    # ---- layout -----------------------------------------------------------------------------------

    def _build(self) -> None:
        self.back_button = QToolButton(self)
        self.back_button.setIcon(icon("back"))
        self.back_button.setToolTip("Back (Alt+Left)")
        self.back_button.setAutoRaise(True)
        self.back_button.clicked.connect(self._go_back)
        self.title = QLabel(self)
        title_font = self.title.font()
        title_font.setPointSizeF(title_font.pointSizeF() * 1.35)
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.meta = QLabel(self)
        self.meta.setTextFormat(Qt.TextFormat.RichText)
        self.meta.setOpenExternalLinks(False)  # links open only when clicked, through _open_link
        self.meta.linkActivated.connect(self._open_link)
        self.meta.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.status = QLabel(self)
        self.status.setForegroundRole(self.status.foregroundRole())
        self.creator_button = QToolButton(self)
        self.creator_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.creator_button.setAutoRaise(True)
        creator_menu = QMenu(self.creator_button)
        for credibility in Credibility:
            creator_menu.addAction(CREDIBILITY_LABELS[credibility], functools.partial(self._mark_creator, credibility))
        self.creator_button.setMenu(creator_menu)
        self.creator_button.hide()
        self.favourite_button = QToolButton(self)
        self.favourite_button.setCheckable(True)
        self.favourite_button.setIcon(icon("favourite"))
        self.favourite_button.setText("Favourite")
        self.favourite_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.favourite_button.setToolTip("Keep this clip in Favourites")
        self.favourite_button.clicked.connect(self._on_favourite)
        self.export_button = QToolButton(self)
        self.export_button.setIcon(icon("export"))
        self.export_button.setText("Export cards…")
        self.export_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.export_button.setToolTip("Send this clip's cards to Anki (.apkg or AnkiConnect)")
        self.export_button.clicked.connect(self.open_export)

        heading = QVBoxLayout()
        heading.setSpacing(0)
        heading.addWidget(self.title)
        heading.addWidget(self.meta)
        header = QHBoxLayout()
        header.setContentsMargins(4, 4, 4, 4)
        header.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignTop)
        header.addLayout(heading, 1)
        header.addWidget(self.status)
        header.addWidget(self.creator_button)
        header.addWidget(self.favourite_button)
        header.addWidget(self.export_button)

        # left: player, tags, notes
        self.player = PlayerPanel(self)
        self.player.position_changed.connect(self._on_position)
        self.player.loop_requested.connect(self._loop_current)
        self.tags = TagEditor(self)
        self.tags.tag_added.connect(self._add_tag)
        self.tags.tag_removed.connect(self._remove_tag)
        self.tags.tag_accepted.connect(lambda name: self._change_tags(name, action="accept"))
        self.tags.tag_rejected.connect(lambda name: self._change_tags(name, action="reject"))
        self.notes = QPlainTextEdit(self)
        self.notes.setPlaceholderText("Your notes on this clip (saved as you type)")
        self.notes.setAccessibleName("Personal notes")
        self.notes.textChanged.connect(self._on_notes_changed)
        self.notes_state = QLabel(self)
        self.notes_state.setForegroundRole(self.notes_state.foregroundRole())
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.player, 5)
        tags_row = QHBoxLayout()
        tags_label = QLabel("Tags", left)
        tags_label.setBuddy(self.tags.input)
        tags_label.setFixedHeight(max(self.tags.input.sizeHint().height(), tags_label.sizeHint().height()))
        tags_row.addWidget(tags_label, 0, Qt.AlignmentFlag.AlignTop)
        tags_row.addWidget(self.tags, 1)
        left_layout.addLayout(tags_row)
        notes_head = QHBoxLayout()
        notes_label = QLabel("My notes", left)
        notes_label.setBuddy(self.notes)
        notes_head.addWidget(notes_label)
        notes_head.addStretch(1)
        notes_head.addWidget(self.notes_state)
        left_layout.addLayout(notes_head)
        left_layout.addWidget(self.notes, 2)

        # right: transcript, key points, cards
        self.transcript = TranscriptView(self)
        self.transcript.seek_requested.connect(self.player.seek)
        self.transcript.loop_requested.connect(lambda a, b: self.player.set_loop((a, b)))
        self.keypoints = KeyPointList(self)
        self.keypoints.seek_requested.connect(self.player.seek)
        self.keypoints.loop_requested.connect(lambda a, b: self.player.set_loop((a, b)))
        self.cards = CardsPanel(self.services, self.worker, self)
        self.cards.seek_requested.connect(self.player.seek)
        self.cards.play_span_requested.connect(self._play_span)
        self.cards.counts_changed.connect(self._on_card_counts)
        self.cards.generate_requested.connect(self.make_cards)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.transcript, "Transcript")
        self.tabs.addTab(self.keypoints, "Key points")
        self.tabs.addTab(self.cards, "Cards")

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("clipSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.tabs)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 6)
        left.setMinimumWidth(280)
        self.tabs.setMinimumWidth(320)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 8)
        layout.addLayout(header)
        layout.addWidget(self.splitter, 1)
        self._show_empty()

    def _shortcuts(self) -> None:
        ctx = Qt.ShortcutContext.WindowShortcut
        for key, slot in (
            (Qt.Key.Key_Space, self.player.toggle_play),
            (Qt.Key.Key_J, lambda: self.player.seek_relative(-SEEK_STEP)),
            (Qt.Key.Key_K, self.player.pause),
            (Qt.Key.Key_L, lambda: self.player.seek_relative(SEEK_STEP)),
        ):
            shortcut = QShortcut(QKeySequence(key), self, context=ctx)
            shortcut.activated.connect(lambda slot=slot: slot() if self.isVisible() and self._video else None)
        back = QShortcut(QKeySequence(QKeySequence.StandardKey.Back), self, context=ctx)
        back.activated.connect(lambda: self._go_back() if self.isVisible() else None)

    # ---- showing a clip ---------------------------------------------------------------------------

    def current_video(self) -> Video | None:
        return self._video

    def show_clip(self, video_id: int, at_seconds: float | None = None) -> None:
        """Load and show a clip (in the background); playback starts paused at `at_seconds`."""
        self.save_notes()
        self._token += 1
        token = self._token
        library, jobs = self.services.library, self.services.jobs

        def load() -> ClipData:
            video = library.get(video_id)
            media = library.media_path(video) if video.media_file else None
            poster = library.file_path(video.thumbnail_file)
            lines = build_lines(library.transcript(video_id))
            running = jobs.list_jobs(states=[JobState.QUEUED, JobState.RUNNING], video_id=video_id)
            sources = _tag_sources(library, video_id)
            handle = clip_handle(video)
            return ClipData(
                video, media if media and media.is_file() else None, poster if poster and poster.is_file() else None,
                lines, library.keypoints(video_id), list(sources), _suggested(sources),
                [n for n, _ in library.tag_counts()], running, Creators(library.db).get(handle) if handle else None,
            )

        self._bg(load, lambda data: self._show(data, at_seconds) if token == self._token else None,
                        lambda failure: self._show_failure(failure) if token == self._token else None)

    def reload(self) -> None:
        """Read the clip again (after a job finished, or a change made elsewhere), keeping the position."""
        if self._video is not None and self._video.id is not None:
            self._reload_parts(self._video.id)

    def _show(self, data: ClipData, at_seconds: float | None) -> None:
        video = data.video
        self._video = video
        self._show_header(video)
        missing = STATUS_TEXT.get(video.status, "") if video.status != VideoStatus.FAILED else \
            f"Download failed: {video.error}"
        self.player.load(data.media, data.poster, at_seconds, missing=missing)
        self._show_transcript(data)
        self.keypoints.set_points(data.keypoints)
        self._set_tab_counts(len(data.keypoints), None)
        self.tags.set_known_tags(data.known_tags)
        self.tags.set_tags(data.tags, data.suggested)
        self._show_creator(data.creator)
        self.notes.blockSignals(True)
        self.notes.setPlainText(video.notes)
        self.notes.blockSignals(False)
        self._notes_saved = video.notes
        self.notes_state.setText("")
        self.notes.setEnabled(True)
        self.tags.setEnabled(True)
        self.favourite_button.setEnabled(True)
        self.export_button.setEnabled(True)
        self.cards.set_video(video.id)
        self._show_jobs(data.running)
        if at_seconds is not None:
            self.transcript.set_position(at_seconds)

    def _show_transcript(self, data: ClipData) -> None:
        if data.lines:
            self.transcript.set_lines(data.lines)
        elif data.video.status in (VideoStatus.QUEUED, VideoStatus.DOWNLOADING, VideoStatus.READY):
            self.transcript.set_placeholder("The transcript appears here when transcription has finished.")
        else:
            self.transcript.set_placeholder("No speech was found in this clip.")

    def _show_header(self, video: Video) -> None:
        self.title.setText(video.title or "Untitled clip")
        self.title.setToolTip(video.title)
        parts = []
        creator = video.creator_handle or video.creator_name
        if creator:
            handle = creator if creator.startswith("@") or video.platform == "local" else f"@{creator}"
            name = f" ({video.creator_name})" if video.creator_name and video.creator_handle else ""
            parts.append(_escape(handle + name))
        platform = PLATFORM_NAMES.get(video.platform, video.platform)
        if platform:
            parts.append(_escape(platform))
        if video.duration:
            parts.append(format_time(video.duration))
        url = video.source_url
        if url.startswith(("http://", "https://")):
            parts.append(f'<a href="{_escape(url)}">Open source ↗</a>')
        self.meta.setText(" · ".join(parts))
        self.meta.setToolTip(url)
        self.favourite_button.setChecked(video.favourite)
        self.favourite_button.setText("Favourite" if not video.favourite else "Favourited")
        self.status.setText("")

    def _show_creator(self, mark: CreatorMark | None) -> None:
        """Who made the clip, as far as the student knows; cards from unverified creators are marked for checking."""
        self._creator = mark
        if mark is None:
            self.creator_button.hide()
            return
        if mark.verify:
            self.creator_button.setText(f"⚠ {mark.label} creator: check the facts")
            self.creator_button.setToolTip(f"@{mark.handle} is not marked as a physician or resident: cards from "
                                           "this clip carry StudyCompanion::verify in Anki. Mark who they are:")
        else:
            self.creator_button.setText(f"✓ {mark.label}")
            self.creator_button.setToolTip(f"@{mark.handle} is marked as a {mark.label.lower()}")
        self.creator_button.show()

    def _mark_creator(self, credibility: Credibility) -> None:
        mark = self._creator
        if mark is None:
            return
        db, handle = self.services.db, mark.handle
        self._bg(lambda: Creators(db).mark(handle, credibility), self._show_creator,
                 lambda f: self.status.setText(f.message))

    def _show_empty(self) -> None:
        self.title.setText("No clip selected")
        self.meta.setText("")
        for w in (self.notes, self.tags, self.favourite_button, self.export_button):
            w.setEnabled(False)
        self.creator_button.hide()

    def _show_failure(self, failure: Failure) -> None:
        self._video = None
        self._show_empty()
        self.title.setText("This clip cannot be shown")
        self.meta.setText(_escape(failure.message))
        self.player.load(None)
        self.transcript.set_placeholder("")
        self.keypoints.set_points([])
        self.cards.set_video(None)

    def _reload_parts(self, video_id: int) -> None:
        token = self._token
        library = self.services.library

        def load() -> tuple[Video, list[Any], list[KeyPoint]]:
            return library.get(video_id), build_lines(library.transcript(video_id)), library.keypoints(video_id)

        def done(result: tuple[Video, list[Any], list[KeyPoint]]) -> None:
            if token != self._token:
                return
            video, lines, points = result
            had_media = bool(self._video and self._video.media_file)
            self._video = video
            self._show_header(video)
            if not had_media and video.media_file:
                self.show_clip(video_id)  # the download finished: load the player too
                return
            position = self.player.position()
            if lines:
                self.transcript.set_lines(lines)
                self.transcript.set_position(position)
            self.keypoints.set_points(points)
            self._set_tab_counts(len(points), None)
            self.cards.reload()

        self._bg(load, done, lambda f: self.status.setText(f.message))

    # ---- playback ---------------------------------------------------------------------------------

    def _on_position(self, seconds: float) -> None:
        self.transcript.set_position(seconds)
        self.keypoints.highlight_at(seconds)

    def _loop_current(self) -> None:
        span = self.keypoints.selected_span() if self.tabs.currentWidget() is self.keypoints else None
        if span is None:
            line = self.transcript.line_at_time(self.player.position())
            span = (line.start, line.end) if line else None
        if span is None and self.player.duration():
            span = (0.0, self.player.duration())
        if span is not None:
            self.player.set_loop(span)

    def _play_span(self, start: float, end: float) -> None:
        self.player.set_loop(None)
        self.player.seek(start)
        self.player.play()

    # ---- edits --------------------------------------------------------------------------------------

    def _vid(self) -> int | None:
        return self._video.id if self._video is not None else None

    def _on_favourite(self, checked: bool) -> None:
        vid = self._vid()
        if vid is None:
            return
        library = self.services.library
        self.favourite_button.setText("Favourited" if checked else "Favourite")
        self._bg(lambda: library.set_favourite(vid, checked), self._changed,
                        lambda f: self._revert_favourite(not checked, f))

    def _revert_favourite(self, value: bool, failure: Failure) -> None:
        self.favourite_button.setChecked(value)
        self.favourite_button.setText("Favourited" if value else "Favourite")
        self.status.setText(failure.message)

    def _changed(self, video: Video) -> None:
        if self._video is not None and video.id == self._video.id:
            self._video = video
        self.clip_changed.emit(video)

    def _add_tag(self, name: str) -> None:
        self._change_tags(name, action="add")

    def _remove_tag(self, name: str) -> None:
        self._change_tags(name, action="remove")

    def _change_tags(self, name: str, *, action: str) -> None:
        """add / remove a tag, or accept / reject a suggested one; then show what the library holds."""
        vid = self._vid()
        if vid is None:
            return
        library = self.services.library

        def change() -> tuple[Video, dict[str, TagSource], list[str]]:
            if action == "add":
                library.tag(vid, [name])
            elif action == "remove":
                library.untag(vid, [name])
            else:
                from studycompanion.core.tag_suggestions import TagSuggestions

                suggestions = TagSuggestions(library)
                (suggestions.accept if action == "accept" else suggestions.reject)(vid, [name])
            return library.get(vid), _tag_sources(library, vid), [n for n, _ in library.tag_counts()]

        def done(result: tuple[Video, dict[str, TagSource], list[str]]) -> None:
            video, sources, known = result
            if self._vid() == vid:
                self.tags.set_tags(list(sources), _suggested(sources))
                self.tags.set_known_tags(known)
                self.status.setText("")
            self.clip_changed.emit(video)

        self._bg(change, done, lambda f: self.status.setText(f.message))

    def _on_notes_changed(self) -> None:
        self.notes_state.setText("Editing…")
        self._notes_timer.start()

    def save_notes(self) -> None:
        """Write the notes now if they changed (also called when the clip changes or the view hides)."""
        self._notes_timer.stop()
        vid = self._vid()
        text = self.notes.toPlainText()
        if vid is None or text == self._notes_saved:
            return
        self._notes_saved = text
        self.notes_state.setText("Saving…")
        library = self.services.library

        def done(video: Video) -> None:
            if self._vid() == vid and self.notes.toPlainText() == text:
                self.notes_state.setText("Saved")
            self._changed(video)

        def failed(failure: Failure) -> None:
            self._notes_saved = ""
            self.notes_state.setText(f"Not saved: {failure.message}")

        self._bg(lambda: library.set_notes(vid, text), done, failed)

    def make_cards(self) -> None:
        """Queue key points and card drafts for this clip (transcribing it first when needed)."""
        vid = self._vid()
        if vid is None:
            return
        library, pipeline = self.services.library, self.services.pipeline

        def queue() -> int:
            if library.transcript(vid):
                return int(pipeline.queue_step(JobStep.CARDS, vid))
            return int(pipeline.queue_step(JobStep.TRANSCRIBE, vid, then=[JobStep.CARDS.value]))

        def failed(failure: Failure) -> None:
            self.status.setText(failure.message)
            self.cards.generate_button.setEnabled(True)

        self.cards.generate_button.setEnabled(False)
        self._bg(queue, lambda _job: self.status.setText("Cards queued…"), failed)

    def open_export(self) -> None:
        from studycompanion.ui.export_dialog import ExportDialog

        self.cards.flush()
        dialog = ExportDialog(self.services, self.worker, self, video_id=self._vid())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.exported.connect(self.cards.reload)  # the cards now read "In Anki"
        dialog.show()  # not modal: the export runs in the background

    # ---- jobs ---------------------------------------------------------------------------------------

    def _show_jobs(self, jobs: list[Job]) -> None:
        running = [j for j in jobs if j.state in (JobState.QUEUED, JobState.RUNNING)]
        if running:
            self._on_job(running[0])

    def _on_job(self, job: Job) -> None:
        if self._video is None or job.video_id != self._video.id:
            return
        name = {JobStep.CAPTURE: "Downloading", JobStep.TRANSCRIBE: "Transcribing", JobStep.CARDS: "Making cards"}
        if job.state == JobState.RUNNING:
            pct = f" {int(job.progress * 100)}%" if job.progress else ""
            self.status.setText(f"{name.get(job.step, job.step.value)}…{pct}")
        elif job.state == JobState.QUEUED:
            self.status.setText(f"{name.get(job.step, job.step.value)} (queued)")
        elif job.state == JobState.FAILED:
            self.status.setText(f"{name.get(job.step, job.step.value)} failed: {job.error}")
        elif job.state == JobState.DONE:
            self.status.setText("")
            self.cards.generate_button.setEnabled(True)
            self.reload()
        else:
            self.status.setText("")

    # ---- misc ---------------------------------------------------------------------------------------

    def _on_card_counts(self, counts: dict[CardState, int]) -> None:
        self._set_tab_counts(None, sum(counts.values()))

    def _set_tab_counts(self, keypoints: int | None, cards: int | None) -> None:
        if keypoints is not None:
            self.tabs.setTabText(1, f"Key points ({keypoints})" if keypoints else "Key points")
        if cards is not None:
            self.tabs.setTabText(2, f"Cards ({cards})" if cards else "Cards")

    def _open_link(self, link: str) -> None:
        url = QUrl(link)
        if url.scheme() in ("http", "https"):
            QDesktopServices.openUrl(url)

    def _go_back(self) -> None:
        self.save_notes()
        self.cards.flush()
        self.player.pause()
        self.back_requested.emit()

    def hideEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        self.save_notes()
        self.cards.flush()
        if not event.spontaneous():  # another page took over; a minimised window keeps playing
            self.player.pause()
        super().hideEvent(event)


def _tag_sources(library: Any, video_id: int) -> dict[str, TagSource]:
    """The clip's tags by name with where each came from (suggested ones wait for the student's yes or no)."""
    from studycompanion.core.tag_suggestions import TagSuggestions

    return TagSuggestions(library).tag_sources(video_id)


def _suggested(sources: dict[str, TagSource]) -> list[str]:
    return [name for name, source in sources.items() if source == TagSource.SUGGESTED]


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
