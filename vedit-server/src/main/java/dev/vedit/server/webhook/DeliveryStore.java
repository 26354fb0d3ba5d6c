package dev.vedit.server.webhook;

import dev.vedit.server.task.TaskEndHook;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Webhook deliveries in the relational store. Claimed like tasks: one {@code FOR UPDATE SKIP LOCKED} select,
 * so two nodes never send the same delivery at once, and a lease, so an attempt whose node died is retried by
 * any node once the lease runs out. Every outcome is written only by the node that still holds the attempt.
 */
final class DeliveryStore {
    private static final String COLUMNS = """
            id, task_id, account_id, url, status, payload, attempts, next_attempt_at, claimed_by, response_status,
            response_body, last_error, created_at, updated_at""";

    private final Jdbi jdbi;

    DeliveryStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * Records the delivery of a task that just ended, if it has a webhook URL, inside the task's own terminal
     * transaction. A task ends once, and {@code task_id} is unique, so each task gets exactly one delivery.
     */
    TaskEndHook enqueueOnTaskEnd() {
        return (h, taskId, now) -> h.createUpdate("""
                        INSERT INTO webhook_deliveries (task_id, account_id, url, status, payload, attempts, next_attempt_at,
                            created_at, updated_at)
                        SELECT id, account_id, webhook_url, 'PENDING', NULL, 0, :now, :now, :now
                        FROM tasks WHERE id = :id AND webhook_url IS NOT NULL""")
                .bind("id", taskId).bind("now", now).execute();
    }

    /**
     * Claims up to {@code max} due deliveries for {@code node}: PENDING ones whose time has come, and SENDING
     * ones whose lease ran out (their node died mid-attempt). Each claimed one starts its next attempt.
     */
    List<Delivery> claim(String node, long now, long leaseMillis, int max) {
        return jdbi.inTransaction(h -> {
            List<Long> ids = h.createQuery("""
                            SELECT id FROM webhook_deliveries
                            WHERE (status = 'PENDING' AND next_attempt_at <= :now) OR (status = 'SENDING' AND lease_until < :now)
                            ORDER BY next_attempt_at, id
                            LIMIT :max
                            FOR UPDATE SKIP LOCKED""")
                    .bind("now", now).bind("max", max).mapTo(Long.class).list();
            List<Delivery> claimed = new ArrayList<>();
            for (long id : ids) {
                h.createUpdate("""
                                UPDATE webhook_deliveries SET status = 'SENDING', claimed_by = :node, lease_until = :lease,
                                    attempts = attempts + 1, updated_at = :now
                                WHERE id = :id""")
                        .bind("node", node).bind("lease", now + leaseMillis).bind("now", now).bind("id", id).execute();
                claimed.add(h.createQuery("SELECT " + COLUMNS + " FROM webhook_deliveries WHERE id = :id").bind("id", id)
                        .map((rs, ctx) -> map(rs)).one());
            }
            return claimed;
        });
    }

    /** Fixes the body of a delivery at its first attempt; later attempts send the same bytes. */
    String fixPayload(long id, String payload) {
        return jdbi.inTransaction(h -> {
            h.createUpdate("UPDATE webhook_deliveries SET payload = :p WHERE id = :id AND payload IS NULL")
                    .bind("p", payload).bind("id", id).execute();
            return h.createQuery("SELECT payload FROM webhook_deliveries WHERE id = :id").bind("id", id).mapTo(String.class).one();
        });
    }

    /**
     * Records how an attempt ended: a final status, or PENDING with the time of the next attempt. False when
     * {@code node} no longer holds this attempt (its lease ran out and another node took it over).
     */
    boolean recordAttempt(Delivery attempt, String node, DeliveryStatus status, long nextAttemptAt, Integer responseStatus,
                          String responseBody, String error, long now) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE webhook_deliveries SET status = :status, next_attempt_at = :next, claimed_by = NULL, lease_until = NULL,
                            response_status = :rs, response_body = :rb, last_error = :error, updated_at = :now
                        WHERE id = :id AND claimed_by = :node AND attempts = :attempts AND status = 'SENDING'""")
                .bind("status", status.name()).bind("next", nextAttemptAt).bind("rs", responseStatus)
                .bind("rb", truncate(responseBody, 1024)).bind("error", truncate(error, 1000)).bind("now", now)
                .bind("id", attempt.id()).bind("node", node).bind("attempts", attempt.attempts())
                .execute()) == 1;
    }

    /** The delivery of a task of the account; another account's reads as missing. */
    Optional<Delivery> forTask(long taskId, long accountId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM webhook_deliveries WHERE task_id = :t AND account_id = :a")
                .bind("t", taskId).bind("a", accountId).map((rs, ctx) -> map(rs)).findOne());
    }

    Optional<Delivery> find(long id, long accountId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM webhook_deliveries WHERE id = :id AND account_id = :a")
                .bind("id", id).bind("a", accountId).map((rs, ctx) -> map(rs)).findOne());
    }

    /**
     * Schedules a delivery of the account again, now, with a fresh retry schedule and optionally a new URL. An
     * attempt in flight is left alone (answer: IN_FLIGHT), so a delivery is never sent twice at the same time.
     */
    RetryOutcome retry(long id, long accountId, String newUrl, long now) {
        return jdbi.inTransaction(h -> {
            Optional<String> status = h.createQuery("SELECT status FROM webhook_deliveries WHERE id = :id AND account_id = :a FOR UPDATE")
                    .bind("id", id).bind("a", accountId).mapTo(String.class).findOne();
            if (status.isEmpty()) {
                return RetryOutcome.NOT_FOUND;
            }
            if (DeliveryStatus.valueOf(status.get()) == DeliveryStatus.SENDING) {
                return RetryOutcome.IN_FLIGHT;
            }
            h.createUpdate("""
                            UPDATE webhook_deliveries SET status = 'PENDING', url = COALESCE(:url, url), attempts = 0,
                                next_attempt_at = :now, last_error = NULL, updated_at = :now
                            WHERE id = :id""")
                    .bind("url", newUrl).bind("now", now).bind("id", id).execute();
            return RetryOutcome.SCHEDULED;
        });
    }

    /**
     * Puts every in-flight attempt back to PENDING at once. Only for a database this process holds alone
     * (embedded H2): whatever was SENDING belongs to a process that died.
     */
    int releaseAllInFlight(long now) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE webhook_deliveries SET status = 'PENDING', claimed_by = NULL, lease_until = NULL, next_attempt_at = :now,
                            last_error = 'the process sending this attempt stopped', updated_at = :now
                        WHERE status = 'SENDING'""")
                .bind("now", now).execute());
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    private static Delivery map(ResultSet rs) throws SQLException {
        int responseStatus = rs.getInt("response_status");
        Integer status = rs.wasNull() ? null : responseStatus;
        return new Delivery(rs.getLong("id"), rs.getLong("task_id"), rs.getLong("account_id"), rs.getString("url"),
                DeliveryStatus.valueOf(rs.getString("status")), rs.getString("payload"), rs.getInt("attempts"),
                rs.getLong("next_attempt_at"), rs.getString("claimed_by"), status, rs.getString("response_body"),
                rs.getString("last_error"), rs.getLong("created_at"), rs.getLong("updated_at"));
    }
}
