package dev.vedit.server.engine.local;

import dev.vedit.server.engine.local.operation.Operation;
import dev.vedit.wire.EditOperation;
import dev.vedit.wire.ErrorCode;
import dev.vedit.wire.VeditException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/**
 * One matcher of the interpreter: a pattern over a lower-cased clause and what its match means. A match
 * consumes its words, so a later (less specific) rule cannot read them again.
 *
 * @param pattern what the words look like
 * @param factory the operation they ask for, or {@code null} when the match is too vague to act on
 */
record Rule(Pattern pattern, Factory factory) {

    /** Makes the operation of one match, or {@code null} to leave its words unconsumed. */
    interface Factory {
        EditOperation create(MatchResult match, Context context);
    }

    /**
     * What a factory may need beyond its match.
     *
     * @param imageCount how many reference images came with the prompt (Figure 1 is the first)
     * @param quotes     the prompt's quoted texts, masked in the clause as {@link Quotes} characters
     * @param clause     the clause being read (normalised), where an unnumbered "the photo" may find its figure
     */
    record Context(int imageCount, Quotes quotes, String clause) {
        Context(int imageCount, Quotes quotes) {
            this(imageCount, quotes, "");
        }

        /** This context while {@code clause} is read. */
        Context in(String clause) {
            return new Context(imageCount, quotes, clause);
        }
    }

    static Rule of(String regex, Factory factory) {
        // searched over every clause whose words it may match: a guard skips the positions no match begins at
        return new Rule(Prefilter.guarded(Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)), factory);
    }

    /** One rule per pattern, all meaning the same: alternatives that reuse group names cannot share one pattern. */
    static List<Rule> each(Factory factory, String... regexes) {
        return Arrays.stream(regexes).map(regex -> of(regex, factory)).toList();
    }

    /**
     * A request refused as impossible, quoting the words that ask it: {@code english} and {@code chinese} follow the
     * quote ("\"…\" asks for …").
     */
    static Rule impossible(String regex, String english, String chinese) {
        return of(regex, (m, c) -> {
            String said = c.quotes().restore(m.group()).strip(); // the words as written, quotes and all
            throw Refusal.impossible("\"" + said + "\"" + english, "“" + said + "”" + chinese);
        });
    }

    static Rule fixed(String regex, Operation op) {
        return of(regex, (m, images) -> op(op, Map.of()));
    }

    static EditOperation op(Operation op, Map<String, Object> params) {
        return op.with(params, null);
    }

    /** A named group for a number in any form {@link Numbers} reads. */
    static String number(String group) {
        return "(?<" + group + ">" + Numbers.PATTERN + ")";
    }

    /**
     * A clock time: {@code 1:05}, {@code 1:05.5}, {@code 00:01:05} (hours, minutes, seconds) or a timecode with its
     * frames, {@code 00:00:04:00}.
     */
    static final String CLOCK = "\\d{1,2}:\\d{2}(?::\\d{2})?(?:\\.\\d+|:\\d{2})?";

    /** A named group for a point in time: a {@link #CLOCK} time, {@code 2.5}, {@code two}, {@code 三}. */
    static String time(String group) {
        return "(?<" + group + ">" + CLOCK + "|" + Numbers.PATTERN + ")";
    }

    /** How much, when it is a little: "a bit", "a little bit", "a touch", "slightly" (after or before the change). */
    static final String SLIGHTLY = "(?:a\\s+(?:tiny\\s+|little\\s+)?bit|a\\s+little(?:\\s+bit)?|a\\s+touch|a\\s+tad|slightly|somewhat)";

    /** English or Chinese seconds after a number (optional). */
    static final String SECONDS = "(?:\\s*(?:seconds?|secs?|s\\b|秒钟?))";

    /** The seconds of a {@link #time}. */
    static double seconds(String time) {
        if (!time.contains(":")) {
            return Numbers.parse(time);
        }
        String[] parts = time.split(":");
        if (parts.length == 4 && Integer.parseInt(parts[3]) != 0) {
            // a timecode's frames are a share of a second only at a frame rate the prompt does not give
            throw invalid("the timecode " + time + " counts frames (:" + parts[3] + "), whose length depends on the frame rate: "
                            + "give the time in seconds, e.g. " + parts[0] + ":" + parts[1] + ":" + parts[2] + ".5",
                    "时间码 " + time + " 含帧数（:" + parts[3] + "），其时长取决于帧率：请以秒表示，如 " + parts[0] + ":" + parts[1] + ":" + parts[2] + ".5");
        }
        double seconds = 0;
        for (int i = 0; i < Math.min(parts.length, 3); i++) {
            seconds = seconds * 60 + Double.parseDouble(parts[i]);
        }
        return seconds;
    }

    /** The largest bare number "by N" takes as a multiple ("slow down by 2" is half speed; "by 10" is not a tenth). */
    static final double MAX_BARE_MULTIPLE = 4;

    /**
     * The factor of a change "by N" in a direction (+1 up, -1 down). A percentage or a fraction ("by half") adds or
     * takes away that share and a multiple ("by 2x", "by 3") multiplies or divides, so "lower by half" is 0.5,
     * "raise by half" is 1.5, "reduce by 30%" is 0.7 and "slow down by 2x" is 0.5: never the opposite direction. A bare
     * number above {@link #MAX_BARE_MULTIPLE} is refused as ambiguous (a percentage? decibels?), never read as a multiple.
     */
    static double changeBy(int direction, double n, String unit) {
        if (unit != null && unit.strip().matches("%|percent|per\\s*cent")) {
            return 1 + direction * n / 100;
        }
        boolean multiple = unit != null && unit.strip().matches("x|×|times|倍");
        if (!multiple && n > MAX_BARE_MULTIPLE) {
            // "lower the volume by 10", "speed it up by 20": no multiple that large is meant, a share or a level may be
            String amount = written(n);
            throw invalid("\"by " + amount + "\" is ambiguous: say \"by " + amount + "%\" or \"" + amount + "x\"",
                    "“" + amount + "”含义不明确：请写明 " + amount + "% 还是 " + amount + " 倍");
        }
        if (multiple || n >= 1) {
            return direction > 0 ? n : 1 / n;
        }
        return 1 + direction * n;
    }

    /** A number as a user would write it: "10", not "10.0". */
    static String written(double n) {
        return n == Math.rint(n) ? String.valueOf((long) n) : String.valueOf(n);
    }

    /** The first of the named groups that matched (a rule's alternatives name their numbers apart). */
    static String first(MatchResult m, String... groups) {
        for (String group : groups) {
            if (m.group(group) != null) {
                return m.group(group);
            }
        }
        return null;
    }

    static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    static VeditException invalid(String english, String chinese) {
        return VeditException.of(ErrorCode.INVALID_PARAMETERS, english, chinese);
    }
}
