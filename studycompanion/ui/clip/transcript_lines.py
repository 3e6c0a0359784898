"""The transcript's lines as data: sentences with their words' times, probabilities and what was heard, built
off the UI thread (`build_lines`), and a `Line` as the transcript view lays it out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

from studycompanion.core.cards.keypoints import split_sentences
from studycompanion.core.types import Segment
from studycompanion.ui.clip.word_marks import WordMark, word_mark

# a word as shown: (text, start, end, probability, corrected_from); build_lines makes them, plain data
WordCell = tuple[str, float, float, float, str]
Lines = list[tuple[float, float, list[WordCell]]]


@dataclass(frozen=True)
class Line:
    """A sentence as shown: its time span and where it sits in the document."""

    start: float
    end: float
    text: str
    pos: int  # first character of the line's text (after the timestamp)
    words: tuple[tuple[int, int, float, float], ...]  # (char start, char end, t start, t end)
    cells: tuple[WordCell, ...] = ()  # each word as built: its text, times, probability and what was heard

    def mark(self, index: int) -> WordMark | None:
        cell = self.cells[index] if index < len(self.cells) else None
        return word_mark(cell[3], cell[4]) if cell else None


def build_lines(segments: Sequence[Segment]) -> Lines:
    """Sentences as (start, end, [(word, t0, t1, probability, corrected_from)]) - plain data, computed off the UI
    thread."""
    return [(s.start, s.end, [(w.text, w.start, w.end, w.probability, w.corrected_from) for w in s.words])
            for s in split_sentences(segments)]


def cell(word: Sequence[object]) -> WordCell:
    """A word tuple of 3 (text, t0, t1) or 5 fields, as 5."""
    if len(word) >= 5:
        return cast(WordCell, tuple(word[:5]))
    return cast(str, word[0]), cast(float, word[1]), cast(float, word[2]), 1.0, ""
