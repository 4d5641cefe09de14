package dev.o2o.examples.cli;

import dev.o2o.testkit.data.GenerationSummary;
import dev.o2o.testkit.data.SyntheticConfig;
import dev.o2o.testkit.data.SyntheticData;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code o2o generate}: writes the synthetic data set. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Writes a seeded synthetic O2O data set (stores, touchpoints, orders, identity links, "
                + "attribution paths, CLV summaries, Tianchi-format coupons, the hidden truth).",
                "Prints file,records as CSV (or JSON with --format json). Same seed, same bytes."})
final class GenerateCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output directory")
    Path out;

    @Option(names = "--customers", defaultValue = "10000", paramLabel = "N",
            description = "number of customers (default ${DEFAULT-VALUE})")
    int customers;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "S", description = "random seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--format", defaultValue = "csv", paramLabel = "csv|json", description = "summary format: ${COMPLETION-CANDIDATES}")
    Format format;

    @Override
    public Integer call() {
        if (customers < 1 || customers > 10_000_000) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--customers must be within 1..10000000: " + customers);
        }
        GenerationSummary s = SyntheticData.generate(SyntheticConfig.defaults(customers, seed), out,
                msg -> spec.commandLine().getErr().println(msg));
        Output.write(null, spec.commandLine().getOut(), render(s, format));
        return 0;
    }

    static String render(GenerationSummary s, Format format) {
        Object[][] rows = {
                {SyntheticData.STORES, s.stores()},
                {SyntheticData.TOUCHPOINTS, s.touchpoints() + s.badTouchpoints()},
                {SyntheticData.ORDERS, s.orders() + s.badOrders()},
                {SyntheticData.LINKS, s.identityLinks()},
                {SyntheticData.PATHS + " (journeys)", s.journeys()},
                {SyntheticData.CLV_SUMMARY, s.customers()},
                {SyntheticData.CLV_SUMMARY_TX, s.customers()},
                {SyntheticData.TIANCHI, s.coupons()},
                {SyntheticData.REDEMPTIONS, s.redemptions()},
        };
        StringBuilder b = new StringBuilder();
        if (format == Format.json) {
            b.append("{\"directory\":\"").append(s.directory().toString().replace("\\", "\\\\").replace("\"", "\\\""))
                    .append("\",\"customers\":").append(s.customers()).append(",\"orders\":").append(s.orders())
                    .append(",\"touchpoints\":").append(s.touchpoints()).append(",\"identityLinks\":")
                    .append(s.identityLinks()).append(",\"journeys\":").append(s.journeys())
                    .append(",\"conversions\":").append(s.conversions()).append(",\"coupons\":").append(s.coupons())
                    .append(",\"redemptions\":").append(s.redemptions()).append(",\"badTouchpoints\":")
                    .append(s.badTouchpoints()).append(",\"badOrders\":").append(s.badOrders()).append("}\n");
            return b.toString();
        }
        b.append("file,records\n");
        for (Object[] r : rows) {
            b.append(Output.csv((String) r[0])).append(',').append(r[1]).append('\n');
        }
        return b.toString();
    }
}
