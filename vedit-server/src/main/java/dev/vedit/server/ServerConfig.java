package dev.vedit.server;

import dev.vedit.server.http.RequestLimits;
import dev.vedit.server.media.MediaCaps;
import dev.vedit.server.task.QueueSettings;
import dev.vedit.server.webhook.WebhookSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything a vedit process is configured with. Built by {@link Main} from flags and environment; tests
 * build it directly.
 *
 * @param host             address to listen on
 * @param port             port to listen on (0 picks a free one)
 * @param dataDir          database (embedded mode), media, work dirs
 * @param publicUrl        base of the URLs vedit hands out (download_url, results); {@code null} derives it from host and port
 * @param dbUrl            JDBC URL; {@code null} for the embedded H2 database under the data dir
 * @param dbUser           database user, or {@code null}
 * @param dbPassword       database password, or {@code null}
 * @param apiKeys          keys provisioned at start-up ({@code VEDIT_API_KEY}); empty generates one on first start
 * @param keyConcurrency   default per-key limit of running tasks
 * @param keyQueueLimit    default per-key limit of queued tasks
 * @param queue            queue behaviour
 * @param caps             global media caps
 * @param resultTtl        how long result (and upload) URLs work
 * @param maxUploadBytes   the largest upload
 * @param maxJsonBodyBytes the largest JSON request body (base64 data: URIs included)
 * @param fetchAllowlist   hosts or CIDR ranges that every outbound request (media URLs, webhooks) may reach although private
 *                         (e.g. {@code 127.0.0.1} for local development); {@code --allow-outbound}
 * @param deployment       role, media store and wake-up mode of this process among others (scale-out)
 * @param webhooks         webhook delivery: retry schedule, attempt timeout, slots
 * @param requestLimits    per-key rate limit and slow-client timeouts
 * @param timeouts         the service's own waits and intervals that no option sets
 */
public record ServerConfig(
        String host,
        int port,
        Path dataDir,
        String publicUrl,
        String dbUrl,
        String dbUser,
        String dbPassword,
        List<String> apiKeys,
        int keyConcurrency,
        int keyQueueLimit,
        QueueSettings queue,
        MediaCaps caps,
        Duration resultTtl,
        long maxUploadBytes,
        long maxJsonBodyBytes,
        List<String> fetchAllowlist,
        Deployment deployment,
        WebhookSettings webhooks,
        RequestLimits requestLimits,
        EngineSettings engines,
        Timeouts timeouts) {

    /**
     * The service's own waits and intervals: not options (no operator has needed to change them), but written here,
     * once, rather than as constants spread over the wiring.
     *
     * @param uploadLinkTtl      how long an upload's own {@code download_url} works when the result TTL is not longer
     * @param outboundConnect    connecting to a stranger's host (media URLs, webhooks)
     * @param mediaFetch         the longest download of one media URL
     * @param engineHealthEvery  how often generative engines check their servers (templates against {@code /object_info})
     * @param databaseCheck      the longest {@code /healthz} waits for the database
     * @param eventPoll          how often a live event stream looks at the database: the most a change waits to be sent
     * @param eventHeartbeat     how often an idle event stream sends a comment (at most half the idle timeout)
     */
    public record Timeouts(Duration uploadLinkTtl, Duration outboundConnect, Duration mediaFetch, Duration engineHealthEvery,
                           Duration databaseCheck, Duration eventPoll, Duration eventHeartbeat) {
        public static Timeouts defaults() {
            return new Timeouts(Duration.ofHours(1), Duration.ofSeconds(10), Duration.ofMinutes(2), Duration.ofSeconds(60),
                    Duration.ofSeconds(3), Duration.ofMillis(250), Duration.ofSeconds(15));
        }
    }

    public ServerConfig {
        apiKeys = List.copyOf(apiKeys);
        fetchAllowlist = List.copyOf(fetchAllowlist);
    }

    /** The defaults for a data dir: embedded database, one worker per core, 127.0.0.1:8080. */
    public static ServerConfig defaults(Path dataDir) {
        QueueSettings q = QueueSettings.defaults();
        return new ServerConfig("127.0.0.1", 8080, dataDir, null, null, null, null, List.of(), Math.max(1, q.workers()), 1000, q,
                MediaCaps.defaults(), Duration.ofHours(24), 200L * 1024 * 1024, 160L * 1024 * 1024, List.of(),
                Deployment.single(), WebhookSettings.defaults(), RequestLimits.defaults(), EngineSettings.localOnly(), Timeouts.defaults());
    }

    /** The base URL for links: the configured one, or {@code http://host:port} (a wildcard host reads as 127.0.0.1). */
    public String publicBaseUrl(int boundPort) {
        if (publicUrl != null && !publicUrl.isBlank()) {
            return publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        }
        String h = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        if (h.contains(":")) {
            h = "[" + h + "]";
        }
        return "http://" + h + ":" + boundPort;
    }

    // The copiers tests and Main use: each changes one setting through the builder, so the long constructor is written
    // once (in Builder.build) and a new setting is one line here, not a change to every copier.

    public ServerConfig withPort(int newPort) {
        return toBuilder().port(newPort).build();
    }

    public ServerConfig withQueue(QueueSettings newQueue) {
        return toBuilder().queue(newQueue).build();
    }

    public ServerConfig withDatabase(String url, String user, String password) {
        return toBuilder().dbUrl(url).dbUser(user).dbPassword(password).build();
    }

    public ServerConfig withApiKeys(List<String> keys) {
        return toBuilder().apiKeys(keys).build();
    }

    public ServerConfig withLimits(int concurrency, int queueLimit) {
        return toBuilder().keyConcurrency(concurrency).keyQueueLimit(queueLimit).build();
    }

    public ServerConfig withFetchAllowlist(List<String> allow) {
        return toBuilder().fetchAllowlist(allow).build();
    }

    public ServerConfig withDeployment(Deployment newDeployment) {
        return toBuilder().deployment(newDeployment).build();
    }

    public ServerConfig withWebhooks(WebhookSettings settings) {
        return toBuilder().webhooks(settings).build();
    }

    public ServerConfig withMaxUploadBytes(long bytes) {
        return toBuilder().maxUploadBytes(bytes).build();
    }

    public ServerConfig withMaxJsonBodyBytes(long bytes) {
        return toBuilder().maxJsonBodyBytes(bytes).build();
    }

    public ServerConfig withRequestLimits(RequestLimits limits) {
        return toBuilder().requestLimits(limits).build();
    }

    public ServerConfig withEngines(EngineSettings newEngines) {
        return toBuilder().engines(newEngines).build();
    }

    /** A builder holding this configuration, to change several settings at once. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.host = host;
        b.port = port;
        b.dataDir = dataDir;
        b.publicUrl = publicUrl;
        b.dbUrl = dbUrl;
        b.dbUser = dbUser;
        b.dbPassword = dbPassword;
        b.apiKeys = apiKeys;
        b.keyConcurrency = keyConcurrency;
        b.keyQueueLimit = keyQueueLimit;
        b.queue = queue;
        b.caps = caps;
        b.resultTtl = resultTtl;
        b.maxUploadBytes = maxUploadBytes;
        b.maxJsonBodyBytes = maxJsonBodyBytes;
        b.fetchAllowlist = fetchAllowlist;
        b.deployment = deployment;
        b.webhooks = webhooks;
        b.requestLimits = requestLimits;
        b.engines = engines;
        b.timeouts = timeouts;
        return b;
    }

    /**
     * A configuration changed setting by setting; {@link #build} makes the record (and copies the lists). The data dir
     * and the media caps come from {@link #defaults(Path)}: no option changes them.
     */
    public static final class Builder {
        private String host;
        private int port;
        private Path dataDir;
        private String publicUrl;
        private String dbUrl;
        private String dbUser;
        private String dbPassword;
        private List<String> apiKeys;
        private int keyConcurrency;
        private int keyQueueLimit;
        private QueueSettings queue;
        private MediaCaps caps;
        private Duration resultTtl;
        private long maxUploadBytes;
        private long maxJsonBodyBytes;
        private List<String> fetchAllowlist;
        private Deployment deployment;
        private WebhookSettings webhooks;
        private RequestLimits requestLimits;
        private EngineSettings engines;
        private Timeouts timeouts;

        private Builder() {
        }

        public Builder host(String value) {
            this.host = value;
            return this;
        }

        public Builder port(int value) {
            this.port = value;
            return this;
        }

        public Builder publicUrl(String value) {
            this.publicUrl = value;
            return this;
        }

        public Builder dbUrl(String value) {
            this.dbUrl = value;
            return this;
        }

        public Builder dbUser(String value) {
            this.dbUser = value;
            return this;
        }

        public Builder dbPassword(String value) {
            this.dbPassword = value;
            return this;
        }

        public Builder apiKeys(List<String> value) {
            this.apiKeys = value;
            return this;
        }

        public Builder keyConcurrency(int value) {
            this.keyConcurrency = value;
            return this;
        }

        public Builder keyQueueLimit(int value) {
            this.keyQueueLimit = value;
            return this;
        }

        public Builder queue(QueueSettings value) {
            this.queue = value;
            return this;
        }

        public Builder resultTtl(Duration value) {
            this.resultTtl = value;
            return this;
        }

        public Builder maxUploadBytes(long value) {
            this.maxUploadBytes = value;
            return this;
        }

        public Builder maxJsonBodyBytes(long value) {
            this.maxJsonBodyBytes = value;
            return this;
        }

        public Builder fetchAllowlist(List<String> value) {
            this.fetchAllowlist = value;
            return this;
        }

        public Builder deployment(Deployment value) {
            this.deployment = value;
            return this;
        }

        public Builder webhooks(WebhookSettings value) {
            this.webhooks = value;
            return this;
        }

        public Builder requestLimits(RequestLimits value) {
            this.requestLimits = value;
            return this;
        }

        public Builder engines(EngineSettings value) {
            this.engines = value;
            return this;
        }

        public Builder timeouts(Timeouts value) {
            this.timeouts = value;
            return this;
        }

        public ServerConfig build() {
            return new ServerConfig(host, port, dataDir, publicUrl, dbUrl, dbUser, dbPassword, apiKeys, keyConcurrency, keyQueueLimit, queue, caps, resultTtl, maxUploadBytes, maxJsonBodyBytes, fetchAllowlist, deployment, webhooks, requestLimits, engines, timeouts);
        }
    }

    /**
     * The checks that span settings, in one place, run once when a server starts (whether the configuration came
     * from the command line or from a test or launcher).
     *
     * @throws IllegalArgumentException saying which option to change, in both languages
     */
    public void validate() {
        Duration threeHeartbeats = queue.heartbeatInterval().multipliedBy(3);
        if (queue.staleAfter().compareTo(threeHeartbeats) < 0) {
            throw new IllegalArgumentException("--stale-after must be at least 3 heartbeats (" + threeHeartbeats.toSeconds()
                    + "s), or healthy attempts would be taken for lost | --stale-after 至少为 3 个心跳周期（"
                    + threeHeartbeats.toSeconds() + " 秒），否则正常运行的任务会被误判为丢失");
        }
        Deployment.Role role = deployment.role();
        String roleName = role.name().toLowerCase(java.util.Locale.ROOT);
        // Api and worker nodes only make sense on a shared PostgreSQL database (the embedded H2 file is held by one
        // process) and a shared bucket.
        if (role != Deployment.Role.ALL && embeddedDatabase()) {
            throw new IllegalArgumentException("--role " + roleName
                    + " needs a database shared by all nodes: set --db-url jdbc:postgresql://HOST/DB (the embedded H2 database is held by one process)"
                    + " | --role " + roleName
                    + " 需要所有节点共享的数据库：请设置 --db-url jdbc:postgresql://主机/库名（内嵌 H2 数据库只能由一个进程使用）");
        }
        if (role != Deployment.Role.ALL && !deployment.s3()) {
            throw new IllegalArgumentException("--role " + roleName
                    + " needs media shared by all nodes: set --media-store s3://BUCKET (a disk store is private to its node's data dir)"
                    + " | --role " + roleName
                    + " 需要所有节点共享的媒体存储：请设置 --media-store s3://存储桶（磁盘存储仅属于本节点的数据目录）");
        }
        if (role == Deployment.Role.WORKER && queue.workers() == 0) {
            throw new IllegalArgumentException("--role worker with --workers 0 would run nothing; give it at least one worker"
                    + " | --role worker 且 --workers 0 将不执行任何任务，请至少设置一个工作线程");
        }
        if (engines.relayUrl() != null && (engines.relayKey() == null || engines.relayKey().isBlank())) {
            throw new IllegalArgumentException("--relay-url needs the upstream API key in VEDIT_RELAY_KEY | --relay-url 需要在 VEDIT_RELAY_KEY 中提供上游 API Key");
        }
    }

    /** The embedded H2 database: one process holds it, so it cannot be shared by api and worker processes. */
    public boolean embeddedDatabase() {
        return dbUrl == null || dbUrl.startsWith("jdbc:h2:");
    }
}
