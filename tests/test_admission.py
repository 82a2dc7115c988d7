"""A class arriving at once: page runs take turns (store.admitted), shared results are built once
(derived.Memo.result, tests/test_derived.py) and the background warm-up waits for a quiet moment."""

import threading
import time

from dashboard.web import store


def test_page_runs_take_turns_in_order():
    assert store.RUNS_AT_ONCE == 1
    log, first_in, release = [], threading.Event(), threading.Event()

    def run(name, hold=None):
        with store.admitted():
            log.append(f"{name} in")
            if hold:
                first_in.set()
                hold.wait(5)
            log.append(f"{name} out")

    a = threading.Thread(target=run, args=("a", release))
    a.start()
    first_in.wait(5)
    others = [threading.Thread(target=run, args=(n,)) for n in ("b", "c")]
    for t in others:
        t.start()
        time.sleep(0.1)  # b asks before c
    assert log == ["a in"]  # b and c wait while a works
    release.set()
    for t in [a, *others]:
        t.join(5)
    assert log == ["a in", "a out", "b in", "b out", "c in", "c out"]


def test_a_run_that_fails_gives_its_turn_back():
    try:
        with store.admitted():
            raise ValueError("a page that raised")
    except ValueError:
        pass
    done = threading.Event()

    def run():
        with store.admitted():
            done.set()

    threading.Thread(target=run).start()
    assert done.wait(2)


def test_the_warm_up_waits_while_runs_work_or_wait():
    release, quiet = threading.Event(), threading.Event()

    def visitor():
        with store.admitted():
            release.wait(5)

    def warm_up_step():
        store.when_quiet()
        quiet.set()

    threading.Thread(target=visitor).start()
    time.sleep(0.1)
    threading.Thread(target=warm_up_step).start()
    assert not quiet.wait(1.0)  # a run is working: the step waits
    release.set()
    assert quiet.wait(3)  # no run for QUIET_S: the step goes on


def test_a_quiet_server_warms_up_without_waiting():
    store.when_quiet()  # whatever ran before this test
    time.sleep(store.QUIET_S)
    t = time.monotonic()
    for _ in range(50):  # the in-demand lists pause before each of ~50 areas
        store.when_quiet()
    assert time.monotonic() - t < 0.05


def test_a_setting_that_is_no_count_means_one_run_at_a_time():
    assert [store._runs_at_once(v) for v in (None, "", "2", "0", "-3", "two", "1.5")] == [1, 1, 2, 1, 1, 1, 1]
