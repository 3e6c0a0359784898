"""Loop and dropped-speech detection: which windows the careful decoder decodes again (pure, no model)."""

from __future__ import annotations

from studycompanion.core.transcribe.loops import (
    loop_free,
    max_repeats,
    replace_window,
    segment_loop,
    windows_to_redo,
)
from studycompanion.core.types import Segment, Word

JFK = "And so my fellow Americans ask not what your country can do for you ask what you can do for your country."


def seg(start: float, end: float, text: str) -> Segment:
    tokens = text.split()
    step = (end - start) / max(1, len(tokens))
    words = [Word(start + i * step, start + (i + 1) * step, " " + t, 0.9) for i, t in enumerate(tokens)]
    return Segment(start, end, text, words)


def six_times() -> list[Segment]:
    return [seg(n * 12.0, n * 12.0 + 11.0, JFK) for n in range(6)]


def test_real_repeated_speech_is_not_a_loop() -> None:
    segments = six_times()
    assert loop_free(segments)
    assert windows_to_redo(segments, [(s.start, s.end) for s in segments], 71.0) == []


def test_one_sentence_thirteen_times_in_thirty_seconds_is_a_loop() -> None:
    looping = seg(0.0, 30.0, " ".join([JFK] * 13))
    assert segment_loop(looping)
    windows = windows_to_redo([looping, *six_times()[3:]], duration=71.0)
    assert len(windows) == 1
    assert windows[0].start == 0.0 and 30.0 <= windows[0].end <= 31.0  # only the looping window, padded


def test_a_phrase_repeated_back_to_back_is_a_loop_at_a_human_rate() -> None:
    text = "Metoprolol, atenolol, " * 6 + "and bisoprolol."
    slow = seg(0.0, 10.0, text)  # 13 words over 10 s: a human rate, but a glossary echo
    assert max_repeats(text.lower().replace(",", "").split())[0] >= 6
    assert segment_loop(slow)
    assert not segment_loop(seg(0.0, 10.0, "no no no, I said the metoprolol, not the atenolol"))


def test_a_segment_repeating_its_neighbour_over_a_short_span() -> None:
    first = seg(10.0, 20.0, JFK)
    echo = seg(19.0, 22.0, JFK)
    windows = windows_to_redo([seg(0.0, 9.0, "Good morning everyone."), first, echo], duration=30.0)
    assert len(windows) == 1 and windows[0].start <= 10.0 and windows[0].end >= 22.0


def test_voiced_audio_without_words_is_dropped_speech() -> None:
    segments = [seg(0.0, 11.0, JFK), seg(24.0, 35.0, JFK)]
    speech = [(0.0, 11.0), (12.0, 23.0), (24.0, 35.0)]
    windows = windows_to_redo(segments, speech, 36.0)
    assert len(windows) == 1
    assert windows[0].start <= 12.0 and windows[0].end >= 23.0 and "no words" in windows[0].reason


def test_replacing_a_window_keeps_everything_outside_it() -> None:
    segments = six_times()
    looping = seg(12.0, 23.0, " ".join([JFK] * 5))
    doctored = [segments[0], looping, *segments[2:]]
    (window,) = windows_to_redo(doctored, duration=71.0)
    repaired = replace_window(doctored, window, [segments[1]])
    assert repaired == segments
