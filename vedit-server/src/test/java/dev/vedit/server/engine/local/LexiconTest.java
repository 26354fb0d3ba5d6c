package dev.vedit.server.engine.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LexiconTest {
    @Test
    void damerauKeepsOnlyThreeRowsYetAnswersAsTheWholeTable() {
        Random random = new Random(23);
        for (int n = 0; n < 50_000; n++) {
            String a = word(random);
            String b = random.nextBoolean() ? word(random) : typo(a, random);
            for (int limit = 0; limit <= 3; limit++) {
                assertThat(Lexicon.damerau(a, b, limit)).as("%s %s within %d", a, b, limit).isEqualTo(wholeTable(a, b, limit));
            }
        }
        assertThat(Lexicon.damerau("brigthness", "brightness", 2)).isEqualTo(1);
    }

    /** The distance as computed before, over the whole table, giving up once a row exceeds the limit. */
    private static int wholeTable(String a, String b, int limit) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int rowMin = Integer.MAX_VALUE;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
                rowMin = Math.min(rowMin, d[i][j]);
            }
            if (rowMin > limit) {
                return limit + 1;
            }
        }
        return d[a.length()][b.length()];
    }

    private static String word(Random random) {
        StringBuilder b = new StringBuilder();
        for (int n = random.nextInt(10); n > 0; n--) {
            b.append("abcdeor".charAt(random.nextInt(7)));
        }
        return b.toString();
    }

    private static String typo(String word, Random random) {
        StringBuilder b = new StringBuilder(word);
        for (int n = 1 + random.nextInt(3); n > 0 && !b.isEmpty(); n--) {
            int i = random.nextInt(b.length());
            switch (random.nextInt(4)) {
                case 0 -> b.deleteCharAt(i);
                case 1 -> b.insert(i, 'x');
                case 2 -> b.setCharAt(i, 'z');
                default -> {
                    if (i + 1 < b.length()) {
                        char c = b.charAt(i);
                        b.setCharAt(i, b.charAt(i + 1));
                        b.setCharAt(i + 1, c);
                    }
                }
            }
        }
        return b.toString();
    }
}
