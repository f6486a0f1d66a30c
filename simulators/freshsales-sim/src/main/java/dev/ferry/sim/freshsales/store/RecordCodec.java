package dev.ferry.sim.freshsales.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.smile.SmileFactory;
import com.fasterxml.jackson.dataformat.smile.SmileGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Stored records are Smile bytes of the sparse stored document (no nulls, timestamps as epoch millis);
 * a tree of nodes per record would cost several times the memory.
 */
public final class RecordCodec {

    private static final ObjectMapper SMILE = new ObjectMapper(SmileFactory.builder()
            .enable(SmileGenerator.Feature.CHECK_SHARED_NAMES)
            .disable(SmileGenerator.Feature.WRITE_HEADER)
            .disable(com.fasterxml.jackson.dataformat.smile.SmileParser.Feature.REQUIRE_HEADER)
            .build());

    private RecordCodec() {
    }

    public static byte[] encode(ObjectNode doc) {
        try {
            return SMILE.writeValueAsBytes(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ObjectNode decode(byte[] bytes) {
        try {
            return (ObjectNode) SMILE.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
