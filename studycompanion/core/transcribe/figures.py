"""What the model picker says about each model: accuracy measured by bench/medical_asr.py on its held-out
split, and the speed measured on this computer after a download (models folder, speeds.json).

Accuracy is only quoted where it was measured: the downloadable models could not be fetched where the bench ran,
so for them the picker says so rather than quote someone else's figures on other speech.
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from studycompanion.core.transcribe.engine import TranscriptionEngine
from studycompanion.core.transcribe.service import TranscribeOptions, transcribe_media

log = logging.getLogger(__name__)
SPEEDS_FILE = "speeds.json"
# the models worth a download for better accuracy, best-known first (the picker lists them first)
RECOMMENDED_DOWNLOADS = ("small.en", "medium.en", "distil-large-v3", "large-v3-turbo")


@dataclass(frozen=True)
class Accuracy:
    lecture_medical_wer: float  # medwer's medical-WER on lecture-style passages (lower is better)
    wer: float  # all clips of the held-out split
    source: str


_BENCH = ("bench/medical_asr.py, held-out split test3 (13 clips, 10.2 min, written after the rules were fixed), "
          "app path with the lexicon correction checked against the audio")
MEASURED: dict[str, Accuracy] = {
    "tiny.en": Accuracy(0.377, 0.317, _BENCH),
    "base": Accuracy(0.318, 0.235, _BENCH),
}


@dataclass(frozen=True)
class Speed:
    model: str
    realtime_factor: float  # processing seconds per second of audio, on this computer
    measured_at: float  # epoch seconds

    def per_minute(self) -> float:
        return 60.0 * self.realtime_factor


def load_speeds(models_dir: Path) -> dict[str, Speed]:
    try:
        raw = json.loads((models_dir / SPEEDS_FILE).read_text(encoding="utf-8"))
        return {k: Speed(**v) for k, v in raw.items()} if isinstance(raw, dict) else {}
    except (OSError, ValueError, TypeError):
        return {}


def save_speed(models_dir: Path, speed: Speed) -> None:
    speeds = load_speeds(models_dir)
    speeds[speed.model] = speed
    models_dir.mkdir(parents=True, exist_ok=True)
    tmp = models_dir / f"{SPEEDS_FILE}.part"
    tmp.write_text(json.dumps({k: asdict(v) for k, v in speeds.items()}, indent=1), encoding="utf-8")
    tmp.replace(models_dir / SPEEDS_FILE)


def measure_speed(engine: TranscriptionEngine, model: str, models_dir: Path, sample: Path) -> Speed:
    """Transcribe `sample` (the demo clip) once with `model` on this computer and remember how fast it went."""
    options = TranscribeOptions(model=model, language="en")
    started = time.monotonic()
    result = transcribe_media(engine, sample, options, models_dir, use_prompt=False, correct=False)
    seconds = time.monotonic() - started
    speed = Speed(model, seconds / max(result.duration, 1e-6), time.time())
    save_speed(models_dir, speed)
    log.info("model %s: %.2f x real time on this computer (%.1f s of audio in %.1f s)", model,
             speed.realtime_factor, result.duration, seconds)
    return speed


def describe(model: str, speeds: dict[str, Speed]) -> str:
    """One line for the picker: accuracy where measured, speed on this computer where measured."""
    acc = MEASURED.get(model)
    parts = [f"medical-WER {acc.lecture_medical_wer:.3f} on our held-out lectures (lower is better)" if acc
             else "accuracy not measured by us yet"]
    speed = speeds.get(model)
    parts.append(f"a 60 s clip in about {speed.per_minute():.0f} s on this computer" if speed
                 else "speed on this computer: measured after it is downloaded")
    return "; ".join(parts) + "."
