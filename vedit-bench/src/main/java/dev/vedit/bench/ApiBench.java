package dev.vedit.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vedit.server.VeditServer;
import dev.vedit.server.engine.local.LocalEngine;
import dev.vedit.server.ffmpeg.Ffmpeg;
import dev.vedit.wire.ModelCatalog;
import dev.vedit.wire.ModelSpec;
import dev.vedit.wire.RequestValidator;
import dev.vedit.wire.ValidatedRequest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * API throughput and latency of query and submit, beside {@code GET /healthz} on the same server in the same
 * run (alternating in rounds): the cheapest route of the same stack (Jetty, Javalin on virtual threads, Jackson; no auth, no database),
 * so the ratio is what authentication, validation and the database cost. The node runs no workers, so the
 * queries and submits are measured alone.
 */
final class ApiBench implements Bench.Suite {
    /** Four model endpoints whose required fields all have defaults except prompt and videoUrl; each queues up to 1000. */
    static final List<String> MODELS = List.of("kling-video-o3-pro/video-edit", "kling-video-o3-std/video-edit",
            "kling-video-o1-std/edit-video", "rhart-video-g-official/edit-video");
    /** Never fetched (no workers run here), so any well-formed public URL does. */
    private static final String PUBLIC_VIDEO = "https://media.example.com/bench.mp4";
    /**
     * Every fourth submit names our own upload (its {@code download_url}), as a client that uploads first does:
     * that media is checked at submit, so the figure includes what checking it costs.
     */
    private static final int OWN_MEDIA_EVERY = 4;
    private static final int ROUNDS = 5;
    /** Loads of submits before the measured one (see {@link #warmUpSubmits}). */
    private static final int SUBMIT_WARM_UP_ROUNDS = 14;
    private static final Pattern TASK_ID = Pattern.compile("\"taskId\":\"(\\d+)\"");

    @Override
    public void run(Sizes sizes, Path workDir, Consumer<Figure> report) throws Exception {
        Path cache = Bench.cacheDir(workDir);
        Ffmpeg ffmpeg = Media.ffmpeg(cache);
        Path clip = Media.clip(ffmpeg, workDir.resolve("upload.mp4"), 240, 10, true);
        try (BenchServer s = new BenchServer(Media.serverDir(workDir.resolve("server"), cache), 0, VeditServer.Extras.NONE, c -> c)) {
            Load load = new Load(sizes.apiConcurrency());
            String ownVideo = s.upload(clip);
            HttpResponse<String> first = java.net.http.HttpClient.newHttpClient().send(
                    s.post("/openapi/v2/" + MODELS.getFirst(), submitBody(0, PUBLIC_VIDEO)).build(), HttpResponse.BodyHandlers.ofString());
            Matcher m = TASK_ID.matcher(first.body());
            if (!m.find()) {
                throw new IllegalStateException("submit did not return a task: " + first.body());
            }
            HttpRequest bare = HttpRequest.newBuilder(URI.create(s.url("/healthz"))).GET().build();
            HttpRequest query = s.post("/openapi/v2/query", "{\"taskId\":\"" + m.group(1) + "\"}").build();
            java.time.Duration warmUp = sizes.apiDuration().dividedBy(5);
            load.forDuration(warmUp, i -> bare, r -> r.statusCode() == 200);
            load.forDuration(warmUp, i -> query, ApiBench::isQueuedTask);

            // Bare and query alternate in short rounds, so that a change in the machine's load hits both alike.
            Load.Result b = null;
            Load.Result q = null;
            java.time.Duration round = sizes.apiDuration().dividedBy(ROUNDS);
            for (int i = 0; i < ROUNDS; i++) {
                Load.Result br = load.forDuration(round, n -> bare, r -> r.statusCode() == 200);
                Load.Result qr = load.forDuration(round, n -> query, ApiBench::isQueuedTask);
                b = b == null ? br : b.plus(br);
                q = q == null ? qr : q.plus(qr);
            }
            for (int warm = 1; warm <= SUBMIT_WARM_UP_ROUNDS; warm++) {
                Load.Result wr = submitAndCancel(s, load, firstPromptOfLoad(warm, sizes), sizes.submits(), ownVideo);
                System.err.printf(java.util.Locale.ROOT, "bench: api warm-up load %d of %d: %.0f submits/s, %.2f ms CPU each (client and server)%n",
                        warm, SUBMIT_WARM_UP_ROUNDS, wr.perSecond(), wr.cpuMillisPerRequest());
            }
            // Submits and bare requests alternate too, so that the submit is compared with the bare endpoint measured beside
            // it, not a minute earlier. The bare rounds stay as long as those above: bare rounds as short as a submit
            // load (0.3-0.6 s) answered a third faster than 2 s rounds in the same run, a bias of their length.
            Load.Result sub = null;
            Load.Result sb = null;
            for (int i = 0; i < ROUNDS; i++) {
                Load.Result sr = submitAndCancel(s, load, firstPromptOfLoad(SUBMIT_WARM_UP_ROUNDS + 1 + i, sizes), sizes.submits(), ownVideo);
                Load.Result br = load.forDuration(round, n -> bare, r -> r.statusCode() == 200);
                sub = sub == null ? sr : sub.plus(sr);
                sb = sb == null ? br : sb.plus(br);
            }
            double interpret = interpretRate(ffmpeg, sizes.apiDuration().dividedBy(ROUNDS));
            String label = "bare /healthz";
            report.accept(Figure.of("api.bare.throughput", b.perSecond(), "req/s"));
            report.accept(Figure.of("api.bare.p50", b.latencies().percentileMillis(50), "ms"));
            report.accept(Figure.of("api.bare.p99", b.latencies().percentileMillis(99), "ms"));
            report.accept(Figure.of("api.query.throughput", q.perSecond(), "req/s").against(b.perSecond(), label));
            report.accept(Figure.of("api.query.p50", q.latencies().percentileMillis(50), "ms").against(b.latencies().percentileMillis(50), label));
            report.accept(Figure.of("api.query.p99", q.latencies().percentileMillis(99), "ms").against(b.latencies().percentileMillis(99), label));
            String beside = "bare /healthz in rounds beside the submits";
            report.accept(Figure.of("api.submit.throughput", sub.perSecond(), "req/s").against(sb.perSecond(), beside));
            report.accept(Figure.of("api.submit.p50", sub.latencies().percentileMillis(50), "ms").against(sb.latencies().percentileMillis(50), beside));
            report.accept(Figure.of("api.submit.p99", sub.latencies().percentileMillis(99), "ms").against(sb.latencies().percentileMillis(99), beside));
            report.accept(Figure.of("api.submit.cpu", sub.cpuMillisPerRequest(), "ms CPU per request, client and server")
                    .against(sb.cpuMillisPerRequest(), beside));
            report.accept(Figure.of("api.interpret", interpret, "prompts/s (one thread, each prompt read once)"));
            report.accept(Figure.of("api.resent", b.resent() + q.resent() + sub.resent() + sb.resent(),
                    "requests of the measured loads sent again (their connection ended before any reply: see Load)"));
        }
    }

    /**
     * The first prompt of submit load {@code n} (the warm-up's from 1, then the measured ones): the first submit of the
     * run used prompt 0, and every load has prompts of its own.
     */
    private static int firstPromptOfLoad(int n, Sizes sizes) {
        return n * sizes.submits() + 1;
    }

    /** How many prompts a run submits: they must not repeat ({@link BenchPrompts#distinct}). */
    static int promptsPerRun(Sizes sizes) {
        return firstPromptOfLoad(SUBMIT_WARM_UP_ROUNDS + ROUNDS + 1, sizes);
    }

    /**
     * Submits {@code count} new prompts from prompt number {@code firstPrompt} on, then cancels what they queued, so
     * that each load finds the queues as empty as the first (the models queue 1000 each). The warm-up loads are these:
     * submitting runs far more code than a query (the prompt's reading, the media checks, the inserts), which the JIT
     * compiler is still compiling after several loads of it: what runs once per group of submits (the group's inserts
     * and commit) reaches the optimising compiler's thresholds last. After five loads of 3000 the compiler still had
     * 29 % of the CPU of the measured load; the CPU a submit took (client and server) fell through twelve loads (1.92,
     * 1.32, 1.11, 0.90, 0.83, 0.74, 0.67, 0.62, 0.64, 0.65, 0.53, 0.57 ms, at a load average of 5), after which the
     * compiler had 3 %. A service that has run for a while has compiled it.
     */
    private static Load.Result submitAndCancel(BenchServer s, Load load, int firstPrompt, int count, String ownVideo) throws Exception {
        java.util.Queue<String> queued = new java.util.concurrent.ConcurrentLinkedQueue<>();
        Load.Result result = load.forCount(count, i -> s.post("/openapi/v2/" + MODELS.get(i % MODELS.size()),
                submitBody(firstPrompt + i, (i + 1) % OWN_MEDIA_EVERY == 0 ? ownVideo : PUBLIC_VIDEO)).build(), r -> {
            Matcher m = TASK_ID.matcher(r.body());
            return isQueuedTask(r) && m.find() && queued.add(m.group(1));
        });
        List<String> ids = List.copyOf(queued);
        load.forCount(ids.size(), i -> s.post("/task/openapi/cancel", "{\"taskId\":\"" + ids.get(i) + "\"}").build(),
                r -> r.statusCode() == 200 && r.body().contains("\"code\":0"));
        return result;
    }

    /**
     * How many new prompts the local engine reads per second on one thread: the submits' own prompts
     * ({@link BenchPrompts}), each read once by an engine whose memory of readings is empty, so every one is read in
     * full, as a submit with a new prompt is. Beside {@code api.submit.throughput} it shows what reading costs a submit.
     */
    private static double interpretRate(Ffmpeg ffmpeg, Duration duration) {
        ModelSpec model = ModelCatalog.standard().byPath(MODELS.getFirst()).orElseThrow();
        ObjectMapper json = new ObjectMapper();
        List<ValidatedRequest> requests = IntStream.range(0, BenchPrompts.distinct())
                .mapToObj(i -> RequestValidator.validate(model,
                        json.createObjectNode().put("prompt", BenchPrompts.prompt(i)).put("videoUrl", PUBLIC_VIDEO)))
                .toList();
        // A warm-up pass over other prompts than those timed, then the timed pass; past the last prompt a fresh
        // engine starts over, so no prompt is ever read twice by one engine.
        int next = 0;
        LocalEngine engine = new LocalEngine(ffmpeg);
        for (long until = System.nanoTime() + duration.toNanos() / 2; System.nanoTime() < until; next++) {
            engine.plan(requests.get(next % requests.size()));
        }
        engine = new LocalEngine(ffmpeg);
        int read = 0;
        long start = System.nanoTime();
        long until = start + duration.toNanos();
        for (int i = next; System.nanoTime() < until; i++, read++) {
            if (i % requests.size() == next % requests.size() && read > 0) {
                engine = new LocalEngine(ffmpeg);
            }
            engine.plan(requests.get(i % requests.size()));
        }
        return read / ((System.nanoTime() - start) / 1e9);
    }

    /** The body of submit number {@code i}: its own prompt ({@link BenchPrompts}) and the video. */
    static String submitBody(int i, String videoUrl) {
        String prompt = BenchPrompts.prompt(i);
        return "{\"prompt\":\"" + prompt.replace("\\", "\\\\").replace("\"", "\\\"") + "\",\"videoUrl\":\"" + videoUrl + "\"}";
    }

    private static boolean isQueuedTask(HttpResponse<String> r) {
        return r.statusCode() == 200 && r.body().contains("\"status\":\"QUEUED\"");
    }
}
