"""Peer of IsolationForestBenchmark: scikit-learn's IsolationForest(n_estimators=100, max_samples=256,
n_jobs=2) fit and score_samples on 1,000,000 rows x 10 features of the same distribution (99 % standard
normal, 1 % four times wider; numpy draws, not the same numbers). Run with Debian's python:
    flock /tmp/o2o-mvn.lock /usr/bin/python3 benchmarks/peers/iforest_sklearn.py
"""
import time

import numpy as np
import sklearn
from sklearn.ensemble import IsolationForest

rng = np.random.default_rng(7)
X = rng.standard_normal((1_000_000, 10))
X[rng.random(1_000_000) < 0.01] *= 4
print("sklearn", sklearn.__version__, "numpy", np.__version__)
for i in range(3):
    t = time.perf_counter()
    f = IsolationForest(n_estimators=100, max_samples=256, n_jobs=2, random_state=i).fit(X)
    fit = time.perf_counter() - t
    s = f.score_samples(X)
    total = time.perf_counter() - t
    print(f"run {i}: fit {fit:.2f} s, fit+score_samples {total:.2f} s (mean score {s.mean():.4f})")
