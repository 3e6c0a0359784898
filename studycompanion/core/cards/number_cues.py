"""Number cues for key-point scoring: number words as digits, doses, ranges, thresholds, timings.

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
TIMING = re.compile(  # an age or a time a fact happens at: "by 18 months", "at 6 weeks", "from 12 weeks"
    rf"\b(at|by|from|around|until|before|after|within|over|under|for) (about |around |at least )?{NUMBER}"
    rf"(?:(?: to |-){NUMBER})?(-| )?(weeks?|months?|years?|days?|hours?|minutes?)\b"
)
