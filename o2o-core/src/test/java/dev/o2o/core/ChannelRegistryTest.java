package dev.o2o.core;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChannelRegistryTest {

    /** Issue 14 item 6: the registry used to copy all its channels for every new one (quadratic). */
    @Test
    void registeringManyChannelsGrowsTheArrayLogarithmicallyOften() {
        ChannelRegistry registry = new ChannelRegistry();
        int n = 40_000;
        for (int i = 0; i < n; i++) {
            assertEquals(i, registry.register(Channel.online("c" + i)));
        }
        assertEquals(n, registry.size());
        // 16 slots at first, doubling: 16 * 2^12 = 65,536 >= 40,000 after 12 growths
        assertEquals(12, registry.growths());
        assertEquals("c39999", registry.get(39_999).id());
        assertEquals(12_345, registry.indexOf("c12345").orElseThrow());
        assertEquals(n, registry.channels().size());
        assertEquals("c0", registry.channels().get(0).id());
    }

    @Test
    void indexesAndSnapshotsStayStable() {
        ChannelRegistry registry = ChannelRegistry.of(List.of(Channel.online("a"), Channel.offline("b")));
        List<Channel> before = registry.channels();
        assertEquals(0, registry.register(Channel.online("a")));
        assertEquals(2, registry.register(Channel.online("c")));
        assertEquals(2, before.size());
        assertEquals(List.of("a", "b", "c"), registry.channels().stream().map(Channel::id).toList());
        assertThrows(UnsupportedOperationException.class, () -> registry.channels().add(Channel.online("d")));
        assertThrows(IndexOutOfBoundsException.class, () -> registry.get(3));
        assertTrue(registry.find("zz").isEmpty());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> registry.register(Channel.offline("a")));
        assertTrue(e.getMessage().contains("'a' is already registered"), e.getMessage());
    }

    @Test
    void readersSeeEveryChannelWhoseIndexTheyFind() throws InterruptedException {
        ChannelRegistry registry = new ChannelRegistry();
        int n = 20_000;
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> readers = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            Thread reader = new Thread(() -> {
                try {
                    go.await();
                    for (int i = 0; i < n; i++) {
                        String id = "c" + i;
                        int index;
                        while ((index = registry.indexOf(id).orElse(-1)) < 0) {
                            Thread.onSpinWait();
                        }
                        if (!registry.get(index).id().equals(id) || registry.channels().size() <= index) {
                            throw new AssertionError("channel " + id + " at " + index + " not visible");
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            });
            reader.start();
            readers.add(reader);
        }
        go.countDown();
        for (int i = 0; i < n; i++) {
            registry.register(Channel.online("c" + i));
        }
        for (Thread reader : readers) {
            reader.join();
        }
        assertNull(failure.get());
    }
}
