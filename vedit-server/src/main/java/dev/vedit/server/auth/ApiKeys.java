package dev.vedit.server.auth;

import dev.vedit.server.db.Database;
import dev.vedit.server.db.Sql;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * API keys and the accounts they open. Keys are stored as SHA-256 hashes only; a presented key is hashed
 * and looked up by its hash, so no stored secret is ever compared byte by byte: how long a lookup takes
 * depends on the hash, which an attacker cannot steer towards a stored one, never on how much of a key is
 * right (the timing attack a byte-wise {@code equals} on the key would open). Keys never reach a log: only
 * their first 6 characters are kept in clear, as a label.
 *
 * <p>A revoked key is refused at once on every node of a deployment, whichever process revoked it. On PostgreSQL every
 * request looks its key up (one primary-key read): another node's revoke reaches this one only as a notification after
 * its commit, and in between this node would still let the key in. On the embedded H2 database, which one process
 * holds, keys are remembered ({@link KeyCache}) because the database itself tells this JVM of every change before the
 * change commits ({@link KeyChangeTrigger}), whichever process made it.
 */
public final class ApiKeys {
    private static final String TOUCH = Sql.load(ApiKeys.class, "touch");
    private static final String INSERT_ACCOUNT = Sql.load(ApiKeys.class, "insert-account");
    private static final String KEY_EXISTS = Sql.load(ApiKeys.class, "key-exists");
    private static final String UPDATE_LIMITS = Sql.load(ApiKeys.class, "update-limits");
    private static final String ANY_ACCOUNT = Sql.load(ApiKeys.class, "any-account");
    private static final String INSERT_KEY = Sql.load(ApiKeys.class, "insert-key");
    private static final String AUTHENTICATE = Sql.load(ApiKeys.class, "authenticate");
    private static final String AUTHENTICATE_LOCKING = Sql.load(ApiKeys.class, "authenticate-locking");
    private static final String KEYS_TRIGGER = Sql.load(ApiKeys.class, "keys-trigger");
    private static final String ACCOUNTS_TRIGGER = Sql.load(ApiKeys.class, "accounts-trigger");
    private static final String DATABASE_PATH = Sql.load(ApiKeys.class, "database-path");
    private static final String REVOKE_UNLISTED = Sql.load(ApiKeys.class, "revoke-unlisted");
    private static final String REVOKE_ALL_LISTED = Sql.load(ApiKeys.class, "revoke-all-listed");

    private static final Logger log = LoggerFactory.getLogger(ApiKeys.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** "Last used" is kept to the minute: writing it on every request would turn each read into a write. */
    static final long LAST_USED_RESOLUTION_MILLIS = 60_000;

    private final Jdbi jdbi;
    private final Clock clock;
    private final int defaultConcurrency;
    private final int defaultQueueLimit;
    /** Key hash → when this process last wrote its last_used_at; bounded by the number of real keys. */
    private final Map<String, Long> lastUsedWritten = new ConcurrentHashMap<>();
    /** Keys remembered in this process, or {@code null}: every lookup reads the database. */
    private final KeyCache cache;
    private final LongAdder lookups = new LongAdder();

    /** Keys looked up in the database on every request (the command line, tests; PostgreSQL nodes: {@link #forService}). */
    public ApiKeys(Jdbi jdbi, Clock clock, int defaultConcurrency, int defaultQueueLimit) {
        this(jdbi, clock, defaultConcurrency, defaultQueueLimit, null);
    }

    private ApiKeys(Jdbi jdbi, Clock clock, int defaultConcurrency, int defaultQueueLimit, KeyCache cache) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.defaultConcurrency = defaultConcurrency;
        this.defaultQueueLimit = defaultQueueLimit;
        this.cache = cache;
    }

    /**
     * The keys of a serving node: on the embedded H2 database remembered in this process, changes told by the database's
     * own triggers (installed here; {@link KeyCache} says why that is exact); on PostgreSQL looked up on every request.
     */
    public static ApiKeys forService(Database db, Clock clock, int defaultConcurrency, int defaultQueueLimit) {
        if (!db.embedded()) {
            return new ApiKeys(db.jdbi(), clock, defaultConcurrency, defaultQueueLimit);
        }
        String path = db.jdbi().withHandle(h -> {
            h.execute(KEYS_TRIGGER);
            h.execute(ACCOUNTS_TRIGGER);
            return h.createQuery(DATABASE_PATH).mapTo(String.class).findOne().orElse(null);
        });
        if (path == null) {
            // An in-memory database (not what vedit opens): no path to match the triggers' reports with.
            return new ApiKeys(db.jdbi(), clock, defaultConcurrency, defaultQueueLimit);
        }
        return new ApiKeys(db.jdbi(), clock, defaultConcurrency, defaultQueueLimit, new KeyCache(KeyChanges.of(path)));
    }

    /** How many key lookups reached the database (the rest were answered from memory). */
    public long databaseLookups() {
        return lookups.sum();
    }

    /** Whether this process remembers keys now (embedded H2, and this process holds the database file). */
    public boolean caching() {
        return cache != null && cache.active();
    }

    /** A new random key in the hosted service's format: 32 lower-case hex characters. */
    public static String generate() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Cloned per use: cheaper than looking the algorithm up among the providers on every request. */
    private static final MessageDigest SHA_256;

    static {
        try {
            SHA_256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hash(String key) {
        MessageDigest digest;
        try {
            digest = (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
        return HexFormat.of().formatHex(digest.digest(key.getBytes(StandardCharsets.UTF_8)));
    }

    static Account account(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Account(rs.getLong("id"), rs.getString("name"), rs.getInt("concurrency"), rs.getInt("queue_limit"), rs.getBoolean("operator"));
    }

    public int defaultConcurrency() {
        return defaultConcurrency;
    }

    public int defaultQueueLimit() {
        return defaultQueueLimit;
    }

    /** The account a key opens, if the key is known and not revoked. */
    public Optional<Account> authenticate(String key) {
        return authenticateKey(key).map(Authenticated::account);
    }

    /**
     * The account a key opens and the key's id, if the key is known and not revoked.
     *
     * @param account the account
     * @param keyId   the id of the key that opened it
     */
    public record Authenticated(Account account, long keyId) {
    }

    /** Like {@link #authenticate}, also naming the key (the console marks "this key" in the list). */
    public Optional<Authenticated> authenticateKey(String key) {
        if (key == null || key.isBlank() || key.length() > 200) {
            return Optional.empty();
        }
        String hash = hash(key.strip());
        if (cache != null) {
            Authenticated known = cache.get(hash);
            if (known != null) {
                touch(hash);
                return Optional.of(known);
            }
        }
        // Stamped before the read: a change of any key or account from now on makes what this read finds stale.
        long stamp = cache == null ? -1 : cache.stamp();
        lookups.increment();
        // Unknown keys leave nothing behind (a flood of made-up keys must not grow memory).
        Optional<Authenticated> found = jdbi.withHandle(h -> h.createQuery(stamp >= 0 ? AUTHENTICATE_LOCKING : AUTHENTICATE)
                .bind("hash", hash)
                .map((rs, ctx) -> new Authenticated(account(rs), rs.getLong("key_id")))
                .findOne());
        found.ifPresent(a -> {
            if (cache != null) {
                cache.put(hash, a, stamp);
            }
            touch(hash);
        });
        return found;
    }

    private void touch(String hash) {
        long now = clock.millis();
        Long written = lastUsedWritten.get(hash);
        if (written != null && now - written < LAST_USED_RESOLUTION_MILLIS) {
            return;
        }
        lastUsedWritten.put(hash, now);
        try {
            jdbi.useHandle(h -> h.createUpdate(TOUCH)
                    .bind("now", now).bind("hash", hash).execute());
        } catch (RuntimeException e) {
            // "Last used" is information, not security: a failed write must not fail the request it describes.
            lastUsedWritten.remove(hash);
            log.debug("could not record a key's last use: {}", e.toString());
        }
    }

    /** Creates an account with one key (with the default limits), returning the account. */
    public Account createAccount(String name, String key) {
        return createAccount(name, key, null, KeyOrigin.ENV, false, defaultConcurrency, defaultQueueLimit).account();
    }

    /**
     * Creates an account with one key.
     *
     * @return the account and the new key's id
     */
    public Authenticated createAccount(String name, String key, String label, KeyOrigin origin, boolean operator, int concurrency, int queueLimit) {
        long now = clock.millis();
        return jdbi.inTransaction(h -> {
            long id = h.createUpdate(INSERT_ACCOUNT)
                    .bind("name", name).bind("c", concurrency).bind("q", queueLimit).bind("now", now).bind("op", operator)
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            long keyId = addKey(h, id, key, label, origin, now);
            return new Authenticated(new Account(id, name, concurrency, queueLimit, operator), keyId);
        });
    }

    /** Adds a key to an existing account, returning the key's id. */
    long addKey(long accountId, String key, String label, KeyOrigin origin) {
        long now = clock.millis();
        return jdbi.inTransaction(h -> addKey(h, accountId, key, label, origin, now));
    }

    /**
     * Makes the {@code VEDIT_API_KEY} list the keys that list manages: each listed key exists (one account per
     * key), and every other key the list made before (or the first start generated) is revoked, not deleted, so
     * its account's tasks and media stay for the operator. Keys created on purpose ({@link KeyOrigin#CREATED}) are
     * not the list's to revoke. A listed key that was revoked stays revoked: a revocation is final (the key may
     * have leaked); list a new key instead.
     */
    public void provision(List<String> keys) {
        Set<String> wanted = new LinkedHashSet<>();
        keys.stream().map(String::strip).filter(k -> !k.isEmpty()).forEach(wanted::add);
        for (String key : wanted) {
            if (!exists(key)) {
                try {
                    createAccount("key " + key.substring(0, Math.min(6, key.length())) + "…", key);
                } catch (RuntimeException e) {
                    // Several nodes starting at once on one database provision the same keys: the loser's
                    // transaction (account and key) rolls back on the key's primary key; the key exists, as wanted.
                    if (!exists(key)) {
                        throw e;
                    }
                }
            } else if (authenticate(key).isEmpty()) {
                log.warn("a key in VEDIT_API_KEY (starting {}) was revoked and stays revoked; list a new key instead",
                        key.substring(0, Math.min(6, key.length())));
            }
        }
        List<String> hashes = wanted.stream().map(ApiKeys::hash).toList();
        long now = clock.millis();
        // An empty NOT IN list is not SQL: no listed key is its own statement.
        int revoked = jdbi.withHandle(h -> hashes.isEmpty()
                ? h.createUpdate(REVOKE_ALL_LISTED).bind("now", now).execute()
                : h.createUpdate(REVOKE_UNLISTED).bind("now", now).bindList("hashes", hashes).execute());
        if (revoked > 0) {
            log.info("revoked {} key(s) no longer listed in VEDIT_API_KEY (their accounts, tasks and media are kept)", revoked);
        }
    }

    private boolean exists(String key) {
        return jdbi.withHandle(h -> h.createQuery(KEY_EXISTS)
                .bind("hash", hash(key)).mapTo(Long.class).one()) > 0;
    }

    /** Sets the limits of the account a key opens; false when the key is unknown. */
    public boolean updateLimits(String key, int concurrency, int queueLimit) {
        Optional<Account> account = authenticate(key);
        if (account.isEmpty()) {
            return false;
        }
        jdbi.useHandle(h -> h.createUpdate(UPDATE_LIMITS)
                .bind("c", concurrency).bind("q", queueLimit).bind("id", account.get().id()).execute());
        return true;
    }

    /** Whether any account exists yet (a first start has none). */
    public boolean anyAccount() {
        return jdbi.withHandle(h -> h.createQuery(ANY_ACCOUNT).mapTo(Long.class).one()) > 0;
    }

    private static long addKey(Handle h, long accountId, String key, String label, KeyOrigin origin, long now) {
        return h.createUpdate(INSERT_KEY)
                .bind("hash", hash(key)).bind("account", accountId).bind("prefix", key.substring(0, Math.min(6, key.length())))
                .bind("now", now).bind("label", label).bind("origin", origin.column())
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }
}
