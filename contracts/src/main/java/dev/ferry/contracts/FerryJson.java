package dev.ferry.contracts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.util.stream.Collectors;

/**
 * The one JSON codec for every Ferry event. Unknown fields are tolerated (a newer producer may add some), nulls are
 * left out, instants are ISO-8601 strings, and decoding errors never echo the input.
 */
public final class FerryJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .serializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            .build();

    private FerryJson() {
    }

    /** The shared mapper, for code that needs trees; do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static byte[] encode(Object event) {
        try {
            return MAPPER.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new ContractViolation("cannot encode " + event.getClass().getSimpleName() + ": " + describe(e), e);
        }
    }

    public static String encodeToString(Object event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new ContractViolation("cannot encode " + event.getClass().getSimpleName() + ": " + describe(e), e);
        }
    }

    public static <T> T decode(byte[] json, Class<T> type) {
        if (json == null || json.length == 0) {
            throw new ContractViolation("cannot decode " + type.getSimpleName() + ": empty message");
        }
        try {
            T value = MAPPER.readValue(json, type);
            if (value == null) {
                throw new ContractViolation("cannot decode " + type.getSimpleName() + ": the message is JSON null");
            }
            return value;
        } catch (IOException e) {
            // Keep the cause out: Jackson's own messages quote the input, which may be patient data.
            throw new ContractViolation("cannot decode " + type.getSimpleName() + ": " + describe(e));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ContractViolation("cannot decode " + type.getSimpleName() + ": a required value is invalid");
        }
    }

    public static <T> T decode(String json, Class<T> type) {
        return decode(json == null ? null : json.getBytes(java.nio.charset.StandardCharsets.UTF_8), type);
    }

    /** A description of a Jackson failure that names the kind of problem and the JSON path, and nothing of the input. */
    static String describe(Exception e) {
        String kind = switch (e.getClass().getSimpleName()) {
            case "JsonParseException", "JsonEOFException" -> "not well-formed JSON";
            case "MismatchedInputException" -> "a value has the wrong type or shape";
            case "InvalidFormatException" -> "a value has the wrong format";
            case "InvalidTypeIdException" -> "unknown or missing type";
            case "ValueInstantiationException" -> "a required value is missing or invalid";
            default -> "unreadable (" + e.getClass().getSimpleName() + ")";
        };
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            String path = m.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
            return kind + " at " + path;
        }
        return kind;
    }
}
