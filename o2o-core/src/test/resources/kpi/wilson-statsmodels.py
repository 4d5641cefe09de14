# Writes wilson-statsmodels.csv: Wilson score intervals from statsmodels 0.13.5
# proportion_confint(method="wilson"). Run: /usr/bin/python3 wilson-statsmodels.py
from statsmodels.stats.proportion import proportion_confint

cases = [(0, 10, 0.95), (1, 10, 0.95), (5, 10, 0.95), (10, 10, 0.95), (37, 1000, 0.95), (37, 1000, 0.99),
         (812, 950, 0.90), (1, 1_000_000, 0.95), (499_999, 1_000_000, 0.999), (3, 7, 0.8)]
with open("wilson-statsmodels.csv", "w", newline="\n") as out:
    out.write("successes,trials,confidence,lower,upper\n")
    for k, n, conf in cases:
        lo, hi = proportion_confint(k, n, alpha=1 - conf, method="wilson")
        out.write(f"{k},{n},{conf!r},{float(lo)!r},{float(hi)!r}\n")
