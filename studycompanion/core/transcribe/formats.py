"""Transcript segments as plain text, SubRip (.srt) or WebVTT (.vtt), cut into subtitle-sized cues.

Subtitle conventions (Netflix / BBC timed-text guides, and what asbplayer / subs2srs users expect): at most
two lines of 42 characters and 7 seconds a cue, cut at sentence ends, else at a clause (comma), else between
words. The cut points come from the word timestamps; a segment without words is spread over its time span
by character count.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from studycompanion.core.types import Segment, Word

MAX_LINE = 42
MAX_LINES = 2
MAX_SECONDS = 7.0
MAX_GAP = 1.5  # a pause this long starts a new cue
_SENTENCE_END = re.compile(r"[.!?…]['\")\]]*$")
_CLAUSE_END = re.compile(r"[,;:–—]$")


class TranscriptFormat(StrEnum):
    TXT = "txt"
    SRT = "srt"
    VTT = "vtt"


@dataclass(frozen=True)
class Cue:
    start: float
    end: float
    lines: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def _timestamp(seconds: float, separator: str) -> str:
    millis = max(0, round(seconds * 1000))
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}{separator}{millis:03d}"


def _words(segments: Sequence[Segment]) -> list[Word]:
    """Every word with its times; a segment without word timestamps is spread over its span by length."""
    out: list[Word] = []
    for seg in segments:
        if not seg.text.strip():
            continue
        words = [w for w in seg.words if w.text.strip()]
        covered = sum(len(w.text.strip()) for w in words)
        if words and covered >= 0.8 * len(re.sub(r"\s", "", seg.text)):  # the words are the segment's text
            out.extend(Word(w.start, max(w.end, w.start), w.text.strip()) for w in words)
            continue
        tokens = seg.text.split()
        total = sum(len(t) + 1 for t in tokens)
        span = max(0.0, seg.end - seg.start)
        at = seg.start
        for token in tokens:
            length = span * (len(token) + 1) / total
            out.append(Word(at, at + length, token))
            at += length
    return out


def wrap(text: str, width: int = MAX_LINE) -> tuple[str, ...] | None:
    """One line, or two balanced lines, each within `width`; None if the text needs more than two."""
    if len(text) <= width:
        return (text,)
    best: tuple[str, str] | None = None
    for m in re.finditer(" ", text):
        first, second = text[:m.start()], text[m.end():]
        if len(first) <= width and len(second) <= width and (
                best is None or max(len(first), len(second)) < max(len(best[0]), len(best[1]))):
            best = (first, second)
    return best


def _fits(words: Sequence[Word]) -> bool:
    text = " ".join(w.text for w in words)
    return wrap(text) is not None and (words[-1].end - words[0].start) <= MAX_SECONDS


def cues(segments: Sequence[Segment]) -> list[Cue]:
    """Subtitle cues: cut at sentence ends, within 2 lines x 42 characters and 7 s, using the word timestamps."""
    words = _words(segments)
    groups: list[list[Word]] = []
    current: list[Word] = []
    for word in words:
        if current and (word.start - current[-1].end > MAX_GAP or not _fits([*current, word])):
            cut = _clause_cut(current)
            groups.append(current[:cut])
            current = current[cut:]
            if current and not _fits([*current, word]):
                groups.append(current)
                current = []
        current.append(word)
        if _SENTENCE_END.search(word.text):
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    out: list[Cue] = []
    for group in groups:
        text = " ".join(w.text for w in group)
        lines = wrap(text) or (text,)  # one word longer than two lines: shown as it is
        out.append(Cue(group[0].start, max(group[-1].end, group[0].start + 0.001), lines))
    return out


def _clause_cut(words: list[Word]) -> int:
    """Where to end a full cue: after its last comma if that keeps at least a third of it, else at its end."""
    for i in range(len(words) - 1, 0, -1):
        if _CLAUSE_END.search(words[i - 1].text) and i >= len(words) / 3:
            return i
    return len(words)


def to_txt(segments: Sequence[Segment]) -> str:
    return "".join(seg.text.strip() + "\n" for seg in segments if seg.text.strip())


def to_srt(segments: Sequence[Segment]) -> str:
    blocks = []
    for number, cue in enumerate(cues(segments), 1):
        blocks.append(f"{number}\n{_timestamp(cue.start, ',')} --> {_timestamp(cue.end, ',')}\n{cue.text}\n")
    return "\n".join(blocks)


def to_vtt(segments: Sequence[Segment]) -> str:
    blocks = ["WEBVTT\n"]
    for cue in cues(segments):
        blocks.append(f"{_timestamp(cue.start, '.')} --> {_timestamp(cue.end, '.')}\n{cue.text}\n")
    return "\n".join(blocks)


def render(segments: Sequence[Segment], fmt: TranscriptFormat | str) -> str:
    kind = TranscriptFormat(fmt)
    if kind is TranscriptFormat.SRT:
        return to_srt(segments)
    if kind is TranscriptFormat.VTT:
        return to_vtt(segments)
    return to_txt(segments)
