"""The clip view's Transcript tab: the transcript, a one-line legend of its marks, and the on-screen text track.

`TranscriptPane` only lays them out and keeps the legend and the track's heading in step with what they hold;
the clip view connects their signals (seek, loop, fix, make card).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QSplitter, QVBoxLayout, QWidget

from studycompanion.core.screen.merge import ScreenLine
from studycompanion.ui.clip.screen_track import ScreenTrack
from studycompanion.ui.clip.transcript_view import TranscriptView
from studycompanion.ui.clip.word_marks import legend_html


class TranscriptPane(QWidget):
    """Transcript on top, the legend under it, then "On screen (N)" with its track when the clip shows text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("transcriptPane")
        self.transcript = TranscriptView(self)
        self.legend = QLabel(self)
        self.legend.setObjectName("transcriptLegend")
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setWordWrap(False)  # one line: a wrapped legend overlapped the transcript at 1024 px
        self.legend.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)  # never widens the tab
        font = self.legend.font()
        font.setPointSizeF(font.pointSizeF() * 0.9)
        self.legend.setFont(font)
        self.legend.setContentsMargins(10, 2, 10, 4)
        self.legend.setToolTip(self.tr("Unsure: the model was less than 50 % sure of the word. Corrected: the medical "
                                       "lexicon or your fix changed it; hover it to see what was heard.\nRight-click a "
                                       "word (or select words) to fix it everywhere, or to make a card from the "
                                       "selected words; C makes a card from the line being said."))
        self.legend.hide()

        self.track = ScreenTrack(self)
        self.track_heading = QLabel(self)
        self.track_heading.setObjectName("screenTrackHeading")
        self.track_heading.setTextFormat(Qt.TextFormat.RichText)
        self.track_heading.setContentsMargins(10, 4, 10, 0)
        track_box = self.track_box = QWidget(self)
        track_layout = QVBoxLayout(track_box)
        track_layout.setContentsMargins(0, 0, 0, 0)
        track_layout.setSpacing(2)
        track_layout.addWidget(self.track_heading)
        track_layout.addWidget(self.track, 1)
        track_box.hide()

        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.setSpacing(0)
        top_layout.addWidget(self.transcript, 1)
        top_layout.addWidget(self.legend)

        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("transcriptSplitter")
        self.splitter.addWidget(top)
        self.splitter.addWidget(track_box)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.track.setMinimumHeight(56)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

    def update_legend(self) -> None:
        """The legend shows while the transcript has lines (its counts say whether anything is marked)."""
        if self.transcript.lines():
            self.legend.setText(legend_html(self.transcript.marked_words()))
            self.legend.show()
        else:
            self.legend.hide()

    def set_screen_lines(self, lines: Sequence[ScreenLine]) -> None:
        self.track.set_lines(lines)
        n = len(lines)
        heading = (self.tr("<b>On screen</b> ({n} line) · click one to play from there") if n == 1 else
                   self.tr("<b>On screen</b> ({n} lines) · click one to play from there"))
        self.track_heading.setText(heading.format(n=n))
        self.track_box.setVisible(bool(lines))
        if lines:
            total = max(1, self.splitter.height())
            track = min(max(80, total // 4), 36 + 22 * n)  # the transcript keeps most of the height
            self.splitter.setSizes([max(1, total - track), track])

    def set_position(self, seconds: float) -> None:
        self.transcript.set_position(seconds)
        self.track.set_position(seconds)
