"""The transcription engine's child process: keeps one faster-whisper model loaded and serves clips over a pipe.

Started as `python -m studycompanion.core.transcribe.worker` so that a crash of the native engine
(CTranslate2, FFmpeg) ends only this process. Messages are JSON lines, `[tag, {...}]`, on stdin / stdout
(stray prints from libraries are sent to stderr so they cannot corrupt the channel):

    parent -> child   ("transcribe", request)  ("score", request + chunks)  ("load", request)  ("ping", {})
                      ("stop", {})
    child -> parent   ("loading", {model})  ("started", {duration, language})  ("segment", segment)
                      ("reset", {reason, windows}) then the final segments again, when windows were re-decoded
                      ("done", {duration, language, seconds, redone})  ("error", {kind, message, detail})
                      ("pong", {...})
                      ("loaded", {model, device, compute_type})
                      ("scores", {scores}): each chunk's texts scored by the model (acoustic.py)

Requests carry a model *folder*, never a bare model name (a bare name makes faster-whisper reach the network).
"""

from __future__ import annotations

import os
import time
import traceback
import zlib
from dataclasses import dataclass
from typing import Any

from studycompanion.core.childproc import Receive, Send, requests

SAMPLE_RATE = 16_000
BATCHED_MIN_SECONDS = 30.0  # clips at least this long go through BatchedInferencePipeline
# long media (a 2-hour lecture) is decoded window by window, each cut at its quietest moment near the boundary:
# the batched pipeline copies every speech chunk and computes all their features at once, so memory would grow
# with the file's length (bench/long_media.py measures the engine's peak RSS)
LONG_WINDOW_SECONDS = 600.0
CUT_SEARCH_SECONDS = 20.0

KEEP_AUDIO_SECONDS = 900.0  # a clip no longer than this keeps its samples until the next clip; a longer one only
# until its last "score" batch (a 2-hour lecture is 460 MB of samples)

MAX_WORDS_PER_SECOND = 7.5  # a segment said faster than this after the careful pass is dropped as a loop
MIN_IMPLAUSIBLE_WORDS = 8



@dataclass
class _Loaded:
    key: tuple[str, str, str, int]
    model: Any  # faster_whisper.WhisperModel
    batched: Any  # faster_whisper.BatchedInferencePipeline
    device: str
    compute_type: str


class _BadMedia(Exception):
    pass


def _resolve_device(device: str) -> str:
    if device != "auto":
        return device
    try:
        import ctranslate2

        return "cuda" if ctranslate2.get_cuda_device_count() > 0 else "cpu"
    except Exception:  # noqa: BLE001 - no CUDA runtime at all means CPU
        return "cpu"


def _resolve_compute_type(compute_type: str, device: str) -> str:
    if compute_type in ("", "auto", "default"):
        return "float16" if device == "cuda" else "int8"
    if device == "cuda" and compute_type == "int8":
        return "int8_float16"
    return compute_type


def _load(request: dict[str, Any], current: _Loaded | None) -> _Loaded:
    device = _resolve_device(str(request.get("device", "auto")))
    compute_type = _resolve_compute_type(str(request.get("compute_type", "int8")), device)
    threads = int(request.get("threads", 0))
    key = (str(request["model_path"]), device, compute_type, threads)
    if current is not None and current.key == key:
        return current
    from faster_whisper import BatchedInferencePipeline, WhisperModel

    model = WhisperModel(
        key[0], device=device, compute_type=compute_type, cpu_threads=threads, local_files_only=True
    )
    return _Loaded(key, model, BatchedInferencePipeline(model), device, compute_type)


def _pcm(container: Any) -> Any:
    """The container's first audio stream as 16 kHz mono float32, written into one array as it decodes (sized from
    the container's duration): the peak is the audio itself, not a list of chunks and then their concatenation."""
    import av
    import numpy as np

    stream = container.streams.audio[0]
    expected = int((container.duration or 0) / 1_000_000 * SAMPLE_RATE) + SAMPLE_RATE
    out = np.empty(max(expected, SAMPLE_RATE), dtype=np.float32)
    n = 0
    resampler = av.AudioResampler(format="flt", layout="mono", rate=SAMPLE_RATE)

    def put(frames: Any) -> None:
        nonlocal out, n
        for frame in frames:
            samples = frame.to_ndarray().reshape(-1)
            if n + len(samples) > len(out):  # longer than the container said: grow by half
                out = np.resize(out, max(n + len(samples), len(out) * 3 // 2))
            out[n:n + len(samples)] = samples
            n += len(samples)

    packets = container.demux(stream)
    while True:
        try:
            packet = next(packets)
        except StopIteration:
            break
        except av.error.InvalidDataError:
            continue  # a damaged packet: skip it, as players do
        try:
            for frame in packet.decode():
                put(resampler.resample(frame))
        except av.error.InvalidDataError:
            continue
    put(resampler.resample(None))
    return out[:n].copy() if n < len(out) * 0.9 else out[:n]


def _decode(path: str) -> Any:
    """16 kHz mono float32 samples; _BadMedia with a readable reason for files that cannot give audio."""
    import av

    if not os.path.isfile(path):
        raise _BadMedia(f"The media file is missing: {path}")
    try:
        with av.open(path, mode="r", metadata_errors="ignore") as container:
            if not container.streams.audio:
                raise _BadMedia("This clip has no audio track, so there is nothing to transcribe.")
            audio = _pcm(container)
    except _BadMedia:
        raise
    except (av.error.FFmpegError, ValueError, IndexError, OSError) as exc:
        raise _BadMedia(
            "The clip's file is damaged or incomplete (it could not be decoded); capture it again or re-import it."
        ) from exc
    if audio.size == 0:
        raise _BadMedia("The clip's audio could not be decoded (no samples); the file may be truncated.")
    return audio


def _compression_ratio(text: str) -> float:
    data = text.encode("utf-8")
    return len(data) / len(zlib.compress(data))


def _implausible(segment: Any) -> bool:
    """A segment said faster than anyone speaks: whisper repeating earlier text over a short tail of audio.

    Seen with base on the murmurs fixture: a second copy of the first sentence squeezed into the last 1.3 s.
    People speak 2-4 words a second (fast talkers about 6); 8 words or more at over 7.5 a second is a repeat.
    """
    words = len(segment.words) if segment.words else len(str(segment.text).split())
    seconds = max(float(segment.end) - float(segment.start), 0.01)
    return words >= MIN_IMPLAUSIBLE_WORDS and words / seconds > MAX_WORDS_PER_SECOND


def _segment_dict(segment: Any) -> dict[str, Any]:
    words = [
        {"start": float(w.start), "end": float(w.end), "text": str(w.text if hasattr(w, "text") else w.word),
         "probability": float(w.probability)}
        for w in (segment.words or [])
    ]
    return {"start": float(segment.start), "end": float(segment.end), "text": str(segment.text), "words": words}


def _as_segment(segment: Any, offset: float = 0.0) -> Any:
    """A faster-whisper segment as a core Segment, its times moved by `offset` seconds."""
    from studycompanion.core.types import Segment, Word

    words = [Word(float(w.start) + offset, float(w.end) + offset, str(w.word), float(w.probability))
             for w in (segment.words or [])]
    return Segment(float(segment.start) + offset, float(segment.end) + offset, str(segment.text), words)


def _speech_regions(audio: Any) -> list[tuple[float, float]]:
    """Voiced regions (seconds) by faster-whisper's Silero VAD, with its default settings; a long file window by
    window (the VAD pads and copies what it is given: on a 2-hour lecture that is a gigabyte at once)."""
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    regions: list[tuple[float, float]] = []
    for start, end in long_windows(audio):
        offset = start / SAMPLE_RATE
        chunks = get_speech_timestamps(audio[start:end], VadOptions())
        regions += [(offset + c["start"] / SAMPLE_RATE, offset + c["end"] / SAMPLE_RATE) for c in chunks]
    return regions


def _careful(loaded: _Loaded, audio: Any, start: float, end: float, options: dict[str, Any],
             speech: list[tuple[float, float]]) -> list[Any]:
    """The window [start, end] decoded again by the sequential decoder: temperature 0 only (deterministic), not
    conditioned on earlier text; with the prompt first, and without it when that decode still loops or skips
    speech (a prompt can be echoed instead of the audio)."""
    from studycompanion.core.transcribe.loops import windows_to_redo

    piece = audio[int(start * SAMPLE_RATE): int(end * SAMPLE_RATE)]
    careful = {**options, "temperature": 0.0, "condition_on_previous_text": False, "vad_filter": True}
    inside = [(max(a, start), min(b, end)) for a, b in speech if b > start and a < end]
    attempt: list[Any] = []
    for prompt in dict.fromkeys((options.get("initial_prompt"), None)):
        segments, _info = loaded.model.transcribe(piece, **{**careful, "initial_prompt": prompt})
        attempt = [_as_segment(s, start) for s in segments]
        if not windows_to_redo(attempt, inside):
            break
    return attempt


def _repair(loaded: _Loaded, audio: Any, duration: float, first: list[Any], options: dict[str, Any]
            ) -> tuple[list[Any], list[dict[str, Any]]]:
    """The first pass with its loops and skipped speech decoded again window by window; what was redone."""
    from studycompanion.core.transcribe.loops import loop_free, replace_window, windows_to_redo

    segments = list(first)
    speech = _speech_regions(audio)
    windows = windows_to_redo(segments, speech, duration)
    redone: list[dict[str, Any]] = []
    for window in windows:
        fresh = _careful(loaded, audio, window.start, window.end, options, speech)
        inside = [(max(a, window.start), min(b, window.end)) for a, b in speech
                  if b > window.start and a < window.end]
        old = [s for s in segments if window.start <= (s.start + s.end) / 2 <= window.end]
        old_words = sum(len(s.words) for s in old)
        new_words = sum(len(s.words) for s in fresh)
        # the careful decode wins when it is clean, or when it is loop-free and lost no words; otherwise the
        # first pass stays (it is never replaced by something that loops, or by less speech that did not loop)
        better = bool(fresh) and (not windows_to_redo(fresh, inside) or (loop_free(fresh) and new_words >= old_words))
        if not better:
            redone.append({"start": window.start, "end": window.end, "reason": window.reason, "kept": "first"})
            continue
        segments = replace_window(segments, window, fresh)
        redone.append({"start": window.start, "end": window.end, "reason": window.reason, "kept": "careful"})
    return _without_echoes([s for s in segments if not _implausible(s)]), redone


def _without_echoes(segments: list[Any]) -> list[Any]:
    """Segments less those that only echo the one kept before them (loops.echoes_previous) and those that hold
    no word at all (a lone "." the careful decode can leave where an echo was)."""
    from studycompanion.core.transcribe.loops import echoes_previous

    out: list[Any] = []
    for segment in segments:
        if not any(ch.isalnum() for ch in str(segment.text)):
            continue
        if out and echoes_previous(out[-1], segment):
            continue
        out.append(segment)
    return out


def long_windows(audio: Any, window_seconds: float = LONG_WINDOW_SECONDS) -> list[tuple[int, int]]:
    """Sample ranges covering the audio, each about `window_seconds` long, cut at the quietest 100 ms in the last
    CUT_SEARCH_SECONDS before each boundary (so no word is split between two windows)."""
    import numpy as np

    n, size = len(audio), int(window_seconds * SAMPLE_RATE)
    frame, search = SAMPLE_RATE // 10, int(min(CUT_SEARCH_SECONDS, window_seconds / 3) * SAMPLE_RATE)
    out: list[tuple[int, int]] = []
    start = 0
    while start < n:
        end = min(n, start + size)
        if end < n and end - search > start:
            tail = np.asarray(audio[end - search:end], dtype=np.float32)
            usable = len(tail) // frame * frame
            energy = np.square(tail[:usable].reshape(-1, frame)).mean(axis=1)
            end = end - search + int(np.argmin(energy)) * frame + frame // 2
        out.append((start, end))
        start = end
    return out


def _batched(loaded: _Loaded, audio: Any, options: dict[str, Any], batch_size: int, window_seconds: float
             ) -> tuple[Any, Any]:
    """Batched decoding of a long clip, window by window (memory bounded by the window, not the file); the
    segments come back in order with the clip's own times; `info` is the first window's."""
    ranges = long_windows(audio, window_seconds)
    first_segments, info = loaded.batched.transcribe(
        audio[ranges[0][0]:ranges[0][1]], batch_size=batch_size, **{**options, "vad_filter": True, "temperature": 0.0})
    fixed = {**options, "vad_filter": True, "temperature": 0.0, "language": options.get("language") or info.language}

    def all_segments() -> Any:
        yield from (_as_segment(s) for s in first_segments)
        for start, end in ranges[1:]:
            segments, _info = loaded.batched.transcribe(audio[start:end], batch_size=batch_size, **fixed)
            yield from (_as_segment(s, start / SAMPLE_RATE) for s in segments)

    return all_segments(), info



# Whisper's language detection hears dense medical English as Latin (2 of 14 test clips with `base`, measured
# on bench/data/medical_asr): nobody records a study clip in Latin, so it is never chosen.
NEVER_SPOKEN = frozenset({"la"})


def _spoken_language(loaded: _Loaded, audio: Any) -> str:
    """The clip's language for a multilingual model: the most probable one people speak, from up to 3 windows."""
    head = audio[: SAMPLE_RATE * 150]  # enough for 3 windows of speech; never the whole of a long lecture
    voted, _prob, ranked = loaded.model.detect_language(head, vad_filter=True, language_detection_segments=3)
    if voted not in NEVER_SPOKEN:  # the vote over the windows; `ranked` holds only the last window's odds
        return str(voted)
    return next((code for code, _p in ranked if code not in NEVER_SPOKEN), "en")


def _transcribe(send: Send, request: dict[str, Any], loaded: _Loaded) -> Any:
    """Decode the clip (batched when long, else sequential), then decode again only the windows that loop or
    lost speech. Temperature 0 throughout: the same file and settings give the same transcript every time."""
    started = time.monotonic()
    audio = _decode(str(request["media"]))
    duration = len(audio) / SAMPLE_RATE
    options: dict[str, Any] = {
        "language": request.get("language") or None,
        "initial_prompt": request.get("initial_prompt") or None,
        "vad_filter": bool(request.get("vad", True)),
        "word_timestamps": bool(request.get("word_timestamps", True)),
        "beam_size": int(request.get("beam_size", 5)),
    }
    if options["language"] is None and loaded.model.model.is_multilingual:
        options["language"] = _spoken_language(loaded, audio)
    batched = duration >= float(request.get("batched_min_seconds", BATCHED_MIN_SECONDS))
    if batched:
        # The batched pipeline needs VAD to cut the clip into chunks; it is what makes long clips fast.
        segments, info = _batched(loaded, audio, options, int(request.get("batch_size") or 4),
                                  float(request.get("window_seconds") or LONG_WINDOW_SECONDS))
    else:
        raw, info = loaded.model.transcribe(audio, **{**options, "temperature": 0.0})
        segments = (_as_segment(s) for s in raw)
    send(("started", {"duration": duration, "language": info.language, "batched": batched}))
    first: list[Any] = []
    for core in segments:
        first.append(core)
        send(("segment", _segment_dict(core)))  # progress; the final list follows a "reset" when it changed
    final, redone = _repair(loaded, audio, duration, first, options)
    if final != first:
        send(("reset", {"reason": "; ".join(r["reason"] for r in redone) or "implausible segments dropped",
                        "windows": redone}))
        for segment in final:
            send(("segment", _segment_dict(segment)))
    send(("done", {"duration": duration, "language": info.language, "seconds": time.monotonic() - started,
                   "batched": batched, "redone": redone}))
    return audio


def _score(send: Send, request: dict[str, Any], loaded: _Loaded, audio: Any) -> None:
    """Each chunk's texts scored against the clip's audio (the lexicon correction's check; acoustic.py)."""
    from studycompanion.core.transcribe.acoustic import chunk_from_message, score_chunks

    chunks = [chunk_from_message(c) for c in request.get("chunks") or []]
    send(("scores", {"scores": score_chunks(loaded.model, audio, request.get("language") or None, chunks)}))


def serve(receive: Receive, send: Send) -> None:
    """The child's loop: one request at a time until "stop" or the parent goes away (None from receive)."""
    loaded: _Loaded | None = None
    kept: tuple[str, Any] | None = None  # (media, samples) of the last clip, for its "score" request
    for tag, body in requests(receive):  # until "stop" or the parent goes away (core/childproc.py)
        if tag == "ping":
            send(("pong", {"pid": os.getpid(), "model": loaded.key[0] if loaded else None}))
            continue
        if tag == "load":  # warm up: load the model now so the first clip starts at once
            try:
                loaded = _load(body, loaded)
                send(("loaded", {"model": body.get("model_name", ""), "device": loaded.device,
                                 "compute_type": loaded.compute_type}))
            except Exception as exc:  # noqa: BLE001 - reported, the engine keeps serving
                send(("error", {"kind": "engine", "message": f"Could not load the model: {exc}",
                                "detail": traceback.format_exc()}))
            continue
        if tag not in ("transcribe", "score"):
            send(("error", {"kind": "internal", "message": f"unknown request {tag!r}", "detail": ""}))
            continue
        try:
            if loaded is None or loaded.key[0] != body["model_path"]:
                send(("loading", {"model": body.get("model_name", "")}))
            loaded = _load(body, loaded)
            if tag == "score":
                if not (kept and kept[0] == body["media"]):
                    kept = (str(body["media"]), _decode(str(body["media"])))  # decoded once for all its batches
                _score(send, body, loaded, kept[1])
                if body.get("final") and len(kept[1]) > KEEP_AUDIO_SECONDS * SAMPLE_RATE:
                    kept = None
                continue
            kept = None
            kept = (str(body["media"]), _transcribe(send, body, loaded))
        except _BadMedia as exc:
            send(("error", {"kind": "bad_input", "message": str(exc), "detail": repr(exc.__cause__ or exc)}))
        except (BrokenPipeError, EOFError):
            return
        except Exception as exc:  # noqa: BLE001 - report anything else to the parent, keep serving
            send(
                (
                    "error",
                    {
                        "kind": "engine",
                        "message": f"The transcription engine failed: {exc}",
                        "detail": traceback.format_exc(),
                    },
                )
            )


def main() -> None:
    """Process entry point: JSON lines in on stdin, out on the original stdout (core/childproc.py)."""
    from studycompanion.core.childproc import serve_stdio

    serve_stdio(serve)


if __name__ == "__main__":
    main()
