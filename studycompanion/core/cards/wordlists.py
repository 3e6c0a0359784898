"""Word lists and word shapes for key-point scoring: everyday clinical words, generic and meta terms, stopwords,
and the shape of a medical word the vocabulary does not know.

Part of the cue lexicon (core/cards/rules.py re-exports every name here).
"""

from __future__ import annotations

import re


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
