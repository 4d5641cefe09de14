# Writes experiments-statsmodels.csv: A/B test statistics from statsmodels 0.13.5 and scipy 1.10.1
# (Debian 12 packages) for the cases of ExperimentsPeerTest. Run: /usr/bin/python3 reference-statsmodels.py
# Each row: case, quantity, value (17 significant digits).
import numpy as np
from scipy import stats
from statsmodels.stats.proportion import (proportions_ztest, confint_proportions_2indep,
                                          samplesize_proportions_2indep_onetail)
from statsmodels.stats.weightstats import CompareMeans, DescrStatsW

rows = []


def put(case, quantity, value):
    rows.append(f"{case},{quantity},{float(value)!r}")


# two proportions: (successes A, trials A, successes B, trials B, confidence)
for i, (sa, na, sb, nb, conf) in enumerate([(200, 1000, 250, 1000, 0.95), (12, 480, 31, 512, 0.90),
                                            (4030, 50000, 4211, 50100, 0.99), (3, 40, 9, 38, 0.95)]):
    case = f"prop{i}"
    z, p = proportions_ztest([sb, sa], [nb, na])  # pooled variance, B - A
    put(case, "statistic", z)
    put(case, "p", p)
    lo, hi = confint_proportions_2indep(sb, nb, sa, na, method="wald", compare="diff", alpha=1 - conf)
    put(case, "lower", lo)
    put(case, "upper", hi)
    lo, hi = confint_proportions_2indep(sb, nb, sa, na, method="log", compare="ratio", alpha=1 - conf)
    put(case, "liftLower", lo - 1)
    put(case, "liftUpper", hi - 1)

# Welch: seeded samples
rng = np.random.default_rng(20261123)
for i, (ma, sda, na_, mb, sdb, nb_, conf) in enumerate([(20, 4, 30, 22, 6, 25, 0.95), (100, 30, 12, 95, 5, 200, 0.90)]):
    a = np.round(rng.normal(ma, sda, na_), 2)
    b = np.round(rng.normal(mb, sdb, nb_), 2)
    case = f"welch{i}"
    for k, v in enumerate(a):
        put(case, f"a_{k}", v)
    for k, v in enumerate(b):
        put(case, f"b_{k}", v)
    t, p = stats.ttest_ind(b, a, equal_var=False)
    put(case, "statistic", t)
    put(case, "p", p)
    cm = CompareMeans(DescrStatsW(b), DescrStatsW(a))
    lo, hi = cm.tconfint_diff(alpha=1 - conf, usevar="unequal")
    put(case, "lower", lo)
    put(case, "upper", hi)

# chi-square test of independence without continuity correction
for i, table in enumerate([[[120, 80, 50], [90, 110, 60]], [[30, 10], [20, 25]], [[5, 7, 9, 11], [13, 2, 8, 4], [6, 6, 6, 7]]]):
    chi2, p, dof, _ = stats.chi2_contingency(np.array(table), correction=False)
    case = f"chi{i}"
    put(case, "statistic", chi2)
    put(case, "p", p)
    put(case, "df", dof)

# sample size per group for two proportions, two-sided, equal groups: (baseline, mde, alpha, power)
for i, (p1, mde, alpha, power) in enumerate([(0.5, 0.1, 0.05, 0.8), (0.05, 0.01, 0.05, 0.9), (0.2, -0.03, 0.01, 0.8)]):
    n = samplesize_proportions_2indep_onetail(diff=mde, prop2=p1, power=power, ratio=1, alpha=alpha,
                                              alternative="two-sided")
    put(f"size{i}", "n", n)

with open("experiments-statsmodels.csv", "w", newline="\n") as out:
    out.write("case,quantity,value\n")
    out.write("\n".join(rows) + "\n")
