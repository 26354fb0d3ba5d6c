package dev.vedit.server.task;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wakes idle workers of this process when work arrives. Only a hint: workers also poll, so a wake-up
 * that is lost (or work submitted on another node) is picked up at the next poll.
 */
public final class QueueSignal {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private long generation;

    /** Wakes every waiting worker. */
    public void wake() {
        lock.lock();
        try {
            generation++;
            work.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Current generation, to be passed to {@link #await}: a wake after reading it is never missed. */
    long generation() {
        lock.lock();
        try {
            return generation;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until woken after {@code seen} or until the timeout. */
    void await(long seen, long timeoutMillis) throws InterruptedException {
        lock.lock();
        try {
            long nanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            while (generation == seen && nanos > 0) {
                nanos = work.awaitNanos(nanos);
            }
        } finally {
            lock.unlock();
        }
    }
}
