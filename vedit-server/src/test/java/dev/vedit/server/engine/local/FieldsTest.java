package dev.vedit.server.engine.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Prompts written as fields by scripts, forms and integrations are spelled out as the requests they stand for. */
class FieldsTest {

    @Test
    void aFieldNamedForAnEditIsThatEditWithItsValue() {
        assertThat(Fields.spelledOut("speed: 1.5x, audio: mute, length: 30s")).isEqualTo("speed 1.5x; mute; keep the first 30 seconds");
        assertThat(Fields.spelledOut("speed=2\naspect=9:16\naudio=off")).isEqualTo("speed 2x\nmake it 9:16\nmute");
        assertThat(Fields.spelledOut("volume: -50%")).isEqualTo("lower the volume by 50%");
        assertThat(Fields.spelledOut("时长:15秒;画面:黑白")).isEqualTo("keep the first 15 seconds; 黑白");
        assertThat(Fields.spelledOut("speed=0.5; 镜像=是")).isEqualTo("speed 0.5x; mirror it");
        assertThat(Fields.spelledOut("hue: 色相旋转 180°")).isEqualTo("shift the hue by 180 degrees");
    }

    @Test
    void aFieldThatPlacesOrTimesTheOneBeforeIsAddedToIt() {
        assertThat(Fields.spelledOut("watermark: image 1 | position: bottom-right | opacity: default")).isEqualTo("figure 1 as a watermark in the bottom right");
        assertThat(Fields.spelledOut("effect=cartoon range=10s-20s")).isEqualTo("cartoon from 10s to 20s");
        assertThat(Fields.spelledOut("intro: figure 1 (3s). outro: figure 2.")).isEqualTo("figure 1 as the intro for 3 seconds; figure 2 as the outro");
    }

    @Test
    void aLabelIsDroppedAndWhatDescribesTheOrderGoes() {
        assertThat(Fields.spelledOut("edit requested: make it vertical")).isEqualTo("make it vertical");
        assertThat(Fields.spelledOut("product: linen shirt | price: $49.00 | sizes: s, m, l\nvideo instructions: square crop")).isEqualTo("square crop");
        // what a field of the order holds after a sentence's end is read
        assertThat(Fields.spelledOut("sku: bag-pk-01 粉色款还没拍,把视频里包的颜色改成粉色")).isEqualTo("把视频里包的颜色改成粉色");
        assertThat(Fields.spelledOut("1. 倍速:2x\n2. 静音")).isEqualTo("1. speed 2x\n2. 静音");
    }

    @Test
    void aPromptWithoutFieldsIsLeftAsWritten() {
        for (String written : new String[] {"keep 00:14:20 to 00:15:05, convert to 9:16", "加个字幕:生日快乐", "text: happy birthday",
                "cut the intro and cut the music. intro = first 6 seconds.", "the ratio is 9:16 already"}) {
            assertThat(Fields.spelledOut(written)).as(written).isEqualTo(written);
        }
    }
}
