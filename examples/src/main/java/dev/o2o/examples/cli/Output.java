package dev.o2o.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Where a command's result goes: stdout, or the file named by {@code --out}. Not thread-safe. */
final class Output {
    private Output() {
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
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
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

    /** A double for CSV and JSON: up to 6 significant decimals, no exponent for common ranges. */
    static String num(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "";
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
