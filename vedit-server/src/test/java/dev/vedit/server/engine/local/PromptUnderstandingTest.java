package dev.vedit.server.engine.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vedit.server.engine.NeedsGenerativeEngine;
import dev.vedit.wire.EditOperation;
import dev.vedit.wire.EditPlan;
import dev.vedit.wire.ErrorCode;
import dev.vedit.wire.VeditException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The interpreter's design, rule by rule, each with rewordings so that no rule holds for one prompt only: context is
 * shown as ignored, normalisation before matching, problems are not requests, one edit in two wordings is one, and
 * every refusal says its kind.
 */
class PromptUnderstandingTest {
    private final PromptInterpreter interpreter = new PromptInterpreter();

    private List<String> ops(String prompt) {
        return interpreter.interpret(prompt, 1).stream().map(EditOperation::op).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Hi! This is from my sister's wedding. Make it black and white, thanks",
            "make it black and white, it's for my portfolio", "I filmed this yesterday, make it black and white please",
            "make it black and white so it looks classy", "make it black and white because the colours are off",
            "black and white, nothing else, cheers", "我昨天拍的，帮我调成黑白，谢谢", "发朋友圈用，弄成黑白的"})
    void contextAroundAnInstructionIsIgnoredAndShown(String prompt) {
        PromptInterpreter.Reading reading = interpreter.read(prompt, 0);
        assertThat(reading.operations()).extracting(EditOperation::op).containsExactly("grayscale");
        if (!prompt.startsWith("black and white, nothing")) {
            assertThat(reading.ignored()).isNotEmpty();
        }
    }

    @Test
    void theIgnoredPartsTravelInThePlanAndAreOmittedWhenThereAreNone() throws Exception {
        ObjectMapper json = new ObjectMapper();
        EditPlan withContext = new EditPlan("local", List.of(new EditOperation("grayscale", Map.of(), "black and white")),
                List.of("it's for tiktok"));
        assertThat(json.writeValueAsString(withContext)).contains("\"ignored\":[\"it's for tiktok\"]");
        assertThat(json.writeValueAsString(new EditPlan("local", List.of()))).doesNotContain("ignored");
        assertThat(json.readValue(json.writeValueAsString(withContext), EditPlan.class)).isEqualTo(withContext);
    }

    @ParameterizedTest
    @ValueSource(strings = {"make it black and white and add sparkles", "it's for tiktok, make it black and white, and give her wings",
            "thanks! black and white, and make the sky purple"})
    void aClauseAskingForSomethingImpossibleStillRefusesNamingIt(String prompt) {
        assertThatThrownBy(() -> interpreter.read(prompt, 0)).isInstanceOf(VeditException.class)
                .satisfies(e -> assertThat(((VeditException) e).code()).isEqualTo(ErrorCode.EDIT_NOT_SUPPORTED));
    }

    @ParameterizedTest
    @ValueSource(strings = {"blur it for the first part", "make it black and white for the last bit",
            "brighten it for the left side"})
    void aPurposeThatLimitsTheEditIsNeverPassedOverAsContext(String prompt) {
        assertThatThrownBy(() -> interpreter.read(prompt, 0)).isInstanceOf(VeditException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Black-And-White", "ＢＬＡＣＫ ＡＮＤ ＷＨＩＴＥ", "grey-scale", "gray-scale please!!!", "blakc and white",
            "black and whtie", "make it monochrome", "BLACK & WHITE :)", "drain all the colour out", "转灰度", "灰度"})
    void variantsOfOneWordingAreOneEdit(String prompt) {
        assertThat(ops(prompt)).containsExactly("grayscale");
    }

    @ParameterizedTest
    @ValueSource(strings = {"flip it upside-down", "flip it upsdie down", "upside-down please", "上下颠倒"})
    void upsideDownInAnySpelling(String prompt) {
        assertThat(ops(prompt)).containsExactly("vflip");
    }

    @ParameterizedTest
    @ValueSource(strings = {"I spend hours on this, reverse it", "my sister loves it, reverse it", "the blue sky is nice, reverse it"})
    void realWordsNearAnEditWordAreNotTakenForTypos(String prompt) {
        assertThat(ops(prompt)).containsExactly("reverse");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"sharpen it, it looks fuzzy|sharpen", "it's blurry, sharpen it|sharpen",
            "it looks fuzzy|sharpen", "the footage is out of focus|sharpen", "get rid of the noise|denoise",
            "get rid of all that noise please|denoise", "clean up the grain|denoise", "the video looks grainy|denoise",
            "it's grainy, denoise it|denoise", "the footage is shaky|stabilize", "画面有点糊|sharpen", "有点抖|stabilize"})
    void aProblemNamedIsNotARequestForMoreOfIt(String prompt, String op) {
        assertThat(ops(prompt)).containsExactly(op);
    }

    @ParameterizedTest
    @ValueSource(strings = {"reverse it, the colours are dull", "reverse it, it's a bit dark", "reverse it. it looks shaky"})
    void aProblemNobodyAskedToFixBesideAnotherEditIsShownAsIgnored(String prompt) {
        PromptInterpreter.Reading reading = interpreter.read(prompt, 0);
        assertThat(reading.operations()).extracting(EditOperation::op).containsExactly("reverse");
        assertThat(reading.ignored()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"it's shaky and too dark, fix both", "it is too dark and shaky, please fix that"})
    void problemsTheUserAsksToFixAreFixed(String prompt) {
        assertThat(ops(prompt)).containsExactlyInAnyOrder("stabilize", "brightness");
    }

    @Test
    void oneEditInTwoWordingsIsOneAndAmountsMerge() {
        assertThat(interpreter.interpret("more colourful and more saturated", 0)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("factor", 1.5));
        assertThat(ops("an old-school, vintage look")).containsExactly("vintage");
        assertThat(ops("mirror it, flip it horizontally")).containsExactly("hflip");
        assertThat(interpreter.interpret("brighter, a lot brighter", 0)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("amount", 0.3));
        assertThat(interpreter.interpret("speed it up, 2x", 0)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("factor", 2.0));
        assertThat(ops("reverse it, then reverse it")).containsExactly("reverse", "reverse");
    }

    @ParameterizedTest
    @ValueSource(strings = {"make it brighter and darker", "louder, quieter"})
    void oppositeChangesOfOneAdjustmentAreRefusedAsImpossible(String prompt) {
        assertThatThrownBy(() -> interpreter.read(prompt, 0)).hasMessageContaining(Refusal.IMPOSSIBLE_EN);
    }

    @Test
    void everyRefusalSaysItsKind() {
        assertThatThrownBy(() -> interpreter.read("make it pop somehow", 0)).hasMessageContaining(Refusal.NOT_UNDERSTOOD_EN)
                .hasMessageContaining("reword it");
        assertThatThrownBy(() -> interpreter.read("rotate", 0)).hasMessageContaining(Refusal.NOT_UNDERSTOOD_EN)
                .hasMessageContaining("did you mean rotate, e.g. \"rotate 90 degrees clockwise\"");
        assertThatThrownBy(() -> interpreter.read("add a vignete glow thing", 0)).hasMessageContaining("did you mean vignette");
        assertThatThrownBy(() -> interpreter.read("replace his shirt with a suit", 0))
                .hasMessageContaining(PromptInterpreter.GENERATIVE_ENGINE_EN);
        assertThatThrownBy(() -> interpreter.read("speed it up 100x", 0)).hasMessageContaining(Refusal.IMPOSSIBLE_EN)
                .hasMessageContaining(Refusal.IMPOSSIBLE_ZH);
        assertThatThrownBy(() -> interpreter.read("add the logo from figure 2", 1)).hasMessageContaining(Refusal.IMPOSSIBLE_EN);
        assertThatThrownBy(() -> interpreter.read("thanks!", 0)).hasMessageContaining(Refusal.NOT_UNDERSTOOD_EN);
    }

    // ---- the fifth set's classes (everyday requests written apart from the rules) ----

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"make only the part between 00:30 and 01:00 black and white|30|60",
            "make just the section between 10s and 20s black and white|10|20", "turn only 0:05 to 0:10 black and white|5|10",
            "make it black and white from 2 to 5 sec only|2|5", "pls make it blak and white from 2 to 5 seconds only|2|5",
            "make just the first 5 seconds black and white|0|5"})
    void onlyAfterAVerbOfChangeLimitsTheEditInsteadOfCuttingTheVideo(String prompt, double from, double to) {
        assertThat(interpreter.interpret(prompt, 0)).singleElement().satisfies(o -> {
            assertThat(o.op()).isEqualTo("grayscale");
            assertThat(o.params()).containsEntry("from", from).containsEntry("to", to);
        });
        // before the edit too, "just" and "only" limit it: the rest of the video stays
        assertThat(ops("just 0:30 to 0:40 in black and white")).containsExactly("grayscale");
        assertThat(ops("only the first 5 seconds in black & white")).containsExactly("grayscale");
        assertThat(ops("keep 0:30 to 0:40 and make it black and white")).containsExactly("trim", "grayscale");
    }

    @ParameterizedTest
    @ValueSource(strings = {"start it at 0:05 and end it at 0:10", "end it at 0:10 and start it at 0:05",
            "trim it so it starts at 0:05 and ends at 0:10", "begin at 5 seconds, stop at 10 seconds"})
    void aStartAndAnEndSaidApartAreOneSpanOfTheSource(String prompt) {
        assertThat(interpreter.interpret(prompt, 0)).singleElement().satisfies(o -> {
            assertThat(o.op()).isEqualTo("trim");
            assertThat(o.params()).containsEntry("start", 5.0).containsEntry("duration", 5.0);
        });
        assertThatThrownBy(() -> interpreter.read("start at 10s and end at 5s", 0)).hasMessageContaining(Refusal.IMPOSSIBLE_EN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"make it vertical 9:16 for tiktok, crop the sides", "make it 16:9 widescreen, crop to fit",
            "square please, crop off the top and bottom", "make it 16:9 and crop the left and right"})
    void croppingSaidApartFromTheRatioIsHowTheRatioIsMet(String prompt) {
        assertThat(interpreter.interpret(prompt, 0)).singleElement().satisfies(o -> {
            assertThat(o.op()).isEqualTo("aspect");
            assertThat(o.params()).containsEntry("fit", "crop");
        });
        assertThatThrownBy(() -> interpreter.read("crop the sides", 0)).hasMessageContaining("say which");
        assertThatThrownBy(() -> interpreter.read("make it 9:16, crop the sides and add black bars", 0)).hasMessageContaining("not both");
    }

    @ParameterizedTest
    @ValueSource(strings = {"can you export it as a gif", "convert it to webm", "转成gif动图", "i need only the sound from this video, no picture",
            "audio only please", "只要声音，画面不要"})
    void anotherKindOfFileThanAVideoIsRefusedSayingWhy(String prompt) {
        assertThatThrownBy(() -> interpreter.read(prompt, 0)).hasMessageContaining(Refusal.IMPOSSIBLE_EN)
                .satisfies(e -> assertThat(e.getMessage()).containsAnyOf("MP4", "a video"));
        assertThat(ops("画面不要那么模糊")).containsExactly("sharpen");
        assertThat(ops("no picture-in-picture please, just mute it")).containsExactly("mute");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"give it an old-timey retro film look|vintage", "make the colours inverse|invert",
            "inverse the colors|invert", "add a dark vignette round the edges|vignette", "could we get a vignette on this|vignette",
            "can i get a posterised look on this?|posterize", "normalise the audio levels|normalize_audio", "even out the sound|normalize_audio",
            "it's too loud in some parts and too quiet in others, can you even it out|normalize_audio", "slo mo the hole thing|speed",
            "change it to 24 fps for that cinematic feel|fps", "chop the first 2 seconds|trim", "please make video more fast two times|speed",
            "make it faster two times|speed", "watermark with image 1 in the bottom left|watermark", "add the logo with image 1 in the top left|watermark",
            "swap the green for image 1|chroma_key", "end with a \"Thanks for watching!\" screen|outro", "start with a \"Day 1\" title card|intro",
            "put image 1 small in the corner|watermark", "shot this at night and it's super noisy, can you clean up the picture|denoise",
            "饱和度降一降|saturation", "对比度拉一拉|contrast", "亮度也加一点|brightness", "色调弄暖一点|temperature", "画面弄得冷冷的|temperature",
            "想要冷色调的感觉|temperature", "结尾停在最后一帧|freeze_end", "最后停留在最后一帧|freeze_end", "前5秒在底部加一行字“生日快乐”|text",
            "路人的脸都给打个码|blur_faces", "用图1做个片头|intro", "结尾加个“谢谢观看”|outro", "开头加个“我们的婚礼”|intro",
            "弄成老照片那种泛黄的效果|sepia", "太模糊了，帮我超分成高清|upscale"})
    void everydayWordingsOfTheFifthSet(String prompt, String op) {
        assertThat(ops(prompt)).containsExactly(op);
    }

    @Test
    void theRestAfterACutIsWhatASpeedChangeIsFor() {
        assertThat(ops("chop the first 2 seconds then speed the rest up 2x")).containsExactly("trim", "speed");
        assertThat(ops("get rid of the first 2 seconds then slow the rest down")).containsExactly("trim", "speed");
    }

    // ---- the sixth set's classes (160 people's own wordings) ----

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"black and white from 10s to the end|grayscale|10", "from 10s on, make it black and white|grayscale|10",
            "black and white from 10 seconds onwards|grayscale|10", "从第10秒开始变成黑白|grayscale|10", "slow it down from 0:05 onwards|speed|5",
            "mute from 10 seconds to the end|volume|10"})
    void aTimeOnwardsBesideAnEditIsItsPartToTheEndNotACut(String prompt, String op, double from) {
        assertThat(interpreter.interpret(prompt, 0)).singleElement().satisfies(o -> {
            assertThat(o.op()).isEqualTo(op);
            assertThat(o.params()).containsEntry("from", from).doesNotContainKey("to");
        });
        // said alone, or with a verb that keeps it, it is what is kept
        assertThat(ops("keep from 10s to the end")).containsExactly("trim");
        assertThat(ops("start at 10s and make it black and white")).containsExactly("trim", "grayscale");
    }

    @Test
    void aRangeSaidAloneWithOnlyIsKeptAndNoCroppingSaidAnyWayPads() {
        assertThat(ops("from 1:05 till 1:30 only please, and make it sepia")).containsExactly("trim", "sepia");
        assertThat(ops("between 8s and 14s, make it sepia")).containsExactly("sepia");
        for (String prompt : List.of("make it square but don't cut anything off, black bars are fine", "make it 9:16 without losing any of it",
                "make it 9:16 without cropping anything", "make it 9:16 without chopping anything off")) {
            assertThat(interpreter.interpret(prompt, 0)).as(prompt).singleElement().satisfies(o -> assertThat(o.params()).containsEntry("fit", "pad"));
        }
        assertThat(interpreter.interpret("need this 9:16 for tiktok, crop it, no black bars", 0)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("fit", "crop"));
    }

    @Test
    void anUnnumberedImageSaidBesideANumberedOneIsThatOne() {
        assertThat(interpreter.interpret("add the logo from Figure 1 as a watermark in the top right", 2)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("image", 1));
        assertThat(interpreter.interpret("把背景换成图1那张照片", 2)).singleElement().satisfies(o -> assertThat(o.params()).containsEntry("image", 1));
        assertThat(interpreter.interpret("replace the background with figure 2, the beach photo", 2)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("image", 2));
        // in a clause of its own, an unnumbered image is still asked about when two were given
        assertThatThrownBy(() -> interpreter.read("use figure 1 as the intro and put the logo in the top right", 2)).hasMessageContaining("say which");
    }

    @Test
    void speedsUpToSixteenTimesAndTheLastFrameHeld() {
        assertThat(interpreter.interpret("timelapse this at 8x", 0)).singleElement().satisfies(o -> assertThat(o.params()).containsEntry("factor", 8.0));
        assertThat(interpreter.interpret("make it a timelapse", 0)).singleElement().satisfies(o -> assertThat(o.params()).containsEntry("factor", 4.0));
        assertThat(ops("结尾定格在最后一帧")).containsExactly("freeze_end");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"can this be in b&w?|grayscale", "lose the colour pls|grayscale", "slow it right down|speed",
            "drop the saturation to zero but only for the first 5 seconds|saturation", "make it black and white but only for the first 5 seconds|grayscale",
            "Would it be possible to cut out the first 3 seconds?|trim", "cut out the first 3 seconds|trim", "just keep 0:12 to 0:45, delete everything else|trim",
            "audio is way too quiet, can u boost it|volume", "add some punch to the contrast|contrast", "crank the contrast|contrast",
            "my selfie cam mirrored everything, can you flip it back left to right|hflip", "the video is sideways, needs turning 90° clockwise|rotate",
            "I filmed this upside down by accident, can you turn it the right way up|rotate", "fade in at the beginning and out at the end|fade_both",
            "is there a way to make the end fade to black?|fade_out", "shot this at night and it's full of noise/speckles, clean it up please|denoise",
            "freeze it at 0:07 for 2 seconds|freeze", "put image 1 as a little picture-in-picture in the corner|picture_in_picture",
            "put my reaction cam (image 1) picture in picture, bottom left|picture_in_picture", "Add the attached title card at the start as an intro|intro",
            "end it with our company logo (figure 1) as the outro|outro", "add an intro screen that says \"Smith Family Reunion 2024\"|intro",
            "outro text: \"Thanks for watching! Subscribe for more\"|outro", "give it a retro 70s home-movie vibe|vintage", "cna you mak it blakc and whit|grayscale",
            "intro's way too long, chop off the first 15 seconds|trim", "keep just the first couple seconds|trim", "reduce the background hiss in the audio and normalize it|denoise_audio",
            "swap my messy bedroom background for the office pic in the attached photo|replace_background",
            "帮我调个复古色调，要那种老录像带的感觉|vintage", "这是绿幕拍的，抠掉绿色，背景用图1|chroma_key", "片头加个标题“我的毕业旅行”|intro",
            "底部全程加字幕“今天天气真好”|text", "饱和度再高一点，颜色太灰了|saturation", "色调偏冷一点，想要那种清冷感|temperature",
            "家人们，想要小红书那种暖暖的氛围感滤镜|temperature", "录音里有很多电流声，去一下杂音|denoise_audio", "来个倒放 yyds|reverse",
            "前置摄像头拍的是反的，左右翻过来|hflip", "这是十年前拍的老视频，分辨率太低，能提升到高清吗|upscale", "画面太暗了，提亮一点|brightness"})
    void everydayWordingsOfTheSixthSet(String prompt, String op) {
        assertThat(ops(prompt)).contains(op);
    }

    @ParameterizedTest
    @ValueSource(strings = {"make my dog dance", "让视频里的小朋友跳起舞来", "把图1里的人脸换到视频里我的脸上"})
    void someoneMadeToMoveOrAFaceMovedIsGenerative(String prompt) {
        assertThatThrownBy(() -> interpreter.read(prompt, 1)).hasMessageContaining(PromptInterpreter.GENERATIVE_ENGINE_EN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"add some upbeat background music", "配一段最近很火的BGM"})
    void musicOfAnyKindNeedsAnAudioInput(String prompt) {
        assertThatThrownBy(() -> interpreter.read(prompt, 0)).hasMessageContaining("needs an audio input");
    }

    // ---- the seventh set's classes (common requests in uncommon words) ----

    @Test
    void aSizeSaysHowMuchACompressionIs() {
        assertThat(interpreter.interpret("Compres it so I can email it, has to be under 25MB", 0)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("max_mb", 25.0));
        assertThat(interpreter.interpret("convert to mp4 and compress it", 0)).singleElement().satisfies(o -> assertThat(o.params()).containsKey("crf"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"I want it to look like an old sepia photograph|sepia", "Make it fit TikTok|aspect", "shaky cam fix + sharpen|stabilize",
            "put image 1 as a small watermark bottom left|watermark", "speed up the middle part from 1:00 to 1:30 by 4x|speed",
            "pause on the frame at 0:07 for two seconds|freeze", "I shot this on a green screen, key it out and put image 1 behind me|chroma_key",
            "replace the background behind me with the beach photo (image 1)|replace_background", "even out the volume so it's not loud then quiet|normalize_audio",
            "i want it black and white with the volume lower|volume", "blurr the first 2 secs|blur", "对比度调高一点，颜色再鲜艳些|saturation",
            "我想要暖色调的感觉|temperature", "我想要黑白|grayscale", "速度降到0.5|speed", "结尾那三秒删了吧|drop_last", "我只要第10秒到第25秒|trim",
            "把中间0:20到0:35那段删掉|cut", "向右转90°|rotate", "转成16:9横屏，两边补黑边，别裁|aspect", "帮我把分辨率放大，超分一下|upscale",
            "在视频正中间打上“新年快乐”四个字|text", "把图1的logo放在右上角当水印|watermark", "压到10M以内|encode", "最后一帧定格几秒|freeze_end",
            "去掉音频里的杂音，再把音量统一一下|denoise_audio"})
    void everydayWordingsOfTheSeventhSet(String prompt, String op) {
        assertThat(ops(prompt)).contains(op);
    }

    // ---- the eighth set's classes (Chinese as spoken into WeChat, without punctuation) ----

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"画面太亮了亮度降一点饱和度加一点|brightness,saturation", "爸爸拍的视频声音太小画面也暗 都帮忙调一下|volume,brightness",
            "声音调大画面调亮|volume,brightness", "这视频拍得太暗了能不能调亮点|brightness", "第10秒到第20秒那段加速成2倍速|speed"})
    void unpunctuatedSentencesAreReadOneByOneAndNothingIsDropped(String prompt, String expected) {
        assertThat(ops(prompt)).containsExactly(expected.split(","));
        assertThat(interpreter.interpret("第10秒到第20秒那段加速成2倍速", 0)).singleElement().satisfies(o -> assertThat(o.params()).containsEntry("factor", 2.0));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"整体调成冷色调，对比度再降一点点|contrast", "颜色太艳了 饱和度降一些|saturation", "过曝了 亮度压低一点|brightness",
            "宝子们这种ins风要偏暖一点 帮我把色温调暖 饱和度也稍微拉高|saturation", "中间那段太拖了 第10秒到第20秒帮我剪掉|cut",
            "只要第5秒到第15秒这段其他的都不要了|trim", "画面上下颠倒了 帮我上下翻转过来|vflip", "这是竖屏拍的 我要投B站 转成16:9 旁边加黑边就行|aspect",
            "晚上拍的全是噪点 帮忙降个噪|denoise", "在视频底部加一行字幕\"周末快乐\"|text", "片头用第一张图 片尾就写“感谢观看”|outro",
            "录的时候空调一直嗡嗡响 能不能把杂音去掉|denoise_audio", "街上路人的脸都给打个码|blur_faces", "老师说作业视频不能超过30秒 帮我只留最后30秒|trim_last",
            "第8秒那个画面定格2秒|freeze", "结尾停在最后一帧 定格住|freeze_end", "把图1做成画中画放在视频里|picture_in_picture", "我是绿幕拍的 把绿色换成图1|chroma_key",
            "做成素描效果 铅笔画那种|sketch", "色相转180度试试|hue", "调成那种泛黄的老照片色调|sepia", "加个posterize 色彩分层的那种效果|posterize",
            "整个画面打成马赛克 像素风|pixelate", "0.25倍超慢动作|speed", "转成竖版9:16 原声保留别动|keep_audio", "前3秒在画面中间加字\"生日快乐\"|text",
            "视频太大了 帮我压小一点 画质差点无所谓|encode", "前10秒模糊处理 后面正常|blur", "please rotate the video 90 degree to left side|rotate",
            "use image 1 as the intro and end with the text \"Thanks for watching\"|outro", "freeze frame at 6 seconds and hold it for 3 seconds|freeze",
            "end on a freeze frame|freeze_end", "only want the last 15 seconds|trim_last",
            "please make video more bright and also make the sound same level everywhere|normalize_audio"})
    void everydayWordingsOfTheEighthSet(String prompt, String op) {
        assertThat(ops(prompt)).contains(op);
    }

    @Test
    void aSmileAskedOfSomeoneIsGenerative() {
        assertThatThrownBy(() -> interpreter.read("让视频里的小孩笑起来", 0)).hasMessageContaining(PromptInterpreter.GENERATIVE_ENGINE_EN);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"mirror the video horizontally|hflip", "mirror the video vertically|vflip", "compress the video to 10MB|encode",
            "shrink the file size to 20mb|encode", "图1放在左上角|watermark", "压缩到20M|encode", "调成复古色|vintage", "把颜色调鲜艳一点|saturation",
            "视频反转播放|reverse"})
    void plainRequestsEveryoneWrites(String prompt, String op) {
        assertThat(ops(prompt)).containsExactly(op);
        assertThat(ops("把视频的前三秒和后三秒都剪掉")).containsExactly("trim", "drop_last");
    }

    // ---- the ninth and tenth sets' classes (English mixed with Chinese; formal Chinese, as in a work order) ----

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"请对视频做去色处理|grayscale", "请对画面进行锐化处理|sharpen", "画面做防抖处理|stabilize",
            "烦请将画面左右翻转|hflip", "请将视频以2倍速播放后导出|speed", "帧率降低至25fps|fps", "请将分辨率调整为720p|scale",
            "播放速度调整为0.75倍|speed", "视频比例调整为1:1|aspect", "请将视频最后20秒保留，其余删除|trim_last", "前15秒截取出来|trim",
            "请将音轨删除|mute", "请为画面四周增加暗角|vignette", "请将文件大小压缩|encode", "请去除视频中的噪点|denoise",
            "音量适当调低|volume", "亮度略为调高|brightness", "把视屏调成黑白|grayscale", "请用图1替换视频中的绿幕|chroma_key"})
    void formalChineseSaysAnEditInsideAFrame(String prompt, String op) {
        assertThat(ops(prompt)).containsExactly(op);
    }

    @Test
    void aFormalNumberedListIsReadItemByItem() {
        assertThat(ops("要求如下：1. 画面改为黑白；2. 静音")).containsExactly("grayscale", "mute");
        assertThat(ops("(1)去除背景噪音；(2)画面降噪")).containsExactly("denoise_audio", "denoise");
        assertThat(ops("1、剪掉前3秒 2、加速到2倍")).containsExactly("trim", "speed");
        assertThat(interpreter.interpret("速度调整为0.5倍", 0)).singleElement().satisfies(o -> assertThat(o.params()).containsEntry("factor", 0.5));
    }

    @Test
    void barsSaidOnTheSidesPadEvenBesideANumberedRatio() {
        for (String prompt : List.of("改成9:16 上下加黑边", "转成1:1，四周补黑边", "调成16:9，两侧不足的部分加黑边", "Pillarbox to 4:3")) {
            assertThat(interpreter.interpret(prompt, 0)).as(prompt).singleElement().satisfies(o -> assertThat(o.params()).containsEntry("fit", "pad"));
        }
    }

    @Test
    void anAmountSaidAfterAnEditOfAPartIsHowMuchOfThatEdit() {
        assertThat(interpreter.interpret("第3秒到第6秒改为慢动作，0.25倍速", 0)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("factor", 0.25).containsEntry("from", 3.0).containsEntry("to", 6.0));
        assertThat(interpreter.interpret("slow the last 4 seconds down, 0.3x", 0)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("factor", 0.3).containsEntry("at", "end"));
        // the other way is a second edit of the whole video, not an amount of the first
        assertThat(ops("slow down the first 5 seconds, then speed 2x")).containsExactly("speed", "speed");
    }

    @Test
    void theTextOfACardMaySayItselfInTheNextClause() {
        assertThat(interpreter.interpret("add an outro card. The text should read \"See you soon\"", 0)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("text", "See you soon"));
        assertThat(interpreter.interpret("片尾加一个标题页，内容为“下期再见”", 0)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("text", "下期再见"));
        assertThat(interpreter.interpret("加个字幕在底部，文字是“谢谢”", 0)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("text", "谢谢").containsEntry("position", "bottom"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"帮我 sharpen 一下|sharpen", "开头 fade in 一下|fade_in", "这个视频 mute 掉|mute", "声音太小 volume 调大一点|volume",
            "换成竖屏 9:16|aspect", "画面 mirror 一下|hflip"})
    void chineseWithTheEditsEnglishWordReadsAsChinese(String prompt, String op) {
        assertThat(ops(prompt)).contains(op);
        assertThat(interpreter.interpret("调亮一点 brightness +20", 0)).singleElement().satisfies(o -> assertThat(o.params()).containsEntry("amount", 0.2));
    }

    @Test
    void wrongEditsTheseSetsFound() {
        // a voice-over is an audio input: refused, never dropped beside the edit that can be done
        assertThatThrownBy(() -> interpreter.read("make it black and white and add my voice over recording", 0)).isInstanceOf(VeditException.class);
        // 色调 ends in 调: "调整为" after it is still the verb, not a hue shift beside the warmer tone
        assertThat(ops("并将整体色调调整为暖色调")).containsExactly("temperature");
        // a text placed apart in formal words is placed there, not at the default bottom
        assertThat(interpreter.interpret("请在第5秒到第10秒添加字幕“限时优惠”，置于画面中央", 0)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("position", "center"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"kindly do the needful and make it more dark|brightness", "make video to fast, 2x|speed",
            "do it more warm|temperature", "sir please rotate 90 degree to anticlockwise|rotate", "put the logo figure 1 on left down corner|watermark",
            "i only need 0:10 until 0:40|trim", "speed 3 time|speed", "the faces of the people must be hide|blur_faces",
            "add outro with text \"Bye bye\"|outro", "please help to put text \"Hi\" in center for whole video|text"})
    void englishAsASecondLanguageIsReadAsMeant(String prompt, String op) {
        assertThat(ops(prompt)).containsExactly(op);
    }

    @Test
    void anOutroSaidAloneIsAnOutroAndOneFrameIsNoFrameRate() {
        assertThat(ops("add an outro saying \"See you\"")).containsExactly("outro");
        assertThat(ops("结尾停在最后一帧 定格住")).containsExactly("freeze_end");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"风声太大了 帮忙降噪", "the audio has a loud hum, remove the noise", "录音里嗡嗡声很明显，降噪一下"})
    void aNoiseDescribedInTheSoundIsTheSoundsNoise(String prompt) {
        assertThat(ops(prompt)).containsExactly("denoise_audio");
        assertThat(ops("画面噪点太多了，降噪")).doesNotContain("denoise_audio");
    }

    // ---- the eleventh and twelfth sets' classes (users of generative models; very short prompts) ----

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"b/w|grayscale", "bw first 3s|grayscale", "rev|reverse", "1080|scale", "cut 2-4|cut", "slow mo 0.25|speed",
            "crop it square|aspect", "hold the last frame|freeze_end", "freeze @2s for 1s|freeze", "hue +45|hue", "green screen -> fig 1|chroma_key",
            "\uD83D\uDD07|mute", "pixelate from 4s till the end|pixelate", "a subtle vignette|vignette", "title card \"Day 2\"|intro"})
    void aVeryShortPromptSaysItsEdit(String prompt, String op) {
        assertThat(interpreter.read(prompt, 2).operations()).extracting(EditOperation::op).containsExactly(op);
    }

    @Test
    void aZoomsMultipleIsNoSpeedAndCroppingInBesideARatioIsThatRatiosCrop() {
        assertThat(interpreter.interpret("punch in with a 2x zoom", 0)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("factor", 2.0)).extracting(EditOperation::op).isEqualTo("zoom");
        assertThat(ops("reframe to 4:5 for instagram, crop in on the middle")).containsExactly("aspect");
        assertThat(ops("crop in on the center")).containsExactly("zoom");
    }

    @Test
    void aCinemaRatioWrittenAsADecimalIsThatRatio() {
        assertThat(interpreter.interpret("letterbox it to 2.39:1", 0)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("ratio", "43:18").containsEntry("fit", "pad"));
        assertThat(interpreter.interpret("crop to 1.85:1", 0)).singleElement().satisfies(o -> assertThat(o.params()).containsEntry("ratio", "24:13"));
    }

    @Test
    void aFigureEndingASentenceIsNoListItem() {
        assertThat(interpreter.interpret("replace the background behind him with Figure 1. Same framing.", 2)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("image", 1));
        assertThat(ops("人物不动，背景换成图1")).containsExactly("replace_background");
    }

    @ParameterizedTest
    @ValueSource(strings = {"turn the cat into a tiger", "she should be holding a coffee cup", "erase the tourists in the background",
            "change the camera angle to a bird's eye view", "zoom out and show more of the street", "make it look like minecraft",
            "删掉画面左边的电线", "给她戴上一顶帽子", "让小猫转头看镜头", "去水印", "make it 9:16 and remove the burned-in subtitles"})
    void whatUsersOfGenerativeModelsAskIsRefusedAsGenerative(String prompt) {
        assertThatThrownBy(() -> interpreter.read(prompt, 0)).hasMessageContaining(PromptInterpreter.GENERATIVE_ENGINE_EN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"post it on my instagram when done", "email the result to my boss", "join it with the other clip",
            "merge this with yesterday's video", "帮我发到朋友圈", "和上一个视频拼在一起", "把两个视频合并", "gif please", "导出成gif动图", "加个bgm"})
    void deliveringJoiningOrAnotherFormatIsImpossibleAndSaysWhy(String prompt) {
        assertThatThrownBy(() -> interpreter.read(prompt, 0)).hasMessageContaining(Refusal.IMPOSSIBLE_EN);
        assertThat(ops("mute it and send it back to me")).containsExactly("mute");
    }

    // ---- the thirteenth to fifteenth sets' classes (a week's users; times and parts; looks described) ----

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"give it a warm brownish tone like old photos|sepia", "想要那种老照片泛黄的感觉|sepia",
            "give it an old home-movie vibe|vintage", "make it look like it was shot on film in the 70s|vintage", "像90年代家里拍的录像|vintage",
            "make the colours less intense|saturation", "the colours are way too strong, the grass looks radioactive|saturation",
            "shift all colours around the colour wheel by 120 degrees|hue", "rotate the hue 120 degrees|hue",
            "turn it into something that looks hand drawn with a pencil|sketch", "变成铅笔素描的样子|sketch",
            "can you do a cartoon effect on the whole video|cartoon", "Flat blocks of colour, Andy Warhol poster style|posterize",
            "做成海报那种色块效果|posterize", "blocky pixels like an old video game|pixelate", "像素风，像红白机游戏那样|pixelate",
            "golden hour warm feel|temperature", "像底片一样的负片效果|invert", "level the volume out across the whole thing|normalize_audio",
            "the sound keeps jumping from whisper quiet to really loud, can you even it out|normalize_audio", "音量忽大忽小的，帮我统一一下响度|normalize_audio",
            "make it black and white but leave the sound exactly as it is|keep_audio", "end it on a still of the last frame|freeze_end",
            "freeze the moment at 7 seconds for 2 seconds|freeze", "It's too big to send on WhatsApp|encode", "有点失焦发虚，帮我弄锐利一点|sharpen",
            "画面左右是反的，字都是反的（前置摄像头拍的）|hflip", "视频是倒过来的，帮我转180度|rotate", "开头从黑场慢慢亮起来|fade_in",
            "做成延时摄影的效果，快10倍|speed", "it looks flat, the blacks aren't really black|contrast", "对比太强了，暗部全黑了|contrast"})
    void aLookOrAProblemSaidInItsOwnWordsIsItsEdit(String prompt, String op) {
        assertThat(ops(prompt)).contains(op);
    }

    @Test
    void aDescriptionGoesOnAndIsNotReadAsARequest() {
        assertThat(ops("有点过曝，整体压暗一些")).containsExactly("brightness"); // was refused as opposite changes
        assertThat(ops("it's a bit soft, like slightly out of focus. make it crisper")).containsExactly("sharpen"); // blurred first
        assertThat(ops("Looks too clean and digital. Could you add some film grain?")).containsExactly("grain");
        assertThat(ops("Get rid of 0:12–0:18, I sneezed right into the mic lol")).containsExactly("cut");
        assertThat(ops("画面太灰了，黑的地方都不够黑")).doesNotContain("brightness");
    }

    @Test
    void anImageNamedInAnAsideIsThatImage() {
        assertThat(interpreter.interpret("Please put our logo (Figure 1) in the bottom right corner, small, like a watermark.", 2)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("image", 1)).extracting(EditOperation::op).isEqualTo("watermark");
        assertThat(interpreter.interpret("Swap the background behind me for the office photo, Figure 2", 2)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("image", 2));
        assertThat(interpreter.interpret("end it with our company logo (figure 2) as the outro", 2)).extracting(EditOperation::op).containsExactly("outro");
    }

    @Test
    void noGreenScreenSaidIsNoKeying() {
        assertThat(ops("没有绿幕，把我身后的背景换成图1")).containsExactly("replace_background");
        assertThat(ops("No green screen here, but can you swap the background behind me for Figure 1?")).containsExactly("replace_background");
        assertThat(ops("绿幕拍的，背景换成图1")).containsExactly("chroma_key");
    }

    @Test
    void aLogoAPictureInPictureOrAKeyTakesAPart() {
        // each was refused as an edit of the whole video only, or read as a trim that kept those seconds
        assertThat(interpreter.interpret("add the logo from figure 1 in the top right corner from 0:10 to 0:20", 1)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("from", 10.0).containsEntry("to", 20.0));
        assertThat(interpreter.interpret("图1作为水印放右下角，只在最后10秒出现", 1)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("at", "end").containsEntry("duration", 10.0));
        assertThat(interpreter.interpret("put the logo from figure 1 in the corner, only show it in the last 5 seconds", 1)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("at", "end"));
        assertThat(interpreter.interpret("图1做画中画，只在前5秒显示", 1)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("from", 0.0).containsEntry("to", 5.0));
        assertThat(interpreter.interpret("我是绿幕拍的，从第10秒开始把绿幕换成图1", 1)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("from", 10.0)).extracting(EditOperation::op).isEqualTo("chroma_key");
    }

    @Test
    void everydayWordingsOfTheSixteenthAndSeventeenthSets() {
        // a hue shift below zero turns the colour wheel the other way
        assertThat(interpreter.interpret("shift the hue by -30 degrees", 0)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("degrees", 330.0));
        assertThat(interpreter.interpret("色相偏移负30度", 0)).singleElement().satisfies(o -> assertThat(o.params()).containsEntry("degrees", 330.0));
        // "from 12 until 18" is one range (it read "from 12, from 0 s to 18 s")
        assertThat(interpreter.interpret("Please take out from 12 until 18 second", 0)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("start", 12.0).containsEntry("end", 18.0));
        // a phrase opened by 把 after an adverb (再把声音关了), and a space before a new sentence ends a clause
        assertThat(ops("调亮一点，加个暗角，再把声音关了")).containsExactly("brightness", "vignette", "mute");
        assertThat(ops("背景换成图1 我没有绿幕")).containsExactly("replace_background");
        // a comparative said alone after a description asks for it: not the opposite of the description's answer
        assertThat(interpreter.interpret("声音太小了 大声点", 0)).singleElement()
                .satisfies(o -> assertThat((Double) o.params().get("factor")).isGreaterThan(1.0));
        // a space after seconds said before an edit keeps them its part (it kept the first 5 seconds, then muted)
        assertThat(interpreter.interpret("前5秒 静音", 0)).singleElement().satisfies(o -> assertThat(o.params()).containsEntry("to", 5.0));
        // purposes and context beside an edit
        assertThat(ops("加个卡通滤镜，给幼儿园小朋友看的")).containsExactly("cartoon");
        assertThat(ops("Filmed a spin class in a dim gym and the picture is full of crawling speckles. Clean that up?")).containsExactly("denoise");
        assertThat(ops("Could you bring it down to 1280 by 720? The school LMS chokes on 4K files.")).containsExactly("scale");
    }

    @Test
    void softeningAfterTooMuchContrastLowersIt() {
        // it blurred the picture: "soften it" reads "blur" by the time the rules see it
        assertThat(ops("too much contrast, shadows are all crushed, soften it")).containsExactly("contrast");
        assertThat(ops("the contrast is too strong, soften it")).containsExactly("contrast");
        assertThat(ops("lower the contrast and blur it")).containsExactly("contrast", "blur");
        assertThat(ops("it's too sharp, soften it")).containsExactly("blur");
    }

    @Test
    void minutesWrittenShortAndInChineseNumbersAreSeconds() {
        assertThat(interpreter.interpret("slow motion 0.5x from 1m5s to 1m20s", 0)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("from", 65.0).containsEntry("to", 80.0));
        assertThat(interpreter.interpret("一分零五秒到一分十秒打马赛克", 0)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("from", 65.0).containsEntry("to", 70.0));
        // the first minute is a part, not the 60th second
        assertThat(interpreter.interpret("视频总共三分钟，把第一分钟剪出来就行", 0)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("start", 0.0).containsEntry("duration", 60.0));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"way overexposed. tone it down please|brightness", "画面发黄了帮我修一下|temperature",
            "画面抖而且噪点多|stabilize denoise", "想要有种老电影的感觉|vintage", "做成黑白默片的感觉，声音去掉|grayscale mute",
            "梦幻一点，朦朦胧胧的|blur", "第6秒那一下定格2秒|freeze", "店里屏幕要用的，重复播3遍|loop"})
    void looksWishedForAndProblemsSaidAlone(String prompt, String expected) {
        assertThat(ops(prompt)).containsExactly(expected.split(" "));
    }

    @Test
    void theEighteenthSetsWrongEditsAndKinds() {
        // a platform after "for" is a purpose: it reframed the video to 9:16 though nobody asked
        assertThat(ops("Please speed this up 2x, it drags way too much for TikTok")).containsExactly("speed");
        assertThat(ops("make it for tiktok")).containsExactly("aspect");
        assertThat(ops("for tiktok: 9:16, and 1.25x speed")).containsExactly("aspect", "speed");
        // a picture in picture named after the image is placed: it was a logo
        assertThat(interpreter.interpret("put figure 1 small in the corner, picture in picture", 1)).extracting(EditOperation::op)
                .containsExactly("picture_in_picture");
        assertThat(interpreter.interpret("把图1放右下角，画中画", 1)).extracting(EditOperation::op).containsExactly("picture_in_picture");
        // refused with their kind, not as not understood
        assertThatThrownBy(() -> interpreter.read("just give me the audio as an mp3", 0)).hasMessageContaining("impossible as asked");
        assertThatThrownBy(() -> interpreter.read("把我昨天发你的那个视频拼在后面", 0)).hasMessageContaining("impossible as asked");
        assertThatThrownBy(() -> interpreter.read("调成黑白，然后把视频里我前男友去掉", 0)).hasMessageContaining("generative");
        assertThatThrownBy(() -> interpreter.read("add bgm 要周杰伦的歌", 0)).hasMessageContaining("needs an audio input");
        assertThatThrownBy(() -> interpreter.read("make me look thinner pls", 0)).hasMessageContaining("generative");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"Replace the green screen behind me with Figure 1|chroma_key", "make it look like an old film from the 70s|vintage",
            "less saturated please, i want a muted washed-out look|saturation", "声音太小了，老人听不清，帮忙调大一点|volume",
            "做成16:9的，多出来的部分裁掉就行|aspect", "左右镜像翻转一下|hflip", "分辨率太低了，投到大屏上很糊，帮我提高一下分辨率|upscale",
            "画面放大到1.2倍|zoom", "把图1放在画面角落里做画中画|picture_in_picture", "视频加快到4倍速，做成延时的感觉|speed",
            "把0到30秒截出来，再加个淡出|trim fade_out", "结尾放图1，我们工作室的logo|outro"})
    void everydayWordingsOfTheEighteenthSet(String prompt, String expected) {
        assertThat(interpreter.interpret(prompt, 1)).extracting(EditOperation::op).containsExactly(expected.split(" "));
    }

    @Test
    void aTextAtAMomentIsShownFromThen() {
        // each was not understood
        assertThat(interpreter.interpret("At 0:20 show \"Chapter 2\" in the center for 4 seconds", 0)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("start", 20.0).containsEntry("duration", 4.0).containsEntry("position", "center"));
        assertThat(interpreter.interpret("add the caption \"wow\" at 5 seconds", 0)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("start", 5.0).doesNotContainKey("duration"));
        // a range stays a range
        assertThat(interpreter.interpret("add the text 'Goal!' from 2:14 to 2:18", 0)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("start", 134.0).containsEntry("duration", 4.0));
    }

    @Test
    void aSecondRangeSaidAloneIsTheSameEditOfIt() {
        // each was a trim that kept the second range
        assertThat(interpreter.interpret("remove 0:05-0:08 and 0:20-0:25", 0)).extracting(EditOperation::op).containsExactly("cut", "cut");
        assertThat(interpreter.interpret("剪掉5到8秒和20到25秒", 0)).extracting(EditOperation::op).containsExactly("cut", "cut");
        assertThat(interpreter.interpret("mute 5s to 8s, and 20s to 25s too", 0)).extracting(EditOperation::op).containsExactly("volume", "volume");
        assertThat(interpreter.interpret("mute 5s to 8s, and 20s to 25s too", 0).get(1).params()).containsEntry("from", 20.0).containsEntry("to", 25.0);
        // a cut verb right before its range takes it out; "cut it to" a range keeps it
        assertThat(ops("cut 5 to 9 sec")).containsExactly("cut");
        assertThat(ops("Cut from 10 seconds to 20 seconds, then speed the rest up 2x.")).containsExactly("cut", "speed");
        assertThat(ops("cut it to 0:10-0:20")).containsExactly("trim");
    }

    @Test
    void theSecondsSaidBeforeAnEditAreWhereItApplies() {
        assertThat(interpreter.interpret("前3秒，加模糊", 0)).singleElement().satisfies(o -> assertThat(o.params()).containsEntry("from", 0.0).containsEntry("to", 3.0));
        assertThat(ops("前3秒和最后3秒都加上模糊")).containsExactly("blur", "blur");
        assertThat(interpreter.interpret("第25秒到35秒 对比度调高", 0)).singleElement().satisfies(o -> assertThat(o.params()).containsEntry("from", 25.0));
        assertThat(ops("在底部加一行字「新品上市」，第0到3秒")).containsExactly("text");
        // a range with no word before it, after an edit that takes a part, is that part (it trimmed the video to 6 s)
        assertThat(interpreter.interpret("在底部加字幕“欢迎光临老王面馆”，0到6秒", 0)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("start", 0.0).containsEntry("duration", 6.0));
        assertThat(interpreter.interpret("make it black and white, 0:10 to 0:20", 0)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("from", 10.0).containsEntry("to", 20.0));
        assertThat(ops("mute it, keep 0:10-0:20")).containsExactly("mute", "trim");
        assertThat(ops("the first 10 seconds. 720p")).containsExactly("trim", "scale");
        assertThat(ops("About the last 15 seconds. Cut them.")).containsExactly("drop_last");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"mute the audio after 30 seconds|30|", "After the 50 second mark, warmer colors please|50|",
            "up the saturation until the 12 second mark|0|12", "30秒以后声音调大一点|30|", "10秒之前变成黑白|0|10",
            "开头到第15秒为止，饱和度降低一些|0|15", "第45秒到结尾变成黑白|45|", "第5秒起变成黑白|5|", "invert colors from the 40 second mark onwards|40|",
            "make it black and white from 0:20|20|", "black and white starting at 20 seconds|20|", "make everything after 0:20 sepia|20|",
            "from 0:20 make it black and white|20|", "slow it down from 10 seconds|10|", "make it sepia after 0:15|15|"})
    void aPartFromOrUntilAPointIsThatPart(String prompt, double from, Double to) {
        assertThat(interpreter.interpret(prompt, 0)).singleElement().satisfies(o -> {
            assertThat(o.params()).containsEntry("from", from);
            if (to == null) {
                assertThat(o.params()).doesNotContainKey("to");
            } else {
                assertThat(o.params()).containsEntry("to", to);
            }
        });
        assertThat(ops("cut everything after 5 seconds")).containsExactly("trim");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rotate it 90 degrees just for the last 5 seconds", "Blur faces in the first 10 sec", "前面30秒的音频降噪",
            "最后5秒旋转90度", "stabilize the first 5 seconds"})
    void anEditThatTakesNoPartIsRefusedBesideOneNotMadeATrim(String prompt) {
        // each kept only the seconds named and did the edit on all of them
        assertThatThrownBy(() -> interpreter.read(prompt, 1)).hasMessageContaining("applies this edit to the whole video only");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"second half in sepia please|sepia|second", "mute the audio halfway through|volume|second",
            "turn the volume up for the first half, it's too quiet there|volume|first", "后半段静音|volume|second",
            "前半段加快到1.5倍，后半段保持原速|speed|first", "the first half, black and white|grayscale|first",
            "keep only the second half|trim|second", "只要前半部分|trim|first", "cut the second half|trim|first", "删掉前半段|trim|second"})
    void aHalfIsSaidAsWhichHalf(String prompt, String op, String half) {
        assertThat(interpreter.interpret(prompt, 0)).singleElement().satisfies(o -> {
            assertThat(o.op()).isEqualTo(op);
            assertThat(o.params()).containsEntry("half", half);
        });
        // an edit that takes no part is refused beside a half, never done on the half kept
        assertThatThrownBy(() -> interpreter.read("后半段旋转90度", 0)).hasMessageContaining("applies this edit to the whole video only");
        assertThatThrownBy(() -> interpreter.read("halfway through, reverse it", 0)).hasMessageContaining("applies this edit to the whole video only");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"flip it upside down just for the last 5 seconds|vflip", "mirror the clip from 10s to 20s|hflip",
            "后半段左右镜像|hflip", "mirror it for the first 5 seconds|hflip"})
    void aMirrorTakesAPart(String prompt, String op) {
        assertThat(interpreter.interpret(prompt, 0)).singleElement().satisfies(o -> {
            assertThat(o.op()).isEqualTo(op);
            assertThat(o.params()).containsAnyOf(Map.entry("half", "second"), Map.entry("at", "end"), Map.entry("from", 10.0), Map.entry("from", 0.0));
        });
    }

    @Test
    void aPointSaidAsWhereTheVideoEndsKeepsWhatComesBefore() {
        assertThat(interpreter.interpret("stop after 0:20", 0)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("start", 0.0).containsEntry("duration", 20.0));
        assertThat(interpreter.interpret("end it after 20 seconds", 0)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("duration", 20.0));
        assertThat(ops("cut everything after 0:20")).containsExactly("trim");
    }

    @Test
    void aLengthSaidApartIsHowLongTheEditLasts() {
        assertThat(interpreter.interpret("freeze the last frame 3 sec", 0)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("duration", 3.0));
        assertThat(interpreter.interpret("hold the last frame like 3 sec at the end", 0)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("duration", 3.0));
        assertThat(interpreter.interpret("add end screen 'thanks for watching' 5 sec", 0)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("text", "thanks for watching").containsEntry("duration", 5.0));
        assertThat(interpreter.interpret("片头用图1，放3秒，然后再接正片", 1)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("image", 1).containsEntry("duration", 3.0));
        assertThat(interpreter.interpret("要淡入淡出 各2秒", 0)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("duration", 2.0));
        assertThat(interpreter.interpret("please add a 1-second fade in at the start and a 1-second fade out at the end", 0))
                .extracting(EditOperation::op).containsExactly("fade_in", "fade_out");
        // a length already said is not said again
        assertThatThrownBy(() -> interpreter.read("freeze the last frame for 2 seconds 3 sec", 0)).isInstanceOf(VeditException.class);
    }

    @Test
    void typedLooselyOnAPhone() {
        assertThat(ops("the guy talking is soooo quiet cant hear him at all")).containsExactly("volume");
        assertThat(ops("toooo dark")).containsExactly("brightness");
        assertThat(ops("loooop it 3 times")).containsExactly("loop");
        assertThat(ops("more contrast plz it looks flat af")).containsExactly("contrast");
        assertThat(interpreter.interpret("volume way up, can barely hear my comms", 0)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("factor", SoundRules.MUCH_LOUDER));
        assertThat(interpreter.interpret("make it a lot louder", 0)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("factor", SoundRules.MUCH_LOUDER));
        assertThat(interpreter.interpret("make it much louder", 0)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("factor", SoundRules.LOUDER));
        assertThat(ops("posterize w/ like 4 levels")).containsExactly("posterize");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"这个短视频想循环播放3遍|loop", "底部帮忙加一行字幕：欢迎参观我们的工厂|text", "把声音整体调大一点|volume",
            "中间挂机那段3:20到4:10删了|cut", "王姐，麻烦帮我把公司logo（图1）加到视频右下角当水印，客户那边要求的，谢谢啦|watermark",
            "小朋友的脸都帮我打上马赛克 发群里不能露脸|blur_faces", "预告片想整段打上马赛克，只让大家看个大概，麻烦了|pixelate",
            "只需要第10秒到第25秒这一段，其他都可以删掉，辛苦|trim", "加速2倍 但是声音别变 保留原声|speed keep_audio",
            "麻烦帮忙改一下：1. 去掉前2秒 2. 调亮一些 3. 结尾加个淡出。周五前要交，谢谢！|trim brightness fade_out",
            "最后三秒给个特写 拉近一点|zoom", "后面那十秒不要了 都是在找手机|drop_last", "画面上下翻一下|vflip",
            "右下角加上我们店铺的logo（图1）|watermark", "bgm太炸了，整体音量降一半|volume", "b站投稿要16:9的 帮我把竖屏的转成横屏 两边加黑边就行|aspect"})
    void wordsAroundAnEditThatOnlyCarryIt(String prompt, String expected) {
        assertThat(ops(prompt)).containsExactly(expected.split(" "));
    }

    @Test
    void theNineteenthAndTwentiethSetsWrongEdits() {
        // "only" after an edit limits it to the part: it kept 5 s to 10 s and made all of it black and white
        assertThat(interpreter.interpret("black n white only from 5s to 10s", 0)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("from", 5.0).containsEntry("to", 10.0));
        // a request after "and" was passed over as a remark
        assertThat(ops("make the video more bright and the colors more strong please")).containsExactly("brightness", "saturation");
        assertThatThrownBy(() -> interpreter.read("brighten it up a bit and also get rid of the ppl walking behind", 0))
                .hasMessageContaining(PromptInterpreter.GENERATIVE_ENGINE_EN);
        assertThat(ops("爸爸致辞的时候声音忽大忽小 帮忙把音量统一一下 再降个噪")).containsExactly("normalize_audio", "denoise_audio");
        // a shaking hand is why the end goes, not a request to stabilise
        assertThat(ops("结尾3秒删了 手抖了")).containsExactly("drop_last");
        // "it" after an image placed may be the image
        assertThatThrownBy(() -> interpreter.read("put figure 1 in the top left as a logo and make it black and white", 1)).isInstanceOf(VeditException.class);
        assertThat(ops("put figure 1 in the top left as a logo, and make the video black and white")).containsExactly("watermark", "grayscale");
        // a middle part nobody timed is no edit of the whole video
        assertThatThrownBy(() -> interpreter.read("只把中间那段放慢一点", 0)).isInstanceOf(VeditException.class);
        // a watermark that is there asks for inpainting, not for an image; "at 2:40" is a time, not a ratio
        assertThatThrownBy(() -> interpreter.read("右下角有别家的水印，麻烦去掉，谢谢", 0)).hasMessageContaining(PromptInterpreter.GENERATIVE_ENGINE_EN);
        assertThatThrownBy(() -> interpreter.read("can you remove the guy in the red shirt who walks behind them at 2:40?", 0))
                .hasMessageContaining(PromptInterpreter.GENERATIVE_ENGINE_EN);
        assertThatThrownBy(() -> interpreter.read("沙发上加只橘猫", 0)).hasMessageContaining(PromptInterpreter.GENERATIVE_ENGINE_EN);
    }

    @Test
    void aPartNamedApartIsWhatTheNextRequestEditsOrTakesOut() {
        assertThat(interpreter.interpret("The first dance from 3:10 to 4:00 — could that part be black and white? Then colour again when everyone joins in.", 0))
                .singleElement().satisfies(o -> assertThat(o.params()).containsEntry("from", 190.0).containsEntry("to", 240.0));
        assertThat(interpreter.interpret("The first 12 seconds are just the camera getting set up, please drop them.", 0)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("start", 12.0));
        assertThat(ops("from 5s to 8s, remove it")).containsExactly("cut");
    }

    @Test
    void textDictatedAndCardsSaidApart() {
        assertThat(interpreter.interpret("帮我加个字 宝宝一周岁生日快乐 放在上面", 0)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("text", "宝宝一周岁生日快乐").containsEntry("position", "top"));
        assertThat(interpreter.interpret("开头加一个片头 写2024年秋季运动会 三秒", 0)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("text", "2024年秋季运动会").containsEntry("duration", 3.0));
        assertThat(ops("最后三秒给个特写")).containsExactly("zoom"); // 特写 is a close-up, no text
        assertThat(ops("画中画 图1放左上角")).containsExactly("picture_in_picture");
        assertThat(interpreter.interpret("add caption at the bottom 'SUMMER SALE 50% OFF'", 0)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("text", "SUMMER SALE 50% OFF"));
        assertThat(interpreter.interpret("Can you write 'Emily & James, 14.09.2024' in the middle of the screen as a title?", 0)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("style", "title").containsEntry("position", "center"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"帮我把这个视频弄亮一点太暗了看不清孩子的脸|brightness", "把前面五秒钟去掉前面都是黑的|trim",
            "视频太大了发不了微信帮我压缩一下|encode", "① 画面噪点太多 降噪 ② 稍微提亮 ③ 转成16:9|denoise brightness aspect",
            "改成竖屏9:16 抖音用 两边直接裁掉|aspect", "中间那段太拖了 第10秒到第20秒帮我剪掉|cut"})
    void runTogetherOrListedAsDictationWritesThem(String prompt, String expected) {
        assertThat(ops(prompt)).containsExactly(expected.split(" "));
    }

    @Test
    void aBulletedListIsOneRequestAnItem() {
        assertThat(ops("Changes:\n* 1.25x speed\n* a bit more contrast\n* caption 'Step 1: mix the dough' at the bottom from 0:05 for 4s"))
                .containsExactly("speed", "contrast", "text");
    }

    @Test
    void aCorrectionReplacesWhatItCorrects() {
        assertThat(interpreter.interpret("make it 2x, no wait, 1.5x", 0)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("factor", 1.5));
        assertThat(interpreter.interpret("Speed it up to 3x... actually that's too much, do 2x", 0)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("factor", 2.0));
        assertThat(interpreter.interpret("Trim to the first 10 seconds. Sorry, I meant first 15", 0)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("duration", 15.0));
        assertThat(interpreter.interpret("保留前20秒，啊不是，前30秒", 0)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("duration", 30.0));
        assertThat(interpreter.interpret("加速到3倍，不对，2倍就行", 0)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("factor", 2.0));
        assertThat(interpreter.interpret("logo in the top left, no actually top right is better", 1)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("position", "top-right"));
        assertThat(interpreter.interpret("crop to square. hmm actually make it 4:5 for the insta feed", 0)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("ratio", "4:5"));
        // taken back by name, or as a whole
        assertThat(ops("add a vignette and make it sepia - scratch the sepia, just the vignette")).containsExactly("vignette");
        assertThat(ops("调成黑白…算了还是不要黑白了，就加个暗角吧")).containsExactly("vignette");
        assertThat(ops("先倒放，然后……算了倒放不要了，直接0.5倍慢放")).containsExactly("speed");
        assertThat(ops("blur the faces - oh wait no, they all signed releases. just boost the contrast instead")).containsExactly("contrast");
        // a correction of nothing asks as any request does
        assertThat(ops("Actually, can you make it black and white")).containsExactly("grayscale");
        assertThat(ops("make it brighter, actually also add some grain")).containsExactly("brightness", "grain");
    }

    @Test
    void aHedgedRequestIsARequestAndAnExampleAnAmount() {
        assertThat(ops("make it black and white, and maybe add some grain so it feels gritty")).containsExactly("grayscale", "grain");
        assertThat(interpreter.interpret("louder pls, like 1.5x", 0)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("factor", 1.5));
        assertThat(interpreter.interpret("zoom in a little, maybe 1.5x", 0)).singleElement().satisfies(o -> assertThat(o.op()).isEqualTo("zoom"));
        // the part's times do not make a vague amount an explicit one
        assertThat(interpreter.interpret("slow down the squat demo from 0:12 to 0:18 to half speed", 0)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("factor", 0.5).containsEntry("from", 12.0));
    }

    @Test
    void aDescriptionOfThePictureAfterOneOfTheSoundIsThePictures() {
        assertThat(ops("the audio has a hum and the picture is noisy")).containsExactly("denoise_audio", "denoise");
        assertThat(ops("风声太大了 画面也有噪点")).containsExactly("denoise_audio", "denoise");
        assertThat(ops("the audio has a hum and it's really noisy")).containsExactly("denoise_audio");
    }

    @ParameterizedTest
    @ValueSource(strings = {"my friend got cut off at the left edge, can you show the rest of him",
            "Is there any way to show what was just left of the frame?", "enhance the license plate of the car that hit my mailbox",
            "the recording cut off right before she said yes, can you show what happened after?", "监控里那个车牌是糊的 帮我恢复清楚能看到号码",
            "当时奶奶站在旁边没拍进去 能不能把画面外面的她也弄出来"})
    void whatTheCameraDidNotRecordIsImpossible(String prompt) {
        assertThatThrownBy(() -> interpreter.read(prompt, 0)).hasMessageContaining(Refusal.IMPOSSIBLE_EN).hasMessageContaining("did not record");
        // sharpening so a sign reads better is an edit with its purpose
        assertThat(ops("sharpen it so we can read the sign")).containsExactly("sharpen");
    }

    @Test
    void aPartNamedByWhatHappensInItTakesItsTimeOrIsRefused() {
        // the time said after the name, or in the same clause, is the part's
        assertThat(interpreter.interpret("slow down the bit where the dog catches the frisbee, about 0:20 to 0:24", 0)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("from", 20.0).containsEntry("to", 24.0));
        assertThat(interpreter.interpret("mute the part where he swears between 0:40 and 0:44", 0)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("from", 40.0).containsEntry("factor", 0.0));
        assertThat(interpreter.interpret("外婆吹蜡烛那段放慢一点，大概从0:30到0:36", 0)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("from", 30.0).containsEntry("to", 36.0));
        assertThat(interpreter.interpret("2分10到2分15那波操作给我慢放", 0)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("from", 130.0).containsEntry("to", 135.0));
        assertThat(interpreter.interpret("slow-mo the goal at 1:02-1:05", 0)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("from", 62.0));
        // a name and no time: the engine cannot find the part, so the whole video is never slowed instead
        for (String unplaced : List.of("slow down the part where she blows out the candles", "孙子跳舞那段放慢一点")) {
            assertThatThrownBy(() -> interpreter.read(unplaced, 0)).hasMessageContaining(Refusal.NOT_UNDERSTOOD_EN);
        }
        assertThat(interpreter.interpret("make the colours more vivid for the sunset bit, last 6 seconds", 0)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("at", "end").containsEntry("duration", 6.0));
        assertThat(interpreter.interpret("0:40到1:10是中场休息 剪掉", 0)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("start", 40.0).containsEntry("end", 70.0));
        // what is seen in a part names it only for edits of time: blurring "the plate" is not blurring the frame
        assertThatThrownBy(() -> interpreter.read("blur the plate at 0:10 to 0:15", 0)).isInstanceOf(VeditException.class);
    }

    @Test
    void secondsDescribedThenTakenOut() {
        assertThat(interpreter.interpret("前3秒是我在调手机，剪掉", 0)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("start", 3.0));
        assertThat(interpreter.interpret("最后十秒都是黑屏，删了", 0)).singleElement()
                .satisfies(o -> assertThat(o).extracting(EditOperation::op).isEqualTo("drop_last"));
        assertThat(interpreter.interpret("领导讲话前面10秒是在调话筒，剪掉", 0)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("start", 10.0));
        assertThat(interpreter.interpret("last 8 sec is just my thumb, cut it", 0)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("duration", 8.0));
        assertThat(ops("结尾3秒的空镜剪掉")).containsExactly("drop_last");
        // both ends said, then taken out together: neither is kept
        assertThat(ops("the first 2 seconds and the last 2 seconds, cut them")).containsExactly("trim", "drop_last");
        assertThat(interpreter.interpret("the first 2 seconds and the last 2 seconds, cut them", 0).getFirst().params()).containsEntry("start", 2.0);
        assertThat(interpreter.interpret("开头2秒和结尾2秒去掉", 0).getFirst().params()).containsEntry("start", 2.0).doesNotContainKey("duration");
        // a problem described, then "remove it": the problem is answered
        assertThat(ops("there's a buzzing sound, get rid of it")).containsExactly("denoise_audio");
    }

    @Test
    void aDecadeIsAnEraNeverATime() {
        assertThat(interpreter.interpret("make it look like one of those old home movies from the 80s", 0)).singleElement()
                .satisfies(o -> assertThat(o.params()).doesNotContainKey("from"));
        assertThat(ops("give it the colours of the 70s")).containsExactly("vintage");
        assertThat(interpreter.interpret("from the 80s mark, slow it down", 0).getFirst().params()).containsEntry("from", 80.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"make this 5 second clip a minute long", "stretch it out to 45 seconds", "这个8秒的视频拉长到30秒"})
    void aLongerVideoWithoutSayingHowIsImpossible(String prompt) {
        assertThatThrownBy(() -> interpreter.read(prompt, 0)).hasMessageContaining(Refusal.IMPOSSIBLE_EN).hasMessageContaining("loop it");
    }

    @ParameterizedTest
    @ValueSource(strings = {"get rid of the scratch on the tailgate", "hide the usernames above the players", "make the audience look bigger",
            "把沙发上那块污渍去掉", "墙的颜色改成米白色", "让我妈看起来年轻一点", "客厅里摆几件家具"})
    void whatOnlyAModelCanPaintIsGenerative(String prompt) {
        assertThatThrownBy(() -> interpreter.read(prompt, 0)).hasMessageContaining("generative");
    }

    @Test
    void wordsOfEditorsAndStreamersAndLooseTyping() {
        assertThat(interpreter.interpret("punch in about 30%", 0)).singleElement().satisfies(o -> assertThat(o.params()).containsEntry("factor", 1.3));
        assertThat(ops("dip to black at the end")).containsExactly("fade_out");
        assertThat(ops("lift the shadows a bit")).containsExactly("brightness");
        assertThat(ops("render it at 30fps")).containsExactly("fps");
        assertThat(ops("make the colours richer")).containsExactly("saturation");
        assertThat(ops("its 2 loud")).containsExactly("volume");
        assertThat(ops("颜色反一下")).containsExactly("invert");
        assertThat(ops("色调偏暖，调冷一点")).containsExactly("temperature");
        assertThat(interpreter.interpret("色调偏暖，调冷一点", 0).getFirst().params()).containsEntry("tone", "cool");
        assertThat(interpreter.interpret("竖屏改横屏", 0).getFirst().params()).containsEntry("ratio", "16:9");
        // an image placed "as a pip" is a picture in picture, not a logo
        assertThat(ops("pop image 1 bottom right as a small pip")).containsExactly("picture_in_picture");
        assertThat(ops("green screen behind her, swap it for image 1")).containsExactly("chroma_key");
        assertThat(ops("replace the green screen with image 1")).containsExactly("chroma_key");
        assertThat(ops("右上角加个台标，台标是图1")).containsExactly("watermark");
        assertThat(interpreter.interpret("add an end card: Asking $425,000", 0)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("text", "Asking $425,000"));
        assertThat(interpreter.interpret("片尾加个4秒的字卡，写“感谢观看”", 0)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("duration", 4.0));
        assertThat(ops("blur the faces before we share it with the class")).containsExactly("blur_faces");
        // dictated text ends where the next request starts
        assertThat(interpreter.interpret("下面加个字幕写新年快乐然后结尾慢慢黑下去", 0)).extracting(EditOperation::op).containsExactly("text", "fade_out");
        assertThat(interpreter.interpret("下面加个字幕写新年快乐然后结尾慢慢黑下去", 0).getFirst().params()).containsEntry("text", "新年快乐");
        // keep or cut? not guessed
        assertThatThrownBy(() -> interpreter.read("clip the first 3 seconds", 0)).hasMessageContaining("keeping those seconds or cutting them off");
        assertThat(ops("clip off the first 3 seconds")).containsExactly("trim");
    }

    @Test
    void amountsSaidAsFractionsAndLevelsAreTheirEdits() {
        // a level said as a multiple after the volume is the volume's, never a speed beside it
        assertThat(interpreter.interpret("turn the music down to 0.5x", 0)).singleElement()
                .satisfies(o -> assertThat(o).extracting(EditOperation::op).isEqualTo("volume")).satisfies(o -> assertThat(o.params()).containsEntry("factor", 0.5));
        assertThat(interpreter.interpret("volume down to a quarter of what it is", 0).getFirst().params()).containsEntry("factor", 0.25);
        assertThat(interpreter.interpret("fade out over three and a half seconds", 0).getFirst().params()).containsEntry("duration", 3.5);
        assertThat(interpreter.interpret("trim half a minute off the start", 0).getFirst().params()).containsEntry("start", 30.0);
        assertThat(interpreter.interpret("最后一帧停住三秒半", 0).getFirst().params()).containsEntry("duration", 3.5);
        assertThat(interpreter.interpret("一倍半速", 0).getFirst().params()).containsEntry("factor", 1.5);
        assertThat(interpreter.interpret("背景音乐调大一倍", 0).getFirst().params()).containsEntry("factor", 2.0);
        assertThat(interpreter.interpret("半分钟以后的都剪掉", 0).getFirst().params()).containsEntry("duration", 30.0);
        // desaturated part of the way is less saturation, all the way grey
        assertThat(interpreter.interpret("desaturate it a bit", 0)).extracting(EditOperation::op).containsExactly("saturation");
        assertThat(ops("desaturate")).containsExactly("grayscale");
    }

    @Test
    void stepsExceptionsAndASharedCut() {
        assertThat(ops("Step 1 make it black and white. Step 2 mute it.")).containsExactly("grayscale", "mute");
        assertThat(ops("第一步加速到2倍，第二步静音")).containsExactly("speed", "mute");
        assertThat(ops("首先调成黑白，其次加暗角")).containsExactly("grayscale", "vignette");
        assertThat(interpreter.interpret("sepia for everything except the first 4 seconds", 0).getFirst().params()).containsEntry("from", 4.0);
        assertThat(interpreter.interpret("除了开头5秒，其余都调暗", 0).getFirst().params()).containsEntry("from", 5.0);
        // seconds said bare after "and", right after seconds taken out, are taken out too
        assertThat(interpreter.interpret("Chop the first 3 seconds (lens cap) and the last 4", 0)).extracting(EditOperation::op)
                .containsExactly("trim", "drop_last");
        // two parts kept: one after the other, the second would keep a part of the first, so it asks what to cut
        for (String twoParts : List.of("keep the first 10 seconds and the last 5 seconds", "keep 0:10-0:20 and 0:40-0:50", "只保留前10秒和最后5秒")) {
            assertThatThrownBy(() -> interpreter.read(twoParts, 0)).hasMessageContaining(Refusal.IMPOSSIBLE_EN).hasMessageContaining("keep two parts");
        }
        assertThat(interpreter.interpret("start it at 0:05 and end it at 0:10", 0)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("start", 5.0).containsEntry("duration", 5.0));
    }

    @Test
    void cantoneseAsWritten() {
        assertThat(ops("唔該幫我將段片轉做黑白")).containsExactly("grayscale");
        assertThat(ops("剪走頭兩秒同埋尾三秒")).containsExactly("trim", "drop_last");
        assertThat(ops("畫面暗咗啲，亮返少少")).containsExactly("brightness");
    }

    @ParameterizedTest
    @ValueSource(strings = {"erase the rival brand's logo on the banner", "把视频左上角别人的台标去掉", "remove the tripod leg at the bottom of the frame",
            "take the jogger out of the shot"})
    void aMarkOrAThingTakenOutOfThePictureIsGenerative(String prompt) {
        assertThatThrownBy(() -> interpreter.read(prompt, 0)).hasMessageContaining("generative");
    }

    @ParameterizedTest
    @ValueSource(strings = {"the audio dropped out at 1:10, can you recover what he said", "录音中间断了几秒，帮我把声音补回来"})
    void soundThatWasNeverRecordedIsImpossible(String prompt) {
        assertThatThrownBy(() -> interpreter.read(prompt, 0)).hasMessageContaining(Refusal.IMPOSSIBLE_EN).hasMessageContaining("did not record");
    }

    @Test
    void anonymisingAndLevelsSaidTheWayPeopleSayThem() {
        // a range said with a passive mute is the part to mute, never the part to keep
        assertThat(interpreter.interpret("I need the audio muted from 1:12 to 1:15, that's where she says her name", 0)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("factor", 0.0).containsEntry("from", 72.0).containsEntry("to", 75.0));
        assertThat(interpreter.interpret("第42秒到44秒说了当事人的名字，这两秒静音", 0)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("factor", 0.0).containsEntry("from", 42.0));
        assertThat(interpreter.interpret("1分10秒到1分18秒说错词了，把这段删了", 0)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("start", 70.0).containsEntry("end", 78.0));
        // a loud hum is a noise to clean, not a volume to lower
        assertThat(ops("there's a loud fan hum under the whole interview")).containsExactly("denoise_audio");
        // a caption's text runs across a comma unless what follows says where, when or how it shows
        assertThat(interpreter.interpret("底部加一行字幕：关注我，每天更新", 0).getFirst().params()).containsEntry("text", "关注我，每天更新");
        assertThat(interpreter.interpret("加个字幕：生日快乐，放在上面", 0).getFirst().params()).containsEntry("text", "生日快乐").containsEntry("position", "top");
        // an example amount with its reason after it
        assertThat(interpreter.interpret("shift the hue like 45 degrees for a dreamy vibe", 0).getFirst().params()).containsEntry("degrees", 45.0);
        assertThatThrownBy(() -> interpreter.read("the guy in front kept standing up, can you take him out of the video", 0)).hasMessageContaining("generative");
        // what only names a thing the generative rules know is not generative when it is a purpose or the sound's
        assertThat(ops("speed it up, i want more people to finish it")).containsExactly("speed");
        assertThat(ops("strip the colour out")).containsExactly("grayscale");
        assertThat(ops("把颜色改成复古色调")).containsExactly("vintage");
        // Cantonese and homophone words never take a Mandarin word's place: 整个 is "whole", 调凉 is cooler
        assertThat(ops("整个视频调亮一点")).containsExactly("brightness");
        assertThat(interpreter.interpret("调凉一点", 0).getFirst().params()).containsEntry("tone", "cool");
    }

    @Test
    void theTwentySixthSetsRequestsAsPeopleWroteThem() {
        // a comparative after a described problem asks for it: neither is dropped as context
        assertThat(ops("My lecture recording is way too quiet and theres a hum from the projector. Louder + get rid of the hum please"))
                .containsExactly("volume", "denoise_audio");
        assertThat(ops("能不能帮忙调亮一点？还有声音有点小，音量大一些")).containsExactly("brightness", "volume");
        // 跟 joins two things, not 跟拍 or 跟练; the kind of video said before it is the video
        assertThat(ops("婚礼跟拍的片子整体偏暗，提亮一点，色调暖一些")).containsExactly("brightness", "temperature");
        assertThat(ops("跟练视频镜像一下，方便大家跟着做")).containsExactly("hflip");
        // a purpose that names WhatsApp is no request to send
        assertThat(ops("compress it so I can send it on whatsapp")).containsExactly("encode");
        assertThatThrownBy(() -> interpreter.read("send it on whatsapp", 0)).hasMessageContaining(Refusal.IMPOSSIBLE_EN);
        // text shown from a moment said in Chinese; a range's ends are still a range
        assertThat(interpreter.interpret("在2分钟的地方加个字幕“下课”", 0).getFirst().params()).containsEntry("start", 120.0).doesNotContainKey("duration");
        assertThat(interpreter.interpret("请在第5秒到第10秒添加字幕“限时优惠”", 0).getFirst().params()).containsEntry("start", 5.0).containsEntry("duration", 5.0);
        assertThat(interpreter.interpret("put \"ROUND 2\" in the center starting at 0:45 for 3 seconds", 0).getFirst().params()).containsEntry("start", 45.0);
        // a CRF, and posterize's levels in Chinese; a CRF beyond x264's is refused
        assertThat(interpreter.interpret("crf设成23压一下", 0).getFirst().params()).containsEntry("crf", 23);
        assertThatThrownBy(() -> interpreter.read("encode at crf 60", 0)).hasMessageContaining("0 (lossless) to 51");
        assertThat(interpreter.interpret("色阶减少到6级", 0).getFirst().params()).containsEntry("levels", 6);
        // 只要 before a time keeps it (never a 0:15 shape); the kept part then "the rest deleted"
        assertThat(interpreter.interpret("只要0:15到0:45这一段", 0).getFirst().params()).containsEntry("start", 15.0).containsEntry("duration", 30.0);
        assertThat(interpreter.interpret("前5秒留着，后面全删", 0).getFirst().params()).containsEntry("duration", 5.0);
        assertThat(interpreter.interpret("中间2分10秒到2分30秒那段讲错了，删掉", 0)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("start", 130.0).containsEntry("end", 150.0));
        // non-native English
        assertThat(ops("I want the video become black white and also more sharp")).containsExactly("grayscale", "sharpen");
        assertThat(ops("Please do the video 720p and remove the sound")).containsExactly("scale", "mute");
        assertThat(interpreter.interpret("students say my screencast drags, bump it to 1.25x", 0).getFirst().params()).containsEntry("factor", 1.25);
        // things added to the picture, and burnt-in writing changed, are a model's work
        for (String generative : List.of("add some steam coming off the soup so it looks hot", "给这碗面加点热气", "把黑板上写错的那个字改掉",
                "replace my messy handwriting on the whiteboard with clean typed text")) {
            assertThatThrownBy(() -> interpreter.read(generative, 0)).as(generative).hasMessageContaining("generative");
        }
        assertThat(ops("去掉背景里滋滋的电流声")).containsExactly("denoise_audio");
    }

    @Test
    void theTwentySeventhSetsRequestsAsPeopleWroteThem() {
        // an end card's "words" that open with a verb or name an image are a request, never the card's text
        assertThatThrownBy(() -> interpreter.read("end card: show the second image for 3 seconds after the clip", 2)).hasMessageContaining("not understood");
        assertThat(interpreter.interpret("end card: thanks for watching", 0).getFirst().params()).containsEntry("text", "thanks for watching");
        // the picture kept whole is bars, not a crop
        assertThat(interpreter.interpret("square it for insta but keep the whole frame, bars are fine", 0).getFirst().params()).containsEntry("fit", "pad");
        // an emoji between words ends a sentence
        assertThat(ops("my wife filmed the whole match sideways 🙄 rotate 90 clockwise")).containsExactly("rotate");
        assertThat(ops("I'm hard of hearing - could you make the voices louder and cut down the background noise?")).containsExactly("volume", "denoise_audio");
        assertThat(interpreter.interpret("put image 2 as a little picture-in-picture bottom right, and image 1 is our logo, top left", 2))
                .extracting(EditOperation::op).containsExactly("picture_in_picture", "watermark");
        // a part named by what happens in it, with its range bare after it or its time before it
        assertThat(interpreter.interpret("slow down the bit where the chef pours the sauce (8s to 12s), rest normal speed", 0)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("from", 8.0).containsEntry("to", 12.0));
        assertThat(interpreter.interpret("最后5秒倒酒那个镜头慢放一下", 0).getFirst().params()).containsEntry("at", "end").containsEntry("duration", 5.0);
        // Chinese cuts, lengths, sizes and the sound said every day
        assertThat(ops("前10秒热身的不要，最后3秒也剪了")).containsExactly("trim", "drop_last");
        assertThat(ops("主图视频要1:1，时长不超过60秒，大小压到10M以内")).containsExactly("aspect", "trim", "encode");
        assertThat(interpreter.interpret("尺寸改成750x1000", 0).getFirst().params()).containsEntry("width", 750).containsEntry("height", 1000);
        assertThat(ops("原声全部静音，后期我自己配音")).containsExactly("mute");
        assertThat(ops("我听力不好，人声能不能调大一点")).containsExactly("volume");
        assertThat(ops("要那种高级感的黑白")).containsExactly("grayscale");
        // a length said after a text that starts at a moment is how long it shows
        assertThat(interpreter.interpret("从第5秒开始加标题“限时折扣”，显示4秒，放顶部", 0).getFirst().params())
                .containsEntry("start", 5.0).containsEntry("duration", 4.0).containsEntry("position", "top");
        // "leave the first 5 seconds alone" is no cut
        assertThatThrownBy(() -> interpreter.read("前5秒的不要动", 0)).hasMessageContaining("not understood");
    }

    @Test
    void theTwentyEighthSetsRequestsAsPeopleWroteThem() {
        // "only"/"just" (就) right after an edit limits that edit to the part; it never keeps the part and drops the rest
        for (String limited : List.of("invert it, just the last 2 seconds", "反色处理，就最后2秒", "black and white, the last 2 seconds only")) {
            assertThat(interpreter.interpret(limited, 0)).as(limited).singleElement()
                    .satisfies(o -> assertThat(o.params()).containsEntry("at", "end").containsEntry("duration", 2.0));
        }
        // said first, the part is still what is kept, as before
        assertThat(ops("from 1:05 till 1:30 only, and make it sepia")).containsExactly("trim", "sepia");
        // how a fade feels is no speed
        assertThat(ops("fade in at the start, like 1 sec, and a slower fade out at the end, 3 secs")).containsExactly("fade_in", "fade_out");
        // corrections, resolutions said as where they drop to, reasons after a cut
        assertThat(interpreter.interpret("speed it up to 2x — actually no, 1.5x is plenty", 0).getFirst().params()).containsEntry("factor", 1.5);
        assertThat(interpreter.interpret("drop it to 720p so it uploads faster", 0).getFirst().params()).containsEntry("height", 720);
        assertThat(interpreter.interpret("加速2倍，不对，1.5倍就够了", 0).getFirst().params()).containsEntry("factor", 1.5);
        assertThat(interpreter.interpret("cut the first 10 seconds, sorry I mean 5", 0).getFirst().params()).containsEntry("start", 5.0);
        assertThat(interpreter.interpret("色相转个45度试试", 0).getFirst().params()).containsEntry("degrees", 45.0);
        assertThat(ops("做成竖屏的，发抖音用，千万别加黑边")).containsExactly("aspect");
        assertThat(ops("开头3秒剪掉，那是我在调手机")).containsExactly("trim");
        assertThat(interpreter.interpret("延时的感觉，整段加速4倍", 0).getFirst().params()).containsEntry("factor", 4.0);
        // someone photoshopped in, a face retouched, a garment recoloured: a model's work
        for (String generative : List.of("把去世的爷爷P进这段全家福视频里", "调亮一点，顺便把我脸上的痘痘去掉", "change his hoodie to blue")) {
            assertThatThrownBy(() -> interpreter.read(generative, 0)).as(generative).hasMessageContaining("generative");
        }
        // a card's length, then where it goes
        assertThat(interpreter.interpret("an opening card that says \"In Loving Memory\", about 5 seconds before the video starts", 0).getFirst().params())
                .containsEntry("duration", 5.0);
    }

    @Test
    void theTwentyNinthSetsRequestsAsPeopleWroteThem() {
        // a part said as the correction is the part of the edit just asked for: never kept alone, the edit dropped
        assertThat(interpreter.interpret("make the first 5 seconds black and white, no wait, the last 5 seconds", 0)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("at", "end").containsEntry("duration", 5.0));
        assertThat(interpreter.interpret("剪掉前3秒，不对，后3秒", 0)).singleElement()
                .satisfies(o -> assertThat(o.op()).isEqualTo("drop_last"));
        assertThat(interpreter.interpret("cut out 0:10 to 0:20, no, 0:30 to 0:40", 0)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("start", 30.0).containsEntry("end", 40.0));
        assertThat(interpreter.interpret("剪掉前3秒，哦不，前5秒", 0)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("start", 5.0).doesNotContainKey("duration"));
        assertThat(interpreter.interpret("keep the first 10 seconds, no wait, the last 10", 0)).singleElement()
                .satisfies(o -> assertThat(o.op()).isEqualTo("trim_last"));
        assertThat(interpreter.interpret("slow it down, no, the last 4 seconds", 0)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("at", "end").containsEntry("duration", 4.0));
        // minutes and seconds said in words; a number never starts after a digit (第40秒以后 is no "0秒以后")
        assertThat(interpreter.interpret("keep from one minute ten to one minute forty", 0).getFirst().params())
                .containsEntry("start", 70.0).containsEntry("duration", 30.0);
        assertThat(interpreter.interpret("cut out from two minutes five seconds to two minutes thirty", 0).getFirst().params())
                .containsEntry("start", 125.0).containsEntry("end", 150.0);
        assertThat(interpreter.interpret("keep the first twenty five seconds", 0).getFirst().params()).containsEntry("duration", 25.0);
        assertThat(interpreter.interpret("第40秒以后全部弄成黑白的", 0).getFirst().params()).containsEntry("from", 40.0);
        // the moment of a freeze said first, or the length before the moment
        for (String freeze : List.of("at 1:12 freeze for 2 seconds", "freeze frame for 2 seconds at 1:12", "freeze frame at the 1 minute 12 mark for 2 secs",
                "一分一十二秒那里帮我定格两秒钟啊")) {
            assertThat(interpreter.interpret(freeze, 0).getFirst().params()).as(freeze).containsEntry("at", 72.0).containsEntry("duration", 2.0);
        }
        assertThat(ops("at the end freeze it for 2 seconds")).containsExactly("freeze_end");
        // 快点啊，急用 hurries the editor; a condition is the problem described, then its fix
        assertThat(ops("唔该帮我将成条片整成卡通风格，快啲啊，急用")).containsExactly("cartoon");
        assertThat(ops("if it's too dark, brighten it")).containsExactly("brightness");
        assertThat(ops("如果太暗的话就调亮一点，然后文件压小一点，我要发微信")).containsExactly("brightness", "encode");
        assertThat(interpreter.interpret("fade in and fade out, 2 seconds each", 0).getFirst().params()).containsEntry("duration", 2.0);
        assertThat(interpreter.interpret("make a timelapse out of the spin class footage, 8x or so", 0).getFirst().params()).containsEntry("factor", 8.0);
        // what the video is, said as a label or an address; cards named with their image in brackets; words put somewhere
        assertThat(ops("Listing walkthrough, 22 Birch Ln. Please rotate it 90 clockwise (I filmed it sideways, sorry!) and take the shake out."))
                .containsExactly("rotate", "stabilize");
        assertThat(interpreter.interpret("add my outro card (image 2) at the end and my intro card (image 1) at the start", 2))
                .extracting(EditOperation::op).containsExactly("outro", "intro");
        assertThat(interpreter.interpret("把「阳光花园 3室2厅 89㎡」放在左上角", 0).getFirst().params()).containsEntry("position", "top-left");
        // a body, a thing's colour, a game's overlay, a mouth, someone added: a model's work; music and a longer video: impossible
        for (String generative : List.of("make me look more jacked lol and cut the first 5 sec", "can you show this car in red instead of silver",
                "remove the webcam overlay in the corner", "can you make her mouth move like she's saying 'I love you Grandma'", "把画面里的血条和UI都去掉")) {
            assertThatThrownBy(() -> interpreter.read(generative, 0)).as(generative).hasMessageContaining("generative");
        }
        assertThatThrownBy(() -> interpreter.read("可以把影片變成像圖1那種水彩畫風嗎？", 1)).hasMessageContaining("generative");
        for (String impossible : List.of("add some lofi beats under it", "把这个视频拉长到一个小时", "I just need the audio as an mp3, no video please")) {
            assertThatThrownBy(() -> interpreter.read(impossible, 0)).as(impossible).hasMessageContaining("impossible");
        }
    }

    @Test
    void theThirtiethSetsRequestsAsPeopleWroteThem() {
        // an edit named again with "only" and a part is that edit of the part, never a second one on the whole video
        assertThat(interpreter.interpret("Add a vignette and a bit of film grain, but the grain only in the last 10 seconds", 0))
                .extracting(EditOperation::op).containsExactly("vignette", "grain");
        // a request beside an edit that only a model can make is refused with it, never dropped as a remark
        assertThatThrownBy(() -> interpreter.read("Brighten it up and fill the empty seats with a crowd, the turnout was embarrassing", 0))
                .hasMessageContaining("generative");
        // a section named by what it is cannot be found: not understood, never done on the whole video
        for (String section : List.of("Put the caption 'Welcome' on for the duration of the intro", "make it black and white during the intro")) {
            assertThatThrownBy(() -> interpreter.read(section, 0)).as(section).hasMessageContaining("not understood");
        }
        // the same edit again, of another part or moment; the rest after a part; all but the first seconds
        assertThat(interpreter.interpret("Make the first 3 seconds sepia, and do the same to the ending (last 3 seconds).", 0).get(1).params())
                .containsEntry("at", "end").containsEntry("duration", 3.0);
        assertThat(interpreter.interpret("Freeze frame at 0:40 for 2 seconds, and again at 1:20.", 0).get(1).params())
                .containsEntry("at", 80.0).containsEntry("duration", 2.0);
        assertThat(interpreter.interpret("在0:30定格2秒，1:20再来一次", 0)).hasSize(2);
        assertThat(interpreter.interpret("前3秒反色，结尾3秒也一样", 0).get(1).params()).containsEntry("at", "end");
        assertThat(interpreter.interpret("mute 0:05 to 0:08, and 0:20 to 0:25 too", 0)).hasSize(2);
        assertThat(interpreter.interpret("前20秒黑白，剩下的调成暖色调", 0).get(1).params()).containsEntry("from", 20.0).doesNotContainKey("to");
        assertThat(interpreter.interpret("make it black n white except the first 10 secs bc that part is the 'before'", 0).getFirst().params())
                .containsEntry("from", 10.0);
        // a named part placed by the sentence after it, a question about a part, a time in brackets between Chinese words
        assertThat(interpreter.interpret("I would like the part at the end where the dog jumps in the pool to be slower. It is the last ten seconds.", 0)
                .getFirst().params()).containsEntry("at", "end").containsEntry("duration", 10.0);
        assertThat(interpreter.interpret("can the end be slower? like the last 4 seconds or so", 0).getFirst().params()).containsEntry("duration", 4.0);
        assertThat(interpreter.interpret("could the first kiss (2:10 to 2:16) be in slow motion?", 0).getFirst().params()).containsEntry("from", 130.0);
        assertThat(interpreter.interpret("把宝宝摔屁股墩那段（第12秒到第15秒）做成慢动作", 0).getFirst().params()).containsEntry("from", 12.0);
        assertThat(interpreter.interpret("乐队演出视频，副歌部分（1:05到1:40）音量调大50%", 0).getFirst().params()).containsEntry("from", 65.0);
        // amounts and times in other forms; fillers of other Englishes; a position corrected
        assertThat(interpreter.interpret("loop it like 3 times lol", 0).getFirst().params()).containsEntry("times", 3);
        assertThat(interpreter.interpret("Keep just the first 1h02m, the rest is Q&A nobody needs.", 0).getFirst().params()).containsEntry("duration", 3720.0);
        assertThat(interpreter.interpret("最后5秒慢一倍", 0).getFirst().params()).containsEntry("factor", 0.5);
        assertThat(interpreter.interpret("从倒数第5秒开始变成黑白", 0).getFirst().params()).containsEntry("at", "end");
        assertThat(interpreter.interpret("色相偏移180度，再加一个强烈的暗角", 0).get(1).params()).containsEntry("strength", 2.0);
        assertThat(ops("这视频整得老黑了，给俺整亮堂点呗，声儿也太小了，给整大点儿")).containsExactly("brightness", "volume");
        assertThat(ops("把这个视频变成嘿白的然后加素两倍")).containsExactly("grayscale", "speed");
        assertThat(ops("背景换成图1，人脸不用打码")).containsExactly("replace_background");
        assertThat(ops("Pastor Dave is very quiet so turn him up, and normalise the sound overall")).containsExactly("volume", "normalize_audio");
        assertThat(interpreter.interpret("put the logo from figure 1 top left. Actually make it bottom left", 1).getFirst().params())
                .containsEntry("position", "bottom-left");
        // a tattoo painted out, steam added: a model's work; a song by its title: impossible
        assertThatThrownBy(() -> interpreter.read("Erase the tattoo on my forearm in the whole clip", 0)).hasMessageContaining("generative");
        assertThatThrownBy(() -> interpreter.read("配上周杰伦的《晴天》", 0)).hasMessageContaining("impossible");
    }

    @Test
    void theThirtyFirstSetsEditWordsUsedForOtherThings() {
        // a word like "slow" in what the video is, not next to a degree, is no complaint: "a slow song" sped the video up
        assertThat(interpreter.interpret("it's a music video for a slow song so I want it to fade in and out, 3 seconds each", 0))
                .singleElement().satisfies(o -> assertThat(o.op()).isEqualTo("fade_both"));
        assertThat(ops("it's way too slow")).containsExactly("speed");
        // a number in what the video is for does not swallow the request after it ("a 2x2 grid post": the square was dropped)
        assertThat(ops("it's going in a 2x2 grid post so I need it square and 720p")).containsExactly("aspect", "scale");
        // the part left alone is what "the rest" is the rest of
        assertThat(interpreter.interpret("don't touch the first 5 seconds, speed up the rest 2x", 0).getFirst().params())
                .containsEntry("from", 5.0).containsEntry("factor", 2.0);
        assertThat(interpreter.interpret("cut the first 10 seconds and speed up the rest", 0).get(1).params()).doesNotContainKey("from");
        // things in the video named with edit words, remarks and headings with numbers in them: context
        for (String context : List.of("my black and white cat is asleep on the sofa, it's a bit dark, brighten it", "我家黑白猫在沙发上睡觉，视频有点暗，帮我调亮一点",
                "zoom call recording from this morning's standup, the audio is way too quiet. can you turn it up",
                "My 3 year old did her first cartwheel in this clip, can you play 0:04-0:07 at half speed", "12月31日拍的跨年视频，在顶部加标题「2024 新年快乐」",
                "录的时候手机开了静音模式所以没有提示音，但人声有点小，音量调大一点", "背景音乐是一首慢歌，很好听。帮我把画面裁成竖屏就行")) {
            assertThat(interpreter.interpret(context, 0)).as(context).hasSize(1);
        }
        assertThat(ops("convert this to a silent black and white movie")).contains("grayscale");
        assertThat(interpreter.interpret("could you add a slow zoom in?", 0).getFirst().op()).isEqualTo("zoom");
        // a moment named in a description, then frozen; all but a range kept; a part not meant; the rest left as is
        assertThat(interpreter.interpret("The kickflip at 0:12 is the best part. freeze on it for 2 seconds", 0).getFirst().params())
                .containsEntry("at", 12.0);
        assertThat(interpreter.interpret("keep everything except 0:30 to 0:42, that's where my dog starts barking", 0).getFirst().op()).isEqualTo("cut");
        assertThat(ops("not the intro, just the last 15 seconds in slow motion")).containsExactly("speed");
        assertThat(ops("把最后5秒变成黑白，其他部分不要动")).containsExactly("grayscale");
        assertThat(ops("mirror it, my webcam flips everything. speed and sound are fine")).containsExactly("hflip");
        assertThat(interpreter.interpret("第5秒那个滑板翻转动作帮我定格2秒", 0).getFirst().params()).containsEntry("at", 5.0);
        // a jacket recoloured, a bin taken out of the shot, wings and snow added: a model's work; a song by its artist: impossible
        for (String generative : List.of("turn my 3 year old's red jacket blue", "take the trash can out of the shot", "给我家3岁宝宝加一对天使翅膀", "视频里下点雪吧")) {
            assertThatThrownBy(() -> interpreter.read(generative, 0)).as(generative).hasMessageContaining("generative");
        }
        assertThatThrownBy(() -> interpreter.read("add 'Slow Down' by Selena Gomez over the whole thing", 0)).hasMessageContaining("impossible");
    }

    @Test
    void theThirtySecondSetsDayOfTraffic() {
        // "调相机" (adjusting the camera) named no reference image: the cut was refused for want of one
        assertThat(ops("帮我把前3秒剪掉，开头是我在调相机")).containsExactly("trim");
        // colours punched up beside another request: the saturation was dropped
        assertThat(ops("colours look washed out on my gym promo, punch them up a bit and more contrast too")).containsExactly("saturation", "contrast");
        // headings, addresses and "… attached"; a list after a colon, in English and Chinese
        assertThat(interpreter.interpret("Hi team, Q3 town hall recording attached. Could you:\n- cut 00:00-00:42 (we were waiting for people to join)\n"
                + "- bump the volume, the CEO was far from the mic\n- add 'Q3 Town Hall' as a title at the top for the first 5 seconds\n"
                + "- get it under 100MB for the intranet\nThanks, Dana", 0)).extracting(EditOperation::op).containsExactly("cut", "volume", "text", "encode");
        assertThat(ops("我是健身教练，这个动作示范视频请帮我：\n1.剪掉前面10秒\n2.加字幕“深蹲 4组x12次”\n3.音量标准化")).containsExactly("trim", "text", "normalize_audio");
        assertThat(ops("Walkthrough of 14 Maple Ct for the listing. It's a little dark and shaky - please stabilize it, brighten it, and get it under 50MB"))
                .containsExactly("stabilize", "brightness", "encode");
        // everyday wordings: the whole thing, help me, double the resolution, a black screen reading, cards with their colours
        assertThat(ops("hey can u speed this whole thing up 2x, its my cooking vid for reels and it drags lol")).containsExactly("speed");
        assertThat(ops("Kindly help me cut off the first 8 seconds of this lesson recording")).containsExactly("trim");
        assertThat(interpreter.interpret("can you make it double the resolution? it's an old 480p clip", 0).getFirst().op()).isEqualTo("upscale");
        assertThat(ops("Please add a black screen at the start reading 'Smith v. Harlow - Deposition Excerpt' and fade out at the end. For internal review only."))
                .containsExactly("intro", "fade_out");
        assertThat(ops("婚礼视频，开头加个黑底白字的标题卡“张伟 & 李娜 2025.5.20”，结尾淡出")).containsExactly("intro", "fade_out");
        assertThat(ops("請幫我把影片轉成直的，要放IG限時動態")).containsExactly("aspect");
        assertThat(ops("第45秒到50秒整个画面打码，屏幕上露出了我的身份证号")).containsExactly("pixelate");
        // music by an artist, a person put somewhere else, a cake, a dog made a tiger, a qipao: never an edit of the local engine
        assertThatThrownBy(() -> interpreter.read("add Perfect by Ed Sheeran under the first dance please", 0)).hasMessageContaining("impossible");
        assertThatThrownBy(() -> interpreter.read("can I just get the audio as an mp3?", 0)).hasMessageContaining("impossible");
        for (String generative : List.of("put me in front of the Eiffel Tower instead of my backyard", "在桌上加一个生日蛋糕", "把我家狗狗变成一只老虎 hhhh",
                "给我换一件红色旗袍，拜年视频用，再调亮一点")) {
            assertThatThrownBy(() -> interpreter.read(generative, 0)).as(generative).hasMessageContaining("generative");
        }
    }

    @Test
    void theThirtyThirdSetsTrapsAndAmounts() {
        // a multiple said alone after an edit that takes one is its amount, never a speed change nobody asked for
        assertThat(interpreter.interpret("zoom in, 1.2x is plenty", 0)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("factor", 1.2));
        assertThat(interpreter.interpret("louder, 1.5x is enough", 0)).singleElement().satisfies(o -> assertThat(o.op()).isEqualTo("volume"));
        assertThat(interpreter.interpret("1.2x is plenty", 0).getFirst().op()).isEqualTo("speed");
        // a loop of a rollercoaster is a thing; a bare range after an edit of its own part is the next edit's
        assertThat(ops("the loop on the rollercoaster is between 0:20 and 0:25, make that bit slow-mo")).containsExactly("speed");
        assertThat(interpreter.interpret("前10秒加速2倍 30到40秒放慢到一半", 0)).extracting(o -> o.params().get("from")).containsExactly(0.0, 30.0);
        assertThat(interpreter.interpret("speed up 10-20s by 2x and slow 30-40s to half", 0).get(1).params()).containsEntry("factor", 0.5);
        // haircuts, flips, crop tops, reverse parking, 放大招, 黑白无常: things in the video
        for (String thing : List.of("my fade looks so clean in this, just brighten it up a bit", "her back flip is at the very end, freeze the last frame for 2 seconds",
                "I'm wearing a crop top in this and the whole thing looks washed out, add more contrast",
                "my first reverse parking attempt, put the caption 'nailed it' over the last 3 seconds", "他放大招那一下画面太暗了 整个视频调亮一点",
                "我们cos的黑白无常 加个标题写「黑白无常」")) {
            assertThat(interpreter.interpret(thing, 0)).as(thing).hasSize(1);
        }
        // a look not wanted this time; muted colours; undo the mirror; what's left after a cut; 换成复古的感觉; the sound alone
        assertThat(ops("no slow motion this time, just fade in and out")).containsExactly("fade_both");
        assertThat(interpreter.interpret("make the colours a bit more muted and cooler", 0).getFirst().op()).isEqualTo("saturation");
        assertThat(ops("the video came out mirrored, undo the mirror please")).containsExactly("hflip");
        assertThat(ops("after cutting the first 8 seconds (that's the intro), brighten what's left")).containsExactly("trim", "brightness");
        assertThat(ops("不要黑白的 换成复古的感觉")).containsExactly("vintage");
        assertThat(ops("只要画面 声音全部去掉")).containsExactly("mute");
        assertThatThrownBy(() -> interpreter.read("I just want the audio, can you give me an mp3", 0)).hasMessageContaining("impossible");
        assertThatThrownBy(() -> interpreter.read("配一首周杰伦的晴天", 0)).hasMessageContaining("impossible");
    }

    @Test
    void theThirtyFourthSetsSecondDayOfTraffic() {
        // a workout's warm-up is a part, not a warmer picture (its time said around a dash is not read yet: refused, never
        // warmed and sped up as a whole); a retro poster look is a posterize, not a vintage as well
        assertThatThrownBy(() -> interpreter.read("Spin class promo. Speed up the warm-up — the first two and a half minutes — 4x, leave the rest at normal speed.", 0))
                .hasMessageContaining("not understood");
        assertThat(ops("speed up the warm-up, the first 30 seconds, 2x")).doesNotContain("temperature");
        assertThat(ops("turn it into a retro poster look and a dark vignette")).doesNotContain("vintage");
        // a problem described then "so please …": the request, beside others
        assertThat(ops("It's very shaky (handheld) so please stabilise, and put the title 'Clean Water for Kisumu 2024' at the top."))
                .containsExactly("stabilize", "text");
        // a purpose after a colour edit of a part (做回忆的效果) is no black and white
        assertThat(ops("5秒到12秒那段调成冷色调，做回忆的效果")).containsExactly("temperature");
        // headings; everything between two times taken out; a colon before quoted words in Chinese; re-encode
        assertThat(ops("Sunset timelapse from Uluwatu. Speed it up 8x, boost the saturation a bit and loop it 3 times")).containsExactly("speed", "saturation", "loop");
        assertThat(ops("Take out everything between 5 and 9 seconds, then fade out the ending")).containsExactly("cut", "fade_out");
        assertThat(ops("帮我加字幕：“欢迎来到小林的直播间”，放在画面底部")).containsExactly("text");
        assertThat(interpreter.interpret("re-encode at CRF 18 please, it's going to the client for colour grading", 0).getFirst().params()).containsEntry("crf", 18);
        // an object swapped or taken off a table, snow added, background music of any kind: never the local engine's
        for (String generative : List.of("trim to the first 30 sec, make it 9:16 and replace the pillow in my arms with a cat", "剪掉前5秒，加速2倍，再把桌上的可乐瓶去掉",
                "加一些飘落的雪花，圣诞节发朋友圈用")) {
            assertThatThrownBy(() -> interpreter.read(generative, 0)).as(generative).hasMessageContaining("generative");
        }
        assertThatThrownBy(() -> interpreter.read("add some upbeat royalty-free background music", 0)).hasMessageContaining("impossible");
        // read again: a range with its unit on both sides is one range; "bless" is no typo of "less"
        assertThat(interpreter.interpret("Could you take out everything between 1m05s and 1m40s please?", 0).getFirst().params())
                .containsEntry("start", 65.0).containsEntry("end", 100.0);
        assertThat(ops("Please turn it 90 degrees clockwise. Thank you and God bless.")).containsExactly("rotate");
        assertThat(ops("live gig clip from Friday, normalise the audio, warm the colours up a touch")).containsExactly("normalize_audio", "temperature");
        // a follow-up that names an earlier version is still refused: the engine cannot know it
        assertThatThrownBy(() -> interpreter.read("same as before but brighter", 0)).hasMessageContaining("not understood");
    }

    @Test
    void theThirtyFifthSetsSecondLanguagesAndSpokenChinese() {
        // wrong edits found first: "tighten it up" (the pacing) was a typo of "brighten"; "where I'm setting up zoom" after a
        // cut zoomed in; "the brand colours" put a logo on; "cut the part from 2:10 to 2:35" kept the part
        assertThatThrownBy(() -> interpreter.read("the pacing feels off, can you tighten it up", 0)).hasMessageContaining("not understood");
        assertThat(ops("hey can u make the lecture recording 1.5x and also cut the first minute where im setting up zoom")).containsExactly("speed", "trim");
        assertThatThrownBy(() -> interpreter.read("Can you change my shirt color to blue? I'm wearing red and it clashes with the brand colours", 0))
                .hasMessageContaining("generative");
        assertThat(ops("Please help me cut the part from 2:10 to 2:35, my baby cry very loud there. Thank you so much")).containsExactly("cut");
        // English as a second language, Pidgin, Taglish
        assertThat(ops("Please, video speed make 2 times. It is cooking video of ramen, too long. But keep the original sound.")).containsExactly("speed", "keep_audio");
        assertThat(ops("Min, tolong ya, make video become vertical 9:16 for reels, and the sound make more loud because the voice of ustadz is small"))
                .containsExactly("aspect", "volume");
        assertThat(ops("Hi po! Pwede po ba gawing black and white yung whole video? It's for my Lola's memorial, tapos fade out po at the end. Salamat po"))
                .containsExactly("grayscale", "fade_out");
        assertThat(interpreter.interpret("Abeg help me compress this video make e no pass 16MB, I wan send am for WhatsApp status", 0).getFirst().params())
                .containsEntry("max_mb", 16.0);
        assertThat(ops("hola, i want it more slow in the part of the waltz, from 1:20 until 1:50, and in the final put black and white the last 10 seconds"))
                .containsExactly("speed", "grayscale");
        // a correction after a request not understood takes it back; an emoji's selector glued to the next word
        assertThat(ops("Recipe reel: can you freeze the start — no wait, freeze the LAST frame for 3 seconds")).containsExactly("freeze_end");
        assertThat(ops("✂️ last 3 sec off pls + mute 🙏")).containsExactly("drop_last", "mute");
        // hours of a short clip, a song named without an article, transitions between clips, cuts on the beat
        for (String impossible : List.of("make it 3 hours long, it's a fireplace video for a relaxing stream", "Add Burna Boy song 'Last Last' for background",
                "add whoosh transitions between my clips", "根据音乐卡点剪一下，节奏感强一点", "两段素材之间加个转场，叠化那种")) {
            assertThatThrownBy(() -> interpreter.read(impossible, 0)).as(impossible).hasMessageContaining("impossible");
        }
        // spoken Chinese: no punctuation, erhua, Sichuan 一哈 and 嘞嘛, northern 整, homophones (到放, 家快), 雪花点, 面部
        assertThat(ops("你好麻烦你帮我把这个视频调亮一点我孙子跳舞的视频太暗了看不清楚谢谢你了")).containsExactly("brightness");
        assertThat(interpreter.interpret("老铁帮我把这视频整成竖屏的呗，抖音用，再整快点儿，1.5倍就行", 0).get(1).params()).containsEntry("factor", 1.5);
        assertThat(ops("帮我把这个视频弄成黑白嘞嘛，要得，最后五秒钟慢放一哈")).containsExactly("grayscale", "speed");
        assertThat(ops("帮我把视频到放一下然后循环三次")).containsExactly("reverse", "loop");
        assertThat(interpreter.interpret("把视频的速度家快两倍", 0).getFirst().params()).containsEntry("factor", 2.0);
        assertThat(ops("您好，打扰您了，画面上有好多雪花点，能不能麻烦您给去一去，再调亮一些")).containsExactly("denoise", "brightness");
        assertThat(ops("手术示教视频，病人面部需要打马赛克，另外分辨率降到720p方便传")).containsExactly("blur_faces", "scale");
        assertThat(ops("这视频给我整成老照片那种棕黄色儿，就跟老电影似的那种色")).containsExactly("sepia");
        assertThat(interpreter.interpret("证据视频请勿改动内容，只需要压缩一下，邮箱附件限制10M", 0).getFirst().params()).containsEntry("max_mb", 10.0);
        // a contrast said as its value in Chinese; code-switched words are read before the Chinese rules that need them
        assertThat(interpreter.interpret("乐队排练视频，镜像翻转一下，然后把对比度调到1.5", 0).get(1).params()).containsEntry("factor", 1.5);
        assertThat(interpreter.interpret("这个vlog帮我加点film grain，contrast拉高一点，saturation降一点", 0).get(2).op()).isEqualTo("saturation");
    }

    @Test
    void theThirtySixthSetsTradeWords() {
        // wrong edits found first: a number ending a sentence ("CRF 23.") was a list's marker and vanished; "clip is 60fps"
        // and "(it's 24fps)" describe the source, never a conversion; 定格动画感 is a feel, no freeze; AI fill is generative
        assertThat(ops("Export 720p, H.264, CRF 23. Need it for the CMS before the 6 o'clock bulletin.")).containsExactly("scale", "encode");
        assertThat(interpreter.interpret("Can help to fade in over 12 frames (it's 24fps) and then compress abit for whatsapp?", 0))
                .extracting(EditOperation::op).containsExactly("fade_in", "encode");
        assertThat(ops("抽帧到15fps，做那种卡顿的定格动画感")).containsExactly("fps");
        assertThatThrownBy(() -> interpreter.read("横屏改竖屏，上下用AI补画面，不要黑边也不要裁", 0)).hasMessageContaining("generative");
        assertThatThrownBy(() -> interpreter.read("extend the frame to 9:16 with generative fill top and bottom", 0)).hasMessageContaining("generative");
        // timecodes with frames (at the rate said), lengths as clock readings, frames as seconds
        assertThat(interpreter.interpret("Trim to TC 00:00:10:00 – 00:00:25:00, 25p project.", 0).getFirst().params())
                .containsEntry("start", 10.0).containsEntry("duration", 15.0);
        assertThat(interpreter.interpret("cut 00:01:00:15 to 00:01:05:00, 30fps timeline", 0).getFirst().params()).containsEntry("start", 60.5);
        assertThat(interpreter.interpret("prof wants it under 3 min, can u just keep the first 2:59", 0).getFirst().params()).containsEntry("duration", 179.0);
        assertThat(interpreter.interpret("remove the first 00:00:07 (count-in) and the last 5 seconds", 0)).extracting(EditOperation::op)
                .containsExactly("trim", "drop_last");
        // the trade's words: ramp, sat, bump the exposure, half res, export 720p, PIP, lower … to a frame rate, don't crop
        assertThat(interpreter.interpret("Ramp 0:08–0:11 to 4x then back to normal. Also hold a freeze frame at 0:11 for 1s.", 0))
                .extracting(EditOperation::op).containsExactly("speed", "freeze");
        assertThat(interpreter.interpret("Grade notes: contrast 1.2, sat 0.9, cool it down slightly.", 0).get(1).params()).containsEntry("factor", 0.9);
        assertThat(ops("night market footage is super noisy, denoise it and bump the exposure a bit")).containsExactly("denoise", "brightness");
        assertThat(ops("Half res and CRF 28 please")).containsExactly("scale", "encode");
        assertThat(ops("clip is 60fps, drop it to 30 and get it under 25MB for discord")).containsExactly("fps", "encode");
        assertThat(interpreter.interpret("make it 9:16 but DON'T crop, just bars top and bottom", 0).getFirst().params()).containsEntry("fit", "pad");
        assertThat(ops("Client wants the first dance trimmed to 00:00:42–00:01:58, slow the last 8 seconds to 50%, and fade to black over 2s at the end."))
                .containsExactly("trim", "speed", "fade_out");
        assertThat(ops("recipe reel - speed up the chopping part 0:20 to 0:50 by 3x, keep the rest at normal speed")).containsExactly("speed");
        assertThat(interpreter.interpret("整体1.5倍速，前5秒保持原速", 0).getFirst().params()).containsEntry("from", 5.0);
        // what one video cannot give: a beat under it, a J-cut from the next clip
        for (String impossible : List.of("add a lo-fi beat under it, royalty free pls", "J-cut the audio from the next clip in under the end of this one")) {
            assertThatThrownBy(() -> interpreter.read(impossible, 0)).as(impossible).hasMessageContaining("impossible");
        }
        // 卡点用的 only says what the clip is for
        assertThat(ops("宝子们 最后3秒放大一点点 卡点用的🙏")).containsExactly("zoom");
    }

    @Test
    void theThirtySeventhSetsWhereAndWhen() {
        // wrong edits found first: "like 8x" after a part's timelapse sped up the whole video; 素描效果只要第8秒到第12秒 kept
        // 8–12 s; a complaint about a part ("the kitchen section from 0:48 to 1:15 is way too dark") brightened everything
        assertThat(interpreter.interpret("The plane landing (0:00–0:12) should be a timelapse, like 8x, rest normal.", 0).getFirst().params())
                .containsEntry("from", 0.0).containsEntry("to", 12.0).containsEntry("factor", 8.0);
        assertThat(interpreter.interpret("素描效果只要第8秒到第12秒，别的地方正常", 0)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("from", 8.0).containsEntry("to", 12.0));
        assertThat(interpreter.interpret("黑白只要前5秒", 0)).singleElement().satisfies(o -> assertThat(o.op()).isEqualTo("grayscale"));
        assertThat(interpreter.interpret("the kitchen section from 0:48 to 1:15 is way too dark", 0).getFirst().params()).containsEntry("from", 48.0);
        assertThat(interpreter.interpret("it's too dark in the first 5 seconds", 0).getFirst().params()).containsEntry("to", 5.0);
        // "also" after a request: the complaint is one more thing to do; joining two complaints it is not
        assertThat(ops("Sermon recording. The first 4 minutes is just people finding their seats, please cut that off. Also the audio is too quiet overall."))
                .containsExactly("trim", "volume");
        assertThat(ops("剪掉前5秒，另外声音太小了")).containsExactly("trim", "volume");
        assertThat(ops("cut the first 5 seconds, it's too dark")).containsExactly("trim");
        // a part named, then what it holds or how long: "needs to go", "is just a black screen so chop that", "for 3 seconds
        // starting at 0:40", 从第40秒开始的3秒, "just that", "keep only that", 新娘进场那段是1:05到1:40
        assertThat(interpreter.interpret("Client notes: TC 00:00:45:00 to 00:01:02:00 needs to go.", 0).getFirst().op()).isEqualTo("cut");
        assertThat(interpreter.interpret("also 0:00-0:07 is just a black screen so chop that", 0).getFirst().params()).containsEntry("end", 7.0);
        assertThat(interpreter.interpret("for 3 seconds starting at 0:40 do a slow mo, that's when he scores", 0).getFirst().params())
                .containsEntry("from", 40.0).containsEntry("to", 43.0);
        assertThat(interpreter.interpret("从第40秒开始的3秒做慢动作（进球那一下）", 0).getFirst().params()).containsEntry("to", 43.0);
        assertThat(interpreter.interpret("the kitchen is 0:48-1:15, brighten just that", 0).getFirst().params()).containsEntry("from", 48.0);
        assertThat(interpreter.interpret("the experiment starts at 4:12 and ends at 6:40. Keep only that", 0).getFirst().params())
                .containsEntry("start", 252.0).containsEntry("duration", 148.0);
        assertThat(interpreter.interpret("新娘进场那段是1:05到1:40，帮我放慢一点，其他不动", 0).getFirst().params()).containsEntry("from", 65.0);
        assertThat(interpreter.interpret("奶奶想看孙子的钢琴比赛，帮我把2:40到5:10弹琴那段剪出来，声音调大", 0).getFirst().op()).isEqualTo("trim");
        assertThat(ops("vlog edit: first 3 seconds sped up 3x, last 3 seconds slowed to half")).containsExactly("speed", "speed");
        // one part of the frame is no edit of the whole picture; a song by its title in 《》 is no caption
        for (String region : List.of("blur the left side", "make only the left side black and white", "右半边打马赛克", "画面中间调亮")) {
            assertThatThrownBy(() -> interpreter.read(region, 0)).as(region).hasMessageContaining("impossible");
        }
        assertThatThrownBy(() -> interpreter.read("给婚礼视频配上《今天你要嫁给我》这首歌", 0)).hasMessageContaining("impossible");
        assertThat(ops("配上《晴天》的字幕")).containsExactly("text");
    }

    @Test
    void theThirtyEighthSetsChatterAroundTheRequest() {
        // wrong edits found first: "its blurry too so sharpen it" blurred as well, "so much grain from the dim classroom"
        // brightened (a degree word four words before "dim"), "the first 10 seconds is just people walking around so remove
        // that" was dropped, "no wait, don't blur my face" kept the blur
        assertThat(ops("the lecture recording has so much grain from the dim classroom, can you clean that up? and its blurry too so sharpen it a bit"))
                .containsExactly("denoise", "sharpen");
        assertThat(ops("the lighting was super orange, can you make it cooler? And the first 10 seconds is just people walking around so remove that."))
                .containsExactly("temperature", "trim");
        assertThat(interpreter.interpret("Put the background as image 2 instead of my messy room and blur my face? no wait, don't blur my face, just the background thing", 2))
                .extracting(EditOperation::op).containsExactly("replace_background");
        // an earlier version is not kept: "same as last time", 跟上次一样 are refused, saying why
        for (String earlier : List.of("hey me again, same as last time but slower", "跟上次一样，但是慢一点", "还是上个版本那样，但速度改成1.25倍")) {
            assertThatThrownBy(() -> interpreter.read(earlier, 0)).as(earlier).hasMessageContaining("earlier edit");
        }
        // the chatter: a portal's limit, faces that need blurring, "volume's", "maybe a vignette too", passive requests, lists
        assertThat(interpreter.interpret("Kindly reduce the file size, the HR portal only accepts up to 50MB.", 0).getFirst().params()).containsEntry("max_mb", 50.0);
        assertThat(ops("hi!! faces of the other kids need to be blurred before i post it")).containsExactly("blur_faces");
        assertThat(ops("volume's way too loud in the second half, can you turn it down by half from 1:30 on?")).containsExactly("volume");
        assertThat(ops("give it that 70s retro feel and maybe a vignette too?")).containsExactly("vintage", "vignette");
        assertThat(interpreter.interpret("Kindly do the needful: video to be trimmed to first 45 seconds and our company logo (image 1) to be placed at top right corner.", 1))
                .extracting(EditOperation::op).containsExactly("trim", "watermark");
        assertThat(ops("1. 剪掉开头3秒\n2. 2倍速\n3. 加字幕“今日份健身打卡”")).containsExactly("trim", "speed", "text");
        assertThat(ops("not sure if this is doable but can you zoom in 2x between 0:20 and 0:25 so people see the crack in the wall?")).containsExactly("zoom");
        assertThat(ops("can you make it 4K? the client wants a 4K deliverable for their lobby screen")).containsExactly("upscale");
        assertThat(ops("宝贝孙女的幼儿园表演，奶奶看不清楚，太暗了，帮忙调亮一点，声音也大一点，谢谢啦")).containsExactly("brightness", "volume");
        assertThat(ops("从1分钟开始往后都调暗一点")).containsExactly("brightness");
        assertThat(ops("能不能弄成黑白的？不要那种复古的，就纯黑白")).containsExactly("grayscale");
        // what only a model can do, or no video edit: a photobomber taken out, a style of a figure, snow, a GIF, the sound alone
        assertThatThrownBy(() -> interpreter.read("take the guy in the red jacket out of the background", 0)).hasMessageContaining("generative");
        assertThatThrownBy(() -> interpreter.read("加点飘雪的效果，然后放慢", 0)).hasMessageContaining("generative");
        assertThatThrownBy(() -> interpreter.read("can I get this as a GIF for slack?", 0)).hasMessageContaining("impossible");
        assertThatThrownBy(() -> interpreter.read("just need the audio out of this, mp3 for my podcast", 0)).hasMessageContaining("impossible");
    }

    @Test
    void theThirtyNinthSetsAmountsSaidEveryWay() {
        // wrong edits found first: "fade in + out" dropped the fade out; 片尾加个字卡：… showed "卡：感谢观看"
        assertThat(ops("vertical 9:16 for reels, twice as fast, and fade in + out")).containsExactly("aspect", "speed", "fade_both");
        assertThat(interpreter.interpret("片尾加个字卡：感谢观看，记得点赞关注", 0).getFirst().params()).containsEntry("text", "感谢观看，记得点赞关注");
        // amounts: three quarters speed, 20% said after the verb, 两倍半, 一丢丢, 狠狠地, 转半圈, full HD, 高清720p, 标清
        assertThat(interpreter.interpret("could you slow it down to three quarters speed?", 0).getFirst().params()).containsEntry("factor", 0.75);
        assertThat(interpreter.interpret("brightness up 20%, the restaurant was dim", 0).getFirst().params()).containsEntry("amount", 0.2);
        assertThat(interpreter.interpret("帮我把速度调成两倍半，这是我做红烧肉的全过程，太长了", 0).getFirst().params()).containsEntry("factor", 2.5);
        assertThat(ops("稍微调暗一丢丢，现在有点过曝")).containsExactly("brightness");
        assertThat(ops("对比度狠狠地拉高！要那种很有冲击力的感觉")).containsExactly("contrast");
        assertThat(interpreter.interpret("画面整个倒过来了，帮我转半圈", 0).getFirst().params()).containsEntry("degrees", 180);
        assertThat(interpreter.interpret("Export in full HD please, the 4K file from my drone is far too heavy", 0).getFirst().params()).containsEntry("height", 1080);
        assertThat(interpreter.interpret("高清720p就够了，帧率改成二十五，再把声音调小一半", 0)).extracting(EditOperation::op).containsExactly("scale", "fps", "volume");
        assertThat(interpreter.interpret("分辨率降到标清就行，我妈手机太老了放不动", 0).getFirst().params()).containsEntry("height", 480);
        // an impossible amount said in words is still an invalid value
        assertThatThrownBy(() -> interpreter.read("make the volume 500%, grandad can't hear a thing", 0)).isInstanceOf(VeditException.class)
                .satisfies(e -> assertThat(((VeditException) e).code()).isEqualTo(ErrorCode.INVALID_PARAMETERS));
        // a timelapse of the sunset and a minecraft build are things in the video, not looks to make
        assertThat(ops("8x timelapse of the sunset, then encode at crf 23")).containsExactly("speed", "encode");
        assertThat(ops("yo can u speed this up like 2.5x, its my minecraft castle build timelapse")).containsExactly("speed");
        assertThatThrownBy(() -> interpreter.read("make it look like minecraft", 0)).hasMessageContaining("generative");
    }

    @Test
    void theFortiethSetsTrapsForAReaderOfWords() {
        // wrong edits found first: a caption whose words hold 太 (「我太难了」) was taken for a complaint and dropped; 防抖一下
        // after 手抖得厉害 went on describing and was dropped; "2x speed for the drills, that's 0:40 to 1:20" sped up everything
        assertThat(ops("xswl 这段太搞笑了，加速两倍，再加字幕「我太难了」")).containsExactly("speed", "text");
        assertThat(ops("用长焦镜头拍的演唱会，手抖得厉害，防抖一下；画面噪点也多，顺便降个噪")).containsExactly("stabilize", "denoise");
        assertThat(interpreter.interpret("Footy training clip mate - sharpen it up and 2x speed for the drills, that's 0:40 to 1:20", 0).get(1).params())
                .containsEntry("from", 40.0).containsEntry("to", 80.0);
        // names and things that share an edit's word
        assertThat(ops("Mr. Black's retirement party! Add a title card at the start that says 'Thank You, Mr. Black' and fade out at the end"))
                .containsExactly("intro", "fade_out");
        assertThat(ops("Flip phone shop promo vid - just need it square for Instagram and the volume a bit louder pls")).containsExactly("aspect", "volume");
        assertThat(ops("loop-the-loop coaster POV, slow down 0:20 to 0:26 to half speed so ppl can see the drop")).containsExactly("speed");
        assertThat(ops("my nephew's fast car clip, reverse it and loop it twice, he thinks it's hilarious")).containsExactly("reverse", "loop");
        assertThat(ops("can u make my black and white cat video brighter, shot it in the evening")).containsExactly("brightness");
        // accessibility and chatter
        assertThat(ops("My grandparents couldn't hear anyone in the family reunion video, please make the voices much louder. Also take out the part from 2:10 to 2:40, that's just the car park."))
                .containsExactly("volume", "cut");
        assertThat(ops("Deposition clip - needs to be muted and the witnesses' faces blurred before it goes to opposing counsel.")).containsExactly("mute", "blur_faces");
        assertThat(ops("视频里那辆红色跑车开得很快，很帅，但是1分05秒到1分12秒拍糊了，删掉")).containsExactly("cut");
        assertThat(ops("直播回放前20分钟不要，剪掉")).containsExactly("trim");
        assertThat(ops("超分到1080p，是老录像带转出来的")).containsExactly("upscale");
        // a plate or a whiteboard is no face: one part of the frame; a lion, a ginger cat, dumplings and furniture are painted
        assertThatThrownBy(() -> interpreter.read("blur the number plate on the fast car in the bottom left corner", 0)).hasMessageContaining("impossible");
        assertThatThrownBy(() -> interpreter.read("只把左边那块白板模糊掉", 0)).hasMessageContaining("impossible");
        for (String generative : List.of("turn our dog into a lion and make it twice as fast", "把视频里的黑白猫变成橘猫", "年夜饭视频桌上有点空，加一盘饺子",
                "空房间里加上家具，做成样板间的效果", "fill the empty stands behind the players with a cheering crowd")) {
            assertThatThrownBy(() -> interpreter.read(generative, 0)).as(generative).hasMessageContaining("generative");
        }
        assertThatThrownBy(() -> interpreter.read("stretch our 2-minute promo so it's 3 hours long for the lobby screen", 0)).hasMessageContaining("impossible");
    }

    @Test
    void theFortyFirstSetsOrderAndScope() {
        // wrong edits found first: an edit "for the first 5 s and the last 5 s" kept the last 5 s; 0到30秒和1分到1分30秒都4倍速
        // kept 0–30 s; 第12秒到第15秒、第40秒到第43秒分别放慢 dropped the second part; "compress it so it's under 25MB" lost its
        // size; 前面10秒保持原样 after 从第10秒开始 kept the rest; 音量调小 joined to 观众太吵了 was dropped as a complaint;
        // 这段再加点颗粒感 lost its part; 音量不用改了 kept the volume; 各3秒 lengthened one card; "like the one I sent Tuesday"
        assertThat(interpreter.interpret("black and white for the first 5 s and the last 5 s please", 0)).extracting(EditOperation::op)
                .containsExactly("grayscale", "grayscale");
        assertThat(interpreter.interpret("can you make both the first 4 seconds and 0:30-0:34 look like old film?", 0)).extracting(EditOperation::op)
                .containsExactly("vintage", "vintage");
        assertThat(interpreter.interpret("0到30秒和1分到1分30秒都4倍速，都是我在摆器材", 0)).extracting(o -> o.params().get("from")).containsExactly(0.0, 60.0);
        assertThat(interpreter.interpret("第12秒到第15秒、第40秒到第43秒分别放慢，这两段是进球", 0)).extracting(o -> o.params().get("from")).containsExactly(12.0, 40.0);
        assertThat(interpreter.interpret("Invert the colours for the first second and the last second each", 0)).hasSize(2);
        assertThat(interpreter.interpret("cut out 1:05 to 1:12, then compress it so it's under 25MB for the school portal", 0).get(1).params())
                .containsEntry("max_mb", 25.0);
        assertThat(ops("从第10秒开始一直到结尾都调成复古色，前面10秒保持原样")).containsExactly("vintage");
        assertThat(ops("前30秒音量调大，最后15秒音量调小，观众太吵了")).containsExactly("volume", "volume");
        assertThat(interpreter.interpret("从50秒开始到结尾都慢放，这段再加点颗粒感", 0).get(1).params()).containsEntry("from", 50.0);
        assertThat(ops("改成竖屏，左上角加图1的logo，音量减半。哦音量不用改了")).containsExactly("aspect", "watermark");
        assertThat(interpreter.interpret("图1做片头，图2做片尾，各3秒，教会周年庆用的", 2)).allSatisfy(o -> assertThat(o.params()).containsEntry("duration", 3.0));
        assertThatThrownBy(() -> interpreter.read("like the one I sent Tuesday, but with the new logo", 1)).hasMessageContaining("earlier edit");
        assertThatThrownBy(() -> interpreter.read("还是老样子，字幕换成新的", 0)).hasMessageContaining("earlier edit");
        // "skip the sepia" takes an edit back; "skip the last 2 seconds" is a cut
        assertThat(ops("add a vignette and a sepia tone — actually skip the sepia, just the vignette")).containsExactly("vignette");
        assertThat(ops("cut the first 3 seconds, skip the last 2 seconds too")).containsExactly("trim", "drop_last");
        // one task hands back one video
        assertThatThrownBy(() -> interpreter.read("make two versions please: one vertical for TikTok, one square for Instagram", 0)).hasMessageContaining("impossible");
        assertThatThrownBy(() -> interpreter.read("做两个版本：一个竖屏发抖音，一个横屏发B站", 0)).hasMessageContaining("impossible");
    }

    @Test
    void theFortySecondSetsSingaporeMalaysiaHongKongAndTaiwan() {
        // wrong edits found first: "Too dark lah, on the light a bit" dropped the brightness; "fade in and fade out, both ends
        // 2 sec each" faded for 1 s; "the words on my t-shirt all reversed one"
        assertThat(ops("Too dark lah, on the light a bit and make the colours pop pls")).containsExactly("brightness", "saturation");
        assertThat(interpreter.interpret("fade in and fade out, both ends 2 sec each. For the graduation slideshow", 0).getFirst().params())
                .containsEntry("duration", 2.0);
        // Singlish: off the sound, open bigger, very shaky already, quite blur leh, can remove or not, compress until below
        for (String said : List.of("off the sound for me, the aircon very noisy one", "open bigger the picture a bit, the birthday cake too small in the frame",
                "my hp video very shaky already, help me stabilise it lah", "video quite blur leh, can sharpen a bit?",
                "compress until below 25MB hor, want to send in the parents WhatsApp group", "Please reduce to 720p, our clinic's website cannot take such a big video",
                "only want the last 15 seconds can already", "Hawker stall video for Instagram: keep only 0:15 to 0:45, then make it square")) {
            assertThat(interpreter.interpret(said, 0)).as(said).isNotEmpty();
        }
        // Taiwan and Hong Kong: 影片, 整支, 成條片, 最尾嗰3秒, 得唔得
        assertThat(ops("婚禮影片最後10秒改成慢動作，然後結尾淡出")).containsExactly("speed", "fade_out");
        assertThat(ops("整支影片變黑白，是要給阿公的紀念影片")).containsExactly("grayscale");
        assertThat(ops("啲聲太細，幫手調大少少得唔得？")).containsExactly("volume");
        assertThat(ops("最尾嗰3秒剪咗佢，有人行過")).containsExactly("drop_last");
        assertThat(ops("畀我淡入淡出，仲有成條片靜音")).containsExactly("fade_both", "mute");
        // mixed: delete掉, 很shaky, resolution降到720p, faces要blur掉
        assertThat(ops("把0:45到1:05那段delete掉，那边拍到我在吃东西")).containsExactly("cut");
        assertThat(ops("我的video很shaky，帮忙stabilize一下，谢谢")).containsExactly("stabilize");
        assertThat(ops("resolution降到720p，file太大了upload不到")).containsExactly("scale");
        // things at night, a sky that is a model's to change
        assertThat(ops("畫面太暗了，拜託幫我調亮一點，是晚上在夜市拍的")).containsExactly("brightness");
        assertThatThrownBy(() -> interpreter.read("the sky that day very hazy, make it blue sky can?", 0)).hasMessageContaining("generative");
    }

    @Test
    void theFortyThirdAndFortyFourthSetsPlatformSpecsAndADayOfTraffic() {
        // wrong edit found first: "export this as MP4, MOV and ProRes all at once" encoded one MP4 (one task hands back one video)
        assertThatThrownBy(() -> interpreter.read("export this as MP4, MOV and ProRes all at once, the broadcaster wants the three deliverables", 0))
                .hasMessageContaining("impossible");
        // specs said beside the edits: "Amazon caps it at 60 sec", "shopee needs vertical 9:16", "fits the 200 MB limit", H.264 mp4
        assertThat(ops("Amazon listing video. Amazon caps it at 60 sec so please keep just the first 60 seconds, and make it square 1:1. Thx"))
                .containsExactly("trim", "aspect");
        assertThat(ops("shopee needs vertical 9:16 no black bars pls. also a bit brighter, the lighting in my stall is bad")).containsExactly("aspect", "brightness");
        assertThat(interpreter.interpret("please remove 3:15 to 3:40, and compress it so it fits the 200 MB limit on our LMS.", 0).get(1).params())
                .containsEntry("max_mb", 200.0);
        assertThat(ops("for the lazada upload: H.264 mp4, 720p")).containsExactly("encode", "scale");
        assertThat(ops("Stabilize + brighten please, then put the text \"14 Maple Ct - Open House Sat 2pm\" along the bottom")).containsExactly("stabilize", "brightness", "text");
        assertThat(ops("For the end screen, hold the last frame for 10 seconds so I've got room for the subscribe + next video cards")).containsExactly("freeze_end");
        assertThat(interpreter.interpret("Speed up from the 20 second mark to the 50 second mark, 4x", 0).getFirst().params()).containsEntry("from", 20.0);
        assertThat(ops("okay so half speed please and uh take the sound off comma it's for a slow mo montage of our cricket match full stop")).containsExactly("speed", "mute");
        // what one video and no speech model can give: captions from the speech, an AI voice-over, hours from ten seconds
        for (String impossible : List.of("Can you generate subtitles from what I say in the video? Udemy requires captions now.", "帮我配个AI旁白，介绍一下产品卖点",
                "Make this 10 second clip into a 2 hour video for my sleep sounds channel", "同时导出横屏和竖屏两个版本，抖音和B站各发一个")) {
            assertThatThrownBy(() -> interpreter.read(impossible, 0)).as(impossible).hasMessageContaining("impossible");
        }
        assertThatThrownBy(() -> interpreter.read("把左上角那块打个马赛克，有我的电话号码", 0)).hasMessageContaining("impossible");
        // a night shot is no night look; an argument in the background is no background to replace
        assertThat(ops("整段静音吧，背景有人在吵架")).containsExactly("mute");
    }

    @Test
    void theFortyFifthAndFortySixthSetsTheLineBetweenAFilterAndAModel() {
        // wrong edits found first: "It loops on the waiting room screen" looped the video; 只有480p (a fact) scaled to 480p;
        // "I zoomed in too far on the scoreboard" zoomed; "can you upscale it" after "the client wants it in 4K" upscaled twice;
        // "… frozen for 3 sec, then a card saying …" put the card first; 消除回声 read as an audio denoise
        assertThat(ops("Please mute the whole thing and put a caption at the bottom: \"Quiet zone\". It loops on the waiting room screen at our clinic."))
                .containsExactly("mute", "text");
        assertThat(interpreter.interpret("2010年拍的毕业视频，只有480p，帮我超分到1080p", 0)).singleElement().satisfies(o -> assertThat(o.op()).isEqualTo("upscale"));
        assertThat(ops("Can you make it sharper? It's a bit blurry, I zoomed in too far on the scoreboard.")).containsExactly("sharpen");
        assertThat(interpreter.interpret("Client wants it in 4K (2160p) for the lobby screen, can you upscale it?", 0)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("height", 2160));
        assertThat(ops("End it with the last frame frozen for 3 sec, then a card saying 'Thank you'")).containsExactly("freeze_end", "outro");
        // repairs the engine does not make, and what only a model can: said by kind
        for (String impossible : List.of("fix the audio sync, my voice is about half a second behind my lips", "de-flicker the lights pls",
                "Can you make it HDR?", "画面拉直，地平线是歪的", "去黑边，上下两条黑边太丑了", "brighten only his face, he's backlit")) {
            assertThatThrownBy(() -> interpreter.read(impossible, 0)).as(impossible).hasMessageContaining("impossible");
        }
        for (String generative : List.of("消除回声，教室太空了录出来嗡嗡的", "isolate my voice from the backing music", "帮我补帧，做成那种丝滑的慢动作")) {
            assertThatThrownBy(() -> interpreter.read(generative, 0)).as(generative).hasMessageContaining("generative");
        }
        // keeping the pitch is what a speed change does here; 声音不要变调 is never a mute
        assertThat(ops("speed it up 2x but keep my voice normal pls")).containsExactly("speed");
        assertThat(ops("2倍速，但是声音不要变调哦")).containsExactly("speed");
    }

    private Map<String, Object> params(String prompt, int index) {
        return interpreter.interpret(prompt, 0).get(index).params();
    }

    @Test
    void theFortySeventhSetWhereAndWhenSaidEveryWay() {
        // wrong edits found first: "grain + sepia from 1:00 to 1:20" grained the whole video; "last 10 seconds: slow-mo +
        // black & white" made it all grey; 除了…（1:00到1:40），其余都加速 kept 1:00 to 1:40 alone; 10秒到20秒、1分到1分10秒锐化 kept
        // 10 to 20 s; "turn the volume up, then down for the last 15 secs" kept the last 15 s; 新娘进场的时候定格 froze the last frame
        assertThat(interpreter.interpret("Grain + sepia from 1:00 to 1:20 (flashback scene), rest untouched", 0))
                .allSatisfy(o -> assertThat(o.params()).containsEntry("from", 60.0).containsEntry("to", 80.0));
        assertThat(interpreter.interpret("Last 10 seconds: slow-mo + black & white", 0))
                .allSatisfy(o -> assertThat(o.params()).containsEntry("at", "end").containsEntry("duration", 10.0));
        assertThat(interpreter.interpret("除了中间领导讲话那段（1:00到1:40），其余部分都加速2倍", 0)).extracting(o -> o.params().get("from"))
                .containsExactly(0.0, 100.0);
        assertThat(interpreter.interpret("0:05到0:07、0:15到0:17、0:25到0:27这三段反色，是鼓点", 0)).extracting(o -> o.params().get("from"))
                .containsExactly(5.0, 15.0, 25.0);
        assertThat(interpreter.interpret("turn the music up, then down for the last 15 secs", 0)).extracting(EditOperation::op)
                .containsExactly("volume", "volume");
        assertThatThrownBy(() -> interpreter.read("speed it up 2x, then down for the last 5 seconds", 0)).hasMessageContaining("not understood");
        assertThatThrownBy(() -> interpreter.read("新娘进场的时候定格", 0)).hasMessageContaining("not understood");
        // all but a range: the edit before it and after it, in words, in Chinese, after the edit or before it
        for (String except : List.of("make it grayscale except 0:20 to 0:25", "black and white everywhere apart from 20-25s",
                "make it black and white but leave 0:20 to 0:25 in colour", "make it black and white except twenty seconds to twenty five seconds",
                "除了0:20到0:25，其他都调成黑白", "整段转黑白，但20秒到25秒那段保留彩色", "除了第20秒到第25秒以外全部变成黑白")) {
            assertThat(interpreter.interpret(except, 0)).as(except).extracting(o -> o.params().get("from"), o -> o.params().get("to"))
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(0.0, 20.0), org.assertj.core.groups.Tuple.tuple(25.0, null));
        }
        assertThat(ops("keep everything except 0:30 to 0:42")).containsExactly("cut");
        assertThat(interpreter.interpret("cut everything except 0:30-0:42", 0).getFirst().params()).containsEntry("start", 30.0).containsEntry("duration", 12.0);
        // a part left as it is says no edit; "… kept in colour, everything after it in B&W" is from its end
        assertThat(interpreter.interpret("Client wants 0:00–0:30 kept in colour, everything after it in B&W, plus a 2s fade in", 0).getFirst().params())
                .containsEntry("from", 30.0);
        assertThat(ops("make the second half sepia, first half stays as is")).containsExactly("sepia");
        assertThat(ops("請把第1分鐘到1分20秒調成黑白，其他保留彩色")).containsExactly("grayscale");
        assertThat(ops("Please lower the volume slightly whilst leaving everything else as it is")).containsExactly("volume");
        // the first seconds left alone: the edits said for no part are for the rest
        assertThat(interpreter.interpret("the first 10 secs are fine, don't touch them. Everything after that: warmer, plus a light vignette", 0))
                .allSatisfy(o -> assertThat(o.params()).containsEntry("from", 10.0));
        assertThat(params("don't touch the first 5 seconds, then make it black and white", 0)).containsEntry("from", 5.0);
        assertThat(params("前10秒不要动，后面调成黑白", 0)).containsEntry("from", 10.0);
        assertThatThrownBy(() -> interpreter.read("前10秒不要动", 0)).hasMessageContaining("not understood");
        // several moments, one freeze each; a moment named, then frozen there
        for (String freezes : List.of("freeze at 5s, 10s and 15s for 1 second each", "freeze for 1 second at 5s, 10s and 15s",
                "Three freeze frames please: 0:05, 0:10 and 0:15, each one held for 1 second", "在第5秒、第10秒、第15秒各定格1秒",
                "第5秒、第10秒、第15秒这三个地方各定格1秒")) {
            assertThat(interpreter.interpret(freezes, 0)).as(freezes).extracting(o -> o.params().get("at")).containsExactly(5.0, 10.0, 15.0);
        }
        assertThat(interpreter.interpret("freeze at 12.5s for 1 sec, then again at 31s for 2 sec", 0)).extracting(o -> o.params().get("duration"))
                .containsExactly(1.0, 2.0);
        assertThat(params("切蛋糕在2分18秒，在那定格3秒", 0)).containsEntry("at", 138.0);
        // parts by start and length, to the end, until a time said after the edit
        assertThat(params("just keep 3 seconds starting at 0:40", 0)).containsEntry("start", 40.0).containsEntry("duration", 3.0);
        assertThat(params("from 0:08 for 6 seconds, mirror it horizontally", 0)).containsEntry("to", 14.0);
        assertThat(params("从40秒开始慢放3秒，那是扣篮的瞬间", 0)).containsEntry("to", 43.0);
        assertThat(params("can u make 0:12 till the end slow motion", 0)).containsEntry("from", 12.0).doesNotContainKey("to");
        assertThat(params("画面从第12秒开始放大2倍，到第15秒结束", 0)).containsEntry("to", 15.0);
        assertThat(interpreter.interpret("0:10到0:20静音，1:05之后也全部静音", 0).get(1).params()).containsEntry("from", 65.0);
        // a caption said again without its verb; a caption's range in seconds
        assertThat(interpreter.interpret("add the title 'Welcome' from 0:02 to 0:05, and 'Community meeting' from 0:45 to 0:52", 0).get(1).params())
                .containsEntry("text", "Community meeting").containsEntry("start", 45.0);
        assertThat(params("add the caption 'Smith Plumbing' at the bottom from 5s to 12s", 0)).containsEntry("start", 5.0).containsEntry("duration", 7.0);
        // a fraction slower; a level said as a multiple was a speed too
        assertThat(params("make it a third slower", 0)).containsEntry("factor", 0.667);
        assertThat(params("放慢三分之一", 0)).containsEntry("factor", 0.667);
        assertThat(ops("boost saturation by 1.4x")).containsExactly("saturation");
    }

    @Test
    void theFortyEighthSetAFifthPlainDay() {
        // wrong edit found first: 超分一下，放大两倍 upscaled and zoomed
        assertThat(ops("画质太渣了，超分一下，放大两倍")).containsExactly("upscale");
        // remarks beside the edits are no edits and no refusals
        assertThat(ops("Reverse it!! my kid jumping out of the pool backwards is hilarious")).containsExactly("reverse");
        assertThat(ops("Please:\n1) stabilize it, my gimbal died halfway\n2) brighten it")).containsExactly("stabilize", "brightness");
        assertThat(ops("去掉最后5秒，后面是黑屏")).containsExactly("drop_last");
        assertThat(ops("Lecture recording for my BIO 201 students. Normalize the audio")).containsExactly("normalize_audio");
        assertThat(ops("Night market footage from the back camera, it's super grainy and dark. Clean up the noise and brighten it please"))
                .containsExactly("denoise", "brightness");
        assertThat(ops("pastor's mic was too low, he's barely audible in the recording. also there's a hum from the ceiling fans, can that be cleaned up?"))
                .containsExactly("volume", "denoise_audio");
        // what a model or no edit can give, said by kind
        for (String generative : List.of("remove the timestamp that's burned into the corner of the dashcam footage", "跨年视频，在天上加几朵烟花",
                "give it a colour grade like a Wes Anderson film", "调成王家卫电影的色调")) {
            assertThatThrownBy(() -> interpreter.read(generative, 0)).as(generative).hasMessageContaining("generative");
        }
        for (String impossible : List.of("I just want the audio of the keynote as an mp3, no video needed", "add a 'ding' sound effect at 0:12",
                "在0:12加个“叮”的音效")) {
            assertThatThrownBy(() -> interpreter.read(impossible, 0)).as(impossible).hasMessageContaining("impossible");
        }
        assertThat(ops("Hello po! Pa-add naman ng caption 'Happy 60th Birthday Lola Nena!' at the top, and fade out at the end. Salamat po!"))
                .containsExactly("text", "fade_out");
        assertThat(ops("舞蹈视频，在第5秒那个pose定格2秒")).containsExactly("freeze");
    }

    @Test
    void theFortyNinthAndFiftiethSetsASixthPlainDayAndChineseSpeakersOfEveryKind() {
        // wrong edit found first: "Can you add a fade in and out? 2 seconds is fine" faded for 1 s
        assertThat(params("Can you add a fade in and out? 2 seconds is fine", 0)).containsEntry("duration", 2.0);
        // an apostrophe inside a single-quoted title; a remark on how funny it will be; a platform named beside the edit
        assertThat(params("Add the title 'Grand Opening - Mama Chen's Noodles' at the top for the first 4 seconds", 0))
                .containsEntry("text", "Grand Opening - Mama Chen's Noodles");
        assertThat(ops("reverse it 😂 my dog jumping into the pool backwards is gonna be hilarious")).containsExactly("reverse");
        assertThat(ops("change to vertical for douyin and add title 'Hangzhou Trip' on top")).containsExactly("aspect", "text");
        assertThat(ops("picture have many noise, we shoot at night in KTV")).containsExactly("denoise");
        assertThat(ops("video is very shake, I walk when I shoot, help me stable it")).containsExactly("stabilize");
        assertThat(ops("please blur all people face, for privacy of the students")).containsExactly("blur_faces");
        assertThat(params("please compress the file, must under 50MB for upload to platform", 0)).containsEntry("max_mb", 50.0);
        assertThat(ops("At the end, hold the final frame for 3 more seconds pls")).containsExactly("freeze_end");
        // Chinese: purposes said after the edit, dialect and voice-input slips, numbers after their verb
        assertThat(ops("压缩到25M以内，要上传到学校的作业系统，谢谢老师")).containsExactly("encode");
        assertThat(ops("在顶部加个标题「2024年终总结大会」，公司年会要放")).containsExactly("text");
        assertThat(ops("最后一帧停留3秒，二维码我自己后期再加")).containsExactly("freeze_end");
        assertThat(ops("侬帮我把声音弄响一眼 阿拉姆妈听不清爽")).containsExactly("volume");
        assertThat(ops("帮我把前五秒减掉然后结尾加个淡出")).containsExactly("trim", "fade_out");
        assertThat(params("1:05那里画面停两秒再继续", 0)).containsEntry("at", 65.0);
        assertThat(params("饱和度提高到1.5倍 颜色太灰了", 0)).containsEntry("factor", 1.5);
        assertThat(params("色调分离，分成6个色阶", 0)).containsEntry("levels", 6);
        assertThat(params("crf设成20重新编码一下", 0)).containsEntry("crf", 20);
        assertThat(ops("十几年前的老视频画质太渣了 能不能提升到1080p高清")).containsExactly("upscale");
        // what only a model can make, and one part of the frame
        for (String generative : List.of("可以把我旁邊那台機車變不見嗎？", "给房间加点圣诞装饰，再调暖一点", "从第15秒开始给天空加上极光")) {
            assertThatThrownBy(() -> interpreter.read(generative, 0)).as(generative).hasMessageContaining("generative");
        }
        assertThatThrownBy(() -> interpreter.read("make this 10 sec rain clip 3 hours long for a sleep video", 0)).hasMessageContaining("impossible");
    }

    @Test
    void theFiftyFirstAndFiftySecondSetsASeventhPlainDayAndLongMessages() {
        // wrong edits found first, all edits dropped: a reference's look passed over, a request after a complaint on a part
        // dropped beside another part's mute, requests run on after a description dropped, 只要前30秒 made an edit's part
        assertThatThrownBy(() -> interpreter.read("Hey, attached is a still from Blade Runner (image 1). Can you make my night driving footage look like that?"
                + " Plus sharpen and denoise. Thanks man", 1)).hasMessageContaining("generative");
        assertThat(interpreter.interpret("The last 4 seconds have a loud bang — mute just that part. And the first 10 seconds are too quiet, turn it up there.", 0))
                .extracting(o -> o.params().get("factor")).containsExactly(0.0, 1.5);
        assertThat(ops("各位好 原片是4K 麻烦把分辨率降到1080p 文件不要超过100MB 再把结尾最后一帧定格2秒 谢谢各位")).containsExactly("scale", "encode", "freeze_end");
        assertThat(ops("探店视频太暗了调亮点然后颜色不够鲜艳饱和度加一点再给我整个竖屏9比16")).containsExactly("brightness", "saturation", "aspect");
        assertThat(params("每一段都很好 就是整体太快了 放慢到0.75倍就行 然后加个暗角", 0)).containsEntry("factor", 0.75);
        assertThat(params("只要前30秒 加个老电影的效果 声音关掉", 0)).containsEntry("duration", 30.0);
        assertThat(interpreter.interpret("Three edits:\n- first 2 seconds: fade in\n- last 3 seconds: fade out", 0)).extracting(o -> o.params().get("duration"))
                .containsExactly(2.0, 3.0);
        // letters and briefs: subject, greeting, headings, nested lists, a signed name ask for nothing
        assertThat(ops("Subject: edits for clip #4\n\nHi Sam,\n\nCould you cut 12s–19s, and also 40s–44s? Then loop the result 2 times. Keep the original sound.\n\nBest,\nKenji"))
                .containsExactly("cut", "cut", "loop", "keep_audio");
        assertThat(ops("Edits for the travel reel:\n1. Colour\n   a. more contrast\n   b. make the colours pop\n2. Timing\n   a. speed the whole thing up 1.5x"))
                .containsExactly("contrast", "saturation", "speed");
        assertThat(ops("## Trim\nStart at 00:02:30, end at 00:47:00.\n\n## Delivery\nMP4, CRF 23.")).containsExactly("trim", "encode");
        assertThat(ops("提高一点对比度")).containsExactly("contrast");
        // a seventh plain day: remarks and dialect
        assertThat(ops("timelapse of my sourdough rising 🍞 pls make it 8x faster")).containsExactly("speed");
        assertThat(ops("Could you mirror the video and take the sound out completely?")).containsExactly("hflip", "mute");
        assertThat(ops("Freeze the frame at 0:12 for 2 sec, right when the ball hits the net")).containsExactly("freeze");
        assertThat(ops("Hey! Can you put image 1 in the bottom right as a picture-in-picture?")).containsExactly("picture_in_picture");
        assertThat(params("去掉开头1分钟，然后改成16:9横屏加黑边", 1)).containsEntry("fit", "pad");
        assertThat(ops("最后两秒慢慢黑掉，淡出")).containsExactly("fade_out");
        assertThat(ops("幫我將段片剪咗頭10秒，仲有調光少少，好黑呀")).containsExactly("trim", "brightness");
        // a moment named with no verb, then "freeze it there"; "the middle bit" with its range
        assertThat(params("the goal at 1:42. freeze it there for 2 seconds", 0)).containsEntry("at", 102.0);
        assertThat(params("posterize the middle bit — 0:30 to 0:50 — and leave the rest", 0)).containsEntry("from", 30.0).containsEntry("to", 50.0);
    }

    @Test
    void theFiftyThirdAndFiftyFourthSetsNegationsExceptionsAndAnEighthPlainDay() {
        // wrong edits found first: all but the last seconds read as the last seconds, all but the first kept as a cut of
        // them, only a part before its edit kept as a trim, a mute corrected to a lower volume done as both
        assertThatThrownBy(() -> interpreter.read("speed up all but the last 5 seconds", 0)).hasMessageContaining("not understood");
        assertThatThrownBy(() -> interpreter.read("blur everything except the last 3 secs", 0)).hasMessageContaining("not understood");
        assertThat(interpreter.interpret("cut everything except the last 10 seconds", 0)).extracting(EditOperation::op).containsExactly("trim_last");
        assertThat(params("remove all except the first 5 seconds", 0)).containsEntry("start", 0.0).containsEntry("duration", 5.0);
        assertThat(params("除了前5秒其他都不要", 0)).containsEntry("start", 0.0).containsEntry("duration", 5.0);
        assertThat(params("除了前5秒以外都不要", 0)).containsEntry("duration", 5.0);
        assertThat(params("前5秒后面的都不要", 0)).containsEntry("duration", 5.0);
        assertThat(interpreter.interpret("除了最后10秒其他都删掉", 0)).extracting(EditOperation::op).containsExactly("trim_last");
        assertThat(params("前5秒不要", 0)).containsEntry("start", 5.0); // the first seconds themselves taken out
        assertThat(params("不要整个都慢，只要最后3秒慢动作", 0)).containsEntry("at", "end").containsEntry("duration", 3.0);
        assertThat(params("只要前5秒加速", 0)).containsEntry("from", 0.0).containsEntry("to", 5.0);
        assertThat(ops("只要前10秒，加速2倍")).containsExactly("trim", "speed");
        assertThat(ops("静音——不对，音量调小一点就行")).containsExactly("volume");
        assertThat(ops("mute it — no wait, just lower it")).containsExactly("volume");
        assertThat(params("加速2倍，不对，3倍", 0)).containsEntry("factor", 3.0);
        assertThat(params("Loop it 4 times — no, 3 is enough", 0)).containsEntry("times", 3);
        // negations: an edit not wanted asks for nothing, one that cannot be done either
        assertThat(ops("把画面放大1.5倍，不要旋转")).containsExactly("zoom");
        assertThat(ops("不要淡入，只要结尾淡出2秒")).containsExactly("fade_out");
        assertThat(ops("剪掉前5秒，不要加音乐")).containsExactly("trim");
        assertThat(ops("分辨率调到720p就行，不要超分")).containsExactly("scale");
        assertThat(ops("在顶部加标题「毕业快乐」，不要放在底部")).containsExactly("text");
        assertThat(ops("Rotate 90° clockwise. NOT counterclockwise.")).containsExactly("rotate");
        assertThat(ops("Give it the old-film look with some grain, but no black and white please")).containsExactly("vintage", "grain");
        assertThat(ops("不要静音")).containsExactly("keep_audio");
        assertThat(params("前10秒不要声音，后面正常", 0)).containsEntry("factor", 0.0).containsEntry("to", 10.0);
        assertThat(ops("Remove the background hiss from the audio but keep the picture exactly as it is")).containsExactly("denoise_audio");
        assertThat(params("Speed up the middle part from 0:30 to 1:00 by 2x, leave the start and end normal", 0)).containsEntry("from", 30.0);
        assertThat(ops("not too much, but a little more contrast would be nice")).containsExactly("contrast");
        assertThat(ops("人脸打码，但是背景不要模糊")).containsExactly("blur_faces");
        assertThat(interpreter.interpret("图2画中画放在右下角，不要放左上角", 2)).extracting(EditOperation::op).containsExactly("picture_in_picture");
        assertThat(ops("Cut off the first 2 seconds, fade out over 2 seconds at the end, and get it under 25MB. No text anywhere."))
                .containsExactly("trim", "fade_out", "encode");
        assertThat(params("fade in over 3 seconds at the start", 0)).containsEntry("duration", 3.0);
        assertThat(ops("Blur the kids' faces — not the whole picture, just the faces. School policy.")).containsExactly("blur_faces");
        // an eighth plain day
        assertThat(params("第8秒开始加速", 0)).containsEntry("from", 8.0);
        assertThat(ops("最后加一个黑底的卡片写 感谢观看")).containsExactly("outro");
        assertThat(ops("請幫我把影片轉成直的 IG限動用")).containsExactly("aspect");
        assertThatThrownBy(() -> interpreter.read("style it like figure 2", 2)).hasMessageContaining("generative");
        assertThatThrownBy(() -> interpreter.read("按图1的风格处理一下", 1)).hasMessageContaining("generative");
    }

    @Test
    void theFiftyFifthSetANinthPlainDay() {
        // wrong edits first: a flip asked politely beside a purpose with "isn't" dropped, a description after a request
        // read as an edit of its own, a part said before "that bit" lost, a caption swallowing the next request, a
        // description and its request run together in mixed Chinese and English dropped, two speeds where one was taken back
        assertThat(ops("Please flip it so the writing isn't backwards and make the sound louder.")).containsExactly("hflip", "volume");
        assertThat(ops("pls mirror it so the text isn't reversed")).containsExactly("hflip");
        assertThat(ops("sharpen it its a bit blurry, then make it 30fps")).containsExactly("sharpen", "fps");
        assertThat(ops("brighten it it's way too dark")).containsExactly("brightness");
        assertThat(params("the goal is in the last 6 seconds, slow that bit down", 0)).containsEntry("at", "end").containsEntry("duration", 6.0);
        assertThat(params("the last 4 seconds are the best, slow that part down", 0)).containsEntry("duration", 4.0);
        assertThat(ops("加字幕：生日快乐外婆 然后开头淡入")).containsExactly("text", "fade_in");
        assertThat(params("加字幕：生日快乐 再把声音调大", 0)).containsEntry("text", "生日快乐");
        assertThat(ops("有点糊 sharpen一下 帧率改成25")).containsExactly("sharpen", "fps");
        assertThat(ops("画面有点暗调亮一点")).containsExactly("brightness");
        assertThat(params("2x is too fast, 1.5x is fine", 0)).containsEntry("factor", 1.5);
        assertThat(params("3x is way too fast, make it 2x", 0)).containsEntry("factor", 2.0);
        assertThat(params("2倍太快了，1.5倍就好", 0)).containsEntry("factor", 1.5);
        assertThat(params("0.5倍太慢了 0.75倍吧", 0)).containsEntry("factor", 0.75);
        assertThat(ops("speed it up. 2x is too fast though, 1.5x")).containsExactly("speed");
        assertThatThrownBy(() -> interpreter.read("2x is too fast", 0)).hasMessageContaining("not understood");
        // a sentence that tells, said after a request with no stop: English after its subject, Chinese after a space
        assertThat(ops("cut the first 12 secs im just setting up the camera lol")).containsExactly("trim");
        assertThat(ops("play it backwards haha its the dog jumping in the pool")).containsExactly("reverse");
        assertThat(ops("reverse it lol its my cat falling off the couch")).containsExactly("reverse");
        assertThat(ops("前面8秒剪掉 我在调设备")).containsExactly("trim");
        assertThat(ops("删掉2分10秒到2分30秒 那段是广告")).containsExactly("cut");
        assertThat(ops("静音 邻居在装修")).containsExactly("mute");
        assertThat(params("10秒到20秒变成黑白 回忆的部分", 0)).containsEntry("from", 10.0).containsEntry("to", 20.0);
        assertThat(ops("整体放慢到0.5倍，学员说跟不上")).containsExactly("speed");
        assertThat(interpreter.interpret("把背景换成图1 直播间太乱了 家人们别介意", 1)).extracting(EditOperation::op).containsExactly("replace_background");
        // texts written with a capital and no quotes
        assertThat(params("put Fresh sourdough every Saturday at the bottom of the screen", 0)).containsEntry("text", "Fresh sourdough every Saturday")
                .containsEntry("position", "bottom");
        assertThat(params("put NEW DROP at the top", 0)).containsEntry("text", "NEW DROP");
        assertThat(params("Put Happy Birthday At The Top", 0)).containsEntry("text", "Happy Birthday");
        assertThat(params("add the title Our Trip to Rome", 0)).containsEntry("text", "Our Trip to Rome");
        assertThat(ops("add the caption Happy retirement Linda! and a fade in")).containsExactly("text", "fade_in");
        assertThatThrownBy(() -> interpreter.read("put The logo at the top", 0)).hasMessageContaining("reference image");
        assertThatThrownBy(() -> interpreter.read("add a caption at the bottom", 0)).hasMessageContaining("not understood");
        // a green screen, then what fills it; a range kept with its verb after it; images as the first and last cards
        assertThat(interpreter.interpret("green screen -> replace with figure 1 (the beach one)", 1).getFirst().params()).containsEntry("image", 1);
        assertThat(interpreter.interpret("绿幕抠掉 换成图2的背景", 2).getFirst().params()).containsEntry("image", 2);
        assertThat(params("把1分20到1分50留下来", 0)).containsEntry("start", 80.0).containsEntry("duration", 30.0);
        assertThat(interpreter.interpret("图1放开头 图2放结尾", 2)).extracting(EditOperation::op).containsExactly("intro", "outro");
        assertThat(ops("排练的视频声音太小了 调大点 顺便把音频里的杂音去掉")).containsExactly("volume", "denoise_audio");
        assertThat(ops("My grandson says this file is too big to send by email. Could you please make it smaller.")).containsExactly("encode");
        assertThat(ops("change the aspect ratio to 9:16 to suit my phone")).containsExactly("aspect");
        // what needs a model or an audio input, refused as such
        assertThatThrownBy(() -> interpreter.read("Change my scrubs to a different colour, blue maybe", 0)).hasMessageContaining("generative");
        assertThatThrownBy(() -> interpreter.read("地里的玉米让它看起来长得更高更壮", 0)).hasMessageContaining("generative");
        assertThatThrownBy(() -> interpreter.read("配上周杰伦的晴天", 0)).hasMessageContaining("audio input");
        assertThat(ops("配上字幕：你好")).containsExactly("text");
    }

    @Test
    void theFiftySixthSetATenthPlainDay() {
        // the one wrong edit: 再防个抖 was read as more of the complaint before it (a variant after 再 is a new phrase)
        assertThat(ops("帮我把前面5秒剪掉 抖得厉害 再防个抖")).containsExactly("trim", "stabilize");
        assertThat(ops("再防一下抖")).containsExactly("stabilize");
        // a Chinese remark after the request, dictated with a space for a stop; a request after the space is read
        assertThat(ops("循环播放三遍 店里电视放的")).containsExactly("loop");
        assertThat(ops("分辨率改成720p 群里发不了太大的")).containsExactly("scale");
        assertThat(ops("音量调小一半 外放太炸了")).containsExactly("volume");
        assertThat(ops("加个老电影的效果 给我爸过生日用")).containsExactly("vintage");
        assertThat(ops("超分到1080p 以前拍的 分辨率太低了")).containsExactly("upscale");
        assertThat(ops("裁成竖屏 发抖音用")).containsExactly("aspect");
        assertThat(ops("调亮一点 人脸也打码")).containsExactly("brightness", "blur_faces");
        assertThatThrownBy(() -> interpreter.read("剪掉前5秒 字幕换个颜色", 0)).hasMessageContaining("not understood");
        // what a video is, said after a request: "its vertical" describes, it asks for no second shape
        assertThat(params("make it 16:9 with black bars on the sides, its vertical and looks weird on youtube", 0)).containsEntry("ratio", "16:9");
        assertThat(ops("录音里全是风扇的嗡嗡声 能去掉吗")).containsExactly("denoise_audio");
        assertThat(ops("有的地方声音大有的地方声音小 帮我统一一下音量")).containsExactly("normalize_audio");
        assertThat(ops("声音太小了听不清 给调大点声 谢谢啦")).containsExactly("volume");
        assertThat(interpreter.interpret("右下角加上图1的店标 视频压到20M以内 发朋友圈用", 1)).extracting(EditOperation::op).containsExactly("watermark", "encode");
        assertThat(interpreter.interpret("把背景换成图1 人保留", 1)).extracting(EditOperation::op).containsExactly("replace_background");
        assertThat(params("請幫我把影片改成橫的16:9 兩邊補黑邊", 0)).containsEntry("ratio", "16:9").containsEntry("fit", "pad");
        assertThatThrownBy(() -> interpreter.read("只要里面的声音 导成mp3就行", 0)).hasMessageContaining("impossible");
        assertThatThrownBy(() -> interpreter.read("把左边半个画面模糊掉 有别人的车牌", 0)).hasMessageContaining("part of the frame");
        assertThatThrownBy(() -> interpreter.read("Replace the silver sedan in the lot with a red Mustang", 0)).hasMessageContaining("generative");
    }

    @Test
    void theFiftySeventhSetTypedInAHurry() {
        // the two wrong edits: "grainy footage" asked for grain, 只要声音不要画面 muted (声音不要 read across 只要…画面)
        assertThat(ops("grainy footage, clean it up")).containsExactly("denoise");
        assertThat(ops("super shaky video pls fix")).containsExactly("stabilize");
        assertThatThrownBy(() -> interpreter.read("只要声音不要画面", 0)).hasMessageContaining("impossible");
        assertThat(ops("声音不要")).containsExactly("mute");
        // the verb last, as notes are typed; a look said after "+" or "and" without its verb; asap
        assertThat(ops("bg noise in audio pls remove")).containsExactly("denoise_audio");
        assertThat(params("first 5 sec cut pls", 0)).containsEntry("start", 5.0);
        assertThat(ops("bw + slow")).containsExactly("grayscale", "speed");
        assertThat(ops("make it sepia and slow")).containsExactly("sepia", "speed");
        assertThat(ops("BLUR FACES ASAP")).containsExactly("blur_faces");
        // voice-input slips and speech: 减掉 for 剪掉 before a part, 树屏, 倍数, 声儿大点
        assertThat(params("减掉前3秒", 0)).containsEntry("start", 3.0);
        assertThat(params("改成树屏", 0)).containsEntry("ratio", "9:16");
        assertThat(params("2倍数", 0)).containsEntry("factor", 2.0);
        assertThat(ops("声儿大点")).containsExactly("volume");
        assertThatThrownBy(() -> interpreter.read("make it look like fig 2", 2)).hasMessageContaining("generative");
        assertThatThrownBy(() -> interpreter.read("mp3 only", 0)).hasMessageContaining("impossible");
    }

    @Test
    void theFiftyEighthSetNumbersAmountsAndTimesSaidEveryWay() {
        // the wrong edits found beside it: a range after a name that took the edit's words with it was kept, a time after an
        // overlay was read as a description of the video and dropped
        assertThatThrownBy(() -> interpreter.read("make the sky sunset orange from 1:00 to 1:30", 0)).hasMessageContaining("generative");
        assertThat(params("the first dance from 3:10 to 4:00, black and white", 0)).containsEntry("from", 190.0).containsEntry("to", 240.0);
        assertThat(interpreter.interpret("图2的logo放右下角，第10秒到第20秒显示", 2).getFirst().params()).containsEntry("from", 10.0).containsEntry("to", 20.0);
        assertThat(params("加字幕「你好」，5到8秒显示", 0)).containsEntry("start", 5.0).containsEntry("duration", 3.0);
        // times and amounts
        assertThat(params("Keep just 1:05 through 2:20, toss the rest.", 0)).containsEntry("start", 65.0).containsEntry("duration", 75.0);
        assertThat(params("chop the first 10ish seconds, that's me fiddling with the tripod", 0)).containsEntry("start", 10.0);
        assertThat(params("开头前十来秒不要，都是在对焦", 0)).containsEntry("start", 10.0);
        assertThat(params("speed it to 125% and get it under 8 megs", 0)).containsEntry("factor", 1.25);
        assertThat(params("could it be about a third faster?", 0)).containsEntry("factor", 1.333);
        assertThat(params("cut out from a minute and five seconds to a minute twelve, I sneezed on camera", 0)).containsEntry("start", 65.0).containsEntry("end", 72.0);
        assertThat(params("get rid of everything after the 2-minute mark", 0)).containsEntry("duration", 120.0);
        assertThat(params("all I need is the last quarter minute", 0)).containsEntry("duration", 15.0);
        assertThat(ops("export at 720, 30 frames")).containsExactly("scale", "fps");
        assertThat(params("last 5 sec at half speed, then hold the last frame for 3", 1)).containsEntry("duration", 3.0);
        assertThat(interpreter.interpret("figure 1 as the opener for two and a half seconds", 1).getFirst().params()).containsEntry("duration", 2.5);
        assertThat(interpreter.interpret("用图1做片头，放两秒半", 1).getFirst().params()).containsEntry("duration", 2.5);
        assertThat(ops("square, 30fps, then squeeze it under 25 megabytes")).containsExactly("aspect", "fps", "encode");
        assertThat(params("一分半以后的全删了", 0)).containsEntry("duration", 90.0);
        assertThat(params("提速50%就行", 0)).containsEntry("factor", 1.5);
        assertThat(params("我是卖水果的，直播回放太长了，整体快一倍", 0)).containsEntry("factor", 2.0);
        assertThat(params("1'05''到1'12''那段删掉", 0)).containsEntry("start", 65.0).containsEntry("end", 72.0);
        assertThat(params("3〜8秒整个画面打马赛克", 0)).containsEntry("from", 3.0).containsEntry("to", 8.0);
        assertThat(ops("对比度提一点点，饱和度降一些")).containsExactly("contrast", "saturation");
        assertThat(params("片尾加一张字卡：「谢谢观看 第3期」", 0)).containsEntry("text", "谢谢观看 第3期");
        assertThat(params("音量调到原来的80%", 0)).containsEntry("factor", 0.8);
        assertThat(params("crf设成二十八", 0)).containsEntry("crf", 28);
        assertThat(ops("学生都未成年，人脸全部打码")).containsExactly("blur_faces");
        assertThat(ops("帮我export成1080p，然后mute掉")).containsExactly("scale", "mute");
        // what a model or another input would need
        assertThatThrownBy(() -> interpreter.read("erase the price sticker on the bottle, it shows from 0:05 to 0:09", 0)).hasMessageContaining("generative");
        assertThatThrownBy(() -> interpreter.read("make the crowd look twice as big for the promo", 0)).hasMessageContaining("generative");
        assertThatThrownBy(() -> interpreter.read("add a 30 second jingle at the start", 0)).hasMessageContaining("audio input");
        assertThatThrownBy(() -> interpreter.read("can you make it two and a half hours long", 0)).hasMessageContaining("impossible");
        assertThatThrownBy(() -> interpreter.read("主播的脸瘦10%", 0)).hasMessageContaining("generative");
        assertThatThrownBy(() -> interpreter.read("把画面左半边调成黑白", 0)).hasMessageContaining("part of the frame");
    }

    @Test
    void theFiftyNinthSetAskedIndirectly() {
        // the wrong edits: grain said beside speckles added grain, a problem said with no degree was dropped beside another
        // (or beside "can you help"), a wish that only a model could grant was passed over beside a brightening, a second
        // Chinese complaint went unanswered, 能小一半吗 turned the volume up, a picture in picture said first placed a logo
        assertThat(ops("the picture is full of speckles and grain, we shot it at a night market in Taipei")).containsExactly("denoise");
        assertThat(ops("The kitchen tour is dark and kinda wobbly, can you help? It's for our Airbnb listing.")).containsExactly("brightness", "stabilize");
        assertThat(ops("it's dark and shaky, can you fix it?")).containsExactly("brightness", "stabilize");
        assertThatThrownBy(() -> interpreter.read("the video is dark", 0)).hasMessageContaining("not understood");
        assertThatThrownBy(() -> interpreter.read("The sky is so grey and gloomy, I wish it was a sunset instead", 0)).hasMessageContaining("generative");
        assertThat(ops("画面太暗了，老人家说话声音也听不太清，帮忙弄一下")).containsExactly("brightness", "volume");
        assertThat(params("声音太吵了，能小一半吗", 0)).containsEntry("factor", 0.5);
        assertThat(ops("声音太吵了，能小一半吗")).hasSize(1);
        assertThat(interpreter.interpret("想要那种画中画的效果，图1放在右上角", 1)).extracting(EditOperation::op).containsExactly("picture_in_picture");
        assertThat(ops("声音忽大忽小的，一会儿震耳朵一会儿又听不见")).containsExactly("normalize_audio");
        // a part and 能剪掉吗; remarks and purposes in Chinese
        assertThat(ops("能不能把前面那3秒去掉？一开始镜头还没对准")).containsExactly("trim");
        assertThat(ops("中间1分10秒到1分25秒有人乱入，能剪掉吗")).containsExactly("cut");
        assertThat(ops("孩子们的脸都要打码，不然学校不让发")).containsExactly("blur_faces");
        assertThat(params("原速太磨叽了，2倍速就刚好", 0)).containsEntry("factor", 2.0);
        assertThat(ops("结尾太突然了，能不能用2秒慢慢黑下去")).containsExactly("fade_out");
        // no model is asked for (背景 is where the hum is): the hum described is the request, as 有嗡嗡声 is
        assertThat(ops("背景一直有空调的嗡嗡声，听着很烦")).containsExactly("denoise_audio");
        assertThat(ops("The colours look so washed out, like a faded postcard. Any chance you can make it pop?")).containsExactly("saturation");
        // a need said as what a platform wants, a wish, a question whether a setting is doable
        assertThat(params("Instagram feed wants square and mine is 16:9, can you help?", 0)).containsEntry("ratio", "1:1");
        assertThat(params("要发ins的，得是正方形才行", 0)).containsEntry("ratio", "1:1");
        assertThat(params("needs to be under 20MB for email", 0)).containsEntry("max_mb", 20.0);
        assertThat(params("I'd love it at double speed.", 0)).containsEntry("factor", 2.0);
        assertThat(params("Is 1080p doable?", 0)).containsEntry("height", 1080);
        assertThatThrownBy(() -> interpreter.read("is it possible?", 0)).hasMessageContaining("not understood");
    }

    @Test
    void theSixtiethSetAnEleventhPlainDay() {
        // the wrong edits: a part named then "make it warmer there and a bit brighter" warmed and brightened everything;
        // "sepia for the rest" after a middle part sepia'd the whole video
        List<EditOperation> there = interpreter.interpret("the sunrise part is 0:40-0:55, make it warmer there and a bit brighter", 0);
        assertThat(there).extracting(EditOperation::op).containsExactly("temperature", "brightness");
        assertThat(there).allSatisfy(o -> assertThat(o.params()).containsEntry("from", 40.0).containsEntry("to", 55.0));
        assertThat(params("make 0:40-0:55 warmer and a bit brighter", 1)).containsEntry("from", 40.0);
        List<EditOperation> rest = interpreter.interpret("sketch effect from 0:10 to 0:20 then sepia for the rest", 0);
        assertThat(rest).extracting(EditOperation::op).containsExactly("sketch", "sepia", "sepia");
        assertThat(rest.get(1).params()).containsEntry("from", 0.0).containsEntry("to", 10.0);
        assertThat(rest.get(2).params()).containsEntry("from", 20.0).doesNotContainKey("to");
        assertThat(params("black and white for the first 5 seconds, sepia on the rest of it", 1)).containsEntry("from", 5.0);
        // a song's name added with no text word, in a prompt that says it is a song, is the song; a caption stays one
        assertThatThrownBy(() -> interpreter.read("Could you add 'Dancing Queen' to it? It's my mum's favourite song.", 0))
                .hasMessageContaining("audio input");
        assertThat(ops("add 'Happy Birthday', it's for my mum's birthday video with her favourite song playing")).containsExactly("text");
        // a suggestion passed on, a real word one letter from an edit word, an unknown verb done to the video
        assertThat(ops("My grandson says I should make the video black and white")).containsExactly("grayscale");
        assertThat(params("slow my sun salutation down to half speed", 0)).containsEntry("factor", 0.5);
        assertThat(ops("revers it and make it black and whtie")).containsExactly("reverse", "grayscale");
        assertThatThrownBy(() -> interpreter.read("florp it and make it black and white", 0)).hasMessageContaining("florp it");
        assertThat(ops("love it, make it black and white")).containsExactly("grayscale");
        // a thing taken out of the picture is a model's work, whatever it is; a pause is not a thing
        assertThatThrownBy(() -> interpreter.read("Please remove the coffee cup from the desk in the shot.", 0)).hasMessageContaining("generative");
        assertThatThrownBy(() -> interpreter.read("去掉桌上的可乐瓶", 0)).hasMessageContaining("generative");
        assertThatThrownBy(() -> interpreter.read("给新娘换一件婚纱", 0)).hasMessageContaining("generative");
        assertThatThrownBy(() -> interpreter.read("remove the awkward pause at 0:10", 0)).hasMessageContaining("not understood");
        assertThat(ops("晚上在工地拍的，画面全是噪点")).containsExactly("denoise");
    }

    @Test
    void theSixtyFirstSetAskedIndirectlyASecondTime() {
        // the wrong edits: what "shouldn't be in it" was kept, a wish for a model's work or an object gone was passed over
        // beside a brightening, a wish for a fade read as "too slow", a wish's first half dropped, a complaint after a
        // card-like "intro is a mess:" swallowed as the card's words, "so it's really noisy" passed over as a reason
        assertThat(params("The bit from 0:42 to 0:55 where the dog knocks the camera over really shouldn't be in it.", 0))
                .containsEntry("start", 42.0).containsEntry("end", 55.0);
        assertThatThrownBy(() -> interpreter.read("it's cute but my dog should be wearing a little party hat, and make it brighter", 0))
                .hasMessageContaining("generative");
        assertThatThrownBy(() -> interpreter.read("调亮一点，然后后面那个垃圾桶要是没有就好了", 0)).hasMessageContaining("generative");
        assertThat(ops("开头太突兀了，要是能慢慢亮起来就好了")).containsExactly("fade_in");
        assertThat(ops("Would be great if it was brighter and the colours weren't so washed out.")).containsExactly("brightness", "saturation");
        assertThat(ops("I wish it was black and white and the sound was louder")).containsExactly("grayscale", "volume");
        assertThatThrownBy(() -> interpreter.read("I wish it was brighter and the dog was wearing a hat", 0)).hasMessageContaining("generative");
        assertThat(ops("My vlog intro is a mess: the sound's too quiet, the picture's shaky")).containsExactly("volume", "stabilize");
        assertThat(ops("Shot in a cave, so it's really noisy and way too dark. pls help")).containsExactly("denoise", "brightness");
        // absent things and wishes, said every way
        assertThatThrownBy(() -> interpreter.read("I'd love for him to just not be there.", 0)).hasMessageContaining("generative");
        assertThat(params("Wish the first 8 seconds weren't there.", 0)).containsEntry("start", 8.0);
        assertThat(ops("The last 10 seconds can go, and make it black and white")).containsExactly("drop_last", "grayscale");
        assertThat(ops("keep 0:10 to 0:20, the rest can go")).containsExactly("trim");
        assertThat(params("It's only 6 seconds. If it looped 5 times that'd work.", 0)).containsEntry("times", 5);
        assertThat(ops("make it black and white, would be great if you had it by Friday")).containsExactly("grayscale");
        assertThat(ops("if you could make it black and white that'd be great")).containsExactly("grayscale");
        assertThat(ops("要是声音能大一点就好了")).containsExactly("volume");
        assertThat(ops("I'd like it if the music was quieter")).containsExactly("volume");
        assertThat(ops("1分10秒到1分25秒那段客户不想要")).containsExactly("cut");
        assertThat(ops("加个 fade in 就行，fade out 不需要")).containsExactly("fade_in");
        assertThat(ops("最后5秒是黑屏，能去掉吗？")).containsExactly("drop_last");
        assertThatThrownBy(() -> interpreter.read("前3秒是黑屏", 0)).hasMessageContaining("not understood"); // no darkness to brighten
        // a problem said strongly beside other requests is fixed too, unless a request answers it or takes out what "it" is
        assertThat(ops("make it vertical, it's way too dark")).containsExactly("aspect", "brightness");
        assertThat(ops("cut the first 5 seconds, it's too dark")).containsExactly("trim");
        assertThat(ops("前3秒声音太吵了，去掉")).containsExactly("trim");
        assertThat(ops("it's too loud, just mute it")).containsExactly("mute");
        assertThat(ops("抖音要竖屏，前5秒是废话不要，声音太小，画面也太暗")).containsExactly("aspect", "trim", "volume", "brightness");
        // needs said as a platform's, a boss's or a "must"
        assertThat(params("抖音只能传竖屏的，我这个是横着拍的，麻烦了", 0)).containsEntry("ratio", "9:16");
        assertThat(ops("声音太小了，我奶奶开到最大都听不见")).containsExactly("volume");
        assertThat(params("视频太大了微信发不出去，得小于25M才行", 0)).containsEntry("max_mb", 25.0);
        assertThat(ops("人脸得打码，不然平台审核不过")).containsExactly("blur_faces");
        assertThat(params("拍的时候手机横过来了，人是躺着的，得逆时针转90度才正", 0)).containsEntry("degrees", 270);
        assertThat(params("分辨率太高了，店里的电视盒子放不了，1080p就够", 0)).containsEntry("height", 1080);
        assertThat(params("My client only wants the part between 0:20 and 0:50, the rest is filler.", 0)).containsEntry("start", 20.0);
        assertThat(params("Honestly only the first 15 seconds are worth keeping, the rest is me rambling.", 0)).containsEntry("duration", 15.0);
        assertThat(interpreter.interpret("Too long and too loud. The last 10 seconds can go, and the volume should be half of what it is.", 0))
                .extracting(EditOperation::op).containsExactly("drop_last", "volume");
        assertThat(params("Everyone looks orange. Can it be less warm?", 0)).containsEntry("tone", "cool");
        assertThat(ops("the audio is absolutely blasting, nearly blew my headphones out")).containsExactly("volume");
        assertThat(ops("Is it possible to have the whole thing in black and white?")).containsExactly("grayscale");
        assertThat(ops("Could it look like a faded 70s home movie?")).containsExactly("vintage");
    }

    @Test
    void theSixtySecondSetATwelfthPlainDay() {
        // no wrong edit in the set; what it showed: what the video is, said after the request ("its a timelapse of …",
        // "lol my kid wants …", "pls my daughter wants it"), is context, and a timelapse the video is, no speed-up
        assertThat(params("speed it up 4x its a timelapse of the grape crush", 0)).containsEntry("factor", 4.0);
        assertThat(ops("make it black and white its a timelapse")).containsExactly("grayscale");
        assertThat(ops("make it a timelapse")).containsExactly("speed");
        assertThat(ops("reverse it lol my kid wants to see the cake un-eat itself")).containsExactly("reverse");
        assertThat(ops("cartoon filter pls my daughter wants it")).containsExactly("cartoon");
        assertThat(interpreter.interpret("do a pic in pic with image 2 in the top left, its the slides", 2))
                .extracting(EditOperation::op).containsExactly("picture_in_picture");
        assertThat(params("crf 23 h264 please", 0)).containsEntry("crf", 23);
        assertThat(ops("take out the background noise and even out the levels")).containsExactly("denoise_audio", "normalize_audio");
        // whose faces, said after them, changes nothing (every face is blurred) unless it makes an exception
        assertThat(ops("blur out the faces of the people in the hallway before i send it to the council")).containsExactly("blur_faces");
        assertThatThrownBy(() -> interpreter.read("blur the faces of the kids but not mine", 0)).hasMessageContaining("not understood");
        assertThat(params("20秒到40秒变复古色 回忆那段", 0)).containsEntry("from", 20.0);
        assertThat(params("帧率改60", 0)).containsEntry("fps", 60.0);
        assertThatThrownBy(() -> interpreter.read("新娘头纱变长一点 更仙", 0)).hasMessageContaining("generative");
        assertThatThrownBy(() -> interpreter.read("给学生都换上统一的校服", 0)).hasMessageContaining("generative");
    }

    @Test
    void theSixtyThirdSetSaidThroughWhatIsWrongOrWhatItIsFor() {
        // the wrong edit: a complaint run on into the amount asked, with only a space between (the amount was lost to
        // the complaint's default)
        assertThat(params("培训视频太快了阿姨们跟不上 放慢到0.5倍", 0)).containsEntry("factor", 0.5);
        // 截图二维码 is a screenshot of a QR code, never figure 2
        assertThat(ops("最后一帧停3秒 方便家长截图二维码")).containsExactly("freeze_end");
        // asked by "can we", said of a part ("can the last frame hold…", "the intro should…"), or as what would help
        assertThat(ops("For the memorial on saturday can we have it in black and white")).containsExactly("grayscale");
        assertThat(ops("could we make it louder")).containsExactly("volume");
        assertThat(params("the venue tour ends so abruptly. can the last frame hold for 3 seconds", 0)).containsEntry("duration", 3.0);
        assertThat(params("can the last 8 seconds go black and white?", 0)).containsEntry("duration", 8.0);
        assertThat(ops("the last 5 seconds should slow down")).containsExactly("speed");
        assertThatThrownBy(() -> interpreter.read("the video plays backwards", 0)).hasMessageContaining("not understood");
        assertThat(ops("the speeches are super quiet and then the band comes in deafening. evening the sound out would really help"))
                .containsExactly("normalize_audio");
        assertThat(params("cutting the first 5 seconds would be great", 0)).containsEntry("start", 5.0);
        assertThat(params("it needs to go a quarter turn to the right", 0)).containsEntry("degrees", 90);
        // what others do, what a length is, what the light made of it: said, not asked
        assertThat(ops("resize to 720p the booking app rejects anything bigger")).containsExactly("scale");
        assertThat(interpreter.interpret("add my logo from image 1 to the bottom right corner, other agents keep reposting my footage", 1))
                .extracting(EditOperation::op).containsExactly("watermark");
        assertThat(params("My clinic promo runs 48 seconds but the waiting room screen slot is only 30. Keep the first 30 sec please", 0))
                .containsEntry("duration", 30.0);
        assertThat(ops("garage gym lighting made the video all grainy. clean that up and make it a bit brighter")).containsExactly("denoise", "brightness");
        assertThat(ops("The selfie mode flipped my shop sign so it reads backwards")).containsExactly("hflip");
        assertThat(ops("客户嫌分辨率低 超分到1080p")).containsExactly("upscale");
        assertThat(ops("模糊一点 要当直播间背景用")).containsExactly("blur");
        assertThat(ops("the kids want it to look like a cartoon for the end of term assembly")).containsExactly("cartoon");
        // a moment named by a word that elsewhere asks a cut, and the frame frozen there
        assertThat(params("the drop hits at 0:45, freeze the frame right there for 2 seconds", 0)).containsEntry("at", 45.0);
        assertThat(interpreter.interpret("we filmed in front of the green sheet, swap it for the beach photo (image 1)", 1))
                .extracting(EditOperation::op).containsExactly("chroma_key");
        // only a model recolours one thing, takes off what is worn, or swaps the sky described just before
        assertThatThrownBy(() -> interpreter.read("the groom's tie came out the wrong colour, can it be navy like it was supposed to be", 0))
                .hasMessageContaining("generative");
        assertThatThrownBy(() -> interpreter.read("can you take the mask off the dentist so patients can see she's smiling", 0))
                .hasMessageContaining("generative");
        assertThatThrownBy(() -> interpreter.read("the sky is grey and gloomy, swap it for a sunny blue one", 0))
                .hasMessageContaining("swap the sky").hasMessageContaining("generative");
        assertThatThrownBy(() -> interpreter.read("只把左边那一半打马赛克 右边不动", 0)).hasMessageContaining("one part of the frame");
    }

    @Test
    void theSixtyFourthSetAThirteenthPlainDay() {
        // no wrong edit in the set's own sense (its four were the warm and cool tones read as tones, not amounts, and a
        // fade in and a fade out as two); probing beside it found "slow the last part down" slowing the whole video
        assertThatThrownBy(() -> interpreter.read("slow the last part down", 0)).hasMessageContaining("not understood");
        assertThat(params("Could you slow my sun salutation flow down to half speed", 0)).containsEntry("factor", 0.5);
        assertThat(ops("Please blur the faces of our residents before this goes in the family newsletter. Privacy rules. Thank you"))
                .containsExactly("blur_faces");
        assertThat(ops("way too dark, shot it in the cellar bar. brighten it, get rid of the grainy noise and maybe a little warmer"))
                .containsExactly("brightness", "denoise", "temperature");
        assertThat(ops("loop it 3 times, its only 5 sec of the poodle shaking off")).containsExactly("loop");
        // what someone else says it needs is what is asked
        assertThat(params("my editor says it needs to be 30 fps", 0)).containsEntry("fps", 30.0);
        assertThat(ops("the client said it should be black and white")).containsExactly("grayscale");
        // loud and quiet by turns is uneven sound, in both languages
        assertThat(ops("the sound jumps loud and quiet all over the place, can you even out the audio levels")).containsExactly("normalize_audio");
        assertThat(ops("有的地方声音大有的地方小")).containsExactly("normalize_audio");
        assertThat(params("底下加个字幕“取件时间早8点到晚9点”", 0)).containsEntry("position", "bottom");
        assertThat(ops("首尾加个淡入淡出")).containsExactly("fade_both");
        assertThatThrownBy(() -> interpreter.read("speed it up 2x and erase the water bottle someone left by the goalpost", 0))
                .hasMessageContaining("generative");
        assertThatThrownBy(() -> interpreter.read("make my mouth match the words in the voiceover, I re-recorded the speech", 0))
                .hasMessageContaining("generative");
    }

    @Test
    void theSixtyFifthSetTypedInAHurry() {
        // no wrong edit in the set; what it showed: the short forms of a phone (vid, img 2, lil, r, its from …), 调的亮一点
        // for 调得亮一点, homophone typos (黑百, 淡如淡出) and a position with no "in the"
        assertThat(ops("pls make the vid brighter and speed it up 2x need it rn")).containsExactly("brightness", "speed");
        assertThat(interpreter.interpret("put logo img 2 bottom right corner", 2)).extracting(EditOperation::op).containsExactly("watermark");
        assertThat(ops("make the colors pop a bit more and a lil warmer")).containsExactly("saturation", "temperature");
        assertThat(ops("normalize audio some parts r loud and some i cant hear")).containsExactly("normalize_audio");
        assertThat(ops("视频太暗了 帮我调的亮一点 再加速两倍")).containsExactly("brightness", "speed");
        assertThat(ops("变成黑百的 结尾渐隐")).containsExactly("grayscale", "fade_out");
        assertThat(ops("淡如淡出")).containsExactly("fade_both");
        assertThat(ops("its from my old phone can u upscale to 1080p")).containsExactly("upscale");
        assertThat(ops("file too big for whatsapp make it smaller pls")).containsExactly("encode");
        // what the kids want to see, what the image is of: said after the request, not asked
        assertThat(ops("pls reverse it the kids want to see the splash backwards")).containsExactly("reverse");
        assertThat(ops("swap the background for image 1 its my messy kitchen")).containsExactly("replace_background");
        assertThat(ops("背景用图1替换 家里太乱了")).containsExactly("replace_background");
        assertThat(ops("绿幕抠掉 换图1")).containsExactly("chroma_key");
        assertThat(ops("开头先放图1那张 当片头")).containsExactly("intro");
        assertThat(ops("循环三次 店里电视放")).containsExactly("loop");
        assertThat(ops("前5秒复古一点 后面normal就行")).containsExactly("vintage");
        assertThat(params("裁成方的 发朋友圈", 0)).containsEntry("ratio", "1:1");
        assertThat(ops("舊手機拍的 幫我超分一下到1080p")).containsExactly("upscale");
        // a siren's noise is the sound's noise, never a siren painted out
        assertThat(ops("get rid of the siren noise in the audio its constant")).containsExactly("denoise_audio");
        assertThatThrownBy(() -> interpreter.read("stretch it to 3 hours for the waiting room tv", 0)).hasMessageContaining("impossible");
        for (String generative : List.of("turn the red van white its not our company color", "give him the hat from pic 2", "天空变蓝 阴天太丑了",
                "把车牌去掉 再加速两倍")) {
            assertThatThrownBy(() -> interpreter.read(generative, 2)).as(generative).hasMessageContaining("generative");
        }
    }

    @Test
    void theSixtySixthSetOfTrapsNoEarlierSetUsed() {
        // corrections inside the message: the number said again, a bare "no"/"nah"/不 taking back, a correction in parentheses
        assertThat(params("loop it 3 times... no, twice is enough", 0)).containsEntry("times", 2);
        assertThat(params("循环3次，不，循环2次就够了", 0)).containsEntry("times", 2);
        assertThat(ops("invert it — nah, too creepy. cartoon instead")).containsExactly("cartoon");
        assertThat(params("加速两倍 算了还是1.5倍吧", 0)).containsEntry("factor", 1.5);
        assertThat(params("chop off the first 5 sec (sorry, 8 — the clapperboard is still in frame at 5)", 0)).containsEntry("start", 8.0);
        assertThat(params("帮我把第5秒到第9秒剪掉，嗯，是第6秒到第9秒", 0)).containsEntry("start", 6.0);
        assertThat(ops("Could you brighten it? Actually leave the brightness, it's the contrast that's flat — bump that up.")).containsExactly("contrast");
        // what not to do is never done, however it is said
        assertThat(ops("trim it to 10s, you don't have to compress it")).containsExactly("trim");
        assertThat(ops("trim it to 10s. there's no need to mute it")).containsExactly("trim");
        assertThat(ops("别裁，保持横屏，压缩到20MB以内就行")).containsExactly("encode");
        assertThat(ops("final_v3_bw.mp4 is still in colour lol. make it sepia, not black and white")).containsExactly("sepia");
        // a problem said beside a request, "too": fixed as well
        assertThat(ops("Sharpen it, it's blurry. Oh and it's pretty grainy too")).containsExactly("sharpen", "denoise");
        // numbers that are no amount: when, where, which video, what it sells or shows
        assertThat(ops("my 2 kids' piano recital, 3pm in room 12 — lighting was awful, please brighten it a bit")).containsExactly("brightness");
        assertThat(ops("5楼会议室录的，声音太小了听不清，调大一点")).containsExactly("volume");
        assertThat(ops("12点的那条视频，把第20秒到第35秒删掉")).containsExactly("cut");
        assertThat(ops("iPhone 15拍的4K，太大了，转成720p")).containsExactly("scale");
        assertThat(ops("Selling this bike for $350. Speed up the walkaround 2x and add 'SOLD AS IS' at the bottom")).containsExactly("speed", "text");
        // edit words that only say what is already there
        assertThat(ops("那段慢动作是原片自带的，不用改，整体调亮一点就行")).containsExactly("brightness");
        assertThat(ops("the black and white photos in the slideshow are meant to be like that, don't touch the colours. just fade in and out"))
                .containsExactly("fade_both");
        assertThat(ops("把视频的颜色变成黑白")).containsExactly("grayscale");
        // relative amounts, and 再/也 after what changes
        assertThat(params("声音再小一半", 0)).containsEntry("factor", 0.5);
        assertThat(ops("亮度调低，音量也调低，都一点点就行")).containsExactly("brightness", "volume");
        assertThat(ops("a bit less bright than it is now please, the snow is glaring")).containsExactly("brightness");
        assertThat(ops("BGM太吵了盖住我说话 volume调小一点")).containsExactly("volume");
        assertThat(ops("视频 speed 2倍")).containsExactly("speed");
        for (String generative : List.of("turn the red car in the 3rd shot white", "add a dragon flying behind the castle from 0:05 to 0:10",
                "把3号桌上的杯子变成花瓶", "change my shirt to blue its the work logo shirt")) {
            assertThatThrownBy(() -> interpreter.read(generative, 0)).as(generative).hasMessageContaining("generative");
        }
    }

    @Test
    void theSixtySeventhSetSentByScriptsAndTools() {
        // fields, lists and relayed words, as integrations send them
        assertThat(ops("Speed: 1.5x / Audio: mute / Length: 30s")).containsExactly("speed", "mute", "trim");
        assertThat(ops("speed=2\naspect=9:16\naudio=off")).containsExactly("speed", "aspect", "mute");
        assertThat(ops("时长：15秒；画面：黑白；音量：+20%")).containsExactly("trim", "grayscale", "volume");
        assertThat(ops("1. 倍速：2x\n2. 静音\n3. 结尾淡出")).containsExactly("speed", "mute", "fade_out");
        assertThat(interpreter.interpret("Watermark: image 1 | Position: bottom-right | Opacity: default", 1)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("position", "bottom-right"));
        assertThat(ops("Product: Linen Shirt – Sage Green (SKU LS-204-M) | Price: $49.00 | Sizes: S, M, L, XL\n"
                + "Video instructions: square crop, add the text 'Linen Shirt $49' at the bottom, keep only the first 15 seconds.")).containsExactly("aspect", "text", "trim");
        assertThat(ops("Zendesk ticket #22107: customer reports the video is blurry and shaky. Requested fix: sharpen it and stabilize it."))
                .containsExactly("sharpen", "stabilize");
        assertThat(ops("[Relayed by SupportBot] Customer wrote: \"the video is way too dark and the sound is so quiet, can you fix those two things\""))
                .containsExactly("brightness", "volume");
        assertThat(ops("客服机器人转达：顾客说「声音太小了听不清，画面也有点抖」")).containsExactly("volume", "stabilize");
        // a caption sent HTML-escaped keeps its words
        assertThat(interpreter.interpret("Add an end card that says &quot;Shop now at example.com&quot;", 0)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("text", "Shop now at example.com"));
        assertThat(ops("🎬 slow-mo for 0:05–0:09\n🔇 no audio at all\n✨ fade in at the start")).containsExactly("speed", "mute", "fade_in");
        assertThat(ops("对比度 1.5；饱和度 降低")).containsExactly("contrast", "saturation");
        assertThat(interpreter.interpret("绿幕抠像，背景用图1", 1)).extracting(EditOperation::op).containsExactly("chroma_key");
        assertThatThrownBy(() -> interpreter.read("split it into 3 separate videos of 10 seconds each", 0)).hasMessageContaining("impossible");
        assertThatThrownBy(() -> interpreter.read("extend the video to 3 hours", 0)).hasMessageContaining("impossible");
        for (String generative : List.of("Product feed row: Ceramic Mug 350ml | color: Navy | $18\nInstruction: change the mug color in the video to navy",
                "【直播切片】截取前30秒，给主播加上兔耳朵特效", "画风参考图2，做成跟图2一样的画风")) {
            assertThatThrownBy(() -> interpreter.read(generative, 2)).as(generative).hasMessageContaining("generative");
        }
    }

    @Test
    void theSixtyEighthSetAFourteenthPlainDay() {
        // a range said first is the part of the edit that follows it; kept when that edit takes no part
        assertThat(params("倒车入库那段，0:35到0:50，放慢到0.5倍，学员好看清楚", 0)).containsEntry("from", 35.0).containsEntry("factor", 0.5);
        assertThat(params("0:35 to 0:50, slow it down to half speed", 0)).containsEntry("to", 50.0);
        assertThat(ops("0:35 to 0:50, compress it")).containsExactly("trim", "encode");
        assertThat(ops("0:05到0:07、0:15到0:17这两段反色")).containsExactly("invert", "invert");
        assertThat(ops("把视频剪到前15秒，调亮一点")).containsExactly("trim", "brightness");
        // a text labelled with a colon, a title card and "one at the end"
        assertThat(params("前3秒剪掉，最后加一行字：第二杯半价", 1)).containsEntry("text", "第二杯半价");
        assertThat(ops("Title card at the start saying 'Year 6 Leavers Assembly' and one at the end saying 'Thank you, parents!'")).containsExactly("intro", "outro");
        assertThat(ops("Would you ever flip this round, I had it on selfie mode and the sign over the shop is backwards")).containsExactly("hflip");
        assertThat(ops("filmed the night market after dark, loads of noise in the picture. clean it up and make it brighter if u can"))
                .containsExactly("denoise", "brightness");
        assertThat(ops("The audio's all over the place - the full choir is deafening and the soloist is barely there. Can you even the levels out?"))
                .containsExactly("normalize_audio");
        assertThat(ops("动作示范帮我加速到1.5倍，然后循环3遍")).containsExactly("speed", "loop");
        assertThat(params("对比度提高到1.5", 0)).containsEntry("factor", 1.5);
        assertThat(ops("最后一帧停3秒，让客户看清电话号码")).containsExactly("freeze_end");
        assertThatThrownBy(() -> interpreter.read("让我看清车牌号", 0)).hasMessageContaining("impossible");
        for (String impossible : List.of("add a crowd cheering sound when he scores", "can you send it back as a gif for our slack")) {
            assertThatThrownBy(() -> interpreter.read(impossible, 0)).as(impossible).hasMessageContaining("impossible");
        }
        for (String generative : List.of("change the bride's bouquet to pink roses", "the grass on the pitch looks burnt, can you make it greener",
                "空教室里加几个学生坐着")) {
            assertThatThrownBy(() -> interpreter.read(generative, 0)).as(generative).hasMessageContaining("generative");
        }
    }

    @Test
    void theSixtyNinthSetAskedIndirectlyAThirdTime() {
        // a thing described, then asked gone, is a model's work; a problem described, then asked gone, is answered
        for (String generative : List.of("there's a power line cutting right through the drone shot, can it disappear? also brighten it a bit",
                "桌上的外卖盒太丢人了，去掉吧，顺便调亮一点")) {
            assertThatThrownBy(() -> interpreter.read(generative, 0)).as(generative).hasMessageContaining("generative");
        }
        assertThat(ops("there's a hiss in the audio, can it go away?")).containsExactly("denoise_audio");
        // every problem said, and never one read into a word that holds its character (影响)
        assertThat(ops("It's shaky, it's dark and you can hardly hear the piano. it's my son's first recital, pls help"))
                .containsExactly("stabilize", "brightness", "volume");
        assertThat(ops("夜市拍的，又暗又抖，麻烦了")).containsExactly("brightness", "stabilize");
        assertThat(ops("录音里全是呼呼的风声底噪，特别影响观感")).containsExactly("denoise_audio");
        assertThat(interpreter.interpret("甲方要求右下角必须有图1的logo", 1)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("position", "bottom-right"));
        // wishes: "it'd", "I'd love it to", a done thing "would be better", what is left, 要是没有…就好了
        assertThat(ops("it starts way too suddenly, I'd love it to ease in from black")).containsExactly("fade_in");
        assertThat(params("The dog is way too small in the frame, zoomed in 2x would be better", 0)).containsEntry("factor", 2.0);
        assertThat(ops("Would be great if only the last 20 seconds were left, everything before is just setup")).containsExactly("trim_last");
        assertThat(params("Would be great if the first 8 seconds of me fumbling with the tripod weren't there", 0)).containsEntry("start", 8.0);
        assertThat(params("要是没有前面15秒的废话就好了", 0)).containsEntry("start", 15.0);
        assertThat(ops("The voiceover is deafening, half as loud would be about right. And it'd be nice if it faded out at the end"))
                .containsExactly("volume", "fade_out");
        // needs said as limits
        assertThat(params("The file is 140 MB and our school portal won't take anything over 25MB.", 0)).containsEntry("max_mb", 25.0);
        assertThat(ops("会议室的投影仪只支持720p，现在这个4K的放不了")).containsExactly("scale");
        assertThat(ops("老板说只要1分10秒到1分40秒那段，其他都不要")).containsExactly("trim");
        // a word a synonym writes joins the words typos are corrected to: none may be a word people write ("weren't" stays)
        assertThat(params("would be great if the first 8 seconds weren't there", 0)).containsEntry("start", 8.0);
    }

    @Test
    void theSeventiethAndSeventyFirstSetsAPlainDayAndEditingForOthers() {
        // a word that only holds 大 (大学, 大家) is no loud sound; 放大 after the sound's problem is the sound's
        assertThat(params("你好我是老张这是我们老年大学书法班的视频声音太小了帮我放大两倍谢谢你啊", 0)).containsEntry("factor", 2.0);
        assertThat(ops("调暗一点 太亮了晃眼睛")).containsExactly("brightness");
        assertThat(params("饱和度加三成", 0)).containsEntry("factor", 1.3);
        assertThat(params("声音太吵了 音量调小到原来的百分之六十", 0)).containsEntry("factor", 0.6);
        assertThat(ops("商场活动的视频，路人的脸都要打码，用马赛克那种")).containsExactly("blur_faces");
        assertThat(params("卡通滤镜 只要10秒到20秒那段有", 0)).containsEntry("from", 10.0).containsEntry("to", 20.0);
        // a setting with its amount after a description is asked, not described (it dropped the brightness)
        assertThat(ops("影片有點暗，亮度+10%，對比也調高一點點")).containsExactly("brightness", "contrast");
        assertThat(interpreter.interpret("图1是我们店的logo，放在右上角", 1)).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("image", 1).containsEntry("position", "top-right"));
        // one side of the frame, the other following the shape
        assertThat(params("shrink it to 640 wide and make the file smaller too", 0)).containsEntry("width", 640).doesNotContainKey("height");
        // a shared verb with an amount for each ("saturation 15%" alone read as a level of 0.15)
        assertThat(interpreter.interpret("bump contrast 20% and saturation 15%", 0)).extracting(o -> o.params().get("factor")).containsExactly(1.2, 1.15);
        // clocks said in words, and a cut said with them
        assertThat(params("freeze frame at one minute five for two seconds", 0)).containsEntry("at", 65.0);
        assertThat(params("remove the part from minute 1 and 20 seconds to minute 1 and 35 seconds", 0)).containsEntry("start", 80.0).containsEntry("end", 95.0);
        assertThat(ops("She'd kill me if that stayed in — cut from forty to forty-eight seconds please.")).containsExactly("cut");
        assertThat(params("只要中间第30秒到第1分钟那段", 0)).containsEntry("start", 30.0).containsEntry("duration", 30.0);
        // what someone else asked is the request; a model's edit relayed is no remark to pass over
        for (String generative : List.of("老板说模特身上这件T恤要换成红色的，红色款卖得好，顺便改成竖屏",
                "my boss wants the shirt changed to red, and make it vertical", "the client said the shirt should be red, also make it vertical")) {
            assertThatThrownBy(() -> interpreter.read(generative, 0)).as(generative).hasMessageContaining("generative");
        }
        assertThat(ops("the manager wants the brunch video warmer")).containsExactly("temperature");
        // remarks that name numbers, and what stays as it is
        assertThat(ops("posterize it, 5 levels. the '2 weeks' in the burned-in title is the release date, leave it")).containsExactly("posterize");
        assertThat(ops("Leave the aspect ratio alone and the music too — all I want is a 3 second fade to black at the end.")).containsExactly("fade_out");
        assertThat(ops("rotate it 180 degrees. the rest of the reel stays in colour")).containsExactly("rotate");
        // a range, what it shows, then its edit; a moment named, then frozen or zoomed from there
        assertThat(params("第8秒到第12秒的拉面特写放大1.5倍", 0)).containsEntry("from", 8.0).containsEntry("to", 12.0);
        assertThat(params("比赛最后一投那个镜头在1分58秒，定格3秒", 0)).containsEntry("at", 118.0);
        assertThat(params("一等奖揭晓在3分12秒，从这里开始放大1.5倍到3分20秒", 0)).containsEntry("from", 192.0).containsEntry("to", 200.0);
        assertThat(params("卡点视频 从第8秒开始反色 到第12秒恢复", 0)).containsEntry("from", 8.0).containsEntry("to", 12.0);
        // a freeze taken back is no freeze at the end
        assertThat(ops("在第2秒那里定格1秒当过渡？算了不定格了，直接把前2秒剪掉。")).containsExactly("trim");
        assertThat(ops("The first 45 seconds is just me fiddling with the camera so that goes. The sound goes quiet then loud then quiet, could you even it out?"))
                .containsExactly("trim", "normalize_audio");
        assertThat(ops("姐说小红书要4:5的，不要黑边。色调调暖一点")).containsExactly("aspect", "temperature");
        // a figure named in a clause passed over, used by no edit, is asked in words not read: never silently left out
        assertThat(interpreter.interpret("make it 1080p, and the fest logo which is image 1 should come at the top left corner", 1))
                .extracting(EditOperation::op).containsExactly("scale", "watermark");
        assertThatThrownBy(() -> interpreter.read("make it 1080p, our logo image 1 would look great somewhere", 1)).hasMessageContaining("not understood");
        assertThat(interpreter.interpret("end with image 2 for 4 seconds. image 1 is for another post, ignore it", 2)).extracting(EditOperation::op).containsExactly("outro");
        // the sound alone as a file, and one video cut into several, are impossible, quoting what was asked
        assertThatThrownBy(() -> interpreter.read("Please could I just have the sound as an mp3, it's for the car", 0))
                .hasMessageContaining("impossible").hasMessageContaining("mp3");
        assertThatThrownBy(() -> interpreter.read("帮我把这个视频平均切成三段，分三条发朋友圈", 0)).hasMessageContaining("impossible");
        assertThat(ops("theres wind noise everywhere. fix the audio pls")).containsExactly("denoise_audio");
        assertThat(ops("学生会换届选举的视频，声音太小，音量调到原来的两倍")).containsExactly("volume");
    }
    @Test
    void theSeventyFourthAndSeventyFifthSetsAStoryAgainAndAPlainDay() {
        // a deed told (a person's, a thing's, or with no one named) and a label are what the video is, no edit
        assertThat(ops("we went hiking at Mount Rainier last summer, make it warmer")).containsExactly("temperature");
        assertThat(ops("my golden retriever swam across the lake in 40s. slow it down to half speed")).containsExactly("speed");
        assertThat(ops("we raised 2,000 dollars for the shelter. crop it to 9:16")).containsExactly("aspect");
        assertThat(ops("Regional bake-off, ep 4 — brighten it a bit")).containsExactly("brightness");
        assertThat(ops("at 0:45 I pour the batter. make it black and white")).containsExactly("grayscale");
        assertThat(ops("我们去年在三亚玩了一周，视频调亮一点")).containsExactly("brightness");
        assertThat(ops("昨晚直播回放，前面5秒剪掉")).containsExactly("trim");
        // …but a part said done is asked, and "except" is no label
        assertThatThrownBy(() -> interpreter.read("the first 5 seconds slowed down please", 0)).isInstanceOf(VeditException.class);
        assertThatThrownBy(() -> interpreter.read("除了他说话的部分，其他都加速", 0)).isInstanceOf(VeditException.class);
        // a moment told, then held; a clock alone after the part it names
        assertThat(params("as the bride walks in at 1:02, could you hold that moment for 2 seconds", 0)).containsEntry("at", 62.0).containsEntry("duration", 2.0);
        assertThat(params("the bit where he scores, around 2:10 — freeze it there for 3 seconds", 0)).containsEntry("at", 130.0);
        assertThat(params("90 seconds in, freeze it for 3 secs", 0)).containsEntry("at", 90.0);
        // the video's shape after a logo's "it"; the look stays ambiguous
        assertThat(interpreter.interpret("put our logo top right and make it 9:16", 1)).extracting(o -> o.op()).containsExactly("watermark", "aspect");
        assertThatThrownBy(() -> interpreter.read("put our logo top right and make it black and white", 1)).isInstanceOf(VeditException.class);
        // a light degree said apart is of the edit before it
        assertThat(params("grain please, nothing too heavy", 0)).containsEntry("strength", 0.5);
        assertThat(params("锐化一下，别太过", 0)).containsEntry("strength", 0.5);
        // 后面 after a moment or a part is what follows it; a range then 其他都不要 keeps the range
        assertThat(interpreter.interpret("第20秒定格2秒，然后后面加速", 0).get(1).params()).containsEntry("from", 20.0);
        assertThat(interpreter.interpret("第8秒到15秒，其他都不要，然后调成黑白", 0)).extracting(o -> o.op()).containsExactly("trim", "grayscale");
        // a problem told, then its edit refused, is answered by nothing
        assertThat(ops("视频是有点抖的，但是防抖就不要做了，只要前30秒")).containsExactly("trim");
        // an aside read in part is no aside passed over: its bars are the picture's fit
        assertThat(params("转竖屏9:16（加黑边，人不能被裁）", 0)).containsEntry("fit", "pad");
        // Chinese said every way
        assertThat(ops("头尾淡一下")).containsExactly("fade_both");
        assertThat(params("后面3秒也剪掉", 0)).containsEntry("duration", 3.0);
        assertThat(ops("先把亮度调暗一点")).containsExactly("brightness");
        assertThat(ops("把噪音降低一点")).containsExactly("denoise_audio");
        assertThat(ops("去掉风声")).containsExactly("denoise_audio");
        assertThat(params("连放3遍", 0)).containsEntry("times", 3);
        // "should go" with a speed is the speed; the size a video is, said beside an upscale, is no second size
        assertThat(params("the toast runs 3:10 to 3:40 — that part should go at 2x", 0)).containsEntry("factor", 2.0).containsEntry("from", 190.0);
        assertThat(ops("it came off an old phone, so it's small, 360p. upscale it to 720p")).containsExactly("upscale");
        assertThat(params("cut from a minute five to a minute forty-two", 0)).containsEntry("end", 102.0);
        // a problem said to be no matter is answered by nothing; "a slow talker" is no slow video; 年轻 no quiet sound
        assertThat(ops("晚上拍的噪点多，这个无所谓。只要前10秒")).containsExactly("trim");
        assertThat(ops("it's 7 min long, he's a slow talker. keep 0:30-4:30 only")).containsExactly("trim");
        assertThat(ops("画面很暗，还有她年轻时候唱戏的片段")).containsExactly("brightness");
        assertThat(params("keep only the chorus, 1:10 through 1:40", 0)).containsEntry("start", 70.0).containsEntry("duration", 30.0);
        // "no nvm" takes back the edit just asked, as "no scratch that" does
        assertThat(ops("make it black and white and add grain... no nvm just the black and white")).containsExactly("grayscale");
    }

    @Test
    void theSeventySeventhAndSeventyEighthSetsAPlainDayAndScopes() {
        // the words first, then what they are; a size with only a verb of going up or down; 点 before what changes
        assertThat(params("在底部加一行「谢谢观看」的字幕", 0)).containsEntry("text", "谢谢观看").containsEntry("style", "caption");
        assertThat(params("加个「欢迎光临」的标题", 0)).containsEntry("style", "title");
        assertThat(params("升到2K", 0)).containsEntry("height", 1440);
        assertThat(params("压到360p吧", 0)).containsEntry("height", 360);
        assertThat(ops("降低点饱和度")).containsExactly("saturation");
        // an edit at a moment, then how long it lasts (a freeze's hold stays its own)
        assertThat(params("第30秒那里放大1.5倍，持续2秒", 0)).containsEntry("from", 30.0).containsEntry("to", 32.0);
        assertThat(params("第7秒定格，持续2秒", 0)).containsEntry("at", 7.0).containsEntry("duration", 2.0);
        // a guess taken back; 两三 is no 23; the part cut out is the part kept; a part told, then that it goes
        assertThat(params("循环两三次…还是四次吧", 0)).containsEntry("times", 4);
        assertThat(params("这段录像帮我从1分05到1分30剪出来", 0)).containsEntry("start", 65.0).containsEntry("duration", 25.0);
        assertThat(params("第10秒到第20秒是广告，不需要，删掉", 0)).containsEntry("start", 10.0).containsEntry("end", 20.0);
        // minutes and seconds in words without 秒, and a half; 从…开始到… is a range
        assertThat(params("一分十到一分四十剪掉", 0)).containsEntry("start", 70.0).containsEntry("end", 100.0);
        assertThat(params("三分半以后变慢", 0)).containsEntry("from", 210.0);
        assertThat(params("从30秒开始到50秒 加个字幕「hello」", 0)).containsEntry("start", 30.0).containsEntry("duration", 20.0);
        // a card by its colours, then its words
        assertThat(params("视频结尾加个白底黑字：明天见", 0)).containsEntry("text", "明天见");
        // blurring a part away is asked, never told; a complaint then "adjust it" answers the complaint
        assertThat(ops("第12秒宝宝摔了，模糊一下")).containsExactly("blur");
        assertThat(ops("画面模糊，帮忙修复一下")).containsExactly("sharpen");
        assertThat(ops("画面太暗了，帮我调一下")).containsExactly("brightness");
        // the seconds said after a removal are taken out too (read alone they would be kept)
        assertThat(interpreter.interpret("first 2 seconds are blank, cut them. last 4 seconds too.", 0)).extracting(EditOperation::op)
                .containsExactly("trim", "drop_last");
        // English said every way
        assertThat(params("trim the first minute and a half", 0)).containsEntry("start", 90.0);
        assertThat(params("keep the first two and a half minutes", 0)).containsEntry("duration", 150.0);
        assertThat(params("freeze on 1:10 for 3 seconds", 0)).containsEntry("at", 70.0);
        assertThat(params("from 1m10 to 1m40 slow it down", 0)).containsEntry("from", 70.0).containsEntry("to", 100.0);
        assertThat(params("double the audio please", 0)).containsEntry("factor", 2.0);
        assertThat(params("rotate it a half turn", 0)).containsEntry("degrees", 180);
        assertThat(ops("loop it 3 times, no sound needed")).containsExactly("loop", "mute");
        assertThat(ops("I'd be grateful if the audio could be taken out")).containsExactly("mute");
        assertThat(ops("put the sound back to the original please")).containsExactly("keep_audio");
        assertThat(ops("the clip's got a lot of hiss, clean it up")).containsExactly("denoise_audio");
        assertThat(ops("it's way too dark, push it up a bit")).containsExactly("brightness");
        assertThat(ops("I already shot this in slow-mo on purpose so leave the speed alone, just crop it square")).containsExactly("aspect");
        assertThat(ops("reshoot: drop the last 2s, and desaturate everything slightly")).containsExactly("drop_last", "saturation");
        assertThat(interpreter.interpret("throw my facecam (img 1) in the top left", 1)).extracting(EditOperation::op).containsExactly("picture_in_picture");
        // what stays as it is, said beside the edits of another part, is no edit
        assertThat(ops("pixelate 0:45 to 0:52, and apart from that don't change the video")).containsExactly("pixelate");
        assertThat(ops("出锅那个镜头（第25秒到第28秒）放大1.5倍，其他镜头别放大")).containsExactly("zoom");
        // the seventy-ninth set: "there too" is the part just named; 偏蓝一点 asks for cooler (画面偏蓝 complains of it)
        assertThat(params("make 0:10 to 0:20 black and white and slow it down there too", 1)).containsEntry("from", 10.0).containsEntry("to", 20.0);
        assertThat(params("偏蓝一点", 0)).containsEntry("tone", "cool");
        assertThat(ops("cartoon it")).containsExactly("cartoon");
        assertThat(params("add 'Bye' as an ending card, hold it for 4 sec", 0)).containsEntry("text", "Bye").containsEntry("duration", 4.0);
        assertThat(params("two second fade at both ends please", 0)).containsEntry("duration", 2.0);
        assertThat(params("please make the clip play at 1,5x speed", 0)).containsEntry("factor", 1.5);
        assertThat(params("can we get this down to 480p", 0)).containsEntry("height", 480);
        assertThat(params("只要一分零五到一分二十这段", 0)).containsEntry("start", 65.0).containsEntry("duration", 15.0);
        assertThat(params("色相往后转个45° 看看啥效果", 0)).containsEntry("degrees", 45.0);
        assertThat(ops("声音比较小，麻烦调大一些")).containsExactly("volume");
        assertThat(ops("画面锐化一下 顺便降降噪点")).containsExactly("sharpen", "denoise");
        assertThat(interpreter.interpret("put my logo, is the image 1, in the corner down right", 1).getFirst().params()).containsEntry("position", "bottom-right");
        // a part said before the edit is the part of each edit joined to it by "and"; said after, the first edit's alone
        assertThat(params("from 0:10 to 0:20 slow it down and mute it", 1)).containsEntry("from", 10.0).containsEntry("factor", 0.0);
        assertThat(params("warm it up from 0:07 and add contrast", 1)).doesNotContainKey("from");
        // pieces cut out to be sent apart are several videos
        assertThatThrownBy(() -> interpreter.read("把这个视频拆成三段，每段一分钟，分开发", 0)).hasMessageContaining("impossible as asked");
        // a song or a format refused is quoted with what names it; a call or talk in the background is no generative background
        assertThatThrownBy(() -> interpreter.read("export the audio as a wav, thanks", 0)).hasMessageContaining("as a wav");
        assertThatThrownBy(() -> interpreter.read("把背景音乐换成《稻香》", 0)).hasMessageContaining("稻香");
        assertThat(ops("背景里有人在打电话，声音调小")).containsExactly("volume");
    }

    @Test
    void theNinetySecondToNinetyFifthSetsTimesTicketsAndLongMessages() {
        // a ticket's fields: what the order is goes, a part to keep is kept, a logo "attached" is the image sent
        assertThat(interpreter.interpret("Ticket #4471\nRequest type: Trim + branding\nKeep: 00:05 - 00:35\nLogo: attached, place bottom-right\nDeadline: Friday EOD", 1))
                .extracting(EditOperation::op).containsExactly("trim", "watermark");
        // a card that says something for a while is asked for, not a thing that happened
        assertThat(ops("square, plus an end card that says \"Shop now\" for 3 seconds")).containsExactly("aspect", "outro");
        // a number corrected alone corrects the edit of its kind; what was asked beside it stays, said "still" once
        assertThat(ops("make it 2x faster and mute it... actually no, 1.5x not 2x. still mute it")).containsExactly("speed", "mute");
        assertThat(params("make it 2x faster and mute it... actually no, 1.5x", 0)).containsEntry("factor", 1.5);
        // "only keep" after an edit keeps: it is no part of that edit
        assertThat(ops("mute it and only keep from 0:03 to 0:13")).containsExactly("mute", "trim");
        // a start and a length said apart are one span, whichever comes first when the length is said as one
        assertThat(params("start at the 12 second mark and make it 30 seconds long", 0)).containsEntry("start", 12.0).containsEntry("duration", 30.0);
        assertThat(params("Trim to 30s max. Start from 0:05", 0)).containsEntry("start", 5.0).containsEntry("duration", 30.0);
        assertThat(params("从第20秒开始，保留1分钟就够了", 0)).containsEntry("start", 20.0).containsEntry("duration", 60.0);
        assertThat(interpreter.interpret("keep the first 10 seconds, then cut the first 2", 0)).hasSize(2);
        // the length the prompt tells: past it is impossible as asked, a half is said in seconds
        assertThatThrownBy(() -> interpreter.read("keep 1:30 to 2:00. (the video is only 50 seconds long btw)", 0)).hasMessageContaining("impossible");
        assertThatThrownBy(() -> interpreter.read("视频才15秒，帮我做成10分钟的，不要循环也不要慢放", 0)).hasMessageContaining("impossible");
        assertThat(params("get rid of the first half, the video's 48 seconds long", 0)).containsEntry("start", 24.0);
        // clocks and ends in Chinese
        assertThat(params("請從0:06開始", 0)).containsEntry("start", 6.0);
        assertThat(params("从0:08到结尾加暗角", 0)).containsEntry("from", 8.0);
        assertThat(params("45秒的时候画面中间出现“第三章”，持续4秒", 0)).containsEntry("start", 45.0).containsEntry("duration", 4.0);
        // a part cut out named by what happens in it, with its time; without one, no moment is guessed
        assertThat(params("cut the bit where he trips, 0:12 to 0:15", 0)).containsEntry("start", 12.0).containsEntry("end", 15.0);
        assertThatThrownBy(() -> interpreter.read("slow motion right when he jumps into the pool", 0)).hasMessageContaining("not understood");
        // what only a model does: light made anew, footage never shot, words put in a mouth, a thing in the picture erased
        assertThatThrownBy(() -> interpreter.read("relight the scene so it looks like golden hour sunlight is hitting my face", 0)).isInstanceOf(NeedsGenerativeEngine.class);
        assertThatThrownBy(() -> interpreter.read("can you extend it by 5 seconds and generate what would happen next", 0)).isInstanceOf(NeedsGenerativeEngine.class);
        assertThatThrownBy(() -> interpreter.read("第45秒我老公闭眼了，能不能让他睁开眼", 0)).isInstanceOf(NeedsGenerativeEngine.class);
        assertThatThrownBy(() -> interpreter.read("from 0:00 to 0:12 there's a trash can in the corner, please erase it", 0)).isInstanceOf(NeedsGenerativeEngine.class);
        // a change and a keeping of the same thing: refused as contradictory, never the change alone
        assertThatThrownBy(() -> interpreter.read("调成黑白的，但颜色要保持原样", 0)).hasMessageContaining("impossible");
        assertThat(ops("前10秒黑白，后面保持原色")).containsExactly("grayscale");
        assertThatThrownBy(() -> interpreter.read("静音，但是人声要保留", 0)).hasMessageContaining("impossible");
        assertThat(ops("把风声去掉，说话声留着")).containsExactly("denoise_audio");
        assertThatThrownBy(() -> interpreter.read("remove all the sound but make my voice louder", 0)).hasMessageContaining("impossible");
        assertThatThrownBy(() -> interpreter.read("speed it up 2x but keep it the same length", 0)).hasMessageContaining("impossible");
        assertThat(ops("Bali vlog, I need it 16:9 with black bars on the sides, don't cut anything off.")).containsExactly("aspect");
        // an edit named as what the next comes after is asked once
        assertThat(ops("想做成倒放的。倒放之后再放慢到一半速度")).containsExactly("reverse", "speed");
        assertThat(ops("晚上拍的噪点好多，降噪之后再锐化一下")).containsExactly("denoise", "sharpen");
        // long messages: plans to post, remarks on what is not needed, noise said of the sound
        assertThat(ops("gonna post it on my tiktok, keep just the last 25s")).containsExactly("trim_last");
        assertThat(ops("直播回放太长了。麻烦只保留最后60秒。还有声音的底噪有点大，帮我降一下。")).containsExactly("trim_last", "denoise_audio");
        assertThat(params("we need everyone's faces pixelated (not blurred, the editor prefers pixelation)", 0)).containsEntry("style", "pixelate");
        assertThat(params("could you make it about 15% darker", 0)).containsEntry("amount", -0.15);
        assertThat(params("i'd like the contrast up by 15%", 0)).containsEntry("factor", 1.15);
        // the ninety-sixth and ninety-seventh: when a caption shows, a CRF said 设, a figure in brackets as a picture in
        // picture, a wish after what the video is with no stop, a moment said after a freeze up to a question mark
        assertThat(params("底部加字幕“第一步”，从第5秒开始显示4秒", 0)).containsEntry("start", 5.0).containsEntry("duration", 4.0);
        assertThat(interpreter.interpret("导出1080p，CRF设23。", 0)).extracting(EditOperation::op).containsExactly("scale", "encode");
        assertThat(interpreter.interpret("Logo (image 1) top right. Floor plan (image 2) in a small box in the bottom left.", 2))
                .extracting(EditOperation::op).containsExactly("watermark", "picture_in_picture");
        assertThat(interpreter.interpret("our logo from image 1 as a watermark in the bottom left", 1)).extracting(o -> o.params().get("position")).containsExactly("bottom-left");
        assertThat(ops("this is for the sports day video um I need it in slow motion the whole thing at half speed")).containsExactly("speed");
        assertThat(ops("Can you freeze it at 0:06 for 2 seconds, right when her face hits the window? And then zoom in 1.5x")).containsExactly("freeze", "zoom");
        assertThat(params("麻烦把0:00到0:04整个画面打马赛克。0:30到1:30是在等安装进度条，帮我加速到4倍。其他的都没问题", 1)).containsEntry("from", 30.0).containsEntry("to", 90.0);
        assertThat(ops("The first 2 minutes are just people joining the call, please remove them so the video starts at 2:00. Audio levels jump around a lot, please even them out."))
                .containsExactly("trim", "normalize_audio");
        // rewordings: a limit said "max 20 seconds" (it read "20 sec" and left "onds"), the same duration kept beside a
        // speed change, a voice kept beside a mute
        assertThat(params("max 20 seconds, starting from 0:10", 0)).containsEntry("start", 10.0).containsEntry("duration", 20.0);
        assertThatThrownBy(() -> interpreter.read("make it faster but keep the same duration", 0)).hasMessageContaining("impossible");
        assertThatThrownBy(() -> interpreter.read("mute the audio, but keep my voice", 0)).hasMessageContaining("impossible");
        assertThat(ops("remove the hiss but keep my voice clear")).containsExactly("denoise_audio");
    }

    @Test
    void theNinetyEighthAndNinetyNinthSetsDictation() {
        // a remark dropped to its sentence's end stops at a request joined on with no stop
        assertThat(ops("it's grainy because we filmed at night so sharpen it please")).containsExactly("sharpen");
        assertThat(ops("it's really grainy cause we filmed at night so clean up the noise in the picture and then sharpen it please"))
                .containsExactly("denoise", "sharpen");
        // 小 is quiet only beside a word of the sound; a request glued to its complaint or its amount is read apart
        assertThat(params("小孩太吵了", 0)).containsEntry("factor", 0.5);
        assertThat(ops("加个卡通滤镜然后把声音关了小孩太吵了然后循环两次")).containsExactly("cartoon", "mute", "loop");
        assertThat(params("亮度提高百分之十画面太暗了", 0)).containsEntry("amount", 0.1);
        assertThat(ops("饱和度降低百分之二十颜色太艳了然后冷色调一点")).containsExactly("saturation", "temperature");
        assertThat(ops("晚上拍的画面噪点很多帮我画面降噪然后再锐化一下")).containsExactly("denoise", "sharpen");
        // voice typing's homophones and fillers
        assertThat(ops("我边走边拍的晃得厉害帮我房抖一下然后呢稍微调亮一点")).containsExactly("stabilize", "brightness");
        assertThat(ops("I only need the first thirty seconds and then like a fate out at the end so it doesn't just stop dead"))
                .containsExactly("trim", "fade_out");
        assertThat(params("poster eyes it with uh four levels", 0)).containsEntry("levels", 4);
        // a part to keep and the rest dropped is kept, never cut; a range's end is never eaten
        assertThat(params("帮我把前面一分钟留下来后面都不要了", 0)).containsEntry("start", 0.0).containsEntry("duration", 60.0);
        assertThat(params("二十秒到四十秒那段四倍速其他的正常速度", 0)).containsEntry("from", 20.0).containsEntry("to", 40.0);
        // an unquoted text ends before "and then" a verb and before "as a caption"
        assertThat(params("add text at the top that says happy birthday grandma and then make the colors a bit warmer", 0))
                .containsEntry("text", "happy birthday grandma");
        assertThat(params("put text at the bottom that says swipe up for the sale as a caption", 0)).containsEntry("text", "swipe up for the sale");
        assertThat(params("在视频顶部加个标题写新品上市只显示前五秒视频结尾再淡出黑场", 0)).containsEntry("text", "新品上市");
        // corrections in dictation: a multiple said in words keeps the speed's part and direction
        assertThat(params("speed up the part from ten to twenty seconds to three x actually no four x", 0))
                .containsEntry("factor", 4.0).containsEntry("from", 10.0);
        assertThat(params("speed it up twice as fast no actually that's too much make it one and a half times", 0)).containsEntry("factor", 1.5);
        assertThat(params("slow it down to half speed no wait 3x", 0)).containsEntry("factor", 0.333);
        assertThat(params("just chop off the last five seconds no wait the last four I was fumbling with the phone", 0)).containsEntry("duration", 4.0);
        assertThat(params("压缩到十兆以内不对二十兆吧微信要发", 0)).containsEntry("max_mb", 20.0);
        assertThat(params("okay so from one minute ten to one minute twenty I want that in slow motion", 0))
                .containsEntry("from", 70.0).containsEntry("to", 80.0);
        // the length told of the whole video; a look asked politely of a model; a mute beside a louder voice
        assertThatThrownBy(() -> interpreter.read("The whole video is 12 seconds. Remove the last 20 seconds.", 0)).hasMessageContaining("impossible");
        assertThatThrownBy(() -> interpreter.read("It was shot at noon and looks flat. Can you relight it so it looks like golden hour?", 0))
                .isInstanceOf(NeedsGenerativeEngine.class);
        assertThatThrownBy(() -> interpreter.read("静音，但是人声要大一点", 0)).hasMessageContaining("impossible");
        // rewordings not in the sets
        assertThat(ops("声音关掉吧孩子太吵了")).containsExactly("mute");
        assertThat(ops("we shot this at night so brighten it")).containsExactly("brightness");
        assertThat(params("trim it to the first 10 seconds no wait eight", 0)).containsEntry("duration", 8.0);
        // a variant of "crf {n}" without its number threw at the first prompt it matched (the lexicon now refuses such a line at start-up)
        assertThat(params("用crf 23重新编码", 0)).containsEntry("crf", 23);
        // what must stay as it is: a remark listed as one, and a contradiction beside an edit that changes it
        assertThat(interpreter.read("speed it up, and keep the colours", 0).ignored()).contains("keep the colours");
        assertThatThrownBy(() -> interpreter.read("调成黑白，但是要保留原来的颜色", 0)).hasMessageContaining("impossible");
        assertThatThrownBy(() -> interpreter.read("make it black and white but keep all the colors", 0)).hasMessageContaining("impossible");
        assertThatThrownBy(() -> interpreter.read("只保留前15秒，但是每个镜头都要保留", 0)).hasMessageContaining("impossible");
    }

    @Test
    void theHundredAndFirstSetWordsOnScreen() {
        // when a text shows, said apart from it and around its verb of showing
        assertThat(params("底部加字幕“第一步：烧水”，从0:08显示到0:14", 0)).containsEntry("start", 8.0).containsEntry("duration", 6.0);
        assertThat(params("add the caption \"step one\" at the bottom, show it from 0:08 to 0:14", 0)).containsEntry("start", 8.0).containsEntry("duration", 6.0);
        assertThat(params("put \"SALE\" in the top left and keep it on screen for 4 seconds", 0)).containsEntry("start", 0.0).containsEntry("duration", 4.0);
        assertThat(params("put \"SALE\" in the top left, it should appear at 0:05 and stay until 0:09", 0))
                .containsEntry("start", 5.0).containsEntry("duration", 4.0);
        assertThat(params("左上角加文字“限时特价”，第5秒出现，第9秒消失", 0)).containsEntry("start", 5.0).containsEntry("duration", 4.0);
        assertThat(params("put 'WAIT FOR IT' at the top until 0:07", 0)).containsEntry("start", 0.0).containsEntry("duration", 7.0);
        assertThat(params("加一个“绝绝子”居中 在1:02那里出现 2秒就行", 0)).containsEntry("start", 62.0).containsEntry("duration", 2.0);
        assertThat(params("加个标题“Q3销售复盘”，居中，开头显示4秒", 0)).containsEntry("start", 0.0).containsEntry("duration", 4.0);
        assertThat(params("新人名字“陈浩 & 林晓”放在画面居中，前5秒", 0)).containsEntry("position", "center").containsEntry("duration", 5.0);
        assertThat(params("put \"SALE\" at the top right. Keep it up the whole video.", 0)).doesNotContainKeys("start", "duration");
        // where, what it is, and the verbs people use for it
        assertThat(params("麻烦在屏幕下方加字幕“第一步：把纸对折”", 0)).containsEntry("position", "bottom");
        assertThat(params("视频加速到1.5倍，然后左上角一直显示“1.5x”", 1)).containsEntry("text", "1.5x").containsEntry("position", "top-left");
        assertThat(params("中间打个“五杀！”", 0)).containsEntry("position", "center");
        assertThat(params("name card bottom left 'Dr. Anita Rao, Pediatrician' 0:03-0:08", 0)).containsEntry("start", 3.0);
        assertThat(params("右下角加日期 2024.05.18", 0)).containsEntry("text", "2024.05.18");
        assertThat(params("Price tag in the top right corner: $24.99. Keep it up the whole video.", 0)).containsEntry("text", "$24.99");
        assertThat(ops("价格标签：左下角 ¥39.9，整段都显示，另外把声音关掉")).containsExactly("text", "mute");
        // its colour, said with it or after it
        assertThat(params("加字幕“你好”，红色", 0)).containsEntry("colour", "red");
        assertThat(params("底部加黄色字幕“你好”", 0)).containsEntry("colour", "yellow");
        assertThat(params("add the caption \"hi\" in yellow at the top", 0)).containsEntry("colour", "yellow").containsEntry("position", "top");
        // what a still text in one font cannot be, and captions from the speech, refused with the reason
        assertThatThrownBy(() -> interpreter.read("标题“国庆快乐”要红色的，字体用楷体", 0)).hasMessageContaining("字体用楷体").hasMessageContaining("font");
        assertThatThrownBy(() -> interpreter.read("Make the title 'Grand Finale' scroll from right to left across the bottom", 0))
                .hasMessageContaining("'Grand Finale'").hasMessageContaining("moving or animated");
        assertThatThrownBy(() -> interpreter.read("让“限时优惠”四个字跟着音乐一闪一闪的", 0)).hasMessageContaining("animated");
        assertThatThrownBy(() -> interpreter.read("transcribe the interview and show it as captions", 0)).hasMessageContaining("speech model");
        assertThatThrownBy(() -> interpreter.read("把我说的话识别出来做成字幕，再加个标题“周末vlog”", 0)).hasMessageContaining("speech model");
        // a form's fields: the words to show, then where and when (a form's "Format" is a frame only when it names one)
        assertThat(params("需求单\n素材：门店探店.mp4\n文字：“地址：朝阳路88号”\n位置：底部居中\n时间：00:12-00:18\n其他：音乐小声一点", 0))
                .containsEntry("position", "bottom").containsEntry("start", 12.0).containsEntry("duration", 6.0);
        assertThat(params("Name: Carlos M.\nEvent: Riverside 10K\nText to add: Finish line – 42:17\nWhere: top\nWhen: 0:30 to 0:36\nOther: louder audio please", 0))
                .containsEntry("text", "Finish line – 42:17").containsEntry("position", "top").containsEntry("start", 30.0);
        assertThat(ops("TICKET #4471\nAsset: promo_v3.mp4\nRequest: overlay text \"Free shipping over $50\"\nPosition: bottom center\nTiming: 00:03–00:09\nFormat: 9:16 for Reels"))
                .containsExactly("text", "aspect");
        assertThat(ops("Request: mute\nFormat: mp4")).containsExactly("mute");
        assertThat(params("店名：阿芳小吃\n要加的字：招牌卤肉饭 ¥18\n位置：右上角\n时间：全程", 0)).containsEntry("position", "top-right").doesNotContainKey("start");
        // a sound effect quoted stays a sound, never a text
        assertThatThrownBy(() -> interpreter.read("在0:12加个“叮”的音效", 0)).hasMessageContaining("audio");
    }

    @Test
    void theHundredAndSecondSetTheSoundAndTheThirdAPlainDay() {
        // an amount said after a question is the edit's amount, whatever words the edit was asked in
        assertThat(params("the audio is way too quiet when i play it on my phone, can you boost it? like double", 0)).containsEntry("factor", 2.0);
        assertThat(params("boost the volume, like double", 0)).containsEntry("factor", 2.0);
        // the sound's plain wordings
        assertThat(ops("Filmed on the beach and the wind noise is awful. Clean up the wind and make the colours a bit warmer"))
                .containsExactly("denoise_audio", "temperature");
        assertThat(params("Can you make the sound half as loud? It's blasting", 0)).containsEntry("factor", 0.5);
        assertThat(params("quarter volume please", 0)).containsEntry("factor", 0.25);
        assertThat(params("remove sound from first 3 seconds", 0)).containsEntry("factor", 0.0).containsEntry("to", 3.0);
        assertThat(ops("the levels jump all over the place. normalize pls, then compress under 25mb so i can email it"))
                .containsExactly("normalize_audio", "encode");
        assertThat(ops("timelapse at 4x but keep the real audio")).containsExactly("speed", "keep_audio");
        assertThat(params("Even out the volume and take out the wind. Trim to start at 0:04.", 2)).containsEntry("start", 4.0);
        assertThat(params("音量提升20%", 0)).containsEntry("factor", 1.2);
        assertThat(ops("开头3秒和结尾3秒都不要声音")).containsExactly("volume", "volume");
        assertThat(ops("那个嗡嗡的交流声整段都有，麻烦处理掉")).containsExactly("denoise_audio");
        assertThat(ops("帮我把这个视频的声音去掉我要自己配音")).containsExactly("mute");
        assertThat(params("去掉杂音，音量标准化，压缩到50M以内发微信", 2)).containsEntry("max_mb", 50.0);
        // a voice changed, or one sound taken from the mixed track: a model's work
        for (String prompt : List.of("can you make my voice deeper? i sound like a kid lol", "auto-tune my singing pls",
                "lower the music under my voice so people can actually hear what I'm saying", "Can you isolate just her voice?",
                "变声 变成男声", "把人声提取出来，伴奏不要", "把视频里我妈的声音去掉，其他人的保留", "给我唱歌那段修个音，跑调了")) {
            assertThatThrownBy(() -> interpreter.read(prompt, 0)).as(prompt).isInstanceOf(NeedsGenerativeEngine.class);
        }
        assertThat(params("make my voice louder", 0)).containsEntry("factor", 1.5);
        // the hundred-and-third set (a plain day): Cantonese "mute it too", a remark after a time with no stop, a hedged
        // amount, what a card "just says"
        assertThat(ops("幫我將條片調光啲，再消埋音")).containsExactly("brightness", "mute");
        assertThat(interpreter.read("cut out 0:45 to 1:02 theres a guy walking right in front of the camera", 0).ignored())
                .containsExactly("there's a guy walking right in front of the camera");
        assertThat(params("forty seconds in there's a part where she waves, freeze it there for 2 secs", 0)).containsEntry("at", 40.0);
        assertThat(params("okay so make it louder and then fade it out at the end over like three seconds thanks", 1)).containsEntry("duration", 3.0);
        assertThat(params("add a 3 second intro that just says Smith & Co. Realty", 0)).containsEntry("text", "Smith & Co. Realty");
        // and the hundredth's, read since
        assertThat(interpreter.read("cut out 0:12-0:18 my nephew sneezed right into the mic lol", 0).ignored())
                .containsExactly("my nephew sneezed right into the mic lol");
        assertThat(params("make the volume half and fade out at the end", 0)).containsEntry("factor", 0.5);
        assertThat(params("um can you make it louder and um also cut off the last like two seconds thank you", 1)).containsEntry("duration", 2.0);
        assertThat(ops("plz mak it blak n white and slo it down")).containsExactly("grayscale", "speed");
        assertThat(ops("TICKET #4471 / Client: Harbor Realty / Request: trim clip to start at 00:05; output square 1:1 (crop); remove audio"))
                .containsExactly("trim", "aspect", "mute");
        assertThat(interpreter.read("图1是我们店的logo，麻烦放在左上角", 1).operations().getFirst().params()).containsEntry("position", "top-left");
        assertThat(interpreter.read("图1做水印放右上角，图2小窗放左下角", 2).operations().getLast().op()).isEqualTo("picture_in_picture");
        assertThat(ops("中间显示“完”，从0:35到0:40，最后一帧再停留3秒")).containsExactly("text", "freeze_end");
        assertThat(params("Overlay “Limited stock” in the center starting at 0:20 till the end.", 0)).containsEntry("start", 20.0).doesNotContainKey("duration");
        assertThat(params("plese add tittle 'Family Reunion 2024' in the centre for the frist 3 secs", 0)).containsEntry("style", "title").containsEntry("duration", 3.0);
        assertThat(params("在顶部加字幕“周末特价”，从第5秒开始，持续3秒", 0)).containsEntry("start", 5.0).containsEntry("duration", 3.0);
    }

    @Test
    void theHundredAndFourthToSixthSetsTheFrameTimeAndAPlainDay() {
        // how a ratio is met, said in a word or a phrase of its own
        assertThat(params("square for the feed, black bars", 0)).containsEntry("ratio", "1:1").containsEntry("fit", "pad");
        assertThat(params("Aspect: 4:5 (pad, no crop)", 0)).containsEntry("fit", "pad");
        assertThat(params("9:16 please, so nothing of the product gets cut off", 0)).containsEntry("fit", "pad");
        assertThat(params("reels format, crop it to fill the screen", 0)).containsEntry("ratio", "9:16").containsEntry("fit", "crop");
        assertThat(params("vertical 9:16 cropped to fill", 0)).containsEntry("fit", "crop");
        assertThat(params("改成竖屏 裁剪铺满", 0)).containsEntry("fit", "crop");
        assertThat(params("抖音尺寸", 0)).containsEntry("ratio", "9:16");
        assertThat(interpreter.read("there are black bars on the sides, make it 9:16", 0).operations().getFirst().params()).containsEntry("fit", "crop");
        // a crop that follows someone moving: refused as impossible, never a fixed crop with the rest dropped
        for (String prompt : List.of("make it vertical and have the camera follow my dog around the yard",
                "crop to 9:16 but keep following the skater as he moves", "竖屏，画面一直跟着那个穿红衣服的人", "裁成竖屏，自动跟踪主角")) {
            assertThatThrownBy(() -> interpreter.read(prompt, 0)).as(prompt).hasMessageContaining(Refusal.IMPOSSIBLE_EN);
        }
        assertThat(ops("the camera follows my cat as she runs, slow it down")).containsExactly("speed");
        // AI named as the means, the frame grown past its edges: a model's work
        for (String prompt : List.of("竖屏，左右两边用AI补出来", "太暗了，用AI重新打个光", "uncrop it please, my feet are cut off",
                "widen the shot a bit", "帮我把画面往外扩一点", "slow motion with optical flow so it's smooth")) {
            assertThatThrownBy(() -> interpreter.read(prompt, 0)).as(prompt).isInstanceOf(NeedsGenerativeEngine.class);
        }
        // rotation and mirroring as typed
        assertThat(params("倒过来了 帮我转180", 0)).containsEntry("degrees", 180);
        assertThat(ops("镜像反了，帮我翻转回来")).containsExactly("hflip");
        assertThat(ops("un-mirror my selfie video")).containsExactly("hflip");
        assertThat(ops("filmed it upside down 🤦‍♂️ rotate it 180 pls")).containsExactly("rotate");
        // sizes and volumes written beside what they change
        assertThat(params("shrink it for email, 15 MB max", 0)).containsEntry("max_mb", 15.0);
        assertThat(params("群里只能传20M，帮我压一下", 0)).containsEntry("max_mb", 20.0);
        assertThat(params("music volume 1.5x", 0)).containsEntry("factor", 1.5);
        assertThat(params("声音太小，调到原来的三倍", 0)).containsEntry("factor", 3.0);
        assertThat(ops("3倍速，声音保持正常")).containsExactly("speed", "keep_audio");
        // time and speed
        assertThat(params("1:10 to 1:25 is just me parking, cut it", 0)).containsEntry("start", 70.0).containsEntry("end", 85.0);
        assertThat(ops("slowmo 0:03-0:05 at 0.5x, regular speed afterwards")).containsExactly("speed");
        assertThat(params("slow the bit from 0:02 to 0:04 to 0.5x", 0)).containsEntry("from", 2.0).containsEntry("factor", 0.5);
        assertThat(ops("freeze at 0:02 for 1s and freeze again at 0:06 for 1s")).containsExactly("freeze", "freeze");
        assertThat(params("整个视频调成原来两倍的速度", 0)).containsEntry("factor", 2.0);
        assertThat(ops("片尾定格2秒")).containsExactly("freeze_end");
        assertThat(ops("第2秒到第4秒剪掉，第8秒到第9秒也剪掉")).containsExactly("cut", "cut");
        assertThatThrownBy(() -> interpreter.read("speed it up 3x but keep the exact same length", 0)).hasMessageContaining(Refusal.IMPOSSIBLE_EN);
        // a plain day: purposes, a form's field, an image placed as a small window, a run-on complaint and its fix
        assertThat(interpreter.read("调亮一点，让菜看起来更有食欲", 0).ignored()).isNotEmpty();
        assertThat(params("画面比例：9:16\n时长：只要前10秒", 0)).containsEntry("ratio", "9:16");
        assertThat(interpreter.read("图1放右下角，画中画那种", 1).operations().getFirst().op()).isEqualTo("picture_in_picture");
        assertThat(ops("车声太吵了说话都听不清能不能降个噪")).containsExactly("denoise_audio");
        assertThat(params("slap 'GG' in big text at the top", 0)).containsEntry("text", "GG");
        assertThat(ops("Trim it so only the last 8 seconds are left.")).containsExactly("trim_last");
    }

    @Test
    void theHundredAndSeventhToNinthSetsTheLookFiguresAndAPlainDay() {
        // the look, said as people say it
        assertThat(params("darken 15%", 0)).containsEntry("amount", -0.15);
        assertThat(params("对比度翻倍", 0)).containsEntry("factor", 2.0);
        assertThat(ops("夜拍的画面降噪，再锐化一点")).containsExactly("denoise", "sharpen");
        assertThat(ops("add a subtle dark vignette around the corners")).containsExactly("vignette");
        assertThat(ops("整黑白啦")).containsExactly("grayscale");
        assertThat(ops("make it look like an old camcorder tape")).containsExactly("vintage");
        assertThat(ops("我想要褐色调，像老照片一样的感觉")).containsExactly("sepia");
        assertThat(ops("going for a moody vibe, so cooler and a bit darker")).containsExactly("temperature", "brightness");
        assertThat(params("the kids all look orange under these lights, can you fix it", 0)).containsEntry("tone", "cool");
        assertThat(ops("blur it all, I'm putting it behind a title card")).containsExactly("blur");
        assertThatThrownBy(() -> interpreter.read("除了蓝色的气球，其他都变黑白", 0)).isInstanceOf(NeedsGenerativeEngine.class);
        assertThatThrownBy(() -> interpreter.read("relight the room so it looks like soft morning light", 0)).isInstanceOf(NeedsGenerativeEngine.class);
        // figures: ordinals, a figure in brackets, a card's field, a figure that goes somewhere
        assertThat(interpreter.read("put the 2nd photo bottom left", 2).operations().getFirst().params()).containsEntry("image", 2);
        assertThat(interpreter.read("add our store logo (image 2) as a watermark, bottom right", 2).operations().getFirst().params())
                .containsEntry("image", 2).containsEntry("position", "bottom-right");
        assertThat(interpreter.read("intro card = image 1, 2 seconds", 1).operations().getFirst().op()).isEqualTo("intro");
        assertThat(interpreter.read("image 2 goes in the bottom left corner", 2).operations().getFirst().params()).containsEntry("image", 2);
        assertThat(interpreter.read("把我上传的第二张图放在左上角，第一张放右上角", 2).operations()).extracting(o -> o.params().get("image"))
                .containsExactly(2, 1);
        assertThat(interpreter.read("watermark top left using the logo we sent", 1).operations()).hasSize(1);
        assertThat(interpreter.read("logo bottom left, 16:9 for youtube", 1).operations()).extracting(EditOperation::op)
                .containsExactly("watermark", "aspect");
        assertThat(interpreter.read("把所有人的脸打码（用马赛克）", 0).operations().getFirst().params()).containsEntry("style", "pixelate");
        assertThat(ops("人脸都模糊掉")).containsExactly("blur_faces");
        assertThat(interpreter.read("hi so our client wants the logo on every video, bottom left please", 1).operations().getFirst().params())
                .containsEntry("position", "bottom-left");
        assertThat(interpreter.read("put my selfie in the top left corner", 1).operations().getFirst().op()).isEqualTo("picture_in_picture");
        assertThat(interpreter.read("put my logo in the top left corner", 1).operations().getFirst().op()).isEqualTo("watermark");
        // a plain day: Cantonese "then mute it", posterize in another word, a text said in numerals, a text corrected
        assertThat(ops("轉做慢動作，跟住熄埋佢啲聲")).containsExactly("speed", "mute");
        assertThat(params("色阶分层 5级", 0)).containsEntry("levels", 5);
        assertThat(params("顶部加标题“新品上市”，从第三秒开始显示，持续四秒", 0)).containsEntry("start", 3.0).containsEntry("duration", 4.0);
        assertThat(params("底部加字幕“周六见”，不对，字幕不是“周六见”是“周日见”", 0)).containsEntry("text", "周日见");
    }

    @Test
    void theHundredAndTenthToTwelfthSetsAPlainDayTheMessagesFormAndParts() {
        // colour casts said of faces and the picture, taken back alone, a speed that undoes another, remarks
        assertThat(params("脸都有点发青", 0)).containsEntry("tone", "warm");
        assertThat(params("肤色太黄了", 0)).containsEntry("tone", "cool");
        assertThatThrownBy(() -> interpreter.read("加个暗角……算了不加了", 0)).isInstanceOf(VeditException.class);
        assertThat(ops("加个暗角，算了不加了，加个淡入")).containsExactly("fade_in");
        assertThat(ops("mute it, then make it 2x faster. actually no, 1.5x not 2x. still mute it")).containsExactly("mute", "speed");
        assertThatThrownBy(() -> interpreter.read("前20秒加速4倍，同时这段也要放慢到0.25倍", 0)).isInstanceOf(VeditException.class);
        assertThat(ops("denoise it please, the sound is fine")).containsExactly("denoise");
        assertThat(ops("去噪（画面上的雪花）")).containsExactly("denoise");
        // the rest of the video after a part, said every way
        assertThat(interpreter.read("the first 8 seconds at half speed, everything after that at 3x", 0).operations())
                .extracting(o -> o.params().get("from")).containsExactly(0.0, 8.0);
        assertThat(interpreter.read("前8秒慢放一半 后面3倍速", 0).operations()).hasSize(2);
        assertThat(params("first 6 seconds normal, rest 2x", 0)).containsEntry("from", 6.0);
        assertThat(params("前6秒保持正常速度，后面两倍速", 0)).containsEntry("from", 6.0);
        assertThat(params("grayscale until 0:07", 0)).containsEntry("to", 7.0);
        assertThat(params("3分到4分加速2倍", 0)).containsEntry("from", 180.0).containsEntry("to", 240.0);
        assertThat(interpreter.read("把5秒到8秒和20秒到22秒都删掉", 0).operations()).extracting(EditOperation::op).containsExactly("cut", "cut");
        // a length told makes a half or the last seconds seconds, and a length past it impossible
        assertThat(params("the video is 40 seconds. slow the second half down", 0)).containsEntry("from", 20.0);
        assertThat(params("blur the last 4 seconds (the clip is 0:30 long)", 0)).containsEntry("from", 26.0);
        assertThatThrownBy(() -> interpreter.read("this clip is 10 seconds, I want it to be a 20 minute video", 0)).isInstanceOf(VeditException.class)
                .hasMessageContaining("impossible as asked");
        // a message's form: fields, lists, corrections glued to amounts
        assertThat(params("Format: vertical 9:16", 0)).containsEntry("ratio", "9:16");
        assertThat(params("变成3倍速不对4倍速", 0)).containsEntry("factor", 4.0);
        assertThat(ops("只要15秒，从0:10开始")).containsExactly("trim");
        assertThat(ops("we need this under 10mb to send it to the client")).containsExactly("encode");
        assertThat(params("posterise it with 3 levels", 0)).containsEntry("levels", 3);
    }

    @Test
    void theHundredAndThirteenthToFifteenthSetsAPlainDaySecondLanguagesAndOverlays() {
        // how see-through and how wide a logo is, said with it or after it
        assertThat(interpreter.read("logo (figure 1) bottom left, 40% opacity", 1).operations().getFirst().params()).containsEntry("opacity", 0.4);
        assertThat(interpreter.read("put the logo top right. make it 70% transparent", 1).operations().getFirst().params()).containsEntry("opacity", 0.3);
        assertThat(interpreter.read("把图1放左下角当水印，不透明度30%", 1).operations().getFirst().params()).containsEntry("opacity", 0.3);
        assertThat(interpreter.read("watermark top right with figure 1, about 12% of the frame width", 1).operations().getFirst().params())
                .containsEntry("width", 0.12);
        assertThat(interpreter.read("logo in the corner please, keep it subtle", 1).operations().getFirst().params()).containsKey("opacity");
        assertThat(interpreter.read("logo bottom right. a bit smaller", 1).operations().getFirst().params().get("width")).isEqualTo(0.12);
        assertThat(ops("add a subtle vignette")).containsExactly("vignette");
        assertThatThrownBy(() -> interpreter.read("logo top left, 150% opacity", 1)).isInstanceOf(VeditException.class);
        assertThat(interpreter.read("use image 2 as a 4-second outro", 2).operations().getFirst().params()).containsEntry("image", 2).containsEntry("duration", 4.0);
        assertThat(interpreter.read("片头换成图1", 1).operations().getFirst().op()).isEqualTo("intro");
        // second-language and mixed wordings
        assertThat(ops("can do slow motion for the first 3 sec")).containsExactly("speed");
        assertThat(ops("saturation a little more pls")).containsExactly("saturation");
        assertThat(params("帮我 rotate 90度，逆时针", 0)).containsEntry("degrees", 270);
        assertThat(ops("幫我消埋啲聲")).containsExactly("mute");
        assertThat(params("整体亮一点 大概 10%", 0)).containsEntry("amount", 0.1);
        assertThat(interpreter.read("speed up between one minute and one minute ten", 0).operations().getFirst().params())
                .containsEntry("from", 60.0).containsEntry("to", 70.0);
        // cards and overlays said as fields, a start said after them, names before their words
        assertThat(interpreter.read("outro: my logo (figure 1) for 4 seconds. also mute it", 1).operations()).extracting(EditOperation::op)
                .containsExactly("outro", "mute");
        assertThat(interpreter.read("PiP: image 1, top left. 声音去一下杂音", 1).operations()).extracting(EditOperation::op)
                .containsExactly("picture_in_picture", "denoise_audio");
        assertThat(interpreter.read("logo: figure 1\nposition: top-left\nopacity: 60%", 1).operations().getFirst().params()).containsEntry("opacity", 0.6);
        assertThat(interpreter.read("logo bottom left, and start it at 12 seconds", 1).operations().getFirst().params()).containsEntry("from", 12.0);
        assertThat(params("片尾打上店名“阿明小馆”，4秒", 0)).containsEntry("text", "阿明小馆");
        assertThat(params("please use \"Our Wedding\" as the intro for 5 seconds", 0)).containsEntry("text", "Our Wedding");
        assertThat(params("开头3秒右上角显示“限时优惠”，顺便把画面调亮一点", 1)).doesNotContainKey("from");
    }

    @Test
    void theHundredAndSixteenthToEighteenthSetsAPlainDayPartsAndOverlaysAgain() {
        // parts said again: after a time "to Nx", a part named then "that", fades at both ends
        assertThat(params("slow down everything after 0:40 to 0.5x", 0)).containsEntry("from", 40.0).containsEntry("factor", 0.5);
        assertThat(params("the part from 0:20 to 0:30, make that twice as fast", 0)).containsEntry("from", 20.0).containsEntry("to", 30.0);
        assertThat(ops("fade in 2 sec at the start and fade out 4 sec at the end")).containsExactly("fade_in", "fade_out");
        assertThat(ops("首尾各淡入淡出2秒")).containsExactly("fade_in", "fade_out");
        assertThat(params("第3秒到第9秒放慢到四分之一速度", 0)).containsEntry("factor", 0.25);
        assertThat(interpreter.read("slow down 00:00:20 – 00:00:26 to quarter speed", 0).operations()).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("factor", 0.25).containsEntry("from", 20.0));
        assertThat(params("the video is 50 seconds. blur the second half", 0)).containsEntry("from", 25.0);
        // overlays again: a share of the width in words, opacity in Chinese word order, fields and their times
        assertThat(interpreter.read("logo top left, a third of the width", 1).operations().getFirst().params()).containsEntry("width", 0.333);
        assertThat(interpreter.read("把图1放右下角，40%透明", 1).operations().getFirst().params()).containsEntry("opacity", 0.6);
        assertThat(interpreter.read("logo: figure 1 // position: bottom-left // size: 12% // timing: 0:10-0:40", 1).operations().getFirst().params())
                .containsEntry("width", 0.12).containsEntry("from", 10.0).containsEntry("to", 40.0);
        assertThat(interpreter.read("put the family crest (attached) in the top left", 1).operations().getFirst().op()).isEqualTo("watermark");
        assertThat(params("底部加黄字“欢迎光临”", 0)).containsEntry("colour", "yellow");
        assertThat(interpreter.read("用附件里的图片做3秒片尾", 1).operations().getFirst().op()).isEqualTo("outro");
        assertThat(ops("hold the last frame 2 seconds so our logo stays on screen")).containsExactly("freeze_end");
        assertThat(interpreter.read("we want our logo on all our videos. put image 1 bottom left at 50% opacity", 1).operations())
                .singleElement().satisfies(o -> assertThat(o.params()).containsEntry("position", "bottom-left").containsEntry("opacity", 0.5));
    }

    @Test
    void theHundredAndNineteenthToTwentySixthSetsTheSoundPlacesAndTime() {
        // the sound said plainly: off, tripled, a signed share, a hum named by its frequency, uneven levels evened
        assertThat(ops("turn the sound off and loop it twice")).containsExactly("mute", "loop");
        assertThat(params("triple the sound", 0)).containsEntry("factor", 3.0);
        assertThat(params("音量 +30%", 0)).containsEntry("factor", 1.3);
        assertThat(params("音量-20%", 0)).containsEntry("factor", 0.8);
        assertThat(ops("get rid of the 50hz hum in the audio")).containsExactly("denoise_audio");
        assertThat(ops("the volume is all over the place, level it out")).containsExactly("normalize_audio");
        assertThat(ops("声音时高时低的，帮我调平一下")).containsExactly("normalize_audio");
        assertThat(ops("录音里全是嘶嘶声，帮忙处理掉")).containsExactly("denoise_audio");
        assertThat(ops("fade in and out, picture and sound together")).containsExactly("fade_both");
        // "loud" as a word of its own: "louder … can't hear" asks for more, never less
        assertThat((Double) params("louder please, I can't hear a thing", 0).get("factor")).isGreaterThan(1.0);
        // texts and logos: the next text where the one before was, times after a space, appears and disappears
        assertThat(interpreter.read("右上角0-3秒写“第一步”，3秒以后写“第二步”", 0).operations())
                .extracting(o -> o.params().get("position")).containsExactly("top-right", "top-right");
        assertThat(interpreter.read("图1做水印 右上 2秒出现10秒消失", 1).operations()).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("from", 2.0).containsEntry("to", 10.0));
        assertThat(interpreter.read("logo from figure 1 top left, shows up at 2s and disappears at 10s", 1).operations()).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("from", 2.0).containsEntry("to", 10.0));
        // a moment named by what happens there is no time the engine can find
        assertThatThrownBy(() -> interpreter.read("把她跳起来那里定格", 0)).hasMessageContaining("not understood");
        // platforms: a limit then "the first 60", the place then the request with no stop, a ratio "cut" to
        assertThat(params("the site only takes 60s so keep the first 60", 0)).containsEntry("duration", 60.0);
        assertThat(ops("for instagram reels make it vertical")).containsExactly("aspect");
        assertThat(params("cut it to 9:16", 0)).containsEntry("ratio", "9:16");
        assertThatThrownBy(() -> interpreter.read("make it square but don't crop and don't add bars", 0)).hasMessageContaining("not both");
        assertThatThrownBy(() -> interpreter.read("have AI fill in the sky above and below", 0)).isInstanceOf(NeedsGenerativeEngine.class);
        assertThatThrownBy(() -> interpreter.read("save it as .avi", 0)).hasMessageContaining("impossible as asked");
        assertThatThrownBy(() -> interpreter.read("格式要avi的", 0)).hasMessageContaining("impossible as asked");
        // time: a range kept in minutes and seconds, the rest of a part cut out, frames where the rate is told
        assertThat(params("只保留2分10秒到2分30秒", 0)).containsEntry("start", 130.0).containsEntry("duration", 20.0);
        assertThat(interpreter.read("0:30到1:00是广告，剪掉，剩下的2倍速", 0).operations())
                .satisfies(ops -> assertThat(ops.get(1).params()).containsOnlyKeys("factor"));
        assertThat(params("视频是30帧的，在第60帧定格1秒", 0)).containsEntry("at", 2.0);
        assertThat(params("it's 25 fps, freeze on frame 100 for 1 s", 0)).containsEntry("at", 4.0);
        // the second round: a form's shape and fit, a frame rate said plainly, the ending held, Hong Kong and Taiwan words
        assertThat(params("Format: 1:1, crop", 0)).containsEntry("ratio", "1:1").containsEntry("fit", "crop");
        assertThat(params("frame rate to 25 please", 0)).containsEntry("fps", 25.0);
        assertThat(params("the ending should hold for 3 sec", 0)).containsEntry("duration", 3.0);
        assertThat(params("帮我快转3倍", 0)).containsEntry("factor", 3.0);
        assertThat(params("把视屏改成横评的", 0)).containsEntry("ratio", "16:9");
        assertThat(interpreter.interpret("最后6秒单独剪出来", 0)).extracting(EditOperation::op).containsExactly("trim_last");
        assertThat(params("视频50帧的，剪掉前100帧", 0)).containsEntry("start", 2.0);
        assertThatThrownBy(() -> interpreter.read("compose an upbeat jingle for the intro", 0)).isInstanceOf(NeedsGenerativeEngine.class);
        assertThat(ops("保留原音，2倍速")).containsExactly("keep_audio", "speed");
        assertThat(ops("音量高低不一致的地方统一一下")).containsExactly("normalize_audio");
        assertThat(interpreter.read("mute from 0:05 to 0:09 my brother burped lol", 0).operations()).singleElement()
                .satisfies(o -> assertThat(o.params()).containsEntry("factor", 0.0).containsEntry("to", 9.0));
        assertThat(params("make the sound louder from like one minute to one minute twenty because he walked off", 0))
                .containsEntry("from", 60.0).containsEntry("to", 80.0);
        assertThat(params("把开头3秒设成静音", 0)).containsEntry("factor", 0.0).containsEntry("to", 3.0);
    }

    @Test
    void theHundredAndTwentySeventhToThirtiethSetsWordsOnScreenTheLookAndTheForm() {
        // what is said of a text after it, in any order: colour, place, moment, length
        assertThat(params("put \"GG EZ\" in the center in green at 0:42 for 2 sec", 0)).containsEntry("colour", "green")
                .containsEntry("position", "center").containsEntry("start", 42.0).containsEntry("duration", 2.0);
        assertThat(params("add text that says happy anniversary mom and dad in white at the bottom", 0))
                .containsEntry("text", "happy anniversary mom and dad").containsEntry("colour", "white");
        assertThat(params("put ROUND 2 in red in the middle at 1:05 for 3 seconds", 0)).containsEntry("text", "ROUND 2").containsEntry("colour", "red");
        assertThat(params("write Day 30 center white", 0)).containsEntry("text", "Day 30").containsEntry("position", "center");
        assertThat(params("add the text happy birthday grandma at the bottom in yellow", 0)).containsEntry("text", "happy birthday grandma");
        // what the text is: a date, a name, a handle, a hashtag, a score; verbs people put texts with
        assertThat(params("add the date '12 March 2024' in the bottom left corner", 0)).containsEntry("position", "bottom-left");
        assertThat(params("add my instagram @bakedbyjess in the bottom right corner the whole time", 0)).containsEntry("text", "@bakedbyjess");
        assertThat(params("add our hashtag #RunForHope2024 in the top left corner", 0)).containsEntry("text", "#RunForHope2024");
        assertThat(params("put the score 3 - 1 in the top-right corner from 2:00 to 2:30", 0)).containsEntry("text", "3 - 1");
        assertThat(params("stick 'timelapse' in the top right corner", 0)).containsEntry("position", "top-right");
        assertThat(params("run 'www.greenleafplumbing.com' along the bottom", 0)).containsEntry("position", "bottom");
        assertThat(params("add the name \"Coach Daniel Reyes\" bottom left at 0:07, keep it up 5 seconds", 0)).containsEntry("duration", 5.0);
        assertThat(ops("#timelapse 8x")).containsExactly("speed"); // a tag opening the prompt names an edit
        // two texts placed at once
        assertThat(interpreter.read("Can you add 'Chapter 1' from 0:00 to 0:05 and 'Chapter 2' starting at 1:30? Centre both.", 0).operations())
                .extracting(o -> o.params().get("position")).containsExactly("center", "center");
        assertThat(interpreter.read("0:05-0:10显示“第一步”，0:10-0:18显示“第二步”，都放顶部", 0).operations())
                .extracting(o -> o.params().get("position")).containsExactly("top", "top");
        // in Chinese: a moment by its ordinal, the first seconds, a colour after, names, accounts and counted characters
        assertThat(params("1分10秒的时候在中间显示“高能预警”，显示3秒", 0)).containsEntry("start", 70.0).containsEntry("duration", 3.0);
        assertThat(params("请在视频开头3秒显示“欢迎光临”，居中，红色字。", 0)).containsEntry("duration", 3.0).containsEntry("colour", "red");
        assertThat(params("加字幕“欢迎”，颜色用红色", 0)).containsEntry("colour", "red");
        assertThat(params("标题放中间：“毕业快乐”，蓝色", 0)).containsEntry("position", "center").containsEntry("colour", "blue");
        assertThat(params("右下角加个我的抖音号 @小林做饭", 0)).containsEntry("text", "@小林做饭");
        assertThat(params("左上角写上球队名“飞鹰队”", 0)).containsEntry("text", "飞鹰队");
        assertThat(params("在底部加上生日快乐四个字红色的", 0)).containsEntry("text", "生日快乐").containsEntry("colour", "red");
        assertThat(params("在0:05到0:10加一行红色的字“限时抢购”", 0)).containsEntry("start", 5.0).containsEntry("colour", "red");
        // the look: softer of a picture is no volume, corrections, typos and Hong Kong words
        assertThat(ops("lower the contrast by 15% and pull the saturation down a touch, I want it softer")).containsExactly("contrast", "saturation");
        assertThat((Double) params("颜色再鲜艳一些，哦不对，是再淡一些", 0).get("factor")).isLessThan(1.0);
        assertThat(params("freeze the frame at 8 seconds for two seconds, actually no three seconds", 0))
                .containsEntry("at", 8.0).containsEntry("duration", 3.0);
        assertThat(ops("帮我把视频调成黑白的，在加个暗脚")).containsExactly("grayscale", "vignette");
        assertThat(ops("give it a cold bluish tone")).containsExactly("temperature");
        assertThat(ops("声音有的地方大有的地方小，统一一下")).containsExactly("normalize_audio");
        assertThat(ops("幫我將條片調慢啲，再加埋黑白效果")).containsExactly("speed", "grayscale");
        // a part said after an edit, then cut: the cut's; an amount that reads as an empty range is none
        assertThat(ops("调亮一点，还有5:10到6:00那段我去接了个电话，剪掉")).containsExactly("brightness", "cut");
        assertThat(params("brighten it a bit. 5:10 to 6:00 I was on a call, cut that", 0)).doesNotContainKey("from");
        assertThat(ops("make it 9:16, about 45% of the width")).containsExactly("aspect");
        assertThat(params("need a 15s teaser for stories — take 1:10 to 1:25", 0)).containsEntry("start", 70.0).containsEntry("duration", 15.0);
        assertThat(params("shrink it to 480p so the file isn't huge", 0)).containsEntry("height", 480);
        // the second round: a text with what is said of it in any order and no verb, values bare, cards with their length
        assertThat(params("score overlay 'Tigers 3 - 1 Hawks' top left from 0:45 to the end", 0)).containsEntry("position", "top-left")
                .containsEntry("start", 45.0);
        assertThat(params("左上角“第二集”", 0)).containsEntry("text", "第二集").containsEntry("position", "top-left");
        assertThat(params("开头6秒正中间白字“深切缅怀”", 0)).containsEntry("duration", 6.0).containsEntry("colour", "white");
        assertThat(params("价格 ¥59.9 放底部 黄色", 0)).containsEntry("text", "¥59.9").containsEntry("colour", "yellow");
        assertThat(params("phone number 0412 555 890 bottom right from 0:40", 0)).containsEntry("text", "0412 555 890");
        assertThat(params("在最上面加粉色的字祝奶奶生日快乐", 0)).containsEntry("text", "祝奶奶生日快乐").containsEntry("colour", "pink");
        assertThat(params("write Merry Christmas from Grandpa Joe in red", 0)).containsEntry("text", "Merry Christmas from Grandpa Joe");
        assertThat(params("name tag for the speaker: Dr. Amara Osei — lower left, from 0:03 for 5 seconds", 0))
                .containsEntry("text", "Dr. Amara Osei").containsEntry("position", "bottom-left");
        assertThat(ops("开头加个2秒的片头写“第三季度业绩”")).containsExactly("intro");
        assertThat(ops("Start with a 2-second intro card that says 'Q3 Results'")).containsExactly("intro");
        assertThat(params("Put 'Grand Opening Sat 10am' at the bottom in red... actually no, top is better", 0))
                .containsEntry("text", "Grand Opening Sat 10am").containsEntry("position", "top");
        // what cannot be: a link to tap, music named, speech written out; a model's work asked inside a telling
        assertThatThrownBy(() -> interpreter.read("Make the text a clickable link to my shop", 0)).hasMessageContaining("impossible as asked");
        assertThatThrownBy(() -> interpreter.read("顶部写“夏日限定”，背景音乐用周杰伦的《晴天》", 0)).hasMessageContaining("impossible as asked");
        assertThatThrownBy(() -> interpreter.read("add my voiceover recording and put 'Episode 12' in the top left", 0)).hasMessageContaining("audio input");
        assertThatThrownBy(() -> interpreter.read("so my son is frowning in every clip can you make him smile and slow it down", 0))
                .isInstanceOf(NeedsGenerativeEngine.class);
        // plain wordings: a telling around the request, a described part kept for the edit that follows, the sound evened
        assertThat(ops("Add text 'Lot 27' at the bottom. I walked around holding the phone so please stabilize it")).containsExactly("text", "stabilize");
        assertThat(ops("please brighten it, and the sound is uneven, can you even that out")).containsExactly("brightness", "normalize_audio");
        assertThat(params("画面变成素描风格，前10秒就行", 0)).containsEntry("to", 10.0);
        assertThat(interpreter.read("想將背景換成圖1，我冇綠幕嘅", 1).operations()).extracting(EditOperation::op)
                .containsExactly("replace_background"); // 冇: no screen to key
        assertThat(ops("more contrast and saturation")).containsExactly("contrast", "saturation");
        // the third round: two texts in a clause, a text amended by the clauses after it, the place of the text before
        assertThat(interpreter.read("Put '1428 Elm Street' at the top left and 'Offered at $425,000' at the bottom right", 0).operations())
                .extracting(o -> o.params().get("position")).containsExactly("top-left", "bottom-right");
        assertThat(interpreter.read("Put 'Set 1' at the top from 0:00-0:20 and 'Set 2' same place 0:20-0:40", 0).operations())
                .extracting(o -> o.params().get("position")).containsExactly("top", "top");
        assertThat(params("Put 'Answer: B' in green, bottom right, at 0:47 for 6 seconds.", 0)).containsEntry("position", "bottom-right")
                .containsEntry("start", 47.0).containsEntry("duration", 6.0);
        assertThat(params("亲，帮我在宝宝视频上加一句“小米粒一周岁啦”，放正中间，粉色，前6秒", 0)).containsEntry("position", "center")
                .containsEntry("colour", "pink").containsEntry("duration", 6.0);
        assertThat(params("视频开头加文字“生日快乐 老爸” 放中间 显示4秒", 0)).containsEntry("duration", 4.0);
        assertThat(params("在画面下方加一行红色的字：新品上市 限时8折", 0)).containsEntry("text", "新品上市 限时8折");
        assertThat(params("add #SummerVibes #RoadTrip at the bottom in white", 0)).containsEntry("text", "#SummerVibes #RoadTrip");
        assertThat(params("put twitch.tv/ghostfang top right the whole clip", 0)).containsEntry("text", "twitch.tv/ghostfang");
        assertThat(params("加上标题'Day 1 大理'，从第2秒开始显示4秒", 0)).containsEntry("text", "Day 1 大理").containsEntry("start", 2.0);
        assertThat(ops("片头做个字卡“王磊 & 李婷”放3秒，片尾字卡“感谢观看”也是3秒")).containsExactly("intro", "outro");
        // what must not be dropped: a format after a text, captions from the speech, a Chinese request opened by its place
        assertThatThrownBy(() -> interpreter.read("Put 'Final Cut' in the top right and send it back as a .mov file please", 0))
                .hasMessageContaining("impossible as asked");
        assertThatThrownBy(() -> interpreter.read("captions that pop up word by word as i talk, tiktok style", 0)).hasMessageContaining("speech");
        assertThatThrownBy(() -> interpreter.read("把前面15秒剪掉然后在顶部加上欢迎来到小王的vlog黄色的", 0)).hasMessageContaining("not understood");
        assertThat(params("9:16 for tiktok but with black bars pls, dont crop my head off", 0)).containsEntry("fit", "pad");
        assertThat(ops("pls mute adn make it brigher")).containsExactly("mute", "brightness");
        assertThat(ops("0:05到0:09全屏打码，拍到了快递单")).containsExactly("pixelate");
        assertThat(params("视频开头加文字“生日快乐” 放中间 显示4秒 然后整个调亮一点", 0)).containsEntry("duration", 4.0);
        assertThat(params("clip is 60fps, make it 30", 0)).containsEntry("fps", 30.0);
        assertThat(params("画面推近到1.2倍", 0)).containsEntry("factor", 1.2);
        assertThat(params("你帮我把开头那个十秒剪掉", 0)).containsEntry("start", 10.0);
        assertThat(interpreter.read("左上角写“满30减10”，右上角写“新店开业”，颜色都用红的", 0).operations())
                .extracting(o -> o.params().get("colour")).containsExactly("red", "red");
    }

    @Test
    void theNinetiethAndNinetyFirstSetsPlainWordings() {
        // a Chinese request opened by 只, 就, 我是要: the request
        assertThat(params("只锐化第5秒到第8秒", 0)).containsEntry("from", 5.0).containsEntry("to", 8.0);
        assertThat(ops("我是要倒放")).containsExactly("reverse");
        assertThat(params("就调暗一点", 0)).containsEntry("amount", -0.08);
        // "a tad", "louder voices", "3 times loop", a length said as a limit, a size said as what the file must be
        assertThat(params("make it a tad quieter", 0)).containsEntry("factor", 0.75);
        assertThat(ops("louder voices please")).containsExactly("volume");
        assertThat(params("make 3 times loop", 0)).containsEntry("times", 3);
        assertThat(params("keep it under 45 secs", 0)).containsEntry("start", 0.0).containsEntry("duration", 45.0);
        assertThat(params("make sure the file is under 10MB", 0)).containsEntry("max_mb", 10.0);
        // an image put in a corner is its watermark there; what is asked after "but" in a clause of what is not wanted
        assertThat(interpreter.interpret("在左上角放上图1", 1)).extracting(o -> o.params().get("position")).containsExactly("top-left");
        assertThat(params("no filter this time but crop it to 1:1", 0)).containsEntry("ratio", "1:1");
        // "no cropping" with no shape asked says nothing to do
        assertThat(ops("mute it, no cropping")).containsExactly("mute");
        // a multiple without its "x" after an edit that takes one; half said alone after a change of level
        assertThat(params("slow it down please, 0.6", 0)).containsEntry("factor", 0.6);
        assertThat(params("声音小一点 大约一半", 0)).containsEntry("factor", 0.5);
        // what is not wanted "so" is a problem told; a look or a card not wanted is context
        assertThat(ops("i don't want the video so dark")).containsExactly("brightness");
        assertThat(ops("no outro please, just mute it")).containsExactly("mute");
    }

    @Test
    void theEightyNinthSetWhatNotToDo() {
        // an edit not wanted, said in any order, beside what is asked: context, never a refusal
        assertThat(ops("调成竖屏 字幕不要加 再静音")).containsExactly("aspect", "mute");
        assertThat(ops("倒放一下 结尾千万别淡出")).containsExactly("reverse");
        assertThat(ops("老板说别黑白的 要复古的")).containsExactly("vintage");
        assertThat(ops("mute it please, no need trim anything")).containsExactly("mute");
        assertThat(ops("kindly don't touch the colours, only sharpen it")).containsExactly("sharpen");
        assertThat(ops("make it sepia. the length don't change ok")).containsExactly("sepia");
        // …but a part not wanted is cut, and a negation that is the edit stays one
        assertThat(ops("we don't want the last 4 seconds")).containsExactly("drop_last");
        assertThat(ops("不要声音 然后加速2倍")).containsExactly("mute", "speed");
        // how far not to go, said of the edit just asked: that edit, lightly; said before a multiple: the multiple
        assertThat(params("调暗一点 但别调太暗", 0).get("amount")).isEqualTo(-0.08);
        assertThat(params("warm it up but not too warm", 0)).containsEntry("strength", 0.5);
        assertThat(params("make it brighter but not too bright", 0)).containsEntry("amount", 0.08);
        assertThat(params("别太慢 0.8倍就行", 0)).containsEntry("factor", 0.8);
        // an effect "only" on the part said before it, however it is said
        assertThat(params("只要最后8秒虚化", 0)).containsEntry("at", "end").containsEntry("duration", 8.0);
        assertThat(params("只要第3秒到第9秒变成黑白", 0)).containsEntry("from", 3.0).containsEntry("to", 9.0);
        assertThat(ops("只要最后8秒")).containsExactly("trim_last");
        // a part said alone, then said again after a correction, is the part of the edit that follows
        assertThat(params("从0:40开始 不对 从0:45到0:52 黑白", 0)).containsEntry("from", 45.0).containsEntry("to", 52.0);
        // a song by its title is no model's work either
        assertThatThrownBy(() -> interpreter.read("背景音乐给我换成《青花瓷》", 0)).hasMessageContaining("impossible");
        // a green screen the user has not got: the person is cut out
        assertThat(interpreter.interpret("replace my background with image 1, we don't have a green screen", 1))
                .extracting(EditOperation::op).containsExactly("replace_background");
    }

    @Test
    void theEightySeventhSetCorrectionsASecondTime() {
        // taken back by "ignore that", "please disregard that", "jk", "scratch that": the next request stands alone
        assertThat(ops("add grain. ugh, ignore that. make it brighter")).containsExactly("brightness");
        assertThat(ops("Reverse it. Apologies, please disregard that; loop it 3 times instead.")).containsExactly("loop");
        assertThat(params("slow-mo the last 10 secs... scratch that, last 6", 0)).containsEntry("duration", 6.0);
        // a clock, an ordinal second, levels, a unit said with the number, a number said in words before
        assertThat(params("freeze at 1:05 for 3 seconds. no it's 1:07", 0)).containsEntry("at", 67.0).containsEntry("duration", 3.0);
        assertThat(params("第12秒定格2秒 不对 是第15秒", 0)).containsEntry("at", 15.0).containsEntry("duration", 2.0);
        assertThat(params("posterize to 6 levels, no 3", 0)).containsEntry("levels", 3);
        assertThat(params("色调分离 8阶 哦 改5阶", 0)).containsEntry("levels", 5);
        assertThat(params("Please lower the volume by half. Correction: by 20%.", 0)).containsEntry("factor", 0.8);
        assertThat(params("make it 2x and loop it 4 times actually twice", 1)).containsEntry("times", 2);
        // the corrected words without their verb; an edit kept in its place
        assertThat(params("rotate it 180. Sorry, 90 clockwise only", 0)).containsEntry("degrees", 90);
        assertThat(ops("louder by 3x. also denoise the audio. wait, louder by 2x only")).containsExactly("volume", "denoise_audio");
        assertThat(interpreter.interpret("use figure 1 as the intro, sorry, as the outro", 1)).extracting(EditOperation::op).containsExactly("outro");
        // a refusal waits for the next clause: a correction may take it back, or be refused in its place
        assertThat(interpreter.interpret("片尾放图2 啊不对 是图1", 1)).extracting(o -> o.params().get("image")).containsExactly(1);
        assertThat(interpreter.interpret("use image 3 as the intro, sorry, image 2", 2)).extracting(o -> o.params().get("image")).containsExactly(2);
        assertThatThrownBy(() -> interpreter.read("use image 3 as the intro, sorry, image 2", 1)).hasMessageContaining("\"image 2\"");
        assertThatThrownBy(() -> interpreter.read("拆成三段 哦 拆成两段就行", 0)).hasMessageContaining("拆成两段");
        // …and a correction read into nothing leaves the refusal: "配七里香" is no edit, so the song is refused
        assertThatThrownBy(() -> interpreter.read("调亮一点 然后配一首周杰伦的晴天 不对 配七里香", 0)).isInstanceOf(VeditException.class);
        // what only a model can do, taken back; words not understood, taken back by "no" alone
        assertThat(ops("把我前男友P掉 算了算了 直接把前5秒剪了吧")).containsExactly("trim");
        assertThat(params("把前面 哦不 后面10秒调成黑白", 0)).containsEntry("at", "end").containsEntry("duration", 10.0);
        assertThat(ops("sepia. emmm算了 黑白吧")).containsExactly("grayscale");
        // …but a correction of what the model should make is no taking back: still refused as generative
        assertThatThrownBy(() -> interpreter.read("把人物变成动漫角色，不是卡通滤镜那种", 0)).hasMessageContaining(PromptInterpreter.GENERATIVE_ENGINE_EN);
    }

    @Test
    void theEightySixthSetPeopleWhoCorrectThemselves() {
        // a correction said inside a sentence, after its words, glued to the words before it, or as an interjection
        assertThat(params("trim off the last 4 sec, no 6 sec", 0)).containsEntry("duration", 6.0);
        assertThat(params("loop it 4 times oh wait make it 2", 0)).containsEntry("times", 2);
        assertThat(params("淡出2秒 不 4秒", 0)).containsEntry("duration", 4.0);
        assertThat(params("片尾加字卡「谢谢」不对 是「谢谢观看」", 0)).containsEntry("text", "谢谢观看");
        assertThat(params("超分到4k 不对 直接2倍", 0)).containsEntry("factor", 2.0);
        assertThat(params("放大到2倍 算了1.5倍吧 太大了", 0)).containsEntry("factor", 1.5);
        // the number corrected is the one of the same unit, or of the edit's own words said again
        assertThat(params("zoom 3x from 0:05 to 0:09, no, make it 2x", 0)).containsEntry("factor", 2.0).containsEntry("from", 5.0).containsEntry("to", 9.0);
        assertThat(params("色相偏移60度 嗯 偏移120度吧", 0)).containsEntry("degrees", 120.0);
        assertThat(ops("色相偏移60度 嗯 偏移120度吧")).containsExactly("hue");
        assertThat(params("饱和度拉高30%…拉高15%就行", 0)).containsEntry("factor", 1.15);
        // a direction said alone takes the place of its opposite
        assertThat(params("turn the volume up. no, DOWN", 0)).containsEntry("factor", 0.5);
        assertThat(params("turn it 90 degrees clockwise sorry anticlockwise", 0)).containsEntry("degrees", 270);
        assertThat(params("饱和度往上调一点 哎不对 是往下", 0).get("factor")).isEqualTo(0.8);
        assertThat(ops("水平翻转 不是左右 是上下")).containsExactly("vflip");
        // a text said again, a range's end or its unit said again, the start said again of a range
        assertThat(params("add the title 'Happy Birthday Tom' - oops typo, it's 'Happy Birthday Tim'", 0)).containsEntry("text", "Happy Birthday Tim");
        assertThat(params("结尾加字卡「下次见」 改成「明天见」", 0)).containsEntry("text", "明天见");
        assertThat(params("blur 0:30 to 0:40, no wait, until 0:45", 0)).containsEntry("from", 30.0).containsEntry("to", 45.0);
        assertThat(params("sharpen 0:10 to 0:20 哦是15到25", 0)).containsEntry("from", 15.0).containsEntry("to", 25.0);
        assertThat(params("sepia from 0:10 to 0:20... no, from 0:15", 0)).containsEntry("from", 15.0).containsEntry("to", 20.0);
        // an edit taken back by name, with or without a word of correction; the clause after a correction in the place
        // of its kind; another edit "rather"
        assertThat(ops("淡入淡出 淡出不要了")).containsExactly("fade_in");
        assertThat(ops("add sepia and grain. actually never mind the grain")).containsExactly("sepia");
        assertThat(ops("加个暗角 算了 还是黑白吧")).containsExactly("grayscale");
        assertThat(ops("把前3秒和后3秒都剪掉 哦后面的不用剪了")).containsExactly("trim");
        assertThat(ops("blur 0:50 to 0:55 and 1:10 to 1:14, no wait that one's fine")).containsExactly("blur");
        assertThat(interpreter.interpret("图1做片头 图2做片尾 哦反了 图2做片头 图1做片尾", 2)).extracting(o -> o.params().get("image")).containsExactly(2, 1);
        assertThat(params("loop it 5 times. thats too many, 2", 0)).containsEntry("times", 2);
        // …but a description is no correction: 颜色不对, 不是很亮, "it's too loud"
        assertThat(ops("颜色不对 调暖一点")).containsExactly("temperature");
        assertThat(ops("不是很亮 调亮一点")).containsExactly("brightness");
        assertThat(params("it's too loud, turn it down", 0)).containsEntry("factor", 0.5);
        assertThat(ops("it's too dark")).containsExactly("brightness");
        // …nor an interjection before one more request
        assertThat(ops("顶部加字幕「A」 哦 再在底部加字幕「B」")).containsExactly("text", "text");
        assertThat(ops("加字幕「A」 啊 加标题「B」")).containsExactly("text", "text");
        assertThat(ops("第5秒定格1秒 哦 第10秒也定格1秒")).containsExactly("freeze", "freeze");
        // a plain day (the eighty-fifth set)
        assertThat(params("add a vignette, just a subtle one", 0)).containsEntry("strength", 0.5);
        assertThat(params("please lower the speed to half", 0)).containsEntry("factor", 0.5);
        assertThat(params("remove the first 30 seconds of silence", 0)).containsEntry("start", 30.0);
        assertThat(params("freeze on the moment she jumps at 0:12 for 2 seconds", 0)).containsEntry("at", 12.0);
        assertThat(interpreter.interpret("左上角加标题「开业大吉」 右下角加字幕「欢迎光临」", 0)).extracting(o -> o.params().get("position"))
                .containsExactly("top-left", "bottom-right");
        assertThat(ops("can we have the first 10 seconds in black and white")).containsExactly("grayscale");
        assertThat(params("在顶部用大字写“清仓”", 0)).containsEntry("style", "title");
    }

    @Test
    void theEightiethToEightySecondSetsAPlainDayAndTheTalkAroundTheEdit() {
        // wrong edits found first: 抖音 read as shaky, "the timelapse" sped up, 片尾不要图了 placed an image, 帮我在那定格 froze
        // the end, 2倍速 不对 1.5倍 kept 2x, a caption's place read into its words, 放慢一点点 after an edit set aside,
        // "denoise the audio and the picture" denoised the audio alone, "only want 2:10 to 2:40 then 1.5x" sped that part
        assertThat(ops("快手上说太长了，只要前30秒")).containsExactly("trim");
        assertThat(ops("抖音说视频太长了，只要最后15秒")).containsExactly("trim_last");
        assertThat(ops("play my sunrise timelapse backwards")).containsExactly("reverse");
        assertThat(ops("片头不要图片了，加一行字「欢迎回家」")).containsExactly("intro");
        assertThat(params("宝宝摔倒那一下在第12秒，帮我在那定格2秒", 0)).containsEntry("at", 12.0).containsEntry("duration", 2.0);
        assertThat(params("小狗扑过来那一下 大概在第4秒 定格1秒", 0)).containsEntry("at", 4.0);
        assertThat(params("3倍速 不对 2倍就行 3倍太快了", 0)).containsEntry("factor", 2.0);
        assertThat(params("go 2x — no wait, 1.5x, 2x was too fast for the tutorial", 0)).containsEntry("factor", 1.5);
        assertThat(params("加字幕：毕业快乐 2024届 放在上面", 0)).containsEntry("text", "毕业快乐 2024届").containsEntry("position", "top");
        assertThat(ops("防抖一下，再放慢一点点")).containsExactly("stabilize", "speed");
        assertThat(ops("please clean up the picture and the sound")).containsExactly("denoise", "denoise_audio");
        assertThat(interpreter.interpret("only want 0:30 to 0:50, then speed it up 2x", 0)).extracting(EditOperation::op).containsExactly("trim", "speed");
        // an edit asked in the passive, or wished that something be done
        assertThat(ops("the clip just needs to be mirrored")).containsExactly("hflip");
        assertThat(params("this should be trimmed to 20 seconds", 0)).containsEntry("duration", 20.0);
        assertThat(interpreter.interpret("we want that the first 4 seconds are cut", 0)).extracting(EditOperation::op).containsExactly("trim");
        // a quarter turn by its side; the side said after the angle is one turn
        assertThat(params("turn it to the right", 0)).containsEntry("degrees", 90);
        assertThat(params("往右边转一下", 0)).containsEntry("degrees", 90);
        assertThat(interpreter.interpret("旋转90度，往左转", 0)).extracting(o -> o.params().get("degrees")).containsExactly(270);
        // a degree said apart, strongly; a correction's reason; a part told, then what to do with it
        assertThat(params("加点锐化 狠一点", 0)).containsEntry("strength", 2.0);
        assertThat(params("婚礼那段 交换戒指在1:10到1:25 这段想要慢放", 0)).containsEntry("from", 70.0).containsEntry("to", 85.0);
        assertThat(params("视频里有一段是我在打电话 0:40-0:52 想删掉", 0)).containsEntry("start", 40.0).containsEntry("end", 52.0);
        // talk around the edit: what it is, why, who it is for, what stays
        assertThat(ops("做成黑白的 周末给外婆看")).containsExactly("grayscale");
        assertThat(ops("把图1放右上角 是我们学校的校徽")).containsExactly("watermark");
        assertThat(ops("add a vignette, going for that 70s film vibe")).containsExactly("vignette");
        assertThat(ops("slow it down a little, the audio don't need to change")).containsExactly("speed", "keep_audio");
        assertThat(ops("make it 1:1 - is vertical from my phone")).containsExactly("aspect");
        assertThat(ops("the slow-mo shot of the waves is perfect, just brighten it")).containsExactly("brightness");
        assertThat(ops("声音都关了吧 我要自己配音")).containsExactly("mute");
        assertThat(params("volume down to about a quarter", 0)).containsEntry("factor", 0.25);
        assertThat(ops("bump the mic audio a bit")).containsExactly("volume");
        // several edits, each on its part (the eighty-fourth set): a part said first in Chinese is the part of the edits
        // listed after it, a space before the next part ends a clause, "也要" and "and on …" ask the edit again elsewhere,
        // the part a description just told is the part of the edit asked next, and two cards' length said once
        assertThat(interpreter.interpret("40秒以后调暗一点 对比度也降一点", 0)).allSatisfy(o -> assertThat(o.params()).containsEntry("from", 40.0));
        assertThat(interpreter.interpret("1分半之后 静音 加速2倍", 0)).allSatisfy(o -> assertThat(o.params()).containsEntry("from", 90.0));
        assertThat(interpreter.interpret("0:20到0:30黑白 0:40到0:50慢放", 0)).extracting(o -> o.params().get("from")).containsExactly(20.0, 40.0);
        assertThat(interpreter.interpret("把第5秒到第8秒变成黑白 20秒到23秒也要", 0)).extracting(EditOperation::op).containsExactly("grayscale", "grayscale");
        assertThat(interpreter.interpret("sepia on the intro 0:00-0:05, and on the outro 1:50-1:55", 0)).extracting(o -> o.params().get("from"))
                .containsExactly(0.0, 110.0);
        assertThat(params("the kiss is from 2:10 to 2:20, slow motion please", 0)).containsEntry("from", 130.0).containsEntry("to", 140.0);
        assertThat(params("前面30秒都是黑屏，帮我加速到4倍，不对 3倍吧", 0)).containsEntry("to", 30.0).containsEntry("factor", 3.0);
        // …but not a part said to be fine, nor when the whole video is asked for
        assertThat(params("the first 10 seconds are great. make it brighter", 0)).doesNotContainKey("from");
        assertThat(params("the speech is at 1:00 to 1:30, but make the whole thing brighter", 0)).doesNotContainKey("from");
        assertThat(params("第10秒到第20秒是我女儿跳舞，整体调亮一点", 0)).doesNotContainKey("from");
        assertThat(params("cut everything before 0:30 and everything after 2:00", 0)).containsEntry("start", 30.0).containsEntry("duration", 90.0);
        assertThat(ops("mute it. that's it. oh wait, flip it too")).containsExactly("mute", "hflip");
        assertThat(interpreter.interpret("图1做片头，图2做片尾，各2秒", 2)).allSatisfy(o -> assertThat(o.params()).containsEntry("duration", 2.0));
    }

    @Test
    void theSeventySecondAndSeventyThirdSetsAPlainDayAndTheAskBuriedInAStory() {
        // what happens at a time, told, names the part "cut that out" or "freeze it there" takes
        assertThat(params("the groom drops the ring from 1:10 to 1:16, please cut that out", 0)).containsEntry("start", 70.0).containsEntry("end", 76.0);
        assertThat(params("my nephew falls off the swing at 0:33 - freeze it there for 2 seconds", 0)).containsEntry("at", 33.0).containsEntry("duration", 2.0);
        assertThat(params("the mic squeals at 0:20 and it goes on till about 0:27. cut that whole bit", 0)).containsEntry("start", 20.0).containsEntry("end", 27.0);
        assertThat(ops("at 2:05 he does a backflip, keep that. make it black and white")).containsExactly("grayscale");
        assertThat(ops("Halfway through, the dog runs off and barks — leave that in. crop it to 1:1")).containsExactly("aspect");
        // …but a telling that goes on to ask is no telling ("but keep only the first 5 minutes")
        assertThat(ops("the band played for 20 minutes but kindly keep only the first 5 minutes")).containsExactly("trim");
        assertThat(params("第15秒我家猫跳上桌子 在那定格3秒", 0)).containsEntry("at", 15.0).containsEntry("duration", 3.0);
        assertThat(params("视频里第10秒到第14秒那段是我说错话了，删掉吧", 0)).containsEntry("start", 10.0).containsEntry("end", 14.0);
        assertThat(params("主持人念错了获奖名单00:02:10—00:02:20，请删除该片段", 0)).containsEntry("start", 130.0).containsEntry("end", 140.0);
        // a part named "black" and cut takes its brightening with it
        assertThat(interpreter.interpret("前3秒是黑的，帮我剪掉，然后调亮一点点", 0)).extracting(o -> o.params().containsKey("from")).containsExactly(false, false);
        // counts of what no edit measures, scores and dates are remarks; songs named are no text to show
        assertThat(ops("we won 3-1 on saturday, make it 2x")).containsExactly("speed");
        assertThat(ops("这家店人均68，机身重658克那种感觉哈哈，视频调亮一点")).containsExactly("brightness");
        assertThat(ops("我们班唱的是《那些花儿》，结尾加个淡出")).containsExactly("fade_out");
        assertThat(ops("同事在玩“定格挑战”，那是人在摆pose不是要定格画面哈，整体加暖色调")).containsExactly("temperature");
        // scene words that say when it was filmed are no model's edit; said as the change, they are
        assertThat(ops("bonfire at night, colours washed out. 30% more saturation")).containsExactly("saturation");
        assertThatThrownBy(() -> interpreter.read("turn it into a sunset", 0)).hasMessageContaining("generative");
        // a want said in the passive, and "no scratch that" taking back the edit just asked
        assertThat(ops("I'd like it played backwards")).containsExactly("reverse");
        assertThat(params("we'd like the bit from 0:05 to 0:09 played at half speed", 0)).containsEntry("from", 5.0).containsEntry("factor", 0.5);
        assertThat(ops("can we get this compressed to under 20MB")).containsExactly("encode");
        assertThat(ops("make it sepia and add grain... no scratch that, just the sepia")).containsExactly("sepia");
        // a little of a look is a light one; two shapes at once are two videos
        assertThat(params("add a touch of vignette", 0)).containsEntry("strength", 0.5);
        assertThat(params("加个淡淡的颗粒感", 0)).containsEntry("strength", 0.5);
        assertThatThrownBy(() -> interpreter.read("we need a 9:16 version for reels and a 1:1 one for the feed", 0)).hasMessageContaining("impossible");
        // a shape said in a purpose, a denoise beside a picture left alone, a tone's step said after it
        assertThat(ops("要发小红书 4:5 然后调亮一点")).containsExactly("aspect", "brightness");
        assertThat(ops("降噪，音量标准化，画面不用动")).containsExactly("denoise_audio", "normalize_audio");
        assertThat(params("more contrast, 15 percent", 0)).containsEntry("factor", 1.15);
        assertThat(params("hold that frame for 1.5s at 0:04", 0)).containsEntry("duration", 1.5);
        // a look that names a part said to be on purpose is no edit of its own (it blurred the video)
        assertThat(ops("the blurry bit at the start is intentional, don't sharpen it. posterize, 5 levels")).containsExactly("posterize");
        // "no colour changes" is no colourless picture (it turned grey), a version number no part, a card's length said after it
        assertThat(ops("so no colour changes, just brighten it")).containsExactly("brightness");
        assertThat(ops("the onboarding demo for v2.1, run it at 2x")).containsExactly("speed");
        assertThat(params("年会视频请在加片头字卡“新年快乐”，时长4秒", 0)).containsEntry("duration", 4.0);
        assertThat(params("On the wedding clip the best man drops the rings from 0:50 to 0:55, cut that out", 0)).containsEntry("start", 50.0);
    }

    @Test
    void theHundredAndThirtyNinthToFortyFirstSetsWordsOnScreenADayAndTimes() {
        // a text is never passed over as a telling or a label: a heading's list, a date said after its corner
        assertThat(interpreter.read("price tags: '$12' top left from 0:03-0:07, '$18' top left from 0:07-0:11", 0).operations())
                .extracting(o -> o.params().get("text")).containsExactly("$12", "$18");
        assertThat(ops("date stamp bottom right 12.08.1998 and some film grain")).containsExactly("text", "grain");
        assertThatThrownBy(() -> interpreter.read("Local car show bottom right", 0)).hasMessageContaining("not understood");
        // a place said in parentheses is the edit's; texts apart at a slash
        assertThat(params("caption (top): 'Me after one coffee' 0:00-0:04", 0)).containsEntry("position", "top");
        assertThat(params("加字幕（顶部）「你好」", 0)).containsEntry("position", "top");
        assertThat(interpreter.read("Caption bottom: 'A' 0:00–0:04 / caption bottom: 'B' 0:04–0:09", 0).operations())
                .extracting(o -> o.params().get("start")).containsExactly(0.0, 4.0);
        // said of every text just added: a time, a colour, a length each (one after the other in one place)
        assertThat(interpreter.read("Name tags: 'Grandma Rose' on the left and 'Grandpa Lou' on the right, both for the first 5 seconds", 0).operations())
                .extracting(o -> o.params().get("duration")).containsExactly(5.0, 5.0);
        assertThat(interpreter.read("'A' at the top and 'B' at the bottom, put them both at 0:05", 0).operations())
                .extracting(o -> o.params().get("start")).containsExactly(5.0, 5.0);
        assertThat(interpreter.read("加字幕「A」和「B」，各显示5秒", 0).operations()).extracting(o -> o.params().get("start")).containsExactly(0.0, 5.0);
        assertThat(interpreter.read("'A' then 'B' at the bottom, 4 seconds each", 0).operations()).extracting(o -> o.params().get("start")).containsExactly(0.0, 4.0);
        assertThat(interpreter.read("左上角加「A」，右上角加「B」，各显示3秒", 0).operations()).extracting(o -> o.params().get("start")).containsExactly(0.0, 0.0);
        // a text where a trim has kept nothing: impossible, whichever timeline was meant
        assertThatThrownBy(() -> interpreter.read("keep only the first 10 seconds and put 'THE END' in the middle at 0:25", 0)).hasMessageContaining("impossible as asked");
        assertThatThrownBy(() -> interpreter.read("剪到前20秒，然后在第25秒加字幕「谢谢观看」", 0)).hasMessageContaining("impossible as asked");
        assertThat(ops("keep 0:30 to 0:40 and add 'hi' at 0:35")).containsExactly("trim", "text");
        // a multiple said after a comparative is its amount, never a speed beside it
        assertThat((Double) params("make it slower 2x", 0).get("factor")).isEqualTo(0.5);
        assertThat(ops("louder 2x")).containsExactly("volume");
        assertThat(params("2x quieter", 0)).containsEntry("factor", 0.5);
        assertThat(params("3 times louder", 0)).containsEntry("factor", 3.0);
        assertThat(params("louder from 0:40 on, grandpa's speech is hard to hear. 2x is fine", 0)).containsEntry("factor", 2.0).containsEntry("from", 40.0);
        // a half said to stay in colour is no edit of it; an ordinal corrects an ordinal, a bare number the length
        assertThat(ops("I want the first half in grayscale and the second half in colour")).containsExactly("grayscale");
        assertThat(params("第8秒那里定格1秒 啊不对 2秒", 0)).containsEntry("at", 8.0).containsEntry("duration", 2.0);
        assertThat(params("在第5秒定格2秒，不对，第6秒", 0)).containsEntry("at", 6.0).containsEntry("duration", 2.0);
        // texts named by what they are before a colon, a corner said before the text, a text asked for before its words
        assertThat(params("Copyright line bottom right: \"© 2025 Ortega Films\"", 0)).containsEntry("position", "bottom-right");
        assertThat(params("Score graphic top left: HAWKS 2 - 1 RAVENS", 0)).containsEntry("text", "HAWKS 2 - 1 RAVENS");
        assertThat(params("在右下角加上地址：深圳市南山区科技园", 0)).containsEntry("text", "深圳市南山区科技园");
        assertThat(params("价格标签放右下角：原价199 现价99", 0)).containsEntry("position", "bottom-right");
        assertThat(params("on the cooking clip, bottom left, white: 'Recipe on the blog'", 0)).containsEntry("position", "bottom-left");
        assertThatThrownBy(() -> interpreter.read("bottom left, 'A' at the top", 0)).hasMessageContaining("not understood");
        assertThat(params("pls add the date top left, \"June 14 2025\", and keep only 0:10 to 0:40", 0)).containsEntry("position", "top-left");
        assertThat(params("Text in the center, blue: \"Quiet please\"", 0)).containsEntry("colour", "blue");
        assertThat(params("Put 'Grand Opening Sat 10am' at the bottom in red... actually no, top is better, bottom covers the sign", 0))
                .containsEntry("position", "top");
        assertThat(interpreter.read("上面写“第一名”，下面写“接力赛”，都从开头显示到0:15", 0).operations())
                .extracting(o -> o.params().get("duration")).containsExactly(15.0, 15.0);
        assertThat(params("在1分05秒的时候中间出现“进球！”，持续3秒", 0)).containsEntry("start", 65.0).containsEntry("duration", 3.0);
        // a half or a quarter after first/last is a part, never half a second; the length told bare
        assertThat(params("cut the first half", 0)).containsEntry("half", "second");
        assertThat(ops("remove the last half")).containsExactly("trim");
        assertThatThrownBy(() -> interpreter.read("cut the last quarter", 0)).hasMessageContaining("not understood");
        assertThat(params("Video is 40 sec. Black and white for the second half only.", 0)).containsEntry("from", 20.0);
        assertThat(params("clip is 16 sec, slow down the 2nd half", 0)).containsEntry("from", 8.0);
        // a request in words not read is refused, never passed over; the hiss, aloud, an AI voice, the middle seconds
        assertThatThrownBy(() -> interpreter.read("Take the first quarter of the video and make it slow motion.", 0)).hasMessageContaining("not understood");
        assertThat(ops("get the hiss out of the sound and fade out at the end over 3 seconds")).containsExactly("denoise_audio", "fade_out");
        assertThat(interpreter.read("blur 0:19 to 0:24 and mute that same part, my address is said out loud", 0).operations().get(1).params())
                .containsEntry("factor", 0.0);
        assertThatThrownBy(() -> interpreter.read("add a caption 'Welcome!' and have an AI voice read it out loud", 0)).hasMessageContaining("ComfyUI");
        assertThatThrownBy(() -> interpreter.read("只要中间30秒", 0)).hasMessageContaining("not understood");
        assertThat(ops("整体做成怀旧泛黄的色调，再加点颗粒感")).containsExactly("sepia", "grain");
        assertThat(params("在第二十五秒定格", 0)).containsEntry("at", 25.0);
        assertThat(ops("声音去噪，音量统一，然后淡入淡出各1秒")).containsExactly("denoise_audio", "normalize_audio", "fade_both");
        assertThat(ops("第8秒到第12秒画面模糊，那段声音也静掉")).containsExactly("blur", "volume");
        assertThat(params("色阶分离，3级就够，饱和度再拉高一点", 0)).containsEntry("levels", 3);
        // a multiple after a complaint is the amount of its answer; a part's end said after its edit
        assertThat(params("the audio is too quiet, 3x", 0)).containsEntry("factor", 3.0);
        assertThat(params("视频第十秒开始慢放 一直到第十六秒", 0)).containsEntry("from", 10.0).containsEntry("to", 16.0);
        assertThat(params("第四十五秒開始放慢，到第五十秒恢復正常", 0)).containsEntry("from", 45.0).containsEntry("to", 50.0);
        assertThat(params("put \"SOLD\" in big red letters in the middle from 0:32 onward", 0)).containsEntry("start", 32.0);
        assertThat(params("Keep 2:15 onward", 0)).containsEntry("start", 135.0);
        assertThat(params("I need an end card that says Call 555-0182 for a free quote, show it for 4 seconds", 0)).containsEntry("duration", 4.0);
        // a text said by what it holds is another text, never the one before moved
        assertThatThrownBy(() -> interpreter.read("'A' at the top, phone number at the bottom", 0)).hasMessageContaining("not understood");
        assertThat(params("右下角加上日期和地点：2024年10月1日 北京天安门", 0)).containsEntry("position", "bottom-right");
        // a text bare after a colon ends at a sentence's end after a number; "please" before the colon
        assertThat(params("Date in the bottom right corner please: 12/03/2024. My mum wants to know when the recital was", 0))
                .containsEntry("text", "12/03/2024").containsEntry("position", "bottom-right");
        assertThat(params("Price tag: $24.99. Keep it up the whole video", 0)).containsEntry("text", "$24.99");
        assertThat(ops("Final score overlay in the centre: Eagles 21 – Rams 17. Then hold the last frame for 4 seconds.")).containsExactly("text", "freeze_end");
        // a place's name goes on after a comma; an edit's word after it does not
        assertThat(params("the location in the upper left corner please: Kyoto, Japan", 0)).containsEntry("text", "Kyoto, Japan");
        assertThat(ops("caption: Hello world, Mute")).containsExactly("text", "mute");
    }

    @Test
    void theHundredAndFortyFifthToSeventhSetsWordsOnScreenADayAndComplaints() {
        // an amount after a complaint never turns its answer the other way; "double it" is the complaint's amount
        assertThat(params("too dark, like 30%", 0)).containsEntry("amount", 0.3);
        assertThat(params("Too saturated, everyone looks sunburned. take it down like 30%", 0)).containsEntry("factor", 0.7);
        assertThat(params("too quiet. double it", 0)).containsEntry("factor", 2.0);
        assertThat(ops("it's too bright and too saturated")).containsExactly("brightness", "saturation");
        assertThat(params("太暗而且声音太小，亮度提高一点，音量翻倍", 1)).containsEntry("factor", 2.0);
        // a held frame answers an end or a moment that passes too fast; the whole video too fast is still slowed
        assertThat(ops("the ending is too quick, people don't get to read the phone number. hold the final frame 4 seconds")).containsExactly("freeze_end");
        assertThat(ops("第12秒进球那一下太快了没看清，定格2秒")).containsExactly("freeze");
        assertThat(ops("结束得太快了，客户来不及扫二维码，最后画面多停4秒")).containsExactly("freeze_end");
        assertThat(ops("it's too fast, freeze the end for 3 seconds")).containsExactly("speed", "freeze_end");
        assertThat(params("Everyone misses the moment the ball goes in at 0:33, could it pause there for 2 seconds", 0)).containsEntry("at", 33.0);
        // problems told: sluggish, jumping about, grey blacks, faces visible, a length limit after "too long"
        assertThat(params("honestly the whole thing feels sluggish", 0)).containsEntry("factor", 1.5);
        assertThat(ops("the picture jumps around like crazy, I filmed it on a boat in choppy water")).containsExactly("stabilize");
        assertThat(ops("why does it look so washed out :( the blacks are all grey")).containsExactly("contrast");
        assertThat(params("太长了，领导说最多一分钟", 0)).containsEntry("duration", 60.0);
        assertThat(ops("小孩的脸都露出来了，发群里不太好，打个码，再加个暖色调")).containsExactly("blur_faces", "temperature");
        assertThat(params("实验部分在1分20秒到2分整，帮我只留这段，别的都剪了，老师要求不超过1分钟", 0)).containsEntry("start", 80.0);
        assertThat(params("I'm so tiny in the shot, can you get closer? like 1.5x", 0)).containsEntry("factor", 1.5);
        assertThat(ops("I'm so tiny in the shot, can you get closer? like 1.5x")).containsExactly("zoom");
        // words on screen: a watermark of words is a text; up top, on screen, a text box, starting, 直到结尾
        assertThat(params("右下角加水印文字 @小鹿爱烘焙，整个视频都要有", 0)).containsEntry("text", "@小鹿爱烘焙");
        assertThat(params("watermark made of text: '@lena' bottom right", 0)).containsEntry("position", "bottom-right");
        assertThat(params("Put the title 'Kitchen Remodel: Week 4' up top for the first 5 seconds in white", 0)).containsEntry("position", "top");
        assertThat(params("Put 'Mile 13' on the screen at 0:22", 0)).containsEntry("start", 22.0);
        assertThat(ops("Zoom in 2x from 1:12 to 1:18 on the screen pass")).containsExactly("zoom");
        assertThat(params("Can we get the address '742 Evergreen Terrace' at the bottom of the screen for the last part, starting 1:30", 0))
                .containsEntry("start", 90.0);
        assertThat(params("从0:30开始在底部显示「限时优惠 仅剩三天」直到结尾", 0)).containsEntry("start", 30.0).doesNotContainKey("duration");
        assertThat(params("帮我在视频底部正中间加一行白色小字：本店地址 南京路123号", 0)).containsEntry("colour", "white");
        assertThat(ops("make it black and white and an intro card that reads 'Welcome'")).containsExactly("grayscale", "intro");
        // two parts told of and "both" taken out: neither is kept; a part told and then named again is that part only
        assertThat(ops("the first 3 seconds and the last 3 seconds are junk. Could you get rid of both?")).containsExactly("trim", "drop_last");
        assertThat(params("the first 3 seconds and the last 3 seconds are junk. Could you get rid of both?", 0)).containsEntry("start", 3.0);
        assertThat(params("前5秒和最后5秒都是废的，去掉", 0)).containsEntry("start", 5.0);
        assertThat(params("keep only the first 10 seconds and the last 3 seconds are junk, remove them", 0)).containsEntry("duration", 10.0);
        assertThat(ops("it's dragging in the middle — from 0:45 to 1:20 it's literally just me walking to the car. could that part go quicker, maybe 3x?"))
                .containsExactly("speed");
        // a time said first in a text's "with" clause is the edit's before it too
        assertThat(params("Black and white for the first 10 seconds with '1985' in the bottom right, then normal colour", 0)).containsEntry("to", 10.0);
        assertThat(params("make it black and white. for the first 10 seconds put '1985' at the top", 0)).doesNotContainKey("to");
        // a loudness said of a noise just told is the noise's; a moment named by its time passes too fast
        assertThat(ops("背景有冷氣的嗡嗡聲，好吵")).containsExactly("denoise_audio");
        assertThat(ops("背景有嗡嗡声，音乐也太吵了")).containsExactly("denoise_audio", "volume");
        assertThat(ops("At 0:31 the scoreboard flashes by too fast for anyone to read. Hold it there for 3 secs")).containsExactly("freeze");
        assertThat(ops("第15秒那里比分一闪而过，定住3秒")).containsExactly("freeze");
        // problems and wishes told in words of no edit
        assertThat(ops("it's an old 480p clip and it looks terrible on the projector. bump it up to 1080p")).containsExactly("upscale");
        assertThat(ops("the interview has a low hum, remove it and then normalize the levels")).containsExactly("denoise_audio", "normalize_audio");
        assertThat(ops("audio is up and down the whole time, plus theres a hiss")).containsExactly("normalize_audio", "denoise_audio");
        assertThat(ops("太素了，想要老电影那种颗粒感，四周再暗一点")).containsExactly("grain", "vignette");
        assertThat(ops("小朋友的臉要遮起來，然後聲音全部拿掉，學校規定的")).containsExactly("blur_faces", "mute");
        assertThat(ops("The end goes by too quick, people can't write down our phone number. Could the last picture stay up for 4 seconds?"))
                .containsExactly("freeze_end");
        assertThat(ops("feels rushed. slow everything down to 0.75 and let the last frame sit there for 2 seconds at the end")).containsExactly("speed", "freeze_end");
        assertThat(params("最后那个画面想多停一会儿，停4秒，让大家看清二维码", 0)).containsEntry("duration", 4.0);
        assertThat(params("只有最后15秒有用，就是进球那段", 0)).containsEntry("duration", 15.0);
        assertThat(ops("Please reduce the file size by re-encoding at CRF 28.")).containsExactly("encode");
        assertThat(params("The ending is too sudden and the beginning is too. Fade both ends, 2 seconds.", 0)).containsEntry("duration", 2.0);
        // a bare text goes on over a comma before the hours that end it; a card's length after a comma is no word of it
        assertThat(params("please add text: Open 7 days, 8am–6pm", 0)).containsEntry("text", "Open 7 days, 8am–6pm");
        assertThat(params("caption: Hello, 0:05-0:10", 0)).containsEntry("text", "Hello").containsEntry("start", 5.0);
        assertThat(params("结尾加字卡：感谢收看 我们下期见，停4秒", 0)).containsEntry("text", "感谢收看 我们下期见").containsEntry("duration", 4.0);
        assertThat(params("加字幕：欢迎光临，停车请往后", 0)).containsEntry("text", "欢迎光临，停车请往后");
        // a quoted text said as a card, "need" before a text, a card that "should say", a lower third "that reads"
        assertThat(params("Please add 'Happy 40th Anniversary Mom & Dad' as a title card at the beginning for 5 seconds", 0))
                .containsEntry("text", "Happy 40th Anniversary Mom & Dad").containsEntry("duration", 5.0);
        assertThat(params("Teacher here, just need 'Homework: p. 42' in the top right corner from 3:10 to the end. thx", 0)).containsEntry("start", 190.0);
        assertThat(ops("I just need the first 10 seconds")).containsExactly("trim");
        assertThat(ops("fade in and out 1.5 s each, and the end card should say 'Happy Retirement, Linda!' for 5 seconds")).containsExactly("fade_both", "outro");
        assertThat(params("hey so can you do a lower third that reads Jamal Wright", 0)).containsEntry("text", "Jamal Wright");
        assertThat(params("Add the sentence \"Results may vary.\" at the bottom near the end, from 0:50 to 0:58", 0)).containsEntry("start", 50.0);
        assertThat(params("片头加一个3秒的字卡：“2025届毕业典礼”", 0)).containsEntry("duration", 3.0);
        assertThat(params("幫我喺底部加句「多謝大家支持！」，頭10秒就得", 0)).containsEntry("duration", 10.0);
    }
}
