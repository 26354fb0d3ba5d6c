package dev.vedit.server.engine.local;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A prompt written as fields, as scripts, forms and integrations send it: "speed: 1.5x / audio: mute / length: 30s",
 * "speed=2\naspect=9:16\naudio=off", 时长：15秒；画面：黑白, "watermark: image 1 | position: bottom-right". Each field whose
 * name is an edit or a label is spelled out as the request it stands for ("keep the first 30 seconds", "mute"); a field
 * that only describes the order (product, price, SKU, who sent it) is dropped; any other line is left as written, so a
 * caption's "text: …" or a sentence with a colon in it reads as before.
 */
final class Fields {
    private Fields() {
    }

    /**
     * Where one field ends and the next begins: a line, a bar, a semicolon, a spaced slash, a space before "name=", or
     * a sentence's end or a comma before "name:" ("intro: figure 1 (3s). outro: figure 2."), a spaced plus.
     */
    private static final Pattern BETWEEN = Pattern.compile("\\n|\\s*\\|\\s*|\\s*[;；]\\s*|\\s+//?\\s+|\\s+(?=[a-z\\p{IsHan}][a-z\\p{IsHan} ]{0,20}=)"
            + "|(?<=[^\\d\\s][.。])\\s*(?=[a-z\\p{IsHan}][a-z\\p{IsHan} ]{0,20}[:：])|\\s*[,，]\\s*(?=[a-z\\p{IsHan}][a-z\\p{IsHan} ]{0,20}[:：=])"
            + "|\\s+\\+\\s+");
    /** A field: an optional list marker, its name, a colon or an equals sign, its value. */
    private static final Pattern FIELD = Pattern.compile("(?<marker>\\s*(?:[-*•→➡️🎬🔇✨#]+\\s*|\\d{1,2}[.)、]\\s*)?)(?:【[^】]{0,20}】|\\[[^\\]]{0,30}\\])?\\s*(?<name>[a-z\\p{IsHan}][a-z\\p{IsHan} #\\d]{0,23}?)\\s*[:：=]\\s*(?<value>.*)",
            Pattern.DOTALL);

    /** What a field's name says it is. */
    private enum Kind {
        /** The value is the request itself ("edit requested: make it vertical", 操作：顺时针旋转90度). */
        LABEL("edit requested|edit request|requested fix|edits?|requests?|instructions?|video instructions|steps|actions?|tasks?|operations?|output|body|test|test case|qa case(?: #?\\d+)?|deliverables?|details"
                + "|video|picture|image|visuals?|effects?|filters?|looks?|style|[\\p{IsHan}a-z ]{0,10}(?:转达|转发)|(?:[a-z]+ )?(?:ticket|case|issue)(?: #?\\d+)?|需求|剪辑需求|变速|修改需求|要求|修改要求|修改|操作|指令|测试|测试 ?case|画面|视频|效果|滤镜|特效|风格"),
        /** Only describes the order or who sent it. */
        CONTEXT("products?|price|prices|sizes|sku|skus|subject|from|sender|submitter|submitted by|customer name|name|email|phone|order"
                + "|request type|job type|type|event|occasion|asset|file|footage|deadline|due|due date|client|customer|store|shop|contact|requester|priority|budget|project|summary"
                + "|商品|价格|尺码|提交人|发件人|订单|客户|门店|店铺|联系人|联系方式|电话|截止|截止日期|截止时间|交付时间|需求类型|项目|预算|优先级|负责人"),
        /** A part to keep: "keep: 00:05 - 00:35", 截取：00:00:15-00:00:45. */
        KEEP("keep|clip|截取|保留|只要"),
        AUDIO("audio|sound|音频|声音"),
        SPEED("speed|playback speed|倍速|速度"),
        VOLUME("volume|音量"),
        LEVEL("brightness|contrast|saturation|亮度|对比度|饱和度|整体亮度|画面亮度|整体对比度|整体饱和度"),
        LENGTH("length|duration|total length|total duration|时长|总时长|长度"),
        RESOLUTION("resolution|output resolution|分辨率"),
        /** A file's size: "max size: 20MB". */
        FILE_SIZE("file ?size|max(?:imum)? ?size|size limit|size|文件大小|大小|体积"),
        FPS("frame ?rate|fps|帧率"),
        CRF("crf"),
        ASPECT("aspect|aspect ratio|ratio|比例|画幅|画面比例|视频比例|画幅比例|尺寸比例"),
        /** A format, which names a frame only by a ratio or an orientation ("format: 9:16 for Reels"; "format: mp4" is none). */
        FORMAT("format|orientation|版式|格式"),
        ZOOM("zoom|缩放"),
        HUE("hue|色相"),
        /** A colour temperature asked as a field's value: "色温：偏冷", "white balance: warmer". */
        TEMPERATURE("colou?r temperature|temperature|white balance|tone|色温|白平衡|色调"),
        ROTATE("rotate|rotation|旋转"),
        MIRROR("mirror|镜像|水平翻转"),
        LOOP("loop|repeat|循环|重复"),
        INTRO("intro|intro card|opening card|title card|片头"),
        OUTRO("outro|outro card|end card|ending card|closing card|end screen|片尾"),
        WATERMARK("watermark|logo|水印"),
        PICTURE_IN_PICTURE("picture in picture|picture-in-picture|pip|inset|画中画|小窗"),
        /** Words to show: "text to add: Finish line", 文字：“地址：朝阳路88号”. */
        TEXT("text|text to add|overlay text|on-screen text|on screen text|caption|caption text|subtitle|要加的字|加的字|文字|文字内容|字幕|字幕内容|文案"),
        /** Where the field before is placed ("watermark: image 1 | position: bottom-right"). */
        POSITION("position|placement|where|location|位置|放哪|放在"),
        /** When the field before applies ("effect=cartoon range=10s-20s"). */
        RANGE("range|time|times|timing|when|时间段|区间|时间|时段"),
        /** How see-through the image before is ("opacity: 70%", 透明度：50%); "default" says nothing. */
        OPACITY("opacity|不透明度|透明度|transparency");

        private final Pattern names;

        Kind(String names) {
            this.names = Pattern.compile(names);
        }

        static Kind of(String name) {
            for (Kind kind : values()) {
                if (kind.names.matcher(name).matches()) {
                    return kind;
                }
            }
            return null;
        }
    }

    /** Where a field that describes the order ends inside its value: a Chinese comma or a sentence's end. */
    private static final Pattern CONTEXT_ENDS = Pattern.compile(",(?=\\p{IsHan})|[，。]|\\.\\s+");
    private static final Pattern YES = Pattern.compile("yes|y|true|on|1|是|开|开启|要");
    private static final Pattern NO = Pattern.compile("no|n|false|off|none|0|default|否|关|关闭|无|不要|默认|n/a|-");
    private static final Pattern NUMBER = Pattern.compile("[-+]?\\d+(?:\\.\\d+)?");
    /** A temperature's value said as where it should go (the field names the thing, so 偏冷 asks for cool, not of it). */
    private static final Pattern COOL = Pattern.compile("cool|cold|blue|冷|蓝|青");
    private static final Pattern WARM = Pattern.compile("warm|orange|yellow|暖|黄|橙");
    private static final Pattern FIGURE = Pattern.compile("(?:figure|fig\\.?|image|img|picture|pic|photo|图片?)\\s*(\\d)");
    private static final Pattern SECONDS = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(?:s|secs?|seconds?|秒钟?)\\b?");
    private static final Pattern ATTACHED = Pattern.compile("\\battached\\b|\\bsee attachment\\b|附件|见附件|已附|附图");
    /** A corner as the rules read it after "in the": 左下角 is the bottom left. */
    private static String corner(String said) {
        return switch (said) {
            case "左上角" -> "top left";
            case "右上角" -> "top right";
            case "左下角" -> "bottom left";
            case "右下角" -> "bottom right";
            case "居中", "中间" -> "centre";
            default -> said.replace('-', ' ');
        };
    }

    private static final Pattern CORNER = Pattern.compile("(?:top|bottom|upper|lower)[- ](?:left|right)|[左右][上下]角|center|centre|居中|中间");
    private static final Pattern FRAME_NAMED = Pattern.compile("\\d+\\s*[:：]\\s*\\d+|\\b(?:vertical|horizontal|portrait|landscape|square)\\b|竖屏|横屏|竖版|横版|方形");
    private static final Pattern QUOTED_ALONE = Pattern.compile("[" + Quotes.FIRST + "-" + Quotes.LAST + "]");
    /** A time field that says the whole video, which is what no time says. */
    private static final Pattern THROUGHOUT = Pattern.compile("全程|整段|全部|一直|整个视频|whole(?: video)?|entire(?: video)?|all|throughout|full(?: video)?");
    private static final Pattern RANGE_VALUE = Pattern.compile("(\\S+?)\\s*(?:-|–|~|to|到|至)\\s*(\\S+)");

    /** The prompt with its fields spelled out; the prompt itself when it holds none. */
    static String spelledOut(String written) {
        if (written.indexOf(':') < 0 && written.indexOf('：') < 0 && written.indexOf('=') < 0) {
            return written;
        }
        // each field spelled out, each followed by what separated it from the next (a list's lines stay lines)
        List<String> parts = new ArrayList<>();
        List<String> separators = new ArrayList<>();
        boolean changed = false;
        Matcher between = BETWEEN.matcher(written);
        int start = 0;
        boolean describesTheOrder = false;
        while (start <= written.length()) {
            boolean found = between.find();
            int end = found ? between.start() : written.length();
            String part = written.substring(start, end);
            // "request type: trim + branding": what the order is goes on after a plus, asking nothing
            String spelled = describesTheOrder ? "" : spelled(part, parts);
            changed |= !spelled.equals(part);
            Matcher field = FIELD.matcher(part);
            describesTheOrder = found && between.group().strip().equals("+")
                    && (describesTheOrder || field.matches() && Kind.of(field.group("name").strip()) == Kind.CONTEXT);
            if (!spelled.isBlank()) {
                parts.add(spelled);
                // a line stays a line (a list's items are read as such); anything else between fields is a clause's end
                separators.add(found && between.group().indexOf('\n') >= 0 ? "\n" : "; ");
            }
            if (!found) {
                break;
            }
            start = between.end();
        }
        if (!changed) {
            return written;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            out.append(parts.get(i)).append(i < parts.size() - 1 ? separators.get(i) : "");
        }
        return out.toString();
    }

    /** One field spelled out (or appended to the one before it); the part as written when it is no field. */
    private static String spelled(String part, List<String> before) {
        Matcher field = FIELD.matcher(part);
        if (!field.matches()) {
            return part;
        }
        Kind kind = Kind.of(field.group("name").strip());
        String value = field.group("value").strip();
        if (kind == null || value.isEmpty() && kind != Kind.CONTEXT) {
            return part;
        }
        String request = switch (kind) {
            case OPACITY -> {
                Matcher percent = PERCENT.matcher(value);
                String name = field.group("name").strip();
                // said as the look the rules read after the image placed; a value of no number changes nothing
                yield !percent.matches() ? "" : percent.group(1) + "% " + (name.equals("transparency") || name.equals("透明度") ? "transparent" : "opacity");
            }
            // what the order is, up to where a request may follow it ("sku: bag-pk-01 粉色款还没拍,把视频里包的颜色改成粉色")
            case CONTEXT -> afterContext(value);
            case LABEL -> value;
            case AUDIO -> NO.matcher(value).matches() || value.matches("mute|muted|silent|静音") ? "mute"
                    : value.matches("normali[sz]e|标准化|统一|均衡") ? "normalize the audio" : Lexicon.isCjk(value.charAt(0)) ? "声音" + value : value;
            case SPEED -> {
                String multiple = value.replaceAll("\\s*(?:x|×|倍速?)$", "");
                yield NUMBER.matcher(multiple).matches() ? "speed " + multiple + "x" : part;
            }
            case VOLUME -> NO.matcher(value).matches() ? "mute" : value.startsWith("+") ? "raise the volume by " + value.substring(1)
                    : value.startsWith("-") ? "lower the volume by " + value.substring(1) : "volume " + value;
            case LEVEL -> field.group("name").strip() + " " + value;
            case LENGTH -> seconds(value) != null ? "keep the first " + seconds(value) + " seconds" : part;
            // its words quoted (or quoted by the reading's masks after a colon): what an overlay of them is asked as
            case TEXT -> !QUOTED_ALONE.matcher(value).matches() ? part
                    : Lexicon.isCjk(field.group("name").strip().charAt(0)) ? "加字幕" + value : "add the caption " + value;
            case RESOLUTION -> "resolution " + value;
            // (a size in percent is an image's width, as a form for a logo says it: "size: 8%"; a file is never sized so)
            case FILE_SIZE -> value.matches(".*?\\d+(?:\\.\\d+)?\\s*(?:mb|m|gb|g|兆)\\b?.*") ? "compress it to under " + value
                    : value.matches("\\d{1,3}\\s*%") ? value.replaceAll("\\s+", "") + " of the width" : part;
            case FPS -> NUMBER.matcher(value).matches() ? value + " fps" : "frame rate " + value;
            case CRF -> "crf " + value;
            case ASPECT -> "make it " + value;
            case FORMAT -> FRAME_NAMED.matcher(value).find() ? "make it " + value : part;
            case ZOOM -> "zoom in " + value.replaceAll("\\s*(?:x|×|倍)(?=\\s|,|，|$)", "x");
            case HUE -> value.matches(".*?\\d+\\s*(?:°|度|degrees?).*") ? "shift the hue by " + value.replaceAll(".*?(\\d+)\\s*(?:°|度|degrees?).*", "$1") + " degrees" : part;
            case TEMPERATURE -> COOL.matcher(value).find() ? "make it cooler" : WARM.matcher(value).find() ? "make it warmer" : part;
            case ROTATE -> "rotate " + value.replace("°", " degrees").replace("度", " degrees");
            case MIRROR -> YES.matcher(value).matches() ? "mirror it" : NO.matcher(value).matches() ? "" : part;
            case LOOP -> value.replaceAll("\\D*(\\d+)\\s*(?:x|×|次|遍|times)?.*", "$1").matches("\\d+") ? "loop " + value.replaceAll("\\D*(\\d+).*", "$1") + " times" : "loop it";
            case INTRO, OUTRO -> placed(value, kind == Kind.INTRO ? "intro" : "outro", part);
            case KEEP -> {
                Matcher range = RANGE_VALUE.matcher(value);
                yield range.matches() ? "keep only from " + range.group(1) + " to " + range.group(2) : "keep only " + value;
            }
            case WATERMARK, PICTURE_IN_PICTURE -> {
                // "logo: attached, place bottom-right": the one image sent with it, where the value's first sentence says
                String said = firstSentence(value);
                String more = value.substring(said.length());
                Matcher figure = FIGURE.matcher(said);
                String image = figure.find() ? figure.group(1) : ATTACHED.matcher(said).find() ? "1" : null;
                Matcher corner = CORNER.matcher(said);
                String look = OverlayRules.lookWords(said); // "20% opacity", 不透明度80%: said after it, read as its look
                // and when it shows, said in the value too ("图1，右上角，只在前30秒出现")
                String when = timeSaid(said);
                yield image == null ? part : "figure " + image + (kind == Kind.WATERMARK ? " as a watermark" : " as picture in picture")
                        + (corner.find() ? " in the " + corner(corner.group()) : "")
                        + (look.isEmpty() ? "" : ", " + look) + (when.isEmpty() ? "" : ", " + when) + more;
            }
            case POSITION, RANGE -> {
                if (kind == Kind.RANGE && THROUGHOUT.matcher(value).matches() && !before.isEmpty()) {
                    yield "";
                }
                if (before.isEmpty() || NO.matcher(value).matches()) {
                    yield kind == Kind.POSITION && NO.matcher(value).matches() ? "" : part;
                }
                Matcher range = RANGE_VALUE.matcher(value);
                // 位置：底部居中 follows a Chinese request as its own words do
                String added = kind == Kind.POSITION ? (Lexicon.isCjk(value.charAt(0)) ? value : " in the " + value.replace('-', ' '))
                        : range.matches() ? " from " + range.group(1) + " to " + range.group(2) : " at " + value;
                before.set(before.size() - 1, before.getLast() + added);
                yield "";
            }
        };
        return request.isEmpty() ? "" : field.group("marker") + request;
    }

    private static String afterContext(String value) {
        Matcher end = CONTEXT_ENDS.matcher(value);
        return end.find() ? value.substring(end.end()) : "";
    }

    /** An intro or outro card from a figure, for as long as the field says: "figure 1 (3s)", 图1（3秒）. */
    /** A time said in a value: a number with a unit of time, or a clock. */
    private static final Pattern TIME_WORDS = Pattern.compile("\\d+\\s*(?:秒|分|s\\b|secs?\\b|seconds?\\b|min)|\\d{1,2}:\\d{2}");

    /** The part of a value that says a time: the comma-separated piece that holds one ("只在前30秒出现"). */
    private static String timeSaid(String value) {
        // (the figure and the corner taken out of a piece that names them too: "figure 1 bottom left 0:05-0:20")
        return Arrays.stream(value.split("[,，;；]")).map(piece -> CORNER.matcher(FIGURE.matcher(piece).replaceAll(" ")).replaceAll(" ").strip())
                .filter(piece -> TIME_WORDS.matcher(piece).find() && OverlayRules.lookWords(piece).isEmpty())
                .collect(Collectors.joining(", "));
    }

    /** A value's first sentence: what follows it asks for more ("our logo (image 1) for 5 seconds. just mute it"). */
    private static String firstSentence(String value) {
        Matcher end = SENTENCE_END.matcher(value);
        return end.find() ? value.substring(0, end.start()) : value;
    }

    private static String placed(String value, String card, String part) {
        String said = firstSentence(value); // the card; the rest of the value is said after it
        String more = value.substring(said.length());
        Matcher figure = FIGURE.matcher(said);
        if (!figure.find()) {
            return part;
        }
        String seconds = seconds(said.substring(figure.end()));
        return "figure " + figure.group(1) + " as the " + card + (seconds == null ? "" : " for " + seconds + " seconds") + more;
    }

    private static final Pattern PERCENT = Pattern.compile("(\\d{1,3})\\s*%?");
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=\\S)(?:[.;!]\\s+|\\s*[。；！]\\s*)(?=\\S)");

    private static String seconds(String value) {
        Matcher s = SECONDS.matcher(value.toLowerCase(Locale.ROOT));
        return s.find() ? s.group(1) : null;
    }
}
