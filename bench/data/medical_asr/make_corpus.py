"""Builds the medical ASR dev corpus: espeak-ng speech for passages.py, plus the real JFK sentence clip.

Run from the repo root: `.venv/bin/python bench/data/medical_asr/make_corpus.py [--jfk PATH] [--split NAME ...]
[--missing]`.
Writes <id>.opus (16 kHz mono Ogg/Opus, 24 kbit/s) and <id>.json beside this file. Deterministic for a given
espeak-ng version. `--jfk` is tests/jfk.flac from github.com/openai/whisper (MIT; the speech is a US public
domain work); without it the real clip is kept as it is. `--split` builds only the clips of those splits and
`--missing` only clips whose .opus is not there yet, so adding a split never rewrites the existing audio.
A lecture's voice follows its position in LECTURES, so new passages are appended, never inserted.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from passages import DIALOGUES, LECTURES  # noqa: E402

RATE = 16_000
BITRATE = 24_000
# (voice, words per minute): two accents, a female variant, two speaking rates
LECTURE_VOICES = [("en-us", 150), ("en-gb", 175), ("en-us", 175), ("en-gb-x-rp", 150)]
DIALOGUE_VOICES = {"doctor": ("en-us", 165), "patient": ("en-gb-scotland+f3", 150)}
JFK_TEXT = ("And so, my fellow Americans, ask not what your country can do for you, "
            "ask what you can do for your country.")


def espeak(text: str, voice: str, rate: int) -> np.ndarray:
    with tempfile.NamedTemporaryFile(suffix=".wav") as wav:
        subprocess.run(["espeak-ng", "-v", voice, "-s", str(rate), "-w", wav.name, text], check=True)
        return read_audio(Path(wav.name))


def read_audio(path: Path) -> np.ndarray:
    from faster_whisper import decode_audio

    return np.asarray(decode_audio(str(path), sampling_rate=RATE), dtype=np.float32)


def write_opus(samples: np.ndarray, path: Path) -> None:
    import av

    pcm = (np.clip(samples, -1.0, 1.0) * 32767).astype(np.int16)
    with av.open(str(path), "w", format="ogg") as out:
        stream = out.add_stream("libopus", rate=RATE, layout="mono")
        stream.bit_rate = BITRATE
        frame = av.AudioFrame.from_ndarray(pcm.reshape(1, -1), format="s16", layout="mono")
        frame.sample_rate = RATE
        for packet in stream.encode(frame):
            out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)


def silence(seconds: float) -> np.ndarray:
    return np.zeros(int(RATE * seconds), dtype=np.float32)


def trim(samples: np.ndarray, floor: float = 0.01) -> np.ndarray:
    loud = np.flatnonzero(np.abs(samples) > floor)
    if loud.size == 0:
        return samples
    pad = int(0.15 * RATE)
    return samples[max(0, loud[0] - pad): loud[-1] + pad]


def save(meta: dict[str, Any], samples: np.ndarray) -> None:
    audio = HERE / f"{meta['id']}.opus"
    write_opus(samples, audio)
    meta = {**meta, "audio": audio.name, "duration": round(len(samples) / RATE, 2)}
    (HERE / f"{meta['id']}.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{meta['id']:28s} {meta['duration']:6.1f} s  {audio.stat().st_size / 1024:6.0f} KiB")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--jfk", type=Path, help="jfk.flac from the openai/whisper repository")
    parser.add_argument("--split", nargs="+", metavar="NAME", help="build only the clips of these splits")
    parser.add_argument("--missing", action="store_true", help="build only clips whose .opus does not exist yet")
    args = parser.parse_args()

    def wanted(clip_id: object, split: object) -> bool:
        if args.split and split not in args.split:
            return False
        return not (args.missing and (HERE / f"{clip_id}.opus").exists())

    for n, item in enumerate(LECTURES):
        if not wanted(item["id"], item["split"]):
            continue
        voice, rate = LECTURE_VOICES[n % len(LECTURE_VOICES)]
        text = str(item["text"])
        samples = np.concatenate([silence(0.5), espeak(text, voice, rate), silence(0.5)])
        save({"id": item["id"], "split": item["split"], "kind": "lecture", "specialty": item["specialty"],
              "voice": {"source": "synthetic-espeak", "voice": voice, "rate": rate},
              "title": item["title"], "caption": item["caption"], "hashtags": item["hashtags"],
              "reference": text}, samples)
    doctor, patient = DIALOGUE_VOICES["doctor"], DIALOGUE_VOICES["patient"]
    for item in DIALOGUES:
        if not wanted(item["id"], item["split"]):
            continue
        pieces = [silence(0.5)]
        for speaker, line in item["turns"]:  # type: ignore[attr-defined]
            voice, rate = DIALOGUE_VOICES[speaker]
            pieces += [espeak(line, voice, rate), silence(0.6)]
        text = " ".join(line for _speaker, line in item["turns"])  # type: ignore[attr-defined]
        save({"id": item["id"], "split": item["split"], "kind": "dialogue", "specialty": item["specialty"],
              "voice": {"source": "synthetic-espeak", "voice": f"doctor {doctor[0]} {doctor[1]}, patient {patient[0]} "
                        f"{patient[1]}", "rate": 0},
              "title": item["title"], "caption": item["caption"], "hashtags": item["hashtags"],
              "reference": text}, np.concatenate(pieces))
    if args.jfk and wanted("test_real_jfk_x6", "test"):
        sentence = trim(read_audio(args.jfk))
        pieces = []
        for n in range(6):
            pieces += [sentence] + ([silence(1.0)] if n < 5 else [])
        save({"id": "test_real_jfk_x6", "split": "test", "kind": "lecture", "specialty": "none (real speech)",
              "voice": {"source": "real", "origin": "tests/jfk.flac, github.com/openai/whisper",
                        "licence": "speech: US public domain (1961 inaugural address); file: MIT repository"},
              "title": "", "caption": "", "hashtags": [],
              "reference": " ".join([JFK_TEXT] * 6)}, np.concatenate(pieces))


if __name__ == "__main__":
    main()
