package dev.vedit.server.engine.local;

/**
 * A text in {@link Prefilter#fold folded} form with a 256-bit summary of its characters and of its pairs of adjacent
 * characters, so {@link Prefilter#mayMatch} can rule out most of its literals with a few bit operations instead of a
 * search of the text each. A clause is checked against some thousand literals per reading (the rules' and the
 * alternations' requirements), and that search had become a fifth of reading a prompt.
 *
 * <p>Exact: a literal that occurs in the text has each of its characters and pairs in it, so its bits are all set in
 * the text's summary; a literal whose bits are not all set cannot occur, and one whose bits are set is still looked for
 * ({@link #holds}). The summary only saves searches, it never decides.
 */
final class FoldedText {
    private static final int WORDS = 4; // 256 bits: a clause of ~40 characters sets about a fifth of them

    final String text;
    private final long[] bits;

    private FoldedText(String text) {
        this.text = text;
        this.bits = summary(text);
    }

    /** @param folded a text already in {@link Prefilter#fold folded} form */
    static FoldedText of(String folded) {
        return new FoldedText(folded);
    }

    /** The bits that {@code literal} sets in the summary of any text holding it. */
    static long[] summary(String literal) {
        long[] bits = new long[WORDS];
        for (int i = 0; i < literal.length(); i++) {
            set(bits, hash(literal.charAt(i), 0));
            if (i + 1 < literal.length()) {
                set(bits, hash(literal.charAt(i), literal.charAt(i + 1) + 1));
            }
        }
        return bits;
    }

    /** Whether the text holds {@code literal}, whose {@link #summary} is {@code need}. */
    boolean holds(String literal, long[] need) {
        return (need[0] & ~bits[0] | need[1] & ~bits[1] | need[2] & ~bits[2] | need[3] & ~bits[3]) == 0
                && text.contains(literal);
    }

    private static int hash(char c, int next) {
        return (int) (((c * 0x9E3779B97F4A7C15L) ^ (next * 0xC2B2AE3D27D4EB4FL)) * 0x165667B19E3779F9L >>> 56);
    }

    private static void set(long[] bits, int bit) {
        bits[bit >>> 6] |= 1L << bit;
    }
}
