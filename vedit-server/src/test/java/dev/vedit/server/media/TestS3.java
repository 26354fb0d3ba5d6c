package dev.vedit.server.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3-compatible server for tests: one S3Proxy (filesystem backend) per JVM, started in a child JVM from
 * the jar the build copies to {@code target/s3proxy} (its bundled Jetty and Jackson clash with ours), and a
 * fresh bucket per call. Sets the {@code aws.accessKeyId}/{@code aws.secretAccessKey} system properties, so
 * the SDK's default credential chain finds its credentials, as a real deployment's would in the environment.
 */
public final class TestS3 {
    public static final String ACCESS_KEY = "vedit-test";
    public static final String SECRET_KEY = "vedit-test-secret";
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static String endpoint;
    private static S3Client admin;

    private TestS3() {
    }

    /** The server's endpoint, e.g. {@code http://127.0.0.1:40123}. */
    public static synchronized String endpoint() {
        if (endpoint == null) {
            endpoint = start();
            admin = S3Client.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                    .endpointOverride(URI.create(endpoint)).forcePathStyle(true).build();
            System.setProperty("aws.accessKeyId", ACCESS_KEY);
            System.setProperty("aws.secretAccessKey", SECRET_KEY);
        }
        return endpoint;
    }

    /** A new, empty bucket; returns its name. */
    public static String newBucket() {
        endpoint();
        String name = "vedit-test-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
        admin.createBucket(b -> b.bucket(name));
        return name;
    }

    /** A client with full rights, to look at what a store wrote. */
    public static S3Client admin() {
        endpoint();
        return admin;
    }

    /** The environment a child process needs to reach the server through the default credential chain. */
    public static Map<String, String> environment() {
        return Map.of("VEDIT_S3_ENDPOINT", endpoint(), "AWS_ACCESS_KEY_ID", ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", SECRET_KEY,
                "AWS_REGION", "us-east-1");
    }

    private static String start() {
        try {
            Path jar = Path.of("target", "s3proxy", "s3proxy.jar").toAbsolutePath();
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " is missing; the build copies it in generate-test-resources (run the tests through Maven)");
            }
            Path dir = Files.createTempDirectory("vedit-s3proxy");
            Path data = Files.createDirectories(dir.resolve("data"));
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            String url = "http://127.0.0.1:" + port;
            Path properties = Files.writeString(dir.resolve("s3proxy.conf"), String.join("\n",
                    "s3proxy.endpoint=" + url,
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + ACCESS_KEY,
                    "s3proxy.credential=" + SECRET_KEY,
                    "jclouds.provider=filesystem",
                    "jclouds.filesystem.basedir=" + data,
                    "jclouds.identity=" + ACCESS_KEY,
                    "jclouds.credential=" + SECRET_KEY, ""));
            String java = ProcessHandle.current().info().command().orElse("java");
            Process process = new ProcessBuilder(java, "-Xmx256m", "-jar", jar.toString(), "--properties", properties.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("s3proxy.log").toFile()).start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("S3Proxy exited: " + Files.readString(dir.resolve("s3proxy.log")));
                }
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                    return url;
                } catch (IOException notYet) {
                    Thread.sleep(100);
                }
            }
            throw new IllegalStateException("S3Proxy did not start within 60 s: " + Files.readString(dir.resolve("s3proxy.log")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
