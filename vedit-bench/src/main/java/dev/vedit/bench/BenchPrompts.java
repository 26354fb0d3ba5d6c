package dev.vedit.bench;

import java.util.List;
import java.util.Locale;

/**
 * The prompts the API benchmark submits: realistic requests in English and Chinese, each template with two
 * number slots that the submit's index fills. A benchmark that repeats one prompt measures the interpreter's
 * memory of recent readings, not the reading; these give 26 × 8 × 512 distinct texts, more than any run submits
 * and more than that memory holds, and no two consecutive submits share a template. Times stay within the
 * bench's 10 s upload; the second slot goes into quoted text (a title, a caption), which the interpreter never reads as an edit.
 */
public final class BenchPrompts {
    static final List<String> TEMPLATES = List.of(
            "make it black and white and speed it up 1.%1$dx, then add the title \"Video %2$d\"",
            "brighten it by %1$d0%% and add a strong vignette, caption 'Take %2$d'",
            "only keep the first %1$d seconds, then add the title \"Take %2$d\"",
            "rotate 90 degrees clockwise, mute the sound, loop it %1$d times and add a caption 'Clip %2$d'",
            "it looks a bit dark, brighten it by %1$d%%, and add the title \"Evening %2$d\"",
            "hi, I filmed this for TikTok: make it 9:16 and fade in over %1$d seconds, title \"Part %2$d\"",
            "cut off the first %1$d seconds and add the title \"Trip %2$d\" at the top",
            "loop it %1$d times, make it sepia and add a caption 'Loop %2$d'",
            "lower the volume by %1$d0%%, sharpen the picture and add the title \"Talk %2$d\"",
            "shift the hue by %1$d0 degrees, then mirror it, caption 'Mirror %2$d'",
            "freeze frame at %1$d s for 1 s and add a caption 'Scene %2$d'",
            "posterize to %1$d levels, add film grain and the title \"Poster %2$d\"",
            "slow motion please, contrast 1.%1$d, and add the title \"Slow %2$d\"",
            "fade in and out over %1$d seconds, and add a caption 'Day %2$d'",
            "pixelate the whole video, loop it %1$d times, then add the title \"Hidden %2$d\"",
            "reduce the noise, warmer colours, %1$d0 fps, and add the title \"Version %2$d\" at the bottom",
            "把视频调成黑白，然后加速1.%1$d倍，加标题「第%2$d集」",
            "只保留前%1$d秒，加字幕“片段%2$d”",
            "画面有点暗，调亮一点，再加%1$d秒淡入，加标题「夜景%2$d」",
            "顺时针旋转90度并静音，循环播放%1$d次，加字幕“第%2$d版”",
            "剪掉前%1$d秒，加标题「旅行第%2$d天」",
            "循环播放%1$d次，加颗粒感，加字幕“片段%2$d”",
            "竖屏，帧率改为%1$d0，加标题「竖屏%2$d」",
            "降噪，锐化，在%1$d秒处定格1秒，加标题「第%2$d个版本」",
            "倒放，循环播放%1$d次，然后在顶部加字幕“你好 %2$d”",
            "镜像，色相偏移%1$d0度，加标题「镜像%2$d」");

    private BenchPrompts() {
    }

    /** Prompt number {@code i} (any i ≥ 0): the template {@code i mod 26}, its numbers taken from {@code i / 26}. */
    public static String prompt(int i) {
        int k = i / TEMPLATES.size();
        int small = 2 + k % 8;
        int wide = 10 + (k / 8) % 512;
        return String.format(Locale.ROOT, TEMPLATES.get(i % TEMPLATES.size()), small, wide);
    }

    /** How many distinct prompts {@link #prompt} gives before it repeats. */
    public static int distinct() {
        return TEMPLATES.size() * 8 * 512;
    }
}
