"""Acoustic scores of alternative transcripts: how likely the loaded Whisper model finds each text for a stretch
of audio (the engine's child process runs this; the lexicon correction in the parent asks for it).

Each chunk is at most 30 s of audio, encoded once; every text for it is then scored with CTranslate2's
`Whisper.align`, whose `text_token_probs` are the decoder's teacher-forced probabilities of the text's tokens
(the same call faster-whisper uses for word timestamps). A text's score is the sum of its tokens' log
probabilities, so two texts for the same audio compare directly: the difference is how much more the model
believes one than the other.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

SAMPLE_RATE = 16_000
CHUNK_FRAMES = 3000  # Whisper's 30 s input (10 ms frames)
MAX_CHUNK_SECONDS = 29.5
FLOOR = 1e-9  # a token probability is never taken below this (log of 0)
UNSUPPORTED = -1e9  # the score of a variant there is no audio for


@dataclass(frozen=True)
class ScoreChunk:
    """A stretch of the clip (seconds) and the texts to score for it; texts[0] is what was heard."""

    start: float
    end: float
    texts: tuple[str, ...]


def chunk_message(chunk: ScoreChunk) -> dict[str, Any]:
    return {"start": chunk.start, "end": chunk.end, "texts": list(chunk.texts)}


def chunk_from_message(body: dict[str, Any]) -> ScoreChunk:
    return ScoreChunk(float(body["start"]), float(body["end"]), tuple(str(t) for t in body["texts"]))


def score_chunks(model: Any, audio: Any, language: str | None, chunks: Sequence[ScoreChunk]) -> list[list[float]]:
    """Log-probability of every text of every chunk under `model` (a faster_whisper.WhisperModel)."""
    import numpy as np
    from faster_whisper.tokenizer import Tokenizer

    multilingual = bool(model.model.is_multilingual)
    tokenizer = Tokenizer(model.hf_tokenizer, multilingual, task="transcribe",
                          language=(language or "en") if multilingual else None)
    out: list[list[float]] = []
    for chunk in chunks:
        end = min(chunk.end, chunk.start + MAX_CHUNK_SECONDS)
        piece = np.asarray(audio[int(chunk.start * SAMPLE_RATE): int(end * SAMPLE_RATE)], dtype=np.float32)
        if piece.size < SAMPLE_RATE // 10:  # no audio to judge by: what was heard stands, every variant loses
            out.append([0.0] + [UNSUPPORTED for _ in chunk.texts[1:]])
            continue
        features = model.feature_extractor(piece)
        frames = min(int(features.shape[-1]), CHUNK_FRAMES)
        if features.shape[-1] < CHUNK_FRAMES:
            features = np.pad(features, ((0, 0), (0, CHUNK_FRAMES - features.shape[-1])))
        encoded = model.encode(features[:, :CHUNK_FRAMES])
        scores: list[float] = []
        for text in chunk.texts:
            tokens = tokenizer.encode(" " + text.strip())
            if not tokens:
                scores.append(0.0)
                continue
            result = model.model.align(encoded, tokenizer.sot_sequence, [tokens], frames)
            probs = result[0].text_token_probs
            scores.append(float(sum(math.log(max(float(p), FLOOR)) for p in probs)))
        out.append(scores)
    return out
