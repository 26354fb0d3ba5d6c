package dev.vedit.server.engine.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vedit.wire.EditOperation;
import dev.vedit.wire.VeditException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Runs the prompt corpus ({@code prompt-corpus.jsonl}: English and Chinese prompts written the way users
 * write them, each with its expected plan or refusal) and prints the accuracy the README quotes.
 */
class PromptCorpusTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final PromptInterpreter interpreter = new PromptInterpreter();

    @Test
    void everyCorpusPromptGetsItsExpectedPlanOrRefusal() throws Exception {
        List<JsonNode> cases = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                Objects.requireNonNull(getClass().getResourceAsStream("/prompt-corpus.jsonl")), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isBlank()) {
                    cases.add(JSON.readTree(line));
                }
            }
        }
        List<String> failures = new ArrayList<>();
        int chinese = 0;
        for (JsonNode c : cases) {
            String prompt = c.get("prompt").asText();
            chinese += prompt.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN) ? 1 : 0;
            String problem = check(c, prompt, c.path("images").asInt(0));
            if (problem != null) {
                failures.add(prompt + "  ->  " + problem);
            }
        }
        double accuracy = 100.0 * (cases.size() - failures.size()) / cases.size();
        System.out.printf("prompt corpus: %d prompts (%d Chinese), %.1f%% as expected%n", cases.size(), chinese, accuracy);
        failures.forEach(f -> System.out.println("  MISMATCH " + f));
        assertThat(cases.size()).isGreaterThanOrEqualTo(200);
        assertThat(chinese).isGreaterThanOrEqualTo(60);
        assertThat(failures).isEmpty();
    }

    private String check(JsonNode c, String prompt, int images) {
        List<EditOperation> ops;
        try {
            ops = interpreter.interpret(prompt, images);
        } catch (VeditException e) {
            if (!c.has("refused")) {
                return "refused unexpectedly: " + e.getMessage();
            }
            if (!e.code().name().equals(c.get("refused").asText())) {
                return "refused with " + e.code() + " instead of " + c.get("refused").asText() + ": " + e.getMessage();
            }
            String quoted = c.path("quoting").asText("");
            return e.getMessage().toLowerCase().contains(quoted.toLowerCase()) ? null
                    : "the refusal does not quote \"" + quoted + "\": " + e.getMessage();
        }
        if (c.has("refused")) {
            return "expected a refusal, got " + ops;
        }
        JsonNode expected = c.get("ops");
        if (expected.size() != ops.size()) {
            return "expected " + expected + ", got " + ops;
        }
        for (int k = 0; k < ops.size(); k++) {
            JsonNode want = expected.get(k);
            EditOperation got = ops.get(k);
            String wantOp = want.isTextual() ? want.asText() : want.get("op").asText();
            if (!wantOp.equals(got.op())) {
                return "expected " + expected + ", got " + ops;
            }
            if (want.has("params")) {
                for (Iterator<Map.Entry<String, JsonNode>> it = want.get("params").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> p = it.next();
                    Object value = got.params().get(p.getKey());
                    boolean same = value instanceof Number n ? p.getValue().isNumber() && Math.abs(n.doubleValue() - p.getValue().asDouble()) < 1e-6
                            : value != null && value.toString().equals(p.getValue().asText());
                    if (!same) {
                        return "param " + p.getKey() + " expected " + p.getValue() + ", got " + ops;
                    }
                }
            }
        }
        return null;
    }
}
