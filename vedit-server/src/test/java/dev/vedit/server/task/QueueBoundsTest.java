package dev.vedit.server.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class QueueBoundsTest {
    private final QueueBounds<String> bounds = new QueueBounds<>();
    private final AtomicInteger counts = new AtomicInteger();

    private int queued(int limit, int arriving, long entries, int rows) {
        return bounds.queued("m", limit, arriving, entries, () -> {
            counts.incrementAndGet();
            return Math.min(rows, limit);
        });
    }

    @Test
    void aCountIsKeptAsABoundWhileTheEntriesSinceLeaveRoom() {
        assertThat(queued(100, 1, 10, 40)).isEqualTo(40);
        assertThat(counts).hasValue(1);
        // 5 entries since: at most 45 queued, room for 10 more under 100.
        assertThat(queued(100, 10, 15, 20)).isEqualTo(45);
        assertThat(counts).as("let in on the bound").hasValue(1);
    }

    @Test
    void theRowsAreCountedAgainWhenTheBoundCouldReachTheLimit() {
        queued(100, 1, 10, 40);
        // 55 entries since: the bound (95) and 5 arriving reach 100, so count: 30 queued after claims.
        assertThat(queued(100, 5, 65, 30)).isEqualTo(30);
        assertThat(counts).hasValue(2);
        // And the fresh count is the new bound.
        assertThat(queued(100, 5, 70, 0)).isEqualTo(35);
        assertThat(counts).hasValue(2);
    }

    @Test
    void aCountThatStoppedAtTheLimitIsNotKept() {
        assertThat(queued(50, 1, 10, 80)).isEqualTo(50);
        // A larger limit later: the 50 said only "at least 50", so the rows are counted again.
        assertThat(queued(1000, 1, 10, 80)).isEqualTo(80);
        assertThat(counts).hasValue(2);
    }
}
