package dev.vedit.server.engine.local;

import dev.vedit.wire.EditOperation;
import dev.vedit.wire.ErrorCode;
import dev.vedit.wire.VeditException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an English or Chinese prompt into edit operations, deterministically. Every clause must be fully
 * understood (apart from filler words); anything else is refused with the words quoted, never dropped.
 */
final class PromptInterpreter {
    static final String GENERATIVE_ENGINE_EN = "a generative engine (ComfyUI on a GPU)";
    static final String GENERATIVE_ENGINE_ZH = "生成式引擎（GPU 上的 ComfyUI）";
    /** "speed up" and "slow down" without a number: a clearly visible but moderate change. */
    static final double DEFAULT_SPEED_UP = 1.5;
    static final double DEFAULT_SLOW_DOWN = 0.75;
    static final double MIN_SPEED = 0.25;
    static final double MAX_SPEED = 4.0;
    private static final double BRIGHTNESS = 0.15;
    private static final double BRIGHTNESS_STRONG = 0.3;
    private static final double BRIGHTNESS_SLIGHT = 0.08;

    private static final String N = "(?<n>" + Numbers.PATTERN + ")";
    private static final char JOINER = '\u0001';
    /** Terms holding a splitting word, protected by joining their words before clauses are split. */
    private static final Pattern PROTECTED = Pattern.compile("black(\\s+)and(\\s+)white", Pattern.CASE_INSENSITIVE);
    private static final Pattern SPLIT = Pattern.compile("\\s*(?:[,;:!?\\n，、；：。！？]|\\.(?!\\d)|\\band\\s+then\\b|\\bthen\\b"
            + "|\\band\\s+also\\b|(?<!\\x01)\\band\\b(?!\\x01)|\\balso\\b|并且|然后|接着|之后|同时|以及|再|并|和)\\s*");
    private static final Pattern FILLER = Pattern.compile("\\b(?:please|pls|kindly|can\\s+you|could\\s+you|would\\s+you"
            + "|will\\s+you|i\\s+want\\s+you\\s+to|i\\s+want|i'd\\s+like(?:\\s+you\\s+to)?|i\\s+would\\s+like(?:\\s+you\\s+to)?"
            + "|i\\s+need|we\\s+want|let's|make|turn|convert|change|apply|give|have|set|play|playback|put|the|a|an|this"
            + "|that|it|its|it's|video|clip|footage|film|movie|whole|entire|to|into|in|on|at|as|with|of|by|be|look"
            + "|looks|also|just|and|then|effect|filter|version|so|too|now|thanks|thank\\s+you|for\\s+me|me|all|overall)\\b"
            + "|请|麻烦|帮忙|帮我|给我|替我|我想要|我想|我要|希望|需要|能不能|可以|能否|整个|视频|画面|影片|片子|整体|一下"
            + "|把|将|让|使得|使|变成|变为|转成|转为|改成|改为|处理成|调成|做成|弄成|效果|色调|风格|模式|的|了|吧|呢|啊|呀"
            + "|成|为|也|都|要|一点|一些|播放");
    private static final Pattern GENERATIVE = Pattern.compile(
            "\\b(?:replace|swap|change|switch|transform)\\b.*\\b(?:clothes|clothing|outfit|shirt|t-shirt|dress|jacket"
                    + "|face|faces|person|man|woman|people|character|hair|background|sky|car|object)s?\\b"
                    + "|face[\\s-]?swap|\\bswap\\s+(?:the\\s+)?faces?"
                    + "|\\b(?:add|insert|put|place|remove|erase|delete|get\\s+rid\\s+of)\\b.*\\b(?:person|people|man|woman|men"
                    + "|women|object|objects|car|cars|dog|cat|tree|trees|logo|watermark|text|pedestrians?|vehicles?"
                    + "|background|hat|glasses|bird|building|sky)\\b"
                    + "|\\b(?:ghibli|anime|cartoon|manga|oil\\s+painting|watercolou?r|cyberpunk|pixar|disney|van\\s+gogh"
                    + "|sketch|pencil\\s+drawing|claymation|lego|ukiyo|impressionis\\w*|comic)\\b"
                    + "|\\b(?:day\\s+to\\s+night|night\\s+to\\s+day|night(?:time)?|rain(?:y|ing)?|snow(?:y|ing)?|weather"
                    + "|sunset|sunrise|fog(?:gy)?|storm(?:y)?|winter|summer|autumn)\\b"
                    + "|\\b(?:older|younger|age|aging|ageing|smil(?:e|ing)|hair(?:style)?|makeup|beard|expression|wearing)\\b"
                    + "|换脸|换装|换成|替换|换掉|更换|衣服|服装|穿着|外套|裙子|发型|头发|年龄|变老|变年轻|表情|化妆|吉卜力|宫崎骏"
                    + "|动漫|动画风|卡通|漫画|油画|水彩|赛博朋克|素描|水墨|梵高|夜晚|黑夜|晚上|白天|雨夜|下雨|雨天|下雪|雪景|天气|日落"
                    + "|添加|加入|移除|去掉|去除|删除|抹去|人物|行人|人脸|男人|女人|背景");
    private static final Pattern IMAGE_REFERENCE = Pattern.compile(
            "\\b(?:figure|fig\\.?|image|picture|photo|img|reference)\\s*#?\\s*(?<n>\\d+|one|two|three|four|five|six|seven"
                    + "|eight|nine|ten)\\b"
                    + "|\\b(?<ord>first|second|third|fourth|fifth|sixth|seventh|eighth)\\s+(?:reference\\s+)?(?:image"
                    + "|picture|photo|figure)\\b"
                    + "|(?:图片|图像|照片|图)\\s*(?<cn>\\d+|[一二三四五六七八九十]+)"
                    + "|第\\s*(?<cn2>\\d+|[一二三四五六七八九十]+)\\s*(?:张|幅)");
    private static final List<String> ORDINALS =
            List.of("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth");
    private static final Pattern STRONG = Pattern.compile("much|a\\s+lot|far|way|significantly|大幅|很多|许多|非常|明显");
    private static final Pattern SLIGHT = Pattern.compile("a\\s+bit|a\\s+little|slightly|somewhat|稍|略|一点|一些");

    private final List<Rule> rules = rules();

    /**
     * The operations of {@code prompt}, in the order they are asked for.
     *
     * @param imageCount how many reference images came with the prompt (Figure 1 is the first)
     * @throws VeditException {@code EDIT_NOT_SUPPORTED} quoting what cannot be done, or {@code INVALID_PARAMETERS}
     *                        for an impossible value or a reference to a missing image
     */
    List<EditOperation> interpret(String prompt, int imageCount) {
        String original = protect(prompt == null ? "" : prompt);
        String lower = original.toLowerCase(Locale.ROOT);
        if (lower.length() != original.length()) {
            lower = original; // lower-casing changed the length (rare scripts): match as written
        }
        String imageReference = checkImageReferences(original, lower, imageCount);

        List<EditOperation> operations = new ArrayList<>();
        List<String> generative = new ArrayList<>();
        List<String> notUnderstood = new ArrayList<>();
        Matcher split = SPLIT.matcher(lower);
        int clauseStart = 0;
        while (clauseStart <= lower.length()) {
            boolean found = split.find();
            int clauseEnd = found ? split.start() : lower.length();
            if (clauseEnd > clauseStart) {
                interpretClause(original.substring(clauseStart, clauseEnd), lower.substring(clauseStart, clauseEnd),
                        operations, generative, notUnderstood);
            }
            if (!found) {
                break;
            }
            clauseStart = split.end();
        }
        if (generative.isEmpty() && imageReference != null) {
            throw VeditException.of(ErrorCode.EDIT_NOT_SUPPORTED,
                    "the local engine cannot use reference images yet (\"" + imageReference + "\")",
                    "本地引擎暂不支持使用参考图片（“" + imageReference + "”）");
        }
        refuseIfAny(generative, notUnderstood);
        if (operations.isEmpty()) {
            String quoted = restore(original).strip();
            throw VeditException.of(ErrorCode.EDIT_NOT_SUPPORTED,
                    "the local engine found no edit it can perform in \"" + quoted + "\"",
                    "本地引擎未在“" + quoted + "”中找到可执行的编辑");
        }
        return operations;
    }

    private void interpretClause(String original, String lower, List<EditOperation> operations,
                                 List<String> generative, List<String> notUnderstood) {
        record Found(int start, EditOperation operation) {
        }
        List<Found> found = new ArrayList<>();
        StringBuilder work = new StringBuilder(lower);
        for (Rule rule : rules) {
            Matcher m = rule.pattern().matcher(work);
            int from = 0;
            while (from < work.length() && m.find(from)) {
                if (m.end() == m.start()) {
                    from = m.end() + 1;
                    continue;
                }
                from = m.end();
                EditOperation op = rule.factory().apply(m.toMatchResult());
                if (op == null) {
                    continue;
                }
                String source = restore(original.substring(m.start(), m.end())).strip();
                found.add(new Found(m.start(), new EditOperation(op.op(), op.params(), source)));
                for (int i = m.start(); i < m.end(); i++) {
                    work.setCharAt(i, ' ');
                }
                m = rule.pattern().matcher(work);
            }
        }
        String leftover = work.toString();
        String quoted = restore(original).strip();
        if (GENERATIVE.matcher(leftover).find()) {
            generative.add(quoted);
            return;
        }
        String unexplained = FILLER.matcher(leftover.replace(JOINER, ' ')).replaceAll(" ");
        if (unexplained.codePoints().anyMatch(Character::isLetterOrDigit)) {
            notUnderstood.add(quoted);
            return;
        }
        found.sort(Comparator.comparingInt(Found::start));
        found.forEach(f -> operations.add(f.operation()));
    }

    private static void refuseIfAny(List<String> generative, List<String> notUnderstood) {
        if (generative.isEmpty() && notUnderstood.isEmpty()) {
            return;
        }
        List<String> english = new ArrayList<>();
        List<String> chinese = new ArrayList<>();
        if (!generative.isEmpty()) {
            english.add(quote(generative, "\"", "\"") + " needs " + GENERATIVE_ENGINE_EN
                    + ", not the local FFmpeg engine");
            chinese.add(quote(generative, "“", "”") + "需要" + GENERATIVE_ENGINE_ZH + "，本地 FFmpeg 引擎无法完成");
        }
        if (!notUnderstood.isEmpty()) {
            english.add("the local engine does not understand " + quote(notUnderstood, "\"", "\""));
            chinese.add("本地引擎无法理解" + quote(notUnderstood, "“", "”"));
        }
        throw VeditException.of(ErrorCode.EDIT_NOT_SUPPORTED, String.join("; ", english), String.join("；", chinese));
    }

    private static String quote(List<String> phrases, String open, String close) {
        return phrases.stream().map(p -> open + p + close).reduce((a, b) -> a + ", " + b).orElse("");
    }

    /**
     * Refuses a reference to an image that was not given; returns the words of the first reference to one
     * that was (the caller refuses those later, after a generative refusal had its say), or {@code null}.
     */
    private static String checkImageReferences(String original, String lower, int imageCount) {
        Matcher m = IMAGE_REFERENCE.matcher(lower);
        String first = null;
        while (m.find()) {
            int figure;
            if (m.group("n") != null) {
                figure = (int) Numbers.parse(m.group("n"));
            } else if (m.group("ord") != null) {
                figure = ORDINALS.indexOf(m.group("ord")) + 1;
            } else {
                figure = (int) Numbers.parse(m.group("cn") != null ? m.group("cn") : m.group("cn2"));
            }
            String words = restore(original.substring(m.start(), m.end())).strip();
            if (figure < 1 || figure > imageCount) {
                throw VeditException.of(ErrorCode.INVALID_PARAMETERS,
                        "the prompt refers to \"" + words + "\" (image " + figure + ") but " + imageCount
                                + " reference image(s) were given",
                        "提示词引用了“" + words + "”（第 " + figure + " 张图），但只提供了 " + imageCount + " 张参考图片");
            }
            if (first == null) {
                first = words;
            }
        }
        return first;
    }

    private static String protect(String prompt) {
        Matcher m = PROTECTED.matcher(prompt);
        StringBuilder out = new StringBuilder(prompt);
        while (m.find()) {
            for (int group = 1; group <= m.groupCount(); group++) {
                for (int i = m.start(group); i < m.end(group); i++) {
                    out.setCharAt(i, JOINER);
                }
            }
        }
        return out.toString();
    }

    private static String restore(String text) {
        return text.replace(JOINER, ' ');
    }

    // ---- the rules, most specific first: a match consumes its words so later rules cannot reuse them ----

    private record Rule(Pattern pattern, Function<MatchResult, EditOperation> factory) {
    }

    private static Rule rule(String regex, Function<MatchResult, EditOperation> factory) {
        return new Rule(Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE), factory);
    }

    private static Rule fixed(String regex, String op) {
        return rule(regex, m -> new EditOperation(op, Map.of(), null));
    }

    private static List<Rule> rules() {
        List<Rule> r = new ArrayList<>();
        String subject = "(?:\\s+(?:it|the\\s+video|the\\s+clip|the\\s+footage))?";
        String unit = "\\s*(?<unit>x|×|times|%)?";

        // trim (before speed and rotation, which also read numbers)
        String seconds = "\\s*(?:seconds?|secs?|s)\\b";
        r.add(rule("(?:(?:only\\s+)?keep(?:\\s+only)?|cut" + subject + "(?:\\s+down)?\\s+to|trim" + subject
                + "(?:\\s+down)?\\s+to|shorten" + subject + "\\s+to|use(?:\\s+only)?|just)?\\s*(?:only\\s+)?(?:the\\s+)?"
                + "first\\s+" + N + seconds + "(?:\\s+only)?", m -> trim(m.group("n"))));
        r.add(rule("(?:trim|cut|shorten)" + subject + "(?:\\s+down)?\\s+to\\s+" + N + seconds, m -> trim(m.group("n"))));
        r.add(rule("(?:只保留|保留|只要|截取|裁剪出?|剪切|剪辑|剪出|只留|留下)?\\s*(?:视频)?的?前\\s*" + N
                + "\\s*秒钟?(?:的?内容)?", m -> trim(m.group("n"))));
        r.add(rule("(?:截取|剪|裁剪|剪辑|缩短)(?:成|到|为)\\s*" + N + "\\s*秒钟?", m -> trim(m.group("n"))));

        // rotation (before vertical flip, which shares "upside down")
        String direction = "(?<dir>clockwise|counter[\\s-]?clockwise|anti[\\s-]?clockwise|cw|ccw|to\\s+the\\s+left"
                + "|to\\s+the\\s+right|left|right)";
        String degrees = "\\s*(?:degrees?|deg|°)?";
        r.add(rule("(?:rotate|turn)" + subject + "(?:\\s+by)?\\s+" + N + degrees + "(?:\\s+" + direction + ")?",
                m -> rotate(m.group("n"), m.group("dir"))));
        r.add(rule("rotate" + subject + "\\s+" + direction + "(?:\\s+(?:by\\s+)?" + N + degrees + ")?",
                m -> rotate(m.group("n"), m.group("dir"))));
        r.add(rule("(?:turn|flip)" + subject + "\\s+upside[\\s-]+down\\s+by\\s+rotat(?:ion|ing)(?:\\s+it)?"
                + "|rotate" + subject + "\\s+upside[\\s-]+down", m -> rotate("180", null)));
        r.add(rule("(?<dir>顺时针|逆时针|向左|向右|往左|往右)?\\s*旋转\\s*(?:(?:" + N + ")\\s*度|(?<dir2>向左|向右))?",
                m -> rotate(m.group("n"), m.group("dir") != null ? m.group("dir") : m.group("dir2"))));

        // flips
        r.add(fixed("mirror(?:ed)?(?:\\s+(?:image|effect))?(?:\\s+(?:it\\s+)?horizontally)?|flip" + subject
                + "\\s+horizontally|horizontal(?:ly)?[\\s-]+(?:flip(?:ped)?|mirror(?:ed)?)|flip" + subject
                + "\\s+left[\\s-]+(?:to[\\s-]+)?right|flip" + subject + "\\s+sideways"
                + "|水平翻转|左右翻转|水平镜像|镜像(?:翻转)?|左右颠倒", "hflip"));
        r.add(fixed("flip" + subject + "\\s+vertically|vertical(?:ly)?[\\s-]+flip(?:ped)?|(?:flip|turn)" + subject
                + "\\s+upside[\\s-]+down|upside[\\s-]+down|flip" + subject + "\\s+top[\\s-]+(?:to[\\s-]+)?bottom"
                + "|垂直翻转|上下翻转|上下颠倒|颠倒过来|倒过来|倒置", "vflip"));

        // colour
        r.add(fixed("black(?:\\x01and\\x01|\\s*&\\s*|-and-|\\s+and\\s+)white|b\\s*&\\s*w|b/w|gr[ae]y[\\s-]?scale"
                + "|monochrome|desaturated?|(?:remove|drop|strip)\\s+(?:the\\s+|all\\s+)?colou?rs?|no\\s+colou?rs?"
                + "|colou?rless|黑白|灰度|灰阶|去色|(?:去掉|去除)颜色", "grayscale"));
        r.add(fixed("sepia(?:[\\s-]+ton(?:e|ed))?|(?:old|vintage)[\\s-]+(?:photo|photograph)\\s+(?:look|tone|colou?rs?)"
                + "|棕褐色调?|褐色调|老照片(?:色调|效果)?|怀旧色调", "sepia"));
        r.add(fixed("invert(?:ed)?(?:\\s+(?:the\\s+|all\\s+|its\\s+)?colou?rs?)?|colou?r\\s+inver(?:sion|ted)"
                + "|inverted\\s+colou?rs?|(?:photo\\s+)?negative(?:\\s+(?:image|film|effect))?"
                + "|反色|负片|反相|颜色反转|反转颜色", "invert"));
        String strength = "(?:much|a\\s+lot|far|way|significantly|a\\s+bit|a\\s+little|slightly|somewhat)";
        r.add(rule("(?:" + strength + "\\s+)?(?:brighter|lighter)(?:\\s+(?:by\\s+)?" + strength + ")?"
                + "|(?:brighten|lighten)(?:\\s+up)?" + subject + "(?:\\s+" + strength + ")?"
                + "|(?:increase|raise|boost|turn\\s+up)\\s+(?:the\\s+)?brightness(?:\\s+" + strength + ")?"
                + "|(?:稍微|稍稍|略微|大幅|明显|非常|更)?\\s*(?:调亮|变亮|提亮|加亮|亮度(?:提高|增加|调高|加大|提升)"
                + "|(?:提高|增加|调高|提升|加大)亮度|亮一点|亮一些|更亮)(?:很多|许多)?", m -> brightness(m.group(), 1)));
        r.add(rule("(?:" + strength + "\\s+)?(?:darker|dimmer)(?:\\s+(?:by\\s+)?" + strength + ")?"
                + "|(?:darken|dim)" + subject + "(?:\\s+" + strength + ")?"
                + "|(?:decrease|reduce|lower|turn\\s+down)\\s+(?:the\\s+)?brightness(?:\\s+" + strength + ")?"
                + "|(?:稍微|稍稍|略微|大幅|明显|非常|更)?\\s*(?:调暗|变暗|压暗|亮度(?:降低|减少|调低)"
                + "|(?:降低|减少|调低)亮度|暗一点|暗一些|更暗)(?:很多|许多)?", m -> brightness(m.group(), -1)));

        // speed
        r.add(rule("(?:speed" + subject + "\\s+up|accelerate|fast[\\s-]?forward)" + subject
                + "(?:\\s+(?:by|to))?(?:\\s+(?:a\\s+factor\\s+of\\s+)?" + N + unit + ")?",
                m -> speedUp(m.group("n"), m.group("unit"))));
        r.add(rule("slow" + subject + "\\s+down" + subject + "\\s+(?:by|to)\\s+(?<frac>half|a\\s+quarter)(?:\\s+(?:the\\s+)?(?:speed|pace))?",
                m -> speed(m.group("frac").equals("half") ? 0.5 : 0.25)));
        r.add(rule("slow" + subject + "\\s+down" + subject + "(?:\\s+(?<by>by|to))?(?:\\s+(?:a\\s+factor\\s+of\\s+)?" + N
                + unit + ")?", m -> slowDown(m.group("n"), m.group("unit"), m.group("by"))));
        r.add(rule("slow[\\s-]?mo(?:tion)?", m -> speed(0.5)));
        r.add(rule("(?:(?<word>twice|double)|(?<n3>thrice|triple)|" + N + "\\s+times)\\s+(?:as\\s+)?(?:fast|faster|quick"
                + "|quicker|the\\s+speed|speed)", m -> speed(m.group("word") != null ? 2
                : m.group("n3") != null ? 3 : Numbers.parse(m.group("n")))));
        r.add(rule("(?<half>half|a\\s+quarter|quarter)[\\s-]+(?:the\\s+)?speed|(?<half2>half)\\s+as\\s+fast",
                m -> speed(m.group("half2") != null || m.group("half").equals("half") ? 0.5 : 0.25)));
        r.add(rule("(?:playback\\s+)?speed\\s+(?:to|of|at)?\\s*" + N + "\\s*(?:x|×|times)?",
                m -> speed(Numbers.parse(m.group("n")))));
        r.add(rule(N + "\\s*(?:x|×)(?:\\s+(?<dir>faster|slower|(?:the\\s+)?(?:playback\\s+)?speed|as\\s+fast))?",
                m -> "slower".equals(m.group("dir")) ? speed(1 / Numbers.parse(m.group("n")))
                        : speed(Numbers.parse(m.group("n")))));
        r.add(rule(N + "\\s*%\\s+(?:of\\s+(?:the\\s+)?(?:original\\s+)?)?speed", m -> speed(Numbers.parse(m.group("n")) / 100)));
        r.add(rule("\\b(?:faster|quicker)\\b", m -> speed(DEFAULT_SPEED_UP)));
        r.add(rule("\\bslower\\b", m -> speed(DEFAULT_SLOW_DOWN)));
        r.add(rule(N + "\\s*倍速(?:度)?", m -> speed(Numbers.parse(m.group("n")))));
        r.add(rule("慢放|慢动作|慢镜头", m -> speed(0.5)));
        r.add(rule("(?:加速|加快(?:速度)?|快放|快进|提速|速度(?:提高|加快|提升|加倍))(?:\\s*(?:到|为|了)?\\s*" + N + "\\s*倍)?",
                m -> speed(m.group("n") == null ? DEFAULT_SPEED_UP : Numbers.parse(m.group("n")))));
        r.add(rule("(?:放慢|减速|降低速度|速度(?:降低|减慢|放慢))(?:\\s*(?:到|为|了)?\\s*(?:(?<half>一半|半速)|" + N + "\\s*倍))?",
                m -> speed(m.group("half") != null ? 0.5 : m.group("n") == null ? DEFAULT_SLOW_DOWN
                        : inverseIfAboveOne(Numbers.parse(m.group("n"))))));
        r.add(rule("(?:一半|半)的?速度?", m -> speed(0.5)));
        r.add(rule(N + "\\s*倍的?(?:速度|快)", m -> speed(Numbers.parse(m.group("n")))));

        // sound
        r.add(fixed("mute(?:d)?(?:\\s+(?:the\\s+)?(?:audio|sound))?|(?:remove|drop|strip|delete|cut|kill|turn\\s+off"
                + "|get\\s+rid\\s+of|take\\s+out|switch\\s+off|disable)\\s+(?:the\\s+|all\\s+(?:the\\s+)?|its\\s+)?"
                + "(?:sound|audio|music|soundtrack)(?:\\s+track)?|(?:with\\s+)?no\\s+(?:sound|audio)"
                + "|without\\s+(?:any\\s+)?(?:sound|audio)|silent|silence(?:\\s+it)?"
                + "|静音|(?:去掉|去除|删除|移除|删掉|关闭|关掉|消除|去)掉?(?:视频)?的?(?:所有)?的?(?:声音|音频|音轨|原声|背景音乐|配乐)"
                + "|无声|没有声音|不要声音|不要音频", "mute"));
        return List.copyOf(r);
    }

    private static EditOperation trim(String number) {
        double seconds = Numbers.parse(number);
        if (!(seconds > 0)) {
            throw VeditException.of(ErrorCode.INVALID_PARAMETERS, "a trim must keep more than 0 seconds",
                    "截取的时长必须大于 0 秒");
        }
        return new EditOperation("trim", Map.of("start", 0.0, "duration", seconds), null);
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
            throw VeditException.of(ErrorCode.INVALID_PARAMETERS,
                    "the local engine rotates by 90, 180 or 270 degrees only (got " + amount + ")",
                    "本地引擎只能旋转 90、180 或 270 度（当前为 " + amount + "）");
        }
        return new EditOperation("rotate", Map.of("degrees", degrees), null);
    }

    private static EditOperation brightness(String words, int sign) {
        double amount = STRONG.matcher(words).find() ? BRIGHTNESS_STRONG
                : SLIGHT.matcher(words).find() ? BRIGHTNESS_SLIGHT : BRIGHTNESS;
        return new EditOperation("brightness", Map.of("amount", sign * amount), null);
    }

    private static EditOperation speedUp(String number, String unit) {
        if (number == null) {
            return speed(DEFAULT_SPEED_UP);
        }
        double n = Numbers.parse(number);
        return speed("%".equals(unit) ? 1 + n / 100 : n);
    }

    private static EditOperation slowDown(String number, String unit, String byOrTo) {
        if (number == null) {
            return speed(DEFAULT_SLOW_DOWN);
        }
        double n = Numbers.parse(number);
        if ("%".equals(unit)) {
            return speed("to".equals(byOrTo) ? n / 100 : 1 - n / 100);
        }
        return speed(inverseIfAboveOne(n));
    }

    /** "slow down 2x" and "放慢两倍" mean half speed; "slow down to 0.5" means the same. */
    private static double inverseIfAboveOne(double n) {
        return n > 1 ? 1 / n : n;
    }

    private static EditOperation speed(double factor) {
        if (!(factor >= MIN_SPEED && factor <= MAX_SPEED)) {
            throw VeditException.of(ErrorCode.INVALID_PARAMETERS,
                    "the speed factor must be between " + MIN_SPEED + " and " + MAX_SPEED + " (got " + round(factor) + ")",
                    "速度倍数必须在 " + MIN_SPEED + " 到 " + MAX_SPEED + " 之间（当前为 " + round(factor) + "）");
        }
        return new EditOperation("speed", Map.of("factor", round(factor)), null);
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
