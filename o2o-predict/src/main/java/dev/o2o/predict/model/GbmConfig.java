package dev.o2o.predict.model;

import java.util.Objects;

/**
 * The hyper-parameters of histogram gradient-boosted trees, named and defaulted as XGBoost
 * 1.7's ({@code tree_method=hist}) where it has them.
 *
 * <p>Immutable and thread-safe; build with {@link #builder()} or take {@link #defaults()}.
 *
 * @param objective           the loss
 * @param trees               boosting rounds (XGBoost {@code n_estimators}), default 100
 * @param maxDepth            maximum tree depth, default 6 ({@code max_depth}); 0 for no limit (then set maxLeaves)
 * @param maxLeaves           maximum leaves per tree, 0 for no limit ({@code max_leaves}); with a limit, nodes are
 *                            split best gain first
 * @param learningRate        shrinkage of each tree ({@code eta}), default 0.3
 * @param l2                  L2 penalty on leaf values ({@code lambda}), default 1
 * @param minChildWeight      minimum hessian sum in a child ({@code min_child_weight}), default 1
 * @param minSplitGain        minimum loss reduction to split ({@code gamma}, on XGBoost's gain scale), default 0
 * @param pruning             when {@code minSplitGain} acts: on each split as it is found (default, as XGBoost's
 *                            {@code hist}) or bottom-up after the tree is grown (as XGBoost's {@code exact})
 * @param subsample           share of rows drawn (without replacement, per tree) ({@code subsample}), default 1
 * @param colsampleByTree     share of features drawn per tree ({@code colsample_bytree}), default 1
 * @param maxBins             histogram bins per feature, missing values aside ({@code max_bin}), default 256
 * @param baseScore           the initial prediction ({@code base_score}): a probability for the logistic
 *                            objective, default 0.5 as in XGBoost 1.7
 * @param earlyStoppingRounds stop when the validation loss has not improved for this many rounds; 0 disables
 * @param seed                seed of the row and feature sampling
 * @param threads             worker threads for histogram building; the model does not depend on it
 */
public record GbmConfig(Objective objective, int trees, int maxDepth, int maxLeaves, double learningRate, double l2,
                        double minChildWeight, double minSplitGain, Pruning pruning, double subsample,
                        double colsampleByTree, int maxBins, double baseScore, int earlyStoppingRounds, long seed,
                        int threads) {

    /** The loss a model minimises. Immutable and thread-safe. */
    public enum Objective {
        /** Binary log-loss; predictions are probabilities (XGBoost {@code binary:logistic}). */
        LOGISTIC,
        /**
         * Squared error; predictions are values (XGBoost {@code reg:squarederror}). Labels and the
         * base score must be within ±10<sup>100</sup>: the split gains grow with the square of the
         * labels times the rows, and around 10<sup>154</sup> they overflow a double.
         */
        SQUARED_ERROR
    }

    /**
     * When the minimum split gain ({@code gamma}) removes splits. The two give different trees
     * when a split gains less than gamma but a split below it gains more: {@link #ON_SPLIT} never
     * makes the first split, {@link #BOTTOM_UP} keeps it. Immutable and thread-safe.
     */
    public enum Pruning {
        /**
         * A split is made only when its gain exceeds gamma, decided as the split is found: XGBoost
         * 1.7's {@code tree_method=hist} (and {@code approx}).
         */
        ON_SPLIT,
        /**
         * The tree is grown with every split of positive gain; then, from the bottom up, a split whose
         * gain is below gamma and whose two children are leaves becomes a leaf again (with its own
         * value), repeatedly: XGBoost 1.7's {@code tree_method=exact}, whose updaters end with
         * {@code prune}.
         */
        BOTTOM_UP
    }

    /**
     * The largest squared-error label (and base score) in absolute value. A gain is a sum of
     * G²/(H+λ) with G up to rows × label, so 10<sup>100</sup> keeps it finite with room to spare
     * (2<sup>31</sup> rows squared is 5·10<sup>18</sup>); around 10<sup>154</sup> it overflows.
     */
    static final double MAX_ABS_LABEL = 1e100;

    /** {@link #MAX_ABS_LABEL} as messages write it. */
    static final String LABEL_RANGE = "[-1e100, 1e100]";

    /** Validates every parameter, naming it. */
    public GbmConfig {
        Objects.requireNonNull(objective, "objective");
        positive("trees", trees);
        if (maxDepth < 0 || maxDepth > 30) {
            throw new IllegalArgumentException("maxDepth must be in [0, 30]: " + maxDepth);
        }
        if (maxLeaves < 0 || maxLeaves == 1) {
            throw new IllegalArgumentException("maxLeaves must be 0 (no limit) or >= 2: " + maxLeaves);
        }
        if (maxDepth == 0 && maxLeaves == 0) {
            throw new IllegalArgumentException("maxDepth 0 (no limit) needs a maxLeaves limit");
        }
        if (!(learningRate > 0 && learningRate <= 1)) {
            throw new IllegalArgumentException("learningRate must be in (0, 1]: " + learningRate);
        }
        nonNegative("l2", l2);
        nonNegative("minChildWeight", minChildWeight);
        nonNegative("minSplitGain", minSplitGain);
        Objects.requireNonNull(pruning, "pruning");
        share("subsample", subsample);
        share("colsampleByTree", colsampleByTree);
        if (maxBins < 2 || maxBins > 65535) {
            throw new IllegalArgumentException("maxBins must be in [2, 65535]: " + maxBins);
        }
        if (objective == Objective.LOGISTIC ? !(baseScore > 0 && baseScore < 1) : !(Math.abs(baseScore) <= MAX_ABS_LABEL)) {
            throw new IllegalArgumentException("baseScore must be " + (objective == Objective.LOGISTIC
                    ? "a probability in (0, 1)" : "finite and within " + LABEL_RANGE + " for SQUARED_ERROR") + ": "
                    + baseScore);
        }
        if (earlyStoppingRounds < 0) {
            throw new IllegalArgumentException("earlyStoppingRounds must be >= 0: " + earlyStoppingRounds);
        }
        positive("threads", threads);
    }

    private static void positive(String name, int v) {
        if (v < 1) {
            throw new IllegalArgumentException(name + " must be >= 1: " + v);
        }
    }

    private static void nonNegative(String name, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + " must be a finite number >= 0: " + v);
        }
    }

    private static void share(String name, double v) {
        if (!(v > 0 && v <= 1)) {
            throw new IllegalArgumentException(name + " must be in (0, 1]: " + v);
        }
    }

    /** The defaults: logistic, 100 trees of depth 6, learning rate 0.3, XGBoost's other defaults, seed 0. */
    public static GbmConfig defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.objective = objective;
        b.trees = trees;
        b.maxDepth = maxDepth;
        b.maxLeaves = maxLeaves;
        b.learningRate = learningRate;
        b.l2 = l2;
        b.minChildWeight = minChildWeight;
        b.minSplitGain = minSplitGain;
        b.pruning = pruning;
        b.subsample = subsample;
        b.colsampleByTree = colsampleByTree;
        b.maxBins = maxBins;
        b.baseScore = baseScore;
        b.earlyStoppingRounds = earlyStoppingRounds;
        b.seed = seed;
        b.threads = threads;
        return b;
    }

    /** Sets parameters one by one; {@link #build()} validates. Not thread-safe. */
    public static final class Builder {
        private Objective objective = Objective.LOGISTIC;
        private int trees = 100;
        private int maxDepth = 6;
        private int maxLeaves = 0;
        private double learningRate = 0.3;
        private double l2 = 1.0;
        private double minChildWeight = 1.0;
        private double minSplitGain = 0.0;
        private Pruning pruning = Pruning.ON_SPLIT;
        private double subsample = 1.0;
        private double colsampleByTree = 1.0;
        private int maxBins = 256;
        private double baseScore = 0.5;
        private int earlyStoppingRounds = 0;
        private long seed = 0;
        private int threads = Runtime.getRuntime().availableProcessors();

        private Builder() {
        }

        /** The loss. */
        public Builder objective(Objective v) {
            objective = v;
            return this;
        }

        /** Boosting rounds. */
        public Builder trees(int v) {
            trees = v;
            return this;
        }

        /** Maximum depth (0: none). */
        public Builder maxDepth(int v) {
            maxDepth = v;
            return this;
        }

        /** Maximum leaves (0: none). */
        public Builder maxLeaves(int v) {
            maxLeaves = v;
            return this;
        }

        /** Shrinkage. */
        public Builder learningRate(double v) {
            learningRate = v;
            return this;
        }

        /** L2 on leaf values. */
        public Builder l2(double v) {
            l2 = v;
            return this;
        }

        /** Minimum child hessian sum. */
        public Builder minChildWeight(double v) {
            minChildWeight = v;
            return this;
        }

        /** Minimum split gain. */
        public Builder minSplitGain(double v) {
            minSplitGain = v;
            return this;
        }

        /** When the minimum split gain prunes: as splits are found (default) or bottom-up after growing. */
        public Builder pruning(Pruning v) {
            pruning = v;
            return this;
        }

        /** Row share per tree. */
        public Builder subsample(double v) {
            subsample = v;
            return this;
        }

        /** Feature share per tree. */
        public Builder colsampleByTree(double v) {
            colsampleByTree = v;
            return this;
        }

        /** Bins per feature. */
        public Builder maxBins(int v) {
            maxBins = v;
            return this;
        }

        /** Initial prediction. */
        public Builder baseScore(double v) {
            baseScore = v;
            return this;
        }

        /** Early-stopping patience (0: off). */
        public Builder earlyStoppingRounds(int v) {
            earlyStoppingRounds = v;
            return this;
        }

        /** Sampling seed. */
        public Builder seed(long v) {
            seed = v;
            return this;
        }

        /** Worker threads. */
        public Builder threads(int v) {
            threads = v;
            return this;
        }

        /** The validated configuration. */
        public GbmConfig build() {
            return new GbmConfig(objective, trees, maxDepth, maxLeaves, learningRate, l2, minChildWeight, minSplitGain,
                    pruning, subsample, colsampleByTree, maxBins, baseScore, earlyStoppingRounds, seed, threads);
        }
    }
}
