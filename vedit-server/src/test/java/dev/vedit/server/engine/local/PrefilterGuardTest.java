package dev.vedit.server.engine.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link Prefilter#guarded}: the look-ahead it puts in front of a pattern names the characters a match can begin at,
 * and the guarded pattern finds exactly the matches of the pattern as written — every match and every group's span —
 * for every rule, synonym variant and alternative the interpreter searches with and every pattern it keeps, over
 * every prompt of both corpora as written, shouted, with letters that fold to k, s and i, normalised and split into
 * clauses; and for hand-made patterns over random texts of the characters where case folding and look-arounds differ.
 */
class PrefilterGuardTest {
    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    private static Set<String> texts;

    @BeforeAll
    static void loadTexts() throws IOException {
        texts = CorpusTexts.load();
        assertThat(texts).hasSizeGreaterThan(10_000);
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
            "(?<![a-z])(?:turn|crank)\\s+up => (?=[\\x{74}\\x{63}])",
            "a?b => (?=[\\x{61}\\x{62}])",
            "\\bthen\\b|: => (?=[\\x{74}\\x{3a}])",
            "(?=\\s)(?<=x)\\s+y => (?=[\\s])",
            "(?<=了)(?=帮我|帮忙) => (?=[\\x{5e2e}])",
            "x|\\p{IsHan}+ => (?=[\\x{78}\\p{IsHan}])",
            "[,，]|\\s*and => (?=[\\x{61}[,，]\\s])",
            "(?:剪|删|去|切|裁|砍|跳|除|移|擦)掉|x => (?=[\\x{78}\\p{IsHan}])",
            "(\\d+)\\s*(?:s|秒) => (?=[\\d])",
    })
    void namesTheCharactersAMatchCanBeginAt(String regex, String guard) {
        Pattern guarded = Prefilter.guarded(Pattern.compile(regex));
        assertThat(guarded.pattern()).isEqualTo(guard + "(?:" + regex + ")");
        assertThat(Prefilter.unguarded(guarded).pattern()).isEqualTo(regex);
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
            "slow(?:er)?\\s+down => a literal first: find() checks it as cheaply",
            "背景(?:用|换成) => a literal first",
            ".x => any character",
            "[^a]b => a negated class",
            "\\s*,? => can match the empty string",
            "(?<=a) => can match the empty string",
            "(?i)ab|c => an inline flag the look-ahead would not share",
            "(?:a|(?i:b)) => an inline flag",
            "\\1?x(a) => a back-reference first",
            "[a&&[b]]c|d => an intersection",
    })
    void leavesAPatternAsItIsWhenNoSetIsCertain(String regex, String why) {
        Pattern pattern = Pattern.compile(regex);
        assertThat(Prefilter.guarded(pattern)).as(why).isSameAs(pattern);
    }

    @Test
    void theInterpretersPatternsFindWhatTheyFindUnguarded() throws ReflectiveOperationException {
        List<Pattern> patterns = new ArrayList<>();
        PromptInterpreter.rules().forEach(r -> patterns.add(r.pattern()));
        Lexicon.get().variants().forEach(v -> patterns.add(v.pattern()));
        Lexicon.get().alternations().forEach(a -> patterns.addAll(a.patterns()));
        // the splitter and the other patterns the reading searches whole prompts with
        for (Class<?> owner : List.of(PromptInterpreter.class, PromptNormalizer.class, PartWording.class, Quotes.class,
                Lexicon.class, TimeRules.class, OverlayRules.class, SoundRules.class, ColourRules.class, FrameRules.class)) {
            for (Field field : owner.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) && field.getType() == Pattern.class) {
                    field.setAccessible(true);
                    patterns.add((Pattern) field.get(null));
                }
            }
        }
        long guarded = patterns.stream().filter(p -> Prefilter.unguarded(p) != p).count();
        assertThat(guarded).as("most are guarded").isGreaterThan(patterns.size() / 2);
        long compared = 0;
        for (Pattern pattern : patterns) {
            Pattern unguarded = Prefilter.unguarded(pattern);
            if (unguarded == pattern) {
                continue;
            }
            // where the pattern's words are missing neither finds anything (PrefilterTest): compare where they may be
            Prefilter prefilter = Prefilter.of(unguarded);
            for (String text : texts) {
                if (prefilter.mayMatch(Prefilter.fold(text))) {
                    assertSameMatches(pattern, unguarded, text);
                    compared++;
                }
            }
        }
        assertThat(compared).isGreaterThan(100_000);
    }

    @Test
    void aRulesOneBranchFindsWhatTheWholeRuleFindsWhereOnlyItsWordsAre() {
        long compared = 0;
        int split = 0;
        for (Rule rule : PromptInterpreter.rules()) {
            List<Pattern> branches = Prefilter.branchPatterns(rule.pattern());
            if (branches.isEmpty()) {
                continue;
            }
            split++;
            Prefilter prefilter = Prefilter.of(rule.pattern());
            for (String text : texts) {
                int only = prefilter.onlyBranch(Prefilter.folded(text));
                if (only >= 0) {
                    assertSameMatches(branches.get(only), rule.pattern(), text);
                    compared++;
                }
            }
        }
        assertThat(split).as("rules of several branches, each with words of its own").isGreaterThan(20);
        assertThat(compared).isGreaterThan(10_000);
    }

    @Test
    void findsWhatThePatternFindsOverRandomTexts() {
        List<String> regexes = List.of("(?<![a-z])(?:turn|crank)\\s+up", "a?b", "\\bthen\\b|:", "(?=\\s)(?<=x)\\s+y",
                "(?<=了)(?=帮我|帮忙)", "x|\\p{IsHan}+", "[,，]|\\s*and", "(?:剪|删|去|切|裁|砍|跳|除|移|擦)掉|k", "(\\d+)\\s*(?:s|秒)",
                "(?:(?<a>k)|(?<b>s))+\\s*(?:i|ı)", "(?=[kK])(?:kelvin|ks)", "\\s*(?:[,;]|(?<!\\d):|\\bk\\b)\\s*",
                "(?<=\\p{IsHan})\\s+(?=\\p{IsHan})|(?=\\s)(?<=[a-z])\\s+(?=k)", "(?:İ|i̇)s|[Ss]k", "(?:\\u212A|x)+|ſ");
        String alphabet = "kKKsSſiIıİ̇x ,;:12了帮我忙剪掉秒aendthuprcl\n";
        Random random = new Random(42);
        for (String regex : regexes) {
            for (int flags : new int[] {0, Pattern.CASE_INSENSITIVE, FLAGS}) {
                Pattern plain = Pattern.compile(regex, flags);
                Pattern guarded = Prefilter.guarded(plain);
                assertThat(guarded).as(regex).isNotSameAs(plain);
                for (int i = 0; i < 3000; i++) {
                    StringBuilder text = new StringBuilder();
                    for (int n = random.nextInt(12); n > 0; n--) {
                        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
                    }
                    assertSameMatches(guarded, plain, text.toString());
                }
            }
        }
    }

    private static void assertSameMatches(Pattern guarded, Pattern plain, String text) {
        Matcher g = guarded.matcher(text);
        Matcher p = plain.matcher(text);
        assertThat(g.groupCount()).isEqualTo(p.groupCount());
        while (true) {
            boolean found = p.find();
            assertThat(g.find()).as("%s over \"%s\"", plain, text).isEqualTo(found);
            if (!found) {
                return;
            }
            for (int group = 0; group <= p.groupCount(); group++) {
                assertThat(new int[] {g.start(group), g.end(group)}).as("%s over \"%s\", group %d", plain, text, group)
                        .containsExactly(p.start(group), p.end(group));
            }
        }
    }
}
