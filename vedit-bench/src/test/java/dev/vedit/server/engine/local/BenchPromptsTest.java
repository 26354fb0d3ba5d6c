package dev.vedit.server.engine.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vedit.bench.BenchPrompts;
import dev.vedit.wire.VeditException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The API benchmark's prompts are requests the local engine reads (a refused prompt would measure the refusal),
 * and they do not repeat: in this package because the interpreter is package-private to the engine.
 */
class BenchPromptsTest {
    private final PromptInterpreter interpreter = new PromptInterpreter();

    @Test
    void everyTemplateWithEveryNumberIsReadAsEdits() {
        // 26 templates × 8 small numbers: every template with every first-slot value, and the wide slot's ends.
        List<String> refused = new ArrayList<>();
        for (int i : IntStream.concat(IntStream.range(0, 26 * 8), IntStream.range(BenchPrompts.distinct() - 26, BenchPrompts.distinct())).toArray()) {
            String prompt = BenchPrompts.prompt(i);
            try {
                assertThat(interpreter.interpret(prompt, 0)).as(prompt).isNotEmpty();
            } catch (VeditException e) {
                refused.add(prompt + " → " + e.getMessage());
            }
        }
        assertThat(refused).isEmpty();
    }

    @Test
    void everyPromptReadsTheSameWithoutTheRulesPrefilter() {
        // The prefilter skips a rule only where its pattern cannot match (PrefilterTest): over the bench's own
        // prompts, every template with several numbers, the readings with and without it are equal.
        PromptInterpreter everyRule = new PromptInterpreter(false);
        for (int i = 0; i < 26 * 12; i++) {
            String prompt = BenchPrompts.prompt(i * 37);
            assertThat(interpreter.read(prompt, 0)).as(prompt).isEqualTo(everyRule.read(prompt, 0));
        }
    }

    @Test
    void promptsDoNotRepeatWithinARunNorBackToBack() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < BenchPrompts.distinct(); i++) {
            assertThat(seen.add(BenchPrompts.prompt(i))).as("prompt %d repeats: %s", i, BenchPrompts.prompt(i)).isTrue();
        }
    }
}
