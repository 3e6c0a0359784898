"""Transcript export formats (txt / srt / vtt) and the engine's thread count."""

from __future__ import annotations

import os

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
    assert render(SEGMENTS, "srt") == (
        "1\n00:00:00,000 --> 00:00:02,500\nMetoprolol is a beta blocker.\n\n"
        "2\n00:00:02,500 --> 01:01:01,250\nStart low.\n"
    )


def test_vtt_has_header_and_dots() -> None:
    text = render(SEGMENTS, "vtt")
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
