package dev.vedit.server;

import dev.vedit.server.task.QueueSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Where an option of {@code vedit serve} that is not on the command line gets its value: {@code VEDIT_<OPTION>} from
 * the environment ({@code --media-store} reads {@code VEDIT_MEDIA_STORE}), else the typed defaults of
 * {@link ServerConfig#defaults} and the settings it is made of. So each default is written once, in the type that uses
 * it, and help's {@code (default …)} shows that very value; the environment is read here and nowhere else in
 * {@code Main}.
 */
final class ServeDefaults implements CommandLine.IDefaultValueProvider {
    /** The data dir a bare {@code vedit serve} uses, relative to where it runs. */
    static final String DATA_DIR = "./vedit-data";
    /** Options whose environment variable is not their own name: {@code --route} is repeatable, so its variable is a list. */
    private static final Set<String> NOT_FROM_ENVIRONMENT = Set.of("--route");

    private final Map<String, String> environment;
    private final Map<String, String> defaults = typedDefaults();

    /** Reads the process environment: what picocli instantiates for {@code @Command(defaultValueProvider = …)}. */
    ServeDefaults() {
        this(System.getenv());
    }

    ServeDefaults(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option) || !readsEnvironment(option)) {
            return null;
        }
        String name = option.longestName();
        String value = environment(variable(name));
        if (value == null && name.equals("--allow-outbound")) {
            value = environment("VEDIT_ALLOW_FETCH"); // the option's old name
        }
        return value != null ? value : defaults.get(name);
    }

    /** Whether an option's value may come from its {@code VEDIT_<OPTION>} variable. */
    boolean readsEnvironment(OptionSpec option) {
        return !NOT_FROM_ENVIRONMENT.contains(option.longestName());
    }

    /** An environment variable, or {@code null} when unset or blank. */
    String environment(String name) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? null : value;
    }

    /** {@code --media-store} → {@code VEDIT_MEDIA_STORE}. */
    static String variable(String optionName) {
        return "VEDIT_" + optionName.replaceFirst("^-+", "").replace('-', '_').toUpperCase(java.util.Locale.ROOT);
    }

    private static Map<String, String> typedDefaults() {
        ServerConfig config = ServerConfig.defaults(Path.of(DATA_DIR));
        QueueSettings queue = config.queue();
        Map<String, String> d = new LinkedHashMap<>();
        d.put("--host", config.host());
        d.put("--port", Integer.toString(config.port()));
        d.put("--data-dir", DATA_DIR);
        d.put("--workers", Integer.toString(queue.workers()));
        d.put("--key-queue", Integer.toString(config.keyQueueLimit()));
        d.put("--max-attempts", Integer.toString(queue.maxAttempts()));
        d.put("--task-timeout", text(queue.taskTimeout()));
        d.put("--stale-after", text(queue.staleAfter()));
        d.put("--result-ttl", text(config.resultTtl()));
        d.put("--max-upload-mb", Long.toString(config.maxUploadBytes() / (1024 * 1024)));
        d.put("--webhook-retry-schedule", config.webhooks().retrySchedule().stream().map(ServeDefaults::text).collect(Collectors.joining(",")));
        d.put("--webhook-timeout", text(config.webhooks().attemptTimeout()));
        d.put("--webhook-slots", Integer.toString(config.webhooks().slots()));
        d.put("--role", config.deployment().role().name().toLowerCase(java.util.Locale.ROOT));
        d.put("--media-store", config.deployment().mediaStore());
        d.put("--poll-only", Boolean.toString(config.deployment().pollOnly()));
        d.put("--rate-limit", number(config.requestLimits().perSecond()));
        d.put("--rate-burst", Integer.toString(config.requestLimits().burst()));
        d.put("--idle-timeout", text(config.requestLimits().idleTimeout()));
        d.put("--workflow-inline", Boolean.toString(config.engines().workflows().allowInline()));
        return Map.copyOf(d);
    }

    /** A duration the way the options take it: {@code 90s}, {@code 15m}, {@code 24h}, {@code 500ms}. */
    static String text(Duration d) {
        long ms = d.toMillis();
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
