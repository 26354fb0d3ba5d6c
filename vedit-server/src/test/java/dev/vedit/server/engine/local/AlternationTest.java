package dev.vedit.server.engine.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An {@link Alternation} matches exactly as its alternatives joined by "|" into one pattern: the first match's start,
 * a match at the start, a match of the whole text, and every replacement, for the interpreter's own alternations
 * over every prompt of both corpora (as written, normalised, split into clauses, reworded) and over texts made of
 * their own words, and for the cases where leftmost-first order decides (ties, overlaps, empty matches, look-behinds).
 */
class AlternationTest {
    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}']+");
    private static Set<String> texts;

    @BeforeAll
    static void loadTexts() throws IOException {
        texts = CorpusTexts.load();
        assertThat(texts).hasSizeGreaterThan(2000);
    }

    @Test
    void theInterpretersAlternationsMatchAsTheirJoinedPatterns() {
        List<Alternation> alternations = new ArrayList<>(Lexicon.get().alternations());
        alternations.add(PromptInterpreter.FILLER);
        alternations.add(PromptInterpreter.GENERATIVE);
        alternations.add(PromptInterpreter.SPLIT);
        // Texts of the alternations' own words, so that matches are many, adjacent and overlapping.
        List<String> words = new ArrayList<>();
        for (String text : texts) {
            Matcher m = WORD.matcher(text);
            while (m.find()) {
                words.add(m.group());
            }
        }
        Random random = new Random(23);
        List<String> all = new ArrayList<>(texts);
        for (int i = 0; i < 3000; i++) {
            StringBuilder b = new StringBuilder();
            for (int n = random.nextInt(8); n >= 0; n--) {
                b.append(words.get(random.nextInt(words.size()))).append(" ,.'-  ".charAt(random.nextInt(7)));
            }
            all.add(b.toString());
        }
        long found = 0;
        for (Alternation alternation : alternations) {
            Pattern joined = alternation.joined();
            for (String text : all) {
                found += assertSame(alternation, joined, text) ? 1 : 0;
                if (alternation == PromptInterpreter.SPLIT) {
                    assertScansSame(alternation, joined, text); // the one alternation read match by match
                }
            }
        }
        assertThat(found).as("texts in which some alternation finds a match").isGreaterThan(10_000);
    }

    @Test
    void leftmostFirstOrderDecidesAsInTheJoinedPattern() {
        List<List<String>> cases = List.of(
                List.of("ab", "abc", "b", "c"),      // a tie at one position: the first in order wins, even if shorter
                List.of("abc", "ab", "bcd"),          // an earlier start wins over a later longer match
                List.of("x*", "b"),                   // an empty match: the search steps one character on
                List.of("(?<![a-z])an(?![a-z])", "a"), // a look-behind sees the text before where the search starts
                List.of("^\\s*first\\b", "first"),    // an anchor holds only at the text's start
                List.of("(?:so|very)\\s+much", "so", "much"));
        List<String> samples = List.of("abcd", "abc abcd bcd", "xxbxb", "an ban an", "bxxb", "", "  first first",
                "FIRST first", "so much so very much", "cab c ab", "a", "b x");
        for (List<String> alternatives : cases) {
            Alternation alternation = Alternation.of(alternatives, FLAGS);
            for (String text : samples) {
                assertSame(alternation, alternation.joined(), text);
                assertScansSame(alternation, alternation.joined(), text);
            }
        }
        assertThat(Alternation.of(List.of("ab", "abc"), 0).replaceAll("abc abc", "_")).isEqualTo("_c _c");
    }

    @Test
    void refusesWhatWouldNotJoinAsWritten() {
        assertThatThrownBy(() -> Alternation.of(List.of("a(?i)b", "c"), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Alternation.of(List.of(), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Asserts each operation against the joined pattern; whether it finds a match. */
    private static boolean assertSame(Alternation alternation, Pattern joined, String text) {
        Matcher m = joined.matcher(text);
        boolean finds = m.find();
        assertThat(alternation.find(text)).as("find %s in \"%s\"", joined, text).isEqualTo(finds ? m.start() : -1);
        assertThat(alternation.lookingAt(text)).as("lookingAt %s in \"%s\"", joined, text).isEqualTo(joined.matcher(text).lookingAt());
        assertThat(alternation.matches(text)).as("matches %s \"%s\"", joined, text).isEqualTo(joined.matcher(text).matches());
        assertThat(alternation.replaceAll(text, " ")).as("replaceAll %s in \"%s\"", joined, text)
                .isEqualTo(joined.matcher(text).replaceAll(" "));
        return finds;
    }

    /** Asserts that {@link Alternation#scan} steps through the matches as the joined pattern's {@code find()} does. */
    private static void assertScansSame(Alternation alternation, Pattern joined, String text) {
        Alternation.Scan scan = alternation.scan(text);
        for (Matcher each = joined.matcher(text); each.find(); ) {
            assertThat(scan.find()).as("scan %s in \"%s\"", joined, text).isTrue();
            assertThat(scan.group()).as("scan %s in \"%s\" at %d", joined, text, each.start()).isEqualTo(each.group());
            assertThat(scan.start()).isEqualTo(each.start());
        }
        assertThat(scan.find()).as("scan %s in \"%s\" after the last match", joined, text).isFalse();
    }
}
