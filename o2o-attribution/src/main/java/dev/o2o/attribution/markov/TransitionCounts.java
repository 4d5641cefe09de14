package dev.o2o.attribution.markov;

import dev.o2o.attribution.journey.JourneySet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The sufficient statistic of a Markov-chain attribution: the weighted transition counts between channel windows
 * (plus the start, conversion and null states) of a set of journeys, with the journeys' total conversions and value.
 *
 * <p>Counts are mergeable: the counts of two disjoint journey sets, {@link #merge merged}, equal the counts of their
 * union (exactly, as long as the sums of weights are exact in double, for example whole numbers below 2^53). A
 * distributed job counts each partition, merges, and fits one {@link MarkovChain} with {@link MarkovChain#fit(
 * TransitionCounts)}. Channels are identified by id, so partitions may intern channels in different orders;
 * {@link #equals} compares contents, not the order in which channels or transitions were first met.
 *
 * <p>Immutable and thread-safe.
 */
public final class TransitionCounts {

    static final int START = 0;
    static final int CONVERSION = 1;
    static final int NULL = 2;
    /** Number of special states; windows start at this id. */
    static final int SPECIAL = 3;

    private final MarkovOptions options;
    private final List<String> channels;
    /** Window of each state id {@code >= SPECIAL}, as channel indexes into {@link #channels}. */
    private final int[][] windows;
    /** Per edge, in order of first appearance: source and target state ids, and weight. */
    private final int[] edgeFrom;
    private final int[] edgeTo;
    private final double[] edgeWeight;
    private final double totalConversions;
    private final double totalValue;

    private TransitionCounts(MarkovOptions options, List<String> channels, int[][] windows, int[] edgeFrom,
                             int[] edgeTo, double[] edgeWeight, double totalConversions, double totalValue) {
        this.options = options;
        this.channels = channels;
        this.windows = windows;
        this.edgeFrom = edgeFrom;
        this.edgeTo = edgeTo;
        this.edgeWeight = edgeWeight;
        this.totalConversions = totalConversions;
        this.totalValue = totalValue;
    }

    /**
     * Counts the transitions of {@code journeys}: each path, weighted by its conversions plus (when the options
     * include them) its non-conversions, walks from the start state through its windows to the conversion and null
     * states. Every channel of the set is listed, also one that appears in no weighted path.
     */
    public static TransitionCounts of(JourneySet journeys, MarkovOptions options) {
        Objects.requireNonNull(journeys, "journeys");
        Objects.requireNonNull(options, "options");
        List<String> ids = journeys.channelIds();
        Counter counter = new Counter(options, ids);
        int[] path = new int[16];
        for (int i = 0, n = journeys.size(); i < n; i++) {
            int len = journeys.length(i);
            if (path.length < len) {
                path = new int[len * 2];
            }
            for (int j = 0; j < len; j++) {
                path[j] = journeys.channel(i, j);
            }
            counter.addPath(path, len, journeys.conversions(i), journeys.nulls(i));
        }
        return counter.build(journeys.totalConversions(), journeys.totalValue());
    }

    /**
     * The counts of both sets of journeys together.
     *
     * @throws IllegalArgumentException if the options differ
     */
    public TransitionCounts merge(TransitionCounts other) {
        Objects.requireNonNull(other, "other");
        if (!options.equals(other.options)) {
            throw new IllegalArgumentException("cannot merge counts made with " + other.options + " into counts made with "
                    + options);
        }
        Counter counter = new Counter(options, channels);
        counter.addAll(this, identity(channels.size()));
        int[] map = new int[other.channels.size()];
        for (int c = 0; c < map.length; c++) {
            map[c] = counter.channel(other.channels.get(c));
        }
        counter.addAll(other, map);
        return counter.build(totalConversions + other.totalConversions, totalValue + other.totalValue);
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    /** The options the counts were made with (they decide the states). */
    public MarkovOptions options() {
        return options;
    }

    /** Channel ids, in the order first met (for counts of one journey set: its channel index order). */
    public List<String> channels() {
        return channels;
    }

    /** Conversions of the counted journeys (all of them, also those that the options leave out of the weights). */
    public double totalConversions() {
        return totalConversions;
    }

    /** Conversion value of the counted journeys, in the unit of the data. */
    public double totalValue() {
        return totalValue;
    }

    /** Number of channel-window states. */
    public int windowCount() {
        return windows.length - SPECIAL;
    }

    int stateCount() {
        return windows.length;
    }

    int[] window(int state) {
        return windows[state];
    }

    int edgeCount() {
        return edgeWeight.length;
    }

    int edgeFrom(int e) {
        return edgeFrom[e];
    }

    int edgeTo(int e) {
        return edgeTo[e];
    }

    double edgeWeight(int e) {
        return edgeWeight[e];
    }

    /** Equal when options, channel ids, totals and every transition weight are equal, whatever their order. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TransitionCounts t)) {
            return false;
        }
        return options.equals(t.options) && totalConversions == t.totalConversions && totalValue == t.totalValue
                && labelled().equals(t.labelled());
    }

    @Override
    public int hashCode() {
        return Objects.hash(options, totalConversions, totalValue, labelled());
    }

    /** The channel ids (sorted) and the weights keyed by "from -> to" labels: the content, independent of order. */
    private Map<Object, Object> labelled() {
        Map<Object, Object> m = new HashMap<>();
        List<String> sorted = new ArrayList<>(channels);
        Collections.sort(sorted);
        m.put("channels", sorted);
        for (int e = 0; e < edgeWeight.length; e++) {
            m.put(List.of(label(edgeFrom[e]), label(edgeTo[e])), edgeWeight[e]);
        }
        return m;
    }

    private List<String> label(int state) {
        if (state < SPECIAL) {
            return List.of(state == START ? TransitionMatrix.START
                    : state == CONVERSION ? TransitionMatrix.CONVERSION : TransitionMatrix.NULL);
        }
        List<String> l = new ArrayList<>();
        for (int c : windows[state]) {
            l.add(channels.get(c));
        }
        return l;
    }

    @Override
    public String toString() {
        return "TransitionCounts[" + options + ", " + channels.size() + " channels, " + windowCount() + " windows, "
                + edgeWeight.length + " transitions]";
    }

    /** Accumulates counts; not thread-safe. */
    private static final class Counter {
        private final MarkovOptions options;
        private final int order;
        private final int bits;
        private final List<String> channels;
        private final Map<String, Integer> channelIndex = new HashMap<>();
        private final LongIndex states = new LongIndex(1024);
        private final List<int[]> windows = new ArrayList<>();
        private final LongIndex edges = new LongIndex(4096);
        private double[] weights = new double[4096];
        private int[] seq = new int[16];
        private int[] stateSeq = new int[16];

        Counter(MarkovOptions options, List<String> channels) {
            this.options = options;
            this.order = options.order();
            // a window packs one digit (channel index + 1) per position into a positive long
            this.bits = 63 / order;
            this.channels = new ArrayList<>(channels.size());
            for (String id : channels) {
                channel(id);
            }
            for (int s = 0; s < SPECIAL; s++) {
                states.indexOf(-1 - s);
                windows.add(new int[0]);
            }
        }

        int channel(String id) {
            Integer known = channelIndex.get(id);
            if (known != null) {
                return known;
            }
            int index = channels.size();
            // order 1 has 63 bits, more than any int index needs
            if (bits < 32 && index + 1L >= 1L << bits) {
                throw new IllegalArgumentException("too many channels (" + (index + 1) + ") for order " + order
                        + ": at most " + ((1L << bits) - 2));
            }
            channels.add(id);
            channelIndex.put(id, index);
            return index;
        }

        private int state(int[] channelSeq, int from, int width) {
            long key = 0;
            for (int b = from; b < from + width; b++) {
                key = (key << bits) | (channelSeq[b] + 1L);
            }
            int id = states.indexOf(key);
            if (id == windows.size()) {
                windows.add(Arrays.copyOfRange(channelSeq, from, from + width));
            }
            return id;
        }

        private void add(int from, int to, double weight) {
            int e = edges.indexOf(((long) from << 32) | to);
            if (e >= weights.length) {
                weights = Arrays.copyOf(weights, weights.length * 2);
            }
            weights[e] += weight;
        }

        /** Adds path {@code path[0..len)} of channel indexes. */
        void addPath(int[] path, int len, double conv, double nulls) {
            double nul = options.includeNonConverting() ? nulls : 0;
            double weight = conv + nul;
            if (weight <= 0) {
                return;
            }
            if (seq.length < len) {
                seq = new int[len * 2];
            }
            if (stateSeq.length < len + 1) {
                // the start state plus one state per window: up to len + 1 entries
                stateSeq = new int[len * 2 + 2];
            }
            int m = 0;
            for (int j = 0; j < len; j++) {
                if (options.mergeRepeats() && m > 0 && seq[m - 1] == path[j]) {
                    continue;
                }
                seq[m++] = path[j];
            }
            int windowCount = m <= order ? 1 : m - order + 1;
            int width = Math.min(order, m);
            int s = 0;
            stateSeq[s++] = START;
            for (int a = 0; a < windowCount; a++) {
                int id = state(seq, a, width);
                if (options.mergeRepeats() && stateSeq[s - 1] == id) {
                    continue;
                }
                stateSeq[s++] = id;
            }
            for (int a = 0; a + 1 < s; a++) {
                add(stateSeq[a], stateSeq[a + 1], weight);
            }
            int last = stateSeq[s - 1];
            if (conv > 0) {
                add(last, CONVERSION, conv);
            }
            if (nul > 0) {
                add(last, NULL, nul);
            }
        }

        /** Adds every edge of {@code counts}, whose channel {@code c} is channel {@code map[c]} here. */
        void addAll(TransitionCounts counts, int[] map) {
            int[] stateMap = new int[counts.windows.length];
            for (int s = 0; s < stateMap.length; s++) {
                if (s < SPECIAL) {
                    stateMap[s] = s;
                } else {
                    int[] w = counts.windows[s];
                    int[] mapped = new int[w.length];
                    for (int q = 0; q < w.length; q++) {
                        mapped[q] = map[w[q]];
                    }
                    stateMap[s] = state(mapped, 0, mapped.length);
                }
            }
            for (int e = 0; e < counts.edgeWeight.length; e++) {
                add(stateMap[counts.edgeFrom[e]], stateMap[counts.edgeTo[e]], counts.edgeWeight[e]);
            }
        }

        TransitionCounts build(double totalConversions, double totalValue) {
            int n = edges.size();
            int[] from = new int[n];
            int[] to = new int[n];
            for (int e = 0; e < n; e++) {
                long key = edges.key(e);
                from[e] = (int) (key >>> 32);
                to[e] = (int) key;
            }
            return new TransitionCounts(options, List.copyOf(channels), windows.toArray(new int[0][]), from, to,
                    Arrays.copyOf(weights, n), totalConversions, totalValue);
        }
    }
}
