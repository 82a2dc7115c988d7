"""What a page's next change will likely ask for, worked out in the server's idle time (store.in_idle_time): the
Programs page's state's areas and other states (program_view.warm_areas) and the in-demand list's, shaped
(demand_view.warm_states)."""

import threading

from apptest import app_test

from dashboard.domain import demand
from dashboard.domain.derived import derived
from dashboard.web import store
from dashboard.web.views.parts import demand_view, program_training, program_view

MICHIGAN, OHIO, DETROIT = "2600000", "3900000", "0019820"
KEPT = (program_view._leads_to, program_training._figures, program_training.institutions_table)


def _idle(monkeypatch):
    """A process `serve` prepared, whose idle time starts at once."""
    monkeypatch.setattr(store, "_WARMING", threading.Thread(target=lambda: None))
    monkeypatch.setattr(store, "QUIET_S", 0.0)
    monkeypatch.setattr(store, "_IDLE_KEY", None)
    monkeypatch.setattr(store, "_IDLE_NEXT", None)


def test_idle_time_is_only_a_served_processs(monkeypatch):
    monkeypatch.setattr(store, "_WARMING", None)  # a test or a script: nothing runs in the background
    called = []
    store.in_idle_time("job", (called.append(i) for i in range(3)))
    assert store._IDLE_NEXT is None or store._IDLE_NEXT[0] != "job"
    assert called == []


def test_idle_time_runs_the_newest_job_and_leaves_an_older_ones_other_steps(monkeypatch):
    _idle(monkeypatch)
    done, first, release = [], threading.Event(), threading.Event()

    def slow():  # the first step of the first job, under way while a newer job is asked for
        first.set()
        release.wait(10)
        done.append("a1")

    store.in_idle_time("a", [slow, lambda: done.append("a2"), lambda: done.append("a3")])
    assert first.wait(10)
    finished = threading.Event()
    store.in_idle_time("b", [lambda: done.append("b1"), finished.set])
    release.set()
    assert finished.wait(10)
    assert done == ["a1", "b1"]
    store.in_idle_time("b", [lambda: done.append("b again")])  # the job done last is not asked again
    again = threading.Event()
    store.in_idle_time("a", [lambda: done.append("a again"), again.set])  # another is
    assert again.wait(10)
    assert done == ["a1", "b1", "a again"]


def test_a_failing_step_leaves_the_next_and_a_job_asked_again_while_another_waits_is_not_lost(monkeypatch):
    _idle(monkeypatch)
    done, ran = [], threading.Event()

    def fails():
        raise ValueError("a step that fails")

    store.in_idle_time("x", [fails, lambda: done.append("x2"), ran.set])
    assert ran.wait(10) and done == ["x2"]  # logged, and the job went on

    first, release, again = threading.Event(), threading.Event(), threading.Event()

    def slow():
        first.set()
        release.wait(10)

    store.in_idle_time("a", [slow, lambda: done.append("a2")])
    assert first.wait(10)
    store.in_idle_time("b", [lambda: done.append("b")])  # waits for its turn…
    store.in_idle_time("a", [lambda: done.append("a again"), again.set])  # …and a's page asks again: a is newest
    release.set()
    assert again.wait(10)
    assert done == ["x2", "a again"]


def test_a_programs_states_and_the_shown_states_areas_are_made_in_idle_time_and_a_change_then_makes_nothing(
    monkeypatch,
):
    asked = []
    monkeypatch.setattr(store, "in_idle_time", lambda key, steps: asked.append((key, steps)))
    at = app_test("programs", {"cip": "48.0508", "area": MICHIGAN})
    at.run()
    ds = store.dataset()  # the page's own
    for fn in KEPT:
        derived(ds).forget(fn)
    at.run()
    assert {key for key, _ in asked} == {("programs", "48.0508", MICHIGAN)}
    areas = ds.areas
    michigans = areas[areas["area_type"].isin(["metro", "nonmetro"]) & (areas["state"] == "MI")]
    assert DETROIT in michigans.index and len(michigans) == 19
    steps = list(asked[-1][1])
    assert len(steps) == 2 * (len(michigans) + 1 + (areas["area_type"] == "state").sum()) == 148
    for step in steps:
        step()
    sizes = [derived(ds).size(fn) for fn in KEPT]
    # Michigan's areas, every state's and the nation's; completions are counted in metro areas, and a nonmetropolitan
    # area's institutions are its state's
    counted = 19 + 55 - (michigans["area_type"] == "nonmetro").sum()
    assert sizes[0] == 19 + 55 and sizes[2] == counted == 70

    def pick(code):
        next(s for s in at.selectbox if s.label == "Area").set_value(code)
        at.run()
        assert not at.exception

    pick(OHIO)  # made in idle time: the page's run makes none of them
    assert [derived(ds).size(fn) for fn in KEPT] == sizes
    assert any("Ohio, IPEDS" in h.value for h in at.subheader)
    assert asked[-1][0] == ("programs", "48.0508", OHIO)  # Ohio's areas next
    pick(DETROIT)  # one of Michigan's: made before, and its job is Michigan's
    assert [derived(ds).size(fn) for fn in KEPT] == sizes
    assert asked[-1][0] == ("programs", "48.0508", MICHIGAN)
    assert any("Detroit" in h.value for h in at.subheader)
    # a second program's states (another visitor's) are kept beside the first's: neither pushes the other's out
    other = app_test("programs", {"cip": "52.0205", "area": MICHIGAN})
    other.run()
    for step in asked[-1][1]:
        step()
    assert asked[-1][0] == ("programs", "52.0205", MICHIGAN)
    assert [derived(ds).size(fn) for fn in KEPT] == [2 * n for n in sizes]
    pick(OHIO)
    assert [derived(ds).size(fn) for fn in KEPT] == [2 * n for n in sizes]


def test_the_in_demand_lists_other_states_are_shaped_in_idle_time_and_other_filters_ask_for_nothing(monkeypatch):
    asked = []
    monkeypatch.setattr(store, "in_idle_time", lambda key, steps: asked.append((key, steps)))
    at = app_test("demand", {"area": MICHIGAN, "education": "entry"})
    at.run()
    ds = store.dataset()
    for fn in (demand_view._drawn, demand_view._shaped):
        derived(ds).forget(fn)
    at.run()
    assert derived(ds).size(demand_view._shaped) == 1  # Michigan's, shaped by the page
    key, steps = asked[-1]
    assert key == ("demand", demand.DEFAULT_WEIGHTS, demand.Rule(), True, None)  # the tier is not in it
    steps = list(steps)
    projected = set(ds.state_projections["area_code"]) - {"0000000"}
    assert len(steps) == len(projected) and len(steps) >= 50  # every state with projections, Michigan's among them
    for step in steps:
        step()
    shaped = derived(ds).size(demand_view._shaped)
    assert shaped == len(projected)

    def pick(code):
        next(s for s in at.selectbox if s.label == "Choose the state").set_value(code)
        at.run()
        assert not at.exception

    pick(OHIO)  # shaped in idle time: the page's run shapes nothing
    assert derived(ds).size(demand_view._shaped) == shaped
    assert any(m.value.startswith("Ohio") and "occupations ranked by" in m.value for m in at.subheader)
    assert at.dataframe[0].value.shape[0] > 0
    next(s for s in at.radio if s.label == "Sort the list by").set_value("per_opening")
    at.run()  # another order: rows taken from the same shaped list, and the same job (not started again)
    assert not at.exception
    assert derived(ds).size(demand_view._shaped) == shaped
    assert {k for k, _ in asked} == {key}
    next(s for s in at.number_input if s.label == "Weight: openings").set_value(2.0)
    at.run()  # other weights: another list to shape, and another job
    assert not at.exception
    assert derived(ds).size(demand_view._shaped) == shaped + 1
    assert asked[-1][0] == ("demand", (2.0, *demand.DEFAULT_WEIGHTS[1:]), demand.Rule(), True, None)
