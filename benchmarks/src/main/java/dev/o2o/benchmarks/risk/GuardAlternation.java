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

    private GuardAlternation() {
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

        public Side(int keys, String drop) {
            this.keys = keys;
            this.stores = (int) ((long) keys * RiskGuardBenchmark.STORES_PER_MILLION / 1_000_000);
            this.step = 10L * (1_000_000 / keys);
            StringBuilder rules = new StringBuilder();
            for (String line : RiskGuardBenchmark.RULES.split("\n")) {
                if (!line.isBlank() && !line.strip().matches("(" + drop + "):.*")) {
                    rules.append(line.strip()).append('\n');
                }
            }
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

        /** Nanoseconds per event, events not allowed, and a checksum of the reasons' codes and figures. */
        public double[] time() {
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
            return new double[] {(System.nanoTime() - start) / (double) block.length, notAllowed, checksum};
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            throw new IllegalArgumentException("usage: KEYS BLOCKS JAR_A JAR_B [DROP_A [DROP_B]]");
        }
        int keys = Integer.parseInt(args[0]);
        int blocks = Integer.parseInt(args[1]);
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
                double[] r = (double[]) sides[k].getClass().getMethod("time").invoke(sides[k]);
                if (b >= 3) {
                    times.get(k).add(r[0]);
                }
                if (b == blocks - 1) {
                    System.out.printf("%s: last block %.0f events not allowed, reasons checksum %.0f%n",
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
