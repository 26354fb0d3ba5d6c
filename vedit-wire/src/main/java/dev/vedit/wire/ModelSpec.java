package dev.vedit.wire;

import java.util.List;
import java.util.Optional;

/**
 * One video-edit model endpoint.
 *
 * @param endpoint the path below {@code /openapi/v2/}, e.g. {@code kling-video-o3-pro/video-edit}
 * @param aliases  catalog display names also accepted as paths
 * @param output   what the model produces ({@code video})
 * @param fields   its request fields, in catalog order
 * @param limits   its limits
 */
public record ModelSpec(String endpoint, List<String> aliases, String output, List<FieldSpec> fields, ModelLimits limits) {

    public ModelSpec {
        aliases = List.copyOf(aliases);
        fields = List.copyOf(fields);
    }

    public Optional<FieldSpec> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** The field holding the source video, if the model has one. */
    public Optional<FieldSpec> videoField() {
        return fields.stream().filter(f -> f.type() == FieldType.VIDEO).findFirst();
    }

    /** The field holding reference images, if the model has one. */
    public Optional<FieldSpec> imageField() {
        return fields.stream().filter(f -> f.type() == FieldType.IMAGE).findFirst();
    }
}
