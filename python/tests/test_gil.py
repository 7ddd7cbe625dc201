"""The GIL is released while the library runs: another Python thread keeps going."""

import threading
import time

import rackscale


def test_a_second_thread_progresses_while_a_plan_runs(root):
    scenario = rackscale.load(root / "examples/flagship.yaml")
    span = {}
    ticks = []
    done = threading.Event()

    def run_plan():
        span["start"] = time.perf_counter()
        scenario.plan(runs=300, seed=1, threads=1)
        span["end"] = time.perf_counter()
        done.set()

    def tick():  # pure Python: it runs only while it holds the GIL
        while not done.is_set():
            ticks.append(time.perf_counter())
            time.sleep(0.002)

    planner = threading.Thread(target=run_plan)
    ticker = threading.Thread(target=tick)
    planner.start()
    ticker.start()
    planner.join()
    ticker.join()
    # Held for the whole plan, the GIL would let no tick fall inside it (the switch interval is
    # 5 ms, the plan far longer). Released, the ticker wakes every few milliseconds; allow for a
    # loaded machine: at least one tick per 50 ms of the plan.
    inner = [t for t in ticks if span["start"] + 0.01 < t < span["end"] - 0.01]
    duration = span["end"] - span["start"]
    assert duration > 0.1
    assert len(inner) >= duration / 0.05, (len(inner), duration)
