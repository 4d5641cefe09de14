package dev.o2o.risk.signals;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A finding of a batch detector: a stable code, the keys involved (accounts, devices, a store), the
 * figure and the threshold it reached, and a sentence with the figures. Signals are evidence for
 * review: they never merge identities or change anything.
 *
 * <p>Immutable and thread-safe.
 *
 * @param code      stable code
 * @param keys      what is involved, sorted; not empty
 * @param value     the figure
 * @param threshold the threshold it reached
 * @param detail    a sentence with the figures (no identifiers: they are in {@code keys})
 */
public record Signal(String code, List<String> keys, double value, double threshold, String detail) {

    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

    public Signal {
        Objects.requireNonNull(code, "code");
        if (!CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("signal code must be upper case letters, digits, underscores: '" + code + "'");
        }
        keys = List.copyOf(Objects.requireNonNull(keys, "keys"));
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("signal " + code + " must name what it is about");
        }
        Objects.requireNonNull(detail, "detail");
        if (Double.isNaN(value) || Double.isNaN(threshold)) {
            throw new IllegalArgumentException("value and threshold of signal " + code + " must be numbers: " + value
                    + ", " + threshold);
        }
    }
}
