package dev.vedit.server.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MediaDiskStoreTest extends MediaStoreContract {

    @Override
    MediaStore newStore(Path dir) throws IOException {
        return new DiskMediaStore(dir);
    }

    @Test
    void keysMapToFilesUnderTheRoot() throws IOException {
        store.put("openapi/abc.mp4", file(counting(3)));

        assertThat(dir.resolve("store/openapi/abc.mp4")).hasBinaryContent(counting(3));
    }

    @Test
    void localPathIsTheStoredFile() throws IOException {
        store.put("openapi/local.png", file(counting(8)));

        assertThat(store.localPath("openapi/local.png")).hasValueSatisfying(p -> assertThat(p).hasBinaryContent(counting(8)));
        assertThat(store.localPath("openapi/missing.png")).isEmpty();
    }

    @Test
    void putLeavesNoTemporaryFilesBehind() throws IOException {
        store.put("openapi/one.bin", file(counting(8)));
        store.put("openapi/one.bin", file(counting(8)));

        try (Stream<Path> files = Files.list(dir.resolve("store/openapi"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("one.bin");
        }
    }
}
