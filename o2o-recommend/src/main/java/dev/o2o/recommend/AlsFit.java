package dev.o2o.recommend;

import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;

/**
 * The alternating sweeps of {@link AlsModel}'s fit: each row's system
 * {@code (YᵀY + λI + Σ (cᵢ − 1) yᵢyᵢᵀ) x = Σ cᵢ yᵢ} solved by a few conjugate-gradient steps
 * warm-started from the current factors.
 *
 * <p>What the layout buys (see benchmarks/RESULTS.md, {@code AlsBenchmark.fit15}): the rows of a
 * task (up to {@value #TASK_ROWS} consecutive rows) run their CG steps in lockstep, with the CG
 * vectors stored transposed (factor-major, f × rows). The dense product {@code (YᵀY + λI)·P} of
 * the whole task is then a sum of scaled rows running over the task's rows, long contiguous loops
 * that the JIT turns into SIMD instructions; per row, over f = 64 doubles, the loops were too
 * short for that, and the dot-product form (a floating-point reduction) stays scalar. The rows'
 * fixed factors are gathered once per task, widened to double, into a contiguous block that every
 * CG step reads from cache instead of fetching scattered rows of the whole factor matrix again;
 * a task holds at most {@code blockEntries} entries unless one row alone has more, and such a row
 * is gathered chunk by chunk in each step instead. Work buffers are reused across tasks.
 *
 * <p>Determinism: each row's arithmetic is the same whichever task holds it (rows in lockstep do
 * not interact), tasks are cut from the data alone, and Gram matrices are summed over fixed row
 * ranges in range order, so the factors depend on the seed only, never on how the common
 * fork-join pool schedules the work. Not thread-safe; one instance per fit.
 */
final class AlsFit {

    /** Entries whose gathered factors stay resident across a task's CG steps (2 MiB at f = 64). */
    static final int BLOCK_ENTRIES = 4096;
    /**
     * A row with more entries than a block but at most this many is gathered whole, once, like a
     * task (270 MiB at f = 64); a longer one is gathered chunk by chunk in every CG step. The item
     * sweep's most popular items are such rows: re-gathering them in each of the 1 + cgSteps + 1
     * passes cost more than half of its random reads of the customer factors.
     */
    static final int ROW_ENTRIES = 1 << 19;
    /**
     * How many entries ahead {@link Workspace#gather} touches the row it will copy. The item sweep
     * reads the customer factors (256 MB at 1 M customers) at random; copying a row waits for its
     * cache misses, which the touches start early (item sweep 3.2 -&gt; 2.6 s at 1 M customers).
     */
    static final int AHEAD = 8;
    /** Rows solved in lockstep by one task: the length of the vectorised loops. */
    static final int TASK_ROWS = 256;
    /** Rows per partial sum of a Gram matrix (fixed, for determinism). */
    private static final int GRAM_ROWS_PER_PART = 8192;

    private final int f;
    private final double alpha;
    private final int cgSteps;
    private final int blockEntries;
    private final int rowEntries;
    private final ConcurrentLinkedQueue<Workspace> spare = new ConcurrentLinkedQueue<>();

    AlsFit(int factors, double alpha, int cgSteps) {
        this(factors, alpha, cgSteps, BLOCK_ENTRIES, ROW_ENTRIES);
    }

    /** With smaller {@code blockEntries} and {@code rowEntries}, tests reach every path on small data. */
    AlsFit(int factors, double alpha, int cgSteps, int blockEntries, int rowEntries) {
        this.f = factors;
        this.alpha = alpha;
        this.cgSteps = cgSteps;
        this.blockEntries = blockEntries;
        this.rowEntries = Math.max(blockEntries, rowEntries);
    }

    /**
     * {@code YᵀY + λI} (f×f row-major) of the {@code rows} rows of {@code y}: partial sums over
     * fixed ranges of rows, in parallel, added in range order.
     */
    static double[] gram(float[] y, int rows, int f, double lambda) {
        int parts = Math.max(1, (rows + GRAM_ROWS_PER_PART - 1) / GRAM_ROWS_PER_PART);
        double[][] partial = new double[parts][];
        IntStream.range(0, parts).parallel().forEach(part -> {
            double[][] g = new double[f][f];
            double[] row = new double[f];
            int end = Math.min(rows, (part + 1) * GRAM_ROWS_PER_PART);
            for (int i = part * GRAM_ROWS_PER_PART; i < end; i++) {
                widen(y, i * f, f, row);
                for (int a = 0; a < f; a++) {
                    axpy(row[a], row, g[a], f);
                }
            }
            partial[part] = flatten(g, f);
        });
        double[] g = partial[0];
        for (int part = 1; part < parts; part++) {
            for (int k = 0; k < g.length; k++) {
                g[k] += partial[part][k];
            }
        }
        for (int a = 0; a < f; a++) {
            g[a * f + a] += lambda;
        }
        return g;
    }

    /**
     * Updates every row of {@code x} (rows × f) against the fixed {@code y}; row u's entries are
     * {@code (idx, w)[ptr[u], ptr[u+1])}, indices into y's rows.
     */
    void sweep(float[] x, float[] y, int rows, int[] ptr, int[] idx, double[] w, double lambda) {
        double[] yty = gram(y, y.length / f, f, lambda);
        int[] starts = tasks(ptr, rows);
        IntStream.range(0, starts.length - 1).parallel().forEach(task -> {
            Workspace ws = spare.poll();
            if (ws == null) {
                ws = new Workspace();
            }
            ws.solve(x, starts[task], starts[task + 1], y, yty, ptr, idx, w);
            spare.add(ws);
        });
        spare.clear();
    }

    /**
     * Task boundaries: runs of consecutive rows, at most {@link #TASK_ROWS} rows and at most
     * {@code blockEntries} entries (a longer row is a task by itself). They depend on the data only.
     */
    int[] tasks(int[] ptr, int rows) {
        int[] starts = new int[rows + 1];
        int count = 0;
        int u = 0;
        while (u < rows) {
            starts[count++] = u;
            int first = u++;
            while (u < rows && u - first < TASK_ROWS && ptr[u + 1] - ptr[first] <= blockEntries) {
                u++;
            }
        }
        starts[count++] = rows;
        return Arrays.copyOf(starts, count);
    }

    /**
     * {@code out[0, n) += s · v[0, n)}. Both arrays are read and written at the same index: with
     * offsets (two regions of one flat array) the JIT cannot rule out that the arrays overlap and
     * leaves the loop scalar; at one index it vectorises (measured: about 4x on long rows).
     */
    private static void axpy(double s, double[] v, double[] out, int n) {
        for (int k = 0; k < n; k++) {
            out[k] += s * v[k];
        }
    }

    /**
     * Four {@link #axpy} calls in one pass: {@code out} is loaded and stored once instead of four
     * times (the dense product was bound by those loads and stores). Java evaluates the sum left
     * to right and rounds each operation, so the result equals the four calls to the bit.
     */
    static void axpy4(double s0, double[] v0, double s1, double[] v1, double s2, double[] v2,
                      double s3, double[] v3, double[] out, int n) {
        for (int k = 0; k < n; k++) {
            out[k] = out[k] + s0 * v0[k] + s1 * v1[k] + s2 * v2[k] + s3 * v3[k];
        }
    }

    private static void widen(float[] from, int fo, int n, double[] to) {
        for (int k = 0; k < n; k++) {
            to[k] = from[fo + k];
        }
    }

    private static double[] flatten(double[][] rows, int f) {
        double[] flat = new double[f * f];
        for (int a = 0; a < f; a++) {
            System.arraycopy(rows[a], 0, flat, a * f, f);
        }
        return flat;
    }

    /**
     * One thread's buffers. The CG vectors of a task's rows are stored transposed: element
     * (factor a, task row j) at {@code [a][j]}.
     */
    private final class Workspace {
        private static final int B = TASK_ROWS;
        final double[][] xT = new double[f][B];
        final double[][] rT = new double[f][B];
        final double[][] pT = new double[f][B];
        final double[][] apT = new double[f][B];
        final double[] rr = new double[B];
        final double[] rrNew = new double[B];
        final double[] pap = new double[B];
        final double[] step = new double[B];
        final double[] beta = new double[B];
        final boolean[] active = new boolean[B];
        /** One row's vector and its sparse product, in row layout. */
        final double[] v = new double[f];
        final double[] s = new double[f];
        /** Gathered rows of y, one array per entry. */
        double[][] block = new double[0][];
        double[] conf = new double[0];
        /** Whether all the task's entries are in {@link #block}, from {@link #first} on. */
        boolean resident;
        /** Sum of the floats {@link #gather} reads ahead; kept only so the JIT cannot drop those reads. */
        float touched;
        int first;

        /** CG in lockstep on rows {@code [u0, u1)}. */
        void solve(float[] xs, int u0, int u1, float[] y, double[] yty, int[] ptr, int[] idx, double[] w) {
            int nb = u1 - u0;
            for (int j = 0; j < nb; j++) {
                int xo = (u0 + j) * f;
                for (int a = 0; a < f; a++) {
                    xT[a][j] = xs[xo + a];
                }
                active[j] = true;
            }
            first = ptr[u0];
            int entries = ptr[u1] - first;
            resident = entries <= blockEntries || nb == 1 && entries <= rowEntries;
            if (resident) {
                gather(y, first, ptr[u1], idx, w);
            }
            multiply(yty, y, u0, nb, ptr, idx, w, xT, apT);
            // r = b − A·x with b = Σ (1 + α wᵢ) yᵢ (preference 1 for every observed pair)
            for (int j = 0; j < nb; j++) {
                Arrays.fill(s, 0.0);
                for (int c = ptr[u0 + j], to = ptr[u0 + j + 1]; c < to; ) {
                    int end = resident ? to : Math.min(to, c + blockEntries);
                    int base = chunk(y, c, end, idx, w);
                    for (int e = base; e < base + end - c; e++) {
                        axpy(1 + conf[e], block[e], s, f);
                    }
                    c = end;
                }
                for (int a = 0; a < f; a++) {
                    rT[a][j] = s[a] - apT[a][j];
                }
            }
            Arrays.fill(rr, 0.0);
            for (int a = 0; a < f; a++) {
                double[] r = rT[a];
                System.arraycopy(r, 0, pT[a], 0, nb);
                for (int j = 0; j < nb; j++) {
                    rr[j] += r[j] * r[j];
                }
            }
            for (int st = 0; st < cgSteps; st++) {
                boolean any = false;
                for (int j = 0; j < nb; j++) {
                    active[j] &= rr[j] > 1e-20;
                    any |= active[j];
                }
                if (!any) {
                    break;
                }
                multiply(yty, y, u0, nb, ptr, idx, w, pT, apT);
                Arrays.fill(pap, 0.0);
                for (int a = 0; a < f; a++) {
                    double[] p = pT[a];
                    double[] ap = apT[a];
                    for (int j = 0; j < nb; j++) {
                        pap[j] += p[j] * ap[j];
                    }
                }
                for (int j = 0; j < nb; j++) {
                    // a row whose system stopped improving keeps its x (step 0) for the remaining steps
                    active[j] &= pap[j] > 0;
                    step[j] = active[j] ? rr[j] / pap[j] : 0.0;
                }
                Arrays.fill(rrNew, 0.0);
                for (int a = 0; a < f; a++) {
                    double[] x = xT[a];
                    double[] r = rT[a];
                    double[] p = pT[a];
                    double[] ap = apT[a];
                    for (int j = 0; j < nb; j++) {
                        x[j] += step[j] * p[j];
                        r[j] -= step[j] * ap[j];
                        rrNew[j] += r[j] * r[j];
                    }
                }
                for (int j = 0; j < nb; j++) {
                    beta[j] = active[j] ? rrNew[j] / rr[j] : 0.0;
                    rr[j] = active[j] ? rrNew[j] : rr[j];
                }
                for (int a = 0; a < f; a++) {
                    double[] r = rT[a];
                    double[] p = pT[a];
                    for (int j = 0; j < nb; j++) {
                        p[j] = r[j] + beta[j] * p[j];
                    }
                }
            }
            for (int j = 0; j < nb; j++) {
                int xo = (u0 + j) * f;
                for (int a = 0; a < f; a++) {
                    xs[xo + a] = (float) xT[a][j];
                }
            }
        }

        /**
         * {@code outT = (YᵀY + λI)·vT + Σ α wᵢ yᵢ (yᵢ·v)} for every active task row. yty is
         * symmetric, so row b of the dense product sums yty[b][a] times row a of vT.
         */
        private void multiply(double[] yty, float[] y, int u0, int nb, int[] ptr, int[] idx, double[] w,
                              double[][] vT, double[][] outT) {
            for (int b = 0; b < f; b++) {
                double[] out = outT[b];
                Arrays.fill(out, 0, nb, 0.0);
                int o = b * f;
                int a = 0;
                for (; a + 4 <= f; a += 4) {
                    axpy4(yty[o + a], vT[a], yty[o + a + 1], vT[a + 1], yty[o + a + 2], vT[a + 2],
                            yty[o + a + 3], vT[a + 3], out, nb);
                }
                for (; a < f; a++) {
                    axpy(yty[o + a], vT[a], out, nb);
                }
            }
            for (int j = 0; j < nb; j++) {
                if (!active[j]) {
                    continue;
                }
                for (int a = 0; a < f; a++) {
                    v[a] = vT[a][j];
                }
                Arrays.fill(s, 0.0);
                for (int c = ptr[u0 + j], to = ptr[u0 + j + 1]; c < to; ) {
                    int end = resident ? to : Math.min(to, c + blockEntries);
                    int base = chunk(y, c, end, idx, w);
                    for (int e = base; e < base + end - c; e++) {
                        axpy(conf[e] * Dot.dot(block[e], 0, v, 0, f), block[e], s, f);
                    }
                    c = end;
                }
                for (int a = 0; a < f; a++) {
                    outT[a][j] += s[a];
                }
            }
        }

        /** Entries {@code [c, end)} in block: their index there (gathering them first unless resident). */
        private int chunk(float[] y, int c, int end, int[] idx, double[] w) {
            if (resident) {
                return c - first;
            }
            gather(y, c, end, idx, w);
            return 0;
        }

        /** Entries {@code [from, to)}: their y rows widened into block, α·w into conf. */
        private void gather(float[] y, int from, int to, int[] idx, double[] w) {
            int n = to - from;
            if (conf.length < n) {
                int size = n > blockEntries ? n : Math.min(blockEntries, Math.max(n, 2 * conf.length));
                conf = new double[size];
                block = new double[size][f];
            }
            float touch = 0;
            for (int e = 0; e < n; e++) {
                if (e + AHEAD < n) {
                    // read one float per cache line (the first four) of the row AHEAD entries on, so that its misses
                    // overlap with this copy (Java has no prefetch instruction)
                    // (written out: as a loop it gained a third as much)
                    int o = idx[from + e + AHEAD] * f;
                    int end = o + f - 1;
                    touch += y[o] + y[Math.min(end, o + 16)] + y[Math.min(end, o + 32)] + y[Math.min(end, o + 48)];
                }
                widen(y, idx[from + e] * f, f, block[e]);
                conf[e] = alpha * w[from + e];
            }
            touched += touch;
        }
    }
}
