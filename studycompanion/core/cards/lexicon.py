"""The medical vocabulary and lexicon, and finding the terms a sentence names (vocabulary words, named entities,
medical-shaped words).

Part of the key-point extractor (core/cards/keypoints.py); local and deterministic.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from studycompanion.core.cards import rules
from studycompanion.core.transcribe.vocab import load_vocabulary
from studycompanion.paths import resources_dir

COMMON_RANK = 4000  # a lexicon word this frequent in everyday English ("water", "wife") is not a medical term
RARE_RANK = 30000  # a word rarer than this (or unknown) in everyday English is technical: a term or a mishearing


@lru_cache(maxsize=1)
def default_vocabulary() -> frozenset[str]:
    """The shipped medical vocabulary, lower-cased (empty when the file is missing)."""
    return vocabulary_set(load_vocabulary())


@dataclass(frozen=True)
class Lexicon:
    """Read-only view of resources/lexicon: medical words (drug/disease lexicon) and everyday-English ranks."""

    medical: frozenset[str] = frozenset()  # single words of the drug / disease lexicon, minus everyday words
    phrases: frozenset[str] = frozenset()  # its 2-3 word entries
    rank: dict[str, int] = field(default_factory=dict)  # word -> rank in everyday English (0 = most common)

    def medical_word(self, word: str) -> bool:
        low = word.strip(".,;:!?()\"'").lower()
        return low in self.medical or singular_form(low) in self.medical

    def technical(self, word: str) -> bool:
        """A word a student would card: in the medical lexicon, or rare in everyday English."""
        low = word.strip(".,;:!?()\"'").lower()
        if len(low) < 4 or not low.replace("-", "").isalpha() or low in rules.STOPWORDS or rules.is_number_word(low):
            return False
        if low in self.medical or singular_form(low) in self.medical:
            return True
        if not self.rank:
            return False
        r = min(self.rank.get(low, 10**9), self.rank.get(singular_form(low), 10**9))
        return len(low) >= 6 and r > RARE_RANK


def _read_lines(name: str) -> list[str]:
    path = resources_dir() / "lexicon" / name
    if not path.is_file():
        return []
    return [ln.strip().lower() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and ln[0] != "#"]


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The shipped lexicon (resources/lexicon, built by tools/build_lexicon.py); empty when it is missing."""
    rank = {w: i for i, w in enumerate(_read_lines("common_english.txt"))}
    terms = _read_lines("medical_terms.txt")
    singles = frozenset(t for t in terms if " " not in t and rank.get(t, 10**9) >= COMMON_RANK)
    phrases = frozenset(t for t in terms if " " in t)
    return Lexicon(singles, phrases, rank)


def vocabulary_set(terms: Iterable[str]) -> frozenset[str]:
    return frozenset(t.strip().lower() for t in terms if t.strip())


def is_listed(term: str, vocab: frozenset[str], lexicon: Lexicon) -> bool:
    """A term the vocabulary or the drug / disease lexicon lists (not only a medical-looking shape)."""
    low = term.lower()
    if low in vocab or singular_form(low) in vocab or low in lexicon.phrases:
        return True
    return " " not in low and lexicon.medical_word(low)


def singular_form(word: str) -> str:
    if len(word) > 4 and word.endswith("es") and word[-3] in "sxz":
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def find_terms(tokens: Sequence[str], vocab: frozenset[str]) -> list[str]:
    """Vocabulary terms (up to 4 words, plural-tolerant) and medical-shaped words, in spoken order."""
    low = [t.strip(".,;:!?()\"'").lower() for t in tokens]
    found: list[str] = []
    last: tuple[int, int] = (-1, -1)  # token span of the last term found
    i = 0
    while i < len(low):
        hit = 0
        for n in (4, 3, 2, 1):
            if i + n > len(low):
                continue
            gram = low[i : i + n]
            phrase = " ".join(gram)
            singular = " ".join([*gram[:-1], singular_form(gram[-1])])
            if phrase in vocab or singular in vocab or (n > 1 and phrase in rules.CORE_PHRASES):
                hit = n
                break
        n = hit or _named_term(tokens, low, i) or (1 if rules.medical_shaped(tokens[i]) else 0)
        if not n:
            i += 1
            continue
        first = i
        while (  # "lactic acidosis", "adrenal insufficiency": a medical adjective joins the term
            first > 0
            and i - first < 2
            and rules.MEDICAL_ADJECTIVE.match(low[first - 1])
            and low[first - 1] not in rules.NOT_NAME_START
            and low[first - 1] not in rules.STOPWORDS
            and low[first - 1] not in rules.META_TERMS
            and not tokens[first - 1].endswith((",", ".", ";", ":"))
            and not (found and found[-1].lower().endswith(low[first - 1]))
        ):
            first -= 1
        adjacent = (
            last[1] == i and last[1] - last[0] == 1 and not tokens[i - 1].endswith((",", ".", ";", ":"))
        )
        joinable = low[i - 1] not in rules.NOT_NAME_START and low[i - 1] not in rules.META_TERMS
        if adjacent and joinable and rules.MEDICAL_ADJECTIVE.match(low[i - 1]):
            first = last[0]  # "systolic" + "murmur" -> "systolic murmur"
            found.pop()
        found.append(" ".join(tokens[first : i + n]).strip(".,;:!?()\"'"))
        last = (first, i + n)
        i += n
    return rules.unique(found)


def _named_term(tokens: Sequence[str], low: Sequence[str], i: int) -> int:
    """Length of a named entity starting at i: "Ebstein anomaly", "carpal tunnel syndrome", "Streptococcus
    pneumoniae" (a genus with its species); 0 when there is none."""
    bare = tokens[i].strip(",;:!?()\"'")
    genus = rules.ORGANISM.match(bare.rstrip(".")) or re.match(r"^[A-Z]\.$", bare)
    if genus and i + 1 < len(tokens) and re.match(r"^[a-z]{3,}(ae|us|is|i|es|um|le)[.,;]?$", tokens[i + 1]):
        return 2
    if low[i] in rules.STOPWORDS or low[i] in rules.NOT_NAME_START or not low[i].isalpha():
        return 0
    if tokens[i].endswith(","):
        return 0
    for n in (2, 1):  # "carpal tunnel syndrome", "Graves disease"
        j = i + n
        if (
            j < len(low)
            and low[j] in rules.HEAD_NOUNS
            and all(
                t not in rules.STOPWORDS and not tok.endswith(",")
                for t, tok in zip(low[i:j], tokens[i:j], strict=True)
            )
        ):
            return n + 1
    return 0
