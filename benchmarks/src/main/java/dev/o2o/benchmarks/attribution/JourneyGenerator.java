package dev.o2o.benchmarks.attribution;

import dev.o2o.attribution.journey.JourneySet;
import dev.o2o.core.ChannelRegistry;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Seeded synthetic journeys: path lengths geometric with mean 3, channels drawn with Zipf-like popularity
 * (weight 1 / (rank + 1)), conversion probability 3% plus 1.5% per touch on a "strong" channel (every third
 * channel; at most 4 counted). Each journey is one row with either one conversion or one non-conversion.
 */
final class JourneyGenerator {

    final int[][] paths;
    final double[][] ages;
    final boolean[] converted;
    final double[] values;
    final String[] names;

    JourneyGenerator(int journeys, int channels, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] cumulative = new double[channels];
        double sum = 0;
        for (int c = 0; c < channels; c++) {
            sum += 1.0 / (c + 1);
            cumulative[c] = sum;
        }
        names = new String[channels];
        for (int c = 0; c < channels; c++) {
            names[c] = "channel_" + (char) ('a' + c % 26) + (c / 26);
        }
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

    /** Interned and aggregated, untimed. */
    JourneySet untimed() {
        ChannelRegistry reg = new ChannelRegistry();
        JourneySet.Builder b = JourneySet.builder(reg);
        for (String n : names) {
            b.intern(n);
        }
        for (int j = 0; j < paths.length; j++) {
            b.add(paths[j], converted[j] ? 1 : 0, values[j], converted[j] ? 0 : 1);
        }
        return b.build();
    }

    /** With touch ages, for time decay (almost no aggregation). */
    JourneySet timed() {
        ChannelRegistry reg = new ChannelRegistry();
        JourneySet.Builder b = JourneySet.builder(reg);
        for (String n : names) {
            b.intern(n);
        }
        for (int j = 0; j < paths.length; j++) {
            b.add(paths[j], ages[j], converted[j] ? 1 : 0, values[j], converted[j] ? 0 : 1);
        }
        return b.build();
    }

    /** Writes one CSV row per journey (not aggregated). */
    void writeCsv(Path file) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("path,total_conversions,total_conversion_value,total_null\n");
            StringBuilder sb = new StringBuilder();
            for (int j = 0; j < paths.length; j++) {
                sb.setLength(0);
                sb.append('"');
                for (int i = 0; i < paths[j].length; i++) {
                    if (i > 0) {
                        sb.append(" > ");
                    }
                    sb.append(names[paths[j][i]]);
                }
                sb.append("\",").append(converted[j] ? 1 : 0).append(',').append(values[j]).append(',')
                        .append(converted[j] ? 0 : 1).append('\n');
                w.write(sb.toString());
            }
        }
    }
}
