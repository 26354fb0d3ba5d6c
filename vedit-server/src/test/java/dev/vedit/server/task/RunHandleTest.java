package dev.vedit.server.task;

import static dev.vedit.server.task.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RunHandleTest {
    private final RunHandle handle = new RunHandle(aTask().build(), Path.of("unused"), Duration.ofMinutes(1), 0, state -> true);

    @Test
    void progressNeverGoesBackWithinAnAttempt() {
        handle.progress(0.61);
        handle.progress(0.96);
        // A late report from another thread (ComfyUI's event socket) with an older figure.
        handle.progress(0.78);
        assertThat(handle.percent()).isEqualTo(96);
        handle.progress(1.0);
        assertThat(handle.percent()).isEqualTo(100);
    }

    @Test
    void progressIsClampedToZeroToOne() {
        handle.progress(-0.5);
        assertThat(handle.percent()).isZero();
        handle.progress(7);
        assertThat(handle.percent()).isEqualTo(100);
    }
}
