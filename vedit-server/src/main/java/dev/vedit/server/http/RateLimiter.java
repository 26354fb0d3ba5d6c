package dev.vedit.server.http;

/** Admits or refuses one request of an account against its rate limit (a token bucket per account). */
interface RateLimiter {
    /** Takes one token of the account's bucket, or says how long until it holds one. */
    Admission admit(long accountId);

    /**
     * What {@link #admit} decided.
     *
     * @param admitted         whether the request may go on
     * @param retryAfterSeconds when refused, the seconds until the account's next token (for the error message); 0 when admitted
     */
    record Admission(boolean admitted, double retryAfterSeconds) {
        static final Admission ADMITTED = new Admission(true, 0);
    }
}
