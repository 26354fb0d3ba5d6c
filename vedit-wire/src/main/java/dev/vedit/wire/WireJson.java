package dev.vedit.wire;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The JSON settings both the server and the SDK use for wire types. */
public final class WireJson {
    private WireJson() {
    }

    /** A new mapper: unknown fields ignored (the contract grows), nulls written only where a type asks for them. */
    public static ObjectMapper newMapper() {
        return JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }
}
