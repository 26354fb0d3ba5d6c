package dev.vedit.server.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * What operators need beside the API: request ids on every reply and log line, HTTP latency metrics,
 * {@code /metrics}, {@code /openapi.json} and the {@code /docs} page.
 */
public final class OpsRoutes {
    /** The response (and accepted request) header carrying the request id. */
    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    /** The MDC key of the request id in log lines. */
    public static final String REQUEST_ID = "request";
    private static final Logger log = LoggerFactory.getLogger(OpsRoutes.class);
    /** A client's own id is kept only when it cannot forge log lines or headers. */
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private final Metrics metrics;
    private final String metricsToken;
    private final ObjectMapper json;
    /**
     * Built by the first request for it: {@code /healthz} needs no API document, and building it (the catalog's schemas
     * through Jackson) was a twentieth of the main thread's start. Two first requests at once may both build it, alike.
     */
    private volatile String openApi;
    private final byte[] docsPage;

    /**
     * @param metricsToken the Bearer token {@code /metrics} requires, or {@code null}/blank to leave it open
     *                     (it shows counts and latencies, never task contents or keys)
     */
    public OpsRoutes(Metrics metrics, String metricsToken, ObjectMapper json) {
        this.metrics = metrics;
        this.metricsToken = metricsToken == null || metricsToken.isBlank() ? null : metricsToken;
        this.json = json;
        this.docsPage = resource("docs.html");
    }

    /** Adds the routes and the per-request hooks to a Javalin configuration. */
    public void install(JavalinConfig config) {
        config.routes.before(this::startRequest);
        config.requestLogger.http(this::endRequest);
        config.routes.get("/metrics", this::metrics);
        config.routes.get("/openapi.json", ctx -> ctx.contentType("application/json;charset=utf-8").result(openApi()));
        config.routes.get("/docs", ctx -> ctx.contentType("text/html;charset=utf-8").result(docsPage));
    }

    private String openApi() {
        String document = openApi;
        if (document == null) {
            document = ApiDocument.json(json);
            openApi = document;
        }
        return document;
    }

    private void startRequest(Context ctx) {
        String given = ctx.header(REQUEST_ID_HEADER);
        String id = given != null && CLIENT_ID.matcher(given).matches() ? given : UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        MDC.put(REQUEST_ID, id);
        ctx.header(REQUEST_ID_HEADER, id);
    }

    private void endRequest(Context ctx, Float millis) {
        try {
            String route = route(ctx);
            Duration elapsed = Duration.ofNanos((long) (millis * 1_000_000));
            metrics.httpRequest(ctx.method().name(), route, ctx.statusCode(), elapsed);
            if (log.isDebugEnabled()) {
                log.debug("{} {} {} {} ms", ctx.method(), ctx.path(), ctx.statusCode(), String.format(java.util.Locale.ROOT, "%.1f", millis));
            }
        } finally {
            MDC.remove(REQUEST_ID);
        }
    }

    /** The route template (e.g. {@code /media/{token}/{name}}), never the raw path: raw paths would make a series per token. */
    private static String route(Context ctx) {
        try {
            Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
            return endpoint == null ? "unmatched" : endpoint.path;
        } catch (RuntimeException e) {
            return "unmatched";
        }
    }

    private void metrics(Context ctx) {
        if (metricsToken != null) {
            String auth = ctx.header("Authorization");
            byte[] given = (auth == null ? "" : auth).getBytes(StandardCharsets.UTF_8);
            byte[] wanted = ("Bearer " + metricsToken).getBytes(StandardCharsets.UTF_8);
            if (!MessageDigest.isEqual(given, wanted)) {
                ctx.status(401).header("WWW-Authenticate", "Bearer").contentType("text/plain;charset=utf-8")
                        .result("metrics need \"Authorization: Bearer <metrics token>\" (--metrics-token) | 指标接口需要 --metrics-token 所设的 Bearer 令牌\n");
                return;
            }
        }
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
    }

    private static byte[] resource(String name) {
        try (InputStream in = OpsRoutes.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
