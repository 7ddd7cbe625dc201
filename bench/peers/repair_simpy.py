# Peer (3): the repair-crew model in SimPy 3, process-based as SimPy intends: one process per
# component, the crew a simpy.Resource(R). Draws come from Python's random (Mersenne Twister),
# so the trajectory differs from the C++ peers; its statistics do not.
# Run with Debian's interpreter (python3-simpy3 installs there, not into a pyenv python):
#   /usr/bin/python3 repair_simpy.py [N=10000] [R=50] [T=1e6] [seed=42]
import random
import resource
import sys
import time

import simpy

N = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
R = int(sys.argv[2]) if len(sys.argv) > 2 else 50
T = float(sys.argv[3]) if len(sys.argv) > 3 else 1e6
SEED = int(sys.argv[4]) if len(sys.argv) > 4 else 42
MTTF, MTTR = 1000.0, 10.0


class Stats:
    uptime = 0.0
    failures = 0
    repairs = 0
    max_queue = 0


def component(env, crew, rng, st):
    while True:
        up = rng.expovariate(1.0 / MTTF)
        st.uptime += min(up, T - env.now)
        yield env.timeout(up)
        st.failures += 1
        with crew.request() as req:
            st.max_queue = max(st.max_queue, len(crew.queue))
            yield req
            yield env.timeout(rng.expovariate(1.0 / MTTR))
        st.repairs += 1


def main():
    t0 = time.perf_counter()
    rng = random.Random(SEED)
    env = simpy.Environment()
    crew = simpy.Resource(env, capacity=R)
    st = Stats()
    for _ in range(N):
        env.process(component(env, crew, rng, st))
    env.run(until=T)
    wall = time.perf_counter() - t0
    events = st.failures + st.repairs
    rss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    print(f"impl=simpy-{simpy.__version__} events={events} failures={st.failures} "
          f"repairs={st.repairs} max_queue={st.max_queue} availability={st.uptime / (N * T):.5f} "
          f"wall_s={wall:.3f} events_per_s={events / wall:.0f} peak_rss_mib={rss_mib:.1f}")


if __name__ == "__main__":
    main()
