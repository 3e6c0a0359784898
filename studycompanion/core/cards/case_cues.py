"""Case cues for key-point scoring: the stem of a case vignette and one patient's details, the context of a case
rather than a fact a student cards ("A 19 year old comes in wheezing", "Her labs show ..."), and what still makes
such a sentence teach ("she needs IV thiamine", "... has malrotation until proven otherwise").

Part of the cue lexicon (core/cards/rules.py re-exports every name here).
"""

from __future__ import annotations

import re

from studycompanion.core.cards.number_cues import NUMBER

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
