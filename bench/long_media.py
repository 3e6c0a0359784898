"""Long media: a 2-hour lecture through the app's transcription engine with the default model.

Usage: python bench/long_media.py [--minutes 120] [--model base] [--threads 2]

The file is made once (cached under ~/.cache/studycompanion-bench/long_media/) by looping the medical ASR corpus
(bench/data/medical_asr, 19.6 min of speech) to the length asked for, as 16 kHz mono Opus. The table gives the
engine child's peak RSS (VmHWM from /proc, Linux), wall time and real-time factor. Target (issue 15): peak RSS
<= 1.5 GB on a 2-hour lecture, whatever decoder path it takes.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from fractions import Fraction
from pathlib import Path

import av
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from studycompanion.core.settings import Settings  # noqa: E402
from studycompanion.core.transcribe.engine import TranscriptionEngine  # noqa: E402
from studycompanion.core.transcribe.service import TranscribeOptions, transcribe_media  # noqa: E402

CORPUS = Path(__file__).resolve().parent / "data" / "medical_asr"
CACHE = Path.home() / ".cache" / "studycompanion-bench" / "long_media"
RATE = 16000


def _decode(path: Path) -> np.ndarray:
    with av.open(str(path)) as c:
        resampler = av.AudioResampler(format="s16", layout="mono", rate=RATE)
        chunks = [f.to_ndarray().reshape(-1) for fr in c.decode(audio=0) for f in resampler.resample(fr)]
    return np.concatenate(chunks) if chunks else np.zeros(0, np.int16)


def make_long_file(minutes: float) -> Path:
    out = CACHE / f"lecture_{minutes:g}min.ogg"
    if out.is_file():
        return out
    CACHE.mkdir(parents=True, exist_ok=True)
    pieces = [_decode(p) for p in sorted(CORPUS.glob("*.opus"))]
    corpus = np.concatenate([np.concatenate([p, np.zeros(RATE // 2, np.int16)]) for p in pieces])
    need = int(minutes * 60 * RATE)
    audio = np.tile(corpus, need // len(corpus) + 1)[:need]
    tmp = out.with_suffix(".part.ogg")
    with av.open(str(tmp), "w", format="ogg") as c:
        stream = c.add_stream("libopus", rate=48000)
        stream.bit_rate = 24000
        stream.layout = "mono"
        resampler = av.AudioResampler(format="s16", layout="mono", rate=48000)
        step = RATE * 10
        for at in range(0, len(audio), step):
            frame = av.AudioFrame.from_ndarray(audio[at:at + step].reshape(1, -1), format="s16", layout="mono")
            frame.sample_rate, frame.pts, frame.time_base = RATE, at, Fraction(1, RATE)
            for rf in resampler.resample(frame):
                for packet in stream.encode(rf):
                    c.mux(packet)
        for packet in stream.encode(None):
            c.mux(packet)
    tmp.replace(out)
    return out


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=120.0, help="length of the generated lecture")
    parser.add_argument("--model", default=Settings().model, help="the model (default: the app's default)")
    parser.add_argument("--threads", type=int, default=2, help="CPU threads for the decoder")
    args = parser.parse_args()
    media = make_long_file(args.minutes)
    engine = TranscriptionEngine()
    try:
        with tempfile.TemporaryDirectory() as models:
            t0 = time.monotonic()
            result = transcribe_media(engine, media, TranscribeOptions(model=args.model, threads=args.threads),
                                      Path(models), use_prompt=False)
            wall = time.monotonic() - t0
            pid = engine.pid
            rss = peak_rss_mb(pid) if pid else float("nan")
    finally:
        engine.close()
    words = sum(len(s.words) for s in result.segments)
    print("| audio | model | threads | wall s | RTF | engine peak RSS MB | segments | words | windows redone |")
    print("|---|---|---|---|---|---|---|---|---|")
    print(f"| {result.duration / 60:.0f} min | {args.model} | {args.threads} | {wall:.0f} | "
          f"{wall / result.duration:.3f} | {rss:.0f} | {len(result.segments)} | {words} | {len(result.redone)} |")
    print("target: engine peak RSS <= 1500 MB on a 2-hour lecture")
    return 0


if __name__ == "__main__":
    sys.exit(main())
