package dev.vedit.server.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The S3 store passes the same contract as the disk store, against a real S3-compatible server. */
class MediaS3StoreTest extends MediaStoreContract {
    private String bucket;

    @Override
    MediaStore newStore(Path dir) {
        bucket = TestS3.newBucket();
        return S3MediaStore.connect("s3://" + bucket + "/media", TestS3.endpoint(), null);
    }

    @AfterEach
    void closeStore() {
        ((S3MediaStore) store).close();
    }

    @Test
    void objectsLiveUnderTheLocationsPrefix() throws IOException {
        store.put("openapi/abc.mp4", file(counting(3)));

        assertThat(TestS3.admin().listObjectsV2(b -> b.bucket(bucket)).contents())
                .extracting(o -> o.key()).containsExactly("media/openapi/abc.mp4");
    }

    @Test
    void offersNoLocalFileSoReadersCopyTheBytes() throws IOException {
        store.put("openapi/remote.png", file(counting(8)));

        assertThat(store.localPath("openapi/remote.png")).isEmpty();
    }

    @Test
    void aRangePastTheEndReadsNothing() throws IOException {
        store.put("k/short.bin", file(counting(10)));

        try (InputStream in = store.open("k/short.bin", 10, -1)) {
            assertThat(in.readAllBytes()).isEmpty();
        }
    }

    @Test
    void reachabilityCheckNamesAMissingBucket() {
        S3MediaStore missing = S3MediaStore.connect("s3://no-such-bucket-" + System.nanoTime(), TestS3.endpoint(), null);
        try {
            assertThatThrownBy(missing::checkReachable).hasMessageContaining("s3://no-such-bucket-");
        } finally {
            missing.close();
        }
    }

    @Test
    void locationsOtherThanS3AreRefused() {
        assertThatThrownBy(() -> S3MediaStore.connect("https://bucket/x", TestS3.endpoint(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("s3://BUCKET");
    }
}
