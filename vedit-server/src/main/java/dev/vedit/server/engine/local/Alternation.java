package dev.vedit.server.engine.local;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Many alternatives matched exactly as the one pattern {@code alt1|alt2|...} would match them, but searching with only
 * the alternatives whose words the text holds. One pattern of hundreds of alternatives (the lexicon's request words,
 * the filler) tries every alternative at every position of a clause, and reading a prompt asks such questions dozens
 * of times; most alternatives name words the clause lacks ({@link Prefilter}), so they are left out of the search.
 *
 * <p>Exact because a top-level alternation is leftmost-first: its match is the earliest position at which any
 * alternative matches, and there the first alternative in order that matches. That is the earliest of each
 * alternative's own leftmost match (lowest index on a tie), each searched over the whole text, so look-arounds and
 * anchors see what they would see in the joined pattern; an alternative that matches nowhere in the text never
 * decides anything and can be skipped. {@code AlternationTest} compares every operation with the joined pattern.
 */
final class Alternation {
    private final Pattern[] patterns;
    private final Prefilter[] prefilters;
    private final PrefilterIndex index;
    private final int flags;

    private Alternation(List<String> alternatives, int flags) {
        if (alternatives.isEmpty()) {
            throw new IllegalArgumentException("no alternatives"); // joined, "" would match everywhere
        }
        this.flags = flags;
        patterns = new Pattern[alternatives.size()];
        prefilters = new Prefilter[alternatives.size()];
        for (int i = 0; i < patterns.length; i++) {
            String alternative = alternatives.get(i);
            // An inline flag ("(?i)") outside a group would also apply to the alternatives after it once joined.
            if (alternative.matches("(?s).*\\(\\?[a-zA-Z-]+\\).*")) {
                throw new IllegalArgumentException("an alternative with an inline flag: " + alternative);
            }
            patterns[i] = Prefilter.guarded(Pattern.compile(alternative, flags));
            prefilters[i] = Prefilter.of(patterns[i]);
        }
        index = PrefilterIndex.of(List.of(prefilters));
    }

    /** The alternatives as {@code String.join("|", alternatives)} compiled with {@code flags} would match them. */
    static Alternation of(List<String> alternatives, int flags) {
        return new Alternation(alternatives, flags);
    }

    /** Each alternative's pattern, as searched (for tests). */
    List<Pattern> patterns() {
        return List.of(patterns);
    }

    /** The prefilter of each alternative (for tests). */
    List<Prefilter> prefilters() {
        return List.of(prefilters);
    }

    /** The pattern this alternation matches as (for tests). */
    Pattern joined() {
        List<String> all = new ArrayList<>();
        for (Pattern p : patterns) {
            all.add(p.pattern());
        }
        return Pattern.compile(String.join("|", all), flags);
    }

    /** Where the first match starts, or -1: {@code matcher(text).find() ? start() : -1} of the joined pattern. */
    int find(String text) {
        Search search = new Search(text);
        return search.next(0) ? search.start : -1;
    }

    /** {@code matcher(text).lookingAt()} of the joined pattern: whether an alternative matches at the start. */
    boolean lookingAt(String text) {
        for (Matcher m : candidates(text)) {
            if (m.lookingAt()) {
                return true;
            }
        }
        return false;
    }

    /** {@code matcher(text).matches()} of the joined pattern: whether an alternative matches the whole text. */
    boolean matches(String text) {
        for (Matcher m : candidates(text)) {
            if (m.matches()) {
                return true;
            }
        }
        return false;
    }

    /** {@code matcher(text).replaceAll(replacement)} of the joined pattern, the replacement taken literally. */
    String replaceAll(String text, String replacement) {
        Search search = new Search(text);
        if (!search.next(0)) {
            return text; // the common case: no copy
        }
        StringBuilder out = new StringBuilder(text.length());
        int last = 0;
        do {
            out.append(text, last, search.start).append(replacement);
            last = search.end;
        } while (search.next(search.end == search.start ? search.end + 1 : search.end)); // as Matcher.find() steps
        return out.append(text, last, text.length()).toString();
    }

    /**
     * {@code text} with blanks where the joined pattern matches {@code said}, a text of the same length that {@code text}
     * was blanked from: a match whose context ("想" before the verb a rule has taken) is gone from {@code text} counts.
     */
    String blankedWhere(String text, String said) {
        Search search = new Search(said);
        if (text.length() != said.length() || !search.next(0)) {
            return text;
        }
        char[] out = text.toCharArray();
        do {
            Arrays.fill(out, search.start, search.end, ' ');
        } while (search.next(search.end == search.start ? search.end + 1 : search.end));
        return new String(out);
    }

    /** The successive matches of the joined pattern in {@code text}, as repeated {@code matcher(text).find()} gives them. */
    Scan scan(String text) {
        return new Scan(text);
    }

    /** A {@link Matcher}'s {@code find()}, {@code start()}, {@code end()} and {@code group()} over the joined pattern. */
    final class Scan {
        private final String text;
        private final Search search;
        private int start = -1;
        private int end = -1;

        private Scan(String text) {
            this.text = text;
            search = new Search(text);
        }

        /** The next match, after the last one (one character on after an empty one, as {@link Matcher#find()} steps). */
        boolean find() {
            boolean found = search.next(end < 0 ? 0 : end == start ? end + 1 : end);
            start = found ? search.start : -1;
            end = found ? search.end : text.length() + 1;
            return found;
        }

        int start() {
            return matched(start);
        }

        int end() {
            return matched(end);
        }

        String group() {
            return text.substring(start(), end());
        }

        private int matched(int at) {
            if (start < 0) {
                throw new IllegalStateException("no match");
            }
            return at;
        }
    }

    /** Matchers over {@code text} of the alternatives that may match it, in their order. */
    private List<Matcher> candidates(String text) {
        BitSet may = index.matching(Prefilter.folded(text));
        List<Matcher> out = new ArrayList<>(may.cardinality());
        for (int i = may.nextSetBit(0); i >= 0; i = may.nextSetBit(i + 1)) {
            out.add(patterns[i].matcher(text));
        }
        return out;
    }

    /** The successive matches of the joined pattern, each alternative's next match kept until it is passed. */
    private final class Search {
        private static final int UNKNOWN = -2;
        private static final int NONE = -1;
        private final int length;
        private final List<Matcher> matchers;
        private final int[] starts;
        private final int[] ends;
        int start;
        int end;

        Search(String text) {
            length = text.length();
            matchers = candidates(text);
            starts = new int[matchers.size()];
            ends = new int[matchers.size()];
            Arrays.fill(starts, UNKNOWN);
        }

        /** The leftmost match starting at or after {@code from}, into {@link #start} and {@link #end}. */
        boolean next(int from) {
            if (from > length) {
                return false;
            }
            int best = -1;
            for (int i = 0; i < starts.length; i++) {
                if (starts[i] == NONE) {
                    continue; // no match from an earlier position on, so none from this one
                }
                if (starts[i] < from) { // unknown, or passed: an earlier match still ahead of from stays the leftmost
                    Matcher m = matchers.get(i);
                    if (m.find(from)) {
                        starts[i] = m.start();
                        ends[i] = m.end();
                    } else {
                        starts[i] = NONE;
                        continue;
                    }
                }
                if (best < 0 || starts[i] < starts[best]) {
                    best = i; // strictly earlier only: on a tie the first alternative in order wins
                }
            }
            if (best < 0) {
                return false;
            }
            start = starts[best];
            end = ends[best];
            return true;
        }
    }
}
