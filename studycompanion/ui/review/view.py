"""The review session view: pick tags or For You, then each card with its clip's key moment playing, reveal,
grade with 1-4, and a summary at the end. The queue, FSRS scheduling and history live in core/review/sessions.py."""

from __future__ import annotations

import html
import logging
import time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from studycompanion.core.cards.drafts import format_time
from studycompanion.core.review.sessions import Grade, ReviewItem, Reviews, ReviewScope, ReviewSession, ReviewSummary
from studycompanion.core.types import CardKind
from studycompanion.ui.common.worker import Failure, Worker
from studycompanion.ui.review.grades import grade_button_text
from studycompanion.ui.review.texts import cloze_html, counter_words, credibility_label

if TYPE_CHECKING:
    from studycompanion.services import Services

log = logging.getLogger(__name__)
GRADE_KEYS = {Grade.AGAIN: "1", Grade.HARD: "2", Grade.GOOD: "3", Grade.EASY: "4"}


class ReviewView(QWidget):
    """Three pages: setup (scope), card (key moment, question, answer, grades), summary."""

    finished = Signal(object)  # the ReviewSummary of a session that ended
    open_clip_requested = Signal(int, float)  # (video_id, seconds): "Open clip" on a card
    failed = Signal(object)  # a Failure to show

    def __init__(self, services: Services, worker: Worker, parent: QWidget | None = None, *,
                 autoplay: bool = True) -> None:
        super().__init__(parent)
        self.services = services
        self.worker = worker
        self.autoplay = autoplay
        self._reviews: Reviews | None = None
        self.session: ReviewSession | None = None
        self._summary: ReviewSummary | None = None
        self._revealed = False
        self._busy = False
        self._shown_at = 0.0
        self._pending_tags: list[str] = []  # tags asked for before the tag list was loaded
        self.player: Any = None  # the clip's PlayerPanel (clip/playback.py), made on the first card shown
        self._count_timer = QTimer(self, singleShot=True, interval=250)
        self._count_timer.timeout.connect(self._count)
        self._build()
        self._shortcuts()

    # ---- layout -----------------------------------------------------------------------------------

    def _build(self) -> None:
        self.pages = QStackedWidget(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(self.pages)
        self.pages.addWidget(self._build_setup())
        self.pages.addWidget(self._build_card())
        self.pages.addWidget(self._build_summary())

    def _build_setup(self) -> QWidget:
        page = QWidget()
        title = QLabel(self.tr("<h2>Review</h2>Quiz yourself on your accepted cards, offline. Once you show the "
                               "answer, the clip's key moment plays."))
        title.setTextFormat(Qt.TextFormat.RichText)
        title.setWordWrap(True)
        self.foryou_radio = QRadioButton(self.tr("For You: what is due, then your best-matched clips"))
        self.tags_radio = QRadioButton(self.tr("Cards of these tags:"))
        self.foryou_radio.setChecked(True)
        self.tag_list = QListWidget()
        self.tag_list.setEnabled(False)
        self.verified_only = QCheckBox(self.tr("Only creators marked physician or resident"))
        self.size_box = QSpinBox()
        self.size_box.setRange(5, 500)
        self.size_box.setValue(self.services.settings.review_session_cards)
        self.size_box.setSuffix(self.tr(" cards at most"))
        self.counts_label = QLabel("")
        self.counts_label.setTextFormat(Qt.TextFormat.PlainText)
        self.start_button = QPushButton(self.tr("Start review"))
        self.start_button.setDefault(True)
        for sig in (self.foryou_radio.toggled, self.verified_only.toggled):
            sig.connect(self._scope_changed)
        self.tag_list.itemChanged.connect(self._scope_changed)
        self.start_button.clicked.connect(self.start)
        box = QVBoxLayout(page)
        box.addWidget(title)
        box.addWidget(self.foryou_radio)
        box.addWidget(self.tags_radio)
        box.addWidget(self.tag_list, 1)
        row = QHBoxLayout()
        row.addWidget(self.verified_only)
        row.addStretch(1)
        row.addWidget(self.size_box)
        box.addLayout(row)
        row = QHBoxLayout()
        row.addWidget(self.counts_label, 1)
        row.addWidget(self.start_button)
        box.addLayout(row)
        return page

    def _build_card(self) -> QWidget:
        page = QWidget()
        self.progress_label = QLabel()
        self.progress_label.setTextFormat(Qt.TextFormat.PlainText)
        self.clip_label = QLabel()
        self.clip_label.setTextFormat(Qt.TextFormat.RichText)  # the title in bold; title and creator escaped
        self.clip_label.setWordWrap(True)
        self.verify_label = QLabel(self.tr("Unverified creator: check this fact before you trust it."))
        self.verify_label.setStyleSheet("color: #b35c00; font-weight: 600;")
        self.player_box = QVBoxLayout()
        self.moment_label = QLabel()
        self.moment_label.setTextFormat(Qt.TextFormat.PlainText)
        self.player_box.addWidget(self.moment_label)
        self.prompt_label = QLabel()
        self.prompt_label.setWordWrap(True)
        self.prompt_label.setTextFormat(Qt.TextFormat.RichText)
        self.prompt_label.setStyleSheet("font-size: 20px;")
        self.answer_label = QLabel()
        self.answer_label.setWordWrap(True)
        self.answer_label.setTextFormat(Qt.TextFormat.RichText)
        self.answer_label.setStyleSheet("font-size: 18px;")
        self.extra_label = QLabel()
        self.extra_label.setTextFormat(Qt.TextFormat.PlainText)  # the card's Extra as written: never escaped
        self.extra_label.setWordWrap(True)
        self.extra_label.setStyleSheet("color: palette(mid);")
        self.reveal_button = QPushButton(self.tr("Show answer (Space)"))
        self.reveal_button.clicked.connect(self.reveal)
        self.grade_buttons: dict[Grade, QPushButton] = {}
        grades = QHBoxLayout()
        for grade in Grade:
            button = QPushButton(grade_button_text(grade, GRADE_KEYS[grade]))
            button.clicked.connect(lambda _=False, g=grade: self.grade(g))
            self.grade_buttons[grade] = button
            grades.addWidget(button)
        self.skip_button = QPushButton(self.tr("Skip"))
        self.skip_button.clicked.connect(self.skip)
        self.open_button = QPushButton(self.tr("Open clip"))
        self.open_button.clicked.connect(self._open_clip)
        self.end_button = QPushButton(self.tr("End session"))
        self.end_button.clicked.connect(self.end_session)
        top = QHBoxLayout()
        top.addWidget(self.progress_label)
        top.addStretch(1)
        top.addWidget(self.open_button)
        top.addWidget(self.end_button)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        box = QVBoxLayout(page)
        box.addLayout(top)
        box.addWidget(self.clip_label)
        box.addWidget(self.verify_label)
        box.addLayout(self.player_box, 3)
        box.addWidget(self.prompt_label)
        box.addWidget(line)
        box.addWidget(self.answer_label)
        box.addWidget(self.extra_label)
        box.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.skip_button)
        bottom.addStretch(1)
        bottom.addWidget(self.reveal_button)
        bottom.addLayout(grades)
        box.addLayout(bottom)
        return page

    def _build_summary(self) -> QWidget:
        page = QWidget()
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextFormat(Qt.TextFormat.RichText)
        again = QPushButton(self.tr("New session"))
        again.clicked.connect(self.show_setup)
        box = QVBoxLayout(page)
        box.addWidget(self.summary_label)
        box.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(again)
        box.addLayout(row)
        return page

    def _shortcuts(self) -> None:
        ctx = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for key in ("Space", "Return", "Enter"):
            QShortcut(QKeySequence(key), self, self._space, context=ctx)
        for grade, key in GRADE_KEYS.items():
            QShortcut(QKeySequence(key), self, lambda g=grade: self.grade(g), context=ctx)
        QShortcut(QKeySequence("S"), self, self.skip, context=ctx)
        QShortcut(QKeySequence("Escape"), self, self.end_session, context=ctx)

    # ---- setup --------------------------------------------------------------------------------------

    def page(self) -> str:
        return ("setup", "card", "summary")[self.pages.currentIndex()]

    def reviews(self) -> Reviews:
        if self._reviews is None:
            self._reviews = self.services.reviews
        return self._reviews

    def show_setup(self) -> None:
        self.pages.setCurrentIndex(0)
        self.reload()

    def reload(self) -> None:
        """Fill the tag list (in the background) and count what the chosen scope holds."""
        tags = self.services.library.tags

        def read() -> list[tuple[str, int]]:
            # the tags that exist, each with the clips it holds as the sidebar counts them: a clip once, with the
            # tags below it, and not for a suggestion the student has not confirmed
            clips = tags.tag_clip_counts()
            return [(name, clips.get(name, 0)) for name, _rows in tags.tag_counts()]

        self.worker.run(read, self._set_tags, self._fail)

    def _set_tags(self, counts: list[tuple[str, int]]) -> None:
        checked = set(self.checked_tags())
        self.tag_list.blockSignals(True)
        self.tag_list.clear()
        for name, n in counts:
            if n == 0:
                continue
            text = self.tr("{tag}  ({n} clip)") if n == 1 else self.tr("{tag}  ({n} clips)")
            item = QListWidgetItem(text.format(tag=name, n=f"{n:,}"))
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if name in checked else Qt.CheckState.Unchecked)
            self.tag_list.addItem(item)
        self.tag_list.blockSignals(False)
        self._scope_changed()

    def checked_tags(self) -> list[str]:
        return [self.tag_list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.tag_list.count())
                if self.tag_list.item(i).checkState() == Qt.CheckState.Checked]

    def set_scope(self, tags: list[str] | None = None, *, verified_only: bool = False) -> None:
        """Choose tags (None: For You) from outside, e.g. "Review this tag" in the sidebar."""
        self.tags_radio.setChecked(bool(tags))
        self.foryou_radio.setChecked(not tags)
        wanted = {t.lower() for t in tags or []}
        for i in range(self.tag_list.count()):
            item = self.tag_list.item(i)
            on = str(item.data(Qt.ItemDataRole.UserRole)).lower() in wanted
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self._pending_tags = list(tags or [])
        self.verified_only.setChecked(verified_only)
        self._scope_changed()

    def scope(self) -> ReviewScope:
        tags = self.checked_tags() if self.tags_radio.isChecked() else []
        if self.tags_radio.isChecked() and not tags:
            tags = list(self._pending_tags)
        return ReviewScope(tuple(tags), for_you=not tags, verified_only=self.verified_only.isChecked())

    def _scope_changed(self, *_args: object) -> None:
        self.tag_list.setEnabled(self.tags_radio.isChecked())
        self._count_timer.start()

    def _count(self) -> None:
        scope = self.scope()
        if self.tags_radio.isChecked() and not scope.tags:
            self.counts_label.setText(self.tr("Tick one or more tags."))
            self.start_button.setEnabled(False)
            return
        reviews = self.reviews()
        self.worker.run(lambda: (scope, reviews.counts(scope)), self._show_counts, self._fail)

    def _show_counts(self, result: tuple[ReviewScope, tuple[int, int]]) -> None:
        scope, (due, new) = result
        if scope != self.scope():
            return  # the choice changed meanwhile; a newer count is on its way
        self.counts_label.setText(self.tr("{due} due · {new} new").format(due=f"{due:,}", new=f"{new:,}") if due or new
                                  else self.tr("Nothing to review here yet."))
        self.start_button.setEnabled(bool(due or new))

    # ---- the session --------------------------------------------------------------------------------

    def start(self) -> None:
        scope, limit, reviews = self.scope(), self.size_box.value(), self.reviews()
        self.start_button.setEnabled(False)
        self.worker.run(lambda: reviews.start(scope, limit), self._started, self._fail)

    def _started(self, session: ReviewSession) -> None:
        self.start_button.setEnabled(True)
        if not session.remaining:
            self.worker.run(session.finish, None, self._fail)
            self.counts_label.setText(self.tr("Nothing to review in {scope} right now.").format(
                scope=session.scope.describe()))
            return
        self.session = session
        self.pages.setCurrentIndex(1)
        self._show_card()

    def current_item(self) -> ReviewItem | None:
        return self.session.current if self.session else None

    def is_revealed(self) -> bool:
        return self._revealed

    def _show_card(self) -> None:
        item = self.current_item()
        if item is None or self.session is None:
            self.end_session()
            return
        self._revealed, self._busy = False, False
        self._shown_at = time.monotonic()
        done = len(self.session.results)
        self.progress_label.setText(self.tr("Card {n} · {counter}").format(n=done + 1,
                                                                           counter=counter_words(self.session)))
        line = (self.tr("<b>{title}</b> · {creator} ({credibility}) · new card") if item.is_new else
                self.tr("<b>{title}</b> · {creator} ({credibility})"))
        self.clip_label.setText(line.format(title=html.escape(item.clip_title),
                                            creator=html.escape(item.creator or self.tr("unknown creator")),
                                            credibility=html.escape(credibility_label(item.credibility))))
        self.verify_label.setVisible(item.verify)
        prompt = cloze_html(item.front, False) if item.kind == CardKind.CLOZE else html.escape(item.front)
        self.prompt_label.setText(prompt)
        self.answer_label.setText("")
        self.extra_label.setText("")
        self.reveal_button.setEnabled(True)
        for button in self.grade_buttons.values():
            button.setEnabled(False)
        self._hide_moment()

    def _hide_moment(self) -> None:
        """Before the answer: no frame, no audio (they would give the answer away)."""
        self.moment_label.setText(self.tr("The clip's key moment plays once you show the answer."))
        if self.player is not None:
            self.player.stop()
            self.player.hide()

    def moment_shown(self) -> bool:
        return self.player is not None and self.player.isVisible() and self._revealed

    def _play(self, item: ReviewItem) -> None:
        self.moment_label.setText(self.tr("Key moment {start}–{end}").format(start=format_time(item.start),
                                                                             end=format_time(item.end)))
        if self.player is None:
            from studycompanion.ui.clip.playback import make_player  # (without Qt Multimedia: the clip's frame)

            self.player = make_player(self)
            self.player.show_frames_with(self.worker)
            self.player.setMinimumHeight(220)
            self.player_box.addWidget(self.player)
        self.player.show()
        self.player.load(item.media_path, at_seconds=item.start, missing=self.tr("This clip's video is not downloaded"))
        if item.media_path is not None and item.media_path.is_file():
            self.player.set_loop((item.start, max(item.end, item.start + 1.0)))
            if self.autoplay:
                self.player.play()

    def _space(self) -> None:
        if self.page() == "card" and not self._revealed:
            self.reveal()
        elif self.page() == "setup" and self.start_button.isEnabled():
            self.start()

    def reveal(self) -> None:
        item = self.current_item()
        if item is None or self._revealed or self.page() != "card":
            return
        self._revealed = True
        if item.kind == CardKind.CLOZE:
            self.answer_label.setText(cloze_html(item.front, True))
        else:
            self.answer_label.setText(html.escape(item.back))
        self.extra_label.setText(item.extra)  # plain text (see _build_card)
        self.reveal_button.setEnabled(False)
        for button in self.grade_buttons.values():
            button.setEnabled(True)
        self._play(item)  # now the key moment: frame and audio with the answer

    def grade(self, grade: Grade) -> None:
        session = self.session
        if session is None or not self._revealed or self._busy or self.page() != "card":
            return
        self._busy = True
        for button in self.grade_buttons.values():
            button.setEnabled(False)
        ms = int((time.monotonic() - self._shown_at) * 1000)
        self.worker.run(lambda: session.grade(grade, ms), self._graded, self._fail)

    def _graded(self, _result: object) -> None:
        self._show_card()  # the counter is read from the session again, right after the grade

    def skip(self) -> None:
        if self.session is not None and self.page() == "card" and not self._busy:
            self.session.skip()
            self._show_card()

    def _open_clip(self) -> None:
        item = self.current_item()
        if item is not None:
            self.open_clip_requested.emit(item.video_id, item.start)

    def end_session(self) -> None:
        session, self.session = self.session, None
        if self.player is not None:
            self.player.stop()
        if session is None or self.page() != "card":
            return
        self.worker.run(session.finish, self._show_summary, self._fail)

    def _show_summary(self, summary: ReviewSummary) -> None:
        self._summary = summary
        lines = summary.lines(tz=self.reviews().tz)
        rows = "".join(f"<p>{html.escape(line)}</p>" for line in lines[1:])
        self.summary_label.setText(self.tr("<h2>Session done</h2><p>{first}</p>{rows}").format(
            first=html.escape(lines[0]), rows=rows))
        self.pages.setCurrentIndex(2)
        self.finished.emit(summary)

    def summary(self) -> ReviewSummary | None:
        return self._summary

    def _fail(self, failure: Failure) -> None:
        self._busy = False
        self.start_button.setEnabled(True)
        if self.page() == "card" and self.current_item() is not None:
            for button in self.grade_buttons.values():
                button.setEnabled(self._revealed)
        self.failed.emit(failure)
