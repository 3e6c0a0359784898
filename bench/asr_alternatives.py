"""Two ways past the lexicon that issue 12 asked to measure, on the cached app transcripts of bench/medical_asr.py:
rescoring the decoder's own alternatives (n-best) against the lexicon, and tiny.en as a second opinion whose
medical terms base's audio score judges. Neither ships (see the README's medical speech section); this keeps the
figures reproducible.

Usage: python bench/asr_alternatives.py [--splits tuning test] [--hypotheses 5 15]
Reads /tmp/studycompanion-medasr/{base,tiny.en}-app.json, the caches of bench/medical_asr.py --paths app (made
first where they are missing).

1. n-best: the decoded words of each clip are cut into windows (at pauses over 0.6 s, at a sentence end past 12 s,
   at 25 s); each window is decoded again by base (beam = N, N hypotheses, the clip's prompt, no timestamps).
   Rows: the first hypothesis; the hypothesis with the best score + 0.1 per rare lexicon term (shallow fusion
   after the fact); the oracle, the hypothesis holding most of the reference's medical terms (a ceiling no rule
   can beat).
2. second opinion: where base's corrected words and tiny.en's differ over at most 3 words, tiny.en's side holds a
   rare lexicon term and base's none, the run is offered to verify.py as the only variant; it is taken when base's
   log-probability of it is at least `min_gain` below the heard text's. Rows with the app's probability gates
   (run mean < 0.7, no word >= 0.9) and with none.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _acoustic_cache import CachedScorer  # noqa: E402
from medical_asr import (  # noqa: E402
    CACHE,
    MODELS_DIR,
    Clip,
    Scoring,
    correction_counts,
    load_corpus,
    top_up,
    transcribe,
)

from studycompanion.core.transcribe.lexicon import (  # noqa: E402
    Lexicon,
    RunOptions,
    apply_corrections,
    context_terms,
    default_lexicon,
    squash,
)
from studycompanion.core.transcribe.models import resolve_model  # noqa: E402
from studycompanion.core.transcribe.verify import VerifySettings, verified_corrections  # noqa: E402
from studycompanion.core.types import Word  # noqa: E402

BONUS = 0.1
RARE = 35_000


def _cached(model: str) -> dict[str, dict[str, Any]]:
    return {r["id"]: r for r in json.loads((CACHE / f"{model}-app.json").read_text())["clips"]}


def ensure_cached(models: tuple[str, ...], splits: list[str]) -> None:
    """The app-path transcripts this bench reads, made by bench/medical_asr.py's own code where a fresh machine
    lacks them (`make bench` runs this script before medical_asr.py)."""
    wanted = [c for c in load_corpus() if c.split in splits]
    CACHE.mkdir(parents=True, exist_ok=True)
    for model in models:
        out = CACHE / f"{model}-app.json"
        if out.is_file():
            top_up(model, "app", out, wanted, 2)
        else:
            print(f"transcribing the corpus with {model} / app first ...", file=sys.stderr, flush=True)
            transcribe(model, "app", 2, out)


def _rare_terms(lex: Lexicon, text: str) -> int:
    return sum(1 for w in re.findall(r"[A-Za-z][A-Za-z'-]+", text) if lex.is_term(w) and lex.rank(w) > RARE)


def _windows(words: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    out: list[list[dict[str, Any]]] = []
    cur: list[dict[str, Any]] = []
    for w in words:
        if cur and (w["start"] - cur[-1]["end"] > 0.6 or w["end"] - cur[0]["start"] > 25
                    or (w["end"] - cur[0]["start"] > 12 and cur[-1]["text"].rstrip()[-1:] in ".?!")):
            out.append(cur)
            cur = []
        cur.append(w)
    return out + ([cur] if cur else [])


def nbest(clips: list[Clip], n: int) -> dict[str, list[list[tuple[str, float]]]]:
    """Each clip's windows, each with its N hypotheses (text, score)."""
    import numpy as np
    from faster_whisper import WhisperModel, decode_audio
    from faster_whisper.tokenizer import Tokenizer

    rows = _cached("base")
    model = WhisperModel(str(resolve_model("base", MODELS_DIR).path), device="cpu", compute_type="int8", cpu_threads=2)
    tok = Tokenizer(model.hf_tokenizer, True, task="transcribe", language="en")
    out: dict[str, list[list[tuple[str, float]]]] = {}
    for clip in clips:
        row = rows[clip.id]
        audio = decode_audio(str(clip.audio), sampling_rate=16000)
        prompt = (row.get("prompt") or "").strip()
        prefix = ([tok.sot_prev, *tok.encode(" " + prompt)[-223:]] if prompt else []) + [*tok.sot_sequence,
                                                                                          tok.no_timestamps]
        out[clip.id] = []
        for win in _windows(row["raw_words"]):
            start, end = max(0.0, win[0]["start"] - 0.3), win[-1]["end"] + 0.3
            feats = model.feature_extractor(audio[int(start * 16000):int(end * 16000)])
            if feats.shape[-1] < 3000:
                feats = np.pad(feats, ((0, 0), (0, 3000 - feats.shape[-1])))
            result = model.model.generate(model.encode(feats[:, :3000]), [prefix], beam_size=n, num_hypotheses=n,
                                          return_scores=True, max_length=448, suppress_tokens=[-1])[0]
            out[clip.id].append([(tok.decode([t for t in seq if t < tok.eot]), float(score))
                                 for seq, score in zip(result.sequences_ids, result.scores, strict=True)])
    return out


def nbest_rows(s: Scoring, clips: list[Clip], hyps: dict[str, list[list[tuple[str, float]]]]) -> dict[str, Any]:
    lex = default_lexicon()
    picks: dict[str, list[str]] = {"first hypothesis": [], f"+{BONUS} per lexicon term": [], "oracle": []}
    for clip in clips:
        ref = s.med_units(clip.reference)

        def found(text: str, ref: Any = ref) -> int:
            units = s.med_units(text)
            return sum(min(v, ref[k]) for k, v in units.items()) - sum(max(0, v - ref[k]) for k, v in units.items())

        picks["first hypothesis"].append(" ".join(w[0][0] for w in hyps[clip.id]))
        picks[f"+{BONUS} per lexicon term"].append(" ".join(
            max(w, key=lambda h: h[1] + BONUS * _rare_terms(lex, h[0]))[0] for w in hyps[clip.id]))
        picks["oracle"].append(" ".join(max(w, key=lambda h: found(h[0]))[0] for w in hyps[clip.id]))
    refs = [c.reference for c in clips]
    return {name: s.corpus(refs, texts) for name, texts in picks.items()}


def second_opinion(s: Scoring, clips: list[Clip], gated: bool, min_gain: float = -8.0) -> dict[str, Any]:
    base, tiny = _cached("base"), _cached("tiny.en")
    lex0 = default_lexicon()
    scorer = CachedScorer(resolve_model("base", MODELS_DIR).path, CACHE / "acoustic-base-second.json")
    refs, texts, fixes, false, words_n = [], [], 0, 0, 0
    for clip in clips:
        lex = lex0.with_context(context_terms(clip.title, clip.caption, " ".join(clip.hashtags), lexicon=lex0))
        bw = [Word(w["start"], w["end"], w["text"], w["probability"], w.get("corrected_from") or "")
              for w in base[clip.id]["words"]]
        tw = [w["text"].strip() for w in tiny[clip.id]["words"]]
        runs = []
        matcher = difflib.SequenceMatcher(None, [squash(w.text) for w in bw], [squash(w) for w in tw], autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            side, theirs = bw[i1:i2], tw[j1:j2]
            if op != "replace" or len(side) > 3 or len(theirs) > 3 or any(w.corrected_from for w in side):
                continue
            probs = [w.probability for w in side]
            if gated and (max(probs) >= 0.9 or sum(probs) / len(probs) >= 0.7):
                continue
            if not _rare_terms(lex, " ".join(theirs)) or any(lex.is_term(w.text.strip()) for w in side):
                continue
            term = re.sub(r"[^\w' -]+$", "", " ".join(theirs)).strip()
            runs.append(RunOptions(i1, i2 - 1, "".join(w.text for w in side).strip(), ((1.0, False, term),)))
        check = scorer.for_clip(clip.id, clip.audio)
        settings = VerifySettings(min_gain=min_gain)
        chosen = verified_corrections(bw, lex, check, verify=settings, runs=runs) if runs else []
        new = apply_corrections(bw, chosen)
        refs.append(clip.reference)
        texts.append("".join(w.text for w in new).strip())
        kept = {id(w) for w in bw}  # the app's own corrections are not this method's
        f, fa, _o = correction_counts(s, clip.reference, [
            {"text": w.text, "corrected_from": "" if id(w) in kept else w.corrected_from} for w in new])
        fixes, false, words_n = fixes + f, false + fa, words_n + len(s.word_tokens(clip.reference))
    scorer.save()
    return {**s.corpus(refs, texts), "fixes_1k": 1000 * fixes / words_n, "false_1k": 1000 * false / words_n}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--splits", nargs="+", default=["tuning", "test"])
    parser.add_argument("--hypotheses", nargs="+", type=int, default=[5, 15])
    args = parser.parse_args()
    ensure_cached(("base", "tiny.en"), args.splits)
    s = Scoring()
    base = _cached("base")
    print("| split | method | lecture WER | lecture med-WER | fixes / false per 1k |")
    print("|---|---|---|---|---|")
    for split in args.splits:
        clips = [c for c in load_corpus() if c.split == split and c.kind == "lecture" and c.id in base]
        app = s.corpus([c.reference for c in clips], ["".join(w["text"] for w in base[c.id]["words"]).strip()
                                                      for c in clips])
        print(f"| {split} | base app (its cached run) | {app['wer']:.3f} | {app['medical_wer']:.3f} | - |")
        for n in args.hypotheses:
            for name, r in nbest_rows(s, clips, nbest(clips, n)).items():
                print(f"| {split} | {n}-best, {name} (before correction) | {r['wer']:.3f} "
                      f"| {r['medical_wer']:.3f} | - |")
        for gated in (True, False):
            r = second_opinion(s, clips, gated)
            label = "app's gates" if gated else "no probability gate"
            print(f"| {split} | base app + tiny.en second opinion, {label} | {r['wer']:.3f} | {r['medical_wer']:.3f} "
                  f"| {r['fixes_1k']:.1f} / {r['false_1k']:.1f} |", flush=True)


if __name__ == "__main__":
    main()
