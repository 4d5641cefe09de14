package dev.o2o.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.o2o.core.Channel;
import dev.o2o.core.ChannelRegistry;
import dev.o2o.core.Touchpoint;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads a generated 1,000,000-line NDJSON file (about 130 MB) in a child JVM limited to a 32 MiB
 * heap: it can only pass if the reader streams.
 */
class BoundedMemoryTest {

    static final int LINES = 1_000_000;

    @Test
    void readsAMillionLinesInA32MiBHeap(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("touchpoints.ndjson");
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            String[] channels = {"app", "store", "web"};
            for (int i = 0; i < LINES; i++) {
                if (i % 100_000 == 99_999) {
                    // a bad record every 100,000 lines: unknown channel
                    w.write("{\"customer\":\"c" + i + "\",\"channel\":\"tv\",\"instant\":\"2024-05-01T10:00:00Z\",\"type\":\"CLICK\"}\n");
                    continue;
                }
                w.write("{\"customer\":\"c" + (i % 50_000) + "\",\"channel\":\"" + channels[i % 3]
                        + "\",\"instant\":\"2024-05-01T10:" + String.format("%02d", i % 60) + ":00Z\",\"type\":\"VISIT\","
                        + "\"campaign\":\"camp" + (i % 7) + "\",\"attributes\":{\"page\":\"/p/" + (i % 1000) + "\"}}\n");
            }
        }
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx32m", "-cp", System.getProperty("java.class.path"),
                Child.class.getName(), file.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        boolean finished = p.waitFor(5, TimeUnit.MINUTES);
        assertEquals(true, finished, "child JVM did not finish");
        assertEquals(0, p.exitValue(), out);
        assertEquals("accepted=999990 rejected=10 visits=999990", out);
    }

    /** The child JVM's entry point: reads the file with collected errors and prints the counts. */
    public static final class Child {
        public static void main(String[] args) {
            ChannelRegistry channels = ChannelRegistry.of(List.of(Channel.online("app"), Channel.offline("store"),
                    Channel.online("web")));
            long visits = 0;
            try (RecordReader<Touchpoint> r = Ingest.touchpoints(DataFormat.NDJSON, Path.of(args[0]),
                    IngestOptions.defaults(channels).withPolicy(ErrorPolicy.COLLECT))) {
                while (r.hasNext()) {
                    if (r.next().type() == dev.o2o.core.TouchpointType.VISIT) {
                        visits++;
                    }
                }
                IngestReport rep = r.report();
                System.out.println("accepted=" + rep.accepted() + " rejected=" + rep.rejected() + " visits=" + visits);
            }
        }
    }
}
