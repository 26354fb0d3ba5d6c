package dev.vedit.server.engine.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vedit.wire.EditOperation;
import dev.vedit.wire.ErrorCode;
import dev.vedit.wire.VeditException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PromptInterpreterTest {
    private final PromptInterpreter interpreter = new PromptInterpreter();

    private List<EditOperation> ops(String prompt) {
        return interpreter.interpret(prompt, 0);
    }

    private EditOperation only(String prompt) {
        List<EditOperation> ops = ops(prompt);
        assertThat(ops).as(prompt).hasSize(1);
        return ops.getFirst();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "make it black and white|grayscale", "greyscale please|grayscale", "Monochrome|grayscale",
            "把视频变成黑白|grayscale", "灰度|grayscale",
            "sepia tone|sepia", "请把视频调成棕褐色|sepia", "老照片色调|sepia",
            "invert colours|invert", "make it a negative|invert", "反色|invert", "负片效果|invert",
            "mirror the video|hflip", "flip it horizontally|hflip", "镜像|hflip", "水平翻转|hflip", "左右翻转|hflip",
            "flip vertically|vflip", "turn it upside down|vflip", "垂直翻转|vflip", "上下翻转|vflip", "把视频倒过来|vflip",
            "mute|mute", "remove the sound|mute", "drop the audio|mute", "no audio|mute", "make it silent|mute",
            "静音|mute", "去掉声音|mute", "去除音频|mute"})
    void eachSimpleEditIsUnderstoodInBothLanguages(String prompt, String op) {
        EditOperation operation = only(prompt);
        assertThat(operation.op()).isEqualTo(op);
        assertThat(operation.source()).isNotBlank();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "speed up 2x|2.0", "twice as fast|2.0", "2倍速|2.0", "加速两倍|2.0", "play at 1.5x speed|1.5",
            "slow down by half|0.5", "slow it down to half speed|0.5", "slow down to a quarter speed|0.25", "half speed|0.5", "0.5x|0.5", "slow motion|0.5", "慢放|0.5", "放慢一半|0.5",
            "speed up|1.5", "slow down|0.75", "speed up by 50%|1.5", "slow down to 25%|0.25", "three times as fast|3.0",
            "make it faster|1.5", "0.5倍速播放|0.5", "加速|1.5", "放慢两倍|0.5", "一点五倍速|1.5"})
    void speedIsReadFromDigitsWordsAndChineseNumerals(String prompt, double factor) {
        EditOperation operation = only(prompt);
        assertThat(operation.op()).isEqualTo("speed");
        assertThat(operation.params()).containsEntry("factor", factor);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "lower the volume by half|volume|0.5", "increase the volume by half|volume|1.5", "reduce the volume by 30%|volume|0.7",
            "increase the volume by 50%|volume|1.5", "lower the volume by 2x|volume|0.5", "make it quieter by half|volume|0.5",
            "slow it down by half|speed|0.5", "speed it up by half|speed|1.5", "reduce the speed by half|speed|0.5",
            "slow down by 2x|speed|0.5", "speed up by 50%|speed|1.5",
            "lower the saturation by half|saturation|0.5", "increase saturation by half|saturation|1.5",
            "reduce the contrast by 20%|contrast|0.8", "decrease contrast by 2x|contrast|0.5", "对比度减半|contrast|0.5"})
    void aChangeByAnAmountGoesTheWayItsVerbSays(String prompt, String op, double factor) {
        EditOperation operation = only(prompt);
        assertThat(operation.op()).isEqualTo(op);
        assertThat(operation.params()).containsEntry("factor", factor);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"make it 20% darker|-0.2", "make it 20% brighter|0.2", "darken it by 10 percent|-0.1",
            "reduce brightness by half|-0.5", "把亮度降低一半|-0.5"})
    void aBrightnessChangeByAnAmountGoesTheWayItsVerbSays(String prompt, double amount) {
        assertThat(only(prompt).params()).containsEntry("amount", amount);
    }

    @Test
    void aComplaintNextToItsRequestIsOneEditButTwoRequestsStayTwo() {
        assertThat(ops("it's too dark, brighten it a lot")).extracting(EditOperation::op).containsExactly("brightness");
        assertThat(ops("speed it up, it's way too slow")).extracting(EditOperation::op).containsExactly("speed");
        assertThat(ops("reverse it, then reverse it")).extracting(EditOperation::op).containsExactly("reverse", "reverse");
    }

    @Test
    void blurringOnlyTheBackgroundIsRefusedAsUnsupportedNamingTheWords() {
        assertThatThrownBy(() -> ops("make it warmer and blur the background"))
                .isInstanceOfSatisfying(VeditException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.EDIT_NOT_SUPPORTED);
                    assertThat(e.getMessage()).contains("\"blur the background\"", "not supported").doesNotContain("does not understand");
                });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "keep only the first 5 seconds|5", "cut it to the first 3 seconds|3", "the first 5 s|5",
            "keep the first five seconds|5", "trim to 4 seconds|4", "只保留前5秒|5", "截取前三秒|3", "前10秒|10",
            "只保留前十五秒|15"})
    void trimKeepsTheFirstSeconds(String prompt, double seconds) {
        EditOperation operation = only(prompt);
        assertThat(operation.op()).isEqualTo("trim");
        assertThat(operation.params()).containsEntry("start", 0.0).containsEntry("duration", seconds);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "rotate 90 degrees|90", "rotate 90 degrees clockwise|90", "rotate it left|270",
            "rotate 90 degrees counter-clockwise|270", "rotate left 90|270", "rotate 180|180",
            "turn it upside down by rotation|180", "顺时针旋转90度|90", "逆时针旋转90度|270", "旋转180度|180",
            "rotate by ninety degrees|90"})
    void rotationIsClockwiseDegrees(String prompt, int degrees) {
        EditOperation operation = only(prompt);
        assertThat(operation.op()).isEqualTo("rotate");
        assertThat(operation.params()).containsEntry("degrees", degrees);
    }

    @Test
    void brightnessIsSignedAndMuchIsStronger() {
        double brighter = (double) only("make it brighter").params().get("amount");
        double muchBrighter = (double) only("much brighter").params().get("amount");
        assertThat(brighter).isPositive();
        assertThat(muchBrighter).isGreaterThan(brighter);
        assertThat((double) only("darker").params().get("amount")).isNegative();
        assertThat((double) only("brighten the video").params().get("amount")).isPositive();
        assertThat((double) only("调亮").params().get("amount")).isPositive();
        assertThat((double) only("变亮").params().get("amount")).isPositive();
        assertThat((double) only("提高亮度").params().get("amount")).isPositive();
        assertThat((double) only("调暗").params().get("amount")).isNegative();
        assertThat((double) only("降低亮度").params().get("amount")).isNegative();
    }

    @Test
    void severalEditsInOnePromptKeepTheirOrderAndSources() {
        List<EditOperation> ops = ops("Please make it black and white, then speed up 2x and mute the audio");
        assertThat(ops).extracting(EditOperation::op).containsExactly("grayscale", "speed", "mute");
        assertThat(ops.getFirst().source()).isEqualTo("black and white");
        assertThat(ops.get(1).source()).isEqualTo("speed up 2x");
    }

    @Test
    void chineseClausesSplitOnConjunctionsAndPunctuation() {
        List<EditOperation> ops = ops("请把视频变成黑白，然后2倍速播放并且去掉声音；再水平翻转。只保留前三秒");
        assertThat(ops).extracting(EditOperation::op).containsExactly("grayscale", "speed", "mute", "hflip", "trim");
    }

    @Test
    void blackAndWhiteIsNotSplitOnItsAnd() {
        assertThat(ops("black and white and mirror")).extracting(EditOperation::op).containsExactly("grayscale", "hflip");
    }

    @Test
    void unknownWordsAreRefusedWithTheWordsQuoted() {
        assertThatThrownBy(() -> ops("give it more pizzazz"))
                .isInstanceOfSatisfying(VeditException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.EDIT_NOT_SUPPORTED))
                .hasMessage("This edit cannot be performed by the engine (invalid parameter, not retryable): not understood: the local engine"
                        + " does not understand \"give it more pizzazz\"; reword it as an edit such as \"make it black and white\", \"speed it up 2x\","
                        + " \"keep only the first 5 seconds\" | 该引擎无法执行此编辑（参数错误，重试无效）：未能理解：本地引擎无法理解“give it more pizzazz”；"
                        + "请换一种说法，例如“变成黑白”、“2倍速”、“只保留前5秒”");
        assertThatThrownBy(() -> ops("让视频更有灵魂")).hasMessageContaining("本地引擎无法理解“让视频更有灵魂”");
    }

    @Test
    void aKnownEditBesideAnUnknownOneIsNotSilentlyKept() {
        assertThatThrownBy(() -> ops("black and white and add sparkles"))
                .isInstanceOfSatisfying(VeditException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.EDIT_NOT_SUPPORTED))
                .hasMessageContaining("\"add sparkles\"");
        assertThatThrownBy(() -> ops("black and white with a lens flare")).hasMessageContaining("lens flare");
        assertThatThrownBy(() -> ops("don't keep the sound")).hasMessageContaining("don't keep the sound");
        assertThatThrownBy(() -> ops("rotate")).hasMessageContaining("\"rotate\"");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "replace his clothes with a suit", "swap the face with a celebrity", "remove the people in the background",
            "turn it into Ghibli anime style", "make it an oil painting", "cyberpunk style", "change day to night",
            "make the woman look older", "把人物的衣服替换成西装", "换脸", "转换为吉卜力风格", "把白天变成夜晚", "移除背景中的行人"})
    void generativeEditsAreRefusedNamingTheEngineThatCanDoThem(String prompt) {
        assertThatThrownBy(() -> ops(prompt))
                .isInstanceOfSatisfying(VeditException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.EDIT_NOT_SUPPORTED))
                .hasMessageContaining("needs a generative engine (ComfyUI on a GPU)")
                .hasMessageContaining(prompt.length() > 12 ? prompt.substring(0, 12) : prompt);
    }

    @Test
    void aPromptWithNothingToDoIsRefused() {
        assertThatThrownBy(() -> ops("please make the video"))
                .isInstanceOfSatisfying(VeditException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.EDIT_NOT_SUPPORTED));
        assertThatThrownBy(() -> ops("请帮我一下"))
                .isInstanceOfSatisfying(VeditException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.EDIT_NOT_SUPPORTED));
    }

    @Test
    void speedOutsideAQuarterToSixteenTimesIsAnInvalidParameter() {
        assertThat(ops("timelapse this at 8x")).singleElement().satisfies(o -> assertThat(o.params()).containsEntry("factor", 8.0));
        assertThatThrownBy(() -> ops("speed up 20x"))
                .isInstanceOfSatisfying(VeditException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETERS));
        assertThatThrownBy(() -> ops("0.1x"))
                .isInstanceOfSatisfying(VeditException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETERS));
    }

    @Test
    void aRangeThatEndsBeforeItStartsIsRefusedWhetherCutOrKept() {
        assertThatThrownBy(() -> ops("cut out 4s to 2s"))
                .hasMessageContaining("the range 4 to 2 is empty").hasMessageContaining("时间范围 4 到 2 为空");
        assertThatThrownBy(() -> ops("keep only 5s to 3s")).hasMessageContaining("the range 5 to 3 is empty");
    }

    @Test
    void rotationByAnOddAngleIsAnInvalidParameter() {
        assertThatThrownBy(() -> ops("rotate 45 degrees"))
                .isInstanceOfSatisfying(VeditException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETERS));
    }

    @Test
    void aFigureThatWasNotGivenIsAnInvalidParameterNamingIt() {
        assertThatThrownBy(() -> interpreter.interpret("replace the jacket with the one in Figure 3", 2))
                .isInstanceOfSatisfying(VeditException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETERS))
                .hasMessageContaining("Figure 3");
        assertThatThrownBy(() -> interpreter.interpret("把衣服换成图2的衣服", 1))
                .isInstanceOfSatisfying(VeditException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETERS))
                .hasMessageContaining("图2");
    }

    @Test
    void aFigureThatWasGivenIsNotYetSupported() {
        assertThatThrownBy(() -> interpreter.interpret("use the colours of image 1", 1))
                .isInstanceOfSatisfying(VeditException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.EDIT_NOT_SUPPORTED))
                .hasMessageContaining("image 1");
    }

    @Test
    void numbersAreReadInEveryForm() {
        assertThat(Numbers.parse("1.5")).isEqualTo(1.5);
        assertThat(Numbers.parse("two")).isEqualTo(2.0);
        assertThat(Numbers.parse("两")).isEqualTo(2.0);
        assertThat(Numbers.parse("十")).isEqualTo(10.0);
        assertThat(Numbers.parse("十五")).isEqualTo(15.0);
        assertThat(Numbers.parse("二十三")).isEqualTo(23.0);
        assertThat(Numbers.parse("一点五")).isEqualTo(1.5);
        assertThat(Numbers.parse("half")).isEqualTo(0.5);
        assertThat(Numbers.parse("1/4")).isEqualTo(0.25);
    }

    /**
     * The number words, grouped by first letter in {@link Numbers#PATTERN} so a search tries fewer of them, match as
     * the plain list of words did, in every place a number is followed by something (a boundary, a unit, a suffix).
     */
    @Test
    void numberWordsMatchAsTheirPlainList() {
        String units = "(?:one|two|three|four|five|six|seven|eight|nine)";
        String plain = "(?:\\d+/\\d+|[一二两三四五六七八九十]+分之[一二三四五六七八九十]+|\\d+(?:\\.\\d+)?|[零〇一二两三四五六七八九十百]+(?:点[零〇一二三四五六七八九]+)?"
                + "|(?:(?:one|a) hundred (?:and )?eighty|two hundred (?:and )?seventy|(?:one|two|three|four|five) and a half|(?:twenty|thirty|forty|fifty)[\\s-]" + units
                + "|a half|half|one quarter|three quarters|a quarter|quarter|one third|two thirds|a third|one|two|three|four|five|six|seven|eight|nine|ten|eleven"
                + "|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|ninety)\\b)";
        String[] words = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen",
                "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty",
                "ninety", "a", "half", "quarter", "quarters", "third", "thirds", "hundred", "and", "eighty", "seventy", "times", "x",
                "seconds", "Twenty", "FOUR", "1", "2.5", "3/4", "十", "两", "一点五", "fourty", "nin"};
        java.util.Random random = new java.util.Random(11);
        int found = 0;
        for (String after : List.of("", "\\b", "\\s+times", "\\s*(?:x|times)", "\\s*秒", "$", " and")) {
            java.util.regex.Pattern expected = java.util.regex.Pattern.compile("(?<![\\d.])(?<n>" + plain + ")" + after, java.util.regex.Pattern.CASE_INSENSITIVE);
            java.util.regex.Pattern actual = java.util.regex.Pattern.compile("(?<![\\d.])(?<n>" + Numbers.PATTERN + ")" + after, java.util.regex.Pattern.CASE_INSENSITIVE);
            for (int i = 0; i < 4000; i++) {
                StringBuilder text = new StringBuilder();
                for (int n = random.nextInt(5); n >= 0; n--) {
                    text.append(words[random.nextInt(words.length)]).append(" - ".charAt(random.nextInt(3)));
                }
                var e = expected.matcher(text);
                var a = actual.matcher(text);
                while (e.find()) {
                    assertThat(a.find()).as("%s in \"%s\"", after, text).isTrue();
                    assertThat(a.toMatchResult().group()).as("%s in \"%s\"", after, text).isEqualTo(e.group());
                    assertThat(a.start()).isEqualTo(e.start());
                    found++;
                }
                assertThat(a.find()).as("%s in \"%s\"", after, text).isFalse();
            }
        }
        assertThat(found).isGreaterThan(10_000);
    }

    @Test
    void sourcesAreTheWordsThatCausedEachOperation() {
        assertThat(ops("I want it mirrored and 2倍速")).extracting(EditOperation::source).containsExactly("mirrored", "2倍速");
        assertThat(only("keep only the first 5 seconds").params()).isEqualTo(Map.of("start", 0.0, "duration", 5.0));
    }

    @Test
    void aPromptReadOnceIsNotReadAgainAndReadsTheSame() {
        PromptInterpreter fresh = new PromptInterpreter();
        String prompt = "make it black and white, then speed it up 2x";
        assertThat(fresh.remembers(prompt, 0)).isFalse();
        PromptInterpreter.Reading first = fresh.read(prompt, 0);
        assertThat(fresh.remembers(prompt, 0)).isTrue();
        // The same object: the reading was looked up, not computed again.
        assertThat(fresh.read(prompt, 0)).isSameAs(first).isEqualTo(new PromptInterpreter().read(prompt, 0));
        // The image count is part of what a reading depends on.
        assertThat(fresh.remembers(prompt, 1)).isFalse();

        // A refusal is not kept, and is given again each time.
        String impossible = "make the cat dance on the moon";
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> fresh.read(impossible, 0)).isInstanceOf(VeditException.class);
        }
        assertThat(fresh.remembers(impossible, 0)).isFalse();
    }

    @Test
    void theRememberedReadingsStayBounded() {
        PromptInterpreter fresh = new PromptInterpreter();
        String first = "mute";
        fresh.read(first, 0);
        for (int i = 0; i <= PromptInterpreter.REMEMBERED_READINGS; i++) {
            fresh.read("speed it up " + (2 + i % 3) + "x and mute " + "please ".repeat(i % 7) + "  ".repeat(i / 21), 0);
        }
        assertThat(fresh.remembers(first, 0)).as("the least recently used reading is dropped").isFalse();
        String longPrompt = "mute " + "please ".repeat(PromptInterpreter.MAX_REMEMBERED_PROMPT / 7 + 1);
        fresh.read(longPrompt, 0);
        assertThat(fresh.remembers(longPrompt, 0)).isFalse();
    }
}
