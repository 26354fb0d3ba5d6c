package dev.vedit.server.media;

import dev.vedit.wire.ErrorCode;
import dev.vedit.wire.VeditException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Streams bytes to a file while hashing them and enforcing a size limit; memory stays one buffer. */
final class HashingCopy {
    private static final int BUFFER = 64 * 1024;
    private static final int HASH_BUFFER = 1024 * 1024;

    record Result(String sha256, long size) {
    }

    private HashingCopy() {
    }

    /**
     * Copies {@code in} to {@code target} (created or truncated).
     *
     * @throws VeditException {@link ErrorCode#FILE_TOO_LARGE} as soon as more than {@code maxBytes} arrive
     */
    static Result copy(InputStream in, Path target, long maxBytes) throws IOException {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[BUFFER];
        long total = 0;
        try (OutputStream out = Files.newOutputStream(target)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
                if (total > maxBytes) {
                    throw tooLarge(maxBytes);
                }
                digest.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
        }
        return new Result(HexFormat.of().formatHex(digest.digest()), total);
    }

    /** The SHA-256 and size of a file, read in a stream. */
    static Result hash(Path file) throws IOException {
        MessageDigest digest = sha256();
        // Larger than the copy's buffer: this reads the page cache, so fewer system calls are all it can save.
        byte[] buffer = new byte[HASH_BUFFER];
        long total = 0;
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
                digest.update(buffer, 0, n);
            }
        }
        return new Result(HexFormat.of().formatHex(digest.digest()), total);
    }

    static VeditException tooLarge(long maxBytes) {
        return VeditException.of(ErrorCode.FILE_TOO_LARGE,
                "the file is larger than " + maxBytes + " bytes; send a smaller file",
                "文件超过 " + maxBytes + " 字节，请使用更小的文件");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
