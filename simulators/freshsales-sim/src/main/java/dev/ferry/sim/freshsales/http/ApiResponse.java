package dev.ferry.sim.freshsales.http;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a handler answers.
 *
 * @param status HTTP status
 * @param body   JSON body, or null for none
 */
public record ApiResponse(int status, JsonNode body) {

    public static ApiResponse ok(JsonNode body) {
        return new ApiResponse(200, body);
    }

    public static ApiResponse of(int status, JsonNode body) {
        return new ApiResponse(status, body);
    }
}
