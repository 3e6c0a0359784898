"""Medical lexicon correction: low-confidence words become the drug they sound like; confident and common words stay."""

from __future__ import annotations

from dataclasses import replace

import pytest

from studycompanion.core.transcribe.lexicon import (
    CorrectionSettings,
    Lexicon,
    context_terms,
    correct_words,
    default_lexicon,
)
from studycompanion.core.transcribe.service import correct_segments
from studycompanion.core.types import Segment, Word


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return default_lexicon()


def heard(text: str, probability: float = 0.3, confident: tuple[str, ...] = ()) -> list[Word]:
    """Words of `text`, one a second, low-probability except those in `confident`."""
    return [Word(float(i), i + 0.9, " " + t, 0.95 if t in confident else probability)
            for i, t in enumerate(text.split())]


def fixed(words: list[Word], lexicon: Lexicon, context: tuple[str, ...] = ()) -> str:
    out, _ = correct_words(words, lexicon, context)
    return "".join(w.text for w in out).strip()


def test_shipped_lexicon_is_large_and_has_the_drugs(lexicon: Lexicon) -> None:
    assert len(lexicon.terms) > 10_000
    for term in ("dexamethasone", "digoxin", "metoprolol", "atenolol", "ototoxic", "horner's syndrome"):
        assert lexicon.is_term(term), term
    assert lexicon.rank("the") == 1 and lexicon.rank("solid") < 5000


def test_misheard_drug_names_are_corrected_and_keep_the_original(lexicon: Lexicon) -> None:
    words = heard("start hexamethasone now", confident=("start", "now"))
    out, corrections = correct_words(words, lexicon)
    assert [w.text for w in out] == [" start", " dexamethasone", " now"]
    assert out[1].corrected_from == "hexamethasone" and out[0].corrected_from == ""
    assert (out[1].start, out[1].end, out[1].probability) == (1.0, 1.9, 0.3)  # timing and confidence stay
    assert [c.term for c in corrections] == ["dexamethasone"]
    assert fixed(heard("Metaprolol,", 0.4), lexicon) == "Metoprolol,"  # case and punctuation stay


def test_a_confident_word_is_never_changed(lexicon: Lexicon) -> None:
    assert fixed(heard("metaprolol", probability=0.9), lexicon) == "metaprolol"
    # a run that holds one confident word is not merged into a term either
    assert fixed(heard("big sin", confident=("big",)), lexicon, ("digoxin",)) == "big sin"


def test_a_run_of_common_words_needs_the_clip_to_name_the_term(lexicon: Lexicon) -> None:
    assert fixed(heard("Big sin"), lexicon) == "Big sin"
    assert fixed(heard("not toxic"), lexicon) == "not toxic"
    # when the clip names the term (title, caption, on-screen text, dictionary) it may win over common words:
    # "Big sin" scores 0.70 against digoxin, just under the tuned context threshold, so it needs a looser one
    words = heard("give Big sin daily", confident=("give", "daily"))
    assert fixed(words, lexicon, ("Digoxin",)) == "give Big sin daily"
    loose = replace(CorrectionSettings(), context_threshold=0.65)
    out, corrections = correct_words(words, lexicon, ("Digoxin",), loose)
    assert "".join(w.text for w in out).strip() == "give Digoxin daily"
    assert out[1].corrected_from == "Big sin" and corrections[0].context
    assert correct_words(words, lexicon, (), loose)[1] == [], "without the clip naming it, never"


def test_words_that_already_are_terms_stay_even_when_unsure(lexicon: Lexicon) -> None:
    for text in ("atenolol", "statins", "insulin glargine", "hemolysis"):
        assert fixed(heard(text), lexicon) == text


def test_plural_follows_what_was_heard(lexicon: Lexicon) -> None:
    assert fixed(heard("metaprolols"), lexicon) == "metoprolols"
    assert fixed(heard("metaprolol"), lexicon) == "metoprolol"


def test_context_terms_win_ties(lexicon: Lexicon) -> None:
    # "acubitral" is as close to the lexicon's sacubitril as to a clip term spelled the same way: the clip wins
    out, corrections = correct_words(heard("acubitral"), lexicon, ("Sacubitril",))
    assert [w.text for w in out] == [" Sacubitril"] and corrections[0].context
    assert fixed(heard("carbidellal"), lexicon) == "carbidellal"  # too far from carvedilol without the clip


def test_context_terms_come_from_the_clip_text(lexicon: Lexicon) -> None:
    terms = context_terms("Digoxin toxicity in 60 seconds", "", "heartfailure", "cardiology", lexicon=lexicon)
    assert "Digoxin" in terms and "heart failure" in terms
    assert "seconds" not in terms and "in" not in terms


def test_correct_segments_rebuilds_the_text(lexicon: Lexicon) -> None:
    seg = Segment(0.0, 3.0, "start hexamethasone now", heard("start hexamethasone now", confident=("start", "now")))
    (out,), changed = correct_segments([seg], lexicon=lexicon)
    assert changed == 1 and out.text == "start dexamethasone now"
    assert [w.corrected_from for w in out.words] == ["", "hexamethasone", ""]


def test_stricter_settings_correct_less(lexicon: Lexicon) -> None:
    words = heard("hexamethasone")
    strict = replace(CorrectionSettings(), threshold=0.99)
    out, corrections = correct_words(words, lexicon, (), strict)
    assert corrections == [] and out == words


def test_runs_of_common_words_skip_the_lexicon_search(lexicon: Lexicon, monkeypatch: pytest.MonkeyPatch) -> None:
    """What keeps long transcripts fast: a run of common words never searches the 13k terms (only context terms)."""
    searched: list[bool] = []
    real = Lexicon.candidates

    def spy(self: Lexicon, key: str, code: str, *, main: bool, limit: int = 12) -> list:  # type: ignore[type-arg]
        searched.append(main)
        return real(self, key, code, main=main, limit=limit)

    monkeypatch.setattr(Lexicon, "candidates", spy)
    words = heard("the patient was given a small dose of the usual medicine " * 60)
    _out, corrections = correct_words(words, lexicon)
    assert searched and not any(searched) and corrections == []


def test_a_rare_word_that_medical_terms_are_made_of_is_never_corrected() -> None:
    """Words such as 'ketoacidosis' or 'purkinje' are no lexicon entry on their own (only 'diabetic ketoacidosis',
    'purkinje fibres' ...): said right but heard with low confidence, they stay as they are."""
    from studycompanion.core.transcribe.lexicon import default_lexicon

    lexicon = default_lexicon()
    for word in ("ketoacidosis", "purkinje", "sinoatrial", "jugular", "stenosis"):
        assert word in lexicon.words
        for p in (0.2, 0.5):
            words = [Word(0.0, 0.4, " the", 0.95), Word(0.4, 1.0, f" {word}", p), Word(1.0, 1.4, " node", 0.95)]
            fixed, _ = correct_words(words, lexicon)
            assert [w.text for w in fixed] == [" the", f" {word}", " node"], word


def test_another_form_of_the_heard_word_is_not_a_correction(lexicon: Lexicon) -> None:
    # the lexicon holds "pyloric" and "listerial" but not "pylori" or "Listeria": the speaker said another form,
    # even with the clip's title naming the noun ("Preeclampsia" over "eclamptic seizures")
    assert fixed(heard("Helicobacter pylori is eradicated"), lexicon) == "Helicobacter pylori is eradicated"
    assert fixed(heard("cover Listeria monocytogenes"), lexicon) == "cover Listeria monocytogenes"
    assert fixed(heard("eclamptic seizures"), lexicon, ("Preeclampsia",)) == "eclamptic seizures"
    # "axillary" is a term, "axilla" is not: the audio check's proposals rewrote "radiates to the axilla" as
    # "radiates to maxilla" (the demo library's murmur clip)
    from studycompanion.core.transcribe.lexicon import run_options
    from studycompanion.core.transcribe.verify import VerifySettings

    loose = VerifySettings().proposing(CorrectionSettings())
    runs = run_options(heard("radiates to the axilla"), lexicon, loose, limit=3)
    assert not [r for r in runs if "axilla" in r.original]
    assert fixed(heard("metaprolol"), lexicon) == "metoprolol", "a slip inside the word is still corrected"


def test_a_slip_in_a_drugs_last_letters_is_still_corrected(lexicon: Lexicon) -> None:
    # only sibling endings (-ia/-ial, -i/-ic, -ic/-ia ...) make two forms of one word; these are mishearings
    for said, right in (("amiodarome", "amiodarone"), ("metoprolal", "metoprolol"), ("furosemine", "furosemide"),
                        ("amlodipin", "amlodipine"), ("vancomycine", "vancomycin"), ("metformine", "metformin"),
                        ("lisinoprel", "lisinopril"), ("clopidogrell", "clopidogrel"),
                        ("hyperkalemio", "hyperkalemia"), ("ciprofloxacine", "ciprofloxacin")):
        assert fixed(heard(said), lexicon) == right, said


def test_letters_heard_one_by_one_are_kept(lexicon: Lexicon) -> None:
    # the audio check's looser thresholds proposed "softener" for "so the INR" (then heard as close enough)
    from studycompanion.core.transcribe.lexicon import run_options
    from studycompanion.core.transcribe.verify import VerifySettings

    loose = VerifySettings().proposing(CorrectionSettings())
    words = heard("so the INR is checked")
    assert not [r for r in run_options(words, lexicon, loose, limit=3) if "INR" in r.original]
    assert [r for r in run_options(heard("so the inr is checked"), lexicon, loose, limit=3) if "inr" in r.original]
