# Writes log2f1-mpmath.csv: ln 2F1(a, b; c; z) to 30 significant digits by mpmath (1.2.1 was used, 60 digits),
# on the parameter shapes of the BG/NBD, MBG/NBD and Pareto/NBD likelihoods, up to thousands of
# purchases. Run: /usr/bin/python3 log2f1-mpmath.py
import mpmath

mpmath.mp.dps = 60
rows = []
zs = ["0.001", "0.2", "0.5", "0.9", "0.99", "0.999", "0.99999", "0.9999999"]
# Pareto/NBD: a = r + s + x, c = a + 1, b = s + 1 or r + x
for r, s, x in [("0.553", "0.606", 0), ("0.553", "0.606", 7), ("0.553", "0.606", 120), ("2.1", "0.3", 800),
                ("0.05", "4.0", 5000), ("0.02", "0.01", 0)]:
    a = mpmath.mpf(r) + mpmath.mpf(s) + x
    for b in [mpmath.mpf(s) + 1, mpmath.mpf(r) + x]:
        rows += [(a, b, a + 1, mpmath.mpf(z)) for z in zs]
# BG/NBD conditional expectation: 2F1(r + x, b + x; a + b + x - 1; z), and MBG/NBD's b + x + 1
for r, a_, b_, x in [("0.243", "0.793", "2.426", 0), ("0.243", "0.793", "2.426", 14), ("0.5", "1.2", "0.9", 300)]:
    r, a_, b_ = mpmath.mpf(r), mpmath.mpf(a_), mpmath.mpf(b_)
    for bb in [b_ + x, b_ + x + 1]:
        rows += [(r + x, bb, a_ + b_ + x - 1 if a_ + b_ + x - 1 > 0 else a_ + b_ + x, mpmath.mpf(z))
                 for z in ["0.1", "0.6", "0.95", "0.999"]]
with open("log2f1-mpmath.csv", "w", newline="\n") as out:
    out.write("a,b,c,z,log2f1\n")
    for row in rows:
        # the parameters are rounded to doubles first, so that Java reads exactly the same numbers
        a, b, c, z = (float(t) for t in row)
        v = mpmath.log(mpmath.hyp2f1(mpmath.mpf(a), mpmath.mpf(b), mpmath.mpf(c), mpmath.mpf(z)))
        out.write(",".join(repr(t) for t in (a, b, c, z)) + "," + mpmath.nstr(v, 30) + "\n")
