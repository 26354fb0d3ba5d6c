package dev.vedit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.vedit.sdk.VeditClient;
import dev.vedit.wire.WireJson;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options every command that talks to the service takes: where, with which key, and the output form. */
final class ClientOptions {
    /** A vedit started with {@code ./vedit serve} on this machine. */
    static final String LOCAL_BASE_URL = "http://127.0.0.1:8080";

    @Option(names = "--base-url", paramLabel = "URL", description = "Service URL (default: $VEDIT_BASE_URL, $RH_API_BASE_URL, else " + LOCAL_BASE_URL + ").")
    String baseUrl;

    @Option(names = "--api-key", paramLabel = "KEY", description = "API key (default: $VEDIT_API_KEY, else $RH_API_KEY).")
    String apiKey;

    @Option(names = "--json", description = "Print machine-readable JSON on stdout instead of text.")
    boolean json;

    /** The base URL in force: the option, then the environment, then a local vedit. */
    String baseUrl(Map<String, String> env) {
        return firstSet(baseUrl, env.get("VEDIT_BASE_URL"), env.get("RH_API_BASE_URL"), LOCAL_BASE_URL);
    }

    VeditClient client(Map<String, String> env) {
        // VEDIT_API_KEY may hold the server's key list (k1,k2); the first key is the caller's.
        String envKey = env.get("VEDIT_API_KEY") == null ? null : env.get("VEDIT_API_KEY").split(",")[0];
        String key = firstSet(apiKey, envKey, env.get("RH_API_KEY"), null);
        if (key == null) {
            throw new Cli.UsageError("no API key: pass --api-key KEY or set VEDIT_API_KEY (./vedit serve prints one on first start)"
                    + " | 缺少 API Key：请使用 --api-key 或设置 VEDIT_API_KEY");
        }
        try {
            return VeditClient.builder().baseUrl(baseUrl(env)).apiKey(key)
                    .pollInterval(Duration.ofMillis(300), Duration.ofSeconds(2))
                    .build();
        } catch (IllegalStateException e) {
            throw new Cli.UsageError(e.getMessage());
        }
    }

    static ObjectMapper jsonWriter() {
        return WireJson.newMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    private static String firstSet(String a, String b, String c, String fallback) {
        for (String s : new String[] {a, b, c}) {
            if (s != null && !s.isBlank()) {
                return s.strip();
            }
        }
        return fallback;
    }
}
