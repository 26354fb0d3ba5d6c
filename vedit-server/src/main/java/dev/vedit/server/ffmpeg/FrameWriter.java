package dev.vedit.server.ffmpeg;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes packed RGB frames into a near-lossless intermediate (Matroska, H.264 4:4:4 at CRF 10, the fastest
 * preset: it is re-encoded by the final render, so speed matters and size does not), copying the audio of
 * the original untouched beside it so the final render keeps the original sound.
 */
public final class FrameWriter extends FramePipe {
    private final OutputStream out;
    private final int frameBytes;

    private FrameWriter(Ffmpeg ffmpeg, List<String> args, int frameBytes) throws FfmpegFailure {
        super(ffmpeg, args);
        this.out = new BufferedOutputStream(process.getOutputStream(), 1 << 20);
        this.frameBytes = frameBytes;
    }

    /**
     * Starts encoding.
     *
     * @param audioFrom  the file whose first audio stream (if any) is copied into the output
     * @param maxSeconds how much of that audio to keep; {@code Double.POSITIVE_INFINITY} for all of it
     */
    public static FrameWriter open(Ffmpeg ffmpeg, int width, int height, double frameRate, Path audioFrom,
                                   double maxSeconds, Path output) throws FfmpegFailure {
        List<String> args = new ArrayList<>(List.of("-hide_banner", "-v", "error", "-y",
                "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", width + "x" + height, "-framerate", decimal(frameRate),
                "-i", "pipe:0"));
        if (Double.isFinite(maxSeconds)) {
            args.addAll(List.of("-t", decimal(maxSeconds)));
        }
        args.addAll(FfmpegJob.input(audioFrom));
        args.addAll(List.of("-map", "0:v:0", "-map", "1:a:0?", "-c:a", "copy",
                "-c:v", "libx264", "-preset", "ultrafast", "-crf", "10", "-pix_fmt", "yuv444p",
                "-f", "matroska", FfmpegJob.output(output)));
        return new FrameWriter(ffmpeg, args, width * height * 3);
    }

    /** Sends one frame of exactly width × height × 3 bytes. */
    public void write(byte[] rgb) throws FfmpegFailure {
        if (rgb.length != frameBytes) {
            throw new IllegalArgumentException("a frame has " + frameBytes + " bytes, not " + rgb.length);
        }
        try {
            out.write(rgb);
        } catch (IOException e) {
            if (killed()) {
                return;
            }
            kill();
            throw failure("the ffmpeg encoder stopped taking frames: " + e.getMessage(), "ffmpeg 编码器停止接收帧");
        }
    }

    /** Ends the stream and waits for the encoder to finish the file. */
    public void finish() throws FfmpegFailure {
        try {
            out.close();
        } catch (IOException e) {
            if (!killed()) {
                kill();
                throw failure("the ffmpeg encoder stopped taking frames: " + e.getMessage(), "ffmpeg 编码器停止接收帧");
            }
        }
        awaitSuccess("the ffmpeg encoder");
    }
}
