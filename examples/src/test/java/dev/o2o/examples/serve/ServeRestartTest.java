package dev.o2o.examples.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start on an H2 file, write, stop, start again: the data is there and nothing is seeded twice. */
class ServeRestartTest {

    @Test
    void aRestartKeepsCodesRedemptionsAndPoints(@TempDir Path dir) {
        String url = "jdbc:h2:file:" + dir.resolve("o2o").toAbsolutePath();
        String code;
        long points;
        long issued;
        try (ServeApp first = ServeApp.start(url, "127.0.0.1", 0, 11, 15, Clock.systemUTC())) {
            assertTrue(first.seededNow());
            Http http = new Http(first.url());
            Http.Reply claimed = http.post("/api/members/M00002/coupons", "restart-claim", "{\"couponId\":\"s5-save15\"}");
            if (claimed.status() != 201) {
                claimed = http.post("/api/members/M00002/coupons", "restart-claim-2", "{\"couponId\":\"s6-save15\"}");
            }
            assertEquals(201, claimed.status(), claimed::toString);
            code = claimed.json().get("code").asText();
            Http.Reply order = http.post("/api/orders", "restart-order", "{\"orderId\":\"restart-1\",\"memberId\":\"M00002\","
                    + "\"channel\":\"online\",\"lines\":" + Http.lines("latte", "coffee", 3, "32.00") + "}");
            assertEquals(201, order.status(), order::toString);
            points = http.get("/api/members/M00002").json().get("points").get("total").asLong();
            issued = http.get("/api/dashboard").json().get("issued").asLong();
        }
        try (ServeApp second = ServeApp.start(url, "127.0.0.1", 0, 11, 15, Clock.systemUTC())) {
            assertFalse(second.seededNow());
            Http http = new Http(second.url());
            JsonNode member = http.get("/api/members/M00002").json();
            assertEquals(points, member.get("points").get("total").asLong());
            boolean held = false;
            for (JsonNode c : member.get("coupons")) {
                held |= c.get("code").asText().equals(code);
            }
            assertTrue(held, member::toString);
            assertEquals("restart-1", member.get("lastOrders").get(0).get("orderId").asText());
            assertEquals(issued, http.get("/api/dashboard").json().get("issued").asLong());
            Http.Reply replay = http.post("/api/orders", "restart-order", "{\"orderId\":\"restart-1\",\"memberId\":\"M00002\","
                    + "\"channel\":\"online\",\"lines\":" + Http.lines("latte", "coffee", 3, "32.00") + "}");
            assertTrue(replay.json().get("replayed").asBoolean(), replay::toString);
            assertEquals(points, http.get("/api/members/M00002").json().get("points").get("total").asLong());
        }
    }
}
