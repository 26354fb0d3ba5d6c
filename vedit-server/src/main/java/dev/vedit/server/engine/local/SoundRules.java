package dev.vedit.server.engine.local;

import static dev.vedit.server.engine.local.Rule.first;
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

/** Sound: mute, keep, volume; replacing the soundtrack is refused (the models take no audio input). */
final class SoundRules {
    static final double LOUDER = 1.5;
    static final double QUIETER = 0.5;
    /** "a bit louder", "声音小一点": a slight change, as "a bit faster" is 1.5x and "a bit slower" 0.75x. */
    static final double SLIGHTLY_LOUDER = 1.25;
    static final double SLIGHTLY_QUIETER = 0.75;
    /** "softer" of the sound said just before it; of a picture ("I want it softer") it is no volume. */
    private static final String SOFTER_OF_SOUND = "(?<=\\b(?:sound|audio|music|voice|voices|volume|narration|vocals?)\\s(?:[a-z']{1,12}\\s)?(?:[a-z']{1,12}\\s)?)softer";
    private static final java.util.regex.Pattern SLIGHT = java.util.regex.Pattern.compile(
            "a\\s+(?:tiny\\s+|little\\s+)?bit|a\\s+little|a\\s+touch|a\\s+tad|slightly|somewhat|稍|略|一点|一些|轻微");
    /** The refusal of a sound from elsewhere (a song, music, an effect): no video-edit model takes audio. */
    static VeditException needsAudio(String said) {
        return VeditException.of(ErrorCode.EDIT_NOT_SUPPORTED,
                "\"" + said + "\" needs an audio input, and none of the video-edit models has an audio field;"
                        + " the local engine can keep, mute or change the volume of the video's own sound",
                "“" + said + "”需要音频输入，但视频编辑模型都没有音频字段；本地引擎只能保留、静音或调整视频自身声音的音量");
    }

    /** The sound, "the background music" and "BGM" included: a volume change of the audio track, never the picture's background. */
    private static final String SOUND = "(?:(?:(?:background\\s+)?(?:music|sound|audio|soundtrack)|bgm)(?:\\s+volume)?|volume)";
    /** "音量", "声音", "背景音乐的音量", "BGM": the audio track. */
    private static final String ZH_SOUND = "(?:(?:背景音乐|背景音|bgm|音乐|配乐)的?(?:音量|声音)?|音量|声音)";
    /** "the music should be louder", "the sound is too loud": the words between the sound and how it should change. */
    private static final String SHOULD_BE = "(?:(?:should|needs\\s+to|has\\s+to|must)\\s+be\\s+|is\\s+)?";

    /** "a lot louder", "turn it up a lot": a strong change, twice or half the loudness. */
    static final double MUCH_LOUDER = 2.0;
    static final double MUCH_QUIETER = 0.35;
    private static final String A_LOT = "(?:a\\s+lot|a\\s+great\\s+deal|way|far|significantly|massively|heavily|loads)";
    private static final java.util.regex.Pattern MUCH = java.util.regex.Pattern.compile("\\b" + A_LOT + "\\b");

    /** "turn the sound up a little", "turn it up a bit louder", "turn it up a lot": how much, said after the direction. */
    private static final String SLIGHT_AFTER = "(?:\\s+(?:" + Rule.SLIGHTLY + "|" + A_LOT + "(?:\\s+more)?)"
            + "(?:\\s+(?:more|louder|quieter|softer|higher|lower))?|\\s+(?:louder|quieter|softer|more))?";

    private SoundRules() {
    }

    static List<Rule> rules() {
        List<Rule> r = new ArrayList<>();
        // the result is handed back (a download, a webhook), never posted or sent; one video is edited, not joined to another
        // ("send it to me" is what the download is: not refused)
        // "before I post it to the class group", "so I can send it on WhatsApp", "(in order) to send it", "for send on
        // whatsapp", "gonna post it on my tiktok": when or why, not a request to post or send
        r.add(impossible("(?<!\\b(?:(?:before|after|when|once|so|then|until|till)\\s{1,3}(?:i|we|they|you|i'll|we'll|i\\s{1,3}can|we\\s{1,3}can)|to|for|gonna|wanna|will)\\s{1,3})"
                        + "(?:\\b(?:upload|post|publish|share)\\b(?:\\s+(?:it|this|the\\s+(?:result|video|final\\s+video|clip)))?\\s+(?:straight\\s+)?(?:to|on)\\s+(?:my|our|the)\\b.*"
                        + "|\\be-?mail\\s+(?:it|this|the\\s+(?:result|video|final\\s+video|clip|file))\\s+to\\b.*|\\bsend(?:ing)?\\b.*\\b(?:e-?mail|inbox|whatsapp|wechat|channel|friends?|group)\\b.*)"
                        // transitions and split edits join clips: "whoosh transitions between my clips", "J-cut the audio from the next clip"
                        + "|(?:\\b(?:add|put|insert|use|do)\\s+(?:an?\\s+|some\\s+)?(?:[a-z]+\\s+){0,2})?\\b(?:transitions?|j[\\s-]?cuts?|l[\\s-]?cuts?|crossfades?|dissolves?)\\b.*\\b(?:between|next|previous|other|following)\\b.*"
                        + "|\\b(?:from|into|under|over)\\s+(?:the\\s+)?(?:next|previous|other|following)\\s+(?:clip|video|shot)\\b.*"
                        + "|(?:两段|几段|多段|每段|各段|素材|片段|视频)(?:素材|视频|片段)?(?:之间|中间)[^，,。；;]{0,8}?转场[^，,。；;]{0,6}|(?:加|添加|做)(?:个|一个|几个|点)?转场(?:特效|效果)?"
                        // "both a 9:16 for Stories and a 16:9 for YouTube", "a 9:16 version for TikTok and a 16:9 one": two shapes, two videos
                        + "|\\bboth\\s+an?\\s+" + FrameRules.SHAPE + "\\b[^.;]{0,40}?\\b(?:and|&)\\s+an?\\s+" + FrameRules.SHAPE + "(?:\\s+(?:version|one|cut|copy|edit))?(?:\\s+for\\s+(?:the\\s+|my\\s+|our\\s+)?[a-z]+)?"
                        + "|\\ban?\\s+" + FrameRules.SHAPE + "\\s+(?:version|one|cut|copy|edit)\\b[^.;]{0,40}?\\b(?:and|&|plus)\\s+(?:also\\s+)?an?\\s+" + FrameRules.SHAPE
                        + "\\s+(?:version|one|cut|copy|edit)\\b(?:\\s+for\\s+(?:the\\s+|my\\s+|our\\s+)?[a-z]+)?"
                        + "|(?:一个|一版)?\\d{1,2}:\\d{1,2}的?(?:版本|一版)?(?:和|跟|还有|再来|再出)(?:一个|一版)?\\d{1,2}:\\d{1,2}的?(?:版本|一版)"
                        + "|\\b(?:make|do|give\\s+me|export|create|send)\\s+(?:two|three|2|3|several|multiple)\\s+versions?\\b.*|(?:做|出|导出)(?:两|三|几|2|3)个版本[^，,。；;]*|(?:两|三|几|2|3)个版本" // one task hands back one video
                        + "|\\b(?:mp4|mov|prores|webm|avi|mkv|h\\.?264|hevc)\\s*(?:,\\s*|\\s+and\\s+|\\s*/\\s*)(?:mp4|mov|prores|webm|avi|mkv|h\\.?264|hevc)\\b.*|\\ball\\s+at\\s+once\\b.*|(?:同时)?(?:导出|出)(?:成)?(?:多种|几种|两种|三种)(?:格式|版本)[^，,。；;]*"
                        + "|\\b(?:merge|concatenate|stitch)\\b.*|\\b(?:combine|join)\\b.*\\b(?:with|together|another|other)\\b.*"
                        // (要上传到学校的系统, 方便上传, 上传YouTube用: why it is made, not a step asked for)
                        + "|(?<!要|需要|得|用来|好|方便|为了|准备)(?:上传|发布)(?:到|至)?(?![^，,。；;]{0,12}?用的?\\s*(?:$|[，,。；;]))[^，,。；;]{0,12}|(?<!要|用来|好|方便|为了|准备)(?:发送|发)(?:到|给|至)[^，,。；;]{0,12}?(?:邮箱|抖音|快手|朋友圈|微博|b站|油管|youtube|频道|群)"
                        + "|帮我发布|(?:拼接|拼在一起|拼在(?:后面|前面|一块)|接在(?:一起|后面)|接到(?:后面|前面)|merge\\s*到)[^，,。；;]{0,12}"
                        + "|[^，,。；;]{0,12}(?:和|跟|与)[^，,。；;]{0,12}(?:拼接|合并|拼在一起)",
                ": an edit changes the one video it is given and hands it back (a download"
                        + " URL, a webhook); it neither joins other videos nor posts, sends or uploads the result",
                "：编辑只处理给定的一个视频并返回结果（下载地址或 webhook），不会拼接其他视频，也不会发布、发送或上传结果"));
        r.add(of("(?:replace|swap|change)\\s+(?:the\\s+)?(?:audio|sound|music|soundtrack|background\\s+music)(?:\\s+track)?\\s+(?:with|to|for)\\b.*"
                        + "|(?:add|put|play)\\s+(?:some\\s+)?(?:(?!(?:a|an|the|my|our|your)\\b)[a-z]+\\s+){0,3}?(?:background\\s+)?(?:music|(?:a|an|the|this|that|my|our)\\s+(?:[a-z]+\\s+)?song|song|songs|beats|(?:a|an|some)\\s+(?:[a-z]+\\s+){0,2}beat|tunes|bgm|a\\s+soundtrack|(?:a|an|the|some)\\s+(?:[a-z0-9]+[\\s-]+){0,3}?jingle|jingles?|(?:(?:my|our)\\s+)?(?:own\\s+)?(?:voice[\\s-]?over|voice|narration|commentary))\\b.*"
                        // a song by its title and artist, unquoted, placed under or over the video ("add Perfect by Ed Sheeran under the first dance")
                        + "|(?:add|put|play)\\s+(?:[a-z']+\\s+){1,4}?by\\s+(?:[a-z']+\\s+){1,2}?(?:under|over|behind|as\\s+(?:the\\s+)?(?:background|music|soundtrack))\\b.*"
                        // 配一首周杰伦的晴天: a song named with no quotes
                        + "|(?:配|放|加|来)(?:一首|首)[^，,。]{1,12}"
                        // 配上周杰伦的《晴天》, 放一首《…》: a song by its title (the title is quoted, as 《》 are)
                        + "|(?:配上?|放|来|加)(?:一首|首)[^，,。]{0,8}?的?[\uE000-\uE0FF]|配上?[^，,。]{1,8}?的[\uE000-\uE0FF]|配上?[\uE000-\uE0FF](?:这首歌|这首)?"
                        // 配上周杰伦的晴天: a song by its singer, the title unquoted (never 配上图1的文字, 配上字幕)
                        + "|配上(?![^，,。；;]*?(?:图|字幕|文字|字|标题|照片|logo|贴纸|特效|滤镜|边框|水印))[^，,。；;\\s]{1,8}?的[\\p{IsHan}]{1,6}(?=\\s*(?:$|[，,。！!；;]))"
                        + "|(?:替换|更换|换)(?:掉)?(?:背景)?(?:音乐|音频|声音|配乐)|(?:背景)?(?:音乐|配乐|音频)(?:帮我|给我|帮忙|也)?(?:替换|更换|换)(?:(?:成|为)[^，,。；;]{0,14}|掉)?|(?<=(?:音乐|配乐|bgm)[^。；;]{0,12})(?:换成|改成)[^，,。；;]{0,8}《[^》]{1,20}》|配上?[^，,。；;]{0,8}《[^》]{1,20}》|(?:加|添加|配上?)(?:一段|段|一首|首|点|些|一个|个)?(?:[\\u4e00-\\u9fff]{0,6}的)?(?:背景|ai\\s*)?(?:音乐|配乐|旁白|解说|bgm)"
                        + "|(?:当|当作|作为|做)(?:背景)?(?:音乐|配乐|bgm)|(?:背景音乐|配乐|bgm)(?:用|换成|改成)[^，,。；;]{1,14}"
                        // "add bgm", "… as background music", 配个乐, 加首歌, 要周杰伦的歌: music from elsewhere too
                        // "add Taylor Swift's Love Story as background music", "put 'Uptown Funk' under it": the song is what is refused
                        + "|\\b(?:add|put|play|use)\\s+[^,.;]{1,40}?\\s+as\\s+(?:the\\s+|a\\s+)?(?:background\\s+)?(?:music|soundtrack|bgm)\\b"
                        + "|\\b(?:add|put|play)\\s+[\uE000-\uE0FF]\\s+(?:under|over|behind)\\s+(?:it|the\\s+(?:video|clip|footage))\\b.*"
                        + "|\\b(?:add|put|play)\\s+(?:some\\s+|a\\s+|the\\s+)?bgm\\b.*|\\bas\\s+(?:the\\s+|a\\s+)?(?:background\\s+)?(?:music|soundtrack|bgm)\\b"
                        + "|(?<![别不没])(?:加|配|放)(?:一首|首|个|点|段)(?:歌|乐)(?![曲器])|(?<![不别])要[^，,。；;]{0,8}的歌"
                        // a sound effect is an audio input too: "add a 'ding' sound effect at 0:12", 加个“叮”的音效
                        + "|\\b(?:add|put|play|insert)\\s+(?:an?\\s+|some\\s+|the\\s+)?(?:[^,.;]{0,20}?\\s)?(?:sound\\s+effects?|sfx|whoosh|ding\\s+sound)\\b.*"
                        // …and a sound named by what makes it: "add a crowd cheering sound when he scores", "the sound of applause"
                        + "|\\b(?:add|put|play|insert)\\s+(?:an?\\s+|some\\s+|the\\s+)?(?:[a-z]+\\s+){0,2}?(?:cheering|clapping|laughing|ringing|barking|booming|crying|screaming|applauding|whistling|honking|beeping|crackling|applause|laughter|cheers?|bells?|horns?|sirens?|explosions?|drum\\s?rolls?|booms?)\\s+sounds?\\b.*"
                        + "|\\b(?:add|put|play|insert)\\s+(?:the\\s+|a\\s+|some\\s+)?sounds?\\s+of\\s+(?:an?\\s+|the\\s+|people\\s+)?(?:applause|cheering|clapping|laughter|laughing|crowds?|bells?|birds?|rain|waves|thunder|fireworks)\\b.*"
                        + "|(?:加|配|放|添加)(?:一个|个|点|些|上)?[^，,。；;]{0,8}?音效[^，,。；;]{0,12}",
                (m, c) -> {
                    throw needsAudio(c.quotes().restore(m.group()).strip()); // 加个“叮”的音效 quotes its sound
                }));
        // captions written from the speech: a speech model's work (the local engine shows only text the prompt gives)
        r.add(impossible("\\b(?:generate|auto-?generate|create|make|add)\\s+(?:auto(?:matic)?\\s+)?(?:subtitles?|captions?)\\s+(?:from|of|for)\\s+(?:what\\s+(?:i|we|he|she|they)\\s+(?:say|said)|the\\s+(?:speech|audio|dialogue)|my\\s+(?:voice|speech))\\b.*"
                        + "|\\bauto-?(?:generated?|matic)\\s+(?:subtitles?|captions?)\\b.*|自动生成字幕|根据[^，,。]{0,10}(?:说|讲)的话?(?:自动)?(?:生成|加|配|做)(?:上|个)?字幕|语音转字幕|识别字幕"
                        // "transcribe the interview", "caption whatever the speakers say", "subtitles from what I'm saying",
                        // translated or sung: 把这段英文采访翻译成中文字幕, 把我说的话识别出来做成字幕, 歌词字幕帮我对上
                        + "|\\b(?:transcribe|transcription\\s+of)\\b.*"
                        // "captions that pop up word by word as I talk": the words come from the speech
                        + "|\\b(?:captions?|subtitles?)\\b[^,.;]{0,40}\\bas\\s+(?:i|we|he|she|they|you|people)\\s+(?:talk|speak|say\\s+(?:it|them))\\b.*"
                        + "|\\b(?:caption|subtitle)\\s+(?:what(?:ever)?|everything)\\s+(?:i|we|he|she|they|you|the\\s+[a-z]+|people|everyone)\\s+(?:say|says|said|(?:am|is|are|'m|'s|'re)\\s+saying)\\b.*"
                        + "|\\b(?:subtitles?|captions?)\\s+(?:from|of|for)\\s+(?:what(?:ever)?|everything)\\s+(?:i|we|he|she|they|the\\s+[a-z]+|people)\\s*(?:'m|'s|'re|am|is|are)?\\s+(?:saying|singing|says|said|say)\\b.*"
                        + "|\\b(?:subtitles?|captions?)\\b[^,.;]{0,30}\\btranslat\\w*\\b.*|\\btranslat\\w*\\b[^,.;]{0,40}\\b(?:subtitles?|captions?)\\b.*"
                        + "|\\blyrics?\\b[^,.;]{0,30}\\b(?:subtitles?|captions?|synced?|in\\s+time)\\b.*|\\b(?:subtitles?|captions?)\\b[^,.;]{0,30}\\blyrics?\\b.*"
                        + "|(?:识别|听写|翻译|转写)(?:出来)?[^，,。；;]{0,8}?(?:成|做成|为|变成)?[^，,。；;]{0,4}字幕|歌词字幕[^，,。；;]{0,8}|(?:说的话|讲的话|对话|采访)[^，,。；;]{0,6}(?:做成|变成|生成|转成|配上?)字幕",
                " asks for captions written from the speech, which takes a speech model; the local"
                        + " engine shows the text the prompt gives (\"add the caption 'Welcome'\")",
                "要求根据语音生成字幕，这需要语音识别模型；本地引擎只显示提示词里给出的文字（“加字幕「欢迎」”）"));
        // cuts timed to the music's beat: finding beats and placing cuts on them is a montage editor's work
        r.add(impossible("\\b(?:beat[\\s-]?sync\\w*|sync\\w*\\s+(?:it\\s+|the\\s+cuts\\s+)?to\\s+the\\s+(?:beat|music|rhythm))\\b.*"
                        + "|\\b(?:every|each|all\\s+the|the)\\s+cuts?\\b.*\\b(?:on|to|with)\\s+the\\s+(?:beat|beats|music|rhythm)\\b.*|\\bcut\\s+(?:it\\s+)?to\\s+the\\s+(?:beat|music|rhythm)\\b.*"
                        // 根据音乐卡点剪一下, 跟着音乐鼓点自动切画面 (but 卡点用的, "for a beat-synced video", only says what it is for)
                        + "|(?:根据|跟着|按照?|踩着?|自动)(?:音乐|bgm)?的?(?:鼓点|节拍|节奏)?卡点[^，,。；;]{0,8}|卡点(?:剪|切)[^，,。；;]{0,6}|(?:做|剪)(?:个|成)?卡点(?:视频)?"
                        + "|(?:根据|跟着|按照?|踩着?)(?:音乐|bgm)?的?(?:鼓点|节拍|节奏)?(?:剪|切|自动切)[^，,。；;]{0,6}",
                " asks for cuts timed to the music's beat: the local engine finds no beats;"
                        + " say each cut with its time (\"cut 0:12 to 0:14\")",
                "要求按音乐节拍剪辑：本地引擎不会识别节拍；请写明每处剪辑的时间（“剪掉0:12到0:14”）"));
        // the sound alone, without the picture: the result of a video edit is a video
        r.add(of("i\\s+(?:only|just)\\s+(?:need|want)\\s+the\\s+(?:sound|audio)(?=\\s*(?:$|[,.!?]))|(?:(?:keep|i\\s+(?:only\\s+|just\\s+)?(?:need|want))\\s+)?(?:only|just)\\s+the\\s+(?:sound|audio)(?:\\s+(?:from|of|out\\s+of)\\s+(?:it|this|(?:the|this)\\s+[a-z]+(?:\\s+[a-z]+)?))?(?:\\s+(?:pls|please|plz))?(?=\\s*(?:$|[,.!?]))"
                        + "|(?:give|send)\\s+me\\s+(?:only\\s+|just\\s+)?the\\s+(?:sound|audio)(?:\\s+(?:only|track))?(?=\\s*(?:$|[,.!?]))"
                        + "|(?:extract|export|save|rip|pull\\s+out)\\s+(?:only\\s+|just\\s+)?the\\s+(?:sound|audio)(?:\\s+(?:only|track))?(?:\\s+(?:as|to|into|in)\\s+(?:an?\\s+)?(?:mp3|m4a|wav|aac|audio\\s+file))?|(?:sound|audio)[\\s-]+only|no\\s+(?:picture|video)(?=\\s*(?:$|[,.!?]))"
                        + "|(?:只要|只保留|只留)(?:声音|音频)(?:就行|就好)?(?=\\s*(?:$|[，,。！!]))|(?:画面不要|不要画面)(?=\\s*(?:$|[，,。！!]))|(?:提取|导出)(?:音频|声音)"
                        // "could I just have the sound as an mp3"
                        + "|\\b(?:as|to|into|in)\\s+(?:an?\\s+)?(?:mp3|m4a|wav|aac|audio\\s+file)\\b|(?:转成|导出成?|做成|存成)\\s*(?:mp3|m4a|wav|音频文件)",
                (m, c) -> {
                    throw VeditException.of(ErrorCode.EDIT_NOT_SUPPORTED,
                            "\"" + m.group().strip() + "\": the result of a video edit is a video; the sound alone is not written (mute or keep the sound instead)",
                            "“" + m.group().strip() + "”：视频编辑的结果是视频，不单独输出声音（可以静音或保留原声）");
                }));
        // background noise is the sound's ("remove the background noise but keep the voices"): never the picture's
        r.add(of("(?:remove|reduce|clean\\s+up|cut|get\\s+rid\\s+of)\\s+(?:the\\s+)?(?:background\\s+)?(?:noise|hiss|hum|static)\\s+(?:from|in)\\s+(?:the\\s+)?(?:audio|sound)"
                        + "|(?:remove|reduce|clean\\s+up|cut|get\\s+rid\\s+of|eliminate|kill|filter\\s+out)\\s+(?:the\\s+|all\\s+(?:the\\s+)?|any\\s+)?background\\s+(?:noise|hiss|hum|static)"
                        + "(?:\\s+(?:but\\s+)?(?:keep|preserve)\\s+(?:the\\s+)?(?:voices?|speech|dialogue|talking|vocals))?"
                        + "|(?:audio|sound)\\s+(?:noise\\s+reduction|denois(?:e|ing))|denoise\\s+the\\s+(?:audio|sound)"
                        + "|(?:音频|声音)降噪|(?:去除|去掉|消除|降低|减少|去)(?:一下|下)?(?:音频|声音|录音)?(?:里|中)?的?(?:(?:空调|冷气|风扇|电脑|冰箱|机器|马路|外面|窗外)的?)?(?:背景)?(?:噪音|杂音|底噪|电流声|风声|风噪|嗡嗡声)|(?:把)?(?:背景)?(?:杂音|噪音|底噪|电流声|嗡嗡声|风声|风噪)(?:都)?(?:去掉|去除|消除|降掉|弄掉)",
                (m, c) -> op(Operation.DENOISE_AUDIO, Map.of())));
        r.add(of("normali[sz]e\\s+(?:it|that|this)(?!\\s+(?:colou?r|picture|image|brightness))|normali[sz]e\\s+(?:the\\s+)?(?:audio|sound|volume|loudness)|(?:audio|loudness|volume)\\s+normali[sz]ation|even\\s+out\\s+the\\s+(?:audio|volume)"
                        + "|音量(?:标准化|归一化|均衡)|响度(?:标准化|归一化|均衡)",
                (m, c) -> op(Operation.NORMALIZE_AUDIO, Map.of())));
        r.add(of("(?:keep|preserve|retain|leave)\\s+(?:the\\s+)?(?:original\\s+)?(?:sound|audio|music|soundtrack)(?:\\s+(?:as\\s+is|unchanged|intact|(?:at\\s+)?normal(?:\\s+speed)?|the\\s+same))?"
                        + "|with\\s+(?:the\\s+)?original\\s+(?:sound|audio)|保留(?:原来的|原始的?|原)?(?:声音|音频|原声|声)|保持原声|原声保留",
                (m, c) -> op(Operation.KEEP_AUDIO, Map.of())));
        r.add(fixed("mute(?:d)?\\b(?!\\s+(?:colou?rs?|tones?))(?:\\s+(?:the\\s+)?(?:original\\s+)?(?:audio|sound))?|(?:remove|drop|strip|delete|cut|kill|turn\\s+off"
                + "|get\\s+rid\\s+of|take\\s+out|switch\\s+off|disable)\\s+(?:the\\s+|all\\s+(?:the\\s+)?|its\\s+)?(?:original\\s+)?"
                + "(?:sound|audio|music|soundtrack)(?:\\s+track)?(?!\\s+(?:in\\s+half|by\\s))|(?:with\\s+)?no\\s+(?:sound|audio)"
                + "|without\\s+(?:any\\s+)?(?:sound|audio)|silent|silence(?:\\s+it)?"
                + "|静音|(?:去掉|去除|删除|移除|删掉|剪掉|关闭|关掉|消除|去)掉?(?:视频)?的?(?:所有)?的?(?:声音|音频|音轨|原声|背景音乐|配乐)(?![里中的])"
                + "|(?:声音|音频|音乐|原声|背景音乐)(?:关掉|关闭|去掉|删掉|剪掉|去除|不要了?)"
                + "|无声|没有声音|不要声音|不要音频", Operation.MUTE));
        // "lower the volume to 30%" names the level, not the change
        r.add(of("(?:(?:set|reduce|lower|decrease|increase|raise|boost|drop|cut|turn|bring|crank|pump|bump|push|put)\\s+)?(?:the\\s+)?" + SOUND + "(?:\\s+(?:down|up))?\\s+(?:to|at)\\s+"
                        + "(?:" + number("n") + "\\s*(?:%|percent)|(?<frac>half|a\\s+quarter|a\\s+third)(?:\\s+(?:of\\s+)?(?:what\\s+it\\s+(?:was|is)|the\\s+original))?"
                        // "turn the volume down to 0.5x": the volume's level, never a speed beside it
                        + "|" + number("x") + "\\s*(?:x|×|times)(?!\\s*(?:speed|faster|slower))(?:\\s+(?:of\\s+)?(?:what\\s+it\\s+(?:was|is)|the\\s+original))?)"
                        + "|" + ZH_SOUND + "(?:调到|调成|设为|设置为|改为|变为|降到|降低到|提高到|调整为|为)\\s*" + number("n2") + "\\s*%"
                        // "volume 2x", "audio x0.5", 音量2倍: the multiple written beside the sound, as a speed is written "2x"
                        + "|(?:(?:make|set|put|have|get)\\s+(?:the\\s+)?|(?<![a-z]\\s)(?:the\\s+)?)" + SOUND + "\\s*(?:[x×]\\s*" + number("x2") + "|" + number("x3") + "\\s*(?:x|×|times)(?!\\s*(?:speed|faster|slower)))"
                        + "|" + ZH_SOUND + "\\s*(?:×\\s*" + number("x4") + "|(?:调到|调成|变成|变为|提高到|放大到|降到|降低到)?(?:原来的)?\\s*" + number("x5") + "\\s*倍(?!速))",
                (m, c) -> volume(m.group("frac") != null ? Numbers.parse(m.group("frac"))
                        : first(m, "x", "x2", "x3", "x4", "x5") != null ? Numbers.parse(first(m, "x", "x2", "x3", "x4", "x5"))
                        : Numbers.parse(m.group("n") != null ? m.group("n") : m.group("n2")) / 100)));
        r.add(of("(?:increase|raise|boost|turn\\s+up|pump\\s+up|bump\\s+up|up)\\s+(?:the\\s+)?" + SOUND + "(?:\\s+(?:by\\s+)?(?<n>" + Numbers.PATTERN + ")\\s*(?<u>%|percent|x|×|times|db|decibels?)?)?" + SLIGHT_AFTER
                        + "|(?:(?:turn|crank|pump|bump)\\s+(?:the\\s+)?)?(?:" + SOUND + "|(?<=(?:turn|crank|pump|bump)\\s)it)\\s+up\\b(?:\\s+(?:by\\s+)?(?<n6>" + Numbers.PATTERN + ")\\s*(?<u6>%|percent|db|decibels?|x|×|times)?)?" + SLIGHT_AFTER
                        + "|(?:(?:the\\s+)?" + SOUND + "\\s+" + SHOULD_BE + ")?(?<twice>twice|double)\\s+as\\s+loud|(?:(?:the\\s+)?" + SOUND + "\\s+" + SHOULD_BE + ")?(?<n7>" + Numbers.PATTERN + ")\\s*(?:times|x|×)\\s+(?:as\\s+loud|louder)"
                        + "|(?:(?<n5>" + Numbers.PATTERN + ")\\s*(?<u5>%|percent|db|decibels?)\\s+)?(?:(?:the\\s+)?" + SOUND + "\\s+" + SHOULD_BE + ")?(?:make\\s+it\\s+)?(?:much\\s+|a\\s+(?:little\\s+)?bit\\s+|a\\s+little\\s+|slightly\\s+|" + A_LOT + "\\s+)?louder(?:\\s+by\\s+(?<n4>" + Numbers.PATTERN + ")\\s*(?<u4>%|percent|db|decibels?|x|×|times)?)?"
                        + "|(?:the\\s+)?" + SOUND + "\\s+(?<n8>" + Numbers.PATTERN + ")\\s*(?<u8>%|percent|db|decibels?)\\s+louder"
                        + "|(?:(?:the\\s+)?" + SOUND + "\\s+" + SHOULD_BE + ")?(?:(?:way|much|far)\\s+)?(?:too|very|so)\\s+(?:quiet|soft|low)|(?:(?:背景)?音乐的?)?(?:音量|声音)太小了?|(?:背景)?音乐太小了?|" + ZH_SOUND + "(?:稍微|稍稍|略微)?(?:调大|加大|提高|增大|放大|大一点|大一些|调高)(?:一点点?|一些|点)?(?:\\s*(?<n2>" + Numbers.PATTERN + ")\\s*(?<u2>%|倍))?|(?:调大|加大|提高|增大)" + ZH_SOUND + "|(?:" + ZH_SOUND + ")?(?:稍微|稍稍|略微)?大声一?点",
                (m, c) -> m.group("twice") != null ? volume(2) : m.group("n7") != null ? louder(m.group("n7"), "x", "")
                        : louder(first(m, "n", "n2", "n4", "n5", "n6", "n8"), first(m, "u", "u2", "u4", "u5", "u6", "u8"), m.group())));
        r.add(of("(?:decrease|reduce|lower|turn\\s+down|cut|drop|bring\\s+down)\\s+(?:the\\s+)?" + SOUND + "(?!\\s+in\\s+half)(?:\\s+(?:by\\s+)?(?<n>" + Numbers.PATTERN + ")\\s*(?<u>%|percent|db|decibels?|x|×|times)?)?" + SLIGHT_AFTER
                        + "|(?:(?:turn|bring)\\s+(?:the\\s+)?)?(?:" + SOUND + "|(?<=(?:turn|bring)\\s)it)\\s+down\\b(?:\\s+(?:by\\s+)?(?<n6>" + Numbers.PATTERN + ")\\s*(?<u6>%|percent|db|decibels?|x|×|times)?)?" + SLIGHT_AFTER
                        + "|(?:(?<n4>" + Numbers.PATTERN + ")\\s*(?<u4>%|percent|db|decibels?)\\s+)?(?:(?:the\\s+)?" + SOUND + "\\s+" + SHOULD_BE + ")?(?:make\\s+it\\s+)?(?:much\\s+|a\\s+(?:little\\s+)?bit\\s+|a\\s+little\\s+|slightly\\s+|" + A_LOT + "\\s+)?(?:quieter|" + SOFTER_OF_SOUND + ")(?:\\s+by\\s+(?<n5>" + Numbers.PATTERN + ")\\s*(?<u5>%|percent|db|decibels?)?)?"
                        + "|(?:the\\s+)?" + SOUND + "\\s+(?<n8>" + Numbers.PATTERN + ")\\s*(?<u8>%|percent|db|decibels?)\\s+(?:quieter|softer)"
                        + "|(?:(?:the\\s+)?" + SOUND + "\\s+" + SHOULD_BE + ")?(?:(?:way|much|far)\\s+)?(?:too|very|so)\\s+loud|(?:(?:背景)?音乐的?)?(?:音量|声音)太大了?|(?:背景)?音乐太(?:大|吵)了?|太吵了?|(?<half>half\\s+(?:the\\s+)?volume|half\\s+as\\s+loud|(?:cut|reduce|drop)\\s+(?:the\\s+)?" + SOUND + "\\s+in\\s+half|halve\\s+the\\s+volume|(?:音量|声音)(?:调小|减小|降低|减少|调低|减|调)?(?:到|了|成)?一半|(?:音量|声音)减半)"
                        + "|" + ZH_SOUND + "(?:稍微|稍稍|略微)?(?:调小|减小|降低|减少|小一点|小一些|调低)(?:一点点?|一些|点)?(?:\\s*(?<n2>" + Numbers.PATTERN + ")\\s*(?<u2>%))?|(?:调小|减小|降低|减少)" + ZH_SOUND + "|(?:" + ZH_SOUND + ")?(?:稍微|稍稍|略微)?小声一?点",
                (m, c) -> quieter(m.group("half") != null ? "50" : first(m, "n", "n2", "n4", "n5", "n6", "n8"),
                        m.group("half") != null ? "%" : first(m, "u", "u2", "u4", "u5", "u6", "u8"), m.group())));
        return List.copyOf(r);
    }

    private static EditOperation louder(String number, String unit, String words) {
        if (number == null) {
            return volume(SLIGHT.matcher(words).find() ? SLIGHTLY_LOUDER : MUCH.matcher(words).find() ? MUCH_LOUDER : LOUDER);
        }
        double n = Numbers.parse(number);
        return volume(isDecibels(unit) ? Math.pow(10, n / 20) : Rule.changeBy(1, bareChange(n, unit), unit));
    }

    private static EditOperation quieter(String number, String unit, String words) {
        if (number == null) {
            return volume(SLIGHT.matcher(words).find() ? SLIGHTLY_QUIETER : MUCH.matcher(words).find() ? MUCH_QUIETER : QUIETER);
        }
        double n = Numbers.parse(number);
        return volume(isDecibels(unit) ? Math.pow(10, -n / 20) : Rule.changeBy(-1, bareChange(n, unit), unit));
    }

    private static boolean isDecibels(String unit) {
        return unit != null && unit.startsWith("d");
    }

    /** {@code n}, unless it is a bare number too large for a multiple: a volume change "by 10" may be 10% or 10 dB. */
    private static double bareChange(double n, String unit) {
        if (unit == null && n > Rule.MAX_BARE_MULTIPLE) {
            String amount = Rule.written(n);
            throw invalid("a volume change \"by " + amount + "\" is ambiguous: say " + amount + "%, " + amount + " dB or " + amount + "x",
                    "音量变化“" + amount + "”含义不明确：请写明 " + amount + "%、" + amount + " dB 还是 " + amount + " 倍");
        }
        return n;
    }

    private static EditOperation volume(double factor) {
        if (!(factor > 0 && factor <= 4)) {
            throw invalid("the volume factor must be above 0 and at most 4 (400%); to remove the sound, mute it",
                    "音量倍数必须大于 0 且不超过 4（400%）；如需去掉声音请使用静音");
        }
        return op(Operation.VOLUME, Map.of("factor", round(factor)));
    }
}
