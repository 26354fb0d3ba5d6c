package dev.vedit.server;

import dev.vedit.server.http.RequestLimits;
import dev.vedit.server.task.EngineRouter;
import dev.vedit.server.task.QueueSettings;
import dev.vedit.server.webhook.WebhookSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code vedit} program. */
@Command(name = "vedit", mixinStandardHelpOptions = true, version = "vedit 0.1.0",
        description = "A self-hostable AI video-edit service that speaks the RunningHub OpenAPI.",
        subcommands = {Main.Serve.class, WorkflowsCommand.class, KeysCommand.class, CommandLine.HelpCommand.class})
public final class Main {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("keys") && System.getProperty("VEDIT_LOG_TARGET") == null) {
            // What `vedit keys` prints on stdout is its answer (a new key on the last line, JSON): logs go to stderr.
            // Set before anything logs, since logging reads its configuration once.
            System.setProperty("VEDIT_LOG_TARGET", "System.err");
        }
        if (args.length > 0 && args[0].equals("serve")) {
            // Beside picocli's reading of the options, which takes the main thread for a while.
            StartupWarmUp.begin();
        }
        System.exit(commandLine(args).execute(args));
    }

    /**
     * The command line that runs {@code args}: for {@code serve}, the program with only that command. Building a
     * command line reads every command's annotations by reflection, and the other commands' (keys, workflows and
     * theirs) were two thirds of that, a tenth of a serve's start on the main thread; the serve command and what it
     * prints (its help, its errors) are the same either way.
     */
    static CommandLine commandLine(String... args) {
        if (args.length > 0 && args[0].equals("serve")) {
            CommandLine.Model.CommandSpec program = CommandLine.Model.CommandSpec.wrapWithoutInspection(new Main())
                    .name(Main.class.getAnnotation(Command.class).name());
            return new CommandLine(program).addSubcommand(new Serve());
        }
        return new CommandLine(new Main());
    }

    /** The environment variables that set {@code vedit serve}'s options: {@code VEDIT_<OPTION>} for each (see {@link ServeDefaults}). */
    public static java.util.Set<String> optionVariables() {
        java.util.Set<String> names = new java.util.TreeSet<>();
        ServeDefaults provider = new ServeDefaults(Map.of());
        for (CommandLine.Model.OptionSpec option : new CommandLine(new Serve()).getCommandSpec().options()) {
            if (!option.usageHelp() && !option.versionHelp() && provider.readsEnvironment(option)) {
                names.add(ServeDefaults.variable(option.longestName()));
            }
        }
        return names;
    }

    /** {@code vedit serve}: runs the service until interrupted. */
    @Command(name = "serve", mixinStandardHelpOptions = true, defaultValueProvider = ServeDefaults.class,
            description = "Start the service (API and workers) on an embedded database, or on PostgreSQL with --db-url.",
            footer = {"", "Environment: VEDIT_API_KEY=key1,key2 provisions exactly these keys (one account each) instead of generating one.",
                    "Every option can also be set as VEDIT_<OPTION> (e.g. VEDIT_PORT=9000, VEDIT_DB_URL=...); --route as VEDIT_ROUTES=ENDPOINT=ENGINE,…"})
    static final class Serve implements Callable<Integer> {
        @Option(names = "--host", description = "Address to listen on (default ${DEFAULT-VALUE}).")
        String host;
        @Option(names = "--port", description = "Port to listen on (default ${DEFAULT-VALUE}).")
        int port;
        @Option(names = "--data-dir", description = "Database (embedded mode), media and work files (default ${DEFAULT-VALUE}).")
        Path dataDir;
        @Option(names = "--public-url", description = "Base of the URLs handed out (download_url, results), e.g. https://vedit.example.com (default http://HOST:PORT).")
        String publicUrl;
        @Option(names = "--db-url", description = "JDBC URL, e.g. jdbc:postgresql://db/vedit (default: embedded H2 in the data dir).")
        String dbUrl;
        @Option(names = "--db-user", description = "Database user.")
        String dbUser;
        @Option(names = "--db-password", description = "Database password.")
        String dbPassword;
        @Option(names = "--workers", description = "Worker threads (default: one per core, here ${DEFAULT-VALUE}; 0 runs no tasks here).")
        int workers;
        @Option(names = "--key-concurrency", description = "Tasks one API key may run at once, for new keys (default: the worker count).")
        Integer keyConcurrency;
        @Option(names = "--key-queue", description = "Tasks one API key may have queued, for new keys (default ${DEFAULT-VALUE}).")
        int keyQueue;
        @Option(names = "--max-attempts", description = "Attempts per task on transient failures (default ${DEFAULT-VALUE}).")
        int maxAttempts;
        @Option(names = "--task-timeout", description = "Longest run of one attempt, e.g. 90s, 15m (default ${DEFAULT-VALUE}).")
        String taskTimeout;
        @Option(names = "--result-ttl", description = "How long result and upload URLs work, e.g. 24h, 7d (default ${DEFAULT-VALUE}).")
        String resultTtl;
        @Option(names = "--max-upload-mb", description = "Largest upload in MB (default ${DEFAULT-VALUE}).")
        long maxUploadMb;
        @Option(names = "--metrics-token", description = "Bearer token that /metrics requires (default: /metrics is open; it shows counts and latencies only).")
        String metricsToken;
        @Option(names = {"--allow-outbound", "--allow-fetch"}, split = ",",
                description = "Hosts or CIDR ranges that media URLs and webhooks may reach although private/loopback, "
                        + "e.g. 127.0.0.1,10.0.0.0/8 (--allow-fetch is the old name).")
        List<String> allowOutbound;
        @Option(names = "--webhook-retry-schedule", split = ",", description = "Waits between webhook attempts, jittered ±20%% (default ${DEFAULT-VALUE}: 11 attempts over ~28 h).")
        List<String> webhookRetrySchedule;
        @Option(names = "--webhook-timeout", description = "Longest webhook attempt, connect to answer (default ${DEFAULT-VALUE}).")
        String webhookTimeout;
        @Option(names = "--webhook-slots", description = "Webhook attempts in flight at once in this process (default ${DEFAULT-VALUE}).")
        int webhookSlots;
        @Option(names = "--role", description = "all (API and workers), api (HTTP API only) or worker (runs tasks; HTTP answers /healthz only); "
                        + "api and worker need a shared PostgreSQL (--db-url) and S3 media (--media-store) (default ${DEFAULT-VALUE}).")
        String role;
        @Option(names = "--media-store", description = "disk (under the data dir) or s3://BUCKET[/PREFIX], shared by all nodes; S3-compatible servers via "
                        + "VEDIT_S3_ENDPOINT, credentials from AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, region AWS_REGION (default ${DEFAULT-VALUE}).")
        String mediaStore;
        @Option(names = "--stale-after", description = "A running attempt whose worker has not heart-beaten for this long (e.g. its machine died) is re-queued "
                        + "by another worker; at least 3 heartbeats, 9s (default ${DEFAULT-VALUE}).")
        String staleAfter;
        @Option(names = "--poll-only", description = "On PostgreSQL, find work by polling only, without a LISTEN connection (for poolers in transaction mode).")
        boolean pollOnly;
        @Option(names = "--rate-limit", description = "Requests per second one API key may make on average; 0 for no limit (default ${DEFAULT-VALUE}).")
        double rateLimit;
        @Option(names = "--rate-burst", description = "Requests one API key may make at once before --rate-limit applies (default ${DEFAULT-VALUE}).")
        int rateBurst;
        @Option(names = "--idle-timeout", description = "Close a connection that sends nothing for this long, e.g. 30s (default ${DEFAULT-VALUE}).")
        String idleTimeout;

        @Option(names = "--comfyui", split = ";", description = "ComfyUI servers for generative edits: URL[,URL…] (the default pool) or POOL=URL[,URL…] (a named pool, "
                        + "e.g. for bigger GPUs); repeat for several pools.")
        List<String> comfyui;
        @Option(names = "--comfyui-templates", description = "Directory of ComfyUI workflow templates, one per endpoint, named like kling-video-o3-pro__video-edit.json "
                        + "(default: the built-in Wan 2.1 VACE template for every endpoint).")
        Path comfyuiTemplates;
        @Option(names = "--relay-url", description = "An upstream RunningHub-compatible API to relay generative edits to, e.g. https://www.runninghub.cn "
                        + "(a URL ending in /openapi/v2 means the same); its key in VEDIT_RELAY_KEY.")
        String relayUrl;
        @Option(names = "--route", description = "ENDPOINT=ENGINE with ENGINE local, comfyui, relay or auto (repeatable; env "
                + "VEDIT_ROUTES=ENDPOINT=ENGINE,…). Default: auto once --comfyui or --relay-url is set (the local engine plans first, "
                + "prompts it refuses as generative go to the generative engine), else local.")
        List<String> routes;
        @Option(names = "--workflow-inline", description = "Let workflow create requests carry their own graph (the 'workflow' string): it runs arbitrary graphs on "
                        + "your GPUs, so it is off unless set (default ${DEFAULT-VALUE}).")
        boolean workflowInline;
        @Option(names = "--workflow-nodes", split = ",", description = "With --workflow-inline: the only node classes an inline workflow may use, e.g. "
                        + "LoadImage,ImageInvert,SaveImage (default: any class the servers have).")
        List<String> workflowNodes;

        @Override
        public Integer call() throws Exception {
            ServeDefaults environment = new ServeDefaults();
            QueueSettings defaults = QueueSettings.defaults();
            int workerCount = workers >= 0 ? workers : defaults.workers();
            QueueSettings queue = new QueueSettings(workerCount, Math.max(1, maxAttempts), defaults.retryBase(), defaults.retryMax(),
                    defaults.pollInterval(), defaults.heartbeatInterval(), parseDuration(staleAfter), parseDuration(taskTimeout));
            String envKeys = environment.environment("VEDIT_API_KEY");
            List<String> keys = envKeys == null ? List.of()
                    : Arrays.stream(envKeys.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
            // On top of the defaults (media caps, JSON body limit, webhook poll interval are not options): what the options set.
            ServerConfig base = ServerConfig.defaults(dataDir);
            ServerConfig config = base.toBuilder()
                    .host(host).port(port).publicUrl(publicUrl).dbUrl(dbUrl).dbUser(dbUser).dbPassword(dbPassword).apiKeys(keys)
                    .keyConcurrency(keyConcurrency != null && keyConcurrency > 0 ? keyConcurrency : Math.max(1, workerCount)).keyQueueLimit(keyQueue).queue(queue)
                    .resultTtl(parseDuration(resultTtl)).maxUploadBytes(maxUploadMb * 1024 * 1024)
                    .fetchAllowlist(allowOutbound == null ? List.of() : allowOutbound)
                    .webhooks(new WebhookSettings(webhookRetrySchedule.stream().map(Main::parseDuration).toList(),
                            parseDuration(webhookTimeout), webhookSlots, base.webhooks().pollInterval()))
                    .requestLimits(new RequestLimits(rateLimit, rateBurst, parseDuration(idleTimeout)))
                    .build();
            VeditServer server;
            try {
                // Cross-field checks (--stale-after against the heartbeat, --role against the database and media store,
                // --relay-url against its key) are ServerConfig.validate's, run by start: a mistake is exit 2 with its message.
                config = config.withEngines(engineSettings(environment));
                server = VeditServer.start(config.withDeployment(new Deployment(Deployment.Role.parse(role), mediaStore,
                        environment.environment("VEDIT_S3_ENDPOINT"), environment.environment("AWS_REGION"), pollOnly)),
                        VeditServer.Extras.NONE.withMetricsToken(metricsToken));
            } catch (IllegalArgumentException e) {
                // A configuration mistake: say what to change, without a stack trace.
                System.err.println("vedit: " + e.getMessage());
                return 2;
            }
            CountDownLatch stopped = new CountDownLatch(1);
            java.util.concurrent.atomic.AtomicBoolean closing = new java.util.concurrent.atomic.AtomicBoolean();
            Runnable shutdown = () -> {
                if (closing.compareAndSet(false, true)) {
                    server.close();
                    stopped.countDown();
                }
            };
            // On SIGTERM/SIGINT the service closes first and then exits: exit hooks run concurrently, and H2's own
            // would close the embedded database under workers and the webhook dispatcher that are still stopping.
            for (String name : List.of("TERM", "INT")) {
                try {
                    sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> Thread.ofPlatform().name("vedit-stop").start(shutdown));
                } catch (IllegalArgumentException unsupported) {
                    // a platform without this signal: the exit hook below still closes the service
                }
            }
            Runtime.getRuntime().addShutdownHook(new Thread(shutdown, "vedit-shutdown"));
            System.out.println("vedit is listening on " + server.baseUrl() + " (console: " + server.baseUrl() + "/console)");
            server.createdApiKey().ifPresent(k -> System.out.println(
                    "API key created on first start (stored hashed, shown only now): " + k
                            + System.lineSeparator() + "  try: curl -s -X POST " + server.baseUrl()
                            + "/uc/openapi/accountStatus -H 'Authorization: Bearer " + k + "'"));
            stopped.await();
            return 0;
        }

        /** The engines beside the local one, from the options and VEDIT_COMFYUI / VEDIT_RELAY_KEY / VEDIT_ROUTES. */
        private EngineSettings engineSettings(ServeDefaults environment) {
            List<String> routePairs = new java.util.ArrayList<>();
            String envRoutes = environment.environment("VEDIT_ROUTES");
            if (envRoutes != null && !envRoutes.isBlank()) {
                Arrays.stream(envRoutes.split(",")).map(String::strip).filter(p -> !p.isEmpty()).forEach(routePairs::add);
            }
            if (routes != null) {
                routePairs.addAll(routes);
            }
            Map<String, String> parsed = EngineRouter.parseRoutes(routePairs);
            String relayKey = environment.environment("VEDIT_RELAY_KEY");
            return EngineSettings.localOnly()
                    .withComfyUi(EngineSettings.parseComfyUi(comfyui == null ? List.of() : comfyui), comfyuiTemplates)
                    .withRelay(relayUrl == null || relayUrl.isBlank() ? null : relayUrl.strip(), relayKey)
                    .withRoutes(parsed, null)
                    .withWorkflows(new dev.vedit.server.workflow.WorkflowService.Settings(workflowInline,
                            workflowNodes == null ? java.util.Set.of() : workflowNodes.stream().map(String::strip).filter(n -> !n.isEmpty())
                                    .collect(java.util.stream.Collectors.toSet())));
        }
    }

    /** Parses {@code 90s}, {@code 15m}, {@code 24h}, {@code 7d} or an ISO-8601 duration ({@code PT15M}). */
    static Duration parseDuration(String text) {
        String t = text.strip().toLowerCase();
        if (t.startsWith("p")) {
            return Duration.parse(text.strip().toUpperCase());
        }
        long n = Long.parseLong(t.replaceAll("[a-z]+$", ""));
        return switch (t.replaceAll("^[0-9]+", "")) {
            case "ms" -> Duration.ofMillis(n);
            case "s", "" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> throw new IllegalArgumentException("not a duration: " + text + " (use e.g. 90s, 15m, 24h, 7d)");
        };
    }
}
