package dev.vedit.server.task;

import dev.vedit.wire.TaskStatus;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tasks for tests in one line, as JobRunr's test builders do: {@code aTask().forAccount(a.id()).build()} is a queued
 * kling o3 pro edit with an empty local plan and 3 attempts, submitted at {@link #NOW}; each method changes only what
 * the test is about ({@code aTask().running().build()}, {@code aTask().succeeded().build()}). Ids are 19 digits and
 * grow, as {@link TaskIds} makes them. What no test varies (engine, request, plan, client id) is fixed in {@link #build}.
 */
public final class TaskBuilder {
    /** The submit time of a built task unless the test says otherwise (a fixed instant, so tests can count from it). */
    public static final long NOW = 1_800_000_000_000L;
    /** How long a built task that ended ran. */
    public static final long RUN_MILLIS = 1000;
    private static final AtomicLong IDS = new AtomicLong(1_383_000_000_000_000_000L);

    private long id = IDS.incrementAndGet();
    private long accountId = 1;
    private String endpoint = "kling-video-o3-pro/video-edit";
    private TaskStatus status = TaskStatus.QUEUED;
    private int attempt;
    private String workerId;
    private Integer progress;
    private long createdAt = NOW;
    private Long startedAt;
    private Long finishedAt;

    private TaskBuilder() {
    }

    public static TaskBuilder aTask() {
        return new TaskBuilder();
    }

    public TaskBuilder withId(long taskId) {
        this.id = taskId;
        return this;
    }

    public TaskBuilder forAccount(long account) {
        this.accountId = account;
        return this;
    }

    public TaskBuilder withEndpoint(String modelEndpoint) {
        this.endpoint = modelEndpoint;
        return this;
    }

    /** Submitted (and claimable) at {@code millis}. */
    public TaskBuilder submittedAt(long millis) {
        this.createdAt = millis;
        return this;
    }

    /** Claimed by worker {@code w1}: attempt 1, started at the submit time, no progress yet. */
    public TaskBuilder running() {
        this.status = TaskStatus.RUNNING;
        this.workerId = "w1";
        this.attempt = 1;
        this.startedAt = createdAt;
        this.progress = 0;
        return this;
    }

    /** Ended in SUCCESS {@link #RUN_MILLIS} after it started. */
    public TaskBuilder succeeded() {
        if (status != TaskStatus.RUNNING) {
            running();
        }
        this.status = TaskStatus.SUCCESS;
        this.progress = 100;
        this.finishedAt = startedAt + RUN_MILLIS;
        return this;
    }

    public Task build() {
        Long heartbeatAt = status == TaskStatus.RUNNING ? startedAt : null;
        return new Task(id, accountId, endpoint, "local", status, "{}", "{\"engine\":\"local\",\"operations\":[]}", null,
                "0123456789abcdef0123456789abcdef", attempt, 3, createdAt, workerId, heartbeatAt, false, progress, null, null, null,
                createdAt, startedAt, finishedAt, null);
    }
}
