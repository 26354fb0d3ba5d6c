package dev.vedit.server.engine.local.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class BlazeFaceTest {

    @Test
    void overlappingDetectionsMergeIntoTheirScoreWeightedMean() {
        List<FaceBox> merged = BlazeFace.merge(List.of(
                new FaceBox(100, 100, 50, 50, 0.9),
                new FaceBox(110, 100, 50, 50, 0.6),
                new FaceBox(400, 300, 40, 40, 0.7)));

        assertThat(merged).hasSize(2);
        assertThat(merged.get(0).cx()).isCloseTo((100 * 0.9 + 110 * 0.6) / 1.5, within(1e-9));
        assertThat(merged.get(0).score()).isEqualTo(0.9);
        assertThat(merged.get(1).cx()).isEqualTo(400);
    }

    @Test
    void boxesThatBarelyTouchStaySeparateFaces() {
        assertThat(BlazeFace.merge(List.of(new FaceBox(100, 100, 50, 50, 0.9), new FaceBox(140, 100, 50, 50, 0.8))))
                .as("IoU 10/90 is under the 0.3 merge threshold").hasSize(2);
    }

    @Test
    void heldFacesStayHiddenForAFewFramesAfterTheDetectorLosesThem() {
        FaceTracks tracks = new FaceTracks(2);
        FaceBox face = new FaceBox(100, 100, 50, 50, 0.9);
        assertThat(tracks.update(List.of(face))).hasSize(1);
        assertThat(tracks.update(List.of())).as("missed once").hasSize(1);
        assertThat(tracks.update(List.of())).as("missed twice").hasSize(1);
        assertThat(tracks.update(List.of())).as("missed three times").isEmpty();
    }

    @Test
    void aTrackedFaceFollowsItsDetectionsSmoothly() {
        FaceTracks tracks = new FaceTracks(2);
        tracks.update(List.of(new FaceBox(100, 100, 50, 50, 0.9)));
        List<FaceBox> moved = tracks.update(List.of(new FaceBox(110, 100, 50, 50, 0.9)));
        assertThat(moved).hasSize(1);
        assertThat(moved.getFirst().cx()).isCloseTo(107, within(1e-9));
    }

    @Test
    void overlappingHiddenAreasAreHiddenAsOneSoNoSeamCutsThroughAFace() {
        List<int[]> areas = FaceBlur.joined(List.of(new int[] {0, 0, 100, 100}, new int[] {300, 0, 400, 100},
                new int[] {90, 50, 200, 150}, new int[] {190, 0, 310, 20}));
        assertThat(areas).as("a chain of overlaps becomes one area").hasSize(1);
        assertThat(areas.getFirst()).containsExactly(0, 0, 400, 150);
        assertThat(FaceBlur.joined(List.of(new int[] {0, 0, 100, 100}, new int[] {100, 0, 200, 100})))
                .as("areas that only touch stay apart").hasSize(2);
    }
}
