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
        EngineSettings engines) {

    public ServerConfig {
        apiKeys = List.copyOf(apiKeys);
        fetchAllowlist = List.copyOf(fetchAllowlist);
    }

    /** The defaults for a data dir: embedded database, one worker per core, 127.0.0.1:8080. */
    public static ServerConfig defaults(Path dataDir) {
        QueueSettings q = QueueSettings.defaults();
        return new ServerConfig("127.0.0.1", 8080, dataDir, null, null, null, null, List.of(), Math.max(1, q.workers()), 1000, q,
                MediaCaps.defaults(), Duration.ofHours(24), 200L * 1024 * 1024, 160L * 1024 * 1024, List.of(),
                Deployment.single(), WebhookSettings.defaults(), RequestLimits.defaults(), EngineSettings.localOnly());
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

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(host, newPort, dataDir, publicUrl, dbUrl, dbUser, dbPassword, apiKeys, keyConcurrency, keyQueueLimit,
                queue, caps, resultTtl, maxUploadBytes, maxJsonBodyBytes, fetchAllowlist, deployment, webhooks, requestLimits, engines);
    }

    public ServerConfig withQueue(QueueSettings newQueue) {
        return new ServerConfig(host, port, dataDir, publicUrl, dbUrl, dbUser, dbPassword, apiKeys, keyConcurrency, keyQueueLimit,
                newQueue, caps, resultTtl, maxUploadBytes, maxJsonBodyBytes, fetchAllowlist, deployment, webhooks, requestLimits, engines);
    }

    public ServerConfig withDatabase(String url, String user, String password) {
        return new ServerConfig(host, port, dataDir, publicUrl, url, user, password, apiKeys, keyConcurrency, keyQueueLimit,
                queue, caps, resultTtl, maxUploadBytes, maxJsonBodyBytes, fetchAllowlist, deployment, webhooks, requestLimits, engines);
    }

    public ServerConfig withApiKeys(List<String> keys) {
        return new ServerConfig(host, port, dataDir, publicUrl, dbUrl, dbUser, dbPassword, keys, keyConcurrency, keyQueueLimit,
                queue, caps, resultTtl, maxUploadBytes, maxJsonBodyBytes, fetchAllowlist, deployment, webhooks, requestLimits, engines);
    }

    public ServerConfig withLimits(int concurrency, int queueLimit) {
        return new ServerConfig(host, port, dataDir, publicUrl, dbUrl, dbUser, dbPassword, apiKeys, concurrency, queueLimit,
                queue, caps, resultTtl, maxUploadBytes, maxJsonBodyBytes, fetchAllowlist, deployment, webhooks, requestLimits, engines);
    }

    public ServerConfig withFetchAllowlist(List<String> allow) {
        return new ServerConfig(host, port, dataDir, publicUrl, dbUrl, dbUser, dbPassword, apiKeys, keyConcurrency, keyQueueLimit,
                queue, caps, resultTtl, maxUploadBytes, maxJsonBodyBytes, allow, deployment, webhooks, requestLimits, engines);
    }

    public ServerConfig withDeployment(Deployment newDeployment) {
        return new ServerConfig(host, port, dataDir, publicUrl, dbUrl, dbUser, dbPassword, apiKeys, keyConcurrency, keyQueueLimit,
                queue, caps, resultTtl, maxUploadBytes, maxJsonBodyBytes, fetchAllowlist, newDeployment, webhooks, requestLimits, engines);
    }

    public ServerConfig withWebhooks(WebhookSettings settings) {
        return new ServerConfig(host, port, dataDir, publicUrl, dbUrl, dbUser, dbPassword, apiKeys, keyConcurrency, keyQueueLimit,
                queue, caps, resultTtl, maxUploadBytes, maxJsonBodyBytes, fetchAllowlist, deployment, settings, requestLimits, engines);
    }

    public ServerConfig withMaxUploadBytes(long bytes) {
        return new ServerConfig(host, port, dataDir, publicUrl, dbUrl, dbUser, dbPassword, apiKeys, keyConcurrency, keyQueueLimit,
                queue, caps, resultTtl, bytes, maxJsonBodyBytes, fetchAllowlist, deployment, webhooks, requestLimits, engines);
    }

    public ServerConfig withMaxJsonBodyBytes(long bytes) {
        return new ServerConfig(host, port, dataDir, publicUrl, dbUrl, dbUser, dbPassword, apiKeys, keyConcurrency, keyQueueLimit,
                queue, caps, resultTtl, maxUploadBytes, bytes, fetchAllowlist, deployment, webhooks, requestLimits, engines);
    }

    public ServerConfig withRequestLimits(RequestLimits limits) {
        return new ServerConfig(host, port, dataDir, publicUrl, dbUrl, dbUser, dbPassword, apiKeys, keyConcurrency, keyQueueLimit,
                queue, caps, resultTtl, maxUploadBytes, maxJsonBodyBytes, fetchAllowlist, deployment, webhooks, limits, engines);
    }

    public ServerConfig withEngines(EngineSettings newEngines) {
        return new ServerConfig(host, port, dataDir, publicUrl, dbUrl, dbUser, dbPassword, apiKeys, keyConcurrency, keyQueueLimit,
                queue, caps, resultTtl, maxUploadBytes, maxJsonBodyBytes, fetchAllowlist, deployment, webhooks, requestLimits, newEngines);
    }

    /** The embedded H2 database: one process holds it, so it cannot be shared by api and worker processes. */
    public boolean embeddedDatabase() {
        return dbUrl == null || dbUrl.startsWith("jdbc:h2:");
    }
}
