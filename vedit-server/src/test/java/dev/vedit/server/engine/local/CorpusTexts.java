package dev.vedit.server.engine.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every prompt of both corpora in the forms the reading searches them in, for tests that compare two ways of matching:
 * as written, shouted, with letters that fold to s, k and i, its written and canonical forms, and its clauses (as
 * split and stripped).
 */
final class CorpusTexts {
    private static final Pattern CLAUSE_BREAK = Pattern.compile("[,;.!?，、；。！？]|\\band\\b|\\bthen\\b|和|然后|并");

    private CorpusTexts() {
    }

    static Set<String> load() throws IOException {
        PromptNormalizer normalizer = new PromptNormalizer(Lexicon.get());
        Set<String> texts = new LinkedHashSet<>();
        ObjectMapper json = new ObjectMapper();
        for (String resource : List.of("/prompt-corpus.jsonl", "/prompt-corpus-outside.jsonl")) {
            try (InputStream in = Objects.requireNonNull(CorpusTexts.class.getResourceAsStream(resource), resource)) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    if (line.isBlank()) {
                        continue;
                    }
                    String prompt = json.readTree(line).get("prompt").asText();
                    String written = normalizer.written(new Quotes(prompt).masked());
                    String canonical = normalizer.canonical(written);
                    texts.add(prompt);
                    texts.add(prompt.toUpperCase(Locale.ROOT));
                    texts.add(prompt.replace("s", "\u017F").replace("k", "\u212A").replace("i", "\u0131"));
                    texts.add(written);
                    texts.add(canonical);
                    for (String clause : CLAUSE_BREAK.split(canonical)) {
                        texts.add(clause);
                        texts.add(clause.strip());
                    }
                }
            }
        }
        return texts;
    }
}
