package dev.o2o.examples.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A small table of strings written both as CSV and as an HTML table. Not thread-safe. */
final class Table {
    final String name;
    final List<String> header;
    final List<List<String>> rows = new ArrayList<>();

    Table(String name, String... header) {
        this.name = name;
        this.header = List.of(header);
    }

    Table row(Object... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException(name + ": row has " + cells.length + " cells, header " + header.size());
        }
        List<String> r = new ArrayList<>();
        for (Object c : cells) {
            r.add(String.valueOf(c));
        }
        rows.add(r);
        return this;
    }

    void writeCsv(Path dir) {
        StringBuilder b = new StringBuilder(String.join(",", header)).append('\n');
        for (List<String> r : rows) {
            for (int i = 0; i < r.size(); i++) {
                String s = r.get(i);
                if (i > 0) {
                    b.append(',');
                }
                b.append(s.contains(",") || s.contains("\"") ? '"' + s.replace("\"", "\"\"") + '"' : s);
            }
            b.append('\n');
        }
        try {
            Files.writeString(dir.resolve(name + ".csv"), b.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + name + ".csv", e);
        }
    }

    String html(int maxRows) {
        StringBuilder b = new StringBuilder("<table><thead><tr>");
        for (String h : header) {
            b.append("<th>").append(Svg.esc(h)).append("</th>");
        }
        b.append("</tr></thead><tbody>");
        for (int i = 0; i < rows.size() && i < maxRows; i++) {
            b.append("<tr>");
            for (String c : rows.get(i)) {
                boolean num = c.matches("-?[0-9.,%]+");
                b.append(num ? "<td class=\"n\">" : "<td>").append(Svg.esc(c)).append("</td>");
            }
            b.append("</tr>");
        }
        b.append("</tbody></table>");
        if (rows.size() > maxRows) {
            b.append("<p class=\"note\">First ").append(maxRows).append(" of ").append(rows.size())
                    .append(" rows; all in <code>").append(Svg.esc(name)).append(".csv</code>.</p>");
        } else {
            b.append("<p class=\"note\">Also in <code>").append(Svg.esc(name)).append(".csv</code>.</p>");
        }
        return b.toString();
    }
}
