package dev.o2o.benchmarks.io;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.o2o.core.io.CsvFormat;
import dev.o2o.core.io.CsvReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Core's CSV parser (through the public {@link CsvReader}) against jackson-dataformat-csv, on
 * the same in-memory order file of {@code rows} rows (12 columns, one field in ten quoted, some
 * quoted fields holding a delimiter or a doubled quote). Both parse every record into its
 * fields and touch each field's length, so neither can skip work; neither maps to values.
 * The developers' guide asks that a hand-written parser be kept only if it beats the library;
 * {@link CsvHostileInputs} compares their behaviour on the hostile inputs of issue 14.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class CsvParseBenchmark {

    @Param({"200000"})
    public int rows;

    @Param({"o2o", "jackson"})
    public String parser;

    String text;
    final CsvMapper jackson = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(20261201);
        StringBuilder sb = new StringBuilder("id,customer,channel,store,instant,status,refunded,currency,sku,category,"
                + "quantity,unit_price\n");
        for (int i = 0; i < rows; i++) {
            String category = switch (random.nextInt(10)) {
                case 0 -> "\"cake, cheese\"";
                case 1 -> "\"13\"\" screen\"";
                default -> "coffee";
            };
            sb.append('o').append(i / 2).append(",c").append(random.nextInt(50_000)).append(",store,s")
                    .append(random.nextInt(300)).append(",2024-05-01T10:").append(String.format("%02d", i % 60))
                    .append(":00+08:00,COMPLETED,0,CNY,sku-").append(random.nextInt(5_000)).append(',')
                    .append(category).append(',').append(1 + random.nextInt(5)).append(',')
                    .append(random.nextInt(10_000)).append('.').append(random.nextInt(10)).append("0\n");
        }
        text = sb.toString();
    }

    @Benchmark
    public long parse() throws IOException {
        return parser.equals("o2o") ? o2o(text) : jackson(jackson, text);
    }

    static long o2o(String text) {
        long sum = 0;
        try (CsvReader r = CsvReader.open(new StringReader(text), "bench.csv", CsvFormat.defaults())) {
            for (Optional<CsvReader.Row> row = r.next(); row.isPresent(); row = r.next()) {
                for (String f : row.get().fields()) {
                    sum += f.length();
                }
            }
        }
        return sum;
    }

    static long jackson(CsvMapper mapper, String text) throws IOException {
        long sum = 0;
        CsvSchema schema = CsvSchema.emptySchema().withSkipFirstDataRow(true);
        try (MappingIterator<String[]> it = mapper.readerFor(String[].class).with(schema)
                .readValues(new StringReader(text))) {
            while (it.hasNextValue()) {
                for (String f : it.nextValue()) {
                    sum += f.length();
                }
            }
        }
        return sum;
    }
}
