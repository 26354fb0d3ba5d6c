package dev.vedit.server.engine.comfyui;

import dev.vedit.server.engine.EngineFailure;
import dev.vedit.server.ffmpeg.Ffmpeg;
import dev.vedit.server.ffmpeg.FfmpegFailure;
import dev.vedit.server.ffmpeg.FfmpegJob;
import dev.vedit.server.facts.MediaInfo;
import dev.vedit.wire.ErrorCode;
import dev.vedit.wire.VeditException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Brings a generated video to the contract's form: an MP4 with H.264 video, AAC audio (if any) and the index first
 * (faststart), so clients can stream it. A file already in that form is kept as it is: no needless re-encode.
 */
final class Mp4Output {
    private Mp4Output() {
    }

    /** Returns {@code file} when it already is the contract's MP4, else a re-encoded copy beside it. */
    static Path normalise(Ffmpeg ffmpeg, Path file, Duration timeout) throws EngineFailure {
        MediaInfo info;
        try {
            info = ffmpeg.probe(file, Duration.ofSeconds(30));
        } catch (VeditException e) {
            throw new EngineFailure(ErrorCode.GENERATION_FAILED, ErrorCode.GENERATION_FAILED.message(
                    "ComfyUI produced a file that is not a readable video", "ComfyUI 生成的文件不是可读取的视频"), false, "output", e);
        }
        if (!info.hasVideo()) {
            throw new EngineFailure(ErrorCode.GENERATION_FAILED, ErrorCode.GENERATION_FAILED.message(
                    "ComfyUI produced a file with no video stream", "ComfyUI 生成的文件没有视频流"), false, "output", null);
        }
        boolean mp4 = info.formatName() != null && info.formatName().toLowerCase(Locale.ROOT).contains("mp4");
        boolean h264 = "h264".equals(info.videoCodec());
        boolean aac = !info.hasAudio() || "aac".equals(info.audioCodec());
        if (mp4 && h264 && aac && indexFirst(file)) {
            return file;
        }
        Path out = file.resolveSibling("normalised.mp4");
        List<String> args = new ArrayList<>(FfmpegJob.input(file));
        args.addAll(List.of("-map", "0:v:0", "-map", "0:a:0?", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-preset", "veryfast",
                "-crf", "18", "-c:a", "aac", "-b:a", "192k", "-movflags", "+faststart", FfmpegJob.output(out)));
        try {
            new FfmpegJob(ffmpeg, args).run(Math.max(1, info.durationSeconds()), p -> { }, timeout);
        } catch (FfmpegFailure f) {
            throw new EngineFailure(f.code(), f.getMessage(), f.transientFailure(), "output", f);
        }
        return out;
    }

    /** Whether the MP4's index ({@code moov}) comes before its media data ({@code mdat}): top-level boxes only. */
    static boolean indexFirst(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] header = new byte[16];
            long position = 0;
            long size = Files.size(file);
            while (position < size) {
                if (in.readNBytes(header, 0, 8) < 8) {
                    return false;
                }
                long boxSize = Integer.toUnsignedLong(ByteBuffer.wrap(header, 0, 4).getInt());
                String type = new String(header, 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
                int headerLength = 8;
                if (boxSize == 1) {
                    if (in.readNBytes(header, 8, 8) < 8) {
                        return false;
                    }
                    boxSize = ByteBuffer.wrap(header, 8, 8).getLong();
                    headerLength = 16;
                }
                if (type.equals("moov")) {
                    return true;
                }
                if (type.equals("mdat") || boxSize < headerLength) {
                    return false;
                }
                in.skipNBytes(boxSize - headerLength);
                position += boxSize;
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }
}
