"""Medical lexicon correction: low-confidence words that sound and look like a drug or disease name become it.

Pure functions over words with their probabilities (no Qt, no database). A run of 1-3 low-probability words is
compared with the lexicon (resources/lexicon/medical_terms.txt, the app's vocabulary and the clip's context
terms) twice: phonetically (Double Metaphone codes of the squashed letters) and by spelling (normalised Indel
similarity, rapidfuzz). The score is a weighted mean of the two; a run is replaced by the best term whose score
passes the threshold, and the corrected word keeps the original in `corrected_from`.

Guards, each measured on the tuning split of bench/data/medical_asr (never on its test split):
- a word at or above `high_probability` is never changed, and the run's mean probability must be below
  `probability_gate`;
- a run made only of common English words (the `common_rank` most frequent) is left alone unless the term is
  one of the clip's own context terms (title, caption, hashtags, on-screen text, personal dictionary);
- a word that already is a lexicon term (or its plural) is never changed, nor a word written in capitals
  (letters heard one by one: "INR");
- a word that is another form of a term (a sibling ending: "pylori" / "pyloric", "Listeria" / "Listerial") was
  said right, and no term replaces it;
- a target made only of common English words is never used, and singular / plural follows what was heard.
Context terms win ties (and get `context_bonus`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from metaphone import doublemetaphone
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel

from studycompanion.core.types import Word

_LETTERS = re.compile(r"[^a-z]")
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'\-]*")
MIN_TERM_LETTERS = 5


@dataclass(frozen=True)
class CorrectionSettings:
    """The thresholds, tuned on the tuning split of bench/data/medical_asr by bench/tune_lexicon.py."""

    probability_gate: float = 0.7  # the run's mean word probability must be below this
    high_probability: float = 0.85  # a word at or above this is never changed
    threshold: float = 0.85  # score a lexicon term needs
    context_threshold: float = 0.70  # score a context term needs
    phonetic_weight: float = 0.5  # score = w * phonetic + (1 - w) * spelling
    context_bonus: float = 0.03
    common_rank: int = 35_000  # words ranked this high or higher in common_english.txt are "common"
    max_words: int = 3
    min_letters: int = 6  # a target term has at least this many letters


@dataclass(frozen=True)
class Term:
    text: str  # as written out (lower case for lexicon terms, as given for context terms)
    key: str  # letters only, lower case
    codes: tuple[str, ...]  # Double Metaphone codes of the key
    context: bool = False


@dataclass(frozen=True)
class Correction:
    """One replaced run: words [first, last] of the input became `term`."""

    first: int
    last: int
    original: str
    term: str
    score: float
    context: bool


@dataclass
class Lexicon:
    terms: list[Term]
    common: dict[str, int]  # word -> frequency rank (1 = most frequent)
    context: list[Term] = field(default_factory=list)  # the clip's own terms (searched first, win ties)

    def __post_init__(self) -> None:
        self.keys = {t.key for t in self.terms} | {t.key for t in self.context}
        # the words medical terms are made of ("stenosis" in "aortic stenosis"): a word already right
        self.words = {squash(w) for t in self.terms for w in t.text.split() if len(squash(w)) >= MIN_TERM_LETTERS}
        self._keys = [t.key for t in self.terms]
        self._codes = [t.codes[0] for t in self.terms]

    def is_term(self, word: str) -> bool:
        key = squash(word)
        return key in self.keys or (key.endswith("s") and (key[:-1] in self.keys or key[:-2] in self.keys))

    def all_common(self, text: str, common_rank: int) -> bool:
        """Every word of `text` is common English ("a crease", "a print of"): words, not a garbled term."""
        tokens = _TOKEN.findall(text)
        return bool(tokens) and all(self.rank(t) <= common_rank for t in tokens)

    def rank(self, word: str) -> int:
        return self.common.get(word.lower().strip("'"), 10**9)

    def with_context(self, context_terms: Iterable[str]) -> Lexicon:
        """This lexicon plus the clip's own terms (marked as context: they win ties)."""
        extra: dict[str, Term] = {}
        for text in context_terms:
            term = _term(text, context=True)
            if len(term.key) >= MIN_TERM_LETTERS:
                extra.setdefault(term.key, term)
        if not extra:
            return self
        return Lexicon(self.terms, self.common, list(extra.values()))

    def candidates(self, key: str, code: str, *, main: bool, limit: int = 12) -> list[Term]:
        """Context terms near `key`, then (when `main`) lexicon terms near it in spelling or in sound."""
        out = [t for t in self.context if fuzz.ratio(key, t.key) >= 50 or fuzz.ratio(code, t.codes[0]) >= 60]
        if not main:
            return out
        found: dict[int, None] = {}
        for _match, _score, index in process.extract(key, self._keys, scorer=fuzz.ratio, score_cutoff=55,
                                                     limit=limit):
            found[index] = None
        if code:
            for _match, _score, index in process.extract(code, self._codes, scorer=fuzz.ratio, score_cutoff=70,
                                                         limit=limit):
                found[index] = None
        return out + [self.terms[i] for i in found]


def squash(text: str) -> str:
    return _LETTERS.sub("", text.lower())


def _codes(key: str) -> tuple[str, ...]:
    primary, secondary = doublemetaphone(key)
    return tuple(c for c in (primary, secondary) if c) or ("",)


def _term(text: str, *, context: bool = False) -> Term:
    text = " ".join(text.split())
    key = squash(text)
    return Term(text, key, _codes(key), context)


def read_terms(path: Path) -> list[str]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return []
    return [s for s in (line.strip() for line in lines) if s and not s.startswith("#")]


@lru_cache(maxsize=4)
def load_lexicon(terms_files: tuple[Path, ...], common_file: Path) -> Lexicon:
    """The lexicon from term files (one term a line, # comments) and the ranked common-English list."""
    seen: set[str] = set()
    terms: list[Term] = []
    for path in terms_files:
        for text in read_terms(path):
            term = _term(text.lower())
            if len(term.key) >= MIN_TERM_LETTERS and term.key not in seen:
                seen.add(term.key)
                terms.append(term)
    common = {w: n for n, w in enumerate(read_terms(common_file), start=1)}
    return Lexicon(terms, common)


def context_terms(*texts: str, lexicon: Lexicon, common_rank: int = CorrectionSettings.common_rank) -> list[str]:
    """The clip's own words worth favouring: lexicon terms said in its title, caption, hashtags or on-screen
    text, and its rare words (not common English, at least 5 letters). Hashtags may run words together."""
    out: dict[str, None] = {}
    for text in texts:
        tokens = _TOKEN.findall(text)
        for n in (3, 2, 1):
            for i in range(len(tokens) - n + 1):
                phrase = " ".join(tokens[i:i + n])
                key = squash(phrase)
                if len(key) < MIN_TERM_LETTERS:
                    continue
                if key in lexicon.keys or (n == 1 and all(lexicon.rank(t) > common_rank for t in tokens[i:i + n])):
                    out.setdefault(phrase, None)
        squashed = squash(text)
        if " " not in text.strip() and squashed in lexicon.keys:  # a hashtag like "heartfailure"
            out.setdefault(next(t.text for t in lexicon.terms if t.key == squashed), None)
    return list(out)


_CLASSES = str.maketrans({"P": "P", "B": "P", "T": "P", "D": "P", "K": "P", "G": "P", "F": "F", "V": "F",
                          "0": "F", "S": "F", "X": "F", "H": "F", "J": "F", "M": "N", "N": "N", "L": "L", "R": "L"})


def _phonetic(a: str, b: str) -> float:
    """Metaphone codes compared as they are and by sound class (stops, fricatives, nasals, liquids)."""
    exact = fuzz.ratio(a, b) / 100
    classes = fuzz.ratio(a.translate(_CLASSES), b.translate(_CLASSES)) / 100
    return (exact + classes) / 2


def _forms(key: str, codes: tuple[str, ...], term: Term, weight: float) -> list[tuple[float, str]]:
    """(score, form) of the term and, when what was heard ends in s, of its plural; best first."""
    forms = [(term.key, term.codes, term.text)]
    if key.endswith("s") and not term.key.endswith("s"):
        forms.append((term.key + "s", _codes(term.key + "s"), term.text + "s"))
    out = []
    for tkey, tcodes, text in forms:
        spelling = fuzz.ratio(key, tkey) / 100
        phonetic = max(_phonetic(a, b) for a in codes for b in tcodes) if codes[0] and tcodes[0] else 0.0
        out.append((weight * phonetic + (1 - weight) * spelling, text))
    return sorted(out, key=lambda f: -f[0])


def _similarity(key: str, codes: tuple[str, ...], term: Term, weight: float) -> tuple[float, str]:
    """(score, form): the best of the term and its plural, the plural only when what was heard ends in s."""
    return _forms(key, codes, term, weight)[0]


def _inside(a: str, b: str) -> bool:
    """One spelling is the other with 2 or more letters added and none changed (a different word, not a slip)."""
    gap = abs(len(a) - len(b))
    return gap >= 2 and Indel.distance(a, b) == gap


# Endings that turn one medical word into a sibling of it (noun / adjective / Latin plural): a heard word and a
# term that differ only by one of these pairs are two forms of one stem, not a mishearing of one for the other.
_SIBLING_ENDINGS = (("ia", "ial"), ("ia", "ic"), ("i", "ic"), ("a", "al"), ("a", "ary"), ("ic", "ical"),
                    ("osis", "otic"), ("us", "i"), ("um", "a"), ("y", "ic"))


def _another_form(heard: str, term: str) -> bool:
    """The heard word and the term are two forms of one stem ("pylori" / "pyloric", "Listeria" / "Listerial",
    "eclamptic" / "eclampsia"): the speaker chose a form, and the lexicon may not hold it. Only the sibling
    endings above count, so a slip in a drug's last letters ("metformine", "amiodarome") is still a slip."""
    for x, y in _SIBLING_ENDINGS:
        for one, other in ((x, y), (y, x)):
            if heard.endswith(one) and term.endswith(other):
                a, b = heard[: len(heard) - len(one)], term[: len(term) - len(other)]
                # the same stem, or one whose last letter the speaker's form changes ("eclampt-ic", "eclamps-ia")
                if len(a) >= 4 and (a == b or (len(a) == len(b) and a[:-1] == b[:-1])):
                    return True
    return False


def _styled(form: str, original: str, context: bool) -> str:
    if context:
        return form
    first = original.lstrip()[:1]
    return form[:1].upper() + form[1:] if first.isupper() else form


@dataclass(frozen=True)
class RunOptions:
    """A run of low-probability words [first, last] and the lexicon terms it may be, best lexical score first:
    (score, context term?, the term as it would be written)."""

    first: int
    last: int
    original: str
    options: tuple[tuple[float, bool, str], ...]


def run_options(words: Sequence[Word], lexicon: Lexicon, settings: CorrectionSettings, *,
                limit: int = 1, both_forms: bool = False) -> list[RunOptions]:
    """Every run of 1-`max_words` words that passes the guards, with up to `limit` terms scoring at least the
    settings' thresholds; with `both_forms`, a term's singular and plural are both offered (for the audio to
    choose: "Metaprollis" is "Metoprolol is")."""
    runs: list[RunOptions] = []
    texts = [w.text.strip() for w in words]
    siblings: dict[int, bool] = {}

    def said_right(k: int) -> bool:
        """Word k, a rare word, is another form of a lexicon term near it ("pylori" of "pyloric")."""
        if k not in siblings:
            key = squash(texts[k])
            siblings[k] = len(key) >= 5 and lexicon.rank(texts[k]) > settings.common_rank and any(
                _another_form(key, t.key) for t in lexicon.candidates(key, _codes(key)[0], main=True))
        return siblings[k]

    for i in range(len(words)):
        for n in range(1, settings.max_words + 1):
            run = list(range(i, min(i + n, len(words))))
            if len(run) < n:
                break
            probs = [words[k].probability for k in run]
            if max(probs) >= settings.high_probability:
                break  # a longer run would hold the same confident word
            if sum(probs) / n >= settings.probability_gate:
                continue
            tokens = [t for k in run for t in _TOKEN.findall(texts[k])]
            if len(tokens) != n or any(lexicon.is_term(t) and len(squash(t)) >= MIN_TERM_LETTERS for t in tokens):
                continue
            if any(t.isupper() and 2 <= len(t) <= 5 for t in tokens):
                continue  # letters heard one by one ("so the INR"): an abbreviation, said as written
            if any(squash(t) in lexicon.words and lexicon.rank(t) > settings.common_rank for t in tokens):
                continue  # a rare word medical terms are made of is a medical word said right ("stenosis")
            key = squash(" ".join(tokens))
            if len(key) < 4 or lexicon.is_term(key):
                continue
            all_common = lexicon.all_common(" ".join(tokens), settings.common_rank)
            stem = key[:-1] if key.endswith("s") else key
            codes = _codes(key)
            original = " ".join(texts[k] for k in run)
            scored: dict[str, list[tuple[float, bool, str]]] = {}
            if any(said_right(k) for k in run):
                continue  # a word of the run is another form of a term: it was said right, no term replaces it
            for term in lexicon.candidates(key, codes[0], main=not all_common):
                if len(term.key) < settings.min_letters or not 0.7 <= len(key) / max(1, len(term.key)) <= 1.4:
                    continue
                if not term.context:
                    if _inside(stem, term.key) or _inside(key, term.key):
                        continue  # "statins" is not "nystatins", "hemolysis" not "hemodialysis": another word
                    if all(lexicon.rank(t) <= settings.common_rank for t in term.text.split()):
                        continue
                forms = _forms(key, codes, term, settings.phonetic_weight)
                need = settings.context_threshold if term.context else settings.threshold
                if forms[0][0] < need:
                    continue
                bonus = settings.context_bonus if term.context else 0.0
                styled = [(score + bonus, term.context, _styled(form, original, term.context))
                          for score, form in (forms if both_forms else forms[:1])]
                if term.key not in scored or (styled[0][0], term.context) > scored[term.key][0][:2]:
                    scored[term.key] = styled
            if scored:
                best = sorted(scored.values(), key=lambda o: (-o[0][0], not o[0][1], o[0][2]))[:limit]
                runs.append(RunOptions(i, run[-1], original, tuple(form for forms_ in best for form in forms_)))
    return runs


def non_overlapping(found: Sequence[tuple[float, Correction]]) -> list[Correction]:
    """The corrections that do not overlap, the better key first (then context terms, then the earlier run)."""
    ordered = sorted(found, key=lambda f: (-f[0], not f[1].context, f[1].first))
    taken: set[int] = set()
    chosen: list[Correction] = []
    for _key, correction in ordered:
        span = set(range(correction.first, correction.last + 1))
        if span & taken:
            continue
        taken |= span
        chosen.append(correction)
    return sorted(chosen, key=lambda c: c.first)


def find_corrections(words: Sequence[Word], lexicon: Lexicon, settings: CorrectionSettings) -> list[Correction]:
    """The non-overlapping corrections for `words` by lexical score alone, best score first when runs overlap."""
    found = []
    for run in run_options(words, lexicon, settings):
        score, context, term = run.options[0]
        found.append((score, Correction(run.first, run.last, run.original, term, score, context)))
    return non_overlapping(found)


def apply_corrections(words: Sequence[Word], corrections: Sequence[Correction]) -> list[Word]:
    """`words` with each corrected run merged into one word that keeps the original text in `corrected_from`."""
    out: list[Word] = []
    by_first = {c.first: c for c in corrections}
    i = 0
    while i < len(words):
        c = by_first.get(i)
        if c is None:
            out.append(words[i])
            i += 1
            continue
        run = words[c.first:c.last + 1]
        lead = run[0].text[: len(run[0].text) - len(run[0].text.lstrip())]
        tail = re.search(r"[^A-Za-z']*$", run[-1].text.rstrip())
        punct = tail.group(0) if tail else ""
        probability = sum(w.probability for w in run) / len(run)
        out.append(replace(run[0], text=lead + c.term + punct, end=run[-1].end, probability=probability,
                           corrected_from="".join(w.text for w in run).strip()))
        i = c.last + 1
    return out


def correct_words(words: Sequence[Word], lexicon: Lexicon, context: Iterable[str] = (),
                  settings: CorrectionSettings | None = None) -> tuple[list[Word], list[Correction]]:
    """Corrected words and what was corrected (the original stays in each corrected word's `corrected_from`)."""
    settings = settings or CorrectionSettings()
    full = lexicon.with_context(context)
    corrections = find_corrections(words, full, settings)
    return apply_corrections(words, corrections), corrections


@functools.cache
def default_lexicon() -> Lexicon:
    """The shipped lexicon: resources/lexicon/medical_terms.txt plus the app's medical vocabulary; read once per
    process (0.3 s: 13k terms and their phonetic codes), not once per clip. Never mutated: context terms make a new
    Lexicon (`with_context`)."""
    from studycompanion.paths import resources_dir

    root = resources_dir()
    return load_lexicon((root / "lexicon" / "medical_terms.txt", root / "medical_vocab.txt"),
                        root / "lexicon" / "common_english.txt")
