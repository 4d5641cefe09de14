package dev.o2o.testkit.customer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs one call on several threads released at the same moment, as retries racing each other do. Stateless. */
public final class SameMoment {

    private SameMoment() {
    }

    /**
     * Runs {@code call} on {@code threads} threads that start together and returns their results in
     * thread order.
     *
     * @throws ExecutionException   if a call threw (its exception is the cause)
     * @throws InterruptedException if interrupted while waiting
     */
    public static <T> List<T> run(int threads, Callable<T> call) throws ExecutionException, InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<T> out = new ArrayList<>(threads);
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
