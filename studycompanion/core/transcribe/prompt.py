"""The initial prompt for whisper, from the clip alone: title, caption, hashtags, on-screen text, and the
student's personal dictionary, with the vocabulary's spelling of the terms the clip itself names.

Whisper reads at most 223 prompt tokens and faster-whisper keeps the *last* ones when there are more, so the
prompt is built to a token budget: the clip's own text first (a bounded share), then the terms. A term is in
the prompt only when the clip names it (its title, caption, hashtags or on-screen text) or the student put it in
the personal dictionary: general glossary terms unrelated to the clip made whisper write drugs nobody said
("cardioselective" came out as "Carvedilol Selective"; "Labetalol" appeared in a passage that never said it).
Terms are written capitalised, comma-separated: on espeak-ng fixtures this spelling made tiny.en write
"Metoprolol" where it wrote "Metaprolla" with no prompt.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

TokenCounter = Callable[[str], int]

MAX_PROMPT_TOKENS = 223  # whisper: n_text_ctx // 2 - 1
DEFAULT_BUDGET = 160  # leave headroom below the hard limit; longer glossaries add little and risk echoes
CONTEXT_SHARE = 0.7  # at most this share of the budget goes to title, caption, on-screen text, hashtags
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class VocabularyTerm:
    term: str
    section: str
    order: int


def approx_tokens(text: str) -> int:
    """A cautious estimate when no tokenizer is at hand (English BPE averages about 4 characters a token)."""
    return math.ceil(len(text) / 3.2) if text else 0


def tokenizer_counter(model_dir: Path) -> TokenCounter:
    """Count tokens with the model's own tokenizer.json; falls back to `approx_tokens` when it cannot load."""
    return _tokenizer_counter(str(model_dir))


@lru_cache(maxsize=4)
def _tokenizer_counter(model_dir: str) -> TokenCounter:
    try:
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_file(str(Path(model_dir) / "tokenizer.json"))
    except Exception:  # noqa: BLE001 - any failure means "estimate instead"
        return approx_tokens

    def count(text: str) -> int:
        return len(tokenizer.encode(text, add_special_tokens=False).ids)

    return count


def read_sectioned_vocabulary(path: Path) -> list[VocabularyTerm]:
    """The vocabulary file with its `# --- Section ---` headers kept (load_vocabulary() drops them)."""
    terms: list[VocabularyTerm] = []
    seen: set[str] = set()
    section = ""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return []
    for line in lines:
        text = line.strip()
        if text.startswith("#"):
            header = text.lstrip("#").strip()
            if header.startswith("---"):
                section = header.strip("- ").strip()
            continue
        if not text or text.lower() in seen:
            continue
        seen.add(text.lower())
        terms.append(VocabularyTerm(text, section, len(terms)))
    return terms


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def rank_terms(terms: Sequence[VocabularyTerm], context: str) -> list[VocabularyTerm]:
    """Terms related to `context` first (3: said in it, 2: shares a word stem, 1: same section), then file order."""
    scores = relevance(terms, context)
    return sorted(terms, key=lambda t: (-scores.get(t.order, 0), t.order))


def relevance(terms: Sequence[VocabularyTerm], context: str) -> dict[int, int]:
    """Each related term's score by its order in the file (unrelated terms are absent)."""
    lowered = context.lower()
    squashed = re.sub(r"[^a-z0-9]", "", lowered)  # hashtags run words together: #betablockers
    stems = {w[:5] for w in _words(context) if len(w) >= 5}
    scores: dict[int, int] = {}
    hot_sections: set[str] = set()
    for term in terms:
        low = term.term.lower()
        score = 0
        if re.search(r"\b" + re.escape(low) + r"s?\b", lowered) or (
            len(low) >= 6 and re.sub(r"[^a-z0-9]", "", low) in squashed
        ):
            score = 3
        elif any(len(w) >= 5 and w[:5] in stems for w in _words(low)):
            score = 2
        if score:
            scores[term.order] = score
            hot_sections.add(term.section)
    for term in terms:
        if term.order not in scores and term.section in hot_sections:
            scores[term.order] = 1
    return scores


def _clip_text(text: str, budget: int, count: TokenCounter) -> str:
    """`text` cut at a word boundary so that it fits `budget` tokens."""
    if count(text) <= budget:
        return text
    words = text.split()
    lo, hi = 0, len(words)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if count(" ".join(words[:mid])) <= budget:
            lo = mid
        else:
            hi = mid - 1
    return " ".join(words[:lo])


def _capitalised(term: str) -> str:
    return term[:1].upper() + term[1:]


def _said_terms(vocabulary: Sequence[VocabularyTerm], context: str) -> list[str]:
    """Vocabulary terms the context names (a hashtag may run the words together: #betablockers)."""
    scores = relevance(vocabulary, context)
    return [t.term for t in sorted(vocabulary, key=lambda t: t.order) if scores.get(t.order) == 3]


def build_prompt(
    *,
    title: str = "",
    caption: str = "",
    hashtags: Sequence[str] = (),
    on_screen: Sequence[str] = (),
    dictionary: Sequence[str] = (),
    vocabulary: Sequence[VocabularyTerm] = (),
    budget: int = DEFAULT_BUDGET,
    count: TokenCounter = approx_tokens,
) -> str:
    """The prompt text, never more than `budget` tokens by `count` (and never more than whisper reads).

    `on_screen`: the clip's on-screen text lines (OCR); `dictionary`: the student's personal dictionary terms.
    """
    budget = max(0, min(budget, MAX_PROMPT_TOKENS))
    parts: list[str] = []
    seen_lines: set[str] = set()
    for piece in (title, caption, *on_screen):
        piece = " ".join(piece.split()).strip()
        if piece and piece.lower() not in seen_lines:
            seen_lines.add(piece.lower())
            parts.append(piece if piece[-1] in ".!?" else piece + ".")
    tags = [t.lstrip("#").strip() for t in hashtags if t.strip("# ")]
    if tags:
        parts.append(" ".join("#" + t for t in tags))
    context = _clip_text(" ".join(parts), int(budget * CONTEXT_SHARE), count)

    named = _said_terms(vocabulary, " ".join([title, caption, *on_screen, *tags]))
    ranked: list[str] = []
    seen: set[str] = set()
    for term in (*dictionary, *named):
        term = " ".join(term.split())
        if term and term.lower() not in seen:
            seen.add(term.lower())
            ranked.append(term)
    lead = context + " " if context else ""
    chosen: list[str] = []
    for term in ranked:  # exact counting: a few short tokenizations
        candidate = [*chosen, _capitalised(term)]
        if count(lead + ", ".join(candidate) + ".") <= budget:
            chosen = candidate
    return (lead + (", ".join(chosen) + "." if chosen else "")).strip()
