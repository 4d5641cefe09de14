package dev.o2o.examples.serve;

import dev.o2o.core.Store;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The service's HTML pages, rendered on the server from the same answers as the API: a member's
 * wallet (codes as text and QR images), a store counter (check a code, see every reason, redeem)
 * and the dashboard (inline SVG charts). No scripts or styles from elsewhere: the pages work
 * without network. Phone numbers appear masked only.
 *
 * <p>Thread-safe (stateless besides the thread-safe service).
 */
final class Pages {

    private final O2oService service;

    Pages(O2oService service) {
        this.service = service;
    }

    String index() {
        StringBuilder b = new StringBuilder("<h1>o2o serve</h1><ul><li><a href=\"/dashboard\">Dashboard</a></li>");
        for (Store s : Catalog.STORES) {
            b.append("<li><a href=\"/counter/").append(esc(s.id())).append("\">Counter of ").append(esc(s.name()))
                    .append("</a></li>");
        }
        b.append("</ul><h2>Wallets</h2><ul>");
        for (String card : service.memberCards(10)) {
            b.append("<li><a href=\"/wallet/").append(esc(card)).append("\">").append(esc(card)).append("</a></li>");
        }
        return page("o2o serve", b.append("</ul>").toString(), "");
    }

    @SuppressWarnings("unchecked")
    String wallet(String card) {
        Map<String, Object> m = service.member(card);
        Map<String, Object> points = (Map<String, Object>) m.get("points");
        StringBuilder b = new StringBuilder();
        b.append("<h1>Wallet of ").append(esc(card)).append("</h1>");
        b.append("<p>Phone <span id=\"phone\">").append(esc((String) m.get("phone"))).append("</span> · tier <b id=\"tier\">")
                .append(esc((String) m.get("tier"))).append("</b> · <b id=\"points\">").append(points.get("available"))
                .append("</b> points</p>");
        b.append("<h2>Coupons</h2><div class=\"coupons\">");
        for (Map<String, Object> c : (List<Map<String, Object>>) m.get("coupons")) {
            String code = (String) c.get("code");
            b.append("<div class=\"coupon\"><p>").append(esc((String) c.get("description"))).append("</p>");
            b.append("<p class=\"code\">").append(esc(code)).append(" <small>").append(esc((String) c.get("state")))
                    .append("</small></p>");
            if (!"REDEEMED".equals(c.get("state"))) {
                b.append(QrSvg.of(code, 132));
            }
            b.append("</div>");
        }
        b.append("</div><h2>Last orders</h2><table><tr><th>order</th><th>when</th><th>paid</th><th>points</th></tr>");
        for (Map<String, Object> o : (List<Map<String, Object>>) m.get("lastOrders")) {
            b.append("<tr><td>").append(esc((String) o.get("orderId"))).append("</td><td>")
                    .append(esc((String) o.get("at"))).append("</td><td>").append(esc((String) o.get("paid")))
                    .append("</td><td>").append(o.get("points")).append("</td></tr>");
        }
        return page("Wallet " + card, b.append("</table>").toString(), "");
    }

    String counter(String storeId) {
        Store store = Catalog.store(storeId).orElseThrow(() -> ApiError.notFound("STORE_NOT_FOUND",
                "no store '" + storeId + "'"));
        String body = "<h1>Counter: " + esc(store.name()) + "</h1>"
                + "<p><label>Code <input id=\"code\" autocomplete=\"off\" size=\"24\"></label> "
                + "<button id=\"check\">Check</button></p>"
                + "<p>Cart: <input id=\"sku\" value=\"latte\" size=\"8\"> <input id=\"category\" value=\"coffee\" size=\"8\">"
                + " × <input id=\"quantity\" value=\"4\" size=\"3\"> at <input id=\"price\" value=\"32.00\" size=\"6\"> CNY "
                + "<button id=\"redeem\">Redeem</button></p>"
                + "<div id=\"result\"></div>";
        String script = "const store = " + jsString(store.id()) + ";\n" + COUNTER_SCRIPT;
        return page("Counter " + store.name(), body, script);
    }

    // the one script of the pages: calls the API with a fresh idempotency key per click
    private static final String COUNTER_SCRIPT = """
            function key() { return 'counter-' + Date.now() + '-' + Math.random().toString(36).slice(2); }
            function esc(s) { return String(s).replace(/[&<>"]/g, c => ({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c])); }
            async function call(path, body) {
              const r = await fetch('/api/stores/' + store + path, {method: 'POST',
                headers: {'Content-Type': 'application/json', 'Idempotency-Key': key()}, body: JSON.stringify(body)});
              return {status: r.status, body: await r.json()};
            }
            function reasons(list) {
              return '<ul class="reasons">' + (list || []).map(v => '<li class="reason"><b>' + esc(v.code) + '</b> ' + esc(v.message) + '</li>').join('') + '</ul>';
            }
            document.getElementById('check').onclick = async () => {
              const r = await call('/verify', {code: document.getElementById('code').value.trim(), cashier: 'counter-page'});
              const b = r.body, out = document.getElementById('result');
              if (r.status !== 200) { out.innerHTML = '<p id="verdict" class="refused">' + esc(b.code) + ': ' + esc(b.message) + '</p>'; return; }
              out.innerHTML = '<p id="verdict" class="' + (b.valid ? 'ok">VALID' : 'refused">NOT VALID') + '</p>'
                + (b.description ? '<p id="coupon">' + esc(b.description) + ' · holder ' + esc(b.holder || '') + '</p>' : '')
                + reasons(b.reasons)
                + (b.cartMustHave && b.cartMustHave.length ? '<p>The cart must have: ' + b.cartMustHave.map(esc).join('; ') + '</p>' : '');
            };
            document.getElementById('redeem').onclick = async () => {
              const v = id => document.getElementById(id).value.trim();
              const r = await call('/redeem', {code: v('code'), orderId: 'till-' + Date.now(), cashier: 'counter-page',
                cart: [{sku: v('sku'), category: v('category'), quantity: parseInt(v('quantity'), 10), unitPrice: v('price')}]});
              const b = r.body, out = document.getElementById('result');
              out.innerHTML = r.status === 200
                ? '<p id="verdict" class="ok">REDEEMED: ' + esc(b.discount) + ' ' + esc(b.currency) + ' off</p>'
                : '<p id="verdict" class="refused">REFUSED: ' + esc(b.code) + '</p>' + reasons(b.reasons || [{code: b.code, message: b.message}]);
            };
            """;

    @SuppressWarnings("unchecked")
    String dashboard() {
        Map<String, Object> d = service.dashboard();
        StringBuilder b = new StringBuilder("<h1>Dashboard</h1>");
        b.append("<p>Points liability: <b id=\"liability\">").append(d.get("pointsLiability")).append("</b> points</p>");
        b.append("<h2>Codes</h2>");
        b.append(bars("codes", List.of("issued", "verified", "redeemed"), new double[] {
                ((Number) d.get("issued")).doubleValue(), ((Number) d.get("verified")).doubleValue(),
                ((Number) d.get("redeemed")).doubleValue()}, false));
        List<Map<String, Object>> bands = (List<Map<String, Object>>) d.get("redemptionByDistance");
        b.append("<h2>Redemption rate by distance from home to the store</h2>");
        b.append(bars("distance", bands.stream().map(x -> (String) x.get("band")).toList(),
                bands.stream().mapToDouble(x -> ((Number) x.get("rate")).doubleValue()).toArray(), true));
        List<Map<String, Object>> segments = (List<Map<String, Object>>) d.get("topSegments");
        b.append("<h2>Top segments (RFM)</h2>");
        b.append(bars("segments", segments.stream().map(x -> (String) x.get("segment")).toList(),
                segments.stream().mapToDouble(x -> ((Number) x.get("members")).doubleValue()).toArray(), false));
        return page("Dashboard", b.toString(), "");
    }

    /** A horizontal bar chart as inline SVG: one {@code rect.bar} per value, labelled with the value. */
    static String bars(String id, List<String> labels, double[] values, boolean percent) {
        int rowHeight = 26;
        int labelWidth = 170;
        int barWidth = 360;
        double max = 0;
        for (double v : values) {
            max = Math.max(max, v);
        }
        StringBuilder s = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"chart-" + esc(id)
                + "\" class=\"chart\" width=\"" + (labelWidth + barWidth + 80) + "\" height=\""
                + (rowHeight * values.length + 4) + "\">");
        for (int i = 0; i < values.length; i++) {
            int y = i * rowHeight + 2;
            double w = max == 0 ? 0 : barWidth * values[i] / max;
            String text = percent ? String.format(Locale.ROOT, "%.1f%%", 100 * values[i])
                    : String.format(Locale.ROOT, "%.0f", values[i]);
            s.append("<text x=\"0\" y=\"").append(y + 17).append("\" font-size=\"13\">").append(esc(labels.get(i)))
                    .append("</text><rect class=\"bar\" data-value=\"").append(values[i]).append("\" x=\"")
                    .append(labelWidth).append("\" y=\"").append(y).append("\" width=\"")
                    .append(String.format(Locale.ROOT, "%.1f", w)).append("\" height=\"").append(rowHeight - 6)
                    .append("\" fill=\"#4e79a7\"/><text x=\"").append(String.format(Locale.ROOT, "%.1f", labelWidth + w + 6))
                    .append("\" y=\"").append(y + 17).append("\" font-size=\"13\">").append(text).append("</text>");
        }
        return s.append("</svg>").toString();
    }

    private static String page(String title, String body, String script) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + esc(title) + "</title>"
                + "<style>body{font-family:sans-serif;margin:2em;max-width:60em}.coupon{display:inline-block;"
                + "border:1px solid #ccc;margin:.5em;padding:.5em}.code{font-family:monospace;font-size:1.2em}"
                + ".ok{color:#080}.refused{color:#b00}td,th{padding:.2em .8em;text-align:left}</style></head><body>"
                + "<p><a href=\"/\">o2o serve</a></p>" + body
                + (script.isEmpty() ? "" : "<script>" + script + "</script>") + "</body></html>";
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static String jsString(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
