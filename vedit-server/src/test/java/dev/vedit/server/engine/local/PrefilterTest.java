package dev.vedit.server.engine.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vedit.wire.VeditException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The rules' prefilter skips a rule only when its pattern provably cannot match: what it derives from a pattern, that
 * its case folding pairs every character Java's case-insensitive matching pairs, that no rule it skips over any
 * clause of either corpus (and thousands of rewordings) would have matched, nor any synonym variant, and that every
 * prompt reads the same with it and without it.
 */
class PrefilterTest {
    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    private static final Pattern CLAUSE_BREAK = Pattern.compile("[,;.!?，、；。！？]|\\band\\b|\\bthen\\b|和|然后|并");
    private static final List<Rule> RULES = PromptInterpreter.rules();
    private static List<String[]> prompts; // prompt, image count

    @BeforeAll
    static void loadPrompts() throws IOException {
        List<String[]> corpus = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String resource : List.of("/prompt-corpus.jsonl", "/prompt-corpus-outside.jsonl")) {
            try (InputStream in = Objects.requireNonNull(PrefilterTest.class.getResourceAsStream(resource), resource)) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    if (!line.isBlank()) {
                        var c = json.readTree(line);
                        corpus.add(new String[] {c.get("prompt").asText(), Integer.toString(c.path("images").asInt(0))});
                    }
                }
            }
        }
        assertThat(corpus).hasSizeGreaterThan(800);
        prompts = new ArrayList<>(corpus);
        Random random = new Random(15);
        for (String[] p : corpus) {
            for (int i = 0; i < 1; i++) {
                prompts.add(new String[] {reworded(p[0], random), p[1]});
            }
        }
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
            "(?:increase|raise)\\s+(?:the\\s+)?contrast => [contrast] [increase|raise]",
            "colou?r\\s+pop => [pop] [color|colour]",
            "(?<=\\d)\\s*x\\b(?!\\w) => [x] [0|1|2|3|4|5|6|7|8|9]",
            "(?<=(?:export|render)\\s{1,4})at(?!\\s+once)(?<!\\bno\\s{1,4}at) => [at] [export|render]",
            "black(?:\\x01and\\x01|\\s+and\\s+)white => [black] [white] [and]",
            "(?:much\\s+)?brighter => [brighter]",
            "[xX×]\\d+ => [x|×] [0|1|2|3|4|5|6|7|8|9]",
            "(?:调高|提高)亮度(?:很多|一点)? => [提高亮度|调高亮度]",
            "slow(?:er)?+\\s*mo(?:tion){1,2} => [slow] [tion] [mo]",
            "\\d+\\s*(?:%|percent) => [%|percent] [0|1|2|3|4|5|6|7|8|9]",
            "\\d+ => [0|1|2|3|4|5|6|7|8|9]",
            "(?:\\d+|one|two)\\s*x => [x] [0|1|2|3|4|5|6|7|8|9|one|two]"})
    void requiresTheWordsAPatternCannotMatchWithout(String regex, String expected) {
        assertThat(Prefilter.of(Pattern.compile(regex, FLAGS)).toString()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {"(?U)\\d+", "(?iU:\\d)", "[\\d]+", "[a-z]+\\s+\\w", "(?x) a b c", "a*b?", "(\\w+)\\s+\\1", "(?:much|\\w+)", "[^abc]"})
    void requiresNothingWhereNothingIsCertain(String regex) {
        Prefilter prefilter = Prefilter.of(Pattern.compile(regex, FLAGS));
        assertThat(prefilter.requiresSomething()).as(regex).isFalse();
        assertThat(prefilter.mayMatch("")).isTrue();
    }

    @Test
    void aDigitIsAnAsciiDigitOnlyWithoutUnicodeClasses() {
        // with Unicode classes \d also matches "٣" (Arabic-Indic three), which no ASCII digit stands for
        Prefilter unicode = Prefilter.of(Pattern.compile("\\d+", FLAGS | Pattern.UNICODE_CHARACTER_CLASS));
        assertThat(unicode.requiresSomething()).isFalse();
        assertThat(Pattern.compile("\\d+", Pattern.UNICODE_CHARACTER_CLASS).matcher("\u0663").find()).isTrue();
        Prefilter ascii = Prefilter.of(Pattern.compile("\\d+", FLAGS));
        assertThat(ascii.mayMatch(Prefilter.fold("\u0663"))).isFalse();
        assertThat(Pattern.compile("\\d+", FLAGS).matcher("\u0663").find()).isFalse();
        assertThat(ascii.mayMatch(Prefilter.fold("take 3"))).isTrue();
    }

    @Test
    void aClassOfTheQuotesMarksIsARequirement() {
        // quoted texts are masked as marks Quotes.FIRST..LAST, which fold to one: a rule that reads a quoted title
        // need not run over a clause that says "title" but quotes nothing
        Prefilter quoted = Prefilter.of(Pattern.compile("title\\s*[" + Quotes.FIRST + "-" + Quotes.LAST + "]", FLAGS));
        assertThat(quoted.mayMatch(Prefilter.fold("add a title at the top"))).isFalse();
        assertThat(quoted.mayMatch(Prefilter.fold("add a title " + (char) (Quotes.FIRST + 3)))).isTrue();
        assertThat(Prefilter.of(Pattern.compile("title\\s*[\uE000-\uE0FF]", FLAGS)).toString()).isEqualTo(quoted.toString());
        assertThat(Prefilter.of(Pattern.compile("title\\s*[a-c]", FLAGS)).toString()).isEqualTo("[title]"); // other ranges stay unknown
    }

    @Test
    void aMatchNeedsTheWordsOfOneBranchTogether() {
        // Together the branches need "volume" or "music"; each branch also needs its own verb beside it.
        Pattern pattern = Pattern.compile("(?:turn\\s+)?up\\s+(?:the\\s+)?volume|down\\s+(?:the\\s+)?music", FLAGS);
        Pattern guarded = Prefilter.guarded(pattern);
        assertThat(guarded).isNotSameAs(pattern);
        // behind its guard the pattern is one branch: its requirement is still read from the branches inside
        for (Prefilter prefilter : List.of(Prefilter.of(pattern), Prefilter.of(guarded))) {
            for (String text : List.of("down the volume", "up the music", "turn up the volume", "turn down the music")) {
                boolean may = prefilter.mayMatch(Prefilter.fold(text));
                assertThat(may).as(text).isEqualTo(pattern.matcher(text).find());
            }
            assertThat(prefilter.mayMatch(Prefilter.fold("speed up, volume"))).isTrue(); // words of one branch, not a match: still run
        }
    }

    @Test
    void everyRuleRequiresSomething() {
        // Not a safety property (a rule without a requirement runs, as before), but a rule that slipped out of the
        // deriving would quietly cost every clause a search again.
        assertThat(RULES).allSatisfy(r -> assertThat(Prefilter.of(r.pattern()).requiresSomething()).as(r.pattern().pattern()).isTrue());
    }

    @Test
    void foldPairsEveryCharacterCaseInsensitiveMatchingPairs() {
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            int folded = Prefilter.fold(cp);
            assertThat(Prefilter.fold(folded)).as("fold of U+%04X is stable", cp).isEqualTo(folded);
        }
        // Every character any rule, synonym variant or lexicon phrase looks for, against every character that has a
        // case (others match only themselves), both as a literal and inside a class, with the rules' own flags.
        List<Prefilter> used = new ArrayList<>(RULES.stream().map(r -> Prefilter.of(r.pattern())).toList());
        Lexicon.get().variants().forEach(v -> used.add(v.prefilter()));
        Lexicon.get().alternations().forEach(a -> used.addAll(a.prefilters()));
        used.addAll(PromptInterpreter.FILLER.prefilters());
        used.addAll(PromptInterpreter.GENERATIVE.prefilters());
        Set<Integer> looked = new TreeSet<>();
        used.forEach(p -> p.literals().forEach(s -> s.codePoints().forEach(looked::add)));
        List<Integer> cased = new ArrayList<>();
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            if (cp < 128 || Character.toUpperCase(cp) != cp || Character.toLowerCase(cp) != cp || Character.toTitleCase(cp) != cp) {
                cased.add(cp);
            }
        }
        assertThat(looked).contains((int) 'k', (int) 's', (int) 'i');
        for (int c : looked) {
            String hex = HexFormat.of().toHexDigits(c).replaceFirst("^0+(?=.)", "");
            Pattern single = Pattern.compile("\\x{" + hex + "}", FLAGS);
            Pattern inClass = Pattern.compile("[\\x{" + hex + "}]", FLAGS);
            for (int ch : cased) {
                String text = Character.toString(ch);
                if (single.matcher(text).matches() || inClass.matcher(text).matches()) {
                    assertThat(Prefilter.fold(ch)).as("U+%04X matches U+%04X", ch, c).isEqualTo(Prefilter.fold(c));
                }
            }
        }
        assertThat(Prefilter.fold("BLACK \u212A \u017F \u0130 \u0131")).isEqualTo(Prefilter.fold("black k s i\u0307 i").replace("i\u0307", "i"));
    }

    @Test
    void neverSkipsARuleThatWouldMatch() {
        PromptNormalizer normalizer = new PromptNormalizer(Lexicon.get());
        Set<String> texts = new LinkedHashSet<>();
        for (String[] p : prompts) {
            String masked = new Quotes(p[0]).masked();
            String canonical = normalizer.normalize(masked);
            texts.add(masked);
            texts.add(canonical);
            texts.addAll(List.of(CLAUSE_BREAK.split(canonical)));
        }
        List<Prefilter> prefilters = RULES.stream().map(r -> Prefilter.of(r.pattern())).toList();
        long skipped = 0;
        long matched = 0;
        for (String text : texts) {
            String folded = Prefilter.fold(text);
            for (int r = 0; r < RULES.size(); r++) {
                Rule rule = RULES.get(r);
                boolean may = prefilters.get(r).mayMatch(folded);
                boolean finds = rule.pattern().matcher(text).find();
                assertThat(may || !finds).as("%s skipped over \"%s\", which it matches", rule.pattern(), text).isTrue();
                skipped += may ? 0 : 1;
                matched += finds ? 1 : 0;
            }
        }
        assertThat(matched).isGreaterThan(1000);
        assertThat(skipped).as("the prefilter skips most rules over most texts").isGreaterThan(texts.size() * (long) RULES.size() / 2);
    }

    @Test
    void neverSkipsASynonymVariantThatWouldMatch() {
        // The normaliser rewrites variants over the prompt's written form, rewrite after rewrite: every text it may see.
        PromptNormalizer normalizer = new PromptNormalizer(Lexicon.get());
        Set<String> texts = new LinkedHashSet<>();
        for (String[] p : prompts) {
            String written = normalizer.written(new Quotes(p[0]).masked());
            texts.add(written);
            texts.add(normalizer.canonical(written));
        }
        long skipped = 0;
        long matched = 0;
        for (String text : texts) {
            String folded = Prefilter.fold(text);
            for (Lexicon.Variant variant : Lexicon.get().variants()) {
                boolean may = variant.prefilter().mayMatch(folded);
                boolean finds = variant.pattern().matcher(text).find();
                assertThat(may || !finds).as("%s skipped over \"%s\", which it matches", variant.pattern(), text).isTrue();
                skipped += may ? 0 : 1;
                matched += finds ? 1 : 0;
            }
        }
        assertThat(matched).isGreaterThan(150);
        assertThat(skipped).isGreaterThan(texts.size() * (long) Lexicon.get().variants().size() * 9 / 10);
    }

    @Test
    void everyPromptReadsAsWithoutThePrefilter() {
        PromptInterpreter prefiltered = new PromptInterpreter(true);
        PromptInterpreter everyRule = new PromptInterpreter(false);
        int refused = 0;
        for (String[] p : prompts) {
            int images = Integer.parseInt(p[1]);
            Object with = reading(prefiltered, p[0], images);
            assertThat(with).as(p[0]).isEqualTo(reading(everyRule, p[0], images));
            refused += with instanceof String ? 1 : 0;
        }
        assertThat(refused).isPositive().isLessThan(prompts.size() / 2);
    }

    /** A reading, or the refusal's code and message, in one comparable form. */
    private static Object reading(PromptInterpreter interpreter, String prompt, int images) {
        try {
            return interpreter.read(prompt, images);
        } catch (VeditException e) {
            return "refused " + e.code() + " " + e.getMessage();
        }
    }

    /** The prompt said differently: shouted, words swapped, a typo, chatter around it, letters that fold to i, k, s. */
    private static String reworded(String prompt, Random random) {
        String[] words = prompt.split(" ");
        return switch (random.nextInt(6)) {
            case 0 -> prompt.toUpperCase(Locale.ROOT);
            case 1 -> {
                if (words.length > 2) {
                    int i = random.nextInt(words.length - 1);
                    String w = words[i];
                    words[i] = words[i + 1];
                    words[i + 1] = w;
                }
                yield String.join(" ", words);
            }
            case 2 -> {
                int i = 1 + random.nextInt(Math.max(1, prompt.length() - 2));
                yield prompt.length() > 4 ? prompt.substring(0, i) + prompt.substring(i + 1) : prompt;
            }
            case 3 -> {
                int i = random.nextInt(prompt.length());
                yield prompt.substring(0, i + 1) + prompt.charAt(i) + prompt.substring(i + 1);
            }
            case 4 -> prompt.replace("s", "\u017F").replace("k", "\u212A").replace("I", "\u0131").replace("i", "\u0130");
            default -> "hey, " + prompt + " thanks!";
        };
    }
}
