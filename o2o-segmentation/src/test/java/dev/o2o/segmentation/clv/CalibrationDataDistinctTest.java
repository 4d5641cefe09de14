package dev.o2o.segmentation.clv;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CalibrationDataDistinctTest {

    @Test
    void distinctRowsWithCountsFitLikeTheirCustomers() {
        int[] x = {0, 2, 5, 1};
        double[] tx = {0, 10.5, 30, 3};
        double[] t = {40, 38, 39.5, 20};
        long[] counts = {7, 3, 2, 5};
        List<CustomerSummary> customers = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            for (int c = 0; c < counts[i]; c++) {
                customers.add(new CustomerSummary(x[i], tx[i], t[i]));
            }
        }
        CalibrationData distinct = CalibrationData.ofDistinct(x, tx, t, counts);
        CalibrationData all = CalibrationData.of(customers);
        assertEquals(17, distinct.size());
        assertEquals(4, distinct.distinctRows());
        assertArrayEquals(all.frequency(), distinct.frequency());
        assertArrayEquals(all.age(), distinct.age());
        assertEquals(BgNbd.fit(all).estimates(), BgNbd.fit(distinct).estimates());
    }

    @Test
    void refusesBadCountsAndLengths() {
        assertThrows(IllegalArgumentException.class,
                () -> CalibrationData.ofDistinct(new int[] {1}, new double[] {1}, new double[] {2}, new long[] {0}));
        assertThrows(IllegalArgumentException.class,
                () -> CalibrationData.ofDistinct(new int[] {1}, new double[] {1}, new double[] {2}, new long[] {1, 1}));
        assertThrows(IllegalArgumentException.class,
                () -> CalibrationData.ofDistinct(new int[] {1}, new double[] {3}, new double[] {2}, new long[] {1}));
    }
}
