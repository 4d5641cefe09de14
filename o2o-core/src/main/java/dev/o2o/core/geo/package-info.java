/**
 * Geography: a spatial index over points on the earth ({@link dev.o2o.core.geo.GeoIndex}), the
 * store locator built on it ({@link dev.o2o.core.geo.StoreLocator}) and the reverse query over
 * customers' known positions ({@link dev.o2o.core.geo.KnownPositions}), and conversion of
 * positions from Chinese map SDKs (GCJ-02, BD-09) to WGS-84 ({@link dev.o2o.core.geo.CoordinateSystem}).
 *
 * <p>Distances are great-circle distances in metres by the haversine formula of
 * {@link dev.o2o.core.GeoPoint#distanceMetres(dev.o2o.core.GeoPoint)}; every query returns
 * exactly what a brute-force scan with that formula returns, including across the
 * antimeridian and at the poles.
 */
package dev.o2o.core.geo;
