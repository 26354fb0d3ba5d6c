package dev.vedit.server.engine.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The quoted texts of a prompt ("add the title 'Summer, 2024'", 加字幕“你好，世界”). Each is replaced by one
 * private-use character before clauses are split, so its commas, "and"s and words are never read as edits;
 * a text rule turns the character back into the words.
 */
final class Quotes {
    static final char FIRST = '\uE000';
    static final char LAST = '\uE0FF';
    /**
     * A text written without quotes (group 1), up to the clause's end, a place ("at the top"), what it is shown as ("as a
     * caption"), or "and"/"then" before the verb of an edit: "caption: hi and make it black and white" is a caption and
     * an edit, "Tom and Jerry" one text.
     */
    /** Where a text goes, said after it: 加字幕：生日快乐 王奶奶80大寿 放在下面 (its words end before it). */
    static final String PLACE_SAID_LAST_ZH = "\\s*(?:放在|放到|放|在)(?:屏幕|画面|视频)?的?"
            + "(?:正?下面|下方|底部|最下面|上面|上方|顶部|最上面|正?中间|中央|左上角|右上角|左下角|右下角)(?:就行|就好|吧)?\\s*";
    /** The colours a text may be drawn in, as people name them. */
    private static final String COLOURS = "golden|grey|" + String.join("|", Overlays.TEXT_COLOURS.keySet());
    /** How the words are lettered, said between them and their place: "in big letters", "in bold", "in red". */
    private static final String LETTERING = "(?i:in\\s+(?:(?:big|large|huge|giant|bold|small|block|capital)\\s+)*(?:(?:" + COLOURS + ")\\s+)?(?:letters|font|text|type|capitals)"
            + "|in\\s+(?:bold|caps|all\\s+caps|capitals)|in\\s+(?:(?:big|large|bold|small)\\s+)?(?:" + COLOURS + "))";
    /** After a comma, one to three capitalised words, no edit's, and the sentence's end: the rest of a place's or a greeting's name. */
    private static final String CAPITALS_TO_THE_END = "(?=\\s*(?!(?i:mute|make|add|cut|trim|slow|speed|fade|loop|reverse|blur|zoom|rotate|flip|mirror|crop|keep"
            + "|remove|black|sepia|brighten|darken|denoise|stabili[sz]e|sharpen|louder|quieter|also|and|then|please|pls|thanks?)\\b)\\p{Lu}\\p{L}*(?:\\s+\\p{Lu}\\p{L}*){0,2}\\s*(?:$|[.!?;]))";
    private static final String HOURS_TO_THE_END = "(?=\\s*\\d{1,2}(?::\\d{2})?\\s*(?i:am|pm)?\\s*[-–—~]\\s*\\d{1,2}(?::\\d{2})?\\s*(?i:am|pm)\\s*(?:$|[.!?;]))";
    private static final String UNQUOTED_TEXT = "([^\\s,，。.;；!！?？\\n\"“”'‘’「」『』《》\\uE000-\\uE0FF](?:[^,，。;；!！?？\\n\"“”「」『』《》\\uE000-\\uE0FF]"
            // a comma between thousands is the number's ("$18,900"), not the text's end
            + "|(?<=\\d),(?=\\d{3}(?!\\d))"
            // …nor one before a capitalised word or two that end the sentence: "Kyoto, Japan", "Hello, World", or before the
            // hours that end it: "Open 7 days, 8am–6pm"
            + "|," + CAPITALS_TO_THE_END + "|," + HOURS_TO_THE_END + ")*?)"
            + "(?=\\s+(?i:at|in|on)\\s+the\\s+(?i:top|bottom|middle|centre|center|upper|lower|left|right)\\b"
            // …or what is said of the words after them: their colour, a place without "the", a time ("happy anniversary mom and
            // dad in white at the bottom", "Day 30 center white", "GG EZ at 0:42 for 2 sec", "@me the whole time")
            + "|\\s+" + LETTERING + "(?![\\p{L}])"
            + "|\\s+(?i:(?:at|in|on)\\s+)?(?i:(?:top|bottom|upper|lower)[\\s-]+(?:left|right)(?:\\s+corner)?|(?:centre|center|middle)(?=\\s*$|\\s*[,，.]|\\s+(?:" + COLOURS + "|in|at|for|from)\\b))(?![\\p{L}])"
            + "|\\s+(?i:(?:at|from|starting\\s+at|until|till)\\s+\\d|for\\s+(?:the\\s+(?:first|last)\\s+)?\\d+(?:\\.\\d+)?\\s*(?:s|secs?|seconds?)\\b)"
            + "|\\s+(?i:the\\s+(?:whole|entire)\\s+(?:time|video|clip|way\\s+through)|throughout|all\\s+the\\s+way\\s+through)\\b"
            + "|" + PLACE_SAID_LAST_ZH + "[。.!！]?\\s*$"
            + "|\\s+(?i:as\\s+(?:an?|the)\\s+(?:big\\s+|small\\s+|bold\\s+)?(?:caption|title|subtitle|heading|headline|banner|text|watermark|label))(?=\\s*(?:$|[,，。.;；!！?？\\n]))"
            // …and "and then", "and um" before the verb, as people dictate: "says happy birthday grandma and then make it warmer"
            + "|\\s+(?i:and|then)(?:\\s+(?i:then|also|um+|uh+|like|please|pls|just|maybe))*\\s+(?i:make|add|turn|speed|slow|mute|cut|trim|crop|rotate|flip|mirror|remove|change"
            + "|convert|put|apply|fade|loop|repeat|reverse|blur|sharpen|brighten|darken|increase|decrease|reduce|lower|raise|boost"
            + "|zoom|set|keep|use|give|stabili[sz]e|denoise|export|resize|scale|play|show|display|write|insert|include|overlay|place)\\b"
            // …or a sentence's end before a request ("Price tag: $24.99. Keep it up the whole video"; "Dr. Anita" goes on)
            + "|\\.\\s+(?=(?i:keep|make|add|put|show|display|also|and|then|please|pls|can|could|mute|remove|cut|trim|leave|have)\\b)"
            // …or after a number, before any word: "12/03/2024. My mum wants to know…"
            + "|(?<=\\d)\\.\\s+(?=\\p{L})"
            + "|\\s*(?:,(?!(?<=\\d,)\\d{3}(?!\\d))(?!" + CAPITALS_TO_THE_END + ")(?!" + HOURS_TO_THE_END + ")|[，。;；!！?？\\n])|\\s*\\.?\\s*$)";
    /** A reference image named where the words would be ("intro: figure 1", "end card: the second image") is no text. */
    private static final String NO_IMAGE = "(?!(?i:(?:the\\s+)?(?:first|second|third|fourth|\\d(?:st|nd|rd|th))\\s+(?:image|picture|photo|figure|pic)"
            + "|(?:image|figure|fig|picture|photo|pic|img)\\s*\\.?\\s*\\d)\\b|图\\s*\\d|第[一二三四五\\d]张)";
    /** …nor is a card's value that names one a little further on ("end card: our logo (image 1) for 5 seconds"). */
    private static final String IMAGE_AHEAD = "(?![^,，。;；!！?？\\n]{0,40}?(?:(?<![\\p{L}])(?i:image|figure|fig|picture|photo|pic|img)\\s*\\.?\\s*\\d\\b|图\\s*\\d))";
    /** Straight and typographic quotes, CJK corner brackets and book-title marks; an apostrophe between letters stays in a single-quoted text ('Mama Chen's Noodles'). */
    private static final Pattern QUOTED = Pattern.compile(
            "\"([^\"]*)\"|“([^”]*)”|‘([^’]*)’|「([^」]*)」|『([^』]*)』|《([^》]*)》|(?<![\\p{IsLatin}\\p{N}])'((?:[^']|(?<=\\p{L})'(?=\\p{L}))*)'(?![\\p{IsLatin}\\p{N}])");
    /**
     * The words after a colon that follows a caption or title word, or a card and a few words of where ("a title card
     * before it starts: Summer Camp"), up to the clause's end or a place ("加字幕：你好世界", "caption: Hello world at the
     * top"): people write them without quotes as often as with them. Read after the quotes, so a quoted text after the
     * colon is already one mark and stays one. It ends where {@link #UNQUOTED_TEXT} says.
     */
    /**
     * A text named by what it is, in a word or two before a noun that only a text is ("copyright line", "score graphic",
     * "discount code", "opening hours", "the location"): never an edit's verb or a list's heading.
     */
    /** The corners and edges a Chinese prompt puts a text at, said before a colon: 价格标签放右下角：… */
    private static final String ZH_PLACES = "右上角|左上角|右下角|左下角|上方|下方|顶部|底部|中间|正中间";
    static final String TEXT_NAMED = "(?:(?!(?:remove|delete|blur|hide|cover|erase|change|replace|translate|fix|edit|edits|no|not|don't|dont)\\b)[a-z]+\\s+){0,2}?"
            + "(?:line|graphic|code|label|tag|banner|stamp|location|hours|credits?|lyrics?|slogan|tagline|hashtags?|handle|score|price|date|address|phone(?:\\s+number)?|website|quote|name|overlay)s?";
    private static final Pattern AFTER_COLON = Pattern.compile(
            "(?:(?:字幕|标题|文字|文案|地址|价格标签|价格|票价|比分牌?|电话|日期(?:和地点)?|地点|标签|字卡|名字条|人名条|姓名条|名牌)(?:放在?|在)?(?:" + ZH_PLACES + ")?|(?:(?<![\\p{IsHan}])|(?<=[的色红黄白黑蓝绿紫橙粉金灰小大]))字(?=\\s{0,3}[:：])|(?<![\\p{L}])(?i:caption|title|subtitle|text|headline|price\\s+tag|name\\s+(?:card|tag)|date\\s+stamp|lower\\s+third|" + TEXT_NAMED + ")(?:\\s+to\\s+(?i:add|show|put|display))?(?:\\s+(?i:for)\\s+(?i:the\\s+|our\\s+|my\\s+)?(?i:speaker|host|guest|presenter|interviewee|coach|teacher|bride|groom|ceo|owner))?"
                    + "(?:\\s+(?:(?i:at|in|on)\\s+(?:the\\s+)?)?(?i:(?:top|bottom|upper|lower)(?:[\\s-]+(?:right|left))?|middle|center|centre)(?:\\s+corner)?)?(?:\\s+(?i:please|pls|plz))?)"
                    + "\\s{0,3}[:：]\\s{0,3}" + NO_IMAGE + UNQUOTED_TEXT
                    // "a title card before it starts: Summer Camp": a card, and a few words of where, before the colon; what
                    // follows is a request, not the card's words, when it opens with a verb ("end card: show the second image")
                    // ("vlog intro edits:" over a list is a heading: its words name edits, and a list item is no card's words;
                    // "my vlog intro is a mess: the sound's too quiet" describes the intro, and what follows is no card's words)
                    + "|(?<![\\p{L}])(?i:title\\s+card|card|intro|outro|end\\s+screen)(?:\\s+(?!(?i:edits?|changes?|notes?|requests?|tweaks?|fixes|list|todo|is|are|was|were|looks?|seems?|feels?|sounds?)\\b)(?i:[a-z]+)){0,4}?"
                    + "\\s{0,3}[:：]\\s{0,3}" + NO_IMAGE + IMAGE_AHEAD
                    + "(?!(?i:show|use|put|add|play|display|insert|place|hold|freeze|fade|make|keep)\\b|[-–—*•·▪►]\\s|\\d{1,2}[.)]\\s)" + UNQUOTED_TEXT);

    /**
     * The words after "saying", "that says", "that reads" following a caption, title, watermark or card word, or its
     * place ("add a caption that says hello world at the top", "a title card at the beginning that says our trip"),
     * ending where {@link #UNQUOTED_TEXT} says.
     */
    private static final Pattern SAYING = Pattern.compile(
            "(?<![\\p{L}])(?i:caption|title|subtitle|text|headline|heading|watermark|label|banner|card|slide|intro|outro|screen|lower\\s+third)s?"
                    + "(?:\\s+(?i:at\\s+the\\s+(?:very\\s+)?(?:beginning|start|end|top|bottom)))?\\s+"
                    + "(?i:(?:that|which)\\s+(?:just\\s+|only\\s+|simply\\s+)?(?:says|reads)|saying|reading|with\\s+the\\s+(?:text|words?))\\s+"
                    + UNQUOTED_TEXT);

    /**
     * Words written with a capital and no quotes right after a caption word ("add the title Our Trip to Rome"), or after
     * "put"/"write" and before a place ("put Fresh sourdough every Saturday at the bottom"): the capital marks the text
     * where people leave out the quotes. After "put" never an object ("put The logo …"), and never an image ("Figure 1");
     * the caption word itself in lower case (in "Add The Title Our Trip" every word has a capital, which marks nothing),
     * and not in a prompt written in capitals throughout.
     */
    private static final String CAPITALISED = "(?=\\p{Lu})" + NO_IMAGE;
    /** How the words are lettered, said between them and their place: "in big letters", "in bold". */

    /** A text up to where it goes, its lettering said between them. */
    private static final String PLACED_TEXT = "([^\\s,，。.;；!！?？\\n\"“”'‘’「」『』《》\\uE000-\\uE0FF][^,，。;；!！?？\\n\"“”「」『』《》\\uE000-\\uE0FF]{0,60}?)"
            + "(?=\\s+" + LETTERING + "\\s*(?:$|[,.;!?])|(?:\\s+" + LETTERING + ")?\\s+(?i:(?:at|in|on|across|along)\\s+the\\s+(?:very\\s+)?(?:top|bottom|middle|centre|center|upper|lower|left|right)"
            + "|(?:top|bottom|upper|lower)[\\s-]+(?:left|right)|(?:centre|center|middle)(?=\\s*$|\\s*[,，.]|\\s+(?:" + COLOURS + ")\\b))\\b)";
    private static final Pattern CAPITALISED_TEXT = Pattern.compile(
            "(?<![\\p{L}])(?:caption|title|subtitle|headline|heading|text|(?:the\\s+)?words?)\\s+" + CAPITALISED + "(?!(?i:at|in|on|to|for|with|from|card|slide)\\b)" + UNQUOTED_TEXT
                    + "|(?<![\\p{L}])(?i:put|write|place|stick|slap|type)\\s+" + CAPITALISED
                    + "(?!(?i:the|a|an|my|our|your|this|that|these|those|it|its|his|her|their|some|logo|subtitles?|captions?|music|sound|audio"
                    + "|watermark|everything|all|black|white|sepia|slow|fast)\\b)"
                    + PLACED_TEXT
                    // "add the text happy birthday grandma at the bottom in yellow": after the text word, any case
                    + "|(?<![\\p{L}])(?i:add|put|write|show|display|type|overlay)\\s+(?i:the\\s+|a\\s+)?(?i:text|words?|caption|title|subtitle|heading)\\s+"
                    + "(?!(?i:that|which|saying|reading|at|in|on|to|for|with|from|card|slide|about|of|the|a|an|it|and|then|please)\\b)" + PLACED_TEXT);
    /**
     * A handle or hashtag, or several in a row ("add my instagram @bakedbyjess", "#SummerVibes #RoadTrip", 右下角加我的抖音号@小林做饭):
     * shown as written, so one text
     * whether quoted or not. A letter in it ("#12" is a number, "@3s" a time), and words before it: "#vintage" opening a
     * prompt is a tag that names an edit.
     */
    private static final String ONE_HANDLE = "(?:@(?=[\\p{L}_])|#(?=[\\p{N}_]*\\p{L}))[\\p{L}\\p{N}_]+(?:\\.[\\p{L}\\p{N}_]+)*";
    /** …and a web address written bare ("put twitch.tv/ghostfang top right"), one text as well. */
    private static final String ADDRESS = "(?:https?://)?(?:www\\.)?[a-z0-9-]+(?:\\.[a-z0-9-]+)*\\.(?:com|co|net|org|io|tv|gg|me|cn|app|shop|store|uk|au|ca)(?:/[\\w./-]*)?(?![\\w])";
    private static final Pattern HANDLE = Pattern.compile("(?<=\\S\\s|\\p{IsHan})(?<![\\p{L}\\p{N}._@#/])(" + ONE_HANDLE + "(?:\\s+" + ONE_HANDLE + ")*|(?i:" + ADDRESS + "))");
    /**
     * A value said bare after what it is: "put the score 3 - 1 in the top-right corner", "phone number 0412 555 890 bottom
     * right", "our website www.x.com", 比分2:1. It starts with a digit, a currency sign or "www.", so no word of a request.
     */
    private static final Pattern VALUE = Pattern.compile("(?:(?<![\\p{L}])(?i:(?:score|date|price|phone(?:\\s+number)?|website|url|web\\s+address)(?:\\s+(?:stamp|tag))?"
            // a corner said between: "date stamp bottom right 12.08.1998"
            + "(?:\\s+(?:in\\s+the\\s+|at\\s+the\\s+)?(?:top|bottom|upper|lower)[\\s-]+(?:right|left)(?:\\s+corner)?(?=\\s+\\d))?)|(?:价格|价钱|售价|日期|比分)(?=\\s|[:：]|[¥￥$]))"
            + "\\s*[:：]?\\s*(?=[$€£¥￥(]?\\d|(?i:www)\\.)"
            // its words, and the next while they go on with a digit or a sign: "3 - 1", "0412 555 890", "(555) 014-2290"
            + "([^\\s,，。;；!！?？\\uE000-\\uE0FF]*[^\\s,，。.;；!！?？\\uE000-\\uE0FF](?:\\s+(?=[\\d(+\\-–])[^\\s,，。;；!！?？\\p{IsHan}\\uE000-\\uE0FF]+)*)");
    private final List<String> texts = new ArrayList<>();
    private final List<String> written = new ArrayList<>();
    private final String masked;

    Quotes(String prompt) {
        String quoted = mask(QUOTED, prompt, false);
        quoted = quoted.indexOf('@') >= 0 || quoted.indexOf('#') >= 0 || quoted.indexOf('.') >= 0 ? mask(HANDLE, quoted, true) : quoted;
        quoted = mask(VALUE, quoted, true);
        String colon = quoted.indexOf(':') >= 0 || quoted.indexOf('：') >= 0 ? mask(AFTER_COLON, quoted, true) : quoted;
        String lower = colon.toLowerCase(Locale.ROOT);
        String saying = lower.contains("says") || lower.contains("saying") || lower.contains("reads") || lower.contains("reading")
                || lower.contains("with the") ? mask(SAYING, colon, true) : colon;
        masked = prompt.codePoints().anyMatch(Character::isLowerCase) ? mask(CAPITALISED_TEXT, saying, true) : saying;
    }

    /**
     * {@code text} with each match's text (its one group that matched) replaced by a new mark.
     *
     * @param bare the text has no quotes of its own: only it is masked, the caption word before it stays for the rules
     */
    private String mask(Pattern quote, String text, boolean bare) {
        Matcher m = quote.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find() && texts.size() <= LAST - FIRST) {
            int g = 1;
            while (m.group(g) == null) {
                g++;
            }
            String kept = bare ? m.group().substring(0, m.start(g) - m.start()) : "";
            m.appendReplacement(out, Matcher.quoteReplacement(kept + (char) (FIRST + texts.size())));
            // a text written bare ends at its words: "Dr. Amara Osei — lower left" leaves the dash to the place
            texts.add(bare ? m.group(g).replaceAll("[\\s—–\\-:：]+$", "").strip() : m.group(g).strip());
            written.add(bare ? m.group(g) : m.group());
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The prompt with each quoted text as one character. */
    String masked() {
        return masked;
    }

    /** The words inside the quote that {@code mark} stands for. */
    String text(char mark) {
        return texts.get(mark - FIRST);
    }

    /** {@code text} with every mark turned back into the quote as written. */
    String restore(String text) {
        if (!holdsMark(text)) {
            return text; // most clauses quote nothing
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= FIRST && c <= LAST && c - FIRST < written.size()) {
                out.append(written.get(c - FIRST));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * The text with each quoted span, marks included, turned into as many spaces, so what stands outside the words a text
     * shows keeps its place: a number or a complaint inside quotes is the text's, never the user's.
     */
    static String outsideQuotes(String text) {
        return QUOTED.matcher(text).replaceAll(m -> " ".repeat(m.group().length()));
    }

    static boolean holdsMark(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= FIRST && c <= LAST) {
                return true;
            }
        }
        return false;
    }
}
