package dev.o2o.predict.data;

/** How a categorical column becomes numeric features. Immutable and thread-safe. */
public enum Encoding {
    /**
     * One 0/1 column per level seen in training, named {@code column=level}. A missing value and
     * a level not seen in training are all zeros (the row belongs to no known level).
     */
    ONE_HOT,
    /**
     * One column holding the level's index among the training levels in sorted order (0, 1, ...).
     * A missing value and a level not seen in training are missing ({@code NaN}).
     */
    ORDINAL
}
