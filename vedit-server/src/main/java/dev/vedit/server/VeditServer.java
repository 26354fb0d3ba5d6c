package dev.vedit.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vedit.server.auth.ApiKeys;
import dev.vedit.server.db.Database;
import dev.vedit.server.engine.local.LocalEngine;
import dev.vedit.server.ffmpeg.Ffmpeg;
import dev.vedit.server.http.HttpApi;
import dev.vedit.server.media.DiskMediaStore;
import dev.vedit.server.media.MediaFetcher;
import dev.vedit.server.media.MediaGateway;
import dev.vedit.server.media.MediaService;
import dev.vedit.server.task.EngineRouter;
import dev.vedit.server.task.MediaChecks;
import dev.vedit.server.task.TaskSystem;
import dev.vedit.wire.WireJson;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One running vedit process: database, media, engines, task system and HTTP API, wired together. */
public final class VeditServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(VeditServer.class);

    private final List<AutoCloseable> resources;
    private final Javalin http;
    private final String baseUrl;
    private final ApiKeys apiKeys;
    private final String createdApiKey;

    private VeditServer(List<AutoCloseable> resources, Javalin http, String baseUrl, ApiKeys apiKeys, String createdApiKey) {
        this.resources = resources;
        this.http = http;
        this.baseUrl = baseUrl;
        this.apiKeys = apiKeys;
        this.createdApiKey = createdApiKey;
    }

    /** Starts everything; returns once the API accepts work ({@code /healthz} is 200). */
    public static VeditServer start(ServerConfig config) {
        List<AutoCloseable> resources = new ArrayList<>();
        try {
            Path dataDir = config.dataDir().toAbsolutePath().normalize();
            Files.createDirectories(dataDir);
            Clock clock = Clock.systemUTC();
            ObjectMapper json = WireJson.newMapper();

            Database db = Database.open(config.dbUrl() != null ? config.dbUrl() : Database.h2Url(dataDir), config.dbUser(), config.dbPassword(),
                    Math.max(10, config.queue().workers() * 2 + 8));
            resources.add(db);
            ApiKeys apiKeys = new ApiKeys(db.jdbi(), clock, config.keyConcurrency(), config.keyQueueLimit());
            String created = null;
            if (!config.apiKeys().isEmpty()) {
                apiKeys.provision(config.apiKeys());
            } else if (!apiKeys.anyAccount()) {
                created = ApiKeys.generate();
                apiKeys.createAccount("first account", created);
            }

            Ffmpeg ffmpeg = Ffmpeg.locate(dataDir.resolve("cache"));
            log.info("using {}", ffmpeg.description());

            int port = config.port() != 0 ? config.port() : freePort(config.host());
            String baseUrl = config.publicBaseUrl(port);
            MediaService media = new MediaService(db.jdbi(), new DiskMediaStore(dataDir.resolve("media")), dataDir.resolve("tmp"), baseUrl,
                    config.maxUploadBytes(), config.resultTtl(), Duration.ofHours(1), clock);
            MediaFetcher fetcher = new MediaFetcher(media, Set.of(), config.fetchAllowlist(), Duration.ofMinutes(2));
            resources.add(fetcher);
            MediaChecks checks = new MediaChecks(ffmpeg, config.caps());
            MediaGateway gateway = new MediaGateway(media, fetcher, checks, config.resultTtl(), config.maxUploadBytes(), dataDir.resolve("tmp"));

            EngineRouter engines = new EngineRouter(List.of(new LocalEngine(ffmpeg)), Map.of(), LocalEngine.NAME);
            TaskSystem tasks = TaskSystem.start(db, engines, gateway, gateway, checks, config.queue(), dataDir.resolve("work"), clock, json,
                    List.of());
            resources.add(tasks);

            HttpApi api = new HttpApi(tasks.service(), apiKeys, gateway, json,
                    new HttpApi.HttpSettings(config.maxJsonBodyBytes(), config.maxUploadBytes(), Files.createDirectories(dataDir.resolve("tmp")),
                            config.requestLimits()));
            Javalin http = api.create().start(config.host(), port);

            ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "vedit-housekeeping");
                t.setDaemon(true);
                return t;
            });
            housekeeping.scheduleWithFixedDelay(() -> {
                try {
                    gateway.cleanup();
                } catch (RuntimeException e) {
                    log.warn("media clean-up failed: {}", e.toString());
                }
            }, 1, 10, TimeUnit.MINUTES);
            resources.add(housekeeping::shutdownNow);
            api.ready();
            log.info("vedit listening on {} (data in {})", baseUrl, dataDir);
            return new VeditServer(resources, http, baseUrl, apiKeys, created);
        } catch (IOException e) {
            closeAll(resources);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            closeAll(resources);
            throw e;
        }
    }

    private static int freePort(String host) throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return socket.getLocalPort();
        }
    }

    public String baseUrl() {
        return baseUrl;
    }

    public int port() {
        return http.port();
    }

    public ApiKeys apiKeys() {
        return apiKeys;
    }

    /** The key generated on the first start with no {@code VEDIT_API_KEY}, shown once. */
    public Optional<String> createdApiKey() {
        return Optional.ofNullable(createdApiKey);
    }

    @Override
    public void close() {
        http.stop();
        closeAll(resources);
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                log.warn("closing {} failed: {}", resources.get(i), e.toString());
            }
        }
    }
}
