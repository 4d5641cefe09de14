"""Peer of EaseBenchmark.fit: numpy's closed-form EASE on MovieLens latest-small (ratings >= 4, every kept
row, lambda 500), the primal form as the issue states it (G = X'X; P = inv(G + lambda I)) and, for
comparison, the Woodbury (dual) form that o2o uses when customers < items:
lambda P = I - X' inv(lambda I + X X') X. Both B matrices are compared. Run with Debian's python:
    flock /tmp/o2o-mvn.lock /usr/bin/python3 benchmarks/peers/ease_numpy.py ../shared/data/recommend/ml-latest-small-ratings.csv
"""
import sys
import time

import numpy as np
import pandas as pd
import scipy.sparse as sp

LAMBDA = 500.0

df = pd.read_csv(sys.argv[1])
df = df[df["rating"] >= 4]
users = {u: k for k, u in enumerate(dict.fromkeys(df["userId"]))}
items = {i: k for k, i in enumerate(dict.fromkeys(df["movieId"]))}
rows = df["userId"].map(users).to_numpy()
cols = df["movieId"].map(items).to_numpy()
x = sp.csr_matrix((np.ones(len(df)), (rows, cols)), shape=(len(users), len(items)))
print(f"numpy {np.__version__}: {x.shape[0]} customers, {x.shape[1]} items, {x.nnz} kept rows, lambda {LAMBDA}")
np.show_config() if "--config" in sys.argv else None


def to_b(p):
    b = p / -np.diag(p)
    np.fill_diagonal(b, 0.0)
    return b


def primal():
    g = (x.T @ x).toarray()
    g[np.diag_indices_from(g)] += LAMBDA
    return to_b(np.linalg.inv(g))


def dual():
    k = (x @ x.T).toarray()
    k[np.diag_indices_from(k)] += LAMBDA
    w = np.linalg.solve(k, x.toarray())
    p = -(x.T @ w)
    p[np.diag_indices_from(p)] += 1.0
    return to_b(p)


for name, fit in (("primal", primal), ("dual", dual)):
    for run in range(2):
        t = time.perf_counter()
        b = fit()
        print(f"{name} run {run}: {time.perf_counter() - t:.2f} s")
    if name == "primal":
        reference = b
    else:
        print(f"max |B_dual - B_primal| / max |B| = {np.abs(b - reference).max() / np.abs(reference).max():.3e}")
