package dev.vedit.server.engine.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vedit.wire.EditOperation;
import dev.vedit.wire.VeditException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Runs one prompt corpus (JSON lines: {@code prompt}, optional {@code images}, and either {@code ops} or {@code refused}
 * with {@code quoting} and an optional refusal {@code kind}) and sorts every miss into a refusal of a doable edit or a
 * wrong edit, which are not equally bad: a wrong edit hands back a video the user did not ask for.
 */
final class CorpusCheck {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How a refusal kind shows in the message (see {@link Refusal}). */
    private static final Map<String, String> KIND_MARKERS = Map.of(
            "generative", "ComfyUI",
            "not_understood", "not understood",
            "impossible", "impossible");

    enum Outcome { RIGHT, REFUSED_DOABLE, WRONG_EDIT, WRONG_REFUSAL }

    record Result(String prompt, Outcome outcome, String detail) {
    }

    record Report(List<Result> results, int chinese) {
        long count(Outcome outcome) {
            return results.stream().filter(r -> r.outcome() == outcome).count();
        }

        double accuracy() {
            return 100.0 * count(Outcome.RIGHT) / results.size();
        }

        void print(String name) {
            System.out.printf(Locale.ROOT, "%s: %d prompts (%d Chinese), %.1f%% as expected; %d doable edits refused,"
                            + " %d wrong edits, %d refusals of the wrong kind%n", name, results.size(), chinese, accuracy(),
                    count(Outcome.REFUSED_DOABLE), count(Outcome.WRONG_EDIT), count(Outcome.WRONG_REFUSAL));
            results.stream().filter(r -> r.outcome() != Outcome.RIGHT)
                    .forEach(r -> System.out.println("  " + r.outcome() + " " + r.prompt() + "  ->  " + r.detail()));
        }
    }

    private CorpusCheck() {
    }

    static Report run(String resource) throws IOException {
        PromptInterpreter interpreter = new PromptInterpreter();
        List<Result> results = new ArrayList<>();
        int chinese = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                Objects.requireNonNull(CorpusCheck.class.getResourceAsStream(resource), resource), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode c = JSON.readTree(line);
                String prompt = c.get("prompt").asText();
                chinese += prompt.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN) ? 1 : 0;
                results.add(check(interpreter, c, prompt, c.path("images").asInt(0)));
            }
        }
        return new Report(results, chinese);
    }

    private static Result check(PromptInterpreter interpreter, JsonNode c, String prompt, int images) {
        List<EditOperation> ops;
        try {
            ops = interpreter.interpret(prompt, images);
        } catch (VeditException e) {
            if (!c.has("refused")) {
                return new Result(prompt, Outcome.REFUSED_DOABLE, e.getMessage());
            }
            if (!e.code().name().equals(c.get("refused").asText())) {
                return new Result(prompt, Outcome.WRONG_REFUSAL, "refused with " + e.code() + " instead of " + c.get("refused").asText() + ": " + e.getMessage());
            }
            String quoted = c.path("quoting").asText("");
            if (!e.getMessage().toLowerCase(Locale.ROOT).contains(quoted.toLowerCase(Locale.ROOT))) {
                return new Result(prompt, Outcome.WRONG_REFUSAL, "the refusal does not quote \"" + quoted + "\": " + e.getMessage());
            }
            String kind = c.path("kind").asText("");
            if (!kind.isEmpty() && !e.getMessage().contains(KIND_MARKERS.get(kind))) {
                return new Result(prompt, Outcome.WRONG_REFUSAL, "the refusal does not say it is " + kind + ": " + e.getMessage());
            }
            return new Result(prompt, Outcome.RIGHT, null);
        }
        if (c.has("refused")) {
            return new Result(prompt, Outcome.WRONG_EDIT, "expected a refusal, got " + ops);
        }
        String problem = compare(c.get("ops"), ops);
        return problem == null ? new Result(prompt, Outcome.RIGHT, null) : new Result(prompt, Outcome.WRONG_EDIT, problem);
    }

    /**
     * Null when {@code ops} is what {@code expected} describes. A parameter is compared exactly, or by direction when
     * the corpus says {@code "up"} or {@code "down"} (against 0 for an {@code amount}, 1 for a factor).
     */
    private static String compare(JsonNode expected, List<EditOperation> ops) {
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
            if (!want.has("params")) {
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = want.get("params").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> p = it.next();
                Object value = got.params().get(p.getKey());
                String wanted = p.getValue().asText();
                boolean same;
                if (wanted.equals("up") || wanted.equals("down")) {
                    double neutral = p.getKey().equals("amount") ? 0 : 1;
                    same = value instanceof Number n && (wanted.equals("up") ? n.doubleValue() > neutral : n.doubleValue() < neutral);
                } else {
                    same = value instanceof Number n ? p.getValue().isNumber() && Math.abs(n.doubleValue() - p.getValue().asDouble()) < 1e-6
                            : value != null && value.toString().equals(wanted);
                }
                if (!same) {
                    return "param " + p.getKey() + " expected " + p.getValue() + ", got " + ops;
                }
            }
        }
        return null;
    }
}
