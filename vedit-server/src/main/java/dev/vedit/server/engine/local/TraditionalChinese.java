package dev.vedit.server.engine.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Prompts written in Traditional characters (Taiwan, Hong Kong, Macau) read as their Simplified forms, so that one set
 * of Chinese rules serves both: 把影片變成黑白 is read as 把影片变成黑白. Character by character, which is exact in this
 * direction (each Traditional character has one Simplified form; the table, {@code interpreter/traditional-simplified.tsv},
 * comes from ICU's transliterator); words that differ between the regions (浮水印, 解析度) are the lexicon's variants.
 */
final class TraditionalChinese {
    private static final String RESOURCE = "/interpreter/traditional-simplified.tsv";
    private static final char FIRST = '\u3400';
    private static final char LAST = '\u9fff';
    /** Indexed by a character's distance from {@link #FIRST}; 0 where the character is its own Simplified form. */
    private static final char[] SIMPLIFIED = load();

    private TraditionalChinese() {}

    static String toSimplified(String s) {
        char[] out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            char simple = c >= FIRST && c <= LAST ? SIMPLIFIED[c - FIRST] : 0;
            if (simple != 0) {
                if (out == null) {
                    out = s.toCharArray();
                }
                out[i] = simple;
            }
        }
        return out == null ? s : new String(out);
    }

    private static char[] load() {
        char[] table = new char[LAST - FIRST + 1];
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                Objects.requireNonNull(TraditionalChinese.class.getResourceAsStream(RESOURCE), RESOURCE), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                if (line.length() != 3 || line.charAt(1) != '\t' || !inTable(line.charAt(0))) {
                    throw new IllegalStateException(RESOURCE + ": not a pair of characters: " + line);
                }
                table[line.charAt(0) - FIRST] = line.charAt(2);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return table;
    }

    private static boolean inTable(char c) {
        return c >= FIRST && c <= LAST;
    }
}
