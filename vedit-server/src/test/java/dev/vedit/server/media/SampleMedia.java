package dev.vedit.server.media;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;

/** Small but real files of every format, built in memory. */
final class SampleMedia {
    private SampleMedia() {
    }

    static byte[] png() {
        return image("png");
    }

    static byte[] jpg() {
        return image("jpg");
    }

    static byte[] bmp() {
        return image("bmp");
    }

    static byte[] gif() {
        return image("gif");
    }

    /** An MP4 header: {@code ftyp} (brand isom) and an {@code mdat} box holding {@code payload} bytes. */
    static byte[] mp4(int payload) {
        return concat(ftyp("isom"), box("mdat", new byte[payload]));
    }

    static byte[] mov() {
        return concat(ftyp("qt  "), box("mdat", new byte[16]));
    }

    static byte[] heic() {
        return concat(ftyp("heic"), box("meta", new byte[16]));
    }

    static byte[] avi() {
        return riff("AVI ", "LIST", new byte[32]);
    }

    static byte[] webp() {
        return riff("WEBP", "VP8L", new byte[] {0x2F, 0, 0, 0, 0, 0, 0, 0});
    }

    /** A WAV file: RIFF/WAVE, fmt chunk (PCM, mono, 8 kHz, 16 bit), 100 silent samples. */
    static byte[] wav() {
        ByteBuffer fmt = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        fmt.putShort((short) 1).putShort((short) 1).putInt(8000).putInt(16000).putShort((short) 2).putShort((short) 16);
        byte[] fmtChunk = chunk("fmt ", fmt.array());
        byte[] dataChunk = chunk("data", new byte[200]);
        ByteBuffer riff = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        riff.put(ascii("RIFF")).putInt(4 + fmtChunk.length + dataChunk.length).put(ascii("WAVE"));
        return concat(riff.array(), fmtChunk, dataChunk);
    }

    static byte[] mkv() {
        return ebml("matroska");
    }

    static byte[] webm() {
        return ebml("webm");
    }

    /** An ID3v2 tag followed by one MPEG-1 Layer III frame header. */
    static byte[] mp3WithId3() {
        return concat(new byte[] {'I', 'D', '3', 4, 0, 0, 0, 0, 0, 0}, mp3Frame());
    }

    /** A bare MPEG-1 Layer III frame (128 kbit/s, 44.1 kHz), as files without tags begin. */
    static byte[] mp3Frame() {
        byte[] frame = new byte[417];
        frame[0] = (byte) 0xFF;
        frame[1] = (byte) 0xFB;
        frame[2] = (byte) 0x90;
        frame[3] = (byte) 0x64;
        return frame;
    }

    static byte[] flac() {
        return concat(ascii("fLaC"), new byte[] {(byte) 0x80, 0, 0, 34}, new byte[34]);
    }

    static byte[] zip() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("frame.txt"));
            zip.write("hello".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A stream of {@code size} bytes: an MP4 header, then zeros; generated, never held in memory. */
    static InputStream mp4Stream(long size, long[] bytesRead) {
        byte[] header = ftyp("isom");
        return new InputStream() {
            private long position;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (position >= size) {
                    return -1;
                }
                int n = (int) Math.min(len, size - position);
                for (int i = 0; i < n; i++) {
                    long p = position + i;
                    b[off + i] = p < header.length ? header[(int) p] : 0;
                }
                position += n;
                bytesRead[0] = position;
                return n;
            }
        };
    }

    private static byte[] image(String format) {
        BufferedImage image = new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB);
        image.setRGB(1, 1, 0xFF8800);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, bytes)) {
                throw new IllegalStateException("No ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static byte[] ebml(String docType) {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        header.writeBytes(new byte[] {0x42, (byte) 0x86, (byte) 0x81, 1});          // EBMLVersion 1
        header.writeBytes(new byte[] {0x42, (byte) 0xF7, (byte) 0x81, 1});          // EBMLReadVersion 1
        header.writeBytes(new byte[] {0x42, (byte) 0xF2, (byte) 0x81, 4});          // EBMLMaxIDLength 4
        header.writeBytes(new byte[] {0x42, (byte) 0xF3, (byte) 0x81, 8});          // EBMLMaxSizeLength 8
        header.writeBytes(new byte[] {0x42, (byte) 0x82, (byte) (0x80 | docType.length())});
        header.writeBytes(ascii(docType));                                          // DocType
        header.writeBytes(new byte[] {0x42, (byte) 0x87, (byte) 0x81, 4});          // DocTypeVersion 4
        header.writeBytes(new byte[] {0x42, (byte) 0x85, (byte) 0x81, 2});          // DocTypeReadVersion 2
        byte[] body = header.toByteArray();
        byte[] segment = {0x18, 0x53, (byte) 0x80, 0x67, (byte) 0x80};              // empty Segment
        return concat(new byte[] {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3, (byte) (0x80 | body.length)}, body, segment);
    }

    private static byte[] ftyp(String brand) {
        ByteBuffer payload = ByteBuffer.allocate(16);
        payload.put(ascii(brand)).putInt(0x200).put(ascii(brand)).put(ascii("mp41"));
        return box("ftyp", payload.array());
    }

    private static byte[] box(String type, byte[] payload) {
        ByteBuffer box = ByteBuffer.allocate(8 + payload.length);
        box.putInt(8 + payload.length).put(ascii(type)).put(payload);
        return box.array();
    }

    private static byte[] riff(String form, String chunkId, byte[] chunkData) {
        byte[] chunk = chunk(chunkId, chunkData);
        ByteBuffer riff = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        riff.put(ascii("RIFF")).putInt(4 + chunk.length).put(ascii(form));
        return concat(riff.array(), chunk);
    }

    private static byte[] chunk(String id, byte[] data) {
        ByteBuffer chunk = ByteBuffer.allocate(8 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        chunk.put(ascii(id)).putInt(data.length).put(data);
        return chunk.array();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
