"""Bottom-up gamma pruning against XGBoost 1.7.4's tree_method=exact, for GbmGammaTest.

Run with Debian's python3 (xgboost 1.7.4, numpy 1.24):
    /usr/bin/python3 gbm_gamma_exact.py > gbm_gamma_exact.json

Data (rebuilt by the test from the same formulas, no random numbers): 600 rows i = 0..599,
x0 = i % 8, x1 = (i // 8) % 8, x2 = (i * 37) % 11, x3 = (i * 7919) % 13 (integers, so that exact's
mid-point thresholds and histogram cut values send every row the same way),
y = ((x0 > 3) xor (x1 > 3)) + 0.1 x2 + 0.02 x3 + 0.3 sin(i). Three trees of depth 4, eta 0.5,
lambda 1, base_score 0.5, min_child_weight 1, squared error. For each tree_method (exact prunes
bottom-up, hist refuses splits as it finds them) and gamma: the leaves of each tree and the
prediction of every row.
"""
import json

import numpy as np
import xgboost as xgb

n = 600
i = np.arange(n)
x0 = (i % 8).astype(float)
x1 = ((i // 8) % 8).astype(float)
x2 = ((i * 37) % 11).astype(float)
x3 = ((i * 7919) % 13).astype(float)
y = np.logical_xor(x0 > 3, x1 > 3).astype(float) + 0.1 * x2 + 0.02 * x3 + 0.3 * np.sin(i)
X = np.column_stack([x0, x1, x2, x3])
d = xgb.DMatrix(X, label=y)
out = {"xgboost": xgb.__version__, "runs": []}
for method in ["exact", "hist"]:
    for gamma in [0.0, 0.3, 1.0, 2.0, 3.0, 4.0, 6.0, 10.0, 25.0, 60.0]:
        params = {"objective": "reg:squarederror", "tree_method": method, "max_depth": 4, "eta": 0.5,
                  "lambda": 1.0, "gamma": gamma, "base_score": 0.5, "min_child_weight": 1, "max_bin": 256,
                  "nthread": 1}
        bst = xgb.train(params, d, num_boost_round=3)
        leaves = [t.count("leaf=") for t in bst.get_dump()]
        out["runs"].append({"treeMethod": method, "gamma": gamma, "leaves": leaves,
                            "predictions": [float("%.9g" % p) for p in bst.predict(d)]})
print(json.dumps(out))
