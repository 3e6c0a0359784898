"""Transcript export formats (txt / srt / vtt) and the engine's thread count."""

from __future__ import annotations

import itertools
import os
import re

from studycompanion.core.transcribe.engine import physical_cores
from studycompanion.core.transcribe.formats import render
from studycompanion.core.types import Segment, Word

SEGMENTS = [
    Segment(0.0, 2.5, " Metoprolol is a beta blocker.", [Word(0.0, 0.8, " Metoprolol")]),
    Segment(2.5, 3661.25, "Start low.", []),
    Segment(3661.25, 3662.0, "   ", []),  # blank segments are left out
]


def test_txt() -> None:
    assert render(SEGMENTS, "txt") == "Metoprolol is a beta blocker.\nStart low.\n"


def test_srt_numbers_blocks_and_uses_commas() -> None:
    short = [Segment(0.0, 2.5, " Metoprolol is a beta blocker.", []), Segment(3658.0, 3661.25, "Start low.", [])]
    assert render(short, "srt") == (
        "1\n00:00:00,000 --> 00:00:02,500\nMetoprolol is a beta blocker.\n\n"
        "2\n01:00:58,000 --> 01:01:01,250\nStart low.\n"
    )


def test_vtt_has_header_and_dots() -> None:
    short = [Segment(0.0, 2.5, " Metoprolol is a beta blocker.", []), Segment(3658.0, 3661.25, "Start low.", [])]
    text = render(short, "vtt")
    assert text.startswith("WEBVTT\n\n00:00:00.000 --> 00:00:02.500\nMetoprolol")
    assert "01:01:01.250" in text and text.count("-->") == 2


def test_physical_cores_is_within_what_the_process_may_use() -> None:
    assert 1 <= physical_cores() <= len(os.sched_getaffinity(0))


def test_segments_said_faster_than_speech_are_treated_as_repeats() -> None:
    from types import SimpleNamespace

    from studycompanion.core.transcribe.worker import _compression_ratio, _implausible

    repeat = SimpleNamespace(start=12.48, end=13.8, words=[],
                             text="Aortic stenosis causes a crescendo to crescendo systolic murmur at the apex.")
    normal = SimpleNamespace(start=0.0, end=5.0, words=[], text=repeat.text)
    short = SimpleNamespace(start=1.0, end=1.5, words=[], text="Yes, that is right.")
    assert _implausible(repeat) and not _implausible(normal) and not _implausible(short)
    assert _compression_ratio("low " * 100) > 2.4 > _compression_ratio(
        "Metoprolol is a selective beta one blocker. Start with 25 milligrams twice daily and check the heart "
        "rate. Stopping it suddenly can cause rebound tachycardia. Aortic stenosis causes a systolic murmur."
    )


# ---- issue 17: subtitle-sized cues from word timestamps -----------------------------------------------------

def _timed(text: str, start: float, per_word: float = 0.35) -> Segment:
    words = []
    at = start
    for token in text.split():
        words.append(Word(at, at + per_word - 0.05, " " + token))
        at += per_word
    return Segment(start, at, " " + text, words)


LONG = _timed(
    "Aortic stenosis causes a crescendo decrescendo systolic murmur heard best at the right upper sternal border, "
    "radiating to the carotids. The classic triad is angina, syncope and heart failure. Treat it with valve "
    "replacement when symptoms start, because survival falls quickly after that.", 0.0, per_word=0.7)


def test_cues_fit_two_lines_of_42_and_seven_seconds() -> None:
    from studycompanion.core.transcribe.formats import MAX_LINE, cues

    out = cues([LONG])
    assert len(out) >= 5
    for cue in out:
        assert 1 <= len(cue.lines) <= 2 and all(len(line) <= MAX_LINE for line in cue.lines), cue
        assert cue.end - cue.start <= 7.0
    # nothing lost, nothing repeated, in order
    assert " ".join(" ".join(c.lines) for c in out) == LONG.text.strip()
    assert all(a.end <= b.start for a, b in itertools.pairwise(out))
    # sentences never share a cue: every sentence end closes its cue
    for cue in out:
        assert not any(re.search(r"[.!?] \w", line) for line in cue.lines), cue
    assert any(cue.text.endswith("carotids.") for cue in out)
    # cues start at their first word's time
    assert out[1].start == next(w.start for w in LONG.words if w.text.strip() == cue_first_word(out[1]))


def cue_first_word(cue: object) -> str:
    return cue.lines[0].split()[0]  # type: ignore[attr-defined]


def test_a_31_second_segment_becomes_several_cues_in_srt() -> None:
    text = render([LONG], "srt")
    blocks = text.strip().split("\n\n")
    assert len(blocks) >= 5 and LONG.end > 25
    for block in blocks:
        number, times, *lines = block.split("\n")
        assert number.isdigit() and " --> " in times and 1 <= len(lines) <= 2


def test_a_pause_starts_a_new_cue() -> None:
    from studycompanion.core.transcribe.formats import cues

    out = cues([_timed("Start low", 0.0), _timed("and go slow", 5.0)])
    assert [c.text for c in out] == ["Start low", "and go slow"]


def test_wrap_balances_two_lines() -> None:
    from studycompanion.core.transcribe.formats import wrap

    assert wrap("short") == ("short",)
    two = wrap("The classic triad is angina, syncope and heart failure")
    assert two is not None and len(two) == 2 and abs(len(two[0]) - len(two[1])) <= 8
    assert wrap("x" * 50 + " " + "y" * 50) is None
