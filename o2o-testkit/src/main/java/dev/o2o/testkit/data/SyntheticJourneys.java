package dev.o2o.testkit.data;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Seeded bulk journeys over many channels, for attribution tests and benchmarks (where
 * {@link SyntheticData} models a whole retailer, this draws only paths, fast): path lengths
 * geometric with mean 3 (at most 40), channels drawn with Zipf-like popularity (weight
 * {@code 1 / (rank + 1)}), conversion probability 3% plus 1.5% per touch on a "strong" channel
 * (every third channel; at most 4 counted). Each journey either converts once, with a value
 * of 10.00 to 99.99, or does not. Touch ages (days before the journey's end) grow by up to 5
 * days per step back.
 *
 * <p>Immutable after {@link #generate}; the same arguments give the same journeys on every JVM.
 * Thread-safe.
 */
public final class SyntheticJourneys {

    /** The header of the path CSV that {@link #writePathCsv} writes. */
    public static final String PATH_CSV_HEADER = "path,total_conversions,total_conversion_value,total_null";

    private final int[][] paths;
    private final double[][] ages;
    private final boolean[] converted;
    private final double[] values;
    private final List<String> channelIds;

    private SyntheticJourneys(int journeys, int channels, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] cumulative = new double[channels];
        double sum = 0;
        for (int c = 0; c < channels; c++) {
            sum += 1.0 / (c + 1);
            cumulative[c] = sum;
        }
        List<String> names = new ArrayList<>(channels);
        for (int c = 0; c < channels; c++) {
            names.add("channel_" + (char) ('a' + c % 26) + (c / 26));
        }
        channelIds = List.copyOf(names);
        paths = new int[journeys][];
        ages = new double[journeys][];
        converted = new boolean[journeys];
        values = new double[journeys];
        for (int j = 0; j < journeys; j++) {
            int len = 1;
            while (r.nextDouble() < 2.0 / 3 && len < 40) {
                len++;
            }
            int[] p = new int[len];
            double[] a = new double[len];
            double age = 0;
            int strong = 0;
            for (int i = len - 1; i >= 0; i--) {
                double u = r.nextDouble() * sum;
                int c = 0;
                while (cumulative[c] < u) {
                    c++;
                }
                p[i] = c;
                a[i] = age;
                age += r.nextDouble() * 5;
            }
            for (int i = 0; i < len; i++) {
                if (p[i] % 3 == 0) {
                    strong++;
                }
            }
            paths[j] = p;
            ages[j] = a;
            converted[j] = r.nextDouble() < 0.03 + 0.015 * Math.min(strong, 4);
            values[j] = converted[j] ? 10 + r.nextInt(9000) / 100.0 : 0;
        }
    }

    /**
     * Draws {@code journeys} journeys over {@code channels} channels with {@code seed}.
     *
     * @throws IllegalArgumentException if {@code journeys < 0} or {@code channels < 1}
     */
    public static SyntheticJourneys generate(int journeys, int channels, long seed) {
        if (journeys < 0) {
            throw new IllegalArgumentException("journeys must be >= 0: " + journeys);
        }
        if (channels < 1) {
            throw new IllegalArgumentException("channels must be >= 1: " + channels);
        }
        return new SyntheticJourneys(journeys, channels, seed);
    }

    /** Number of journeys. */
    public int size() {
        return paths.length;
    }

    /** Channel ids ({@code channel_a0}, {@code channel_b0}, ...); a path holds indexes into this list. */
    public List<String> channelIds() {
        return channelIds;
    }

    /** A copy of journey {@code j}'s path as channel indexes, first touch first. */
    public int[] path(int j) {
        return paths[j].clone();
    }

    /** A copy of the ages in days of journey {@code j}'s touches before its end (the last touch is 0). */
    public double[] ageDays(int j) {
        return ages[j].clone();
    }

    /** Whether journey {@code j} converted. */
    public boolean converted(int j) {
        return converted[j];
    }

    /** The conversion value of journey {@code j} (0 when it did not convert). */
    public double value(int j) {
        return values[j];
    }

    /**
     * Writes one path-CSV row per journey (not aggregated): the quoted path with {@code " > "}
     * between channel ids, then 1 or 0 conversions, the value, and 0 or 1 non-conversions.
     */
    public void writePathCsv(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(PATH_CSV_HEADER + "\n");
            StringBuilder sb = new StringBuilder();
            for (int j = 0; j < paths.length; j++) {
                sb.setLength(0);
                sb.append('"');
                for (int i = 0; i < paths[j].length; i++) {
                    if (i > 0) {
                        sb.append(" > ");
                    }
                    sb.append(channelIds.get(paths[j][i]));
                }
                sb.append("\",").append(converted[j] ? 1 : 0).append(',').append(values[j]).append(',')
                        .append(converted[j] ? 0 : 1).append('\n');
                w.write(sb.toString());
            }
        }
    }
}
