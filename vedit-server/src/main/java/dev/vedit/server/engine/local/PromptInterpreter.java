package dev.vedit.server.engine.local;

import dev.vedit.server.engine.NeedsGenerativeEngine;
import dev.vedit.server.engine.local.operation.Operation;
import dev.vedit.server.engine.local.operation.Phase;
import dev.vedit.wire.EditOperation;
import dev.vedit.wire.ErrorCode;
import dev.vedit.wire.VeditException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads an English or Chinese prompt into edit operations, deterministically. The prompt is first normalised
 * ({@link PromptNormalizer}: width, case, hyphens, typos, variants to canonical words from the {@link Lexicon}), then
 * split into clauses, and each clause is one of: an instruction the rules understand in full; a description of a
 * problem, which stands for the request that answers it; context (a greeting, a reason, a purpose, a remark), shown in
 * the plan as ignored; or a request that cannot be met, which refuses the whole prompt, naming it and saying why.
 */
final class PromptInterpreter {
    static final String GENERATIVE_ENGINE_EN = "a generative engine (ComfyUI on a GPU)";
    static final String GENERATIVE_ENGINE_ZH = "生成式引擎（GPU 上的 ComfyUI）";
    static final double MIN_SPEED = TimeRules.MIN_SPEED;
    static final double MAX_SPEED = TimeRules.MAX_SPEED;

    private static final char JOINER = '\u0001';
    /**
     * Multi-word terms holding a splitting word ("black and white", "fade in and out", "between 2 and 5 seconds", "key
     * out the green screen and use figure 1 as the background"), protected by joining their words before clauses are
     * split, so they are never cut in two.
     */
    private static final Pattern PROTECTED = Prefilter.guarded(Pattern.compile("black(\\s+)and(\\s+)white|fade(?:s)?\\s+in(\\s+)and(\\s+)out"
            + "|in(\\s+)and(\\s+)out|饱(和)|柔(和)|暖(和)|between\\s+\\S+(?:\\s+(?:seconds?|secs?|s)\\b)?(\\s+)and(\\s+)\\S+|淡入(和)淡出|(和)(?=[^，,]*?(?:之间|的部分))"
            + "|(?:key(?:ed)?\\s+out|remove|chroma[\\s-]?key(?:\\s+out)?)\\s+(?:the\\s+)?(?:green|blue)(?:[\\s-]*screen)?(?:\\s+background)?(?:\\s+out)?"
            + "(\\s+)and(\\s+)(?=(?:then\\s+)?(?:use|put|place|show|add|comp|composite|drop)\\s)"
            + "|fades?\\s+(?:at|to|on)\\s+(?:both\\s+)?(?:the\\s+)?(?:start|beginning)(\\s+)and(\\s+)(?=(?:at\\s+)?(?:the\\s+)?end\\b)|(?:开头|片头)(和)(?=(?:结尾|片尾))|\\b(?:start|begin|beginning)(\\s+)and(\\s+)end\\b"
            // two shapes asked at once, refused whole as two videos: "both a 9:16 for Stories and a 16:9 for YouTube"
            + "|\\ban?\\s+" + FrameRules.SHAPE + "\\b[^,.;]{0,40}?(\\s+)and(\\s+)an?\\s+" + FrameRules.SHAPE + "\\b"
            + "|\\d{1,2}:\\d{1,2}的?(?:版本|一版)(和|跟)(?=(?:一个|一版)?\\d{1,2}:\\d{1,2}的?(?:版本|一版))", Pattern.CASE_INSENSITIVE));
    /**
     * Where a prompt splits into clauses. Some sixty branches: searched as one pattern, each was tried at every
     * position of a prompt (a ninth of reading one); searched apart, only those whose words the prompt holds run.
     */
    static final Alternation SPLIT = Alternation.of(Prefilter.branchSources("\\s*(?:[,;!?\\n，、；。！？]|(?<!\\d):(?!\\s*[\\d\uE000-\uE0FF])|\\.(?!\\d)|\\band\\s+then\\b|\\bthen\\b"
            // (跟 joins two things, but not in 跟拍 "filmed following", 跟练 "follow-along", 跟着 "along")
            + "|(?=:)(?<=\\p{IsHan}):(?!\\s*[\uE000-\uE0FF])|(?=[画声音颜视饱亮对])(?<=[小大暗亮糊抖吵慢快灰艳])(?=(?:画面|声音|音量|颜色|视频|饱和度|亮度|对比度)(?:也|还|又|有点|太|很|好|调|再|加|提|降|减|拉))|(?<=了)(?=\\s*(?:帮我|帮忙|能不能|可不可以|可以|请|麻烦|把|亮度|对比度|饱|音量|声音|调|加|去掉|剪|删|截取|保留|减速|放慢|静音|模糊|锐化|旋转|镜像|翻转|裁剪|倒放|循环|定格|压缩|降噪|防抖))|\\band\\s+also\\b|\\bbut\\b(?=\\s+(?:please\\s+)?(?:don'?t|do\\s+not|never|no\\s+need)\\b)|(?<!\\x01)\\band\\b(?!\\x01)|\\balso\\b|\\bplus\\b|并且|而且|然后|接着|(?=之)(?<![秒钟\\d])之后|同时|以及|另外|还要|(?=再)(?<!这段|那段|这一段|那一段|同一段|这部分|那部分|别|不要|不用)再|并|(?<!\\x01)和(?!\\x01)|(?=跟)(?<![紧脚高])跟(?![拍练着随进踪前风上读唱跳不]))\\s*"
            // a correction said inside a sentence starts a clause: "rotate 90 clockwise sorry counterclockwise", "clip to
            // last 20s nah make it 15", "cut the first 10 seconds oh wait its the first 15"
            + "|(?<=[\\p{L}\\d%])\\s+(?=(?:oh\\s+|no\\s+)?wait\\b(?!\\s+(?:for|until|till|to|a|and)\\b)|sorry\\b(?!\\s+(?:for|about|to|if|i\\s+(?:am|was)|but)\\b)(?=\\s*,?\\s*[\\p{L}\\d])"
            + "|nah\\b|hang\\s+on\\b|or\\s+rather\\b|oops\\b|no\\s+(?=\\d)|i\\s+mean\\b(?!\\s+it\\b)(?=\\s*,?\\s*[\\p{L}\\d]))"
            // …and so does one in Chinese, after a space, a quote, a number or with its interjection: 顶部加标题「小王的一天」不对 是…,
            // 帧率改60哦不对我录的…, 超分到1080p 啊不对 (never 颜色不对, a description)
            + "|(?<=[\\s\\p{IsLatin}\\d%\uE000-\uE0FF])\\s*(?=[诶哎欸呃哦噢啊]?(?:不对(?![称比劲])|说错了|搞错了|打错了|写错了|弄错了|说反了|弄反了|搞反了|反了))"
            + "|(?<=[\\p{IsHan}\\d\\p{IsLatin}%\uE000-\uE0FF])(?=[诶哎欸呃哦噢啊](?:不对(?![称比劲])|说错了|搞错了|打错了|写错了|弄错了))"
            + "|(?<=[\\p{IsLatin}\\d%])\\s+(?=[诶哎欸呃哦噢啊]是)|(?<=%)\\s+(?=\\p{IsHan})"
            // 要2倍速不对3倍速: an amount corrected straight after it
            + "|(?<=\\d(?:倍速?|秒钟?|x|%|度|次|遍))(?=不对(?![称比劲])\\s*(?:是|要|改成|换成)?\\s*[\\d一二两三四五六七八九十])|(?<=\\d(?:倍速?|秒钟?|x|%|度|次|遍)不对)(?=\\s*[\\d一二两三四五六七八九十])"
            // "loop it 5 times actually 3 times": a correction after an amount
            + "|(?<=\\d|\\d\\s?(?:x|s|secs?|seconds?|times|fps|p|%|mb))\\s+(?=actually\\b\\s*,?\\s*[\\p{L}\\d])"
            // 顶部加标题「…」 底部加字幕「…」: a space after the words of a text ends the clause
            + "|(?<=[\uE000-\uE0FF])\\s+(?=(?!显示|持续|停留|放|保持|时长|在|位置|字体|颜色|大小|居中|要|用)\\p{IsHan})"
            + "|(?<=不对|说错了|搞错了|打错了|写错了|弄错了)(?=[\\p{IsHan}\uE000-\uE0FF])|\\s*(?<!\\p{IsLatin})(?=em+(?:\\s|算了|[\\p{IsHan}]))|(?<=算了)(?=[\\p{IsHan}])|(?<=[\uE000-\uE0FF])\\s*(?=(?:改成|换成|改为)\\s*[\uE000-\uE0FF])"
            // a space between Chinese words ends a clause, as WeChat-style writing uses it: 慢放0.5倍 保留原声; so does one
            // after a word in letters before a request (原片是4K 麻烦把分辨率降到1080p), but not after a time (15s-20s 帮我慢放)
            + "|(?=\\s)(?<=\\p{IsHan})\\s+(?=\\p{IsHan})|(?=\\s)(?<=\\p{IsLatin})(?<!\\d(?:s|secs?|sec))\\s+(?=(?:麻烦|帮我|帮忙|请|然后|另外|再把|再给))"
            // and so does one before a word that opens a sentence, or after a sentence's last particle: 换成图1 我没有绿幕,
            // 太长了 trim到前30秒 (never the space in 前 5 秒 or 加速 2倍)
            + "|(?=\\s)(?<=[\\p{IsHan}\\d])\\s+(?=(?:我|帮我|帮忙|请|再|然后|麻烦|能不能|可以|把|给我))|(?=\\s)(?<=[了吧呢啊啦哈])\\s+(?=[a-z])"
            // 0:45到0:50反色 0:50到0:55色相偏移90度: a space before the next part and its edit (never before a part said after its edit)
            + "|(?=\\s)(?<=\\p{IsHan})\\s+(?=(?:从)?(?:\\d{1,2}:\\d{2}|第?\\d+(?:\\.\\d+)?\\s*秒)\\s*(?:到|至|-|~)\\s*(?:\\d{1,2}:\\d{2}|第?\\d+(?:\\.\\d+)?\\s*秒)\\s*(?!的|那段|这段|部分|之间)\\p{IsHan})"
            // run together by voice input: 弄亮一点太暗了, 把前5秒钟去掉前面都是黑的, 发不了微信帮我压缩一下, 加上logo 图片已经发你了
            + "|(?=太|有点|好(?=[暗亮糊吵])|看不清|听不清)(?<=一点|一些)|(?<=听不清|看不清|听不见|看不见|不清楚)(?=能不能|能否|可不可以|可以帮|帮我|帮忙|麻烦)|(?=\\p{IsHan})(?<=秒钟?(?:去掉|删掉|剪掉|删了|不要了))"
            // …and a request glued to the complaint that explains it: 把声音关了小孩太吵了 (静音小孩… read as "the child is quiet")
            + "|(?<=(?:静音|降噪|去噪|锐化|防抖|调亮|调暗|提亮|变亮|变暗|慢放|倒放|模糊)[吧了啊呀]?)(?=(?:小孩|孩子|宝宝|小朋友|大家|观众|背景|旁边|周围|现场|外面|风声?|车声?|狗|声音|音乐|画面|视频|人声|噪音|杂音)"
            + "(?:也|都|还|实在|真的)?(?:太|有点|好|很|特别)?(?:吵|闹|暗|亮|糊|抖|晃|大声|模糊))"
            // …or glued to its amount, the complaint of a thing of its own: 亮度提高百分之十画面太暗了 (read whole, the complaint
            // turned the amount around; "2倍太快了" judges the amount and stays with it)
            + "|(?<=\\d%|\\d倍|一半)(?=(?:颜色|画面|视频|声音|音量|音乐|背景音乐|背景|人声|整体|饱和度|亮度|对比度)(?:也|都|还|实在|真的)?(?:太|有点|好|很|特别|过于)"
            + "(?:艳|暗|亮|糊|抖|吵|慢|快|灰|大|小|闹|响))"
            + "|(?=帮我|帮忙|麻烦|请帮)(?<=(?:很|太|好|特别|有点|得)[多暗亮糊抖吵慢快灰艳闹晃虚重]|厉害)|(?=帮我|帮忙)(?<=了[\\p{IsHan}]{0,4})|(?=\\s)(?<=[a-z0-9])\\s+(?=(?:图片|照片|已经)\\p{IsHan})"
            // 地板你帮我剪掉, 头晕你帮我弄稳一点, 弄稳一点然后弄亮一点: the listener addressed, or "then", opens a request
            + "|(?=(?:你|您)(?:帮|给)我(?!补))(?<=\\p{IsHan})|(?=然后)(?<=\\p{IsHan})|(?=请(?:帮我|帮忙|你))(?<=视频|片子|录像)"
            // a space before a part said in Chinese numbers starts its clause: 前10秒加速2倍 30到40秒放慢到一半
            + "|(?=\\s)(?<=[倍秒次度了吧啊呢])\\s+(?=(?:第|前|后|最后)?\\s*\\d+(?:\\.\\d+)?\\s*(?:秒|到|至|-|~))"
            // a sentence's last particle before the next request: 孙子过生日的视频哈声音大一点呗还有最后那几秒钟不要了
            + "|(?=还有|再|然后|把|帮我|音量|声音|画面|最后|开头|结尾)(?<=[呗嘛哈])"
            // or before an English request after Chinese: 改成竖屏 抖音用 crop the sides
            + "|(?=\\s)(?<=\\p{IsHan})\\s+(?=(?:crop|make|add|keep|cut|remove|turn|put|speed|slow|mute|trim|rotate|flip)\\b)"
            // an amount given as an example ends the clause before it: "zoom in a little like 1.5x" (then read as the zoom's)
            + "|(?=\\s)(?<=\\p{L})(?<!\\b(?:with|of|for|at|in|by|to))\\s+(?=(?:like|maybe|say)\\s+\\d)"
            // a request said as the consequence of what the video is: "it's a music video for a slow song so I want it to fade in"
            // dictated with no stop, a wish after what the video is: "this is for the sports day video um I need it in slow motion"
            + "|(?<=[a-z])\\s+(?=(?:um+\\s+|uh+\\s+)?(?:i|we)\\s+(?:need|want|would\\s+like|'d\\s+like)\\s+(?:it|this|the\\s+(?:video|clip|whole\\s+thing))\\s+(?!to\\b)[a-z])"
            + "|\\s+(?=so\\s+(?:(?:i|we)\\s+(?:want|need|would\\s+like|'d\\s+like)|please|pls|kindly|can\\s+(?:you|u)|could\\s+you"
            // "it starts a bit abruptly so give it a fade in"
            + "|(?:give|add|make|put|cut|trim|fade|slow|speed|mute|brighten|sharpen|stabili[sz]e|rotate|flip|crop)\\s+(?:it|the|a|an|this)\\b"
            // …or the canonical word of an edit alone: "it's grainy so clean up the noise" is "… so denoise"
            + "|(?:denoise|stabili[sz]e|sharpen|mute|reverse|grayscale)(?:\\s+(?:it|the\\s+(?:video|clip|picture|footage)|in\\s+the\\s+picture))?(?=\\s*$|\\s+(?:and|then|please|pls)\\b))\\b)"
            // what a part was, said after the request with no stop: 结尾那八秒不要了那是我在找按钮
            + "|(?<=[了掉吧]|(?:剪掉|删掉|去掉)(?:前|最后|后)?\\d{1,4}(?:\\.\\d{1,3})?秒)(?=(?:那|这)(?:是|里是|段是|会儿)|因为|我在|我们在)"
            // what it is after the request, said with no stop: 超分到1080p吧原来的太糊了, 从第七秒开始吧前面是我在调焦距,
            // 把背景换成图1我房间太乱了, and a correction after an amount's bound: 压缩到十兆以内不对二十兆吧
            + "|(?<=吧)(?=原来的|原片|因为|现在的?|(?:前面|后面|开头|结尾|中间)(?:是|都是|那段是))|(?<=图\\d)(?=我|因为)"
            + "|(?<=以内|以下|之内|左右)(?=不对(?![称比劲]))|(?<=着的|了的|反的|歪的|斜的)(?=帮我|帮忙|麻烦)"
            // the next part of a framing run on: 改成16:9吧两边加黑边就行不要裁, 正方形两边裁掉不要黑边 (read as "crop the sides" in the text)
            + "|(?<=吧)(?=两边|上下|左右)|(?<=就行|就好|就可以)(?=不要|别)|(?<=[\\p{IsHan}\\d])(?=crop the sides)|(?<=crop the sides)(?=\\p{IsHan})"
            // a time, then the video's end named for the next request: 只显示前五秒视频结尾再淡出
            + "|(?<=秒|seconds)(?=视频(?:结尾|开头|最后|片尾))"
            // dictated with no stop, why after an amount: "cut the last four I was fumbling with the phone"
            + "|(?<=\\d|\\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|seconds?|secs?|minutes?|mins?|times|x))"
            + "\\s+(?=(?:i|we|he|she|they)\\s+(?:was|were|am|'m|is|are)\\b|(?:my|our|his|her|their)\\s+[a-z]+\\s+[a-z]+ed\\b|there'?s\\s+(?:a|an|some|this|someone|somebody)\\b(?!\\s+(?:part|bit|moment|scene|section|shot|point|spot|clip)\\b)|there\\s+(?:is|was|are|were)\\s+(?:a|an|some|someone|somebody)\\b(?!\\s+(?:part|bit|moment|scene|section|shot|point|spot|clip)\\b))"
            // …and so does a request after what the video holds: "the choir sang for 15 minutes but kindly keep only the first 5"
            + "|\\s+(?=but\\s+(?:please|pls|kindly|can\\s+(?:you|u)|could\\s+you|(?:i|we)\\s+(?:only\\s+|just\\s+)?(?:want|need|would\\s+like|'d\\s+like))\\b)"
            // a request, a "lol" or a "pls", then whose it is: "reverse it lol my kid wants to see the cake un-eat itself"
            + "|(?=\\s)(?<=\\b(?:lol|lmao|haha|pls|plz|please|thx|ty))\\s+(?=(?:my|our|his|her|their|i|we|she|he|they)\\b)"
            // arrows and pluses between requests ("sepia + vignette", "→ boost it"; dashes are commas by now)
            + "|\\s*(?:→|->|=>|\\+(?=\\s))\\s*"), 0);
    /**
     * A numbered list's marker: "1. trim it 2) mute it", and as Chinese numbers a list, "需求：1. 画面改为黑白；2、静音",
     * "(1)去除噪音；(2)…" (after a colon, a semicolon or a comma, glued to the item: never a decimal, "调整为0.5倍").
     */
    private static final Pattern LIST_MARKER = Pattern.compile("(?:^|(?<=\\s))(?<!(?:figure|fig|image|img|photo|picture|pic|step|part|chapter|scene|version|number|no)\\.?\\s)"
            + "(?:\\d{1,2}|[a-h])[.)]\\s+(?=[\\p{L}\uE000-\uE0FF])" // "…with Figure 2. Same framing": a sentence's end, not an item
            + "|(?:^|(?<=\\n))[ \\t]*\\d{1,2}[.)][ \\t]+(?=\\d)" // "2. 2倍速" on a line of its own: an item that starts with a number
            + "|(?:^|(?<=[\\s:;,，；：、。]))(?:(?:\\d{1,2}[)、]|\\(\\d{1,2}\\))\\s*(?=[\\p{IsHan}\\d])|\\d{1,2}\\.\\s*(?=\\p{IsHan}))");
    /** The place of a list's marker: 2 for "2.", "(2)", "2、" and "b)". */
    private static int listIndex(String marker) {
        String digits = marker.replaceAll("\\D", "");
        if (!digits.isEmpty()) {
            return Integer.parseInt(digits);
        }
        char letter = marker.strip().charAt(0);
        return letter - 'a' + 1;
    }

    /**
     * Words that ask for nothing (beside the lexicon's filler): a clause is understood when nothing else is left of it.
     * One alternative per word, English ones at word boundaries, so a search runs only those a clause holds.
     */
    static final Alternation FILLER = Alternation.of(Stream.concat(Lexicon.alternatives("hi|hello|hey|please|pls|plz|kindly|(?:can|could|may)\\s+(?:i|we)\\s+(?:get|have)|(?:can|could|shall)\\s+we|gimme|give\\s+me|(?:can|could|should)\\s+(?:this|it)\\s+be|but\\s+only|but\\s+just|thanks?\\s+(?:you\\s+)?(?:so|very)\\s+much|thanks\\s+a\\s+lot|can\\s+you|could\\s+you|can\\s+u|could\\s+u|would\\s+you|could\\s+it|can\\s+it|would\\s+it"
            + "|will\\s+you|i\\s+want\\s+you\\s+to|i\\s+want|i'd\\s+like(?:\\s+you\\s+to)?|i\\s+would\\s+like(?:\\s+you\\s+to)?"
            + "|i\\s+need|need|we\\s+need|has\\s+to(?:\\s+be)?|have\\s+to(?:\\s+be)?|needs?\\s+to(?:\\s+be)?|at\\s+least|for\\s+(?:this|the|my)\\s+(?:clip|video)|back\\s+to\\s+back|for\\s+it|throughout|the\\s+whole\\s+time|honestly|frankly|actually|literally|seriously|tbh|to\\s+be\\s+honest|without\\s+(?:any\\s+)?(?:black\\s+)?bars|we\\s+want|let's|let|make|turn|convert|change|apply|give|have|set|play|playback|go|run|put|the|a|an|this"
            + "|that|it's|its|it|video|clip|footage|film|movie|whole|entire|to|into|in|on|at|as|with|of|by|be|look"
            + "|looks|also|just|and|then|effect|filter|version|so|too|now|thanks|thank\\s+you|for\\s+me|me|all|overall"
            + "|^\\s*(?:second|third|fourth|fifth)(?:ly)?\\b|add|apply|use|using|some|bit|little|slightly|style|look|feel|vibe|corner|screen|frame|my|our|finally|first|afterwards"
            + "|after\\s+that|next|lastly|like|shaky|please|colou?rs?|image|picture|thing|whole\\s+thing|everything|overall|a\\s+little|a\\s+bit|is|are|should|must|want|also|both|again|output|final|result|plus|there").stream().map(word -> "\\b(?:" + word + ")\\b"),
            Lexicon.alternatives("你好|您好|谢谢|多谢|请|麻烦|全程|我|(?:当|作为|做|当成)水印|当(?=\\s*$)|[一二三四五六七八九十两\\d]+个字|全片|该|适当地?|适度|家人们|宝子们|姐妹们|兄弟们|yyds|绝绝子|帮忙|帮我|吗|能(?![量不否])|给我|替我|我想要|我想|我要|希望|需要|能不能|可以|能否|整个|视频|画面|影片|片子|整体|一下"
            + "|把|将|让|使得|使|变成|变为|转成|转为|改成|改为|处理成|调成|做成|弄成|效果|色调|风格|模式|的|了|吧|呢|啊|呀|呗|嘛|哦|咯|～|~"
            + "|成|为|也|都|要|一点|一些|这个|那个|它|这段|这条|个|来个|来一个|播放|首先|先|最后|加点|来点|加|滤镜|特效|变得|调得|弄得|只要|只需要|只需|就|风|色彩|颜色|以|加上|添加|一个|进行|处理|同时|再|还|后|里|中|上|下|给|对|用|在|并|和|最终|输出"
            // formal Chinese: 请对视频做防抖处理, 烦请…, 以画中画形式, 循环播放3次后导出
            + "|做|烦请|劳烦|敬请|恳请|导出|即可|形式|方式|操作|另外|另|此外|于|目前|以内|段落|片段|各段"
            // the rest, beside a part kept or edited: "其余删除", "其余保持彩色"
            + "|(?:其余|其他|其它)(?:部分|的)?(?:都|全部)?(?:删除|删掉|去掉|剪掉|不要|保持(?:不变|原样|彩色|原色)?)").stream()).toList(), 0);
    /** One thing in the picture said to be the wrong colour: only a model recolours it alone. */
    private static final String WRONG_COLOUR_THING = "\\b(?:tie|shirt|dress|suit|jacket|hat|cap|shoes?|scarf|car|wall|door|hair|cake|flowers?|bouquet"
            + "|balloons?|curtains?|sofa|couch|uniform)s?\\s+(?:came\\s+out|is|are|was|were|looks?|turned\\s+out)\\s+(?:in\\s+)?(?:the\\s+|a\\s+)?wrong\\s+colou?r";
    private static final Pattern WRONG_COLOUR = Pattern.compile(WRONG_COLOUR_THING);
    /**
     * Edits only a generative model can make. One alternative per top-level branch (each search runs only the
     * branches whose words the text holds): tried over every clause's leftover, the joined pattern was a tenth of a
     * reading.
     */
    static final Alternation GENERATIVE = Alternation.of(Lexicon.alternatives(
            "\\b(?:replace|swap|change|switch|transform)\\b.*\\b(?:clothes|clothing|outfit|shirt|t-shirt|dress|jacket|hoodie|sweater|jumper|jeans|trousers|skirt|blouse|scrubs|uniform|apron|coat|hat|shoes|sneakers|handwriting|writing|signs?"
                    + "|face|faces|person|man|woman|people|character|hair|background(?!\\s+(?:music|sound|audio|noise))|sky|car|object"
                    + "|sedan|suv|truck|van|bus|bike|bicycle|motorbike|motorcycle|boat|house|building|tree|dog|cat|horse|billboard|poster|painting|statue)s?\\b"
                    + "|face[\\s-]?swap|\\bswap\\s+(?:the\\s+)?faces?"
                    // the frame made larger with what was never filmed: "have AI extend the scenery above and below", 让AI把上下补出来
                    + "|\\b(?:ai|generat\\w*)\\b[^,.;]{0,30}?\\b(?:extend|expand|outpaint|fill|invent|paint|draw|continu|generat)\\w*|\\boutpaint\\w*"
                    + "|\\b(?:fill|extend|expand)\\s+(?:in\\s+)?(?:the\\s+)?(?:top|bottom|sides|gaps?|bars?|scenery|background|picture|frame|sky|scene)\\b[^,.;]{0,30}?\\bgenerat\\w*"
                    + "|(?:用|让)ai[^，,。]{0,12}?(?:补|生成|扩展|延伸|填充|画)|像是?竖着拍的|像竖屏拍的"
                    // one thing recoloured, or a thing worn taken off: "the groom's tie came out the wrong colour", "take the mask off"
                    + "|" + WRONG_COLOUR_THING
                    // a thing turned another colour, or given something to wear: "turn the red van white", "give him the hat from pic 2"
                    + "|\\bturn\\s+(?:the|my|his|her|their|our|that|this)\\s+(?:[a-z]+\\s+)?(?:car|van|truck|bus|bike|house|wall|door|shirt|dress|jacket|hat|hair|sky|dog|cat|flowers?)s?"
                    + "(?:\\s+(?:in|at|from)\\s+the\\s+[a-z0-9]+\\s+(?:shot|scene|clip|part|take))?\\s+(?:white|black|red|blue|green|yellow|pink|purple|orange|grey|gray|brown|gold|silver)\\b"
                    // a thing said to be another colour, as a wish or relayed: "the shirt should be red", "wants the car changed to blue"
                    + "|\\b(?:the|my|his|her|their|our|that|this)\\s+(?:[a-z']+\\s+){0,2}(?:shirt|t-shirt|tee|dress|jacket|hoodie|sweater|jumper|top|hat|cap|shoes"
                    + "|sneakers|skirt|coat|uniform|jersey|car|van|truck|wall|walls|door|house|hair|sky|flowers?)s?\\s+(?:should\\s+be|needs?\\s+to\\s+be"
                    + "|has\\s+to\\s+be|must\\s+be|(?:be\\s+)?changed\\s+to|turned|made|to\\s+be)\\s+(?:a\\s+|bright\\s+|dark\\s+|light\\s+)?(?:white|black|red|blue"
                    + "|green|yellow|pink|purple|orange|grey|gray|brown|gold|silver|navy|beige)\\b"
                    + "|\\bgive\\s+(?:him|her|them|the\\s+[a-z]+)\\s+(?:the|a|an|some)\\s+(?:[a-z]+\\s+)?(?:hat|glasses|sunglasses|shirt|jacket|dress|beard|moustache|mustache|wig|crown|scarf|tie|cap)\\b"
                    + "|天空(?:变|换|改)(?:成|为)?|对口型|(?:把|将)?车牌(?:号)?(?:去掉|删掉|抹掉|擦掉|p掉|弄掉|拿掉)"
                    // the mouth made to say other words: "make my mouth match the words in the voiceover"
                    + "|\\b(?:mouth|mouths|lips?|lip\\s+movements?)\\s+(?:to\\s+)?(?:match|sync|line\\s+up\\s+with|move\\s+with)\\b"
                    + "|\\btake\\s+(?:the|his|her|their|my|our|those|these|that)\\s+(?:face\\s+)?(?:masks?|glasses|sunglasses|hats?|caps?|helmets?|scarf|hoods?|jacket|coat)\\s+off\\b"
                    + "|\\b(?:add|insert|put|place|remove|erase|delete|get\\s+rid\\s+of|take\\s+out)\\b.*\\b(?:person|people|man|woman|men"
                    + "|women|object|objects|car|cars|dog|dogs|puppy|cat|cats|kitten|horse|animals?|retriever|dinosaur|robot|tree|trees|pedestrians?|vehicles?"
                    + "|background(?!\\s+(?:music|sound|audio|noise))|hat|glasses|bird|building|sky)\\b"
                    // what is burnt in can only be painted out; adding a logo or text is the local engine's (or not understood)
                    + "|\\b(?:remove|erase|delete|get\\s+rid\\s+of)\\b.*\\b(?:logo|watermark|text|time\\s*stamp|date\\s*stamp|burn(?:ed|t)[\\s-]+in\\s+(?:subtitles?|captions?))\\b"
                    + "|\\b(?:ghibli|anime|manga|oil\\s+painting|watercolou?r|cyberpunk|pixar|disney|van\\s+gogh"
                    + "|claymation|lego|ukiyo|impressionis\\w*|comic)\\b"
                    // a named film's or film-maker's look ("graded like a Wes Anderson film", 王家卫的色调): a style, not a filter
                    + "|\\blike\\s+(?:an?\\s+|the\\s+)?(?:wes\\s+anderson|tarantino|kubrick|nolan|spielberg|wong\\s+kar[\\s-]?wai|fincher|villeneuve|scorsese"
                    + "|tim\\s+burton|michael\\s+bay|zack\\s+snyder|blade\\s+runner|mad\\s+max|the\\s+matrix|matrix|marvel|star\\s+wars|harry\\s+potter|la\\s+la\\s+land|dune)\\b"
                    + "|\\b(?:look|looks|feel|vibe|style|grade|graded|grading)\\s+(?:it\\s+)?(?:a\\s+bit\\s+|more\\s+)?like\\s+(?:an?\\s+|the\\s+)?(?!(?:old|vintage|retro|silent|home|classic|black|b&w|grainy|old[\\s-]school"
                    + "|\\d0s|19\\d0s|super\\s*8|8\\s*mm|16\\s*mm|sepia|noir)\\b)[a-z]+(?:\\s+[a-z]+)?\\s+(?:film|movie|flick)s?\\b"
                    + "|王家卫|韦斯\\s*·?\\s*安德森|诺兰|昆汀|库布里克|斯皮尔伯格|张艺谋|侯孝贤|岩井俊二|是枝裕和|漫威"
                    // …when asked of the video, not when it says when or where it was filmed ("campfire at night", "the
                    // garden in late autumn", "the uluru sunset again", "sunset timelapse")
                    + "|\\b(?:day\\s+to\\s+night|night\\s+to\\s+day|(?<!\\b(?:at|last|one|every|that|this|same)\\s)night(?:time)?(?!\\s+(?:market|shift|club|life|out|game|shoot|footage|video|clip|shot|scene|bus|school|class|run|ride|walk|drive|sky\\s+timelapse))|rain(?:y|ing)?(?!\\s+(?:clip|video|footage|sounds?|shot|recording|ambience))|snow(?:y|ing)?|weather(?!\\s+(?:segment|report|forecast|update|news|map|presenter|bulletin))"
                    + "|(?<!\\bof\\s)(?<!\\bof\\sthe\\s)(?<!\\bthe\\s)(?:sunset|sunrise)(?!\\s+(?:again|timelapse|time-lapse|video|clip|footage|shots?|photos?|views?|cruise|walk|hike|drive))"
                    + "|fog(?:gy)?|storm(?:y)?|(?<!\\bin\\s{1,2}(?:(?:late|early|mid|the)\\s{1,2})?)(?<!\\b(?:last|this|next|that|every|one)\\s{1,2})(?:winter|summer|autumn))\\b"
                    + "|\\b(?:older|younger|age|aging|ageing|smil(?:e|ing)|hair(?:style)?|makeup|beard|expression|wear(?:s|ing)?)\\b|\\blook(?:s|ing)?\\s+(?:old|young)\\b"
                    // someone or something made to move otherwise: "make the dog do a backflip", "have him wave"
                    + "|\\b(?:make|have|let|get)\\s+(?:him|her|them|(?:the|my|our|his|their)\\s+(?!(?:video|clip|footage|picture|image|frame|screen|whole)\\b)[a-z]+(?:\\s+in\\s+the\\s+(?:video|clip))?)\\s+(?:do|dance|jump|run|fly|walk|wave|talk|sing|move|turn\\s+around|look\\s+at|backflip|flip)\\b"
                    // …never a name for the video or a part of it: "make our first dance video black and white"
                    + "(?!\\s+(?:video|clip|footage|part|bit|scene|section|shot|recording|routine|party|recital|number|black|b&w|sepia|grayscale|greyscale|vintage|brighter|darker|louder|quieter|in\\s+slow)\\b)"
                    + "|\\b(?:look|looks|looking)\\s+like\\s+(?:the\\s+)?(?:figure|fig|img|image|picture|photo|reference|pic)\\b"
                    // "make my footage look like that" (a still, a film shown or named before): a reference's look
                    + "|\\b(?:make|get)\\s+(?:it|this|the\\s+(?:video|clip|footage))\\s+look\\s+(?:more\\s+|exactly\\s+|just\\s+)?like\\s+(?:that|this|it)\\b"
                    + "|\\b(?:in\\s+the\\s+style\\s+of|styled?\\s+like|(?:style|restyle|stylize|stylise)\\s+(?:it|this|the\\s+(?:video|clip|footage))\\s+(?:like|after|on))\\s+(?:the\\s+)?(?:figure|image|picture|photo|reference|pic)\\b"
                    + "|(?:像|参考|仿照|模仿|按照|按|照着?)(?:图片?|参考图|照片)\\s*[0-9一二三四五六七八九十]*\\s*(?:的|那个|那张|那种)?(?:风格|画风|样子|色调|一样|那样)"
                    + "|(?:跟|和|同)(?:图片?|参考图|照片)\\s*[0-9一二三四五六七八九十]*\\s*一样的(?:风格|画风)|(?:风格|画风)参考(?:图片?|参考图|照片)"
                    + "|(?:加上?|戴上?|加个)(?:一对|一个|个)?(?:兔耳朵|猫耳朵|兔耳|猫耳|狗耳朵|鹿角|小恶魔角)(?:特效|贴纸)?"
                    + "|(?:让|叫)[^，,]{0,8}?(?:跳舞|跳起舞|跳起来|笑|哭|说话|唱歌|挥手|走路|奔跑|转圈)|人?脸换(?:到|成)|换到[^，,]{0,8}脸上"
                    + "|写错的?[^，,。；]{0,8}?(?:改|换|修)|(?<![a-z])p(?:进|到|上去)|(?<![a-z])p[\\p{IsHan}]{1,4}?(?:进去|上去)|痘痘?|雀斑|皱纹|黑眼圈|眼袋|换脸|换装|长得更?(?:高|壮|大|胖|瘦|茂盛)|看起来更?(?:高|壮|胖|瘦|年轻|老|帅|漂亮|茂盛)|瘦脸|脸瘦|瘦身|变瘦|(?<!(?:text|logo|caption|title|font|words)\\s)\\b(?:look|looks)\\s+(?:twice\\s+as\\s+(?:big|large|crowded)|bigger|larger|taller|thinner|slimmer|fuller|more\\s+crowded)\\b|\\b(?:erase|remove|get\\s+rid\\s+of|take\\s+out)\\s+(?:the\\s+|that\\s+|this\\s+|my\\s+|his\\s+|her\\s+)?(?:[a-z]+\\s+){0,2}?(?:sticker|label|price\\s+tag|tattoo|scar|stain|trash\\s+can|bin|wires?|cables?|power\\s+lines?|pole)s?\\b|换成|替换|换掉|更换|衣服|连衣裙|西装|衬衫|服装(?!店|厂|品牌|公司)|穿着|外套|裙子|发型|头发|年龄|变老|变年轻|表情|化妆(?!教程|视频|课|品)|吉卜力|宫崎骏"
                    + "|动漫|动画风|漫画|油画|水彩|赛博朋克|水墨|梵高|(?:变成|改成|换成|弄成|调成|转成)(?:夜晚|黑夜|晚上|白天|夜景)|(?:白天|晚上|夜晚|黑夜|傍晚|黄昏)(?:改|变|换|调|转)(?:成)?(?:晚上|白天|黑夜|夜晚|黄昏|傍晚|夜景)|雨夜|下雨|雨天|下雪|雪景|天气|日落"
                    + "|(?:添加|加入|加上|移除|去掉|去除|删除|抹去|擦除)(?:一个|一只|一些|画面中的|背景中?的)?(?:人物|行人|人|物体|东西|汽车|车|狗|猫|树|建筑|鸟|帽子|眼镜|水印|logo|字幕|文字)"
                    + "|人物|行人|男人|女人|背景(?![^，,。；]{0,10}?(?:声|音|噪|吵|响|嗡|闹|电话|说话|讲话|聊天|喊|叫|哭))|晚霞|星空|换(?:个)?天空|天空(?:换成|替换)"
                    + "|把(?:画面中的|画面里的|背景中?的|视频里的)?(?:人物|行人|路人|人|车|汽车|狗|猫|树)都?(?:去掉|移除|删除|删掉|抹掉|擦掉|去除)"
                    + "|生成(?:一|几)?(?:只|个|条|朵|群|些)|(?:变不见|变没了?|变消失|消失掉)|加(?:上|一只|一个|一条|一些|一点|只|个|几个|点|些|几朵|一朵|朵|几只|几条|一群)?(?:极光|流星|月亮|圣诞装饰|装饰|圣诞树|灯笼|彩灯|猫|狗|鸟|人|车|树|花|蝴蝶|烟花|气球|彩带|雪花|星星|彩虹|火焰|热气|蒸汽|烟雾|雾气|花瓣|泡泡)"
                    // one thing's colour changed ("make the sky purple", 把车变成红色): a mask of that thing, so a model's work
                    + "|\\b(?:make|turn|paint|colou?r|recolou?r|dye)\\s+(?:[a-z0-9']+\\s+){0,6}?"
                    + "(?:sky|car|cars|dress|shirt|t-shirt|jacket|coat|hair|wall|walls|sea|ocean|water|grass|tree|trees|eyes|lips|flowers?|house|building|shoes|hat|leaves)"
                    + "\\s+(?:to\\s+|into\\s+)?(?:more\\s+|a\\s+bit\\s+|a\\s+little\\s+)?(?:red(?:der)?|orange|yellow(?:er)?|green(?:er)?|blue(?:r)?|purple|violet|pink(?:er)?|black(?:er)?|white(?:r)?|gr[ae]y|brown(?:er)?|gold(?:en)?|silver)\\b"
                    + "|(?:天空|车|汽车|衣服|头发|裙子|墙|墙壁|房子|眼睛|嘴唇|花|草|树|叶子|海|大海|猫|狗)(?:的颜色)?(?:从[\\p{IsHan}]{1,3})?(?:变成|改成|换成|染成|涂成|调成)|加满(?:了)?(?:学生|人|观众|顾客|客人)|加(?:上|一盘|一碗|一份|一些|点)?(?:饺子|菜|食物|水果|家具)|家具|(?:做成|变成|弄成|布置成|装修成)样板间|坐满(?:了)?(?:人|学生|观众)"
                    // someone's thing changed into another: "change the bride's bouquet to pink roses"
                    + "|\\bchange\\s+(?:the\\s+)?[a-z]+'s\\s+(?!(?:speed|volume|colou?rs?|brightness|contrast|saturation|size|resolution|format|aspect|ratio|length|audio|sound|music|voice|title|text|captions?|font)\\b)[a-z]+\\s+(?:to|into|for)\\s+[a-z]"
                    // one thing's colour changed by name: "change the mug color in the video to navy"
                    + "|\\bchange\\s+(?:the|his|her|their|my|our)\\s+(?!(?:video|clip|picture|footage|image|whole|overall|text|caption|title|font|subtitles?|background\\s+music)\\b)[a-z]+(?:'s)?\\s+colou?r\\b"
                    + "|\\bgive\\s+(?:him|her|them|everyone|everybody|the\\s+\\w+)\\s+(?:an?\\s+|some\\s+)?(?:sunglasses|glasses|hats?|beards?|mustaches?|moustaches?|crowns?|masks?|wings|makeup)\\b"
                    // a thing that is not there, added doing something: "add a dragon flying behind the castle", 把桌上的杯子变成花瓶
                    + "|\\b(?:add|insert|put)\\s+(?:a|an|some|two|three|a\\s+few)\\s+(?:[a-z]+\\s+){0,2}?(?!(?:title|text|caption|logo|banner|card|box|bar|border|watermark|subtitle|sticker|arrow|label|image|picture|photo)s?\\s)[a-z]+\\s+(?:flying|walking|running|sitting|standing|swimming|jumping|dancing|floating|falling|driving|crawling|climbing)\\b"
                    + "|加(?:上|了)?(?:几个|一些|一群|些|个|一个|两个|三个)(?:学生|人|观众|顾客|客人|小孩|孩子|路人|行人|演员|模特)"
                    + "|\\b(?:add|insert|put)\\s+(?:a|an|some)\\s+(?:[a-z]+\\s+)?(?:dragons?|unicorns?|monsters?|ghosts?|aliens?|ufos?|spaceships?|sharks?|whales?|lions?|tigers?|bears?|elephants?|monkeys?|penguins?|zombies?|angels?|fairies|fairy)\\b"
                    + "|把(?![^，,。]{0,8}?(?:视频|画面|片子|影片|镜头|录像|屏幕))[^，,。]{0,8}?(?:上|里|中|边|旁)的[\\p{IsHan}]{1,4}?(?:变成|换成)"
                    + "|\\b(?:add|insert|put)\\b.*\\b(?:fireworks|balloons|confetti|butterfl(?:y|ies)|snowflakes|rainbow|flames|fire|explosions?|sunglasses|crowns?|steam|smoke|mist|bubbles|petals)\\b"
                    + "|\\b(?:look|looks)\\s+like\\s+(?:a\\s+|an\\s+)?(?:painting|drawing|illustration)\\b|\\bpainterly\\b"
                    + "|让(?:他|她|他们|她们|人物|人|大家|主角)(?:笑起来|微笑|大笑|哭|眨眼|张嘴|闭眼|笑)"
                    // voices and faces made anew, colour where there was none, one person taken out, one thing's look
                    + "|\\b(?:lip[\\s-]?sync|sync\\s+(?:his|her|their|the)\\s+lips|dub(?:bing|bed)?|colou?ri[sz]e)\\b"
                    + "|\\b(?:remove|erase|delete|get\\s+rid\\s+of|take\\s+out|cut\\s+out)\\s+(?:my|his|her|their|the|that|this)\\s+(?:ex|boyfriend"
                    + "|girlfriend|husband|wife|friend|brother|sister|mom|mum|dad|guy|girl|boy|kid|child|photobomber|stranger|passerby)\\b"
                    + "|\\b(?:make|turn)\\s+(?:the\\s+|his\\s+|her\\s+|their\\s+|my\\s+)?(?:sky|grass|sea|ocean|water|trees?|leaves|dress|shirt|car"
                    + "|hair|wall|walls|eyes|lips|skin|teeth)\\b(?!\\s+(?:shots?|scenes?|clips?|footage|parts?)\\b)"
                    // a body or a face retouched: "make me look thinner", "smooth my skin and whiten my teeth"
                    + "|\\b(?:thinner|slimmer|skinnier|taller|more\\s+muscular|skin(?!\\s+tones?)|teeth|wrinkles?|acne|pimples?|blemish(?:es)?|double\\s+chin)\\b"
                    + "|(?:前男友|前女友|前任|前夫|前妻)(?:都)?(?:去掉|删掉|p掉|抹掉|移除|去除|弄掉|擦掉)"
                    + "|瘦脸|变瘦|瘦一点|瘦点|美白|美颜|磨皮|上色|(?:变|弄|做|改)成彩色|(?<!自己)配音|对口型|p掉|p走|(?:杂物|垃圾|电线|路人)(?:都)?(?:去掉|移除|删掉|清掉|拿掉)"
                    // one thing turned into another, held, worn or taken out of the picture; the frame grown or the clip
                    // continued; a world restyled: what users of generative models ask, said in their words
                    + "|\\b(?:turn|transform|morph)\\s+(?:the|his|her|their|my|our|your|this|that|a|an)\\s+(?!(?:video|clip|footage|picture|image|whole|entire|colou?rs?|sound|audio)\\b)[a-z]+(?:\\s+[a-z]+)?\\s+into\\b"
                    // (never how the camera was held: "I walked around holding the phone")
                    + "|(?<!\\b(?:around|while|walked|walking|running|standing|sitting)\\s)\\b(?:holding|carrying|wearing|riding)\\b(?!\\s+(?:the|my)\\s+(?:phone|camera|gimbal|tripod)\\b)|\\bin\\s+(?:his|her|their|[a-z]+'s)\\s+hands?\\b|\\b(?:erase|remove)\\s+(?:him|her)\\b|\\bblue\\s+sky\\b|蓝天|(?:狗|猫)(?:变|转)(?:成|做)|桌上的[^，,。]{1,10}(?:删掉|去掉|拿掉|移除|p掉)"
                    + "|\\b(?:remove|erase|delete|get\\s+rid\\s+of|take\\s+out|paint\\s+out)\\b.*\\b(?:tourists?|subtitles?|captions?|bins?|trash|garbage|rubbish|wires?|poles?|signs?|crowds?|strangers?|passers-?by|bystanders?)\\b"
                    + "|\\bchange\\s+the\\s+(?:camera\\s+angle|angle|perspective|wall|walls|floor|lighting|text\\s+on|sign|signboard|banner|poster|menu)\\b"
                    + "|\\b(?:zoom\\s+out|reveal\\s+more|extend\\s+the\\s+(?:clip|video|shot|scene|frame|picture|canvas)(?!\\s+to\\s+\\d)|outpaint\\w*|generate\\s+(?:the\\s+)?missing|fill\\s+in\\s+the\\s+(?:sides|edges)"
                    + "|generat\\w*\\s+(?:fill|expand|extend)|ai\\s+(?:fill|expand|extend)|content[\\s-]aware\\s+fill|uncrop|widen\\s+the\\s+(?:shot|frame|view|picture)"
                    + "|extend\\s+the\\s+(?:[a-z]+\\s+){0,2}(?:scenery|background|scene|sky|sides|edges|view)|(?:the\\s+)?rest\\s+of\\s+(?:my|his|her|their)\\s+(?:head|body|face|hair)\\s+back)\\b"
                    // one thing kept in colour, the rest grey (a colour splash): the thing must be found, frame by frame
                    + "|\\bcolou?r\\s+splash\\b|\\bexcept\\s+(?:for\\s+)?(?:the\\s+|her\\s+|his\\s+|my\\s+)?(?:red|yellow|blue|green|pink|purple|orange)\\s+[a-z]+"
                    + "|除了(?![^，,。]*(?:秒|分钟|:|\\d|开头|结尾|片头|片尾|前面|后面|最后|中间))[^，,。]{0,8}(?:红|黄|蓝|绿|紫|粉|橙)色?的[\\p{IsHan}]{1,4}"
                    // frames a model draws between frames, a morph across a cut, one thing's motion apart from the rest
                    + "|\\b(?:frame\\s+interpolation|interpolat\\w*\\s+(?:the\\s+)?(?:missing\\s+)?frames|(?:in[\\s-]?between|intermediate)\\s+frames|optical[\\s-]flow"
                    + "|morph(?:ing)?\\s+(?:transition|cut|effect)|(?:the\\s+)?(?:clouds|water|cars|traffic|people|crowd)\\s+only|(?:only\\s+)?(?:speed\\s+up|slow\\s+down)\\s+(?:only\\s+)?the\\s+(?:clouds|sky|water|cars|traffic|people|crowd|background)\\s+only)\\b"
                    + "|生成中间帧|补帧|插帧|(?:只让|只把|只有)[^，,。]{1,8}(?:快速移动|加速|变快|变慢|慢下来|慢动作)"
                    // the frame grown by a model, burnt-in subtitles painted out: ai扩图, 上下用AI补画面, 把英文字幕去掉
                    + "|(?:ai|智能)\\s*(?:扩图|扩展|补全|补画面|补|填充)|补(?:全)?画面|扩展画面|(?:往外|向外|四周)扩|扩展出来|扩出来|(?:头|脚|头顶|身体|手)补(?:出来|回来|全)|生成[^，,。]{0,8}(?:风景|背景|画面)|(?:原视频|原来|视频)?(?:里|中)?的?(?:英文|中文|原|硬)?字幕(?:都|全)?(?:去掉|删掉|抹掉|擦掉|去除|移除|p掉)"
                    + "|\\b(?:like|into|as|in)\\s+(?:a\\s+|the\\s+)?(?:minecraft|video\\s+game)\\b|\\b(?:minecraft|video\\s+game)[\\s-](?:style|look|version|skin)s?\\b|\\b(?:3d\\s+render(?:ed)?|low[\\s-]?poly|lava|instead\\s+of\\s+water)\\b"
                    + "|(?:删除|删掉|去掉|去除|移除|擦掉|抹掉|清除)[^，,。；;]{0,8}?(?:垃圾桶|路人|游客|电线|杂物|招牌|人群|硬字幕|字幕)"
                    // a look restyled, a face put on someone, an image set moving, an animal or a car added or taken out
                    + "|\\b(?:restyle\\w*|stars|starry|moon(?:light|lit)?)\\b|\\bput\\s+(?:my|his|her|their|a|the)\\s+face\\b"
                    + "|\\b(?:furnished|furnish|furniture|virtual\\s+staging|jersey|hoodie|sweater|uniform|cabinets?|curtains?|sofa|couch)\\b"
                    + "|\\b(?:add|insert|put)\\b.*\\b(?:dancing|characters?|avatars?|mascots?)\\b"
                    + "|嘴型|口型|换个?角度|换个?视角|从(?:正面|背面|侧面|另一[边侧面个])(?:拍|看)|(?:多)?加(?:点|些|一些|几个)(?:商品|货物?|产品)"
                    + "|\\b(?:look|looks|looking)\\s+like\\s+(?:the\\s+)?(?:painting|drawing|illustration|artwork|(?:art\\s+)?style|aesthetic)\\s+(?:in|from|of)\\s+(?:figure|image|picture|photo|pic)\\b"
                    + "|\\b(?:change|swap|clone)\\s+(?:my|his|her|their|the)\\s+voice\\b"
                    // a voice made to say a text: "have an AI voice read it out loud", "text to speech"
                    + "|\\b(?:ai|robot|computer|synthetic|generated)\\s+(?:voice|narrator|narration)|\\btext[\\s-]to[\\s-]speech\\b|\\btts\\b|ai配音|机器(?:人)?配音|语音合成"
                    + "|\\b(?:toned|tanned|abs|biceps|jacked|ripped|swole)\\b|声音变成|变成[^，,。]{0,6}的声音"
                    // twenty-ninth set: a thing shown in another colour, a game's overlay painted out, a mouth made to say
                    // words, someone put into the video
                    + "|\\b(?:show|make|have|paint)\\s+(?:this|the|that|my|our)\\s+[a-z]+\\s+in\\s+(?:red|orange|yellow|green|blue|purple|pink|black|white|gr[ae]y|brown|gold|silver)\\s+instead\\b"
                    + "|\\b(?:remove|erase|delete|get\\s+rid\\s+of|take\\s+out|hide)\\b.*\\b(?:webcam|facecam|cam\\s+overlay|overlay|hud|minimap|health\\s+bars?|killfeed)\\b"
                    + "|(?:血条|ui|界面|小地图|摄像头画面)[^，,。]{0,6}?(?:都)?(?:去掉|删掉|去除|移除|拿掉|p掉)"
                    + "|\\b(?:fill|populate|pack)\\s+(?:the|those|these|all\\s+the|my|our)\\s+(?:[a-z]+\\s+){0,2}?(?:seats?|stands?|rooms?|hall|venue|stadium|streets?|space|sky|background|frame|shelves|shelf|tables?)(?:\\s+(?:behind|in|at|of|on|around)\\s+(?:the\\s+)?[a-z]+)?\\s+with\\b"
                    + "|\\b(?:add|insert|put)\\b.*\\b(?:crowds?|audience|spectators|fans|customers)\\b"
                    + "|\\b(?:remove|erase|delete|get\\s+rid\\s+of|hide|cover\\s+up)\\b.*\\b(?:tattoos?|scars?|birthmarks?|moles?|braces)\\b"
                    + "|冒热气|热气腾腾|(?:去掉|去除|遮住|p掉)[^，,。]{0,6}?(?:纹身|疤|胎记)"
                    // a thing taken out of the picture, whatever it is ("remove the coffee cup from the desk"), where the
                    // words name no time, sound or look of the video: only a model paints it out
                    + "|\\b(?:remove|erase|delete|get\\s+rid\\s+of|take\\s+out|paint\\s+out|rub\\s+out)\\s+(?:the|that|this|those|these|a|an|all\\s+the)\\s+"
                    + "(?!(?:[a-z'-]+\\s+){0,2}?(?:first|last|start|beginning|end|ending|intro|outro|opening|middle|part|parts|bit|bits|section|sections"
                    + "|segment|segments|portion|scene|scenes|shot|shots|clip|clips|video|footage|frame|frames|sound|sounds|audio|noise|noises|music|voice"
                    + "|voices|hiss|hum|buzz|echo|silence|pause|pauses|gap|gaps|colou?rs?|tint|cast|grain|blur|blurriness|shake|shaking|shakiness|flicker"
                    + "|black|bars|borders?|letterbox\\w*|seconds?|secs?|minutes?|moment|moments|rest|stuff|ums?|uhs?|filler|dead\\s+air|awkward|boring"
                    + "|mistakes?|crap|junk|barking|talking|coughing|cough|laughing|crying|ringing|beeping|sneez\\w*|breathing|chatter|wind|traffic|effect|effects"
                    + "|filter|filters|speed|slow|fast|zoom|crop|edit|edits|change|changes|words?|text|caption|captions|title|titles|logo|watermark)\\b)"
                    // (never a thing whose next word a rule took: "get rid of the siren noise" is the noise's removal)
                    + "[a-z'-]+(?:\\s+[a-z'-]+){0,2}(?!\\s{2})(?:\\s+(?:from|in|on|at|by|behind|next\\s+to|near|walking|standing|sitting|lying|left|someone|somebody|that|which|who)\\b.*)?\\s*[?.!]*\\s*$"
                    + "|(?:去掉|删掉|移除|抹掉|擦掉|拿掉|p掉)(?:画面里|画面中|画面上|视频里|桌上|桌子上|地上|墙上|背景里)的?[\\p{IsHan}]{1,6}"
                    + "|(?:做成|弄成|变成|改成|调成)(?:图片?|参考图|照片)\\s*[0-9一二三四五]*\\s*(?:那样|的样子|那种|一样|的风格|那个风格)"
                    + "|换(?:上|成)?(?:一件|件|一套|套|一身|身)?[^，,。]{0,4}?(?:婚纱|衣服|裙子|外套|西装|衬衫|礼服|上衣|t恤|校服|制服|工作服)"
                    + "|(?:头纱|裙子|裙摆|头发|衣服|袖子|胡子)(?:再)?(?:变|弄|改|拉)(?:得)?(?:长|短|大|小|多|少)"
                    + "|\\btake\\s+(?:the\\s+|that\\s+|this\\s+)?[a-z]+(?:\\s+[a-z]+)?\\s+off\\s+(?:the\\s+)?(?:desk|table|counter|shelf|wall|floor|bed|sofa|couch)\\b"
                    + "|\\bmake\\s+the\\s+background\\s+(?:behind\\s+(?:[a-z]+\\s+){1,3})?(?:a|an|into)\\s+[a-z]+"
                    + "|\\btake\\s+(?:the\\s+|that\\s+|this\\s+)?[a-z]+(?:\\s+[a-z]+){0,5}?\\s+out\\s+of\\s+(?:the\\s+)?(?:shot|frame|picture|scene|background|video)\\b"
                    + "|\\b(?:into|in)\\s+the\\s+style\\s+of\\s+(?:the\\s+)?(?:figure|image|picture|photo|pic|reference)\\b|(?:做成|变成|改成|弄成|转成)图\\s*\\d+(?:那种|的)风格|飘雪|下雪(?:的)?效果|飘落|樱花|吉祥物|补帧|插帧|\\b(?:extra|in-?between)\\s+frames\\b|\\bframe\\s+interpolation\\b|\\bisolate\\s+(?:my|the|his|her)\\s+(?:voice|vocals)\\b|人声分离|\\b(?:colou?r\\s+grade|grade)\\s+(?:it\\s+)?like\\s+(?:a\\s+)?[a-z ]{2,30}?\\s+(?:film|movie)s?\\b|错别字|\\b(?:remove|reduce|get\\s+rid\\s+of|cut|kill)\\s+(?:the\\s+)?(?:echo|reverb)\\b|消除回声|去(?:除|掉)?回声|回声消除|去混响|加(?:一杯|一碗|一盘)[\\p{IsHan}]{1,4}|墙(?:壁)?刷成|刷成[\\p{IsHan}]{1,3}色|\\bpower\\s*lines?\\b|卡通人物|会动的[\\p{IsHan}]{1,4}|\\b(?:3d|animated)\\s+[a-z]+"
                    + "|加(?:一对|一副|一顶|一个|个|对|副)?[\\p{IsHan}]{0,4}?(?:翅膀|光环|皇冠|墨镜|胡子|帽子)|下(?:点|些|一点|一场)(?:雪|雨)"
                    + "|\\bput\\s+(?:me|him|her|us|them)\\s+in\\s+front\\s+of\\b|\\binstead\\s+of\\s+(?:my|the|our)\\s+(?:backyard|garden|bedroom|living\\s+room|kitchen|office|room|house)\\b"
                    + "|加(?:一只|一个|一些|个|只|几个|一块)[\\p{IsHan}]{0,4}?(?:蛋糕|礼物|玩具|家具|沙发|桌子|椅子|气球|鲜花|花束)"
                    + "|(?:变成|换成)一(?:只|头|条|匹)[\\p{IsHan}]{1,4}|换(?:一件|一身|件|身|一套|套)[\\p{IsHan}]{0,6}?(?:衣服|旗袍|裙子|外套|西装|礼服|汉服|衬衫|t恤)"
                    + "|\\breplace\\s+(?:the|my|this|that)\\s+(?:[a-z]+\\s+){1,4}?with\\s+(?:a|an|our|my)\\s+[a-z]+"
                    + "|(?:桌上|墙上|地上|画面里|画面中|背景里|背景中)的[\\p{IsHan}]{1,6}(?:去掉|移除|删掉|p掉|拿掉)|加(?:一些|点|一点|些)[\\p{IsHan}]{1,4}?的?(?:雪花|花瓣|彩带|泡泡|星星|烟花|气球)"
                    + "|\\b(?:mouth|lips)\\s+move\\b|\\bmake\\s+(?:him|her|them|it)\\s+(?:say|speak|talk)\\b"
                    + "|\\b(?:add|insert|put)\\s+(?:my|his|her|our|their)\\s+(?:late\\s+)?(?:father|dad|mother|mom|mum|grandma|grandpa|grandmother|grandfather|husband|wife|son|daughter|brother|sister|friend|baby|dog|cat)\\s+(?:in|into)\\b"
                    + "|像(?:图片?|参考图|照片)\\s*[0-9一二三四五六七八九十]*\\s*(?:那种|这种|那样的|一样的)[^，,。]{0,6}?(?:风格|画风|效果|感觉|样子)"
                    + "|(?:弹幕|评论)[^，,。]{0,6}?(?:去掉|删掉|去除|移除)|皮肤(?:白|美白|光滑|变白)|瘦个?脸|(?:价格牌|价格标签|招牌|牌子|标牌|价签)[^，,。]{0,4}改成"
                    + "|生成[^，,。]{0,12}视频|试穿"
                    + "|动起来|加(?:一|几|两)?(?:只|头|匹)|(?:人|车|狗|猫|电线杆|垃圾桶|招牌)(?:都|也)?(?:去掉|移除|删除|删掉|抹掉|擦掉|去除|p掉)"
                    + "|穿上|戴上|戴一副|戴个|戴一顶|放到(?:她|他|它)?手上|手里拿着|拿着|举着|让[^，,。]{0,8}?(?:摇尾巴|转头|回头|看向|点头|眨眼|飞起来|跑起来)|蓝天白云|换(?:个|成)?蓝天"
                    // a defect or a game's overlay painted out, one thing recoloured, someone made younger, a crowd grown
                    + "|\\b(?:remove|erase|delete|get\\s+rid\\s+of|take\\s+out|paint\\s+out|hide|cover\\s+up)\\b.*\\b(?:dents?|scratch(?:es)?"
                    + "|scuffs?|scrapes?|stains?|cracks?|rust|blemish(?:es)?|nameplates?|name\\s+tags?|usernames?|hud|health\\s+bars?|kill\\s*feed|minimap"
                    + "|crosshairs?|reflections?|boom(?:\\s+mic)?|tripods?|light\\s+stands?|(?:mic|microphone)\\s+(?:stand|boom|pole)"
                    + "|(?:mic|microphone|cables?|wires?)\\s+(?:poking\\s+)?(?:in|at|on|into)\\s+(?:the\\s+)?(?:shot|frame|top|bottom|corner|picture))\\b"
                    + "|\\btake\\s+(?:the|that|this|a)\\s+[a-z]+\\s+out\\s+of\\s+(?:the\\s+)?(?:shot|frame|picture|video|scene)\\b"
                    + "|(?:水印|台标|logo|标志)[^，,。]{0,4}?(?:去掉|删掉|去除|抹掉|p掉|擦掉|弄掉|拿掉)"
                    // someone taken out of the picture, a name on a badge changed, clothes changed from scene to scene
                    + "|\\b(?:take|get|cut)\\s+(?:him|her|them|that\\s+guy|the\\s+guy|this\\s+guy)\\s+out\\s+of\\s+(?:the\\s+)?(?:video|shot|frame|picture|clip)\\b"
                    + "|\\bchange\\s+the\\s+(?:name|text|writing|words)\\s+on\\b|\\b(?:clothes|outfits?)\\s+(?:be|look)\\s+different\\b"
                    + "|(?:把|将)?[^，,。]{0,8}?(?:外卖盒|垃圾|杂物|纸巾|瓶子|盒子|袋子)[^，,。]{0,2}?(?:去掉|删掉|拿掉|p掉|抹掉)"
                    + "|\\b(?:crowd|audience|stands|stadium)\\b.*\\b(?:look|looks|seem|seems)\\s+(?:fuller|bigger|larger|packed|busier)\\b"
                    + "|(?:划痕|凹痕|刮痕|刮花|掉漆|污渍|锈迹|裂缝|裂痕|瑕疵|凹陷)[^，,。]{0,6}?(?:去掉|去除|修掉|修复|p掉|抹掉|弄掉|消除|处理掉)"
                    + "|[\\p{IsHan}]{1,4}(?<!画面|视频|整体|整个|字幕|文字|标题|字|色调|把|将|给|都|调)(?<!画面的|视频的|视频里的|画面里的|整体的|整个的|片子的)颜色(?:改成|换成|变成|染成|涂成)(?!黑白|灰|暖|冷|复古|怀旧|鲜艳)"
                    + "|(?:看起来|显得|变得)?更?年轻(?:一点|一些|点|些|十岁|几岁)|显年轻|(?:人|观众)再?多一?(?:点|些)"
                    + "|(?:加|放|摆)(?:点|些|一些|几件|几个)?(?:家具|家电|沙发|桌子|椅子|绿植|盆栽|装饰品?)"
                    // a painting's style, a kit recoloured, a face made rested, an animal made to talk, a goal that was missed
                    + "|\\b(?:look|looks|looking)\\s+like\\s+(?:the|this|my|that)\\s+(?:painting|artwork|drawing|illustration|sketch)\\b|\\bbrush\\s?strokes?\\b"
                    + "|\\b(?:the|their|his|her|our|team'?s?|opposition'?s?|other\\s+team'?s?)\\s+(?:[a-z']+\\s+)?(?:kits?|bibs?|uniforms?)\\b.*\\b(?:red|orange|yellow|green|blue|purple|pink|black|white|gr[ae]y|colou?r)\\b"
                    + "|\\beye\\s*bags\\b|\\bbags\\s+under\\b|\\bdark\\s+circles\\b|\\blook\\s+(?:less\\s+tired|more\\s+(?:awake|rested))\\b"
                    + "|\\b(?:make|have|let|get)\\s+(?:him|her|them|it|(?:the|my|our|his|her|their)\\s+[a-z]+)\\s+(?:say|speak|talk|sing)\\b"
                    + "|\\badd\\s+(?:the|a)\\s+(?:ball|puck|goal|shot|bird|plane|rocket|dog|cat)\\s+(?:going|flying|falling|bouncing)\\s+(?:into|in|over|through)\\b"
                    + "|(?<![0-9a-z])p成(?!品)|重画|重新画|照着图\\s*\\d+\\s*的?(?:画风|风格)|(?:开口)?说人话|开口说话|(?:让|叫)[^，,。]{0,6}?说话"
                    // ninety-second and ninety-third sets: light made anew, footage that was never shot, words put in a
                    // mouth, eyes opened, a thing from a figure set on a table, a thing in the picture swapped for one
                    // in a figure, the weather made fine
                    + "|重新打光|(?:给|帮)[^，,。]{0,4}脸补(?:个|一下|点)?光|(?:整|弄|搞)到?(?:佢|他|她)笑"
                    + "|\\brelight(?:s|ed|ing)?\\b|\\bstudio\\s+light(?:ing)?\\b|\\blight(?:ing)?\\s+(?:is\\s+)?(?:hitting|coming\\s+from|falling\\s+on)\\b"
                    + "|\\bgenerat(?:e|es|ed|ing)\\b(?!\\s+(?:(?:the\\s+|some\\s+)?(?:subtitles?|captions?|a\\s+transcript|a\\s+thumbnail|a\\s+preview|a\\s+gif)\\b))|续写|续拍|(?:往后|后面|再)(?:续|生成)"
                    + "|\\b(?:change|fix|redo)\\s+what\\s+(?:he|she|they|i|we|[a-z]+)\\s+(?:says|said|say)\\b|\\bso\\s+(?:that\\s+)?(?:he|she|they)\\s+(?:says|said)\\b"
                    + "|说的话(?:改|换)|(?:嘴里|嘴上|口播)[^，,。]{0,4}?说成|(?:我|他|她|他们|我们)说的[^，,。]{0,8}?(?:改成|换成|改为)|(?:那|这|最后|最后一|第一|开头那)句话?(?:改成|换成|改为)|睁开眼|睁眼|\\b(?:open|close)\\s+(?:his|her|their|my)\\s+eyes\\b"
                    + "|(?:改|变|换)成(?:大)?(?:晴天|阴天|蓝天白云)|用\\s*ai(?=\\s*(?:把|将|给|帮|生成|做|变))|变成穿"
                    + "|加(?:一个|一只|一瓶|一杯|一盒|个|只|瓶|杯|盒)图\\s*\\d\\s*(?:里|中|上)的"
                    + "|\\breplace\\s+(?:the|that|this|my|his|her|their|our)\\s+(?:[a-z]+\\s+)?(?:cup|mug|bottle|can|glass|phone|laptop|box|bag|plate|bowl|vase|lamp|chair|table|desk|product|package|sign|book)s?\\b"
                    // the hundred-and-second set: a voice changed, and one sound taken from the others (the local engine
                    // has the mixed track only: louder, quieter, cleaned of a steady noise, or silent)
                    + "|\\b(?:make|change)\\s+(?:my|his|her|their|the)\\s+voices?\\s+(?:sound\\s+)?(?:deeper|higher|lower|younger|older|robotic|like)\\b"
                    + "|\\bdeepen\\s+(?:my|his|her|their|the)\\s+voices?\\b|\\bmake\\s+(?:me|him|her|them)\\s+sound\\s+like\\b|\\bauto[\\s-]?tune\\b|\\bpitch[\\s-]?correct(?:ion|ed)?\\b|\\bvoice\\s+changer\\b"
                    + "|\\b(?:isolate|extract|separate)\\s+(?:just\\s+|only\\s+)?(?:the\\s+|my\\s+|his\\s+|her\\s+|their\\s+)?(?:voices?|vocals?|speech|dialogue|talking)\\b"
                    + "|\\bkeep\\s+(?:only|just)\\s+the\\s+(?:vocals?|voices?|singing|talking|speech|dialogue)\\b"
                    + "|\\b(?:remove|cut|get\\s+rid\\s+of|take\\s+out|lower|turn\\s+down|mute|kill|drop|reduce)\\s+(?:the\\s+)?(?:background\\s+)?(?:music|song|bgm|instrumental|guitar|piano|drums)\\b"
                    + "[^.;]*\\b(?:keep|keeping|leave|leaving|under|voices?|vocals?|talking|speech|dialogue)\\b"
                    + "|\\bremove\\s+(?:my\\s+|his\\s+|her\\s+|the\\s+)?[a-z]+'s\\s+voice\\b|\\bmake\\s+(?:me|him|her|them)\\s+say\\b"
                    + "|变声|变成(?:男|女|童|萝莉|大叔|机器人)声|(?:男|女)声(?:变|改)成|声音变(?:粗|细|低沉|尖)|修音|修个音|自动调音|提取人声|人声提取|把人声提取出来|只(?:要|留|保留)人声|伴奏不要"
                    + "|(?:狗叫声|猫叫声|鸟叫声|哭声|咳嗽声)(?:去掉|删掉|消掉|消除|去除)|去掉一个人的声音"
                    // one sound taken out of a mix, a voice made or changed, footage or music invented
                    + "|(?:鼓声|鼓点|伴奏|吉他声?|钢琴声?|贝斯)(?:都|也)?(?:去掉|去除|消掉|删掉|拿掉)|(?:去掉|去除|消掉|删掉|拿掉)(?:鼓声|鼓点|伴奏)|只要清唱|只留旋律"
                    + "|克隆[^，,。]{0,4}声音|声音克隆|(?:改成|换成)说|变成[\\p{IsHan}]{1,6}的声|ai生成|ai配乐|ai作曲|硬字幕[^，,。]{0,6}?(?:擦掉|去掉|抹掉|去除|删掉)|(?:擦掉|抹掉|去掉|去除)硬字幕|(?:往后|后面|接着|继续)(?:再)?(?:生成|编|续)|接着编|(?<!ai)生成\\s*\\d+(?:\\.\\d+)?\\s*秒"
                    + "|\\bremove\\s+(?:just|only)\\s+the\\s+(?:[a-z]+'s\\s+)?(?:bark(?:ing)?|cough(?:ing)?|sneeze|siren|horn|drums?|guitar|piano|bass)\\b"
                    + "|(?:去掉|去除|消除|抹掉|删掉|擦掉|去)[^，,。]{0,10}?(?:别人|原来|原有|视频里|画面里|右下角|左下角|右上角|左上角|角落|上面|下面)的?(?:水印|台标)"
                    + "|\\b(?:compose|write|generate|create|make)\\s+(?:me\\s+)?(?:a|an|some|my)?\\s*(?:(?:short|little|catchy|upbeat|original|new|custom|fun)\\s+)*(?:jingle|song|tune|melody|soundtrack|theme\\s+music)\\b"
                    + "|\\bmotion\\s+interpolat\\w*|\\bmake\\s+it\\s+look\\s+like\\s+[^,.;?!]{3,60}?\\binstead\\s+of\\b"), 0);
    private static final Pattern IMAGE_REFERENCE = Prefilter.guarded(Pattern.compile(
            "\\b(?:figure|fig\\.?|image|picture|photo|img|reference)\\s*#?\\s*(?<n>\\d+|one|two|three|four|five|six|seven"
                    + "|eight|nine|ten)\\b"
                    + "|\\b(?<ord>first|second|third|fourth|fifth|sixth|seventh|eighth)\\s+(?:reference\\s+)?(?:image"
                    + "|picture|photo|figure)\\b"
                    // not the 图 of 截图 (a screenshot) nor a 二维码 (QR code): 方便家长截图二维码; nor 像老照片一样 (like an old photo)
                    + "|(?:图片|图像|照片|(?<!截)图)\\s*(?<cn>\\d+|[一二三四五六七八九十]++(?!维|样|般|起|直|下|些|点|定|遍|次))"
                    + "|第\\s*(?<cn2>\\d+|[一二三四五六七八九十]+)\\s*(?:张|幅)"));
    /** A clause that gives an example of the edit before it ("..., like half the speed", "……比如两倍速"). */
    private static final Pattern ELABORATION = Pattern.compile("\\s*(?:like|say|maybe|about|around|roughly|e\\.g\\.?|i\\.e\\.?|比如|例如|大概|大约|差不多)\\b",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CHARACTER_CLASS);
    /** Words that describe a problem rather than ask for an edit ("too dark", "有点抖"). */
    private static final Pattern COMPLAINT = Prefilter.guarded(Pattern.compile("\\btoo\\b|\\bso\\s+(?:dark|bright|loud|quiet|shaky)|underexposed|overexposed|太|有点|有些",
            Pattern.CASE_INSENSITIVE));
    /** Words that say how much ("2x", "double", "half", "两倍"); "一点"/"一些" only say "a little". */
    private static final Pattern QUANTITY = Pattern.compile("\\d|\\b(?:one|two|three|four|five|six|seven|eight|nine|ten|half|double|twice"
            + "|thrice|triple|quadruple|quarter|percent)\\b|[零〇一二两三四五六七八九十百半倍%]");
    /** A clause that is only an amount with its unit ("三秒", "2 seconds", "1.5x"). */
    private static final Pattern BARE_AMOUNT = Pattern.compile("(?:\\d+(?:\\.\\d+)?|[零一二两三四五六七八九十百半]+)\\s*(?:秒钟?|seconds?|secs?|s|x|×|倍|%|percent|times|次|遍|levels?|colou?rs?|级|阶)");
    private static final Pattern DECIMAL_ALONE = Pattern.compile("(\\d*\\.\\d+)\\s*[.!]*");
    private static final Pattern SLIGHTLY = Pattern.compile("\\b" + Rule.SLIGHTLY + "\\b");
    private static final Pattern SLIGHT_WORDS = Pattern.compile("一点点?|一些|一下");
    private static final List<String> ORDINALS =
            List.of("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth");

    /** A description ("it looks fuzzy", "the audio is way too loud", "画面有点暗"): its subject, then a copula. */
    private static final String DESCRIPTION_LEAD = "^(?<lead>(?:[\\p{L}\\p{N}'.:]+\\s+){0,5}?[\\p{L}]+(?:\\s+(?:from|between)\\s+[\\d:.]+s?\\s+(?:to|and|-)\\s+[\\d:.]+s?)?)";
    private static final String DESCRIPTION_VERB = "\\s+(?:is|are|was|were|looks|looked|seems|seemed|feels|felt|sounds|sounded|appears|got|gets|has|have|had"
            + "|happens|happened|occurs|occurred|starts|started|begins|began|ends|ended|comes|came|reads|drowns|makes|hums|buzzes|hisses|whines|rattles)\\b(?!\\s+(?:to|got\\s+to)\\b)"
            + "|(?<=[a-z]s|they)\\s+(?:look|seem|feel)\\b";
    private static final Pattern DESCRIPTION = Pattern.compile(DESCRIPTION_LEAD + "(?<copula>'s\\b|" + DESCRIPTION_VERB + ")"
                    + "|^(?:way\\s+|far\\s+|much\\s+|just\\s+)?(?:too|so|kinda|kind\\s+of)\\s+(?!(?:please|pls|can|could|would|will|make|let|just|you|i|we|it|that|then|now|the|do)\\b)\\p{L}",
            Pattern.UNICODE_CHARACTER_CLASS);
    /** {@link #DESCRIPTION} with a verb: "the guy's voice has a hiss" is not "the guy is …". */
    private static final Pattern DESCRIPTION_WITH_VERB = Pattern.compile(DESCRIPTION_LEAD + "(?<copula>" + DESCRIPTION_VERB + ")",
            Pattern.UNICODE_CHARACTER_CLASS);
    /** A request asked inside a clause that opens as a telling: "my son is frowning in every clip can you make him smile". */
    private static final Pattern ASKED_WITHIN = Pattern.compile("\\b(?:can|could|would|will)\\s+(?:you|u)\\b|\\b(?:please|pls|plz)\\b");
    /** A past or perfect negation: "half the guests didn't sign release forms" tells, never asks ("don't" may ask). */
    private static final Pattern TELLS = Prefilter.guarded(Pattern.compile("(?<=\\S\\s)(?:can't|cannot)\\b|\\b(?:didn't|did\\s+not|wasn't|weren't|hasn't|haven't|hadn't|couldn't|aren't|isn't|(?:don't|doesn't|do\\s+not|does\\s+not)\\s+have)\\b"));
    /** "increase the brightness and contrast", "把亮度和对比度都调高": one verb for two adjustments is said for each. */
    private static final Pattern SHARED_VERB_EN = Pattern.compile("\\b(increase|raise|boost|lower|reduce|decrease|bump\\s+up|crank\\s+up|turn\\s+up|turn\\s+down)"
            // each with its own amount or none: "bump contrast 20% and saturation 15%"
            + "\\s+(?:the\\s+)?(brightness|contrast|saturation|volume)(\\s+(?:by\\s+)?\\d+(?:\\.\\d+)?\\s*%)?\\s+(?:and|&)\\s+(?:the\\s+)?"
            + "(brightness|contrast|saturation|volume)\\b(\\s+(?:by\\s+)?\\d+(?:\\.\\d+)?\\s*%)?");
    private static final Pattern SHARED_VERB_ZH = Pattern.compile("(?:把)?(亮度|对比度|饱和度|音量)(?:和|跟|与|以及|、)(亮度|对比度|饱和度|音量)(?:都|也)?"
            + "((?:稍微)?(?:调高|提高|增加|加大|调低|降低|减少|减小|调大|调小|提升)(?:一点|一些)?)");
    /**
     * "cut the first 5 seconds and the last 3", 剪掉前5秒和后3秒: one cut verb for both ends. Read apart, the second
     * clause has no verb and "the last 3 seconds" alone keeps them: the opposite of what was asked.
     */
    private static final Pattern SHARED_CUT_EN = Pattern.compile("\\b(cut(?:\\s+off)?|remove|delete|drop|trim(?:\\s+off)?|chop\\s+off|get\\s+rid\\s+of|lose|skip)"
            + "\\s+(?:the\\s+)?(first|last|final|opening|closing)\\s+(" + Numbers.PATTERN + ")(\\s*(?:seconds?|secs?|s\\b))?\\s+(?:and|&)(?:\\s+also)?\\s+(?:the\\s+)?"
            + "(first|last|final|opening|closing)\\s+(" + Numbers.PATTERN + ")(\\s*(?:seconds?|secs?|s\\b))?", Pattern.CASE_INSENSITIVE);
    private static final Pattern SHARED_CUT_ZH = Pattern.compile("(剪掉|删掉|删除|去掉|去除|剪去|切掉|裁掉|砍掉|切除|剪除)(?:视频的?)?(?:前|开头)\\s*("
            + Numbers.PATTERN + ")\\s*(?:秒钟?)?(?:和|跟|与|以及|及|、|，|,)(?:视频的?)?(?:后|最后|结尾)\\s*(" + Numbers.PATTERN + ")\\s*(?:秒钟?)?"
            // (never when the last seconds have a verb of their own: 剪掉前10秒，最后3秒也剪了, …最后3秒保留)
            + "(?![\\d.]|\\s*(?:秒钟?)?\\s*(?:也|都|就|再)?\\s*(?:剪|删|去|切|裁|砍|不要|保留|留|慢|快|加|调|静音|变|放|倒|定格|淡))");
    /**
     * "remove the first and last 2 seconds", "trim 2 seconds from both ends", 首尾各剪掉2秒: one length cut from each end,
     * said once. Written out as the two cuts it is, as {@link #SHARED_CUT_EN} does.
     */
    private static final Pattern BOTH_ENDS_EN = Pattern.compile("\\b(cut(?:\\s+off)?|remove|delete|drop|trim(?:\\s+off)?|chop\\s+off|get\\s+rid\\s+of|lose|skip|shave(?:\\s+off)?)\\s+"
            + "(?:(?:the\\s+)?(?:first|opening)\\s+and\\s+(?:the\\s+)?(?:last|final|closing)\\s+(?<n>" + Numbers.PATTERN + ")(?<unit>\\s*(?:seconds?|secs?|s\\b))?"
            + "|(?<n2>" + Numbers.PATTERN + ")(?<unit2>\\s*(?:seconds?|secs?|s\\b))?\\s+(?:off\\s+|from\\s+)(?:of\\s+)?(?:both\\s+ends|each\\s+end"
            + "|(?:the\\s+)?(?:start|beginning)\\s+and\\s+(?:the\\s+)?end)(?:\\s+of\\s+(?:the\\s+|this\\s+)?(?:video|clip|footage))?)", Pattern.CASE_INSENSITIVE);
    private static final Pattern BOTH_ENDS_ZH = Pattern.compile("(?:(剪掉|删掉|删除|去掉|去除|剪去|切掉|裁掉)(?:视频的?)?(?:首尾|头尾|开头和结尾|前后)各\\s*(" + Numbers.PATTERN + ")\\s*秒钟?"
            + "|(?:视频的?)?(?:首尾|头尾|开头和结尾|前后)各(剪掉|删掉|删除|去掉|去除|剪去|切掉|裁掉)\\s*(" + Numbers.PATTERN + ")\\s*秒钟?)");
    private static final Pattern ZH_DESCRIPTION = Prefilter.guarded(Pattern.compile("(?<![变弄改成得要])(?<!(?<!色)调)偏[冷暖](?!一点|一些|点|些)|是反的|反了|是倒过来的|发黄|发蓝|发青|发绿|发红|偏黄|偏蓝|偏绿|偏红|发灰|发白|过曝|欠曝|曝光过度|噪点(?:也|都|还)(?:很|好|太|比较|特别)?多|噪点(?:很|好|太|特别)?多|都不(?=鲜艳|清楚|清晰|亮)|不够(?=鲜艳|清楚|清晰|亮|暗|响)|是倒着的(?!放)|是镜像的?|倒过来了|颠倒了|不够黑|失焦|发虚|太|有点|有些|过于|一直(?!都?(?:显示|出现|挂着|留着))|得厉害|得很|看起来|看着|感觉|好像|忽大忽小|时大时小|忽高忽低|时高时低|(?<=风声)呼呼|(?<=音量|声音)偏(?:小|大|低|高)|有的地方|有些地方|一会儿?大一会儿?小|听不清|听不见|看不清|耳朵不好|耳背|听力不好|(?:有|全是|都是)(?:[^,，。]{0,6}的)?(?=电流声|杂音|噪音|底噪|嗡嗡声|风声|回音|水印|台标|嘶嘶声|沙沙声|滋滋声)|好(?=[大多暗亮吵嘈抖糊慢快])|(?<=声|音|噪|画面)很(?=[大多暗亮吵嘈抖糊慢快响])|(?<=画面|视频|镜头|片子|声音|手)(?:抖|晃|糊|虚|暗|灰|吵)(?![一点些])|(?<=秒)是(?=我|在|他|她|黑|空)|嫌(?=[\\p{IsHan}]{1,8}(?:低|高|小|大|暗|亮|慢|快|长|短|糊|抖|吵|差))"));
    /** Chinese units of what no edit measures: money, weight, length, age, people, tables, items, episodes. */
    private static final String NOT_AN_EDIT_UNIT = "元|块|毛钱|克|千克|公斤|斤|吨|米|公里|千米|厘米|毫米|岁|周岁|届|人|位|桌|名|个月|个钟头|年|天|寸|英寸|键|层|楼|万|千|亿|号|期|集|碗|杯|瓶|件|套|台|条|只|头";
    /**
     * Words that limit an edit to part of the video or the frame: a clause holding one is never mere context. A number
     * is one alone or with a unit, not one that names a thing ("for 14 Maple Ct", "my BIO 201 students"), counts what no
     * edit measures (人均68, 658克, 11个月, 6桌, 32人) or is a score, a date or a version ("we won 3-1", "launching 3/14", "v3.2").
     */
    private static final Pattern SCOPE = Pattern.compile("(?<![\\d.\\p{IsLatin}]|\\d[-/]|[¥￥$]|人均|售价|价格|价值|定价|原价|现价)\\d++(?:[.:,]\\d++)*+"
            + "(?:\\s*(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|frames?|fps|x|p|k)\\b|\\s*%"
            + "|(?!\\s*(?:\\p{IsLatin}|[-/]\\d|" + NOT_AN_EDIT_UNIT + ")))|\\b(?:first|last|part|half|only|seconds?|beginning|end|start|middle|left|right|top|bottom"
            + "|corner|duration|chorus|verse|solo)\\b|前|后|开头|结尾|部分|秒|左|右|角");
    /** A length or a point in time: in a purpose ("so it's under 30 seconds") it is a demand, not context. */
    private static final Pattern DURATION = Pattern.compile("\\d\\s*(?:seconds?|secs?|s|minutes?|mins?|m|frames?|fps)\\b|\\d+:\\d{2}|\\d\\s*(?:秒|分钟|帧)"
            + "|[一二两三四五六七八九十百]+\\s*(?:秒|分钟)", Pattern.CASE_INSENSITIVE);
    /** Separators that join two halves of one request ("make it darker and moodier"): the second is never context. */
    private static final Pattern JOINING = Pattern.compile("\\band\\b|\\bplus\\b|\\balso\\b|和|并|而且|以及|跟");
    /** Where a sentence may end inside a clause with no punctuation (dictation), and how the next may start. */
    private static final Pattern RUN_ON_SPACE = Pattern.compile("(?<=\\p{L})\\s+(?=\\p{L})|(?<=\\d)\\s+(?=\\p{IsHan})|(?<=\\d)\\s+(?=(?:my|his|her|our|their|i|we|he|she|they)\\s)|(?<=\\p{IsHan})\\s+(?=\\d)|(?<=\\d)\\s+(?=(?:it'?s|there'?s|theres|thats|that'?s)\\s)");
    private static final Pattern SENTENCE_START = Pattern.compile("(?:it's|it\\s+(?:is|was|looks)|its|there's|theres|there\\s+(?:is|are|was)"
            + "|that's|thats|this\\s+is|i|i'm|im|you\\s+can|nobody|no\\s+one|everything\\s+(?:is|looks)|my\\s+\\p{L}+\\s+(?:is|are|was|swore|swears|cursed|said|says|shouted|yelled|sneezed|coughed|burped|walked|dropped|fell)"
            + "|the\\s+\\p{L}+\\s+(?:is|are|was|looks|sounds)|the\\s+(?:\\p{L}+\\s+)?\\p{L}+\\s+(?:only\\s+)?(?:rejects|accepts|takes|allows|needs|wants|requires|won't|can't|doesn't|has|want|need)"
            + "|some\\s+(?:parts?|bits?|places|spots|scenes)\\s+(?:are|is))\\b");
    /** "make it smaller", said of the file after its size was named (alone it may ask for a smaller picture). */
    private static final Pattern SMALLER = Pattern.compile("\\s*(?:(?:can|could|would)\\s+(?:you|u)\\s+)?(?:please\\s+|pls\\s+)?(?:make|get)\\s+(?:it|the\\s+file|this)"
            + "\\s+(?:a\\s+(?:bit|little|lot)\\s+)?smaller(?:\\s+please)?\\s*|\\s*(?:帮我|请)?(?:弄|变|搞)小一?[点些]\\s*");
    /** Footage named by what is wrong with it, and nothing else: "grainy footage", "super shaky video". */
    private static final Pattern PROBLEM_NAMED = Pattern.compile("\\s*(?:(?:very|really|super|so|kinda)\\s+)?\\p{L}+(?:[\\s-]out)?\\s+(?:footage|video|clip|vid|recording)\\s*");
    /** One to three words in letters, nothing else: a look said after "+" or "and" ("bw + slow"). */
    private static final Pattern LATIN_WORDS = Pattern.compile("\\s*[a-z]+(?:\\s+[a-z]+){0,2}\\s*");
    /** When what was just placed shows, said after it: 第10秒到第20秒显示, 只在10到20秒出现. */
    private static final Pattern SHOWN_ZH = Pattern.compile("\\s*(?:只)?(?:在)?(?<range>[^，,。；;]{2,24}?)(?:之间)?(?:才)?(?:出现|显示|露出来?)(?:就行|就好|即可)?\\s*");
    private static final String MOMENT_ZH = "第?\\s*(?:" + Rule.CLOCK + "|" + Numbers.PATTERN + ")\\s*(?:秒钟?)?";
    /** …the verb after its start, or between its times: 第5秒出现, 从第5秒开始显示, 从0:08显示到0:14, 3秒出现20秒消失. */
    private static final Pattern SHOWN_FROM_ZH = Pattern.compile("\\s*(?:从|在)?\\s*(?<from>" + MOMENT_ZH + ")\\s*(?:的时候|那里|处)?\\s*(?:开始)?\\s*(?:出现|显示|露出来?)"
            + "\\s*(?:(?:到|至)\\s*(?<to>" + MOMENT_ZH + ")\\s*(?:为止)?(?:消失|结束)?|[，,]?\\s*(?<gone>" + MOMENT_ZH + ")\\s*(?:的时候)?\\s*(?:消失|没了|结束)|[，,]?\\s*(?:持续|显示|停留)?\\s*(?<length>" + Numbers.PATTERN + ")\\s*秒钟?(?:就行|就好|即可|左右)?)?\\s*");
    /** …or when it goes: 显示到第9秒, 到0:09消失, 第9秒消失. */
    private static final Pattern GONE_ZH = Pattern.compile("\\s*(?:(?:一直)?(?:显示|出现|停留|保留)?\\s*(?:到|至)\\s*(?<to>" + MOMENT_ZH + ")\\s*(?:为止)?\\s*(?:消失|结束|没了)?"
            + "|在?\\s*(?<at>" + MOMENT_ZH + ")\\s*(?:的时候)?\\s*(?:消失|没了))\\s*");
    private static final String TIME_EN = "(?:the\\s+)?" + Rule.time("t") + Rule.SECONDS + "?(?:\\s+mark)?";
    /** The words of showing in English, before the part said: "show it from 0:08 to 0:14", "it should appear at 0:05", "keep it up for 4 seconds". */
    private static final Pattern SHOWN_EN = Pattern.compile("\\s*(?:(?:and|then|but)\\s+)*(?:(?:have|let|make|get)\\s+(?:it|them)\\s+"
            + "|(?:it|they|this|that|the\\s+(?:text|title|caption|subtitle|words?|logo|watermark|card|banner|tag|label|name|price|date|sign))\\s+"
            + "(?:should|needs?\\s+to|has\\s+to|must|will|can|is\\s+to|'ll)\\s+(?:only\\s+)?)?"
            + "(?:(?:show|display|keep|leave|hold)\\s+(?:it|them)|show|shows|appear|appears|pop\\s+up|pops\\s+up|come\\s+(?:up|in|on)|comes\\s+(?:up|in|on)|stay|stays|remain|remains|be)"
            + "(?:\\s+(?:up|on\\s+screen|onscreen|there|visible|on))?\\s+(?<part>(?:only\\s+)?(?:from|between|for|at|starting|beginning|during|in\\s+the|over\\s+the|until|till|til"
            + "|up\\s+to|throughout|the\\s+(?:(?:whole|entire|full)\\s+)?(?:video|clip|time))\\b.*)");
    /** "until 0:09", "disappear at 0:09": when what was just placed goes. */
    private static final Pattern GONE_EN = Pattern.compile("\\s*(?:(?:and|then|but)\\s+)*(?:(?:only\\s+)?(?:until|till|til|up\\s+to)"
            + "|(?:(?:have|let|make)\\s+it\\s+|it\\s+(?:should|will|can|'ll)\\s+)?(?:disappears?|go(?:es)?\\s+away|vanish(?:es)?|comes?\\s+off|be\\s+gone|is\\s+gone)\\s+(?:at|by|after))\\s+" + TIME_EN + "\\s*[.!]*\\s*");
    /** "the whole video", 全程: how long it shows when no time is said anyway. */
    private static final Pattern THROUGHOUT = Pattern.compile("\\s*(?:(?:for|during|throughout|through)\\s+)?(?:the\\s+)?(?:(?:whole|entire|full)\\s+(?:video|clip|time|thing|way(?:\\s+through)?)|video|clip)\\s*[.!]*\\s*"
            + "|(?:一直|全程|整段|整个视频|成条片)(?:都)?(?:要有|显示|出现|在|有)?\\s*[.!。！]*\\s*");
    private static final Pattern AT_LEAD = Pattern.compile("^(?:only\\s+)?at\\b");
    /** A moment alone after what was just placed is when it comes in: "at 0:05", 第5秒, 在0:05 (a bare "5秒" is how long). */
    private static final Pattern COMES_IN = Pattern.compile("\\s*(?:at\\s+" + TIME_EN + "|在?\\s*(?:第\\s*(?<n>" + Numbers.PATTERN + ")\\s*秒钟?|(?!" + FrameRules.RATIO_SAID + ")(?<clock>" + Rule.CLOCK + "))\\s*(?:的时候|处|那里)?)\\s*[.!。]*\\s*"); // (9:16 is a shape)

    /**
     * An overlay or text just placed, then when it shows, said apart from it: "show it from 0:08 to 0:14", 从0:08显示到0:14,
     * 第5秒出现, "until 0:09", 第9秒消失, "the whole video" (read as a description of the video otherwise); false when it is not so.
     */
    private boolean readWhenShown(String clause, String quoted, boolean joined, Rule.Context context, State state) {
        EditOperation latest = state.operations.isEmpty() ? null : state.operations.getLast();
        boolean overlay = latest != null && (Operation.WATERMARK.is(latest) || Operation.PICTURE_IN_PICTURE.is(latest) || Operation.TEXT.is(latest));
        if (!overlay) {
            return false;
        }
        Part already = Part.ofEdit(latest);
        if (THROUGHOUT.matcher(clause).matches()) {
            return already == null; // shown throughout is what no time says
        }
        Matcher gone = GONE_EN.matcher(clause);
        Matcher goneZh = GONE_ZH.matcher(clause);
        boolean goneEn = gone.matches();
        if (goneEn || goneZh.matches()) {
            String to = goneEn ? gone.group("t") : Rule.first(goneZh, "to", "at");
            return shownUntil(Rule.seconds(to.replaceAll("[第秒钟\\s]", "")), already, latest, quoted, state);
        }
        Matcher comesIn = COMES_IN.matcher(clause);
        if (comesIn.matches() && already == null && !latest.params().containsKey("start")) {
            String moment = Rule.first(comesIn, "t", "n", "clock");
            interpretClause("from " + moment + (moment.contains(":") ? "" : " seconds"), joined, context, state);
            return true;
        }
        Matcher shownEn = SHOWN_EN.matcher(clause);
        if (shownEn.matches()) {
            String part = AT_LEAD.matcher(shownEn.group("part")).replaceFirst("from");
            Matcher until = GONE_EN.matcher(part);
            if (until.matches()) {
                return shownUntil(Rule.seconds(until.group("t")), already, latest, quoted, state);
            }
            if (THROUGHOUT.matcher(part).matches()) {
                return already == null;
            }
            interpretClause(part, joined, context, state);
            return true;
        }
        Matcher fromZh = SHOWN_FROM_ZH.matcher(clause);
        if (fromZh.matches()) {
            String from = fromZh.group("from").strip();
            String to = Rule.first(fromZh, "to", "gone");
            interpretClause(to != null ? "从" + from + "到" + to : from.contains(":") ? "from " + from : "从" + from + "开始",
                    joined, context, state);
            if (fromZh.group("length") != null) {
                interpretClause(fromZh.group("length") + "秒", joined, context, state); // 在1:02那里出现 2秒就行: how long, from then
            }
            return true;
        }
        Matcher shown = SHOWN_ZH.matcher(clause);
        if (!shown.matches()) {
            return false;
        }
        Attempt range = attempt(shown.group("range"), context);
        if (!range.understood() || range.operations().size() != 1 || !isRangeSaid(range.operations().getFirst()) && !isEdge(range.operations().getFirst())) {
            return false;
        }
        EditOperation placed = Part.of(range.operations().getFirst()).apply(latest, latest.source() + ", " + quoted);
        if (placed == null) {
            return false;
        }
        state.operations.set(state.operations.size() - 1, placed);
        return true;
    }

    /** What was just placed shown until a moment: from when it starts (the video's start when none is said). */
    private static boolean shownUntil(double to, Part already, EditOperation latest, String quoted, State state) {
        // a text shown from a moment on has no part yet: it starts there
        double from = already != null ? already.from() : latest.params().get("start") instanceof Number start ? start.doubleValue() : 0;
        if (already != null && (already.to() != Part.END || already.last() > 0 || already.half() != null) || to <= from) {
            return false;
        }
        EditOperation placed = new Part(from, to, 0).apply(latest, latest.source() + ", " + quoted);
        if (placed == null) {
            return false;
        }
        state.operations.set(state.operations.size() - 1, placed);
        return true;
    }

    /** The verb of an edit said last, as notes are typed: "bg noise pls remove". */
    private static final Pattern VERB_LAST = Pattern.compile("\\s+(?:(?:pls|please|plz)\\s+)?(?<verb>remove|delete|cut|mute|blur|trim|crop|rotate|flip|reverse|loop"
            + "|brighten|darken|sharpen|stabili[sz]e|denoise)\\s*(?:pls|please|plz|thx|thanks|asap|\\W)*$");
    /** "it's", said after a request with no stop between: a description may follow. */
    private static final Pattern DESCRIBED_AFTER = Pattern.compile("(?<=[\\p{L}\\d])\\s+(?:it's|its|it\\s+(?:is|was|looks))\\s");
    private static final Pattern ASKING_START = Pattern.compile("(?:(?:can|could|would|will)\\s+(?:you|u)|(?:can|could)\\s+we|please|pls|plz|so)\\s+");
    /** A word that makes what follows part of the same sentence ("loop it so it's 30 seconds"). */
    private static final Pattern DANGLING = Pattern.compile("\\b(?:so|because|since|as|and|but|or|that|which|until|till|when|if|while|cause|cuz|coz|then|where|to|not|don't|dont|at|in|on|of|from|for|with|by|into|during|after|before)$");
    private static final Pattern FIRST_WORD = Pattern.compile("(\\p{L}+)");
    private static final Pattern OBJECT = Pattern.compile("\\s+(?:it|this|that|them|the|everything|up|down|out|a|an|some)\\b");
    /** The words of a time range, and those that keep one ("keep 0:30 to 0:40", 只保留3到5秒). */
    private static final Pattern RANGE = Pattern.compile("\\b(?:to|until|till|through|thru|and)\\b|[-–~到至]");
    private static final Pattern KEEPS_RANGE = Pattern.compile("(?:keep|only|cut|trim|clip|extract|use|just)\\b|只保留|保留|只要|截取|剪出|只留|留下");
    /** Words that say when an edit applies ("for the last 5 seconds"), as TimeRules' edge rule reads them too. */
    private static final String DURING_WORDS = "(?:in|for|during|over|throughout)";
    /** The first or last seconds said with no verb that keeps them (see {@code isEdgePart}). */
    private static final Pattern EDGE = Pattern.compile("(?:(?:" + DURING_WORDS + "|of)\\s+)?(?:(?:only|just)\\s+)?(?:the\\s+)?(?:very\\s+)?"
            + "(?:first|last|final|opening|closing|second|2nd|1st|latter|back|front)\\s|(?:from\\s+)?half\\s*way|(?:视频的?)?(?:前|后|最后)");
    /** Words after the first or last seconds that keep them: "the first 5 seconds only", 前5秒剪出来. */
    private static final Pattern KEPT = Pattern.compile("(?:剪出来|截出来|截下来|留下来)\\s*$");
    /** "only" after the seconds: "the first 5 seconds only" keeps them, unless an edit was said before them. */
    private static final Pattern ONLY_AFTER = Pattern.compile("\\bonly\\s*$");
    /** 就最后2秒, 只在前5秒, 仅0:10到0:20: a part limited in Chinese, whose limiting word is filler to the rules. */
    private static final Pattern LIMITED_ZH = Pattern.compile("\\s*(?:就|只|仅|只有|仅仅)(?:在|是)?\\s*(?:最后|后|前|开头|结尾|第|从|\\d)");
    /** The part an earlier edit named, said again ("that part", 那段); not 这段视频, which is the whole video. */
    private static final Pattern SAME_PART = Pattern.compile("\\b(?:(?:just|only)\\s+)?(?:that|this|the\\s+same|that\\s+same|this\\s+same)\\s+(?:part|bit|section|segment|portion|stretch"
            + "|moment|scene|shot|pause|gap)\\b|\\b(?:those|these)\\s+(?:seconds|secs|frames|parts|bits)\\b"
            // "brighten just that", "keep only that": the part just named, said with no noun at a clause's end
            + "|\\b(?:just|only)\\s+(?:that|this|those)(?=\\s*(?:please)?\\s*[.!?]?\\s*$)"
            // "the sunrise part is 0:40-0:55, make it warmer there": "there", said last, is where
            + "|(?<=\\S\\s)(?:in\\s+)?there(?=\\s*(?:please|too|as\\s+well)?\\s*[.!?]?\\s*$)"
            + "|(?:那|这|同)一?(?:段|部分)(?!视频|影片|录像|片子)|(?:这|那)(?:几|两|[一二三四五六七八九十]|\\d+)秒");
    private static final Pattern HAS_DIGIT = Pattern.compile("\\d");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    /** A clause that is only an amount ("half speed", "2x", "50%"): how much of the edit before it, not an edit of its own. */
    private static final Pattern AMOUNT_ONLY = Pattern.compile("(?:at\\s+)?(?:half|double|twice|a\\s+quarter|quarter|\\d+(?:\\.\\d+)?\\s*(?:x|×|%|percent|倍)?)"
            + "(?:\\s+(?:the\\s+)?(?:speed|速度?|倍速|volume|as\\s+fast|as\\s+slow))?");
    /** A description of the first or last seconds ({@code remember}). */
    private static final Pattern EDGE_SAID = Pattern.compile("\\b(?:(?<start>starts|begins|opens)|ends|finishes)\\s+with\\s+(?:like\\s+|about\\s+|around\\s+|roughly\\s+)?"
            + "(?<n>\\d+(?:\\.\\d+)?)\\s*(?:s|secs?|seconds?)\\b"
            + "|(?:\\bthe\\s+|^\\s*)(?:(?<start2>first)|last|final)\\s+(?<n2>\\d+(?:\\.\\d+)?)\\s*(?:s|secs?|seconds?)\\s+(?:is|are|was|were)\\b");
    /** A clause that opens by saying what a range shows: 80秒到125秒是暂停时间 (then "剪掉" takes it out). */
    private static final Pattern RANGE_IS_ZH = Pattern.compile("\\s*(?:视频)?(?:中间|中间的|后面|前面)?(?:从)?(?:第)?(?:\\d+:\\d{2}|\\d+(?:\\.\\d+)?\\s*(?:秒|s)?)\\s*(?:到|至|-|~)\\s*(?:第)?(?:\\d+:\\d{2}|\\d+(?:\\.\\d+)?\\s*(?:秒|s)?)"
            + "(?:之间|这段|那段|的部分|那部分|这部分)?\\s*(?:(?:都|基本上?|全|其实|就)?是(?!不是)|(?:我|他|她|老师)?(?:说错|讲错|说了|拍到|拍糊|出现|露出|卡住|卡了)|有(?!点))");
    /** A clause that opens by saying what the first or last seconds are: "last 10 sec is me fumbling for the button". */
    private static final Pattern EDGE_IS = Pattern.compile("\\s*(?:the\\s+)?(?:first|last|final)\\s+\\d+(?:\\.\\d+)?\\s*(?:s|secs?|seconds?)\\s+(?:is|are|was|were)\\b");
    /** The same said in Chinese at a clause's start: 前3秒是我在调手机, 最后十秒都是黑屏, 领导讲话前面10秒基本在调话筒. */
    private static final Pattern EDGE_SAID_ZH = Pattern.compile("\\s*(?:[\\p{IsHan}]{1,8}?的?)?(?:(?<start>前面?(?:的|那)?|开头(?:的|那)?|开始(?:的|那)?)|(?:最后面?|结尾|末尾)(?:的|那)?)\\s*"
            + "(?<n>\\d+(?:\\.\\d+)?|[一二两三四五六七八九十]+)\\s*(?:秒钟?|s)(?:左右|多)?\\s*(?:(?:都|基本上?|全都|全|其实|就)?是(?!不是)|(?:我|他|她|我们)?(?:都|基本上?|一直|全都)?在(?=[\\p{IsHan}])(?!右|左|上|下|中|画面|底|顶|开头|结尾|最后))");
    /** The thing a description is about: its last word before the time or the verb ("the skateboarding trick happens …"). */
    private static final Pattern NAMED = Pattern.compile("\\s*(?:the|a|an|this|that|my|our)\\s+(?:[a-z'-]+\\s+){0,2}?([a-z]{3,})(?=\\s+(?:from|between|at|around"
            + "|is|are|was|were|happens|happened|occurs|starts|begins|comes|came)\\b)");
    /**
     * A clause that only takes something out: "please remove that section" once the part is said as "it", "cut them"
     * after seconds said alone, 把那段删掉, 剪掉.
     */
    /** Keeping what was just named, and nothing else: "keep only that", "just keep that part", 只留那段. */
    private static final Pattern KEEP_IT = Pattern.compile("\\s*(?:(?:please|pls|can\\s+you|could\\s+you|so|just)\\s+)*(?:keep|use)\\s+(?:only\\s+|just\\s+)?(?:it|that|this)?"
            + "(?:\\s+(?:only|part|bit))?\\s*(?:please)?\\s*[.!?]?\\s*|\\s*(?:帮我|给我|请)?\\s*(?:只|就)?(?:留|保留|要)\\s*(?:下)?\\s*(?:就行|就好|吧)?\\s*");
    private static final Pattern REMOVE_IT = Pattern.compile("\\s*(?:(?:please|pls|can\\s+you|could\\s+you|just)\\s+)*(?:remove|cut(?:\\s+out)?|delete|drop|skip"
            + "|get\\s+rid\\s+of|lose|take\\s+out|chop(?:\\s+out)?|trim(?:\\s+out)?|ditch)(?:\\s+(?:it|them\\s+both|them|'?em|those|these|that|both(?:\\s+of\\s+them)?))?(?:\\s+(?:out|off))?"
            + "\\s*(?:too|as\\s+well|also|please|entirely|completely)?\\s*[.!?]?\\s*"
            // "… is just me fiddling with the camera so that goes"
            + "|\\s*(?:so\\s+)?(?:that|it|those|these)\\s+(?:goes|go|can\\s+go|has\\s+to\\s+go|needs\\s+to\\s+go|must\\s+go)\\s*[.!?]?\\s*"
            + "|\\s*(?:直接|帮我|给我|帮忙|麻烦|请|麻烦你|你帮我|您帮我|能不能|能|可以|我?想要?)?\\s*(?:把|将|给)?\\s*(?:它|这段|那段|这一段|那一段|该段|该片段|这个片段|那个片段|这部分|那部分|这几秒|那几秒)?\\s*(?:也|都)?(?:删掉|剪掉|去掉|删除|删去|剪去|去除|剪了|删了|剪掉了|去掉了|不要了?|(?:删掉|剪掉|去掉|删除|剪去|去除)(?:该片段|该段|这段|那段|这一段|那一段|这个片段|那个片段|这部分|那部分))(?:吧|啦|哈|吗|就行|就好|就可以了?)?\\s*[?？]?\\s*"
            // "Can those go?", "is it possible to lose that bit?"
            + "|\\s*(?:can|could)\\s+(?:those|these|they|that|it|that\\s+bit|that\\s+part)\\s+go\\s*[?]?\\s*");
    /** A clause that only names a green screen: what is said next of "it" is of the screen. */
    private static final Pattern GREEN_SCREEN_NAMED = Pattern.compile("\\s*(?:(?:there'?s|there\\s+is|i\\s+have|i\\s+used|it'?s)\\s+)?(?:an?\\s+|the\\s+)?"
            + "green\\s?screen\\s*|\\s*(?:后面|背后|后边)?(?:是|有)?(?:个|一块)?绿幕(?:抠掉|抠了|去掉)?\\s*");
    /** "replace it with image 1", 换成图1: what fills a screen named before. */
    private static final Pattern FILL_IT = Pattern.compile("\\s*(?:(?:please|pls|then|and)\\s+)?(?:replace|swap|fill)\\s+(?:(it|that)\\s+)?(?<with>with|for)\\b"
            + "|\\s*(?:然后|再)?(?<zh>换成|替换成|换上)(?=\\s*图)");
    /** Says that what is taken out is more than the last thing said: "cut them", "drop both", 都删掉. */
    private static final Pattern MORE_THAN_ONE = Pattern.compile("\\b(?:them|both|those|these|all)\\b|都");
    /** An aside that explains rather than asks: "(so ~0:48 to the end at 1:00)", "(i.e. the last minute)". */
    private static final Pattern EXPLAINS = Pattern.compile("\\s*(?:so|i\\.?e\\.?|e\\.?g\\.?|that's|that\\s+is|which|because|since|approx\\w*|roughly)\\b");
    /** A Chinese text said after a colon, unquoted, up to the clause's end: 加个字幕：生日快乐，放在下面. */
    private static final Pattern LABELLED_TEXT = Pattern.compile("(字幕|标题|文字|文案|日期|价钱|价格|价签|价格标签|要加的字|字卡|标题卡|黑底白字|白底黑字|字幕写|写上|写着|写|(?:一行|一句|几个|行)字|一句话)\\s*[:：]\\s*"
            // 价格标签：左下角 ¥39.9: where it goes, said before the words
            + "(左上角|右上角|左下角|右下角|顶部|底部|正中间|中间|居中|上方|下方)?\\s*(?![「“\"'‘『])"
            // a comma inside the text is the text's ("关注我，每天一个小技巧") unless what follows says where, when or how it shows
            + "([^，,。；;！!？?\\n「」“”\"'『』]{1,40}?(?:[，,](?!\\s*(?:放|调|加|把|再|然后|并|字|在|位置|时长|显示|持续|停留|停(?=\\s*[\\d一二两三四五六七八九十])|定格|颜色|字体|大|小|居中|底部|顶部|中间|左|右|上|下|从|前|后|最后|开头|结尾|全程|一直|整段|另外|还有|同时|以及|白色|黄色|红色|黑色|谢|感谢|多谢|麻烦|辛苦|拜托|\\d|[一二三四五六七八九十两]+秒))"
            + "[^，,。；;！!？?\\n「」“”\"'『』]{1,40}?)*)(?=\\s*(?:[，,。；;！!？?\\n]|$)|" + Quotes.PLACE_SAID_LAST_ZH + "(?:[，,。；;！!？?\\n]|$)"
            // …or where the next request starts, dictated after a space: 加字幕：生日快乐外婆 然后开头淡入
            + "|\\s+(?:然后|再|并且|还有|顺便|另外|接着|同时)(?=[\\p{IsHan}]))");
    /**
     * Text dictated with no quotes after what shows it ("加个字 宝宝一周岁生日快乐", "片头 写2024年秋季运动会"): the words up to the
     * next space or mark, unless they say where or how it goes (放在上面) or go on with another request.
     */
    /**
     * "same as last time but slower", 跟上次一样，但是慢一点: an edit of an earlier one, which no task keeps (the remarks of
     * set 33, "less zoom than last time", compare and are context; these ask to repeat what is not said).
     */
    private static final Pattern EARLIER_VERSION = Pattern.compile("(?:^|(?<=[,.;!?]\\s?)|(?<=\\b(?:hi|hey|ok|okay|again|so)\\W{1,3}))(?:just\\s+|exactly\\s+|do\\s+it\\s+)?"
            + "(?:the\\s+)?same\\s+as\\s+(?:last\\s+time|before|the\\s+(?:last|previous|other)\\s+(?:one|version|export|edit|video|clip))\\b"
            + "|\\blike\\s+the\\s+(?:one|version|edit|video)\\s+(?:i|we)\\s+(?:sent|made|did|got|had)\\b"
            + "|(?:还是|就)?(?:跟|和|同|照|按)(?:上次|之前|上个版本|上一版|上一个|上回|以前)(?:那样|一样|那个样子)|还是(?:上次|之前|上个版本|上一版)那样|还是老样子|照老样子");

    /** A text said with the count of its characters: 加上生日快乐四个字, 写“福”这一个字. */
    private static final Pattern COUNTED_TEXT = Pattern.compile("((?:加|打|写|放)(?:上)?)\\s*([^\\s，,。；;！!？?「」“”\"'‘’『』]{1,20}?)(?:这|这几)?(?:[一两二三四五六七八九十\\d]+|几)个字(?:的)?");
    private static final Pattern BARE_TEXT = Pattern.compile("((?:加|打|写|放)(?:上|个|一个|一条|一行|一句|几个)?(?:[粉红黄白黑蓝绿紫橙金灰]色的?)?(?:字幕|文字|标题|字(?![卡幕])|日期|价钱|价格|价签|地址)(?:\\s*(?:写(?:上|着)?|叫做?))?|(?<![特描书缩大小听默])写(?:上|着)?)"
            + "\\s*(?![放在用把加调改变剪删和与跟并再也一到成错的得完好:：]|然后|字幕|标题|文字|[「“\"'‘『\\s])([^\\s，,。；;！!？?「」“”\"'‘’『』]{2,30}?)(?=\\s|[，,。；;！!？?]|$|然后|并且|接着|同时|再(?:把|加|调|给|弄|放|淡)"
            // …or where the words say how long or where it shows, or turn to the video: 写新品上市只显示前五秒视频结尾再淡出
            + "|(?:只|就)?(?:显示|出现|持续|停留)|(?:从|在)?第?[\\d一二三四五六七八九十两]+秒(?:开始|起)|(?:放|放在|位于)(?:顶部|底部|上面|下面|中间|左上|右上|左下|右下)|(?:视频)?(?:结尾|开头|最后|片尾)(?:再|加|淡|的时候))");

    /**
     * A card or a text asked for in one clause and its words given in the next ("add an intro card, the text should say
     * 'Summer 2024'", 请在开头加一个标题页，文字为“年度总结”): one request, as "an intro card that says 'Summer 2024'" is.
     */
    private static final Pattern CARD_TEXT_APART = Pattern.compile("(?<card>\\b(?:intro|outro|title|caption|subtitle|heading|banner|text)s?(?:\\s+(?:card|screen|page|slide))?\\b"
            + "|片头|片尾|标题页|标题画面|标题|文字卡片|卡片|字幕|封面)(?<between>[^,;，；。.!?\\uE000-\\uE0FF]{0,24}?)(?:\\s*[,;，；.。]\\s*|\\s+(?=写))(?:and\\s+)?"
            + "(?:(?:the\\s+)?(?:text|words?|caption|title)\\s+(?:should\\s+|must\\s+|will\\s+|can\\s+|needs?\\s+to\\s+)?(?:say|says|read|reads|be|is)"
            + "|it\\s+(?:should\\s+|must\\s+|will\\s+)?(?:say|says|read|reads)|saying|with\\s+the\\s+(?:text|words?)"
            + "|(?:文字|内容|标题|字幕|文案)(?:为|是|写|写着|写上)|写(?:着|上)?)\\s*:?\\s*(?<text>[\\uE000-\\uE0FF])");
    /** What may stand between 片头/片尾 and its text when it is the card itself: 字卡, 加个4秒的字卡, 字卡3秒. */
    private static final Pattern CARD_NOUN = Pattern.compile("(?:给?(?:加|放|做)(?:一个|个|一张|一页)?)?(?:\\d+(?:\\.\\d+)?\\s*秒钟?的?)?(?:字卡|卡片?|标题卡|画面|页)"
            + "(?:\\s*\\d+(?:\\.\\d+)?\\s*秒钟?)?");
    /** Noise that can only be the picture's: grain, speckles, a grainy or noisy image. */
    /** The picture said to stay as it is: "画面不用动", "the picture is fine", "don't touch the video". */
    private static final Pattern PICTURE_UNTOUCHED = Pattern.compile("画面(?:就|都)?(?:不用|不要|别|不)(?:动|改|调|变)|画面(?:没问题|挺好|很好|可以)|画面(?:保持)?不变"
            + "|\\b(?:don'?t|do\\s+not)\\s+touch\\s+the\\s+(?:picture|video|image|visuals?)\\b|\\bthe\\s+(?:picture|pictures|image|visuals?)\\s+(?:is|are|looks?)\\s+(?:fine|ok|okay|good|great)\\b");
    /** The sound said to be fine: "audio is fine", 声音没问题; a denoise beside it is the picture's. */
    private static final Pattern SOUND_UNTOUCHED = Pattern.compile("(?:声音|音频|音质|声音方面)(?:就|都)?(?:不用|不要|别|不)(?:动|改|调|变)|(?:声音|音频|音质)(?:没问题|挺好|很好|可以|正常)"
            + "|\\b(?:don'?t|do\\s+not)\\s+touch\\s+the\\s+(?:audio|sound)\\b|\\bnot\\s+(?:the\\s+)?(?:audio|sound)\\b|不是声音|不是音频|\\b(?:the\\s+)?(?:audio|sound|voice)\\s+(?:is|are|sounds?|was)\\s+(?:fine|ok|okay|good|great|clean)\\b");
    private static final Pattern PICTURE_NOISE = Pattern.compile("画面|图像|噪点|颗粒|雪花|\\b(?:picture|image|video|footage|grain|grainy|speckles?|pixels?)\\b");
    /** Words in parentheses, up to the first closing one (see {@code withoutAsides}). */
    private static final Pattern ASIDE = Pattern.compile("\\s*\\(([^()]{1,200})\\)");
    /** A place on the screen and nothing else. */
    private static final Pattern PLACE_ALONE = placeAlone(OverlayRules.POSITION_WORDS, OverlayRules.ZH_POSITION_WORDS);
    /** Words that ask, in any clause: "能不能帮忙弄稳一点" after a description is a request, not more description. */
    private static final Pattern ASKS = Pattern.compile("帮忙|帮我|能不能|能否|可不可以|请|麻烦|给我|^\\s*(?:能|可以)[^，,。]{1,8}吗|\\b(?:please|pls|can\\s+you|could\\s+you|would\\s+you)\\b");
    /** A setting said with a verb that changes it (饱和度加一点, 亮度压低, 整体压暗一些): a request, even right after a description. */
    private static final Pattern ADJUSTS = Pattern.compile("(?:亮度|对比度|饱和度|音量|声音|色温|色调|速度)(?:也|再|稍微|稍稍)?(?:加|减|提|降|调|拉|压|升)"
            + "|(?:亮度|对比度|饱和度|音量|色温|速度)\\s*[+\\-−]\\s*\\d" // 亮度+10%
            + "|(?:调|压|提|变|拉|降|减)(?:亮|暗|高|低|大|小|快|慢|冷|暖)"
            // a comparative said alone asks for more of it: 大声点, 亮一点 (after 声音太小了, 太暗了)
            + "|^(?:再|稍微|稍稍)?(?:大声|小声|亮|暗|快|慢|大|小|响|轻)(?:一)?(?:点|些)儿?(?:吧|啦)?\\s*$");
    /** Words that open a request after a purpose said first ("for my class I want …"). */
    private static final Pattern REQUEST_OPENER = Pattern.compile("\\b(?:(?:i|we)\\s+(?:want|need|would\\s+(?:like|love))|(?:i|we)'d\\s+(?:like|love)"
            + "|please|(?:can|could|would|will)\\s+(?:you|u)|(?:can|could|may)\\s+(?:we|i))\\b"); // "for the memorial can we make it …"
    /** How a part said on its own opens: "between 8s and 14s", "from 0:10 to 0:20", "for the last 5 seconds". */
    private static final Pattern PART_LEAD = Pattern.compile("(?:between|from|" + DURING_WORDS + ")\\s|(?:在|从)\\s*第?|第");
    /** "for the last 5 seconds": a part said as when, not as what is kept. */
    private static final Pattern DURING = Pattern.compile(DURING_WORDS + "\\s");
    // ("black and white and only keep from 0:03 to 0:13": what is kept, never the part of the edit before)
    private static final Pattern ONLY = Pattern.compile("(?:" + DURING_WORDS + "\\s+)?(?:only|just)\\b(?!\\s+(?:keep|keeping|retain|save|use|leave)\\b)");
    /** Words that only limit an edit to its part, when nothing else of the clause is left. */
    private static final Pattern LIMITING = Pattern.compile("\\s*(?:\\b(?:but|only|just)\\b\\s*)+");
    /**
     * A clause that asks for an edit not to be made ("don't change the speed", "no need to crop", 别加滤镜): it asks for
     * nothing, so it is context; "don't mute it" keeps the sound. Chinese 不要 only before a verb or "…那种": "不要背景音乐"
     * asks to remove.
     */
    private static final Pattern NEGATED = Pattern.compile("^\\s*(?:(?:but|and|also|just)\\s+)?(?:(?:please|pls|plz|kindly)\\s+)?(?:don'?t|dun|do\\s+not|never|no\\s+need(?:\\s+to)?|there'?s\\s+no\\s+need\\s+to"
            + "|you\\s+don'?t\\s+(?:need|have)\\s+to|(?:i|we)\\s+don'?t\\s+(?:want|need)\\s+(?:you\\s+)?to)\\s+|^\\s*(?:但是?|不过|可是)?(?:也|都|就|先)?(?:请)?(?:别|不用|无需|不需要|不必|唔使|唔好)"
            // the thing first (人脸不用打码, 图1先不用): never "调亮不用太多", which asks for a little
            + "|^\\s*[^\\s，,、]{1,8}?(?:先|也|都|就|暂时|一秒都|任何)?(?:千万)?(?:不用|不需要|无需|不必|唔使|(?:不要|别|唔好)(?=动|改|碰|变|模糊|虚化|打码|加|剪|删|淡入|淡出|黑白|倒放|循环|裁|拉|压))(?!太|那么|很|特别)(?=[\\p{IsHan}]{0,6}\\s*$)"
            // "not the intro, just the last 15 seconds in slow motion": a part not meant
            + "|^\\s*not\\s+(?=(?:the|that|this)\\s+(?:whole\\s+|entire\\s+)?\\w+\\s*$)"
            // "rotate 90° clockwise. NOT counterclockwise", "title at the top, not a caption at the bottom": the way not meant
            + "|^\\s*(?:(?:but|and)\\s+)?not\\s+(?=(?:counter-?clockwise|anti-?clockwise|clockwise|upside\\s+down|sideways|(?:a|the)\\s+(?:caption|title|text|logo|subtitles?)\\b"
            + "|at\\s+the\\s+(?:top|bottom|left|right)|in\\s+the\\s+(?:corner|middle|centre|center))\\b)"
            // "no slow motion this time": a look not wanted (never "no sound", which asks for a mute)
            + "|^\\s*(?:(?:but|and|also|just)\\s+)?(?:(?:please|pls|plz)\\s+)?not?\\s+(?=(?:slow\\s+motion|slo-?mo|slowing(?:\\s+(?:it\\s+)?down)?|loop(?:ing|s)?|repeat(?:ing|s)?|filters?|effects?|zoom|black\\s+and\\s+white|b&w|sepia|grain|vignette|fades?|captions?|text|titles?|logos?|transitions?|borders?|black\\s+bars"
            + "|(?:background\\s+)?music|bgm|intro(?:\\s+card)?|outro|end\\s+card|cartoon(?:\\s+filter)?)\\b)"
            + "|^\\s*(?:但是|但|可是|也|还是)?(?:千万)?(?:不要|唔好)(?=加|调|改|动|变|裁|转|换|用|弄|搞|放|旋转|淡入|淡出|超分|放在|放到|倒放|加速|减速|慢放|快放|放慢|放大|缩小|模糊"
            + "|锐化|降噪|防抖|静音|循环|定格|镜像|翻转|压缩|黑白|滤镜|美颜|拉伸|剪|删|暗角|特效|转场|字幕|水印|标题|黑边|black\\s*bars|.{1,8}那种|[\\p{IsHan}]{1,6}的\\s*$)"
            // 新娘说别黑白的, "voice别变调": whose wish it is, said first
            + "|^\\s*[\\p{IsHan}a-z]{1,6}说(?:千万)?(?:别|不要)(?=[\\p{IsHan}])");
    /**
     * Words that correct what was just asked: "no wait", "actually", "sorry, I meant", "scratch that", 啊不是, 不对, 算了.
     * Those in {@code retract} take the last request back when what follows is of another kind.
     */
    private static final Pattern CORRECTION = Pattern.compile("^\\s*(?:(?:oh|hmm+|um+|uh+|emm*|err?m?|ok|okay|sorry|actually|wait|nah|nope|oops)\\s*,?\\s+)*(?:em+\\s*(?=[\\p{IsHan}]))?(?:[诶哎欸呃嗯哦啊噢]\\s*)?"
            // "scratch the sepia": the words that take an edit back correct as well, and are read as such
            + "(?:(?=(?:scratch|forget(?:\\s+about)?|never\\s+mind)\\s+(?:the\\s+)?(?!(?:that|this|it)\\b)\\p{L}"
            // "skip the sepia" takes an edit back; "skip the last 2 seconds" is a cut
            + "|skip\\s+(?:the\\s+)?(?!(?:first|last|final|opening|closing|beginning|end|start|intro|outro|ending|middle|part|bit|section|boring|rest)\\b)\\p{L})"
            + "|(?:(?<retract>no\\s+wait|wait\\s+no|oh\\s+wait\\s+no|no\\s+actually|actually\\s+no|(?:no\\s+)?scratch\\s+that|(?:no\\s+)?forget\\s+that|(?:no\\s+)?(?:nvm|nevermind|never\\s+mind)(?=[\\s,]|$)"
            // "no 8 sec", "nah make it 15", "no no, speed first", "No hang on, 0:40 to 1:15"
            + "|(?:no|nah|nope)(?:\\s+no)?(?=\\s*$|\\s*[\\p{IsHan}]|\\s+(?:\\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|half)\\b|make\\b|do\\b|just\\b|only\\b|the\\s+(?:first|last)\\b|it'?s\\b|its\\b|that'?s\\b|go\\b|use\\b))|(?:no\\s+)?hang\\s+on|my\\s+bad"
            // "jk do it from 1:02", "ugh, ignore that", "please disregard that", "wait thats overkill, 1440p"
            + "|jk|j/k|just\\s+kidding|(?:please\\s+)?(?:ignore|disregard)\\s+(?:that|this|it|my\\s+last(?:\\s+message)?)(?=\\s*$|[\\s;,])"
            + "|(?:that'?s|thats|it'?s)\\s+(?:overkill|a\\s+bit\\s+much|too\\s+much)(?=\\s*$)|唔系(?=\\s*$|[,，\\s])|撤回"
            // 循环3次 不 5次, 不行，放左上角吧, 不是左右 是上下 (never 不是很亮, a description)
            + "|不(?=\\s*$|\\s|\\s*\\d)|(?:就|也|先)?不(?:调|加|弄|剪|改|做|动|变|换)了(?=\\s*$|[,，\\s])|不行(?=\\s*$|[,，\\s])|不是(?![很太特那非有多好])[\\p{IsHan}]{1,6}(?=\\s*$)|算了|算了算了|不不|不对(?:不对)*(?=\\s*$|[,，\\s])"
            + "|(?:搞|弄|说|打|写)(?:错|反)了|反了(?=\\s*$|[,，\\s])"
            // 卡通效果吧 还是素描好了: another edit in the place of the one just asked
            + "|还是(?=[^，,\\d]{1,10}(?:吧|好了|比较好|更好)\\s*$)"
            // "loop it 5 times.. thats too many, 3": the amount just asked, judged
            + "|(?:that'?s|thats)\\s+(?:way\\s+|a\\s+bit\\s+|a\\s+little\\s+)?too\\s+(?:many|much|long|short|fast|slow|strong|big|small)(?=\\s*$)"
            + ")"
            // "end card 'See you in Lisbon!' ... change that to 'See you in Porto!'", 片尾加字卡「感谢观看」 改成「谢谢大家」
            + "|(?:change|make)\\s+(?:that|it)\\s+(?:to|into)\\s*(?=[\uE000-\uE0FF])|(?:改成|换成|改为)\\s*(?=[\uE000-\uE0FF])"
            + "|actually|wait|sorry|i\\s+meant|i\\s+mean(?!\\s+it\\b)|or\\s+rather|make\\s+that(?=\\s+\\d)|on\\s+second\\s+thought|correction|edit\\s*:|(?:oops\\s+)?typo"
            + "|i\\s+(?:wrote|write|typed|type|said|say)\\s+(?:it\\s+|that\\s+)?wrong|hmm+(?=\\s*$)"
            // 还是5秒吧: the number said again; 啊是逆时针, 哦是22到27: what it is, said again
            + "|还是(?=\\s*[\\d一二两三四五六七八九十])|(?<=[诶哎欸呃嗯哦啊噢]\\s{0,1})(?=是)"
            // 放右上角 哦右下: an interjection before what is said again
            + "|(?<=[诶哎欸呃哦噢啊]\\s{0,2})(?=[\\p{IsHan}\\d]|\\s*$)"
            // 淡入不要了, 不要复古了: an edit taken back by name, no word of correction before it
            + "|(?=[\\p{IsHan}]{1,12}?(?:就|也)?不要了\\s*$|(?:还是)?(?:不要|别)[\\p{IsHan}]{1,6}了\\s*$)"
            + "|不是(?=\\s*$|[,，])|等等|等一下|等下|更正一下?|(?:嗯|呃)(?=\\s*$)|(?<=[哦噢啊呃诶哎]\\s{0,1})不(?=[,，])|(?<=[哦噢啊呃]\\s{0,1})(?=[\\p{IsHan}]{1,6}?(?:就|也)?不用(?:改|调|动|加|变|弄)了?\\s*$))(?![a-z])[\\s,:，：]*)");
    /** A few words said as a correction, its word after them: "DOWN sorry", "cooler actually", "image 1 I mean". */
    private static final Pattern CORRECTION_AFTER = Pattern.compile("(?<words>\\S+(?:\\s+\\S+){0,3}?)\\s*,?\\s+(?:sorry|actually|i\\s+mean|i\\s+meant)\\s*[.!]*\\s*");
    /** "each", said of what the clause amends: 各3秒, "3 seconds each". */
    private static final Pattern EACH = Pattern.compile("\\s*(?:各|都|each\\b|both\\b)|.*\\beach\\s*[.!]?\\s*$");

    /**
     * The correction a clause opens with, read once per clause: whether there is one ({@code leads}), whether it takes back
     * what was just asked ({@code retracts}: "no wait, …", 算了, "scratch that, …") and whether it is said alone, no word
     * after it ({@code alone}).
     */
    private record Marker(boolean leads, boolean retracts, boolean alone) {
    }

    private Marker marker(String clause) {
        Matcher m = CORRECTION.matcher(clause);
        if (!m.lookingAt()) {
            return new Marker(false, false, false);
        }
        return new Marker(true, m.group("retract") != null, !hasWords(unexplained(clause.substring(m.end()))));
    }

    /** An edit taken back by name: "scratch the sepia", "forget the grain", 倒放不要了, 还是不要黑白了, 别加暗角了. */
    private static final Pattern TAKEN_BACK = Pattern.compile("\\s*(?:scratch|forget(?:\\s+about)?|never\\s+mind|no|don'?t|do\\s+not|skip)\\s+(?:the\\s+)?(?<en>.+?)(?:\\s+part)?\\s*"
            + "|\\s*leave\\s+(?:the\\s+)?(?<en2>[a-z]+)(?:\\s+(?:alone|as\\s+(?:it\\s+)?is|untouched|unchanged|where\\s+it\\s+was))?\\s*"
            + "|\\s*(?:还是)?(?:不要|别|不用)(?<zh>.+?)了?\\s*|\\s*(?<zh2>.+?)(?:就|也)?不要了\\s*|\\s*(?<zh3>[\\p{IsHan}]{1,6}?)(?:就|也)?不用(?:改|调|动|加|变|弄|剪|删|去|裁|放)了?\\s*"
            // "the ending's fine", 后面的不用剪了: the edit of that end taken back
            + "|\\s*(?:but\\s+)?(?:the\\s+)?(?<end>ending|end|last\\s+(?:bit|part|one)|outro)(?:'s|\\s+is)\\s+(?:fine|ok|okay|good|alright)\\s*"
            + "|\\s*(?:that|this)(?:\\s+one)?(?:'s|\\s+is)\\s+(?:fine|ok|okay|good|alright)\\s*");
    /** What a correction says around its request: "do 2x", "2倍就行", "top right is better", "…, just the vignette". */
    private static final Pattern CORRECTION_WORDS = Pattern.compile("^\\s*(?:(?:i\\s+mean\\s+|just\\s+|do\\s+|go\\s+with\\s+|let'?s\\s+(?:do|go\\s+with)\\s+|make\\s+(?:it|that)\\s+(?=\\d|(?:the\\s+)?(?:first|last)\\b)"
            + "|(?:that'?s|that\\s+is|it'?s|its)\\s+(?:way\\s+|much\\s+)?too\\s+(?:much|fast|slow|many|long|short|little|strong|loud|quiet|big|small)\\s*,?\\s+|(?:it'?s|its|it\\s+is|that'?s)\\s+(?=\\S)|(?:change|make)\\s+(?:it|that)\\s+(?:to|into)\\s+|only\\s+(?=from\\b|between\\b)|by\\s+(?=\\d)|what\\s+i\\s+(?:want|meant|need)\\s+is\\s+|(?:我)?(?:想要|要)的是|直接|就|应该是|还是|是|系|改成|换成|改为|改(?=\\s*\\d)|只打|只在)\\s*)+"
            + "|\\s+(?:instead|is\\s+better|would\\s+be\\s+better|is\\s+fine|is\\s+enough|is\\s+plenty|will\\s+do|should\\s+do|please|maybe|i\\s+guess|probably|actually|then|only)\\s*$"
            // "1.5x not 2x", 1.5倍不是2倍: the number taken back, said after the one that stands
            + "|\\s*,?\\s*(?:\\bnot\\b|不是)\\s*\\d+(?:\\.\\d+)?\\s*(?:x|×|倍|s|secs?|seconds?|秒|%|times|次)?\\s*$"
            + "|(?:那种(?:感觉|效果)?|就行|就好|就可以|就够了?|吧|试试|好了)\\s*$");
    /** The words of each unit a number said again may carry: "1.5x" corrects the multiple of "zoom 2x from 0:12 to 0:15". */
    private static final List<String> UNITS = List.of("x|×|倍", "seconds?|secs?|s|秒", "%", "times|次|遍", "mb|m|兆", "度|°|degrees?", "fps|帧", "阶|levels?");
    /** A number said again as the correction: "first 15", "2倍", "1.5x", 前30秒, "four x". */
    private static final Pattern NUMBER_ALONE = Pattern.compile("(?:(?:the\\s+)?(?:first|last)\\s+|前|后|最后|(?<ordinal>第)|at\\s+)?(?:(?<n>\\d{1,2}:\\d{2}(?:\\.\\d+)?|\\d+(?:\\.\\d+)?|[一二两三四五六七八九十]+(?:点[一二三四五六七八九])?|" + Numbers.PATTERN + ")"
            + "\\s*(?<unit>" + String.join("|", UNITS) + ")?(?:速)?|(?<times>once|twice|thrice))(?:\\s*(?:就行了?|就好了?|就可以了?|就够了|吧))?");
    /**
     * A direction said alone as a correction, and the words it takes the place of in the edit corrected: "volume up. DOWN
     * sorry", "rotate 90 clockwise sorry counterclockwise", 亮度往上拉一点 啊不对 是往下, 镜像翻转 不是左右 是上下.
     */
    private static final List<List<String>> OPPOSITES = List.of(List.of("up", "down"), List.of("higher", "lower"), List.of("more", "less"),
            List.of("clockwise", "counterclockwise|counter-clockwise|anticlockwise|anti-clockwise"), List.of("left", "right"), List.of("top", "bottom"),
            List.of("horizontally|horizontal", "vertically|vertical"), List.of("调高|往上|向上|提高", "调低|往下|向下|降低"),
            List.of("顺时针", "逆时针"), List.of("左右|水平", "上下|垂直"));
    /** The words between two clauses that add the second to the first (顶部加字幕「A」 哦 再在底部加字幕「B」). */
    private static final Pattern MORE_SAID = Pattern.compile("再|另外|此外|还有|还要|顺便|\\b(?:and|also|plus|additionally)\\b");
    /** A correction that adds rather than replaces: "no wait, square crop as well", 不对，还要加个淡出. */
    private static final Pattern ADDED_AFTER_ALL = Pattern.compile("\\b(?:as\\s+well|too)\\s*[.!]*\\s*$|^\\s*(?:and\\s+)?also\\b|^\\s*(?:还要|还有|也要|再|另外|顺便)|也(?!不|别)");
    /** The amount a correction took back, judged: "1.5 was too fast last time", 2倍太鬼畜了哈哈. */
    private static final String JUDGED = "(?:(?:because|since|cause|cuz|as)\\s+)?(?:the\\s+)?\\d+(?:\\.\\d+)?\\s*(?:x|×|倍速?|%|s|secs?|seconds?|秒)?\\s*"
            + "(?:(?:was|is|'s|felt|feels|seemed|seems|looked|looks)\\s+)?(?:(?:way|much|a\\s+bit|a\\s+little|kinda|just|still)\\s+)?"
            + "(?:too\\s+[a-z]+(?:\\s+(?:last\\s+time|before|though|lol|haha))?(?:\\s+for\\s+[^,.;!?]{1,40})?|(?:有点|还是|也)?太[\\p{IsHan}]{1,4}?[了啦呀哈]*)\\s*";
    private static final Pattern JUDGED_AMOUNT = Pattern.compile("\\s*" + JUDGED);
    private static final Pattern JUDGED_AMOUNT_AFTER = Pattern.compile("(?<=\\s|[,，])" + JUDGED + "$");
    /** A number in the words of the edit corrected, where the one said again goes. */
    private static final Pattern NUMBER_SAID = Pattern.compile("\\d{1,2}:\\d{2}(?:\\.\\d+)?|\\d+(?:\\.\\d+)?|\\bhalf\\b(?!\\s+(?:speed|the))|一半|[一二两三四五六七八九十]+(?:点[一二三四五六七八九])?(?=\\s*(?:倍|秒|%|兆|度|次|遍))"
            + "|\\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty)\\b(?=\\s*(?:x\\b|times|seconds?|secs?|s\\b|%|percent|degrees?))");
    /** A range said again in Chinese with no unit: 22到27. */
    private static final Pattern RANGE_WITHOUT_UNIT_ZH = Pattern.compile("第?\\d+(?:\\.\\d+)?\\s*(?:到|至|-|~)\\s*第?\\d+(?:\\.\\d+)?");
    /** The first or last seconds said again with no unit: "the last 3", "first 10" (never "the last one"). */
    private static final Pattern EDGE_WITHOUT_UNIT = Pattern.compile("(?:the\\s+)?(?:first|last|final)\\s+(?:\\d+(?:\\.\\d+)?|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty|thirty)");
    /** A request said to take another's place. */
    private static final Pattern INSTEAD = Pattern.compile("\\binstead\\b|改成|换成");
    /** A Chinese volume change without its object ("调小一半"), said right after a clause that describes the sound. */
    private static final Pattern ZH_BARE_VOLUME = Pattern.compile("\\s*(?:请|帮我|帮忙|给我|再|麻烦|麻烦你|能不能|可以)?(?:帮我|帮忙|给我)?(?:再)?(?<verb>调小|调大|调低|调高|降低|提高|减小|加大|放大|减半|小一点|大一点|小点|大点|调到|调成|提高到|降到|降低到|放大到|变成)");
    /** Verbs that a negation turns into an edit ("don't keep the sound" drops it, "never show faces" hides them): refused. */
    private static final Pattern INVERTED = Pattern.compile("\\b(?:keep|retain|preserve|use|leave|include|show|display|reveal|let)\\b|保留|保持|显示|露");

    private final List<Rule> rules = rules();
    /**
     * What each rule's pattern cannot match without ({@link Prefilter}), indexed in the order of {@link #rules};
     * {@code null} when every rule runs over every clause (tests compare the two readings).
     */
    private final PrefilterIndex prefilters;
    /** Each rule's own {@link Prefilter}, in the order of {@link #rules} (null with {@link #prefilters}). */
    private final List<Prefilter> rulePrefilters;
    /**
     * Each rule's pattern once per top-level branch ({@link Prefilter#branchPatterns}), searched instead of the whole
     * where a clause holds the words of that branch only: the largest rules have a dozen branches.
     */
    private final List<List<Pattern>> branchPatterns;
    private final Lexicon lexicon = Lexicon.get();
    private final PromptNormalizer normalizer = new PromptNormalizer(lexicon);

    PromptInterpreter() {
        this(true);
    }

    /** @param prefiltered skip a rule over a clause that lacks the words its pattern requires (false: run every rule, for tests) */
    PromptInterpreter(boolean prefiltered) {
        this.rulePrefilters = prefiltered ? rules.stream().map(r -> Prefilter.of(r.pattern())).toList() : null;
        this.prefilters = prefiltered ? PrefilterIndex.of(rulePrefilters) : null;
        this.branchPatterns = prefiltered ? rules.stream().map(r -> Prefilter.branchPatterns(r.pattern())).toList() : null;
    }

    /**
     * What a prompt asks for: the operations in order, and the clauses read as context (greetings, reasons, purposes,
     * descriptions already answered), which the plan shows as ignored so nothing is silently dropped.
     */
    record Reading(List<EditOperation> operations, List<String> ignored) {
        Reading {
            operations = List.copyOf(operations);
            ignored = List.copyOf(ignored);
        }
    }

    /**
     * A part said alone ({@code part}) given to the edit before it: the edit as it was ({@code from}) and as it became
     * ({@code to}). "调亮一点，5:10到6:00那段…，剪掉": the cut that follows takes the part back.
     */
    private record Lent(EditOperation part, EditOperation from, EditOperation to) {
    }

    /** What one prompt's clauses have yielded so far. */
    private static final class State {
        final List<EditOperation> operations = new ArrayList<>();
        final Set<EditOperation> complaints = Collections.newSetFromMap(new IdentityHashMap<>());
        /** Complaints said as one more thing to do ("…, also the audio is too quiet"): kept beside the requests. */
        final Set<EditOperation> added = Collections.newSetFromMap(new IdentityHashMap<>());
        /** The clause being read follows "also", "plus" or 另外. */
        boolean saidAlso;
        /** The clause follows "and", 再 or 另外: after a correction that took nothing back, one more request, no correction. */
        boolean saidMore;
        final List<String> generative = new ArrayList<>();
        final List<String> notUnderstood = new ArrayList<>();
        final List<String> ignored = new ArrayList<>();
        /** A speed said to be too much ("2x is too fast", 2倍太快了): the multiple said next takes its place. */
        String speedTooMuch;
        boolean fix;
        /** The clause before wished ("would be great if it was brighter"): a clause joined to it goes on wishing. */
        boolean wishing;
        /** Problems said with no degree ("the kitchen tour is dark"): what is so may be meant; answered only when a fix is asked. */
        final Set<EditOperation> mild = Collections.newSetFromMap(new IdentityHashMap<>());
        boolean describing;
        boolean describingSound;
        /** What the description just read is of ("the sky is grey"), for the pronoun of the request after it. */
        String described;
        /** Whether the description just read named a problem the engine answers (noise, darkness), not only a thing. */
        boolean describedProblem;
        /** A part said in a clause of its own, for the edits of the next clause ({@code readPartAlone}). */
        EditOperation pendingPart;
        /** The pending part was said first, before any edit: kept as it is said when the next edit takes no part. */
        boolean pendingFirst;
        /** The clause read now is followed by 、, so it is the first of a list ("0:05到0:07、0:15到0:17这两段反色"). */
        boolean listFollows;
        /** A moment a description named ("the kickflip at 0:12 is the best part"), for "freeze on it". */
        String mentionedMoment;
        /** That moment said alone after the description ("the bit where he lands it, 3:05"): asks nothing until used. */
        String momentAlone;
        /** A place said alone before what goes there ("bottom left, white: 'Recipe on the blog'"), and how many edits came before it. */
        String placeAhead;
        int placeAheadAfter;
        /** A text asked for before its words ("pls add the date top left, "June 14 2025""): the clause, as said, and the edits before it. */
        String textAhead;
        String textAheadSaid;
        int textAheadAfter;
        /** Whether the clause just read was passed over as a remark (a telling, a label), reading nothing. */
        boolean passedOver;
        /** A time range a description named ("there's a pause between 1:20 and 1:45"), for "that part" said later. */
        Part mentionedPart;
        /** A part said alone that was just given to the edit before it, which a cut said next takes back. */
        Lent lent;
        /** What that description called it ("that pause", "the trick"), or null. */
        Pattern mentionedName;
        /** The first or last seconds said alone in a clause ("about the last 15 seconds."), kept unless "cut them" follows. */
        EditOperation bareSeconds;
        /** Seconds said alone just before {@link #bareSeconds} ("the first 2 seconds and the last 2 seconds, cut them"). */
        EditOperation bareSecondsBefore;
        /** The prompt as written, before its variants were rewritten ("make the video …" reads "make it …"). */
        String written = "";
        /** A correction was said ("no wait", 啊不是): the next request corrects what was asked ({@code readCorrection}). */
        boolean correcting;
        /**
         * The words of the clause refused just before a correction ({@link PendingRefusal}): the correction takes
         * nothing read back, and a figure said again is read in those words.
         */
        String refusedClause;
        /** …and it took the last request back ("oh wait no", 算了). */
        boolean retracting;
        /** The clause before was a correction read: what follows may judge the amount taken back ("1.5 was too fast"). */
        boolean corrected;
        /** A clause that only named a picture in picture before any image was placed ("画中画，图1放左上角"), or null. */
        String pictureInPicture;
        /** A clause that only named a green screen ("green screen behind me"), or null: "replace it with …" said next is it. */
        String greenScreen;
        /** The clause being read follows a "+". */
        boolean afterPlus;
        /** A part said to be left alone ("don't touch the first 5 seconds"): the edits said for no part are for the rest. */
        Part untouched;
        /** The part the edits of a list share, said before the first ("last 10 seconds: slow-mo + black & white"), or null. */
        Part listPart;
        /** An edit said as its word alone ("grain" in "grain + sepia from 1:00 to 1:20"): a range said with the next is its too. */
        EditOperation bareEdit;
        /** Edits of a part named by what happens in it and not by time, each with its clause: a time said next is theirs. */
        final Map<EditOperation, String> unplaced = new IdentityHashMap<>();
    }

    /** What the rules make of one clause: operations, and whether every word was accounted for. */
    private record Attempt(List<EditOperation> operations, String leftover, boolean understood) {
    }

    /**
     * The operations of {@code prompt}, in the order they are asked for.
     *
     * @param imageCount how many reference images came with the prompt (Figure 1 is the first)
     * @throws VeditException {@code EDIT_NOT_SUPPORTED} quoting what cannot be done, or {@code INVALID_PARAMETERS}
     *                        for an impossible value or a reference to a missing image
     */
    List<EditOperation> interpret(String prompt, int imageCount) {
        return read(prompt, imageCount).operations();
    }

    /**
     * Reads a prompt. Every refusal says which kind it is ({@link Refusal}): not understood (with the closest supported
     * edit), needs a generative engine, or impossible as asked.
     */
    Reading read(String prompt, int imageCount) {
        ReadingKey key = new ReadingKey(prompt == null ? "" : prompt, imageCount);
        boolean remembered = key.prompt().length() <= MAX_REMEMBERED_PROMPT;
        if (remembered) {
            Reading known = readings.get(key);
            if (known != null) {
                return known;
            }
        }
        Reading reading;
        try {
            reading = readLabelled(prompt, imageCount);
        } catch (VeditException e) {
            throw Refusal.labelled(e);
        }
        if (remembered) {
            readings.put(key, reading);
        }
        return reading;
    }

    /** How many readings {@link #read} keeps; a reading is a few hundred bytes, so this holds well under a megabyte. */
    static final int REMEMBERED_READINGS = 1024;
    /** Longer prompts are read every time: the memory a reading keeps is bounded, whatever clients send. */
    static final int MAX_REMEMBERED_PROMPT = 1000;

    private record ReadingKey(String prompt, int imageCount) {
    }

    /**
     * Readings of recent prompts, least recently used dropped first. Reading a prompt is the costliest step of a
     * submit (dozens of patterns over every clause), and a reading depends on nothing but the prompt and the image
     * count, while clients send the same prompts again and again (templates, retries, a dry run then the submit).
     * Refusals are not kept: they are rare and their exception carries a stack.
     */
    private final Map<ReadingKey, Reading> readings = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ReadingKey, Reading> eldest) {
            return size() > REMEMBERED_READINGS;
        }
    });

    /** Whether {@link #read} has this prompt's reading at hand (for tests). */
    boolean remembers(String prompt, int imageCount) {
        return readings.containsKey(new ReadingKey(prompt, imageCount));
    }

    private Reading readLabelled(String prompt, int imageCount) {
        String said = prompt == null ? "" : prompt;
        if (said.indexOf('&') >= 0) {
            said = HTML_ENTITY.matcher(said).replaceAll(m -> switch (m.group(1)) { // sent HTML-escaped by a form or a CMS
                case "quot" -> "\"";
                case "amp" -> "&";
                case "lt" -> "<";
                case "gt" -> ">";
                default -> "'";
            });
        }
        if (said.indexOf('：') >= 0 || said.indexOf(':') >= 0) {
            said = LABELLED_TEXT.matcher(said).replaceAll("$2$1「$3」"); // 加个字幕：生日快乐 quotes its text as 「生日快乐」 does
        }
        if (said.contains("个字")) {
            said = COUNTED_TEXT.matcher(said).replaceAll("$1字幕「$2」"); // 在底部加上生日快乐四个字: the words counted are the text
        }
        if ((said.indexOf('写') >= 0 || said.indexOf('字') >= 0 || said.indexOf('题') >= 0 || said.indexOf('期') >= 0 || said.indexOf('价') >= 0 || said.indexOf('址') >= 0) && said.chars().noneMatch(c -> "\"“”「」『』".indexOf(c) >= 0)) {
            said = BARE_TEXT.matcher(said).replaceAll("$1「$2」"); // 加个字 宝宝生日快乐, 写2024年运动会: dictated text unquoted
        }
        if (said.indexOf('"') >= 0 || said.indexOf('“') >= 0 || said.indexOf('「') >= 0) {
            said = RELAYED.matcher(said).replaceFirst("${before}${words}"); // what a customer said, relayed: their request, not a caption
        }
        Quotes quotes = new Quotes(said);
        String masked = quotes.masked();
        checkImageReferences(masked, masked.toLowerCase(Locale.ROOT), quotes, imageCount);
        String written = normalizer.written(masked);
        Matcher earlier = written.contains("same as") || written.contains("like the one") || written.contains("老样子") || written.contains("以前")
                || written.contains("上次") || written.contains("之前") || written.contains("上个版本")
                || written.contains("上一版") || written.contains("上回") || written.contains("上一个") ? EARLIER_VERSION.matcher(written) : null;
        if (earlier != null && earlier.find()) {
            String words = quotes.restore(earlier.group()).strip();
            throw Refusal.notUnderstood("\"" + words + "\" refers to an earlier edit, and the engine keeps none: say every edit you want",
                    "“" + words + "”指的是之前的编辑，引擎不保留之前的编辑：请把想要的编辑都写出来", null);
        }
        String text = definedSections(normalizer.canonical(Fields.spelledOut(written)));
        Rule.Context context = new Rule.Context(imageCount, quotes);
        State state = new State();
        state.written = written;
        // Split where the protected copy says; read each clause as written (same offsets).
        text = sharedVerbs(text);
        if (Quotes.holdsMark(text)) {
            // Chinese puts the words right after what shows them (加个字幕“谢谢”在底部), English after "that says"
            // …but after the card's own noun: 加片头字卡，写「…」 is 加片头字卡「…」
            text = CARD_TEXT_APART.matcher(text).replaceAll(m -> Matcher.quoteReplacement(Lexicon.isCjk(m.group("card").charAt(0))
                    ? CARD_NOUN.matcher(m.group("between")).matches() ? m.group("card") + m.group("between") + m.group("text")
                    : m.group("card") + m.group("text") + m.group("between")
                    : m.group("card") + m.group("between") + " that says " + m.group("text")));
        }
        if (text.indexOf(')') >= 0 || text.indexOf('.') >= 0 || text.indexOf('、') >= 0) {
            String numbered = text;
            // a list counts 1, 2, 3 (or a, b, c, each apart, so a list may nest in another): "crf 23. need it for the cms"
            // holds no list
            int[] next = {1, 1};
            // "(image 1) at the top", "(9:16) for reels": a number closing an aside is no list's
            text = LIST_MARKER.matcher(text).replaceAll(m -> {
                int index = listIndex(m.group());
                int counter = m.group().chars().anyMatch(Character::isDigit) ? 0 : 1;
                if (numbered.lastIndexOf('(', m.start() - 1) > numbered.lastIndexOf(')', m.start() - 1) || index != 1 && index != next[counter]) {
                    return Matcher.quoteReplacement(m.group());
                }
                next[counter] = index + 1;
                return ", ";
            });
        }
        List<String> asides = new ArrayList<>();
        text = withoutAsides(text, asides);
        Alternation.Scan split = SPLIT.scan(protect(text));
        int clauseStart = 0;
        boolean joined = false;
        boolean scopeLed = false; // the last clause read into edits said its part before its edit
        boolean scopeLedZh = false; // …in Chinese, or took its part from a range said alone before it
        boolean chainedZh = false; // the clause follows a Chinese one after a comma or a space
        Part toldJustNow = null; // the part the clause before told of, asking nothing
        String misread = null; // the last clause not understood, while nothing has been read since
        boolean generativeJustNow = false; // the clause before asked what only a model can do
        PendingRefusal pending = new PendingRefusal();
        boolean askedJustNow = false; // the clause before was read into edits
        List<EditOperation> takenBackAlone = null; // the edits when a clause took the last back, said alone ("…, never mind", 算了不调了)
        while (clauseStart <= text.length()) {
            boolean found = split.find();
            int clauseEnd = found ? split.start() : text.length();
            if (clauseEnd > clauseStart) {
                int before = state.operations.size();
                int misreadBefore = state.notUnderstood.size();
                String clause = text.substring(clauseStart, clauseEnd);
                boolean retracted = state.retracting; // "no wait" said as a clause of its own
                state.listFollows = found && split.group().indexOf('、') >= 0;
                int passedOverBefore = state.ignored.size();
                Part toldBefore = state.mentionedPart;
                Marker marker = marker(clause);
                pending.beforeClause(marker, state);
                try {
                    boolean afterCorrection = state.corrected;
                    boolean correcting = state.correcting || marker.leads();
                    if (generativeJustNow && marker.retracts() && !clause.strip().startsWith("不是")) {
                        // 把我前男友P掉 算了算了 … 直接把前5秒剪了吧: what only a model could do, taken back
                        state.ignored.add(state.generative.removeLast());
                    }
                    int generativeBefore = state.generative.size();
                    EditOperation partBefore = state.pendingPart;
                    interpretClause(clause, joined, context, state);
                    if (correcting && partBefore != null && state.operations.size() == before + 1 && Operation.TRIM.is(state.operations.getLast())) {
                        // 从1分05开始 哦不对 从1分08开始 到1分15 慢动作: the part said alone, said again, waits for its edit
                        state.pendingPart = state.operations.removeLast();
                    }
                    generativeJustNow = state.generative.size() > generativeBefore;
                    if (correcting && generativeBefore > 0 && state.generative.size() > generativeBefore) {
                        // 配一首周杰伦的晴天 不对 配七里香: the refusal names what is asked now
                        state.generative.remove(generativeBefore - 1);
                    }
                    restated(state.operations, before);
                    // "倒放之后再放慢": the edit named as what the next one comes after, asked before, is not asked again
                    stillWanted(clause, found && split.group().contains("之后"), state.operations, before);
                    if (afterCorrection) {
                        saidAgainAfterCorrection(state, before);
                    }
                    state.passedOver = state.ignored.size() > passedOverBefore && state.operations.size() == before;
                } catch (OverlayRules.NoImageGiven e) {
                    // "change my shirt to blue its the work logo shirt": an image a rule misses in a clause that asks what
                    // only a model can make is no reason to refuse it as anything else
                    if (GENERATIVE.find(clause) < 0) {
                        pending.refuse(e, found, clause, state);
                    } else {
                        state.generative.add(context.quotes().restore(clause).strip());
                    }
                } catch (VeditException e) {
                    pending.refuse(e, found, clause, state);
                }
                pending.afterClause(marker, state);
                boolean markerAlone = marker.retracts() && marker.alone();
                if (markerAlone && state.operations.size() == before && before > 0 && askedJustNow) {
                    takenBackAlone = List.copyOf(state.operations);
                }
                askedJustNow = state.operations.size() > before;
                if (misread != null && state.notUnderstood.size() == misreadBefore
                        && (state.operations.size() > before && (retracted || marker.retracts()) || markerAlone)) {
                    // "can you freeze the start, no wait, freeze the last frame": what was taken back needs no reading
                    // (把前面 哦不 后面10秒调成黑白: the words taken back by "no" alone, and nothing after them)
                    state.notUnderstood.remove(misread);
                    misread = null;
                    state.retracting &= !markerAlone;
                } else if (state.notUnderstood.size() > misreadBefore) {
                    misread = state.notUnderstood.getLast();
                } else if (state.operations.size() > before) {
                    misread = null;
                }
                // "slower, like half the speed": the example says how much of the edit just asked for
                List<EditOperation> ops = state.operations;
                if (ELABORATION.matcher(clause).lookingAt() && before > 0 && ops.size() > before
                        && ops.get(before - 1).op().equals(ops.get(before).op())) {
                    // "0:00-0:12 should be a timelapse, like 8x": the amount, on the part the edit was asked for
                    ops.set(before, onPart(Part.ofEdit(ops.get(before - 1)), ops.get(before)));
                    ops.remove(before - 1);
                } else if (before > 0 && ops.size() == before + 1) {
                    amountOfPart(ops, before);
                    if (joined && scopeLed && ops.size() == before + 1) {
                        sharedPart(ops, before);
                    } else if (chainedZh && scopeLedZh && ops.size() == before + 1 && holdsHan(clause) && !SCOPE_NAMED_ZH.matcher(clause).find()
                            && !ops.get(before).op().equals(ops.get(before - 1).op())) {
                        sharedPart(ops, before); // 30秒以后调亮一点 饱和度也拉高一点, 1分半之后 静音 加速2倍 调暗: a part said first, then a list
                    }
                }
                if (toldJustNow != null && ops.size() == before + 1 && Part.ofEdit(ops.get(before)) == null && !state.complaints.contains(ops.get(before))
                        && !WHOLE_SAID.matcher(clause).find()) {
                    // "the goal is from 1:42 to 1:48, slow motion please", 前面1分钟都是空镜头，帮我加速到4倍: the part just told of
                    EditOperation asked = ops.get(before);
                    ops.set(before, Operation.of(asked).forAPart() ? onPart(toldJustNow, asked) : asked);
                }
                // (a part said to be left alone is the part the edits are not for: "don't touch the first 5 seconds, then …")
                // (nor one said to be fine: "the first 10 seconds are great. make it brighter"; nor when the prompt asks for the
                // whole video anywhere, as the canonical words no longer show where: "…, but make the whole thing brighter")
                toldJustNow = state.mentionedPart != toldBefore && ops.size() == before && !state.mentionedPart.equals(state.untouched)
                        && !PRAISED.matcher(clause).find() && !WHOLE_SAID.matcher(WHOLE_FRAME.matcher(REST_AS_IT_IS.matcher(state.written).replaceAll(" ")).replaceAll(" ")).find()
                        ? state.mentionedPart : null;
                if (ops.size() > before) {
                    scopeLed = SCOPE_FIRST.matcher(clause).lookingAt();
                    scopeLedZh = holdsHan(clause) && Part.ofEdit(ops.getLast()) != null
                            && (SCOPE_FIRST_ZH.matcher(clause).lookingAt() || !SCOPE_NAMED_ZH.matcher(clause).find());
                }
            }
            if (!found) {
                break;
            }
            // a range listed with 、 before the next ("10秒到20秒、1分到1分10秒锐化一下") is joined to it as with 和
            chainedZh = split.group().isBlank() || split.group().strip().equals("，") || split.group().strip().equals(",");
            joined = JOINING.matcher(split.group()).find()
                    || split.group().indexOf('、') >= 0 && !state.operations.isEmpty() && isBareRange(state.operations.getLast());
            state.afterPlus = split.group().indexOf('+') >= 0; // "sepia + vignette": a list, though "+" may join a context too
            // after a request, not joining two complaints ("it's upside down and also mirrored, just flip it")
            state.saidAlso = !state.describing && ADDED.matcher(split.group()).find() && !split.group().contains("and");
            state.saidMore = MORE_SAID.matcher(split.group()).find();
            clauseStart = split.end();
        }
        pending.atEnd();
        if (takenBackAlone != null && state.operations.equals(takenBackAlone)) {
            // 调亮……算了不调了, "make it brighter... actually no, never mind": taken back, and nothing asked since
            state.ignored.add(state.operations.removeLast().source());
        }
        for (String aside : asides) {
            readAside(aside, context, state);
        }
        if (state.pendingPart != null) {
            EditOperation part = state.pendingPart;
            if (DURING.matcher(part.source()).lookingAt()) {
                // "…, for the last 5 seconds" with no edit after it: the edit it is for is not said, so it is no trim
                throw TimeRules.partEdit(part.source());
            }
            state.operations.add(part); // "from 0:10 to 0:20" alone: what is kept
        }
        placedAfterNamed(state);
        dropTheSizeItIs(state);
        if (state.momentAlone != null) {
            state.notUnderstood.add(state.momentAlone); // a moment said alone, and no edit of it after
        }
        textAhead(state);
        placeAhead(context, state);
        timeSharedWithAText(context, state);
        if (state.greenScreen != null) {
            state.notUnderstood.add(state.greenScreen); // a green screen named, and nothing said of what goes in it
        }
        // "slow down the part where she blows out the candles" and no time after it: the engine cannot find that part
        state.unplaced.forEach((op, clause) -> {
            if (state.operations.removeIf(o -> o == op)) {
                state.notUnderstood.add(clause);
            }
        });
        if (state.speedTooMuch != null && state.operations.stream().noneMatch(Operation.SPEED::is)) {
            state.notUnderstood.add(state.speedTooMuch); // too fast, and no speed said instead
        }
        unusedFigures(state);
        refuseIfAny(state.generative, state.notUnderstood);
        aroundTheUntouched(state);
        List<EditOperation> operations = merged(FrameRules.fitted(OverlayRules.insetIfPhoto(OverlayRules.keyedIfScreened(noiseOfTheSound(answered(state), state, written), written))), written);
        refuseDroppedAndKept(operations, written);
        refuseColourKept(operations, written);
        refuseLengthKept(operations, written);
        refuseASongAsText(operations, written);
        operations = withTheLengthTold(operations, written);
        refusePastWhatIsKept(operations);
        if (operations.isEmpty()) {
            String read = quotes.restore(text).strip();
            String quoted = read.isEmpty() ? prompt.strip() : read; // all of it was context: quote what was said
            throw Refusal.notUnderstood("the local engine found no edit it can perform in \"" + quoted + "\"",
                    "本地引擎未在“" + quoted + "”中找到可执行的编辑", lexicon.closest(text));
        }
        return new Reading(operations, state.ignored);
    }

    /**
     * A text asked for before its words takes the words said next, and what was said of it; followed by no text, it is not
     * understood rather than passed over.
     */
    private static void textAhead(State state) {
        if (state.textAhead == null) {
            return;
        }
        EditOperation asked = state.textAheadAfter < state.operations.size() && Operation.TEXT.is(state.operations.get(state.textAheadAfter))
                ? TextSlots.askedBy(state.operations.get(state.textAheadAfter), state.textAhead) : null;
        if (asked != null) {
            state.operations.set(state.textAheadAfter, asked);
        } else {
            state.notUnderstood.add(state.textAheadSaid);
        }
    }

    /**
     * A place said alone goes to the first text, logo or inset said after it; said before none, or before one that names
     * its own place, it is not understood rather than passed over.
     */
    private static void placeAhead(Rule.Context context, State state) {
        if (state.placeAhead == null) {
            return;
        }
        for (int i = state.placeAheadAfter; i < state.operations.size(); i++) {
            EditOperation op = state.operations.get(i);
            if (op.params().containsKey("position")) {
                EditOperation placed = PLACE_SAID.matcher(op.source()).find() ? null : OverlayRules.amended(op, state.placeAhead, context);
                if (placed != null) {
                    state.operations.set(i, placed);
                    return;
                }
                break; // one that says its own place: what the place alone was for is not said
            }
        }
        state.notUnderstood.add(context.quotes().restore(state.placeAhead).strip());
    }

    /** Whether a clause opens with a verb said to the editor and names the video, its sound or a part of it. */
    private boolean asksOfTheVideo(String clause) {
        String verb = firstWordAsked(clause.strip());
        return (lexicon.isImperative(verb) || verb.matches("take|get|grab|pull|bring|pick")) && EDIT_OBJECT.matcher(clause).find();
    }

    /** What an edit is done to, named after a verb: the video, its sound, a part of it. */
    private static final Pattern EDIT_OBJECT = Pattern.compile("\\b(?:the|this|that)\\s+(?:(?:whole|entire|first|last|second|other)\\s+)?(?:video|clip|footage|sound|audio|picture|colou?rs?|half|part|quarter|third|bit|section)\\b");

    /** A corner of the screen and nothing else ("左边" alone may still correct a turn: 往左边转 左边). */
    private static final Pattern CORNER_ALONE = placeAlone("(?:top|bottom|upper|lower)[\\s-]+(?:left|right)", "[左右][上下]角");

    /** A clause that names one of these places and nothing else: "in the top left corner", "放在右下角". */
    private static Pattern placeAlone(String places, String zhPlaces) {
        return Pattern.compile("\\s*(?:(?:in|at|on)\\s+)?(?:the\\s+)?(?:" + places + ")(?:\\s+corner)?\\s*|\\s*(?:放在|在)?(?:" + zhPlaces + ")\\s*");
    }

    /** A place on the screen said among other words. */
    private static final Pattern PLACE_SAID = Pattern.compile("(?<![\\p{L}])(?:" + OverlayRules.POSITION_WORDS + ")(?![\\p{L}])|" + OverlayRules.ZH_POSITION_WORDS);

    /**
     * How long the user says the video is: "my clip is 20 seconds", "the video is only 50 seconds long", 视频才15秒,
     * 视频总长1分30 (minutes are seconds by now), "my clip is 12 seconds".
     */
    private static final Pattern LENGTH_TOLD = Pattern.compile("\\b(?:(?:my|the|this|our)\\s+(?:(?:whole|entire|full|original)\\s+)?|(?:whole|entire|full|total)\\s+|(?<![\\w'] )(?=(?:clip|video|vid|footage)(?:'s|\\s+is)\\s))(?:(?!(?:first|second|third|last|other|next|intro|outro|new|old)\\b)[a-z]+\\s+)?(?:clip|video|vid|footage|original|recording|file|demo|reel|vlog|film|movie)(?:'s|\\s+is|\\s+was)\\s+"
            + "(?:only\\s+|just\\s+)?(?:(?<n>\\d+(?:\\.\\d+)?)\\s*(?<unit>s|secs?|seconds?|mins?|minutes?|hours?|hrs?)\\b(?!\\s*(?:too|longer|shorter|over|more|less|extra)\\b)"
            + "|(?<clock>\\d{1,2}:\\d\\d)(?:\\s+long)?(?!\\s*(?:-|–|to|until|till|too|longer|shorter|over|more|less|extra)\\b|[\\d:]))"
            // (never a length said as what is too much: "the clip is 30 seconds too long")
            + "|(?:整个|整条|这个|这条)?(?:视频|影片|片子|原片|原视频|素材)(?:才|只有|一共|总共|总长|总时长|时长|长度|就|是)(?:是|有|只有)?\\s*(?<zh>\\d+(?:\\.\\d+)?)\\s*(?<zhUnit>秒|分钟?|小时)(?!\\s*(?:太长|多了|到|至|-|~|的(?!\\s*(?:$|[,，。)）]))))");

    /**
     * An edit of seconds past the end of the video, as long as the user says it is ("在2分10秒定格3秒，视频总长1分30", "keep
     * 1:30 to 2:00 (the video is only 50 seconds long)", "my clip is 20 seconds, make it 10 minutes long"): impossible as
     * asked, said so, rather than an edit the render would find nothing for. A half kept is said in seconds ("get rid of
     * the first half, the video's 48 seconds long" keeps from 24 s).
     */
    private static List<EditOperation> withTheLengthTold(List<EditOperation> ops, String written) {
        Matcher told = LENGTH_TOLD.matcher(written);
        if (!told.find()) {
            return ops;
        }
        boolean zh = told.group("zh") != null;
        String unit = zh ? told.group("zhUnit") : told.group("unit");
        String clock = told.group("clock");
        double length = clock != null ? Rule.seconds(clock)
                : Double.parseDouble(zh ? told.group("zh") : told.group("n")) * (unit.startsWith("h") || unit.equals("小时") ? 3600 : unit.startsWith("m") || unit.startsWith("分") ? 60 : 1);
        for (EditOperation op : ops) {
            Map<String, Object> p = op.params();
            double start = p.get("start") instanceof Number n ? n.doubleValue() : p.get("from") instanceof Number n ? n.doubleValue() : p.get("at") instanceof Number n ? n.doubleValue() : 0;
            double end = p.get("to") instanceof Number n ? n.doubleValue() : p.get("end") instanceof Number n ? n.doubleValue()
                    : Operation.TRIM.is(op) && p.get("duration") instanceof Number n ? start + n.doubleValue() : start;
            boolean drops = (Operation.TRIM_LAST.is(op) || Operation.DROP_LAST.is(op)) && p.get("duration") instanceof Number n && n.doubleValue() >= length;
            if (start >= length || end > length + 0.5 || drops) {
                String seconds = Rule.written(length);
                throw Refusal.impossible("the video is " + seconds + " seconds long, as the prompt says, and \"" + op.source() + "\" asks for seconds past its end",
                        "提示中说视频只有" + seconds + "秒，“" + op.source() + "”要求的时间超出了视频结尾");
            }
        }
        double half = Rule.round(length / 2);
        return ops.stream().map(op -> Operation.TRIM.is(op) && op.params().containsKey("half")
                ? Operation.TRIM.with("first".equals(op.params().get("half")) ? Map.of("start", 0.0, "duration", half) : Map.of("start", half), op.source())
                : inSeconds(op, length)).toList();
    }

    /**
     * An edit that starts where a trim said in the same prompt has already ended ("keep only the first 10 seconds and put
     * 'THE END' at 0:25", 剪到前20秒，然后在第25秒加字幕): impossible as asked, whichever timeline the user counted in,
     * since a trim keeps nothing past its end; done, the text would never show.
     */
    private static void refusePastWhatIsKept(List<EditOperation> ops) {
        for (EditOperation trim : ops) {
            if (!Operation.TRIM.is(trim) || !(trim.params().get("duration") instanceof Number length)) {
                continue;
            }
            double end = (trim.params().get("start") instanceof Number s ? s.doubleValue() : 0) + length.doubleValue();
            for (EditOperation op : ops) {
                Map<String, Object> p = op.params();
                Object start = p.get("start") instanceof Number ? p.get("start") : p.get("from") instanceof Number ? p.get("from") : p.get("at");
                if (op != trim && !Operation.TRIM.is(op) && !Operation.CUT.is(op) && start instanceof Number n && n.doubleValue() >= end) {
                    String kept = Rule.written(end);
                    throw Refusal.impossible("\"" + trim.source() + "\" keeps nothing after " + kept + " seconds, and \"" + op.source()
                                    + "\" asks for " + Rule.written(n.doubleValue()) + " seconds, past that end",
                            "“" + trim.source() + "”只保留到第" + kept + "秒，“" + op.source() + "”要求的第" + Rule.written(n.doubleValue()) + "秒已在保留的部分之后");
                }
            }
        }
    }

    /** An edit of a half or of the last seconds, its part said in seconds once the length is told ("the clip is 30 seconds. Slow the first half down"). */
    private static EditOperation inSeconds(EditOperation op, double length) {
        Map<String, Object> params = new LinkedHashMap<>(op.params());
        if (params.get("half") instanceof String which && !Operation.TEXT.is(op)) {
            params.remove("half");
            double half = Rule.round(length / 2);
            params.put("from", which.equals("first") ? 0.0 : half);
            if (which.equals("first")) {
                params.put("to", half);
            }
            return new EditOperation(op.op(), params, op.source());
        }
        if ("end".equals(params.get("at")) && params.get("duration") instanceof Number last && Operation.of(op).forAPart() && !Operation.TEXT.is(op)) {
            params.remove("at");
            params.remove("duration");
            params.put("from", Rule.round(Math.max(0, length - last.doubleValue())));
            return new EditOperation(op.op(), params, op.source());
        }
        return op;
    }

    /** Words that set a figure aside: it was given for another use, or only to look at. */
    private static final Pattern FIGURE_SET_ASIDE = Pattern.compile("\\b(?:ignore|don'?t\\s+use|do\\s+not\\s+use|not\\s+(?:to\\s+)?use|elsewhere|another\\s+post"
            + "|a\\s+different|separate|just\\s+so\\s+you|for\\s+reference|reference\\s+only|not\\s+for\\s+this)\\b|不用管|不用|别用|不要用|忽略|参考|仅供");

    /**
     * "…, and the fest logo which is image 1 should come at the top left corner": a clause passed over as context that
     * names a figure no edit uses was asked for in words the rules miss. Done without it, the logo would silently be
     * missing; unless the prompt sets a figure aside ("image 1 is for another post", 图1不用管), it is not understood.
     */
    private static void unusedFigures(State state) {
        if (state.ignored.stream().anyMatch(c -> FIGURE_SET_ASIDE.matcher(c).find())) {
            return;
        }
        Set<Integer> used = new HashSet<>();
        state.operations.forEach(o -> {
            if (o.params().get("image") instanceof Number n) {
                used.add(n.intValue());
            }
        });
        for (String clause : state.ignored) {
            Matcher figure = IMAGE_REFERENCE.matcher(clause.toLowerCase(Locale.ROOT));
            while (figure.find()) {
                if (!used.contains(figureOf(figure))) {
                    state.notUnderstood.add(clause);
                    break;
                }
            }
        }
    }

    /**
     * A part of the video named by what happens in it: "the part where she blows out the candles", "the bit when he
     * falls", 孙子跳舞那段, 1分05到1分10那波团灭给我慢放; or ({@code thing}) what is seen in it, just before its time ("slow-mo the
     * kill at 1:23").
     */
    private static final Pattern NAMED_PART = Pattern.compile("\\b(?:the|that|this)\\s+(?:part|bit|section|segment|moment|scene|shot|clip)\\s+"
            + "(?:(?:at|near|towards?)\\s+the\\s+(?:end|start|beginning)\\s+)?(?:where|when|with|in\\s+which)\\s+[^,;.!?]+?(?=\\s+(?:at|from|between|around|about|roughly|approximately|starting)\\b"
            + "|\\s+\\d+(?::\\d{2})?\\s*(?:s|secs?|seconds?)?\\s*(?:to|-|–)\\s*\\d|\\s*$"
            // "make the part where the dog jumps in the pool slower": what becomes of it closes the name
            + "|\\s+(?:to\\s+be\\s+|in\\s+)?(?:slower|faster|brighter|darker|louder|quieter|muted|silent|sepia|black\\s+and\\s+white|slow\\s+motion|slow-?mo|slo-?mo|reversed)\\b[^,;.!?]{0,16}$)"
            // "slow down the flip 2:02-2:06" ("around" is gone by now); "the first dance part, roughly 1:05 to 1:40, …"
            + "|(?<thing>\\bthe\\s+(?:[a-z'-]+\\s+){0,2}?[a-z'-]{3,})(?=\\s+(?:(?:at|from|between|around)\\s+(?:about\\s+|around\\s+)?\\d|\\d{1,2}:\\d{2}\\s*(?:-|–|to)\\s*\\d))"
            + "|\\bthe\\s+(?:[a-z'-]+\\s+){1,2}(?:part|bit|section|segment|moment|scene)\\b(?=\\s*$)"
            // "slow motion right when he jumps into the pool": a moment named by what happens then, after the edit
            + "|(?<=\\S\\s)(?<!\\d[^;.!?]{0,80})(?<!^\\s{0,3}(?:right|just|exactly)\\s{1,3})(?:right\\s+|just\\s+|exactly\\s+)?(?:when|as\\s+soon\\s+as|the\\s+moment)\\s+(?:he|she|they|we|i|someone|somebody|(?:the|my|our|his|her|their)\\s+[a-z]+)\\s+[a-z]+[^,;.!?\\d]*?(?=\\s+(?:at|from|between|around|about)\\s+\\d|\\s*$)"
            + "|(?:^|(?<=把|将|给我|[\\s\\d秒]))(?![秒钟])[\\p{IsHan}a-z]{2,10}?的?(?:那段|这段|那一段|这一段|那波|这波|那部分|这部分|的时候|那一下|那一刻|那会儿|那个镜头|这个镜头|那一幕|这一幕|那个画面|那个动作)(?:的?视频)?"
            // the end or the start with no length ("can the end be slower?", 结尾能不能慢一点): placed by a time said after it
            + "|(?<=\\bmake\\s)the\\s+(?:very\\s+)?(?:end|ending|beginning|start)\\b(?!\\s+of)|(?:^|(?<=把|将))(?:结尾|开头|末尾|片尾)(?:部分|那段|这段)?(?![\\d一二两三四五六七八九十]|\\s*\\d)"
            // a song's sections: 副歌部分（1:05到1:40）音量调大50%
            + "|(?:^|(?<=把|将|给我|[\\s\\d秒，,]))(?:副歌|主歌|间奏|前奏|尾奏|高潮|独奏|合唱)(?:部分|那段|这段|段落|的部分)?"
            + "|\\b(?:for|during|in|on)\\s+the\\s+[a-z]+\\s+(?:bit|part|section|moment|scene)(?:\\s+at\\s+the\\s+(?:end|start|beginning))?\\b|\\bin\\s+the\\s+middle\\b"
            + "|(?:^|(?<=[\\s\\d秒]))[那这]一?[段波][\\p{IsHan}a-z]{0,6}?(?=给我|帮我|[把将慢快放调加减剪删去静变改倒定]|[\\s，,]|$)");

    /**
     * Edits of a part named by what happens in it ({@link #NAMED_PART}), read without the name: with a time in the clause
     * they are edits of that time; without one they wait for the time said next ("…, around 0:12 to 0:18"), and are
     * refused if none comes, since the engine cannot find the part by what happens in it. What is seen in a part names it
     * only for edits of time (speed, trims, freezes): for others it is what to change ("blur the plate at 0:10").
     */
    private boolean readNamedPart(String clause, String quoted, Rule.Context context, State state) {
        Matcher named = NAMED_PART.matcher(clause);
        if (!named.find()) {
            return false;
        }
        String before = clause.substring(0, named.start());
        String after = clause.substring(named.end());
        // Chinese closes up around the name (最后5秒倒酒那段慢放 is 最后5秒慢放), English keeps a space
        boolean closed = !before.isBlank() && !after.isBlank() && Lexicon.isCjk(before.charAt(before.length() - 1)) && Lexicon.isCjk(after.charAt(0));
        Attempt edits = attempt(normalizer.canonical(before + (closed ? "" : " ") + after), context);
        List<EditOperation> ops = edits.operations();
        if (!edits.understood() || ops.isEmpty()
                || named.group("thing") != null && !ops.stream().allMatch(o -> Operation.of(o).phase() != Phase.FRAME || Operation.CUT.is(o))
                // the thing took the edit's words with it ("make the sky sunset orange from 1:00 to 1:30"): only the range is left
                || named.group("thing") != null && ops.size() == 1 && isRangeSaid(ops.getFirst()) && lexicon.isImperative(before)
                && !KEEPS_RANGE.matcher(before.strip()).lookingAt()) {
            return false;
        }
        List<EditOperation> read = onPendingPart(ops, quoted, false, state);
        for (EditOperation op : read) {
            if (Part.ofEdit(op) == null && Operation.of(op).phase() != Phase.SELECT && !Operation.CUT.is(op)) {
                state.unplaced.put(op, quoted);
            }
        }
        state.operations.addAll(read);
        return true;
    }

    /**
     * A section of the video named by what it is ("for the duration of the intro", "during the chorus"): a part the
     * engine cannot find, so the edit beside it is not understood rather than done on the whole video.
     */
    private static final Pattern SECTION_NAMED = Pattern.compile("\\b(?:for|during|in|throughout|over)\\s+(?:the\\s+)?(?:(?:duration|length|whole|rest)\\s+of\\s+(?:the\\s+)?)?"
            + "(?:intro|outro|chorus|verse|solo|bridge|opening|ending|credits|drop)\\b");

    /**
     * An exception left unread: "speed up all but the last 5 seconds" read as "speed up the last 5 seconds" would do
     * the opposite of what was asked (the rest of the video has no part of its own: the render knows where it ends,
     * the plan does not), so these words left over leave the clause not understood. "All but the first 5 seconds" and
     * "all but 0:20-0:25" are parts the normaliser reads first.
     */
    private static final Pattern EXCEPTION_LEFT = Prefilter.guarded(Pattern.compile(
            "\\b(?:all|everything|every\\s+part|the\\s+(?:whole|entire)\\s+(?:thing|video|clip))\\s+(?:but|except(?:\\s+for)?|apart\\s+from|other\\s+than|save\\s+for|besides)\\b"));

    /** Words that limit an edit named again to a part: "but the grain only in the last 10 seconds", 颗粒只加在最后10秒. */
    private static final Pattern LIMITS = Pattern.compile("\\b(?:only|just)\\b|只|仅");

    /**
     * "Add a vignette and a bit of film grain, but the grain only in the last 10 seconds": an edit asked for earlier,
     * named again with "only" and a part, is that edit of the part. Read as another edit it was done twice, once on the
     * whole video.
     */
    private static boolean limitsAnEarlierEdit(List<EditOperation> read, String clause, State state) {
        if (read.size() != 1 || Part.ofEdit(read.getFirst()) == null || !LIMITS.matcher(clause).find()) {
            return false;
        }
        EditOperation limited = read.getFirst();
        for (int i = state.operations.size() - 1; i >= 0; i--) {
            EditOperation earlier = state.operations.get(i);
            if (earlier.op().equals(limited.op()) && Part.ofEdit(earlier) == null) {
                state.operations.set(i, new EditOperation(limited.op(), limited.params(), earlier.source() + ", " + limited.source()));
                return true;
            }
        }
        return false;
    }

    private static final Pattern REST_WORD = Pattern.compile("rest|else|remain|left|everything\\s+(?:after|past|from)|剩|其余|其他|其它|后面");

    /** The rest of the video, after a part said before: "the rest", "everything else", 剩下的, 其余部分, 后面的. */
    private static final Pattern THE_REST = Pattern.compile("(?:and\\s+|then\\s+)?(?:(?<verb>make|turn|have|put|set|get)\\s+)?(?:the\\s+rest(?:\\s+of\\s+(?:it|the\\s+(?:video|clip)))?|everything\\s+else|everything\\s+(?:after|past|from)\\s+(?:that|it|this|there)(?:\\s+on)?|the\\s+remainder|what'?s\\s+left|what\\s+remains)\\b"
            + "|(?:剩下的|剩余的|其余的?|其他的?|其它的?|(?<after>后面的|后面(?=[调变弄亮暗加减慢快放转都全]|(?:用|按|开)?(?:\\d+(?:\\.\\d+)?|[一两二三四五六七八九十半])倍)|之后的))(?:部分|内容|画面|时间)?(?:都|就|全部|全)?"
            // its speed changed: "speed up the rest 2x", "slow the rest of it down"
            + "|(?<speed>speed|slow)\\s+(?:up\\s+|down\\s+)?(?:the\\s+rest(?:\\s+of\\s+(?:it|the\\s+(?:video|clip)))?|the\\s+remainder)(?:\\s+(?:up|down))?\\b");

    /** The rest named after its edit: "sepia for the rest", "slow motion on the rest of it". */
    private static final Pattern REST_PLACED = Pattern.compile("(?<=\\S)\\s+(?:for|on|in|during|over|across|to|throughout)\\s+$");

    /**
     * "前20秒黑白，剩下的调成暖色调", "The first 15 seconds are fine. Make the rest twice as bright": an edit of the rest of
     * the video, after the first seconds (or a time onwards) said by an earlier edit or a description, is an edit from
     * where they end (or up to where it starts). Read alone "the rest" named no part, and the clause was not understood.
     */
    private boolean readTheRest(String clause, Rule.Context context, State state) {
        if (!REST_WORD.matcher(clause).find()) {
            return false; // most clauses name no rest: the full search below was a fiftieth of a reading
        }
        Matcher rest = THE_REST.matcher(clause.strip());
        if (!rest.find()) {
            return false;
        }
        Part before = state.mentionedPart;
        for (int i = state.operations.size() - 1; i >= 0 && before == null; i--) {
            before = Part.ofEdit(state.operations.get(i));
        }
        Part named = before;
        // a cut's part is its start and end, not a part of an edit
        boolean cutOut = named != null && state.operations.stream().anyMatch(op -> Operation.CUT.is(op)
                && op.params().get("start") instanceof Number start && start.doubleValue() == named.from()
                && op.params().get("end") instanceof Number end && end.doubleValue() == named.to());
        boolean after = rest.group("after") != null;
        if (after && before == null && !state.operations.isEmpty() && state.operations.getLast().params().get("at") instanceof Number at) {
            before = new Part(0, at.doubleValue(), 0); // 第15秒定格3秒，然后后面慢放: after the moment frozen
        }
        if (before != null && (before.half() != null || before.last() > 0 || before.from() == 0 && before.to() == Part.END)) {
            return false; // one whose rest is no part a plan can name (all but its last seconds)
        }
        // none said: the rest of what is left ("cut the first 10 seconds and speed up the rest"), the whole video; the
        // rest of the middle ("sketch from 0:10 to 0:20, sepia for the rest") is the two parts around it
        // …and the rest of a part cut out ("0:45到1:30是加载画面，剪掉；剩下的1.5倍速") is all that is kept
        List<Part> others = before == null || cutOut && !after ? null : before.from() == 0 || after ? List.of(new Part(before.to(), Part.END, 0))
                : before.to() == Part.END ? List.of(new Part(0, before.from(), 0))
                : List.of(new Part(0, before.from(), 0), new Part(before.to(), Part.END, 0));
        String said = clause.strip();
        String verb = rest.group("verb");
        String speed = rest.group("speed");
        String it = speed != null ? (speed.equals("speed") ? "speed it up" : "slow it down")
                : verb != null ? verb + " it" : Lexicon.isCjk(said.charAt(0)) ? "" : "make it";
        Matcher on = REST_PLACED.matcher(said.substring(0, rest.start()));
        String edit = on.find() ? said.substring(0, on.start()) + said.substring(rest.end()) // "sepia for the rest"
                : said.substring(0, rest.start()) + it + said.substring(rest.end());
        Attempt read = attempt(normalizer.canonical(edit.strip()), context);
        if (!read.understood() || read.operations().isEmpty()) {
            return false;
        }
        if (others == null) {
            state.operations.addAll(read.operations());
            return true;
        }
        List<EditOperation> onRest = new ArrayList<>();
        for (EditOperation op : read.operations()) {
            for (Part other : others) {
                EditOperation applied = other.apply(op, op.source() + ", " + rest.group().strip());
                if (applied == null) {
                    return false;
                }
                onRest.add(applied);
            }
        }
        state.operations.addAll(onRest);
        return true;
    }

    /** "…, then down for the last 15 secs", "…, raise it on the last 20": a direction alone, then where, after an edit that goes up or down. */
    private static final Pattern THE_OTHER_WAY = Pattern.compile("\\s*(?:(?:and|but)\\s+)?(?:then\\s+)?(?:(?<up>raise|increase|boost)\\s+it\\b|(?<down>lower|reduce|decrease)\\s+it\\b"
            + "|(?:(?:turn|bring)\\s+it\\s+)?(?<direction>up|down)\\b)(?=\\s*\\S)");
    /**
     * The edits that go up or down, each said both ways as the rules read it. Not speed: a part's speed is not the
     * whole's times the part's, as the levels here are ("2x, then down for the last 5 seconds" is no 1.5x ending).
     */
    private static final Map<Operation, List<String>> UP_AND_DOWN = Map.of(
            Operation.VOLUME, List.of("turn the volume up", "turn the volume down"),
            Operation.BRIGHTNESS, List.of("brighten it", "darken it"),
            Operation.CONTRAST, List.of("increase the contrast", "lower the contrast"),
            Operation.SATURATION, List.of("increase the saturation", "reduce the saturation"));

    /**
     * "turn the music up, then down for the last 15 secs": "up" or "down" alone, then a part, right after an edit that goes
     * up or down, is that edit that way on that part. Read alone it was a trim that kept the part; a speed said so, or
     * words that read as no such edit, are not understood.
     */
    private boolean readTheOtherWay(String clause, String quoted, Rule.Context context, State state) {
        EditOperation previous = state.operations.isEmpty() ? null : state.operations.getLast();
        List<String> ways = previous == null ? null : UP_AND_DOWN.get(Operation.of(previous));
        Matcher direction = THE_OTHER_WAY.matcher(clause);
        if (ways == null && !(previous != null && Operation.SPEED.is(previous)) || !direction.lookingAt()) {
            return false;
        }
        boolean up = direction.group("up") != null || "up".equals(direction.group("direction"));
        Attempt again = ways == null ? null : attempt(ways.get(up ? 0 : 1) + clause.substring(direction.end()), context);
        if (again == null || !again.understood() || again.operations().size() != 1 || !again.operations().getFirst().op().equals(previous.op())
                || hasWords(unexplained(again.leftover()))) {
            state.notUnderstood.add(quoted); // never the part kept alone, which the words after the direction would read as
            return true;
        }
        EditOperation edit = again.operations().getFirst();
        state.operations.add(new EditOperation(edit.op(), edit.params(), quoted.strip()));
        return true;
    }

    /** A quoted text said first in a clause, with no verb before it: "and 'Community meeting' from 0:45 to 0:52". */
    private static final Pattern SAME_SPOT = Pattern.compile("\\b(?:in|at|on)\\s+the\\s+same\\s+(?:spot|place|position|location|corner|area)\\b|(?:也)?(?:放)?在?(?:同一个|同样的|同一|原来的|一样的)(?:位置|地方)");
    private static final Pattern TEXT_FIRST = Pattern.compile("\\s*(?:(?:and|also|then|plus)\\s+){0,2}(?=[\\x{E000}-\\x{E0FF}])");

    /**
     * "add the title 'Welcome' from 0:02 to 0:05, and 'Community meeting' from 0:45 to 0:52": a quoted text said without
     * a verb, right after a text, is another text of that kind, where and when the clause says. False, and nothing
     * changed, when the clause reads as no single text.
     */
    private boolean readAnotherText(String clause, String quoted, Rule.Context context, State state) {
        EditOperation previous = state.operations.isEmpty() ? null : state.operations.getLast();
        Matcher first = TEXT_FIRST.matcher(clause);
        if (previous == null || !Operation.TEXT.is(previous) || !first.lookingAt()) {
            return false;
        }
        // "…, then 'Step 2' in the same spot from 0:12 to 0:20": where the one before it is
        String said = SAME_SPOT.matcher(clause.substring(first.end()))
                .replaceFirst("at the " + String.valueOf(previous.params().get("position")).replace('-', ' '));
        Attempt again = attempt("add the " + previous.params().get("style") + " " + said, context);
        if (!again.understood() || again.operations().size() != 1 || !Operation.TEXT.is(again.operations().getFirst())
                || hasWords(unexplained(again.leftover()))) {
            return false;
        }
        EditOperation text = again.operations().getFirst();
        state.operations.add(new EditOperation(text.op(), text.params(), quoted.strip()));
        return true;
    }

    /** The edit just asked for, asked again of another part or moment: "do the same to the ending", "again at 1:20", 结尾3秒也一样. */
    private static final Pattern THE_SAME = Pattern.compile("^\\s*(?:and\\s+|then\\s+)?(?:(?:do|apply)\\s+)?(?:the\\s+)?same(?:\\s+thing)?(?:\\s+(?:to|for|with|at|on|in))?"
            + "(?:\\s+the\\s+(?:ending|end|beginning|start|opening))?\\s*|^\\s*(?:and\\s+)?(?:again|once\\s+more)\\s+|\\s*(?:and\\s+)?(?:again|too|as\\s+well)\\s*$"
            + "|\\s*(?:也一样|也是一样|同样|一样|再来一次|再来一遍|再来一下|也这样|也要)\\s*$|^\\s*(?:同样|一样)地?");
    private static final Pattern SAME_WORD = Pattern.compile("same|again|more|too|well|一样|同样|再来|这样|也要");
    private static final Pattern MOMENT_ALONE = Pattern.compile("(?:at\\s+(?:the\\s+)?)?(?:在\\s*)?第?\\s*" + Rule.time("at") + Rule.SECONDS + "?(?:\\s+mark)?(?:处|那里)?");

    /**
     * "Make the first 3 seconds sepia, and do the same to the ending (last 3 seconds)", "Freeze frame at 0:40 for 2
     * seconds, and again at 1:20", 前3秒反色，结尾3秒也一样: the edit just asked for, again, of the part or moment said
     * now. False, and nothing changed, when the clause is not such a repeat.
     */
    private boolean readTheSame(String clause, Rule.Context context, State state) {
        if (state.operations.isEmpty() || !SAME_WORD.matcher(clause).find()) {
            return false;
        }
        Matcher same = THE_SAME.matcher(clause);
        if (!same.find()) {
            return false;
        }
        String rest = (clause.substring(0, same.start()) + " " + clause.substring(same.end())).strip();
        EditOperation previous = state.operations.getLast();
        Matcher moment = MOMENT_ALONE.matcher(rest);
        if (Operation.FREEZE.is(previous) && moment.matches()) {
            Map<String, Object> params = new LinkedHashMap<>(previous.params());
            params.put("at", Rule.seconds(moment.group("at")));
            state.operations.add(new EditOperation(previous.op(), params, previous.source() + ", " + moment.group().strip()));
            return true;
        }
        boolean removal = removes(previous);
        if (rest.isEmpty() || !removal && Part.ofEdit(previous) == null && !Operation.of(previous).forAPart()) {
            return false;
        }
        Attempt part = attempt(normalizer.canonical(rest), context);
        if (!part.understood() || part.operations().size() != 1 || hasWords(unexplained(part.leftover()))) {
            return false;
        }
        EditOperation said = part.operations().getFirst();
        if (!isEdge(said) && !isRangeSaid(said) && !isOnward(said)) {
            return false;
        }
        if (removal) {
            EditOperation removed = removalOf(said);
            return removed != null && state.operations.add(removed);
        }
        return addAgain(state, previous, said);
    }

    /** An edit that takes seconds out: the first ones, the last ones, or a range. */
    private static boolean removes(EditOperation op) {
        return Operation.DROP_LAST.is(op) || Operation.CUT.is(op)
                || Operation.TRIM.is(op) && !op.params().containsKey("duration") && op.params().get("start") instanceof Number start && start.doubleValue() > 0;
    }

    /**
     * "First 3 seconds are black, remove them. Last 2 seconds too.": the seconds said after a removal, taken out as well
     * (read alone they would be the seconds kept); null for any other part.
     */
    private static EditOperation removalOf(EditOperation said) {
        Map<String, Object> p = said.params();
        String source = said.source();
        if (Operation.TRIM_LAST.is(said)) {
            return new EditOperation(Operation.DROP_LAST.wire(), Map.of("duration", p.get("duration")), source);
        }
        if (!Operation.TRIM.is(said) || !(p.get("start") instanceof Number start) || !(p.get("duration") instanceof Number length)) {
            return null;
        }
        return start.doubleValue() == 0 ? new EditOperation(Operation.TRIM.wire(), Map.of("start", length), source)
                : new EditOperation(Operation.CUT.wire(), Map.of("start", start, "end", Rule.round(start.doubleValue() + length.doubleValue())), source);
    }

    private static final Pattern MOMENT_SAID = Pattern.compile("\\bat\\s+(?:the\\s+)?(" + Rule.CLOCK + ")(?!\\s*(?:-|–|to|until|till)\\s*\\d)");
    /**
     * "so it's tiny, 480p. Upscale it to 1080p": a resolution said alone, below the one an upscale is asked to, is the
     * size the video is, not a second size asked.
     */
    private static void dropTheSizeItIs(State state) {
        Object target = state.operations.stream().filter(Operation.UPSCALE::is).map(o -> o.params().get("height")).filter(Number.class::isInstance)
                .findFirst().orElse(null);
        if (target instanceof Number to) {
            state.operations.removeIf(o -> Operation.SCALE.is(o) && o.source() != null && RESOLUTION_ALONE.matcher(o.source()).matches()
                    && o.params().get("height") instanceof Number h && h.doubleValue() < to.doubleValue());
        }
    }

    /** A resolution alone in its clause: "480p", "only 720p". */
    private static final Pattern RESOLUTION_ALONE = Pattern.compile("\\s*(?:only\\s+|just\\s+|like\\s+)?\\d{3,4}\\s*p\\s*");
    /** A clock alone in its clause: "3:05", "around 3:05". */
    private static final Pattern CLOCK_ALONE = Pattern.compile("\\s*(?:(?:at|around|about|roughly|approximately)\\s+)?(" + Rule.CLOCK + ")\\s*"
            // 大概在第6秒 (a bare "5秒" is a length: "片头加上图1，…，放5秒")
            + "|\\s*(?:大概|大约|差不多)?(?:(?:是|在)\\s*(?:第\\s*)?|第\\s*)(\\d+(?:\\.\\d+)?)\\s*秒(?:左右|的时候|那里)?\\s*");
    private static final Pattern FREEZE_ON_IT = Pattern.compile("\\s*(?:(?:could|can|would)\\s+you\\s+(?:please\\s+)?|please\\s+)?(?:freeze(?:[\\s-]+frame)?|hold|pause)\\s+(?:on\\s+)?(?:it\\s+(?:right\\s+)?there|that\\s+moment|this\\s+moment|it|that|there"
            + "|(?:the|that|this)\\s+(?:frame|picture|image|shot)(?:\\s+(?:right\\s+)?there)?)\\b");

    /** A multiple said alone ("1.2x", "1.5倍"), maybe with "is plenty", "就够了". */
    /** A multiple said to be too fast or too slow, as the whole clause: what is wanted comes next. */
    private static final Pattern SPEED_TOO_MUCH = Pattern.compile("\\s*\\d+(?:\\.\\d+)?\\s*(?:x|×|倍)\\s*(?:speed|速)?\\s*(?:(?:is|was|'s|seems|feels|looks)\\s+)?"
            + "(?:(?:way|much|a\\s+bit|a\\s+little|kinda|still)\\s+)?(?:too\\s+(?:fast|quick|slow)(?:\\s+though)?|(?:有点|还是)?太(?:快|慢)了?|(?:有点|还是)(?:快|慢)了?)(?:\\s*[,，]\\s*|\\s+|$)");
    private static final Pattern MULTIPLE_ALONE = Pattern.compile("\\s*(?<n>\\d+(?:\\.\\d+)?)\\s*(?:x|×|倍)\\s*"
            + "(?:(?:is|would\\s+be|should\\s+be)\\s+(?:plenty|enough|fine|good|ok|okay|perfect|right)|就够了|就行|就好|就可以了?|左右|吧)?\\s*");

    /**
     * "zoom in, 1.2x is plenty", "louder, 1.5x is enough": a multiple said alone right after an edit that takes one is
     * that edit's amount. Read alone it was a speed change, an edit nobody asked for.
     */
    private boolean multipleOfTheLastEdit(Attempt attempt, String clause, Rule.Context context, State state) {
        Matcher multiple = MULTIPLE_ALONE.matcher(clause);
        if (state.operations.isEmpty() || attempt.operations().size() != 1 || !Operation.SPEED.is(attempt.operations().getFirst())
                || !multiple.matches()) {
            return false;
        }
        EditOperation last = state.operations.getLast();
        return !Operation.SPEED.is(last) && last.params().containsKey("factor") && amendLast(multiple.group("n") + "x", context, state);
    }

    /** "It is …", "that's …", "it runs from …": what a part just named is, said as a sentence of its own. */
    private static final Pattern IT_IS = Pattern.compile("(?:it|that|this|which)(?:'s|\\s+is|\\s+was|\\s+would\\s+be|\\s+(?:runs|goes|happens|plays|lasts))\\s+"
            + "(?:from\\s+)?(?:about\\s+|around\\s+|roughly\\s+)?|(?:就是|大概是|应该是|是)");

    /**
     * "I would like the part where the dog jumps in the pool to be slower. It is the last ten seconds.": the time of the
     * part the last edit named, said as what that part is. Read as a description, it placed nothing and the edit was
     * refused for want of its time.
     */
    private boolean placesTheNamedPart(String clause, Rule.Context context, State state) {
        Matcher itIs = IT_IS.matcher(clause.strip());
        if (state.operations.isEmpty() || !state.unplaced.containsKey(state.operations.getLast()) || !itIs.lookingAt()) {
            return false;
        }
        Attempt part = attempt(clause.strip().substring(itIs.end()), context);
        return part.understood() && part.operations().size() == 1 && !hasWords(unexplained(part.leftover()))
                && (isEdge(part.operations().getFirst()) || isRangeSaid(part.operations().getFirst()))
                && onLastEdit(part.operations().getFirst(), state);
    }

    private static final Pattern PART_NAME = Pattern.compile("\\s*(?:the|our|my|his|her|their|this|that)\\s+(?:[a-z']+\\s+){0,2}[a-z']+\\s*");

    /** Whether the clause is a time range and a name for it only ("the first dance from 3:10 to 4:00"). */
    private boolean namesAPart(Attempt attempt) {
        return attempt.operations().size() == 1 && isRangeSaid(attempt.operations().getFirst())
                && PART_NAME.matcher(attempt.leftover()).matches() && !lexicon.isImperative(attempt.leftover());
    }

    private static final Pattern IT_SAID = Pattern.compile("\\b(?:make|turn|have|set)\\s+it\\b|它");
    private static final Pattern IT_AFTER_IMAGE = Pattern.compile("\\s*(?:(?:please|also|then)\\s+)?(?:make|turn|have|set)\\s+it\\b|\\s*(?:把|将)?它");

    /** Whether every edit read is one an image placed cannot take (a shape, a length, a speed, the sound): the video's. */
    private static boolean onlyAVideoHas(Attempt attempt) {
        return attempt.understood() && !attempt.operations().isEmpty() && attempt.operations().stream().map(Operation::of)
                .allMatch(o -> o.phase() != Phase.FRAME || !o.changesPicture() || o == Operation.ASPECT || o == Operation.FRAME || o == Operation.CUT);
    }

    /** The first image placed after a clause that only named a picture in picture is that picture in picture. */
    private static void placedAfterNamed(State state) {
        if (state.pictureInPicture == null) {
            return;
        }
        for (int i = 0; i < state.operations.size(); i++) {
            if (Operation.WATERMARK.is(state.operations.get(i))) {
                state.operations.set(i, asPictureInPicture(state.operations.get(i), state.pictureInPicture));
                return;
            }
        }
        state.notUnderstood.add(state.pictureInPicture); // "画中画" with no image placed: of what?
    }

    /** Picture in picture said in the clause that places an image: "put image 1 in the top left as a little pip", 图2放左上角做画中画. */
    private static final Pattern PICTURE_IN_PICTURE_SAID = Pattern.compile("\\b(?:picture[\\s-]+in[\\s-]+picture|pip|inset)\\b|画中画|小窗口?");

    private static Attempt pictureInPictureSaid(Attempt attempt, String clause) {
        if (!attempt.understood() || attempt.operations().stream().noneMatch(Operation.WATERMARK::is) || !PICTURE_IN_PICTURE_SAID.matcher(clause).find()) {
            return attempt;
        }
        return new Attempt(attempt.operations().stream().map(o -> Operation.WATERMARK.is(o) ? asPictureInPicture(o, clause.strip()) : o).toList(),
                attempt.leftover(), true);
    }

    private static EditOperation asPictureInPicture(EditOperation placed, String named) {
        return new EditOperation(Operation.PICTURE_IN_PICTURE.wire(), placed.params(), placed.source() + ", " + named);
    }

    /**
     * A section defined by its seconds anywhere in the prompt: "cut the intro and cut the music. intro = first 6 seconds",
     * 剪掉开头，开头指前4秒. The definition is taken out and the section named elsewhere is those seconds, so the edit of it
     * reads as said of them; without a definition an intro has no length, and its edit stays not understood.
     */
    private static String definedSections(String text) {
        if (!text.contains("intro") && !text.contains("outro") && !text.contains("开头") && !text.contains("结尾")
                && !text.contains("片头") && !text.contains("片尾")) {
            return text;
        }
        Matcher defined = SECTION_DEFINED.matcher(text);
        if (!defined.find()) {
            return text;
        }
        String name = defined.group("name") != null ? defined.group("name") : defined.group("namezh");
        String seconds = defined.group("part") != null ? "the " + defined.group("part") : defined.group("partzh");
        String rest = text.substring(0, defined.start()) + (defined.start() > 0 && defined.end() < text.length() ? ", " : "") + text.substring(defined.end());
        Matcher named = (defined.group("name") != null ? Pattern.compile("\\b(?:the\\s+)?" + name + "\\b") : Pattern.compile(name)).matcher(rest);
        return named.find() ? named.replaceAll(Matcher.quoteReplacement(seconds)) : text;
    }

    private static final Pattern SECTION_DEFINED = Pattern.compile("(?:\\bthe\\s+)?\\b(?<name>intro|outro)\\s*(?:=|:|is|means|being)\\s*(?:the\\s+)?"
            + "(?<part>(?:first|last)\\s+\\d+(?:\\.\\d+)?\\s*(?:seconds?|secs?|s)\\b)\\s*[.;,]?"
            + "|(?<namezh>开头|结尾|片头|片尾)(?:指的?是|指|就是|是|=|：|:)(?<partzh>(?:前|后|最后)\\s*\\d+(?:\\.\\d+)?\\s*秒钟?)[。；，,;]?");

    /**
     * The prompt with its asides in parentheses taken out into {@code asides} ("put my logo (the image I attached) in the
     * corner", 帮我降噪（不是声音 是画面）, "keep the last 12 s only (so ~0:48 to the end at 1:00)"): read inside the clause
     * they interrupt, their words were not understood and refused the whole prompt. One that names a figure ("the logo
     * (figure 2)") stays where it is, since it says which image the edit takes, and one with a number is read in place
     * unless it explains ("(so ~0:48 to the end)"), since a time in it may limit the edit.
     */
    private static String withoutAsides(String text, List<String> asides) {
        if (text.indexOf('(') < 0) {
            return text;
        }
        return ASIDE.matcher(text).replaceAll(m -> {
            if (IMAGE_REFERENCE.matcher(m.group(1)).find()) {
                return Matcher.quoteReplacement(m.group());
            }
            // a place alone ("caption (top): …", 水印（右下角）) says where the edit it follows goes, as a time does
            if (HAS_DIGIT.matcher(m.group(1)).find() && !EXPLAINS.matcher(m.group(1)).lookingAt() || PLACE_ALONE.matcher(m.group(1)).matches()) {
                // "brighten it (from 0:10 to 0:20)": a time in an aside may limit the edit, so it is read in place; between
                // Chinese words with no space, where a space would end the clause (宝宝摔倒那段（第12秒到第15秒）做成慢动作)
                // …but one that corrects ("cut the first 5 sec (sorry, 8)") is a clause of its own
                if (CORRECTION.matcher(m.group(1)).lookingAt() || LENGTH_TOLD.matcher(m.group(1)).find()) {
                    // (…and one that tells how long the video is, "(the video is 1:30 long)", （视频是50秒）)
                    return Matcher.quoteReplacement(", " + m.group(1).strip() + ", ");
                }
                boolean cjkBefore = m.start() > 0 && Lexicon.isCjk(text.charAt(m.start() - 1));
                boolean cjkAfter = m.end() < text.length() && Lexicon.isCjk(text.charAt(m.end()));
                return Matcher.quoteReplacement((cjkBefore ? "" : " ") + m.group(1).strip() + (cjkAfter ? "" : " "));
            }
            asides.add(m.group(1));
            return " ";
        });
    }

    /**
     * An aside is read as a clause of its own: the edits it asks for are made ("(and make it brighter too)"), and one
     * that must be refused as generative or impossible still is; anything else in it is context, listed as ignored,
     * never a reason to refuse the prompt around it.
     */
    private void readAside(String aside, Rule.Context context, State state) {
        State read = new State();
        interpretClause(aside, false, context, read); // an impossible value said in it is refused, as anywhere
        state.generative.addAll(read.generative);
        if (read.notUnderstood.isEmpty() && !read.operations.isEmpty() && read.operations.stream().allMatch(op -> Part.ofEdit(op) == null
                && state.operations.stream().anyMatch(o -> o.op().equals(op.op()) && o.params().entrySet().containsAll(op.params().entrySet())))) {
            state.ignored.add(context.quotes().restore(aside).strip()); // "0:05 to 0:12 as a negative (inverted)": the edit named again
        } else if (read.notUnderstood.isEmpty() && !read.operations.isEmpty()) {
            state.operations.addAll(read.operations);
            state.complaints.addAll(read.complaints); // "(the shop sign reads backwards there)": why, not one more flip
            state.added.addAll(read.added);
            state.ignored.addAll(read.ignored);
        } else if (!read.operations.isEmpty()) {
            // "(加黑边，主播不能被裁)" read in part: an edit in it, passed over, would be a wrong edit
            state.notUnderstood.addAll(read.notUnderstood);
        } else {
            state.ignored.add(context.quotes().restore(aside).strip());
        }
    }

    /** The HTML escapes a form or a CMS sends quotes and ampersands as. */
    private static final Pattern HTML_ENTITY = Pattern.compile("&(quot|amp|lt|gt|apos|#39|#x27);");
    /**
     * A customer's or user's words relayed by a bot or a ticket, in quotes to the end of the prompt: "Customer wrote: "the
     * video is way too dark…"", 客服机器人转达：顾客说「声音太小了」. Those words are the request; quotes elsewhere stay text.
     */
    private static final Pattern RELAYED = Pattern.compile("(?<before>(?i:\\b(?:customer|user|client|buyer|viewer|caller)s?\\b[^\"“「:：]{0,30}?(?:\\s(?:wrote|writes|said|says|asked|asks))?"
            + "|(?:顾客|客户|用户|买家|粉丝)[^「“\"]{0,6}?(?:说|问|留言|反馈)?)\\s*[:：]?\\s*)[\"“「](?<words>[^\"”」]+)[\"”」]\\s*$");

    private static String sharedVerbs(String text) {
        // each needs words most prompts lack: the searches run only where they are
        String out = text.contains("and") || text.contains("&") ? SHARED_VERB_EN.matcher(text).replaceAll("$1 the $2$3, $1 the $4$5") : text;
        out = out.contains("度") || out.contains("音量") ? SHARED_VERB_ZH.matcher(out).replaceAll("$1$3，$2$3") : out;
        if (out.contains("last") || out.contains("final") || out.contains("closing")) {
            out = SHARED_CUT_EN.matcher(out).replaceAll(m -> {
                String unit = m.group(4) != null ? m.group(4) : m.group(7) != null ? m.group(7) : " seconds";
                return Matcher.quoteReplacement(m.group(1) + " the " + m.group(2) + " " + m.group(3) + unit + ", "
                        + m.group(1) + " the " + m.group(5) + " " + m.group(6) + unit);
            });
        }
        if (out.contains("last") || out.contains("final") || out.contains("closing") || out.contains("end")) {
            out = BOTH_ENDS_EN.matcher(out).replaceAll(m -> {
                String n = m.group("n") != null ? m.group("n") : m.group("n2");
                String unit = m.group("unit") != null ? m.group("unit") : m.group("unit2") != null ? m.group("unit2") : " seconds";
                return Matcher.quoteReplacement(m.group(1) + " the first " + n + unit + ", " + m.group(1) + " the last " + n + unit);
            });
        }
        if (out.contains("各")) {
            out = BOTH_ENDS_ZH.matcher(out).replaceAll(m -> {
                String verb = m.group(1) != null ? m.group(1) : m.group(3);
                String n = m.group(2) != null ? m.group(2) : m.group(4);
                return Matcher.quoteReplacement(verb + "前" + n + "秒，" + verb + "最后" + n + "秒");
            });
        }
        return out.contains("前") || out.contains("开头") ? SHARED_CUT_ZH.matcher(out).replaceAll("$1前$2秒，$1最后$3秒") : out;
    }

    /**
     * @param joined the clause follows "and" (or 和, 并): it continues a request, so it is never taken for context
     */
    private void interpretClause(String asSaid, boolean joined, Rule.Context context, State state) {
        String clause = asSaid;
        Matcher correction = CORRECTION.matcher(clause);
        if (correction.lookingAt()) {
            // "make it 2x, no wait, 1.5x", 保留前20秒，啊不是，前30秒, "scratch the sepia": what follows corrects what was asked
            state.correcting = true;
            state.retracting |= correction.group("retract") != null;
            clause = clause.substring(correction.end());
            if (!hasWords(unexplained(clause))) {
                return;
            }
        } else if (!state.operations.isEmpty()) {
            Matcher after = CORRECTION_AFTER.matcher(clause);
            if (after.matches()) {
                state.correcting = true; // "volume up. DOWN sorry", "image 1 I mean": the correction's words said first
                clause = after.group("words");
            } else if (HAS_DIGIT.matcher(clause).find() && numberReworded(state.operations.getLast().source(), CORRECTION_WORDS.matcher(clause).replaceAll(" ").strip()) != null
                    && !attempt(clause, context).understood()) {
                state.correcting = true; // 饱和度拉高30%…拉高20%就行: the edit said again with another number, its object left out
            }
        }
        String quoted = context.quotes().restore(clause).strip();
        if (readLook(clause, quoted, joined, context, state)) {
            return;
        }
        if (!state.correcting && lexicon.onlyKeeps(clause)) {
            state.ignored.add(quoted); // "don't touch the colours": a remark, looked at again beside the edits it may contradict
            return;
        }
        boolean afterCorrection = state.corrected;
        state.corrected = false;
        if (state.correcting && !(state.saidMore && !state.retracting) && readCorrection(clause, quoted, context, state)) {
            state.corrected = true;
            return;
        }
        if (afterCorrection && JUDGED_AMOUNT.matcher(clause).matches()) {
            state.ignored.add(quoted); // "speed up to 1.5 — no wait, 1.25, 1.5 was too fast last time": why it was corrected
            return;
        }
        if (FINE_AS_IT_IS.matcher(clause).matches() && !state.operations.isEmpty() && state.complaints.contains(state.operations.getLast())) {
            // "晚上拍的噪点多，这个无所谓", "it's grainy, but that's fine": the problem just told is not to be answered
            EditOperation told = state.operations.removeLast();
            if (told.source() != null) {
                state.ignored.add(told.source());
            }
            state.ignored.add(quoted);
            return;
        }
        Matcher notToo = NOT_TOO.matcher(clause);
        if (notToo.matches() && !state.operations.isEmpty() && limitedBy(Rule.first(notToo, "zh", "en")).is(state.operations.getLast())) {
            if (!amountSaid(state.operations.getLast(), context)) {
                reweighLast(false, context, state); // 请帮我调亮，但是不要调太亮: the edit just asked, lightly (a light one stays)
            }
            state.ignored.add(quoted); // "make slow, 0.75. Not too slow.": the amount said stands
            return;
        }
        if (DEGREE_APART.matcher(clause).matches() && reweighLast(false, context, state)) {
            return; // "锐化一下 别太狠", "add grain, nothing too heavy": the edit just asked, lightly
        }
        if (STRONG_APART.matcher(clause).matches() && reweighLast(true, context, state)) {
            return; // "加个暗角 要很重的那种", "add grain, really heavy": the edit just asked, strongly
        }
        Matcher tooMuch = SPEED_TOO_MUCH.matcher(clause);
        if (tooMuch.lookingAt()) {
            // "2x is too fast, 1.5x is fine", 2倍太快了 1.5倍吧: no edit yet, the multiple said next is the speed
            state.speedTooMuch = quoted;
            clause = clause.substring(tooMuch.end());
            if (clause.isBlank()) {
                return;
            }
        }
        Matcher multiple = MULTIPLE_ALONE.matcher(clause);
        if (state.speedTooMuch != null && multiple.matches()) {
            Attempt speed = attempt(multiple.group("n") + "x", context);
            if (speed.understood() && speed.operations().size() == 1 && Operation.SPEED.is(speed.operations().getFirst())) {
                state.operations.removeIf(op -> Operation.SPEED.is(op) && Part.ofEdit(op) == null); // "speed it up. 2x is too fast, 1.5x"
                state.operations.add(Operation.SPEED.with(speed.operations().getFirst().params(), quoted));
                state.speedTooMuch = null;
                return;
            }
        }
        Matcher hedged = ELABORATION.matcher(clause);
        String unhedged = hedged.lookingAt() ? clause.substring(hedged.end()).strip() : null;
        if (unhedged != null && (imperativeStart(unhedged) || EDGE.matcher(unhedged).lookingAt() || PART_LEAD.matcher(unhedged).lookingAt())) {
            // "…, and maybe add some grain", "maybe the last 6 seconds in slow motion"
            interpretClause(clause.substring(hedged.end()), joined, context, state);
            return;
        }
        if (readWish(clause, quoted, joined, context, state) || readGone(clause, quoted, joined, context, state)
                || readAskedOfAPart(clause, quoted, joined, context, state) || readWantedDone(clause, quoted, joined, context, state)) {
            return;
        }
        if (placesTheNamedPart(clause, context, state) || readTheRest(clause, context, state) || readTheSame(clause, context, state)) {
            return;
        }
        if (readWhenShown(clause, quoted, joined, context, state)) {
            return;
        }
        if (state.describing && state.described != null && changesWhatWasDescribed(clause, quoted, context, state)) {
            return;
        }
        if (TextSlots.amendAll(state.operations, clause)) {
            return; // "'A' on the left and 'B' on the right, both for the first 5 seconds"
        }
        EditOperation textAmended = state.operations.isEmpty() || !Operation.TEXT.is(state.operations.getLast()) ? null
                : TextSlots.amend(state.operations.getLast(), clause);
        if (textAmended != null) {
            state.operations.set(state.operations.size() - 1, textAmended); // …放中间 显示4秒 然后…: the text's length, not a telling
            return;
        }
        if (isDescription(clause, context, state)) {
            if (NARRATES.matcher(clause.strip()).lookingAt()) {
                // "halfway through, the narrator spins around": the part said was when it happens, no part to edit
                state.pendingPart = null;
                if (state.bareSeconds != null && !state.operations.isEmpty() && state.operations.getLast() == state.bareSeconds) {
                    state.operations.removeLast();
                    state.bareSeconds = null;
                }
            }
            Part named = remember(clause, context, state);
            if (!readRunOn(clause, true, context, state)) {
                describe(clause, quoted, named, context, state);
            }
            return;
        }
        boolean afterDescription = state.describing;
        boolean afterSound = afterDescription && state.describingSound;
        state.describing = false;
        if (SOFTEN_IT.matcher(clause).matches() && softensTheContrast(quoted, context, state)) {
            return;
        }
        Matcher alone = CLOCK_ALONE.matcher(clause);
        if ((afterDescription || state.passedOver) && alone.matches()) {
            // "the bit where the fish comes over the side, around 3:05 — freeze it there"
            state.mentionedMoment = alone.group(1) != null ? alone.group(1) : clock(Double.parseDouble(alone.group(2)));
            state.momentAlone = quoted;
            state.describing = true;
            return;
        }
        if (state.mentionedMoment != null && KEEP_THAT.matcher(clause).matches()) {
            state.ignored.add(quoted); // "my cat jumps in at 0:15, KEEP THAT": a moment told of stays, no edit asked
            return;
        }
        boolean partShown = afterDescription && state.mentionedPart != null
                && (state.operations.isEmpty() || !state.complaints.contains(state.operations.getLast()));
        if (partShown && REMOVE_IT.matcher(clause).matches()) {
            // "最后5秒是黑屏，能去掉吗": the part just described shows nothing to fix, so "remove it" is that part, not a fix
            removeWithThePartBefore(state.mentionedPart, clause, quoted, state);
            return;
        }
        String withoutFix = lexicon.withoutFix(clause);
        if (!withoutFix.equals(clause) && !hasWords(unexplained(withoutFix))) {
            state.fix = true; // "fix both", "tone it down": answer the problems described
            return;
        }
        String asSound = afterSound ? ofTheSound(clause) : null;
        if (asSound != null && readInstead(asSound, context, state)) {
            return;
        }
        Matcher example = ELABORATION.matcher(clause);
        if (example.lookingAt() && isAmount(clause.substring(example.end())) && amendLast(clause.substring(example.end()), context, state)) {
            return; // "zoom in a little, like 1.5x": the zoom's amount, not a speed of its own
        }
        if (TWICE.matcher(clause).matches() && amendLast(clause, context, state)) {
            return; // "too quiet. double it"
        }
        if (example.lookingAt()) {
            // "shift the hue like 30 degrees for a trippy vibe": the amount, then its reason
            String amount = clause.substring(example.end());
            int reason = lexicon.contextStart(amount);
            if (reason > 0 && isAmount(amount.substring(0, reason)) && amendLast(amount.substring(0, reason), context, state)) {
                readContext(amount.substring(reason), context, state);
                return;
            }
        }
        if (readOfTheSamePart(clause, context, state) || readAnotherText(clause, quoted, context, state) || readTheOtherWay(clause, quoted, context, state)) {
            return;
        }
        // "The first 12 seconds are just the camera getting set up, please drop them", "from 0:10 to 0:20, cut it": the
        // part said just before, taken out
        Part justSaid = state.pendingPart != null ? Part.of(state.pendingPart) : afterDescription ? state.mentionedPart : null;
        if (justSaid != null && REMOVE_IT.matcher(clause).matches()) {
            // "前3秒是黑的，帮我剪掉": the part goes, and with it the problem it was said to have ("black", no brightening)
            Part gone = justSaid;
            state.operations.removeIf(op -> state.complaints.contains(op) && gone.equals(Part.ofEdit(op)));
            removeWithThePartBefore(justSaid, clause, quoted, state);
            state.pendingPart = null;
            return;
        }
        if (justSaid == null && state.lent != null && !state.operations.isEmpty() && state.operations.getLast() == state.lent.to()
                && REMOVE_IT.matcher(clause).matches()) {
            // "brighten it a bit, 5:10 to 6:00 I was on a call, cut that": the part was said for the cut, not the brightening
            state.operations.set(state.operations.size() - 1, state.lent.from());
            state.operations.add(Part.of(state.lent.part()).removed(quoted));
            state.lent = null;
            return;
        }
        if (justSaid == null && afterDescription && !state.complaints.isEmpty() && REMOVE_IT.matcher(clause).matches()) {
            state.fix = true; // "there's a hiss, remove it", 有电流声，去掉: the problem just described, taken away
            return;
        }
        int last = state.operations.size() - 1;
        if (last >= 0 && state.operations.get(last) == state.bareSeconds && REMOVE_IT.matcher(clause).matches()) {
            // "About the last 15 seconds. Cut them.": the seconds said alone, then taken out
            EditOperation said = state.bareSeconds;
            state.operations.set(last, Part.of(said).removed(said.source() + ", " + quoted));
            EditOperation before = state.bareSecondsBefore;
            if (before != null && last > 0 && state.operations.get(last - 1) == before && MORE_THAN_ONE.matcher(clause).find()) {
                state.operations.set(last - 1, Part.of(before).removed(before.source() + ", " + quoted)); // "…, cut them both"
            }
            return;
        }
        if (SMALLER.matcher(clause).matches() && state.operations.stream().anyMatch(Operation.ENCODE::is)) {
            state.ignored.add(quoted); // "this file is too big to send by email. Could you please make it smaller": the same request
            return;
        }
        if (restates(clause, state)) {
            state.ignored.add(quoted); // "put our logo (Figure 1) in the corner, small, like a watermark"
            return;
        }
        EditOperation latest = state.operations.isEmpty() ? null : state.operations.getLast();
        boolean imagePlaced = latest != null && (Operation.WATERMARK.is(latest) || Operation.PICTURE_IN_PICTURE.is(latest));
        if (PICTURE_IN_PICTURE_NAMED.matcher(clause.strip()).matches()) {
            // "put figure 1 small in the corner, picture in picture", "画中画 图1放左上角": the image placed is the picture in
            // picture, placed before or after
            if (imagePlaced) {
                state.operations.set(state.operations.size() - 1, asPictureInPicture(latest, quoted));
            } else {
                state.pictureInPicture = quoted;
            }
            return;
        }
        if (joined && imagePlaced && IT_AFTER_IMAGE.matcher(clause).lookingAt() && IT_SAID.matcher(state.written).find()
                && !onlyAVideoHas(attempt(clause, context))) {
            // "put figure 1 in the top left as a logo and make it black and white": "it" may be the image, whose look the
            // local engine does not change; never guessed to be the video ("… and make it 16:9" is the video's)
            state.notUnderstood.add(quoted);
            return;
        }
        if (GREEN_SCREEN_NAMED.matcher(clause).matches()) {
            state.greenScreen = quoted; // "green screen behind me, replace it with image 1"
            return;
        }
        Matcher screenIt = FILL_IT.matcher(clause);
        if (state.greenScreen != null && screenIt.lookingAt()) {
            // "replace it with image 1", "replace with figure 1", 换成图2: the screen named before is what is replaced
            clause = screenIt.group("zh") != null ? "把绿幕" + clause.substring(screenIt.start("zh"))
                    : screenIt.group(1) != null ? clause.substring(0, screenIt.start(1)) + "the green screen" + clause.substring(screenIt.end(1))
                    : clause.substring(0, screenIt.start("with")) + "the green screen " + clause.substring(screenIt.start("with"));
            state.greenScreen = null;
        }
        Matcher onIt = FREEZE_ON_IT.matcher(clause);
        Matcher there = FREEZE_THERE_ZH.matcher(clause);
        if (state.mentionedMoment != null && onIt.lookingAt()) {
            clause = "freeze frame at " + state.mentionedMoment + clause.substring(onIt.end()); // "… at 0:12 is the best part. freeze on it"
            state.momentAlone = null;
        } else if (state.mentionedMoment != null && afterDescription && there.lookingAt()) {
            clause = "在" + state.mentionedMoment + clause.substring(there.end()); // 第12秒宝宝摔了个屁墩儿 在那定格2秒
            state.momentAlone = null;
        }
        Attempt first;
        try {
            first = attempt(clause, context);
        } catch (VeditException e) {
            Matcher negated = NEGATED.matcher(clause);
            if (!negated.lookingAt()) {
                throw e;
            }
            readNegated(clause.substring(negated.end()), quoted, context, state); // "不要加音乐", "no logo": not asked for
            return;
        }
        Attempt attempt = pictureInPictureSaid(first, clause);
        if (attempt.understood() && multipleOfTheLastEdit(attempt, clause, context, state)) {
            return;
        }
        if (DESCRIBED_AFTER.matcher(clause).find() && readRunOn(clause, false, context, state)) {
            // "sharpen it its a bit blurry": what it is, said after the request, is no blur of its own; "speed it up 4x
            // its a timelapse of the dough rising": nor is what it shows, which the rules do not read
            return;
        }
        Part listPart = joined || state.afterPlus ? state.listPart : null;
        if (listPart == null && joined && !state.operations.isEmpty() && COMPARED.matcher(clause).matches()) {
            listPart = Part.ofEdit(state.operations.getLast()); // "make 0:40-0:55 warmer and a bit brighter": one "make", one part
        }
        EditOperation bareEdit = joined || state.afterPlus ? state.bareEdit : null;
        state.listPart = null;
        state.bareEdit = null;
        if (OverlayRules.placesOrColoursAll(state.operations, clause)) {
            return;
        }
        EditOperation saidOfLast = attempt.understood() && !state.operations.isEmpty() && OverlayRules.mayAmend(state.operations.getLast(), attempt.operations(), clause)
                ? OverlayRules.amended(state.operations.getLast(), clause, context) : null;
        if (saidOfLast != null) {
            state.operations.set(state.operations.size() - 1, saidOfLast); // 画中画那种: words the rules read as no edit, said of the last
            return;
        }
        if (attempt.understood()) {
            if (readAnotherRange(attempt, state) || joined && (sharesTheCut(attempt.operations(), quoted, state) || sharesTheEdit(attempt.operations(), state))
                    || onListPart(attempt.operations(), listPart, state)) {
                return;
            }
            if (!readPartAlone(attempt.operations(), LIMITED_ZH.matcher(clause).lookingAt(), KEEPS_RANGE.matcher(clause.strip()).lookingAt(), state)) {
                List<EditOperation> read = onPendingPart(attempt.operations(), quoted, joined || BOTH.matcher(clause).find(), state);
                if (!onBareSeconds(read, clause, joined, state) && !limitsAnEarlierEdit(read, clause, state)) {
                    state.operations.addAll(read);
                    rangeOfTheList(read, bareEdit, state);
                    state.bareEdit = read.size() == 1 && Part.ofEdit(read.getFirst()) == null && BARE_EDIT.matcher(clause).matches() ? read.getFirst() : null;
                }
            }
            return;
        }
        if (namesAPart(attempt)) {
            // "The first dance from 3:10 to 4:00 — could that part be black and white?": a part with its name, for the
            // edits said next, as "from 3:10 to 4:00" alone is
            state.pendingPart = attempt.operations().getFirst();
            return;
        }
        if (readNamedPart(clause, quoted, context, state)) {
            return;
        }
        EditOperation amended = state.operations.isEmpty() ? null
                : amendedApart(state.operations.get(state.operations.size() - 1), clause, context);
        if (amended != null) {
            int amendedAt = state.operations.size() - 1;
            state.operations.set(amendedAt, amended); // "…, 放右下角", "…, use figure 1", "…, 放3秒"
            // 图1做片头，图2做片尾，各3秒: "each" says it of the card before as well
            EditOperation before = amendedAt > 0 && EACH.matcher(clause).lookingAt() ? state.operations.get(amendedAt - 1) : null;
            EditOperation both = before != null && Operation.of(before).phase() == Operation.of(amended).phase() ? amendedApart(before, clause, context) : null;
            if (both != null) {
                state.operations.set(amendedAt - 1, both);
            }
            return;
        }
        Matcher negated = NEGATED.matcher(clause);
        if (negated.lookingAt()) {
            readNegated(clause.substring(negated.end()), quoted, context, state);
            return;
        }
        if (example.lookingAt() && readExample(clause.substring(example.end()), quoted, attempt, context, state)) {
            return;
        }
        if (readRunOn(clause, false, context, state)) {
            return;
        }
        String left = unexplained(clause).strip();
        Matcher each = EACH_AMOUNT.matcher(left);
        if (each.matches() && amendEach(Rule.first(each, "zh", "en"), context, state)) {
            return; // "图1做片头 图2做片尾 各3秒", "a fade in and out, 2 seconds each": the amount of both edits just asked for
        }
        Matcher decimal = DECIMAL_ALONE.matcher(left);
        if (decimal.matches() && !state.operations.isEmpty() && (Operation.SPEED.is(state.operations.getLast()) || Operation.ZOOM.is(state.operations.getLast()))
                && amendLast(decimal.group(1) + "x", context, state)) {
            return; // "please make slow, 0.75": a multiple without its "x", after an edit that takes one
        }
        if (BARE_AMOUNT.matcher(left).matches() && amendLast(left, context, state)) {
            return; // "加个淡出，三秒就行", "fade out, 2 seconds": the amount of the edit just asked for
        }
        for (boolean degree : new boolean[] {true, false}) {
            String lessened = lexicon.lessened(clause, degree);
            if (lessened.equals(clause)) {
                break;
            }
            if (readInstead(lessened, context, state)) {
                return; // "make it less blurry": what answers the problem
            }
        }
        Matcher verbLast = VERB_LAST.matcher(clause);
        if (verbLast.find() && hasWords(clause.substring(0, verbLast.start()))) {
            // "bg noise in audio pls remove", "first 5 sec cut pls": typed in a hurry, the verb last
            if (readInstead(verbLast.group("verb") + " " + clause.substring(0, verbLast.start()).strip(), context, state)) {
                return;
            }
        }
        String asked = askedOfTheTimeTold(clause, context);
        if (asked != null && readInstead(asked, context, state)) {
            // 视频里有段是我在吃东西 01:22-01:35 想删掉: what happens then, told, then what to do with that part
            state.ignored.add(context.quotes().restore(clause.substring(0, clause.length() - asked.length())).strip());
            return;
        }
        if (attempt.operations().isEmpty() && readWhenShown(clause, quoted, joined, context, state)) {
            return; // 加一个“绝绝子”居中 在1:02那里出现 2秒就行: when it shows, dictated after a space
        }
        if (attempt.operations().isEmpty() && isChineseRemark(clause) && GENERATIVE.find(clause) < 0) {
            state.ignored.add(quoted); // 循环播放三遍 店里电视放的: a remark after the request, dictated with a space for a stop
            return;
        }
        int contextStart = lexicon.contextStart(clause);
        if (contextStart > 0) {
            // "blur the faces so nobody can be recognised": the edit, then its reason
            interpretClause(clause.substring(0, contextStart), joined, context, state);
            readContext(clause.substring(contextStart), context, state);
            return;
        }
        if (contextStart == 0) {
            readContext(clause, context, state);
            return;
        }
        if (GENERATIVE.find(attempt.leftover()) >= 0) {
            state.generative.add(quoted);
            return;
        }
        String unexplained = lexicon.withoutFiller(attempt.leftover());
        // "make it sepia and faster": a few words after "and" go on asking; after a description ("looks too clean and
        // digital") they go on describing
        boolean continuation = joined && !afterDescription && unexplained.strip().split("\\s+").length <= 3;
        if (continuation && attempt.operations().isEmpty() && !state.operations.isEmpty() && LATIN_WORDS.matcher(clause).matches()) {
            if (readInstead(lexicon.canonical("make it " + clause.strip()), context, state)) {
                return; // "bw + slow": the look asked, its verb said before
            }
        }
        if (attempt.operations().isEmpty() && !lexicon.isRequest(unexplained) && !SCOPE.matcher(unexplained).find()
                && !Quotes.holdsMark(unexplained) && !continuation && !DONE_TO_IT.matcher(clause).matches()
                && (holdsHan(clause) || !asksOfTheVideo(clause))) {
            // (but "take the first quarter of the video", "get the hiss out of the sound" ask, in words not read)
            state.ignored.add(quoted); // "I love this clip", "privacy reasons": no request in it
            return;
        }
        if (PART_NAMED_ZH.matcher(clause).matches() && !state.operations.isEmpty() && Part.ofEdit(state.operations.getLast()) != null) {
            state.ignored.add(quoted); // 10秒到20秒变成黑白 回忆的部分: what the part just edited shows
            return;
        }
        if (state.textAhead == null && TextSlots.asksForAText(clause)) {
            state.textAhead = clause; // "just a caption please, 'Grandpa's 90th', bottom of the screen"
            state.textAheadSaid = quoted;
            state.textAheadAfter = state.operations.size();
            return;
        }
        if (attempt.operations().isEmpty() && state.placeAhead == null && CORNER_ALONE.matcher(clause).matches()) {
            state.placeAhead = clause; // "bottom left" is no one who left: where the text said next goes
            state.placeAheadAfter = state.operations.size();
            return;
        }
        if (attempt.operations().isEmpty() && (tellsTheStory(clause) || (!joined || state.operations.isEmpty()) && isLabel(clause))) {
            state.ignored.add(quoted); // "I went fishing last weekend", "local car show", "ep 12", 直播回放: what it is, told
            return;
        }
        state.notUnderstood.add(quoted);
    }

    /**
     * Someone who did something, told in the past ("we raised 480,000", "my wife filmed the finish") or as it happens in
     * the video ("at 0:30 I wipe the stencil"): a story, no edit asked. A person's deed is told whatever its verb ("he cut
     * the cake"); a thing's only when the verb is no edit's ("the lights went out", not "the last bit slowed": a part
     * said done is asked). Never when the verb asks ("I wanted", "she said") or the clause does ("please", "could you").
     */
    private boolean tellsTheStory(String clause) {
        if (holdsHan(clause)) {
            return toldInChinese(clause);
        }
        Matcher told = TOLD_IN_THE_PAST.matcher(clause.strip());
        if (!told.lookingAt() || ASKS_ANYWHERE.matcher(clause).find() || GENERATIVE.find(clause) >= 0) {
            return false;
        }
        String who = told.group("who") != null ? told.group("who") : told.group("me") != null ? told.group("me") : "";
        String verb = told.group("verb") != null ? told.group("verb") : told.group("now");
        if (NOT_TOLD.matcher(verb).matches() || Quotes.holdsMark(clause) && WRITES.matcher(verb).matches()) {
            return false; // "at 0:30 I want …": an ask, whatever its time; "I wrote 'Happy 90th'" may be the text to show
        }
        if (who.matches("i|we|he|she|they")) {
            return true; // "we raised 480,000", "he cut the cake": a person's deed, whatever its verb
        }
        // a thing's deed, or a deed with no one said ("landed a 9 kilo dhufish"), told with no edit's verb
        String stem = verb.replaceFirst("(?:([a-z])\\1)?e?d$", "$1");
        return !TIME_IN_WHO.matcher(who).find() && !PART_WORD.matcher(who).find()
                && !lexicon.isRequest(verb) && !lexicon.isRequest(stem) && !lexicon.isRequest(stem + "e") && lexicon.closest(verb) == null;
    }

    private static boolean holdsHan(String text) {
        return text.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
    }

    /**
     * A heading or label, what the video is: a few words that name no edit, ask nothing, hold no time or part and no
     * number an edit measures ("local car show", "ep 12", "22 kids aged 8 to 15", 直播回放, 一平380).
     */
    private boolean isLabel(String clause) {
        String c = clause.strip();
        boolean chinese = holdsHan(c);
        int size = chinese ? c.length() / 2 + 1 : c.split("\\s+").length;
        return size <= 8 && !LABEL_NEVER.matcher(c).find() && (!Quotes.holdsMark(c) || SONG_NAMED.matcher(c).find()) && GENERATIVE.find(c) < 0
                && lexicon.closest(c) == null
                && !(chinese ? lexicon.isImperative(c) : lexicon.isImperative(firstWordAsked(c))) && !ASKS_ANYWHERE.matcher(c).find();
    }

    /** A song or a piece named by its performance: "my cousin doing 'I Will Always Love You'", no text to show. */
    private static final Pattern SONG_NAMED = Pattern.compile("\\b(?:doing|singing|sang|sings|performing|performs|playing|plays|covering|covers)\\s+[\\x{E000}-\\x{E0FF}]");
    /** What a label never holds: a time or a part, a number with an edit's unit, the words that point at the video. */
    private static final Pattern LABEL_NEVER = Pattern.compile("\\d\\s*[:：]\\s*\\d|\\d\\s*(?:s|secs?|seconds?|mins?|minutes?|x|×|%|fps|p|k|倍|秒|帧|度|分钟?)(?![a-z])"
            + "|\\b(?:it|this|that|them|these|those|first|last|final|start|end|beginning|intro|outro|middle|half|part|bit|section|whole|all|only|just"
            + "|not|no|don'?t|leave|keep|same|more|less|too|so|except)\\b|(?:top|bottom|upper|lower)[\\s-]+(?:right|left)|[左右][上下]角|(?:前|后)(?=\\s*(?:\\d|[一二两三四五六七八九十几半]+\\s*(?:秒|分|帧)|面|半|段|部分|边))|开头|结尾|中间|一半|段|部分|除|其他|其余|剩下|只|不|别|要|太");

    /** Someone, then what they did: a verb in the past, or "I"/"we" with a verb after a moment said ("at 0:30 I wipe"). */
    private static final Pattern TOLD_IN_THE_PAST = Pattern.compile("(?:(?:so|and|then|but|also|well|ok|okay|lol|haha|mate|basically|anyway|honestly|"
            + "last\\s+(?:week|weekend|night|year|month|sunday|saturday)|yesterday|today|this\\s+morning|on\\s+[a-z]+day)\\s*,?\\s+)*"
            + "(?:(?:at|around|about)\\s+[\\d:.]+s?\\s*,?\\s+(?<me>i|we)\\s+(?:just\\s+|then\\s+|finally\\s+)?(?<now>[a-z]{3,})\\b"
            + "|(?:(?<who>i|we|he|she|they|(?:the|my|our|his|her|their|a|an|this|that|some|two|three)\\s+[a-z0-9'-]+(?:\\s+[a-z0-9'-]+){0,3}"
            + "|(?!(?:need|want|please|pls|can|could|would|will|let|lets|just|only|make|keep|leave|do|don't|dont|no|not|it|this|that|there|here|you)\\b)[a-z][a-z'-]{2,}(?:\\s+[a-z'-]{3,})?)\\s+)?"
            + "(?:(?:just|then|also|finally|accidentally|literally|actually|already|never|only|even|totally|somehow|basically|all)\\s+)?"
            + "(?<verb>went|ran|did|took|got|came|made|won|lost|fell|sang|saw|met|left|brought|bought|sold|flew|drove|rode|swam|threw|caught|gave|spent"
            + "|began|wore|wrote|sat|stood|found|kept|built|grew|drew|hit|broke|woke|slept|ate|drank|[a-z]{3,}ed)\\b)");
    /**
     * The same in Chinese: a deed done, a verb with 了 and what was done (摆了八桌, 换了3个施工队, 卖了2000多单),
     * asking nothing (no 把, 帮, 请, 要, 吧…), naming no edit and no part of the video; a time only as how long it took.
     */
    private boolean toldInChinese(String clause) {
        String c = clause.strip();
        return ZH_TOLD.matcher(c).find() && !ZH_ASKS.matcher(c).find() && !ZH_EDIT_NAMED.matcher(c).find() && GENERATIVE.find(c) < 0
                && !ZH_TIME_NOT_TOLD.matcher(c).find() && !Quotes.holdsMark(c);
    }

    /** A verb with 了, then what was done: not 了 ending a request (剪了吧) or the clause. */
    private static final Pattern ZH_TOLD = Pattern.compile("\\p{IsHan}(?<![除为算罢好对])了(?![吧啊呀哈嘛呢哦么噢]|\\s*$)\\s*[\\p{IsHan}\\d]");
    /** What asks, or names a part or an edit's verb, in Chinese: a clause holding it is no deed told. */
    private static final Pattern ZH_ASKS = Pattern.compile("把|帮|请(?!客)|麻烦|给我|给它|能不能|能否|可以|可不可以|想要|想|要|希望|需要|让|别|不要|不用|吧|一下"
            + "|剪|删|裁|截|去掉|去除|调|改成|换成|变成|加上|加个|静音|声音|音量|画面|颜色|开头|结尾|最后|前面|后面|中间|那段|这段|部分|其他|其余|剩下|除|前\\d|后\\d");
    /** A time that is no length of a deed: one not right after 了 (60秒跳了168个 may be 第60秒). */
    private static final Pattern ZH_TIME_NOT_TOLD = Pattern.compile("(?<!了)(?<!\\d)\\d+(?:\\.\\d+)?\\s*秒|\\d:\\d");

    /** Verbs whose quoted object may be the words to show. */
    private static final Pattern WRITES = Pattern.compile("wrote|typed|said|put|added|called|named|titled|captioned|labell?ed|printed");
    /** The verbs after "I" that ask or think rather than tell what happens. */
    private static final Pattern NOT_TOLD = Pattern.compile("want|need|would|like|hope|wish|think|guess|mean|prefer|am|was|have|had|will|shall|can|could|should|must|do|did|don't|dont|also|just");
    /** Words that ask, wherever said: a clause holding them is no story told. */
    private static final Pattern ASKS_ANYWHERE = Pattern.compile("\\b(?:please|pls|plz|could|can|would|should|must|need|needs|want|wants|wanted|needed|asked|said|told"
            + "|requested|suggested|hoped|wished|meant|decided|expected|tried|forgot|let's|lets|gotta|make\\s+sure|have\\s+to|has\\s+to)\\b");
    /** A time in the one who tells ("the first 5 seconds"), not a number in a name ("our under-11s"). */
    private static final Pattern TIME_IN_WHO = Pattern.compile("(?<![\\p{L}-])\\d+(?:\\.\\d+)?\\s*(?:s|secs?|seconds?|mins?|minutes?)\\b|\\d:\\d");
    /** The words that name a part of the video: a part that "slowed" is asked, not told. */
    private static final Pattern PART_WORD = Pattern.compile("\\b(?:first|last|final|start|end|beginning|intro|outro|middle|half|part|bit|section|clip|video|footage|frame|sound|audio|picture|colou?rs?)\\b");

    /** A word unknown done to the video, "florp it", "revers it": asked for, though unread (never a remark passed over). */
    private static final Pattern DONE_TO_IT = Pattern.compile("\\s*(?:please\\s+|pls\\s+)?(?!(?:love|loved|like|liked|enjoy|enjoyed|hate|thank|thanks|see|saw|watch|watched"
            + "|got|check|need|want|use|send|share|post|upload|dig|miss|rate|made|shot|filmed|recorded|did|do)\\b)[a-z]{3,}\\s+(?:it|this|that|them)(?:\\s+(?:please|pls))?\\s*[.!]*\\s*");

    /** A name for a part alone, said after the edit of that part: 回忆的部分, 他进球那段. */
    private static final Pattern PART_NAMED_ZH = Pattern.compile("\\s*(?:是|就是|这是|那是)?[\\p{IsHan}]{1,6}的?(?:部分|那段|这段|片段|镜头)\\s*");

    /**
     * A clause said after a correction ({@link #CORRECTION}): an edit taken back ("scratch the sepia", 倒放不要了), a
     * number or a place said again ("I meant first 15", "2倍就行", "top right is better"), or an edit that takes the place
     * of the one of its kind, or of the one just asked for when the user took it back ("oh wait no … just boost the
     * contrast instead"). False, and nothing changed, when the clause is none of these.
     */
    private boolean readCorrection(String clause, String quoted, Rule.Context context, State state) {
        List<EditOperation> ops = state.operations;
        String refused = state.refusedClause;
        state.refusedClause = null;
        if (refused != null) {
            state.retracting = false; // what was taken back was refused, never read: nothing before it is taken back
            Matcher figure = FIGURE_SAID_AGAIN.matcher(CORRECTION_WORDS.matcher(clause).replaceAll(" ").strip());
            if (figure.lookingAt() && FIGURE_NAMED.matcher(refused).find()) {
                // 片尾放图3 啊不对 是图1: the clause refused, with the figure said now
                state.correcting = false;
                interpretClause(FIGURE_NAMED.matcher(refused).replaceFirst(Matcher.quoteReplacement(figure.group("figure"))), false, context, state);
                return true;
            }
        }
        if (ADDED_AFTER_ALL.matcher(clause).find()) {
            state.correcting = state.retracting = false; // "That's all. No wait, square crop as well": one more, nothing taken back
            return false;
        }
        Matcher removed = TAKEN_BACK.matcher(clause);
        if (removed.matches()) {
            String words = Rule.first(removed, "en", "en2", "zh", "zh2", "zh3");
            words = words == null ? null : SAID_BEFORE_ZH.matcher(words).replaceAll(""); // 刚才说提高对比度那个不要了
            boolean end = removed.group("end") != null || words != null && END_NAMED_ZH.matcher(words).matches();
            if (words == null || end) {
                // "oh and 1:10 to 1:14 too, no wait that one's fine"; "drop the first 7 and the last 3. wait the ending's fine"
                EditOperation taken = end ? ops.reversed().stream().filter(PromptInterpreter::atTheEnd).findFirst().orElse(null) : ops.isEmpty() ? null : ops.getLast();
                if (taken != null) {
                    ops.remove(taken);
                    state.ignored.add(quoted);
                    state.correcting = state.retracting = false;
                    return true;
                }
                return false;
            }
            Attempt named = attempt(normalizer.canonical(words), context);
            for (String verb : words.endsWith("ing") && !named.understood() ? unGerund(words) : List.<String>of()) {
                named = named.understood() ? named : attempt(normalizer.canonical(verb), context); // "never mind the muting"
            }
            // 音量不用改了, "leave the brightness": the edit named by what it changes (the volume), not by itself
            Lexicon.Kind changed = (removed.group("zh3") != null || removed.group("en2") != null) && !named.understood() ? lexicon.closest(words) : null;
            if (changed != null) {
                ops.removeIf(op -> op.op().equals(changed.op()));
                state.ignored.add(quoted);
                state.correcting = state.retracting = false;
                return true;
            }
            if (named.understood() && named.operations().size() == 1 && FADES.contains(Operation.of(named.operations().getFirst()))
                    && !Operation.FADE_BOTH.is(named.operations().getFirst())) {
                // 淡入淡出 淡入不要了: the other fade stays
                Operation other = Operation.FADE_IN.is(named.operations().getFirst()) ? Operation.FADE_OUT : Operation.FADE_IN;
                ops.replaceAll(o -> Operation.FADE_BOTH.is(o) ? other.with(o.params(), o.source()) : o);
            }
            if (named.understood() && !named.operations().isEmpty()) {
                Set<Operation> kinds = named.operations().stream().map(Operation::of).collect(Collectors.toSet());
                ops.removeIf(op -> kinds.contains(Operation.of(op)));
                state.ignored.add(quoted);
                state.correcting = state.retracting = false;
                return true;
            }
        }
        String words = CORRECTION_WORDS.matcher(clause).replaceAll(" ").strip();
        Matcher judged = JUDGED_AMOUNT_AFTER.matcher(words);
        if (judged.find() && judged.start() > 0) {
            words = words.substring(0, judged.start()).strip(); // 不对 1.5倍就行 2倍太鬼畜了: the amount taken back, judged
        }
        EditOperation last = ops.isEmpty() ? null : ops.getLast();
        Matcher endSaid = END_SAID_AGAIN.matcher(words);
        EditOperation ended = last != null && endSaid.matches() ? endMoved(last, Rule.seconds(endSaid.group("t")), last.source() + ", " + quoted) : null;
        if (ended != null) {
            ops.set(ops.size() - 1, ended); // 只要三分钟到五分钟那一段，哦说错了，到四分半就行
            state.correcting = state.retracting = false;
            return true;
        }
        EditOperation elsewhere = last == null ? null : partCorrected(last, words, context);
        if (elsewhere != null) {
            ops.set(ops.size() - 1, elsewhere);
            state.correcting = state.retracting = false;
            return true;
        }
        if (last != null && textSaidAgain(last, words, context, state)) {
            return true;
        }
        if (last != null) {
            Matcher number = NUMBER_ALONE.matcher(words);
            MatchResult before = !number.matches() ? numberReworded(last.source(), words)
                    : number.group("n") != null && number.group("n").contains(":") ? only(NUMBER_SAID.matcher(last.source()).results().filter(m -> m.group().contains(":")).toList())
                    : number.group("ordinal") != null ? only(NUMBER_SAID.matcher(last.source()).results().filter(m -> isOrdinal(last.source(), m)).toList())
                    : numberCorrected(last.source(), number.group("unit"), false);
            if (before == null && !number.matches() && words.length() <= 12) {
                // 色相偏移60度 嗯 偏移120度吧: the edit's words said again in other words that mean nothing alone, with a number of its unit
                List<MatchResult> numbers = NUMBER_SAID.matcher(words).results().toList();
                MatchResult said = numbers.size() == 1 ? numbers.getFirst() : null;
                Matcher unit = said == null ? null : NUMBER_ALONE.matcher(words.substring(said.start()));
                before = unit != null && unit.lookingAt() && unit.group("unit") != null && !attempt(words, context).understood()
                        ? numberCorrected(last.source(), unit.group("unit"), isOrdinal(words, said)) : null;
            }
            String flipped = before == null ? oppositeSaid(last.source(), words) : null;
            if (before == null && flipped == null && number.matches() && number.group("unit") != null && number.group("unit").matches("x|×|倍")
                    && (Operation.UPSCALE.is(last) || Operation.ZOOM.is(last) || Operation.SCALE.is(last))) {
                // "超分到1080p 啊不对 直接2倍": a multiple in the place of the size said
                List<MatchResult> size = NUMBER_SAID.matcher(last.source()).results().toList();
                Matcher unit = size.size() == 1 ? UNIT_AFTER.matcher(last.source()).region(size.getFirst().end(), last.source().length()) : null;
                flipped = unit == null ? null : last.source().substring(0, size.getFirst().start()) + words.replaceAll("[^\\d.]", "") + "倍"
                        + last.source().substring(unit.lookingAt() ? unit.end() : size.getFirst().end());
            }
            if (before != null || flipped != null) {
                // the edit as it was said, with the number said now ("trim to the first 10 seconds" → 15), or the
                // direction ("volume up" → down)
                String n = before == null ? null : !number.matches() ? NUMBER_SAID.matcher(words).results().findFirst().orElseThrow().group()
                        : number.group("n") != null ? number.group("n") : String.valueOf(List.of("once", "twice", "thrice").indexOf(number.group("times")) + 1);
                // (the words of an edit read from two clauses, "fade in, 3 sec", are read again as one)
                if (before != null && number.matches() && number.group("unit") != null
                        && !UNIT_AFTER.matcher(last.source()).region(before.end(), last.source().length()).lookingAt()) {
                    // "lower the volume by half. Correction: by 30%": the unit said now goes with the number
                    n = n + (number.group("unit").matches("[a-z].*") ? " " : "") + number.group("unit");
                }
                String again = (flipped != null ? flipped : last.source().substring(0, before.start()) + n + last.source().substring(before.end())).replaceAll("\\s*[,，]\\s*", " ");
                Attempt redone;
                try {
                    redone = attempt(normalizer.canonical(normalizer.written(again.toLowerCase(Locale.ROOT))), context);
                } catch (VeditException e) {
                    redone = new Attempt(List.of(), again, false); // the number said again makes no edit: not this one's
                }
                if (redone.understood() && redone.operations().size() == 1 && (flipped != null || redone.operations().getFirst().op().equals(last.op()))) {
                    // 前面1分钟都是空镜头，帮我加速到4倍，不对 3倍吧: the part the edit had from what was told keeps
                    ops.set(ops.size() - 1, onPart(Part.ofEdit(last), redone.operations().getFirst()));
                    state.correcting = state.retracting = false;
                    return true;
                }
            }
            if (before == null && flipped == null && Operation.SPEED.is(last) && number.matches() && number.group("n") != null
                    && (number.group("unit") == null || number.group("unit").matches("x|×|倍|times"))
                    && last.params().get("factor") instanceof Number was) {
                // "twice as fast, no actually make it 1.5 times", "half speed, no wait 3x": a multiple said again of a speed
                // said in words keeps its direction (3x after a slow-down is three times slower)
                double n = Numbers.parse(number.group("n"));
                String times = n == Math.rint(n) ? String.valueOf((long) n) : String.valueOf(n); // "four" read as 4
                Attempt redone = attempt(normalizer.canonical((was.doubleValue() < 1 && n > 1 ? "slow it down " : "speed ") + times + "x"), context);
                if (n > 0 && redone.understood() && redone.operations().size() == 1 && Operation.SPEED.is(redone.operations().getFirst())) {
                    EditOperation speed = redone.operations().getFirst();
                    ops.set(ops.size() - 1, onPart(Part.ofEdit(last), Operation.SPEED.with(speed.params(), last.source() + ", " + quoted)));
                    state.correcting = state.retracting = false;
                    return true;
                }
            }
            EditOperation placed = amendedApart(last, words, context); // "no actually top right is better"
            if (placed != null) {
                ops.set(ops.size() - 1, placed);
                state.correcting = state.retracting = false;
                return true;
            }
        }
        if (last != null && isSoundLevel(last) && LOWERED.matcher(words).matches()) {
            // "mute it — no wait, just lower it": "it" is the sound just muted
            words = "turn the volume down" + (words.matches(".*\\b(?:a\\s+(?:bit|little|touch|tad)|slightly|some)\\b.*") ? " a bit" : "");
        }
        Attempt asked = attempt(words, context);
        if ((!asked.understood() || asked.operations().isEmpty()) && last != null && last.source() != null) {
            // "rotate the video 180 degree. Sorry, 90 degree clockwise only": the words of the edit corrected, its verb left out
            Matcher verb = VERB_SAID.matcher(last.source());
            Attempt again = verb.lookingAt() ? attempt(normalizer.canonical(verb.group() + " " + words), context) : asked;
            if (again.understood() && again.operations().size() == 1 && sameKind(last, again.operations().getFirst())) {
                asked = again;
            }
            String rephrased = phraseSaidAgain(last.source(), words);
            Attempt phrase = rephrased == null || asked.understood() ? null : attempt(normalizer.canonical(rephrased), context);
            if (phrase != null && phrase.understood() && phrase.operations().size() == 1) {
                // "put figure 1 as the intro, wait, as the outro": the phrase said again in the edit's words
                ops.set(ops.size() - 1, phrase.operations().getFirst());
                state.correcting = state.retracting = false;
                return true;
            }
        }
        if (!asked.understood() || asked.operations().isEmpty()) {
            return false;
        }
        // "the pencil drawing look, and posterize... no scratch that, just the pencil drawing": what is taken back is
        // the edit just asked, though the words after it name an earlier one
        // ("make it 2x and mute it... actually no, 1.5x": a number said alone corrects the edit of its kind, the mute stays)
        boolean numberOfAnEarlier = NUMBER_ALONE.matcher(words).matches() && asked.operations().stream().allMatch(op -> ops.stream().anyMatch(o -> sameKind(o, op)));
        EditOperation retracted = state.retracting && last != null && !numberOfAnEarlier && asked.operations().stream().noneMatch(op -> op.op().equals(last.op())) ? last : null;
        boolean replaced = false;
        int at = ops.size();
        for (EditOperation op : asked.operations()) {
            // 静音——不对，音量调小一点: a mute corrected by a volume is one change of the sound's level
            // "fade in and out. On second thought, only the fade out": a fade corrected by a fade, a flip by a flip
            // (a text of another style, after a word that takes nothing back, is one more: 加字幕「A」 啊 加标题「B」)
            java.util.function.Predicate<EditOperation> corrected = o -> sameKind(o, op) && (state.retracting || !Operation.TEXT.is(op)
                    || Objects.equals(o.params().get("style"), op.params().get("style")));
            int first = ops.indexOf(ops.stream().filter(corrected).findFirst().orElse(null));
            at = first >= 0 ? Math.min(at, first) : at;
            replaced |= ops.removeIf(corrected);
        }
        if (retracted != null) {
            ops.removeIf(o -> o == retracted);
        } else if (!replaced && (state.retracting || INSTEAD.matcher(clause).find()) && !ops.isEmpty()) {
            ops.removeLast(); // "blur the faces - oh wait no, … just boost the contrast instead"
        }
        // the edit corrected keeps its place among the others: "increase the volume 2 times. Also reduce the noise … Wait,
        // increase the volume 1.5 times only"
        ops.addAll(Math.min(at, ops.size()), asked.operations());
        state.correcting = state.retracting = false;
        return true;
    }

    /**
     * The number in the words of an edit that a number said again corrects: the only one, or the only one of the same unit
     * ("zoom in 2x between 0:12 and 0:15 — make it 1.5x"), the last of them when more than one. Null when there is none or
     * no way to tell which.
     */
    private static MatchResult numberCorrected(String said, String unit, boolean ordinal) {
        // a number inside a text shown is the text's ("Grand Opening Sat 10am"), never the edit's
        String source = Quotes.outsideQuotes(said);
        List<MatchResult> numbers = NUMBER_SAID.matcher(source).results().toList();
        String words = unit == null ? null : UNITS.stream().filter(u -> unit.toLowerCase(Locale.ROOT).matches(u)).findFirst().orElse(null);
        if (words == null) {
            return numbers.size() == 1 && unit == null ? numbers.getFirst() : null;
        }
        Pattern after = Pattern.compile("\\s*(?:" + words + ")(?![a-z])");
        // "超分到1080p 啊不对 直接2倍": a number of no unit or of another is not the one a multiple corrects; of two of the
        // unit, the one just said: "freeze at 8 seconds for two seconds, actually no three seconds"; an ordinal corrects an
        // ordinal, a number said bare one said bare (第8秒那里定格1秒 啊不对 2秒: the length)
        List<MatchResult> same = numbers.stream().filter(m -> after.matcher(source).region(m.end(), source.length()).lookingAt()
                && isOrdinal(source, m) == ordinal).toList();
        return !same.isEmpty() ? same.getLast() : numbers.size() == 1 && !UNIT_AFTER.matcher(source).region(numbers.getFirst().end(), source.length()).lookingAt() ? numbers.getFirst() : null;
    }

    /** Whether a number is said as an ordinal: 第8秒. */
    private static boolean isOrdinal(String text, MatchResult number) {
        return number.start() > 0 && text.charAt(number.start() - 1) == '第';
    }

    /** The one number of a list, or null ("freeze at 0:12 … no it's 0:13": the one clock; 第8秒…是第9秒: the one ordinal). */
    private static MatchResult only(List<MatchResult> numbers) {
        return numbers.size() == 1 ? numbers.getFirst() : null;
    }

    /**
     * The words of an edit with a phrase said again in place of the phrase that opens the same way ("put figure 1 as the
     * intro" with "as the outro"); null when no such phrase is there.
     */
    private static String phraseSaidAgain(String source, String words) {
        String[] said = words.strip().split("\\s+");
        if (said.length < 2 || said.length > 5 || !said[0].matches("[a-z]+")) {
            return null;
        }
        List<String> in = List.of(source.strip().split("\\s+"));
        for (int i = 0; i + said.length <= in.size(); i++) {
            if (in.get(i).equals(said[0]) && in.get(i + 1).equals(said[1]) && !in.subList(i, i + said.length).equals(List.of(said))) {
                List<String> out = new ArrayList<>(in.subList(0, i));
                out.addAll(List.of(said));
                out.addAll(in.subList(i + said.length, in.size()));
                return String.join(" ", out);
            }
        }
        return null;
    }

    /** The first word of an edit's words: its verb, mostly ("rotate", "lower", 调高). */
    private static final Pattern VERB_SAID = Pattern.compile("[a-z]+|[\\p{IsHan}]{2}");

    /** The verb before a text said again. */
    private static final Pattern TEXT_VERB = Pattern.compile("^(?:put|write|say|use|type|make\\s+it(?:\\s+say)?|have\\s+it\\s+say|写|用|写成)\\s*(?=[\uE000-\uE0FF])");

    /** Any unit after a number. */
    private static final Pattern UNIT_AFTER = Pattern.compile("\\s*(?:" + String.join("|", UNITS) + "|p|k)(?![a-z])", Pattern.CASE_INSENSITIVE);

    /**
     * The number of an edit said again in the edit's own words with another number: 色相转90度 嗯 转180度试试 (read alone, the
     * words would be a rotation). Null when the words say anything the edit did not.
     */
    private static MatchResult numberReworded(String source, String words) {
        List<MatchResult> said = NUMBER_SAID.matcher(words).results().toList();
        if (said.size() != 1) {
            return null;
        }
        String shape = (words.substring(0, said.getFirst().start()) + "#" + words.substring(said.getFirst().end())).strip();
        Matcher unit = NUMBER_ALONE.matcher(words.substring(said.getFirst().start()));
        MatchResult before = numberCorrected(source, unit.lookingAt() ? unit.group("unit") : null, isOrdinal(words, said.getFirst()));
        return before != null && shape.length() > 2 && (source.substring(0, before.start()) + "#" + source.substring(before.end())).contains(shape) ? before : null;
    }

    /** The words of the edit corrected with the direction said now (in its side's first words) in place of its opposite ({@link #OPPOSITES}); null when not so. */
    private static String oppositeSaid(String source, String words) {
        String said = words.toLowerCase(Locale.ROOT).strip();
        for (List<String> pair : OPPOSITES) {
            for (int side = 0; side < 2; side++) {
                if (said.matches(pair.get(side))) {
                    String other = pair.get(1 - side);
                    Pattern opposite = Pattern.compile(Lexicon.isCjk(said.charAt(0)) ? "(?:" + other + ")" : "\\b(?:" + other + ")\\b", Pattern.CASE_INSENSITIVE);
                    Matcher m = opposite.matcher(source);
                    // (in the side's first words: 往下 after 亮度调高一点 is 调低)
                    return m.find() ? m.replaceFirst(Matcher.quoteReplacement(pair.get(side).split("\\|")[0])) : null;
                }
            }
        }
        return null;
    }

    /**
     * The words of a text said again as the correction: "add caption 'Happy Birthday Lily' - oops typo, it's 'Happy
     * Birthday Lilly'", 顶部加个标题「小王的一天」不对 是「小李的一天」. What follows the quote says why ("with two Ls").
     */
    private boolean textSaidAgain(EditOperation last, String words, Rule.Context context, State state) {
        words = TEXT_VERB.matcher(words).replaceFirst(""); // "wait, put 'Liam & Emma'"
        if (words.isEmpty() || words.charAt(0) < Quotes.FIRST || words.charAt(0) > Quotes.LAST || !(last.params().get("text") instanceof String)) {
            return false;
        }
        Map<String, Object> params = new LinkedHashMap<>(last.params());
        params.put("text", context.quotes().text(words.charAt(0)));
        state.operations.set(state.operations.size() - 1, new EditOperation(last.op(), params, last.source() + ", " + context.quotes().restore(words).strip()));
        state.correcting = state.retracting = false;
        return true;
    }

    /**
     * An edit said again at once in more words takes the place of the first saying: 然后淡出 淡出2秒 is one fade of 2
     * seconds, "fade out. fade out over 3 sec" one fade.
     */
    private static void restated(List<EditOperation> ops, int before) {
        if (ops.size() != before + 1 || before == 0) {
            return;
        }
        EditOperation first = ops.get(before - 1);
        EditOperation again = ops.get(before);
        if (first.op().equals(again.op()) && Part.ofEdit(first) == null && Part.ofEdit(again) == null && first.source() != null && again.source() != null
                && again.source().length() > first.source().length() && again.source().startsWith(first.source())
                // (never the edit repeated from its own words, "freeze at 0:40 for 2 seconds, at 1:20")
                && ",，".indexOf(again.source().charAt(first.source().length())) < 0) {
            ops.remove(before - 1);
        }
    }

    /** "still", 还是 or 照样 before a request: what was asked before stands. */
    private static final Pattern STILL = Pattern.compile("\\s*(?:(?:but|and)\\s+)?(?:still\\b|(?:但是?)?(?:还是|照样|依然|仍然))");

    /**
     * An edit asked again with "still" after a correction is the one already asked ("2x, mute it... actually 1.5x. still
     * mute it"): one mute, not two; so is one named as what the next comes after (想做成倒放的… 倒放之后再放慢).
     */
    private static void stillWanted(String clause, boolean followed, List<EditOperation> ops, int before) {
        if (ops.size() > before && before > 0 && (followed || STILL.matcher(clause).lookingAt())) {
            List<EditOperation> earlier = ops.subList(0, before);
            // (what comes after is named in the words it was asked in: "降噪之后再锐化" after "噪点好多" asks the denoise)
            ops.subList(before, ops.size()).removeIf(op -> earlier.stream().anyMatch(e -> e.op().equals(op.op()) && e.params().equals(op.params())
                    && (!followed || Objects.equals(e.source(), op.source()))));
        }
    }

    /**
     * The edits of the whole video said in the clause after a correction take the place of those of their kind said
     * before it: 片头用图1 片尾用图2 哦反了 片头图2 片尾图1 (the outro said again too), 淡入淡出 淡入不要了 淡出3秒.
     */
    private static void saidAgainAfterCorrection(State state, int before) {
        List<EditOperation> ops = state.operations;
        for (EditOperation again : List.copyOf(ops.subList(Math.min(before, ops.size()), ops.size()))) {
            // (never a problem told: "算了1.5倍吧 太大声会爆音" says why)
            if (Part.ofEdit(again) == null && !state.complaints.contains(again)) {
                for (int i = ops.indexOf(again) - 1; i >= 0; i--) {
                    if (Part.ofEdit(ops.get(i)) == null && sameKind(ops.get(i), again)) {
                        ops.remove(i);
                    }
                }
            }
        }
    }

    /**
     * The refusal of a clause, kept until the next clause says whether it corrects it ("Use image 3 as the outro — sorry,
     * image 4", 拆成三段 哦 拆成两段就行): a refusal of what was taken back does not stand, and what is asked now is read
     * (and refused, if it must be).
     */
    private static final class PendingRefusal {
        /** The refusal of the clause before, unless the clause now corrects it. */
        private VeditException refused;
        /** …which a correction took back: it stands unless the correction asks for something. */
        private VeditException takenBack;
        private int opsBeforeCorrection;

        /** A clause refused: thrown at once when no clause follows. */
        void refuse(VeditException refusal, boolean more, String clause, State state) {
            if (!more) {
                throw refusal;
            }
            state.refusedClause = clause;
            refused = refusal;
        }

        /** Before the next clause: the refusal stands unless that clause is a correction. */
        void beforeClause(Marker marker, State state) {
            if (refused == null) {
                return;
            }
            if (!marker.leads()) {
                throw refused;
            }
            takenBack = refused;
            opsBeforeCorrection = state.operations.size();
            refused = null;
        }

        /** After a clause with words of its own: 配一首周杰伦的晴天 不对 配七里香, a correction read into no edit leaves the refusal of what it corrected. */
        void afterClause(Marker marker, State state) {
            if (takenBack == null || refused != null || marker.alone()) {
                return;
            }
            if (state.operations.size() <= opsBeforeCorrection) {
                throw takenBack;
            }
            takenBack = null;
            state.refusedClause = null;
        }

        /** At the end of the prompt: nothing after the refusal said otherwise. */
        void atEnd() {
            if (refused != null || takenBack != null) {
                throw refused != null ? refused : takenBack;
            }
        }
    }

    /** A figure named: "image 4", 图2. */
    private static final Pattern FIGURE_NAMED = Pattern.compile("(?:图|image|img|figure|fig\\.?|picture|pic|photo)\\s*\\d+", Pattern.CASE_INSENSITIVE);
    /** …said again as a correction: "image 4, the one with the logos", 是图1 (read 用图1). */
    private static final Pattern FIGURE_SAID_AGAIN = Pattern.compile("(?:用|使用|use|with|是|it'?s|its)?\\s*(?:the\\s+)?(?<figure>" + FIGURE_NAMED.pattern() + ")", Pattern.CASE_INSENSITIVE);

    /** Where a part ends, said again: "until 1 minute 25 second", 到270秒. */
    private static final Pattern END_SAID_AGAIN = Pattern.compile("(?:到|至|until|till|to|up\\s+to)\\s*第?\\s*" + Rule.time("t") + Rule.SECONDS + "?");

    /** The edit of a part with the part's end moved to {@code end}; null when it has no such part or the end comes before its start. */
    private static EditOperation endMoved(EditOperation op, double end, String source) {
        Map<String, Object> params = new LinkedHashMap<>(op.params());
        if (Operation.TRIM.is(op) && params.get("start") instanceof Number start && params.containsKey("duration") && end > start.doubleValue()) {
            params.put("duration", Rule.round(end - start.doubleValue()));
        } else if (Operation.CUT.is(op) && params.get("start") instanceof Number start && end > start.doubleValue()) {
            params.put("end", end);
        } else if (params.get("from") instanceof Number from && params.containsKey("to") && end > from.doubleValue()) {
            params.put("to", end);
        } else {
            return null;
        }
        return new EditOperation(op.op(), params, source);
    }

    /** Words that point back at an edit asked before: 刚才说…那个, 之前说的…. */
    private static final Pattern SAID_BEFORE_ZH = Pattern.compile("^(?:刚才|刚刚|之前|前面|上面)(?:说|讲|提)的?|(?:的|那个|这个|那一?步)+$");

    /** The end of the video named as a part in Chinese: 后面的, 结尾. */
    private static final Pattern END_NAMED_ZH = Pattern.compile("(?:后面|结尾|最后|末尾|片尾)(?:的|那段|那几秒)?");

    /** Whether an edit is of the end of the video: a cut of its last seconds, or an edit of them. */
    private static boolean atTheEnd(EditOperation op) {
        return Operation.DROP_LAST.is(op) || Operation.TRIM_LAST.is(op) || "end".equals(op.params().get("at"));
    }

    /** The verbs a gerund may come from: "muting" → mute, "blurring" → blur, "sharpening" → sharpen. */
    private static List<String> unGerund(String words) {
        String stem = words.substring(0, words.length() - 3);
        boolean doubled = stem.length() > 2 && stem.charAt(stem.length() - 1) == stem.charAt(stem.length() - 2);
        return doubled ? List.of(stem.substring(0, stem.length() - 1), stem) : List.of(stem, stem + "e");
    }

    /** The level of what was just changed asked lower, without naming it: "lower it", "bring it down a bit". */
    private static final Pattern LOWERED = Pattern.compile("(?:lower|reduce|decrease|drop|soften|quieten|bring|turn)\\s+it"
            + "(?:\\s+down)?(?:\\s+(?:a\\s+(?:bit|little|touch|tad)|slightly|some))?(?:\\s+instead)?");

    private static final Set<Operation> FADES = EnumSet.of(Operation.FADE_IN, Operation.FADE_OUT, Operation.FADE_BOTH);
    private static final Set<Operation> FLIPS = EnumSet.of(Operation.HFLIP, Operation.VFLIP);

    /** Whether a correction asking {@code asked} takes the place of {@code op}: one kind, or one level of the sound, one fade, one flip. */
    private static boolean sameKind(EditOperation op, EditOperation asked) {
        return op.op().equals(asked.op()) || isSoundLevel(op) && isSoundLevel(asked) || FADES.contains(Operation.of(op)) && FADES.contains(Operation.of(asked))
                || FLIPS.contains(Operation.of(op)) && FLIPS.contains(Operation.of(asked));
    }

    private static boolean isSoundLevel(EditOperation op) {
        return Operation.MUTE.is(op) || Operation.VOLUME.is(op) && !op.params().containsKey("from") && !op.params().containsKey("at");
    }

    /**
     * The edit just asked for, on the part said as the correction: "make the first 5 seconds black and white, no wait,
     * the last 5 seconds" is black and white at the end, 剪掉前3秒，不对，后3秒 cuts the last 3, "cut 0:10-0:20, no,
     * 0:30-0:40" cuts the second range, "slow it down, no, the last 4 seconds" slows those. Read alone, the part was
     * kept and the edit taken back, or (its number the same) the first part kept. Null when the words are not a part
     * alone or the edit takes none.
     */
    private EditOperation partCorrected(EditOperation last, String words, Rule.Context context) {
        // "…, no, the last 3": the seconds of the edge corrected go without saying
        // …and 哦是22到27 after 第20到25秒: the unit of the range corrected
        Attempt said = attempt(EDGE_WITHOUT_UNIT.matcher(words).matches() ? words + " seconds" : RANGE_WITHOUT_UNIT_ZH.matcher(words).matches() ? words + "秒" : words, context);
        if (!said.understood() || said.operations().size() != 1 || hasWords(unexplained(said.leftover()))) {
            return null;
        }
        EditOperation part = said.operations().getFirst();
        if (!isEdge(part) && !isRangeSaid(part) && !isOnward(part)) {
            return null;
        }
        String source = last.source() + ", " + part.source();
        Part now = Part.of(part);
        Part was = Part.ofEdit(last);
        if (isOnward(part) && was != null && was.last() == 0 && was.from() < now.from() && now.from() < was.to() && was.to() != Part.END) {
            now = new Part(now.from(), was.to(), 0); // "slo mo from 0:20 to 0:30... no, from 0:25": the start said again
        }
        Operation operation = Operation.of(last);
        boolean kept = Operation.TRIM_LAST.is(last) || Operation.TRIM.is(last) && (last.params().containsKey("duration") || isOnward(part));
        if (kept) {
            return new EditOperation(part.op(), part.params(), source); // "keep the first 10 seconds, no, the last 10"
        }
        if (operation == Operation.CUT || operation == Operation.DROP_LAST || operation == Operation.TRIM) {
            return now.removed(source);
        }
        // "slow it down, no, the last 4 seconds": an edit of the whole said again of a part
        return Part.ofEdit(last) != null ? now.instead(last, source) : now.apply(last, source);
    }

    /**
     * Two sentences run together with nothing between them, as dictation and quick typing write them ("make it louder i
     * cant hear him", "its sideways rotate it 90 degrees", "it's washed out so bump the contrast"): read as two clauses
     * where the clause splits into a request or description followed by a new one, a request after a description or a
     * description after a request. A description is split only before a request, so "the end is cut off" stays one.
     *
     * @return whether the clause was read so
     */
    private boolean readRunOn(String clause, boolean description, Rule.Context context, State state) {
        Matcher space = RUN_ON_SPACE.matcher(clause);
        while (space.find()) {
            String left = clause.substring(0, space.start());
            String right = clause.substring(space.end());
            Matcher opening = ASKING_START.matcher(right);
            // "so" before a request ("washed out so bump the contrast"), never before a purpose ("so it's 30 seconds")
            boolean asking = opening.lookingAt() ? !opening.group().startsWith("so") || imperativeStart(right.substring(opening.end()))
                    : imperativeStart(right) || description && Character.isDigit(right.charAt(0)); // 太快了跟不上 0.5倍速: the amount asked
            // a description after a request ("more contrast plz it looks flat") even where the whole reads as one
            // …or in Chinese, where a space before a character ends a sentence: 把背景换成图1 直播间太乱了
            boolean telling = (SENTENCE_START.matcher(right).lookingAt() || Lexicon.isCjk(right.charAt(0))) && (!description || !isDescription(left, context, state));
            if (!(asking || telling) || DANGLING.matcher(left).find() || !complete(left, state, context)) {
                continue;
            }
            boolean aside = !asking && isAside(right, context);
            if (asking ? !asks(right, context) : !isDescription(right, context, state) && !lexicon.isStatement(right) && !aside) {
                continue;
            }
            interpretClause(left, false, context, state);
            if (aside) {
                state.ignored.add(context.quotes().restore(right).strip()); // "speed it up 4x its a timelapse of the dough rising"
            } else {
                interpretClause(right, false, context, state);
            }
            return true;
        }
        // Chinese runs on with no space at all: 颜色不够鲜艳饱和度加一点 (a description, then the request that answers it)
        Matcher joint = description ? DESCRIPTION_THEN_REQUEST_ZH.matcher(clause) : null;
        while (joint != null && joint.find()) {
            String left = clause.substring(0, joint.start());
            String right = clause.substring(joint.end());
            if (isDescription(left, context, state) && asks(right, context)) {
                interpretClause(left, false, context, state);
                interpretClause(right, false, context, state);
                return true;
            }
        }
        return false;
    }

    /**
     * A sentence of its own that asks nothing, said after a request without a stop: "im just setting up the camera lol",
     * "its the dog jumping in the pool". No request word, nothing the rules read, nothing only a model could make.
     */
    private boolean isAside(String words, Rule.Context context) {
        return (!lexicon.isRequest(words) || isChineseRemark(words) || WHAT_IT_IS.matcher(words).lookingAt())
                && GENERATIVE.find(words) < 0 && attempt(words, context).operations().isEmpty();
    }

    /** What the video is, said after the request: "its a timelapse of the grape crush", "it's my first kickflip". */
    private static final Pattern WHAT_IT_IS = Pattern.compile("\\s*(?:it's|its|it\\s+is|this\\s+is|that's|thats)\\s+(?:a|an|the|my|our|his|her|their|just|only|for)\\b");

    /**
     * A Chinese sentence that tells, though a verb of an edit may stand in it: it does not open with a request and ends
     * as a remark does (店里电视放的, 群里发不了太大的, 外放太炸了, 给我爸过生日用).
     */
    private static boolean isChineseRemark(String words) {
        String said = words.strip();
        return !said.isEmpty() && Lexicon.isCjk(said.charAt(0)) && !ASKING_ZH.matcher(said).lookingAt()
                && (REMARK_END_ZH.matcher(said).find() || WHAT_IT_IS_ZH.matcher(said).lookingAt());
    }

    /** A remark that says what something is, or is not: 是手语老师的翻译窗口, 是画面的噪点，不是声音. */
    private static final Pattern WHAT_IT_IS_ZH = Pattern.compile("(?:这|那|它)?(?:个|张|段)?不?是(?!否)");

    /** How a Chinese request opens: a courtesy or 把, then the verb of an edit. */
    private static final Pattern ASKING_ZH = Pattern.compile("\\s*(?:帮我|帮忙|请|麻烦|再|然后|给我|给|把|将|能不能|可以|可不可以)?"
            // 在顶部加上…: where, before the verb
            + "(?:在(?:视频|画面|屏幕)?的?(?:顶部|底部|上面|下面|中间|左上角|右上角|左下角|右下角|上方|下方|正中间|最上面|最下面))?"
            + "(?:加|调|改|换|去|删|剪|放|变|转|压|弄|做|提|降|减|增|裁|截|静|倒|慢|快|关|开|打|用|保留|只要|留|整|搞)");
    /** How a Chinese remark ends: what something is (…的), what it is for (…用), how it has become (…了). */
    private static final Pattern REMARK_END_ZH = Pattern.compile("(?:的|用|了|呢|啊|呀|嘛)\\s*$");

    /** Where a Chinese description may end and a request begin: after what it says is wrong, before what to change. */
    private static final Pattern DESCRIPTION_THEN_REQUEST_ZH = Pattern.compile("(?<=[了艳暗亮糊抖吵慢快灰大小楚晰虚多少重害])(?=(?:饱和度|亮度|对比度|音量|声音|画面|颜色|帮我|给我|麻烦|把|再|调|加|提|降|减|放|锐化|防抖|降噪|去噪|稳定))"
            + "|(?<=了)\\s+(?=\\d)"); // 整体太快了 0.75倍速就行

    private boolean imperativeStart(String words) {
        Matcher word = FIRST_WORD.matcher(words);
        return word.lookingAt() && lexicon.isImperative(word.group(1)) && OBJECT.matcher(words).region(word.end(), words.length()).lookingAt();
    }

    /** Whether words stand as a sentence of their own: a description, a statement or a request read in full. */
    private boolean complete(String words, State state, Rule.Context context) {
        if (isDescription(words, context, state) || lexicon.isStatement(words)) {
            return true;
        }
        Attempt attempt = attempt(words, context);
        return attempt.understood() && !attempt.operations().isEmpty();
    }

    /** Whether words ask for an edit in full, or to fix what was described ("can you clean that up"). */
    private boolean asks(String words, Rule.Context context) {
        String request = ASKING_START.matcher(words).replaceFirst("");
        Attempt attempt = attempt(request, context);
        return attempt.understood() && !attempt.operations().isEmpty() || lexicon.asksToFix(request);
    }

    /**
     * A clause that gives an example ("…, like old 16mm footage", "…, maybe 1.5x"): an amount for the edit just asked for
     * is that edit's amount ("zoom in a bit, maybe 1.5x" zooms 1.5x); words that ask for no edit are context.
     *
     * @return whether the clause was read so
     */
    private boolean readExample(String rest, String quoted, Attempt attempt, Rule.Context context, State state) {
        // "like 3 times lol": the amount with filler beside it is still an amount alone
        if (isAmount(lexicon.withoutFiller(rest)) && amendLast(rest, context, state)) {
            return true;
        }
        if (attempt.operations().isEmpty()) {
            state.ignored.add(quoted);
            return true;
        }
        return false;
    }

    /** Reads {@code words} in the clause's place: true, with their edits added, when the rules read all of them. */
    /** Reads "the bit from 0:42 to 0:55 shouldn't be in it" as "remove the bit from 0:42 to 0:55"; false if not said so. */
    private boolean readGone(String clause, String quoted, boolean joined, Rule.Context context, State state) {
        Matcher gone = GONE.matcher(clause);
        if (!GONE_WORDS.matcher(clause).find() || !gone.matches()) {
            return false; // most clauses hold none of its words: the full match, tried at every split, is dear
        }
        if (gone.group("zhUnwanted") != null && lexicon.isRequest(gone.group("zhUnwanted")) && !PART_SAID_ZH.matcher(gone.group("zhUnwanted")).find()) {
            return false; // "fade out 不需要": an edit not wanted, not a thing to take out
        }
        String thing = gone.group("thing") != null ? gone.group("thing") : gone.group("gone");
        String removal = thing != null ? "remove " + OBJECT_PRONOUN.getOrDefault(thing.strip(), thing.strip())
                : "去掉" + Stream.of(gone.group("zh"), gone.group("zhThing"), gone.group("zhUnwanted")).filter(Objects::nonNull).findFirst().orElseThrow();
        // the removal may only restate ("keep 0:10 to 0:20, the rest can go")
        if (!readAs(removal, quoted, true, joined, context, state)) {
            state.notUnderstood.add(quoted);
        }
        return true;
    }

    /** A part said in Chinese (a time, 段, 开头): what 不想要 takes out even where its words name an edit too. */
    private static final Pattern PART_SAID_ZH = Pattern.compile("[\\d一二两三四五六七八九十]\\s*(?:秒|分)|段|部分|开头|结尾|片头|片尾");
    /** "they can go" is "remove them". */
    private static final Map<String, String> OBJECT_PRONOUN = Map.of("they", "them", "he", "him", "she", "her", "i", "me", "we", "us");

    /**
     * Reads a wish for how the video would be as the request it stands for ("would be great if it was brighter": make it
     * brighter); a wish that reads as no request is not understood, never a problem described (要是能慢慢亮起来就好了 is
     * no "too slow"). False where the clause is no wish, or wishes a problem away ("if it wasn't so dark"): a description.
     */
    private boolean readWish(String clause, String quoted, boolean joined, Rule.Context context, State state) {
        Matcher wish = WISHED.matcher(clause);
        boolean wished = WISH_WORDS.matcher(clause).find() && wish.matches();
        boolean goesOn = !wished && joined && state.wishing; // "would be great if it was brighter and the colours weren't so washed out"
        state.wishing = false; // the wish's own reading reads clauses too, none of which goes on wishing
        try {
            return (wished || goesOn) && readWished(wished ? wish : null, clause, quoted, joined, context, state);
        } finally {
            state.wishing = wished || goesOn;
        }
    }

    private boolean readWished(Matcher wish, String clause, String quoted, boolean joined, Rule.Context context, State state) {
        boolean goesOn = wish == null;
        boolean english = goesOn ? !Lexicon.isCjk(clause.strip().charAt(0))
                : wish.group("what") != null || wish.group("condition") != null || wish.group("doing") != null || wish.group("doneEd") != null;
        String what = goesOn ? clause.strip() : wish.group("doing") != null ? wish.group("doing") + " " + wish.group("done")
                : wish.group("doneEd") != null ? wish.group("doneEd") + " " + wish.group("doneRest")
                : Stream.of(wish.group("what"), wish.group("condition"), wish.group("zh"), wish.group("hoped")).filter(Objects::nonNull).findFirst().orElseThrow();
        if (readGone(english ? what : clause, quoted, joined, context, state)) {
            return true; // "I'd love for him to just not be there", "wish the first 8 seconds weren't there", 垃圾桶要是没有就好了
        }
        if (WISHED_WITHOUT.matcher(what).find()) {
            state.fix = true; // a problem wished away is one asked to be answered, however mildly said
            return false;
        }
        if (goesOn && !lexicon.isRequest(what) && GENERATIVE.find(what) < 0) {
            return false; // "…, and the price tag on the shelf": the wish said, its context after it
        }
        List<String> requests = new ArrayList<>();
        if (english) {
            Matcher stated = WISHED_STATE.matcher(what);
            if (stated.matches()) {
                requests.add("make " + stated.group("subject") + " " + stated.group("state"));
            }
            Matcher doing = WISHED_DOING.matcher(what);
            if (doing.matches()) {
                // "looped" loop, "faded" fade, "stopped" stop: the verb said as asked
                for (String asked : asked(doing.group("verb"), 2)) {
                    requests.add(asked + " " + doing.group("subject") + doing.group("rest"));
                }
            }
            if (wish != null && wish.group("doing") != null) {
                for (String asked : asked(wish.group("doing"), 3)) { // "evening" even, "making" make, "cutting" cut
                    requests.add(asked + " " + wish.group("done"));
                }
            }
            if (wish != null && wish.group("doneEd") != null) {
                for (String asked : asked(wish.group("doneEd"), 2)) { // "zoomed in 2x would be better": zoom in 2x
                    requests.add(asked + " " + wish.group("doneRest"));
                }
            }
            requests.add(WISHED_ASKING.matcher(what).replaceFirst("")); // "if you could make it black and white, that'd be great"
        } else {
            String asked = (wish != null && wish.group("subject") != null ? wish.group("subject") : "") + what;
            requests.add(asked);
            if (what.startsWith("没有")) {
                requests.add("去掉" + what.substring(2)); // 要是没有前面15秒的废话就好了: those taken out
            }
            requests.add(WISHED_ASKING.matcher(asked).replaceFirst("")); // 要是声音能大一点就好了
        }
        for (String request : new LinkedHashSet<>(requests)) {
            if (readAs(request, quoted, false, joined, context, state)) {
                return true;
            }
        }
        if (english && !lexicon.isRequest(what)) {
            state.ignored.add(quoted); // "would be great if you had it by Friday": no edit wished for
        } else {
            state.notUnderstood.add(quoted);
        }
        return true;
    }

    /**
     * What a part of the video is asked to do, said of the part: "can the last frame hold for 3 seconds", "the intro
     * should fade in", "could the last 8 seconds go black and white": the verb asked of the part.
     */
    private static final Pattern ASKED_OF_A_PART = Pattern.compile("\\s*(?:(?<asking>can|could|will|would)\\s+)?(?<part>(?:the|that|this)\\s+(?:[a-z0-9.]+\\s+){0,3}?"
            + "(?:frame|seconds?|secs?|intro|outro|ending|end|start|beginning|opening|part|bit|section|clip|video|music|audio|sound|song|shot|scene))"
            + "\\s+(?:(?<modal>should|can|could|needs?\\s+to|has\\s+to|must|ought\\s+to)\\s+)?(?:please\\s+)?(?<verb>freeze|hold|fade|loop|repeat|slow|speed|play|go|turn|become|be)\\b(?<rest>.*?)[?.!\\s]*");

    private static final Pattern PARTICLE = Pattern.compile("\\s+(?:in|out|up|down)\\b");

    /** A past participle a want is said with, irregular or regular: "cut", "sped", "played", "applied". */
    private static final String DONE = "(?:[a-z]{3,}ed|cut|put|set|sped|made|shown|frozen)";
    /** What is wanted done said in the passive: "I'd like it played backwards", "it should be played backwards". */
    private static final Pattern WANTED_DONE = Prefilter.guarded(Pattern.compile("\\s*(?:(?:i|we)(?:'d|\\s+would)\\s+(?:really\\s+)?(?:like|love|prefer)|(?:i|we)\\s+(?:want|need)"
            + "|(?:can|could)\\s+(?:we|i|you|u)\\s+(?:please\\s+)?(?:get|have))\\s+"
            + "(?<subject>it|this|that|them|everything|(?:the|a|an|my|our|this|that)\\s+(?:[a-z0-9.:'-]+\\s+){0,7}?[a-z0-9:'-]+)\\s+(?<verb>" + DONE + ")\\b(?<rest>.*?)[?.!\\s]*"
            + "|\\s*(?<subject2>it|this|that|everything|the\\s+(?:[a-z0-9.:'-]+\\s+){0,7}?[a-z0-9:'-]+)\\s+(?:should|needs?\\s+to|has\\s+to|must|ought\\s+to)\\s+be\\s+"
            + "(?<verb2>" + DONE + ")\\b(?<rest2>.*?)[?.!\\s]*"));
    private static final Map<String, String> IRREGULAR_DONE = Map.of("sped", "speed", "made", "make", "shown", "show", "frozen", "freeze");

    /**
     * What is wanted done, said in the passive, read as asked: "I'd like it played backwards" is "play it backwards",
     * "I'd like a pencil-sketch effect applied from 0:05 until 0:15" is "apply a pencil-sketch effect …". False, and
     * nothing read, when the clause is no such want or its request reads as no edit.
     */
    private boolean readWantedDone(String clause, String quoted, boolean joined, Rule.Context context, State state) {
        Matcher wanted = WANTED_DONE.matcher(clause);
        if (!wanted.matches()) {
            return false;
        }
        Attempt asSaid = attempt(clause, context);
        if (asSaid.understood() && !asSaid.operations().isEmpty()) {
            return false; // "I want it mirrored": read as said, its words the edit's source
        }
        String subject = Rule.first(wanted, "subject", "subject2");
        String verb = Rule.first(wanted, "verb", "verb2");
        String rest = Rule.first(wanted, "rest", "rest2");
        Set<String> stems = IRREGULAR_DONE.containsKey(verb) ? Set.of(IRREGULAR_DONE.get(verb))
                : !verb.endsWith("ed") ? Set.of(verb) : verb.endsWith("ied") ? Set.of(verb.substring(0, verb.length() - 3) + "y") : asked(verb, 2);
        for (String stem : stems) {
            Matcher particle = PARTICLE.matcher(rest); // "the intro faded in": fade in the intro
            String request = particle.lookingAt() ? stem + particle.group() + " " + subject + rest.substring(particle.end()) : stem + " " + subject + rest;
            if (readAs(request, quoted, false, joined, context, state)) {
                return true;
            }
        }
        return false;
    }

    private boolean readAskedOfAPart(String clause, String quoted, boolean joined, Rule.Context context, State state) {
        if (!clause.contains("th")) {
            return false; // the, that, this: a cheap guard in front of the pattern
        }
        Matcher asked = ASKED_OF_A_PART.matcher(clause);
        if (!asked.matches() || (asked.group("asking") == null) == (asked.group("modal") == null)) {
            return false; // asked once, by "can …" or by "… should": "the video plays backwards" describes
        }
        String verb = asked.group("verb");
        Matcher particle = PARTICLE.matcher(asked.group("rest")); // "the intro should fade in": fade in the intro
        String request = verb.matches("go|turn|become|be") ? "make " + asked.group("part") + asked.group("rest")
                : particle.lookingAt() ? verb + particle.group() + " " + asked.group("part") + asked.group("rest").substring(particle.end())
                : verb + " " + asked.group("part") + asked.group("rest");
        return readAs(request, quoted, false, joined, context, state);
    }

    /** The verb a form of it said ({@code ending}: the length of its "ed" or "ing") may be: its stem, with an "e", undoubled. */
    private static Set<String> asked(String said, int ending) {
        String stem = said.substring(0, said.length() - ending);
        String undoubled = stem.length() > 2 && stem.charAt(stem.length() - 1) == stem.charAt(stem.length() - 2)
                ? stem.substring(0, stem.length() - 1) : stem;
        return new LinkedHashSet<>(List.of(stem, stem + "e", undoubled));
    }

    /**
     * Reads {@code words}, the clause said as a request, in the clause's place: true when that asks for edits (or for
     * a model's), whose refusal then quotes the clause as said, or, where {@code restating} may, only restates one
     * asked for; false, and nothing recorded, otherwise.
     */
    private boolean readAs(String words, String quoted, boolean restating, boolean joined, Rule.Context context, State state) {
        int operations = state.operations.size();
        int generative = state.generative.size();
        int notUnderstood = state.notUnderstood.size();
        int ignored = state.ignored.size();
        interpretClause(normalizer.canonical(words), joined, context, state); // new words, which the lexicon reads as any
        List<EditOperation> read = state.operations.subList(operations, state.operations.size());
        if (read.stream().anyMatch(state.complaints::contains)) {
            read.clear(); // what was asked for, read as a problem described ("慢慢亮起来" is no "too slow"): no request
        }
        boolean restated = restating && state.ignored.size() > ignored && state.notUnderstood.size() == notUnderstood;
        if (state.operations.size() == operations && state.generative.size() == generative && !restated) {
            state.notUnderstood.subList(notUnderstood, state.notUnderstood.size()).clear();
            state.ignored.subList(ignored, state.ignored.size()).clear();
            return false;
        }
        if (state.generative.size() > generative) {
            state.generative.subList(generative, state.generative.size()).clear();
            state.generative.add(quoted);
        }
        if (state.notUnderstood.size() > notUnderstood) {
            state.notUnderstood.subList(notUnderstood, state.notUnderstood.size()).clear();
            state.notUnderstood.add(quoted);
        }
        return true;
    }

    /**
     * "logo fig1 top left 30% opacity", "…, about 50% transparent", 透明度50%, "make it smaller": how an image laid over
     * the video looks, said with it or right after it, is that image's look. Said with other words where no image is
     * laid over, it is not understood; said alone, it is left to the rules (of another edit: "vignette, subtle").
     */
    private boolean readLook(String clause, String quoted, boolean joined, Rule.Context context, State state) {
        OverlayRules.Look look = OverlayRules.look(clause);
        if (look == null) {
            return false;
        }
        List<EditOperation> ops = state.operations;
        int before = ops.size();
        boolean rest = hasWords(unexplained(look.rest()));
        if (rest) {
            interpretClause(look.rest(), joined, context, state);
        }
        boolean applied = false;
        for (int i = before; i < ops.size(); i++) {
            if (OverlayRules.takesLook(ops.get(i))) {
                ops.set(i, look.appliedTo(ops.get(i)));
                applied = true;
            }
        }
        if (!applied && before > 0 && before <= ops.size() && OverlayRules.takesLook(ops.get(before - 1))) {
            ops.set(before - 1, look.appliedTo(ops.get(before - 1))); // "logo bottom right. 50% transparent"
            applied = true;
        }
        if (!applied && !rest) {
            return false; // "vignette, strong. hmm, subtle actually", 音量调一下，小一点: said of another edit
        }
        if (!applied) {
            state.notUnderstood.add(quoted);
        }
        return true;
    }

    private boolean readInstead(String words, Rule.Context context, State state) {
        Attempt instead = attempt(words, context);
        if (!instead.understood() || instead.operations().isEmpty()) {
            return false;
        }
        state.operations.addAll(instead.operations());
        return true;
    }

    /** Whether words are an amount alone, an edit's example ("1.5x", "half", "3 seconds"). */
    private static boolean isAmount(String words) {
        return QUANTITY.matcher(words).find() && words.strip().split("\\s+").length <= 2;
    }

    /**
     * Reads {@code amount} as the amount of the last edit asked for ("加个淡出，三秒就行" is a 3 s fade out); false, and
     * nothing changed, when it is not one.
     */
    private static final Pattern PERCENT_ALONE = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*(?:%|percent|per\\s+cent)\\s*");
    private static final Set<Operation> TONES = EnumSet.of(Operation.BRIGHTNESS, Operation.CONTRAST, Operation.SATURATION);

    /** A problem just told said to be no matter. */
    private static final Pattern FINE_AS_IT_IS = Pattern.compile("\\s*(?:但是?|不过|but\\s+|and\\s+)?(?:这个|这些|那个|这点|这倒|倒是|也)?(?:无所谓|没关系|不要紧|没事|不用管|不影响|可以接受|能接受)(?:的|啦|了|吧|哈)*"
            + "|\\s*(?:but\\s+|and\\s+)?(?:that'?s|it'?s|which\\s+is)\\s+(?:fine|ok|okay|alright|no\\s+big\\s+deal)|\\s*(?:but\\s+)?(?:it\\s+)?doesn'?t\\s+matter\\s*[.!]*");
    /** A light degree said in a clause of its own, after the edit it is of. */
    private static final Pattern DEGREE_APART = Pattern.compile("\\s*(?:但是?|不过|but\\s+|and\\s+)?(?:(?:别|不要|不用)太(?:狠|过|猛|重|强|浓|夸张|明显|多)了?|轻微(?:一点|一些)?|轻一?点|稍微(?:一点|一些|点)?|一点点|一丢丢|淡淡的"
            + "|not\\s+too\\s+(?:much|strong|heavy|hard|obvious|strongly)|(?:just\\s+|only\\s+)?a\\s+(?:subtle|light|gentle|soft|faint|small)\\s+one|nothing\\s+(?:too\\s+)?(?:heavy|strong|crazy|extreme)|just\\s+a\\s+(?:little|touch|bit)|subtle|subtly|lightly|gently)"
            + "\\s*(?:就好|就行|就可以|就够了|即可|哦|哈|啊|吧|呀|please|pls)?\\s*[.!。！]*\\s*");

    /** How far not to go, said of one kind of edit: 不要调太亮, "but not too bright", 别太快. */
    private static final Pattern NOT_TOO = Pattern.compile("\\s*(?:但是?|不过|but\\s+|and\\s+)?(?:(?:别|不要|不用)(?:调|弄|变|搞|拉|加)?得?(?:太|过)(?<zh>亮|暗|快|慢|大声|小声|响|艳|浓|暖|冷)了?"
            + "|not\\s+(?:too|so|that|overly)\\s+(?<en>bright|dark|fast|slow|loud|quiet|saturated|vivid|warm|cool|cold))"
            + "\\s*(?:就好|就行|哦|哈|啊|吧|呀|please|pls)?\\s*[.!。！]*\\s*");

    /** Whether an edit's amount was said: a number in its words, or words said apart that changed what its words read. */
    private boolean amountSaid(EditOperation op, Rule.Context context) {
        if (op.source() == null || op.source().chars().anyMatch(Character::isDigit)) {
            return true;
        }
        Attempt plain = attempt(op.source(), context);
        return !plain.understood() || plain.operations().size() != 1 || !plain.operations().getFirst().params().equals(op.params());
    }

    /** The kind of edit a word of {@link #NOT_TOO} limits. */
    private static Operation limitedBy(String word) {
        return switch (word) {
            case "亮", "暗", "bright", "dark" -> Operation.BRIGHTNESS;
            case "快", "慢", "fast", "slow" -> Operation.SPEED;
            case "艳", "浓", "saturated", "vivid" -> Operation.SATURATION;
            case "暖", "冷", "warm", "cool", "cold" -> Operation.TEMPERATURE;
            default -> Operation.VOLUME;
        };
    }

    /** The same, strongly: "要很重的那种", "重一点", "really heavy", "make it strong". */
    private static final Pattern STRONG_APART = Pattern.compile("\\s*(?:但是?|不过|and\\s+)?(?:要|要那种)?(?:(?:很|特别|超|非常|越)(?:重|浓|强|狠|明显)(?:越好)?|(?:重|浓|强|狠|明显)一?点)(?:的那种|那种|的)?"
            + "|\\s*(?:and\\s+)?(?:make\\s+it\\s+)?(?:really|very|super|extra|nice\\s+and)\\s+(?:heavy|strong|intense|obvious|noticeable)"
            + "\\s*(?:就好|就行|哦|哈|啊|吧|呀|please|pls)?\\s*[.!。！]*\\s*");

    /**
     * The last edit again, said slightly ("稍微锐化", "sharpen slightly") or strongly ("大幅锐化", "a heavy vignette"),
     * when that wording reads as the same edit with another amount: a degree said apart is of the edit before it.
     */
    private boolean reweighLast(boolean strong, Rule.Context context, State state) {
        if (state.operations.isEmpty() || state.operations.getLast().source() == null) {
            return false;
        }
        EditOperation previous = state.operations.getLast();
        String said = previous.source().strip();
        String article = "^(?:(add|put|give\\s+it|with)\\s+)?(?:some\\s+|a\\s+)?";
        List<String> wordings = strong
                ? List.of("大幅" + said, said.replaceFirst("^(加个|加一个|加上|加点|加|来个)?", "$1很重的"), said + " strongly", "heavily " + said,
                        said.replaceFirst(article, "$1 a heavy ").strip())
                : List.of("稍微" + said, "轻微" + said, said + "一点点", said.replaceFirst("^(加个|加一个|加上|加点|加|来个)?", "$1轻微的"), said + " slightly", "slightly " + said,
                        said.replaceFirst(article, "$1 subtle ").strip());
        for (String words : wordings) {
            Attempt light = attempt(words, context);
            if (light.understood() && light.operations().size() == 1 && light.operations().getFirst().op().equals(previous.op())
                    && !light.operations().getFirst().params().equals(previous.params())) {
                state.operations.set(state.operations.size() - 1, light.operations().getFirst());
                return true;
            }
        }
        return false;
    }

    /** An amount said once for the two edits before it. */
    private static final Pattern EACH_AMOUNT = Pattern.compile("\\s*(?:各|每个|每张|都是?)\\s*(?<zh>\\d+(?:\\.\\d+)?\\s*(?:秒钟?|s))\\s*(?:就行|就好|吧)?\\s*"
            + "|\\s*(?<en>\\d+(?:\\.\\d+)?\\s*(?:s|secs?|seconds?))\\s+(?:each|apiece|for\\s+each|for\\s+both)\\s*(?:please|pls)?\\s*[.!]*\\s*");

    /** {@link #amendLast} for each of the last two edits, or for neither: false, and nothing changed, unless both take it. */
    private boolean amendEach(String amount, Rule.Context context, State state) {
        List<EditOperation> ops = state.operations;
        if (ops.size() < 2) {
            return false;
        }
        List<EditOperation> before = new ArrayList<>(ops);
        EditOperation last = ops.removeLast();
        boolean first = amendLast(amount, context, state);
        ops.add(last);
        if (first && amendLast(amount, context, state)) {
            return true;
        }
        ops.clear();
        ops.addAll(before);
        return false;
    }

    private static final Pattern TWICE = Pattern.compile("\\s*(?:double|twice|2\\s*times)(?:\\s+(?:as\\s+(?:loud|fast|much|big)|it|that))?\\s*[.!]*\\s*");

    private boolean amendLast(String amount, Rule.Context context, State state) {
        List<EditOperation> ops = state.operations;
        if (ops.isEmpty()) {
            return false;
        }
        EditOperation previous = ops.get(ops.size() - 1);
        // the previous edit as said, without its vague degree ("a bit"), with the example's amount
        String said = SLIGHTLY.matcher(previous.source().toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
        List<String> asSaid = new ArrayList<>();
        if (TWICE.matcher(amount).matches()) {
            // "can you boost it? like double": twice, whatever words the edit was asked in
            asSaid.add(previous.op() + " 2x");
        }
        for (String joint : List.of(" ", " by ", " to ")) { // "louder, like 1.5x" is louder by 1.5x; "posterize it, 4 levels" to 4
            asSaid.add(said + joint + amount.strip());
        }
        Matcher percent = PERCENT_ALONE.matcher(amount);
        if (percent.matches() && TONES.contains(Operation.of(previous)) && direction(previous) != 0) {
            // "more contrast, 20 percent": the tone's step, the way it went ("contrast +20%"; "too dark, like 30%" is
            // no brightness of 30 %)
            asSaid.add(previous.op() + " " + (direction(previous) > 0 ? "+" : "-") + percent.group(1) + "%");
        }
        if (Part.ofEdit(previous) != null || state.complaints.contains(previous)) {
            // "louder from 0:40 on, 2x is fine": the amount of the edit by its name, its part kept; "the audio is too
            // quiet. 3x": of the edit that answers the complaint
            asSaid.add(previous.op() + " " + amount.strip());
        }
        for (String words : asSaid) {
            Attempt amended;
            try {
                amended = attempt(words, context);
            } catch (VeditException e) {
                continue; // "make it 9:16, about 15% of the width": "9:16 to 15" is no amount of the edit, whatever it reads as
            }
            if (amended.understood() && amended.operations().size() == 1 && amended.operations().get(0).op().equals(previous.op())
                    && (direction(previous) == 0 || direction(amended.operations().get(0)) == direction(previous))) {
                // (an amount never turns the edit the other way: "too dark, 30%" darkened it)
                EditOperation op = amended.operations().get(0);
                // (said by its name, the edit keeps the words it was asked in)
                ops.set(ops.size() - 1, onPart(Part.ofEdit(previous), words.startsWith(previous.op() + " ")
                        ? new EditOperation(op.op(), op.params(), previous.source() + ", " + amount.strip()) : op));
                return true;
            }
        }
        return false;
    }

    /**
     * A Chinese clause said right after a description of the sound, as an edit of the sound when it names no object:
     * "声音太大了，调小一半" turns the volume down, "背景噪音好大，降个噪" cleans the audio (降噪 alone is the picture's);
     * null when it is not such a clause.
     */
    private static String ofTheSound(String clause) {
        if (clause.contains("降噪") && !clause.contains("音频") && !clause.contains("画面")) {
            return clause.replace("降噪", "音频降噪");
        }
        Matcher bare = ZH_BARE_VOLUME.matcher(clause);
        return bare.lookingAt() ? clause.substring(0, bare.start("verb")) + "音量" + clause.substring(bare.start("verb")) : null;
    }

    /** What a clause asks not to be done ({@link #NEGATED}): nothing, but "don't mute it" keeps the sound. */
    private void readNegated(String rest, String quoted, Rule.Context context, State state) {
        Matcher instead = ASKED_INSTEAD.matcher(rest);
        if (instead.find() && hasWords(unexplained(rest.substring(instead.end())))) {
            // "no captions this time but 9:16", 不要黑边而是裁掉: what is asked after the "but" is read as a clause of its own
            readNegated(rest.substring(0, instead.start()), quoted, context, state);
            interpretClause(rest.substring(instead.end()), false, context, state);
            return;
        }
        untouched(rest, context, state);
        if (INVERTED.matcher(rest).find()) {
            state.notUnderstood.add(quoted); // "don't keep the sound" is a mute said backwards: not guessed
            return;
        }
        Attempt asked;
        try {
            asked = attempt(rest, context);
        } catch (VeditException e) {
            state.ignored.add(quoted); // "不要加音乐", "no music added": what cannot be done is not wanted either
            return;
        }
        if (asked.understood() && !asked.operations().isEmpty()
                && asked.operations().stream().allMatch(op -> op.op().equals(Operation.MUTE.wire()))) {
            state.operations.add(new EditOperation(Operation.KEEP_AUDIO.wire(), Map.of(), quoted));
            return;
        }
        if (asked.understood()) {
            // "视频是挺抖的，但是防抖就别做了": the problem told is not to be answered by the edit refused
            Set<String> refused = asked.operations().stream().map(EditOperation::op).collect(Collectors.toSet());
            state.operations.removeIf(op -> refused.contains(op.op()) && (state.complaints.contains(op)
                    || op.source() != null && PROBLEM_TOLD.matcher(op.source()).find() && !lexicon.isImperative(op.source())));
        }
        state.ignored.add(quoted);
    }

    /** The words after what is not wanted that ask for something else: "…, but", "…, instead", 而是, 但是. */
    private static final Pattern ASKED_INSTEAD = Pattern.compile("\\s*,?\\s+(?:but|instead)\\s+|\\s*[,，]?\\s*(?:但是|而是|不过)");

    /** How a problem is told rather than an edit asked: "视频很抖", "it's so shaky". */
    private static final Pattern PROBLEM_TOLD = Pattern.compile("很|太|有点|挺|特别|非常|\\b(?:is|are|was|looks|so|too)\\b");

    /**
     * "don't touch the first 5 seconds, then make it black and white": the edits said for no part of their own are for
     * the rest of the video, around the part left alone (before and after a range in the middle). Left as they are when
     * the part is the last seconds, whose rest ends where the video's length says.
     */
    private static void aroundTheUntouched(State state) {
        Part alone = state.untouched;
        if (alone == null || alone.last() > 0 || alone.half() != null) {
            return;
        }
        List<Part> rest = new ArrayList<>();
        if (alone.from() > 0) {
            rest.add(new Part(0, alone.from(), 0));
        }
        if (alone.to() != Part.END) {
            rest.add(new Part(alone.to(), Part.END, 0));
        }
        List<EditOperation> ops = state.operations;
        for (int i = 0; i < ops.size(); i++) {
            EditOperation op = ops.get(i);
            if (Part.ofEdit(op) != null || !(Operation.of(op).forAPart() || Operation.MUTE.is(op)) || rest.isEmpty()) {
                continue;
            }
            List<EditOperation> around = rest.stream().map(part -> part.apply(op, op.source())).toList();
            if (!around.contains(null)) {
                ops.remove(i);
                ops.addAll(i, around);
                i += around.size() - 1;
            }
        }
    }

    /** "don't touch the first 5 seconds, speed up the rest": the part left alone is the part "the rest" is the rest of. */
    private static final Pattern TOUCH = Pattern.compile("\\s*(?:touch|change|edit|do\\s+anything\\s+(?:to|with)|mess\\s+with)\\s+|\\s*(?:动|改|碰)");

    private void untouched(String rest, Rule.Context context, State state) {
        Matcher touch = TOUCH.matcher(rest);
        if (!touch.lookingAt()) {
            return;
        }
        Attempt part = attempt(rest.substring(touch.end()), context);
        if (part.understood() && part.operations().size() == 1 && (isEdge(part.operations().getFirst()) || isRangeSaid(part.operations().getFirst()))) {
            state.mentionedPart = Part.of(part.operations().getFirst());
            state.untouched = state.mentionedPart;
        }
    }

    /** A reason or purpose: an edit when it is one in full ("so it's vertical"), otherwise context. */
    private void readContext(String clause, Rule.Context context, State state) {
        String quoted = context.quotes().restore(clause).strip();
        Attempt attempt = attempt(clause, context);
        Matcher request = REQUEST_OPENER.matcher(clause);
        Matcher shape = SHAPE_IN_CONTEXT.matcher(clause);
        if (attempt.understood() && !attempt.operations().isEmpty()) {
            state.operations.addAll(attempt.operations());
        } else if (shape.find() && readAs(shape.group(), quoted, false, false, context, state)) {
            // "发小红书 4:5", "for the IG feed 4:5": the platform is why, the shape said beside it is asked
            return;
        } else if (request.find() && request.start() > 0 && !limits(clause.substring(0, request.start()))) {
            // "for a physics lesson I want this clip to play in reverse": the purpose, then the request, unpunctuated
            state.ignored.add(context.quotes().restore(clause.substring(0, request.start())).strip());
            interpretClause(clause.substring(request.start()), false, context, state);
        } else if (limits(clause)) {
            state.notUnderstood.add(quoted);
        } else if (AI_ASKED.matcher(clause).find()) {
            state.generative.add(quoted); // 用AI重新打光, "using AI to fill the sides": a model's work, asked by name
        } else {
            state.ignored.add(quoted);
        }
    }

    /** A model named as the means: 用AI…, "use AI to …", "with AI". */
    private static final Pattern AI_ASKED = Pattern.compile("用\\s*ai|(?:让|靠|通过)\\s*ai|\\b(?:use|using|with|have|having|let|by|via)\\s+(?:an?\\s+|the\\s+)?ai\\b|\\bai\\s+to\\b");

    /** An aspect ratio said inside a purpose. */
    private static final Pattern SHAPE_IN_CONTEXT = Pattern.compile(FrameRules.RATIO_SAID);

    private static final Pattern REASON = Pattern.compile("\\s*(?:because|since|as|cause|'cause|coz|cuz)\\b|\\s*(?:因为|由于)");

    /** "for the first part" limits the edit, "so it's 30 seconds" sets a length: neither is passed over as context. */
    private static boolean limits(String clause) {
        // quoted words in a reason are talk ("because that part is the 'before'"), elsewhere a text to show
        return clause.strip().startsWith("for ") && SCOPE.matcher(clause).find() || Quotes.holdsMark(clause) && !REASON.matcher(clause).lookingAt()
                || DURATION.matcher(clause).find();
    }

    /** How a request opens politely: "can you relight it so it looks like golden hour" asks "relight it". */
    private static final Pattern COURTESY = Pattern.compile("^(?:(?:(?:can|could|would|will)\\s+(?:you|u)|please|pls|kindly)\\s+)+");

    /**
     * A clause that describes the video rather than asking: a problem it names stands for the request that answers it
     * ("it looks fuzzy": sharpen), kept only when nothing else is asked for or the user asks to fix it; anything else
     * it says is context.
     */
    private void describe(String clause, String quoted, Part named, Rule.Context context, State state) {
        // a description that goes on from the sound's is the sound's, unless it names the picture ("… and the picture is noisy")
        boolean sound = lexicon.isAboutSound(clause) || state.describing && state.describingSound && !PICTURE_NOISE.matcher(clause).find();
        boolean degreed = lexicon.hasDegreeBeforeExcess(clause) || state.describing;
        state.describing = true;
        state.describingSound = sound;
        if (lexicon.asksToFix(clause)) {
            state.fix = true;
        }
        // "from 0:00 to 0:12 there's a trash can in the corner": the thing, whenever it is there
        Matcher at = LEADING_MOMENT.matcher(clause.strip());
        Matcher thing = DESCRIBED_THING.matcher(at.lookingAt() ? clause.strip().substring(at.end()) : clause);
        Matcher thingZh = Lexicon.isCjk(clause.strip().isEmpty() ? 'a' : clause.strip().charAt(0)) ? DESCRIBED_THING_ZH.matcher(clause) : null;
        if (thingZh != null && thingZh.lookingAt()) {
            state.described = thingZh.group("thing"); // 桌上的外卖盒太丢人了
        } else if (thing.lookingAt() || OTHER_SUBJECT.matcher(clause).lookingAt()) { // "the sky is grey and gloomy": still the sky's
            state.described = !thing.lookingAt() ? null : thing.group("thing") != null ? thing.group("thing") : "the " + thing.group("there");
        }
        String answer = lexicon.answer(clause, sound, degreed);
        state.describedProblem = answer != null;
        if (answer == null && WRONG_COLOUR.matcher(clause).find()) {
            state.generative.add(quoted); // "the groom's tie came out the wrong colour": whatever is asked of it next
            return;
        }
        if (answer == null && (WISH.matcher(clause).find() || AI_ASKED.matcher(clause).find() || ASKED_WITHIN.matcher(clause).find()) && GENERATIVE.find(clause) >= 0
                || !holdsHan(clause) && GENERATIVE.find(COURTESY.matcher(clause.strip()).replaceFirst("")) == 0) {
            // "I wish it was a sunset instead": a wish that only a model could grant; "relight the scene so the sun is
            // hitting my face", "relight my face so it looks like soft window light": a model's work asked first, whatever
            // the rest describes (its "soft" is no blur to sharpen)
            state.generative.add(quoted);
            return;
        }
        // "the kitchen tour is dark, … can you help?": a problem said with no degree, kept only if a fix is asked
        boolean mild = answer == null && !degreed && !lexicon.isStatement(clause);
        answer = mild ? lexicon.answer(clause, sound, true) : answer;
        if (answer == null) {
            state.ignored.add(quoted);
            return;
        }
        Attempt attempt = attempt(answer, context);
        if (!attempt.understood() || attempt.operations().isEmpty()) {
            throw new IllegalStateException("the lexicon's answer \"" + answer + "\" is not understood by the rules");
        }
        boolean added = state.saidAlso || ADDED.matcher(clause).lookingAt() || ADDED_AT_END.matcher(clause).find();
        for (EditOperation op : attempt.operations()) {
            // "the kitchen section from 0:48 to 1:15 is way too dark": the problem of that part, answered there
            EditOperation complaint = named == null ? new EditOperation(op.op(), op.params(), quoted) : named.apply(op, quoted);
            if (complaint == null) {
                throw TimeRules.partEdit(quoted);
            }
            state.operations.add(complaint);
            state.complaints.add(complaint);
            if (mild) {
                state.mild.add(complaint);
            }
            if (added) {
                state.added.add(complaint);
            }
        }
    }

    /**
     * Something said to be better absent: "the bit from 0:42 to 0:55 shouldn't be in it", "the last 10 seconds can go",
     * "him to just not be there" (after a wish), 后面那个垃圾桶要是没有就好了. What it names is what a removal would name.
     */
    private static final Pattern GONE = Pattern.compile("\\s*(?<thing>\\S.*?)\\s+(?:really\\s+|just\\s+|honestly\\s+|definitely\\s+|simply\\s+)*"
            + "(?:(?:shouldn't|should\\s+not|doesn't\\s+need\\s+to|does\\s+not\\s+need\\s+to|don't\\s+need\\s+to"
            + "|(?:to\\s+)?(?:just\\s+)?not(?:\\s+to)?)\\s+be\\s+|(?:weren't|wasn't|were\\s+not|was\\s+not)\\s+)"
            + "(?:there|here|included|in\\s+(?:it|there|here|the\\s+(?:video|clip|shot|frame|picture|edit|final\\s+(?:cut|video|version|edit))))"
            + "(?:\\s+(?:at\\s+all|anymore|any\\s+more))?\\s*[.!]*\\s*"
            + "|\\s*(?<gone>\\S.*?)\\s+(?:can|could|should|needs?\\s+to|has\\s+to|have\\s+to|must|gotta)\\s+(?:just\\s+)?go(?:\\s+away)?"
            + "(?:\\s+(?:too|as\\s+well|entirely|completely))?\\s*[.!]*\\s*"
            + "|\\s*(?:要是|如果|假如)?(?:能|可以)?没有(?<zh>[^，,。；]+?)(?:的话)?(?:就好了|就好|就完美了|就更好了|就太好了)\\s*"
            + "|\\s*(?<zhThing>[^，,。；]+?)(?:要是|如果|假如)(?:能|可以)?(?:没有|没了|不在)(?:的话)?(?:就好了|就好|就完美了|就更好了|就太好了)\\s*"
            // 1分10秒到1分25秒那段客户不想要
            + "|\\s*(?<zhUnwanted>[^，,。；]+?)(?:客户|老板|领导|甲方|我|我们|他|她|他们|大家)?(?:都|也|就|真的|根本|完全)?"
            + "(?:不想要|不需要|用不上|用不到)(?:了|的)?\\s*");
    /** Words without which {@link #GONE} and {@link #WISHED} cannot match: a cheap guard in front of them. */
    private static final Pattern GONE_WORDS = Pattern.compile("n't|\\bnot\\b|\\bgo\\b|没|不在|不想要|不需要|用不");
    private static final Pattern WISH_WORDS = Pattern.compile("\\bif\\b|wish|(?:'d|would)\\s+(?:really\\s+)?(?:love|like|prefer)|要是|如果|假如|希望"
            + "|(?:ing|ed)\\b.*\\b(?:would|will)\\s");

    /**
     * A wish for how the video would be, said instead of asked: "would be great if it was brighter", "I wish it looped 5
     * times", 要是能慢慢亮起来就好了, 结尾要是能放上图2那张合影就完美了. What is wished for is the request; a problem said
     * inside a wish ("if it wasn't so dark", 要是没那么暗) stays a description.
     */
    private static final Pattern WISHED = Pattern.compile("\\s*(?:(?:(?:and\\s+)?(?:honestly|really|also|frankly|tbh|actually)\\s+)?(?:it\\s*)?(?:would|'d|will)\\s+be\\s+(?:so\\s+|really\\s+|super\\s+|much\\s+|even\\s+)?"
            + "(?:great|nice|cool|good|better|awesome|perfect|ideal|lovely|amazing|fantastic|helpful|brilliant|sweet|ace)\\s+if"
            + "|(?:(?:i|we)\\s+)?(?:really\\s+)?wish(?:\\s+that)?|if\\s+only|(?:i|we)(?:'d|\\s+would)\\s+(?:really\\s+)?(?:love|like|prefer)\\s+(?:it\\s+if|if|for|it\\s+to))"
            + "\\s+(?<what>\\S.*?)\\s*[.!]*\\s*"
            + "|\\s*if\\s+(?<condition>\\S.*?),?\\s+(?:that|it|this)(?:'d|\\s+would|'ll|\\s+will)\\s+(?:work|do|be\\s+(?:great|perfect|ideal|nice|good|enough|fine|awesome|better))\\s*[.!]*\\s*"
            // "evening the sound out would really help", "cutting the intro would be great": the doing is what is asked
            + "|\\s*(?<doing>[a-z]+ing)\\s+(?<done>\\S.*?)\\s+(?:would|will)\\s+(?:really\\s+|definitely\\s+|so\\s+|also\\s+)?(?:help(?:\\s+a\\s+lot)?|be\\s+(?:great|perfect|ideal|nice|good|awesome|better|amazing|lovely|helpful|appreciated))\\s*[.!]*\\s*"
            // "zoomed in 2x would be better": what is done, said as the wish
            + "|\\s*(?<doneEd>[a-z]+ed)\\s+(?<doneRest>\\S.*?)\\s+(?:would|will)\\s+(?:be\\s+(?:much\\s+|way\\s+|a\\s+lot\\s+)?(?:better|great|perfect|nicer|ideal|good|about\\s+right)|look\\s+better|work\\s+better)\\s*[.!]*\\s*"
            + "|\\s*(?<subject>[^，,。；\\s]{0,12}?)(?:要是|如果|假如)(?:视频|画面|它)?(?:能|可以|能够)?(?<zh>[^，,。；]+?)(?:的话)?(?:就好了|就好|就完美了|就更好了|就太好了|就行了|会更好|就够长了|就够了|就很好了?)\\s*"
            + "|\\s*(?:我|我们)?(?:真)?希望(?:视频|画面|它)?(?:能|可以|能够)?(?<hoped>[^，,。；]+?)\\s*");
    /** The listener or the video able to, inside a wish: "(if) you could …", 声音能…. */
    private static final Pattern WISHED_ASKING = Pattern.compile("^\\s*(?:you|u)\\s+(?:could|can|would|might)\\s+(?:please\\s+)?|(?<=^[\\p{IsHan}]{1,4})(?:能|可以|能够)");
    /** A state wished for in English: "it was brighter", "the last 3 seconds went sepia". */
    private static final Pattern WISHED_STATE = Pattern.compile("(?<subject>it|this|that|everything|the\\s+.+?)\\s+(?:was|were|is|are|looked|got|went|became|turned"
            + "|could\\s+be|would\\s+be|'d\\s+be|felt|sounded)\\s+(?<state>.+)");
    /** …or what it did: "it looped 5 times", "it played backwards". */
    private static final Pattern WISHED_DOING = Pattern.compile("(?<subject>it|this|that|the\\s+[a-z]+(?:\\s+[a-z]+)?)\\s+(?<verb>[a-z]+ed)\\b(?<rest>.*)");
    /** A problem said inside a wish: "if it wasn't so dark", "the colours weren't so washed out", 要是没那么暗, 不这么抖. */
    private static final Pattern WISHED_WITHOUT = Pattern.compile("\\b(?:weren't|wasn't|were\\s+not|was\\s+not|didn't|did\\s+not|isn't|aren't|not\\s+so|less)\\b|^[没不](?:有)?(?:那么|这么|那样|这样)");

    /** A wish or a want said as a description: "I wish it was …", 要是…就好了, "… should be wearing a hat". */
    private static final Pattern WISH = Pattern.compile("\\b(?:i|we)\\s+wish\\b|\\bif\\s+only\\b|\\b(?:i|we)(?:'d|\\s+would)\\s+love\\b|要是|如果能|希望"
            // a want said of the video: "my dog should be wearing a party hat", "the product needs to be red"
            + "|\\b(?:should|ought\\s+to|needs?\\s+to|has\\s+to|have\\s+to)\\s+be\\b|应该|得是|要是");

    /** What opens a clause as one more thing: "…, also the audio is too quiet overall", 另外声音太小了. */
    /** "…, it's pretty grainy too": a problem said beside the one a request answers, to be fixed as well. */
    private static final Pattern ADDED_AT_END = Pattern.compile("\\b(?:too|as\\s+well)\\s*[.!]*\\s*$");
    private static final Pattern ADDED = Pattern.compile("\\s*(?:(?:and\\s+)?(?:also|plus|additionally)\\b|另外|此外|同时|还有)");

    /** "soften it" (which reads "blur" by now) or "blur it", as a whole clause. */
    private static final Pattern SOFTEN_IT = Pattern.compile("(?:please\\s+)?(?:soften|blur)(?:\\s+(?:it|that|this|them|things|the\\s+(?:look|image|picture)))?(?:\\s+(?:up|a\\s+bit|a\\s+little|a\\s+touch))?(?:\\s+please)?");
    private static final Pattern CONTRAST_SAID = Pattern.compile("contrast|对比");
    private static final Pattern TOO_MUCH = Pattern.compile("\\btoo\\b|harsh|strong|crushed|contrasty|太|过|硬");
    /** A degree before an English word: "way overexposed", "super shaky". */
    private static final Pattern DEGREE_FIRST = Pattern.compile("(?:way|super|very|so|too|really|pretty|kinda|quite|extremely|totally|badly|heavily|slightly|a\\s+bit|a\\s+little)\\s+\\p{IsLatin}");
    /**
     * Softening asked for right after the contrast is said to be too strong is that contrast lowered, not the picture
     * blurred: "too much contrast, soften it" (read as a lowered contrast already: nothing more), "the contrast is too
     * strong, soften it" (a description so far: the contrast lowered now). "lower the contrast and blur it" blurs.
     *
     * @return whether the clause was read so
     */
    private boolean softensTheContrast(String quoted, Rule.Context context, State state) {
        EditOperation before = state.operations.isEmpty() ? null : state.operations.getLast();
        if (before != null && Operation.CONTRAST.is(before) && before.params().get("factor") instanceof Number f && f.doubleValue() < 1
                && TOO_MUCH.matcher(before.source()).find()) {
            return true;
        }
        if (state.ignored.isEmpty() || !CONTRAST_SAID.matcher(state.ignored.getLast()).find()) {
            return false;
        }
        String described = state.ignored.removeLast();
        for (EditOperation op : attempt("reduce the contrast", context).operations()) {
            state.operations.add(new EditOperation(op.op(), op.params(), described + ", " + quoted));
        }
        return true;
    }

    /** A description with its subject left out, as notes are written: "looks too clean and digital", "sounds muffled". */
    private static final Pattern OMITTED_SUBJECT = Pattern.compile("(?:looks|seems|feels|sounds)\\s");
    /** How a description goes on after one: "it's a bit soft, like slightly out of focus". */
    private static final Pattern GOES_ON = Pattern.compile("^(?:like|kind\\s+of\\s+like|sort\\s+of\\s+like|i\\s+mean|as\\s+in"
            + "|so|and\\s+so|which\\s+means|meaning)\\s+(?!(?:i|we)\\b|please\\b|pls\\b|can\\b|could\\b)|^所以"); // "shot in a cave, so it's really noisy"

    /** The thing a description is of, when it is one thing named: "the sky" of "the sky is grey and gloomy". */
    private static final Pattern DESCRIBED_THING = Pattern.compile("\\s*(?<thing>(?:the|my|our|his|her|their|that|this)\\s+[a-z]+(?:\\s+[a-z]+)?)(?:\\s+(?:on|in|at|of)\\s+the\\s+[a-z]+)?"
            + "\\s+(?:is|are|was|were|looks|looked)\\b|\\s*there'?s\\s+(?:an?|this|that)\\s+(?<there>[a-z]+(?:\\s+[a-z]+)?)(?=\\s+(?:[a-z]+ing|in|on|at|right|behind|across|over)\\b)");
    /** One thing described in Chinese, named with its place or owner: 桌上的外卖盒太丢人了. */
    private static final Pattern DESCRIBED_THING_ZH = Pattern.compile("\\s*(?<thing>[\\p{IsHan}]{1,8}的[\\p{IsHan}]{1,6}?)(?=太|有点|好|很|真|特别|挺|实在)");
    private static final Pattern OTHER_SUBJECT = Pattern.compile("\\s*(?:it|it's|its|this|that|there|i|we|you|they|he|she|\\p{IsHan})");
    /** A change of "it" asked right after a description of one thing: "the sky is grey, swap it for a sunny one". */
    private static final Pattern CHANGE_IT = Pattern.compile("\\s*(?:(?:please|pls|can\\s+you|could\\s+you)\\s+)?(?:(?:swap|replace|change|switch|remove|erase|get\\s+rid\\s+of)\\s+(?<it>it|that|this|them)\\b"
            // "the grass looks burnt, can you make it greener": that thing's colour
            + "|(?:make|turn|paint)\\s+(?<its>it|that|them)\\s+(?=(?:more\\s+|a\\s+bit\\s+|a\\s+little\\s+)?(?:green(?:er)?|blue(?:r)?|red(?:der)?|white(?:r)?|pink(?:er)?|yellow(?:er)?|brown(?:er)?|purple|orange|golden|gold)\\b)"
            // …or that thing gone: "there's a power line cutting through the shot, can it disappear?", 桌上的外卖盒太丢人了，去掉吧
            + "|(?:can|could)\\s+(?:it|that|this|she|he|they)\\s+(?:just\\s+)?(?<gone>disappear|vanish|go\\s+away|be\\s+(?:removed|erased|gone))\\b"
            + "|(?:能不能|可不可以|可以|帮我|麻烦)?(?:把它|把这个|把那个)?(?<zhgone>去掉|删掉|p掉|弄掉|拿掉|抹掉|去除)(?:吧|吗|一下)?\\s*$)");

    /**
     * A change asked of "it" after a description of one thing is a change of that thing: where only a model could make
     * it ("swap the sky for a sunny blue one"), the request is refused as generative, quoted with the thing named.
     */
    private boolean changesWhatWasDescribed(String clause, String quoted, Rule.Context context, State state) {
        Matcher it = CHANGE_IT.matcher(clause);
        if (!it.lookingAt()) {
            return false;
        }
        if (it.group("gone") != null || it.group("zhgone") != null) {
            if (state.describedProblem) {
                return false; // "there's a hiss, can it go away?": the problem described, answered
            }
            // a thing described, not a problem: taken out of the picture, a model's work
            state.generative.add(context.quotes().restore(Lexicon.isCjk(state.described.charAt(0)) ? "把" + state.described + "去掉" : "remove " + state.described));
            state.describing = false;
            return true;
        }
        String group = it.group("it") != null ? "it" : "its";
        String named = clause.substring(0, it.start(group)) + state.described + clause.substring(it.end(group));
        if (GENERATIVE.find(named) < 0) {
            return false;
        }
        state.generative.add(context.quotes().restore(named).strip());
        state.describing = false;
        return true;
    }

    /** A moment named, as the normaliser writes it: "the drop is at 0:45". */
    /**
     * A verb in the third person or the past that tells what happens: not one that asks or describes a state ("needs",
     * "looks"), nor a word ending the same way that is none ("this", "seconds", "reels").
     */
    private static final String TOLD_VERB = "(?!(?:needs|wants|requires|is|was|has|looks|seems|feels|sounds|this|his|its|does|yes|plus|less|thus|across|always"
            + "|perhaps|seconds|secs|mins|minutes|frames|times|shots|clips|videos|photos|pics|images|reels|shorts|stories|posts|bars|borders|sides|ends|levels"
            + "|colou?rs|words|parts|bits)\\b)[a-z]{3,}(?:s|ed)";

    /**
     * What happens in the video at a time, told: "the officiant fumbles the vows from 2:41 to 2:55", "at 7:42 he does
     * the reaction face", "Aoife falls into the fountain at 1:12". Someone or something, then a verb in the third person
     * or the past; the time it names is remembered for "cut that out" or "freeze it there" said next.
     */
    private static final Pattern NARRATES = Prefilter.guarded(Pattern.compile("^(?:(?:so|and|then|ok|okay|basically|when|whenever|once|as|just\\s+as|right\\s+when|halfway\\s+through|(?:on|in)\\s+the\\s+(?:video|clip|footage)|(?:at|around|about)\\s+(?:the\\s+)?[\\d:.]+s?"
            + "|from\\s+[\\d:.]+s?\\s+(?:to|-|till|until)\\s+[\\d:.]+s?)[,\\s]+)*"
            + "(?<who>(?:he|she|they|someone|somebody|everyone|everybody|(?:the|a|an|my|our|his|her|their|some|all\\s+the)\\s+[a-z'-]+(?:\\s+(?!(?:that|which)\\b)[a-z'-]+){0,2}"
            // (never a thing and what it says: "an end card that says 'Shop now' for 3 seconds" asks for the card)
            // a name ("Aoife falls", "best man drops"), never a word that asks or joins ("need this", "for reels")
            + "|(?!(?:need|needs|want|wants|for|and|but|also|just|only|then|now|make|please|pls|can|could|would|will|this|that|you|not|get|have|keep|leave"
            + "|let|lets|stretch|with|from|when|while|what|here|there|every|each|both|all|any|more|less|some)\\b)[a-z]{3,}(?:\\s+[a-z]{3,})?))\\s+"
            + "(?:(?:just|then|also|suddenly|finally|slowly|accidentally|literally|totally|kinda)\\s+)?"
            + "(?<verb>" + TOLD_VERB + "|went|ran|fell|did|does|got|came|took|threw|spun|hit|broke|began|sang|said)\\b"));
    /** A time said in Chinese or as a clock, and the words that join two into a range: taken out, what is told is left. */
    private static final Pattern TIME_SAID_ZH = Pattern.compile("(?:第\\s*)?\\d+(?:\\.\\d+)?\\s*(?:秒钟?|s\\b)|\\d{1,2}(?::\\d{2}){1,2}(?:\\.\\d+)?|(?<=秒|\\d)\\s*(?:到|至|-|—|~)"
            + "|(?:那段|这段|那里|这里|那儿|的时候|时候|左右|大概|大约|之间|视频里|视频中|画面里)");
    /** A moment said in Chinese, alone: 第12秒, 0:25 (not a range's end). */
    private static final Pattern MOMENT_SAID_ZH = Pattern.compile("(?<![前后到至\\d:.])(?:第\\s*(?<s>\\d+(?:\\.\\d+)?)\\s*秒|(?<clock>\\d{1,2}:\\d{2}))(?!\\s*(?:到|至|-|—|~|\\d))");
    /** "在那定格2秒", "帮我在那定格", "帮我定格3秒" (said right after the moment): a freeze where the moment just told of is. */
    private static final Pattern FREEZE_THERE_ZH = Pattern.compile("\\s*(?:帮我|给我|麻烦)?(?:就|再)?(?:在)?(?:(?:那|这)(?:里|儿|一刻|一下|个地方|个时候|时候)?)?\\s*(?:帮我|给我|麻烦)?(?=(?:画面)?定格)");

    /** A moment said first, before what happens then: "at 0:40, …". */
    private static final Pattern LEADING_MOMENT = Pattern.compile("(?:(?:at|around|about)\\s+(?:the\\s+)?\\d{1,2}:\\d{2}(?:\\.\\d+)?"
            + "|(?:from|between)\\s+\\d{1,2}:\\d{2}(?:\\.\\d+)?\\s*(?:to|and|till|until|-)\\s*\\d{1,2}:\\d{2}(?:\\.\\d+)?)\\s*,?\\s+(?=there|it|this|that|we|i|you|he|she|they)");

    /** A part named by its times as the subject of what is said of it. */
    private static final Pattern RANGE_DESCRIBED = Pattern.compile("(?:from\\s+|between\\s+)?\\d{1,2}:\\d{2}(?:\\.\\d+)?\\s*(?:to|and|till|until|-|–)\\s*\\d{1,2}:\\d{2}(?:\\.\\d+)?"
            + "\\s+(?:is|was|are|were|seems|drags|gets|goes)\\s+(?!(?:the\\s+)?(?:part|bit|section|one)\\s+(?:to|i|we|you)\\b)");

    /** More of what was just told, its subject left out: "(the narrator spins around) and trips", "then falls over". */
    private static final Pattern NARRATION_GOES_ON = Pattern.compile("(?:then\\s+|and\\s+)?" + TOLD_VERB + "\\b(?:\\s+[a-z]+){0,3}");

    /** How long what was just told goes on: "(he sneezes at 0:48) and it goes on till about 1:02". */
    private static final Pattern GOES_ON_TILL = Pattern.compile("^(?:and\\s+)?(?:it|this|that|he|she|they)\\s+(?:goes\\s+on|lasts|continues|keeps\\s+going|carries\\s+on|runs)"
            + "\\s+(?:till|until|to|through)\\s+(?:about\\s+|around\\s+|roughly\\s+)?(?<t>" + Rule.CLOCK + ")\\b");
    /** Footage told of, then kept as it is: "(my cat jumps in at 0:15) KEEP THAT", "leave it in". */
    private static final Pattern KEEP_THAT = Pattern.compile("\\s*(?:but\\s+|so\\s+)?(?:please\\s+|pls\\s+)?(?:keep|leave)\\s+(?:that|it|this|them)(?:\\s+in)?(?:\\s+(?:please|pls))?\\s*[.!]*\\s*");

    private static final Pattern MOMENT_AT = Pattern.compile("(?:the|my|his|her|our|their)\\s+[a-z]+(?:\\s+[a-z]+)?\\s+is\\s+at\\s+\\d{1,2}:\\d{2}(?:\\.\\d+)?");

    /**
     * A Chinese clause ended by 一下 or 掉 asks for what it names: 模糊一下 blurs, though 模糊 alone may say "blurry" (a degree
     * says it is the complaint: 画面有点糊 sharpen 一下).
     */
    private static final Pattern FOLLOWING = Pattern.compile(FrameRules.FOLLOWING);
    private static final Pattern ASKED_ZH = Pattern.compile("^(?!.*(?:有点|有些|太|很|挺|比较|非常|特别|过于|好))(?=.*[\\p{IsHan}]).*(?<=[\\p{IsHan}])(?<![处弄搞调修看理整帮改])(?:一下下?|掉)吧?\\s*[!！。.~～]*\\s*$");
    /** Someone's request passed on: "my boss wants …", "the client said …", 老板说…. */
    private static final Pattern RELAYED_ASK = Pattern.compile("\\s*(?:(?:my|our|the|his|her|their)\\s+)?(?:boss|client|customer|manager|teacher|mum|mom|dad|wife"
            + "|husband|editor|producer|director|team|brand|pastor|coach|owner)s?\\s+(?:wants?|said|says|asked(?:\\s+for)?|needs?|would\\s+like)\\b"
            + "|\\s*(?:我|我们)?(?:老板|老师|客户|甲方|领导|主任|店长|经理|主管|老公|老婆|孩子|妈妈|爸爸|我妈|我爸|妈|爸)(?:说|要求|想要|希望)");

    private boolean isDescription(String clause, Rule.Context context, State state) {
        String c = clause.strip();
        if (state.describing) {
            c = GOES_ON.matcher(c).replaceFirst("");
        }
        if (c.startsWith("let's") || c.startsWith("lets ") || ASKED_ZH.matcher(c).find()) {
            return false;
        }
        if (FOLLOWING.matcher(c).find()) {
            return false; // 画面要一直跟着我女儿走: a crop that follows her, asked (and refused as such), not the picture described
        }
        if (PROBLEM_NAMED.matcher(c).matches() && lexicon.answer(c, false, false) != null) {
            return true; // "grainy footage, clean it up": the footage named by its problem asks for no grain
        }
        Matcher at = LEADING_MOMENT.matcher(c);
        if (at.lookingAt() && at.end() < c.length() && isDescription(c.substring(at.end()), context, state)) {
            return true; // "at 0:40 there's a part where my daughter waves": what the moment shows
        }
        if (RANGE_DESCRIBED.matcher(c).lookingAt()) {
            return true; // "0:05 to 0:10 is boring", "from 1:05 to 1:40 is way too long": the part, said as the subject
        }
        Matcher narrates = NARRATES.matcher(c);
        boolean timeJustSaid = state.pendingPart != null || state.bareSeconds != null && !state.operations.isEmpty() && state.operations.getLast() == state.bareSeconds;
        // (a text to show is not told: "price tags '$12' top left from 0:03-0:07" is no one who tags)
        if ((timeJustSaid || HAS_DIGIT.matcher(c).find() || c.contains("halfway")) && narrates.lookingAt() && !Quotes.holdsMark(c) && !lexicon.isRequest(narrates.group("who").split("\\s+")[0])
                && !lexicon.isImperative(narrates.group("who") + " " + narrates.group("verb")) && !lexicon.isImperative(c.substring(narrates.end()))) {
            // "the priest walks off the altar at 0:55": what happens then, no edit asked ("the choir sang for 15 minutes
            // but keep only the first 5" asks)
            return true;
        }
        if (toldZh(c, context)) {
            return true; // 第12秒宝宝摔了个屁墩儿, 30秒到45秒我念错了型号: what happens then, told; its time is remembered
        }
        if (state.describing && NARRATION_GOES_ON.matcher(c).matches() && !lexicon.isImperative(c)) {
            return true; // "the narrator spins around and trips": the telling goes on
        }
        if (state.mentionedMoment != null && GOES_ON_TILL.matcher(c).lookingAt()) {
            return true; // "… at 0:48 and it goes on till about 1:02": the part it names is remembered
        }
        if (MOMENT_AT.matcher(c).matches()) {
            return true; // "the drop is at 0:45" names a moment, whatever its name (here a word that asks a cut elsewhere)
        }
        if (EDGE_IS.matcher(c).lookingAt() || EDGE_SAID_ZH.matcher(c).lookingAt() || RANGE_IS_ZH.matcher(c).lookingAt()) {
            return true; // "last 10 sec is me fumbling", 前3秒是我在调手机: what a part shows, whatever verbs say it
        }
        if ((lexicon.isStatement(c) || OMITTED_SUBJECT.matcher(c).lookingAt()
                || TELLS.matcher(c).find() && !lexicon.isImperative(firstWordAsked(c)))
                // "my boss wants the shirt changed to red", 我妈说把天空换成晚霞: a request relayed is no remark to pass over
                && !(RELAYED_ASK.matcher(c).lookingAt() && GENERATIVE.find(c) >= 0)) {
            return true; // "I filmed it sideways", "this is a cooking video", "half the guests didn't sign"
        }
        Matcher m = DESCRIPTION.matcher(c);
        if (m.find()) {
            if (m.group("lead") == null) {
                // "too dark!", "way too loud"; not "so fade it in", a request said as a consequence
                return !lexicon.isImperative(c) && !lexicon.isImperative(c.substring(m.end() - 1));
            }
            String lead = m.group("lead");
            String first = lead.split("\\s+")[0];
            if (m.group("copula").equals("'s")) {
                if (lexicon.isSubject(lead) || lead.matches("there|here|what|everything|it|that")) {
                    return true;
                }
                m = DESCRIPTION_WITH_VERB.matcher(c);
                if (!m.find()) {
                    return false;
                }
                lead = m.group("lead");
                first = lead.split("\\s+")[0];
            }
            // "the audio is noisy" describes; "mute it because there's wind" asks ("mute" names an edit)
            // "the guy's voice has a hiss": a sound or picture word as the subject is described, not asked for
            String last = lead.substring(lead.lastIndexOf(' ') + 1);
            return (!lexicon.isImperative(lead) || lexicon.isSubject(last) && !lexicon.isImperative(first))
                    && (lexicon.isSubject(first) || lexicon.isSubject(lead) || lexicon.isSubject(last) || !lexicon.isRequest(first));
        }
        boolean chinese = holdsHan(c);
        if (chinese && ZH_DESCRIPTION.matcher(c).find() && !lexicon.isImperative(c)) {
            return true;
        }
        // a problem named alone after a degree ("way overexposed", "super shaky"): a description, asking nothing
        if (DEGREE_FIRST.matcher(c).lookingAt() && c.split("\\s+").length <= 3 && !lexicon.isImperative(c) && !ASKS.matcher(c).find()
                && lexicon.answer(c, false, false) != null) {
            return true;
        }
        // "it is shaky and dark", "it's a bit soft, slightly out of focus": the second half goes on describing;
        // "太亮了，饱和度加一点" asks
        // "too quiet and there's a hum. Louder", 声音有点小，音量大一些: a comparative asks, it describes nothing
        return state.describing && !lexicon.isImperative(c) && !ZH_EDIT_NAMED.matcher(c).find() && !ASKS.matcher(c).find() && !ADJUSTS.matcher(c).find()
                && !COMPARATIVE.matcher(c).find() && lexicon.answer(c, state.describingSound, true) != null && c.split("\\s+").length <= 4;
    }

    /**
     * A Chinese clause that tells what happens at a time: a time, and around it words that name no edit, ask nothing
     * and no model's work (第12秒宝宝摔了个屁墩儿; not 第12秒那里黑白, whose words name an edit).
     */
    private boolean toldZh(String clause, Rule.Context context) {
        if (!HAS_DIGIT.matcher(clause).find() || !holdsHan(clause)) {
            return false;
        }
        Matcher time = TIME_SAID_ZH.matcher(clause);
        if (!time.find() || !time.group().matches(".*\\d.*")) {
            return false;
        }
        String told = TIME_SAID_ZH.matcher(clause).replaceAll(" ").strip();
        if (PART_WORDS_ZH.matcher(told).replaceAll("").codePoints().filter(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN).count() < 2
                || HAS_DIGIT.matcher(told).find() || lexicon.isRequest(told) || lexicon.closest(told) != null || GENERATIVE.find(told) >= 0
                || ZH_EDIT_NAMED.matcher(told).find() || ZH_DESCRIPTION.matcher(told).find() || Quotes.holdsMark(told)) {
            return false;
        }
        try { // a part kept or an edit read ("只留0:12到0:16我摔倒那段") asks; a range or a moment alone is told of
            return attempt(clause, context).operations().stream().allMatch(PromptInterpreter::isBareRange);
        } catch (VeditException e) {
            return false;
        }
    }

    /**
     * The words from a Chinese clause's first time on, when the words before it only tell what happens then
     * (新郎念誓词在2:05到2:40这段想要声音大一点 asks "2:05到2:40这段想要声音大一点"); null when the clause is not so said.
     */
    private String askedOfTheTimeTold(String clause, Rule.Context context) {
        if (!holdsHan(clause) || !HAS_DIGIT.matcher(clause).find()) {
            return null;
        }
        Matcher time = TIME_SAID_ZH.matcher(clause);
        int start = -1;
        while (start < 0 && time.find()) {
            start = time.group().chars().anyMatch(Character::isDigit) ? time.start() : -1; // the first time with a digit
        }
        if (start <= 0) {
            return null;
        }
        String told = clause.substring(0, start);
        told = told.endsWith("在") || told.endsWith("从") ? told.substring(0, told.length() - 1) : told;
        if (told.codePoints().filter(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN).count() < 2
                || GENERATIVE.find(told) >= 0 || ZH_EDIT_NAMED.matcher(told).find() || Quotes.holdsMark(told)) {
            return null;
        }
        try { // what is told asks nothing of its own (交换戒指 holds 换, which alone asks nothing)
            return attempt(told, context).operations().isEmpty() ? clause.substring(told.length()) : null;
        } catch (VeditException e) {
            return null;
        }
    }

    /** The words of a part and of keeping it, said around a time: what is left once they go is what a clause tells. */
    private static final Pattern PART_WORDS_ZH = Pattern.compile("从|开始|起|以后|之后|往后|以前|之前|结尾|结束|末尾|最后|开头|片头|片尾|前面?|后面?|中间|只|仅|留|要|保留"
            + "|就行|就好|部分|一段|段|其他|其余|剩下|都|全部|全|也|还有|和|跟|的|那|这|个|吧|了|一下|处理");

    /** The first word after any courtesy: "flip" in "please flip it so the writing isn't backwards". */
    private static String firstWordAsked(String clause) {
        Matcher courtesy = ASKING_START.matcher(clause);
        return (courtesy.lookingAt() ? clause.substring(courtesy.end()) : clause).split("\\s+")[0];
    }

    /** An edit named by its Chinese verb (手抖得厉害，防抖一下): asked for, never more of the description before it. */
    private static final Pattern ZH_EDIT_NAMED = Pattern.compile("模糊处理|防抖|降噪|去噪|锐化|调亮|调暗|提亮|压暗|静音|倒放|加速|减速|放慢|慢放|旋转|镜像|翻转|循环|定格|压缩|淡入|淡出|打码");

    /** A comparative alone ("louder", "a bit brighter please", 大一些, 亮一点): more of something, asked for. */
    private static final Pattern COMPARATIVE = Pattern.compile("^(?:(?:a\\s+)?(?:bit|little|lot|touch|tad|much|way|even|slightly|somewhat)\\s+)*"
            + "(?!(?:over|under|other|rather|never|ever|after)\\b)\\p{L}{3,}er\\b(?:\\s+(?:please|pls|plz|too|as\\s+well))?$|^[^有太很挺也是了偏还]{1,6}(?:一点|一些|(?<![噪重亮焦斑雪黑白污圆])点儿?|些)(?:吧|哈|啊|呀)?$");

    /** The words of a clause that are not filler, in place (the filler blanked). */
    private String unexplained(String clause) {
        return FILLER.replaceAll(lexicon.withoutFiller(clause), " ");
    }

    private static boolean hasWords(String text) {
        return text.codePoints().anyMatch(Character::isLetterOrDigit) || Quotes.holdsMark(text);
    }

    /** Rule {@code r}'s pattern, or that of its one branch whose words the text holds (same matches, one branch tried). */
    private Pattern rulePattern(int r, FoldedText folded) {
        List<Pattern> branches = folded == null ? List.of() : branchPatterns.get(r);
        int only = branches.isEmpty() ? -1 : rulePrefilters.get(r).onlyBranch(folded);
        return only < 0 ? rules.get(r).pattern() : branches.get(only);
    }

    /** Runs the rules over one clause; understood when every word left over is filler. */
    private Attempt attempt(String clause, Rule.Context prompt) {
        record Found(int start, EditOperation operation) {
        }
        Rule.Context context = prompt.in(clause);
        List<Found> found = new ArrayList<>();
        StringBuilder work = new StringBuilder(clause);
        // Most rules name words a clause lacks: their search, which finds nothing, was most of the cost of a reading.
        FoldedText folded = prefilters == null ? null : Prefilter.folded(work);
        BitSet may = prefilters == null ? null : prefilters.matching(folded);
        for (int r = 0; r < rules.size(); r++) {
            if (may != null && !may.get(r)) {
                continue; // provably no match in the clause as it stands (its consumed words blanked)
            }
            Rule rule = rules.get(r);
            Matcher m = rulePattern(r, folded).matcher(work);
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
                int start = m.start();
                while (Character.isWhitespace(work.charAt(start))) {
                    start++; // a match that begins at words already taken (blank now) does not say them
                }
                String source = context.quotes().restore(clause.substring(start, m.end())).strip();
                found.add(new Found(start, new EditOperation(op.op(), op.params(), source)));
                for (int i = m.start(); i < m.end(); i++) {
                    work.setCharAt(i, ' ');
                }
                if (may != null) {
                    folded = Prefilter.folded(work);
                    may = prefilters.matching(folded, r + 1); // later rules are checked against what is left
                    m.usePattern(rulePattern(r, folded));
                }
                m.reset(work); // the consumed words are blanked in place: search the clause again from the top
            }
        }
        String leftover = work.toString();
        found.sort(Comparator.comparingInt(Found::start));
        // "retro 80s vibe", "a cool blue tint": two phrasings of one edit in one clause are one operation
        List<EditOperation> ops = new ArrayList<>();
        for (Found f : found) {
            boolean repeated = ops.stream().anyMatch(o -> o.op().equals(f.operation().op()) && o.params().equals(f.operation().params()));
            if (!repeated) {
                ops.add(f.operation());
            }
        }
        String unexplained = unexplained(leftover);
        if (hasWords(unexplained)) {
            // filler whose context the rules took ("想" before 循环播放3遍): looked for in the clause as said, only when needed
            unexplained = FILLER.replaceAll(lexicon.withoutFiller(leftover, clause), " ");
        }
        if (hasWords(unexplained) && ops.size() <= 2) {
            // "show the text 'Step 2' from 0:30 to 0:40 at the bottom center": where the text goes, after its time
            String rest = SPACES.matcher(leftover).replaceAll(" ").strip();
            String restSaid = SPACES.matcher(unexplained).replaceAll(" ").strip(); // "of the final kiss" left out
            for (int i = 0; i < ops.size(); i++) {
                EditOperation placed = amendedApart(ops.get(i), rest, context);
                placed = placed != null || restSaid.equals(rest) ? placed : amendedApart(ops.get(i), restSaid, context);
                if (placed != null && Operation.of(placed) != Operation.TRIM) {
                    ops.set(i, placed);
                    leftover = " ".repeat(leftover.length());
                    unexplained = leftover;
                    break;
                }
            }
        }
        // merged before the part is applied, whose times would make every phrasing look quantified
        List<EditOperation> timed = rangeOfEdit(unquantifiedMerged(ops), clause, context);
        // "only" or "but only" left beside an edit of a part limits it to that part ("make it sepia only for the first 5 seconds")
        boolean limited = LIMITING.matcher(unexplained).matches() && timed.stream().anyMatch(o -> Part.ofEdit(o) != null);
        boolean understood = (!hasWords(unexplained) || limited) && GENERATIVE.find(leftover) < 0 && !SECTION_NAMED.matcher(leftover).find()
                && !EXCEPTION_LEFT.matcher(leftover).find();
        if (!understood && Quotes.holdsMark(clause)) {
            // "score overlay 'Tigers 3 - 1 Hawks' top left from 0:45", 左上角“第二集”: a text with what is said of it in any order
            List<EditOperation> texts = TextSlots.read(clause, context);
            if (!texts.isEmpty()) {
                String source = context.quotes().restore(clause).strip();
                return new Attempt(texts.stream().map(t -> new EditOperation(t.op(), t.params(), source)).toList(), " ".repeat(clause.length()), true);
            }
        }
        return new Attempt(timed, leftover, understood);
    }

    /** The edit just asked for, with where it goes, which image or how long it lasts said apart; null when none is. */
    private static EditOperation amendedApart(EditOperation previous, String words, Rule.Context context) {
        EditOperation placed = OverlayRules.amended(previous, words, context);
        return placed != null ? placed : TimeRules.lasting(previous, words);
    }

    private static final Set<Operation> SOUND_EDITS = EnumSet.of(Operation.VOLUME, Operation.NORMALIZE_AUDIO, Operation.DENOISE_AUDIO);

    /**
     * "风声太大了 帮忙降噪", "the audio has a hum, remove the noise": a bare "remove the noise" beside a description of the
     * sound only (none of the picture) is the sound's noise. Said alone it stays the picture's, as the rules read it.
     */
    private List<EditOperation> noiseOfTheSound(List<EditOperation> ops, State state, String prompt) {
        // "降个噪，再把声音调大一点": beside edits of the sound only, a bare denoise is the sound's too
        // "降噪+音量标准化 画面不用动": the picture said to stay as it is names no noise of its own
        Matcher untouched = PICTURE_UNTOUCHED.matcher(prompt);
        boolean pictureUntouched = untouched.find();
        String picture = pictureUntouched ? PICTURE_UNTOUCHED.matcher(prompt).replaceAll(" ") : prompt;
        boolean soundEdits = ops.stream().anyMatch(o -> SOUND_EDITS.contains(Operation.of(o)))
                && ops.stream().allMatch(o -> SOUND_EDITS.contains(Operation.of(o)) || Operation.DENOISE.is(o))
                && !PICTURE_NOISE.matcher(picture).find();
        boolean sound = soundEdits || pictureUntouched && !PICTURE_NOISE.matcher(picture).find() || state.ignored.stream().anyMatch(lexicon::isAboutSound);
        boolean pictureNoise = state.ignored.stream().anyMatch(d -> PICTURE_NOISE.matcher(d).find() && !PICTURE_UNTOUCHED.matcher(d).find());
        if (!sound || pictureNoise || SOUND_UNTOUCHED.matcher(prompt).find() || ops.stream().anyMatch(Operation.DENOISE_AUDIO::is)) {
            return ops;
        }
        return ops.stream().map(o -> Operation.DENOISE.is(o) && !PICTURE_NOISE.matcher(o.source()).find()
                ? Operation.DENOISE_AUDIO.with(Map.of(), o.source()) : o).toList();
    }

    /**
     * "第5秒至第10秒改为慢动作，速度0.5倍", "slow the last 10 seconds down, 0.3x": a factor said alone right after an edit of
     * a part, the same way (slower after slower, faster after faster), is how much of that edit, not a second edit of the
     * whole video. The two become the edit of the part with that factor.
     */
    /** The same in Chinese, its times as the normaliser writes them: 从第30秒开始调亮, 70秒到90秒的部分加速, 前10秒慢放. */
    private static final Pattern SCOPE_FIRST_ZH = Pattern.compile("\\s*(?:把|将)?(?:从)?(?:第\\s*)?(?:\\d+(?:\\.\\d+)?\\s*秒|\\d{1,2}:\\d{2})|\\s*(?:前|最后|后)\\s*\\d");
    /** The rest said to stay as it is ("rest at normal speed", 其他不变): no edit of the whole video. */
    private static final Pattern REST_AS_IT_IS = Pattern.compile("\\b(?:the\\s+)?rest\\s+(?:of\\s+(?:it|the\\s+video)\\s+)?(?:(?:at|in|should|can|will|is|stays?)\\s+)?"
            + "(?:normal|stays?|unchanged|untouched|as\\s+(?:it\\s+)?is|fine|the\\s+same|alone)\\b|\\beverything\\s+else\\s+(?:is|'s)\\s+(?:fine|ok|okay|good|great|perfect)\\b"
            + "|(?:其他|其余|剩下|后面)(?:的)?(?:部分|地方)?(?:都)?(?:不变|不动|别动|保持|正常|不用动|不用改|没问题|挺好|没事)");
    /** A part said to be good as it is. */
    private static final Pattern PRAISED = Pattern.compile("\\b(?:great|fine|perfect|good|ok|okay|nice|lovely|beautiful|amazing|awesome|brilliant)\\b|不错|挺好|很好|没问题|可以|好看");
    /** Words that ask for all of the video, or for what a part leaves. */
    /** The Chinese words for all of the video or for what a part leaves, said the same in both checks below. */
    private static final String WHOLE_ZH = "整体|全部|整个|全程|全片|其他|其余|剩下|所有";
    /** The whole frame, not the whole video: "把0:00到0:04整个画面打马赛克", "blur the whole picture during that section". */
    private static final Pattern WHOLE_FRAME = Pattern.compile("整个画面|全画面|\\b(?:the\\s+)?(?:whole|entire)\\s+(?:picture|frame|screen|image)\\b");
    private static final Pattern WHOLE_SAID = Pattern.compile(WHOLE_ZH + "|\\b(?:whole|overall|everything|entire|rest)\\b|\\ball\\s+of\\s+it\\b"
            + "|\\b(?:all|throughout)\\s*$");
    /** Words by which a clause names its own part, or all of the video: it takes no part said before it. */
    private static final Pattern SCOPE_NAMED_ZH = Pattern.compile("\\d+(?:\\.\\d+)?\\s*(?:秒|分)|\\d{1,2}:\\d{2}|第\\s*\\d|" + WHOLE_ZH + "|后面|前面|开头|结尾|片头|片尾|最后|前半|后半|中间|顺便|另外|此外");
    /** A clause that says its part before its edit: "from 0:07 onward warm it up", "for the first 5 seconds, …". */
    private static final Pattern SCOPE_FIRST = Pattern.compile("\\s*(?:(?:and|then|but|also)\\s+)?(?:from|after|between|during|for\\s+the\\s+(?:first|last)|in\\s+the\\s+(?:first|last))\\s+");

    /**
     * "from 0:07 onward warm it up and add a bit more contrast": a part said first is the part of every edit joined to
     * the first by "and" (said after an edit, "warm it up from 0:07 and add contrast", it stays that edit's alone).
     */
    private static void sharedPart(List<EditOperation> ops, int said) {
        ops.set(said, onPart(Part.ofEdit(ops.get(said - 1)), ops.get(said)));
    }

    /** The edit on the part, when it names none of its own and can take one; else the edit as it is. */
    private static EditOperation onPart(Part part, EditOperation op) {
        EditOperation placed = part == null || Part.ofEdit(op) != null ? null : part.apply(op, op.source());
        return placed != null ? placed : op;
    }

    private static void amountOfPart(List<EditOperation> ops, int said) {
        EditOperation edit = ops.get(said - 1);
        EditOperation amount = ops.get(said);
        Part part = Part.ofEdit(edit);
        if (part == null || !edit.op().equals(amount.op()) || Part.ofEdit(amount) != null
                || !(edit.params().get("factor") instanceof Number a) || !(amount.params().get("factor") instanceof Number b)
                || (a.doubleValue() - 1) * (b.doubleValue() - 1) <= 0) {
            return;
        }
        EditOperation merged = part.apply(amount, edit.source() + ", " + amount.source());
        if (merged != null) {
            ops.set(said - 1, merged);
            ops.remove(said);
        }
    }

    /**
     * Edits of the frame's size or of the file, beside which the first or last seconds are what is kept ("the first 10
     * seconds in 720p"). Beside any other edit that cannot take a part they are refused as a part of it: "flip it
     * upside down for the last 5 seconds" kept the last 5 seconds, flipped.
     */
    private static final Set<Operation> KEEPS_ITS_SECONDS = EnumSet.of(Operation.ASPECT, Operation.FRAME, Operation.SCALE,
            Operation.UPSCALE, Operation.ENCODE, Operation.FPS, Operation.KEEP_AUDIO);

    /**
     * A time range said beside another edit in one clause, with no word that keeps it ("blur from 0:45 to 0:52", "slow
     * down 0:30-0:40", "add the text 'Goal!' from 2:14 to 2:18"), is the part that edit is for, never a trim that throws
     * the rest of the video away: a text is shown then, an edit that can take a part ({@link Operation#forAPart()})
     * applies then; any other edit of a part is refused. So are the first or last seconds said beside such an edit
     * ("the last 5 seconds in slow motion", 后3秒变成黑白, "mute the last 2 seconds"): the last seconds are a part
     * {@code "at": "end"}, whose start the render knows. Beside an edit of the frame's size or the file ("the first 10
     * seconds in 720p") they stay what is kept; beside an edit of time itself ("loop the last 3 seconds") they are refused.
     */
    private static List<EditOperation> rangeOfEdit(List<EditOperation> ops, String clause, Rule.Context context) {
        EditOperation range = ops.stream().filter(o -> isRangeSaid(o) && !keepsRange(o)).findFirst().orElse(null);
        EditOperation edge = range != null ? null : ops.stream().filter(o -> isEdgePart(o) || isOnward(o)).findFirst().orElse(null);
        if (edge != null && ops.stream().map(Operation::of).anyMatch(KEEPS_ITS_SECONDS::contains)) {
            return ops; // "the first 10 seconds in 720p": the seconds kept, then scaled
        }
        EditOperation said = range != null ? range : edge;
        if (said == null) {
            return ops;
        }
        Part part = Part.of(said);
        List<EditOperation> timed = new ArrayList<>();
        boolean partTaken = false; // by a text or an edit of the part: no trim then
        for (EditOperation op : ops) {
            Operation operation = Operation.of(op);
            if (op == said || operation.phase() == Phase.SELECT || operation == Operation.CUT || operation == Operation.ENCODE) {
                timed.add(op); // "export 0:30 to 0:40 as mp4": the range is what is kept
                continue;
            }
            EditOperation onPart = part.apply(op, op.source() + " " + said.source());
            if (onPart == null) {
                throw TimeRules.partEdit(context.quotes().restore(clause).strip());
            }
            timed.add(onPart);
            partTaken = true;
        }
        if (partTaken) {
            timed.remove(said);
        }
        return timed;
    }

    /**
     * Takes out the part just told of, and with it, when the clause says both or all of them, the part told alone just
     * before: "the first 3 seconds and the last 3 seconds are junk, get rid of both", 前5秒和最后5秒都是废的，去掉 (the first part
     * had been read as the part kept).
     */
    private static void removeWithThePartBefore(Part part, String clause, String quoted, State state) {
        EditOperation before = state.operations.isEmpty() ? null : state.operations.getLast();
        boolean several = MORE_THAN_ONE.matcher(clause).find() || !state.ignored.isEmpty() && MORE_THAN_ONE.matcher(state.ignored.getLast()).find();
        if (before != null && several && (isEdgePart(before) || isRangeSaid(before) && !KEPT.matcher(before.source()).find())
                && !part.equals(Part.of(before))) {
            state.operations.set(state.operations.size() - 1, Part.of(before).removed(before.source() + ", " + quoted));
        }
        state.operations.add(part.removed(quoted));
    }

    /**
     * The part said alone is used up once an edit names it, whether it was found as that part or as the part just told
     * of: "from 0:45 to 1:20 it's just me walking. could that part go quicker" is no trim kept beside the speed.
     */
    private static void usedUp(Part part, boolean pending, State state) {
        if (pending || state.pendingPart != null && part.equals(Part.of(state.pendingPart))) {
            state.pendingPart = null;
        }
    }

    /**
     * "…from 0:10 to 0:25 by 4x and mute that part too", 把那段也调成黑白: edits of the part an earlier edit of the
     * prompt applies to. False when the clause names no such part or is not edits with it.
     */
    private boolean readOfTheSamePart(String clause, Rule.Context context, State state) {
        Part part = null;
        for (int i = state.operations.size() - 1; i >= 0 && part == null; i--) {
            part = Part.ofEdit(state.operations.get(i));
        }
        if (part == null) {
            part = state.mentionedPart; // "there's a long pause between 1:20 and 1:45 … please remove that section"
        }
        boolean pending = part == null && state.pendingPart != null;
        if (pending) {
            part = Part.of(state.pendingPart); // "from 3:10 to 4:00, could that part be black and white?"
        }
        Matcher same = SAME_PART.matcher(clause);
        if (part == null || !same.find() && (state.mentionedName == null || !(same = state.mentionedName.matcher(clause)).find())) {
            return false;
        }
        // "turn that part down" is "turn it down" of the part
        String rest = clause.substring(0, same.start()) + (Lexicon.isCjk(same.group().charAt(0)) ? " " : " it ") + clause.substring(same.end());
        if (KEEP_IT.matcher(rest).matches()) {
            state.operations.add(part.kept(context.quotes().restore(clause).strip())); // "the experiment is 4:12 to 6:40, keep only that"
            usedUp(part, pending, state);
            return true;
        }
        if (REMOVE_IT.matcher(rest).matches()) {
            state.operations.add(part.removed(context.quotes().restore(clause).strip()));
            usedUp(part, pending, state);
            return true;
        }
        Attempt edits = attempt(normalizer.canonical(rest), context); // "turn it down" is read as "turn the volume down"
        if (!edits.understood() || edits.operations().isEmpty()) {
            return false;
        }
        for (EditOperation op : edits.operations()) {
            EditOperation onPart = part.apply(op, (op.source() + " " + same.group().strip()).replaceAll("\\s+", " "));
            if (onPart == null) {
                throw TimeRules.partEdit(context.quotes().restore(clause).strip());
            }
            state.operations.add(onPart);
        }
        usedUp(part, pending, state);
        return true;
    }

    /**
     * The time range a description names, if it names one ({@link State#mentionedPart}), and what it calls it ("the
     * skateboarding trick happens around 0:12 to 0:16": "that trick" is that part).
     */
    private Part remember(String clause, Rule.Context context, State state) {
        Matcher till = GOES_ON_TILL.matcher(clause);
        if (state.mentionedMoment != null && till.lookingAt()) {
            double from = Rule.seconds(state.mentionedMoment);
            double to = Rule.seconds(till.group("t"));
            if (to > from) {
                state.mentionedPart = new Part(from, to, 0, null);
                state.mentionedName = null;
                state.mentionedMoment = null;
                return state.mentionedPart;
            }
        }
        Matcher moment = MOMENT_SAID.matcher(clause);
        Matcher momentZh = MOMENT_SAID_ZH.matcher(clause);
        state.mentionedMoment = moment.find() ? moment.group(1)
                : momentZh.find() ? (momentZh.group("clock") != null ? momentZh.group("clock") : clock(Double.parseDouble(momentZh.group("s")))) : state.mentionedMoment;
        Matcher edgeZh = EDGE_SAID_ZH.matcher(clause); // its numbers may be written in characters (最后十秒都是黑屏)
        if (edgeZh.lookingAt()) {
            mentionEdge(Numbers.parse(edgeZh.group("n")), edgeZh.group("start") != null, state);
            return state.mentionedPart;
        }
        if (!HAS_DIGIT.matcher(clause).find()) {
            return null;
        }
        Matcher edge = EDGE_SAID.matcher(clause);
        if (edge.find()) { // "it starts with like 8 seconds of me fumbling", "the last 20 seconds are just me packing up"
            mentionEdge(Numbers.parse(Rule.first(edge, "n", "n2")), edge.group("start") != null || edge.group("start2") != null, state);
            return state.mentionedPart;
        }
        try {
            List<EditOperation> read = attempt(clause, context).operations();
            // a range, or the first or last seconds ("my bank card is visible in the first 4 seconds"), or the part of
            // what the words read as ("it's too dark in the first 5 seconds")
            EditOperation range = read.stream().filter(o -> isRangeSaid(o) || isEdge(o)).findFirst().orElse(null);
            Part ofEdit = range != null ? Part.of(range) : read.stream().map(Part::ofEdit).filter(Objects::nonNull).findFirst().orElse(null);
            if (ofEdit == null) {
                return null;
            }
            state.mentionedPart = ofEdit;
            Matcher named = NAMED.matcher(clause);
            state.mentionedName = named.lookingAt() ? Pattern.compile("\\b(?:(?:just|only)\\s+)?(?:that|this|the)\\s+" + Pattern.quote(named.group(1)) + "\\b") : null;
            return state.mentionedPart;
        } catch (VeditException e) {
            return null; // a description whose numbers make no edit (an empty range) names no part
        }
    }

    /** Seconds as a clock ("72" is "1:12", "12.5" is "0:12.5"), as a moment is said in English. */
    private static String clock(double seconds) {
        int minutes = (int) (seconds / 60);
        double rest = seconds - minutes * 60;
        String secs = Rule.written(rest);
        return minutes + ":" + (rest < 10 ? "0" : "") + secs;
    }

    /** The first or last seconds a description named, with no name of their own. */
    private static void mentionEdge(double seconds, boolean start, State state) {
        state.mentionedPart = start ? new Part(0, seconds, 0) : new Part(0, 0, seconds);
        state.mentionedName = null;
    }

    /**
     * A clause that is only a part of the video said as where ("between 8s and 14s, make it sepia", "make it sepia,
     * between 8s and 14s", "for the last 5 seconds, slow it down"): the part of the edit said just before it when that
     * one can take a part and has none, otherwise of the edits of the next clause ({@link State#pendingPart}). False
     * when the clause says more, or keeps the part ("keep 0:10 to 0:20"). Limited by "only"/"just" (就, 只) right after an
     * edit that can take a part ("invert it, just the last 2 seconds", 反色处理，就最后2秒), it is that edit's part: kept
     * instead, the edit would have been done on the whole and the rest of the video thrown away.
     *
     * @param limited the clause opens with a Chinese word that limits (就, 只, 仅), gone from the operation's words by now
     * @param kept    the clause opens with a word that keeps what it names (只保留, "keep"): never an edit's part
     */
    private static boolean readPartAlone(List<EditOperation> ops, boolean limited, boolean kept, State state) {
        EditOperation named = state.operations.isEmpty() ? null : state.operations.getLast();
        // "invert the colours for the jumpscare bit, last 2 seconds": the time of the part just named; "invert it, just the
        // last 2 seconds": the part of the edit just asked for
        if (ops.size() == 1 && named != null && (isEdge(ops.get(0)) || isRangeSaid(ops.get(0)))
                && (state.unplaced.containsKey(named) || (limited || saysOnly(ops.get(0))) && Part.ofEdit(named) == null)
                && onLastEdit(ops.get(0), state)) {
            return true;
        }
        // "put 'SALE' in the middle, the first 5 seconds", 新人名字“…”放在画面居中，前5秒: when what was just placed shows
        if (ops.size() == 1 && named != null && isEdge(ops.get(0)) && !kept && placedWithoutTime(named) && onLastEdit(ops.get(0), state)) {
            return true;
        }
        if (ops.size() == 1 && isEdge(ops.get(0)) && !saysOnly(ops.get(0)) && !PART_LEAD.matcher(ops.get(0).source()).lookingAt()
                && !kept) { // 只要前30秒 keeps them, whatever follows
            boolean after = !state.operations.isEmpty() && state.operations.getLast() == state.bareSeconds;
            state.bareSecondsBefore = after ? state.bareSeconds : null;
            state.bareSeconds = ops.get(0); // kept, unless the next clause takes them out ("…, cut them")
            return false;
        }
        if (ops.size() != 1 || ONLY_AFTER.matcher(ops.get(0).source()).find()) {
            return false; // "from 1:05 till 1:30 only, and make it sepia": what is kept
        }
        EditOperation said = ops.get(0);
        boolean range = isRangeSaid(said);
        // a range said with no word before it ("在底部加字幕“…”，0到6秒") is the part of the edit just asked for, if any
        boolean lead = PART_LEAD.matcher(said.source()).lookingAt();
        if (!range && !isEdge(said) && !isOnward(said) || !lead && (!range || KEEPS_RANGE.matcher(said.source()).lookingAt())) {
            return false;
        }
        if (named != null && Part.ofEdit(named) == null && onLastEdit(said, state)) {
            state.lent = new Lent(said, named, state.operations.getLast());
            return true;
        }
        if (!lead && (named != null ? Part.ofEdit(named) == null : state.listFollows || !TIMES_ALONE.matcher(said.source()).lookingAt())) {
            return false; // a range said bare after an edit of the whole is kept, and so is the first of a list of them
        }
        // said bare first ("0:35到0:50，放慢到0.5倍") or after an edit that has a part of its own (前10秒加速2倍 30到40秒放慢到一半),
        // it is the next edit's part; said first, it is kept if the edit that follows takes none
        state.pendingPart = said;
        state.pendingFirst = named == null && !lead;
        return true;
    }

    /** A text, logo or picture in picture placed with no word of when it shows. */
    private static boolean placedWithoutTime(EditOperation op) {
        return (Operation.TEXT.is(op) || Operation.WATERMARK.is(op) || Operation.PICTURE_IN_PICTURE.is(op))
                && Part.ofEdit(op) == null && !op.params().containsKey("start");
    }

    /** The edit asked for last, done on {@code part} only; false (nothing changed) when that edit cannot take a part. */
    private static boolean onLastEdit(EditOperation part, State state) {
        EditOperation last = state.operations.getLast();
        EditOperation onPart = Part.of(part).apply(last, last.source() + ", " + part.source());
        if (onPart == null) {
            return false;
        }
        state.operations.set(state.operations.size() - 1, onPart);
        return true;
    }

    /** A clause that only names a picture in picture: said after an image placed, it says how. */
    private static final Pattern PICTURE_IN_PICTURE_NAMED = Pattern.compile("(?:(?:as|like|in)\\s+(?:an?\\s+|the\\s+)?)?(?:small\\s+)?"
            + "(?:picture[\\s-]+in[\\s-]+picture|pip|inset)(?:\\s+(?:style|window|box|mode))?(?:\\s+please)?|(?:(?:想要|要)(?:那种|个|一个)?)?(?:做成|做个|作为|当|用)?(?:画中画|小窗口?)(?:的?形式|的?效果)?");

    /** What likens the edit just asked for to itself: "…, like a watermark", "…, as a logo". */
    private static final Pattern LIKENS = Pattern.compile("\\s*(?:like|as|kind\\s+of\\s+like|sort\\s+of\\s+like)\\s+(?:an?\\s+|the\\s+)?");

    /**
     * A clause that only likens the image edit just asked for to its own kind ("put our logo (Figure 1) in the bottom
     * right corner, small, like a watermark"): the same edit, named again in a few words. Read as a second edit, it
     * was one without an image, and the prompt was refused for not saying which.
     */
    private boolean restates(String clause, State state) {
        Matcher likens = LIKENS.matcher(clause);
        EditOperation previous = state.operations.isEmpty() ? null : state.operations.get(state.operations.size() - 1);
        if (previous == null || !previous.params().containsKey("image") || !likens.lookingAt()) {
            return false; // "slow it down, like slow motion" says how much: read, it is the stronger of the two
        }
        String rest = clause.substring(likens.end()).strip();
        Lexicon.Kind kind = lexicon.closest(rest);
        return rest.split("\\s+").length <= 3 && kind != null && kind.op().equals(previous.op());
    }

    /** What may stand beside a second range of the same edit: "and also 0:20-0:25", "20s to 25s too", 和20到25秒也. */
    private static final Pattern ANOTHER = Pattern.compile("\\b(?:and|also|too|as\\s+well|plus)\\b|也|还有|以及|和");

    /**
     * "remove 0:05-0:08 and 0:20-0:25", "mute 5s to 8s, and 20s to 25s too", 剪掉5到8秒和20到25秒: a range said alone
     * right after an edit of a range is that edit again, of the new range. Read alone it was a trim that kept the
     * range: the opposite of a cut, and nothing of what a mute of a part asked.
     */
    private boolean readAnotherRange(Attempt attempt, State state) {
        List<EditOperation> ops = attempt.operations();
        if (ops.size() != 1 || state.operations.isEmpty() || hasWords(ANOTHER.matcher(unexplained(attempt.leftover())).replaceAll(" "))) {
            return false;
        }
        EditOperation said = ops.get(0);
        boolean range = isRangeSaid(said);
        if (!range || KEEPS_RANGE.matcher(said.source()).find()) {
            return false;
        }
        EditOperation previous = state.operations.get(state.operations.size() - 1);
        if (Operation.CUT.is(previous)) {
            state.operations.add(Part.of(said).removed(said.source()));
            return true;
        }
        Part earlier = Part.ofEdit(previous);
        if (earlier == null || earlier.last() > 0 || earlier.half() != null || !Operation.of(previous).forAPart()) {
            return false;
        }
        return addAgain(state, previous, said);
    }

    /** The edits of a clause on the part said alone in the clause before it, if one was ({@link #readPartAlone}). */
    private static List<EditOperation> onPendingPart(List<EditOperation> ops, String quoted, boolean both, State state) {
        EditOperation pending = state.pendingPart;
        if (pending == null || ops.isEmpty()) {
            return ops;
        }
        state.pendingPart = null;
        boolean first = state.pendingFirst;
        state.pendingFirst = false;
        Part part = Part.of(pending);
        List<EditOperation> timed = new ArrayList<>();
        for (EditOperation op : ops) {
            Operation operation = Operation.of(op);
            EditOperation cutToo = operation == Operation.CUT && both && isBareRange(pending) ? part.instead(op, pending.source() + ", " + op.source()) : null;
            if (cutToo != null) {
                timed.add(cutToo); // 10到12秒和25到27秒剪掉: both cut out
                timed.add(op);
                continue;
            }
            if (operation.phase() == Phase.SELECT || operation == Operation.CUT || operation == Operation.ENCODE) {
                if (first || operation.phase() == Phase.SELECT && !timed.contains(pending)) {
                    // "0:35 to 0:50, compress it": the part said first is what is kept; "从第20秒开始，只保留前60秒": a start and
                    // what is kept from it (one span, see merged)
                    timed.add(pending);
                    first = false;
                }
                timed.add(op);
                continue;
            }
            if (Part.ofEdit(op) != null) {
                // an edit with a part of its own keeps it; "第12秒到第15秒、第40秒到第43秒分别放慢" says it of the part before too
                EditOperation again = both ? part.instead(op, pending.source() + ", " + op.source()) : null;
                if (again != null) {
                    timed.add(again);
                } else if (!both) {
                    state.pendingPart = pending; // not this edit's: still said alone
                }
                timed.add(op);
                continue;
            }
            EditOperation onPart = part.apply(op, pending.source() + ", " + op.source());
            if (onPart == null && first) {
                timed.add(pending); // "0:35 to 0:50, rotate it": an edit of the whole frame, and the part kept
                timed.add(op);
                first = false;
                continue;
            }
            if (onPart == null) {
                throw TimeRules.partEdit(pending.source() + ", " + quoted);
            }
            timed.add(onPart);
            state.listPart = part;
        }
        return timed;
    }

    /**
     * "Lose the first 2 seconds (camera shake) and the last 3": seconds said bare after "and", right after seconds taken
     * out, are taken out too; kept, they would have thrown the rest of the video away.
     */
    private static boolean sharesTheCut(List<EditOperation> ops, String quoted, State state) {
        EditOperation before = state.operations.isEmpty() ? null : state.operations.getLast();
        if (ops.size() != 1 || before == null || !isEdge(ops.get(0)) || saysOnly(ops.get(0)) || PART_LEAD.matcher(ops.get(0).source()).lookingAt()) {
            return false;
        }
        boolean removed = Operation.DROP_LAST.is(before) || Operation.CUT.is(before)
                || Operation.TRIM.is(before) && !before.params().containsKey("duration") && !before.params().containsKey("half");
        if (!removed) {
            return false;
        }
        state.operations.add(Part.of(ops.get(0)).removed(quoted));
        return true;
    }

    /**
     * "black and white for the first 5 s and the last 5 s", "… and from 0:25 on": a part said bare after "and", right
     * after an edit of a part of its own, is that edit's second part; kept, it would have thrown the rest of the video away.
     */
    private static boolean sharesTheEdit(List<EditOperation> ops, State state) {
        EditOperation before = state.operations.isEmpty() ? null : state.operations.getLast();
        if (ops.size() != 1 || before == null || Part.ofEdit(before) == null || !Operation.of(before).forAPart()) {
            return false;
        }
        EditOperation said = ops.get(0);
        if (!(isEdge(said) || isRangeSaid(said) || isOnward(said)) || saysOnly(said) || KEEPS_RANGE.matcher(said.source()).lookingAt()) {
            return false;
        }
        return addAgain(state, before, said);
    }

    /** {@code earlier}'s edit again, on the part {@code said} names; false (and nothing added) where that part cannot take it. */
    private static boolean addAgain(State state, EditOperation earlier, EditOperation said) {
        EditOperation again = Part.of(said).instead(earlier, earlier.source() + ", " + said.source());
        if (again == null) {
            return false;
        }
        state.operations.add(again);
        return true;
    }

    /** A comparative alone, which shares the verb and the part before it: "(make 0:40-0:55 warmer and) a bit brighter". */
    private static final Pattern COMPARED = Pattern.compile("\\s*(?:(?:a\\s+(?:bit|little|touch|lot)|slightly|much|way|even|also|somewhat)\\s+)*"
            + "(?:(?:more|less)\\s+[a-z]+|[a-z]+er)(?:\\s+(?:too|as\\s+well))?\\s*");

    /** A clause that is an edit's word or two alone, with nothing it applies to: "grain", "slow-mo", "b&w". */
    private static final Pattern BARE_EDIT = Pattern.compile("\\s*(?!.*\\b(?:it|this|that|them|the|everything|all|whole|video|clip)\\b)[^\\s,]+(?:\\s+[^\\s,]+){0,2}\\s*");

    /**
     * "last 10 seconds: slow-mo + black & white": the edits joined to the first of a list on a part share its part (the
     * first took it in {@link #onBareSeconds}); each must take a part and have none of its own. False, and nothing
     * added, otherwise.
     */
    private static boolean onListPart(List<EditOperation> ops, Part part, State state) {
        if (part == null || ops.isEmpty() || ops.stream().anyMatch(op -> Part.ofEdit(op) != null || !Operation.of(op).forAPart())) {
            return false;
        }
        List<EditOperation> onPart = ops.stream().map(op -> part.apply(op, op.source())).toList();
        if (onPart.contains(null)) {
            return false;
        }
        state.operations.addAll(onPart);
        state.listPart = part;
        return true;
    }

    /**
     * "grain + sepia from 1:00 to 1:20": an edit said as its word alone, joined to one said with a range after it, is for
     * that range too; "make it grainy and sepia from 1:00 to 1:20" (an object said) leaves the first for the whole.
     */
    private static void rangeOfTheList(List<EditOperation> read, EditOperation bareEdit, State state) {
        int last = state.operations.size() - 1;
        if (bareEdit == null || read.size() != 1 || last < 1 || state.operations.get(last - 1) != bareEdit || !Operation.of(bareEdit).forAPart()) {
            return;
        }
        Part part = Part.ofEdit(read.getFirst());
        if (part == null || part.last() > 0 || part.half() != null) {
            return;
        }
        EditOperation onPart = part.apply(bareEdit, bareEdit.source());
        if (onPart != null) {
            state.operations.set(last - 1, onPart);
        }
    }

    /** Says that an edit with a part of its own is for the seconds said before it too: 前3秒和最后3秒都加上模糊. */
    private static final Pattern BOTH = Pattern.compile("都|分别|各自|\\b(?:both|each)\\b");

    /**
     * 前3秒，加模糊, "the first 3 seconds, blur them": first or last seconds said alone, then edits that can take a part,
     * are where those edits apply; read apart, the seconds were kept and the rest of the video thrown away. An edit
     * with a part of its own is for those seconds too only when the clause says so (前3秒和最后3秒都加上模糊). Anything
     * else after the seconds ("the first 10 seconds. 720p") leaves them kept, as before.
     */
    private static boolean onBareSeconds(List<EditOperation> ops, String clause, boolean joined, State state) {
        int last = state.operations.size() - 1;
        if (ops.isEmpty() || last < 0) {
            return false;
        }
        EditOperation seconds = state.operations.get(last);
        // a range said bare and kept ("0到30秒和1分到1分30秒都4倍速") is such a part too, when the next edit says it is both's
        boolean bareRange = seconds != state.bareSeconds && isBareRange(seconds);
        if (seconds != state.bareSeconds && !bareRange) {
            return false;
        }
        Part part = Part.of(seconds);
        // "both the first 4 seconds and 0:30-0:34 look like old film": "and" says it as "both" does
        boolean both = BOTH.matcher(clause).find() || joined;
        if (bareRange && !both) {
            return false;
        }
        List<EditOperation> timed = new ArrayList<>();
        for (EditOperation op : ops) {
            boolean own = Part.ofEdit(op) != null || Operation.CUT.is(op); // (a cut's range is its own too)
            EditOperation fade = part.fadeOver(op);
            if (fade != null) {
                timed.add(fade); // "first 2 seconds: fade in" is a fade in over them, never the 2 seconds kept
                continue;
            }
            if (own && !both || Operation.of(op).phase() == Phase.SELECT) {
                return false;
            }
            EditOperation onPart = part.instead(op, seconds.source() + ", " + op.source());
            if (onPart == null && part.half() != null) {
                throw TimeRules.partEdit(seconds.source() + ", " + op.source()); // "halfway through, freeze for 2 seconds"
            }
            if (onPart == null) {
                return false;
            }
            timed.add(onPart);
            if (own) {
                timed.add(op);
            }
        }
        state.operations.remove(last);
        int first = last;
        // and so are the ranges listed bare before it ("5到7秒、15到17秒、25到27秒这三段反色"), each its own part
        while (bareRange && first > 0 && isBareRange(state.operations.get(first - 1))) {
            EditOperation range = state.operations.get(first - 1);
            List<EditOperation> again = ops.stream().map(op -> Part.of(range).instead(op, range.source() + ", " + op.source())).toList();
            if (again.isEmpty() || again.contains(null)) {
                break;
            }
            state.operations.remove(--first);
            timed.addAll(0, again);
        }
        state.operations.addAll(timed);
        state.bareSeconds = null;
        state.listPart = part;
        return true;
    }

    /** A range said bare, and so kept for now, which the edit said next may make its part instead. */
    /** Words that are a range's times alone ("0:35到0:50", "10 to 20 seconds"), not a verb's ("剪到前15秒"). */
    private static final Pattern TIMES_ALONE = Pattern.compile("\\s*(?:from\\s+|从|第)?\\d[\\d:.\\s]*(?:s|secs?|seconds?|秒钟?|分钟?|m|mins?)?\\s*(?:to|until|till|-|–|~|到|至)");

    private static boolean isBareRange(EditOperation op) {
        return isRangeSaid(op) && !KEEPS_RANGE.matcher(op.source()).lookingAt() && !saysOnly(op) && !ONLY_AFTER.matcher(op.source()).find();
    }

    /** Whether a trim is a range said as one ("0:10 to 0:20", 5到8秒): what may be an edit's part instead of what is kept. */
    private static boolean isRangeSaid(EditOperation op) {
        return Operation.TRIM.is(op) && op.params().containsKey("duration") && RANGE.matcher(op.source()).find();
    }

    private static boolean isEdge(EditOperation op) {
        boolean first = Operation.TRIM.is(op) && op.params().containsKey("duration") && ((Number) op.params().get("start")).doubleValue() == 0
                && !RANGE.matcher(op.source()).find();
        boolean half = Operation.TRIM.is(op) && op.params().containsKey("half");
        return (first || half || Operation.TRIM_LAST.is(op)) && EDGE.matcher(op.source()).lookingAt();
    }

    /**
     * The part of the video an edit applies to: {@code from}/{@code to} in source seconds, or, when {@code last} is above
     * 0, the last {@code last} seconds ({@code "at": "end"}: the render knows where they start), or, when {@code half}
     * is set, the {@code "first"} or {@code "second"} half ({@code "half"}: the render knows where it starts too).
     */
    private record Part(double from, double to, double last, String half) {
        /** A part from a time to the end of the video: its plan names no {@code to}. */
        static final double END = Double.POSITIVE_INFINITY;

        Part(double from, double to, double last) {
            this(from, to, last, null);
        }

        /**
         * The part a trim said beside an edit names: a range, the first seconds, the last ({@code trim_last}), or a time
         * onwards ("from 10s to the end": a trim with a start and no length).
         */
        static Part of(EditOperation trim) {
            if (trim.params().get("half") instanceof String half) {
                return new Part(0, END, 0, half);
            }
            if (Operation.TRIM.is(trim) && !trim.params().containsKey("duration")) {
                return new Part(((Number) trim.params().get("start")).doubleValue(), END, 0);
            }
            double duration = ((Number) trim.params().get("duration")).doubleValue();
            if (Operation.TRIM_LAST.is(trim)) {
                return new Part(0, 0, duration);
            }
            double start = ((Number) trim.params().get("start")).doubleValue();
            return new Part(start, Rule.round(start + duration), 0);
        }

        /** The part an edit of the plan already applies to ("mute that part too"), or null when it has none. */
        static Part ofEdit(EditOperation op) {
            if (op.params().get("half") instanceof String half && Operation.of(op).forAPart()) {
                return new Part(0, END, 0, half);
            }
            if (op.params().containsKey("from")) {
                return new Part(((Number) op.params().get("from")).doubleValue(),
                        op.params().get("to") instanceof Number to ? to.doubleValue() : END, 0);
            }
            boolean text = Operation.TEXT.is(op) && op.params().containsKey("duration");
            if ("end".equals(op.params().get("at")) && (Operation.of(op).forAPart() || text)) {
                return new Part(0, 0, ((Number) op.params().get("duration")).doubleValue());
            }
            if (text && op.params().containsKey("start")) {
                double start = ((Number) op.params().get("start")).doubleValue();
                return new Part(start, Rule.round(start + ((Number) op.params().get("duration")).doubleValue()), 0);
            }
            return null;
        }

        /** Keeping the part alone: its seconds, the last seconds, or its half. */
        EditOperation kept(String source) {
            return half != null ? Operation.TRIM.with(Map.of("half", half), source)
                    : last > 0 ? Operation.TRIM_LAST.with(Map.of("duration", last), source)
                    : to == END ? Operation.TRIM.with(Map.of("start", from), source)
                    : Operation.TRIM.with(Map.of("start", from, "duration", Rule.round(to - from)), source);
        }

        /** Taking the part out: a cut of its seconds, of the last seconds, or keeping the other half. */
        EditOperation removed(String source) {
            return half != null ? Operation.TRIM.with(Map.of("half", half.equals("first") ? "second" : "first"), source)
                    : last > 0 ? Operation.DROP_LAST.with(Map.of("duration", last), source)
                    : to == END ? Operation.TRIM.with(Map.of("start", 0.0, "duration", from), source)
                    : from == 0 ? Operation.TRIM.with(Map.of("start", to), source)
                    : Operation.CUT.with(Map.of("start", from, "end", to), source);
        }

        /** A fade in over the first seconds or a fade out over the last, as a fade of their length; null for any other. */
        EditOperation fadeOver(EditOperation op) {
            boolean in = Operation.FADE_IN.is(op) && from == 0 && to != END && half == null && last == 0;
            boolean out = Operation.FADE_OUT.is(op) && last > 0;
            if (!in && !out) {
                return null;
            }
            Map<String, Object> params = new LinkedHashMap<>(op.params());
            params.put("duration", in ? to : last);
            return new EditOperation(op.op(), params, op.source());
        }

        /** {@code op} applied to this part in place of the part it names, if any ("…, and 20s to 25s too", 前3秒和最后3秒都…). */
        EditOperation instead(EditOperation op, String source) {
            if (Operation.CUT.is(op)) {
                // 把10秒到12秒和25秒到27秒剪掉: this range cut out as well
                return half == null && last == 0 && to != END ? Operation.CUT.with(Map.of("start", from, "end", to), source) : null;
            }
            Map<String, Object> params = new LinkedHashMap<>(op.params());
            boolean atEnd = "end".equals(params.remove("at"));
            params.remove("from");
            params.remove("to");
            params.remove("half");
            if (atEnd || Operation.TEXT.is(op)) {
                params.remove("duration");
                params.remove("start");
            }
            return apply(new EditOperation(op.op(), params, op.source()), source);
        }

        /**
         * {@code op} applied to this part only: a text shown then, an edit that can take a part
         * ({@link Operation#forAPart()}) applied then, a mute a volume of 0 then (the sound stream stays, silent); null
         * for an edit that cannot apply to part of the video.
         */
        EditOperation apply(EditOperation op, String source) {
            Operation operation = Operation.of(op);
            Map<String, Object> params;
            if (half != null && !(operation.forAPart() || operation == Operation.MUTE)) {
                return null; // a text's time is said in seconds: where a half starts is not known yet
            }
            if (operation == Operation.TEXT && !op.params().containsKey("duration")) {
                params = new LinkedHashMap<>(op.params());
                params.put(last > 0 ? "at" : "start", last > 0 ? "end" : from);
                if (to != END) {
                    params.put("duration", last > 0 ? last : Rule.round(to - from)); // none: shown to the end
                }
            } else if (operation.forAPart() || operation == Operation.MUTE) {
                params = new LinkedHashMap<>(operation == Operation.MUTE ? Map.of("factor", 0.0) : op.params());
                if (half != null) {
                    params.put("half", half);
                } else if (last > 0) {
                    params.put("at", "end");
                    params.put("duration", last);
                } else {
                    params.put("from", from);
                    if (to != END) {
                        params.put("to", to); // none: to the end
                    }
                }
            } else {
                return null;
            }
            return new EditOperation(operation == Operation.MUTE ? Operation.VOLUME.wire() : op.op(), params, source);
        }
    }

    /**
     * Whether a range said beside another edit is what is kept rather than where the edit applies: a verb that keeps
     * it ("keep 0:30 to 0:40 and …", "export 0:30 to 0:40 as mp4" is kept by the export). "Only"/"just" limit the edit,
     * before it or after ("just 0:30 to 0:40 in black and white", "reverse just the bit from 3s to 6s", "make only the
     * part between 0:30 and 1:00 black and white"): read as what is kept they threw the rest of the video away, a
     * worse mistake than an edit of the part.
     */
    private static boolean keepsRange(EditOperation range) {
        return KEEPS_RANGE.matcher(range.source()).lookingAt() && !saysOnly(range);
    }

    /** A time onwards said as where an edit applies: "from 10s to the end", "from 0:10 onwards", 从第10秒开始. */
    private static final Pattern ONWARD = Pattern.compile("(?:(?:everything|anything|all|what(?:ever)?\\s+comes)\\s+(?:after|from)|from|after|(?:starting|beginning)\\s+(?:at|from))\\s+(?:the\\s+)?\\S+(?:\\s+(?:seconds?|secs?|s))?(?:\\s+mark)?(?:\\s+(?:on(?:wards?)?|to\\s+the\\s+end|until\\s+the\\s+end|till\\s+the\\s+end))?\\s*$"
            + "|(?:从|自)\\s*第?\\s*\\S+?\\s*秒(?:开始|起)(?:到(?:结尾|最后|结束))?\\s*$");

    private static boolean isOnward(EditOperation op) {
        return Operation.TRIM.is(op) && !op.params().containsKey("duration") && ONWARD.matcher(op.source()).lookingAt();
    }

    private static boolean saysOnly(EditOperation op) {
        return ONLY.matcher(op.source()).lookingAt() || ONLY_AFTER.matcher(op.source()).find();
    }

    /**
     * Whether {@code op} is the first or last seconds said as where another edit applies rather than what is kept: no
     * word that keeps them ("keep the last 5 seconds", 前5秒剪出来); "only"/"just" limit the edit ("blur only the last 2
     * seconds", "only the first 5 seconds in black & white").
     */
    private static boolean isEdgePart(EditOperation op) {
        return isEdge(op) && !KEPT.matcher(op.source()).find();
    }

    /**
     * Problems described next to requests: one answered by a request of the same kind is that request ("it's too dark,
     * brighten it a bit"); one nobody asked to fix, while other edits are asked for, is context ("sharpen it, the colours
     * are dull" sharpens only), unless the user says to fix it or says it strongly ("it's too dark, only the first 20
     * seconds matter": no request answers the darkness); described problems alone are the request.
     */
    private static boolean takesFootageOut(EditOperation op) {
        Operation o = Operation.of(op);
        return o.phase() == Phase.SELECT || o == Operation.CUT;
    }

    /** A complaint that names no subject of its own: "it's too dark", "that's way too loud", 太暗了. */
    private static final Pattern UNNAMED = Pattern.compile("\\s*(?:(?:it|that|this|they|those|these)(?:'s|'re|\\s+is|\\s+are|\\s+was|\\s+were|\\s+looks?)?\\b|its\\b|它|这|那|太|有点|好)");

    /** A time said first in a clause that adds a text "with" it: "… for the first 10 seconds with '1985' in the corner". */
    private static final Pattern TIME_WITH_A_TEXT = Pattern.compile("\\s*(?:for\\s+the\\s+(?:first|last|final)\\s+[\\w.]+\\s+(?:seconds?|secs?|s|minutes?|mins?)"
            + "|from\\s+[\\d:.]+\\s*(?:s|secs?|seconds?)?\\s*(?:to|until|till|-|–)\\s*[\\d:.]+\\s*(?:s|secs?|seconds?)?)(?=\\s+with\\b)");

    /**
     * "Black and white for the first 10 seconds with '1985' in the bottom right": the time goes with the edit said just
     * before it as well as with the text (the text's rule took it alone, and the whole video was greyed).
     */
    private void timeSharedWithAText(Rule.Context context, State state) {
        List<EditOperation> ops = state.operations;
        for (int i = 1; i < ops.size(); i++) {
            EditOperation before = ops.get(i - 1);
            Matcher time = TIME_WITH_A_TEXT.matcher(ops.get(i).source());
            if (!Operation.TEXT.is(ops.get(i)) || !time.lookingAt() || Part.ofEdit(before) != null || !Operation.of(before).forAPart()) {
                continue;
            }
            Attempt onPart = attempt(before.source() + " " + time.group().strip(), context);
            if (onPart.understood() && onPart.operations().size() == 1 && onPart.operations().getFirst().op().equals(before.op())
                    && Part.ofEdit(onPart.operations().getFirst()) != null) {
                ops.set(i - 1, onPart.operations().getFirst());
            }
        }
    }

    /** A complaint of pace that names a moment or the end rather than the whole video. */
    private static final Pattern PASSING_MOMENT = Pattern.compile("\\b(?:end|ending|finish|moment|bit|shot)\\b|\\b(?:at|around)\\s+\\d|\\d:\\d\\d|\\b(?:flash(?:es)?|goes|go|whizz(?:es)?|zips?) by\\b|结尾|结束|最后|那一下|瞬间|那一刻|一瞬|第\\s*\\d+\\s*秒");

    /** A problem said strongly: "way too dark", 太暗了. */
    private static final Pattern TOO = Pattern.compile("\\btoo\\b|太");

    private static List<EditOperation> answered(State state) {
        List<EditOperation> ops = state.operations;
        java.util.function.Predicate<EditOperation> complaint = o -> !state.added.contains(o) && (state.complaints.contains(o) || isComplaint(o));
        // "2:10 to 2:20 is too dark, brighten it a bit": the request that answers a part's complaint is for that part
        for (int i = 0; i < ops.size(); i++) {
            Part part = complaint.test(ops.get(i)) ? Part.ofEdit(ops.get(i)) : null;
            for (int j = i + 1; part != null && j < ops.size(); j++) {
                EditOperation request = ops.get(j);
                if (!complaint.test(request) && request.op().equals(ops.get(i).op())) {
                    EditOperation onPart = Part.ofEdit(request) == null ? part.apply(request, request.source()) : null;
                    if (onPart != null) {
                        ops.set(j, onPart);
                    }
                    break;
                }
            }
        }
        boolean anyRequest = ops.stream().anyMatch(complaint.negate());
        List<EditOperation> kept = new ArrayList<>();
        for (EditOperation op : ops) {
            if (!complaint.test(op)) {
                kept.add(op);
                continue;
            }
            // answered by a request of that edit on the same part: a mute of the last 4 seconds answers no quiet start
            boolean requested = ops.stream().anyMatch(o -> !complaint.test(o) && o.op().equals(op.op()) && Objects.equals(Part.ofEdit(o), Part.ofEdit(op)));
            if (requested) {
                continue;
            }
            // one said strongly ("way too dark") is asked to be fixed, unless a request answers it another way, or takes
            // footage out that "it" may be ("cut the first 5 seconds, it's too dark": the reason; 声音太小 is not)
            boolean mayExplainACut = UNNAMED.matcher(op.source()).lookingAt() || Part.ofEdit(op) != null; // 前3秒声音太吵了，去掉 too
            // "the ending is too quick … hold the final frame 4 seconds", 进球那一下太快了，定格2秒: a held frame answers a
            // moment or an end that passes too fast
            boolean heldInstead = Operation.SPEED.is(op) && PASSING_MOMENT.matcher(op.source()).find()
                    && ops.stream().anyMatch(o -> Operation.FREEZE.is(o) || Operation.FREEZE_END.is(o));
            boolean strong = TOO.matcher(op.source()).find() && !heldInstead
                    && ops.stream().noneMatch(o -> !complaint.test(o) && (Concern.answers(o, op) || mayExplainACut && takesFootageOut(o)));
            if (Operation.VOLUME.is(op) && direction(op) < 0 && UNNAMED.matcher(op.source()).lookingAt() && ops.stream().anyMatch(Operation.DENOISE_AUDIO::is)) {
                state.ignored.add(op.source()); // 背景有嗡嗡声，好吵: the noise is what is loud, and cleaning it answers that
                continue;
            }
            if (state.fix || (!anyRequest || strong) && !state.mild.contains(op)) {
                kept.add(op);
            } else {
                state.ignored.add(op.source());
            }
        }
        return kept;
    }

    /** A song said as what is added: "add 'Dancing Queen' to it, it's my mum's favourite song", 加上《月亮代表我的心》这首歌. */
    private static final Pattern SONG_SAID = Pattern.compile("\\b(?:it'?s|its|that'?s|which\\s+is)\\s+(?:a|an|the|my|our|his|her|their|[a-z]+'s)\\s+(?:[a-z']+\\s+){0,2}?"
            + "(?:song|tune|track|single|anthem)\\b|\\b(?:song|tune|track|single)\\s*[\uE000-\uE0FF]|[\uE000-\uE0FF]\\s*(?:这首歌|这首曲子|这首|的歌)");
    /** Words that make an added text one: "add the caption 'Dancing Queen'". */
    private static final Pattern TEXT_SAID = Pattern.compile("\\b(?:caption|captions|title|titles|text|subtitles?|words?|label|heading|headline|card|says|saying|write|written|type)\\b|字幕|文字|标题|字|写");

    /**
     * A quoted name added with no word that makes it a text, in a prompt that speaks of a song, is the song (which needs
     * an audio input): shown as a caption it was a wrong edit.
     */
    private static void refuseASongAsText(List<EditOperation> ops, String written) {
        for (EditOperation op : ops) {
            if (Operation.TEXT.is(op) && !TEXT_SAID.matcher(op.source()).find() && SONG_SAID.matcher(written).find()) {
                throw SoundRules.needsAudio(op.source());
            }
        }
    }

    private static final Pattern PART_WORDS = Pattern.compile("(?:前|最后|后)\\d+(?:\\.\\d+)?秒|\\d+(?:\\.\\d+)?秒?(?:到|至|-)\\d+(?:\\.\\d+)?秒|\\b(?:first|last) \\d+(?:\\.\\d+)? (?:s|secs?|seconds?)\\b");

    /**
     * "调成黑白的，但颜色要保持原样", "前10秒要黑白的，同时前10秒保持原色不要动": a colour changed and kept as it is, of the same
     * seconds. Read as before (the keeping as a remark), the colour was changed against the user's last word.
     */
    private static void refuseColourKept(List<EditOperation> ops, String written) {
        if (ops.stream().noneMatch(op -> COLOUR_EDITS.contains(Operation.of(op)))) {
            return; // the common case: the search below cost a fortieth of reading a prompt
        }
        Matcher kept = Lexicon.get().kept(Lexicon.Kept.COLOUR, written); // the whole video's or the part the clause names, not "the rest"'s
        while (kept.find()) {
            int from = Math.max(Math.max(written.lastIndexOf(',', kept.start()), written.lastIndexOf('，', kept.start())), Math.max(written.lastIndexOf('.', kept.start()), written.lastIndexOf('。', kept.start())));
            Matcher part = PART_WORDS.matcher(written.substring(from + 1, kept.start()));
            String partSaid = part.find() ? part.group() : null;
            for (EditOperation op : ops) {
                if (COLOUR_EDITS.contains(Operation.of(op)) && (partSaid == null ? Part.ofEdit(op) == null : op.source() != null && op.source().contains(partSaid))) {
                    String said = kept.group();
                    throw Refusal.impossible("\"" + op.source() + "\" changes the colours that \"" + said + "\" keeps as they are; say which one you want",
                            "“" + op.source() + "”要改变颜色，而“" + said + "”要保持原色，请说明想要哪一个");
                }
            }
        }
    }

    /**
     * "speed it up 2x but keep it the same length", "get it under 60 seconds, but don't cut anything out": a change of
     * length asked with the length, or every second, kept. Read as before (the keeping as a remark), the video came back
     * shorter against the user's last word.
     */
    private static void refuseLengthKept(List<EditOperation> ops, String written) {
        if (ops.stream().noneMatch(op -> changesSpeed(op) || cutsOut(op))) {
            return;
        }
        for (Lexicon.Kept what : List.of(Lexicon.Kept.LENGTH, Lexicon.Kept.UNCUT)) {
            Matcher kept = Lexicon.get().kept(what, written);
            while (kept.find()) {
                for (EditOperation op : ops) {
                    if (what == Lexicon.Kept.LENGTH ? changesSpeed(op) : cutsOut(op)) {
                        String said = kept.group().strip();
                        throw Refusal.impossible("\"" + op.source() + "\" changes the length that \"" + said + "\" keeps; say which one you want",
                                "“" + op.source() + "”会改变视频长度，而“" + said + "”要求保持不变，请说明想要哪一个");
                    }
                }
            }
        }
    }

    private static boolean changesSpeed(EditOperation op) {
        return Operation.SPEED.is(op) && op.params().get("factor") instanceof Number n && n.doubleValue() != 1;
    }

    private static boolean cutsOut(EditOperation op) {
        return Operation.of(op).phase() == Phase.SELECT || Operation.CUT.is(op);
    }

    private static final Set<Operation> COLOUR_EDITS = EnumSet.of(Operation.GRAYSCALE, Operation.SEPIA, Operation.VINTAGE, Operation.INVERT, Operation.HUE,
            Operation.SATURATION, Operation.TEMPERATURE, Operation.SKETCH, Operation.CARTOON, Operation.POSTERIZE);

    /**
     * "remove the sound but keep the music": the sound is one track, so it cannot be both dropped and kept (telling the
     * music from the voices takes a model); planned as asked, the output was silent.
     */
    private static void refuseDroppedAndKept(List<EditOperation> ops, String written) {
        EditOperation mute = null;
        EditOperation keep = null;
        for (EditOperation op : ops) {
            if (op.op().equals(Operation.MUTE.wire())) {
                mute = op;
            } else if (op.op().equals(Operation.KEEP_AUDIO.wire())) {
                keep = op;
            }
        }
        Matcher voice = Lexicon.get().kept(Lexicon.Kept.VOICE, written); // beside a noise taken out a remark, beside a mute impossible
        if (mute != null && keep == null && Part.ofEdit(mute) == null && voice.find()) {
            keep = Operation.KEEP_AUDIO.with(Map.of(), voice.group()); // "静音，但是人声要保留"
        }
        if (mute != null && keep != null) {
            throw Refusal.impossible("\"" + mute.source() + "\" and \"" + keep.source() + "\" ask to drop and to keep the sound, which is one track;"
                            + " say which one you want",
                    "“" + mute.source() + "”和“" + keep.source() + "”要求既去掉又保留声音（声音只有一条音轨），请说明想要哪一个");
        }
        EditOperation louder = ops.stream().filter(op -> Operation.VOLUME.is(op) && Part.ofEdit(op) == null && op.params().get("factor") instanceof Number n
                && n.doubleValue() > 1).findFirst().orElse(null);
        if (mute != null && louder != null && Part.ofEdit(mute) == null) {
            // "remove all the sound but make my voice louder": nothing is left to make louder
            throw Refusal.impossible("\"" + mute.source() + "\" and \"" + louder.source() + "\" ask to drop the sound and to make it louder; say which one you want",
                    "“" + mute.source() + "”和“" + louder.source() + "”要求既去掉声音又调大声音，请说明想要哪一个");
        }
        List<EditOperation> kept = ops.stream().filter(PromptInterpreter::keepsAPart).toList();
        if (kept.size() > 1) {
            // "keep the first 10 seconds and the last 5": read one after the other, the second would keep a part of the first
            String first = kept.get(0).source();
            String second = kept.get(1).source();
            throw Refusal.impossible("\"" + first + "\" and \"" + second + "\" keep two parts; the local engine keeps one part of a video, so"
                            + " say what to cut out between them (e.g. \"cut 0:20 to 0:40\") or which part to keep",
                    "“" + first + "”和“" + second + "”要保留两段；本地引擎只保留视频的一段，请说明要剪掉中间哪一段（例如“剪掉0:20到0:40”）或保留哪一段");
        }
    }

    /** A selection that keeps a part and throws the rest away: a range or the first seconds kept, the last kept, a half kept. */
    private static boolean keepsAPart(EditOperation op) {
        return Operation.TRIM.is(op) && (op.params().containsKey("duration") || op.params().containsKey("half")) || Operation.TRIM_LAST.is(op);
    }

    /**
     * The same edit in two wordings is one ("black and white, monochrome", "more colourful and more saturated"); two
     * amounts of one adjustment in the same direction are one, the explicit amount winning over a vague one and the
     * stronger vague one over the weaker; opposite directions of one adjustment contradict each other and are refused.
     */
    /** Words that say a time is where the video ends ("end it at 0:10", "keep everything before 20 seconds"). */
    private static final Pattern END_POINT = Pattern.compile("\\b(?:end|ends|ending|stop|stops|finish|finishes|before|until|till|up\\s+to)\\b|之后|以后"
            + "|\\b(?:everything|anything|all)\\s+(?:after|past)\\b"); // "cut everything before 1:42 and everything after 3:10"

    /**
     * A start and an end said apart ("start it at 0:05 and end it at 0:10", "cut the first 2 seconds, and end at 0:15"):
     * both are times of the source, so they are one span of it, not an end counted from the new start (trims apply in
     * plan order). Null when the two trims are not a start and an end.
     */
    private static EditOperation startAndEnd(EditOperation a, EditOperation b) {
        EditOperation start = startOnly(a) ? a : startOnly(b) ? b : null;
        EditOperation end = start == a ? b : a;
        if (start == null || !Operation.TRIM.is(end) || !end.params().containsKey("duration")
                || ((Number) end.params().get("start")).doubleValue() != 0 || !END_POINT.matcher(end.source()).find()) {
            return null;
        }
        double from = ((Number) start.params().get("start")).doubleValue();
        double to = ((Number) end.params().get("duration")).doubleValue();
        if (to <= from) {
            throw Refusal.impossible("\"" + start.source() + "\" and \"" + end.source() + "\" keep nothing: the end comes before the start",
                    "“" + start.source() + "”和“" + end.source() + "”没有保留任何内容：结束时间早于开始时间");
        }
        return Operation.TRIM.with(Map.of("start", from, "duration", Rule.round(to - from)), start.source() + ", " + end.source());
    }

    /** Words that say how long the video should be, not which seconds to keep: "30 seconds long", "max 30s", 时长60秒. */
    private static final Pattern LENGTH_SAID = Pattern.compile("\\b(?:long|max|maximum|at\\s+most|under|no\\s+longer|length|duration)\\b|时长|长度|以内|不超过|最多|只(?:要|留|保留)\\s*\\d");

    /**
     * A start and a length said apart ("start at the 12 second mark and make it 30 seconds long", "Trim to 30s max. Start
     * from 0:05", 从第20秒开始，保留1分钟): one span of that length from that start. Said start first, the two trims in
     * plan order keep the same seconds; said length first, only words of a length make it one ("keep the first 10
     * seconds, then cut the first 2" keeps 2 to 10). Null otherwise.
     */
    private static EditOperation startAndLength(EditOperation earlier, EditOperation later, String written) {
        EditOperation start = startOnly(earlier) ? earlier : startOnly(later) ? later : null;
        EditOperation length = start == earlier ? later : earlier;
        if (start == null || !Operation.TRIM.is(length) || !length.params().containsKey("duration") || ((Number) length.params().get("start")).doubleValue() != 0
                || start == later && !LENGTH_SAID.matcher(written).find()) { // (the length's words may be rewritten by now)
            return null;
        }
        return Operation.TRIM.with(Map.of("start", start.params().get("start"), "duration", length.params().get("duration")), start.source() + ", " + length.source());
    }

    private static boolean startOnly(EditOperation op) {
        return Operation.TRIM.is(op) && !op.params().containsKey("duration") && ((Number) op.params().get("start")).doubleValue() > 0;
    }

    /** How much an encoding says: a file size (2), a quality (1), nothing but the container (0). */
    private static int encodingRank(EditOperation encode) {
        return encode.params().containsKey("max_mb") ? 2 : encode.params().containsKey("crf") ? 1 : 0;
    }

    private static List<EditOperation> merged(List<EditOperation> ops, String written) {
        List<EditOperation> out = new ArrayList<>();
        for (EditOperation op : ops) {
            int same = -1;
            for (int i = 0; i < out.size(); i++) {
                if (out.get(i).op().equals(op.op())) {
                    same = i;
                }
            }
            if (same < 0) {
                out.add(op);
                continue;
            }
            EditOperation earlier = out.get(same);
            EditOperation again = OverlayRules.placedAgain(earlier, op);
            if (again != null) {
                out.set(same, again);
                continue;
            }
            EditOperation next = OverlayRules.inTheSamePlace(earlier, op);
            if (next != null) {
                out.add(next);
                continue;
            }
            EditOperation span = !Operation.TRIM.is(op) ? null : startAndEnd(earlier, op) != null ? startAndEnd(earlier, op) : startAndLength(earlier, op, written);
            if (span != null) {
                out.set(same, span);
                continue;
            }
            if (!Objects.equals(Part.ofEdit(earlier), Part.ofEdit(op))) {
                if (Part.ofEdit(op) == null && op.source() != null && AMOUNT_ONLY.matcher(op.source()).matches()) {
                    // "that trick in slow motion, half speed": how much of the edit of the part
                    Map<String, Object> params = new LinkedHashMap<>(earlier.params());
                    params.putAll(op.params());
                    out.set(same, new EditOperation(earlier.op(), params, earlier.source() + ", " + op.source()));
                } else {
                    out.add(op); // "slow it down, and slow the last 3 seconds down more": edits of different parts
                }
                continue;
            }
            if (earlier.params().equals(op.params())) {
                if (Objects.equals(earlier.source(), op.source()) && saidTwice(written, op.source())) {
                    out.add(op); // "reverse it, then reverse it": the same words said twice ask twice
                }
                continue; // "black and white, monochrome": two wordings of one edit
            }
            if (op.op().equals(Operation.ASPECT.wire())) {
                // a frame has one shape: cropping to one ratio and then another loses more than either asks
                if (!earlier.params().get("ratio").equals(op.params().get("ratio"))) {
                    throw Refusal.impossible("\"" + earlier.source() + "\" and \"" + op.source() + "\" ask for two aspect ratios; say which one you want",
                            "“" + earlier.source() + "”和“" + op.source() + "”要求了两种画面比例，请说明想要哪一个");
                }
                if ("pad".equals(op.params().get("fit"))) {
                    out.set(same, op); // "make it 9:16 … 9:16 with black bars": the bars were asked for
                }
                continue;
            }
            if (Operation.ENCODE.is(op)) {
                // "compress it so I can email it, has to be under 25MB": a size says how much; a plain "compress" or
                // "as mp4" adds nothing to it (two encodings of one file cannot both hold)
                if (encodingRank(op) > encodingRank(earlier) || encodingRank(op) == 2 && encodingRank(earlier) == 2
                        && ((Number) op.params().get("max_mb")).doubleValue() < ((Number) earlier.params().get("max_mb")).doubleValue()) {
                    out.set(same, op);
                }
                continue;
            }
            if (op.op().equals(Operation.LOOP.wire()) && isQuantified(op) != isQuantified(earlier)) {
                // "play it over and over, 5 times in a row": the number says how often the loop asked for plays
                if (isQuantified(op)) {
                    out.set(same, op);
                }
                continue;
            }
            int a = direction(earlier);
            int b = direction(op);
            if (a == 0 || b == 0) {
                out.add(op);
            } else if (a != b) {
                if ((isQuantified(earlier) || isQuantified(op)) && !cancelOut(earlier, op)) {
                    out.add(op); // "speed up 2x, then slow it down to 0.75x": said on purpose
                    continue;
                }
                throw Refusal.impossible("\"" + earlier.source() + "\" and \"" + op.source() + "\" ask for opposite changes of "
                                + op.op() + "; say which one you want",
                        "“" + earlier.source() + "”和“" + op.source() + "”对" + op.op() + "的要求相反，请说明想要哪一个");
            } else if (isQuantified(earlier) && isQuantified(op)) {
                out.add(op);
            } else if (isQuantified(op) || !isQuantified(earlier) && magnitude(op) > magnitude(earlier)) {
                out.set(same, op);
            }
        }
        return out;
    }

    /** Two speeds of one part that undo each other (第10到20秒加速两倍，同时这段也要慢放一半): no one asks that on purpose. */
    private static boolean cancelOut(EditOperation a, EditOperation b) {
        return Operation.SPEED.is(a) && a.params().get("factor") instanceof Number x && b.params().get("factor") instanceof Number y
                && Math.abs(x.doubleValue() * y.doubleValue() - 1) < 1e-9;
    }

    /**
     * Whether the user wrote these words twice; the source is the canonical wording, so "倒放，反着播放" (two wordings
     * rewritten to one) is not a repeat.
     */
    private static boolean saidTwice(String written, String source) {
        if (source == null || source.isBlank()) {
            return false;
        }
        int first = written.indexOf(source);
        return first >= 0 && written.indexOf(source, first + source.length()) >= 0;
    }

    /** +1 or -1 for an adjustment that goes up or down, 0 for anything else. */
    private static int direction(EditOperation op) {
        Operation operation = Operation.of(op);
        Object v = op.params().get(switch (operation) {
            case BRIGHTNESS -> "amount";
            case CONTRAST, SATURATION, VOLUME, SPEED, ZOOM -> "factor";
            case BLUR, SHARPEN, GRAIN, VIGNETTE -> "strength";
            case TEMPERATURE -> "tone";
            default -> ""; // not an adjustment with a direction
        });
        if (v instanceof String tone) {
            return tone.equals("warm") ? 1 : -1;
        }
        if (!(v instanceof Number n)) {
            return EnumSet.of(Operation.BLUR, Operation.SHARPEN, Operation.GRAIN, Operation.VIGNETTE, Operation.DENOISE)
                    .contains(operation) ? 1 : 0;
        }
        double neutral = EnumSet.of(Operation.BRIGHTNESS, Operation.BLUR, Operation.SHARPEN, Operation.GRAIN, Operation.VIGNETTE)
                .contains(operation) ? 0 : 1;
        return Double.compare(n.doubleValue(), neutral);
    }

    private static double magnitude(EditOperation op) {
        for (String key : List.of("amount", "factor", "strength")) {
            if (op.params().get(key) instanceof Number n) {
                return key.equals("factor") ? Math.abs(Math.log(n.doubleValue())) : Math.abs(n.doubleValue());
            }
        }
        return 0;
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
            if (!a.op().equals(b.op()) || isQuantified(a) == isQuantified(b) || FrameRules.isFitOnly(a) || FrameRules.isFitOnly(b)) {
                continue; // "9:16 上下加黑边": how the ratio is met is no second phrasing of the ratio
            }
            kept.remove(isQuantified(a) ? i : i - 1);
        }
        return kept;
    }

    private static boolean isQuantified(EditOperation op) {
        if (op.source() == null) {
            return false;
        }
        String words = TIMES_SAID.matcher(SLIGHT_WORDS.matcher(op.source().toLowerCase(Locale.ROOT)).replaceAll(" ")).replaceAll(" ");
        return QUANTITY.matcher(words).find();
    }

    /** Where an edit applies, which says nothing of how much: "from 0:12 to 0:18", "the last 5 seconds", 第3到5秒. */
    private static final Pattern TIMES_SAID = Pattern.compile("(?:from|between|after|until|the\\s+(?:first|last))?\\s*\\d+(?::\\d{2})?\\s*(?:s\\b|secs?\\b|seconds?\\b|秒)?"
            + "\\s*(?:to|-|–|and|until|till|到|至)\\s*\\d+(?::\\d{2})?\\s*(?:s\\b|secs?\\b|seconds?\\b|秒)?|\\b(?:at|from|after|until)\\s+\\d+:\\d{2}");

    private static boolean isComplaint(EditOperation op) {
        // the words a text shows are not the user's (加字幕「我太难了」 complains of nothing)
        // nor is a remark joined after a request's own words ("音量调小 最后15秒, 观众太吵了": the request is its first part)
        if (op.source() == null) {
            return false;
        }
        String said = op.params().containsKey("text") ? Quotes.outsideQuotes(op.source()) : op.source();
        int joined = said.indexOf(", ");
        if (joined > 0 && Lexicon.get().isImperative(said.substring(joined + 2))) {
            return false; // "the first 10 seconds are too quiet, turn it up there": the complaint, then its request
        }
        Matcher complaint = COMPLAINT.matcher(joined > 0 ? said.substring(0, joined) : said);
        // …and an amount said after the complaint asks for it: "整体太快了 放慢到0.75倍就行"
        return complaint.find() && !QUANTITY.matcher(said.substring(complaint.end())).find();
    }

    /** The refusal of an edit only a generative model can make, naming the engine that can. */
    static VeditException generative(String words) {
        return Refusal.generative(List.of(words));
    }

    private void refuseIfAny(List<String> generative, List<String> notUnderstood) {
        if (!generative.isEmpty()) {
            throw Refusal.generative(generative); // the router sends these to a generative engine: say only that
        }
        if (!notUnderstood.isEmpty()) {
            throw Refusal.notUnderstood("the local engine does not understand " + quote(notUnderstood, "\"", "\""),
                    "本地引擎无法理解" + quote(notUnderstood, "“", "”"), lexicon.closest(String.join(" ", notUnderstood)));
        }
    }

    private static String quote(List<String> phrases, String open, String close) {
        return phrases.stream().map(p -> open + p + close).reduce((a, b) -> a + ", " + b).orElse("");
    }

    /**
     * The one figure a clause names by number, if it names exactly one: "add the logo from Figure 1 as a watermark",
     * 把背景换成图1那张海边的照片 say the image twice, once without its number.
     */
    static Integer onlyFigureNamed(String clause) {
        Integer named = null;
        Matcher m = IMAGE_REFERENCE.matcher(clause);
        while (m.find()) {
            int figure = figureOf(m);
            if (named != null && named != figure) {
                return null;
            }
            named = figure;
        }
        return named;
    }

    /** The figure an {@link #IMAGE_REFERENCE} match names: by number, by order, or by a Chinese numeral. */
    private static int figureOf(Matcher m) {
        return m.group("n") != null ? (int) Numbers.parse(m.group("n")) : m.group("ord") != null ? ORDINALS.indexOf(m.group("ord")) + 1
                : (int) Numbers.parse(m.group("cn") != null ? m.group("cn") : m.group("cn2"));
    }

    /** Words of correction between two figures: "image 3 as the outro — sorry, image 4", 片尾放图3 啊不对 是图2. */
    private static final Pattern FIGURE_CORRECTED = Pattern.compile("\\b(?:sorry|no\\s+wait|wait|i\\s+mean|actually|correction|oops|nah|no)\\b|不对|不是|说错|搞错|打错|写错|唔系|哦不|啊不|算了");

    /** Whether the figure named before {@code from} is corrected by the next one named (which is then checked in its place). */
    private static boolean correctedByNext(String lower, int from) {
        Matcher next = IMAGE_REFERENCE.matcher(lower);
        return next.find(from) && next.start() - from <= 40 && FIGURE_CORRECTED.matcher(lower.substring(from, next.start())).find();
    }

    /** Refuses a reference to an image that was not given, wherever it stands, before anything else. */
    private static void checkImageReferences(String original, String lower, Quotes quotes, int imageCount) {
        Matcher m = IMAGE_REFERENCE.matcher(lower);
        while (m.find()) {
            int figure = figureOf(m);
            String words = quotes.restore(original.substring(m.start(), m.end())).strip();
            int end = m.end();
            if ((figure < 1 || figure > imageCount) && !correctedByNext(lower, end)) {
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
    static List<Rule> rules() {
        List<Rule> r = new ArrayList<>();
        r.addAll(OverlayRules.rules()); // quotes and figures first: their words belong to them
        r.addAll(TimeRules.partRules()); // before sound and trims: in "mute the last 2 seconds" the part is no trim
        r.addAll(SoundRules.rules());
        r.addAll(TimeRules.rules()); // time ranges before aspect ratios: "1:30" is a time
        r.addAll(FrameRules.rules()); // before speed: in "upscale 2x" the "2x" is not a speed
        r.addAll(TimeRules.speedRules());
        r.addAll(ColourRules.rules());
        return List.copyOf(r);
    }
}
