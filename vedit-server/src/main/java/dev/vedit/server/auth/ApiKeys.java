package dev.vedit.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Jdbi;

/**
 * API keys and the accounts they open. Keys are stored as SHA-256 hashes only; a presented key is hashed
 * and looked up by its hash, so no stored secret is ever compared byte by byte: how long a lookup takes
 * depends on the hash, which an attacker cannot steer towards a stored one, never on how much of a key is
 * right (the timing attack a byte-wise {@code equals} on the key would open). Keys never reach a log: only
 * their first 6 characters are kept in clear, as a label.
 */
public final class ApiKeys {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long CACHE_MILLIS = 5_000;

    private final Jdbi jdbi;
    private final Clock clock;
    private final int defaultConcurrency;
    private final int defaultQueueLimit;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(Optional<Account> account, long until) {
    }

    public ApiKeys(Jdbi jdbi, Clock clock, int defaultConcurrency, int defaultQueueLimit) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.defaultConcurrency = defaultConcurrency;
        this.defaultQueueLimit = defaultQueueLimit;
    }

    /** A new random key in the hosted service's format: 32 lower-case hex characters. */
    public static String generate() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The account a key opens, if the key is known and not revoked. */
    public Optional<Account> authenticate(String key) {
        if (key == null || key.isBlank() || key.length() > 200) {
            return Optional.empty();
        }
        String hash = hash(key.strip());
        long now = clock.millis();
        Cached cached = cache.get(hash);
        if (cached != null && cached.until > now) {
            return cached.account;
        }
        Optional<Account> account = jdbi.withHandle(h -> h.createQuery("""
                        SELECT a.id, a.name, a.concurrency, a.queue_limit FROM api_keys k JOIN accounts a ON a.id = k.account_id
                        WHERE k.key_hash = :hash AND k.revoked_at IS NULL""")
                .bind("hash", hash)
                .map((rs, ctx) -> new Account(rs.getLong("id"), rs.getString("name"), rs.getInt("concurrency"), rs.getInt("queue_limit")))
                .findOne());
        // Only known keys are cached: a flood of made-up keys must not grow memory, and a key provisioned a
        // moment after a failed try works at once.
        account.ifPresent(a -> cache.put(hash, new Cached(account, now + CACHE_MILLIS)));
        return account;
    }

    /** Creates an account with one key, returning the account. */
    public Account createAccount(String name, String key) {
        long now = clock.millis();
        return jdbi.inTransaction(h -> {
            long id = h.createUpdate("INSERT INTO accounts (name, concurrency, queue_limit, created_at) VALUES (:name, :c, :q, :now)")
                    .bind("name", name).bind("c", defaultConcurrency).bind("q", defaultQueueLimit).bind("now", now)
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            addKey(h, id, key, now);
            return new Account(id, name, defaultConcurrency, defaultQueueLimit);
        });
    }

    /**
     * Makes sure each key exists, one account per key (the {@code VEDIT_API_KEY} list). Keys already
     * provisioned are left as they are.
     */
    public void provision(List<String> keys) {
        for (String key : keys) {
            if (authenticate(key).isEmpty()) {
                try {
                    createAccount("key " + key.strip().substring(0, Math.min(6, key.strip().length())) + "…", key.strip());
                } catch (RuntimeException e) {
                    // Several nodes starting at once on one database provision the same keys: the loser's
                    // transaction (account and key) rolls back on the key's primary key; the key exists, as wanted.
                    cache.clear();
                    if (authenticate(key).isEmpty()) {
                        throw e;
                    }
                }
            }
        }
        cache.clear();
    }

    /** Sets the limits of the account a key opens; false when the key is unknown. */
    public boolean updateLimits(String key, int concurrency, int queueLimit) {
        Optional<Account> account = authenticate(key);
        if (account.isEmpty()) {
            return false;
        }
        jdbi.useHandle(h -> h.createUpdate("UPDATE accounts SET concurrency = :c, queue_limit = :q WHERE id = :id")
                .bind("c", concurrency).bind("q", queueLimit).bind("id", account.get().id()).execute());
        cache.clear();
        return true;
    }

    /** Whether any account exists yet (a first start has none). */
    public boolean anyAccount() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM accounts").mapTo(Long.class).one()) > 0;
    }

    private static void addKey(org.jdbi.v3.core.Handle h, long accountId, String key, long now) {
        h.createUpdate("INSERT INTO api_keys (key_hash, account_id, key_prefix, created_at) VALUES (:hash, :account, :prefix, :now)")
                .bind("hash", hash(key)).bind("account", accountId).bind("prefix", key.substring(0, Math.min(6, key.length())))
                .bind("now", now).execute();
    }
}
