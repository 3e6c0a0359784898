"""The cue lexicon behind key-point scoring: sentence forms, fact relations, doses, emphasis, medical word shapes.

This module owns filler, intros and topic titles, the fact relations, and the Features a sentence is scored into.
Sentence forms (forms.py), number cues (number_cues.py) and the word lists and word shapes (wordlists.py) live
beside it and are re-exported here, so `rules.X` reaches every cue.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from studycompanion.core.cards.case_cues import CASE_ACTION, CASE_DETAIL, CASE_OPENING, CASE_RULE, CASE_STEM
from studycompanion.core.cards.forms import (
    CTA_PLACE,
    CTA_VERB,
    EVALUATIVE,
    FIRST_PERSON_SINGULAR,
    FIRST_PERSON_SUBJECT,
    GREETING,
    HEDGE,
    INVERTED_QUESTION,
    LEAD_IN,
    LIVED,
    META_TALK,
    PATIENT_TALK,
    SECOND_PERSON,
    SPONSOR,
    WH_QUESTION,
    Form,
    sentence_form,
)
from studycompanion.core.cards.number_cues import (
    BARE_NUMBER,
    DOSE,
    NUMBER,
    NUMBER_WORDS,
    RANGE,
    THRESHOLD,
    THRESHOLD_NUMBER,
    TIMING,
    UNIT,
    VALUE,
    is_number_word,
    numerals,
)
from studycompanion.core.cards.wordlists import (
    ACRONYM,
    CAPTION_ACRONYMS,
    CORE_LEXICON,
    CORE_PHRASES,
    GENERIC_TERMS,
    HEAD_NOUNS,
    LAB_FINDING,
    MEDICAL_ADJECTIVE,
    MEDICAL_PREFIX,
    MEDICAL_SUFFIX,
    META_TERMS,
    NOT_MEDICAL,
    NOT_NAME_START,
    ORGANISM,
    STOPWORDS,
    medical_shaped,
)

__all__ = [
    "ACRONYM",
    "BARE_NUMBER",
    "CAPTION_ACRONYMS",
    "CASE_ACTION",
    "CASE_DETAIL",
    "CASE_OPENING",
    "CASE_RULE",
    "CASE_STEM",
    "CONTRAST",
    "CORE_LEXICON",
    "CORE_PHRASES",
    "CTA_PLACE",
    "CTA_VERB",
    "DEFINITION",
    "DOSE",
    "EMPHASIS",
    "EPONYM",
    "EVALUATIVE",
    "EXPLANATION",
    "FILLER_PATTERNS",
    "FIRST_PERSON",
    "FIRST_PERSON_SINGULAR",
    "FIRST_PERSON_SUBJECT",
    "GENERIC_TERMS",
    "GREETING",
    "HEAD_NOUNS",
    "HEDGE",
    "IMPERATIVE",
    "INTRO_PATTERNS",
    "INVERTED_QUESTION",
    "LAB_FINDING",
    "LEAD_IN",
    "LIST_CUE",
    "LIST_HEAD",
    "LIVED",
    "MEDICAL_ADJECTIVE",
    "MEDICAL_PREFIX",
    "MEDICAL_SUFFIX",
    "META_TALK",
    "META_TERMS",
    "MNEMONIC",
    "MNEMONIC_LETTER",
    "MNEMONIC_TITLE",
    "MYTH",
    "MYTH_ANSWER",
    "NEGATION",
    "NOT_MEDICAL",
    "NOT_NAME_START",
    "NUMBER",
    "NUMBER_WORDS",
    "ORGANISM",
    "PATIENT_TALK",
    "RANGE",
    "RELATION",
    "SECOND_PERSON",
    "SPONSOR",
    "STOPWORDS",
    "SUPERLATIVE",
    "THRESHOLD",
    "THRESHOLD_NUMBER",
    "TIMING",
    "TOPIC_MAX_WORDS",
    "UNIT",
    "VALUE",
    "WH_QUESTION",
    "Features",
    "Form",
    "count_list_items",
    "has_verb",
    "is_filler",
    "is_intro",
    "is_number_word",
    "medical_shaped",
    "numerals",
    "sentence_form",
    "topic_announcement",
    "unique",
]


# --- filler: a sentence that matches one of these is never a key point -------------------------------
FILLER_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p)
    for p in (
        r"\bfollow (me |us |along )?(for|to see|if)\b",
        r"^(and )?(make sure to |don'?t forget to )?(like|follow|subscribe|share)\b",
        r"\b(like|follow),? (and|&) (save|share|subscribe|follow|comment)\b",
        r"\bsubscribe\b|\bhit the bell\b|\bsmash (that|the) like\b",
        r"\bsave (this|it)\b.*\b(for later|for your|and send|exam|study)\b|^(and )?save this\b",
        r"\b(share|send) (this|it) (with|to)\b",
        r"\btag (a|your) (friend|co|study)",
        r"\b(drop|leave) a comment\b|\bcomment (below|down|\w+ if)\b|\blet me know\b|\bin the comments\b",
        r"\blink in (my )?bio\b|\bin the description\b|\bplaylist\b",
        r"\bsponsored by\b|\bsponsor\b|\buse (my )?code\b|\bpercent off\b|\d+ ?% off\b|\bdiscount\b",
        r"^(hey|hi|hello|yo|what'?s up|what is up|what'?s going on|good morning)\b",
        r"\bwelcome (back|to)\b",
        r"\bthanks for watching\b|\bsee you (in|next|tomorrow|soon|guys)\b|\bbye\b",
        r"\bthat'?s (a wrap|all for)\b",
        r"^(okay |ok |so |alright )?(that'?s|that is|this is) (it|all)\b",
        r"\bpart (two|2|three|3)\b",
        r"\bstitch\b|\bduet\b",
        r"\bday in (the|my) life\b|\bdays in my life\b",
        r"\bif you'?re new here\b|\bi post\b",
        r"^(okay |ok |so )?stop scrolling\b",
    )
)

# A misconception said to be knocked down ("Myth: SPF 100 protects twice as much", "Myth number two, ..."): the
# claim is false, so it never becomes a card, unless the same sentence goes on to say the fact ("..., fact, ...").
MYTH = re.compile(r"^((okay|ok|so|and|next|now)[, ]+)?((a|the) (common|big|classic|popular|huge) )?"
                  r"(myth|misconception)s?( number \w+| (one|two|three|four|five|\d+))?\b[:,.]?")
MYTH_ANSWER = re.compile(r"\b(fact|truth|in reality|actually|but)\b")

# A sentence that explains the one before it: good Extra for that card.
EXPLANATION = re.compile(
    r"^(and |so |but )?(that'?s why|that is why|this is why|because|which (is why|means)|this means|that means|"
    r"the reason|so that|it (does|doesn'?t|works|just))\b"
)

# An intro or transition: on topic, never a fact ("today we're doing loop diuretics").
INTRO_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p)
    for p in (
        r"\btoday (we'?re|we are|i'?m|i am|let'?s)\b",
        r"\blet'?s (talk|do|go|get into|dive|start|look)\b",
        r"\b(quick|short) one\b",
        r"^(okay|ok|alright|so)[, ]+(so )?(now|next|let'?s)\b",
        r"\bthis (one )?(comes up|is asked)\b",
        r"\beveryone (dreads|hates|forgets)\b",
        r"\b(comes? up|shows? up|tested|asked|are|is)\b.*\b(on|in) (every|all|most|almost every)\b.*"
        r"\b(exams?|boards?|tests?|osces?|papers?|rotations?|wards?)\b",
        r"\blet'?s (fix|learn|nail|cover|break|go through|review|recap|run through|walk through|tackle)\b",
        r"^([\w-]+ ){0,2}(mnemonic|fact|tip|quiz|question|case|story|myth)s? time\b",  # "neuro mnemonic time"
        r"\bthis is your (update|reminder|sign|cue)\b",
        # "this one shows up every year", "this one saves kidneys", "let's settle this": about the clip, not the topic
        # ... unless the fact follows a colon ("This one shows up every year: the antidote for heparin is protamine.")
        r"\bthis one (comes up|shows up|is asked|saves|will save|trips|gets)\b(?!.*:)|"
        r"\blet'?s (settle|get started|begin)\b",
        # "Two orthopaedic things you'll use every shift", "Three things I wish I knew": a count of what comes next
        r"^((okay|ok|so|and|here are|here's)[, ]+)*(two|three|four|five|six|seven|2|3|4|5|6|7) ([\w-]+ )?"
        r"(things|tips|facts|pearls|lessons|mistakes|rules|tricks)\b(?!.*(:|,.*,|,.*\w (and|or) \w))",  # unless listed
        # "there are two drugs you give before the scope, and people forget one"
        r"\bthere( are|'re|'s| is) (two|three|four|five|2|3|4|5) (\w+ )?"
        r"(drugs|meds|medications|things|steps|tests|signs|questions) (you|to|that)\b"
        r"(?!.*(:|,.*,.*,|,.*\w (and|or) \w))",  # ... but "..., a PPI and terlipressin." names them: a fact
        r"^((okay|ok|so)[, ]+)*here'?s (a|an|my) [\w-]+ (you|that|to|i)\b(?!.*:)",  # "here's a mnemonic you'll use"
    )
)

# A title said aloud ("Nephrotic versus nephritic.", "Quick OB mnemonic.", "The causes of acute pancreatitis."):
# a short run of words with no verb in it announces a topic; it states nothing.
_VERB_WORD = re.compile(
    r"\b(is|are|was|were|be|been|being|isn'?t|aren'?t|has|have|had|do|does|did|don'?t|doesn'?t|can'?t|cannot|"
    r"can|could|will|won'?t|would|should|may|might|must|it'?s|that'?s|there'?s|they'?re|you'?re|"
    r"comes?|gets?|becomes?|follows?|means?|mean|lose|loses|combine|goes|takes?|makes?|keeps?|turns?|"
    r"works?|kills?|spreads?|starts?|stops?|lasts?|[a-z]{3,}ed)\b"
)
_DETERMINER = frozenset({"the", "a", "an", "of", "its", "their", "his", "her", "this", "these", "those"})
TOPIC_MAX_WORDS = 8
SUPERLATIVE = re.compile(
    r"\b(most (common|often|likely)|first[- ]line|drug of choice|gold standard|best (test|drug))\b"
)


def has_verb(lower: str) -> bool:
    """A verb a clause can stand on: an auxiliary, a common verb, an -ed form, an imperative, or a relation verb
    not used as a noun ("the causes of" is a noun; "causes gout" a verb). Approximate, without a tagger."""
    if _VERB_WORD.search(lower) or IMPERATIVE.match(lower):
        return True
    for m in RELATION.finditer(lower):
        before = lower[: m.start()].split()[-1:]
        if not before or before[0] not in _DETERMINER:
            return True
    return False


def topic_announcement(lower: str) -> bool:
    """A short verbless sentence: the name of what comes next, not a fact about it."""
    if len(lower.split()) > TOPIC_MAX_WORDS or has_verb(lower):
        return False
    # "the most common cause ...", "5 mg ...": a claim even without its verb
    return not (SUPERLATIVE.search(lower) or BARE_NUMBER.search(numerals(lower)))


# --- relations that carry a fact ---------------------------------------------------------------------
RELATION = re.compile(
    r"\b(causes?|caused by|causing|leads? to|results? in|presents? with|presenting with|present with|"
    r"treated with|treatment (is|of choice)|treat(s|ed)? with|first[- ]line|drug of choice|"
    r"contraindicated|indicated|associated with|due to|because of|risk of|risk factor|"
    r"mechanism|inhibits?|blocks?|block(ing|ed)|stimulates?|activates?|works on|acts on|binds?|"
    r"side effects?|adverse|toxicity|diagnos(is|ed|tic)|gold standard|most common|marker of|"
    r"characteri[sz]ed by|defined as|refers to|means|monitor(ed)?|reversed? (with|by)|antidote|"
    r"gives? (you )?(a|an)|shows? up|suggests?|radiates?|increases?|decreases?|lowers?|raises?|"
    r"shifts?|stabili[sz]es?|prevents?|protects?|covers?|mimics?|"
    r"stands for|responds? to|preferred|avoid|never give|do not give|don'?t give|think (about|of)|"
    r", think (?!(of|about))|"
    r"used? (it )?(for|in|when|to)|you use|comes? first|the first thing|first step|drives?|covers?|"
    r"compression of|deficiency of|gives? you|linked to|related to|known as|we call (it|this)|is called|"
    r"most (often|commonly)|typically|you (see|get|'ll see|will see)|(can|should|must) (use|give|start)|"
    r"should be given|is given|are given|shows?|showing|includes?|including|(should|must) be (considered|excluded|"
    r"ruled out|checked)|needs?|requires?|(is|are) expected|happens|occurs?|develops?|appears?|peaks?|"
    r"progress(es)? to|complains? of|rules? (it |the \w+ |them )?(in|out)|screened|screening|recovers?|"
    r"(is|are) (rare|common|typical|unusual)|(goes|go|rise|rises|fall|falls) (up|down)|equals|divided by|"
    r"one over|minus|(can|may) refuse|consent|prolongs?|shortens?|worsens?|improves?|reduces?|triggers?|"
    r"damages?|destroys?|depletes?|induces?|antidotes? (is|are|for)|diagnose[sd]?|confirms?|confirmed|"
    r"points? to|kills?|slows?|reverses|reversed (by|with)|"
    r"(is|are) (really |very |highly |not )?(un)?(reliable|sensitive|specific)\b|"
    r"test (for|with)|screen(s|ed)? for|protective|(early|late) (sign|finding|feature)|definitive (fix|treatment)|"
    r"makes? (\w+ ){1,3}(worse|better)|you risk (?!strat)|you (treat|give|start|stop|use)\b|"
    r"(must|should|need to|needs to|have to|has to) (not )?(be )?(correct|corrected|give|given|stop|stopped|check|"
    r"checked|avoid|avoided|treat|treated|start|started|monitor|monitored|replace|replaced|lower|lowered|raise|"
    r"raised|reduce|reduced|repeat|repeated|keep|kept|hold|held|rule|ruled|exclude|excluded|measure|measured))\b"
)
# An eponymous sign, test or syndrome ("Prehn's sign", "Kernig's sign", "Cushing's triad"): a term even when the
# lexicon lacks the name.
EPONYM = re.compile(r"\b[A-Z][a-z]{2,}(?:'s|s') (sign|syndrome|disease|triad|law|criteria|test|manoeuvre|maneuver|"
                    r"reflex|phenomenon|palsy|ulcer|nodes?|score|rule|classification|procedure|operation|fracture)\b")
DEFINITION = re.compile(
    r"^(?P<term>[\w\- ,'/]{3,60}?) (is|are|means|refers to|is defined as|is called) (?P<what>.{8,})$",
    re.IGNORECASE,
)
EMPHASIS = re.compile(
    r"\b(high[- ]yield|remember|classic(ally)?|pearl|never|always|don'?t forget|key point|important|"
    r"exam|boards?|step ?[123]|shelf|must know|buzzword|pathognomonic|hallmark|the trick)\b"
)
LIST_CUE = re.compile(
    r"\b(triad|tetrad|pentad|criteria|(two|three|four|five|six|2|3|4|5|6) "
    r"(causes|signs|symptoms|features|things|types|drugs|steps|criteria|findings|risk factors))\b"
)
# A spoken list's head ("drugs that stretch the QT, go!", "rapid fire antidotes, let's go"): the short verbless
# sentences after it are its items ("Macrolides like clarithromycin."), facts of the list, not titles.
LIST_HEAD = re.compile(r"\brapid[- ]?fire\b|\b(drugs?|causes?|signs?|things|bugs|organisms|risk factors|features|"
                       r"examples) (that|which|of|to|you)\b.*(:|\bgo!)$")
# A mnemonic or a list named, not expanded ("Hypersensitivity reactions, just remember ACID.", "the causes are the
# four Ts"): its expansion, said next, carries the facts. ("The causes of a high anion gap are MUDPILES." ties the
# mnemonic to its topic: a fact.)
MNEMONIC_TITLE = re.compile(
    r"\b(just )?remember( the)?( mnemonic)? [A-Z]{3,}( [A-Z]{2,})?[.!]?$|"
    r"\b(spells?|makes?|forms?)( out)? the (word|acronym)\b|"
    r"\bthe (two|three|four|five|six|\d) [A-Z]'?s\b|"
    r"\b(the|its|their) (\w+ )?(causes|signs|features|types|drugs|criteria) are (the )?(two|three|four|five|six|\d) "
    r"[\w']+[.!]?$"
)
# A negated fact ("cephalexin does not cover MRSA", "alcohol gel doesn't kill the spores", "should not be treated").
NEGATION = re.compile(
    r"\b(does not|doesn'?t|do not|don'?t|did not|is not|isn'?t|are not|aren'?t|cannot|can'?t|won'?t|should not|"
    r"shouldn'?t|must not|never|no longer|not (a|an|the|for|in|on|with|from|oral|iv)\b)"
    r"(?! (forget|miss|skip|worry|panic|stress))"  # "the one drug you cannot forget": emphasis, not a negated fact
)
MNEMONIC = re.compile(r"\b(mnemonic|stands for|remember (them|it|this) as|acronym)\b")
# A mnemonic's letter expanded ("L is lactic acidosis.", "And S is for salicylates.", "I is type three, immune
# complex"): the item of a list, however short, and the letter "I" is no speaker.
MNEMONIC_LETTER = re.compile(r"^((?i:and|then|so|next|plus)[, ]+)?[A-Z](?: ?[A-Z])?,? (is|for|stands for|=|is for) ")
CONTRAST = re.compile(r"\b(whereas|while|on the other hand|unlike|versus|vs\.?|in contrast|but)\b")
FIRST_PERSON = re.compile(r"\b(i|i'm|i've|i'd|my|me|we went|honestly)\b")
IMPERATIVE = re.compile(
    r"(^|[,;] )(first,? |then,? |and |so |next,? |always |never |just )?(give|start|add|stop|avoid|check|switch|use|"
    r"order|consider|think about|titrate|repeat|monitor|hold|reverse|treat|offer|recheck|refer|dilute|escalate|"
    r"immobili[sz]e|wash|document|put (it|them|him|her) in|get (a|an)|tell (them|the patient|patients))\b"
)  # at the start of the sentence or of a clause ("Once it's back up, give a longer acting carb")


@dataclass
class Features:
    """What the rules found in one sentence: a score and the human-readable reasons behind it."""

    score: float = 0.0
    reasons: list[str] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)  # vocabulary, lexicon or medical-shaped terms, in order
    unlisted: list[str] = field(default_factory=list)  # terms only because they are rare words (maybe misheard)
    filler: bool = False
    intro: bool = False
    form: Form = Form.STATEMENT
    definition: bool = False
    case: bool = False  # the stem of a case ("a 62-year-old man has ..."): context, never a key point alone

    def add(self, points: float, reason: str) -> None:
        self.score += points
        if reason and reason not in self.reasons:
            self.reasons.append(reason)


def is_filler(lower: str) -> bool:
    return any(p.search(lower) for p in FILLER_PATTERNS)


def is_intro(lower: str) -> bool:
    return any(p.search(lower) for p in INTRO_PATTERNS)


# An enumeration's items and its closing "and" / "or". Each item after the first is atomic: the spaces after a comma
# may go to `\s*` or to the item, and trying both for every item took seconds on a line of 16 commas, minutes on 25.
_ENUMERATION = re.compile(
    r"([\w\- ]{2,40},(?>\s*[\w\- ]{2,40},)*\s*[\w\- ]{2,40},?\s+(?:and|or)\s+[\w\- ]{2,40})"
)


def count_list_items(text: str) -> int:
    """Items in an enumeration like "syncope, angina and dyspnea" (0 when there is none)."""
    m = _ENUMERATION.search(text)
    if not m:
        return 0
    return len([p for p in re.split(r",\s*(?:and |or )?|\s+(?:and|or)\s+", m.group(1)) if p.strip()])


def unique(items: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for item in items:
        key = item.lower()
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out
