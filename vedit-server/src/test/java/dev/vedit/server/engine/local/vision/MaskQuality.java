package dev.vedit.server.engine.local.vision;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.bitwise_and;
import static org.bytedeco.opencv.global.opencv_core.subtract;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_ELLIPSE;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY_INV;
import static org.bytedeco.opencv.global.opencv_imgproc.blendLinear;
import static org.bytedeco.opencv.global.opencv_imgproc.dilate;
import static org.bytedeco.opencv.global.opencv_imgproc.erode;
import static org.bytedeco.opencv.global.opencv_imgproc.getStructuringElement;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.bytedeco.opencv.global.opencv_imgproc.threshold;

import dev.vedit.server.ffmpeg.FrameReader;
import dev.vedit.server.ffmpeg.TestMedia;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Objective measures of a foreground mask on real footage: its mean error against hand-marked mattes, and how much
 * the replaced picture flickers along the person's edge compared with the source there.
 */
final class MaskQuality {
    /** The edge band is this many pixels either side of the person's outline. */
    static final int EDGE_BAND = 10;
    /** Consecutive frames differing more than this (mean, of 255) are a cut, not motion: not a flicker pair. */
    private static final double CUT = 25;
    /** A pixel whose channels all change by at most this (of 255) from one frame to the next holds still. */
    static final double STILL = 8;

    /**
     * @param meanError       per marked frame, the mean absolute error (0 to 1) over the whole judged frame
     * @param edgeError       per marked frame, the same within {@value #EDGE_BAND} pixels of the matte's outline
     * @param flickerRatio    mean change of output pixels from frame to frame along the person's edge where the
     *                        footage holds still, over the same in the source (1: the edge flickers no more than
     *                        the footage does)
     */
    record Result(Map<Integer, Double> meanError, Map<Integer, Double> edgeError, double flickerRatio) {
        double worstMeanError() {
            return meanError.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        }

        double worstEdgeError() {
            return edgeError.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        }

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder();
            meanError.forEach((frame, error) -> s.append(String.format(Locale.ROOT, "frame %d: mean error %.4f, edge %.4f; ",
                    frame, error, edgeError.get(frame))));
            return s + String.format(Locale.ROOT, "edge flicker ratio %.2f", flickerRatio);
        }
    }

    private MaskQuality() {
    }

    /**
     * Runs {@code mask} over the first {@code frames} frames of {@code video} in order, as the vision pass would, and
     * measures it. The edge band for flicker is found by {@code edgeJudge}: a frame's foreground as 8-bit 0/255 at
     * frame size, independent of the mask under test.
     */
    static Result measure(Path video, double frameRate, int frames, ForegroundMask mask, Mat background,
                          Map<Integer, Mattes.Marked> mattes, Function<Mat, Mat> edgeJudge) throws Exception {
        Map<Integer, Double> meanError = new java.util.TreeMap<>();
        Map<Integer, Double> edgeError = new java.util.TreeMap<>();
        double outputChange = 0;
        double sourceChange = 0;
        // Allocated outside the per-frame scope, which frees whatever is made inside it.
        Mat previousSource = new Mat();
        Mat previousOutput = new Mat();
        try (FrameReader reader = FrameReader.open(TestMedia.ffmpeg(), video, frameRate, Double.POSITIVE_INFINITY)) {
            byte[] pixels;
            int n = 0;
            while (n < frames && (pixels = reader.next()) != null) {
                try (PointerScope scope = new PointerScope()) {
                    Mat source = new Mat(reader.height(), reader.width(), CV_8UC3);
                    source.data().put(pixels, 0, pixels.length);
                    Mat weights = mask.weights(source);
                    Mattes.Marked marked = mattes.get(n);
                    if (marked != null) {
                        meanError.put(n, marked.meanError(weights, 0));
                        edgeError.put(n, marked.meanError(weights, EDGE_BAND));
                    }
                    Mat replace = new Mat();
                    weights.convertTo(replace, CV_32F, -1, 1);
                    Mat output = new Mat();
                    blendLinear(source, background, weights, replace, output);
                    if (!previousSource.empty() && Pictures.meanDifference(source, previousSource, null) < CUT) {
                        // Where the footage itself holds still along the edge, any change of the output is the
                        // mask's own flicker: that is what the eye sees as a crawling edge.
                        Mat still = new Mat();
                        threshold(Pictures.maxChannelDifference(source, previousSource), still, STILL, 255,
                                THRESH_BINARY_INV);
                        Mat band = new Mat();
                        bitwise_and(band(edgeJudge.apply(source)), still, band);
                        outputChange += Pictures.meanDifference(output, previousOutput, band);
                        sourceChange += Pictures.meanDifference(source, previousSource, band);
                    }
                    source.copyTo(previousSource);
                    output.copyTo(previousOutput);
                }
                n++;
            }
        }
        previousSource.close();
        previousOutput.close();
        if (meanError.size() != mattes.size()) {
            throw new IllegalStateException("marked frames " + mattes.keySet() + " but only " + meanError.keySet() + " were reached");
        }
        return new Result(meanError, edgeError, outputChange / sourceChange);
    }

    /** Pixels within {@value #EDGE_BAND} of the outline of {@code foreground} (0/255). */
    private static Mat band(Mat foreground) {
        Mat kernel = getStructuringElement(MORPH_ELLIPSE, new Size(2 * EDGE_BAND + 1, 2 * EDGE_BAND + 1));
        Mat grown = new Mat();
        Mat shrunk = new Mat();
        dilate(foreground, grown, kernel);
        erode(foreground, shrunk, kernel);
        Mat band = new Mat();
        subtract(grown, shrunk, band);
        return band;
    }

    /** The edge judge for people: the selfie model's raw probability over one half, scaled to the frame. */
    static Function<Mat, Mat> personJudge(PersonSegmenter judge) {
        return rgb -> {
            Mat probability = new Mat();
            resize(judge.probability(rgb), probability, rgb.size(), 0, 0, INTER_LINEAR);
            Mat binary = new Mat();
            threshold(probability, binary, 0.5, 255, THRESH_BINARY);
            Mat bytes = new Mat();
            binary.convertTo(bytes, CV_8U);
            return bytes;
        };
    }

}
