package dev.o2o.examples.cli;

import dev.o2o.risk.eval.AbuseSimulation;
import dev.o2o.risk.eval.Evaluation;
import dev.o2o.risk.eval.LabelledEvent;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code o2o risk}: promotion abuse control (o2o-risk); {@code risk evaluate} scores the detectors on labelled abuse. */
@Command(name = "risk", mixinStandardHelpOptions = true, subcommands = RiskCommand.Evaluate.class,
        description = "Promotion abuse control (o2o-risk). See 'o2o risk evaluate --help'.")
final class RiskCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: evaluate");
    }

    /** {@code o2o risk evaluate}. */
    @Command(name = "evaluate", mixinStandardHelpOptions = true,
            description = {"Generates a seeded week of traffic with labelled abuse (device farms, bot bursts, refund "
                    + "churn, clerk fraud, referral rings) and reports precision and recall per pattern for the "
                    + "default velocity rules (per event) and the isolation forest (per account or clerk).",
                    "Precision of a pattern = caught events (entities) of the pattern / (those + ordinary ones caught)."})
    static final class Evaluate implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--customers", defaultValue = "2000", description = "ordinary customers, at least 100 "
                + "(default ${DEFAULT-VALUE})")
        int customers;

        @Option(names = "--seed", defaultValue = "42", description = "seed of the traffic and the forest (default ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--format", defaultValue = "csv", paramLabel = "csv|json", description = "${COMPLETION-CANDIDATES}")
        Format format;

        @Override
        public Integer call() {
            if (customers < 100) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--customers must be at least 100, got "
                        + customers);
            }
            List<LabelledEvent> events = AbuseSimulation.generate(customers, seed);
            Evaluation.Report r = Evaluation.run(events, seed);
            StringBuilder b = new StringBuilder();
            if (format == Format.json) {
                b.append("{\"events\":").append(r.events()).append(",\"abusive\":").append(r.abusive()).append(",\"scores\":[");
                boolean first = true;
                for (Evaluation.Score s : concat(r)) {
                    b.append(first ? "" : ",").append("{\"detector\":").append(Json.quote(s.detector()))
                            .append(",\"unit\":").append(Json.quote(s.unit()))
                            .append(",\"pattern\":").append(Json.quote(s.pattern().name()))
                            .append(",\"positives\":").append(s.positives()).append(",\"caught\":").append(s.caught())
                            .append(",\"ordinaryCaught\":").append(s.ordinaryCaught())
                            .append(",\"precision\":").append(Json.num(s.precision()))
                            .append(",\"recall\":").append(Json.num(s.recall())).append('}');
                    first = false;
                }
                b.append("]}\n");
            } else {
                b.append("detector,unit,pattern,positives,caught,ordinary_caught,precision,recall\n");
                for (Evaluation.Score s : concat(r)) {
                    b.append(s.detector()).append(',').append(s.unit()).append(',').append(s.pattern()).append(',')
                            .append(s.positives()).append(',').append(s.caught()).append(',').append(s.ordinaryCaught())
                            .append(',').append(Output.num(s.precision())).append(',').append(Output.num(s.recall()))
                            .append('\n');
                }
            }
            spec.commandLine().getErr().println("evaluated " + r.events() + " events, " + r.abusive() + " of them abuse");
            Output.write(null, spec.commandLine().getOut(), b.toString());
            return 0;
        }

        private static List<Evaluation.Score> concat(Evaluation.Report r) {
            return Stream.concat(r.rules().stream(), r.forest().stream()).toList();
        }
    }
}
