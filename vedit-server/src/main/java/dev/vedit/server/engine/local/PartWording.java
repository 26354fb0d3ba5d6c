package dev.vedit.server.engine.local;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Parts and moments of the video said in words the rules do not read, rewritten in words they do: a part by its start
 * and length, all but a range, a part left as it is, one freeze at several moments, a part up to the end. Part of
 * {@link PromptNormalizer}'s written form: the rules then read the parts as they read any other.
 */
final class PartWording {
    private PartWording() {
    }

    /** Parts said by their end, all but a range, parts left as they are and freezes at several moments, rewritten. */
    static String rewritten(String s) {
        return toTheEnd(keptAsIs(exceptRange(freezes(s))));
    }

    /** A time of the clock or in seconds: "0:40", "1:02:03", "12", "12.5". */
    private static final String CLOCK = "\\d{1,2}(?::\\d{2}){1,2}(?:\\.\\d+)?|\\d+(?:\\.\\d+)?";
    /**
     * A part said as how long it lasts and where it starts: "for 3 seconds starting at 0:40", 从第40秒开始的3秒 ("starting at
     * 0:45 for 3 seconds" the rules read as said; a freeze's "at 0:11 for 1s" is a moment and its hold, never a part).
     */
    private static final Pattern START_AND_LENGTH = Pattern.compile(
            "\\b(?:for\\s+(?:the\\s+)?)?(?<n>\\d+(?:\\.\\d+)?)\\s*(?:s|secs?|seconds?)\\s+(?:starting|beginning)\\s+(?:at|from)\\s+(?<t>" + CLOCK + ")(?:\\s*(?:s|secs?|seconds?)\\b)?"
                    // "from 0:08 for 6 seconds" (a freeze's "at 0:11 for 1s" is a moment and its hold)
                    + "|\\bfrom\\s+(?<t2>" + CLOCK + ")(?:\\s*(?:s|secs?|seconds?)\\b)?\\s+for\\s+(?:the\\s+next\\s+)?(?<n2>\\d+(?:\\.\\d+)?)\\s*(?:s|secs?|seconds?)\\b"
                    + "|从第?\\s*(?<t3>" + CLOCK + ")\\s*秒?\\s*(?:开始|起)(?:的|往后的?|之后的?)?\\s*(?<n3>\\d+(?:\\.\\d+)?)\\s*秒(?:钟)?"
                    // 从40秒开始慢放3秒: the edit between where it starts and how long it lasts
                    + "|从第?\\s*(?<t4>" + CLOCK + ")\\s*秒?\\s*(?:开始|起)(?<verb>(?!到|至|一直)[\\p{IsHan}]{1,3}?)\\s*(?<n4>\\d+(?:\\.\\d+)?)\\s*秒(?:钟)?(?![\\d到至])"
                    // 第45秒放大2倍，持续3秒, 45秒的时候画面中间出现“第三章”，持续4秒: the edit at a moment, then how long it lasts (a freeze's
                    // hold is its own; 1分05秒 is read once its minutes are seconds)
                    + "|(?<![\\d.:分])第?\\s*(?<t5>" + CLOCK + ")\\s*秒?\\s*(?:那里|那儿|的地方|处|的时候|开始|起)?"
                    + "(?<edit>(?![^，,。；;]{0,10}?(?:定格|暂停|停住|停留|冻结|静止))(?!秒?(?:钟)?\\s*(?:那里|那儿|的地方|处|的时候|开始|起)?\\s*[，,；;])[^，,。；;\\d]{1,9}?(?:\\d+(?:\\.\\d+)?\\s*倍)?)"
                    + "\\s*[，,]?\\s*(?:持续|维持)\\s*(?<n5>\\d+(?:\\.\\d+)?)\\s*秒(?:钟)?(?![\\d到至])");

    private static final Pattern SHOWN = Pattern.compile("显示|出现|停留|持续|保持|展示");

    /** A number of seconds in Chinese numerals, one to ninety-nine (never two run together: 两三秒 is a guess, not 23). */
    private static final Pattern ZH_SECONDS = Pattern.compile("(?<![零〇一二两三四五六七八九十百几])(?:[一二两三四五六七八九]?十[一二三四五六七八九]?|[一二两三四五六七八九])(?=\\s*秒)");

    private static final Pattern LASTING = Pattern.compile("(?:持续|维持)\\s*\\d");

    static String startAndLength(String said) {
        // 从第五秒开始显示，持续三秒: read as its digits, where the words hold a start and a length
        String digits = said.indexOf('秒') >= 0 ? ZH_SECONDS.matcher(said).replaceAll(m -> Rule.written(Numbers.parse(m.group()))) : said;
        String s = !digits.equals(said) && (START_AND_LENGTH.matcher(digits).find() || LASTING.matcher(digits).find()) ? digits : said;
        return START_AND_LENGTH.matcher(s).replaceAll(m -> {
            double start = Rule.seconds(Rule.first(m, "t", "t2", "t3", "t4", "t5"));
            double end = start + Double.parseDouble(Rule.first(m, "n", "n2", "n3", "n4", "n5"));
            String zh = "第" + Rule.written(start) + "秒到第" + Rule.written(end) + "秒";
            // (从第5秒开始显示4秒 after a caption: when it shows, no verb of its own)
            return m.group("t3") != null ? zh : m.group("t4") != null ? (SHOWN.matcher(m.group("verb")).matches() ? zh : m.group("verb") + zh)
                    : m.group("t5") != null ? zh + Matcher.quoteReplacement(m.group("edit"))
                    : "from " + Rule.written(start) + " seconds to " + Rule.written(end) + " seconds";
        });
    }

    /** A time to the end said bare: "0:12 till the end" (with "from", the rules read it). */
    private static final Pattern TO_THE_END = Pattern.compile("(?<![\\d:.])(?<!from\\s)(?<t>" + CLOCK + ")(?:\\s*(?:s|secs?|seconds?)\\b)?\\s*(?:to|till|until|through|thru|-)\\s+the\\s+(?:very\\s+)?end\\b"
            + "(?:\\s+of\\s+(?:it|the\\s+(?:video|clip)))?");
    /** The same in Chinese, and a clock time onwards: 10秒到结尾, 1:05之后 (seconds onwards the lexicon reads). */
    private static final Pattern TO_THE_END_ZH = Pattern.compile("(?:从\\s*)?(?<![\\d:.第])(?<t>\\d{1,2}:\\d{2}|\\d+(?:\\.\\d+)?)\\s*秒?\\s*(?:到|至|一直到)\\s*(?:视频的?)?(?:结尾|最后|结束|末尾)"
            // (从0:08到结尾 once read 从从第8秒开始) and a clock time onwards: 1:05之后, 从1:05开始
            + "|(?<![\\d:.])(?<clock>\\d{1,2}:\\d{2})\\s*(?=以后|之后|往后|开始|起(?!来))");
    /** An edit from a time, then where it ends: 画面从第12秒开始放大2倍，到第15秒结束, 第10秒开始慢放 一直到第16秒. */
    private static final Pattern UNTIL_ZH = Pattern.compile("(?:从第?|(?<![\\d:.])第)\\s*(?<t>" + CLOCK + ")\\s*秒?\\s*(?:开始|起)(?<edit>[^，,。；;]{1,12}?)[，,]?\\s*(?:一直)?(?:到|至)第?\\s*(?<e>" + CLOCK + ")\\s*秒?\\s*"
            + "(?:就)?(?:结束|为止|停止?|恢复(?:正常)?|(?=\\s*(?:[，,。；;！!]|$)))");

    /** Parts said by where they end: to the end of the video, or up to a time said after the edit. */
    private static String toTheEnd(String s) {
        String out = s.contains("end") ? TO_THE_END.matcher(s).replaceAll("from ${t} on") : s;
        out = (out.indexOf('从') >= 0 || out.indexOf('第') >= 0) && (out.contains("结束") || out.contains("为止") || out.contains("停") || out.contains("到") || out.contains("至")) ? UNTIL_ZH.matcher(out).replaceAll(m ->
                "第" + Rule.written(Rule.seconds(m.group("t"))) + "秒到第" + Rule.written(Rule.seconds(m.group("e"))) + "秒" + Matcher.quoteReplacement(m.group("edit"))) : out;
        return out.contains("到") || out.contains("至") || out.contains("后") || out.contains("开始") || out.contains("起") ? TO_THE_END_ZH.matcher(out).replaceAll(m -> m.group("clock") != null
                ? "第" + Rule.written(Rule.seconds(m.group("clock"))) + "秒" : "从第" + Rule.written(Rule.seconds(m.group("t"))) + "秒开始") : out;
    }

    /** A unit of seconds after a time. */
    private static final String SECONDS = "(?:s|secs?|seconds?)\\b";
    /** A time as said in a range: "0:20", "20", "twenty". */
    private static final String TIME_SAID = "(?:\\d{1,2}(?::\\d{2}){1,2}(?:\\.\\d+)?|" + Numbers.PATTERN + ")";
    /**
     * An edit for all but a range: "black and white except 0:20 to 0:25", "… everywhere apart from 20-25s", "… but leave
     * 0:20-0:25 in colour" (leave or keep only with what stays: "but keep 0:20 to 0:25" may keep it alone). "Keep
     * everything except …" is a cut, "cut everything except …" a keep: the lexicon reads both.
     */
    private static final Pattern EXCEPT_RANGE = Pattern.compile("(?:\\b(?:everywhere|everything|throughout|all\\s+of\\s+it|the\\s+whole\\s+(?:thing|video|clip))\\s+)?"
            + "(?:(?<!\\b(?:keep|cut|remove|delete|drop|trim|lose|chop)\\s(?:everything|all|it\\sall|all\\sof\\sit|the\\swhole\\sthing)\\s)"
            + "\\b(?:except|apart\\s+from|but\\s+not|other\\s+than|excluding|minus)(?:\\s+for)?"
            + "|,?\\s*\\bbut\\s+(?<leave>leave|keep))\\s+(?:the\\s+(?:part|bit|section|stretch)\\s+)?(?:(?:from|between)\\s+)?"
            + "(?<a>" + TIME_SAID + ")\\s*(?:" + SECONDS + ")?\\s*(?:-|–|to|until|till|through|thru|and)\\s*(?<b>" + TIME_SAID + ")(?:\\s*" + SECONDS + ")?"
            + "(?<as>\\s+(?:in\\s+colou?rs?|as\\s+(?:it\\s+)?(?:is|was)|alone|untouched|unchanged|normal|original|the\\s+same)\\b)?");
    /**
     * The same in Chinese, said before the edit: 除了20到25秒，其他都变黑白, 除了中间讲话那段（1:00到1:40），其余都…; or after it:
     * 整段转黑白，但20秒到25秒那段保留彩色 (moved before it, as said the first way).
     */
    private static final String RANGE_ZH = "第?\\s*(?<a>\\d{1,2}:\\d{2}|\\d+(?:\\.\\d+)?)\\s*秒?\\s*(?:到|至|-|~)\\s*第?\\s*(?<b>\\d{1,2}:\\d{2}|\\d+(?:\\.\\d+)?)\\s*秒?(?:钟)?"
            + "(?:这段|那段|的部分|这部分|那部分)?";
    private static final Pattern EXCEPT_RANGE_ZH = Pattern.compile("除了[^，,。；;（(\\d]{0,12}?[（(]?\\s*" + RANGE_ZH + "\\s*[)）]?(?:以外|之外)?\\s*[,，]?\\s*"
            + "(?:其余|其他|其它|剩下|全片|全部|整个视频|整段)?(?:的)?(?:部分|地方)?(?:都|全部|全都)?");
    private static final Pattern KEPT_AFTER_ZH = Pattern.compile("^(?<edit>[^,，。；;]+)[,，]\\s*(?:但是?|不过|只是)?\\s*" + RANGE_ZH
            // "0:10到0:15奶茶特写那段保持原来的暖色": what the part shows may be said before what stays
            + "(?:[\\p{IsHan}]{1,8}?(?:这段|那段))?(?:保留彩色|保持彩色|保留原色|保持原样|保持原色|保留原样|保持原来的[\\p{IsHan}]{1,4}|不变|不动|不要动|别动)\\s*(?=$|[,，。；;])");

    /** An edit said for all but a range, as the edit for the parts before and after it ("from 0 to 20 seconds and from 25 seconds on"). */
    private static String exceptRange(String s) {
        String out = s;
        if (out.contains("except") || out.contains("apart") || out.contains("but") || out.contains("other than") || out.contains("excluding") || out.contains("minus")) {
            out = EXCEPT_RANGE.matcher(out).replaceAll(m -> {
                if (m.group("leave") != null && m.group("as") == null) {
                    return Matcher.quoteReplacement(m.group());
                }
                double a = Rule.seconds(m.group("a"));
                String after = "from " + Rule.written(Rule.seconds(m.group("b"))) + " seconds on";
                return a == 0 ? after : "from 0 to " + Rule.written(a) + " seconds and " + after;
            });
        }
        if (out.indexOf('但') >= 0 || out.contains("不过") || out.contains("只是")) {
            out = KEPT_AFTER_ZH.matcher(out).replaceAll(m -> "除了" + m.group("a") + "到" + m.group("b") + "秒，" + Matcher.quoteReplacement(m.group("edit")));
        }
        return out.contains("除了") ? EXCEPT_RANGE_ZH.matcher(out).replaceAll(m -> {
            double a = Rule.seconds(m.group("a"));
            String after = Rule.written(Rule.seconds(m.group("b"))) + "秒以后都";
            return a == 0 ? after : "0到" + Rule.written(a) + "秒和" + after;
        }) : out;
    }

    /** Where a clause ends. */
    private static final String CLAUSE_END = "(?=\\s*(?:$|[,;.!?)]))";
    /** What a part left as it is is said to stay: "as is", "untouched", "in colour". */
    private static final String AS_IS = "(?:as\\s+(?:it\\s+)?(?:is|was)|alone|untouched|unchanged|normal|original|the\\s+same|(?:in\\s+)?(?:full\\s+)?colou?rs?|how\\s+it\\s+(?:is|was))\\b";
    /** A range as said in a clause of a part left as it is: "0:00-0:30", "from 20 to 25 seconds". */
    private static final String RANGE_SAID = "(?:from\\s+|between\\s+)?(?<a>" + TIME_SAID + ")\\s*(?:" + SECONDS + ")?\\s*(?:-|–|to|until|till|and)\\s*(?<b>" + TIME_SAID + ")(?:\\s*" + SECONDS + ")?";
    /** What goes on after such a range: "…, everything after it in B&W" (from the range's end). */
    private static final String AFTER_IT = "(?<after>\\s*[,;.]?\\s*(?:and\\s+)?(?:then\\s+)?(?:everything|all|the\\s+rest)\\s+(?:after\\s+(?:it|that|then|this)|from\\s+(?:there|then)(?:\\s+on)?))?";
    /**
     * A clause that leaves a part as it is, beside the edits of the other parts: "first half stays as is", "leave the
     * rest", "0:50-0:55 leave normal", "rest untouched", "0:00–0:30 kept in colour, everything after it in B&W" (the
     * last as "from 30 seconds on …"). Said of a range or a half, it needs its words of staying: "keep 0:20 to 0:25"
     * keeps that range alone.
     */
    private static final Pattern KEPT_AS_IS = Pattern.compile("(?<![\\p{L}\\d:.])(?:"
            + "(?:(?:and|while|whilst)\\s+)?(?:leave|leaving|keep|keeping)\\s+(?:the\\s+rest(?:\\s+of\\s+(?:it|the\\s+(?:video|clip)))?|everything\\s+else|the\\s+other\\s+(?:parts?|bits?))(?:\\s+" + AS_IS + ")?" + CLAUSE_END
            + "|(?:and\\s+)?(?:the\\s+)?(?:rest(?:\\s+of\\s+(?:it|the\\s+(?:video|clip|reel|film|footage|audio|sound)))?|other\\s+(?:parts?|bits?)|everything\\s+else)\\s+(?:(?:should|can|will|must)\\s+)?(?:(?:(?:stays?|remains?|is|are|kept|left)\\s+)?" + AS_IS + "|stays?|remains?)" + CLAUSE_END
            + "|(?:and\\s+)?(?:leave|keep)\\s+(?:the\\s+)?(?:first|second|other|1st|2nd)\\s+half\\s+" + AS_IS + CLAUSE_END
            + "|(?:and\\s+)?(?:the\\s+)?(?:first|second|other|1st|2nd)\\s+half\\s+(?:(?:should|can|will|must)\\s+)?(?:(?:stays?|remains?|is|kept|left)\\s+)?" + AS_IS + CLAUSE_END
            + "|(?:and\\s+)?(?:leave|keep)\\s+" + RANGE_SAID + "\\s+" + AS_IS + "(?:" + AFTER_IT + "|" + CLAUSE_END + ")"
            + "|(?:(?:the\\s+|my\\s+|our\\s+)?(?:client|customer|boss|bride|couple|they|we|i)\\s+(?:wants?|needs?|would\\s+like|'d\\s+like)\\s+)?"
            + RANGE_SAID.replace("<a>", "<a2>").replace("<b>", "<b2>") + "\\s+(?:(?:should|can|will|must)\\s+)?(?:(?:be\\s+)?(?:stays?|remains?|kept|left|leave|keep|is)\\s+(?:it\\s+)?)"
            + AS_IS + "(?:" + AFTER_IT.replace("<after>", "<after2>") + "|" + CLAUSE_END + "))");
    private static final String AS_IS_ZH = "(?:保持|保留|维持)(?:彩色|原色|原样|原状|不变)|不变|不动|不要动|别动|不用动|留着|保留|正常|原速";
    /** The same in Chinese: 前半段不变, 其他保留彩色, 0:00-0:30保持彩色（，后面全部黑白）. */
    private static final Pattern KEPT_AS_IS_ZH = Pattern.compile("(?<=^|[，,。；;！!：:、\\s])(?:(?:前半段|后半段|前半部分|后半部分|前一半|后一半|前面(?:那|这|嗰)?段|后面(?:那|这|嗰)?段|前面|后面|其他|其余|其它|剩下的?|别的|其他地方|别的地方)(?:部分|地方)?(?:的)?(?:声音|音频|原声)?(?:都|就)?"
            + "(?:" + AS_IS_ZH + ")(?=\\s*(?:$|[，,。；;！!]))"
            + "|(?<range>" + RANGE_ZH.replace("<a>", "<za>").replace("<b>", "<zb>") + ")(?:都|就)?(?:" + AS_IS_ZH + ")"
            + "(?:(?<after>\\s*[，,]\\s*(?:之后|后面|剩下|其余|其他)(?:的)?(?:部分)?(?:全部|都|全都)?)|(?=\\s*(?:$|[，,。；;！!]))))");

    /** Clauses that leave a part as it is ({@link #KEPT_AS_IS}): no edit, said beside the edits of the other parts. */
    private static String keptAsIs(String s) {
        String out = s;
        if (out.contains("rest") || out.contains("half") || out.contains("else") || out.contains("other") || out.contains("leave") || out.contains("kept")
                || out.contains("keep") || out.contains("stay") || out.contains("remain")) {
            out = KEPT_AS_IS.matcher(out).replaceAll(m -> Rule.first(m, "after", "after2") == null ? ""
                    : "from " + Rule.written(Rule.seconds(Rule.first(m, "b", "b2"))) + " seconds on");
        }
        return out.contains("不") || out.contains("保") || out.contains("维持") || out.contains("正常") || out.contains("原速") || out.contains("留着") ? KEPT_AS_IS_ZH.matcher(out).replaceAll(m -> m.group("after") == null ? ""
                : Rule.written(Rule.seconds(m.group("zb"))) + "秒以后都") : out;
    }

    /** A moment as said in a list of them: "5s", "0:10", "15 seconds". */
    private static final String MOMENT = "(?:" + CLOCK + ")(?:\\s*(?:s|secs?|seconds?)\\b)?";
    private static final String MOMENTS = "(?<moments>" + MOMENT + "(?:\\s*(?:,\\s*(?:and\\s+)?|and\\s+|&\\s*)(?:at\\s+)?" + MOMENT + ")+)";
    private static final String HOLD = "for\\s+(?<n>\\d+(?:\\.\\d+)?)\\s*(?<unit>s|secs?|seconds?)\\b(?:\\s+each)?";
    /** One freeze at several moments: "freeze at 5s, 10s and 15s for 1 second each", "freeze for 1s at 0:05 and 0:10". */
    private static final Pattern FREEZES = Pattern.compile("\\bfreeze(?:\\s+(?:it|the\\s+(?:frame|picture|video|image)))?\\s+(?:at\\s+" + MOMENTS + "\\s+" + HOLD
            + "|" + HOLD.replace("<n>", "<n2>").replace("<unit>", "<unit2>") + "\\s+at\\s+" + MOMENTS.replace("<moments>", "<moments2>") + ")"
            // "three freeze frames please: 0:04, 0:11 and 0:27, each one held for 2 seconds"
            + "|(?:(?:a\\s+few|some|several|two|three|four|five|\\d)\\s+)?freeze[\\s-]?frames?(?:\\s+please)?\\s*[:,]?\\s*(?:at\\s+)?" + MOMENTS.replace("<moments>", "<moments3>")
            + "\\s*,?\\s*(?:each(?:\\s+one)?\\s+)?(?:held\\s+|holding\\s+|lasting\\s+)?" + HOLD.replace("<n>", "<n3>").replace("<unit>", "<unit3>"));
    /** The same in Chinese: 在第5秒、第10秒、第15秒各定格1秒. */
    private static final Pattern FREEZES_ZH = Pattern.compile("(?<![\\d.]|定格\\s?)(?:在\\s*)?(?<moments>(?:第?\\s*\\d+(?:\\.\\d+)?\\s*秒|" + Rule.CLOCK + ")(?:\\s*(?:、|和|跟|与|及|,|，)\\s*(?:第?\\s*\\d+(?:\\.\\d+)?\\s*秒|"
            + Rule.CLOCK + "))+)(?:处|的时候|时)?\\s*(?:(?:这|那)(?:[两三四五六七八九十几]|\\d{1,2})个?(?:地方|时间点|时刻|位置|点|处))?\\s*(?:各|都|分别)?(?:各)?定格\\s*(?<n>\\d+(?:\\.\\d+)?)\\s*秒钟?");
    /** A second moment with its own hold after a freeze: "freeze at 0:05 for 1 second and at 0:10 for 2 seconds", "…, then again at …". */
    private static final Pattern FREEZE_AGAIN = Pattern.compile("(?<freeze>\\bfreeze\\b(?:[^.;]|\\.(?=\\d)){0,40}?\\bfor\\s+\\d+(?:\\.\\d+)?\\s*(?:s|secs?|seconds?)\\b),?\\s+(?:(?:and|then)\\s+(?:again\\s+)?|again\\s+)(?=at\\s+" + MOMENT + "\\s+for\\s+\\d)");
    private static final Pattern MOMENT_IN_LIST = Pattern.compile(MOMENT);
    private static final Pattern MOMENT_IN_LIST_ZH = Pattern.compile("第?\\s*(\\d+(?:\\.\\d+)?)\\s*秒|(" + Rule.CLOCK + ")");

    private static final Pattern FROZEN_AGAIN_ZH = Pattern.compile("(?<=秒|秒处|秒的时候|秒那里|\\d)\\s*再(?=\\s*定格)");
    /** A moment named, then frozen "there": 切蛋糕在2分18秒，在那定格3秒 (the name may hold any word, 切 included). */
    private static final Pattern NAMED_THEN_FROZEN_ZH = Pattern.compile("(?<=^|[，,。；;！!？?\\s])[^，,。；;！!？?\\s]{1,12}?(?:是|在|大概在|大约在)\\s*(?:第\\s*)?(?<t>\\d+(?:\\.\\d+)?\\s*秒|"
            + Rule.CLOCK + ")(?:左右)?\\s*[，,]\\s*(?:就)?(?:在)?(?:(?:那|这)(?:里|儿|一刻|个地方|个时候)?)?\\s*(?:帮我|给我|麻烦)?(?=(?:画面)?定格)");
    /** A moment named, then a part from "there": 一等奖揭晓在3分12秒，从这里开始放大1.5倍到3分20秒. */
    private static final Pattern NAMED_THEN_FROM_ZH = Pattern.compile("(?<=^|[，,。；;！!？?\\s])[^，,。；;！!？?\\s]{1,12}?(?:是|在|大概在|大约在)\\s*(?:第\\s*)?(?<t>\\d+(?:\\.\\d+)?\\s*秒|"
            + Rule.CLOCK + ")(?:左右)?\\s*[，,]\\s*(?:就)?从(?:这|那)(?:里|儿|一刻|个地方|个时候)(?:开始|起)?");

    /** A freeze said once for several moments, as a freeze at each ("freeze at 5s for 1 second, freeze at 10s for 1 second"). */
    private static String freezes(String s) {
        String out = s;
        if (out.contains("freeze")) {
            out = FREEZES.matcher(out).replaceAll(m -> {
                String hold = " for " + Rule.first(m, "n", "n2", "n3") + " " + Rule.first(m, "unit", "unit2", "unit3");
                return MOMENT_IN_LIST.matcher(Rule.first(m, "moments", "moments2", "moments3")).results()
                        .map(t -> "freeze at " + t.group().strip() + hold).collect(Collectors.joining(", "));
            });
            for (String before = null; !out.equals(before); ) {
                before = out;
                out = FREEZE_AGAIN.matcher(out).replaceFirst("${freeze}, and freeze ");
            }
        }
        out = out.contains("再定格") ? FROZEN_AGAIN_ZH.matcher(out).replaceAll("") : out; // 31秒处再定格1秒: 再 would end the clause
        out = out.contains("从这") || out.contains("从那") ? NAMED_THEN_FROM_ZH.matcher(out).replaceAll(m -> "从" + (m.group("t").endsWith("秒") ? "第" + m.group("t") : m.group("t")) + "开始") : out;
        out = out.contains("定格") ? NAMED_THEN_FROZEN_ZH.matcher(out).replaceAll(m -> "在" + (m.group("t").endsWith("秒") ? "第" + m.group("t") : m.group("t"))) : out;
        return out.contains("定格") ? FREEZES_ZH.matcher(out).replaceAll(m -> MOMENT_IN_LIST_ZH.matcher(m.group("moments")).results()
                .map(t -> "在" + (t.group(1) != null ? "第" + t.group(1) + "秒" : t.group(2)) + "定格" + m.group("n") + "秒")
                .collect(Collectors.joining("，"))) : out;
    }
}
