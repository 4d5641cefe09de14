package dev.o2o.core.identity;

import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * The history of merges in the order they happened, as parallel primitive columns: the merge's
 * sequence number, the link that caused it, and the sequence numbers of the surviving and the
 * absorbed cluster's key identifiers (from which their keys are derived). Ten million merges take 200 MB
 * this way; as {@link MergeEvent} objects they would take several times that. Not thread-safe.
 */
final class MergeLog {

    private int count;
    private long nextSequence;
    private long[] sequence;
    private int[] link;
    private int[] survivor;
    private int[] absorbed;

    /** A log with room for {@code expected} merges before it grows. */
    MergeLog(int expected) {
        int n = Math.max(16, expected);
        sequence = new long[n];
        link = new int[n];
        survivor = new int[n];
        absorbed = new int[n];
    }

    /** Records that link {@code l} merged cluster {@code absorbedKey} into {@code survivorKey}. */
    void record(int l, int survivorKey, int absorbedKey) {
        if (count == link.length) {
            int cap = NodeLimits.grow(count);
            sequence = Arrays.copyOf(sequence, cap);
            link = Arrays.copyOf(link, cap);
            survivor = Arrays.copyOf(survivor, cap);
            absorbed = Arrays.copyOf(absorbed, cap);
        }
        sequence[count] = nextSequence++;
        link[count] = l;
        survivor[count] = survivorKey;
        absorbed[count] = absorbedKey;
        count++;
    }

    /** Numbers the next merge {@code next} (after a history read from a store); never backwards. */
    void continueAt(long next) {
        nextSequence = Math.max(nextSequence, next);
    }

    int size() {
        return count;
    }

    long sequence(int i) {
        return sequence[i];
    }

    int link(int i) {
        return link[i];
    }

    int survivor(int i) {
        return survivor[i];
    }

    int absorbed(int i) {
        return absorbed[i];
    }

    /**
     * Forgets the merges whose link {@code forget} accepts, keeping the order of the others and
     * their sequence numbers (so numbers may have gaps); returns how many were forgotten.
     */
    int removeIf(IntPredicate forget) {
        int kept = 0;
        for (int i = 0; i < count; i++) {
            if (!forget.test(link[i])) {
                sequence[kept] = sequence[i];
                link[kept] = link[i];
                survivor[kept] = survivor[i];
                absorbed[kept] = absorbed[i];
                kept++;
            }
        }
        int removed = count - kept;
        count = kept;
        return removed;
    }
}
