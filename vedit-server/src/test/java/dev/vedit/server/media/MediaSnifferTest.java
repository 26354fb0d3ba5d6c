package dev.vedit.server.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MediaSnifferTest {

    static Optional<MediaFormat> sniff(byte[] bytes) {
        return MediaSniffer.sniff(bytes, bytes.length);
    }

    @Test
    void recognisesVideoContainers() {
        assertThat(sniff(SampleMedia.mp4(16))).contains(MediaFormat.MP4);
        assertThat(sniff(SampleMedia.mov())).contains(MediaFormat.MOV);
        assertThat(sniff(SampleMedia.avi())).contains(MediaFormat.AVI);
        assertThat(sniff(SampleMedia.mkv())).contains(MediaFormat.MKV);
        assertThat(sniff(SampleMedia.webm())).contains(MediaFormat.WEBM);
    }

    @Test
    void recognisesImages() {
        assertThat(sniff(SampleMedia.png())).contains(MediaFormat.PNG);
        assertThat(sniff(SampleMedia.jpg())).contains(MediaFormat.JPG);
        assertThat(sniff(SampleMedia.webp())).contains(MediaFormat.WEBP);
        assertThat(sniff(SampleMedia.bmp())).contains(MediaFormat.BMP);
        assertThat(sniff(SampleMedia.gif())).contains(MediaFormat.GIF);
    }

    @Test
    void recognisesAudioAndZip() {
        assertThat(sniff(SampleMedia.mp3WithId3())).contains(MediaFormat.MP3);
        assertThat(sniff(SampleMedia.mp3Frame())).contains(MediaFormat.MP3);
        assertThat(sniff(SampleMedia.wav())).contains(MediaFormat.WAV);
        assertThat(sniff(SampleMedia.flac())).contains(MediaFormat.FLAC);
        assertThat(sniff(SampleMedia.zip())).contains(MediaFormat.ZIP);
    }

    @Test
    void stillImagesInIsoMediaAreNotMistakenForMp4() {
        assertThat(sniff(SampleMedia.heic())).isEmpty();
    }

    @Test
    void unknownContentIsNotRecognised() {
        assertThat(sniff("just some text, not media".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(sniff(new byte[0])).isEmpty();
        assertThat(sniff(new byte[] {'B', 'M'})).isEmpty();
        assertThat(sniff(new byte[] {(byte) 0xFF, (byte) 0xF1, 0x50, (byte) 0x80})).as("AAC ADTS is not MP3").isEmpty();
    }

    @Test
    void gifAndWebmAreRecognisedButNotUploadable() {
        assertThat(MediaFormat.GIF.uploadable()).isFalse();
        assertThat(MediaFormat.WEBM.uploadable()).isFalse();
        assertThat(MediaFormat.BMP.uploadable()).isTrue();
    }
}
