package dev.vedit.server.engine.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Runs the prompt corpus ({@code prompt-corpus.jsonl}: English and Chinese prompts written the way users
 * write them, each with its expected plan or refusal) and prints the accuracy the README quotes.
 */
class PromptCorpusTest {

    @Test
    void everyCorpusPromptGetsItsExpectedPlanOrRefusal() throws Exception {
        CorpusCheck.Report report = CorpusCheck.run("/prompt-corpus.jsonl");
        report.print("prompt corpus");
        assertThat(report.results().size()).isGreaterThanOrEqualTo(200);
        assertThat(report.chinese()).isGreaterThanOrEqualTo(60);
        assertThat(report.results()).allMatch(r -> r.outcome() == CorpusCheck.Outcome.RIGHT);
    }
}
