package dev.vedit.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vedit.server.auth.ApiKeys;
import dev.vedit.server.auth.KeyAdmin;
import dev.vedit.server.http.KeyRoutes;
import dev.vedit.server.console.ConsoleRoutes;
import dev.vedit.server.http.V1Routes;
import dev.vedit.server.live.EventRoutes;
import dev.vedit.server.db.Database;
import dev.vedit.server.engine.Engine;
import dev.vedit.server.engine.WorkflowEngine;
import dev.vedit.server.workflow.WorkflowRegistry;
import dev.vedit.server.workflow.WorkflowService;
import dev.vedit.server.engine.comfyui.ComfyUiEngine;
import dev.vedit.server.engine.relay.RelayEngine;
import dev.vedit.server.engine.local.LocalEngine;
import dev.vedit.server.ffmpeg.Ffmpeg;
import dev.vedit.server.ffmpeg.LeftoverProcesses;
import dev.vedit.server.files.DirectoryTree;
import dev.vedit.server.http.HttpApi;
import dev.vedit.server.media.DiskMediaStore;
import dev.vedit.server.media.MediaFetcher;
import dev.vedit.server.media.MediaGateway;
import dev.vedit.server.media.MediaService;
import dev.vedit.server.media.MediaStore;
import dev.vedit.server.media.S3MediaStore;
import dev.vedit.server.ops.Health;
import dev.vedit.server.ops.Metrics;
import dev.vedit.server.ops.OpsRoutes;
import dev.vedit.server.outbound.AddressPolicy;
import dev.vedit.server.outbound.OutboundClient;
import dev.vedit.server.task.EngineRouter;
import dev.vedit.server.media.MediaChecks;
import dev.vedit.server.task.QueueSettings;
import dev.vedit.server.task.TaskListener;
import dev.vedit.server.task.TaskReads;
import dev.vedit.server.task.TaskSystem;
import dev.vedit.server.webhook.Webhooks;
import dev.vedit.wire.ModelCatalog;
import dev.vedit.wire.ModelSpec;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
        return start(config, Extras.NONE);
    }

    /**
     * What an embedding program (the benchmarks, an operator's launcher) adds to a server beside its configuration.
     *
     * @param engines       engines available beside the local one
     * @param defaultEngine the engine of every model endpoint, or {@code null} for the local engine
     * @param listeners     told when each task ends
     * @param metricsToken  the Bearer token {@code /metrics} requires, or {@code null} to leave it open
     */
    public record Extras(List<Engine> engines, String defaultEngine, List<TaskListener> listeners, String metricsToken) {
        public static final Extras NONE = new Extras(List.of(), null, List.of(), null);

        public Extras {
            engines = List.copyOf(engines);
            listeners = List.copyOf(listeners);
        }

        public Extras withMetricsToken(String token) {
            return new Extras(engines, defaultEngine, listeners, token);
        }
    }

    /** Starts everything with extra engines, listeners or options; returns once the API accepts work. */
    public static VeditServer start(ServerConfig config, Extras extras) {
        StartupWarmUp.begin();
        config.validate();
        List<AutoCloseable> resources = new ArrayList<>();
        try {
            Path dataDir = config.dataDir().toAbsolutePath().normalize();
            Files.createDirectories(dataDir);
            Clock clock = Clock.systemUTC();
            ObjectMapper json = WireJson.newMapper();
            Deployment deployment = config.deployment();
            QueueSettings queue = queueFor(config);

            Database db = Database.open(config.dbUrl() != null ? config.dbUrl() : Database.h2Url(dataDir), config.dbUser(), config.dbPassword(),
                    Math.max(10, queue.workers() * 2 + 8));
            resources.add(db);
            sweepLeftovers(dataDir);
            // Finding FFmpeg runs `ffmpeg -version` (a process that loads all its libraries): in parallel with the key and
            // media set-up, which do not need it. Started only after the sweep, which must not see it as a leftover.
            Path ffmpegCache = dataDir.resolve("cache");
            CompletableFuture<Ffmpeg> locating = CompletableFuture.supplyAsync(() -> Ffmpeg.locate(ffmpegCache),
                    step -> Thread.ofVirtual().name("vedit-ffmpeg-locate").start(step));
            ApiKeys apiKeys = ApiKeys.forService(db, clock, config.keyConcurrency(), config.keyQueueLimit());
            String created = null;
            if (!config.apiKeys().isEmpty()) {
                apiKeys.provision(config.apiKeys());
            } else if (!apiKeys.anyAccount()) {
                created = ApiKeys.generate();
                // The person who started the service owns it: the first account is an operator (console: every account).
                apiKeys.createAccount("first account", created, null, dev.vedit.server.auth.KeyOrigin.ENV, true,
                        config.keyConcurrency(), config.keyQueueLimit());
            }

            Ffmpeg ffmpeg = joined(locating);
            log.info("using {}", ffmpeg.description());

            int port = config.port() != 0 ? config.port() : freePort(config.host());
            String baseUrl = config.publicBaseUrl(port);
            MediaService media = new MediaService(db.jdbi(), mediaStore(deployment, dataDir, resources), dataDir.resolve("tmp"), baseUrl,
                    config.maxUploadBytes(), config.resultTtl(), config.timeouts().uploadLinkTtl(), clock);
            OutboundClient outbound = new OutboundClient(new AddressPolicy(config.fetchAllowlist()), config.timeouts().outboundConnect(), "vedit");
            resources.add(outbound);
            MediaFetcher fetcher = new MediaFetcher(media, outbound, config.timeouts().mediaFetch());
            MediaChecks checks = new MediaChecks(ffmpeg, config.caps());
            MediaGateway gateway = new MediaGateway(media, fetcher, checks, config.resultTtl(), config.maxUploadBytes(), dataDir.resolve("tmp"));

            Metrics metrics = new Metrics(new TaskReads(db.jdbi())::countsByModel, clock);
            List<Engine> engineList = new ArrayList<>();
            LocalEngine local = new LocalEngine(ffmpeg);
            engineList.add(metrics.timed(local));
            generativeEngines(config.engines(), config.timeouts().engineHealthEvery(), ffmpeg, json, resources).forEach(e -> engineList.add(metrics.timed(e)));
            extras.engines().forEach(e -> engineList.add(metrics.timed(e)));
            String defaultRoute = extras.defaultEngine() != null ? extras.defaultEngine()
                    : config.engines().defaultRoute() != null ? config.engines().defaultRoute() : EngineRouter.defaultRoute(engineList);
            EngineRouter engines = new EngineRouter(engineList, config.engines().routes(), defaultRoute);
            metrics.engineRoutes(engineList);
            List<TaskListener> listeners = new ArrayList<>(extras.listeners());
            listeners.add(metrics);
            Webhooks webhooks = new Webhooks(db, outbound, config.webhooks(), clock, json);
            TaskSystem tasks = TaskSystem.start(db, engines, gateway, gateway, checks, queue, dataDir.resolve("work"), clock, json,
                    listeners, webhooks.taskEndHook(), deployment.pollOnly());
            resources.add(tasks);
            webhooks.start(taskId -> tasks.service().view(tasks.reads().find(taskId).orElseThrow()), db.embedded(), metrics::webhookDelivered);
            resources.add(webhooks);
            OpsRoutes ops = new OpsRoutes(metrics, extras.metricsToken(), json);

            HttpApi api = new HttpApi(tasks.service(), apiKeys, gateway, webhooks, json,
                    new HttpApi.HttpSettings(config.maxJsonBodyBytes(), config.maxUploadBytes(), Files.createDirectories(dataDir.resolve("tmp")),
                            config.requestLimits()));
            if (db.postgres()) {
                // Every node on PostgreSQL may have siblings behind the same load balancer: one bucket per key for all.
                api.withSharedRateLimit(db.jdbi());
            }
            Health health = health(db, config.timeouts().databaseCheck(), dataDir, deployment);
            api.onRefusal(metrics::refused);
            WorkflowRegistry workflowRegistry = new WorkflowRegistry(db.jdbi(), json, clock);
            WorkflowEngine workflowEngine = engineList.stream().flatMap(e -> e.workflows().stream()).findFirst().orElse(null);
            api.withWorkflows(new WorkflowService(workflowRegistry, workflowEngine, tasks.service(), media::linkToUpload,
                    config.engines().workflows(), json));
            // vedit's own routes (keys, live events, console): installed beside the API like the operations routes.
            V1Routes v1 = new V1Routes(api::caller, json);
            KeyRoutes keyRoutes = new KeyRoutes(new KeyAdmin(db.jdbi(), apiKeys, clock), v1,
                    a -> tasks.service().counts(a).running(), a -> tasks.service().counts(a).queued());
            Duration idle = config.requestLimits().idleTimeout();
            EventRoutes events = new EventRoutes(tasks.service(), db.jdbi(), v1, json, config.timeouts().eventPoll(),
                    idle.dividedBy(2).compareTo(config.timeouts().eventHeartbeat()) < 0 ? idle.dividedBy(2) : config.timeouts().eventHeartbeat());
            ConsoleRoutes console = new ConsoleRoutes(tasks.service(), v1);
            Javalin http = (deployment.role().servesApi() ? api.create(c -> {
                ops.install(c);
                keyRoutes.install(c);
                events.install(c);
                console.install(c);
            }) : healthOnly(ops, health)).start(config.host(), port);

            // Media clean-up is the workers' chore: api nodes stay stateless request handlers.
            if (deployment.role().runsTasks()) {
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
            }
            api.ready(health);
            // Once it listens: its build would take a core that the start needs on a small machine (README: Start-up).
            local.prepare();
            log.info("vedit ({} node) listening on {} (data in {})", deployment.role().name().toLowerCase(java.util.Locale.ROOT), baseUrl, dataDir);
            return new VeditServer(resources, http, baseUrl, apiKeys, created);
        } catch (IOException e) {
            closeAll(resources);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            closeAll(resources);
            throw e;
        }
    }

    /** The value of a start-up step run in parallel; its failure as it would have been thrown in line. */
    private static <T> T joined(CompletableFuture<T> step) {
        try {
            return step.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** The generative engines the settings ask for: ComfyUI on the operator's GPUs, a relay to an upstream RunningHub. */
    private static List<Engine> generativeEngines(EngineSettings settings, Duration healthEvery, Ffmpeg ffmpeg, ObjectMapper json, List<AutoCloseable> resources) {
        List<Engine> engines = new ArrayList<>();
        if (!settings.comfyui().isEmpty()) {
            ComfyUiEngine comfyui = new ComfyUiEngine(new ComfyUiEngine.Settings(settings.comfyui(), settings.comfyuiTemplates(),
                    settings.cancelGrace(), healthEvery), ffmpeg, json, ModelCatalog.standard().models().stream()
                    .map(ModelSpec::endpoint).toList());
            resources.add(comfyui);
            engines.add(comfyui);
        }
        if (settings.relayUrl() != null) {
            RelayEngine relay = new RelayEngine(RelayEngine.Settings.of(settings.relayUrl(), settings.relayKey()), json);
            resources.add(relay);
            engines.add(relay);
        }
        return engines;
    }

    /**
     * Removes what an earlier run of this node left when it was killed ({@code kill -9}, power loss): FFmpeg
     * children still running on its files, and scratch files of submits and uploads in flight. The data dir is
     * this process's alone (the embedded database, opened just before, locks it; the docs forbid sharing one), so
     * everything found there is an orphan. Work dirs of attempts are the worker pool's to clean.
     */
    private static void sweepLeftovers(Path dataDir) throws IOException {
        List<Long> killed = LeftoverProcesses.kill(dataDir);
        if (!killed.isEmpty()) {
            log.warn("killed {} FFmpeg process(es) left running by an earlier run: {}", killed.size(), killed);
        }
        DirectoryTree.empty(dataDir.resolve("tmp"));
    }

    /** The queue of this process: an api node runs no workers (the roles' cross-checks are in {@link ServerConfig#validate}). */
    private static QueueSettings queueFor(ServerConfig config) {
        Deployment.Role role = config.deployment().role();
        return role.runsTasks() ? config.queue() : config.queue().withWorkers(0);
    }

    private static MediaStore mediaStore(Deployment deployment, Path dataDir, List<AutoCloseable> resources) throws IOException {
        if (!deployment.s3()) {
            return new DiskMediaStore(dataDir.resolve("media"));
        }
        S3MediaStore s3 = S3MediaStore.connect(deployment.mediaStore(), deployment.s3Endpoint(), deployment.s3Region());
        resources.add(s3);
        s3.checkReachable();
        return s3;
    }

    /**
     * A worker node's HTTP: {@code /healthz} for load balancers and orchestrators, and the operator's routes
     * ({@code /metrics}: engine time and task durations are measured where tasks run); nothing a client could call.
     */
    private static Javalin healthOnly(OpsRoutes ops, Health health) {
        return Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.routes.get("/healthz", ctx -> {
                Health.Report report = health.report();
                ctx.status(report.ok() ? 200 : 503).json(Map.of("status", report.ok() ? "ok" : "unavailable", "role", "worker",
                        "checks", report.checks()));
            });
            ops.install(c);
        });
    }

    /**
     * What this node needs to accept work: its database answering, room on its data volume, and files that can be
     * written where uploads and work files go (and where media lives, for the disk store).
     */
    private static Health health(Database db, Duration databaseCheck, Path dataDir, Deployment deployment) {
        List<Health.Check> checks = new ArrayList<>();
        checks.add(new Health.Check("database", () -> db.problem(databaseCheck)));
        checks.add(Health.freeSpace(dataDir));
        checks.add(Health.writable("scratch", dataDir.resolve("tmp")));
        if (!deployment.s3()) {
            checks.add(Health.writable("media", dataDir.resolve("media")));
        }
        return new Health(checks);
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

    /** Every HTTP route as {@code METHOD path}, e.g. {@code POST /openapi/v2/query}; the OpenAPI document is checked against it. */
    public List<String> routes() {
        return http.unsafe.internalRouter.allHttpHandlers().stream().map(p -> p.endpoint.method.name() + " " + p.endpoint.path).toList();
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
