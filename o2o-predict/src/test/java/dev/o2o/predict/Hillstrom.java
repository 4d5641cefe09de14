package dev.o2o.predict;

import dev.o2o.core.test.ReferenceData;
import dev.o2o.predict.data.Frame;
import dev.o2o.predict.data.FrameCsv;
import dev.o2o.predict.data.Schema;

/** The Hillstrom e-mail test file read with its types; skips the test when absent. */
public final class Hillstrom {
    private Hillstrom() {
    }

    private static Frame cached;

    /** The whole file (64,000 rows). */
    public static synchronized Frame frame() {
        if (cached == null) {
            cached = FrameCsv.read(ReferenceData.fileOrSkip("uplift/hillstrom.csv"), Schema.builder()
                    .numeric("recency", "history", "mens", "womens", "newbie")
                    .categorical("history_segment", "zip_code", "channel", "segment")
                    .numeric("visit", "conversion", "spend").build());
        }
        return cached;
    }
}
