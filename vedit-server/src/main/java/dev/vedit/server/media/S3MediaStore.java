package dev.vedit.server.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A {@link MediaStore} in an S3-compatible bucket, so that many api and worker machines share one set of
 * media: key {@code openapi/<sha256>.mp4} is the object {@code PREFIX/openapi/<sha256>.mp4}. Objects are
 * uploaded from the finished file with its length known (streamed, never held in memory; a single PUT takes up
 * to 5 GB, far above the upload limit) and read with ranged GETs, so Range requests cost only their bytes.
 * S3 PUTs are atomic: a reader never sees a partial object.
 */
public final class S3MediaStore implements MediaStore, AutoCloseable {
    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    /**
     * @param s3     the client (closed with this store)
     * @param bucket an existing bucket
     * @param prefix put before every key ({@code ""} for none; otherwise without leading or trailing slash)
     */
    public S3MediaStore(S3Client s3, String bucket, String prefix) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix.isEmpty() ? "" : prefix + "/";
    }

    /**
     * A store for {@code s3://BUCKET[/PREFIX]}. Credentials come from the SDK's default chain
     * ({@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}, profiles, instance roles).
     *
     * @param endpoint an S3-compatible server (MinIO, Ceph, S3Proxy …) addressed path-style, or {@code null}
     *                 for AWS itself
     * @param region   the region, {@code null} for {@code us-east-1}
     */
    public static S3MediaStore connect(String location, String endpoint, String region) {
        URI uri = URI.create(location);
        if (!"s3".equals(uri.getScheme()) || uri.getHost() == null || uri.getHost().isBlank()) {
            throw new IllegalArgumentException("not an S3 location: " + location + " (use s3://BUCKET or s3://BUCKET/PREFIX)");
        }
        String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("^/+|/+$", "");
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .region(Region.of(region == null || region.isBlank() ? "us-east-1" : region));
        if (endpoint != null && !endpoint.isBlank()) {
            // Self-hosted S3 servers rarely resolve BUCKET.host names: address buckets in the path.
            builder.endpointOverride(URI.create(endpoint)).forcePathStyle(true);
        }
        return new S3MediaStore(builder.build(), uri.getHost(), path);
    }

    @Override
    public StoredObject put(String key, Path file) throws IOException {
        String name = objectName(key);
        Optional<Long> existing = head(name);
        if (existing.isPresent()) {
            Files.deleteIfExists(file);
            return new StoredObject(key, existing.get());
        }
        long size = Files.size(file);
        try {
            s3.putObject(b -> b.bucket(bucket).key(name).contentLength(size), RequestBody.fromFile(file));
        } catch (SdkException e) {
            throw new IOException("storing " + key + " in s3://" + bucket + " failed: " + e.getMessage(), e);
        }
        Files.deleteIfExists(file);
        return new StoredObject(key, size);
    }

    @Override
    public InputStream open(String key, long offset, long length) throws IOException {
        if (offset < 0 || length < -1) {
            throw new IllegalArgumentException("offset " + offset + ", length " + length);
        }
        String name = objectName(key);
        if (length == 0) {
            size(key); // a missing key still fails
            return InputStream.nullInputStream();
        }
        GetObjectRequest.Builder request = GetObjectRequest.builder().bucket(bucket).key(name);
        if (offset > 0 || length > 0) {
            request.range("bytes=" + offset + "-" + (length == -1 ? "" : Long.toString(offset + length - 1)));
        }
        try {
            return s3.getObject(request.build());
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(key);
        } catch (S3Exception e) {
            if (e.statusCode() == 416) {
                return InputStream.nullInputStream(); // the offset is at or past the end: nothing to read
            }
            throw new IOException("reading " + key + " from s3://" + bucket + " failed: " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new IOException("reading " + key + " from s3://" + bucket + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public long size(String key) throws IOException {
        return head(objectName(key)).orElseThrow(() -> new NoSuchFileException(key));
    }

    @Override
    public boolean exists(String key) throws IOException {
        return head(objectName(key)).isPresent();
    }

    /** Never: FFmpeg gets a copy in the attempt's work dir (see {@link MediaFetcher}). */
    @Override
    public Optional<Path> localPath(String key) {
        return Optional.empty();
    }

    @Override
    public void delete(String key) throws IOException {
        String name = objectName(key);
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(name));
        } catch (SdkException e) {
            throw new IOException("deleting " + key + " from s3://" + bucket + " failed: " + e.getMessage(), e);
        }
    }

    /** Fails fast at start-up when the bucket is missing or the credentials are refused. */
    public void checkReachable() {
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (SdkException e) {
            throw new UncheckedIOException(new IOException("the media bucket s3://" + bucket + " is not reachable: " + e.getMessage(), e));
        }
    }

    @Override
    public void close() {
        s3.close();
    }

    private Optional<Long> head(String name) throws IOException {
        try {
            HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(name));
            return Optional.of(head.contentLength());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw new IOException("looking up " + name + " in s3://" + bucket + " failed: " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new IOException("looking up " + name + " in s3://" + bucket + " failed: " + e.getMessage(), e);
        }
    }

    private String objectName(String key) {
        return prefix + MediaKeys.checked(key);
    }
}
