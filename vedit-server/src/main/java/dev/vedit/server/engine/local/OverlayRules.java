package dev.vedit.server.engine.local;

import static dev.vedit.server.engine.local.Rule.SECONDS;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Edits that bring in something from outside the video: reference images (Figure N) as a logo,
 * picture-in-picture, intro or outro, green-screen or person-mask background; text; face anonymising.
 */
final class OverlayRules {
    /** One quoted text, masked by the interpreter as a single private-use character (see {@link Quotes}). */
    private static final String QUOTE = "(?<q>[" + Quotes.FIRST + "-" + Quotes.LAST + "])";
    static final String POSITION_WORDS = "(?:top|upper|bottom|lower)[\\s-]+(?:right|left)(?:[\\s-]+hand)?|(?:top|bottom)(?:[\\s-]+(?:centre|center|middle))?|centre|center|middle"
            + "|(?:right|left)(?:[\\s-]+hand)?(?:\\s+side)?";
    // "底部居中", "正下方", "最上面": a side and its middle is that side
    static final String ZH_POSITION_WORDS = "右上角|左上角|右下角|左下角|右上方|左上方|右下方|左下方|右上|左上|右下|左下"
            + "|(?:顶部|上方|顶端|底部|下方|底端|最上面|最下面|最上方|最下方|正上方|正下方|上面|下面|上边|下边)(?:正?中间|中央|居中|正中)?"
            + "|中间|中央|居中|正中(?:间)?|右侧|左侧|右边|左边";
    /** The colours a text may be drawn in ({@link Overlays#TEXT_COLOURS}), as people name them. */
    static final String COLOUR_WORDS = "golden|grey|" + String.join("|", Overlays.TEXT_COLOURS.keySet());
    static final String ZH_COLOUR_WORDS = "白|黑|红|黄|绿|蓝|橙|粉|紫|金|灰|青";
    /** How long a text said to be "at the beginning" or "at the end" stays: a title card's usual time. */
    static final double TIMED_TEXT_SECONDS = 3.0;
    private static final List<String> ORDINALS = List.of("first", "second", "third", "fourth", "fifth");
    private static final List<String> WORD_NUMBERS = List.of("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten");

    private OverlayRules() {
    }

    /** A reference to one of the prompt's images; {@code s} keeps group names unique when a pattern holds two. */
    private static String fig(String s) {
        return "(?:(?:the\\s+)?(?:figure|fig\\.?|image|picture|photo|img|pic)\\s*(?:no\\.?\\s*)?#?\\s*"
                + "(?<img" + s + ">\\d+|one|two|three|four|five|six|seven|eight|nine|ten)\\b"
                + "|(?:the\\s+)?(?<img" + s + "ord>first|second|third|fourth|fifth|last)\\s+(?:reference\\s+|uploaded\\s+)?(?:image|picture|photo|figure|pic)"
                // "the attached image", "my outro image (attached)", "the beach photo I uploaded": the one image sent
                + "|(?:the\\s+|my\\s+|our\\s+|this\\s+|that\\s+)?(?:attached\\s+|uploaded\\s+|reference\\s+)?(?:[a-z]+\\s+)?(?:image|picture|photo|pic|png|jpe?g|plate)(?!\\s*(?:\\d|#))"
                // "the photo of the apartment I attached": what it shows, said after it
                + "(?:\\s+of\\s+(?:the|my|our)\\s+[a-z]+(?=\\s+(?:i|we)\\s+(?:uploaded|attached|sent|added)))?"
                + "(?:\\s+(?:i|we)\\s+(?:uploaded|attached|sent|added))?(?:\\s*\\(\\s*(?:attached|uploaded)[^)]*\\))?"
                // "the attached title card": whatever was attached is one of the images
                + "|(?:the\\s+|my\\s+|our\\s+)?(?:attached|uploaded)\\s+(?:[a-z]+\\s+)?(?:card|slide|graphic|banner|poster|thumbnail|file)"
                + "|(?:图片|图像|照片|参考图|图)\\s*(?<img" + s + "cn>\\d+|[一二三四五六七八九十]+)"
                + "|第\\s*(?<img" + s + "cnn>\\d+|[一二三四五六七八九十]+)\\s*(?:张|幅)(?:图片?|照片|参考图)?"
                + "|(?:我(?:上传|发|给你|提供)的?|附件里?的?)?(?:这张|那张|张|参考)?(?:[\\u4e00-\\u9fff]{1,4}?的?)?(?:图片|照片|相片|参考图|图|相(?![机册框]))(?![表标层]))";
    }

    /** A position after the words it places: " in the top right corner", "放在右上角". */
    private static String positionAfter(String group) {
        return placeAfter(group) + "?";
    }

    /** {@link #positionAfter}, said. */
    private static String placeAfter(String group) {
        return "(?:\\s*,?\\s*(?:(?:in|at|on|to|into|across|along)\\s+)?(?:the\\s+)?(?<" + group + ">" + POSITION_WORDS + ")"
                + "(?:\\s+corner)?(?:\\s+of\\s+the\\s+(?:screen|frame|video|picture))?"
                + "|\\s*(?:放|加|贴|显示|位于|放置)?(?:在|到|于)?\\s*(?:画面|视频|屏幕)?的?(?<" + group + "z>" + ZH_POSITION_WORDS + ")(?:位置|处)?)";
    }

    /** The colour of a text said after it: " in yellow", " in big red letters", "，红色的字". */
    private static String colourAfter(String group) {
        return colourSaid(group) + "?";
    }

    /** {@link #colourAfter}, said. */
    private static String colourSaid(String group) {
        return "(?:\\s*,?\\s*in\\s+(?:(?:big|large|bold|small)\\s+)?(?<" + group + ">" + COLOUR_WORDS + ")(?:\\s+(?:letters|text|font|writing|colou?r))?(?![\\p{IsLatin}])"
                + "|\\s*[，,]?\\s*(?:用|要|是)?(?<" + group + "z>" + ZH_COLOUR_WORDS + ")色(?:的)?(?:字|字体|文字)?)";
    }

    /** A colour said alone after a text: "make it yellow", "in red", 红色的字, 字用白色. */
    private static final Pattern COLOUR_ONLY = Pattern.compile("(?:(?:and\\s+)?(?:make|have|do|put)\\s+(?:it|them|the\\s+(?:text|letters|words|caption|title|subtitles?))\\s+(?:in\\s+)?|in\\s+)?"
            + "(?:(?:big|large|bold|small)\\s+)?(?<c>" + COLOUR_WORDS + ")(?:\\s+(?:letters|text|font|writing|colou?r))?(?:\\s*(?:please|pls))?"
            + "|(?:字|字体|文字|字幕|标题|颜色|[\\p{IsHan}]{1,3}?)?(?:用|要|是|改成|换成|做成)?(?<cz>" + ZH_COLOUR_WORDS + ")(?:色(?:的)?(?:字|字体|文字)?|字)(?:就行|就好|吧)?", Pattern.CASE_INSENSITIVE);

    /** The colour a match names ({@code group} or its Chinese twin), as {@link Overlays#TEXT_COLOURS} names it; null when none. */
    static String colour(MatchResult m, String... groups) {
        for (String g : groups) {
            String en = group(m, g);
            if (en != null) {
                String word = en.toLowerCase(Locale.ROOT);
                return word.equals("golden") ? "gold" : word.equals("grey") ? "gray" : word;
            }
            String zh = group(m, g + "z");
            if (zh != null) {
                return switch (zh) {
                    case "白" -> "white";
                    case "黑" -> "black";
                    case "红" -> "red";
                    case "黄" -> "yellow";
                    case "绿" -> "green";
                    case "蓝" -> "blue";
                    case "橙" -> "orange";
                    case "粉" -> "pink";
                    case "紫" -> "purple";
                    case "金" -> "gold";
                    case "灰" -> "gray";
                    default -> "cyan";
                };
            }
        }
        return null;
    }

    /** A position before the words it places: "in the top right corner, add …", "在右上角加上…". */
    private static String positionBefore(String group) {
        return "(?:(?:in|at|on)\\s+(?:the\\s+)?(?<" + group + ">" + POSITION_WORDS + ")(?:\\s+corner)?\\s*,?\\s*"
                + "|在?\\s*(?:画面|视频|屏幕)?的?(?<" + group + "z>" + ZH_POSITION_WORDS + ")(?:位置|处)?\\s*)?";
    }

    /** A clause that only says how faces are hidden: 用马赛克, "pixelated", "mosaic please". */
    private static final Pattern FACE_STYLE_ONLY = Pattern.compile("(?:用|要|就用|改用|换成|改成)?\\s*(?:马赛克|打码|模糊)(?:那种|的)?(?:就行|就好|吧)?"
            + "|(?:just\\s+|but\\s+|with\\s+(?:a\\s+)?)?(?:pixelated?|pixels?|mosaic|blurred)(?:\\s+(?:it|them|instead|please|pls))?\\s*[.!。！]?");

    /** A clause that only says an image placed is an inset window: 小窗画中画那种, "as a picture in picture". */
    private static final Pattern AS_INSET = Pattern.compile("(?:(?:做成|弄成|要|用)?(?:小窗口?|画中画|小窗口?画中画|小画面)(?:那种|那样|的形式|的样子|形式|效果)?(?:就行|就好|吧)?"
            + "|(?:as|like|in)\\s+(?:a\\s+)?(?:small\\s+)?(?:picture[\\s-]in[\\s-]picture|pip|inset|small\\s+(?:box|window))(?:\\s+(?:box|window|style))?(?:\\s+please)?)\\s*[.!。！]?");

    /**
     * How an image laid over the video looks, as said beside it: how opaque ({@code opacity}, 0 to 1), how wide
     * ({@code width}, a share of the frame's width) or how much smaller or bigger than it was ({@code scale}); any may
     * be null. {@code rest} is the clause without those words.
     */
    record Look(Double opacity, Double width, Double scale, String rest) {
        /** The logo or picture in picture with this look. */
        EditOperation appliedTo(EditOperation op) {
            Map<String, Object> params = new LinkedHashMap<>(op.params());
            if (opacity != null) {
                params.put("opacity", opacity);
            }
            if (width != null) {
                params.put("width", width);
            }
            if (scale != null) {
                double was = params.get("width") instanceof Number n ? n.doubleValue() : Overlays.defaultWidth(Operation.of(op));
                params.put("width", round(Math.min(1, was * scale)));
            }
            return new EditOperation(op.op(), params, op.source());
        }
    }

    private static final Pattern PLACE_SAID = Pattern.compile("\\b(?:" + POSITION_WORDS + ")\\b|" + ZH_POSITION_WORDS + "|角");

    /**
     * The same image laid over the video twice, the first time with no word of where ("want my logo on every video.
     * Please put image 1 in the bottom right corner"): one image, said again with its place; null when not so.
     */
    static EditOperation placedAgain(EditOperation earlier, EditOperation later) {
        if (!takesLook(earlier) || !earlier.op().equals(later.op()) || !Objects.equals(earlier.params().get("image"), later.params().get("image"))
                || earlier.source() == null || PLACE_SAID.matcher(earlier.source()).find()) {
            return null;
        }
        Map<String, Object> params = new LinkedHashMap<>(earlier.params());
        params.putAll(later.params());
        return new EditOperation(later.op(), params, later.source());
    }

    /**
     * A text that comes on as the one before it goes, with no word of where (左上角0-5秒写“改造前”，5秒以后写“改造后”): the
     * next of a sequence shown in one place; null when not so.
     */
    static EditOperation inTheSamePlace(EditOperation earlier, EditOperation later) {
        if (!Operation.TEXT.is(earlier) || !Operation.TEXT.is(later) || !placeSaid(earlier) || placeSaid(later)
                || !(earlier.params().get("start") instanceof Number start) || !(earlier.params().get("duration") instanceof Number length)
                || !(later.params().get("start") instanceof Number next) || Math.abs(start.doubleValue() + length.doubleValue() - next.doubleValue()) > 0.05) {
            return null;
        }
        Map<String, Object> params = new LinkedHashMap<>(later.params());
        params.put("position", earlier.params().get("position"));
        return new EditOperation(later.op(), params, later.source());
    }

    /** Whether the words that asked for a text say where it goes (the words it shows aside: “上车” names no place). */
    private static boolean placeSaid(EditOperation text) {
        return text.source() != null && PLACE_SAID.matcher(text.source().replace(String.valueOf(text.params().get("text")), "")).find();
    }

    /** Whether an edit is an image laid over the video, which a {@link Look} applies to. */
    static boolean takesLook(EditOperation op) {
        return Operation.WATERMARK.is(op) || Operation.PICTURE_IN_PICTURE.is(op);
    }

    private static final String ABOUT = "(?:(?:at|with|about|around|roughly|approx(?:imately)?|like|maybe|~)\\s+)?";
    private static final String ZH_SET = "\\s*(?:大概|大约|差不多)?(?:调到|调成|调为|设为|设置为|设成|改成|改为|是|为|:|：)?\\s*(?:大概|大约)?";
    /** How opaque: "30% opacity", "opacity 60%", "50% transparent", 不透明度20%, 透明度50%, "semi-transparent", "faintly", 淡淡的. */
    private static final Pattern OPACITY = Prefilter.guarded(Pattern.compile(ABOUT + "(?<o>\\d{1,3})\\s*(?:%|percent)\\s*(?:opacity|opaque|visible|visibility|alpha)\\b"
            + "|\\b(?:opacity|visibility|alpha)\\s*(?:of|at|to|:|=)?\\s*" + ABOUT + "(?<o2>\\d{1,3})\\s*(?:%|percent)"
            + "|" + ABOUT + "(?<t>\\d{1,3})\\s*(?:%|percent)\\s*(?:transparent|transparency|see[\\s-]?through)\\b"
            + "|\\btransparency\\s*(?:of|at|to|:|=)?\\s*" + ABOUT + "(?<t2>\\d{1,3})\\s*(?:%|percent)"
            + "|不透明度" + ZH_SET + "(?<o3>\\d{1,3})\\s*%(?:左右)?"
            + "|(?<!不)透明度" + ZH_SET + "(?<t3>\\d{1,3})\\s*%(?:左右)?"
            + "|(?<t4>\\d{1,3})\\s*%\\s*(?:的)?透明(?!度)"
            + "|(?<half>\\b(?:semi|half)[\\s-]?(?:transparent|opaque)\\b|\\btranslucent\\b|\\bsee[\\s-]?through\\b|半透明(?:的)?)"
            + "|(?<faint>\\bfaint(?:ly)?\\b|\\bsubtle\\b|\\bsubtly\\b|\\bbarely\\s+visible\\b|\\blow[\\s-]opacity\\b"
            + "|\\bnot\\s+too\\s+(?:obvious|visible|noticeable|prominent|strong|bright)\\b|淡淡(?:的|地)|(?:调)?淡一(?:点|些)|透明一(?:点|些)"
            + "|(?:别|不要|不用)太(?:显眼|明显|突出|抢眼)|若隐若现)"));
    /** How wide: "10% of the width", "about 15 percent of the screen width", 宽度占画面15%左右, 大概画面宽度的10%. */
    private static final Pattern WIDTH = Prefilter.guarded(Pattern.compile(ABOUT + "(?<w>\\d{1,3})\\s*(?:%|percent)\\s*(?:of\\s+(?:the\\s+)?(?:(?:screen|frame|video|picture)(?:'s)?\\s+)?(?:width|wide)"
            + "|(?:of\\s+)?(?:the\\s+)?(?:screen|frame|video)\\s+width|wide|width)\\b"
            + "|\\b(?:width|size)\\s*(?:of|at|to|:|=)?\\s*" + ABOUT + "(?<w2>\\d{1,3})\\s*(?:%|percent)"
            + "|(?:宽度|大小|尺寸)\\s*(?:大概|大约)?(?:占|是|为|调到|调成)?\\s*(?:画面|屏幕|视频)?(?:宽度)?(?:的)?\\s*(?<w3>\\d{1,3})\\s*%(?:左右|上下)?"
            + "|(?:大概|大约)?(?:占)?(?:画面|屏幕|视频)(?:宽度)?的\\s*(?<w4>\\d{1,3})\\s*%(?:左右|上下)?(?:宽)?"
            + "|" + ABOUT + "(?<part>a\\s+quarter|a\\s+third|a\\s+fifth|a\\s+tenth|half)\\s+(?:of\\s+)?(?:the\\s+)?(?:(?:screen|frame|video)(?:'s)?\\s+)?(?:width|wide)\\b"
            + "|(?:占|大概|大约)*(?:画面|屏幕|视频)?(?:宽度)?的?(?<zhPart>四分之一|三分之一|五分之一|十分之一|一半)(?:宽|宽度|的宽度|左右|(?<=宽度的?(?:四分之一|三分之一|五分之一|十分之一|一半)))"));
    /** A size said in words, a clause of its own after the image placed: "make it smaller", "a bit bigger", logo小一点. */
    private static final Pattern SIZE_SAID = Prefilter.guarded(Pattern.compile("\\s*(?:and\\s+)?(?:(?:make|keep|have)\\s+(?:it|the\\s+(?:logo|watermark|image|picture|photo|inset))\\s+)?"
            + "(?:logo|水印|图片?|画中画)?\\s*(?:(?:a\\s+)?(?:bit|little|tad|lot)\\s+|quite\\s+|really\\s+|very\\s+|稍微|再)?"
            + "(?:(?<small>smaller|small|tiny|小一点|小一些|小点|小些|缩小一点|缩小点|(?:不要|别)太大)|(?<big>bigger|larger|big|large|大一点|大一些|大点|大些|放大一点|放大点))"
            + "(?:\\s+(?:please|pls|plz))?(?:就行|就好|吧)?\\s*[.!。！]?"));

    /** What may be said around a look of its own: "keep it subtle if you can", 淡淡的就行. */
    private static final Pattern LOOK_FILLER = Pattern.compile("(?:\\b(?:and|but|please|pls|keep|make|have|it|its|it's|the|a|one|just|very|really|quite|so|bit|little|be|if|you|can|could|actually|more)\\b|[\\s\\p{Punct}，。！、～~]|就行|就好|吧|一点|再)*");

    /**
     * The look said in a clause (null when none): how opaque and how wide an image laid over the video is. A size in
     * words only counts said alone ("make it smaller" after "logo top right"), where nothing else can be meant.
     */
    static Look look(String clause) {
        Matcher size = SIZE_SAID.matcher(clause);
        if (size.matches()) {
            return new Look(null, null, size.group("small") != null ? 0.6 : 1.5, "");
        }
        Double opacity = null;
        Double width = null;
        String rest = clause;
        Matcher o = OPACITY.matcher(rest);
        if (numbered(o) && (o.group("faint") == null || LOGO_SAID.matcher(clause).find() || LOOK_FILLER.matcher(rest.substring(0, o.start()) + rest.substring(o.end())).matches())) {
            // (faint words only beside a logo, or alone: "a subtle vignette" is the vignette's)
            opacity = opacity(o);
            rest = rest.substring(0, o.start()) + " " + rest.substring(o.end());
        }
        Matcher w = WIDTH.matcher(rest);
        if (w.find()) {
            String n = Rule.first(w, "w", "w2", "w3", "w4");
            String part = Rule.first(w, "part", "zhPart");
            double share = n != null ? Double.parseDouble(n) : 100.0 / switch (part.replaceAll("\\s+", " ")) {
                case "a quarter", "四分之一" -> 4;
                case "a third", "三分之一" -> 3;
                case "a fifth", "五分之一" -> 5;
                case "a tenth", "十分之一" -> 10;
                default -> 2; // half, 一半
            };
            n = n != null ? n : Rule.written(share);
            if (share < 2 || share > 100) {
                throw invalid("impossible as asked: an image laid over the video must be 2% to 100% of its width (got " + n + "%)",
                        "无法按要求完成：叠加的图片宽度必须是画面宽度的 2% 到 100%（当前为 " + n + "%）");
            }
            width = round(share / 100);
            rest = rest.substring(0, w.start()) + " " + rest.substring(w.end());
        }
        return opacity == null && width == null ? null : new Look(opacity, width, null, LOOK_FILLER.matcher(rest).matches() ? "" : rest);
    }

    /** The words of a look in a field's value ("centered, 20% opacity"), to be said after the field's edit; "" for none. */
    static String lookWords(String value) {
        List<String> words = new ArrayList<>();
        for (Pattern p : List.of(OPACITY, WIDTH)) {
            Matcher m = p.matcher(value);
            if (m.find()) {
                words.add(m.group().strip());
            }
        }
        return String.join(", ", words);
    }

    /** Finds the opacity said, a number in preference to a word ("a little see-through (about 60% opacity)"). */
    private static boolean numbered(Matcher o) {
        if (!o.find()) {
            return false;
        }
        int first = o.start();
        while (o.group("half") != null || o.group("faint") != null) {
            if (!o.find()) {
                return o.find(first); // words only: the first of them
            }
        }
        return true;
    }

    private static double opacity(Matcher m) {
        if (m.group("half") != null) {
            return 0.5;
        }
        if (m.group("faint") != null) {
            return 0.35; // faint, yet there: a mark people notice when they look for it
        }
        String opaque = Rule.first(m, "o", "o2", "o3");
        String clear = Rule.first(m, "t", "t2", "t3", "t4");
        double percent = Double.parseDouble(opaque != null ? opaque : clear);
        if (percent > 100 || opaque != null && percent < 1 || clear != null && percent > 99) {
            String said = (opaque != null ? opaque : clear) + "%";
            throw invalid("impossible as asked: an image laid over the video is 1% to 100% opaque (got " + said + ")",
                    "无法按要求完成：叠加图片的不透明度必须在 1% 到 100% 之间（当前为 " + said + "）");
        }
        return round(opaque != null ? percent / 100 : 1 - percent / 100);
    }

    /**
     * Whether what the rules read in a clause may still be words said of the last edit ({@link #amended}): nothing, or
     * after hidden faces a frame-wide pixelate or blur, which is how they are hidden (把脸都打码（用马赛克）).
     */
    static boolean mayAmend(EditOperation last, List<EditOperation> read, String clause) {
        return read.isEmpty() || Operation.BLUR_FACES.is(last) && read.stream().allMatch(o -> Operation.PIXELATE.is(o) || Operation.BLUR.is(o))
                || showsFrom(last) && read.size() == 1 && Operation.TRIM.is(read.getFirst()) && STARTS_AT.matcher(clause.strip()).matches();
    }

    /** An overlay or a text, which a start said after it ("…, and start it at 10 seconds") is the start of. */
    private static boolean showsFrom(EditOperation op) {
        return takesLook(op) || Operation.TEXT.is(op);
    }

    /** When the image or text just placed starts: "and start it at 10 seconds", "have it appear from 0:05", 从第10秒开始出现. */
    private static final Pattern STARTS_AT = Pattern.compile("(?:and\\s+|then\\s+)?(?:(?:have|make|let)\\s+it\\s+)?(?:start|begin|show|appear|come\\s+in|pop\\s+up)(?:s|ing)?"
            + "\\s+(?:it\\s+|them\\s+|the\\s+(?:logo|watermark|image|picture|photo|text|caption|title)\\s+)?(?:at|from|after)\\s+(?:the\\s+)?(?<t>\\d+(?::\\d{2})?(?:\\.\\d+)?)"
            + "\\s*(?:s|secs?|seconds?)?(?:\\s+mark)?(?:\\s+(?:in|on))?\\s*[.!]?");

    /**
     * The overlay, text or face blur just asked for, with where it goes, which image it takes, its colour, that the image
     * is an inset window or how faces are hidden, said in a clause of its own ("加个水印，用附件嗰个logo，放右下角", "logo top
     * right, use figure 1", "add a caption 'Hi', put it at the top", 小窗画中画那种, 用马赛克); null when the clause says none of
     * these, or says it of an edit that takes no such thing.
     */
    static EditOperation amended(EditOperation previous, String clause, Rule.Context context) {
        Operation operation = Operation.of(previous);
        boolean placed = operation == Operation.WATERMARK || operation == Operation.PICTURE_IN_PICTURE || operation == Operation.TEXT;
        Map<String, Object> params = new LinkedHashMap<>(previous.params());
        Matcher where = WHERE_ONLY.matcher(clause.strip());
        Matcher which = WHICH_ONLY.matcher(clause.strip());
        Matcher colour = COLOUR_ONLY.matcher(clause.strip());
        EditOperation slotted;
        boolean text = operation == Operation.TEXT || (operation == Operation.INTRO || operation == Operation.OUTRO) && previous.params().containsKey("text");
        if (placed && where.matches()) {
            params.put("position", position(where, String.valueOf(previous.params().get("position"))));
        } else if (text && colour.matches()) {
            params.put("colour", colour(colour, "c")); // 加字幕“你好”，红色: the text's colour, said after it
        } else if (showsFrom(previous) && STARTS_AT.matcher(clause.strip()).matches()) {
            Matcher at = STARTS_AT.matcher(clause.strip());
            at.matches();
            params.put(operation == Operation.TEXT ? "start" : "from", Rule.seconds(at.group("t"))); // "…, and start it at 10 seconds"
        } else if (operation == Operation.BLUR_FACES && FACE_STYLE_ONLY.matcher(clause.strip()).matches()) {
            params.put("style", faceStyle(clause)); // 把脸都打码（用马赛克）, "blur all the faces, pixelated": how, said after
        } else if (operation == Operation.WATERMARK && AS_INSET.matcher(clause.strip()).matches()) {
            // 把图2放在左上角，小窗画中画那种: the image placed is a small window over the video, not a logo
            return Operation.PICTURE_IN_PICTURE.with(params, previous.source() + ", " + clause.strip());
        } else if (operation == Operation.TEXT && (slotted = TextSlots.amend(previous, clause)) != null) {
            return slotted; // "…, bottom right in small white text", 放正中间, "at 0:47 for 6 seconds"
        } else if (previous.params().containsKey("image") && which.matches()) {
            // "…with figure 2, the beach photo": an unnumbered image said again is the one already named
            Integer named = figureNamed(which, context.imageCount());
            if (named != null) {
                params.put("image", checkFigure(named, context.imageCount()));
            }
        } else {
            return null;
        }
        return new EditOperation(previous.op(), params, previous.source() + ", " + clause.strip());
    }

    /** A place said of all the texts just added: "Centre both", "put them all at the top", 都放底部. */
    private static final Pattern ALL_PLACED = Pattern.compile("(?:(?:and\\s+)?(?:please\\s+)?(?:(?:put|place|move|set|have)\\s+)?(?:them\\s+)?(?:both|all)(?:\\s+of\\s+them)?"
            + "|(?:put|place|move|set|have)\\s+them\\s+(?:both|all)|(?:都|全都|全部|统一|两个都|两条都|两句都)(?:放|放在|放到|摆在)?)" + placeAfter("pos")
            + "(?:\\s*(?:please|pls|就行|就好|吧))?|(?:and\\s+)?(?<pos0>centre|center|middle)\\s+(?:them\\s+)?(?:both|all)(?:\\s+of\\s+them)?(?:\\s*(?:please|pls))?",
            Pattern.CASE_INSENSITIVE);

    /** A colour said of all the texts just added: "both in red", "make them all yellow", 颜色都用红的. */
    private static final Pattern ALL_COLOURED = Pattern.compile("(?:(?:and\\s+)?(?:make\\s+)?(?:them\\s+)?(?:both|all)(?:\\s+of\\s+them)?\\s+(?:in\\s+)?(?<c>" + COLOUR_WORDS + ")"
            + "|(?:颜色|字)?(?:都|全都|全部|统一)(?:用|是|要|改成|做成)?(?<cz>" + ZH_COLOUR_WORDS + ")(?:色的?|的)?(?:字)?)(?:\\s*(?:please|pls|就行|就好|吧))?",
            Pattern.CASE_INSENSITIVE);

    /**
     * Whether {@code clause} only places or colours every one of the texts that end {@code ops} (two or more): then each is
     * moved there, or drawn in that colour.
     * Read as the last one's place alone, the first kept the place it had by default.
     */
    static boolean placesOrColoursAll(List<EditOperation> ops, String clause) {
        String said = clause.strip().replaceAll("[.!。！]+$", "");
        Matcher all = ALL_PLACED.matcher(said);
        Matcher coloured = ALL_COLOURED.matcher(said);
        int first = ops.size();
        while (first > 0 && Operation.TEXT.is(ops.get(first - 1))) {
            first--;
        }
        boolean placed = all.matches();
        if (ops.size() - first < 2 || !placed && !coloured.matches()) {
            return false;
        }
        for (int i = first; i < ops.size(); i++) {
            EditOperation text = ops.get(i);
            Map<String, Object> params = new LinkedHashMap<>(text.params());
            if (placed) {
                params.put("position", position(all, String.valueOf(params.get("position"))));
            } else {
                params.put("colour", colour(coloured, "c")); // 颜色都用红的, "both in red"
            }
            ops.set(i, new EditOperation(text.op(), params, text.source() + ", " + clause.strip()));
        }
        return true;
    }

    /**
     * A background replacement asked of a video the prompt says was shot on a green or blue screen ("I shot it on a
     * green screen … use the attached photo as the background", 用绿幕抠像，把背景换成我发的这张照片) is a chroma key: the
     * screen's colour is keyed out exactly, where a person mask only guesses the outline.
     */
    static List<EditOperation> keyedIfScreened(List<EditOperation> ops, String prompt) {
        if (ops.stream().noneMatch(Operation.REPLACE_BACKGROUND::is)) {
            return ops;
        }
        Matcher screen = SCREEN_SAID.matcher(prompt);
        boolean said;
        do {
            said = screen.find();
        } while (said && NO_SCREEN.matcher(prompt.substring(Math.max(0, screen.start() - 24), screen.start())).find());
        if (!said) {
            return ops; // "no green screen here, swap the background behind me", 没有绿幕: the person is cut out
        }
        String colour = screen.group().contains("blue") || screen.group().contains("蓝") ? "blue" : "green";
        return ops.stream().map(op -> Operation.REPLACE_BACKGROUND.is(op)
                ? Operation.CHROMA_KEY.with(Map.of("image", op.params().get("image"), "colour", colour), op.source()) : op).toList();
    }

    /**
     * A photo placed on the video with no word of a logo or watermark ("put grandson photo in corner bottom right",
     * 照片放右上角) is a picture in picture: a photo is looked at, a logo marks.
     */
    static List<EditOperation> insetIfPhoto(List<EditOperation> ops) {
        return ops.stream().map(op -> Operation.WATERMARK.is(op) && op.source() != null && PHOTO_SAID.matcher(op.source()).find()
                && !LOGO_SAID.matcher(op.source()).find() ? Operation.PICTURE_IN_PICTURE.with(op.params(), op.source()) : op).toList();
    }

    private static final Pattern PHOTO_SAID = Pattern.compile("\\b(?:photo|photograph|selfie|headshot|portrait\\s+photo|facecam|face\\s+cam)s?\\b|照片|相片|自拍|头像|合照|合影");
    private static final Pattern LOGO_SAID = Pattern.compile("\\b(?:logo|watermark|brand|badge|icon|stamp|sticker|qr)\\b|标志|水印|图标|台标|二维码|商标|印章|贴纸|logo");

    /** Words just before a screen that say there is none: "no green screen", "without a green screen", 没有绿幕. */
    private static final Pattern NO_SCREEN = Pattern.compile("(?:\\b(?:no|not|without|never|didn'?t\\s+use|(?:don'?t|do\\s+not|doesn'?t)\\s+(?:have|own|use|got)|haven'?t\\s+got|isn't)\\s+(?:a\\s+|any\\s+)?|没有|没用|不是|没|无|冇)$");
    private static final Pattern SCREEN_SAID = Pattern.compile("\\b(?:green|blue)(?:[\\s-]*screen|\\s+(?:sheet|backdrop|cloth|background))\\b|绿幕|蓝幕|绿布|蓝布|绿色背景|蓝色背景");

    private static final Pattern WHERE_ONLY = Pattern.compile("(?:麻烦(?:你|您)?|请|帮我|帮忙|然后|再)?\\s*(?:(?:and\\s+)?(?:please\\s+)?(?:put|place|move|position|set|make|have)\\s+(?:it|that|this|them)(?:\\s+(?:to|over\\s+to))?\\s*|放|摆|放在|放到|摆在|改到|挪到|移到|换到|改成|换成|挪去)?"
            + placeAfter("pos") + "(?:\\s*(?:please|pls|就行|就好|吧|哈|啦))?", Pattern.CASE_INSENSITIVE);
    private static final Pattern WHICH_ONLY = Pattern.compile("(?:(?:and\\s+)?(?:use|using|with|from)\\s+|用|使用|就用)?\\s*(?:" + fig("")
            + "|(?:附件里?的?|我(?:上传|发)的?)(?:这个|那个|这张|那张)?(?:logo|图标|标志))(?:\\s*(?:please|pls|就行|就好|吧|哈|啦))?", Pattern.CASE_INSENSITIVE);

    static List<Rule> rules() {
        List<Rule> r = new ArrayList<>();
        // removing what is burnt into the picture needs inpainting: refused before the logo and text rules read the words
        r.add(of("(?:remove|erase|delete|get\\s+rid\\s+of|take\\s+out|hide|clean\\s+up)\\s+(?:the\\s+|a\\s+|any\\s+|all\\s+(?:the\\s+)?)?"
                        + "(?:existing\\s+)?(?:[a-z]+\\s+)?(?:logos?|watermarks?|text|subtitles?|captions?|titles?)\\b"
                        + "|(?:去掉|去除|删除|移除|抹去|擦除|消除)(?:画面中?的|视频中?的|原有的|原来的)?(?:(?:" + ZH_POSITION_WORDS + "|角落)的?)?(?:水印|logo|标志|台标|字幕|文字)",
                (m, c) -> {
                    throw PromptInterpreter.generative(m.group().strip());
                }));
        textCards(r);
        text(r);
        vision(r);
        images(r);
        return List.copyOf(r);
    }

    private static void vision(List<Rule> r) {
        // "the kids' faces", "my students' faces", "everyone's faces"
        String whose = "(?:(?:the|all(?:\\s+the)?|his|her|their|my|our|any|every)\\s+)?(?:[a-z]+'s?\\s+|people'?s\\s+|everyone'?s\\s+)?";
        r.add(of("(?<v>blur(?:\\s+out)?|pixel+ate(?:d)?|mosaic|censor|anonymi[sz]e|hide|obscure|mask)\\s+" + whose + "(?:faces?|people)"
                        + "(?:\\s+(?:with\\s+(?:a\\s+)?(?<v2>mosaic|pixels|blur)))?"
                        + "|(?<v3>face|faces)\\s+(?<v4>blur(?:ring)?|pixelation|mosaic|censoring|anonymi[sz]ation)"
                        + "|(?:(?:给|对|把)?(?:画面中|视频中)?(?:的)?(?:所有|每个)?(?:人物|路人|行人|人)?(?:的)?(?:人脸|脸部|面部|脸)(?:进行)?(?:都)?(?<z>打码|打马赛克|马赛克(?:处理)?|模糊(?:处理)?|打上马赛克|加马赛克|做模糊处理))"
                        + "|(?:(?<z2>模糊|马赛克|打码)(?:处理)?(?:所有)?(?:的)?(?:人脸|脸部|面部))",
                (m, i) -> op(Operation.BLUR_FACES, Map.of("style", faceStyle(m.group())))));
        // green screen (FFmpeg chroma key) before the person-mask background replacement
        String screen = "(?<colour>green|blue)[\\s-]*screen|(?<zcolour>绿幕|蓝幕|绿布|蓝布|绿色背景|蓝色背景)";
        Rule.Factory chroma = (m, c) -> op(Operation.CHROMA_KEY, Map.of("image", figure(m, c),
                "colour", m.group("colour") != null ? m.group("colour") : zhColour(m.group("zcolour"))));
        r.addAll(Rule.each(chroma,
                "(?:replace|swap|change|switch|fill|key\\s+out|remove)\\s+(?:the\\s+)?(?:" + screen + ")(?:\\s+background)?"
                        + "\\s+(?:with|to|for|by|using)\\s+" + fig(""),
                // "swap the green for image 1": the colour alone names what is keyed out
                "(?:replace|swap|switch)\\s+(?:out\\s+)?(?:the\\s+|all\\s+the\\s+)?(?<colour>green|blue)(?:\\s+(?:bits?|parts?|areas?|colou?r))?\\s+(?:with|for)\\s+" + fig(""),
                "(?:put|use|place)\\s+" + fig("") + "\\s+(?:behind|in\\s+place\\s+of|on|as)\\s+(?:the\\s+)?(?:" + screen + ")(?:\\s+background)?",
                // "key out the green screen and use image 1 as the background": one edit said in two halves (kept whole
                // by the interpreter's protected words)
                "(?:key(?:ed)?\\s+out|remove|chroma[\\s-]?key(?:\\s+out)?)\\s+(?:the\\s+)?(?<colour>green|blue)(?:[\\s-]*screen)?(?:\\s+background)?(?:\\s+out)?"
                        + "\\s+and\\s+(?:then\\s+)?(?:use|put|place|show|add|comp\\s+in|composite(?:\\s+in)?|drop\\s+in)\\s+" + fig("")
                        + "(?:\\s+(?:as\\s+(?:the\\s+|a\\s+)?(?:new\\s+)?background|behind(?:\\s+(?:it|them|him|her|the\\s+subject))?|in\\s+its\\s+place))?",
                "(?:把|将)?(?:" + screen + ")(?:背景)?(?:抠掉|抠除|去掉)?(?:并|然后|再)?(?:替换|换|改)(?:成|为|掉为)?" + fig(""),
                "(?:用|把|将|以)" + fig("") + "(?:来)?(?:替换|换掉|替代|代替)(?:掉)?(?:" + screen + ")(?:背景)?"));
        r.addAll(Rule.each((m, c) -> op(Operation.REPLACE_BACKGROUND, Map.of("image", figure(m, c))),
                "(?:replace|swap|change|switch)\\s+(?:the\\s+|my\\s+|his\\s+|her\\s+|its\\s+)?(?:[a-z]+\\s+){0,3}?background(?:\\s+behind\\s+(?:me|him|her|them|us))?\\s+(?:with|to|for|into)\\s+(?:the\\s+one\\s+(?:in|from)\\s+)?" + fig("")
                        + "(?:\\s*\\(\\s*" + fig("c") + "\\s*\\))?"
                        // "for the office pic in the attached photo": the picture, then the file it is in
                        + "(?:\\s+(?:in|from)\\s+(?:the\\s+)?(?:attached|uploaded)\\s+(?:photo|image|picture|pic|file))?",
                "(?:use|put|set|make|place)\\s+" + fig("") + "\\s+(?:as|in|for|into)\\s+(?:the\\s+|a\\s+)?(?:new\\s+)?background"
                        // "… behind the speaker instead of our messy storage room": whose background, and what it was
                        + "(?:\\s+behind\\s+(?:me|him|her|them|us|the\\s+(?:speaker|subject|person|people|presenter|host))|\\s+instead\\s+of\\s+"
                        + "(?:the|our|my|this|that|his|her|their|a)\\s+(?:[a-z]+\\s+){0,3}?(?:room|wall|office|background|kitchen|bedroom|garage|backdrop|one))*",
                "(?:make\\s+)?(?:the\\s+)?background\\s+(?:into|to|be|should\\s+be|becomes?)\\s+" + fig(""),
                "(?:把|将)?(?:我|他|她|人物)?(?:身后|后面)?的?背景(?:替换|换|改|变)(?:成|为)" + fig("") + "(?:中?的?(?:背景|画面|场景))?",
                "背景(?:就)?(?:用|使用|采用|改用)" + fig(""),
                // "put image 1 behind me": what stands behind the subject is the background
                "(?:put|place|use|show)\\s+" + fig("") + "\\s+behind\\s+(?:me|him|her|them|us|the\\s+(?:subject|person|people|speaker|presenter))",
                "(?:用|把|将|以)" + fig("") + "(?:作为|当作|当成?|做|替换|换)(?:新的?)?背景"));
    }

    private static void images(List<Rule> r) {
        String verb = "(?:add|put|place|overlay|insert|stamp|use|show|display|include|slap)\\s+";
        // "it clashes with the brand colours": a brand's colours, fonts or name are no mark to put on the video
        String mark = "(?<kind>(?:watermark\\s+)?logo|watermark|badge|icon|brand(?:ing)?)(?![a-z])"
                + "(?!\\s+(?:colou?rs?|guidelines?|names?|voice|identity|fonts?|style|palette|book|kit|values|tone)\\b)";
        // watermark / logo; "加上我上传的logo" first: the English rules below would read "logo" alone and leave the Chinese
        r.add(of(positionBefore("pos0") + "(?:加上?个?|添加|放上?个?|放置|叠加|打上|贴上?)\\s*(?:我(?:上传|发)的?|(?:我们|我|公司|我们公司|本公司|店|我们店|品牌|我们品牌)的?)?(?<kind>logo)(?:\\s*[(（]附件里?[)）])?" + positionAfter("pos"),
                (m, i) -> overlay(Operation.WATERMARK, m, i, "top-right")));
        r.add(of(positionBefore("pos0") + "(?:加上?|添加|放上?|放置|叠加|打上|贴上?|把|将|用)?\\s*" + fig("") + "\\s*(?:的|作为|当作|当成?|做成?|中的)?\\s*"
                        + "(?<kind>logo|标志|标识|水印|台标|图标)" + positionAfter("pos"),
                (m, i) -> overlay(Operation.WATERMARK, m, i, "top-right")));
        // "our brokerage logo", "my shop logo": whose logo it is, in a word
        r.add(of(positionBefore("pos0") + "(?:" + verb + ")?(?:(?:the|a|my|our|your|his|her|their)\\s+(?:[a-z]+\\s+)?)?(?:" + fig("") + "\\s+)?(?:as\\s+(?:a\\s+|the\\s+)?(?:small\\s+|little\\s+|tiny\\s+|subtle\\s+)?)?" + mark
                        + "(?:\\s+(?:from|in|of|on|with|using|shown\\s+in)\\s+" + fig("b") + "|\\s*\\(\\s*" + fig("c") + "\\s*\\))?"
                        // "put our logo (image 1) small in the top left": its size, before where (the width, when said, is read apart)
                        + "(?:\\s*,?\\s+(?:small|smallish|tiny|little|subtle|big|large))?" + positionAfter("pos")
                        + "(?:\\s*\\(\\s*(?:attached|uploaded)[^)]*\\))?"
                        // "end it with our logo (figure 2) as the outro": a card of the logo, not a watermark
                        + "(?!(?:\\s*\\([^)]*\\))?\\s+as\\s+(?:the\\s+|an?\\s+)?(?:outro|intro|ending|opening|end\\s+card|title\\s+card))",
                (m, i) -> overlay(Operation.WATERMARK, m, i, "top-right")));
        r.add(of(positionBefore("pos0") + "(?:" + verb + ")?" + fig("") + "\\s+as\\s+(?:a\\s+|the\\s+)?(?:small\\s+|little\\s+|tiny\\s+|subtle\\s+)?" + mark + positionAfter("pos"),
                (m, i) -> overlay(Operation.WATERMARK, m, i, "top-right")));
        r.add(of("(?:put|place|overlay|stamp|add|insert|show)\\s+" + fig("") + "(?:\\s+(?:from|in|of)\\s+" + fig("b") + ")?(?:\\s+(?:as\\s+an?\\s+overlay|on\\s+top))?"
                        + "(?:\\s+(?:small|smaller|little|tiny))?"
                        + "(?:" + placeAfter("pos") + "(?:\\s+corner)?|\\s+(?:in|on|at|to)\\s+(?:the\\s+|a\\s+)?corner(?:\\s+of\\s+(?:the\\s+)?(?:video|screen|frame|picture))?)",
                (m, i) -> overlay(Operation.WATERMARK, m, i, "top-right")));
        r.add(of(positionBefore("pos0") + "(?:加上?|添加|放上?|放置|叠加|打上|贴上?)?\\s*(?<kind>水印|标志|logo|台标)(?:用|使用|为)?\\s*" + fig("") + positionAfter("pos"),
                (m, i) -> overlay(Operation.WATERMARK, m, i, "top-right")));
        r.add(of("(?:把|将|用)?" + fig("") + "(?:的(?:logo|标志|图标))?" + positionAfter("pos") + "\\s*(?:作为|当作|当成?|做成?|做)\\s*(?<kind>水印|标志|logo|台标|图标)",
                (m, i) -> overlay(Operation.WATERMARK, m, i, "top-right")));
        // 把图1放在右上角: the image placed somewhere is an overlay, as "put image 1 in the top right corner" is
        r.add(of("(?:(?:把|将)" + fig("") + "|^\\s*(?:图片?|照片|参考图)\\s*(?<imgzcn>\\d+|[一二三四五六七八九十]+))" + placeAfter("pos"),
                (m, i) -> overlay(Operation.WATERMARK, m, i, "top-right")));
        r.add(of(positionBefore("pos0") + "(?:加上?|添加|放上?|放置|叠加|打上|贴上?)?\\s*(?:我(?:上传|发)的?)?(?<kind>标志|标识|水印|台标|图标)" + positionAfter("pos"),
                (m, i) -> overlay(Operation.WATERMARK, m, i, "top-right")));
        // picture in picture
        String pip = "picture[\\s-]+in[\\s-]+(?:a[\\s-]+)?picture|pip|inset";
        r.addAll(Rule.each((m, c) -> overlay(Operation.PICTURE_IN_PICTURE, m, c, "bottom-right"),
                positionBefore("pos0") + "(?:" + verb + ")?(?:a\\s+|the\\s+)?(?:" + pip + ")(?:\\s+(?:of|with|using|showing|from))?\\s+" + fig("") + positionAfter("pos"),
                positionBefore("pos0") + "(?:" + verb + ")?" + fig("") + "\\s+as\\s+(?:a\\s+|the\\s+)?(?:small\\s+|little\\s+|tiny\\s+)?(?:" + pip + "|window|overlay)" + positionAfter("pos")
                        + "(?:\\s+in\\s+(?:the\\s+|a\\s+)?corner)?",
                // "put my reaction cam (image 1) picture in picture, bottom left": the image, then what it is
                positionBefore("pos0") + "(?:" + verb + ")?(?:the\\s+(?:picture|image|photo)\\s+(?:from|in)\\s+|(?:my|our|the)\\s+(?:[a-z]+\\s+){0,2}?)?\\(?\\s*" + fig("") + "(?:\\s*\\))?\\s+(?:as\\s+)?(?:a\\s+)?(?:" + pip + ")" + positionAfter("pos")));
        r.add(of(positionBefore("pos0") + "(?:加上?|添加|放上?|叠加|把|将|用)?\\s*" + fig("") + "\\s*(?:作为|当作|当成?|做成?|以)?\\s*画中画(?:的?形式)?" + positionAfter("pos")
                        + "|画中画(?:显示|放|加)?" + fig("z") + positionAfter("posy"),
                (m, i) -> overlay(Operation.PICTURE_IN_PICTURE, m, i, "bottom-right")));
        // intro and outro cards
        String card = "(?:(?<intro>intro(?:duction)?(?:\\s+(?:card|screen|frame|shot))?|opening(?:\\s+(?:card|shot|frame|screen))?|title\\s+card|start(?:ing)?\\s+(?:card|screen|frame))"
                + "|(?<outro>outro(?:\\s+(?:card|screen|frame|shot))?|ending(?:\\s+(?:card|shot|frame|screen))?|end(?:ing)?\\s+(?:card|screen|frame)|closing(?:\\s+(?:card|shot|frame|screen))?))";
        String forSeconds = "(?:\\s+(?:for|lasting)\\s+" + number("n") + SECONDS + ")?";
        r.addAll(Rule.each(OverlayRules::card,
                "(?:" + verb + ")?" + fig("") + "(?:\\s+at\\s+the\\s+(?:start|beginning|end))?\\s+(?:as|for)\\s+(?:an?\\s+|the\\s+)?" + card + forSeconds,
                "(?:add\\s+)?(?:an?\\s+|the\\s+)?" + card + "\\s+(?:with|of|using|showing|from)\\s+" + fig("") + forSeconds
                        + "(?:\\s+at\\s+the\\s+(?:start|beginning|end))?"));
        r.add(of("(?:insert|add|put|show|place|use|display)\\s+" + fig("") + forSeconds + "\\s+(?:at|to|in)\\s+the\\s+(?<where>beginning|start|opening|end|ending)"
                        + forSeconds.replace("<n>", "<n2>"),
                (m, i) -> card(m, i)));
        // "end it with our company logo (figure 2) as the outro": whose image, and what it is, said around it
        r.add(of("(?<verb>start|begin|open|end|finish|close)\\s+(?:it\\s+|the\\s+video\\s+)?(?:with|on)\\s+(?:(?:our|my|the)\\s+(?:[a-z]+\\s+)?(?:logo|card|slide)\\s*(?:from\\s+)?)?\\(?\\s*"
                        + fig("") + "(?:\\s*\\))?(?:\\s+as\\s+(?:the\\s+|an?\\s+)?(?:outro|intro|ending|opening|end\\s+card|title\\s+card))?" + forSeconds
                        + "(?:\\s+at\\s+the\\s+(?:start|beginning|end))?",
                (m, i) -> card(m, i)));
        r.add(of("(?:用|把|将|以)?" + fig("") + "(?:作为|当作|当成?|做成?|做|放在|加在|放到|加到)(?:视频)?的?(?:(?<intro>片头|开头|开场|封面)|(?<outro>片尾|结尾|结束))(?:画面)?(?:显示)?(?:\\s*" + number("n") + SECONDS + ")?"
                        + "|(?:(?<intro2>片头|开头|开场)|(?<outro2>片尾|结尾|末尾))(?:画面)?(?:加上?|添加|放|用|使用|显示|插入)?" + fig("3") + "(?:作为|当作|做)?(?:封面|片头|片尾)?" + "(?:\\s*" + number("n2") + SECONDS + ")?",
                (m, i) -> card(m, i)));
    }

    /** A card of text before or after the video: "a title card at the beginning that says …", 片头加一个字卡，写「…」. */
    private static void textCards(List<Rule> r) {
        String card = "(?:(?<outro>outro|end(?:ing)?|closing|final)\\s+(?:card|slide|screen|title|text)|(?<outro3>outro)|(?:(?<intro>intro|opening|start(?:ing)?)\\s+)?"
                + "(?:title\\s+(?:card|slide|screen|page)|text\\s+(?:card|slide|screen)|(?<!(?:speaker|name|price|info|id)\\s)card|slide|screen)|(?<intro2>intro))";
        String where = "(?:\\s+(?:at\\s+the\\s+(?:very\\s+)?(?:beginning|start)|at\\s+the\\s+(?:very\\s+)?(?<end>end)|before\\s+(?:the\\s+(?:video|clip)|it)(?:\\s+(?:starts|begins))?"
                + "|(?<after>after)\\s+the\\s+(?:video|clip)(?:\\s+ends)?|to\\s+(?:open|start)\\s+(?:it|the\\s+video)|to\\s+(?<close>close|end)\\s+(?:it|the\\s+video)))?";
        String forSeconds = "(?:\\s+(?:for|lasting)\\s+" + number("n") + SECONDS + ")?";
        // "at the end I want a card that says …": where, said first
        String whereFirst = "(?:at\\s+the\\s+(?:very\\s+)?(?:(?<end0>end)|beginning|start)\\s*,?\\s*(?:(?:i|we)\\s+(?:want|need|would\\s+like)|(?:i|we)'d\\s+like|please)?\\s*)?";
        r.add(of(whereFirst + "(?:(?:add|put|insert|show|make|create|include|start\\s+with|open\\s+with|(?<endwith>end|finish|close)\\s+with)\\s+)?(?:an?\\s+|the\\s+)?(?:big\\s+|short\\s+|simple\\s+)?"
                        // "a 2-second intro card": its length before it
                        + "(?:(?<n3>" + Numbers.PATTERN + ")\\s*(?:seconds?|secs?|s)\\s+)?" + card
                        // the words may follow the card with nothing between: title card "Day 1"
                        + where + forSeconds + "\\s*,?\\s*(?:(?:saying|that\\s+says|which\\s+says|that\\s+reads|reading|with\\s+the\\s+(?:text|words?)|with|of|:|：)\\s*)?"
                        + QUOTE + where.replace("<end>", "<end2>").replace("<after>", "<after2>").replace("<close>", "<close2>") + forSeconds.replace("<n>", "<n2>"),
                OverlayRules::textCard));
        // 开头加个2秒的片头写“第三季度业绩”: a card said with its length before it
        r.add(of("(?:在)?(?:开头|前面|最前面)?(?:给)?加(?:个|一个|一张)?\\s*(?<n>" + Numbers.PATTERN + ")\\s*秒(?:钟)?的?片头(?:字卡|卡片)?\\s*(?:写|写着|内容是|是|[:：])?\\s*" + QUOTE,
                OverlayRules::textCard));
        r.add(of("(?:在)?(?:前面|开头|最前面|结尾|最后|后面)?(?:给)?加(?<zh>片头|片尾)字卡(?:\\s*" + number("n3") + "\\s*秒钟?)?\\s*" + QUOTE
                        // 在开头加一张写着「毕业快乐」的字卡: the text said before the card
                        + "|(?:在)?(?<zh2>开头|片头|最前面|结尾|片尾|最后|末尾)(?:给)?(?:加|添加|放)(?:一个|个|一页|一张)?(?:写(?:着|上)?|内容是|加字幕)\\s*"
                        + QUOTE.replace("<q>", "<q2>") + "\\s*的(?:标题卡|标题页|字卡|卡片|卡|页)"
                        // 结尾加个“谢谢观看”: a text alone at the start or the end, with no kind of text said, is a card
                        + "|(?:在)?(?<zh3>开头|片头|最前面|结尾|片尾|最后|末尾)(?:给)?(?:加|添加|放)(?:一个|个|一句|句|上)?\\s*" + QUOTE.replace("<q>", "<q3>")
                        // 片头加个标题“…”, 结尾加片尾文字“…”: words of the opening or closing card (片头 and 片尾 are cards, 开头 a time)
                        + "|(?:在)?(?<zh4>片头|片尾|结尾)(?:给)?(?:加|添加|放)(?:一个|个|上)?(?:片头|片尾)(?:标题|文字|字卡|字幕)\\s*" + QUOTE.replace("<q>", "<q4>")
                        + "|(?:在)?(?<zh5>片头|片尾)(?:就|再)?(?:给)?(?:(?:加|添加|放)(?:一个|个|上)?(?:标题|文字|字卡|字幕)|写(?:上|着)?|(?:文字|标题)写)\\s*" + QUOTE.replace("<q>", "<q5>"),
                OverlayRules::textCard));
        // 'end with the text "Thanks for watching"': a card of that text
        r.add(of("(?:(?<endwith>end|finish|close)|start|open|begin)\\s+(?:it\\s+|the\\s+video\\s+)?with\\s+(?:the\\s+|an?\\s+)?(?:(?:text|words?|title|caption|line)"
                        // "start the video with an intro card that reads 'Chapter 2'"
                        + "|(?:(?:intro|opening|title|text|end|closing|outro)\\s+)?(?:card|screen|slide)\\s+(?:that\\s+(?:says|reads)|saying|reading|with\\s+the\\s+(?:text|words?)))\\s+"
                        + QUOTE + forSeconds,
                OverlayRules::textCard));
        // 'end with a "Thanks for watching!" screen': the text said before the card
        r.add(of("(?:(?<endwith>end|finish|close)|start|open|begin)\\s+(?:it\\s+|the\\s+video\\s+)?with\\s+(?:an?\\s+|the\\s+)?" + QUOTE
                + "\\s+(?:title\\s+)?(?:card|screen|slide|page|frame)" + forSeconds, OverlayRules::textCard));
    }

    private static void text(List<Rule> r) {
        // a text that moves or changes as it shows: drawtext shows it still, where and when the prompt says
        String textWords = "(?:\\b(?:text|title|titles|caption|captions|subtitles?|words?|letters|credits|names?|lyrics)\\b|字幕|标题|文字|字|[\uE000-\uE0FF])";
        String moving = "(?:\\b(?:scroll(?:s|ing)?|roll(?:s|ing)|crawl(?:s|ing)?|marquee|ticker|typewriter|typed\\s+out|letter\\s+by\\s+letter|one\\s+letter\\s+at\\s+a\\s+time"
                + "|blink(?:s|ing)?|flash(?:es|ing)?|flicker(?:s|ing)?|sparkl(?:e|es|ing|y)|glitter(?:y|ing)?|glow(?:s|ing)?|bounc(?:e|es|ing)|wiggl(?:e|es|ing)|animat(?:e|ed|es|ing|ion))\\b"
                + "|滚动|滚屏|往上滚|往下滚|从[下上左右]往[上下左右]滚|跑马灯|一个字一个字|逐字(?=[^，,。]{0,3}(?:出现|显示|弹出|打出|蹦出))|打字机|一闪一闪|闪烁|闪动|闪一闪|跳动|弹出来|飞入|飞进来|动画)";
        r.add(impossible("(?:" + textWords + "[^,.;，。；]{0,40}?" + moving + "|" + moving + "[^,.;，。；]{0,40}?" + textWords + ")[^,.;，。；]*",
                " asks for moving or animated text: the local engine shows a text still, where and when the prompt says"
                        + " (\"add the caption 'Welcome' at the bottom from 0:02 to 0:05\")",
                "要求文字滚动或动画：本地引擎只在指定的位置和时间显示静止的文字（如“从2秒到5秒在底部加字幕「欢迎」”）"));
        // a link to click: a video file holds pictures and sound, nothing a viewer can tap
        r.add(impossible("\\b(?:clickable|tappable|clicky)\\s+(?:link|url|button)s?\\b[^,.;]*|\\b(?:make|turn)\\s+(?:the\\s+|it\\s+|my\\s+|our\\s+)?(?:[a-z]+\\s+)?(?:text|url|link|address|website|caption)?\\s*(?:into\\s+)?(?:an?\\s+)?(?:clickable|tappable|live\\s+link)\\b[^,.;]*"
                        + "|[^，,。；;]{0,12}(?:做成|变成|弄成)?(?:可以|能)?点(?:击)?的?(?:链接|按钮)[^，,。；;]{0,12}|点了(?:就|直接)?跳(?:转)?[^，,。；;]{0,10}",
                " asks for a link in the video: a video file holds no links; the local engine can show the address as text"
                        + " (\"add the text 'shop.example.com' at the bottom\")",
                "要求在视频里加可点击的链接：视频文件不含链接；本地引擎可以把网址作为文字显示（“在底部加文字「shop.example.com」”）"));
        // a font of its own: drawtext draws every text in the one font the build ships (Noto Sans CJK)
        r.add(impossible("\\b(?:in|using|with|use)\\s+(?:the\\s+)?(?:comic\\s+sans|arial|helvetica|times(?:\\s+new\\s+roman)?|impact|georgia|verdana|calibri|futura|garamond|roboto)\\b[^,.;]*"
                        + "|\\b(?:in\\s+|use\\s+|with\\s+)?(?:an?\\s+|the\\s+)?(?:[a-z]+\\s+)?(?:font|typeface|cursive|handwriting\\s+style)\\b[^,.;]*"
                        + "|字体(?:用|要|换成|改成|是)[^，,。；;]{1,8}|(?:用|换成|改成)?(?:楷体|宋体|仿宋|隶书|行书|草书|手写体|艺术字|毛笔字)(?:字体)?",
                " asks for a font of its own: the local engine draws every text in one font (Noto Sans CJK), in the colour and at the"
                        + " place the prompt says",
                "要求指定字体：本地引擎用同一种字体（Noto Sans CJK）绘制所有文字，可以指定颜色和位置"));
        String kind = "(?<![\\p{L}])(?<kind>title(?:\\s+card)?|caption|subtitle|headline|heading|(?:text\\s+)?watermark|text|label|words?"
                // the texts people put on a video by what they are: "a name card", "a price tag", "a date stamp"
                + "|(?:speaker|name)\\s+(?:card|tag|title|bar|strip|plate)|lower[\\s-]+third|price\\s+tag|date\\s+stamp|(?:subtitle|text)\\s+line|line\\s+of\\s+text"
                // or by what they say: "add the date '12 March 2024'", "our hashtag #RunForHope", "my instagram @me"
                + "|date|hashtag|handle|username|name|score|price|address|phone\\s+number|number|website|url|slogan|tagline|motto|quote"
                + "|(?:instagram|insta|ig|tiktok|twitter|youtube|x)(?:\\s+(?:handle|account|name|username|tag))?)s?";
        String saying = "(?:\\s*(?:saying|that\\s+says|which\\s+says|that\\s+reads|which\\s+reads|reading|with\\s+the\\s+(?:text|words?)|of|:|：|=|to\\s+(?:add|show|put|display)\\s*[:：]))?";
        String verb = "(?:add|put|insert|show|display|write|overlay|place|burn\\s+in|type|stick|slap|stamp|pop|run|throw|print|superimpose|include)\\s+";
        // when: "for the first 3 seconds", "for 3 seconds" (from the start), "at the beginning", "at the end", "for the
        // last 3 seconds"
        // or from a moment, said before or after ("at 0:20 show \"Chapter 2\" for 4 seconds"): shown from then (never a
        // range's start, "from 5s to 12s", its unit said or not)
        String from = "(?:\\s*,)?\\s+(?:at|in)\\s+the\\s+(?:very\\s+)?(?:(?<begin>beginning|start)|(?<end>end|ending))|(?:\\s*,)?\\s+(?:at|from|starting\\s+(?:at|from)|beginning\\s+at)\\s+" + Rule.time("at") + SECONDS + "?(?![\\p{IsLatin}\\d:.])(?!\\s*(?:s|secs?|seconds?)?\\s*(?:to|till|until|-|–|and)\\b)";
        String howLong = "(?:\\s*,)?\\s+(?:for|during)\\s+(?:the\\s+)?(?:first\\s+|(?<last>last\\s+|final\\s+))?" + number("n") + SECONDS
                // "put 'WAIT FOR IT' at the top until 0:07": shown up to then
                + "|(?:\\s*,)?\\s+(?:until|till|til|up\\s+to)\\s+(?:the\\s+)?" + Rule.time("until") + SECONDS + "?(?:\\s+mark)?(?![\\p{IsLatin}\\d:.])";
        // shown all along, as a text is unless a time is said
        String throughout = "\\s*,?\\s*(?:the\\s+(?:whole|entire)\\s+(?:time|video|clip|way\\s+through)|throughout|all\\s+the\\s+way\\s+through)\\b";
        String atFirst = "(?:at\\s+" + Rule.time("at0") + SECONDS + "?(?![\\p{IsLatin}])(?!\\s*(?:s|secs?|seconds?)?\\s*(?:to|till|until|-|–|and)\\b)\\s*,?\\s*)?";
        // "add the text 'OPEN' as a title": what it is may follow the words
        String asKind = "\\s+as\\s+(?:an?\\s+|the\\s+)?(?:big\\s+|large\\s+|small\\s+|bold\\s+)?(?<kind2>title|caption|subtitle|heading)";
        // what is said of the words after them, in any order: "put 'GG EZ' in the centre in green at 0:42 for 2 sec"
        String after = "(?:" + String.join("|", colourSaid("c1"), placeAfter("pos"), from, howLong, asKind, throughout) + ")*";
        String whose = "(?:an?\\s+|the\\s+|my\\s+|our\\s+|your\\s+|his\\s+|her\\s+|their\\s+)?";
        r.add(of(atFirst + positionBefore("pos0") + "(?:" + verb + ")?" + whose + "(?:big\\s+|large\\s+|small\\s+)?" + kind + saying + "\\s*" + QUOTE + after,
                (m, c) -> text(m, Stream.of("kind2", "kind").map(g -> group(m, g)).filter(Objects::nonNull).findFirst().orElseThrow(), c)));
        // "add caption at the bottom 'SALE'": where, then what it says
        r.add(of("(?:" + verb + ")?" + whose + kind + positionAfter("posx") + "\\s*,?\\s*(?:(?:saying|that\\s+says|which\\s+says|that\\s+reads|which\\s+reads|reading|with\\s+the\\s+(?:text|words?)|:|：)\\s*)?" + QUOTE + after,
                (m, c) -> text(m, m.group("kind"), c)));
        r.add(of(atFirst + positionBefore("pos0") + "(?:" + verb + ")(?:the\\s+|an?\\s+)?(?:big\\s+|large\\s+|small\\s+|bold\\s+)?(?:text\\s+|words?\\s+)?" + QUOTE
                        + "(?:\\s+(?:as\\s+(?:an?\\s+|the\\s+)?)?(?:big\\s+|large\\s+|small\\s+|bold\\s+)?(?<kind>title|caption|subtitle|text|heading))?" + after,
                (m, c) -> text(m, m.group("kind") != null ? m.group("kind") : m.group("kind2"), c)));
        // 在开头加标题「…」: shown for the first seconds, as "at the beginning" says it
        // 在第10秒加字幕「你好」, 从1:05开始加字幕, 在2分钟的地方…: shown from then (a bare "10秒" before it says nothing of when)
        // (never a range's ends: 在第5秒到第10秒 is read as a range)
        String notRange = "(?!\\s*(?:秒钟?)?\\s*(?:到|至|-|~))";
        String fromZh = "(?:(?:在|从)\\s*第?\\s*" + Rule.time("at0") + notRange + "\\s*(?:秒钟?)?(?:开始|起|的时候|处|的地方|那里|那儿|时)?"
                + "|(?<![前后到至\\d])第?\\s*" + Rule.time("at1") + notRange + "\\s*(?:秒钟?)?(?:开始|起|的时候|处|的地方|那里|那儿|时)"
                // 第70秒在中间显示「…」: an ordinal second is a moment
                + "|(?<![前后到至\\d])第\\s*" + Rule.time("at2") + notRange + "\\s*秒钟?(?=\\s*(?:在|[,，])))\\s*[,，]?\\s*"
                // 开头3秒显示「…」, read as English by then
                + "|for\\s+the\\s+first\\s+" + number("n") + "\\s*seconds?\\s*";
        // what is said of the words after them, in either order: 放在底部，红色
        String afterZh = "(?:" + placeAfter("pos") + "|" + colourSaid("c2") + ")*";
        r.add(of("(?:" + fromZh + ")?(?<begin>在?(?:视频|影片)?的?(?:开头|开始|最前面)(?:处|的时候)?)?" + positionBefore("pos0") + "(?:加上?|添加|显示|出现|打上|写上?|放上?|配上?)?\\s*(?:一?[个行段句条])?(?:大)?(?:(?<c1z>" + ZH_COLOUR_WORDS + ")色的?)?(?:字幕|文字)?(?<kind>(?:文字)?水印|标题|字幕|文字|文本|大字|文案|要加的字|日期|价钱|价格|价签|价格标签|地址|电话|比分"
                        // 名字条, 我的抖音号, 球队名, 我哋间铺个名: a name or an account, by whose
                        + "|(?:[^\\s上下左右中顶底角出现显示加放写打，,。]{1,6}?的?)?(?:名字条|姓名条|人名条|名字|姓名|名称|(?<=[队铺个])名|(?<=[音手信书])号|账号)|(?<=[个行段句条]|色的)字)"
                        // 标题放中间：「…」: where, then what it says
                        + "(?:\\s*(?:放|放在|放到|在)(?:画面|视频|屏幕)?的?(?<posyz>" + ZH_POSITION_WORDS + "))?\\s*[:：]?\\s*(?:为|是|内容为|写着|叫)?\\s*"
                        + QUOTE + afterZh,
                (m, c) -> text(m, m.group("kind"), c)));
        // 开头3秒显示「…」: the verb went into the English of the time
        r.add(of("for\\s+the\\s+first\\s+" + number("n") + "\\s*seconds?\\s*" + QUOTE + "(?!\\s*的?(?:音效|声效|声音|音乐|歌曲?|配音|铃声))" + afterZh,
                (m, c) -> text(m, null, c)));
        // (配上《晴天》 with no word of a text is a song: the sound rules refuse it)
        r.add(of("(?:" + fromZh + ")?" + positionBefore("pos0") + "(?:加上?|添加|(?:一直|全程)?显示(?:文字)?|打上?|写上?|放上?|配上?(?=\\s*(?:一?个)?\\s*[\uE000-\uE0FF][^，,。]*?(?:标题|字幕|文字|文本|大字)))\\s*(?:一?个)?\\s*" + QUOTE + "(?!\\s*的?(?:音效|声效|声音|音乐|歌曲?|配音|铃声))\\s*(?:的|这几个字的?|这句话的?|作为|这)?\\s*(?<kind>标题|字幕|文字|文本|大字)?" + afterZh,
                (m, c) -> text(m, m.group("kind"), c)));
    }

    // ---- factories ----

    /** The text a match quotes (its one quote group, whichever alternative matched). */
    private static String quoted(MatchResult m, Rule.Context context) {
        return context.quotes().text(Stream.of("q", "q2", "q3", "q4", "q5").map(g -> group(m, g)).filter(Objects::nonNull).findFirst().orElseThrow().charAt(0));
    }

    private static EditOperation text(MatchResult m, String kind, Rule.Context context) {
        String quoted = quoted(m, context);
        if (quoted.isBlank() || quoted.length() > 200) {
            throw invalid("the text to show must have 1 to 200 characters", "要显示的文字必须为 1 到 200 个字符");
        }
        boolean title = kind != null && kind.matches("title.*|headline|heading|标题|大字");
        // a text watermark ("add a watermark '@me'", 加水印“@小明”) is small text in a corner
        boolean watermark = kind != null && kind.matches(".*(?:watermark|水印)");
        String position = position(m, title ? "center" : watermark ? "bottom-right" : "bottom");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("text", quoted);
        params.put("style", title ? "title" : "caption");
        params.put("position", position);
        String colour = colour(m, "c1", "c2");
        if (colour != null) {
            params.put("colour", colour);
        }
        String n = group(m, "n");
        double seconds = n != null ? round(Numbers.parse(n)) : TIMED_TEXT_SECONDS;
        String at = Stream.of("at", "at0", "at1", "at2").map(g -> group(m, g)).filter(Objects::nonNull).findFirst().orElse(null);
        String until = group(m, "until");
        if (until != null) {
            double start = at != null ? Rule.seconds(at) : 0;
            double end = Rule.seconds(until);
            if (end <= start) {
                throw invalid("the text is to show until " + until + ", which is not after it starts (" + Rule.written(start) + " s)",
                        "文字显示到 " + until + "，但这不晚于它出现的时间（" + Rule.written(start) + " 秒）");
            }
            params.put("start", round(start));
            params.put("duration", round(end - start));
        } else if (at != null) {
            params.put("start", round(Rule.seconds(at)));
            if (n != null) {
                params.put("duration", seconds);
            }
        } else if (group(m, "end") != null || group(m, "last") != null) {
            params.put("at", "end"); // the last seconds of the clip: its length is known when it is rendered
            params.put("duration", seconds);
        } else if (n != null || group(m, "begin") != null) {
            params.put("start", 0.0);
            params.put("duration", seconds);
        }
        return op(Operation.TEXT, params);
    }

    private static EditOperation overlay(Operation op, MatchResult m, Rule.Context context, String defaultPosition) {
        if (op == Operation.WATERMARK && TAKEN_AWAY.matcher(context.clause()).find()) {
            return null; // "erase the competitor's logo", 把别家的水印去掉: a mark painted out, which only a model can do
        }
        return op(op, Map.of("image", figure(m, context), "position", position(m, defaultPosition)));
    }

    /** A logo or watermark taken away rather than placed. */
    private static final Pattern TAKEN_AWAY = Pattern.compile("\\b(?:remove|erase|delete|get\\s+rid\\s+of|take\\s+off|take\\s+out|paint\\s+out|hide|blur\\s+out)\\b"
            + "[^,.;]{0,40}\\b(?:logo|watermark|badge|branding)s?\\b|(?:水印|logo|台标|标志)[^，,。；]{0,4}?(?:去掉|删掉|去除|抹掉|p掉|擦掉|弄掉|拿掉)");

    private static EditOperation textCard(MatchResult m, Rule.Context context) {
        String quoted = quoted(m, context);
        if (quoted.isBlank() || quoted.length() > 200) {
            throw invalid("the text to show must have 1 to 200 characters", "要显示的文字必须为 1 到 200 个字符");
        }
        String zh = Stream.of("zh", "zh2", "zh3", "zh4", "zh5").map(g -> group(m, g)).filter(Objects::nonNull).findFirst().orElse(null);
        boolean outro = zh != null ? zh.matches("片尾|结尾|最后|末尾")
                : Stream.of("outro", "outro3", "end", "after", "close", "end2", "after2", "close2", "endwith", "end0").anyMatch(g -> group(m, g) != null);
        String n = Stream.of("n", "n2", "n3").map(g -> group(m, g)).filter(Objects::nonNull).findFirst().orElse(null);
        double seconds = n == null ? TIMED_TEXT_SECONDS : Numbers.parse(n);
        if (!(seconds > 0 && seconds <= 30)) {
            throw invalid("an intro or outro card lasts more than 0 and at most 30 seconds", "片头或片尾画面时长必须大于 0 秒且不超过 30 秒");
        }
        return op(outro ? Operation.OUTRO : Operation.INTRO, Map.of("text", quoted, "duration", round(seconds)));
    }

    private static EditOperation card(MatchResult m, Rule.Context context) {
        int imageCount = context.imageCount();
        boolean outro = group(m, "outro") != null || group(m, "outro2") != null
                || (group(m, "where") != null && m.group("where").startsWith("end"))
                || (group(m, "verb") != null && m.group("verb").matches("end|finish|close"));
        String n = group(m, "n") != null ? group(m, "n") : group(m, "n2");
        double seconds = n == null ? 2 : Numbers.parse(n);
        if (!(seconds > 0 && seconds <= 30)) {
            throw invalid("an intro or outro card lasts more than 0 and at most 30 seconds", "片头或片尾画面时长必须大于 0 秒且不超过 30 秒");
        }
        return op(outro ? Operation.OUTRO : Operation.INTRO, Map.of("image", figure(m, context), "duration", round(seconds)));
    }

    private static String group(MatchResult m, String name) {
        // A rule's pattern may lack the group (null then); asked for, an absent group throws, which is costly per prompt.
        return m.namedGroups().containsKey(name) ? m.group(name) : null;
    }

    /**
     * The 1-based figure a match names; an unnumbered "the image" means Figure 1 when exactly one was given, or the one
     * figure its clause names by number ("the logo from Figure 1 as a watermark").
     */
    static int figure(MatchResult m, Rule.Context context) {
        Integer named = figureNamed(m, context.imageCount());
        if (named != null) {
            return checkFigure(named, context.imageCount());
        }
        int imageCount = context.imageCount();
        if (imageCount == 1) {
            return 1;
        }
        Integer inClause = PromptInterpreter.onlyFigureNamed(context.clause());
        if (inClause != null) {
            return checkFigure(inClause, imageCount);
        }
        if (imageCount == 0) {
            throw new NoImageGiven();
        }
        throw invalid("say which reference image to use (Figure 1 to Figure " + imageCount + ")",
                "请说明使用哪张参考图片（图1 到 图" + imageCount + "）");
    }

    /** An edit that places an image, asked with none given. */
    static final class NoImageGiven extends VeditException {
        NoImageGiven() {
            super(ErrorCode.INVALID_PARAMETERS, ErrorCode.INVALID_PARAMETERS.message("this edit needs a reference image (imageUrls) and none was given",
                    "此编辑需要参考图片（imageUrls），但未提供"));
        }
    }

    /** The figure a match names by number or order, or null when it names none ("the photo"). */
    private static Integer figureNamed(MatchResult m, int imageCount) {
        for (String suffix : List.of("", "b", "c", "2", "3", "z")) {
            String digits = group(m, "img" + suffix);
            String ordinal = group(m, "img" + suffix + "ord");
            String chinese = group(m, "img" + suffix + "cn");
            String chinese2 = group(m, "img" + suffix + "cnn");
            Integer n = digits != null ? (Integer) (digits.matches("\\d+") ? Integer.parseInt(digits) : WORD_NUMBERS.indexOf(digits) + 1)
                    : ordinal != null ? (Integer) (ordinal.equals("last") ? imageCount : ORDINALS.indexOf(ordinal) + 1)
                    : chinese != null ? (Integer) (int) Numbers.parse(chinese)
                    : chinese2 != null ? (Integer) (int) Numbers.parse(chinese2) : null;
            if (n != null) {
                return n;
            }
        }
        return null;
    }

    static int checkFigure(int figure, int imageCount) {
        if (figure < 1 || figure > imageCount) {
            throw invalid("the prompt refers to Figure " + figure + " but " + imageCount + " reference image(s) were given",
                    "提示词引用了图" + figure + "，但只提供了 " + imageCount + " 张参考图片");
        }
        return figure;
    }

    static String position(MatchResult m, String fallback) {
        for (String g : List.of("pos", "pos0", "posx", "posy")) {
            String en = group(m, g);
            if (en != null) {
                return englishPosition(en);
            }
            String zh = group(m, g + "z");
            if (zh != null) {
                return chinesePosition(zh);
            }
        }
        return fallback;
    }

    private static String englishPosition(String words) {
        String w = words.toLowerCase(Locale.ROOT).replaceAll("[\\s-]+hand|\\s+side", "");
        String vertical = w.matches("(?:top|upper).*") ? "top" : w.matches("(?:bottom|lower).*") ? "bottom" : "";
        String horizontal = w.contains("right") ? "right" : w.contains("left") ? "left" : "";
        if (vertical.isEmpty() && horizontal.isEmpty()) {
            return "center";
        }
        return vertical.isEmpty() ? horizontal : horizontal.isEmpty() ? vertical : vertical + "-" + horizontal;
    }

    private static String chinesePosition(String words) {
        String vertical = words.contains("上") || words.contains("顶") ? "top" : words.contains("下") || words.contains("底") ? "bottom" : "";
        String horizontal = words.contains("右") ? "right" : words.contains("左") ? "left" : "";
        if (vertical.isEmpty() && horizontal.isEmpty()) {
            return "center";
        }
        return vertical.isEmpty() ? horizontal : horizontal.isEmpty() ? vertical : vertical + "-" + horizontal;
    }

    private static String faceStyle(String words) {
        return words.matches("(?s).*(?:pixel|mosaic|马赛克|打码).*") ? "pixelate" : "blur";
    }

    private static String zhColour(String words) {
        return words.contains("蓝") ? "blue" : "green";
    }
}
