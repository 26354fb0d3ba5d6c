package dev.vedit.server.engine.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vedit.server.engine.EngineFailure;
import dev.vedit.server.engine.EngineInputs;
import dev.vedit.server.engine.TestRun;
import dev.vedit.server.ffmpeg.FfmpegJob;
import dev.vedit.server.facts.MediaInfo;
import dev.vedit.server.ffmpeg.TestMedia;
import dev.vedit.wire.EditOperation;
import dev.vedit.wire.ErrorCode;
import dev.vedit.wire.ModelCatalog;
import dev.vedit.wire.RequestValidator;
import dev.vedit.wire.ValidatedRequest;
import dev.vedit.wire.VeditException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every operation of the local engine on tiny generated clips (2 s, 160x120), each output checked
 * objectively: dimensions, durations, pixels against the transformed source, audio level.
 */
class LocalEngineOperationsTest {
    private static final String MODEL = "kling-video-o3-std/video-edit";
    private static final int W = 160;
    private static final int H = 120;

    @TempDir
    static Path sources;
    @TempDir
    Path work;

    private static Path clip;
    private static Path grey;
    private static Path greenScreen;
    private static Path redLogo;
    private static Path blueCard;
    private final LocalEngine engine = new LocalEngine(TestMedia.ffmpeg());

    @BeforeAll
    static void makeMedia() throws Exception {
        clip = TestMedia.clip(sources, "clip.mp4", "testsrc2=size=160x120:rate=25", true, 2);
        grey = TestMedia.clip(sources, "grey.mp4", "color=c=0x808080:size=160x120:rate=25", true, 2);
        greenScreen = TestMedia.clip(sources, "green.mp4",
                "color=c=0x00FF00:size=160x120:rate=25,drawbox=x=60:y=40:w=40:h=40:color=0xFF0000:t=fill", true, 2);
        redLogo = still("logo.png", "color=c=0xFF0000:size=40x40");
        blueCard = still("card.png", "color=c=0x0000FF:size=320x240");
    }

    private static Path still(String name, String lavfi) throws Exception {
        Path out = sources.resolve(name);
        new FfmpegJob(TestMedia.ffmpeg(), List.of("-f", "lavfi", "-i", lavfi, "-frames:v", "1", FfmpegJob.output(out)))
                .run(1, p -> { }, Duration.ofSeconds(30));
        return out;
    }

    // ---- colour and style ----

    @Test
    void warmAndCoolShiftRedAgainstBlue() throws Exception {
        double[] warm = TestMedia.channelMeans(rgb(render("make it warmer", grey), 1));
        double[] cool = TestMedia.channelMeans(rgb(render("cooler tones", grey), 1));
        assertThat(warm[0] - warm[2]).isGreaterThan(20);
        assertThat(cool[2] - cool[0]).isGreaterThan(10);
    }

    @Test
    void saturationContrastAndHueChangeTheirOwnMeasure() throws Exception {
        byte[] source = rgb(clip, 1);
        // testsrc2 is at full saturation and contrast already: raise them on a softened copy, where they can grow
        Path soft = TestMedia.clip(work, "soft.mp4", "testsrc2=size=160x120:rate=25,hue=s=0.4,eq=contrast=0.6", false, 1);
        assertThat(chroma(rgb(render("more saturated", soft), 0.5))).isGreaterThan(chroma(rgb(soft, 0.5)) * 1.2);
        assertThat(lumaSpread(rgb(render("increase the contrast", soft), 0.5))).isGreaterThan(lumaSpread(rgb(soft, 0.5)) * 1.15);
        assertThat(chroma(rgb(render("降低饱和度", clip), 1))).isLessThan(chroma(source) * 0.85);
        assertThat(TestMedia.difference(rgb(render("shift the hue by 180 degrees", clip), 1), source)).isGreaterThan(20);
    }

    @Test
    void posterizeLeavesFewLevelsPerChannel() throws Exception {
        byte[] out = rgb(render("posterize to 4 levels", clip), 1);
        // 4 levels per channel sit at 32, 96, 160, 224; the yuv420p round trip blurs edges, so count the near ones
        int near = 0;
        for (int i = 0; i < out.length; i++) {
            int v = out[i] & 0xff;
            near += Math.abs(((v / 64) * 64 + 32) - v) <= 10 ? 1 : 0;
        }
        assertThat((double) near / out.length).isGreaterThan(0.7);
    }

    @Test
    void pixelateTurnsTheWholeFrameIntoFlatSquareBlocks() throws Exception {
        byte[] source = rgb(clip, 1);
        byte[] out = rgb(render("pixelate the whole video", clip), 1);
        // 160x120 in 8-pixel blocks: inside each block (away from its edges, which the encoder smears) one colour
        assertThat(blockInteriorDeviation(out, 8)).isLessThan(3);
        assertThat(blockInteriorDeviation(source, 8)).isGreaterThan(blockInteriorDeviation(out, 8) * 3 + 3);
        // and the blocks still carry the picture: not one flat colour
        assertThat(lumaSpread(out)).isGreaterThan(lumaSpread(source) * 0.5);
        assertThat(TestMedia.difference(out, source)).isGreaterThan(3);
    }

    @Test
    void vignetteDarkensCornersNotTheCentre() throws Exception {
        byte[] out = rgb(render("add a strong vignette", grey), 1);
        assertThat(luma(out, 2, 2)).isLessThan(luma(out, W / 2, H / 2) - 25);
    }

    @Test
    void sketchIsDarkLinesOnWhiteAndCartoonAndVintageChangeTheFrame() throws Exception {
        byte[] sketch = rgb(render("pencil sketch", clip), 1);
        assertThat(meanLuma(sketch)).isGreaterThan(150);
        assertThat(chroma(sketch)).isLessThan(3);
        byte[] source = rgb(clip, 1);
        assertThat(TestMedia.difference(rgb(render("卡通效果", clip), 1), source)).isGreaterThan(8);
        assertThat(TestMedia.difference(rgb(render("make it look like an old film", clip), 1), source)).isGreaterThan(8);
    }

    @Test
    void grainAddsNoiseAndDenoiseRemovesIt() throws Exception {
        assertThat(lumaSpread(rgb(render("add heavy film grain", grey), 1))).isGreaterThan(lumaSpread(rgb(grey, 1)) + 6);
        Path grainy = render("add film grain", grey);
        assertThat(lumaSpread(rgb(grainy, 1))).isGreaterThan(lumaSpread(rgb(grey, 1)) + 3);
        Path copy = Files.copy(grainy, sources.resolve("grainy.mp4"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(lumaSpread(rgb(render("denoise", copy), 1))).isLessThan(lumaSpread(rgb(copy, 1)) * 0.85);
    }

    @Test
    void blurLowersAndSharpenRaisesEdgeEnergy() throws Exception {
        double source = edges(rgb(clip, 1));
        assertThat(edges(rgb(render("blur it", clip), 1))).isLessThan(source * 0.7);
        assertThat(edges(rgb(render("sharpen", clip), 1))).isGreaterThan(source * 1.1);
    }

    @Test
    void stabiliseKeepsSizeAndDuration() throws Exception {
        MediaInfo info = TestMedia.probe(render("stabilize the shaky footage", clip));
        assertThat(info.width()).isEqualTo(W);
        assertThat(info.durationSeconds()).isCloseTo(2.0, within(0.15));
    }

    // ---- time ----

    @Test
    void reversedOutputStartsWithTheSourceEnd() throws Exception {
        Path out = render("play it backwards", clip);
        assertThat(TestMedia.probe(out).durationSeconds()).isCloseTo(2.0, within(0.15));
        assertThat(TestMedia.difference(rgb(out, 0.2), rgb(clip, 1.76))).isLessThan(TestMedia.difference(rgb(out, 0.2), rgb(clip, 0.2)));
        assertThat(TestMedia.difference(rgb(out, 0.2), rgb(clip, 1.76))).isLessThan(8);
    }

    @Test
    void rangesLoopsFreezesAndCutsGiveTheirDurations() throws Exception {
        assertThat(TestMedia.probe(render("keep from 0.5s to 1.5s", clip)).durationSeconds()).isCloseTo(1.0, within(0.1));
        assertThat(TestMedia.probe(render("keep the last 0.5 seconds", clip)).durationSeconds()).isCloseTo(0.5, within(0.1));
        assertThat(TestMedia.probe(render("remove the last 0.5 seconds", clip)).durationSeconds()).isCloseTo(1.5, within(0.1));
        assertThat(TestMedia.probe(render("cut off the first 0.5 seconds", clip)).durationSeconds()).isCloseTo(1.5, within(0.1));
        assertThat(TestMedia.probe(render("cut out 0.5s to 1s", clip)).durationSeconds()).isCloseTo(1.5, within(0.12));
        MediaInfo looped = TestMedia.probe(render("loop it 3 times", clip));
        assertThat(looped.durationSeconds()).isCloseTo(6.0, within(0.2));
        assertThat(looped.hasAudio()).isTrue();
        Path frozen = render("freeze the last frame for 1 second", clip);
        assertThat(TestMedia.probe(frozen).durationSeconds()).isCloseTo(3.0, within(0.15));
        assertThat(TestMedia.difference(rgb(frozen, 2.3), rgb(frozen, 2.8))).isLessThan(1);
        Path held = render("freeze frame at 1 second for 1 second", clip);
        assertThat(TestMedia.probe(held).durationSeconds()).isCloseTo(3.0, within(0.15));
        assertThat(TestMedia.difference(rgb(held, 1.2), rgb(held, 1.8))).isLessThan(1);
        assertThat(audioSeconds(held)).isCloseTo(3.0, within(0.15));
    }

    @Test
    void trimmedRangeStartsAtItsFirstSourceFrame() throws Exception {
        Path out = render("only keep the part between 1 and 2 seconds", clip);
        assertThat(TestMedia.difference(rgb(out, 0), rgb(clip, 1.0))).isLessThan(6);
    }

    @Test
    void fadesStartAndEndInBlackAndFrameRateChanges() throws Exception {
        Path faded = render("fade in and out", grey);
        assertThat(meanLuma(rgb(faded, 0))).isLessThan(25);
        assertThat(meanLuma(rgb(faded, 1.0))).isGreaterThan(100);
        assertThat(meanLuma(rgb(faded, 1.96))).isLessThan(25);
        assertThat(TestMedia.probe(render("convert to 10 fps", clip)).frameRate()).isCloseTo(10.0, within(0.01));
    }

    // ---- geometry ----

    @Test
    void aspectRatioCropsOrPadsAndResolutionScales() throws Exception {
        MediaInfo square = TestMedia.probe(render("crop to 1:1", clip));
        assertThat(square.width()).isEqualTo(120);
        assertThat(square.height()).isEqualTo(120);
        Path padded = render("convert to 16:9 with black bars", grey);
        assertThat(TestMedia.probe(padded).width()).isEqualTo(214);
        assertThat(TestMedia.probe(padded).height()).isEqualTo(120);
        assertThat(luma(rgb(padded, 1), 3, 60, 214)).isLessThan(20);
        assertThat(luma(rgb(padded, 1), 107, 60, 214)).isGreaterThan(100);
        MediaInfo small = TestMedia.probe(render("resize to 80x60", clip));
        assertThat(small.width()).isEqualTo(80);
        assertThat(small.height()).isEqualTo(60);
        MediaInfo narrow = TestMedia.probe(render("shrink it to 80 wide", clip)); // one side: the other keeps the shape (160x120)
        assertThat(narrow.width()).isEqualTo(80);
        assertThat(narrow.height()).isEqualTo(60);
        MediaInfo big = TestMedia.probe(render("upscale 2x", clip));
        assertThat(big.width()).isEqualTo(320);
        assertThat(big.height()).isEqualTo(240);
    }

    @Test
    void zoomShowsTheCentreEnlarged() throws Exception {
        byte[] source = rgb(clip, 1);
        byte[] zoomed = rgb(render("zoom in 2x", clip), 1);
        // output (x, y) shows source (W/4 + x/2, H/4 + y/2)
        double sum = 0;
        for (int y = 10; y < H - 10; y++) {
            for (int x = 10; x < W - 10; x++) {
                for (int c = 0; c < 3; c++) {
                    sum += Math.abs((zoomed[(y * W + x) * 3 + c] & 0xff) - (source[((H / 4 + y / 2) * W + W / 4 + x / 2) * 3 + c] & 0xff));
                }
            }
        }
        assertThat(sum / ((W - 20) * (H - 20) * 3.0)).isLessThan(14);
    }

    // ---- reference images and text ----

    @Test
    void logoLandsInTheCornerAskedFor() throws Exception {
        byte[] out = rgb(render("add the logo from image 1 in the top right corner", grey, redLogo), 1);
        int[] corner = pixel(out, W - 12, 12);
        assertThat(corner[0]).isGreaterThan(200);
        assertThat(corner[1]).isLessThan(60);
        int[] other = pixel(out, 12, H - 12);
        assertThat(other[0]).isCloseTo(128, within(12));
    }

    @Test
    void aLogoIsAsSeeThroughAndAsWideAsAsked() throws Exception {
        // half opaque: the red logo over the grey blends to about (255 + 128) / 2 red; 40 % of the 160 px width reaches
        // x = 100, where the default fifth of the width would leave the grey
        byte[] out = rgb(render("add the logo from image 1 in the top right corner, 50% opacity, 40% of the width", grey, redLogo), 1);
        int[] corner = pixel(out, W - 12, 12);
        assertThat(corner[0]).isCloseTo(191, within(20));
        assertThat(corner[1]).isCloseTo(64, within(20));
        assertThat(pixel(out, 100, 12)[0]).as("the logo 40 %% of the width wide").isCloseTo(191, within(20));
        assertThat(pixel(rgb(render("add the logo from image 1 in the top right corner", grey, redLogo), 1), 100, 12)[0])
                .as("a fifth of the width by default").isCloseTo(128, within(12));
    }

    @Test
    void aLogoOrAKeyOfAPartIsThereOnlyThen() throws Exception {
        // the logo from 0.5 s to 1.5 s of a 2 s clip: red in the corner then, grey before and after, and nothing cut
        Path logo = render("add the logo from image 1 in the top right corner from 0.5 to 1.5 seconds", grey, redLogo);
        assertThat(TestMedia.probe(logo).durationSeconds()).isCloseTo(2.0, within(0.15));
        assertThat(pixel(rgb(logo, 1.0), W - 12, 12)[0]).as("the logo while asked for").isGreaterThan(200);
        assertThat(pixel(rgb(logo, 1.0), W - 12, 12)[1]).isLessThan(60);
        for (double t : new double[] {0.2, 1.8}) {
            assertThat(pixel(rgb(logo, t), W - 12, 12)[0]).as("grey in the corner at %.1f s", t).isCloseTo(128, within(12));
        }
        // a green screen keyed from 1 s on: green before, Figure 1's blue after, the red subject throughout
        Path keyed = render("replace the green screen with figure 1 from 1 second on", greenScreen, blueCard);
        assertThat(pixel(rgb(keyed, 0.5), 10, 10)[1]).as("still green before the part").isGreaterThan(200);
        assertThat(pixel(rgb(keyed, 1.5), 10, 10)[2]).as("figure 1 behind the subject in the part").isGreaterThan(200);
        assertThat(pixel(rgb(keyed, 1.5), 10, 10)[1]).isLessThan(60);
        assertThat(pixel(rgb(keyed, 1.5), 80, 60)[0]).as("the subject stays").isGreaterThan(200);
    }

    @Test
    void pictureInPictureSitsBottomRight() throws Exception {
        byte[] out = rgb(render("picture in picture with figure 1", grey, blueCard), 1);
        assertThat(pixel(out, W - 15, H - 12)[2]).isGreaterThan(200);
        assertThat(pixel(out, 15, 15)[2]).isCloseTo(128, within(12));
    }

    @Test
    void introAndOutroCardsAddTheirSecondsWithSilence() throws Exception {
        Path out = render("use figure 1 as an intro for 1 second", grey, blueCard);
        assertThat(TestMedia.probe(out).durationSeconds()).isCloseTo(3.0, within(0.15));
        assertThat(TestMedia.channelMeans(rgb(out, 0.5))[2]).isGreaterThan(200);
        assertThat(TestMedia.channelMeans(rgb(out, 2.0))[2]).isCloseTo(128.0, within(12.0));
        assertThat(audioSeconds(out)).isCloseTo(3.0, within(0.15));
        Path outro = render("end with figure 1 for 1 second", grey, blueCard);
        assertThat(TestMedia.channelMeans(rgb(outro, 2.5))[2]).isGreaterThan(200);
    }

    @Test
    void aColourEditOfATimeRangeChangesOnlyThoseSeconds() throws Exception {
        Path red = TestMedia.clip(work, "red.mp4", "color=c=0xC02020:size=160x120:rate=25", true, 3);
        Path out = render("make it black and white from 1 to 2 seconds", red);
        assertThat(TestMedia.probe(out).durationSeconds()).isCloseTo(3.0, within(0.15));
        double[] before = TestMedia.channelMeans(rgb(out, 0.5));
        double[] during = TestMedia.channelMeans(rgb(out, 1.5));
        double[] after = TestMedia.channelMeans(rgb(out, 2.5));
        assertThat(before[0] - before[1]).isGreaterThan(100);
        assertThat(during[0] - during[1]).isCloseTo(0.0, within(6.0));
        assertThat(after[0] - after[1]).isGreaterThan(100);
        // a range the video does not reach is refused, not passed over
        assertThatThrownBy(() -> render("blur the video from 0:45 until 0:52", red))
                .isInstanceOf(EngineFailure.class).hasMessageContaining("outside the 3.00 s kept");
    }

    @Test
    void theLastSecondsAndCutsKeepTheSourceTimesOfAPart() throws Exception {
        Path red = TestMedia.clip(work, "red.mp4", "color=c=0xC02020:size=160x120:rate=25", true, 3);
        Path last = render("make the last 1 second black and white", red);
        assertThat(TestMedia.probe(last).durationSeconds()).isCloseTo(3.0, within(0.15));
        assertThat(redness(last, 1.5)).isGreaterThan(100);
        assertThat(redness(last, 2.5)).isCloseTo(0.0, within(6.0));
        // the part is of the source's seconds: 2 to 2.5 s of it lie at 1.5 to 2 s once 0.5 s before them is cut out
        Path cut = render("cut out 0.5s to 1s, make it black and white from 2 to 2.5 seconds", red);
        assertThat(TestMedia.probe(cut).durationSeconds()).isCloseTo(2.5, within(0.15));
        assertThat(redness(cut, 1.25)).isGreaterThan(100);
        assertThat(redness(cut, 1.75)).isCloseTo(0.0, within(6.0));
        Path muted = render("mute the last 1 second", clip);
        short[] sound = samples(muted);
        assertThat(rms(sound, 0.2, 0.8)).isGreaterThan(1000);
        assertThat(rms(sound, 1.2, 1.9)).isLessThan(50);
    }

    @Test
    void aHalfIsOfWhatIsKeptWhateverItsLength() throws Exception {
        // the plan says which half; the render finds where it starts from the kept video's length (3 s here)
        Path red = TestMedia.clip(work, "red-half.mp4", "color=c=0xC02020:size=160x120:rate=25", true, 3);
        Path half = render("make the second half black and white", red);
        assertThat(TestMedia.probe(half).durationSeconds()).isCloseTo(3.0, within(0.15));
        assertThat(redness(half, 1.2)).isGreaterThan(100);
        assertThat(redness(half, 1.8)).isCloseTo(0.0, within(6.0));
        assertThat(TestMedia.probe(render("keep only the second half", red)).durationSeconds()).isCloseTo(1.5, within(0.15));
        Path muted = render("mute the audio halfway through", clip);
        short[] sound = samples(muted);
        assertThat(rms(sound, 0.1, 0.9)).isGreaterThan(1000);
        assertThat(rms(sound, 1.1, 1.9)).isLessThan(50);
    }

    @Test
    void aMirrorOfAPartMirrorsOnlyThatPart() throws Exception {
        // blue on the left half of a red frame: mirrored, the left is red
        Path leftBlue = TestMedia.clip(work, "left-blue.mp4", "color=c=0xC02020:size=160x120:rate=25,"
                + "drawbox=x=0:y=0:w=80:h=120:color=0x2020C0:t=fill", true, 3);
        Path out = render("mirror the video from 1 to 2 seconds", leftBlue);
        assertThat(TestMedia.probe(out).durationSeconds()).isCloseTo(3.0, within(0.15));
        for (double t : new double[] {0.5, 2.5}) {
            assertThat(pixel(rgb(out, t), 20, 60)[2]).as("blue on the left at %.1f s", t).isGreaterThan(150);
        }
        assertThat(pixel(rgb(out, 1.5), 20, 60)[0]).as("red on the left while mirrored").isGreaterThan(150);
        assertThat(pixel(rgb(out, 1.5), 20, 60)[2]).isLessThan(80);
    }

    @Test
    void twoCutsTakeOutTheSourcesOwnSeconds() throws Exception {
        // red until 2 s, blue from 2 s to 3 s, red again after: taking out 0.5-1 s and 2-3 s leaves no blue, 3 s in all.
        // Cut one after the other, the second would have read its times in the shortened video and kept blue.
        Path striped = TestMedia.clip(work, "striped.mp4", "color=c=0xC02020:size=160x120:rate=25,"
                + "drawbox=x=0:y=0:w=160:h=120:color=0x2020C0:t=fill:enable='between(t,2,3)'", true, 4);
        Path out = render("remove 0:00.5-0:01 and 0:02-0:03", striped);
        assertThat(TestMedia.probe(out).durationSeconds()).isCloseTo(2.5, within(0.15));
        for (double t : new double[] {0.25, 1.25, 1.6, 2.2}) {
            assertThat(redness(out, t)).as("at %.2f s", t).isGreaterThan(100);
        }
    }

    @Test
    void aPartFromATimeToTheEndRunsToTheEndOfWhatIsKept() throws Exception {
        Path red = TestMedia.clip(work, "red-end.mp4", "color=c=0xC02020:size=160x120:rate=25", true, 3);
        Path out = render("black and white from 1.5s to the end", red);
        assertThat(TestMedia.probe(out).durationSeconds()).isCloseTo(3.0, within(0.15)); // nothing cut
        assertThat(redness(out, 1.0)).isGreaterThan(100);
        assertThat(redness(out, 2.0)).isCloseTo(0.0, within(6.0));
        assertThat(redness(out, 2.8)).isCloseTo(0.0, within(6.0));
        // a slowed end stretches only the end
        Path slow = render("slow it down to half speed from 2 seconds onwards", red);
        assertThat(TestMedia.probe(slow).durationSeconds()).isCloseTo(4.0, within(0.15));
        assertThat(audioSeconds(slow)).isCloseTo(4.0, within(0.15));
    }

    @Test
    void aSpeedChangeOfAPartStretchesOnlyThatPart() throws Exception {
        // red for 1.5 s, then blue: slowing 1 to 2 s to half speed shows the red until 2 s and lasts 4 s
        Path twoColours = TestMedia.clip(work, "two.mp4", "color=c=0xC02020:size=160x120:rate=25,"
                + "drawbox=x=0:y=0:w=160:h=120:color=0x2020C0:t=fill:enable='gte(t,1.5)'", true, 3);
        Path slow = render("slow down from 1 to 2 seconds to half speed", twoColours);
        assertThat(TestMedia.probe(slow).durationSeconds()).isCloseTo(4.0, within(0.15));
        assertThat(audioSeconds(slow)).isCloseTo(4.0, within(0.15));
        assertThat(TestMedia.probe(slow).frameRate()).isCloseTo(25.0, within(0.01));
        assertThat(redness(slow, 1.8)).isGreaterThan(100);
        assertThat(redness(slow, 2.2)).isLessThan(-100);
        Path fast = render("speed up the last 2 seconds 2x", twoColours);
        assertThat(TestMedia.probe(fast).durationSeconds()).isCloseTo(2.0, within(0.15));
        assertThat(audioSeconds(fast)).isCloseTo(2.0, within(0.15));
        assertThat(redness(fast, 1.1)).isGreaterThan(100); // source 1.2 s
        assertThat(redness(fast, 1.4)).isLessThan(-100); // source 1.8 s
    }

    @Test
    void aZoomOrPixelationOfAPartChangesOnlyThoseSeconds() throws Exception {
        Path out = render("zoom in 2x between 1 and 1.5 seconds", clip);
        assertThat(TestMedia.probe(out).durationSeconds()).isCloseTo(2.0, within(0.15));
        assertThat(TestMedia.difference(rgb(out, 0.5), rgb(clip, 0.5))).isLessThan(6);
        assertThat(TestMedia.difference(rgb(out, 1.8), rgb(clip, 1.8))).isLessThan(6);
        assertThat(TestMedia.difference(rgb(out, 1.2), rgb(clip, 1.2))).isGreaterThan(15);
        assertThat(TestMedia.difference(rgb(out, 1.2), rgb(render("zoom in 2x", clip), 1.2))).isLessThan(6);
        Path pixelated = render("pixelate the video for the first second", clip);
        assertThat(TestMedia.difference(rgb(pixelated, 0.5), rgb(render("pixelate the whole video", clip), 0.5))).isLessThan(6);
        assertThat(TestMedia.difference(rgb(pixelated, 1.5), rgb(clip, 1.5))).isLessThan(6);
    }

    @Test
    void textCardsAreTextOnBlackBeforeOrAfterTheClip() throws Exception {
        Path out = render("add a title card at the beginning that says Our trip", grey);
        assertThat(TestMedia.probe(out).durationSeconds()).isCloseTo(5.0, within(0.15));
        assertThat(audioSeconds(out)).isCloseTo(5.0, within(0.15));
        byte[] card = rgb(out, 1.5);
        assertThat(brightPixels(card, H / 3, 2 * H / 3)).isGreaterThan(20); // the title, centred
        assertThat(brightPixels(card, 0, H / 4)).isZero();
        assertThat(TestMedia.channelMeans(card)[1]).isLessThan(40); // on black
        assertThat(TestMedia.channelMeans(rgb(out, 4.0))[1]).isCloseTo(128.0, within(12.0));
        Path outro = render("片尾加个字卡，写「谢谢观看」", grey);
        assertThat(TestMedia.channelMeans(rgb(outro, 1.0))[1]).isCloseTo(128.0, within(12.0));
        assertThat(brightPixels(rgb(outro, 3.5), H / 3, 2 * H / 3)).isGreaterThan(20);
    }

    @Test
    void greenScreenPixelsBecomeFigureNAndTheSubjectStays() throws Exception {
        byte[] out = rgb(render("replace the green screen with figure 1", greenScreen, blueCard), 1);
        int[] background = pixel(out, 10, 10);
        assertThat(background[2]).isGreaterThan(200);
        assertThat(background[1]).isLessThan(60);
        int[] subject = pixel(out, 80, 60);
        assertThat(subject[0]).isGreaterThan(200);
        assertThat(subject[2]).isLessThan(60);
    }

    @Test
    void chineseTitleIsDrawnAtTheTopOnly() throws Exception {
        byte[] out = rgb(render("在顶部加标题“你好 vedit”", grey), 1);
        assertThat(brightPixels(out, 0, H / 3)).isGreaterThan(60);
        assertThat(brightPixels(out, 2 * H / 3, H)).isZero();
    }

    @Test
    void textAtTheEndIsDrawnOnlyInTheLastSeconds() throws Exception {
        Path out = render("show the text \"END\" at the end for 1 second", grey);
        assertThat(brightPixels(rgb(out, 0.5), 0, H)).isZero();
        assertThat(brightPixels(rgb(out, 1.5), 0, H)).isGreaterThan(3); // a 12 px caption on a 160x120 clip
    }

    @Test
    void aTextIsDrawnInTheColourAsked() throws Exception {
        byte[] red = rgb(render("add the title \"RED\" in red", grey), 1);
        byte[] plain = rgb(render("add the title \"RED\"", grey), 1);
        assertThat(redPixels(red)).isGreaterThan(5); // a 13 px title on a 160x120 clip, its red halved by 4:2:0 chroma
        assertThat(brightPixels(red, 0, H)).isZero();
        assertThat(redPixels(plain)).isZero(); // white when no colour is said
        assertThat(brightPixels(plain, 0, H)).isGreaterThan(20);
    }

    private static int redPixels(byte[] rgb) {
        int count = 0;
        for (int i = 0; i + 2 < rgb.length; i += 3) {
            if ((rgb[i] & 0xFF) > 170 && (rgb[i + 1] & 0xFF) < 110 && (rgb[i + 2] & 0xFF) < 110) {
                count++;
            }
        }
        return count;
    }

    @Test
    void aTextWatermarkSitsBottomRight() throws Exception {
        byte[] out = rgb(render("add a watermark that says @vedit", grey), 1);
        assertThat(brightPixels(out, 2 * H / 3, H, W / 2, W)).isGreaterThan(3);
        assertThat(brightPixels(out, 0, H, 0, W / 4)).isZero();
        assertThat(brightPixels(out, 0, H / 3, 0, W)).isZero();
    }

    // ---- sound ----

    @Test
    void volumeScalesTheAudioLevel() throws Exception {
        double source = audioRms(render("mirror it", clip)); // the same audio path without a volume change
        assertThat(audioRms(render("lower the volume by 50%", clip))).isCloseTo(source * 0.5, within(source * 0.05));
        assertThat(audioRms(render("音量调大", clip))).isGreaterThan(source * 1.3);
    }

    @Test
    void audioCleanUpKeepsTheSoundInStepAndCompressionShrinksTheFile() throws Exception {
        for (String prompt : List.of("normalize the audio", "remove background noise from the audio")) {
            Path out = render(prompt, clip);
            assertThat(audioSeconds(out)).as(prompt).isCloseTo(2.0, within(0.1));
            assertThat(audioRms(out)).as(prompt).isGreaterThan(100);
        }
        // muted, so the sizes compare the video streams (AAC would dominate at 160x120)
        long normal = Files.size(render("mirror it and mute", clip));
        assertThat(Files.size(render("mirror it, mute and compress the video", clip))).isLessThan(normal * 8 / 10);
    }

    @Test
    void aFileSizeAskedForIsMetByTheBitrate() throws Exception {
        // noise costs x264 dearly: at its default quality this clip is several times the size asked for
        Path noisy = TestMedia.clip(work, "noisy.mp4", "testsrc2=size=640x480:rate=25,noise=alls=80:allf=t", true, 4);
        long unconstrained = Files.size(render("mirror it", noisy));
        Path fitted = render("mirror it and compress it to under 1MB", noisy);
        assertThat(unconstrained).isGreaterThan(2_000_000);
        assertThat(Files.size(fitted)).isLessThanOrEqualTo(1_000_000).isGreaterThan(500_000);
        assertThat(TestMedia.probe(fitted).durationSeconds()).isCloseTo(4.0, within(0.15));
        // two minutes do not fit in 1 MB at 100 kb/s of picture: refused before anything is encoded
        assertThatThrownBy(() -> new Encoder("veryfast", 23, 1).videoArguments(120, true))
                .isInstanceOf(EngineFailure.class).hasMessageContaining("do not fit in 1 MB");
    }

    @Test
    void visionEditsArePlannedWithTheirFigureAndStyle() {
        assertThat(engine.plan(request("blur the faces", 0)).operations())
                .containsExactly(new EditOperation("blur_faces", Map.of("style", "blur"), "blur the faces"));
        assertThat(engine.plan(request("把背景换成图1，并且给脸打马赛克", 1)).operations()).extracting(EditOperation::params)
                .containsExactly(Map.of("image", 1), Map.of("style", "pixelate"));
    }

    // ---- many edits, one graph ----

    @Test
    void aLongChainOfEditsRendersAsOneGraphWithTheExpectedSizeAndLength() throws Exception {
        Path out = render("cut it to the first 1.5 seconds, 9:16, add the logo from image 1 in the top right corner, speed up 2x,"
                + " reverse, loop twice, fade in and out, add the title 'Hi 你好' at the top, warmer, 10 fps", clip, redLogo);
        MediaInfo info = TestMedia.probe(out);
        assertThat(info.width()).isEqualTo(68);
        assertThat(info.height()).isEqualTo(120);
        assertThat(info.durationSeconds()).isCloseTo(1.5, within(0.15));
        assertThat(info.frameRate()).isCloseTo(10.0, within(0.01));
        assertThat(audioSeconds(out)).isCloseTo(1.5, within(0.15));
    }

    @Test
    void timelineEditsWorkOnASilentSource() throws Exception {
        Path silent = TestMedia.clip(work, "silent.mp4", "testsrc2=size=160x120:rate=25", false, 2);
        Path out = render("use figure 1 as an intro for 1 second, cut out 0.5s to 1s, freeze frame at 0.5 seconds for 1 second,"
                + " mute", silent, blueCard);
        MediaInfo info = TestMedia.probe(out);
        assertThat(info.hasAudio()).isFalse();
        assertThat(info.durationSeconds()).isCloseTo(3.5, within(0.15));
    }

    // ---- helpers ----

    private Path render(String prompt, Path source, Path... images) throws Exception {
        ValidatedRequest request = request(prompt, images.length);
        Path dir = Files.createTempDirectory(work, "run");
        return engine.run(engine.plan(request), new EngineInputs(request, source, null, List.of(images)), new TestRun(dir, Duration.ofSeconds(60)))
                .getFirst().file();
    }

    private static ValidatedRequest request(String prompt, int images) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode body = json.createObjectNode().put("prompt", prompt).put("videoUrl", "https://example.com/source.mp4");
        if (images > 0) {
            ArrayNode urls = body.putArray("imageUrls");
            for (int i = 0; i < images; i++) {
                urls.add("https://example.com/figure" + i + ".png");
            }
        }
        return RequestValidator.validate(ModelCatalog.standard().byPath(MODEL).orElseThrow(), body);
    }

    private static byte[] rgb(Path file, double seconds) throws Exception {
        return TestMedia.frame(file, seconds, "rgb24");
    }

    private static int[] pixel(byte[] rgb, int x, int y) {
        int i = (y * W + x) * 3;
        return new int[] {rgb[i] & 0xff, rgb[i + 1] & 0xff, rgb[i + 2] & 0xff};
    }

    private static double luma(byte[] rgb, int x, int y) {
        return luma(rgb, x, y, W);
    }

    private static double luma(byte[] rgb, int x, int y, int width) {
        int i = (y * width + x) * 3;
        return 0.299 * (rgb[i] & 0xff) + 0.587 * (rgb[i + 1] & 0xff) + 0.114 * (rgb[i + 2] & 0xff);
    }

    private static double meanLuma(byte[] rgb) {
        double sum = 0;
        for (int i = 0; i < rgb.length; i += 3) {
            sum += 0.299 * (rgb[i] & 0xff) + 0.587 * (rgb[i + 1] & 0xff) + 0.114 * (rgb[i + 2] & 0xff);
        }
        return sum / (rgb.length / 3.0);
    }

    private static double lumaSpread(byte[] rgb) {
        double mean = meanLuma(rgb);
        double sum = 0;
        for (int i = 0; i < rgb.length; i += 3) {
            double l = 0.299 * (rgb[i] & 0xff) + 0.587 * (rgb[i + 1] & 0xff) + 0.114 * (rgb[i + 2] & 0xff);
            sum += (l - mean) * (l - mean);
        }
        return Math.sqrt(sum / (rgb.length / 3.0));
    }

    /** Mean absolute luma deviation, within the 4x4 middle of each {@code block}-sized square, from that middle's mean. */
    private static double blockInteriorDeviation(byte[] rgb, int block) {
        double sum = 0;
        int count = 0;
        for (int by = 0; by + block <= H; by += block) {
            for (int bx = 0; bx + block <= W; bx += block) {
                int from = block / 2 - 2;
                double mean = 0;
                for (int y = from; y < from + 4; y++) {
                    for (int x = from; x < from + 4; x++) {
                        mean += luma(rgb, bx + x, by + y);
                    }
                }
                mean /= 16;
                for (int y = from; y < from + 4; y++) {
                    for (int x = from; x < from + 4; x++) {
                        sum += Math.abs(luma(rgb, bx + x, by + y) - mean);
                        count++;
                    }
                }
            }
        }
        return sum / count;
    }

    /** Mean distance of each pixel's channels from its own grey level. */
    private static double chroma(byte[] rgb) {
        double sum = 0;
        for (int i = 0; i < rgb.length; i += 3) {
            int r = rgb[i] & 0xff;
            int g = rgb[i + 1] & 0xff;
            int b = rgb[i + 2] & 0xff;
            double grey = (r + g + b) / 3.0;
            sum += Math.abs(r - grey) + Math.abs(g - grey) + Math.abs(b - grey);
        }
        return sum / (rgb.length / 3.0);
    }

    /** Mean absolute horizontal luma gradient: falls with blur, rises with sharpening. */
    private static double edges(byte[] rgb) {
        double sum = 0;
        for (int y = 0; y < H; y++) {
            for (int x = 1; x < W; x++) {
                sum += Math.abs(luma(rgb, x, y) - luma(rgb, x - 1, y));
            }
        }
        return sum / (H * (W - 1));
    }

    private static int brightPixels(byte[] rgb, int fromRow, int toRow) {
        return brightPixels(rgb, fromRow, toRow, 0, W);
    }

    private static int brightPixels(byte[] rgb, int fromRow, int toRow, int fromColumn, int toColumn) {
        int count = 0;
        for (int y = fromRow; y < toRow; y++) {
            for (int x = fromColumn; x < toColumn; x++) {
                if (luma(rgb, x, y) > 220) {
                    count++;
                }
            }
        }
        return count;
    }

    private static short[] samples(Path file) throws Exception {
        Process p = TestMedia.ffmpeg().processBuilder(List.of("-v", "error", "-i", "file:" + file.toAbsolutePath(), "-vn",
                "-ac", "1", "-ar", "8000", "-f", "s16le", "pipe:1")).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] bytes;
        try (InputStream in = p.getInputStream()) {
            bytes = in.readAllBytes();
        }
        p.waitFor(30, TimeUnit.SECONDS);
        short[] out = new short[bytes.length / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (short) ((bytes[2 * i] & 0xff) | (bytes[2 * i + 1] << 8));
        }
        return out;
    }

    /** Red minus blue over the frame at {@code seconds}: above 100 red, below -100 blue, near 0 grey. */
    private static double redness(Path file, double seconds) throws Exception {
        double[] means = TestMedia.channelMeans(rgb(file, seconds));
        return means[0] - means[2];
    }

    /** The RMS of the 8 kHz mono samples from {@code from} to {@code to} seconds. */
    private static double rms(short[] samples, double from, double to) {
        double sum = 0;
        int start = (int) (from * 8000);
        int end = Math.min(samples.length, (int) (to * 8000));
        for (int i = start; i < end; i++) {
            sum += (double) samples[i] * samples[i];
        }
        return Math.sqrt(sum / Math.max(1, end - start));
    }

    private static double audioRms(Path file) throws Exception {
        short[] s = samples(file);
        double sum = 0;
        for (short v : s) {
            sum += (double) v * v;
        }
        return Math.sqrt(sum / s.length);
    }

    private static double audioSeconds(Path file) throws Exception {
        return samples(file).length / 8000.0;
    }
}
