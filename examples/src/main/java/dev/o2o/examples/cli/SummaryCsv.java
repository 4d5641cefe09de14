package dev.o2o.examples.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a buy-till-you-die summary CSV in either of the CDNOW layouts: {@code ID,frequency,recency,T}
 * or {@code ID,x,t_x,T,zbar} (column names case-insensitive, in any order, other columns ignored).
 * Every bad value raises a {@link BadInputException} naming the file, line and column; with an ID
 * column, an empty or repeated ID is bad too.
 *
 * <p>Not thread-safe.
 */
final class SummaryCsv {
    /** The file name, for messages. */
    String source;
    int size;
    /** The ID column's values, or the data row numbers (1, 2, ...) where there is no ID column. */
    String[] id = new String[1024];
    int[] x = new int[1024];
    double[] tx = new double[1024];
    double[] t = new double[1024];
    double[] zbar;

    static SummaryCsv read(Path file) {
        SummaryCsv s = new SummaryCsv();
        String name = file.getFileName().toString();
        s.source = name;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null) {
                throw new BadInputException(name + ": empty file");
            }
            List<String> cols = Arrays.stream(header.replace("\uFEFF", "").split(",", -1))
                    .map(c -> c.strip().replace("\"", "").toLowerCase(Locale.ROOT)).toList();
            int ix = index(cols, "frequency", "x");
            int itx = index(cols, "recency", "t_x");
            int it = index(cols, "t", "t");
            int iz = cols.indexOf("zbar");
            int iid = cols.indexOf("id");
            if (ix < 0 || itx < 0 || it < 0) {
                throw new BadInputException(name + ": line 1: expected columns ID,frequency,recency,T or "
                        + "ID,x,t_x,T,zbar, got '" + header.strip() + "'");
            }
            if (iz >= 0) {
                s.zbar = new double[1024];
            }
            String line;
            long lineNo = 1;
            Map<String, Long> lineOfId = new HashMap<>();
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",", -1);
                if (f.length != cols.size()) {
                    throw new BadInputException(name + ":" + lineNo + ": expected " + cols.size() + " fields, got "
                            + f.length);
                }
                if (s.size == s.x.length) {
                    s.grow();
                }
                String where = name + ":" + lineNo + ": ";
                double xv = number(f[ix], where, cols.get(ix));
                if (xv < 0 || xv != Math.rint(xv) || xv > Integer.MAX_VALUE) {
                    throw new BadInputException(where + cols.get(ix) + " must be a whole number >= 0: '" + f[ix] + "'");
                }
                s.x[s.size] = (int) xv;
                s.id[s.size] = iid >= 0 ? f[iid].strip() : Integer.toString(s.size + 1);
                if (iid >= 0) {
                    // one row per customer: a repeat would count the customer twice in the fit and in
                    // --predict-out. The message gives lines, not the ID (it may be a phone number).
                    if (s.id[s.size].isEmpty()) {
                        throw new BadInputException(where + "ID is empty");
                    }
                    Long first = lineOfId.putIfAbsent(s.id[s.size], lineNo);
                    if (first != null) {
                        throw new BadInputException(where + "ID repeats the ID of line " + first
                                + " (one row per customer)");
                    }
                }
                s.tx[s.size] = number(f[itx], where, cols.get(itx));
                s.t[s.size] = number(f[it], where, cols.get(it));
                if (!(s.t[s.size] > 0) || s.tx[s.size] < 0 || s.tx[s.size] > s.t[s.size]) {
                    throw new BadInputException(where + "need 0 <= " + cols.get(itx) + " <= T and T > 0, got "
                            + cols.get(itx) + "=" + f[itx] + ", T=" + f[it]);
                }
                if (iz >= 0) {
                    s.zbar[s.size] = number(f[iz], where, "zbar");
                    if (s.zbar[s.size] < 0) {
                        throw new BadInputException(where + "zbar must be >= 0: '" + f[iz] + "'");
                    }
                }
                s.size++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + dev.o2o.core.internal.Messages.io(e), e);
        }
        if (s.size == 0) {
            throw new BadInputException(name + ": no data rows");
        }
        return s;
    }

    private void grow() {
        int n = x.length * 2;
        id = Arrays.copyOf(id, n);
        x = Arrays.copyOf(x, n);
        tx = Arrays.copyOf(tx, n);
        t = Arrays.copyOf(t, n);
        if (zbar != null) {
            zbar = Arrays.copyOf(zbar, n);
        }
    }

    private static int index(List<String> cols, String a, String b) {
        int i = cols.indexOf(a);
        return i >= 0 ? i : cols.indexOf(b);
    }

    private static double number(String s, String where, String column) {
        try {
            double v = Double.parseDouble(s.strip());
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new BadInputException(where + column + " is not a number: '" + s + "'");
        }
    }
}
