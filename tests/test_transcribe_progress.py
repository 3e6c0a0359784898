"""Progress between the decoder's reports: the bar moves on at the measured pace while a batch decodes, never
past what the decoder could have reached, and never backwards (a long clip no longer sits at "5 of 514 s")."""

from __future__ import annotations

import queue
import threading
import time
from pathlib import Path
from typing import Any

from studycompanion.core.transcribe.engine import TranscribeRequest, TranscriptionEngine
from studycompanion.core.transcribe.models import ModelSource, ResolvedModel
from studycompanion.core.transcribe.progress import ProgressEstimate


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_the_estimate_follows_the_pace_and_stops_one_batch_ahead() -> None:
    clock = Clock()
    est = ProgressEstimate(514.0, lookahead=120.0, model="base", clock=clock)
    assert est.estimate() is None  # nothing to say in the first second
    clock.now = 6.0
    assert est.estimate() == 50.0  # base's guessed pace: 6 s / 0.12
    clock.now = 30.0
    assert est.estimate() == 120.0  # never past one batch: the decoder cannot have reached further
    est.real(120.0)  # the first batch came in after 30 s: 4 s of audio a second, measured
    clock.now = 45.0
    assert est.estimate() == 180.0
    clock.now = 600.0
    assert est.estimate() == 240.0  # a slow batch: the bar waits at the next batch's end
    est.real(514.0)
    assert est.estimate() is None  # all reported: the real figure stands


class FakeChild:
    """A worker that starts a 514 s clip, then takes its time over the first batch."""

    def __init__(self) -> None:
        self.messages: queue.Queue[tuple[str, dict[str, Any]] | None] = queue.Queue()
        self.proc = type("P", (), {"pid": 1, "poll": lambda self: None})()
        self.stderr_tail: list[str] = []

    def alive(self) -> bool:
        return True

    def stop(self, graceful: bool) -> None:
        pass

    def send(self, tag: str, body: dict[str, Any]) -> None:
        if tag != "transcribe":
            return

        def play() -> None:
            self.messages.put(("started", {"duration": 514.0, "language": "en", "batched": True}))
            time.sleep(3.5)  # the first batch
            for end in (30.0, 60.0, 90.0, 120.0):
                self.messages.put(("segment", {"start": end - 30, "end": end, "text": " x", "words": []}))
            self.messages.put(("done", {"duration": 514.0, "language": "en", "seconds": 4.0, "redone": []}))

        threading.Thread(target=play, daemon=True).start()


def test_the_engine_moves_the_bar_while_the_first_batch_decodes(tmp_path: Path) -> None:
    engine = TranscriptionEngine()
    engine._child = FakeChild()  # type: ignore[assignment]
    model = ResolvedModel("base", tmp_path, True, ModelSource.DOWNLOAD)
    seen: list[tuple[float, str]] = []
    result = engine.transcribe(TranscribeRequest(tmp_path / "clip.mp4", model, batch_size=4),
                               progress=lambda f, m, _eta: seen.append((f, m)))
    assert len(result.segments) == 4
    during = [(f, m) for f, m in seen if m.startswith("Transcribing… about")]
    assert during, seen  # the bar moved before the first segment came
    assert all(f <= 120.0 / 514.0 + 1e-9 for f, _m in during)  # never past one batch of 4 x 30 s
    fractions = [f for f, _m in seen]
    assert fractions == sorted(fractions)  # never backwards


class ScoringChild(FakeChild):
    """Answers each "score" request with the chunk's start second as every text's score."""

    def __init__(self) -> None:
        super().__init__()
        self.requests: list[dict[str, Any]] = []

    def send(self, tag: str, body: dict[str, Any]) -> None:
        if tag == "score":
            self.requests.append(body)
            self.messages.put(("scores", {"scores": [[c["start"]] * len(c["texts"]) for c in body["chunks"]]}))


def test_a_long_lecture_is_scored_in_batches_each_with_its_own_deadline(tmp_path: Path) -> None:
    from studycompanion.core.transcribe.acoustic import ScoreChunk
    from studycompanion.core.transcribe.engine import SCORE_BATCH

    engine = TranscriptionEngine()
    child = ScoringChild()
    engine._child = child  # type: ignore[assignment]
    model = ResolvedModel("base", tmp_path, True, ModelSource.DOWNLOAD)
    chunks = [ScoreChunk(float(i), i + 0.5, ("heard", "variant")) for i in range(SCORE_BATCH * 2 + 3)]
    scores = engine.score(TranscribeRequest(tmp_path / "lecture.mp4", model, language="en"), chunks)
    assert scores == [[float(i)] * 2 for i in range(len(chunks))]  # every chunk, in order
    assert [len(r["chunks"]) for r in child.requests] == [SCORE_BATCH, SCORE_BATCH, 3]
    assert [r["final"] for r in child.requests] == [False, False, True]  # the worker frees a long clip's audio
