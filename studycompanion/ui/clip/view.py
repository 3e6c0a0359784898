"""The clip view: player beside the transcript, key points, card drafts, tags, notes, favourite and source.

`ClipView(services, worker)` is one page of the main window's stack: `show_clip(video_id, at_seconds)` loads a
clip in the background and shows it; `back_requested` asks the window to go back. Everything that reads or writes
the library runs on the worker; this widget only lays out and forwards. Its parts: the header row
(`clip_header`), the left column of player, tags and notes (`clip_side_panel`, saved by `clip_notes`), the
tabs (transcript, key points, `cards_panel`); the library calls are in `clip_ops`, job events in `clip_jobs`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import QSplitter, QTabWidget, QVBoxLayout, QWidget
from shiboken6 import isValid

from studycompanion.core.cards.drafts import format_time
from studycompanion.core.cards.fixes import FixResult
from studycompanion.core.db.tables import Card, Job, Video
from studycompanion.core.interests.creators import CreatorMark
from studycompanion.core.interests.models import Credibility
from studycompanion.core.screen.merge import ScreenLine
from studycompanion.core.types import CardState, JobState, KeyPoint, TagSource, VideoStatus
from studycompanion.ui.cards.panel import CardsPanel
from studycompanion.ui.clip.fix import FixFlow
from studycompanion.ui.clip.header import ClipHeader
from studycompanion.ui.clip.jobs import JobRelay, job_status
from studycompanion.ui.clip.keypoints_list import KeyPointList
from studycompanion.ui.clip.notes import NOTES_DELAY_MS, NotesSaver
from studycompanion.ui.clip.ops import ClipData, change_tags, load_clip, load_parts, queue_cards, suggested_tags
from studycompanion.ui.clip.player import SEEK_STEP
from studycompanion.ui.clip.positions import PlaybackPositions
from studycompanion.ui.clip.side_panel import ClipSidePanel
from studycompanion.ui.clip.transcript_pane import TranscriptPane
from studycompanion.ui.clip.watch_time import WatchTimer
from studycompanion.ui.common.blocking import signals_blocked
from studycompanion.ui.common.owned import owned
from studycompanion.ui.common.worker import Failure, Worker

if TYPE_CHECKING:
    from studycompanion.services import Services

__all__ = ["NOTES_DELAY_MS", "STATUS_TEXT", "ClipData", "ClipView"]

log = logging.getLogger(__name__)
STATUS_TEXT = {
    VideoStatus.QUEUED: "Waiting to download",
    VideoStatus.DOWNLOADING: "Downloading…",
    VideoStatus.READY: "Not transcribed yet",
    VideoStatus.TRANSCRIBED: "Transcribed",
    VideoStatus.CARDS: "Cards ready",
    VideoStatus.FAILED: "Failed",
}


def keypoints_empty_text(video: Video, has_transcript: bool) -> str:
    """What the Key points tab says while it lists nothing."""
    if not has_transcript:
        if video.status in (VideoStatus.QUEUED, VideoStatus.DOWNLOADING, VideoStatus.READY):
            return "Key points appear here once the clip is transcribed."
        return "No speech was found in this clip, so there are no key points."
    if video.status == VideoStatus.CARDS:
        return "No key points were found in this transcript."
    return "No key points yet. “Make cards” on the Cards tab finds them and drafts cards."


class ClipView(QWidget):
    back_requested = Signal()
    clip_changed = Signal(object)  # the Video after a change made here (favourite, tags, notes), for other views

    def __init__(self, services: Services, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("clipView")
        self.services = services
        self.worker = worker
        self._video: Video | None = None
        self._creator: CreatorMark | None = None
        self._token = 0
        self._card_tab_after = False  # a card made from selected words is shown at once; one made by key is not
        self.positions = PlaybackPositions(services.paths.root)
        self._build()
        self._shortcuts()
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
        header.credibility_chosen.connect(self._mark_creator)
        self.favourite_button.clicked.connect(self._on_favourite)
        self.export_button.clicked.connect(self.open_export)

        # left: player, tags, notes
        left = self.side = ClipSidePanel(self)
        self.player, self.tags, self.notes, self.notes_state = left.player, left.tags, left.notes, left.notes_state
        self.player.position_changed.connect(self._on_position)
        self.watch = WatchTimer()  # watch time is an interest signal (issue 7), kept on this machine
        self.player.playing_changed.connect(self.watch.playing)
        self.player.loop_requested.connect(self._loop_current)
        self.tags.tag_added.connect(self._add_tag)
        self.tags.tag_removed.connect(self._remove_tag)
        self.tags.tag_accepted.connect(lambda name: self._change_tags(name, action="accept"))
        self.tags.tag_rejected.connect(lambda name: self._change_tags(name, action="reject"))
        self.notes_saver = NotesSaver(self.notes, self.notes_state, self.services, self._vid, self._bg, self)
        self.notes_saver.saved.connect(self._changed)

        # right: transcript (with its legend and the on-screen text track), key points, cards
        pane = self.transcript_pane = TranscriptPane(self)
        self.transcript, self.screen_track = pane.transcript, pane.track
        self.transcript.seek_requested.connect(self.player.seek)
        self.transcript.loop_requested.connect(lambda a, b: self.player.set_loop((a, b)))
        self.transcript.offers_edits = True
        self.transcript.fix_requested.connect(self.ask_fix)
        self.transcript.make_card_requested.connect(self._make_card_from_words)
        self.screen_track.seek_requested.connect(self.player.seek)
        self.fixes = FixFlow(self.services, self.worker, self)
        self.fixes.fixed.connect(self._on_fixed)
        self.fixes.undone.connect(self._on_fix_undone)
        self.fixes.failed.connect(self.status.setText)
        self.undo_button = self.header.undo_button
        self.undo_button.clicked.connect(self.undo_fix)
        self.keypoints = KeyPointList(self)
        self.keypoints.seek_requested.connect(self.player.seek)
        self.keypoints.loop_requested.connect(lambda a, b: self.player.set_loop((a, b)))
        self.cards = CardsPanel(self.services, self.worker, self)
        self.cards.seek_requested.connect(self.player.seek)
        self.cards.play_span_requested.connect(self._play_span)
        self.cards.counts_changed.connect(self._on_card_counts)
        self.cards.generate_requested.connect(self.make_cards)
        self.cards.card_made.connect(self._on_card_made)
        self.cards.card_failed.connect(self.status.setText)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(pane, "Transcript")
        self.tabs.addTab(self.keypoints, "Key points")
        self.tabs.addTab(self.cards, "Cards")

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

    def _shortcuts(self) -> None:
        ctx = Qt.ShortcutContext.WindowShortcut
        for key, slot in (
            (Qt.Key.Key_Space, self.player.toggle_play),
            (Qt.Key.Key_J, lambda: self.player.seek_relative(-SEEK_STEP)),
            (Qt.Key.Key_K, self.player.pause),
            (Qt.Key.Key_L, lambda: self.player.seek_relative(SEEK_STEP)),
            (Qt.Key.Key_C, self.make_card_now),  # a card from the line being said, as asbplayer / subs2srs do
            (Qt.Key.Key_F2, self._fix_key),  # fix the selected words, or the word last clicked
        ):
            shortcut = QShortcut(QKeySequence(key), self, context=ctx)
            shortcut.activated.connect(lambda slot=slot: slot() if self.isVisible() and self._video else None)
        for seq in (QKeySequence(QKeySequence.StandardKey.Back), QKeySequence(Qt.Key.Key_Escape)):
            back = QShortcut(seq, self, context=ctx)
            back.activated.connect(lambda: self._go_back() if self.isVisible() else None)

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
        missing = STATUS_TEXT.get(video.status, "") if video.status != VideoStatus.FAILED else \
            f"Download failed: {video.error}"
        resume = at_seconds
        if resume is None and video.id is not None:
            resume = self.positions.get(video.id, video.duration)
        self.player.load(data.media, data.poster, resume, missing=missing, duration=video.duration)
        self._show_transcript(data)
        self.transcript_pane.set_screen_lines(data.screen)
        self.keypoints.set_points(data.keypoints)
        self.keypoints.set_empty_text(keypoints_empty_text(video, bool(data.lines)))
        self._set_tab_counts(len(data.keypoints), None)
        self.tags.set_known_tags(data.known_tags)
        self.tags.set_tags(data.tags, data.suggested)
        self._show_creator(data.creator)
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
        elif data.video.status in (VideoStatus.QUEUED, VideoStatus.DOWNLOADING, VideoStatus.READY):
            self.transcript.set_placeholder("The transcript appears here when transcription has finished.")
        else:
            self.transcript.set_placeholder("No speech was found in this clip." + (
                " What it shows is listed under “On screen”." if data.screen else ""))
        self.transcript_pane.update_legend()

    def _show_creator(self, mark: CreatorMark | None) -> None:
        self._creator = mark
        self.header.show_creator(mark)

    def _mark_creator(self, credibility: Credibility) -> None:
        mark = self._creator
        if mark is None:
            return
        creators, handle = self.services.creators, mark.handle
        self._bg(lambda: creators.mark(handle, credibility), self._show_creator,
                 lambda f: self.status.setText(f.message))

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
            self._set_tab_counts(len(points), None)
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

    def _on_favourite(self, checked: bool) -> None:
        vid = self._vid()
        if vid is None:
            return
        library = self.services.library
        self.favourite_button.setText("Favourited" if checked else "Favourite")
        self._bg(lambda: library.set_favourite(vid, checked), self._changed,
                        lambda f: self._revert_favourite(not checked, f))

    def _revert_favourite(self, value: bool, failure: Failure) -> None:
        self.header.set_favourite(value)
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

        def done(result: tuple[Video, dict[str, TagSource], list[str]]) -> None:
            video, sources, known = result
            if self._vid() == vid:
                self.tags.set_tags(list(sources), suggested_tags(sources))
                self.tags.set_known_tags(known)
                self.status.setText("")
            self.clip_changed.emit(video)

        self._bg(lambda: change_tags(self.services, vid, name, action), done, lambda f: self.status.setText(f.message))

    def save_notes(self) -> None:
        """Write the notes now if they changed (also called when the clip changes or the view hides)."""
        self.notes_saver.save()

    def make_cards(self) -> None:
        """Queue key points and card drafts for this clip (transcribing it first when needed)."""
        vid = self._vid()
        if vid is None:
            return
        library, pipeline = self.services.library, self.services.pipeline

        def failed(failure: Failure) -> None:
            self.status.setText(failure.message)
            self.cards.generate_button.setEnabled(True)

        self.cards.generate_button.setEnabled(False)
        self.status.setText("Making cards (queued)")  # at once: the click is seen even before the job exists
        self._bg(lambda: queue_cards(library, pipeline, vid), lambda _job: None, failed)

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
        vid = self._vid()
        if vid is not None and wrong:
            self.fixes.ask(vid, wrong)

    def _fix_key(self) -> None:
        if self.tabs.currentWidget() is self.transcript_pane:
            self.transcript.request_fix()

    def _on_fixed(self, result: FixResult) -> None:
        self.status.setText(f"Fixed {result.summary()}")
        self.undo_button.show()
        self.reload()  # the transcript, key points and drafts read the fix back
        if len(result.clips) > 1 and self._video is not None:
            self.clip_changed.emit(self._video)

    def undo_fix(self) -> None:
        self.undo_button.hide()
        self.fixes.undo()

    def _on_fix_undone(self, result: FixResult) -> None:
        kept = f"; {result.kept} changed since, kept" if result.kept else ""
        self.status.setText(f"Undone: {result.summary()}{kept}")
        self.reload()

    def _make_card_from_words(self, start: float, end: float) -> None:
        """"Make card from the selected words": a cloze hiding them, shown on the Cards tab to check."""
        self._card_tab_after = True
        self.status.setText("Making a card from the selected words…")
        self.cards.make_card_at(start, until=end)

    def make_card_now(self) -> None:
        """The key pressed while watching: a card from the line being said now; playback goes on."""
        if self._video is None or not self.transcript.lines():
            return
        at = self.player.position()
        self._card_tab_after = False
        self.status.setText(f"Making a card from {format_time(at)}…")
        self.cards.make_card_at(at)

    def _on_card_made(self, card: Card) -> None:
        self.status.setText(f"Card drafted from {format_time(card.start)}: check it on the Cards tab, then accept it")
        if self._card_tab_after:
            self.tabs.setCurrentWidget(self.cards)

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
        self._set_tab_counts(None, total)
        if total == 0 and self.status.text() == "Cards made":
            self.status.setText("No cards were made: no key points were found in this transcript.")

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
