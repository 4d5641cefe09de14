package dev.o2o.core.identity;

/** Sizes shared by the identity graph's parts: the largest array, and how the parts grow. */
final class NodeLimits {

    /** The largest array length the JVMs we run on allocate. */
    static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private NodeLimits() {
    }

    /** The next length of a growing array: half as much again, at most {@link #MAX_ARRAY}. */
    static int grow(int current) {
        long next = Math.max(16L, current + (current >> 1) + 1L);
        return (int) Math.min(next, MAX_ARRAY);
    }

    /** The murmur3 64-bit finalizer, folded to its high 32 bits: hashes spread over every bit. */
    static int fmix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return (int) (h >>> 32);
    }
}
