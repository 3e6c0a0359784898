"""The cue lexicon behind key-point scoring: sentence forms, fact relations, doses, emphasis, medical word shapes.

Sentence forms come from grammar more than from phrase lists: a question is an inverted auxiliary or a
question mark, a call to action is a social verb in the imperative aimed at the viewer, a history-taking
prompt is a question or request aimed at "you" (the patient), a vlog line is first-person narrative.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from dataclasses import dataclass, field


class Form(enum.Enum):
    """What a sentence does. Only a STATEMENT can be a key point on its own; a teaching QUESTION can open one."""

    STATEMENT = "statement"
    QUESTION = "question"  # to the audience ("what reverses heparin?"): may be merged with its answer
    PROMPT = "prompt"  # history taking / addressed to a patient ("on a scale of 1 to 10 ...", "any allergies?")
    GREETING = "greeting"  # hello, welcome, nice to meet you, thanks, bye
    CALL_TO_ACTION = "call to action"  # follow, like, save, comment, share, link in bio
    SPONSOR = "sponsor"
    NARRATIVE = "narrative"  # vlog chatter, anecdotes: first person, no fact

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
    )
)

# --- sentence forms ----------------------------------------------------------------------------------
# A leading discourse marker or greeting clause that can be cut off a sentence ("Hey guys, ...", "Fun fact, ...").
LEAD_IN = re.compile(
    r"^(hey|hi|hello|yo|okay|ok|alright|right|so|and|well|now|friends|guys|everyone|everybody|folks|team|"
    r"fun fact|quick (tip|fact|pearl|one)|one (quick |more )?(pearl|tip|thing|fact)|pro tip|high[- ]yield|"
    r"bonus|remember|listen|look|first|next|then|last(ly)?|finally|also|plus|number \w+)\b[\w' ]{0,30}$"
)
_AUX = (
    r"do|does|did|have|has|had|are|is|was|were|can|could|would|will|shall|should|may|might|must|"
    r"don'?t|doesn'?t|didn'?t|haven'?t|hasn'?t|aren'?t|isn'?t|wasn'?t|can'?t|won'?t|wouldn'?t"
)
INVERTED_QUESTION = re.compile(
    rf"^({_AUX})\s+(you|i|we|they|he|she|it|there|anyone|anybody|anything|anyone|your|this|that|the pain)\b"
)
WH_QUESTION = re.compile(rf"^(what|what'?s|when|where|which|who|whom|whose|why|how)\b.*\b({_AUX})\b")
LIVED = re.compile(  # the patient's own life and symptoms: "how much do you drink", "when did you notice"
    r"\byou (\w+ )?(drink|smoke|take|feel|felt|have|had|get|got|notice|noticed|eat|sleep|wake|work|live|been|"
    r"tried|ever|experience|pass|cough|bring|mean)\b"
)
SECOND_PERSON = re.compile(r"\b(you|your|you'?re|you'?ve|yourself)\b")
# What a clinician says to a patient: requests, politeness, examination; never a fact for a student.
PATIENT_TALK = re.compile(
    r"\bon a scale of\b|\b(scale|rate (it|the pain|your))\b.*\b(0|1|one|zero)\b.*\b(10|ten)\b|"
    r"\b(tell|show) me\b|\bfor me\b|\bpoint to\b|\b(take|have) a seat\b|\blie (back|down)\b|"
    r"\b(i'?m|i am|i'?ll|i will|we'?ll|let me) (just )?(going to |gonna )?(examine|have a (look|listen|feel)|"
    r"listen to|take a look|check your|ask (you|a few))\b|\b(my name is|i'?m one of the|nice to meet you)\b|"
    r"\bany (allerg|medication|medicine|questions|history|family history|concerns)\w*\b.*\?|"
    r"\bhow (are|have) you (been|feeling|doing)\b|\bwhat brings you\b|\bwhat can i do for you\b|"
    r"\btake (as much time|your time)\b|\bis it (okay|ok|alright) if\b|\bbefore (i|we) go on\b"
)
# The things a viewer is asked to do with the video or the channel (imperative social verbs).
CTA_VERB = re.compile(
    r"^(please |make sure (to|you) |don'?t forget to |be sure to |go |come |and )*(follow|like|subscribe|share|"
    r"save|send|tag|comment|stitch|duet|drop|check out|click|tap|hit|smash|grab|download|sign up|join|turn on|"
    r"watch|rewatch|screenshot|bookmark|repost|pause|rewind|replay)\b"
)
CTA_PLACE = re.compile(
    r"\b(in|down|below) (the |my )?(comments?|bio|description|below)\b|\blink (below|in)\b|"
    r"\bcomment (below|down)\b|\bfor (more|part|the next)\b.*\b(follow|videos?|tips?|content)\b|"
    r"\bfollow (for|me|us|along)\b|\b(like|follow),? (and|&) (save|share|subscribe|follow|comment)\b|"
    r"\bpart (two|2|three|3)\b|\blet me know\b|\bnever miss\b|\bhit (the )?(bell|follow|like)\b|"
    r"\bdrop (it|them|yours?|your \w+|a \w+) (below|down|here|in)\b|\bpause (the|this) video\b|"
    r"\b(dm|message) me\b|\bnewsletter\b|\b(my|our) (course|app|notes|pdf|cheat ?sheet|study guide|flashcards|"
    r"deck|discord|podcast|channel|page)\b|\bcomment (your|the) (answer|guess)|\b(quiz|test) yourself\b|"
    r"\b(make|what'?s|what is|drop|comment) your (diagnosis|guess|answer|call)\b"
)
SPONSOR = re.compile(
    r"\bsponsor(ed|s)?\b|\bbrought to you by\b|\b(use|with) (my |the )?code\b|\bpromo\b|\bdiscount\b|"
    r"\bpercent off\b|\d+ ?% off\b|\bfree (trial|month)\b|\bfirst month free\b|\bpartnered with\b|"
    r"\bclick the link\b|\bthank me later\b"
)
GREETING = re.compile(
    r"^(hey|hi|hello|hiya|yo|what'?s up|what is up|what'?s going on|good (morning|afternoon|evening))\b|"
    r"\bwelcome (back|to)\b|\bthanks? (you )?(so much |all |guys )?(for (watching|coming|listening)|everyone)\b|"
    r"^(thanks|thank you|great|perfect|lovely|brilliant|okay|ok|alright)\b[^a-z]*(,? (so much|very much|all|guys|"
    r"everyone|doctor|that is (really )?helpful))*[^a-z]*$|\bsee you (in|next|tomorrow|soon|guys|later)\b|\bbye\b|"
    r"\bthat'?s (a wrap|all for|it from me|all)\b|^that is (really )?helpful\b|"
    r"\bthis (one|video|tip|clip)('s| is) for (you|all)\b|^(okay |ok |so |alright )?"
    r"(that'?s|that is|this is) (it|all)\b"
)
FIRST_PERSON_SUBJECT = re.compile(  # "I packed ...", "today we scrubbed in ...", "my roommate is making ..."
    r"\b(i|we|my( \w+){1,2}|our( \w+){1,2}|me and \w+)( just| really| honestly| literally| also| then| finally|"
    r" actually| always| never| usually| mostly)?( 'm|'m| 've|'ve|'ll|'d| am| was| were| had| have| got| went| made|"
    r" did| wore|"
    r" packed| drove| studied| started| learned| learnt| spent| tried| sat| took| grabbed| scrubbed| watched|"
    r" slept| used to| love| hate| feel| want| can'?t| will| is making| saw| met| found| heard| told| asked| went| "
    r"got| \w+ed)\b"
)
FIRST_PERSON_SINGULAR = re.compile(r"\b(i|i'm|i've|i'd|i'll|my|me|myself)\b")
# Talk about the topic rather than of it: how hard, scary or confusing it is ("everyone fears clozapine").
EVALUATIVE = re.compile(
    r"\b(is|are|seems?|sounds?|looks?) (so |really |super |actually |not )?(easy|simple|hard|tricky|confusing|scary|"
    r"fun|useful|interesting|boring|annoying|terrifying|intimidating)\b|\b(everyone|everybody|people|students) "
    r"(fears?|dreads?|hates?|loves?|forgets?|confuses?|mix(es)? (these|them|it) up)\b|"
    r"\btrips? (everyone|people|students|you) up\b"
)
META_TALK = re.compile(r"\b(exams?|boards?|rotations?|shelf|osces?|step ?[123]|usmle|plab|nclex|finals?)\b")
HEDGE = re.compile(
    r"\b(i think|i guess|i believe|maybe|probably|perhaps|not sure|kind of|sort of|i feel like|might be|"
    r"could be|apparently|supposedly|i'?m not sure|i don'?t know)\b"
)
NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
}  # fmt: skip
_NUMBER_WORD = re.compile(
    r"\b(" + "|".join(NUMBER_WORDS) + r")(?:[- ](one|two|three|four|five|six|seven|eight|nine))?\b"
)


def numerals(lower: str) -> str:
    """The text with number words as digits ("six weeks" -> "6 weeks", "eighty-two" -> "82"), for number cues."""

    def value(m: re.Match[str]) -> str:
        tens, unit = NUMBER_WORDS[m.group(1)], m.group(2)
        if unit and 20 <= tens <= 90:
            return str(tens + NUMBER_WORDS[unit])
        return str(tens) + (m.group(0)[len(m.group(1)) :] if unit else "")

    return _NUMBER_WORD.sub(value, lower)


def is_number_word(word: str) -> bool:
    return all(part in NUMBER_WORDS for part in word.lower().split("-") if part)


def sentence_form(text: str) -> Form:
    """What a sentence does, from its grammar and a few cue families (see Form)."""
    lower = text.lower().strip().strip("\"'")
    core = re.sub(r"^((hey|hi|hello|okay|ok|so|and|alright|right|well|now)[, ]+)+", "", lower)
    if SPONSOR.search(lower):
        return Form.SPONSOR
    if CTA_VERB.match(core) or CTA_PLACE.search(lower):
        return Form.CALL_TO_ACTION
    if PATIENT_TALK.search(lower):
        return Form.PROMPT
    question = lower.rstrip(" .!\"')").endswith("?") or bool(INVERTED_QUESTION.match(core))
    if question:
        addressed = SECOND_PERSON.search(lower)
        if addressed and (INVERTED_QUESTION.match(core) or re.search(r"\byour\b", lower) or LIVED.search(lower)):
            return Form.PROMPT  # "do you smoke?", "how often do you check your sugar?"
        return Form.QUESTION
    if GREETING.search(lower):
        return Form.GREETING
    if FIRST_PERSON_SUBJECT.search(core):
        return Form.NARRATIVE
    return Form.STATEMENT


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
    r"used? (it )?(for|in|when|to)|you use|comes? first|the first thing|first step|drives?|covers?|"
    r"compression of|deficiency of|gives? you|linked to|related to|known as|we call (it|this)|is called|"
    r"most (often|commonly)|typically|you (see|get|'ll see|will see)|(can|should|must) (use|give|start)|"
    r"should be given|is given|are given|shows?|showing|includes?|including|(should|must) be (considered|excluded|"
    r"ruled out|checked)|needs?|requires?|(is|are) expected|happens|occurs?|develops?|appears?|peaks?|"
    r"progress(es)? to|complains? of|rules? (it |the \w+ |them )?(in|out)|screened|screening|recovers?|"
    r"(is|are) (rare|common|typical|unusual)|(goes|go|rise|rises|fall|falls) (up|down)|equals|divided by|"
    r"one over|minus|(can|may) refuse|consent|prolongs?|shortens?|worsens?|improves?|reduces?|triggers?|"
    r"damages?|destroys?|depletes?|induces?)\b"
)
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
MNEMONIC = re.compile(r"\b(mnemonic|stands for|remember (them|it|this) as|acronym)\b")
CONTRAST = re.compile(r"\b(whereas|while|on the other hand|unlike|versus|vs\.?|in contrast|but)\b")
FIRST_PERSON = re.compile(r"\b(i|i'm|i've|i'd|my|me|we went|honestly)\b")

# --- numbers, doses and ranges -----------------------------------------------------------------------
NUMBER = r"\d+(?:[.,]\d+)?"
UNIT = (
    r"(?:mg|milligrams?|mcg|micrograms?|g|grams?|kg|kilograms?|ml|mls|millilit(?:er|re)s?|l|lit(?:er|re)s?|"
    r"units?|iu|mmol|millimoles?|meq|mmhg|%|percent|hours?|hrs?|minutes?|mins?|days?|weeks?|months?|years?|"
    r"per|bpm|beats|breaths|degrees|cm|mm|in 1000|to 1)"
)
DOSE = re.compile(rf"\b{NUMBER}\s?{UNIT}\b|\b{NUMBER}%")
RANGE = re.compile(
    rf"\b(?:between {NUMBER} and|{NUMBER}\s?(?:-|to|–))\s?{NUMBER}(?:\s?{UNIT}\b)?|\b{NUMBER} over {NUMBER}\b"
)
THRESHOLD = re.compile(
    rf"\b(above|below|over|under|more than|less than|greater than|at least|or more|or less|up to|within|"
    rf"after|before)\s+(a |an |the )?{NUMBER}|{NUMBER} or (more|less|older|higher|lower)\b|[<>≤≥]\s?{NUMBER}"
)
THRESHOLD_NUMBER = re.compile(  # the number of a threshold, as a cloze answer ("below {{c1::3.3}}")
    rf"\b(?:above|below|over|under|than|least) (?P<n>{NUMBER}(?: or (?:more|less|older|higher|lower))?)|"
    rf"\b(?P<m>{NUMBER} or (?:more|less|older|higher|lower))\b"
)
BARE_NUMBER = re.compile(rf"\b{NUMBER}\b")
VALUE = re.compile(rf"\b(is|are|was|of|equals|gets?|scores?) (about |around |roughly |only |just )?{NUMBER}\b")
CASE_STEM = re.compile(rf"^(so |okay |ok )?((a|an|this|your|our|the) )?{NUMBER}[- ](year|month|week|day)s?[- ]old\b")
# One patient's findings in a case ("Her labs show ...", "His blood pressure is 170 over 100", "Two weeks ago he
# had a sore throat"): the case's context, not a rule a student cards. Facts are said of diseases and drugs.
CASE_DETAIL = re.compile(
    r"^((so|and|now|then|yes|no|yeah|well|okay|ok|today|yesterday|tonight|on exam(ination)?|on arrival|"
    r"[\w ]{1,20} ago)[, ]+)*"
    r"(he|she|he'?s|she'?s|his|her|(the|this|our|my|your|a) (patient|baby|child|boy|girl|man|woman|nurse)('s)? "
    r"(is|was|has|had|says|said|reports|denies|looks|appears|comes|came|presents|noticed|tells|calls|pages|asks))\b"
)
CASE_ACTION = re.compile(r"\b(needs?|should|must|gets?|give|given|treat(ed)?|start(ed)?|requires?)\b")
TIMING = re.compile(  # an age or a time a fact happens at: "by 18 months", "at 6 weeks", "from 12 weeks"
    rf"\b(at|by|from|around|until|before|after|within|over|under|for) (about |around |at least )?{NUMBER}"
    rf"(?:(?: to |-){NUMBER})?(-| )?(weeks?|months?|years?|days?|hours?|minutes?)\b"
)


# --- everyday clinical words a dedicated vocabulary list tends to leave out ----------------------------
def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


CORE_LEXICON = _words(
    """calcium potassium sodium magnesium phosphate chloride bicarbonate glucose insulin dextrose saline
    lactate ketones ketosis urea albumin protein proteinuria hematuria oxygen iron ferritin cholesterol
    heart kidney kidneys liver lung lungs brain nerve artery vein blood plasma platelets membrane receptor
    receptors cotransporter channel enzyme antibody antibodies antigen hormone cells
    fever pain vomiting nausea diarrhea constipation cough dyspnea tremor ataxia seizure seizures syncope
    confusion rash itching swelling bleeding weakness fatigue headache palpitations jaundice sweating
    allergy allergic anaphylaxis shock infection sepsis inflammation obstruction compression deficiency
    insufficiency failure autoimmune crystals joint joints gout pseudogout saturations ventilation
    toxicity overdose pregnancy trimester fetus neonate children elderly
    steroid steroids corticosteroids antibiotic antibiotics antihistamine antihistamines antiviral vaccine
    diuretic diuretics vasopressor vasopressors agonist agonists antagonist antagonists inhibitor inhibitors
    binder binders crystalloid fluids infusion bolus nebulizer nebulizers dialysis transfusion intubation
    surgery biopsy thrombolysis thrombectomy cardioversion defibrillation
    ecg ekg mri ct ultrasound x-ray biopsy culture sputum urine serum
    sensitivity specificity prevalence incidence mortality morbidity cohort placebo randomised randomized
    capacity competent consent confidentiality autonomy beneficence milestones newborn neonatal
    hospital admission icu ward outpatient
    systolic diastolic murmur apex axilla carotids carotid thigh wrist"""
)
# Two-word clinical phrases that work as one term ("systolic blood pressure" = adjective + this).
CORE_PHRASES = frozenset(
    {"blood pressure", "heart rate", "respiratory rate", "chest pain", "abdominal pain", "weight loss",
     "weight gain", "mental status", "neck stiffness", "red cell casts", "peak flow", "tidal volume",
     "side effect", "loading dose", "half life",
     # biostatistics, epidemiology and ethics: whole exam subjects the drug / disease lexicon does not cover
     "number needed to treat", "number needed to harm", "absolute risk", "relative risk", "odds ratio",
     "risk reduction", "predictive value", "false positive", "false negative", "confidence interval",
     "type 1 error", "type 2 error", "null hypothesis", "sample size", "case control", "informed consent",
     "best interests", "social smile"}
)  # fmt: skip
# Everyday words that are medical but make a poor answer on their own ("into the {{c1::cells}}").
GENERIC_TERMS = frozenset(
    {"cells", "blood", "membrane", "receptor", "receptors", "channel", "enzyme", "hormone", "heart", "brain",
     "fluids", "dose", "doses", "hospital", "ward", "culture", "serum", "urine", "protein", "children",
     "elderly"}
)  # fmt: skip
HEAD_NOUNS = frozenset(
    {"disease", "syndrome", "sign", "signs", "anomaly", "reflex", "breathing", "respirations", "triad",
     "thyroiditis", "criteria", "score", "test", "phenomenon", "palsy", "tumor", "acid", "insipidus"}
)  # fmt: skip
MEDICAL_PREFIX = re.compile(
    r"^(hyper|hypo|tachy|brady|dys|poly|oligo|neuro|cardi|nephr|hepat|gastr|pulmon|thromb|hemat|haemat|"
    r"leuk|erythr|myel|osteo|arthr|derm|angio|immuno|onco|patho|pharmaco|glyc|gluc|cortico|thyro)[a-z]{4,}$"
)
ORGANISM = re.compile(
    r"^[A-Z][a-z]+(coccus|cocci|bacter|bacillus|bacterium|monas|ella|eria|ydia|myces|plasma|virus)$"
)
IMPERATIVE = re.compile(
    r"^(first,? |then,? |and |so |next,? |always |never )?(give|start|add|stop|avoid|check|switch|use|order|"
    r"consider|think about|titrate|repeat|monitor|hold|reverse|treat)\b"
)

# Words that introduce a fact but are not one: never a cloze answer ("remember the {{c1::mnemonic}}").
META_TERMS = frozenset(
    {"mnemonic", "usmle", "step 1", "step 2", "nclex", "exam", "first-line treatment", "mechanism of action",
     "contraindication", "adverse effect", "side effect", "side effects", "milligrams", "micrograms",
     "pharmacology", "pharmacokinetics", "pharmacodynamics", "pathophysiology", "etiology", "prognosis",
     "differential diagnosis", "twice daily", "once daily", "criteria", "triad", "syndrome", "disease"}
)  # fmt: skip
# Adjectives that do not start a named term ("the classic triad" is not a term).
NOT_NAME_START = frozenset(
    {"classic", "common", "main", "big", "important", "key", "typical", "first", "second", "third", "new",
     "old", "same", "other", "full", "whole", "usual", "real", "total", "several", "only", "major", "minor",
     "great", "good", "bad", "best", "worst", "high", "low", "early", "late", "rapid", "slow", "deep"}
)  # fmt: skip
MEDICAL_ADJECTIVE = re.compile(r"^[a-z]{4,}(ic|al|ar|ous|ary|ive|oid)$")

# --- the shape of a medical word (when the vocabulary does not know it) --------------------------------
MEDICAL_SUFFIX = re.compile(
    r"^[a-z]{3,}(itis|emia|aemia|osis|ectomy|otomy|ostomy|plasty|scopy|ology|pathy|algia|uria|"
    r"penia|cytosis|plasia|trophy|oma|ase|olol|pril|sartan|dipine|azole|mab|nib|cillin|mycin|cycline|"
    r"floxacin|statin|tidine|prazole|semide|thiazide|gliflozin|gliptin|glutide|parin|xaban|gatran|"
    r"triptan|azepam|olam|oxetine|aline|afil|asone|olone|sone|ine|pnea|cardia|rrhea|rrhage|tension|tensive|"
    r"glycemia|kalemia|natremia|calcemia|thyroidism|uria|ismus|ectasis|megaly|genic|otic|itic|edema|ema|"
    r"thalmos|thalmia|coccus|cocci|bacter|ella|eria|iae|xia|ysis|esis|emic|amide|mide|zolamide)$"
)
ACRONYM = re.compile(r"^(?=.*[A-Z].*[A-Z])[A-Z0-9\-+/]{2,8}s?$|^[A-Z][0-9]{1,2}$")  # NKCC2, ECG; C3, T4, S1
LAB_FINDING = re.compile(
    r"\b(low|high|raised|elevated|reduced|decreased|increased|rising|falling|normal)\s+(\w+)"
)
NOT_MEDICAL = frozenset(
    {
        "because", "examine", "routine", "machine", "online", "medicine", "genuine", "define", "combine",
        "determine", "imagine", "doctrine", "decline", "discipline", "guideline", "guidelines", "timeline",
        "headline", "deadline", "feline", "fine", "mine", "line", "nine", "wine", "shine", "spine",
        "case", "base", "phase", "release", "increase", "decrease", "disease", "please", "cease", "purchase",
        "showcase", "tease", "ease", "lease", "chase", "erase", "phrase", "database", "biology", "apology",
        "technology", "caffeine", "praline", "gasoline", "opine", "outline", "magazine",
        "cuisine", "dopamine", "someone", "anyone", "everyone", "exotic", "chaotic", "hypnotic", "erotic",
        "tension", "attention", "intention", "extension", "pension", "mention", "lol", "tiktok", "cinema",
        "schema", "analysis", "emphasis", "basis", "thesis", "genesis", "umbrella", "cafeteria", "criteria",
    }
)  # fmt: skip
CAPTION_ACRONYMS = frozenset(
    {"OK", "OKAY", "LOL", "OMG", "TBH", "IMO", "POV", "FYP", "DM", "PS", "TV", "AM", "PM"}
)

STOPWORDS = _words(
    """a an the and or but so if then than that this these those it its it's is are was were be been being
    of in on at to for with from by as into onto about over under up down out off per via
    you your we our they their he she his her them us i me my who whom which what when where why how
    do does did done doing have has had having can could will would should may might must shall
    not no yes just also only very really literally basically actually like okay ok so well all any
    some more most much many few each every both either neither one two there here now today
    get gets got give gives given go goes going make makes made see sees saw use uses used"""
)


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


def medical_shaped(token: str) -> bool:
    """A word that looks medical by its suffix (drug stems, -itis, -emia ...) or is an acronym like NKCC2."""
    bare = token.strip(".,;:!?()\"'")
    if ACRONYM.match(bare) and bare.upper() not in CAPTION_ACRONYMS:
        return True
    if ORGANISM.match(bare):
        return True
    low = bare.lower()
    if low in CORE_LEXICON:
        return True
    if low in NOT_MEDICAL or low in STOPWORDS:
        return False
    single = low[:-1] if low.endswith("s") and not low.endswith("ss") else low
    return bool(MEDICAL_SUFFIX.match(low) or MEDICAL_SUFFIX.match(single) or MEDICAL_PREFIX.match(low))


def count_list_items(text: str) -> int:
    """Items in an enumeration like "syncope, angina and dyspnea" (0 when there is none)."""
    m = re.search(r"((?:[\w\- ]{2,40},\s*){1,}[\w\- ]{2,40},?\s+(?:and|or)\s+[\w\- ]{2,40})", text)
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
