"""Medical ASR benchmark: WER / medical-WER per model and path on the dev corpus (bench/data/medical_asr).

Run from the repo root: `nice -n 10 .venv/bin/python bench/medical_asr.py [--models tiny.en base]
[--paths plain app] [--reuse]`.

- plain: `faster_whisper.WhisperModel(folder, device="cpu", compute_type="int8").transcribe(file)` with its
  defaults, as a user of the library would call it;
- app: the app's transcription service (prompt from the clip's own context, loop-safe decoding, lexicon
  correction); its words carry `corrected_from`, so the table also shows the transcript before correction
  ("app-raw") and counts fixes and false corrections.

Each model x path runs in its own process (peak RSS is that process and its engine child). Transcripts are
cached in the cache folder; `--reuse` scores the cache and transcribes only the clips of the asked splits that it
lacks (a new split joins an old cache without redoing the old clips; the cache keeps the larger peak RSS of the
runs). Without `--reuse` every clip is transcribed again. Scores: medwer's pinned
Whisper normaliser and term list, micro-averaged. RTF = processing seconds / audio seconds (lower is better).
A fix is a corrected word that is right where the original was wrong; a false correction is the reverse.
Prompt insertions: medical terms in the transcript that come from the prompt and were not said.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CORPUS = ROOT / "bench" / "data" / "medical_asr"
CACHE = Path(os.environ.get("MEDASR_CACHE", "/tmp/studycompanion-medasr"))
MODELS_DIR = CACHE / "models"


@dataclass
class Clip:
    id: str
    split: str
    kind: str
    audio: Path
    duration: float
    reference: str
    title: str
    caption: str
    hashtags: list[str]
    meta: dict[str, Any] = field(default_factory=dict)


def load_corpus(folder: Path = CORPUS) -> list[Clip]:
    clips = []
    for path in sorted(folder.glob("*.json")):
        m = json.loads(path.read_text(encoding="utf-8"))
        clips.append(Clip(m["id"], m["split"], m["kind"], folder / m["audio"], float(m["duration"]), m["reference"],
                          m.get("title", ""), m.get("caption", ""), list(m.get("hashtags", [])), m))
    return clips


def peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


# ----------------------------------------------------------------------------------------------- transcribe
def run_plain(model_name: str, clips: list[Clip], threads: int) -> list[dict[str, Any]]:
    from faster_whisper import WhisperModel

    from studycompanion.core.transcribe.models import resolve_model

    resolved = resolve_model(model_name, MODELS_DIR)
    model = WhisperModel(str(resolved.path), device="cpu", compute_type="int8", cpu_threads=threads,
                         local_files_only=True)
    out = []
    for clip in clips:
        t0 = time.perf_counter()
        segments, _info = model.transcribe(str(clip.audio))
        text = " ".join(s.text.strip() for s in segments)
        out.append({"id": clip.id, "text": text, "seconds": time.perf_counter() - t0, "prompt": "", "words": []})
    return out


def run_app(model_name: str, clips: list[Clip], threads: int) -> list[dict[str, Any]]:
    from bench._medasr_app import AppPath

    app = AppPath(model_name, MODELS_DIR, threads)
    out = []
    try:
        app.warm_up(clips[0].audio)
        for clip in clips:
            t0 = time.perf_counter()
            row = app.transcribe(clip)
            out.append({"id": clip.id, "seconds": time.perf_counter() - t0, **row})
    finally:
        app.close()
    return out


def child(model_name: str, path: str, threads: int, out_file: Path, only: list[str] | None = None) -> None:
    clips = [c for c in load_corpus() if only is None or c.id in only]
    rows = run_plain(model_name, clips, threads) if path == "plain" else run_app(model_name, clips, threads)
    payload = {"model": model_name, "path": path, "peak_rss_mb": peak_rss_mb(), "clips": rows}
    out_file.write_text(json.dumps(payload), encoding="utf-8")


# ----------------------------------------------------------------------------------------------- scoring
class Scoring:
    def __init__(self) -> None:
        from medwer import Normalizer, Scorer

        self.scorer = Scorer()
        self.norm = Normalizer()

    def corpus(self, refs: list[str], hyps: list[str]) -> dict[str, Any]:
        return self.scorer.corpus(refs, hyps)

    def med_units(self, text: str) -> Counter[str]:
        from medwer import keep_medical

        return Counter(keep_medical(self.norm(text), self.scorer.entries, self.scorer.max_tokens).split())

    def word_tokens(self, text: str) -> list[str]:
        return self.norm(text).split()


def _hyp(row: dict[str, Any], raw: bool) -> str:
    """The transcript as stored (raw=False) or as decoded before correction (raw=True)."""
    words = row.get("raw_words") if raw else row.get("words")
    return "".join(w["text"] for w in words).strip() if words else str(row["text"])


def _part(clip: Clip, part: str) -> bool:
    real = clip.meta.get("voice", {}).get("source") == "real"
    return part == "all" or (part == "real speech" and real) or (part == clip.kind and not real)


def correction_counts(s: Scoring, ref: str, words: list[dict[str, Any]]) -> tuple[int, int, int]:
    """(fixes, false corrections, other changes) of the corrected words against the reference."""
    from rapidfuzz.distance import Levenshtein

    ref_toks = s.word_tokens(ref)

    def aligned(raw: bool) -> tuple[list[str], list[int], set[int]]:
        toks: list[str] = []
        owner: list[int] = []
        for i, w in enumerate(words):
            text = w["corrected_from"] if raw and w.get("corrected_from") else w["text"]
            for t in s.word_tokens(text):
                toks.append(t)
                owner.append(i)
        right: set[int] = set()
        for op in Levenshtein.opcodes(toks, ref_toks):
            if op.tag == "equal":
                right.update(range(op.src_start, op.src_end))
        return toks, owner, right

    _t0, own0, right0 = aligned(True)
    _t1, own1, right1 = aligned(False)
    fixes = false = other = 0
    for i, w in enumerate(words):
        if not w.get("corrected_from"):
            continue
        before = [k for k, o in enumerate(own0) if o == i]
        after = [k for k, o in enumerate(own1) if o == i]
        was_right = bool(before) and all(k in right0 for k in before)
        now_right = bool(after) and all(k in right1 for k in after)
        if now_right and not was_right:
            fixes += 1
        elif was_right and not now_right:
            false += 1
        else:
            other += 1
    return fixes, false, other


def _count(tokens: list[str], phrase: list[str]) -> int:
    n = len(phrase)
    return sum(1 for i in range(len(tokens) - n + 1) if tokens[i:i + n] == phrase)


def prompt_insertions(s: Scoring, ref: str, hyp: str, prompt: str, plain: str | None = None) -> int:
    """Medical terms of the prompt that the transcript holds more often than the reference says them (token
    sequences counted anywhere, so "insulin" of a misheard "insulin glargine" is not an insertion). With `plain`
    (the same model's transcript without prompt or correction), only what neither the reference nor the plain call
    holds counts: the insertions the prompt and the clip's context caused, not the model's own mishearings
    ("meningitis" for "meningitidis", written with or without a prompt)."""
    if not prompt:
        return 0
    ref_t, hyp_t = s.word_tokens(ref), s.word_tokens(hyp)
    plain_t = s.word_tokens(plain) if plain is not None else []
    out = 0
    for unit in s.med_units(prompt):
        phrase = unit.split("_")
        out += max(0, _count(hyp_t, phrase) - max(_count(ref_t, phrase), _count(plain_t, phrase)))
    return out


def loops(s: Scoring, ref: str, hyp: str) -> int:
    """1 when the transcript holds far more words than were said (a decoding loop), else 0."""
    return int(len(s.word_tokens(hyp)) > 1.25 * len(s.word_tokens(ref)) + 5)


def table(results: list[dict[str, Any]], clips: list[Clip], split: str) -> list[str]:
    s = Scoring()
    by_id = {c.id: c for c in clips}
    head = ("| model | path | part | clips | audio s | WER | med-WER | fixes/1k | false/1k | prompt-ins | "
            "not in plain | loops | seconds | RTF | peak RSS MB |")
    lines = [f"### {split} split", "", head, "|" + "---|" * 15]
    plain = {(r["model"], row["id"]): str(row["text"]) for r in results if r["path"] == "plain" for row in r["clips"]}
    for res in results:
        variants = [("app-raw", True), (res["path"], False)] if res["path"] == "app" else [(res["path"], False)]
        for label, raw in variants:
            for part in ("lecture", "dialogue", "real speech", "all"):
                rows = [r for r in res["clips"] if by_id[r["id"]].split == split and _part(by_id[r["id"]], part)]
                if not rows:
                    continue
                refs = [by_id[r["id"]].reference for r in rows]
                hyps = [_hyp(r, raw) for r in rows]
                score = s.corpus(refs, hyps)
                audio = sum(by_id[r["id"]].duration for r in rows)
                seconds = sum(r["seconds"] for r in rows)
                fixes = false = 0
                if label == "app":
                    for r, ref in zip(rows, refs, strict=True):
                        f, x, _o = correction_counts(s, ref, r["words"])
                        fixes, false = fixes + f, false + x
                per_k = 1000 / max(1, score["ref_words"])
                ins = sum(prompt_insertions(s, ref, h, r["prompt"])
                          for r, ref, h in zip(rows, refs, hyps, strict=True))
                caused = "-"
                if all((res["model"], r["id"]) in plain for r in rows):
                    caused = str(sum(prompt_insertions(s, ref, h, r["prompt"], plain[(res["model"], r["id"])])
                                     for r, ref, h in zip(rows, refs, hyps, strict=True)))
                nloops = sum(loops(s, ref, h) for ref, h in zip(refs, hyps, strict=True))
                fx = f"{fixes * per_k:.1f}" if label == "app" else "-"
                fl = f"{false * per_k:.1f}" if label == "app" else "-"
                med = "-" if score["medical_wer"] is None else f"{score['medical_wer']:.3f}"
                lines.append(
                    f"| {res['model']} | {label} | {part} | {len(rows)} | {audio:.0f} | {score['wer']:.3f} "
                    f"| {med} | {fx} | {fl} | {ins} | {caused} | {nloops} | {seconds:.1f} "
                    f"| {seconds / audio:.3f} | {res['peak_rss_mb']:.0f} |"
                )
    return lines


def recorrect(res: dict[str, Any], clips: list[Clip], verify: bool = True) -> None:
    """Re-apply the service's lexicon correction (current settings) to the cached decoded words of an app run;
    with `verify` (the app's path), checked against the audio by the model in this process (scores cached)."""
    if res["path"] != "app":
        return
    from bench._acoustic_cache import CachedScorer
    from bench._medasr_app import _words
    from studycompanion.core.transcribe.models import resolve_model
    from studycompanion.core.transcribe.service import correct_segments
    from studycompanion.core.types import Segment, Word

    folder = resolve_model(res["model"], MODELS_DIR).path
    scorer = CachedScorer(folder, CACHE / f"acoustic-{res['model']}.json") if verify else None
    by_id = {c.id: c for c in clips}
    for row in res["clips"]:
        clip = by_id[row["id"]]
        words = [Word(w["start"], w["end"], w["text"], w["probability"]) for w in row["raw_words"]]
        segments = [Segment(words[0].start, words[-1].end, "".join(w.text for w in words), words)] if words else []
        check = scorer.for_clip(clip.id, clip.audio) if scorer else None
        corrected, _n = correct_segments(segments, title=clip.title, caption=clip.caption, hashtags=clip.hashtags,
                                         scorer=check)
        row["words"] = _words(corrected)
    if scorer is not None:
        scorer.save()


def transcribe(model: str, path: str, threads: int, out: Path, only: list[str] | None = None) -> None:
    """One model x path in its own process, written to `out` (the clips of `only`, or all)."""
    cmd = [sys.executable, __file__, "--one", model, path, "--threads", str(threads), "--out", str(out)]
    subprocess.run(cmd + (["--only", *only] if only else []), check=True)


def top_up(model: str, path: str, out: Path, wanted: list[Clip], threads: int) -> dict[str, Any]:
    """The cached run of model x path, with the clips of `wanted` that it lacked transcribed and merged in (the
    cache file is rewritten in place, same format: clips in corpus order, the larger peak RSS of the runs)."""
    cached = json.loads(out.read_text(encoding="utf-8"))
    have = {r["id"] for r in cached["clips"]}
    missing = [c.id for c in wanted if c.id not in have]
    if not missing:
        return cached
    print(f"transcribing {len(missing)} clips missing from {out.name} with {model} / {path} ...", file=sys.stderr,
          flush=True)
    part = out.with_name(out.stem + ".part.json")
    transcribe(model, path, threads, part, missing)
    new = json.loads(part.read_text(encoding="utf-8"))
    order = {c.id: n for n, c in enumerate(load_corpus())}
    cached["clips"] = sorted(cached["clips"] + new["clips"], key=lambda r: order.get(r["id"], len(order)))
    cached["peak_rss_mb"] = max(cached["peak_rss_mb"], new["peak_rss_mb"])
    tmp = out.with_name(out.stem + ".tmp.json")
    tmp.write_text(json.dumps(cached), encoding="utf-8")
    tmp.replace(out)
    part.unlink()
    return cached


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", nargs="+", default=["tiny.en", "base"])
    parser.add_argument("--paths", nargs="+", default=["plain", "app"])
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--reuse", action="store_true",
                        help="score cached transcripts; transcribe only the clips of --splits the cache lacks")
    parser.add_argument("--recorrect", action="store_true",
                        help="with --reuse: apply the service's current correction to the cached decoded words")
    parser.add_argument("--lexical-only", action="store_true",
                        help="with --recorrect: the lexicon correction without its audio check")
    parser.add_argument("--splits", nargs="+", default=["test", "tuning"])
    parser.add_argument("--one", nargs=2, metavar=("MODEL", "PATH"), help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--only", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        child(args.one[0], args.one[1], args.threads, args.out, args.only)
        return
    CACHE.mkdir(parents=True, exist_ok=True)
    clips = load_corpus()
    results = []
    for model in args.models:
        for path in args.paths:
            out = CACHE / f"{model}-{path}.json"
            if args.reuse and out.is_file():
                results.append(top_up(model, path, out, [c for c in clips if c.split in args.splits], args.threads))
                continue
            print(f"transcribing with {model} / {path} ...", file=sys.stderr, flush=True)
            transcribe(model, path, args.threads, out)
            results.append(json.loads(out.read_text(encoding="utf-8")))
    if args.recorrect:
        for res in results:
            recorrect(res, clips, verify=not args.lexical_only)
    for split in args.splits:
        print("\n".join(table(results, clips, split)) + "\n")


if __name__ == "__main__":
    main()
