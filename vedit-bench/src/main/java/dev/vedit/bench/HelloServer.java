package dev.vedit.bench;

import io.javalin.Javalin;

/**
 * The start-up benchmark's floor: the smallest service on vedit's own stack (the same JVM and flags, Jetty, Javalin)
 * answering {@code GET /healthz}, with nothing of vedit's behind it. {@code java -cp ... dev.vedit.bench.HelloServer PORT}.
 */
public final class HelloServer {
    private HelloServer() {
    }

    public static void main(String[] args) {
        Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.routes.get("/healthz", ctx -> ctx.result("ok"));
        }).start("127.0.0.1", Integer.parseInt(args[0]));
    }
}
