"""The transcript beside the player: one line per sentence, follows playback word by word, seeks on click."""

from __future__ import annotations

import bisect
import time
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFont,
    QMouseEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
)
from PySide6.QtWidgets import QMenu, QTextEdit, QWidget

from studycompanion.core.cards.drafts import format_time
from studycompanion.core.cards.keypoints import split_sentences
from studycompanion.core.types import Segment

USER_SCROLL_PAUSE = 4.0  # seconds the view stops following after the user scrolls it


@dataclass(frozen=True)
class Line:
    """A sentence as shown: its time span and where it sits in the document."""

    start: float
    end: float
    text: str
    pos: int  # first character of the line's text (after the timestamp)
    words: tuple[tuple[int, int, float, float], ...]  # (char start, char end, t start, t end)


def build_lines(segments: Sequence[Segment]) -> list[tuple[float, float, list[tuple[str, float, float]]]]:
    """Sentences as (start, end, [(word, t0, t1)]) - plain data, computed off the UI thread."""
    return [(s.start, s.end, [(w.text, w.start, w.end) for w in s.words]) for s in split_sentences(segments)]


class TranscriptView(QTextEdit):
    """Read-only transcript. `seek_requested(seconds)` on click; `loop_requested(start, end)` from the menu."""

    seek_requested = Signal(float)
    loop_requested = Signal(float, float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.viewport().setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFrameShape(QTextEdit.Shape.NoFrame)
        self.document().setDocumentMargin(10)
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * 1.1)  # read while watching: a little larger than the UI
        self.setFont(font)
        self._lines: list[Line] = []
        self._line_starts: list[int] = []
        self._word_times: list[float] = []
        self._word_refs: list[tuple[int, int]] = []  # (line index, word index) per word, in time order
        self._current: tuple[int, int] | None = None
        self._user_scrolled_at = 0.0
        self._scrolling = False
        self._press: QPoint | None = None
        self.verticalScrollBar().valueChanged.connect(self._on_scroll)
        self.set_placeholder("No transcript yet.")

    # ---- content ----------------------------------------------------------------------------------

    def set_placeholder(self, text: str) -> None:
        self._lines, self._line_starts, self._word_times, self._word_refs = [], [], [], []
        self._current = None
        self.setExtraSelections([])
        self.clear()
        self.setPlaceholderText(text)

    def set_lines(self, lines: Sequence[tuple[float, float, list[tuple[str, float, float]]]]) -> None:
        """Show sentences from `build_lines`; an empty list shows the placeholder."""
        self.clear()
        self.setExtraSelections([])
        self._lines, self._current = [], None
        if not lines:
            self.set_placeholder("This clip has no speech in its transcript.")
            return
        cursor = QTextCursor(self.document())
        stamp = QTextCharFormat()
        muted = QColor(self.palette().text().color())
        muted.setAlphaF(0.5)
        stamp.setForeground(muted)
        stamp.setFontPointSize(max(7.0, self.font().pointSizeF() * 0.85))
        body = QTextCharFormat()
        block_format = cursor.blockFormat()
        block_format.setBottomMargin(6)
        block_format.setLineHeight(125, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        for i, (start, end, words) in enumerate(lines):
            if i:
                cursor.insertBlock()
            cursor.setBlockFormat(block_format)
            cursor.insertText(f"{format_time(start)}\u2003", stamp)
            pos = cursor.position()
            refs = []
            for j, (text, t0, t1) in enumerate(words):
                if j:
                    cursor.insertText(" ", body)
                at = cursor.position()
                cursor.insertText(text, body)
                refs.append((at, cursor.position(), t0, t1))
            self._lines.append(Line(start, end, " ".join(w[0] for w in words), pos, tuple(refs)))
        self._line_starts = [line.pos for line in self._lines]
        refs_in_time = sorted(
            ((w[2], li, wi) for li, line in enumerate(self._lines) for wi, w in enumerate(line.words)),
        )
        self._word_times = [t for t, _, _ in refs_in_time]
        self._word_refs = [(li, wi) for _, li, wi in refs_in_time]
        self.moveCursor(QTextCursor.MoveOperation.Start)
        self.verticalScrollBar().setValue(0)

    def lines(self) -> list[Line]:
        return list(self._lines)

    def current_line(self) -> Line | None:
        return self._lines[self._current[0]] if self._current else None

    def line_at_time(self, seconds: float) -> Line | None:
        ref = self._ref_at(seconds)
        return self._lines[ref[0]] if ref else None

    # ---- following playback -----------------------------------------------------------------------

    def _ref_at(self, seconds: float) -> tuple[int, int] | None:
        if not self._word_times:
            return None
        i = bisect.bisect_right(self._word_times, seconds + 0.05) - 1
        return self._word_refs[max(i, 0)]

    def set_position(self, seconds: float) -> None:
        """Highlight the sentence and the word being said at `seconds`, scrolling it into view."""
        ref = self._ref_at(seconds)
        if ref is None or ref == self._current:
            return
        line_changed = self._current is None or self._current[0] != ref[0]
        self._current = ref
        self._paint_current()
        if line_changed and time.monotonic() - self._user_scrolled_at > USER_SCROLL_PAUSE:
            self._scroll_to_line(ref[0])

    def _paint_current(self) -> None:
        if self._current is None:
            self.setExtraSelections([])
            return
        li, wi = self._current
        line = self._lines[li]
        highlight = QColor(self.palette().highlight().color())
        line_sel = QTextEdit.ExtraSelection()
        line_sel.cursor = QTextCursor(self.document())
        line_sel.cursor.setPosition(line.pos)
        fmt = QTextCharFormat()
        line_bg = QColor(highlight)
        line_bg.setAlpha(40)
        fmt.setBackground(line_bg)
        fmt.setProperty(QTextFormat.Property.FullWidthSelection, True)
        line_sel.format = fmt
        word_sel = QTextEdit.ExtraSelection()
        word_sel.cursor = QTextCursor(self.document())
        c0, c1, _, _ = line.words[wi]
        word_sel.cursor.setPosition(c0)
        word_sel.cursor.setPosition(c1, QTextCursor.MoveMode.KeepAnchor)
        wfmt = QTextCharFormat()
        word_bg = QColor(highlight)
        word_bg.setAlpha(110)
        wfmt.setBackground(word_bg)
        wfmt.setFontWeight(QFont.Weight.DemiBold)
        word_sel.format = wfmt
        self.setExtraSelections([line_sel, word_sel])

    def _scroll_to_line(self, index: int) -> None:
        block = self.document().findBlock(self._lines[index].pos)
        rect = self.document().documentLayout().blockBoundingRect(block)
        bar = self.verticalScrollBar()
        top, height = bar.value(), self.viewport().height()
        if rect.top() >= top + 8 and rect.bottom() <= top + height - 8:
            return
        self._scrolling = True
        try:
            bar.setValue(int(max(0.0, rect.top() - height / 3)))
        finally:
            self._scrolling = False

    def _on_scroll(self, _value: int) -> None:
        if not self._scrolling:
            self._user_scrolled_at = time.monotonic()

    # ---- clicks -----------------------------------------------------------------------------------

    def _time_at(self, point: QPoint) -> tuple[int, float] | None:
        """(line index, seconds) under a viewport point: the word's start, or the line's on its timestamp."""
        if not self._lines:
            return None
        pos = self.cursorForPosition(point).position()
        li = bisect.bisect_right(self._line_starts, pos) - 1
        if li < 0:
            return (0, self._lines[0].start) if pos >= 0 else None
        if li + 1 < len(self._lines) and pos >= self._lines[li + 1].pos - 8 and pos < self._lines[li + 1].pos:
            li += 1  # on the next line's timestamp
        line = self._lines[li]
        if pos < line.pos:
            return li, line.start
        for c0, c1, t0, _ in line.words:
            if c0 <= pos <= c1:
                return li, t0
        return li, line.start

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        self._press = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        super().mouseReleaseEvent(event)
        press, self._press = self._press, None
        if event.button() != Qt.MouseButton.LeftButton or press is None:
            return
        if self.textCursor().hasSelection() or (event.position().toPoint() - press).manhattanLength() > 4:
            return  # the user selected text to copy
        hit = self._time_at(event.position().toPoint())
        if hit is not None:
            self.seek_requested.emit(hit[1])

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 - Qt override
        menu = QMenu(self)
        hit = self._time_at(event.pos())
        if hit is not None:
            line = self._lines[hit[0]]
            menu.addAction(f"Play from {format_time(line.start)}", lambda: self.seek_requested.emit(line.start))
            menu.addAction("Loop this sentence", lambda: self.loop_requested.emit(line.start, line.end))
            menu.addSeparator()
        copy = menu.addAction("Copy", self.copy)
        copy.setEnabled(self.textCursor().hasSelection())
        menu.addAction("Select all", self.selectAll)
        menu.exec(event.globalPos())
