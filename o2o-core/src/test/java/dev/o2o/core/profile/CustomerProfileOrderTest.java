package dev.o2o.core.profile;

import dev.o2o.core.Channel;
import dev.o2o.core.OrderStatus;
import dev.o2o.core.TouchpointType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.o2o.core.profile.ProfileFixtures.ALICE;
import static dev.o2o.core.profile.ProfileFixtures.day;
import static dev.o2o.core.profile.ProfileFixtures.order;
import static dev.o2o.core.profile.ProfileFixtures.touch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Issue 23: the per-channel maps are documented as sorted by id, and were in Map.copyOf's per-run order. */
class CustomerProfileOrderTest {

    @Test
    void perChannelMapsIterateInIdOrder() {
        ProfileState s = ProfileState.empty(ALICE, ProfileConfig.defaults());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ids.add(String.format("ch%02d", i));
        }
        // added in a scrambled order, so that neither insertion nor hash order can pass for sorted
        for (int k = 0; k < ids.size(); k++) {
            String id = ids.get((k * 17) % ids.size());
            s.add(touch(ALICE, Channel.online(id), day(1 + k % 20, 10), TouchpointType.CLICK));
            s.add(order("o" + k, ALICE, Channel.online(id), null, day(1 + k % 20, 11), "10.00",
                    OrderStatus.COMPLETED, "0"));
        }
        CustomerProfile p = s.profile(Instant.parse("2026-04-30T00:00:00Z"));
        assertEquals(ids, new ArrayList<>(p.touchpointsByChannel().keySet()));
        assertEquals(ids, new ArrayList<>(p.ordersByChannel().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> p.touchpointsByChannel().put("x", 1L));
    }
}
