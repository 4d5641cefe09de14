package dev.o2o.predict.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class MatrixTest {

    /** The class promises that infinite values are refused; withColumn let them in. */
    @Test
    void withColumnRefusesAnInfiniteValue() {
        Matrix m = Matrix.of(List.of("a"), new double[][] {{1, 2, 3}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.withColumn("b", new double[] {0, Double.NEGATIVE_INFINITY, 1}));
        assertEquals("column 'b' row 1: infinite value", e.getMessage());
        assertEquals(Double.NaN, m.withColumn("b", new double[] {0, Double.NaN, 1}).get(1, 1)); // missing stays allowed
    }

    /** Two columns of one name made every lookup by name ambiguous; they were accepted. */
    @Test
    void aColumnNameTwiceIsRefused() {
        IllegalArgumentException of = assertThrows(IllegalArgumentException.class,
                () -> Matrix.of(List.of("a", "b", "a"), new double[][] {{1}, {2}, {3}}));
        assertEquals("column name 'a' appears twice", of.getMessage());
        Matrix m = Matrix.of(List.of("a", "b"), new double[][] {{1}, {2}});
        IllegalArgumentException with = assertThrows(IllegalArgumentException.class,
                () -> m.withColumn("b", new double[] {3}));
        assertEquals("column name 'b' appears twice", with.getMessage());
        Frame f = Frame.builder().numeric("x", new double[] {1, 2}).categorical("c", new String[] {"u", "v"}).build();
        IllegalArgumentException enc = assertThrows(IllegalArgumentException.class,
                () -> FeatureEncoder.fit(f, List.of("x", "c", "x"), Encoding.ONE_HOT));
        assertEquals("column name 'x' appears twice", enc.getMessage());
    }

    /** Frame.select named a bad row index; Matrix.select threw ArrayIndexOutOfBoundsException (or nothing without columns). */
    @Test
    void selectNamesABadRowIndexAndTheRowCount() {
        Matrix m = Matrix.of(List.of("a", "b"), new double[][] {{1, 2}, {3, 4}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.select(new int[] {1, 2}));
        assertEquals("row index out of range [0, 2): 2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> m.select(new int[] {-1}));
        assertEquals("row index out of range [0, 2): -1", e.getMessage());
        Matrix noColumns = Matrix.of(List.of(), new double[0][]);
        e = assertThrows(IllegalArgumentException.class, () -> noColumns.select(new int[] {0}));
        assertEquals("row index out of range [0, 0): 0", e.getMessage());
        assertEquals(4.0, m.select(new int[] {1, 0, 1}).get(2, 1)); // column b, row 1
    }
}
