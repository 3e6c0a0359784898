"""The real bundled model on real (synthetic) speech: accuracy, word timestamps, silence, bad files, one model load."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from studycompanion.core.errors import BadInput
from studycompanion.core.transcribe.engine import TranscriptionEngine
from studycompanion.core.transcribe.service import TranscribeOptions, TranscribeResult, transcribe_media

MEDIA = Path(__file__).parent / "fixtures" / "media"
sys.path.insert(0, str(MEDIA.parent))
from wer import normalize, wer  # noqa: E402

SPEECH = ["beta_blockers", "murmurs", "anticoagulation"]

# Thresholds (word error rate after normalize(): case, punctuation, hyphens, number words):
# - the speech is espeak-ng's formant voice, far from whisper's training audio, and the model is tiny.en
#   (39 M parameters; about 5.7 % WER on LibriSpeech test-clean and 13 % on test-other, real voices);
# - measured here with the app's prompt: 0.00 / 0.13 / 0.06 on the three short clips (mean 0.06); without a
#   prompt 0.20 / 0.22 / 0.35 (mean 0.26). Across prompt-budget and voice variants tried while building the
#   fixtures the prompted clips stayed at or under 0.22 each;
# - so a clip may reach 0.30 (room for int8 kernels on other CPUs and another espeak-ng build) and the mean
#   must stay under 0.15: under the no-prompt mean, so a lost prompt, wrong sample rate, channel mix-up or
#   truncated decode (all of which push WER to 0.5-1.0) fails the test.
MAX_CLIP_WER = 0.30
MAX_MEAN_WER = 0.15


def meta(name: str) -> dict[str, object]:
    return dict(json.loads((MEDIA / f"{name}.json").read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def engine() -> Iterator[TranscriptionEngine]:
    eng = TranscriptionEngine()
    yield eng
    eng.close()


def run(engine: TranscriptionEngine, name: str, tmp_path: Path, use_prompt: bool = True, correct: bool = True
        ) -> TranscribeResult:
    data = meta(name) if (MEDIA / f"{name}.json").exists() else {"title": "", "caption": "", "hashtags": []}
    return transcribe_media(
        engine, MEDIA / f"{name}.mp4", TranscribeOptions(), tmp_path,
        title=str(data["title"]), caption=str(data["caption"]), hashtags=list(data["hashtags"]),  # type: ignore[call-overload]
        use_prompt=use_prompt, correct=correct,
    )


def text_of(result: TranscribeResult) -> str:
    return " ".join(s.text for s in result.segments)


@pytest.mark.slow
def test_word_error_rate_on_medical_speech(engine: TranscriptionEngine, tmp_path: Path) -> None:
    rates = {}
    for name in SPEECH:
        result = run(engine, name, tmp_path)
        rates[name] = wer(str(meta(name)["text"]), text_of(result))
        assert not result.batched, "short clips go through the sequential decoder"
    assert all(r <= MAX_CLIP_WER for r in rates.values()), rates
    assert sum(rates.values()) / len(rates) <= MAX_MEAN_WER, rates


def test_prompt_spells_the_drug_name(engine: TranscriptionEngine, tmp_path: Path) -> None:
    """The prompt (the caption names the drug) is what turns espeak's "metoprolol" from "Metaprollis" into the
    drug name, before any lexicon correction."""
    with_prompt = normalize(text_of(run(engine, "beta_blockers", tmp_path, correct=False)))
    assert "metoprolol" in with_prompt
    without = normalize(text_of(run(engine, "beta_blockers", tmp_path, use_prompt=False, correct=False)))
    assert "metoprolol" not in without  # documents the problem the prompt solves (tiny.en, this voice)


def test_segments_carry_ordered_word_timestamps(engine: TranscriptionEngine, tmp_path: Path) -> None:
    result = run(engine, "murmurs", tmp_path)
    assert 12.0 < result.duration < 16.0
    assert result.segments
    previous_end = 0.0
    for segment in result.segments:
        assert segment.words, "every segment has its words"
        assert segment.start <= segment.end <= result.duration + 0.5
        for word in segment.words:
            assert word.start >= previous_end - 0.05 and word.end >= word.start
            assert segment.start - 0.5 <= word.start <= segment.end + 0.5
            assert 0.0 <= word.probability <= 1.0
            previous_end = word.end
        assert "".join(w.text for w in segment.words).strip() == segment.text.strip()
    stenosis = [w for s in result.segments for w in s.words if "stenosis" in w.text.lower()]
    assert stenosis and stenosis[0].start < 4.0, "the first sentence's word is placed in the first seconds"


def test_silent_clip_gives_an_empty_transcript(engine: TranscriptionEngine, tmp_path: Path) -> None:
    result = run(engine, "silent", tmp_path)
    assert result.segments == []
    assert result.duration == pytest.approx(6.0, abs=0.2)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("truncated", "damaged or incomplete"),
        ("corrupt", "damaged or incomplete"),
        ("no_audio", "no audio track"),
        ("does_not_exist", "missing"),
    ],
)
def test_bad_files_fail_with_a_clear_message_and_the_engine_survives(
    engine: TranscriptionEngine, tmp_path: Path, name: str, message: str
) -> None:
    run(engine, "silent", tmp_path)  # make sure an engine runs
    pid = engine.pid
    with pytest.raises(BadInput, match=message):
        run(engine, name, tmp_path, use_prompt=False)
    assert engine.pid == pid, "a bad file is reported by the engine, it does not kill it"


def test_model_is_loaded_once_across_clips(engine: TranscriptionEngine, tmp_path: Path) -> None:
    run(engine, "silent", tmp_path)
    starts, pid = engine.starts, engine.pid
    for name in ("anticoagulation", "silent"):
        run(engine, name, tmp_path)
    assert (engine.starts, engine.pid) == (starts, pid), "one engine process, one model load"
    assert engine.ping()["model"] is not None


def test_closed_engine_leaves_no_process(tmp_path: Path) -> None:
    eng = TranscriptionEngine()
    pid = eng.ping()["pid"]
    eng.close()
    assert eng.pid is None
    with pytest.raises(OSError):
        os.kill(pid, 0)


def test_progress_is_reported_as_share_of_audio(engine: TranscriptionEngine, tmp_path: Path) -> None:
    seen: list[tuple[float, str, float | None]] = []
    transcribe_media(engine, MEDIA / "murmurs.mp4", TranscribeOptions(), tmp_path,
                     progress=lambda f, m, e: seen.append((f, m, e)))
    fractions = [f for f, _m, _e in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert any(0.1 < f < 1.0 for f in fractions), "progress moves while the clip is transcribed"


@pytest.mark.slow
def test_long_clip_goes_through_the_batched_pipeline(engine: TranscriptionEngine, tmp_path: Path) -> None:
    result = run(engine, "long_review", tmp_path)
    assert result.batched and result.duration > 60
    assert wer(str(meta("long_review")["text"]), text_of(result)) <= 0.35
    assert all(s.words for s in result.segments)


DEMO = Path(__file__).resolve().parents[1] / "resources" / "demo"


def test_demo_clip_is_small_and_described() -> None:
    import av

    data = json.loads((DEMO / "demo.json").read_text(encoding="utf-8"))
    assert data["title"] and data["creator"] and data["caption"] and data["hashtags"]
    assert (DEMO / "demo.mp4").stat().st_size < 3_000_000
    with av.open(str(DEMO / "demo.mp4")) as container:
        assert 30.0 <= container.duration / 1_000_000 <= 60.0
        assert container.streams.video[0].codec_context.name == "h264"
        assert container.streams.audio[0].codec_context.name == "aac"


@pytest.mark.slow
def test_demo_clip_transcribes_with_its_dose(engine: TranscriptionEngine, tmp_path: Path) -> None:
    data = json.loads((DEMO / "demo.json").read_text(encoding="utf-8"))
    result = transcribe_media(engine, DEMO / "demo.mp4", TranscribeOptions(), tmp_path, title=data["title"],
                              caption=data["caption"], hashtags=data["hashtags"])
    words = " ".join(normalize(text_of(result)))
    assert "beta blockers" in words and "25 milligrams twice daily" in words
    assert wer(data["narration"], text_of(result)) <= 0.40  # measured 0.30: espeak-ng voice, tiny.en


def test_preload_loads_the_model_before_the_first_clip(services) -> None:  # type: ignore[no-untyped-def]

    step = services.transcriber
    step.preload()
    assert step.engine.ping()["model"].endswith("models/base")  # the default model, joined from its wheels
