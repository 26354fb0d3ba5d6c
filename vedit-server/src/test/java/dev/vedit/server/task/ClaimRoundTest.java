package dev.vedit.server.task;

import static dev.vedit.server.task.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The order in which a group of claims takes tasks: the single claims' fairness and limits, played out in memory. */
class ClaimRoundTest {
    private static final String MODEL = "kling-video-o3-pro/video-edit";

    private static ClaimRound.Account account(long id, int running, int limit, long... candidates) {
        ClaimRound.Account a = new ClaimRound.Account(id, running, limit, candidates.length == 0 ? Long.MAX_VALUE : candidates[0]);
        for (long c : candidates) {
            a.candidates.add(aTask().withId(c).forAccount(id).withEndpoint(MODEL).build());
        }
        return a;
    }

    private static List<Long> take(ClaimRound round, int claims, Map<String, Integer> modelRunning, int modelLimit) {
        return round.take(claims, modelRunning, e -> modelLimit).stream().map(Task::id).toList();
    }

    @Test
    void claimsGoToTheAccountRunningFewestThenToTheOldestTask() {
        ClaimRound.Account flood = account(1, 0, 8, 10, 11, 12, 13);
        ClaimRound.Account small = account(2, 0, 8, 20);
        ClaimRound.Account busy = account(3, 2, 8, 5, 6);
        ClaimRound round = new ClaimRound(List.of(flood, small, busy));
        assertThat(take(round, 6, new HashMap<>(), 100)).containsExactly(10L, 20L, 11L, 5L, 12L, 6L);
        assertThat(flood.running).isEqualTo(3);
        assertThat(small.running).isEqualTo(1);
        assertThat(busy.running).isEqualTo(4);
    }

    @Test
    void anAccountStopsAtItsLimitAndTheRoundAtTheFirstClaimThatFindsNothing() {
        ClaimRound.Account one = account(1, 1, 2, 10, 11, 12);
        ClaimRound round = new ClaimRound(List.of(one));
        assertThat(take(round, 4, new HashMap<>(), 100)).containsExactly(10L);
        assertThat(one.candidates).extracting(Task::id).containsExactly(11L, 12L);
    }

    @Test
    void aCandidateOfAFullModelIsSkippedAndTheModelsCountIncludesTheRoundsClaims() {
        ClaimRound.Account a = account(1, 0, 8, 10, 11);
        a.candidates.add(aTask().withId(12).forAccount(1).withEndpoint("other/edit").build());
        ClaimRound.Account b = account(2, 0, 8, 20);
        Map<String, Integer> modelRunning = new HashMap<>(Map.of(MODEL, 1));
        ClaimRound round = new ClaimRound(List.of(a, b));
        // MODEL runs 1 of its 2: task 10 takes the last slot; then a's 11 and b's 20 are over it, a's 12 is not.
        assertThat(take(round, 4, modelRunning, 2)).containsExactly(10L, 12L);
        assertThat(modelRunning).containsEntry(MODEL, 2).containsEntry("other/edit", 1);
    }

    @Test
    void theExpectedClaimsSayWhoseCandidatesToReadAndHowMany() {
        ClaimRound.Account flood = new ClaimRound.Account(1, 0, 8, 10);
        ClaimRound.Account small = new ClaimRound.Account(2, 0, 8, 20);
        ClaimRound.Account full = new ClaimRound.Account(3, 7, 8, 5);
        ClaimRound.Account unused = new ClaimRound.Account(4, 6, 8, 1);
        Map<ClaimRound.Account, Integer> expected = new ClaimRound(List.of(flood, small, full, unused)).expectedClaims(5);
        assertThat(expected).containsEntry(flood, 3).containsEntry(small, 2).doesNotContainKeys(full, unused);
    }
}
