package dev.o2o.core.geo;

import dev.o2o.core.GeoPoint;

/**
 * The GCJ-02 and BD-09 transforms behind {@link CoordinateSystem}: the published forward formulas and their inverses
 * by fixed-point iteration. Stateless and thread-safe.
 */
final class ChinaOffsets {

    /** Semi-major axis of the Krasovsky 1940 ellipsoid, metres, as GCJ-02 uses it. */
    private static final double A = 6378245.0;
    /** First eccentricity squared of that ellipsoid. */
    private static final double EE = 0.00669342162296594323;
    /** Baidu's angle factor. */
    private static final double X_PI = Math.PI * 3000.0 / 180.0;
    /** Iterations are few (the offsets change slowly with position: 3 to 6 suffice); this only bounds a bug. */
    private static final int MAX_ITERATIONS = 100;

    private ChinaOffsets() {
    }

    static boolean inChina(double lat, double lon) {
        return lon >= 72.004 && lon <= 137.8347 && lat >= 0.8293 && lat <= 55.8271;
    }

    static GeoPoint wgs84ToGcj02(GeoPoint p) {
        double lat = p.latitude();
        double lon = p.longitude();
        if (!inChina(lat, lon)) {
            return p;
        }
        double[] d = delta(lat, lon);
        return GeoPoint.of(lat + d[0], lon + d[1]);
    }

    static GeoPoint gcj02ToWgs84(GeoPoint g) {
        if (!inChina(g.latitude(), g.longitude())) {
            return g;
        }
        double lat = g.latitude();
        double lon = g.longitude();
        for (int i = 0; i < MAX_ITERATIONS; i++) {
            GeoPoint forward = wgs84ToGcj02(GeoPoint.of(lat, lon));
            double dLat = forward.latitude() - g.latitude();
            double dLon = forward.longitude() - g.longitude();
            if (Math.abs(dLat) <= CoordinateSystem.INVERSE_TOLERANCE_DEGREES
                    && Math.abs(dLon) <= CoordinateSystem.INVERSE_TOLERANCE_DEGREES) {
                return GeoPoint.of(lat, lon);
            }
            lat -= dLat;
            lon -= dLon;
        }
        throw new IllegalStateException("GCJ-02 to WGS-84 did not converge for " + g);
    }

    static GeoPoint gcj02ToBd09(GeoPoint g) {
        if (!inChina(g.latitude(), g.longitude())) {
            return g;
        }
        double x = g.longitude();
        double y = g.latitude();
        double z = Math.sqrt(x * x + y * y) + 0.00002 * Math.sin(y * X_PI);
        double theta = Math.atan2(y, x) + 0.000003 * Math.cos(x * X_PI);
        return GeoPoint.of(z * Math.sin(theta) + 0.006, z * Math.cos(theta) + 0.0065);
    }

    static GeoPoint bd09ToGcj02(GeoPoint b) {
        if (!inChina(b.latitude(), b.longitude())) {
            return b;
        }
        // Baidu's published approximate inverse as the start, then refined like the GCJ-02 inverse
        double x = b.longitude() - 0.0065;
        double y = b.latitude() - 0.006;
        double z = Math.sqrt(x * x + y * y) - 0.00002 * Math.sin(y * X_PI);
        double theta = Math.atan2(y, x) - 0.000003 * Math.cos(x * X_PI);
        double lat = z * Math.sin(theta);
        double lon = z * Math.cos(theta);
        for (int i = 0; i < MAX_ITERATIONS; i++) {
            GeoPoint forward = gcj02ToBd09(GeoPoint.of(lat, lon));
            double dLat = forward.latitude() - b.latitude();
            double dLon = forward.longitude() - b.longitude();
            if (Math.abs(dLat) <= CoordinateSystem.INVERSE_TOLERANCE_DEGREES
                    && Math.abs(dLon) <= CoordinateSystem.INVERSE_TOLERANCE_DEGREES) {
                return GeoPoint.of(lat, lon);
            }
            lat -= dLat;
            lon -= dLon;
        }
        throw new IllegalStateException("BD-09 to GCJ-02 did not converge for " + b);
    }

    /** The GCJ-02 offset {latitude, longitude} in degrees at a WGS-84 position. */
    private static double[] delta(double lat, double lon) {
        double x = lon - 105.0;
        double y = lat - 35.0;
        double dLat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
        dLat += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        dLat += (20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin(y / 3.0 * Math.PI)) * 2.0 / 3.0;
        dLat += (160.0 * Math.sin(y / 12.0 * Math.PI) + 320 * Math.sin(y * Math.PI / 30.0)) * 2.0 / 3.0;
        double dLon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
        dLon += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        dLon += (20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin(x / 3.0 * Math.PI)) * 2.0 / 3.0;
        dLon += (150.0 * Math.sin(x / 12.0 * Math.PI) + 300.0 * Math.sin(x / 30.0 * Math.PI)) * 2.0 / 3.0;
        double radLat = lat / 180.0 * Math.PI;
        double magic = Math.sin(radLat);
        magic = 1 - EE * magic * magic;
        double sqrtMagic = Math.sqrt(magic);
        dLat = (dLat * 180.0) / ((A * (1 - EE)) / (magic * sqrtMagic) * Math.PI);
        dLon = (dLon * 180.0) / (A / sqrtMagic * Math.cos(radLat) * Math.PI);
        return new double[] {dLat, dLon};
    }
}
