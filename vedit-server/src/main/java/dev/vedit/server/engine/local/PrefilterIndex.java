package dev.vedit.server.engine.local;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * Which of many prefilters may pass a text, found from the text's own characters instead of asking each prefilter.
 * Asking the thousand synonym variants one by one was a tenth of reading a prompt, though fewer than two pass on an
 * average prompt; the rules and the lexicon's long alternations paid the same way. Each prefilter is filed under the
 * first character, or the first two or three, of every string of its first requirement: a text it passes holds one of those
 * strings, so it holds that character or pair. A text's characters and adjacent pairs then name the few prefilters
 * worth asking, and those are asked in full. Exact: the answer is the one asking every prefilter would give
 * ({@code PrefilterIndexTest}).
 */
final class PrefilterIndex {
    private final Prefilter[] prefilters;
    /** The prefilters that require nothing: every text may match them. */
    private final long[] always;
    /** A character to the prefilters filed under it (strings of one character). */
    private final Table singles;
    /** Two adjacent characters, {@code first << 16 | second}, to the prefilters filed under them. */
    private final Table pairs;
    /** Three adjacent characters, {@code first << 32 | second << 16 | third}: most strings are longer than two. */
    private final Table triples;

    private PrefilterIndex(List<Prefilter> prefilters) {
        this.prefilters = prefilters.toArray(Prefilter[]::new);
        always = new long[words(this.prefilters.length)];
        List<long[]> single = new ArrayList<>();
        List<long[]> pair = new ArrayList<>();
        List<long[]> triple = new ArrayList<>();
        for (int i = 0; i < this.prefilters.length; i++) {
            String[] key = this.prefilters[i].key();
            if (key.length == 0) {
                always[i >>> 6] |= 1L << i;
            }
            for (String s : key) {
                switch (s.length()) {
                    case 1 -> single.add(new long[] {s.charAt(0), i});
                    case 2 -> pair.add(new long[] {pair(s, 0), i});
                    default -> triple.add(new long[] {triple(s, 0), i});
                }
            }
        }
        singles = new Table(single);
        pairs = new Table(pair);
        triples = new Table(triple);
    }

    static PrefilterIndex of(List<Prefilter> prefilters) {
        return new PrefilterIndex(prefilters);
    }

    /** The indexes of the prefilters whose {@link Prefilter#mayMatch} is true for the text. */
    BitSet matching(FoldedText folded) {
        return matching(folded, 0);
    }

    /**
     * As {@link #matching(FoldedText)}, for the indexes from {@code from} on: after a text changed, its reader goes on
     * from where it was, so the full checks of the earlier prefilters would be spent for nothing.
     */
    BitSet matching(FoldedText folded, int from) {
        long[] filed = always.clone();
        String text = folded.text;
        for (int i = 0; i < text.length(); i++) {
            mark(filed, singles.get(text.charAt(i)));
            if (i + 1 < text.length()) {
                mark(filed, pairs.get(pair(text, i)));
                if (i + 2 < text.length()) {
                    mark(filed, triples.get(triple(text, i)));
                }
            }
        }
        for (int w = 0; w < filed.length; w++) {
            if (from > w << 6) {
                filed[w] &= from >= (w + 1) << 6 ? 0 : -1L << (from - (w << 6));
            }
            for (long bits = filed[w]; bits != 0; bits &= bits - 1) {
                int i = w << 6 | Long.numberOfTrailingZeros(bits);
                if (!prefilters[i].mayMatch(folded)) {
                    filed[w] &= ~(1L << i); // filed under a character the text holds, but lacking another of its strings
                }
            }
        }
        return BitSet.valueOf(filed);
    }

    private static long pair(String s, int at) {
        return (long) s.charAt(at) << 16 | s.charAt(at + 1);
    }

    private static long triple(String s, int at) {
        return (long) s.charAt(at) << 32 | (long) s.charAt(at + 1) << 16 | s.charAt(at + 2);
    }

    private static void mark(long[] bits, int[] indexes) {
        if (indexes != null) {
            for (int i : indexes) {
                bits[i >>> 6] |= 1L << i;
            }
        }
    }

    private static int words(int bits) {
        return (bits + 63) >>> 6;
    }

    /** An open-addressing map from a key to the indexes filed under it, built once. */
    private static final class Table {
        private final long[] keys;
        private final int[][] values;
        private final int mask;

        Table(List<long[]> entries) {
            int size = Integer.highestOneBit(Math.max(4, entries.size() * 4) - 1) << 1; // at most a quarter full
            keys = new long[size];
            values = new int[size][];
            mask = size - 1;
            for (long[] entry : entries) {
                int slot = slot(entry[0]);
                keys[slot] = entry[0];
                int[] old = values[slot];
                int index = (int) entry[1];
                if (old == null) {
                    values[slot] = new int[] {index};
                } else if (old[old.length - 1] != index) { // one prefilter may file two strings under one key
                    int[] grown = Arrays.copyOf(old, old.length + 1);
                    grown[old.length] = index;
                    values[slot] = grown;
                }
            }
        }

        int[] get(long key) {
            for (int slot = hash(key) & mask; values[slot] != null; slot = (slot + 1) & mask) {
                if (keys[slot] == key) {
                    return values[slot];
                }
            }
            return null;
        }

        /** The slot holding {@code key}, or the empty one where it goes. */
        private int slot(long key) {
            int slot = hash(key) & mask;
            while (values[slot] != null && keys[slot] != key) {
                slot = (slot + 1) & mask;
            }
            return slot;
        }

        private static int hash(long key) {
            long h = key * 0x9E3779B97F4A7C15L;
            return (int) (h ^ (h >>> 32));
        }
    }
}
