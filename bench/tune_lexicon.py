"""Tunes lexicon correction on the tuning split (never the test split) from bench/medical_asr.py's cached words.

Run from the repo root after `bench/medical_asr.py` has cached app-path transcripts:
`nice -n 10 .venv/bin/python bench/tune_lexicon.py [--models tiny.en base] [--split tuning]`.
Prints one line per setting: medical-WER before / after, fixes and false corrections per 1,000 words.
The words are the app path's words as decoded (`raw_words` in the cache), before correction.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from medical_asr import CACHE, Scoring, correction_counts, load_corpus  # noqa: E402


@dataclass(frozen=True)
class _Word:
    start: float
    end: float
    text: str
    probability: float = 1.0
    corrected_from: str = ""


def raw_words(row: dict[str, Any]) -> list[_Word]:
    """The clip's words as decoded, before correction."""
    return [_Word(w["start"], w["end"], w["text"], w["probability"]) for w in row.get("raw_words") or row["words"]]


def evaluate(lex: Any, lexicon: Any, data: list[tuple[Any, list[_Word]]], settings: Any, s: Scoring
             ) -> tuple[float, float, float, float, int]:
    refs, before, after = [], [], []
    fixes = false = words = 0
    for clip, ws in data:
        context = lex.context_terms(clip.title, clip.caption, *clip.hashtags, lexicon=lexicon,
                                    common_rank=settings.common_rank)
        corrected, _c = lex.correct_words(ws, lexicon, context, settings)
        rows = [{"text": w.text, "corrected_from": w.corrected_from} for w in corrected]
        f, x, _o = correction_counts(s, clip.reference, rows)
        fixes, false = fixes + f, false + x
        refs.append(clip.reference)
        before.append("".join(w.text for w in ws))
        after.append("".join(w.text for w in corrected))
    b, a = s.corpus(refs, before), s.corpus(refs, after)
    words = a["ref_words"]
    return b["medical_wer"], a["medical_wer"], fixes * 1000 / words, false * 1000 / words, words


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--models", nargs="+", default=["tiny.en", "base"])
    parser.add_argument("--split", default="tuning")
    parser.add_argument("--kind", default="")
    parser.add_argument("--grid", action="store_true")
    args = parser.parse_args()
    from studycompanion.core.transcribe import lexicon as lex

    lexicon = lex.default_lexicon()
    s = Scoring()
    clips = {c.id: c for c in load_corpus()}
    for model in args.models:
        cached = CACHE / f"{model}-app.json"
        if not cached.is_file():
            continue
        res = json.loads(cached.read_text(encoding="utf-8"))
        data = [(clips[r["id"]], raw_words(r)) for r in res["clips"]
                if clips[r["id"]].split == args.split and (not args.kind or clips[r["id"]].kind == args.kind)]
        base = lex.CorrectionSettings()
        grid = [base]
        if args.grid:
            grid = [replace(base, probability_gate=g, threshold=t, context_threshold=x, phonetic_weight=w)
                    for g, t, x, w in itertools.product((0.6, 0.7), (0.82, 0.85, 0.88), (0.7, 0.75), (0.4, 0.5))]
        for st in grid:
            mb, ma, fx, fl, n = evaluate(lex, lexicon, data, st, s)
            print(f"{model:8s} gate={st.probability_gate:.2f} thr={st.threshold:.2f} ctx={st.context_threshold:.2f} "
                  f"common={st.common_rank:5d} w={st.phonetic_weight:.1f} min={st.min_letters}  "
                  f"medWER {mb:.3f} -> {ma:.3f}  "
                  f"fixes/1k {fx:5.1f}  false/1k {fl:4.1f}  ({n} words)", flush=True)


if __name__ == "__main__":
    main()
