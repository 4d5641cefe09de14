package dev.o2o.risk;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/** Case-insensitive lookup of enum constants with a message that lists the known names. Stateless. */
final class EnumNames {
    private EnumNames() {
    }

    static <E extends Enum<E>> E parse(E[] values, String name, String what) {
        Objects.requireNonNull(name, "name");
        String wanted = name.strip().toUpperCase(Locale.ROOT);
        for (E e : values) {
            if (e.name().equals(wanted)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown " + what + " '" + name + "' (known: "
                + Arrays.toString(values).toLowerCase(Locale.ROOT) + ")");
    }
}
