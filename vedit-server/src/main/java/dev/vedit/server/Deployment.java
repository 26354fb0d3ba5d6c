package dev.vedit.server;

import java.util.Locale;

/**
 * How this process takes part in a deployment: one machine doing everything (the default), or one of many
 * api and worker processes sharing a PostgreSQL database and an S3-compatible bucket.
 *
 * @param role       what this process does
 * @param mediaStore {@code disk} (files under the data dir) or {@code s3://BUCKET[/PREFIX]}
 * @param s3Endpoint an S3-compatible server (MinIO, Ceph, …), addressed path-style; {@code null} for AWS
 * @param s3Region   the bucket's region; {@code null} for {@code us-east-1}
 * @param pollOnly   workers find work by polling alone, without a LISTEN connection (for connection poolers in
 *                   transaction mode, which cannot LISTEN)
 */
public record Deployment(Role role, String mediaStore, String s3Endpoint, String s3Region, boolean pollOnly) {

    /** What a process does. */
    public enum Role {
        /** HTTP API and workers in one process (one machine). */
        ALL,
        /** The HTTP API only: accepts, answers and serves media; never claims a task. */
        API,
        /** Claims and runs tasks, re-queues lost attempts, cleans up media; its HTTP port answers {@code /healthz} only. */
        WORKER;

        public boolean servesApi() {
            return this != WORKER;
        }

        public boolean runsTasks() {
            return this != API;
        }

        /** {@code all}, {@code api} or {@code worker}, in any case. */
        public static Role parse(String text) {
            try {
                return valueOf(text.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--role must be all, api or worker, not '" + text + "' | --role 只能是 all、api 或 worker");
            }
        }
    }

    public Deployment {
        mediaStore = mediaStore == null || mediaStore.isBlank() ? "disk" : mediaStore.strip();
        if (!mediaStore.equals("disk") && !mediaStore.startsWith("s3://")) {
            throw new IllegalArgumentException("--media-store must be disk or s3://BUCKET[/PREFIX], not '" + mediaStore
                    + "' | --media-store 只能是 disk 或 s3://存储桶[/前缀]");
        }
    }

    /** Everything in one process, media on disk, woken by LISTEN/NOTIFY where the database has it. */
    public static Deployment single() {
        return new Deployment(Role.ALL, "disk", null, null, false);
    }

    public boolean s3() {
        return mediaStore.startsWith("s3://");
    }

    public Deployment withRole(Role newRole) {
        return new Deployment(newRole, mediaStore, s3Endpoint, s3Region, pollOnly);
    }

    public Deployment withS3(String location, String endpoint) {
        return new Deployment(role, location, endpoint, s3Region, pollOnly);
    }

    public Deployment withPollOnly(boolean newPollOnly) {
        return new Deployment(role, mediaStore, s3Endpoint, s3Region, newPollOnly);
    }
}
