"""Transcript -> ranked key points: sentences on word timestamps, scored for what a medical student cards.

Local and deterministic: the same transcript always gives the same key points with the same keys.
"""

from __future__ import annotations

import hashlib
import itertools
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from studycompanion.core.cards import rules
from studycompanion.core.transcribe.vocab import load_vocabulary
from studycompanion.core.types import KeyPoint, Segment, Word
from studycompanion.paths import resources_dir

MIN_SCORE = 1.2  # below this a sentence is not worth a card (set on the tuning part: K vs C sentence scores)
COMMON_RANK = 4000  # a lexicon word this frequent in everyday English ("water", "wife") is not a medical term
SALIENT_RANK = 2500  # a word repeated in a clip and rarer than this in everyday English is the clip's subject
RARE_RANK = 30000  # a word rarer than this (or unknown) in everyday English is technical: a term or a mishearing
PAUSE_SPLIT = 1.2  # seconds of silence that end a sentence even without punctuation
MAX_WORDS = 60  # a longer run of words is cut at its next comma
MERGE_MAX_WORDS = 50
_ABBREVIATIONS = frozenset(
    {"dr", "mr", "mrs", "ms", "prof", "st", "vs", "e.g", "i.e", "etc", "approx", "no", "fig"}
)
_PRONOUN_START = frozenset(
    {"it", "it's", "its", "this", "that", "that's", "they", "they're", "these", "which"}
)


@dataclass
class Sentence:
    """A sentence of the transcript with its timing and what the rules found in it."""

    words: list[Word]
    features: rules.Features = field(default_factory=rules.Features)

    @property
    def start(self) -> float:
        return self.words[0].start

    @property
    def end(self) -> float:
        return self.words[-1].end

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


# --- vocabulary ------------------------------------------------------------------------------------


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
        return low in self.medical or _singular(low) in self.medical

    def technical(self, word: str) -> bool:
        """A word a student would card: in the medical lexicon, or rare in everyday English."""
        low = word.strip(".,;:!?()\"'").lower()
        if len(low) < 4 or not low.replace("-", "").isalpha() or low in rules.STOPWORDS or rules.is_number_word(low):
            return False
        if low in self.medical or _singular(low) in self.medical:
            return True
        if not self.rank:
            return False
        r = min(self.rank.get(low, 10**9), self.rank.get(_singular(low), 10**9))
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


def _listed(term: str, vocab: frozenset[str], lexicon: Lexicon) -> bool:
    """A term the vocabulary or the drug / disease lexicon lists (not only a medical-looking shape)."""
    low = term.lower()
    if low in vocab or _singular(low) in vocab or low in lexicon.phrases:
        return True
    return " " not in low and lexicon.medical_word(low)


def _singular(word: str) -> str:
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
            singular = " ".join([*gram[:-1], _singular(gram[-1])])
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


# --- sentences -------------------------------------------------------------------------------------


def _words_of(segments: Sequence[Segment]) -> list[Word]:
    """All words with clean text; a segment without word timings gets evenly spread ones.

    Whisper marks a new word with a leading space; a piece without one ("non" + "-selective") is
    joined to the word before it, when the segment's words carry those spaces at all."""
    out: list[Word] = []
    for seg in segments:
        words = seg.words
        if not words:
            tokens = seg.text.split()
            step = (seg.end - seg.start) / max(len(tokens), 1)
            words = [Word(seg.start + i * step, seg.start + (i + 1) * step, t) for i, t in enumerate(tokens)]
        spaced = sum(w.text[:1].isspace() for w in words) * 2 >= len(words)
        for i, w in enumerate(words):
            text = w.text.strip()
            if not text:
                continue
            if spaced and i > 0 and out and not w.text[:1].isspace():
                prev = out[-1]
                out[-1] = Word(
                    prev.start, max(w.end, prev.end), prev.text + text, min(prev.probability, w.probability),
                    prev.corrected_from or w.corrected_from,
                )
                continue
            out.append(Word(w.start, max(w.end, w.start), text, w.probability, w.corrected_from))  # what was heard too
    return out


def _ends_sentence(word: Word, nxt: Word | None) -> bool:
    if not re.search(r"[.!?][\"')\]]*$", word.text):
        return False
    if nxt is None:
        return True
    bare = word.text.rstrip(".!?\"')]").lower()
    if word.text.endswith(".") and (bare in _ABBREVIATIONS or (len(bare) == 1 and bare.isalpha())):
        return not nxt.text[:1].islower() and bare not in _ABBREVIATIONS
    return True


def split_sentences(segments: Sequence[Segment]) -> list[Sentence]:
    """Sentences from punctuation, long pauses and (for run-on speech) commas past MAX_WORDS."""
    words = _words_of(segments)
    sentences: list[Sentence] = []
    current: list[Word] = []
    for i, word in enumerate(words):
        current.append(word)
        nxt = words[i + 1] if i + 1 < len(words) else None
        pause = nxt is not None and nxt.start - word.end >= PAUSE_SPLIT
        too_long = len(current) >= MAX_WORDS and word.text.endswith(",")
        if nxt is None or _ends_sentence(word, nxt) or pause or too_long:
            sentences.append(Sentence(current))
            current = []
    return sentences


# --- trimming ------------------------------------------------------------------------------------


def _clauses(words: list[Word]) -> list[list[Word]]:
    """The words cut after each comma, colon or semicolon."""
    out: list[list[Word]] = [[]]
    for w in words:
        out[-1].append(w)
        if w.text.endswith((",", ":", ";")):
            out.append([])
    return [c for c in out if c]


def _clause_is_chatter(words: list[Word], vocab: frozenset[str], leading: bool) -> bool:
    text = " ".join(w.text for w in words).strip(" ,;:")
    if find_terms(text.split(), vocab):
        return False
    lower = text.lower()
    if leading and rules.LEAD_IN.match(lower):
        return True
    return rules.sentence_form(text) is not rules.Form.STATEMENT or rules.is_filler(lower)


def trim(sentence: Sentence, vocab: frozenset[str]) -> Sentence:
    """The sentence without a greeting or discourse marker in front ("Hey guys, ...", "Fun fact, ...") and
    without a call to action behind ("..., save this for later"); whole when nothing is left."""
    parts = _clauses(sentence.words)
    while len(parts) > 1 and _clause_is_chatter(parts[0], vocab, leading=True):
        parts = parts[1:]
    while len(parts) > 1 and _clause_is_chatter(parts[-1], vocab, leading=False):
        parts = parts[:-1]
    words = [w for c in parts for w in c]
    if len(words) == len(sentence.words) or len(words) < 3 or not find_terms([w.text for w in words], vocab):
        return sentence  # nothing to cut, or nothing of substance left: the sentence is judged whole
    last = words[-1]
    if last.text.endswith((",", ";", ":")):
        words[-1] = Word(last.start, last.end, last.text.rstrip(",;:") + ".", last.probability)
    first = words[0]
    if first.text[:1].islower():  # a sentence of its own now, not a continuation of the one before
        words[0] = Word(first.start, first.end, first.text[:1].upper() + first.text[1:], first.probability)
    return Sentence(words)


# --- scoring ---------------------------------------------------------------------------------------

_NOT_A_POINT = frozenset(
    {rules.Form.GREETING, rules.Form.CALL_TO_ACTION, rules.Form.SPONSOR, rules.Form.PROMPT}
)


def salient_words(sentences: Sequence[Sentence], lexicon: Lexicon) -> frozenset[str]:
    """The clip's own subject words: uncommon in everyday English and said in two or more sentences of substance
    ("sensitivity", "prevalence", "capacity" in a biostatistics or ethics clip that names no drug)."""
    seen: dict[str, int] = {}
    for s in sentences:
        if s.features.filler:
            continue
        for low in {_singular(w.text.strip(".,;:!?()\"'").lower()) for w in s.words}:
            if len(low) < 5 or not low.isalpha() or low in rules.STOPWORDS or rules.is_number_word(low):
                continue
            if low in rules.NOT_MEDICAL or lexicon.rank.get(low, 10**9) < SALIENT_RANK:
                continue
            seen[low] = seen.get(low, 0) + 1
    return frozenset(w for w, n in seen.items() if n >= 2)


def score_text(
    text: str, vocab: frozenset[str], lexicon: Lexicon | None = None, salient: frozenset[str] = frozenset()
) -> rules.Features:
    """The rule-based score of one sentence (or merged sentences) and why; `salient` are the clip's own subject
    words (see salient_words), counted as terms."""
    lexicon = default_lexicon() if lexicon is None else lexicon
    f = rules.Features()
    lower = text.lower()
    tokens = text.split()
    f.form = rules.sentence_form(text)
    if rules.is_filler(lower) or f.form in _NOT_A_POINT:
        f.filler = True
        f.add(-10.0, "filler" if f.form is rules.Form.STATEMENT else f"filler ({f.form.value})")
        return f
    f.terms = find_terms(tokens, vocab)
    known = {w.lower() for t in f.terms for w in t.split()}
    bare_tokens = [t.strip(".,;:!?()\"'") for t in tokens]
    extra = rules.unique(
        b
        for b in bare_tokens
        if b.lower() not in known and (lexicon.technical(b) or _singular(b.lower()) in salient)
    )
    listed = [t for t in extra if lexicon.medical_word(t) or _singular(t.lower()) in salient]  # lexicon / clip
    rare = [t for t in extra if t not in listed]  # rare in English: a term the lists lack, or a mishearing
    in_vocab = [t for t in f.terms if _listed(t, vocab, lexicon) or _singular(t.lower()) in salient]
    shaped = [t for t in f.terms if t not in in_vocab]
    f.terms = f.terms + extra
    f.unlisted = rare
    f.add(min(len(in_vocab) + len(listed), 3) * 1.0, "terms: " + ", ".join(f.terms[:4]) if f.terms else "")
    f.add(min(len(shaped) + len(rare), 3) * 0.5, "")
    numeric = rules.numerals(lower)
    doses = rules.DOSE.findall(numeric)
    if doses:
        f.add(1.2, "dose / number")
    if rules.TIMING.search(numeric):
        f.add(0.8, "timing")
    if rules.RANGE.search(numeric):
        f.add(0.6, "range")
    if rules.THRESHOLD.search(numeric):
        f.add(0.8, "threshold")
    elif not doses and rules.BARE_NUMBER.search(text):
        f.add(0.3, "")
    relations = rules.RELATION.findall(lower) + rules.IMPERATIVE.findall(lower)
    if relations:
        f.add(1.2 + (0.4 if len(relations) > 1 else 0.0), "relation")
    m = rules.DEFINITION.match(text.strip())
    subject = m.group("term").split() if m else []
    if m and (find_terms(subject, vocab) or any(lexicon.technical(w) for w in subject)):
        f.definition = True
        f.add(0.8, "definition")
    if rules.EMPHASIS.search(lower):
        f.add(0.8, "high-yield cue")
    if rules.LIST_CUE.search(lower) or rules.count_list_items(text) >= 3:
        f.add(0.6, "list")
    mnemonic = bool(rules.MNEMONIC.search(lower))
    if mnemonic:
        f.add(0.8, "mnemonic")
    if f.terms and rules.CONTRAST.search(lower):
        f.add(0.4, "contrast")
    if any(find_terms([word], vocab) for _, word in rules.LAB_FINDING.findall(lower)):
        f.add(0.6, "finding")
    if rules.FIRST_PERSON.search(lower):
        f.add(-1.2, "")
    if f.form is rules.Form.NARRATIVE:
        f.add(-1.5, "")
        if not (relations and f.terms):
            f.filler = True  # vlog chatter: "today we scrubbed in on an appendectomy"
    if rules.FIRST_PERSON_SINGULAR.search(lower) and not (relations and len(f.terms) >= 2) and not mnemonic:
        f.filler = True  # "I failed pharmacology twice": a story about the speaker, not a fact
    if rules.HEDGE.search(lower):
        f.add(-0.8, "")
    meta = rules.META_TALK.search(lower) or rules.EVALUATIVE.search(lower)
    if rules.is_intro(lower) or (meta and not relations and not doses):
        f.intro = True  # on topic, about the topic ("comes up on every exam"), never a fact itself
        f.add(-1.5, "")
    if not _pairing(tokens, f.terms) and rules.topic_announcement(re.sub(r"[^\w' -]+", " ", lower).strip()):
        f.intro = True  # "Nephrotic versus nephritic.": a title said aloud
        f.add(-1.0, "")
    if f.form is rules.Form.QUESTION:
        f.add(-1.0, "")
    if rules.CASE_STEM.match(numeric):
        f.case = True  # "a 19 year old comes in wheezing": the stem of a case, not its fact
        f.add(-1.5, "")
    elif rules.CASE_DETAIL.match(lower):
        f.add(-1.5, "")  # "her labs show iron deficiency anemia": this patient's finding, not a rule
        f.case = not rules.CASE_ACTION.search(lower)  # "she needs IV thiamine" still teaches what to do
    if len(tokens) < 5 and not _pairing(tokens, f.terms):
        f.add(-1.0, "")
    if not f.terms:  # a number said with a timing or a threshold is a fact even with no term ("smiles at 6 weeks")
        valued = rules.TIMING.search(numeric) or rules.THRESHOLD.search(numeric) or rules.VALUE.search(numeric)
        f.add(-0.5 if doses and valued else -1.0, "")
    return f


def _pairing(tokens: Sequence[str], terms: Sequence[str]) -> bool:
    """A rapid-fire pair ("Opioids, naloxone.", "Iron overdose, deferoxamine."): short, but made of terms."""
    named = [t for t in terms if t.lower() not in rules.META_TERMS and t.lower() not in rules.GENERIC_TERMS]
    covered = sum(len(t.split()) for t in named)
    paired = any(t.endswith((",", ":", ";")) for t in tokens[:-1])  # "X, Y": a cue and its answer
    return paired and len(named) >= 2 and covered * 2 >= len(tokens)


# --- merging ---------------------------------------------------------------------------------------


def _first_word(s: Sentence) -> str:
    return s.words[0].text.strip(",.").lower()


def merge_fragments(
    sentences: list[Sentence], vocab: frozenset[str], salient: frozenset[str] = frozenset()
) -> list[Sentence]:
    """Join a teaching question with its answer, a pronoun-led or lower-case continuation with what it continues.

    A question joins only when it names a medical term and is asked of the audience (not of a patient), and
    only with an answer that is itself a statement naming a term."""
    out: list[Sentence] = []
    for s in sentences:
        prev = out[-1] if out else None
        if prev is not None and not prev.features.filler and not s.features.filler:
            fits = len(prev.words) + len(s.words) <= MERGE_MAX_WORDS
            question = (
                prev.features.form is rules.Form.QUESTION
                and bool(prev.features.terms)
                and s.features.form is rules.Form.STATEMENT
                and bool(s.features.terms)
                and s.start - prev.end < 2.5
            )
            continuation = _first_word(s) in _PRONOUN_START or s.words[0].text[:1].islower()
            continuation = continuation and bool(s.features.terms or rules.BARE_NUMBER.search(s.text))
            continuation = continuation and prev.features.form is rules.Form.STATEMENT
            if continuation and not question and _is_point(prev, MIN_SCORE):
                resolved = resolve_pronoun(s, prev, vocab, salient)
                if resolved is not None:  # "It's caused by thiamine deficiency." -> its own fact, named
                    out.append(resolved)
                    continue
            if fits and (question or (continuation and not prev.features.intro)):
                merged = Sentence(prev.words + s.words)
                merged.features = score_text(merged.text, vocab, salient=salient)
                if question:
                    merged.features = score_text(s.text, vocab, salient=salient)  # the answer carries the fact
                    merged.features.add(1.0, "question and answer")
                out[-1] = merged
                continue
        out.append(s)
    return out


_SUBJECT_PRONOUNS = {"it": ("", False), "it's": (" is", False), "they": ("", True), "they're": (" are", True)}


def _subject(sentence: Sentence) -> str:
    """The term a sentence is about when it opens with it, up to its verb ("Clozapine is ...", "Serotonin
    syndrome comes on fast ..."), else ""."""
    tokens = [w.text for w in sentence.words]
    if tokens and tokens[0].lower() in {"the", "a", "an"}:
        tokens = tokens[1:]
    subject: list[str] = []
    for tok in tokens[:5]:
        bare = tok.strip(".,;:!?()\"'")
        if rules.has_verb(bare.lower()) or bare.lower() in rules.STOPWORDS:
            break
        subject.append(bare)
        if tok != bare:  # punctuation ends the noun phrase
            subject = []
            break
    phrase = " ".join(subject)
    low = phrase.lower()
    if not 1 <= len(subject) <= 4 or low in rules.GENERIC_TERMS or low in rules.META_TERMS:
        return ""
    named = [t.lower() for t in sentence.features.terms if t not in sentence.features.unlisted]
    return phrase if any(low.endswith(t) for t in named) else ""


def _looks_plural(phrase: str) -> bool:
    """"SSRIs", "loop diuretics" are plural; "sarcoidosis", "herpes", "Graves' disease" are not."""
    last = phrase.lower().split()[-1]
    return last.endswith("s") and not last.endswith(("ss", "us", "is", "es'", "s'", "pes", "ies'"))


def resolve_pronoun(
    s: Sentence, prev: Sentence, vocab: frozenset[str], salient: frozenset[str] = frozenset()
) -> Sentence | None:
    """A sentence led by "it" / "they" that makes a fact of its own, with the pronoun replaced by what the sentence
    before is about ("It's caused by thiamine deficiency." after "Wernicke encephalopathy is ..." becomes
    "Wernicke encephalopathy is caused by thiamine deficiency."); None when that is not safe."""
    lead = s.words[0].text.lower().strip(",")
    if lead not in _SUBJECT_PRONOUNS or len(s.words) < 4:
        return None
    subject = _subject(prev)
    tail, plural = _SUBJECT_PRONOUNS[lead]
    rest = " ".join(w.text.lower() for w in s.words[1:5])
    if tail and re.search(r"\b(is|are)\b", rest):
        return None  # "It's classic side effect is ...": whisper's "it's" for "its"
    if not subject or _looks_plural(subject) != plural:  # "they" needs a plural subject, "it" a singular
        return None
    first = s.words[0]
    words = [Word(first.start, first.end, subject[:1].upper() + subject[1:] + tail, first.probability), *s.words[1:]]
    resolved = Sentence(words)
    resolved.features = score_text(resolved.text, vocab, salient=salient)
    return resolved if _is_point(resolved, MIN_SCORE) else None


# --- clauses ---------------------------------------------------------------------------------------

# Words that open a second main clause after a comma or semicolon ("..., and case-control studies give ...").
# A contrast ("..., but ...", "..., whereas ...") stays whole: its two halves make one fact.
_CLAUSE_JOINERS = frozenset({"and", "plus", "also", "then"})


def _clause_cuts(words: Sequence[Word]) -> list[int]:
    """Where a second main clause may start: after ";", before ", and / plus / then ...", before "and also".

    A run-on's other commas are no cut: measured on the tuning and dev parts, whisper's comma pieces split facts
    apart more often than they shed chatter."""
    cuts = []
    for k in range(1, len(words)):
        prev = words[k - 1].text
        low = words[k].text.strip(",;:").lower()
        nxt = words[k + 1].text.strip(",;:").lower() if k + 1 < len(words) else ""
        comma_cut = prev.endswith(",") and low in _CLAUSE_JOINERS
        if prev.endswith(";") or comma_cut or (low == "and" and nxt == "also"):
            cuts.append(k)
    return cuts


def _clause_words(words: list[Word]) -> list[Word]:
    """A clause as a sentence of its own: its joining word dropped, a capital in front, a full stop behind."""
    while len(words) > 1 and (
        words[0].text.strip(",;:").lower() in _CLAUSE_JOINERS or words[0].text.lower() in {"so", "so,"}
    ):
        words = words[1:]
    first, last = words[0], words[-1]
    out = list(words)
    out[0] = Word(first.start, first.end, first.text[:1].upper() + first.text[1:], first.probability)
    if not re.search(r"[.!?]$", out[-1].text):
        out[-1] = Word(last.start, last.end, last.text.rstrip(",;:") + ".", last.probability)
    return out


def split_clauses(
    sentence: Sentence,
    vocab: frozenset[str],
    lexicon: Lexicon | None = None,
    salient: frozenset[str] = frozenset(),
    min_score: float = MIN_SCORE,
) -> list[Sentence]:
    """One sentence holding two facts as two key points: cut at "; ", ", and / plus / then" and "and also"
    when every piece stands alone (a statement of four words or more with a verb, not led by a pronoun, that
    scores as a point by itself) or is chatter that can be dropped. Otherwise the sentence stays whole."""
    cuts = _clause_cuts(sentence.words)
    if not cuts or sentence.features.filler:
        return [sentence]
    bounds = [0, *cuts, len(sentence.words)]
    pieces = [sentence.words[a:b] for a, b in itertools.pairwise(bounds)]
    out: list[Sentence] = []
    pending: list[Word] = []  # a fragment before any clause stood alone: it opens the next one
    for piece in pieces:
        raw = pending + piece
        words = _clause_words(raw)
        clause = Sentence(words)
        clause.features = score_text(clause.text, vocab, lexicon, salient)
        lead = words[0].text.strip(",;:").lower()
        alone = (
            len(words) >= 4
            and lead not in _PRONOUN_START
            and clause.features.form is rules.Form.STATEMENT
            and rules.has_verb(re.sub(r"[^\w' -]+", " ", clause.text.lower()))
        )
        pending = []
        if alone and (_is_point(clause, min_score) or clause.features.filler):
            out.append(clause)
        elif out and not out[-1].features.filler:  # not a clause of its own: it belongs to the one before
            out[-1] = _joined(out[-1], raw, sentence, vocab, lexicon, salient)
        else:
            pending = raw
    if pending:
        if not out:
            return [sentence]
        if out[-1].features.filler:
            tail = Sentence(_clause_words(pending))
            tail.features = score_text(tail.text, vocab, lexicon, salient)
            out.append(tail)
        else:
            out[-1] = _joined(out[-1], pending, sentence, vocab, lexicon, salient)
    if len(out) < 2 or not any(_is_point(c, min_score) for c in out):
        return [sentence]
    return out


def _joined(
    clause: Sentence,
    more: list[Word],
    sentence: Sentence,
    vocab: frozenset[str],
    lexicon: Lexicon | None,
    salient: frozenset[str],
) -> Sentence:
    """A clause with the words after it (as the sentence spelled them) joined on, scored again."""
    joined = Sentence([*clause.words[:-1], _restore(clause.words[-1], sentence), *more])
    joined.features = score_text(joined.text, vocab, lexicon, salient)
    return joined


def _restore(word: Word, sentence: Sentence) -> Word:
    """The word as the original sentence spelled it (before a clause's full stop was added)."""
    for w in sentence.words:
        if w.start == word.start and w.end == word.end:
            return w
    return word


# --- the extractor ---------------------------------------------------------------------------------


def keypoint_key(text: str, start: float) -> str:
    """A stable identity: the normalised sentence and its start second (same transcript, same key)."""
    norm = re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()
    return hashlib.sha1(f"{norm}|{round(start)}".encode()).hexdigest()[:12]


def target_count(duration: float) -> int:
    """How many key points a clip of this length may give: ~1 per 4 s, 2..12 (fact-dense lists need more)."""
    return max(2, min(12, math.ceil(duration / 4.0)))


def _is_point(s: Sentence, min_score: float) -> bool:
    f = s.features
    return (
        f.score >= min_score and not f.filler and not f.intro and not f.case and f.form is not rules.Form.QUESTION
    )


@dataclass
class Analysis:
    """What the extractor saw: the scored sentences (clauses once split), which are key points, and the cap."""

    sentences: list[Sentence]
    candidates: list[int]  # indexes of sentences good enough to be a key point, best first
    limit: int
    salient: frozenset[str] = frozenset()

    @property
    def chosen(self) -> list[int]:
        return sorted(self.candidates[: self.limit])


def analyse(
    segments: Sequence[Segment],
    vocab: frozenset[str] | None = None,
    max_points: int | None = None,
    min_score: float = MIN_SCORE,
) -> Analysis:
    """Sentences on word timestamps, trimmed, scored, merged and split into clauses; the candidates ranked."""
    vocab = default_vocabulary() if vocab is None else vocab
    sentences = [trim(s, vocab) for s in split_sentences(segments)]
    if not sentences:
        return Analysis([], [], 0)
    lexicon = default_lexicon()
    for s in sentences:
        s.features = score_text(s.text, vocab, lexicon)
    salient = salient_words(sentences, lexicon)
    if salient:
        for s in sentences:
            s.features = score_text(s.text, vocab, lexicon, salient)
    sentences = merge_fragments(sentences, vocab, salient)
    sentences = [c for s in sentences for c in split_clauses(s, vocab, lexicon, salient, min_score)]
    duration = sentences[-1].end - sentences[0].start
    limit = max_points if max_points is not None else target_count(duration)
    ranked = sorted(
        (i for i, s in enumerate(sentences) if _is_point(s, min_score)),
        key=lambda i: (-sentences[i].features.score, sentences[i].start),
    )
    return Analysis(sentences, ranked, limit, salient)


def extract_keypoints(
    segments: Sequence[Segment],
    vocab: frozenset[str] | None = None,
    max_points: int | None = None,
    min_score: float = MIN_SCORE,
) -> list[KeyPoint]:
    """Key points of a transcript in spoken order, each with its [start, end] span and context."""
    a = analyse(segments, vocab, max_points, min_score)
    sentences, chosen = a.sentences, a.chosen
    topic = clip_topic(sentences)
    points = []
    for i in chosen:
        s = sentences[i]
        points.append(
            KeyPoint(
                start=round(s.start, 3),
                end=round(s.end, 3),
                text=s.text,
                score=round(s.features.score, 3),
                key=keypoint_key(s.text, s.start),
                reasons=[r for r in s.features.reasons if r],
                context=_context(sentences, i, topic, set(chosen)),
            )
        )
    return points


# --- context (the card's Extra) --------------------------------------------------------------------


def clip_topic(sentences: Sequence[Sentence]) -> str:
    """The clip's topic: the term most sentences of substance name (ties: the one said first)."""
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    spelled: dict[str, str] = {}
    for n, s in enumerate(sentences):
        if s.features.filler:
            continue
        for term in {t.lower(): t for t in s.features.terms if t not in s.features.unlisted}.values():
            low = " ".join(_singular(w) for w in term.lower().split())  # "loop diuretics" = "loop diuretic"
            if low in rules.GENERIC_TERMS or low in rules.META_TERMS or low in rules.CORE_LEXICON:
                continue
            counts[low] = counts.get(low, 0) + (3 if s.features.intro else 1)  # an intro names the topic
            first.setdefault(low, n)
            spelled.setdefault(low, term)
    if not counts:
        return ""
    best = min(counts, key=lambda t: (-counts[t], first[t]))
    return spelled[best] if counts[best] >= 2 else ""


def _context(sentences: list[Sentence], i: int, topic: str, points: set[int]) -> str:
    """Useful context for the card's Extra: the sentence right after that explains this one ("that's why",
    "because", "so ..."), else a sentence that defines one of its terms, else the clip's topic. Never filler,
    questions, intros, or another key point (that one is a card of its own)."""
    point = sentences[i]
    own = {t.lower() for t in point.features.terms}

    def usable(j: int) -> bool:
        if not 0 <= j < len(sentences) or j == i or j in points:
            return False
        f = sentences[j].features
        return not f.filler and f.form is rules.Form.STATEMENT and not f.intro and len(sentences[j].words) >= 4

    nxt = i + 1
    if usable(nxt) and rules.EXPLANATION.search(sentences[nxt].text.lower()):
        return sentences[nxt].text
    for j in range(len(sentences)):
        if usable(j) and sentences[j].features.definition and own & {t.lower() for t in sentences[j].features.terms}:
            return sentences[j].text
    if topic and topic.lower() not in point.text.lower():
        return f"Topic: {topic}"
    return ""
