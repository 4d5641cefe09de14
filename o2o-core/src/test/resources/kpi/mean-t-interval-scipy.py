# Writes mean-t-interval-scipy.csv: sample means with Student-t intervals from scipy 1.10
# scipy.stats.t.interval(confidence, n - 1, loc=mean, scale=sem), numpy's std(ddof=1).
# Run: /usr/bin/python3 mean-t-interval-scipy.py
import numpy as np
import scipy
from scipy import stats

rng = np.random.default_rng(2026)
cases = [
    ("hand", [12.5, 30.0, 18.75, 42.0, 9.9], 0.95),
    ("two", [1.0, 2.0], 0.95),
    ("three-90", [100.0, 101.5, 97.25], 0.90),
    ("lognormal-50", list(np.round(rng.lognormal(4.0, 0.6, 50), 2)), 0.95),
    ("lognormal-1000-99", list(np.round(rng.lognormal(3.5, 0.8, 1000), 2)), 0.99),
    ("negative-80", list(np.round(rng.normal(-3.0, 10.0, 30), 3)), 0.80),
]
with open("mean-t-interval-scipy.csv", "w", newline="\n") as out:
    out.write(f"# scipy {scipy.__version__}, numpy {np.__version__}\n")
    out.write("case,confidence,count,mean,sd,lower,upper,values\n")
    for name, values, conf in cases:
        a = np.array(values, dtype=float)
        n = len(a)
        mean = float(a.mean())
        sd = float(a.std(ddof=1))
        lo, hi = stats.t.interval(conf, n - 1, loc=mean, scale=sd / np.sqrt(n))
        out.write(f"{name},{conf!r},{n},{mean!r},{sd!r},{float(lo)!r},{float(hi)!r},"
                  + ";".join(repr(float(v)) for v in a) + "\n")
