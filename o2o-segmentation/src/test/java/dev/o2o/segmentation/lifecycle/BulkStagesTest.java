package dev.o2o.segmentation.lifecycle;

import dev.o2o.core.Channel;
import dev.o2o.core.ChannelRegistry;
import dev.o2o.core.CustomerKey;
import dev.o2o.core.Order;
import dev.o2o.core.io.DataFormat;
import dev.o2o.core.io.ErrorPolicy;
import dev.o2o.core.io.Ingest;
import dev.o2o.core.io.IngestOptions;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BulkStagesTest {

    private static final String HEAD = "id,customer,channel,store,instant,status,refunded,currency,sku,category,"
            + "quantity,unit_price\n";

    static List<Order> orders(String rows) {
        IngestOptions options = IngestOptions.defaults(ChannelRegistry.of(List.of(Channel.offline("store"))))
                .withPolicy(ErrorPolicy.FAIL_FAST);
        return Ingest.orders(DataFormat.CSV, new StringReader(HEAD + rows), "orders.csv", options).readAll();
    }

    @Test
    void everyCustomersStageFromOrdersInOneCall() {
        List<Order> orders = orders(""
                + "o1,a,store,s1,2026-01-05T10:00:00+08:00,COMPLETED,0,CNY,latte,coffee,1,32.00\n"
                + "o2,a,store,s1,2026-03-01T10:00:00+08:00,COMPLETED,0,CNY,latte,coffee,1,32.00\n"
                + "o3,b,store,s1,2026-03-05T10:00:00+08:00,COMPLETED,0,CNY,latte,coffee,1,32.00\n"
                + "o4,c,store,s1,2025-10-01T10:00:00+08:00,COMPLETED,0,CNY,latte,coffee,1,32.00\n"
                + "o5,d,store,s1,2026-03-02T10:00:00+08:00,CANCELLED,0,CNY,latte,coffee,1,32.00\n"
                + "o6,e,store,s1,2026-03-11T10:00:00+08:00,COMPLETED,0,CNY,latte,coffee,1,32.00\n"
                // 23:30 on 9 March in Shanghai is still 9 March: seen on the 10th
                + "o7,f,store,s1,2026-03-09T23:30:00+08:00,COMPLETED,0,CNY,latte,coffee,1,32.00\n");
        LifecyclePolicy policy = LifecyclePolicy.fixed(30, 60, 120);
        LocalDate asOf = LocalDate.of(2026, 3, 10);
        SortedMap<CustomerKey, LifecycleStage> stages = policy.stagesOf(orders, ZoneId.of("Asia/Shanghai"), asOf);
        assertEquals(List.of("a", "b", "c", "f"), stages.keySet().stream().map(CustomerKey::value).toList(),
                "d only cancelled, e buys after the as-of day");
        assertEquals(LifecycleStage.ACTIVE, stages.get(CustomerKey.of("a")));
        assertEquals(policy.stageOf(List.of(LocalDate.of(2026, 1, 5), LocalDate.of(2026, 3, 1)), asOf),
                stages.get(CustomerKey.of("a")));
        assertEquals(LifecycleStage.NEW, stages.get(CustomerKey.of("b")));
        assertEquals(LifecycleStage.CHURNED, stages.get(CustomerKey.of("c")));
        assertEquals(LifecycleStage.NEW, stages.get(CustomerKey.of("f")));
    }

    @Test
    void fromPurchaseDaysSortedAndNamingTheCustomerOnError() {
        LifecyclePolicy policy = LifecyclePolicy.fixed(30, 60, 120);
        LocalDate asOf = LocalDate.of(2026, 3, 10);
        SortedMap<String, LifecycleStage> stages = policy.stagesOf(Map.of(
                "z", List.of(LocalDate.of(2025, 12, 1)),
                "m", List.of(LocalDate.of(2026, 3, 9))), asOf);
        assertEquals(List.of("m", "z"), List.copyOf(stages.keySet()));
        assertEquals(LifecycleStage.SLEEPING, stages.get("z"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> policy.stagesOf(Map.of("late", List.of(LocalDate.of(2026, 4, 1))), asOf));
        assertTrue(e.getMessage().startsWith("customer late: "), e.getMessage());
    }
}
