#!/usr/bin/python3
"""The pandas peer of RfmBenchmark (benchmarks/RESULTS.md, section cli).

Quintile scores of 10,000,000 customers with ties in one bin: per column, the type-7 quantile
breaks (pandas' default linear interpolation) and numpy searchsorted, recency reversed; the
same synthetic shape as RfmBenchmark (recency whole days 0..729, frequency 1 + floor(Exp(mean 3)),
monetary log-uniform cents). Prints the best and median of the timed runs of the scoring call
alone (data generation untimed), in seconds.

Usage: /usr/bin/python3 benchmarks/peers/rfm_pandas.py [CUSTOMERS [RUNS]]
"""
import sys
import time

import numpy as np
import pandas as pd


def score(df, bins=5):
    probs = [k / bins for k in range(1, bins)]
    out = {}
    for col, reverse in (("recency", True), ("frequency", False), ("monetary", False)):
        breaks = df[col].quantile(probs).to_numpy()
        # a value equal to a break goes to the lower bin: scores 1..bins, ties always together
        s = np.searchsorted(breaks, df[col].to_numpy(), side="left") + 1
        out[col] = (bins + 1 - s) if reverse else s
    return pd.DataFrame(out, index=df.index)


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000_000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    rng = np.random.default_rng(20261123)
    df = pd.DataFrame({
        "recency": rng.integers(0, 730, n).astype(np.float64),
        "frequency": 1 + np.floor(rng.exponential(3.0, n)),
        "monetary": np.round(np.exp(3 + rng.random(n) * 3) * 100) / 100,
    })
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        s = score(df)
        times.append(time.perf_counter() - t0)
    times.sort()
    print(f"pandas {pd.__version__} numpy {np.__version__}: {n} customers, {runs} runs: "
          f"best {times[0]:.3f} s, median {times[len(times) // 2]:.3f} s "
          f"(check: mean R {s['recency'].mean():.3f})")


if __name__ == "__main__":
    main()
