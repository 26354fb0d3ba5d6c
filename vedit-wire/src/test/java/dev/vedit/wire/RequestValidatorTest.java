package dev.vedit.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The validator against every model and field of the catalog: a model added to the catalog is covered by the
 * data-driven tests without touching this class; the named-endpoint tests pin the contract's concrete facts.
 */
class RequestValidatorTest {
    private static final ModelCatalog CATALOG = ModelCatalog.standard();
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = WireJson.newMapper();

    private static final String VIDEO_URL = "https://cdn.example.com/in.mp4";
    private static final String IMAGE_URL = "https://cdn.example.com/ref.png";
    private static final String PNG_DATA_URI =
            "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

    private static final String WAN = "alibaba/wan-2.7/video-edit";
    private static final String O1 = "kling-video-o1-std/edit-video";
    private static final String O3_PRO = "kling-video-o3-pro/video-edit";
    private static final String O3_STD = "kling-video-o3-std/video-edit";
    private static final String GROK = "rhart-video-g-official/edit-video";

    // ---------------------------------------------------------------- helpers

    private static ModelSpec model(String path) {
        return CATALOG.byPath(path).orElseThrow();
    }

    /** A body holding a valid value for every required field that has no default, and nothing else. */
    private static ObjectNode minimalBody(ModelSpec m) {
        ObjectNode body = JSON.objectNode();
        for (FieldSpec f : m.fields()) {
            if (f.required() && f.defaultValue() == null) {
                body.set(f.name(), validValue(m, f));
            }
        }
        return body;
    }

    private static JsonNode validValue(ModelSpec m, FieldSpec f) {
        return switch (f.type()) {
            case STRING -> JSON.textNode(f.name().equals("prompt") ? "Make the sky purple at dusk" : "blurry");
            case VIDEO -> f.list() ? JSON.arrayNode().add(VIDEO_URL) : JSON.textNode(VIDEO_URL);
            case IMAGE, AUDIO -> f.list() ? JSON.arrayNode().add(IMAGE_URL) : JSON.textNode(IMAGE_URL);
            case LIST -> JSON.textNode(f.enumValues().get(0));
            case BOOLEAN -> JSON.booleanNode(true);
            case INT -> JSON.numberNode(f.min() == null ? 0 : f.min());
        };
    }

    private static ObjectNode bodyWith(ModelSpec m, String field, JsonNode value) {
        ObjectNode body = minimalBody(m);
        body.set(field, value);
        return body;
    }

    private static ObjectNode bodyWith(String path, String field, JsonNode value) {
        return bodyWith(model(path), field, value);
    }

    private static ObjectNode params(ModelSpec m, JsonNode body) {
        return RequestValidator.validate(m, body).params();
    }

    private static VeditException rejection(ModelSpec m, JsonNode body) {
        try {
            ValidatedRequest accepted = RequestValidator.validate(m, body);
            return fail("expected a rejection for %s but got params %s", body, accepted.params());
        } catch (VeditException e) {
            return e;
        }
    }

    private static void assertInvalidParameters(VeditException e, String english) {
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETERS);
        assertThat(e.code().code()).isEqualTo("1007");
        assertThat(e.getMessage()).startsWith("Invalid parameters: " + english).contains(" | 参数错误：");
    }

    private static JsonNode json(String literal) {
        try {
            return MAPPER.readTree(literal);
        } catch (Exception e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    private static ArrayNode urls(int count) {
        ArrayNode a = JSON.arrayNode();
        for (int i = 0; i < count; i++) {
            a.add("https://cdn.example.com/ref" + i + ".png");
        }
        return a;
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    // ---------------------------------------------------------------- catalog-driven sources

    static Stream<Arguments> models() {
        return CATALOG.models().stream().map(m -> Arguments.of(Named.of(m.endpoint(), m)));
    }

    private static Stream<Arguments> fields(Predicate<FieldSpec> which) {
        return CATALOG.models().stream().flatMap(m -> m.fields().stream().filter(which)
                .map(f -> Arguments.of(Named.of(m.endpoint(), m), Named.of(f.name(), f))));
    }

    static Stream<Arguments> allFields() {
        return fields(f -> true);
    }

    static Stream<Arguments> requiredFieldsWithoutDefault() {
        return fields(f -> f.required() && f.defaultValue() == null);
    }

    static Stream<Arguments> fieldsWithDefault() {
        return fields(f -> f.defaultValue() != null);
    }

    static Stream<Arguments> optionalFieldsWithoutDefault() {
        return fields(f -> !f.required() && f.defaultValue() == null);
    }

    static Stream<Arguments> stringFieldsWithMaxLength() {
        return fields(f -> f.type() == FieldType.STRING && f.maxLength() > 0);
    }

    static Stream<Arguments> enumFields() {
        return fields(f -> f.type() == FieldType.LIST);
    }

    static Stream<Arguments> enumValues() {
        return CATALOG.models().stream().flatMap(m -> m.fields().stream().filter(f -> f.type() == FieldType.LIST)
                .flatMap(f -> f.enumValues().stream().flatMap(v -> Stream.of(v, v.toLowerCase(Locale.ROOT), v.toUpperCase(Locale.ROOT), " " + v + " ")
                        .distinct()
                        .map(spelling -> Arguments.of(Named.of(m.endpoint(), m), Named.of(f.name(), f), spelling, v)))));
    }

    static Stream<Arguments> booleanFields() {
        return fields(f -> f.type() == FieldType.BOOLEAN);
    }

    static Stream<Arguments> intFields() {
        return fields(f -> f.type() == FieldType.INT);
    }

    static Stream<Arguments> mediaFields() {
        return fields(f -> f.type().isMedia());
    }

    static Stream<Arguments> mediaListFieldsWithMaxItems() {
        return fields(f -> f.type().isMedia() && f.list() && f.maxItems() > 0);
    }

    static Stream<Arguments> promptsWithMinimum() {
        return CATALOG.models().stream().filter(m -> m.limits().promptMinLength() > 1)
                .map(m -> Arguments.of(Named.of(m.endpoint(), m)));
    }

    /** Values of the wrong JSON type for each field type. */
    private static List<JsonNode> wrongTypeValues(FieldSpec f) {
        return switch (f.type()) {
            case STRING -> List.of(json("42"), json("true"), json("[\"a prompt that is long\"]"), json("{\"text\":\"a prompt that is long\"}"));
            case LIST -> List.of(json("true"), json("1.5"), json("[\"" + f.enumValues().get(0) + "\"]"), json("{}"));
            case BOOLEAN -> List.of(json("1"), json("0"), json("\"yes\""), json("\"1\""), json("\"on\""), json("\"true\""), json("\"false\""),
                    json("[true]"), json("{}"));
            case INT -> List.of(json("1.5"), json("\"abc\""), json("\"1.5\""), json("\"42\""), json("true"), json("[1]"), json("{}"),
                    JSON.numberNode(new BigInteger("99999999999999999999")));
            case VIDEO, IMAGE, AUDIO -> f.list()
                    ? List.of(json("42"), json("true"), json("{}"), json("[42]"), json("[\"" + IMAGE_URL + "\", {}]"), json("[null]"),
                            JSON.textNode(IMAGE_URL))
                    : List.of(json("42"), json("true"), json("{}"), json("[\"" + VIDEO_URL + "\", \"" + VIDEO_URL + "\"]"), json("[7]"));
        };
    }

    static Stream<Arguments> wrongTypes() {
        return CATALOG.models().stream().flatMap(m -> m.fields().stream().flatMap(f -> wrongTypeValues(f).stream()
                .map(v -> Arguments.of(Named.of(m.endpoint(), m), Named.of(f.name(), f), v))));
    }

    // ---------------------------------------------------------------- body

    @ParameterizedTest
    @MethodSource("models")
    void minimalBodyWithOnlyRequiredFieldsIsAccepted(ModelSpec m) {
        ValidatedRequest r = RequestValidator.validate(m, minimalBody(m));
        assertThat(r.model()).isSameAs(m);
        assertThat(r.prompt()).isEqualTo("Make the sky purple at dusk");
        assertThat(r.webhookUrl()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"prompt\"", "42", "null", "true"})
    void bodyThatIsNotAJsonObjectIsRejectedWith1007(String literal) {
        VeditException e = rejection(model(O3_PRO), json(literal));
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETERS);
        assertThat(e.getMessage()).isEqualTo("Invalid parameters: the request body must be a JSON object | 参数错误：请求体必须是 JSON 对象");
    }

    @Test
    void missingBodyIsRejectedWith1007() {
        assertThat(rejection(model(O3_PRO), null).code()).isEqualTo(ErrorCode.INVALID_PARAMETERS);
    }

    // ---------------------------------------------------------------- required

    @ParameterizedTest
    @MethodSource("requiredFieldsWithoutDefault")
    void requiredFieldMissingIsRejectedAsRequired(ModelSpec m, FieldSpec f) {
        ObjectNode body = minimalBody(m);
        body.remove(f.name());
        VeditException e = rejection(m, body);
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETERS);
        assertThat(e.getMessage()).isEqualTo("Invalid parameters: " + f.name() + " is required | 参数错误：" + f.name() + " 为必填项");
    }

    @ParameterizedTest
    @MethodSource("requiredFieldsWithoutDefault")
    void requiredFieldNullIsRejectedAsRequired(ModelSpec m, FieldSpec f) {
        VeditException e = rejection(m, bodyWith(m, f.name(), JSON.nullNode()));
        assertThat(e.getMessage()).isEqualTo("Invalid parameters: " + f.name() + " is required | 参数错误：" + f.name() + " 为必填项");
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETERS);
    }

    @ParameterizedTest
    @MethodSource("requiredFieldsWithoutDefault")
    void requiredFieldBlankIsRejectedAsRequired(ModelSpec m, FieldSpec f) {
        for (String blank : List.of("", "   ", "\t\n")) {
            VeditException e = rejection(m, bodyWith(m, f.name(), JSON.textNode(blank)));
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETERS);
            assertThat(e.getMessage()).as("blank %s", blank.replace("\n", "\\n"))
                    .isEqualTo("Invalid parameters: " + f.name() + " is required | 参数错误：" + f.name() + " 为必填项");
        }
    }

    @Test
    void missingPromptReplyMessageIsTheContractExample() {
        ObjectNode body = minimalBody(model(O3_PRO));
        body.remove("prompt");
        assertThat(rejection(model(O3_PRO), body).getMessage())
                .isEqualTo("Invalid parameters: prompt is required | 参数错误：prompt 为必填项");
    }

    // ---------------------------------------------------------------- defaults

    @ParameterizedTest
    @MethodSource("fieldsWithDefault")
    void fieldWithDefaultTakesTheDefaultWhenMissingNullOrBlank(ModelSpec m, FieldSpec f) {
        ObjectNode missing = minimalBody(m);
        missing.remove(f.name());
        assertThat(params(m, missing).get(f.name())).as("missing").isEqualTo(f.defaultValue());
        assertThat(params(m, bodyWith(m, f.name(), JSON.nullNode())).get(f.name())).as("null").isEqualTo(f.defaultValue());
        assertThat(params(m, bodyWith(m, f.name(), JSON.textNode(""))).get(f.name())).as("blank").isEqualTo(f.defaultValue());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "alibaba/wan-2.7/video-edit         | resolution        | \"720P\"",
            "alibaba/wan-2.7/video-edit         | duration          | \"0\"",
            "alibaba/wan-2.7/video-edit         | aspectRatio       | \"16:9\"",
            "alibaba/wan-2.7/video-edit         | promptExtend      | true",
            "kling-video-o3-pro/video-edit      | keepOriginalSound | true",
            "kling-video-o3-std/video-edit      | keepOriginalSound | true",
            "kling-video-o1-std/edit-video      | keepOriginalSound | true",
            "kling-video-o1-std/edit-video      | mode              | \"std\"",
            "rhart-video-g-official/edit-video  | resolution        | \"480p\""})
    void contractDefaultIsFilledWhenAbsent(String endpoint, String field, String expectedJson) {
        ModelSpec m = model(endpoint);
        assertThat(params(m, minimalBody(m)).get(field)).isEqualTo(json(expectedJson));
    }

    @ParameterizedTest
    @MethodSource("optionalFieldsWithoutDefault")
    void optionalFieldWithoutDefaultIsAbsentFromParamsWhenNotGiven(ModelSpec m, FieldSpec f) {
        assertThat(params(m, minimalBody(m)).has(f.name())).isFalse();
        assertThat(params(m, bodyWith(m, f.name(), JSON.nullNode())).has(f.name())).isFalse();
    }

    @Test
    void explicitFalseOverridesATrueDefault() {
        assertThat(params(model(WAN), bodyWith(WAN, "promptExtend", JSON.booleanNode(false))).get("promptExtend").booleanValue()).isFalse();
        assertThat(params(model(O3_PRO), bodyWith(O3_PRO, "keepOriginalSound", JSON.booleanNode(false))).get("keepOriginalSound").booleanValue()).isFalse();
    }

    // ---------------------------------------------------------------- types

    @ParameterizedTest
    @MethodSource("wrongTypes")
    void valueOfTheWrongJsonTypeIsRejectedNamingTheField(ModelSpec m, FieldSpec f, JsonNode wrong) {
        VeditException e = rejection(m, bodyWith(m, f.name(), wrong));
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETERS);
        assertThat(e.getMessage()).startsWith("Invalid parameters: " + f.name()).contains(" must be ").contains(" | 参数错误：" + f.name());
    }

    @Test
    void wrongTypeMessagesSayWhatIsExpected() {
        assertInvalidParameters(rejection(model(O3_PRO), bodyWith(O3_PRO, "prompt", json("42"))), "prompt must be a string");
        assertInvalidParameters(rejection(model(O3_PRO), bodyWith(O3_PRO, "keepOriginalSound", json("\"yes\""))),
                "keepOriginalSound must be a JSON boolean (true or false, without quotes) (got a string)");
        assertInvalidParameters(rejection(model(WAN), bodyWith(WAN, "seed", json("1.5"))), "seed must be a JSON integer (a number without quotes) (got a number)");
        assertInvalidParameters(rejection(model(WAN), bodyWith(WAN, "seed", json("\"42\""))), "seed must be a JSON integer (a number without quotes) (got a string)");
        assertInvalidParameters(rejection(model(WAN), bodyWith(WAN, "imageUrls", JSON.textNode(IMAGE_URL))),
                "imageUrls must be a JSON array of URL strings, e.g. [\"https://…/ref.png\"] (got a string)");
        assertInvalidParameters(rejection(model(WAN), bodyWith(WAN, "resolution", json("true"))), "resolution must be a string, one of 720P, 1080P");
        assertInvalidParameters(rejection(model(O3_PRO), bodyWith(O3_PRO, "videoUrl", json("42"))), "videoUrl must be a URL string");
        assertInvalidParameters(rejection(model(O3_PRO), bodyWith(O3_PRO, "imageUrls", json("[\"" + IMAGE_URL + "\", 5]"))),
                "imageUrls[1] must be a URL string");
    }

    // ---------------------------------------------------------------- string length

    @ParameterizedTest
    @MethodSource("stringFieldsWithMaxLength")
    void stringAtMaxLengthIsAcceptedAndOneMoreCharacterIsRejected(ModelSpec m, FieldSpec f) {
        String atMax = "字".repeat(f.maxLength());
        assertThat(params(m, bodyWith(m, f.name(), JSON.textNode(atMax))).get(f.name()).asText()).isEqualTo(atMax);

        VeditException e = rejection(m, bodyWith(m, f.name(), JSON.textNode(atMax + "字")));
        assertInvalidParameters(e, f.name() + " is longer than " + f.maxLength() + " characters (got " + (f.maxLength() + 1) + ")");
    }

    @ParameterizedTest
    @MethodSource("stringFieldsWithMaxLength")
    void stringLengthCountsCodePointsNotUtf16Units(ModelSpec m, FieldSpec f) {
        String emoji = "😀".repeat(f.maxLength());
        assertThat(emoji.length()).isEqualTo(2 * f.maxLength());
        assertThat(params(m, bodyWith(m, f.name(), JSON.textNode(emoji))).get(f.name()).asText()).isEqualTo(emoji);
        assertInvalidParameters(rejection(m, bodyWith(m, f.name(), JSON.textNode(emoji + "😀"))), f.name() + " is longer than ");
    }

    @ParameterizedTest
    @ValueSource(strings = {O3_PRO, O3_STD})
    void chinesePromptOf2500CharactersIsAcceptedByKlingO3(String endpoint) {
        String prompt = "将视频中男子的衣服替换为图一的衣服。".repeat(2500 / 18) + "换".repeat(2500 % 18);
        assertThat(prompt.codePointCount(0, prompt.length())).isEqualTo(2500);
        assertThat(RequestValidator.validate(model(endpoint), bodyWith(endpoint, "prompt", JSON.textNode(prompt))).prompt()).isEqualTo(prompt);
        assertInvalidParameters(rejection(model(endpoint), bodyWith(endpoint, "prompt", JSON.textNode(prompt + "换"))),
                "prompt is longer than 2500 characters (got 2501)");
    }

    @ParameterizedTest
    @MethodSource("promptsWithMinimum")
    void promptShorterThanTheModelMinimumIsRejected(ModelSpec m) {
        int min = m.limits().promptMinLength();
        assertInvalidParameters(rejection(m, bodyWith(m, "prompt", JSON.textNode("a".repeat(min - 1)))),
                "prompt must be at least " + min + " characters (got " + (min - 1) + ")");
        assertInvalidParameters(rejection(m, bodyWith(m, "prompt", JSON.textNode("  " + "a".repeat(min - 1) + "  "))),
                "prompt must be at least " + min + " characters");
        assertThat(RequestValidator.validate(m, bodyWith(m, "prompt", JSON.textNode("a".repeat(min)))).prompt()).isEqualTo("a".repeat(min));
    }

    @ParameterizedTest
    @ValueSource(strings = {O1, GROK})
    void klingO1AndGrokNeedAPromptOfAtLeastFiveCharacters(String endpoint) {
        assertInvalidParameters(rejection(model(endpoint), bodyWith(endpoint, "prompt", JSON.textNode("变成夜晚"))),
                "prompt must be at least 5 characters (got 4)");
        assertThat(RequestValidator.validate(model(endpoint), bodyWith(endpoint, "prompt", JSON.textNode("变成夜晚吧"))).prompt()).isEqualTo("变成夜晚吧");
    }

    @ParameterizedTest
    @ValueSource(strings = {WAN, O3_PRO, O3_STD})
    void oneCharacterPromptIsEnoughWhereTheMinimumIsOne(String endpoint) {
        assertThat(RequestValidator.validate(model(endpoint), bodyWith(endpoint, "prompt", JSON.textNode("夜"))).prompt()).isEqualTo("夜");
    }

    // ---------------------------------------------------------------- enums

    @ParameterizedTest(name = "{0} {1} \"{2}\" -> {3}")
    @MethodSource("enumValues")
    void enumValueInAnyCaseIsNormalisedToItsCanonicalSpelling(ModelSpec m, FieldSpec f, String given, String canonical) {
        assertThat(params(m, bodyWith(m, f.name(), JSON.textNode(given))).get(f.name())).isEqualTo(JSON.textNode(canonical));
    }

    @ParameterizedTest
    @MethodSource("enumFields")
    void unknownEnumValueIsRejectedListingTheAllowedValues(ModelSpec m, FieldSpec f) {
        VeditException e = rejection(m, bodyWith(m, f.name(), JSON.textNode("bogus")));
        assertInvalidParameters(e, f.name() + " must be one of " + String.join(", ", f.enumValues()) + " (got \"bogus\")");
        assertThat(e.getMessage()).contains(f.name() + " 必须是 " + String.join("、", f.enumValues()) + " 之一");
    }

    @ParameterizedTest
    @CsvSource({
            "alibaba/wan-2.7/video-edit,        resolution, 720p,  720P",
            "alibaba/wan-2.7/video-edit,        resolution, 1080p, 1080P",
            "rhart-video-g-official/edit-video, resolution, 720P,  720p",
            "rhart-video-g-official/edit-video, resolution, 480P,  480p",
            "kling-video-o1-std/edit-video,     mode,       STD,   std",
            "kling-video-o1-std/edit-video,     mode,       Pro,   pro"})
    void contractEnumSpellingsAreNormalised(String endpoint, String field, String given, String expected) {
        assertThat(RequestValidator.validate(model(endpoint), bodyWith(endpoint, field, JSON.textNode(given))).option(field)).contains(expected);
    }

    @Test
    void resolutionOfAnotherModelIsRejected() {
        assertInvalidParameters(rejection(model(GROK), bodyWith(GROK, "resolution", JSON.textNode("1080p"))),
                "resolution must be one of 720p, 480p (got \"1080p\")");
    }

    @Test
    void listFieldGivenAsAMatchingJsonNumberIsAcceptedAsItsString() {
        assertThat(params(model(WAN), bodyWith(WAN, "duration", JSON.numberNode(5))).get("duration")).isEqualTo(JSON.textNode("5"));
        assertThat(params(model(WAN), bodyWith(WAN, "duration", JSON.numberNode(0))).get("duration")).isEqualTo(JSON.textNode("0"));
    }

    @Test
    void listFieldGivenAsANumberOutsideTheEnumIsRejected() {
        assertInvalidParameters(rejection(model(WAN), bodyWith(WAN, "duration", JSON.numberNode(11))), "duration must be one of 0, 2, 3");
        assertInvalidParameters(rejection(model(WAN), bodyWith(WAN, "duration", JSON.numberNode(1))), "duration must be one of");
        assertInvalidParameters(rejection(model(WAN), bodyWith(WAN, "resolution", JSON.numberNode(720))), "resolution must be one of 720P, 1080P");
    }

    // ---------------------------------------------------------------- booleans

    @ParameterizedTest
    @MethodSource("booleanFields")
    void booleanAcceptsJsonBooleansOnly(ModelSpec m, FieldSpec f) {
        assertThat(params(m, bodyWith(m, f.name(), JSON.booleanNode(false))).get(f.name())).isEqualTo(JSON.booleanNode(false));
        assertThat(params(m, bodyWith(m, f.name(), JSON.booleanNode(true))).get(f.name())).isEqualTo(JSON.booleanNode(true));
        assertInvalidParameters(rejection(m, bodyWith(m, f.name(), JSON.textNode("false"))), f.name() + " must be a JSON boolean");
    }

    @ParameterizedTest
    @MethodSource("booleanFields")
    void booleanRejectsOtherStrings(ModelSpec m, FieldSpec f) {
        for (String s : List.of("yes", "no", "1", "0", "on", "truth", "true", "FALSE")) {
            assertInvalidParameters(rejection(m, bodyWith(m, f.name(), JSON.textNode(s))), f.name() + " must be a JSON boolean");
        }
    }

    // ---------------------------------------------------------------- integers

    @ParameterizedTest
    @MethodSource("intFields")
    void integerInsideItsRangeIsAcceptedAndOutsideIsRejected(ModelSpec m, FieldSpec f) {
        assertThat(f.min()).as("every INT field of the catalog has a range").isNotNull();
        assertThat(f.max()).isNotNull();
        assertThat(params(m, bodyWith(m, f.name(), JSON.numberNode(f.min()))).get(f.name()).longValue()).isEqualTo(f.min());
        assertThat(params(m, bodyWith(m, f.name(), JSON.numberNode(f.max()))).get(f.name()).longValue()).isEqualTo(f.max());
        String range = f.name() + " must be between " + f.min() + " and " + f.max();
        assertInvalidParameters(rejection(m, bodyWith(m, f.name(), JSON.numberNode(f.min() - 1))), range + " (got " + (f.min() - 1) + ")");
        assertInvalidParameters(rejection(m, bodyWith(m, f.name(), JSON.numberNode(f.max() + 1))), range + " (got " + (f.max() + 1) + ")");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "2147483648", "-2147483649", "9223372036854775807"})
    void wanSeedOutOfRangeIsRejected(String seed) {
        assertInvalidParameters(rejection(model(WAN), bodyWith(WAN, "seed", json(seed))), "seed must be between 0 and 2147483647");
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 42, 2147483647})
    void wanSeedInRangeIsAcceptedAsANumber(long seed) {
        ObjectNode p = params(model(WAN), bodyWith(WAN, "seed", JSON.numberNode(seed)));
        assertThat(p.get("seed").isIntegralNumber()).isTrue();
        assertThat(p.get("seed").longValue()).isEqualTo(seed);
    }

    @Test
    void wanSeedAsAStringIsAWrongType() {
        assertInvalidParameters(rejection(model(WAN), bodyWith(WAN, "seed", JSON.textNode("2147483647"))), "seed must be a JSON integer");
    }

    // ---------------------------------------------------------------- media lists

    @ParameterizedTest
    @MethodSource("mediaListFieldsWithMaxItems")
    void mediaListAtMaxItemsIsAcceptedAndOneMoreIsRejected(ModelSpec m, FieldSpec f) {
        ObjectNode p = params(m, bodyWith(m, f.name(), urls(f.maxItems())));
        assertThat(p.get(f.name())).isEqualTo(urls(f.maxItems()));
        assertInvalidParameters(rejection(m, bodyWith(m, f.name(), urls(f.maxItems() + 1))),
                f.name() + " accepts at most " + f.maxItems() + " items (got " + (f.maxItems() + 1) + ")");
    }

    @ParameterizedTest
    @CsvSource({"kling-video-o3-pro/video-edit, 4", "kling-video-o3-std/video-edit, 4", "kling-video-o1-std/edit-video, 7", "alibaba/wan-2.7/video-edit, 3"})
    void contractImageLimitsAreEnforced(String endpoint, int maxItems) {
        assertThat(RequestValidator.validate(model(endpoint), bodyWith(endpoint, "imageUrls", urls(maxItems))).imageUrls()).hasSize(maxItems);
        assertInvalidParameters(rejection(model(endpoint), bodyWith(endpoint, "imageUrls", urls(maxItems + 1))),
                "imageUrls accepts at most " + maxItems + " items");
    }

    @Test
    void wanNeedsAtLeastOneImage() {
        assertInvalidParameters(rejection(model(WAN), bodyWith(WAN, "imageUrls", JSON.arrayNode())), "imageUrls needs at least one URL");
    }

    @ParameterizedTest
    @ValueSource(strings = {O1, O3_PRO, O3_STD})
    void emptyOptionalImageListIsDropped(String endpoint) {
        assertThat(params(model(endpoint), bodyWith(endpoint, "imageUrls", JSON.arrayNode())).has("imageUrls")).isFalse();
    }

    @ParameterizedTest
    @MethodSource("mediaFields")
    void singleUrlStringIsAcceptedForASingleMediaFieldAndRefusedForAList(ModelSpec m, FieldSpec f) {
        JsonNode body = bodyWith(m, f.name(), JSON.textNode("https://cdn.example.com/one.png"));
        if (f.list()) {
            assertInvalidParameters(rejection(m, body), f.name() + " must be a JSON array of URL strings");
        } else {
            assertThat(params(m, body).get(f.name())).isEqualTo(JSON.textNode("https://cdn.example.com/one.png"));
        }
    }

    @Test
    void singleVideoUrlInAOneItemArrayIsUnwrapped() {
        assertThat(RequestValidator.validate(model(O3_PRO), bodyWith(O3_PRO, "videoUrl", JSON.arrayNode().add(VIDEO_URL))).videoUrl())
                .contains(VIDEO_URL);
    }

    // ---------------------------------------------------------------- URLs

    static Stream<Arguments> badUrls() {
        List<String> bad = List.of(
                "ftp://cdn.example.com/in.mp4",
                "file:///etc/passwd",
                "javascript:alert(1)",
                "http://",
                "https://",
                "http:///in.mp4",
                "//cdn.example.com/in.mp4",
                "/uploads/in.mp4",
                "in.mp4",
                "cdn.example.com/in.mp4",
                "data:text/plain,hello",
                "data:image/png,rawbytes",
                "data:image/png;base64,",
                "data:image/png;base64,@@not base64!!",
                "https://cdn.example.com/" + "a".repeat(RequestValidator.MAX_URL_LENGTH));
        return CATALOG.models().stream().flatMap(m -> m.fields().stream().filter(f -> f.type().isMedia())
                .flatMap(f -> bad.stream().map(u -> Arguments.of(Named.of(m.endpoint(), m), Named.of(f.name(), f),
                        Named.of(u.length() > 60 ? u.substring(0, 60) + "…" : u, u)))));
    }

    @ParameterizedTest
    @MethodSource("badUrls")
    void unfetchableUrlIsRejectedWith1001NamingTheField(ModelSpec m, FieldSpec f, String url) {
        JsonNode value = f.list() ? JSON.arrayNode().add(IMAGE_URL).add(url) : JSON.textNode(url);
        String where = f.list() ? f.name() + "[1]" : f.name();
        VeditException e = rejection(m, bodyWith(m, f.name(), value));
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_URL);
        assertThat(e.code().code()).isEqualTo("1001");
        assertThat(e.getMessage()).startsWith("Invalid URL, please check your link: invalid parameter " + where + ", not a valid URL")
                .contains(" | URL 无效，请检查链接：参数错误：" + where + " ");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://cdn.example.com/in.mp4",
            "http://localhost:8080/openapi/media/abc.mp4",
            "HTTPS://CDN.EXAMPLE.COM/IN.MP4",
            "https://cdn.example.com/in.mp4?sig=a%2Fb&exp=1",
            "http://10.0.0.7/in.mp4",
            PNG_DATA_URI})
    void fetchableUrlIsAcceptedInEveryMediaField(String url) {
        for (ModelSpec m : CATALOG.models()) {
            for (FieldSpec f : m.fields()) {
                if (!f.type().isMedia()) {
                    continue;
                }
                JsonNode value = f.list() ? JSON.arrayNode().add(url) : JSON.textNode(url);
                JsonNode got = params(m, bodyWith(m, f.name(), value)).get(f.name());
                assertThat(f.list() ? got.get(0).asText() : got.asText()).as("%s %s", m.endpoint(), f.name()).isEqualTo(url);
            }
        }
    }

    @Test
    void surroundingWhitespaceIsStrippedFromUrls() {
        ValidatedRequest r = RequestValidator.validate(model(O3_PRO), bodyWith(O3_PRO, "videoUrl", JSON.textNode("  " + VIDEO_URL + "\n")));
        assertThat(r.videoUrl()).contains(VIDEO_URL);
    }

    @Test
    void validPngDataUriIsAcceptedAsAReferenceImage() {
        ValidatedRequest r = RequestValidator.validate(model(WAN), bodyWith(WAN, "imageUrls", JSON.arrayNode().add(PNG_DATA_URI)));
        assertThat(r.imageUrls()).containsExactly(PNG_DATA_URI);
    }

    // ---------------------------------------------------------------- extra fields and webhook

    @ParameterizedTest
    @MethodSource("models")
    void fieldsTheModelDoesNotKnowAreIgnoredAndAbsentFromParams(ModelSpec m) {
        ObjectNode body = minimalBody(m);
        body.put("apiKey", "sk-secret");
        body.set("elementList", json("[{\"id\":1}]"));
        body.put("unknownField", 12);
        body.put("webhookUrl", "https://hooks.example.com/done");
        ObjectNode p = params(m, body);
        assertThat(names(p)).doesNotContain("apiKey", "elementList", "unknownField", "webhookUrl");
        assertThat(m.fields().stream().map(FieldSpec::name).toList()).containsAll(names(p));
    }

    @ParameterizedTest
    @MethodSource("models")
    void paramsHoldEveryGivenOrDefaultedFieldInCatalogOrder(ModelSpec m) {
        List<String> expected = m.fields().stream().filter(f -> f.required() || f.defaultValue() != null).map(FieldSpec::name).toList();
        assertThat(names(params(m, minimalBody(m)))).containsExactlyElementsOf(expected);
    }

    @Test
    void webhookUrlIsOptional() {
        assertThat(RequestValidator.validate(model(O3_PRO), minimalBody(model(O3_PRO))).webhookUrl()).isNull();
        assertThat(RequestValidator.validate(model(O3_PRO), bodyWith(O3_PRO, "webhookUrl", JSON.nullNode())).webhookUrl()).isNull();
        assertThat(RequestValidator.validate(model(O3_PRO), bodyWith(O3_PRO, "webhookUrl", JSON.textNode(" "))).webhookUrl()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://hooks.example.com/vedit?token=abc", "http://127.0.0.1:9000/hook"})
    void httpWebhookUrlIsKept(String url) {
        assertThat(RequestValidator.validate(model(GROK), bodyWith(GROK, "webhookUrl", JSON.textNode(url))).webhookUrl()).isEqualTo(url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://hooks.example.com/x", "file:///tmp/hook", "javascript:alert(1)", "http://", "/hook", "hooks.example.com/x",
            PNG_DATA_URI})
    void nonHttpWebhookUrlIsRejectedWith1007(String url) {
        VeditException e = rejection(model(GROK), bodyWith(GROK, "webhookUrl", JSON.textNode(url)));
        assertThat(e.getMessage()).isEqualTo(
                "Invalid parameters: webhookUrl must be an http:// or https:// URL with a host | 参数错误：webhookUrl 必须是带主机名的 http:// 或 https:// 链接");
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETERS);
    }

    @Test
    void webhookUrlOverTheStoredLengthIsRejectedByTheRuleEveryEntryPointShares() {
        String url = "https://hooks.example.com/" + "a".repeat(RequestValidator.MAX_URL_LENGTH);
        assertInvalidParameters(rejection(model(GROK), bodyWith(GROK, "webhookUrl", JSON.textNode(url))),
                "webhookUrl is longer than 4096 characters");
        assertThatThrownBy(() -> RequestValidator.webhookUrl(url, ErrorCode.INVALID_URL))
                .isInstanceOfSatisfying(VeditException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_URL))
                .hasMessageContaining("longer than 4096");
        assertThat(RequestValidator.webhookUrl("  https://h.example/x ", ErrorCode.INVALID_URL)).isEqualTo("https://h.example/x");
        assertThat(RequestValidator.webhookUrl(" ", ErrorCode.INVALID_URL)).isNull();
    }

    @Test
    void webhookUrlOfTheWrongTypeIsRejectedWith1007() {
        assertInvalidParameters(rejection(model(GROK), bodyWith(GROK, "webhookUrl", json("42"))), "webhookUrl must be a URL string");
        assertInvalidParameters(rejection(model(GROK), bodyWith(GROK, "webhookUrl", json("[\"https://hooks.example.com\"]"))), "webhookUrl must be");
    }

    // ---------------------------------------------------------------- the validated request

    @Test
    void validatedRequestExposesPromptVideoImagesAndOptions() {
        ObjectNode body = minimalBody(model(WAN));
        body.put("videoUrl", VIDEO_URL);
        body.set("imageUrls", urls(2));
        body.put("resolution", "1080p");
        body.put("seed", 7);
        ValidatedRequest r = RequestValidator.validate(model(WAN), body);
        assertThat(r.videoUrl()).contains(VIDEO_URL);
        assertThat(r.imageUrls()).containsExactly("https://cdn.example.com/ref0.png", "https://cdn.example.com/ref1.png");
        assertThat(r.option("resolution")).contains("1080P");
        assertThat(r.option("seed")).contains("7");
        assertThat(r.option("promptExtend")).contains("true");
        assertThat(r.option("negativePrompt")).isEmpty();
    }

    @Test
    void wanWithoutVideoHasNoVideoUrl() {
        assertThat(RequestValidator.validate(model(WAN), minimalBody(model(WAN))).videoUrl()).isEmpty();
    }

    @Test
    void validationDoesNotModifyTheBody() {
        ObjectNode body = minimalBody(model(WAN));
        body.put("resolution", "1080p");
        body.put("apiKey", "k");
        ObjectNode before = body.deepCopy();
        RequestValidator.validate(model(WAN), body);
        assertThat(body).isEqualTo(before);
    }
}
