package dev.o2o.examples.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Option;

/** Where a command's result goes: stdout, or the file named by {@code --out}. Not thread-safe. */
final class Output {
    private Output() {
    }

    /**
     * The options {@code --format csv|json} (default csv) and {@code --out FILE} of the commands
     * that write one result, as a picocli mixin. Not thread-safe (picocli fills it).
     */
    static final class Options {
        @Option(names = "--format", defaultValue = "csv", paramLabel = "csv|json", description = "${COMPLETION-CANDIDATES}")
        Format format;

        @Option(names = "--out", paramLabel = "FILE", description = "write here instead of stdout")
        Path out;

        /** Whether {@code --format json} was asked for. */
        boolean json() {
            return format == Format.json;
        }

        /** Writes {@code text} to {@code --out} if given, else to stdout. */
        void write(PrintWriter stdout, String text) {
            Output.write(out, stdout, text);
        }
    }

    /** Writes {@code text} to the file if given (creating its parent directories), else to stdout. */
    static void write(Path out, PrintWriter stdout, String text) {
        if (out == null) {
            stdout.print(text);
            stdout.flush();
            return;
        }
        try {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
                w.write(text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + dev.o2o.core.internal.Messages.io(e), e);
        }
    }

    /** Writes a large output piece by piece. */
    @FunctionalInterface
    interface Body {
        void writeTo(Writer w) throws IOException;
    }

    /**
     * Writes what {@code body} writes to the file if given (creating its parent directories), else
     * to stdout, without building the whole text in memory first.
     */
    static void write(Path out, PrintWriter stdout, Body body) {
        try {
            if (out == null) {
                Writer w = new BufferedWriter(stdout, 1 << 16);
                body.writeTo(w);
                w.flush();
                stdout.flush();
                return;
            }
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (Writer w = new BufferedWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8), 1 << 16)) {
                body.writeTo(w);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + (out == null ? "stdout" : out) + ": " + dev.o2o.core.internal.Messages.io(e), e);
        }
    }

    /** A readable input file or a {@link BadInputException} naming the option. */
    static Path requireFile(Path file, String option) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(option + ": no such file: " + file);
        }
        if (!Files.isReadable(file)) {
            throw new BadInputException(option + ": cannot read " + file);
        }
        return file;
    }

    /**
     * A double for CSV and JSON, exactly: a decimal that reads back as the same double
     * ({@link Double#toString} digits, the shortest such decimal on JDK 19 and later; JDK 17's
     * occasionally has one digit more, as in 2.82879384806159008E17, and still reads back exactly), written without an exponent for magnitudes from 1e-7 to
     * 1e21 and whole numbers without a fraction ({@code 3}, not {@code 3.0}); empty for NaN and
     * infinities. Machine-readable output must not lose precision (7/11 is 0.6363636363636364).
     */
    static String num(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "";
        }
        if (v == 0) {
            return "0";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = Double.toString(v);
        double a = Math.abs(v);
        if (s.indexOf('E') >= 0 && a >= 1e-7 && a < 1e21) {
            // same digits, positional notation: BigDecimal keeps the digits and only moves the point
            s = new BigDecimal(s).stripTrailingZeros().toPlainString();
        }
        return s;
    }

    /** A double for people (progress lines on stderr): up to 6 decimals. Never for CSV or JSON. */
    static String human(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = String.format(Locale.ROOT, "%.6f", v);
        s = s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
        return s.equals("-0") ? "0" : s;
    }

    /** Quotes a CSV field when needed (RFC 4180). */
    static String csv(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
