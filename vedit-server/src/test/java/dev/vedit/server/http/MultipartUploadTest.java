package dev.vedit.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vedit.wire.ErrorCode;
import dev.vedit.wire.VeditException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.eclipse.jetty.io.Content;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The upload's receive path without HTTP around it: bodies of several sizes arrive in chunks of several sizes (down
 * to one byte, and with the closing boundary split at every position), written and hashed inline or on the second
 * thread. Each chunk's buffer is overwritten as soon as it is released, as a connection's buffer is reused, so a
 * byte written or hashed after its release shows up as a wrong file or a wrong hash; and every chunk must be
 * released, or the connection's buffers would leak.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES) // a hang guard (a lost wake-up would wait forever), not a speed check
class MultipartUploadTest {
    private static final String BOUNDARY = "multipart-upload-test";
    private static final String TYPE = "multipart/form-data; boundary=" + BOUNDARY;
    private static final long LIMIT = 8L * 1024 * 1024;

    @TempDir
    Path dir;

    static Stream<Arguments> sizesAndChunkings() {
        return Stream.of(1, 100, 65_535, 1024 * 1024 + 17, 5 * 1024 * 1024)
                .flatMap(size -> Stream.of(7, 4096, 65_536, Integer.MAX_VALUE)
                        .filter(chunk -> (long) size / chunk < 200_000)
                        .flatMap(chunk -> Stream.of(true, false).map(overlap -> Arguments.of(size, chunk, overlap))));
    }

    @ParameterizedTest(name = "{0} bytes in chunks of {1}, overlap {2}")
    @MethodSource("sizesAndChunkings")
    void theFileAndItsHashAreTheBodysOwn(int size, int chunk, boolean overlap) throws Exception {
        byte[] content = random(size, size);
        byte[] body = form(content, "clip.mp4");
        Source source = Source.of(body, chunk);

        MultipartUpload.Received r = receive(source, overlap ? -1 : body.length);

        assertStored(r, content);
        assertThat(r.fileName()).isEqualTo("clip.mp4");
        assertThat(source.unreleased()).as("chunks never released").isZero();
    }

    @Test
    void theClosingBoundarySplitAtEveryPositionIsStillFound() throws Exception {
        byte[] content = random(10_000, 3);
        byte[] body = form(content, "a.mp4");
        int tail = ("\r\n--" + BOUNDARY + "--\r\n").length();
        for (int split = body.length - tail - 2; split < body.length; split++) {
            for (boolean overlap : new boolean[] {true, false}) {
                Source source = Source.split(body, split);

                MultipartUpload.Received r = receive(source, overlap ? -1 : body.length);

                assertStored(r, content);
                assertThat(source.unreleased()).isZero();
                Files.delete(r.file().file());
            }
        }
    }

    @Test
    void contentThatLooksLikeTheBoundaryUntilItDoesNotIsKeptByteForByte() throws Exception {
        // "\r\n--" + most of the boundary inside the content, split across chunks: the parser holds those bytes back
        // as a possible boundary, then hands them over from its own buffer when the match fails.
        byte[] near = ("\r\n--" + BOUNDARY.substring(0, BOUNDARY.length() - 3) + "xyz").getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(random(5000, 4));
        out.write(near);
        out.write('\r');
        out.write(random(3000, 5));
        out.write('\r');
        byte[] content = out.toByteArray();
        byte[] body = form(content, "b.mp4");
        for (int chunk : new int[] {1, 5, 11, 4096}) {
            for (boolean overlap : new boolean[] {true, false}) {
                Source source = Source.of(body, chunk);

                MultipartUpload.Received r = receive(source, overlap ? -1 : body.length);

                assertStored(r, content);
                assertThat(source.unreleased()).isZero();
                Files.delete(r.file().file());
            }
        }
    }

    @Test
    void otherFieldsAroundTheFileAreSkipped() throws Exception {
        byte[] content = random(200_000, 6);
        String start = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n"
                + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"c.mp4\"\r\n\r\n";
        String end = "\r\n--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"second.mp4\"\r\n\r\nsecond"
                + "\r\n--" + BOUNDARY + "--\r\n";
        Source source = Source.of(concat(start.getBytes(StandardCharsets.UTF_8), content, end.getBytes(StandardCharsets.UTF_8)), 1000);

        MultipartUpload.Received r = receive(source, -1);

        assertStored(r, content);
        assertThat(r.fileName()).isEqualTo("c.mp4");
        assertThat(source.unreleased()).isZero();
    }

    @ParameterizedTest(name = "overlap {0}")
    @MethodSource("bothModes")
    void aFileOverTheLimitIsRefusedWhileArrivingAndLeavesNothing(boolean overlap) throws Exception {
        byte[] content = random((int) LIMIT + 1, 7);
        Source source = Source.of(form(content, "big.mp4"), 65_536);

        assertThatThrownBy(() -> receive(source, overlap ? -1 : 100))
                .isInstanceOfSatisfying(VeditException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FILE_TOO_LARGE));

        assertThat(source.consumed()).as("stopped reading at the limit").isLessThan(LIMIT + 2 * 65_536);
        assertNothingLeft(source);
    }

    @Test
    void aBodyPastTheLimitOutsideTheFileIsRefusedToo() throws Exception {
        String start = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"padding\"\r\n\r\n";
        byte[] padding = random((int) (LIMIT + MultipartUpload.OVERHEAD + 1), 8);
        Source source = Source.of(concat(start.getBytes(StandardCharsets.UTF_8), padding, form(new byte[10], "x.mp4")), 65_536);

        assertThatThrownBy(() -> receive(source, -1))
                .isInstanceOfSatisfying(VeditException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FILE_TOO_LARGE));
        assertNothingLeft(source);
    }

    static Stream<Boolean> bothModes() {
        return Stream.of(true, false);
    }

    @Test
    void aBodyCutShortIsBadMultipartAndLeavesNothing() throws Exception {
        byte[] body = form(random(300_000, 9), "cut.mp4");
        Source source = Source.of(Arrays.copyOf(body, body.length - 10), 4096);

        assertThatThrownBy(() -> receive(source, -1))
                .isInstanceOfSatisfying(VeditException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETERS);
                    assertThat(e.getMessage()).contains("multipart body could not be read");
                });
        assertNothingLeft(source);
    }

    @Test
    void aConnectionLostMidwayLeavesNothing() throws Exception {
        byte[] body = form(random(300_000, 10), "lost.mp4");
        Source source = Source.of(Arrays.copyOf(body, 200_000), 4096);
        source.failAtEnd(new IOException("connection reset"));

        assertThatThrownBy(() -> receive(source, -1))
                .isInstanceOfSatisfying(VeditException.class, e -> assertThat(e.getMessage()).contains("could not be received", "connection reset"));
        assertNothingLeft(source);
    }

    @Test
    void garbageIsBadMultipart() {
        Source source = Source.of("this is not a multipart body at all".getBytes(StandardCharsets.UTF_8), 10);

        assertThatThrownBy(() -> receive(source, -1))
                .isInstanceOfSatisfying(VeditException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETERS));
        assertThat(source.unreleased()).isZero();
    }

    @Test
    void aMissingFileFieldIsNamed() throws Exception {
        String body = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"video\"; filename=\"a.mp4\"\r\n\r\nabc\r\n--" + BOUNDARY + "--\r\n";
        Source source = Source.of(body.getBytes(StandardCharsets.UTF_8), 10);

        assertThatThrownBy(() -> receive(source, -1))
                .isInstanceOfSatisfying(VeditException.class, e -> assertThat(e.getMessage()).contains("field \"file\" is missing"));
        assertNothingLeft(source);
    }

    @Test
    void aTooLongFileNameAndATooLongPartHeaderAreSaidAsSuch() throws Exception {
        Source longName = Source.of(form(new byte[10], "n".repeat(300) + ".mp4"), 100);
        assertThatThrownBy(() -> receive(longName, -1))
                .isInstanceOfSatisfying(VeditException.class, e -> assertThat(e.getMessage()).contains("file name is longer than 255"));
        assertNothingLeft(longName);

        Source hugeHeader = Source.of(form(new byte[10], "n".repeat(100_000) + ".mp4"), 4096);
        assertThatThrownBy(() -> receive(hugeHeader, -1))
                .isInstanceOfSatisfying(VeditException.class, e -> assertThat(e.getMessage()).contains("part header", "too long"));
        assertNothingLeft(hugeHeader);
    }

    @Test
    void aContentTypeWithoutBoundaryIsRefusedBeforeReading() {
        Source source = Source.of(form(new byte[10], "a.mp4"), 100);

        assertThatThrownBy(() -> new MultipartUpload(dir, LIMIT, MultipartUploadTest::tooLarge).receive("multipart/form-data", -1, source))
                .isInstanceOfSatisfying(VeditException.class, e -> assertThat(e.getMessage()).contains("boundary"));
        assertThat(source.consumed()).isZero();
    }

    private MultipartUpload.Received receive(Source source, long declared) throws IOException {
        return new MultipartUpload(dir, LIMIT, MultipartUploadTest::tooLarge).receive(TYPE, declared, source);
    }

    private static VeditException tooLarge() {
        return VeditException.of(ErrorCode.FILE_TOO_LARGE, "too large", "too large");
    }

    private void assertStored(MultipartUpload.Received r, byte[] content) throws Exception {
        assertThat(r.file().file().getParent()).isEqualTo(dir);
        assertThat(Files.readAllBytes(r.file().file())).isEqualTo(content);
        assertThat(r.file().size()).isEqualTo(content.length);
        assertThat(r.file().sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
    }

    private void assertNothingLeft(Source source) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.toList()).as("files left behind").isEmpty();
        }
        assertThat(source.unreleased()).as("chunks never released").isZero();
    }

    private static byte[] form(byte[] content, String fileName) {
        byte[] head = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: video/mp4\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8);
        return concat(head, content, tail);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) random.nextInt();
        }
        return bytes;
    }

    /**
     * A request body as a connection delivers it: retainable chunks over buffers of their own, each buffer
     * overwritten when its chunk is released (as the connection would refill it).
     */
    private static final class Source implements Content.Source {
        private final Deque<byte[]> pieces;
        private final AtomicInteger unreleased = new AtomicInteger();
        private long consumed;
        private Throwable failure;

        private Source(List<byte[]> pieces) {
            this.pieces = new ArrayDeque<>(pieces);
        }

        static Source of(byte[] body, int chunk) {
            List<byte[]> pieces = new java.util.ArrayList<>();
            for (int i = 0; i < body.length; i += chunk) {
                pieces.add(Arrays.copyOfRange(body, i, (int) Math.min(body.length, (long) i + chunk)));
            }
            return new Source(pieces);
        }

        static Source split(byte[] body, int at) {
            return new Source(List.of(Arrays.copyOf(body, at), Arrays.copyOfRange(body, at, body.length)));
        }

        void failAtEnd(Throwable failure) {
            this.failure = failure;
        }

        int unreleased() {
            return unreleased.get();
        }

        long consumed() {
            return consumed;
        }

        @Override
        public Content.Chunk read() {
            byte[] piece = pieces.poll();
            if (piece == null) {
                return failure != null ? Content.Chunk.from(failure, true) : Content.Chunk.EOF;
            }
            consumed += piece.length;
            unreleased.incrementAndGet();
            boolean last = pieces.isEmpty() && failure == null;
            return Content.Chunk.from(ByteBuffer.wrap(piece), last, () -> {
                Arrays.fill(piece, (byte) 0x5A);
                unreleased.decrementAndGet();
            });
        }

        @Override
        public void demand(Runnable demandCallback) {
            demandCallback.run();
        }

        @Override
        public void fail(Throwable failure) {
            pieces.clear();
        }
    }
}
