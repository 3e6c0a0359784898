"""Merging per-frame OCR reads into timed on-screen lines (ScreenLine), and dropping what is not content.

A line is the same text at the same height on consecutive reads: matched by position (vertical overlap)
and fuzzy text (rapidfuzz ratio, which absorbs OCR jitter such as "Fact #23" / "Fact#23"). A line missing
from one read and back within `grace` seconds stays one line. Its text is the reading with the most support
(sum of scores over the reads that gave exactly that text; ties go to the single best score), its confidence
that reading's best score.

Dropped (see `is_junk`, `drop_fragments`): fewer than two letters or digits; confidence under `min_confidence`;
platform chrome: "TikTok" / "CapCut" (near misses and pieces too), a lone "@handle"; lines seen for less than
`min_seconds` unless read with high confidence; a line that is a piece of a longer line at the same place and
time (a half-read while it appeared). Emoji and pictographs are removed from the text (OCR reads them as noise).
Lines are ordered by time, and top to bottom inside a block (lines that appeared together).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from studycompanion.core.screen.engine import OcrRead


@dataclass(frozen=True)
class Box:
    """Where a line sat, as fractions (0..1) of the frame's width and height."""

    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True)
class ScreenLine:
    """One on-screen text line and the span (seconds) it was shown."""

    start: float
    end: float
    text: str
    box: Box
    confidence: float


@dataclass(frozen=True)
class TimedRead:
    """A read in full-frame pixels, with the earliest time its pixels were already on screen."""

    read: OcrRead
    first_seen: float


@dataclass(frozen=True)
class MergeSettings:
    match_ratio: float = 70.0  # rapidfuzz ratio (0..100) for two reads to be the same line
    min_overlap: float = 0.5  # vertical overlap / smaller height for two reads to be at the same place
    grace: float = 1.0  # a line missing for up to this long and back is still one line
    min_confidence: float = 0.6
    min_seconds: float = 0.4
    sure_confidence: float = 0.9  # a line read this well is kept even when brief
    block_gap: float = 0.75  # lines whose starts are this close form one block (ordered top to bottom)
    join_gap: float = 1.2  # fragments on one row closer than this many line heights are one line


@dataclass
class _Track:
    start: float
    end: float | None
    box: list[float]  # x0 y0 x1 y1, pixels, the union of its reads
    support: dict[str, float] = field(default_factory=dict)
    best: dict[str, float] = field(default_factory=dict)
    last_text: str = ""

    def add(self, read: OcrRead) -> None:
        text = clean_text(read.text)
        self.support[text] = self.support.get(text, 0.0) + read.score
        self.best[text] = max(self.best.get(text, 0.0), read.score)
        self.last_text = text
        b = self.box
        self.box = [min(b[0], read.x0), min(b[1], read.y0), max(b[2], read.x1), max(b[3], read.y1)]

    def text(self) -> str:
        return max(self.support, key=lambda t: (self.support[t], self.best[t]))


_WATERMARKS = ("tiktok", "capcut")
_HANDLE = re.compile(r"^@[\w.\-]{2,}$")
_KEEP_SYMBOLS = set("+-=<>%$#&/°±×÷→←↑↓")


def clean_text(text: str) -> str:
    """Text without emoji / pictographs / control characters, single-spaced."""
    out = []
    for ch in text:
        cat = unicodedata.category(ch)
        if ch in _KEEP_SYMBOLS or not (cat.startswith("S") or cat.startswith("C")) or ch in " \t":
            out.append(ch)
        else:
            out.append(" ")
    return " ".join("".join(out).split())


def is_watermark(text: str) -> bool:
    squashed = re.sub(r"\s+", "", text).lower()
    if _HANDLE.match(squashed):
        return True
    for mark in _WATERMARKS:
        if fuzz.ratio(squashed, mark) >= 80 or squashed.startswith(mark + "@"):
            return True
        if 3 <= len(squashed) <= len(mark) + 2 and fuzz.partial_ratio(squashed, mark) >= 85:
            return True  # a piece of the watermark ("kTo", "Tok") read over a busy frame
    return False


def drop_fragments(lines: list[ScreenLine]) -> list[ScreenLine]:
    """Drop a line that is a piece of a longer line at the same place and time (a half-read while it appeared)."""
    out = []
    for line in lines:
        piece = False
        for other in lines:
            if other is line or len(other.text) <= len(line.text):
                continue
            h = min(line.box.y1 - line.box.y0, other.box.y1 - other.box.y0)
            overlap = min(line.box.y1, other.box.y1) - max(line.box.y0, other.box.y0)
            shared = min(line.end, other.end) - max(line.start, other.start)
            if (
                h > 0
                and overlap >= 0.5 * h
                and shared >= 0.5 * max(1e-6, line.end - line.start)
                and fuzz.partial_ratio(line.text, other.text) >= 90
            ):
                piece = True
                break
        if not piece:
            out.append(line)
    return out


def is_junk(line: ScreenLine, settings: MergeSettings) -> bool:
    if sum(ch.isalnum() for ch in line.text) < 2:
        return True
    if line.confidence < settings.min_confidence:
        return True
    if is_watermark(line.text):
        return True
    return line.end - line.start < settings.min_seconds and line.confidence < settings.sure_confidence


def join_fragments(reads: list[OcrRead], gap: float) -> list[OcrRead]:
    """Join reads that sit on one row with a small horizontal gap (a detector split at a wide space)."""
    rows = sorted(reads, key=lambda r: (r.y0 + r.y1) / 2)
    out: list[OcrRead] = []
    for read in sorted(rows, key=lambda r: r.x0):
        for i, other in enumerate(out):
            h = min(read.y1 - read.y0, other.y1 - other.y0)
            overlap = min(read.y1, other.y1) - max(read.y0, other.y0)
            if h > 0 and overlap >= 0.6 * h and -0.5 * h <= read.x0 - other.x1 <= gap * h:
                out[i] = OcrRead(
                    text=f"{other.text} {read.text}",
                    score=min(other.score, read.score),
                    x0=other.x0,
                    y0=min(other.y0, read.y0),
                    x1=read.x1,
                    y1=max(other.y1, read.y1),
                )
                break
        else:
            out.append(read)
    return out


def _overlap(box: list[float], read: OcrRead) -> float:
    h = min(box[3] - box[1], read.y1 - read.y0)
    if h <= 0:
        return 0.0
    return max(0.0, min(box[3], read.y1) - max(box[1], read.y0)) / h


def merge_reads(
    observations: list[tuple[float, list[TimedRead]]],
    *,
    width: int,
    height: int,
    interval: float,
    end_time: float,
    settings: MergeSettings | None = None,
) -> list[ScreenLine]:
    """Lines from the text on screen at each time it was read (every read is the whole screen's text then)."""
    s = settings or MergeSettings()
    tracks: list[_Track] = []
    live: list[_Track] = []
    half = interval / 2
    for t, reads in observations:
        candidates = [tr for tr in tracks if tr.end is None or t - tr.end <= s.grace + half]
        pairs: list[tuple[float, int, int]] = []
        for ri, timed in enumerate(reads):
            text = clean_text(timed.read.text)
            for ti, track in enumerate(candidates):
                if _overlap(track.box, timed.read) < s.min_overlap:
                    continue
                ratio = max(fuzz.ratio(text, track.last_text), fuzz.ratio(text, track.text()))
                if ratio >= s.match_ratio:
                    pairs.append((ratio, ri, ti))
        used_reads: set[int] = set()
        used_tracks: set[int] = set()
        now_live: list[_Track] = []
        for _ratio, ri, ti in sorted(pairs, reverse=True):
            if ri in used_reads or ti in used_tracks:
                continue
            used_reads.add(ri)
            used_tracks.add(ti)
            track = candidates[ti]
            track.end = None
            track.add(reads[ri].read)
            now_live.append(track)
        for ri, timed in enumerate(reads):
            if ri in used_reads:
                continue
            r = timed.read
            track = _Track(start=max(0.0, timed.first_seen), end=None, box=[r.x0, r.y0, r.x1, r.y1])
            track.add(r)
            tracks.append(track)
            now_live.append(track)
        for track in live:
            if track not in now_live and track.end is None:
                track.end = max(track.start, t - half)
        live = now_live
    for track in live:
        if track.end is None:
            track.end = end_time
    lines = []
    for track in tracks:
        text = track.text()
        assert track.end is not None
        line = ScreenLine(
            start=round(track.start, 2),
            end=round(max(track.end, track.start), 2),
            text=text,
            box=Box(
                x0=round(max(0.0, track.box[0] / width), 4),
                y0=round(max(0.0, track.box[1] / height), 4),
                x1=round(min(1.0, track.box[2] / width), 4),
                y1=round(min(1.0, track.box[3] / height), 4),
            ),
            confidence=round(track.best[text], 4),
        )
        if not is_junk(line, s):
            lines.append(line)
    return order_lines(drop_fragments(lines), s.block_gap)


def order_lines(lines: list[ScreenLine], block_gap: float) -> list[ScreenLine]:
    """By time; lines that appeared together (a block) top to bottom."""
    ordered: list[ScreenLine] = []
    block: list[ScreenLine] = []
    for line in sorted(lines, key=lambda ln: (ln.start, ln.box.y0)):
        if block and line.start - block[0].start > block_gap:
            ordered.extend(sorted(block, key=lambda ln: ln.box.y0))
            block = []
        block.append(line)
    ordered.extend(sorted(block, key=lambda ln: ln.box.y0))
    return ordered
