package dev.o2o.examples.demo;

import java.util.List;
import java.util.Locale;

/**
 * Small hand-drawn SVG charts for the self-contained report: no scripts, no fonts or files
 * from the network. Stateless and thread-safe.
 */
final class Svg {
    static final String[] PALETTE = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
            "#ff9da7", "#9c755f", "#bab0ac"};

    private Svg() {
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** Horizontal bars, one per label, with the formatted value at the end of each bar. */
    static String hbars(List<String> labels, double[] values, List<String> valueText, String color, int width) {
        int rowH = 22;
        int labelW = 190;
        int h = labels.size() * rowH + 10;
        double max = 0;
        for (double v : values) {
            max = Math.max(max, Math.abs(v));
        }
        double scale = max == 0 ? 0 : (width - labelW - 150) / max;
        StringBuilder b = new StringBuilder();
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"").append(h)
                .append("\" font-family=\"sans-serif\" font-size=\"12\">");
        for (int i = 0; i < labels.size(); i++) {
            int y = 5 + i * rowH;
            double w = Math.max(0, values[i] * scale);
            b.append("<text x=\"").append(labelW - 6).append("\" y=\"").append(y + 15)
                    .append("\" text-anchor=\"end\">").append(esc(labels.get(i))).append("</text>");
            b.append("<rect x=\"").append(labelW).append("\" y=\"").append(y + 3).append("\" width=\"").append(f(w))
                    .append("\" height=\"").append(rowH - 6).append("\" fill=\"").append(color).append("\"/>");
            b.append("<text x=\"").append(f(labelW + w + 4)).append("\" y=\"").append(y + 15).append("\">")
                    .append(esc(valueText.get(i))).append("</text>");
        }
        return b.append("</svg>").toString();
    }

    /**
     * Grouped horizontal bars: for each category (row group) one bar per series, with a legend.
     * Values are shares 0..1 shown as percentages.
     */
    static String groupedShares(List<String> categories, List<String> series, double[][] share, int width) {
        int barH = 7;
        int groupH = series.size() * barH + 10;
        int labelW = 190;
        int legendH = 22 * ((series.size() + 3) / 4);
        int h = categories.size() * groupH + legendH + 24;
        double max = 0;
        for (double[] row : share) {
            for (double v : row) {
                max = Math.max(max, v);
            }
        }
        double scale = max == 0 ? 0 : (width - labelW - 20) / max;
        StringBuilder b = new StringBuilder();
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"").append(h)
                .append("\" font-family=\"sans-serif\" font-size=\"12\">");
        for (int s = 0; s < series.size(); s++) {
            int x = (s % 4) * (width / 4);
            int y = (s / 4) * 22;
            b.append("<rect x=\"").append(x).append("\" y=\"").append(y + 4).append("\" width=\"12\" height=\"12\" fill=\"")
                    .append(PALETTE[s % PALETTE.length]).append("\"/><text x=\"").append(x + 16).append("\" y=\"")
                    .append(y + 15).append("\">").append(esc(series.get(s))).append("</text>");
        }
        int top = legendH + 8;
        for (int c = 0; c < categories.size(); c++) {
            int y0 = top + c * groupH;
            b.append("<text x=\"").append(labelW - 6).append("\" y=\"").append(y0 + groupH / 2 + 3)
                    .append("\" text-anchor=\"end\">").append(esc(categories.get(c))).append("</text>");
            for (int s = 0; s < series.size(); s++) {
                double v = share[c][s];
                b.append("<rect x=\"").append(labelW).append("\" y=\"").append(y0 + s * barH).append("\" width=\"")
                        .append(f(Math.max(0, v * scale))).append("\" height=\"").append(barH - 1).append("\" fill=\"")
                        .append(PALETTE[s % PALETTE.length]).append("\"><title>").append(esc(categories.get(c)))
                        .append(" / ").append(esc(series.get(s))).append(": ")
                        .append(String.format(Locale.ROOT, "%.1f%%", 100 * v)).append("</title></rect>");
            }
        }
        // axis ticks in percent
        int axisY = top + categories.size() * groupH + 2;
        for (int k = 0; k <= 4; k++) {
            double v = max * k / 4;
            double x = labelW + v * scale;
            b.append("<line x1=\"").append(f(x)).append("\" x2=\"").append(f(x)).append("\" y1=\"").append(top)
                    .append("\" y2=\"").append(axisY).append("\" stroke=\"#ddd\"/><text x=\"").append(f(x))
                    .append("\" y=\"").append(axisY + 12).append("\" text-anchor=\"middle\" fill=\"#555\">")
                    .append(String.format(Locale.ROOT, "%.0f%%", 100 * v)).append("</text>");
        }
        return b.append("</svg>").toString();
    }

    /** Vertical histogram bars with x labels under every bar. */
    static String columns(List<String> labels, double[] values, String color, int width, int height, String yLabel) {
        int left = 50;
        int bottom = 40;
        double max = 0;
        for (double v : values) {
            max = Math.max(max, v);
        }
        double bw = (width - left - 10.0) / labels.size();
        double scale = max == 0 ? 0 : (height - bottom - 20) / max;
        StringBuilder b = new StringBuilder();
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" font-family=\"sans-serif\" font-size=\"11\">");
        b.append("<text x=\"4\" y=\"12\" fill=\"#555\">").append(esc(yLabel)).append("</text>");
        for (int k = 0; k <= 4; k++) {
            double v = max * k / 4;
            double y = height - bottom - v * scale;
            b.append("<line x1=\"").append(left).append("\" x2=\"").append(width - 10).append("\" y1=\"").append(f(y))
                    .append("\" y2=\"").append(f(y)).append("\" stroke=\"#eee\"/><text x=\"").append(left - 4)
                    .append("\" y=\"").append(f(y + 4)).append("\" text-anchor=\"end\" fill=\"#555\">")
                    .append(compact(v)).append("</text>");
        }
        for (int i = 0; i < labels.size(); i++) {
            double x = left + i * bw;
            double hgt = values[i] * scale;
            b.append("<rect x=\"").append(f(x + 1)).append("\" y=\"").append(f(height - bottom - hgt)).append("\" width=\"")
                    .append(f(Math.max(1, bw - 2))).append("\" height=\"").append(f(hgt)).append("\" fill=\"").append(color)
                    .append("\"><title>").append(esc(labels.get(i))).append(": ").append(compact(values[i]))
                    .append("</title></rect>");
            if (labels.size() <= 12 || i % 2 == 0) {
                b.append("<text x=\"").append(f(x + bw / 2)).append("\" y=\"").append(height - bottom + 14)
                        .append("\" text-anchor=\"middle\" fill=\"#333\">").append(esc(labels.get(i))).append("</text>");
            }
        }
        return b.append("</svg>").toString();
    }

    /**
     * Lines through (x, y) points, one per series, with a legend, axes from the data's ranges (y
     * from at most 0) and the axis labels given.
     */
    static String lines(List<String> series, List<double[]> xs, List<double[]> ys, int width, int height,
                        String xLabel, String yLabel) {
        int left = 60;
        int bottom = 40;
        int top = 20 + 18 * series.size();
        double xMax = 0;
        double yMin = 0;
        double yMax = 0;
        for (int s = 0; s < series.size(); s++) {
            for (double v : xs.get(s)) {
                xMax = Math.max(xMax, v);
            }
            for (double v : ys.get(s)) {
                yMin = Math.min(yMin, v);
                yMax = Math.max(yMax, v);
            }
        }
        double sx = xMax == 0 ? 0 : (width - left - 10) / xMax;
        double sy = yMax == yMin ? 0 : (height - bottom - top) / (yMax - yMin);
        double y0 = height - bottom;
        StringBuilder b = new StringBuilder();
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" font-family=\"sans-serif\" font-size=\"11\">");
        for (int k = 0; k <= 4; k++) {
            double v = yMin + (yMax - yMin) * k / 4;
            double y = y0 - (v - yMin) * sy;
            b.append("<line x1=\"").append(left).append("\" x2=\"").append(width - 10).append("\" y1=\"").append(f(y))
                    .append("\" y2=\"").append(f(y)).append("\" stroke=\"#eee\"/><text x=\"").append(left - 4)
                    .append("\" y=\"").append(f(y + 4)).append("\" text-anchor=\"end\" fill=\"#555\">")
                    .append(compact(v)).append("</text>");
            double xv = xMax * k / 4;
            b.append("<text x=\"").append(f(left + xv * sx)).append("\" y=\"").append(f(y0 + 14))
                    .append("\" text-anchor=\"middle\" fill=\"#555\">").append(compact(xv)).append("</text>");
        }
        b.append("<text x=\"").append((left + width) / 2).append("\" y=\"").append(height - 6)
                .append("\" text-anchor=\"middle\" fill=\"#333\">").append(esc(xLabel)).append("</text>");
        b.append("<text x=\"4\" y=\"").append(top - 6).append("\" fill=\"#333\">").append(esc(yLabel)).append("</text>");
        for (int s = 0; s < series.size(); s++) {
            String color = PALETTE[s % PALETTE.length];
            StringBuilder pts = new StringBuilder();
            double[] x = xs.get(s);
            double[] y = ys.get(s);
            for (int i = 0; i < x.length; i++) {
                pts.append(f(left + x[i] * sx)).append(',').append(f(y0 - (y[i] - yMin) * sy)).append(' ');
            }
            b.append("<polyline fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"2\" points=\"")
                    .append(pts.toString().strip()).append("\"/>");
            b.append("<rect x=\"").append(left).append("\" y=\"").append(6 + 18 * s).append("\" width=\"12\" height=\"12\" fill=\"")
                    .append(color).append("\"/><text x=\"").append(left + 18).append("\" y=\"").append(16 + 18 * s)
                    .append("\">").append(esc(series.get(s))).append("</text>");
        }
        return b.append("</svg>").toString();
    }

    /** A heat map of rates 0..1 (rows x columns) with the percentage in each cell. */
    static String heatmap(List<String> rows, List<String> cols, double[][] rate, int cell) {
        int left = 80;
        int top = 24;
        int w = left + cols.size() * cell + 10;
        int h = top + rows.size() * 22 + 10;
        StringBuilder b = new StringBuilder();
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(w).append("\" height=\"").append(h)
                .append("\" font-family=\"sans-serif\" font-size=\"10\">");
        for (int c = 0; c < cols.size(); c++) {
            b.append("<text x=\"").append(left + c * cell + cell / 2).append("\" y=\"16\" text-anchor=\"middle\">")
                    .append(esc(cols.get(c))).append("</text>");
        }
        for (int r = 0; r < rows.size(); r++) {
            int y = top + r * 22;
            b.append("<text x=\"").append(left - 6).append("\" y=\"").append(y + 15).append("\" text-anchor=\"end\">")
                    .append(esc(rows.get(r))).append("</text>");
            for (int c = 0; c < cols.size(); c++) {
                double v = rate[r][c];
                if (Double.isNaN(v)) {
                    continue;
                }
                int shade = (int) Math.round(255 - 200 * Math.min(1, v));
                String fill = String.format(Locale.ROOT, "rgb(%d,%d,255)", shade, Math.min(255, shade + 20));
                b.append("<rect x=\"").append(left + c * cell).append("\" y=\"").append(y).append("\" width=\"")
                        .append(cell - 1).append("\" height=\"21\" fill=\"").append(fill).append("\"/><text x=\"")
                        .append(left + c * cell + cell / 2).append("\" y=\"").append(y + 14)
                        .append("\" text-anchor=\"middle\" fill=\"").append(v > 0.55 ? "#fff" : "#000").append("\">")
                        .append(String.format(Locale.ROOT, "%.0f%%", 100 * v)).append("</text>");
            }
        }
        return b.append("</svg>").toString();
    }

    static String compact(double v) {
        double a = Math.abs(v);
        if (a >= 1e6) {
            return String.format(Locale.ROOT, "%.1fM", v / 1e6);
        }
        if (a >= 1e4) {
            return String.format(Locale.ROOT, "%.0fk", v / 1e3);
        }
        if (a >= 100 || v == Math.rint(v)) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
