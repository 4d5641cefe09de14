package dev.o2o.attribution.journey;

import dev.o2o.core.Channel;
import dev.o2o.core.ChannelRegistry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Objects;

/**
 * Journeys interned to arrays of channel indexes with identical paths aggregated: each distinct path carries its
 * conversions, conversion value (in the currency of the data, as a double) and non-conversions. When built from
 * timed journeys a path also carries the age of each touch before the end of its journey, in days, and paths are
 * aggregated only when channels and ages are identical.
 *
 * <p>Channel indexes refer to {@link #registry()}. Immutable and thread-safe once built (the registry may
 * grow afterwards, which does not change the indexes used here).
 */
public final class JourneySet {

    private final ChannelRegistry registry;
    private final int channelCount;
    private final int[] offsets;
    private final int[] touches;
    private final double[] ages;
    private final double[] conversions;
    private final double[] values;
    private final double[] nulls;
    private final double unattributedConversions;
    private final double unattributedValue;
    private final double totalConversions;
    private final double totalValue;
    private final double totalNulls;

    JourneySet(ChannelRegistry registry, int channelCount, int[] offsets, int[] touches, double[] ages,
               double[] conversions, double[] values, double[] nulls,
               double unattributedConversions, double unattributedValue) {
        this.registry = registry;
        this.channelCount = channelCount;
        this.offsets = offsets;
        this.touches = touches;
        this.ages = ages;
        this.conversions = conversions;
        this.values = values;
        this.nulls = nulls;
        this.unattributedConversions = unattributedConversions;
        this.unattributedValue = unattributedValue;
        double c = 0;
        double v = 0;
        double n = 0;
        for (int i = 0; i < conversions.length; i++) {
            c += conversions[i];
            v += values[i];
            n += nulls[i];
        }
        this.totalConversions = c;
        this.totalValue = v;
        this.totalNulls = n;
    }

    /** A new builder interning channel ids into {@code registry}. */
    public static Builder builder(ChannelRegistry registry) {
        return new Builder(registry);
    }

    /** A new builder with a fresh registry. */
    public static Builder builder() {
        return new Builder(new ChannelRegistry());
    }

    /** Aggregates built journeys; converting journeys without touchpoints are counted as unattributed. */
    public static JourneySet of(ChannelRegistry registry, List<Journey> journeys) {
        Builder b = builder(registry);
        for (Journey j : journeys) {
            b.add(j);
        }
        return b.build();
    }

    /** The registry that the channel indexes refer to. */
    public ChannelRegistry registry() {
        return registry;
    }

    /** Number of channels known when this set was built; every index is below it. */
    public int channelCount() {
        return channelCount;
    }

    /** Id of channel {@code index}. */
    public String channelId(int index) {
        return registry.get(index).id();
    }

    /** The ids of channels {@code 0..channelCount()-1}, in index order (an immutable list). */
    public List<String> channelIds() {
        List<String> ids = new ArrayList<>(channelCount);
        for (int c = 0; c < channelCount; c++) {
            ids.add(registry.get(c).id());
        }
        return List.copyOf(ids);
    }

    /** Number of distinct paths. */
    public int size() {
        return conversions.length;
    }

    /** Length of path {@code i}. */
    public int length(int i) {
        return offsets[i + 1] - offsets[i];
    }

    /** Channel index at position {@code j} (0 = first touch) of path {@code i}. */
    public int channel(int i, int j) {
        return touches[offsets[i] + j];
    }

    /** A copy of path {@code i} as channel indexes. */
    public int[] path(int i) {
        return Arrays.copyOfRange(touches, offsets[i], offsets[i + 1]);
    }

    /** Whether touch ages are known (the set was built from timed journeys). */
    public boolean hasTimes() {
        return ages != null;
    }

    /**
     * Age in days of touch {@code j} of path {@code i} before the conversion (or end) of its journey.
     *
     * @throws IllegalStateException if {@link #hasTimes()} is false
     */
    public double ageDays(int i, int j) {
        if (ages == null) {
            throw new IllegalStateException("journeys have no touch times (built from path-aggregated data)");
        }
        return ages[offsets[i] + j];
    }

    /** Conversions of path {@code i}. */
    public double conversions(int i) {
        return conversions[i];
    }

    /** Conversion value of path {@code i}. */
    public double value(int i) {
        return values[i];
    }

    /** Non-conversions of path {@code i}. */
    public double nulls(int i) {
        return nulls[i];
    }

    /** Sum of conversions over all paths (excluding unattributed ones). */
    public double totalConversions() {
        return totalConversions;
    }

    /** Sum of conversion value over all paths (excluding unattributed ones). */
    public double totalValue() {
        return totalValue;
    }

    /** Sum of non-conversions over all paths. */
    public double totalNulls() {
        return totalNulls;
    }

    /** Conversions of journeys without any touchpoint, which no channel can be credited with. */
    public double unattributedConversions() {
        return unattributedConversions;
    }

    /** Value of journeys without any touchpoint. */
    public double unattributedValue() {
        return unattributedValue;
    }

    /** Path {@code i} as text with {@code " > "} between channel ids. */
    public String pathText(int i) {
        StringBuilder sb = new StringBuilder();
        for (int j = offsets[i]; j < offsets[i + 1]; j++) {
            if (j > offsets[i]) {
                sb.append(" > ");
            }
            sb.append(registry.get(touches[j]).id());
        }
        return sb.toString();
    }

    /**
     * Collects paths, interning channel ids and aggregating identical paths. Not thread-safe.
     */
    public static final class Builder {
        private final ChannelRegistry registry;
        private final PathTable table = new PathTable();
        private double unattributedConversions;
        private double unattributedValue;
        private Boolean timed;
        private Currency currency;

        Builder(ChannelRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
        }

        /**
         * Interns a channel id (registering it as an online channel when unknown) and returns its index. The registry
         * is the one interner: no other map stands between a channel id and its index.
         */
        public int intern(String channelId) {
            int known = registry.indexOf(channelId).orElse(-1);
            return known >= 0 ? known : registry.register(Channel.online(channelId));
        }

        /** Adds a path of channel ids. */
        public Builder add(List<String> path, double conversions, double value, double nulls) {
            Objects.requireNonNull(path, "path");
            int[] p = new int[path.size()];
            for (int i = 0; i < p.length; i++) {
                p[i] = intern(Objects.requireNonNull(path.get(i), "path[" + i + "]"));
            }
            return add(p, conversions, value, nulls);
        }

        /** Adds a path of channel indexes of the registry (the array is copied). */
        public Builder add(int[] path, double conversions, double value, double nulls) {
            Objects.requireNonNull(path, "path");
            check(path, conversions, value, nulls);
            requireTimed(false);
            table.add(path.clone(), null, conversions, value, nulls);
            return this;
        }

        /**
         * Adds a timed path: channel indexes with each touch's age in days before the journey's conversion or end
         * (both arrays are copied). Timed and untimed paths cannot be mixed in one set.
         */
        public Builder add(int[] path, double[] ageDays, double conversions, double value, double nulls) {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(ageDays, "ageDays");
            if (ageDays.length != path.length) {
                throw new IllegalArgumentException("ageDays has " + ageDays.length + " entries for a path of "
                        + path.length);
            }
            for (int i = 0; i < ageDays.length; i++) {
                if (!(ageDays[i] >= 0) || Double.isInfinite(ageDays[i])) {
                    throw new IllegalArgumentException("ageDays[" + i + "] must be finite and non-negative: " + ageDays[i]);
                }
            }
            check(path, conversions, value, nulls);
            requireTimed(true);
            table.add(path.clone(), ageDays.clone(), conversions, value, nulls);
            return this;
        }

        /** For readers: adds a path array it hands over (not copied), already checked. */
        void addOwned(int[] path, double conversions, double value, double nulls) {
            requireTimed(false);
            table.add(path, null, conversions, value, nulls);
        }

        /**
         * Adds a built journey with touch times; its value is the order's net total (all orders must share one
         * currency).
         */
        public Builder add(Journey journey) {
            Objects.requireNonNull(journey, "journey");
            journey.conversion().ifPresent(o -> {
                if (currency == null) {
                    currency = o.currency();
                } else if (!currency.equals(o.currency())) {
                    throw new IllegalArgumentException("order '" + o.id() + "' is in " + o.currency().getCurrencyCode()
                            + " but earlier orders are in " + currency.getCurrencyCode()
                            + "; convert to one currency before attribution");
                }
            });
            double conv = journey.conversion().isPresent() ? 1 : 0;
            double value = journey.conversion().map(o -> o.netTotal().amount().doubleValue()).orElse(0.0);
            if (journey.touchpoints().isEmpty()) {
                unattributedConversions += conv;
                unattributedValue += value;
                return this;
            }
            requireTimed(true);
            int n = journey.touchpoints().size();
            int[] p = new int[n];
            double[] a = new double[n];
            for (int i = 0; i < n; i++) {
                var t = journey.touchpoints().get(i);
                Channel ch = t.channel();
                int idx = registry.indexOf(ch.id()).orElse(-1);
                // register() also refuses a channel whose id is known with another definition
                p[i] = idx >= 0 && registry.get(idx).equals(ch) ? idx : registry.register(ch);
                a[i] = Duration.between(t.instant(), journey.end()).toMillis() / 86_400_000.0;
            }
            table.add(p, a, conv, value, conv > 0 ? 0 : 1);
            return this;
        }

        private void requireTimed(boolean t) {
            if (timed == null) {
                timed = t;
            } else if (timed != t) {
                throw new IllegalStateException("cannot mix timed journeys and untimed paths in one set");
            }
        }

        private void check(int[] path, double conversions, double value, double nulls) {
            if (path.length == 0) {
                throw new IllegalArgumentException("path must not be empty");
            }
            int size = registry.size();
            for (int i = 0; i < path.length; i++) {
                if (path[i] < 0 || path[i] >= size) {
                    throw new IllegalArgumentException("path[" + i + "] = " + path[i] + " is not a channel index (registry has "
                            + size + ")");
                }
            }
            requireCount(conversions, "conversions");
            requireCount(nulls, "nulls");
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("value must be finite: " + value);
            }
        }

        private static void requireCount(double v, String field) {
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException(field + " must be finite and non-negative: " + v);
            }
        }

        /** Builds the set; paths keep the order of their first appearance. */
        public JourneySet build() {
            return table.build(registry, unattributedConversions, unattributedValue);
        }
    }

    /** Open-addressing table of paths keyed by their content. */
    static final class PathTable {
        private int[] slots = new int[1 << 10];
        private int count;
        private final List<int[]> paths = new ArrayList<>();
        private final List<double[]> pathAges = new ArrayList<>();
        private double[] conv = new double[256];
        private double[] val = new double[256];
        private double[] nul = new double[256];
        private int[] hashes = new int[256];

        PathTable() {
            Arrays.fill(slots, -1);
        }

        private static int hash(int[] p, double[] a) {
            int h = Arrays.hashCode(p);
            if (a != null) {
                h = h * 31 + Arrays.hashCode(a);
            }
            return h ^ (h >>> 16);
        }

        void add(int[] path, double[] ages, double c, double v, double n) {
            int h = hash(path, ages);
            int mask = slots.length - 1;
            int s = (h * 0x9E3779B9) >>> 1 & mask;
            while (true) {
                int id = slots[s];
                if (id < 0) {
                    break;
                }
                if (hashes[id] == h && Arrays.equals(paths.get(id), path)
                        && (ages == null || Arrays.equals(pathAges.get(id), ages))) {
                    conv[id] += c;
                    val[id] += v;
                    nul[id] += n;
                    if (Double.isInfinite(conv[id]) || Double.isInfinite(val[id]) || Double.isInfinite(nul[id])) {
                        throw new IllegalArgumentException("the conversions, value or nulls of path " + id
                                + " overflow a double when aggregated");
                    }
                    return;
                }
                s = (s + 1) & mask;
            }
            int id = count++;
            if (id == conv.length) {
                int len = conv.length * 2;
                conv = Arrays.copyOf(conv, len);
                val = Arrays.copyOf(val, len);
                nul = Arrays.copyOf(nul, len);
                hashes = Arrays.copyOf(hashes, len);
            }
            paths.add(path);
            pathAges.add(ages);
            conv[id] = c;
            val[id] = v;
            nul[id] = n;
            hashes[id] = h;
            slots[s] = id;
            if (count * 2 > slots.length) {
                rehash();
            }
        }

        private void rehash() {
            slots = new int[slots.length * 2];
            Arrays.fill(slots, -1);
            int mask = slots.length - 1;
            for (int id = 0; id < count; id++) {
                int s = (hashes[id] * 0x9E3779B9) >>> 1 & mask;
                while (slots[s] >= 0) {
                    s = (s + 1) & mask;
                }
                slots[s] = id;
            }
        }

        JourneySet build(ChannelRegistry registry, double unattributedConversions, double unattributedValue) {
            int[] offsets = new int[count + 1];
            for (int i = 0; i < count; i++) {
                offsets[i + 1] = offsets[i] + paths.get(i).length;
            }
            int[] touches = new int[offsets[count]];
            boolean timed = count > 0 && pathAges.get(0) != null;
            double[] ages = timed ? new double[touches.length] : null;
            for (int i = 0; i < count; i++) {
                System.arraycopy(paths.get(i), 0, touches, offsets[i], paths.get(i).length);
                if (timed) {
                    System.arraycopy(pathAges.get(i), 0, ages, offsets[i], paths.get(i).length);
                }
            }
            return new JourneySet(registry, registry.size(), offsets, touches, ages,
                    Arrays.copyOf(conv, count), Arrays.copyOf(val, count), Arrays.copyOf(nul, count),
                    unattributedConversions, unattributedValue);
        }
    }
}
