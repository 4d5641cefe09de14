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
}
