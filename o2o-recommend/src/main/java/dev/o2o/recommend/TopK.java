package dev.o2o.recommend;

/**
 * Selection of the K best candidates by score, ties to the lower item index, optionally under a
 * per-group cap. Without a cap it keeps a bounded heap of K (O(n log K)); with a cap it heapifies
 * every candidate and pops until K are accepted, so capped groups never shorten the list while
 * other candidates remain.
 *
 * <p>Stateless and thread-safe.
 */
final class TopK {

    /** A cap consulted in rank order; {@code tryTake} accepts and counts, or refuses. */
    interface Groups {
        boolean tryTake(int item);
    }

    private TopK() {
    }

    /** Positions (into scores/items) of the chosen candidates, best first. */
    static int[] select(double[] scores, int[] items, int count, int k, Groups groups) {
        if (groups == null) {
            return bounded(scores, items, count, k);
        }
        int[] heap = new int[count];
        for (int p = 0; p < count; p++) {
            heap[p] = p;
        }
        // max-heap on "better"
        for (int p = count / 2 - 1; p >= 0; p--) {
            siftDown(heap, p, count, scores, items, true);
        }
        int[] out = new int[Math.min(k, count)];
        int taken = 0;
        int size = count;
        while (taken < out.length && size > 0) {
            int top = heap[0];
            heap[0] = heap[--size];
            siftDown(heap, 0, size, scores, items, true);
            if (groups.tryTake(items[top])) {
                out[taken++] = top;
            }
        }
        return taken == out.length ? out : java.util.Arrays.copyOf(out, taken);
    }

    private static int[] bounded(double[] scores, int[] items, int count, int k) {
        int cap = Math.min(k, count);
        int[] heap = new int[cap];
        int size = 0;
        // min-heap on "better": the root is the worst kept candidate
        for (int p = 0; p < count; p++) {
            if (size < cap) {
                heap[size] = p;
                int c = size++;
                while (c > 0) {
                    int parent = (c - 1) / 2;
                    if (better(scores, items, heap[parent], heap[c])) {
                        int t = heap[parent];
                        heap[parent] = heap[c];
                        heap[c] = t;
                        c = parent;
                    } else {
                        break;
                    }
                }
            } else if (cap > 0 && better(scores, items, p, heap[0])) {
                heap[0] = p;
                siftDown(heap, 0, size, scores, items, false);
            }
        }
        int[] out = new int[size];
        for (int r = size - 1; r >= 0; r--) {
            out[r] = heap[0];
            heap[0] = heap[--size];
            siftDown(heap, 0, size, scores, items, false);
        }
        return out;
    }

    /** Whether candidate a ranks before candidate b. */
    static boolean better(double[] scores, int[] items, int a, int b) {
        double sa = scores[a];
        double sb = scores[b];
        return sa > sb || (sa == sb && items[a] < items[b]);
    }

    private static void siftDown(int[] heap, int p, int size, double[] scores, int[] items, boolean max) {
        while (true) {
            int l = 2 * p + 1;
            if (l >= size) {
                return;
            }
            int r = l + 1;
            int pick = l;
            if (r < size && (max ? better(scores, items, heap[r], heap[l]) : better(scores, items, heap[l], heap[r]))) {
                pick = r;
            }
            boolean swap = max ? better(scores, items, heap[pick], heap[p]) : better(scores, items, heap[p], heap[pick]);
            if (!swap) {
                return;
            }
            int t = heap[p];
            heap[p] = heap[pick];
            heap[pick] = t;
            p = pick;
        }
    }
}
