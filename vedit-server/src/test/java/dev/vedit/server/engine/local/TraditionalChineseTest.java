package dev.vedit.server.engine.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class TraditionalChineseTest {

    @Test
    void traditionalCharactersBecomeSimplifiedAndEverythingElseStays() {
        assertThat(TraditionalChinese.toSimplified("把影片變成黑白，調亮一點，加上浮水印")).isEqualTo("把影片变成黑白，调亮一点，加上浮水印");
        assertThat(TraditionalChinese.toSimplified("背景音樂太大聲了")).isEqualTo("背景音乐太大声了");
        String simplified = "把视频变成黑白 and make it 2x";
        assertThat(TraditionalChinese.toSimplified(simplified)).isSameAs(simplified);
    }

    /** The rules and the lexicon are written in Simplified characters, the only ones a normalised prompt holds. */
    @Test
    void theInterpretersOwnChineseIsSimplified() throws IOException {
        try (InputStream in = TraditionalChinese.class.getResourceAsStream("/interpreter/lexicon.tsv")) {
            String lexicon = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(TraditionalChinese.toSimplified(lexicon)).isEqualTo(lexicon);
        }
        try (Stream<Path> sources = Files.list(Path.of("src/main/java/dev/vedit/server/engine/local"))) {
            // TraditionalChinese's own documentation shows a Traditional example
            for (Path source : sources.filter(p -> p.toString().endsWith(".java") && !p.endsWith("TraditionalChinese.java")).toList()) {
                String code = Files.readString(source);
                assertThat(TraditionalChinese.toSimplified(code)).as(source.toString()).isEqualTo(code);
            }
        }
    }
}
