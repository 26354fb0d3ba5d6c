package dev.vedit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vedit.sdk.TaskProgress;
import dev.vedit.wire.TaskStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    @Test
    void eachStateRendersItsLabelBarPercentAndElapsedTime() {
        assertThat(ProgressBar.render(TaskStatus.QUEUED, null, Duration.ofSeconds(3)))
                .isEqualTo("queued   [..............................]       0:03");
        assertThat(ProgressBar.render(TaskStatus.RUNNING, 50, Duration.ofSeconds(75)))
                .isEqualTo("running  [###############...............]  50%  1:15");
        assertThat(ProgressBar.render(TaskStatus.SUCCESS, 100, Duration.ofSeconds(9)))
                .isEqualTo("done     [##############################] 100%  0:09");
    }

    @Test
    void onATerminalOneLineIsRedrawnAndOtherwiseOnlyChangesArePrinted() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBar tty = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), true);
        tty.update(progress(TaskStatus.RUNNING, 10));
        tty.update(progress(TaskStatus.SUCCESS, 100));
        String drawn = bytes.toString(StandardCharsets.UTF_8);
        assertThat(drawn).startsWith("\rrunning").contains("\rdone").endsWith(System.lineSeparator());

        bytes.reset();
        ProgressBar log = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
        log.update(progress(TaskStatus.RUNNING, 11));
        log.update(progress(TaskStatus.RUNNING, 12));
        log.update(progress(TaskStatus.RUNNING, 25));
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).hasSize(2).noneMatch(l -> l.contains("\r"));
    }

    private static TaskProgress progress(TaskStatus status, int percent) {
        return new TaskProgress("1", status, percent, Duration.ofSeconds(1), null);
    }
}
