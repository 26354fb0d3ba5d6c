package dev.vedit.server.engine.local;

import static dev.vedit.server.engine.local.Rule.SECONDS;
import static dev.vedit.server.engine.local.Rule.round;

import dev.vedit.server.engine.local.operation.Operation;
import dev.vedit.wire.EditOperation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A text to show, read from a clause whose every other word says something of it, in whatever order people say it:
 * where ("top left", 右下角), its colour ("in red", 白字), when ("at 0:42 for 2 sec", 0:12-0:20, 开头6秒), what it is
 * ("the date", 人名条) and how it is asked ("pls put", 帮我加个). The text rules read the orders people say most;
 * this reads the rest ("score overlay 'Tigers 3 - 1 Hawks' top left from 0:45", 左上角“第二集”，全程). A word that is
 * none of these (a song, a quote relayed, a sign to change) leaves the clause to the other readings.
 */
final class TextSlots {
    private static final String T = "(?:" + Rule.CLOCK + "|" + Numbers.PATTERN + ")";
    private static final String S = SECONDS + "?";
    /** Each slot, tried in this order at each place of the clause; its named groups say what it read. */
    private static final List<Pattern> SLOTS = List.of(
            // when: a range, the first or last seconds, a moment, a length, until, all along
            Pattern.compile("(?:from|between)?\\s*(?<from>" + T + ")" + S + "\\s*(?:to|till|until|and|-|–|~|到|至)\\s*第?(?<to>" + T + ")" + S
                    + "(?:的?(?:时候|之间|这段|那段|期间))?"),
            Pattern.compile("(?:for\\s+|during\\s+|in\\s+)?(?:the\\s+)?(?:(?<first>first|opening)|(?<last>last|final))\\s+(?<n>" + T + ")" + S
                    + "|(?:在|视频)?(?:(?<first2>前|开头|开始|最前面?)|(?<last2>最后|后|结尾))\\s*(?<n2>" + Numbers.PATTERN + ")\\s*秒钟?(?:内|里)?"),
            Pattern.compile("(?:at|from|starting\\s+(?:at|from)|beginning\\s+at|in\\s+at|on\\s+at|coming\\s+in\\s+at)\\s+(?:the\\s+)?(?<at>" + T + ")" + S
                    + "(?:\\s+mark)?|(?:(?:在|从)\\s*第?|第)\\s*(?<at2>" + T + ")\\s*秒?钟?(?:开始|起|的时候|时|那里|处)?(?=\\s*(?:$|[,，]|在|[左右顶底上下中正]|显示|出现|加|放|打|写))"
                    // 2:30 开始, 10秒起: a moment said by what happens then, never a bare "4秒" (a length)
                    + "|(?<at3>" + T + ")\\s*秒?钟?(?:开始|起|的时候|时)"),
            Pattern.compile("(?:for|lasting|staying\\s+up\\s+for|keep\\s+it\\s+up\\s+for|for\\s+about)\\s+(?<long>" + T + ")" + S
                    + "|(?:显示|出现|持续|停留|保留)?\\s*(?<long2>" + Numbers.PATTERN + ")\\s*秒钟?(?:就行|就好)?(?=\\s*(?:$|[,，。]))"
                    // a length said last and bare: "4 seconds each"
                    + "|(?<long3>" + T + ")\\s*(?:s|secs?|seconds?)\\b(?=\\s*$)"),
            Pattern.compile("(?:until|till|til|up\\s+to|to)\\s+(?:the\\s+)?(?<until>" + T + ")" + S + "|(?<toEnd>(?:to|until|till)\\s+the\\s+end)"
                    // 从开头显示到0:15, 一直到第9秒
                    + "|(?:从)?(?:开头|头)?(?:开始)?(?:一直)?(?:显示|出现)?(?:到|至)\\s*第?(?<until2>" + T + ")\\s*秒?(?:为止)?"
                    + "|(?:at|in|from)\\s+the\\s+(?:very\\s+)?(?:(?<begin>beginning|start)|(?<end>end|ending))"),
            Pattern.compile("the\\s+(?:whole|entire)\\s+(?:time|video|clip|way(?:\\s+through)?)|throughout|all\\s+the\\s+way\\s+through|from\\s+start\\s+to\\s+(?:finish|end)"
                    + "|全程|从头到尾|一直|整个视频"),
            // where
            Pattern.compile("(?:(?:in|at|on|to|into|across|along|near)\\s+)?(?:the\\s+)?(?:very\\s+)?(?<pos>" + OverlayRules.POSITION_WORDS + ")(?:\\s+corner)?"
                    + "(?:\\s+of\\s+(?:the\\s+)?(?:screen|frame|video|picture))?"
                    + "|(?:放|放在|放到|显示在|位于|在)?(?:画面|视频|屏幕)?的?(?:最|正)?(?<posz>" + OverlayRules.ZH_POSITION_WORDS + ")(?:位置|处)?"),
            // the place of the text before: "'Banh Mi $8' same spot 0:06-0:10"
            Pattern.compile("(?:in\\s+|at\\s+)?(?<same>(?:the\\s+)?same\\s+(?:place|spot|position|corner))|(?<same2>同一个?位置|同样的?位置|原位置)"),
            // its colour
            Pattern.compile("(?:in\\s+)?(?:(?:big|large|bold|small)\\s+)?(?<c>" + OverlayRules.COLOUR_WORDS + ")(?:\\s+(?:text|letters|font|writing|colou?r))?"
                    + "|(?:字|字体|文字|颜色)?(?:都|也)?(?:用|要|是)?(?<cz>" + OverlayRules.ZH_COLOUR_WORDS + ")(?:色的?|的)?(?:小|大)?(?:字|字体|文字)?"),
            // what it is
            Pattern.compile("(?<kind>title(?:\\s+card)?|caption|subtitle|headline|heading|banner|label|text|words?|lower[\\s-]+third|(?:name|speaker)\\s+(?:tag|card|bar|title)"
                    + "|cta|call\\s+to\\s+action|overlay|timestamp|date|score|price(?:\\s+tag)?|address|adress|phone(?:\\s+number)?|number|hashtags?|handle|slogan|tagline|name"
                    + "|(?:text\\s+)?watermark)s?|(?<named>" + Quotes.TEXT_NAMED + ")"
                    + "|(?<kindz>标题|大字|字幕|文字|文本|文案|字样|字卡|价格标签|标签|比分牌|票价|日期和地点|地点|名牌|字|人名条|名字条|姓名条|名字|姓名|价格|价钱|日期|地址|电话|比分|话题|口号|行动号召|时间戳|(?:文字)?水印)"),
            // how it is asked, and the words around
            Pattern.compile("(?:please|pls|plz|thx|thanks|can\\s+(?:you|u)|could\\s+(?:you|u)|i\\s+(?:want|need)|we\\s+need|need|also|and|then|just|plus|with|of|for|the|an?|our|my|your|his|her|their|this|it|them|that|one|both|each|on\\s+screen"
                    + "|[a-z]+'s"
                    + "|add|put|insert|show|display|write|overlay|place|type|stick|slap|stamp|pop|run|throw|print|include|have|shown|showing|saying|that\\s+says|which\\s+says|reading|that\\s+reads"
                    + "|size|big|large|small|bold|huge|sized)\\b"
                    + "|(?:在)?(?:视频|画面|屏幕)(?:上|里|中)|帮我|帮忙|麻烦|请|给我|我要|要|需要|然后|再|也|都|一下|就行|就好|吧|谢谢|亲|加上|加个|加一个|加一行|加一句|加|添加|放上|放个|放|显示|出现|打上|写上|写着|写|标上|贴上|挂|叫|是|为|内容是|在|的|个|一个|一行|一句|大号|小号|粗体|大|小"),
            Pattern.compile("[\\s,，.。:：;；!！、+&—–-]+"));

    private TextSlots() {
    }

    /**
     * The texts {@code clause} shows, each with what is said of it; empty when it holds no text or a word that says
     * something else. Two texts or more are read apart at the last "and", "then" or comma before each ("put 'A' at the
     * top left and 'B' at the bottom right").
     */
    static List<EditOperation> read(String clause, Rule.Context context) {
        List<Integer> marks = new ArrayList<>();
        for (int i = 0; i < clause.length(); i++) {
            if (clause.charAt(i) >= Quotes.FIRST && clause.charAt(i) <= Quotes.LAST) {
                marks.add(i);
            }
        }
        if (marks.isEmpty()) {
            return List.of();
        }
        List<EditOperation> texts = new ArrayList<>();
        int from = 0;
        for (int k = 0; k < marks.size(); k++) {
            int to = clause.length();
            if (k + 1 < marks.size()) {
                Matcher between = BETWEEN.matcher(clause).region(marks.get(k) + 1, marks.get(k + 1));
                int cut = -1;
                while (between.find()) {
                    cut = between.start();
                }
                if (cut < 0) {
                    return List.of(); // two texts with nothing between: one text's words
                }
                to = cut;
            }
            Map<String, String> said = said(clause.substring(from, marks.get(k)) + " , " + clause.substring(marks.get(k) + 1, to));
            String text = context.quotes().text(clause.charAt(marks.get(k)));
            if (said == null || text.isBlank() || text.length() > 200 || context.imageCount() > 0 && text.matches("(?i).*(?:figure|image|图)\\s*\\d.*")) {
                return List.of();
            }
            if (said.containsKey("same") && !texts.isEmpty() && !said.containsKey("position")) {
                said.put("position", String.valueOf(texts.getLast().params().get("position"))); // "'B' same spot 0:06-0:10"
            }
            EditOperation op = op(text, said);
            if (op == null) {
                return List.of();
            }
            texts.add(op);
            from = to;
        }
        return texts;
    }

    /**
     * {@code text} with what {@code clause} says of it when that is all the clause says ("bottom right in small white text",
     * "at 0:47 for 6 seconds", 放正中间, 粉色); null otherwise.
     */
    static EditOperation amend(EditOperation text, String clause) {
        if (Quotes.holdsMark(clause) || OF_ALL.matcher(clause).find()) {
            return null; // "Centre both", 都放底部: said of every text just added (amendAll)
        }
        return amended(text, clause);
    }

    /**
     * Whether {@code clause} says the same of each of the texts that end {@code ops}, two or more, and nothing else ("both
     * for the first 5 seconds", 各显示5秒, "all of them in yellow"): then each is so amended; otherwise nothing changes.
     */
    static boolean amendAll(List<EditOperation> ops, String clause) {
        int first = ops.size();
        while (first > 0 && Operation.TEXT.is(ops.get(first - 1))) {
            first--;
        }
        if (ops.size() - first < 2 || Quotes.holdsMark(clause) || !OF_ALL.matcher(clause).find()) {
            return false;
        }
        String ofEach = OF_ALL.matcher(clause).replaceAll(" ");
        Map<String, String> said = said(ofEach);
        List<EditOperation> texts = ops.subList(first, ops.size());
        // 加字幕「A」和「B」，各显示5秒: a length of each, of texts in one place and at no time said, is one after the other
        boolean inTurn = said != null && lengthOnly(said) && texts.stream().noneMatch(t -> t.params().containsKey("start")) && texts.stream().map(t -> t.params().get("position")).distinct().count() == 1;
        List<EditOperation> amended = new ArrayList<>();
        for (EditOperation text : texts) {
            EditOperation each = amended(text, ofEach);
            if (each == null) {
                return false;
            }
            if (inTurn && each.params().get("duration") instanceof Number length) {
                Map<String, Object> params = new LinkedHashMap<>(each.params());
                params.put("start", round(amended.size() * length.doubleValue()));
                each = new EditOperation(each.op(), params, each.source());
            }
            amended.add(each);
        }
        for (int i = 0; i < amended.size(); i++) {
            ops.set(first + i, amended.get(i));
        }
        return true;
    }

    /**
     * Whether {@code clause} asks for a text and says where, when or in what colour, but not what it says ("pls add the
     * date top left", "just a caption please", "text in the center, blue"): its words come in the clause after it.
     */
    static boolean asksForAText(String clause) {
        Map<String, String> said = Quotes.holdsMark(clause) ? null : said(clause);
        return said != null && (said.containsKey("kind") || said.containsKey("kindz") || said.containsKey("named"));
    }

    /** {@code text} with what a clause that {@link #asksForAText asked for it} said of it; null when that cannot be. */
    static EditOperation askedBy(EditOperation text, String clause) {
        Map<String, String> said = said(clause);
        return said == null ? null : !placesColoursOrTimes(said) ? text : amended(text, said, clause);
    }

    private static EditOperation amended(EditOperation text, String clause) {
        Map<String, String> said = said(clause);
        // a text named in words of the user's own, or by what it says, is a text of its own, or no text ("bottom covers
        // the sign", "'A' at the top, phone number at the bottom")
        if (said == null || said.containsKey("named") || CONTENT.matcher(said.getOrDefault("kind", said.getOrDefault("kindz", ""))).find() || !placesColoursOrTimes(said)) {
            return null;
        }
        return amended(text, said, clause);
    }

    private static EditOperation amended(EditOperation text, Map<String, String> said, String clause) {
        Map<String, Object> params = new LinkedHashMap<>(text.params());
        EditOperation now = op(String.valueOf(text.params().get("text")), said);
        if (now == null) {
            return null;
        }
        if (said.containsKey("position")) {
            params.put("position", now.params().get("position"));
        }
        if (said.containsKey("colour")) {
            params.put("colour", now.params().get("colour"));
        }
        if (lengthOnly(said) && params.containsKey("start")) {
            params.put("duration", now.params().get("duration")); // "at 0:47, for 6 seconds": the length of what starts then
        } else if (said.keySet().stream().anyMatch(WHEN::contains)) {
            for (String key : List.of("start", "duration", "at")) {
                params.remove(key);
                if (now.params().containsKey(key)) {
                    params.put(key, now.params().get(key));
                }
            }
        }
        return new EditOperation(text.op(), params, text.source() + ", " + clause.strip());
    }

    /** Whether what a clause said of a text places, colours or times it. */
    private static boolean placesColoursOrTimes(Map<String, String> said) {
        return said.containsKey("position") || said.containsKey("colour") || said.keySet().stream().anyMatch(WHEN::contains);
    }

    /** Whether of when a text shows, it said only how long: "for 6 seconds", 显示5秒, "4 seconds each". */
    private static boolean lengthOnly(Map<String, String> said) {
        return said.keySet().stream().anyMatch(WHEN::contains) && said.keySet().stream().filter(WHEN::contains).allMatch(k -> k.startsWith("long"));
    }

    /** Kinds of text that say what it holds, not how it looks: never the text before, said again. */
    private static final Pattern CONTENT = Pattern.compile("date|score|price|address|adress|phone|number|hashtag|handle|name|slogan|tagline|timestamp"
            + "|日期|比分|价格|价钱|票价|地址|电话|名字|姓名|话题|口号|时间戳|地点|人名条|名字条|姓名条|名牌");

    private static final Pattern OF_ALL = Pattern.compile("\\b(?:both|all|each)(?:\\s+of\\s+them)?\\b|都|各|全部");

    /** The groups that say when. */
    private static final Set<String> WHEN = Set.of("from", "first", "last", "first2", "last2", "n", "n2", "at", "at2", "at3", "long", "long2", "long3", "until", "until2", "toEnd", "begin", "end");
    /** Where one text's words end and the next one's begin. */
    private static final Pattern BETWEEN = Pattern.compile("\\s+(?:and|then|plus|&)\\s+|[,，;；、]|\\s+(?=then\\b)");

    /** What the words say of a text, by slot; null when a word says something else. */
    private static Map<String, String> said(String words) {
        Map<String, String> said = new LinkedHashMap<>();
        int at = 0;
        List<Matcher> matchers = SLOTS.stream().map(p -> p.matcher(words)).toList();
        while (at < words.length()) {
            boolean read = false;
            for (Matcher m : matchers) {
                m.region(at, words.length());
                if (m.lookingAt() && m.end() > at && endsAWord(words, m.end())) {
                    for (String group : m.pattern().namedGroups().keySet()) {
                        if (m.group(group) != null && said.putIfAbsent(group, m.group(group)) != null && !group.startsWith("kind") && !group.equals("named")) {
                            return null; // two places, two colours, two times: more than one text's words
                        }
                    }
                    colourOrPlace(m, said);
                    at = m.end();
                    read = true;
                    break;
                }
            }
            if (!read) {
                return null;
            }
        }
        return said;
    }

    /** The place and colour as the overlay rules name them, kept from the match that said them. */
    private static void colourOrPlace(Matcher m, Map<String, String> said) {
        String colour = m.pattern().namedGroups().containsKey("c") ? OverlayRules.colour(m, "c") : null;
        if (colour != null) {
            said.put("colour", colour);
        }
        if (m.pattern().namedGroups().containsKey("pos")) {
            String position = OverlayRules.position(m, null);
            if (position != null) {
                said.put("position", position);
            }
        }
    }

    private static boolean endsAWord(String words, int end) {
        return end >= words.length() || !Character.isLetterOrDigit(words.charAt(end)) || !Character.isLetterOrDigit(words.charAt(end - 1))
                || Character.UnicodeScript.of(words.charAt(end)) == Character.UnicodeScript.HAN;
    }

    private static EditOperation op(String text, Map<String, String> said) {
        String kind = said.getOrDefault("kind", said.get("kindz"));
        boolean title = kind != null && kind.matches("title.*|headline|heading|标题|大字");
        boolean watermark = kind != null && kind.matches(".*(?:watermark|水印)");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("text", text);
        params.put("style", title ? "title" : "caption");
        params.put("position", said.getOrDefault("position", title ? "center" : watermark ? "bottom-right" : "bottom"));
        if (said.containsKey("colour")) {
            params.put("colour", said.get("colour"));
        }
        String from = said.get("from");
        String at = Stream.of("at", "at2", "at3").map(said::get).filter(Objects::nonNull).findFirst().orElse(null);
        String length = said.getOrDefault("long", said.getOrDefault("long2", said.get("long3")));
        String n = said.getOrDefault("n", said.get("n2"));
        String until = said.getOrDefault("until", said.get("until2"));
        if (from != null) {
            double start = Rule.seconds(from);
            double end = Rule.seconds(said.get("to"));
            if (!(end > start)) {
                return null;
            }
            params.put("start", round(start));
            params.put("duration", round(end - start));
        } else if (said.containsKey("last") || said.containsKey("last2") || said.containsKey("end")) {
            params.put("at", "end");
            params.put("duration", n != null ? round(Numbers.parse(n)) : length != null ? round(Rule.seconds(length)) : OverlayRules.TIMED_TEXT_SECONDS);
        } else if (n != null || said.containsKey("begin")) {
            params.put("start", 0.0);
            params.put("duration", n != null ? round(Numbers.parse(n)) : length != null ? round(Rule.seconds(length)) : OverlayRules.TIMED_TEXT_SECONDS);
        } else if (at != null) {
            params.put("start", round(Rule.seconds(at)));
            if (until != null) {
                double end = Rule.seconds(until);
                if (!(end > Rule.seconds(at))) {
                    return null;
                }
                params.put("duration", round(end - Rule.seconds(at)));
            } else if (length != null) {
                params.put("duration", round(Rule.seconds(length)));
            }
        } else if (length != null) {
            params.put("start", 0.0);
            params.put("duration", round(Rule.seconds(length)));
        } else if (until != null) {
            params.put("start", 0.0);
            params.put("duration", round(Rule.seconds(until)));
        }
        return Operation.TEXT.with(params, null);
    }
}
