package dev.vedit.server;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Start-up work that every serve does once and that depends on nothing it is given, begun on a second thread as the
 * process starts so that the second core does it while the main thread parses the options and opens the database
 * (README "Start-up"). What it does is initialisation the main thread would otherwise do in line when it first
 * reaches it (a class's static set-up, the logging configuration); the JVM runs each class's set-up once, so the
 * main thread either finds it done or waits for the rest of it. Nothing here may change what the service does.
 */
final class StartupWarmUp {
    /** Jetty's property of references per cache line: when absent, Jetty asks the platform MBean server (below). */
    static final String JETTY_REFERENCES_PER_CACHE_LINE = "org.eclipse.jetty.util.referencesPerCacheLine";

    private static final AtomicBoolean begun = new AtomicBoolean();

    private StartupWarmUp() {
    }

    /** Begins the work on a daemon thread; only the first call in a process does anything. */
    static void begin() {
        if (!begun.compareAndSet(false, true)) {
            return;
        }
        // A platform thread: a virtual one would first start the virtual-thread scheduler, more work on the way.
        Thread.ofPlatform().daemon().name("vedit-warm-up").start(StartupWarmUp::run);
    }

    private static void run() {
        // In the order the main thread reaches them. Each step is only a head start: one that fails leaves the main
        // thread to do it (and meet the same failure where it matters), so a failure is ignored here.
        step(() -> org.slf4j.LoggerFactory.getILoggerFactory()); // logback's XML configuration; the service loader opens every jar
        step(() -> org.jdbi.v3.core.statement.internal.JfrSupport.isFlightRecorderAvailable()); // registers Jdbi's JFR event: JFR's metadata
        step(StartupWarmUp::jettyReferencesPerCacheLine);
        step(() -> org.eclipse.jetty.util.MemoryUtils.getReferencesPerCacheLine());
        step(java.util.Locale::getAvailableLocales); // Jetty's MimeTypes lists them in its static set-up (the JDK keeps the list)
    }

    /**
     * Sets Jetty's {@value #JETTY_REFERENCES_PER_CACHE_LINE} to the value Jetty would compute, unless set: without it,
     * the first Jetty queue's static set-up starts the platform MBean server (registering every platform MBean, about a
     * second of CPU on a busy machine) to ask one VM option, whether object references are compressed. The diagnostic
     * bean alone answers the same at a tenth of the cost. Jetty's rule: a cache line's bytes over the size of a reference.
     */
    static void jettyReferencesPerCacheLine() {
        if (System.getProperty(JETTY_REFERENCES_PER_CACHE_LINE) != null) {
            return;
        }
        boolean compressed = Boolean.parseBoolean(java.lang.management.ManagementFactory
                .getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class).getVMOption("UseCompressedOops").getValue());
        int cacheLineBytes = Integer.parseInt(System.getProperty("org.eclipse.jetty.util.cacheLineBytes", "64"));
        System.setProperty(JETTY_REFERENCES_PER_CACHE_LINE, Integer.toString(compressed ? cacheLineBytes >> 2 : cacheLineBytes >> 3));
    }

    private static void step(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException | LinkageError e) {
            // the main thread does this itself when it gets there
        }
    }
}
