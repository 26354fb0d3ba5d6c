package dev.vedit.server.engine.local.vision;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.add;
import static org.bytedeco.opencv.global.opencv_core.divide;
import static org.bytedeco.opencv.global.opencv_core.multiply;
import static org.bytedeco.opencv.global.opencv_core.subtract;
import static org.bytedeco.opencv.global.opencv_imgproc.boxFilter;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * The guided filter (He, Sun and Tang, 2010) with a grey guide: smooths a mask {@code p} while making its edges
 * follow the edges of the guide image {@code I}. Inside each window the output is a linear function of the guide,
 * {@code q = a I + b}, fitted to the mask by least squares; where the guide is flat the mask is just averaged, and
 * where the guide has an edge the mask's step is pulled onto it. OpenCV's {@code ximgproc} has one, but the
 * bytedeco build does not ship that module; this is the paper's algorithm 1, six box filters.
 */
final class GuidedFilter {
    private GuidedFilter() {
    }

    /**
     * @param guide   {@code CV_32FC1}, values 0 to 1
     * @param mask    {@code CV_32FC1}, same size
     * @param radius  window radius in pixels
     * @param epsilon regularisation: edges in the guide weaker than about sqrt(epsilon) are smoothed over
     * @return the filtered mask, {@code CV_32FC1}
     */
    static Mat filter(Mat guide, Mat mask, int radius, double epsilon) {
        Mat q = new Mat();
        try (PointerScope scope = new PointerScope()) {
            Size window = new Size(2 * radius + 1, 2 * radius + 1);
            Mat meanI = box(guide, window);
            Mat meanP = box(mask, window);
            Mat product = new Mat();
            multiply(guide, guide, product);
            Mat varI = box(product, window);
            multiply(guide, mask, product);
            Mat covIP = box(product, window);
            Mat square = new Mat();
            multiply(meanI, meanI, square);
            subtract(varI, square, varI);
            multiply(meanI, meanP, square);
            subtract(covIP, square, covIP);
            Mat a = new Mat();
            varI.convertTo(varI, CV_32F, 1, epsilon);
            divide(covIP, varI, a);
            Mat b = new Mat();
            multiply(a, meanI, square);
            subtract(meanP, square, b);
            Mat meanA = box(a, window);
            Mat meanB = box(b, window);
            multiply(meanA, guide, q);
            add(q, meanB, q);
        }
        return q;
    }

    private static Mat box(Mat m, Size window) {
        Mat out = new Mat();
        boxFilter(m, out, CV_32F, window, new Point(-1, -1), true, org.bytedeco.opencv.global.opencv_core.BORDER_REFLECT);
        return out;
    }
}
