package dev.vedit.server.http;

import dev.vedit.server.db.Sql;
import org.jdbi.v3.core.Jdbi;

/**
 * The per-account token bucket kept in PostgreSQL, so that every api node of a deployment spends from one bucket:
 * behind N nodes a key gets the configured rate once, not N times. Each request is one statement (a round trip to
 * the database, which authentication already makes): GCRA, the token bucket written as a single "theoretical
 * arrival time" per account, admits and moves it in one {@code INSERT … ON CONFLICT DO UPDATE … WHERE}. A
 * refused request writes nothing. Time is the database's clock, so nodes with skewed clocks still agree.
 */
final class SharedRateLimiter implements RateLimiter {
    private static final String ADMIT = Sql.load(SharedRateLimiter.class, "admit");

    private final Jdbi jdbi;
    private final long intervalMicros;
    private final long windowMicros;
    private final boolean off;

    SharedRateLimiter(Jdbi jdbi, RequestLimits limits) {
        this.jdbi = jdbi;
        this.off = limits.perSecond() == 0;
        // One token every interval; a full bucket of `burst` tokens is `burst` intervals of credit.
        this.intervalMicros = off ? 1 : Math.max(1, Math.round(1_000_000 / limits.perSecond()));
        this.windowMicros = intervalMicros * limits.burst();
    }

    @Override
    public Admission admit(long accountId) {
        if (off) {
            return Admission.ADMITTED;
        }
        return jdbi.withHandle(h -> h.createQuery(ADMIT)
                .bind("account", accountId)
                .bind("interval", intervalMicros)
                .bind("window", windowMicros)
                .map((rs, ctx) -> {
                    if (rs.getLong("admitted") > 0) {
                        return Admission.ADMITTED;
                    }
                    long ahead = rs.getLong("ahead");
                    // No earlier row in this statement's snapshot: another node inserted it a moment ago; one interval is the honest wait.
                    long waitMicros = rs.wasNull() ? intervalMicros : Math.max(0, ahead + intervalMicros - windowMicros);
                    return new Admission(false, waitMicros / 1e6);
                })
                .one());
    }
}
