"""Reshaping scored sentences into points: a question joined with its answer, a continuation with what it
continues (or its pronoun resolved), a sentence of two facts split into its clauses.

Part of the key-point extractor (core/cards/keypoints.py); local and deterministic.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from studycompanion.core.cards import rules
from studycompanion.core.cards.lexicon import Lexicon
from studycompanion.core.cards.scoring import MIN_SCORE, is_point, score_text
from studycompanion.core.cards.sentences import Sentence
from studycompanion.core.types import Word

MERGE_MAX_WORDS = 50
_PRONOUN_START = frozenset(
    {"it", "it's", "its", "this", "that", "that's", "they", "they're", "these", "which"}
)


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
                and bool(prev.features.terms or _ASKS_FOR.search(prev.text.lower()))
                and s.features.form is rules.Form.STATEMENT
                and bool(s.features.terms)
                and s.start - prev.end < 2.5
            )
            continuation = _first_word(s) in _PRONOUN_START or s.words[0].text[:1].islower()
            continuation = continuation and bool(s.features.terms or rules.BARE_NUMBER.search(s.text))
            continuation = continuation and prev.features.form is rules.Form.STATEMENT
            continuation = continuation and s.features.form is not rules.Form.QUESTION  # "Which mnemonic ...?"
            if continuation and not question and is_point(prev, MIN_SCORE):
                resolved = resolve_pronoun(s, prev, vocab, salient)
                if resolved is not None:  # "It's caused by thiamine deficiency." -> its own fact, named
                    out.append(resolved)
                    continue
            stem = prev.features.case and not s.features.case  # "That colicky pattern ..., think X." after a stem
            if fits and (question or (continuation and not prev.features.intro and not stem)):
                merged = Sentence(prev.words + s.words)
                merged.features = _answered(prev, s, vocab, salient) if question else score_text(
                    merged.text, vocab, salient=salient
                )
                out[-1] = merged
                continue
        out.append(s)
    return out


# What a question about a case asks for ("What is the diagnosis?"): no cue of its own for the answer to pair with.
_ASKED_FOR = frozenset({"diagnosis", "treatment", "management", "answer", "cause", "test", "investigation", "drug"})
# A question that names no term but asks for one ("And what's the treatment?"): its answer answers it.
# What such a question asks for when it asks for a rule, not for this patient's diagnosis or cause (the case's
# answer, context in a vignette).
_RULE_ASKED = r"treatment|antidote|drug of choice|first[- ]line|next step|management|mechanism"
_ASKS_FOR = re.compile(
    rf"^((and|so|okay|ok|now)[, ]+)*((what'?s|what is|what are) the ({_RULE_ASKED}|diagnosis|cause)\b|"
    r"(what|which) (\w+ )?(means|tells you|shows|suggests|indicates)\b)"  # "And what means a past infection?"
)
_ASKS_FOR_NO_CASE = re.compile(rf"\bthe ({_RULE_ASKED})\b")
_OF_A_PATIENT = re.compile(r"\b(she|he|her|his|him|they|their|them|this (patient|child|baby|man|woman)|the patient)\b")
_WH_LEAD = re.compile(r"^((and|so|okay|ok|now)[, ]+)*(what|what's|which|who|how|why|when|where)\b")


def _answered(question: Sentence, answer: Sentence, vocab: frozenset[str], salient: frozenset[str]) -> rules.Features:
    """A teaching question and its answer scored as one point. The answer carries the fact ("What reverses
    heparin? Protamine."); a bare cue and its answer ("Heparin? Protamine sulfate.") are read as the pair they are
    ("Heparin, protamine sulfate."). Either way a verbless answer is no title said aloud once a question named
    what it answers ("What's Charcot's triad? Fever, RUQ pain and jaundice.")."""
    alone = score_text(answer.text, vocab, salient=salient)
    cues = [t for t in question.features.terms if t.lower() not in _ASKED_FOR and t.lower() not in rules.META_TERMS]
    best = alone
    asks = (  # "Which drug causes X?" asks for a rule; "What is causing her chest pain?" for this patient's diagnosis
        "relation" in question.features.reasons
        and not question.features.case
        and not _OF_A_PATIENT.search(question.text.lower())
    )
    if cues and not _WH_LEAD.match(question.text.lower()):
        paired = score_text(re.sub(r"\?+$", ",", question.text.rstrip()) + " " + answer.text, vocab, salient=salient)
        if paired.score > alone.score and paired.form is rules.Form.STATEMENT and not (
            paired.filler or paired.case or paired.intro
        ):
            best = paired
    elif alone.intro and alone.terms and not rules.is_intro(answer.text.lower()) and (
        (cues and (len(alone.terms) >= 2 or asks)) or _ASKS_FOR_NO_CASE.search(question.text.lower())
    ):  # "And what's the treatment? Dexamethasone, a single dose.": the answer, not a title
        best.intro = False
        best.add(1.0, "")
        if asks:  # "Which drug causes gingival hyperplasia? Phenytoin.": the question holds the relation
            best.add(1.2, "relation")
    best.add(1.0, "question and answer")
    return best


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
    return resolved if is_point(resolved, MIN_SCORE) else None


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
        if alone and (is_point(clause, min_score) or clause.features.filler):
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
    if len(out) < 2 or not any(is_point(c, min_score) for c in out):
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
