package dev.o2o.testkit.recommend;

import dev.o2o.core.GeoPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A seeded synthetic O2O world for recommendation tests: stores scattered over a city, offers
 * (items) each redeemable at one store and belonging to one of a few taste clusters, and
 * customers living somewhere in the city with a favourite cluster.
 *
 * <p>Each choice of a customer picks an item with probability proportional to
 * {@code taste(cluster) × exp(−distance / decayMetres)}, where {@code taste} is
 * {@code affinity} for the favourite cluster and 1 otherwise and the distance runs from the
 * customer's home to the item's store. {@link #probability} returns that true probability, so
 * a test can rank by it (the oracle) and bound every model from above.
 *
 * <p>Immutable and thread-safe; the same parameters and seed give the same world.
 *
 * @param stores          store positions, id {@code s<k>}
 * @param itemStore       store index per item, item id {@code i<k>}
 * @param itemCluster     taste cluster per item
 * @param homes           home per customer, customer id {@code c<k>}
 * @param favourite       favourite cluster per customer
 * @param events          every choice, in time order per customer
 * @param affinity        weight of the favourite cluster
 * @param decayMetres     distance scale of the choice probability, metres
 */
public record O2oChoices(List<GeoPoint> stores, int[] itemStore, int[] itemCluster, List<GeoPoint> homes,
                         int[] favourite, List<Choice> events, double affinity, double decayMetres) {

    /**
     * One choice.
     *
     * @param customer customer id
     * @param item     item id
     * @param instant  when
     */
    public record Choice(String customer, String item, Instant instant) {
        public Choice {
            Objects.requireNonNull(customer, "customer");
            Objects.requireNonNull(item, "item");
            Objects.requireNonNull(instant, "instant");
        }
    }

    public O2oChoices {
        stores = List.copyOf(stores);
        homes = List.copyOf(homes);
        events = List.copyOf(events);
        itemStore = itemStore.clone();
        itemCluster = itemCluster.clone();
        favourite = favourite.clone();
    }

    /**
     * Generates a world around a centre, within a square of {@code cityKm} on a side.
     *
     * @param customers          customers, at least 1
     * @param stores             stores, at least 1
     * @param items              items, at least 1
     * @param clusters           taste clusters, at least 1
     * @param choicesPerCustomer choices per customer, at least 1
     * @param cityKm             side of the city square in km, positive
     * @param affinity           weight of the favourite cluster, at least 1
     * @param decayMetres        distance scale in metres, positive
     * @param seed               the seed
     */
    public static O2oChoices generate(int customers, int stores, int items, int clusters, int choicesPerCustomer,
                                      double cityKm, double affinity, double decayMetres, long seed) {
        if (customers < 1 || stores < 1 || items < 1 || clusters < 1 || choicesPerCustomer < 1) {
            throw new IllegalArgumentException("customers, stores, items, clusters and choicesPerCustomer must be"
                    + " at least 1: " + customers + ", " + stores + ", " + items + ", " + clusters + ", "
                    + choicesPerCustomer);
        }
        if (!(cityKm > 0) || !(affinity >= 1) || !(decayMetres > 0)) {
            throw new IllegalArgumentException("cityKm and decayMetres must be positive and affinity >= 1: "
                    + cityKm + ", " + decayMetres + ", " + affinity);
        }
        SplittableRandom r = new SplittableRandom(seed);
        GeoPoint centre = GeoPoint.of(31.2304, 121.4737);
        // degrees per km near the centre (latitude 31°): 1/111 north, 1/(111·cos 31°) east
        double dLat = cityKm / 111.0;
        double dLon = cityKm / (111.0 * Math.cos(Math.toRadians(centre.latitude())));
        List<GeoPoint> storeList = new ArrayList<>();
        for (int s = 0; s < stores; s++) {
            storeList.add(GeoPoint.of(centre.latitude() + (r.nextDouble() - 0.5) * dLat,
                    centre.longitude() + (r.nextDouble() - 0.5) * dLon));
        }
        int[] itemStore = new int[items];
        int[] itemCluster = new int[items];
        for (int i = 0; i < items; i++) {
            itemStore[i] = r.nextInt(stores);
            itemCluster[i] = r.nextInt(clusters);
        }
        List<GeoPoint> homes = new ArrayList<>();
        int[] favourite = new int[customers];
        List<Choice> events = new ArrayList<>();
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        double[] weights = new double[items];
        for (int c = 0; c < customers; c++) {
            GeoPoint home = GeoPoint.of(centre.latitude() + (r.nextDouble() - 0.5) * dLat,
                    centre.longitude() + (r.nextDouble() - 0.5) * dLon);
            homes.add(home);
            favourite[c] = r.nextInt(clusters);
            double total = 0;
            for (int i = 0; i < items; i++) {
                weights[i] = weight(home, storeList.get(itemStore[i]), itemCluster[i] == favourite[c], affinity,
                        decayMetres);
                total += weights[i];
            }
            for (int k = 0; k < choicesPerCustomer; k++) {
                double u = r.nextDouble() * total;
                int pick = items - 1;
                for (int i = 0; i < items; i++) {
                    u -= weights[i];
                    if (u < 0) {
                        pick = i;
                        break;
                    }
                }
                events.add(new Choice("c" + c, "i" + pick, start.plus(Duration.ofHours((long) k * 24 + c % 24))));
            }
        }
        return new O2oChoices(storeList, itemStore, itemCluster, homes, favourite, events, affinity, decayMetres);
    }

    private static double weight(GeoPoint home, GeoPoint store, boolean favourite, double affinity, double decay) {
        return (favourite ? affinity : 1.0) * Math.exp(-home.distanceMetres(store) / decay);
    }

    /** The true probability that a choice of customer {@code c} is item {@code i}. */
    public double probability(int customer, int item) {
        double total = 0;
        for (int i = 0; i < itemStore.length; i++) {
            total += weight(homes.get(customer), stores.get(itemStore[i]), itemCluster[i] == favourite[customer],
                    affinity, decayMetres);
        }
        return weight(homes.get(customer), stores.get(itemStore[item]), itemCluster[item] == favourite[customer],
                affinity, decayMetres) / total;
    }
}
