package dev.vedit.server.media;

import dev.vedit.wire.ErrorCode;
import dev.vedit.wire.VeditException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.Locale;

/**
 * A {@code data:<mime type>;base64,<data>} URI, decoded the same way wherever one arrives: stored at submit
 * ({@link MediaGateway}) or fetched by a worker ({@link MediaFetcher}). There were two decoders, a MIME one that
 * silently skipped any character outside the alphabet and a plain one that refused line breaks; one rule now:
 * line breaks and spaces (base64 is often wrapped at 76 characters) are skipped, anything else outside the
 * alphabet is a broken payload. The payload is read from the URL string as it is decoded, never copied whole.
 */
final class DataUri {
    private final String url;
    private final int comma;

    private DataUri(String url, int comma) {
        this.url = url;
        this.comma = comma;
    }

    static boolean is(String url) {
        return url.regionMatches(true, 0, "data:", 0, 5);
    }

    /** @throws VeditException {@link ErrorCode#INVALID_URL} when it is not the base64 form */
    static DataUri parse(String url) {
        int comma = url.indexOf(',');
        if (comma < 0 || !url.substring(0, comma).toLowerCase(Locale.ROOT).endsWith(";base64")) {
            throw VeditException.of(ErrorCode.INVALID_URL, "a data: URI must be Base64 encoded, as data:<mime type>;base64,<data>",
                    "data: URI 必须为 Base64 编码，格式为 data:<MIME 类型>;base64,<数据>");
        }
        return new DataUri(url, comma);
    }

    /** The most bytes the payload can decode to (each 4 characters are at most 3 bytes), known before decoding. */
    long maxDecodedBytes() {
        return (url.length() - comma - 1L) / 4 * 3;
    }

    /** The decoded bytes; a broken payload surfaces as {@link BadPayload}, never as an {@link IOException}. */
    InputStream open() {
        return new Decoding(Base64.getDecoder().wrap(new SkippingBreaks(new StringInputStream(url, comma + 1))));
    }

    /** The payload is not valid base64: the client's error, unlike an {@link IOException} of the disk it is written to. */
    static final class BadPayload extends RuntimeException {
        BadPayload(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** The JDK's base64 stream reports bad characters and padding as IOExceptions, like a storage failure. */
    private static final class Decoding extends FilterInputStream {
        Decoding(InputStream in) {
            super(in);
        }

        @Override
        public int read() {
            try {
                return super.read();
            } catch (IOException e) {
                throw new BadPayload(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                throw new BadPayload(e);
            }
        }
    }

    /** Drops CR, LF, tab and space from the payload's characters. */
    private static final class SkippingBreaks extends FilterInputStream {
        SkippingBreaks(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int c;
            do {
                c = super.read();
            } while (c == '\r' || c == '\n' || c == '\t' || c == ' ');
            return c;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            while (true) {
                int n = super.read(b, off, len);
                if (n <= 0) {
                    return n;
                }
                int kept = off;
                for (int i = off; i < off + n; i++) {
                    byte c = b[i];
                    if (c != '\r' && c != '\n' && c != '\t' && c != ' ') {
                        b[kept++] = c;
                    }
                }
                if (kept > off) {
                    return kept - off;
                }
            }
        }
    }
}
