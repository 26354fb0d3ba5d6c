package dev.vedit.server.engine.local;

import static dev.vedit.server.engine.local.Rule.fixed;
import static dev.vedit.server.engine.local.Rule.impossible;
import static dev.vedit.server.engine.local.Rule.invalid;
import static dev.vedit.server.engine.local.Rule.number;
import static dev.vedit.server.engine.local.Rule.of;
import static dev.vedit.server.engine.local.Rule.op;
import static dev.vedit.server.engine.local.Rule.round;

import dev.vedit.server.engine.local.operation.Operation;
import dev.vedit.wire.EditOperation;
import dev.vedit.wire.ErrorCode;
import dev.vedit.wire.VeditException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Geometry: rotation, flips, aspect ratio (crop or pad), resolution, upscaling and zoom. */
final class FrameRules {
    /** A shape a video is asked in, by name or ratio ("9:16", "square", "vertical"): two of them are two videos. */
    static final String SHAPE = "(?:\\d{1,2}:\\d{1,2}|square|vertical|horizontal|landscape|portrait|widescreen)";

    static final int MAX_SIDE = 4096;
    private static final String SUBJECT = "(?:\\s+(?:it|this(?:\\s+(?:video|clip|footage))?|the\\s+(?:whole\\s+|entire\\s+)?video|the\\s+whole\\s+thing|the\\s+clip|the\\s+footage|the\\s+frame|the\\s+image))?";
    /**
     * What the video is called when it must be named: "crop it square" says what "crop square" could say of a part
     * ("turn landscape video into portrait" is not a turn to landscape).
     */
    private static final String NAMED_SUBJECT = "(?:it|this(?:\\s+(?:video|clip|footage))?|the\\s+(?:whole\\s+|entire\\s+)?video|the\\s+whole\\s+thing|the\\s+clip|the\\s+footage)";
    private static final String N = number("n");
    /** After "flip vertical": not "flip vertical video to horizontal", which names the video's shape. */
    private static final String NOT_A_SHAPE = "(?!\\s+(?:video|clip|footage|format|one|shot|to|into|orientation|mode)\\b)";
    /** Courtesy around a clause that is read whole ("can u flip it pls"): only the anchored rules need it said. */
    private static final String POLITE = "(?:(?:(?:can|could|would|will)\\s+(?:you|u)|please|pls|plz|kindly|just)\\s+)*";
    private static final String THANKS = "(?:\\s+(?:please|pls|plz|for\\s+me|thanks))?";
    /** The parameter of an {@link #fitted} request: how a ratio is met, said apart from the ratio. */
    private static final String FIT_ONLY = "fitOnly";
    /** A zoom said as cropping in, with no amount: "crop in on the center", "crop in tight". */
    private static final Pattern CROP_IN = Pattern.compile("crop(?:ped|ping)?\\s+in\\b(?!.*\\d)");

    /**
     * What an {@link #FIT_ONLY} request asks: bars ("letterbox it"), only that nothing be cropped ("don't crop"), or that
     * the picture be cropped ("crop the sides", "crop to fit"), which is how a ratio is met anyway.
     */
    private enum FitAsked { BARS, UNCROPPED, CROPPED }

    private FrameRules() {
    }

    /** The aspect ratios people name, which a clock time could also be written as ("logo bottom right, 9:16"). */
    static final String RATIO_SAID = "(?<![\\d:.])(?:9:16|16:9|1:1|4:5|5:4|4:3|3:4|21:9|2:3|3:2)(?![\\d:.])";
    private static final String SOMEONE = "(?:him|her|them|me|us|(?:my|our|the|his|her|their|that|this)\\s+(?:little\\s+)?[a-z]+)";
    /** A crop that follows someone moving ("keep following my son as he runs", 画面一直跟着她): the local engine crops one fixed region. */
    static final String FOLLOWING = "\\b(?:have|make|let|get)\\s+(?:the\\s+)?(?:frame|crop|camera|shot|picture|video|view)\\s+(?:follow|track)s?\\b.*"
            + "|\\b(?:keep|kept|always|stay|staying)\\s+(?:following|tracking|on)\\s+" + SOMEONE + "\\s+(?:as|while|when|around|across|wherever|everywhere|the\\s+whole)\\b.*"
            + "|\\b(?:keep|kept|always)\\s+(?:following|tracking)\\s+" + SOMEONE + "\\b.*"
            + "|(?<!\\b(?:the|my|our|his|her)\\s)\\b(?:crop|frame|camera|shot|view)\\s+(?:that\\s+|which\\s+)?(?:follows?|tracks?|following|tracking)\\s+" + SOMEONE + "\\b.*"
            + "|\\b(?:auto[\\s-]?(?:track(?:ing)?|follow|reframe|reframing)|tracking\\s+crop|smart\\s+(?:crop|reframe))\\b.*"
            + "|\\bkeep\\s+" + SOMEONE + "\\s+(?:centered|centred|in\\s+(?:the\\s+)?(?:middle|center|centre|frame|shot))\\s+(?:as|while|when|the\\s+whole)\\b.*"
            + "|(?:画面|镜头|裁剪框|取景框|框)(?:要|能|会|得)?(?:一直|自动|始终|全程)?(?:跟着|跟随|跟踪|追踪|追着|锁定)(?!音乐|节奏|节拍)[^，,。；;]*"
            + "|自动(?:跟踪|追踪|跟随|跟拍|追焦)[^，,。；;]*";

    static List<Rule> rules() {
        List<Rule> r = new ArrayList<>();
        // a crop that follows someone moving: the local engine crops one fixed region and tracks nothing
        r.add(impossible(FOLLOWING,
                ": the local engine crops one fixed region of the frame; a crop that follows a moving person or object needs tracking it does not do (crop to a fixed ratio, e.g. \"crop it to 9:16\", or route the model to a generative engine)",
                "：本地引擎只能按固定区域裁剪画面，无法跟踪移动的人或物体（可改为固定比例裁剪，例如“裁成9:16”，或将模型路由到生成式引擎）"));
        // what the camera never recorded: outside the frame, after or before the recording, detail too small to read
        r.add(impossible("\\b(?:show|see|reveal|recover|bring\\s+back|get\\s+back)\\b[^,.]{0,40}?\\b(?:(?:just\\s+)?(?:left|right)|outside)\\s+of\\s+(?:the\\s+)?frame\\b"
                        + "|\\bshow\\s+(?:me\\s+)?(?:the\\s+)?rest\\s+of\\s+(?:him|her|them|me|us)\\b|\\b(?:show|see)\\s+what\\s+happen(?:ed|s)\\s+(?:after|before|next)\\b"
                        + "|\\b(?:make|get)\\s+the\\s+(?:licen[cs]e\\s+)?(?:plate|number\\s+plate|plate\\s+number)\\s+readable\\b"
                        + "|\\benhance\\b[^,.]{0,40}?\\b(?:plate|number)\\b"
                        + "|(?:画面|镜头)外(?:面|边)?的?[^，,。]{0,8}?(?:补|弄|拍|显示|还原)出来|(?:车牌|号码)[^，,。]{0,12}?(?:看清|能看到|恢复|看得清|清楚)|(?<!让(?:客户|顾客|买家|大家|观众|学员|学生|别人|家长|粉丝)[^，,。]{0,2})(?:看清|能看到|看得清)[^，,。]{0,4}(?:车牌|号码)"
                        + "|没拍(?:到|进去)的?[^，,。]{0,8}?(?:补|弄|做)(?:出来|上|回来)|(?:画面|镜头)外(?:面|边)?(?:当时)?发生了?什么"
                        + "|\\b(?:show|see)\\b[^,.]{0,40}?\\boff\\s+(?:the\\s+)?(?:left|right|top|bottom)?\\s*(?:edge|side)\\s+of\\s+(?:the\\s+)?(?:frame|shot|screen)\\b"
                        + "|\\b(?:recover|restore|show|bring\\s+back)\\b[^,.]{0,40}?\\b(?:the\\s+)?camera\\s+(?:missed|didn'?t\\s+(?:catch|get|record|film))"
                        // a dropout of the sound: what was said while the microphone was off
                        + "|\\b(?:recover|restore|bring\\s+back|fill\\s+in)\\s+(?:what\\s+(?:she|he|they|i|we|you)\\s+(?:said|says)|the\\s+(?:lost|missing)\\s+(?:audio|sound|words|dialogue))\\b"
                        + "|(?<!(?:用|让)ai[^，,。]{0,12})(?:声音|录音|内容|画面)[^，,。]{0,4}?补(?:回来|返|上|出来)|补返",
                " asks for what the camera or the microphone did not record (outside the"
                        + " frame, before or after the recording, a dropout, detail too small to read); no engine can recover it, a generative"
                        + " one would invent it",
                "要求的画面或声音不在原视频里（画面之外、录制前后、中途断掉、太小无法辨认的细节），任何引擎都无法还原，生成式引擎只会编造"));
        // several videos out of one ("split it into 3 separate videos"): a task has one result
        r.add(impossible("\\b(?:split|cut|chop|break|divide)\\s+(?:it|this|the\\s+(?:video|clip|footage))\\s+(?:up\\s+)?into\\s+(?:\\d+|two|three|four|five|six|several|multiple|separate)"
                        + "\\s+(?:separate\\s+|different\\s+|smaller\\s+|short\\s+)?(?:videos|clips|files|reels|shorts)\\b.*"
                        + "|(?:分成|拆成|切成|剪成)\\s*(?:\\d+|两|三|四|五|六|几|多)\\s*(?:个|条)(?:视频|短视频|片段|文件)"
                        // 平均切成三段，分三条发朋友圈
                        + "|平均(?:分成|拆成|切成|剪成)\\s*(?:\\d+|两|三|四|五|六|几|多)\\s*(?:段|份)|分\\s*(?:\\d+|两|三|四|五|六|几|多)\\s*条发"
                        // 拆成三段 (每段1分钟，分开发): pieces are videos
                        + "|(?:拆成|切成)\\s*(?:\\d+|两|三|四|五|六|几|多)\\s*段",
                " asks for several videos; a task makes one video (send one task per part)",
                "要求输出多个视频；每个任务只输出一个视频（每一段请单独提交一个任务）"));
        // a filter on one part of the frame ("blur the left side", 右半边打马赛克): every filter here changes the whole picture,
        // and only faces are found on their own; a region would need a mask (a crop keeps a part, it changes none)
        String region = "(?:the\\s+)?(?:(?:top|bottom|upper|lower)\\s+(?:left|right)\\s+corner|(?:left|right|top|bottom|upper|lower)\\s+(?:side|half|part|corner|third|edge|portion|area)"
                + "|(?:middle|centre|center)\\s+(?:of\\s+the\\s+(?:frame|screen|picture|shot)|part|area))(?:\\s+of\\s+(?:the\\s+)?(?:frame|screen|picture|shot|video|image))?";
        String filter = "(?:blur(?:red|ry)?|pixelate|pixelated|brighten|brighter|darken|darker|sharpen|sharper|desaturate|black\\s+and\\s+white|gr[ae]yscale|sepia|mosaic|censor)";
        String zhRegion = "(?:画面)?(?:左|右|上|下)(?:半边|半部分|半部|半屏|边|侧)|画面(?:的)?(?:中间|中央|正中间?|左边|右边|上方|下方|角落)|(?:左上|右上|左下|右下)角";
        r.add(impossible("\\b(?:blur|pixelate|brighten|darken|sharpen|desaturate|censor)\\s+(?:out\\s+)?(?:only\\s+|just\\s+)?(?:on\\s+|in\\s+)?" + region + "\\b"
                        + "|\\b(?:brighten|darken|sharpen|lighten)\\s+(?:only\\s+|just\\s+)?(?:his|her|their|my|the\\s+person's)\\s+face\\b"
                        + "|\\b(?:make|turn)\\s+(?:only\\s+|just\\s+)?" + region + "\\s+(?:only\\s+)?" + filter + "\\b"
                        + "|(?:把|将|给)?(?:" + zhRegion + ")(?:的|那块|那里|那儿|那)?(?:半个|一半的?)?(?:部分|画面|区域)?(?:都|给)?(?:调亮|调暗|变暗|变亮|提亮|压暗|打个?马赛克|打个?码|模糊|虚化|变成黑白|变黑白|调成黑白|弄成黑白|黑白|锐化)"
                        // a thing in the picture that is no face: a number plate, a whiteboard, a sign (only faces are found)
                        + "|\\b(?:blur|pixelate|censor)\\s+(?:out\\s+)?(?:the\\s+|my\\s+|our\\s+|his\\s+|her\\s+)?(?:licen[cs]e\\s+plate|number\\s+plate|plate\\s+number|whiteboard|house\\s+number|name\\s+tag|address)s?\\b"
                        + "|(?:只)?(?:把|将|给)?(?:[\\p{IsHan}]{0,6}的|左边|右边|那块)?(?:车牌|白板|门牌|名牌|地址)(?:号)?(?:都|给)?(?:模糊掉|模糊|打码|打马赛克)",
                " changes one part of the frame: the local engine's filters change the whole"
                        + " picture (faces alone are found on their own: \"blur the faces\"); a part chosen by hand needs a mask, which a"
                        + " generative engine takes",
                "只处理画面的一部分：本地引擎的滤镜作用于整个画面（只有人脸能自动识别：“人脸打码”）；"
                        + "手选的区域需要遮罩，需用生成式引擎"));
        // repairs the local engine does not make: audio shifted into sync, flicker, HDR, a straightened horizon, bars removed
        r.add(impossible("\\b(?:fix|correct|adjust|repair|sync\\s+up)\\s+(?:the\\s+)?(?:audio|sound)(?:\\s+(?:sync|delay|lag))?\\b(?=.*\\b(?:sync|behind|ahead|delay|lag)\\b).*"
                        + "|\\b(?:audio|sound)\\s+(?:is\\s+)?(?:out\\s+of|not\\s+in)\\s+sync\\b.*|音画不同步|音画同步|声画不同步|声音和画面对不上"
                        + "|\\bde[\\s-]?flicker\\w*|\\bflicker(?:ing)?\\b.*\\b(?:fix|remove|reduce)\\b|去频闪|频闪"
                        + "|\\b(?:make\\s+it|convert\\s+(?:it\\s+)?to|in)\\s+hdr\\b|\\bhdr\\b|高动态范围"
                        + "|\\bstraighten\\s+(?:out\\s+)?(?:the\\s+)?(?:horizon|video|picture|shot|frame)\\b|画面拉直|拉直一下|地平线(?:是)?歪"
                        + "|\\bremove\\s+(?:the\\s+)?black\\s+bars\\b|去黑边|去掉黑边",
                " is a repair the local engine does not make (it shifts no sound against the"
                        + " picture, evens no flicker, writes no HDR, straightens no horizon by a guessed angle and finds no bars to crop);"
                        + " say an edit it does: a rotation by 90°, an aspect ratio, a speed",
                "是本地引擎不做的修复（不调整音画同步、不去频闪、不输出HDR、不按猜测的角度拉直、不自动识别黑边）；"
                        + "请改用它能做的编辑：旋转90°、画面比例、速度"));
        // rotation (before vertical flip, which shares "upside down")
        String direction = "(?<dir>clockwise|counter[\\s-]?clockwise|anti[\\s-]?clockwise|cw|ccw|to\\s+the\\s+left"
                + "|to\\s+the\\s+right|left|right)";
        // optional as a whole: a bare "\\s*" would take the space before "clockwise" in "rotate 90 clockwise"
        String degrees = "(?:\\s*(?:degrees?|deg|°))?";
        r.add(of("turn" + SUBJECT + "\\s+(?:on\\s+its\\s+side|sideways)", (m, i) -> rotate("90", null)));
        r.add(of("(?:rotate|turn|tilt)" + SUBJECT + "(?:\\s+by)?\\s+(?<neg>-)?" + N + degrees + "(?:\\s+" + direction + ")?",
                (m, i) -> rotate(m.group("n"), m.group("neg") != null ? "counterclockwise" : m.group("dir"))));
        r.add(of("rotate" + SUBJECT + "\\s+" + direction + "(?:\\s+(?:by\\s+)?" + N + degrees + ")?",
                (m, i) -> rotate(m.group("n"), m.group("dir"))));
        r.add(of("(?:turn|flip)" + SUBJECT + "\\s+upside[\\s-]+down\\s+by\\s+rotat(?:ion|ing)(?:\\s+it)?"
                + "|rotate" + SUBJECT + "\\s+upside[\\s-]+down", (m, i) -> rotate("180", null)));
        r.add(of("(?<dir>顺时针|逆时针|向左|向右|往左|往右)\\s*转\\s*(?:" + N + "\\s*(?:度|°))?|(?<!旋)转\\s*(?<n2>" + Numbers.PATTERN + ")\\s*(?:度|°)",
                (m, i) -> rotate(m.group("n") != null ? m.group("n") : m.group("n2") != null ? m.group("n2") : "90", m.group("dir"))));
        r.add(of("(?<!色相|色调)(?<dir>顺时针|逆时针|向左|向右|往左|往右)?\\s*旋转\\s*(?:(?:" + N + ")\\s*(?:度|°)|(?<dir2>向左|向右))?",
                (m, i) -> rotate(m.group("n"), m.group("dir") != null ? m.group("dir") : m.group("dir2"))));

        // flips
        r.add(fixed("mirror(?:ed)?(?:\\s+(?:image|effect))?(?:" + SUBJECT + "\\s+(?:horizontally|left[\\s-]+(?:to[\\s-]+)?right))?(?!" + SUBJECT + "\\s+vertically)|flip" + SUBJECT
                + "\\s+(?:horizontally|horizontal" + NOT_A_SHAPE + ")\\b|horizontal(?:ly)?[\\s-]+(?:flip(?:ped)?|mirror(?:ed)?)|flip" + SUBJECT
                + "\\s+left[\\s-]+(?:to[\\s-]+)?right|flip" + SUBJECT + "\\s+sideways"
                + "|^\\s*" + POLITE + "(?:flip\\s+)?(?:it\\s+)?horizontally" + THANKS + "\\s*$|^\\s*" + POLITE + "flip(?:\\s+it|\\s+the\\s+video)?" + THANKS + "\\s*$|水平翻转|左右翻转|水平镜像|左右镜像|镜像(?:翻转)?|左右颠倒", Operation.HFLIP));
        r.add(fixed("(?:flip|mirror)" + SUBJECT + "\\s+(?:vertically|vertical" + NOT_A_SHAPE + ")\\b|vertical(?:ly)?[\\s-]+flip(?:ped)?|(?:flip|turn)" + SUBJECT
                + "\\s+upside[\\s-]+down|upside[\\s-]+down|flip" + SUBJECT + "\\s+top[\\s-]+(?:to[\\s-]+)?bottom"
                + "|^\\s*" + POLITE + "(?:flip\\s+)?(?:it\\s+)?vertically" + THANKS + "\\s*$|垂直翻转|上下翻转|上下颠倒|(?:颠倒|倒)过来(?![^，,。；;]*?(?:播放?|放))|倒置", Operation.VFLIP));

        // upscale before the plain resolution change and before speed ("upscale 2x" is not a speed)
        r.add(of("(?:upscale|upsample|super[\\s-]?resolution|enhance\\s+(?:the\\s+)?resolution|increase\\s+(?:the\\s+)?resolution)"
                        + SUBJECT + "(?:\\s+(?:by|to))?(?:\\s+(?:(?<f>" + Numbers.PATTERN + ")\\s*(?:x|×|times)|(?<h>\\d{3,4})\\s*p|(?<k>4k|2k)))?",
                (m, i) -> upscale(m.group("f"), m.group("h"), m.group("k"))));
        r.add(of("(?:超分(?:辨率)?|提高分辨率|提升分辨率|增加分辨率|分辨率(?:提高|提升|翻倍))(?:\\s*(?:到|至|为)?\\s*(?:(?<f>"
                        + Numbers.PATTERN + ")\\s*倍|(?<h>\\d{3,4})\\s*p|(?<k>4k|2k)))?",
                (m, i) -> upscale(m.group("f"), m.group("h"), m.group("k"))));

        r.add(of("(?:加|补|填充)(?:上)?黑边(?:并|再)?(?:变成|改成|转成|做成|成)?\\s*(?<!\\d)(?<w>[1-9]\\d?)\\s*(?::|：|比)\\s*(?<h>[1-9]\\d?)(?!\\d)",
                (m, i) -> aspect(Integer.parseInt(m.group("w")), Integer.parseInt(m.group("h")), "pad")));
        // aspect ratio: crop by default, pad when asked for bars
        String pad = "(?<pad>\\s+(?:with|using|by\\s+adding)\\s+(?:black\\s+)?(?:bars|borders|padding|letterbox(?:ing)?|pillarbox(?:ing)?)"
                + "|\\s+(?:by\\s+)?(?:padding|letterboxing|pillarboxing)|\\s+(?:and\\s+)?(?:pad|letterbox)(?:\\s+it)?"
                + "|\\s*(?:加|补|填充)?黑边|\\s*(?:不裁剪|不要裁剪)(?:加黑边)?)?";
        String crop = "(?<crop>\\s+(?:by\\s+)?(?:cropping|cropped|crop)\\b|\\s*裁剪)?";
        String ratio = "(?<!\\d)(?<w>[1-9]\\d?)\\s*(?::|：|比|by)\\s*(?<h>[1-9]\\d?)(?!\\d)"; // "80x60" is a size, "0:20" a time
        // "turn landscape video into portrait", "from 16:9 to 9:16", "横屏转竖屏": the first shape is what the video is,
        // the second what it should become; read apart, the first would be an edit of its own (cropped twice)
        String shape = "(?:square|vertical|portrait|horizontal|landscape|widescreen|(?<!\\d)[1-9]\\d?\\s*(?::|：|by)\\s*[1-9]\\d?(?!\\d))";
        String shapeZh = "(?:竖屏|横屏|方形|正方形|竖版|横版|(?<!\\d)[1-9]\\d?\\s*(?::|：|比)\\s*[1-9]\\d?(?!\\d))";
        String target = "(?:" + ratio + "|(?<kind>square|vertical|portrait|horizontal|landscape|widescreen))"
                + "(?:\\s+(?:format|video|clip|aspect(?:\\s+ratio)?|ratio|frame|version|orientation|mode))?" + crop + pad;
        String targetZh = "(?:(?<!\\d)(?<w>[1-9]\\d?)\\s*(?::|：|比)\\s*(?<h>[1-9]\\d?)(?!\\d)|(?<kind>竖屏|横屏|方形|正方形|竖版|横版))"
                + "(?:的)?(?:画幅|比例|宽高比|尺寸|格式|画面|视频)?" + crop + pad;
        Rule.Factory conversion = (m, i) -> m.group("kind") != null ? namedAspect(m.group("kind"), m.group("pad"))
                : aspect(Integer.parseInt(m.group("w")), Integer.parseInt(m.group("h")), m.group("pad"));
        r.addAll(Rule.each(conversion,
                "(?:(?:crop|change|convert|make|reframe|resize|turn|switch|transform|go)" + SUBJECT + "\\s+)?(?:from\\s+)?(?:(?:this|the|a|an|my|our)\\s+)?"
                        + shape + "(?:\\s+(?:video|clip|footage|one|shot|format|orientation|aspect(?:\\s+ratio)?|ratio|mode))?"
                        + "(?:\\s+(?:in)?to\\s+|\\s*(?:→|->|=>)\\s*|\\s+in\\s+)(?:an?\\s+)?" + target,
                "(?:crop|change|convert|make|reframe|resize|turn|switch|transform)\\s+(?:(?:this|the|a|an|my|our)\\s+)?" + shape
                        + "(?:\\s+(?:video|clip|footage|one|shot))?\\s+(?:(?:in)?to\\s+(?:an?\\s+)?)?" + target,
                "(?:把|将)?(?:视频)?(?:从)?" + shapeZh + "(?:的)?(?:视频|画面)?\\s*(?:改成|改为|转成|转为|转换成|转换为|变成|变为|切换成|切换为|裁剪成|裁剪为|裁成|剪成|做成|转|到)\\s*" + targetZh));
        r.add(of("(?:(?:crop|change|convert|make|reframe|resize|set|format|turn)" + SUBJECT + "\\s+(?:to|into|as)\\s+(?:an?\\s+)?"
                        + "|(?:change|set|convert|adjust|switch)\\s+(?:the\\s+)?(?:aspect(?:\\s+ratio)?|ratio|format)\\s+(?:to\\s+)?"
                        + "|(?:裁剪|剪裁|裁切|裁|改|转|调整|变|做)(?:成|为)?"
                        + "|(?:in|to|at|as)\\s+(?:an?\\s+)?)?(?:aspect(?:\\s+ratio)?\\s+(?:of\\s+)?)?" + ratio
                        + "(?:\\s+(?:aspect(?:\\s+ratio)?|format|ratio|frame))?" + crop + pad,
                (m, i) -> aspect(Integer.parseInt(m.group("w")), Integer.parseInt(m.group("h")), m.group("pad"))));
        r.add(of("(?:(?:crop|change|convert|make|reframe|turn)" + SUBJECT + "\\s+(?:to|into)\\s+(?:an?\\s+)?|(?:make|crop|reframe|turn)\\s+" + NAMED_SUBJECT + "\\s+)?"
                        + "(?<kind>square|vertical|portrait|horizontal|landscape|widescreen|vertical\\s+video"
                        // a platform after "for" is a purpose (context: "speed it up for TikTok" asks for no reframe), unless
                        // the video is made for it ("make it for reels")
                        + "|(?<!\\bfor\\s)(?<!\\bfor\\s(?:instagram|ig|youtube)\\s)(?:instagram\\s+|ig\\s+|youtube\\s+)?(?:reels?|stories|story|shorts)|(?<!\\bfor\\s)(?:tiktok|douyin)"
                        + "|(?<=\\b(?:make|turn|get|convert|reframe|crop|resize|format)\\s(?:it|this|the\\svideo|this\\svideo)\\s)for\\s+(?:(?:instagram\\s+|ig\\s+|youtube\\s+)?(?:reels?|stories|story|shorts)|tiktok|douyin)"
                        + "|(?:instagram|tiktok|douyin|youtube)\\s+(?:shorts?\\s+)?(?:format|size)?)(?:\\s+(?:format|video|aspect(?:\\s+ratio)?|ratio|frame|version))?"
                        + crop + pad,
                (m, i) -> namedAspect(m.group("kind"), m.group("pad"))));
        r.add(of("(?:(?:裁剪|剪裁|裁切|裁|改|转|调整|变|做)(?:成|为)?)?(?:(?<!\\d)(?<w>[1-9]\\d?)\\s*(?::|：|比)\\s*(?<h>[1-9]\\d?)(?!\\d)|(?<kind>竖屏|横屏|方形|正方形|竖版|横版))"
                        + "(?:的)?(?:画幅|比例|宽高比|尺寸|格式|画面|视频)?" + crop + pad,
                (m, i) -> m.group("kind") != null ? namedAspect(m.group("kind"), m.group("pad"))
                        : aspect(Integer.parseInt(m.group("w")), Integer.parseInt(m.group("h")), m.group("pad"))));

        // "…, letterbox it", "并加黑边", "without cropping": how a ratio asked for elsewhere is met, not an edit of its own
        r.add(of("(?:add|put|use|with|using)\\s+(?:black\\s+)?(?:bars|borders|padding)(?:\\s+(?:instead|on\\s+the\\s+sides|(?:at\\s+the\\s+)?top\\s+and\\s+bottom))?"
                        + "|(?<!\\b(?:the|no|any|are|remove|those|these|of|without)\\s)black\\s+bars(?:\\s+(?:instead|on\\s+the\\s+sides|(?:at\\s+the\\s+)?top\\s+and\\s+bottom|above\\s+and\\s+below))?(?!\\s+(?:are|is|on\\s+(?:it|my|the\\s+video)))|\\bpad(?:ded)?\\b(?!\\s+(?:it|with))"
                        + "|(?:letterbox|pillarbox)(?:ing)?(?:\\s+it)?|pad(?:\\s+it)?(?:\\s+out)?\\s+with\\s+(?:black\\s+)?(?:bars|borders)|pad\\s+it(?:\\s+out)?|(?:两边|两侧|左右|上下|旁边|四周)?(?:的)?(?:不足|不够|空出来?|多出来?)?(?:的)?(?:部分|地方)?(?:加|补|填充)(?:上)?黑边",
                (m, i) -> op(Operation.ASPECT, Map.of(FIT_ONLY, FitAsked.BARS))));
        r.add(of("(?:don'?t|do\\s+not|never)\\s+crop(?:\\s+(?:it|anything|her|him|them|anyone|anybody|people|the\\s+(?:video|picture|frame|image)))?|without\\s+cropping(?:\\s+(?:it|anything))?"
                        + "|(?:don'?t|do\\s+not|never|without)\\s+(?:cut|cutting|chop|chopping|lose|losing)\\s+(?:anything|any\\s+of\\s+(?:it|the\\s+(?:picture|frame|image)))(?:\\s+off)?"
                        + "|no\\s+(?:cropping|crop)"
                        + "|no\\s+cropping|(?:不要|别|不)(?:裁剪|裁切|剪裁)",
                (m, i) -> op(Operation.ASPECT, Map.of(FIT_ONLY, FitAsked.UNCROPPED))));
        r.add(of("\\bcrop(?:\\s+(?:it|them))?(?:\\s+(?:off|out))?\\s+(?:the\\s+)?(?:sides|edges)"
                        + "|\\bcrop(?:\\s+(?:it|the\\s+(?:video|picture|frame)))?\\s+to\\s+fit|\\bcrop\\s+it|fill\\s+(?:the\\s+)?(?:whole\\s+|entire\\s+|full\\s+)?(?:screen|frame)(?:\\s+vertically)?"
                        + "|(?:crop(?:ped)?\\s+)?to\\s+fill\\b|(?:cropping|crop|cropped)\\s+is\\s+(?:fine|ok|okay|good|allowed)|(?:裁剪|裁切)?铺满(?:全屏|屏幕|画面)?|(?<!居中)(?:直接)?(?:裁剪|裁切)(?:的|就行|就好|吧|一下)?$|no\\s+(?:black\\s+)?bars|(?:两边|左右|上下)(?:裁掉|裁剪|剪掉|切掉)|(?:裁掉|裁剪|剪掉|切掉)(?:两边|左右|上下)|(?:直接)?裁掉多余的?(?:部分)?",
                (m, i) -> op(Operation.ASPECT, Map.of(FIT_ONLY, FitAsked.CROPPED))));

        // resolution
        r.add(of("(?:(?:分辨率)?(?:改为|改成|调整为|调整到|调到|设为|缩放到|缩放为|缩小到|压缩到|压缩为|转为|转成|导出(?:为|成)?)\\s*"
                        + "|(?:reduce|lower|drop|decrease|change|set)\\s+(?:the\\s+)?resolution\\s+(?:to|down\\s+to)\\s+"
                        + "|(?:scale|resize|downscale|convert|export|render|save|output|encode|change|set|make)" + SUBJECT
                        + "(?:\\s+(?:the\\s+)?resolution)?\\s+(?:down\\s+)?(?:to|at|in|as)\\s+(?:an?\\s+)?|(?:in|at)\\s+)?(?<h>\\d{3,4})\\s*p(?:\\s+resolution)?\\b"
                        + "|(?:(?:scale|resize|downscale|change|set)" + SUBJECT + "(?:\\s+(?:the\\s+)?resolution)?\\s+(?:to\\s+)?|resolution\\s+(?:to\\s+|of\\s+)?)"
                        + "(?<w>\\d{2,4})\\s*(?:x|×|\\*)\\s*(?<h2>\\d{2,4})",
                (m, i) -> m.group("h") != null ? scale(0, Integer.parseInt(m.group("h")))
                        : scale(Integer.parseInt(m.group("w")), Integer.parseInt(m.group("h2")))));
        r.add(of("(?:分辨率)?(?:改为|改成|调整为|调整到|调到|设为|缩放到|缩放为|缩小到|转为|转成|导出(?:为|成)?)?\\s*(?:(?<h>\\d{3,4})\\s*p(?![a-z])|(?<w>\\d{2,4})\\s*(?:x|×|\\*)\\s*(?<h2>\\d{2,4}))(?:的?分辨率)?",
                (m, i) -> m.group("h") != null ? scale(0, Integer.parseInt(m.group("h")))
                        : scale(Integer.parseInt(m.group("w")), Integer.parseInt(m.group("h2")))));
        // "shrink it to 640 wide", "a width of 1280", 宽度改成640: one side, the other follows the shape
        r.add(of("(?:(?:scale|resize|shrink|downscale|make|set|change)" + SUBJECT + "\\s+(?:down\\s+)?to\\s+)?(?<w>\\d{2,4})\\s*(?:px|pixels?)?\\s+(?:wide|across|in\\s+width)\\b"
                        + "|(?:scale|resize|shrink|downscale|make|set|change)" + SUBJECT + "\\s+(?:down\\s+)?to\\s+(?:a\\s+)?width\\s+(?:of\\s+)?(?<w2>\\d{2,4})\\s*(?:px|pixels?)?"
                        + "|(?:画面)?宽度?(?:改为|改成|调整为|调整到|调到|设为|缩放到|缩小到|缩到|变成)\\s*(?<w3>\\d{2,4})\\s*(?:px|像素)?",
                (m, i) -> scale(Integer.parseInt(Rule.first(m, "w", "w2", "w3")), 0)));
        r.add(of("(?:scale|resize|shrink|downscale)" + SUBJECT + "\\s+(?:down\\s+)?(?:to|by)\\s+(?<half>half|a\\s+quarter|" + N + "\\s*%)"
                        + "(?:\\s+(?:the\\s+)?(?:size|resolution))?|(?<half2>half)\\s+(?:the\\s+)?(?:size|resolution)|(?:分辨率|尺寸)(?:减半|缩小一半)",
                (m, i) -> scaleFactor(m.group("half2") != null || m.group("half") == null ? "half" : m.group("half"), m.group("n"))));

        // zoom: a centre crop scaled back to the frame size
        // "punch in with a 1.5x zoom", "a 2x zoom on the center": the multiple said before the word is the zoom's
        r.add(of("(?:(?:punch|push|zoom)\\s+in\\s+)?(?:with\\s+)?(?:an?\\s+)?(?<f>" + Numbers.PATTERN + ")\\s*(?:x|×)\\s+zoom(?:[\\s-]+in)?",
                (m, i) -> zoom(m.group("f"), m.group())));
        r.add(of("(?:a\\s+)?(?:slight|subtle|small|little|gentle)\\s+zoom(?:[\\s-]+in)?", (m, i) -> zoom("1.2", m.group())));
        // how much, said before or after: "slightly zoom in", "zoom in a bit" (1.2x), "zoom in a lot" (2x)
        r.add(of("(?:(?<slight0>" + Rule.SLIGHTLY + ")\\s+)?zoom(?![\\s-]*out\\b)(?:\\s+in)?(?:\\s+(?:on|to)\\s+the\\s+(?:centre|center|middle))?(?:\\s+(?:by\\s+)?(?<f>" + Numbers.PATTERN
                        + ")\\s*(?:x|×|times|%)?|\\s+(?<slight>" + Rule.SLIGHTLY + ")|\\s+(?<much>a\\s+lot|heavily|(?:really\\s+)?close))?"
                        + "|(?:punch|push)\\s+in|(?:crop\\s+(?:in\\s+)?(?:on\\s+)?the\\s+(?:centre|center|middle))|(?:centre|center)\\s+crop",
                (m, i) -> zoom(m.group("f") != null ? m.group("f") : Rule.first(m, "slight0", "slight") != null ? "1.2"
                        : m.group("much") != null ? "2" : null, m.group())));
        // "punch in 20%": the amount of a punch-in
        r.add(of("(?:punch|push)\\s+in\\s+(?:by\\s+)?(?<f>" + Numbers.PATTERN + ")\\s*(?:x|×|%)", (m, i) -> zoom(m.group("f"), m.group())));
        r.add(of("放大(?:到|至)\\s*(?:(?<h>\\d{3,4})\\s*p|(?<k>4k|2k))", (m, i) -> upscale(null, m.group("h"), m.group("k"))));
        r.add(of("(?<slight0>稍微|稍稍|略微)?(?:画面)?(?:放大|拉近|推近|中心裁剪)(?<slight>一点点?|一些)?(?:画面)?(?:\\s*(?<f>" + Numbers.PATTERN + ")\\s*倍)?",
                (m, i) -> zoom(m.group("f") == null && Rule.first(m, "slight0", "slight") != null ? "1.2" : m.group("f"), m.group())));
        // a file size to fit: "compress it to under 25MB", "make it under ten megs", 压缩到20MB以内, 文件不要超过50MB
        r.add(of("(?:(?:compress|shrink|get|make|keep|export|reduce|bring|save)(?:\\s+(?:it|this|the\\s+(?:video|file|clip|size)))?(?:\\s+down)?\\s+(?:to\\s+)?)?"
                        + "(?:(?:the\\s+)?(?:file\\s+)?size\\s+)?(?:under|below|less\\s+than|at\\s+most|max(?:imum)?|no\\s+(?:more|bigger|larger)\\s+than|smaller\\s+than"
                        + "|(?:to\\s+)?fit\\s+(?:in|into|under))\\s+(?<mb>" + Numbers.PATTERN + ")\\s*(?:mb|megs?|megabytes?)\\b"
                        + "|(?:压缩|控制|缩小|弄|做|压)?(?:到|在|成)?\\s*(?<mb2>" + Numbers.PATTERN + ")\\s*(?:mb|m|兆)(?:以内|以下|之内)"
                        + "|(?:文件|大小|体积|视频)?(?:大小)?(?:不要|不能|别|不可以|不得)超过\\s*(?<mb3>" + Numbers.PATTERN + ")\\s*(?:mb|m|兆)"
                        + "|压缩(?:到|成|至)\\s*(?<mb5>" + Numbers.PATTERN + ")\\s*(?:mb|m|兆)(?![a-z])"
                        // "compress the video to 10MB": a size said after "to" is the most it may be
                        + "|(?:compress|shrink|reduce|get|bring|make)(?:\\s+(?:it|this|the\\s+(?:video|file|clip|file\\s+size|size)))?(?:\\s+down)?\\s+to\\s+(?:about\\s+|around\\s+)?(?<mb4>"
                        + Numbers.PATTERN + ")\\s*(?:mb|megs?|megabytes?)\\b",
                (m, i) -> maxSize(Rule.first(m, "mb", "mb2", "mb3", "mb4", "mb5"))));
        // MP4 is what every render writes: said, it asks for nothing more than the default encoding
        r.add(of("(?:convert|export|save|render|output|turn)(?:\\s+(?:it|this|the\\s+(?:video|file|clip)))?\\s+(?:to|as|in(?:to)?)\\s+(?:an?\\s+)?mp4(?:\\s+(?:format|file))?"
                        + "|(?:转成|转换成|转为|导出为?|输出为?|存成|保存为|改成)\\s*mp4(?:格式)?(?:文件)?",
                (m, i) -> op(Operation.ENCODE, Map.of())));
        // another kind of file than a video: said plainly, not "not understood"
        r.add(of("(?:convert|export|save|render|output|turn|make|send(?=\\s+(?:it|this|the\\s+(?:video|file|clip))(?:\\s+back)?\\s+as\\b)|(?:give|send)\\s+me(?:\\s+(?:only|just))?\\s+the\\s+(?:sound|audio)|keep\\s+only\\s+the\\s+(?:sound|audio)|(?:can\\s+i\\s+)?(?:just\\s+|only\\s+)?get\\s+(?:just\\s+|only\\s+)?the\\s+(?:sound|audio)|(?:i\\s+)?(?:just\\s+|only\\s+)?(?:want|need)\\s+(?:just\\s+|only\\s+)?the\\s+(?:sound|audio)(?:\\s+(?:of|from)\\s+(?:the\\s+|this\\s+|my\\s+|our\\s+)?[a-z]+)?|(?:can\\s+(?:i|we)\\s+)?get(?=\\s+(?:it|this|the\\s+(?:video|file|clip))))(?:\\s+(?:it|this|the\\s+(?:video|file|clip)))?(?:\\s+back)?\\s+(?:to|as|in(?:to)?)\\s+(?:an?\\s+)?(?:animated\\s+)?"
                        + "(?:prores\\s+)?\\.?(?<format>gifs?|webm|mov|avi|mkv|mp3|wav|png|jpe?g)(?:\\s+(?:format|file|image))?"
                        + "|(?:转成|转换成|转为|导出为?|导出成|导成|导为|输出为?|输出成|存成|保存为|保存成|改成|做成)\\s*(?<zformat>gif|动图|webm|mov|avi|mkv|mp3|wav|png)(?:动图)?(?:格式)?(?:文件)?"
                        + "|^\\s*(?<alone>gif)\\s*(?:pls|please|plz|thanks|谢谢)?\\s*$"
                        // "mp3 only", "just the mp3": the sound alone, as a file
                        + "|\\b(?<only>mp3|wav)\\s+only\\b|\\b(?:only|just)\\s+(?:the\\s+|an?\\s+)?(?<onlyfile>mp3|wav)\\b",
                (m, i) -> {
                    String format = Rule.first(m, "format", "zformat", "alone", "only", "onlyfile");
                    throw VeditException.of(ErrorCode.EDIT_NOT_SUPPORTED,
                            "\"" + m.group().strip() + "\": every edit's result is an MP4 video (H.264 and AAC); " + format + " is not written",
                            "“" + m.group().strip() + "”：编辑结果一律为 MP4 视频（H.264 与 AAC），不输出 " + format);
                }));
        // a quality said as x264's CRF ("encode at crf 23", "crf=20", crf设成23压一下): that CRF, 0 (lossless) to 51
        r.add(of("(?:(?:compress|encode|export|render|save|output)(?:\\s+(?:it|this|the\\s+(?:video|file|clip)))?\\s+(?:with|at|using|to)\\s+(?:an?\\s+)?"
                        + "|set\\s+(?:the\\s+)?)?crf(?:\\s+(?:to|of|at)\\s+|\\s*[=:]\\s*|\\s+)(?<crf>\\d{1,3})(?![\\d.])"
                        + "|crf\\s*(?:设成|设为|设置为|设置成|调到|调成|改成|改为|用|=)?\\s*(?<zcrf>\\d{1,3})(?![\\d.])(?:\\s*(?:压一下|压缩一下|压缩|导出))?",
                (m, i) -> {
                    int crf = Integer.parseInt(Rule.first(m, "crf", "zcrf"));
                    if (crf > 51) {
                        throw invalid("x264's CRF runs from 0 (lossless) to 51 (got " + crf + ")", "x264 的 CRF 取值为 0（无损）到 51（当前为 " + crf + "）");
                    }
                    return op(Operation.ENCODE, Map.of("preset", "veryfast", "crf", crf));
                }));
        // a smaller file: the same edits, encoded at a higher CRF
        r.add(of("(?:compress|shrink)" + SUBJECT + "(?:\\s+(?:file\\s+)?size)?|make\\s+(?:the\\s+)?file\\s+(?:size\\s+)?smaller"
                        + "|(?:a\\s+)?smaller\\s+file(?:\\s+size)?|reduce\\s+(?:the\\s+)?file\\s+size|压缩(?:一下)?(?:视频|文件|体积)?|减小(?:文件)?体积",
                (m, i) -> op(Operation.ENCODE, Map.of("preset", "veryfast", "crf", 28))));
        return List.copyOf(r);
    }

    /**
     * The ratios asked for, padded where the prompt asks for bars or no cropping in words of their own ("make it
     * vertical, letterbox it"): cropping there would do the opposite of what was asked. Bars with no ratio to pad to
     * are refused; "don't crop" beside no ratio asks nothing.
     */
    /** Whether the operation only says how a ratio asked for elsewhere is met ("letterbox it", 上下加黑边). */
    static boolean isFitOnly(EditOperation op) {
        return op.params().containsKey(FIT_ONLY);
    }

    static List<EditOperation> fitted(List<EditOperation> planned) {
        // "reframe to 9:16, crop in on the center": beside a ratio, cropping in is how the ratio is met, not a zoom too
        boolean aRatio = planned.stream().anyMatch(o -> Operation.ASPECT.is(o) && !isFitOnly(o));
        List<EditOperation> ops = !aRatio ? planned : planned.stream().filter(o -> !(Operation.ZOOM.is(o) && o.source() != null
                && CROP_IN.matcher(o.source()).lookingAt())).toList();
        boolean fitSaid = false;
        boolean padded = false;
        boolean bars = false;
        boolean cropped = false;
        boolean ratio = false;
        for (EditOperation op : ops) {
            if (op.params().get(FIT_ONLY) instanceof FitAsked asked) {
                fitSaid = true;
                padded |= asked != FitAsked.CROPPED;
                bars |= asked == FitAsked.BARS;
                cropped |= asked == FitAsked.CROPPED;
            } else {
                ratio |= op.op().equals(Operation.ASPECT.wire());
            }
        }
        if (!fitSaid) {
            return ops;
        }
        if (padded && cropped) {
            throw invalid("the picture can be cropped to the ratio or padded with bars, not both; say which",
                    "画面只能裁剪或加黑边其中一种，请说明要哪一种");
        }
        if (bars && !ratio) {
            throw invalid("black bars pad the picture to an aspect ratio, and none was asked for; say which, e.g. \"make it 9:16 with black bars\"",
                    "加黑边需要指定画面比例，例如“改成9:16并加黑边”");
        }
        if (cropped && !ratio) {
            throw invalid("cropping makes the picture a narrower shape, and none was asked for; say which, e.g. \"crop it to 9:16\"",
                    "裁剪需要指定画面比例，例如“裁剪成9:16”");
        }
        List<EditOperation> out = new ArrayList<>();
        for (EditOperation op : ops) {
            if (op.params().containsKey(FIT_ONLY)) {
                continue;
            }
            out.add(padded && op.op().equals(Operation.ASPECT.wire())
                    ? new EditOperation(op.op(), Map.of("ratio", op.params().get("ratio"), "fit", "pad"), op.source())
                    : op);
        }
        return out;
    }

    private static EditOperation rotate(String number, String direction) {
        if (number == null && direction == null) {
            return null; // a bare "rotate" says neither how far nor which way: left to be refused
        }
        int amount = number == null ? 90 : (int) Math.round(Numbers.parse(number));
        boolean counterClockwise = direction != null && direction.matches(
                "counter.*|anti.*|ccw|(?:to\\s+the\\s+)?left|逆时针|向左|往左");
        int degrees = Math.floorMod(counterClockwise ? -amount : amount, 360);
        if (degrees != 90 && degrees != 180 && degrees != 270) {
            throw invalid("the local engine rotates by 90, 180 or 270 degrees only (got " + amount + ")",
                    "本地引擎只能旋转 90、180 或 270 度（当前为 " + amount + "）");
        }
        return op(Operation.ROTATE, Map.of("degrees", degrees));
    }

    private static EditOperation aspect(int w, int h, String pad) {
        if (h >= 10 && h > 4 * w) {
            return null; // "at 2:40" is a clock time, never a ratio of 1:20
        }
        if (w <= 0 || h <= 0 || w > 4 * h || h > 4 * w) {
            throw invalid("the aspect ratio " + w + ":" + h + " is outside 1:4 to 4:1", "宽高比 " + w + ":" + h + " 超出 1:4 到 4:1 的范围");
        }
        return op(Operation.ASPECT, Map.of("ratio", w + ":" + h, "fit", pad != null && !pad.isBlank() ? "pad" : "crop"));
    }

    private static EditOperation namedAspect(String kind, String pad) {
        String k = kind.replaceAll("\\s+", " ");
        if (k.matches(".*(?:reels?|stories|story|shorts|tiktok|douyin).*")) {
            return aspect(9, 16, pad);
        }
        if (k.matches("square|方形|正方形|instagram.*")) {
            return aspect(1, 1, pad);
        }
        if (k.matches("horizontal|landscape|widescreen|横屏|横版|youtube.*")) {
            return aspect(16, 9, pad);
        }
        return aspect(9, 16, pad); // vertical, portrait, 竖屏, tiktok, douyin
    }

    /**
     * @param width  0 for the width that keeps the shape
     * @param height 0 for the height that keeps it (not both 0)
     */
    private static EditOperation scale(int width, int height) {
        if (height != 0 && (height < 16 || height > MAX_SIDE) || width > MAX_SIDE || (width != 0 && width < 16) || width == 0 && height == 0) {
            throw invalid("the output size must be between 16 and " + MAX_SIDE + " pixels a side",
                    "输出尺寸每边必须在 16 到 " + MAX_SIDE + " 像素之间");
        }
        return width == 0 ? op(Operation.SCALE, Map.of("height", height))
                : height == 0 ? op(Operation.SCALE, Map.of("width", width)) : op(Operation.SCALE, Map.of("width", width, "height", height));
    }

    private static EditOperation scaleFactor(String half, String percent) {
        double factor = percent != null ? Numbers.parse(percent) / 100 : half.equals("half") ? 0.5 : 0.25;
        if (!(factor > 0.05 && factor < 1)) {
            throw invalid("scaling down takes a factor between 5% and 100%", "缩小比例必须在 5% 到 100% 之间");
        }
        return op(Operation.SCALE, Map.of("factor", round(factor)));
    }

    private static EditOperation upscale(String factor, String height, String k) {
        if (height != null || k != null) {
            int h = k != null ? (k.equals("4k") ? 2160 : 1440) : Integer.parseInt(height);
            return op(Operation.UPSCALE, Map.of("height", scale(0, h).params().get("height")));
        }
        double f = factor == null ? 2 : Numbers.parse(factor);
        if (!(f > 1 && f <= 4)) {
            throw invalid("upscaling takes a factor above 1 and at most 4 (got " + round(f) + ")",
                    "放大倍数必须大于 1 且不超过 4（当前为 " + round(f) + "）");
        }
        return op(Operation.UPSCALE, Map.of("factor", round(f)));
    }

    private static EditOperation zoom(String factor, String words) {
        double f = factor == null ? 1.5 : Numbers.parse(factor);
        if (words.contains("%")) {
            f = f / 100 + (f < 100 ? 1 : 0);
        }
        if (!(f > 1 && f <= 4)) {
            throw invalid("a zoom takes a factor above 1 and at most 4 (got " + round(f) + ")",
                    "画面放大倍数必须大于 1 且不超过 4（当前为 " + round(f) + "）");
        }
        return op(Operation.ZOOM, Map.of("factor", round(f)));
    }

    private static EditOperation maxSize(String number) {
        double megabytes = Numbers.parse(number);
        if (!(megabytes >= 1 && megabytes <= 100_000)) {
            throw invalid("a file size to fit must be between 1 and 100000 MB (got " + number + ")", "文件大小上限必须在 1 到 100000 MB 之间（当前为 " + number + "）");
        }
        return op(Operation.ENCODE, Map.of("max_mb", round(megabytes)));
    }
}
