package dev.o2o.attribution.shapley;

import dev.o2o.attribution.journey.JourneySet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The sufficient statistic of conversion-rate Shapley attribution: per distinct set of channels (the channels a path
 * touches, order and repeats ignored), the conversions and the journeys (conversions plus non-conversions) of the
 * paths with that set, and the totals of the journeys.
 *
 * <p>Counts are mergeable: the counts of two disjoint journey sets, {@link #merge merged}, equal the counts of their
 * union (exactly, as long as the sums are exact in double, for example whole numbers below 2^53), so a distributed
 * job counts each partition, merges, and computes the Shapley values once with
 * {@link ShapleyAttribution#conversionRate(CoalitionCounts, long, int)}. Channels are identified by id;
 * {@link #equals} compares contents, not the order in which channels or sets were first met.
 *
 * <p>Immutable and thread-safe.
 */
public final class CoalitionCounts {

    /** A channel set: sorted distinct channel indexes into {@link #channels}. */
    private record ChannelSet(int[] members) {
        @Override
        public boolean equals(Object o) {
            return o instanceof ChannelSet s && Arrays.equals(members, s.members);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(members);
        }

        @Override
        public String toString() {
            return Arrays.toString(members);
        }
    }

    private final List<String> channels;
    /** Per set: {conversions, journeys}; insertion order is the order first met. */
    private final Map<ChannelSet, double[]> sets;
    private final double totalConversions;
    private final double totalValue;

    private CoalitionCounts(List<String> channels, Map<ChannelSet, double[]> sets, double totalConversions,
                            double totalValue) {
        this.channels = channels;
        this.sets = sets;
        this.totalConversions = totalConversions;
        this.totalValue = totalValue;
    }

    /** Counts the channel sets of {@code journeys}; every channel of the set is listed, also one in no path. */
    public static CoalitionCounts of(JourneySet journeys) {
        Objects.requireNonNull(journeys, "journeys");
        List<String> ids = journeys.channelIds();
        Map<ChannelSet, double[]> sets = new LinkedHashMap<>();
        for (int i = 0, n = journeys.size(); i < n; i++) {
            int[] members = journeys.path(i);
            Arrays.sort(members);
            int d = 0;
            for (int j = 0; j < members.length; j++) {
                if (j == 0 || members[j] != members[j - 1]) {
                    members[d++] = members[j];
                }
            }
            double[] c = sets.computeIfAbsent(new ChannelSet(Arrays.copyOf(members, d)), k -> new double[2]);
            c[0] += journeys.conversions(i);
            c[1] += journeys.conversions(i) + journeys.nulls(i);
        }
        return new CoalitionCounts(List.copyOf(ids), sets, journeys.totalConversions(), journeys.totalValue());
    }

    /** The counts of both sets of journeys together. */
    public CoalitionCounts merge(CoalitionCounts other) {
        Objects.requireNonNull(other, "other");
        List<String> ids = new ArrayList<>(channels);
        Map<String, Integer> index = new HashMap<>();
        for (int c = 0; c < ids.size(); c++) {
            index.put(ids.get(c), c);
        }
        Map<ChannelSet, double[]> merged = new LinkedHashMap<>();
        sets.forEach((k, v) -> merged.put(k, v.clone()));
        for (Map.Entry<ChannelSet, double[]> e : other.sets.entrySet()) {
            int[] members = e.getKey().members().clone();
            for (int q = 0; q < members.length; q++) {
                String id = other.channels.get(members[q]);
                members[q] = index.computeIfAbsent(id, k -> {
                    ids.add(k);
                    return ids.size() - 1;
                });
            }
            Arrays.sort(members);
            double[] c = merged.computeIfAbsent(new ChannelSet(members), k -> new double[2]);
            c[0] += e.getValue()[0];
            c[1] += e.getValue()[1];
        }
        return new CoalitionCounts(List.copyOf(ids), merged, totalConversions + other.totalConversions,
                totalValue + other.totalValue);
    }

    /** Channel ids, in the order first met (for counts of one journey set: its channel index order). */
    public List<String> channels() {
        return channels;
    }

    /** Number of distinct channel sets. */
    public int setCount() {
        return sets.size();
    }

    /** Conversions of the counted journeys. */
    public double totalConversions() {
        return totalConversions;
    }

    /** Conversion value of the counted journeys, in the unit of the data. */
    public double totalValue() {
        return totalValue;
    }

    /**
     * Per channel id (in {@link #channels()} order), the conversions of the journeys that touch the channel: the
     * most conversions a channel could be said to have taken part in.
     */
    public Map<String, Double> conversionsTouching() {
        return touching(0);
    }

    /** Per channel id (in {@link #channels()} order), the journeys (conversions plus non-conversions) touching it. */
    public Map<String, Double> journeysTouching() {
        return touching(1);
    }

    private Map<String, Double> touching(int column) {
        double[] sums = new double[channels.size()];
        sets.forEach((k, v) -> {
            for (int c : k.members()) {
                sums[c] += v[column];
            }
        });
        Map<String, Double> out = new LinkedHashMap<>();
        for (int c = 0; c < sums.length; c++) {
            out.put(channels.get(c), sums[c]);
        }
        return Collections.unmodifiableMap(out);
    }

    /** Calls {@code action} with each set's members (sorted channel indexes), conversions and journeys. */
    void forEach(SetAction action) {
        sets.forEach((k, v) -> action.accept(k.members(), v[0], v[1]));
    }

    /** Receives one channel set. */
    interface SetAction {
        void accept(int[] members, double conversions, double journeys);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CoalitionCounts c && totalConversions == c.totalConversions && totalValue == c.totalValue
                && labelled().equals(c.labelled());
    }

    @Override
    public int hashCode() {
        return Objects.hash(totalConversions, totalValue, labelled());
    }

    /** Sorted channel ids and the counts keyed by sorted channel-id lists: the content, independent of order. */
    private Map<Object, Object> labelled() {
        Map<Object, Object> m = new HashMap<>();
        List<String> sorted = new ArrayList<>(channels);
        Collections.sort(sorted);
        m.put("channels", sorted);
        sets.forEach((k, v) -> {
            List<String> names = new ArrayList<>();
            for (int c : k.members()) {
                names.add(channels.get(c));
            }
            Collections.sort(names);
            m.put(names, List.of(v[0], v[1]));
        });
        return m;
    }

    @Override
    public String toString() {
        return "CoalitionCounts[" + channels.size() + " channels, " + sets.size() + " channel sets]";
    }
}
