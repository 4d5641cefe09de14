package dev.o2o.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.o2o.core.io.RecordError;
import dev.o2o.recommend.Interaction;
import dev.o2o.recommend.Interactions;
import dev.o2o.recommend.InteractionsCsv;
import dev.o2o.recommend.ItemAttributesCsv;
import dev.o2o.recommend.Model;
import dev.o2o.recommend.Query;
import dev.o2o.recommend.Recommendation;
import dev.o2o.recommend.Recommender;
import dev.o2o.recommend.eval.Evaluation;
import dev.o2o.recommend.eval.Splitter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code o2o recommend}: fits a recommendation model, evaluates it offline beside popularity, writes lists. */
@Command(name = "recommend", mixinStandardHelpOptions = true,
        description = {"Fits a next-best-offer model to interactions (CSV customer,item,timestamp[,weight] with a "
                + "header; rating files such as userId,movieId,rating,timestamp are read too; timestamp in epoch "
                + "seconds or ISO-8601) and evaluates it on a held-out split beside the popularity baseline.",
                "JSON: {\"model\":..,\"params\":{..},\"customers\":..,\"items\":..,\"evaluatedCustomers\":..,\"k\":..,"
                        + "\"recall\":..,\"ndcg\":..,\"map\":..,\"hitRate\":..,\"coverage\":..,"
                        + "\"baseline\":{\"recall\":..,\"ndcg\":..},\"fitSeconds\":..}, numbers in full precision.",
                "--recommend-out writes customer,rank,item,score for every customer from the model refitted on "
                        + "all kept rows."})
final class RecommendCommand implements Callable<Integer> {

    enum ModelName { popularity, itemknn, ease, als, content }

    enum SplitName {
        temporal, random, leave_last;

        @Override
        public String toString() {
            return KebabEnum.name(this);
        }
    }

    static final class SplitConverter extends KebabEnum.Converter<SplitName> {
        SplitConverter() {
            super(SplitName.class, "split");
        }
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--interactions", required = true, paramLabel = "FILE.csv", description = "interactions CSV")
    Path interactions;

    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "${COMPLETION-CANDIDATES}")
    ModelName model;

    @Option(names = "--lambda", paramLabel = "λ", description = "L2 weight (ease: default 500; als: default 0.1)")
    Double lambda;

    @Option(names = "--neighbours", defaultValue = "50", description = "itemknn neighbourhood (default ${DEFAULT-VALUE})")
    int neighbours;

    @Option(names = "--shrink", defaultValue = "10", description = "itemknn shrinkage (default ${DEFAULT-VALUE})")
    double shrink;

    @Option(names = "--factors", defaultValue = "64", description = "als factors (default ${DEFAULT-VALUE})")
    int factors;

    @Option(names = "--alpha", defaultValue = "10", description = "als confidence slope (default ${DEFAULT-VALUE})")
    double alpha;

    @Option(names = "--iterations", defaultValue = "15", description = "als sweeps (default ${DEFAULT-VALUE})")
    int iterations;

    @Option(names = "--item-attributes", paramLabel = "FILE.csv",
            description = "content: item attributes, CSV item,category,tags,price_band,merchant with a header "
                    + "(tags separated by |; an empty cell: no such attribute)")
    Path itemAttributes;

    @Option(names = "--seed", defaultValue = "1", description = "seed of als and of the random split")
    long seed;

    @Option(names = "--min-weight", paramLabel = "W", description = "keep rows of weight >= W, each then of weight 1")
    Double minWeight;

    @Option(names = "--evaluate", required = true, converter = SplitConverter.class, paramLabel = "SPLIT",
            description = "temporal|random|leave-last")
    SplitName evaluate;

    @Option(names = "--test-fraction", defaultValue = "0.2", description = "held-out fraction (default ${DEFAULT-VALUE})")
    double testFraction;

    @Option(names = "--min-interactions", defaultValue = "5",
            description = "evaluate customers with at least this many kept rows (default ${DEFAULT-VALUE})")
    int minInteractions;

    @Option(names = "--k", defaultValue = "10", description = "list length (default ${DEFAULT-VALUE})")
    int k;

    @Option(names = "--format", defaultValue = "json", paramLabel = "json|csv", description = "${COMPLETION-CANDIDATES}")
    Format format;

    @Option(names = "--out", paramLabel = "FILE", description = "write the report here instead of stdout")
    Path out;

    @Option(names = "--recommend-out", paramLabel = "FILE", description = "write customer,rank,item,score here")
    Path recommendOut;

    @Override
    public Integer call() throws Exception {
        CommandLine cl = spec.commandLine();
        if (k <= 0) {
            throw new CommandLine.ParameterException(cl, "--k must be at least 1, got " + k);
        }
        if (minInteractions < 1) {
            throw new CommandLine.ParameterException(cl, "--min-interactions must be at least 1, got " + minInteractions);
        }
        if (lambda != null && !(lambda >= 0)) {
            throw new CommandLine.ParameterException(cl, "--lambda must be >= 0, got " + lambda);
        }
        checkModelOptions(cl);
        Output.requireFile(interactions, "--interactions");
        Map<String, Set<String>> attributes = attributes(cl);
        Recommender recommender = recommender(attributes);
        Splitter splitter = switch (evaluate) {
            case temporal -> Splitter.temporal(testFraction);
            case random -> Splitter.random(testFraction, seed);
            case leave_last -> Splitter.leaveLastOut();
        };
        InteractionsCsv.Result read = InteractionsCsv.read(interactions,
                minWeight == null ? OptionalDouble.empty() : OptionalDouble.of(minWeight));
        if (!read.errors().isEmpty()) {
            RecordError first = read.errors().get(0);
            throw new BadInputException(read.errors().size() + " bad row(s); the first: " + first);
        }
        if (read.events().isEmpty()) {
            throw new BadInputException(interactions.getFileName() + ": no interaction"
                    + (minWeight == null ? "" : " with weight >= " + minWeight));
        }
        cl.getErr().println("read " + read.events().size() + " interactions (" + read.belowMinWeight()
                + " below the minimum weight); fitting " + recommender.name());
        if (attributes != null) {
            checkCoverage(read.events(), attributes, cl.getErr());
        }
        Evaluation e = Evaluation.run(recommender, read.events(), splitter, minInteractions, k);
        Output.write(out, cl.getOut(), format == Format.json ? json(e) : csv(e));
        if (recommendOut != null) {
            Model all = recommender.fit(Interactions.of(read.events()));
            Output.write(recommendOut, cl.getOut(), lists(all, k));
        }
        return 0;
    }

    /** The options the library would refuse under its own parameter names, refused here under the options'. */
    private void checkModelOptions(CommandLine cl) {
        refuseUnless(cl, factors >= 1, "--factors must be at least 1, got " + factors);
        refuseUnless(cl, iterations >= 1, "--iterations must be at least 1, got " + iterations);
        refuseUnless(cl, model != ModelName.als || lambda == null || lambda > 0,
                "--lambda must be > 0 for als, got " + lambda);
        refuseUnless(cl, alpha >= 0 && Double.isFinite(alpha), "--alpha must be a finite number >= 0, got " + alpha);
        refuseUnless(cl, neighbours >= 1, "--neighbours must be at least 1, got " + neighbours);
        refuseUnless(cl, shrink >= 0 && Double.isFinite(shrink), "--shrink must be a finite number >= 0, got " + shrink);
        refuseUnless(cl, testFraction > 0 && testFraction < 1,
                "--test-fraction must be within (0, 1), got " + testFraction);
        refuseUnless(cl, minWeight == null || Double.isFinite(minWeight),
                "--min-weight must be a finite number, got " + minWeight);
        // an option the chosen model or split does not read would be silently ignored
        refuseUnlessFor(cl, "--lambda", model == ModelName.ease || model == ModelName.als, "--model ease or als");
        refuseUnlessFor(cl, "--neighbours", model == ModelName.itemknn, "--model itemknn");
        refuseUnlessFor(cl, "--shrink", model == ModelName.itemknn, "--model itemknn");
        refuseUnlessFor(cl, "--factors", model == ModelName.als, "--model als");
        refuseUnlessFor(cl, "--alpha", model == ModelName.als, "--model als");
        refuseUnlessFor(cl, "--iterations", model == ModelName.als, "--model als");
        refuseUnlessFor(cl, "--seed", model == ModelName.als || evaluate == SplitName.random,
                "--model als or --evaluate random");
        refuseUnlessFor(cl, "--test-fraction", evaluate != SplitName.leave_last, "--evaluate temporal or random");
    }

    private static void refuseUnlessFor(CommandLine cl, String option, boolean applies, String appliesTo) {
        refuseUnless(cl, applies || !cl.getParseResult().hasMatchedOption(option),
                option + " applies to " + appliesTo + " only");
    }

    private static void refuseUnless(CommandLine cl, boolean valid, String message) {
        if (!valid) {
            throw new CommandLine.ParameterException(cl, message);
        }
    }

    /** The item attributes of {@code --model content}; null for the other models. */
    private Map<String, Set<String>> attributes(CommandLine cl) {
        if (model != ModelName.content) {
            if (itemAttributes != null) {
                throw new CommandLine.ParameterException(cl, "--item-attributes is for --model content only");
            }
            return null;
        }
        if (itemAttributes == null) {
            throw new CommandLine.ParameterException(cl, "--model content needs --item-attributes FILE.csv");
        }
        Output.requireFile(itemAttributes, "--item-attributes");
        return ItemAttributesCsv.read(itemAttributes);
    }

    /**
     * Says how many interaction items the attribute file describes (the others score 0), and
     * refuses a file that describes none of them: its ids cannot be the interactions' item ids.
     */
    private void checkCoverage(List<Interaction> events, Map<String, Set<String>> attributes, PrintWriter err) {
        Set<String> items = new HashSet<>();
        for (Interaction e : events) {
            items.add(e.item());
        }
        long described = items.stream().filter(i -> !attributes.getOrDefault(i, Set.of()).isEmpty()).count();
        if (described == 0) {
            throw new BadInputException("--item-attributes " + itemAttributes.getFileName() + ": describes none of the "
                    + items.size() + " items of the interactions (its item column must hold the same ids)");
        }
        err.println("content: " + described + " of " + items.size() + " items have attributes; the others score 0");
    }

    private Recommender recommender(Map<String, Set<String>> attributes) {
        return switch (model) {
            case popularity -> Recommender.popularity();
            case itemknn -> Recommender.itemKnn(neighbours, shrink);
            case ease -> Recommender.ease(lambda == null ? 500.0 : lambda);
            case als -> Recommender.als(factors, alpha, lambda == null ? 0.1 : lambda, iterations, seed);
            case content -> Recommender.content(attributes, customer -> Set.of(), 0.0);
        };
    }

    static String json(Evaluation e) throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", e.model());
        m.put("params", e.params());
        m.put("customers", e.customers());
        m.put("items", e.items());
        m.put("evaluatedCustomers", e.metrics().evaluatedCustomers());
        m.put("k", e.k());
        m.put("recall", e.metrics().recall());
        m.put("ndcg", e.metrics().ndcg());
        m.put("map", e.metrics().map());
        m.put("hitRate", e.metrics().hitRate());
        m.put("coverage", e.metrics().coverage());
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("recall", e.baseline().recall());
        b.put("ndcg", e.baseline().ndcg());
        b.put("map", e.baseline().map());
        b.put("hitRate", e.baseline().hitRate());
        b.put("coverage", e.baseline().coverage());
        m.put("baseline", b);
        m.put("fitSeconds", e.fitSeconds());
        return new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m) + "\n";
    }

    static String csv(Evaluation e) {
        return "model,customers,items,evaluated_customers,k,recall,ndcg,map,hit_rate,coverage,baseline_recall,"
                + "baseline_ndcg,fit_seconds\n" + String.join(",", e.model(), Integer.toString(e.customers()),
                Integer.toString(e.items()), Integer.toString(e.metrics().evaluatedCustomers()),
                Integer.toString(e.k()), Double.toString(e.metrics().recall()), Double.toString(e.metrics().ndcg()),
                Double.toString(e.metrics().map()), Double.toString(e.metrics().hitRate()),
                Double.toString(e.metrics().coverage()), Double.toString(e.baseline().recall()),
                Double.toString(e.baseline().ndcg()), Double.toString(e.fitSeconds())) + "\n";
    }

    static String lists(Model model, int k) {
        StringBuilder b = new StringBuilder("customer,rank,item,score\n");
        Interactions data = model.interactions();
        Query q = Query.top(k);
        for (int c = 0; c < data.customerCount(); c++) {
            String id = data.customerId(c);
            List<Recommendation> recs = model.recommend(id, q);
            for (int r = 0; r < recs.size(); r++) {
                b.append(Output.csv(id)).append(',').append(r + 1).append(',').append(Output.csv(recs.get(r).item()))
                        .append(',').append(Double.toString(recs.get(r).score())).append('\n');
            }
        }
        return b.toString();
    }
}
