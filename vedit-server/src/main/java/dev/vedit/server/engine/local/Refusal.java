package dev.vedit.server.engine.local;

import dev.vedit.server.engine.NeedsGenerativeEngine;
import dev.vedit.wire.ErrorCode;
import dev.vedit.wire.VeditException;
import java.util.List;

/**
 * The three kinds of refusal, so a user can tell "reword it" from "use another engine" from "cannot be done here":
 * <ul>
 *   <li><b>not understood</b>: reword it; the message names the closest supported edit as an example;</li>
 *   <li><b>needs a generative engine</b>: the words quoted need ComfyUI on a GPU (the router relies on
 *       {@link PromptInterpreter#GENERATIVE_ENGINE_EN} in this message);</li>
 *   <li><b>impossible</b> as asked: understood, but the value, the missing input or the kind of edit cannot be done
 *       (a speed of 100x, a third image when two were given, replacing the soundtrack).</li>
 * </ul>
 */
final class Refusal {
    static final String NOT_UNDERSTOOD_EN = "not understood";
    static final String NOT_UNDERSTOOD_ZH = "未能理解";
    static final String IMPOSSIBLE_EN = "impossible as asked";
    static final String IMPOSSIBLE_ZH = "无法按要求完成";
    private static final String EXAMPLES_EN = "\"make it black and white\", \"speed it up 2x\", \"keep only the first 5 seconds\"";
    private static final String EXAMPLES_ZH = "“变成黑白”、“2倍速”、“只保留前5秒”";

    private Refusal() {
    }

    static VeditException notUnderstood(String english, String chinese, Lexicon.Kind closest) {
        String hintEn = closest != null
                ? "did you mean " + closest.op() + ", e.g. \"" + closest.example() + "\"?"
                : "reword it as an edit such as " + EXAMPLES_EN;
        String hintZh = closest != null
                ? "是否想要 " + closest.op() + "（例如“" + closest.example() + "”）？"
                : "请换一种说法，例如" + EXAMPLES_ZH;
        return VeditException.of(ErrorCode.EDIT_NOT_SUPPORTED, NOT_UNDERSTOOD_EN + ": " + english + "; " + hintEn,
                NOT_UNDERSTOOD_ZH + "：" + chinese + "；" + hintZh);
    }

    static VeditException generative(List<String> words) {
        String en = words.stream().map(w -> "\"" + w + "\"").reduce((a, b) -> a + ", " + b).orElse("");
        String zh = words.stream().map(w -> "“" + w + "”").reduce((a, b) -> a + "、" + b).orElse("");
        // Typed, so that routing sends the whole prompt to a generative engine when one is configured.
        return new NeedsGenerativeEngine(en + " needs " + PromptInterpreter.GENERATIVE_ENGINE_EN + ", not the local FFmpeg engine",
                zh + "需要" + PromptInterpreter.GENERATIVE_ENGINE_ZH + "，本地 FFmpeg 引擎无法完成");
    }

    static VeditException impossible(String english, String chinese) {
        return VeditException.of(ErrorCode.EDIT_NOT_SUPPORTED, IMPOSSIBLE_EN + ": " + english, IMPOSSIBLE_ZH + "：" + chinese);
    }

    /**
     * A refusal a rule threw (a value out of range, a missing image, an edit of part of the video) with its kind said:
     * everything the rules refuse on their own is understood but cannot be done as asked.
     */
    static VeditException labelled(VeditException e) {
        String message = e.getMessage();
        if (message == null || message.contains(NOT_UNDERSTOOD_EN) || message.contains(IMPOSSIBLE_EN)
                || message.contains(PromptInterpreter.GENERATIVE_ENGINE_EN)) {
            return e;
        }
        int en = message.indexOf(": ");
        int bar = message.indexOf(" | ");
        int zh = message.indexOf('：', Math.max(bar, 0));
        if (en < 0 || bar < en || zh < 0) {
            return e;
        }
        String labelled = message.substring(0, en + 2) + IMPOSSIBLE_EN + ": " + message.substring(en + 2, zh + 1)
                + IMPOSSIBLE_ZH + "：" + message.substring(zh + 1);
        return new VeditException(e.code(), labelled, e);
    }
}
