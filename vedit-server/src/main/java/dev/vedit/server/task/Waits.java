package dev.vedit.server.task;

/**
 * Waits of the queue's background threads. An interrupt ends the wait early and is kept set, so that the
 * thread's loop (which checks its running flag next) winds down instead of losing the interrupt.
 */
final class Waits {
    private Waits() {
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void join(Thread thread, long millis) {
        try {
            thread.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
