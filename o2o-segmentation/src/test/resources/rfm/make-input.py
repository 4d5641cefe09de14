# Writes rfm-input.csv: 257 customers with many ties (integer days and order counts, money in cents).
# Run: /usr/bin/python3 make-input.py   (standard library only; seeded)
import random

rnd = random.Random(20261123)
with open("rfm-input.csv", "w", newline="\n") as out:
    out.write("customer,recency_days,frequency,monetary\n")
    for i in range(257):
        recency = min(400, int(rnd.expovariate(1 / 90)))
        frequency = 1 + min(11, int(rnd.expovariate(1 / 1.8)))
        cents = rnd.choice([1990, 4990, 9900]) * frequency if rnd.random() < 0.2 else rnd.randint(500, 60000)
        out.write(f"c{i:03d},{recency},{frequency},{cents // 100}.{cents % 100:02d}\n")
