"""Key-point evaluation set: loads the annotated mini-transcripts and scores key points against them.

Shared by tests/test_keypoints_eval.py and bench/cards.py (loaded by file path, not as a package).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from studycompanion.core.types import KeyPoint, Segment, Word

HERE = Path(__file__).resolve().parent
_SENTENCE_END = re.compile(r"[.!?]$")


@dataclass
class EvalSentence:
    label: str  # F (filler) / C (context) / K (key fact)
    text: str
    start: float = 0.0
    end: float = 0.0


@dataclass
class EvalClip:
    name: str
    title: str
    creator: str
    platform: str
    sentences: list[EvalSentence]
    facts: list[list[list[str]]]  # fact -> required terms -> accepted spellings
    segments: list[Segment] = field(default_factory=list)

    @property
    def duration(self) -> float:
        return self.sentences[-1].end if self.sentences else 0.0


@dataclass
class ClipScore:
    name: str
    facts: int
    facts_hit: int
    keypoints: int
    keypoints_hit: int
    from_filler: list[str]  # texts of key points that came from a filler sentence


def _jitter(text: str, salt: str) -> float:
    """A deterministic pseudo-random number in [0, 1) (same timings on every run)."""
    return hashlib.sha1(f"{salt}|{text}".encode()).digest()[0] / 256.0


def _parse(path: Path) -> EvalClip:
    head, body, tail = path.read_text(encoding="utf-8").split("\n---\n")
    meta = dict(line.split(":", 1) for line in head.splitlines() if ":" in line)
    sentences = []
    for line in body.splitlines():
        if line.strip():
            label, text = line.split(" ", 1)
            assert label in {"F", "C", "K"}, f"{path.name}: bad label {label!r}"
            sentences.append(EvalSentence(label, text.strip()))
    facts = []
    for line in tail.splitlines():
        if line.startswith("fact:"):
            terms = [[alt.strip().lower() for alt in term.split(" / ")] for term in line[5:].split("|")]
            facts.append(terms)
    return EvalClip(
        name=path.stem,
        title=meta.get("title", "").strip(),
        creator=meta.get("creator", "").strip(),
        platform=meta.get("platform", "").strip(),
        sentences=sentences,
        facts=facts,
    )


def _synthesise(clip: EvalClip) -> None:
    """Whisper-like segments with word timestamps; segment breaks do not always fall on sentence ends."""
    t = 0.4
    seg_words: list[Word] = []
    segments: list[Segment] = []

    def flush() -> None:
        if seg_words:
            text = "".join(w.text for w in seg_words).strip()
            segments.append(Segment(seg_words[0].start, seg_words[-1].end, text, list(seg_words)))
            seg_words.clear()

    for s_idx, sentence in enumerate(clip.sentences):
        tokens = sentence.text.split()
        sentence.start = t
        for w_idx, token in enumerate(tokens):
            duration = 0.12 + 0.045 * len(token) + 0.08 * _jitter(token, f"{clip.name}{s_idx}{w_idx}")
            word = Word(round(t, 2), round(t + duration, 2), " " + token, 0.9)
            seg_words.append(word)
            t += duration
            sentence.end = round(t, 2)
            last = w_idx == len(tokens) - 1
            if last:
                t += 0.35 + 0.3 * _jitter(token, "pause")
            elif token.endswith(","):
                t += 0.15
            else:
                t += 0.04
            if len(seg_words) >= 24 or (last and len(seg_words) >= 10 and _jitter(token, "seg") < 0.6):
                flush()
    flush()
    clip.segments = segments


def load(folder: Path = HERE) -> list[EvalClip]:
    clips = [_parse(p) for p in sorted(folder.glob("*.txt"))]
    for clip in clips:
        _synthesise(clip)
    return clips


def _norm(text: str) -> str:
    """Lower case, hyphens as spaces, punctuation dropped except decimal points; padded with spaces."""
    text = re.sub(r"(?<![0-9])\.|\.(?![0-9])", " ", text.lower().replace("-", " "))
    return " " + re.sub(r"[^a-z0-9.]+", " ", text).strip() + " "


def _contains(text: str, term: str) -> bool:
    """Whole-word match at the start (so "thiazide" finds "thiazides", "2" does not find "22")."""
    return (
        re.search(r"(?<= )" + re.escape(_norm(term).strip()) + r"(?![0-9]|\.[0-9])", _norm(text)) is not None
    )


def fact_hit(text: str, fact: list[list[str]]) -> bool:
    return all(any(_contains(text, alt) for alt in alts) for alts in fact)


def spans_filler(clip: EvalClip, start: float, end: float) -> bool:
    """True when [start, end] covers most of a filler sentence."""
    for s in clip.sentences:
        if s.label != "F":
            continue
        overlap = min(end, s.end) - max(start, s.start)
        if overlap > 0.5 * (s.end - s.start):
            return True
    return False


def score(clip: EvalClip, keypoints: list[KeyPoint]) -> ClipScore:
    facts_hit = sum(1 for fact in clip.facts if any(fact_hit(kp.text, fact) for kp in keypoints))
    kps_hit = sum(1 for kp in keypoints if any(fact_hit(kp.text, fact) for fact in clip.facts))
    filler = [kp.text for kp in keypoints if spans_filler(clip, kp.start, kp.end)]
    return ClipScore(clip.name, len(clip.facts), facts_hit, len(keypoints), kps_hit, filler)
