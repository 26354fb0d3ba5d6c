package dev.vedit.server.engine.local;

import dev.vedit.server.engine.NeedsGenerativeEngine;
import dev.vedit.wire.EditOperation;
import dev.vedit.wire.ErrorCode;
import dev.vedit.wire.VeditException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an English or Chinese prompt into edit operations, deterministically. Every clause must be fully
 * understood (apart from filler words); anything else is refused with the words quoted, never dropped.
 */
final class PromptInterpreter {
    static final String GENERATIVE_ENGINE_EN = "a generative engine (ComfyUI on a GPU)";
    static final String GENERATIVE_ENGINE_ZH = "生成式引擎（GPU 上的 ComfyUI）";
    static final double MIN_SPEED = TimeRules.MIN_SPEED;
    static final double MAX_SPEED = TimeRules.MAX_SPEED;

    private static final char JOINER = '\u0001';
    /**
     * Multi-word terms holding a splitting word ("black and white", "fade in and out", "between 2 and 5 seconds"),
     * protected by joining their words before clauses are split, so they are never cut in two.
     */
    private static final Pattern PROTECTED = Pattern.compile("black(\\s+)and(\\s+)white|fade(?:s)?\\s+in(\\s+)and(\\s+)out"
            + "|in(\\s+)and(\\s+)out|饱(和)|柔(和)|暖(和)|between\\s+\\S+(\\s+)and(\\s+)\\S+|淡入(和)淡出|(和)(?=[^，,]*?(?:之间|的部分))", Pattern.CASE_INSENSITIVE);
    private static final Pattern SPLIT = Pattern.compile("\\s*(?:[,;!?\\n，、；。！？]|\\.(?!\\d)|\\band\\s+then\\b|\\bthen\\b"
            + "|\\band\\s+also\\b|(?<!\\x01)\\band\\b(?!\\x01)|\\balso\\b|\\bplus\\b|并且|然后|接着|之后|同时|以及|另外|还要|再|并|(?<!\\x01)和(?!\\x01)|跟)\\s*");
    private static final Pattern FILLER = Pattern.compile("\\b(?:hi|hello|hey|please|pls|plz|kindly|thanks?\\s+(?:you\\s+)?(?:so|very)\\s+much|thanks\\s+a\\s+lot|can\\s+you|could\\s+you|can\\s+u|could\\s+u|would\\s+you"
            + "|will\\s+you|i\\s+want\\s+you\\s+to|i\\s+want|i'd\\s+like(?:\\s+you\\s+to)?|i\\s+would\\s+like(?:\\s+you\\s+to)?"
            + "|i\\s+need|we\\s+want|let's|let|make|turn|convert|change|apply|give|have|set|play|playback|put|the|a|an|this"
            + "|that|it's|its|it|video|clip|footage|film|movie|whole|entire|to|into|in|on|at|as|with|of|by|be|look"
            + "|looks|also|just|and|then|effect|filter|version|so|too|now|thanks|thank\\s+you|for\\s+me|me|all|overall"
            + "|^\\s*(?:second|third|fourth|fifth)(?:ly)?\\b|add|apply|use|using|some|bit|little|slightly|style|look|feel|vibe|corner|screen|frame|my|our|finally|first|afterwards"
            + "|after\\s+that|next|lastly|like|shaky|please|colou?rs?|image|picture|thing|whole\\s+thing|everything|overall|a\\s+little|a\\s+bit|is|are|should|must|want|also|both|again|output|final|result|plus|there)\\b"
            + "|你好|您好|谢谢|多谢|请|麻烦|帮忙|帮我|给我|替我|我想要|我想|我要|希望|需要|能不能|可以|能否|整个|视频|画面|影片|片子|整体|一下"
            + "|把|将|让|使得|使|变成|变为|转成|转为|改成|改为|处理成|调成|做成|弄成|效果|色调|风格|模式|的|了|吧|呢|啊|呀"
            + "|成|为|也|都|要|一点|一些|这个|那个|个|来个|来一个|播放|首先|先|最后|加点|来点|加|滤镜|特效|变得|色彩|颜色|以|加上|添加|一个|进行|处理|同时|再|还|后|里|中|上|下|给|对|用|在|并|和|最终|输出");
    private static final Pattern GENERATIVE = Pattern.compile(
            "\\b(?:replace|swap|change|switch|transform)\\b.*\\b(?:clothes|clothing|outfit|shirt|t-shirt|dress|jacket"
                    + "|face|faces|person|man|woman|people|character|hair|background(?!\\s+(?:music|sound|audio|noise))|sky|car|object)s?\\b"
                    + "|face[\\s-]?swap|\\bswap\\s+(?:the\\s+)?faces?"
                    + "|\\b(?:add|insert|put|place|remove|erase|delete|get\\s+rid\\s+of)\\b.*\\b(?:person|people|man|woman|men"
                    + "|women|object|objects|car|cars|dog|cat|tree|trees|logo|watermark|text|pedestrians?|vehicles?"
                    + "|background(?!\\s+(?:music|sound|audio|noise))|hat|glasses|bird|building|sky)\\b"
                    + "|\\b(?:ghibli|anime|manga|oil\\s+painting|watercolou?r|cyberpunk|pixar|disney|van\\s+gogh"
                    + "|claymation|lego|ukiyo|impressionis\\w*|comic)\\b"
                    + "|\\b(?:day\\s+to\\s+night|night\\s+to\\s+day|night(?:time)?|rain(?:y|ing)?|snow(?:y|ing)?|weather"
                    + "|sunset|sunrise|fog(?:gy)?|storm(?:y)?|winter|summer|autumn)\\b"
                    + "|\\b(?:older|younger|age|aging|ageing|smil(?:e|ing)|hair(?:style)?|makeup|beard|expression|wearing)\\b"
                    + "|换脸|换装|换成|替换|换掉|更换|衣服|服装|穿着|外套|裙子|发型|头发|年龄|变老|变年轻|表情|化妆|吉卜力|宫崎骏"
                    + "|动漫|动画风|漫画|油画|水彩|赛博朋克|水墨|梵高|夜晚|黑夜|晚上|白天|雨夜|下雨|雨天|下雪|雪景|天气|日落"
                    + "|(?:添加|加入|加上|移除|去掉|去除|删除|抹去|擦除)(?:一个|一只|一些|画面中的|背景中?的)?(?:人物|行人|人|物体|东西|汽车|车|狗|猫|树|建筑|鸟|帽子|眼镜|水印|logo|字幕|文字)"
                    + "|人物|行人|男人|女人|背景(?!音)");
    private static final Pattern IMAGE_REFERENCE = Pattern.compile(
            "\\b(?:figure|fig\\.?|image|picture|photo|img|reference)\\s*#?\\s*(?<n>\\d+|one|two|three|four|five|six|seven"
                    + "|eight|nine|ten)\\b"
                    + "|\\b(?<ord>first|second|third|fourth|fifth|sixth|seventh|eighth)\\s+(?:reference\\s+)?(?:image"
                    + "|picture|photo|figure)\\b"
                    + "|(?:图片|图像|照片|图)\\s*(?<cn>\\d+|[一二三四五六七八九十]+)"
                    + "|第\\s*(?<cn2>\\d+|[一二三四五六七八九十]+)\\s*(?:张|幅)");
    /** A clause that gives an example of the edit before it ("..., like half the speed", "……比如两倍速"). */
    private static final Pattern ELABORATION = Pattern.compile("\\s*(?:like|say|maybe|about|around|roughly|e\\.g\\.?|i\\.e\\.?|比如|例如|大概|大约|差不多)\\b",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CHARACTER_CLASS);
    /** Words that describe a problem rather than ask for an edit ("too dark", "有点抖"). */
    private static final Pattern COMPLAINT = Pattern.compile("\\btoo\\b|\\bso\\s+(?:dark|bright|loud|quiet|shaky)|underexposed|overexposed|太|有点|有些",
            Pattern.CASE_INSENSITIVE);
    /** Words that say how much ("2x", "double", "half", "两倍"); "一点"/"一些" only say "a little". */
    private static final Pattern QUANTITY = Pattern.compile("\\d|\\b(?:one|two|three|four|five|six|seven|eight|nine|ten|half|double|twice"
            + "|thrice|triple|quadruple|quarter|percent)\\b|[零〇一二两三四五六七八九十百半倍%]");
    private static final Pattern SLIGHT_WORDS = Pattern.compile("一点点?|一些|一下");
    private static final List<String> ORDINALS =
            List.of("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth");

    private final List<Rule> rules = rules();

    /**
     * The operations of {@code prompt}, in the order they are asked for.
     *
     * @param imageCount how many reference images came with the prompt (Figure 1 is the first)
     * @throws VeditException {@code EDIT_NOT_SUPPORTED} quoting what cannot be done, or {@code INVALID_PARAMETERS}
     *                        for an impossible value or a reference to a missing image
     */
    List<EditOperation> interpret(String prompt, int imageCount) {
        Quotes quotes = new Quotes(prompt == null ? "" : prompt);
        String original = quotes.masked();
        String lower = original.toLowerCase(Locale.ROOT);
        if (lower.length() != original.length()) {
            lower = original; // lower-casing changed the length (rare scripts): match as written
        }
        checkImageReferences(original, lower, quotes, imageCount);
        Rule.Context context = new Rule.Context(imageCount, quotes);

        List<EditOperation> operations = new ArrayList<>();
        List<String> generative = new ArrayList<>();
        List<String> notUnderstood = new ArrayList<>();
        // Split where the protected copy says; read each clause as written (same offsets).
        Matcher split = SPLIT.matcher(protect(lower));
        int clauseStart = 0;
        while (clauseStart <= lower.length()) {
            boolean found = split.find();
            int clauseEnd = found ? split.start() : lower.length();
            if (clauseEnd > clauseStart) {
                int before = operations.size();
                String clause = lower.substring(clauseStart, clauseEnd);
                interpretClause(original.substring(clauseStart, clauseEnd), clause, context, operations, generative, notUnderstood);
                // "slower, like half the speed": the example says how much of the edit just asked for
                if (ELABORATION.matcher(clause).lookingAt() && before > 0 && operations.size() > before
                        && operations.get(before - 1).op().equals(operations.get(before).op())) {
                    operations.remove(before - 1);
                }
            }
            if (!found) {
                break;
            }
            clauseStart = split.end();
        }
        refuseIfAny(generative, notUnderstood);
        operations = complaintsAnswered(operations);
        if (operations.isEmpty()) {
            String quoted = quotes.restore(original).strip();
            throw VeditException.of(ErrorCode.EDIT_NOT_SUPPORTED,
                    "the local engine found no edit it can perform in \"" + quoted + "\"",
                    "本地引擎未在“" + quoted + "”中找到可执行的编辑");
        }
        return operations;
    }

    private void interpretClause(String original, String lower, Rule.Context context, List<EditOperation> operations,
                                 List<String> generative, List<String> notUnderstood) {
        record Found(int start, EditOperation operation) {
        }
        List<Found> found = new ArrayList<>();
        StringBuilder work = new StringBuilder(lower);
        for (Rule rule : rules) {
            Matcher m = rule.pattern().matcher(work);
            int from = 0;
            while (from < work.length() && m.find(from)) {
                if (m.end() == m.start() || work.substring(m.start(), m.end()).isBlank()) {
                    from = m.end() + 1;
                    continue;
                }
                from = m.end();
                EditOperation op = rule.factory().create(m.toMatchResult(), context);
                if (op == null) {
                    continue;
                }
                String source = context.quotes().restore(original.substring(m.start(), m.end())).strip();
                found.add(new Found(m.start(), new EditOperation(op.op(), op.params(), source)));
                for (int i = m.start(); i < m.end(); i++) {
                    work.setCharAt(i, ' ');
                }
                m = rule.pattern().matcher(work);
            }
        }
        String leftover = work.toString();
        String quoted = context.quotes().restore(original).strip();
        if (GENERATIVE.matcher(leftover).find()) {
            generative.add(quoted);
            return;
        }
        String unexplained = FILLER.matcher(leftover).replaceAll(" ");
        if (unexplained.codePoints().anyMatch(Character::isLetterOrDigit) || Quotes.holdsMark(unexplained)) {
            notUnderstood.add(quoted);
            return;
        }
        found.sort(Comparator.comparingInt(Found::start));
        // "retro 80s vibe", "a cool blue tint": two phrasings of one edit in one clause are one operation
        List<EditOperation> clause = new ArrayList<>();
        for (Found f : found) {
            boolean repeated = clause.stream().anyMatch(o -> o.op().equals(f.operation().op()) && o.params().equals(f.operation().params()));
            if (!repeated) {
                clause.add(f.operation());
            }
        }
        operations.addAll(unquantifiedMerged(clause));
    }

    /**
     * "speed up to double speed", "slow down to half speed", "加速到两倍速": a bare direction and an amount of the same
     * edit in one clause are one edit; the amount says how much, so the bare one goes.
     */
    private static List<EditOperation> unquantifiedMerged(List<EditOperation> clause) {
        List<EditOperation> kept = new ArrayList<>(clause);
        for (int i = kept.size() - 1; i > 0; i--) {
            EditOperation a = kept.get(i - 1);
            EditOperation b = kept.get(i);
            if (!a.op().equals(b.op()) || isQuantified(a) == isQuantified(b)) {
                continue;
            }
            kept.remove(isQuantified(a) ? i : i - 1);
        }
        return kept;
    }

    private static boolean isQuantified(EditOperation op) {
        return op.source() != null && QUANTITY.matcher(SLIGHT_WORDS.matcher(op.source().toLowerCase(Locale.ROOT)).replaceAll(" ")).find();
    }

    /**
     * "It's too dark, brighten it a bit", "画面有点抖，帮我防抖", "speed it up, it's too slow": a complaint next to the
     * request it leads to is one edit, not two; the request is kept, as it says how much.
     */
    private static List<EditOperation> complaintsAnswered(List<EditOperation> operations) {
        List<EditOperation> kept = new ArrayList<>();
        for (EditOperation op : operations) {
            EditOperation last = kept.isEmpty() ? null : kept.getLast();
            if (last == null || !last.op().equals(op.op())) {
                kept.add(op);
            } else if (isComplaint(last)) {
                kept.set(kept.size() - 1, op);
            } else if (!isComplaint(op)) {
                kept.add(op);
            }
        }
        return kept;
    }

    private static boolean isComplaint(EditOperation op) {
        return op.source() != null && COMPLAINT.matcher(op.source()).find();
    }

    /** The refusal of an edit only a generative model can make, naming the engine that can. */
    static VeditException generative(String words) {
        return new NeedsGenerativeEngine(
                "\"" + words + "\" needs " + GENERATIVE_ENGINE_EN + ", not the local FFmpeg engine",
                "“" + words + "”需要" + GENERATIVE_ENGINE_ZH + "，本地 FFmpeg 引擎无法完成");
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
        if (!generative.isEmpty()) {
            // A generative model reads the whole prompt, the words the rules did not understand included.
            throw new NeedsGenerativeEngine(String.join("; ", english), String.join("；", chinese));
        }
        throw VeditException.of(ErrorCode.EDIT_NOT_SUPPORTED, String.join("; ", english), String.join("；", chinese));
    }

    private static String quote(List<String> phrases, String open, String close) {
        return phrases.stream().map(p -> open + p + close).reduce((a, b) -> a + ", " + b).orElse("");
    }

    /** Refuses a reference to an image that was not given, wherever it stands, before anything else. */
    private static void checkImageReferences(String original, String lower, Quotes quotes, int imageCount) {
        Matcher m = IMAGE_REFERENCE.matcher(lower);
        while (m.find()) {
            int figure;
            if (m.group("n") != null) {
                figure = (int) Numbers.parse(m.group("n"));
            } else if (m.group("ord") != null) {
                figure = ORDINALS.indexOf(m.group("ord")) + 1;
            } else {
                figure = (int) Numbers.parse(m.group("cn") != null ? m.group("cn") : m.group("cn2"));
            }
            String words = quotes.restore(original.substring(m.start(), m.end())).strip();
            if (figure < 1 || figure > imageCount) {
                throw VeditException.of(ErrorCode.INVALID_PARAMETERS,
                        "the prompt refers to \"" + words + "\" (image " + figure + ") but " + imageCount
                                + " reference image(s) were given",
                        "提示词引用了“" + words + "”（第 " + figure + " 张图），但只提供了 " + imageCount + " 张参考图片");
            }
        }
    }

    private static String protect(String prompt) {
        Matcher m = PROTECTED.matcher(prompt);
        StringBuilder out = new StringBuilder(prompt);
        while (m.find()) {
            for (int group = 1; group <= m.groupCount(); group++) {
                for (int i = Math.max(0, m.start(group)); i < m.end(group); i++) {
                    out.setCharAt(i, JOINER);
                }
            }
        }
        return out.toString();
    }

    /** The rules, most specific first: a match consumes its words so later rules cannot reuse them. */
    private static List<Rule> rules() {
        List<Rule> r = new ArrayList<>();
        r.addAll(OverlayRules.rules()); // quotes and figures first: their words belong to them
        r.addAll(SoundRules.rules());
        r.addAll(TimeRules.rules()); // time ranges before aspect ratios: "1:30" is a time
        r.addAll(FrameRules.rules()); // before speed: in "upscale 2x" the "2x" is not a speed
        r.addAll(TimeRules.speedRules());
        r.addAll(ColourRules.rules());
        return List.copyOf(r);
    }
}
