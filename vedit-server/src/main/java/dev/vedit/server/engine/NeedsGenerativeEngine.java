package dev.vedit.server.engine;

import dev.vedit.wire.ErrorCode;
import dev.vedit.wire.VeditException;

/**
 * A refusal at plan time because (part of) the edit needs a generative model: the routing sends such a prompt, whole,
 * to a generative engine when one is configured, and otherwise tells the client which option would enable it.
 */
public final class NeedsGenerativeEngine extends VeditException {
    private final String english;
    private final String chinese;

    /** @param english why, in English (quoting the words); @param chinese the same in Chinese */
    public NeedsGenerativeEngine(String english, String chinese) {
        super(ErrorCode.EDIT_NOT_SUPPORTED, ErrorCode.EDIT_NOT_SUPPORTED.message(english, chinese));
        this.english = english;
        this.chinese = chinese;
    }

    /** The refusal with a hint appended to both halves (e.g. the option that would enable the edit). */
    public VeditException withHint(String englishHint, String chineseHint) {
        return VeditException.of(ErrorCode.EDIT_NOT_SUPPORTED, english + "; " + englishHint, chinese + "；" + chineseHint);
    }

    public String english() {
        return english;
    }
}
