package dev.o2o.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.o2o.attribution.AttributionModel;
import dev.o2o.attribution.AttributionResult;
import dev.o2o.attribution.journey.PathCsvReader;
import dev.o2o.core.ChannelRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Machine-readable output carries every double exactly (issue 13, item 9). */
class OutputPrecisionTest {

    @TempDir
    Path tmp;

    @Test
    void numbersReadBackAsTheSameDouble() {
        double[] values = {7.0 / 11, 1.0 / 3, -2.0 / 3, 0.1, 1e-5, 1.5e-9, 123456789.123, 1e22, 2.5e300,
                Double.MIN_VALUE, Double.MAX_VALUE, 4.35, 100.0 / 7};
        for (double v : values) {
            String s = Output.num(v);
            assertEquals(v, Double.parseDouble(s), 0.0, s);
        }
        assertEquals("0.6363636363636364", Output.num(7.0 / 11));
        assertEquals("0.00001", Output.num(1e-5));
        assertEquals("3", Output.num(3.0));
        assertEquals("0", Output.num(-0.0));
        assertEquals("-12", Output.num(-12.0));
        assertEquals("", Output.num(Double.NaN));
        assertEquals("null", Json.num(Double.POSITIVE_INFINITY));
        assertEquals("0.636364", Output.human(7.0 / 11));
    }

    @Test
    void attributionCsvAndJsonKeepSevenElevenths() throws IOException {
        // linear credit on one journey of 11 touches, 7 of them on a: a gets 7/11 of the conversion
        Path paths = tmp.resolve("p.csv");
        Files.writeString(paths, "path,total_conversions,total_conversion_value,total_null\n"
                + "a > b > a > b > a > b > a > b > a > a > a,1,1,0\n");
        Cli c = Cli.run("attribution", "--paths", paths.toString(), "--model", "linear");
        assertEquals(0, c.exit, c.toString());
        // the library's own doubles, which the output must carry bit for bit
        AttributionResult lib = AttributionModel.linear().attribute(PathCsvReader.defaults().read(paths,
                new ChannelRegistry()));
        double a = lib.credits().get(0).conversions();
        double b = lib.credits().get(1).conversions();
        assertEquals(7.0 / 11, a, 1e-15);
        List<String> rows = List.of(c.out.split("\n"));
        assertEquals("channel,conversions,value", rows.get(0));
        assertEquals("a," + Double.toString(a) + "," + Double.toString(lib.credits().get(0).value()), rows.get(1));
        assertEquals(a, Double.parseDouble(rows.get(1).split(",")[1]), 0.0);
        assertEquals(b, Double.parseDouble(rows.get(2).split(",")[1]), 0.0);
        c = Cli.run("attribution", "--paths", paths.toString(), "--model", "linear", "--format", "json");
        assertEquals(0, c.exit, c.toString());
        JsonNode j = new ObjectMapper().readTree(c.out);
        assertEquals(a, j.at("/channels/0/conversions").doubleValue(), 0.0);
        assertEquals(lib.credits().get(1).value(), j.at("/channels/1/value").doubleValue(), 0.0);
    }
}
