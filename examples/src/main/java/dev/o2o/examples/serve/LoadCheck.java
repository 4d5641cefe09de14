package dev.o2o.examples.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load check of {@code o2o serve} (not a test; figures in {@code benchmarks/RESULTS.md}): starts
 * the service in this JVM on a new database, claims codes for its members, then lets 50 clients
 * verify and redeem them over HTTP, each code once, and prints requests per second and the
 * outcome counts. Every redemption must succeed; anything else is reported and fails the run.
 *
 * <p>{@code java -cp examples/target/o2o.jar dev.o2o.examples.serve.LoadCheck JDBC_URL [CUSTOMERS] [CLIENTS]}
 */
public final class LoadCheck {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LoadCheck() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: LoadCheck JDBC_URL [CUSTOMERS (500)] [CLIENTS (50)]");
            System.exit(2);
        }
        int customers = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        long t0 = System.nanoTime();
        try (ServeApp app = ServeApp.start(args[0], "127.0.0.1", 0, 1, customers, Clock.systemUTC())) {
            System.out.printf(Locale.ROOT, "started (seeded %s) in %.1f s%n", app.seededNow(), (System.nanoTime() - t0) / 1e9);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            ConcurrentLinkedQueue<String[]> codes = new ConcurrentLinkedQueue<>();
            for (int m = 1; m <= customers; m++) {
                for (int s = 1; s <= 6; s++) {
                    String card = String.format(Locale.ROOT, "M%05d", m);
                    HttpResponse<String> r = post(http, app.url() + "/api/members/" + card + "/coupons",
                            "load-claim-" + card + "-" + s, "{\"couponId\":\"s" + s + "-save15\"}");
                    if (r.statusCode() == 201) {
                        codes.add(new String[] {JSON.readTree(r.body()).get("code").asText(), "s" + s});
                    }
                }
            }
            int total = codes.size();
            System.out.printf(Locale.ROOT, "claimed %d codes%n", total);
            AtomicLong requests = new AtomicLong();
            AtomicLong redeemed = new AtomicLong();
            ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
            CountDownLatch done = new CountDownLatch(clients);
            long start = System.nanoTime();
            for (int c = 0; c < clients; c++) {
                Thread t = new Thread(() -> {
                    try {
                        String[] next;
                        while ((next = codes.poll()) != null) {
                            String base = app.url() + "/api/stores/" + next[1];
                            HttpResponse<String> v = post(http, base + "/verify", "load-verify-" + next[0],
                                    "{\"code\":\"" + next[0] + "\",\"cashier\":\"load\"}");
                            HttpResponse<String> r = post(http, base + "/redeem", "load-redeem-" + next[0],
                                    "{\"code\":\"" + next[0] + "\",\"orderId\":\"load-" + next[0] + "\",\"cashier\":\"load\","
                                            + "\"cart\":[{\"sku\":\"latte\",\"category\":\"coffee\",\"quantity\":4,\"unitPrice\":\"32.00\"}]}");
                            requests.addAndGet(2);
                            JsonNode verdict = JSON.readTree(v.body());
                            if (v.statusCode() != 200 || !verdict.get("valid").asBoolean() || r.statusCode() != 200) {
                                problems.add(v.statusCode() + " " + v.body() + " / " + r.statusCode() + " " + r.body());
                            } else {
                                redeemed.incrementAndGet();
                            }
                        }
                    } catch (IOException | InterruptedException e) {
                        problems.add(e.toString());
                    } finally {
                        done.countDown();
                    }
                });
                t.start();
            }
            done.await();
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "%d clients, %d codes: %d requests (verify + redeem) in %.2f s = %.0f requests/s,"
                    + " %.0f redemptions/s; redeemed %d, problems %d%n", clients, total, requests.get(), seconds,
                    requests.get() / seconds, redeemed.get() / seconds, redeemed.get(), problems.size());
            problems.stream().limit(5).forEach(p -> System.out.println("  problem: " + p));
            if (!problems.isEmpty() || redeemed.get() != total) {
                System.exit(1);
            }
        }
    }

    private static HttpResponse<String> post(HttpClient http, String url, String key, String body)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
