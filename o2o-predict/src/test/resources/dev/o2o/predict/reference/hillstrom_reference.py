"""Reference values for o2o-predict's Hillstrom tests.

Run with Debian's python3 (numpy 1.24, scikit-learn 1.2.1):
    /usr/bin/python3 hillstrom_reference.py /work/shared/data/uplift/hillstrom.csv > hillstrom_reference.json

scikit-uplift is not installable here (no PyPI access), so its 0.5.1 metric definitions
(qini_curve, uplift_curve, perfect_qini_curve(negative_effect=True), perfect_uplift_curve,
qini_auc_score, uplift_auc_score, uplift_at_k(strategy='overall')) are transcribed below from
its documented formulas, in numpy, with sklearn.metrics.auc for the trapezoidal areas.
"""
import json
import sys
import warnings

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import auc


def _cum(y_true, uplift, treatment):
    order = np.argsort(uplift, kind="mergesort")[::-1]
    y, u, t = y_true[order], uplift[order], treatment[order]
    y_c, y_t = y.copy(), y.copy()
    y_c[t == 1] = 0
    y_t[t == 0] = 0
    idx = np.r_[np.where(np.diff(u))[0], u.size - 1]
    n_t = np.cumsum(t, dtype=np.float64)[idx]
    s_t = np.cumsum(y_t, dtype=np.float64)[idx]
    n = (idx + 1).astype(np.float64)
    n_c = n - n_t
    s_c = np.cumsum(y_c, dtype=np.float64)[idx]
    return n, n_t, n_c, s_t, s_c


def _start_at_zero(n, v):
    if n.size == 0 or v[0] != 0 or n[0] != 0:
        n, v = np.r_[0, n], np.r_[0, v]
    return n, v


def qini_curve(y_true, uplift, treatment):
    n, n_t, n_c, s_t, s_c = _cum(y_true, uplift, treatment)
    v = s_t - s_c * np.divide(n_t, n_c, out=np.zeros_like(n_t), where=n_c != 0)
    return _start_at_zero(n, v)


def uplift_curve(y_true, uplift, treatment):
    n, n_t, n_c, s_t, s_c = _cum(y_true, uplift, treatment)
    v = (np.divide(s_t, n_t, out=np.zeros_like(s_t), where=n_t != 0)
         - np.divide(s_c, n_c, out=np.zeros_like(s_c), where=n_c != 0)) * n
    return _start_at_zero(n, v)


def perfect_qini_curve(y_true, treatment):  # negative_effect=True
    return qini_curve(y_true, y_true * treatment - y_true * (1 - treatment), treatment)


def perfect_uplift_curve(y_true, treatment):
    cr_num = np.sum((y_true == 1) & (treatment == 0))
    tn_num = np.sum((y_true == 0) & (treatment == 1))
    summand = y_true if cr_num > tn_num else treatment
    return uplift_curve(y_true, 2 * (y_true == treatment) + summand, treatment)


def _normalised(actual, perfect):
    xp, yp = perfect
    base = auc(np.array([0, xp[-1]]), np.array([0, yp[-1]]))
    return (auc(*actual) - base) / (auc(xp, yp) - base)


def qini_auc_score(y_true, uplift, treatment):
    return _normalised(qini_curve(y_true, uplift, treatment), perfect_qini_curve(y_true, treatment))


def uplift_auc_score(y_true, uplift, treatment):
    return _normalised(uplift_curve(y_true, uplift, treatment), perfect_uplift_curve(y_true, treatment))


def uplift_at_k(y_true, uplift, treatment, k):  # strategy='overall', k a float share
    order = np.argsort(uplift, kind="mergesort")[::-1]
    n_size = int(len(y_true) * k)
    y, t = y_true[order][:n_size], treatment[order][:n_size]
    return y[t == 1].mean() - y[t == 0].mean()


def main(path):
    warnings.filterwarnings("ignore")  # newton-cg reports line-search failures once at rounding level
    df = pd.read_csv(path)
    out = {"rows": int(len(df)), "arms": {}}
    for seg, g in df.groupby("segment"):
        out["arms"][seg] = {"n": int(len(g)), "visit": int(g.visit.sum()), "conversion": int(g.conversion.sum()),
                            "visitRate": float(g.visit.mean()), "conversionRate": float(g.conversion.mean())}

    # logistic regression on visit: numeric features plus one-hot zip_code and channel (every level, sorted),
    # C = 1/L, intercept unpenalised; newton-cg with a tight tolerance (lbfgs stops far from the optimum on the
    # unscaled history column), its convergence shown by the largest gradient component of the objective
    numeric = ["recency", "history", "mens", "womens", "newbie"]
    cols = list(numeric)
    X = df[numeric].astype(float)
    for c in ["zip_code", "channel"]:
        for level in sorted(df[c].unique()):
            X[c + "=" + level] = (df[c] == level).astype(float)
            cols.append(c + "=" + level)
    X = X[cols].to_numpy()
    y = df.visit.to_numpy()
    out["logistic"] = {}
    for l2 in [1.0, 100.0]:
        m = LogisticRegression(C=1.0 / l2, solver="newton-cg", tol=1e-12, max_iter=10000).fit(X, y)
        p = 1 / (1 + np.exp(-(X @ m.coef_[0] + m.intercept_[0])))
        grad = float(np.max(np.abs(np.r_[np.sum(y - p), X.T @ (y - p) - l2 * m.coef_[0]])))
        out["logistic"][repr(l2)] = {"features": cols, "intercept": float(m.intercept_[0]),
                                     "coefficients": [float(v) for v in m.coef_[0]], "maxAbsGradient": grad}

    # uplift metrics of fixed score vectors, each e-mail arm against No E-Mail, outcome visit
    out["uplift"] = {}
    rng = np.random.default_rng(20261201)
    df["random"] = np.round(rng.random(len(df)), 3)  # rounded so that there are ties
    for arm in ["Mens E-Mail", "Womens E-Mail"]:
        d = df[df.segment.isin([arm, "No E-Mail"])]
        t = (d.segment == arm).to_numpy().astype(int)
        yv = d.visit.to_numpy().astype(int)
        scores = {"history": d.history.to_numpy().astype(float),
                  "negRecency": -d.recency.to_numpy().astype(float),
                  "random": d.random.to_numpy().astype(float)}
        res = {}
        for name, s in scores.items():
            res[name] = {"qini": float(qini_auc_score(yv, s, t)), "auuc": float(uplift_auc_score(yv, s, t)),
                         "upliftAt0.1": float(uplift_at_k(yv, s, t, 0.1)),
                         "upliftAt0.3": float(uplift_at_k(yv, s, t, 0.3))}
        out["uplift"][arm] = res
    # the random scores, so that the Java test scores the same vector
    out["randomScores"] = [float(v) for v in df.random]
    json.dump(out, sys.stdout, indent=1)


if __name__ == "__main__":
    main(sys.argv[1])
