package dev.vedit.server.webhook;

import dev.vedit.server.db.Sql;
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
    private static final String ENQUEUE_ON_TASK_END = Sql.load(DeliveryStore.class, "enqueue-on-task-end");
    private static final String DUE = Sql.load(DeliveryStore.class, "due");
    private static final String START_ATTEMPT = Sql.load(DeliveryStore.class, "start-attempt");
    private static final String BY_ID = Sql.load(DeliveryStore.class, "by-id");
    private static final String FIX_PAYLOAD = Sql.load(DeliveryStore.class, "fix-payload");
    private static final String PAYLOAD = Sql.load(DeliveryStore.class, "payload");
    private static final String RECORD_ATTEMPT = Sql.load(DeliveryStore.class, "record-attempt");
    private static final String FOR_TASK = Sql.load(DeliveryStore.class, "for-task");
    private static final String OF_ACCOUNT = Sql.load(DeliveryStore.class, "of-account");
    private static final String LOCK_FOR_RETRY = Sql.load(DeliveryStore.class, "lock-for-retry");
    private static final String RETRY = Sql.load(DeliveryStore.class, "retry");
    private static final String RELEASE_ALL_IN_FLIGHT = Sql.load(DeliveryStore.class, "release-all-in-flight");

    private final Jdbi jdbi;

    DeliveryStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * Records the delivery of a task that just ended, if it has a webhook URL, inside the task's own terminal
     * transaction. A task ends once, and {@code task_id} is unique, so each task gets exactly one delivery.
     */
    TaskEndHook enqueueOnTaskEnd() {
        return (h, task, now) -> {
            // Most tasks have no webhook: no statement for them (a task's URL is fixed at submit).
            if (task.webhookUrl() != null) {
                h.createUpdate(ENQUEUE_ON_TASK_END).bind("id", task.id()).bind("now", now).execute();
            }
        };
    }

    /**
     * Claims up to {@code max} due deliveries for {@code node}: PENDING ones whose time has come, and SENDING
     * ones whose lease ran out (their node died mid-attempt). Each claimed one starts its next attempt.
     */
    List<Delivery> claim(String node, long now, long leaseMillis, int max) {
        return jdbi.inTransaction(h -> {
            List<Long> ids = h.createQuery(DUE)
                    .bind("now", now).bind("max", max).mapTo(Long.class).list();
            List<Delivery> claimed = new ArrayList<>();
            for (long id : ids) {
                h.createUpdate(START_ATTEMPT)
                        .bind("node", node).bind("lease", now + leaseMillis).bind("now", now).bind("id", id).execute();
                claimed.add(h.createQuery(BY_ID).bind("id", id)
                        .map((rs, ctx) -> map(rs)).one());
            }
            return claimed;
        });
    }

    /** Fixes the body of a delivery at its first attempt; later attempts send the same bytes. */
    String fixPayload(long id, String payload) {
        return jdbi.inTransaction(h -> {
            h.createUpdate(FIX_PAYLOAD)
                    .bind("payload", payload).bind("id", id).execute();
            return h.createQuery(PAYLOAD).bind("id", id).mapTo(String.class).one();
        });
    }

    /**
     * Records how an attempt ended: a final status, or PENDING with the time of the next attempt. False when
     * {@code node} no longer holds this attempt (its lease ran out and another node took it over).
     */
    boolean recordAttempt(Delivery attempt, String node, DeliveryStatus status, long nextAttemptAt, Integer responseStatus,
                          String responseBody, String error, long now) {
        return jdbi.withHandle(h -> h.createUpdate(RECORD_ATTEMPT)
                .bind("status", status.name()).bind("next", nextAttemptAt).bind("responseStatus", responseStatus)
                .bind("responseBody", truncate(responseBody, 1024)).bind("error", truncate(error, 1000)).bind("now", now)
                .bind("id", attempt.id()).bind("node", node).bind("attempts", attempt.attempts())
                .execute()) == 1;
    }

    /** The delivery of a task of the account; another account's reads as missing. */
    Optional<Delivery> forTask(long taskId, long accountId) {
        return jdbi.withHandle(h -> h.createQuery(FOR_TASK)
                .bind("task", taskId).bind("account", accountId).map((rs, ctx) -> map(rs)).findOne());
    }

    Optional<Delivery> find(long id, long accountId) {
        return jdbi.withHandle(h -> h.createQuery(OF_ACCOUNT)
                .bind("id", id).bind("account", accountId).map((rs, ctx) -> map(rs)).findOne());
    }

    /**
     * Schedules a delivery of the account again, now, with a fresh retry schedule and optionally a new URL. An
     * attempt in flight is left alone (answer: IN_FLIGHT), so a delivery is never sent twice at the same time.
     */
    RetryOutcome retry(long id, long accountId, String newUrl, long now) {
        return jdbi.inTransaction(h -> {
            Optional<String> status = h.createQuery(LOCK_FOR_RETRY)
                    .bind("id", id).bind("account", accountId).mapTo(String.class).findOne();
            if (status.isEmpty()) {
                return RetryOutcome.NOT_FOUND;
            }
            if (DeliveryStatus.valueOf(status.get()) == DeliveryStatus.SENDING) {
                return RetryOutcome.IN_FLIGHT;
            }
            h.createUpdate(RETRY)
                    .bind("url", newUrl).bind("now", now).bind("id", id).execute();
            return RetryOutcome.SCHEDULED;
        });
    }

    /**
     * Puts every in-flight attempt back to PENDING at once. Only for a database this process holds alone
     * (embedded H2): whatever was SENDING belongs to a process that died.
     */
    int releaseAllInFlight(long now) {
        return jdbi.withHandle(h -> h.createUpdate(RELEASE_ALL_IN_FLIGHT)
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
