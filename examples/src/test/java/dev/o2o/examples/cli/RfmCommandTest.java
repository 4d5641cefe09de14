package dev.o2o.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RfmCommandTest {

    @TempDir
    Path tmp;

    private Path orders() throws IOException {
        Path f = tmp.resolve("orders.csv");
        // c1: 3 purchases, last on the as-of day; c2: one purchase 30 days before; c3: refunded only
        Files.writeString(f, "id,customer,channel,store,instant,status,refunded,currency,sku,category,quantity,unit_price\n"
                + "o1,c1,store,S001,2026-03-01T10:00:00Z,COMPLETED,0.00,CNY,sku-1,food,1,10.00\n"
                + "o2,c1,online_shop,,2026-03-15T10:00:00Z,COMPLETED,0.00,CNY,sku-2,food,2,20.00\n"
                + "o3,c1,store,S001,2026-03-31T10:00:00Z,COMPLETED,0.00,CNY,sku-1,food,1,5.50\n"
                + "o4,c2,store,S002,2026-03-01T10:00:00Z,COMPLETED,0.00,CNY,sku-3,home,1,99.00\n"
                + "o5,c3,store,S002,2026-03-02T10:00:00Z,REFUNDED,12.00,CNY,sku-3,home,1,12.00\n"
                + "o6,c4,tiktok,,2026-03-02T10:00:00Z,COMPLETED,0.00,CNY,sku-3,home,1,12.00\n");
        return f;
    }

    @Test
    void scoresCustomersAndReportsRejectedLines() throws IOException {
        Path segments = tmp.resolve("seg.csv");
        Cli c = Cli.run("rfm", "--orders", orders().toString(), "--as-of", "2026-04-01", "--segments-out",
                segments.toString());
        assertEquals(0, c.exit, c.toString());
        List<String> lines = List.of(c.out.split("\n"));
        assertEquals("customer,recency_days,frequency,monetary,r,f,m,segment", lines.get(0));
        assertEquals(3, lines.size(), c.out);
        assertTrue(lines.get(1).startsWith("c1,1,3,55.50,"), lines.get(1));
        assertTrue(lines.get(2).startsWith("c2,31,1,99.00,"), lines.get(2));
        assertTrue(c.err.contains("rejected 1 of 6 order records; first: orders.csv:7: channel"), c.err);
        List<String> seg = Files.readAllLines(segments);
        assertEquals("segment,customers,share,mean_recency_days,mean_frequency,mean_monetary,revenue_share", seg.get(0));
        assertEquals(2, seg.stream().skip(1).mapToLong(l -> Long.parseLong(l.split(",")[1])).sum());
    }

    @Test
    void jsonHasCustomersAndSegments() throws IOException {
        Cli c = Cli.run("rfm", "--orders", orders().toString(), "--format", "json", "--channel", "tiktok");
        assertEquals(0, c.exit, c.toString());
        JsonNode j = new ObjectMapper().readTree(c.out);
        assertEquals("2026-04-01", j.get("asOf").asText(), "the day after the last order");
        assertEquals(3, j.get("customers").size(), "c4 counts once tiktok is a known channel");
        assertEquals("c1", j.at("/customers/0/customer").asText());
        assertEquals(55.5, j.at("/customers/0/monetary").asDouble(), 1e-9);
        assertEquals(12, j.get("segments").size());
    }

    @Test
    void rPackageTiesAndSegments() throws IOException {
        Path f = tmp.resolve("ten.csv");
        StringBuilder b = new StringBuilder("id,customer,channel,store,instant,status,refunded,currency,sku,category,"
                + "quantity,unit_price\n");
        // customer cK buys K times (K = 1..10), each time on day K of March, 10.00 CNY
        for (int k = 1; k <= 10; k++) {
            for (int n = 0; n < k; n++) {
                b.append("o").append(k).append('-').append(n).append(",c").append(k).append(",store,S001,2026-03-")
                        .append(String.format("%02d", k)).append("T10:00:00Z,COMPLETED,0.00,CNY,sku,food,1,10.00\n");
            }
        }
        Files.writeString(f, b.toString());
        Cli same = Cli.run("rfm", "--orders", f.toString(), "--as-of", "2026-03-11");
        Cli pkg = Cli.run("rfm", "--orders", f.toString(), "--as-of", "2026-03-11", "--ties", "rfm-package",
                "--segments", "rfm-package");
        assertEquals(0, pkg.exit, pkg.toString());
        // frequencies 1..10: quintile breaks 2.8, 4.6, ...; the package adds one, so c3 stays in the lowest F bin
        // (monetary 10..100: breaks 28 + 1, ...: 30.00 is in the second bin)
        assertTrue(same.out.contains("\nc3,8,3,30.00,2,2,2,"), same.out);
        assertTrue(pkg.out.contains("\nc3,8,3,30.00,2,1,2,About To Sleep\n"), pkg.out);
        assertTrue(pkg.out.contains("\nc10,1,10,100.00,5,5,5,Champions\n"), pkg.out);
        Cli bad = Cli.run("rfm", "--orders", f.toString(), "--ties", "dense");
        assertEquals(2, bad.exit);
        assertTrue(bad.err.contains("--ties: 'dense' is not one of same-bin, first-come, rfm-package"), bad.err);
        bad = Cli.run("rfm", "--orders", f.toString(), "--segments", "putler");
        assertEquals(2, bad.exit);
        assertTrue(bad.err.contains("--segments: 'putler'"), bad.err);
    }

    @Test
    void argumentErrors() throws IOException {
        Cli c = Cli.run("rfm", "--orders", orders().toString(), "--as-of", "31/03/2026");
        assertEquals(2, c.exit);
        assertTrue(c.err.contains("--as-of: '31/03/2026' is not a date yyyy-MM-dd"), c.err);
        c = Cli.run("rfm", "--orders", orders().toString(), "--zone", "Mars/Olympus");
        assertEquals(2, c.exit);
        assertTrue(c.err.contains("unknown time zone"), c.err);
        c = Cli.run("rfm", "--orders", orders().toString(), "--as-of", "2020-01-01");
        assertEquals(2, c.exit);
        assertTrue(c.err.contains("is before the first order"), c.err);
        Path txt = tmp.resolve("orders.txt");
        Files.writeString(txt, "x");
        c = Cli.run("rfm", "--orders", txt.toString());
        assertEquals(2, c.exit);
        assertTrue(c.err.contains("cannot tell the format"), c.err);
        c = Cli.run("rfm");
        assertEquals(2, c.exit);
        assertTrue(c.err.contains("Missing required option: '--orders=FILE'"), c.err);
    }
}
