"""The parent side of the transcription engine: one child process, started lazily, reused across clips.

The child (transcribe_worker.py) keeps the model loaded between clips. Here we send it a clip, stream its
segments back with progress, kill it on cancel (within the 0.1 s poll; it restarts lazily on the next clip),
and turn its death into a readable, retriable error instead of taking the app down with it.
"""

from __future__ import annotations

import logging
import os
import queue
import subprocess
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from studycompanion.core.childproc import LazyWorker, WorkerChild, worker_command
from studycompanion.core.errors import BadInput, JobCancelled, UserError
from studycompanion.core.transcribe.acoustic import ScoreChunk, chunk_message
from studycompanion.core.transcribe.models import ResolvedModel
from studycompanion.core.transcribe.progress import ProgressEstimate
from studycompanion.core.types import Segment, Word

log = logging.getLogger(__name__)

POLL_SECONDS = 0.1
SCORE_BATCH = 12  # chunks (each at most 30 s of audio) per "score" request
START_TIMEOUT = 60.0  # the child must answer its first message within this (imports are slow on cold disks)

# fraction (0..1), message, eta in seconds (or None)
ProgressFn = Callable[[float, str, "float | None"], None]


class EngineStopped(UserError):
    """The engine's process died (a native crash, out of memory, killed): the job can be retried."""


class EngineFailed(UserError):
    """The engine reported an error it could not recover from for this clip."""


@dataclass(frozen=True)
class TranscribeRequest:
    media: Path
    model: ResolvedModel
    language: str | None = None  # None = detect
    initial_prompt: str | None = None
    device: str = "auto"
    compute_type: str = "int8"
    threads: int = 0  # 0 = physical cores
    vad: bool = True
    word_timestamps: bool = True
    beam_size: int = 5
    batched_min_seconds: float = 30.0
    batch_size: int = 0  # 0 = default_batch_size(threads)
    window_seconds: float = 600.0  # long media is decoded in windows of about this length (bounded memory)

    def to_message(self) -> dict[str, Any]:
        return {
            "media": str(self.media),
            "model_name": self.model.name,
            "model_path": str(self.model.path),
            "language": self.language,
            "initial_prompt": self.initial_prompt,
            "device": self.device,
            "compute_type": self.compute_type,
            "threads": self.threads or physical_cores(),
            "vad": self.vad,
            "word_timestamps": self.word_timestamps,
            "beam_size": self.beam_size,
            "batched_min_seconds": self.batched_min_seconds,
            "batch_size": self.batch_size or default_batch_size(self.threads or physical_cores()),
            "window_seconds": self.window_seconds,
        }


@dataclass
class TranscribeResult:
    segments: list[Segment]
    duration: float  # seconds of audio
    language: str
    seconds: float  # time the engine spent (decode + inference)
    batched: bool = False
    redone: list[RedoneWindow] = field(default_factory=list)  # windows the careful decoder decoded again
    prompt: str = ""  # the initial prompt the clip was decoded with
    corrections: int = 0  # words the medical lexicon corrected


@dataclass(frozen=True)
class RedoneWindow:
    """A window of the clip that looped or lost speech on the first pass and was decoded again."""

    start: float
    end: float
    reason: str
    kept: str  # "careful" (the new decode replaced the first pass) or "first" (the first pass was kept)


def default_batch_size(threads: int) -> int:
    """Chunks decoded together by the batched pipeline: one per thread, 2 to 8.

    Memory grows with it (each 30 s chunk adds encoder attention and beam caches: with tiny.en, a prompt and
    beam 5, peak RSS settles near 490 MB at 2, 600-620 MB at 3, and 800+ MB at 8 on long clips), while on
    few cores a bigger batch gains little speed.
    """
    return max(2, min(8, threads))


def physical_cores() -> int:
    """Physical cores this process may use (whisper gains little from hyper-threads)."""
    try:
        allowed = os.sched_getaffinity(0)
    except AttributeError:
        allowed = set(range(os.cpu_count() or 1))
    cores: set[tuple[str, str]] = set()
    try:
        processor = physical = ""
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                key, _, value = line.partition(":")
                key, value = key.strip(), value.strip()
                if key == "processor":
                    processor = value
                elif key == "physical id":
                    physical = value
                elif key == "core id" and processor.isdigit() and int(processor) in allowed:
                    cores.add((physical, value))
    except OSError:
        pass
    return max(1, min(len(cores) or len(allowed), len(allowed)))


def _segment(data: dict[str, Any]) -> Segment:
    words = [Word(float(w["start"]), float(w["end"]), str(w["text"]), float(w["probability"])) for w in data["words"]]
    return Segment(float(data["start"]), float(data["end"]), str(data["text"]).strip(), words)


def _wait_briefly(child: WorkerChild) -> None:
    try:
        child.proc.wait(0.5)
    except subprocess.TimeoutExpired:
        pass


WORKER_FLAG = "--transcribe-worker"  # a frozen bundle's executable runs the worker when given this


def _worker_command() -> list[str]:
    return worker_command("studycompanion.core.transcribe.worker", WORKER_FLAG)



class TranscriptionEngine(LazyWorker):
    """One transcription child process, serving one clip at a time (callers are serialised by a lock)."""

    name = "transcription engine"

    def _command(self) -> list[str]:
        return _worker_command()

    def kill(self) -> None:
        """Kill the child at once (cancel); the next clip starts a fresh one."""
        self._discard()

    def ping(self, timeout: float = START_TIMEOUT) -> dict[str, Any]:
        with self._lock:
            child = self._ensure_started()
            child.send("ping", {})
            _tag, body = self._receive(child, lambda: False, timeout)
            return body

    def preload(self, request: TranscribeRequest, timeout: float = START_TIMEOUT * 5) -> dict[str, Any]:
        """Start the engine and load the request's model now (the app calls this in the background at start)."""
        with self._lock:
            child = self._ensure_started()
            child.send("load", request.to_message())
            tag, body = self._receive(child, lambda: False, timeout)
            if tag == "error":
                raise EngineFailed(str(body.get("message")), str(body.get("detail") or ""))
            return body

    def score(self, request: TranscribeRequest, chunks: Sequence[ScoreChunk], *,
              cancelled: Callable[[], bool] | None = None, timeout: float = START_TIMEOUT * 5) -> list[list[float]]:
        """The log-probability the request's model gives each text of each chunk of the request's media (the
        lexicon correction's check, verify.py), asked in batches of SCORE_BATCH chunks so that a long lecture's
        check never waits on one answer (each batch has its own `timeout`); the clip just transcribed is scored
        from memory. Raises EngineStopped (the child died or went silent), EngineFailed or JobCancelled."""
        is_cancelled = cancelled or (lambda: False)
        out: list[list[float]] = []
        with self._lock:
            for first in range(0, len(chunks), SCORE_BATCH):
                batch = chunks[first:first + SCORE_BATCH]
                final = first + SCORE_BATCH >= len(chunks)
                child = self._ensure_started()
                try:
                    child.send("score", {**request.to_message(), "final": final,
                                         "chunks": [chunk_message(c) for c in batch]})
                    while True:
                        tag, body = self._receive(child, is_cancelled, timeout)
                        if tag == "scores":
                            out += [[float(v) for v in row] for row in body["scores"]]
                            break
                        if tag == "error":
                            raise EngineFailed(str(body.get("message") or "The transcription engine failed."),
                                               str(body.get("detail") or ""))
                except EngineFailed:
                    raise
                except (OSError, ValueError) as exc:  # the pipe broke: the child is gone
                    self._discard()
                    raise EngineStopped("The transcription engine stopped unexpectedly.", str(exc)) from exc
                except BaseException:
                    self._discard()
                    raise
        return out

    def crash_for_test(self, code: int = 139) -> None:
        """Make the child exit as a native crash would (no message, no cleanup)."""
        if self._child is not None:
            self._child.send("crash", {"code": code})

    def _stopped(self, child: WorkerChild, why: str) -> EngineStopped:
        code = child.proc.poll()
        tail = "".join(child.stderr_tail)[-2000:]
        self._discard()
        return EngineStopped(
            "The transcription engine stopped unexpectedly; nothing in the library was changed. "
            "Retry the job (it starts a fresh engine).",
            f"{why}; exit code {code}\n{tail}".strip(),
        )

    def _receive(
        self, child: WorkerChild, cancelled: Callable[[], bool], timeout: float | None,
        idle: Callable[[], None] | None = None,
    ) -> tuple[str, dict[str, Any]]:
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            if cancelled():
                self.kill()
                raise JobCancelled()
            try:
                message = child.messages.get(timeout=POLL_SECONDS)
            except queue.Empty:
                if not child.alive() and child.messages.empty():
                    raise self._stopped(child, "the engine process exited") from None
                if deadline is not None and time.monotonic() > deadline:
                    raise self._stopped(child, "the engine did not answer in time") from None
                if idle is not None:
                    idle()
                continue
            if message is None:
                _wait_briefly(child)
                raise self._stopped(child, "the engine closed its output")
            return message

    def transcribe(
        self,
        request: TranscribeRequest,
        *,
        progress: ProgressFn | None = None,
        cancelled: Callable[[], bool] | None = None,
        on_segment: Callable[[Segment], None] | None = None,
    ) -> TranscribeResult:
        """Transcribe one clip in the child; raises JobCancelled, BadInput, EngineStopped or EngineFailed.

        `on_segment` sees the first pass as it is decoded; when windows were decoded again, it then sees the
        final segments from the start (after the engine's "reset"), and the result holds only those.
        """
        is_cancelled = cancelled or (lambda: False)
        report = progress or (lambda fraction, message, eta: None)
        with self._lock:
            if is_cancelled():
                raise JobCancelled()
            child = self._ensure_started()
            try:
                child.send("transcribe", request.to_message())
            except (OSError, ValueError) as exc:
                self._discard()
                raise EngineStopped("The transcription engine stopped unexpectedly; retry the job.", str(exc)) from exc
            try:
                segments: list[Segment] = []
                duration = 0.0
                started = time.monotonic()
                first_timeout: float | None = START_TIMEOUT * 5  # first answer may include importing + loading
                batched = False
                shown, checked = 0.0, False  # the progress shown so far; after a repair's reset
                pace: ProgressEstimate | None = None
                last_tick = 0.0

                def tick() -> None:  # between the decoder's reports: move the bar at the measured pace
                    nonlocal shown, last_tick
                    now = time.monotonic()
                    if pace is None or checked or now - last_tick < 1.0:
                        return
                    last_tick = now
                    ahead = pace.estimate()
                    if ahead is not None and ahead / duration > shown + 0.005:
                        shown = min(0.97, ahead / duration)
                        elapsed = now - started
                        eta = elapsed / shown * (1 - shown) if shown > 0.05 else None
                        report(shown, f"Transcribing… about {ahead:.0f} of {duration:.0f} s", eta)

                while True:
                    tag, body = self._receive(child, is_cancelled, first_timeout, tick)
                    first_timeout = None
                    if tag == "loading":
                        report(0.0, f"Loading the {body.get('model') or 'transcription'} model", None)
                    elif tag == "started":
                        duration = float(body["duration"])
                        batched = bool(body.get("batched"))
                        started = time.monotonic()
                        chunks = int(request.to_message()["batch_size"]) if batched else 1
                        pace = ProgressEstimate(duration, 30.0 * chunks, request.model.name)
                        shown = max(shown, 0.02)
                        report(shown, f"Transcribing {duration:.0f} s of audio", None)
                    elif tag == "segment":
                        segment = _segment(body)
                        segments.append(segment)
                        if on_segment is not None:
                            on_segment(segment)
                        if checked:
                            continue  # the final list after a repair: progress stays where it was, never back
                        if pace is not None:
                            pace.real(segment.end)
                        fraction = min(0.99, segment.end / duration) if duration > 0 else 0.5
                        shown = max(shown, fraction)  # never backwards
                        elapsed = time.monotonic() - started
                        eta = elapsed / shown * (1 - shown) if shown > 0.05 else None
                        report(shown, f"Transcribed {segment.end:.0f} of {duration:.0f} s", eta)
                    elif tag == "reset":  # the final segments follow: loops or dropped speech were decoded again
                        segments.clear()
                        checked = True
                        report(0.97, "Checked the windows where the decoder repeated itself or skipped speech", None)
                    elif tag == "done":
                        report(1.0, f"Transcribed {len(segments)} segments", 0.0)
                        return TranscribeResult(
                            segments, float(body["duration"]), str(body.get("language") or ""), float(body["seconds"]),
                            bool(body.get("batched", batched)),
                            [RedoneWindow(float(w["start"]), float(w["end"]), str(w["reason"]), str(w["kept"]))
                             for w in body.get("redone") or []],
                        )
                    elif tag == "error":
                        message = str(body.get("message") or "The transcription engine failed.")
                        detail = str(body.get("detail") or "")
                        if body.get("kind") == "bad_input":
                            raise BadInput(message, detail)
                        raise EngineFailed(message, detail)
            except (BadInput, EngineFailed):
                raise  # the child reported it and waits for the next clip
            except BaseException:
                self._discard()  # cancelled or interrupted mid-clip: the child's state is unknown
                raise
