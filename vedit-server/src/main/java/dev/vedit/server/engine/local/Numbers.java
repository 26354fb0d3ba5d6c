package dev.vedit.server.engine.local;

import java.util.Locale;
import java.util.Map;

/** Reads the numbers a prompt may hold: digits, English words and Chinese numerals. */
final class Numbers {
    /**
     * A regular expression matching any number {@link #parse} reads. The English words are grouped by their first
     * letters, in their order within each group, so a search tries a few letters at each position instead of some forty
     * words (the same matches: words of different first letters never match at one position, and a word that a longer
     * one begins, "four" in "fourteen", can only match where the longer cannot, before the boundary at the end). Each
     * group is a set of whole words, so a prefilter still requires "two" or "ten", never "wo" or "en"; "twenty-one"
     * stays a branch of its own for that, before the groups, as it stood before "twenty".
     */
    static final String PATTERN = "(?:\\d+/\\d+|[一二两三四五六七八九十]+分之[一二三四五六七八九十]+|\\d+(?:\\.\\d+)?|[零〇一二两三四五六七八九十百]+(?:点[零〇一二三四五六七八九]+)?"
            + "|(?:(?:twenty|thirty|forty|fifty)[\\s-](?:one|two|three|four|five|six|seven|eight|nine)|a (?:hundred (?:and )?eighty|half|quarter|third)|one(?: hundred (?:and )?eighty| and a half| quarter| third)?"
            + "|t(?:wo(?: hundred (?:and )?seventy| and a half| thirds)?|hree(?: and a half| quarters)?|wenty|hirty|en|welve|hirteen)"
            + "|f(?:our(?: and a half|teen)?|ive(?: and a half)?|orty|ifty|ifteen)"
            + "|half|quarter|s(?:ix(?:teen|ty)?|even(?:teen)?)|e(?:ight(?:een)?|leven)|nin(?:e(?:teen)?|ety))\\b)";

    private static final Map<String, Double> WORDS = Map.ofEntries(
            Map.entry("one and a half", 1.5), Map.entry("two and a half", 2.5), Map.entry("three and a half", 3.5),
            Map.entry("four and a half", 4.5), Map.entry("five and a half", 5.5), Map.entry("a third", 1.0 / 3),
            Map.entry("one third", 1.0 / 3), Map.entry("two thirds", 2.0 / 3), Map.entry("one quarter", 0.25), Map.entry("three quarters", 0.75),
            Map.entry("a half", 0.5), Map.entry("half", 0.5),
            Map.entry("a quarter", 0.25), Map.entry("quarter", 0.25),
            Map.entry("one", 1.0), Map.entry("two", 2.0), Map.entry("three", 3.0), Map.entry("four", 4.0),
            Map.entry("five", 5.0), Map.entry("six", 6.0), Map.entry("seven", 7.0), Map.entry("eight", 8.0),
            Map.entry("nine", 9.0), Map.entry("ten", 10.0), Map.entry("eleven", 11.0), Map.entry("twelve", 12.0),
            Map.entry("thirteen", 13.0), Map.entry("fourteen", 14.0), Map.entry("fifteen", 15.0),
            Map.entry("sixteen", 16.0), Map.entry("seventeen", 17.0), Map.entry("eighteen", 18.0),
            Map.entry("nineteen", 19.0), Map.entry("twenty", 20.0), Map.entry("thirty", 30.0),
            Map.entry("forty", 40.0), Map.entry("fifty", 50.0), Map.entry("sixty", 60.0), Map.entry("ninety", 90.0),
            Map.entry("one hundred eighty", 180.0), Map.entry("one hundred and eighty", 180.0),
            Map.entry("a hundred eighty", 180.0), Map.entry("a hundred and eighty", 180.0),
            Map.entry("two hundred seventy", 270.0), Map.entry("two hundred and seventy", 270.0));
    private static final String CHINESE_DIGITS = "零一二三四五六七八九";

    private Numbers() {
    }

    static double parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.matches("\\d+/\\d+")) { // "1/2 speed"
            String[] parts = t.split("/");
            double denominator = Double.parseDouble(parts[1]);
            if (denominator == 0) {
                throw new NumberFormatException("a fraction over zero: " + t);
            }
            return Double.parseDouble(parts[0]) / denominator;
        }
        if (t.matches("\\d+(?:\\.\\d+)?")) {
            return Double.parseDouble(t);
        }
        int over = t.indexOf("分之"); // "四分之一" is one over four
        if (over > 0) {
            double denominator = chinese(t.substring(0, over));
            if (denominator == 0) {
                throw new NumberFormatException("a fraction over zero: " + t);
            }
            return chinese(t.substring(over + 2)) / denominator;
        }
        int tens = t.indexOf('-') > 0 ? t.indexOf('-') : t.indexOf(' ');
        if (tens > 0 && WORDS.containsKey(t.substring(0, tens)) && WORDS.containsKey(t.substring(tens + 1))) { // "twenty five"
            return WORDS.get(t.substring(0, tens)) + WORDS.get(t.substring(tens + 1));
        }
        Double word = WORDS.get(t);
        if (word != null) {
            return word;
        }
        return chinese(t);
    }

    private static double chinese(String text) {
        String t = text.replace('〇', '零').replace('两', '二');
        int point = t.indexOf('点');
        double whole = chineseInteger(point < 0 ? t : t.substring(0, point));
        if (point < 0) {
            return whole;
        }
        StringBuilder decimals = new StringBuilder("0.");
        for (char c : t.substring(point + 1).toCharArray()) {
            decimals.append(digit(c));
        }
        return whole + Double.parseDouble(decimals.toString());
    }

    private static long chineseInteger(String t) {
        long total = 0;
        long current = 0;
        for (char c : t.toCharArray()) {
            if (c == '十') {
                total += (current == 0 ? 1 : current) * 10;
                current = 0;
            } else if (c == '百') {
                total += (current == 0 ? 1 : current) * 100;
                current = 0;
            } else {
                current = current * 10 + digit(c);
            }
        }
        return total + current;
    }

    private static int digit(char c) {
        int d = CHINESE_DIGITS.indexOf(c);
        if (d < 0) {
            throw new NumberFormatException("not a Chinese digit: " + c);
        }
        return d;
    }
}
