"""The same M/M/c as chancery_domain::consular::queue::mmc, in SimPy, for the speed comparison.

c servers (a simpy.Resource of capacity c), Poisson arrivals at rate lambda per day, exponential
service at rate mu per day, FCFS, arrivals in [0, days) from an empty system, each arrival's
wait in queue recorded (also when served after the horizon), `replications` runs with seeds
seed + r. Prints one JSON line: mean/p50/p90 wait, utilisation, applicants, elapsed seconds.

    python3 mmc.py '{"servers":20,"arrival_rate_per_day":180,"service_rate_per_day":10,
                     "days":1000,"seed":1,"replications":5}'
"""

import json
import random
import statistics
import sys
import time

import simpy


def replicate(servers, lam, mu, days, seed):
    rng = random.Random(seed)
    env = simpy.Environment()
    desk = simpy.Resource(env, capacity=servers)
    waits = []
    busy = [0.0]

    def applicant(arrived):
        with desk.request() as req:
            yield req
            start = env.now
            waits.append(start - arrived)
            service = rng.expovariate(mu)
            if start < days:
                busy[0] += min(start + service, days) - start
            yield env.timeout(service)

    def arrivals():
        while True:
            yield env.timeout(rng.expovariate(lam))
            if env.now >= days:
                return
            env.process(applicant(env.now))

    env.process(arrivals())
    env.run()
    waits.sort()
    n = len(waits)

    def q(p):
        return waits[min(n - 1, max(0, int(-(-p * n // 1)) - 1))] if n else 0.0

    return {
        "mean": sum(waits) / n if n else 0.0,
        "p50": q(0.5),
        "p90": q(0.9),
        "utilisation": busy[0] / (servers * days),
        "applicants": n,
    }


def main():
    req = json.loads(sys.argv[1] if len(sys.argv) > 1 else sys.stdin.read())
    start = time.perf_counter()
    runs = [
        replicate(
            req["servers"],
            req["arrival_rate_per_day"],
            req["service_rate_per_day"],
            req["days"],
            req.get("seed", 1) + r,
        )
        for r in range(req.get("replications", 10))
    ]
    elapsed = time.perf_counter() - start
    applicants = sum(r["applicants"] for r in runs)
    print(
        json.dumps(
            {
                "wait_days": {k: statistics.fmean(r[k] for r in runs) for k in ("mean", "p50", "p90")},
                "utilisation": statistics.fmean(r["utilisation"] for r in runs),
                "applicants": applicants,
                "elapsed_seconds": elapsed,
                "seconds_per_applicant": elapsed / max(1, applicants),
            }
        )
    )


if __name__ == "__main__":
    main()
