package dev.o2o.examples.cli;

import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;

/**
 * How options spell enum constants: as declared with {@code -} for {@code _} ({@code pareto-nbd} for
 * {@code pareto_nbd}), and the one message for a value that names no constant. Stateless.
 */
final class KebabEnum {
    private KebabEnum() {
    }

    /** The option spelling of a constant. */
    static String name(Enum<?> constant) {
        return constant.name().replace('_', '-');
    }

    /**
     * The constant {@code value} spells, or an {@link IllegalArgumentException}
     * {@code unknown <what> '<value>'; expected a, b or c} listing every constant.
     */
    static <E extends Enum<E>> E parse(Class<E> type, String what, String value) {
        try {
            return Enum.valueOf(type, value.replace('-', '_'));
        } catch (IllegalArgumentException e) {
            List<String> names = Arrays.stream(type.getEnumConstants()).map(KebabEnum::name).toList();
            String choices = names.size() == 1 ? names.get(0)
                    : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
            throw new IllegalArgumentException("unknown " + what + " '" + value + "'; expected " + choices);
        }
    }

    /** A picocli converter for one enum; subclasses name the type and what it is. */
    abstract static class Converter<E extends Enum<E>> implements CommandLine.ITypeConverter<E> {
        private final Class<E> type;
        private final String what;

        Converter(Class<E> type, String what) {
            this.type = type;
            this.what = what;
        }

        @Override
        public E convert(String value) {
            try {
                return parse(type, what, value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
