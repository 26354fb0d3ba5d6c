package dev.vedit.server.engine.local;

import dev.vedit.server.engine.local.operation.Operation;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * The interpreter's vocabulary as data ({@code interpreter/lexicon.tsv}): for each edit kind its words and an example,
 * the problems a description can name and the request each stands for, the words that make a clause a request or
 * context, filler, and the variants rewritten to the wording the rules read. Keeping it in one file, one line per edit
 * kind and field, is what lets a new wording be added as a word rather than as another alternation inside a pattern.
 */
final class Lexicon {
    /** Characters before a Chinese variant that mean it is already part of a longer, understood phrase (调亮一点). */
    private static final String CJK_VERB_BEFORE = "调加放变更提降减增弄稍略再很太有压";
    /** The first characters of a Chinese variant that starts a phrase of its own (a number, 放两秒半): a verb before it is not its head. */
    private static final String PHRASE_OPENERS = "把将图两二三四五六七八九十";
    /** The verbs a request opens with, for {@link #REST}. */
    private static final String REQUEST_VERBS = "make|turn|add|put|cut|chop|trim|crop|remove|delete|drop|mute|speed|slow|fade|sharpen|brighten|darken|lighten|blur"
            + "|rotate|flip|mirror|zoom|loop|reverse|boost|lower|raise|increase|decrease|reduce|stabili[sz]e|steady|denoise|clean|fix|change|convert"
            + "|compress|keep|give|apply|set|freeze|insert|overlay|write|warm|cool|saturate|desaturate|upscale|export|resize|scale|shorten|stretch";

    private static final Pattern SOUND = Pattern.compile("\\b(?:audio|sound|voice|voices|music|volume|hum|hums|humming|hiss|hisses|hissing|buzz|buzzes|buzzing|whines|whining|mumbling|applause|audible|inaudible|hear|heard|mics?|microphones?|speech|dialogue|dialog|narration|voice-?over)\\b|\\b(?:wind|background)\\s+noise\\b|声|音乐|音量|吵|嘈|刺耳|杂音|底噪|噪音|风噪|嗡嗡");
    private static final Pattern LATIN = Pattern.compile("[a-z]+");
    private static final int REMEMBERED_CORRECTIONS = 8192;
    private static final Lexicon INSTANCE = load("/interpreter/lexicon.tsv");

    /** One edit kind: the operation, an example a suggestion quotes, the words that name it. */
    record Kind(String op, String example, List<String> words) {
    }

    /** A variant and the canonical wording it is rewritten to ({n}, {m}: numbers, written back as digits). */
    record Synonym(List<Variant> variants, String canonical) {
    }

    /**
     * One wording of a synonym and what its pattern cannot match without ({@link Prefilter}: "drain all the colou?r
     * out" needs drain, all, the, out and one of color, colour; "去掉前{n}秒" needs 去掉前 and 秒). Rewriting runs every
     * variant of every synonym over the prompt, the dearest step of normalising it; a variant the prompt lacks the
     * words of cannot match, so its pattern need not run.
     */
    record Variant(Pattern pattern, Prefilter prefilter) {
        static Variant of(String phrase) {
            Pattern pattern = Prefilter.guarded(Pattern.compile(variant(phrase), Pattern.UNICODE_CASE | Pattern.CASE_INSENSITIVE));
            return new Variant(pattern, Prefilter.of(pattern));
        }
    }

    /**
     * A problem word and the request that answers it.
     *
     * @param less the problem asked to be lessened: "less blurry", "not so loud", "不那么暗"
     */
    record Problem(Alternation words, String answer, Pattern less, Prefilter lessPrefilter) {
        static Problem of(List<String> phrases, String answer) {
            String any = phrases.stream().map(Lexicon::variant).reduce((a, b) -> a + "|" + b).orElseThrow();
            Pattern less = Pattern.compile("(?:(?<![\\p{L}\\p{N}])(?:(?:make|get)\\s+(?:it|this|the\\s+\\p{L}+)\\s+)?"
                            + "(?<degree>(?:a\\s+(?:bit|little|lot|touch)|much|slightly|somewhat|way)\\s+)?(?:less|not\\s+(?:so|as|too))\\s+"
                            + "|不那么|没那么|别那么|不要那么|不要太|别太)(?:" + any + ")",
                    Pattern.UNICODE_CASE | Pattern.CASE_INSENSITIVE);
            return new Problem(phrases(phrases), answer, less, Prefilter.of(less));
        }
    }

    private final Map<String, Kind> kinds;
    private final List<Synonym> synonyms;
    /** Every synonym's variants in turn, with the canonical wording each is rewritten to at the same index. */
    private final List<Variant> variants;
    private final String[] canonicalOf;
    private final PrefilterIndex variantIndex;
    private final List<Problem> problems;
    private final List<Problem> excesses;
    private final List<Problem> audioProblems;
    private final Alternation degree;
    private final Alternation subject;
    private final Alternation fix;
    private final Alternation request;
    private final Alternation imperative;
    private final Alternation context;
    private final Alternation filler;
    private final Alternation statement;
    private final Set<String> common;
    /** What the prompt says must stay as it is, by what it keeps (the {@code kept} lines). */
    private final Map<Kept, Pattern> kept;
    /** The words each {@link #kept} pattern needs: most clauses say none of them, and {@link #onlyKeeps} asks every clause. */
    private final Map<Kept, Prefilter> keptNeeds;
    /**
     * The corrections worked out so far, "" for none: a word's correction depends on nothing else, the same unknown
     * words come back prompt after prompt, and comparing one with the vocabulary was a fifteenth of reading a prompt.
     */
    private final Map<String, String> corrections = new ConcurrentHashMap<>();
    private final Set<String> vocabulary;
    /** The vocabulary's four-letter words, the only ones a four-letter typo is compared with. */
    private final List<String> fourLetterWords;

    private Lexicon(Map<String, Kind> kinds, List<Synonym> synonyms, List<Problem> problems, List<Problem> excesses,
                    List<Problem> audioProblems, Map<String, List<String>> lists, Map<Kept, List<String>> kept) {
        this.kinds = kinds;
        this.kept = new EnumMap<>(Kept.class);
        kept.forEach((what, phrases) -> this.kept.put(what,
                Pattern.compile(String.join("|", phrases.stream().map(Lexicon::variant).toList()), Pattern.UNICODE_CASE | Pattern.CASE_INSENSITIVE)));
        this.keptNeeds = new EnumMap<>(Kept.class);
        this.kept.forEach((what, pattern) -> keptNeeds.put(what, Prefilter.of(pattern)));
        this.synonyms = synonyms;
        this.variants = synonyms.stream().flatMap(s -> s.variants().stream()).toList();
        this.canonicalOf = synonyms.stream().flatMap(s -> s.variants().stream().map(v -> s.canonical())).toArray(String[]::new);
        this.variantIndex = PrefilterIndex.of(variants.stream().map(Variant::prefilter).toList());
        this.problems = problems;
        this.excesses = excesses;
        this.audioProblems = audioProblems;
        this.degree = phrases(lists.get("degree"));
        this.subject = phrases(lists.get("subject"));
        this.fix = phrases(lists.get("fix"));
        List<String> requestWords = new ArrayList<>(lists.get("request"));
        kinds.values().forEach(k -> requestWords.addAll(k.words()));
        this.request = phrases(requestWords);
        this.imperative = phrases(lists.get("request"));
        this.context = phrases(lists.get("context"));
        this.filler = phrases(lists.get("filler"));
        this.statement = phrases(lists.get("statement"));
        this.common = Set.copyOf(lists.get("common"));
        Set<String> words = new HashSet<>(lists.get("vocabulary"));
        kinds.values().forEach(k -> k.words().forEach(w -> words.addAll(latinWords(w))));
        lists.get("request").forEach(w -> words.addAll(latinWords(w)));
        synonyms.forEach(s -> words.addAll(latinWords(s.canonical())));
        this.vocabulary = Set.copyOf(words);
        this.fourLetterWords = vocabulary.stream().filter(w -> w.length() == 4).sorted().toList();
    }

    /**
     * What a prompt may say must stay as it is. A {@code kept} line of the lexicon asks for no edit (a filler, listed
     * under the plan's {@code ignored}; or, where its words name an edit, taken out before the rules read: "don't cut
     * anything" is no cut), and its words are looked for again once the edits are known, since an edit that changes
     * what they keep contradicts them ("speed it up 2x but keep it the same length").
     */
    enum Kept {
        /** The colours ("keep the colours", 保留原色). */
        COLOUR(false),
        /** The length ("keep it the same length", 时长不变). */
        LENGTH(true),
        /** Every second ("don't cut anything", 一秒都不能剪). */
        UNCUT(true),
        /** The voices ("keep my voice", 人声要保留). */
        VOICE(false);

        private final boolean namesAnEdit;

        Kept(boolean namesAnEdit) {
            this.namesAnEdit = namesAnEdit;
        }
    }

    /** Where {@code written} says that {@code what} must stay as it is. */
    Matcher kept(Kept what, String written) {
        return kept.get(what).matcher(written);
    }

    /** Whether a clause says only what must stay as it is ("but don't touch the colours"): a remark, listed as one. */
    boolean onlyKeeps(String clause) {
        String said = KEPT_LEAD.matcher(clause.strip()).replaceFirst("");
        FoldedText folded = Prefilter.folded(said);
        for (Map.Entry<Kept, Pattern> keeps : kept.entrySet()) {
            if (keptNeeds.get(keeps.getKey()).mayMatch(folded) && keeps.getValue().matcher(said).matches()) {
                return true;
            }
        }
        return false;
    }

    private static final Pattern KEPT_LEAD = Pattern.compile("^(?:(?:but|and|so|please|pls|just|also|但是|但|而且|并且|还有|同时)[\\s,，]*)*");

    static Lexicon get() {
        return INSTANCE;
    }

    /** Every synonym variant, in the order they are rewritten. */
    List<Variant> variants() {
        return variants;
    }

    /** Every alternation the lexicon searches with (for tests: each must match as its joined pattern does). */
    List<Alternation> alternations() {
        List<Alternation> out = new ArrayList<>(List.of(degree, subject, fix, request, imperative, context, filler, statement));
        for (List<Problem> list : List.of(problems, excesses, audioProblems)) {
            list.forEach(p -> out.add(p.words()));
        }
        return out;
    }

    /** Rewrites every known variant to its canonical wording (the rules read only the canonical ones). */
    String canonical(String text) {
        String out = text;
        BitSet may = variantIndex.matching(Prefilter.folded(out));
        for (int i = may.nextSetBit(0); i >= 0; i = may.nextSetBit(i + 1)) {
            String rewritten = rewrite(out, variants.get(i).pattern(), canonicalOf[i]);
            if (rewritten != out) { // a new text only where a variant matched
                out = rewritten;
                may = variantIndex.matching(Prefilter.folded(out), i + 1); // its new words may let a later variant match
            }
        }
        return out;
    }

    private static String rewrite(String text, Pattern variant, String canonical) {
        Matcher m = variant.matcher(text);
        if (!m.find()) {
            return text; // the common case (most variants are absent from a prompt): no copy of the text
        }
        StringBuilder out = new StringBuilder();
        int last = 0;
        for (boolean found = true; found; found = m.find()) {
            String replacement = canonical;
            for (String group : List.of("n", "m")) {
                if (replacement.contains("{" + group + "}")) {
                    replacement = replacement.replace("{" + group + "}", digits(m.group(group)));
                }
            }
            if (alreadyCanonical(text, m, replacement) || alreadyCanonical(text, m, raw(canonical, m))) {
                continue;
            }
            // "…kiss, hold it for" → "…kiss freeze … for", never "kissfor"; "0:40放慢到0.5倍" → "0:40 0.5倍速"
            boolean before = m.start() > 0 && isWordChar(text.charAt(m.start() - 1)) && !replacement.isEmpty() && isWordChar(replacement.charAt(0));
            boolean after = m.end() < text.length() && isWordChar(text.charAt(m.end())) && !replacement.isEmpty()
                    && isWordChar(replacement.charAt(replacement.length() - 1));
            out.append(text, last, m.start()).append(before ? " " : "").append(replacement).append(after ? " " : "");
            last = m.end();
        }
        return out.append(text.substring(last)).toString();
    }

    private static boolean isWordChar(char c) {
        return c < 128 && Character.isLetterOrDigit(c);
    }

    /** The canonical wording with its numbers as the prompt wrote them ("只保留前三秒"). */
    private static String raw(String canonical, Matcher m) {
        String out = canonical;
        for (String group : List.of("n", "m")) {
            if (out.contains("{" + group + "}")) {
                out = out.replace("{" + group + "}", m.group(group));
            }
        }
        return out;
    }

    /**
     * "调亮一点" holds the variant "亮一点" but already is the canonical phrase: a match inside an occurrence of the
     * canonical wording, or right after a Chinese verb that makes it part of a longer understood phrase, stays.
     */
    private static boolean alreadyCanonical(String text, Matcher m, String replacement) {
        for (int from = Math.max(0, m.end() - replacement.length()); from <= m.start(); from++) {
            if (text.startsWith(replacement, from) && from + replacement.length() >= m.end()) {
                return true;
            }
        }
        if (m.group().isEmpty()) {
            return false; // a variant that only inserts (a clause break between two unpunctuated Chinese clauses)
        }
        char first = m.group().charAt(0);
        // one character (喺 for 在: 放喺下面) is a word of its own, not the tail of a verb's phrase
        // a variant that opens a phrase of its own (把声音关了, 图1的照片) follows an adverb or a verb as a new phrase: 再把声音关了, 放图1的照片
        // so does a verb's phrase after 再 ("again", "then"): 再降个噪, 再加个淡出, 再防个抖
        char before = m.start() > 0 ? text.charAt(m.start() - 1) : ' ';
        // and anything after 还有 ("and also": 还有最后那几秒不要了), whose 有 is no "a bit" of a verb
        boolean newVerbPhrase = before == '再'
                || before == '有' && m.start() > 1 && text.charAt(m.start() - 2) == '还';
        return isCjk(first) && m.group().length() > 1 && m.start() > 0 && CJK_VERB_BEFORE.indexOf(before) >= 0
                && PHRASE_OPENERS.indexOf(first) < 0 && !newVerbPhrase;
    }

    private static String digits(String number) {
        double value = Numbers.parse(number);
        String decimal = value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
        if (decimal.length() <= 6) {
            return decimal;
        }
        for (int over = 3; over <= 12; over++) { // "a third" as 1/3, which Numbers reads back, not 0.3333333333333333
            if (Math.abs(value * over - Math.rint(value * over)) < 1e-9) {
                return (long) Math.rint(value * over) + "/" + over;
            }
        }
        return String.valueOf(Math.round(value * 10_000) / 10_000.0);
    }

    /**
     * The request a description stands for ("it looks fuzzy" -> "sharpen it"), or null when it names no problem.
     *
     * @param audio   the description is about the sound
     * @param degreed a degree word makes words like "dark" or "loud" a complaint ("too dark")
     */
    String answer(String clause, boolean audio, boolean degreed) {
        if (audio) {
            String a = first(audioProblems, clause);
            if (a != null) {
                return a;
            }
        }
        String p = first(problems, clause);
        if (p != null) {
            return p;
        }
        return degreed ? first(excesses, clause) : null;
    }

    /**
     * The clause with a problem it asks to have less of written as the request that answers it ("make it a bit less
     * blurry" reads "sharpen it a bit", "not so loud" "turn the volume down"), or the clause itself when it asks for none.
     * The sound's own problems come first when the clause is about the sound, then problems as they stand, then
     * excesses ("less soft" is a sharpen, "make the sound less soft" louder).
     *
     * @param degree keep a degree said with it ("a bit"); without, for an answer that takes none ("much less grainy")
     */
    String lessened(String clause, boolean degree) {
        List<Problem> order = new ArrayList<>();
        if (isAboutSound(clause)) {
            order.addAll(audioProblems);
        }
        order.addAll(problems);
        order.addAll(excesses);
        FoldedText folded = Prefilter.folded(clause);
        for (Problem p : order) {
            if (!p.lessPrefilter().mayMatch(folded)) {
                continue; // most clauses ask for less of nothing
            }
            Matcher m = p.less().matcher(clause);
            if (m.find()) {
                String said = degree && m.group("degree") != null ? " " + m.group("degree").strip() : "";
                return clause.substring(0, m.start()) + p.answer() + said + lessened(clause.substring(m.end()), degree);
            }
        }
        return clause;
    }

    private static String first(List<Problem> list, String clause) {
        // the earliest problem in the clause wins: "noisy and dark" answers the noise first, the rest is a second clause
        int best = Integer.MAX_VALUE;
        String answer = null;
        for (Problem p : list) {
            int start = p.words().find(clause);
            if (start >= 0 && start < best) {
                best = start;
                answer = p.answer();
            }
        }
        return answer;
    }

    boolean hasDegree(String clause) {
        return degree.find(clause) >= 0;
    }

    /**
     * Whether a degree word stands just before a word like "dark" or "slow" ("too dark", "way too slow", 有点暗): "a
     * music video for a slow song so I want it to fade in" has "so" after "slow", which makes no complaint of it.
     */
    boolean hasDegreeBeforeExcess(String clause) {
        for (Problem p : excesses) {
            int start = p.words().find(clause);
            if (start >= 0 && degreeJustBefore(clause.substring(Math.max(0, start - 24), start))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the words before end in a degree word, two words at most between ("too dark", "way too damn slow", "too
     * boring and slow", 有点太暗): "so much grain from the dim classroom" complains of the grain, not of dimness.
     */
    private boolean degreeJustBefore(String before) {
        String marked = degree.replaceAll(before, "\u0001");
        int last = marked.lastIndexOf('\u0001');
        if (last < 0) {
            return false;
        }
        String gap = marked.substring(last + 1).strip();
        return gap.isEmpty() || gap.split("\\s+").length <= 2 && gap.length() <= 14;
    }

    boolean isAboutSound(String clause) {
        return SOUND.matcher(clause).find();
    }

    /** Whether a word is one of the edit words (the vocabulary typos are corrected to). */
    boolean knows(String word) {
        return vocabulary.contains(word);
    }

    boolean asksToFix(String clause) {
        return fix.find(clause) >= 0;
    }

    /** The clause without the fix words ("fix both"), which carry no edit of their own. */
    String withoutFix(String clause) {
        return fix.replaceAll(clause, " ");
    }

    /** Whether the clause asks for something: an imperative verb or the name of an edit. */
    boolean isRequest(String clause) {
        return request.find(clause) >= 0;
    }

    /** Whether the words hold an imperative verb ("make", "把", "调"): a description never does. */
    boolean isImperative(String words) {
        return imperative.find(words) >= 0;
    }

    /** Where the first reason or purpose starts ("so nobody", "for tiktok", "发朋友圈"), or -1. */
    int contextStart(String clause) {
        return context.find(clause);
    }

    /** Whether the clause starts with the user talking about themselves or the video ("I filmed it sideways"). */
    boolean isStatement(String clause) {
        return statement.lookingAt(clause.strip());
    }

    /** Whether words may stand before "is"/"'s" in a description (it, the audio, 画面): not an edit of their own. */
    boolean isSubject(String words) {
        return subject.matches(words.strip());
    }

    String withoutFiller(String clause) {
        return filler.replaceAll(clause, " ");
    }

    /**
     * {@code leftover} without filler, {@code leftover} being {@code clause} with the words the rules took blanked: filler
     * said before or after them ("想" in 想循环播放3遍, 帮忙 in 底部帮忙加字幕) is found in the clause as said.
     */
    String withoutFiller(String leftover, String clause) {
        return filler.replaceAll(filler.blankedWhere(leftover, clause), " ");
    }

    /**
     * The word an unknown one was most likely a typo of: the only vocabulary word one edit (insert, delete, replace,
     * swap two neighbours) away, two for words of 8 letters or more; null when there is none or more than one.
     * Words under 5 letters and common words are never changed: too many real words are one letter from a short one.
     */
    String correction(String word) {
        if (word.length() < 4 || vocabulary.contains(word) || common.contains(word)) {
            return null;
        }
        String known = corrections.get(word);
        if (known == null) {
            if (corrections.size() >= REMEMBERED_CORRECTIONS) {
                corrections.clear(); // bounded: a stream of made-up words cannot grow it
            }
            String found = word.length() == 4 ? shortCorrection(word) : nearest(word);
            known = found == null ? "" : found;
            corrections.put(word, known);
        }
        return known.isEmpty() ? null : known;
    }

    /** {@link #correction} of a word of five letters or more: the vocabulary compared with it one word at a time. */
    private String nearest(String word) {
        int allowed = word.length() >= 8 ? 2 : 1;
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        boolean tie = false;
        for (String v : vocabulary) {
            if (v.length() < 4 || Math.abs(v.length() - word.length()) > allowed) {
                continue;
            }
            int d = damerau(word, v, allowed);
            if (d > allowed) {
                continue;
            }
            if (isInflection(word, v)) {
                return null; // "second" is not a typo of "seconds", nor "caption" of "captions"
            }
            if (d < bestDistance) {
                best = v;
                bestDistance = d;
                tie = false;
            } else if (d == bestDistance && !v.equals(best)) {
                tie = true;
            }
        }
        return tie ? null : best;
    }

    /**
     * A four-letter typo is corrected only when two letters are swapped ("slwo", "mtue"): a missing or a different
     * letter in so short a word is as often another word ("into" is not "intro", nor "back" "black").
     */
    private String shortCorrection(String word) {
        String found = null;
        for (String v : fourLetterWords) {
            boolean swapped = IntStream.range(0, 3).anyMatch(i -> word.charAt(i) == v.charAt(i + 1)
                    && word.charAt(i + 1) == v.charAt(i) && (word.substring(0, i) + word.substring(i + 2)).equals(v.substring(0, i) + v.substring(i + 2)));
            if (swapped) {
                if (found != null && !found.equals(v)) {
                    return null; // two words it could be: neither is guessed
                }
                found = v;
            }
        }
        return found;
    }

    private static boolean isInflection(String a, String b) {
        String longer = a.length() >= b.length() ? a : b;
        String shorter = longer.equals(a) ? b : a;
        if (!longer.startsWith(shorter)) {
            return false;
        }
        String ending = longer.substring(shorter.length());
        if (ending.equals("s") && shorter.endsWith("s")) {
            return false; // "compres" is a typo of "compress", not its singular
        }
        return List.of("s", "es", "d", "ed", "r", "er", "ly", "y", "ing").contains(ending);
    }

    /**
     * The edit kind a clause that was not understood is closest to, for "did you mean", or null. Closest is the kind
     * with most of its words in the clause, typos allowed.
     */
    Kind closest(String clause) {
        List<String> tokens = latinWords(clause);
        Kind best = null;
        int bestScore = 0;
        for (Kind k : kinds.values()) {
            int score = 0;
            for (String w : k.words()) {
                if (isCjk(w.charAt(0)) ? clause.contains(w) : containsWord(tokens, w)) {
                    score += w.length() >= 3 ? 2 : 1;
                }
            }
            if (score > bestScore) {
                best = k;
                bestScore = score;
            }
        }
        return best;
    }

    private boolean containsWord(List<String> tokens, String word) {
        if (word.contains(" ")) {
            return String.join(" ", tokens).contains(word);
        }
        for (String t : tokens) {
            if (t.equals(word) || (t.length() >= 5 && damerau(t, word, 1) <= 1)) {
                return true;
            }
        }
        return false;
    }

    static boolean isCjk(char c) {
        return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
    }

    private static List<String> latinWords(String text) {
        List<String> words = new ArrayList<>();
        Matcher m = LATIN.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            words.add(m.group());
        }
        return words;
    }

    /**
     * Optimal string alignment distance, giving up (returning limit + 1) once it cannot stay within the limit. Three
     * rows of the table are all it reads; typo correction runs this against much of the vocabulary per unknown word,
     * and allocating the whole table each time was half its cost.
     */
    static int damerau(String a, String b, int limit) {
        int n = b.length();
        int[] beforePrevious = new int[n + 1];
        int[] previous = new int[n + 1];
        int[] current = new int[n + 1];
        for (int j = 0; j <= n; j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            int rowMin = Integer.MAX_VALUE;
            for (int j = 1; j <= n; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    current[j] = Math.min(current[j], beforePrevious[j - 2] + 1);
                }
                rowMin = Math.min(rowMin, current[j]);
            }
            if (rowMin > limit) {
                return limit + 1;
            }
            int[] spare = beforePrevious;
            beforePrevious = previous;
            previous = current;
            current = spare;
        }
        return previous[n];
    }

    /** One alternation of a list of phrases: English at word boundaries with any spaces, Chinese anywhere; longest first. */
    private static Alternation phrases(List<String> list) {
        List<String> sorted = new ArrayList<>(list);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        return Alternation.of(sorted.stream().map(Lexicon::variant).toList(), Pattern.UNICODE_CASE | Pattern.CASE_INSENSITIVE);
    }

    /**
     * "{rest}" in a phrase: the rest of its sentence, up to a stop or to a request joined on without one. A remark
     * dropped to its sentence's end took "so sharpen it please" with it when a voice note said
     * "we filmed at night so sharpen it please" with no stop.
     */
    private static final String REST = "(?:(?!\\s+(?:(?:so|and|then|but|also|plus)\\s+(?:(?:please|pls|just|also|then|now)\\s+)*(?:can\\s+you|could\\s+you"
            + "|(?:i|we)\\s+(?:want|need|would\\s+like|'d\\s+like)|" + REQUEST_VERBS + ")|(?:please|pls)\\s+(?:" + REQUEST_VERBS + "))\\b)[^,.;!?\\n])*";

    /** Not "half" or "quarter" after "first", "last" or "other": the part of the video they name. */
    private static final String NOT_A_PART = "(?!(?<=(?:first|last|second|other|latter|final)\\s)(?:half|quarter|third)\\b)";

    /** A phrase as a pattern: its words are regular expressions, joined by any run of spaces. */
    private static String variant(String phrase) {
        // a number starts where no digit stands before it (第40秒以后 is no "0秒以后") and ends where none follows: "for 1.5s"
        // is no "for 1" before ".5s"
        // …and a part named by its fraction is no number of seconds: "remove the last half", "cut the first quarter"
        String body = spaced(phrase.strip())
                .replace("{rest}", REST)
                .replace("{n}", NOT_A_PART + "(?<![\\d.])(?<n>" + Numbers.PATTERN + ")(?!\\.?\\d)")
                .replace("{m}", NOT_A_PART + "(?<![\\d.])(?<m>" + Numbers.PATTERN + ")(?!\\.?\\d)");
        // …and so does one behind an optional first word: "(?:an? )?old photo look" found "a old photo look" in "sepia old photo look"
        String opening = phrase.strip().startsWith("(?:") ? phrase.strip().substring(3) : phrase.strip();
        boolean latinStart = !opening.isEmpty() && !isCjk(opening.charAt(0)) && Character.isLetterOrDigit(opening.charAt(0));
        boolean latinEnd = !isCjk(phrase.strip().charAt(phrase.strip().length() - 1))
                && Character.isLetterOrDigit(phrase.strip().charAt(phrase.strip().length() - 1));
        // an English word ends at anything but a Latin letter or digit, so it is found glued to Chinese too (帮我vflip一下)
        return "(?:" + (latinStart ? "(?<![\\p{IsLatin}\\p{N}])" : "") + body + (latinEnd ? "(?![\\p{IsLatin}\\p{N}])" : "") + ")";
    }

    /**
     * The phrase's runs of spaces as any run of spaces: {@code \\s+}, but {@code \\s{1,4}} inside a lookbehind, where Java
     * misreads two unbounded quantifiers ({@code (?<!replace\\s+the\\s+)} never matched "replace the "); a space made
     * optional ({@code " ?"}) as any run or none (read as {@code \\s+?} it asked for one space at least).
     */
    private static String spaced(String phrase) {
        StringBuilder out = new StringBuilder(phrase.length() + 16);
        java.util.ArrayDeque<Boolean> groups = new java.util.ArrayDeque<>(); // per open group: is it a lookbehind
        int behind = 0;
        for (int i = 0; i < phrase.length(); i++) {
            char c = phrase.charAt(i);
            if (c == '\\' && i + 1 < phrase.length()) {
                out.append(c).append(phrase.charAt(++i));
            } else if (c == '(') {
                boolean lookbehind = phrase.startsWith("(?<=", i) || phrase.startsWith("(?<!", i);
                groups.push(lookbehind);
                behind += lookbehind ? 1 : 0;
                out.append(c);
            } else if (c == ')' && !groups.isEmpty()) {
                behind -= groups.pop() ? 1 : 0;
                out.append(c);
            } else if (Character.isWhitespace(c)) {
                while (i + 1 < phrase.length() && Character.isWhitespace(phrase.charAt(i + 1))) {
                    i++;
                }
                if (i + 1 < phrase.length() && phrase.charAt(i + 1) == '?') { // " ?": a space or none, as written
                    i++;
                    out.append(behind > 0 ? "\\s{0,4}" : "\\s*");
                } else {
                    out.append(behind > 0 ? "\\s{1,4}" : "\\s+");
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * An English edit word said inside Chinese ("帮我 rotate 180度", "saturation 调高一点", "开头 fade in"), with the spaces
     * around it: between Chinese characters, or before a number with a Chinese unit, or after Chinese at the end of
     * a clause. Beside a bare number it stays English ("调亮一点 brightness +20"), where the English rules read it.
     */
    private static String besideChinese(String english) {
        String word = "(?:" + english + ")";
        String chineseNext = "(?=\\p{IsHan}|[-+]?\\d+(?:\\.\\d+)?\\s*\\p{IsHan})";
        // The spaces around the word are eaten (开头 fade in 一下, 把 volume 调小), but not one before a word glued to the
        // Chinese after it: that space ends a clause, and the word opens the next (盖住我说话 volume调小一点).
        return "(?<=\\p{IsHan})(?:\\s{1,2}" + word + "\\s{1,2}|" + word + "\\s{0,2})" + chineseNext
                + "|(?<=\\p{IsHan}\\s{1,2})" + word + chineseNext
                + "|(?<=\\p{IsHan})\\s{0,2}" + word + "(?![a-z\\p{IsHan}])(?!\\s*[-+]?\\d)"
                + "|(?<![a-z])" + word + "\\s{0,2}" + chineseNext;
    }

    /** The values of a line: split at the | outside parentheses, so a value may hold a group like (?:a|b). */
    static List<String> alternatives(String field) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            boolean escaped = i > 0 && field.charAt(i - 1) == '\\';
            if (!escaped && c == '(') {
                depth++;
            } else if (!escaped && c == ')') {
                depth--;
            }
            if (c == '|' && depth == 0 && !escaped) {
                out.add(current.toString().strip());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        out.add(current.toString().strip());
        return out.stream().filter(v -> !v.isEmpty()).toList();
    }

    private static Lexicon load(String resource) {
        Map<String, List<String[]>> kindFields = new LinkedHashMap<>();
        List<Synonym> synonyms = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        List<Problem> excesses = new ArrayList<>();
        List<Problem> audio = new ArrayList<>();
        Map<String, List<String>> lists = new LinkedHashMap<>();
        Map<Kept, List<String>> kept = new EnumMap<>(Kept.class);
        for (String name : List.of("degree", "subject", "fix", "request", "context", "filler", "statement", "common", "vocabulary")) {
            lists.put(name, new ArrayList<>());
        }
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                Objects.requireNonNull(Lexicon.class.getResourceAsStream(resource), resource), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                if (f.length != 3 && !(f.length == 4 && f[0].equals("kind"))) {
                    throw new IllegalStateException("bad lexicon line: " + line);
                }
                List<String> values = alternatives(f[f.length - 1]);
                switch (f[0]) {
                    case "kind" -> kindFields.computeIfAbsent(f[1], k -> new ArrayList<>()).add(new String[]{f[2], f[3]});
                    case "synonym" -> {
                        for (String group : List.of("n", "m")) {
                            if (f[1].contains("{" + group + "}") && values.stream().anyMatch(v -> !v.contains("{" + group + "}") && !v.contains("(?<" + group + ">"))) {
                                // a variant without the number its canonical wording writes back failed at the first prompt it matched
                                throw new IllegalStateException("a variant without the {" + group + "} its canonical wording names: " + line);
                            }
                        }
                        synonyms.add(new Synonym(values.stream().sorted(Comparator.comparingInt(String::length).reversed())
                                .map(Variant::of).toList(), f[1]));
                    }
                    case "mixed" -> synonyms.add(new Synonym(List.of(Variant.of(besideChinese(f[2]))), f[1]));
                    case "kept" -> {
                        Kept what = Kept.valueOf(f[1].toUpperCase(Locale.ROOT));
                        kept.computeIfAbsent(what, k -> new ArrayList<>()).addAll(values);
                        if (what.namesAnEdit) {
                            synonyms.add(new Synonym(values.stream().map(Variant::of).toList(), ""));
                        } else {
                            lists.get("filler").addAll(values);
                        }
                    }
                    case "problem" -> problems.add(Problem.of(values, f[1]));
                    case "excess" -> excesses.add(Problem.of(values, f[1]));
                    case "audio" -> audio.add(Problem.of(values, f[1]));
                    default -> {
                        List<String> list = lists.get(f[0]);
                        if (list == null) {
                            throw new IllegalStateException("unknown lexicon section: " + line);
                        }
                        list.addAll(values);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Kind> kinds = new LinkedHashMap<>();
        kindFields.forEach((op, fields) -> {
            Operation.fromWire(op); // a kind names an operation the engine performs; a typo fails at start-up, not in a suggestion
            String example = fields.stream().filter(x -> x[0].equals("example")).map(x -> x[1]).findFirst()
                    .orElseThrow(() -> new IllegalStateException("lexicon kind without an example: " + op));
            List<String> words = fields.stream().filter(x -> x[0].equals("words"))
                    .flatMap(x -> Arrays.stream(x[1].split("\\|"))).map(String::strip).toList();
            kinds.put(op, new Kind(op, example, words));
        });
        for (Kept what : Kept.values()) {
            if (!kept.containsKey(what)) {
                throw new IllegalStateException("no kept line for " + what.name().toLowerCase(Locale.ROOT));
            }
        }
        return new Lexicon(kinds, synonyms, problems, excesses, audio, lists, kept);
    }
}
