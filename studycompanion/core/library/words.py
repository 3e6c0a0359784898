"""Transcript words: how one is stored (a JSON row [start, end, text, probability] plus, for a corrected word, what
was heard: [..., corrected_from]; rows written before corrections existed have four items and still load), and
how a phrase the student fixed is replaced in a transcript's text and words (core/cards/fixes.py, and again when
a clip is transcribed anew)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from studycompanion.core.types import Segment, Word

_EDGE_LEFT, _EDGE_RIGHT = r"(?<![\w'-])", r"(?![\w'-])"


def word_row(word: Word) -> list[Any]:
    row: list[Any] = [word.start, word.end, word.text, word.probability]
    if word.corrected_from:
        row.append(word.corrected_from)
    return row


def word_from_row(row: list[Any]) -> Word:
    corrected = str(row[4]) if len(row) > 4 and row[4] else ""
    return Word(float(row[0]), float(row[1]), str(row[2]), float(row[3]), corrected)


def phrase_pattern(phrase: str) -> re.Pattern[str]:
    """The phrase as whole words, any case, any run of spaces between its words."""
    return re.compile(_EDGE_LEFT + r"\s+".join(re.escape(t) for t in phrase.split()) + _EDGE_RIGHT, re.IGNORECASE)


def _bare(token: str) -> str:
    return re.sub(r"^[\W_]+|[\W_]+$", "", token).casefold()


def fix_words(words: Sequence[Word], wrong: str, right: str) -> tuple[list[Word], int]:
    """Replace each run of words that reads `wrong` by one word `right` spanning the run's time, keeping the run's
    leading space and trailing punctuation; the student's word is certain (probability 1) and remembers what the
    model heard."""
    target = [_bare(t) for t in wrong.split()]
    out: list[Word] = []
    i = n = 0
    while i < len(words):
        run = words[i:i + len(target)]
        if len(run) == len(target) and [_bare(w.text) for w in run] == target:
            lead = re.match(r"^[\W_]*", run[0].text)
            trail = re.search(r"[\W_]*$", run[-1].text)
            heard = run[0].corrected_from if len(run) == 1 and run[0].corrected_from else \
                " ".join(w.text.strip() for w in run)
            out.append(Word(run[0].start, run[-1].end, f"{lead.group(0) if lead else ''}{right}"
                            f"{trail.group(0) if trail else ''}", 1.0, heard))
            i += len(run)
            n += 1
        else:
            out.append(words[i])
            i += 1
    return out, n


def apply_misheard(segments: Sequence[Segment], misheard: Mapping[str, str]) -> tuple[list[Segment], int]:
    """The student's earlier fixes (what was heard -> what is right) applied to a new transcript of a clip, so a
    clip transcribed again keeps them; returns the segments and how many phrases were replaced."""
    out, total = list(segments), 0
    for wrong, right in misheard.items():
        pattern = phrase_pattern(wrong)
        for i, seg in enumerate(out):
            if not pattern.search(seg.text):
                continue
            text = pattern.sub(right.replace("\\", "\\\\"), seg.text)  # the right text as written
            if text == seg.text:
                continue
            words, runs = fix_words(seg.words, wrong, right)
            out[i] = Segment(seg.start, seg.end, text, words)
            total += max(runs, 1)
    return out, total
