package dev.o2o.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.function.Supplier;

/** Times store calls into {@link O2oMetrics#STORE_LATENCY}. Thread-safe. */
final class StoreTimer {
    private final MeterRegistry registry;
    private final String store;

    StoreTimer(MeterRegistry registry, String store) {
        this.registry = registry;
        this.store = store;
    }

    <T> T time(String operation, Supplier<T> call) {
        Timer.Sample sample = Timer.start(registry);
        String outcome = "error";
        try {
            T result = call.get();
            outcome = "success";
            return result;
        } finally {
            sample.stop(registry.timer(O2oMetrics.STORE_LATENCY, "store", store, "operation", operation,
                    "outcome", outcome));
        }
    }

    void run(String operation, Runnable call) {
        time(operation, () -> {
            call.run();
            return null;
        });
    }
}
