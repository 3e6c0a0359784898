"""The shipped topic taxonomy and tag suggestion from hashtags, title, caption and transcript (pure, no database)."""

from __future__ import annotations

import json

import pytest

from studycompanion.core.errors import BadInput
from studycompanion.core.interests.taxonomy import (
    ClipText,
    TermMatcher,
    hashtag_key,
    load_taxonomy,
    parse_taxonomy,
    suggest_tags,
    taxonomy_file,
    tokens,
)

MURMURS = ClipText(
    hashtags=["cardiology", "medschool", "fyp"],
    title="Aortic stenosis in 60 seconds",
    caption="The murmur you must know #cardiology #medschool #fyp",
    transcript=(
        "Aortic stenosis gives a crescendo decrescendo systolic murmur at the right upper sternal border. "
        "It radiates to the carotids. Compare mitral regurgitation, which is holosystolic and radiates to the axilla."
    ),
)


def test_shipped_taxonomy_is_well_formed() -> None:
    raw = json.loads(taxonomy_file().read_text(encoding="utf-8"))
    tx = load_taxonomy()
    roots = {t.name for t in tx.roots}
    for needed in ("Cardio", "Pulm", "Renal", "GI", "Neuro", "Endo", "Heme/Onc", "MSK", "Derm", "Repro", "Psych",
                   "ID", "Pharm", "Path", "Physio", "Micro", "Immuno", "Biochem", "Anatomy", "Step1", "Step2",
                   "COMLEX", "Shelf"):
        assert needed in roots, needed
    assert {t.kind for t in tx.roots} == {"system", "discipline", "exam"}
    assert len(tx.topics) > 100 and len(raw["topics"]) == len(tx.roots)
    for topic in tx.topics.values():
        assert topic.terms or topic.hashtags or topic.kind == "exam", topic.name
        assert all(t == t.lower() and t.strip() == t for t in topic.terms), topic.name
        assert all(h == hashtag_key(h) for h in topic.hashtags), topic.name
        if topic.parent:
            assert topic.name.startswith(topic.parent + "::") and topic.kind == tx.topics[topic.parent].kind
    assert tx.get("cardio::murmurs") is tx.topics["Cardio::Murmurs"]
    assert tx.kind_of("Pharm::My own notes") == "discipline" and tx.kind_of("Step1") == "exam"
    assert tx.kind_of("Holidays") is None


def test_bad_taxonomy_files_say_what_is_wrong() -> None:
    with pytest.raises(BadInput, match="kind"):
        parse_taxonomy({"topics": [{"name": "X", "kind": "organ"}]})
    with pytest.raises(BadInput, match="twice"):
        parse_taxonomy({"topics": [{"name": "X", "kind": "system"}, {"name": "x", "kind": "exam"}]})
    with pytest.raises(BadInput, match="no list"):
        parse_taxonomy({"topic": []})


def test_tokens_and_matcher_tolerate_how_people_write() -> None:
    assert tokens("Crohn's disease, Graves’ disease; step one / beta-blockers") == [
        "crohn", "disease", "graves", "disease", "step", "1", "beta", "blockers"
    ]
    m = TermMatcher(["beta blocker", "crohn's disease", "step 1", "aortic stenosis", "aortic"])
    found = m.find("Beta-blockers and Crohn's disease; STEP ONE. Aortic stenosis, then aortic root")
    assert found == {"beta blocker": 1, "crohn's disease": 1, "step 1": 1, "aortic stenosis": 1, "aortic": 1}


def test_murmur_clip_gets_the_specific_topic_with_evidence() -> None:
    tx = load_taxonomy()
    got = suggest_tags(tx, MURMURS)
    assert got[0].name == "Cardio::Murmurs"
    assert "title: “aortic stenosis”" in got[0].evidence
    assert "Cardio" not in [s.name for s in got]  # the child already says it
    assert not any(s.name.startswith(("Pulm", "Psych", "Step")) for s in got)
    assert got == suggest_tags(tx, MURMURS)  # deterministic


def test_hashtags_alone_suggest_exam_and_topic() -> None:
    tx = load_taxonomy()
    got = {s.name: s for s in suggest_tags(tx, ClipText(hashtags=["#Step1", "#AorticStenosis", "#fyp"]))}
    assert set(got) == {"Step1", "Cardio::Murmurs"}
    assert got["Step1"].evidence == ("#step1",)
    assert got["Cardio::Murmurs"].evidence == ("#aorticstenosis",)


def test_drug_talk_maps_to_pharm_and_the_system() -> None:
    tx = load_taxonomy()
    text = ClipText(transcript=(
        "Metformin is first line for type 2 diabetes. Metformin lowers hepatic gluconeogenesis. "
        "SGLT2 inhibitors like empagliflozin cause glucosuria, and GLP 1 agonists like semaglutide cause weight loss."
    ))
    names = [s.name for s in suggest_tags(tx, text)]
    assert names[0] == "Endo::Diabetes"
    by_name = {s.name: s for s in suggest_tags(tx, text)}
    assert "said “metformin” ×2" in by_name["Endo::Diabetes"].evidence


def test_off_topic_clip_gets_nothing_and_one_mention_is_not_enough() -> None:
    tx = load_taxonomy()
    assert suggest_tags(tx, ClipText(hashtags=["fyp", "medschool", "dayinmylife"], title="Day in my life as an MS1",
                                     transcript="Today I went to the gym, then studied in the library.")) == []
    assert suggest_tags(tx, ClipText(transcript="My heart was racing before the exam.")) == []


def test_root_topic_when_no_child_stands_out_and_excluded_names() -> None:
    tx = load_taxonomy()
    text = ClipText(hashtags=["cardiology"], transcript="The heart pumps blood. Cardiac output matters.")
    names = [s.name for s in suggest_tags(tx, text)]
    assert names == ["Cardio"]
    assert suggest_tags(tx, text, exclude=["cardio"]) == []
    excluded = [s.name for s in suggest_tags(tx, MURMURS, exclude=["Cardio::Murmurs"])]
    assert "Cardio::Murmurs" not in excluded


def test_limit_and_at_most_two_children_of_a_root() -> None:
    tx = load_taxonomy()
    text = ClipText(transcript=(
        "Aortic stenosis murmur, a systolic murmur. Atrial fibrillation on the ECG, then atrial flutter. "
        "Heart failure with reduced ejection fraction and orthopnea. Myocardial infarction with a troponin rise, "
        "a STEMI. Hypertensive emergency."
    ))
    got = suggest_tags(tx, text)
    cardio_children = [s for s in got if s.name.startswith("Cardio::")]
    assert len(cardio_children) == 2
    assert len(suggest_tags(tx, text, limit=1)) == 1
