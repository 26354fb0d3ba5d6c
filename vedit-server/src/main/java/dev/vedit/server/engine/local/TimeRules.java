package dev.vedit.server.engine.local;

import static dev.vedit.server.engine.local.Rule.SECONDS;
import static dev.vedit.server.engine.local.Rule.fixed;
import static dev.vedit.server.engine.local.Rule.invalid;
import static dev.vedit.server.engine.local.Rule.number;
import static dev.vedit.server.engine.local.Rule.of;
import static dev.vedit.server.engine.local.Rule.op;
import static dev.vedit.server.engine.local.Rule.round;
import static dev.vedit.server.engine.local.Rule.seconds;
import static dev.vedit.server.engine.local.Rule.time;

import dev.vedit.server.engine.local.operation.Operation;
import dev.vedit.wire.EditOperation;
import dev.vedit.wire.ErrorCode;
import dev.vedit.wire.VeditException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Time edits: trim and cut ranges, speed, reverse, loop, freeze frames, fades and frame rate. */
final class TimeRules {
    /** "speed up" and "slow down" without a number: a clearly visible but moderate change. */
    static final double DEFAULT_SPEED_UP = 1.5;
    static final double DEFAULT_SLOW_DOWN = 0.75;
    static final double SLIGHT_SPEED_UP = 1.25;
    static final double SLIGHT_SLOW_DOWN = 0.85;
    private static final String SLIGHT = "(?:just\\s+)?" + Rule.SLIGHTLY;
    static final double MIN_SPEED = 0.25;
    /** A timelapse of 8x or 16x is an honest edit: the picture drops frames, the sound is tempo-changed in steps of 2x. */
    static final double MAX_SPEED = 16.0;
    /** What "make it a timelapse" asks when it names no speed. */
    private static final double TIMELAPSE = 4.0;
    static final int MAX_LOOPS = 10;
    static final double DEFAULT_FADE = 1.0;
    static final double DEFAULT_FREEZE = 2.0;
    private static final String SUBJECT = "(?:\\s+(?:it|this(?:\\s+(?:video|clip|footage))?|the\\s+(?:whole\\s+|entire\\s+)?(?:video|clip|footage)|the\\s+whole\\s+thing))?";
    private static final String N = number("n");
    private static final String MUCH = "(?:a\\s+lot|a\\s+great\\s+deal|significantly|dramatically|heavily|massively|way\\s+(?:down|up))";

    private TimeRules() {
    }

    /**
     * Edits said of a part of the video, before every rule that could take the part's words for a trim ("mute the last
     * 2 seconds" is not a mute and a cut to the last 2 seconds): a fade that covers the first or last seconds is a fade
     * of that length. Other edits of the first or last seconds are read with them as a trim, which the interpreter then
     * makes the part the edit applies to, or refuses ({@code PromptInterpreter.rangeOfEdit}).
     */
    static List<Rule> partRules() {
        List<Rule> r = new ArrayList<>();
        // a fade whose length is said as the part it covers: "fade out over the last 2 seconds", "fade out the final 3 seconds", 最后2秒淡出
        r.add(of("fade(?:[\\s-]+(?<in>in|up)|[\\s-]+out|\\s+to\\s+black)(?:\\s+(?:to|from)\\s+black)?\\s+(?:(?:over|during|in|for|across)\\s+)?(?:only\\s+)?the\\s+"
                        + "(?:very\\s+)?(?:first|last|final|opening|closing)\\s+" + N + SECONDS
                        + "|(?<zhin>前|开头的?)\\s*" + N.replace("<n>", "<n2>") + SECONDS + "(?:内|里)?\\s*(?:淡入|渐显)"
                        + "|(?:最后|后|结尾的?)\\s*" + N.replace("<n>", "<n3>") + SECONDS + "(?:内|里)?\\s*(?:淡出|渐隐)",
                (m, i) -> fade(m.group("in") != null || m.group("zhin") != null ? Operation.FADE_IN : Operation.FADE_OUT,
                        Rule.first(m, "n", "n2", "n3"))));
        return List.copyOf(r);
    }

    /**
     * The refusal of an edit of only part of the video that cannot take a part, {@code words} being how the prompt said
     * it (colour, style, volume, speed, zoom, mirror, logo, picture-in-picture and green-screen edits take a time range:
     * {@code Operation.forAPart()}).
     */
    static VeditException partEdit(String words) {
        return VeditException.of(ErrorCode.EDIT_NOT_SUPPORTED,
                "the local engine applies this edit to the whole video only; \"" + words + "\" asks for it on only part of it"
                        + " (trim first, e.g. \"keep the first 3 seconds\"; colour, style, volume, speed, zoom, mirror, logo,"
                        + " picture-in-picture and green-screen edits take a time range: \"make it black and white from 0:02 to 0:05\", \"slow down the last 3 seconds\")",
                "本地引擎只能对整个视频执行这项编辑；“" + words + "”只针对其中一段，暂不支持（可先截取，如“只保留前3秒”；"
                        + "调色、风格、音量、变速、放大、镜像、水印、画中画和绿幕抠像可以指定时段，如“把2到5秒变成黑白”“最后3秒慢放”）");
    }

    static List<Rule> rules() {
        List<Rule> r = new ArrayList<>();
        String from = time("from");
        String to = time("to");
        String range = "(?<kw>from\\s+|between\\s+|seconds\\s+|从\\s*(?:第\\s*)?|第\\s*)?(?:second\\s+)?" + from + SECONDS + "?\\s*(?:to|until|till|through|thru|and|-|–|~|到|至)\\s*"
                + "(?:second\\s+|第\\s*)?" + to + "(?<unit>" + SECONDS + ")?";
        // "clip the last 5 seconds": a streamer keeps them as a clip, an editor clips them off; which is not guessed
        r.add(of("clip\\s+(?:the\\s+)?(?:first|last|final|opening|closing)\\s+" + number("n") + SECONDS + "(?!\\s+(?:off|out|away)\\b)",
                (m, i) -> {
                    String said = m.group().strip();
                    throw Refusal.notUnderstood("\"" + said + "\" can mean keeping those seconds or cutting them off; say \"keep "
                                    + said.substring(5) + "\" or \"cut off " + said.substring(5) + "\"",
                            "“" + said + "”既可能是保留这几秒，也可能是剪掉这几秒；请说“只保留……”或“剪掉……”", null);
                }));
        // a clip made longer with no word of how: only repeating or slowing it can, and which is the user's to say
        r.add(of("(?:stretch|extend|lengthen|pad)\\s+(?:it|this|that|the|my)?\\s*(?:\\d+(?:\\.\\d+)?\\s*(?:s|secs?|seconds?)\\s+)?(?:video|clip|footage)?\\s*(?:out\\s+)?"
                        + "(?:to|into)\\s+(?:a\\s+|one\\s+)?(?:full\\s+|whole\\s+)?(?:minute|\\d+(?:\\.\\d+)?\\s*(?:seconds?|secs?|minutes?|mins?))(?:\\s+long)?"
                        + "(?!\\s+(?:by|with)\\s+(?:loop|repeat|slow))"
                        + "|make\\s+(?:this|the|my)\\s+(?<was>\\d+(?:\\.\\d+)?)\\s*(?:s|secs?|seconds?)\\s+(?:video|clip)\\s+(?:a\\s+|one\\s+)?(?:full\\s+)?"
                        + "(?:minute|(?<wanted>\\d+(?:\\.\\d+)?)\\s*seconds?)\\s+long"
                        // hours said as the length: no clip here runs that long ("make it 3 hours long", a fireplace loop)
                        + "|(?:make|turn)\\s+(?:it|this|the\\s+(?:video|clip))\\s+(?:into\\s+)?(?:exactly\\s+|about\\s+|around\\s+|at\\s+least\\s+)?(?:an?\\s+|\\d+(?:\\.\\d+)?\\s*|(?:one|two|three|four|five|six|eight|ten|twelve|24)\\s+)(?:hours?|hrs?)(?:[\\s-]+long)?\\b"
                        + "|\\bmake\\s+(?:this|the|my)\\s+\\d+\\s*(?:s|secs?|seconds?|minutes?)[\\s-]*(?:[a-z]+\\s+)?(?:clip|video)\\s+(?:into\\s+an?\\s+\\d+[\\s-]*(?:hours?|hrs?)\\b|\\d+[\\s-]*(?:hours?|hrs?)[\\s-]+long\\b).*"
                        + "|\\b(?:stretch|extend|lengthen)\\b.*\\b(?:so\\s+)?(?:it'?s|it\\s+is|to\\s+be|to)\\s+(?:an?\\s+|\\d+(?:\\.\\d+)?\\s*|(?:one|two|three|four|five|six|eight|ten|twelve|24)\\s+)(?:hours?|hrs?)(?:[\\s-]+long)?\\b"
                        + "|(?:做成|弄成|变成|剪成)\\s*(?:\\d+(?:\\.\\d+)?|[一二两三四五六七八九十半]+)\\s*个?(?:小时|钟头)(?:的|长)?"
                        + "|(?:拉成|拉长到|拉长成|延长到|延长成|加长到|拉到)\\s*(?:\\d+(?:\\.\\d+)?|[一二两三四五六七八九十半]+个?)\\s*(?:秒|分钟|个?小时|个?钟头)(?!\\s*(?:循环|重复|慢放))",
                (m, i) -> {
                    if (m.group("was") != null && m.group("wanted") != null && Numbers.parse(m.group("wanted")) <= Numbers.parse(m.group("was"))) {
                        return null; // shorter: a trim, read by the rules below
                    }
                    throw Refusal.impossible("\"" + m.group().strip() + "\" asks for a longer video without saying how: the local engine makes a"
                                    + " clip longer only by repeating it (\"loop it 12 times\") or slowing it down (\"slow it down to 0.25x\"); footage"
                                    + " that was never filmed would have to be invented",
                            "“" + m.group().strip() + "”要求把视频变长，却没说怎么变：本地引擎只能靠重复（“循环12次”）或放慢（“0.25倍速”）让视频变长；"
                                    + "没拍到的画面只能凭空编造");
                }));
        // removing a range: "cut out 2s to 4s", "remove seconds 2-4", "删掉第2到4秒"; "cut 5 to 9 sec", "cut from 10s to
        // 20s" too, as a cut verb with its range and nothing between takes it out ("cut it to 0:10-0:20" keeps it)
        r.add(of("(?:cut\\s+out|cut(?=\\s+(?:from\\s+|between\\s+|the\\s+(?:part|section|segment|bit)\\s+(?:from\\s+|between\\s+)?)?(?:second\\s+)?(?:\\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty)\\b))|remove|delete|drop|skip|get\\s+rid\\s+of|take\\s+out)\\s+(?:the\\s+|everything\\s+)?(?:part\\s+|section\\s+|segment\\s+|bit\\s+)?"
                + "(?<kw2>seconds\\s+)?" + range, (m, i) -> isRange(m) || m.group("kw2") != null ? cut(m.group("from"), m.group("to")) : null));
        r.addAll(Rule.each((m, i) -> cut(m.group("from"), m.group("to")),
                "(?:剪掉|删掉|删除|去掉|去除|剪去|切掉|裁掉|砍掉|切除|剪除)\\s*" + range + "(?:的?(?:部分|内容|片段))?",
                // 把1:00到1:15那段剪掉: the verb after the range
                "(?:把|将)?" + range + "(?:之间)?(?:的|那|这)?(?:段|部分|内容|片段)?(?:都)?(?:帮我|给我|请)?(?:剪掉|删掉|删除|去掉|去除|剪去|切掉|砍掉|删了|剪了|去了|不要了?)"));
        // keeping a range
        // 把1分20到1分50留下来: the verb after the range (before the rule below, which would read the range alone)
        r.add(of("(?:把|将)?" + range + "(?:之间)?(?:的|那|这)?(?:段|部分|内容|片段)?(?:都)?(?:帮我|给我|请)?(?:保留|留下来?|留着|留住)(?:下来)?",
                (m, i) -> keepRange(m.group("from"), m.group("to"))));
        r.add(of("(?:(?:only\\s+)?keep(?:\\s+only)?|cut|trim|clip|extract|use(?:\\s+only)?|just|只保留|保留|只要|截取|剪出|只留|留下)?" + SUBJECT + "(?:\\s+(?:down\\s+)?to(?=\\s))?(?:\\s*(?:视频|画面)?的)?"
                + "\\s*(?:only\\s+)?(?:the\\s+)?(?:part\\s+|section\\s+|segment\\s+|bit\\s+)?" + range + "(?:之间)?的?(?:部分|内容|片段)?(?:\\s+only)?",
                (m, i) -> isRange(m) ? keepRange(m.group("from"), m.group("to")) : null));
        // the first / last seconds
        r.add(of("(?:cut|remove|delete|drop|trim|chop|get\\s+rid\\s+of|lose|ditch|toss)\\s+(?:off\\s+|out\\s+)?" + EVERYTHING + "\\s+(?<side>after|before)\\s+" + point("a"),
                (m, i) -> m.group("side").equals("after") ? trim(0, pointValue(m, "a")) : dropEdge("first", String.valueOf(pointValue(m, "a")))));
        // a point in time and the side kept: "start at 0:03", "keep everything after 5 seconds", "end it at 10 seconds"
        String it = "(?:\\s+(?:it|the\\s+(?:video|clip|footage)))?";
        r.add(of("(?:start|begin)" + it + "\\s+(?:at|from)\\s+" + point("a")
                        + "|(?:start|begin)" + it + "\\s+" + point("e") + "\\s+in\\b"
                        + "|(?:keep|use)\\s+(?:only\\s+)?" + EVERYTHING + "\\s+(?:after|from)\\s+" + point("b")
                        + "|(?:keep\\s+(?:only\\s+)?)?from\\s+" + point("c") + "(?:\\s+(?:on(?:wards?)?|to\\s+the\\s+end|until\\s+the\\s+end)|(?=\\s*$))"
                        // where an edit starts: "black and white from 0:20", "slow it down starting at 10 seconds",
                        // "make everything after 0:20 sepia", "sepia after 0:20"
                        + "|^\\s*from\\s+" + point("i") + "(?=\\s+\\p{L})(?!\\s+(?:to|until|till|through|thru|and)\\b)"
                        + "|(?:starting|beginning)\\s+(?:at|from)\\s+" + point("f")
                        + "|" + EVERYTHING + "\\s+(?:after|from)\\s+" + point("g") + "(?:\\s+on(?:wards?)?)?"
                        + "|(?<!(?:end|ends|stop|stops|finish|finishes|cut|trim|off|out|start|starts|begin|begins|play|plays|it)\\s)after\\s+" + point("h")
                        + "|(?:only\\s+)?keep\\s+" + point("d") + "\\s+onwards?",
                (m, i) -> dropEdge("first", String.valueOf(pointValue(m, "a", "b", "c", "d", "e", "f", "g", "h", "i")))));
        r.add(of("(?:(?:end|stop|finish)" + it + "|cut" + it + "\\s+off)\\s+(?:at|after)\\s+" + point("a")
                        + "|(?:keep|use)\\s+(?:only\\s+)?" + EVERYTHING + "\\s+(?:before|until|till|up\\s+to)\\s+" + point("b"),
                (m, i) -> trim(0, pointValue(m, "a", "b"))));
        // a point in time and the side kept: 从第3秒开始, 保留第5秒以后的内容, 第5秒之后的都不要, 删掉5秒之前的部分
        String at = "第?\\s*(?<n>" + Numbers.PATTERN + ")\\s*" + SECONDS;
        String part = "的?(?:内容|部分|画面|片段)?";
        String dropped = "(?:都)?(?:不要了?|删掉|删除|去掉|剪掉)";
        r.add(of("(?:从|自)\\s*" + at + "(?:开始|起)(?:播放|保留|截取)?(?:到(?:结尾|最后|结束))?"
                        + "|(?:只保留|保留|只要|留下)\\s*(?:视频)?的?" + at.replace("<n>", "<n2>") + "(?:以后|之后|后)" + part
                        + "|(?:删掉|删除|去掉|剪掉|不要)\\s*" + at.replace("<n>", "<n3>") + "(?:以前|之前|前)" + part
                        + "|" + at.replace("<n>", "<n4>") + "(?:以前|之前)" + part + dropped,
                (m, i) -> dropEdge("first", Rule.first(m, "n", "n2", "n3", "n4"))));
        r.add(of("(?:只保留|保留|只要|留下)\\s*(?:视频)?的?" + at + "(?:以前|之前)" + part
                        + "|(?:删掉|删除|去掉|剪掉|不要)\\s*" + at.replace("<n>", "<n2>") + "(?:以后|之后|后)" + part
                        + "|" + at.replace("<n>", "<n3>") + "(?:以后|之后)" + part + dropped,
                (m, i) -> trim(0, Numbers.parse(Rule.first(m, "n", "n2", "n3")))));
        // what the part shows may stand before the verb (前面3秒黑屏剪掉), never an edit's word
        r.add(of("(?:把|将)?(?:视频)?的?(?<edge>前|后|最后|开头|结尾|末尾)面?(?:那|这)?\\s*" + N + SECONDS
                        + "(?:的内容|的部分|(?:的|是|都是)?(?:(?![调加减变转慢快放淡静剪删去切])\\p{IsHan}){1,5}?的?(?:部分|内容|画面)?)?(?:也|都)?"
                        + "(?:剪掉|删掉|删除|去掉|去除|剪去|切掉|裁掉|砍掉|切除|剪除|删了|剪了)(?:吧|啦)?",
                (m, i) -> dropEdge(m.group("edge").replace("面", ""), m.group("n"))));
        r.add(of("(?:剪掉|删掉|删除|去掉|去除|剪去|切掉|裁掉|砍掉|切除|剪除|跳过)\\s*(?:视频)?的?(?<edge>前|后|最后)\\s*" + N + SECONDS,
                (m, i) -> dropEdge(m.group("edge"), m.group("n"))));
        r.add(of("(?:cut|trim|remove|drop|skip|delete|chop(?:\\s+off)?|clip(?=\\s+off)|lose|shave|get\\s+rid\\s+of)\\s+(?:off\\s+|out\\s+)?(?:the\\s+)?"
                + "(?<edge>first|last|final|opening|closing)\\s+" + N + SECONDS + "(?:\\s+(?:off|out))?",
                (m, i) -> dropEdge(m.group("edge"), m.group("n"))));
        r.add(of("(?:(?:only\\s+)?keep(?:\\s+only)?|cut" + SUBJECT + "(?:\\s+down)?\\s+to|trim" + SUBJECT
                + "(?:\\s+down)?\\s+to|shorten" + SUBJECT + "\\s+to|use(?:\\s+only)?|just"
                // the seconds an edit said beside them applies to ("slow motion for the last 3 seconds"): see rangeOfEdit
                + "|\\b(?:in|for|during|over|throughout))?\\s*(?:only\\s+|just\\s+)?(?:the\\s+)?"
                + "(?<edge>first|last|final|opening|closing)\\s+" + N + SECONDS + "(?:\\s+only)?",
                (m, i) -> keepEdge(m.group("edge"), m.group("n"))));
        // taking a half out keeps the other: "cut the second half", 删掉后半段
        r.add(of("(?:cut|trim|remove|delete|drop|chop|lose|get\\s+rid\\s+of)\\s+(?:off\\s+|out\\s+)?(?:the\\s+)?(?<half>first|1st|front|second|2nd|last|latter|back)\\s+half"
                        + "(?:\\s+of\\s+(?:it|the\\s+(?:video|clip|footage)))?"
                        + "|(?:剪掉|删掉|删除|去掉|不要)(?:视频的?)?(?<zh>前|后)(?:半段|半部分|一半|半部)|(?:视频的?)?(?<zh2>前|后)(?:半段|半部分|一半|半部)(?:剪掉|删掉|删除|去掉|不要了?)",
                (m, i) -> half(!(m.group("half") != null ? m.group("half").matches("first|1st|front") : "前".equals(Rule.first(m, "zh", "zh2"))))));
        // a half ("the second half", "halfway through", 后半段): where it starts is known only with the video, so the trim
        // says which half; beside an edit that takes a part it is that edit's part, as the first seconds are
        r.add(of("(?:(?:only\\s+)?keep(?:\\s+only)?\\s+|\\b(?:in|for|during|over|throughout)\\s+)?(?:only\\s+|just\\s+)?(?:the\\s+)?"
                        + "(?<half>first|1st|front|second|2nd|last|latter|back)\\s+half(?:\\s+of\\s+(?:it|the\\s+(?:video|clip|footage)))?(?:\\s+only)?"
                        + "|(?:from\\s+)?half\\s*way(?:\\s+(?:through|point|mark))?(?:\\s+(?:on|onwards?|to\\s+the\\s+end))?"
                        + "|(?:只保留|保留|只要)?(?:视频)?的?(?<zh>前|后)(?:半段|半部分|一半|半部)(?!的?(?:保持|正常|不变|原速|原样))",
                (m, i) -> half(m.group("half") != null ? m.group("half").matches("first|1st|front") : "前".equals(m.group("zh")))));
        r.add(of("(?:trim|cut|shorten)\\s+(?:the\\s+)?(?<edge>end|ending|start|beginning)\\s+by\\s+" + N + SECONDS,
                (m, i) -> dropEdge(m.group("edge").startsWith("end") ? "last" : "first", m.group("n"))));
        // "make it 30 seconds" is a length; "cut 10 seconds" / "trim 5 seconds" may as well mean taking them away, so
        // those are a length only with "long"
        r.add(of("make" + SUBJECT + "\\s+(?:exactly\\s+|just\\s+|only\\s+)?" + N + SECONDS + "(?:\\s+long|\\s*$)"
                        + "|(?:cut|trim)" + SUBJECT + "\\s+(?:exactly\\s+|just\\s+|only\\s+)?" + N.replace("<n>", "<n2>") + SECONDS + "\\s+long",
                (m, i) -> trim(0, Numbers.parse(Rule.first(m, "n", "n2")))));
        // "trim 5 seconds off the end", "shave a second off the start": an amount taken from one end
        r.add(of("(?:cut|trim|remove|drop|take|shave|chop|clip|lop|knock)\\s+(?:off\\s+)?(?<n>" + Numbers.PATTERN + "|an?|one)" + SECONDS
                        + "\\s+(?:off|from)\\s+(?:of\\s+)?(?:the\\s+)?(?<edge>end|ending|back|tail|start|beginning|front|head)(?:\\s+of\\s+(?:it|the\\s+(?:video|clip)))?",
                (m, i) -> dropEdge(m.group("edge").matches("end|ending|back|tail") ? "last" : "first",
                        m.group("n").matches("an?|one") ? "1" : m.group("n"))));
        r.add(of("(?:trim|cut|shorten)" + SUBJECT + "(?:\\s+down)?\\s+to\\s+" + N + SECONDS + "(?:\\s+long)?",
                (m, i) -> trim(0, Numbers.parse(m.group("n")))));
        r.add(of("(?:只保留|保留|只要|截取|裁剪出?|剪切|剪辑|剪出|只留|留下|剪到|剪成|截到|缩短到|缩短为)?\\s*(?:视频)?的?(?<edge>前|后|最后)\\s*" + N
                + SECONDS + "(?:的?内容)?(?:剪出来|截出来|截下来|留下来)?", (m, i) -> keepEdge(m.group("edge"), m.group("n"))));
        r.add(of("(?:截取|剪|裁剪|剪辑|缩短)(?:成|到|为)\\s*(?:前\\s*)?" + N + SECONDS, (m, i) -> trim(0, Numbers.parse(m.group("n")))));

        // reverse
        r.add(fixed("(?:reverse(?:d)?|rewind)(?:\\s+(?:playback|it|the\\s+video|the\\s+clip))?|play" + SUBJECT
                + "\\s+(?:in\\s+)?(?:backwards?|reverse)|backwards?(?:\\s+playback)?|in\\s+reverse"
                + "|倒放|倒序(?:播放)?|倒着播放?|倒着放|反着放|(?:颠倒|倒)过来(?:播放?|放)|反向播放|倒带", Operation.REVERSE));

        // loop
        r.add(of("(?:loop|repeat)" + SUBJECT + "(?:\\s+(?<n>" + Numbers.PATTERN + "|twice|thrice)\\s*(?:times|x|×)?)?"
                        + "|(?:play\\s+it\\s+)?(?<n2>twice|thrice|" + Numbers.PATTERN + "\\s+times)\\s+in\\s+a\\s+row"
                        // "play it twice" is a loop, "play it twice as fast" a speed
                        + "|play" + SUBJECT + "(?:\\s+back)?\\s+(?:over\\s+)?(?<n3>twice|thrice|" + Numbers.PATTERN + "\\s+times)(?:\\s+(?:over|in\\s+total))?(?!\\s*(?:as|faster|slower|quicker|the|speed|x\\b))",
                (m, i) -> loop(Rule.first(m, "n", "n2", "n3"))));
        r.add(of("(?:循环|重复)(?:播放|放)?\\s*(?:" + N + "\\s*(?:次|遍))?|(?:连续|连着|连)?(?:播放|放)\\s*" + N.replace("<n>", "<n2>") + "\\s*(?:次|遍)",
                (m, i) -> loop(Rule.first(m, "n", "n2"))));

        // freeze frame
        r.add(of("(?:an?\\s+)?(?:" + N + SECONDS + "\\s*)?freeze(?:[\\s-]+frame)?\\s+(?:at|on)\\s+the\\s+end(?:\\s+for\\s+" + N.replace("<n>", "<n2>") + SECONDS + ")?",
                (m, i) -> freeze(null, m.group("n") != null ? m.group("n") : m.group("n2"))));
        r.add(of("(?:结尾)?(?:最后|结尾|末尾)(?:一帧)?(?:画面)?定格(?:\\s*" + N + SECONDS + ")?", (m, i) -> freeze(null, m.group("n"))));
        r.add(of("freeze(?:\\s+(?:on\\s+)?(?:the\\s+)?(?:last|final|end)\\s+frame|\\s+(?:on\\s+)?(?:the\\s+)?end|\\s+at\\s+the\\s+end)"
                        + "(?:\\s+for\\s+" + N + SECONDS + ")?(?:\\s+at\\s+the\\s+end)?"
                        // "the last frame of the squat held for 3 seconds at the end": the frame, then what becomes of it
                        + "|(?:the\\s+|that\\s+)?(?:last|final|end)\\s+frame(?:\\s+of\\s+(?:the\\s+|my\\s+|our\\s+)?[a-z]+)?\\s+(?:to\\s+)?(?:held|frozen|paused|kept|staying|stays|hold|freeze"
                        + "|stay|remain|linger)(?:\\s+(?:on\\s+screen|still|up))?\\s+for\\s+" + N.replace("<n>", "<n2>") + SECONDS
                        + "(?:\\s+(?:at\\s+the\\s+end|afterwards|after(?:\\s+it\\s+ends)?))?",
                (m, i) -> freeze(null, Rule.first(m, "n", "n2"))));
        // the moment said first ("at 1:12 freeze it for 2 seconds"), or the length before the moment ("freeze frame for
        // 2 seconds at 0:37")
        String frozen = "freeze(?:[\\s-]+frame)?(?:\\s+(?:it|this|(?:the\\s+)?(?:frame|image|picture|video|shot|action|moment)))?";
        r.add(of("at\\s+(?:the\\s+)?" + time("at") + SECONDS + "?(?:\\s+mark)?\\s*,?\\s+(?:add\\s+a\\s+|do\\s+a\\s+)?" + frozen
                        + "(?:\\s+for\\s+" + N + SECONDS + ")?"
                        + "|(?:add\\s+a\\s+)?" + frozen + "\\s+for\\s+" + N.replace("<n>", "<n2>") + SECONDS + "\\s+at\\s+(?:the\\s+)?" + time("at2") + SECONDS + "?(?:\\s+mark)?",
                (m, i) -> freeze(Rule.first(m, "at", "at2"), Rule.first(m, "n", "n2"))));
        r.add(of("freeze(?:[\\s-]+frame)?(?:\\s+(?:it|this|(?:the\\s+)?(?:frame|image|picture|video)))?\\s+at\\s+(?:the\\s+)?" + time("at") + SECONDS + "?(?:\\s+mark)?"
                        + "(?:\\s+for\\s+" + N + SECONDS + ")?|(?:add\\s+a\\s+)?freeze[\\s-]+frame(?:\\s+for\\s+" + N.replace("<n>", "<n2>")
                        + SECONDS + ")?",
                (m, i) -> freeze(m.group("at"), m.group("n") != null ? m.group("n") : m.group("n2"))));
        // a clock time needs no 秒 (在0:30定格2秒); a moment named by what happens (新娘进场的时候定格) is no frame's name
        // and no time: not read, so not understood
        r.add(of("(?:(?:在\\s*)?(?:第?\\s*" + time("at") + SECONDS + "|(?<atclock>" + Rule.CLOCK + "))(?:处|的时候|时|的地方|的位置|那里|这里|那儿)?)?\\s*(?:那个|这个|的)?(?![\\p{IsHan}]{0,8}?(?:的时候|时候|那一刻|一刻|瞬间|时刻)(?:帮我|给我|帮忙|麻烦)?定格)(?:[\\p{IsHan}]{1,8}?|[\\p{IsHan}]{0,4}(?:pose|shot|scene|moment))?(?<!不|别|没|无需|不用|不要)(?=(?:帮我|给我|帮忙|麻烦)?(?:画面)?定格)(?:帮我|给我|帮忙|麻烦)?(?:画面)?定格(?:画面)?(?:\\s*" + N + SECONDS + ")?",
                (m, i) -> {
                    String moment = Rule.first(m, "at", "atclock");
                    if (moment == null && MOMENT_BY_WHAT_HAPPENS_ZH.matcher(m.group()).find()) {
                        // 把他摔倒那里定格: a moment named by what happens there, not the end, and not one the engine can find
                        String said = m.group().strip();
                        throw Refusal.notUnderstood("\"" + said + "\" names the moment by what happens in it, which the local engine cannot find; say when, e.g. \"freeze at 0:12 for 2 seconds\"",
                                "“" + said + "”用画面内容指代时刻，本地引擎无法找到；请说明时间，例如“在0:12定格2秒”", null);
                    }
                    return freeze(moment, m.group("n"));
                }));

        // "start with a fade", "end with a fade to black": where the fade is says which
        r.add(of("(?<open>start|begin|open)s?(?:\\s+(?:it|the\\s+(?:video|clip)))?\\s+with\\s+(?:an?\\s+)?fade(?:[\\s-]+(?:in|up)|\\s+from\\s+black)?"
                        + "|(?:end|finish|close)s?(?:\\s+(?:it|the\\s+(?:video|clip)))?\\s+with\\s+(?:an?\\s+)?fade(?:[\\s-]+out|\\s+to\\s+black)?",
                (m, i) -> fade(m.group("open") != null ? Operation.FADE_IN : Operation.FADE_OUT, null)));
        // fades (before speed and colour: "fade out over 2 seconds")
        String fadeLength = "(?:\\s+(?:over|for|of|in|lasting)?\\s*" + N + SECONDS + ")?";
        r.addAll(Rule.each((m, i) -> fade(Operation.FADE_BOTH, m.group("n")),
                "fade(?:s)?(?:[\\s-]+in)(?:\\s+and\\s+|\\s*/\\s*|\\s*&\\s*)out" + fadeLength,
                "fade\\s+(?:it\\s+)?in\\s+and\\s+out" + fadeLength,
                // "a fade at both the start and the end", 开头和结尾都加上渐变 (kept whole by the interpreter's protected words)
                "(?:an?\\s+)?fades?\\s+(?:at|to|on)\\s+(?:both\\s+)?(?:the\\s+)?(?:start|beginning)\\s+and\\s+(?:at\\s+)?(?:the\\s+)?end" + fadeLength,
                "(?:开头|片头)和?(?:结尾|片尾)都?(?:加上?个?|添加|做)?(?:渐变|淡入淡出|淡化)(?:\\s*" + N + SECONDS + ")?"));
        r.add(of("fade\\s+(?:it|the\\s+(?:video|clip|footage))\\s+(?<dir>in|out)" + fadeLength,
                (m, i) -> fade(m.group("dir").equals("in") ? Operation.FADE_IN : Operation.FADE_OUT, m.group("n"))));
        // "from black" / "to black" only name the default fade colour; they belong to the fade
        r.add(of("(?:an?\\s+)?(?:" + N.replace("<n>", "<n0>") + SECONDS + "\\s*)?fade(?:[\\s-]+(?:(?:in|up)(?:\\s+from\\s+black)?|from\\s+black))(?:\\s+at\\s+the\\s+(?:start|beginning))?" + fadeLength,
                (m, i) -> fade(Operation.FADE_IN, m.group("n") != null ? m.group("n") : m.group("n0"))));
        r.add(of("(?:an?\\s+)?(?:" + N.replace("<n>", "<n0>") + SECONDS + "\\s*)?fade\\s+(?:at|in)\\s+the\\s+(?<at>end|close|start|beginning)" + fadeLength,
                (m, i) -> fade(m.group("at").matches("end|close") ? Operation.FADE_OUT : Operation.FADE_IN, m.group("n") != null ? m.group("n") : m.group("n0"))));
        r.add(of("(?:an?\\s+)?(?:" + N.replace("<n>", "<n0>") + SECONDS + "\\s*)?fade(?:[\\s-]+(?:out(?:\\s+to\\s+black)?|to\\s+black))(?:\\s+at\\s+the\\s+end)?" + fadeLength,
                (m, i) -> fade(Operation.FADE_OUT, m.group("n") != null ? m.group("n") : m.group("n0"))));
        String zhFadeLength = "(?:\\s*" + N.replace("<n>", "<n2>") + SECONDS + ")?";
        r.add(of("(?:" + N + SECONDS + "的?)?淡入淡出" + zhFadeLength, (m, i) -> fade(Operation.FADE_BOTH, Rule.first(m, "n", "n2"))));
        r.add(of("(?:(?:开头|开始|片头)(?:加上?个?|添加|做个?|来个)?)?(?:" + N + SECONDS + "的?)?(?:淡入|渐显|从黑场淡入)(?:的?(?:开头|开场))?" + zhFadeLength,
                (m, i) -> fade(Operation.FADE_IN, Rule.first(m, "n", "n2"))));
        r.add(of("(?:(?:结尾|结束|末尾|片尾)(?:加上?个?|添加|做个?|来个)?)?(?:" + N + SECONDS + "的?)?(?:淡出|渐隐|淡出到黑场)" + zhFadeLength,
                (m, i) -> fade(Operation.FADE_OUT, Rule.first(m, "n", "n2"))));

        // frame rate (before speed: "60 fps" is not "60x")
        // before "N帧" alone, which would leave 帧率改成 unread
        r.add(of("帧率(?:改为|改成|设为|设置为|调到|调整为|变成|为|到)?\\s*" + N + "(?:\\s*(?:fps|帧))?", (m, i) -> fps(m.group("n"))));
        r.add(of("(?:(?:change|convert|set)\\s+(?:the\\s+)?frame\\s*rate\\s+(?:to\\s+)?|frame\\s*rate\\s+(?:of\\s+|to\\s+)?|at\\s+)?"
                // "最后一帧定格住", "第一帧": which frame, not a rate of one a second
                + "(?<!最后|最后的|第)" + N + "\\s*(?:fps|frames?\\s+(?:per|a)\\s+second|帧每秒|帧/秒|帧)", (m, i) -> fps(m.group("n"))));
        r.add(of("(?:change|convert|set)\\s+(?:the\\s+)?(?:frame\\s*rate|fps)\\s+to\\s+" + N + "(?:\\s*fps)?", (m, i) -> fps(m.group("n"))));

        return List.copyOf(r);
    }

    /** Speed rules come after geometry ones: in "upscale 2x" and "zoom in 2x" the "2x" is not a speed. */
    static List<Rule> speedRules() {
        List<Rule> r = new ArrayList<>();
        String unit = "\\s*(?<unit>x|×|times|%|percent|per\\s+cent)?";
        // "speed it up to 3x speed": the amount may name what it is the amount of
        final String speedNoun = "(?:\\s+(?:the\\s+)?(?:playback\\s+)?(?:speed|pace))?";
        r.add(of("(?<dir>faster|quicker|slower)\\s+by\\s+" + N + unit,
                (m, i) -> speed(Rule.changeBy(m.group("dir").equals("slower") ? -1 : 1, Numbers.parse(m.group("n")), m.group("unit")))));
        r.add(of("(?<dir>reduce|decrease|lower|cut|increase|raise|boost)\\s+(?:the\\s+)?(?:playback\\s+)?speed\\s+by\\s+" + N + unit,
                (m, i) -> speed(Rule.changeBy(m.group("dir").matches("reduce|decrease|lower|cut") ? -1 : 1,
                        Numbers.parse(m.group("n")), m.group("unit")))));
        r.add(of("(?:(?:播放)?速度(?<dir>加快|提高|提升|放慢|降低|减慢)|(?<dir2>加快|放慢|减慢))\\s*" + N + "\\s*%",
                (m, i) -> speed((m.group("dir") != null ? m.group("dir") : m.group("dir2")).matches("加快|提高|提升") ? 1 + Numbers.parse(m.group("n")) / 100
                        : 1 - Numbers.parse(m.group("n")) / 100)));
        r.add(of("(?<dir>increase|raise|up|boost|decrease|reduce|lower)\\s+(?:the\\s+)?(?:playback\\s+)?speed(?!\\s+by)",
                (m, i) -> speed(m.group("dir").matches("decrease|reduce|lower") ? DEFAULT_SLOW_DOWN : DEFAULT_SPEED_UP)));
        // no number but "a lot" / "super": a strong change (half or double speed)
        r.add(of("(?:speed" + SUBJECT + "\\s+up|accelerate)" + SUBJECT + "\\s+" + MUCH + "|(?:super|very|really|extremely)\\s+fast",
                (m, i) -> speed(2)));
        r.add(of("slow" + SUBJECT + "\\s+down" + SUBJECT + "\\s+" + MUCH + "|(?:super|very|really|extremely)\\s+slow(?:ly)?",
                (m, i) -> speed(0.5)));
        // "a little" / "slightly": a gentle change
        r.add(of("(?:speed" + SUBJECT + "\\s+up|accelerate)" + SUBJECT + "\\s+" + SLIGHT + "|" + SLIGHT + "\\s+(?:faster|quicker)|(?:faster|quicker)\\s+" + SLIGHT,
                (m, i) -> speed(SLIGHT_SPEED_UP)));
        r.add(of("slow" + SUBJECT + "\\s+down" + SUBJECT + "\\s+" + SLIGHT + "|" + SLIGHT + "\\s+slower|slower\\s+" + SLIGHT,
                (m, i) -> speed(SLIGHT_SLOW_DOWN)));
        r.add(of("(?:(?:way|much|far)\\s+)?too\\s+(?<dir>slow|fast|quick)", (m, i) -> speed(m.group("dir").equals("slow") ? DEFAULT_SPEED_UP : DEFAULT_SLOW_DOWN)));
        r.add(of("(?:speed" + SUBJECT + "\\s+up|accelerate|fast[\\s-]?forward)" + SUBJECT
                + "(?:\\s+(?<by>by|to|so\\s+(?:that\\s+)?it'?s|so\\s+(?:that\\s+)?it\\s+is))?(?:\\s+(?:a\\s+factor\\s+of\\s+)?" + N + unit + speedNoun + ")?",
                (m, i) -> speedUp(m.group("n"), m.group("unit"), m.group("by"))));
        // "to a quarter" is the speed, "by a quarter" the change: 0.25 and 0.75 ("by half" is half speed either way)
        r.add(of("slow" + SUBJECT + "\\s+down" + SUBJECT + "\\s+(?<rel>by|to)\\s+(?<frac>half|a\\s+quarter)(?:\\s+(?:the\\s+)?(?:speed|pace))?",
                (m, i) -> {
                    double fraction = m.group("frac").equals("half") ? 0.5 : 0.25;
                    return speed(m.group("rel").equals("to") ? fraction : Rule.changeBy(-1, fraction, null));
                }));
        r.add(of("slow" + SUBJECT + "\\s+down" + SUBJECT + "(?:\\s+(?<by>by|to))?(?:\\s+(?:a\\s+factor\\s+of\\s+)?" + N
                + unit + speedNoun + ")?", (m, i) -> slowDown(m.group("n"), m.group("unit"), m.group("by"))));
        r.add(of("slow[\\s-]?mo(?:tion)?", (m, i) -> speed(0.5)));
        // "make the timelapse play in reverse": the video named by what it already is, no speed asked
        r.add(of("(?<!\\b(?:the|my|this|our|that|your|his|her|their)\\s(?:[a-z]{1,12}\\s)?)time[\\s-]?lapse|延时摄影|延时效果", (m, i) -> speed(TIMELAPSE)));
        r.add(of("(?:halve|half)\\s+the\\s+(?:speed|playback\\s+speed)", (m, i) -> speed(0.5)));
        r.add(of("quadruple(?:\\s+the)?\\s+speed|(?:4|four)\\s+times\\s+the\\s+speed", (m, i) -> speed(4)));
        r.add(of("(?:(?<word>twice|double)|(?<n3>thrice|triple)|" + N + "\\s+times)\\s+(?:as\\s+)?(?:faster|fast|quicker"
                + "|quick|the\\s+speed|speed)", (m, i) -> speed(m.group("word") != null ? 2
                : m.group("n3") != null ? 3 : Numbers.parse(m.group("n")))));
        r.add(of("(?<half>half|a\\s+quarter|quarter)[\\s-]+(?:the\\s+)?speed|(?<half2>half)\\s+as\\s+fast",
                (m, i) -> speed(m.group("half2") != null || m.group("half").equals("half") ? 0.5 : 0.25)));
        r.add(of("(?:playback\\s+)?speed(?:\\s*[:=]|\\s+(?:to|of|at))?\\s*" + N + "\\s*(?:x|×|times)?",
                (m, i) -> speed(Numbers.parse(m.group("n")))));
        // "play it at 150%", "play back at 2x": the speed it plays at
        r.add(of("play(?:\\s+it|\\s+the\\s+(?:video|clip))?(?:\\s+back)?\\s+at\\s+" + N + "\\s*(?<unit>%|percent|x|×)(?:\\s+(?:the\\s+)?(?:original\\s+|normal\\s+)?speed)?",
                (m, i) -> speed(isPercent(m.group("unit")) ? Numbers.parse(m.group("n")) / 100 : Numbers.parse(m.group("n")))));
        // "contrast by 2x" is a contrast change (colour rules come later)
        // "a 1.5x zoom", "2x magnification": a multiple of the picture's size, not of its speed
        r.add(of("(?<!(?:contrast|saturation)\\s{1,2}by\\s{1,2})" + N + "\\s*(?:x|×)(?!\\s*(?:zoom|magnif|punch|crop|scale|bigger|larger))(?:\\s+(?<dir>faster|slower|(?:the\\s+)?(?:playback\\s+)?speed|as\\s+fast))?",
                (m, i) -> "slower".equals(m.group("dir")) ? speed(1 / Numbers.parse(m.group("n")))
                        : speed(Numbers.parse(m.group("n")))));
        r.add(of(N + "\\s+(?:playback\\s+)?speed\\b", (m, i) -> speed(Numbers.parse(m.group("n")))));
        r.add(of(N + "\\s*%\\s+(?<dir>slower|faster)", (m, i) -> speed(m.group("dir").equals("faster")
                ? 1 + Numbers.parse(m.group("n")) / 100 : 1 - Numbers.parse(m.group("n")) / 100)));
        r.add(of("(?:(?<word>twice|double)|" + N + "\\s*(?:times|x|×))\\s+(?:as\\s+)?slow(?:er)?",
                (m, i) -> speed(m.group("word") != null ? 0.5 : inverseIfAboveOne(Numbers.parse(m.group("n"))))));
        r.add(of("(?:播放)?速度(?:调到|调成|调为|改为|改成|设为|设置为|变为|变成|提高到|加快到|提升到|降到|降低到|为)?\\s*(?:原来的)?\\s*(?:" + N + "\\s*倍速?|(?<half>一半|二分之一))",
                (m, i) -> speed(m.group("half") != null ? 0.5 : Numbers.parse(m.group("n")))));
        r.add(of(N + "\\s*%\\s+(?:of\\s+(?:the\\s+)?(?:original\\s+)?)?speed", (m, i) -> speed(Numbers.parse(m.group("n")) / 100)));
        r.add(of("(?:a\\s+(?:bit|little)\\s+)?\\b(?:faster|quicker)\\b", (m, i) -> speed(DEFAULT_SPEED_UP)));
        r.add(of("(?:a\\s+(?:bit|little)\\s+)?\\bslower\\b", (m, i) -> speed(DEFAULT_SLOW_DOWN)));
        r.add(of("(?:慢放|慢动作|慢镜头)(?:到|为)?(?:\\s*" + N + "\\s*倍速?|(?:一半|半速)?(?:的?速度)?)",
                (m, i) -> speed(m.group("n") == null ? 0.5 : inverseIfAboveOne(Numbers.parse(m.group("n"))))));
        r.add(of("(?:稍微|稍稍|略微)?(?:加速|(?:加快|调快)(?:一点|一些)?(?:播放)?(?:速度)?|快放|快进|提速|(?:播放)?速度(?:提高|加快|提升|加倍|调快|变快))(?:\\s*(?:到|为|了)?\\s*(?:原来的)?\\s*" + N + "\\s*倍(?:速度?)?)?",
                // "加快一倍" is twice as fast: one time more
                (m, i) -> speed(m.group("n") == null ? DEFAULT_SPEED_UP
                        : Numbers.parse(m.group("n")) == 1 && !m.group().matches(".*(?:到|为).*") ? 2 : Numbers.parse(m.group("n")))));
        r.add(of("(?<half0>速度减半)|(?:放慢|调慢|减速|降低速度|(?:播放)?速度(?:降低|减慢|放慢|调慢|变慢)|变慢)(?:\\s*(?:到|为|了)?\\s*(?:原来的)?\\s*(?:(?<half>一半|半速)的?(?:速度)?|" + N + "\\s*倍(?:速度?)?))?",
                // "放慢一倍" is half speed, as "加快一倍" is twice
                (m, i) -> speed(m.group("half") != null || m.group("half0") != null ? 0.5 : m.group("n") == null ? DEFAULT_SLOW_DOWN
                        : Numbers.parse(m.group("n")) == 1 && !m.group().matches(".*(?:到|为).*") ? 0.5
                        : inverseIfAboveOne(Numbers.parse(m.group("n"))))));
        r.add(of(N + "\\s*倍速(?:度)?", (m, i) -> speed(Numbers.parse(m.group("n")))));
        r.add(of("(?:一半|半)的?速度?", (m, i) -> speed(0.5)));
        r.add(of("(?:原来的|原速的)?(?<n>[零〇一二两三四五六七八九十]+分之[一二三四五六七八九十]+|\\d+/\\d+)的?(?:速度|倍速)", (m, i) -> speed(Numbers.parse(m.group("n")))));
        r.add(of(N + "\\s*倍的?(?:速度|快)", (m, i) -> speed(Numbers.parse(m.group("n")))));
        return List.copyOf(r);
    }

    /** All of one side of a point in time: "everything after 0:20". */
    private static final String EVERYTHING = "(?:everything|anything|all|what(?:ever)?\\s+comes)";

    /** A point in time named apart by {@code k}: "5 seconds", "the 5 second mark", "0:05", "second 5". */
    private static String point(String k) {
        return "(?:the\\s+)?(?:(?<n" + k + ">" + Numbers.PATTERN + ")" + SECONDS + "|(?<t" + k + ">" + Rule.CLOCK + ")"
                + "|second\\s+(?<m" + k + ">" + Numbers.PATTERN + "))(?:\\s+mark)?";
    }

    /** The seconds of the {@link #point} that matched. */
    private static double pointValue(MatchResult m, String... ks) {
        for (String k : ks) {
            if (m.group("t" + k) != null) {
                return seconds(m.group("t" + k));
            }
            String n = Rule.first(m, "n" + k, "m" + k);
            if (n != null) {
                return Numbers.parse(n);
            }
        }
        throw new IllegalStateException("no point matched");
    }

    private static boolean isRange(MatchResult m) {
        return m.group("kw") != null || m.group("unit") != null || m.group("from").contains(":");
    }

    /** Keeping the first or the second half of what is kept, whatever its length. */
    static EditOperation half(boolean first) {
        return op(Operation.TRIM, Map.of("half", first ? "first" : "second"));
    }

    static EditOperation trim(double start, double duration) {
        if (!(duration > 0) || start < 0) {
            throw invalid("a trim must keep more than 0 seconds", "截取的时长必须大于 0 秒");
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("start", round(start));
        params.put("duration", round(duration));
        return op(Operation.TRIM, params);
    }

    private static EditOperation keepRange(String from, String to) {
        Range range = Range.of(from, to);
        return trim(range.start(), range.end() - range.start());
    }

    private static EditOperation cut(String from, String to) {
        Range range = Range.of(from, to);
        return op(Operation.CUT, Map.of("start", round(range.start()), "end", round(range.end())));
    }

    /** A time range as a prompt names it, "from ... to ..."; an empty one is refused, whatever it was for. */
    private record Range(double start, double end) {
        static Range of(String from, String to) {
            double start = seconds(from);
            double end = seconds(to);
            if (!(end > start)) {
                throw invalid("the range " + from + " to " + to + " is empty: its end must come after its start",
                        "时间范围 " + from + " 到 " + to + " 为空：结束时间必须晚于开始时间");
            }
            return new Range(start, end);
        }
    }

    private static boolean atEnd(String edge) {
        return edge.matches("last|final|closing|后|最后|结尾|末尾");
    }

    private static EditOperation keepEdge(String edge, String number) {
        double n = Numbers.parse(number);
        if (!(n > 0)) {
            throw invalid("a trim must keep more than 0 seconds", "截取的时长必须大于 0 秒");
        }
        return atEnd(edge) ? op(Operation.TRIM_LAST, Map.of("duration", round(n))) : trim(0, n);
    }

    /** Dropping the first N seconds keeps the rest; dropping the last N is a trim from the end. */
    private static EditOperation dropEdge(String edge, String number) {
        double n = Numbers.parse(number);
        if (!(n > 0)) {
            throw invalid("the part to cut must be longer than 0 seconds", "要剪掉的部分必须长于 0 秒");
        }
        return atEnd(edge) ? op(Operation.DROP_LAST, Map.of("duration", round(n))) : op(Operation.TRIM, Map.of("start", round(n)));
    }

    private static EditOperation loop(String number) {
        int times = number == null ? 2 : switch (number.strip()) {
            case "twice" -> 2;
            case "thrice" -> 3;
            default -> (int) Math.round(Numbers.parse(number.replaceAll("\\s*times$", "")));
        };
        if (times < 2 || times > MAX_LOOPS) {
            throw invalid("a loop plays the video 2 to " + MAX_LOOPS + " times (got " + times + ")",
                    "循环播放次数必须在 2 到 " + MAX_LOOPS + " 次之间（当前为 " + times + "）");
        }
        return op(Operation.LOOP, Map.of("times", times));
    }

    /** A moment told by a place in what happens (他摔倒那里, 进球的地方) rather than by a time. */
    private static final Pattern MOMENT_BY_WHAT_HAPPENS_ZH = Pattern.compile("\\p{IsHan}(?:那里|那儿|的地方|那个地方|那一下|那下)");

    private static EditOperation freeze(String at, String forSeconds) {
        double length = forSeconds == null ? DEFAULT_FREEZE : Numbers.parse(forSeconds);
        if (!(length > 0 && length <= 30)) {
            throw invalid("a freeze frame lasts more than 0 and at most 30 seconds", "定格时长必须大于 0 秒且不超过 30 秒");
        }
        Map<String, Object> params = new LinkedHashMap<>();
        if (at != null) {
            params.put("at", round(seconds(at)));
        }
        params.put("duration", round(length));
        return op(at == null ? Operation.FREEZE_END : Operation.FREEZE, params);
    }

    /** Edits that last a number of seconds of their own: a card, a freeze, a fade, a text. */
    private static final Set<Operation> FADES = EnumSet.of(Operation.FADE_IN, Operation.FADE_OUT, Operation.FADE_BOTH);
    private static final Set<Operation> LASTS = EnumSet.of(Operation.INTRO, Operation.OUTRO, Operation.FREEZE, Operation.FREEZE_END,
            Operation.FADE_IN, Operation.FADE_OUT, Operation.FADE_BOTH, Operation.TEXT);
    /** A length said alone: "3 sec", "for like 3 seconds", "about 5s long", 放3秒, 停5秒, 持续两秒左右. */
    private static final Pattern LASTING = Pattern.compile("(?:(?:and\\s+)?(?:show|keep|hold|leave|have)\\s+(?:it|that|them|this|the\\s+(?:card|text|title|caption|logo|image|picture|slide))"
            + "\\s+(?:up\\s+|on(?:\\s+screen)?\\s+|there\\s+)?(?=for\\s))?" // "…, show it for 4 seconds"
            + "(?:(?:for|lasting|about|around|like|roughly|approx(?:imately)?|maybe|just)\\s+)*"
            + N + "\\s*(?:seconds?|secs?|s)\\b(?:\\s+long)?(?:\\s+(?:at|in)\\s+the\\s+(?:end|start|beginning))?(?:\\s+please)?"
            + "|(?:各|每个|都|放|停|停留|持续|显示|定格|留)?\\s*" + N.replace("<n>", "<n2>") + "\\s*秒钟?(?:左右|就行|就好|吧)?");
    /** A length already said in the edit's words (not a moment: 从第5秒开始, "at 5s"). */
    private static final Pattern SAID_LENGTH = Pattern.compile("(?<![第从在\\d.])(?<!\\b(?:at|from)\\s)\\d+(?:\\.\\d+)?\\s*(?:seconds?|secs?|s\\b|秒)|[一二两三四五六七八九十]\\s*秒|\\b(?:one|two|three|four|five|six|seven|eight|nine|ten)\\s+seconds?\\b");

    /**
     * The edit just asked for, lasting the seconds said apart from it ("freeze the last frame 3 sec", "add end screen
     * 'thanks' 5 sec", 片头用图1，放3秒); null when {@code clause} is not a length alone, the edit lasts no time of its
     * own, or its words already said how long.
     */
    static EditOperation lasting(EditOperation previous, String clause) {
        Operation operation = Operation.of(previous);
        Matcher m = LASTING.matcher(clause.strip());
        if (!LASTS.contains(operation) || !m.matches() || SAID_LENGTH.matcher(previous.source()).find()) {
            return null;
        }
        double length = Numbers.parse(Rule.first(m, "n", "n2"));
        double most = FADES.contains(operation) ? 10 : 30; // as a fade and a card or freeze said with their length
        if (!(length > 0 && length <= most)) {
            throw invalid("it lasts more than 0 and at most " + (int) most + " seconds (got " + round(length) + ")",
                    "时长必须大于 0 秒且不超过 " + (int) most + " 秒（当前为 " + round(length) + "）");
        }
        Map<String, Object> params = new LinkedHashMap<>(previous.params());
        params.put("duration", round(length));
        if (operation == Operation.TEXT && !params.containsKey("start") && !params.containsKey("at")) {
            params.put("start", 0.0); // a caption for 5 seconds is shown from the start, as "for 5 seconds" said with it is
        }
        return new EditOperation(previous.op(), params, previous.source() + ", " + clause.strip());
    }

    private static EditOperation fade(Operation which, String number) {
        double length = number == null ? DEFAULT_FADE : Numbers.parse(number);
        if (!(length > 0 && length <= 10)) {
            throw invalid("a fade lasts more than 0 and at most 10 seconds", "淡入淡出时长必须大于 0 秒且不超过 10 秒");
        }
        return op(which, Map.of("duration", round(length)));
    }

    private static EditOperation fps(String number) {
        double fps = Numbers.parse(number);
        if (!(fps >= 1 && fps <= 120)) {
            throw invalid("the frame rate must be between 1 and 120 fps (got " + number + ")",
                    "帧率必须在 1 到 120 之间（当前为 " + number + "）");
        }
        return op(Operation.FPS, Map.of("fps", round(fps)));
    }

    /** "speed up by half" is 1.5x, "speed up to 150%" is 1.5x, "speed up 2x" is 2x. */
    private static EditOperation speedUp(String number, String unit, String byOrTo) {
        if (number == null) {
            return speed(DEFAULT_SPEED_UP);
        }
        double n = Numbers.parse(number);
        boolean to = byOrTo != null && !byOrTo.equals("by");
        return speed(to ? (isPercent(unit) ? n / 100 : n) : Rule.changeBy(1, n, unit));
    }

    private static EditOperation slowDown(String number, String unit, String byOrTo) {
        if (number == null) {
            return speed(DEFAULT_SLOW_DOWN);
        }
        double n = Numbers.parse(number);
        if ("by".equals(byOrTo)) {
            return speed(Rule.changeBy(-1, n, unit));
        }
        if (isPercent(unit)) {
            return speed("to".equals(byOrTo) ? n / 100 : 1 - n / 100);
        }
        return speed(inverseIfAboveOne(n));
    }

    private static boolean isPercent(String unit) {
        return unit != null && unit.matches("%|per\\s*cent");
    }

    /** "slow down 2x" and "放慢两倍" mean half speed; "slow down to 0.5" means the same. */
    private static double inverseIfAboveOne(double n) {
        return n > 1 ? 1 / n : n;
    }

    static EditOperation speed(double factor) {
        if (!(factor >= MIN_SPEED && factor <= MAX_SPEED)) {
            throw invalid("the speed factor must be between " + MIN_SPEED + " and " + MAX_SPEED + " (got " + round(factor) + ")",
                    "速度倍数必须在 " + MIN_SPEED + " 到 " + MAX_SPEED + " 之间（当前为 " + round(factor) + "）");
        }
        return op(Operation.SPEED, Map.of("factor", round(factor)));
    }
}
