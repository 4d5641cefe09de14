package dev.o2o.recommend;

import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;

/**
 * The alternating sweeps of {@link AlsModel}'s fit: each row's system
 * {@code (G + Σ cᵢ yᵢyᵢᵀ) x = Σ (1 + cᵢ) yᵢ}, with {@code G = YᵀY + λI} shared by all rows and
 * {@code cᵢ = α·wᵢ}, solved by a few conjugate-gradient steps warm-started from the current factors.
 *
 * <p>Change of variables (split preconditioning by the Cholesky factor of G): with {@code G = L·Lᵀ},
 * {@code ỹᵢ = L⁻¹yᵢ} and {@code z = Lᵀx}, each row's system becomes
 * {@code (I + Σ cᵢ ỹᵢỹᵢᵀ) z = Σ (1 + cᵢ) ỹᵢ}, because {@code L⁻¹ G L⁻ᵀ = I}. CG runs on that system:
 * its shared part is the identity, so the f×f product {@code G·p} of every CG step (4 per row and
 * sweep, most of the dense work) becomes a copy. What is left per half-sweep is one Cholesky of G,
 * the fixed side transformed once ({@code ỹ}, one triangular product per fixed row, into a float
 * buffer reused across sweeps), and per solved row two triangular products: {@code z₀ = Lᵀx₀} for
 * the warm start and {@code x = L⁻ᵀz} at the end. The iterates are those of CG preconditioned by
 * G, which converges faster than plain CG (an identity plus a rank-nᵤ term: nᵤ + 1 steps are exact).
 * G is positive definite for λ > 0; a G that is not (λ = 0 and rank-deficient factors) is refused
 * with an {@link IllegalStateException}, on both paths.
 *
 * <p>The change of variables pays for itself only when the solved side is not much smaller than
 * the fixed side (see {@link #changeOfVariables}); otherwise a half-sweep runs plain CG on
 * {@code (G + Σ cᵢ yᵢyᵢᵀ) x = Σ (1 + cᵢ) yᵢ}, with the dense product {@code G·p} in each step and
 * the untransformed fixed rows. In {@code AlsBenchmark.fit15} the customer sweep (1 M rows solved
 * against 50 k items) takes the change of variables and the item sweep plain CG.
 *
 * <p>What the layout buys (see benchmarks/RESULTS.md, {@code AlsBenchmark.fit15}): the rows of a
 * task (up to {@value #TASK_ROWS} consecutive rows) run their CG steps in lockstep, with the CG
 * vectors stored transposed (factor-major, f × rows). The triangular products of the whole task
 * are then sums of scaled rows running over the task's rows, long contiguous loops that the JIT
 * turns into SIMD instructions; per row, over f = 64 doubles, the loops were too short for that,
 * and the dot-product form (a floating-point reduction) stays scalar. The rows' transformed fixed
 * factors are gathered once per task, as floats, into a contiguous block that every CG step reads
 * from cache instead of fetching scattered rows of the whole factor matrix again;
 * a task holds at most {@code blockEntries} entries unless one row alone has more, and such a row
 * is gathered chunk by chunk in each step instead. Work buffers are reused across tasks.
 *
 * <p>Passes per row and sweep: the right-hand side and the sparse part of the initial
 * {@code A·z} are one pass over the entries (the residual {@code Σ (1 + cᵢ − cᵢ ỹᵢ·z) ỹᵢ − z}),
 * then one pass per CG step. Those passes run in float ({@link Workspace#sparse}): half the bytes
 * of a double block, and the JIT vectorises a float axpy but not one that mixes float and double.
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
     * Entries whose sparse terms are summed in float before the sum joins the row's double one, so
     * that float rounding accumulates over at most this many terms (a popular item has 10⁵ entries).
     */
    static final int PART = 64;
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
    /** The fixed side's rows {@code ỹᵢ = L⁻¹yᵢ}, reused across half-sweeps (sized for the largest side transformed). */
    private float[] transformed = new float[0];

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
     * fixed ranges of rows, in parallel, added in range order. Within a range, four rows at a time
     * go through {@link #axpy4x2} (row a of g gains {@code Σ_q y_q[a] · y_q} for the four rows q,
     * added in row order), so each row of g is loaded and stored once per four rows instead of
     * once per row; only the upper triangle is summed so (columns from a on), and the lower one is
     * copied from it (a product does not depend on its operands' order). The sums are the same to
     * the bit as one full row at a time (measured: the Gram matrix of 1 M customers was about a
     * tenth of a sweep).
     */
    static double[] gram(float[] y, int rows, int f, double lambda) {
        int parts = Math.max(1, (rows + GRAM_ROWS_PER_PART - 1) / GRAM_ROWS_PER_PART);
        double[][] partial = new double[parts][];
        IntStream.range(0, parts).parallel().forEach(part -> {
            double[][] g = new double[f + 1][f];
            double[][] four = new double[4][f];
            // coefficient q of g's row a at [4a + q]: the layout axpy4x2 reads its scales from
            double[] scales = new double[4 * (f + 1)];
            int end = Math.min(rows, (part + 1) * GRAM_ROWS_PER_PART);
            int i = part * GRAM_ROWS_PER_PART;
            for (; i + 4 <= end; i += 4) {
                for (int q = 0; q < 4; q++) {
                    widen(y, (i + q) * f, f, four[q]);
                    for (int a = 0; a < f; a++) {
                        scales[4 * a + q] = four[q][a];
                    }
                }
                // g has a spare row f (scales 0) so that rows a and a + 1 always exist
                for (int a = 0; a < f; a += 2) {
                    axpy4x2(scales, 4 * a, 4 * (a + 1), four[0], four[1], four[2], four[3], g[a], g[a + 1], a, f);
                }
            }
            double[] row = four[0];
            for (; i < end; i++) {
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
            for (int b = 0; b < a; b++) {
                g[a * f + b] = g[b * f + a];
            }
            g[a * f + a] += lambda;
        }
        return g;
    }

    /**
     * Updates every row of {@code x} (rows × f) against the fixed {@code y}; row u's entries are
     * {@code (idx, w)[ptr[u], ptr[u+1])}, indices into y's rows.
     *
     * @throws IllegalStateException when {@code YᵀY + λI} is not positive definite (λ = 0 only)
     */
    void sweep(float[] x, float[] y, int rows, int[] ptr, int[] idx, double[] w, double lambda) {
        int fixed = y.length / f;
        double[] g = gram(y, fixed, f, lambda);
        // factored on both paths, so that a singular G is refused whatever the shapes
        double[] l = AlsModel.Cholesky.factor(g, f, "YᵀY + λI (λ = " + lambda + ")");
        int[] starts = tasks(ptr, rows);
        if (!changeOfVariables(rows, fixed, cgSteps)) {
            IntStream.range(0, starts.length - 1).parallel().forEach(task -> {
                Workspace ws = workspace();
                ws.solve(x, starts[task], starts[task + 1], y, g, null, null, ptr, idx, w);
                spare.add(ws);
            });
            spare.clear();
            return;
        }
        double[] lInv = AlsModel.Cholesky.invertLower(l, f);
        if (transformed.length < y.length) {
            transformed = new float[y.length];
        }
        float[] yt = transformed;
        IntStream.range(0, (fixed + TASK_ROWS - 1) / TASK_ROWS).parallel().forEach(batch -> {
            int i0 = batch * TASK_ROWS;
            Workspace ws = workspace();
            ws.transform(lInv, y, yt, i0, Math.min(fixed, i0 + TASK_ROWS));
            spare.add(ws);
        });
        double[] lT = transpose(l, f);
        double[] lInvT = transpose(lInv, f);
        IntStream.range(0, starts.length - 1).parallel().forEach(task -> {
            Workspace ws = workspace();
            ws.solve(x, starts[task], starts[task + 1], yt, null, lT, lInvT, ptr, idx, w);
            spare.add(ws);
        });
        spare.clear();
    }

    /**
     * Whether a half-sweep solving {@code solvedRows} rows against {@code fixedRows} fixed rows
     * with {@code cgSteps} CG steps runs after the change of variables (true) or as plain CG.
     * Plain CG computes the dense product {@code G·v} (f² multiply-adds) once for the initial
     * residual and once per step; the change of variables replaces those cgSteps + 1 products by
     * two triangular products (f²/2 each) per solved row, and adds the transform of every fixed row
     * (one triangular product, f²/2). It therefore saves cgSteps·f² per solved row and costs f²/2
     * per fixed row, and is chosen when
     * <pre>    cgSteps · solvedRows · f²  >  fixedRows · f² / 2,  i.e.  2 · cgSteps · solvedRows > fixedRows.</pre>
     * The rule depends on the shapes only, so the factors stay independent of threads and
     * chunking. (The sparse passes cost the same on both paths; the one Cholesky per half-sweep,
     * f³/3, is left out.)
     */
    static boolean changeOfVariables(int solvedRows, int fixedRows, int cgSteps) {
        return 2L * cgSteps * solvedRows > fixedRows;
    }

    private Workspace workspace() {
        Workspace ws = spare.poll();
        return ws != null ? ws : new Workspace();
    }

    private static double[] transpose(double[] a, int n) {
        double[] t = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                t[j * n + i] = a[i * n + j];
            }
        }
        return t;
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
     * Four {@link #axpy} calls into each of two outputs, in one pass: {@code out0 += g[o0 + i] · vᵢ}
     * and {@code out1 += g[o1 + i] · vᵢ} for i = 0..3. Each output is loaded and stored once
     * instead of four times, and the v rows are loaded once for both (the dense products were bound
     * by those loads and stores). Java evaluates each sum left to right and rounds each operation,
     * so the results equal the eight calls to the bit.
     */
    static void axpy4x2(double[] g, int o0, int o1, double[] v0, double[] v1, double[] v2, double[] v3,
                        double[] out0, double[] out1, int n) {
        axpy4x2(g, o0, o1, v0, v1, v2, v3, out0, out1, 0, n);
    }

    /** {@link #axpy4x2} over indices {@code [from, n)} only. */
    static void axpy4x2(double[] g, int o0, int o1, double[] v0, double[] v1, double[] v2, double[] v3,
                        double[] out0, double[] out1, int from, int n) {
        double s0 = g[o0];
        double s1 = g[o0 + 1];
        double s2 = g[o0 + 2];
        double s3 = g[o0 + 3];
        double t0 = g[o1];
        double t1 = g[o1 + 1];
        double t2 = g[o1 + 2];
        double t3 = g[o1 + 3];
        for (int k = from; k < n; k++) {
            double a0 = v0[k];
            double a1 = v1[k];
            double a2 = v2[k];
            double a3 = v3[k];
            out0[k] = out0[k] + s0 * a0 + s1 * a1 + s2 * a2 + s3 * a3;
            out1[k] = out1[k] + t0 * a0 + t1 * a1 + t2 * a2 + t3 * a3;
        }
    }

    /**
     * {@code Σ_k a[k] · b[k]} in float over eight partial sums (lane k mod 8, the leftovers in lane
     * 0), added as {@code ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7))}: the additions' latency,
     * not the multiplications, bounds a 64-long dot (see {@link RowDot}).
     */
    static float dotF(float[] a, float[] b, int n) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        float s4 = 0;
        float s5 = 0;
        float s6 = 0;
        float s7 = 0;
        int k = 0;
        for (; k + 7 < n; k += 8) {
            s0 += a[k] * b[k];
            s1 += a[k + 1] * b[k + 1];
            s2 += a[k + 2] * b[k + 2];
            s3 += a[k + 3] * b[k + 3];
            s4 += a[k + 4] * b[k + 4];
            s5 += a[k + 5] * b[k + 5];
            s6 += a[k + 6] * b[k + 6];
            s7 += a[k + 7] * b[k + 7];
        }
        for (; k < n; k++) {
            s0 += a[k] * b[k];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    /** {@code out[0, n) += c · v[0, n)} in float (same index on both arrays, so it vectorises). */
    static void axpyF(float c, float[] v, float[] out, int n) {
        for (int k = 0; k < n; k++) {
            out[k] += c * v[k];
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
        /** One row's sparse product, in row layout. */
        final double[] s = new double[f];
        /** Gathered rows of y, one array per entry. */
        float[][] block = new float[0][];
        /** One row's vector in float, and a float partial sum of a few entries (see {@link #sparse}). */
        final float[] vf = new float[f];
        final float[] sf = new float[f];
        double[] conf = new double[0];
        /** Whether all the task's entries are in {@link #block}, from {@link #first} on. */
        boolean resident;
        int first;

        /**
         * Rows {@code [i0, i1)} of {@code from} times the lower-triangular {@code t} (f×f
         * row-major), into the same rows of {@code to}.
         */
        void transform(double[] t, float[] from, float[] to, int i0, int i1) {
            int nb = i1 - i0;
            load(from, i0, nb, apT);
            product(t, true, false, apT, xT, nb);
            store(xT, to, i0, nb);
        }

        private void load(float[] from, int i0, int nb, double[][] toT) {
            for (int j = 0; j < nb; j++) {
                int o = (i0 + j) * f;
                for (int a = 0; a < f; a++) {
                    toT[a][j] = from[o + a];
                }
            }
        }

        private void store(double[][] fromT, float[] to, int i0, int nb) {
            for (int j = 0; j < nb; j++) {
                int o = (i0 + j) * f;
                for (int a = 0; a < f; a++) {
                    to[o + a] = (float) fromT[a][j];
                }
            }
        }

        /**
         * CG in lockstep on rows {@code [u0, u1)}. With {@code g} (G, f×f row-major, and
         * {@code lT}, {@code lInvT} null): plain CG in x against the fixed rows {@code y}. Without
         * it: in the variables {@code z = Lᵀx} against the transformed fixed rows {@code y} (ỹ, see
         * the class comment); {@code lT} is Lᵀ and {@code lInvT} is L⁻ᵀ, both upper-triangular.
         */
        void solve(float[] xs, int u0, int u1, float[] y, double[] g, double[] lT, double[] lInvT, int[] ptr,
                   int[] idx, double[] w) {
            int nb = u1 - u0;
            if (g != null) {
                load(xs, u0, nb, xT);
            } else {
                load(xs, u0, nb, apT);
                product(lT, false, true, apT, xT, nb);
            }
            Arrays.fill(active, 0, nb, true);
            first = ptr[u0];
            int entries = ptr[u1] - first;
            resident = entries <= blockEntries || nb == 1 && entries <= rowEntries;
            if (resident) {
                gather(y, first, ptr[u1], idx, w);
            }
            // r = b − A·z with b = Σ (1 + α wᵢ) ỹᵢ (preference 1 for every observed pair): the sparse
            // parts of b and A·z in one pass over the entries, Σ (1 + cᵢ − cᵢ ỹᵢ·z) ỹᵢ, minus I·z
            // (plain CG: the same in x and y, minus G·x)
            shared(g, xT, apT, nb);
            for (int j = 0; j < nb; j++) {
                sparse(y, u0 + j, ptr, idx, w, xT, j, true);
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
                multiply(g, y, u0, nb, ptr, idx, w, pT, apT);
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
            if (g != null) {
                store(xT, xs, u0, nb);
            } else {
                product(lInvT, false, true, xT, apT, nb);
                store(apT, xs, u0, nb);
            }
        }

        /** {@code outT = vT}, or with {@code g} {@code outT = G·vT}: the shared part of every row's A. */
        private void shared(double[] g, double[][] vT, double[][] outT, int nb) {
            if (g != null) {
                product(g, true, true, vT, outT, nb);
                return;
            }
            for (int a = 0; a < f; a++) {
                System.arraycopy(vT[a], 0, outT[a], 0, nb);
            }
        }

        /**
         * {@code outT = vT + Σ α wᵢ ỹᵢ (ỹᵢ·v)} for every active task row (I + the sparse part), or
         * with {@code g} {@code outT = G·vT + Σ α wᵢ yᵢ (yᵢ·v)}.
         */
        private void multiply(double[] g, float[] y, int u0, int nb, int[] ptr, int[] idx, double[] w,
                              double[][] vT, double[][] outT) {
            shared(g, vT, outT, nb);
            for (int j = 0; j < nb; j++) {
                if (!active[j]) {
                    continue;
                }
                sparse(y, u0 + j, ptr, idx, w, vT, j, false);
                for (int a = 0; a < f; a++) {
                    outT[a][j] += s[a];
                }
            }
        }

        /**
         * {@code outT = T·vT} for the task's nb rows, T f×f row-major: dense, or zero above the
         * diagonal (only {@code below}), or zero below it (only {@code above}). Row b of the product
         * sums T[b][a] times row a of vT over the nonzero a only (give or take the zeros of a group
         * of four); two output rows share each pass over vT.
         */
        private void product(double[] t, boolean below, boolean above, double[][] vT, double[][] outT, int nb) {
            int b = 0;
            for (; b + 2 <= f; b += 2) {
                double[] out0 = outT[b];
                double[] out1 = outT[b + 1];
                Arrays.fill(out0, 0, nb, 0.0);
                Arrays.fill(out1, 0, nb, 0.0);
                int o0 = b * f;
                int o1 = o0 + f;
                // the ranges widened to whole groups of four (the extra coefficients are exact
                // zeros, so the sums do not change) so that no pair needs single-column passes
                int a = below ? 0 : b - b % 4;
                int end = above ? f : Math.min(f, (b + 5) / 4 * 4);
                for (; a + 4 <= end; a += 4) {
                    axpy4x2(t, o0 + a, o1 + a, vT[a], vT[a + 1], vT[a + 2], vT[a + 3], out0, out1, nb);
                }
                for (; a < end; a++) {
                    axpy(t[o0 + a], vT[a], out0, nb);
                    axpy(t[o1 + a], vT[a], out1, nb);
                }
            }
            for (; b < f; b++) {
                double[] out = outT[b];
                Arrays.fill(out, 0, nb, 0.0);
                for (int a = below ? 0 : b, end = above ? f : b + 1; a < end; a++) {
                    axpy(t[b * f + a], vT[a], out, nb);
                }
            }
        }

        /**
         * Row u's sparse sum into {@link #s}: {@code Σ cᵢ (yᵢ·v) yᵢ}, or with {@code rhs}
         * {@code Σ (1 + cᵢ − cᵢ yᵢ·v) yᵢ} (b minus the sparse part of A·v), where v is column j of vT
         * and the yᵢ are the gathered (transformed) rows. The dots and the scaled sums run in float,
         * v rounded to float; each run of {@link #PART} entries is summed in float and then added to
         * s in double. Measured: the MovieLens figures of the README were the same to the last
         * digit as with the rows widened to double.
         */
        private void sparse(float[] y, int u, int[] ptr, int[] idx, double[] w, double[][] vT, int j, boolean rhs) {
            for (int a = 0; a < f; a++) {
                vf[a] = (float) vT[a][j];
            }
            Arrays.fill(s, 0.0);
            for (int c = ptr[u], to = ptr[u + 1]; c < to; ) {
                int end = resident ? to : Math.min(to, c + blockEntries);
                int base = chunk(y, c, end, idx, w);
                for (int e0 = base, last = base + end - c; e0 < last; e0 += PART) {
                    Arrays.fill(sf, 0f);
                    for (int e = e0, e1 = Math.min(last, e0 + PART); e < e1; e++) {
                        double cd = conf[e] * dotF(block[e], vf, f);
                        axpyF((float) (rhs ? 1 + conf[e] - cd : cd), block[e], sf, f);
                    }
                    for (int a = 0; a < f; a++) {
                        s[a] += sf[a];
                    }
                }
                c = end;
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

        /**
         * Entries {@code [from, to)}: their y rows copied into block, α·w into conf. A row copy is
         * a few instructions, so the processor keeps the cache misses of many scattered rows in
         * flight at once.
         */
        private void gather(float[] y, int from, int to, int[] idx, double[] w) {
            int n = to - from;
            if (conf.length < n) {
                int size = n > blockEntries ? n : Math.min(blockEntries, Math.max(n, 2 * conf.length));
                conf = new double[size];
                block = new float[size][f];
            }
            for (int e = 0; e < n; e++) {
                System.arraycopy(y, idx[from + e] * f, block[e], 0, f);
                conf[e] = alpha * w[from + e];
            }
        }
    }
}
