package dev.o2o.attribution.markov;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The transient states of counted transitions numbered canonically, with the transition probabilities as a sparse
 * row matrix: the start state is 0, windows follow sorted by length and then by the sorted order of their channel
 * ids, and each row's transitions are sorted by target. Results therefore do not depend on the order in which
 * journeys, channels or partitions were counted. Immutable; package-private arrays are not modified after
 * construction.
 */
final class CanonicalChain {

    /** Transient states including start (index 0). */
    final int stateCount;
    /** Channel indexes (into the counts' channel list) of each state; empty for start. */
    final int[][] stateChannels;
    final int[] rowStart;
    final int[] col;
    final double[] prob;
    final double[] edgeWeight;
    final double[] toConversion;
    final double[] convWeight;
    final double[] toNull;
    final double[] nullWeight;

    CanonicalChain(TransitionCounts counts) {
        List<String> ids = counts.channels();
        int channels = ids.size();
        Integer[] byId = new Integer[channels];
        for (int i = 0; i < channels; i++) {
            byId[i] = i;
        }
        Arrays.sort(byId, Comparator.comparing(ids::get));
        int[] rank = new int[channels];
        for (int r = 0; r < channels; r++) {
            rank[byId[r]] = r;
        }
        int bits = 63 / counts.options().order();
        int states = counts.stateCount();
        int windows = states - TransitionCounts.SPECIAL;
        // digits rank + 1 >= 1, so a longer window has a larger key and equal lengths compare lexicographically
        long[] keys = new long[windows];
        for (int t = 0; t < windows; t++) {
            long key = 0;
            for (int c : counts.window(t + TransitionCounts.SPECIAL)) {
                key = (key << bits) | (rank[c] + 1L);
            }
            keys[t] = key;
        }
        long[] sorted = keys.clone();
        Arrays.sort(sorted);
        int[] canon = new int[states]; // counted state id -> transient index, -1 conversion, -2 null
        canon[TransitionCounts.START] = 0;
        canon[TransitionCounts.CONVERSION] = -1;
        canon[TransitionCounts.NULL] = -2;
        stateCount = windows + 1;
        stateChannels = new int[stateCount][];
        stateChannels[0] = new int[0];
        for (int t = 0; t < windows; t++) {
            int index = 1 + Arrays.binarySearch(sorted, keys[t]);
            canon[t + TransitionCounts.SPECIAL] = index;
            stateChannels[index] = counts.window(t + TransitionCounts.SPECIAL).clone();
        }
        toConversion = new double[stateCount];
        toNull = new double[stateCount];
        convWeight = new double[stateCount];
        nullWeight = new double[stateCount];
        double[] outWeight = new double[stateCount];
        int edgeCount = counts.edgeCount();
        long[] internal = new long[edgeCount];
        double[] internalW = new double[edgeCount];
        int ni = 0;
        for (int e = 0; e < edgeCount; e++) {
            int from = canon[counts.edgeFrom(e)];
            int to = canon[counts.edgeTo(e)];
            double w = counts.edgeWeight(e);
            outWeight[from] += w;
            if (to == -1) {
                convWeight[from] += w;
            } else if (to == -2) {
                nullWeight[from] += w;
            } else {
                internal[ni] = ((long) from << 32) | to;
                internalW[ni++] = w;
            }
        }
        Integer[] order = new Integer[ni];
        for (int e = 0; e < ni; e++) {
            order[e] = e;
        }
        Arrays.sort(order, Comparator.comparingLong(e -> internal[e]));
        rowStart = new int[stateCount + 1];
        col = new int[ni];
        prob = new double[ni];
        edgeWeight = new double[ni];
        for (int q = 0; q < ni; q++) {
            int e = order[q];
            int from = (int) (internal[e] >>> 32);
            col[q] = (int) internal[e];
            edgeWeight[q] = internalW[e];
            prob[q] = internalW[e] / outWeight[from];
            rowStart[from + 1]++;
        }
        for (int s = 0; s < stateCount; s++) {
            rowStart[s + 1] += rowStart[s];
            if (outWeight[s] > 0) {
                toConversion[s] = convWeight[s] / outWeight[s];
                toNull[s] = nullWeight[s] / outWeight[s];
            }
        }
    }
}
