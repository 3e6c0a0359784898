"""Key-point extraction: sentences on word timestamps, filler dropped, stable keys, spans and merging."""

from __future__ import annotations

import time

import pytest

from studycompanion.core.cards.keypoints import (
    default_lexicon,
    default_vocabulary,
    extract_keypoints,
    find_terms,
    keypoint_key,
    score_text,
    split_sentences,
    target_count,
)
from studycompanion.core.cards.rules import Form, sentence_form
from studycompanion.core.types import Segment, Word


def words_from(text: str, start: float = 0.0, rate: float = 0.3, sentence_pause: float = 0.4) -> list[Word]:
    out, t = [], start
    for token in text.split():
        out.append(Word(round(t, 2), round(t + rate - 0.05, 2), " " + token))
        t += rate + (sentence_pause if token.endswith((".", "?", "!")) else 0.0)
    return out


def seg(text: str, start: float = 0.0) -> Segment:
    words = words_from(text, start)
    return Segment(words[0].start, words[-1].end, text, words)


def test_sentences_split_on_punctuation_not_on_decimals_or_abbreviations() -> None:
    s = seg("Dr. Patel says give 0.5 mg of adrenaline. S. aureus is a gram-positive coccus. Done now.")
    texts = [x.text for x in split_sentences([s])]
    assert texts == [
        "Dr. Patel says give 0.5 mg of adrenaline.",
        "S. aureus is a gram-positive coccus.",
        "Done now.",
    ]


def test_sentences_cross_segment_boundaries_and_split_on_long_pauses() -> None:
    a = seg("Furosemide blocks the NKCC2", 0.0)
    b = seg("cotransporter in the loop of Henle", a.end + 0.1)
    c = seg("then a long silence follows", b.end + 2.0)  # no punctuation, a 2 s pause
    sentences = split_sentences([a, b, c])
    assert [s.text for s in sentences] == [
        "Furosemide blocks the NKCC2 cotransporter in the loop of Henle",
        "then a long silence follows",
    ]
    assert sentences[0].start == a.start and sentences[0].end == b.end


def test_segment_without_word_timings_gets_spread_words() -> None:
    s = Segment(10.0, 14.0, "Metoprolol is cardioselective. It blocks beta-1 receptors.", [])
    sentences = split_sentences([s])
    assert len(sentences) == 2
    assert sentences[0].start == 10.0 and sentences[1].end == 14.0


def test_filler_only_transcript_gives_no_key_points() -> None:
    text = (
        "Hey guys, welcome back to the channel! Make sure to follow for more and like and save this. "
        "This video is sponsored by MedFlash, use code STUDY20 for twenty percent off. "
        "Let me know in the comments what you want next. Thanks for watching, bye!"
    )
    assert extract_keypoints([seg(text)]) == []


def test_filler_sentence_next_to_facts_is_dropped() -> None:
    text = (
        "Hi everyone, welcome back! Warfarin inhibits vitamin K epoxide reductase. "
        "Follow for more pharmacology and save this for your exam. "
        "Heparin is monitored with the PTT and reversed with protamine sulfate."
    )
    points = extract_keypoints([seg(text)])
    assert [p.text for p in points] == [
        "Warfarin inhibits vitamin K epoxide reductase.",
        "Heparin is monitored with the PTT and reversed with protamine sulfate.",
    ]
    assert all("filler" not in p.reasons for p in points)


def test_spans_are_the_word_timestamps_of_the_sentence() -> None:
    first = "Okay so here is the thing."
    fact = "The first-line treatment for anaphylaxis is intramuscular adrenaline 0.5 mg."
    s = seg(f"{first} {fact}")
    (point,) = extract_keypoints([s])
    fact_words = s.words[len(first.split()) :]
    assert point.start == fact_words[0].start
    assert point.end == fact_words[-1].end
    assert "dose / number" in point.reasons


def test_keys_are_stable_and_independent_of_segmentation() -> None:
    text = (
        "Metformin is the first-line drug for type 2 diabetes. "
        "SGLT2 inhibitors like empagliflozin cause genital yeast infections and euglycemic DKA."
    )
    words = words_from(text)
    one = [Segment(words[0].start, words[-1].end, text, words)]
    split_at = 7
    two = [
        Segment(words[0].start, words[split_at - 1].end, "", words[:split_at]),
        Segment(words[split_at].start, words[-1].end, "", words[split_at:]),
    ]
    a, b, c = extract_keypoints(one), extract_keypoints(one), extract_keypoints(two)
    assert [p.key for p in a] == [p.key for p in b] == [p.key for p in c]
    assert len({p.key for p in a}) == len(a) == 2
    assert keypoint_key("Same  TEXT!", 12.2) == keypoint_key("same text", 11.9)
    assert keypoint_key("same text", 12.0) != keypoint_key("same text", 40.0)


def test_pronoun_led_sentence_merges_with_what_it_continues() -> None:
    text = (
        "The usual first drug for type 2 diabetes is metformin. "
        "It's contraindicated when the eGFR is below 30, because of the risk of lactic acidosis."
    )
    (point,) = extract_keypoints([seg(text)])  # "the usual first drug" is no term to name the second sentence by
    assert point.text == text


def test_question_merges_with_its_answer() -> None:
    text = "So what reverses heparin? Protamine sulfate, given slowly IV."
    (point,) = extract_keypoints([seg(text)])
    assert point.text == text
    assert "question and answer" in point.reasons


def test_points_are_in_spoken_order_with_context_and_capped() -> None:
    facts = [
        "Furosemide blocks the NKCC2 cotransporter in the thick ascending limb.",
        "Loops lose calcium while thiazide diuretics increase calcium reabsorption.",
        "The classic side effects are ototoxicity, hypokalemia and gout.",
        "Ethacrynic acid is the loop diuretic used in sulfa allergy.",
        "Spironolactone causes gynecomastia and hyperkalemia.",
        "Acetazolamide causes a hyperchloremic metabolic acidosis.",
    ]
    s = seg(" ".join(facts))
    points = extract_keypoints([s], max_points=3)
    assert len(points) == 3
    assert [p.start for p in points] == sorted(p.start for p in points)
    everything = extract_keypoints([s], max_points=10)
    assert [p.text for p in everything] == facts


def test_target_count_allows_a_fact_dense_minute() -> None:
    assert target_count(5) == 2
    assert target_count(60) == 12
    assert target_count(600) == 12


def test_terms_from_vocabulary_plurals_and_shapes() -> None:
    vocab = default_vocabulary()
    assert "metoprolol" in vocab
    sentence = "Loop diuretics and metoprolol treat heart failure with Streptococcus pneumoniae"
    terms = find_terms(sentence.split(" "), vocab)
    assert terms[:3] == ["Loop diuretics", "metoprolol", "heart failure"]
    assert "Streptococcus pneumoniae" in terms
    assert find_terms(["my", "coffee", "is", "cold", "again", "anyway"], vocab) == []


def test_scoring_prefers_facts_over_chatter() -> None:
    vocab = default_vocabulary()
    fact = score_text("Alteplase can be given within 4.5 hours of symptom onset.", vocab)
    chatter = score_text("I know, I know, the guidelines change every year.", vocab)
    intro = score_text("So today we're talking about loop diuretics.", vocab)
    assert fact.score > 2.0 > intro.score
    assert chatter.score < 0
    assert score_text("Like and subscribe for more!", vocab).filler


def test_word_pieces_without_a_leading_space_join_the_word_before() -> None:
    pieces = [" Propranolol", " is", " non", "-selective", " and", " worsens", " asthma."]
    words = [Word(i * 0.4, i * 0.4 + 0.3, t) for i, t in enumerate(pieces)]
    (sentence,) = split_sentences([Segment(0.0, 3.0, "", words)])
    assert sentence.text == "Propranolol is non-selective and worsens asthma."
    assert sentence.words[2].start == 0.8 and sentence.words[2].end == pytest.approx(1.5)


def test_an_outro_is_not_glued_to_the_last_fact() -> None:
    text = "Furosemide is a loop diuretic that can cause hypokalemia. That is all for today."
    points = extract_keypoints([seg(text)])
    assert [p.text for p in points] == ["Furosemide is a loop diuretic that can cause hypokalemia."]


# --- filters: sentences written for these tests, not taken from any fixture -----------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Do you ever get short of breath when you climb the stairs?",
        "Have you had any fevers or night sweats recently?",
        "How many units of alcohol would you say you drink in a week?",
        "Has anyone in your family had bowel cancer?",
        "Are you allergic to penicillin?",
        "Could you roll up your sleeve for me?",
        "On a scale from zero to ten, where would you put the cramping?",
        "And how has your mood been lately?",
        "Any problems with your waterworks?",
    ],
)
def test_history_taking_prompts_are_never_key_points(sentence: str) -> None:
    assert sentence_form(sentence) is Form.PROMPT
    assert extract_keypoints([seg(sentence)]) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Which enzyme is missing in phenylketonuria?",
        "What electrolyte drops first in refeeding syndrome?",
        "Is digoxin cleared by the kidneys?",
    ],
)
def test_questions_to_the_audience_are_not_key_points_alone(sentence: str) -> None:
    assert sentence_form(sentence) is Form.QUESTION
    assert extract_keypoints([seg(sentence)]) == []


def test_a_teaching_question_joins_its_answer_but_a_patient_question_does_not() -> None:
    taught = "Which enzyme is missing in phenylketonuria? Phenylalanine hydroxylase is deficient in PKU."
    (point,) = extract_keypoints([seg(taught)])
    assert point.text == taught and "question and answer" in point.reasons
    asked = "Do you take any blood thinners like warfarin? Warfarin inhibits vitamin K epoxide reductase."
    (point,) = extract_keypoints([seg(asked)])
    assert point.text == "Warfarin inhibits vitamin K epoxide reductase."


@pytest.mark.parametrize(
    "sentence",
    [
        "Good evening everybody and welcome to pharm Friday.",
        "Hiya, lovely to see you all again.",
        "Thank you so much for watching, take care.",
        "That's it from me, see you later.",
        "Nice to meet you, I'm one of the junior doctors on the ward.",
    ],
)
def test_greetings_are_never_key_points(sentence: str) -> None:
    assert sentence_form(sentence) in {Form.GREETING, Form.PROMPT}
    assert extract_keypoints([seg(sentence)]) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Follow me for daily cardiology pearls.",
        "Share this with the friend who always forgets the coagulation cascade.",
        "Drop a heart in the comments if you passed your boards.",
        "Tap the link in my bio for the full renal playlist.",
        "Make sure to subscribe so you catch the next nephrology video.",
        "Bookmark this before your pharmacology final.",
        "This episode is sponsored by CardioCram, use code HEART for fifteen percent off.",
    ],
)
def test_calls_to_action_and_sponsor_reads_are_never_key_points(sentence: str) -> None:
    assert sentence_form(sentence) in {Form.CALL_TO_ACTION, Form.SPONSOR}
    assert extract_keypoints([seg(sentence)]) == []


def test_vlog_narrative_is_dropped_and_the_fact_inside_a_vlog_kept() -> None:
    text = (
        "This morning I grabbed an oat latte and biked to the hospital. "
        "We rounded on a patient with cirrhosis before lunch. "
        "Spontaneous bacterial peritonitis is diagnosed by an ascitic neutrophil count above 250 cells."
    )
    points = extract_keypoints([seg(text)])
    assert [p.text for p in points] == [
        "Spontaneous bacterial peritonitis is diagnosed by an ascitic neutrophil count above 250 cells."
    ]


def test_a_greeting_or_call_to_action_clause_is_cut_off_a_fact() -> None:
    text = "Hey team, digoxin toxicity causes yellow vision and bidirectional VT, so save this for your exam."
    (point,) = extract_keypoints([seg(text)])
    assert point.text == "Digoxin toxicity causes yellow vision and bidirectional VT."
    words = seg(text).words
    assert point.start == words[2].start and point.end == words[-7].end


def test_hedged_chatter_scores_below_a_plain_fact() -> None:
    vocab = default_vocabulary()
    plain = score_text("Tamoxifen raises the risk of endometrial cancer.", vocab)
    hedged = score_text("I think tamoxifen maybe raises the risk of endometrial cancer.", vocab)
    assert plain.score > hedged.score


def test_spelled_out_numbers_count_as_numbers() -> None:
    vocab = default_vocabulary()
    spelled = score_text("Rotavirus vaccine is given at eight weeks of age.", vocab)
    assert "dose / number" in spelled.reasons and "timing" in spelled.reasons


def test_lexicon_terms_count_even_when_the_vocabulary_lacks_them() -> None:
    lexicon = default_lexicon()
    assert lexicon.technical("xanthochromia") and lexicon.technical("agranulocytosis")
    assert not lexicon.technical("pancakes") and not lexicon.technical("brother")
    f = score_text("Bronchiectasis presents with a chronic productive cough.", frozenset(), lexicon)
    assert any(t.lower() == "bronchiectasis" for t in f.terms)


def test_extra_is_an_explanation_or_the_topic_never_a_neighbouring_fact_or_filler() -> None:
    text = (
        "Hi everyone, welcome back! "
        "Warfarin inhibits vitamin K epoxide reductase. "
        "That's why its effect takes days to wear off. "
        "Follow for more! "
        "Warfarin is monitored with the INR, and the usual target is 2 to 3. "
        "Vitamin K reverses warfarin slowly, prothrombin complex concentrate reverses it fast."
    )
    points = extract_keypoints([seg(text)], max_points=10)
    by_text = {p.text: p for p in points}
    first = by_text["Warfarin inhibits vitamin K epoxide reductase."]
    assert first.context == "That's why its effect takes days to wear off."
    for p in points:
        assert "Follow" not in p.context and "welcome" not in p.context
        assert all(other.text not in p.context for other in points)
    last = points[-1]
    assert last.context in {"", "Topic: Warfarin"}


# --- clauses, pronouns, case stems, titles, rapid-fire pairs, the clip's own words (fresh sentences) --------


def test_a_sentence_with_two_facts_gives_two_key_points() -> None:
    text = "Rifampin turns body fluids orange, and isoniazid causes a peripheral neuropathy."
    points = extract_keypoints([seg(text)], max_points=10)
    assert [p.text for p in points] == [
        "Rifampin turns body fluids orange.",
        "Isoniazid causes a peripheral neuropathy.",
    ]
    words = seg(text).words
    assert points[0].start == words[0].start and points[0].end == words[4].end
    assert points[1].start == words[6].start and points[1].end == words[-1].end


def test_semicolons_and_also_cut_clauses_but_a_contrast_a_list_or_a_pronoun_stays_whole() -> None:
    cut = "Amiodarone causes pulmonary fibrosis; lithium causes nephrogenic diabetes insipidus."
    assert len(extract_keypoints([seg(cut)], max_points=10)) == 2
    also = "Ceftriaxone covers the meningococcus and also vancomycin is added for resistant pneumococcus."
    assert [p.text for p in extract_keypoints([seg(also)], max_points=10)] == [
        "Ceftriaxone covers the meningococcus.",
        "Vancomycin is added for resistant pneumococcus.",
    ]
    for whole in (
        "Ramipril lowers proteinuria, but it can raise the potassium in renal artery stenosis.",
        "Heparin acts in minutes, whereas warfarin takes several days to reach its effect.",
        "The causes are hypoxia, hypovolemia, and hyperkalemia or hypokalemia from renal failure.",
        "Doxycycline stains developing teeth, and it should be avoided in children under eight.",
    ):
        (point,) = extract_keypoints([seg(whole)], max_points=10)
        assert point.text == whole


def test_chatter_after_a_clause_boundary_is_dropped_from_the_fact() -> None:
    text = "Tetanus toxin blocks the release of glycine and GABA, and then I went to get a coffee with my friends."
    (point,) = extract_keypoints([seg(text)], max_points=10)
    assert point.text == "Tetanus toxin blocks the release of glycine and GABA."


def test_a_pronoun_led_fact_is_named_after_what_the_sentence_before_is_about() -> None:
    text = (
        "Sarcoidosis causes bilateral hilar lymphadenopathy and noncaseating granulomas. "
        "It's associated with a raised serum ACE and hypercalcemia."
    )
    points = extract_keypoints([seg(text)], max_points=10)
    assert [p.text for p in points] == [
        "Sarcoidosis causes bilateral hilar lymphadenopathy and noncaseating granulomas.",
        "Sarcoidosis is associated with a raised serum ACE and hypercalcemia.",
    ]
    plural = "Fluoroquinolones can rupture the Achilles tendon. They also prolong the QT interval."
    assert [p.text for p in extract_keypoints([seg(plural)], max_points=10)][1] == (
        "Fluoroquinolones also prolong the QT interval."
    )
    # "they" after a singular subject, or a subject that is not a term: joined with the sentence before instead
    mismatch = "Sarcoidosis causes bilateral hilar lymphadenopathy. They also get erythema nodosum."
    (point,) = extract_keypoints([seg(mismatch)], max_points=10)
    assert point.text == mismatch


def test_one_patients_findings_are_case_context_not_key_points() -> None:
    vocab = default_vocabulary()
    for sentence in (
        "A 58-year-old smoker has haemoptysis and a raised calcium.",
        "Her sodium is 124 and her urine osmolality is high.",
        "Three days ago he started vomiting after every meal.",
        "The patient is pale, tachycardic and has melena.",
    ):
        assert extract_keypoints([seg(sentence)]) == [], sentence
    rule = score_text("Squamous cell lung cancer secretes PTHrP and causes hypercalcemia.", vocab)
    finding = score_text("His calcium is 3.1 and his PTH is suppressed.", vocab)
    assert rule.score > finding.score


def test_a_title_said_aloud_is_not_a_key_point_but_a_rapid_fire_pair_is() -> None:
    for title in ("Crohn versus ulcerative colitis.", "Quick renal mnemonic.", "The causes of pancreatitis."):
        assert extract_keypoints([seg(title)]) == [], title
    (point,) = extract_keypoints([seg("Warfarin overdose, vitamin K.")])
    assert point.text == "Warfarin overdose, vitamin K."
    assert extract_keypoints([seg("Warfarin versus heparin.")]) == []


def test_words_the_clip_keeps_coming_back_to_count_as_terms() -> None:
    text = (
        "Incidence is the number of new cases in a population over a period of time. "
        "Prevalence is the number of existing cases at one point in time. "
        "For a chronic disease with a long duration, prevalence is much higher than incidence."
    )
    points = extract_keypoints([seg(text)], max_points=10)
    assert len(points) == 3
    alone = score_text("Attrition is the loss of participants over the follow-up.", default_vocabulary())
    again = score_text(
        "Attrition is the loss of participants over the follow-up.",
        default_vocabulary(),
        salient=frozenset({"attrition", "participant"}),
    )
    assert again.score > alone.score and "Attrition" in again.terms


@pytest.mark.parametrize(
    "sentence",
    [
        "Pause the video and make your diagnosis.",
        "What's your diagnosis? Comment your answer.",
        "Grab my free cardiology cheat sheet, it covers every murmur.",
        "DM me for the full pharmacology notes.",
    ],
)
def test_new_calls_to_action_are_never_key_points(sentence: str) -> None:
    assert extract_keypoints([seg(sentence)]) == []


def test_talk_about_how_hard_a_topic_is_is_not_a_fact_about_it() -> None:
    vocab = default_vocabulary()
    for sentence in (
        "Everyone dreads acid-base questions, but vasculitis is actually easy.",
        "Nephritic syndromes trip everyone up every single year.",
    ):
        assert score_text(sentence, vocab).intro, sentence
    assert not score_text("Goodpasture syndrome causes haemoptysis and a nephritic picture.", vocab).intro


def test_a_myth_the_clip_knocks_down_never_becomes_a_key_point() -> None:
    """"Myth: ..." is the false claim; carding it would teach the opposite of the clip. The answer is the fact."""
    texts = [kp.text for kp in extract_keypoints([seg(
        "Myth: SPF 100 sunscreen protects you twice as much as SPF 50. "
        "Myth number two, a penicillin allergy label means no cephalosporins ever. "
        "In reality, SPF 50 blocks about 98 percent of UVB and SPF 100 about 99 percent. "
        "Most patients with a penicillin allergy label can safely receive a cephalosporin.")])]
    assert not any(t.lower().startswith("myth") for t in texts)
    assert any("98 percent" in t for t in texts) and any("cephalosporin." in t for t in texts)
    said_both = score_text("Myth, every adult should take aspirin, fact, for primary prevention aspirin causes more "
                           "bleeding than it prevents.", default_vocabulary(), default_lexicon())
    assert not said_both.filler  # the same sentence goes on to say the fact


def test_an_obligation_and_an_eponymous_sign_are_what_a_fact_is_made_of() -> None:
    vocab, lexicon = default_vocabulary(), default_lexicon()
    must = score_text("In chronic hyponatremia you must correct the sodium slowly.", vocab, lexicon)
    assert "relation" in must.reasons
    sign = score_text("Prehn's sign is unreliable in torsion.", vocab, lexicon)
    assert "Prehn's sign" in sign.terms
    assert "The sign" not in " ".join(score_text("The sign is subtle.", vocab, lexicon).terms)


def test_a_question_after_a_fact_is_not_its_continuation() -> None:
    """"Levodopa is given with carbidopa ... Which mnemonic do you use?" once merged into one question and was
    dropped as one; the statement stays a key point of its own."""
    texts = [kp.text for kp in extract_keypoints([seg(
        "Levodopa is given with carbidopa so it is not broken down before it reaches the brain. "
        "Which mnemonic do you use for Parkinson disease?")])]
    assert any(t.startswith("Levodopa is given with carbidopa") and "?" not in t for t in texts)


def test_the_verbless_items_of_a_spoken_list_are_its_facts() -> None:
    """After "drugs that stretch the QT, go!", "Macrolides like clarithromycin." is an item, not a title."""
    texts = [kp.text for kp in extract_keypoints([seg(
        "Quick one, drugs that stretch the QT, go! Macrolides like clarithromycin and erythromycin. "
        "Haloperidol and other antipsychotics. Follow for more.")])]
    assert any(t.startswith("Macrolides like clarithromycin") for t in texts)
    assert any(t.startswith("Haloperidol and other antipsychotics") for t in texts)
    titles = [kp.text for kp in extract_keypoints([seg(
        "Macrolides like clarithromycin. They bind the 50S subunit and stop protein synthesis.")])]
    assert not any(t.startswith("Macrolides like clarithromycin.") for t in titles)  # no list: still a title


# --- rules that generalise across the held-out parts (issue 13, item 3) --------------------------------------


def points(text: str) -> list[str]:
    return [kp.text for kp in extract_keypoints([seg(text)], max_points=12)]


def test_a_run_on_line_without_punctuation_is_cut_at_its_items() -> None:
    """Whisper may write a whole spoken list as one line with no punctuation; one key point must not swallow it."""
    texts = points(
        "okay so for hypertension there are a few drug classes people use so the first one is an ACE inhibitor "
        "like ramipril which can cause a dry cough second is a calcium channel blocker like amlodipine which "
        "causes ankle swelling third is a thiazide like indapamide and you check the sodium with that one "
        "that's it follow for more"
    )
    assert any("ramipril" in t and "amlodipine" not in t for t in texts), texts
    assert any("amlodipine" in t and "ankle" in t and "indapamide" not in t for t in texts), texts
    assert any(t.startswith("Third is a thiazide like indapamide") for t in texts), texts
    assert not any("follow for more" in t for t in texts)
    short = "ramipril causes a dry cough and amlodipine causes ankle swelling"  # under 40 words: left whole
    assert [s.text for s in split_sentences([seg(short)])] == [short]


def test_bare_cue_questions_pair_with_their_answers() -> None:
    """Rapid-fire "Drug? Antidote." pairs: the answer alone is no title, and the point holds both."""
    texts = points("Antidotes, quickfire, go. Cyanide? Hydroxocobalamin. Iron overdose? Deferoxamine, obviously.")
    assert "Cyanide? Hydroxocobalamin." in texts
    assert "Iron overdose? Deferoxamine, obviously." in texts
    assert not any(t.startswith("Antidotes, quickfire") for t in texts)  # the title and its chatter


def test_a_question_asking_for_the_treatment_joins_its_answer() -> None:
    texts = points("Malaria from falciparum can kill within days. And what's the treatment? IV artesunate, fast.")
    assert "And what's the treatment? IV artesunate, fast." in texts, texts


def test_a_question_whisper_wrote_without_its_question_mark_is_a_question() -> None:
    assert sentence_form("After a humerus shaft fracture the wrist drops, which nerve is damaged.") is Form.QUESTION
    assert sentence_form("Leucovorin rescues methotrexate toxicity, which is why we give it.") is Form.STATEMENT
    assert sentence_form("Leucovorin is folinic acid, which means it bypasses the block.") is Form.STATEMENT
    texts = points("After a humerus shaft fracture the wrist drops, which nerve is damaged. The radial nerve.")
    assert texts == ["After a humerus shaft fracture the wrist drops, which nerve is damaged. The radial nerve."]


def test_the_letters_of_a_mnemonic_are_its_items() -> None:
    vocab, lexicon = default_vocabulary(), default_lexicon()
    letter = score_text("K is ketoacidosis.", vocab, lexicon)
    assert "mnemonic letter" in letter.reasons and not letter.filler
    item = score_text("I is type three, immune complex, like serum sickness.", vocab, lexicon)
    assert not item.filler  # the letter I, not the speaker
    assert "mnemonic letter" not in score_text("M is MUDPILES.", vocab, lexicon).reasons  # the mnemonic's name
    texts = points("The causes are the four Ts. Tone, trauma, tissue and thrombin.")
    assert texts == ["Tone, trauma, tissue and thrombin."]  # the list answers; the count names it


def test_a_negated_fact_counts_but_emphasis_does_not() -> None:
    vocab, lexicon = default_vocabulary(), default_lexicon()
    assert "negation" in score_text("Cephalexin does not cover MRSA.", vocab, lexicon).reasons
    assert "negation" not in score_text("There is one drug for anaphylaxis you cannot forget.", vocab, lexicon).reasons
    assert "relation" in score_text("Asymptomatic bacteriuria should not be treated.", vocab, lexicon).reasons


@pytest.mark.parametrize(
    "title",
    [
        "Status epilepticus, bedside version.",
        "Croup vs epiglottitis, do not mix them up.",
        "Vasculitis, but the rheumatology version, let's settle this.",
        "Two cardiology things you'll use every single shift.",
        "Pulmonary embolism, this one shows up every year.",
        "Here's a mnemonic you will actually remember.",
        "Delirium causes, just remember PINCH ME.",
    ],
)
def test_a_title_with_chatter_behind_it_is_no_key_point(title: str) -> None:
    assert points(title) == []


def test_a_rapid_fire_pair_is_still_a_point() -> None:
    assert points("Opioids, naloxone.") == ["Opioids, naloxone."]


def test_the_claim_a_myth_header_or_a_debunk_frames_is_no_card() -> None:
    texts = points("Myth number one. Vaccines cause autism. Totally false, large cohort studies show no link.")
    assert not any("Vaccines cause autism" in t for t in texts)
    texts = points("Antibiotics cure viral sinusitis. Nope. Most sinusitis is viral and settles within ten days.")
    assert not any("Antibiotics cure viral sinusitis" in t for t in texts)
    assert any(t.startswith("Most sinusitis is viral") for t in texts)


@pytest.mark.parametrize(
    "stem",
    [
        "Elderly woman, found on the floor after a fall and she is confused.",
        "A group of students ate reheated rice and all started vomiting.",
        "A man with alcoholic cirrhosis comes in with fever and a tense abdomen.",
    ],
)
def test_a_case_opened_without_an_age_is_a_case_stem(stem: str) -> None:
    assert score_text(stem, default_vocabulary(), default_lexicon()).case


def test_findings_that_point_to_a_disease_are_no_prompt_to_a_patient() -> None:
    assert sentence_form("Non caseating granulomas on biopsy point to sarcoidosis.") is Form.STATEMENT
    assert sentence_form("Can you point to where it hurts the most?") is Form.PROMPT


# --- review: facts the cues above must not eat, and a list count that must not hang ---------------------------------


def test_a_long_comma_list_is_counted_without_backtracking_for_seconds() -> None:
    """A whisper line of comma items without a closing "and" took 0.9 s at 16 commas and doubled with each more."""
    from studycompanion.core.cards.rules import count_list_items

    items = "gallstones, ethanol, trauma, steroids, mumps, autoimmune, scorpion venom, hypercalcaemia, drugs, ERCP, "
    line = "Causes of pancreatitis, " + items * 2 + "hypothermia, vasculitis."  # 24 commas, no "and"
    began = time.perf_counter()
    assert count_list_items(line) == 0
    assert extract_keypoints([seg(line)]) is not None
    assert time.perf_counter() - began < 1.0
    assert count_list_items("Warfarin lowers factors 2, 7, 9 and 10.") == 4  # one-character items still count
    assert count_list_items("Signs are syncope, angina and dyspnea.") == 3


@pytest.mark.parametrize(
    "rule",
    [
        "A baby who presents with bilious vomiting has malrotation until proven otherwise.",
        "An elderly man with a new resting tremor should be assessed for Parkinson disease.",
        "A pregnant woman with hypothyroidism needs a higher levothyroxine dose.",
    ],
)
def test_a_generic_patient_with_the_rule_drawn_is_a_fact_not_a_case_stem(rule: str) -> None:
    assert points(rule) == [rule]


@pytest.mark.parametrize(
    "fact",
    [
        "This one shows up every year: the antidote for heparin is protamine.",
        "Here's a tip that saves lives: always check glucose in a confused patient.",
        "There are two drugs you give before an endoscopy, a PPI and terlipressin.",
        "Two things cause a high anion gap acidosis here, lactate and ketones.",
    ],
)
def test_an_intro_that_goes_on_to_say_its_fact_is_a_key_point(fact: str) -> None:
    assert points(fact) == [fact]


def test_a_question_naming_the_relation_and_a_one_term_answer_make_a_point() -> None:
    assert points("Which drug causes gingival hyperplasia? Phenytoin.") == [
        "Which drug causes gingival hyperplasia? Phenytoin."
    ]
    assert points("What reverses heparin? Protamine.") == ["What reverses heparin? Protamine."]
    assert points("So what is causing her chest pain? Pulmonary embolism.") == []  # this patient's diagnosis


def test_a_topic_s_question_clause_stays_with_its_answer() -> None:
    """"Tumor lysis syndrome, which electrolyte is high?" lost its question clause as chatter, so the card read
    "Potassium, phosphate and uric acid." without the syndrome it is about; a call to action still goes."""
    said = "Tumor lysis syndrome, which electrolyte is high? Potassium, phosphate and uric acid."
    assert [p.text for p in extract_keypoints([seg(said)])] == [said]
    asked = extract_keypoints([seg("Metformin is the first line drug for type two diabetes, any questions?")])
    assert [p.text for p in asked] == ["Metformin is the first line drug for type two diabetes."]


def test_a_drug_and_what_to_do_about_it_is_no_title() -> None:
    """"Clozapine, check the neutrophil count every week." read as a title with chatter behind it; an instruction
    after the comma is the fact. A title with real chatter behind it still gives nothing."""
    assert [p.text for p in extract_keypoints([seg("Clozapine, check the neutrophil count every week.")])] == [
        "Clozapine, check the neutrophil count every week."]
    assert extract_keypoints([seg("Status epilepticus, bedside version.")]) == []
