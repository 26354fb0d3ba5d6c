package dev.vedit.server.auth;

import dev.vedit.server.db.Sql;
import dev.vedit.wire.ErrorCode;
import dev.vedit.wire.VeditException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Managing accounts and keys: what {@code vedit keys} and the console do. Each method takes the acting account's
 * {@link Scope}: an operator acts on every account, anyone else only on their own, and a key of another account
 * is "not found" to them (as a task of another account is), so ids of strangers' keys reveal nothing.
 */
public final class KeyAdmin {
    private static final String REVOKE = Sql.load(KeyAdmin.class, "revoke");
    private static final String INSERT_ROTATED_KEY = Sql.load(KeyAdmin.class, "insert-rotated-key");
    private static final String SET_LIMITS = Sql.load(KeyAdmin.class, "set-limits");
    private static final String ACCOUNTS = Sql.load(KeyAdmin.class, "accounts");
    private static final String ACCOUNT_EXISTS = Sql.load(KeyAdmin.class, "account-exists");
    private static final String LIST = Sql.load(KeyAdmin.class, "list");
    private static final String BY_ID = Sql.load(KeyAdmin.class, "by-id");

    /** The most a label or an account name may hold. */
    static final int MAX_LABEL = 200;
    /** Limits a person can set: at least one task, and at most what a single database can sensibly queue. */
    static final int MAX_LIMIT = 1_000_000;

    private final Jdbi jdbi;
    private final ApiKeys keys;
    private final Clock clock;

    public KeyAdmin(Jdbi jdbi, ApiKeys keys, Clock clock) {
        this.jdbi = jdbi;
        this.keys = keys;
        this.clock = clock;
    }

    /**
     * Who is acting.
     *
     * @param accountId the acting account, or {@code null} for the operator at the command line (the database's owner)
     * @param operator  whether it may act on every account
     */
    public record Scope(Long accountId, boolean operator) {
        /** The operator at the command line: whoever can open the database owns it. */
        public static final Scope COMMAND_LINE = new Scope(null, true);

        public static Scope of(Account account) {
            return new Scope(account.id(), account.operator());
        }

        boolean sees(long ownerId) {
            return operator || accountId != null && accountId == ownerId;
        }
    }

    /**
     * A key just made: the key itself is shown this once.
     *
     * @param key  the secret
     * @param info what is kept about it
     */
    public record NewKey(String key, KeyInfo info) {
    }

    /** Keys the scope may see: all of them for an operator, else the account's own; newest first. */
    public List<KeyInfo> list(Scope scope) {
        return jdbi.withHandle(h -> h.createQuery(LIST)
                .bind("all", scope.operator())
                .bind("account", scope.accountId() == null ? -1 : scope.accountId())
                .map((rs, ctx) -> info(rs)).list());
    }

    /** One key, if the scope may see it. */
    public Optional<KeyInfo> find(Scope scope, long keyId) {
        return jdbi.withHandle(h -> h.createQuery(BY_ID).bind("id", keyId).map((rs, ctx) -> info(rs)).findOne())
                .filter(k -> scope.sees(k.accountId()));
    }

    /**
     * A new account with one key (operators only).
     *
     * @param concurrency its running-task limit, or {@code null} for the service's default
     * @param queueLimit  its queued-task limit, or {@code null} for the service's default
     */
    public NewKey createAccount(Scope scope, String name, String label, Integer concurrency, Integer queueLimit, boolean operator) {
        requireOperator(scope, "create accounts", "创建账户");
        String key = ApiKeys.generate();
        String cleanLabel = label(label);
        String accountName = name == null || name.isBlank() ? (cleanLabel != null ? cleanLabel : "key " + key.substring(0, 6) + "…") : text(name, "name", "名称");
        ApiKeys.Authenticated made = keys.createAccount(accountName, key, cleanLabel, KeyOrigin.CREATED, operator,
                limit(concurrency, keys.defaultConcurrency(), "concurrency", "并发数"), limit(queueLimit, keys.defaultQueueLimit(), "queue", "队列上限"));
        return new NewKey(key, find(Scope.COMMAND_LINE, made.keyId()).orElseThrow());
    }

    /** Another key for an existing account (its own, or any for an operator). */
    public NewKey addKey(Scope scope, long accountId, String label) {
        if (!scope.sees(accountId) || !accountExists(accountId)) {
            throw accountNotFound(accountId);
        }
        String key = ApiKeys.generate();
        long id = keys.addKey(accountId, key, label(label), KeyOrigin.CREATED);
        return new NewKey(key, find(Scope.COMMAND_LINE, id).orElseThrow());
    }

    /**
     * Revokes a key: from now on every node refuses it (1002, or 802 on the v1 endpoints). Revoking a revoked key is
     * a no-op. The account, its tasks and media stay.
     */
    public KeyInfo revoke(Scope scope, long keyId) {
        KeyInfo key = find(scope, keyId).orElseThrow(() -> keyNotFound(keyId));
        if (!key.revoked()) {
            jdbi.useHandle(h -> h.createUpdate(REVOKE)
                    .bind("now", clock.millis()).bind("id", keyId).execute());
        }
        return find(Scope.COMMAND_LINE, keyId).orElseThrow();
    }

    /** Replaces a key with a new one for the same account and label, revoking the old one in the same transaction. */
    public NewKey rotate(Scope scope, long keyId) {
        KeyInfo old = find(scope, keyId).orElseThrow(() -> keyNotFound(keyId));
        if (old.revoked()) {
            throw VeditException.of(ErrorCode.INVALID_PARAMETERS, "key " + keyId + " is already revoked; create a new key instead",
                    "密钥 " + keyId + " 已被吊销；请创建新密钥");
        }
        String key = ApiKeys.generate();
        long now = clock.millis();
        long id = jdbi.inTransaction(h -> {
            int changed = h.createUpdate(REVOKE)
                    .bind("now", now).bind("id", keyId).execute();
            if (changed != 1) {
                throw VeditException.of(ErrorCode.INVALID_PARAMETERS, "key " + keyId + " was revoked meanwhile", "密钥 " + keyId + " 已被同时吊销");
            }
            return h.createUpdate(INSERT_ROTATED_KEY)
                    .bind("hash", ApiKeys.hash(key)).bind("account", old.accountId()).bind("prefix", key.substring(0, 6))
                    .bind("now", now).bind("label", old.label())
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        });
        return new NewKey(key, find(Scope.COMMAND_LINE, id).orElseThrow());
    }

    /** Sets an account's limits (operators only: a tenant must not raise its own). {@code null} leaves one as it is. */
    public void setLimits(Scope scope, long accountId, Integer concurrency, Integer queueLimit) {
        requireOperator(scope, "change an account's limits", "修改账户限额");
        if (!accountExists(accountId)) {
            throw accountNotFound(accountId);
        }
        if (concurrency == null && queueLimit == null) {
            throw VeditException.of(ErrorCode.INVALID_PARAMETERS, "give --concurrency and/or --queue", "请指定 --concurrency 和/或 --queue");
        }
        jdbi.useHandle(h -> h.createUpdate(SET_LIMITS)
                .bind("c", concurrency == null ? null : limit(concurrency, 0, "concurrency", "并发数"))
                .bind("q", queueLimit == null ? null : limit(queueLimit, 0, "queue", "队列上限"))
                .bind("id", accountId).execute());
    }

    /** The accounts (operators only), with their key counts. */
    public List<AccountInfo> accounts(Scope scope) {
        requireOperator(scope, "list accounts", "查看所有账户");
        return jdbi.withHandle(h -> h.createQuery(ACCOUNTS)
                .map((rs, ctx) -> new AccountInfo(rs.getLong("id"), rs.getString("name"), rs.getInt("concurrency"), rs.getInt("queue_limit"),
                        rs.getBoolean("operator"), rs.getLong("created_at"), rs.getInt("live_keys"), rs.getInt("running"), rs.getInt("queued"),
                        (Long) rs.getObject("last_used_at", Long.class)))
                .list());
    }

    /**
     * An account as an operator sees it.
     *
     * @param liveKeys keys that still work
     */
    public record AccountInfo(long id, String name, int concurrency, int queueLimit, boolean operator, long createdAt, int liveKeys,
                              int running, int queued, Long lastUsedAt) {
    }

    private boolean accountExists(long accountId) {
        return jdbi.withHandle(h -> h.createQuery(ACCOUNT_EXISTS).bind("id", accountId).mapTo(Long.class).one()) > 0;
    }

    private static void requireOperator(Scope scope, String what, String whatZh) {
        if (!scope.operator()) {
            throw VeditException.of(ErrorCode.OPERATOR_REQUIRED, "only an operator account may " + what, "只有运营者账户可以" + whatZh);
        }
    }

    private static VeditException keyNotFound(long keyId) {
        return VeditException.of(ErrorCode.INVALID_PARAMETERS, "no key with id " + keyId + " (see `vedit keys list`)",
                "不存在 id 为 " + keyId + " 的密钥（见 `vedit keys list`）");
    }

    private static VeditException accountNotFound(long accountId) {
        return VeditException.of(ErrorCode.INVALID_PARAMETERS, "no account with id " + accountId, "不存在 id 为 " + accountId + " 的账户");
    }

    private static String label(String label) {
        return label == null || label.isBlank() ? null : text(label, "label", "标签");
    }

    private static String text(String value, String field, String fieldZh) {
        String v = value.strip();
        if (v.length() > MAX_LABEL || v.chars().anyMatch(Character::isISOControl)) {
            throw VeditException.of(ErrorCode.INVALID_PARAMETERS, field + " must be at most " + MAX_LABEL + " characters without control characters",
                    fieldZh + "最多 " + MAX_LABEL + " 个字符，且不能包含控制字符");
        }
        return v;
    }

    private static int limit(Integer value, int fallback, String field, String fieldZh) {
        if (value == null) {
            return fallback;
        }
        if (value < 1 || value > MAX_LIMIT) {
            throw VeditException.of(ErrorCode.INVALID_PARAMETERS, field + " must be between 1 and " + MAX_LIMIT + " (got " + value + ")",
                    fieldZh + "必须在 1 到 " + MAX_LIMIT + " 之间（当前为 " + value + "）");
        }
        return value;
    }

    private static KeyInfo info(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new KeyInfo(rs.getLong("id"), rs.getString("key_prefix"), rs.getString("label"), rs.getLong("account_id"), rs.getString("name"),
                rs.getBoolean("operator"), rs.getInt("concurrency"), rs.getInt("queue_limit"), KeyOrigin.of(rs.getString("origin")), rs.getLong("created_at"),
                rs.getObject("last_used_at", Long.class), rs.getObject("revoked_at", Long.class));
    }
}
