"""Small XGBoost models and their predictions, for XgboostModelTest.

Run with Debian's python3 (xgboost 1.7.4, numpy 1.24):
    /usr/bin/python3 xgboost_models.py
Writes xgb_data.csv (600 rows, 5 features with missing cells, label, target), and for each model
xgb_<name>.json (booster.save_model) and xgb_<name>_pred.csv (booster.predict on every row).
"""
import numpy as np
import xgboost as xgb

rng = np.random.default_rng(7)
n = 600
X = rng.normal(size=(n, 5))
X[:, 3] = np.round(X[:, 3] * 3)  # a few distinct values, so that rows sit on split conditions
X[rng.random((n, 5)) < 0.1] = np.nan
z = 1.2 * np.nan_to_num(X[:, 0]) - 0.8 * np.nan_to_num(X[:, 1], nan=1.0) + 0.5 * np.nan_to_num(X[:, 3]) * (X[:, 2] > 0)
label = (rng.random(n) < 1 / (1 + np.exp(-z))).astype(int)
target = z + rng.normal(scale=0.3, size=n)
with open("xgb_data.csv", "w") as f:
    f.write("f0,f1,f2,f3,f4,label,target\n")
    for i in range(n):
        f.write(",".join("" if np.isnan(v) else repr(float(v)) for v in X[i]) + f",{label[i]},{repr(float(target[i]))}\n")

models = {
    "logistic": ({"objective": "binary:logistic", "max_depth": 4, "eta": 0.3, "tree_method": "hist"}, label, 20),
    "squared": ({"objective": "reg:squarederror", "max_depth": 3, "eta": 0.1, "tree_method": "hist",
                 "subsample": 0.8, "seed": 3}, target, 30),
}
for name, (params, y, rounds) in models.items():
    d = xgb.DMatrix(X, label=y, missing=np.nan, feature_names=["f0", "f1", "f2", "f3", "f4"])
    b = xgb.train(params, d, num_boost_round=rounds)
    b.save_model(f"xgb_{name}.json")
    p = b.predict(d)
    with open(f"xgb_{name}_pred.csv", "w") as f:
        f.write("prediction\n")
        for v in p:
            f.write(repr(float(v)) + "\n")
