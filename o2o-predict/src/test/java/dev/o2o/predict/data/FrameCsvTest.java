package dev.o2o.predict.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameCsvTest {

    static final Schema SCHEMA = Schema.builder().numeric("x").categorical("c").build();

    static Frame read(String csv) {
        return FrameCsv.read(new StringReader(csv), "t.csv", SCHEMA);
    }

    @Test
    void readsTypedColumnsWithMissingValues() {
        Frame f = read("id,x,c\n1,1.5,a\n2,,b\n3,NA,\n4,-2,a\n");
        assertEquals(4, f.rows());
        assertEquals(List.of("x", "c"), f.names());
        double[] x = f.numeric("x");
        assertEquals(1.5, x[0]);
        assertTrue(Double.isNaN(x[1]) && Double.isNaN(x[2]));
        assertEquals(-2.0, x[3]);
        assertArrayEquals(new String[] {"a", "b", null, "a"}, f.categorical("c"));
        assertEquals(List.of("a", "b"), f.levels("c"));
    }

    @Test
    void badCellsNameLineAndColumn() {
        DataException e = assertThrows(DataException.class, () -> read("id,x,c\n1,1,a\n2,abc,b\n"));
        assertEquals(3, e.line());
        assertEquals("x", e.column());
        assertTrue(e.getMessage().contains("t.csv line 3, column 'x': not a number: 'abc'"), e.getMessage());
        DataException nan = assertThrows(DataException.class, () -> read("id,x,c\n1,NaN,a\n"));
        assertTrue(nan.getMessage().contains("line 2, column 'x': not a finite number: 'NaN'"), nan.getMessage());
        DataException inf = assertThrows(DataException.class, () -> read("id,x,c\n1,1,a\n2,Infinity,a\n"));
        assertEquals(3, inf.line());
        DataException width = assertThrows(DataException.class, () -> read("id,x,c\n1,1\n"));
        assertTrue(width.getMessage().contains("line 2") && width.getMessage().contains("2 fields"), width.getMessage());
        DataException absent = assertThrows(DataException.class,
                () -> FrameCsv.read(new StringReader("id,x\n1,2\n"), "t.csv", SCHEMA));
        assertEquals("c", absent.column());
    }

    @Test
    void oneHotAndOrdinalEncodingsWithUnseenAndMissingLevels() {
        Frame train = read("id,x,c\n1,1,b\n2,2,a\n3,3,b\n");
        Frame test = read("id,x,c\n1,1,a\n2,,z\n3,3,\n4,4,b\n");
        FeatureEncoder oneHot = FeatureEncoder.fit(train, List.of("x", "c"), Encoding.ONE_HOT);
        assertEquals(List.of("x", "c=a", "c=b"), oneHot.outputNames());
        Matrix m = oneHot.transform(test);
        assertArrayEquals(new double[] {1, 1, 0}, m.row(0));
        // unseen level z: all zeros (a defined encoding, not an exception); the missing x stays NaN
        double[] r1 = m.row(1);
        assertTrue(Double.isNaN(r1[0]));
        assertEquals(0.0, r1[1]);
        assertEquals(0.0, r1[2]);
        assertArrayEquals(new double[] {3, 0, 0}, m.row(2)); // missing level: all zeros
        assertArrayEquals(new double[] {4, 0, 1}, m.row(3));
        Matrix o = FeatureEncoder.fit(train, List.of("c"), Encoding.ORDINAL).transform(test);
        assertEquals(0.0, o.get(0, 0));
        assertTrue(Double.isNaN(o.get(1, 0)), "unseen level is missing");
        assertTrue(Double.isNaN(o.get(2, 0)), "missing level is missing");
        assertEquals(1.0, o.get(3, 0));
    }

    @Test
    void selectAndBuilderChecks() {
        Frame f = read("id,x,c\n1,1,a\n2,2,b\n3,3,c\n");
        Frame s = f.select(new int[] {2, 0});
        assertArrayEquals(new double[] {3, 1}, s.numeric("x"));
        assertArrayEquals(new String[] {"c", "a"}, s.categorical("c"));
        assertThrows(IllegalArgumentException.class, () -> f.select(new int[] {3}));
        assertThrows(IllegalStateException.class, () -> Frame.builder().numeric("a", new double[2]).numeric("b", new double[3]));
        assertThrows(IllegalArgumentException.class,
                () -> Frame.builder().numeric("a", new double[] {Double.POSITIVE_INFINITY}));
        assertThrows(IllegalStateException.class, () -> Schema.builder().numeric("a").categorical("a"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.numeric("nope"));
        assertTrue(e.getMessage().contains("nope"));
    }
}
