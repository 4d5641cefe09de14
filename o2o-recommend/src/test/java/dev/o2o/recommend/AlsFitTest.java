package dev.o2o.recommend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

class AlsFitTest {

    /** Seeded skewed interactions: each customer picks {@code perCustomer} items, item = ⌊items·u³⌋. */
    static Interactions skewed(int customers, int items, int perCustomer, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Interactions.Builder b = Interactions.builder();
        for (int c = 0; c < customers; c++) {
            for (int k = 0; k < perCustomer; k++) {
                double u = r.nextDouble();
                b.add("c" + c, "i" + (int) (items * u * u * u), 1 + r.nextInt(3));
            }
        }
        return b.build();
    }

    static float[] randomFactors(int rows, int f, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[rows * f];
        for (int k = 0; k < x.length; k++) {
            x[k] = (float) (r.nextDouble() - 0.5);
        }
        return x;
    }

    @Test
    void theRuleChoosesTheChangeOfVariablesWhenItCostsLess() {
        // 2 · cgSteps · solved > fixed: the benchmark's customer sweep and not its item sweep
        assertTrue(AlsFit.changeOfVariables(1_000_000, 50_000, 3));
        assertFalse(AlsFit.changeOfVariables(50_000, 1_000_000, 3));
        // at the boundary (equal costs) plain CG, one fixed row less the change of variables
        assertFalse(AlsFit.changeOfVariables(100, 600, 3));
        assertTrue(AlsFit.changeOfVariables(100, 599, 3));
        assertTrue(AlsFit.changeOfVariables(100, 1199, 6));
        // no CG step: nothing to save; and no overflow at large shapes
        assertFalse(AlsFit.changeOfVariables(1_000_000, 1, 0));
        assertTrue(AlsFit.changeOfVariables(Integer.MAX_VALUE, Integer.MAX_VALUE, 1));
    }

    @Test
    void enoughConjugateGradientStepsSolveEachRowExactly() {
        // with at least f steps CG reaches the exact solution of the f×f system; compare every
        // customer's new factors with a Cholesky solve of the system written out in full, on both
        // paths: 30 item rows take the change of variables, 2,000 (mostly never bought, they only
        // enter YᵀY) plain CG
        int f = 4;
        double alpha = 2.0;
        double lambda = 0.5;
        Interactions x = skewed(60, 30, 6, 11);
        int m = x.customerCount();
        for (int itemRows : new int[] {x.itemCount(), 2000}) {
            assertEquals(itemRows == x.itemCount(), AlsFit.changeOfVariables(m, itemRows, 3 * f));
            float[] users = randomFactors(m, f, 1);
            float[] items = randomFactors(itemRows, f, 2);
            new AlsFit(f, alpha, 3 * f).sweep(users, items, m, x.rowPtr, x.rowItems, x.rowWeights, lambda);
            for (int u = 0; u < m; u++) {
                RowSystem row = new RowSystem(x, u, items, f, alpha, lambda);
                double[] exact = AlsModel.Cholesky.solve(row.a, row.b, f);
                for (int k = 0; k < f; k++) {
                    assertEquals(exact[k], users[u * f + k], 1e-5 * (1 + Math.abs(exact[k])),
                            itemRows + " item rows, customer " + u + " factor " + k);
                }
            }
        }
    }

    @Test
    void fewStepsOnTheLongFixedSideEqualPlainConjugateGradient() {
        // 2,000 item rows (mostly never bought: they only enter YᵀY) against 300 customers:
        // 2 · 3 · 300 < 2,000, so the sweep runs plain CG in x, compared with textbook CG on each
        // row's full system
        assertFewSteps(2000, false);
    }

    @Test
    void fewStepsEqualAPlainSplitPreconditionedConjugateGradient() {
        // the fit's CG runs on the transformed system (I + Σ cᵢ ỹᵢỹᵢᵀ) z = Σ (1 + cᵢ) ỹᵢ; here the
        // same iterates are computed the plain way, from each row's full system A x = b: with
        // G = YᵀY + λI = L·Lᵀ, CG on L⁻¹AL⁻ᵀ (formed densely) from z₀ = Lᵀx₀, then x = L⁻ᵀz
        // (f = 7 and 8: the triangular products' pairs of rows, groups of four columns and leftovers)
        assertFewSteps(0, true);
    }

    /**
     * 1 and 3 steps from the same start, f = 7 and 8, against {@code itemRows} item rows (0: the
     * items bought), equal the iterates of the path the rule must pick.
     */
    private static void assertFewSteps(int itemRows, boolean changeOfVariables) {
        double alpha = 10.0;
        double lambda = 0.1;
        Interactions x = skewed(300, 60, 8, 21);
        int m = x.customerCount();
        int rows = itemRows == 0 ? x.itemCount() : itemRows;
        for (int f : new int[] {7, 8}) {
            float[] start = randomFactors(m, f, 5);
            float[] items = randomFactors(rows, f, 6);
            for (int steps : new int[] {1, 3}) {
                assertEquals(changeOfVariables, AlsFit.changeOfVariables(m, rows, steps));
                float[] fitted = start.clone();
                new AlsFit(f, alpha, steps).sweep(fitted, items, m, x.rowPtr, x.rowItems, x.rowWeights, lambda);
                for (int u = 0; u < m; u++) {
                    RowSystem row = new RowSystem(x, u, items, f, alpha, lambda);
                    double[] expected = changeOfVariables ? row.preconditionedCg(start, steps) : row.plainCg(start, steps);
                    for (int k = 0; k < f; k++) {
                        assertEquals(expected[k], fitted[u * f + k], 1e-5 * (1 + Math.abs(expected[k])),
                                "f = " + f + ", " + steps + " steps, customer " + u + " factor " + k);
                    }
                }
            }
        }
    }

    @Test
    void preconditionedStepsLandCloserToTheExactSolveThanPlainOnes() {
        // after 3 steps from the same start, the rows are closer to their exact solutions than after
        // 3 steps of unpreconditioned CG. Fitted factors have columns of very different scales (a
        // badly conditioned YᵀY, which slows plain CG); here column k is scaled by 0.7^k. Measured:
        // 49 against 23,005; the bound asks for 20 times less
        int f = 16;
        Interactions x = skewed(400, 200, 10, 31);
        int m = x.customerCount();
        float[] users = randomFactors(m, f, 7);
        float[] items = randomFactors(x.itemCount(), f, 8);
        for (int k = 0; k < items.length; k++) {
            items[k] *= (float) Math.pow(0.7, k % f);
        }
        float[] start = users.clone();
        new AlsFit(f, 10.0, 3).sweep(users, items, m, x.rowPtr, x.rowItems, x.rowWeights, 0.1);
        double preconditioned = 0;
        double plain = 0;
        for (int u = 0; u < m; u++) {
            RowSystem row = new RowSystem(x, u, items, f, 10.0, 0.1);
            double[] exact = AlsModel.Cholesky.solve(row.a, row.b, f);
            double[] cg = row.plainCg(start, 3);
            for (int k = 0; k < f; k++) {
                preconditioned += Math.pow(users[u * f + k] - exact[k], 2);
                plain += Math.pow(cg[k] - exact[k], 2);
            }
        }
        assertTrue(preconditioned < 0.05 * plain, "squared error " + preconditioned + " against plain CG's " + plain);
    }

    @Test
    void aSingularSharedMatrixIsRefused() {
        // λ = 0 (refused by AlsModel.Params, reachable here) and a factor that is 0 in every item row:
        // YᵀY + λI is singular, and the change of variables needs its Cholesky factor
        int f = 4;
        Interactions x = skewed(20, 10, 3, 41);
        float[] items = randomFactors(x.itemCount(), f, 9);
        for (int i = 0; i < x.itemCount(); i++) {
            items[i * f + 2] = 0;
        }
        float[] users = randomFactors(x.customerCount(), f, 10);
        AlsFit fit = new AlsFit(f, 1.0, 3);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> fit.sweep(users, items, x.customerCount(), x.rowPtr, x.rowItems, x.rowWeights, 0.0));
        assertTrue(e.getMessage().contains("YᵀY + λI (λ = 0.0) is not positive definite (pivot 2"), e.getMessage());
    }

    /** One customer's system {@code A x = b} written out in full, and two plain CG solvers of it. */
    private static final class RowSystem {
        final int f;
        final int u;
        final double[] a;
        final double[] b;
        final double[] g;

        RowSystem(Interactions x, int u, float[] items, int f, double alpha, double lambda) {
            this.f = f;
            this.u = u;
            g = new double[f * f];
            for (int i = 0; i < items.length / f; i++) {
                addOuter(g, items, i, f, 1.0);
            }
            for (int k = 0; k < f; k++) {
                g[k * f + k] += lambda;
            }
            a = g.clone();
            b = new double[f];
            for (int p = x.rowPtr[u]; p < x.rowPtr[u + 1]; p++) {
                int i = x.rowItems[p];
                addOuter(a, items, i, f, alpha * x.rowWeights[p]);
                for (int k = 0; k < f; k++) {
                    b[k] += (1 + alpha * x.rowWeights[p]) * items[i * f + k];
                }
            }
        }

        double[] plainCg(float[] start, int steps) {
            return cg(a, b, row(start), steps);
        }

        double[] preconditionedCg(float[] start, int steps) {
            double[] l = AlsModel.Cholesky.factor(g, f, "G");
            double[] lInv = AlsModel.Cholesky.invertLower(l, f);
            // Â = L⁻¹ A L⁻ᵀ, b̂ = L⁻¹ b, z₀ = Lᵀ x₀
            double[] lInvA = times(lInv, a, false);
            double[] aHat = times(lInvA, lInv, true);
            double[] bHat = apply(lInv, b, false);
            double[] z = cg(aHat, bHat, apply(l, row(start), true), steps);
            return apply(lInv, z, true);
        }

        private double[] row(float[] start) {
            double[] v = new double[f];
            for (int k = 0; k < f; k++) {
                v[k] = start[u * f + k];
            }
            return v;
        }

        /** {@code p·q}, or {@code p·qᵀ} when {@code transposeQ}. */
        private double[] times(double[] p, double[] q, boolean transposeQ) {
            double[] out = new double[f * f];
            for (int i = 0; i < f; i++) {
                for (int j = 0; j < f; j++) {
                    for (int k = 0; k < f; k++) {
                        out[i * f + j] += p[i * f + k] * (transposeQ ? q[j * f + k] : q[k * f + j]);
                    }
                }
            }
            return out;
        }

        /** {@code p·v}, or {@code pᵀ·v} when {@code transpose}. */
        private double[] apply(double[] p, double[] v, boolean transpose) {
            double[] out = new double[f];
            for (int i = 0; i < f; i++) {
                for (int k = 0; k < f; k++) {
                    out[i] += (transpose ? p[k * f + i] : p[i * f + k]) * v[k];
                }
            }
            return out;
        }

        /** Textbook CG on a dense SPD system from x. */
        private double[] cg(double[] m, double[] rhs, double[] x, int steps) {
            double[] r = rhs.clone();
            double[] mx = apply(m, x, false);
            for (int k = 0; k < f; k++) {
                r[k] -= mx[k];
            }
            double[] p = r.clone();
            double rr = dot(r, r);
            for (int s = 0; s < steps && rr > 1e-20; s++) {
                double[] mp = apply(m, p, false);
                double step = rr / dot(p, mp);
                for (int k = 0; k < f; k++) {
                    x[k] += step * p[k];
                    r[k] -= step * mp[k];
                }
                double rrNew = dot(r, r);
                for (int k = 0; k < f; k++) {
                    p[k] = r[k] + rrNew / rr * p[k];
                }
                rr = rrNew;
            }
            return x;
        }

        private static double dot(double[] p, double[] q) {
            double s = 0;
            for (int k = 0; k < p.length; k++) {
                s += p[k] * q[k];
            }
            return s;
        }
    }

    private static void addOuter(double[] a, float[] y, int row, int f, double c) {
        for (int i = 0; i < f; i++) {
            for (int j = 0; j < f; j++) {
                a[i * f + j] += c * y[row * f + i] * y[row * f + j];
            }
        }
    }

    @Test
    void fourAxpysIntoTwoOutputsInOnePassEqualEightAxpysToTheBit() {
        SplittableRandom r = new SplittableRandom(9);
        int n = 37;
        double[][] v = new double[4][n];
        double[] g = new double[12];
        for (int k = 0; k < g.length; k++) {
            g[k] = r.nextDouble() * 1e3 - 500;
        }
        for (int k = 0; k < 4; k++) {
            for (int j = 0; j < n; j++) {
                v[k][j] = (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(12) - 6);
            }
        }
        double[] out0 = new double[n];
        double[] out1 = new double[n];
        for (int j = 0; j < n; j++) {
            out0[j] = r.nextDouble() - 0.5;
            out1[j] = (r.nextDouble() - 0.5) * 100;
        }
        double[] sequential0 = out0.clone();
        double[] sequential1 = out1.clone();
        for (int k = 0; k < 4; k++) {
            for (int j = 0; j < n; j++) {
                sequential0[j] += g[1 + k] * v[k][j];
                sequential1[j] += g[7 + k] * v[k][j];
            }
        }
        AlsFit.axpy4x2(g, 1, 7, v[0], v[1], v[2], v[3], out0, out1, n);
        assertArrayEquals(sequential0, out0);
        assertArrayEquals(sequential1, out1);
    }

    @Test
    void floatKernelsSumInTheDocumentedOrder() {
        SplittableRandom r = new SplittableRandom(13);
        for (int n = 0; n <= 70; n++) {
            float[] a = new float[n];
            float[] b = new float[n];
            for (int k = 0; k < n; k++) {
                a[k] = (float) (r.nextDouble() * 2 - 1);
                b[k] = (float) (r.nextDouble() * 2 - 1);
            }
            float[] lane = new float[8];
            int whole = n - n % 8;
            for (int k = 0; k < n; k++) {
                lane[k < whole ? k % 8 : 0] += a[k] * b[k];
            }
            float expected = ((lane[0] + lane[1]) + (lane[2] + lane[3])) + ((lane[4] + lane[5]) + (lane[6] + lane[7]));
            assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(AlsFit.dotF(a, b, n)), "n = " + n);
            float[] out = b.clone();
            AlsFit.axpyF(0.5f, a, out, n);
            for (int k = 0; k < n; k++) {
                assertEquals(b[k] + 0.5f * a[k], out[k], "n = " + n + ", k = " + k);
            }
        }
    }

    @Test
    void gramIsYtYPlusLambda() {
        float[] y = {1, 2, 3, -1, 0.5f, 4};
        double[] g = AlsFit.gram(y, 3, 2, 0.25);
        // rows (1,2), (3,-1), (0.5,4)
        assertArrayEquals(new double[] {1 + 9 + 0.25 + 0.25, 2 - 3 + 2, 2 - 3 + 2, 4 + 1 + 16 + 0.25}, g, 1e-12);
    }

    @Test
    void gramFourRowsAtATimeEqualsTheRowByRowSumToTheBit() {
        // 1,003 rows (three left over after the groups of four), odd and even f, one partial sum
        SplittableRandom r = new SplittableRandom(11);
        for (int f : new int[] {5, 8}) {
            int rows = 1003;
            float[] y = new float[rows * f];
            for (int k = 0; k < y.length; k++) {
                y[k] = (float) (r.nextDouble() * 2 - 1);
            }
            double[] plain = new double[f * f];
            for (int i = 0; i < rows; i++) {
                for (int a = 0; a < f; a++) {
                    for (int b = 0; b < f; b++) {
                        plain[a * f + b] += (double) y[i * f + a] * y[i * f + b];
                    }
                }
            }
            for (int a = 0; a < f; a++) {
                plain[a * f + a] += 0.5;
            }
            assertArrayEquals(plain, AlsFit.gram(y, rows, f, 0.5), "f = " + f);
        }
    }

    @Test
    void factorsDoNotDependOnThreadsOrOnChunkingLongRows() throws Exception {
        // 20,000 customers: several gram partial sums and sweep tasks; popular items have more
        // entries than a block of 64, so tasks are cut differently, and the chunked path
        // (small blocks; long rows gathered chunk by chunk in every step) and the long-row path
        // (small blocks; each long row gathered whole once) both run. The customer sweep takes the
        // change of variables and the item sweep plain CG, so both paths are covered
        Interactions x = skewed(20_000, 400, 5, 5);
        assertTrue(AlsFit.changeOfVariables(x.customerCount(), x.itemCount(), 3));
        assertFalse(AlsFit.changeOfVariables(x.itemCount(), x.customerCount(), 3));
        float[][] reference = sweeps(x, AlsFit.BLOCK_ENTRIES, AlsFit.ROW_ENTRIES, new ForkJoinPool(1));
        float[][] fourThreads = sweeps(x, AlsFit.BLOCK_ENTRIES, AlsFit.ROW_ENTRIES, new ForkJoinPool(4));
        float[][] chunked = sweeps(x, 64, 64, new ForkJoinPool(3));
        float[][] longRows = sweeps(x, 64, AlsFit.ROW_ENTRIES, new ForkJoinPool(2));
        assertArrayEquals(reference[0], fourThreads[0]);
        assertArrayEquals(reference[1], fourThreads[1]);
        assertArrayEquals(reference[0], chunked[0]);
        assertArrayEquals(reference[1], chunked[1]);
        assertArrayEquals(reference[0], longRows[0]);
        assertArrayEquals(reference[1], longRows[1]);
    }

    private static float[][] sweeps(Interactions x, int blockEntries, int rowEntries, ForkJoinPool pool) throws Exception {
        int f = 8;
        float[] users = randomFactors(x.customerCount(), f, 3);
        float[] items = randomFactors(x.itemCount(), f, 4);
        AlsFit fit = new AlsFit(f, 5.0, 3, blockEntries, rowEntries);
        try {
            pool.submit(() -> {
                for (int it = 0; it < 2; it++) {
                    fit.sweep(users, items, x.customerCount(), x.rowPtr, x.rowItems, x.rowWeights, 0.1);
                    fit.sweep(items, users, x.itemCount(), x.colPtr, x.colCustomers, x.colWeights, 0.1);
                }
            }).get();
        } finally {
            pool.shutdown();
        }
        return new float[][] {users, items};
    }
}
