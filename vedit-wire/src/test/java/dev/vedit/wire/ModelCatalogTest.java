package dev.vedit.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ModelCatalogTest {
    private static final ModelCatalog CATALOG = ModelCatalog.standard();

    private static ModelSpec model(String endpoint) {
        return CATALOG.byPath(endpoint).orElseThrow();
    }

    private static FieldSpec field(String endpoint, String name) {
        return model(endpoint).field(name).orElseThrow();
    }

    @Test
    void catalogHoldsExactlyTheFiveContractEndpoints() {
        assertThat(CATALOG.models()).extracting(ModelSpec::endpoint).containsExactlyInAnyOrder(
                "kling-video-o3-pro/video-edit",
                "kling-video-o3-std/video-edit",
                "kling-video-o1-std/edit-video",
                "alibaba/wan-2.7/video-edit",
                "rhart-video-g-official/edit-video");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "kling-video-o3-pro/video-edit",
            "kling-video-o3-std/video-edit",
            "kling-video-o1-std/edit-video",
            "alibaba/wan-2.7/video-edit",
            "rhart-video-g-official/edit-video"})
    void everyEndpointResolvesToTheModelOfThatEndpointWithOrWithoutLeadingSlash(String endpoint) {
        assertThat(CATALOG.byPath(endpoint)).get().extracting(ModelSpec::endpoint).isEqualTo(endpoint);
        assertThat(CATALOG.byPath("/" + endpoint)).get().extracting(ModelSpec::endpoint).isEqualTo(endpoint);
    }

    @ParameterizedTest
    @CsvSource({
            "wan-2.7/video-edit, alibaba/wan-2.7/video-edit",
            "/wan-2.7/video-edit, alibaba/wan-2.7/video-edit",
            "xai/grok-imagine/edit-video-official-stable, rhart-video-g-official/edit-video",
            "/xai/grok-imagine/edit-video-official-stable, rhart-video-g-official/edit-video"})
    void aliasResolvesToTheSameModelAsItsEndpoint(String alias, String endpoint) {
        assertThat(CATALOG.byPath(alias)).isPresent();
        assertThat(CATALOG.byPath(alias).get()).isSameAs(CATALOG.byPath(endpoint).get());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/", "query", "kling-video-o3-pro", "kling-video-o3-pro/edit-video",
            "wan-2.7", "alibaba/wan-2.7/video-edit/extra", "KLING-VIDEO-O3-PRO/VIDEO-EDIT", "media/upload/binary"})
    void unknownPathResolvesToNothing(String path) {
        assertThat(CATALOG.byPath(path)).isEmpty();
    }

    @Test
    void pathsListEveryEndpointAndBothAliasesOnce() {
        assertThat(CATALOG.paths()).containsExactlyInAnyOrder(
                "kling-video-o3-pro/video-edit",
                "kling-video-o3-std/video-edit",
                "kling-video-o1-std/edit-video",
                "alibaba/wan-2.7/video-edit",
                "wan-2.7/video-edit",
                "rhart-video-g-official/edit-video",
                "xai/grok-imagine/edit-video-official-stable");
    }

    @Test
    void aliasesExcludeTheEndpointItself() {
        assertThat(model("alibaba/wan-2.7/video-edit").aliases()).containsExactly("wan-2.7/video-edit");
        assertThat(model("rhart-video-g-official/edit-video").aliases()).containsExactly("xai/grok-imagine/edit-video-official-stable");
        assertThat(model("kling-video-o3-pro/video-edit").aliases()).isEmpty();
        assertThat(model("kling-video-o3-std/video-edit").aliases()).isEmpty();
        assertThat(model("kling-video-o1-std/edit-video").aliases()).isEmpty();
    }

    @Test
    void everyModelOutputsVideoAndHasARequiredPromptAndAVideoField() {
        for (ModelSpec m : CATALOG.models()) {
            assertThat(m.output()).as(m.endpoint()).isEqualTo("video");
            assertThat(m.field("prompt")).as(m.endpoint()).get().satisfies(f -> {
                assertThat(f.type()).isEqualTo(FieldType.STRING);
                assertThat(f.required()).isTrue();
            });
            assertThat(m.videoField()).as(m.endpoint()).get().extracting(FieldSpec::name).isEqualTo("videoUrl");
        }
    }

    @Test
    void fieldsKeepCatalogOrder() {
        assertThat(model("alibaba/wan-2.7/video-edit").fields()).extracting(FieldSpec::name).containsExactly(
                "prompt", "videoUrl", "imageUrls", "negativePrompt", "resolution", "duration", "aspectRatio", "promptExtend", "seed");
        assertThat(model("kling-video-o1-std/edit-video").fields()).extracting(FieldSpec::name).containsExactly(
                "mode", "prompt", "imageUrls", "videoUrl", "keepOriginalSound");
        assertThat(model("kling-video-o3-pro/video-edit").fields()).extracting(FieldSpec::name).containsExactly(
                "prompt", "videoUrl", "imageUrls", "keepOriginalSound");
        assertThat(model("rhart-video-g-official/edit-video").fields()).extracting(FieldSpec::name).containsExactly(
                "prompt", "videoUrl", "resolution");
    }

    @Test
    void wanFieldFactsAreReadFromTheCatalog() {
        String wan = "alibaba/wan-2.7/video-edit";
        FieldSpec prompt = field(wan, "prompt");
        assertThat(prompt.maxLength()).isEqualTo(5000);
        assertThat(prompt.defaultValue()).isNull();

        FieldSpec video = field(wan, "videoUrl");
        assertThat(video.type()).isEqualTo(FieldType.VIDEO);
        assertThat(video.required()).isFalse();
        assertThat(video.list()).isFalse();
        assertThat(video.maxSizeMB()).isEqualTo(100);
        assertThat(video.maxBytes()).isEqualTo(100L * 1024 * 1024);
        assertThat(video.formats()).containsExactly("MP4", "MOV");

        FieldSpec images = field(wan, "imageUrls");
        assertThat(images.type()).isEqualTo(FieldType.IMAGE);
        assertThat(images.required()).isTrue();
        assertThat(images.list()).isTrue();
        assertThat(images.maxItems()).isEqualTo(3);
        assertThat(images.maxSizeMB()).isEqualTo(20);
        assertThat(images.formats()).containsExactly("JPG", "PNG", "JPEG", "WEBP", "BMP");

        FieldSpec negative = field(wan, "negativePrompt");
        assertThat(negative.type()).isEqualTo(FieldType.STRING);
        assertThat(negative.required()).isFalse();
        assertThat(negative.maxLength()).isEqualTo(500);

        FieldSpec resolution = field(wan, "resolution");
        assertThat(resolution.type()).isEqualTo(FieldType.LIST);
        assertThat(resolution.required()).isTrue();
        assertThat(resolution.defaultValue()).isEqualTo(TextNode.valueOf("720P"));
        assertThat(resolution.enumValues()).containsExactly("720P", "1080P");

        FieldSpec duration = field(wan, "duration");
        assertThat(duration.defaultValue()).isEqualTo(TextNode.valueOf("0"));
        assertThat(duration.enumValues()).containsExactly("0", "2", "3", "4", "5", "6", "7", "8", "9", "10");

        FieldSpec aspect = field(wan, "aspectRatio");
        assertThat(aspect.defaultValue()).isEqualTo(TextNode.valueOf("16:9"));
        assertThat(aspect.enumValues()).containsExactly("16:9", "9:16", "1:1", "4:3", "3:4");

        FieldSpec extend = field(wan, "promptExtend");
        assertThat(extend.type()).isEqualTo(FieldType.BOOLEAN);
        assertThat(extend.required()).isFalse();
        assertThat(extend.defaultValue()).isEqualTo(BooleanNode.TRUE);

        FieldSpec seed = field(wan, "seed");
        assertThat(seed.type()).isEqualTo(FieldType.INT);
        assertThat(seed.required()).isFalse();
        assertThat(seed.defaultValue()).isNull();
        assertThat(seed.min()).isEqualTo(0L);
        assertThat(seed.max()).isEqualTo(2147483647L);
    }

    @Test
    void klingO1FieldFactsAreReadFromTheCatalog() {
        String o1 = "kling-video-o1-std/edit-video";
        FieldSpec mode = field(o1, "mode");
        assertThat(mode.type()).isEqualTo(FieldType.LIST);
        assertThat(mode.defaultValue()).isEqualTo(TextNode.valueOf("std"));
        assertThat(mode.enumValues()).containsExactly("std", "pro");
        assertThat(field(o1, "prompt").maxLength()).isEqualTo(2000);

        FieldSpec images = field(o1, "imageUrls");
        assertThat(images.required()).isFalse();
        assertThat(images.list()).isTrue();
        assertThat(images.maxItems()).isEqualTo(7);
        assertThat(images.maxSizeMB()).isEqualTo(20);
        assertThat(images.formats()).containsExactly("JPG", "PNG");

        FieldSpec video = field(o1, "videoUrl");
        assertThat(video.required()).isTrue();
        assertThat(video.list()).isFalse();
        assertThat(video.maxItems()).isEqualTo(1);
        assertThat(video.maxSizeMB()).isEqualTo(10);
        assertThat(video.formats()).containsExactly("MP4");

        FieldSpec sound = field(o1, "keepOriginalSound");
        assertThat(sound.type()).isEqualTo(FieldType.BOOLEAN);
        assertThat(sound.required()).isTrue();
        assertThat(sound.defaultValue()).isEqualTo(BooleanNode.TRUE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"kling-video-o3-pro/video-edit", "kling-video-o3-std/video-edit"})
    void klingO3FieldFactsAreReadFromTheCatalog(String o3) {
        assertThat(field(o3, "prompt").maxLength()).isEqualTo(2500);
        FieldSpec video = field(o3, "videoUrl");
        assertThat(video.required()).isTrue();
        assertThat(video.maxSizeMB()).isEqualTo(50);
        assertThat(video.formats()).containsExactly("MP4");
        FieldSpec images = field(o3, "imageUrls");
        assertThat(images.required()).isFalse();
        assertThat(images.list()).isTrue();
        assertThat(images.maxItems()).isEqualTo(4);
        assertThat(images.maxSizeMB()).isEqualTo(50);
        assertThat(images.formats()).containsExactly("JPG", "PNG");
        assertThat(field(o3, "keepOriginalSound").defaultValue()).isEqualTo(BooleanNode.TRUE);
    }

    @Test
    void grokFieldFactsAreReadFromTheCatalog() {
        String grok = "rhart-video-g-official/edit-video";
        assertThat(field(grok, "prompt").maxLength()).isEqualTo(800);
        FieldSpec video = field(grok, "videoUrl");
        assertThat(video.required()).isTrue();
        assertThat(video.maxItems()).isEqualTo(1);
        assertThat(video.maxSizeMB()).isEqualTo(50);
        FieldSpec resolution = field(grok, "resolution");
        assertThat(resolution.defaultValue()).isEqualTo(TextNode.valueOf("480p"));
        assertThat(resolution.enumValues()).containsExactly("720p", "480p");
        assertThat(model(grok).imageField()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            // endpoint,                         videoMin, videoMax, promptMin, queue, concurrency
            "alibaba/wan-2.7/video-edit,         2,        10,       1,         1000,  500",
            "kling-video-o1-std/edit-video,      0,        0,        5,         1000,  500",
            "kling-video-o3-pro/video-edit,      0,        10,       1,         1000,  100",
            "kling-video-o3-std/video-edit,      0,        10,       1,         1000,  100",
            "rhart-video-g-official/edit-video,  0,        0,        5,         1000,  500"})
    void modelLimitsAreReadFromTheCatalog(String endpoint, double videoMin, double videoMax, int promptMin, int queue, int concurrency) {
        assertThat(model(endpoint).limits()).isEqualTo(new ModelLimits(videoMin, videoMax, promptMin, queue, concurrency));
    }

    @Test
    void fieldsWithoutLimitsReportZero() {
        FieldSpec wanVideo = field("alibaba/wan-2.7/video-edit", "videoUrl");
        assertThat(wanVideo.maxItems()).isZero();
        assertThat(wanVideo.maxLength()).isZero();
        FieldSpec sound = field("kling-video-o3-pro/video-edit", "keepOriginalSound");
        assertThat(sound.maxSizeMB()).isZero();
        assertThat(sound.maxBytes()).isZero();
        assertThat(sound.formats()).isEmpty();
        assertThat(sound.enumValues()).isEmpty();
        assertThat(sound.min()).isNull();
        assertThat(sound.max()).isNull();
    }

    @ParameterizedTest
    @CsvSource({"jpg, true", "JPEG, true", "png, true", "webp, false", "mp4, false"})
    void imageFormatCheckIsCaseInsensitiveAndTreatsJpegAsJpg(String format, boolean accepted) {
        assertThat(field("kling-video-o3-pro/video-edit", "imageUrls").acceptsFormat(format)).isEqualTo(accepted);
    }

    @Test
    void aFieldWithoutFormatsAcceptsAnyFormat() {
        assertThat(field("alibaba/wan-2.7/video-edit", "seed").acceptsFormat("anything")).isTrue();
    }

    @Test
    void enumValuesResolveToTheirCanonicalSpellingIgnoringCaseAndSpaces() {
        assertThat(field("alibaba/wan-2.7/video-edit", "resolution").canonicalEnumValue(" 1080p ")).contains("1080P");
        assertThat(field("rhart-video-g-official/edit-video", "resolution").canonicalEnumValue("720P")).contains("720p");
        assertThat(field("rhart-video-g-official/edit-video", "resolution").canonicalEnumValue("1080p")).isEmpty();
    }

    @Test
    void catalogDefaultsMatchTheContractFileForEveryField() throws Exception {
        JsonNode contract;
        try (var in = ModelCatalog.class.getResourceAsStream("video-edit-models.json")) {
            contract = WireJson.newMapper().readTree(in);
        }
        int checked = 0;
        for (JsonNode m : contract.path("models")) {
            ModelSpec spec = model(m.path("endpoint").asText());
            List<String> names = spec.fields().stream().map(FieldSpec::name).toList();
            assertThat(names).hasSize(m.path("fields").size());
            for (JsonNode f : m.path("fields")) {
                FieldSpec fs = spec.field(f.path("name").asText()).orElseThrow();
                assertThat(fs.type().name()).isEqualTo(f.path("type").asText());
                assertThat(fs.required()).isEqualTo(f.path("required").asBoolean());
                assertThat(fs.list()).isEqualTo(f.path("list").asBoolean(false));
                assertThat(fs.defaultValue()).isEqualTo(f.get("default"));
                assertThat(fs.maxLength()).isEqualTo(f.path("maxLength").asInt(0));
                assertThat(fs.maxItems()).isEqualTo(f.path("maxItems").asInt(0));
                assertThat(fs.maxSizeMB()).isEqualTo(f.path("maxSizeMB").asInt(0));
                checked++;
            }
        }
        assertThat(checked).isEqualTo(25);
    }
}
