"""Loop and dropped-speech detection: which windows the careful decoder decodes again (pure, no model)."""

from __future__ import annotations

from studycompanion.core.transcribe.loops import (
    Window,
    echoes_previous,
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


def _seg(start: float, end: float, text: str) -> Segment:
    tokens = text.split()
    step = (end - start) / max(1, len(tokens))
    words = [Word(start + i * step, start + (i + 1) * step, " " + t, 0.9) for i, t in enumerate(tokens)]
    return Segment(start, end, text, words)


def test_a_tail_that_echoes_the_segment_before_it_is_found() -> None:
    """base wrote "..., also called Digifab. So the answer is ..." and then "Digoxin specific antibody
    fragment, also called Digifab." again in the clip's last 0.46 s (6 words: too few for the rate check)."""
    prev = _seg(0.0, 24.66, "And what's the antidote? Digoxin specific antibody fragment, also called Digifab. "
                            "So the answer is D. Pause the video next time if you need more time.")
    echo = _seg(24.66, 25.12, "Digoxin specific antibody fragment, also called Digifab.")
    assert echoes_previous(prev, echo)
    windows = windows_to_redo([prev, echo])
    assert windows and "echoes" in windows[0].reason
    said_again = _seg(26.0, 30.0, "Digoxin specific antibody fragment, also called Digifab.")  # a human pace
    assert not echoes_previous(prev, said_again)
    assert not echoes_previous(prev, _seg(24.7, 26.5, "Next question tomorrow."))


def test_the_window_padding_never_writes_the_kept_words_twice() -> None:
    """The careful decode of a window that starts 0.4 s inside the segment kept before it hears that segment's
    last words again ("for me."): they are not added a second time."""
    kept = _seg(0.0, 20.74, "Do you have any questions for me?")
    loop = _seg(20.74, 21.1, "for me for me for me for me for me for me for me for me")
    window = Window(20.34, 21.16, "44.7 words a second")
    redone = [_seg(20.34, 20.74, "for me.")]
    out = replace_window([kept, loop], window, redone)
    assert [s.text for s in out] == ["Do you have any questions for me?"]
    fresh = [_seg(20.8, 21.1, "Thanks.")]  # words after the kept segment stay
    assert [s.text for s in replace_window([kept, loop], window, fresh)][-1] == "Thanks."


def test_a_short_answer_is_never_taken_for_an_echo() -> None:
    """Whole words only, and a 1-2 word echo must be the end of the segment before it, overlapping it."""
    question = _seg(0.0, 2.0, "Do you know the answer?")
    assert not echoes_previous(question, _seg(1.9, 2.3, "No."))  # "no" is inside "know", not a word of it
    asked = _seg(0.0, 2.0, "Do you give aspirin?")
    assert not echoes_previous(asked, _seg(2.1, 2.5, "Give aspirin."))  # after it, at a human pace
    assert not echoes_previous(_seg(0.0, 3.0, "Treat at the endocrine clinic."), _seg(2.9, 3.3, "at the end"))
    assert echoes_previous(_seg(0.0, 20.74, "Do you have any questions for me?"), _seg(20.34, 20.74, "for me."))


def test_the_padding_keeps_words_the_kept_segment_does_not_hold() -> None:
    """Only words spelled like the kept neighbour's edge are left out of the padding: timing jitter alone never
    drops a word."""
    kept = _seg(0.0, 20.74, "Do you have any questions for me?")
    loop = _seg(20.74, 21.1, "for me for me for me for me for me for me for me for me")
    window = Window(20.34, 21.16, "44.7 words a second")
    jitter = [_seg(20.5, 21.0, "Goodbye now.")]  # starts inside the kept segment's time, says something new
    out = replace_window([kept, loop], window, jitter)
    assert [s.text for s in out] == ["Do you have any questions for me?", "Goodbye now."]
