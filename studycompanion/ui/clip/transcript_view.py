"""The transcript beside the player: one line per sentence, follows playback word by word, seeks on click.

What is uncertain says so: a word the model was unsure of (probability < `UNSURE_BELOW`) has a dotted amber
underline, a corrected word (lexicon or the student's fix) a dashed blue one with what was heard on hover
(`clip_word_marks`). The menu (and F2) offers "Fix…" for the word or the selected words, and "Make card from the
selected words". The lines it shows are built as plain data by `clip_transcript_lines`."""

from __future__ import annotations

import bisect
import time
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QPoint, QRect, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFont,
    QHelpEvent,
    QKeySequence,
    QMouseEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
)
from PySide6.QtWidgets import QMenu, QTextEdit, QToolTip, QWidget

from studycompanion.core.cards.drafts import format_time
from studycompanion.ui.clip.transcript_lines import Line, Lines, WordCell, build_lines, cell
from studycompanion.ui.clip.word_marks import (
    CORRECTED_COLOR,
    FIX_KEY,
    UNSURE_BELOW,
    UNSURE_COLOR,
    WordMark,
    bare_word,
    legend_html,
    mark_format,
    word_mark,
    word_tooltip,
)

# the data and the marks are imported from here by the For You feed, the clip's transcript pane and the tests
__all__ = ["CORRECTED_COLOR", "FIX_KEY", "UNSURE_BELOW", "UNSURE_COLOR", "USER_SCROLL_PAUSE", "Line", "Lines",
           "TranscriptView", "WordCell", "WordMark", "bare_word", "build_lines", "legend_html", "mark_format",
           "word_mark", "word_tooltip"]

USER_SCROLL_PAUSE = 4.0  # seconds the view stops following after the user scrolls it


class TranscriptView(QTextEdit):
    """Read-only transcript. `seek_requested(seconds)` on click; `loop_requested(start, end)` from the menu;
    `fix_requested(words)` from "Fix…" (menu or F2); `make_card_requested(start, end)` from the selected words."""

    seek_requested = Signal(float)
    loop_requested = Signal(float, float)
    fix_requested = Signal(str)  # the words as transcribed, without the punctuation around them
    make_card_requested = Signal(float, float)  # the first selected word's start, the last one's end

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
        self._clicked: tuple[int, int] | None = None  # the word last clicked: what F2 fixes without a selection
        self.offers_edits = False  # "Fix…" and "Make card" are offered only where a view acts on them (the clip)
        self.verticalScrollBar().valueChanged.connect(self._on_scroll)
        self.set_placeholder(self.tr("No transcript yet."))

    # ---- content ----------------------------------------------------------------------------------

    def set_placeholder(self, text: str) -> None:
        self._lines, self._line_starts, self._word_times, self._word_refs = [], [], [], []
        self._current = None
        self.setExtraSelections([])
        self.clear()
        self.setPlaceholderText(text)

    def set_lines(self, lines: Sequence[tuple[float, float, Sequence[Sequence[object]]]]) -> None:
        """Show sentences from `build_lines` (words of 5 fields, or 3: text, start, end); an empty list shows the
        placeholder. Unsure and corrected words are marked."""
        self.clear()
        self.setExtraSelections([])
        self._lines, self._current, self._clicked = [], None, None
        if not lines:
            self.set_placeholder(self.tr("This clip has no speech in its transcript."))
            return
        cursor = QTextCursor(self.document())
        stamp = QTextCharFormat()
        muted = QColor(self.palette().text().color())
        muted.setAlphaF(0.5)
        stamp.setForeground(muted)
        stamp.setFontPointSize(max(7.0, self.font().pointSizeF() * 0.85))
        body = QTextCharFormat()
        marks = {WordMark.UNSURE: mark_format(UNSURE_COLOR, QTextCharFormat.UnderlineStyle.DotLine),
                 WordMark.CORRECTED: mark_format(CORRECTED_COLOR, QTextCharFormat.UnderlineStyle.DashUnderline)}
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
            cells = [cell(w) for w in words]
            for j, (text, t0, t1, probability, heard) in enumerate(cells):
                if j:
                    cursor.insertText(" ", body)
                at = cursor.position()
                mark = word_mark(probability, heard)
                cursor.insertText(text, marks[mark] if mark else body)
                refs.append((at, cursor.position(), t0, t1))
            self._lines.append(Line(start, end, " ".join(c[0] for c in cells), pos, tuple(refs), tuple(cells)))
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

    def marked_words(self) -> list[tuple[str, WordMark]]:
        """Every marked word, in reading order, with its mark (what the legend counts)."""
        return [(bare_word(line.cells[i][0]), mark) for line in self._lines for i in range(len(line.cells))
                if (mark := line.mark(i)) is not None]

    def word_rect(self, line_index: int, word_index: int) -> QRect:
        """Where a word is drawn, in viewport coordinates (for tests and tooltips)."""
        c0, c1, _, _ = self._lines[line_index].words[word_index]
        cursor = QTextCursor(self.document())
        cursor.setPosition(c0 + (1 if c1 - c0 > 1 else 0))
        return self.cursorRect(cursor)

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

    def _word_at(self, point: QPoint) -> tuple[int, int] | None:
        """(line index, word index) of the word under a viewport point, if any."""
        return self._word_at_pos(self.cursorForPosition(point).position())

    def _word_at_pos(self, pos: int) -> tuple[int, int] | None:
        li = bisect.bisect_right(self._line_starts, pos) - 1
        if li < 0:
            return None
        for wi, (c0, c1, _, _) in enumerate(self._lines[li].words):
            if c0 <= pos <= c1:
                return li, wi
        return None

    def selected_words(self) -> list[tuple[int, int]]:
        """The words the selection touches (each whole), in reading order."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return []
        a, b = cursor.selectionStart(), cursor.selectionEnd()
        return [(li, wi) for li, line in enumerate(self._lines) for wi, (c0, c1, _, _) in enumerate(line.words)
                if c0 < b and c1 > a]

    def words_text(self, refs: Sequence[tuple[int, int]]) -> str:
        """The words as transcribed, joined, without the punctuation around the run."""
        return bare_word(" ".join(self._lines[li].cells[wi][0].strip() for li, wi in refs))

    def select_words(self, first: tuple[int, int], last: tuple[int, int]) -> None:
        """Select from the first word's start to the last word's end (as a drag would)."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._lines[first[0]].words[first[1]][0])
        cursor.setPosition(self._lines[last[0]].words[last[1]][1], QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def fix_target(self, point: QPoint | None = None) -> list[tuple[int, int]]:
        """What "Fix…" fixes: the selected words; else the word under `point`, the word last clicked, or the word
        being said."""
        selected = self.selected_words()
        if selected:
            if point is None:
                return selected
            under = self._word_at(point)
            if under is None or under in selected:
                return selected
            return [under]
        ref = self._word_at(point) if point is not None else None
        ref = ref or self._clicked or self._current
        return [ref] if ref is not None else []

    def request_fix(self, point: QPoint | None = None) -> bool:
        if not self.offers_edits:
            return False
        refs = self.fix_target(point)
        text = self.words_text(refs) if refs else ""
        if text:
            self.fix_requested.emit(text)
        return bool(text)

    def selected_span(self) -> tuple[float, float] | None:
        """(first selected word's start, last selected word's end), or None without a selection."""
        refs = self.selected_words()
        if not refs:
            return None
        (la, wa), (lb, wb) = refs[0], refs[-1]
        return self._lines[la].words[wa][2], self._lines[lb].words[wb][3]

    def _make_card_from_selection(self) -> None:
        span = self.selected_span()
        if span is not None:
            self.make_card_requested.emit(span[0], span[1])

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
        self._clicked = self._word_at(event.position().toPoint())
        hit = self._time_at(event.position().toPoint())
        if hit is not None:
            self.seek_requested.emit(hit[1])

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            tip = self.tooltip_at(event.pos())
            if tip:
                QToolTip.showText(event.globalPos(), tip, self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def tooltip_at(self, point: QPoint) -> str:
        """What hovering the word at a viewport point says: what was heard, or how unsure the model was."""
        ref = self._word_at(point)
        if ref is None:
            return ""
        text, _t0, _t1, probability, heard = self._lines[ref[0]].cells[ref[1]]
        return word_tooltip(text, probability, heard, fixable=self.offers_edits)

    def context_menu(self, point: QPoint) -> QMenu:
        """The menu for a viewport point: play / loop the sentence, fix the word(s), a card from the selection."""
        menu = QMenu(self)
        hit = self._time_at(point)
        if hit is not None:
            line = self._lines[hit[0]]
            menu.addAction(self.tr("Play from {time}").format(time=format_time(line.start)),
                           lambda: self.seek_requested.emit(line.start))
            menu.addAction(self.tr("Loop this sentence"), lambda: self.loop_requested.emit(line.start, line.end))
            menu.addSeparator()
        target = self.fix_target(point) if self._lines and self.offers_edits else []
        if target:
            words = self.words_text(target)
            shown = words if len(words) <= 32 else words[:31] + "…"
            fix = menu.addAction(self.tr("Fix “{words}”…").format(words=shown), lambda: self.fix_requested.emit(words))
            fix.setShortcut(QKeySequence(FIX_KEY))
            fix.setObjectName("fixAction")
        if self.offers_edits and self.selected_span() is not None:
            card = menu.addAction(self.tr("Make card from the selected words"), self._make_card_from_selection)
            card.setObjectName("makeCardAction")
        if target or (self.offers_edits and self.selected_span() is not None):
            menu.addSeparator()
        copy = menu.addAction(self.tr("Copy"), self.copy)
        copy.setEnabled(self.textCursor().hasSelection())
        menu.addAction(self.tr("Select all"), self.selectAll)
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 - Qt override
        menu = self.context_menu(event.pos())
        menu.exec(event.globalPos())
        menu.deleteLater()
