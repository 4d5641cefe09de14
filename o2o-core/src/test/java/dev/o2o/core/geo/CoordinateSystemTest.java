package dev.o2o.core.geo;

import dev.o2o.core.GeoPoint;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static dev.o2o.core.geo.CoordinateSystem.BD09;
import static dev.o2o.core.geo.CoordinateSystem.GCJ02;
import static dev.o2o.core.geo.CoordinateSystem.WGS84;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CoordinateSystemTest {

    private static void assertPoint(double lon, double lat, GeoPoint actual, double tolerance) {
        assertEquals(lon, actual.longitude(), tolerance, () -> "longitude of " + actual);
        assertEquals(lat, actual.latitude(), tolerance, () -> "latitude of " + actual);
    }

    /**
     * Published pairs of wandergis/coordtransform, test/app.js ("//result" block; input longitude 116.404, latitude
     * 39.915, Beijing), the forward transforms to full double precision. Its gcj02towgs84 and bd09togcj02 are
     * one-step approximations of the inverse: ours iterates, so it agrees to their error only, and is closer.
     */
    @Test
    void coordtransformPairs() {
        GeoPoint p = GeoPoint.of(39.915, 116.404);
        assertPoint(116.41024449916938, 39.91640428150164, WGS84.convert(p, GCJ02), 1e-12);
        assertPoint(116.41036949371029, 39.92133699351021, GCJ02.convert(p, BD09), 1e-12);

        GeoPoint approxWgs = GeoPoint.of(39.91359571849836, 116.39775550083061);
        GeoPoint ours = GCJ02.toWgs84(p);
        assertPoint(approxWgs.longitude(), approxWgs.latitude(), ours, 2e-5);
        assertTrue(GCJ02.fromWgs84(ours).distanceMetres(p) < GCJ02.fromWgs84(approxWgs).distanceMetres(p));
        assertTrue(GCJ02.fromWgs84(ours).distanceMetres(p) < 1e-3, "the inverse is exact to a millimetre");

        GeoPoint approxGcj = GeoPoint.of(39.90865673957631, 116.39762729119315);
        assertPoint(approxGcj.longitude(), approxGcj.latitude(), BD09.convert(p, GCJ02), 1e-5);
    }

    /**
     * Published pairs of hujiulong/gcoord, test/unit/crs/WGS84.spec.ts, GCJ02.spec.ts and BD09.spec.ts (input
     * longitude 123, latitude 45; gcoord's inverses iterate to 1e-6 degrees and its tests check 5 decimals).
     */
    @Test
    void gcoordPairs() {
        GeoPoint p = GeoPoint.of(45, 123);
        assertPoint(123.00607541, 45.00197815, WGS84.convert(p, GCJ02), 5e-6);
        assertPoint(123.0124491, 45.0083293, WGS84.convert(p, BD09), 5e-6);
        assertPoint(122.99395597, 44.99804071, GCJ02.convert(p, WGS84), 5e-6);
        assertPoint(123.00636499, 45.00636899, GCJ02.convert(p, BD09), 5e-6);
        assertPoint(122.99363304, 44.99365430, BD09.convert(p, GCJ02), 5e-6);
        assertPoint(122.98762210, 44.99171540, BD09.convert(p, WGS84), 5e-6);
    }

    @Test
    void roundTripsAreWithinTheToleranceAllOverChina() {
        SplittableRandom r = new SplittableRandom(23);
        for (int i = 0; i < 5_000; i++) {
            GeoPoint wgs = GeoPoint.of(18 + r.nextDouble() * 35, 75 + r.nextDouble() * 60);
            for (CoordinateSystem cs : new CoordinateSystem[] {GCJ02, BD09}) {
                GeoPoint there = cs.fromWgs84(wgs);
                GeoPoint back = cs.toWgs84(there);
                assertPoint(wgs.longitude(), wgs.latitude(), back, 1e-8);
                GeoPoint other = cs.convert(there, cs == GCJ02 ? BD09 : GCJ02);
                assertPoint(there.longitude(), there.latitude(), (cs == GCJ02 ? BD09 : GCJ02).convert(other, cs), 1e-8);
            }
        }
    }

    @Test
    void theShanghaiOffsetIsAboutHalfAKilometre() {
        GeoPoint peoplesSquare = GeoPoint.of(31.2304, 121.4737);
        double metres = GCJ02.fromWgs84(peoplesSquare).distanceMetres(peoplesSquare);
        assertTrue(metres > 400 && metres < 700, "offset " + metres);
        assertTrue(BD09.fromWgs84(peoplesSquare).distanceMetres(peoplesSquare) > 1000);
    }

    @Test
    void outsideChinaEveryTransformIsTheIdentity() {
        GeoPoint london = GeoPoint.of(51.5074, -0.1278);
        GeoPoint sydney = GeoPoint.of(-33.8688, 151.2093);
        for (GeoPoint p : new GeoPoint[] {london, sydney}) {
            assertFalse(CoordinateSystem.inChina(p));
            for (CoordinateSystem from : CoordinateSystem.values()) {
                for (CoordinateSystem to : CoordinateSystem.values()) {
                    assertSame(p, from.convert(p, to), from + " -> " + to);
                }
            }
        }
        assertTrue(CoordinateSystem.inChina(GeoPoint.of(31.2304, 121.4737)));
    }
}
