"""An in-process acoustic scorer for the benches (bench/medical_asr.py --verify, bench/tune_verify.py): the app's
scoring code (core/transcribe/acoustic.py) on a faster-whisper model loaded here, with every score kept in a
JSON cache keyed by clip, stretch and text, so that a threshold sweep or a re-score never encodes audio twice."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from studycompanion.core.transcribe.acoustic import ScoreChunk, score_chunks


class CachedScorer:
    def __init__(self, model_dir: Path, cache_file: Path, threads: int = 2) -> None:
        self.model_dir = model_dir
        self.cache_file = cache_file
        self.threads = threads
        self.cache: dict[str, float] = json.loads(cache_file.read_text()) if cache_file.is_file() else {}
        self._model: Any = None
        self._audio: dict[str, Any] = {}
        self.encoded = 0  # chunks encoded in this run (not from the cache)

    def _loaded(self) -> Any:
        if self._model is None:
            from faster_whisper import WhisperModel

            self._model = WhisperModel(str(self.model_dir), device="cpu", compute_type="int8",
                                       cpu_threads=self.threads, local_files_only=True)
        return self._model

    def _samples(self, media: Path) -> Any:
        key = str(media)
        if key not in self._audio:
            from studycompanion.core.transcribe.worker import _decode

            self._audio = {key: _decode(key)}  # one clip at a time
        return self._audio[key]

    @staticmethod
    def _key(clip: str, chunk: ScoreChunk, text: str) -> str:
        raw = f"{clip}|{chunk.start:.3f}|{chunk.end:.3f}|{text}"
        return hashlib.sha1(raw.encode()).hexdigest()

    def for_clip(self, clip_id: str, media: Path, language: str = "en") -> Any:
        def score(chunks: Sequence[ScoreChunk]) -> list[list[float]]:
            out: list[list[float]] = []
            for chunk in chunks:
                keys = [self._key(clip_id, chunk, t) for t in chunk.texts]
                if all(k in self.cache for k in keys):
                    out.append([self.cache[k] for k in keys])
                    continue
                self.encoded += 1
                values = score_chunks(self._loaded(), self._samples(media), language, [chunk])[0]
                self.cache.update(zip(keys, values, strict=True))
                out.append(values)
            return out

        return score

    def save(self) -> None:
        self.cache_file.write_text(json.dumps(self.cache))
