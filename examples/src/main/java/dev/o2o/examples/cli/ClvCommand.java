package dev.o2o.examples.cli;

import dev.o2o.segmentation.clv.BgNbd;
import dev.o2o.segmentation.clv.CalibrationData;
import dev.o2o.segmentation.clv.ConvergenceException;
import dev.o2o.segmentation.clv.CustomerSummary;
import dev.o2o.segmentation.clv.GammaGamma;
import dev.o2o.segmentation.clv.MbgNbd;
import dev.o2o.segmentation.clv.ModelFit;
import dev.o2o.segmentation.clv.ParetoNbd;
import dev.o2o.segmentation.clv.PurchaseModel;
import dev.o2o.segmentation.clv.SpendData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code o2o clv}: fits a buy-till-you-die or spend model to customer summaries. */
@Command(name = "clv", mixinStandardHelpOptions = true,
        description = {"Fits a customer-lifetime-value model by maximum likelihood to a summary CSV "
                + "(ID,frequency,recency,T or ID,x,t_x,T,zbar, times in one unit such as weeks).",
                "bgnbd, mbgnbd: r, alpha, a, b; pareto-nbd: r, alpha, s, beta; gamma-gamma: p, q, v "
                        + "(needs zbar; fitted on the customers with x >= 1).",
                "CSV output: parameter,estimate,standard_error and a log_likelihood row. JSON: "
                        + "{\"model\":..,\"params\":{..},\"logLikelihood\":..,\"standardErrors\":{..}}. "
                        + "With several models (--model bgnbd,pareto-nbd) the CSV gains a first column model and "
                        + "the JSON is a list.",
                "With --predict-out (count models): per customer ID,x,t_x,T,p_alive,expected_purchases, the "
                        + "purchases expected in the next --horizon time units."})
final class ClvCommand implements Callable<Integer> {

    /** The models of {@code --model}. */
    enum Model {
        bgnbd, mbgnbd, pareto_nbd, gamma_gamma;

        @Override
        public String toString() {
            return KebabEnum.name(this);
        }
    }

    static final class ModelConverter extends KebabEnum.Converter<Model> {
        ModelConverter() {
            super(Model.class, "model");
        }
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--summary", required = true, paramLabel = "FILE.csv", description = "customer summary CSV")
    Path summary;

    @Option(names = "--model", required = true, converter = ModelConverter.class, split = ",",
            paramLabel = "MODEL", description = "bgnbd|mbgnbd|pareto-nbd|gamma-gamma, or a "
            + "comma-separated list of them, fitted to one read of the summary")
    List<Model> models;

    @CommandLine.Mixin
    Output.Options result = new Output.Options();

    @Option(names = "--predict-out", paramLabel = "FILE", description = "write per-customer predictions here")
    Path predictOut;

    @Option(names = "--horizon", defaultValue = "39", paramLabel = "T", description = "prediction horizon, in the "
            + "summary's time unit (default ${DEFAULT-VALUE})")
    double horizon;

    @Override
    public Integer call() {
        Output.requireFile(summary, "--summary");
        SummaryCsv s = SummaryCsv.read(summary);
        CommandLine cl = spec.commandLine();
        for (int i = 0; i < models.size(); i++) {
            if (models.indexOf(models.get(i)) != i) {
                throw new CommandLine.ParameterException(cl, "--model lists " + models.get(i) + " twice");
            }
        }
        if (predictOut != null && models.contains(Model.gamma_gamma)) {
            throw new CommandLine.ParameterException(cl, "--predict-out needs a count model (bgnbd, mbgnbd or "
                    + "pareto-nbd), not gamma-gamma");
        }
        if (!(horizon > 0) || Double.isInfinite(horizon)) {
            throw new CommandLine.ParameterException(cl, "--horizon must be a positive number, got " + horizon);
        }
        if (predictOut == null && cl.getParseResult().hasMatchedOption("--horizon")) {
            throw new CommandLine.ParameterException(cl, "--horizon applies to the predictions of --predict-out, "
                    + "which is not given");
        }
        cl.getErr().println("read " + s.size + " customers; fitting " + models.stream().map(Model::toString)
                .collect(Collectors.joining(", ")));
        List<ModelFit<?>> fits = new ArrayList<>(models.size());
        for (Model m : models) {
            fits.add(fit(m, s, cl));
        }
        if (models.size() == 1) {
            ModelFit<?> fit = fits.get(0);
            result.write(cl.getOut(), result.json() ? json(models.get(0).toString(), fit) : csv(fit));
            if (predictOut != null) {
                Output.write(predictOut, cl.getOut(), predictions((PurchaseModel) fit.model(), s, horizon));
            }
            return 0;
        }
        StringBuilder text = new StringBuilder(result.json() ? "["
                : "model,parameter,estimate,standard_error\n");
        StringBuilder predicted = new StringBuilder();
        for (int k = 0; k < models.size(); k++) {
            String name = models.get(k).toString();
            if (result.json()) {
                String one = json(name, fits.get(k));
                text.append(k == 0 ? "" : ",").append(one, 0, one.length() - 1); // without its newline
            } else {
                // the single-model rows after their header, each prefixed by the model
                csv(fits.get(k)).lines().skip(1).forEach(row -> text.append(name).append(',').append(row).append('\n'));
            }
            if (predictOut != null) {
                String rows = predictions((PurchaseModel) fits.get(k).model(), s, horizon);
                if (k == 0) {
                    predicted.append("model,").append(rows, 0, rows.indexOf('\n') + 1);
                }
                rows.lines().skip(1).forEach(row -> predicted.append(name).append(',').append(row).append('\n'));
            }
        }
        result.write(cl.getOut(), result.json() ? text.append("]\n").toString() : text.toString());
        if (predictOut != null) {
            Output.write(predictOut, cl.getOut(), predicted.toString());
        }
        return 0;
    }

    /** Per customer: probability alive and purchases expected in the next {@code horizon} units. */
    static String predictions(PurchaseModel m, SummaryCsv s, double horizon) {
        StringBuilder b = new StringBuilder("ID,x,t_x,T,p_alive,expected_purchases\n");
        for (int i = 0; i < s.size; i++) {
            CustomerSummary c = new CustomerSummary(s.x[i], s.tx[i], s.t[i]);
            b.append(Output.csv(s.id[i])).append(',').append(s.x[i]).append(',').append(Output.num(s.tx[i]))
                    .append(',').append(Output.num(s.t[i])).append(',').append(Output.num(m.probabilityAlive(c)))
                    .append(',').append(Output.num(m.expectedPurchases(horizon, c))).append('\n');
        }
        return b.toString();
    }

    static ModelFit<?> fit(Model model, SummaryCsv s, CommandLine cl) {
        if (model == Model.gamma_gamma) {
            if (s.zbar == null) {
                throw new BadInputException("--model gamma-gamma needs a zbar column (ID,x,t_x,T,zbar)");
            }
            int n = 0;
            for (int i = 0; i < s.size; i++) {
                if (s.x[i] >= 1) {
                    n++;
                }
            }
            if (n == 0) {
                throw new BadInputException("--model gamma-gamma: no customer with x >= 1");
            }
            int[] x = new int[n];
            double[] z = new double[n];
            int k = 0;
            for (int i = 0; i < s.size; i++) {
                if (s.x[i] >= 1) {
                    x[k] = s.x[i];
                    z[k++] = s.zbar[i];
                }
            }
            cl.getErr().println("gamma-gamma uses the " + n + " customers with repeat purchases (x >= 1); "
                    + (s.size - n) + " without carry no spend information");
            try {
                return GammaGamma.fit(SpendData.of(x, z));
            } catch (ConvergenceException e) {
                throw notIdentified(model, s, e);
            }
        }
        boolean anyRepeat = false;
        for (int i = 0; i < s.size && !anyRepeat; i++) {
            anyRepeat = s.x[i] > 0;
        }
        if (!anyRepeat) {
            throw new BadInputException(s.source + ": every one of the " + s.size + " customers has frequency 0 "
                    + "(no repeat purchase), so --model " + model + " has nothing to fit");
        }
        CalibrationData data = CalibrationData.of(Arrays.copyOf(s.x, s.size), Arrays.copyOf(s.tx, s.size),
                Arrays.copyOf(s.t, s.size));
        try {
            return switch (model) {
                case bgnbd -> BgNbd.fit(data);
                case mbgnbd -> MbgNbd.fit(data);
                case pareto_nbd -> ParetoNbd.fit(data);
                case gamma_gamma -> throw new AssertionError();
            };
        } catch (ConvergenceException e) {
            throw notIdentified(model, s, e);
        }
    }

    /** A fit that does not converge on valid rows means that these data do not identify the model: bad input. */
    static BadInputException notIdentified(Model model, SummaryCsv s, ConvergenceException e) {
        return new BadInputException(s.source + ": --model " + model + " cannot be fitted to these " + s.size
                + " customers (too few, or too little variation, to identify its parameters): " + e.getMessage(), e);
    }

    static String csv(ModelFit<?> fit) {
        StringBuilder b = new StringBuilder("parameter,estimate,standard_error\n");
        for (int i = 0; i < fit.parameterNames().size(); i++) {
            b.append(fit.parameterNames().get(i)).append(',').append(Output.num(fit.estimates().get(i))).append(',')
                    .append(Output.num(fit.standardErrors().get(i))).append('\n');
        }
        return b.append("log_likelihood,").append(Output.num(fit.logLikelihood())).append(",\n").toString();
    }

    static String json(String model, ModelFit<?> fit) {
        StringBuilder b = new StringBuilder("{\"model\":").append(Json.quote(model)).append(",\"params\":{");
        for (int i = 0; i < fit.parameterNames().size(); i++) {
            b.append(i == 0 ? "" : ",").append(Json.quote(fit.parameterNames().get(i))).append(':')
                    .append(Json.num(fit.estimates().get(i)));
        }
        b.append("},\"logLikelihood\":").append(Json.num(fit.logLikelihood())).append(",\"standardErrors\":{");
        for (int i = 0; i < fit.parameterNames().size(); i++) {
            b.append(i == 0 ? "" : ",").append(Json.quote(fit.parameterNames().get(i))).append(':')
                    .append(Json.num(fit.standardErrors().get(i)));
        }
        return b.append("},\"customers\":").append(fit.customers()).append(",\"iterations\":")
                .append(fit.iterations()).append("}\n").toString();
    }
}
