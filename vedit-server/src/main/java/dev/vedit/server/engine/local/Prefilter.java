package dev.vedit.server.engine.local;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a pattern cannot match without, derived from the pattern itself: groups of literal strings, at least one of
 * each group occurring in any text the pattern finds a match in. "(?:increase|raise)\\s+(?:the\\s+)?contrast" cannot
 * match a clause that lacks "contrast", nor one that holds neither "increase" nor "raise". The interpreter runs a
 * rule's unanchored search over a clause only when {@link #mayMatch} says it may: most rules name words most clauses
 * lack, and a search that finds nothing was most of the cost of reading a prompt.
 *
 * <p>Safe by construction, never a guess: whatever the deriving does not understand (a class of many characters, a
 * range, a back-reference, a construct it does not parse) requires nothing, and a pattern it cannot read at all
 * requires nothing ({@link #NONE}: always run). Case: both the literals and the text are compared in one folded
 * form, {@link #fold}, the very mapping Java's case-insensitive Unicode matching compares characters by, so a
 * character the pattern would pair with a literal ("K" with "k", the Kelvin sign with "k", the dotless ı with "i")
 * folds to the same character and the literal is found. {@code PrefilterTest} checks both over every code point and
 * over the corpora.
 */
final class Prefilter {
    /** An inline flag group that turns Unicode character classes on ("(?U)", "(?iU:"), which widens {@code \d}. */
    private static final Pattern INLINE_UNICODE_CLASSES = Pattern.compile("\\(\\?[a-zA-Z]*U");
    /** Requires nothing: the pattern always runs. */
    static final Prefilter NONE = new Prefilter(List.of());
    /** The most strings one exact set may hold before it is no longer expanded (a cross product grows fast). */
    private static final int MAX_EXACT = 64;
    /** The most alternatives one requirement may hold: past that, checking it costs more than it saves. */
    private static final int MAX_ANY = 128;

    /** Each entry: at least one of these (folded) strings occurs in any text with a match. */
    private final List<String[]> required;
    /** The {@link FoldedText#summary} of each string of {@link #required}, in the same places. */
    private final long[][][] summaries;

    /**
     * The requirement of each top-level branch, when the pattern has several and each has one: a match is a match of
     * one branch, so it needs that branch's words together ("up" with "volume", not "up" alone); null otherwise.
     */
    private final Prefilter[] branches;

    private Prefilter(List<String[]> required) {
        this(required, null);
    }

    private Prefilter(List<String[]> required, Prefilter[] branches) {
        this.required = required;
        this.branches = branches;
        summaries = new long[required.size()][][];
        for (int i = 0; i < summaries.length; i++) {
            summaries[i] = Arrays.stream(required.get(i)).map(FoldedText::summary).toArray(long[][]::new);
        }
    }

    /**
     * {@code pattern} behind a look-ahead of the characters its matches can begin at: {@code (?=[…])(?:pattern)}, which
     * finds exactly the same matches (same groups, same spans) but skips a position whose character begins none at the
     * cost of one class check, where {@code find()} otherwise tries every alternative, look-behind and boundary of the
     * pattern there. "(?<![\\p{IsLatin}\\p{N}])(?:turn|crank)\\s+up" tries its look-behind at every position of a
     * clause; behind {@code (?=[tc])} only at a "t" or a "c". The pattern itself when no such set can be derived
     * safely: one that can match the empty string, one whose match can begin with any character ("." or a negated
     * class), an inline flag (which the look-ahead in front would not share), or a construct not read here.
     */
    static Pattern guarded(Pattern pattern) {
        if ((pattern.flags() & (Pattern.COMMENTS | Pattern.CANON_EQ | Pattern.LITERAL)) != 0) {
            return pattern;
        }
        Start start;
        try {
            Parser parser = new Parser(pattern.pattern(), true);
            List<Info> branches = parser.branches();
            start = Info.alternation(branches).start();
            if (branches.size() == 1 && beginsWithOneCharacter(pattern.pattern())) {
                return pattern; // "slow…", "背景…", "[「“]…": find() checks the first character as cheaply as a guard would
            }
            if (parser.pos != parser.re.length() || parser.inlineFlags) {
                return pattern;
            }
        } catch (Unsupported | RuntimeException e) {
            return pattern;
        }
        return guarded(pattern.pattern(), pattern.flags(), start, pattern);
    }

    /** {@code re} behind the guard of {@code start}; {@code otherwise} where that guard would not pay or not compile. */
    private static Pattern guarded(String re, int flags, Start start, Pattern otherwise) {
        if (!start.narrow()) {
            return otherwise; // a match may begin anywhere, or at any letter: the guard would skip too little to pay
        }
        try {
            return Pattern.compile(GUARD_OPEN + start.body() + GUARD_CLOSE + re + ")", flags);
        } catch (java.util.regex.PatternSyntaxException e) {
            return otherwise; // a member this pattern accepts that a class does not: no guard, the same matches
        }
    }

    /**
     * For a pattern of several top-level branches, each requiring words of its own ({@link #onlyBranch}): the pattern
     * once per branch with every other branch switched off by a "(?!)" in front (its groups stay declared, so a
     * match reads the same), each behind its own branch's guard. Where the words of one branch only are in a text,
     * no other branch matches anywhere in it, so that branch's pattern finds exactly the matches of the whole — at
     * the cost of one branch where {@code find()} tries them all at every position. Empty otherwise.
     */
    static List<Pattern> branchPatterns(Pattern pattern) {
        if ((pattern.flags() & (Pattern.COMMENTS | Pattern.CANON_EQ | Pattern.LITERAL)) != 0 || of(pattern).branches == null) {
            return List.of();
        }
        String re = unguardedSource(pattern);
        Parser parser = new Parser(re, true);
        List<Info> branches;
        try {
            branches = parser.branches();
        } catch (Unsupported | RuntimeException e) {
            return List.of();
        }
        if (parser.pos != re.length() || parser.inlineFlags || branches.size() < 2) {
            return List.of();
        }
        List<String> sources = sources(re, parser.bars);
        List<Pattern> out = new ArrayList<>();
        for (int k = 0; k < sources.size(); k++) {
            StringBuilder alone = new StringBuilder();
            for (int j = 0; j < sources.size(); j++) {
                alone.append(j == 0 ? "" : "|").append(j == k ? "" : "(?!)").append(sources.get(j));
            }
            Pattern unguarded = Pattern.compile(alone.toString(), pattern.flags());
            out.add(guarded(alone.toString(), pattern.flags(), branches.get(k).start(), unguarded));
        }
        return List.copyOf(out);
    }

    /**
     * The top-level branches of {@code re} ("a|(b|c)" is "a" and "(b|c)"), so that {@link Alternation} may search each
     * on its own; {@code re} alone where it cannot be parsed or turns a flag on inline.
     */
    static List<String> branchSources(String re) {
        Parser parser = new Parser(re, true);
        try {
            parser.branches();
        } catch (Unsupported | RuntimeException e) {
            return List.of(re);
        }
        return parser.pos != re.length() || parser.inlineFlags ? List.of(re) : sources(re, parser.bars);
    }

    private static List<String> sources(String re, List<Integer> bars) {
        List<String> sources = new ArrayList<>();
        int from = 0;
        for (int bar : bars) {
            sources.add(re.substring(from, bar));
            from = bar + 1;
        }
        sources.add(re.substring(from));
        return sources;
    }

    /**
     * The one top-level branch whose words the text holds, as indexed in {@link #branchPatterns}; -1 when several
     * or none do, or when the branches' requirements are not known apart.
     */
    int onlyBranch(FoldedText folded) {
        if (branches == null) {
            return -1;
        }
        int only = -1;
        for (int k = 0; k < branches.length; k++) {
            if (branches[k].mayMatch(folded)) {
                if (only >= 0) {
                    return -1;
                }
                only = k;
            }
        }
        return only;
    }

    /** Whether the pattern begins with one letter, digit, class or class escape that it cannot skip ("a?…" can). */
    private static boolean beginsWithOneCharacter(String re) {
        int c = re.codePointAt(0);
        int end;
        if (Character.isLetterOrDigit(c)) {
            end = Character.charCount(c);
        } else if (c == '[') {
            end = classEnd(re);
        } else if (c == '\\' && re.length() > 1 && "dswpP".indexOf(re.charAt(1)) >= 0) {
            end = re.startsWith("{", 2) ? re.indexOf('}') + 1 : re.charAt(1) == 'p' || re.charAt(1) == 'P' ? 3 : 2;
        } else {
            return false;
        }
        return end > 0 && end < re.length() && "?*{".indexOf(re.charAt(end)) < 0;
    }

    /** Where the class that opens {@code re} ends (after its "]"), or -1. */
    private static int classEnd(String re) {
        int depth = 0;
        for (int i = 0; i < re.length(); i++) {
            char c = re.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                depth++;
            } else if (c == ']' && i > 1 && --depth == 0) {
                return i + 1;
            }
        }
        return -1;
    }

    /** A member that holds every letter, or nearly every character: "\\p{L}", "\\w", "\\S", "[a-z]". */
    private static boolean isBroad(String member) {
        for (String broad : List.of("\\p{L", "\\p{IsL", "\\p{Alpha", "\\p{Alnum", "\\p{Lower", "\\p{Upper", "\\w", "\\W", "\\S",
                "\\D", "\\P", "a-z", "A-Z")) {
            if (member.contains(broad)) {
                return true;
            }
        }
        return false;
    }

    private static final String GUARD_OPEN = "(?=[";
    private static final String GUARD_CLOSE = "])(?:";

    /** The pattern {@link #guarded} was given (for tests: the two must find the same matches). */
    static Pattern unguarded(Pattern pattern) {
        String re = unguardedSource(pattern);
        return re == pattern.pattern() ? pattern : Pattern.compile(re, pattern.flags());
    }

    private static String unguardedSource(Pattern pattern) {
        String re = pattern.pattern();
        return re.startsWith(GUARD_OPEN) ? re.substring(re.indexOf(GUARD_CLOSE) + GUARD_CLOSE.length(), re.length() - 1) : re;
    }

    /** The requirement of {@code pattern}, or {@link #NONE} when it has none that can be derived safely. */
    static Prefilter of(Pattern pattern) {
        // Comments mode gives whitespace and '#' other meanings, canonical equivalence pairs composed with decomposed
        // characters: neither is read here, so such a pattern always runs. A literal pattern is one string.
        if ((pattern.flags() & (Pattern.COMMENTS | Pattern.CANON_EQ)) != 0) {
            return NONE;
        }
        if ((pattern.flags() & Pattern.LITERAL) != 0) {
            String folded = fold(pattern.pattern());
            return folded.isEmpty() ? NONE : new Prefilter(List.<String[]>of(new String[] {folded}));
        }
        // behind a guard, read the pattern itself: its top-level branches each require their own words
        String re = unguardedSource(pattern);
        List<Info> branches;
        try {
            // \d is the ten ASCII digits unless Unicode classes are on, for the whole pattern or inline ("(?U)")
            boolean asciiDigits = (pattern.flags() & Pattern.UNICODE_CHARACTER_CLASS) == 0
                    && !INLINE_UNICODE_CLASSES.matcher(re).find();
            Parser parser = new Parser(re, asciiDigits);
            branches = parser.branches();
            if (parser.pos != parser.re.length()) {
                return NONE;
            }
        } catch (Unsupported | RuntimeException e) {
            return NONE; // not understood: no requirement, the pattern runs
        }
        List<String[]> required = required(Info.alternation(branches));
        if (required.isEmpty()) {
            return NONE;
        }
        List<Prefilter> each = new ArrayList<>();
        for (Info branch : branches) {
            List<String[]> own = required(branch);
            if (own.isEmpty()) {
                break; // a branch that may match anywhere: only the requirement common to all says anything
            }
            each.add(new Prefilter(own));
        }
        boolean everyBranch = branches.size() > 1 && each.size() == branches.size();
        return new Prefilter(required, everyBranch ? each.toArray(Prefilter[]::new) : null);
    }

    private static List<String[]> required(Info info) {
        List<String[]> required = new ArrayList<>();
        for (Set<String> any : info.all()) {
            if (any.size() <= MAX_ANY && !any.contains("")) {
                required.add(minimal(any));
            }
        }
        // The rarest requirement first: a clause usually fails the first check.
        required.sort(Comparator.comparingInt((String[] any) -> any.length).thenComparingInt(any -> -shortest(any)));
        return List.copyOf(required);
    }

    /** False only when the pattern certainly finds no match in the text whose {@link #fold} this is. */
    boolean mayMatch(String folded) {
        return mayMatch(FoldedText.of(folded));
    }

    /** {@link #mayMatch(String)} of a text whose summary is at hand: one text is checked against many prefilters. */
    boolean mayMatch(FoldedText folded) {
        for (int i = 0; i < summaries.length; i++) {
            if (!holdsAny(folded, required.get(i), summaries[i])) {
                return false;
            }
        }
        if (branches == null) {
            return true;
        }
        for (Prefilter branch : branches) {
            if (branch.mayMatch(folded)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The strings of the first (rarest) requirement, one of which every text with a match holds, or an empty array
     * when the pattern requires nothing ({@link PrefilterIndex} files the prefilter under them).
     */
    String[] key() {
        return required.isEmpty() ? new String[0] : required.getFirst().clone();
    }

    /** Whether this pattern has any requirement at all (for tests and the bench: a rule that always runs). */
    boolean requiresSomething() {
        return !required.isEmpty();
    }

    /** Every string this requirement looks for (for tests). */
    Set<String> literals() {
        Set<String> out = new LinkedHashSet<>();
        required.forEach(any -> out.addAll(List.of(any)));
        if (branches != null) {
            for (Prefilter branch : branches) {
                out.addAll(branch.literals());
            }
        }
        return out;
    }

    /** The requirement in a readable form, e.g. {@code [contrast] [increase|raise]} (for tests and messages). */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (String[] any : required) {
            b.append(b.isEmpty() ? "" : " ").append('[').append(String.join("|", any)).append(']');
        }
        return b.toString();
    }

    private static boolean holdsAny(FoldedText folded, String[] any, long[][] summaries) {
        for (int i = 0; i < any.length; i++) {
            if (folded.holds(any[i], summaries[i])) {
                return true;
            }
        }
        return false;
    }

    /** {@link #fold} with the summary {@link #mayMatch(FoldedText)} reads. */
    static FoldedText folded(CharSequence text) {
        return FoldedText.of(fold(text));
    }

    /**
     * The form in which case-insensitive Unicode matching compares characters: {@code toLowerCase(toUpperCase(c))},
     * per code point, as {@code java.util.regex} does for a pattern compiled with {@code CASE_INSENSITIVE |
     * UNICODE_CASE}. A pattern without those flags matches fewer texts, never more, so the same form serves it.
     */
    static String fold(CharSequence text) {
        StringBuilder b = null;
        for (int i = 0; i < text.length(); ) {
            int cp = Character.codePointAt(text, i);
            int folded = fold(cp);
            int n = Character.charCount(cp);
            if (folded != cp && b == null) {
                b = new StringBuilder(text.length());
                b.append(text, 0, i);
            }
            if (b != null) {
                b.appendCodePoint(folded);
            }
            i += n;
        }
        return b == null ? text.toString() : b.toString();
    }

    static int fold(int cp) {
        if (cp < 128) {
            return cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp;
        }
        if (cp >= Quotes.FIRST && cp <= Quotes.LAST) {
            // every quoted text's mark is one character here, so a class of the marks is a requirement: the rules that
            // read a quoted title ran over every clause that said "title", a fifth of the rules' searches
            return Quotes.FIRST;
        }
        return Character.toLowerCase(Character.toUpperCase(cp));
    }

    /** {@link #minimal} as a set: "饱和度提高很多" need not be looked for beside "饱和度提高". */
    private static Set<String> reduced(Set<String> any) {
        return any.contains("") ? any : new LinkedHashSet<>(List.of(minimal(any)));
    }

    /** Drops every string that holds another of the set: finding the shorter one is implied. */
    private static String[] minimal(Set<String> any) {
        List<String> kept = new ArrayList<>();
        for (String s : any) {
            boolean implied = false;
            for (String other : any) {
                if (!other.equals(s) && s.contains(other)) {
                    implied = true;
                    break;
                }
            }
            if (!implied) {
                kept.add(s);
            }
        }
        kept.sort(Comparator.naturalOrder());
        return kept.toArray(String[]::new);
    }

    private static int shortest(String[] any) {
        int min = Integer.MAX_VALUE;
        for (String s : any) {
            min = Math.min(min, s.length());
        }
        return min;
    }

    /** A construct the deriving does not read: the whole pattern then requires nothing. */
    private static final class Unsupported extends Exception {
        Unsupported() {
            super(null, null, false, false);
        }
    }

    /**
     * What is known of the texts one part of a pattern matches.
     *
     * @param exact   every string it can match (folded), "" among them when it can match nothing; {@code null} when
     *                they are too many or unknown
     * @param clauses requirements of the part: at least one string of each occurs in every match of it
     */
    private record Info(Set<String> exact, List<Set<String>> clauses, Start start) {
        static final Info EMPTY = new Info(Set.of(""), List.of(), Start.NOTHING);
        static final Info UNKNOWN = new Info(null, List.of());

        /** A part whose first character is not known: a match of it may begin with any. */
        Info(Set<String> exact, List<Set<String>> clauses) {
            this(exact, clauses, Start.ANY);
        }

        Info startingWith(Start start) {
            return new Info(exact, clauses, start);
        }

        /** Every requirement of the part, its exact set among them when that cannot be empty. */
        List<Set<String>> all() {
            if (exact == null || exact.contains("")) {
                return clauses;
            }
            List<Set<String>> out = new ArrayList<>(clauses);
            out.add(reduced(exact));
            return out;
        }

        /** The one requirement that says most: longest shortest string, then fewest strings; null when none. */
        Set<String> best() {
            Set<String> best = null;
            for (Set<String> any : all()) {
                if (any.contains("")) {
                    continue;
                }
                if (best == null || score(any) > score(best)) {
                    best = any;
                }
            }
            return best;
        }

        private static long score(Set<String> any) {
            int shortest = Integer.MAX_VALUE;
            for (String s : any) {
                shortest = Math.min(shortest, s.length());
            }
            return (long) Math.min(shortest, 1000) * 100_000 - any.size();
        }

        static Info sequence(List<Info> items) {
            List<Set<String>> clauses = new ArrayList<>();
            Set<String> run = Set.of("");
            boolean exact = true;
            for (Info item : items) {
                clauses.addAll(item.clauses);
                if (item.exact == null) {
                    exact = false;
                    flush(run, clauses);
                    run = Set.of("");
                    continue;
                }
                Set<String> product = product(run, item.exact);
                if (product == null) {
                    exact = false;
                    flush(run, clauses);
                    run = item.exact;
                } else {
                    run = product;
                }
            }
            Start start = Start.NOTHING;
            for (Info item : items) {
                start = start.then(item.start);
            }
            if (exact) {
                return new Info(run, clauses, start);
            }
            flush(run, clauses);
            return new Info(null, clauses, start);
        }

        private static void flush(Set<String> run, List<Set<String>> clauses) {
            if (!run.contains("")) {
                clauses.add(reduced(run));
            }
        }

        private static Set<String> product(Set<String> a, Set<String> b) {
            if ((long) a.size() * b.size() > MAX_EXACT) {
                return null;
            }
            Set<String> out = new LinkedHashSet<>();
            for (String x : a) {
                for (String y : b) {
                    out.add(x + y);
                }
            }
            return out;
        }

        static Info alternation(List<Info> branches) {
            if (branches.size() == 1) {
                return branches.getFirst();
            }
            Start start = branches.getFirst().start;
            for (Info b : branches.subList(1, branches.size())) {
                start = start.or(b.start);
            }
            boolean allExact = branches.stream().allMatch(b -> b.exact != null);
            if (allExact) {
                Set<String> union = new LinkedHashSet<>();
                branches.forEach(b -> union.addAll(b.exact));
                if (union.size() <= MAX_EXACT) {
                    return new Info(union, List.of(), start);
                }
            }
            // A match is a match of one branch, so it holds the best requirement of that branch: the union of the
            // branches' best requirements holds for every match. A branch with none leaves the union with none.
            Set<String> union = new LinkedHashSet<>();
            for (Info b : branches) {
                Set<String> best = b.best();
                if (best == null) {
                    return UNKNOWN.startingWith(start);
                }
                union.addAll(best);
            }
            return new Info(null, List.of(reduced(union)), start);
        }

        /** {@code min} to {@code max} (-1: unbounded) repetitions of this part. */
        Info repeated(int min, int max) {
            if (min == 1 && max == 1) {
                return this;
            }
            if (min == 0) {
                // Absent altogether is a match: nothing is required, but "x?" is still exactly "x" or "".
                if (max == 1 && exact != null) {
                    Set<String> optional = new LinkedHashSet<>(exact);
                    optional.add("");
                    return new Info(optional, List.of(), start.optional());
                }
                return max == 0 ? EMPTY : UNKNOWN.startingWith(start.optional());
            }
            // At least once: whatever one repetition requires, all of them do; a match begins as the first does.
            return new Info(null, all(), start);
        }
    }

    /**
     * The characters a match of a part can begin with, as the body of a character class of the same pattern (a union
     * of members copied from it: "\\p{IsHan}", "[a-z]", "\\x{74}"), so the same flags give them the same meaning.
     *
     * @param any   a match may begin with any character
     * @param empty the part can match the empty string with nothing said of the character after it (a look-behind,
     *              a boundary, an optional part): what follows it can begin the match too
     */
    private record Start(Set<Integer> singles, Set<String> classes, boolean any, boolean empty) {
        static final Start ANY = new Start(Set.of(), Set.of(), true, false);
        /** Matches no characters and looks at none: a look-behind, "\\b", "^". */
        static final Start NOTHING = new Start(Set.of(), Set.of(), false, true);
        /**
         * A class checks its members one by one (all but the Latin-1 characters, which share one table): past this many
         * other characters, the Chinese ones among them become the one member "every Chinese character".
         */
        private static final int MOST_SINGLES = 8;

        /** A class, a class escape or an escaped character, as the pattern writes it. */
        static Start of(String member) {
            return new Start(Set.of(), Set.of(member), false, false);
        }

        /** One character. */
        static Start literal(int cp) {
            return new Start(Set.of(cp), Set.of(), false, false);
        }

        /** A class of the pattern, {@code source} as written; one of Chinese characters only, as those characters. */
        static Start ofClass(String source, Set<String> chars) {
            boolean han = !chars.isEmpty() && chars.stream().allMatch(c -> c.codePointCount(0, c.length()) == 1 && isHan(c.codePointAt(0)));
            if (!han) {
                return of(source);
            }
            Set<Integer> singles = new LinkedHashSet<>();
            chars.forEach(c -> singles.add(c.codePointAt(0)));
            return new Start(singles, Set.of(), false, false);
        }

        /** This part followed by {@code next}: the next part begins the match only where this one can be empty. */
        Start then(Start next) {
            if (any || !empty) {
                return this;
            }
            return next.any ? ANY : new Start(union(singles, next.singles), union(classes, next.classes), false, next.empty);
        }

        /** Either part. */
        Start or(Start other) {
            return any || other.any ? ANY
                    : new Start(union(singles, other.singles), union(classes, other.classes), false, empty || other.empty);
        }

        Start optional() {
            return any ? ANY : new Start(singles, classes, false, true);
        }

        /** Whether a guard of these members would skip positions: some are known, and none holds nearly every letter. */
        boolean narrow() {
            return !any && !empty && (!singles.isEmpty() || !classes.isEmpty()) && classes.stream().noneMatch(Prefilter::isBroad);
        }

        private static boolean isHan(int cp) {
            return Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN;
        }

        private static <T> Set<T> union(Set<T> a, Set<T> b) {
            Set<T> out = new LinkedHashSet<>(a);
            out.addAll(b);
            return out;
        }

        /** The members as one class's body: the single characters first (Latin-1 ones share one table). */
        String body() {
            boolean widen = singles.stream().filter(cp -> cp > 0xFF).count() > MOST_SINGLES;
            StringBuilder out = new StringBuilder();
            boolean han = false;
            for (int cp : singles) {
                if (widen && isHan(cp)) {
                    han = true;
                } else {
                    // spelled so that no character means anything else inside a class
                    out.append("\\x{").append(Integer.toHexString(cp)).append('}');
                }
            }
            classes.forEach(out::append);
            return han ? out.append("\\p{IsHan}").toString() : out.toString();
        }
    }

    /** Reads the subset of {@code java.util.regex} syntax whose meaning for a requirement is certain. */
    private static final class Parser {
        private static final Info DIGITS = new Info(Collections.unmodifiableSet(
                new LinkedHashSet<>(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"))), List.of());
        final String re;
        /** Whether {@code \d} is {@code [0-9]}, so that a number requires one of the ten digits. */
        final boolean asciiDigits;
        int pos;
        /** Whether the pattern turns a flag on or off inline ("(?i)", "(?U:"): a look-ahead in front would not share it. */
        boolean inlineFlags;
        /** Where each "|" between the pattern's top-level branches stands. */
        final List<Integer> bars = new ArrayList<>();
        private int depth;

        Parser(String re, boolean asciiDigits) {
            this.re = re;
            this.asciiDigits = asciiDigits;
        }

        Info alternation() throws Unsupported {
            return Info.alternation(branches());
        }

        /** The branches of an alternation, each as its own part. */
        List<Info> branches() throws Unsupported {
            List<Info> branches = new ArrayList<>();
            branches.add(sequence());
            while (pos < re.length() && re.charAt(pos) == '|') {
                if (depth == 0) {
                    bars.add(pos);
                }
                pos++;
                branches.add(sequence());
            }
            return branches;
        }

        private Info sequence() throws Unsupported {
            List<Info> items = new ArrayList<>();
            while (pos < re.length() && re.charAt(pos) != '|' && re.charAt(pos) != ')') {
                items.add(quantified(atom()));
            }
            return Info.sequence(items);
        }

        private Info quantified(Info atom) throws Unsupported {
            if (pos >= re.length()) {
                return atom;
            }
            int min;
            int max;
            char c = re.charAt(pos);
            switch (c) {
                case '?' -> {
                    min = 0;
                    max = 1;
                    pos++;
                }
                case '*' -> {
                    min = 0;
                    max = -1;
                    pos++;
                }
                case '+' -> {
                    min = 1;
                    max = -1;
                    pos++;
                }
                case '{' -> {
                    int close = re.indexOf('}', pos);
                    if (close < 0) {
                        throw new Unsupported();
                    }
                    String[] bounds = re.substring(pos + 1, close).split(",", -1);
                    try {
                        min = Integer.parseInt(bounds[0].strip());
                        max = bounds.length == 1 ? min : bounds[1].isBlank() ? -1 : Integer.parseInt(bounds[1].strip());
                    } catch (NumberFormatException e) {
                        throw new Unsupported();
                    }
                    if (bounds.length > 2) {
                        throw new Unsupported();
                    }
                    pos = close + 1;
                }
                default -> {
                    return atom;
                }
            }
            // lazy or possessive: the same texts
            if (pos < re.length() && (re.charAt(pos) == '?' || re.charAt(pos) == '+')) {
                pos++;
            }
            return atom.repeated(min, max);
        }

        private Info atom() throws Unsupported {
            int c = re.codePointAt(pos);
            switch (c) {
                case '(' -> {
                    return group();
                }
                case '[' -> {
                    return characterClass();
                }
                case '.' -> {
                    pos++;
                    return Info.UNKNOWN; // begins with any character: no start
                }
                case '^', '$' -> {
                    pos++;
                    return Info.EMPTY;
                }
                case '\\' -> {
                    int at = pos;
                    Info escaped = escape();
                    return escaped == Info.EMPTY ? escaped : escaped.startingWith(escapeStart(at));
                }
                case '*', '+', '?', '{' -> throw new Unsupported();
                default -> {
                    pos += Character.charCount(c);
                    return literal(c).startingWith(Start.literal(c));
                }
            }
        }

        private static Info literal(int cp) {
            return new Info(Set.of(new String(Character.toChars(fold(cp)))), List.of());
        }

        private Info group() throws Unsupported {
            pos++; // '('
            boolean zeroWidth = false;
            boolean lookahead = false;
            boolean positive = false;
            if (re.startsWith("?", pos)) {
                if (re.startsWith("?:", pos) || re.startsWith("?>", pos)) {
                    pos += 2;
                } else if (re.startsWith("?=", pos) || re.startsWith("?!", pos)) {
                    lookahead = re.charAt(pos + 1) == '=';
                    positive = lookahead;
                    pos += 2;
                    zeroWidth = true;
                } else if (re.startsWith("?<=", pos) || re.startsWith("?<!", pos)) {
                    positive = re.charAt(pos + 2) == '=';
                    pos += 3;
                    zeroWidth = true;
                } else if (re.startsWith("?<", pos)) {
                    int close = re.indexOf('>', pos);
                    if (close < 0) {
                        throw new Unsupported();
                    }
                    pos = close + 1;
                } else {
                    // inline flags, "(?i)" or "(?i:...)": only comments mode changes how the text reads
                    int end = pos + 1;
                    while (end < re.length() && "idmsuxU-".indexOf(re.charAt(end)) >= 0) {
                        end++;
                    }
                    String flags = re.substring(pos + 1, end);
                    inlineFlags = true;
                    int minus = flags.indexOf('-');
                    if ((minus < 0 ? flags : flags.substring(0, minus)).indexOf('x') >= 0 || end >= re.length()) {
                        throw new Unsupported();
                    }
                    if (re.charAt(end) == ')') {
                        pos = end + 1;
                        return Info.EMPTY;
                    }
                    if (re.charAt(end) != ':') {
                        throw new Unsupported();
                    }
                    pos = end + 1;
                }
            }
            depth++;
            Info inner = alternation();
            depth--;
            if (pos >= re.length() || re.charAt(pos) != ')') {
                throw new Unsupported();
            }
            pos++;
            if (!zeroWidth) {
                return inner;
            }
            // A look-around matches no characters of its own, but a look-ahead still says what the character where the
            // match begins is, when it is the first thing matched. What a positive one looks at is in the text all the
            // same (every search runs over the very text its requirement is checked in): "(?<=export\\s)at" cannot
            // match a text without "export".
            Start start = lookahead ? inner.start : Start.NOTHING;
            if (!positive) {
                return Info.EMPTY.startingWith(start);
            }
            return new Info(Set.of(""), inner.all().stream().filter(any -> !any.contains("")).toList(), start);
        }

        /**
         * The escape from {@code at} to here as a member of a class: "\\p{IsHan}", "\\s", "\\x01", "\\." stand for
         * the same characters there; a back-reference, "\\R", "\\X" or "\\Q…" do not.
         */
        private Start escapeStart(int at) {
            char c = re.charAt(at + 1);
            return "dDsSwWhHvVpPtnrfaexu".indexOf(c) >= 0 || !Character.isLetterOrDigit(c)
                    ? Start.of(re.substring(at, pos)) : Start.ANY;
        }

        /** A class of a few single characters is their set; anything else (ranges, negation, nesting, predefined classes) is unknown. */
        private Info characterClass() throws Unsupported {
            int begin = pos;
            pos++; // '['
            Set<String> chars = new LinkedHashSet<>();
            boolean known = true;
            boolean union = true; // no negation, no intersection: the class can be a member of another as written
            if (pos < re.length() && re.charAt(pos) == '^') {
                known = false;
                union = false;
                pos++;
            }
            if (pos < re.length() && re.charAt(pos) == ']') {
                throw new Unsupported(); // "[]...]": read differently by different engines, so not read here
            }
            int depth = 1;
            int previous = -1;
            while (true) {
                if (pos >= re.length()) {
                    throw new Unsupported();
                }
                int c = re.codePointAt(pos);
                if (c == ']') {
                    pos++;
                    if (--depth == 0) {
                        break;
                    }
                    continue;
                }
                if (c == '[') {
                    known = false;
                    depth++;
                    pos++;
                    union &= !re.startsWith("^", pos);
                    continue;
                }
                if (c == '&' && re.startsWith("&&", pos)) {
                    known = false;
                    union = false;
                    pos += 2;
                    continue;
                }
                if (c == '-' && previous >= 0 && pos + 1 < re.length() && re.charAt(pos + 1) != ']') {
                    pos++; // a range: unknown, but for one of the quotes' marks, which all fold to one character
                    int last;
                    if (re.charAt(pos) == '\\') {
                        last = classEscape();
                    } else {
                        last = re.codePointAt(pos);
                        pos += Character.charCount(last);
                    }
                    known &= previous >= Quotes.FIRST && last >= previous && last <= Quotes.LAST;
                    previous = last;
                    continue;
                }
                int literal;
                if (c == '\\') {
                    literal = classEscape();
                } else {
                    pos += Character.charCount(c);
                    literal = c;
                }
                if (literal < 0 || depth > 1) {
                    known = false;
                } else {
                    chars.add(new String(Character.toChars(fold(literal))));
                }
                previous = literal;
            }
            Start start = union ? Start.ofClass(re.substring(begin, pos), known ? chars : Set.of()) : Start.ANY;
            if (!known || chars.isEmpty() || chars.size() > 16) {
                return Info.UNKNOWN.startingWith(start);
            }
            return new Info(chars, List.of(), start);
        }

        /** An escape inside a class: the character it stands for, or -1 for a predefined class. */
        private int classEscape() throws Unsupported {
            int at = pos;
            Info info = escape();
            if (info.exact() != null && info.exact().size() == 1) {
                String s = info.exact().iterator().next();
                if (!s.isEmpty() && s.codePointCount(0, s.length()) == 1) {
                    // escape() folded it already; the fold of a fold is itself (PrefilterTest checks every code point)
                    return s.codePointAt(0);
                }
            }
            if (info == Info.EMPTY && re.charAt(at + 1) == 'b') {
                throw new Unsupported(); // "\b" in a class is an error in Java, not a boundary
            }
            return -1;
        }

        private Info escape() throws Unsupported {
            pos++; // '\\'
            if (pos >= re.length()) {
                throw new Unsupported();
            }
            char c = re.charAt(pos++);
            if (Character.isSurrogate(c)) {
                throw new Unsupported();
            }
            switch (c) {
                case 'd' -> {
                    return asciiDigits ? DIGITS : Info.UNKNOWN;
                }
                case 'D', 's', 'S', 'w', 'W', 'h', 'H', 'v', 'V', 'R', 'X' -> {
                    return Info.UNKNOWN;
                }
                case 'p', 'P' -> {
                    if (pos < re.length() && re.charAt(pos) == '{') {
                        int close = re.indexOf('}', pos);
                        if (close < 0) {
                            throw new Unsupported();
                        }
                        pos = close + 1;
                    } else {
                        pos++;
                    }
                    return Info.UNKNOWN;
                }
                case 'b', 'B', 'A', 'z', 'Z', 'G' -> {
                    if (pos < re.length() && re.charAt(pos) == '{') {
                        throw new Unsupported(); // \b{g}
                    }
                    return Info.EMPTY;
                }
                case 'k' -> {
                    int close = re.indexOf('>', pos);
                    if (close < 0) {
                        throw new Unsupported();
                    }
                    pos = close + 1;
                    return Info.UNKNOWN; // a back-reference: what its group matched
                }
                case 'Q' -> {
                    int end = re.indexOf("\\E", pos);
                    String quoted = end < 0 ? re.substring(pos) : re.substring(pos, end);
                    pos = end < 0 ? re.length() : end + 2;
                    return new Info(Set.of(fold(quoted)), List.of());
                }
                case 't' -> {
                    return literal('\t');
                }
                case 'n' -> {
                    return literal('\n');
                }
                case 'r' -> {
                    return literal('\r');
                }
                case 'f' -> {
                    return literal('\f');
                }
                case 'a' -> {
                    return literal('\u0007');
                }
                case 'e' -> {
                    return literal('\u001B');
                }
                case 'x' -> {
                    if (pos < re.length() && re.charAt(pos) == '{') {
                        int close = re.indexOf('}', pos);
                        if (close < 0) {
                            throw new Unsupported();
                        }
                        int cp = Integer.parseInt(re.substring(pos + 1, close), 16);
                        pos = close + 1;
                        return literal(cp);
                    }
                    int cp = Integer.parseInt(re.substring(pos, pos + 2), 16);
                    pos += 2;
                    return literal(cp);
                }
                case 'u' -> {
                    int cp = Integer.parseInt(re.substring(pos, pos + 4), 16);
                    pos += 4;
                    return literal(cp);
                }
                default -> {
                    if (c >= '1' && c <= '9') {
                        while (pos < re.length() && Character.isDigit(re.charAt(pos))) {
                            pos++;
                        }
                        return Info.UNKNOWN; // a back-reference
                    }
                    if (Character.isLetterOrDigit(c)) {
                        throw new Unsupported(); // \c, \N{…} and any escape not read here
                    }
                    return literal(c); // "\." "\(" "\\": the character itself
                }
            }
        }
    }
}
