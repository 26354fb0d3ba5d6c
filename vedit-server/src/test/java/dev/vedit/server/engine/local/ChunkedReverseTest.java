package dev.vedit.server.engine.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vedit.server.engine.TestRun;
import dev.vedit.server.facts.MediaInfo;
import dev.vedit.server.ffmpeg.TestMedia;
import dev.vedit.wire.EditOperation;
import dev.vedit.wire.EditPlan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reversing a clip longer than one buffer: chunk by chunk, joined last-first, equal to the source backwards. */
class ChunkedReverseTest {
    private static final long ONE_SECOND_OF_FRAMES = 160L * 120 * 3 / 2 * 25;

    @TempDir
    Path work;

    @Test
    void aClipLongerThanTheBufferIsReversedInChunksFrameForFrame() throws Exception {
        Path clip = TestMedia.clip(work, "clip.mp4", "testsrc2=size=160x120:rate=25", true, 3);
        MediaInfo info = TestMedia.probe(clip);
        EditPlan plan = new EditPlan("local", List.of(new EditOperation("reverse", Map.of(), "reverse"),
                new EditOperation("cut", Map.of("start", 0.5, "end", 1.0), "cut out 0.5s to 1s")));
        assertThat(ChunkedReverse.needed(plan, info, ChunkedReverse.MAX_BUFFER_BYTES)).isFalse();
        assertThat(ChunkedReverse.needed(plan, info, ONE_SECOND_OF_FRAMES)).isTrue();

        ChunkedReverse.Prepared prepared = ChunkedReverse.prepare(TestMedia.ffmpeg(), plan, clip, info, new TestRun(work, Duration.ofSeconds(60)), ONE_SECOND_OF_FRAMES);

        assertThat(work.resolve("reverse").toFile().list((d, n) -> n.startsWith("chunk-"))).hasSize(3);
        MediaInfo reversed = TestMedia.probe(prepared.source());
        assertThat(reversed.durationSeconds()).isCloseTo(3.0, within(0.1));
        assertThat(reversed.hasAudio()).isTrue();
        for (double t : new double[] {0.2, 1.4, 2.6}) {
            assertThat(TestMedia.difference(TestMedia.frame(prepared.source(), t, "rgb24"), TestMedia.frame(clip, 2.96 - t, "rgb24")))
                    .as("reversed frame at %s s", t).isLessThan(6);
        }
        // the reverse is done; the cut is mirrored onto the reversed timeline
        assertThat(prepared.plan().operations()).containsExactly(
                new EditOperation("cut", Map.of("start", 2.0, "end", 2.5), "cut out 0.5s to 1s"));
    }
}
