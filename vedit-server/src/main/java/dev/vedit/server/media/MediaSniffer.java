package dev.vedit.server.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/** Recognises a file's format from its first bytes; file names and declared types are never trusted. */
public final class MediaSniffer {
    static final int HEAD_BYTES = 4096;

    /** ISO BMFF brands of still images and audio, which must not pass as MP4 video. */
    private static final Set<String> NON_VIDEO_BRANDS = Set.of(
            "heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1", "avif", "avis", "M4A ", "M4B ", "M4P ");
    /** Top-level atoms that open QuickTime files written without an {@code ftyp} box. */
    private static final Set<String> QUICKTIME_ATOMS = Set.of("moov", "mdat", "wide", "pnot");

    private MediaSniffer() {
    }

    /** The format of the file's content, or empty when it is none that the service knows. */
    public static Optional<MediaFormat> sniff(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(HEAD_BYTES);
            return sniff(head, head.length);
        }
    }

    static Optional<MediaFormat> sniff(byte[] b, int len) {
        if (len >= 12 && ascii(b, 4, 4).equals("ftyp")) {
            String brand = ascii(b, 8, 4);
            if (brand.equals("qt  ")) {
                return Optional.of(MediaFormat.MOV);
            }
            return NON_VIDEO_BRANDS.contains(brand) ? Optional.empty() : Optional.of(MediaFormat.MP4);
        }
        if (len >= 8 && QUICKTIME_ATOMS.contains(ascii(b, 4, 4))) {
            return Optional.of(MediaFormat.MOV);
        }
        if (len >= 12 && ascii(b, 0, 4).equals("RIFF")) {
            return switch (ascii(b, 8, 4)) {
                case "AVI " -> Optional.of(MediaFormat.AVI);
                case "WAVE" -> Optional.of(MediaFormat.WAV);
                case "WEBP" -> Optional.of(MediaFormat.WEBP);
                default -> Optional.empty();
            };
        }
        if (startsWith(b, len, 0x1A, 0x45, 0xDF, 0xA3)) {
            return matroska(b, len);
        }
        if (startsWith(b, len, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of(MediaFormat.PNG);
        }
        if (startsWith(b, len, 0xFF, 0xD8, 0xFF)) {
            return Optional.of(MediaFormat.JPG);
        }
        if (len >= 6 && (ascii(b, 0, 6).equals("GIF87a") || ascii(b, 0, 6).equals("GIF89a"))) {
            return Optional.of(MediaFormat.GIF);
        }
        if (isBmp(b, len)) {
            return Optional.of(MediaFormat.BMP);
        }
        if (len >= 4 && ascii(b, 0, 4).equals("fLaC")) {
            return Optional.of(MediaFormat.FLAC);
        }
        if (startsWith(b, len, 'P', 'K', 3, 4) || startsWith(b, len, 'P', 'K', 5, 6)) {
            return Optional.of(MediaFormat.ZIP);
        }
        if ((len >= 10 && ascii(b, 0, 3).equals("ID3")) || isMp3Frame(b, len)) {
            return Optional.of(MediaFormat.MP3);
        }
        return Optional.empty();
    }

    /** Matroska and WebM share the EBML container; the header's DocType element tells them apart. */
    private static Optional<MediaFormat> matroska(byte[] b, int len) {
        int end = Math.min(len, 64);
        for (int i = 4; i + 3 < end; i++) {
            if ((b[i] & 0xFF) == 0x42 && (b[i + 1] & 0xFF) == 0x82) {
                int size = b[i + 2] & 0x7F; // one-byte EBML size (0x80 | n), the form every muxer writes
                if ((b[i + 2] & 0x80) == 0 || i + 3 + size > len) {
                    return Optional.empty();
                }
                String docType = ascii(b, i + 3, size).replace("\0", "");
                return switch (docType) {
                    case "matroska" -> Optional.of(MediaFormat.MKV);
                    case "webm" -> Optional.of(MediaFormat.WEBM);
                    default -> Optional.empty();
                };
            }
        }
        return Optional.empty();
    }

    private static boolean isBmp(byte[] b, int len) {
        if (len < 18 || b[0] != 'B' || b[1] != 'M') {
            return false;
        }
        int dibHeaderSize = (b[14] & 0xFF) | (b[15] & 0xFF) << 8 | (b[16] & 0xFF) << 16 | (b[17] & 0xFF) << 24;
        return Set.of(12, 40, 52, 56, 64, 108, 124).contains(dibHeaderSize);
    }

    /** An MPEG audio Layer III frame header: sync bits, layer III, a valid bit rate and sample rate. */
    private static boolean isMp3Frame(byte[] b, int len) {
        if (len < 4 || (b[0] & 0xFF) != 0xFF || (b[1] & 0xE0) != 0xE0) {
            return false;
        }
        int version = (b[1] >> 3) & 0x03;
        int layer = (b[1] >> 1) & 0x03;
        int bitrate = (b[2] >> 4) & 0x0F;
        int sampleRate = (b[2] >> 2) & 0x03;
        return version != 0x01 && layer == 0x01 && bitrate != 0x0F && sampleRate != 0x03;
    }

    private static boolean startsWith(byte[] b, int len, int... prefix) {
        if (len < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static String ascii(byte[] b, int offset, int length) {
        return new String(b, offset, length, StandardCharsets.ISO_8859_1);
    }
}
