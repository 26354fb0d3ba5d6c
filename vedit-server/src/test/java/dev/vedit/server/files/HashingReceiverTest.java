package dev.vedit.server.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HashingReceiverTest {
    @TempDir
    Path dir;

    /** A body cut into pieces of uneven sizes (empty ones too), each a slice of a larger lent buffer, as Jetty lends them. */
    private static List<ByteBuffer> pieces(byte[] body, long seed) {
        Random random = new Random(seed);
        List<ByteBuffer> pieces = new ArrayList<>();
        for (int at = 0; at < body.length; ) {
            int length = Math.min(body.length - at, random.nextInt(70_000));
            ByteBuffer lent = ByteBuffer.allocate(length + 16);
            lent.position(8);
            lent.put(body, at, length);
            pieces.add(lent.flip().position(8).slice());
            at += length;
        }
        return pieces;
    }

    @ParameterizedTest(name = "overlap {0}")
    @ValueSource(booleans = {false, true})
    void writesAndHashesEveryByteInOrderAndReleasesEachPieceOnce(boolean overlap) throws Exception {
        byte[] body = new byte[12 * 1024 * 1024 + 17];
        new Random(7).nextBytes(body);
        List<ByteBuffer> pieces = pieces(body, 11);
        AtomicInteger[] released = new AtomicInteger[pieces.size()];
        ReceivedFile received;
        try (HashingReceiver receiver = HashingReceiver.create(dir, overlap)) {
            for (int i = 0; i < pieces.size(); i++) {
                AtomicInteger count = released[i] = new AtomicInteger();
                receiver.accept(pieces.get(i), count::incrementAndGet);
            }
            received = receiver.finish();
        }

        assertThat(received.size()).isEqualTo(body.length);
        assertThat(Files.readAllBytes(received.file())).isEqualTo(body);
        assertThat(received.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)));
        assertThat(released).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
        // The lender's buffers are as they were lent: neither the write nor the hash moved them.
        assertThat(pieces).allSatisfy(piece -> assertThat(piece.position()).isZero());
    }

    @ParameterizedTest(name = "overlap {0}")
    @ValueSource(booleans = {false, true})
    void anAbandonedBodyReleasesEveryPieceOnceAndLeavesNoFile(boolean overlap) throws Exception {
        byte[] body = new byte[8 * 1024 * 1024];
        new Random(3).nextBytes(body);
        List<ByteBuffer> pieces = pieces(body, 5);
        List<AtomicInteger> released = new ArrayList<>();
        HashingReceiver receiver = HashingReceiver.create(dir, overlap);
        for (ByteBuffer piece : pieces.subList(0, pieces.size() / 2)) {
            AtomicInteger count = new AtomicInteger();
            released.add(count);
            receiver.accept(piece, count::incrementAndGet);
        }
        receiver.close();

        assertThat(released).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }
}
