package dev.o2o.core.io;

/**
 * The line where each order id was first read, for {@link ParallelOrderFacts}: ids that come in
 * increasing order of their bytes (as o2o's writer and most exports write them) are appended to a
 * sorted run and need no hash probe; an id not above the run's last is searched in the run (binary
 * search) and kept with the others in a hash table ({@link ByteKeys}).
 *
 * <p>What it buys: on 10 million orders in id order ({@code o2o rfm}) a probe of a 10-million-slot
 * table missed the processor's caches for every order, most of the reading thread's time
 * (benchmarks/RESULTS.md, section "cli (rfm2)"); the run is written in order. In a file in random
 * order few ids are new maxima, so the run stays short and nearly every id goes to the table, as
 * before. Every id is in exactly one of the two, so the answer never depends on the order. Not
 * thread-safe.
 */
final class UniqueIds {

    private final ByteKeys run = new ByteKeys();
    private final ByteKeys others = new ByteKeys();

    /** The hash {@link #putIfAbsent} wants for {@code bytes[from, from + n)}; from any thread. */
    int hash(byte[] bytes, int from, int n) {
        return others.hash(bytes, from, n);
    }

    /**
     * Records {@code line} for the id {@code bytes[from, from + n)} unless it was recorded before.
     *
     * @return the line recorded first for the id, or -1 if it is new (and now recorded)
     */
    long putIfAbsent(byte[] bytes, int from, int n, int hash, long line) {
        int last = run.size() - 1;
        if (last < 0 || run.compare(last, bytes, from, n) < 0) { // above every id of the run
            int other = others.size() == 0 ? -1 : others.find(bytes, from, n, hash);
            if (other >= 0) {
                return others.value(other);
            }
            run.addUnhashed(bytes, from, n, line);
            return -1;
        }
        int lo = 0;
        int hi = last;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = run.compare(mid, bytes, from, n);
            if (c == 0) {
                return run.value(mid);
            }
            if (c < 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        int other = others.add(bytes, from, n, hash, line);
        return other >= 0 ? others.value(other) : -1;
    }

    /** How many ids are recorded. */
    int size() {
        return run.size() + others.size();
    }
}
