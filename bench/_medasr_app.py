"""The app path of bench/medical_asr.py: the app's transcription service on one corpus clip at a time.

The service is called with correction off, then its own `correct_with_engine` is applied (the lexicon
correction checked against the audio by the same engine), so the cache keeps the
words as decoded (for tuning) next to the corrected ones (what the app stores): the same two steps
`transcribe_media` runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from studycompanion.core.transcribe.engine import TranscriptionEngine
from studycompanion.core.transcribe.service import (
    TranscribeOptions,
    build_request,
    choose_model,
    correct_with_engine,
    transcribe_media,
)
from studycompanion.core.types import Segment


def _words(segments: list[Segment]) -> list[dict[str, Any]]:
    return [{"text": w.text, "probability": w.probability, "start": w.start, "end": w.end,
             "corrected_from": w.corrected_from} for seg in segments for w in seg.words]


class AppPath:
    def __init__(self, model: str, models_dir: Path, threads: int) -> None:
        self.options = TranscribeOptions(model=model, language="en", threads=threads)
        self.models_dir = models_dir
        self.engine = TranscriptionEngine()

    def warm_up(self, audio: Path) -> None:
        transcribe_media(self.engine, audio, self.options, self.models_dir, correct=False)

    def transcribe(self, clip: Any) -> dict[str, Any]:
        context = {"title": clip.title, "caption": clip.caption, "hashtags": clip.hashtags}
        result = transcribe_media(self.engine, clip.audio, self.options, self.models_dir, correct=False, **context)
        model, _note = choose_model(self.options, self.models_dir, strict=True)
        request = build_request(model, self.options, clip.audio, result.prompt or None)
        corrected, _n = correct_with_engine(self.engine, request, result.segments, language=result.language,
                                            **context)
        return {"words": _words(corrected), "raw_words": _words(result.segments),
                "text": " ".join(s.text for s in corrected), "prompt": result.prompt,
                "redone": [[w.start, w.end, w.reason, w.kept] for w in result.redone]}

    def close(self) -> None:
        self.engine.close()
