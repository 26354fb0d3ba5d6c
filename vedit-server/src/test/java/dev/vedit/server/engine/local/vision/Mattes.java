package dev.vedit.server.engine.local.vision;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.absdiff;
import static org.bytedeco.opencv.global.opencv_core.mean;
import static org.bytedeco.opencv.global.opencv_core.subtract;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_ELLIPSE;
import static org.bytedeco.opencv.global.opencv_imgproc.dilate;
import static org.bytedeco.opencv.global.opencv_imgproc.erode;
import static org.bytedeco.opencv.global.opencv_imgproc.fillPoly;
import static org.bytedeco.opencv.global.opencv_imgproc.getStructuringElement;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Hand-marked mattes (see the resource's header for how they were made): per frame, "person" polygons (foreground)
 * and "ignore" polygons (left out of every measure), in frame pixels.
 */
final class Mattes {
    /** One marked frame: the true matte (255 foreground) and where it is judged (255), both {@code CV_8UC1}. */
    record Marked(Mat matte, Mat judged) {

        /**
         * Mean absolute difference, 0 to 1, between {@code weights} ({@code CV_32FC1}, 0 to 1) and the matte over the
         * judged pixels within {@code band} pixels of the matte's outline (all judged pixels when {@code band} is 0).
         */
        double meanError(Mat weights, int band) {
            Mat truth = new Mat();
            matte.convertTo(truth, CV_32F, 1 / 255.0, 0);
            Mat error = new Mat();
            absdiff(weights, truth, error);
            Mat where = band == 0 ? judged : and(judged, outline(band));
            return mean(error, where).get(0);
        }

        /** Pixels within {@code pixels} of the matte's outline (255). */
        Mat outline(int pixels) {
            Mat kernel = getStructuringElement(MORPH_ELLIPSE, new Size(2 * pixels + 1, 2 * pixels + 1));
            Mat grown = new Mat();
            Mat shrunk = new Mat();
            dilate(matte, grown, kernel);
            erode(matte, shrunk, kernel);
            Mat band = new Mat();
            subtract(grown, shrunk, band);
            return band;
        }

        private static Mat and(Mat a, Mat b) {
            Mat both = new Mat();
            org.bytedeco.opencv.global.opencv_core.bitwise_and(a, b, both);
            return both;
        }
    }

    private Mattes() {
    }

    /** The marked frames of a resource, by frame number, for frames of {@code width} x {@code height}. */
    static Map<Integer, Marked> load(String resource, int width, int height) {
        String text;
        try (InputStream in = Mattes.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the test classpath");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<Integer, List<String>> lines = new LinkedHashMap<>();
        Integer frame = null;
        for (String line : text.lines().map(String::strip).toList()) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("frame ")) {
                frame = Integer.parseInt(line.substring("frame ".length()).strip());
                lines.put(frame, new ArrayList<>());
            } else if (frame == null) {
                throw new IllegalStateException(resource + ": a polygon before any \"frame N\" line: " + line);
            } else {
                lines.get(frame).add(line);
            }
        }
        Map<Integer, Marked> marked = new LinkedHashMap<>();
        lines.forEach((n, polygons) -> {
            Mat matte = new Mat(height, width, CV_8UC1, Scalar.all(0));
            Mat judged = new Mat(height, width, CV_8UC1, Scalar.all(255));
            for (String polygon : polygons) {
                String kind = polygon.substring(0, polygon.indexOf(' '));
                Mat into = switch (kind) {
                    case "person" -> matte;
                    case "ignore" -> judged;
                    default -> throw new IllegalStateException(resource + ": unknown polygon kind " + kind);
                };
                fill(into, polygon.substring(kind.length()).strip(), kind.equals("person") ? 255 : 0);
            }
            marked.put(n, new Marked(matte, judged));
        });
        return marked;
    }

    private static void fill(Mat into, String corners, int value) {
        String[] points = corners.split("\\s+");
        Mat polygon = new Mat(points.length, 1, org.bytedeco.opencv.global.opencv_core.CV_32SC2);
        int[] xy = new int[points.length * 2];
        for (int i = 0; i < points.length; i++) {
            String[] p = points[i].split(",");
            xy[2 * i] = Integer.parseInt(p[0]);
            xy[2 * i + 1] = Integer.parseInt(p[1]);
        }
        polygon.data().put(toBytes(xy), 0, xy.length * 4);
        fillPoly(into, new MatVector(polygon), Scalar.all(value));
    }

    private static byte[] toBytes(int[] values) {
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(values.length * 4).order(java.nio.ByteOrder.nativeOrder());
        buffer.asIntBuffer().put(values);
        return buffer.array();
    }
}
