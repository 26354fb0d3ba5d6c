package dev.vedit.server.engine.local.vision;

import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.absdiff;
import static org.bytedeco.opencv.global.opencv_core.meanStdDev;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_RGB2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.Laplacian;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import dev.vedit.server.ffmpeg.FrameReader;
import dev.vedit.server.ffmpeg.TestMedia;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.global.opencv_core;

/** Frames of videos as OpenCV matrices, and the measures the vision tests judge them by. */
final class Pictures {
    private Pictures() {
    }

    /** Up to {@code max} frames of {@code video} at {@code frameRate}, RGB. */
    static List<Mat> frames(Path video, double frameRate, double seconds, int max) throws Exception {
        List<Mat> frames = new ArrayList<>();
        try (FrameReader reader = FrameReader.open(TestMedia.ffmpeg(), video, frameRate, seconds)) {
            byte[] pixels;
            while (frames.size() < max && (pixels = reader.next()) != null) {
                Mat frame = new Mat(reader.height(), reader.width(), CV_8UC3);
                frame.data().put(pixels, 0, pixels.length);
                frames.add(frame);
            }
        }
        return frames;
    }

    /** The first picture of an image or video file, RGB. */
    static Mat picture(Path file) throws Exception {
        return frames(file, 1, Double.POSITIVE_INFINITY, 1).getFirst();
    }

    /** The per-pixel, per-channel median of equally sized RGB frames: the still scene behind what moves. */
    static Mat median(List<Mat> frames) {
        Mat first = frames.getFirst();
        int bytes = (int) (first.total() * first.channels());
        byte[][] all = new byte[frames.size()][bytes];
        for (int i = 0; i < frames.size(); i++) {
            frames.get(i).data().get(all[i], 0, bytes);
        }
        byte[] median = new byte[bytes];
        int[] values = new int[frames.size()];
        for (int p = 0; p < bytes; p++) {
            for (int i = 0; i < values.length; i++) {
                values[i] = all[i][p] & 0xff;
            }
            java.util.Arrays.sort(values);
            median[p] = (byte) values[values.length / 2];
        }
        Mat result = new Mat(first.rows(), first.cols(), CV_8UC3);
        result.data().put(median, 0, bytes);
        return result;
    }

    /** Per pixel, the largest difference over the three channels (8-bit, one channel). */
    static Mat maxChannelDifference(Mat a, Mat b) {
        Mat difference = new Mat();
        absdiff(a, b, difference);
        Mat grey = new Mat();
        org.bytedeco.opencv.global.opencv_core.reduce(difference.reshape(1, (int) difference.total()), grey, 1,
                org.bytedeco.opencv.global.opencv_core.REDUCE_MAX);
        return grey.reshape(1, a.rows());
    }

    /** The Laplacian (second derivative, 64-bit) of the grey image inside {@code area}: where detail is. */
    private static Mat greyLaplacian(Mat rgb, Rect area) {
        Mat grey = new Mat();
        cvtColor(new Mat(rgb, area), grey, COLOR_RGB2GRAY);
        Mat laplacian = new Mat();
        Laplacian(grey, laplacian, CV_64F);
        return laplacian;
    }

    /** Sharpness: the variance of the Laplacian of the grey image inside {@code area}. */
    static double sharpness(Mat rgb, Rect area) {
        Mat laplacian = greyLaplacian(rgb, area);
        Mat mean = new Mat();
        Mat deviation = new Mat();
        meanStdDev(laplacian, mean, deviation);
        double sd = deviation.createIndexer().getDouble(0);
        return sd * sd;
    }

    /** The share of pixels in {@code area} where the grey Laplacian is at most 1: flat, detail-free pixels. */
    static double flatShare(Mat rgb, Rect area) {
        Mat laplacian = greyLaplacian(rgb, area);
        Mat magnitude = new Mat();
        opencv_core.absdiff(laplacian, new Mat(laplacian.size(), laplacian.type(), org.bytedeco.opencv.opencv_core.Scalar.all(0)), magnitude);
        Mat flat = new Mat();
        opencv_core.compare(magnitude, new Mat(magnitude.size(), magnitude.type(), org.bytedeco.opencv.opencv_core.Scalar.all(1)),
                flat, opencv_core.CMP_LE);
        return opencv_core.countNonZero(flat) / (double) flat.total();
    }

    /** The mean absolute difference of two RGB images over the pixels where {@code mask} is non-zero (all if null). */
    static double meanDifference(Mat a, Mat b, Mat mask) {
        Mat difference = new Mat();
        absdiff(a, b, difference);
        var mean = mask == null ? opencv_core.mean(difference) : opencv_core.mean(difference, mask);
        return (mean.get(0) + mean.get(1) + mean.get(2)) / 3;
    }
}
