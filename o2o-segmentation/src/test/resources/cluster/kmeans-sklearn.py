# Writes kmeans-input.csv (600 customers, 3 features, four seeded blobs on different scales) and
# kmeans-sklearn.csv: for k = 3 and 4, scikit-learn 1.2.1's best k-means (StandardScaler, k-means++,
# 50 restarts), its inertia, its silhouette score and its labels. Run: /usr/bin/python3 kmeans-sklearn.py
import numpy as np
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score
from sklearn.preprocessing import StandardScaler

rng = np.random.default_rng(20261123)
centres = np.array([[10, 1, 50], [60, 2, 400], [200, 8, 90], [30, 12, 900]], dtype=float)
spread = np.array([[4, 0.5, 20], [10, 0.6, 60], [25, 1.5, 30], [8, 2.0, 120]], dtype=float)
sizes = [250, 150, 120, 80]
x = np.vstack([np.round(rng.normal(c, s, (n, 3)), 2) for c, s, n in zip(centres, spread, sizes)])
np.savetxt("kmeans-input.csv", x, delimiter=",", fmt="%.2f", header="recency_days,frequency,monetary", comments="")
xs = StandardScaler().fit_transform(x)
with open("kmeans-sklearn.csv", "w", newline="\n") as out:
    out.write("k,inertia,silhouette,labels\n")
    for k in (3, 4):
        km = KMeans(n_clusters=k, n_init=50, random_state=0, tol=0).fit(xs)
        out.write(f"{k},{float(km.inertia_)!r},{float(silhouette_score(xs, km.labels_))!r},"
                  + " ".join(str(int(l)) for l in km.labels_) + "\n")
