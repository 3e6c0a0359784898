"""The clip view: player beside the transcript, key points, card drafts, tags, notes, favourite and source.

`ClipView(services, worker)` is one page of the main window's stack: `show_clip(video_id, at_seconds)` loads a
clip in the background and shows it; `back_requested` asks the window to go back. Everything that reads or writes
the library runs on the worker; this widget only lays out and forwards. Its parts: the header row
(`clip_header`), the left column of player, tags and notes (`clip_side_panel`, saved by `clip_notes`), the
tabs (`clip_tabs`: transcript, key points, `cards_panel`); favourite, tags and creator mark are written by
`clip_edits`, fixes and hand-made cards by `clip_making`; the keys are in `clip_shortcuts`, what it says in
`clip_texts`, the library calls in `clip_ops`, job events in `clip_jobs`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget
from shiboken6 import isValid

from studycompanion.core.db.tables import Job, Video
from studycompanion.core.screen.merge import ScreenLine
from studycompanion.core.types import CardState, JobState, KeyPoint
from studycompanion.ui.cards.panel import CardsPanel
from studycompanion.ui.clip.edits import ClipEdits
from studycompanion.ui.clip.header import ClipHeader
from studycompanion.ui.clip.jobs import JobRelay, job_status
from studycompanion.ui.clip.keypoints_list import KeyPointList
from studycompanion.ui.clip.making import ClipMaking, MakingParts
from studycompanion.ui.clip.notes import NOTES_DELAY_MS, NotesSaver
from studycompanion.ui.clip.ops import ClipData, load_clip, load_parts
from studycompanion.ui.clip.positions import PlaybackPositions
from studycompanion.ui.clip.shortcuts import install_shortcuts
from studycompanion.ui.clip.side_panel import ClipSidePanel
from studycompanion.ui.clip.tabs import ClipTabs
from studycompanion.ui.clip.texts import STATUS_TEXT, keypoints_empty_text, missing_media_text, transcript_placeholder
from studycompanion.ui.clip.transcript_pane import TranscriptPane
from studycompanion.ui.clip.watch_time import WatchTimer
from studycompanion.ui.common.blocking import signals_blocked
from studycompanion.ui.common.owned import owned
from studycompanion.ui.common.worker import Failure, Worker

if TYPE_CHECKING:
    from studycompanion.services import Services

__all__ = ["NOTES_DELAY_MS", "STATUS_TEXT", "ClipData", "ClipView", "keypoints_empty_text"]

log = logging.getLogger(__name__)


class ClipView(QWidget):
    back_requested = Signal()
    clip_changed = Signal(object)  # the Video after a change made here (favourite, tags, notes), for other views

    def __init__(self, services: Services, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("clipView")
        self.services = services
        self.worker = worker
        self._video: Video | None = None
        self._token = 0
        self.positions = PlaybackPositions(services.paths.root)
        self._build()
        install_shortcuts(self, self.player, active=lambda: self.isVisible() and self._video is not None,
                          make_card=self.make_card_now, fix=self.making.fix_key, back=self._go_back)
        self._relay = JobRelay(self)
        self._relay.job.connect(self._on_job)
        self._relay.listen_to(services.pipeline)

    def _bg(self, fn: Callable[[], Any], done: Callable[[Any], Any] | None = None,
            failed: Callable[[Failure], Any] | None = None) -> None:
        """Run `fn` on the worker; its callbacks are dropped if this widget is gone by then."""
        self.worker.run(fn, owned(self, done) if done else None, owned(self, failed) if failed else None)

    # ---- layout -----------------------------------------------------------------------------------

    def _build(self) -> None:
        header = self.header = ClipHeader(self)
        self.back_button, self.title, self.meta, self.status = (header.back_button, header.title, header.meta,
                                                                header.status)
        self.creator_button, self.favourite_button, self.export_button = (header.creator_button,
                                                                          header.favourite_button,
                                                                          header.export_button)
        self.back_button.clicked.connect(self._go_back)
        self.meta.linkActivated.connect(self._open_link)
        self.export_button.clicked.connect(self.open_export)

        # left: player, tags, notes
        left = self.side = ClipSidePanel(self)
        self.player, self.tags, self.notes, self.notes_state = left.player, left.tags, left.notes, left.notes_state
        self.player.show_frames_with(self.worker)  # (without Qt Multimedia: the frame at the line clicked)
        self.player.position_changed.connect(self._on_position)
        self.watch = WatchTimer()  # watch time is an interest signal (issue 7), kept on this machine
        self.player.playing_changed.connect(self.watch.playing)
        self.player.loop_requested.connect(self._loop_current)
        self.edits = ClipEdits(self.services, self._bg, header, self.tags, self._vid, self)
        self.edits.favourite_saved.connect(self._changed)
        self.edits.tags_saved.connect(self.clip_changed)
        self.notes_saver = NotesSaver(self.notes, self.notes_state, self.services, self._vid, self._bg, self)
        self.notes_saver.saved.connect(self._changed)

        # right: transcript (with its legend and the on-screen text track), key points, cards
        pane = self.transcript_pane = TranscriptPane(self)
        self.transcript, self.screen_track = pane.transcript, pane.track
        self.transcript.seek_requested.connect(self.player.seek)
        self.transcript.loop_requested.connect(lambda a, b: self.player.set_loop((a, b)))
        self.transcript.offers_edits = True
        self.screen_track.seek_requested.connect(self.player.seek)
        self.undo_button = self.header.undo_button
        self.keypoints = KeyPointList(self)
        self.keypoints.seek_requested.connect(self.player.seek)
        self.keypoints.loop_requested.connect(lambda a, b: self.player.set_loop((a, b)))
        self.cards = CardsPanel(self.services, self.worker, self)
        self.cards.seek_requested.connect(self.player.seek)
        self.cards.play_span_requested.connect(self._play_span)
        self.cards.counts_changed.connect(self._on_card_counts)
        self.tabs = ClipTabs(pane, self.keypoints, self.cards, self)
        self.making = ClipMaking(MakingParts(
            services=self.services, worker=self.worker, bg=self._bg, video=self.current_video, reload=self.reload,
            status=self.status, undo_button=self.undo_button, tabs=self.tabs, transcript_pane=pane,
            transcript=self.transcript, player=self.player, cards=self.cards), self)
        self.making.clip_changed.connect(self.clip_changed)
        self.fixes = self.making.fixes

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("clipSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.tabs)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 6)
        self._user_split = False  # until the student drags it, the split follows the window: 45 % for the player
        self.splitter.splitterMoved.connect(lambda *_: setattr(self, "_user_split", True))
        left.setMinimumWidth(280)
        self.tabs.setMinimumWidth(320)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 8)
        layout.addWidget(header)
        layout.addWidget(self.splitter, 1)
        self._show_empty()

    # ---- showing a clip ---------------------------------------------------------------------------

    def current_video(self) -> Video | None:
        return self._video

    def show_clip(self, video_id: int, at_seconds: float | None = None) -> None:
        """Load and show a clip (in the background); playback starts paused at `at_seconds` (a search hit, a card's
        moment), else where the student left it."""
        self.save_notes()
        self.save_position()
        self._record_watch()
        self.watch.start_clip(video_id)
        self.undo_button.hide()  # an Undo belongs to the clip it was made in
        self._token += 1
        token = self._token
        services = self.services
        self._bg(lambda: load_clip(services, video_id),
                 lambda data: self._show(data, at_seconds) if token == self._token else None,
                 lambda failure: self._show_failure(failure) if token == self._token else None)

    def reload(self) -> None:
        """Read the clip again (after a job finished, or a change made elsewhere), keeping the position."""
        if self._video is not None and self._video.id is not None:
            self._reload_parts(self._video.id)

    def _show(self, data: ClipData, at_seconds: float | None) -> None:
        video = data.video
        self._video = video
        self.header.show_video(video)
        missing = missing_media_text(video)
        resume = at_seconds
        if resume is None and video.id is not None:
            resume = self.positions.get(video.id, video.duration)
        self.player.load(data.media, data.poster, resume, missing=missing, duration=video.duration)
        self._show_transcript(data)
        self.transcript_pane.set_screen_lines(data.screen)
        self.keypoints.set_points(data.keypoints)
        self.keypoints.set_empty_text(keypoints_empty_text(video, bool(data.lines)))
        self.tabs.set_counts(len(data.keypoints), None)
        self.tags.set_known_tags(data.known_tags)
        self.tags.set_tags(data.tags, data.suggested)
        self.edits.show_creator(data.creator)
        self.notes_saver.load(video.notes)
        self.tags.setEnabled(True)
        self.header.enable()
        self.cards.set_video(video.id)
        self._show_jobs(data.running)
        if at_seconds is not None:
            self.tabs.setCurrentWidget(self.transcript_pane)  # a search hit: show the line it was found in
        if resume is not None:
            self.transcript.set_position(resume)

    def save_position(self) -> None:
        """Remember where this clip was left (resume when it is opened again, also after a restart)."""
        video = self._video
        if video is None or video.id is None or not isValid(self.player):
            return  # (also at shutdown, when the hide of a closing window finds the player gone)
        if self.player.duration():
            self.positions.set(video.id, self.player.position(), self.player.duration())

    def _show_transcript(self, data: ClipData) -> None:
        if data.lines:
            self.transcript.set_lines(data.lines)
        else:
            self.transcript.set_placeholder(transcript_placeholder(data.video, bool(data.screen)))
        self.transcript_pane.update_legend()

    def _show_empty(self) -> None:
        self.header.show_empty()
        for w in (self.notes, self.tags):
            w.setEnabled(False)

    def _show_failure(self, failure: Failure) -> None:
        self._video = None
        self._show_empty()
        self.header.show_problem(failure.message)
        self.player.load(None)
        self.transcript.set_placeholder("")
        self.transcript_pane.update_legend()
        self.transcript_pane.set_screen_lines([])
        self.keypoints.set_points([])
        self.cards.set_video(None)

    def _reload_parts(self, video_id: int) -> None:
        token = self._token
        library, screen_text = self.services.library, self.services.screen_text

        def done(result: tuple[Video, list[Any], list[KeyPoint], list[ScreenLine]]) -> None:
            if token != self._token:
                return
            video, lines, points, screen = result
            had_media = bool(self._video and self._video.media_file)
            self._video = video
            status = self.status.text()  # a job's outcome stays readable across the reload it caused
            self.header.show_video(video)
            self.status.setText(status)
            if not had_media and video.media_file:
                self.show_clip(video_id)  # the download finished: load the player too
                return
            position = self.player.position()
            if lines:
                self.transcript.set_lines(lines)
                self.transcript.set_position(position)
                self.transcript_pane.update_legend()
            self.transcript_pane.set_screen_lines(screen)
            self.screen_track.set_position(position)
            self.keypoints.set_points(points)
            self.keypoints.set_empty_text(keypoints_empty_text(video, bool(lines)))
            self.tabs.set_counts(len(points), None)
            self.cards.reload()

        self._bg(lambda: load_parts(library, video_id, screen_text), done, lambda f: self.status.setText(f.message))

    # ---- playback ---------------------------------------------------------------------------------

    def _on_position(self, seconds: float) -> None:
        self.transcript_pane.set_position(seconds)
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

    def _changed(self, video: Video) -> None:
        if self._video is not None and video.id == self._video.id:
            self._video = video
        self.clip_changed.emit(video)

    def save_notes(self) -> None:
        """Write the notes now if they changed (also called when the clip changes or the view hides)."""
        self.notes_saver.save()

    def make_cards(self) -> None:
        """Queue key points and card drafts for this clip (transcribing it first when needed)."""
        self.making.make_cards()

    def open_export(self) -> None:
        from studycompanion.ui.dialogs.export import ExportDialog

        self.cards.flush()
        dialog = ExportDialog(self.services, self.worker, self, video_id=self._vid())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.exported.connect(self.cards.reload)  # the cards now read "In Anki"
        dialog.show()  # not modal: the export runs in the background

    # ---- the student's own fixes and cards (issues 12 and 13) --------------------------------------------

    def ask_fix(self, wrong: str) -> None:
        """"Fix…" on a word (or the selected words): ask for the right words, then fix on the worker."""
        self.making.ask_fix(wrong)

    def undo_fix(self) -> None:
        self.making.undo_fix()

    def make_card_now(self) -> None:
        """The key pressed while watching: a card from the line being said now; playback goes on."""
        self.making.make_card_now()

    # ---- jobs ---------------------------------------------------------------------------------------

    def _show_jobs(self, jobs: list[Job]) -> None:
        running = [j for j in jobs if j.state in (JobState.QUEUED, JobState.RUNNING)]
        if running:
            self._on_job(running[0])

    def _on_job(self, job: Job) -> None:
        if self._video is None or job.video_id != self._video.id:
            return
        self.status.setText(job_status(job))
        if job.state == JobState.DONE:
            self.cards.generate_button.setEnabled(True)
            self.reload()

    # ---- misc ---------------------------------------------------------------------------------------

    def _on_card_counts(self, counts: dict[CardState, int]) -> None:
        total = sum(counts.values())
        self.tabs.set_counts(None, total)
        if total == 0 and self.status.text() == QCoreApplication.translate("ClipJobs", "Cards made"):  # (clip/jobs.py)
            self.status.setText(self.tr("No cards were made: no key points were found in this transcript."))

    def _open_link(self, link: str) -> None:
        url = QUrl(link)
        if url.scheme() in ("http", "https"):
            QDesktopServices.openUrl(url)

    def _go_back(self) -> None:
        self.save_notes()
        self.save_position()
        self.cards.flush()
        self.player.pause()
        self.back_requested.emit()

    def _record_watch(self) -> None:
        watched = self.watch.flush()
        if watched is not None:
            interests = self.services.interests
            self.worker.run(lambda: interests.record_watch(*watched))

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if not self._user_split:
            total = max(1, self.splitter.width() - self.splitter.handleWidth())
            left = max(self.side.minimumWidth(), min(total - self.tabs.minimumWidth(), round(total * 0.45)))
            with signals_blocked(self.splitter):
                self.splitter.setSizes([left, max(1, total - left)])

    def hideEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        if not QCoreApplication.closingDown():  # (the window's closeEvent saved all this already)
            try:
                self.save_notes()
                self.save_position()
                self._record_watch()
                self.cards.flush()
                if not event.spontaneous():  # another page took over; a minimised window keeps playing
                    self.player.pause()
            except RuntimeError:  # a part already deleted while the window is torn down: nothing left to save
                log.debug("clip view hidden during teardown", exc_info=True)
        super().hideEvent(event)
