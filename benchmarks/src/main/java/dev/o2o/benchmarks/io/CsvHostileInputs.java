package dev.o2o.benchmarks.io;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.o2o.core.io.CsvFormat;
import dev.o2o.core.io.CsvReader;
import dev.o2o.core.io.IngestException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Feeds the hostile CSV inputs of issue 14 to core's {@link CsvReader} and to
 * jackson-dataformat-csv (given the bytes, so that it decodes UTF-8 itself) and prints, for each, how many good rows each delivered, how many it
 * flagged, and where it stopped (with the line it named). Run with
 * {@code java -cp benchmarks/target/benchmarks.jar dev.o2o.benchmarks.io.CsvHostileInputs};
 * its output is in {@code benchmarks/RESULTS.md} under {@code ## io}.
 */
public final class CsvHostileInputs {

    private static final String HEAD = "id,sku,quantity\n";

    public static void main(String[] args) throws IOException {
        Map<String, byte[]> inputs = new LinkedHashMap<>();
        inputs.put("stray opening quote, then 1,000 good rows", utf8(HEAD + "o1,a,1\no2,\"b,1\n" + rows(1000)));
        inputs.put("quote inside an unquoted field, then 1,000", utf8(HEAD + "o1,a,1\no2,b\"x,1\n" + rows(1000)));
        inputs.put("text after a closing quote, then 1,000", utf8(HEAD + "o1,a,1\no2,\"b\"x,1\n" + rows(1000)));
        inputs.put("byte order mark at the start of line 3", utf8(HEAD + "o1,a,1\n\uFEFFo2,b,1\n" + rows(1000)));
        inputs.put("trailing blank line", utf8(HEAD + rows(1000) + "\n"));
        ByteArrayOutputStream bad = new ByteArrayOutputStream();
        bad.writeBytes(utf8(HEAD + rows(50_000)));
        bad.writeBytes(new byte[] {'o', 'x', ',', (byte) 0xC3, '1', ',', '1', '\n'});
        bad.writeBytes(utf8(rows(9)));
        inputs.put("invalid UTF-8 byte on line 50,002 of 50,011", bad.toByteArray());
        CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        Path dir = Files.createTempDirectory("csv-hostile");
        for (Map.Entry<String, byte[]> e : inputs.entrySet()) {
            Path file = dir.resolve("in.csv");
            Files.write(file, e.getValue());
            System.out.println(e.getKey());
            System.out.println("  o2o:     " + o2o(file));
            System.out.println("  jackson: " + jackson(mapper, e.getValue()));
        }
    }

    private static String o2o(Path file) {
        int good = 0;
        List<String> flagged = new ArrayList<>();
        try (CsvReader r = CsvReader.open(file, CsvFormat.defaults())) {
            for (Optional<CsvReader.Row> row = r.next(); row.isPresent(); row = r.next()) {
                if (row.get().error().isPresent()) {
                    flagged.add("line " + row.get().line() + ": " + row.get().error().get());
                } else {
                    good++;
                }
            }
        } catch (IngestException ex) {
            return good + " good rows, flagged " + flagged + ", then refused the input: " + ex.getMessage();
        }
        return good + " good rows, flagged " + flagged + ", read to the end";
    }

    private static String jackson(CsvMapper mapper, byte[] bytes) {
        int good = 0;
        List<String> odd = new ArrayList<>();
        CsvSchema schema = CsvSchema.emptySchema().withSkipFirstDataRow(true);
        try (MappingIterator<String[]> it = mapper.readerFor(String[].class).with(schema)
                .readValues(bytes)) {
            while (it.hasNextValue()) {
                String[] row = it.nextValue();
                long line = it.getCurrentLocation().getLineNr();
                if (row.length != 3) {
                    odd.add("near line " + line + ": " + row.length + " fields");
                } else if (row[0].startsWith("\uFEFF") || row[1].contains("\"") || String.join("", row).contains("\uFFFD")) {
                    odd.add("near line " + line + ": accepted " + String.join("|", row).replace("\uFEFF", "<BOM>"));
                } else {
                    good++;
                }
            }
        } catch (IOException | RuntimeException ex) {
            String m = String.valueOf(ex.getMessage()).replace('\n', ' ');
            return good + " good rows, " + odd + ", then stopped: " + ex.getClass().getSimpleName() + ": "
                    + (m.length() > 160 ? m.substring(0, 160) + "…" : m);
        }
        return good + " good rows, unflagged oddities " + odd + ", read to the end";
    }

    private static String rows(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append('p').append(i).append(",sku,1\n");
        }
        return sb.toString();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
