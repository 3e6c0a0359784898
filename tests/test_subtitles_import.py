"""Shipped subtitles (.vtt / .srt, as yt-dlp writes them) parsed into segments; our own output reads back."""

from __future__ import annotations

import pytest

from studycompanion.core.capture.subtitles import parse_subtitles
from studycompanion.core.errors import BadInput
from studycompanion.core.transcribe.formats import render
from studycompanion.core.types import Segment, Word

SRT = """1
00:00:00,500 --> 00:00:02,250
Metoprolol is a
<i>beta blocker</i>.

2
00:00:02,400 --> 00:00:04,000
Start low &amp; go slow.
"""

YOUTUBE_AUTO = (  # the shape of yt-dlp's en.vtt for automatic captions (a line holding one space after times)
    "WEBVTT\nKind: captions\nLanguage: en\n\n"
    "00:00:00.160 --> 00:00:02.070 align:start position:0%\n \n"
    "aortic<00:00:00.560><c> stenosis</c><00:00:01.120><c> causes</c>\n\n"
    "00:00:02.070 --> 00:00:02.080 align:start position:0%\naortic stenosis causes\n \n\n"
    "00:00:02.080 --> 00:00:04.000 align:start position:0%\naortic stenosis causes\n"
    "a<00:00:02.400><c> systolic</c><00:00:03.000><c> murmur</c>\n"
)


def test_srt_cues_become_segments() -> None:
    segs = parse_subtitles(SRT)
    assert [(s.start, s.end, s.text) for s in segs] == [
        (0.5, 2.25, "Metoprolol is a beta blocker."), (2.4, 4.0, "Start low & go slow.")]


def test_youtube_automatic_captions_give_word_times_without_repeats() -> None:
    segs = parse_subtitles(YOUTUBE_AUTO)
    assert [s.text for s in segs] == ["aortic stenosis causes", "a systolic murmur"]
    assert [(w.text, w.start) for w in segs[0].words] == [("aortic", 0.16), ("stenosis", 0.56), ("causes", 1.12)]
    assert segs[1].words[-1].start == 3.0 and segs[1].words[-1].end == 4.0


def test_our_own_srt_and_vtt_read_back() -> None:
    words = [Word(0.0 + i * 0.4, 0.35 + i * 0.4, w) for i, w in enumerate("Start low and go slow.".split())]
    original = [Segment(0.0, 2.0, "Start low and go slow.", words)]
    for fmt in ("srt", "vtt"):
        back = parse_subtitles(render(original, fmt))
        assert [s.text for s in back] == ["Start low and go slow."]
        assert back[0].start == 0.0 and back[0].end == pytest.approx(1.95)


def test_not_subtitles_is_a_clear_error() -> None:
    with pytest.raises(BadInput, match="no cues"):
        parse_subtitles("hello\nworld\n")
