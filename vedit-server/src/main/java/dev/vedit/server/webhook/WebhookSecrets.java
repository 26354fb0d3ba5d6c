package dev.vedit.server.webhook;

import dev.vedit.server.db.Sql;
import dev.vedit.wire.WebhookSignature;
import org.jdbi.v3.core.Jdbi;

/** Each account's signing secret: created on first use, readable and rotatable by the account. */
final class WebhookSecrets {
    private static final String SECRET = Sql.load(WebhookSecrets.class, "secret");
    private static final String SET_SECRET_IF_NONE = Sql.load(WebhookSecrets.class, "set-secret-if-none");
    private static final String REPLACE_SECRET = Sql.load(WebhookSecrets.class, "replace-secret");
    private final Jdbi jdbi;

    WebhookSecrets(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** The account's secret, created now if it has none (two racing first uses agree on one). */
    String of(long accountId) {
        return jdbi.inTransaction(h -> {
            String existing = h.createQuery(SECRET).bind("id", accountId)
                    .mapTo(String.class).one();
            if (existing != null) {
                return existing;
            }
            h.createUpdate(SET_SECRET_IF_NONE)
                    .bind("s", WebhookSignature.newSecret()).bind("id", accountId).execute();
            return h.createQuery(SECRET).bind("id", accountId).mapTo(String.class).one();
        });
    }

    /** Replaces the account's secret; attempts from now on are signed with the new one. */
    String rotate(long accountId) {
        String secret = WebhookSignature.newSecret();
        jdbi.useHandle(h -> h.createUpdate(REPLACE_SECRET)
                .bind("s", secret).bind("id", accountId).execute());
        return secret;
    }
}
