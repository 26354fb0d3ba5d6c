package dev.vedit.bench;

import java.time.Duration;

/**
 * How big each benchmark runs. {@link #FULL} is what {@code ./vedit bench} uses and what the README reports;
 * {@link #SMOKE} runs every code path in seconds, so the test suite keeps the harness working.
 *
 * @param apiDuration      how long each API load runs (after a warm-up of a fifth of it)
 * @param apiConcurrency   concurrent clients of the API load
 * @param submits          submit requests in the submit load (the model queues hold 1000 each)
 * @param queueTasks       tasks through the queue per database, submitted at once (throughput)
 * @param dispatchSamples  tasks submitted one at a time to idle workers (dispatch latency)
 * @param queueWorkers     worker threads of the service and of the npm peer
 * @param mediaBytes       size of the file uploaded and downloaded
 * @param engineSeconds    length of the engine benchmark's clip
 * @param engineHeight     its height (16:9)
 * @param engineRepeats    runs of each edit on each side; the median counts
 * @param passthroughRepeats runs on each side of {@code engine.passthrough}, whose ratio to the floor is read to a few per cent
 * @param comfyTasks       generative tasks on each side of the ComfyUI benchmark, one at a time
 */
record Sizes(Duration apiDuration, int apiConcurrency, int submits, int queueTasks, int dispatchSamples, int queueWorkers, long mediaBytes,
             double engineSeconds, int engineHeight, int engineRepeats, int passthroughRepeats, int comfyTasks) {

    static final Sizes FULL = new Sizes(Duration.ofSeconds(10), 32, 3000, 2000, 200, 8, 1024L * 1024 * 1024, 10, 720, 2, 7, 15);
    static final Sizes SMOKE = new Sizes(Duration.ofMillis(500), 4, 40, 10, 5, 2, 8L * 1024 * 1024, 2, 144, 1, 1, 1);
}
