package dev.vedit.server.engine.local;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Brings a prompt (its quoted texts already masked, so titles keep their case and width) to one form before any rule
 * reads it: half-width (NFKC), lower case, Simplified Chinese characters ({@link TraditionalChinese}), one kind of
 * apostrophe, hyphenated compounds resolved ("black-and-white", "grey-scale", "upside-down", "de-noise"), a dash
 * between clauses read as a comma, emoticons dropped, multiplication signs read as "x", contractions given their
 * apostrophe, typos of edit words corrected by edit distance against the {@link Lexicon}, dictated decimals and
 * minutes as digits and seconds, and finally every known variant rewritten to its canonical wording. The rules then
 * see only one spelling of each thing.
 */
final class PromptNormalizer {
    private static final Pattern WORD_HYPHEN = Pattern.compile("(\\p{L}+)-(?=\\p{L})");
    /** Circled numbers (①, ⑵, ❶) and bullets at a line's start. */
    private static final Pattern LIST_SIGN = Pattern.compile("[\u2460-\u2473\u2474-\u2487\u2776-\u277F\u2780-\u2793]|(?m)^\\s*[-–—*•·▪►]\\s+");
    /** "a 1-second fade", "a 30-sec clip": a number and its unit, hyphenated. */
    private static final Pattern NUMBER_HYPHEN = Pattern.compile("(?<=\\d)-(?=\\p{IsLatin})");
    /** A letter typed three or more times over ("soooo quiet", "pleeease", "toooo loud"). */
    private static final Pattern STRETCHED = Pattern.compile("(\\p{IsLatin})\\1{2,}");
    /** Words people stretch that keep a double letter or are not edit words ("too", "cool", "so", "way"). */
    private static final Set<String> STRETCHED_WORDS = Set.of("so", "too", "please", "pls", "plz", "way", "much",
            "very", "really", "more", "good", "cool", "bad", "long", "loud", "quiet", "slow", "fast", "dark", "yes", "no", "hi",
            "hey", "omg", "lol", "soon", "need", "all", "still", "well", "off");
    /** A dash between clauses, or a slash between words with spaces round it ("a bit soft / out of focus", "'A' 0:00-0:04 / caption 'B'"; not "1/2", "w/"). */
    private static final Pattern CLAUSE_DASH = Prefilter.guarded(Pattern.compile("(?<!\\d\\s{0,3})(?:\\s+[-\u2013\u2014]+\\s+|\\s*[\u2013\u2014]+\\s*)(?!\\s*\\d)"
            + "|(?<=[\\p{L}\\d\\x{E000}-\\x{E0FF}])\\s+/\\s+(?=[\\p{L}\\x{E000}-\\x{E0FF}])"
            // an em dash after a time and before words ends a clause too: "from 3:10 to 4:00 — could that part be…"
            + "|(?<=\\d)\\s*\u2014+\\s*(?=\\p{L})"));
    private static final Pattern EMOTICON = Prefilter.guarded(Pattern.compile("(?<![\\p{L}\\p{N}])[:;]-?[()dp](?![\\p{L}\\p{N}])|[\\x{1F300}-\\x{1FAFF}\\x{2600}-\\x{27BF}]"));
    /** Emoji between words end a sentence as a chat writes them ("filmed it sideways 🙄 rotate 90 clockwise", 太暗了😭帮我调亮). */
    private static final Pattern EMOJI_BREAK = Pattern.compile("(?<=[\\p{L}\\p{N}])\\s?[\\x{1F300}-\\x{1FAFF}][\\x{1F300}-\\x{1FAFF}\\x{2600}-\\x{27BF}]*(?=\\s+\\p{L}|\\p{IsHan})"); // 🤦‍♀️ is 🤦 and ♀
    /** "x2", "×2" after a space or at the start (not in a size, "1920 x 1080"): a multiple, as the rules read it ("2x"). */
    private static final Pattern TIMES_BEFORE = Pattern.compile("(?<![\\p{L}\\p{N}])(?<!\\d\\s)[x×]\\s?(\\d+(?:\\.\\d+)?)(?![\\p{L}\\p{N}:])");
    /** "2 ×", "1.5 x" (not "1920 x 1080", a size): a multiple, "2x". */
    private static final Pattern TIMES_SIGN = Pattern.compile("(\\d)\\s?×|(\\d)\\s+x(?![\\p{L}\\p{N}]|\\s*\\d)");
    /** A hedge between a preposition and its number ("by like 20%", "to about 2x", "from like two minutes"): the number is the amount. */
    private static final Pattern HEDGED_AMOUNT = Pattern.compile("\\b(by|to|at|for|with|from)\\s+(?:like|maybe|about|around|roughly|approximately|say)\\s+"
            + "(?=\\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|a\\s+few|half)\\b)");
    /** "around 0:12 to 0:16", "from about 1:20", "~0:48": a time said roughly is that time. */
    private static final Pattern HEDGED_TIME = Pattern.compile("(?:\\b(?:around|about|approximately|approx\\.?|roughly)\\s+|~\\s*)"
            + "(?=\\d{1,2}:\\d\\d|\\d+(?:\\.\\d+)?\\s*(?:s|secs?|seconds?)\\s+(?:to|-|until|till|and)\\b)"
            // 大概是第5秒到第12秒: a range said roughly is the range
            + "|(?:大概|大约|差不多|估计)(?:是|在)?(?=\\s*(?:从|在)?\\s*第?\\s*[\\d一二两三四五六七八九十]+(?:\\.\\d+)?\\s*(?:秒|分)[^,，。]{0,6}(?:到|至|-|~))");
    /**
     * Words that open a sentence and say nothing of the edit: "Honestly it's still too slow", "Okay so, …" ("actually"
     * may correct what came before: the interpreter reads it).
     */
    private static final Pattern OPENER = Prefilter.guarded(Pattern.compile("\\b(?:honestly|frankly|basically|literally|seriously|tbh"
            + "|to\\s+be\\s+honest|okay\\s+so|ok\\s+so|so\\s+yeah|um+|uh+)\\b,?\\s*"));
    /**
     * A problem said as a condition ("if it's too dark, brighten it", 如果太暗的话就调亮一点): the problem described, then
     * the request that answers it. The engine cannot look first; the user asks for the fix of a problem they expect.
     */
    private static final Pattern CONDITION = Pattern.compile("(?<=^|[,.;!?]\\s?)if\\s+(?=(?:it'?s|it\\s+(?:is|looks|seems|sounds)|the\\s+[a-z]+\\s+(?:is|are|looks?|seems?|sounds?))\\s)"
            + "|如果(?<zh>[^,.;!?，。；！？]{1,12}?)的话\\s*(?:那就|就|那)?");
    /** A request asked as whether a part can be so: "can the end be slower?", "could the first kiss (2:10 to 2:16) be in slow motion?". */
    private static final Pattern QUESTION_BE = Pattern.compile("\\b(?:can|could|would|should)\\s+(?<what>(?:the|this|that|it|its|\\d)[^?,.;!]{0,40}?)\\s+be\\s+(?!able\\b|done\\b|possible\\b|[a-z]+ed\\b)");
    /** An edit asked in the passive: "it just needs to be zoomed in 1.5x", "should be cropped to 4:5", "has to be muted". */
    private static final Pattern PASSIVE_ASKED = Pattern.compile("(?:(?<=^|[,.;:!?]\\s{0,3})|(?<=\\b(?:and|but|so|seconds|secs|part|bit|section|end|start|beginning|intro|outro|everything|all)\\s))"
            + "(?:(?:it|this|that|the\\s+(?:video|clip|footage|recording|file))\\s+)?"
            + "(?:(?:just|really|also|still|only|then)\\s+)?(?:needs?\\s+to|has\\s+to|have\\s+to|should|must|ought\\s+to|got\\s+to|gotta)\\s+be\\s+"
            + "(?<done>[a-z]{2,}(?:ed|d)|sped|cut|made|put|set)\\b");
    /** The same, wished: "I want that first 8 seconds and last 5 seconds are removed". */
    private static final Pattern WISHED_PASSIVE = Pattern.compile("\\b(?:i|we)\\s+(?:want|would\\s+like|need|wish)\\s+that\\s+(?<what>[^,.;!?]{1,60}?)\\s+"
            + "(?:is|are|be|get|gets|will\\s+be)\\s+(?<done>[a-z]{2,}(?:ed|d)|sped|cut|made)\\b");
    /** What may stand before an {@link #OPENER}: the start, or the end of a sentence or clause. */
    private static final Pattern SENTENCE_END = Pattern.compile("(?:^|[,.;!?])\\s*$");
    /** Numbers as dictation writes them: "one point five" is 1.5. */
    private static final Pattern SPOKEN_DECIMAL = Pattern.compile("\\b(zero|one|two|three|four|five|six|seven|eight|nine|ten|\\d+)\\s+point\\s+"
            + "(zero|one|two|three|four|five|six|seven|eight|nine|\\d+)\\b");
    /**
     * Minutes, alone or with seconds ("the first 20 minutes", "1 min 30 s", "1m5s", 1分30秒, 一分零五秒): seconds, which every
     * time rule reads. Not 第一分钟 said alone, the first minute (a part, read by the lexicon); 第1分钟到… is a time.
     */
    /**
     * Words that open what is said next, after a clock's seconds said with no unit in dictation ("from one minute ten to
     * one minute twenty I want that in slow motion"), so the number ends the time.
     */
    private static final String NEXT_WORDS = "(?:i|we|you|he|she|they|it|that|this|there|so|but|in|at|on|with|just|slow|speed|make|cut|keep|mute|fade"
            + "|zoom|blur|add|put|should|needs?|has|have|would|will|can|could|i'd|i'm|we're|it's|that's|um+|uh+)\\b";

    /** A minute and some seconds in words: "a minute and five seconds", "one minute twelve" (then a range's end or a stop). */
    private static final Pattern A_MINUTE_AND = Pattern.compile("\\b(?:a|one)\\s+minute\\s+(?:and\\s+)?(?!(?:a\\s+|one\\s+|three\\s+)?(?:half|quarters?)\\b)(?<s>" + Numbers.PATTERN + ")"
            + "(?:\\s*(?:seconds?|secs?)\\b|(?=\\s*(?:$|[,.;]|to\\b|and\\b|-|till\\b|until\\b)|\\s" + NEXT_WORDS + "))");
    /** A clock whose hours are none ("slow down 00:01:05 – 00:01:12"): its minutes and seconds, as most clocks are said. */
    private static final Pattern ZERO_HOURS = Pattern.compile("(?<![\\d:.])00:([0-5]\\d):([0-5]\\d)(?![\\d:])");
    /** The frame rate told ("视频是25帧", "it's 24 fps", "shot at 30fps"): frames named after it are seconds. */
    private static final Pattern RATE_TOLD = Pattern.compile("(?:(?:视频|原片|原视频|片子)(?:是|为)?\\s*|\\b(?:it'?s|it\\s+is|(?:the\\s+)?(?:video|clip|footage)(?:'s|\\s+is)|shot\\s+(?:at|in))\\s*)"
            + "(?<fps>\\d{2,3}(?:\\.\\d+)?)\\s*(?:帧|fps\\b|frames?\\s+(?:per|a)\\s+second)");
    /** A frame by its number, or frames counted from an edge: 第125帧, 前90帧, "on frame 240", "the first 12 frames". */
    private static final Pattern FRAMES_SAID = Pattern.compile("(?<zh>第|前|后|最后)\\s*(?<n>\\d+)\\s*帧|(?<on>\\b(?:on|at)\\s+)?\\bframe\\s+(?<n2>\\d+)\\b"
            + "|\\b(?<edge>first|last)\\s+(?<n3>\\d+)\\s+frames\\b");
    /** Minutes and seconds written with primes, 1'05'' or 1′05″ (NFKC makes ″ two ′): as 1分05秒, which {@link #MINUTES} reads. */
    private static final Pattern PRIMES = Pattern.compile("(?<![\\d.])(\\d{1,3})\\s*['′]\\s*(\\d{1,2}(?:\\.\\d+)?)\\s*(?:''|′′|\")");
    /** What follows a time's seconds said in Chinese words with no unit: anything but more of the number or its unit. */
    private static final String ZH_NUMBER_ENDS = "(?![一二两三四五六七八九十百千万零\\d.秒钟分])";
    private static final String ZH_SECONDS_BARE = "零?[一二两三四五六七八九十]{1,3}" + ZH_NUMBER_ENDS;
    /** A second said as an ordinal in Chinese words: 第十秒, 第十六秒 (第一秒 to 第九秒 are read by the rules as they are). */
    private static final Pattern ORDINAL_SECOND = Pattern.compile("(?<=第\\s?)([一二两三四五六七八九十百][零一二两三四五六七八九十百]{1,3}|十)(?=\\s*秒)");
    private static final Pattern HALF_MINUTE = Pattern.compile("(?<=[\\d一二两三四五六七八九十])分半钟?");
    private static final Pattern MINUTES = Pattern.compile("(?<![\\p{IsLatin}\\p{N}.])(?!(?<=(?<!到|至)[第头])[一1]\\s*分钟(?!\\s*(?:到|至|开始|起|之后|以后|后)))(?<m>" + Numbers.PATTERN + ")\\s*(?:(?:minutes?|mins?)\\b|m(?=\\s*\\d+(?:\\.\\d+)?\\s*s(?:ecs?|econds?)?\\b)"
            + "|分钟|分(?=\\s*零?\\s*(?:\\d+(?:\\.\\d+)?|[一二两三四五六七八九十]{1,3})\\s*秒)"
            // 1分05到1分10, 1分到1分30: a clock's minutes and seconds without 秒, or whole minutes before 到
            + "|分(?=\\d{2}(?![\\d.:]))|分(?=\\s*(?:到|至|-|~|—))"
            // 2分到3分: the range's end in whole minutes too
            + "|分(?<=(?:到|至|-|~|—)\\s{0,2}第?\\s{0,2}[\\d一二两三四五六七八九十]{1,3}分)(?![\\d钟之])"
            // 一分二十到一分三十五: the seconds in words, before where the range goes on or ends
            + "|分(?=" + ZH_SECONDS_BARE + "))"
            + "(?:\\s*(?:and\\s+)?零?\\s*(?<s>[0-5]?\\d(?:\\.\\d+)?(?![\\d.])|(?<=[分零\\s])[一二两三四五六七八九十]{1,3})\\s*(?:seconds?|secs?|s\\b|秒钟?|(?<=分\\d{2})"
            + "|(?<=分零?[一二两三四五六七八九十]{1,3})(?=" + ZH_NUMBER_ENDS + ")))?");
    /**
     * A clock said in words, its seconds with no unit where a time ends ("from one minute ten to one minute forty", "at
     * the 1 minute 12 mark"); with a unit ("two minutes five seconds") {@link #MINUTES} reads the digits only.
     */
    private static final Pattern MINUTES_SAID = Pattern.compile("(?:\\b(?<m>" + Numbers.PATTERN + ")\\s*(?:minutes?|mins?)|(?<!\\b(?:a|one)\\s)\\bminute\\s+(?<m2>" + Numbers.PATTERN + "))"
            + "\\s+(?:and\\s+)?(?<s>" + Numbers.PATTERN + ")" // "minute 1 and 20 seconds", as some write it
            + "(?:\\s*(?:seconds?|secs?)\\b|(?=\\s*(?:$|[-–,.;]|\\s(?:to|and|till|until|through|mark|onwards?|for|is|are|was|were|of|thanks?|please|pls|plz|then|too|also|as\\s+well|because|since|cause|cuz|coz|when|where|while|so)\\b|\\s" + NEXT_WORDS + ")))");
    /** Hours with their minutes ("the first 1h02m", "1 hour 15 minutes"): seconds, as minutes are. */
    private static final Pattern HOURS = Pattern.compile("\\b(?<h>\\d+)\\s*(?:h|hrs?|hours?)\\s*(?:and\\s+)?(?<m>\\d+)\\s*(?:m|mins?|minutes?)\\b");
    /**
     * Contractions that quick typing and dictation write without their apostrophe ("cant", "theres"). Restored here, not
     * as lexicon variants, whose canonical words would become targets of typo correction ("three" is one letter from
     * "there").
     */
    private static final Pattern BARE_CONTRACTION = Pattern.compile("\\b(?:(can|don|won|isn|aren|doesn|didn|couldn|wouldn|shouldn)t|(there|that|what)s)\\b");
    /**
     * Cantonese "a little", written in Hong Kong where Mandarin writes 一点 (光啲, 加少少颗粒感); before a noun 啲 is "the"
     * (啲声好嘈: the sound is noisy), and goes.
     */
    private static final Pattern CANTONESE_LITTLE = Pattern.compile("(?<the>啲(?=声|音|画面|颜色|色|字|人|相|片|影片))|啲|少少");
    /** Formal Chinese says how much before the verb (音量适当调低, 亮度略为调低); the rules read it after, "调低一点". */
    private static final Pattern DEGREE_BEFORE_VERB = Prefilter.guarded(Pattern.compile("(?:略为|略微|稍微|稍稍|稍许|稍加|轻微|微微)地?"
            + "(?<verb>调低|调高|调亮|调暗|调大|调小|降低|提高|提升|增加|减少|加强|减弱|增强|放大|缩小|加快|放慢)(?!\\s*(?:一点|一些|点|些))"));
    /** "音量适当调低": as much as fits, which is what the verb alone asks (the default amount), not "a little". */
    private static final Pattern APPROPRIATELY = Pattern.compile("(?:适当|适度)地?(?=调|降|提|增|减|加|放|缩)");
    /** A Chinese word of two to four characters said twice in a row. */
    private static final Pattern SAID_TWICE = Pattern.compile("(\\p{IsHan}{2,4})\\s*\\1");
    private static final Pattern DECIMAL_RATIO = Pattern.compile("(?<![\\d.:])([1-4]\\.\\d{1,3})\\s*:\\s*1(?![\\d.:])");
    private static final Pattern SPACE_RUN = Pattern.compile("[ \\t]{2,}");
    /**
     * A phrasal verb around what it changes, "crank the saturation way up", "tone down the contrast": one plain verb
     * for each direction, so that every rule need not list every particle verb in every order.
     */
    private static final String ADJUSTABLE = "(?<what>brightness|exposure|contrast|saturation|sharpness|colou?r\\s+saturation)";
    private static final String DEGREE = "(?<degree>way|a\\s+(?:bit|little|lot|touch|tad)|slightly|a\\s+little\\s+bit|much|all\\s+the\\s+way)";
    private static final Pattern PHRASAL_UP = Pattern.compile("\\b(?:crank|turn|bump|pump|ramp|jack|dial|kick|push)\\s+(?:up\\s+(?:the\\s+)?" + ADJUSTABLE
            + "(?:\\s+" + DEGREE + ")?|(?:the\\s+)?" + ADJUSTABLE.replace("<what>", "<what2>") + "\\s+(?:" + DEGREE.replace("<degree>", "<degree2>") + "\\s+)?up)\\b");
    private static final Pattern PHRASAL_DOWN = Pattern.compile("\\b(?:tone|turn|dial|knock|bring|take|pull|ramp|crank)\\s+(?:down\\s+(?:the\\s+)?" + ADJUSTABLE
            + "(?:\\s+" + DEGREE + ")?|(?:the\\s+)?" + ADJUSTABLE.replace("<what>", "<what2>") + "\\s+(?:" + DEGREE.replace("<degree>", "<degree2>") + "\\s+)?down)\\b");
    private static final Pattern LATIN_WORD = Pattern.compile("[a-z]+");

    private final Lexicon lexicon;

    PromptNormalizer(Lexicon lexicon) {
        this.lexicon = lexicon;
    }

    String normalize(String masked) {
        return canonical(written(masked));
    }

    /**
     * {@link #normalize} of a prompt whose {@link #written} form is already at hand: the interpreter needs both, and
     * the written form (typo correction: an edit distance against the whole vocabulary per unknown word) is the dearer
     * half, so it is computed once per prompt.
     */
    String canonical(String written) {
        String canonical = lexicon.canonical(written);
        if (canonical != written) { // "我想要那种 vintage 复古的感觉": an English word beside its Chinese says it once
            canonical = SAID_TWICE.matcher(canonical).replaceAll("$1");
        }
        return SPACE_RUN.matcher(canonical).replaceAll(" ").strip();
    }

    /**
     * The lines of a letter or a brief that ask for nothing: a subject, a greeting, a markdown heading, a name signed on
     * the last line ("Subject: edits for clip #4", "Dear vedit team,", "## Trim", "Best,\nKenji").
     */
    private static final Pattern LETTER_LINE = Pattern.compile("(?m)^[ \\t]*(?:(?i:subject|re|fwd?)[ \\t]*:[^\\n]*|(?i:dear|hi|hello|hey)[ \\t]+[^\\n,!.]{1,30}[,!]?[ \\t]*|#{1,6}[ \\t]+[^\\n]*)$"
            + "|(?<=\\n)[ \\t]*(?i:best|cheers|thanks|regards|best regards|kind regards|many thanks|thank you|love|warm regards),?[ \\t]*\\n[ \\t]*\\p{Lu}\\p{L}+(?:[ \\t]+\\p{Lu}\\p{L}+)?[ \\t]*$");

    /** The prompt in one form but still in the user's words: everything {@link #normalize} does but the variants. */
    String written(String masked) {
        String unlettered = masked.indexOf('\n') >= 0 ? LETTER_LINE.matcher(masked).replaceAll(", ") : masked;
        // a list numbered ①②③ or bulleted "* …", "• …": each item a clause (NFKC would make ① a bare "1")
        String listed = LIST_SIGN.matcher(unlettered).replaceAll(", ");
        String s = TraditionalChinese.toSimplified(Normalizer.normalize(listed, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT))
                .replace('\u2019', '\'').replace('\u2018', '\'').replace('\u301C', '~'); // the wave dash of 3〜8秒, which NFKC keeps
        // an emoji's presentation selector and joiner ("✂️", "👨‍🍳") are no letters: left behind, they glue to the next word
        s = s.indexOf('\uFE0F') >= 0 || s.indexOf('\u200D') >= 0 ? s.replace("\uFE0F", "").replace("\u200D", "") : s;
        s = s.indexOf('啲') >= 0 || s.contains("少少") ? CANTONESE_LITTLE.matcher(s).replaceAll(m -> m.group("the") != null ? "" : "一点") : s;
        s = s.contains("调光一点") ? s.replace("调光一点", "调亮一点") : s; // Cantonese 调光少少: a little lighter
        // 调得亮一点, typed 调的亮一点 as often: the verb's complement is the verb's (调亮一点)
        s = s.indexOf('得') >= 0 || s.indexOf('的') >= 0 ? VERB_COMPLEMENT.matcher(s).replaceAll("") : s;
        // Sichuan 一哈 is 一下 ("慢放一哈"): read here, as the variants leave a phrase after a verb alone
        s = s.contains("一哈") ? s.replace("一哈", "一下") : s;
        s = s.indexOf('\uD83D') >= 0 || s.indexOf('\u23EA') >= 0 || s.indexOf('\u23E9') >= 0 ? emojiWords(s) : s;
        s = s.indexOf('\uD83C') >= 0 || s.indexOf('\uD83D') >= 0 || s.indexOf('\uD83E') >= 0 ? EMOJI_BREAK.matcher(s).replaceAll(", ") : s;
        s = EMOTICON.matcher(s).replaceAll(" ");
        s = CLAUSE_DASH.matcher(s).replaceAll(", ");
        s = TIMES_SIGN.matcher(s).replaceAll(m -> (m.group(1) != null ? m.group(1) : m.group(2)) + "x");
        s = TIMES_BEFORE.matcher(s).replaceAll("$1x");
        s = s.indexOf('x') >= 0 ? LEVEL_TIMES.matcher(s).replaceAll("${level} ${n}") : s;
        s = s.indexOf('-') >= 0 ? NUMBER_HYPHEN.matcher(hyphens(s)).replaceAll(" ") : s;
        s = stretched(s);
        // each contraction ends in "nt", "ts" or "res": most prompts hold none, and the search runs only where one may be
        s = !s.contains("nt") && !s.contains("ts") && !s.contains("res") ? s
                : BARE_CONTRACTION.matcher(s).replaceAll(m -> m.group(1) != null ? m.group(1) + "'t" : m.group(2) + "'s");
        s = s.contains(" be ") ? PASSIVE_ASKED.matcher(s).replaceAll(m -> { // before typos: "slowed" is no "slower" yet
            String verb = asked(m.group("done"));
            return verb == null ? Matcher.quoteReplacement(m.group()) : verb;
        }) : s;
        s = s.contains(" that ") ? WISHED_PASSIVE.matcher(s).replaceAll(m -> {
            String verb = asked(m.group("done"));
            return Matcher.quoteReplacement(verb == null ? m.group() : verb + " " + m.group("what"));
        }) : s;
        s = typos(s);
        s = s.contains("frame") ? framesAsSeconds(s) : s;
        s = (s.contains(" go") || s.contains(" so ")) && s.indexOf(':') >= 0 | s.contains("s to") | s.indexOf('-') >= 0 ? RANGE_THEN_GONE.matcher(s).replaceAll("cut out ${range}") : s;
        s = s.contains("sped up") || s.contains("slowe") ? PART_THEN_SPEED.matcher(s).replaceAll(m -> (m.group("fast") != null ? "speed up " : "slow down ")
                + m.group("part")) : s;
        s = s.contains("出来") || s.contains("下来") ? RANGE_TAKEN_OUT_ZH.matcher(s).replaceAll("只保留${range}") : s;
        s = s.contains("一点") || s.contains("一些") || s.contains("一下") ? RUN_ON_ZH.matcher(s).replaceAll(", ") : s;
        s = s.contains("starting") || s.contains("beginning") || s.contains("from") || s.indexOf('从') >= 0 || s.contains("持续") || s.contains("维持") ? PartWording.startAndLength(s) : s;
        s = s.indexOf(':') > 1 ? clockTimes(DECIMAL_RATIO.matcher(s).replaceAll(m -> ratio(Double.parseDouble(m.group(1))))) : s;
        s = s.contains("if") || s.contains("如果") ? CONDITION.matcher(s).replaceAll(m -> m.group("zh") == null ? "" : Matcher.quoteReplacement(m.group("zh") + ",")) : s;
        s = s.contains(" be ") ? QUESTION_BE.matcher(s).replaceAll("make ${what} ") : s;
        s = DEGREE_BEFORE_VERB.matcher(s).replaceAll("${verb}一点");
        s = APPROPRIATELY.matcher(s).replaceAll("");
        s = s.contains("点") || s.contains("些") ? VERB_BEFORE_LEVEL_ZH.matcher(s).replaceAll("${level}${verb}一点") : s;
        s = s.contains("start") && s.contains("end") ? START_THEN_END.matcher(s).replaceAll("keep from ${a} to ${b}") : s;
        s = s.contains(" at ") ? NAMED_MOMENT.matcher(s).replaceAll("${name} is at ") : s;
        String opened = s;
        s = OPENER.matcher(s).replaceAll(m -> SENTENCE_END.matcher(opened.substring(Math.max(0, m.start() - 4), m.start())).find()
                ? "" : Matcher.quoteReplacement(m.group()));
        s = HEDGED_AMOUNT.matcher(s).replaceAll("$1 ");
        s = s.contains("about") || s.contains("around") || s.contains("approx") || s.contains("rough") || s.indexOf('~') >= 0
                || s.contains("大概") || s.contains("大约") || s.contains("差不多") || s.contains("估计")
                ? HEDGED_TIME.matcher(s).replaceAll("") : s;
        s = !s.contains(" point ") ? s
                : SPOKEN_DECIMAL.matcher(s).replaceAll(m -> Rule.written(Numbers.parse(m.group(1))) + "." + Rule.written(Numbers.parse(m.group(2))));
        s = s.indexOf('h') >= 0 ? HOURS.matcher(s).replaceAll(m -> Rule.written(Integer.parseInt(m.group("h")) * 3600.0 + Integer.parseInt(m.group("m")) * 60.0) + " seconds") : s;
        s = s.contains("min") ? MINUTES_SAID.matcher(s).replaceAll(m -> minutes(m.group("m") != null ? m.group("m") : m.group("m2"), m.group("s"), m.group())) : s;
        s = s.indexOf('\'') >= 0 || s.indexOf('′') >= 0 ? PRIMES.matcher(s).replaceAll("$1分$2秒") : s;
        s = s.contains("minute") ? A_MINUTE_AND.matcher(s).replaceAll(m -> Numbers.parse(m.group("s")) >= 60 ? Matcher.quoteReplacement(m.group()) // "one minute and [one minute ten]"
                : Rule.written(60 + Numbers.parse(m.group("s"))) + " seconds") : s;
        s = s.contains("00:") ? ZERO_HOURS.matcher(s).replaceAll(m -> Integer.parseInt(m.group(1)) + ":" + m.group(2)) : s; // 00:01:05 is 1:05
        s = s.contains("帧") || s.contains("frame") ? inSeconds(s) : s;
        s = s.contains("分半") ? HALF_MINUTE.matcher(s).replaceAll("分30秒") : s; // 6分半, 一分半钟: and a half
        s = s.contains("min") || s.contains("分") || minuteLetter(s) ? MINUTES.matcher(s).replaceAll(PromptNormalizer::minutes) : s;
        // 第十六秒 as 第16秒: the rules that read a part's end or a moment said alone read its digits
        s = s.contains("第") && s.contains("秒") ? ORDINAL_SECOND.matcher(s).replaceAll(m -> Rule.written(Numbers.parse(m.group(1)))) : s;
        s = PartWording.rewritten(s);
        // a phrasal verb needs its particle: most prompts have neither, and the searches run only where one is
        s = s.contains("up") ? phrasal(PHRASAL_UP, "increase", s) : s;
        return s.contains("down") ? phrasal(PHRASAL_DOWN, "reduce", s) : s;
    }

    /** Frames named where the frame rate is told, as the seconds they are (视频是25帧，在第125帧定格 is at 5 seconds). */
    private static String inSeconds(String s) {
        Matcher rate = RATE_TOLD.matcher(s);
        if (!rate.find()) {
            return s;
        }
        double fps = Double.parseDouble(rate.group("fps"));
        return FRAMES_SAID.matcher(s).replaceAll(m -> {
            String seconds = Rule.written(Math.round(Double.parseDouble(Rule.first(m, "n", "n2", "n3")) / fps * 1000) / 1000.0);
            return m.group("zh") != null ? m.group("zh") + seconds + "秒"
                    : m.group("edge") != null ? m.group("edge") + " " + seconds + " seconds"
                    : (m.group("on") != null ? "at " : "") + seconds + " seconds";
        });
    }

    /** 调得亮一点 (often typed 调的亮一点): the degree a verb's complement says, after the verb. */
    private static final Pattern VERB_COMPLEMENT = Pattern.compile("(?<=[调弄搞整变])[得的](?=[亮暗大小快慢清响轻]\\s*(?:一点|一些|点|些))");
    /** The verbs that may stand between a moment's name and its time ("the drop hits at 0:45"). */
    private static final String MOMENT_VERBS = "(?:is|was|happens|hits|comes|starts|begins|lands|kicks\\s+in)\\b";
    /** A moment named with no verb ("the goal at 1:42. freeze it there"): said as a description, which names the moment. */
    private static final Pattern NAMED_MOMENT = Pattern.compile("(?<=^|[,.!?;]\\s{0,2})(?<name>(?:the|my|his|her|our|their)\\s+[a-z]+(?:\\s+(?!" + MOMENT_VERBS + ")[a-z]+)?)"
            + "(?:\\s+(?:" + MOMENT_VERBS + "))?\\s+at\\s+" // "the drop hits at 0:45", "the kiss is at 1:02": one "is"
            + "(?=\\d{1,2}:\\d{2}(?:\\.\\d+)?\\s*(?:$|[,.;!?]))");
    /** The verb and its degree before what it changes: 提高一点对比度 (提高点对比度, 加一点点饱和度) is 对比度提高一点. */
    private static final Pattern VERB_BEFORE_LEVEL_ZH = Pattern.compile("(?<verb>提高|增加|加大|加|降低|减少|减|调高|调低|调大|调小|拉高|拉低)(?:一点点|一点|点儿?|一些|些)(?<level>对比度|饱和度|亮度|音量|锐度)");
    /** A range said as where the video should start and end: "Start at 00:02:30, end at 00:47:00." */
    private static final Pattern START_THEN_END = Pattern.compile("(?<!\\bit\\s)(?<!\\bthis\\s)(?<!\\bvideo\\s)\\bstart(?:s|ing)?\\s+(?:it\\s+)?at\\s+(?<a>\\d{1,2}(?::\\d{2}){1,2}),?\\s*(?:and\\s+)?end(?:s|ing)?\\s+(?:it\\s+)?at\\s+(?<b>\\d{1,2}(?::\\d{2}){1,2})");

    /**
     * A ratio to one written as a decimal, as cinema writes it ("2.39:1", "1.85:1"): the nearest ratio of whole numbers
     * under 100 (43:18, 37:20), which the aspect rules read. "0.5:1" is not one (below 1 is written the other way round).
     */
    private static String ratio(double toOne) {
        // the simplest ratio within the decimal's own precision (2.39 is 2.385 to 2.395), else the nearest
        int bestW = 0;
        int bestH = 1;
        for (int h = 1; h < 100; h++) {
            int w = (int) Math.round(toOne * h);
            double error = Math.abs((double) w / h - toOne);
            if (w < 100 && error <= 0.005) {
                return w + ":" + h;
            }
            if (w < 100 && error < Math.abs((double) bestW / bestH - toOne)) {
                bestW = w;
                bestH = h;
            }
        }
        return bestW + ":" + bestH;
    }

    /**
     * A level said as a multiple: "saturation 1.4x", "boost saturation by 1.4x", "contrast x1.2" (by now "1.2x"): the
     * level's factor; read apart, "1.4x" was a speed of its own.
     */
    private static final Pattern LEVEL_TIMES = Pattern.compile("\\b(?<level>(?:saturation|contrast)(?:\\s+(?:by|to|at))?)\\s*(?<n>\\d+(?:\\.\\d+)?)\\s*x(?![\\p{L}\\d])");

    /** An editor's timecode, hours:minutes:seconds:frames ("TC 00:00:10:00"). */
    private static final Pattern TIMECODE = Pattern.compile("(?<![\\d:.])(\\d{1,2}:\\d{2}:\\d{2}):(\\d{2})(?![\\d:])");
    /** The project's frame rate said beside a timecode: "25p project", "at 24fps", "29.97 fps". */
    private static final Pattern FRAME_RATE = Pattern.compile("(?<![\\d.])(\\d{2}(?:\\.\\d+)?)\\s*(?:p|fps)\\b");
    /** "the first 2:59", "the last 00:00:07": a length said as a clock reading (a range, "the first 0:10-0:20", is no length). */
    private static final Pattern EDGE_CLOCK = Pattern.compile("\\b(?<edge>first|last)\\s+(?:(?<h>\\d{1,2}):)?(?<m>\\d{1,2}):(?<s>\\d{2})(?![\\d:])"
            + "(?!\\s*(?:-|–|to|until|till|and|through)\\s*\\d)");

    /** A range of times as people write it: "0:00-0:07", "12:30 to 14:05", "from 5s to 9s". */
    private static final String RANGE = "(?<![\\d:.])(?:from\\s+)?\\d[\\d:.]*\\s*(?:s|secs?|seconds?)?\\s*(?:-|–|to|until)\\s*\\d[\\d:.]*\\s*(?:s|secs?|seconds?)?";
    /**
     * A range, then that it goes: "TC 00:00:45:00 to 00:01:02:00 needs to go", "0:00-0:07 is just a black screen so chop
     * that" (a verb before the range says it already: "cut 0:10 to 0:20, it needs to go" is left as said).
     */
    private static final Pattern RANGE_THEN_GONE = Pattern.compile("(?<!\\b(?:cut|remove|delete|drop|trim|chop|out|keep|between|only)\\s)(?:\\btc\\s+)?(?<range>" + RANGE + ")"
            + "\\s+(?:(?:needs?|has|have|must|should)\\s+(?:to\\s+)?go\\b(?!\\s+(?:\\d|at\\b|to\\b|faster|slower|quicker|fast|slow|black|in\\b|into\\b))|(?:is|are)\\s+[^,.;]{1,40}?\\s+so\\s+(?:please\\s+)?(?:chop|cut|remove|delete|drop|lose|trim)"
            + "\\s+(?:that|them|it|those)(?:\\s+(?:out|off))?)");
    /** The first or last seconds, then their speed: "first 3 seconds sped up 3x", "last 3 seconds slowed to half". */
    private static final Pattern PART_THEN_SPEED = Pattern.compile("(?<![a-z]\\s)(?<part>(?:the\\s+)?(?:first|last)\\s+[\\d.]+\\s*(?:s|secs?|seconds?))\\s+"
            + "(?:(?<fast>sped\\s+up)|slowed(?:\\s+down)?|slower)(?=\\s+(?:to|by|\\d))");
    /** A range taken out to keep, in Chinese: 把2:40到5:10弹琴那段剪出来 keeps 2:40 to 5:10 (前5秒剪出来 stays as said). */
    private static final Pattern RANGE_TAKEN_OUT_ZH = Pattern.compile("(?:把|将)?(?<range>(?<![\\d:.])(?:第)?\\d[\\d:.]*\\s*秒?\\s*(?:到|至|-)\\s*(?:第)?\\d[\\d:.]*\\s*秒?)\\s*"
            + "(?:[\\p{IsHan}&&[^秒分钟时之以前后到至内]]{1,6}?(?:的|那))?(?:一)?(?:部分|段)?(?:给我)?(?:截|剪|切)(?:出来|下来)");
    /** Two Chinese clauses said with no mark between: 帮我调亮一点我孙子跳舞的视频太暗了 (the first ends with "a little"). */
    private static final Pattern RUN_ON_ZH = Pattern.compile("(?<=[\\p{IsHan}](?:一点|一些|一下))(?=(?:我|我们|他|她|这是|这个是|因为)[\\p{IsHan}])");

    /** A length in frames: "over 12 frames" (never "30 frames per second", a rate). */
    private static final Pattern FRAMES = Pattern.compile("(?<![\\d.])(\\d{1,3})\\s*frames?\\b(?!\\s*(?:per|a|/|each)\\b)");

    /** A length in frames, in seconds at the frame rate the prompt says ("fade in over 12 frames (it's 24fps)"); kept without one. */
    private static String framesAsSeconds(String s) {
        Matcher rate = FRAME_RATE.matcher(s);
        if (!rate.find()) {
            return s;
        }
        double fps = Double.parseDouble(rate.group(1));
        return fps < 1 ? s : FRAMES.matcher(s).replaceAll(m -> Rule.written(Math.round(Integer.parseInt(m.group(1)) / fps * 100) / 100.0) + " seconds");
    }

    /**
     * Timecodes and lengths said as clock readings, as times the rules read: a timecode's frames are a fraction of a
     * second at the frame rate the prompt says, and none at frame 00; with frames but no rate the timecode stays
     * (not understood, rather than a guessed rate).
     */
    private static String clockTimes(String s) {
        String out = s;
        Matcher timecode = TIMECODE.matcher(out);
        if (timecode.find()) {
            Matcher rate = FRAME_RATE.matcher(out);
            double fps = rate.find() ? Double.parseDouble(rate.group(1)) : 0;
            out = timecode.reset().replaceAll(m -> {
                int frames = Integer.parseInt(m.group(2));
                if (frames == 0) {
                    return m.group(1);
                }
                if (fps < 1 || frames >= fps) {
                    return Matcher.quoteReplacement(m.group());
                }
                return m.group(1) + "." + String.format(Locale.ROOT, "%02d", Math.round(frames / fps * 100)); // 00:00:10:12 at 25p: 00:00:10.48
            });
        }
        return out.contains("first") || out.contains("last") ? EDGE_CLOCK.matcher(out).replaceAll(m -> {
            int seconds = (m.group("h") == null ? 0 : Integer.parseInt(m.group("h")) * 3600) + Integer.parseInt(m.group("m")) * 60 + Integer.parseInt(m.group("s"));
            return m.group("edge") + " " + seconds + " seconds";
        }) : out;
    }

    /** The few emoji that name an edit on their own (🔇 mute, ⏪ reverse): said as words before the others go. */
    private static String emojiWords(String s) {
        return s.replace("\uD83D\uDD07", " mute ").replace("\u23EA", " reverse ").replace("\u23E9", " speed up ");
    }

    /** Whether a digit is followed by "m" ("1m5s"): most prompts hold none, so the minutes search runs only where one may. */
    private static boolean minuteLetter(String s) {
        for (int i = s.indexOf('m'); i > 0; i = s.indexOf('m', i + 1)) {
            if (Character.isDigit(s.charAt(i - 1)) || s.charAt(i - 1) == ' ' && i > 1 && Character.isDigit(s.charAt(i - 2))) {
                return true;
            }
        }
        return false;
    }

    private static String minutes(MatchResult m) {
        return minutes(m.group("m"), m.group("s"), m.group());
    }

    private static String minutes(String minutes, String secondsSaid, String said) {
        double seconds = Numbers.parse(minutes) * 60 + (secondsSaid == null ? 0 : Numbers.parse(secondsSaid));
        boolean chinese = said.contains("分");
        return Rule.written(seconds) + (chinese ? "秒" : " seconds");
    }

    private static String phrasal(Pattern verb, String plain, String s) {
        return verb.matcher(s).replaceAll(m -> {
            String what = m.group("what") != null ? m.group("what") : m.group("what2");
            String degree = m.group("degree") != null ? m.group("degree") : m.group("degree2");
            return Matcher.quoteReplacement(plain + " the " + what + (degree == null ? "" : " " + (degree.equals("way") || degree.startsWith("all") ? "a lot" : degree)));
        });
    }

    /** "de-noise" is one word the lexicon knows; "black-and-white", "upside-down" are words apart. */
    private String hyphens(String s) {
        String out = s;
        for (int pass = 0; pass < 4 && out.indexOf('-') >= 0; pass++) {
            Matcher m = WORD_HYPHEN.matcher(out);
            StringBuilder b = new StringBuilder();
            while (m.find()) {
                int end = m.end();
                Matcher next = LATIN_WORD.matcher(out).region(end, out.length());
                String joined = next.lookingAt() ? m.group(1) + next.group() : null;
                boolean oneWord = joined != null && lexicon.knows(joined);
                m.appendReplacement(b, Matcher.quoteReplacement(m.group(1) + (oneWord ? "" : " ")));
            }
            m.appendTail(b);
            out = b.toString();
        }
        return out;
    }

    /** "soooo quiet" is "so quiet", "toooo loud" "too loud": a letter said once or twice, whichever makes a known word. */
    private String stretched(String s) {
        Matcher run = STRETCHED.matcher(s);
        if (!run.find()) {
            return s;
        }
        Matcher m = LATIN_WORD.matcher(s);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String word = m.group();
            if (STRETCHED.matcher(word).find()) {
                String once = STRETCHED.matcher(word).replaceAll("$1");
                String twice = STRETCHED.matcher(word).replaceAll("$1$1");
                word = STRETCHED_WORDS.contains(twice) ? twice
                        : STRETCHED_WORDS.contains(once) || lexicon.knows(once) || !lexicon.knows(twice) ? once : twice;
            }
            m.appendReplacement(b, Matcher.quoteReplacement(word));
        }
        m.appendTail(b);
        return b.toString();
    }

    private String typos(String s) {
        Matcher m = LATIN_WORD.matcher(s);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String fixed = lexicon.correction(m.group());
            m.appendReplacement(b, Matcher.quoteReplacement(fixed != null ? fixed : m.group()));
        }
        m.appendTail(b);
        return b.toString();
    }

    /** The edit verb a participle is of ("cropped" crop, "rotated" rotate, "sped" speed), or null when it names none. */
    private String asked(String done) {
        switch (done) {
            case "sped":
                return "speed";
            case "made":
                return "make";
            case "cut", "put", "set":
                return done;
            case "played", "shown", "used", "watched", "posted", "sent", "uploaded", "kept", "left", "done", "seen":
                return null; // "it should be played backwards": how it is seen, the edit named after it
            default:
                break;
        }
        String stem = done.substring(0, done.length() - 2);
        boolean doubled = stem.length() > 2 && stem.charAt(stem.length() - 1) == stem.charAt(stem.length() - 2);
        for (String verb : new String[] {doubled ? stem.substring(0, stem.length() - 1) : stem, done.substring(0, done.length() - 1), stem}) {
            if (lexicon.knows(verb)) {
                return verb;
            }
        }
        return null;
    }
}
