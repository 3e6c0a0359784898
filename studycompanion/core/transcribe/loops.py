"""Decoding-loop and dropped-speech detection: which windows of a clip the careful decoder must decode again.

Pure functions over segments with word timestamps (no model here; worker.py runs the decoder). Whisper's
failure modes on short medical clips, and what catches each:
- a loop inside a segment ("Metoprolol, Metoprolol, ..." or one sentence thirteen times in 30 s): more words
  per second than anyone speaks, or a phrase repeated back to back while the text compresses like a loop;
- a loop across segments (the batched decoder repeating the previous chunk): the joined words, in sliding
  windows, said faster than anyone speaks, or a segment that repeats its neighbour's text over a short span;
- speech the decoder skipped (a sentence the batched path dropped): a voiced region (VAD) with no words.
Real repeated speech (one sentence said six times, 1 s apart) is left alone: its rate stays human.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from rapidfuzz import fuzz

from studycompanion.core.types import Segment, Word

MAX_WORDS_PER_SECOND = 6.0  # sustained; fast talkers reach about 5
MIN_LOOP_WORDS = 8
HUMAN_RATE = 4.0  # words a second most people stay under over a whole segment
COMPRESSION_RATIO = 2.4  # whisper's own threshold
MIN_COMPRESSION_CHARS = 60
REPEATS = 4  # the same phrase of 2+ words this many times back to back
SINGLE_REPEATS = 6  # the same word this many times back to back
RATE_WINDOW = 8.0  # seconds, for the joined-text rate check
MIN_GAP_SPEECH = 1.0  # a voiced region at least this long with no words in it is dropped speech
GAP_COVERED = 0.25  # ... unless words cover at least this share of it
MAX_WORD_SECONDS = 2.5  # no word takes longer to say
MIN_UNCOVERED = 3.0  # seconds of voiced audio inside a region that no word covers
PAD = 0.4  # seconds added on each side of a window that is decoded again
_WORD = re.compile(r"[a-z0-9']+")


@dataclass(frozen=True)
class Window:
    start: float
    end: float
    reason: str


def compression_ratio(text: str) -> float:
    data = text.encode("utf-8")
    return len(data) / len(zlib.compress(data)) if data else 0.0


def _tokens(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def max_repeats(tokens: Sequence[str], max_n: int = 12) -> tuple[int, int]:
    """(repeats, n): the most back-to-back repeats of any n-gram (n = 1..max_n) in `tokens`."""
    best = (1, 1)
    for n in range(1, min(max_n, len(tokens) // 2) + 1):
        i = 0
        while i + 2 * n <= len(tokens):
            k = 1
            while i + (k + 1) * n <= len(tokens) and tokens[i + k * n:i + (k + 1) * n] == tokens[i:i + n]:
                k += 1
            if k > best[0] or (k == best[0] and n > best[1]):
                best = (k, n)
            i += max(1, (k - 1) * n) if k > 1 else 1
    return best


def _word_count(segment: Segment) -> int:
    return len(segment.words) if segment.words else len(_tokens(segment.text))


def segment_loop(segment: Segment) -> str:
    """Why `segment` is a decoding loop ("" when it is not)."""
    words = _word_count(segment)
    if words >= MIN_LOOP_WORDS and _rate(segment) > MAX_WORDS_PER_SECOND:
        return f"{_rate(segment):.1f} words a second"
    tokens = _tokens(segment.text)
    repeats, n = max_repeats(tokens)
    if (n >= 2 and repeats >= REPEATS) or (n == 1 and repeats >= SINGLE_REPEATS):
        text = segment.text
        if len(text) < MIN_COMPRESSION_CHARS or compression_ratio(text) > COMPRESSION_RATIO:
            return f"a {n}-word phrase {repeats} times in a row"
    return ""


def _rate(segment: Segment) -> float:
    return _word_count(segment) / max(segment.end - segment.start, 0.01)


def _fast_spans(segments: Sequence[Segment]) -> list[Window]:
    """Sliding windows of the joined words said faster than anyone speaks, narrowed to the segments that are
    fast themselves (a human-rate neighbour inside the window is not part of the loop)."""
    times = sorted((w.start + w.end) / 2 for s in segments for w in s.words)
    out: list[Window] = []
    j = 0
    limit = int(MAX_WORDS_PER_SECOND * RATE_WINDOW)
    for i, t in enumerate(times):
        while times[j] < t - RATE_WINDOW:
            j += 1
        if i - j + 1 > limit:
            start, end = times[j], t
            fast = [s for s in segments if s.end > start and s.start < end and _rate(s) > HUMAN_RATE]
            if fast:
                start, end = min(s.start for s in fast), max(s.end for s in fast)
            out.append(Window(start, end, "the joined words come faster than speech"))
    return out


MIN_ECHO_WORDS = 3
EDGE_WORDS = 6  # a kept neighbour's words at its edge that a re-decoded window's padding can hear again


def echoes_previous(prev: Segment, seg: Segment) -> bool:
    """`seg` repeats words `prev` already holds, said faster than anyone speaks: whisper echoing the text it just
    wrote over a short tail of audio ("..., also called Digifab." again in the last 0.46 s; "for me." after
    "Do you have any questions for me?"). Whole words only; a short echo (1-2 words) must be `prev`'s own last
    words and overlap it in time, so a real short answer ("No." after "Do you know?") is never one."""
    words, before = _tokens(seg.text), _tokens(prev.text)
    n = len(words)
    if not words or n > len(before):
        return False
    overlaps = seg.start < prev.end - 0.05
    if n < MIN_ECHO_WORDS:
        return overlaps and seg.end - seg.start < 0.6 and before[-n:] == words
    if _rate(seg) <= MAX_WORDS_PER_SECOND and not overlaps:
        return False
    return any(before[i:i + n] == words for i in range(len(before) - n + 1))


def _repeated_neighbours(segments: Sequence[Segment]) -> list[Window]:
    """A segment that repeats the one before it over a span too short to have said it twice, or echoes the end
    of it faster than speech."""
    out: list[Window] = []
    for prev, seg in pairwise(segments):
        if echoes_previous(prev, seg):
            out.append(Window(prev.start, seg.end, "a segment echoes the one before it"))
            continue
        a, b = prev.text.strip().lower(), seg.text.strip().lower()
        if len(b) < 20 or fuzz.ratio(a, b) < 90:
            continue
        words = _word_count(prev) + _word_count(seg)
        span = max(seg.end - prev.start, 0.01)
        if words / span > MAX_WORDS_PER_SECOND * 0.75 or seg.start < prev.end - 0.5:
            out.append(Window(prev.start, seg.end, "a segment repeats the one before it"))
    return out


def dropped_speech(segments: Sequence[Segment], speech: Sequence[tuple[float, float]]) -> list[Window]:
    """Voiced regions (start, end in seconds) that no word covers: speech the decoder skipped."""
    spans = sorted((w.start - 0.2, w.end + 0.2) for s in segments for w in s.words)
    if not spans:
        spans = sorted((s.start, s.end) for s in segments)
    out: list[Window] = []
    for start, end in speech:
        if end - start < MIN_GAP_SPEECH:
            continue
        covered = sum(max(0.0, min(end, b) - max(start, a)) for a, b in spans)
        if covered < GAP_COVERED * (end - start):
            out.append(Window(start, end, "voiced audio with no words"))
    return out


def stretched_words(segments: Sequence[Segment], speech: Sequence[tuple[float, float]]) -> list[Window]:
    """Words stretched over voiced audio, and voiced stretches no word covers: speech the decoder skipped.

    Seen with tiny.en when the prompt was echoed: "Anticoagulant" timed from 5.6 s to 28.1 s while 22 s of
    continuous speech went untranscribed (a VAD region mostly "covered" by that one word).
    """
    out: list[Window] = []
    for s in segments:
        for w in s.words:
            if w.end - w.start > MAX_WORD_SECONDS and _voiced(w.start, w.end, speech) > MAX_WORD_SECONDS:
                out.append(Window(w.start, w.end, "a word stretched over seconds of speech"))
    spans = sorted((w.start - 0.3, w.end + 0.3) for s in segments for w in s.words
                   if w.end - w.start <= MAX_WORD_SECONDS)
    for start, end in speech:
        cursor = start
        for a, b in [*spans, (end, end)]:
            if b <= cursor:
                continue
            gap_end = min(a, end)
            if gap_end - cursor >= MIN_UNCOVERED:
                out.append(Window(cursor, gap_end, "voiced audio with no words"))
            cursor = max(cursor, b)
            if cursor >= end:
                break
    return out


def _voiced(start: float, end: float, speech: Sequence[tuple[float, float]]) -> float:
    return sum(max(0.0, min(end, b) - max(start, a)) for a, b in speech)


def windows_to_redo(segments: Sequence[Segment], speech: Sequence[tuple[float, float]] = (),
                    duration: float | None = None) -> list[Window]:
    """The merged windows (padded, widened to whole segments) the careful decoder should decode again."""
    found = [Window(s.start, s.end, why) for s in segments if (why := segment_loop(s))]
    found += _fast_spans(segments) + _repeated_neighbours(segments) + dropped_speech(segments, speech)
    found += stretched_words(segments, speech)
    if not found:
        return []
    widened: list[Window] = []
    for w in found:
        start, end = w.start, w.end
        for s in segments:  # a window never cuts a segment in two
            if s.end > start and s.start < end:
                start, end = min(start, s.start), max(end, s.end)
        start, end = max(0.0, start - PAD), end + PAD
        if duration is not None:
            end = min(end, duration)
        widened.append(Window(start, end, w.reason))
    widened.sort(key=lambda w: w.start)
    merged = [widened[0]]
    for w in widened[1:]:
        last = merged[-1]
        if w.start <= last.end + 1.0:
            reasons = last.reason if w.reason in last.reason else f"{last.reason}; {w.reason}"
            merged[-1] = Window(last.start, max(last.end, w.end), reasons)
        else:
            merged.append(w)
    return merged


def replace_window(segments: Sequence[Segment], window: Window, redone: Sequence[Segment]) -> list[Segment]:
    """`segments` with those inside `window` (by their middle) replaced by `redone`, in time order. The window's
    padding reaches into the segments kept on either side: a word of `redone` timed inside a kept neighbour and
    spelled like one of that neighbour's words at its edge is left out, so the padding's words are never written
    twice ("for me. for me."); any other word stays."""
    kept = [s for s in segments if not window.start <= (s.start + s.end) / 2 <= window.end]
    left = max((s for s in kept if s.start < window.start), key=lambda s: s.end, default=None)
    right = min((s for s in kept if s.start > window.start), key=lambda s: s.start, default=None)
    left_words = set(_tokens(" ".join(w.text for w in left.words[-EDGE_WORDS:]))) if left else set()
    right_words = set(_tokens(" ".join(w.text for w in right.words[:EDGE_WORDS]))) if right else set()

    def twice(w: Word) -> bool:
        mid, said = (w.start + w.end) / 2, set(_tokens(w.text))
        in_left = left is not None and mid <= left.end + 0.05 and bool(said) and said <= left_words
        in_right = right is not None and mid >= right.start - 0.05 and bool(said) and said <= right_words
        return in_left or in_right

    fresh: list[Segment] = []
    for seg in redone:
        if not seg.words:
            fresh.append(seg)
            continue
        words = [w for w in seg.words if not twice(w)]
        if len(words) == len(seg.words):
            fresh.append(seg)
        elif words:
            fresh.append(Segment(words[0].start, words[-1].end, "".join(w.text for w in words).strip(), words))
    return sorted([*kept, *fresh], key=lambda s: (s.start, s.end))


def loop_free(segments: Sequence[Segment]) -> bool:
    return not any(segment_loop(s) for s in segments) and not _fast_spans(segments)
