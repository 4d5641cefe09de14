package dev.o2o.benchmarks.attribution;

import dev.o2o.testkit.data.SyntheticJourneys;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the path-aggregated CSV that the command-line figures of {@code benchmarks/RESULTS.md}
 * ({@code ## cli}) are measured on: {@link SyntheticJourneys}' seeded journeys (by default
 * 1,000,000 journeys over 20 channels, seed 20261119), aggregated to one row per distinct path
 * in order of first appearance, in the format of {@code ./o2o attribution --paths}.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar
 * dev.o2o.benchmarks.attribution.PathsFileGenerator OUT.csv [JOURNEYS [CHANNELS [SEED]]]};
 * prints the numbers of journeys and distinct paths. Same arguments, same bytes.
 */
public final class PathsFileGenerator {

    private PathsFileGenerator() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 4) {
            System.err.println("usage: PathsFileGenerator OUT.csv [JOURNEYS [CHANNELS [SEED]]]");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        int journeys = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int channels = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 20261119L;
        int distinct = write(SyntheticJourneys.generate(journeys, channels, seed), out);
        System.out.println(out + ": " + journeys + " journeys, " + channels + " channels, seed " + seed + ", "
                + distinct + " distinct paths");
    }

    /** Aggregates the journeys by path and writes them; returns the number of distinct paths. */
    static int write(SyntheticJourneys g, Path out) throws IOException {
        // per path: conversions, value, non-conversions
        Map<String, double[]> rows = new LinkedHashMap<>();
        StringBuilder sb = new StringBuilder();
        for (int j = 0; j < g.size(); j++) {
            sb.setLength(0);
            int[] path = g.path(j);
            for (int i = 0; i < path.length; i++) {
                sb.append(i > 0 ? " > " : "").append(g.channelIds().get(path[i]));
            }
            double[] row = rows.computeIfAbsent(sb.toString(), k -> new double[3]);
            if (g.converted(j)) {
                row[0]++;
                row[1] += g.value(j);
            } else {
                row[2]++;
            }
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            w.write("path,total_conversions,total_conversion_value,total_null\n");
            for (Map.Entry<String, double[]> e : rows.entrySet()) {
                double[] r = e.getValue();
                // values are cents: round the sum to cents so that the file does not depend on summation noise
                w.write(e.getKey() + "," + (long) r[0] + "," + Math.round(r[1] * 100) / 100.0 + "," + (long) r[2] + "\n");
            }
        }
        return rows.size();
    }
}
