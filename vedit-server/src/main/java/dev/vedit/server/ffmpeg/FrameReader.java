package dev.vedit.server.ffmpeg;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the first video stream of a file into packed RGB frames (3 bytes a pixel, rows top to bottom), at a
 * constant frame rate, with whatever codecs ffmpeg reads.
 *
 * <p>Frames travel as a PPM stream rather than bare raw video because every PPM frame states its own width
 * and height: the size after ffmpeg's automatic rotation of phone videos, which the container's nominal size
 * does not tell.
 */
public final class FrameReader extends FramePipe {
    private final InputStream in;
    private byte[] pixels = new byte[0];
    private int width;
    private int height;
    private long frames;

    private FrameReader(Ffmpeg ffmpeg, List<String> args) throws FfmpegFailure {
        super(ffmpeg, args);
        in = new BufferedInputStream(process.getInputStream(), 1 << 20);
    }

    /**
     * Starts decoding.
     *
     * @param frameRate  frames per second to deliver (frames are repeated or dropped to keep it constant)
     * @param maxSeconds stop after this much of the source; {@code Double.POSITIVE_INFINITY} for all of it
     */
    public static FrameReader open(Ffmpeg ffmpeg, Path video, double frameRate, double maxSeconds) throws FfmpegFailure {
        List<String> args = new ArrayList<>(List.of("-nostdin", "-hide_banner", "-v", "error"));
        if (Double.isFinite(maxSeconds)) {
            args.addAll(List.of("-t", decimal(maxSeconds)));
        }
        args.addAll(FfmpegJob.input(video));
        args.addAll(List.of("-map", "0:v:0", "-an", "-sn", "-dn", "-fps_mode", "cfr", "-r", decimal(frameRate),
                "-f", "image2pipe", "-c:v", "ppm", "pipe:1"));
        return new FrameReader(ffmpeg, args);
    }

    /**
     * The next frame's pixels, or {@code null} at the end of the video. The array is reused by the next call.
     *
     * @throws FfmpegFailure when ffmpeg fails to decode (the message carries its error output)
     */
    public byte[] next() throws FfmpegFailure {
        try {
            String magic = token();
            if (magic == null) {
                awaitSuccess("the ffmpeg decoder");
                return null;
            }
            if (!magic.equals("P6")) {
                throw failure("the ffmpeg decoder sent an unexpected frame header " + magic, "ffmpeg 解码器输出了意外的帧头");
            }
            width = Integer.parseInt(token());
            height = Integer.parseInt(token());
            String maxValue = token();
            if (!"255".equals(maxValue)) {
                throw failure("the ffmpeg decoder sent " + maxValue + "-level frames", "ffmpeg 解码器输出的帧位深不受支持");
            }
            int size = width * height * 3;
            if (pixels.length != size) {
                pixels = new byte[size];
            }
            if (in.readNBytes(pixels, 0, size) != size) {
                awaitSuccess("the ffmpeg decoder");
                throw failure("the ffmpeg decoder stopped in the middle of a frame", "ffmpeg 解码器在一帧中途停止");
            }
            frames++;
            return pixels;
        } catch (IOException | NumberFormatException e) {
            if (killed()) {
                return null;
            }
            throw failure("cannot read decoded frames: " + e.getMessage(), "无法读取解码后的帧");
        }
    }

    /** Width of the last frame read. */
    public int width() {
        return width;
    }

    /** Height of the last frame read. */
    public int height() {
        return height;
    }

    /** How many frames were read so far. */
    public long frames() {
        return frames;
    }

    /** A whitespace-separated header token, after which exactly one whitespace byte is consumed; null at the end. */
    private String token() throws IOException {
        StringBuilder token = new StringBuilder();
        int b;
        while ((b = in.read()) != -1) {
            if (Character.isWhitespace(b)) {
                if (!token.isEmpty()) {
                    return token.toString();
                }
            } else {
                token.append((char) b);
            }
        }
        return token.isEmpty() ? null : token.toString();
    }
}
