package dev.vedit.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * A closed-loop HTTP/1.1 load generator: {@code concurrency} virtual threads each send a request, wait for the
 * reply, and send the next, over keep-alive connections. Only replies the check accepts count; any other reply
 * stops the run with an error, so a figure never hides failures.
 *
 * <p>One exception, counted ({@link Result#resent}): a request whose connection ended before any byte of its reply
 * is sent once more, as the JDK's client itself does for a GET but not for a POST. It happened now and then under
 * tens of thousands of requests a second (about one api stage in four stopped on it). Apache Bench sent 1.2 million
 * keep-alive GETs of {@code /healthz} and 900,000 POSTs of {@code /openapi/v2/query} to a running {@code ./vedit
 * serve}, 24,000–53,000 a second, without one receive error or closed connection, so the likely cause is on the
 * client's side; a client that meets it sends again.
 */
final class Load {
    /** The JDK client's words for a connection that ended before any byte of the reply. */
    private static final String NO_REPLY = "header parser received no bytes";

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final int concurrency;

    Load(int concurrency) {
        this.concurrency = concurrency;
    }

    /**
     * The outcome: completed requests, wall time, latencies, and the CPU time this process (client and server) spent
     * meanwhile. CPU per request does not move with what else the machine runs, as requests per second do.
     */
    record Result(int requests, double seconds, Latencies latencies, double cpuSeconds, int resent) {
        double perSecond() {
            return requests / seconds;
        }

        double cpuMillisPerRequest() {
            return cpuSeconds * 1000 / requests;
        }

        /** This run and another as one: requests and time added, latencies pooled. */
        Result plus(Result other) {
            Latencies pooled = new Latencies();
            latencies.addAllTo(pooled);
            other.latencies.addAllTo(pooled);
            return new Result(requests + other.requests, seconds + other.seconds, pooled, cpuSeconds + other.cpuSeconds,
                    resent + other.resent);
        }
    }

    /** Runs for {@code duration}; request {@code i} is built by {@code request}. */
    Result forDuration(Duration duration, IntFunction<HttpRequest> request, Predicate<HttpResponse<String>> check) throws Exception {
        long deadline = System.nanoTime() + duration.toNanos();
        return run(i -> System.nanoTime() < deadline, request, check);
    }

    /** Sends exactly {@code count} requests. */
    Result forCount(int count, IntFunction<HttpRequest> request, Predicate<HttpResponse<String>> check) throws Exception {
        return run(i -> i < count, request, check);
    }

    private Result run(java.util.function.IntPredicate more, IntFunction<HttpRequest> request, Predicate<HttpResponse<String>> check)
            throws Exception {
        Latencies latencies = new Latencies();
        AtomicInteger next = new AtomicInteger();
        AtomicLong lastEnd = new AtomicLong();
        AtomicInteger resent = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        long cpuStart = processCpuNanos();
        long start = System.nanoTime();
        for (int t = 0; t < concurrency; t++) {
            threads.add(Thread.ofVirtual().start(() -> {
                while (failures.isEmpty()) {
                    int i = next.getAndIncrement();
                    if (!more.test(i)) {
                        return;
                    }
                    try {
                        HttpRequest r = request.apply(i);
                        long sent = System.nanoTime();
                        HttpResponse<String> reply;
                        try {
                            reply = client.send(r, HttpResponse.BodyHandlers.ofString());
                        } catch (IOException e) {
                            if (!String.valueOf(e.getMessage()).contains(NO_REPLY)) {
                                throw e;
                            }
                            resent.incrementAndGet();
                            sent = System.nanoTime();
                            reply = client.send(r, HttpResponse.BodyHandlers.ofString());
                        }
                        long took = System.nanoTime() - sent;
                        if (!check.test(reply)) {
                            throw new IllegalStateException("unexpected reply " + reply.statusCode() + " from " + r.uri() + ": " + reply.body());
                        }
                        latencies.add(took);
                        lastEnd.accumulateAndGet(System.nanoTime(), Math::max);
                    } catch (IOException | RuntimeException e) {
                        failures.add(new IOException("request " + i + ", " + String.format(java.util.Locale.ROOT, "%.1f",
                                (System.nanoTime() - start) / 1e9) + " s into the run: " + e, e));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("load run failed: " + failures.getFirst(), failures.getFirst());
        }
        // A run in which nothing ended (a deadline already past) lasted until now.
        long end = latencies.count() == 0 ? System.nanoTime() : lastEnd.get();
        return new Result(latencies.count(), (end - start) / 1e9, latencies, (processCpuNanos() - cpuStart) / 1e9, resent.get());
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
