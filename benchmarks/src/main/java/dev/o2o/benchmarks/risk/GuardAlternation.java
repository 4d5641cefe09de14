package dev.o2o.benchmarks.risk;

import dev.o2o.loyalty.guard.GuardVerdict.Action;
import dev.o2o.risk.CustomerResolver;
import dev.o2o.risk.Reason;
import dev.o2o.risk.RiskDecision;
import dev.o2o.risk.RiskEvent;
import dev.o2o.risk.velocity.VelocityConfig;
import dev.o2o.risk.velocity.VelocityEngine;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Two guard engines in one process, timed in alternating blocks: A/B comparisons and rule
 * knock-outs that this machine's drift (10-20 % between half hours, more between runs) does not
 * swamp, since both sides see the same drift. Each side is a benchmarks jar loaded in its own class
 * loader, so two versions of o2o-risk can run side by side, and may drop rules by a regular
 * expression on their codes. The traffic is {@link RiskGuardBenchmark}'s (same rules, events and
 * seed): each block draws 2,097,152 events of clock and times the first 262,144, so the keys'
 * windows fill as slowly as in that benchmark's one-second iterations.
 *
 * <pre>
 * java -Xms10g -Xmx10g -cp benchmarks.jar dev.o2o.benchmarks.risk.GuardAlternation \
 *     KEYS BLOCKS JAR_A JAR_B [DROP_A [DROP_B]]
 * </pre>
 * prints the median of each side's blocks (the first three are warm-up) and the median of the B/A
 * ratios of the blocks timed back to back. Not thread-safe; a command-line tool, not a benchmark of
 * record (RESULTS.md says which figures come from it).
 */
public final class GuardAlternation {

    /** Blocks of each side timed but left out of the medians. */
    private static final int WARM_UP = 3;

    private GuardAlternation() {
    }

    private static int parse(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number: '" + value + "'", e);
        }
    }

    /** One engine over its own copy of the traffic; loaded once per jar. */
    public static final class Side {
        private final VelocityEngine engine;
        private final SplittableRandom random = new SplittableRandom(1);
        private final int keys;
        private final int stores;
        private final long step;
        private long clock;
        private RiskEvent[] block;

        /** @throws IllegalArgumentException if {@code drop} is not empty and matches no rule's code */
        public Side(int keys, String drop) {
            this.keys = keys;
            this.stores = (int) ((long) keys * RiskGuardBenchmark.STORES_PER_MILLION / 1_000_000);
            this.step = 10L * (1_000_000 / keys);
            StringBuilder rules = new StringBuilder();
            List<String> dropped = new ArrayList<>();
            for (String line : RiskGuardBenchmark.RULES.split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                String code = line.strip().substring(0, line.strip().indexOf(':'));
                if (!drop.isEmpty() && code.matches(drop)) {
                    dropped.add(code);
                } else {
                    rules.append(line.strip()).append('\n');
                }
            }
            if (!drop.isEmpty() && dropped.isEmpty()) {
                throw new IllegalArgumentException("drop pattern '" + drop + "' matches no rule code");
            }
            System.out.println("drop '" + drop + "': rules dropped " + dropped);
            engine = VelocityEngine.parse(rules.toString(), CustomerResolver.none(), VelocityConfig.defaults());
            for (int id = 0; id < keys; id++) {
                engine.evaluate(RiskGuardBenchmark.event(id, id * (step / 10), stores, random));
            }
            clock = keys * (step / 10);
        }

        public void draw() {
            block = new RiskEvent[1 << 18];
            for (int i = 0; i < 1 << 21; i++) {
                clock += step;
                RiskEvent e = RiskGuardBenchmark.event(random.nextInt(keys), clock, stores, random);
                if (i < block.length) {
                    block[i] = e;
                }
            }
        }

        /** Nanoseconds for the block, events not allowed, and a checksum of the reasons' codes and figures. */
        public long[] time() {
            long start = System.nanoTime();
            long notAllowed = 0;
            long checksum = 0;
            for (RiskEvent e : block) {
                RiskDecision d = engine.evaluate(e);
                if (d.action() != Action.ALLOW) {
                    notAllowed++;
                }
                for (Reason r : d.reasons()) {
                    checksum = 31 * checksum + r.code().hashCode() + (long) r.value();
                }
            }
            return new long[] {System.nanoTime() - start, notAllowed, checksum, block.length};
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            throw new IllegalArgumentException("usage: KEYS BLOCKS JAR_A JAR_B [DROP_A [DROP_B]]");
        }
        int keys = parse("KEYS", args[0]);
        if (keys < 1_000 || 1_000_000 % keys != 0) {
            throw new IllegalArgumentException("KEYS must divide 1,000,000 and be at least 1,000: " + keys);
        }
        int blocks = parse("BLOCKS", args[1]);
        if (blocks < WARM_UP + 1) {
            throw new IllegalArgumentException("BLOCKS must be more than the " + WARM_UP + " warm-up blocks: " + blocks);
        }
        String[] drops = {args.length > 4 ? args[4] : "", args.length > 5 ? args[5] : ""};
        Object[] sides = new Object[2];
        for (int k = 0; k < 2; k++) {
            URLClassLoader loader = new URLClassLoader(new URL[] {Path.of(args[2 + k]).toUri().toURL()},
                    ClassLoader.getPlatformClassLoader());
            sides[k] = loader.loadClass(Side.class.getName()).getConstructor(int.class, String.class)
                    .newInstance(keys, drops[k]);
        }
        List<List<Double>> times = List.of(new ArrayList<>(), new ArrayList<>());
        for (int b = 0; b < blocks; b++) {
            for (int j = 0; j < 2; j++) {
                int k = b % 2 == 0 ? j : 1 - j; // A first in even blocks, B first in odd ones
                sides[k].getClass().getMethod("draw").invoke(sides[k]);
                System.gc();
                long[] r = (long[]) sides[k].getClass().getMethod("time").invoke(sides[k]);
                if (b >= WARM_UP) {
                    times.get(k).add(r[0] / (double) r[3]);
                }
                if (b == blocks - 1) {
                    System.out.printf("%s: last block %d events not allowed, reasons checksum %d%n",
                            k == 0 ? "A" : "B", r[1], r[2]);
                }
            }
        }
        double[] ratios = new double[times.get(0).size()];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = times.get(1).get(i) / times.get(0).get(i);
        }
        for (int k = 0; k < 2; k++) {
            List<Double> t = new ArrayList<>(times.get(k));
            Collections.sort(t);
            System.out.printf("%s %s drop '%s': median %.0f ns per event (%.0f to %.0f)%n", k == 0 ? "A" : "B",
                    args[2 + k], drops[k], t.get(t.size() / 2), t.get(0), t.get(t.size() - 1));
        }
        Arrays.sort(ratios);
        System.out.printf("B/A: median %.3f (%.3f to %.3f) over %d pairs%n", ratios[ratios.length / 2], ratios[0],
                ratios[ratios.length - 1], ratios.length);
    }
}
