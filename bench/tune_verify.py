"""Tunes the audio-checked lexicon correction (core/transcribe/verify.py) on the tuning split only.

Run from the repo root after `bench/medical_asr.py` has cached base app-path transcripts:
`nice -n 10 .venv/bin/python bench/tune_verify.py [--split tuning]`. Scores come from the model through
bench/_acoustic_cache.py (cached). One line per setting: medical-WER, fixes, false corrections and wrong-for-wrong
replacements ("other": a wrong word replaced by another wrong term) per 1,000 reference words.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from _acoustic_cache import CachedScorer  # noqa: E402
from medical_asr import CACHE, MODELS_DIR, Scoring, correction_counts, load_corpus  # noqa: E402

from studycompanion.core.transcribe.lexicon import context_terms, default_lexicon  # noqa: E402
from studycompanion.core.transcribe.verify import VerifySettings, verified_words  # noqa: E402
from studycompanion.core.types import Word  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--split", default="tuning")
    parser.add_argument("--model", default="base")
    args = parser.parse_args()
    s = Scoring()
    lex = default_lexicon()
    res = json.loads((CACHE / f"{args.model}-app.json").read_text())
    clips = {c.id: c for c in load_corpus()}
    rows = [r for r in res["clips"] if clips[r["id"]].split == args.split
            and clips[r["id"]].meta.get("voice", {}).get("source") != "real"]
    scorer = CachedScorer(MODELS_DIR / args.model, CACHE / f"acoustic-{args.model}.json")
    grid = {"threshold": [0.75, 0.8], "min_gain": [-8.0, -6.0, -4.0, -2.0], "candidates": [1],
            "probability_gate": [0.7, 0.8]}
    print("| " + " | ".join(grid) + " | lecture med-WER | all med-WER | fixes/1k | false/1k | other/1k |")
    print("|" + "---|" * (len(grid) + 5))
    for values in itertools.product(*grid.values()):
        verify = replace(VerifySettings(), **dict(zip(grid, values, strict=True)))
        refs, hyps, lec_refs, lec_hyps = [], [], [], []
        fixes = false = other = 0
        for row in rows:
            clip = clips[row["id"]]
            words = [Word(w["start"], w["end"], w["text"], w["probability"]) for w in row["raw_words"]]
            context = context_terms(clip.title, clip.caption, *clip.hashtags, lexicon=lex)
            full = lex.with_context(context)
            fixed, _c = verified_words(words, full, scorer.for_clip(clip.id, clip.audio), verify=verify)
            dicts = [{"text": w.text, "corrected_from": w.corrected_from} for w in fixed]
            f, x, o = correction_counts(s, clip.reference, dicts)
            fixes, false, other = fixes + f, false + x, other + o
            hyp = "".join(w.text for w in fixed)
            refs.append(clip.reference)
            hyps.append(hyp)
            if clip.kind == "lecture":
                lec_refs.append(clip.reference)
                lec_hyps.append(hyp)
        total = s.corpus(refs, hyps)
        lec = s.corpus(lec_refs, lec_hyps)
        k = 1000 / total["ref_words"]
        print("| " + " | ".join(str(getattr(verify, k)) for k in grid) + f" | {lec['medical_wer']:.3f} "
              f"| {total['medical_wer']:.3f} | {fixes * k:.1f} | {false * k:.1f} | {other * k:.1f} |", flush=True)
        scorer.save()


if __name__ == "__main__":
    main()
