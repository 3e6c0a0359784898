"""The For You view: ranked clips with reasons, "more / less of this", and the interest profile panel."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from studycompanion.services import Services
from studycompanion.ui.common.worker import Worker
from studycompanion.ui.foryou.view import ForYouView
from tests.interest_fixtures import ClipSpec, add_clip


def test_ranked_list_reasons_and_more_less(qtbot: QtBot, services: Services, worker: Worker) -> None:
    lib = services.library
    murmurs = add_clip(lib, ClipSpec("as", "Aortic stenosis", creator="a", tags=["Cardio::Murmurs"]))
    asthma = add_clip(lib, ClipSpec("asthma", "Asthma", creator="b", tags=["Pulm"]))
    renal = add_clip(lib, ClipSpec("aki", "AKI", creator="c", tags=["Renal"]))
    lib.set_favourite(murmurs, True)
    view = ForYouView(services, worker)
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.show()
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.reload()
    ids = [i.video_id for i in view.items()]
    assert ids[0] == murmurs and sorted(ids) == sorted([murmurs, asthma, renal])
    first = view.list.topLevelItem(0)
    assert first is not None and first.text(1) == "Aortic stenosis"
    assert first.text(2) == "because you study Cardio::Murmurs"
    qtbot.waitUntil(lambda: "Cardio::Murmurs" in view.panel.tags(), timeout=5000)

    view.select(renal)
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.more_button.click()
    assert view.items()[0].video_id == renal and view.items()[0].reason == "you asked for more Renal"
    assert view.selected_id() == renal

    view.select(murmurs)
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.less_button.click()
    assert view.items()[-1].video_id == murmurs
    qtbot.waitUntil(lambda: "Renal" in view.panel.tags(), timeout=5000)

    view.panel.select("Renal")  # reset the "more" from the profile panel
    with qtbot.waitSignal(view.panel.changed, timeout=5000):
        view.panel.reset_button.click()
    qtbot.waitUntil(lambda: all(i.reason != "you asked for more Renal" for i in view.items()), timeout=10_000)

    with qtbot.waitSignal(view.open_clip_requested, timeout=2000) as opened:
        view.select(asthma)
        view.open_button.click()
    assert opened.args == [asthma]
