package dev.vedit.server.engine.local.vision;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_dnn;
import org.bytedeco.opencv.opencv_dnn.Net;

/**
 * The MediaPipe models shipped in the jar (see {@code models/mediapipe/NOTICE}), loaded into OpenCV's DNN
 * module from memory, so nothing is extracted to disk. A {@link Net} is not thread-safe: each pass loads its own
 * (a few milliseconds).
 */
final class Models {
    /** MediaPipe selfie segmentation (general, 256x256): a person-probability mask. */
    static final String SELFIE_SEGMENTATION = "models/mediapipe/selfie_segmentation.tflite";
    /** BlazeFace short range (128x128): face boxes and six landmarks for 896 anchors. */
    static final String FACE_DETECTION_SHORT_RANGE = "models/mediapipe/face_detection_short_range.tflite";

    private Models() {
    }

    static Net load(String resource) {
        byte[] model;
        try (InputStream in = Models.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath; the build is broken");
            }
            model = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (BytePointer buffer = new BytePointer(model)) {
            Net net = opencv_dnn.readNetFromTFLite(buffer, model.length);
            if (net.empty()) {
                throw new IllegalStateException("OpenCV could not load " + resource);
            }
            return net;
        }
    }
}
