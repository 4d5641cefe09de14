package dev.o2o.examples.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.o2o.core.Money;
import dev.o2o.core.OrderLine;
import dev.o2o.loyalty.coupon.Cart;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every route of the service, in one table: the JSON API under {@code /api} and the pages. It
 * parses the request (path, query, JSON body, the {@code Idempotency-Key} header), calls
 * {@link O2oService} or {@link Pages}, and writes the answer; an {@link ApiError} becomes
 * {@code {"code": ..., "message": ...}} with its status, anything else a 500 without details.
 *
 * <p>Thread-safe (stateless besides the thread-safe service and mapper).
 */
final class Router implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(Router.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Larger bodies are refused: an order has at most a few hundred lines. */
    private static final int MAX_BODY = 256 * 1024;

    /** What a route does with a parsed request. */
    private interface Action {
        Response handle(Request r);
    }

    private record Route(String method, Pattern path, Action action) {
    }

    private record Request(Matcher path, Map<String, String> query, HttpExchange exchange) {
        String param(int group) {
            return URLDecoder.decode(path.group(group), StandardCharsets.UTF_8);
        }
    }

    private record Response(int status, String contentType, byte[] body) {
        static Response json(int status, Object value) {
            try {
                return new Response(status, "application/json; charset=utf-8", JSON.writeValueAsBytes(value));
            } catch (IOException e) {
                throw new IllegalStateException("cannot write JSON", e);
            }
        }

        static Response html(String page) {
            return new Response(200, "text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8));
        }
    }

    private final List<Route> routes = new ArrayList<>();

    Router(O2oService service, Pages pages) {
        get("/api/members", r -> Response.json(200, Map.of("members", service.memberCards(intParam(r, "limit", 20)))));
        get("/api/members/([^/]+)", r -> Response.json(200, service.member(r.param(1))));
        post("/api/members/([^/]+)/coupons", r -> Response.json(201, service.claim(r.param(1), key(r),
                text(body(r), "couponId"))));
        get("/api/members/([^/]+)/offers", r -> Response.json(200, service.offers(r.param(1),
                doubleParam(r, "lat"), doubleParam(r, "lon"))));
        post("/api/stores/([^/]+)/verify", r -> {
            JsonNode b = body(r);
            return Response.json(200, service.verify(r.param(1), key(r), text(b, "code"), text(b, "cashier")));
        });
        post("/api/stores/([^/]+)/redeem", r -> {
            JsonNode b = body(r);
            return Response.json(200, service.redeem(r.param(1), key(r), text(b, "code"), text(b, "orderId"),
                    Cart.of(lines(b), Catalog.money("0").currency()), text(b, "cashier")));
        });
        post("/api/orders", r -> {
            String key = key(r);
            JsonNode b = body(r);
            Optional<String> discount = optionalText(b, "orderDiscount");
            O2oService.OrderRequest order = new O2oService.OrderRequest(text(b, "orderId"), text(b, "memberId"),
                    text(b, "channel"), optionalText(b, "storeId"), lines(b),
                    money(discount.orElse("0"), "orderDiscount"));
            return Response.json(201, service.postOrder(key, order));
        });
        get("/api/dashboard", r -> Response.json(200, service.dashboard()));
        get("/", r -> Response.html(pages.index()));
        get("/wallet/([^/]+)", r -> Response.html(pages.wallet(r.param(1))));
        get("/counter/([^/]+)", r -> Response.html(pages.counter(r.param(1))));
        get("/dashboard", r -> Response.html(pages.dashboard()));
    }

    private void get(String path, Action action) {
        routes.add(new Route("GET", Pattern.compile(path), action));
    }

    private void post(String path, Action action) {
        routes.add(new Route("POST", Pattern.compile(path), action));
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        // closed in every case, so that even an Error in a handler ends the exchange instead of leaving the client waiting
        try (exchange) {
            send(exchange, respond(exchange));
        }
    }

    private Response respond(HttpExchange exchange) {
        Response response;
        try {
            response = route(exchange);
        } catch (O2oService.Refused e) {
            Map<String, Object> body = error(e);
            body.put("reasons", e.reasons);
            response = Response.json(e.status, body);
        } catch (ApiError e) {
            response = Response.json(e.status, error(e));
        } catch (IllegalArgumentException e) {
            // the library's own validation of a value this request sent (its message names the field)
            response = Response.json(422, Map.of("code", "INVALID", "message", String.valueOf(e.getMessage())));
        } catch (RuntimeException e) {
            // the log names the route and the exception type only: messages may quote request values
            StackTraceElement[] at = e.getStackTrace();
            LOG.error("internal error on {} {}: {} at {}", exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    e.getClass().getName(), at.length > 0 ? at[0] : "unknown");
            response = Response.json(500, Map.of("code", "INTERNAL", "message", "internal error"));
        }
        return response;
    }

    private static void send(HttpExchange exchange, Response response) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(response.status(), response.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(response.body());
        }
    }

    private static Map<String, Object> error(ApiError e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", e.code);
        body.put("message", e.getMessage());
        return body;
    }

    private Response route(HttpExchange exchange) {
        String path = exchange.getRequestURI().getRawPath();
        boolean pathKnown = false;
        for (Route route : routes) {
            Matcher m = route.path().matcher(path);
            if (m.matches()) {
                pathKnown = true;
                if (route.method().equals(exchange.getRequestMethod())) {
                    return route.action().handle(new Request(m, query(exchange), exchange));
                }
            }
        }
        if (pathKnown) {
            throw new ApiError(405, "METHOD_NOT_ALLOWED", exchange.getRequestMethod() + " is not allowed on " + path);
        }
        throw ApiError.notFound("NO_ROUTE", "no such path: " + path);
    }

    /** The request's idempotency key: required on every write. */
    private static String key(Request r) {
        String key = r.exchange().getRequestHeaders().getFirst("Idempotency-Key");
        if (key == null) {
            throw ApiError.badRequest("Idempotency-Key", "header required on every POST");
        }
        return O2oService.requireId(key, "Idempotency-Key");
    }

    private static JsonNode body(Request r) {
        try (InputStream in = r.exchange().getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw ApiError.badRequest("body", "larger than " + MAX_BODY + " bytes");
            }
            JsonNode node = bytes.length == 0 ? null : JSON.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw ApiError.badRequest("body", "a JSON object is required");
            }
            return node;
        } catch (IOException e) {
            throw ApiError.badRequest("body", "not valid JSON (" + firstLine(e.getMessage()) + ")");
        }
    }

    private static String firstLine(String s) {
        int nl = s == null ? -1 : s.indexOf('\n');
        return s == null ? "" : nl < 0 ? s : s.substring(0, nl);
    }

    private static String text(JsonNode body, String field) {
        return optionalText(body, field).orElseThrow(() -> ApiError.badRequest(field, "required"));
    }

    private static Optional<String> optionalText(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw ApiError.badRequest(field, "must be a string");
        }
        return Optional.of(v.asText());
    }

    /** The lines of {@code "cart"} or {@code "lines"}: {@code [{"sku", "category", "quantity", "unitPrice"}]}. */
    private static List<OrderLine> lines(JsonNode body) {
        JsonNode lines = body.has("cart") ? body.get("cart") : body.get("lines");
        String name = body.has("cart") ? "cart" : "lines";
        if (lines == null || !lines.isArray() || lines.isEmpty()) {
            throw ApiError.badRequest(name, "a non-empty array of lines is required");
        }
        List<OrderLine> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            JsonNode l = lines.get(i);
            String at = name + "[" + i + "]";
            if (!l.isObject()) {
                throw ApiError.badRequest(at, "must be an object");
            }
            JsonNode q = l.get("quantity");
            if (q == null || !q.canConvertToInt() || !q.isIntegralNumber()) {
                throw ApiError.badRequest(at + ".quantity", "an integer is required");
            }
            String sku = optionalText(l, "sku").orElseThrow(() -> ApiError.badRequest(at + ".sku", "required"));
            String category = optionalText(l, "category").orElseThrow(
                    () -> ApiError.badRequest(at + ".category", "required"));
            String price = optionalText(l, "unitPrice").orElseThrow(
                    () -> ApiError.badRequest(at + ".unitPrice", "required, as a string such as \"32.00\""));
            try {
                out.add(new OrderLine(sku, category, q.asInt(), money(price, at + ".unitPrice")));
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest(at, e.getMessage());
            }
        }
        return out;
    }

    private static Money money(String amount, String field) {
        try {
            return Money.of(amount, Catalog.CURRENCY);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(field, "not an amount in " + Catalog.CURRENCY + ": " + e.getMessage());
        }
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> out = new HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(name, value);
        }
        return out;
    }

    private static double doubleParam(Request r, String name) {
        String v = r.query().get(name);
        if (v == null || v.isEmpty()) {
            throw ApiError.badRequest(name, "query parameter required");
        }
        try {
            double d = Double.parseDouble(v);
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw ApiError.badRequest(name, "not a number: '" + v + "'");
        }
    }

    private static int intParam(Request r, String name, int otherwise) {
        String v = r.query().get(name);
        if (v == null) {
            return otherwise;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < 1 || n > 10_000) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiError.badRequest(name, "an integer from 1 to 10000 is required, got '" + v + "'");
        }
    }
}
