package dev.vedit.server.engine.local;

import dev.vedit.server.engine.EngineFailure;
import dev.vedit.wire.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The font text is drawn with: Noto Sans CJK SC (SIL Open Font License 1.1), which covers Chinese, Latin and
 * digits. The build fetches it from the npm package {@code @embedpdf/fonts-sc} into the jar (see the pom); it
 * is copied out once per process because ffmpeg reads fonts from files.
 */
final class Fonts {
    static final String RESOURCE = "/fonts/NotoSansHans-Regular.otf";
    private static volatile Path extracted;

    private Fonts() {
    }

    static Path cjk() throws EngineFailure {
        Path font = extracted;
        if (font != null && Files.isRegularFile(font)) {
            return font;
        }
        synchronized (Fonts.class) {
            try (InputStream in = Fonts.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new EngineFailure(ErrorCode.GENERATION_FAILED, ErrorCode.GENERATION_FAILED.message(
                            "this build has no font for text (" + RESOURCE + " is missing; rebuild with ./vedit build)",
                            "此构建缺少绘制文字所需的字体（" + RESOURCE + "），请用 ./vedit build 重新构建"), false);
                }
                Path dir = Files.createTempDirectory("vedit-font");
                font = dir.resolve("NotoSansHans-Regular.otf");
                Files.copy(in, font, StandardCopyOption.REPLACE_EXISTING);
                font.toFile().deleteOnExit();
                dir.toFile().deleteOnExit();
                extracted = font;
                return font;
            } catch (IOException e) {
                throw new EngineFailure(ErrorCode.GENERATION_FAILED, ErrorCode.GENERATION_FAILED.message(
                        "cannot extract the text font: " + e.getMessage(), "无法释放绘制文字所需的字体"), true);
            }
        }
    }
}
