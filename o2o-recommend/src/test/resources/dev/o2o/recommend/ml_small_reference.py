#!/usr/bin/python3
"""Independent numpy/scipy reference for o2o-recommend's evaluation on MovieLens latest-small.

Run with Debian's python3 (numpy 1.24, scipy 1.10):
    /usr/bin/python3 ml_small_reference.py /work/shared/data/recommend/ml-latest-small-ratings.csv > ml_small_reference.json

Definitions (the Java side, dev.o2o.recommend.eval, implements the same):
- Rows: userId,movieId,rating,timestamp. --min-weight 4 keeps rows with rating >= 4; each kept
  row then has weight 1. Duplicate (user, item) rows would be summed (there are none here).
- Indexes: customers and items are numbered in order of first appearance in the TRAINING rows,
  taken in file order. Score ties are broken by the lower item index.
- Temporal split, test fraction f, min-interactions m: a customer with n kept rows, n >= m, has
  their rows sorted by (timestamp, item id as a string); the last floor(n * f) rows (n * f in
  IEEE double) are test rows, the rest training rows. Customers with n < m put all their rows
  in training and are not evaluated. min-interactions counts kept rows (after --min-weight).
- Test set of a customer: the distinct items of their test rows, less items that occur in no
  training row. Items also in the customer's own training rows (repeat events) stay in the test
  set (they count in |T|) but can never be hit, since training items are never recommended (as
  in implicit's ranking_metrics_at_k). Customers left with no test item are not evaluated.
- Recommendations: the k highest-scoring items over all training items except the customer's
  own training items.
- Recall@k = hits / min(k, |T|); NDCG@k = DCG / IDCG with DCG = sum over hit ranks r (1-based)
  of 1 / log2(r + 1) and IDCG the same over ranks 1..min(k, |T|); AP@k = sum over hit ranks r of
  (hits up to r / r), divided by min(k, |T|); hit rate = 1 if any hit. Each averaged over
  evaluated customers. Coverage = distinct items recommended to evaluated customers / items
  in training.
- Popularity: score = summed training weight of the item.
- EASE (Steck 2019), lambda = 500: G = X'X + lambda I, P = inv(G), B = -P / diag(P) by column,
  diag(B) = 0; score = x_u B, summed over the user's history items in ascending item index.
- Item kNN, neighbours = 50, shrink = 10: sim(i, j) = (x_i . x_j) / (|x_i| |x_j| + shrink) over
  item columns, norms |x_i| = sqrt(sum of squared weights); for each history item j keep its
  `neighbours` most similar items i != j with sim > 0 (ties: lower index); score(u, i) =
  sum over history items j (ascending index) of x_uj sim(j, i).
"""
import csv
import json
import math
import sys
import time

import numpy as np
import scipy.sparse as sp

K = 10
MIN_WEIGHT = 4.0
TEST_FRACTION = 0.2
MIN_INTERACTIONS = 5
LAMBDA = 500.0
NEIGHBOURS = 50
SHRINK = 10.0


def read(path):
    rows = []
    with open(path, newline="") as f:
        r = csv.reader(f)
        header = next(r)
        assert header == ["userId", "movieId", "rating", "timestamp"], header
        for u, i, rating, ts in r:
            if float(rating) >= MIN_WEIGHT:
                rows.append((u, i, int(ts)))
    return rows


def split(rows):
    by_user = {}
    for pos, (u, i, ts) in enumerate(rows):
        by_user.setdefault(u, []).append((ts, i, pos))
    test_pos = set()
    test = {}
    for u, events in by_user.items():
        n = len(events)
        if n < MIN_INTERACTIONS:
            continue
        events.sort(key=lambda e: (e[0], e[1]))
        n_test = math.floor(n * TEST_FRACTION)
        for ts, i, pos in events[n - n_test:]:
            test_pos.add(pos)
            test.setdefault(u, []).append(i)
    train = [r for pos, r in enumerate(rows) if pos not in test_pos]
    return train, test


def index(train):
    users, items = {}, {}
    for u, i, _ in train:
        users.setdefault(u, len(users))
        items.setdefault(i, len(items))
    return users, items


def matrix(train, users, items):
    r = np.array([users[u] for u, _, _ in train])
    c = np.array([items[i] for _, i, _ in train])
    x = sp.csr_matrix((np.ones(len(train)), (r, c)), shape=(len(users), len(items)))
    x.sum_duplicates()
    x.sort_indices()
    return x


def ease(x):
    g = (x.T @ x).toarray()
    g[np.diag_indices_from(g)] += LAMBDA
    p = np.linalg.inv(g)
    b = p / (-np.diag(p))
    b[np.diag_indices_from(b)] = 0.0
    return b


def knn(x):
    xc = x.tocsc()
    c = (x.T @ x).toarray()
    norms = np.sqrt(np.asarray(xc.multiply(xc).sum(axis=0)).ravel())
    s = c / (norms[:, None] * norms[None, :] + SHRINK)
    np.fill_diagonal(s, 0.0)
    n = s.shape[0]
    pruned = np.zeros_like(s)
    idx = np.arange(n)
    for j in range(n):
        row = s[j]
        order = np.lexsort((idx, -row))[:NEIGHBOURS]
        order = order[row[order] > 0]
        pruned[j, order] = row[order]
    return pruned


def scores_from_rows(m):
    def f(hist, weights):
        acc = np.zeros(m.shape[1])
        for j, w in zip(hist, weights):
            acc += w * m[j]
        return acc
    return f


def evaluate(x, users, items, test, score):
    dcg_at = 1.0 / np.log2(np.arange(2, K + 2))
    sums = np.zeros(4)
    evaluated = 0
    recommended = set()
    for u, t_items in test.items():
        if u not in users:
            continue
        cu = users[u]
        hist = x.indices[x.indptr[cu]:x.indptr[cu + 1]]
        weights = x.data[x.indptr[cu]:x.indptr[cu + 1]]
        t = {items[i] for i in t_items if i in items}
        if not t:
            continue
        evaluated += 1
        s = score(hist, weights)
        s[hist] = -np.inf
        top = np.argsort(-s, kind="stable")[:K]
        recommended.update(top.tolist())
        hits = np.array([i in t for i in top])
        denom = min(K, len(t))
        recall = hits.sum() / denom
        ndcg = (dcg_at[:K][hits]).sum() / dcg_at[:denom].sum()
        ap = (np.cumsum(hits) / np.arange(1, K + 1))[hits].sum() / denom
        sums += [recall, ndcg, ap, 1.0 if hits.any() else 0.0]
    mean = sums / evaluated
    return {"evaluatedCustomers": evaluated, "recall": mean[0], "ndcg": mean[1], "map": mean[2],
            "hitRate": mean[3], "coverage": len(recommended) / x.shape[1]}


def main(path):
    rows = read(path)
    train, test = split(rows)
    users, items = index(train)
    x = matrix(train, users, items)
    out = {"source": "ml-latest-small-ratings.csv", "keptRows": len(rows), "trainRows": len(train),
           "customers": x.shape[0], "items": x.shape[1], "k": K, "minWeight": MIN_WEIGHT,
           "testFraction": TEST_FRACTION, "minInteractions": MIN_INTERACTIONS,
           "numpy": np.__version__, "scipy": sp.__name__ and __import__("scipy").__version__}
    pop = np.asarray(x.sum(axis=0)).ravel()
    out["popularity"] = evaluate(x, users, items, test, lambda h, w: pop.copy())
    t0 = time.perf_counter()
    b = ease(x)
    ease_seconds = time.perf_counter() - t0
    out["ease"] = dict(evaluate(x, users, items, test, scores_from_rows(b)), **{"lambda": LAMBDA})
    print("ease fit seconds %.2f" % ease_seconds, file=sys.stderr)
    out["itemknn"] = dict(evaluate(x, users, items, test, scores_from_rows(knn(x))),
                          **{"neighbours": NEIGHBOURS, "shrink": SHRINK})
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main(sys.argv[1])
