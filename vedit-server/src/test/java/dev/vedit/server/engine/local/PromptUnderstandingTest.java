package dev.vedit.server.engine.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vedit.wire.EditOperation;
import dev.vedit.wire.EditPlan;
import dev.vedit.wire.ErrorCode;
import dev.vedit.wire.VeditException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The interpreter's design, rule by rule, each with rewordings so that no rule holds for one prompt only: context is
 * shown as ignored, normalisation before matching, problems are not requests, one edit in two wordings is one, and
 * every refusal says its kind.
 */
class PromptUnderstandingTest {
    private final PromptInterpreter interpreter = new PromptInterpreter();

    private List<String> ops(String prompt) {
        return interpreter.interpret(prompt, 1).stream().map(EditOperation::op).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Hi! This is from my sister's wedding. Make it black and white, thanks",
            "make it black and white, it's for my portfolio", "I filmed this yesterday, make it black and white please",
            "make it black and white so it looks classy", "make it black and white because the colours are off",
            "black and white, nothing else, cheers", "我昨天拍的，帮我调成黑白，谢谢", "发朋友圈用，弄成黑白的"})
    void contextAroundAnInstructionIsIgnoredAndShown(String prompt) {
        PromptInterpreter.Reading reading = interpreter.read(prompt, 0);
        assertThat(reading.operations()).extracting(EditOperation::op).containsExactly("grayscale");
        if (!prompt.startsWith("black and white, nothing")) {
            assertThat(reading.ignored()).isNotEmpty();
        }
    }

    @Test
    void theIgnoredPartsTravelInThePlanAndAreOmittedWhenThereAreNone() throws Exception {
        ObjectMapper json = new ObjectMapper();
        EditPlan withContext = new EditPlan("local", List.of(new EditOperation("grayscale", Map.of(), "black and white")),
                List.of("it's for tiktok"));
        assertThat(json.writeValueAsString(withContext)).contains("\"ignored\":[\"it's for tiktok\"]");
        assertThat(json.writeValueAsString(new EditPlan("local", List.of()))).doesNotContain("ignored");
        assertThat(json.readValue(json.writeValueAsString(withContext), EditPlan.class)).isEqualTo(withContext);
    }

    @ParameterizedTest
    @ValueSource(strings = {"make it black and white and add sparkles", "it's for tiktok, make it black and white, and give her wings",
            "thanks! black and white, and make the sky purple"})
    void aClauseAskingForSomethingImpossibleStillRefusesNamingIt(String prompt) {
        assertThatThrownBy(() -> interpreter.read(prompt, 0)).isInstanceOf(VeditException.class)
                .satisfies(e -> assertThat(((VeditException) e).code()).isEqualTo(ErrorCode.EDIT_NOT_SUPPORTED));
    }

    @ParameterizedTest
    @ValueSource(strings = {"blur it for the first part", "make it black and white for the last bit",
            "brighten it for the left side"})
    void aPurposeThatLimitsTheEditIsNeverPassedOverAsContext(String prompt) {
        assertThatThrownBy(() -> interpreter.read(prompt, 0)).isInstanceOf(VeditException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Black-And-White", "ＢＬＡＣＫ ＡＮＤ ＷＨＩＴＥ", "grey-scale", "gray-scale please!!!", "blakc and white",
            "black and whtie", "make it monochrome", "BLACK & WHITE :)", "drain all the colour out", "转灰度", "灰度"})
    void variantsOfOneWordingAreOneEdit(String prompt) {
        assertThat(ops(prompt)).containsExactly("grayscale");
    }

    @ParameterizedTest
    @ValueSource(strings = {"flip it upside-down", "flip it upsdie down", "upside-down please", "上下颠倒"})
    void upsideDownInAnySpelling(String prompt) {
        assertThat(ops(prompt)).containsExactly("vflip");
    }

    @ParameterizedTest
    @ValueSource(strings = {"I spend hours on this, reverse it", "my sister loves it, reverse it", "the blue sky is nice, reverse it"})
    void realWordsNearAnEditWordAreNotTakenForTypos(String prompt) {
        assertThat(ops(prompt)).containsExactly("reverse");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"sharpen it, it looks fuzzy|sharpen", "it's blurry, sharpen it|sharpen",
            "it looks fuzzy|sharpen", "the footage is out of focus|sharpen", "get rid of the noise|denoise",
            "get rid of all that noise please|denoise", "clean up the grain|denoise", "the video looks grainy|denoise",
            "it's grainy, denoise it|denoise", "the footage is shaky|stabilize", "画面有点糊|sharpen", "有点抖|stabilize"})
    void aProblemNamedIsNotARequestForMoreOfIt(String prompt, String op) {
        assertThat(ops(prompt)).containsExactly(op);
    }

    @ParameterizedTest
    @ValueSource(strings = {"reverse it, the colours are dull", "reverse it, it's a bit dark", "reverse it. it looks shaky"})
    void aProblemNobodyAskedToFixBesideAnotherEditIsShownAsIgnored(String prompt) {
        PromptInterpreter.Reading reading = interpreter.read(prompt, 0);
        assertThat(reading.operations()).extracting(EditOperation::op).containsExactly("reverse");
        assertThat(reading.ignored()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"it's shaky and too dark, fix both", "it is too dark and shaky, please fix that"})
    void problemsTheUserAsksToFixAreFixed(String prompt) {
        assertThat(ops(prompt)).containsExactlyInAnyOrder("stabilize", "brightness");
    }

    @Test
    void oneEditInTwoWordingsIsOneAndAmountsMerge() {
        assertThat(interpreter.interpret("more colourful and more saturated", 0)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("factor", 1.5));
        assertThat(ops("an old-school, vintage look")).containsExactly("vintage");
        assertThat(ops("mirror it, flip it horizontally")).containsExactly("hflip");
        assertThat(interpreter.interpret("brighter, a lot brighter", 0)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("amount", 0.3));
        assertThat(interpreter.interpret("speed it up, 2x", 0)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("factor", 2.0));
        assertThat(ops("reverse it, then reverse it")).containsExactly("reverse", "reverse");
    }

    @ParameterizedTest
    @ValueSource(strings = {"make it brighter and darker", "louder, quieter"})
    void oppositeChangesOfOneAdjustmentAreRefusedAsImpossible(String prompt) {
        assertThatThrownBy(() -> interpreter.read(prompt, 0)).hasMessageContaining(Refusal.IMPOSSIBLE_EN);
    }

    @Test
    void everyRefusalSaysItsKind() {
        assertThatThrownBy(() -> interpreter.read("make it pop somehow", 0)).hasMessageContaining(Refusal.NOT_UNDERSTOOD_EN)
                .hasMessageContaining("reword it");
        assertThatThrownBy(() -> interpreter.read("rotate", 0)).hasMessageContaining(Refusal.NOT_UNDERSTOOD_EN)
                .hasMessageContaining("did you mean rotate, e.g. \"rotate 90 degrees clockwise\"");
        assertThatThrownBy(() -> interpreter.read("add a vignete glow thing", 0)).hasMessageContaining("did you mean vignette");
        assertThatThrownBy(() -> interpreter.read("replace his shirt with a suit", 0))
                .hasMessageContaining(PromptInterpreter.GENERATIVE_ENGINE_EN);
        assertThatThrownBy(() -> interpreter.read("speed it up 100x", 0)).hasMessageContaining(Refusal.IMPOSSIBLE_EN)
                .hasMessageContaining(Refusal.IMPOSSIBLE_ZH);
        assertThatThrownBy(() -> interpreter.read("add the logo from figure 2", 1)).hasMessageContaining(Refusal.IMPOSSIBLE_EN);
        assertThatThrownBy(() -> interpreter.read("thanks!", 0)).hasMessageContaining(Refusal.NOT_UNDERSTOOD_EN);
    }
}
