package dev.vedit.server.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every {@link MediaStore} must do; a store's test extends this and says how to create one. */
abstract class MediaStoreContract {
    @TempDir
    Path dir;
    MediaStore store;

    abstract MediaStore newStore(Path dir) throws IOException;

    @BeforeEach
    void createStore() throws IOException {
        store = newStore(dir.resolve("store"));
    }

    Path file(byte[] content) throws IOException {
        return Files.write(Files.createTempFile(dir, "src", ".bin"), content);
    }

    static byte[] counting(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }

    @Test
    void putThenOpenReturnsTheSameBytes() throws IOException {
        byte[] content = counting(100_000);
        StoredObject stored = store.put("openapi/abc.mp4", file(content));

        assertThat(stored).isEqualTo(new StoredObject("openapi/abc.mp4", 100_000));
        try (InputStream in = store.open("openapi/abc.mp4", 0, -1)) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
    }

    @Test
    void putTakesOwnershipOfTheSourceFile() throws IOException {
        Path source = file(counting(10));
        store.put("openapi/a.png", source);

        assertThat(source).doesNotExist();
    }

    @Test
    void putOfAnExistingKeyKeepsTheStoredContentAndConsumesTheFile() throws IOException {
        store.put("openapi/same.png", file(counting(10)));
        Path second = file(new byte[] {9, 9, 9});

        StoredObject again = store.put("openapi/same.png", second);

        assertThat(again.size()).isEqualTo(10);
        assertThat(second).doesNotExist();
        try (InputStream in = store.open("openapi/same.png", 0, -1)) {
            assertThat(in.readAllBytes()).isEqualTo(counting(10));
        }
    }

    @Test
    void openReadsTheRequestedSlice() throws IOException {
        byte[] content = counting(1000);
        store.put("k/slice.bin", file(content));

        try (InputStream middle = store.open("k/slice.bin", 100, 50);
             InputStream tail = store.open("k/slice.bin", 990, -1)) {
            assertThat(middle.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(content, 100, 150));
            assertThat(tail.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(content, 990, 1000));
        }
    }

    @Test
    void sizeAndExistsDescribeStoredObjects() throws IOException {
        store.put("k/sized.bin", file(counting(1234)));

        assertThat(store.size("k/sized.bin")).isEqualTo(1234);
        assertThat(store.exists("k/sized.bin")).isTrue();
        assertThat(store.exists("k/other.bin")).isFalse();
    }

    @Test
    void missingKeysCannotBeOpenedOrSized() {
        assertThatThrownBy(() -> store.open("k/none.bin", 0, -1)).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> store.size("k/none.bin")).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void deleteRemovesAnObjectAndIgnoresMissingOnes() throws IOException {
        store.put("k/gone.bin", file(counting(5)));

        store.delete("k/gone.bin");
        store.delete("k/never.bin");

        assertThat(store.exists("k/gone.bin")).isFalse();
    }

    @Test
    void keysThatLeaveTheStoreAreRefused() {
        for (String key : new String[] {"../escape.bin", "/etc/passwd", "k/../../x", "k//x", "", "k/.hidden"}) {
            assertThatThrownBy(() -> store.exists(key)).as(key).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
