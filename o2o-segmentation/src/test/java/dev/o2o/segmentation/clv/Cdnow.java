package dev.o2o.segmentation.clv;

import dev.o2o.core.test.ReferenceData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Finds and reads the CDNOW reference files under {@code shared/data/cdnow}; skips tests when absent. */
final class Cdnow {

    private Cdnow() {
    }

    static Path file(String name) {
        return ReferenceData.fileOrSkip("cdnow/" + name);
    }

    static List<String[]> csv(String name) {
        try {
            List<String> lines = Files.readAllLines(file(name));
            List<String[]> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                if (!line.isBlank()) {
                    rows.add(line.trim().split(","));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The 2,357-customer summary (ID, frequency, recency, T). */
    static CalibrationData summary() {
        List<String[]> rows = csv("cdnow_customers_summary.csv");
        int n = rows.size();
        int[] x = new int[n];
        double[] tx = new double[n];
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = Integer.parseInt(rows.get(i)[1]);
            tx[i] = Double.parseDouble(rows.get(i)[2]);
            t[i] = Double.parseDouble(rows.get(i)[3]);
        }
        return CalibrationData.of(x, tx, t);
    }
}
