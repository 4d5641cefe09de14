# Expected FIRST_COME scores from pandas (1.5.3 was used): the common recipe
# pd.qcut(x.rank(method="first"), 5) with labels 1..5 (recency: 5..1).
# Run: /usr/bin/python3 reference-pandas.py
import pandas as pd

d = pd.read_csv("rfm-input.csv")
out = pd.DataFrame({"customer": d["customer"]})
out["first_r"] = pd.qcut(d["recency_days"].rank(method="first"), 5, labels=[5, 4, 3, 2, 1]).astype(int)
out["first_f"] = pd.qcut(d["frequency"].rank(method="first"), 5, labels=[1, 2, 3, 4, 5]).astype(int)
out["first_m"] = pd.qcut(d["monetary"].rank(method="first"), 5, labels=[1, 2, 3, 4, 5]).astype(int)
out.to_csv("rfm-expected-pandas.csv", index=False, lineterminator="\n")
