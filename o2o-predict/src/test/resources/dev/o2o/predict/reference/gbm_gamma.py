"""How XGBoost 1.7.4 applies gamma (min_split_loss), for GbmGammaTest.

Run with Debian's python3 (xgboost 1.7.4, numpy 1.24):
    /usr/bin/python3 gbm_gamma.py > gbm_gamma.json

Data (rebuilt by the test from the same formulas): 400 rows i = 0..399, a = i % 2, b = (i // 2) % 2,
c = (i * 7919 % 101) / 101, y = (a xor b) + 0.3 a + 0.05 c. The root split on a gains about 8.9,
each child's split on b about 49: a greedy tree refuses the root split once gamma exceeds 8.9,
bottom-up pruning (grow first, then remove splits whose gain is below gamma and whose children are
leaves) keeps it while a child's gain (49.39 and 49.51) exceeds gamma. XGBoost 1.7.4 does the first
with tree_method=hist (the split finder refuses gains below gamma) and the second with exact (its
updater sequence ends with "prune"). One tree, depth 2, eta 1, lambda 1, base_score 0.5, min_child_weight 1, squared
error. Written for each tree_method and gamma: the leaf count, the root gain and the predictions at
the four (a, b) cells with c = 0.5.
"""
import json

import numpy as np
import xgboost as xgb

n = 400
i = np.arange(n)
a = (i % 2).astype(float)
b = ((i // 2) % 2).astype(float)
c = ((i * 7919) % 101) / 101.0
y = np.logical_xor(a, b).astype(float) + 0.3 * a + 0.05 * c
d = xgb.DMatrix(np.column_stack([a, b, c]), label=y)
cells = np.array([[0, 0, 0.5], [0, 1, 0.5], [1, 0, 0.5], [1, 1, 0.5]])
out = {"xgboost": xgb.__version__, "runs": []}
for method in ["hist", "exact"]:
    for gamma in [0.0, 8.0, 20.0, 49.45, 60.0]:
        params = {"objective": "reg:squarederror", "tree_method": method, "max_depth": 2, "eta": 1.0,
                  "lambda": 1.0, "gamma": gamma, "base_score": 0.5, "min_child_weight": 1, "max_bin": 256,
                  "nthread": 1}
        bst = xgb.train(params, d, num_boost_round=1)
        tree = json.loads(bst.get_dump(with_stats=True, dump_format="json")[0])
        leaves = bst.get_dump()[0].count("leaf=")
        out["runs"].append({"treeMethod": method, "gamma": gamma, "leaves": leaves,
                            "rootGain": tree.get("gain", 0.0),
                            "cells": [float(p) for p in bst.predict(xgb.DMatrix(cells))]})
print(json.dumps(out, indent=1))
