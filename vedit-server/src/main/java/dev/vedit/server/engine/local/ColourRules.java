package dev.vedit.server.engine.local;

import static dev.vedit.server.engine.local.Rule.fixed;
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

/** Colour, style and clean-up filters: looks, tone adjustments, blur, sharpen, denoise, stabilise. */
final class ColourRules {
    private static final double BRIGHTNESS = 0.15;
    private static final double BRIGHTNESS_STRONG = 0.3;
    private static final double BRIGHTNESS_SLIGHT = 0.08;
    private static final Pattern STRONG = Pattern.compile("much|a\\s+lot|far|way|significantly|very|really|大幅|很多|许多|非常|明显|强烈|更多|很强|浓重|很重|重一点");
    private static final Pattern SLIGHT = Pattern.compile("a\\s+(?:tiny\\s+)?bit|a\\s+little|a\\s+touch|a\\s+tad|a\\s+hint|slightly|somewhat|subtle|subtly|gentle|mild|稍|略|一点|一些|轻微|轻度|淡淡|少许");
    /** A small amount of a look said before it: "a bit of vignette", "a little grain", "a touch of grain". */
    private static final String A_LITTLE = "(?:a\\s+(?:little\\s+)?(?:tiny\\s+)?(?:bit|touch|hint|tad)\\s+of\\s+|a\\s+little\\s+)";
    private static final String STRENGTH = "(?:much|a\\s+lot|far|way|significantly|very|really|heavily|strongly|a\\s+(?:little\\s+|tiny\\s+)?bit|a\\s+little|a\\s+touch|a\\s+tad|slightly|somewhat|subtly|subtle|gentle|mild|lightly)";
    private static final String ZH_STRENGTH = "(?:稍微|稍稍|略微|轻微|大幅|明显|非常|更加|更)?";
    private static final String ZH_AFTER = "(?:很多|许多|一点点|一点|一些|点)?";
    private static final String SUBJECT = "(?:\\s+(?:it|this(?:\\s+(?:video|clip|footage))?|the\\s+(?:whole\\s+|entire\\s+)?video|the\\s+whole\\s+thing|the\\s+clip|the\\s+footage|the\\s+image|the\\s+picture))?";

    private ColourRules() {
    }

    static List<Rule> rules() {
        List<Rule> r = new ArrayList<>();
        // the whole frame as a mosaic (faces alone are the overlay rules', which come first)
        r.add(fixed("pixel+at(?:ed|ion|e)(?:\\s+(?:effect|look))?|pixel+ized?|(?:a\\s+)?mosaic(?:\\s+(?:effect|look))?"
                + "|(?:打|加|打上|加上|打成)?马赛克(?:效果|处理)?|像素化(?:效果|处理)?", Operation.PIXELATE));
        // looks ("desaturate a little" is a saturation change, not black and white)
        r.add(of("desaturate(?:d)?" + SUBJECT + "\\s+(?:a\\s+(?:little|bit)|slightly|somewhat|partially|partly)",
                (m, i) -> saturation(m.group(), false)));
        r.add(fixed("(?:more\\s+(?:of\\s+|like\\s+)?)?(?:an?\\s+)?(?:old[\\s-]+(?:school\\s+)?(?:film|movie|tv|footage|cinema)|vintage|retro|nostalgic|aged\\s+film"
                + "|old[\\s-]+school|old[\\s-]+tim(?:ey|y|e)|(?:old[\\s-]+)?silent[\\s-]+(?:film|movie|era|picture)|1970s|70s|80s|super\\s*8|8\\s*mm|vhs)(?:[\\s-]+(?:retro|vintage|film|look|style|feel|footage|movie|vibe|70s|80s|90s|home[\\s-]+movie|home[\\s-]+video|vhs)){0,3}"
                + "|(?:老电影|老胶片|复古胶片)(?:的?(?:感觉|质感|氛围|味道))?|复古(?:色调|色系|色|滤镜|风格?|感)?|老录像带|录像带(?:的)?(?:感觉|质感|效果)|胶片(?:效果|风格|感)|怀旧(?:感|风)?|年代感|胶片感|老旧", Operation.VINTAGE));
        r.add(fixed("black(?:\\x01and\\x01|\\s*&\\s*|-and-|\\s+and\\s+|\\s+n\\s+|\\s*'n'?\\s*)white|b\\s*&\\s*w|b/w|gr[ae]y[\\s-]?scale"
                + "|monochrome|desaturated?|(?:remove|drop|strip)\\s+(?:all\\s+)?(?:the\\s+)?colou?rs?|no\\s+colou?rs?"
                + "|colou?rless|黑白(?:色(?!调|彩)|的)?|灰度|灰阶|去色|(?:去掉|去除)颜色", Operation.GRAYSCALE));
        r.add(fixed("(?:an?\\s+)?(?:old\\s+)?sepia\\s+(?:photo(?:graph)?|picture|image|print)s?|sepia(?:[\\s-]+ton(?:ed|e))?|(?:old|vintage)[\\s-]+(?:photo|photograph)\\s+(?:look|tone|colou?rs?)"
                + "|棕褐色调?|褐色调|老照片(?:那种|那样|一样|般)?的?(?:泛黄)?的?(?:色调|效果|感觉)?|泛黄的?(?:色调|效果|感觉|质感)|泛黄的?老照片(?:的)?(?:色调|效果|感觉)?|怀旧色调", Operation.SEPIA));
        r.add(fixed("invert(?:ed)?(?:\\s+(?:the\\s+|all\\s+|its\\s+)?colou?rs?)?|colou?r\\s+inver(?:sion|ted)|(?:the\\s+)?colou?rs?\\s+(?:inverse|inverted|reversed)"
                + "|inver(?:se|ted)\\s+(?:the\\s+)?colou?rs?|(?:photo\\s+)?negative(?:\\s+(?:image|film|effect))?"
                + "|反色|负片|反相|颜色反转|反转颜色", Operation.INVERT));
        r.add(fixed("(?:a\\s+)?(?:pencil\\s+)?(?:sketch|drawing|line\\s+art|outline)(?:[\\s-]+(?:look|style|effect))?|sketchy"
                + "|素描|铅笔画|线稿|手绘", Operation.SKETCH));
        r.add(fixed("(?:a\\s+)?cartoon(?:ish|y)?(?:[\\s-]+(?:look|style|effect))?|卡通(?:化|效果|风格)?", Operation.CARTOON));
        // 色调分离6级, 色阶减少到6级: the levels said in Chinese
        r.add(of("posteri[sz]e(?:d)?(?:\\s+(?:to|with)\\s+" + number("n") + "\\s+(?:levels|colou?rs))?"
                        + "|(?:色调分离|海报化|色彩分层(?:的?(?:那种)?效果)?)(?:\\s*(?:到|成|为)?\\s*" + number("zn") + "\\s*(?:级|阶|层|个色阶))?"
                        + "|色阶(?:减少|降低|减|降|调|设)(?:到|为|成)\\s*" + number("zn2") + "\\s*(?:级|阶|层|个)?",
                (m, i) -> posterize(Rule.first(m, "n", "zn", "zn2"))));
        r.add(of("(?:(?:add|with)\\s+)?" + A_LITTLE + "?(?:a\\s+)?(?<strong>strong\\s+|heavy\\s+|subtle\\s+|light\\s+)?(?:dark\\s+|soft\\s+)?vignett(?:e|ing)"
                        + "(?:\\s+(?:a?round|along|on|at|to|in)\\s+the\\s+(?:edges|corners|sides|borders))?|(?:(?:加|添加)(?:一个|个)?)?(?:强烈|很强|浓重|明显|很重|重一点|强|重|淡淡|轻微|轻)?的?暗角|(?:加|添加)?晕影|四周暗(?:一点|一些)?(?:中间亮)?(?:那种)?",
                (m, i) -> op(Operation.VIGNETTE, Map.of("strength", strengthOf(m.group(), 1.0)))));
        // a person-mask background blur is not built (only replacing the background is): say so, never "not understood"
        r.add(of("(?:blur|soften|defocus)\\s+(?:out\\s+)?(?:the\\s+|my\\s+|its\\s+)?background|(?:blurr?(?:ed|y)|soft|bokeh)\\s+background|background\\s+blur"
                        + "|(?:模糊|虚化)(?:掉)?背景|背景(?:模糊|虚化)",
                (m, i) -> {
                    throw VeditException.of(ErrorCode.EDIT_NOT_SUPPORTED,
                            "\"" + m.group().strip() + "\": blurring only the background is not supported by the local engine;"
                                    + " it can blur the whole picture, blur faces, or replace the background with a reference image",
                            "“" + m.group().strip() + "”：本地引擎不支持只模糊背景；可以模糊整个画面、模糊人脸，或用参考图片替换背景");
                }));

        // clean-up before grain ("reduce noise" is not "add noise")
        r.add(fixed("(?:de-?nois(?:e|ing)|noise\\s+reduction|(?:reduce|remove|clean\\s+up|get\\s+rid\\s+of|less)\\s+(?:the\\s+)?(?:video\\s+)?(?:noise|grain)"
                + "|clean\\s+(?:it\\s+)?up|(?:less|not\\s+(?:so|as)|not)\\s+(?:noisy|grainy))|降噪|去噪点?|减少噪点|去除噪点|去掉噪点|去颗粒", Operation.DENOISE));
        r.add(fixed("stabili[sz](?:e|ation|ing)(?:\\s+the\\s+shaky)?|(?:remove|reduce|fix|get\\s+rid\\s+of|smooth\\s+out)\\s+(?:the\\s+)?(?:camera\\s+)?"
                + "(?:shak(?:e|iness|ing)|jitter|wobble)|(?:less|not\\s+so)\\s+shaky|(?:steady|smooth)\\s+(?:it\\s+)?out|防抖|稳定画面|画面稳定|稳定(?:处理|一下)|(?:去除|消除|减少|去掉|去)(?:画面|镜头|视频)?的?抖动|画面抖动|抖动|(?:画面|镜头|视频|手)?(?:有点|有些|太|很)?抖(?!音)(?:得厉害|得很)?", Operation.STABILIZE));
        r.add(of("(?:(?:add|with)\\s+)?(?:some\\s+|that\\s+)?" + A_LITTLE + "?(?:a\\s+)?(?<strong>strong\\s+|heavy\\s+|subtle\\s+|light\\s+|fine\\s+)?(?:scratchy\\s+|scratched\\s+|dusty\\s+|old\\s+)?(?:film\\s+)?"
                        + "(?:grainy|grain|noisy|noise)(?:\\s+(?:effect|texture))?|(?:轻微的?|淡淡的?|一点点?|少许)?(?:胶片|电影)?颗粒感?|噪点|(?:加|添加)噪声",
                (m, i) -> op(Operation.GRAIN, Map.of("strength", strengthOf(m.group(), 1.0)))));

        r.add(of("(?<what>亮度|对比度|饱和度)(?:(?:降低|减少|减小|调低|降)(?:到|了)?一半|减半)",
                (m, i) -> adjust(toneNamed(m.group("what")), "decrease", "by", null, 50, true)));
        // "饱和度降低30%", and "对比度加20" as a slider's step (a percentage: see adjust)
        r.add(of("(?<what>亮度|对比度|饱和度)(?<dir>调高|提高|增加|提升|加大|调低|降低|减少|减小|加|减|降)\\s*" + number("n") + "(?![些点])\\s*(?<pct>%)?",
                (m, i) -> adjust(toneNamed(m.group("what")), m.group("dir").matches("调高|提高|增加|提升|加大|加") ? "increase" : "decrease", "by", null, Numbers.parse(m.group("n")),
                        m.group("pct") != null)));
        // "对比度1.3", "把对比度调到1.5", 饱和度设为0.8: the value it is set to, as "contrast 1.5" is
        r.add(of("(?<what>亮度|对比度|饱和度)(?:调到|调成|调为|调整到|调整为|设为|设置为|设成|设置成|改成|改为|拉到|变成|为|到)?\\s*(?<sign>[+-])?" + number("n")
                        + "(?![\\d.:])\\s*(?:(?<pct>%)|倍)?(?![秒分帧])",
                (m, i) -> adjust(toneNamed(m.group("what")), null, m.group("sign") == null ? "to" : null, m.group("sign"), Numbers.parse(m.group("n")), m.group("pct") != null)));
        r.add(of(number("n") + "\\s*(?:%|percent)\\s+(?<dir>brighter|lighter|darker|dimmer)|(?<dir2>brighter|lighter|darker|dimmer|brighten|lighten|darken|dim)" + SUBJECT + "\\s+by\\s+" + number("n2") + "\\s*(?:%|percent)",
                (m, i) -> adjust("brightness", Rule.first(m, "dir", "dir2").matches("darke.*|dim.*") ? "decrease" : "increase", "by", null,
                        Numbers.parse(Rule.first(m, "n", "n2")), true)));
        r.add(of(number("n") + "\\s*(?:%|percent)\\s+(?<dir>more|less|higher|lower)\\s+(?<what>contrast|saturation|saturated|contrasty)",
                (m, i) -> adjust(m.group("what").startsWith("contrast") ? "contrast" : "saturation",
                        m.group("dir").matches("more|higher") ? "increase" : "decrease", "by", null, Numbers.parse(m.group("n")), true)));
        r.add(of("(?:turn|bring|crank|knock)\\s+(?:the\\s+)?(?<what>brightness|exposure|contrast|saturation)\\s+(?<dir>up|down)"
                        + "(?:\\s+by\\s+" + number("n") + "\\s*(?<pct>%|percent)?)?(?:\\s+" + STRENGTH + ")?",
                (m, i) -> {
                    boolean up = m.group("dir").equals("up");
                    if (m.group("n") != null) {
                        return adjust(m.group("what"), up ? "increase" : "decrease", "by", null, Numbers.parse(m.group("n")), m.group("pct") != null);
                    }
                    return switch (m.group("what")) {
                        case "contrast" -> contrast(m.group(), up);
                        case "saturation" -> saturation(m.group(), up);
                        default -> brightness(m.group(), up ? 1 : -1);
                    };
                }));
        // tone: with a number first ("increase brightness by 20%", "contrast 1.5", "set saturation to 0")
        r.add(of("(?:(?<verb>increase|raise|boost|up|decrease|reduce|lower|drop|cut|set|adjust|change)\\s+(?:the\\s+)?)?"
                        + "(?<what>brightness|exposure|contrast|saturation)\\s*(?<rel>by|to|of|at|=|:)?\\s*(?<sign>[+-])?" + number("n")
                        + "\\s*(?:(?<pct>%|percent)|x\\b|×|times)?",
                (m, i) -> adjust(m.group("what"), m.group("verb"), m.group("rel"), m.group("sign"), Numbers.parse(m.group("n")), m.group("pct") != null)));
        r.add(of("(?:" + STRENGTH + "\\s+)?(?:brighter|lighter)(?:\\s+(?:by\\s+)?" + STRENGTH + ")?"
                + "|(?:brighten|lighten)(?:\\s+up)?" + SUBJECT + "(?:\\s+" + STRENGTH + ")?"
                + "|(?:increase|raise|boost|turn\\s+up|up)\\s+(?:the\\s+)?(?:brightness|exposure)(?:\\s+" + STRENGTH + ")?|(?:too\\s+dark|underexposed)|less\\s+(?:dark|dim|gloomy)|not\\s+(?:so|as|too)\\s+dark"
                + "|" + ZH_STRENGTH + "\\s*(?:调亮|变亮|提亮|加亮|(?:有点|有些)?偏暗|有点暗|有些暗|亮度(?:提高|增加|调高|加大|提升|高)|(?:提高|增加|调高|提升|加大)亮度|亮一点|亮一些|更亮|太暗了?)" + ZH_AFTER,
                (m, i) -> brightness(m.group(), 1)));
        r.add(of("(?:" + STRENGTH + "\\s+)?(?:darker|dimmer)(?:\\s+(?:by\\s+)?" + STRENGTH + ")?"
                + "|(?:darken|dim)" + SUBJECT + "(?:\\s+" + STRENGTH + ")?"
                + "|(?:decrease|reduce|lower|turn\\s+down)\\s+(?:the\\s+)?(?:brightness|exposure)(?:\\s+" + STRENGTH + ")?|(?:too\\s+bright|overexposed)|less\\s+bright|not\\s+(?:so|as|too)\\s+bright"
                + "|" + ZH_STRENGTH + "\\s*(?:调暗|变暗|压暗|(?:有点|有些)?偏亮|有点亮|有些亮|亮度(?:降低|减少|调低|低)|(?:降低|减少|调低)亮度|暗一点|暗一些|更暗|太亮了?)" + ZH_AFTER,
                (m, i) -> brightness(m.group(), -1)));
        r.add(of("(?:(?:" + STRENGTH + "\\s+)?(?:more|higher|increased?|boost(?:ed)?|raise[d]?|stronger|punchier|add)\\s+(?:the\\s+|some\\s+|more\\s+)?contrast(?:y\\b)?(?:\\s+" + STRENGTH + ")?|contrast\\s+up"
                        + "|(?:increase|boost|raise|up|bump\\s+up)\\s+(?:the\\s+)?contrast(?:\\s+" + STRENGTH + ")?|(?:high|higher)[\\s-]+contrast"
                        + "|(?:增加|提高|增强|加强|加大|提升|拉高|调高|加点|加些|多点|多一点|多些)对比度?|对比度(?:提高|增加|增强|加大|调高|高)" + ZH_AFTER + ")"
                        + "|(?<less>(?:less|lower|reduced?|decrease|softer)\\s+(?:the\\s+)?contrast(?:\\s+" + STRENGTH + ")?|(?:reduce|lower|decrease)\\s+(?:the\\s+)?contrast(?:\\s+" + STRENGTH + ")?"
                        + "|low[\\s-]+contrast|(?:降低|减少|减弱|调低)对比度?|对比度(?:降低|减少|减弱|调低|低)" + ZH_AFTER + ")",
                (m, i) -> contrast(m.group(), m.group("less") == null)));
        r.add(of("(?:(?:" + STRENGTH + "\\s+)?(?:more|higher|increased?|boost(?:ed)?)\\s+(?:the\\s+)?(?:colou?r\\s+)?saturat(?:ion|ed)(?:\\s+" + STRENGTH + ")?|(?:more\\s+)?(?:vivid|vibrant|saturated|colou?rful|punchy)(?:\\s+colou?rs?)?"
                        + "|(?:increase|boost|raise|up)\\s+(?:the\\s+)?(?:colou?r\\s+)?saturation(?:\\s+" + STRENGTH + ")?|(?:(?:make\\s+)?(?:the\\s+)?colou?rs?|make\\s+it)\\s+pop(?:\\s+(?:" + STRENGTH + "\\s+)?more)?|(?:boost|enhance|intensify|enrich|richer)\\s+(?:the\\s+)?colou?rs?|(?:turn|bring|crank)\\s+(?:the\\s+)?(?:colou?r\\s+)?saturation\\s+up"
                        + "|(?:增加|提高|增强|加大|提升|调高|加点|加些|多点|多一点|多些)饱和度?|饱和度(?:提高|增加|增强|加大|调高|高)" + ZH_AFTER + "|(?:色彩|颜色)?(?:更)?鲜艳" + ZH_AFTER + ")"
                        + "|(?<less>(?:less|lower|reduced?|decrease)\\s+(?:the\\s+)?(?:colou?r\\s+)?saturat(?:ion|ed)(?:\\s+" + STRENGTH + ")?|(?:reduce|lower|decrease)\\s+(?:the\\s+)?(?:colou?r\\s+)?saturation(?:\\s+" + STRENGTH + ")?"
                        + "|(?:muted|washed[\\s-]+out|faded)\\s+colou?rs?|(?:turn|bring)\\s+(?:the\\s+)?(?:colou?r\\s+)?saturation\\s+down|(?:降低|减少|减弱|调低)饱和度?|饱和度(?:降低|减少|减弱|调低|低)" + ZH_AFTER + ")",
                (m, i) -> saturation(m.group(), m.group("less") == null)));
        // a shift said below zero ("by -30", 负30度) is the same turn of the colour wheel the other way: 330°
        r.add(of("(?:shift|rotate|change|adjust|spin)\\s+(?:the\\s+)?hue(?:\\s+(?:by\\s+)?" + minus("minus") + number("n") + "\\s*(?:degrees?|°)?)?|hue[\\s-]+shift(?:ed)?(?:\\s+(?:of\\s+|by\\s+)?" + minus("minus2") + number("n2") + "\\s*(?:degrees?|°)?)?"
                        + "|(?:色相|色调)(?:偏移|旋转|调整)?\\s*(?:" + minus("minus3") + number("n3") + "\\s*(?:度|°))" + "|(?:色相|色调)(?:偏移|旋转|调整)",
                (m, i) -> hue(m.group("n") != null ? m.group("n") : m.group("n2") != null ? m.group("n2") : m.group("n3"), m.group("minus") != null || m.group("minus2") != null || m.group("minus3") != null)));
        // how much, said before or after: "slightly warmer", "warm it up a bit", "cooler a touch"
        r.add(of("(?:(?:(?:" + STRENGTH + "\\s+)?warm(?:er)?(?:\\s+(?:up|tones?|tint|colou?rs?|look|light))?|warm\\s+(?:it\\s+)?up|(?:add\\s+|more\\s+)?warmth|(?:golden|orange)\\s+(?:tones?|tint|look))"
                        + "(?:\\s+" + STRENGTH + ")?|" + ZH_STRENGTH + "(?:暖色调?|暖调|(?:(?<=[变弄改成得要])|(?<=(?<!色)调))偏暖|偏暖(?=一点|一些|点|些)|温暖|更暖|(?<!色)调暖|暖一点|暖一些)" + ZH_AFTER + ")"
                        + "|(?<cool>(?:(?:" + STRENGTH + "\\s+)?(?:cooler|colder|(?:cool|cold)(?=\\s+(?:tones?|colou?rs?|tint|light|temperature|blue|look|feel)))(?:\\s+(?:down\\s+)?(?:tones?|tint|colou?rs?|look|light))?|cool\\s+(?:it\\s+)?down|(?:blue|bluish|teal)\\s+(?:tones?|tint|look))"
                        + "(?:\\s+" + STRENGTH + ")?|" + ZH_STRENGTH + "(?:冷色调?|冷调|(?:(?<=[变弄改成得要])|(?<=(?<!色)调))偏冷|偏冷(?=一点|一些|点|些)|清冷|更冷|(?<!色)调冷|冷一点|冷一些)" + ZH_AFTER + ")",
                (m, i) -> op(Operation.TEMPERATURE, Map.of("tone", m.group("cool") == null ? "warm" : "cool",
                        "strength", strengthOf(m.group(), 1.0)))));

        // blur and sharpen ("blur the faces" is a vision rule, read before these)
        r.add(of("(?:" + STRENGTH + "\\s+)?(?:blur(?:red|ry)?|soften|(?<=(?:make|put|throw|knock|turn|render)\\s{1,3}(?:it|this|everything|the\\s{1,3}[a-z]{1,12})?\\s{0,3})out\\s+of\\s+focus|defocus(?:ed)?)" + SUBJECT + "(?:\\s+" + STRENGTH + ")?(?:\\s+(?:effect|look))?"
                        + "|(?:(?:add|apply)\\s+)?(?:an?\\s+|some\\s+)?(?:light|slight|subtle|heavy|strong|gaussian|soft)\\s+blur|(?:add|apply)\\s+(?:a\\s+)?blur|" + ZH_STRENGTH + "(?:模糊(?:处理)?|虚化|柔化)" + ZH_AFTER,
                (m, i) -> op(Operation.BLUR, Map.of("strength", strengthOf(m.group(), 1.0)))));
        r.add(of("(?:" + STRENGTH + "\\s+)?(?:sharpen(?:ed)?|sharper|crisper|crisp(?:en)?)" + SUBJECT + "(?:\\s+up)?(?:\\s+" + STRENGTH + ")?"
                        + "|(?:increase|add|boost)\\s+(?:the\\s+)?sharpness|" + ZH_STRENGTH + "(?:锐化|锐利|更清晰|清晰一点|清晰一些|提高清晰度|增加锐度)" + ZH_AFTER,
                (m, i) -> op(Operation.SHARPEN, Map.of("strength", strengthOf(m.group(), 1.0)))));
        return List.copyOf(r);
    }

    /** 1 for a plain request, more for "much"/"strong", less for "slightly"/"subtle". */
    static double strengthOf(String words, double normal) {
        if (words.matches("(?s).*(?:strong|heav).*") || STRONG.matcher(words).find()) {
            return normal * 2;
        }
        if (words.matches("(?s).*(?:light|fine)\\s.*|(?s).*lightly.*") || SLIGHT.matcher(words).find()) {
            return normal * 0.5;
        }
        return normal;
    }

    /** The tone a Chinese word names: 亮度, 对比度, 饱和度. */
    private static String toneNamed(String chinese) {
        return switch (chinese) {
            case "亮度" -> "brightness";
            case "对比度" -> "contrast";
            default -> "saturation";
        };
    }

    private static EditOperation adjust(String what, String verb, String rel, String sign, double n, boolean percent) {
        int direction = "-".equals(sign) || (verb != null && verb.matches("decrease|reduce|lower|drop|cut")) ? -1 : 1;
        boolean absolute = sign == null && ("to".equals(rel) || "=".equals(rel) || ":".equals(rel) || "at".equals(rel)
                || (verb != null && verb.matches("set|adjust|change")) || (verb == null && rel == null));
        // "contrast +20", "turn the saturation down by 30": a bare number beyond any factor is a slider's step, a percentage
        boolean brightness = what.matches("brightness|exposure");
        if (!percent && !absolute && n > (brightness ? 1 : Rule.MAX_BARE_MULTIPLE)) {
            percent = true;
        }
        double value = percent ? n / 100 : n;
        if (brightness) {
            double amount = absolute ? (percent ? value - 1 : value) : direction * value;
            if (!(amount >= -1 && amount <= 1)) {
                throw invalid("brightness changes by -100% to +100% (got " + round(amount) + ")", "亮度调整范围为 -100% 到 +100%（当前为 " + round(amount) + "）");
            }
            return op(Operation.BRIGHTNESS, Map.of("amount", round(amount)));
        }
        double factor = absolute ? value : Rule.changeBy(direction, n, percent ? "%" : null);
        if (!(factor >= 0 && factor <= 3)) {
            throw invalid(what + " takes a factor from 0 to 3 (got " + round(factor) + ")", (what.equals("contrast") ? "对比度" : "饱和度")
                    + "倍数必须在 0 到 3 之间（当前为 " + round(factor) + "）");
        }
        return op(Operation.fromWire(what), Map.of("factor", round(factor)));
    }

    private static EditOperation brightness(String words, int sign) {
        double amount = STRONG.matcher(words).find() ? BRIGHTNESS_STRONG
                : SLIGHT.matcher(words).find() ? BRIGHTNESS_SLIGHT : BRIGHTNESS;
        return op(Operation.BRIGHTNESS, Map.of("amount", sign * amount));
    }

    private static EditOperation contrast(String words, boolean more) {
        double step = 0.3 * strengthOf(words, 1.0);
        return op(Operation.CONTRAST, Map.of("factor", round(more ? 1 + step : 1 / (1 + step))));
    }

    private static EditOperation saturation(String words, boolean more) {
        double step = 0.5 * strengthOf(words, 1.0);
        return op(Operation.SATURATION, Map.of("factor", round(more ? 1 + step : 1 / (1 + step))));
    }

    private static String minus(String group) {
        return "(?<" + group + ">-\\s*|minus\\s+|negative\\s+|负)?";
    }

    private static EditOperation hue(String number, boolean minus) {
        double degrees = number == null ? 90 : Numbers.parse(number);
        if (minus && degrees > 0 && degrees < 360) {
            degrees = 360 - degrees;
        }
        if (!(degrees > 0 && degrees < 360)) {
            throw invalid("a hue shift is between 0 and 360 degrees (got " + number + ")", "色相偏移必须在 0 到 360 度之间（当前为 " + number + "）");
        }
        return op(Operation.HUE, Map.of("degrees", round(degrees)));
    }

    private static EditOperation posterize(String number) {
        int levels = number == null ? 4 : (int) Math.round(Numbers.parse(number));
        if (levels < 2 || levels > 16) {
            throw invalid("posterize takes 2 to 16 levels (got " + levels + ")", "色调分离的色阶数必须在 2 到 16 之间（当前为 " + levels + "）");
        }
        return op(Operation.POSTERIZE, Map.of("levels", levels));
    }
}
