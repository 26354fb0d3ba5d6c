package dev.vedit.server.engine.comfyui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vedit.wire.ModelCatalog;
import dev.vedit.wire.RequestValidator;
import dev.vedit.wire.ValidatedRequest;
import dev.vedit.wire.WireJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromptBuilderTest {
    private static final ObjectMapper JSON = WireJson.newMapper();
    private static final PromptBuilder.Source SOURCE = new PromptBuilder.Source(1280, 720, 24, 10);

    static Template builtIn() throws IOException {
        try (InputStream in = Templates.class.getResourceAsStream(ComfyUiEngine.BUILT_IN)) {
            return Template.read("built-in", in, JSON);
        }
    }

    static ValidatedRequest request(String endpoint, String body) throws IOException {
        return RequestValidator.validate(ModelCatalog.standard().byPath(endpoint).orElseThrow(), JSON.readTree(body));
    }

    @Test
    void theRequestFillsTheBoundInputsOfACopyOfTheWorkflow() throws IOException {
        Template t = builtIn();
        ValidatedRequest r = request("alibaba/wan-2.7/video-edit", """
                {"prompt": "Replace the man's clothes with those in Figure 1", "videoUrl": "https://x/v.mp4",
                 "imageUrls": ["https://x/a.png"], "negativePrompt": "ugly", "seed": 42, "resolution": "720P", "aspectRatio": "9:16"}""");
        ObjectNode w = PromptBuilder.build(t, r, SOURCE, "vedit/1/video.mp4", List.of("vedit/1/image-1.png"), 42, "vedit/1/attempt-1");

        assertThat(w.at("/4/inputs/text").asText()).isEqualTo("Replace the man's clothes with those in Figure 1");
        assertThat(w.at("/5/inputs/text").asText()).isEqualTo("ugly");
        assertThat(w.at("/6/inputs/file").asText()).isEqualTo("vedit/1/video.mp4");
        assertThat(w.at("/8/inputs/image").asText()).isEqualTo("vedit/1/image-1.png");
        assertThat(w.at("/11/inputs/seed").asLong()).isEqualTo(42);
        assertThat(w.at("/15/inputs/filename_prefix").asText()).isEqualTo("vedit/1/attempt-1");
        assertThat(w.at("/10/inputs/width").asInt()).isEqualTo(720);
        assertThat(w.at("/10/inputs/height").asInt()).isEqualTo(1280);
        // The template itself is untouched: the next task starts from the same workflow.
        assertThat(t.workflow().at("/4/inputs/text").asText()).isEmpty();
    }

    @Test
    void frameCountsAreFourNPlusOneAndCappedAtTheModelsMaximum() {
        Template.VideoRules wan = Template.VideoRules.DEFAULT;
        assertThat(PromptBuilder.frames(wan, 10, 24)).isEqualTo(81);
        assertThat(PromptBuilder.frames(wan, 2, 24)).isEqualTo(45); // 48 frames → 4·11+1
        assertThat(PromptBuilder.frames(wan, 0.1, 24)).isEqualTo(5);
        for (double seconds = 0.2; seconds < 6; seconds += 0.37) {
            assertThat((PromptBuilder.frames(wan, seconds, 30) - 1) % 4).isZero();
        }
    }

    @Test
    void theSizeKeepsTheSourceShapeAtTheDefaultShortSideInMultiplesOfSixteen() throws IOException {
        ValidatedRequest r = request("kling-video-o3-pro/video-edit", "{\"prompt\": \"x\", \"videoUrl\": \"https://x/v.mp4\"}");
        int[] size = PromptBuilder.size(Template.VideoRules.DEFAULT, r, new PromptBuilder.Source(1920, 1080, 30, 5));
        assertThat(size).containsExactly(848, 480);
        int[] portrait = PromptBuilder.size(Template.VideoRules.DEFAULT, r, new PromptBuilder.Source(720, 1280, 30, 5));
        assertThat(portrait).containsExactly(480, 848);
    }

    @Test
    void withoutReferenceImagesTheLoaderAndEveryLinkToItAreRemoved() throws IOException {
        ValidatedRequest r = request("kling-video-o3-pro/video-edit", "{\"prompt\": \"x\", \"videoUrl\": \"https://x/v.mp4\"}");
        ObjectNode w = PromptBuilder.build(builtIn(), r, SOURCE, "v.mp4", List.of(), 1, "p");
        assertThat(w.has("8")).isFalse();
        assertThat(w.at("/10/inputs").has("reference_image")).isFalse();
        assertThat(w.at("/10/inputs").has("control_video")).isTrue();
    }

    @Test
    void extraReferenceImagesAreStitchedOntoTheLastSlot() throws IOException {
        ValidatedRequest r = request("kling-video-o3-pro/video-edit",
                "{\"prompt\": \"x\", \"videoUrl\": \"https://x/v.mp4\", \"imageUrls\": [\"https://x/1.png\", \"https://x/2.png\", \"https://x/3.png\"]}");
        ObjectNode w = PromptBuilder.build(builtIn(), r, SOURCE, "v.mp4", List.of("1.png", "2.png", "3.png"), 1, "p");
        assertThat(w.at("/8/inputs/image").asText()).isEqualTo("1.png");
        JsonNode stitch3 = w.get("vedit_stitch_3");
        assertThat(stitch3.path("class_type").asText()).isEqualTo(PromptBuilder.STITCH);
        assertThat(stitch3.at("/inputs/image1/0").asText()).isEqualTo("vedit_stitch_2");
        assertThat(w.at("/vedit_stitch_2/inputs/image1/0").asText()).isEqualTo("8");
        assertThat(w.at("/vedit_image_3/inputs/image").asText()).isEqualTo("3.png");
        // The model now reads the stitched picture, not Figure 1 alone.
        assertThat(w.at("/10/inputs/reference_image/0").asText()).isEqualTo("vedit_stitch_3");
    }

    @Test
    void aTemplateWhoseBindingPointsNowhereIsRefusedWhenLoaded() {
        String bad = """
                {"workflow": {"1": {"class_type": "SaveVideo", "inputs": {}}}, "bind": {"prompt": {"node": "9", "input": "text"}},
                 "outputs": ["1"]}""";
        assertThatThrownBy(() -> Template.read("bad.json", new ByteArrayInputStream(bad.getBytes(StandardCharsets.UTF_8)), JSON))
                .hasMessageContaining("points at node 9");
        String noOutputs = "{\"workflow\": {\"1\": {\"class_type\": \"LoadImage\", \"inputs\": {}}}}";
        assertThatThrownBy(() -> Template.read("x.json", new ByteArrayInputStream(noOutputs.getBytes(StandardCharsets.UTF_8)), JSON))
                .hasMessageContaining("no \"outputs\"");
        String unknownSlot = "{\"workflow\": {\"1\": {\"class_type\": \"SaveVideo\", \"inputs\": {}}}, \"bind\": {\"promt\": "
                + "{\"node\": \"1\", \"input\": \"x\"}}, \"outputs\": [\"1\"]}";
        assertThatThrownBy(() -> Template.read("x.json", new ByteArrayInputStream(unknownSlot.getBytes(StandardCharsets.UTF_8)), JSON))
                .hasMessageContaining("unknown slot \"promt\"");
    }

    @Test
    void theCheckReportsMissingNodeClassesAndModelFilesInComfyUisShape() throws IOException {
        Template t = builtIn();
        ObjectNode info = JSON.createObjectNode();
        t.workflow().fields().forEachRemaining(n -> info.putObject(n.getValue().path("class_type").asText()));
        info.remove("WanVaceToVideo");
        ObjectNode unet = info.putObject("UNETLoader");
        unet.putObject("input").putObject("required").set("unet_name",
                JSON.readTree("[\"COMBO\", {\"options\": [\"wan2.1_t2v_1.3B_fp16.safetensors\"]}]"));
        ObjectNode vae = info.putObject("VAELoader");
        vae.putObject("input").putObject("required").set("vae_name", JSON.readTree("[[\"wan_2.1_vae.safetensors\"], {}]"));

        ObjectNode errors = TemplateCheck.nodeErrors(t, info, JSON);
        assertThat(errors.fieldNames()).toIterable().containsExactlyInAnyOrder("1", "10");
        assertThat(errors.at("/1/errors/0/type").asText()).isEqualTo("value_not_in_list");
        assertThat(errors.at("/1/errors/0/details").asText()).contains("wan2.1_vace_14B_fp16.safetensors");
        assertThat(errors.at("/1/class_type").asText()).isEqualTo("UNETLoader");
        assertThat(errors.at("/10/errors/0/type").asText()).isEqualTo("missing_node_type");
    }

    @Test
    void anMp4WithItsIndexFirstIsRecognisedAsStreamable() throws Exception {
        java.nio.file.Path recorded = java.nio.file.Path.of("..", "..", "shared", "comfyui-protocol", "out-video.mp4").toAbsolutePath();
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.exists(recorded), "recordings beside the checkout");
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("mp4");
        java.nio.file.Path tail = dir.resolve("tail.mp4");
        // Move the first box (ftyp) behind the rest: no moov before mdat any more is simulated by a file holding only mdat.
        java.nio.file.Files.write(tail, new byte[] {0, 0, 0, 16, 'm', 'd', 'a', 't', 0, 0, 0, 0, 0, 0, 0, 0});
        assertThat(Mp4Output.indexFirst(tail)).isFalse();
        assertThat(Mp4Output.indexFirst(recorded)).isEqualTo(moovBeforeMdat(java.nio.file.Files.readAllBytes(recorded)));
    }

    private static boolean moovBeforeMdat(byte[] bytes) {
        String s = new String(bytes, StandardCharsets.ISO_8859_1);
        int moov = s.indexOf("moov");
        int mdat = s.indexOf("mdat");
        return moov >= 0 && (mdat < 0 || moov < mdat);
    }
}
