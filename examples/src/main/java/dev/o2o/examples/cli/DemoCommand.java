package dev.o2o.examples.cli;

import dev.o2o.testkit.data.SyntheticConfig;
import dev.o2o.examples.demo.Demo;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code o2o demo}: the end-to-end pipeline on synthetic data, ending in DIR/report.html. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Generates synthetic O2O data and runs the whole pipeline: ingestion with its error report, "
                + "identity resolution, profiles and tags, RFM and lifecycle segments, BG/NBD + Gamma-Gamma CLV, "
                + "attribution with several models, a points and coupon simulation, cohort retention.",
                "Writes DIR/report.html (self-contained), the tables as CSV in DIR and the data in DIR/data; "
                        + "prints the report's path."})
final class DemoCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", defaultValue = "o2o-demo", paramLabel = "DIR",
            description = "output directory (default ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--customers", defaultValue = "100000", paramLabel = "N",
            description = "number of customers (default ${DEFAULT-VALUE})")
    int customers;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "S", description = "random seed (default ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() {
        if (customers < 100 || customers > 2_000_000) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--customers must be within 100..2000000: " + customers);
        }
        long t0 = System.nanoTime();
        Path report = new Demo(SyntheticConfig.defaults(customers, seed), out,
                msg -> spec.commandLine().getErr().println(msg)).run();
        spec.commandLine().getErr().printf("demo: done in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        spec.commandLine().getOut().println("report: " + report.toAbsolutePath().normalize());
        return 0;
    }
}
