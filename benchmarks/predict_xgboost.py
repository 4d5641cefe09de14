"""XGBoost 1.7.4 beside GbmTrainBenchmark: the same distribution (1,000,000 rows x 50 standard normal
features, label from sigmoid(sum_{j<10} x_j/(j+1) + 0.5 x_0 x_1)), 100 trees of depth 6, eta 0.1,
max_bin 256, tree_method=hist, nthread=2. Prints the DMatrix build time and three training times.

    /usr/bin/python3 benchmarks/predict_xgboost.py
"""
import time

import numpy as np
import xgboost as xgb

rng = np.random.default_rng(1)
n, f = 1_000_000, 50
X = rng.standard_normal((n, f))
z = X[:, :10] @ (1.0 / np.arange(1, 11)) + 0.5 * X[:, 0] * X[:, 1]
y = (rng.random(n) < 1 / (1 + np.exp(-z))).astype(np.float32)
t = time.perf_counter()
d = xgb.DMatrix(X, label=y, nthread=2)
print(f"xgboost {xgb.__version__} DMatrix build {time.perf_counter() - t:.2f} s")
params = {"objective": "binary:logistic", "tree_method": "hist", "nthread": 2, "max_depth": 6, "eta": 0.1,
          "max_bin": 256, "base_score": 0.5}
for run in range(3):
    t = time.perf_counter()
    xgb.train(params, d, num_boost_round=100)
    print(f"train run {run + 1}: {time.perf_counter() - t:.2f} s")
