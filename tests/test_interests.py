"""Suggested tags in the library (stored, accepted, rejected, edited), the pipeline hook, related clips, `show`."""

from __future__ import annotations

import threading
from typing import Any

from studycompanion.cli.interest_cmds import show_extras
from studycompanion.core.interests.service import Interests
from studycompanion.core.interests.suggestions import SuggestingStep, TagSuggestions, with_suggestions
from studycompanion.core.types import JobStep, Segment, TagSource
from studycompanion.services import Services
from tests.interest_fixtures import ClipSpec, add_clip

MURMUR = ClipSpec("as", "Aortic stenosis murmur", "Aortic stenosis is a crescendo decrescendo systolic murmur. "
                  "Mitral regurgitation is holosystolic.", ["cardiology", "step1"], "drmike")


def test_suggestions_are_stored_then_accepted_rejected_or_edited(services: Services) -> None:
    lib = services.library
    vid = add_clip(lib, MURMUR)
    sugg = TagSuggestions(lib)
    outcome = sugg.refresh(vid)
    assert outcome.added == ["Cardio::Murmurs", "Step1"] and outcome.terms >= 4
    assert sugg.tag_sources(vid) == {"Cardio::Murmurs": TagSource.SUGGESTED, "Step1": TagSource.SUGGESTED}
    assert lib.list_videos(tag="Cardio")[0].id == vid  # suggestions are real tags: filters and search see them

    assert sugg.accept(vid, ["cardio::murmurs"]) == ["Cardio::Murmurs"]
    assert sugg.reject(vid, ["Step1"]) == ["Step1"]
    assert sugg.tag_sources(vid) == {"Cardio::Murmurs": TagSource.USER}
    again = sugg.refresh(vid)  # a rejected suggestion never comes back; an accepted tag is not re-suggested
    assert again.added == [] and sugg.suggested(vid) == []

    lib.set_transcript(vid, [Segment(0, 5, "Beta blockers: metoprolol is beta 1 selective, propranolol is not. "
                                           "Metoprolol and atenolol block beta 1.")])
    outcome = sugg.refresh(vid)
    assert outcome.added == ["Pharm::Autonomic"]
    assert sugg.edit(vid, "Pharm::Autonomic", "Pharm::Beta blockers") == "Pharm::Beta blockers"
    assert sugg.tag_sources(vid) == {"Cardio::Murmurs": TagSource.USER, "Pharm::Beta blockers": TagSource.USER}
    assert sugg.refresh(vid).added == []


def test_stale_suggestions_go_but_the_students_tags_stay(services: Services) -> None:
    lib = services.library
    vid = add_clip(lib, ClipSpec("x", "Asthma", "Asthma is treated with albuterol. Asthma causes wheezing.",
                                 tags=["My notes"]))
    sugg = TagSuggestions(lib)
    assert sugg.refresh(vid).added == ["Pulm::Obstructive disease"]
    lib.set_transcript(vid, [Segment(0, 3, "Nothing medical here at all.")])
    lib.update_metadata(vid, title="Untitled")
    outcome = sugg.refresh(vid)
    assert outcome.dropped == ["Pulm::Obstructive disease"] and lib.tags.tags_for(vid) == ["My notes"]


class _Ctx:
    def __init__(self, video_id: int | None) -> None:
        self.video_id = video_id
        self.payload: dict[str, Any] = {}
        self.cancel_event = threading.Event()


def test_pipeline_steps_suggest_after_success_and_never_fail_a_job(services: Services) -> None:
    lib = services.library
    assert isinstance(services.pipeline.handlers[JobStep.TRANSCRIBE], SuggestingStep)
    assert isinstance(services.pipeline.handlers[JobStep.CAPTURE], SuggestingStep)
    vid = add_clip(lib, ClipSpec("y", "Untitled"))
    calls = []

    def transcribe(ctx: Any) -> None:
        calls.append(ctx.video_id)
        lib.set_transcript(ctx.video_id, [Segment(0, 4, "Metformin is first line in type 2 diabetes. Metformin.")])

    transcribe.close = lambda: calls.append("closed")  # type: ignore[attr-defined]
    step = with_suggestions(transcribe, services.suggestions)
    step(_Ctx(vid))
    assert calls == [vid] and lib.tags.tags_for(vid) == ["Endo::Diabetes"]
    step.close()  # the wrapped handler's own methods still work
    assert calls[-1] == "closed"
    with_suggestions(lambda ctx: None, lib)(_Ctx(987654))  # a clip that is gone: logged, not raised
    with_suggestions(lambda ctx: None, lib)(_Ctx(None))


def test_related_clips_share_tags_and_terms(services: Services) -> None:
    lib = services.library
    a = add_clip(lib, MURMUR)
    b = add_clip(lib, ClipSpec("mr", "Mitral regurgitation", "Mitral regurgitation is a holosystolic murmur.",
                               tags=["Cardio::Murmurs"]))
    c = add_clip(lib, ClipSpec("hf", "Heart failure", "Heart failure with orthopnea. Mitral regurgitation too.",
                               tags=["Cardio::Heart failure"]))
    d = add_clip(lib, ClipSpec("pulm", "Asthma", "Asthma and albuterol.", tags=["Pulm"]))
    interests = Interests(lib)
    for vid in (a, b, c, d):
        interests.refresh_suggestions(vid)
    related = services.interests.related(a)
    assert [r.video_id for r in related][:2] == [b, c] and d not in [r.video_id for r in related]
    assert "Cardio::Murmurs" in related[0].shared_tags and "mitral regurgitation" in related[0].shared_terms
    assert related[0].reason.startswith("shares Cardio::Murmurs")
    assert "mitral regurgitation" in related[1].reason
    assert interests.related(d) == []


def test_show_extras(services: Services) -> None:
    vid = add_clip(services.library, MURMUR)
    Interests(services.library).refresh_suggestions(vid)
    extras = show_extras(services, vid)
    assert extras["suggested_tags"] == ["Cardio::Murmurs", "Step1"]
    assert extras["related"] == [] and extras["credibility"] == "unknown"
