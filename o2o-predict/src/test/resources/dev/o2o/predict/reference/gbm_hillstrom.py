"""XGBoost 1.7.4 (tree_method=hist) test AUC on Hillstrom `visit`, for GbmHillstromTest.

Run with Debian's python3:
    /usr/bin/python3 gbm_hillstrom.py /work/shared/data/uplift/hillstrom.csv > gbm_hillstrom.json
Features: recency, history, mens, womens, newbie and one-hot zip_code and channel (levels sorted);
test rows are those whose 0-based data-row index i has i % 10 in {0, 1, 2}, the rest train.
"""
import json
import sys

import numpy as np
import pandas as pd
import xgboost as xgb
from sklearn.metrics import roc_auc_score

df = pd.read_csv(sys.argv[1])
cols = ["recency", "history", "mens", "womens", "newbie"]
X = df[cols].astype(float)
for c in ["zip_code", "channel"]:
    for level in sorted(df[c].unique()):
        X[c + "=" + level] = (df[c] == level).astype(float)
X = X.to_numpy()
y = df.visit.to_numpy()
test = np.arange(len(df)) % 10 < 3
out = {"features": cols, "runs": []}
for params in [
    {"max_depth": 6, "eta": 0.1, "rounds": 100, "lambda": 1.0, "min_child_weight": 1.0, "max_bin": 256},
    {"max_depth": 3, "eta": 0.3, "rounds": 50, "lambda": 5.0, "min_child_weight": 10.0, "max_bin": 64},
]:
    p = {"objective": "binary:logistic", "tree_method": "hist", "nthread": 2, "max_depth": params["max_depth"],
         "eta": params["eta"], "lambda": params["lambda"], "min_child_weight": params["min_child_weight"],
         "max_bin": params["max_bin"], "base_score": 0.5}
    b = xgb.train(p, xgb.DMatrix(X[~test], label=y[~test]), num_boost_round=params["rounds"])
    pred = b.predict(xgb.DMatrix(X[test]))
    out["runs"].append({"params": params, "testAuc": float(roc_auc_score(y[test], pred)),
                        "trainRows": int((~test).sum()), "testRows": int(test.sum())})
json.dump(out, sys.stdout, indent=1)
