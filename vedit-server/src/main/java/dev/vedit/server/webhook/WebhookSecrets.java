package dev.vedit.server.webhook;

import dev.vedit.wire.WebhookSignature;
import org.jdbi.v3.core.Jdbi;

/** Each account's signing secret: created on first use, readable and rotatable by the account. */
final class WebhookSecrets {
    private final Jdbi jdbi;

    WebhookSecrets(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** The account's secret, created now if it has none (two racing first uses agree on one). */
    String of(long accountId) {
        return jdbi.inTransaction(h -> {
            String existing = h.createQuery("SELECT webhook_secret FROM accounts WHERE id = :id").bind("id", accountId)
                    .mapTo(String.class).one();
            if (existing != null) {
                return existing;
            }
            h.createUpdate("UPDATE accounts SET webhook_secret = :s WHERE id = :id AND webhook_secret IS NULL")
                    .bind("s", WebhookSignature.newSecret()).bind("id", accountId).execute();
            return h.createQuery("SELECT webhook_secret FROM accounts WHERE id = :id").bind("id", accountId).mapTo(String.class).one();
        });
    }

    /** Replaces the account's secret; attempts from now on are signed with the new one. */
    String rotate(long accountId) {
        String secret = WebhookSignature.newSecret();
        jdbi.useHandle(h -> h.createUpdate("UPDATE accounts SET webhook_secret = :s WHERE id = :id")
                .bind("s", secret).bind("id", accountId).execute());
        return secret;
    }
}
