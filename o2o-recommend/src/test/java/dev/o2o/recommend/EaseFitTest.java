package dev.o2o.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.o2o.recommend.EaseFit.Form;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class EaseFitTest {

    /** Seeded random interactions: each pair present with probability {@code density}, weight 1, 2 or 3. */
    static Interactions random(int customers, int items, double density, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Interactions.Builder b = Interactions.builder();
        for (int c = 0; c < customers; c++) {
            // at least one item per customer, so every customer exists
            b.add("c" + c, "i" + r.nextInt(items), 1 + r.nextInt(3));
            for (int i = 0; i < items; i++) {
                if (r.nextDouble() < density) {
                    b.add("c" + c, "i" + i, 1 + r.nextInt(3));
                }
            }
        }
        return b.build();
    }

    @ParameterizedTest
    @CsvSource({"40, 120, 0.5", "40, 120, 25", "150, 40, 3", "60, 60, 0.1"})
    void dualAndPrimalFormsGiveTheSameWeights(int customers, int items, double lambda) {
        Interactions x = random(customers, items, 0.12, customers * 31L + items);
        int n = x.itemCount();
        double[] dual = EaseFit.weights(x, lambda, Form.DUAL);
        double[] primal = EaseFit.weights(x, lambda, Form.PRIMAL);
        double scale = 0;
        for (double b : primal) {
            scale = Math.max(scale, Math.abs(b));
        }
        assertTrue(scale > 1e-3, "weights are not trivially zero: " + scale);
        double worst = 0;
        for (int k = 0; k < primal.length; k++) {
            worst = Math.max(worst, Math.abs(dual[k] - primal[k]) / scale);
        }
        assertTrue(worst <= 1e-9, "largest difference relative to max |B|: " + worst);
        for (int j = 0; j < n; j++) {
            assertEquals(0.0, dual[j * n + j]);
        }
    }

    @Test
    void dualFormMatchesAHandComputedInverse() {
        // one customer with items x (weight 1) and y (weight 2): G = [[1,2],[2,4]], λ = 1:
        // (G + I)⁻¹ = [[5,-2],[-2,2]] / 6, so B_xy = −P_xy / P_yy = 1 and B_yx = −P_yx / P_xx = 2/5
        Interactions x = Interactions.builder().add("u", "x", 1).add("u", "y", 2).build();
        assertEquals(Form.DUAL, EaseFit.choose(x.customerCount(), x.itemCount(), 1.0));
        double[] b = EaseFit.weights(x, 1.0);
        int ix = x.itemIndex("x");
        int iy = x.itemIndex("y");
        assertEquals(1.0, b[ix * 2 + iy], 1e-15);
        assertEquals(0.4, b[iy * 2 + ix], 1e-15);
        double[] lambdaP = EaseFit.scaledInverseDual(x, 1.0);
        assertEquals(5.0 / 6, lambdaP[ix * 2 + ix], 1e-15);
        assertEquals(-2.0 / 6, lambdaP[ix * 2 + iy], 1e-15);
        assertEquals(2.0 / 6, lambdaP[iy * 2 + iy], 1e-15);
    }

    @Test
    void chooseTheDualFormOnlyForFewerCustomersThanItemsAndPositiveLambda() {
        assertEquals(Form.DUAL, EaseFit.choose(610, 6298, 500));
        assertEquals(Form.PRIMAL, EaseFit.choose(6298, 6298, 500));
        assertEquals(Form.PRIMAL, EaseFit.choose(100_000, 6298, 500));
        assertEquals(Form.PRIMAL, EaseFit.choose(610, 6298, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EaseFit.scaledInverseDual(random(3, 5, 0.5, 1), 0.0));
        assertTrue(e.getMessage().contains("lambda > 0: 0.0"), e.getMessage());
    }

    @Test
    void lambdaZeroOnRankDeficientDataNamesLambda() {
        // λ = 0 takes the primal form; G = [[1,1],[1,1]] is singular (its Cholesky pivot is exactly 0)
        Interactions x = Interactions.builder().add("u", "x", 1).add("u", "y", 1).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EaseFit.weights(x, 0.0));
        assertTrue(e.getMessage().contains("not positive definite for lambda 0.0"), e.getMessage());
    }

    /**
     * Weights above about 1e154 overflowed XᵀX (sums of squared weights) to Infinity and the fit
     * failed with "XᵀX + λI is not positive definite ... (use lambda > 0 when items are collinear)",
     * with lambda already positive. They are refused up front naming the weight, its pair and the
     * limit, on both forms; at the limit, with a lambda not negligible beside them, the weights are
     * finite. With a lambda that is negligible (1 beside squares of 1e100) the matrix is singular
     * in double for collinear items, and the message said "use lambda > 0" with lambda 1: it now
     * names the largest weight and asks for a larger lambda.
     */
    @Test
    void aWeightBeyondTheLimitIsRefusedNamingIt() {
        for (double lambda : new double[] {1, 0.5}) { // primal (more customers) and dual at 0.5 on fewer customers
            for (Form form : Form.values()) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> EaseFit.weights(AlsModelTest.withBigWeights(1e155), lambda, form));
                assertEquals("EASE: the weight 1.0E155 of customer 'c7' and item 'i2' is above 1.0E100 (XᵀX sums"
                        + " squared weights: beyond the limit they overflow a double)", e.getMessage());
                double[] b = EaseFit.weights(AlsModelTest.withBigWeights(1e100), 1e210, form);
                for (double v : b) {
                    assertTrue(Double.isFinite(v), form + " " + v);
                }
                if (form == Form.DUAL) {
                    continue; // its customers × customers matrix is not singular here
                }
                IllegalArgumentException small = assertThrows(IllegalArgumentException.class,
                        () -> EaseFit.weights(AlsModelTest.withBigWeights(1e100), lambda, form));
                assertEquals("EASE: XᵀX + λI is not positive definite for lambda " + lambda + " (the largest weight is"
                        + " 1.0E100: collinear items need a lambda that is not negligible beside the squared weights;"
                        + " use a larger lambda or smaller weights)", small.getMessage());
            }
        }
        IllegalArgumentException viaModel = assertThrows(IllegalArgumentException.class,
                () -> Recommender.ease(1).fit(AlsModelTest.withBigWeights(1e155)));
        assertTrue(viaModel.getMessage().startsWith("EASE: the weight 1.0E155"), viaModel.getMessage());
    }
}
