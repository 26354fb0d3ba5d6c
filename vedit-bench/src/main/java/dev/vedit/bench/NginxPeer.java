package dev.vedit.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Debian's nginx as the media benchmark's baseline: what a user would otherwise put in front of the files. It
 * serves a directory (with {@code sendfile}, Debian's default) and receives {@code PUT} bodies to disk with the DAV
 * module (the body is written to a temporary file as it arrives, then renamed into place), on a free loopback port,
 * as one process. Installed with apt-get when missing, as the launcher installs chromium for the tests.
 */
final class NginxPeer implements AutoCloseable {
    private static final Duration START = Duration.ofSeconds(15);

    private final Process process;
    private final int port;
    final String version;

    private NginxPeer(Process process, int port, String version) {
        this.process = process;
        this.port = port;
        this.version = version;
    }

    /** The nginx binary, installed first when missing; empty, with {@code why} filled in, when it cannot be had. */
    static Optional<Path> binary(Path logDir, StringBuilder why) throws InterruptedException {
        Optional<Path> found = find();
        if (found.isPresent()) {
            return found;
        }
        try {
            boolean root = "0".equals(output(List.of("id", "-u")).strip());
            String sudo = root ? "" : "sudo -n ";
            Path log = logDir.resolve("nginx-install.log");
            System.err.println("bench: installing nginx (Debian package) for the media baseline ...");
            Process install = new ProcessBuilder("sh", "-c", sudo + "apt-get update -qq && DEBIAN_FRONTEND=noninteractive " + sudo
                    + "apt-get install -y -qq --no-install-recommends nginx").redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!install.waitFor(10, TimeUnit.MINUTES)) {
                install.destroyForcibly();
            }
            found = find();
            if (found.isEmpty()) {
                String tail = Files.exists(log) ? Files.readString(log).lines().reduce((a, b) -> b).orElse("") : "";
                why.append("nginx is not installed and apt-get could not install it (").append(tail.strip()).append(")");
            }
            return found;
        } catch (IOException e) {
            why.append("nginx is not installed and apt-get could not be run (").append(e.getMessage()).append(")");
            return Optional.empty();
        }
    }

    private static Optional<Path> find() {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/local/sbin:/sbin";
        for (String d : path.split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, "nginx"))) {
                return Optional.of(Path.of(d, "nginx"));
            }
        }
        return Optional.empty();
    }

    /** Starts nginx serving {@code docRoot} at {@code /} and taking {@code PUT /put/NAME} into {@code dir/put/}. */
    static NginxPeer start(Path nginx, Path dir, Path docRoot) throws IOException, InterruptedException {
        Files.createDirectories(dir.resolve("body"));
        Files.createDirectories(dir.resolve("put"));
        String version = output(List.of(nginx.toString(), "-v")).strip().replace("nginx version: ", "");
        boolean root = "0".equals(output(List.of("id", "-u")).strip());
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            Path conf = dir.resolve("nginx.conf");
            Files.writeString(conf, config(dir, docRoot, port, root));
            Process p = new ProcessBuilder(nginx.toString(), "-e", dir.resolve("error.log").toString(), "-p", dir.toString(), "-c", conf.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
            long deadline = System.nanoTime() + START.toNanos();
            while (System.nanoTime() < deadline && p.isAlive()) {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                    return new NginxPeer(p, port, version);
                } catch (IOException notYet) {
                    Thread.sleep(20);
                }
            }
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
            // Most likely the free port was taken between finding it and nginx binding it: try another.
            last = new IOException("nginx did not start: " + (Files.exists(dir.resolve("error.log")) ? Files.readString(dir.resolve("error.log")).strip() : ""));
        }
        throw last;
    }

    private static String config(Path dir, Path docRoot, int port, boolean root) {
        // Single process (master_process off), no access log: one connection is served by one worker either way,
        // and the baseline should be nginx moving bytes, not nginx logging.
        return (root ? "user root;\n" : "") + """
                daemon off;
                master_process off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 64; }
                http {
                    access_log off;
                    sendfile on;
                    tcp_nopush on;
                    client_max_body_size 0;
                    client_body_temp_path %1$s/body;
                    server {
                        listen 127.0.0.1:%3$d;
                        root %2$s;
                        location /put/ {
                            root %1$s;
                            dav_methods PUT;
                            create_full_put_path on;
                        }
                    }
                }
                """.formatted(dir.toAbsolutePath(), docRoot.toAbsolutePath(), port);
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String output(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.SECONDS);
        return out;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
