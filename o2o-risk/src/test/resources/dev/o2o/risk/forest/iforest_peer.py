"""Peer for IsolationForestReferenceTest: scikit-learn's IsolationForest on a seeded labelled set.

Run from this directory with Debian's python (numpy, scikit-learn 1.2.1):
    /usr/bin/python3 iforest_peer.py
Writes iforest_data.csv (features x0..x5 and label: 1 = injected anomaly), iforest_sklearn.csv
(score_samples of every row, seed 0) and iforest_sklearn.json (versions, AUC per seed, score
quantiles). The Java test reads these files; the build never runs python.
"""
import json

import numpy as np
import sklearn
from sklearn.ensemble import IsolationForest
from sklearn.metrics import roc_auc_score

rng = np.random.default_rng(20081215)
d = 6
# ordinary rows: two correlated Gaussian clusters (e.g. weekday and weekend shoppers)
cov = 0.6 * np.ones((d, d)) + 0.4 * np.eye(d)
a = rng.multivariate_normal(np.zeros(d), cov, size=1200)
b = rng.multivariate_normal(np.full(d, 3.0), cov, size=700)
# anomalies: a wide Gaussian (overlapping the clusters, so the task is not trivial)
# and a few rows that break the correlation only
wide = rng.normal(1.5, 2.5, size=(70, d))
decorrelated = rng.normal(0.0, 1.0, size=(30, d)) * np.array([2.0, -2.0, 2.0, -2.0, 2.0, -2.0]) / 1.5
X = np.vstack([a, b, wide, decorrelated])
y = np.concatenate([np.zeros(1900), np.ones(100)]).astype(int)
perm = rng.permutation(len(y))
X, y = X[perm], y[perm]

with open("iforest_data.csv", "w") as f:
    f.write(",".join(f"x{j}" for j in range(d)) + ",label\n")
    for row, label in zip(X, y):
        f.write(",".join(repr(float(v)) for v in row) + f",{label}\n")

aucs = []
for seed in range(10):
    forest = IsolationForest(n_estimators=100, max_samples=256, random_state=seed).fit(X)
    s = forest.score_samples(X)
    aucs.append(roc_auc_score(y, -s))
    if seed == 0:
        first = s
with open("iforest_sklearn.csv", "w") as f:
    f.write("score_samples\n")
    for v in first:
        f.write(repr(float(v)) + "\n")
qs = [0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99]
out = {
    "sklearn": sklearn.__version__,
    "numpy": np.__version__,
    "n_estimators": 100,
    "max_samples": 256,
    "auc_per_seed": aucs,
    "auc_mean": float(np.mean(aucs)),
    "score_samples_mean": float(np.mean(first)),
    "score_samples_quantiles": {str(q): float(np.quantile(first, q)) for q in qs},
}
with open("iforest_sklearn.json", "w") as f:
    json.dump(out, f, indent=2)
print(json.dumps(out, indent=2))
