"""Scoring a sentence: the rule features (terms, numbers, relations, cues, chatter) that make it a key point or not.

Part of the key-point extractor (core/cards/keypoints.py); local and deterministic.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from studycompanion.core.cards import rules
from studycompanion.core.cards.lexicon import Lexicon, default_lexicon, find_terms, is_listed, singular_form
from studycompanion.core.cards.sentences import Sentence

MIN_SCORE = 1.2  # below this a sentence is not worth a card (set on the tuning part: K vs C sentence scores)
SALIENT_RANK = 2500  # a word repeated in a clip and rarer than this in everyday English is the clip's subject

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
        for low in {singular_form(w.text.strip(".,;:!?()\"'").lower()) for w in s.words}:
            if len(low) < 5 or not low.isalpha() or low in rules.STOPWORDS or rules.is_number_word(low):
                continue
            if low in rules.NOT_MEDICAL or lexicon.rank.get(low, 10**9) < SALIENT_RANK:
                continue
            seen[low] = seen.get(low, 0) + 1
    return frozenset(w for w, n in seen.items() if n >= 2)


_NOT_EPONYM = frozenset({"The", "This", "That", "Their", "His", "Her", "Its", "Our", "Your", "My", "It's", "What's",
                         "Let's", "There's", "Here's", "Today's", "Everyone's", "Nobody's"})


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
    myth = rules.MYTH.match(lower)
    if myth and not rules.MYTH_ANSWER.search(lower, myth.end()):
        f.filler = True  # the misconception a clip knocks down: false by the clip's own word
        f.add(-10.0, "a myth the clip refutes")
        return f
    if rules.is_filler(lower) or f.form in _NOT_A_POINT:
        f.filler = True
        f.add(-10.0, "filler" if f.form is rules.Form.STATEMENT else f"filler ({f.form.value})")
        return f
    f.terms = find_terms(tokens, vocab)
    named = {t.lower() for t in f.terms}
    f.terms += [m.group(0) for m in rules.EPONYM.finditer(text) if m.group(0).lower() not in named
                and not any(m.group(0).lower() in t for t in named) and m.group(0).split()[0] not in _NOT_EPONYM]
    known = {w.lower() for t in f.terms for w in t.split()}
    bare_tokens = [t.strip(".,;:!?()\"'") for t in tokens]
    extra = rules.unique(
        b
        for b in bare_tokens
        if b.lower() not in known and (lexicon.technical(b) or singular_form(b.lower()) in salient)
    )
    listed = [t for t in extra if lexicon.medical_word(t) or singular_form(t.lower()) in salient]  # lexicon / clip
    rare = [t for t in extra if t not in listed]  # rare in English: a term the lists lack, or a mishearing
    in_vocab = [t for t in f.terms if is_listed(t, vocab, lexicon) or singular_form(t.lower()) in salient]
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
    letter = rules.MNEMONIC_LETTER.match(text.strip())
    speaker = lower.strip()[letter.end():] if letter else lower  # "I is type three": the letter I, not the speaker
    if letter and re.fullmatch(r"[A-Z0-9-]{3,}[.!]?", text.strip()[letter.end():].strip()):
        letter = None  # "M is MUDPILES.": the mnemonic's name, not one of its letters
    if letter and f.terms:
        mnemonic = True
        f.add(1.5, "mnemonic letter")
    if f.terms and rules.CONTRAST.search(lower):
        f.add(0.4, "contrast")
    if f.terms and rules.NEGATION.search(lower) and not rules.HEDGE.search(lower):
        f.add(0.6, "negation")
    if any(find_terms([word], vocab) for _, word in rules.LAB_FINDING.findall(lower)):
        f.add(0.6, "finding")
    if rules.FIRST_PERSON.search(speaker):
        f.add(-1.2, "")
    if f.form is rules.Form.NARRATIVE:
        f.add(-1.5, "")
        if not (relations and f.terms):
            f.filler = True  # vlog chatter: "today we scrubbed in on an appendectomy"
    if rules.FIRST_PERSON_SINGULAR.search(speaker) and not (relations and len(f.terms) >= 2) and not mnemonic:
        f.filler = True  # "I failed pharmacology twice": a story about the speaker, not a fact
    if rules.HEDGE.search(lower):
        f.add(-0.8, "")
    meta = rules.META_TALK.search(lower) or rules.EVALUATIVE.search(lower)
    if rules.is_intro(lower) or (meta and not relations and not doses):
        f.intro = True  # on topic, about the topic ("comes up on every exam"), never a fact itself
        f.add(-1.5, "")
    enumeration = rules.count_list_items(text) >= 3 and bool(f.terms)  # "Tone, trauma, tissue and thrombin."
    ordered = bool(rules.IMPERATIVE.search(lower))  # "Clozapine, check the neutrophil count every week."
    if not _pairing(tokens, f.terms) and not enumeration and not ordered and rules.topic_announcement(
            _punctless(lower)):
        f.intro = True  # "Nephrotic versus nephritic.": a title said aloud
        f.add(-1.0, "")
    elif not f.intro and not enumeration and (
        rules.MNEMONIC_TITLE.search(text.strip()) or _titled(text, vocab, lexicon, salient)
    ):
        f.intro = True  # "Status epilepticus, bedside version.", "TB treatment is RIPE.": a title and its chatter
        f.add(-1.0, "")
    if f.form is rules.Form.QUESTION:
        f.add(-1.0, "")
    if rules.CASE_STEM.match(numeric) or (rules.CASE_OPENING.match(lower) and not rules.CASE_RULE.search(lower)):
        f.case = True  # "a 19 year old comes in wheezing": the stem of a case, not its fact
        f.add(-1.5, "")
    elif rules.CASE_DETAIL.match(lower):
        f.add(-1.5, "")  # "her labs show iron deficiency anemia": this patient's finding, not a rule
        f.case = not rules.CASE_ACTION.search(lower)  # "she needs IV thiamine" still teaches what to do
    if len(tokens) < 5 and not _pairing(tokens, f.terms) and not letter:
        f.add(-1.0, "")
    if not f.terms:  # a number said with a timing or a threshold is a fact even with no term ("smiles at 6 weeks")
        valued = rules.TIMING.search(numeric) or rules.THRESHOLD.search(numeric) or rules.VALUE.search(numeric)
        f.add(-0.5 if doses and valued else -1.0, "")
    return f


def _punctless(lower: str) -> str:
    return re.sub(r"[^\w' -]+", " ", lower).strip()


_CLAUSE_OPENERS = frozenset({"think", "add", "once", "unless", "while", "after", "before", "because", "since"})
_TITLE_OPENERS = frozenset({"the", "a", "an", "okay", "ok"})


def _titled(text: str, vocab: frozenset[str], lexicon: Lexicon, salient: frozenset[str]) -> bool:
    """A title said aloud with chatter behind it ("Croup vs epiglottitis, do not mix them up.", "Antidotes,
    quickfire, go."): a short verbless head before the first comma, and after it no term, relation or number."""
    head, comma, tail = text.partition(",")
    words = _punctless(head.lower()).split()
    if not comma or not tail.strip() or not 1 <= len(words) <= 5 or not rules.topic_announcement(" ".join(words)):
        return False
    if words[0] in _CLAUSE_OPENERS or (words[0] in rules.STOPWORDS and words[0] not in _TITLE_OPENERS):
        return False  # "If you add hypotension and confusion, ...", "Think carbon monoxide, ...": a clause, no title
    low = tail.lower()
    if rules.RELATION.search(low) or rules.BARE_NUMBER.search(rules.numerals(low)) or rules.IMPERATIVE.match(
            low.strip()):
        return False  # "..., check the neutrophil count every week.": what to do about it, no chatter
    rest = score_text(tail.strip(), vocab, lexicon, salient)
    named = [t.lower() for t in rest.terms if t not in rest.unlisted]  # a rare word alone ("quickfire") is no term
    return not [t for t in named if t not in rules.META_TERMS and t not in rules.GENERIC_TERMS and
                not t.endswith("ology")]  # "..., the rheumatology version": the specialty is no term of a fact


def _pairing(tokens: Sequence[str], terms: Sequence[str]) -> bool:
    """A rapid-fire pair ("Opioids, naloxone.", "Iron overdose, deferoxamine."): short, but made of terms."""
    named = [t for t in terms if t.lower() not in rules.META_TERMS and t.lower() not in rules.GENERIC_TERMS]
    covered = sum(len(t.split()) for t in named)
    paired = any(t.endswith((",", ":", ";")) for t in tokens[:-1])  # "X, Y": a cue and its answer
    return paired and len(named) >= 2 and covered * 2 >= len(tokens)


def is_point(s: Sentence, min_score: float) -> bool:
    f = s.features
    return (
        f.score >= min_score and not f.filler and not f.intro and not f.case and f.form is not rules.Form.QUESTION
    )
