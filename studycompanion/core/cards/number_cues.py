"""Number cues for key-point scoring: number words as digits, doses, ranges, thresholds, timings, case stems.

Part of the cue lexicon (core/cards/rules.py re-exports every name here).
"""

from __future__ import annotations

import re

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
# A case opened without an age in numbers ("Teenage boy, woke up with ...", "A group of friends share ...", "A man
# with cirrhosis comes in with ..."): the stem of a case too.
CASE_OPENING = re.compile(
    r"^((so|okay|ok)[, ]+)?((a |an )?(teenage|elderly|young|older|middle[- ]aged|tall|thin|pregnant|obese|previously "
    r"well)( [\w-]+){0,2} (man|woman|boy|girl|smoker|patient|lady|gentleman|mum|runner|student)\b|"
    r"(a|an) (family|group|couple) of\b|"
    r"(a|an) ([\w-]+ ){0,3}(man|woman|boy|girl|patient|lady|gentleman|child|toddler|infant|baby|teenager)\b.*"
    r"\b(comes? in|came in|presents?|presented|walks? in|walked in|is brought|was brought|brought in|wakes? up|"
    r"woke up)\b)"
)
# ... unless the sentence draws the rule itself: a generic patient ("A baby who presents with bilious vomiting has
# malrotation until proven otherwise.", "An elderly man with a new tremor should be assessed for Parkinson disease.").
CASE_RULE = re.compile(
    r"\b(who|that) (presents?|comes? in|has|have)\b|\buntil proven otherwise\b|\b(needs?|should|must|requires?)\b|"
    r"\b(first[- ]line|drug of choice)\b|\bis at (high |increased )?risk\b"
)
# One patient's findings in a case ("Her labs show ...", "His blood pressure is 170 over 100", "Two weeks ago he
# had a sore throat"): the case's context, not a rule a student cards. Facts are said of diseases and drugs.
CASE_DETAIL = re.compile(
    r"^((so|and|now|then|yes|no|yeah|well|okay|ok|today|yesterday|tonight|on exam(ination)?|on arrival|"
    r"(\w+ ){1,4}ago)[, ]+){0,4}"  # bounded: "ago ago ago ..." from a decoding loop never backtracks for seconds
    r"(he|she|he'?s|she'?s|his|her|in (his|her|their|this|that) case|"  # "In her case, the C-peptide was ..."
    r"(the|this|our|my|your|a) ([\w-]+ )?(patient|baby|child|boy|girl|man|woman|nurse)('s)? "  # "your post-op patient"
    r"(is|was|has|had|says|said|reports|denies|looks|appears|comes|came|presents|noticed|tells|calls|pages|asks))\b"
)
CASE_ACTION = re.compile(
    r"\b(needs?|should|must|gets?|give|given|treat(ed)?|start(ed)?|requires?|first[- ]line|drug of choice)\b"
)
TIMING = re.compile(  # an age or a time a fact happens at: "by 18 months", "at 6 weeks", "from 12 weeks"
    rf"\b(at|by|from|around|until|before|after|within|over|under|for) (about |around |at least )?{NUMBER}"
    rf"(?:(?: to |-){NUMBER})?(-| )?(weeks?|months?|years?|days?|hours?|minutes?)\b"
)
