package dev.o2o.core.geo;

import dev.o2o.core.GeoPoint;

import java.util.Objects;

/**
 * The coordinate systems of positions from Chinese map SDKs, and conversion between them. A {@link GeoPoint} holds
 * two numbers; this type says which system they are in and converts them:
 * <ul>
 *   <li>{@link #WGS84}: GPS, and what every distance and index in o2o assumes.</li>
 *   <li>{@link #GCJ02}: the obfuscated "Mars" coordinates that maps published in mainland China must use (Amap /
 *   Gaode, Tencent, WeChat's {@code wx.getLocation} with {@code type: 'gcj02'}, Apple and Google maps inside China);
 *   about 500 m off WGS-84 in Shanghai.</li>
 *   <li>{@link #BD09}: Baidu's coordinates, GCJ-02 shifted once more (Baidu Maps SDK and web API).</li>
 * </ul>
 *
 * <p>The transforms are the standard published ones, as in the open-source coordtransform (wandergis) and gcoord
 * libraries: WGS-84 to GCJ-02 adds the offset polynomial on the Krasovsky ellipsoid ({@code a = 6378245},
 * {@code e^2 = 0.00669342162296594323}); GCJ-02 to BD-09 is Baidu's
 * {@code z = sqrt(x^2 + y^2) + 0.00002 sin(y * pi * 3000 / 180)},
 * {@code theta = atan2(y, x) + 0.000003 cos(x * pi * 3000 / 180)}, plus {@code (0.0065, 0.006)}. Neither has a closed
 * inverse: the way back is solved by fixed-point iteration until the forward transform of the result is within
 * {@value #INVERSE_TOLERANCE_DEGREES} degrees of the input (well below the 1e-6 degrees, about 0.1 m, that matter).
 *
 * <p><b>Outside China the transforms are the identity</b>: GCJ-02 is only applied to positions in mainland China,
 * and Baidu uses WGS-84 abroad. "In China" is the rough bounding box the published implementations use, longitude
 * 72.004 to 137.8347 and latitude 0.8293 to 55.8271 (it includes neighbours such as Korea and parts of Japan, as
 * the SDKs do), tested on the point given in the source system.
 *
 * <p>Stateless and thread-safe.
 */
public enum CoordinateSystem {
    /** WGS-84: GPS coordinates. */
    WGS84,
    /** GCJ-02: China's obfuscated coordinates (Amap, Tencent, WeChat). */
    GCJ02,
    /** BD-09: Baidu's coordinates. */
    BD09;

    /** How close, in degrees, the forward transform of an inverse result comes to the input. */
    public static final double INVERSE_TOLERANCE_DEGREES = 1e-9;

    /** The position in WGS-84 of {@code point} given in this system. */
    public GeoPoint toWgs84(GeoPoint point) {
        Objects.requireNonNull(point, "point");
        return switch (this) {
            case WGS84 -> point;
            case GCJ02 -> ChinaOffsets.gcj02ToWgs84(point);
            case BD09 -> ChinaOffsets.gcj02ToWgs84(ChinaOffsets.bd09ToGcj02(point));
        };
    }

    /** The position in this system of the WGS-84 {@code point}. */
    public GeoPoint fromWgs84(GeoPoint point) {
        Objects.requireNonNull(point, "point");
        return switch (this) {
            case WGS84 -> point;
            case GCJ02 -> ChinaOffsets.wgs84ToGcj02(point);
            case BD09 -> ChinaOffsets.gcj02ToBd09(ChinaOffsets.wgs84ToGcj02(point));
        };
    }

    /** The position in {@code target} of {@code point} given in this system (GCJ-02 and BD-09 convert directly). */
    public GeoPoint convert(GeoPoint point, CoordinateSystem target) {
        Objects.requireNonNull(point, "point");
        Objects.requireNonNull(target, "target");
        if (this == target) {
            return point;
        }
        if (this == GCJ02 && target == BD09) {
            return ChinaOffsets.gcj02ToBd09(point);
        }
        if (this == BD09 && target == GCJ02) {
            return ChinaOffsets.bd09ToGcj02(point);
        }
        return target.fromWgs84(toWgs84(point));
    }

    /** Whether {@code point} is inside the bounding box where the Chinese systems differ from WGS-84. */
    public static boolean inChina(GeoPoint point) {
        return ChinaOffsets.inChina(point.latitude(), point.longitude());
    }
}
