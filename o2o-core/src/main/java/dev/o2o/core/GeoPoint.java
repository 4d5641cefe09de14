package dev.o2o.core;

/**
 * A position on the WGS84 ellipsoid in decimal degrees.
 *
 * <p>Immutable and thread-safe.
 *
 * @param latitude  degrees north, -90..90
 * @param longitude degrees east, -180..180
 */
public record GeoPoint(double latitude, double longitude) {

    /** Mean earth radius in metres (IUGG), used by the haversine formula. */
    public static final double EARTH_RADIUS_METRES = 6_371_008.8;

    public GeoPoint {
        if (!(latitude >= -90.0 && latitude <= 90.0)) {
            throw new IllegalArgumentException("latitude must be within -90..90 degrees: " + latitude);
        }
        if (!(longitude >= -180.0 && longitude <= 180.0)) {
            throw new IllegalArgumentException("longitude must be within -180..180 degrees: " + longitude);
        }
    }

    public static GeoPoint of(double latitude, double longitude) {
        return new GeoPoint(latitude, longitude);
    }

    /** Great-circle distance in metres by the haversine formula on a sphere of the mean earth radius. */
    public double distanceMetres(GeoPoint other) {
        double phi1 = Math.toRadians(latitude);
        double phi2 = Math.toRadians(other.latitude);
        double dPhi = phi2 - phi1;
        double dLambda = Math.toRadians(other.longitude - longitude);
        double sinPhi = Math.sin(dPhi / 2);
        double sinLambda = Math.sin(dLambda / 2);
        double h = sinPhi * sinPhi + Math.cos(phi1) * Math.cos(phi2) * sinLambda * sinLambda;
        // min() guards against h drifting above 1 by rounding for antipodal points
        return 2 * EARTH_RADIUS_METRES * Math.asin(Math.min(1.0, Math.sqrt(h)));
    }

    /** True if the other point lies within {@code radiusMetres} of this one. */
    public boolean isWithin(GeoPoint other, double radiusMetres) {
        if (!(radiusMetres >= 0)) {
            throw new IllegalArgumentException("radiusMetres must be >= 0: " + radiusMetres);
        }
        return distanceMetres(other) <= radiusMetres;
    }
}
