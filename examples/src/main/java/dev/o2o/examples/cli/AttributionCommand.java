package dev.o2o.examples.cli;

import dev.o2o.attribution.AttributionModel;
import dev.o2o.attribution.AttributionResult;
import dev.o2o.attribution.ChannelCredit;
import dev.o2o.attribution.journey.JourneySet;
import dev.o2o.attribution.journey.PathCsvReader;
import dev.o2o.attribution.markov.MarkovOptions;
import dev.o2o.core.ChannelRegistry;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code o2o attribution}: attributes path-aggregated conversions to channels. */
@Command(name = "attribution", mixinStandardHelpOptions = true,
        description = {"Attributes conversions of path-aggregated journeys "
                + "(CSV: path,total_conversions,total_conversion_value,total_null; paths like \"a > b > c\") "
                + "to channels with one model, or several over one read (--model first,last,markov).",
                "CSV output: channel,conversions,value (and removal_effect for markov); with several models a "
                        + "first column model. JSON: {\"model\":..,\"channels\":[{\"channel\":..,"
                        + "\"conversions\":..,\"value\":..,\"removalEffect\":..}]}; with several models a list "
                        + "of these. Numbers are exact (a round-trip decimal of each double)."})
final class AttributionCommand implements Callable<Integer> {

    /** The models of {@code --model}. */
    enum Model {
        first, last, last_non_direct, linear, time_decay, position, markov, shapley;

        @Override
        public String toString() {
            return KebabEnum.name(this);
        }
    }

    /** The coalition values of {@code --shapley-value}. */
    enum ShapleyValue {
        conversions, rate
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--paths", required = true, paramLabel = "FILE.csv", description = "path-aggregated CSV")
    Path paths;

    @Option(names = "--model", defaultValue = "markov", converter = ModelConverter.class, split = ",",
            paramLabel = "MODEL", description = "first|last|last-non-direct|linear|time-decay|position|"
            + "markov|shapley, or a comma-separated list of them (default ${DEFAULT-VALUE})")
    List<Model> models;

    @Option(names = "--order", paramLabel = "K", description = "markov only: chain order 1..4 (default 1)")
    Integer order;

    @Option(names = "--no-nulls", description = "markov only: ignore non-converting journeys (total_null)")
    boolean noNulls;

    @Option(names = "--shapley-value", defaultValue = "conversions", paramLabel = "conversions|rate",
            description = "shapley only: coalition value, the conversions of journeys inside the coalition "
                    + "(closed form, default) or their conversion rate")
    ShapleyValue shapleyValue;

    @CommandLine.Mixin
    Output.Options result = new Output.Options();

    static final class ModelConverter extends KebabEnum.Converter<Model> {
        ModelConverter() {
            super(Model.class, "model");
        }
    }

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        for (int i = 0; i < models.size(); i++) {
            if (models.indexOf(models.get(i)) != i) {
                throw new CommandLine.ParameterException(cl, "--model lists " + models.get(i) + " twice");
            }
        }
        if (order != null && !models.contains(Model.markov)) {
            throw new CommandLine.ParameterException(cl, "--order applies to --model markov only");
        }
        if (order != null && (order < 1 || order > 4)) {
            throw new CommandLine.ParameterException(cl, "--order must be within 1..4: " + order);
        }
        if (noNulls && !models.contains(Model.markov)) {
            throw new CommandLine.ParameterException(cl, "--no-nulls applies to --model markov only "
                    + "(the other models do not use non-converting journeys, except shapley rate which needs them)");
        }
        if (cl.getParseResult().hasMatchedOption("--shapley-value") && !models.contains(Model.shapley)) {
            throw new CommandLine.ParameterException(cl, "--shapley-value applies to --model shapley only");
        }
        if (models.contains(Model.time_decay)) {
            throw new BadInputException("--model time-decay needs the time of every touch, which path-aggregated "
                    + "CSV does not have; use it on journeys built from touchpoints (see the demo)");
        }
        Output.requireFile(paths, "--paths");
        JourneySet journeys = readPaths(paths);
        cl.getErr().println("read " + journeys.size() + " distinct paths, " + Output.human(journeys.totalConversions())
                + " conversions, " + Output.human(journeys.totalNulls()) + " non-conversions");
        List<AttributionResult> results = new ArrayList<>(models.size());
        for (Model m : models) {
            AttributionResult r = modelOf(m).attribute(journeys);
            for (String w : r.warnings()) {
                cl.getErr().println("warning (" + m + "): " + w);
            }
            results.add(r);
        }
        String text;
        if (models.size() == 1) {
            text = result.json() ? json(models.get(0).toString(), results.get(0)) : csv(results.get(0));
        } else {
            text = result.json() ? json(models, results) : csv(models, results);
        }
        result.write(cl.getOut(), text);
        return 0;
    }

    /** The journeys of a paths file; an empty file or one that the reader cannot read is bad input. */
    static JourneySet readPaths(Path paths) {
        JourneySet journeys;
        try {
            journeys = PathCsvReader.defaults().read(paths, new ChannelRegistry());
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw e; // the reader's own messages name the line
        } catch (RuntimeException e) {
            throw new BadInputException(paths.getFileName() + ": cannot be read: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        }
        if (journeys.size() == 0) {
            throw new BadInputException(paths.getFileName() + ": no path rows (only a header, or nothing): "
                    + "nothing to attribute");
        }
        return journeys;
    }

    AttributionModel modelOf(Model model) {
        return switch (model) {
            case first -> AttributionModel.firstTouch();
            case last -> AttributionModel.lastTouch();
            case last_non_direct -> AttributionModel.lastNonDirectTouch();
            case linear -> AttributionModel.linear();
            case time_decay -> AttributionModel.timeDecay();
            case position -> AttributionModel.positionBased();
            case markov -> AttributionModel.markov(MarkovOptions.defaults().withOrder(order == null ? 1 : order)
                    .withNonConverting(!noNulls));
            case shapley -> shapleyValue == ShapleyValue.rate ? AttributionModel.shapleyConversionRate()
                    : AttributionModel.shapleyConversions();
        };
    }

    static String csv(AttributionResult r) {
        boolean removal = r.credits().stream().anyMatch(c -> c.removalEffect().isPresent());
        StringBuilder b = new StringBuilder("channel,conversions,value").append(removal ? ",removal_effect" : "")
                .append('\n');
        for (ChannelCredit c : r.credits()) {
            b.append(Output.csv(c.channel())).append(',').append(Output.num(c.conversions())).append(',')
                    .append(Output.num(c.value()));
            if (removal) {
                b.append(',').append(c.removalEffect().isPresent() ? Output.num(c.removalEffect().getAsDouble()) : "");
            }
            b.append('\n');
        }
        return b.toString();
    }

    /** Several models: the single-model CSV with a first column {@code model}. */
    static String csv(List<Model> models, List<AttributionResult> results) {
        boolean removal = results.stream().flatMap(r -> r.credits().stream())
                .anyMatch(c -> c.removalEffect().isPresent());
        StringBuilder b = new StringBuilder("model,channel,conversions,value").append(removal ? ",removal_effect" : "")
                .append('\n');
        for (int k = 0; k < models.size(); k++) {
            for (ChannelCredit c : results.get(k).credits()) {
                b.append(models.get(k)).append(',').append(Output.csv(c.channel())).append(',')
                        .append(Output.num(c.conversions())).append(',').append(Output.num(c.value()));
                if (removal) {
                    b.append(',').append(c.removalEffect().isPresent()
                            ? Output.num(c.removalEffect().getAsDouble()) : "");
                }
                b.append('\n');
            }
        }
        return b.toString();
    }

    /** Several models: a JSON list of the single-model objects, in the order of {@code --model}. */
    static String json(List<Model> models, List<AttributionResult> results) {
        StringBuilder b = new StringBuilder("[");
        for (int k = 0; k < models.size(); k++) {
            String one = json(models.get(k).toString(), results.get(k));
            b.append(k == 0 ? "" : ",").append(one, 0, one.length() - 1); // without its newline
        }
        return b.append("]\n").toString();
    }

    static String json(String model, AttributionResult r) {
        StringBuilder b = new StringBuilder("{\"model\":").append(Json.quote(model)).append(",\"description\":")
                .append(Json.quote(r.model())).append(",\"channels\":[");
        for (int i = 0; i < r.credits().size(); i++) {
            ChannelCredit c = r.credits().get(i);
            b.append(i == 0 ? "" : ",").append("{\"channel\":").append(Json.quote(c.channel()))
                    .append(",\"conversions\":").append(Json.num(c.conversions()))
                    .append(",\"value\":").append(Json.num(c.value()));
            if (c.removalEffect().isPresent()) {
                b.append(",\"removalEffect\":").append(Json.num(c.removalEffect().getAsDouble()));
            }
            if (c.shapleyValue().isPresent()) {
                b.append(",\"shapleyValue\":").append(Json.num(c.shapleyValue().getAsDouble()));
            }
            if (c.standardError().isPresent()) {
                b.append(",\"standardError\":").append(Json.num(c.standardError().getAsDouble()));
            }
            b.append('}');
        }
        return b.append("],\"totalConversions\":").append(Json.num(r.totalConversions()))
                .append(",\"totalValue\":").append(Json.num(r.totalValue())).append("}\n").toString();
    }
}
