package dev.vedit.server.task;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * Which queued tasks a group of claims takes ({@link TaskQueue#endAndClaim}), and in what order: the fairness of single
 * claims, played out in memory over the group's one read of the accounts, so that a group of n claims costs one
 * statement of each kind instead of n (issue 15: on PostgreSQL a group's claims ran one after another, each reading
 * every account). Each claim goes to the account running the fewest tasks (below its limit), ties to the one whose
 * oldest claimable task is oldest, and within it to the oldest task whose model is below its limit; a claim counts
 * at once, so the next one sees it, as the next single claim would.
 */
final class ClaimRound {
    private final List<Account> accounts;

    /** @param accounts the accounts with claimable work, as {@code claim-accounts.sql} read them */
    ClaimRound(List<Account> accounts) {
        this.accounts = accounts;
    }

    /** An account with claimable work; {@code running} and {@code limit} are as last read, then count this round's claims. */
    static final class Account {
        final long id;
        int running;
        int limit;
        /** Its oldest claimable task's id, as the account read saw it (for {@link #expectedClaims}, before candidates are read). */
        final long oldest;
        /** Its oldest claimable tasks, in id order, once read; a claimed one is removed. */
        final List<Task> candidates = new ArrayList<>();

        Account(long id, int running, int limit, long oldest) {
            this.id = id;
            this.running = running;
            this.limit = limit;
            this.oldest = oldest;
        }
    }

    List<Account> accounts() {
        return accounts;
    }

    /**
     * How many of {@code claims} each account would get by the counts of the account read (committed rows only, and
     * no model limits): whose candidates to read, and how many. The exact counts come later, under the accounts' locks.
     */
    Map<Account, Integer> expectedClaims(int claims) {
        Map<Account, Integer> expected = new HashMap<>();
        int[] running = new int[accounts.size()];
        for (int i = 0; i < running.length; i++) {
            running[i] = accounts.get(i).running;
        }
        for (int c = 0; c < claims; c++) {
            int best = -1;
            for (int i = 0; i < running.length; i++) {
                Account a = accounts.get(i);
                if (running[i] < a.limit && (best < 0 || running[i] < running[best]
                        || running[i] == running[best] && a.oldest < accounts.get(best).oldest)) {
                    best = i;
                }
            }
            if (best < 0) {
                break;
            }
            running[best]++;
            expected.merge(accounts.get(best), 1, Integer::sum);
        }
        return expected;
    }

    /**
     * Takes up to {@code claims} candidates, in claim order, by the exact counts: each account's {@code running} and
     * {@code limit} as read under its lock, {@code modelRunning} each candidate model's running tasks. Stops at the
     * first claim that finds nothing: the later ones would not either.
     */
    List<Task> take(int claims, Map<String, Integer> modelRunning, ToIntFunction<String> modelLimit) {
        List<Task> taken = new ArrayList<>(claims);
        List<Account> open = new ArrayList<>(accounts);
        while (taken.size() < claims) {
            Account next = null;
            for (Account a : open) {
                if (a.running < a.limit && !a.candidates.isEmpty() && (next == null || a.running < next.running
                        || a.running == next.running && a.candidates.getFirst().id() < next.candidates.getFirst().id())) {
                    next = a;
                }
            }
            if (next == null) {
                break;
            }
            Task task = takeFrom(next, modelRunning, modelLimit);
            if (task == null) {
                open.remove(next); // every candidate's model is full: the account has nothing for this round
            } else {
                taken.add(task);
            }
        }
        return taken;
    }

    /** The account's oldest candidate whose model is below its limit, counted as claimed; null when there is none. */
    private static Task takeFrom(Account a, Map<String, Integer> modelRunning, ToIntFunction<String> modelLimit) {
        for (int i = 0; i < a.candidates.size(); i++) {
            Task c = a.candidates.get(i);
            int model = modelRunning.getOrDefault(c.endpoint(), 0);
            if (model < modelLimit.applyAsInt(c.endpoint())) {
                modelRunning.put(c.endpoint(), model + 1);
                a.running++;
                return a.candidates.remove(i);
            }
        }
        return null;
    }
}
