"""Sentence forms: what a sentence does (statement, teaching question, prompt to a patient, greeting, call to
action, sponsor line, vlog narrative), and the cue families that tell them apart.

Sentence forms come from grammar more than from phrase lists: a question is an inverted auxiliary or a
question mark, a call to action is a social verb in the imperative aimed at the viewer, a history-taking
prompt is a question or request aimed at "you" (the patient), a vlog line is first-person narrative.

Part of the cue lexicon (core/cards/rules.py re-exports every name here).
"""

from __future__ import annotations

import enum
import re


class Form(enum.Enum):
    """What a sentence does. Only a STATEMENT can be a key point on its own; a teaching QUESTION can open one."""

    STATEMENT = "statement"
    QUESTION = "question"  # to the audience ("what reverses heparin?"): may be merged with its answer
    PROMPT = "prompt"  # history taking / addressed to a patient ("on a scale of 1 to 10 ...", "any allergies?")
    GREETING = "greeting"  # hello, welcome, nice to meet you, thanks, bye
    CALL_TO_ACTION = "call to action"  # follow, like, save, comment, share, link in bio
    SPONSOR = "sponsor"
    NARRATIVE = "narrative"  # vlog chatter, anecdotes: first person, no fact


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
    r"\b(tell|show) me\b|\bfor me\b|^((can|could) you )?point to\b|\bpoint to where\b|"
    r"\b(take|have) a seat\b|\blie (back|down)\b|"
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
    r"\bthis( one| video| tip| clip)?('s| is) for (you|all)\b|^(okay |ok |so |alright )?"
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
    r"\btrips? (everyone|people|students|you) up\b|\b(people|students|everyone) (get|gets) (this|it|these) wrong\b"
)
META_TALK = re.compile(r"\b(exams?|boards?|rotations?|shelf|osces?|step ?[123]|usmle|plab|nclex|finals?)\b")
HEDGE = re.compile(
    r"\b(i think|i guess|i believe|maybe|probably|perhaps|not sure|kind of|sort of|i feel like|might be|"
    r"could be|apparently|supposedly|i'?m not sure|i don'?t know)\b"
)


# A question whisper wrote without its question mark, as the sentence's last clause ("Digoxin toxicity, which
# electrolyte makes it worse."): "which" / "what" and a noun before the verb; "..., which is why" is a clause.
UNMARKED_QUESTION = re.compile(
    r"(^|, )(which|what) (?!(you|we|they|i|it|he|she|this|that|there|is|are|was|were|means?|makes?|causes?)\b)"
    r"[a-z-]+( [a-z-]+)? (is|are|was|were|makes?|causes?|do|does|did|should|would|can|could|will)\b[^,.]*[.]?$"
)


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
    question = question or bool(UNMARKED_QUESTION.search(lower))
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
