package dev.o2o.benchmarks.risk;

import java.util.SplittableRandom;

/**
 * The time of one load that depends on the one before (a pointer chase over a random cycle of cache
 * lines) in arrays of growing size, and of four such chains side by side: what a cache miss costs on
 * this machine, in the caches and in memory, and how far misses overlap. The guard benchmark's cold
 * keys are a few such dependent loads each (RESULTS.md, {@code risk guard (latency)}).
 *
 * <pre>
 * java -Xmx6g -cp benchmarks.jar dev.o2o.benchmarks.risk.MemoryLatency 1 8 32 128 1024
 * </pre>
 * takes sizes in MiB and prints, per size, the best of five rounds in nanoseconds per load.
 * Add {@code -XX:+UseTransparentHugePages} to measure with large pages. Not thread-safe; a
 * command-line tool.
 */
public final class MemoryLatency {

    /** Sixteen ints to a 64-byte line: one load per line. */
    private static final int LINE = 16;
    private static final int LOADS = 4_000_000;

    private MemoryLatency() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("give sizes in MiB, for example: 1 8 32 128 1024");
        }
        for (String arg : args) {
            int mib = Integer.parseInt(arg);
            if (mib < 1 || mib > 4096) {
                throw new IllegalArgumentException("a size must be 1 to 4096 MiB: " + arg);
            }
            int[] next = cycle(mib * (1 << 20) / Integer.BYTES);
            double one = Double.MAX_VALUE;
            double four = Double.MAX_VALUE;
            long sink = 0;
            for (int round = 0; round < 5; round++) {
                long t0 = System.nanoTime();
                int p = 0;
                for (int i = 0; i < LOADS; i++) {
                    p = next[p];
                }
                long t1 = System.nanoTime();
                int a = 0;
                int b = next[a];
                int c = next[b];
                int d = next[c];
                for (int i = 0; i < LOADS / 4; i++) {
                    a = next[a];
                    b = next[b];
                    c = next[c];
                    d = next[d];
                }
                long t2 = System.nanoTime();
                one = Math.min(one, (t1 - t0) / (double) LOADS);
                four = Math.min(four, (t2 - t1) / (double) LOADS);
                sink += p + a + b + c + d;
            }
            System.out.printf("%,6d MiB: %6.1f ns per dependent load, %6.1f ns per load in four chains%n", mib, one, four);
            if (sink == Long.MIN_VALUE) {
                System.out.println(); // uses the loads' results, so that the JIT keeps the loads
            }
        }
    }

    /** An array in which following {@code next[p]} from 0 visits every line once, in random order. */
    private static int[] cycle(int ints) {
        int lines = ints / LINE;
        int[] order = new int[lines];
        for (int i = 0; i < lines; i++) {
            order[i] = i;
        }
        SplittableRandom r = new SplittableRandom(1);
        for (int i = lines - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] next = new int[ints];
        for (int i = 0; i < lines; i++) {
            next[order[i] * LINE] = order[(i + 1) % lines] * LINE;
        }
        return next;
    }
}
