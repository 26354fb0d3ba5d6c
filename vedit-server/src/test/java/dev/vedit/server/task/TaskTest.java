package dev.vedit.server.task;

import static dev.vedit.server.task.TaskBuilder.NOW;
import static dev.vedit.server.task.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a task row tells the API without the store: its client-facing id and its run time ({@code taskCostTime}). */
class TaskTest {
    @Test
    void aQueuedTaskHasNotCostAnythingYet() {
        assertThat(aTask().build().costSeconds(NOW + 60_000)).isZero();
    }

    @Test
    void aRunningTaskCountsUpToNowInWholeSeconds() {
        Task running = aTask().running().build();
        assertThat(running.costSeconds(NOW + 2_400)).isEqualTo(2);
        assertThat(running.costSeconds(NOW + 2_600)).isEqualTo(3);
    }

    @Test
    void anEndedTaskCountsUpToItsEndWhateverTheTimeNow() {
        Task done = aTask().succeeded().build();
        assertThat(done.costSeconds(NOW + 3_600_000)).isEqualTo(TaskBuilder.RUN_MILLIS / 1000);
    }

    @Test
    void aClockThatWentBackNeverGivesANegativeCost() {
        assertThat(aTask().running().build().costSeconds(NOW - 5_000)).isZero();
    }

    @Test
    void theClientSeesTheIdAsItsDecimalDigits() {
        assertThat(aTask().withId(1_383_453_458_050_519_040L).build().taskId()).isEqualTo("1383453458050519040");
    }
}
