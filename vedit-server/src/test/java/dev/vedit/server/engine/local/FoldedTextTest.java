package dev.vedit.server.engine.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The summary only saves searches: {@link FoldedText#holds} answers exactly as {@code String.contains}. */
class FoldedTextTest {
    private static final String ALPHABET = "abcdeilnorstuxyz 0123:%'-亮度饱和音量调高一点\uD83D\uDE00\u0001";

    @Test
    void holdsExactlyWhatTheTextContains() {
        Random random = new Random(23);
        long held = 0;
        for (int i = 0; i < 20_000; i++) {
            String text = random(random, random.nextInt(60));
            FoldedText folded = FoldedText.of(text);
            List<String> literals = new ArrayList<>();
            for (int k = 0; k < 10; k++) {
                literals.add(random(random, 1 + random.nextInt(4)));
            }
            if (!text.isEmpty()) { // pieces of the text itself, so many literals are held
                int start = random.nextInt(text.length());
                literals.add(text.substring(start, Math.min(text.length(), start + 1 + random.nextInt(8))));
            }
            for (String literal : literals) {
                boolean holds = folded.holds(literal, FoldedText.summary(literal));
                assertThat(holds).as("\"%s\" in \"%s\"", literal, text).isEqualTo(text.contains(literal));
                held += holds ? 1 : 0;
            }
        }
        assertThat(held).isGreaterThan(20_000);
    }

    @Test
    void aClauseSummaryRulesOutWordsItLacks() {
        FoldedText clause = FoldedText.of("increase the contrast a little");
        assertThat(clause.holds("contrast", FoldedText.summary("contrast"))).isTrue();
        assertThat(clause.holds("volume", FoldedText.summary("volume"))).isFalse();
        assertThat(clause.holds("音量", FoldedText.summary("音量"))).isFalse();
    }

    private static String random(Random random, int length) {
        return random(random, length, ALPHABET);
    }

    /** A random text of about {@code length} characters drawn from {@code alphabet}, never half a surrogate pair. */
    static String random(Random random, int length, String alphabet) {
        StringBuilder b = new StringBuilder();
        while (b.length() < length) {
            int i = random.nextInt(alphabet.length());
            char c = alphabet.charAt(i);
            if (Character.isHighSurrogate(c)) {
                b.append(c).append(alphabet.charAt(i + 1));
            } else if (!Character.isLowSurrogate(c)) {
                b.append(c);
            }
        }
        return b.toString();
    }
}
