"""Key-point evaluation set: loads the annotated mini-transcripts and scores key points against them.

Shared by tests/test_keypoints_eval.py and bench/cards.py. `load()` reads the tuning part (this folder);
`load(TEST_DIR)` the first test part, which has since steered the rules through its totals and is now
development data (DEV_DIR, read clip by clip); `load(TEST2_DIR)`, `load(TEST3_DIR)` and `load(TEST4_DIR)` the
held-out parts (test3 and test4 with real transcripts made by the app's own default path): only their
aggregate figures are ever printed (bench/cards.py), never a clip of them, and no test reads them.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from studycompanion.core.types import KeyPoint, Segment, Word

HERE = Path(__file__).resolve().parent
TEST_DIR = HERE / "test"
DEV_DIR = TEST_DIR  # the first test part, development data since the rules were steered on its totals
TEST2_DIR = HERE / "test2"  # held out until its totals were read twice; aggregate figures only
TEST3_DIR = HERE / "test3"  # held out (written without the rules or the other parts); its totals read twice
TEST4_DIR = HERE / "test4"  # held out until the rules of 2026-12-02 were made on it: development data now
TEST5_DIR = HERE / "test5"  # the freshest held-out part, written blind while those rules were made: aggregates only
LABELS = frozenset({"F", "C", "K"})
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
    facts: list[list[list[str]]]  # fact -> required terms -> accepted spellings (may be empty: dialogue)
    segments: list[Segment] = field(default_factory=list)
    split: str = ""  # "tuning" / "test"
    style: str = ""  # lecture tip, mnemonic, case vignette, dialogue, vlog, rapid-fire list ...
    specialty: str = ""
    source: str = ""  # "written" or how the transcript was made (e.g. whisper tiny.en of espeak-ng)
    misheard: list[tuple[str, str]] = field(default_factory=list)  # (said, heard) pairs

    @property
    def text(self) -> str:
        """Everything said in the clip, as transcribed."""
        return " ".join(s.text for s in self.sentences)

    def heard(self, fact: list[list[str]]) -> bool:
        """True when the fact's accepted spellings appear in the transcript (whisper did not mishear it)."""
        return fact_hit(self.text, fact)

    @property
    def duration(self) -> float:
        return self.sentences[-1].end if self.sentences else 0.0


@dataclass
class ClipScore:
    name: str
    facts: int
    facts_hit: int
    heard: int  # facts whose terms appear in the transcript as spelled
    heard_hit: int
    keypoints: int
    keypoints_hit: int
    from_filler: list[str]  # texts of key points that came from a filler sentence
    keypoints_on_k: int = 0  # key points lying mostly on a K sentence (a fact sentence, heard right or not)


def _jitter(text: str, salt: str) -> float:
    """A deterministic pseudo-random number in [0, 1) (same timings on every run)."""
    return hashlib.sha1(f"{salt}|{text}".encode()).digest()[0] / 256.0


def _parse(path: Path) -> EvalClip:
    parts = path.read_text(encoding="utf-8").replace("\r\n", "\n").split("\n---\n")
    head, body, tail = [*parts, "", ""][:3]  # a clip with no facts may end after its sentences
    pairs = (line.split(":", 1) for line in head.splitlines() if ":" in line)
    meta = {k.strip().lower(): v.strip() for k, v in pairs}
    sentences = []
    for line in body.splitlines():
        if line.strip():
            label, _, text = line.strip().partition(" ")
            assert label in LABELS, f"{path.name}: bad label {label!r}"
            sentences.append(EvalSentence(label, text.strip()))
    facts = []
    misheard = []
    for line in tail.splitlines():  # unknown lines are ignored
        if line.startswith("fact:"):
            terms = [[alt.strip().lower() for alt in term.split(" / ")] for term in line[5:].split("|")]
            facts.append([t for t in terms if any(t)])
        elif line.startswith("misheard:") and "=" in line:
            said, heard = line[9:].split("=", 1)
            misheard.append((said.strip(), heard.strip()))
    return EvalClip(
        name=path.stem,
        title=meta.get("title", ""),
        creator=meta.get("creator", ""),
        platform=meta.get("platform", ""),
        sentences=sentences,
        facts=[f for f in facts if f],
        split=meta.get("split", ""),
        style=meta.get("style", ""),
        specialty=meta.get("specialty", ""),
        source=meta.get("source", ""),
        misheard=misheard,
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
    """The clips of one part: this folder (tuning) or TEST_DIR (test); files other than *.txt are skipped."""
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


def on_fact_sentence(clip: EvalClip, start: float, end: float) -> bool:
    """True when most of [start, end] lies on K sentences."""
    on_k = sum(max(0.0, min(end, s.end) - max(start, s.start)) for s in clip.sentences if s.label == "K")
    return on_k > 0.5 * max(end - start, 1e-6)


def score(clip: EvalClip, keypoints: list[KeyPoint]) -> ClipScore:
    found = [fact for fact in clip.facts if any(fact_hit(kp.text, fact) for kp in keypoints)]
    heard = [fact for fact in clip.facts if clip.heard(fact)]
    kps_hit = sum(1 for kp in keypoints if any(fact_hit(kp.text, fact) for fact in clip.facts))
    filler = [kp.text for kp in keypoints if spans_filler(clip, kp.start, kp.end)]
    return ClipScore(
        clip.name,
        facts=len(clip.facts),
        facts_hit=len(found),
        heard=len(heard),
        heard_hit=sum(1 for fact in heard if fact in found),
        keypoints=len(keypoints),
        keypoints_hit=kps_hit,
        from_filler=filler,
        keypoints_on_k=sum(1 for kp in keypoints if on_fact_sentence(clip, kp.start, kp.end)),
    )


@dataclass
class Totals:
    """Aggregate figures of one part (what the bench prints; no per-clip detail)."""

    clips: int
    facts: int
    heard: int
    keypoints: int
    recall: float
    heard_recall: float
    precision: float
    precision_on_k: float  # key points on a fact sentence / key points (counts a misheard fact's sentence too)
    from_filler: int
    empty_clips: int  # clips with no annotated fact (dialogue, vlog)
    empty_clips_with_points: int  # ... that still gave a key point


def totals(clips: list[EvalClip], scores: list[ClipScore]) -> Totals:
    facts = sum(s.facts for s in scores)
    heard = sum(s.heard for s in scores)
    kps = sum(s.keypoints for s in scores)
    empty = [s for c, s in zip(clips, scores, strict=True) if not c.facts]
    return Totals(
        clips=len(scores),
        facts=facts,
        heard=heard,
        keypoints=kps,
        recall=sum(s.facts_hit for s in scores) / facts if facts else 1.0,
        heard_recall=sum(s.heard_hit for s in scores) / heard if heard else 1.0,
        precision=sum(s.keypoints_hit for s in scores) / kps if kps else 1.0,
        precision_on_k=sum(s.keypoints_on_k for s in scores) / kps if kps else 1.0,
        from_filler=sum(len(s.from_filler) for s in scores),
        empty_clips=len(empty),
        empty_clips_with_points=sum(1 for s in empty if s.keypoints),
    )
