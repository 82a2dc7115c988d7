"""A burst of runs is served first come, first served, a few at a time; a run whose session moved on leaves."""

import threading

from dashboard.web.admission import Admission


def _wait_until(condition) -> None:
    """Until `condition()` holds (threads handing turns over); no clock is asserted on."""
    while not condition():
        threading.Event().wait(0.001)


def test_a_burst_is_served_in_arrival_order_and_at_most_slots_at_once():
    gate = Admission(slots=2)
    holds = [threading.Event() for _ in range(6)]
    admitted_order, running, most = [], [], []
    threads = []
    for i in range(6):

        def run(i=i):
            with gate.turn() as admitted:
                assert admitted
                running.append(i)
                most.append(len(running))
                admitted_order.append(i)
                holds[i].wait(10)
                running.remove(i)

        before = gate.waiting() + len(admitted_order)
        threads.append(threading.Thread(target=run))
        threads[-1].start()
        _wait_until(lambda before=before: gate.waiting() + len(admitted_order) > before)  # in line before the next
    assert admitted_order == [0, 1] and gate.waiting() == 4  # two drawing, four waiting in line
    for i in range(4):  # each release hands the turn to the first still waiting
        holds[i].set()
        _wait_until(lambda i=i: len(admitted_order) == i + 3)
        assert admitted_order[-1] == i + 2
    for h in holds:
        h.set()
    for t in threads:
        t.join(10)
    assert admitted_order == [0, 1, 2, 3, 4, 5]
    assert max(most) <= 2
    assert gate.waiting() == 0 and gate.running() == 0


def test_a_run_whose_session_moved_on_stops_waiting_and_takes_no_slot():
    gate = Admission(slots=1)
    moved, hold, out = threading.Event(), threading.Event(), []

    def first():
        with gate.turn():
            hold.wait(10)

    def second():
        with gate.turn(moved.is_set) as admitted:
            out.append(admitted)

    a = threading.Thread(target=first)
    a.start()
    while gate.waiting() or not a.is_alive():
        threading.Event().wait(0.001)
    b = threading.Thread(target=second)
    b.start()
    while gate.waiting() == 0:
        threading.Event().wait(0.001)
    moved.set()  # its session asked for the next run: this one is not wanted any more
    b.join(10)
    assert out == [False]
    assert gate.waiting() == 0
    hold.set()
    a.join(10)
    with gate.turn() as admitted:  # the slot the first held is free again, and nothing was taken by the second
        assert admitted


def test_every_page_run_takes_its_turn(monkeypatch):
    """app.py draws the page inside a turn: the page's own work runs while it holds a slot."""
    from contextlib import contextmanager

    from dashboard.web import admission, frame
    from tests.apptest import app_test

    class Recording(Admission):
        turns = 0

        @contextmanager
        def turn(self, moved_on=lambda: False):
            with super().turn(moved_on) as admitted:
                Recording.turns += 1
                yield admitted

    gate = Recording(slots=2)
    held = []
    before = frame.before
    monkeypatch.setattr(admission, "ADMISSION", gate)
    monkeypatch.setattr(frame, "before", lambda page: (held.append(gate.running()), before(page))[1])
    at = app_test("occupation", {"role": "11-3051"})
    at.run()
    assert not at.exception
    assert at.metric[0].value == "246,250"  # the page was drawn, from the real data
    assert Recording.turns == 1 and held == [1]
    assert gate.running() == 0 and gate.waiting() == 0  # and its slot given back
